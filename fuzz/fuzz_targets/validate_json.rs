//! Report JSON: `validate_json`, and `Report::from_json` then `validate`
//! and `validate_pair` of the report with itself.
#![no_main]

use libfuzzer_sys::fuzz_target;

use gongkai::Report;
use gongkai_fuzz::{check_outcome, options, LANGS};

fuzz_target!(|data: &[u8]| {
    let input = gongkai_fuzz::text(data);
    for lang in LANGS {
        let opts = options(lang);
        let direct = gongkai::validate_json(&input, &opts);
        match Report::from_json(&input) {
            Ok(report) => {
                let outcome = direct.expect("validate_json failed on a report from_json reads");
                check_outcome(&outcome);
                assert_eq!(outcome, gongkai::validate(&report, &opts));
                check_outcome(&gongkai::validate_pair(&report, &report, &opts));
            }
            Err(e) => {
                assert_eq!(direct.err(), Some(e.clone()), "validate_json vs from_json");
                assert!(!e.to_string().trim().is_empty(), "empty error message");
            }
        }
    }
});
