//! The hand-made "wild" shapes of `tests/cases/wild-*/`: reports printed the
//! way converters, portals, OCR and collectors really print them, each with
//! its true cells typed by hand in `truth.json` (see each folder's NOTES.md).
//!
//! For every folder:
//!
//! 1. the truth itself is checked: validating the true cells alone must give
//!    exactly the table rules of `fires` (so a typo in truth.json is caught
//!    here, not blamed on the reader) — always strict;
//! 2. the input is read with `Registry::builtin().parse`, and
//!    - every cell read that the reader does not doubt equals the truth,
//!    - every truth cell not read, or doubted, is named by a reading note
//!      (`R-*`) or a doubt, or is listed under `unreadable`,
//!    - a cell listed `unreadable` is not read as certain,
//!    - no cell is read that the truth does not have,
//!    - the form, the year and the meta fields truth.json gives match;
//! 3. `validate` gives exactly the rule ids of `fires`.
//!
//! The case file is `case.json`, or `case.pending.json` while the case has no
//! reviewed `expected.json` yet (golden.rs runs only `case.json`).
//!
//! Every difference of every case is printed. Parts 2 and 3 fail the test
//! only with `WILD_STRICT=1`: the reader is being fixed for these shapes.

#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use gongkai::number::Num;
use gongkai::{CellValue, Options, Registry, Report};
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn wild_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(root().join("tests/cases"))
        .expect("tests/cases")
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.is_dir()
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("wild-"))
        })
        .collect();
    dirs.sort();
    dirs
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A truth value or a cell value, as something comparable: blank, a number,
/// or text that is not a number.
#[derive(Debug, Clone, PartialEq, Eq)]
enum V {
    Blank,
    Num(Num),
    Text(String),
}

impl std::fmt::Display for V {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            V::Blank => f.write_str("（空）"),
            V::Num(n) => write!(f, "{n}"),
            V::Text(t) => write!(f, "“{t}”"),
        }
    }
}

fn of_text(t: &str) -> V {
    Num::parse_plain(t.trim()).map_or_else(|| V::Text(t.to_string()), V::Num)
}

fn of_json(v: &Value) -> V {
    match v {
        Value::Null => V::Blank,
        Value::Number(n) => of_text(&n.to_string()),
        Value::String(s) => of_text(s),
        other => V::Text(other.to_string()),
    }
}

fn of_cell(c: &CellValue) -> V {
    match c {
        CellValue::Blank => V::Blank,
        CellValue::Number(n) => of_text(&n.to_string()),
        CellValue::Text(t) => of_text(t),
    }
}

/// Rules that need the report's text or are the reader's own notes: the
/// truth's cells alone cannot give them.
fn needs_text_or_reader(rule: &str) -> bool {
    let reader_note = rule
        .strip_prefix("R-")
        .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
    reader_note
        || ["X-", "S-", "D-"].iter().any(|p| rule.starts_with(p))
        || ["T2-8", "T3-9", "T3-10"].contains(&rule)
}

struct Truth {
    form: String,
    year: i64,
    meta: BTreeMap<String, Value>,
    cells: BTreeMap<String, V>,
    cells_json: serde_json::Map<String, Value>,
    unreadable: BTreeSet<String>,
}

fn load_truth(dir: &Path) -> Truth {
    let t = read_json(&dir.join("truth.json"));
    let cells_json = t["cells"].as_object().expect("truth.json: cells").clone();
    Truth {
        form: t["form"].as_str().expect("truth.json: form").to_string(),
        year: t["year"].as_i64().expect("truth.json: year"),
        meta: t["meta"]
            .as_object()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default(),
        cells: cells_json
            .iter()
            .map(|(k, v)| (k.clone(), of_json(v)))
            .collect(),
        cells_json,
        unreadable: t["unreadable"]
            .as_array()
            .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
            .unwrap_or_default(),
    }
}

fn case_file(dir: &Path) -> Value {
    let path = [dir.join("case.json"), dir.join("case.pending.json")]
        .into_iter()
        .find(|p| p.exists())
        .unwrap_or_else(|| panic!("{}: no case.json or case.pending.json", dir.display()));
    read_json(&path)
}

