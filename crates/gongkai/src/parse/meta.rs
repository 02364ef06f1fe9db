//! What a report says about itself: title, issuing body, year, publication
//! date, whether the body is a government or a department; and its sections.
//!
//! # The publication date
//!
//! A page offers several dates: the portal's 发布时间/发布日期 line, the date
//! signed at the end of the report (under or after the body's name), a
//! portal's 成文日期, the date a collector or an archive saved the page
//! (采集时间, 抓取时间, 归档日期, 下载时间, 访问日期, 更新时间, …) and dates in
//! the prose. Only the first three are candidates: a date under any other
//! label is never read as the publication date. A candidate is plausible
//! when it falls from the last day of the report year to the end of the
//! year after (a report is published after its year, and is due early in
//! the next; a date years later is more often a page moved or re-dated than
//! a report that late). Then, in order:
//!
//! 1. a portal date that the signed date agrees with (from 7 days before it
//!    to 92 days after it), both after the report year, is the publication
//!    date — however late, since page and report say the same:
//!    `published_from` is `portal`;
//! 2. a single plausible candidate decides alone: `portal`, `signature`
//!    (the date signed under the report) or `written` (a portal's 成文日期,
//!    when the report is not signed);
//! 3. otherwise — a portal date and a signed date that disagree, several
//!    portal dates that differ — the date is left unknown: a wrong date
//!    would give a false D-1.

use std::collections::BTreeMap;

use super::doc::{Doc, BLANK_CELL};
use super::normalize::{fold, label_key};
use crate::form::{Form, SectionDef};
use crate::model::{BodyKind, Meta, Section};

/// A Han character (not CJK punctuation or full-width forms).
fn is_han(c: char) -> bool {
    ('\u{3400}'..='\u{9fff}').contains(&c) || ('\u{f900}'..='\u{faff}').contains(&c)
}

/// An ASCII or full-width digit's value.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Full-width digits as ASCII; every other char kept.
fn ascii_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        c => c,
    }
}

