//! gongkai for the browser: the core compiled to WebAssembly.
//!
//! This crate only converts types and calls the core (`gongkai`): every
//! finding, message and reading comes from there, so the page gets byte for
//! byte what the CLI and the Python module get.
//!
//! ```js
//! import init, { parse, validate, forms, loadForm } from "./pkg/gongkai_wasm.js";
//! await init();
//! const report = parse(text);                 // published text, HTML, Markdown or report JSON
//! const outcome = validate(report, { lang: "en", previous: lastYear });
//! ```
//!
//! Misuse — an argument of the wrong type, a report that is not a JSON
//! object, a form definition that does not compile, an unknown language —
//! throws an `Error` whose `name` is `"GongkaiError"` and whose `code` is
//! `"usage"`, `"json"`, `"form"` (the core's `Error::code`) or `"internal"`
//! (a bug: a value the binding could not convert). Bad data never throws: it
//! is a finding. No code here panics or unwraps, so nothing traps.

use std::cell::RefCell;

use gongkai::{
    CellValue, Error, Finding, FormDef, Lang, Options, Outcome, Registry, RenderOptions, Report,
};
use js_sys::{Array, Object, Reflect, JSON};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// The forms of this page: the built-in ones plus any `loadForm` added.
    /// `parse`, `validate` and `forms` all use it.
    static REGISTRY: RefCell<Registry> = RefCell::new(Registry::with_builtins());
}

// ---------------------------------------------------------------------------
// Errors

/// A JS `Error` named `GongkaiError` with a `code`.
fn js_error(code: &str, message: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    err.set_name("GongkaiError");
    // Setting a property on a fresh Error cannot fail; if it did, the error
    // would still be thrown, only without its code.
    let _ = Reflect::set(&err, &JsValue::from_str("code"), &JsValue::from_str(code));
    err.into()
}

fn core_error(e: Error) -> JsValue {
    js_error(e.code(), &e.to_string())
}

fn usage(message: &str) -> JsValue {
    js_error("usage", message)
}

/// The type of a JS value, for messages: `undefined`, `null`, `array`, `number`, …
fn type_of(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else if Array::is_array(v) {
        "array".into()
    } else {
        v.js_typeof().as_string().unwrap_or_default()
    }
}

/// The message of a thrown JS value.
fn thrown_message(e: &JsValue) -> String {
    match e.dyn_ref::<js_sys::Error>() {
        Some(err) => String::from(err.message()),
        None => e.as_string().unwrap_or_else(|| type_of(e)),
    }
}

// ---------------------------------------------------------------------------
// Registry

/// Runs `f` with the page's registry. The registry is only borrowed while
/// the core runs (which calls no JS), never across a JS call.
fn with_registry<T>(f: impl FnOnce(&Registry) -> T) -> Result<T, JsValue> {
    REGISTRY
        .try_with(|r| r.try_borrow().map(|reg| f(&reg)).ok())
        .ok()
        .flatten()
        .ok_or_else(|| js_error("internal", "the form registry is not available"))
}

// ---------------------------------------------------------------------------
// JS -> Rust

/// JSON text of an argument: a string as is, a plain object or array written
/// with `JSON.stringify` (so a page's object reads exactly as its JSON would).
fn json_text(v: &JsValue, what: &str, kind: &str) -> Result<String, JsValue> {
    if let Some(s) = v.as_string() {
        return Ok(s);
    }
    if !v.is_object() {
        return Err(usage(&format!(
            "{what} must be {kind} or its JSON text, not {}",
            type_of(v)
        )));
    }
    // JSON.stringify throws on cycles and BigInts, and on nesting deeper than
    // the JS stack: an error of the argument, not of the binding.
    let text = JSON::stringify(v).map_err(|e| {
        js_error(
            "json",
            &format!("{what} cannot be written as JSON: {}", thrown_message(&e)),
        )
    })?;
    JsValue::from(text)
        .as_string()
        .ok_or_else(|| js_error("json", &format!("{what} cannot be written as JSON")))
}

