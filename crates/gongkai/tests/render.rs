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
    // Numbered as listed: the report's faults, then the reading notes.
    let (reading, faults): (Vec<&gongkai::Finding>, Vec<&gongkai::Finding>) = outcome
        .findings
        .iter()
        .partition(|f| gongkai::summary::is_reading(f));
    for (i, f) in faults.iter().chain(&reading).enumerate() {
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
            "spans": {"requests/new/commercial": [3, 9]},
            "raw": {"requests/new/research": "\"><script>r()</script>"}}"#,
    )
    .unwrap();
    let findings = vec![
        gongkai::Finding {
            rule: "<i>R</i>".into(),
            severity: gongkai::Severity::Error,
            cell: Some("requests/new/natural".into()),
            related: vec![],
            expected: None,
            actual: None,
            message: "</li><script>m()</script>".into(),
            quote: Some("<q onload=x>".into()),
            place: None,
        },
        gongkai::Finding {
            rule: "R-9<svg onload=x>".into(),
            severity: gongkai::Severity::Warning,
            cell: Some("requests/new/commercial".into()),
            related: vec!["requests/<svg onload=x>/natural".into()],
            expected: None,
            actual: None,
            message: "\" onmouseover=\"r()<script>".into(),
            quote: Some("<q onload=y>".into()),
            place: None,
        },
    ];
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
        // The reading note, in its own section, escaped too.
        assert!(html.contains(
            "<section class=\"gk-findings gk-reading\">\n<h2>未能读取/未能核对（不是报告的错误）：1 项</h2>\n<ol start=\"2\">\n\
             <li id=\"gk-f2\" class=\"gk-warning\" data-span=\"3 9\"><span class=\"gk-sev\">警告</span> \
             <code class=\"gk-rule\">R-9&lt;svg onload=x&gt;</code> &quot; onmouseover=&quot;r()&lt;script&gt; \
             <a class=\"gk-goto\" href=\"#gk-requests/new/commercial\">查看单元格</a>\
             <blockquote>&lt;q onload=y&gt;</blockquote></li>\n</ol>\n</section>\n"
        ), "{html}");
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
            "p",
            "/p",
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

