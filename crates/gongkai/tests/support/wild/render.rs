//! Printing the composed document: Markdown as OCR/LLM converters write it,
//! HTML as portals publish it, text as PDF converters and portal copies give it.

use super::paper::{Block, Cell, Row, RowKind, Table};
use super::{Art, Case, Knobs, Shape};

/// The document as published, with the name noise of the case.
pub fn render(case: &Case, blocks: &[Block]) -> String {
    // Renderer choices read the knobs from the far end, apart from compose's.
    let rev: Vec<u8> = case.knobs.iter().rev().copied().collect();
    let mut k = Knobs::new(&rev);
    let text = match case.shape {
        Shape::Markdown => markdown(case, blocks, &mut k),
        Shape::Html => html(case, blocks, &mut k),
        Shape::Text => text(blocks, &mut k),
    };
    name_noise(case, text)
}

/// 沐 for 沭: everywhere but the title's first one, or everywhere.
fn name_noise(case: &Case, text: String) -> String {
    let b = case.on(Art::NameNoise);
    if b == 0 {
        return text;
    }
    if b % 2 == 0 {
        match text.find('沭') {
            Some(i) => {
                let at = i + '沭'.len_utf8();
                format!("{}{}", &text[..at], text[at..].replace('沭', "沐"))
            }
            None => text,
        }
    } else {
        text.replace('沭', "沐")
    }
}

fn cell_text(c: &Cell) -> &str {
    match c {
        Cell::Text(s) => s,
        Cell::Value { token, .. } => token,
    }
}

// ---------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------

fn md_row(cells: &[String]) -> String {
    let mut s = String::from("|");
    for c in cells {
        s.push(' ');
        s.push_str(c);
        s.push_str(" |");
    }
    s
}

fn markdown(case: &Case, blocks: &[Block], k: &mut Knobs) -> String {
    let markup = k.pick(3);
    let br = if case.on(Art::BrokenLabels) % 3 == 1 {
        "<br/>"
    } else {
        "<br>"
    };
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Title(s) => out.push_str(&format!("# {s}\n\n")),
            Block::Line(s) | Block::Footer(s) => out.push_str(&format!("{s}\n\n")),
            Block::Heading(h) => match markup {
                0 => out.push_str(&format!("{h}\n\n")),
                1 => out.push_str(&format!("## {h}\n\n")),
                _ => out.push_str(&format!("**{h}**\n\n")),
            },
            Block::SubHeading(l, s) => {
                out.push_str(&format!("{} {s}\n\n", "#".repeat(usize::from(*l))));
            }
            Block::Table(t) if t.rows.is_empty() => {}
            Block::Table(t) => {
                for (i, r) in t.rows.iter().enumerate() {
                    let cells: Vec<String> = r
                        .cells
                        .iter()
                        .map(|c| cell_text(c).replace('\n', br))
                        .collect();
                    out.push_str(&md_row(&cells));
                    out.push('\n');
                    if i == 0 {
                        out.push_str(&format!("|{}\n", " --- |".repeat(cells.len().max(1))));
                    }
                }
                out.push('\n');
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn html(case: &Case, blocks: &[Block], k: &mut Knobs) -> String {
    let title = blocks
        .iter()
        .find_map(|b| match b {
            Block::Title(s) => Some(s.as_str()),
            _ => None,
        })
        .unwrap_or("");
    let h2 = k.chance(128);
    let raw_newline = case.on(Art::BrokenLabels) % 2 == 1;
    let mut out = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}</title></head><body><div class=\"TRS_Editor\">\n",
        esc(title)
    );
    for b in blocks {
        match b {
            Block::Title(s) => out.push_str(&format!(
                "<p style=\"text-align: center;\"><strong>{}</strong></p>\n",
                esc(s)
            )),
            Block::Line(s) => out.push_str(&format!("<p>{}</p>\n", esc(s))),
            Block::Footer(s) => out.push_str(&format!(
                "<p style=\"text-align: center;\">{}</p>\n",
                esc(s)
            )),
            Block::Heading(h) if h2 => out.push_str(&format!("<h2>{}</h2>\n", esc(h))),
            Block::Heading(h) => out.push_str(&format!("<p><strong>{}</strong></p>\n", esc(h))),
            Block::SubHeading(l, s) => out.push_str(&format!("<h{l}>{}</h{l}>\n", esc(s))),
            Block::Table(t) => html_table(t, raw_newline, k, &mut out),
        }
    }
    out.push_str("</div></body></html>\n");
    out
}

