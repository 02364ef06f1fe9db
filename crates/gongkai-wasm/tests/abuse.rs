//! The worst a page can pass: every call either returns (findings for bad
//! data) or throws a `GongkaiError` with a code (misuse) — never a panic or a
//! trap. A trap would also leave the instance unusable, so the last test
//! checks that the module still answers after all of this.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::panic)]

use gongkai_wasm::{forms, load_form, parse, validate, validate_pair};
use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const HUAIAN: &str = include_str!("../../../tests/cases/huaian-szf-2024/report.json");
const PINGTAN_2020: &str = include_str!("../../../../shared/corpus/014-pingtan-syq-2020.txt");

/// Asserts `r` threw a `GongkaiError` with `code`; returns its message.
#[track_caller]
fn threw(r: Result<JsValue, JsValue>, code: &str) -> String {
    let e = match r {
        Ok(v) => panic!(
            "expected a GongkaiError {code:?}, got {}",
            JSON::stringify(&v)
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_default()
                .chars()
                .take(300)
                .collect::<String>()
        ),
        Err(e) => e,
    };
    let err = e
        .dyn_ref::<js_sys::Error>()
        .unwrap_or_else(|| panic!("thrown value is not an Error: {e:?}"));
    assert_eq!(String::from(err.name()), "GongkaiError");
    let got = Reflect::get(&e, &"code".into()).unwrap().as_string();
    let message = String::from(err.message());
    assert_eq!(got.as_deref(), Some(code), "{message}");
    message
}

/// Asserts `r` is an outcome; returns its `valid` and rule ids.
#[track_caller]
fn outcome(r: Result<JsValue, JsValue>) -> (bool, Vec<String>) {
    let v = r.unwrap_or_else(|e| panic!("threw {e:?}"));
    let text = JSON::stringify(&v).unwrap().as_string().unwrap();
    let o: gongkai::Outcome = serde_json::from_str(&text).unwrap();
    (o.valid, o.findings.into_iter().map(|f| f.rule).collect())
}

fn obj(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o
}

#[wasm_bindgen_test]
fn wrong_argument_types_throw_usage_errors() {
    let not_reports: Vec<JsValue> = vec![
        JsValue::UNDEFINED,
        JsValue::NULL,
        JsValue::TRUE,
        JsValue::from_f64(42.0),
        JsValue::from_f64(f64::NAN),
        js_sys::BigInt::from(7u32).into(),
        js_sys::Symbol::for_("x").into(),
        Array::new().into(),
        Array::of2(&1.into(), &2.into()).into(),
        js_sys::Function::new_no_args("return 1").into(),
    ];
    for v in &not_reports {
        threw(validate(v.clone(), None), "usage");
        threw(validate_pair(v.clone(), HUAIAN.into(), None), "usage");
        threw(validate_pair(HUAIAN.into(), v.clone(), None), "usage");
        if !v.is_undefined() && !v.is_null() {
            // (a null or undefined option is no option)
            threw(
                validate(HUAIAN.into(), Some(obj(&[("previous", v.clone())]))),
                "usage",
            );
            threw(
                validate(HUAIAN.into(), Some(v.clone().unchecked_into())),
                "usage",
            );
        }
        threw(load_form(v.clone()).map(JsValue::from), "usage");
        if v.as_string().is_none() {
            threw(parse(v.clone()), "usage");
        }
    }
    // parse takes text only, not a report object.
    threw(parse(JSON::parse(HUAIAN).unwrap()), "usage");
}

#[wasm_bindgen_test]
fn bad_options_throw_usage_errors() {
    let m = threw(
        validate(HUAIAN.into(), Some(obj(&[("lang", "fr".into())]))),
        "usage",
    );
    assert!(m.contains("fr"), "{m}");
    threw(
        validate(HUAIAN.into(), Some(obj(&[("lang", 1.into())]))),
        "usage",
    );
    threw(
        validate(HUAIAN.into(), Some(obj(&[("language", "en".into())]))),
        "usage",
    );
    threw(
        validate(
            HUAIAN.into(),
            Some(JsValue::from_str("en").unchecked_into()),
        ),
        "usage",
    );
    threw(
        validate(HUAIAN.into(), Some(Array::new().unchecked_into())),
        "usage",
    );
    // validatePair takes the previous report as an argument, not an option.
    threw(
        validate_pair(
            HUAIAN.into(),
            HUAIAN.into(),
            Some(obj(&[("previous", HUAIAN.into())])),
        ),
        "usage",
    );
    // Accepted spellings and empty options.
    for lang in ["zh-CN", "zh", "en", "EN", "en-US"] {
        outcome(validate(HUAIAN.into(), Some(obj(&[("lang", lang.into())]))));
    }
    outcome(validate(HUAIAN.into(), Some(Object::new())));
    outcome(validate(
        HUAIAN.into(),
        Some(obj(&[("lang", JsValue::UNDEFINED)])),
    ));
    outcome(validate(
        HUAIAN.into(),
        Some(obj(&[("previous", JsValue::NULL)])),
    ));
}

