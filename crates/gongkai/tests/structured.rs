//! Structured tables (HTML `<tr>/<td>`, Markdown pipe rows): structure
//! before tokens. A cell is a value only when its whole text is value
//! tokens; the digits of any other cell (a label `1.属于国家秘密`, a generic
//! column name `数据3`, a page footer `— 4 —`) are never values; a header
//! row (≥3 cells, none a value) gives no values and holds no row of the form;
//! a row of only dashes between header rows gives none either.
//!
//! Each shape is a whole, internally consistent 2021-form report written
//! by hand the way converters and portals print them; every test compares
//! every cell read with the truth and asks for no error. The `min_*` tests
//! are each rule's smallest input.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeMap;

use gongkai::form::{Form, RowDef, TableDef};
use gongkai::{CellValue, Options, Registry, Report, Severity};

// ---------------------------------------------------------------------------
// The truth: one consistent 2021 report
// ---------------------------------------------------------------------------

const APPLICANTS: [&str; 6] = [
    "natural",
    "commercial",
    "research",
    "nonprofit",
    "legal_services",
    "other_org",
];

/// Leaves of Table 3 by row; （七）总计, 四、结转 and the 总计 column follow.
const REQUEST_LEAVES: &[(&str, [i64; 6])] = &[
    ("new", [20, 3, 1, 0, 2, 1]),
    ("carried_over", [2, 0, 0, 0, 1, 0]),
    ("granted", [8, 1, 0, 0, 1, 0]),
    ("partial", [2, 1, 0, 0, 0, 0]),
    ("withheld.state_secret", [1, 0, 0, 0, 0, 0]),
    ("withheld.law_prohibited", [0, 0, 0, 0, 0, 0]),
    ("withheld.security_stability", [0, 0, 0, 0, 0, 0]),
    ("withheld.third_party", [1, 0, 0, 0, 0, 0]),
    ("withheld.internal_affairs", [0, 0, 1, 0, 0, 0]),
    ("withheld.process_info", [2, 0, 0, 0, 0, 0]),
    ("withheld.enforcement_file", [0, 0, 0, 0, 0, 0]),
    ("withheld.admin_query", [1, 0, 0, 0, 0, 0]),
    ("unable.not_held", [3, 1, 0, 0, 1, 0]),
    ("unable.needs_creation", [1, 0, 0, 0, 0, 0]),
    ("unable.unclear", [0, 0, 0, 0, 0, 1]),
    ("not_processed.petition", [1, 0, 0, 0, 0, 0]),
    ("not_processed.repeat", [0, 0, 0, 0, 0, 0]),
    ("not_processed.publication", [0, 0, 0, 0, 0, 0]),
    ("not_processed.excessive", [0, 0, 0, 0, 0, 0]),
    ("not_processed.confirm", [1, 0, 0, 0, 0, 0]),
    ("other.no_correction", [0, 0, 0, 0, 1, 0]),
    ("other.fee_unpaid", [0, 0, 0, 0, 0, 0]),
    ("other.other", [0, 0, 0, 0, 0, 0]),
];

/// Table 4 by group: 结果维持, 结果纠正, 其他结果, 尚未审结 (总计 follows).
const APPEALS: &[(&str, [i64; 4])] = &[
    ("review", [2, 1, 0, 1]),
    ("suit_direct", [1, 0, 0, 0]),
    ("suit_after_review", [0, 0, 0, 1]),
];

const FEES: &str = "12.5";

struct Truth {
    cells: BTreeMap<String, CellValue>,
    /// Counts, for printing and for the narrative.
    n: BTreeMap<String, i64>,
}

impl Truth {
    fn set(&mut self, a: &str, n: i64) {
        self.cells.insert(a.to_string(), CellValue::from(n));
        self.n.insert(a.to_string(), n);
    }
    fn get(&self, a: &str) -> i64 {
        self.n[a]
    }
}

fn form() -> &'static Form {
    Registry::builtin().form("2021").unwrap()
}

fn table(id: &str) -> &'static TableDef {
    form().def().tables.iter().find(|t| t.id == id).unwrap()
}

/// Table 3's printed rows, in order (not the optional subtotal rows).
fn request_rows() -> Vec<&'static RowDef> {
    table("requests")
        .rows
        .iter()
        .filter(|r| !r.optional)
        .collect()
}

fn truth() -> Truth {
    let mut t = Truth {
        cells: BTreeMap::new(),
        n: BTreeMap::new(),
    };
    for (r, v) in [("rules", [1, 0, 11]), ("normative", [8, 2, 66])] {
        for (c, n) in ["issued", "repealed", "in_force"].iter().zip(v) {
            t.set(&format!("active/{r}/{c}"), n);
        }
    }
    for (r, n) in [("license", 4472), ("penalty", 128), ("coercion", 3)] {
        t.set(&format!("active/{r}/decisions"), n);
    }
    t.cells
        .insert("active/fees/amount".into(), CellValue::Text(FEES.into()));
    let mut result = [0i64; 6];
    for (k, (row, v)) in REQUEST_LEAVES.iter().enumerate() {
        for (c, n) in APPLICANTS.iter().zip(v) {
            t.set(&format!("requests/{row}/{c}"), *n);
        }
        t.set(&format!("requests/{row}/total"), v.iter().sum());
        if k >= 2 {
            for (s, n) in result.iter_mut().zip(v) {
                *s += n;
            }
        }
    }
    for (i, c) in APPLICANTS.iter().enumerate() {
        t.set(&format!("requests/total/{c}"), result[i]);
        let carry = t.get(&format!("requests/new/{c}"))
            + t.get(&format!("requests/carried_over/{c}"))
            - result[i];
        assert!(carry >= 0, "the truth's Table 3 must balance: {c}");
        t.set(&format!("requests/carry_forward/{c}"), carry);
    }
    for r in ["total", "carry_forward"] {
        let sum = APPLICANTS
            .iter()
            .map(|c| t.get(&format!("requests/{r}/{c}")))
            .sum();
        t.set(&format!("requests/{r}/total"), sum);
    }
    for (g, v) in APPEALS {
        for (c, n) in ["upheld", "corrected", "other", "pending"].iter().zip(v) {
            t.set(&format!("appeals/{g}/{c}"), *n);
        }
        t.set(&format!("appeals/{g}/total"), v.iter().sum());
    }
    // Every printed cell of the form, and nothing else.
    let want: Vec<&str> = form()
        .cells()
        .iter()
        .filter(|c| !c.optional)
        .map(|c| c.address.as_str())
        .collect();
    assert_eq!(t.cells.keys().map(String::as_str).collect::<Vec<_>>(), {
        let mut w = want.clone();
        w.sort_unstable();
        w
    });
    t
}

