//! Reading published reports — portal text, glued cells, `pdftotext -layout`
//! output, HTML, Markdown — into the canonical report, with no guessing:
//! tables are found by the form's own labels and row order, glued digits are
//! split by the form's own arithmetic, and what cannot be decided is
//! reported, not filled in.

mod bytes;
mod doc;
mod docx;
mod doubts;
mod html;
pub mod layout;
mod locate;
mod meta;
pub(crate) mod normalize;
mod pdf;
mod places;
mod solve;
mod tokens;

use std::collections::BTreeMap;

use doc::Doc;
use locate::{EntryKind, Found};
use solve::{RowRead, RowResult, Val};

use crate::error::Error;
use crate::form::{Form, Layout, ValueKind};
use crate::model::{CellValue, Note, Read, Report};
use crate::number::Num;
use crate::registry::Registry;

pub use bytes::{sniff_bytes, FileKind};
pub use layout::Run;
pub use meta::{date_in, kind_of_body, year_in};
pub use tokens::EMPTY_MARK;

/// What kind of text the input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Json,
    Html,
    Markdown,
    Text,
}

/// Sniffs the kind of an input from its content.
pub fn sniff(input: &str) -> InputKind {
    let t = input.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('{') {
        InputKind::Json
    } else if html::looks_like_html(t) {
        InputKind::Html
    } else if html::looks_like_markdown(t) {
        InputKind::Markdown
    } else {
        InputKind::Text
    }
}

/// Stop phrases: what follows the last table of a report.
const STOPS: &[&str] = &[
    "五、存在的主要问题",
    "五、政府信息公开工作存在",
    "存在的主要问题及改进",
    "单位负责人",
    "填报人",
    "审核人",
    "附件下载",
    "六、其他需要报告",
    // What gongkai's own rendering prints after the tables (render/).
    "发现的问题（",
    "发现的问题：",
    "表式之外的单元格",
];

impl Registry {
    /// Reads a report from published text, an HTML page or fragment,
    /// Markdown, or the canonical JSON. Only JSON that is not a report is an
    /// error; any text gives a report, with notes for what could not be read.
    pub fn parse(&self, input: &str) -> Result<Report, Error> {
        let given = input;
        let stripped = input.trim_start_matches('\u{feff}');
        // Spans count chars of the text as given, BOMs included.
        let bom = input.len().saturating_sub(stripped.len()) / '\u{feff}'.len_utf8();
        let input = stripped;
        let kind = sniff(input);
        let (doc, html_title) = match kind {
            InputKind::Json => return Report::from_json(input),
            InputKind::Html => html::html_to_doc(input),
            InputKind::Markdown => (html::markdown_to_doc(input), None),
            InputKind::Text => (Doc::from_text(input), None),
        };
        // Meta is read in simplified characters, so a 繁體 copy reads alike.
        let plain: String = normalize::simplify(&doc.chars.iter().collect::<String>());
        let meta = meta::read_meta(
            &plain,
            html_title.map(|t| normalize::simplify(&t)).as_deref(),
        );
        let mut report = Report {
            meta,
            ..Report::default()
        };
        let Some((form, found)) = self.detect(&doc, report.meta.year) else {
            report.sections = meta::read_sections(&doc, None, &[]);
            return Ok(report);
        };
        report.form = Some(form.id().to_string());
        let structured = matches!(kind, InputKind::Html | InputKind::Markdown);
        let old_rows = self.old_rows(form);
        let spans = read_tables(&doc, form, &found, structured, &old_rows, &mut report);
        doubt_unread(&doc, form, &found, &mut report);
        let (sections, doubts) = meta::read_sections_doubts(&doc, Some(form), &spans);
        report.sections = sections;
        report.doubts.extend(doubts);
        doubts::settle(form, &mut report);
        if bom > 0 {
            for span in report.spans.values_mut() {
                *span = [span[0] + bom, span[1] + bom];
            }
        }
        report.places = places::places_of(given, kind == InputKind::Html, &report.spans, true);
        Ok(report)
    }

    /// The form whose tables the doc prints, with where they are. A quick
    /// score by the labels each form prints (columns tell generations apart:
    /// 本年制发件数 vs 本年新制作数量) picks the candidates; the best two are
    /// then located in full.
    fn detect<'a>(&'a self, doc: &Doc, year: Option<i32>) -> Option<(&'a Form, Vec<Found>)> {
        let has = |k: &str| {
            k.chars().count() >= 2
                && memchr::memmem::find(doc.lab.as_bytes(), k.as_bytes()).is_some()
        };
        let mut quick: Vec<(usize, &Form)> = self
            .forms()
            .map(|form| {
                let def = form.def();
                let cols = def
                    .tables
                    .iter()
                    .flat_map(|t| t.columns.iter().filter(|c| !c.optional))
                    .map(|c| normalize::label_key(&c.label));
                // Columns and each table's first rows are enough to tell forms apart.
                let rows = def
                    .tables
                    .iter()
                    .flat_map(|t| t.rows.iter().filter(|r| !r.optional && !r.header).take(4))
                    .map(|r| normalize::label_key(&r.label));
                let score: usize = cols
                    .chain(rows)
                    .filter(|k| has(k))
                    .map(|k| k.chars().count())
                    .sum();
                (score, form)
            })
            .filter(|(s, _)| *s > 0)
            .collect();
        quick.sort_by_key(|q| std::cmp::Reverse(q.0));
        // Column labels are the surest sign of a generation (Table 2's
        // 本年制发件数 vs 本年新制作数量); the year and the row labels decide
        // only when the columns do not. A 2021 report that prints the 2019
        // form's single （六）其他处理 row is still a 2021 report.
        let top: Vec<&Form> = quick.iter().take(2).map(|q| q.1).collect();
        let col_keys = |f: &Form| -> Vec<String> {
            f.def()
                .tables
                .iter()
                .flat_map(|t| t.columns.iter().filter(|c| !c.optional))
                .map(|c| normalize::label_key(&c.label))
                .filter(|k| k.chars().count() >= 3)
                .collect()
        };
        let own_columns = |f: &Form| -> usize {
            let others: Vec<String> = top
                .iter()
                .filter(|o| o.id() != f.id())
                .flat_map(|o| col_keys(o))
                .collect();
            // A set, not a sort: each distinct sort costs the browser build KBs.
            let keys: std::collections::BTreeSet<String> = col_keys(f).into_iter().collect();
            keys.iter()
                .filter(|k| !others.contains(k) && has(k))
                .map(|k| k.chars().count())
                .sum()
        };
        let mut best: Option<(usize, &Form, Vec<Found>)> = None;
        let mut best_cols = 0usize;
        for &(_, form) in quick.iter().take(2) {
            let found = locate::locate(doc, form);
            let rows = found
                .iter()
                .filter(|f| matches!(f.kind, EntryKind::Row(..)))
                .count();
            if rows < 3 {
                continue;
            }
            let label: usize = found
                .iter()
                .map(|f| doc.lab[f.start..f.end].chars().count())
                .sum();
            let fits_year = year.is_some_and(|y| form.def().years.contains(y));
            let score = label * 10 + usize::from(fits_year) * 5;
            let cols = own_columns(form);
            // Four chars of columns of its own (one label) outweigh everything else.
            let better = match &best {
                None => true,
                Some(_) if cols >= best_cols + 4 => true,
                Some(_) if best_cols >= cols + 4 => false,
                Some(b) if fits_year != b.1.def().years.contains(year.unwrap_or(i32::MIN)) => {
                    fits_year
                }
                Some(b) => score > b.0,
            };
            if better {
                best_cols = cols;
                best = Some((score, form, found));
            }
        }
        best.map(|(_, f, found)| (f, found))
    }

    /// The rows of another generation that a form's `foreign_rows` rules
    /// name (the 2019 form's single （六）其他处理 in a 2021 report), with
    /// their labels from the form that has them, and the rows they replace.
    fn old_rows(&self, form: &Form) -> Vec<OldRow> {
        let mut out = Vec::new();
        for rule in &form.rules {
            let crate::form::Check::ForeignRows { rows, replaces } = &rule.check else {
                continue;
            };
            for prefix in rows {
                let Some((t, r)) = prefix.trim_end_matches('/').split_once('/') else {
                    continue;
                };
                let Some(table) = form.def().tables.iter().position(|x| x.id == t) else {
                    continue;
                };
                let def = self
                    .forms()
                    .filter(|f| f.id() != form.id())
                    .flat_map(|f| f.def().tables.iter())
                    .filter(|x| x.id == t)
                    .find_map(|x| x.rows.iter().find(|row| row.key == r));
                let Some(def) = def else { continue };
                out.push(OldRow {
                    table,
                    key: r.to_string(),
                    labels: std::iter::once(&def.label)
                        .chain(&def.aliases)
                        .map(|l| normalize::label_key(l))
                        .collect(),
                    replaces: replaces
                        .iter()
                        .filter_map(|p| p.trim_end_matches('/').split_once('/'))
                        .map(|(_, row)| row.to_string())
                        .collect(),
                });
            }
        }
        out
    }

    /// Reads a report and checks it: `parse` then `validate`.
    pub fn check(
        &self,
        input: &str,
        options: &crate::Options,
    ) -> Result<(Report, crate::Outcome), Error> {
        let report = self.parse(input)?;
        let outcome = self.validate(&report, options);
        Ok((report, outcome))
    }
}

