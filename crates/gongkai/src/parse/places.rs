//! Where each cell was read, in terms a person can find: line and column of
//! the text given to `parse`, table / row / cell of an HTML (or Word) table,
//! page and box of a PDF. Computed once from the cells' spans, so every
//! input kind shares one mapping.

use std::collections::BTreeMap;

use crate::model::Place;

/// Line and column (from 1, in chars) of every span's start in `text`.
pub fn lines_and_columns(
    text: &str,
    spans: &BTreeMap<String, [usize; 2]>,
) -> Vec<(String, u32, u32)> {
    // Char offsets of line starts, found in one pass.
    let mut starts = vec![0usize];
    for (i, c) in text.chars().enumerate() {
        if c == '\n' {
            starts.push(i + 1);
        }
    }
    spans
        .iter()
        .map(|(a, s)| {
            let line = starts.partition_point(|&l| l <= s[0]).max(1);
            let column = s[0] - starts[line - 1] + 1;
            (a.clone(), to_u32(line), to_u32(column))
        })
        .collect()
}

/// Table, row and cell (from 1) of every span's start in `html`: the `<td>`
/// or `<th>` it falls in, counting tables, their rows and each row's cells
/// in document order (a nested table counts as the next table).
pub fn html_cells(html: &str, spans: &BTreeMap<String, [usize; 2]>) -> Vec<(String, [u32; 3])> {
    // (char offset of the cell's start tag, table, row, cell)
    let mut cells: Vec<(usize, [u32; 3])> = Vec::new();
    let (mut table, mut row, mut cell) = (0u32, 0u32, 0u32);
    for (ci, (bi, c)) in html.char_indices().enumerate() {
        if c != '<' {
            continue;
        }
        let rest = &html.as_bytes()[bi + 1..];
        let name: Vec<u8> = rest
            .iter()
            .take(6)
            .take_while(|b| b.is_ascii_alphabetic())
            .map(u8::to_ascii_lowercase)
            .collect();
        match name.as_slice() {
            b"table" => (table, row, cell) = (table + 1, 0, 0),
            b"tr" => (row, cell) = (row + 1, 0),
            b"td" | b"th" => {
                cell += 1;
                cells.push((ci, [table.max(1), row.max(1), cell]));
            }
            _ => {}
        }
    }
    spans
        .iter()
        .filter_map(|(a, s)| {
            let k = cells.partition_point(|c| c.0 <= s[0]);
            (k > 0).then(|| (a.clone(), cells[k - 1].1))
        })
        .collect()
}

/// Sets the places of a report's cells from their spans: lines and columns
/// for any text, table / row / cell when the text is HTML.
pub fn places_of(
    text: &str,
    html: bool,
    spans: &BTreeMap<String, [usize; 2]>,
    lines: bool,
) -> BTreeMap<String, Place> {
    let mut out: BTreeMap<String, Place> = BTreeMap::new();
    if lines {
        for (a, line, column) in lines_and_columns(text, spans) {
            let p = out.entry(a).or_default();
            p.line = Some(line);
            p.column = Some(column);
        }
    }
    if html {
        for (a, [t, r, c]) in html_cells(text, spans) {
            let p = out.entry(a).or_default();
            p.table = Some(t);
            p.row = Some(r);
            p.cell = Some(c);
        }
    }
    out
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(v: &[(&str, usize)]) -> BTreeMap<String, [usize; 2]> {
        v.iter()
            .map(|(a, s)| (a.to_string(), [*s, *s + 1]))
            .collect()
    }

    #[test]
    fn lines_and_columns_count_chars_from_one() {
        let text = "一、总体\n规章 13 0\n𠀀 7";
        let s = spans(&[("a", 8), ("b", 15)]);
        let got = lines_and_columns(text, &s);
        assert_eq!(got[0], ("a".to_string(), 2, 4));
        // A char outside the BMP counts as one.
        assert_eq!(got[1], ("b".to_string(), 3, 3));
    }

    #[test]
    fn html_cells_count_tables_rows_and_cells() {
        let html = "<p>x</p><table><tr><td>规章</td><td>13</td></tr><tr><td>a</td><td>7</td></tr></table><table><tr><th>9</th></tr></table>";
        let at = |needle: &str| {
            html.find(needle)
                .map(|b| html[..b].chars().count())
                .unwrap()
        };
        let s = spans(&[("x", at("13")), ("y", at("7<")), ("z", at("9"))]);
        let got: BTreeMap<String, [u32; 3]> = html_cells(html, &s).into_iter().collect();
        assert_eq!(got["x"], [1, 1, 2]);
        assert_eq!(got["y"], [1, 2, 2]);
        assert_eq!(got["z"], [2, 1, 1]);
    }
}
