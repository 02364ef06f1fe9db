//! Markdown: each table as a pipe table of its printed grid, merged cells
//! written once at their top-left position and the positions they cover left
//! empty (a pipe table cannot merge cells).

use super::grid::{grids, matrix, Role};
use super::html::escape as html_escape;
use super::Ctx;

/// Escapes text for a Markdown table cell: markup characters, pipes, and
/// line breaks. HTML is escaped as entities, since Markdown passes it through.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in html_escape(s).chars() {
        match ch {
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub(super) fn render(ctx: &Ctx) -> String {
    let mut out = String::new();
    if let Some(t) = ctx.title() {
        out.push_str(&format!("# {}\n\n", escape(&t)));
    }
    for grid in grids(ctx.form, ctx.report) {
        out.push_str(&format!("## {}\n\n", escape(&grid.caption)));
        let mut m = matrix(&grid);
        // A label spanning columns is written in the last of them: readers
        // take empty cells before a label as merged label cells, and empty
        // cells after it as values.
        for row in &mut m {
            for c in (0..row.len()).rev() {
                if let Some(g) = row[c] {
                    let label = matches!(g.role, Role::RowHead | Role::Corner | Role::Note);
                    if label && g.colspan > 1 && c + g.colspan <= row.len() {
                        row[c] = None;
                        row[c + g.colspan - 1] = Some(g);
                    }
                }
            }
        }
        for (r, row) in m.iter().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    None => String::new(),
                    Some(g) => match g.role {
                        Role::Value(i) => {
                            let address = ctx.form.cells()[i].address.as_str();
                            let mut t = escape(&ctx.value(address));
                            if let Some(ns) = ctx.by_cell.get(address) {
                                for n in ns {
                                    t.push_str(&format!(" [^{}]", n + 1));
                                }
                            }
                            t
                        }
                        _ => escape(&g.text),
                    },
                })
                .collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
            if r == 0 {
                out.push_str(&format!("|{}\n", "---|".repeat(grid.width)));
            }
        }
        out.push('\n');
    }
    let extra = ctx.extra();
    if !extra.is_empty() {
        out.push_str(&format!(
            "## {}\n\n| {} | {} |\n|---|---|\n",
            ctx.extra_caption(),
            ctx.word("单元格", "cell"),
            ctx.word("数值", "value")
        ));
        for a in extra {
            out.push_str(&format!("| {} | {} |\n", escape(a), escape(&ctx.value(a))));
        }
        out.push('\n');
    }
    if !ctx.findings.is_empty() {
        out.push_str(&format!("## {}\n\n", ctx.word("发现的问题", "Findings")));
        for (i, f) in ctx.findings.iter().enumerate() {
            out.push_str(&format!(
                "[^{}]: **{}** `{}` {}\n",
                i + 1,
                ctx.severity_word(f.severity),
                escape(&f.rule),
                escape(&f.message)
            ));
        }
    }
    out
}
