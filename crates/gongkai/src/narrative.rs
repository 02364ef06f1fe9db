//! Reading numbers out of a report's prose: clauses, Arabic and Chinese
//! numerals with their units, percentages, and "N部分" section counts.

use crate::number::Num;

/// Units a stated count may carry.
pub const COUNT_UNITS: &[char] = &[
    '件', '条', '個', '個', '封', '项', '次', '人', '份', '篇', '條', '个', '項',
];

/// A quote as a message prints it, on one line: the line breaks of extracted
/// text joined (a finding's `quote` itself keeps them: it is verbatim).
pub fn tidy(quote: &str) -> String {
    let mut out = String::with_capacity(quote.len());
    for (i, line) in quote.split('\n').enumerate() {
        let line = if i == 0 { line.trim_end() } else { line.trim() };
        out.push_str(line);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The punctuation clauses are split at (`clauses`).
pub const CLAUSE_MARKS: &[char] = &['，', '。', '；', ';', '！', '？', ',', '、'];

/// The punctuation that ends a sentence.
pub const SENTENCE_MARKS: &[char] = &['。', '；', ';', '！', '？', '!', '?'];

/// Where a long quote is shortened first: between clauses, not between the
/// items of a 、 list (those only when that is not enough).
const CUT_MARKS: &[char] = &['，', '。', '；', ';', '！', '？', ',', '：', ':', '!', '?'];

/// The same and 、: where a 、 list is shortened when nothing else is.
const LIST_CUT_MARKS: &[char] = &[
    '，', '。', '；', ';', '！', '？', ',', '：', ':', '!', '?', '、',
];

/// Marks where an omitted stretch was cut out of a quote.
pub const ELLIPSIS: char = '…';

/// The byte ranges of the clauses of `text`: split at sentence and clause
/// punctuation, spaces around them trimmed.
pub fn clause_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    // Not at line breaks: extracted PDF text wraps lines mid-sentence.
    let mut out = Vec::new();
    let mut start = 0;
    let mut push = |a: usize, b: usize| {
        let piece = &text[a..b];
        let lead = piece.len() - piece.trim_start().len();
        let trail = piece.len() - piece.trim_end().len();
        if a + lead < b - trail {
            out.push(a + lead..b - trail);
        }
    };
    for (i, c) in text.char_indices() {
        if CLAUSE_MARKS.contains(&c) {
            push(start, i);
            start = i + c.len_utf8();
        }
    }
    push(start, text.len());
    out
}

/// Splits prose into clauses at sentence and clause punctuation.
pub fn clauses(text: &str) -> Vec<&str> {
    clause_spans(text).into_iter().map(|r| &text[r]).collect()
}

/// Where the clause (or, with `SENTENCE_MARKS`, the sentence) holding byte
/// `at` starts: just after the last of `marks` before it, spaces skipped.
pub fn start_of(text: &str, at: usize, marks: &[char]) -> usize {
    let from = text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| marks.contains(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    at - text[from..at].trim_start().len()
}

/// Where the clause (or sentence) holding byte `at` ends: at the first of
/// `marks` from it on, spaces before it left out.
pub fn end_of(text: &str, at: usize, marks: &[char]) -> usize {
    let to = text[at..].find(marks).map_or(text.len(), |i| at + i);
    at + text[at..to].trim_end().len()
}

/// A quote of `stretch`, a verbatim stretch of a report's text: the stretch
/// itself when it has at most `max` characters; otherwise its first clauses
/// (at least through the clause that holds byte `keep`) and its last ones,
/// joined by "…". Cuts are made only just after clause punctuation —
/// never inside a word — so each piece is the report's own words.
pub fn excerpt(stretch: &str, keep: usize, max: usize) -> String {
    let len = |s: &str| s.chars().count();
    if len(stretch) <= max {
        return stretch.to_string();
    }
    let mut best: Option<String> = None;
    for marks in [CUT_MARKS, LIST_CUT_MARKS] {
        // Byte offsets just after a mark, strictly inside the stretch.
        let cuts: Vec<usize> = stretch
            .char_indices()
            .filter(|(_, c)| marks.contains(c))
            .map(|(i, c)| i + c.len_utf8())
            .filter(|&i| i < stretch.len())
            .collect();
        let Some(mut head) = cuts.iter().copied().find(|&c| c > keep) else {
            continue;
        };
        let first_cut = head;
        for &c in cuts.iter().filter(|&&c| c > first_cut) {
            if len(&stretch[..c]) > max / 2 {
                break;
            }
            head = c;
        }
        let Some(mut tail) = cuts.iter().copied().rev().find(|&c| c > head) else {
            continue;
        };
        let head_len = len(&stretch[..head]);
        let last_cut = tail;
        for &c in cuts.iter().rev().filter(|&&c| c > head && c < last_cut) {
            if head_len + len(&stretch[c..]) > max {
                break;
            }
            tail = c;
        }
        let first = stretch[..head]
            .trim_end()
            .trim_end_matches(marks)
            .trim_end();
        let last = stretch[tail..].trim_start();
        if first.is_empty() || last.is_empty() {
            continue;
        }
        let quote = format!("{first}{ELLIPSIS}{last}");
        let fits = len(&quote) <= max + 1;
        best = Some(quote);
        if fits {
            break;
        }
    }
    best.unwrap_or_else(|| stretch.to_string())
}

/// Maps byte `at` of `simplify(printed)` to the same character's byte in
/// `printed` (simplifying keeps one character for one).
pub fn printed_offset(printed: &str, simple: &str, at: usize) -> usize {
    let n = simple[..at].chars().count();
    printed
        .char_indices()
        .nth(n)
        .map_or(printed.len(), |(i, _)| i)
}

fn cn_digit(c: char) -> Option<i64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// A Chinese numeral: 十二, 一百零三, 两千, 六.
pub fn chinese_number(s: &str) -> Option<i64> {
    if s.is_empty() {
        return None;
    }
    let mut total: i64 = 0;
    let mut section: i64 = 0;
    let mut digit: Option<i64> = None;
    for c in s.chars() {
        if let Some(d) = cn_digit(c) {
            digit = Some(d);
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => {
                section += digit.take().unwrap_or(0);
                total += section.max(if total == 0 && section == 0 { 1 } else { 0 }) * 10_000;
                section = 0;
                continue;
            }
            _ => return None,
        };
        section += digit.take().unwrap_or(1) * unit;
    }
    Some(total + section + digit.unwrap_or(0))
}

fn is_cn_num(c: char) -> bool {
    cn_digit(c).is_some() || matches!(c, '十' | '百' | '千' | '万')
}

/// A number stated in a clause, with the unit that follows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Stated {
    pub value: Num,
    pub unit: char,
}

/// The counts stated in a clause: numbers followed by a count unit, not
/// years, dates or ordinals.
pub fn counts(clause: &str) -> Vec<Stated> {
    let cs: Vec<char> = clause.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let start = i;
        let (value, end) = if cs[i].is_ascii_digit() || ('０'..='９').contains(&cs[i]) {
            let mut j = i;
            let mut s = String::new();
            while j < cs.len()
                && (cs[j].is_ascii_digit()
                    || ('０'..='９').contains(&cs[j])
                    || cs[j] == ',' && j + 1 < cs.len() && cs[j + 1].is_ascii_digit())
            {
                if let Some(d) = cs[j].to_digit(10).or_else(|| {
                    ('０'..='９')
                        .contains(&cs[j])
                        .then(|| cs[j] as u32 - '０' as u32)
                }) {
                    s.push(char::from(b'0' + d as u8));
                }
                j += 1;
            }
            (Num::parse_plain(&s), j)
        } else if is_cn_num(cs[i]) {
            let mut j = i;
            while j < cs.len() && is_cn_num(cs[j]) {
                j += 1;
            }
            let s: String = cs[i..j].iter().collect();
            (chinese_number(&s).map(Num::from_int), j)
        } else {
            i += 1;
            continue;
        };
        i = end.max(start + 1);
        // "351\n件", "1 件": the unit may follow after spaces or a line break.
        let mut end = end;
        while cs.get(end).is_some_and(|c| c.is_whitespace()) {
            end += 1;
        }
        let ordinal = start > 0 && matches!(cs[start - 1], '第' | '前' | '近');
        // "一次性", "一件事": a lone 一 is idiom, not a count.
        let idiom = cs[start] == '一' && end == start + 1 || cs.get(end + 1) == Some(&'性');
        match (value, cs.get(end)) {
            (Some(v), Some(&u)) if COUNT_UNITS.contains(&u) && !ordinal && !idiom => {
                out.push(Stated { value: v, unit: u })
            }
            _ => {}
        }
    }
    out
}

