//! Run-time forms: the Fujian provincial statistics tables of 2011–2013 and
//! 2014–2018, which are not compiled in, loaded from
//! `forms/examples/fujian-*.json` and run on hand-typed Pingtan reports
//! (`tests/cases/fujian/`). The expected findings are the ones computed by
//! hand in `tests/cases/fujian/NOTES.md`.

// A test reports a failure by panicking.
#![allow(clippy::panic)]

use std::fs;
use std::path::PathBuf;

use gongkai::form::ValueKind;
use gongkai::{Error, Finding, Lang, Options, Registry, Report, Severity};
use serde_json::Value;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn form_text(id: &str) -> String {
    let path = manifest_dir()
        .join("forms/examples")
        .join(format!("{id}.json"));
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn report(name: &str) -> Report {
    let path = manifest_dir()
        .join("../../tests/cases/fujian")
        .join(format!("{name}.json"));
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Report::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The built-in forms plus both Fujian forms, loaded at run time.
fn registry() -> Registry {
    let mut reg = Registry::with_builtins();
    for id in ["fujian-2011", "fujian-2014"] {
        let form = reg
            .load_form(&form_text(id))
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(form.id(), id);
    }
    reg
}

fn zh() -> Options {
    Options { lang: Lang::ZhCn }
}

/// What a finding is, without its message: (rule, severity, cell, related, expected, actual).
type Key = (
    String,
    Severity,
    Option<String>,
    Vec<String>,
    Option<String>,
    Option<String>,
);

fn key(f: &Finding) -> Key {
    (
        f.rule.clone(),
        f.severity,
        f.cell.clone(),
        f.related.clone(),
        f.expected.clone(),
        f.actual.clone(),
    )
}

fn want(
    rule: &str,
    severity: Severity,
    cell: Option<&str>,
    related: &[&str],
    expected: Option<&str>,
    actual: Option<&str>,
) -> Key {
    (
        rule.to_string(),
        severity,
        cell.map(String::from),
        related.iter().map(|s| s.to_string()).collect(),
        expected.map(String::from),
        actual.map(String::from),
    )
}

#[test]
fn example_forms_load_at_run_time_and_are_not_built_in() {
    for id in ["fujian-2011", "fujian-2014"] {
        assert!(
            Registry::builtin().form(id).is_none(),
            "{id} is compiled in"
        );
        assert!(Registry::with_builtins().form(id).is_none());
    }
    let reg = registry();
    // The built-in forms are still there.
    for id in ["legacy", "2019", "2021"] {
        assert!(reg.form(id).is_some(), "{id}");
    }

    let f11 = reg.form("fujian-2011").expect("loaded");
    let f14 = reg.form("fujian-2014").expect("loaded");
    assert_eq!(
        (f11.def().years.from, f11.def().years.to),
        (Some(2011), Some(2013))
    );
    assert_eq!(
        (f14.def().years.from, f14.def().years.to),
        (Some(2014), Some(2018))
    );
    // 17 and 16 rows, two value columns each.
    assert_eq!(f11.cells().len(), 34);
    assert_eq!(f14.cells().len(), 32);
    for f in [f11, f14] {
        let ids = f.rule_ids();
        for id in ["FJ-1", "FJ-2", "FJ-3", "FJ-4", "FJ-5"] {
            assert!(ids.contains(&id), "{}: {id} missing from {ids:?}", f.id());
        }
        // The rules every form shares come with it.
        assert!(ids.contains(&"F-3") && ids.contains(&"S-6"), "{ids:?}");
    }

    // Rows printed in some years only are optional.
    let optional = |f: &gongkai::Form| -> Vec<String> {
        f.cells()
            .iter()
            .filter(|c| c.optional)
            .map(|c| c.address.clone())
            .collect()
    };
    assert_eq!(
        optional(f11),
        ["fujian/apply.other/year", "fujian/apply.other/cumulative"]
    );
    assert_eq!(
        optional(f14),
        ["fujian/fee_waiver/year", "fujian/fee_waiver/cumulative"]
    );

    // Kinds and units: the 元 row is money, everything else a count.
    let fee = f14.cell("fujian/fee_waiver/year").expect("fee row");
    assert_eq!(fee.kind, ValueKind::Money);
    assert_eq!(fee.unit.as_deref(), Some("元"));
    let review = f14.cell("fujian/review/cumulative").expect("review row");
    assert_eq!(review.kind, ValueKind::Count);
    assert_eq!(review.unit.as_deref(), Some("件"));
    assert!(f11
        .cells()
        .iter()
        .all(|c| c.kind == ValueKind::Count && c.unit.as_deref() == Some("条")));
}

#[test]
fn consistent_reports_are_valid() {
    let reg = registry();
    for (name, form) in [
        ("pingtan-syq-2011", "fujian-2011"),
        ("pingtan-syq-2012", "fujian-2011"),
        ("pingtan-syq-2014", "fujian-2014"),
        ("pingtan-syq-2018", "fujian-2014"),
    ] {
        let r = report(name);
        assert_eq!(r.form.as_deref(), Some(form), "{name}");
        let out = reg.validate(&r, &zh());
        assert!(out.valid, "{name}: {:#?}", out.findings);
        assert!(out.findings.is_empty(), "{name}: {:#?}", out.findings);
        assert_eq!(
            (out.counts.error, out.counts.warning, out.counts.info),
            (0, 0, 0)
        );
    }
}

#[test]
fn xian_2012_main_total_is_not_website_plus_gazette() {
    let reg = registry();
    let r = report("pingtan-xian-2012");
    let out = reg.validate(&r, &zh());
    assert!(!out.valid);
    let got: Vec<Key> = out.findings.iter().map(key).collect();
    assert_eq!(
        got,
        vec![
            // 1795 + 0 = 1795, printed 2026.
            want(
                "FJ-1",
                Severity::Error,
                Some("fujian/active.total/year"),
                &["fujian/active.website/year", "fujian/active.gazette/year"],
                Some("1795"),
                Some("2026"),
            ),
            // 3304 + 7 = 3311, printed 3542.
            want(
                "FJ-1",
                Severity::Error,
                Some("fujian/active.total/cumulative"),
                &[
                    "fujian/active.website/cumulative",
                    "fujian/active.gazette/cumulative",
                ],
                Some("3311"),
                Some("3542"),
            ),
        ]
    );
    assert_eq!(
        (out.counts.error, out.counts.warning, out.counts.info),
        (2, 0, 0)
    );
    assert_eq!(
        out.findings[0].message,
        "主动公开信息数·本年度 应为 1795（网站公开与政府公报公开之和），报告为 2026"
    );
    assert_eq!(
        out.findings[1].message,
        "主动公开信息数·历年累计 应为 3311（网站公开与政府公报公开之和），报告为 3542"
    );

    let en = reg.validate(&r, &Options { lang: Lang::En });
    assert_eq!(
        en.findings.iter().map(key).collect::<Vec<_>>(),
        got,
        "same findings in every language"
    );
    assert_eq!(
        en.findings[0].message,
        "proactively disclosed items · this year should be 1795 (website plus gazette), reported 2026"
    );
}

#[test]
fn syq_2013_missing_gazette_cumulative_is_a_missing_cell() {
    // 2、政府公报公开 prints one token, 0; the 历年累计 cell is left out.
    let reg = registry();
    let out = reg.validate(&report("pingtan-syq-2013"), &zh());
    assert!(!out.valid);
    assert_eq!(
        out.findings.iter().map(key).collect::<Vec<_>>(),
        vec![want(
            "F-3",
            Severity::Error,
            Some("fujian/active.gazette/cumulative"),
            &[],
            None,
            None,
        )]
    );
    assert_eq!(
        out.findings[0].message,
        "表“政府信息公开情况统计表”缺少 1 个单元格：政府公报公开·历年累计"
    );
}

#[test]
fn warning_and_kind_rules_fire_on_a_changed_report() {
    // None of the real tables breaks FJ-4 or FJ-5; change the 2014 report so they do.
    let reg = registry();
    let mut r = report("pingtan-syq-2014");
    let set = |r: &mut Report, addr: &str, v: Value| {
        assert!(r.cells.contains_key(addr), "{addr}");
        r.cells
            .insert(addr.to_string(), serde_json::from_value(v).expect("cell"));
    };
    set(&mut r, "fujian/review/year", Value::from(3));
    set(&mut r, "fujian/review/cumulative", Value::from(2));
    set(&mut r, "fujian/complaints/year", Value::from("若干"));
    // A decimal amount is fine in the 元 row.
    set(&mut r, "fujian/fee_waiver/year", Value::from("120.50"));
    set(
        &mut r,
        "fujian/fee_waiver/cumulative",
        Value::from("120.50"),
    );
    let out = reg.validate(&r, &zh());
    assert_eq!(
        out.findings.iter().map(key).collect::<Vec<_>>(),
        vec![
            want(
                "FJ-5",
                Severity::Error,
                Some("fujian/complaints/year"),
                &[],
                None,
                Some("若干"),
            ),
            want(
                "FJ-4",
                Severity::Warning,
                Some("fujian/review/year"),
                &["fujian/review/cumulative"],
                Some("2"),
                Some("3"),
            ),
        ]
    );
    assert_eq!(
        out.findings[1].message,
        "行政复议数·本年度（3）不应大于行政复议数·历年累计（2）"
    );
}

#[test]
fn a_form_that_is_not_loaded_is_f0() {
    let r = report("pingtan-syq-2014");
    let plain = [
        gongkai::validate(&r, &zh()),
        Registry::builtin().validate(&r, &zh()),
        Registry::with_builtins().validate(&r, &zh()),
    ];
    for out in plain {
        assert!(!out.valid);
        assert_eq!(
            out.findings.iter().map(key).collect::<Vec<_>>(),
            vec![want(
                "F-0",
                Severity::Error,
                None,
                &[],
                None,
                Some("fujian-2014"),
            )]
        );
        assert!(
            out.findings[0].message.contains("“fujian-2014”"),
            "{}",
            out.findings[0].message
        );
    }
    // Loading the other Fujian form does not help.
    let mut reg = Registry::with_builtins();
    reg.load_form(&form_text("fujian-2011")).expect("loads");
    let out = reg.validate(&r, &zh());
    assert_eq!(out.findings.len(), 1);
    assert_eq!(out.findings[0].rule, "F-0");
}

/// The 2014 form with one change, as JSON text.
fn broken(change: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(&form_text("fujian-2014")).expect("form JSON");
    change(&mut v);
    serde_json::to_string(&v).expect("JSON")
}

fn form_error(json: &str) -> String {
    let mut reg = Registry::with_builtins();
    let err = match reg.load_form(json) {
        Ok(f) => panic!("form {} loaded, should be rejected", f.id()),
        Err(e) => e,
    };
    assert!(
        reg.form("fujian-2014").is_none(),
        "a rejected form is not registered"
    );
    match err {
        Error::Form(m) => m,
        other => panic!("want Error::Form, got {other:?}"),
    }
}

#[test]
fn broken_form_files_are_rejected_with_the_problem_named() {
    // The unmodified file loads.
    assert!(Registry::with_builtins().load_form(&broken(|_| {})).is_ok());

    // A rule that names a cell the form lacks (typo gazete).
    let m = form_error(&broken(|v| {
        v["rules"][0]["parts"][1] = Value::from("fujian/active.gazete/{c}");
    }));
    assert!(
        m.contains("FJ-1") && m.contains("unknown cell \"fujian/active.gazete/year\""),
        "{m}"
    );

    // An unknown field (typo optinal) is an error, not a silently ignored key.
    let m = form_error(&broken(|v| {
        v["tables"][0]["rows"][12]["optinal"] = Value::from(true);
    }));
    assert!(m.contains("unknown field `optinal`"), "{m}");

    // The same row twice.
    let m = form_error(&broken(|v| {
        let rows = v["tables"][0]["rows"].as_array_mut().expect("rows");
        let dup = rows
            .iter()
            .find(|r| r["key"] == "review")
            .expect("review row")
            .clone();
        rows.push(dup);
    }));
    assert!(
        m.contains("fujian/review/") && m.contains("defined twice"),
        "{m}"
    );

    // A loop over a table the form lacks.
    let m = form_error(&broken(|v| {
        v["rules"][3]["for"]["r"] = Value::from("rows:fujain");
    }));
    assert!(
        m.contains("FJ-4") && m.contains("unknown table \"fujain\""),
        "{m}"
    );
}