/// A row of another generation of the form that a report may print.
struct OldRow {
    table: usize,
    key: String,
    /// Its printed labels, folded.
    labels: Vec<String>,
    /// The keys of the rows it stands for in this form.
    replaces: Vec<String>,
}

/// Reads a report with the built-in forms.
pub fn parse(input: &str) -> Result<Report, Error> {
    Registry::builtin().parse(input)
}

/// The cells of a row, in column order; optional columns (小计) only when
/// `with_optional` (an optional row's cells count: the row is printed or not).
fn row_cells(form: &Form, table: usize, row: usize, with_optional: bool) -> Vec<usize> {
    let cols = &form.def().tables[table].columns;
    form.cells()
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.table == table && c.row == row && (with_optional || !cols[c.col].optional)
        })
        .map(|(i, _)| i)
        .collect()
}

fn table_cells(form: &Form, table: usize) -> Vec<usize> {
    form.table_range(table)
        .filter(|&i| !form.cells()[i].optional)
        .collect()
}

/// Where a row's values end: where the next entry starts, less the digits
/// of its numbering (`…00000002.其他法律…`: the 2 belongs to the label).
fn region_end(doc: &Doc, form: &Form, next: &Found) -> usize {
    let c0 = doc.char_of_lab(next.start);
    if let EntryKind::Row(t, r) = next.kind {
        let label = &form.def().tables[t].rows[r].label;
        let digits: String = label.chars().take_while(|c| c.is_ascii_digit()).collect();
        let n = digits.chars().count();
        if n > 0 && c0 >= n && doc.chars[c0 - n..c0].iter().copied().eq(digits.chars()) {
            return c0 - n;
        }
    }
    c0
}

/// The first of the form's section headings at or after char `from`.
fn heading_after(doc: &Doc, form: &Form, from: usize) -> Option<usize> {
    let from_lab = doc.lab_at.partition_point(|&c| (c as usize) < from);
    form.def()
        .sections
        .iter()
        .flat_map(|s| std::iter::once(&s.heading).chain(&s.variants))
        .filter_map(|h| {
            let k = normalize::label_key(h);
            doc.lab[from_lab..]
                .find(k.as_str())
                .map(|p| doc.char_of_lab(from_lab + p))
        })
        .min()
}

fn stop_after(doc: &Doc, from_char: usize) -> usize {
    let from_lab = doc.lab_at.partition_point(|&c| (c as usize) < from_char);
    STOPS
        .iter()
        .filter_map(|s| {
            let k = normalize::label_key(s);
            doc.lab[from_lab..]
                .find(k.as_str())
                .map(|p| doc.char_of_lab(from_lab + p))
        })
        .min()
        .unwrap_or(doc.chars.len())
}

