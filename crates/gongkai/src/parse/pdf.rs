//! PDF files through their text layer: every glyph the content streams
//! draw (simple and CID fonts, mapped to Unicode by their ToUnicode maps)
//! becomes a positioned [`Run`]; the tables are then rebuilt by geometry in
//! [`super::layout`], the one reconstruction shared with the browser
//! (pdf.js → `parseRuns`). Native only (feature `pdf`): the wasm build
//! leaves the PDF parser out.

use crate::error::Error;
use crate::model::Report;
use crate::registry::Registry;

#[cfg(feature = "pdf")]
use super::layout::Run;

/// At most this many glyphs are taken from a file (about 1,500 full pages
/// of dense text); a larger text layer is refused rather than read for ever.
#[cfg(feature = "pdf")]
const MAX_GLYPHS: usize = 3_000_000;

impl Registry {
    /// Reads a report from a PDF's bytes. A PDF without a text layer (a
    /// scan) gives a report with the reader note R-3; a file that is not a
    /// readable PDF is an error whose message names PDF.
    #[cfg(feature = "pdf")]
    pub fn parse_pdf(&self, bytes: &[u8]) -> Result<Report, Error> {
        let runs = pdf_runs(bytes)?;
        self.parse_runs(&runs)
    }

    /// The positioned text of a PDF's text layer, one run per glyph (what
    /// [`Registry::parse_pdf`] reads; for diagnosis and other tools).
    #[cfg(feature = "pdf")]
    pub fn pdf_runs(&self, bytes: &[u8]) -> Result<Vec<Run>, Error> {
        pdf_runs(bytes)
    }

    /// Reads a report from a PDF's bytes: not in this build.
    #[cfg(not(feature = "pdf"))]
    pub fn parse_pdf(&self, _bytes: &[u8]) -> Result<Report, Error> {
        Err(Error::Usage(
            "this build reads no PDF files (feature `pdf`)".into(),
        ))
    }
}

/// The positioned glyphs of a PDF, in PDF user space (points, y up).
#[cfg(feature = "pdf")]
fn pdf_runs(bytes: &[u8]) -> Result<Vec<Run>, Error> {
    // pdf-extract (and lopdf under it) `unwrap`s and indexes freely on
    // malformed input (missing dictionary keys, bad operands, truncated
    // streams): a hostile file must give an error, never take the caller
    // down, so the extraction runs under catch_unwind. Nothing it touches
    // outlives the call (the collector is rebuilt from scratch), so no
    // broken state can be observed after an unwind. The browser build has
    // no PDF parser (pdf.js extracts there), so this is native only.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract(bytes)));
    match result {
        Ok(r) => r,
        Err(_) => Err(Error::Usage(
            "the PDF could not be read: its structure is broken or unsupported".into(),
        )),
    }
}

#[cfg(feature = "pdf")]
fn extract(bytes: &[u8]) -> Result<Vec<Run>, Error> {
    use pdf_extract::Document;
    let mut doc = Document::load_mem(bytes)
        .map_err(|e| Error::Usage(format!("the PDF could not be read: {e}")))?;
    let mut out = Collector::default();
    let res = if doc.is_encrypted() {
        // Most "protected" government PDFs only restrict copying: their user
        // password is empty.
        pdf_extract::output_doc_encrypted(&mut doc, &mut out, "")
    } else {
        pdf_extract::output_doc(&doc, &mut out)
    };
    match res {
        Ok(()) => Ok(out.runs),
        Err(_) if out.full => Err(Error::Usage(format!(
            "the PDF's text layer has more than {MAX_GLYPHS} characters; not read"
        ))),
        // Pages read before a broken one still count: a report whose last
        // page is damaged keeps its tables.
        Err(_) if !out.runs.is_empty() => Ok(out.runs),
        Err(e) => Err(Error::Usage(format!("the PDF could not be read: {e}"))),
    }
}

/// Collects every glyph as a run.
#[cfg(feature = "pdf")]
#[derive(Debug, Default)]
struct Collector {
    page: u32,
    runs: Vec<Run>,
    full: bool,
}

#[cfg(feature = "pdf")]
impl pdf_extract::OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        _media_box: &pdf_extract::MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.page = page_num;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        if self.runs.len() >= MAX_GLYPHS {
            self.full = true;
            return Err(pdf_extract::OutputError::FormatError(std::fmt::Error));
        }
        if text.trim().is_empty() {
            return Ok(());
        }
        // The text rendering matrix maps glyph space (times the font size)
        // to user space; its scale along each axis sizes the glyph.
        let sx = (trm.m11 * trm.m11 + trm.m12 * trm.m12).sqrt() * font_size;
        let sy = (trm.m21 * trm.m21 + trm.m22 * trm.m22).sqrt() * font_size;
        self.runs.push(Run {
            page: self.page,
            x: trm.m31,
            y: trm.m32,
            width: width * sx,
            height: sy,
            text: text.to_string(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}
