//! What a report says about itself: title, issuing body, year, publication
//! date, whether the body is a government or a department; and its sections.

use super::doc::Doc;
use super::normalize::label_key;
use crate::form::Form;
use crate::model::{BodyKind, Meta, Section};

/// The first `YYYY年` (or `YYYY年度`) in `s`, when it is a plausible report year.
pub fn year_in(s: &str) -> Option<i32> {
    // "2024 年" (extracted PDF text spaces the digits off): read without the spaces.
    let cs: Vec<char> = s.chars().filter(|c| *c != ' ' && *c != '\u{a0}').collect();
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

/// A date printed as 2021-03-05, 2021/3/5, 2021.3.5 or 2021年3月5日.
pub fn date_in(s: &str) -> Option<String> {
    let cs: Vec<char> = s.chars().collect();
    let num = |i: usize, max: usize| -> Option<(u32, usize)> {
        let mut j = i;
        while j < cs.len() && j - i < max && cs[j].is_ascii_digit() {
            j += 1;
        }
        (j > i)
            .then(|| {
                cs[i..j]
                    .iter()
                    .collect::<String>()
                    .parse()
                    .ok()
                    .map(|n| (n, j))
            })
            .flatten()
    };
    for i in 0..cs.len() {
        if i > 0 && cs[i - 1].is_ascii_digit() {
            continue;
        }
        let Some((y, j)) = num(i, 4) else { continue };
        if !(2000..=2100).contains(&y) || j - i != 4 || j >= cs.len() {
            continue;
        }
        let sep = cs[j];
        if !matches!(sep, '-' | '/' | '.' | '年') {
            continue;
        }
        let Some((m, k)) = num(j + 1, 2) else {
            continue;
        };
        if k >= cs.len() {
            continue;
        }
        let sep2 = cs[k];
        let ok2 = if sep == '年' {
            sep2 == '月'
        } else {
            sep2 == sep
        };
        if !ok2 {
            continue;
        }
        let Some((d, _)) = num(k + 1, 2) else {
            continue;
        };
        if (1..=12).contains(&m) && (1..=31).contains(&d) {
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
    }
    None
}

/// The body named in a title: what precedes the year (关于 and the like dropped).
fn body_of_title(title: &str) -> Option<String> {
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

/// The title from the first lines: the line naming the 年度报告 (the piece of
/// a portal line that does), joined with the line before when the layout
/// put the body's name on a line of its own.
fn title_from_lines(lines: &[&str]) -> Option<String> {
    let i = lines
        .iter()
        .position(|l| l.contains("年度报告") || l.contains("年报"))?;
    let pieces: Vec<&str> = lines[i].split_whitespace().collect();
    let mut title = match pieces
        .iter()
        .find(|p| year_in(p).is_some() && p.contains("年度报告"))
    {
        Some(p) => p.to_string(),
        None => pieces.concat(),
    };
    if let Some(end) = title.find("年度报告") {
        title.truncate(end + "年度报告".len());
    }
    if year_in(&title).is_none() || title.starts_with(|c: char| c.is_ascii_digit()) {
        if let Some(prev) = i.checked_sub(1).map(|j| lines[j]) {
            if prev.chars().count() <= 30 {
                title = format!("{}{title}", prev.split_whitespace().collect::<String>());
            }
        }
    }
    (title.chars().count() <= 80).then_some(title)
}

/// Reads the meta data from the first part of the text.
pub fn read_meta(text: &str, html_title: Option<&str>) -> Meta {
    let mut meta = Meta::default();
    let head: String = text.chars().take(3000).collect();
    let lines: Vec<&str> = head
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    for l in &lines {
        if meta.title.is_none() {
            if let Some(v) = line_value(l, &["标题", "标  题"]) {
                meta.title = Some(v.to_string());
            }
        }
        if meta.published.is_none() {
            if let Some(v) = line_value(l, &["发布时间", "发布日期", "成文日期", "时间", "日期"])
            {
                meta.published = date_in(v);
            }
        }
    }
    if meta.title.is_none() {
        meta.title = html_title
            .map(str::trim)
            .filter(|t| t.contains("年度报告"))
            .map(str::to_string)
            .or_else(|| title_from_lines(&lines));
    }
    if meta.published.is_none() {
        // A portal's "发布时间：…" or "时间：…" inside a line.
        for key in ["发布时间", "发布日期", "时间："] {
            if let Some(i) = head.find(key) {
                let rest: String = head[i..].chars().take(40).collect();
                if let Some(d) = date_in(&rest) {
                    meta.published = Some(d);
                    break;
                }
            }
        }
    }
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
    meta.kind = meta.body.as_deref().and_then(kind_of_body);
    meta
}

/// Splits the text at the form's section headings (or, for a form without
/// them, at top-level numbered headings 一、二、…).
///
/// `tables` is the stretch of the doc that holds the statistics tables: no
/// heading is looked for inside it, and it is left out of the sections'
/// text, so the text rules read the prose only.
pub fn read_sections(doc: &Doc, form: Option<&Form>, tables: &[(usize, usize)]) -> Vec<Section> {
    let inside = |c: usize| tables.iter().any(|&(a, b)| c >= a && c < b);
    let mut marks: Vec<(usize, usize, String, String)> = Vec::new(); // (lab start, lab end, key, heading)
    let mut from = 0;
    if let Some(f) = form.filter(|f| !f.def().sections.is_empty()) {
        for s in &f.def().sections {
            let keys: Vec<String> = std::iter::once(&s.heading)
                .chain(&s.variants)
                .map(|h| label_key(h))
                .collect();
            let hit = keys
                .iter()
                .filter_map(|k| {
                    let mut at = from;
                    while let Some(p) = doc.lab[at..].find(k.as_str()) {
                        let b = at + p;
                        if !inside(doc.char_of_lab(b)) {
                            return Some((b, b + k.len()));
                        }
                        at = b + k.len();
                    }
                    None
                })
                .min_by_key(|h| h.0);
            if let Some((a, b)) = hit {
                marks.push((a, b, s.key.clone(), s.heading.clone()));
                from = b;
            }
        }
    } else {
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
        // The prose only: the tables' stretches are left out.
        let mut body = String::new();
        let mut at = start;
        for &(a, b) in tables.iter().filter(|&&(a, b)| a < end && b > start) {
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
}