/// Reads the tables into the report; returns the stretch of the doc each
/// table occupies (after its heading), which is not prose.
fn read_tables(
    doc: &Doc,
    form: &Form,
    found: &[Found],
    structured: bool,
    old_rows: &[OldRow],
    report: &mut Report,
) -> Vec<(usize, usize)> {
    // Regions of values, one per data row (or per single-row table).
    let mut reads: Vec<(usize, Option<usize>, RowRead)> = Vec::new(); // (table, row, read)
                                                                      // The stretch of source each read's values come from.
    let mut regions: Vec<(usize, usize)> = Vec::new();
    // Where each read's label starts and ends (chars); none for a single-row table.
    let mut labels: Vec<Option<(usize, usize)>> = Vec::new();
    let mut covered: Vec<(usize, usize)> = Vec::new();
    for (k, f) in found.iter().enumerate() {
        let start = doc.char_of_lab(f.end.saturating_sub(1)) + 1;
        let end = match found.get(k + 1) {
            // Rows of one table: up to the next row.
            Some(
                next @ Found {
                    kind: EntryKind::Row(..),
                    ..
                },
            ) => region_end(doc, form, next),
            // The last row of a table: up to the next table, or a section heading before it.
            Some(next) => heading_after(doc, form, start)
                .map_or(region_end(doc, form, next), |h| {
                    h.min(region_end(doc, form, next))
                }),
            // After the last table: up to what ends the tables, or the next
            // section's heading (in any of its wordings).
            None => {
                stop_after(doc, start).min(heading_after(doc, form, start).unwrap_or(usize::MAX))
            }
        };
        let end = end.max(start);
        match f.kind {
            EntryKind::Table(t) if form.def().tables[t].layout == Layout::SingleRow => {
                // The values follow the header as one run of numbers with no
                // words between them; prose after the table ("被申请行政复议9件")
                // has words between its numbers.
                let toks = value_run(
                    doc,
                    tokens::scan(doc, start, end),
                    table_cells(form, t).len(),
                );
                covered.push((start, end));
                regions.push((start, end));
                labels.push(None);
                reads.push((
                    t,
                    None,
                    RowRead {
                        cells: table_cells(form, t),
                        toks,
                    },
                ));
            }
            EntryKind::Row(t, r)
                if !form.def().tables[t].rows[r].header
                    && !row_cells(form, t, r, false).is_empty() =>
            {
                // The values may sit inside a label that the layout broke over
                // lines; only digits that are part of the label itself are not values.
                let label_start = doc.char_of_lab(f.start);
                let own = label_digits(&form.def().tables[t].rows[r].label);
                let toks: Vec<tokens::Tok> = tokens::scan(doc, label_start, end)
                    .into_iter()
                    .filter(|tok| {
                        !(tok.end <= start && glued_both_sides(doc, tok) && own.contains(&tok.text))
                    })
                    .collect();
                covered.push((start, end));
                regions.push((start, end));
                labels.push(Some((label_start, start)));
                reads.push((
                    t,
                    Some(r),
                    RowRead {
                        cells: row_cells(form, t, r, false),
                        toks,
                    },
                ));
            }
            _ => {}
        }
    }
    for old in old_rows {
        read_old_row(doc, form, found, old, &mut reads, report);
    }
    // Structured tables: each row's values from its own printed row.
    let (fits, extra) = fit_structured(doc, form, &mut reads, &labels, report);
    // An optional column (法人或其他组织 小计) counts when most rows print it.
    for t in 0..form.def().tables.len() {
        let (mut with, mut without) = (0, 0);
        for (tt, r, read) in &reads {
            if *tt != t {
                continue;
            }
            if let Some(r) = r {
                let full = row_cells(form, t, *r, true).len();
                if full > read.cells.len() && read.toks.len() == full {
                    with += 1;
                } else if read.toks.len() == read.cells.len() {
                    without += 1;
                }
            }
        }
        if with > without {
            for (tt, r, read) in reads.iter_mut() {
                if let (true, Some(r)) = (*tt == t, r) {
                    read.cells = row_cells(form, t, *r, true);
                }
            }
        }
    }
    // A structured row's empty cells past its cells pad it to the table's width.
    for ((_, _, read), fit) in reads.iter_mut().zip(&fits) {
        if matches!(fit, Fit::Own | Fit::Detached) {
            trim_padding(&mut read.toks, read.cells.len());
        }
    }
    // Numbers the narrative states next to each row's label, to break ties.
    let first = covered.iter().map(|c| c.0).min().unwrap_or(0);
    let last = covered.iter().map(|c| c.1).max().unwrap_or(0);
    let near: Vec<Vec<Num>> = reads
        .iter()
        .map(|(t, r, _)| {
            let table = &form.def().tables[*t];
            let labels: Vec<&str> = match r {
                Some(r) => std::iter::once(&table.rows[*r].label)
                    .chain(&table.rows[*r].aliases)
                    .map(String::as_str)
                    .collect(),
                None => table.rows.iter().map(|x| x.label.as_str()).collect(),
            };
            labels
                .iter()
                .flat_map(|l| narrative_numbers(doc, l, first, last))
                .collect()
        })
        .collect();
    // Each table's stretch: from its anchor's end (or its first row) to its last values.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < found.len() {
        let t = match found[k].kind {
            EntryKind::Table(t) | EntryKind::Row(t, _) => t,
        };
        let mut j = k;
        while j + 1 < found.len() && matches!(found[j + 1].kind, EntryKind::Row(tt, _) if tt == t) {
            j += 1;
        }
        let start = match found[k].kind {
            EntryKind::Table(_) => doc.char_of_lab(found[k].end.saturating_sub(1)) + 1,
            EntryKind::Row(..) => doc.char_of_lab(found[k].start),
        };
        let end = covered
            .iter()
            .filter(|c| c.0 >= start)
            .filter(|c| j + 1 >= found.len() || c.1 <= doc.char_of_lab(found[j + 1].start))
            .map(|c| c.1)
            .max()
            .unwrap_or(start);
        spans.push((start, end.max(start)));
        k = j + 1;
    }
    let plain: Vec<bool> = fits.iter().map(|f| *f == Fit::Plain).collect();
    let detached = reattach_detached(&mut reads, &plain);
    // A structured row with fewer values than cells lost some: which, the
    // text cannot tell, and its values are not offered to the solver (a
    // split of `37` would be a guess).
    let fits: Vec<Fit> = fits
        .into_iter()
        .zip(&reads)
        .map(|(f, (_, _, read))| match f {
            Fit::Own if !read.toks.is_empty() && read.toks.len() < read.cells.len() => Fit::Short,
            f => f,
        })
        .collect();
    let rows: Vec<RowRead> = reads
        .iter()
        .zip(&fits)
        .map(|((_, _, read), fit)| match fit {
            Fit::Short | Fit::Unmatched | Fit::Words => RowRead {
                cells: read.cells.clone(),
                toks: Vec::new(),
            },
            _ => read.clone(),
        })
        .collect();
    let results = solve::solve(form, &rows, &near);
    for ((((t, r, read), result), &(start, end)), (fit, extra)) in reads
        .iter()
        .zip(results)
        .zip(&regions)
        .zip(fits.iter().zip(&extra))
    {
        let row_key = match r {
            Some(r) => format!(
                "{}/{}",
                form.def().tables[*t].id,
                form.def().tables[*t].rows[*r].key
            ),
            None => form.def().tables[*t].id.clone(),
        };
        // The stretch of source that held the row's values, spaces
        // collapsed; for a structured row, its values and then the values
        // of other rows it cannot account for.
        let printed = || match (read.toks.first(), read.toks.last()) {
            _ if *fit != Fit::Plain => toks_text(doc, read.toks.iter().chain(extra)),
            (Some(a), Some(b)) => doc
                .text(a.start, b.end)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .replace('\u{E000}', "□"),
            _ => String::new(),
        };
        // R-2 over the row's cells: values that cannot be matched to them.
        let unmatched = |found: usize, printed: String| {
            let addrs: Vec<String> = read
                .cells
                .iter()
                .map(|&c| form.cells()[c].address.clone())
                .collect();
            note(
                "R-2",
                &addrs[0],
                &addrs[1..],
                &row_key,
                read.cells.len(),
                found,
                printed,
            )
        };
        match fit {
            // Too few values in its own row: a cell was lost, which one the
            // text cannot tell.
            Fit::Short => {
                report
                    .notes
                    .push(unmatched(read.toks.len() + extra.len(), printed()));
                continue;
            }
            // Labels printed apart from values that do not match them.
            Fit::Unmatched => {
                report.doubts.insert(row_key.clone(), "label_unread".into());
                continue;
            }
            // Words where the values belong: noted already.
            Fit::Words => continue,
            _ => {}
        }
        let how = if *fit == Fit::Detached || r.is_some_and(|r| detached.contains(&(*t, r))) {
            report.doubts.insert(row_key.clone(), "detached".into());
            Read::Detached
        } else if read.toks.len() < read.cells.len() {
            Read::Glued
        } else if structured {
            Read::Cell
        } else {
            Read::Tokens
        };
        match result {
            RowResult::Read(vals) => {
                for (&cell, v) in read.cells.iter().zip(&vals) {
                    put(doc, form, report, cell, v);
                    report.reads.insert(form.cells()[cell].address.clone(), how);
                }
                let all = read.toks.len() + extra.len();
                if all > read.cells.len() {
                    report.doubts.insert(row_key.clone(), "extra_values".into());
                    // More values than cells: the extra ones are not table values
                    // we can place; say so rather than drop them silently.
                    let first = &form.cells()[read.cells[0]].address;
                    report.notes.push(note(
                        "R-2",
                        first,
                        &[],
                        &row_key,
                        read.cells.len(),
                        all,
                        printed(),
                    ));
                }
            }
            RowResult::Unresolved { agreed, candidates } => {
                let mut open = Vec::new();
                for (&cell, v) in read.cells.iter().zip(&agreed) {
                    match v {
                        Some(v) => {
                            put(doc, form, report, cell, v);
                            report
                                .reads
                                .insert(form.cells()[cell].address.clone(), Read::Glued);
                        }
                        None => open.push(form.cells()[cell].address.clone()),
                    }
                }
                let shown: Vec<String> = candidates
                    .iter()
                    .take(6)
                    .map(|c| {
                        c.iter()
                            .map(|v| shown(doc, v))
                            .collect::<Vec<_>>()
                            .join("|")
                    })
                    .collect();
                let mut n = note("R-1", &open[0], &open[1..], &row_key, 0, 0, printed());
                n.args.insert("count".into(), candidates.len().to_string());
                n.args.insert("candidates".into(), shown.join("；"));
                n.expected = None;
                n.actual = None;
                report.notes.push(n);
            }
            RowResult::TooMany => {
                let addrs: Vec<String> = read
                    .cells
                    .iter()
                    .map(|&c| form.cells()[c].address.clone())
                    .collect();
                let mut n = note("R-1", &addrs[0], &addrs[1..], &row_key, 0, 0, printed());
                n.args.insert("count".into(), format!("{}+", 100_000));
                n.args.insert("candidates".into(), "…".into());
                n.expected = None;
                n.actual = None;
                report.notes.push(n);
            }
            RowResult::Short => report.notes.push(unmatched(read.toks.len(), printed())),
            // Words where the value should be (两次, 若干): not a value,
            // but not to be dropped in silence.
            RowResult::Empty => {
                if let (Some(_), Some(words)) = (r, unread_words(doc, form, *t, start, end)) {
                    report.notes.push(unmatched(0, words));
                } else if r.is_some() {
                    // A label with nothing after it: blank or lost, we cannot tell.
                    report.doubts.insert(row_key.clone(), "label_unread".into());
                }
            }
        }
    }
    doubt_old_rows(doc, form, found, old_rows, report);
    spans
}

