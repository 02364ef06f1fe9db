//! Rendering: the official layout, escaping of everything from the report,
//! printed tokens kept, findings marked, and the round trip — every golden
//! case rendered to HTML, text and Markdown reads back to the same cells.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

use gongkai::number::{read_token, Token};
use gongkai::render::STYLESHEET;
use gongkai::{CellValue, Format, Options, Registry, RenderOptions, Report};
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every golden case's report: its `report.json`, or its input read.
fn cases() -> Vec<(String, Report)> {
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> = fs::read_dir(root().join("tests/cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    for dir in dirs {
        if !dir.join("case.json").exists() {
            continue;
        }
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let meta: Value =
            serde_json::from_str(&fs::read_to_string(dir.join("case.json")).unwrap()).unwrap();
        let report = match meta["input"].as_str() {
            Some(input) => {
                let text = fs::read_to_string(root().join(input)).unwrap();
                Registry::builtin().parse(&text).unwrap()
            }
            None => {
                Report::from_json(&fs::read_to_string(dir.join("report.json")).unwrap()).unwrap()
            }
        };
        out.push((name, report));
    }
    out
}

fn opts(format: Format) -> RenderOptions {
    RenderOptions {
        format,
        ..Default::default()
    }
}

fn render(report: &Report, format: Format) -> String {
    gongkai::render(report, &[], &opts(format)).unwrap()
}

/// A cell's value for comparison: numbers by value (1.50 = 1.5, 无 = 0 is
/// not assumed: only what the token says), an empty cell as `None`.
fn read(v: Option<&CellValue>) -> Option<String> {
    match v {
        None | Some(CellValue::Blank) => None,
        Some(v) => match read_token(&v.as_text()) {
            Token::Blank => None,
            Token::Number { value, .. } => Some(value.to_string()),
            Token::Text => Some(v.as_text()),
        },
    }
}

#[test]
fn every_golden_case_reads_back_to_the_same_cells() {
    let registry = Registry::builtin();
    let mut checked = 0;
    for (name, report) in cases() {
        let Some(form) = report.form.as_deref().and_then(|f| registry.form(f)) else {
            assert!(
                gongkai::render(&report, &[], &opts(Format::Html)).is_err(),
                "{name}: a report with no known form cannot be laid out"
            );
            continue;
        };
        for format in [Format::Html, Format::Text, Format::Markdown] {
            let printed = render(&report, format);
            let back = registry.parse(&printed).unwrap();
            assert_eq!(back.form, report.form, "{name} {format:?}");
            // A value that is not a number (abc, 两次, 一) cannot be read back
            // from a table: the reader reports its row instead of guessing
            // (the synthetic bad-values cases). Their tables are left out.
            let unreadable: Vec<&str> = report
                .cells
                .iter()
                .filter(|(_, v)| matches!(read_token(&v.as_text()), Token::Text))
                .filter_map(|(a, _)| a.split('/').next())
                .collect();
            // …but never silently: each such cell is read somehow (7件 as 7,
            // its token kept) or named by a reader note.
            for (address, value) in &report.cells {
                if matches!(read_token(&value.as_text()), Token::Text)
                    && read(back.cells.get(address)).is_none()
                {
                    let named = back.notes.iter().any(|n| {
                        n.cell.as_deref() == Some(address.as_str()) || n.related.contains(address)
                    });
                    assert!(
                        named,
                        "{name} {format:?}: {address} = {value:?} dropped without a note"
                    );
                }
            }
            for (address, value) in &report.cells {
                if form.cell_index(address).is_none() {
                    // Not on the form: printed after the tables, by address.
                    let shown = match format {
                        Format::Markdown => address.replace('_', "\\_"),
                        _ => address.clone(),
                    };
                    assert!(printed.contains(&shown), "{name} {format:?}: {address}");
                    continue;
                }
                if unreadable.contains(&address.split('/').next().unwrap_or_default()) {
                    continue;
                }
                // A printed table cannot tell a missing cell from an empty
                // one, so both read back as empty.
                assert_eq!(
                    read(back.cells.get(address)),
                    read(Some(value)),
                    "{name} {format:?}: {address}\n{printed}"
                );
            }
            for address in back.cells.keys() {
                assert!(
                    report.cells.contains_key(address) || read(back.cells.get(address)).is_none(),
                    "{name} {format:?}: {address} read back but not in the report"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 3 * 40, "round trips: {checked}");
}

#[test]
fn printed_zero_tokens_stay_as_printed_unless_normalised() {
    let text = fs::read_to_string(root().join("../shared/corpus/gejiu-2018.txt")).unwrap();
    let report = Registry::builtin().parse(&text).unwrap();
    let cell = "legacy/active.normative_published/value";
    assert_eq!(report.raw[cell], "无");
    let html = render(&report, Format::Html);
    assert!(html.contains(&format!("data-cell=\"{cell}\" class=\"gk-value\">无</td>")));
    let normalised = gongkai::render(
        &report,
        &[],
        &RenderOptions {
            normalize: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(normalised.contains(&format!("data-cell=\"{cell}\" class=\"gk-value\">0</td>")));
    // Header rows print —— as their unit, as the legacy form does.
    assert!(html.contains("<th scope=\"row\">一、主动公开情况</th><td class=\"gk-unit\">——</td>"));
    let csv = render(&report, Format::Csv);
    assert!(csv.contains(&format!(
        "{cell},政府信息公开情况统计表,其中:主动公开规范性文件数,统计数,0,无\r\n"
    )));
}

#[test]
fn html_has_the_official_merged_layout() {
    let report = Report::from_json(
        &fs::read_to_string(root().join("tests/cases/huaian-szf-2024/report.json")).unwrap(),
    )
    .unwrap();
    let html = render(&report, Format::Html);
    // Table 3: the note in the corner over three label columns and three heading rows.
    assert!(html.contains("<th class=\"gk-note\" rowspan=\"3\" colspan=\"3\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th><th scope=\"col\" colspan=\"7\">申请人情况</th>"));
    assert!(html.contains("<th scope=\"col\" rowspan=\"2\">自然人</th><th scope=\"col\" colspan=\"5\">法人或其他组织</th><th scope=\"col\" rowspan=\"2\">总计</th>"));
    assert!(html.contains("<th scope=\"row\" colspan=\"3\">一、本年新收政府信息公开申请数量</th>"));
    assert!(html.contains("<th scope=\"rowgroup\" rowspan=\"22\">三、本年度办理结果</th><th scope=\"row\" colspan=\"2\">（一）予以公开</th>"));
    assert!(html.contains("<th scope=\"rowgroup\" rowspan=\"8\">（三）不予公开</th><th scope=\"row\">1.属于国家秘密</th>"));
    // Table 4: three heading rows over 15 cells in one row.
    assert!(html.contains("<th scope=\"col\" colspan=\"5\">行政复议</th><th scope=\"col\" colspan=\"10\">行政诉讼</th>"));
    assert!(html.contains("<th scope=\"col\" rowspan=\"2\">结果维持</th>"));
    assert!(html.contains("<th scope=\"col\" colspan=\"5\">未经复议直接起诉</th><th scope=\"col\" colspan=\"5\">复议后起诉</th>"));
    // Table 2: a caption row per 第二十条 item, the value spanning three columns.
    assert!(html.contains("<tr class=\"gk-subhead\"><th scope=\"colgroup\" colspan=\"4\">第二十条第（五）项</th></tr>"));
    assert!(html.contains("<th scope=\"col\" colspan=\"3\">本年处理决定数量</th>"));
    assert!(html.contains("<th scope=\"col\" colspan=\"3\">本年收费金额（单位：万元）</th>"));
    // Every cell of the form is in the table once, with its address.
    let form = Registry::builtin().form("2021").unwrap();
    for cell in form.cells().iter().filter(|c| !c.optional) {
        let n = html
            .matches(&format!("data-cell=\"{}\"", cell.address))
            .count();
        assert_eq!(n, 1, "{}", cell.address);
    }
    // A fragment is only the tables; a page has the stylesheet.
    assert!(!html.contains("<html"));
    let page = gongkai::render(
        &report,
        &[],
        &RenderOptions {
            page: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains(STYLESHEET));
    assert!(STYLESHEET.contains("@media print"));
}

#[test]
fn findings_are_marked_on_their_cells_and_listed() {
    let dir = root().join("tests/cases/synthetic-2021-sums-broken");
    let report = Report::from_json(&fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    let outcome = gongkai::validate(&report, &Options::default());
    assert!(!outcome.valid);
    let html = gongkai::render(&report, &outcome.findings, &opts(Format::Html)).unwrap();
    for (i, f) in outcome.findings.iter().enumerate() {
        let n = i + 1;
        assert!(html.contains(&format!(
            "<li id=\"gk-f{n}\" class=\"gk-{}\">",
            f.severity.as_str()
        )));
        if let Some(cell) = &f.cell {
            let start = html.find(&format!("<td id=\"gk-{cell}\"")).unwrap();
            let td = &html[start..start + html[start..].find("</td>").unwrap()];
            assert!(td.contains(&format!("gk-{}", f.severity.as_str())), "{td}");
            assert!(td.contains(&format!("href=\"#gk-f{n}\"")), "{td}");
            assert!(td.contains(&f.message), "{td}");
            assert!(html.contains(&format!("href=\"#gk-{cell}\"")));
        }
    }
    // The marks do not change what the table reads as.
    let back = Registry::builtin().parse(&html).unwrap();
    for (a, v) in &report.cells {
        assert_eq!(read(back.cells.get(a)), read(Some(v)), "{a}");
    }
    let text = gongkai::render(&report, &outcome.findings, &opts(Format::Text)).unwrap();
    assert!(text.contains("发现的问题："));
    assert!(text.contains("!["), "error marks in text");
    let csv = gongkai::render(&report, &outcome.findings, &opts(Format::Csv)).unwrap();
    assert!(csv.lines().next().unwrap().ends_with(",问题"));
}

#[test]
fn text_columns_align_by_display_width() {
    let report = Report::from_json(
        &fs::read_to_string(root().join("tests/cases/huaian-szf-2024/report.json")).unwrap(),
    )
    .unwrap();
    let text = render(&report, Format::Text);
    let start = text.find("一、本年新收").unwrap();
    let end = text.find("四、结转下年度继续办理").unwrap();
    let end = end + text[end..].find('\n').unwrap();
    let rows: Vec<&str> = text[start..end].lines().collect();
    assert_eq!(rows.len(), 25);
    // Every row ends with its 总计 value, right-aligned: in display columns
    // (a CJK character is two wide) every row is as wide as the first.
    let w = rows[0].width();
    for r in &rows {
        assert_eq!(r.width(), w, "{r}");
    }
    assert!(rows[0].chars().count() < w, "CJK counted as one column");
}

/// A form whose labels are markup, and a report whose values, title and
/// findings are markup too.
fn hostile() -> (Registry, Report, Vec<gongkai::Finding>) {
    let mut def: Value = serde_json::from_str(include_str!("../forms/2021.json")).unwrap();
    def["id"] = "hostile".into();
    def["years"] = serde_json::json!({"from": 1990, "to": 1990});
    def["tables"][1]["title"] = "<script>alert('t')</script>".into();
    def["tables"][1]["note"] = "\" onmouseover=\"alert(1)".into();
    def["tables"][1]["rows"][0]["label"] = "<img src=x onerror=alert(1)>|**x**".into();
    def["tables"][1]["columns"][0]["label"] = "</th><script>c()</script>".into();
    let mut registry = Registry::with_builtins();
    registry.load_form(&def.to_string()).unwrap();
    let report = Report::from_json(
        r#"{"form": "hostile",
            "meta": {"title": "</title><script>t()</script>"},
            "cells": {"requests/new/natural": "<b onclick=x>1</b>",
                      "requests/new/total": "=HYPERLINK(\"http://x\")",
                      "requests/new/commercial": "a|b\nc\u001b[31m",
                      "requests/<svg onload=x>/natural": 1},
            "raw": {"requests/new/research": "\"><script>r()</script>"}}"#,
    )
    .unwrap();
    let findings = vec![gongkai::Finding {
        rule: "<i>R</i>".into(),
        severity: gongkai::Severity::Error,
        cell: Some("requests/new/natural".into()),
        related: vec![],
        expected: None,
        actual: None,
        message: "</li><script>m()</script>".into(),
        quote: Some("<q onload=x>".into()),
    }];
    (registry, report, findings)
}

#[test]
fn everything_from_the_report_is_escaped() {
    let (registry, mut report, findings) = hostile();
    report.raw.insert(
        "requests/new/research".into(),
        "\"><script>r()</script>".into(),
    );
    report
        .cells
        .insert("requests/new/research".into(), CellValue::from(0));
    for page in [false, true] {
        let options = RenderOptions {
            page,
            ..Default::default()
        };
        let html = registry.render(&report, &findings, &options).unwrap();
        for bad in [
            "<script",
            "<img",
            "<b ",
            "<svg",
            "<i>",
            "<q ",
            "\" onmouseover",
        ] {
            assert!(!html.contains(bad), "{bad} in\n{html}");
        }
        assert!(html.contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;"));
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(html.contains("&quot;&gt;&lt;script&gt;r()&lt;/script&gt;"));
        // Every tag is one gongkai writes.
        let tags: std::collections::BTreeSet<&str> = html
            .split('<')
            .skip(1)
            .map(|t| t.split([' ', '>', '\n']).next().unwrap())
            .collect();
        let allowed = [
            "!DOCTYPE",
            "html",
            "/html",
            "head",
            "/head",
            "meta",
            "title",
            "/title",
            "style",
            "/style",
            "body",
            "/body",
            "h1",
            "/h1",
            "div",
            "/div",
            "table",
            "/table",
            "caption",
            "/caption",
            "thead",
            "/thead",
            "tbody",
            "/tbody",
            "tr",
            "/tr",
            "th",
            "/th",
            "td",
            "/td",
            "a",
            "/a",
            "section",
            "/section",
            "h2",
            "/h2",
            "ol",
            "/ol",
            "li",
            "/li",
            "span",
            "/span",
            "code",
            "/code",
            "blockquote",
            "/blockquote",
        ];
        for t in tags {
            assert!(allowed.contains(&t), "unexpected tag <{t}");
        }
    }
    let md = registry
        .render(&report, &findings, &opts(Format::Markdown))
        .unwrap();
    assert!(!md.contains("<script") && !md.contains("<img") && !md.contains("<b "));
    // Pipes in labels and values are escaped: every row of a table has as
    // many cells as its heading.
    for table in md.split("\n\n").filter(|b| b.starts_with('|')) {
        let count = |l: &str| l.replace("\\|", "").matches('|').count();
        let first = count(table.lines().next().unwrap());
        for l in table.lines() {
            assert_eq!(count(l), first, "{l}");
        }
    }
    let text = registry
        .render(&report, &findings, &opts(Format::Text))
        .unwrap();
    assert!(
        !text.contains('\u{1b}'),
        "terminal escape sequences are removed"
    );
    let csv = registry
        .render(&report, &findings, &opts(Format::Csv))
        .unwrap();
    assert!(csv.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","), "{csv}");
    assert!(csv.contains("\"a|b\nc\u{1b}[31m\""));
}

#[test]
fn a_blank_form_renders_every_table_and_a_report_with_no_form_is_an_error() {
    let report = Report::from_json(r#"{"form": "2021"}"#).unwrap();
    let html = render(&report, Format::Html);
    assert_eq!(html.matches("<table").count(), 3);
    let none = Report::from_json(r#"{"cells": {"x": 1}}"#).unwrap();
    let err = gongkai::render(&none, &[], &opts(Format::Html)).unwrap_err();
    assert_eq!(err.code(), "usage");
    assert!("pdf".parse::<Format>().is_err());
    assert_eq!("md".parse::<Format>().unwrap(), Format::Markdown);
}
