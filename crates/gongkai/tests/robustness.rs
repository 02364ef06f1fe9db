//! Validation never panics and never throws on bad data: whatever the cells
//! hold, the outcome is findings, and `valid` means exactly "no error".
#![allow(clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeMap;

use gongkai::{CellValue, Format, Lang, Meta, Options, Registry, RenderOptions, Report, Severity};
use proptest::prelude::*;

fn addresses(form: &str) -> Vec<String> {
    Registry::builtin()
        .form(form)
        .unwrap()
        .cells()
        .iter()
        .map(|c| c.address.clone())
        .collect()
}

fn value() -> impl Strategy<Value = CellValue> {
    prop_oneof![
        Just(CellValue::Blank),
        any::<i64>().prop_map(CellValue::from),
        (0i64..50).prop_map(CellValue::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(CellValue::Number)),
        "\\PC{0,12}".prop_map(CellValue::Text),
        prop::sample::select(vec![
            "无",
            "—",
            "/",
            "+12",
            "减少3",
            "1,234",
            "１２",
            "12元",
            "3.5万元",
            "-0",
            "0.0000001",
            "99999999999999999999999999"
        ])
        .prop_map(|s| CellValue::Text(s.to_string())),
    ]
}

fn report() -> impl Strategy<Value = Report> {
    let forms = vec!["legacy", "2019", "2021", "nope"];
    (
        prop::sample::select(forms),
        any::<Option<i16>>(),
        prop::collection::vec(
            (any::<prop::sample::Index>(), "[a-z/._]{0,8}", value()),
            0..120,
        ),
    )
        .prop_map(|(form, year, cells)| {
            let known = addresses(if form == "nope" { "2021" } else { form });
            let mut map = BTreeMap::new();
            for (i, junk, v) in cells {
                // Mostly real addresses, some junk ones.
                let addr = if junk.len() % 5 == 0 {
                    junk
                } else {
                    known[i.index(known.len())].clone()
                };
                map.insert(addr, v);
            }
            Report {
                form: Some(form.to_string()),
                meta: Meta {
                    year: year.map(i32::from),
                    ..Meta::default()
                },
                cells: map,
                ..Report::default()
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_report_gives_an_outcome(r in report(), prev in report(), en in any::<bool>()) {
        let options = Options { lang: if en { Lang::En } else { Lang::ZhCn } };
        for o in [gongkai::validate(&r, &options), gongkai::validate_pair(&prev, &r, &options)] {
            let errors = o.findings.iter().filter(|f| f.severity == Severity::Error).count();
            prop_assert_eq!(o.valid, errors == 0);
            prop_assert_eq!(o.counts.error, errors);
            prop_assert!(o.findings.iter().all(|f| !f.message.is_empty()));
        }
        // Deterministic: the same input gives the same bytes.
        prop_assert_eq!(gongkai::validate_pair(&prev, &r, &options).to_json(), gongkai::validate_pair(&prev, &r, &options).to_json());
    }

    #[test]
    fn any_report_renders_in_every_format(r in report(), en in any::<bool>(), page in any::<bool>(), normalize in any::<bool>()) {
        let lang = if en { Lang::En } else { Lang::ZhCn };
        let findings = gongkai::validate(&r, &Options { lang }).findings;
        for format in [Format::Html, Format::Text, Format::Markdown, Format::Csv] {
            let options = RenderOptions { format, lang, page, normalize };
            match gongkai::render(&r, &findings, &options) {
                Ok(out) => {
                    // Every cell of the report is in the output, on the form or after it.
                    prop_assert!(!out.is_empty());
                    if format == Format::Csv {
                        let addresses: std::collections::BTreeSet<&str> =
                            out.lines().skip(1).filter_map(|l| l.split(',').next()).collect();
                        for a in r.cells.keys() {
                            prop_assert!(addresses.contains(a.as_str()), "{} not in the CSV", a);
                        }
                    }
                }
                Err(e) => prop_assert_eq!(r.form.as_deref(), Some("nope"), "{}", e),
            }
        }
    }

    #[test]
    fn any_text_is_a_report_or_a_typed_error(s in "\\PC{0,200}") {
        let _ = gongkai::validate_json(&s, &Options::default());
    }
}

#[test]
fn json_that_is_not_a_report_is_a_typed_error() {
    for bad in [
        "",
        "[]",
        "null",
        "{\"cells\": []}",
        "{\"meta\": {\"year\": \"x\"}}",
        "{\"form\": 7}",
    ] {
        let e = gongkai::validate_json(bad, &Options::default()).unwrap_err();
        assert_eq!(e.code(), "json", "{bad}");
    }
}

#[test]
fn odd_values_are_findings_not_errors_of_the_call() {
    let json = r#"{"form": "2021", "meta": {"year": 2023}, "cells": {
        "appeals/review/upheld": "abc", "appeals/review/total": 1e300,
        "requests/new/natural": -5, "requests/new/total": 2.5, "active/fees/amount": [1, 2],
        "active/license/decisions": true, "active/rules/issued": {"x": 1}
    }}"#;
    let o = gongkai::validate_json(json, &Options::default()).unwrap();
    let kinds: Vec<(&str, &str)> = o
        .findings
        .iter()
        .filter_map(|f| Some((f.rule.as_str(), f.cell.as_deref()?)))
        .collect();
    for want in [
        ("T4-2", "appeals/review/upheld"),
        ("T4-2", "appeals/review/total"),
        ("T3-5", "requests/new/natural"),
        ("T3-5", "requests/new/total"),
        ("T2-1", "active/fees/amount"),
        ("T2-1", "active/license/decisions"),
        ("T2-1", "active/rules/issued"),
    ] {
        assert!(kinds.contains(&want), "{want:?} missing from {kinds:?}");
    }
    assert!(!o.valid);
}
