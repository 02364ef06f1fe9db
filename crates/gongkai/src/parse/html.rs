//! HTML and Markdown to the reader's text: paragraphs and table rows become
//! lines, each table cell its own line, an empty cell in a row of values a
//! blank marker. A tolerant scanner, not a browser: it never fails, whatever
//! the markup, and keeps each char's offset in the source.

use super::doc::{Doc, BLANK_CELL};

/// Whether the text looks like HTML.
pub fn looks_like_html(s: &str) -> bool {
    let head: String = s
        .chars()
        .take(20_000)
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "<table", "<p>", "<p ", "<div", "<html", "<br", "<td", "<span",
    ]
    .iter()
    .any(|t| head.contains(t))
}

/// Whether the text has a Markdown table.
pub fn looks_like_markdown(s: &str) -> bool {
    s.lines()
        .filter(|l| l.trim_start().starts_with('|') && l.trim_end().ends_with('|'))
        .count()
        >= 2
}

struct Out {
    chars: Vec<char>,
    src: Vec<usize>,
}

impl Out {
    fn push(&mut self, c: char, at: usize) {
        self.chars.push(c);
        self.src.push(at);
    }
    fn newline(&mut self, at: usize) {
        if self.chars.last().is_some_and(|&c| c != '\n') {
            self.push('\n', at);
        }
    }
}

fn entity(name: &str) -> Option<char> {
    let c = match name {
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "middot" => '·',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "times" => '×',
        "yen" => '¥',
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(h) => u32::from_str_radix(h, 16).ok()?,
                None => n.parse().ok()?,
            };
            return char::from_u32(code).filter(|c| *c != '\0');
        }
    };
    Some(c)
}

/// A table cell being collected: its chars and source offsets.
#[derive(Default)]
struct CellBuf {
    chars: Vec<char>,
    src: Vec<usize>,
    start: usize,
}

/// Converts HTML to a doc; returns it and the `<title>` text.
pub fn html_to_doc(html: &str) -> (Doc, Option<String>) {
    let cs: Vec<char> = html.chars().collect();
    let mut out = Out {
        chars: Vec::with_capacity(cs.len() / 2),
        src: Vec::with_capacity(cs.len() / 2),
    };
    let mut title: Option<String> = None;
    let mut in_title = false;
    let mut skip_until: Option<&'static str> = None;
    // Table state: the current row's cells; the current cell.
    let mut row: Option<Vec<CellBuf>> = None;
    let mut cell: Option<CellBuf> = None;
    let mut i = 0;
    let n = cs.len();
    while i < n {
        let c = cs[i];
        if c == '<' {
            // Comments and doctype.
            if cs[i..].starts_with(&['<', '!', '-', '-']) {
                let end = find(&cs, i + 4, &['-', '-', '>']).map_or(n, |p| p + 3);
                i = end;
                continue;
            }
            let close = find(&cs, i + 1, &['>']).map_or(n, |p| p + 1);
            let tag: String = cs[i + 1..close.saturating_sub(1).max(i + 1)]
                .iter()
                .collect();
            let tag_l = tag.trim().to_ascii_lowercase();
            let closing = tag_l.starts_with('/');
            let name: String = tag_l
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if !name.is_empty() || closing || tag_l.starts_with('!') || tag_l.starts_with('?') {
                if let Some(end_tag) = skip_until {
                    if closing && name == end_tag {
                        skip_until = None;
                    }
                    i = close;
                    continue;
                }
                match (name.as_str(), closing) {
                    ("script", false) => skip_until = Some("script"),
                    ("style", false) => skip_until = Some("style"),
                    ("title", false) => in_title = true,
                    ("title", true) => {
                        in_title = false;
                        out.newline(i);
                    }
                    ("tr", false) => {
                        flush_row(&mut out, &mut row, &mut cell, i);
                        row = Some(Vec::new());
                    }
                    ("tr", true) | ("table", _) | ("tbody", _) | ("thead", _) => {
                        flush_row(&mut out, &mut row, &mut cell, i)
                    }
                    ("td" | "th", false) => {
                        if let (Some(r), Some(c)) = (row.as_mut(), cell.take()) {
                            r.push(c);
                        }
                        if row.is_none() {
                            row = Some(Vec::new());
                        }
                        cell = Some(CellBuf {
                            start: i,
                            ..CellBuf::default()
                        });
                    }
                    ("td" | "th", true) => {
                        if let (Some(r), Some(c)) = (row.as_mut(), cell.take()) {
                            r.push(c);
                        }
                    }
                    // Inside a cell, a line break is not a new cell.
                    (
                        "p" | "div" | "br" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                        | "section" | "article" | "ul" | "ol",
                        _,
                    ) if cell.is_none() => {
                        out.newline(i);
                    }
                    _ => {}
                }
                i = close;
                continue;
            }
        }
        if skip_until.is_some() {
            i += 1;
            continue;
        }
        // Text, with entities.
        let (ch, next) = if c == '&' {
            let semi = (i + 1..n.min(i + 12)).find(|&j| cs[j] == ';');
            match semi
                .and_then(|s| entity(&cs[i + 1..s].iter().collect::<String>()).map(|e| (e, s + 1)))
            {
                Some((e, nx)) => (e, nx),
                None => (c, i + 1),
            }
        } else {
            (c, i + 1)
        };
        if in_title {
            title.get_or_insert_with(String::new).push(ch);
        }
        if let Some(cb) = cell.as_mut() {
            cb.chars.push(ch);
            cb.src.push(i);
        } else {
            let ch = if ch == '\r' { '\n' } else { ch };
            out.push(ch, i);
        }
        i = next;
    }
    flush_row(&mut out, &mut row, &mut cell, n);
    (
        Doc::new(out.chars, out.src),
        title.map(|t| t.trim().to_string()),
    )
}

