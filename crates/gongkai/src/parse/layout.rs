//! Tables rebuilt from positioned text (a PDF's text layer, from any
//! extractor: the native PDF reader, pdf.js in the browser), then read by
//! the same form matching and digit solver as text.
//!
//! The reconstruction, one piece of code for every adapter:
//!
//! 1. Runs are cleaned: non-finite coordinates and empty text are dropped,
//!    sizes clamped; at most [`MAX_RUNS`] are read.
//! 2. Each page's lines are rebuilt by baseline: runs whose baselines lie
//!    within half a glyph height of each other are one line.
//! 3. A line is cut into segments where the gap between runs is wider than
//!    [`CELL_GAP`] glyph heights: a table cell, or a stretch of prose.
//! 4. A segment that is a number (or 无, ——) is a value. Consecutive lines
//!    holding values make a table block, ended by a header line (two or
//!    more text segments and no values). Page-number lines (`- 3 -`) do not
//!    end it, so a table continued on the next page stays one block.
//! 5. The block's columns are the x ranges its values occupy (overlapping
//!    ranges are one column). A value line missing a column has a blank cell
//!    there, so the reader sees the blank instead of losing it.
//! 6. The lines are written as HTML (`<tr><td>` for value lines, empty
//!    `<td>` for blanks, `<p>` for the rest) and read by [`Registry::parse`]:
//!    labels wrapped over several lines, vertical group labels and the
//!    rest are the text reader's, shared with every other input.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::model::{Note, Report};
use crate::registry::Registry;

/// A run of text at a place on a page (PDF user space: points, y up; `x`,
/// `y` the start of the run's baseline).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Run {
    pub page: u32,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub text: String,
}

/// At most this many runs are read: more is refused, in bounded time.
pub const MAX_RUNS: usize = 3_000_000;
/// At most this many chars of one run are kept.
const MAX_RUN_CHARS: usize = 10_000;
/// A gap wider than this many glyph heights separates two cells.
pub const CELL_GAP: f64 = 0.8;
/// A gap wider than this many glyph heights is a space inside a cell.
const SPACE_GAP: f64 = 0.2;
/// Glyph height assumed when a run gives none.
const DEFAULT_HEIGHT: f64 = 10.0;
/// Coordinates beyond this are not on any page.
const MAX_COORD: f64 = 1.0e7;

/// The note a PDF without a text layer gets (a scan).
pub const NO_TEXT_RULE: &str = "R-3";

pub(crate) fn parse_runs(reg: &Registry, runs: &[Run]) -> Result<Report, Error> {
    if runs.len() > MAX_RUNS {
        return Err(Error::Usage(format!(
            "more than {MAX_RUNS} positioned text runs (PDF text layer); not read"
        )));
    }
    match runs_to_html(runs) {
        Some((html, origins)) => {
            let mut report = reg.parse(&html)?;
            report.places = pdf_places(&report.spans, &origins);
            Ok(report)
        }
        None => Ok(no_text_report()),
    }
}

/// Each cell's page and box, from the HTML cell its span starts in.
fn pdf_places(
    spans: &BTreeMap<String, [usize; 2]>,
    origins: &[Origin],
) -> BTreeMap<String, crate::model::Place> {
    spans
        .iter()
        .filter_map(|(a, s)| {
            let k = origins.partition_point(|o| o.start <= s[0]);
            let o = origins.get(k.checked_sub(1)?)?;
            (s[0] < o.end).then(|| {
                let place = crate::model::Place {
                    page: Some(o.page),
                    bbox: Some(o.bbox),
                    ..crate::model::Place::default()
                };
                (a.clone(), place)
            })
        })
        .collect()
}

/// The report of a PDF that has no text to read: no tables, the note R-3.
fn no_text_report() -> Report {
    Report {
        notes: vec![Note {
            rule: NO_TEXT_RULE.to_string(),
            cell: None,
            related: Vec::new(),
            expected: None,
            actual: None,
            args: BTreeMap::new(),
        }],
        ..Report::default()
    }
}

/// A cleaned run.
#[derive(Debug, Clone)]
struct R {
    x: f64,
    y: f64,
    right: f64,
    h: f64,
    text: String,
}

/// A stretch of a line: a cell or prose.
#[derive(Debug, Clone)]
struct Seg {
    x: f64,
    right: f64,
    text: String,
    value: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    /// Holds at least one value.
    Values,
    /// Two or more text segments, no value: a table's header.
    Header,
    /// A page number (`- 3 -`): does not end a table.
    PageNumber,
    /// Prose, a heading or one piece of a wrapped label.
    Text,
}

