//! Tables rebuilt from positioned text (a PDF's text layer): rows by
//! baseline, columns by the header cells' x ranges, labels wrapped over
//! several lines joined; the result goes through the same form matching
//! and digit solver as text. PLACEHOLDER: being written (issue 8).

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::model::Report;
use crate::registry::Registry;

/// A run of text at a place on a page (PDF user space: points, y up).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Run {
    pub page: u32,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub text: String,
}

pub(crate) fn parse_runs(_reg: &Registry, _runs: &[Run]) -> Result<Report, Error> {
    Err(Error::Usage(
        "reading positioned text is not built yet".into(),
    ))
}
