//! HTML and Markdown to the reader's text: paragraphs and table rows become
//! lines, each table cell its own line, an empty cell in a row of values a
//! blank marker. A tolerant scanner, not a browser: it never fails, whatever
//! the markup, and keeps each char's offset in the source.

use super::doc::{Doc, HeaderRow, Marks, TableRow, BLANK_CELL};
use super::tokens::{cell_kind, is_unit_cell, scan_chars, CellKind};

/// Whether the text looks like HTML. Line breaks and spans alone
/// (`| 法律法规规<br>定的其他情形 | 件 |`) are what Markdown converters
/// leave in pipe tables: Markdown with them is still Markdown.
pub fn looks_like_html(s: &str) -> bool {
    let head: String = s
        .chars()
        .take(20_000)
        .collect::<String>()
        .to_ascii_lowercase();
    let has = |tags: &[&str]| tags.iter().any(|t| head.contains(t));
    has(&["<table", "<p>", "<p ", "<div", "<html", "<td"])
        || (has(&["<br", "<span"]) && !looks_like_markdown(s))
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
    marks: Marks,
    /// Whether the current table has printed a row of two cells or more:
    /// a row of one cell is then a note in it, not a page laid out in a table.
    wide_rows: bool,
    /// The current source table, counted from 0.
    table: u32,
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
    /// Where the cell starts in the source (a blank's marker points there).
    start: usize,
    /// The source offset of the line break that ends the cell, when not `start`.
    end: Option<usize>,
}

/// Converts HTML to a doc; returns it and the `<title>` text.
pub fn html_to_doc(html: &str) -> (Doc, Option<String>) {
    let cs: Vec<char> = html.chars().collect();
    let mut out = Out {
        chars: Vec::with_capacity(cs.len() / 2),
        src: Vec::with_capacity(cs.len() / 2),
        marks: Marks::default(),
        wide_rows: false,
        table: 0,
    };
    let mut title: Option<String> = None;
    let mut in_title = false;
    // Where the open h1–h6 heading's text starts in `out`.
    let mut heading: Option<usize> = None;
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
                        heading = None;
                        flush_row(&mut out, &mut row, &mut cell, i);
                        row = Some(Vec::new());
                    }
                    ("tr", true) | ("tbody", _) | ("thead", _) => {
                        flush_row(&mut out, &mut row, &mut cell, i)
                    }
                    ("table", _) => {
                        flush_row(&mut out, &mut row, &mut cell, i);
                        out.wide_rows = false;
                        out.table += 1;
                    }
                    ("td" | "th", false) => {
                        heading = None;
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
                    // A heading's numbers (`表3`) are no table's values.
                    ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", _) if cell.is_none() => {
                        out.newline(i);
                        // Only a heading's own short text: not a stretch an
                        // unclosed tag runs on over.
                        if let Some(a) = heading.take().filter(|&a| out.chars.len() - a <= 200) {
                            mask_tokens(&mut out, a);
                        }
                        if !closing {
                            heading = Some(out.chars.len());
                        }
                    }
                    // Inside a cell, a line break is not a new cell.
                    ("p" | "div" | "br" | "li" | "section" | "article" | "ul" | "ol", _)
                        if cell.is_none() =>
                    {
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
        Doc::with_marks(out.chars, out.src, out.marks),
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
    // Line breaks inside a cell (from <br> or source wrapping) do not split it.
    for c in &mut cells {
        let keep: Vec<bool> = c.chars.iter().map(|&ch| ch != '\n' && ch != '\r').collect();
        let mut k = keep.iter();
        c.chars.retain(|_| *k.next().unwrap_or(&true));
        let mut k = keep.iter();
        c.src.retain(|_| *k.next().unwrap_or(&true));
    }
    let texts: Vec<String> = cells.iter().map(|c| c.chars.iter().collect()).collect();
    let skip = leading_label_blanks(&texts.iter().map(String::as_str).collect::<Vec<_>>());
    let kinds: Vec<CellKind> = cells[skip..].iter().map(|c| cell_kind(&c.chars)).collect();
    let class = row_class(&cells, &kinds, skip, false);
    out.newline(at);
    emit_row(out, cells, &kinds, skip, class);
}

/// The longest cell text a label or header cell is taken to be; a longer
/// cell is prose (a page laid out in a table), judged by the text reader.
const MAX_LABEL_CELL: usize = 100;

