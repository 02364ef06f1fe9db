//! The text the reader works on: the source converted to plain text (HTML
//! and Markdown tables become one cell per line), with every character
//! mapped back to its offset in the source, so findings can point at it.

use super::normalize::fold;

/// Marks a table cell that the source printed empty (HTML `&nbsp;`, an
/// empty Markdown cell): a blank value, not a missing one.
pub const BLANK_CELL: char = '\u{E000}';

/// Converted text with a source map.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub chars: Vec<char>,
    /// For each char, its offset (in chars) in the original source.
    pub src: Vec<usize>,
    /// The folded label stream (no whitespace, no digits), as a string.
    pub lab: String,
    /// For each byte of `lab`, the index in `chars` of the char it came from.
    pub lab_at: Vec<u32>,
    /// Ranges of `chars` whose digits are not table values: page-number
    /// lines (`- 3 -`, `第4页`), and in structured tables the numbers of
    /// cells that are not value cells (`1.属于国家秘密`, `数据3`), glyph and
    /// page-footer cells, rows of dashes among header rows.
    pub ignored: Vec<(usize, usize)>,
    /// Header rows of structured tables (≥3 cells, none a value, or a
    /// row of `-` among header rows): they hold no values, and none of the
    /// form's rows past their first cell, though a table's anchor or a
    /// column label may be there. Sorted.
    pub header_rows: Vec<HeaderRow>,
    /// Every printed row of a structured table (an HTML `<tr>`, a Markdown
    /// pipe row), in order: a row's values are the cells of its own row.
    /// Empty for plain text and `pdftotext` output. Sorted.
    pub rows: Vec<TableRow>,
    /// `ignored` as one flag per char, for the scanner's hot loop.
    ignored_mask: Vec<bool>,
}

/// What the structure of a table source says about its converted text:
/// chars whose digits are not values, and header rows.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    pub ignored: Vec<(usize, usize)>,
    pub header_rows: Vec<HeaderRow>,
    pub rows: Vec<TableRow>,
    /// Text of structured tables that is no part of any label: value cells
    /// (`无`, `—`, `5件`), unit cells (`件`), glyph and page-footer cells,
    /// rows of nothing. A label broken over two rows around them is still
    /// one label.
    pub not_label: Vec<(usize, usize)>,
}

/// A printed row of a structured table, in chars of the doc: where it is,
/// which table it is in and what its cells are, so that a row of the form
/// takes its values from its own printed row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct TableRow {
    pub start: usize,
    pub end: usize,
    /// The source table it is in, counted from 0 (a Markdown block of pipe
    /// rows, an HTML `<table>`).
    pub table: u32,
    /// How many cells it prints, empty ones included.
    pub cells: u32,
    /// Where its first cell ends (its line break included).
    pub first_end: usize,
    /// Its first cell is empty or a glyph (`□`, `☑`): in a row with no
    /// label, the label column left empty.
    pub first_empty: bool,
    /// One of its cells is a label (words): a row with none is a row of
    /// values whose label was printed apart.
    pub labeled: bool,
    /// It may give values: not a header row, nor a row of only page
    /// footers or glyphs.
    pub data: bool,
}

/// A header row of a structured table, in chars of the doc.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct HeaderRow {
    pub start: usize,
    /// Where its first cell ends: a row label may be matched before (a
    /// row whose values are words, `| 会议 | 次 | 两次 |`, looks like a
    /// header), never after.
    pub body: usize,
    pub end: usize,
}

impl Doc {
    /// A document from converted text and its source map.
    pub fn new(chars: Vec<char>, src: Vec<usize>) -> Doc {
        Doc::with_marks(chars, src, Marks::default())
    }

    /// A document from converted text, its source map and what the
    /// source's table structure marked in it.
    pub fn with_marks(chars: Vec<char>, src: Vec<usize>, marks: Marks) -> Doc {
        let mut doc = Doc {
            chars,
            src,
            ignored: marks.ignored,
            header_rows: marks.header_rows,
            rows: marks.rows,
            ..Doc::default()
        };
        let pages = doc.ignored.len();
        doc.find_page_numbers();
        let mut not_label = marks.not_label;
        // Between the rows of a structured table, a page number is no part
        // of a label a page break cut (`5.属于` / `第2页` / `三类内部事务信息`).
        if !doc.rows.is_empty() {
            not_label.extend_from_slice(&doc.ignored[pages..]);
        }
        not_label.sort_unstable();
        doc.build_label_stream(&not_label);
        doc.build_masks();
        doc
    }

    /// A document from plain text (the source itself).
    pub fn from_text(text: &str) -> Doc {
        let chars: Vec<char> = text.chars().collect();
        let src = (0..chars.len()).collect();
        Doc::new(chars, src)
    }

    /// The label stream: every char folded, but digits, blank markers and
    /// the chars of the `skip` ranges (sorted).
    fn build_label_stream(&mut self, skip: &[(usize, usize)]) {
        let mut lab = String::with_capacity(self.chars.len() * 3);
        let mut at = Vec::with_capacity(self.chars.len() * 3);
        let mut prev_digit = false;
        let mut v = 0;
        for (i, &c) in self.chars.iter().enumerate() {
            while v < skip.len() && skip[v].1 <= i {
                v += 1;
            }
            if skip.get(v).is_some_and(|r| r.0 <= i) {
                prev_digit = false;
                continue;
            }
            if c.is_ascii_digit() || ('０'..='９').contains(&c) {
                prev_digit = true;
                continue;
            }
            let c = if prev_digit && matches!(c, '、' | '，' | ',' | '．') {
                '.'
            } else {
                c
            };
            prev_digit = false;
            if c == BLANK_CELL {
                continue;
            }
            if let Some(f) = fold(c) {
                let before = lab.len();
                lab.push(f);
                at.resize(lab.len(), 0);
                for slot in &mut at[before..] {
                    *slot = i as u32;
                }
            }
        }
        self.lab = lab;
        self.lab_at = at;
    }

