//! A body's reports over the years: each checked against the one before
//! (the cross-year rules when the years are consecutive), tables whose values
//! are the previous report's (C-2), texts that are near-copies of it (C-1).

use std::collections::BTreeMap;

use super::shingle::{contained, percent, shared_passages, Print};
use super::{body_key, finding, name_of, narrative};
use crate::finding::{Finding, Lang, Outcome};
use crate::message::Args;
use crate::model::Report;
use crate::registry::Registry;
use crate::validate::{cell_number, Options};

/// How to check a series.
#[derive(Debug, Clone)]
pub struct SeriesOptions {
    pub lang: Lang,
    /// The share of a report's text found in the previous report (its
    /// 8-character shingles) from which C-1 is reported; formats.md names
    /// about 90%.
    pub threshold: f64,
    /// A table is reported as copied (C-2) only with at least this many
    /// non-zero values: a table of zeros is often truly the same.
    pub min_nonzero: usize,
}

impl Default for SeriesOptions {
    fn default() -> Self {
        SeriesOptions {
            lang: Lang::ZhCn,
            threshold: 0.9,
            min_nonzero: 3,
        }
    }
}

/// One report of a series, in the order the reports were given.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesEntry {
    /// The report's position in the input.
    pub index: usize,
    pub body: Option<String>,
    pub year: Option<i32>,
    /// The same body's latest earlier report it was compared with.
    pub previous: Option<usize>,
    /// Its findings: the C-* findings first, then those of `validate_pair`
    /// (consecutive years) or `validate`.
    pub outcome: Outcome,
}

impl Registry {
    /// Checks several years of reports: reports are matched by body (as the
    /// reader found it in the title) and ordered by year; each is compared
    /// with the same body's latest earlier report.
    pub fn series(&self, reports: &[Report], options: &SeriesOptions) -> Vec<SeriesEntry> {
        let mut bodies: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, r) in reports.iter().enumerate() {
            if let (Some(key), Some(_)) = (body_key(r), r.meta.year) {
                bodies.entry(key).or_default().push(i);
            }
        }
        let previous = |i: usize| -> Option<usize> {
            let year = reports[i].meta.year?;
            let group = bodies.get(&body_key(&reports[i])?)?;
            group
                .iter()
                .copied()
                .filter(|&j| reports[j].meta.year.is_some_and(|y| y < year))
                .max_by_key(|&j| (reports[j].meta.year, std::cmp::Reverse(j)))
        };
        let prints: Vec<Option<Print>> = reports
            .iter()
            .map(|r| {
                let p = Print::of(&narrative(r));
                p.comparable().then_some(p)
            })
            .collect();
        let validate = Options { lang: options.lang };
        reports
            .iter()
            .enumerate()
            .map(|(i, cur)| {
                let prev = previous(i);
                let mut findings = Vec::new();
                let base = match prev {
                    Some(j) => {
                        let p = &reports[j];
                        findings.extend(self.copied_tables(p, cur, options));
                        if let (Some(a), Some(b)) = (&prints[i], &prints[j]) {
                            findings.extend(near_copy(
                                self,
                                cur,
                                a,
                                p,
                                b,
                                true,
                                options.threshold,
                                options.lang,
                            ));
                        }
                        if p.meta
                            .year
                            .zip(cur.meta.year)
                            .is_some_and(|(a, b)| b - a == 1)
                        {
                            self.validate_pair(p, cur, &validate)
                        } else {
                            self.validate(cur, &validate)
                        }
                    }
                    None => self.validate(cur, &validate),
                };
                findings.extend(base.findings);
                SeriesEntry {
                    index: i,
                    body: cur.meta.body.clone(),
                    year: cur.meta.year,
                    previous: prev,
                    outcome: Outcome::from_findings(findings),
                }
            })
            .collect()
    }

    /// C-2: the tables of `cur` whose every value is the one `prev` printed.
    pub(crate) fn copied_tables(
        &self,
        prev: &Report,
        cur: &Report,
        options: &SeriesOptions,
    ) -> Vec<Finding> {
        let Some(form) = cur.form.as_deref().and_then(|f| self.form(f)) else {
            return Vec::new();
        };
        if prev.form != cur.form {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (t, table) in form.def().tables.iter().enumerate() {
            let (mut count, mut nonzero, mut same) = (0, 0, true);
            for cell in form.cells().iter().filter(|c| c.table == t) {
                let (a, b) = (prev.cells.get(&cell.address), cur.cells.get(&cell.address));
                if a.is_none() && b.is_none() {
                    continue;
                }
                let (Some(a), Some(b)) = (a, b) else {
                    same = false;
                    break;
                };
                match (cell_number(a), cell_number(b)) {
                    (Some(x), Some(y)) if x == y => {
                        count += 1;
                        if !x.is_zero() {
                            nonzero += 1;
                        }
                    }
                    (None, None) if a.as_text().trim() == b.as_text().trim() => count += 1,
                    _ => {
                        same = false;
                        break;
                    }
                }
            }
            if same && count > 0 && nonzero >= options.min_nonzero {
                let args = Args::new()
                    .set("table", table.title.clone())
                    .set("count", count.to_string())
                    .set("nonzero", nonzero.to_string())
                    .set("other", name_of(prev, true, options.lang));
                out.push(finding(
                    self,
                    "C-2",
                    options.lang,
                    None,
                    vec![format!("prev:{}", table.id)],
                    None,
                    None,
                    None,
                    &args,
                ));
            }
        }
        out
    }
}

/// C-1: `cur`'s text is a near-copy of `other`'s.
#[allow(clippy::too_many_arguments)]
pub(crate) fn near_copy(
    reg: &Registry,
    cur: &Report,
    cur_print: &Print,
    other: &Report,
    other_print: &Print,
    previous: bool,
    threshold: f64,
    lang: Lang,
) -> Option<Finding> {
    let similarity = contained(cur_print, other_print);
    if similarity < threshold {
        return None;
    }
    let text = narrative(cur);
    let passages = shared_passages(cur_print, &text, other_print, 3, 120);
    let first = passages.first().cloned().unwrap_or_default();
    let args = Args::new()
        .set("similarity", percent(similarity))
        .set("other", name_of(other, previous, lang))
        .set("passage", first.clone());
    let related = if previous {
        vec!["prev:text".to_string()]
    } else {
        Vec::new()
    };
    Some(finding(
        reg,
        "C-1",
        lang,
        None,
        related,
        None,
        Some(format!("{similarity:.4}")),
        Some(first),
        &args,
    ))
}