#[wasm_bindgen_test]
fn text_that_is_not_a_report_throws_json_errors() {
    for text in [
        "",
        "   ",
        "{",
        "{not json",
        "[]",
        "[1,2,3]",
        "42",
        "null",
        "\"a string\"",
        "{\"cells\": {\"a/b/c\": 1}",
        "{\"form\": 2021}",
        "{\"cells\": [1, 2]}",
        "{\"meta\": {\"year\": \"2024\"}}",
        "{\"meta\": {\"year\": 1e400}}",
        "{\"cells\": {\"a/b/c\": 1e400}}",
        "\u{feff}{\"form\": \"2021\"",
    ] {
        threw(validate(text.into(), None), "json");
    }
    // parse reads any text, except JSON that is not a report.
    threw(parse("{\"cells\": [1]}".into()), "json");
    threw(parse("{ broken".into()), "json");
}

#[wasm_bindgen_test]
fn unwritable_objects_throw_json_errors() {
    // A cycle.
    let cyclic = Object::new();
    Reflect::set(&cyclic, &"self".into(), &cyclic).unwrap();
    let m = threw(validate(cyclic.clone().into(), None), "json");
    assert!(!m.is_empty());
    threw(load_form(cyclic.into()).map(JsValue::from), "json");
    // A BigInt inside.
    let big = obj(&[(
        "cells",
        obj(&[("requests/new/natural", js_sys::BigInt::from(5u32).into())]).into(),
    )]);
    threw(validate(big.into(), None), "json");
    // A Date is an object whose JSON is a string.
    threw(validate(js_sys::Date::new_0().into(), None), "json");
    // Nesting far deeper than any parser's limit, as text and as objects:
    // invalid text is an error; valid text is an error where the nesting is
    // read (a cell value, 128 levels at most) and data where it is skipped
    // (an unknown field).
    let depth = 100_000;
    let open = "{\"meta\":".repeat(depth);
    let close = "}".repeat(depth);
    threw(validate(format!("{open}{close}").into(), None), "json");
    threw(parse(format!("{open}{close}").into()), "json");
    let deep_cell = format!(
        "{{\"form\":\"2021\",\"cells\":{{\"requests/new/natural\":{}{}}}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    threw(validate(deep_cell.clone().into(), None), "json");
    threw(parse(deep_cell.into()), "json");
    let deep_unknown = format!("{open}{{}}{close}");
    answered(validate(deep_unknown.clone().into(), None));
    answered(parse(deep_unknown.into()));
    let mut o: JsValue = Object::new().into();
    for _ in 0..depth {
        o = obj(&[("meta", o)]).into();
    }
    answered(validate(o.clone(), None));
    answered(validate(HUAIAN.into(), Some(obj(&[("previous", o)]))));
    let mut a: JsValue = Array::new().into();
    for _ in 0..depth {
        a = Array::of1(&a).into();
    }
    let cells = obj(&[("requests/new/natural", a)]);
    let report = obj(&[("form", "2021".into()), ("cells", cells.into())]);
    answered(validate(report.into(), None));
}

/// Either an answer or a GongkaiError: what matters is that nothing trapped.
#[track_caller]
fn answered(r: Result<JsValue, JsValue>) {
    if let Err(e) = r {
        let name = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.name()));
        assert_eq!(name.as_deref(), Some("GongkaiError"), "{e:?}");
    }
}

