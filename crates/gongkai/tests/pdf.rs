//! PDF files through positioned text: the real Huaian 2024 report read from
//! its PDF gives cell for cell what was typed from its text; synthetic
//! layouts (columns, wrapped labels, a blank cell, a page break, shuffled
//! runs); hostile runs; a PDF without a text layer; broken PDFs.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::PathBuf;

use gongkai::{CellValue, Lang, Options, Registry, Report, Run, Severity};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn huaian_pdf() -> Vec<u8> {
    std::fs::read(root().join("../shared/corpus/020-huaian-szf-2024.pdf"))
        .expect("../shared/corpus beside the checkout")
}

fn huaian_truth() -> Report {
    let text =
        std::fs::read_to_string(root().join("tests/cases/huaian-szf-2024/report.json")).unwrap();
    Report::from_json(&text).unwrap()
}

/// Every cell of `truth`, and no other, with the same value.
fn assert_same_cells(got: &Report, truth: &Report) {
    let mut diffs = Vec::new();
    for (addr, v) in &truth.cells {
        match got.cells.get(addr) {
            Some(g) if g == v => {}
            g => diffs.push(format!("{addr}: expected {v:?}, got {g:?}")),
        }
    }
    for addr in got.cells.keys() {
        if !truth.cells.contains_key(addr) {
            diffs.push(format!("{addr}: not expected"));
        }
    }
    assert!(
        diffs.is_empty(),
        "{} differences:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
}

#[test]
fn the_huaian_pdf_reads_cell_for_cell_as_typed() {
    let reg = Registry::builtin();
    let report = reg.parse_bytes(&huaian_pdf()).unwrap();
    let truth = huaian_truth();
    assert_eq!(report.form.as_deref(), Some("2021"));
    assert_eq!(truth.cells.len(), 10 + 25 * 7 + 15);
    assert_same_cells(&report, &truth);
    assert_eq!(report.meta.body, truth.meta.body);
    assert_eq!(report.meta.year, truth.meta.year);
    assert_eq!(report.meta.title, truth.meta.title);
    assert!(report.notes.is_empty(), "{:?}", report.notes);
    // And it checks as its text (`pdftotext -layout`) does.
    let text =
        std::fs::read_to_string(root().join("../shared/corpus/020-huaian-szf-2024.txt")).unwrap();
    let from_text = reg.parse(&text).unwrap();
    assert_same_cells(&from_text, &truth);
    let rules = |r: &Report| -> Vec<String> {
        reg.validate(r, &Options::default())
            .findings
            .into_iter()
            .map(|f| f.rule)
            .collect()
    };
    assert_eq!(rules(&report), rules(&from_text));
}

#[test]
fn run_order_does_not_matter() {
    let reg = Registry::builtin();
    let mut runs = reg.pdf_runs(&huaian_pdf()).unwrap();
    assert!(runs.len() > 1000);
    // A deterministic shuffle (no rand dependency).
    let n = runs.len();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        runs.swap(i, (state % (i as u64 + 1)) as usize);
    }
    let report = reg.parse_runs(&runs).unwrap();
    assert_same_cells(&report, &huaian_truth());
}

#[test]
fn a_value_missing_from_the_pdf_is_a_blank_cell_not_a_shift() {
    let reg = Registry::builtin();
    let mut runs = reg.pdf_runs(&huaian_pdf()).unwrap();
    // Drop the 53 of 一、本年新收 (商业企业): find the row's line.
    let mut line: Vec<usize> = Vec::new();
    for (i, r) in runs.iter().enumerate() {
        if r.text == "一" {
            let mut l: Vec<usize> = (0..runs.len())
                .filter(|&j| runs[j].page == r.page && (runs[j].y - r.y).abs() < 4.0)
                .collect();
            l.sort_by(|&a, &b| runs[a].x.total_cmp(&runs[b].x));
            let text: String = l.iter().map(|&j| runs[j].text.as_str()).collect();
            if l.first() == Some(&i) && text.starts_with("一、本年新收") {
                line = l;
                break;
            }
        }
    }
    let text: String = line.iter().map(|&i| runs[i].text.as_str()).collect();
    assert!(text.ends_with("300153006143119"), "{text}");
    let k = line
        .windows(2)
        .position(|w| runs[w[0]].text == "5" && runs[w[1]].text == "3")
        .unwrap();
    let (five, three) = (line[k], line[k + 1]);
    runs.remove(five.max(three));
    runs.remove(five.min(three));
    let report = reg.parse_runs(&runs).unwrap();
    assert_eq!(
        report.cells.get("requests/new/commercial"),
        Some(&CellValue::Blank)
    );
    assert_eq!(
        report.cells.get("requests/new/natural"),
        Some(&CellValue::from(3001))
    );
    assert_eq!(
        report.cells.get("requests/new/legal_services"),
        Some(&CellValue::from(61))
    );
    assert_eq!(
        report.cells.get("requests/new/total"),
        Some(&CellValue::from(3119))
    );
}

