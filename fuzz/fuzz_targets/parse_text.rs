//! Any bytes, read as lossy UTF-8, through `gongkai::parse` (which sniffs
//! JSON / HTML / Markdown / text), then `validate`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = gongkai_fuzz::text(data);
    gongkai_fuzz::parse_and_check(&input);
});
