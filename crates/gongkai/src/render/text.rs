//! Plain text for terminals: each table as its printed grid, columns
//! aligned by display width (a CJK character takes two columns), merged
//! cells printed once at their top-left position.

use unicode_width::UnicodeWidthStr;

use super::grid::{grids, matrix, GCell, Grid, Role};
use super::Ctx;
use crate::finding::Severity;

const GAP: usize = 2;

/// Display width in terminal columns.
pub(crate) fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Text safe for a terminal: control characters (escape sequences from a
/// hostile report) become spaces; line breaks inside a cell become spaces.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

pub(super) fn render(ctx: &Ctx) -> String {
    let mut out = String::new();
    if let Some(t) = ctx.title() {
        out.push_str(&clean(&t));
        out.push_str("\n\n");
    }
    for grid in grids(ctx.form, ctx.report) {
        table(ctx, &grid, &mut out);
        out.push('\n');
    }
    let extra = ctx.extra();
    if !extra.is_empty() {
        out.push_str(ctx.extra_caption());
        out.push('\n');
        let w = extra.iter().map(|a| width(a)).max().unwrap_or(0);
        for a in extra {
            let pad = " ".repeat(w - width(a) + GAP);
            out.push_str(&format!("{}{pad}{}\n", clean(a), clean(&ctx.value(a))));
        }
        out.push('\n');
    }
    if !ctx.findings.is_empty() {
        out.push_str(ctx.word("发现的问题：\n", "Findings:\n"));
        for (i, f) in ctx.findings.iter().enumerate() {
            out.push_str(&format!(
                "[{}] {} {} {}\n",
                i + 1,
                ctx.severity_word(f.severity),
                clean(&f.rule),
                clean(&f.message)
            ));
        }
    }
    out
}

/// The text of a laid-out cell, with `[n]` marks after a value that has findings.
fn text_of(ctx: &Ctx, cell: &GCell) -> String {
    match cell.role {
        Role::Value(i) => {
            let address = ctx.form.cells()[i].address.as_str();
            let mut t = clean(&ctx.value(address));
            if t.trim().is_empty() {
                // An empty cell printed as nothing could not be told apart
                // from a missing one when the text is read back.
                t = crate::parse::EMPTY_MARK.to_string();
            }
            if let Some(ns) = ctx.by_cell.get(address) {
                let mark = match ctx.severity(address) {
                    Some(Severity::Error) => '!',
                    Some(Severity::Warning) => '?',
                    _ => '*',
                };
                let ns: Vec<String> = ns.iter().map(|n| (n + 1).to_string()).collect();
                t = format!("{t}{mark}[{}]", ns.join(","));
            }
            t
        }
        _ => clean(&cell.text),
    }
}

fn table(ctx: &Ctx, grid: &Grid, out: &mut String) {
    out.push_str(&clean(&grid.caption));
    out.push('\n');
    let m = matrix(grid);
    let texts: Vec<Vec<Option<(String, &GCell)>>> = m
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| c.map(|c| (text_of(ctx, c), c)))
                .collect()
        })
        .collect();
    // Widths: single columns first, then spanned cells widen their last column.
    let mut w = vec![1usize; grid.width];
    for row in &texts {
        for (c, cell) in row.iter().enumerate() {
            if let Some((t, g)) = cell {
                if g.colspan == 1 {
                    w[c] = w[c].max(width(t));
                }
            }
        }
    }
    for row in &texts {
        for (c, cell) in row.iter().enumerate() {
            if let Some((t, g)) = cell {
                let end = (c + g.colspan).min(grid.width);
                let avail: usize = w[c..end].iter().sum::<usize>() + GAP * (end - c - 1);
                let need = width(t);
                if need > avail {
                    w[end - 1] += need - avail;
                }
            }
        }
    }
    // Positions covered by a cell to their left in the same row are
    // printed with that cell; positions covered from above print as spaces.
    let mut from_left = vec![vec![false; grid.width]; m.len()];
    for (r, row) in m.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if let Some(g) = cell {
                let end = (c + g.colspan).min(grid.width);
                from_left[r][c + 1..end].fill(true);
            }
        }
    }
    for (r, row) in texts.iter().enumerate() {
        let mut line = String::new();
        let mut c = 0;
        while c < grid.width {
            if c > 0 {
                line.push_str(&" ".repeat(GAP));
            }
            match &row[c] {
                Some((t, g)) => {
                    let end = (c + g.colspan).min(grid.width);
                    let avail: usize = w[c..end].iter().sum::<usize>() + GAP * (end - c - 1);
                    let pad = " ".repeat(avail.saturating_sub(width(t)));
                    if matches!(g.role, Role::Value(_)) {
                        line.push_str(&pad);
                        line.push_str(t);
                    } else {
                        line.push_str(t);
                        line.push_str(&pad);
                    }
                    c = end;
                }
                None if from_left[r][c] => c += 1,
                None => {
                    line.push_str(&" ".repeat(w[c]));
                    c += 1;
                }
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}
