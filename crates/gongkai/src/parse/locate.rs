//! Finding a form's tables and rows in a report's text. Every table anchor
//! and row label is looked up (exactly, or by its longest prefix when the
//! text breaks it), and one monotone sequence of matches is chosen that
//! explains the most label text: the row order of the form is the
//! strongest evidence there is, and a label quoted in the narrative cannot
//! pull a row out of its table.

use super::doc::{Doc, HeaderRow};
use super::normalize::label_key;
use crate::form::{Form, Layout, TableDef};

/// What an entry of the printed form is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// The start of a table.
    Table(usize),
    /// A row (table index, row index); header rows hold no values.
    Row(usize, usize),
}

/// A found entry: byte range in the doc's label stream.
#[derive(Debug, Clone, Copy)]
pub struct Found {
    pub kind: EntryKind,
    pub start: usize,
    pub end: usize,
}

/// Fewest label chars a prefix match must have.
const MIN_PREFIX: usize = 4;
/// At most this many places are considered for one key.
const MAX_HITS: usize = 8;

struct Entry {
    kind: EntryKind,
    keys: Vec<String>,
    /// Whether a broken label may match by its prefix.
    prefix: bool,
}

fn table_anchors(t: &TableDef) -> Vec<String> {
    let mut v: Vec<String> = t.anchors.clone();
    if v.is_empty() {
        v.push(t.title.clone());
        if let Some(s) = &t.stub {
            v.push(s.clone());
        }
    }
    v.iter()
        .map(|a| label_key(a))
        .filter(|k| !k.is_empty())
        .collect()
}

fn entries(form: &Form) -> Vec<Entry> {
    let mut out = Vec::new();
    for (ti, t) in form.def().tables.iter().enumerate() {
        out.push(Entry {
            kind: EntryKind::Table(ti),
            keys: table_anchors(t),
            prefix: false,
        });
        if t.layout == Layout::SingleRow {
            continue;
        }
        for (ri, r) in t.rows.iter().enumerate() {
            let mut keys: Vec<String> = std::iter::once(&r.label)
                .chain(&r.aliases)
                .map(|l| label_key(l))
                .collect();
            keys.retain(|k| !k.is_empty());
            keys.dedup();
            out.push(Entry {
                kind: EntryKind::Row(ti, ri),
                keys,
                prefix: !r.optional,
            });
        }
    }
    out
}

/// How far after `from` a table's rows are looked for, in label bytes: the
/// longest table (legacy, 58 rows) takes about 8 KB.
const TABLE_WINDOW: usize = 40_000;

/// Occurrences of `needle` in `hay` from `from` to `to`, at most `max`.
pub fn find_all(hay: &str, needle: &str, from: usize, to: usize, max: usize) -> Vec<usize> {
    let to = to.min(hay.len());
    if from >= to || needle.is_empty() {
        return Vec::new();
    }
    memchr::memmem::find_iter(&hay.as_bytes()[from..to], needle.as_bytes())
        .take(max)
        .map(|p| from + p)
        .collect()
}

/// Occurrences of a row's `needle`, leaving out those in a header row of a
/// structured table (a foreign header naming 予以公开 is not the row).
fn row_hits(doc: &Doc, needle: &str, from: usize, to: usize) -> Vec<usize> {
    if doc.header_rows.is_empty() {
        return find_all(&doc.lab, needle, from, to, MAX_HITS);
    }
    let to = to.min(doc.lab.len());
    if from >= to || needle.is_empty() {
        return Vec::new();
    }
    memchr::memmem::find_iter(&doc.lab.as_bytes()[from..to], needle.as_bytes())
        .map(|p| from + p)
        .filter(|&s| !doc.in_header_row(doc.char_of_lab(s)))
        .take(MAX_HITS)
        .collect()
}

/// Candidate places of one entry: (start, end, quality).
/// The quality of a hit is its label chars, times `IN_ROW`, plus one when
/// it is in a printed row of a structured table: of equal labels, a chain
/// takes the row's (`| （六）其他处理 | 0 |…`), not a heading's
/// (`### (六) 其他处理`). No table has `IN_ROW` rows.
const IN_ROW: usize = 64;

