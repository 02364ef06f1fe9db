// Types of the gongkai browser package (web/src/gongkai.js). The report,
// finding, outcome and option types are those of the WebAssembly module
// (crates/gongkai-wasm, generated into pkg/gongkai_wasm.d.ts): one source.
import type { FormDef, Outcome, ReportInput, Report, Lang } from "../pkg/gongkai_wasm.js";

export type {
  CellValue,
  FormDef,
  Finding,
  GongkaiError,
  Lang,
  Meta,
  Note,
  Outcome,
  PairOptions,
  RenderOptions,
  Report,
  ReportInput,
  RuleId,
  Section,
  Severity,
  Sum,
  ValidateOptions,
} from "../pkg/gongkai_wasm.js";
export type { TextRun } from "../pkg-files/gongkai_wasm.js";
export {
  parse,
  validate,
  validatePair,
  render,
  stylesheet,
  isReading,
  forms,
  loadForm,
  aggregate,
  checkSum,
} from "../pkg/gongkai_wasm.js";

/**
 * The minimal shape of a pdf.js document (PDFDocumentProxy) that gongkai
 * uses; pdf.js is an optional peer dependency, not bundled.
 */
export interface PdfJsDocument {
  numPages: number;
  getPage(pageNumber: number): Promise<{
    getTextContent(): Promise<{ items: Array<{ str?: string; transform?: number[]; width?: number; height?: number }> }>;
    cleanup?(): unknown;
  }>;
}
/** The positioned text runs of a pdf.js document, page by page (from 1). */
export function runsFromPdfJs(pdfDocument: PdfJsDocument): Promise<import("../pkg-files/gongkai_wasm.js").TextRun[]>;
/** Reads a report from a pdf.js document (its text layer); a PDF without text gives the note R-3. Loads the file-reading package. */
export function parsePdf(pdfDocument: PdfJsDocument): Promise<Report>;
/** Loads the file-reading package (pkg-files: Word and PDF readers) once. */
export function loadFiles(input?: string | URL): Promise<unknown>;
/** Reads a report from a Word document or a text file (File, Blob, ArrayBuffer or bytes), sniffed by content. */
export function parseFile(file: Blob | ArrayBuffer | Uint8Array): Promise<Report>;
/** Whether the bytes are a PDF (read those with pdf.js and parsePdf). */
export function isPdf(bytes: Uint8Array): boolean;

/** Loads the WebAssembly module; any number of calls, one load. */
export function init(input?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
/** Synchronous init from the module's bytes or a compiled module (workers). */
export function initSync(module: BufferSource | WebAssembly.Module): void;

export interface AttachOptions {
  /** The form the page's tables are (default "2021"). */
  form?: string;
  /** Language of the messages (default "zh-CN"). */
  lang?: Lang;
  /** The report year, for the form-year rule. */
  year?: number;
  /** Prevent the form's submit while there are errors (default false). */
  blockSubmitOnError?: boolean;
  /** Where to put the summary list (default: a new element at the top of the form). */
  summary?: HTMLElement;
  /** Called with every new outcome (also dispatched as "gongkai:findings"). */
  onFindings?: (outcome: Outcome) => void;
  /** Where the .wasm is, when not next to the package. */
  wasm?: string | URL;
}

export type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

export interface Attachment {
  /** False when the WebAssembly module could not load (the page said so once). */
  readonly active: boolean;
  readonly outcome: Outcome;
  readonly findings: Outcome["findings"];
  /** Cell address -> the input mapped to it. */
  readonly fields: Map<string, Field>;
  /** The mapped cell addresses. */
  readonly cells: string[];
  /** The report the form holds now. */
  report(): ReportInput & { form: string; cells: Report["cells"] };
  /** Validates now; also runs on every input and change event. */
  validate(): Outcome;
  /** Removes every mark, listener and the summary gongkai added. */
  detach(): void;
}

/**
 * Attaches gongkai to a portal's report form: maps inputs by data-cell or
 * name, or by the official tables' Chinese labels; validates on every input;
 * marks failing cells (aria-invalid, class gk-invalid gk-error|gk-warning, a
 * message tied by aria-describedby); keeps a summary list; dispatches
 * "gongkai:findings" (detail: Outcome) on the form. Never throws: when the
 * module cannot load, the attachment is inactive and the page says so once.
 */
export function attach(formElement: HTMLElement, options?: AttachOptions): Promise<Attachment>;

/** A label as compared when recognising tables: NFKC, no spaces. */
export function norm(label: string): string;
/** Maps the inputs of the official tables under root by their labels. */
export function recognise(root: ParentNode, def: FormDef): Map<string, Field>;

declare global {
  interface HTMLElementEventMap {
    "gongkai:findings": CustomEvent<Outcome>;
  }
}
