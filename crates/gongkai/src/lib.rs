//! gongkai: the forms, rules and validation of Chinese government
//! information-disclosure annual reports (政府信息公开工作年度报告).
//!
//! The core does no I/O and holds no binding code: the CLI, the browser
//! package and the Python module all call the functions here, so every
//! runtime gives the same findings, byte for byte.
//!
//! ```
//! let report = gongkai::Report::from_json(r#"{
//!   "form": "2021", "meta": {"year": 2024},
//!   "cells": {"appeals/review/upheld": 1, "appeals/review/total": 3}
//! }"#).unwrap();
//! let outcome = gongkai::validate(&report, &Default::default());
//! assert!(!outcome.valid);
//! ```

pub mod across;
#[cfg(feature = "encoding")]
pub mod decode;
pub mod error;
pub mod finding;
pub mod form;
mod message;
pub mod model;
pub mod narrative;
pub mod number;
pub mod parse;
pub mod registry;
pub mod render;
pub mod summary;
mod validate;

pub use across::{SeriesEntry, SeriesOptions, SimilarOptions, SimilarPair, Sum};
pub use error::Error;
pub use finding::{Counts, Finding, Lang, Outcome, Severity};
pub use form::{Form, FormDef};
pub use model::{BodyKind, CellValue, Meta, Note, Place, Read, Report, Section};
pub use parse::{parse, sniff, sniff_bytes, FileKind, InputKind, Run};
pub use registry::Registry;
pub use render::{render, Format, RenderOptions};
pub use validate::{validate, validate_pair, Options};

/// Validates a report given as JSON text: a typed error only when the text
/// is not a report at all.
pub fn validate_json(json: &str, options: &Options) -> Result<Outcome, Error> {
    Ok(validate(&Report::from_json(json)?, options))
}