/// A row of the other generation whose label is printed as a cell of its
/// table but that was not read (its values printed apart and not
/// matched): it and the rows it stands for are doubted, so that their
/// absence is not the report's fault.
fn doubt_old_rows(
    doc: &Doc,
    form: &Form,
    found: &[Found],
    old_rows: &[OldRow],
    report: &mut Report,
) {
    for old in old_rows {
        let table = &form.def().tables[old.table];
        let key = format!("{}/{}", table.id, old.key);
        let prefix = format!("{key}/");
        let read = |row: &str| {
            let p = format!("{}/{row}/", table.id);
            report.cells.keys().any(|a| a.starts_with(&p))
        };
        // Read, or the rows it stands for are (the 2021 group label
        // `（六）其他处理` is printed as a cell of its own too).
        if report.cells.keys().any(|a| a.starts_with(&prefix))
            || report.doubts.contains_key(&key)
            || old.replaces.iter().any(|r| read(r))
        {
            continue;
        }
        let rows: Vec<&Found> = found
            .iter()
            .filter(|f| matches!(f.kind, EntryKind::Row(t, _) if t == old.table))
            .collect();
        let (Some(a), Some(b)) = (rows.first(), rows.last()) else {
            continue;
        };
        if !old
            .labels
            .iter()
            .any(|l| label_alone(doc, l, a.start, b.end))
        {
            continue;
        }
        report.doubts.insert(key, "label_unread".into());
        for r in &old.replaces {
            report
                .doubts
                .entry(format!("{}/{r}", table.id))
                .or_insert_with(|| "label_unread".into());
        }
    }
}

/// The run of tokens that holds a single-row table's values: tokens with no
/// word between them. The first run of exactly `cells` tokens, else the
/// longest run (glued digits are one token), the last of equals.
fn value_run(doc: &Doc, toks: Vec<tokens::Tok>, cells: usize) -> Vec<tokens::Tok> {
    let word_between = |a: &tokens::Tok, b: &tokens::Tok| {
        (a.end..b.start.min(doc.chars.len()))
            .any(|i| doc.chars[i].is_alphabetic() && !doc.is_ignored(i))
    };
    // A year (`2024年，全市…`) opens the prose after the table.
    let year = |t: &tokens::Tok| {
        t.text.len() == 4
            && t.text
                .parse::<u32>()
                .is_ok_and(|y| (1990..=2100).contains(&y))
            && doc.chars.get(t.end) == Some(&'年')
    };
    let mut runs: Vec<Vec<tokens::Tok>> = Vec::new();
    for tok in toks.into_iter().filter(|t| !year(t)) {
        match runs.last_mut() {
            Some(run) if !run.last().is_some_and(|last| word_between(last, &tok)) => run.push(tok),
            _ => runs.push(vec![tok]),
        }
    }
    if let Some(k) = runs.iter().position(|r| r.len() == cells) {
        return runs.swap_remove(k);
    }
    let longest = runs.iter().map(Vec::len).max().unwrap_or(0);
    runs.into_iter()
        .rev()
        .find(|r| r.len() == longest)
        .unwrap_or_default()
}

/// Numbers stated within a short stretch after `label` in the text outside
/// the tables (`行政许可事项2278项`).
fn narrative_numbers(doc: &Doc, label: &str, first: usize, last: usize) -> Vec<Num> {
    // The label's words without numbering and notes: 规范性文件, 行政复议.
    let key = normalize::label_key(label);
    let key = key
        .trim_start_matches(['.', ',', '(', ')'])
        .split('(')
        .next()
        .unwrap_or("");
    let key: String = key
        .chars()
        .filter(|c| !matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | ','))
        .collect();
    if key.chars().count() < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for b in locate::find_all(&doc.lab, &key, 0, doc.lab.len(), 64) {
        let b = b + key.len();
        let c = doc.char_of_lab(b.saturating_sub(1)) + 1;
        if c >= first && c < last {
            continue;
        }
        let mut end = (c + 40).min(doc.chars.len());
        if let Some(stop) = doc.chars[c..end]
            .iter()
            .position(|&ch| matches!(ch, '。' | '；' | ';'))
        {
            end = c + stop;
        }
        // Only counts of documents or decisions (件, 项) of two digits or more:
        // a 0 or a 2 says little, and 条 counts items of information.
        out.extend(
            tokens::scan(doc, c, end)
                .into_iter()
                .filter(|t| t.kind == tokens::TokKind::Number && t.text.len() >= 2)
                .filter(|t| {
                    doc.chars[t.end..]
                        .iter()
                        .find(|ch| !ch.is_whitespace())
                        .is_some_and(|u| matches!(u, '件' | '项' | '項'))
                })
                .filter_map(|t| Num::parse_plain(&t.text)),
        );
    }
    out
}

