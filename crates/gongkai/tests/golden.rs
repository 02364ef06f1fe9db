//! The shared golden cases in `tests/cases/`: the one source of truth that the
//! Rust, Python and browser suites all run.
//!
//! Each case folder holds `report.json` — or, in `case.json`, an `input`:
//! a published text, HTML or Markdown file that the case reads with `parse`
//! first —, optionally `prev.json` (then the case runs `validate_pair`), `expected.json` (the outcome in zh-CN) and
//! optionally `expected.en.json`, and `case.json`, whose hand-written `fires`
//! lists the rule ids the case must produce — checked against `expected.json`
//! so that an expected file can never drift from what a person decided.
//!
//! `GONGKAI_BLESS=1 cargo test --test golden` rewrites the expected files;
//! review the diff by hand before committing it.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use gongkai::{Lang, Options, Outcome, Registry, Report};
use serde_json::Value;

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases")
}

struct Case {
    name: String,
    dir: PathBuf,
    report: Report,
    prev: Option<Report>,
    fires: BTreeSet<String>,
}

fn load_cases() -> Vec<Case> {
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> = fs::read_dir(cases_dir())
        .expect("tests/cases")
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    for dir in dirs {
        if !dir.join("case.json").exists() {
            continue;
        }
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let read =
            |f: &str| fs::read_to_string(dir.join(f)).unwrap_or_else(|e| panic!("{name}/{f}: {e}"));
        let meta: Value = serde_json::from_str(&read("case.json"))
            .unwrap_or_else(|e| panic!("{name}/case.json: {e}"));
        let report = match meta["input"].as_str() {
            Some(input) => {
                let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../..")
                    .join(input);
                let text = fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("{name}: {}: {e}", path.display()));
                Registry::builtin()
                    .parse(&text)
                    .unwrap_or_else(|e| panic!("{name}: {e}"))
            }
            None => {
                Report::from_json(&read("report.json")).unwrap_or_else(|e| panic!("{name}: {e}"))
            }
        };
        let prev = dir
            .join("prev.json")
            .exists()
            .then(|| Report::from_json(&read("prev.json")).unwrap());
        let fires = meta["fires"]
            .as_array()
            .unwrap_or_else(|| {
                panic!("{name}/case.json: `fires` must list the rule ids the case produces")
            })
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        out.push(Case {
            name,
            dir,
            report,
            prev,
            fires,
        });
    }
    out
}

fn run(case: &Case, lang: Lang) -> Outcome {
    let reg = Registry::builtin();
    let options = Options { lang };
    match &case.prev {
        Some(p) => reg.validate_pair(p, &case.report, &options),
        None => reg.validate(&case.report, &options),
    }
}

fn pretty(o: &Outcome) -> String {
    serde_json::to_string_pretty(o).unwrap() + "\n"
}

#[test]
fn every_case_gives_its_expected_outcome() {
    let bless = std::env::var_os("GONGKAI_BLESS").is_some();
    let cases = load_cases();
    assert!(cases.len() >= 3, "golden cases missing");
    let mut failures = Vec::new();
    for case in &cases {
        for (lang, file) in [
            (Lang::ZhCn, "expected.json"),
            (Lang::En, "expected.en.json"),
        ] {
            let path = case.dir.join(file);
            if lang == Lang::En && !path.exists() {
                continue;
            }
            let got = run(case, lang);
            if bless {
                fs::write(&path, pretty(&got)).unwrap();
                continue;
            }
            let want =
                fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}/{file}: {e}", case.name));
            let want: Outcome =
                serde_json::from_str(&want).unwrap_or_else(|e| panic!("{}/{file}: {e}", case.name));
            if got != want {
                failures.push(format!(
                    "{}/{file}:\n--- expected\n{}\n--- got\n{}",
                    case.name,
                    pretty(&want),
                    pretty(&got)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_case_fires_exactly_the_rules_a_person_listed() {
    for case in load_cases() {
        let got: BTreeSet<String> = run(&case, Lang::ZhCn)
            .findings
            .into_iter()
            .map(|f| f.rule)
            .collect();
        assert_eq!(
            got, case.fires,
            "{}: rule ids produced vs case.json `fires`",
            case.name
        );
    }
}

#[test]
fn every_rule_fires_in_some_case_and_passes_in_another() {
    let reg = Registry::builtin();
    let cases = load_cases();
    // rule id -> (fired somewhere, passed somewhere)
    let mut seen: BTreeMap<String, (bool, bool)> = BTreeMap::new();
    // Rules run across several reports (C-*, A-*) have their cases in across.rs.
    for form in reg.forms() {
        for r in form.rules().into_iter().filter(|r| !r.across) {
            seen.entry(r.id.clone()).or_default();
        }
    }
    for case in &cases {
        let fired: BTreeSet<String> = run(case, Lang::ZhCn)
            .findings
            .into_iter()
            .map(|f| f.rule)
            .collect();
        for id in &fired {
            seen.entry(id.clone()).or_default().0 = true;
        }
        let Some(form) = case.report.form.as_deref().and_then(|f| reg.form(f)) else {
            continue;
        };
        for r in form.rules().into_iter().filter(|r| !r.across) {
            if (!r.pair || case.prev.is_some()) && !fired.contains(&r.id) {
                seen.get_mut(&r.id).unwrap().1 = true;
            }
        }
    }
    let missing: Vec<String> = seen
        .iter()
        .filter(|(_, (f, p))| !(*f && *p))
        .map(|(id, (f, p))| format!("{id} (fires: {f}, passes: {p})"))
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a golden case that fires and one that passes:\n{}",
        missing.join("\n")
    );
}

#[test]
fn compact_json_is_stable_for_every_runtime() {
    // The bindings compare this exact text; it must not depend on the platform.
    for case in load_cases() {
        let a = run(&case, Lang::ZhCn).to_json();
        let b = run(&case, Lang::ZhCn).to_json();
        assert_eq!(a, b);
        let parsed: Outcome = serde_json::from_str(&a).unwrap();
        assert_eq!(parsed.to_json(), a, "{}", case.name);
    }
}