/// How a count is printed: zeros as the report prints them.
fn show(t: &Truth, a: &str, zero: &str) -> String {
    match t.cells.get(a) {
        Some(CellValue::Text(s)) => s.clone(),
        _ if t.get(a) == 0 => zero.to_string(),
        _ => t.get(a).to_string(),
    }
}

/// A Table 3 row's seven values.
fn request_values(t: &Truth, row: &str, zero: &str) -> Vec<String> {
    APPLICANTS
        .iter()
        .chain(["total"].iter())
        .map(|c| show(t, &format!("requests/{row}/{c}"), zero))
        .collect()
}

/// Table 4's fifteen values in printed order.
fn appeal_values(t: &Truth, zero: &str) -> Vec<String> {
    let mut v = Vec::new();
    for (g, _) in APPEALS {
        for c in ["upheld", "corrected", "other", "pending", "total"] {
            v.push(show(t, &format!("appeals/{g}/{c}"), zero));
        }
    }
    v
}

// ---------------------------------------------------------------------------
// The report around the tables
// ---------------------------------------------------------------------------

const TITLE: &str = "某市生态环境局2023年政府信息公开工作年度报告";

fn preface() -> String {
    "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2021〕30号）要求编制。本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。如对本报告有疑问，请与某市生态环境局办公室联系（电话：0517-83605210）。".to_string()
}

fn overview(t: &Truth) -> Vec<String> {
    vec![
        "2023年，某市生态环境局认真贯彻落实《条例》各项规定，不断提升政府工作透明度。".into(),
        "（一）主动公开情况。全年主动公开各类政府信息1326条。".into(),
        format!(
            "（二）依申请公开情况。全年共受理政府信息公开申请{}件，答复{}件，均在法定期限内予以答复。",
            t.get("requests/new/total"),
            t.get("requests/total/total")
        ),
        "（三）政府信息管理情况。坚持“先审查、后公开”原则，规范审查程序。".into(),
        "（四）政府信息公开平台建设情况。进一步优化政务公开专栏设置。".into(),
        "（五）政府信息公开监督保障情况。全年组织4次政府信息公开栏目检查。".into(),
    ]
}

const PROBLEMS: &str = "政策解读质量仍需提升。下一步，将着力加强政策解读质效，定期组织业务培训。";
const OTHER: &str = "2023年，某市生态环境局未收取信息处理费。";

/// A Markdown report with the three tables as given.
fn md_report(t: &Truth, active: &str, requests: &str, appeals: &str) -> String {
    let mut s = format!("# {TITLE}\n\n发布日期：2024-01-20\n\n{}\n\n", preface());
    s += "## 一、总体情况\n\n";
    for p in overview(t) {
        s += &format!("{p}\n\n");
    }
    s += &format!("## 二、主动公开政府信息情况\n\n{active}\n");
    s += &format!("## 三、收到和处理政府信息公开申请情况\n\n{requests}\n");
    s += &format!("## 四、政府信息公开行政复议、行政诉讼情况\n\n{appeals}\n");
    s += &format!("## 五、存在的主要问题及改进情况\n\n{PROBLEMS}\n\n");
    s += &format!("## 六、其他需要报告的事项\n\n{OTHER}\n");
    s
}

/// An HTML page with the three tables as given.
fn html_report(t: &Truth, active: &str, requests: &str, appeals: &str) -> String {
    let mut s = format!(
        "<html><head><title>{TITLE}</title></head><body><div class=\"article\"><h1>{TITLE}</h1><p>发布日期：2024-01-20</p><p>{}</p>",
        preface()
    );
    s += "<p>一、总体情况</p>";
    for p in overview(t) {
        s += &format!("<p>{p}</p>");
    }
    s += &format!("<p>二、主动公开政府信息情况</p>{active}");
    s += &format!("<p>三、收到和处理政府信息公开申请情况</p>{requests}");
    s += &format!("<p>四、政府信息公开行政复议、行政诉讼情况</p>{appeals}");
    s += &format!("<p>五、存在的主要问题及改进情况</p><p>{PROBLEMS}</p>");
    s += &format!("<p>六、其他需要报告的事项</p><p>{OTHER}</p></div></body></html>");
    s
}

// ---------------------------------------------------------------------------
// Markdown pieces
// ---------------------------------------------------------------------------

fn md_row<S: AsRef<str>>(cells: &[S]) -> String {
    let mut s = String::from("|");
    for c in cells {
        s.push(' ');
        s.push_str(c.as_ref());
        s.push_str(" |");
    }
    s.push('\n');
    s
}

fn md_rule(n: usize) -> String {
    format!("|{}\n", " --- |".repeat(n))
}

/// `| 类别 | 数据1 | … | 数据6 | 总计 |` and its delimiter.
fn generic_header(labels: usize) -> String {
    let mut h: Vec<String> = vec!["类别".into(); labels];
    h.extend((1..=6).map(|i| format!("数据{i}")));
    h.push("总计".into());
    md_row(&h) + &md_rule(h.len())
}

