//! Word documents (.docx) read from their bytes: the official blank 2021
//! template (`../shared/corpus/template-2021.docx`) is filled in here, in
//! memory, with the numbers of the golden case `huaian-szf-2024`, and must
//! read back as exactly those cells — also with merged cells written another
//! way and with tracked changes. Damaged zips and zip bombs are errors.

#![cfg(feature = "docx")]
#![allow(clippy::unwrap_used, clippy::panic)]

use std::io::{Cursor, Read, Write};
use std::path::Path;

use gongkai::{Registry, Report};
use serde_json::Value;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

const TEMPLATE: &str = "../../../shared/corpus/template-2021.docx";
const TITLE: &str = "淮安市人民政府2024年政府信息公开工作年度报告";

/// Table 3's value rows, top to bottom, as the form prints them.
const REQUEST_ROWS: &[&str] = &[
    "new",
    "carried_over",
    "granted",
    "partial",
    "withheld.state_secret",
    "withheld.law_prohibited",
    "withheld.security_stability",
    "withheld.third_party",
    "withheld.internal_affairs",
    "withheld.process_info",
    "withheld.enforcement_file",
    "withheld.admin_query",
    "unable.not_held",
    "unable.needs_creation",
    "unable.unclear",
    "not_processed.petition",
    "not_processed.repeat",
    "not_processed.publication",
    "not_processed.excessive",
    "not_processed.confirm",
    "other.no_correction",
    "other.fee_unpaid",
    "other.other",
    "total",
    "carry_forward",
];
const REQUEST_COLS: &[&str] = &[
    "natural",
    "commercial",
    "research",
    "nonprofit",
    "legal_services",
    "other_org",
    "total",
];
/// Table 2's rows by their label, with their value columns.
const ACTIVE_ROWS: &[(&str, &str, &[&str])] = &[
    ("规章", "rules", &["issued", "repealed", "in_force"]),
    (
        "行政规范性文件",
        "normative",
        &["issued", "repealed", "in_force"],
    ),
    ("行政许可", "license", &["decisions"]),
    ("行政处罚", "penalty", &["decisions"]),
    ("行政强制", "coercion", &["decisions"]),
    ("行政事业性收费", "fees", &["amount"]),
];

fn template() -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(TEMPLATE);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn golden() -> Value {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases/huaian-szf-2024/report.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Every part of a zip, in order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_string(), data)
        })
        .collect()
}