fn find(cs: &[char], from: usize, pat: &[char]) -> Option<usize> {
    if from >= cs.len() {
        return None;
    }
    cs[from..]
        .windows(pat.len())
        .position(|w| w == pat)
        .map(|p| p + from)
}

fn flush_row(out: &mut Out, row: &mut Option<Vec<CellBuf>>, cell: &mut Option<CellBuf>, at: usize) {
    let Some(mut cells) = row.take() else {
        if let Some(c) = cell.take() {
            out.newline(at);
            for (ch, s) in c.chars.into_iter().zip(c.src) {
                out.push(ch, s);
            }
            out.newline(at);
        }
        return;
    };
    if let Some(c) = cell.take() {
        cells.push(c);
    }
    let texts: Vec<String> = cells.iter().map(|c| c.chars.iter().collect()).collect();
    let skip = leading_label_blanks(&texts.iter().map(String::as_str).collect::<Vec<_>>());
    out.newline(at);
    for (c, t) in cells.into_iter().zip(texts).skip(skip) {
        // An empty cell is a blank value; the reader decides whether the
        // stretch it is in holds values (a row) or not (a header).
        if t.chars().all(|ch| ch.is_whitespace() || ch == '\u{a0}') {
            out.push(BLANK_CELL, c.start);
            out.push('\n', c.start);
            continue;
        }
        for (ch, s) in c.chars.into_iter().zip(c.src) {
            // Line breaks inside a cell (from <br> or source wrapping) do not split it.
            if ch != '\n' && ch != '\r' {
                out.push(ch, s);
            }
        }
        out.push('\n', c.start);
    }
}

/// How many empty cells open a row before its label (a cell with words):
/// they continue merged (rowspan) label cells, they are not values.
fn leading_label_blanks(cells: &[&str]) -> usize {
    let n = cells.iter().take_while(|c| c.trim().is_empty()).count();
    match cells.get(n) {
        Some(c) if c.chars().any(char::is_alphabetic) && !["无", "無"].contains(&c.trim()) => n,
        _ => 0,
    }
}