/// What a row of a structured table gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowClass {
    /// A row of the table: its value cells are values.
    Data,
    /// A header row: no values, and none of the form's rows.
    Header,
    /// No values at all: a row of dashes among header rows, a page footer.
    Nothing,
}

/// An ASCII dash cell as converters print a merged cell or a delimiter: `-`, `:--:`.
fn is_dash_cell(t: &str) -> bool {
    let t = t.trim();
    let inner = t.trim_start_matches(':').trim_end_matches(':');
    !inner.is_empty() && inner.chars().all(|c| c == '-')
}

/// Classifies a row by its cells (after the `skip` leading label blanks).
/// `md`: a Markdown row, where `-` stands for a merged cell.
fn row_class(cells: &[CellBuf], kinds: &[CellKind], skip: usize, md: bool) -> RowClass {
    if cells.len() < 2 {
        return RowClass::Data;
    }
    let long = cells[skip..].iter().any(|c| c.chars.len() > MAX_LABEL_CELL);
    let dash = |i: usize| {
        md && kinds[i] == CellKind::Value
            && is_dash_cell(&cells[skip + i].chars.iter().collect::<String>())
    };
    let nonblank: Vec<usize> = (0..kinds.len())
        .filter(|&i| kinds[i] != CellKind::Blank)
        .collect();
    let labels = nonblank
        .iter()
        .filter(|&&i| kinds[i] == CellKind::Label)
        .count();
    if nonblank.is_empty() {
        return RowClass::Data;
    }
    // Only page footers and glyphs: nothing to read.
    if nonblank
        .iter()
        .all(|&i| matches!(kinds[i], CellKind::PageFooter | CellKind::Glyph))
    {
        return RowClass::Nothing;
    }
    if long {
        return RowClass::Data;
    }
    let values = nonblank
        .iter()
        .filter(|&&i| kinds[i] == CellKind::Value)
        .count();
    // A label after a blank or a dash: header cells under merged ones
    // (`| 自然人 | 法人或其他组织 |  |  | 总计 |`). A row of the table
    // prints its labels first, then its values.
    let label_after_gap = (1..kinds.len()).any(|i| {
        kinds[i] == CellKind::Label && (0..i).any(|j| kinds[j] == CellKind::Blank || dash(j))
    });
    let blanks = kinds.len() - nonblank.len();
    // Four labels or more: no row of a form has that many label cells.
    if values == 0 && nonblank.len() >= 3 && (blanks == 0 || label_after_gap || labels >= 4) {
        return RowClass::Header;
    }
    // Markdown: dashes standing for the merged cells of a header row.
    if md
        && labels >= 1
        && values > 0
        && nonblank.first().is_some_and(|&i| dash(i))
        && nonblank
            .iter()
            .all(|&i| kinds[i] != CellKind::Value || dash(i))
    {
        return RowClass::Header;
    }
    RowClass::Data
}

