//! Inputs that fuzzing (`scripts/fuzz`) found to panic or hang the core,
//! minimised with `cargo fuzz tmin`. Each is fed through the same call as its
//! fuzz target, which must give a report or a typed error, never a panic,
//! and must finish in bounded time.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use gongkai::{Lang, Options};

/// Generous: a debug build of the whole parse of a real report takes well
/// under a second; a hang takes forever.
const LIMIT: Duration = Duration::from_secs(60);

/// What the parse fuzz targets do with their input: lossy UTF-8, `parse`,
/// then `validate` in both languages (`fuzz/src/lib.rs`), on another thread
/// so that a hang fails the test instead of stalling the suite.
fn parse_and_validate(input: &'static [u8]) {
    let (tx, rx) = mpsc::channel();
    let worker = thread::spawn(move || {
        let text = String::from_utf8_lossy(input);
        let report = gongkai::parse(&text);
        if let Ok(report) = &report {
            for lang in [Lang::ZhCn, Lang::En] {
                let outcome = gongkai::validate(report, &Options { lang });
                assert_eq!(outcome.valid, outcome.counts.error == 0);
            }
        }
        let _ = tx.send(report.is_ok());
    });
    match rx.recv_timeout(LIMIT) {
        Ok(parsed) => assert!(parsed, "text that is not JSON must give a report"),
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("parse did not finish in {LIMIT:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            // The worker panicked: re-raise its panic here.
            if let Err(e) = worker.join() {
                std::panic::resume_unwind(e);
            }
        }
    }
}

/// parse_markdown, minimised (40 bytes): an optional subtotal row
/// （三）不予公开 with a number after its label. The row has no
/// non-optional cells, so `read_tables` gets `RowResult::Read(vec![])` and
/// indexes `read.cells[0]` for its R-2 note: index out of bounds
/// (parse/mod.rs:384 at e203eb6; fixed in 8bdac84).
#[test]
fn optional_subtotal_row_with_a_value_markdown() {
    parse_and_validate("||\n|（三）不予公开0.属于国.其他|\n".as_bytes());
}

/// The same input as plain text (parse_text).
#[test]
fn optional_subtotal_row_with_a_value_text() {
    parse_and_validate("（三）不予公开0.属于国.其他".as_bytes());
}

/// The same panic from a plausible published table: a 2019-form report that
/// prints the （三）不予公开 subtotal row but not the 小计 column.
#[test]
fn optional_subtotal_row_printed_in_a_real_shape() {
    parse_and_validate(
        "（一）予以公开 1 0 0 0 0 0 1\n\
         （三）不予公开 0 0 0 0 0 0 0\n\
         1.属于国家秘密 0 0 0 0 0 0 0\n\
         2.其他法律行政法规禁止公开 0 0 0 0 0 0 0"
            .as_bytes(),
    );
}

/// A hang, not a panic: the 2021 requests table with every row printed as
/// one glued run of 32 digits (2 KB of text). Splitting the runs
/// (`parse::solve::row_candidates` → `split_rec` → `cut_rec`) takes about
/// 5 s per row in a release build, 126 s for the whole input (e203eb6); 24
/// digits a row take 12–27 s. The cap of 4000 candidates a row does not stop
/// the enumeration, and each `cut_rec` gets its own budget. Fixed in
/// 8bdac84 (too many splits are reported as R-1): 17 ms.
#[test]
fn glued_digit_runs_finish() {
    parse_and_validate(include_bytes!("fuzz-regressions/glued-runs-2021.txt"));
}
