//! The HTML reader: the input is prefixed with `<table><tr><td>` so that
//! `parse` always takes the HTML path.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = format!("<table><tr><td>{}", gongkai_fuzz::text(data));
    assert_eq!(gongkai::sniff(&input), gongkai::InputKind::Html);
    gongkai_fuzz::parse_and_check(&input);
});
