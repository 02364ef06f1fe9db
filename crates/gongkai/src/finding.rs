//! Findings and the outcome of a check (`model.md` §5).

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The form's arithmetic or a value's type is broken.
    Error,
    /// Implausible, or text and table disagree.
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// The language of rendered messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    ZhCn,
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }
}

impl FromStr for Lang {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.to_ascii_lowercase().as_str() {
            "zh-cn" | "zh" | "zh-hans" | "zh_cn" => Ok(Lang::ZhCn),
            "en" | "en-us" | "en-gb" => Ok(Lang::En),
            _ => Err(Error::Usage(format!(
                "unknown language {s:?} (use zh-CN or en)"
            ))),
        }
    }
}

/// One problem found in a report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Finding {
    /// Stable rule id, the same in every binding (`T3-2`, `L1`, …).
    pub rule: String,
    pub severity: Severity,
    /// The cell the finding is about; `None` for a report-level finding.
    pub cell: Option<String>,
    /// The other cells involved. Cells of the previous year's report are
    /// prefixed `prev:`.
    pub related: Vec<String>,
    pub expected: Option<String>,
    pub actual: Option<String>,
    /// Rendered in the requested language.
    pub message: String,
    /// The words of the report the finding is about, for text findings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Where its cell was read in the source (line and column, table / row /
    /// cell, or page and box): `Report::places` of `cell`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<crate::model::Place>,
}

/// Number of findings per severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

/// The result of a check: `valid` is false exactly when there is an error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub valid: bool,
    pub findings: Vec<Finding>,
    pub counts: Counts,
}

impl Outcome {
    pub fn from_findings(findings: Vec<Finding>) -> Outcome {
        let mut counts = Counts::default();
        for f in &findings {
            match f.severity {
                Severity::Error => counts.error += 1,
                Severity::Warning => counts.warning += 1,
                Severity::Info => counts.info += 1,
            }
        }
        Outcome {
            valid: counts.error == 0,
            findings,
            counts,
        }
    }

    /// The outcome as compact JSON, byte for byte the same in every runtime.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}
