//! Typed errors: misuse of the API or input that is not a report at all.
//! Bad data inside a report is never an error; it is a finding.

use std::fmt;

/// Why a call could not produce an outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The text is not JSON of the expected shape.
    Json(String),
    /// A form definition is invalid; the message says where.
    Form(String),
    /// An argument is out of its domain (an unknown language, …).
    Usage(String),
}

impl Error {
    /// A stable code for bindings: `json`, `form`, `usage`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Json(_) => "json",
            Error::Form(_) => "form",
            Error::Usage(_) => "usage",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Json(m) => write!(f, "invalid report JSON: {m}"),
            Error::Form(m) => write!(f, "invalid form definition: {m}"),
            Error::Usage(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for Error {}
