//! Never cry wolf: an error that rests on something the reader is not sure
//! it read right is not the report's error. After every rule has run, each
//! such error becomes a reading note that names the rule that could
//! not be checked, what was doubted and why; `valid` and the error count
//! then count only the report's own faults.
//!
//! Doubts come from the reader (`Report::doubts`) and from plausibility: a
//! table read from published text whose reading breaks many sums at once, or
//! whose totals come out as 1+2+…+k (column numbers read as values), is
//! evidence against the reading, not against the report.

use std::collections::BTreeMap;

use super::SortKey;
use crate::finding::{Finding, Lang, Severity};
use crate::form::{Check, Form};
use crate::message::{render, Args};
use crate::model::{CellValue, Report};
use crate::registry::Registry;

/// More broken sums than this in one table read from text is a misreading:
/// real reports have 0 to 3 (one typo breaks up to three).
const MAX_BROKEN_SUMS: usize = 4;

/// Reasons the core itself gives, by code, in both languages. A reason that
/// is not a known code is shown as it is.
const REASONS: &[(&str, &str, &str)] = &[
    (
        "extra_values",
        "本行读到的数值多于单元格",
        "more values than cells in the row",
    ),
    (
        "label_unread",
        "找到了本行的标签，但未能读取其数值",
        "the row's label is printed but its values were not read",
    ),
    (
        "table_unread",
        "找到了本表的表头或行标签，但未能读取表格",
        "the table's headings are printed but the table was not read",
    ),
    (
        "many_broken",
        "按所读数值，表内多项核对同时不成立，更像是读取有误",
        "read as it is, many sums of the table fail at once, which points to a misreading",
    ),
    (
        "counting_totals",
        "合计恰为 1+2+…，像是把列序号读成了数值",
        "a total comes out as 1+2+…, as if column numbers were read as values",
    ),
    (
        "short_row",
        "本行印出的数值少于单元格，可能有数值缺印或留空，拆分只是推测",
        "the row prints fewer numbers than it has cells: a value may be lost or left empty, so any split is a guess",
    ),
    (
        "row_skipped",
        "本行夹在已读出的行之间却未读到，更可能是标签未能识别",
        "the row lies between rows that were read, so its label was more likely not recognised than left out",
    ),
    (
        "detached",
        "行标签与数值分开印出，按顺序对应",
        "row labels printed apart from their values, matched in order",
    ),
];

fn reason(code: &str, lang: Lang) -> String {
    match REASONS.iter().find(|r| r.0 == code) {
        Some(r) if lang == Lang::En => r.2.to_string(),
        Some(r) => r.1.to_string(),
        None => code.to_string(),
    }
}

/// Turns the errors that rest on doubted readings into R-5 notes.
pub(super) fn settle(
    out: &mut Vec<(SortKey, Finding)>,
    report: &Report,
    form: &Form,
    reg: &Registry,
    lang: Lang,
) {
    if report.reads.is_empty() && report.doubts.is_empty() {
        return; // given as JSON (a clerk's form): every cell is certain
    }
    let mut doubts = report.doubts.clone();
    if !report.reads.is_empty() {
        doubt_implausible_tables(out, report, form, &mut doubts);
    }
    let Some(def) = reg.common_rules().iter().find(|r| r.id == "R-5") else {
        return;
    };
    // (rule, doubted key) → the findings it covers.
    let mut groups: BTreeMap<(String, String), Vec<(SortKey, Finding)>> = BTreeMap::new();
    let mut kept = Vec::with_capacity(out.len());
    for (key, f) in out.drain(..) {
        let doubted = (f.severity == Severity::Error && !f.rule.starts_with("R-"))
            .then(|| doubted_key(&f, form, &doubts))
            .flatten();
        match doubted {
            Some(k) => groups
                .entry((f.rule.clone(), k))
                .or_default()
                .push((key, f)),
            None => kept.push((key, f)),
        }
    }
    for ((rule, k), fs) in groups {
        let mut related: Vec<String> = Vec::new();
        for (_, f) in &fs {
            for a in f.cell.iter().chain(&f.related) {
                if !related.contains(a) {
                    related.push(a.clone());
                }
            }
        }
        let (key, first) = &fs[0];
        let cell = first.cell.clone();
        related.retain(|a| Some(a) != cell.as_ref());
        let args = Args::new()
            .set("what", what(&k, form, lang))
            .set("why", reason(&doubts[&k], lang))
            .set("rule", rule.clone())
            .set("count", fs.len().to_string());
        kept.push((
            *key,
            Finding {
                rule: def.id.clone(),
                severity: def.severity,
                cell,
                related,
                expected: None,
                actual: None,
                message: render(&def.message, lang, &args),
                quote: None,
                place: first.place,
            },
        ));
    }
    *out = kept;
}