    /// Lines that are only a page number: `-3-`, `- 12 -`, `— 3 —`, `第4页`, `3/10`.
    fn find_page_numbers(&mut self) {
        let mut start = 0;
        while start < self.chars.len() {
            let end = self.chars[start..]
                .iter()
                .position(|&c| c == '\n')
                .map_or(self.chars.len(), |p| start + p);
            let raw: String = self.chars[start..end].iter().collect();
            if is_page_line(&raw) {
                self.ignored.push((start, end));
            }
            start = end + 1;
        }
    }

    fn build_masks(&mut self) {
        self.ignored_mask = vec![false; self.chars.len()];
        let n = self.chars.len();
        for &(s, e) in &self.ignored {
            for f in &mut self.ignored_mask[s.min(n)..e.clamp(s.min(n), n)] {
                *f = true;
            }
        }
        self.header_rows.sort_unstable();
        self.rows.sort_unstable();
    }

    /// The index in `chars` of the label-stream byte `b`.
    pub fn char_of_lab(&self, b: usize) -> usize {
        if b >= self.lab_at.len() {
            return self.chars.len();
        }
        self.lab_at[b] as usize
    }

    pub fn is_ignored(&self, i: usize) -> bool {
        self.ignored_mask.get(i).copied().unwrap_or(false)
    }

    /// Whether char `i` is inside a header row of a structured table, past
    /// its first cell: no row of the form starts there.
    pub fn in_header_row(&self, i: usize) -> bool {
        let k = self.header_rows.partition_point(|r| r.start <= i);
        k > 0 && self.header_rows[k - 1].body <= i && i < self.header_rows[k - 1].end
    }

    /// The index in `rows` of the structured table row that holds char `i`.
    pub fn row_at(&self, i: usize) -> Option<usize> {
        let k = self.rows.partition_point(|r| r.start <= i);
        (k > 0 && i < self.rows[k - 1].end).then(|| k - 1)
    }

    /// The source offsets of chars `[a, b)`.
    pub fn span(&self, a: usize, b: usize) -> (usize, usize) {
        let s = self.src.get(a).copied().unwrap_or(0);
        let e = if b == 0 {
            s
        } else {
            self.src.get(b - 1).map_or(s, |x| x + 1)
        };
        (s, e)
    }

    /// The text of chars `[a, b)` (empty when `b <= a`).
    pub fn text(&self, a: usize, b: usize) -> String {
        let b = b.min(self.chars.len());
        self.chars[a.min(b)..b].iter().collect()
    }
}

/// A line (or a table cell) that is only a page number: `-3-`, `- 12 -`,
/// `— 3 —`, `第 4 页`, `3/10`.
pub fn is_page_line(raw: &str) -> bool {
    let line: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let pieces: Vec<&str> = raw.split_whitespace().collect();
    let is_dash = |c: char| matches!(c, '-' | '—' | '–' | '－');
    let dashes = |p: &str| !p.is_empty() && p.chars().count() <= 2 && p.chars().all(is_dash);
    let digits = |p: &str| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit());
    // "-3-", "- 3 -", "— 3 —": one number between single dashes, alone on its line.
    let wrapped = match pieces.as_slice() {
        [a, n, b] => dashes(a) && digits(n) && dashes(b),
        [one] => {
            let inner = one.trim_start_matches(is_dash).trim_end_matches(is_dash);
            let (l, r) = (
                one.len() - one.trim_start_matches(is_dash).len(),
                one.len() - one.trim_end_matches(is_dash).len(),
            );
            digits(inner) && l > 0 && r > 0 && l <= 6 && r <= 6
        }
        _ => false,
    };
    wrapped
        || (line.starts_with('第') && line.ends_with('页') && line.chars().count() <= 8)
        || (pieces.len() == 1 && line.len() <= 9 && is_page_of(&line))
}

/// `3/10`: a page number of a page count.
fn is_page_of(s: &str) -> bool {
    match s.split_once('/') {
        Some((a, b)) => {
            !a.is_empty()
                && !b.is_empty()
                && a.chars().all(|c| c.is_ascii_digit())
                && b.chars().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_stream_drops_digits_and_space_and_maps_back() {
        let d = Doc::from_text("1.属于国家秘密0000000\n2、其他 法律");
        assert_eq!(d.lab, ".属于国家秘密.其他法律");
        let b = d.lab.find("其他").unwrap();
        assert_eq!(d.chars[d.char_of_lab(b)], '其');
    }

    #[test]
    fn header_rows_past_their_first_cell() {
        let text = "项目\n予以公开\n部分公开\n";
        let marks = Marks {
            header_rows: vec![HeaderRow {
                start: 0,
                body: 2,
                end: text.chars().count(),
            }],
            ..Marks::default()
        };
        let d = Doc::with_marks(
            text.chars().collect(),
            (0..text.chars().count()).collect(),
            marks,
        );
        assert!(!d.in_header_row(0) && !d.in_header_row(1));
        assert!(d.in_header_row(3) && d.in_header_row(8));
        assert!(!d.in_header_row(text.chars().count()));
    }

    #[test]
    fn page_numbers_are_ignored() {
        let d =
            Doc::from_text("a 1 2\n      -3-\n- 12 -\n第 4 页\n 7\n1 1 / 0 0 0 2\n— — 0 — — — —\n");
        assert_eq!(d.ignored.len(), 3);
        let seven = d.chars.iter().position(|&c| c == '7').unwrap();
        assert!(!d.is_ignored(seven));
    }
}
