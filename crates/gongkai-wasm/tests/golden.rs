//! The shared golden cases (`tests/cases/*/`) run through the wasm exports in
//! a browser, compared byte for byte with the expected outcomes — the same
//! cases and the same expectations as `crates/gongkai/tests/golden.rs`.
//!
//! The case list is generated at compile time by `build.rs` (`include_str!`
//! of each case's files), since a wasm test cannot read files.
//!
//! Each case is run every way a page can call it: the report as an object
//! and as JSON text, the previous report through `options.previous` and
//! through `validatePair`, in zh-CN and (where the case has one) in English.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeSet;

use gongkai::{Outcome, Registry};
use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

include!(concat!(env!("OUT_DIR"), "/cases.rs"));

fn stringify(v: &JsValue) -> String {
    JSON::stringify(v).unwrap().as_string().unwrap()
}

fn js_parse(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

fn options(lang: &str, previous: Option<&JsValue>) -> Object {
    let o = Object::new();
    Reflect::set(&o, &"lang".into(), &lang.into()).unwrap();
    if let Some(p) = previous {
        Reflect::set(&o, &"previous".into(), p).unwrap();
    }
    o
}

fn error_text(e: JsValue) -> String {
    let code = Reflect::get(&e, &"code".into()).unwrap();
    format!("{:?} {:?}", code, e)
}

/// The case's report as the page would hold it: read with `parse` from the
/// published text, or the report JSON as an object.
fn report_of(case: &Case) -> JsValue {
    match (case.input, case.report) {
        (Some(text), _) => gongkai_wasm::parse(text.into())
            .unwrap_or_else(|e| panic!("{}: parse threw {}", case.name, error_text(e))),
        (None, Some(json)) => js_parse(json),
        (None, None) => panic!("{}: no report", case.name),
    }
}

#[wasm_bindgen_test]
fn every_case_gives_its_expected_outcome() {
    assert!(CASES.len() >= 3, "golden cases missing");
    let mut failures = Vec::new();
    let mut runs = 0;
    for case in CASES {
        let report = report_of(case);
        let prev = case.prev.map(js_parse);
        for (lang, expected) in [("zh-CN", Some(case.expected)), ("en", case.expected_en)] {
            let Some(expected) = expected else {
                continue;
            };
            let want: Outcome = serde_json::from_str(expected)
                .unwrap_or_else(|e| panic!("{}: expected ({lang}): {e}", case.name));
            let want = want.to_json();
            let mut check = |how: &str, got: Result<JsValue, JsValue>| {
                runs += 1;
                match got {
                    Ok(v) => {
                        let got = stringify(&v);
                        if got != want {
                            failures.push(format!(
                                "{} ({lang}, {how}):\n--- expected\n{want}\n--- got\n{got}",
                                case.name
                            ));
                        }
                    }
                    Err(e) => failures.push(format!(
                        "{} ({lang}, {how}): threw {}",
                        case.name,
                        error_text(e)
                    )),
                }
            };
            let opts = options(lang, prev.as_ref());
            check(
                "validate(object)",
                gongkai_wasm::validate(report.clone(), Some(opts.clone())),
            );
            if let Some(json) = case.report {
                check(
                    "validate(JSON text)",
                    gongkai_wasm::validate(json.into(), Some(opts.clone())),
                );
            }
            if let (Some(p), Some(p_json)) = (&prev, case.prev) {
                check(
                    "validatePair(object)",
                    gongkai_wasm::validate_pair(
                        p.clone(),
                        report.clone(),
                        Some(options(lang, None)),
                    ),
                );
                check(
                    "validatePair(JSON text)",
                    gongkai_wasm::validate_pair(
                        p_json.into(),
                        report.clone(),
                        Some(options(lang, None)),
                    ),
                );
            }
            if lang == "zh-CN" && prev.is_none() {
                // zh-CN is the default language.
                check(
                    "validate(report)",
                    gongkai_wasm::validate(report.clone(), None),
                );
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {runs} runs differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    web_sys_log(&format!("{} golden cases, {runs} runs", CASES.len()));
}

#[wasm_bindgen_test]
fn every_case_fires_exactly_the_rules_a_person_listed() {
    for case in CASES {
        let meta: serde_json::Value = serde_json::from_str(case.case_json).unwrap();
        let fires: BTreeSet<String> = meta["fires"]
            .as_array()
            .unwrap_or_else(|| panic!("{}: case.json has no `fires`", case.name))
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        let prev = case.prev.map(js_parse);
        let out =
            gongkai_wasm::validate(report_of(case), Some(options("zh-CN", prev.as_ref()))).unwrap();
        let out: Outcome = serde_json::from_str(&stringify(&out)).unwrap();
        let got: BTreeSet<String> = out.findings.into_iter().map(|f| f.rule).collect();
        assert_eq!(
            got, fires,
            "{}: rule ids produced vs case.json `fires`",
            case.name
        );
    }
}

/// `parse` gives the model.md report document: `JSON.stringify` of its
/// result is the core's own JSON of the report, byte for byte.
#[wasm_bindgen_test]
fn parse_gives_the_report_json_of_the_core() {
    let mut n = 0;
    for case in CASES {
        for text in [case.input, case.report, case.prev].into_iter().flatten() {
            let got = stringify(&gongkai_wasm::parse(text.into()).unwrap());
            let want = Registry::builtin().parse(text).unwrap().to_json();
            assert_eq!(got, want, "{}", case.name);
            n += 1;
        }
    }
    assert!(n >= CASES.len());
}

#[wasm_bindgen_test]
fn forms_lists_the_built_in_definitions() {
    let defs = gongkai_wasm::forms().unwrap();
    let got = stringify(&defs);
    let want: Vec<_> = Registry::builtin()
        .forms()
        .map(|f| f.def().clone())
        .collect();
    assert_eq!(got, serde_json::to_string(&want).unwrap());
    let ids: Vec<String> = want.iter().map(|d| d.id.clone()).collect();
    for id in ["legacy", "2019", "2021"] {
        assert!(ids.iter().any(|i| i == id), "{id} in {ids:?}");
    }
}

fn web_sys_log(s: &str) {
    wasm_bindgen_test::console_log!("{s}");
}