#[derive(Debug, Clone)]
struct Line {
    segs: Vec<Seg>,
    kind: LineKind,
    page: u32,
    /// Baseline and glyph height, for the boxes of its cells.
    y: f64,
    h: f64,
}

/// Where a value cell of the HTML came from: its chars `[start, end)` in the
/// HTML, its page and box (`[left, bottom, right, top]`, points).
#[derive(Debug, Clone, Copy)]
struct Origin {
    start: usize,
    end: usize,
    page: u32,
    bbox: [i32; 4],
}

/// The runs as HTML the reader reads, with where its value cells came
/// from, or None when they hold no text.
fn runs_to_html(runs: &[Run]) -> Option<(String, Vec<Origin>)> {
    let clean: Vec<(u32, R)> = runs
        .iter()
        .filter_map(|run| clean(run).map(|r| (run.page, r)))
        .collect();
    if clean.is_empty() {
        return None;
    }
    // By page, then top to bottom (y up in PDF space), then left to right.
    let clean = sorted(clean, |(p, r)| [u64::from(*p), !ord(r.y), ord(r.x)]);
    let mut lines: Vec<Line> = Vec::new();
    let mut rest = clean.as_slice();
    while let Some(&(page, _)) = rest.first() {
        let n = rest.iter().take_while(|(p, _)| *p == page).count();
        let (this, next) = rest.split_at(n);
        lines.extend(page_lines(
            page,
            this.iter().map(|(_, r)| r.clone()).collect(),
        ));
        rest = next;
    }
    let blocks = blocks(&lines);
    Some(write_html(&lines, &blocks))
}

fn clean(run: &Run) -> Option<R> {
    let finite = |v: f64| v.is_finite() && v.abs() <= MAX_COORD;
    if !finite(run.x) || !finite(run.y) {
        return None;
    }
    let text: String = run
        .text
        .chars()
        .filter(|c| !c.is_control() && *c != super::doc::BLANK_CELL)
        .take(MAX_RUN_CHARS)
        .collect();
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let h = if finite(run.height) && run.height > 0.0 {
        run.height
    } else {
        DEFAULT_HEIGHT
    };
    let w = if finite(run.width) && run.width > 0.0 {
        run.width
    } else {
        // No width given: a CJK glyph is about as wide as it is high.
        h * text.chars().count() as f64
    };
    Some(R {
        x: run.x,
        y: run.y,
        right: run.x + w,
        h,
        text: text.to_string(),
    })
}

/// A page's lines, top to bottom, each cut into segments.
/// `runs` come top to bottom, then left to right.
fn page_lines(page: u32, runs: Vec<R>) -> Vec<Line> {
    let mut lines: Vec<Vec<R>> = Vec::new();
    let mut base = (f64::NAN, 0.0);
    for r in runs {
        let (y0, h0) = base;
        let tol = 0.5 * f64::max(f64::min(h0, r.h), 1.0);
        match lines.last_mut() {
            Some(line) if (y0 - r.y).abs() <= tol => line.push(r),
            _ => {
                base = (r.y, r.h);
                lines.push(vec![r]);
            }
        }
    }
    lines
        .into_iter()
        .map(|runs| {
            let (y, h) = (runs[0].y, runs.iter().map(|r| r.h).fold(0.0, f64::max));
            Line {
                page,
                y,
                h,
                ..segments(runs)
            }
        })
        .collect()
}

/// Cuts a line into segments at wide gaps.
fn segments(runs: Vec<R>) -> Line {
    let runs = sorted(runs, |r| [ord(r.x), 0, 0]);
    let mut segs: Vec<(Seg, f64)> = Vec::new(); // (segment, glyph height)
    let mut last_text = String::new();
    let mut last_x = f64::NAN;
    for r in runs {
        // Fake bold draws a glyph twice, a hair apart: keep one.
        if r.text == last_text && (r.x - last_x).abs() < 0.2 * r.h {
            continue;
        }
        last_x = r.x;
        last_text.clone_from(&r.text);
        match segs.last_mut() {
            Some((seg, h)) if r.x - seg.right <= CELL_GAP * h.max(r.h) => {
                if r.x - seg.right > SPACE_GAP * h.max(r.h) {
                    seg.text.push(' ');
                }
                seg.text.push_str(&r.text);
                seg.right = seg.right.max(r.right);
                *h = h.max(r.h);
            }
            _ => segs.push((
                Seg {
                    x: r.x,
                    right: r.right,
                    text: r.text,
                    value: false,
                },
                r.h,
            )),
        }
    }
    let mut segs: Vec<Seg> = segs.into_iter().map(|(s, _)| s).collect();
    for s in &mut segs {
        s.value = is_value(&s.text);
    }
    let kind = if segs.iter().any(|s| s.value) {
        LineKind::Values
    } else if segs.len() == 1 && is_page_number(&segs[0].text) {
        LineKind::PageNumber
    } else if segs.len() >= 2 {
        LineKind::Header
    } else {
        LineKind::Text
    };
    Line {
        segs,
        kind,
        page: 0,
        y: 0.0,
        h: 0.0,
    }
}

