//! The published document of a wild case, before it is printed: blocks of
//! prose, headings and tables of cells, each value cell carrying its
//! address and what reading it must give. The artefacts are applied to
//! this model, so every renderer prints them alike, and what the text
//! prints (and so what the reader can be held to) is read off the model
//! after them (`expect`).

use std::collections::BTreeMap;

use gongkai::form::{RowDef, ValueKind};
use gongkai::number::Num;

use super::truth::{addr, form, money_text, printed_rows, row_cols, table, Truth, Val, BODIES};
use super::{Art, Case, Knobs, Shape};

/// What reading a cell must give.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Want {
    /// Printed as this number (a printed zero token: 0).
    Num(Num),
    /// Printed empty where the truth is 0: blank or 0.
    BlankOrZero,
    /// Not printed (a lost value, a row of another form): the reader cannot
    /// know it; a value it gives undoubted must still be the truth (blank
    /// counting as 0), and if it gives none the cell must be named.
    Unprinted(Num),
}

#[derive(Debug, Clone)]
pub enum Cell {
    /// Words: a label, a header, a glyph, or nothing ("").
    Text(String),
    /// A value: its address, its printed token ("" = empty), its reading.
    Value {
        addr: String,
        token: String,
        want: Want,
    },
}

impl Cell {
    fn text(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
    pub fn is_value(&self) -> bool {
        matches!(self, Cell::Value { .. })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A caption or column header row.
    Header,
    /// A row with a label and values (or, detached, only one of them).
    Data,
    /// A page footer printed as a row of the table.
    Footer,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub kind: RowKind,
    pub cells: Vec<Cell>,
}

impl Row {
    fn header(cells: Vec<String>) -> Row {
        Row {
            kind: RowKind::Header,
            cells: cells.into_iter().map(Cell::Text).collect(),
        }
    }
    fn values(&self) -> usize {
        self.cells.iter().filter(|c| c.is_value()).count()
    }
}

#[derive(Debug, Clone)]
pub struct Table {
    /// The form's table the rows belong to.
    pub id: &'static str,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone)]
pub enum Block {
    Title(String),
    /// A paragraph, or a line of a collector's header or signature.
    Line(String),
    /// A section heading (一、总体情况).
    Heading(String),
    /// A heading inside the tables (`### (三) 不予公开`, `## 表三：…`): level, text.
    SubHeading(u8, String),
    Table(Table),
    /// A page footer line.
    Footer(String),
}

// ---------------------------------------------------------------------------
// Printing values
// ---------------------------------------------------------------------------

/// The document's ways of printing: its zero, and the width noise.
struct Printer<'a> {
    truth: &'a Truth,
    shape: Shape,
    /// The document's zero token.
    zero: &'static str,
    /// `WidthNoise`: full-width digits now and then.
    wide: bool,
}

fn zeros(shape: Shape) -> &'static [&'static str] {
    match shape {
        Shape::Markdown => &["0", "-", "0", "无", "/", "—"],
        Shape::Html => &["0", "0", "无", "/", "—", "－"],
        Shape::Text => &["0", "0", "/", "无", "—"],
    }
}

/// Digits as full-width (all, or every other one: `１2３`).
fn widen(s: &str, every: bool) -> String {
    s.chars()
        .enumerate()
        .map(|(i, c)| {
            if c.is_ascii_digit() && (every || i % 2 == 0) {
                char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

fn thousands(n: i64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl Printer<'_> {
    fn cell(&self, a: &str, k: &mut Knobs) -> Cell {
        let v = *self
            .truth
            .get(a)
            .unwrap_or_else(|| panic!("no truth for {a}"));
        self.value(a, v, k)
    }

    /// A value cell printing `v` (which may be a sum, for a row of
    /// another form). Always draws three knob bytes.
    fn value(&self, a: &str, v: Val, k: &mut Knobs) -> Cell {
        let variant = k.chance(64);
        let b2 = k.byte() as usize;
        let wide = self.wide && k.chance(96);
        let token = if v.n == 0 {
            let choices = zeros(self.shape);
            let tok = if variant && b2 % 4 == 0 {
                choices[(b2 / 4) % choices.len()]
            } else {
                self.zero
            };
            if tok == "0" && v.kind == ValueKind::Money && b2 % 2 == 1 {
                "0.00".to_string()
            } else {
                tok.to_string()
            }
        } else {
            match v.kind {
                ValueKind::Count => {
                    if variant && v.n >= 1000 && self.shape != Shape::Text {
                        thousands(v.n)
                    } else {
                        v.n.to_string()
                    }
                }
                ValueKind::Money => money_text(v.n, variant),
                ValueKind::Signed => match (v.n > 0, variant) {
                    (true, false) | (false, false) => v.n.to_string(),
                    (true, true) => ["+", "增加"][b2 % 2].to_string() + &v.n.to_string(),
                    (false, true) => format!("减少{}", -v.n),
                },
            }
        };
        let token = if wide {
            widen(&token, b2 % 3 != 0)
        } else {
            token
        };
        Cell::Value {
            addr: a.to_string(),
            token,
            want: Want::Num(v.num()),
        }
    }
}

// ---------------------------------------------------------------------------
// The report's text around the tables
// ---------------------------------------------------------------------------

/// Section headings: the form's words first, then other words reports use.
const HEADINGS: [&[&str]; 6] = [
    &["一、总体情况", "一、概述", "一、总体情况概述"],
    &[
        "二、主动公开政府信息情况",
        "二、主动公开政府信息情况统计",
        "二、主动公开情况",
    ],
    &[
        "三、收到和处理政府信息公开申请情况",
        "三、收到和处理政府信息公开申请的情况",
        "三、依申请公开情况",
    ],
    &[
        "四、政府信息公开行政复议、行政诉讼情况",
        "四、政府信息公开行政复议和行政诉讼情况",
        "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
    ],
    &[
        "五、存在的主要问题及改进情况",
        "五、存在的主要问题及整改措施",
        "五、存在的问题及下一步工作打算",
        "五、政府信息公开工作存在的主要问题及改进措施",
    ],
    &[
        "六、其他需要报告的事项",
        "六、其他需要说明的事项",
        "六、其他事项",
    ],
];

fn heading(case: &Case, i: usize, k: &mut Knobs) -> String {
    let vs = HEADINGS[i];
    let b = k.byte();
    if case.on(Art::OtherHeadings) != 0 && b >= 64 {
        vs[1 + b as usize % (vs.len() - 1)].to_string()
    } else {
        vs[0].to_string()
    }
}

fn title(case: &Case, k: &mut Knobs) -> String {
    let (b, y) = (BODIES[case.body], case.year);
    match k.pick(4) {
        0 | 1 => format!("{b}{y}年政府信息公开工作年度报告"),
        2 => format!("{b}{y}年度政府信息公开工作年度报告"),
        _ => format!("{y}年{b}政府信息公开工作年度报告"),
    }
}

/// The whole document: prose, headings, tables, with every artefact of the case.
pub fn compose(case: &Case, truth: &Truth) -> Vec<Block> {
    let mut k = Knobs::new(&case.knobs);
    let zero = zeros(case.shape)[k.pick(zeros(case.shape).len())];
    let p = Printer {
        truth,
        shape: case.shape,
        zero,
        wide: case.on(Art::WidthNoise) != 0,
    };
    let (y, body) = (case.year, BODIES[case.body]);
    let mut v: Vec<Block> = Vec::new();
    if case.on(Art::Collector) != 0 {
        // A crawl some months after publication (often the next year's).
        let b = case.on(Art::Collector);
        let crawl = format!(
            "{}-{:02}-{:02} {:02}:{:02}:{:02}",
            y + 1 + i32::from(b % 2),
            1 + b % 12,
            1 + b % 28,
            b % 24,
            b % 60,
            (b / 3) % 60
        );
        v.push(Block::Line(format!("单位：{body}")));
        v.push(Block::Line(format!(
            "来源：http://www.example.gov.cn/zwgk/ndbg/{}/t{}0128_{}.html",
            y + 1,
            y + 1,
            1000 + u32::from(b) * 7
        )));
        v.push(Block::Line(format!("采集时间：{crawl}")));
        if b % 3 == 0 {
            v.push(Block::Line("————————————————".into()));
        }
    }
    v.push(Block::Title(title(case, &mut k)));
    if case.on(Art::Collector) == 0 || k.chance(128) {
        v.push(Block::Line(format!(
            "发布日期：{}-03-{:02}",
            y + 1,
            1 + k.pick(28)
        )));
    }
    if case.form == "legacy" {
        legacy_body(case, &p, &mut k, &mut v);
    } else {
        national_body(case, &p, &mut k, &mut v);
    }
    if case.on(Art::Signature) != 0 {
        let b = case.on(Art::Signature);
        v.push(Block::Line(body.to_string()));
        v.push(Block::Line(format!(
            "{}年{}月{}日",
            y + 1,
            1 + b % 3,
            1 + b % 28
        )));
    }
    // The artefacts on the laid-out tables, in the order a converter makes them.
    foreign_header(case, &mut v);
    lost_column(case, &mut v, &mut k);
    empty_cells(case, &mut v, &mut k);
    detach(case, &mut v);
    check_boxes(case, &mut v, &mut k);
    label_noise(case, &mut v, &mut k);
    page_breaks(case, &mut v, &mut k);
    v
}

/// The 2019 and 2021 forms' report: six sections, Tables 2–4 in 二–四.
fn national_body(case: &Case, p: &Printer, k: &mut Knobs, v: &mut Vec<Block>) {
    let g = |a: &str| p.truth[a].n;
    let (y, body) = (case.year, BODIES[case.body]);
    let prose = case.prose != 0;
    let basis = if case.form == "2019" {
        "国办公开办函〔2019〕60号"
    } else {
        "国办公开办函〔2021〕30号"
    };
    if prose {
        v.push(Block::Line(format!("本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（{basis}）要求编制。本报告所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。如对本报告有疑问，请与{body}办公室联系（电话：0527-83605210）。")));
    }
    v.push(Block::Heading(heading(case, 0, k)));
    if prose {
        v.push(Block::Line(format!("{y}年，{body}认真贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署，严格落实《条例》各项规定，不断提升政府工作透明度。")));
        let suits = g("appeals/suit_direct/total") + g("appeals/suit_after_review/total");
        v.push(Block::Line(format!(
            "（二）依申请公开情况。全年共受理政府信息公开申请{}件，答复{}件（含上年度结转申请{}件，另有{}件顺延到下年度答复）。政府信息公开行政复议{}件，行政诉讼{suits}件。",
            g("requests/new/total"),
            g("requests/total/total"),
            g("requests/carried_over/total"),
            g("requests/carry_forward/total"),
            g("appeals/review/total"),
        )));
    }
    v.push(Block::Heading(heading(case, 1, k)));
    v.extend(active_blocks(case, p, k));
    v.push(Block::Heading(heading(case, 2, k)));
    v.extend(requests_blocks(case, p, k));
    v.push(Block::Heading(heading(case, 3, k)));
    v.extend(appeals_blocks(case, p, k));
    v.push(Block::Heading(heading(case, 4, k)));
    v.push(Block::Line(if prose {
        "对照上级新要求和公众新期待，还有一些需要加强和改进的地方。一是政策解读质量仍需提升；二是政务公开队伍建设还需进一步加强。下一步，将着力加强政策解读质效，定期组织业务培训。".into()
    } else {
        "政策解读质量仍需提升。".into()
    }));
    v.push(Block::Heading(heading(case, 5, k)));
    v.push(Block::Line(format!("{y}年，{body}未收取信息处理费。")));
}

/// Legacy section headings: the usual words, then others.
const LEGACY_HEADINGS: [&[&str]; 6] = [
    &["一、概述", "一、总体情况"],
    &["二、主动公开政府信息情况", "二、主动公开政府信息的情况"],
    &[
        "三、政府信息依申请公开办理情况",
        "三、依申请公开政府信息情况",
    ],
    &[
        "四、因政府信息公开申请行政复议、提起行政诉讼的情况",
        "四、政府信息公开行政复议和行政诉讼情况",
    ],
    &[
        "五、存在的主要问题及改进措施",
        "五、存在的主要问题和整改措施",
    ],
    &["六、需要说明的其他事项与附表", "六、其他需要报告的事项"],
];

/// The legacy report (2014–2018): six sections, the statistics table in 六.
fn legacy_body(case: &Case, p: &Printer, k: &mut Knobs, v: &mut Vec<Block>) {
    let g = |a: &str| p.truth[&format!("legacy/{a}/value")].n;
    let (y, body) = (case.year, BODIES[case.body]);
    let prose = case.prose != 0;
    let head = |i: usize, k: &mut Knobs| {
        let vs = LEGACY_HEADINGS[i];
        let b = k.byte();
        let h = if case.on(Art::OtherHeadings) != 0 && b >= 64 {
            vs[1]
        } else {
            vs[0]
        };
        Block::Heading(h.to_string())
    };
    if prose {
        v.push(Block::Line(format!("本报告依据《中华人民共和国政府信息公开条例》和上级有关通知要求编制。报告中所列数据的统计期限自{y}年1月1日起，至{y}年12月31日止。对本报告如有疑问，请与{body}联系（电话：0873—2130431）。")));
    }
    v.push(head(0, k));
    v.push(Block::Line(format!(
        "{y}年，{body}坚持“公开为常态、不公开为例外”原则，有效推进政府信息公开工作。"
    )));
    v.push(head(1, k));
    if prose {
        v.push(Block::Line(format!(
            "{y}年1月—12月，累计主动公开政府信息{}条，其中政府网站公开信息{}条。",
            g("active.total"),
            g("active.ch.website")
        )));
    }
    v.push(head(2, k));
    if prose {
        v.push(Block::Line(format!(
            "全年共收到政府信息公开申请{}件，办结{}件。",
            g("apply.received"),
            g("apply.closed")
        )));
    }
    v.push(head(3, k));
    let (rv, st) = (g("review.total"), g("suit.total"));
    v.push(Block::Line(if rv + st == 0 {
        format!("{y}年，未发生因政府信息公开申请行政复议、提起行政诉讼的情况。")
    } else {
        format!("{y}年，因政府信息公开申请行政复议{rv}件，提起行政诉讼{st}件。")
    }));
    v.push(head(4, k));
    v.push(Block::Line(
        "公开内容还不够全面，公开形式还需丰富。下一步，将进一步深化公开内容。".into(),
    ));
    v.push(head(5, k));
    v.push(Block::Line("（一）需要说明的其他事项。无。".into()));
    v.push(Block::Line("（二）政府信息公开情况统计表。".into()));
    v.extend(legacy_blocks(case, p, k));
    if prose {
        v.push(Block::Line("单位负责人：张某    审 核 人：李某".into()));
        v.push(Block::Line(format!("填报日期：{}年1月14日", y + 1)));
    }
}

/// The legacy table: 统计指标 | 单位 | 统计数, header rows with ——; with
/// `SplitGroups`, a small table under a heading for each header row.
fn legacy_blocks(case: &Case, p: &Printer, k: &mut Knobs) -> Vec<Block> {
    let f = form("legacy");
    let t = table(f, "legacy");
    let split = case.on(Art::SplitGroups);
    let dashes = case.on(Art::HeaderDashes) != 0;
    let mut out = vec![
        Block::Line("政府信息公开情况统计表".into()),
        Block::Line(format!("（{}年度）", case.year)),
        Block::Line(format!("填报单位（盖章）：{}", BODIES[case.body])),
    ];
    let col_head = |generic: bool| -> Row {
        let cells: Vec<String> = if dashes {
            vec!["-".into(); 3]
        } else if generic {
            vec!["类别".into(), "单位".into(), "数据".into()]
        } else {
            vec!["统计指标".into(), "单位".into(), "统计数".into()]
        };
        Row::header(cells)
    };
    let mut rows = vec![col_head(false)];
    for r in printed_rows(t) {
        if r.header {
            if split != 0 {
                if rows.iter().any(|r| r.kind == RowKind::Data) {
                    out.push(Block::Table(Table {
                        id: "legacy",
                        rows: std::mem::take(&mut rows),
                    }));
                } else {
                    rows.clear();
                }
                out.push(Block::SubHeading(3, r.label.clone()));
                if split % 2 == 0 {
                    rows.push(col_head(true));
                }
                continue;
            }
            rows.push(Row {
                kind: RowKind::Data,
                cells: vec![
                    Cell::Text(r.label.clone()),
                    Cell::text("——"),
                    Cell::text(""),
                ],
            });
            continue;
        }
        let mut cells = vec![
            Cell::Text(r.label.clone()),
            Cell::Text(r.unit.clone().unwrap_or_default()),
        ];
        for c in row_cols(t, r) {
            cells.push(p.cell(&addr(t, r, c), k));
        }
        rows.push(Row {
            kind: RowKind::Data,
            cells,
        });
    }
    out.push(Block::Table(Table { id: "legacy", rows }));
    out
}

// ---------------------------------------------------------------------------
// The tables, as a converter lays them out
// ---------------------------------------------------------------------------

/// Table 2: one small table per 第二十条 item, as the form prints it.
fn active_blocks(case: &Case, p: &Printer, k: &mut Knobs) -> Vec<Block> {
    let f = form(case.form);
    let t = table(f, "active");
    let mut groups: Vec<(String, Vec<&RowDef>)> = Vec::new();
    for r in printed_rows(t) {
        match groups.last_mut() {
            Some((g, rows)) if *g == r.group[0] => rows.push(r),
            _ => groups.push((r.group[0].clone(), vec![r])),
        }
    }
    let mut out = Vec::new();
    for (g, rows) in groups {
        let cols = row_cols(t, rows[0]);
        let mut tr: Vec<Row> = Vec::new();
        let mut head = vec!["信息内容".to_string()];
        head.extend(cols.iter().map(|c| c.label.clone()));
        if k.chance(128) {
            // The 第二十条 item as the table's first row, repeated over its width.
            tr.push(Row::header(vec![g.clone(); head.len()]));
        } else {
            out.push(Block::Line(g.clone()));
        }
        tr.push(Row::header(head));
        for r in rows {
            let mut cells = vec![Cell::Text(r.label.clone())];
            for c in row_cols(t, r) {
                cells.push(p.cell(&addr(t, r, c), k));
            }
            tr.push(Row {
                kind: RowKind::Data,
                cells,
            });
        }
        out.push(Block::Table(Table {
            id: "active",
            rows: tr,
        }));
    }
    out
}

const REQ_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
const APPLICANT_LABELS: [&str; 7] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];

/// One printed row of Table 3: its group labels, its label, its values.
struct ReqRow {
    groups: Vec<String>,
    label: String,
    key: String,
    cells: Vec<Cell>,
}

fn req_rows(case: &Case, p: &Printer, k: &mut Knobs) -> Vec<ReqRow> {
    let f = form(case.form);
    let t = table(f, "requests");
    let old = case.on(Art::OldOtherRow) != 0 && case.form == "2021";
    let mut out = Vec::new();
    for r in printed_rows(t) {
        if old && r.key.starts_with("other.") {
            if r.key != "other.no_correction" {
                continue;
            }
            // The 2019 row, holding the sums of the three 2021 rows.
            let mut cells = Vec::new();
            for c in row_cols(t, r) {
                let n: i64 = ["other.no_correction", "other.fee_unpaid", "other.other"]
                    .iter()
                    .map(|row| p.truth[&format!("requests/{row}/{}", c.key)].n)
                    .sum();
                let v = Val {
                    n,
                    kind: ValueKind::Count,
                };
                cells.push(p.value(&format!("requests/other/{}", c.key), v, k));
            }
            out.push(ReqRow {
                groups: vec![r.group[0].clone()],
                label: "（六）其他处理".into(),
                key: "other".into(),
                cells,
            });
            continue;
        }
        let cells = row_cols(t, r)
            .iter()
            .map(|c| p.cell(&addr(t, r, c), k))
            .collect();
        out.push(ReqRow {
            groups: r.group.clone(),
            label: r.label.clone(),
            key: r.key.clone(),
            cells,
        });
    }
    out
}

/// Table 3's header rows over `lc` label columns: one row, or the form's
/// three; with `HeaderDashes`, merged cells or all of it printed `-`.
fn req_header(case: &Case, lc: usize, k: &mut Knobs) -> Vec<Row> {
    let fill = !k.chance(96);
    let three = k.chance(128);
    let dashes = case.on(Art::HeaderDashes);
    let cont = |s: &str| -> String {
        if dashes != 0 && dashes % 3 == 0 {
            "-".into()
        } else if fill {
            s.into()
        } else {
            String::new()
        }
    };
    let lead = |row: &mut Vec<String>| {
        row.push(REQ_NOTE.into());
        for _ in 1..lc {
            row.push(cont(REQ_NOTE));
        }
    };
    let mut rows: Vec<Vec<String>> = Vec::new();
    if three {
        let mut a = Vec::new();
        lead(&mut a);
        a.push("申请人情况".into());
        a.extend((0..6).map(|_| cont("申请人情况")));
        let mut b = Vec::new();
        lead(&mut b);
        b.push("自然人".into());
        b.push("法人或其他组织".into());
        b.extend((0..4).map(|_| cont("法人或其他组织")));
        b.push("总计".into());
        let mut c = Vec::new();
        lead(&mut c);
        c.push(cont("自然人"));
        c.extend(APPLICANT_LABELS[1..6].iter().map(|s| s.to_string()));
        c.push(cont("总计"));
        rows.extend([a, b, c]);
    } else {
        let mut a = Vec::new();
        lead(&mut a);
        a.extend(APPLICANT_LABELS.iter().map(|s| s.to_string()));
        rows.push(a);
    }
    if dashes != 0 && dashes % 3 != 0 {
        // The labels lost: every cell a dash.
        for r in &mut rows {
            for c in r.iter_mut() {
                *c = "-".into();
            }
        }
    }
    rows.into_iter().map(Row::header).collect()
}

/// A Table 3 row over three label columns: group labels, then the label,
/// repeated (filled) or left empty where a merged cell continues.
fn req_grid_row(r: &ReqRow, prev: Option<&ReqRow>, fill: bool) -> Row {
    let mut cells = Vec::new();
    for lvl in 0..2 {
        match r.groups.get(lvl) {
            Some(g) => {
                let first = prev.is_none_or(|p| p.groups.get(lvl) != Some(g));
                cells.push(Cell::Text(if first || fill {
                    g.clone()
                } else {
                    String::new()
                }));
            }
            None => cells.push(Cell::Text(r.label.clone())),
        }
    }
    cells.push(Cell::Text(r.label.clone()));
    cells.extend(r.cells.iter().cloned());
    Row {
        kind: RowKind::Data,
        cells,
    }
}

fn requests_blocks(case: &Case, p: &Printer, k: &mut Knobs) -> Vec<Block> {
    let rows = req_rows(case, p, k);
    let split = case.on(Art::SplitGroups);
    let dashes = case.on(Art::HeaderDashes);
    let mut out = Vec::new();
    if split == 0 {
        let fill = !k.chance(96);
        let mut tr = req_header(case, 3, k);
        let mut body: Vec<Row> = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            let prev = i.checked_sub(1).map(|j| &rows[j]);
            body.push(req_grid_row(r, prev, fill));
        }
        if dashes != 0 && dashes % 5 == 4 {
            // The applicant header as a table of its own, holding only dashes.
            let w = 10;
            out.push(Block::Table(Table {
                id: "requests",
                rows: (0..tr.len())
                    .map(|_| Row::header(vec!["-".into(); w]))
                    .collect(),
            }));
            out.push(Block::Table(Table {
                id: "requests",
                rows: body,
            }));
        } else {
            tr.extend(body);
            out.push(Block::Table(Table {
                id: "requests",
                rows: tr,
            }));
        }
        return out;
    }
    // Each row group its own small table, under a heading, with a generic header.
    let seg_of = |key: &str| -> usize {
        match key {
            "new" | "carried_over" => 0,
            "granted" | "partial" => 1,
            k if k.starts_with("withheld.") => 2,
            k if k.starts_with("unable.") => 3,
            k if k.starts_with("not_processed.") => 4,
            k if k.starts_with("other") => 5,
            _ => 6,
        }
    };
    let headings = [
        "",
        "三、本年度办理结果",
        "(三) 不予公开",
        "(四) 无法提供",
        "(五) 不予处理",
        "(六) 其他处理",
        "(七) 总计及结转",
    ];
    let generic: Vec<String> = std::iter::once("类别".to_string())
        .chain((1..=6).map(|i| format!("数据{i}")))
        .chain(std::iter::once("总计".to_string()))
        .collect();
    let mut segs: Vec<(usize, Vec<&ReqRow>)> = Vec::new();
    for r in &rows {
        let s = seg_of(&r.key);
        match segs.last_mut() {
            Some((ls, v)) if *ls == s => v.push(r),
            _ => segs.push((s, vec![r])),
        }
    }
    for (s, members) in segs {
        let mut tr = Vec::new();
        if s == 0 {
            // The first table keeps the form's header (or its dashes).
            tr.extend(req_header(case, 1, k));
        } else {
            out.push(Block::SubHeading(3, headings[s].to_string()));
            match split % 3 {
                0 => tr.push(Row::header(generic.clone())),
                1 => {
                    let mut h = vec!["项目".to_string()];
                    h.extend(APPLICANT_LABELS.iter().map(|s| s.to_string()));
                    tr.push(Row::header(h));
                }
                _ => {}
            }
        }
        for r in members {
            let mut cells = vec![Cell::Text(r.label.clone())];
            cells.extend(r.cells.iter().cloned());
            tr.push(Row {
                kind: RowKind::Data,
                cells,
            });
        }
        out.push(Block::Table(Table {
            id: "requests",
            rows: tr,
        }));
    }
    out
}

const RESULTS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

fn appeals_blocks(case: &Case, p: &Printer, k: &mut Knobs) -> Vec<Block> {
    let f = form(case.form);
    let t = table(f, "appeals");
    let fill = !k.chance(96);
    let rep = |s: &str, n: usize| -> Vec<String> {
        (0..n)
            .map(|i| {
                if fill || i == 0 {
                    s.to_string()
                } else {
                    String::new()
                }
            })
            .collect()
    };
    let mut h1 = rep("行政复议", 5);
    h1.extend(rep("行政诉讼", 10));
    let mut h2: Vec<String> = RESULTS.iter().map(|s| s.to_string()).collect();
    h2.extend(rep("未经复议直接起诉", 5));
    h2.extend(rep("复议后起诉", 5));
    let mut h3: Vec<String> = RESULTS
        .iter()
        .map(|s| if fill { s.to_string() } else { String::new() })
        .collect();
    for _ in 0..2 {
        h3.extend(RESULTS.iter().map(|s| s.to_string()));
    }
    let mut cells = Vec::new();
    for r in printed_rows(t) {
        for c in row_cols(t, r) {
            cells.push(p.cell(&addr(t, r, c), k));
        }
    }
    vec![Block::Table(Table {
        id: "appeals",
        rows: vec![
            Row::header(h1),
            Row::header(h2),
            Row::header(h3),
            Row {
                kind: RowKind::Data,
                cells,
            },
        ],
    })]
}

// ---------------------------------------------------------------------------
// Artefacts on the laid-out tables
// ---------------------------------------------------------------------------

fn tables_mut<'a>(v: &'a mut [Block], id: &str) -> Vec<&'a mut Table> {
    v.iter_mut()
        .filter_map(|b| match b {
            Block::Table(t) if t.id == id => Some(t),
            _ => None,
        })
        .collect()
}

const FOREIGN: [&str; 11] = [
    "项目",
    "本年新收件数",
    "上年结转件数",
    "予以公开",
    "部分公开",
    "不予公开",
    "无法提供",
    "不予处理",
    "其他处理",
    "总计",
    "结转下年度继续办理",
];

/// A header row of another table inside Table 3, before its last 1–3 rows.
fn foreign_header(case: &Case, v: &mut [Block]) {
    let b = case.on(Art::ForeignHeader);
    if b == 0 {
        return;
    }
    let mut ts = tables_mut(v, "requests");
    let Some(t) = ts.last_mut() else { return };
    let data: Vec<usize> = (0..t.rows.len())
        .filter(|&i| t.rows[i].kind == RowKind::Data)
        .collect();
    let back = (1 + b as usize % 3).min(data.len());
    let at = data[data.len() - back];
    let width = t.rows[at].cells.len();
    let cells: Vec<String> = (0..width)
        .map(|i| FOREIGN.get(i).copied().unwrap_or("").to_string())
        .collect();
    t.rows.insert(at, Row::header(cells));
}

/// Table 2 rows with one value lost.
fn lost_column(case: &Case, v: &mut [Block], k: &mut Knobs) {
    let b = case.on(Art::LostColumn);
    if b == 0 {
        return;
    }
    // Table 2's rows of two or three values; in the legacy table, a value.
    let (id, min) = if case.form == "legacy" {
        ("legacy", 1)
    } else {
        ("active", 2)
    };
    let mut ts = tables_mut(v, id);
    let mut spots: Vec<(usize, usize)> = Vec::new();
    for (ti, t) in ts.iter().enumerate() {
        for (ri, r) in t.rows.iter().enumerate() {
            if r.values() >= min {
                spots.push((ti, ri));
            }
        }
    }
    for _ in 0..(1 + b as usize % 2) {
        if spots.is_empty() {
            return;
        }
        let (ti, ri) = spots.remove(k.pick(spots.len()));
        let row = &mut ts[ti].rows[ri];
        let vals: Vec<usize> = (0..row.cells.len())
            .filter(|&i| row.cells[i].is_value())
            .collect();
        row.cells.remove(vals[k.pick(vals.len())]);
    }
}

/// Value cells whose truth is 0 printed empty: 1–3 cells, or every zero
/// of one table. In text an empty cell leaves nothing: it is not printed.
fn empty_cells(case: &Case, v: &mut [Block], k: &mut Knobs) {
    let b = case.on(Art::EmptyCell);
    if b == 0 {
        return;
    }
    let zero = |c: &Cell| matches!(c, Cell::Value { want: Want::Num(n), .. } if n.is_zero());
    let mut spots: Vec<(usize, usize, usize)> = Vec::new();
    for (bi, blk) in v.iter().enumerate() {
        if let Block::Table(t) = blk {
            for (ri, r) in t.rows.iter().enumerate() {
                for (ci, c) in r.cells.iter().enumerate() {
                    if zero(c) {
                        spots.push((bi, ri, ci));
                    }
                }
            }
        }
    }
    if spots.is_empty() {
        return;
    }
    let chosen: Vec<(usize, usize, usize)> = if b % 4 == 3 {
        let ids: &[&str] = if case.form == "legacy" {
            &["legacy"]
        } else {
            &["active", "requests", "appeals"]
        };
        let id = ids[k.pick(ids.len())];
        spots
            .into_iter()
            .filter(|&(bi, _, _)| matches!(&v[bi], Block::Table(t) if t.id == id))
            .collect()
    } else {
        (0..(1 + b as usize % 3))
            .map(|_| spots[k.pick(spots.len())])
            .collect()
    };
    for (bi, ri, ci) in chosen {
        if let Block::Table(t) = &mut v[bi] {
            let c = &mut t.rows[ri].cells[ci];
            if case.shape == Shape::Text {
                *c = Cell::text("");
            } else if let Cell::Value { token, want, .. } = c {
                token.clear();
                *want = Want::BlankOrZero;
            }
        }
    }
}

/// Labels detached from values: a table's data rows become a block of
/// label rows, then a block of value rows (in one table, or two).
fn detach(case: &Case, v: &mut Vec<Block>) {
    let b = case.on(Art::Detached);
    if b == 0 {
        return;
    }
    let ids: &[&str] = match b % 3 {
        _ if case.form == "legacy" => &["legacy"],
        0 => &["requests"],
        1 => &["active"],
        _ => &["requests", "active"],
    };
    let two_tables = (b / 3) % 2 == 0;
    let mut out = Vec::with_capacity(v.len() + 8);
    for blk in v.drain(..) {
        let Block::Table(t) = blk else {
            out.push(blk);
            continue;
        };
        if !ids.contains(&t.id) || t.rows.iter().filter(|r| r.values() > 0).count() < 2 {
            out.push(Block::Table(t));
            continue;
        }
        let mut labels: Vec<Row> = Vec::new();
        let mut values: Vec<Row> = Vec::new();
        for r in t.rows {
            if r.kind != RowKind::Data {
                labels.push(r);
                continue;
            }
            let (vals, words): (Vec<Cell>, Vec<Cell>) =
                r.cells.into_iter().partition(|c| c.is_value());
            labels.push(Row {
                kind: RowKind::Data,
                cells: words,
            });
            if !vals.is_empty() {
                values.push(Row {
                    kind: RowKind::Data,
                    cells: vals,
                });
            }
        }
        if two_tables {
            out.push(Block::Table(Table {
                id: t.id,
                rows: labels,
            }));
            out.push(Block::Table(Table {
                id: t.id,
                rows: values,
            }));
        } else {
            labels.extend(values);
            out.push(Block::Table(Table {
                id: t.id,
                rows: labels,
            }));
        }
    }
    *v = out;
}

/// □ and ☑ in a third of the data rows: before or after the label, or a
/// cell of their own after it.
fn check_boxes(case: &Case, v: &mut [Block], k: &mut Knobs) {
    if case.on(Art::CheckBoxes) == 0 {
        return;
    }
    for blk in v.iter_mut() {
        let Block::Table(t) = blk else { continue };
        for r in t.rows.iter_mut().filter(|r| r.kind == RowKind::Data) {
            if !k.chance(96) {
                continue;
            }
            let glyph = ["□", "☑"][k.pick(2)];
            let Some(li) = r
                .cells
                .iter()
                .rposition(|c| matches!(c, Cell::Text(s) if !s.is_empty()))
            else {
                continue;
            };
            match k.pick(3) {
                0 => {
                    if let Cell::Text(s) = &mut r.cells[li] {
                        *s = format!("{glyph}{s}");
                    }
                }
                1 => {
                    if let Cell::Text(s) = &mut r.cells[li] {
                        *s = format!("{s} {glyph}");
                    }
                }
                _ => r.cells.insert(li + 1, Cell::text(glyph)),
            }
        }
    }
}

/// Brackets and digits of a label in the other width: `(一)予以公开`, `（一)`, `１.`.
fn width_label(s: &str, k: &mut Knobs) -> String {
    let mode = k.pick(3);
    s.chars()
        .map(|c| match (c, mode) {
            ('（', 0 | 1) => '(',
            ('）', 0) => ')',
            ('(', 2) => '（',
            (')', 2) => '）',
            (d @ '0'..='9', 2) => char::from_u32(d as u32 - '0' as u32 + '０' as u32).unwrap_or(d),
            _ => c,
        })
        .collect()
}

/// Width noise and spaced labels on the label cells of the tables (alike
/// wherever a table repeats a label over merged cells), and a row's own
/// label broken across two lines.
fn label_noise(case: &Case, v: &mut [Block], k: &mut Knobs) {
    let wide = case.on(Art::WidthNoise) != 0;
    let spaced = case.on(Art::SpacedLabels);
    let broken = case.on(Art::BrokenLabels);
    if !wide && spaced == 0 && broken == 0 {
        return;
    }
    for blk in v.iter_mut() {
        let Block::Table(t) = blk else { continue };
        let mut done: BTreeMap<String, String> = BTreeMap::new();
        let mut extra: Vec<(usize, Row)> = Vec::new();
        for (ri, r) in t.rows.iter_mut().enumerate() {
            if r.kind != RowKind::Data {
                continue;
            }
            let is_label = |c: &Cell| matches!(c, Cell::Text(s) if s.chars().count() >= 2);
            let Some(own) = r.cells.iter().rposition(is_label) else {
                continue;
            };
            let own_text = match &r.cells[own] {
                Cell::Text(s) => s.clone(),
                Cell::Value { .. } => continue,
            };
            for c in r.cells.iter_mut() {
                let Cell::Text(s) = c else { continue };
                if s.chars().count() < 2 {
                    continue;
                }
                if let Some(d) = done.get(s.as_str()) {
                    *s = d.clone();
                    continue;
                }
                let original = s.clone();
                if wide && k.chance(128) {
                    *s = width_label(s, k);
                }
                if spaced != 0 && k.chance(96) {
                    let sep = if spaced % 2 == 0 { " " } else { "\u{3000}" };
                    let cs: Vec<String> = s.chars().map(String::from).collect();
                    *s = cs.join(sep);
                }
                done.insert(original, s.clone());
            }
            let noisy = done.get(&own_text).cloned().unwrap_or(own_text.clone());
            let len = noisy.chars().count();
            if broken == 0 || len < 8 || !k.chance(96) {
                continue;
            }
            let cs: Vec<char> = noisy.chars().collect();
            let cut = len / 3 + k.pick(len / 3 + 1);
            let head: String = cs[..cut].iter().collect();
            let tail: String = cs[cut..].iter().collect();
            let split_row = case.shape == Shape::Markdown && broken % 3 == 2;
            for c in r.cells.iter_mut() {
                if matches!(c, Cell::Text(s) if *s == noisy) {
                    *c = Cell::Text(if split_row {
                        head.clone()
                    } else {
                        format!("{head}\n{tail}")
                    });
                }
            }
            if split_row {
                // The converter gives the label's second line a row of its
                // own: empty cells around it, or none after it.
                let mut cells = vec![Cell::Text(String::new()); r.cells.len()];
                cells[own] = Cell::Text(tail);
                if broken % 2 == 0 {
                    cells.truncate(own + 1);
                }
                extra.push((
                    ri + 1,
                    Row {
                        kind: RowKind::Data,
                        cells,
                    },
                ));
            }
        }
        for (at, row) in extra.into_iter().rev() {
            t.rows.insert(at, row);
        }
    }
}

fn table_heading(id: &str) -> &'static str {
    match id {
        "active" => "表二：主动公开政府信息情况",
        "requests" => "表三：收到和处理政府信息公开申请情况",
        "legacy" => "附表：政府信息公开情况统计表",
        _ => "表四：政府信息公开行政复议、行政诉讼情况",
    }
}

