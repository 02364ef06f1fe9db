//! parseRuns: positioned text (what pdf.js gives a page) read as the core
//! reads a PDF's text layer.

#![cfg(all(target_arch = "wasm32", feature = "files"))]
#![allow(clippy::unwrap_used, clippy::panic)]

use gongkai_wasm::parse_runs;
use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Table 2 of the 2021 form as whole-cell runs (pdf.js items), with the
/// extra fields pdf.js items carry, a blank cell and a page break.
/// A printed line: page, baseline, cells at x.
type Line = (u32, f64, Vec<(f64, &'static str)>);

fn runs_json() -> String {
    let lines: Vec<Line> = vec![
        (
            1,
            760.0,
            vec![(90.0, "淮安市人民政府2024年政府信息公开工作年度报告")],
        ),
        (1, 738.0, vec![(60.0, "二、主动公开政府信息情况")]),
        (1, 716.0, vec![(200.0, "第二十条第（一）项")]),
        (
            1,
            694.0,
            vec![
                (60.0, "信息内容"),
                (280.0, "本年制发件数"),
                (360.0, "本年废止件数"),
                (440.0, "现行有效件数"),
            ],
        ),
        (1, 672.0, vec![(60.0, "规章"), (300.0, "1"), (460.0, "11")]),
        (
            1,
            650.0,
            vec![
                (60.0, "行政规范性"),
                (300.0, "8"),
                (380.0, "26"),
                (460.0, "66"),
            ],
        ),
        (1, 628.0, vec![(60.0, "文件")]),
        (1, 606.0, vec![(200.0, "第二十条第（五）项")]),
        (
            1,
            584.0,
            vec![(60.0, "信息内容"), (280.0, "本年处理决定数量")],
        ),
        (1, 562.0, vec![(60.0, "行政许可"), (300.0, "447228")]),
        (1, 40.0, vec![(290.0, "- 1 -")]),
        (2, 760.0, vec![(200.0, "第二十条第（六）项")]),
        (
            2,
            738.0,
            vec![(60.0, "信息内容"), (280.0, "本年处理决定数量")],
        ),
        (2, 716.0, vec![(60.0, "行政处罚"), (300.0, "3985758")]),
        (2, 694.0, vec![(60.0, "行政强制"), (300.0, "88283")]),
        (2, 672.0, vec![(200.0, "第二十条第（八）项")]),
        (
            2,
            650.0,
            vec![(60.0, "信息内容"), (280.0, "本年收费金额（单位：万元）")],
        ),
        (2, 628.0, vec![(60.0, "行政事业性收费"), (300.0, "96171.6")]),
    ];
    let mut items = Vec::new();
    for (page, y, cells) in lines {
        for (x, text) in cells {
            let width: f64 = text
                .chars()
                .map(|c| if c.is_ascii() { 5.5 } else { 11.0 })
                .sum();
            items.push(serde_json::json!({
                "page": page, "x": x, "y": y, "width": width, "height": 11.0, "text": text,
                "dir": "ltr", "fontName": "g_d0_f1", "hasEOL": false,
            }));
        }
    }
    serde_json::to_string(&items).unwrap()
}

fn cell(report: &JsValue, addr: &str) -> JsValue {
    let cells = Reflect::get(report, &"cells".into()).unwrap();
    Reflect::get(&cells, &addr.into()).unwrap()
}

#[wasm_bindgen_test]
fn a_table_from_runs() {
    let runs = JSON::parse(&runs_json()).unwrap();
    let report = parse_runs(runs).unwrap();
    assert_eq!(
        Reflect::get(&report, &"form".into())
            .unwrap()
            .as_string()
            .as_deref(),
        Some("2021")
    );
    assert_eq!(cell(&report, "active/rules/issued").as_f64(), Some(1.0));
    assert!(
        cell(&report, "active/rules/repealed").is_null(),
        "a blank cell stays blank"
    );
    assert_eq!(cell(&report, "active/rules/in_force").as_f64(), Some(11.0));
    assert_eq!(
        cell(&report, "active/normative/repealed").as_f64(),
        Some(26.0)
    );
    assert_eq!(
        cell(&report, "active/penalty/decisions").as_f64(),
        Some(3_985_758.0)
    );
    assert_eq!(
        cell(&report, "active/fees/amount").as_string().as_deref(),
        Some("96171.6")
    );
}

#[wasm_bindgen_test]
fn no_text_is_r3_and_misuse_throws() {
    let report = parse_runs(Array::new().into()).unwrap();
    let notes: Array = Reflect::get(&report, &"notes".into())
        .unwrap()
        .dyn_into()
        .unwrap();
    let rule = Reflect::get(&notes.get(0), &"rule".into()).unwrap();
    assert_eq!(rule.as_string().as_deref(), Some("R-3"));
    // NaN, nulls, missing fields: dropped, never a trap.
    let odd = JSON::parse(r#"[{"page": null, "x": null, "y": 1, "text": "1"}, {}, {"page": -3, "x": 1, "y": 2, "width": -1, "height": 0, "text": "规章"}]"#).unwrap();
    assert!(parse_runs(odd).is_ok());
    let nan = Array::new();
    let item = js_sys::Object::new();
    Reflect::set(&item, &"x".into(), &JsValue::from_f64(f64::NAN)).unwrap();
    Reflect::set(&item, &"y".into(), &JsValue::from_f64(f64::INFINITY)).unwrap();
    Reflect::set(&item, &"text".into(), &"5".into()).unwrap();
    nan.push(&item);
    assert!(parse_runs(nan.into()).is_ok());
    for bad in [
        JsValue::from_str("text"),
        JsValue::NULL,
        JSON::parse(r#"[{"text": 5}]"#).unwrap(),
    ] {
        let e = parse_runs(bad).unwrap_err();
        assert_eq!(
            Reflect::get(&e, &"code".into())
                .unwrap()
                .as_string()
                .as_deref(),
            Some("usage")
        );
    }
}
