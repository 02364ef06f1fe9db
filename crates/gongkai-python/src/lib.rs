//! gongkai for Python: the compiled module `gongkai._gongkai`.
//!
//! This crate only converts types and calls the core (`gongkai`): every
//! reading, finding, message and rendering comes from there, so Python gets
//! byte for byte what the CLI and the browser get. The pure-Python package
//! `gongkai` (in `python/`) re-exports what is here and adds the batch
//! runner, pandas frames and `python -m gongkai`.
//!
//! The heavy calls (reading a file, decoding, parsing, validating,
//! rendering) run with the GIL released, so Python threads keep running and
//! a thread pool uses every core.
//!
//! Misuse raises `TypeError` (a wrong type) or `ValueError` (a value out of
//! its domain, core code `usage`); text that should be a report JSON and is
//! not raises `ParseError`, a form definition that does not compile
//! `FormError`, an unreadable file the `OSError` of the system. Bad data in a
//! report never raises: it is a finding. No code here panics or unwraps.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, LazyLock, Mutex, RwLock};

use gongkai::{
    Error as CoreError, Finding as CoreFinding, Lang, Options, Outcome as CoreOutcome, Registry,
    RenderOptions, Report as CoreReport, Severity,
};
use pyo3::exceptions::{PyOSError, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyMemoryView,
    PyString, PyTuple, PyType,
};
use serde_json::{Map, Number, Value};

pyo3::create_exception!(
    gongkai,
    ParseError,
    PyValueError,
    "Text that should be a report JSON is not one (core error code ``json``), or bytes that are neither a Word document, a PDF, nor text in UTF-8, UTF-16 or GBK/GB18030."
);
pyo3::create_exception!(
    gongkai,
    FormError,
    PyValueError,
    "A form definition that does not compile (core error code ``form``); the message says where."
);
pyo3::create_exception!(
    gongkai,
    ValidationError,
    PyValueError,
    "Raised by ``Outcome.raise_for_errors()`` when a report has errors. ``outcome`` is the Outcome, ``errors`` its error findings."
);

// ---------------------------------------------------------------------------
// Errors

/// The Python exception of a core error: json → ParseError, form →
/// FormError, usage → ValueError.
fn core_err(e: CoreError) -> PyErr {
    match e {
        CoreError::Json(_) => ParseError::new_err(e.to_string()),
        CoreError::Form(_) => FormError::new_err(e.to_string()),
        CoreError::Usage(_) => PyValueError::new_err(e.to_string()),
    }
}

/// Why reading and checking a source failed, made without the GIL and
/// turned into a Python exception after.
enum Fail {
    Core(CoreError),
    /// A core error reading this file.
    InFile(PathBuf, CoreError),
    Io(PathBuf, std::io::Error),
    /// Bytes that are no text; the file they came from, if any.
    NotText(Option<PathBuf>),
    /// A batch closed before this source was started.
    Cancelled,
    /// The core panicked (a bug): reported, never a crash.
    Panic(String),
}

impl From<CoreError> for Fail {
    fn from(e: CoreError) -> Self {
        Fail::Core(e)
    }
}

impl Fail {
    fn into_pyerr(self) -> PyErr {
        match self {
            Fail::Core(e) => core_err(e),
            Fail::InFile(path, e) => {
                let message = format!("{}: {e}", path.display());
                match e {
                    CoreError::Json(_) => ParseError::new_err(message),
                    CoreError::Form(_) => FormError::new_err(message),
                    CoreError::Usage(_) => PyValueError::new_err(message),
                }
            }
            // OSError(errno, strerror, filename) becomes FileNotFoundError,
            // PermissionError, … by its errno, with `filename` set.
            Fail::Io(path, e) => {
                let name = path.to_string_lossy().into_owned();
                match e.raw_os_error() {
                    Some(errno) => {
                        let text = std::io::Error::from_raw_os_error(errno).to_string();
                        let text = text.split(" (os error").next().unwrap_or(&text).to_string();
                        PyOSError::new_err((errno, text, name))
                    }
                    None => PyOSError::new_err(format!("{name}: {e}")),
                }
            }
            Fail::Cancelled => PyRuntimeError::new_err("cancelled: the batch was closed"),
            Fail::Panic(m) => PyRuntimeError::new_err(format!(
                "internal error in gongkai (please report it): {m}"
            )),
            Fail::NotText(path) => {
                let what = match &path {
                    Some(p) => format!("{}: ", p.display()),
                    None => String::new(),
                };
                ParseError::new_err(format!(
                    "{what}not a Word document, a PDF, or UTF-8, UTF-16 or GBK text"
                ))
            }
        }
    }
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_string())
}

// ---------------------------------------------------------------------------
// The forms: the built-in ones plus those `load_form` added, shared by every
// thread. A call takes a snapshot (an `Arc`), so a form loaded meanwhile
// never changes a check under way.

static REGISTRY: LazyLock<RwLock<Arc<Registry>>> =
    LazyLock::new(|| RwLock::new(Arc::new(Registry::with_builtins())));

fn registry() -> Arc<Registry> {
    match REGISTRY.read() {
        Ok(r) => Arc::clone(&r),
        Err(poisoned) => Arc::clone(&poisoned.into_inner()),
    }
}

fn set_registry(reg: Registry) {
    match REGISTRY.write() {
        Ok(mut r) => *r = Arc::new(reg),
        Err(poisoned) => *poisoned.into_inner() = Arc::new(reg),
    }
}

fn lang_arg(lang: &str) -> PyResult<Lang> {
    lang.parse::<Lang>().map_err(core_err)
}

// ---------------------------------------------------------------------------
// Python objects <-> JSON values. The report and findings are read and
// written through the core's own serde shapes, so `Report.from_dict(d)`
// reads exactly what `Report.from_json(json.dumps(d))` reads.

/// Nesting deeper than this is refused rather than recursed into (a cyclic
/// dict would otherwise never end).
const MAX_DEPTH: usize = 256;