/// A report given as an object (the model.md shape) or as its JSON text.
fn report_arg(v: &JsValue, what: &str) -> Result<Report, JsValue> {
    if Array::is_array(v) {
        return Err(usage(&format!(
            "{what} must be a report object or its JSON text, not an array"
        )));
    }
    let text = json_text(v, what, "a report object")?;
    Report::from_json(&text).map_err(core_error)
}

/// `{lang?, previous?}`; `previous` only where `allow_previous`.
struct Opts {
    options: Options,
    previous: Option<Report>,
}

fn options_arg(v: Option<Object>, allow_previous: bool) -> Result<Opts, JsValue> {
    let mut opts = Opts {
        options: Options::default(),
        previous: None,
    };
    let Some(obj) = v else {
        return Ok(opts);
    };
    let value: &JsValue = obj.as_ref();
    if value.is_undefined() || value.is_null() {
        return Ok(opts);
    }
    if !value.is_object() || Array::is_array(value) {
        return Err(usage(&format!(
            "options must be an object such as {{lang: \"en\"}}, not {}",
            type_of(value)
        )));
    }
    let allowed: &[&str] = if allow_previous {
        &["lang", "previous"]
    } else {
        &["lang"]
    };
    for key in Object::keys(&obj).iter() {
        let key = key.as_string().unwrap_or_default();
        if !allowed.contains(&key.as_str()) {
            return Err(usage(&format!(
                "unknown option {key:?} (options are {})",
                allowed.join(", ")
            )));
        }
    }
    let get = |key: &str| {
        Reflect::get(value, &JsValue::from_str(key))
            .map_err(|e| usage(&format!("options.{key}: {}", thrown_message(&e))))
    };
    let lang = get("lang")?;
    if !(lang.is_undefined() || lang.is_null()) {
        let Some(tag) = lang.as_string() else {
            return Err(usage(&format!(
                "options.lang must be \"zh-CN\" or \"en\", not {}",
                type_of(&lang)
            )));
        };
        opts.options.lang = tag.parse::<Lang>().map_err(core_error)?;
    }
    if allow_previous {
        let prev = get("previous")?;
        if !(prev.is_undefined() || prev.is_null()) {
            opts.previous = Some(report_arg(&prev, "options.previous")?);
        }
    }
    Ok(opts)
}

// ---------------------------------------------------------------------------
// Rust -> JS

/// Plain objects for maps, `null` for `None`: the JSON shape of model.md,
/// so `JSON.stringify` of a result is the core's JSON.
const TO_JS: serde_wasm_bindgen::Serializer = serde_wasm_bindgen::Serializer::new()
    .serialize_missing_as_null(true)
    .serialize_maps_as_objects(true);

fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&TO_JS)
        .map_err(|e| js_error("internal", &e.to_string()))
}