/// A table value: a number (`3001`, `96171.6`, `1,234`, `5%`) or what
/// forms print for none (无, ——, /).
fn is_value(t: &str) -> bool {
    let t = t.trim();
    if matches!(t, "无" | "無" | "-" | "—" | "——" | "－" | "/" | "／" | "–") {
        return true;
    }
    let digits = t
        .chars()
        .filter(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .count();
    digits > 0
        && t.chars().all(|c| {
            c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || matches!(c, '.' | ',' | '，' | '%' | '％' | '-' | '－' | '+' | ' ')
        })
        // Label numbering: `1.`, `2,`.
        && !t.ends_with(['.', ',', '，'])
        && !t.contains(' ')
}

/// `- 3 -`, `—3—`, `-12-`: a page number wrapped in dashes.
fn is_page_number(t: &str) -> bool {
    let dash = |c: char| matches!(c, '-' | '—' | '－' | '–' | ' ');
    let inner = t.trim_matches(dash);
    t.starts_with(dash)
        && t.ends_with(dash)
        && !inner.is_empty()
        && inner.chars().all(|c| c.is_ascii_digit())
}

/// A table block: its value lines and its columns' x ranges.
#[derive(Debug, Clone, Default)]
struct Block {
    lines: Vec<usize>,
    cols: Vec<(f64, f64)>,
}

/// Consecutive value lines, ended by a header line, with their columns.
fn blocks(lines: &[Line]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut cur = Block::default();
    for (i, line) in lines.iter().enumerate() {
        match line.kind {
            LineKind::Values => cur.lines.push(i),
            LineKind::Header => out.push(std::mem::take(&mut cur)),
            LineKind::PageNumber | LineKind::Text => {}
        }
    }
    out.push(cur);
    out.retain(|b| !b.lines.is_empty());
    for b in &mut out {
        let spans: Vec<(f64, f64)> = b
            .lines
            .iter()
            .flat_map(|&i| lines[i].segs.iter().filter(|s| s.value))
            .map(|s| (s.x, s.right))
            .collect();
        let spans = sorted(spans, |s| [ord(s.0), 0, 0]);
        // Overlapping x ranges are one column (left, centred or right aligned).
        for (l, r) in spans {
            match b.cols.last_mut() {
                Some(c) if l < c.1 => c.1 = c.1.max(r),
                _ => b.cols.push((l, r)),
            }
        }
    }
    out
}

fn write_html(lines: &[Line], blocks: &[Block]) -> (String, Vec<Origin>) {
    // Each value line's block.
    let mut block_of: Vec<Option<usize>> = vec![None; lines.len()];
    for (k, b) in blocks.iter().enumerate() {
        for &i in &b.lines {
            block_of[i] = Some(k);
        }
    }
    let mut html = String::from("<html><body>\n");
    let mut origins: Vec<Origin> = Vec::new();
    // Chars of `html` up to byte `counted`, kept as it grows.
    let (mut chars, mut counted) = (0usize, 0usize);
    for (i, line) in lines.iter().enumerate() {
        match block_of[i] {
            Some(k) => {
                let cols = &blocks[k].cols;
                // Cells by x: the line's segments, and a blank for each column
                // none of its values falls in.
                let mut cells: Vec<(f64, &str, f64)> = line
                    .segs
                    .iter()
                    .map(|s| (s.x, s.text.as_str(), s.right))
                    .collect();
                for &(l, r) in cols {
                    let taken = line
                        .segs
                        .iter()
                        .any(|s| s.value && s.x < r && s.right > l.min(r - 1e-9));
                    if !taken {
                        cells.push((l, "", r));
                    }
                }
                let cells = sorted(cells, |c| [ord(c.0), 0, 0]);
                html.push_str("<table><tr>");
                for (x, t, right) in cells {
                    html.push_str("<td>");
                    let start = chars + html[counted..].chars().count();
                    counted = html.len();
                    chars = start;
                    escape_into(&mut html, t);
                    let end = chars + html[counted..].chars().count();
                    counted = html.len();
                    chars = end;
                    let round = |v: f64| v.round().clamp(-1.0e9, 1.0e9) as i32;
                    origins.push(Origin {
                        start,
                        end: end.max(start + 1),
                        page: line.page,
                        bbox: [
                            round(x),
                            round(line.y),
                            round(right),
                            round(line.y + line.h),
                        ],
                    });
                    html.push_str("</td>");
                }
                html.push_str("</tr></table>\n");
            }
            // Written as the text reader knows page numbers: `-3-`.
            None if line.kind == LineKind::PageNumber => {
                html.push_str("<p>");
                let t: String = line.segs[0].text.split_whitespace().collect();
                escape_into(&mut html, &t);
                html.push_str("</p>\n");
            }
            None => {
                html.push_str("<p>");
                for (k, s) in line.segs.iter().enumerate() {
                    if k > 0 {
                        html.push_str("  ");
                    }
                    escape_into(&mut html, &s.text);
                }
                html.push_str("</p>\n");
            }
        }
    }
    html.push_str("</body></html>\n");
    (html, origins)
}

/// A float as an integer of the same order (`total_cmp`'s order).
fn ord(f: f64) -> u64 {
    let b = f.to_bits();
    if b >> 63 == 1 {
        !b
    } else {
        b | (1 << 63)
    }
}

/// `items` sorted by `key`, ties in their given order. One sort of one key
/// type for every sort here: each distinct sort costs the browser build
/// several KB.
fn sorted<T>(items: Vec<T>, key: impl Fn(&T) -> [u64; 3]) -> Vec<T> {
    let mut keys: Vec<([u64; 3], usize)> = items.iter().map(&key).zip(0..).collect();
    keys.sort_unstable();
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    keys.into_iter()
        .filter_map(|(_, i)| slots.get_mut(i).and_then(Option::take))
        .collect()
}

fn escape_into(out: &mut String, t: &str) {
    for c in t.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
}

/// The HTML the runs are read as (for diagnosis and tests).
#[doc(hidden)]
pub fn debug_runs_html(runs: &[Run]) -> String {
    if runs.len() > MAX_RUNS {
        return String::new();
    }
    runs_to_html(runs).map(|h| h.0).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(page: u32, x: f64, y: f64, text: &str) -> Run {
        Run {
            page,
            x,
            y,
            width: 10.0 * text.chars().count() as f64,
            height: 10.0,
            text: text.to_string(),
        }
    }

    #[test]
    fn values_and_page_numbers() {
        for v in ["3001", "96171.6", "1,234", "无", "——", "５"] {
            assert!(is_value(v), "{v}");
        }
        for v in ["1.", "1、", "2024年", "规章", "1.属于"] {
            assert!(!is_value(v), "{v}");
        }
        assert!(is_page_number("- 3 -"));
        assert!(is_page_number("—12—"));
        assert!(!is_page_number("3"));
        assert!(!is_page_number("-"));
    }

    #[test]
    fn float_keys_keep_the_order() {
        let xs = [
            f64::NEG_INFINITY,
            -1e9,
            -1.5,
            -0.0,
            0.0,
            1e-300,
            2.0,
            1e9,
            f64::INFINITY,
        ];
        for w in xs.windows(2) {
            assert!(ord(w[0]) < ord(w[1]), "{w:?}");
        }
        let v = sorted(vec![3.0, -1.0, 2.0, -1.0], |x| [ord(*x), 0, 0]);
        assert_eq!(v, [-1.0, -1.0, 2.0, 3.0]);
    }

    #[test]
    fn glyphs_join_and_gaps_cut() {
        let runs = vec![
            run(1, 0.0, 700.0, "规"),
            run(1, 10.0, 700.0, "章"),
            run(1, 100.0, 700.5, "1"),
            run(1, 150.0, 699.6, "0"),
            run(1, 0.0, 680.0, "行"),
        ];
        let html = debug_runs_html(&runs);
        assert!(
            html.contains("<tr><td>规章</td><td>1</td><td>0</td></tr>"),
            "{html}"
        );
        assert!(html.contains("<p>行</p>"), "{html}");
    }

    #[test]
    fn a_missing_column_is_a_blank_cell() {
        let runs = vec![
            run(1, 0.0, 700.0, "甲"),
            run(1, 100.0, 700.0, "1"),
            run(1, 150.0, 700.0, "2"),
            run(1, 200.0, 700.0, "3"),
            run(1, 0.0, 680.0, "乙"),
            run(1, 100.0, 680.0, "4"),
            run(1, 200.0, 680.0, "6"),
        ];
        let html = debug_runs_html(&runs);
        assert!(
            html.contains("<td>乙</td><td>4</td><td></td><td>6</td>"),
            "{html}"
        );
    }
}
