//! HTML: the official tables with their merged cells, each value cell
//! carrying its address, findings marked on their cells and listed after.

use std::fmt::Write;

use super::grid::{grids, GCell, Grid, Role};
use super::{Ctx, STYLESHEET};
use crate::finding::Severity;

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
    for grid in grids(ctx.form, ctx.report) {
        table(ctx, &grid, &mut out);
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
            value(ctx, a, "", &mut out);
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    if !ctx.findings.is_empty() {
        finding_list(ctx, &mut out);
    }
    out.push_str("</div>\n");
    if ctx.options.page {
        out.push_str("</body>\n</html>\n");
    }
    out
}

fn table(ctx: &Ctx, grid: &Grid, out: &mut String) {
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
            self::cell(ctx, cell, out);
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

fn cell(ctx: &Ctx, cell: &GCell, out: &mut String) {
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
        Role::Value(i) => value(ctx, &ctx.form.cells()[i].address, &spans, out),
    }
}

fn value(ctx: &Ctx, address: &str, spans: &str, out: &mut String) {
    let addr = escape(address);
    let mut classes = vec!["gk-value"];
    if !ctx.report.cells.contains_key(address) {
        classes.push("gk-absent");
    }
    let sev = ctx.severity(address);
    match sev {
        Some(Severity::Error) => classes.push("gk-error"),
        Some(Severity::Warning) => classes.push("gk-warning"),
        Some(Severity::Info) => classes.push("gk-info"),
        None if ctx.related.contains(address) => classes.push("gk-related"),
        None => {}
    }
    let _ = write!(
        out,
        "<td id=\"gk-{addr}\" data-cell=\"{addr}\" class=\"{}\"{spans}",
        classes.join(" ")
    );
    let numbers = ctx.by_cell.get(address);
    if let Some(ns) = numbers {
        let title: Vec<String> = ns
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
        let ids: Vec<String> = ns.iter().map(|i| format!("gk-f{}", i + 1)).collect();
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
    for &i in numbers.into_iter().flatten() {
        let _ = write!(
            out,
            "<a class=\"gk-ref\" href=\"#gk-f{n}\" data-n=\"{n}\" aria-label=\"{} {n}\"></a>",
            ctx.word("问题", "finding"),
            n = i + 1
        );
    }
    out.push_str("</td>");
}

fn finding_list(ctx: &Ctx, out: &mut String) {
    let _ = write!(
        out,
        "<section class=\"gk-findings\">\n<h2>{}（{}）</h2>\n<ol>\n",
        ctx.word("发现的问题", "Findings"),
        ctx.findings.len()
    );
    for (i, f) in ctx.findings.iter().enumerate() {
        let _ = write!(
            out,
            "<li id=\"gk-f{}\" class=\"gk-{}\"><span class=\"gk-sev\">{}</span> <code class=\"gk-rule\">{}</code> {}",
            i + 1,
            f.severity.as_str(),
            ctx.severity_word(f.severity),
            escape(&f.rule),
            escape(&f.message)
        );
        if let Some(c) = &f.cell {
            if ctx.form.cell_index(c).is_some() {
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
    out.push_str("</ol>\n</section>\n");
}
