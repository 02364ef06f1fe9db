//! Run-time forms through `loadForm`: the Fujian provincial tables
//! (`crates/gongkai/forms/examples/`) on the hand-typed Pingtan reports
//! (`tests/cases/fujian/`), as `crates/gongkai/tests/runtime_form.rs` runs
//! them in Rust. A separate file, so a separate instance: the golden cases
//! run on the built-in forms only.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::panic)]

use gongkai::{Lang, Options, Outcome, Registry, Report};
use gongkai_wasm::{forms, load_form, parse, validate};
use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const FORM_2011: &str = include_str!("../../gongkai/forms/examples/fujian-2011.json");
const FORM_2014: &str = include_str!("../../gongkai/forms/examples/fujian-2014.json");
const REPORTS: &[&str] = &[
    include_str!("../../../tests/cases/fujian/pingtan-syq-2011.json"),
    include_str!("../../../tests/cases/fujian/pingtan-syq-2012.json"),
    include_str!("../../../tests/cases/fujian/pingtan-syq-2013.json"),
    include_str!("../../../tests/cases/fujian/pingtan-syq-2014.json"),
    include_str!("../../../tests/cases/fujian/pingtan-syq-2018.json"),
    include_str!("../../../tests/cases/fujian/pingtan-xian-2012.json"),
];
const PINGTAN_2011_TEXT: &str = include_str!("../../../../shared/corpus/001-pingtan-syq-2011.txt");

fn stringify(v: &JsValue) -> String {
    JSON::stringify(v).unwrap().as_string().unwrap()
}

fn ids() -> Vec<String> {
    Array::from(&forms().unwrap())
        .iter()
        .map(|d| Reflect::get(&d, &"id".into()).unwrap().as_string().unwrap())
        .collect()
}

#[wasm_bindgen_test]
fn loaded_forms_validate_as_in_the_core() {
    // Before: a report naming an unknown form gets F-0, nothing else.
    let before = validate(REPORTS[0].into(), None).unwrap();
    let before: Outcome = serde_json::from_str(&stringify(&before)).unwrap();
    assert_eq!(
        before
            .findings
            .iter()
            .map(|f| f.rule.as_str())
            .collect::<Vec<_>>(),
        ["F-0"]
    );

    // One form as JSON text, the other as an object.
    assert_eq!(load_form(FORM_2011.into()).unwrap(), "fujian-2011");
    assert_eq!(
        load_form(JSON::parse(FORM_2014).unwrap()).unwrap(),
        "fujian-2014"
    );
    // Loading again replaces, it does not add.
    assert_eq!(load_form(FORM_2014.into()).unwrap(), "fujian-2014");
    assert_eq!(
        ids(),
        ["legacy", "2019", "2021", "fujian-2011", "fujian-2014"]
    );

    let mut reg = Registry::with_builtins();
    reg.load_form(FORM_2011).unwrap();
    reg.load_form(FORM_2014).unwrap();
    let mut invalid = 0;
    for json in REPORTS {
        let report = Report::from_json(json).unwrap();
        for (lang, tag) in [(Lang::ZhCn, "zh-CN"), (Lang::En, "en")] {
            let want = reg.validate(&report, &Options { lang }).to_json();
            let opts = js_sys::Object::new();
            Reflect::set(&opts, &"lang".into(), &tag.into()).unwrap();
            let got = stringify(&validate(JSON::parse(json).unwrap(), Some(opts)).unwrap());
            assert_eq!(got, want, "{:?}", report.meta.title);
            if lang == Lang::ZhCn && !serde_json::from_str::<Outcome>(&got).unwrap().valid {
                invalid += 1;
            }
        }
    }
    // pingtan-xian-2012 is the inconsistent one (tests/cases/fujian/NOTES.md).
    assert!(invalid >= 1);

    // The form definitions come back as they were loaded.
    let defs = Array::from(&forms().unwrap());
    let want: serde_json::Value = serde_json::from_str(
        &serde_json::to_string(&reg.form("fujian-2014").unwrap().def()).unwrap(),
    )
    .unwrap();
    let got: serde_json::Value = serde_json::from_str(&stringify(&defs.get(4))).unwrap();
    assert_eq!(got, want);

    // parse knows the loaded forms too: the same registry.
    let got = parse(PINGTAN_2011_TEXT.into()).unwrap();
    assert_eq!(
        Reflect::get(&got, &"form".into())
            .unwrap()
            .as_string()
            .as_deref(),
        Some("fujian-2011")
    );
    assert_eq!(
        stringify(&got),
        reg.parse(PINGTAN_2011_TEXT).unwrap().to_json()
    );
}