fn to_value(obj: &Bound<'_, PyAny>, path: &str, depth: usize) -> PyResult<Value> {
    if depth > MAX_DEPTH {
        return Err(PyValueError::new_err(format!(
            "{path}: nested more than {MAX_DEPTH} levels deep (a cycle?)"
        )));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if obj.is_instance_of::<PyInt>() {
        return int_value(obj);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(float_value(f.value()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in d.iter() {
            let key = dict_key(&k, path)?;
            let value = to_value(
                &v,
                &format!("{path}[{}]", py_str_repr(Some(&key))),
                depth + 1,
            )?;
            map.insert(key, value);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut out = Vec::new();
        for (i, item) in obj.try_iter()?.enumerate() {
            out.push(to_value(&item?, &format!("{path}[{i}]"), depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    if let Ok(m) = obj.cast::<PyMapping>() {
        let mut map = Map::new();
        for item in m.items()?.iter() {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
            let key = dict_key(&k, path)?;
            let value = to_value(
                &v,
                &format!("{path}[{}]", py_str_repr(Some(&key))),
                depth + 1,
            )?;
            map.insert(key, value);
        }
        return Ok(Value::Object(map));
    }
    let tname = type_name(obj);
    // decimal.Decimal: money is a decimal written as a string (model.md §3).
    if tname == "Decimal" {
        return Ok(Value::String(obj.str()?.to_cow()?.into_owned()));
    }
    // numpy and other integer types.
    if obj.hasattr("__index__")? {
        if let Ok(i) = obj.call_method0("__index__") {
            return int_value(&i);
        }
    }
    if obj.hasattr("__float__")? {
        if let Ok(f) = obj.extract::<f64>() {
            return Ok(float_value(f));
        }
    }
    Err(PyTypeError::new_err(format!(
        "{path}: a value of type {tname} cannot be read as JSON (use dict, list, str, int, float, bool, None or Decimal)"
    )))
}

fn dict_key(k: &Bound<'_, PyAny>, path: &str) -> PyResult<String> {
    match k.cast::<PyString>() {
        Ok(s) => Ok(s.to_cow()?.into_owned()),
        Err(_) => Err(PyTypeError::new_err(format!(
            "{path}: keys must be str, not {}",
            type_name(k)
        ))),
    }
}

/// An int as JSON reads it: exact when it fits 64 bits, a float beyond, as
/// serde_json reads such a literal.
fn int_value(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    if let Ok(i) = obj.extract::<i64>() {
        return Ok(Value::Number(i.into()));
    }
    if let Ok(u) = obj.extract::<u64>() {
        return Ok(Value::Number(u.into()));
    }
    let text = obj.str()?.to_cow()?.into_owned();
    Ok(match text.parse::<f64>().ok().and_then(Number::from_f64) {
        Some(n) => Value::Number(n),
        None => Value::String(text),
    })
}

/// A float; NaN and infinities have no JSON number, so they stay text (and
/// the core reports a value of the wrong kind instead of guessing).
fn float_value(f: f64) -> Value {
    match Number::from_f64(f) {
        Some(n) => Value::Number(n),
        None => Value::String(f.to_string()),
    }
}

/// A Rust value as Python objects, through its JSON text and `json.loads`:
/// dicts keep the order of the JSON (the struct's field order), numbers
/// come back exactly.
fn to_py<'py, T: serde::Serialize + ?Sized>(py: Python<'py>, v: &T) -> PyResult<Bound<'py, PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let text = serde_json::to_string(v).map_err(|e| PyValueError::new_err(e.to_string()))?;
    let loads = LOADS.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        Ok(py.import("json")?.getattr("loads")?.unbind())
    })?;
    loads.bind(py).call1((text,))
}

fn serialize<T: serde::Serialize>(v: &T) -> PyResult<Value> {
    serde_json::to_value(v).map_err(|e| PyValueError::new_err(e.to_string()))
}

fn pretty_json<T: serde::Serialize>(v: &T, indent: usize) -> PyResult<String> {
    let pad = vec![b' '; indent];
    let mut out = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(&pad);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
    v.serialize(&mut ser)
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    String::from_utf8(out).map_err(|e| PyValueError::new_err(e.to_string()))
}

fn json_text<T: serde::Serialize>(
    v: &T,
    indent: Option<usize>,
    compact: impl FnOnce() -> String,
) -> PyResult<String> {
    match indent {
        None => Ok(compact()),
        Some(n) => pretty_json(v, n),
    }
}

// ---------------------------------------------------------------------------
// Report

/// A government information-disclosure annual report: its form, meta data,
/// cells by address ``table/row/column``, printed tokens, text sections and
/// the reader's notes — the report document of model.md §4.
///
/// Build one with ``Report(form=..., meta=..., cells=...)``,
/// ``Report.from_dict(d)``, ``Report.from_json(text)``, or read one with
/// ``gongkai.parse`` / ``gongkai.load``. A Report is immutable: its
/// properties return copies; ``replace(cells=...)`` gives a changed one.
#[pyclass(module = "gongkai", name = "Report", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
struct PyReport {
    inner: Arc<CoreReport>,
}

impl PyReport {
    fn new_inner(report: CoreReport) -> Self {
        PyReport {
            inner: Arc::new(report),
        }
    }

    fn from_value(v: Value) -> PyResult<Self> {
        if !v.is_object() {
            return Err(ParseError::new_err(
                "invalid report JSON: a report is a JSON object",
            ));
        }
        serde_json::from_value::<CoreReport>(v)
            .map(Self::new_inner)
            .map_err(|e| ParseError::new_err(format!("invalid report JSON: {e}")))
    }

    fn value(&self) -> PyResult<Value> {
        serialize(self.inner.as_ref())
    }
}

#[pymethods]
impl PyReport {
    /// Builds a report from its fields (the keys of the report JSON).
    #[new]
    #[pyo3(signature = (*, form=None, meta=None, cells=None, raw=None, sections=None, spans=None, notes=None))]
    #[allow(clippy::too_many_arguments)]
    fn py_new(
        form: Option<&Bound<'_, PyAny>>,
        meta: Option<&Bound<'_, PyAny>>,
        cells: Option<&Bound<'_, PyAny>>,
        raw: Option<&Bound<'_, PyAny>>,
        sections: Option<&Bound<'_, PyAny>>,
        spans: Option<&Bound<'_, PyAny>>,
        notes: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let mut map = Map::new();
        for (key, v) in [
            ("form", form),
            ("meta", meta),
            ("cells", cells),
            ("raw", raw),
            ("sections", sections),
            ("spans", spans),
            ("notes", notes),
        ] {
            if let Some(v) = v {
                if !v.is_none() {
                    map.insert(key.to_string(), to_value(v, key, 0)?);
                }
            }
        }
        Self::from_value(Value::Object(map))
    }

    /// A report from a dict of the report JSON's shape (model.md §4).
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        if !(data.is_instance_of::<PyDict>() || data.cast::<PyMapping>().is_ok()) {
            return Err(PyTypeError::new_err(format!(
                "Report.from_dict takes a dict, not {}",
                type_name(data)
            )));
        }
        Self::from_value(to_value(data, "report", 0)?)
    }

    /// A report from its JSON text. Raises ParseError when the text is not a report.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = text_arg(text, "Report.from_json takes the JSON text as str or bytes")?;
        CoreReport::from_json(&text)
            .map(Self::new_inner)
            .map_err(core_err)
    }

    /// The report as a dict of the report JSON's shape.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.as_ref())
    }

    /// The report JSON: compact, or indented by ``indent`` spaces.
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        json_text(self.inner.as_ref(), indent, || self.inner.to_json())
    }

    /// A copy with the given fields replaced (the keys of the report JSON).
    #[pyo3(signature = (**changes))]
    fn replace(&self, changes: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let mut v = self.value()?;
        if let (Some(changes), Some(map)) = (changes, v.as_object_mut()) {
            for (k, item) in changes.iter() {
                let key = dict_key(&k, "replace")?;
                const FIELDS: &[&str] =
                    &["form", "meta", "cells", "raw", "sections", "spans", "notes"];
                if !FIELDS.contains(&key.as_str()) {
                    return Err(PyTypeError::new_err(format!(
                        "replace() got an unexpected field {key:?} (fields are {})",
                        FIELDS.join(", ")
                    )));
                }
                if item.is_none() {
                    map.remove(&key);
                } else {
                    map.insert(key.clone(), to_value(&item, &key, 0)?);
                }
            }
        }
        Self::from_value(v)
    }

    /// The form id: ``legacy``, ``2019``, ``2021`` or a loaded form's id; None when not recognised.
    #[getter]
    fn form(&self) -> Option<String> {
        self.inner.form.clone()
    }

    /// Body, year, title, publication date (YYYY-MM-DD) and kind (``government``/``department``); a copy.
    #[getter]
    fn meta<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.meta)
    }

    /// Cells by address ``table/row/column``: int, float, str (money, text as printed) or None (present, blank); a copy.
    #[getter]
    fn cells<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.cells)
    }

    /// The printed token of each cell, as the source had it; a copy.
    #[getter]
    fn raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.raw)
    }

    /// The report's text sections: dicts with ``key``, ``heading``, ``text``; a copy.
    #[getter]
    fn sections<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.sections)
    }

    /// Where each cell was read: ``[start, end)`` in characters of the text given to parse; a copy.
    #[getter]
    fn spans<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.spans)
    }

    /// What the reader could not settle (rules ``R-*``), reported by validate; a copy.
    #[getter]
    fn notes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.notes)
    }

    fn __repr__(&self) -> String {
        let r = &self.inner;
        format!(
            "Report(form={}, body={}, year={}, cells={})",
            py_str_repr(r.form.as_deref()),
            py_str_repr(r.meta.body.as_deref()),
            r.meta
                .year
                .map(|y| y.to_string())
                .unwrap_or_else(|| "None".into()),
            r.cells.len()
        )
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let ctor = slf.get_type().getattr("from_json")?;
        Ok((ctor, (slf.get().inner.to_json(),)))
    }
}

