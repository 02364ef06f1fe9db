//! The outcome of a check as text for a person, grouped by table. Rendered
//! in the core so that the Rust CLI and `python -m gongkai` print the same.

use std::fmt::Write;

use crate::finding::{Finding, Lang, Outcome, Severity};
use crate::model::Report;
use crate::registry::Registry;

fn severity_word(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::ZhCn) => "错误",
        (Severity::Warning, Lang::ZhCn) => "警告",
        (Severity::Info, Lang::ZhCn) => "提示",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
        (Severity::Info, Lang::En) => "info",
    }
}

/// The heading a finding is grouped under: its cell's table, or the report.
fn group_of(reg: &Registry, report: &Report, f: &Finding, lang: Lang) -> String {
    let table = f.cell.as_deref().and_then(|c| c.split('/').next());
    let title = table.and_then(|t| {
        let form = reg.form(report.form.as_deref()?)?;
        let def = form.def().tables.iter().find(|d| d.id == t)?;
        Some(match lang {
            Lang::ZhCn => def.title.clone(),
            Lang::En => def.title_en.clone().unwrap_or_else(|| def.id.clone()),
        })
    });
    title.unwrap_or_else(|| match lang {
        Lang::ZhCn => "报告整体".to_string(),
        Lang::En => "Report".to_string(),
    })
}

/// One line naming the report: body, year, form.
pub fn report_heading(report: &Report, lang: Lang) -> String {
    let body = report.meta.body.as_deref().unwrap_or("");
    let year = report.meta.year.map(|y| y.to_string());
    let form = report.form.as_deref().unwrap_or("?");
    match lang {
        Lang::ZhCn => {
            let y = year.map(|y| format!(" {y} 年度")).unwrap_or_default();
            format!("{body}{y}（{form} 表式）").trim_start().to_string()
        }
        Lang::En => {
            let y = year.map(|y| format!(" {y}")).unwrap_or_default();
            format!("{body}{y} (form {form})").trim_start().to_string()
        }
    }
}

/// The findings of one report, grouped by table, with a closing count.
pub fn outcome_text(
    name: &str,
    report: &Report,
    outcome: &Outcome,
    reg: &Registry,
    lang: Lang,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{name} — {}", report_heading(report, lang));
    let mut groups: Vec<(String, Vec<&Finding>)> = Vec::new();
    // What could not be read or checked is kept apart from the report's faults.
    let (reading, faults): (Vec<&Finding>, Vec<&Finding>) =
        outcome.findings.iter().partition(|f| is_reading(f));
    for f in faults {
        let g = group_of(reg, report, f, lang);
        match groups.iter_mut().find(|(k, _)| *k == g) {
            Some((_, v)) => v.push(f),
            None => groups.push((g, vec![f])),
        }
    }
    if !reading.is_empty() {
        let g = match lang {
            Lang::ZhCn => "未能读取/未能核对（不是报告的错误）",
            Lang::En => "Not read / not checked (not the report's faults)",
        };
        groups.push((g.to_string(), reading.clone()));
    }
    for (g, fs) in groups {
        let _ = writeln!(out, "  {g}");
        for f in fs {
            let mark = match f.severity {
                Severity::Error => "✗",
                Severity::Warning => "!",
                Severity::Info => "·",
            };
            let cell = f
                .cell
                .as_deref()
                .map(|c| format!(" [{c}]"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "    {mark} {} {}{cell}  {}",
                severity_word(f.severity, lang),
                f.rule,
                f.message
            );
        }
    }
    let c = outcome.counts;
    let unread = unread_line(reg, report, &reading, lang);
    let _ = match lang {
        Lang::ZhCn => writeln!(
            out,
            "  {}：{} 个错误，{} 个警告，{} 条提示",
            if outcome.valid { "通过" } else { "未通过" },
            c.error,
            c.warning,
            c.info
        ),
        Lang::En => writeln!(
            out,
            "  {}: {} errors, {} warnings, {} notes",
            if outcome.valid { "valid" } else { "invalid" },
            c.error,
            c.warning,
            c.info
        ),
    };
    if let Some(line) = unread {
        let _ = writeln!(out, "  {line}");
    }
    out
}

/// Whether a finding is the reader's (could not read, could not check)
/// rather than the report's.
pub fn is_reading(f: &Finding) -> bool {
    // The reader's rules are, …; R-FMT-3 (blank cells read as 0) is
    // about the report.
    let reader = f
        .rule
        .strip_prefix("R-")
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
    reader && f.severity != Severity::Error
}

/// "未能读取：收到和处理政府信息公开申请情况 2 行；未能核对：3 组": the rows the
/// reader could not read, by table, and the checks not judged.
fn unread_line(
    reg: &Registry,
    report: &Report,
    reading: &[&Finding],
    lang: Lang,
) -> Option<String> {
    if reading.is_empty() {
        return None;
    }
    let mut tables: Vec<(String, Vec<String>)> = Vec::new();
    let (mut unchecked, mut other) = (0, 0);
    for f in reading {
        if f.rule == "R-5" {
            unchecked += 1;
            continue;
        }
        let Some(cell) = f.cell.as_deref() else {
            other += 1;
            continue;
        };
        let row = cell.rsplit_once('/').map_or(cell, |x| x.0).to_string();
        let title = group_of(reg, report, f, lang);
        match tables.iter_mut().find(|x| x.0 == title) {
            Some((_, rows)) if !rows.contains(&row) => rows.push(row),
            Some(_) => {}
            None => tables.push((title, vec![row])),
        }
    }
    let mut parts: Vec<String> = tables
        .iter()
        .map(|(t, rows)| match lang {
            Lang::ZhCn => format!("未能读取{t} {} 行", rows.len()),
            Lang::En => format!("{} row(s) of {t} not read", rows.len()),
        })
        .collect();
    if other > 0 {
        parts.push(match lang {
            Lang::ZhCn => format!("其他未能读取 {other} 项"),
            Lang::En => format!("{other} other item(s) not read"),
        });
    }
    if unchecked > 0 {
        parts.push(match lang {
            Lang::ZhCn => format!("{unchecked} 组核对未能进行"),
            Lang::En => format!("{unchecked} group(s) of checks not run"),
        });
    }
    Some(match lang {
        Lang::ZhCn => format!("另：{}（不计入错误）", parts.join("；")),
        Lang::En => format!("Also: {} (not counted as errors)", parts.join("; ")),
    })
}