fn html_table(t: &Table, raw_newline: bool, k: &mut Knobs, out: &mut String) {
    if t.rows.is_empty() {
        return;
    }
    out.push_str("<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\"><tbody>\n");
    let width = t.rows.iter().map(|r| r.cells.len()).max().unwrap_or(1);
    for r in &t.rows {
        out.push_str("<tr>");
        if r.kind == RowKind::Footer {
            out.push_str(&format!(
                "<td colspan=\"{width}\">{}</td>",
                esc(cell_text(&r.cells[0]))
            ));
        }
        for c in r.cells.iter().filter(|_| r.kind != RowKind::Footer) {
            let s = cell_text(c);
            let body = if s.is_empty() {
                if k.chance(128) {
                    String::new()
                } else {
                    "&nbsp;".into()
                }
            } else if raw_newline {
                esc(s)
            } else {
                esc(s).replace('\n', "<br />")
            };
            if k.chance(128) {
                out.push_str(&format!("<td><p align=\"center\">{body}</p></td>"));
            } else {
                out.push_str(&format!("<td>{body}</td>"));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
}

// ---------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------

/// Display width, CJK as two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 })
        .sum()
}

fn text(blocks: &[Block], k: &mut Knobs) -> String {
    // A portal's text copy: every cell on its own line; else rows as a
    // PDF converter lays them out.
    let per_line = k.chance(96);
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Title(s) => out.push_str(&format!("          {s}\n\n")),
            Block::Line(s) => out.push_str(&format!("    {s}\n")),
            Block::Heading(h) => out.push_str(&format!("  {h}\n")),
            Block::SubHeading(_, s) => out.push_str(&format!("{s}\n")),
            Block::Footer(s) => out.push_str(&format!("\n{}{s}\n\n", " ".repeat(36))),
            Block::Table(t) => {
                for r in &t.rows {
                    text_row(r, per_line, k, &mut out);
                }
                out.push('\n');
            }
        }
    }
    out
}

fn text_row(r: &Row, per_line: bool, k: &mut Knobs, out: &mut String) {
    // A label repeated over merged columns is printed once (the last copy,
    // which carries a check box if there is one); header cells all.
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '□' | '☑'))
            .collect()
    };
    let mut words: Vec<&str> = Vec::new();
    for c in &r.cells {
        if let Cell::Text(s) = c {
            if s.is_empty() {
                continue;
            }
            match words.last_mut() {
                Some(last) if r.kind == RowKind::Data && key(last) == key(s) => *last = s,
                _ => words.push(s),
            }
        }
    }
    let vals: Vec<&str> = r
        .cells
        .iter()
        .filter_map(|c| match c {
            Cell::Value { token, .. } if !token.is_empty() => Some(token.as_str()),
            _ => None,
        })
        .collect();
    if per_line {
        for w in &words {
            out.push_str(w);
            out.push('\n');
        }
        for v in &vals {
            out.push_str(v);
            out.push('\n');
        }
        return;
    }
    let label = words.join("  ");
    let (head, tail) = match label.split_once('\n') {
        Some((h, t)) => (h.to_string(), Some(t.to_string())),
        None => (label, None),
    };
    let mut line_vals = String::new();
    for (i, v) in vals.iter().enumerate() {
        if i > 0 {
            line_vals.push_str(&" ".repeat(3 + k.pick(4)));
        }
        line_vals.push_str(v);
    }
    let with_vals = |l: &str| -> String {
        if line_vals.is_empty() {
            return l.to_string();
        }
        let pad = 44usize
            .saturating_sub(width(l))
            .max(if l.is_empty() { 0 } else { 2 });
        format!("{l}{}{line_vals}", " ".repeat(pad))
    };
    match tail {
        None => out.push_str(&with_vals(&head)),
        Some(t) if k.chance(128) => {
            out.push_str(&head);
            out.push('\n');
            out.push_str(&with_vals(&t));
        }
        Some(t) => {
            out.push_str(&with_vals(&head));
            out.push('\n');
            out.push_str(&t);
        }
    }
    out.push('\n');
}