/// Python's repr of an optional str (for `__repr__`), close enough: quotes escaped.
fn py_str_repr(s: Option<&str>) -> String {
    match s {
        None => "None".to_string(),
        Some(s) => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
    }
}

// ---------------------------------------------------------------------------
// Finding

/// One problem found in a report (model.md §5). Frozen and hashable: count
/// findings by ``rule``, put them in sets, use them as dict keys.
///
/// ``severity`` is ``"error"``, ``"warning"`` or ``"info"``; ``cell`` the
/// address the finding is about (None for the report as a whole);
/// ``related`` the other cells involved (cells of the previous year's report
/// prefixed ``prev:``); ``expected``/``actual`` strings for arithmetic
/// findings; ``message`` in the language asked for; ``quote`` the report's
/// words a text finding is about.
#[pyclass(module = "gongkai", name = "Finding", frozen, eq, hash)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct PyFinding {
    inner: CoreFinding,
}

fn severity_arg(s: &str) -> PyResult<Severity> {
    match s {
        "error" => Ok(Severity::Error),
        "warning" => Ok(Severity::Warning),
        "info" => Ok(Severity::Info),
        _ => Err(PyValueError::new_err(format!(
            "severity must be \"error\", \"warning\" or \"info\", not {s:?}"
        ))),
    }
}

impl PyFinding {
    fn from_value(v: Value, what: &str) -> PyResult<Self> {
        serde_json::from_value::<CoreFinding>(v)
            .map(|inner| PyFinding { inner })
            .map_err(|e| ParseError::new_err(format!("{what} is not a finding: {e}")))
    }
}

#[pymethods]
impl PyFinding {
    /// Builds a finding (to mark cells in ``render``, or in tests).
    #[new]
    #[pyo3(signature = (rule, severity, cell=None, related=None, expected=None, actual=None, message="", quote=None))]
    #[allow(clippy::too_many_arguments)]
    fn py_new(
        rule: String,
        severity: &str,
        cell: Option<String>,
        related: Option<Vec<String>>,
        expected: Option<String>,
        actual: Option<String>,
        message: &str,
        quote: Option<String>,
    ) -> PyResult<Self> {
        Ok(PyFinding {
            inner: CoreFinding {
                rule,
                severity: severity_arg(severity)?,
                cell,
                related: related.unwrap_or_default(),
                expected,
                actual,
                message: message.to_string(),
                quote,
                place: None,
            },
        })
    }

    /// A finding from a dict of the finding JSON's shape.
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        Self::from_value(to_value(data, "finding", 0)?, "the dict")
    }

    /// A finding from its JSON text.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = text_arg(
            text,
            "Finding.from_json takes the JSON text as str or bytes",
        )?;
        serde_json::from_str::<CoreFinding>(&text)
            .map(|inner| PyFinding { inner })
            .map_err(|e| ParseError::new_err(format!("not a finding: {e}")))
    }

    /// Stable rule id (``T3-2``, ``L1``, ``X-5``…), the same in every binding.
    #[getter]
    fn rule(&self) -> &str {
        &self.inner.rule
    }

    /// ``"error"``, ``"warning"`` or ``"info"``.
    #[getter]
    fn severity(&self) -> &'static str {
        self.inner.severity.as_str()
    }

    /// The address of the cell the finding is about; None for the report as a whole.
    #[getter]
    fn cell(&self) -> Option<&str> {
        self.inner.cell.as_deref()
    }

    /// The other cells involved; the previous year's prefixed ``prev:``.
    #[getter]
    fn related<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, &self.inner.related)
    }

    /// For arithmetic findings, the value the rule expects, as a string.
    #[getter]
    fn expected(&self) -> Option<&str> {
        self.inner.expected.as_deref()
    }

    /// For arithmetic findings, the value the report has, as a string.
    #[getter]
    fn actual(&self) -> Option<&str> {
        self.inner.actual.as_deref()
    }

    /// The message, in the language asked for.
    #[getter]
    fn message(&self) -> &str {
        &self.inner.message
    }

    /// The words of the report a text finding is about; None otherwise.
    #[getter]
    fn quote(&self) -> Option<&str> {
        self.inner.quote.as_deref()
    }

    /// True when the finding is gongkai's, not the report's: a cell or
    /// check that could not be read or judged (rules ``R-*``: 未能读取/未能核对).
    /// Such findings never count as errors of the report.
    #[getter]
    fn reading(&self) -> bool {
        gongkai::summary::is_reading(&self.inner)
    }

    /// Where the finding's cell was read in the source, as a dict (``line``,
    /// ``column``; ``table``, ``row``, ``cell``; ``page``, ``bbox``), or None.
    #[getter]
    fn place<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.place.as_ref().map(|p| to_py(py, p)).transpose()
    }

    /// The finding as a dict of the finding JSON's shape (``quote`` only when there is one).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The finding as JSON, compact or indented by ``indent`` spaces.
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        json_text(&self.inner, indent, || {
            serde_json::to_string(&self.inner).unwrap_or_default()
        })
    }

    fn __repr__(&self) -> String {
        let f = &self.inner;
        format!(
            "Finding(rule={}, severity={}, cell={}, message={})",
            py_str_repr(Some(&f.rule)),
            py_str_repr(Some(f.severity.as_str())),
            py_str_repr(f.cell.as_deref()),
            py_str_repr(Some(&f.message)),
        )
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let ctor = slf.get_type().getattr("from_json")?;
        let json = serde_json::to_string(&slf.get().inner).unwrap_or_default();
        Ok((ctor, (json,)))
    }
}

// ---------------------------------------------------------------------------
// Outcome

/// The result of a check (model.md §5): ``valid`` is False exactly when
/// there is an error; ``findings`` in the core's fixed order; ``counts`` per
/// severity. ``to_json()`` is byte for byte the core's JSON.
///
/// An outcome from ``validate``/``check`` also carries the ``report`` it is
/// about and, from a file, its ``source`` path. Two outcomes are equal when
/// their valid, findings and counts are.
#[pyclass(module = "gongkai", name = "Outcome", frozen, eq)]
struct PyOutcome {
    inner: Arc<CoreOutcome>,
    report: Option<Arc<CoreReport>>,
    source: Option<String>,
    lang: Lang,
    findings: PyOnceLock<Py<PyTuple>>,
}

impl std::fmt::Debug for PyOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outcome")
            .field("outcome", &self.inner)
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

impl PartialEq for PyOutcome {
    fn eq(&self, other: &Self) -> bool {
        self.inner == other.inner
    }
}

impl PyOutcome {
    fn new(
        outcome: CoreOutcome,
        report: Option<Arc<CoreReport>>,
        source: Option<String>,
        lang: Lang,
    ) -> Self {
        PyOutcome {
            inner: Arc::new(outcome),
            report,
            source,
            lang,
            findings: PyOnceLock::new(),
        }
    }

