//! Sums across reports in the browser: `aggregate` and `checkSum` give the
//! core's sum and findings, byte for byte as JSON.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::panic)]

use gongkai::{Lang, Registry, Report};
use gongkai_wasm::{aggregate, check_sum};
use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const HUAIAN: &str = include_str!("../../../tests/cases/huaian-szf-2024/report.json");
const BROKEN: &str = include_str!("../../../tests/cases/synthetic-2021-sums-broken/report.json");

fn stringify(v: &JsValue) -> String {
    JSON::stringify(v).unwrap().as_string().unwrap()
}

fn array(items: &[&str]) -> JsValue {
    let a = Array::new();
    for i in items {
        a.push(&JSON::parse(i).unwrap());
    }
    a.into()
}

#[wasm_bindgen_test]
fn aggregate_and_check_sum_give_the_cores_results() {
    let parts: Vec<Report> = [HUAIAN, BROKEN]
        .iter()
        .map(|t| Report::from_json(t).unwrap())
        .collect();
    let sum = Registry::builtin().aggregate(&parts, Lang::ZhCn).unwrap();
    let js = aggregate(array(&[HUAIAN, BROKEN]), None).unwrap();
    let report = Reflect::get(&js, &"report".into()).unwrap();
    assert_eq!(stringify(&report), sum.report.to_json());
    assert_eq!(
        stringify(&Reflect::get(&js, &"findings".into()).unwrap()),
        "[]"
    );

    let summary = Report::from_json(HUAIAN).unwrap();
    let outcome = Registry::builtin()
        .check_sum(&summary, &parts, Lang::ZhCn)
        .unwrap();
    assert!(!outcome.valid);
    let js = check_sum(JsValue::from_str(HUAIAN), array(&[HUAIAN, BROKEN]), None).unwrap();
    assert_eq!(stringify(&js), outcome.to_json());
}

#[wasm_bindgen_test]
fn misuse_of_aggregate_is_a_gongkai_error() {
    for bad in [JsValue::from_str("[]"), JsValue::NULL, JsValue::from(3)] {
        let e = aggregate(bad, None).unwrap_err();
        assert_eq!(Reflect::get(&e, &"name".into()).unwrap(), "GongkaiError");
    }
    // Nothing to add, and reports of different forms.
    let e = aggregate(Array::new().into(), None).unwrap_err();
    assert_eq!(Reflect::get(&e, &"code".into()).unwrap(), "usage");
    let legacy = include_str!("../../../tests/cases/gejiu-2018/report.json");
    let e = aggregate(array(&[HUAIAN, legacy]), None).unwrap_err();
    assert_eq!(Reflect::get(&e, &"code".into()).unwrap(), "usage");
}
