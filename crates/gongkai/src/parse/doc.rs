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
    /// Dash-wrapped page numbers (`- 3 -`) and similar: ranges of `chars`
    /// whose digits are not table values.
    pub ignored: Vec<(usize, usize)>,
    /// `ignored` as one flag per char, for the scanner's hot loop.
    ignored_mask: Vec<bool>,
}

impl Doc {
    /// A document from converted text and its source map.
    pub fn new(chars: Vec<char>, src: Vec<usize>) -> Doc {
        let mut doc = Doc {
            chars,
            src,
            ..Doc::default()
        };
        doc.build_label_stream();
        doc.find_page_numbers();
        doc
    }

    /// A document from plain text (the source itself).
    pub fn from_text(text: &str) -> Doc {
        let chars: Vec<char> = text.chars().collect();
        let src = (0..chars.len()).collect();
        Doc::new(chars, src)
    }

    fn build_label_stream(&mut self) {
        let mut lab = String::with_capacity(self.chars.len() * 3);
        let mut at = Vec::with_capacity(self.chars.len() * 3);
        let mut prev_digit = false;
        for (i, &c) in self.chars.iter().enumerate() {
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

    /// Lines that are only a page number wrapped in dashes: `-3-`, `- 12 -`, `— 3 —`.
    fn find_page_numbers(&mut self) {
        let mut start = 0;
        while start < self.chars.len() {
            let end = self.chars[start..]
                .iter()
                .position(|&c| c == '\n')
                .map_or(self.chars.len(), |p| start + p);
            let raw: String = self.chars[start..end].iter().collect();
            let line: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
            let pieces: Vec<&str> = raw.split_whitespace().collect();
            let is_dash = |c: char| matches!(c, '-' | '—' | '–' | '－');
            let dashes =
                |p: &str| !p.is_empty() && p.chars().count() <= 2 && p.chars().all(is_dash);
            let digits =
                |p: &str| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit());
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
            let page = wrapped
                || (line.starts_with('第') && line.ends_with('页') && line.chars().count() <= 8)
                || (pieces.len() == 1 && line.len() <= 9 && is_page_of(&line));
            if page {
                self.ignored.push((start, end));
            }
            start = end + 1;
        }
        self.ignored_mask = vec![false; self.chars.len()];
        for &(s, e) in &self.ignored {
            for f in &mut self.ignored_mask[s..e.min(self.chars.len())] {
                *f = true;
            }
        }
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

    pub fn text(&self, a: usize, b: usize) -> String {
        self.chars[a.min(self.chars.len())..b.min(self.chars.len())]
            .iter()
            .collect()
    }
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
    fn page_numbers_are_ignored() {
        let d =
            Doc::from_text("a 1 2\n      -3-\n- 12 -\n第 4 页\n 7\n1 1 / 0 0 0 2\n— — 0 — — — —\n");
        assert_eq!(d.ignored.len(), 3);
        let seven = d.chars.iter().position(|&c| c == '7').unwrap();
        assert!(!d.is_ignored(seven));
    }
}