/// The first percentage in a clause: `占33.9%` → 33.9, with its decimals.
pub fn percent(clause: &str) -> Option<(Num, usize)> {
    let i = clause.find(['%', '％'])?;
    let before: Vec<char> = clause[..i].chars().collect();
    let mut j = before.len();
    while j > 0 && (before[j - 1].is_ascii_digit() || before[j - 1] == '.') {
        j -= 1;
    }
    let s: String = before[j..].iter().collect();
    let decimals = s.split_once('.').map_or(0, |(_, f)| f.len());
    Num::parse_plain(&s).map(|n| (n, decimals))
}

/// `a / b × 100`, rounded half-up to `decimals` places, as a `Num`.
pub fn ratio_percent(a: Num, b: Num, decimals: usize) -> Option<Num> {
    let (a, b) = (a.as_i64()?, b.as_i64()?);
    if b == 0 {
        return None;
    }
    let scale = 10i128.pow(decimals as u32);
    let x = (a as i128 * 100 * scale * 2 + b as i128) / (b as i128 * 2);
    let text = if decimals == 0 {
        x.to_string()
    } else {
        format!("{}.{:0width$}", x / scale, x % scale, width = decimals)
    };
    Num::parse_plain(&text)
}

/// `a / b × 100`, truncated to `decimals` places.
pub fn truncated_percent(a: Num, b: Num, decimals: usize) -> Option<Num> {
    let (a, b) = (a.as_i64()?, b.as_i64()?);
    if b == 0 {
        return None;
    }
    let scale = 10i128.pow(decimals as u32);
    let x = a as i128 * 100 * scale / b as i128;
    let text = if decimals == 0 {
        x.to_string()
    } else {
        format!("{}.{:0width$}", x / scale, x % scale, width = decimals)
    };
    Num::parse_plain(&text)
}