fn rezip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(name.as_str(), opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// The template with its `word/document.xml` changed by `edit`.
fn docx_with(edit: impl FnOnce(String) -> String) -> Vec<u8> {
    let mut parts = unzip(&template());
    let doc = parts
        .iter_mut()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap();
    let xml = String::from_utf8(std::mem::take(&mut doc.1)).unwrap();
    doc.1 = edit(xml).into_bytes();
    rezip(&parts)
}

/// `[start, end)` of each `<w:NAME …>…</w:NAME>` in `s` (not nested).
fn elements(s: &str, name: &str) -> Vec<(usize, usize)> {
    let open = format!("<w:{name}");
    let close = format!("</w:{name}>");
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(p) = s[at..].find(&open) {
        let start = at + p;
        let next = s.as_bytes()[start + open.len()];
        if next != b'>' && next != b' ' {
            at = start + open.len();
            continue;
        }
        let end = start + s[start..].find(&close).unwrap() + close.len();
        out.push((start, end));
        at = end;
    }
    out
}

/// The text of the `w:t` elements of an XML fragment.
fn text_of(xml: &str) -> String {
    let mut out = String::new();
    for (s, e) in elements(xml, "t") {
        let inner = &xml[s..e];
        let gt = inner.find('>').unwrap();
        out.push_str(&inner[gt + 1..inner.len() - "</w:t>".len()]);
    }
    out
}

/// A cell with its properties kept and its paragraphs replaced by `body`.
fn fill_cell(cell: &str, body: &str) -> String {
    let props_end = cell
        .find("</w:tcPr>")
        .map_or("<w:tc>".len(), |p| p + "</w:tcPr>".len());
    format!("{}{body}</w:tc>", &cell[..props_end])
}

fn para(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// Rewrites each table row of the document with `f(table, row, cells)`.
fn map_rows(xml: &str, mut f: impl FnMut(usize, usize, Vec<String>) -> Vec<String>) -> String {
    let mut out = String::new();
    let mut at = 0;
    for (ti, (ts, te)) in elements(xml, "tbl").into_iter().enumerate() {
        out.push_str(&xml[at..ts]);
        let tbl = &xml[ts..te];
        let mut t_at = 0;
        for (ri, (rs, re)) in elements(tbl, "tr").into_iter().enumerate() {
            out.push_str(&tbl[t_at..rs]);
            let row = &tbl[rs..re];
            let cells = elements(row, "tc");
            let head = &row[..cells[0].0];
            let tail = &row[cells.last().unwrap().1..];
            let cells = cells.iter().map(|&(s, e)| row[s..e].to_string()).collect();
            out.push_str(head);
            out.push_str(&f(ti, ri, cells).concat());
            out.push_str(tail);
            t_at = re;
        }
        out.push_str(&tbl[t_at..]);
        at = te;
    }
    out.push_str(&xml[at..]);
    out
}

/// The printed token of each cell of the golden case.
fn raw(golden: &Value, addr: &str) -> String {
    golden["raw"][addr].as_str().unwrap().to_string()
}

/// The template filled in with the golden case: each value cell's content is
/// `cell(addr, value)`.
fn filled(cell: impl Fn(&str, &str) -> String) -> String {
    let golden = golden();
    let xml = String::from_utf8(
        unzip(&template())
            .into_iter()
            .find(|(n, _)| n == "word/document.xml")
            .unwrap()
            .1,
    )
    .unwrap();
    // The title, as a report prints it.
    let xml = xml.replacen("政府信息公开工作年度报告格式模板", TITLE, 1);
    map_rows(&xml, |t, r, mut cells| {
        match t {
            0 => {
                let label = text_of(&cells[0]);
                if let Some((_, row, cols)) = ACTIVE_ROWS.iter().find(|(l, _, _)| *l == label) {
                    assert_eq!(cells.len(), cols.len() + 1, "{label}");
                    for (i, col) in cols.iter().enumerate() {
                        let addr = format!("active/{row}/{col}");
                        cells[i + 1] = fill_cell(&cells[i + 1], &cell(&addr, &raw(&golden, &addr)));
                    }
                }
            }
            1 if r >= 3 => {
                let row = REQUEST_ROWS[r - 3];
                let n = cells.len();
                for (i, col) in REQUEST_COLS.iter().enumerate() {
                    let addr = format!("requests/{row}/{col}");
                    let k = n - REQUEST_COLS.len() + i;
                    cells[k] = fill_cell(&cells[k], &cell(&addr, &raw(&golden, &addr)));
                }
            }
            2 if r == 3 => {
                assert_eq!(cells.len(), 15);
                for (i, c) in cells.iter_mut().enumerate() {
                    let group = ["review", "suit_direct", "suit_after_review"][i / 5];
                    let col = ["upheld", "corrected", "other", "pending", "total"][i % 5];
                    let addr = format!("appeals/{group}/{col}");
                    *c = fill_cell(c, &cell(&addr, &raw(&golden, &addr)));
                }
            }
            _ => {}
        }
        cells
    })
}

fn parse(bytes: &[u8]) -> Report {
    Registry::builtin().parse_bytes(bytes).unwrap()
}

/// The cells read must be exactly the golden case's, and nothing left unsettled.
fn assert_golden(report: &Report) {
    let golden = golden();
    assert_eq!(report.form.as_deref(), Some("2021"));
    let cells = serde_json::to_value(&report.cells).unwrap();
    for (addr, want) in golden["cells"].as_object().unwrap() {
        assert_eq!(&cells[addr], want, "{addr}");
    }
    assert_eq!(cells, golden["cells"]);
    assert_eq!(serde_json::to_value(&report.raw).unwrap(), golden["raw"]);
    assert!(report.notes.is_empty(), "{:?}", report.notes);
    assert_eq!(report.meta.title.as_deref(), Some(TITLE));
    assert_eq!(report.meta.year, Some(2024));
    assert_eq!(report.meta.body.as_deref(), Some("淮安市人民政府"));
}

#[test]
fn blank_template_reads_as_the_2021_form_with_blank_cells() {
    let report = parse(&template());
    assert_eq!(report.form.as_deref(), Some("2021"));
    assert_eq!(report.cells.len(), 200);
    assert!(
        report
            .cells
            .values()
            .all(|v| *v == gongkai::CellValue::Blank),
        "{:?}",
        report.cells
    );
    let headings: Vec<&str> = report.sections.iter().map(|s| s.heading.as_str()).collect();
    assert!(
        headings.iter().any(|h| h.contains("总体情况")),
        "{headings:?}"
    );
}

#[test]
fn filled_template_reads_back_every_cell() {
    let xml = filled(|_, v| para(v));
    let report = parse(&docx_with(|_| xml));
    assert_golden(&report);
}

#[test]
fn split_runs_and_paragraphs_in_a_cell_read_as_one_value() {
    // Word splits text into runs at will (spell check, edits): 3001 may be
    // <w:t>30</w:t><w:t>01</w:t>; a value may sit after an empty paragraph.
    let xml = filled(|_, v| {
        let (a, b) = v.split_at(v.len() / 2);
        format!(
            "<w:p/><w:p><w:r><w:t>{a}</w:t></w:r><w:proofErr w:type=\"spellStart\"/><w:r><w:rPr><w:b/></w:rPr><w:t>{b}</w:t></w:r></w:p>"
        )
    });
    assert_golden(&parse(&docx_with(|_| xml)));
}

#[test]
fn tracked_changes_read_as_accepted() {
    // In each cell: the old value deleted, the new one inserted; a moved
    // value is read where it was moved to.
    let xml = filled(|addr, v| {
        if addr.ends_with("/natural") {
            format!(
                "<w:p><w:moveFrom w:id=\"1\" w:author=\"a\" w:date=\"2025-01-01T00:00:00Z\"><w:r><w:t>777</w:t></w:r></w:moveFrom><w:moveTo w:id=\"2\" w:author=\"a\" w:date=\"2025-01-01T00:00:00Z\"><w:r><w:t>{v}</w:t></w:r></w:moveTo></w:p>"
            )
        } else {
            format!(
                "<w:p><w:del w:id=\"3\" w:author=\"a\" w:date=\"2025-01-01T00:00:00Z\"><w:r><w:delText>9999</w:delText></w:r></w:del><w:ins w:id=\"4\" w:author=\"a\" w:date=\"2025-01-01T00:00:00Z\"><w:r><w:t>{v}</w:t></w:r></w:ins></w:p>"
            )
        }
    });
    // A deleted row of numbers after the title, and a deleted sentence.
    let xml = xml.replacen(
        "<w:body>",
        "<w:body><w:p><w:del w:id=\"5\" w:author=\"a\" w:date=\"2025-01-01T00:00:00Z\"><w:r><w:delText>2023年政府信息公开工作年度报告</w:delText></w:r></w:del></w:p>\
         <w:tbl><w:tr><w:trPr><w:del w:id=\"6\" w:author=\"a\" w:date=\"2025-01-01T00:00:00Z\"/></w:trPr><w:tc><w:p><w:r><w:t>规章</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>5</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
        1,
    );
    assert_golden(&parse(&docx_with(|_| xml)));
}

#[test]
fn a_cell_changed_from_one_value_to_another_reads_the_new_value() {
    let xml = filled(|addr, v| {
        if addr == "requests/new/natural" {
            "<w:p><w:r><w:t>3</w:t></w:r><w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>1</w:delText></w:r></w:del><w:ins w:id=\"2\" w:author=\"a\"><w:r><w:t>0</w:t></w:r></w:ins><w:r><w:t>01</w:t></w:r></w:p>".to_string()
        } else {
            para(v)
        }
    });
    let report = parse(&docx_with(|_| xml));
    assert_eq!(report.raw["requests/new/natural"], "3001");
    assert_golden(&report);
}

#[test]
fn merged_cells_written_another_way_read_alike() {
    // vMerge continuation cells that repeat the merged cell's text (some
    // generators do), and a restart written as `w:vMerge w:val="restart"`
    // next to continuations with no value attribute.
    let xml = filled(|_, v| para(v));
    let mut last_restart: Vec<(usize, String)> = Vec::new();
    let xml = map_rows(&xml, |_, _, cells| {
        let mut col = 0;
        cells
            .into_iter()
            .map(|c| {
                let span = c
                    .split("<w:gridSpan w:val=\"")
                    .nth(1)
                    .and_then(|s| s.split('"').next())
                    .map_or(1, |s| s.parse::<usize>().unwrap());
                let here = col;
                col += span;
                if c.contains("<w:vMerge w:val=\"restart\"/>") {
                    last_restart.retain(|(k, _)| *k != here);
                    last_restart.push((here, text_of(&c)));
                    c
                } else if c.contains("<w:vMerge w:val=\"continue\"/>") {
                    let text = last_restart
                        .iter()
                        .find(|(k, _)| *k == here)
                        .map(|(_, t)| t.clone())
                        .unwrap();
                    let c = c.replace("<w:vMerge w:val=\"continue\"/>", "<w:vMerge/>");
                    fill_cell(&c, &para(&text))
                } else {
                    c
                }
            })
            .collect()
    });
    assert!(xml.contains("<w:vMerge/>"));
    assert_golden(&parse(&docx_with(|_| xml)));
}

#[test]
fn unmerged_cells_read_alike() {
    // No merging at all in Tables 3 and 4: each gridSpan of a label or
    // heading written as that many cells (the text in the first), each
    // vMerge dropped (the continuation cells left empty) — how some
    // converters write tables. (Table 2's caption rows are left merged: a
    // caption and empty cells after it look like a row label with blank
    // values, `行政许可 | （空）`, and read as such.)
    let xml = filled(|_, v| para(v));
    let xml = map_rows(&xml, |t, _, cells| {
        if t == 0 {
            return cells;
        }
        let mut out = Vec::new();
        for c in cells {
            let c = c
                .replace("<w:vMerge w:val=\"restart\"/>", "")
                .replace("<w:vMerge w:val=\"continue\"/>", "");
            let span = c
                .split("<w:gridSpan w:val=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .map_or(1, |s| s.parse::<usize>().unwrap());
            let label = text_of(&c)
                .chars()
                .any(|ch| !ch.is_ascii_digit() && ch != '.');
            if span > 1 && label {
                let g = format!("<w:gridSpan w:val=\"{span}\"/>");
                out.push(c.replace(&g, ""));
                for _ in 1..span {
                    out.push("<w:tc><w:tcPr></w:tcPr><w:p/></w:tc>".to_string());
                }
            } else {
                out.push(c);
            }
        }
        out
    });
    assert!(!xml.contains("vMerge"));
    assert_golden(&parse(&docx_with(|_| xml)));
}

#[test]
fn damaged_zips_are_clear_errors() {
    let reg = Registry::builtin();
    let good = docx_with(|x| x);
    let word = good.windows(5).position(|w| w == b"word/").unwrap();
    for cut in [good.len() / 2, good.len() - 10, word + 10] {
        let err = reg.parse_bytes(&good[..cut]).unwrap_err();
        assert!(err.to_string().contains("Word document"), "{cut}: {err}");
    }
    // Garbage after a zip signature, with `word/` so that it sniffs as Word.
    let mut junk = b"PK\x03\x04word/document.xml".to_vec();
    junk.extend((0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    let err = reg.parse_bytes(&junk).unwrap_err();
    assert!(err.to_string().contains("Word document"), "{err}");
    // A zip with no document.xml.
    let bytes = rezip(&[("word/styles.xml".into(), b"<w:styles/>".to_vec())]);
    let err = reg.parse_bytes(&bytes).unwrap_err();
    assert!(err.to_string().contains("word/document.xml"), "{err}");
    // Corrupted deflate data inside an intact zip.
    let mut bad = good.clone();
    let at = bad
        .windows(17)
        .position(|w| w == b"word/document.xml")
        .unwrap()
        + 17;
    for b in &mut bad[at + 200..at + 400] {
        *b ^= 0x5a;
    }
    assert!(reg.parse_bytes(&bad).is_err());
}

#[test]
fn malformed_xml_is_a_clear_error() {
    let reg = Registry::builtin();
    for xml in [
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>1</w:t></w:r>",
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body></w:p></w:body></w:document>",
        "<w:document><w:body><w:p><w:r><w:t>1</w:x></w:r></w:p></w:body></w:document>",
    ] {
        let bytes = docx_with(|_| xml.to_string());
        let err = reg.parse_bytes(&bytes).unwrap_err();
        assert!(err.to_string().contains("document.xml"), "{xml}: {err}");
    }
    // Text that is not UTF-8.
    let bytes = docx_with(|x| x.replacen("一、总体情况", "\u{0}", 1));
    let _ = reg.parse_bytes(&bytes);
}

#[test]
fn a_zip_bomb_is_refused_without_unpacking_it() {
    // 100 MB of paragraphs that deflate to well under 1 MB.
    let chunk = "<w:p><w:r><w:t>1</w:t></w:r></w:p>".repeat(1 << 15);
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .large_file(true);
    w.start_file("word/document.xml", opts).unwrap();
    w.write_all(b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>").unwrap();
    let mut written = 0;
    while written < 100 << 20 {
        w.write_all(chunk.as_bytes()).unwrap();
        written += chunk.len();
    }
    w.write_all(b"</w:body></w:document>").unwrap();
    let bytes = w.finish().unwrap().into_inner();
    assert!(bytes.len() < 2 << 20, "{}", bytes.len());
    let err = Registry::builtin().parse_bytes(&bytes).unwrap_err();
    assert!(err.to_string().contains("more than 64 MB"), "{err}");
}

#[test]
fn a_document_with_only_text_reads_its_sections() {
    let xml = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>\
        <w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>\
        <w:p><w:r><w:t>本年度&lt;依法&gt;公开&amp;#x4E00;信息</w:t></w:r></w:p>\
        </w:body></w:document>";
    let report = parse(&docx_with(|_| xml.to_string()));
    assert_eq!(report.form, None);
    let all: String = report
        .sections
        .iter()
        .map(|s| format!("{} {}", s.heading, s.text))
        .collect();
    assert!(all.contains("本年度<依法>公开&#x4E00;信息"), "{all}");
}

#[test]
fn cut_or_flipped_documents_never_panic() {
    let reg = Registry::builtin();
    let xml = filled(|_, v| para(v));
    // document.xml cut anywhere: an error (it ends early), never a panic.
    let step = xml.len() / 23;
    for cut in (1..23).map(|i| i * step) {
        let mut at = cut;
        while !xml.is_char_boundary(at) {
            at += 1;
        }
        let cut_xml = xml[..at].to_string();
        assert!(reg.parse_bytes(&docx_with(|_| cut_xml)).is_err(), "{at}");
    }
    // Bytes of the zip flipped here and there: a report or an error.
    let good = docx_with(|_| xml.clone());
    let mut seed = 0x9e37_79b9_u32;
    for _ in 0..40 {
        let mut bytes = good.clone();
        for _ in 0..8 {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let i = seed as usize % bytes.len();
            bytes[i] ^= (seed >> 24) as u8 | 1;
        }
        let _ = reg.parse_bytes(&bytes);
    }
}
