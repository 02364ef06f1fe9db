//! Invariants shared by the fuzz targets: what must hold for any input.
//!
//! A violated invariant panics, which libFuzzer reports as a crash with the
//! input that caused it.

use gongkai::{Format, InputKind, Lang, Options, Outcome, RenderOptions, Report, Severity};

/// Both message languages, so every template is rendered.
pub const LANGS: [Lang; 2] = [Lang::ZhCn, Lang::En];

pub fn options(lang: Lang) -> Options {
    Options { lang }
}

/// Lossy UTF-8: every byte string becomes some text to read.
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// `valid` means exactly "no error"; counts tally the findings; every
/// finding has a message.
pub fn check_outcome(outcome: &Outcome) {
    assert_eq!(
        outcome.valid,
        outcome.counts.error == 0,
        "valid disagrees with the error count: {outcome:?}"
    );
    let tally = |s: Severity| outcome.findings.iter().filter(|f| f.severity == s).count();
    assert_eq!(outcome.counts.error, tally(Severity::Error), "error count");
    assert_eq!(
        outcome.counts.warning,
        tally(Severity::Warning),
        "warning count"
    );
    assert_eq!(outcome.counts.info, tally(Severity::Info), "info count");
    for f in &outcome.findings {
        assert!(
            !f.message.trim().is_empty(),
            "finding with an empty message: {f:?}"
        );
    }
}

/// Spans of a parsed report are `[start, end)` in chars of the parsed text.
pub fn check_spans(report: &Report, input: &str) {
    let len = input.chars().count();
    for (cell, &[s, e]) in &report.spans {
        assert!(s <= e, "span of {cell} starts after it ends: [{s}, {e})");
        assert!(
            e <= len,
            "span of {cell} [{s}, {e}) ends past the input ({len} chars)"
        );
    }
}

/// Reads `input` with `gongkai::parse`, then checks and validates the
/// report. Text that is not JSON always gives a report.
pub fn parse_and_check(input: &str) {
    let kind = gongkai::sniff(input);
    let report = match gongkai::parse(input) {
        Ok(report) => report,
        Err(e) => {
            assert_eq!(
                kind,
                InputKind::Json,
                "parse failed on {kind:?} input (only JSON may fail): {e}"
            );
            assert!(!e.to_string().trim().is_empty(), "empty error message");
            return;
        }
    };
    if kind != InputKind::Json {
        check_spans(&report, input);
    }
    for lang in LANGS {
        check_outcome(&gongkai::validate(&report, &options(lang)));
    }
    check_render(&report);
}

/// Whatever was read renders in every format; the HTML holds no markup
/// from the input (every `<` of the input is escaped; gongkai writes no
/// script, image, svg, iframe or object tag).
pub fn check_render(report: &Report) {
    let findings = gongkai::validate(report, &options(Lang::ZhCn)).findings;
    for format in [Format::Html, Format::Text, Format::Markdown, Format::Csv] {
        let options = RenderOptions {
            format,
            page: true,
            ..RenderOptions::default()
        };
        let Ok(out) = gongkai::render(report, &findings, &options) else {
            // Only a report with no known form cannot be laid out.
            assert!(
                report
                    .form
                    .as_deref()
                    .and_then(|f| gongkai::Registry::builtin().form(f))
                    .is_none(),
                "render failed for form {:?}",
                report.form
            );
            return;
        };
        if format == Format::Html {
            let lower = out.to_lowercase();
            for bad in ["<script", "<img", "<svg", "<iframe", "<object"] {
                assert!(!lower.contains(bad), "{bad} in rendered HTML");
            }
        }
    }
}