/// Digit runs inside a label (`计1条` → `1`), not counting its numbering.
fn label_digits(label: &str) -> Vec<String> {
    let body = label.trim_start_matches(|c: char| c.is_ascii_digit());
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in body.chars() {
        if c.is_ascii_digit() {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn glued_both_sides(doc: &Doc, tok: &tokens::Tok) -> bool {
    let before = tok.start.checked_sub(1).and_then(|i| doc.chars.get(i));
    let after = doc.chars.get(tok.end);
    before.is_some_and(|c| !c.is_whitespace()) && after.is_some_and(|c| !c.is_whitespace())
}

/// The words in a row's value region that are neither a value nor what a
/// table prints around values (units, ——, markup, its labels): a value
/// written in words.
/// Only a short stretch counts: longer text is the report's prose or layout.
fn unread_words(doc: &Doc, form: &Form, t: usize, start: usize, end: usize) -> Option<String> {
    let table = &form.def().tables[t];
    let mut units: Vec<&str> = table
        .rows
        .iter()
        .filter_map(|r| r.unit.as_deref())
        .collect();
    units.extend(table.unit.as_deref());
    units.extend(["——", "—", "-", "|", "单位", "统计数"]);
    let text: String = (start..end.min(doc.chars.len()))
        .filter(|&i| !doc.is_ignored(i))
        .map(|i| doc.chars[i])
        .filter(|&c| c != doc::BLANK_CELL)
        .collect();
    let mut words: Vec<&str> = text.split_whitespace().collect();
    // Units, and pieces of the table's own labels (a label the layout broke).
    let in_labels = |w: &str| {
        let w = normalize::label_key(w);
        !w.is_empty()
            && table
                .rows
                .iter()
                .map(|r| &r.label)
                .chain(table.columns.iter().map(|c| &c.label))
                .chain(table.rows.iter().flat_map(|r| r.group.iter()))
                .chain(table.columns.iter().flat_map(|c| c.group.iter()))
                .chain(table.stub.iter())
                .any(|l| normalize::label_key(l).contains(&w))
    };
    words.retain(|w| !units.contains(w) && !in_labels(w));
    let joined = words.join(" ");
    let n = joined.chars().count();
    (n > 0 && n <= 12 && words.len() <= 2 && joined.chars().any(|c| c.is_alphabetic()))
        .then_some(joined)
}

fn note(
    rule: &str,
    cell: &str,
    related: &[String],
    row: &str,
    expected: usize,
    actual: usize,
    printed: String,
) -> Note {
    let mut args = BTreeMap::new();
    args.insert("row".to_string(), row.to_string());
    args.insert("printed".to_string(), printed);
    Note {
        rule: rule.to_string(),
        cell: Some(cell.to_string()),
        related: related.to_vec(),
        expected: Some(expected.to_string()),
        actual: Some(actual.to_string()),
        args,
    }
}

/// A candidate value as the source prints it (a blank as 0).
fn shown(doc: &Doc, v: &Val) -> String {
    match v.num {
        None => "0".to_string(),
        Some(_) => doc.text(v.start, v.end).split_whitespace().collect(),
    }
}

fn put(doc: &Doc, form: &Form, report: &mut Report, cell: usize, v: &Val) {
    let c = &form.cells()[cell];
    let value = match (v.num, v.text) {
        (_, true) => CellValue::Text(doc.text(v.start, v.end).trim().to_string()),
        (None, _) => CellValue::Blank,
        (Some(n), _) => match (c.kind, n.as_i64()) {
            (ValueKind::Money, _) | (_, None) => CellValue::Text(n.to_string()),
            (_, Some(i)) => CellValue::from(i),
        },
    };
    let raw = doc.text(v.start, v.end).trim().to_string();
    report.cells.insert(c.address.clone(), value);
    if !raw.is_empty() && raw != "\u{E000}" {
        report.raw.insert(c.address.clone(), raw);
    }
    let (s, e) = doc.span(v.start, v.end);
    report.spans.insert(c.address.clone(), [s, e]);
}

/// A row of the other generation printed inside a table (the single
/// （六）其他处理 of the 2019 form in a 2021 report) when none of the rows it
/// stands for is printed: the values after its label are its own, not the
/// row before's. Read into its own addresses (`requests/other/natural`),
/// which validation counts where the rows it replaces belong (T3-8).
fn read_old_row(
    doc: &Doc,
    form: &Form,
    found: &[Found],
    old: &OldRow,
    reads: &mut [(usize, Option<usize>, RowRead)],
    report: &mut Report,
) {
    let table = &form.def().tables[old.table];
    let replaced = found.iter().any(|f| {
        matches!(f.kind, EntryKind::Row(t, r)
            if t == old.table && old.replaces.contains(&table.rows[r].key))
    });
    if replaced {
        return;
    }
    // The read whose values hold the old label: tokens after it are the old row's.
    for (t, r, read) in reads.iter_mut() {
        if *t != old.table || r.is_none() || read.toks.is_empty() {
            continue;
        }
        let (a, b) = (read.toks[0].start, read.toks[read.toks.len() - 1].end);
        let lab_a = doc.lab_at.partition_point(|&c| (c as usize) < a);
        let lab_b = doc.lab_at.partition_point(|&c| (c as usize) < b);
        let Some(end) = old.labels.iter().find_map(|k| {
            doc.lab
                .get(lab_a..lab_b)
                .and_then(|s| s.find(k.as_str()))
                .map(|p| doc.char_of_lab(lab_a + p + k.len() - 1) + 1)
        }) else {
            continue;
        };
        let mut mine: Vec<tokens::Tok> = read
            .toks
            .iter()
            .filter(|x| x.start >= end)
            .cloned()
            .collect();
        read.toks.retain(|x| x.start < end);
        let cols: Vec<&crate::form::ColumnDef> =
            table.columns.iter().filter(|c| !c.optional).collect();
        // In a structured table, its values are its own printed row's:
        // other rows' empty cells are none, its own past its cells pad it.
        if let Some(k) = doc.row_at(end.saturating_sub(1)) {
            mine.retain(|x| doc.row_at(x.start) == Some(k) || !is_blank(x));
            trim_padding(&mut mine, cols.len());
        }
        let row_key = format!("{}/{}", table.id, old.key);
        if mine.len() != cols.len() {
            report.doubts.insert(row_key, "extra_values".into());
            return;
        }
        for (c, tok) in cols.iter().zip(&mine) {
            let address = format!("{row_key}/{}", c.key);
            let value = match Num::parse_plain(&tok.text).and_then(|n| n.as_i64()) {
                // A cell printed empty is blank, not the text of its marker.
                _ if is_blank(tok) => CellValue::Blank,
                Some(i) if tok.unit.is_none() => CellValue::from(i),
                _ => CellValue::Text(doc.text(tok.start, tok.end).trim().to_string()),
            };
            report.cells.insert(address.clone(), value);
            if !is_blank(tok) {
                report.raw.insert(
                    address.clone(),
                    doc.text(tok.start, tok.end).trim().to_string(),
                );
            }
            let (s, e) = doc.span(tok.start, tok.end);
            report.spans.insert(address.clone(), [s, e]);
            report.reads.insert(address, Read::OldRow);
        }
        return;
    }
}

/// How a row's values were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fit {
    /// In the text after its label (plain text, `pdftotext` output, or a
    /// label outside any structured row).
    Plain,
    /// In its own printed row of a structured table.
    Own,
    /// Its own printed row has fewer values than the row has cells.
    Short,
    /// In a row of values printed apart from its label, matched in order.
    Detached,
    /// Its label is one of a block printed apart from a block of values
    /// that does not match it: not read.
    Unmatched,
    /// Its own printed row has words where its values belong (`abc`,
    /// `两次`): not read, the words noted.
    Words,
}

/// What a structured row's stretch holds, by printed row.
struct Parts {
    /// The printed rows its label is in (indices in `doc.rows`).
    own_rows: (usize, usize),
    /// The tokens of its own printed rows.
    own: Vec<tokens::Tok>,
    /// Rows of values with no label after it: each row's index and its
    /// value tokens (not the empty label cell).
    values: Vec<(usize, Vec<tokens::Tok>)>,
    /// Values of other rows (labelled ones that are not the form's, or text
    /// outside the table): no row's that can be told.
    stray: Vec<tokens::Tok>,
}

fn is_blank(t: &tokens::Tok) -> bool {
    t.kind == tokens::TokKind::Blank
}

/// Splits a structured row's tokens by the printed row they are in; none
/// when its label is not in a printed row of a structured table.
fn parts_of(doc: &Doc, label: (usize, usize), toks: &[tokens::Tok]) -> Option<Parts> {
    // The printed rows the label overlaps (a label may begin in a line of
    // text before its row: a PDF's wrapped label cell).
    let a = doc.rows.partition_point(|r| r.end <= label.0);
    let b = doc.rows.partition_point(|r| r.start < label.1);
    if a >= b {
        return None;
    }
    let b = b - 1;
    let mut parts = Parts {
        own_rows: (a, b),
        own: Vec::new(),
        values: Vec::new(),
        stray: Vec::new(),
    };
    for tok in toks {
        match doc.row_at(tok.start) {
            Some(k) if (a..=b).contains(&k) => parts.own.push(tok.clone()),
            Some(k) if doc.rows[k].data && !doc.rows[k].labeled => match parts.values.last_mut() {
                Some((last, v)) if *last == k => v.push(tok.clone()),
                _ => parts.values.push((k, vec![tok.clone()])),
            },
            // An empty cell of another row (a sub-heading, a label-only
            // row) is no value of this one.
            _ if is_blank(tok) => {}
            _ => parts.stray.push(tok.clone()),
        }
    }
    // A label broken over printed rows: its values are in the one of them
    // that has any (the others' empty cells pad them); with none, its
    // first row's (a continuation row's empty cell is no blank value).
    if b > a {
        let with: Vec<usize> = (a..=b)
            .filter(|&k| {
                parts
                    .own
                    .iter()
                    .any(|t| !is_blank(t) && doc.row_at(t.start) == Some(k))
            })
            .collect();
        match with[..] {
            [k] => parts.own.retain(|t| doc.row_at(t.start) == Some(k)),
            [] => parts.own.retain(|t| doc.row_at(t.start) == Some(a)),
            _ => {}
        }
    }
    // A row of only empty cells gives nothing; a row's empty label cell is
    // not one of its values.
    parts.values.retain(|(_, v)| v.iter().any(|t| !is_blank(t)));
    for (k, v) in &mut parts.values {
        let row = doc.rows[*k];
        if row.first_empty {
            v.retain(|t| t.start >= row.first_end);
        }
    }
    Some(parts)
}

/// Drops a structured row's trailing empty cells past its `n` cells:
/// converters pad a short row to the table's width.
fn trim_padding(toks: &mut Vec<tokens::Tok>, n: usize) {
    while toks.len() > n && toks.last().is_some_and(is_blank) {
        toks.pop();
    }
}

/// Tokens as printed, one after another (an empty cell as □).
fn toks_text<'a>(doc: &Doc, toks: impl Iterator<Item = &'a tokens::Tok>) -> String {
    toks.map(|t| {
        if is_blank(t) {
            "□".to_string()
        } else {
            doc.text(t.start, t.end).split_whitespace().collect()
        }
    })
    .collect::<Vec<_>>()
    .join(" ")
}

/// Structured tables are read row by row, as printed: a row of the form
/// takes the values of the printed row that holds its label. Its empty
/// cells past its cell count pad it; empty cells of other rows (sub-
/// headings, label-only rows) are no values; values of other rows it cannot
/// account for make it doubtful (returned per read, as `extra`).
///
/// A block of label rows with no values, followed by as many rows of values
/// with no label (rows of the same table, with as many cells), is paired in
/// order (`Fit::Detached`); a block whose counts do not match is not read
/// (`Fit::Unmatched`, with one R-2 note for it). A label-only row with no
/// such block after it is a row of blank cells.
fn fit_structured(
    doc: &Doc,
    form: &Form,
    reads: &mut [(usize, Option<usize>, RowRead)],
    labels: &[Option<(usize, usize)>],
    report: &mut Report,
) -> (Vec<Fit>, Vec<Vec<tokens::Tok>>) {
    let n = reads.len();
    let mut fits = vec![Fit::Plain; n];
    let mut extra: Vec<Vec<tokens::Tok>> = vec![Vec::new(); n];
    if doc.rows.is_empty() {
        return (fits, extra);
    }
    let parts: Vec<Option<Parts>> = reads
        .iter()
        .zip(labels)
        .map(|((_, r, read), label)| match (r, label) {
            (Some(_), Some(label)) => parts_of(doc, *label, &read.toks),
            _ => None,
        })
        .collect();
    // Each read's cell count with the optional columns.
    let wide: Vec<usize> = reads
        .iter()
        .map(|(t, r, read)| match r {
            Some(r) => row_cells(form, *t, *r, true).len(),
            None => read.cells.len(),
        })
        .collect();
    let full = |i: usize| wide[i];
    let has_value = |p: &Parts| p.own.iter().any(|t| !is_blank(t));
    // Words in a row's own printed row after its label, where its values belong.
    let words: Vec<Option<String>> = parts
        .iter()
        .zip(labels)
        .zip(reads.iter())
        .map(|((p, label), (t, _, _))| {
            let (p, label) = (p.as_ref()?, (*label)?);
            let row_end = doc.rows[p.own_rows.1].end;
            // Cells of units (`万 元`, `（件）`) are not words where values belong.
            let text = doc.text(label.1, row_end);
            if text.split('\n').all(|c| {
                c.trim().is_empty() || tokens::is_unit_cell(&c.chars().collect::<Vec<_>>())
            }) {
                return None;
            }
            unread_words(doc, form, *t, label.1, row_end)
        })
        .collect();
    // A label that shares its printed row with the next row's, with nothing
    // after it there: a group's label (`（三）不予公开 1.属于国家秘密`).
    let group_label = |i: usize| {
        parts[i].as_ref().is_some_and(|p| {
            p.own.is_empty()
                && parts
                    .get(i + 1)
                    .and_then(Option::as_ref)
                    .is_some_and(|q| q.own_rows.0 <= p.own_rows.1)
        })
    };
    let mut i = 0;
    while i < n {
        let Some(p) = &parts[i] else {
            // A label outside the structured rows (a heading, a line of
            // text): read as text, but the values of a labelled printed row
            // are that row's, not this one's, and other rows' empty cells
            // are no values.
            if let (Some(r), Some(_)) = (reads[i].1, labels[i]) {
                let def = &form.def().tables[reads[i].0].rows[r];
                let keys: Vec<String> = std::iter::once(&def.label)
                    .chain(&def.aliases)
                    .map(|l| normalize::label_key(l))
                    .collect();
                // A row whose label cell goes on with this label (a PDF's
                // label wrapped into its row) is this row's.
                let goes_on = |row: &doc::TableRow| {
                    let first = normalize::label_key(&doc.text(row.start, row.first_end));
                    first.chars().count() >= 2 && keys.iter().any(|k| k.contains(&first))
                };
                let toks = std::mem::take(&mut reads[i].2.toks);
                for tok in toks {
                    match doc.row_at(tok.start).map(|k| doc.rows[k]) {
                        Some(row)
                            if row.data && row.labeled && !is_blank(&tok) && !goes_on(&row) =>
                        {
                            extra[i].push(tok);
                        }
                        Some(_) if is_blank(&tok) => {}
                        _ => reads[i].2.toks.push(tok),
                    }
                }
            }
            i += 1;
            continue;
        };
        if group_label(i) {
            reads[i].2.toks.clear();
            i += 1;
            continue;
        }
        if has_value(p) {
            let mut own = p.own.clone();
            trim_padding(&mut own, full(i));
            reads[i].2.toks = own;
            extra[i] = p
                .values
                .iter()
                .flat_map(|(_, v)| v.iter().filter(|t| !is_blank(t)).cloned())
                .chain(p.stray.iter().cloned())
                .collect();
            fits[i] = Fit::Own;
            i += 1;
            continue;
        }
        if let Some(w) = &words[i] {
            reads[i].2.toks.clear();
            fits[i] = Fit::Words;
            let addrs: Vec<String> = reads[i]
                .2
                .cells
                .iter()
                .map(|&c| form.cells()[c].address.clone())
                .collect();
            let table_def = &form.def().tables[reads[i].0];
            let key = reads[i].1.map_or_else(String::new, |r| {
                format!("{}/{}", table_def.id, table_def.rows[r].key)
            });
            report.notes.push(note(
                "R-2",
                &addrs[0],
                &addrs[1..],
                &key,
                addrs.len(),
                0,
                w.clone(),
            ));
            i += 1;
            continue;
        }
        // A block of label-only rows of one table, ending at the first with
        // something after it.
        let (t, cells) = (reads[i].0, reads[i].2.cells.len());
        let shape = |p: &Parts| {
            let row = doc.rows[p.own_rows.0];
            (row.table, row.cells)
        };
        let mut members = vec![i];
        let mut j = i;
        loop {
            let pj = parts[j]
                .as_ref()
                .map(|p| p.values.is_empty() && p.stray.is_empty());
            if pj != Some(true) || j + 1 >= n {
                break;
            }
            let next = j + 1;
            if group_label(next) {
                j = next;
                continue;
            }
            let fits_block = parts[next].as_ref().is_some_and(|q| {
                !has_value(q)
                    && words[next].is_none()
                    && reads[next].0 == t
                    && reads[next].1.is_some()
                    && reads[next].2.cells.len() == cells
                    && shape(q) == shape(p)
            });
            if !fits_block {
                break;
            }
            members.push(next);
            j = next;
        }
        let last = *members.last().unwrap_or(&i);
        let Some(pl) = parts[last].as_ref() else {
            i = j + 1;
            continue;
        };
        if pl.values.is_empty() {
            // No values printed apart: rows of blank cells, as printed.
            for &m in &members {
                let Some(pm) = parts[m].as_ref() else {
                    continue;
                };
                if pm.own.is_empty() {
                    // Nothing in its own row at all (`| 行政许可 |`): read
                    // as text, from what follows it.
                    reads[m].2.toks = pm.stray.clone();
                    continue;
                }
                let mut own = pm.own.clone();
                trim_padding(&mut own, full(m));
                reads[m].2.toks = own;
                extra[m] = pm.stray.clone();
                fits[m] = Fit::Own;
            }
            i = j + 1;
            continue;
        }
        // The values printed apart: one row per label, in order.
        let (table, width) = shape(p);
        let mut vals: Vec<Vec<tokens::Tok>> = pl.values.iter().map(|(_, v)| v.clone()).collect();
        for v in &mut vals {
            trim_padding(v, full(i));
        }
        let k = vals.first().map_or(0, Vec::len);
        let paired = vals.len() == members.len()
            && pl.stray.is_empty()
            && pl
                .values
                .iter()
                .all(|(r, _)| doc.rows[*r].table == table && doc.rows[*r].cells == width)
            && (k == cells || k == full(i))
            && vals.iter().all(|v| v.len() == k);
        if paired {
            for (&m, v) in members.iter().zip(vals) {
                reads[m].2.toks = v;
                fits[m] = Fit::Detached;
            }
        } else {
            for &m in &members {
                reads[m].2.toks.clear();
                fits[m] = Fit::Unmatched;
            }
            let (t0, r0) = (reads[i].0, reads[i].1.unwrap_or(0));
            let table_def = &form.def().tables[t0];
            let addrs: Vec<String> = members
                .iter()
                .flat_map(|&m| reads[m].2.cells.iter())
                .map(|&c| form.cells()[c].address.clone())
                .collect();
            let printed: Vec<String> = pl
                .values
                .iter()
                .map(|(_, v)| toks_text(doc, v.iter()))
                .chain((!pl.stray.is_empty()).then(|| toks_text(doc, pl.stray.iter())))
                .collect();
            let found = pl.values.iter().map(|(_, v)| v.len()).sum::<usize>() + pl.stray.len();
            report.notes.push(note(
                "R-2",
                &addrs[0],
                &addrs[1..],
                &format!("{}/{}", table_def.id, table_def.rows[r0].key),
                addrs.len(),
                found,
                printed.join(" | "),
            ));
        }
        i = j + 1;
    }
    (fits, extra)
}

/// Row labels printed apart from their values (a block of labels, then a
/// block of value rows, as PDF converters scramble tables): consecutive rows
/// of one table with no values, followed by a row holding exactly the values
/// of all of them, take those values in order. Only the `eligible` reads
/// (those read as text) take part. Returns the rows so read.
fn reattach_detached(
    reads: &mut [(usize, Option<usize>, RowRead)],
    eligible: &[bool],
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < reads.len() {
        let (t, Some(_), _) = &reads[k] else {
            k += 1;
            continue;
        };
        let t = *t;
        let ok = |i: usize| eligible.get(i).copied().unwrap_or(false);
        // A run of empty rows of table t, then the row that holds the values.
        let mut j = k;
        while j < reads.len()
            && ok(j)
            && reads[j].0 == t
            && reads[j].1.is_some()
            && reads[j].2.toks.is_empty()
        {
            j += 1;
        }
        let run = j - k;
        let fits = run > 0
            && j < reads.len()
            && ok(j)
            && reads[j].0 == t
            && reads[j].1.is_some()
            && (k..=j).all(|i| reads[i].2.cells.len() == reads[k].2.cells.len())
            && reads[j].2.toks.len() == (run + 1) * reads[k].2.cells.len();
        if !fits {
            k = j.max(k + 1);
            continue;
        }
        let n = reads[k].2.cells.len();
        let toks = std::mem::take(&mut reads[j].2.toks);
        for (i, chunk) in toks.chunks(n).enumerate() {
            reads[k + i].2.toks = chunk.to_vec();
            if let Some(r) = reads[k + i].1 {
                out.push((t, r));
            }
        }
        k = j + 1;
    }
    out
}

/// Doubts for what the reader saw but did not read: a table whose headings
/// are printed but that gave no cell, a row whose label is printed in its
/// table but that gave no value. Their absence is not sure, so F-2 / F-3 on
/// them are reading notes, not errors of the report.
fn doubt_unread(doc: &Doc, form: &Form, found: &[Found], report: &mut Report) {
    for (t, table) in form.def().tables.iter().enumerate() {
        let prefix = format!("{}/", table.id);
        let any_read = report.cells.keys().any(|a| a.starts_with(&prefix))
            || report
                .notes
                .iter()
                .any(|n| n.cell.as_deref().is_some_and(|c| c.starts_with(&prefix)));
        if !any_read {
            if table_traces(doc, table) {
                report
                    .doubts
                    .insert(table.id.clone(), "table_unread".into());
            }
            continue;
        }
        // The stretch the table's rows were found in.
        let rows: Vec<&Found> = found
            .iter()
            .filter(|f| matches!(f.kind, EntryKind::Row(tt, _) | EntryKind::Table(tt) if tt == t))
            .collect();
        let (Some(a), Some(b)) = (rows.first(), rows.last()) else {
            continue;
        };
        let (from, to) = (a.start, (b.end + 2000).min(doc.lab.len()));
        for row in table.rows.iter().filter(|r| !r.header && !r.optional) {
            let key = format!("{}/{}", table.id, row.key);
            let row_prefix = format!("{key}/");
            if report.cells.keys().any(|a| a.starts_with(&row_prefix))
                || report.doubts.contains_key(&key)
            {
                continue;
            }
            let words = label_words(&row.label);
            let printed = if words.chars().count() >= 4 {
                doc.lab.get(from..to).is_some_and(|s| s.contains(&words))
            } else {
                // A short label (`（七）总计`, `3.其他`): whole, with its
                // numbering, as a cell or a word of its own.
                label_alone(doc, &row.label, from, to)
            };
            if printed {
                report.doubts.insert(key, "label_unread".into());
            }
        }
    }
}

/// Whether `label` is printed whole between label-stream bytes `from` and
/// `to`, standing alone: a cell or a word of its own (`（七）总计`, not the
/// `其他` of `2.其他法律行政法规禁止公开`), its numbering included.
fn label_alone(doc: &Doc, label: &str, from: usize, to: usize) -> bool {
    let key = normalize::label_key(label);
    let digits: String = label.chars().take_while(char::is_ascii_digit).collect();
    if key.chars().count() < 3 {
        return false;
    }
    let apart =
        |c: Option<&char>| c.is_none_or(|&c| c.is_whitespace() || c == doc::BLANK_CELL || c == '|');
    locate::find_all(&doc.lab, &key, from, to, 64)
        .into_iter()
        .any(|p| {
            let a = doc.char_of_lab(p);
            let b = doc.char_of_lab(p + key.len() - 1) + 1;
            // Its numbering is printed before it, as the label has it
            // (spaced out or not: `3.其他`, `3 . 其 他`).
            let n = digits.chars().count();
            let mut at = a;
            while n > 0 && at > 0 && doc.chars[at - 1].is_whitespace() {
                at -= 1;
            }
            let numbered = at >= n && doc.chars[at - n..at].iter().copied().eq(digits.chars());
            let a = if n > 0 { at.saturating_sub(n) } else { a };
            (n == 0 || numbered)
                && apart(a.checked_sub(1).and_then(|i| doc.chars.get(i)))
                && apart(doc.chars.get(b))
        })
}

/// A label's words without its numbering: `（一）予以公开` → `予以公开`.
fn label_words(label: &str) -> String {
    let k = normalize::label_key(label);
    let k = match k.find(')') {
        Some(p) if k.starts_with('(') => k[p + 1..].to_string(),
        _ => k,
    };
    k.trim_start_matches(['.', ',']).to_string()
}

/// Whether the doc prints three or more of a table's column labels close
/// together: a header row, not prose that names an applicant or two.
fn table_traces(doc: &Doc, table: &crate::form::TableDef) -> bool {
    let keys: Vec<String> = table
        .columns
        .iter()
        .filter(|c| !c.optional)
        .map(|c| normalize::label_key(&c.label))
        .filter(|k| k.chars().count() >= 3)
        .collect();
    let mut hits: Vec<(usize, usize)> = Vec::new(); // (position, key index)
    for (i, k) in keys.iter().enumerate() {
        for p in locate::find_all(&doc.lab, k, 0, doc.lab.len(), 64) {
            hits.push((p, i));
        }
    }
    hits.sort_unstable();
    hits.iter().enumerate().any(|(a, &(p, _))| {
        let mut distinct: Vec<usize> = hits[a..]
            .iter()
            .take_while(|h| h.0 < p + 400)
            .map(|h| h.1)
            .collect();
        distinct.sort_unstable();
        distinct.dedup();
        distinct.len() >= 3
    })
}

/// Debug view of where the reader found each table and row (for tests and diagnosis).
#[doc(hidden)]
pub fn debug_locate(input: &str, form: &str) -> Vec<String> {
    let Some(form) = Registry::builtin().form(form) else {
        return Vec::new();
    };
    let doc = Doc::from_text(input);
    locate::locate(&doc, form)
        .iter()
        .map(|f| {
            let a = doc.char_of_lab(f.start);
            let b = doc.char_of_lab(f.end.saturating_sub(1)) + 1;
            format!("{:?} {:?}", f.kind, doc.text(a, b))
        })
        .collect()
}