fn candidates(doc: &Doc, e: &Entry, from: usize) -> Vec<(usize, usize, usize)> {
    let to = floor_char(&doc.lab, (from + TABLE_WINDOW).min(doc.lab.len()));
    let in_row = |s: usize| {
        usize::from(
            doc.row_at(doc.char_of_lab(s))
                .is_some_and(|k| doc.rows[k].data),
        )
    };
    let mut out = Vec::new();
    for k in &e.keys {
        let q = k.chars().count() * 2 * IN_ROW;
        for s in row_hits(doc, k, from, to) {
            out.push((s, s + k.len(), q + in_row(s)));
        }
    }
    if out.is_empty() && e.prefix {
        // The longest prefix that is there: pdftotext breaks long labels.
        for k in &e.keys {
            let idx: Vec<usize> = k.char_indices().map(|(i, _)| i).skip(1).collect();
            let n = k.chars().count();
            for (len, &cut) in idx.iter().enumerate().rev() {
                let chars = len + 1;
                if chars < MIN_PREFIX.min(n) || chars * 2 < n.min(12) {
                    break;
                }
                let pre = &k[..cut];
                let hits = row_hits(doc, pre, from, to);
                for &s in &hits {
                    out.push((s, s + pre.len(), chars * IN_ROW + in_row(s)));
                }
                if !hits.is_empty() {
                    break;
                }
            }
        }
    }
    out
}

/// How far after a table anchor its first rows are looked for, in label bytes.
const PEEK: usize = 3000;

/// Finds the form's tables and rows in the doc, in the form's order.
///
/// Each table starts at the anchor occurrence that is followed soonest by
/// its own first rows (a heading quoted in the preamble is not); its rows
/// are then matched after it, as one monotone chain.
pub fn locate(doc: &Doc, form: &Form) -> Vec<Found> {
    let ents = entries(form);
    let mut out = Vec::new();
    let mut from = 0;
    let mut i = 0;
    while i < ents.len() {
        let EntryKind::Table(t) = ents[i].kind else {
            i += 1;
            continue;
        };
        let rows_end = ents[i + 1..]
            .iter()
            .position(|e| matches!(e.kind, EntryKind::Table(_)))
            .map_or(ents.len(), |p| i + 1 + p);
        let rows = &ents[i + 1..rows_end];
        let table = &form.def().tables[t];
        // Probe keys: the first rows, or for a single-row table its column labels.
        let probes: Vec<String> = if rows.is_empty() {
            table.columns.iter().map(|c| label_key(&c.label)).collect()
        } else {
            rows.iter()
                .filter(|e| e.prefix)
                .take(6)
                .filter_map(|e| e.keys.first().cloned())
                .collect()
        };
        let mut best: Option<(usize, usize, usize)> = None; // (score, start, end)
        for key in &ents[i].keys {
            for s in find_all(&doc.lab, key, from, doc.lab.len(), 64) {
                let e = s + key.len();
                let window_end = floor_char(&doc.lab, peek_end(doc, e).min(doc.lab.len()));
                let window = &doc.lab.as_bytes()[e..window_end];
                let score = probes
                    .iter()
                    .filter(|k| memchr::memmem::find(window, k.as_bytes()).is_some())
                    .count();
                if best.is_none_or(|b| score > b.0) {
                    best = Some((score, s, e));
                }
            }
        }
        // A single-row table under generic column names (`数据1`…): its
        // anchor is the one a header row of a structured table follows.
        if rows.is_empty() && best.is_some_and(|b| b.0 == 0) {
            best = ents[i]
                .keys
                .iter()
                .flat_map(|key| {
                    find_all(&doc.lab, key, from, doc.lab.len(), 64)
                        .into_iter()
                        .map(move |s| (s, s + key.len()))
                })
                .filter(|&(_, e)| header_row_follows(doc, e))
                .min()
                .map(|(s, e)| (1, s, e))
                .or(best);
        }
        let row_from = match best {
            Some((score, s, e)) if score > 0 || probes.is_empty() => {
                out.push(Found {
                    kind: EntryKind::Table(t),
                    start: s,
                    end: e,
                });
                e
            }
            // No anchor (or none followed by rows): look for the rows from here.
            _ => from,
        };
        let chain = chain_rows(doc, rows, row_from);
        if let Some(last) = chain.last() {
            from = last.end;
        } else if best.is_some_and(|b| b.0 > 0 || probes.is_empty()) {
            from = row_from;
        }
        out.extend(chain);
        i = rows_end;
    }
    out
}

