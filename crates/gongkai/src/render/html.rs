//! HTML: the official tables with their merged cells, each value cell
//! carrying its address, findings marked on their cells and listed after —
//! the report's faults first, then, in a section of their own, what gongkai
//! could not read or check (`summary::is_reading`), which is not the
//! report's fault.
//!
//! Findings are numbered in the order they are listed (the report's faults,
//! then the reading notes, each in the order given): `gk-fN` is the N-th item
//! of the lists, and a cell's mark `[N]` points to it.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::grid::{grids, GCell, Grid, Role};
use super::{Ctx, STYLESHEET};
use crate::finding::{Lang, Severity};
use crate::summary::is_reading;

/// The findings in the order they are listed, and what the marks need.
struct Listing<'a> {
    /// Indices into `ctx.findings`: the report's faults, then the reading notes.
    order: Vec<usize>,
    /// How many of `order` are the report's faults.
    faults: usize,
    /// For each index into `ctx.findings`, its number in the lists (from 1).
    number: Vec<usize>,
    /// Whether each finding is the reader's.
    reading: Vec<bool>,
    /// Cells that take part in an error or warning of the report about
    /// another cell (a reading note's cells are not marked: nothing is wrong
    /// with them).
    related: BTreeSet<&'a str>,
}

impl<'a> Listing<'a> {
    fn new(ctx: &Ctx<'a>) -> Listing<'a> {
        let findings = ctx.findings;
        let reading: Vec<bool> = findings.iter().map(is_reading).collect();
        let mut order: Vec<usize> = (0..findings.len()).filter(|&i| !reading[i]).collect();
        let faults = order.len();
        order.extend((0..findings.len()).filter(|&i| reading[i]));
        let mut number = vec![0; findings.len()];
        for (n, &i) in order.iter().enumerate() {
            number[i] = n + 1;
        }
        // The related cells of every error and warning, less those that only
        // reading notes name.
        let related = ctx
            .related
            .iter()
            .copied()
            .filter(|a| {
                findings.iter().zip(&reading).any(|(f, &r)| {
                    !r && f.severity != Severity::Info && f.related.iter().any(|x| x == a)
                })
            })
            .collect();
        Listing {
            order,
            faults,
            number,
            reading,
            related,
        }
    }
}

/// Escapes text for HTML content and double-quoted attributes.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

pub(super) fn render(ctx: &Ctx) -> String {
    let mut out = String::new();
    let lang = ctx.options.lang.as_str();
    if ctx.options.page {
        let title = ctx.title().unwrap_or_else(|| ctx.form.def().title.clone());
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{}</title>\n<style>\n{STYLESHEET}</style>\n</head>\n<body>\n",
            escape(&title)
        );
    }
    let _ = writeln!(
        out,
        "<div class=\"gk-report\" data-form=\"{}\" lang=\"zh-CN\">",
        escape(ctx.form.id())
    );
    if ctx.options.page {
        if let Some(t) = ctx.title() {
            let _ = writeln!(out, "<h1>{}</h1>", escape(&t));
        }
    }
    let listing = Listing::new(ctx);
    for grid in grids(ctx.form, ctx.report) {
        table(ctx, &listing, &grid, &mut out);
    }
    let extra = ctx.extra();
    if !extra.is_empty() {
        let _ = write!(
            out,
            "<table class=\"gk-table gk-extra\">\n<caption>{}</caption>\n<thead>\n<tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr>\n</thead>\n<tbody>\n",
            ctx.extra_caption(),
            ctx.word("单元格", "cell"),
            ctx.word("数值", "value")
        );
        for a in extra {
            let _ = write!(out, "<tr><th scope=\"row\">{}</th>", escape(a));
            value(ctx, &listing, a, "", &mut out);
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    if !ctx.findings.is_empty() {
        finding_list(ctx, &listing, &mut out);
    }
    out.push_str("</div>\n");
    if ctx.options.page {
        out.push_str("</body>\n</html>\n");
    }
    out
}

fn table(ctx: &Ctx, listing: &Listing, grid: &Grid, out: &mut String) {
    let def = &ctx.form.def().tables[grid.table];
    let _ = writeln!(
        out,
        "<table class=\"gk-table\" data-table=\"{}\">\n<caption>{}</caption>",
        escape(&def.id),
        escape(&grid.caption)
    );
    for (r, row) in grid.rows.iter().enumerate() {
        if r == 0 && grid.head_rows > 0 {
            out.push_str("<thead>\n");
        }
        if r == grid.head_rows {
            out.push_str("<tbody>\n");
        }
        let class = if row.iter().any(|c| c.role == Role::Caption) {
            " class=\"gk-subhead\""
        } else {
            ""
        };
        let _ = write!(out, "<tr{class}>");
        for cell in row {
            self::cell(ctx, listing, cell, out);
        }
        out.push_str("</tr>\n");
        if r + 1 == grid.head_rows {
            out.push_str("</thead>\n");
        }
    }
    if grid.head_rows < grid.rows.len() {
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n");
}

fn spans(cell: &GCell) -> String {
    let mut s = String::new();
    if cell.rowspan > 1 {
        let _ = write!(s, " rowspan=\"{}\"", cell.rowspan);
    }
    if cell.colspan > 1 {
        let _ = write!(s, " colspan=\"{}\"", cell.colspan);
    }
    s
}

fn cell(ctx: &Ctx, listing: &Listing, cell: &GCell, out: &mut String) {
    let spans = spans(cell);
    let text = escape(&cell.text);
    match cell.role {
        Role::Corner => {
            let _ = write!(out, "<th class=\"gk-stub\"{spans}>{text}</th>");
        }
        Role::Note => {
            let _ = write!(out, "<th class=\"gk-note\"{spans}>{text}</th>");
        }
        Role::ColHead => {
            let _ = write!(out, "<th scope=\"col\"{spans}>{text}</th>");
        }
        Role::Caption => {
            let _ = write!(out, "<th scope=\"colgroup\"{spans}>{text}</th>");
        }
        Role::RowHead => {
            let scope = if cell.rowspan > 1 { "rowgroup" } else { "row" };
            let _ = write!(out, "<th scope=\"{scope}\"{spans}>{text}</th>");
        }
        Role::Unit => {
            let _ = write!(out, "<td class=\"gk-unit\"{spans}>{text}</td>");
        }
        Role::Empty => {
            let _ = write!(out, "<td class=\"gk-empty\"{spans}></td>");
        }
        Role::Value(i) => value(ctx, listing, &ctx.form.cells()[i].address, &spans, out),
    }
}

fn value(ctx: &Ctx, listing: &Listing, address: &str, spans: &str, out: &mut String) {
    let addr = escape(address);
    let mut classes = vec!["gk-value"];
    if !ctx.report.cells.contains_key(address) {
        classes.push("gk-absent");
    }
    let numbers = ctx.by_cell.get(address);
    let mut numbers: Vec<usize> = numbers.into_iter().flatten().copied().collect();
    numbers.sort_by_key(|&i| listing.number[i]);
    // The cell's mark is the worst of the report's faults about it; a cell
    // with only reading notes is marked as not read, not as wrong.
    let worst = numbers
        .iter()
        .filter(|&&i| !listing.reading[i])
        .map(|&i| ctx.findings[i].severity)
        .min();
    match worst {
        Some(Severity::Error) => classes.push("gk-error"),
        Some(Severity::Warning) => classes.push("gk-warning"),
        Some(Severity::Info) => classes.push("gk-info"),
        None if !numbers.is_empty() => classes.push("gk-unread"),
        None if listing.related.contains(address) => classes.push("gk-related"),
        None => {}
    }
    let _ = write!(
        out,
        "<td id=\"gk-{addr}\" data-cell=\"{addr}\" class=\"{}\"{spans}",
        classes.join(" ")
    );
    if !numbers.is_empty() {
        let title: Vec<String> = numbers
            .iter()
            .map(|&i| {
                let f = &ctx.findings[i];
                format!(
                    "{} {}：{}",
                    f.rule,
                    ctx.severity_word(f.severity),
                    f.message
                )
            })
            .collect();
        let ids: Vec<String> = numbers
            .iter()
            .map(|&i| format!("gk-f{}", listing.number[i]))
            .collect();
        let _ = write!(
            out,
            " title=\"{}\" aria-describedby=\"{}\"",
            escape(&title.join("\n")),
            ids.join(" ")
        );
    }
    let _ = write!(out, ">{}", escape(&ctx.value(address)));
    // The reference marks print their numbers from CSS, so the cell's text
    // stays the value alone (copying or re-reading the table gives the value).
    for &i in &numbers {
        let class = if listing.reading[i] {
            "gk-ref gk-ref-reading"
        } else {
            "gk-ref"
        };
        let _ = write!(
            out,
            "<a class=\"{class}\" href=\"#gk-f{n}\" data-n=\"{n}\" aria-label=\"{} {n}\"></a>",
            ctx.word("问题", "finding"),
            n = listing.number[i]
        );
    }
    out.push_str("</td>");
}

fn finding_list(ctx: &Ctx, listing: &Listing, out: &mut String) {
    let (faults, reading) = listing.order.split_at(listing.faults);
    let _ = write!(
        out,
        "<section class=\"gk-findings\">\n<h2>{}（{}）</h2>\n",
        ctx.word("发现的问题", "Findings"),
        faults.len()
    );
    if faults.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"gk-none\">{}</p>",
            ctx.word("未发现报告的问题。", "No faults of the report found.")
        );
    } else {
        out.push_str("<ol>\n");
        for &i in faults {
            finding_item(ctx, listing, i, out);
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
    if !reading.is_empty() {
        let _ = write!(
            out,
            "<section class=\"gk-findings gk-reading\">\n<h2>{}{}</h2>\n<ol start=\"{}\">\n",
            ctx.word(
                "未能读取/未能核对（不是报告的错误）",
                "Not read / not checked (not the report's faults)"
            ),
            match ctx.options.lang {
                Lang::ZhCn => format!("：{} 项", reading.len()),
                Lang::En => format!(": {}", reading.len()),
            },
            faults.len() + 1
        );
        for &i in reading {
            finding_item(ctx, listing, i, out);
        }
        out.push_str("</ol>\n</section>\n");
    }
}

/// One item of a finding list: its severity, rule and message, a link to its
/// cell and, when the cell was read from the text given to `parse`, the
/// cell's place there (`data-span="start end"`, in chars) for a host page to
/// show.
fn finding_item(ctx: &Ctx, listing: &Listing, i: usize, out: &mut String) {
    let f = &ctx.findings[i];
    let span = f
        .cell
        .as_deref()
        .and_then(|c| ctx.report.spans.get(c))
        .map(|[a, b]| format!(" data-span=\"{a} {b}\""))
        .unwrap_or_default();
    let _ = write!(
        out,
        "<li id=\"gk-f{}\" class=\"gk-{}\"{span}><span class=\"gk-sev\">{}</span> <code class=\"gk-rule\">{}</code> {}",
        listing.number[i],
        f.severity.as_str(),
        ctx.severity_word(f.severity),
        escape(&f.rule),
        escape(&f.message)
    );
    if let Some(c) = &f.cell {
        // Every cell rendered has an id: the form's, and those after the
        // tables that the form does not have.
        if ctx.form.cell_index(c).is_some() || ctx.report.cells.contains_key(c) {
            let _ = write!(
                out,
                " <a class=\"gk-goto\" href=\"#gk-{}\">{}</a>",
                escape(c),
                ctx.word("查看单元格", "show cell")
            );
        }
    }
    if let Some(q) = &f.quote {
        let _ = write!(out, "<blockquote>{}</blockquote>", escape(q));
    }
    out.push_str("</li>\n");
}