/// The first `YYYY年` (or `YYYY年度`) in `s`, when it is a plausible report year.
pub fn year_in(s: &str) -> Option<i32> {
    // "2024 年" (extracted PDF text spaces the digits off): read without the
    // spaces; "２０２４年" (full-width digits) as "2024年".
    let cs: Vec<char> = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(ascii_digit)
        .collect();
    for i in 0..cs.len().saturating_sub(4) {
        if cs[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && cs[i + 4] == '年'
            && (i == 0 || !cs[i - 1].is_ascii_digit())
        {
            let y: i32 = cs[i..i + 4].iter().collect::<String>().parse().ok()?;
            if (2000..=2100).contains(&y) {
                return Some(y);
            }
        }
    }
    None
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Date {
    y: i32,
    m: u32,
    d: u32,
}

impl Date {
    fn new(y: i32, m: u32, d: u32) -> Option<Date> {
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let last = match m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((2000..=2100).contains(&y) && (1..=last).contains(&d)).then_some(Date { y, m, d })
    }

    fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    /// Days since 1970-01-01.
    fn days(self) -> i64 {
        let (y, m, d) = (i64::from(self.y), i64::from(self.m), i64::from(self.d));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
        era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
    }
}

/// A text's chars as a date reads them: full-width digits and separators
/// folded to ASCII, and the spaces next to 年/月/日 dropped ("2024 年 1 月
/// 17 日", as extracted PDF text prints it).
fn date_chars(s: &str) -> Vec<char> {
    let cs: Vec<char> = s
        .chars()
        .map(|c| match c {
            '－' | '—' | '–' | '‐' | '−' => '-',
            '／' => '/',
            '．' => '.',
            c => ascii_digit(c),
        })
        .collect();
    let unit = |c: char| matches!(c, '年' | '月' | '日');
    let mut out: Vec<char> = Vec::with_capacity(cs.len());
    for (i, &c) in cs.iter().enumerate() {
        if c.is_whitespace() {
            let prev = out.last().copied();
            let next = cs[i + 1..].iter().copied().find(|c| !c.is_whitespace());
            if let (Some(p), Some(n)) = (prev, next) {
                let date_like = |c: char| c.is_ascii_digit() || unit(c);
                if (unit(p) && date_like(n)) || (p.is_ascii_digit() && unit(n)) {
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

/// A date printed with digits at `cs[i]`: 2021-03-05, 2021/3/5, 2021.3.5 or
/// 2021年3月5日; with the index after it.
fn digit_date_at(cs: &[char], i: usize) -> Option<(Date, usize)> {
    if i > 0 && cs[i - 1].is_ascii_digit() {
        return None;
    }
    let num = |at: usize, max: usize| -> Option<(u32, usize)> {
        let mut j = at;
        let mut n = 0u32;
        while j < cs.len() && j - at < max && cs[j].is_ascii_digit() {
            n = n * 10 + (cs[j] as u32 - '0' as u32);
            j += 1;
        }
        (j > at).then_some((n, j))
    };
    let (y, j) = num(i, 4)?;
    if j - i != 4 {
        return None;
    }
    let sep = *cs.get(j)?;
    if !matches!(sep, '-' | '/' | '.' | '年') {
        return None;
    }
    let (m, k) = num(j + 1, 2)?;
    let sep2 = if sep == '年' { '月' } else { sep };
    if cs.get(k) != Some(&sep2) {
        return None;
    }
    let (d, mut e) = num(k + 1, 2)?;
    if cs.get(e).is_some_and(char::is_ascii_digit) {
        return None;
    }
    if sep == '年' && matches!(cs.get(e), Some('日' | '号')) {
        e += 1;
    }
    Some((Date::new(i32::try_from(y).ok()?, m, d)?, e))
}

/// A digit written in Chinese (〇 also printed ○, 零 or O).
fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '○' | '零' | 'O' | 'Ｏ' => 0,
        '一' => 1,
        '二' => 2,
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

/// A number from 1 to 39 written in Chinese (七, 十, 十七, 二十, 三十一).
fn cn_small(s: &[char]) -> Option<u32> {
    let v = match s {
        ['十'] => 10,
        [a] => cn_digit(*a)?,
        ['十', b] => 10 + cn_digit(*b)?,
        [a, '十'] => cn_digit(*a)? * 10,
        [a, '十', b] => cn_digit(*a)? * 10 + cn_digit(*b)?,
        _ => return None,
    };
    (v > 0).then_some(v)
}

/// A date written in Chinese at `cs[i]` (二〇二四年一月十七日), with the index after it.
fn cn_date_at(cs: &[char], i: usize) -> Option<(Date, usize)> {
    let mut y = 0;
    for k in 0..4 {
        y = y * 10 + cn_digit(*cs.get(i + k)?)?;
    }
    if cs.get(i + 4) != Some(&'年') {
        return None;
    }
    let part = |at: usize, end: char| -> Option<(u32, usize)> {
        let n = cs.get(at..)?.iter().take(4).position(|&c| c == end)?;
        Some((cn_small(&cs[at..at + n])?, at + n + 1))
    };
    let (m, j) = part(i + 5, '月')?;
    let (d, k) = part(j, '日')?;
    Some((Date::new(i32::try_from(y).ok()?, m, d)?, k))
}

fn date_at(cs: &[char], i: usize) -> Option<(Date, usize)> {
    digit_date_at(cs, i).or_else(|| cn_date_at(cs, i))
}

/// A date printed as 2021-03-05, 2021/3/5, 2021.3.5 or 2021年3月5日 (also in
/// full-width digits, or spaced off as extracted PDF text prints it).
pub fn date_in(s: &str) -> Option<String> {
    let cs = date_chars(s);
    (0..cs.len()).find_map(|i| digit_date_at(&cs, i).map(|(d, _)| d.iso()))
}

/// `s` when it is a date and nothing else (spaces aside).
fn whole_date(s: &str) -> Option<Date> {
    let cs: Vec<char> = date_chars(s)
        .into_iter()
        .filter(|c| !c.is_whitespace())
        .collect();
    date_at(&cs, 0)
        .filter(|&(_, end)| end == cs.len())
        .map(|(d, _)| d)
}

/// The date `s` starts with.
fn leading_date(s: &str) -> Option<Date> {
    let s =
        s.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '【' | '[' | '（' | '('));
    date_at(&date_chars(s), 0).map(|(d, _)| d)
}

/// The body named in a title: what precedes the year (关于 and the like dropped).
fn body_of_title(title: &str) -> Option<String> {
    // Read with full-width digits as ASCII and without spaces ("沭 阳 县").
    let title: String = title
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(ascii_digit)
        .collect();
    let title = title.as_str();
    let idx = title
        .char_indices()
        .find(|&(i, _)| {
            year_in(&title[i..]).is_some_and(|y| title[i..].starts_with(&y.to_string()))
        })?
        .0;
    let body = title[..idx].trim().trim_start_matches("关于").trim();
    if !body.is_empty() {
        return Some(body.to_string());
    }
    // "2019年上海市人民政府办公厅政府信息公开工作年度报告": the body follows the year.
    let rest = title[idx..]
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(['年', '度']);
    let end = ["政府信息公开", "信息公开", "年度报告"]
        .iter()
        .find_map(|k| rest.find(k))?;
    let body = rest[..end].trim();
    (!body.is_empty()).then(|| body.to_string())
}

/// Government or department, from the body's name.
pub fn kind_of_body(body: &str) -> Option<BodyKind> {
    const DEPARTMENT: &[&str] = &[
        "局",
        "厅",
        "委员会",
        "办公室",
        "办公厅",
        "中心",
        "委",
        "署",
        "院",
        "所",
        "站",
        "队",
        "处",
        "会",
        "部",
        "行",
        "馆",
    ];
    const GOVERNMENT: &[&str] = &[
        "人民政府",
        "管委会",
        "管理委员会",
        "政府",
        "市",
        "县",
        "区",
        "省",
        "自治州",
        "州",
        "盟",
        "旗",
        "镇",
        "乡",
        "街道",
        "街道办事处",
    ];
    if GOVERNMENT[..4].iter().any(|g| body.ends_with(g)) {
        return Some(BodyKind::Government);
    }
    if DEPARTMENT.iter().any(|d| body.ends_with(d)) {
        return Some(BodyKind::Department);
    }
    if GOVERNMENT.iter().any(|g| body.ends_with(g)) {
        return Some(BodyKind::Government);
    }
    None
}

fn line_value<'a>(line: &'a str, keys: &[&str]) -> Option<&'a str> {
    let t = line.trim();
    for k in keys {
        if let Some(rest) = t.strip_prefix(k) {
            let rest = rest.trim_start_matches([':', '：', ' ', '\u{a0}', '\u{3000}']);
            return Some(rest.trim());
        }
    }
    None
}

/// `s` without its spaces.
fn despaced(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A title cut after its 年度报告, with a label before it (`文件名：`) dropped.
fn trim_title(title: &str) -> String {
    let mut title = title.to_string();
    if let Some(end) = title.find("年度报告") {
        title.truncate(end + "年度报告".len());
    }
    if let Some((label, rest)) = title.split_once(['：', ':']) {
        if label.chars().count() <= 8 && year_in(label).is_none() && year_in(rest).is_some() {
            title = rest.trim().to_string();
        }
    }
    title
}

/// The title from the first lines: the line naming the 年度报告 (the piece of
/// a portal line that does), joined with the line before when the layout
/// put the body's name on a line of its own. A title spaced out char by
/// char (`沭 阳 县 … 年 度 报 告`) or broken over two lines reads as one.
fn title_from_lines(lines: &[&str]) -> Option<String> {
    // A line with the year first: a header's 栏目：政府信息公开年报 names no report.
    let titles: Vec<String> = (0..lines.len())
        .filter_map(|i| title_at(lines, i))
        .filter(|t| t.chars().count() <= 80)
        .collect();
    titles
        .iter()
        .find(|t| year_in(t).is_some())
        .or(titles.first())
        .cloned()
}

/// The title that line `i` of `lines` prints, if it names a 年度报告.
fn title_at(lines: &[&str], i: usize) -> Option<String> {
    let named = |l: &str| l.contains("年度报告") || l.contains("年报");
    let line = lines[i];
    let flat = despaced(line);
    let title = if named(line) {
        let pieces: Vec<&str> = line.split_whitespace().collect();
        match pieces
            .iter()
            .find(|p| year_in(p).is_some() && p.contains("年度报告"))
        {
            Some(p) => p.to_string(),
            None => pieces.concat(),
        }
    } else if named(&flat) {
        flat.clone()
    } else {
        // 年度 | 报告: the title's last words broken over the line end.
        let joined = format!("{flat}{}", despaced(lines.get(i + 1)?));
        let at = joined.find("年度报告")?;
        let straddles = at < flat.len() && at + "年度报告".len() > flat.len();
        if !straddles || year_in(&joined).is_none() || flat.chars().count() > 40 {
            return None;
        }
        joined
    };
    let mut title = trim_title(&title);
    if year_in(&title).is_none() || title.starts_with(|c: char| digit(c).is_some()) {
        // The body's name on the line before: a short line of words only.
        if let Some(prev) = i.checked_sub(1).map(|j| despaced(lines[j])) {
            let words_only = !prev
                .chars()
                .any(|c| digit(c).is_some() || matches!(c, ':' | '：' | '。' | '，'));
            if prev.chars().count() <= 30 && words_only {
                title = format!("{prev}{title}");
            }
        }
    }
    Some(title)
}

/// The dates under a portal's labels in `lines`, in order, with where each
/// was read: `portal` (发布时间, 发布日期, 公开日期, 发文日期, 印发日期, or a
/// bare 时间/日期) or `written` (成文日期). A date under any other label —
/// 采集时间, 抓取时间, 归档日期, 下载时间, 访问日期, 更新时间, 填报日期, 统计时间 —
/// is not one.
fn labelled_dates(lines: &[&str]) -> Vec<(Date, &'static str)> {
    let mut out = Vec::new();
    for (li, line) in lines.iter().enumerate() {
        let cs: Vec<char> = line.chars().collect();
        let mut p = 0;
        while p + 1 < cs.len() {
            let label = matches!((cs[p], cs[p + 1]), ('时', '间') | ('日', '期'));
            if !label {
                p += 1;
                continue;
            }
            let before: String = cs[p.saturating_sub(2)..p].iter().collect();
            let from = match before.as_str() {
                "发布" | "公开" | "发文" | "印发" => Some("portal"),
                "成文" => Some("written"),
                // A bare 时间/日期 is the portal's when no word is glued before it.
                _ if p == 0 || !is_han(cs[p - 1]) => Some("portal"),
                _ => None,
            };
            p += 2;
            let Some(from) = from else { continue };
            let mut q = p;
            while q < cs.len() && cs[q].is_whitespace() {
                q += 1;
            }
            let colon = q < cs.len() && matches!(cs[q], ':' | '：' | '】' | ']');
            if colon {
                q += 1;
            }
            let rest: String = cs[q..].iter().collect();
            let rest = rest.trim();
            // A label in a cell of its own: its value on the next line.
            let value = if rest.is_empty() {
                lines.get(li + 1).map_or("", |l| l.trim())
            } else {
                rest
            };
            // Without a colon the value follows at once (时间 2024-01-20), not
            // a word (时间节点).
            if !colon && !value.starts_with(|c: char| digit(c).is_some()) {
                continue;
            }
            if let Some(d) = leading_date(value) {
                out.push((d, from));
            }
        }
    }
    out
}

/// Whether `s` reads as the name of an issuing body (a signature's line).
fn is_body_name(s: &str) -> bool {
    let n = s.chars().count();
    (3..=40).contains(&n)
        && s.chars()
            .all(|c| is_han(c) || matches!(c, '（' | '）' | '(' | ')' | '·'))
        && !s.contains("报告")
        && !s.contains("年度")
        && kind_of_body(s).is_some()
}

/// The date signed at the end of the report: a line that is only a date
/// under a line that is a body's name, or a line ending with a body's name
/// and a date. Looked for after the last section's heading (六、其他需要报告
/// 的事项), else in the last two fifths of the text.
fn signed_date(text: &str) -> Option<Date> {
    let last = |marks: &[&str]| marks.iter().filter_map(|m| text.rfind(m)).max();
    let start = last(&["其他需要报告", "需要说明的其他", "其他事项"])
        .or_else(|| last(&["存在的主要问题", "存在问题"]))
        .unwrap_or_else(|| {
            let mut n = text.len() * 3 / 5;
            while !text.is_char_boundary(n) {
                n -= 1;
            }
            n
        });
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let mut prev: Option<String> = None;
    for line in text[line_start..].lines() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let flat = despaced(t);
        if let Some(d) = whole_date(&flat) {
            if prev.as_deref().is_some_and(is_body_name) {
                return Some(d);
            }
        } else if let Some(d) = date_after_name(t) {
            return Some(d);
        }
        prev = Some(flat);
    }
    None
}

/// A line ending with a body's name and a date: `沭阳县人民政府办公室 2024年1月17日`
/// (the date also spaced off, or glued to the name; 附件下载 after it).
fn date_after_name(line: &str) -> Option<Date> {
    let mut pieces: Vec<&str> = line.split_whitespace().collect();
    while pieces.last().is_some_and(|p| p.starts_with("附件")) {
        pieces.pop();
    }
    let n = pieces.len();
    // The name before piece `k`: that piece, or a run of single chars (spaced out).
    let name_before = |k: usize| -> String {
        let mut j = k;
        while j > 0 && pieces[j - 1].chars().count() == 1 {
            j -= 1;
        }
        if j < k && k - j >= 2 {
            pieces[j..k].concat()
        } else {
            k.checked_sub(1)
                .map_or_else(String::new, |i| pieces[i].to_string())
        }
    };
    for k in 1..=n.min(6) {
        if let Some(d) = whole_date(&pieces[n - k..].concat()) {
            return is_body_name(&name_before(n - k)).then_some(d);
        }
    }
    // Glued: 沭阳县人民政府办公室2024年1月17日 (a name and a date: a short piece).
    let last = *pieces.last()?;
    let cs: Vec<char> = last.chars().collect();
    if cs.len() > 64 {
        return None;
    }
    (1..cs.len()).find_map(|i| {
        let name: String = cs[..i].iter().collect();
        let rest: String = cs[i..].iter().collect();
        whole_date(&rest).filter(|_| is_body_name(&name))
    })
}

/// The publication date and where it was read, from the candidates (see the
/// module's documentation).
fn choose_published(
    year: Option<i32>,
    portal: &[Date],
    signed: Option<(Date, &'static str)>,
) -> Option<(Date, &'static str)> {
    let first = year.and_then(|y| Date::new(y, 12, 31));
    let last = year.and_then(|y| Date::new(y + 1, 12, 31));
    let after_year = |d: Date| first.is_none_or(|f| d >= f);
    let plausible = |d: Date| after_year(d) && last.is_none_or(|l| d <= l);
    let agree = |p: Date, s: Date| (-7..=92).contains(&(p.days() - s.days()));
    if let Some((s, _)) = signed.filter(|&(s, _)| after_year(s)) {
        if let Some(&p) = portal.iter().find(|&&p| after_year(p) && agree(p, s)) {
            return Some((p, "portal"));
        }
    }
    let mut ps: Vec<Date> = portal.iter().copied().filter(|&d| plausible(d)).collect();
    ps.sort_unstable();
    ps.dedup();
    match (ps.as_slice(), signed.filter(|&(d, _)| plausible(d))) {
        ([p], None) => Some((*p, "portal")),
        ([], Some(s)) => Some(s),
        _ => None,
    }
}

/// Reads the meta data: title, body and year from the first part of the
/// text, the publication date from its candidates (see the module's
/// documentation).
pub fn read_meta(text: &str, html_title: Option<&str>) -> Meta {
    let mut meta = Meta::default();
    let head: String = text.chars().take(3000).collect();
    let lines: Vec<&str> = head
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    meta.title = lines
        .iter()
        .find_map(|l| line_value(l, &["标题", "标  题"]).filter(|v| !v.is_empty()))
        .map(str::to_string)
        .or_else(|| {
            html_title
                .map(str::trim)
                .filter(|t| t.contains("年度报告"))
                .map(str::to_string)
        })
        .or_else(|| title_from_lines(&lines));
    if let Some(t) = &meta.title {
        meta.year = year_in(t);
        meta.body = body_of_title(t);
    }
    if meta.year.is_none() {
        // 统计期限自2018年1月1日起
        if let Some(i) = text.find("统计期限") {
            let rest: String = text[i..].chars().take(30).collect();
            meta.year = year_in(&rest);
        }
    }
    let labelled = labelled_dates(&lines);
    let portal: Vec<Date> = labelled
        .iter()
        .filter(|x| x.1 == "portal")
        .map(|x| x.0)
        .collect();
    let written = labelled.iter().find(|x| x.1 == "written").map(|x| x.0);
    let signed = signed_date(text)
        .map(|d| (d, "signature"))
        .or(written.map(|d| (d, "written")));
    if let Some((d, from)) = choose_published(meta.year, &portal, signed) {
        meta.published = Some(d.iso());
        meta.published_from = Some(from.to_string());
    }
    meta.kind = meta.body.as_deref().and_then(kind_of_body);
    meta
}

/// How a heading is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OrdKind {
    /// 一、 二． 三, (and 一 总体情况 at a line's start)
    Chinese,
    /// 第一部分, 第二章
    Part,
    /// `1.` or `2、` at a line's start: also how items are numbered, so
    /// only a heading's full words, and its own number, count.
    Arabic,
    /// No number: only a heading's full words count.
    Bare,
}

/// A line (or, in text glued into one line, a stretch after a space or a
/// full stop) that reads like a heading.
#[derive(Debug, Clone)]
struct Cand {
    /// Chars of the doc: where the heading starts and its words end.
    start: usize,
    end: usize,
    ord: Option<u32>,
    kind: OrdKind,
    /// The words after the number, folded (spaces dropped, as `label_key`).
    words: String,
}

/// A Chinese numeral from 1 to 10 at `cs[p]` (十一 and on are not sections).
fn cn_ordinal(cs: &[char], p: usize) -> Option<(u32, usize)> {
    let d = |i: usize| {
        cs.get(i)
            .and_then(|&c| cn_digit(c).filter(|&v| v > 0).or((c == '十').then_some(10)))
    };
    let v = d(p)?;
    if d(p + 1).is_some() {
        return None;
    }
    (v > 0 && !matches!(cs[p], '〇' | '○' | '零')).then_some((v, p + 1))
}

/// The number a heading starts with at `cs[p]`, its kind and where its
/// words start; `line_start` allows the looser forms.
fn ordinal_at(
    cs: &[char],
    p: usize,
    end: usize,
    line_start: bool,
) -> Option<(u32, OrdKind, usize)> {
    let skip = |mut q: usize| {
        while q < end && (cs[q] == ' ' || cs[q] == '\u{3000}' || cs[q] == '\t') {
            q += 1;
        }
        q
    };
    let sep = |c: char| matches!(c, '、' | '.' | '．' | ',' | '，');
    if cs[p] == '第' {
        let (v, q) = cn_ordinal(cs, p + 1)?;
        let q = if cs.get(q) == Some(&'部') && cs.get(q + 1) == Some(&'分') {
            q + 2
        } else if cs.get(q) == Some(&'章') {
            q + 1
        } else {
            return None;
        };
        let q = skip(q);
        let q = if q < end && (sep(cs[q]) || matches!(cs[q], ':' | '：')) {
            skip(q + 1)
        } else {
            q
        };
        return Some((v, OrdKind::Part, q));
    }
    if let Some((v, q)) = cn_ordinal(cs, p) {
        let r = skip(q);
        if r < end && sep(cs[r]) {
            return Some((v, OrdKind::Chinese, skip(r + 1)));
        }
        // 一 总体情况: a space for the 、, at a line's start only.
        if line_start && r > q && r < end && is_han(cs[r]) {
            return Some((v, OrdKind::Chinese, r));
        }
        return None;
    }
    if line_start {
        let v = digit(cs[p]).filter(|&v| v > 0)?;
        if cs.get(p + 1).is_some_and(|&c| digit(c).is_some()) {
            return None;
        }
        let r = skip(p + 1);
        let after = cs.get(r + 1).copied();
        if r < end && matches!(cs[r], '、' | '.' | '．') && after.is_none_or(|c| digit(c).is_none())
        {
            return Some((v, OrdKind::Arabic, skip(r + 1)));
        }
    }
    None
}

/// A heading's words from `cs[q]`: up to the first punctuation mark, digit
/// or table cell, spaces dropped (`总 体 情 况`), at most 30 chars; a line
/// that ends within the first 6 chars goes on into the next (a heading
/// broken over two lines). With the char after the last word.
fn heading_words(cs: &[char], q: usize) -> (String, usize) {
    let mut w = String::new();
    let (mut n, mut i, mut end, mut crossed) = (0, q, q, false);
    while i < cs.len() && n < 30 {
        let c = cs[i];
        if c == '\n' {
            if crossed || n >= 6 {
                break;
            }
            crossed = true;
        } else if c.is_whitespace() || matches!(c, '*' | '#' | '_' | '】') {
            // markup and spaces between the words
        } else if matches!(
            c,
            '。' | '，'
                | '；'
                | '：'
                | ':'
                | ';'
                | ','
                | '!'
                | '！'
                | '？'
                | '?'
                | '|'
                | BLANK_CELL
        ) || digit(c).is_some()
        {
            break;
        } else if let Some(f) = fold(c) {
            w.push(f);
            n += 1;
            end = i + 1;
        }
        i += 1;
    }
    (w, end)
}

/// The heading-like places of the doc's text.
fn candidates(doc: &Doc) -> Vec<Cand> {
    let cs = &doc.chars;
    let mut out = Vec::new();
    let mut a = 0;
    while a <= cs.len() {
        let b = cs[a..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(cs.len(), |p| a + p);
        let mut p = a;
        while p < b && (cs[p].is_whitespace() || matches!(cs[p], '#' | '*' | '>' | '_' | '【')) {
            p += 1;
        }
        if p < b {
            let (ord, kind, q) = match ordinal_at(cs, p, b, true) {
                Some((v, k, q)) => (Some(v), k, q),
                None => (None, OrdKind::Bare, p),
            };
            let (words, end) = heading_words(cs, q);
            out.push(Cand {
                start: p,
                end,
                ord,
                kind,
                words,
            });
            // Further in: text glued into one line, headings after a space or a full stop.
            for q in p + 1..b {
                if !(cs[q - 1].is_whitespace() || matches!(cs[q - 1], '。' | '；' | '！' | '？'))
                {
                    continue;
                }
                if let Some((v, kind @ (OrdKind::Chinese | OrdKind::Part), r)) =
                    ordinal_at(cs, q, b, false)
                {
                    let (words, end) = heading_words(cs, r);
                    out.push(Cand {
                        start: q,
                        end,
                        ord: Some(v),
                        kind,
                        words,
                    });
                }
            }
        }
        a = b + 1;
    }
    out.retain(|c| c.words.chars().count() >= 2);
    out
}

/// Words that every heading uses: they tell no section from another.
const GENERIC: &[&str] = &[
    "政府信息",
    "信息",
    "政府",
    "情况",
    "工作",
    "主要",
    "需要",
    "报告",
    "公开",
    "有关",
    "相关",
    "年度",
    "本年",
    "的",
    "和",
    "及",
    "与",
    "等",
];

/// The pairs of adjacent Han chars of `words` once the generic words are
/// taken out: what a heading's words share with another's.
fn key_pairs(words: &str) -> Vec<(char, char)> {
    let mut w = words.to_string();
    for g in GENERIC {
        w = w.replace(g, "|");
    }
    let cs: Vec<char> = w.chars().collect();
    let mut out: Vec<(char, char)> = cs
        .windows(2)
        .filter(|p| is_han(p[0]) && is_han(p[1]))
        .map(|p| (p[0], p[1]))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A form's section as the reader matches it.
struct Sec<'a> {
    def: &'a SectionDef,
    ord: Option<u32>,
    /// The words of its heading and variants, without their numbers.
    words: Vec<String>,
    pairs: Vec<(char, char)>,
}

/// A heading's number and folded words.
fn split_heading(h: &str) -> (Option<u32>, String) {
    let cs: Vec<char> = h.trim().chars().collect();
    match (!cs.is_empty())
        .then(|| ordinal_at(&cs, 0, cs.len(), true))
        .flatten()
    {
        Some((v, OrdKind::Chinese | OrdKind::Part, q)) => {
            (Some(v), label_key(&cs[q..].iter().collect::<String>()))
        }
        _ => (None, label_key(h)),
    }
}

impl Sec<'_> {
    fn new(def: &SectionDef) -> Sec<'_> {
        let (ord, _) = split_heading(&def.heading);
        let words: Vec<String> = std::iter::once(&def.heading)
            .chain(&def.variants)
            .map(|h| split_heading(h).1)
            .filter(|w| !w.is_empty())
            .collect();
        let mut pairs: Vec<(char, char)> = words.iter().flat_map(|w| key_pairs(w)).collect();
        pairs.sort_unstable();
        pairs.dedup();
        Sec {
            def,
            ord,
            words,
            pairs,
        }
    }
}

/// The section a heading candidate names: by its full words (numbered 一、
/// or 第一部分 with any number, unnumbered, or numbered 1. with the
/// section's own number), or — numbered 一、 or 第一部分 — by the key words
/// it shares with one section more than with any other, when its number is
/// that section's or it shares two of them.
fn section_of(c: &Cand, secs: &[Sec]) -> Option<usize> {
    let full = secs
        .iter()
        .enumerate()
        .filter_map(|(k, s)| {
            s.words
                .iter()
                .filter(|w| c.words.starts_with(w.as_str()))
                .map(|w| w.len())
                .max()
                .map(|n| (n, k))
        })
        .max();
    if let Some((n, k)) = full {
        return match c.kind {
            // An unnumbered line is a heading only when it is one: not a sentence.
            OrdKind::Bare => (c.words.chars().count() <= n / 3 + 4).then_some(k),
            // 1.主动公开情况 is an item of 一、总体情况: numbered as items
            // are, a heading has its own number.
            OrdKind::Arabic => (secs[k].ord.is_some() && secs[k].ord == c.ord).then_some(k),
            _ => Some(k),
        };
    }
    if !matches!(c.kind, OrdKind::Chinese | OrdKind::Part) {
        return None;
    }
    let own: Vec<(char, char)> = key_pairs(&c.words.chars().take(20).collect::<String>());
    let scores: Vec<usize> = secs
        .iter()
        .map(|s| own.iter().filter(|p| s.pairs.contains(p)).count())
        .collect();
    let best = *scores.iter().max()?;
    if best == 0 {
        return None;
    }
    let top: Vec<usize> = (0..secs.len()).filter(|&k| scores[k] == best).collect();
    if let Some(&k) = top
        .iter()
        .find(|&&k| secs[k].ord.is_some() && secs[k].ord == c.ord)
    {
        return Some(k);
    }
    (top.len() == 1 && best >= 2).then(|| top[0])
}

/// The labels of the form's tables that are numbered like headings
/// (一、本年新收政府信息公开申请数量): a line that prints one is a table's row.
fn numbered_labels(form: &Form) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    for t in &form.def().tables {
        let labels = t
            .rows
            .iter()
            .flat_map(|r| std::iter::once(&r.label).chain(&r.aliases).chain(&r.group))
            .chain(
                t.columns
                    .iter()
                    .flat_map(|c| std::iter::once(&c.label).chain(&c.aliases).chain(&c.group)),
            )
            .chain(t.stub.iter());
        for l in labels {
            if let (Some(v), w) = split_heading(l) {
                if !w.is_empty() && !out.contains(&(v, w.clone())) {
                    out.push((v, w));
                }
            }
        }
    }
    out
}

/// Splits the text at the form's section headings (or, for a form without
/// them, at top-level numbered headings 一、二、…).
///
/// `tables` is the stretch of the doc that holds the statistics tables: no
/// heading is looked for inside it, and it is left out of the sections'
/// text, so the text rules read the prose only.
pub fn read_sections(doc: &Doc, form: Option<&Form>, tables: &[(usize, usize)]) -> Vec<Section> {
    read_sections_doubts(doc, form, tables).0
}

/// [`read_sections`], with the sections the reader is not sure are missing:
/// `section/{key}` → why (a line numbered as the section is printed where
/// it belongs, in words that are not the section's). For `Report::doubts`.
pub fn read_sections_doubts(
    doc: &Doc,
    form: Option<&Form>,
    tables: &[(usize, usize)],
) -> (Vec<Section>, BTreeMap<String, String>) {
    let inside = |c: usize| tables.iter().any(|&(a, b)| c >= a && c < b);
    let mut marks: Vec<(usize, usize, String, String)> = Vec::new(); // (lab start, lab end, key, heading)
    let mut doubts = BTreeMap::new();
    if let Some(f) = form.filter(|f| !f.def().sections.is_empty()) {
        let secs: Vec<Sec> = f.def().sections.iter().map(Sec::new).collect();
        let rows = numbered_labels(f);
        let lab_of = |c: usize| doc.lab_at.partition_point(|&x| (x as usize) < c);
        // Heading candidates outside the tables, not a table's numbered row,
        // with the section each names: (lab start, lab end, candidate, section).
        let cands: Vec<(usize, usize, Cand, Option<usize>)> = candidates(doc)
            .into_iter()
            // A table's stretch runs up to the next thing the reader knows
            // (the next table): a numbered heading in other words at its
            // end is still a heading. Numbered rows are told apart by the
            // form's labels below.
            .filter(|c| matches!(c.kind, OrdKind::Chinese | OrdKind::Part) || !inside(c.start))
            .filter(|c| {
                !(c.kind == OrdKind::Chinese
                    && rows.iter().any(|(v, w)| {
                        Some(*v) == c.ord
                            && (c.words.starts_with(w.as_str())
                                || (w.starts_with(c.words.as_str())
                                    && c.words.chars().count() >= 4))
                    }))
            })
            .map(|c| {
                let k = section_of(&c, &secs);
                (lab_of(c.start), lab_of(c.end), c, k)
            })
            .collect();
        let mut from = 0;
        let mut found: Vec<Option<usize>> = vec![None; secs.len()]; // lab start of each section's mark
        for (k, s) in secs.iter().enumerate() {
            // The form's own words, wherever they are printed.
            let exact = std::iter::once(&s.def.heading)
                .chain(&s.def.variants)
                .map(|h| label_key(h))
                .filter_map(|key| {
                    let mut at = from;
                    while let Some(p) = doc.lab[at..].find(key.as_str()) {
                        let b = at + p;
                        if !inside(doc.char_of_lab(b)) {
                            return Some((b, b + key.len()));
                        }
                        at = b + key.len();
                    }
                    None
                })
                .min_by_key(|h| h.0);
            let at = |kinds: &[OrdKind]| {
                cands
                    .iter()
                    .filter(|(a, _, c, sk)| *sk == Some(k) && *a >= from && kinds.contains(&c.kind))
                    .map(|(a, b, _, _)| (*a, *b))
                    .min_by_key(|h| h.0)
            };
            let numbered = at(&[OrdKind::Chinese, OrdKind::Part]);
            let hit = match (exact, numbered) {
                (Some(e), Some(n)) => Some(if n.0 < e.0 { n } else { e }),
                (e, n) => e.or(n),
            }
            .or_else(|| at(&[OrdKind::Arabic, OrdKind::Bare]));
            if let Some((a, b)) = hit {
                marks.push((a, b, s.def.key.clone(), s.def.heading.clone()));
                found[k] = Some(a);
                from = b;
            }
        }
        // A section not found, where a line numbered as it stands between
        // the sections before and after it: its heading in other words?
        for (k, s) in secs.iter().enumerate() {
            let (None, Some(ord)) = (found[k], s.ord) else {
                continue;
            };
            let lo = found[..k].iter().flatten().max().copied().unwrap_or(0);
            let hi = found[k + 1..]
                .iter()
                .flatten()
                .min()
                .copied()
                .unwrap_or(doc.lab.len());
            let used = |a: usize| found.iter().flatten().any(|&f| f == a);
            if let Some((_, _, c, _)) = cands.iter().find(|(a, _, c, _)| {
                matches!(c.kind, OrdKind::Chinese | OrdKind::Part)
                    && c.ord == Some(ord)
                    && *a >= lo
                    && *a < hi
                    && !used(*a)
            }) {
                let printed: String = doc
                    .text(c.start, c.end)
                    .split_whitespace()
                    .collect::<String>()
                    .chars()
                    .take(30)
                    .collect();
                doubts.insert(
                    format!("section/{}", s.def.key),
                    format!("印有序号相同的标题“{printed}”，用词与规定不同"),
                );
            }
        }
        marks.sort_by_key(|m| m.0);
    } else {
        let mut from = 0;
        const NUMS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
        for (i, n) in NUMS.iter().enumerate() {
            let key = format!("{n},");
            // A heading starts a line: the char before it in the doc is a newline or the start.
            let mut at = from;
            let mut hit = None;
            while let Some(p) = doc.lab[at..].find(&key) {
                let b = at + p;
                let c = doc.char_of_lab(b);
                let line_start = c == 0
                    || doc.chars[..c]
                        .iter()
                        .rev()
                        .take_while(|&&ch| ch != '\n')
                        .all(|ch| ch.is_whitespace());
                if line_start && !inside(c) {
                    hit = Some(b);
                    break;
                }
                at = b + key.len();
            }
            if let Some(b) = hit {
                marks.push((b, b + key.len(), format!("s{}", i + 1), String::new()));
                from = b + key.len();
            }
        }
    }
    (sections_at(doc, tables, &marks), doubts)
}

/// The sections' texts between the marks (lab offsets), tables left out.
fn sections_at(
    doc: &Doc,
    tables: &[(usize, usize)],
    marks: &[(usize, usize, String, String)],
) -> Vec<Section> {
    let mut out = Vec::new();
    let first = marks
        .first()
        .map_or(doc.chars.len(), |m| doc.char_of_lab(m.0));
    let pre = doc.text(0, first).trim().to_string();
    if !pre.is_empty() {
        out.push(Section {
            key: "preamble".into(),
            heading: String::new(),
            text: pre,
        });
    }
    for (i, (a, _b, key, heading)) in marks.iter().enumerate() {
        let start = doc.char_of_lab(*a);
        let end = marks
            .get(i + 1)
            .map_or(doc.chars.len(), |m| doc.char_of_lab(m.0));
        // The prose only: the tables' stretches are left out — those that
        // start in the section: a table does not run on past the next
        // heading, though its stretch may (it ends where the reader saw
        // the next thing it knows).
        let mut body = String::new();
        let mut at = start;
        for &(a, b) in tables
            .iter()
            .filter(|&&(a, b)| a >= start && a < end && b > start)
        {
            body.push_str(&doc.text(at, a.max(at)));
            body.push('\n');
            at = b.min(end).max(at);
        }
        body.push_str(&doc.text(at, end));
        // The printed heading: up to the end of its line, or the form's own words.
        let printed: String = body
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .chars()
            .take(60)
            .collect();
        let heading = if heading.is_empty() {
            printed
        } else {
            heading.clone()
        };
        let text = body.trim().to_string();
        out.push(Section {
            key: key.clone(),
            heading,
            text,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_years() {
        assert_eq!(
            date_in("发布时间: 2021-03-05 08:58").as_deref(),
            Some("2021-03-05")
        );
        assert_eq!(date_in("2020年1月31日").as_deref(), Some("2020-01-31"));
        assert_eq!(date_in("电话 0591-23165370"), None);
        assert_eq!(
            year_in("平潭综合实验区2020年度政府信息公开工作年度报告"),
            Some(2020)
        );
    }

    #[test]
    fn bodies_and_kinds() {
        assert_eq!(
            body_of_title("个旧市2018年政府信息公开工作年度报告").as_deref(),
            Some("个旧市")
        );
        assert_eq!(kind_of_body("个旧市"), Some(BodyKind::Government));
        assert_eq!(kind_of_body("淮安市人民政府"), Some(BodyKind::Government));
        assert_eq!(
            kind_of_body("平潭综合实验区地方税务局"),
            Some(BodyKind::Department)
        );
        assert_eq!(
            kind_of_body("上海市人民政府办公厅"),
            Some(BodyKind::Department)
        );
        assert_eq!(
            kind_of_body("平潭综合实验区管委会"),
            Some(BodyKind::Government)
        );
    }

    #[test]
    fn dates_in_every_printing() {
        assert_eq!(
            date_in("２０２４年１月１７日").as_deref(),
            Some("2024-01-17")
        );
        assert_eq!(date_in("2024 年 1 月 17 日").as_deref(), Some("2024-01-17"));
        assert_eq!(date_in("2024－01－17").as_deref(), Some("2024-01-17"));
        assert_eq!(date_in("2023-02-30"), None);
        assert_eq!(
            date_in("编号 123 2024年1月5日").as_deref(),
            Some("2024-01-05")
        );
        let d = |s: &str| whole_date(s).map(Date::iso);
        assert_eq!(d("二〇二四年一月十七日").as_deref(), Some("2024-01-17"));
        assert_eq!(d("二○二三年十二月三十一日").as_deref(), Some("2023-12-31"));
        assert_eq!(d("二〇二四年二月三十日"), None);
        assert_eq!(d("2024年1月17日印发"), None);
        assert_eq!(d("2024.1.17").as_deref(), Some("2024-01-17"));
        let a = Date::new(2024, 1, 17).unwrap();
        let b = Date::new(2023, 12, 31).unwrap();
        assert_eq!(a.days() - b.days(), 17);
        assert_eq!(Date::new(1970, 1, 1).map(Date::days), None);
        assert_eq!(
            Date::new(2000, 3, 1).unwrap().days() - Date::new(2000, 2, 28).unwrap().days(),
            2
        );
    }

    #[test]
    fn only_a_portals_labels_are_publication_dates() {
        let got = |lines: &[&str]| -> Vec<(String, &'static str)> {
            labelled_dates(lines)
                .into_iter()
                .map(|(d, f)| (d.iso(), f))
                .collect()
        };
        assert_eq!(
            got(&["来源：平潭县人民政府 时间：2014-02-25 00:00 微信 微博"]),
            [("2014-02-25".to_string(), "portal")]
        );
        assert_eq!(
            got(&["信息发布时间：2024-01-20", "成文日期：2024-01-16"]),
            [
                ("2024-01-20".to_string(), "portal"),
                ("2024-01-16".to_string(), "written")
            ]
        );
        for collector in [
            "采集时间：2026-03-01 10:22",
            "抓取时间: 2026-03-01",
            "归档日期：2026年3月1日",
            "下载时间 2026-03-01",
            "访问日期：2026-03-01",
            "更新时间：2026-03-01",
            "填报日期:2019年1月14日",
            "时间节点2024年3月31日前完成",
        ] {
            assert!(got(&[collector]).is_empty(), "{collector}");
        }
    }

    #[test]
    fn the_publication_date_rule() {
        let d = |s: &str| {
            let v: Vec<u32> = s.split('-').map(|x| x.parse().unwrap()).collect();
            Date::new(v[0] as i32, v[1], v[2]).unwrap()
        };
        let pick = |year: Option<i32>, portal: &[&str], signed: Option<(&str, &'static str)>| {
            let portal: Vec<Date> = portal.iter().map(|p| d(p)).collect();
            choose_published(year, &portal, signed.map(|(s, f)| (d(s), f)))
                .map(|(x, f)| (x.iso(), f))
        };
        let y = Some(2023);
        let got = |v: Option<(String, &'static str)>| v.map(|(a, b)| format!("{a} {b}"));
        // Agreeing: the portal's.
        assert_eq!(
            got(pick(y, &["2024-01-22"], Some(("2024-01-17", "signature")))).as_deref(),
            Some("2024-01-22 portal")
        );
        // Alone.
        assert_eq!(
            got(pick(y, &["2024-04-15"], None)).as_deref(),
            Some("2024-04-15 portal")
        );
        assert_eq!(
            got(pick(y, &[], Some(("2024-01-17", "signature")))).as_deref(),
            Some("2024-01-17 signature")
        );
        // Disagreeing: unknown.
        assert_eq!(
            pick(y, &["2024-09-02"], Some(("2024-01-17", "signature"))),
            None
        );
        assert_eq!(pick(y, &["2024-01-10", "2024-02-20"], None), None);
        // Not plausible: passed over.
        assert_eq!(pick(y, &["2023-06-30"], None), None);
        assert_eq!(pick(y, &["2026-03-01"], None), None);
        assert_eq!(
            got(pick(y, &["2026-03-01"], Some(("2024-01-17", "signature")))).as_deref(),
            Some("2024-01-17 signature")
        );
        assert_eq!(
            got(pick(y, &["2024-01-22"], Some(("2023-01-17", "signature")))).as_deref(),
            Some("2024-01-22 portal")
        );
        // A report signed and published two years late, both saying so.
        assert_eq!(
            got(pick(y, &["2025-06-03"], Some(("2025-06-01", "signature")))).as_deref(),
            Some("2025-06-03 portal")
        );
        // No year: candidates that agree, or one alone.
        assert_eq!(
            got(pick(None, &["2024-01-22"], None)).as_deref(),
            Some("2024-01-22 portal")
        );
        assert_eq!(
            pick(None, &["2024-09-02"], Some(("2024-01-17", "signature"))),
            None
        );
    }

    #[test]
    fn signed_dates() {
        let sig = |t: &str| signed_date(t).map(Date::iso);
        let end = "六、其他需要报告的事项\n无。\n";
        assert_eq!(
            sig(&format!("{end}某县人民政府办公室\n2024年1月17日\n")).as_deref(),
            Some("2024-01-17")
        );
        assert_eq!(
            sig(&format!(
                "{end}无其他需要报告的事项。 某县人民政府办公室 2024年1月17日 附件下载"
            ))
            .as_deref(),
            Some("2024-01-17")
        );
        assert_eq!(
            sig(&format!("{end}某县人民政府办公室2024年1月17日\n")).as_deref(),
            Some("2024-01-17")
        );
        // Not under a body's name.
        assert_eq!(sig(&format!("{end}本报告于\n2024年1月17日\n")), None);
        assert_eq!(sig(&format!("{end}填报日期：2024年1月17日\n")), None);
        assert_eq!(
            sig(&format!(
                "{end}更新时间：某县人民政府办公室 2024年1月17日\n"
            )),
            None
        );
    }

    fn doc_sections(text: &str) -> (Vec<String>, BTreeMap<String, String>) {
        let reg = crate::registry::Registry::builtin();
        let form = reg.form("2021").unwrap();
        let doc = Doc::from_text(text);
        let (secs, doubts) = read_sections_doubts(&doc, Some(form), &[]);
        (secs.into_iter().map(|s| s.key).collect(), doubts)
    }

    #[test]
    fn headings_read_tolerantly() {
        let (keys, doubts) = doc_sections(
            "某局2023年报告\n一、总 体 概 述\n甲。\n二．主动公开情况\n乙。\n三、依申请公开情况\n丙。\n\
             第四部分 行政复议、行政诉讼情况\n丁。\n五、存在的主要问题\n及整改措施\n戊。\n## 六、其他事项\n己。\n",
        );
        assert_eq!(
            keys,
            [
                "preamble",
                "overview",
                "active",
                "requests",
                "review_litigation",
                "problems",
                "other"
            ]
        );
        assert!(doubts.is_empty(), "{doubts:?}");
        // Text glued into one line, as portals' copies print it.
        let (keys, _) = doc_sections(
            "前言。 一、总体情况 甲。 二、主动公开情况 乙。 三、收到和处理政府信息公开申请情况 丙。 \
             四、政府信息公开行政复议、行政诉讼情况 丁。 五、存在问题和改进措施 戊。 六、其他需要报告的事项 己。",
        );
        assert_eq!(keys.len(), 7, "{keys:?}");
    }

    #[test]
    fn a_numbered_line_in_other_words_is_doubted_where_its_section_belongs() {
        let (keys, doubts) = doc_sections(
            "一、总体情况\n甲。\n二、主动公开政府信息情况\n乙。\n三、收到和处理政府信息公开申请情况\n丙。\n\
             四、政府信息公开行政复议、行政诉讼情况\n丁。\n五、下一步工作打算\n戊。\n六、其他需要报告的事项\n己。\n",
        );
        assert!(!keys.contains(&"problems".to_string()));
        assert_eq!(doubts.len(), 1, "{doubts:?}");
        assert!(doubts["section/problems"].contains("五、下一步工作打算"));
        // A 五、 inside another section (a list's item) is not where 五 belongs.
        let (_, doubts) = doc_sections(
            "一、总体情况\n甲。\n五、加强培训\n二、主动公开政府信息情况\n乙。\n三、收到和处理政府信息公开申请情况\n丙。\n\
             四、政府信息公开行政复议、行政诉讼情况\n丁。\n六、其他需要报告的事项\n己。\n",
        );
        assert!(doubts.is_empty(), "{doubts:?}");
        // A table's numbered rows are not headings.
        let (_, doubts) = doc_sections(
            "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t1\n二、上年结转政府信息公开申请数量\t0\n\
             四、政府信息公开行政复议、行政诉讼情况\n丁。\n",
        );
        assert!(doubts.is_empty(), "{doubts:?}");
        // Items numbered 1. are not headings, nor doubts.
        let (keys, doubts) = doc_sections(
            "一、总体情况\n1.主动公开情况\n2.依申请公开\n五、存在的主要问题及改进情况\n戊。\n",
        );
        assert_eq!(keys, ["overview", "problems"]);
        assert!(doubts.is_empty(), "{doubts:?}");
    }
}
