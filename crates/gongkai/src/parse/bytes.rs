//! Reading a report from a file's bytes, sniffed by content, not by name:
//! a Word document (.docx), a PDF, or text (UTF-8, UTF-16, GBK).

use super::layout::Run;
use crate::error::Error;
use crate::model::Report;
use crate::registry::Registry;

/// What a file is, by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A zip holding `word/document.xml`.
    Docx,
    /// `%PDF-`.
    Pdf,
    /// Anything else is read as text.
    Text,
}

/// Sniffs a file's kind from its content.
pub fn sniff_bytes(bytes: &[u8]) -> FileKind {
    let head = &bytes[..bytes.len().min(1024)];
    if bytes.starts_with(b"PK\x03\x04") && memchr::memmem::find(bytes, b"word/").is_some() {
        FileKind::Docx
    } else if memchr::memmem::find(head, b"%PDF-").is_some() {
        FileKind::Pdf
    } else {
        FileKind::Text
    }
}

impl Registry {
    /// Reads a report from the bytes of a file: Word, PDF or text.
    pub fn parse_bytes(&self, bytes: &[u8]) -> Result<Report, Error> {
        match sniff_bytes(bytes) {
            FileKind::Docx => self.parse_docx(bytes).map(without_spans),
            FileKind::Pdf => self.parse_pdf(bytes).map(without_spans),
            FileKind::Text => self.parse(&text_of(bytes)),
        }
    }

    /// Reads a report from positioned text runs (a PDF's text layer, from any
    /// extractor: the native reader, pdf.js in the browser).
    pub fn parse_runs(&self, runs: &[Run]) -> Result<Report, Error> {
        super::layout::parse_runs(self, runs).map(without_spans)
    }
}

/// Spans index the text given to `parse`; a Word or PDF file's text is an
/// intermediate the caller never sees, so its spans, lines and columns would
/// point nowhere. What stays: a Word table's table / row / cell, a PDF's
/// page and box.
fn without_spans(mut report: Report) -> Report {
    report.spans.clear();
    for p in report.places.values_mut() {
        p.line = None;
        p.column = None;
    }
    report
        .places
        .retain(|_, p| *p != crate::model::Place::default());
    report
}

#[cfg(feature = "encoding")]
fn text_of(bytes: &[u8]) -> String {
    match crate::decode::decode(bytes) {
        Some((text, _)) => text,
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

#[cfg(not(feature = "encoding"))]
fn text_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
