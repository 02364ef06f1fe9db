//! The Markdown reader: every line of the input is made to start and end
//! with `|`, so that `parse` takes the Markdown-table path.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = gongkai_fuzz::text(data);
    let mut input = String::with_capacity(text.len() + 64);
    for line in text.lines() {
        input.push('|');
        input.push_str(line);
        input.push_str("|\n");
    }
    // Fewer than two table lines, or an HTML tag inside, is another
    // target's path: skip rather than fuzz it twice.
    if gongkai::sniff(&input) != gongkai::InputKind::Markdown {
        return;
    }
    gongkai_fuzz::parse_and_check(&input);
});
