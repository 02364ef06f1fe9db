//! Value tokens in a stretch of text: numbers (possibly several cells glued
//! together), printed zeros (无, —, /) and blank cells.

use super::doc::{Doc, BLANK_CELL};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokKind {
    /// Digits, maybe a sign, a decimal part and a unit: `217`, `-185`,
    /// `18651.06`, `251000元`. A run of digits may hold several glued cells.
    Number,
    /// A printed zero: 无, —, /, －.
    Zero,
    /// A cell printed empty.
    Blank,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tok {
    pub kind: TokKind,
    /// The token normalised: ASCII digits, `-` sign, `.`; no unit.
    pub text: String,
    /// A unit printed right after the number (元, 万元).
    pub unit: Option<&'static str>,
    /// Chars `[start, end)` of the doc.
    pub start: usize,
    pub end: usize,
}

fn digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

fn is_sep(c: Option<&char>) -> bool {
    match c {
        None => true,
        Some(&c) => {
            c.is_whitespace() || c == BLANK_CELL || c == '|' || c == '\u{a0}' || c == '\u{3000}'
        }
    }
}

const ZERO_WORDS: &[&str] = &[
    "——", "――", "--", "无", "無", "—", "―", "－", "-", "/", "／", "–", "零",
];

/// What the text rendering prints for an empty cell.
pub const EMPTY_MARK: &str = "（空）";

/// The length of an empty-cell mark (（空）or (空)) standing alone at `i`.
fn empty_mark(cs: &[char], i: usize, b: usize) -> Option<usize> {
    let open = matches!(cs.get(i), Some('（' | '('));
    let n = 3;
    (open
        && i + n <= b
        && cs[i + 1] == '空'
        && matches!(cs[i + 2], '）' | ')')
        && (i == 0 || is_sep(cs.get(i - 1)))
        && is_sep(cs.get(i + n)))
    .then_some(n)
}

/// Scans chars `[a, b)` of the doc for value tokens.
pub fn scan(doc: &Doc, a: usize, b: usize) -> Vec<Tok> {
    let cs = &doc.chars;
    let b = b.min(cs.len());
    let mut out = Vec::new();
    let mut i = a;
    while i < b {
        let c = cs[i];
        if c == BLANK_CELL {
            out.push(Tok {
                kind: TokKind::Blank,
                text: String::new(),
                unit: None,
                start: i,
                end: i + 1,
            });
            i += 1;
            continue;
        }
        if doc.is_ignored(i) {
            i += 1;
            continue;
        }
        // （空）: how gongkai's text rendering prints an empty cell.
        if let Some(n) = empty_mark(cs, i, b) {
            out.push(Tok {
                kind: TokKind::Blank,
                text: String::new(),
                unit: None,
                start: i,
                end: i + n,
            });
            i += n;
            continue;
        }
        // A signed number: +12, -3, −3, 减少3, 增加3.
        let (sign, skip) = if matches!(c, '+' | '＋') && i + 1 < b && digit(cs[i + 1]).is_some() {
            ("", 1)
        } else if matches!(c, '-' | '－' | '−' | '﹣') && i + 1 < b && digit(cs[i + 1]).is_some()
        {
            ("-", 1)
        } else if c == '减' && i + 2 < b && cs[i + 1] == '少' && digit(cs[i + 2]).is_some() {
            ("-", 2)
        } else if c == '增' && i + 2 < b && cs[i + 1] == '加' && digit(cs[i + 2]).is_some() {
            ("", 2)
        } else {
            ("", 0)
        };
        if digit(cs[i + skip.min(b - i - 1)]).is_some() && (skip > 0 || digit(c).is_some()) {
            let start = i;
            let mut j = i + skip;
            let mut text = String::from(sign);
            let mut seen_point = false;
            while j < b {
                if let Some(d) = digit(cs[j]) {
                    text.push(d);
                    j += 1;
                } else if matches!(cs[j], '.' | '．')
                    && !seen_point
                    && j + 1 < b
                    && digit(cs[j + 1]).is_some()
                {
                    seen_point = true;
                    text.push('.');
                    j += 1;
                } else if matches!(cs[j], ',' | '，')
                    && j + 3 < b
                    && (1..=3).all(|k| digit(cs[j + k]).is_some())
                    && (j + 4 >= b || digit(cs[j + 4]).is_none())
                    && !seen_point
                {
                    // A thousands separator: 1,234 (but not 1,2345).
                    j += 1;
                } else {
                    break;
                }
            }
            let mut unit = None;
            if j + 1 < b + 1 && cs.get(j) == Some(&'万') && cs.get(j + 1) == Some(&'元') {
                unit = Some("万元");
                j += 2;
            } else if cs.get(j) == Some(&'元') {
                unit = Some("元");
                j += 1;
            }
            out.push(Tok {
                kind: TokKind::Number,
                text,
                unit,
                start,
                end: j,
            });
            i = j;
            continue;
        }
        // A printed zero standing alone between separators.
        if is_sep(if i == 0 { None } else { cs.get(i - 1) }) || i == a {
            let mut hit = None;
            for w in ZERO_WORDS {
                let n = w.chars().count();
                if i + n <= b && cs[i..i + n].iter().copied().eq(w.chars()) && is_sep(cs.get(i + n))
                {
                    hit = Some(n);
                    break;
                }
            }
            if let Some(n) = hit {
                out.push(Tok {
                    kind: TokKind::Zero,
                    text: "0".into(),
                    unit: None,
                    start: i,
                    end: i + n,
                });
                i += n;
                continue;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        let d = Doc::from_text(s);
        scan(&d, 0, d.chars.len())
            .into_iter()
            .map(|t| match t.kind {
                TokKind::Number => format!("{}{}", t.text, t.unit.unwrap_or("")),
                TokKind::Zero => "Z".into(),
                TokKind::Blank => "B".into(),
            })
            .collect()
    }

    #[test]
    fn reads_numbers_zeros_and_glued_runs() {
        assert_eq!(texts("条\n  4846\n 无\n"), ["4846", "Z"]);
        assert_eq!(texts("200 000121"), ["200", "000121"]);
        assert_eq!(texts("2648-18538"), ["2648", "-18538"]);
        assert_eq!(texts("采购39573802895.90元"), ["39573802895.90元"]);
        assert_eq!(texts("减少3 增加12 +1036"), ["-3", "12", "1036"]);
        assert_eq!(texts("1,234 5，678"), ["1234", "5678"]);
        assert_eq!(texts("无法提供 / —"), ["Z", "Z"]);
        assert_eq!(texts("１２３"), ["123"]);
        assert_eq!(texts("a\u{E000}b"), ["B"]);
    }

    #[test]
    fn skips_page_numbers() {
        assert_eq!(texts("1 2\n   -3-\n4"), ["1", "2", "4"]);
    }
}
