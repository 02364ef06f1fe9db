// Reading files in the browser: Word documents and PDFs (through pdf.js's
// text layer). The readers are a second WebAssembly package (pkg-files,
// the core built with its file readers) loaded on first use, so the package
// every portal visitor downloads stays small. It is a separate instance:
// forms added with loadForm are not known to it.
let files = null;

/** Loads the file-reading package once; later calls return the same promise. */
export function loadFiles(input) {
  if (!files) {
    files = import("../pkg-files/gongkai_wasm.js").then(
      async (m) => {
        await m.default(input === undefined ? undefined : { module_or_path: input });
        return m;
      },
      (e) => {
        files = null;
        throw e;
      },
    );
  }
  return files;
}

/**
 * Reads a report from a file (a File, Blob, ArrayBuffer or Uint8Array):
 * a Word document (.docx) or text, sniffed by content. For a PDF pass the
 * pdf.js document to parsePdf.
 */
export async function parseFile(file) {
  const bytes =
    file instanceof Uint8Array
      ? file
      : new Uint8Array(file instanceof ArrayBuffer ? file : await file.arrayBuffer());
  const m = await loadFiles();
  return m.parseFile(bytes);
}

/** Whether bytes are a PDF (read it with pdf.js, then parsePdf). */
export function isPdf(bytes) {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  return head.includes("%PDF-");
}