/// The doubted key an error rests on: its cell's, a related cell's (not the
/// previous year's), or for structural findings its table or section.
fn doubted_key(f: &Finding, form: &Form, doubts: &BTreeMap<String, String>) -> Option<String> {
    let lookup = |address: &str| {
        let mut key = address;
        loop {
            if doubts.contains_key(key) {
                return Some(key.to_string());
            }
            key = &key[..key.rfind('/')?];
        }
    };
    let cells = f
        .cell
        .iter()
        .chain(&f.related)
        .filter(|a| !a.starts_with("prev:"));
    for a in cells {
        if let Some(k) = lookup(a) {
            return Some(k);
        }
    }
    // S-1 names the missing section by its heading.
    let heading = f.expected.as_deref()?;
    let s = form.def().sections.iter().find(|s| s.heading == heading)?;
    let k = format!("section/{}", s.key);
    doubts.contains_key(&k).then_some(k)
}

/// Marks tables whose reading breaks too many sums, or whose totals look
/// like column numbers summed, as doubted.
fn doubt_implausible_tables(
    out: &[(SortKey, Finding)],
    report: &Report,
    form: &Form,
    doubts: &mut BTreeMap<String, String>,
) {
    for table in &form.def().tables {
        let prefix = format!("{}/", table.id);
        let broken: Vec<&Finding> = out
            .iter()
            .filter(|(key, f)| {
                f.severity == Severity::Error
                    && f.cell.as_deref().is_some_and(|c| c.starts_with(&prefix))
                    && form
                        .rules
                        .get(key.2)
                        .is_some_and(|r| matches!(r.check, Check::Sum(_) | Check::Compare(_)))
            })
            .map(|(_, f)| f)
            .collect();
        // Only cells the reader took from text can be misread.
        let read = report.reads.keys().any(|a| a.starts_with(&prefix));
        if !read || broken.is_empty() {
            continue;
        }
        if broken.len() > MAX_BROKEN_SUMS {
            doubts
                .entry(table.id.clone())
                .or_insert_with(|| "many_broken".into());
        } else if broken.iter().any(|f| counts_up(f, report)) {
            doubts
                .entry(table.id.clone())
                .or_insert_with(|| "counting_totals".into());
        }
    }
}

/// Whether a sum's parts read 1, 2, 3, … (k ≥ 3): the column numbers of a
/// generic header (数据1 … 数据6), not a row of values.
fn counts_up(f: &Finding, report: &Report) -> bool {
    let parts: Vec<i64> = f
        .related
        .iter()
        .filter_map(|a| match report.cells.get(a) {
            Some(CellValue::Number(n)) => n.as_i64(),
            _ => None,
        })
        .collect();
    parts.len() >= 3
        && parts.len() == f.related.len()
        && parts.iter().enumerate().all(|(i, &v)| v == i as i64 + 1)
}

/// What a doubted key names, for the message: a cell's or row's label, a
/// table's title, a section's heading.
fn what(key: &str, form: &Form, lang: Lang) -> String {
    let def = form.def();
    if let Some(s) = key.strip_prefix("section/") {
        return def
            .sections
            .iter()
            .find(|x| x.key == s)
            .map_or_else(|| s.to_string(), |x| x.heading.clone());
    }
    if let Some(c) = form.cell(key) {
        return c.label(lang).to_string();
    }
    let (t, r) = key.split_once('/').unwrap_or((key, ""));
    let Some(table) = def.tables.iter().find(|x| x.id == t) else {
        return key.to_string();
    };
    let title = match lang {
        Lang::ZhCn => table.title.clone(),
        Lang::En => table.title_en.clone().unwrap_or_else(|| table.id.clone()),
    };
    match table.rows.iter().find(|x| x.key == r) {
        Some(row) => match lang {
            Lang::ZhCn => row.short.clone().unwrap_or_else(|| row.label.clone()),
            Lang::En => row.en.clone().unwrap_or_else(|| key.to_string()),
        },
        None => title,
    }
}
