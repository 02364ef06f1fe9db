// PDF in the browser through pdf.js's text layer. pdf.js is an optional
// peer dependency: it is NOT bundled with gongkai (about 1 MB); a page that
// reads PDFs loads it itself and passes the opened document:
//
//   import * as pdfjsLib from "pdfjs-dist";            // or the page's own copy
//   pdfjsLib.GlobalWorkerOptions.workerSrc = "…/pdf.worker.mjs";
//   const pdf = await pdfjsLib.getDocument({ data: bytes }).promise;
//   const report = await parsePdf(pdf);   // loads the file-reading package (files.js)
//
// Each text item becomes a run {page, x, y, width, height, text} in PDF user
// space (points, y up): transform[4] and transform[5] are the start of its
// baseline. The tables are rebuilt from the runs by the Rust core
// (parseRuns), the same reconstruction the CLI uses for PDF files. A PDF with
// no text layer (a scan) gives a report with the note R-3.
import { loadFiles } from "./files.js";

/**
 * The positioned text runs of a pdf.js document (`PDFDocumentProxy`), page by
 * page (pages numbered from 1).
 */
export async function runsFromPdfJs(pdfDocument) {
  const runs = [];
  for (let n = 1; n <= pdfDocument.numPages; n++) {
    const page = await pdfDocument.getPage(n);
    const content = await page.getTextContent();
    for (const item of content.items) {
      // Marked-content items have no text.
      if (typeof item.str !== "string" || item.str.trim() === "") continue;
      const t = item.transform || [];
      // A glyph's height is the transform's vertical scale when pdf.js gives none.
      const height = item.height > 0 ? item.height : Math.hypot(t[2] || 0, t[3] || 0);
      runs.push({ page: n, x: t[4], y: t[5], width: item.width, height, text: item.str });
    }
    if (typeof page.cleanup === "function") page.cleanup();
  }
  return runs;
}

/** Reads a report from a pdf.js document: `parseRuns(await runsFromPdfJs(pdf))`. */
export async function parsePdf(pdfDocument) {
  const runs = await runsFromPdfJs(pdfDocument);
  return (await loadFiles()).parseRuns(runs);
}
