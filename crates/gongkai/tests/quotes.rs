//! Every finding's quote is the report's own words: one or more verbatim
//! substrings of the section texts the text rules read, joined only by "…"
//! — and found in the source text too. A person checking a report searches
//! for the quote first.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

use gongkai::{Finding, Options, Registry, Report};
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The pieces of a quote that are not found verbatim in any of `texts`.
fn missing<'q>(quote: &'q str, texts: &[&str]) -> Vec<&'q str> {
    quote
        .split('…')
        .filter(|p| !p.is_empty())
        .filter(|p| !texts.iter().any(|t| t.contains(p)))
        .collect()
}

/// Punctuation and space: where a piece of a quote may begin or end.
fn is_boundary(c: Option<char>) -> bool {
    c.is_none_or(|c| "，。；;！？!?,、：:（）()【】“”《》".contains(c) || c.is_whitespace())
}

/// Whether `piece` occurs in `text` beginning and ending at clause
/// boundaries (not inside a word): the text's edge or punctuation or space
/// beside it, or punctuation at its own edge.
fn at_boundaries(piece: &str, text: &str) -> bool {
    text.match_indices(piece).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + piece.len()..].chars().next();
        (is_boundary(before) || is_boundary(piece.chars().next()))
            && (is_boundary(after) || is_boundary(piece.chars().next_back()))
    })
}

/// Checks every quote of `findings` against the report's sections and, when
/// given, the source; returns the failures, described.
fn check_quotes(
    name: &str,
    report: &Report,
    source: Option<&str>,
    findings: &[Finding],
) -> Vec<String> {
    let sections: Vec<&str> = report.sections.iter().map(|s| s.text.as_str()).collect();
    let mut out = Vec::new();
    for f in findings {
        let Some(q) = &f.quote else { continue };
        if q.split('…').all(str::is_empty) {
            out.push(format!("{name}: {} has an empty quote {q:?}", f.rule));
            continue;
        }
        for p in missing(q, &sections) {
            out.push(format!(
                "{name}: {} quote {q:?}: {p:?} is not in the section texts",
                f.rule
            ));
        }
        for p in q.split('…').filter(|p| !p.is_empty()) {
            if sections.iter().any(|t| t.contains(p))
                && !sections.iter().any(|t| at_boundaries(p, t))
            {
                out.push(format!(
                    "{name}: {} quote {q:?}: {p:?} begins or ends inside a word",
                    f.rule
                ));
            }
        }
        if let Some(src) = source {
            for p in missing(q, &[src]) {
                out.push(format!(
                    "{name}: {} quote {q:?}: {p:?} is not in the source text",
                    f.rule
                ));
            }
        }
    }
    out
}

/// Parses (by content, as the CLI does) and validates one input.
fn check_file(name: &str, path: &Path) -> (usize, Vec<String>) {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let reg = Registry::builtin();
    let report = match reg.parse_bytes(&bytes) {
        Ok(r) => r,
        Err(e) => return (0, vec![format!("{name}: {e}")]),
    };
    // The source text, for inputs that are text (not Word or PDF): decoded
    // as the reader decodes it.
    let source = std::str::from_utf8(&bytes)
        .ok()
        .filter(|s| !s.starts_with("%PDF") && !s.starts_with("PK"))
        .map(str::to_string);
    let outcome = reg.validate(&report, &Options::default());
    let n = outcome
        .findings
        .iter()
        .filter(|f| f.quote.is_some())
        .count();
    let failures = check_quotes(name, &report, source.as_deref(), &outcome.findings);
    (n, failures)
}

#[test]
fn golden_inputs_quote_the_report_verbatim() {
    let mut dirs: Vec<PathBuf> = fs::read_dir(root().join("tests/cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    let (mut quotes, mut failures, mut cases) = (0, Vec::new(), 0);
    for dir in dirs {
        let Ok(meta) = fs::read_to_string(dir.join("case.json")) else {
            continue;
        };
        let meta: Value = serde_json::from_str(&meta).unwrap();
        let Some(input) = meta["input"].as_str() else {
            continue;
        };
        let path = root().join(input);
        if !path.exists() && input.starts_with("../shared/") {
            eprintln!(
                "quotes: {} skipped: {} is not here (../shared/corpus beside the checkout)",
                dir.display(),
                path.display()
            );
            continue;
        }
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let (n, f) = check_file(&name, &path);
        cases += 1;
        quotes += n;
        failures.extend(f);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(cases > 0, "no golden case with an input");
    eprintln!("quotes: {cases} golden inputs, {quotes} quotes, all verbatim");
}

#[test]
fn corpus_files_quote_the_report_verbatim() {
    let dir = root().join("../shared/corpus");
    let Ok(entries) = fs::read_dir(&dir) else {
        eprintln!(
            "quotes: corpus test skipped: {} is missing (a clone without ../shared/corpus)",
            dir.display()
        );
        return;
    };
    let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    let (mut quotes, mut failures, mut files) = (0, Vec::new(), 0);
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "SOURCES.tsv" || !path.is_file() {
            continue;
        }
        let (n, f) = check_file(&name, &path);
        files += 1;
        quotes += n;
        failures.extend(f);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("quotes: {files} corpus files, {quotes} quotes, all verbatim");
}

/// A minimal report of the 2021 form, a government's for 2023, whose
/// overview is `overview` (the other sections say 无; no tables: the text
/// rules need none). Validates it and returns the findings with quotes,
/// having checked every quote against the sections.
fn quoted(overview: &str) -> Vec<Finding> {
    let sections: Vec<Value> = [
        ("overview", "一、总体情况", overview),
        ("active", "二、主动公开政府信息情况", "无。"),
        ("requests", "三、收到和处理政府信息公开申请情况", "无。"),
        ("appeals", "四、政府信息公开行政复议、行政诉讼情况", "无。"),
        ("problems", "五、存在的主要问题及改进情况", "无。"),
        ("other", "六、其他需要报告的事项", "无。"),
    ]
    .iter()
    .map(|(k, h, t)| serde_json::json!({"key": k, "heading": h, "text": t}))
    .collect();
    let json = serde_json::json!({
        "form": "2021",
        "meta": {"body": "某县人民政府", "year": 2023, "kind": "government"},
        "cells": {},
        "sections": sections,
    });
    let report = Report::from_json(&json.to_string()).unwrap();
    let outcome = Registry::builtin().validate(&report, &Options::default());
    let failures = check_quotes("hand-written", &report, Some(overview), &outcome.findings);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    outcome
        .findings
        .into_iter()
        .filter(|f| f.quote.is_some())
        .collect()
}

fn quote_of<'a>(findings: &'a [Finding], rule: &str) -> &'a str {
    findings
        .iter()
        .find(|f| f.rule == rule)
        .and_then(|f| f.quote.as_deref())
        .unwrap_or_else(|| panic!("no {rule} finding with a quote in {findings:#?}"))
}

fn message_of<'a>(findings: &'a [Finding], rule: &str) -> &'a str {
    &findings.iter().find(|f| f.rule == rule).unwrap().message
}