/// Integers a JS number cannot hold exactly (beyond ±2^53) stay text, as
/// printed, rather than be rounded: the core reads the text the same way.
fn js_safe_cells(report: &mut Report) {
    const MAX_SAFE: u64 = (1 << 53) - 1;
    for value in report.cells.values_mut() {
        if let CellValue::Number(n) = value {
            let safe = match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => u <= MAX_SAFE,
                (None, Some(i)) => i.unsigned_abs() <= MAX_SAFE,
                _ => true, // a float
            };
            if !safe {
                *value = CellValue::Text(n.to_string());
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Exports. The TypeScript signatures are written out in the section below.

/// Reads a report from published text, an HTML page or fragment, Markdown,
/// or the report JSON. Throws only when JSON text is not a report.
#[wasm_bindgen(skip_typescript)]
pub fn parse(text: JsValue) -> Result<JsValue, JsValue> {
    let Some(text) = text.as_string() else {
        return Err(usage(&format!(
            "parse takes the report's text as a string, not {}",
            type_of(&text)
        )));
    };
    let mut report = with_registry(|reg| reg.parse(&text))?.map_err(core_error)?;
    js_safe_cells(&mut report);
    to_js(&report)
}

/// Reads a report from positioned text runs `{page, x, y, width, height,
/// text}` (PDF user space: points, y up), the tables rebuilt by geometry in
/// the core. A PDF with no text gives a report with the note R-3. Missing or
/// non-numeric coordinates read as NaN, which the core drops; a `text` that
/// is not a string is misuse.
#[cfg(feature = "files")]
#[wasm_bindgen(js_name = parseRuns, skip_typescript)]
pub fn parse_runs(runs: JsValue) -> Result<JsValue, JsValue> {
    if !Array::is_array(&runs) {
        return Err(usage(&format!(
            "parseRuns takes an array of {{page, x, y, width, height, text}}, not {}",
            type_of(&runs)
        )));
    }
    // Field by field rather than through serde: a fraction of the code size.
    let keys = ["page", "x", "y", "width", "height", "text"].map(JsValue::from_str);
    let items = Array::from(&runs);
    let mut out = Vec::with_capacity(items.length() as usize);
    for (i, item) in items.iter().enumerate() {
        if !item.is_object() {
            return Err(usage(&format!(
                "parseRuns: runs[{i}] must be an object, not {}",
                type_of(&item)
            )));
        }
        let get = |k: usize| Reflect::get(&item, &keys[k]).unwrap_or(JsValue::UNDEFINED);
        let num = |k: usize| get(k).as_f64().unwrap_or(f64::NAN);
        let text = get(5);
        let text = if text.is_undefined() || text.is_null() {
            String::new()
        } else {
            text.as_string().ok_or_else(|| {
                usage(&format!(
                    "parseRuns: runs[{i}].text must be a string, not {}",
                    type_of(&text)
                ))
            })?
        };
        let page = num(0);
        out.push(gongkai::Run {
            // `as` saturates: NaN and negative pages are page 0.
            page: page as u32,
            x: num(1),
            y: num(2),
            width: num(3),
            height: num(4),
            text,
        });
    }
    let runs = out;
    let mut report = with_registry(|reg| reg.parse_runs(&runs))?.map_err(core_error)?;
    js_safe_cells(&mut report);
    to_js(&report)
}

/// Reads a report from a file's bytes (a `Uint8Array`), sniffed by content:
/// a Word document (.docx) or text (UTF-8). A PDF's bytes are misuse here:
/// its text layer comes from pdf.js (`parseRuns`).
#[cfg(feature = "files")]
#[wasm_bindgen(js_name = parseFile, skip_typescript)]
pub fn parse_file(bytes: JsValue) -> Result<JsValue, JsValue> {
    let Some(bytes) = bytes.dyn_ref::<js_sys::Uint8Array>() else {
        return Err(usage(&format!(
            "parseFile takes the file's bytes as a Uint8Array, not {}",
            type_of(&bytes)
        )));
    };
    let bytes = bytes.to_vec();
    if gongkai::sniff_bytes(&bytes) == gongkai::FileKind::Pdf {
        return Err(usage(
            "parseFile reads Word and text files; read a PDF with parsePdf (pdf.js)",
        ));
    }
    let mut report = with_registry(|reg| reg.parse_bytes(&bytes))?.map_err(core_error)?;
    js_safe_cells(&mut report);
    to_js(&report)
}

/// Checks a report (object or JSON text); with `options.previous`, also the
/// cross-year rules against the previous year's report.
#[wasm_bindgen(skip_typescript)]
pub fn validate(report: JsValue, options: Option<Object>) -> Result<JsValue, JsValue> {
    let report = report_arg(&report, "report")?;
    let opts = options_arg(options, true)?;
    let outcome: Outcome = with_registry(|reg| match &opts.previous {
        Some(prev) => reg.validate_pair(prev, &report, &opts.options),
        None => reg.validate(&report, &opts.options),
    })?;
    to_js(&outcome)
}

/// Checks a report with the previous year's report of the same body.
#[wasm_bindgen(js_name = validatePair, skip_typescript)]
pub fn validate_pair(
    previous: JsValue,
    current: JsValue,
    options: Option<Object>,
) -> Result<JsValue, JsValue> {
    let previous = report_arg(&previous, "previous")?;
    let current = report_arg(&current, "current")?;
    let opts = options_arg(options, false)?;
    let outcome: Outcome =
        with_registry(|reg| reg.validate_pair(&previous, &current, &opts.options))?;
    to_js(&outcome)
}

/// The definition (form file JSON) of every form known to this page: the
/// built-in ones, then those added with `loadForm`.
#[wasm_bindgen(skip_typescript)]
pub fn forms() -> Result<JsValue, JsValue> {
    let defs: Vec<FormDef> = with_registry(|reg| reg.forms().map(|f| f.def().clone()).collect())?;
    to_js(&defs)
}

/// Adds a form definition (object or JSON text, in the format of the core's
/// `forms/*.json`) for `parse` and `validate`; returns its id. A form with
/// the id of a known one replaces it.
#[wasm_bindgen(js_name = loadForm, skip_typescript)]
pub fn load_form(definition: JsValue) -> Result<String, JsValue> {
    if Array::is_array(&definition) {
        return Err(usage(
            "loadForm takes a form definition object or its JSON text, not an array",
        ));
    }
    let text = json_text(&definition, "the form definition", "an object")?;
    REGISTRY
        .try_with(|r| {
            r.try_borrow_mut().ok().map(|mut reg| {
                reg.load_form(&text)
                    .map(|form| form.id().to_string())
                    .map_err(core_error)
            })
        })
        .ok()
        .flatten()
        .unwrap_or_else(|| Err(js_error("internal", "the form registry is not available")))
}

/// The report's tables as the official form prints them: `options.format`
/// is `html` (default), `text`, `md` or `csv`; `options.findings` (from
/// `validate`) are marked on their cells and listed; `options.page` gives a
/// whole HTML page; `options.normalize` prints 无, — and / as 0. Everything
/// from the report is escaped by the core.
#[wasm_bindgen(skip_typescript)]
pub fn render(report: JsValue, options: Option<Object>) -> Result<String, JsValue> {
    let report = report_arg(&report, "report")?;
    let (opts, findings) = render_options(options)?;
    with_registry(|reg| reg.render(&report, &findings, &opts))?.map_err(core_error)
}

/// Adds reports of one form cell by cell: `{report, findings}` (A-2 for
/// values that are not numbers). Reports of different or unknown forms are
/// misuse.
#[wasm_bindgen(skip_typescript)]
pub fn aggregate(reports: JsValue, options: Option<Object>) -> Result<JsValue, JsValue> {
    let reports = reports_arg(&reports, "reports")?;
    let opts = options_arg(options, false)?;
    let sum =
        with_registry(|reg| reg.aggregate(&reports, opts.options.lang))?.map_err(core_error)?;
    let mut report = sum.report;
    js_safe_cells(&mut report);
    #[derive(Serialize)]
    struct SumJs<'a> {
        report: &'a Report,
        findings: &'a [Finding],
    }
    to_js(&SumJs {
        report: &report,
        findings: &sum.findings,
    })
}

/// Checks a summary report against the sum of its parts, cell by cell (A-1).
#[wasm_bindgen(js_name = checkSum, skip_typescript)]
pub fn check_sum(
    summary: JsValue,
    parts: JsValue,
    options: Option<Object>,
) -> Result<JsValue, JsValue> {
    let summary = report_arg(&summary, "summary")?;
    let parts = reports_arg(&parts, "parts")?;
    let opts = options_arg(options, false)?;
    let outcome = with_registry(|reg| reg.check_sum(&summary, &parts, opts.options.lang))?
        .map_err(core_error)?;
    to_js(&outcome)
}

/// An array of reports (objects or JSON texts).
fn reports_arg(v: &JsValue, what: &str) -> Result<Vec<Report>, JsValue> {
    if !Array::is_array(v) {
        return Err(usage(&format!(
            "{what} must be an array of reports, not {}",
            type_of(v)
        )));
    }
    Array::from(v)
        .iter()
        .enumerate()
        .map(|(i, r)| report_arg(&r, &format!("{what}[{i}]")))
        .collect()
}

/// Whether a finding (of an outcome) is the reader's — what gongkai could
/// not read or check — rather than the report's fault: the core's
/// `summary::is_reading`, so a page groups findings as the CLI does.
#[wasm_bindgen(js_name = isReading, skip_typescript)]
pub fn is_reading(finding: JsValue) -> Result<bool, JsValue> {
    if Array::is_array(&finding) {
        return Err(usage("isReading takes one finding, not an array"));
    }
    let text = json_text(&finding, "the finding", "a finding object")?;
    let finding: Finding = serde_json::from_str(&text)
        .map_err(|e| js_error("json", &format!("not a finding: {e}")))?;
    Ok(gongkai::summary::is_reading(&finding))
}

/// The default stylesheet of rendered HTML, for a page to inline or self-host.
#[wasm_bindgen(skip_typescript)]
pub fn stylesheet() -> String {
    gongkai::render::STYLESHEET.to_string()
}

/// `{format?, findings?, lang?, page?, normalize?}`.
fn render_options(v: Option<Object>) -> Result<(RenderOptions, Vec<Finding>), JsValue> {
    let mut opts = RenderOptions::default();
    let mut findings = Vec::new();
    let Some(obj) = v else {
        return Ok((opts, findings));
    };
    let value: &JsValue = obj.as_ref();
    if value.is_undefined() || value.is_null() {
        return Ok((opts, findings));
    }
    if !value.is_object() || Array::is_array(value) {
        return Err(usage(&format!(
            "options must be an object such as {{format: \"html\"}}, not {}",
            type_of(value)
        )));
    }
    const ALLOWED: &[&str] = &["format", "findings", "lang", "page", "normalize"];
    for key in Object::keys(&obj).iter() {
        let key = key.as_string().unwrap_or_default();
        if !ALLOWED.contains(&key.as_str()) {
            return Err(usage(&format!(
                "unknown option {key:?} (options are {})",
                ALLOWED.join(", ")
            )));
        }
    }
    let get = |key: &str| {
        Reflect::get(value, &JsValue::from_str(key))
            .map_err(|e| usage(&format!("options.{key}: {}", thrown_message(&e))))
            .map(|v| (!(v.is_undefined() || v.is_null())).then_some(v))
    };
    let string = |key: &str, v: JsValue| {
        v.as_string().ok_or_else(|| {
            usage(&format!(
                "options.{key} must be a string, not {}",
                type_of(&v)
            ))
        })
    };
    let boolean = |key: &str, v: JsValue| {
        v.as_bool().ok_or_else(|| {
            usage(&format!(
                "options.{key} must be true or false, not {}",
                type_of(&v)
            ))
        })
    };
    if let Some(v) = get("format")? {
        opts.format = string("format", v)?.parse().map_err(core_error)?;
    }
    if let Some(v) = get("lang")? {
        opts.lang = string("lang", v)?.parse::<Lang>().map_err(core_error)?;
    }
    if let Some(v) = get("page")? {
        opts.page = boolean("page", v)?;
    }
    if let Some(v) = get("normalize")? {
        opts.normalize = boolean("normalize", v)?;
    }
    if let Some(v) = get("findings")? {
        if !Array::is_array(&v) {
            return Err(usage(&format!(
                "options.findings must be the findings array of an outcome, not {}",
                type_of(&v)
            )));
        }
        let text = json_text(&v, "options.findings", "an array of findings")?;
        findings = serde_json::from_str(&text)
            .map_err(|e| js_error("json", &format!("options.findings are not findings: {e}")))?;
    }
    Ok((opts, findings))
}

/// The file readers, in the separately loaded package (`--features files`).
#[cfg(feature = "files")]
#[wasm_bindgen(typescript_custom_section)]
const TS_FILES: &'static str = r#"
/** A positioned text run: a PDF text-layer item (pdf.js: transform[4], transform[5], width, height, str). */
export interface TextRun {
  /** 1-based page number. */
  page: number;
  /** Start of the baseline, PDF user space (points, y up). */
  x: number;
  y: number;
  width: number;
  height: number;
  text: string;
}

/** Reads a report from positioned text runs, the tables rebuilt by geometry; a PDF with no text gives the note R-3. */
export function parseRuns(runs: TextRun[]): Report;
/** Reads a report from a Word document's or a text file's bytes, sniffed by content. */
export function parseFile(bytes: Uint8Array): Report;
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_API: &'static str = r#"
/** A cell's value: a number, text as printed (money as "18651.06"), or null (present, blank). */
export type CellValue = number | string | null;

export interface Meta {
  body: string | null;
  year: number | null;
  title: string | null;
  /** YYYY-MM-DD */
  published: string | null;
  kind: "government" | "department" | null;
}

export interface Section { key: string; heading: string; text: string }

export interface Note {
  rule: string;
  cell: string | null;
  related: string[];
  expected: string | null;
  actual: string | null;
  args: Record<string, string>;
}

/** The report document of model.md §4. */
export interface Report {
  /** "legacy", "2019", "2021" or a loaded form's id; null when not recognised. */
  form: string | null;
  meta: Meta;
  /** Cells by address "table/row/column"; an absent cell is missing, null is blank. */
  cells: Record<string, CellValue>;
  raw?: Record<string, string>;
  sections?: Section[];
  /** Where each cell was read: [start, end) in Unicode code points of the text given to parse. */
  spans?: Record<string, [number, number]>;
  notes?: Note[];
  /** How the reader got each cell (parsed input only). */
  reads?: Record<string, "cell" | "tokens" | "glued" | "layout" | "detached" | "old_row">;
  /** What the reader is unsure of (a cell, row, table or "section/KEY"), with why:
   *  checks resting on them are R-5 reading notes, not errors. */
  doubts?: Record<string, string>;
  /** Where each cell was read, for a person to find it in the source. */
  places?: Record<string, Place>;
}

/** A place in the source; numbers count from 1; a PDF box is [left, bottom, right, top] in points. */
export interface Place {
  line?: number;
  column?: number;
  table?: number;
  row?: number;
  cell?: number;
  page?: number;
  bbox?: [number, number, number, number];
}

/** A report as validate accepts it: every field may be left out. */
export type ReportInput = Partial<Omit<Report, "meta">> & { meta?: Partial<Meta> };

export type Severity = "error" | "warning" | "info";

/** Every rule id of the built-in forms; a loaded form may add its own. */
export type RuleId =
  | "A-1"
  | "A-2"
  | "C-1"
  | "C-2"
  | "D-1"
  | "F-0"
  | "F-1"
  | "F-2"
  | "F-3"
  | "L1"
  | "L10"
  | "L11"
  | "L12"
  | "L13"
  | "L14"
  | "L15"
  | "L16"
  | "L17"
  | "L18"
  | "L19"
  | "L2"
  | "L3"
  | "L4"
  | "L5"
  | "L6"
  | "L7"
  | "L8"
  | "L9"
  | "P-1"
  | "P-2"
  | "R-1"
  | "R-2"
  | "R-3"
  | "R-5"
  | "R-FMT-3"
  | "S-1"
  | "S-2"
  | "S-3"
  | "S-4"
  | "S-5"
  | "S-6"
  | "T2-1"
  | "T2-2"
  | "T2-3"
  | "T2-5"
  | "T2-6"
  | "T2-7"
  | "T2-8"
  | "T3-1"
  | "T3-10"
  | "T3-2"
  | "T3-3"
  | "T3-4"
  | "T3-5"
  | "T3-6"
  | "T3-7"
  | "T3-8"
  | "T3-9"
  | "T4-1"
  | "T4-2"
  | "X-1"
  | "X-2"
  | "X-3"
  | "X-4"
  | "X-5";

export interface Finding {
  /** Stable: count findings by it. */
  rule: RuleId | (string & {});
  severity: Severity;
  cell: string | null;
  related: string[];
  expected: string | null;
  actual: string | null;
  message: string;
  quote?: string;
  /** Where the finding's cell was read in the source. */
  place?: Place;
}

export interface Outcome {
  valid: boolean;
  findings: Finding[];
  counts: { error: number; warning: number; info: number };
}

export type Lang = "zh-CN" | "en";

export interface ValidateOptions {
  /** Language of messages; default "zh-CN". */
  lang?: Lang;
  /** The same body's previous report: adds the cross-year rules. */
  previous?: ReportInput | string;
}

export interface PairOptions { lang?: Lang }

/** A form file (the core's forms/*.json). */
export interface FormDef {
  id: string;
  title: string;
  title_en?: string;
  basis?: string;
  years: { from: number | null; to: number | null };
  tables: Record<string, unknown>[];
  sections?: Record<string, unknown>[];
  rules: Record<string, unknown>[];
}

/** What every export throws on misuse (never on bad data). */
export interface GongkaiError extends Error {
  name: "GongkaiError";
  code: "usage" | "json" | "form" | "internal";
}

/** Reads a report from published text, an HTML page or fragment, Markdown, or report JSON. */
export function parse(textOrHtml: string): Report;

/** Checks a report; with options.previous also the cross-year rules. */
export function validate(report: ReportInput | string, options?: ValidateOptions): Outcome;
/** Checks a report against the same body's previous report. */
export function validatePair(previous: ReportInput | string, current: ReportInput | string, options?: PairOptions): Outcome;
/** Every form this page knows: the built-in ones, then the loaded ones. */
export function forms(): FormDef[];
/** Adds a form for parse and validate; returns its id. */
export function loadForm(definition: FormDef | string): string;

export interface RenderOptions {
  /** Default "html". */
  format?: "html" | "text" | "md" | "markdown" | "csv";
  /** Findings from validate, marked on their cells and listed. */
  findings?: Finding[];
  /** Language of the words gongkai adds; default "zh-CN". */
  lang?: Lang;
  /** HTML: a whole page with the stylesheet instead of a fragment. */
  page?: boolean;
  /** Print 无, —, / as 0 and every value in its canonical form. */
  normalize?: boolean;
}

/** The report's tables as the official form prints them (escaped HTML, text, Markdown or CSV). */
export function render(report: ReportInput | string, options?: RenderOptions): string;
/** The default stylesheet of rendered HTML (screen and print). */
export function stylesheet(): string;
/** Whether a finding is the reader's (not read / not checked: rules R-* that are not errors), not the report's fault. */
export function isReading(finding: Finding): boolean;

/** The sum of several reports of one form. */
export interface Sum {
  report: Report;
  /** A-2: values that are not numbers, left out of the sum. */
  findings: Finding[];
}
/** Adds reports of one form cell by cell (a city's departments into a city total). */
export function aggregate(reports: (ReportInput | string)[], options?: PairOptions): Sum;
/** Checks a summary report against the sum of its parts, cell by cell (A-1). */
export function checkSum(summary: ReportInput | string, parts: (ReportInput | string)[], options?: PairOptions): Outcome;
"#;