fn footer(style: u8, page: u32, pages: u32) -> String {
    match style % 6 {
        0 => format!("— {page} —"),
        1 => format!("- {page} -"),
        2 => format!("第{page}页"),
        3 => format!("{page}/{pages}"),
        4 => format!("—{page}—"),
        _ => format!("第 {page} 页"),
    }
}

/// Page breaks inside the tables, with footers, and the tables' headings
/// (and header rows) repeated after them.
fn page_breaks(case: &Case, v: &mut Vec<Block>, k: &mut Knobs) {
    let fb = case.on(Art::PageFooters);
    let hb = case.on(Art::RepeatedHeadings);
    if fb == 0 && hb == 0 {
        return;
    }
    let mut page = 2;
    let pages = 9;
    let mut out: Vec<Block> = Vec::with_capacity(v.len() + 16);
    let mut last_id: Option<&str> = None;
    for blk in v.drain(..) {
        let Block::Table(t) = blk else {
            last_id = None;
            out.push(blk);
            continue;
        };
        if hb != 0 && last_id != Some(t.id) {
            out.push(Block::SubHeading(2, table_heading(t.id).into()));
        }
        last_id = Some(t.id);
        if fb == 0 {
            out.push(Block::Table(t));
            continue;
        }
        let header: Vec<Row> = t
            .rows
            .iter()
            .take_while(|r| r.kind == RowKind::Header)
            .cloned()
            .collect();
        let mut cur: Vec<Row> = Vec::new();
        let n = t.rows.len();
        // Table 3 always breaks once, somewhere in its body.
        let forced = if t.id == "requests" && n >= header.len() + 3 {
            Some(header.len() + 1 + k.pick(n - header.len() - 2))
        } else {
            None
        };
        for (i, r) in t.rows.into_iter().enumerate() {
            let brk = i > 0
                && i + 1 < n
                && cur.iter().any(|r| r.kind == RowKind::Data)
                && (forced == Some(i) || k.chance(20));
            if brk {
                let f = footer(fb, page, pages);
                page += 1;
                if case.shape == Shape::Markdown && fb % 7 == 6 {
                    // The footer as a row of the table.
                    cur.push(Row {
                        kind: RowKind::Footer,
                        cells: vec![Cell::Text(f)],
                    });
                } else {
                    out.push(Block::Table(Table {
                        id: t.id,
                        rows: std::mem::take(&mut cur),
                    }));
                    out.push(Block::Footer(f));
                    if hb != 0 {
                        out.push(Block::SubHeading(2, table_heading(t.id).into()));
                        if hb % 2 == 1 {
                            cur.extend(header.iter().cloned());
                        }
                    }
                }
            }
            cur.push(r);
        }
        out.push(Block::Table(Table {
            id: t.id,
            rows: cur,
        }));
    }
    *v = out;
}

// ---------------------------------------------------------------------------
// What the reader can be held to
// ---------------------------------------------------------------------------

/// Every cell of the truth with what reading it must give, and the cells
/// of another form's rows the document prints (the old （六）其他处理).
pub fn expect(blocks: &[Block], truth: &Truth) -> BTreeMap<String, Want> {
    let mut out: BTreeMap<String, Want> = BTreeMap::new();
    for blk in blocks {
        let Block::Table(t) = blk else { continue };
        for r in &t.rows {
            for c in &r.cells {
                if let Cell::Value { addr, want, .. } = c {
                    let dup = out.insert(addr.clone(), *want);
                    assert!(dup.is_none(), "{addr} printed twice");
                }
            }
        }
    }
    for (a, v) in truth {
        out.entry(a.clone())
            .or_insert_with(|| Want::Unprinted(v.num()));
    }
    out
}