#[test]
fn a_table_moved_across_a_page_break_reads_the_same() {
    let reg = Registry::builtin();
    let runs = reg.pdf_runs(&huaian_pdf()).unwrap();
    // Cut page 3 in two at the middle of Table 3: the lower half becomes
    // the top of a new page 4 (later pages shift by one).
    let mid = {
        let ys: Vec<f64> = runs.iter().filter(|r| r.page == 3).map(|r| r.y).collect();
        let (lo, hi) = ys
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), &y| (a.min(y), b.max(y)));
        (lo + hi) / 2.0
    };
    let moved: Vec<Run> = runs
        .into_iter()
        .map(|mut r| {
            if r.page > 3 {
                r.page += 1;
            } else if r.page == 3 && r.y < mid {
                r.page = 4;
                r.y += 300.0;
            }
            r
        })
        .collect();
    let report = reg.parse_runs(&moved).unwrap();
    assert_same_cells(&report, &huaian_truth());
}

// ---------------------------------------------------------------------------
// Synthetic layouts: one run per glyph, as the native extractor gives them.

/// One printed line: cells at x positions.
struct Line<'a> {
    page: u32,
    y: f64,
    cells: Vec<(f64, &'a str)>,
}

fn glyph_runs(lines: &[Line]) -> Vec<Run> {
    let mut out = Vec::new();
    for l in lines {
        for &(x, text) in &l.cells {
            for (k, ch) in text.chars().enumerate() {
                let w = if ch.is_ascii() { 5.5 } else { 11.0 };
                out.push(Run {
                    page: l.page,
                    x: x + k as f64 * w,
                    y: l.y,
                    width: w,
                    height: 11.0,
                    text: ch.to_string(),
                });
            }
        }
    }
    out
}

/// Table 2 of the 2021 form, laid out in columns at 300, 380, 460.
fn table2(page_break: bool, blank: bool) -> Vec<Line<'static>> {
    // None: a page break.
    let rows: Vec<Option<Vec<(f64, &'static str)>>> = vec![
        Some(vec![(90.0, "淮安市人民政府2024年政府信息公开工作年度报告")]),
        Some(vec![(60.0, "二、主动公开政府信息情况")]),
        Some(vec![(200.0, "第二十条第（一）项")]),
        Some(vec![
            (60.0, "信息内容"),
            (280.0, "本年制发件数"),
            (360.0, "本年废止件数"),
            (440.0, "现行有效件数"),
        ]),
        Some(vec![
            (60.0, "规章"),
            (300.0, "1"),
            (380.0, if blank { "" } else { "0" }),
            (460.0, "11"),
        ]),
        // A label wrapped over two lines, its values beside the first.
        Some(vec![
            (60.0, "行政规范性"),
            (300.0, "8"),
            (380.0, "26"),
            (460.0, "66"),
        ]),
        Some(vec![(60.0, "文件")]),
        Some(vec![(200.0, "第二十条第（五）项")]),
        Some(vec![(60.0, "信息内容"), (280.0, "本年处理决定数量")]),
        Some(vec![(60.0, "行政许可"), (300.0, "447228")]),
        page_break.then(|| vec![(290.0, "- 1 -")]),
        page_break.then(Vec::new),
        Some(vec![(200.0, "第二十条第（六）项")]),
        Some(vec![(60.0, "信息内容"), (280.0, "本年处理决定数量")]),
        Some(vec![(60.0, "行政处罚"), (300.0, "3985758")]),
        Some(vec![(60.0, "行政强制"), (300.0, "88283")]),
        Some(vec![(200.0, "第二十条第（八）项")]),
        Some(vec![
            (60.0, "信息内容"),
            (280.0, "本年收费金额（单位：万元）"),
        ]),
        Some(vec![(60.0, "行政事业性收费"), (300.0, "96171.6")]),
        Some(vec![(60.0, "三、收到和处理政府信息公开申请情况")]),
    ];
    let (mut page, mut y) = (1, 760.0);
    let mut lines = Vec::new();
    for row in rows {
        match row {
            Some(cells) if cells.is_empty() => {
                page += 1;
                y = 760.0;
            }
            Some(cells) => {
                lines.push(Line { page, y, cells });
                y -= 22.0;
            }
            None => {}
        }
    }
    lines
}