/// Converts Markdown (pipe tables and text) to a doc.
pub fn markdown_to_doc(md: &str) -> Doc {
    let mut chars = Vec::with_capacity(md.len());
    let mut src = Vec::with_capacity(md.len());
    let mut offset = 0;
    for line in md.split_inclusive('\n') {
        let n = line.chars().count();
        let t = line.trim();
        if t.starts_with('|') && t.ends_with('|') && t.len() >= 2 {
            let inner = &t[1..t.len() - 1];
            // A delimiter row: every cell dashes (three or more, or with a colon).
            let is_rule = inner.split('|').all(|c| {
                let c = c.trim();
                c.chars().all(|ch| matches!(ch, '-' | ':'))
                    && (c.matches('-').count() >= 3 || c.contains(':') && c.contains('-'))
            });
            if !is_rule {
                let lead = line.chars().take_while(|c| c.is_whitespace()).count() + 1;
                let cells: Vec<&str> = inner.split('|').collect();
                // Empty cells before a row's label stand for merged (rowspan) label cells.
                let skip = leading_label_blanks(&cells);
                let mut pos = offset + lead;
                for (ci, c) in cells.into_iter().enumerate() {
                    let len = c.chars().count();
                    if ci < skip {
                        pos += len + 1;
                        continue;
                    }
                    if c.trim().is_empty() {
                        chars.push(BLANK_CELL);
                        src.push(pos);
                        chars.push('\n');
                        src.push(pos);
                    } else {
                        let lead = c.chars().take_while(|ch| ch.is_whitespace()).count();
                        for (k, ch) in c.trim().chars().enumerate() {
                            chars.push(ch);
                            src.push(pos + lead + k);
                        }
                        chars.push('\n');
                        src.push(pos + len);
                    }
                    pos += len + 1;
                }
            }
        } else {
            for (k, ch) in line.chars().enumerate() {
                chars.push(ch);
                src.push(offset + k);
            }
        }
        offset += n;
    }
    Doc::new(chars, src)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(d: &Doc) -> String {
        d.chars.iter().collect()
    }

    #[test]
    fn cells_become_lines_and_blanks_are_marked() {
        let (d, title) = html_to_doc(
            "<html><title>T&amp;T</title><p>一、总体情况</p><table><tr><td>规章</td><td>13</td><td>&nbsp;</td><td>本年新<br/>制作数量</td></tr><tr><td></td><td>表头</td></tr></table><script>var x='<td>9</td>';</script>",
        );
        assert_eq!(title.as_deref(), Some("T&T"));
        let t = text(&d);
        assert!(t.contains("一、总体情况\n"), "{t:?}");
        assert!(t.contains("规章\n13\n\u{E000}\n本年新制作数量\n"), "{t:?}");
        assert!(!t.contains('9'), "script skipped: {t:?}");
        assert!(
            t.ends_with("表头\n"),
            "an empty cell in a header row is not a value: {t:?}"
        );
    }

    #[test]
    fn broken_markup_never_fails() {
        for s in [
            "<",
            "<<<>>>",
            "<td",
            "&#xFFFFFFFF;",
            "&#0;",
            "<!--",
            "<tr><td>1<td>2",
            "</td></tr>",
            "<table><tr><td>3</table>",
        ] {
            let _ = html_to_doc(s);
        }
        let (d, _) = html_to_doc("<tr><td>1<td>2");
        assert_eq!(text(&d), "1\n2\n");
    }

    #[test]
    fn markdown_tables() {
        let d = markdown_to_doc("# x\n| 行政复议 | 1 |  |\n|---|---|---|\n| a | b |\n");
        assert_eq!(text(&d), "# x\n行政复议\n1\n\u{E000}\na\nb\n");
    }
}
