//! Reading numbers out of a report's prose: clauses, Arabic and Chinese
//! numerals with their units, percentages, and "N部分" section counts.

use crate::number::Num;

/// Units a stated count may carry.
pub const COUNT_UNITS: &[char] = &[
    '件', '条', '個', '個', '封', '项', '次', '人', '份', '篇', '條', '个', '項',
];

/// A quote as a person reads it: the line breaks of extracted text joined.
pub fn tidy(quote: &str) -> String {
    let mut out = String::with_capacity(quote.len());
    for (i, line) in quote.split('\n').enumerate() {
        let line = if i == 0 { line.trim_end() } else { line.trim() };
        out.push_str(line);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits prose into clauses at sentence and clause punctuation.
pub fn clauses(text: &str) -> Vec<&str> {
    // Not at line breaks: extracted PDF text wraps lines mid-sentence.
    text.split(['，', '。', '；', ';', '！', '？', ',', '、'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
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
    let quote_start = head.len().saturating_sub(30);
    let quote: String = head[quote_start..].iter().collect::<String>() + "部分";
    chinese_number(&n).map(|v| (v, quote))
}

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
    }
}
