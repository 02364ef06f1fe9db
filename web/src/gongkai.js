// gongkai for the browser: the Rust core compiled to WebAssembly, and the
// form integration for portals' report-entry pages. No network calls but
// the .wasm file next to this module; no globals; no inline styles or eval.
import initWasm, * as core from "../pkg/gongkai_wasm.js";

export { attach, norm, recognise } from "./attach.js";

let ready = null;

/**
 * Loads the WebAssembly module once; later calls return the same promise.
 * `input` is what wasm-bindgen's init takes (a URL, Response or bytes);
 * by default the .wasm file next to the package.
 */
export function init(input) {
  if (!ready) {
    ready = initWasm(input === undefined ? undefined : { module_or_path: input }).then(
      () => undefined,
      (e) => {
        ready = null; // a later call may try again
        throw e;
      },
    );
  }
  return ready;
}

/** Synchronous init from the module's bytes or a compiled module (workers). */
export function initSync(module) {
  core.initSync({ module });
  ready = Promise.resolve();
}

export const parse = (textOrHtml) => core.parse(textOrHtml);
export const validate = (report, options) => core.validate(report, options);
export const validatePair = (previous, current, options) =>
  core.validatePair(previous, current, options);
export const render = (report, options) => core.render(report, options);
export const stylesheet = () => core.stylesheet();
export const isReading = (finding) => core.isReading(finding);
export const forms = () => core.forms();
export const loadForm = (definition) => core.loadForm(definition);
export const aggregate = (reports, options) => core.aggregate(reports, options);
export const checkSum = (summary, parts, options) => core.checkSum(summary, parts, options);
export { parsePdf, runsFromPdfJs } from "./pdfjs.js";
export { loadFiles, parseFile, isPdf } from "./files.js";