fn fires_of(case: &Value, name: &str) -> BTreeSet<String> {
    case["fires"]
        .as_array()
        .unwrap_or_else(|| panic!("{name}: `fires` must list rule ids"))
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

fn rules_of(report: &Report) -> (BTreeSet<String>, Vec<String>) {
    let outcome = Registry::builtin().validate(report, &Options::default());
    let ids = outcome.findings.iter().map(|f| f.rule.clone()).collect();
    let lines = outcome
        .findings
        .iter()
        .map(|f| {
            format!(
                "{} {}{}",
                f.rule,
                f.cell
                    .as_deref()
                    .map(|c| format!("[{c}] "))
                    .unwrap_or_default(),
                f.message
            )
        })
        .collect();
    (ids, lines)
}

/// Part 1: the true cells alone give exactly the table rules of `fires`.
fn check_truth(name: &str, truth: &Truth, fires: &BTreeSet<String>) -> Vec<String> {
    let json = serde_json::json!({
        "form": truth.form,
        "meta": { "year": truth.year },
        "cells": Value::Object(truth.cells_json.clone()),
    });
    let report = Report::from_json(&json.to_string()).unwrap_or_else(|e| panic!("{name}: {e}"));
    let (got, lines) = rules_of(&report);
    let want: BTreeSet<String> = fires
        .iter()
        .filter(|r| !needs_text_or_reader(r))
        .cloned()
        .collect();
    let mut out = Vec::new();
    if got != want {
        out.push(format!(
            "truth.json alone gives {got:?}, fires' table rules are {want:?}:\n      {}",
            lines.join("\n      ")
        ));
    }
    out
}

/// Whether a reading note or a doubt names `addr`.
fn named(report: &Report, addr: &str) -> bool {
    if report.doubt_of(addr).is_some() {
        return true;
    }
    let row = addr.rsplit_once('/').map_or(addr, |(r, _)| r);
    let table = addr.split('/').next().unwrap_or(addr);
    report.notes.iter().any(|n| {
        n.rule.starts_with("R-")
            && (n.cell.as_deref() == Some(addr)
                || n.related.iter().any(|r| r == addr)
                || n.args.get("row").is_some_and(|r| r == row)
                || n.cell.as_deref() == Some(row)
                || n.cell.as_deref() == Some(table))
    })
}

/// Parts 2 and 3: what the reader read, and what validate gives. Returns
/// the differences, and (not a difference) the rows whose truth cells were
/// left unread or doubted but are named by a note or a doubt.
fn check_reading(
    name: &str,
    dir: &Path,
    case: &Value,
    truth: &Truth,
    fires: &BTreeSet<String>,
) -> (Vec<String>, BTreeMap<String, usize>) {
    let mut out = Vec::new();
    let mut unread_named: BTreeMap<String, usize> = BTreeMap::new();
    let input = case["input"]
        .as_str()
        .unwrap_or_else(|| panic!("{name}: `input` missing"));
    assert!(
        dir.join(Path::new(input).file_name().unwrap()).exists(),
        "{name}: input {input} is not in the case folder"
    );
    let text = fs::read_to_string(root().join(input)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let report = match Registry::builtin().parse(&text) {
        Ok(r) => r,
        Err(e) => return (vec![format!("parse failed: {e}")], unread_named),
    };

    if report.form.as_deref() != Some(truth.form.as_str()) {
        out.push(format!(
            "form: read {:?}, truth {}",
            report.form, truth.form
        ));
    }
    if report.meta.year.map(i64::from) != Some(truth.year) {
        out.push(format!(
            "meta.year: read {:?}, truth {}",
            report.meta.year, truth.year
        ));
    }
    let meta = serde_json::to_value(&report.meta).unwrap();
    for (k, want) in &truth.meta {
        if meta.get(k) != Some(want) {
            out.push(format!(
                "meta.{k}: read {}, truth {want}",
                meta.get(k).unwrap_or(&Value::Null)
            ));
        }
    }

    for (addr, want) in &truth.cells {
        let doubt = report.doubt_of(addr);
        let got = report.cells.get(addr);
        if truth.unreadable.contains(addr) {
            if let (Some(g), None) = (got, doubt) {
                out.push(format!(
                    "{addr}: the input cannot tell this cell, but it was read as {} with no doubt",
                    of_cell(g)
                ));
            } else if !named(&report, addr) {
                out.push(format!(
                    "{addr}: unreadable, left unread but named by no reading note or doubt"
                ));
            }
            continue;
        }
        match (got, doubt) {
            (Some(g), None) => {
                let g = of_cell(g);
                if &g != want {
                    let raw = report
                        .raw
                        .get(addr)
                        .map(|r| format!(" (printed “{r}”)"))
                        .unwrap_or_default();
                    out.push(format!("{addr}: read {g}{raw}, truth {want}"));
                }
            }
            _ => {
                if named(&report, addr) {
                    let row = addr.rsplit_once('/').map_or(addr.as_str(), |(r, _)| r);
                    *unread_named.entry(row.to_string()).or_default() += 1;
                } else {
                    let how = match (got, doubt) {
                        (Some(_), Some(why)) => format!("doubted ({why})"),
                        _ => "not read".to_string(),
                    };
                    out.push(format!(
                        "{addr}: {how}, truth {want}, and no reading note names it"
                    ));
                }
            }
        }
    }
    for (addr, got) in &report.cells {
        if !truth.cells.contains_key(addr) && report.doubt_of(addr).is_none() {
            out.push(format!(
                "{addr}: read {}, but the report has no such cell",
                of_cell(got)
            ));
        }
    }

    let (got, lines) = rules_of(&report);
    let missing: Vec<&String> = fires.difference(&got).collect();
    let extra: Vec<&String> = got.difference(fires).collect();
    if !missing.is_empty() || !extra.is_empty() {
        out.push(format!(
            "validate: missing {missing:?}, extra {extra:?}; findings:\n      {}",
            lines.join("\n      ")
        ));
    }
    (out, unread_named)
}

#[test]
fn wild_shapes_read_to_their_truth() {
    let strict = std::env::var("WILD_STRICT").is_ok_and(|v| v == "1");
    let dirs = wild_dirs();
    assert!(!dirs.is_empty(), "no tests/cases/wild-* folders");
    let mut truth_errors = Vec::new();
    let mut reading = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let case = case_file(dir);
        let fires = fires_of(&case, &name);
        let truth = load_truth(dir);
        for u in &truth.unreadable {
            assert!(
                truth.cells.contains_key(u),
                "{name}: unreadable {u} is not a truth cell"
            );
        }
        let t = check_truth(&name, &truth, &fires);
        let (r, unread_named) = check_reading(&name, dir, &case, &truth, &fires);
        if t.is_empty() && r.is_empty() {
            println!("{name}: as the truth");
        } else {
            println!("{name}: {} difference(s)", t.len() + r.len());
            for d in t.iter().chain(&r) {
                println!("  - {d}");
            }
        }
        if !unread_named.is_empty() {
            let rows: Vec<String> = unread_named
                .iter()
                .map(|(row, n)| format!("{row} ({n})"))
                .collect();
            println!(
                "  · not read or doubted, but named by a reading note or doubt: {}",
                rows.join(", ")
            );
        }
        truth_errors.extend(t.into_iter().map(|d| format!("{name}: {d}")));
        reading.extend(r.into_iter().map(|d| format!("{name}: {d}")));
    }
    assert!(
        truth_errors.is_empty(),
        "truth.json disagrees with its own fires:\n{}",
        truth_errors.join("\n")
    );
    if strict {
        assert!(
            reading.is_empty(),
            "{} difference(s) from the truth:\n{}",
            reading.len(),
            reading.join("\n")
        );
    } else if !reading.is_empty() {
        println!(
            "{} difference(s) from the truth (set WILD_STRICT=1 to fail on them)",
            reading.len()
        );
    }
}