/// Writes a row's cells (after `skip`), each its own line, and marks what
/// is not a value.
fn emit_row(out: &mut Out, cells: Vec<CellBuf>, kinds: &[CellKind], skip: usize, class: RowClass) {
    let n = cells.len();
    let row_start = out.chars.len();
    let mut first_end = None;
    // Where the first emitted cell (blank or not) ends.
    let mut first_cell_end = None;
    // A row of a table, not prose: no long cell, and not a lone cell outside a table.
    let is_row = (n >= 2 || out.wide_rows)
        && cells[skip.min(n)..]
            .iter()
            .all(|c| c.chars.len() <= MAX_LABEL_CELL);
    for (c, &kind) in cells.into_iter().skip(skip).zip(kinds) {
        let nl = c.end.unwrap_or(c.start);
        if kind == CellKind::Blank {
            // An empty cell is a blank value; the reader decides whether the
            // stretch it is in holds values (a row) or not (a header).
            if class == RowClass::Data {
                out.push(BLANK_CELL, c.start);
                out.push('\n', c.start);
            }
            first_cell_end.get_or_insert(out.chars.len());
            continue;
        }
        let a = out.chars.len();
        for (ch, s) in c.chars.into_iter().zip(c.src) {
            out.push(ch, s);
        }
        let b = out.chars.len();
        out.push('\n', nl);
        first_end.get_or_insert(b);
        first_cell_end.get_or_insert(out.chars.len());
        // A long cell is prose (a page laid out in a table), and so is a
        // lone cell outside a table's rows.
        if b - a > MAX_LABEL_CELL || (n < 2 && !out.wide_rows) {
            continue;
        }
        match (kind, class) {
            (CellKind::Value, RowClass::Data) => out.marks.not_label.push((a, b)),
            // A unit column's cell (`| 7.告 | 件 | 0 |`) is no part of a label
            // broken over rows.
            (CellKind::Label, RowClass::Data) if is_unit_cell(&out.chars[a..b]) => {
                out.marks.not_label.push((a, b));
            }
            (CellKind::Glyph | CellKind::PageFooter, _) => {
                out.marks.ignored.push((a, b));
                out.marks.not_label.push((a, b));
            }
            (CellKind::Label, _) | (CellKind::Value, RowClass::Header) => {
                // Its digits (and printed zeros) are not values.
                for t in scan_chars(&out.chars[a..b], 0, b - a, |_| false) {
                    out.marks.ignored.push((a + t.start, a + t.end));
                }
            }
            _ => {}
        }
    }
    out.wide_rows |= n >= 2;
    let row_end = out.chars.len();
    if is_row && row_end > row_start {
        out.marks.rows.push(TableRow {
            start: row_start,
            end: row_end,
            table: out.table,
            cells: u32::try_from(n).unwrap_or(u32::MAX),
            first_end: first_cell_end.unwrap_or(row_end),
            first_empty: skip == 0
                && kinds
                    .first()
                    .is_some_and(|k| matches!(k, CellKind::Blank | CellKind::Glyph)),
            labeled: kinds.contains(&CellKind::Label),
            data: class == RowClass::Data,
        });
    }
    let header = |body| HeaderRow {
        start: row_start,
        body,
        end: row_end,
    };
    match class {
        RowClass::Data => {}
        RowClass::Header => out
            .marks
            .header_rows
            .push(header(first_end.unwrap_or(row_start))),
        RowClass::Nothing => {
            out.marks.header_rows.push(header(row_start));
            let text_end = if out.chars[row_start..row_end].last() == Some(&'\n') {
                row_end - 1
            } else {
                row_end
            };
            out.marks.ignored.push((row_start, text_end));
            out.marks.not_label.push((row_start, text_end));
        }
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

/// A Markdown ATX heading: `## 表3 …`.
fn is_atx_heading(line: &str) -> bool {
    let t = line.trim_start();
    let hashes = t.chars().take_while(|&c| c == '#').count();
    (1..=6).contains(&hashes) && t[hashes..].starts_with([' ', '\t'])
}

/// Marks the tokens of `out.chars[a..]` as not values.
fn mask_tokens(out: &mut Out, a: usize) {
    let b = out.chars.len();
    for t in scan_chars(&out.chars[a..b], 0, b - a, |_| false) {
        if t.kind != super::tokens::TokKind::Blank {
            out.marks.ignored.push((a + t.start, a + t.end));
        }
    }
}

/// A cell's text without the HTML line breaks converters leave in
/// Markdown cells (`法律法规规<br>定的其他情形`, `<br/>`, `<br />`), with
/// the source offsets of what is kept.
fn drop_line_breaks(chars: Vec<char>, src: Vec<usize>) -> (Vec<char>, Vec<usize>) {
    let at_break = |i: usize| -> Option<usize> {
        let rest = chars.get(i..)?;
        if rest.first() != Some(&'<') {
            return None;
        }
        let close = rest.iter().take(8).position(|&c| c == '>')?;
        let tag: String = rest[1..close]
            .iter()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        matches!(tag.as_str(), "br" | "br/").then_some(close + 1)
    };
    if !chars.contains(&'<') {
        return (chars, src);
    }
    let (mut out, mut out_src) = (
        Vec::with_capacity(chars.len()),
        Vec::with_capacity(src.len()),
    );
    let mut i = 0;
    while i < chars.len() {
        if let Some(n) = at_break(i) {
            i += n;
            continue;
        }
        out.push(chars[i]);
        out_src.push(src[i]);
        i += 1;
    }
    (out, out_src)
}

/// A Markdown pipe row: the text between its outer pipes.
fn pipe_inner(line: &str) -> Option<&str> {
    let t = line.trim();
    (t.starts_with('|') && t.ends_with('|') && t.len() >= 2).then(|| &t[1..t.len() - 1])
}

/// A delimiter row: every cell dashes (three or more, or with a colon).
fn is_rule(inner: &str) -> bool {
    inner.split('|').all(|c| {
        let c = c.trim();
        c.chars().all(|ch| matches!(ch, '-' | ':'))
            && (c.matches('-').count() >= 3 || c.contains(':') && c.contains('-'))
    })
}

/// A row of only `-` cells (some may be empty), with no label.
fn is_dash_row(inner: &str) -> bool {
    let cells: Vec<&str> = inner.split('|').map(str::trim).collect();
    cells.iter().any(|c| !c.is_empty()) && cells.iter().all(|c| c.is_empty() || is_dash_cell(c))
}

/// Converts Markdown (pipe tables and text) to a doc.
pub fn markdown_to_doc(md: &str) -> Doc {
    let mut out = Out {
        chars: Vec::with_capacity(md.len()),
        src: Vec::with_capacity(md.len()),
        marks: Marks::default(),
        wide_rows: false,
        table: 0,
    };
    let lines: Vec<&str> = md.split_inclusive('\n').collect();
    // For each line: whether it and the pipe rows after it in its block
    // are all rows of dashes or delimiters.
    let mut dashes_on = vec![false; lines.len() + 1];
    dashes_on[lines.len()] = true;
    for (li, line) in lines.iter().enumerate().rev() {
        dashes_on[li] = match pipe_inner(line) {
            Some(r) => (is_rule(r) || is_dash_row(r)) && dashes_on[li + 1],
            None => true,
        };
    }
    let mut offset = 0;
    // The current block of pipe rows: where it started.
    let mut block_start = 0;
    for (li, line) in lines.iter().enumerate() {
        let n = line.chars().count();
        let Some(inner) = pipe_inner(line) else {
            let a = out.chars.len();
            for (k, ch) in line.chars().enumerate() {
                out.push(ch, offset + k);
            }
            if is_atx_heading(line) {
                // A heading's numbers (`## 表3`) are no table's values.
                mask_tokens(&mut out, a);
            }
            offset += n;
            block_start = li + 1;
            out.wide_rows = false;
            out.table += 1;
            continue;
        };
        let at_block = li - block_start;
        let class = if is_rule(inner) {
            None
        } else if is_dash_row(inner) {
            // GFM's delimiter row is the block's second; a row of dashes
            // among header rows stands for merged cells. Only the block's
            // last rows of dashes are a row of zeros (an empty Table 4).
            let rest_dashes = dashes_on[li + 1];
            match (at_block, rest_dashes) {
                (1, _) => None,
                (_, false) => Some(RowClass::Nothing),
                (_, true) => Some(RowClass::Data),
            }
        } else {
            Some(RowClass::Data)
        };
        if let Some(class) = class {
            let lead = line.chars().take_while(|c| c.is_whitespace()).count() + 1;
            let mut cells: Vec<CellBuf> = Vec::new();
            let mut pos = offset + lead;
            for c in inner.split('|') {
                let len = c.chars().count();
                let lead = c.chars().take_while(|ch| ch.is_whitespace()).count();
                let chars: Vec<char> = c.trim().chars().collect();
                let src: Vec<usize> = (0..chars.len()).map(|k| pos + lead + k).collect();
                let (chars, src) = drop_line_breaks(chars, src);
                let end = (!chars.is_empty()).then_some(pos + len);
                cells.push(CellBuf {
                    chars,
                    src,
                    start: pos,
                    end,
                });
                pos += len + 1;
            }
            let texts: Vec<String> = cells.iter().map(|c| c.chars.iter().collect()).collect();
            // Empty cells before a row's label stand for merged (rowspan) label cells.
            let skip = leading_label_blanks(&texts.iter().map(String::as_str).collect::<Vec<_>>());
            let kinds: Vec<CellKind> = cells[skip..].iter().map(|c| cell_kind(&c.chars)).collect();
            let class = match class {
                RowClass::Data => row_class(&cells, &kinds, skip, true),
                c => c,
            };
            emit_row(&mut out, cells, &kinds, skip, class);
        }
        offset += n;
    }
    Doc::with_marks(out.chars, out.src, out.marks)
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

    /// The doc's text with ignored chars as `#`, and its header rows.
    fn masked(d: &Doc) -> (String, Vec<String>) {
        let t = (0..d.chars.len())
            .map(|i| if d.is_ignored(i) { '#' } else { d.chars[i] })
            .collect();
        let h = d
            .header_rows
            .iter()
            .map(|r| d.text(r.start, r.end).replace('\n', " ").trim().to_string())
            .collect();
        (t, h)
    }

    #[test]
    fn digits_of_label_cells_are_not_values() {
        let d = markdown_to_doc(
            "| 类别 | 数据1 | 数据2 | 总计 |\n| --- | --- | --- | --- |\n| 1.属于国家秘密 | 1 | 0 | 1 |\n",
        );
        let (t, h) = masked(&d);
        assert_eq!(t, "类别\n数据#\n数据#\n总计\n#.属于国家秘密\n1\n0\n1\n");
        assert_eq!(h, ["类别 数据1 数据2 总计"]);
        // Alone, a one-cell row is prose to the text reader: not masked;
        // in a table, a note.
        let d = markdown_to_doc("| 第1项 |\n");
        assert_eq!(masked(&d).0, "第1项\n");
        let d = markdown_to_doc("| 规章 | 1 |\n| 注：1.本表 |\n| 5 |\n");
        assert_eq!(masked(&d).0, "规章\n1\n注：#.本表\n5\n");
    }

    #[test]
    fn header_rows_give_no_blanks_and_data_rows_do() {
        // A label after an empty cell: a header under merged cells.
        let d = markdown_to_doc("| 自然人 | 法人或其他组织 |  |  | 总计 |\n");
        assert_eq!(masked(&d).0, "自然人\n法人或其他组织\n总计\n");
        // Labels then blanks: a row with blank values.
        let d = markdown_to_doc("| （三）不予公开 | 1.属于国家秘密 | 1.属于国家秘密 |  |  |\n");
        assert_eq!(
            masked(&d).0,
            "（三）不予公开\n#.属于国家秘密\n#.属于国家秘密\n\u{E000}\n\u{E000}\n"
        );
        assert!(d.header_rows.is_empty());
    }

    #[test]
    fn rows_of_dashes() {
        // The block's second row is GFM's delimiter.
        let d = markdown_to_doc("| 项目 | 自然人 | 总计 |\n| - | - | - |\n| 规章 | 1 | 1 |\n");
        assert_eq!(masked(&d).0, "项目\n自然人\n总计\n规章\n1\n1\n");
        // Among header rows: merged cells; dashes before a label: a header.
        let d = markdown_to_doc(
            "| 申请人情况 | 申请人情况 | 申请人情况 |\n| --- | --- | --- |\n| - | - | - |\n| - | 自然人 | 总计 |\n| 规章 | 1 | 1 |\n",
        );
        let (t, h) = masked(&d);
        assert_eq!(
            t,
            "申请人情况\n申请人情况\n申请人情况\n#####\n#\n自然人\n总计\n规章\n1\n1\n"
        );
        assert_eq!(h.len(), 3);
        // The block's last rows: zeros (an empty Table 4).
        let d = markdown_to_doc("| 结果维持 | 总计 |\n| --- | --- |\n| - | - |\n");
        assert_eq!(masked(&d).0, "结果维持\n总计\n-\n-\n");
    }

    #[test]
    fn glyph_and_footer_cells() {
        let (d, _) = html_to_doc(
            "<table><tr><td>1.属于国家秘密</td><td>☑</td><td>3</td></tr><tr><td></td><td>第 8 页</td><td></td></tr></table>",
        );
        let (t, h) = masked(&d);
        assert_eq!(t, "#.属于国家秘密\n#\n3\n#####\n");
        assert_eq!(h, ["第 8 页"]);
    }

    #[test]
    fn line_breaks_in_markdown_cells() {
        let md = "| 统计指标 | 单位 | 统计数 |\n| --- | --- | --- |\n| 法律法规规<br>定的其他情形 | 件 | 0 |\n| 6.申请<BR />信息不存在数 | 件 | 1 |\n";
        assert!(!looks_like_html(md) && looks_like_markdown(md));
        assert!(looks_like_html("<p>一、总体情况<br>二</p>"));
        assert!(looks_like_html("一、总体情况<br>二"));
        let d = markdown_to_doc(md);
        assert_eq!(
            masked(&d).0,
            "统计指标\n单位\n统计数\n法律法规规定的其他情形\n件\n0\n#.申请信息不存在数\n件\n1\n"
        );
    }

    #[test]
    fn markdown_tables() {
        let d = markdown_to_doc("# x\n| 行政复议 | 1 |  |\n|---|---|---|\n| a | b |\n");
        assert_eq!(text(&d), "# x\n行政复议\n1\n\u{E000}\na\nb\n");
    }
}