    fn findings_tuple<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let t = self
            .findings
            .get_or_try_init(py, || -> PyResult<Py<PyTuple>> {
                let items = self
                    .inner
                    .findings
                    .iter()
                    .map(|f| Py::new(py, PyFinding { inner: f.clone() }))
                    .collect::<PyResult<Vec<_>>>()?;
                Ok(PyTuple::new(py, items)?.unbind())
            })?;
        Ok(t.bind(py).clone())
    }

    fn of_severity<'py>(&self, py: Python<'py>, sev: Severity) -> PyResult<Bound<'py, PyTuple>> {
        let all = self.findings_tuple(py)?;
        let mut out = Vec::new();
        for (item, f) in all.iter().zip(&self.inner.findings) {
            if f.severity == sev {
                out.push(item);
            }
        }
        PyTuple::new(py, out)
    }

    fn from_value(v: Value, lang: Lang) -> PyResult<Self> {
        let outcome: CoreOutcome = serde_json::from_value(v)
            .map_err(|e| ParseError::new_err(format!("not an outcome: {e}")))?;
        // `valid` and `counts` are derived from the findings, as the core does.
        Ok(Self::new(
            CoreOutcome::from_findings(outcome.findings),
            None,
            None,
            lang,
        ))
    }
}

#[pymethods]
impl PyOutcome {
    /// An outcome from a dict of the outcome JSON's shape (``valid`` and ``counts`` are recomputed from the findings).
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        Self::from_value(to_value(data, "outcome", 0)?, Lang::default())
    }

    /// An outcome from its JSON text (``valid`` and ``counts`` are recomputed from the findings).
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = text_arg(
            text,
            "Outcome.from_json takes the JSON text as str or bytes",
        )?;
        let v: Value = serde_json::from_str(&text)
            .map_err(|e| ParseError::new_err(format!("not an outcome: {e}")))?;
        Self::from_value(v, Lang::default())
    }

    /// False exactly when a finding is an error.
    #[getter]
    fn valid(&self) -> bool {
        self.inner.valid
    }

    /// Every finding, in the core's order: report-level first, then by cell in the form's order, then by rule.
    #[getter]
    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        self.findings_tuple(py)
    }

    /// The findings whose severity is ``error``.
    #[getter]
    fn errors<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        self.of_severity(py, Severity::Error)
    }

    /// The findings whose severity is ``warning``.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        self.of_severity(py, Severity::Warning)
    }

    /// ``{"error": n, "warning": n, "info": n}``.
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        let c = self.inner.counts;
        d.set_item("error", c.error)?;
        d.set_item("warning", c.warning)?;
        d.set_item("info", c.info)?;
        Ok(d)
    }

    /// The report that was checked (None for an outcome read from JSON).
    #[getter]
    fn report(&self) -> Option<PyReport> {
        self.report.as_ref().map(|r| PyReport {
            inner: Arc::clone(r),
        })
    }

    /// The path of the file that was checked; None for text, bytes or a Report.
    #[getter]
    fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// The language of the messages: ``"zh-CN"`` or ``"en"``.
    #[getter]
    fn lang(&self) -> &'static str {
        self.lang.as_str()
    }

    /// Raises ValidationError, listing the errors, when the report has any; otherwise returns None.
    fn raise_for_errors(slf: &Bound<'_, Self>) -> PyResult<()> {
        let py = slf.py();
        let me = slf.get();
        if me.inner.valid {
            return Ok(());
        }
        let errors: Vec<&CoreFinding> = me
            .inner
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        let name = me
            .source
            .clone()
            .or_else(|| {
                me.report
                    .as_ref()
                    .map(|r| gongkai::summary::report_heading(r, me.lang))
            })
            .unwrap_or_else(|| "report".to_string());
        let mut msg = match me.lang {
            Lang::ZhCn => format!("{name}：{} 个错误", errors.len()),
            Lang::En => format!("{name}: {} error(s)", errors.len()),
        };
        for f in &errors {
            let cell = f
                .cell
                .as_deref()
                .map(|c| format!(" [{c}]"))
                .unwrap_or_default();
            msg.push_str(&format!("\n  {}{cell}  {}", f.rule, f.message));
        }
        let err = ValidationError::new_err(msg);
        let value = err.value(py);
        value.setattr("outcome", slf)?;
        value.setattr("errors", me.of_severity(py, Severity::Error)?)?;
        Err(err)
    }

    /// The outcome as a dict of the outcome JSON's shape.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.as_ref())
    }

    /// The outcome JSON: compact (byte for byte the core's ``Outcome::to_json``) or indented by ``indent`` spaces.
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        json_text(self.inner.as_ref(), indent, || self.inner.to_json())
    }

    /// The findings as text for a person, grouped by table, with a closing
    /// count — what ``gongkai check`` prints. ``name`` heads it (default: the source).
    #[pyo3(signature = (name=None, lang=None))]
    fn summary(&self, name: Option<&str>, lang: Option<&str>) -> PyResult<String> {
        let lang = match lang {
            Some(l) => lang_arg(l)?,
            None => self.lang,
        };
        let empty = CoreReport::default();
        let report = self.report.as_deref().unwrap_or(&empty);
        let name = name.or(self.source.as_deref()).unwrap_or("-");
        Ok(gongkai::summary::outcome_text(
            name,
            report,
            &self.inner,
            &registry(),
            lang,
        ))
    }

    /// The findings as a pandas DataFrame, one row per finding (needs pandas).
    fn findings_frame<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        slf.py()
            .import("gongkai._frame")?
            .call_method1("findings_frame", (slf,))
    }

    fn __repr__(&self) -> String {
        let c = self.inner.counts;
        let source = match &self.source {
            Some(s) => format!(", source={}", py_str_repr(Some(s))),
            None => String::new(),
        };
        format!(
            "Outcome(valid={}, errors={}, warnings={}, info={}{source})",
            if self.inner.valid { "True" } else { "False" },
            c.error,
            c.warning,
            c.info
        )
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, RestoreArgs)> {
        let py = slf.py();
        let me = slf.get();
        let restore = py.import("gongkai._gongkai")?.getattr("_restore_outcome")?;
        Ok((
            restore,
            (
                me.inner.to_json(),
                me.report.as_ref().map(|r| r.to_json()),
                me.source.clone(),
                me.lang.as_str(),
            ),
        ))
    }
}

