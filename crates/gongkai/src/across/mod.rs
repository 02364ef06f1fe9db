//! Across reports: a body's years (`series`), near-duplicate texts between
//! bodies (`similar`), and sums of a set of reports (`aggregate`,
//! `check_sum`). Their rules (C-*, A-*) are declared with kind `across` in
//! `forms/common.json`, with their messages; this module finds them.

mod aggregate;
mod series;
pub(crate) mod shingle;
mod similar;

pub use aggregate::Sum;
pub use series::{SeriesEntry, SeriesOptions};
pub use similar::{SimilarOptions, SimilarPair};

use crate::finding::{Finding, Lang, Severity};
use crate::message::{render, Args};
use crate::model::Report;
use crate::parse::normalize::simplify;
use crate::registry::Registry;

/// A finding of an `across` rule, its message rendered from common.json.
#[allow(clippy::too_many_arguments)]
pub(crate) fn finding(
    reg: &Registry,
    id: &str,
    lang: Lang,
    cell: Option<String>,
    related: Vec<String>,
    expected: Option<String>,
    actual: Option<String>,
    quote: Option<String>,
    args: &Args,
) -> Finding {
    let def = reg.common_rules().iter().find(|r| r.id == id);
    Finding {
        rule: id.to_string(),
        severity: def.map_or(Severity::Warning, |d| d.severity),
        cell,
        related,
        expected,
        actual,
        message: def.map_or_else(|| id.to_string(), |d| render(&d.message, lang, args)),
        quote,
        place: None,
    }
}

/// The key a body is matched by: simplified characters, no spaces, without
/// the suffixes one body's titles vary in (平潭综合实验区 / 平潭综合实验区管委会).
pub(crate) fn body_key(report: &Report) -> Option<String> {
    let body = report.meta.body.as_deref()?;
    let mut key: String = simplify(body)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for suffix in ["管理委员会", "管委会", "人民政府", "办公室"] {
        if let Some(k) = key.strip_suffix(suffix) {
            if !k.is_empty() {
                key = k.to_string();
                break;
            }
        }
    }
    (!key.is_empty()).then_some(key)
}

/// The narrative of a report: its sections' text.
pub(crate) fn narrative(report: &Report) -> String {
    let mut out = String::new();
    for s in &report.sections {
        out.push_str(&s.heading);
        out.push('\n');
        out.push_str(&s.text);
        out.push('\n');
    }
    out
}

/// How a message names another report: 上年（2023 年度）报告, 平潭县人民政府 2011 年度报告.
pub(crate) fn name_of(report: &Report, previous: bool, lang: Lang) -> String {
    let year = report
        .meta
        .year
        .map(|y| y.to_string())
        .unwrap_or_else(|| "?".into());
    let body = report.meta.body.clone().unwrap_or_default();
    match (lang, previous) {
        (Lang::ZhCn, true) => format!("上一份报告（{year} 年度）"),
        (Lang::En, true) => format!("the previous report ({year})"),
        (Lang::ZhCn, false) => format!("“{body}” {year} 年度报告"),
        (Lang::En, false) => format!("the {year} report of \"{body}\""),
    }
}