#[wasm_bindgen_test]
fn odd_values_are_findings_not_errors() {
    let cells = obj(&[
        ("requests/new/natural", "abc".into()),
        ("requests/new/commercial", JsValue::from_f64(-5.0)),
        ("requests/new/research", JsValue::from_f64(1.5)),
        ("requests/new/nonprofit", JsValue::from_f64(1e300)),
        (
            "requests/new/legal_services",
            JsValue::from_f64(f64::INFINITY),
        ),
        ("requests/new/other_org", JsValue::from_f64(f64::NAN)),
        (
            "requests/new/total",
            Array::of2(&1.into(), &2.into()).into(),
        ),
        (
            "requests/carried_over/natural",
            obj(&[("x", 1.into())]).into(),
        ),
        ("requests/carried_over/total", JsValue::TRUE),
        ("requests/granted/natural", JsValue::NULL),
        ("requests/granted/total", JsValue::UNDEFINED),
        ("active/fees/amount", "１８６５１．０６万元".into()),
        ("no/such/cell", 3.into()),
        ("", "".into()),
    ]);
    let meta = obj(&[("year", JsValue::from_f64(2024.0)), ("kind", JsValue::NULL)]);
    let report = obj(&[
        ("form", "2021".into()),
        ("meta", meta.into()),
        ("cells", cells.into()),
    ]);
    let (valid, rules) = outcome(validate(report.clone().into(), None));
    assert!(!valid);
    assert!(rules.iter().any(|r| r == "T3-5"), "{rules:?}");
    // English too, and against itself as the previous year.
    outcome(validate(
        report.clone().into(),
        Some(obj(&[
            ("lang", "en".into()),
            ("previous", report.clone().into()),
        ])),
    ));
    outcome(validate_pair(report.clone().into(), report.into(), None));

    // Forms that do not exist, odd meta: findings.
    for json in [
        "{}",
        "{\"form\": null}",
        "{\"form\": \"1999\"}",
        "{\"form\": \"\", \"cells\": {}}",
        "{\"form\": \"2021\", \"meta\": {\"year\": -2147483648, \"published\": \"not a date\"}}",
        "{\"form\": \"2019\", \"meta\": {\"year\": 2147483647}, \"sections\": [{\"key\": \"x\"}]}",
        "{\"form\": \"legacy\", \"cells\": {\"legacy/apply.received/value\": 18446744073709551616}}",
        "{\"form\": \"2021\", \"cells\": {\"requests/new/natural\": 9007199254740993}}",
        "{\"form\": \"2021\", \"cells\": {\"requests/new/natural\": -9223372036854775808}}",
    ] {
        outcome(validate(json.into(), None));
        // parse of JSON gives the report back; integers beyond 2^53 as text.
        let back = parse(json.into()).unwrap_or_else(|e| panic!("{json}: {e:?}"));
        outcome(validate(back, None));
    }
    let back = parse("{\"cells\": {\"a/b/c\": 9007199254740993, \"a/b/d\": 7}}".into()).unwrap();
    let cells = Reflect::get(&back, &"cells".into()).unwrap();
    assert_eq!(
        Reflect::get(&cells, &"a/b/c".into())
            .unwrap()
            .as_string()
            .as_deref(),
        Some("9007199254740993")
    );
    assert_eq!(
        Reflect::get(&cells, &"a/b/d".into()).unwrap().as_f64(),
        Some(7.0)
    );
}

#[wasm_bindgen_test]
fn huge_and_strange_text_gives_a_report() {
    // A 1 MB line of digits.
    let digits = "1234567890".repeat(100_000);
    let r = parse(digits.clone().into()).unwrap();
    outcome(validate(r, None));
    // The same run glued into a real report, after a row's label.
    let glued = PINGTAN_2020.replacen("予以公开", &format!("予以公开{digits}"), 1);
    let r = parse(glued.into()).unwrap();
    outcome(validate(r, None));
    // A real report repeated to 4 MB.
    let mut big = String::new();
    while big.len() < 4 << 20 {
        big.push_str(PINGTAN_2020);
    }
    let r = parse(big.into()).unwrap();
    outcome(validate(r, None));
    // Control characters, lone surrogates (lossy in a Rust string), NULs,
    // HTML that never closes, Markdown with no rows.
    let units: Vec<u16> = "政府信息公开\u{0}\u{1}\u{7f}"
        .encode_utf16()
        .chain([0xd800, 0xdfff, 0x41])
        .collect();
    let lone = js_sys::JsString::from_char_code(&units);
    outcome(validate(parse(lone.into()).unwrap(), None));
    for text in [
        "<table>".repeat(50_000),
        "<td rowspan=99999999 colspan=99999999>1".repeat(1_000),
        "|".repeat(100_000),
        "| a | b |\n|---|---|\n".repeat(10_000),
        "（七）总计\n".repeat(20_000),
        "一、本年新收政府信息公开申请数量 ".repeat(10_000) + &"9".repeat(10_000),
        "\u{feff}".repeat(1_000),
        "\n".repeat(1_000_000),
    ] {
        let r = parse(text.into()).unwrap();
        outcome(validate(r, None));
    }
}

#[wasm_bindgen_test]
fn bad_form_definitions_throw_form_errors() {
    for def in [
        "{}",
        "{\"id\": \"x\"}",
        "{\"id\": \"x\", \"title\": \"t\", \"tables\": [], \"rules\": [], \"typo\": 1}",
        "{\"id\": \"x\", \"title\": \"t\", \"tables\": [], \"rules\": [{\"id\": \"R\", \"kind\": \"sum\"}]}",
        "[]",
        "not json",
    ] {
        threw(load_form(def.into()).map(JsValue::from), "form");
    }
    threw(
        load_form(obj(&[("id", 5.into())]).into()).map(JsValue::from),
        "form",
    );
    // Nothing was added.
    assert_eq!(Array::from(&forms().unwrap()).length(), 3);
}

/// Runs last by name order within this file's instance: the module still
/// works after everything above.
#[wasm_bindgen_test]
fn zz_the_module_still_answers() {
    let (valid, rules) = outcome(validate(HUAIAN.into(), None));
    assert!(valid && rules.is_empty(), "{rules:?}");
    let r = parse(PINGTAN_2020.into()).unwrap();
    let (valid, rules) = outcome(validate(r, None));
    assert!(!valid);
    assert!(rules.iter().any(|r| r == "T3-2"), "{rules:?}");
}