/// The arguments of `_restore_outcome`: outcome JSON, report JSON, source, lang.
type RestoreArgs = (String, Option<String>, Option<String>, &'static str);

/// Rebuilds a pickled Outcome (its ``__reduce__``).
#[pyfunction]
#[pyo3(signature = (outcome, report, source, lang))]
fn _restore_outcome(
    outcome: &str,
    report: Option<&str>,
    source: Option<String>,
    lang: &str,
) -> PyResult<PyOutcome> {
    let inner: CoreOutcome = serde_json::from_str(outcome)
        .map_err(|e| ParseError::new_err(format!("not an outcome: {e}")))?;
    let report = report
        .map(CoreReport::from_json)
        .transpose()
        .map_err(core_err)?
        .map(Arc::new);
    Ok(PyOutcome::new(inner, report, source, lang_arg(lang)?))
}

// ---------------------------------------------------------------------------
// Sources: what parse, load and check read.

/// What a source argument is.
enum Source {
    Text(PyBackedStr),
    Bytes(PyBackedBytes),
    Path(PathBuf),
    /// Already a report (a Report or a dict): only validated.
    Report(Arc<CoreReport>),
}

/// File name endings of reports (and of files people mistake for them): a
/// one-line str ending so is a path even when the file does not exist, so a
/// typo gives FileNotFoundError instead of a report with no tables.
const PATH_ENDINGS: &[&str] = &[
    ".txt",
    ".html",
    ".htm",
    ".md",
    ".markdown",
    ".json",
    ".pdf",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".wps",
];

/// A str is a path when it is one line, not too long, and names an existing
/// file (or directory), or ends like a report file.
fn str_is_path(s: &str) -> bool {
    if s.is_empty() || s.len() > 4096 || s.contains(['\n', '\r', '\0']) {
        return false;
    }
    let t = s.trim_start();
    if t.starts_with('{') || t.starts_with('<') {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    Path::new(s).exists() || PATH_ENDINGS.iter().any(|e| lower.ends_with(e))
}

fn is_pathlike(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    obj.hasattr("__fspath__")
}

fn fspath(obj: &Bound<'_, PyAny>) -> PyResult<PathBuf> {
    obj.extract::<PathBuf>()
        .map_err(|_| PyTypeError::new_err(format!("expected a path, not {}", type_name(obj))))
}

fn bytes_arg(obj: &Bound<'_, PyAny>) -> PyResult<Option<PyBackedBytes>> {
    if obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>() {
        return Ok(Some(obj.extract::<PyBackedBytes>()?));
    }
    if obj.is_instance_of::<PyMemoryView>() {
        let b = obj.call_method0("tobytes")?;
        return Ok(Some(b.extract::<PyBackedBytes>()?));
    }
    Ok(None)
}

/// A JSON text argument: str, or bytes in any encoding `decode` reads.
fn text_arg(obj: &Bound<'_, PyAny>, usage: &str) -> PyResult<String> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    if let Some(b) = bytes_arg(obj)? {
        return match gongkai::decode::decode(&b) {
            Some((text, _)) => Ok(text),
            None => Err(Fail::NotText(None).into_pyerr()),
        };
    }
    Err(PyTypeError::new_err(format!(
        "{usage}, not {}",
        type_name(obj)
    )))
}

/// A source as `check` reads it: str (a path when it names one, else the
/// text), bytes, or os.PathLike.
fn source_arg(obj: &Bound<'_, PyAny>, func: &str) -> PyResult<Source> {
    if let Ok(s) = obj.cast::<PyString>() {
        let text: PyBackedStr = s.extract()?;
        return Ok(if str_is_path(&text) {
            Source::Path(PathBuf::from(&*text))
        } else {
            Source::Text(text)
        });
    }
    if let Some(b) = bytes_arg(obj)? {
        return Ok(Source::Bytes(b));
    }
    if is_pathlike(obj)? {
        return Ok(Source::Path(fspath(obj)?));
    }
    Err(PyTypeError::new_err(format!(
        "{func}() takes a path, the report's text (str) or its bytes, not {}",
        type_name(obj)
    )))
}

fn decode_bytes(bytes: &[u8], path: Option<&Path>) -> Result<String, Fail> {
    match gongkai::decode::decode(bytes) {
        Some((text, _)) => Ok(text),
        None => Err(Fail::NotText(path.map(Path::to_path_buf))),
    }
}

fn read_file(path: &Path) -> Result<String, Fail> {
    let bytes = std::fs::read(path).map_err(|e| Fail::Io(path.to_path_buf(), e))?;
    decode_bytes(&bytes, Some(path))
}

/// Reads a report from a source, without the GIL.
fn read_source(reg: &Registry, source: &Source) -> Result<Arc<CoreReport>, Fail> {
    let report = match source {
        Source::Text(t) => reg.parse(t)?,
        Source::Bytes(b) => parse_bytes(reg, b, None)?,
        Source::Path(p) => {
            let bytes = std::fs::read(p).map_err(|e| Fail::Io(p.clone(), e))?;
            parse_bytes(reg, &bytes, Some(p))?
        }
        Source::Report(r) => return Ok(Arc::clone(r)),
    };
    Ok(Arc::new(report))
}

/// A file's bytes, sniffed by content as the CLI does: a Word document or a
/// PDF goes to the core's readers of those, anything else is text in UTF-8,
/// UTF-16 or GBK/GB18030.
fn parse_bytes(reg: &Registry, bytes: &[u8], path: Option<&Path>) -> Result<CoreReport, Fail> {
    let result = match gongkai::sniff_bytes(bytes) {
        gongkai::FileKind::Text => reg.parse(&decode_bytes(bytes, path)?),
        _ => reg.parse_bytes(bytes),
    };
    result.map_err(|e| match path {
        Some(p) => Fail::InFile(p.to_path_buf(), e),
        None => Fail::Core(e),
    })
}

/// Runs core code, turning a panic (a bug) into an error instead of
/// unwinding into Python.
fn guarded<T>(f: impl FnOnce() -> Result<T, Fail>) -> Result<T, Fail> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|e| Err(Fail::Panic(panic_message(e.as_ref()))))
}

/// Reads and validates a source, without the GIL.
fn run_check(
    reg: &Registry,
    source: &Source,
    previous: Option<&CoreReport>,
    options: &Options,
) -> Result<(Arc<CoreReport>, CoreOutcome), Fail> {
    let report = read_source(reg, source)?;
    let outcome = match previous {
        Some(prev) => reg.validate_pair(prev, &report, options),
        None => reg.validate(&report, options),
    };
    Ok((report, outcome))
}

/// A source as `check` takes it: a Report or a dict too.
fn check_source_arg(obj: &Bound<'_, PyAny>, func: &str) -> PyResult<Source> {
    if is_report_like(obj) {
        return Ok(Source::Report(report_arg(obj, "source")?));
    }
    source_arg(obj, func)
}

fn is_report_like(obj: &Bound<'_, PyAny>) -> bool {
    obj.cast::<PyReport>().is_ok()
        || obj.is_instance_of::<PyDict>()
        || obj.cast::<PyMapping>().is_ok()
}

fn source_name(source: &Source) -> Option<String> {
    match source {
        Source::Path(p) => Some(p.to_string_lossy().into_owned()),
        _ => None,
    }
}

/// A report argument: a Report, or a dict of its JSON shape.
fn report_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Arc<CoreReport>> {
    if let Ok(r) = obj.cast::<PyReport>() {
        return Ok(Arc::clone(&r.get().inner));
    }
    if obj.is_instance_of::<PyDict>() || obj.cast::<PyMapping>().is_ok() {
        return Ok(PyReport::from_value(to_value(obj, what, 0)?)?.inner);
    }
    let hint = if obj.is_instance_of::<PyString>() || bytes_arg(obj)?.is_some() || is_pathlike(obj)?
    {
        " (to read text or a file, use gongkai.parse, gongkai.load or gongkai.check)"
    } else {
        ""
    };
    Err(PyTypeError::new_err(format!(
        "{what} must be a Report or a dict, not {}{hint}",
        type_name(obj)
    )))
}

/// A report from anything: a Report, a dict, or a source as `check` reads it.
fn any_report(py: Python<'_>, obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Arc<CoreReport>> {
    if is_report_like(obj) {
        return report_arg(obj, what);
    }
    let source = source_arg(obj, what)?;
    let reg = registry();
    py.detach(|| guarded(|| read_source(&reg, &source)))
        .map_err(Fail::into_pyerr)
}

// ---------------------------------------------------------------------------
// Functions

