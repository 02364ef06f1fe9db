//! The report document of `model.md` §4: what every runtime reads and writes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// A report: its form, meta data, cells by address, printed tokens, sections.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Form id (`legacy`, `2019`, `2021`, or a run-time form); null when not recognised.
    #[serde(default)]
    pub form: Option<String>,
    #[serde(default)]
    pub meta: Meta,
    /// Cells by address. Absent = missing from the report; `Blank` = present, empty.
    #[serde(default)]
    pub cells: BTreeMap<String, CellValue>,
    /// The printed token of each cell, as the source had it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub raw: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// Where each cell was read in the source: `[start, end)` in chars
    /// (Unicode scalar values) of the text given to `parse`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub spans: BTreeMap<String, [usize; 2]>,
    /// What the reader could not settle (rules `R-*`); `validate` reports them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// How the reader got each cell it read (parsed input only; a report
    /// given as JSON has none, and its cells are all certain).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub reads: BTreeMap<String, Read>,
    /// What the reader is unsure of, with why (a short phrase in Chinese).
    /// Keys: a cell address (`requests/total/natural`), a row
    /// (`requests/partial`), a table (`active`) or a section
    /// (`section/problems`). An error that rests on any of them is not the
    /// report's error: `validate` turns it into a reading note.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub doubts: BTreeMap<String, String>,
    /// Where each cell was read, in terms a person can find in the source:
    /// line and column of a text, HTML or Markdown file; table, row and cell
    /// of an HTML or Word table; page and box of a PDF.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub places: BTreeMap<String, Place>,
}

/// A place in the source, for a person to find a cell or a finding.
/// Numbers count from 1; a PDF box is in points of the page, y up, as
/// `[left, bottom, right, top]`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Place {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<[i32; 4]>,
}

/// How one cell was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Read {
    /// One value in one cell of a structured table (HTML, Markdown, Word).
    Cell,
    /// A value token of a text row whose tokens matched its cells one to one.
    Tokens,
    /// Digits glued together, split by the form's arithmetic.
    Glued,
    /// Positioned text (PDF) aligned to columns.
    Layout,
    /// Values of a row whose label was printed apart from them.
    Detached,
    /// A row of another generation of the form, read where it belongs.
    OldRow,
}

impl Report {
    /// Whether the reader doubts `address` (a cell), through the cell, its
    /// row or its table.
    pub fn doubt_of(&self, address: &str) -> Option<&str> {
        if self.doubts.is_empty() {
            return None;
        }
        let mut key = address;
        loop {
            if let Some(why) = self.doubts.get(key) {
                return Some(why);
            }
            key = &key[..key.rfind('/')?];
        }
    }
}

/// A note the reader made: rendered as a finding of its rule by `validate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub rule: String,
    #[serde(default)]
    pub cell: Option<String>,
    #[serde(default)]
    pub related: Vec<String>,
    #[serde(default)]
    pub expected: Option<String>,
    #[serde(default)]
    pub actual: Option<String>,
    /// Values for the rule's message template; `row` is a `table/row` key.
    #[serde(default)]
    pub args: BTreeMap<String, String>,
}

/// What is known of the report besides its tables.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    #[serde(default)]
    pub published: Option<String>,
    /// Where the publication date was read (`portal`: the page's 发布日期;
    /// `signature`: the date under the report; `title`, …); null when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_from: Option<String>,
    #[serde(default)]
    pub kind: Option<BodyKind>,
}

/// Whether the issuing body is a government or one of its departments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BodyKind {
    Government,
    Department,
}

/// One section of the report's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub key: String,
    #[serde(default)]
    pub heading: String,
    #[serde(default)]
    pub text: String,
}

/// A cell's value as the JSON holds it. It is interpreted against the
/// cell's kind at validation, so text that is not a number is kept, not lost.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Blank,
    Number(serde_json::Number),
    Text(String),
}

impl CellValue {
    /// The value as text, for messages and for reading it as a token.
    pub fn as_text(&self) -> String {
        match self {
            CellValue::Blank => String::new(),
            CellValue::Number(n) => n.to_string(),
            CellValue::Text(t) => t.clone(),
        }
    }
}

impl From<i64> for CellValue {
    fn from(n: i64) -> Self {
        CellValue::Number(n.into())
    }
}

impl Serialize for CellValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            CellValue::Blank => s.serialize_none(),
            CellValue::Number(n) => n.serialize(s),
            CellValue::Text(t) => s.serialize_str(t),
        }
    }
}

impl<'de> Deserialize<'de> for CellValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::Null => Ok(CellValue::Blank),
            serde_json::Value::Number(n) => Ok(CellValue::Number(n)),
            serde_json::Value::String(t) => Ok(CellValue::Text(t)),
            serde_json::Value::Bool(b) => Ok(CellValue::Text(b.to_string())),
            other => Ok(CellValue::Text(other.to_string())),
        }
    }
}

impl Report {
    /// Reads a report from its JSON text.
    pub fn from_json(text: &str) -> Result<Report, Error> {
        if !text.trim_start().starts_with('{') {
            return Err(Error::Json("a report is a JSON object".into()));
        }
        serde_json::from_str(text).map_err(|e| Error::Json(e.to_string()))
    }

    /// The report as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The report as indented JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The section with this key, if the report has it.
    pub fn section(&self, key: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.key == key)
    }
}