/// The stray-value case: a row with one value too many. What the reader
/// could not read or check is listed apart from the report's faults, its
/// cells marked as not read (never as wrong), each item with its cell's
/// place in the text given to `parse`.
#[test]
fn reading_notes_are_listed_apart_and_their_cells_marked_as_not_read() {
    let text = fs::read_to_string(root().join("tests/cases/synthetic-text-stray-value/input.txt"))
        .unwrap();
    let report = Registry::builtin().parse(&text).unwrap();
    let outcome = gongkai::validate(&report, &Options::default());
    let reading: Vec<&gongkai::Finding> = outcome
        .findings
        .iter()
        .filter(|f| gongkai::summary::is_reading(f))
        .collect();
    let faults: Vec<&gongkai::Finding> = outcome
        .findings
        .iter()
        .filter(|f| !gongkai::summary::is_reading(f))
        .collect();
    let rules: Vec<&str> = reading.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["R-2", "R-5", "R-5"]);
    assert!(faults
        .iter()
        .all(|f| f.severity != gongkai::Severity::Error));
    let html = gongkai::render(&report, &outcome.findings, &opts(Format::Html)).unwrap();

    // Two sections: the report's faults first, then the reading notes.
    let a = html.find("<section class=\"gk-findings\">\n").unwrap();
    let b = html
        .find("<section class=\"gk-findings gk-reading\">\n")
        .unwrap();
    assert!(a < b);
    let faults_html = &html[a..b];
    let reading_html = &html[b..];
    assert!(faults_html.starts_with(&format!(
        "<section class=\"gk-findings\">\n<h2>发现的问题（{}）</h2>\n<ol>\n<li id=\"gk-f1\" ",
        faults.len()
    )));
    assert!(reading_html.starts_with(&format!(
        "<section class=\"gk-findings gk-reading\">\n<h2>未能读取/未能核对（不是报告的错误）：3 项</h2>\n<ol start=\"{}\">\n",
        faults.len() + 1
    )));
    assert_eq!(faults_html.matches("<li ").count(), faults.len());
    assert_eq!(reading_html.matches("<li ").count(), 3);
    for f in &faults {
        assert!(faults_html.contains(&f.message) && !reading_html.contains(&f.message));
    }
    for (k, f) in reading.iter().enumerate() {
        let n = faults.len() + k + 1;
        let cell = f.cell.as_deref().unwrap();
        let [start, end] = report.spans[cell];
        // The item: numbered in order, its cell's place, a link to the cell.
        let item = format!(
            "<li id=\"gk-f{n}\" class=\"gk-warning\" data-span=\"{start} {end}\"><span class=\"gk-sev\">警告</span> \
             <code class=\"gk-rule\">{}</code> {} <a class=\"gk-goto\" href=\"#gk-{cell}\">查看单元格</a></li>\n",
            f.rule, f.message
        );
        assert!(reading_html.contains(&item), "{item}\n{reading_html}");
        // The span, in chars of the text given to parse, is the cell's token.
        let source: String = text.chars().skip(start).take(end - start).collect();
        assert_eq!(source, report.raw[cell], "{cell}");
        // The cell: marked as not read, with a grey mark to its note.
        let td = format!(
            "<td id=\"gk-{cell}\" data-cell=\"{cell}\" class=\"gk-value gk-unread\" title=\"{} 警告：{}\" \
             aria-describedby=\"gk-f{n}\">{}<a class=\"gk-ref gk-ref-reading\" href=\"#gk-f{n}\" data-n=\"{n}\" aria-label=\"问题 {n}\"></a></td>",
            f.rule, f.message, report.raw[cell]
        );
        assert!(html.contains(&td), "{td}");
    }
    // No cell is marked as wrong or as part of a broken sum: the R-5 notes'
    // related cells are fine as far as anyone knows.
    for bad in ["gk-error", "gk-related"] {
        assert!(!html.contains(&format!(" {bad}\"")), "{bad}");
    }
    // The same in English.
    let en = gongkai::render(
        &report,
        &outcome.findings,
        &RenderOptions {
            lang: gongkai::Lang::En,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(en.contains(&format!(
        "<section class=\"gk-findings gk-reading\">\n<h2>Not read / not checked (not the report's faults): 3</h2>\n<ol start=\"{}\">\n",
        faults.len() + 1
    )));
    // The marks do not change what the table reads as.
    let back = Registry::builtin().parse(&html).unwrap();
    assert_eq!(back.form, report.form);
    assert_eq!(
        read(back.cells.get("requests/total/natural")),
        read(report.cells.get("requests/total/natural"))
    );
}

/// Findings given interleaved are numbered as listed; a cell with a fault
/// and a reading note is marked by the fault; a report with only reading
/// notes says it has no faults.
#[test]
fn findings_are_numbered_as_listed_faults_first() {
    let report = Report::from_json(
        r#"{"form": "2021",
            "cells": {"requests/new/natural": 1, "requests/new/total": 2, "requests/granted/natural": 3}}"#,
    )
    .unwrap();
    let finding = |rule: &str, severity, cell: &str, related: &[&str]| gongkai::Finding {
        rule: rule.into(),
        severity,
        cell: Some(cell.into()),
        related: related.iter().map(|s| s.to_string()).collect(),
        expected: None,
        actual: None,
        message: format!("{rule} {cell}"),
        quote: None,
        place: None,
    };
    use gongkai::Severity::{Error, Info, Warning};
    let findings = vec![
        finding("R-1", Warning, "requests/new/natural", &[]),
        finding(
            "T3-2",
            Error,
            "requests/new/total",
            &["requests/new/natural"],
        ),
        finding(
            "R-5",
            Warning,
            "requests/new/total",
            &["requests/granted/natural"],
        ),
        // An R- rule that is an error is the report's (R-FMT-3 style).
        finding("R-X", Error, "requests/granted/natural", &[]),
        finding("R-2", Info, "requests/granted/natural", &[]),
    ];
    let html = gongkai::render(&report, &findings, &opts(Format::Html)).unwrap();
    let ids: Vec<&str> = html
        .match_indices("<li id=\"")
        .map(|(i, _)| &html[i + 8..i + 8 + html[i + 8..].find('"').unwrap()])
        .collect();
    assert_eq!(ids, ["gk-f1", "gk-f2", "gk-f3", "gk-f4", "gk-f5"]);
    let order: Vec<&str> = html
        .match_indices("<code class=\"gk-rule\">")
        .map(|(i, _)| &html[i + 22..i + 22 + html[i + 22..].find('<').unwrap()])
        .collect();
    assert_eq!(order, ["T3-2", "R-X", "R-1", "R-5", "R-2"]);
    assert!(html.contains("<h2>发现的问题（2）</h2>"));
    assert!(html.contains("<ol start=\"3\">"));
    let td = |cell: &str| {
        let start = html.find(&format!("<td id=\"gk-{cell}\"")).unwrap();
        html[start..start + html[start..].find("</td>").unwrap()].to_string()
    };
    // A fault and a reading note: the fault's mark, both numbers in order.
    let total = td("requests/new/total");
    assert!(total.contains("class=\"gk-value gk-error\""), "{total}");
    assert!(
        total.contains("aria-describedby=\"gk-f1 gk-f4\""),
        "{total}"
    );
    assert!(
        total.contains("<a class=\"gk-ref\" href=\"#gk-f1\""),
        "{total}"
    );
    assert!(
        total.contains("<a class=\"gk-ref gk-ref-reading\" href=\"#gk-f4\""),
        "{total}"
    );
    // Only a reading note: not read, even though an error names the cell.
    let natural = td("requests/new/natural");
    assert!(
        natural.contains("class=\"gk-value gk-unread\""),
        "{natural}"
    );
    // An error of an R- rule is the report's.
    assert!(td("requests/granted/natural").contains("class=\"gk-value gk-error\""));
    // Without spans (a report given as JSON), no data-span.
    assert!(!html.contains("data-span"));

    // Only reading notes: no faults, said so.
    let html = gongkai::render(&report, &findings[..1], &opts(Format::Html)).unwrap();
    assert!(html.contains(
        "<section class=\"gk-findings\">\n<h2>发现的问题（0）</h2>\n<p class=\"gk-none\">未发现报告的问题。</p>\n</section>\n\
         <section class=\"gk-findings gk-reading\">\n<h2>未能读取/未能核对（不是报告的错误）：1 项</h2>\n<ol start=\"1\">\n<li id=\"gk-f1\" "
    ), "{html}");
    // No findings: no list at all.
    let html = gongkai::render(&report, &[], &opts(Format::Html)).unwrap();
    assert!(!html.contains("gk-findings"));
}