/// Reads a report from published text — portal text with glued cells,
/// ``pdftotext -layout`` output, an HTML page or fragment, Markdown — or
/// from the report JSON. ``text`` is a str, or a file's bytes, sniffed by
/// content: a Word document (.docx) or a PDF goes to the core's readers of
/// those, anything else is text in UTF-8, UTF-16 (with a BOM) or
/// GBK/GB18030. Any text gives a Report (with notes for what could not be
/// read); raises ParseError for JSON that is not a report and for bytes that
/// are no text, ValueError for a Word or PDF file the core cannot read.
#[pyfunction]
fn parse(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<PyReport> {
    let source = if let Ok(s) = text.cast::<PyString>() {
        Source::Text(s.extract()?)
    } else if let Some(b) = bytes_arg(text)? {
        Source::Bytes(b)
    } else {
        let hint = if is_pathlike(text)? {
            " (to read a file, use gongkai.load)"
        } else {
            ""
        };
        return Err(PyTypeError::new_err(format!(
            "parse() takes the report's text as str or bytes, not {}{hint}",
            type_name(text)
        )));
    };
    let reg = registry();
    py.detach(|| guarded(|| read_source(&reg, &source)))
        .map(|inner| PyReport { inner })
        .map_err(Fail::into_pyerr)
}

/// Reads a report file, sniffed by content (not by name): a Word document
/// (.docx), a PDF, or published text, HTML, Markdown or report JSON in
/// UTF-8, UTF-16 or GBK/GB18030. ``path`` is a str or an os.PathLike.
/// Raises the OSError of the system (FileNotFoundError, …) when the file
/// cannot be read, ParseError when it is no text (an image, a zip) or JSON
/// that is no report, ValueError for a Word or PDF file the core cannot read;
/// each message starts with the path.
#[pyfunction]
fn load(py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<PyReport> {
    if !(path.is_instance_of::<PyString>() || is_pathlike(path)?) {
        let hint = if bytes_arg(path)?.is_some() {
            " (for the report's bytes, use gongkai.parse)"
        } else {
            ""
        };
        return Err(PyTypeError::new_err(format!(
            "load() takes a path (str or os.PathLike), not {}{hint}",
            type_name(path)
        )));
    }
    let source = Source::Path(fspath(path)?);
    let reg = registry();
    py.detach(|| guarded(|| read_source(&reg, &source)))
        .map(|inner| PyReport { inner })
        .map_err(Fail::into_pyerr)
}

/// Reads a report from whatever ``check`` accepts: a Report, a dict, a path
/// (str naming a file, or os.PathLike), the report's text (str) or its bytes.
#[pyfunction]
fn read(py: Python<'_>, source: &Bound<'_, PyAny>) -> PyResult<PyReport> {
    any_report(py, source, "read").map(|inner| PyReport { inner })
}

/// Checks a report (a Report or a dict of the report JSON) against its
/// form's rules; with ``previous`` (the same body's report of the year
/// before: a Report, dict, path or text), also the cross-year rules.
/// Messages in ``lang``: ``"zh-CN"`` (default) or ``"en"``. Bad data never
/// raises: it is a finding.
#[pyfunction]
#[pyo3(signature = (report, *, previous=None, lang="zh-CN"))]
fn validate(
    py: Python<'_>,
    report: &Bound<'_, PyAny>,
    previous: Option<&Bound<'_, PyAny>>,
    lang: &str,
) -> PyResult<PyOutcome> {
    let lang = lang_arg(lang)?;
    let report = report_arg(report, "report")?;
    let previous = match previous {
        Some(p) if !p.is_none() => Some(any_report(py, p, "previous")?),
        _ => None,
    };
    let reg = registry();
    let options = Options { lang };
    let outcome = py
        .detach(|| {
            guarded(|| {
                Ok(match &previous {
                    Some(prev) => reg.validate_pair(prev, &report, &options),
                    None => reg.validate(&report, &options),
                })
            })
        })
        .map_err(Fail::into_pyerr)?;
    Ok(PyOutcome::new(outcome, Some(report), None, lang))
}

/// Reads and checks one report: ``source`` is a path (a str naming a file,
/// or os.PathLike), the report's text (str), its bytes, a Report or a dict.
/// A one-line str that names an existing file, or ends in a report file's
/// extension (.txt, .html, .json, …), is a path. The outcome carries the
/// report and, for a file, its path (``source``). Runs without the GIL.
#[pyfunction]
#[pyo3(signature = (source, *, previous=None, lang="zh-CN"))]
fn check(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    previous: Option<&Bound<'_, PyAny>>,
    lang: &str,
) -> PyResult<PyOutcome> {
    let lang = lang_arg(lang)?;
    let previous = match previous {
        Some(p) if !p.is_none() => Some(any_report(py, p, "previous")?),
        _ => None,
    };
    let src = check_source_arg(source, "check")?;
    let name = source_name(&src);
    let reg = registry();
    let options = Options { lang };
    let (report, outcome) = py
        .detach(|| guarded(|| run_check(&reg, &src, previous.as_deref(), &options)))
        .map_err(Fail::into_pyerr)?;
    Ok(PyOutcome::new(outcome, Some(report), name, lang))
}

// ---------------------------------------------------------------------------
// Across reports: a body's years, near-duplicate texts, sums.

/// Reports from an iterable of anything ``check`` reads (paths, texts,
/// bytes, Reports, dicts), read without the GIL.
fn reports_of(py: Python<'_>, items: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<CoreReport>> {
    let mut out = Vec::new();
    for (i, item) in items.try_iter()?.enumerate() {
        let item = item?;
        out.push((*any_report(py, &item, &format!("{what}[{i}]"))?).clone());
    }
    Ok(out)
}

/// Checks several years of reports: matched by body and year, each against
/// the same body's latest earlier report (the cross-year rules when the
/// years are consecutive; C-2 for a table copied from it, C-1 for text of
/// which ``threshold`` or more is its). Returns one dict per report, in the
/// order given: ``index``, ``body``, ``year``, ``previous`` (the index of the
/// report it was compared with, or None) and ``outcome``.
#[pyfunction]
#[pyo3(signature = (reports, *, threshold=0.9, lang="zh-CN"))]
fn series<'py>(
    py: Python<'py>,
    reports: &Bound<'py, PyAny>,
    threshold: f64,
    lang: &str,
) -> PyResult<Bound<'py, PyList>> {
    let lang = lang_arg(lang)?;
    let reports = reports_of(py, reports, "reports")?;
    let options = gongkai::SeriesOptions {
        lang,
        threshold,
        ..Default::default()
    };
    let reg = registry();
    let entries = py
        .detach(|| guarded(|| Ok(reg.series(&reports, &options))))
        .map_err(Fail::into_pyerr)?;
    let out = PyList::empty(py);
    for e in entries {
        let d = PyDict::new(py);
        d.set_item("index", e.index)?;
        d.set_item("body", e.body)?;
        d.set_item("year", e.year)?;
        d.set_item("previous", e.previous)?;
        let report = Arc::new(reports[e.index].clone());
        d.set_item(
            "outcome",
            PyOutcome::new(e.outcome, Some(report), None, lang),
        )?;
        out.append(d)?;
    }
    Ok(out)
}

/// Finds near-duplicate texts among reports of different bodies (or of any,
/// with ``same_body=True``): pairs where ``threshold`` or more of one
/// report's text is in the other's. Returns dicts ``a`` (the index of the
/// report more of whose text is in the other), ``b``, ``similarity`` (the
/// share, 0–1), ``passages`` (the longest shared, longest first) and
/// ``finding`` (C-1, about ``a``). Indexed: thousands of reports take seconds.
#[pyfunction]
#[pyo3(signature = (reports, *, threshold=0.9, same_body=false, lang="zh-CN"))]
fn similar<'py>(
    py: Python<'py>,
    reports: &Bound<'py, PyAny>,
    threshold: f64,
    same_body: bool,
    lang: &str,
) -> PyResult<Bound<'py, PyList>> {
    let lang = lang_arg(lang)?;
    let reports = reports_of(py, reports, "reports")?;
    let options = gongkai::SimilarOptions {
        lang,
        threshold,
        different_bodies: !same_body,
    };
    let reg = registry();
    let pairs = py
        .detach(|| guarded(|| Ok(reg.similar(&reports, &options))))
        .map_err(Fail::into_pyerr)?;
    let out = PyList::empty(py);
    for p in pairs {
        let d = PyDict::new(py);
        d.set_item("a", p.a)?;
        d.set_item("b", p.b)?;
        d.set_item("similarity", p.similarity)?;
        d.set_item("passages", p.passages)?;
        d.set_item("finding", PyFinding { inner: p.finding })?;
        out.append(d)?;
    }
    Ok(out)
}