/// Where the look for a table's first rows after label-stream byte `e`
/// ends: `PEEK` bytes, not counting the header rows of a structured table
/// in between (a header repeating its merged cells is long).
fn peek_end(doc: &Doc, e: usize) -> usize {
    let mut end = e + PEEK;
    let lab_of = |c: usize| doc.lab_at.partition_point(|&x| (x as usize) < c);
    let from = doc.char_of_lab(e);
    let mut k = doc.header_rows.partition_point(|r| r.end <= from);
    while let Some(row) = doc.header_rows.get(k) {
        let (a, b) = (lab_of(row.start.max(from)), lab_of(row.end));
        if a >= end || a >= doc.lab.len() {
            break;
        }
        end += b.saturating_sub(a);
        k += 1;
    }
    end
}

/// How far after an anchor, in chars, the header row of its table may start.
const HEADER_NEAR: usize = 80;

/// Whether a header row of a structured table starts soon after the
/// label-stream byte `e`, with nothing but markup and blanks between.
fn header_row_follows(doc: &Doc, e: usize) -> bool {
    let c = doc.char_of_lab(e.saturating_sub(1)) + 1;
    let k = doc.header_rows.partition_point(|r| r.start < c);
    doc.header_rows
        .get(k)
        .is_some_and(|&HeaderRow { start: s, .. }| {
            s <= c + HEADER_NEAR
                && doc.chars[c.min(s)..s]
                    .iter()
                    .all(|&ch| !ch.is_alphanumeric())
        })
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The best monotone chain of a table's rows after `from`.
fn chain_rows(doc: &Doc, ents: &[Entry], from: usize) -> Vec<Found> {
    let mut states: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (ei, e) in ents.iter().enumerate() {
        for (s, en, q) in candidates(doc, e, from) {
            states.push((ei, s, en, q));
        }
    }
    // Longest path over states ordered by (entry, start): a chain goes
    // forward both in the form and in the text.
    states.sort_by_key(|s| (s.0, s.1));
    let n = states.len();
    let mut best = vec![0usize; n];
    let mut back = vec![usize::MAX; n];
    for i in 0..n {
        let (ei, s, _, q) = states[i];
        best[i] = q;
        for j in 0..i {
            let (ej, _, endj, _) = states[j];
            if ej < ei && endj <= s && best[j] + q > best[i] {
                best[i] = best[j] + q;
                back[i] = j;
            }
        }
    }
    let Some(mut i) = (0..n).max_by_key(|&i| (best[i], usize::MAX - i)) else {
        return Vec::new();
    };
    let mut chain = Vec::new();
    loop {
        let (ei, s, e, _) = states[i];
        chain.push(Found {
            kind: ents[ei].kind,
            start: s,
            end: e,
        });
        if back[i] == usize::MAX {
            break;
        }
        i = back[i];
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Registry;

    #[test]
    fn a_row_label_in_a_header_row_is_not_the_row() {
        let form = Registry::builtin().form("2021").unwrap();
        let md = "| 申请人情况 | 自然人 | 总计 |\n| --- | --- | --- |\n| 一、本年新收政府信息公开申请数量 | 1 | 1 |\n| 项目 | 上年结转件数 | （一）予以公开 |\n| 二、上年结转政府信息公开申请数量 | 0 | 0 |\n| （一）予以公开 | 1 | 1 |\n| （二）部分公开 | 0 | 0 |\n";
        let doc = crate::parse::html::markdown_to_doc(md);
        let found = locate(&doc, form);
        let granted = found
            .iter()
            .find(|f| f.kind == EntryKind::Row(1, 2))
            .unwrap();
        let at = doc.char_of_lab(granted.start);
        assert!(!doc.in_header_row(at));
        assert!(doc
            .text(at, doc.chars.len())
            .starts_with("（一）予以公开\n1"));
    }

    #[test]
    fn rows_are_found_in_order_even_when_a_label_is_quoted_earlier() {
        let form = Registry::builtin().form("2021").unwrap();
        let text = "一、总体情况 行政许可类信息40条。二、主动公开政府信息情况 第二十条第（一）项 信息内容 本年制发件数 规章 1 0 11 行政规范性文件 8 26 66 第二十条第（五）项 行政许可 447228";
        let doc = Doc::from_text(text);
        let found = locate(&doc, form);
        let license = found
            .iter()
            .find(|f| f.kind == EntryKind::Row(0, 2))
            .unwrap();
        let at = doc.char_of_lab(license.start);
        assert!(
            at > text.chars().position(|c| c == '五').unwrap(),
            "行政许可 found in the table, not the narrative"
        );
    }
}