fn table2_cells(report: &Report) -> Vec<(String, CellValue)> {
    report
        .cells
        .iter()
        .filter(|(a, _)| a.starts_with("active/"))
        .map(|(a, v)| (a.clone(), v.clone()))
        .collect()
}

fn expected_table2(blank: bool) -> Vec<(String, CellValue)> {
    let truth = huaian_truth();
    let mut cells = table2_cells(&truth);
    if blank {
        for (a, v) in &mut cells {
            if a == "active/rules/repealed" {
                *v = CellValue::Blank;
            }
        }
    }
    cells
}

#[test]
fn columns_and_wrapped_labels() {
    let report = Registry::builtin()
        .parse_runs(&glyph_runs(&table2(false, false)))
        .unwrap();
    assert_eq!(report.form.as_deref(), Some("2021"));
    assert_eq!(table2_cells(&report), expected_table2(false));
}

#[test]
fn a_blank_cell_stays_blank() {
    let report = Registry::builtin()
        .parse_runs(&glyph_runs(&table2(false, true)))
        .unwrap();
    assert_eq!(table2_cells(&report), expected_table2(true));
    assert_eq!(
        report.cells.get("active/rules/in_force"),
        Some(&CellValue::from(11))
    );
}

#[test]
fn a_table_across_a_page_break() {
    let report = Registry::builtin()
        .parse_runs(&glyph_runs(&table2(true, true)))
        .unwrap();
    assert_eq!(table2_cells(&report), expected_table2(true));
}

#[test]
fn shuffled_and_whole_cell_runs_read_alike() {
    // pdf.js gives one run per cell or line piece, not per glyph.
    let lines = table2(true, false);
    let mut runs: Vec<Run> = lines
        .iter()
        .flat_map(|l| {
            l.cells
                .iter()
                .filter(|c| !c.1.is_empty())
                .map(|&(x, t)| Run {
                    page: l.page,
                    x,
                    y: l.y,
                    width: t
                        .chars()
                        .map(|c| if c.is_ascii() { 5.5 } else { 11.0 })
                        .sum(),
                    height: 11.0,
                    text: t.to_string(),
                })
        })
        .collect();
    runs.reverse();
    runs.rotate_left(7);
    let report = Registry::builtin().parse_runs(&runs).unwrap();
    assert_eq!(table2_cells(&report), expected_table2(false));
}

// ---------------------------------------------------------------------------
// Hostile input.

#[test]
fn hostile_runs_never_panic() {
    let reg = Registry::builtin();
    let weird = [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        -0.0,
        0.0,
        1e308,
        -1e308,
        f64::MIN_POSITIVE,
    ];
    let mut runs = Vec::new();
    for &a in &weird {
        for &b in &weird {
            runs.push(Run {
                page: u32::MAX,
                x: a,
                y: b,
                width: b,
                height: a,
                text: "1".into(),
            });
            runs.push(Run {
                page: 0,
                x: b,
                y: a,
                width: a,
                height: b,
                text: "规章".into(),
            });
            runs.push(Run {
                page: 1,
                x: a,
                y: 1.0,
                width: -5.0,
                height: -1.0,
                text: String::new(),
            });
            runs.push(Run {
                page: 1,
                x: 1.0,
                y: a,
                width: 1.0,
                height: 1.0,
                text: "<td>&amp;\u{E000}\0".into(),
            });
        }
    }
    let _ = reg.parse_runs(&runs).unwrap();
    assert!(reg.parse_runs(&[]).is_ok());
    // Empty text only: nothing to read, as a scan.
    let blank = vec![Run {
        page: 1,
        x: 0.0,
        y: 0.0,
        width: 1.0,
        height: 1.0,
        text: "  ".into(),
    }];
    assert_eq!(reg.parse_runs(&blank).unwrap().notes[0].rule, "R-3");
}