/// Adds reports of one form cell by cell (a city's departments into a city
/// total). Returns the sum as a Report and the findings of the sum (A-2:
/// values that are not numbers, left out). Reports of different or unknown
/// forms raise ValueError.
#[pyfunction]
#[pyo3(signature = (reports, *, lang="zh-CN"))]
fn aggregate(
    py: Python<'_>,
    reports: &Bound<'_, PyAny>,
    lang: &str,
) -> PyResult<(PyReport, Vec<PyFinding>)> {
    let lang = lang_arg(lang)?;
    let reports = reports_of(py, reports, "reports")?;
    let reg = registry();
    let sum = py
        .detach(|| guarded(|| reg.aggregate(&reports, lang).map_err(Fail::from)))
        .map_err(Fail::into_pyerr)?;
    let findings = sum
        .findings
        .into_iter()
        .map(|inner| PyFinding { inner })
        .collect();
    Ok((PyReport::new_inner(sum.report), findings))
}

/// Checks a summary report against the sum of its parts, cell by cell
/// (A-1 for every difference; a blank or missing cell counts as 0).
#[pyfunction]
#[pyo3(signature = (summary, parts, *, lang="zh-CN"))]
fn check_sum(
    py: Python<'_>,
    summary: &Bound<'_, PyAny>,
    parts: &Bound<'_, PyAny>,
    lang: &str,
) -> PyResult<PyOutcome> {
    let lang = lang_arg(lang)?;
    let summary = any_report(py, summary, "summary")?;
    let parts = reports_of(py, parts, "parts")?;
    let reg = registry();
    let outcome = py
        .detach(|| guarded(|| reg.check_sum(&summary, &parts, lang).map_err(Fail::from)))
        .map_err(Fail::into_pyerr)?;
    Ok(PyOutcome::new(outcome, Some(summary), None, lang))
}

// ---------------------------------------------------------------------------
// Batches: `gongkai.check_many` submits sources to Rust worker threads that
// read, parse and validate them without ever taking the GIL, and takes the
// outcomes back in submission order.

/// A finished job: the source's path (if any) and what came of it.
type Done = (Option<String>, Result<(Arc<CoreReport>, CoreOutcome), Fail>);

enum Item {
    Done(Done),
    /// The argument could not even be taken (a TypeError at submit).
    Refused(PyErr),
}

struct Results {
    rx: mpsc::Receiver<(usize, Done)>,
    ready: BTreeMap<usize, Item>,
}

/// Checks submitted sources on worker threads; `take()` returns the next
/// outcome in submission order. The engine of ``gongkai.check_many``.
#[pyclass(module = "gongkai._gongkai", name = "_Batch", frozen)]
struct Batch {
    jobs: Mutex<Option<mpsc::Sender<(usize, Source)>>>,
    results: Mutex<Results>,
    submitted: AtomicUsize,
    taken: AtomicUsize,
    cancelled: Arc<AtomicBool>,
    lang: Lang,
}

impl std::fmt::Debug for Batch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batch")
            .field("submitted", &self.submitted)
            .field("taken", &self.taken)
            .finish_non_exhaustive()
    }
}

fn panic_message(e: &(dyn std::any::Any + Send)) -> String {
    e.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| e.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_string())
}

impl Batch {
    fn close_inner(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
        match self.jobs.lock() {
            Ok(mut jobs) => drop(jobs.take()),
            Err(poisoned) => drop(poisoned.into_inner().take()),
        }
    }
}

impl Drop for Batch {
    fn drop(&mut self) {
        self.close_inner();
    }
}

#[pymethods]
impl Batch {
    /// Starts ``workers`` threads that check with ``previous`` (read once) in ``lang``.
    #[new]
    #[pyo3(signature = (workers, previous=None, lang="zh-CN"))]
    fn py_new(
        py: Python<'_>,
        workers: usize,
        previous: Option<&Bound<'_, PyAny>>,
        lang: &str,
    ) -> PyResult<Self> {
        if workers == 0 {
            return Err(PyValueError::new_err("workers must be at least 1, not 0"));
        }
        let lang = lang_arg(lang)?;
        let previous = match previous {
            Some(p) if !p.is_none() => Some(any_report(py, p, "previous")?),
            _ => None,
        };
        let (job_tx, job_rx) = mpsc::channel::<(usize, Source)>();
        let (done_tx, done_rx) = mpsc::channel::<(usize, Done)>();
        let job_rx = Arc::new(Mutex::new(job_rx));
        let cancelled = Arc::new(AtomicBool::new(false));
        let reg = registry();
        let options = Options { lang };
        for i in 0..workers {
            let job_rx = Arc::clone(&job_rx);
            let done_tx = done_tx.clone();
            let reg = Arc::clone(&reg);
            let previous = previous.clone();
            let options = options.clone();
            let cancelled = Arc::clone(&cancelled);
            std::thread::Builder::new()
                .name(format!("gongkai-{i}"))
                .spawn(move || loop {
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok((index, source)) = job else {
                        return; // closed: no more jobs
                    };
                    let name = source_name(&source);
                    let result = if cancelled.load(Ordering::Relaxed) {
                        Err(Fail::Cancelled)
                    } else {
                        guarded(|| run_check(&reg, &source, previous.as_deref(), &options))
                    };
                    if done_tx.send((index, (name, result))).is_err() {
                        return;
                    }
                })
                .map_err(|e| PyOSError::new_err(format!("cannot start a worker thread: {e}")))?;
        }
        Ok(Batch {
            jobs: Mutex::new(Some(job_tx)),
            results: Mutex::new(Results {
                rx: done_rx,
                ready: BTreeMap::new(),
            }),
            submitted: AtomicUsize::new(0),
            taken: AtomicUsize::new(0),
            cancelled,
            lang,
        })
    }

    /// Queues a source (anything ``check`` takes); returns its number.
    fn submit(&self, source: &Bound<'_, PyAny>) -> PyResult<usize> {
        let index = self.submitted.fetch_add(1, Ordering::SeqCst);
        let item = match check_source_arg(source, "check_many") {
            Ok(src) => {
                let jobs = self
                    .jobs
                    .lock()
                    .map_err(|_| PyRuntimeError::new_err("the batch is broken"))?;
                match jobs.as_ref() {
                    Some(tx) if tx.send((index, src)).is_ok() => return Ok(index),
                    _ => Item::Refused(PyRuntimeError::new_err("the batch is closed")),
                }
            }
            Err(e) => Item::Refused(e),
        };
        let mut results = self
            .results
            .lock()
            .map_err(|_| PyRuntimeError::new_err("the batch is broken"))?;
        results.ready.insert(index, item);
        Ok(index)
    }

    /// The outcome of the next source in submission order, waiting for it
    /// without the GIL; raises what reading it raised.
    fn take(&self, py: Python<'_>) -> PyResult<PyOutcome> {
        let index = self.taken.load(Ordering::SeqCst);
        if index >= self.submitted.load(Ordering::SeqCst) {
            return Err(PyRuntimeError::new_err("nothing submitted to take"));
        }
        let item = py.detach(|| -> Option<Item> {
            let mut results = self.results.lock().ok()?;
            loop {
                if let Some(item) = results.ready.remove(&index) {
                    return Some(item);
                }
                let (i, done) = results.rx.recv().ok()?;
                results.ready.insert(i, Item::Done(done));
            }
        });
        self.taken.fetch_add(1, Ordering::SeqCst);
        match item {
            Some(Item::Done((name, Ok((report, outcome))))) => {
                Ok(PyOutcome::new(outcome, Some(report), name, self.lang))
            }
            Some(Item::Done((_, Err(fail)))) => Err(fail.into_pyerr()),
            Some(Item::Refused(e)) => Err(e),
            None => Err(PyRuntimeError::new_err("the worker threads have stopped")),
        }
    }

