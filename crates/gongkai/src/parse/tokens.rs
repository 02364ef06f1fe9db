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
    scan_chars(&doc.chars, a, b, |i| doc.is_ignored(i))
}

/// Scans chars `[a, b)` of `cs` for value tokens; a char for which
/// `ignored` holds is no part of any token.
pub fn scan_chars(cs: &[char], a: usize, b: usize, ignored: impl Fn(usize) -> bool) -> Vec<Tok> {
    let b = b.min(cs.len());
    // A digit that is not ignored.
    let dig = |j: usize| if ignored(j) { None } else { digit(cs[j]) };
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
        if ignored(i) {
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
        let (sign, skip) = if matches!(c, '+' | '＋') && i + 1 < b && dig(i + 1).is_some() {
            ("", 1)
        } else if matches!(c, '-' | '－' | '−' | '﹣') && i + 1 < b && dig(i + 1).is_some() {
            ("-", 1)
        } else if c == '减' && i + 2 < b && cs[i + 1] == '少' && dig(i + 2).is_some() {
            ("-", 2)
        } else if c == '增' && i + 2 < b && cs[i + 1] == '加' && dig(i + 2).is_some() {
            ("", 2)
        } else {
            ("", 0)
        };
        if dig(i + skip.min(b - i - 1)).is_some() && (skip > 0 || dig(i).is_some()) {
            let start = i;
            let mut j = i + skip;
            let mut text = String::from(sign);
            let mut seen_point = false;
            while j < b {
                if let Some(d) = dig(j) {
                    text.push(d);
                    j += 1;
                } else if matches!(cs[j], '.' | '．')
                    && !seen_point
                    && j + 1 < b
                    && dig(j + 1).is_some()
                {
                    seen_point = true;
                    text.push('.');
                    j += 1;
                } else if matches!(cs[j], ',' | '，')
                    && j + 3 < b
                    && (1..=3).all(|k| dig(j + k).is_some())
                    && (j + 4 >= b || dig(j + 4).is_none())
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
                if i + n <= b
                    && cs[i..i + n].iter().copied().eq(w.chars())
                    && !(i..i + n).any(&ignored)
                    && is_sep(cs.get(i + n))
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

/// What a cell of a structured table (an HTML `<td>`, a Markdown pipe
/// cell) holds, judged from its whole text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// Nothing: a blank value.
    Blank,
    /// Only value tokens: numbers (with a unit: 件, 万元, %), signed
    /// deltas, the printed zeros 无 0 － — ― / ／ -.
    Value,
    /// A check box or mark (□ ☑ ✓ ● …): never a value.
    Glyph,
    /// A page footer (`— 4 —`, `第4页`, `4/10`): never a value.
    PageFooter,
    /// Anything else — a label (`1.属于国家秘密`), a column name (`数据3`):
    /// its digits are never values.
    Label,
}

/// Glyphs that tick or mark a cell.
const GLYPHS: &[char] = &[
    '□', '☑', '☐', '☒', '✓', '✔', '√', '■', '●', '○', '◆', '◇', '▲', '△', '★', '☆',
];

/// Units a value cell may print after its number.
const CELL_UNITS: &[&str] = &[
    "人次", "万元", "件", "项", "項", "条", "條", "个", "個", "次", "人", "家", "宗", "起", "份",
    "篇", "元", "万", "%", "％",
];

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}' || c == '\u{200b}'
}

/// The kind of a structured table's cell from its text.
pub fn cell_kind(text: &[char]) -> CellKind {
    let a = text
        .iter()
        .position(|&c| !is_space(c))
        .unwrap_or(text.len());
    let b = text
        .iter()
        .rposition(|&c| !is_space(c))
        .map_or(a, |p| p + 1);
    let cs = &text[a..b];
    if cs.iter().all(|&c| c == BLANK_CELL) {
        return CellKind::Blank;
    }
    // Markdown emphasis around a value: **21**, `0`.
    let markup = |c: char| matches!(c, '*' | '_' | '`' | '~');
    let inner_a = cs
        .iter()
        .position(|&c| !markup(c) && !is_space(c))
        .unwrap_or(cs.len());
    let inner_b = cs
        .iter()
        .rposition(|&c| !markup(c) && !is_space(c))
        .map_or(inner_a, |p| p + 1);
    if inner_a >= inner_b {
        return CellKind::Label;
    }
    let cs = &cs[inner_a..inner_b];
    // The common case first: a plain number.
    if cs.iter().all(|&c| digit(c).is_some()) {
        return CellKind::Value;
    }
    if cs.iter().any(|&c| digit(c).is_some())
        && super::doc::is_page_line(&cs.iter().collect::<String>())
    {
        return CellKind::PageFooter;
    }
    if cs.iter().all(|&c| is_space(c) || GLYPHS.contains(&c)) {
        return CellKind::Glyph;
    }
    let toks = scan_chars(cs, 0, cs.len(), |_| false);
    if toks.is_empty() {
        return CellKind::Label;
    }
    // Every char is a token's, a space, or a unit or note mark right after a number.
    let mut i = 0;
    let mut after_number = false;
    let mut k = 0;
    while i < cs.len() {
        if let Some(tok) = toks.get(k).filter(|tok| tok.start == i) {
            after_number = tok.kind == TokKind::Number;
            i = tok.end;
            k += 1;
            continue;
        }
        if is_space(cs[i]) {
            i += 1;
            continue;
        }
        if after_number {
            if let Some(n) = unit_at(cs, i) {
                i += n;
                after_number = false;
                continue;
            }
            if matches!(cs[i], '*' | '＊' | '※') {
                i += 1;
                continue;
            }
        }
        return CellKind::Label;
    }
    CellKind::Value
}

/// Whether a cell's whole text is a unit (`件`, `（项）`, `万元`): a unit
/// column's cell, neither a label nor a value.
pub fn is_unit_cell(text: &[char]) -> bool {
    let cs: Vec<char> = text.iter().copied().filter(|&c| !is_space(c)).collect();
    !cs.is_empty() && unit_at(&cs, 0) == Some(cs.len())
}

/// The length of a unit at `i`, bare (件) or in brackets (（件）).
fn unit_at(cs: &[char], i: usize) -> Option<usize> {
    let starts = |at: usize, w: &str| {
        let n = w.chars().count();
        at + n <= cs.len() && cs[at..at + n].iter().copied().eq(w.chars())
    };
    for u in CELL_UNITS {
        let n = u.chars().count();
        if starts(i, u) {
            return Some(n);
        }
        if matches!(cs[i], '（' | '(')
            && starts(i + 1, u)
            && matches!(cs.get(i + 1 + n), Some('）' | ')'))
        {
            return Some(n + 2);
        }
    }
    None
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

    fn kind(s: &str) -> CellKind {
        cell_kind(&s.chars().collect::<Vec<_>>())
    }

    #[test]
    fn a_cell_is_a_value_only_when_all_of_it_is() {
        for v in [
            "217",
            " 0 ",
            "无",
            "—",
            "―",
            "/",
            "／",
            "－",
            "-",
            "--",
            "18651.06",
            "12.5万元",
            "5件",
            "3 项",
            "1,234",
            "+1036",
            "-3",
            "减少3",
            "6000017",
            "0 0",
            "（空）",
            "**21**",
            "7（件）",
            "5%",
        ] {
            assert_eq!(kind(v), CellKind::Value, "{v:?}");
        }
        for l in [
            "1.属于国家秘密",
            "数据3",
            "列2",
            "第1项",
            "Column 3",
            "总计",
            "无法提供",
            "3注",
            "增3",
            "*",
        ] {
            assert_eq!(kind(l), CellKind::Label, "{l:?}");
        }
        for g in ["□", "☑", "☐", "✓", "✔", "■", "●", "○", "☑ ☐"] {
            assert_eq!(kind(g), CellKind::Glyph, "{g:?}");
        }
        for p in ["— 4 —", "- 4 -", "-4-", "第4页", "第 4 页", "4/10"] {
            assert_eq!(kind(p), CellKind::PageFooter, "{p:?}");
        }
        for b in ["", "  ", "\u{a0}", "\u{3000}", "\u{E000}"] {
            assert_eq!(kind(b), CellKind::Blank, "{b:?}");
        }
        let unit = |s: &str| is_unit_cell(&s.chars().collect::<Vec<_>>());
        assert!(unit("件") && unit(" （项） ") && unit("万元"));
        assert!(!unit("件数") && !unit("") && !unit("5件"));
    }

    #[test]
    fn ignored_chars_are_no_part_of_a_token() {
        // A sign before an ignored digit is no number (nor a printed zero);
        // a run of digits ends at an ignored one; an ignored dash is no zero.
        let cs: Vec<char> = "-1 23 — -".chars().collect();
        let toks = scan_chars(&cs, 0, cs.len(), |i| i == 1 || i == 4 || i == 6);
        let got: Vec<&str> = toks.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(got, ["2", "0"]);
    }

    #[test]
    fn skips_page_numbers() {
        assert_eq!(texts("1 2\n   -3-\n4"), ["1", "2", "4"]);
    }
}