#[test]
fn a_million_runs_in_bounded_time() {
    let reg = Registry::builtin();
    let start = std::time::Instant::now();
    // A million glyphs on one line, and a million one-glyph lines.
    let line: Vec<Run> = (0..1_000_000)
        .map(|i| Run {
            page: 1,
            x: i as f64 * 3.0,
            y: 100.0,
            width: 3.0,
            height: 10.0,
            text: if i % 7 == 0 { "5".into() } else { "字".into() },
        })
        .collect();
    let _ = reg.parse_runs(&line).unwrap();
    let column: Vec<Run> = (0..300_000)
        .map(|i| Run {
            page: (i / 50) as u32,
            x: (i % 3) as f64 * 100.0,
            y: (i % 50) as f64 * 15.0,
            width: 10.0,
            height: 10.0,
            text: (i % 10).to_string(),
        })
        .collect();
    let _ = reg.parse_runs(&column).unwrap();
    let elapsed = start.elapsed();
    assert!(elapsed.as_secs() < 120, "{elapsed:?}");
    // More than the limit: refused, not read.
    let too_many = vec![
        Run {
            page: 1,
            x: 0.0,
            y: 0.0,
            width: 1.0,
            height: 1.0,
            text: "1".into()
        };
        gongkai::parse::layout::MAX_RUNS + 1
    ];
    assert!(reg.parse_runs(&too_many).is_err());
}

// ---------------------------------------------------------------------------
// PDFs without text, broken PDFs.

/// A valid PDF of one A4 page that draws nothing (what a scan is, less the image).
fn pdf_without_text() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents 4 0 R >>",
        "<< /Length 8 >>\nstream\n0 0 m\nS\nendstream",
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        pdf.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

#[test]
fn a_pdf_without_text_says_so() {
    let reg = Registry::builtin();
    let report = reg.parse_bytes(&pdf_without_text()).unwrap();
    assert!(report.cells.is_empty());
    assert_eq!(report.notes.len(), 1);
    assert_eq!(report.notes[0].rule, "R-3");
    for (lang, words) in [(Lang::ZhCn, "没有文字层"), (Lang::En, "no text layer")] {
        let outcome = reg.validate(&report, &Options { lang });
        let r3 = outcome
            .findings
            .iter()
            .find(|f| f.rule == "R-3")
            .unwrap_or_else(|| panic!("{:?}", outcome.findings));
        assert_eq!(r3.severity, Severity::Error);
        assert!(r3.message.contains(words), "{}", r3.message);
        assert!(!outcome.valid);
    }
}

#[test]
fn a_broken_pdf_is_an_error_naming_pdf() {
    let reg = Registry::builtin();
    let good = huaian_pdf();
    let mut cases: Vec<Vec<u8>> = vec![
        b"%PDF-1.7\n".to_vec(),
        b"%PDF-".to_vec(),
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj trailer << /Root 1 0 R >>".to_vec(),
        good[..good.len() / 3].to_vec(),
    ];
    // Bytes flipped through the file.
    for k in 1..40 {
        let mut b = good.clone();
        let at = b.len() * k / 40;
        for x in &mut b[at..(at + 64).min(good.len())] {
            *x = x.wrapping_mul(31).wrapping_add(7);
        }
        cases.push(b);
    }
    for bytes in cases {
        match reg.parse_bytes(&bytes) {
            Ok(_) => {}
            Err(e) => assert!(e.to_string().contains("PDF"), "{e}"),
        }
    }
    for bytes in [b"%PDF-1.7\n".to_vec(), b"%PDF-".to_vec()] {
        let e = reg.parse_bytes(&bytes).unwrap_err();
        assert!(e.to_string().contains("PDF"), "{e}");
    }
}