    /// Stops: sources not started yet are not checked; the threads end.
    fn close(&self) {
        self.close_inner();
    }
}

/// The findings argument of render: None, an Outcome, or an iterable of
/// Finding objects or dicts.
fn findings_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<CoreFinding>> {
    let Some(obj) = obj else {
        return Ok(Vec::new());
    };
    if obj.is_none() {
        return Ok(Vec::new());
    }
    if let Ok(o) = obj.cast::<PyOutcome>() {
        return Ok(o.get().inner.findings.clone());
    }
    if obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyDict>()
        || bytes_arg(obj)?.is_some()
    {
        return Err(PyTypeError::new_err(format!(
            "findings must be an Outcome or a list of findings, not {}",
            type_name(obj)
        )));
    }
    let iter = obj.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "findings must be an Outcome or a list of findings, not {}",
            type_name(obj)
        ))
    })?;
    let mut out = Vec::new();
    for (i, item) in iter.enumerate() {
        let item = item?;
        if let Ok(f) = item.cast::<PyFinding>() {
            out.push(f.get().inner.clone());
        } else if item.is_instance_of::<PyDict>() || item.cast::<PyMapping>().is_ok() {
            let what = format!("findings[{i}]");
            out.push(PyFinding::from_value(to_value(&item, &what, 0)?, &what)?.inner);
        } else {
            return Err(PyTypeError::new_err(format!(
                "findings[{i}] must be a Finding or a dict, not {}",
                type_name(&item)
            )));
        }
    }
    Ok(out)
}

/// The report's tables as the official form prints them: ``to`` is
/// ``"html"`` (default), ``"text"``, ``"md"`` or ``"csv"``. ``findings``
/// (an Outcome or a list of findings) are marked on their cells and listed;
/// ``page`` gives a whole HTML page with the stylesheet; ``normalize``
/// prints 无, — and / as 0 and every value in its canonical form; ``lang``
/// is the language of the words gongkai adds. Everything from the report is
/// escaped. Raises ValueError for a report with no form this module knows.
#[pyfunction]
#[pyo3(signature = (report, to="html", *, findings=None, page=false, normalize=false, lang="zh-CN"))]
fn render(
    py: Python<'_>,
    report: &Bound<'_, PyAny>,
    to: &str,
    findings: Option<&Bound<'_, PyAny>>,
    page: bool,
    normalize: bool,
    lang: &str,
) -> PyResult<String> {
    let report = report_arg(report, "report")?;
    let options = RenderOptions {
        format: to.parse().map_err(core_err)?,
        lang: lang_arg(lang)?,
        page,
        normalize,
    };
    let findings = findings_arg(findings)?;
    let reg = registry();
    py.detach(|| guarded(|| Ok(reg.render(&report, &findings, &options)?)))
        .map_err(Fail::into_pyerr)
}

/// The definition (the form file's JSON, as a dict) of every form known:
/// the built-in ``legacy``, ``2019`` and ``2021``, then those ``load_form`` added.
#[pyfunction]
fn forms<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
    let reg = registry();
    let list = PyList::empty(py);
    for form in reg.forms() {
        list.append(to_py(py, form.def())?)?;
    }
    Ok(list)
}

/// Adds a form definition — a provincial table, a new generation — for
/// parse, validate, check and render in this process; returns its id. The
/// definition is a dict, its JSON text, or the path of a JSON file (str or
/// os.PathLike), in the format of the core's ``forms/*.json``. A form with
/// the id of a known one replaces it. Raises FormError when it does not compile.
#[pyfunction]
fn load_form(py: Python<'_>, definition: &Bound<'_, PyAny>) -> PyResult<String> {
    let text = if definition.is_instance_of::<PyDict>() || definition.cast::<PyMapping>().is_ok() {
        to_value(definition, "definition", 0)?.to_string()
    } else if let Ok(s) = definition.cast::<PyString>() {
        let s = s.to_cow()?;
        if s.trim_start().starts_with('{') {
            s.to_string()
        } else if str_is_path(&s) {
            let path = PathBuf::from(&*s);
            py.detach(|| read_file(&path)).map_err(Fail::into_pyerr)?
        } else {
            return Err(FormError::new_err(
                "invalid form definition: not a JSON object, nor the path of a file",
            ));
        }
    } else if let Some(b) = bytes_arg(definition)? {
        decode_bytes(&b, None).map_err(Fail::into_pyerr)?
    } else if is_pathlike(definition)? {
        let path = fspath(definition)?;
        py.detach(|| read_file(&path)).map_err(Fail::into_pyerr)?
    } else {
        return Err(PyTypeError::new_err(format!(
            "load_form() takes a dict, its JSON text or a path, not {}",
            type_name(definition)
        )));
    };
    // Compile outside the lock, then swap: checks under way keep their snapshot.
    let mut reg = (*registry()).clone();
    let id = py
        .detach(|| reg.load_form(&text).map(|f| f.id().to_string()))
        .map_err(core_err)?;
    set_registry(reg);
    Ok(id)
}

/// Forgets the forms ``load_form`` added: only the built-in ones remain.
#[pyfunction]
fn reset_forms() {
    set_registry(Registry::with_builtins());
}

/// Decodes a report file's bytes as the readers do: UTF-8 (with or without
/// a BOM), UTF-16 with a BOM, or GBK/GB18030. Returns ``(text, encoding)``
/// with encoding ``"UTF-8"``, ``"UTF-16"`` or ``"GB18030"``; raises
/// ParseError for bytes that are no text (a PDF, a zip, an image).
#[pyfunction]
fn decode(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<(String, &'static str)> {
    let Some(b) = bytes_arg(data)? else {
        return Err(PyTypeError::new_err(format!(
            "decode() takes bytes, not {}",
            type_name(data)
        )));
    };
    py.detach(|| gongkai::decode::decode(&b))
        .map(|(text, enc)| (text, enc.as_str()))
        .ok_or_else(|| Fail::NotText(None).into_pyerr())
}

/// The compiled module of the ``gongkai`` package; use ``import gongkai``.
#[pymodule]
fn _gongkai(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("STYLESHEET", gongkai::render::STYLESHEET)?;
    m.add("ParseError", py.get_type::<ParseError>())?;
    m.add("FormError", py.get_type::<FormError>())?;
    m.add("ValidationError", py.get_type::<ValidationError>())?;
    m.add_class::<PyReport>()?;
    m.add_class::<PyFinding>()?;
    m.add_class::<PyOutcome>()?;
    m.add_class::<Batch>()?;
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(load, m)?)?;
    m.add_function(wrap_pyfunction!(read, m)?)?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(render, m)?)?;
    m.add_function(wrap_pyfunction!(forms, m)?)?;
    m.add_function(wrap_pyfunction!(load_form, m)?)?;
    m.add_function(wrap_pyfunction!(reset_forms, m)?)?;
    m.add_function(wrap_pyfunction!(decode, m)?)?;
    m.add_function(wrap_pyfunction!(series, m)?)?;
    m.add_function(wrap_pyfunction!(similar, m)?)?;
    m.add_function(wrap_pyfunction!(aggregate, m)?)?;
    m.add_function(wrap_pyfunction!(check_sum, m)?)?;
    m.add_function(wrap_pyfunction!(_restore_outcome, m)?)?;
    Ok(())
}