/// The number of parts a preamble announces: "由…六部分组成", "等六个部分".
pub fn announced_parts(text: &str) -> Option<(i64, String)> {
    let i = text.find("部分")?;
    let head: Vec<char> = text[..i].chars().collect();
    let mut j = head.len();
    if j > 0 && head[j - 1] == '个' {
        j -= 1;
    }
    let end = j;
    while j > 0 && is_cn_num(head[j - 1]) {
        j -= 1;
    }
    if j == end {
        return None;
    }
    let n: String = head[j..end].iter().collect();
    // The sentence that announces them, as printed ("全文由…六部分组成"),
    // shortened at its clauses when long.
    let start = start_of(text, i, SENTENCE_MARKS);
    let end = end_of(text, i, CLAUSE_MARKS);
    let quote = excerpt(&text[start..end], 0, QUOTE_MAX);
    chinese_number(&n).map(|v| (v, quote))
}

/// The longest a quote runs before it is shortened (characters).
pub const QUOTE_MAX: usize = 80;

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Num {
        Num::parse_plain(s).unwrap()
    }

    #[test]
    fn chinese_numerals() {
        for (s, v) in [
            ("十二", 12),
            ("一百零三", 103),
            ("两千", 2000),
            ("六", 6),
            ("十", 10),
            ("二十一", 21),
            ("一万零五", 10005),
        ] {
            assert_eq!(chinese_number(s), Some(v), "{s}");
        }
    }

    #[test]
    fn counts_skip_years_dates_and_ordinals() {
        let c = counts("2025年，全区共收到政府信息公开申请154件");
        assert_eq!(
            c,
            vec![Stated {
                value: n("154"),
                unit: '件'
            }]
        );
        assert_eq!(
            counts("结转至2026年6件"),
            vec![Stated {
                value: n("6"),
                unit: '件'
            }]
        );
        assert_eq!(
            counts("共收到十二封依申请公开转办件"),
            vec![Stated {
                value: n("12"),
                unit: '封'
            }]
        );
        assert!(counts("第3次会议于1月5日召开").is_empty());
        assert_eq!(
            counts("行政复议 351\n件"),
            vec![Stated {
                value: n("351"),
                unit: '件'
            }]
        );
    }

    #[test]
    fn percentages() {
        assert_eq!(percent("占33.9%"), Some((n("33.9"), 1)));
        assert_eq!(ratio_percent(n("42"), n("81"), 2), Some(n("51.85")));
        assert_eq!(ratio_percent(n("258"), n("805"), 1), Some(n("32")));
    }

    #[test]
    fn clause_spans_index_the_text() {
        let t = "共收到申请 10 件， 其中予以公开8件；\n部分公开2件。";
        let spans = clause_spans(t);
        let got: Vec<&str> = spans.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(got, ["共收到申请 10 件", "其中予以公开8件", "部分公开2件"]);
        assert_eq!(clauses(t), got);
    }

    #[test]
    fn clause_and_sentence_edges() {
        let t = "今年，全县共公布信息100条（其中甲类60条，乙类50条）。下一句";
        let at = t.find("100").unwrap();
        assert_eq!(&t[start_of(t, at, CLAUSE_MARKS)..at], "全县共公布信息");
        assert_eq!(
            &t[start_of(t, at, SENTENCE_MARKS)..at],
            "今年，全县共公布信息"
        );
        assert_eq!(
            &t[at..end_of(t, at, SENTENCE_MARKS)],
            "100条（其中甲类60条，乙类50条）"
        );
    }

    #[test]
    fn excerpts_cut_between_clauses_and_mark_the_cut() {
        let short = "全年共收到申请10件，均已答复";
        assert_eq!(excerpt(short, 0, QUOTE_MAX), short);
        let items: Vec<String> = (1..=20).map(|i| format!("第{i}类信息{i}条")).collect();
        let long = format!("共公布信息210条（其中{}）", items.join("，"));
        let q = excerpt(&long, long.find("其中").unwrap(), 40);
        assert_eq!(q.matches(ELLIPSIS).count(), 1, "{q}");
        let (head, tail) = q.split_once(ELLIPSIS).unwrap();
        assert!(long.starts_with(head) && long.ends_with(tail), "{q}");
        // Each cut is just after a comma: the head ends before one, the tail
        // begins after one.
        assert!(long[head.len()..].starts_with('，'), "{q}");
        assert!(long[..long.len() - tail.len()].ends_with('，'), "{q}");
        assert!(head.starts_with("共公布信息210条（其中第1类信息1条"), "{q}");
        assert!(tail.ends_with("第20类信息20条）"), "{q}");
        assert!(q.chars().count() <= 41, "{q}");
        // A 、 list is cut at its 、 when there is nothing else.
        let list = (1..=30)
            .map(|i| format!("事项{i}"))
            .collect::<Vec<_>>()
            .join("、");
        let q = excerpt(&list, 0, 30);
        let (head, tail) = q.split_once(ELLIPSIS).unwrap();
        assert!(list.starts_with(head) && list.ends_with(tail), "{q}");
        assert!(!head.ends_with('、') && tail.starts_with("事项"), "{q}");
        // No punctuation to cut at: the stretch whole, never cut in a word.
        let word = "政".repeat(100);
        assert_eq!(excerpt(&word, 0, 20), word);
    }

    #[test]
    fn offsets_map_from_simplified_to_printed() {
        let printed = "本報告所列數據的統計期限";
        let simple = crate::parse::normalize::simplify(printed);
        let at = simple.find("统计期限").unwrap();
        assert_eq!(&printed[printed_offset(printed, &simple, at)..], "統計期限");
    }

    #[test]
    fn announced_section_counts() {
        assert_eq!(
            announced_parts("全文由概述,…与附表六部分组成。").map(|x| x.0),
            Some(6)
        );
        assert_eq!(
            announced_parts("其他需要报告的事项等六个部分。").map(|x| x.0),
            Some(6)
        );
        assert_eq!(announced_parts("部分公开"), None);
        // The quote is the announcing sentence as printed, to its clause's end.
        assert_eq!(
            announced_parts("根据条例编制。全文由概述与附表六部分组成，现予公布。").map(|x| x.1),
            Some("全文由概述与附表六部分组成".to_string())
        );
    }
}