#[test]
fn a_breakdown_keeps_its_qizhong_and_its_brackets() {
    // Full-width brackets, 其中 inside them.
    let fs = quoted(
        "今年，全县共公布政府信息100条（其中机构职能类信息60条，其他信息50条），均按时公开。",
    );
    let q = "全县共公布政府信息100条（其中机构职能类信息60条，其他信息50条）";
    assert_eq!(quote_of(&fs, "X-5"), q);
    assert!(message_of(&fs, "X-5").contains(q));
    // Half-width brackets stay half-width; the comma before the bracket stays.
    let fs = quoted(
        "今年，全县共公布政府信息100条，(其中机构职能类信息60条，其他信息50条)对于主动公开的信息，均按时公开。",
    );
    assert_eq!(
        quote_of(&fs, "X-5"),
        "全县共公布政府信息100条，(其中机构职能类信息60条，其他信息50条)"
    );
}

#[test]
fn a_clause_with_qizhong_is_quoted_whole() {
    // A clause that begins with 其中 is quoted from 其中 on; two places that
    // state one quantity are two pieces with "…" between them, not " / ".
    let fs = quoted(
        "全年共收到政府信息公开申请20件，其中予以公开8件，部分公开2件。\
         （二）办理情况。经统计，其中予以公开9件。",
    );
    assert_eq!(quote_of(&fs, "X-4"), "其中予以公开8件…其中予以公开9件");
    assert!(message_of(&fs, "X-4").contains("“其中予以公开8件”与“其中予以公开9件”"));
}

#[test]
fn a_long_breakdown_is_shortened_at_clause_boundaries_with_a_mark() {
    let numerals: Vec<char> = "一二三四五六七八九十".chars().collect();
    let items: Vec<String> = (0..12)
        .map(|i| format!("第{}类专项工作信息10条", numerals[i % 10]))
        .collect();
    let text = format!(
        "今年，全县政府信息公开单位共公布政府信息100条（其中{}），均按时公开。",
        items.join("，")
    );
    let fs = quoted(&text);
    let q = quote_of(&fs, "X-5");
    assert!(q.contains('…'), "not shortened: {q}");
    assert!(q.chars().count() <= 81, "{q}");
    assert!(
        q.starts_with("全县政府信息公开单位共公布政府信息100条（其中第一类专项工作信息10条"),
        "{q}"
    );
    assert!(
        q.ends_with("第二类专项工作信息10条）"),
        "the end is kept: {q}"
    );
    assert_eq!(q.matches('…').count(), 1, "{q}");
}

#[test]
fn traditional_characters_are_quoted_as_printed() {
    let fs = quoted(
        "本報告所列數據的統計期限自2022年1月1日起至2022年12月31日止。全縣共公布政府信息100條（其中機構職能類信息60條，其他信息50條）。",
    );
    assert_eq!(
        quote_of(&fs, "S-5"),
        "本報告所列數據的統計期限自2022年1月1日起至2022年12月31日止"
    );
    assert_eq!(
        quote_of(&fs, "X-5"),
        "全縣共公布政府信息100條（其中機構職能類信息60條，其他信息50條）"
    );
}

#[test]
fn a_quote_across_a_line_break_keeps_it_and_the_message_joins_it() {
    // pdftotext wraps lines mid-sentence: the quote is the text as given;
    // the message prints it on one line.
    let fs = quoted("报告所列统计期限自2022年1月1日至2022年12月31\n   日。");
    assert_eq!(
        quote_of(&fs, "S-5"),
        "报告所列统计期限自2022年1月1日至2022年12月31\n   日"
    );
    assert!(message_of(&fs, "S-5").contains("2022年12月31日”"));
}

#[test]
fn the_announced_parts_are_quoted_from_the_sentence_start() {
    let fs = quoted(
        "本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、\
         因政府信息公开申请行政复议、提起行政诉讼的情况、政府信息公开工作存在的主要问题及改进情况、\
         其他需要报告的事项和附表等七个部分组成。",
    );
    let q = quote_of(&fs, "S-2");
    assert!(q.starts_with("本报告包括总体情况"), "{q}");
    assert!(q.ends_with("其他需要报告的事项和附表等七个部分组成"), "{q}");
    assert!(q.contains('…'), "{q}");
}
