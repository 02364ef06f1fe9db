//! The reader on the real reports of `../shared/corpus`: every file reads
//! without a panic, and for every case with a `parse.json` the cells read
//! from the published text are exactly the hand-typed ones — except the
//! cells a person marked ambiguous, which must be left unread and reported.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use gongkai::{Registry, Report};
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn corpus() -> PathBuf {
    root().join("../shared/corpus")
}

#[test]
fn every_corpus_file_reads_without_panic() {
    let mut n = 0;
    for e in fs::read_dir(corpus()).expect("../shared/corpus beside the checkout") {
        let path = e.unwrap().path();
        let bytes = fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let report = Registry::builtin().parse(&text);
        if path.extension().is_some_and(|x| x == "txt" || x == "html")
            && !path.ends_with("SOURCES.tsv")
        {
            let r = report.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            // Every report names its year in its title.
            assert!(r.meta.year.is_some(), "{}: no year read", path.display());
        }
        n += 1;
    }
    assert!(n >= 20, "corpus files: {n}");
}

struct ParseCase {
    name: String,
    truth: Report,
    read: Report,
    ambiguous: BTreeSet<String>,
}

fn parse_cases() -> Vec<ParseCase> {
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> = fs::read_dir(root().join("tests/cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    for dir in dirs {
        let Ok(spec) = fs::read_to_string(dir.join("parse.json")) else {
            continue;
        };
        let spec: Value = serde_json::from_str(&spec).unwrap();
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let source = root().join(spec["source"].as_str().unwrap());
        let text = String::from_utf8_lossy(&fs::read(&source).unwrap()).into_owned();
        let read = Registry::builtin().parse(&text).unwrap();
        let truth_path = spec["truth"]
            .as_str()
            .map_or_else(|| dir.join("report.json"), |t| root().join(t));
        let truth = Report::from_json(&fs::read_to_string(truth_path).unwrap()).unwrap();
        let ambiguous = spec["ambiguous"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        out.push(ParseCase {
            name,
            truth,
            read,
            ambiguous,
        });
    }
    out
}

#[test]
fn the_published_text_gives_the_hand_typed_cells() {
    let cases = parse_cases();
    assert!(cases.len() >= 3);
    let mut problems = Vec::new();
    for c in &cases {
        assert_eq!(c.read.form, c.truth.form, "{}: form", c.name);
        assert_eq!(c.read.meta.year, c.truth.meta.year, "{}: year", c.name);
        for (addr, want) in &c.truth.cells {
            let got = c.read.cells.get(addr);
            if c.ambiguous.contains(addr) {
                if let Some(got) = got {
                    problems.push(format!(
                        "{}: {addr} is ambiguous in the text but was read as {got:?}",
                        c.name
                    ));
                }
                continue;
            }
            // Printed zeros and blanks compare by meaning; money by value.
            let same = match (got, want) {
                (Some(g), w) => {
                    g == w
                        || g.as_text().parse::<f64>().ok() == w.as_text().parse::<f64>().ok()
                            && !w.as_text().is_empty()
                }
                (None, _) => false,
            };
            if !same {
                problems.push(format!(
                    "{}: {addr}: read {got:?}, printed {want:?}",
                    c.name
                ));
            }
        }
        for addr in c.read.cells.keys() {
            if !c.truth.cells.contains_key(addr) {
                problems.push(format!("{}: {addr} read but not in the table", c.name));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn ambiguous_cells_are_reported_with_their_candidates() {
    for c in parse_cases() {
        let noted: BTreeSet<String> = c
            .read
            .notes
            .iter()
            .filter(|n| n.rule == "R-1")
            .flat_map(|n| n.cell.iter().chain(&n.related).cloned())
            .collect();
        for addr in &c.ambiguous {
            assert!(
                noted.contains(addr),
                "{}: ambiguous {addr} not reported by R-1",
                c.name
            );
        }
        for n in c.read.notes.iter().filter(|n| n.rule == "R-1") {
            assert!(
                n.args["candidates"].contains('|'),
                "{}: candidates listed",
                c.name
            );
        }
    }
}

#[test]
fn spans_point_at_the_printed_value() {
    for c in parse_cases() {
        let spec: Value = serde_json::from_str(
            &fs::read_to_string(root().join("tests/cases").join(&c.name).join("parse.json"))
                .unwrap(),
        )
        .unwrap();
        let text: Vec<char> = String::from_utf8_lossy(
            &fs::read(root().join(spec["source"].as_str().unwrap())).unwrap(),
        )
        .chars()
        .collect();
        for (addr, [s, e]) in &c.read.spans {
            let printed: String = text[*s..*e].iter().collect();
            let Some(raw) = c.read.raw.get(addr).cloned() else {
                continue;
            };
            assert_eq!(printed.trim(), raw, "{}: {addr}", c.name);
        }
    }
}

#[test]
fn spans_count_a_leading_bom() {
    // Windows tools save UTF-8 with a BOM; spans index the text as given.
    let text = fs::read_to_string(corpus().join("014-pingtan-syq-2020.txt")).unwrap();
    let plain = Registry::builtin().parse(&text).unwrap();
    let with_bom = format!("\u{feff}{text}");
    let read = Registry::builtin().parse(&with_bom).unwrap();
    assert_eq!(read.cells, plain.cells);
    assert!(!read.spans.is_empty());
    let chars: Vec<char> = with_bom.chars().collect();
    for (addr, [s, e]) in &read.spans {
        assert_eq!(plain.spans[addr], [s - 1, e - 1], "{addr}");
        let printed: String = chars[*s..*e].iter().collect();
        if let Some(raw) = read.raw.get(addr) {
            assert_eq!(printed.trim(), raw, "{addr}");
        }
    }
}