/// Table 2 as four small tables, each under its 第二十条 item.
fn md_active(t: &Truth, zero: &str) -> String {
    let mut s = String::new();
    s += "第二十条第（一）项\n\n";
    s += &md_row(&["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]);
    s += &md_rule(4);
    for (r, label) in [("rules", "规章"), ("normative", "行政规范性文件")] {
        let mut row = vec![label.to_string()];
        for c in ["issued", "repealed", "in_force"] {
            row.push(show(t, &format!("active/{r}/{c}"), zero));
        }
        s += &md_row(&row);
    }
    for (item, rows) in [
        ("第二十条第（五）项", &[("license", "行政许可")][..]),
        (
            "第二十条第（六）项",
            &[("penalty", "行政处罚"), ("coercion", "行政强制")][..],
        ),
    ] {
        s += &format!("\n{item}\n\n");
        s += &md_row(&["信息内容", "本年处理决定数量"]);
        s += &md_rule(2);
        for (r, label) in rows {
            s += &md_row(&[
                label.to_string(),
                show(t, &format!("active/{r}/decisions"), zero),
            ]);
        }
    }
    s += "\n第二十条第（八）项\n\n";
    s += &md_row(&["信息内容", "本年收费金额（单位：万元）"]);
    s += &md_rule(2);
    s += &md_row(&["行政事业性收费", FEES]);
    s
}

/// Table 3 rows with their label in one column: `| 1.属于国家秘密 | 1 | … |`.
fn md_request_rows(t: &Truth, rows: &[&RowDef], zero: &str) -> String {
    let mut s = String::new();
    for r in rows {
        let mut cells = vec![r.label.clone()];
        cells.extend(request_values(t, &r.key, zero));
        s += &md_row(&cells);
    }
    s
}

/// Table 4 as one row of fifteen under three header rows.
fn md_appeals(t: &Truth, zero: &str) -> String {
    let results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let mut h1 = vec!["行政复议"; 5];
    h1.extend(["行政诉讼"; 10]);
    let mut h2: Vec<&str> = results.to_vec();
    h2.extend(["未经复议直接起诉"; 5]);
    h2.extend(["复议后起诉"; 5]);
    let mut h3: Vec<&str> = results.to_vec();
    h3.extend(results);
    h3.extend(results);
    md_row(&h1) + &md_rule(15) + &md_row(&h2) + &md_row(&h3) + &md_row(&appeal_values(t, zero))
}

// ---------------------------------------------------------------------------
// Checking
// ---------------------------------------------------------------------------

fn notes_of(r: &Report) -> String {
    r.notes
        .iter()
        .map(|n| format!("{} {:?} {:?}", n.rule, n.cell, n.args))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every cell read is the truth's, every cell of the truth is read, the
/// reader has no doubt (no value left over), and nothing is an error.
fn check(name: &str, text: &str, t: &Truth) {
    let report = Registry::builtin().parse(text).unwrap();
    let mut problems = Vec::new();
    if !report.notes.is_empty() {
        problems.push("reader notes".to_string());
    }
    if report.form.as_deref() != Some("2021") {
        problems.push(format!("form read {:?}", report.form));
    }
    for (a, want) in &t.cells {
        match report.cells.get(a) {
            None => problems.push(format!("{a}: not read, printed {want:?}")),
            Some(got) if got != want => {
                problems.push(format!("{a}: read {got:?}, printed {want:?}"))
            }
            Some(_) => {}
        }
    }
    for a in report.cells.keys() {
        if !t.cells.contains_key(a) {
            problems.push(format!("{a}: read {:?}, not printed", report.cells[a]));
        }
    }
    let outcome = Registry::builtin().validate(&report, &Options::default());
    for f in &outcome.findings {
        if f.severity == Severity::Error {
            problems.push(format!("error {} {:?}: {}", f.rule, f.cell, f.message));
        }
    }
    assert!(
        problems.is_empty(),
        "{name}: {} problems:\n{}\nnotes:\n{}\n---\n{text}",
        problems.len(),
        problems.join("\n"),
        notes_of(&report)
    );
}

/// The cell `a` as read from `text`, which must leave the reader no doubt.
fn read(text: &str, a: &str) -> Option<CellValue> {
    let report = Registry::builtin().parse(text).unwrap();
    assert!(
        report.notes.is_empty(),
        "reader notes:\n{}\n---\n{text}",
        notes_of(&report)
    );
    report.cells.get(a).cloned()
}

// ---------------------------------------------------------------------------
// Whole reports
// ---------------------------------------------------------------------------

/// The plain shape every other is a variation of: the reader must get it.
#[test]
fn plain_markdown_reads_exactly() {
    let t = truth();
    let mut req = md_row(&[
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]);
    req += &md_rule(8);
    req += &md_request_rows(&t, &request_rows(), "0");
    let text = md_report(&t, &md_active(&t, "0"), &req, &md_appeals(&t, "0"));
    check("plain", &text, &t);
    // The totals in bold, the 总计 row's label too.
    let total = md_request_rows(&t, &request_rows()[23..24], "0");
    let bold: Vec<String> = total
        .trim()
        .trim_matches('|')
        .split('|')
        .map(|c| format!("**{}**", c.trim()))
        .collect();
    let text = text.replace(total.as_str(), &md_row(&bold));
    assert!(text.contains("| **（七）总计** | **21** |"));
    check("bold", &text, &t);
}

/// Rule 1: generic column names (`数据1`…`数据6`, `列2`, `第1项`,
/// `Column 3`) in the header rows of Table 3 and Table 4.
#[test]
fn generic_column_names_are_not_values() {
    let t = truth();
    let req = generic_header(1) + &md_request_rows(&t, &request_rows(), "0");
    let mut h: Vec<String> = (1..=15).map(|i| format!("数据{i}")).collect();
    let mut app = md_row(&h) + &md_rule(15);
    app += &md_row(&appeal_values(&t, "0"));
    check("数据N", &md_report(&t, &md_active(&t, "0"), &req, &app), &t);
    for name in ["列", "第{}项", "Column {}"] {
        let col = |i: usize| {
            if name.contains("{}") {
                name.replace("{}", &i.to_string())
            } else {
                format!("{name}{i}")
            }
        };
        let mut head = vec!["项目".to_string()];
        head.extend((2..=8).map(col));
        let req = md_row(&head) + &md_rule(8) + &md_request_rows(&t, &request_rows(), "0");
        h = (1..=15).map(col).collect();
        let app = md_row(&h) + &md_rule(15) + &md_row(&appeal_values(&t, "0"));
        check(name, &md_report(&t, &md_active(&t, "无"), &req, &app), &t);
    }
}

/// Rule 5: each row group of Table 3 its own small table, under a heading,
/// each with the generic header; zeros printed as 无.
#[test]
fn row_groups_as_small_tables_read_as_one_table() {
    let t = truth();
    let rows = request_rows();
    let group = |g: &str| -> Vec<&RowDef> {
        rows.iter()
            .copied()
            .filter(|r| r.group.get(1).map(String::as_str) == Some(g))
            .collect()
    };
    let by_key = |ks: &[&str]| -> Vec<&RowDef> {
        ks.iter()
            .map(|k| *rows.iter().find(|r| r.key == *k).unwrap())
            .collect()
    };
    for (style, zero) in [(0, "0"), (1, "无"), (2, "—")] {
        let mut req = String::new();
        req += "**申请数量**\n\n";
        req += &generic_header(1);
        req += &md_request_rows(&t, &by_key(&["new", "carried_over"]), zero);
        req += "\n### 三、本年度办理结果\n\n";
        req += &generic_header(1);
        req += &md_request_rows(&t, &by_key(&["granted", "partial"]), zero);
        for (k, (g, shown)) in [
            ("（三）不予公开", "### (三) 不予公开"),
            ("（四）无法提供", "**（四）无法提供**"),
            ("（五）不予处理", "### （五）不予处理"),
            ("（六）其他处理", "**(六) 其他处理**"),
        ]
        .iter()
        .enumerate()
        {
            req += &format!("\n{shown}\n\n");
            // Some converters keep the group in a first column.
            if (k + style) % 2 == 0 {
                req += &generic_header(1);
                req += &md_request_rows(&t, &group(g), zero);
            } else {
                req += &generic_header(2);
                for r in group(g) {
                    let mut cells = vec![g.to_string(), r.label.clone()];
                    cells.extend(request_values(&t, &r.key, zero));
                    req += &md_row(&cells);
                }
            }
        }
        req += "\n### （七）总计\n\n";
        req += &generic_header(1);
        req += &md_request_rows(&t, &by_key(&["total", "carry_forward"]), zero);
        check(
            &format!("groups {style}"),
            &md_report(&t, &md_active(&t, zero), &req, &md_appeals(&t, zero)),
            &t,
        );
    }
}

/// Rule 5: the table headings repeated on every page.
#[test]
fn table_headings_repeated_on_every_page() {
    let t = truth();
    let rows = request_rows();
    let (first, rest) = rows.split_at(9);
    let active = md_active(&t, "0");
    // Table 2 broken after its first small table, its heading printed again.
    let cut = active.find("\n第二十条第（五）项").unwrap();
    let active = format!(
        "## 表二：主动公开政府信息情况\n\n{}\n\n— 2 —\n\n## 表二：主动公开政府信息情况\n{}",
        &active[..cut],
        &active[cut..]
    );
    for (title, page) in [("表三：", "第 3 页"), ("表3 ", "3/8"), ("附表3-", "- 3 -")] {
        let mut req = format!("## {title}收到和处理政府信息公开申请情况\n\n");
        req += &generic_header(1);
        req += &md_request_rows(&t, first, "0");
        req += &format!("\n{page}\n\n## {title}收到和处理政府信息公开申请情况（续）\n\n");
        req += &generic_header(1);
        req += &md_request_rows(&t, rest, "0");
        check(
            &format!("repeated headings {title}"),
            &md_report(&t, &active, &req, &md_appeals(&t, "0")),
            &t,
        );
    }
}

/// Rule 3: a foreign header row (another table's column names, some of them
/// the form's row labels) in the middle of Table 3.
#[test]
fn foreign_header_in_the_middle_of_table_3() {
    let t = truth();
    let rows = request_rows();
    for (at, head) in [
        (
            2,
            &[
                "项目",
                "本年新收件数",
                "上年结转件数",
                "予以公开",
                "部分公开",
                "不予公开",
                "无法提供",
                "不予处理",
                "其他处理",
            ][..],
        ),
        (
            5,
            &[
                "项目",
                "（一）予以公开",
                "（二）部分公开",
                "2.其他法律行政法规禁止公开",
                "3.危及“三安全一稳定”",
                "（七）总计",
            ][..],
        ),
        (
            12,
            &[
                "申请人",
                "1.本机关不掌握相关政府信息",
                "2.重复申请",
                "四、结转下年度继续办理",
            ][..],
        ),
    ] {
        let mut req = generic_header(1);
        req += &md_request_rows(&t, &rows[..at], "0");
        req += &md_row(head);
        req += &md_request_rows(&t, &rows[at..], "0");
        check(
            &format!("foreign header at {at}"),
            &md_report(&t, &md_active(&t, "0"), &req, &md_appeals(&t, "0")),
            &t,
        );
    }
}

/// Rule 4: the applicant header table as OCR converters print it, with
/// rows of `-` for merged cells; repeated after a page break.
#[test]
fn ocr_applicant_header_with_dash_rows() {
    let t = truth();
    let rows = request_rows();
    let head = || {
        let mut s = md_row(&[
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "申请人情况",
            "申请人情况",
            "申请人情况",
            "申请人情况",
            "申请人情况",
            "申请人情况",
            "申请人情况",
        ]);
        s += &md_row(&["-"; 8]);
        s += &md_row(&["", "自然人", "法人或其他组织", "", "", "", "", "总计"]);
        s += &md_row(&["-"; 8]);
        s += &md_row(&[
            "",
            "",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
            "",
        ]);
        s += &md_row(&["-", "-", "-", "-", "-", "-", "-", "-"]);
        s
    };
    let mut req = head();
    req += &md_request_rows(&t, &rows[..7], "0");
    req += "\n- 5 -\n\n";
    req += &head();
    req += &md_request_rows(&t, &rows[7..], "0");
    check(
        "dash rows",
        &md_report(&t, &md_active(&t, "0"), &req, &md_appeals(&t, "0")),
        &t,
    );
}

/// Rule 2: check-box glyph cells and page footers printed inside the rows.
#[test]
fn glyph_cells_and_page_footers_in_rows() {
    let t = truth();
    let rows = request_rows();
    let mut req = generic_header(1);
    for (i, r) in rows.iter().enumerate() {
        let mut cells = vec![r.label.clone()];
        cells.extend(request_values(&t, &r.key, "0"));
        match i % 4 {
            // A check box after the label: ☑ 1.属于国家秘密.
            0 => cells.insert(1, "☑".into()),
            1 => cells.insert(1, "□".into()),
            _ => {}
        }
        req += &md_row(&cells);
        match i {
            6 => req += &md_row(&["— 4 —", "", "", "", "", "", "", ""]),
            13 => req += &md_row(&["第4页", "", "", "", "", "", "", ""]),
            17 => req += "4/10\n",
            20 => req += &md_row(&["", "", "", "- 6 -", "", "", "", ""]),
            _ => {}
        }
    }
    let mut app = md_row(&["○ 行政复议", "", "", "", "", "● 行政诉讼"]);
    app += &md_rule(6);
    app += &md_row(&["■", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]);
    app += &md_row(&appeal_values(&t, "0"));
    check(
        "glyphs",
        &md_report(&t, &md_active(&t, "0"), &req, &app),
        &t,
    );
}

// ---------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------

fn td(s: &str) -> String {
    if s.is_empty() {
        "<td>&nbsp;</td>".into()
    } else {
        format!("<td><p align=\"center\">{s}</p></td>")
    }
}

fn tr<S: AsRef<str>>(cells: &[S]) -> String {
    let mut s = String::from("<tr>");
    for c in cells {
        s += &td(c.as_ref());
    }
    s + "</tr>"
}

fn html_active(t: &Truth) -> String {
    let mut s = String::from("<table border=\"1\"><tbody>");
    s += &tr(&["第二十条第（一）项"]);
    s += &tr(&["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]);
    for (r, label) in [("rules", "规章"), ("normative", "行政规范性文件")] {
        let mut row = vec![label.to_string()];
        for c in ["issued", "repealed", "in_force"] {
            row.push(show(t, &format!("active/{r}/{c}"), "0"));
        }
        s += &tr(&row);
    }
    s += &tr(&["第二十条第（五）项"]);
    s += &tr(&["信息内容", "本年处理决定数量"]);
    s += &tr(&[
        "行政许可".to_string(),
        show(t, "active/license/decisions", "0"),
    ]);
    s += &tr(&["第二十条第（六）项"]);
    s += &tr(&["信息内容", "本年处理决定数量"]);
    s += &tr(&[
        "行政处罚".to_string(),
        show(t, "active/penalty/decisions", "0"),
    ]);
    s += &tr(&[
        "行政强制".to_string(),
        show(t, "active/coercion/decisions", "0"),
    ]);
    s += &tr(&["第二十条第（八）项"]);
    s += &tr(&["信息内容", "本年收费金额（单位：万元）"]);
    s += &tr(&["行政事业性收费", FEES]);
    s + "</tbody></table>"
}

fn html_appeals(t: &Truth, head: &[String]) -> String {
    let mut s = String::from("<table border=\"1\"><tbody>");
    s += &tr(head);
    s += &tr(&appeal_values(t, "0"));
    s + "</tbody></table>"
}

/// Rules 1–3 in HTML: generic column names, a foreign header row, a glyph
/// cell and a page footer cell, in one `<table>`.
#[test]
fn html_generic_names_foreign_header_glyphs_footers() {
    let t = truth();
    let rows = request_rows();
    let mut req =
        String::from("<h3>表3 收到和处理政府信息公开申请情况</h3><table border=\"1\"><tbody>");
    let mut head = vec!["类别".to_string()];
    head.extend((1..=6).map(|i| format!("数据{i}")));
    head.push("总计".into());
    req += &tr(&head);
    for (i, r) in rows.iter().enumerate() {
        let mut cells = vec![r.label.clone()];
        cells.extend(request_values(&t, &r.key, "0"));
        if i == 3 {
            cells.insert(1, "☐".into());
        }
        req += &tr(&cells);
        match i {
            4 => req += &tr(&["项目", "本年新收件数", "予以公开", "部分公开", "（七）总计"]),
            9 => req += &tr(&["— 7 —"]),
            // A page break: the table closed, its heading printed again.
            12 => {
                req += "</tbody></table><h3>表3 收到和处理政府信息公开申请情况（续2）</h3><table><tbody>";
                req += &tr(&head);
            }
            15 => req += &tr(&["", "", "第 8 页", "", ""]),
            _ => {}
        }
    }
    req += "</tbody></table>";
    let app_head: Vec<String> = (1..=15).map(|i| format!("列{i}")).collect();
    check(
        "html",
        &html_report(&t, &html_active(&t), &req, &html_appeals(&t, &app_head)),
        &t,
    );
}

// ---------------------------------------------------------------------------
// Each rule's smallest input
// ---------------------------------------------------------------------------

const MIN_HEAD: &str =
    "# 某局2023年政府信息公开工作年度报告\n\n## 三、收到和处理政府信息公开申请情况\n\n";

/// Six rows of Table 3 (enough for the form to be found), `extra` after the
/// second.
fn min_table(extra: &str) -> String {
    let mut s = String::from(MIN_HEAD);
    s += "| 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n";
    s += &md_rule(8);
    s += "| 一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n";
    s += "| 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n";
    s += extra;
    s += "| （一）予以公开 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n";
    s += "| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n";
    s += "| 1.属于国家秘密 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n";
    s += "| 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";
    s
}

fn n(v: i64) -> Option<CellValue> {
    Some(CellValue::from(v))
}

/// Rule 1: `| 类别 | 数据1 | … |` between two rows: its 1…6 are not values
/// of 二、上年结转.
#[test]
fn min_generic_header_between_rows() {
    let text = min_table("| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |\n");
    assert_eq!(read(&text, "requests/carried_over/natural"), n(1));
    assert_eq!(read(&text, "requests/carried_over/total"), n(1));
    assert_eq!(read(&text, "requests/granted/natural"), n(3));
}

/// Rule 1: a label cell's digits are not values, even alone in a row.
#[test]
fn min_label_cell_digits() {
    let text = min_table("| 第3项 | 列2 | Column 3 |\n");
    assert_eq!(read(&text, "requests/carried_over/natural"), n(1));
    assert_eq!(read(&text, "requests/carried_over/total"), n(1));
}

/// Rule 2: glyph and page-footer cells inside a row are not values.
#[test]
fn min_glyph_and_footer_cells() {
    let text = min_table("| — 4 — |  |  |  |  |  |  |  |\n| ☑ | □ | ✓ |\n");
    assert_eq!(read(&text, "requests/carried_over/total"), n(1));
    assert_eq!(read(&text, "requests/granted/total"), n(3));
    let text = min_table("").replace("| 1.属于国家秘密 | 1 |", "| 1.属于国家秘密 | ☐ | 1 |");
    assert_eq!(read(&text, "requests/withheld.state_secret/natural"), n(1));
    assert_eq!(read(&text, "requests/withheld.state_secret/total"), n(1));
}

/// Rule 3: a row label inside a header row is not the row.
#[test]
fn min_row_label_in_a_header_row() {
    let text = min_table("| 项目 | 本年新收件数 | （一）予以公开 | （二）部分公开 |\n");
    assert_eq!(read(&text, "requests/carried_over/natural"), n(1));
    assert_eq!(read(&text, "requests/granted/natural"), n(3));
    assert_eq!(read(&text, "requests/partial/natural"), n(2));
    // After the row it names, before the next.
    let text = min_table("").replace(
        "| （二）部分公开",
        "| 项目 | 本年新收件数 | （二）部分公开 | 1.属于国家秘密 |\n| （二）部分公开",
    );
    assert_eq!(read(&text, "requests/granted/total"), n(3));
    assert_eq!(read(&text, "requests/partial/total"), n(2));
    assert_eq!(read(&text, "requests/withheld.state_secret/total"), n(1));
}

/// Rule 4: a row of dashes between header rows gives no values.
#[test]
fn min_dash_rows() {
    let text =
        min_table("| - | - | - | - | - | - | - | - |\n| 项目 | 自然人 | 商业企业 | 总计 |\n");
    assert_eq!(read(&text, "requests/carried_over/natural"), n(1));
    assert_eq!(read(&text, "requests/carried_over/total"), n(1));
    // A single-dash delimiter row.
    let text = min_table("").replace(&md_rule(8), "| - | - | - | - | - | - | - | - |\n");
    assert_eq!(read(&text, "requests/new/natural"), n(5));
    // But a last row of dashes is a row of zeros (shapes.rs bug 3).
    let text = format!(
        "{}\n## 四、政府信息公开行政复议、行政诉讼情况\n\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n{}|{}\n",
        min_table(""),
        md_rule(5),
        " - |".repeat(15)
    );
    assert_eq!(read(&text, "appeals/suit_after_review/total"), n(0));
}

/// Rule 5: a group heading and a generic header between row groups.
#[test]
fn min_group_heading_and_header() {
    let text = min_table("").replace(
        "| 1.属于国家秘密",
        "\n### (三) 不予公开\n\n| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n| 1.属于国家秘密",
    );
    assert_eq!(read(&text, "requests/partial/natural"), n(2));
    assert_eq!(read(&text, "requests/partial/total"), n(2));
    assert_eq!(read(&text, "requests/withheld.state_secret/total"), n(1));
    assert_eq!(read(&text, "requests/withheld/total"), None);
}

/// A portal page laid out in a table: metadata rows of two cells, then the
/// whole report in one cell with the statistics tables nested in it. The
/// layout's cells are not a statistics table's.
#[test]
fn html_page_laid_out_in_a_table() {
    let t = truth();
    let mut req = String::from("<table border=\"1\"><tbody>");
    let mut head = vec!["类别".to_string()];
    head.extend((1..=6).map(|i| format!("数据{i}")));
    head.push("总计".into());
    req += &tr(&head);
    for r in request_rows() {
        let mut cells = vec![r.label.clone()];
        cells.extend(request_values(&t, &r.key, "0"));
        req += &tr(&cells);
    }
    req += "</tbody></table>";
    let mut head = vec!["行政复议".to_string(); 5];
    head.extend(vec!["行政诉讼".to_string(); 10]);
    let mut app = html_appeals(&t, &head);
    app = app.replacen(
        "<tr>",
        "<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr><tr>",
        1,
    );
    let body = html_report(&t, &html_active(&t), &req, &app);
    let inner = &body[body.find("<div").unwrap()..body.rfind("</body>").unwrap()];
    let page = format!(
        "<html><head><title>{TITLE}</title></head><body><table class=\"layout\"><tr><td>索引号</td><td>11320800/2024-00012</td></tr><tr><td>发布机构</td><td>某市生态环境局</td></tr><tr><td>生成日期</td><td>2024-01-20</td></tr><tr><td colspan=\"2\">{inner}</td></tr></table></body></html>"
    );
    check("layout", &page, &t);
}

// ---------------------------------------------------------------------------
// Row by row, as printed: a row's values are its own printed row's
// ---------------------------------------------------------------------------

fn parse(text: &str) -> Report {
    Registry::builtin().parse(text).unwrap()
}

/// The errors of a minimal report that touch a cell of one of `rows`
/// (`table/row`): the tables and rows it does not print are its own faults.
fn errors_on(report: &Report, rows: &[&str]) -> Vec<String> {
    let touches = |a: &String| rows.iter().any(|r| a.starts_with(&format!("{r}/")));
    Registry::builtin()
        .validate(report, &Options::default())
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .filter(|f| f.cell.iter().chain(&f.related).any(touches))
        .map(|f| format!("{} {:?}: {}", f.rule, f.cell, f.message))
        .collect()
}

/// The cells of `row` (`table/row`) that were read.
fn row_read(report: &Report, row: &str) -> Vec<String> {
    let prefix = format!("{row}/");
    report
        .cells
        .keys()
        .filter(|a| a.starts_with(&prefix))
        .cloned()
        .collect()
}

/// Table 2 as one 4-column grid (as converters and gongkai's own rendering
/// print it), `rows` after its first sub-heading and header; then the
/// six rows of Table 3.
fn min_grid(rows: &str) -> String {
    let mut s = String::from(
        "# 某局2023年政府信息公开工作年度报告\n\n## 二、主动公开政府信息情况\n\n| 第二十条第（一）项 | | | |\n| --- | --- | --- | --- |\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n",
    );
    s += rows;
    s += "\n## 三、收到和处理政府信息公开申请情况\n\n";
    s += &min_table("")[MIN_HEAD.len()..];
    s
}

/// Table 2's rows after 规章 and 行政规范性文件, padded to four cells.
const GRID_REST: &str = "| 第二十条第（五）项 | | | |\n| 信息内容 | 本年处理决定数量 | | |\n| 行政许可 | 5821 | | |\n| 第二十条第（六）项 | | | |\n| 信息内容 | 本年处理决定数量 | | |\n| 行政处罚 | 436 | | |\n| 行政强制 | 3 | | |\n| 第二十条第（八）项 | | | |\n| 信息内容 | 本年收费金额（单位：万元） | | |\n| 行政事业性收费 | 12.5 | | |\n";

/// Padding: `| 行政许可 | 5821 | | |` has one value and two empty cells
/// that pad it to the grid's width; sub-heading rows (`| 第二十条第（六）项 | | | |`)
/// and header rows padded with empty cells give no values either. No row
/// is doubted and nothing is noted.
#[test]
fn min_padding_cells_are_not_values() {
    let text = min_grid(&format!(
        "| 规章 | 1 | 0 | 11 |\n| 行政规范性文件 | 8 | 2 | 66 |\n{GRID_REST}"
    ));
    assert_eq!(read(&text, "active/license/decisions"), n(5821));
    assert_eq!(read(&text, "active/penalty/decisions"), n(436));
    assert_eq!(read(&text, "active/coercion/decisions"), n(3));
    assert_eq!(read(&text, "active/normative/in_force"), n(66));
    let report = parse(&text);
    assert!(report.doubts.is_empty(), "{:?}", report.doubts);
    assert_eq!(
        report.reads.get("active/license/decisions"),
        Some(&gongkai::Read::Cell)
    );
    // The same in a portal's HTML, with `&nbsp;` spacer cells.
    let html = format!(
        "<html><body><p>二、主动公开政府信息情况</p><table><tr><td colspan=\"4\">第二十条第（一）项</td></tr>{}{}{}</table><p>三、收到和处理政府信息公开申请情况</p><table>{}</table></body></html>",
        tr(&["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]),
        tr(&["规章", "1", "0", "11"]),
        [
            ["行政规范性文件", "8", "2", "66"],
            ["信息内容", "本年处理决定数量", "", ""],
            ["行政许可", "5821", "", ""],
            ["行政处罚", "436", "", ""],
            ["行政强制", "3", "", ""],
            ["信息内容", "本年收费金额（单位：万元）", "", ""],
            ["行政事业性收费", "8421.36", "", ""],
        ]
        .iter()
        .map(|r| tr(r))
        .collect::<String>(),
        [
            ["一、本年新收政府信息公开申请数量", "5", "0", "0", "0", "0", "0", "5"],
            ["二、上年结转政府信息公开申请数量", "1", "0", "0", "0", "0", "0", "1"],
            ["（一）予以公开", "3", "0", "0", "0", "0", "0", "3"],
            ["（二）部分公开", "2", "0", "0", "0", "0", "0", "2"],
        ]
        .iter()
        .map(|r| tr(r))
        .collect::<String>(),
    );
    assert_eq!(read(&html, "active/coercion/decisions"), n(3));
    assert_eq!(
        read(&html, "active/fees/amount"),
        Some(CellValue::Text("8421.36".into()))
    );
    assert!(parse(&html).doubts.is_empty());
}

/// A row whose value cell is printed empty in a padded grid
/// (`| 行政强制 | | | |`) is a blank cell, not doubted: no block of values
/// printed apart follows it.
#[test]
fn min_empty_cell_in_a_padded_grid_is_blank() {
    let text = min_grid(&format!(
        "| 规章 | 1 | 0 | 11 |\n| 行政规范性文件 | 8 | 2 | 66 |\n{}",
        GRID_REST.replace("| 行政强制 | 3 | | |", "| 行政强制 | | | |")
    ));
    assert_eq!(
        read(&text, "active/coercion/decisions"),
        Some(CellValue::Blank)
    );
    assert_eq!(read(&text, "active/penalty/decisions"), n(436));
    assert!(parse(&text).doubts.is_empty());
}

/// Shanghai's portal leaves the 总计 column (and other cells) blank: a row
/// printing exactly its cells, the last ones empty, reads them as blanks;
/// so does a genuine all-blank row, between rows or last.
#[test]
fn min_blank_totals_stay_blank() {
    let text = min_table("")
        .replace(
            "| （一）予以公开 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |",
            "| （一）予以公开 | 3 |  |  |  | 1 |  |  |",
        )
        .replace(
            "| 1.属于国家秘密 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
            "| 1.属于国家秘密 |  |  |  |  |  |  |  |",
        )
        .replace(
            "| 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
            "| 2.其他法律行政法规禁止公开 |  |  |  |  |  |  |  |",
        );
    let blank = Some(CellValue::Blank);
    assert_eq!(read(&text, "requests/granted/natural"), n(3));
    assert_eq!(read(&text, "requests/granted/legal_services"), n(1));
    assert_eq!(read(&text, "requests/granted/commercial"), blank);
    assert_eq!(read(&text, "requests/granted/total"), blank);
    for c in APPLICANTS.iter().chain(["total"].iter()) {
        assert_eq!(
            read(&text, &format!("requests/withheld.state_secret/{c}")),
            blank
        );
        assert_eq!(
            read(&text, &format!("requests/withheld.law_prohibited/{c}")),
            blank
        );
    }
    let report = parse(&text);
    assert!(report.doubts.is_empty(), "{:?}", report.doubts);
    // The same in HTML, `&nbsp;` in every blank cell.
    let rows = [
        [
            "一、本年新收政府信息公开申请数量",
            "5",
            "0",
            "0",
            "0",
            "0",
            "0",
            "5",
        ],
        [
            "二、上年结转政府信息公开申请数量",
            "1",
            "",
            "",
            "",
            "",
            "",
            "1",
        ],
        ["（一）予以公开", "3", "", "", "", "1", "", ""],
        ["（二）部分公开", "2", "", "", "", "", "", ""],
        ["1.属于国家秘密", "", "", "", "", "", "", ""],
    ];
    let html = format!(
        "<p>三、收到和处理政府信息公开申请情况</p><table>{}{}</table>",
        tr(&[
            "项目",
            "自然人",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
            "总计"
        ]),
        rows.iter().map(|r| tr(r)).collect::<String>()
    );
    assert_eq!(read(&html, "requests/granted/total"), blank);
    assert_eq!(read(&html, "requests/withheld.state_secret/natural"), blank);
    assert_eq!(read(&html, "requests/carried_over/total"), n(1));
}

/// A row that lost a column (`| 行政规范性文件 | 4 | 37 |` for three cells):
/// which was lost cannot be told, so none of its cells is read (not 4, 37
/// and a blank, nor a split of 37), and one R-2 note names the row. Not an
/// error of the report.
#[test]
fn min_lost_column_stays_unread() {
    let text = min_grid(&format!(
        "| 规章 | 1 | 0 | 11 |\n| 行政规范性文件 | 4 | 37 |\n{GRID_REST}"
    ));
    let report = parse(&text);
    assert!(
        row_read(&report, "active/normative").is_empty(),
        "{:?}",
        report.cells
    );
    let r2: Vec<_> = report.notes.iter().filter(|n| n.rule == "R-2").collect();
    assert_eq!(r2.len(), 1, "{}", notes_of(&report));
    assert_eq!(r2[0].cell.as_deref(), Some("active/normative/issued"));
    assert_eq!(r2[0].args["printed"], "4 37");
    assert_eq!(
        report.cells.get("active/license/decisions"),
        n(5821).as_ref()
    );
    let rows = ["active/rules", "active/normative", "active/license"];
    assert!(
        errors_on(&report, &rows).is_empty(),
        "{:?}",
        errors_on(&report, &rows)
    );
    // In HTML too.
    let html = format!(
        "<p>二、主动公开政府信息情况</p><table>{}{}{}{}</table>{}",
        tr(&["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]),
        tr(&["规章", "1", "0", "11"]),
        tr(&["行政规范性文件", "4", "37"]),
        tr(&["行政许可", "5821", "", ""]),
        &min_table("")[MIN_HEAD.len()..]
    );
    let report = parse(&html);
    assert!(row_read(&report, "active/normative").is_empty());
    assert!(report.notes.iter().any(|n| n.rule == "R-2"));
}

/// The rows of the detached blocks below.
const BLOCK_ROWS: [&str; 3] = ["state_secret", "law_prohibited", "security_stability"];

/// Table 3's six rows with `block` printed between （二）部分公开 and
/// 4.保护第三方合法权益.
fn detached_table(block: &str) -> String {
    let mut s = String::from(MIN_HEAD);
    s += "| 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n";
    s += &md_rule(8);
    s += "| 一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n";
    s += "| 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n";
    s += "| （一）予以公开 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n";
    s += "| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n";
    s += block;
    s += "| 4.保护第三方合法权益 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n";
    s
}

/// Labels printed apart from their values (PDF converters): three label
/// rows with empty value cells (a glyph row among them), then three value
/// rows with an empty or ticked label cell (a page footer among them).
/// They pair in order; the reads say `detached` and the rows are doubted.
#[test]
fn min_detached_block_is_paired() {
    let text = detached_table(
        "| （三）不予公开 1.属于国家秘密 | | | | | | | |\n| 2.其他法律行政法规禁止公开 | | | | | | | |\n| □ | | | | | | | |\n| 3.危及“三安全一稳定” | | | | | | | |\n| | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n| — 4 — | | | | | | | |\n| ☑ | 0 | 0 | 2 | 0 | 0 | 0 | 2 |\n| | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n",
    );
    let report = parse(&text);
    let cell = |a: &str| report.cells.get(a).cloned();
    assert_eq!(cell("requests/withheld.state_secret/natural"), n(1));
    assert_eq!(cell("requests/withheld.state_secret/total"), n(1));
    assert_eq!(cell("requests/withheld.law_prohibited/research"), n(2));
    assert_eq!(cell("requests/withheld.law_prohibited/total"), n(2));
    assert_eq!(cell("requests/withheld.security_stability/total"), n(0));
    assert_eq!(cell("requests/withheld.third_party/total"), n(1));
    assert_eq!(cell("requests/partial/total"), n(2));
    for row in BLOCK_ROWS {
        let key = format!("requests/withheld.{row}");
        assert_eq!(
            report.doubts.get(&key).map(String::as_str),
            Some("detached")
        );
        assert_eq!(
            report.reads.get(&format!("{key}/natural")),
            Some(&gongkai::Read::Detached)
        );
    }
    assert!(!report.doubts.contains_key("requests/partial"));
    assert!(report.notes.is_empty(), "{}", notes_of(&report));
    let rows = BLOCK_ROWS.map(|r| format!("requests/withheld.{r}"));
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    assert!(
        errors_on(&report, &rows).is_empty(),
        "{:?}",
        errors_on(&report, &rows)
    );
}

/// A block of labels whose block of values does not match it (three labels,
/// two value rows): none of its rows is read — not as blanks — each is
/// doubted, and one R-2 note names the block.
#[test]
fn min_mismatched_detached_block_is_unread() {
    let text = detached_table(
        "| 1.属于国家秘密 | | | | | | | |\n| 2.其他法律行政法规禁止公开 | | | | | | | |\n| 3.危及“三安全一稳定” | | | | | | | |\n| | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n| | 0 | 0 | 2 | 0 | 0 | 0 | 2 |\n",
    );
    let report = parse(&text);
    for row in BLOCK_ROWS {
        let key = format!("requests/withheld.{row}");
        assert!(
            row_read(&report, &key).is_empty(),
            "{key}: {:?}",
            report.cells
        );
        assert!(
            report.doubts.contains_key(&key),
            "{key}: {:?}",
            report.doubts
        );
    }
    let r2: Vec<_> = report.notes.iter().filter(|n| n.rule == "R-2").collect();
    assert_eq!(r2.len(), 1, "{}", notes_of(&report));
    assert_eq!(r2[0].related.len(), 3 * 7 - 1);
    assert_eq!(report.cells.get("requests/partial/total"), n(2).as_ref());
    assert_eq!(
        report.cells.get("requests/withheld.third_party/total"),
        n(1).as_ref()
    );
    assert!(!report.doubts.contains_key("requests/partial"));
    let rows = BLOCK_ROWS.map(|r| format!("requests/withheld.{r}"));
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    assert!(
        errors_on(&report, &rows).is_empty(),
        "{:?}",
        errors_on(&report, &rows)
    );
    // Value rows of another shape (fewer cells) do not pair either.
    let text = detached_table("| 1.属于国家秘密 | | | | | | | |\n| | 1 | 0 | 0 | 0 | 0 | 1 |\n");
    let report = parse(&text);
    assert!(row_read(&report, "requests/withheld.state_secret").is_empty());
    let rows = ["requests/withheld.state_secret"];
    assert!(
        errors_on(&report, &rows).is_empty(),
        "{:?}",
        errors_on(&report, &rows)
    );
}

/// A label broken over two printed rows, with a value printed as a word
/// (`无`) in the first: still the one row, its values the first row's,
/// the second row's empty cells padding.
#[test]
fn min_label_broken_over_rows() {
    let text = min_table("").replace(
        "| 1.属于国家秘密 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n",
        "| 1.属于国 | 1 | 0 | 0 | 0 | 0 | 无 | 1 |\n| 家秘密 |  |  |  |  |  |  |  |\n",
    );
    assert_eq!(read(&text, "requests/withheld.state_secret/natural"), n(1));
    assert_eq!(
        read(&text, "requests/withheld.state_secret/other_org"),
        n(0)
    );
    assert_eq!(read(&text, "requests/withheld.state_secret/total"), n(1));
    assert!(parse(&text).doubts.is_empty());
}

/// Words in a row's own value cell (`| 行政许可 | abc | | |`): the cell is
/// not read, and an R-2 note names it (not a blank read in silence).
#[test]
fn min_words_in_a_value_cell_are_noted() {
    let text = min_grid(&format!(
        "| 规章 | 1 | 0 | 11 |\n| 行政规范性文件 | 8 | 2 | 66 |\n{}",
        GRID_REST.replace("| 行政许可 | 5821 | | |", "| 行政许可 | abc | | |")
    ));
    let report = parse(&text);
    assert!(row_read(&report, "active/license").is_empty());
    assert!(report
        .notes
        .iter()
        .any(|n| n.rule == "R-2" && n.cell.as_deref() == Some("active/license/decisions")));
}
