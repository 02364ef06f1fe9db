//! Doubts read off the finished reading, for every input kind: what the
//! reader read is compared with how the rest of its table was printed.
//! (The reasons are codes that `validate::certainty` words in each language.)

use std::collections::BTreeMap;

use crate::form::{Check, Form};
use crate::model::{Read, Report};

/// Adds the doubts of the whole reading to `report.doubts`.
pub(super) fn settle(form: &Form, report: &mut Report) {
    let mut doubts = std::mem::take(&mut report.doubts);
    doubt_short_rows(report, form, &mut doubts);
    doubt_rows_skipped(report, form, &mut doubts);
    report.doubts = doubts;
}

/// A row split by the arithmetic (fewer numbers printed than cells) in a
/// table whose other rows print one number per cell: there a short row is
/// more likely a value lost or left empty than digits run together, so the
/// split is a guess.
fn doubt_short_rows(report: &Report, form: &Form, doubts: &mut BTreeMap<String, String>) {
    for table in &form.def().tables {
        let prefix = format!("{}/", table.id);
        let (mut glued, mut apart) = (0usize, 0usize);
        for (a, how) in report.reads.range(prefix.clone()..) {
            if !a.starts_with(&prefix) {
                break;
            }
            match how {
                Read::Glued => glued += 1,
                Read::Cell | Read::Tokens | Read::Layout => apart += 1,
                Read::Detached | Read::OldRow => {}
            }
        }
        if glued == 0 || glued >= apart {
            continue;
        }
        for (a, how) in report.reads.range(prefix.clone()..) {
            if !a.starts_with(&prefix) {
                break;
            }
            if *how == Read::Glued {
                let row = a.rsplit_once('/').map_or(a.as_str(), |x| x.0);
                doubts
                    .entry(row.to_string())
                    .or_insert_with(|| "short_row".into());
            }
        }
    }
}

/// Rows of a table missing between rows that were read: a label the reader
/// did not find (broken over lines, misprinted) more likely than a row the
/// report left out of the middle of its table.
fn doubt_rows_skipped(report: &Report, form: &Form, doubts: &mut BTreeMap<String, String>) {
    // Rows that a printed row of the other generation stands for are not missing.
    let mut excused: Vec<&str> = Vec::new();
    for rule in &form.rules {
        if let Check::ForeignRows { rows, replaces } = &rule.check {
            if rows
                .iter()
                .any(|p| report.cells.keys().any(|a| a.starts_with(p.as_str())))
            {
                excused.extend(replaces.iter().map(String::as_str));
            }
        }
    }
    for table in &form.def().tables {
        let present = |r: usize| {
            let p = format!("{}/{}/", table.id, table.rows[r].key);
            report
                .cells
                .range(p.clone()..)
                .next()
                .is_some_and(|(a, _)| a.starts_with(&p))
        };
        let data: Vec<usize> = (0..table.rows.len())
            .filter(|&r| !table.rows[r].header && !table.rows[r].optional)
            .collect();
        let read: Vec<usize> = data.iter().copied().filter(|&r| present(r)).collect();
        let (Some(&first), Some(&last)) = (read.first(), read.last()) else {
            continue;
        };
        let excused = |r: usize| {
            let p = format!("{}/{}/", table.id, table.rows[r].key);
            excused.contains(&p.as_str())
        };
        // A row whose values may have gone into the row before it (which
        // read more values than it has cells) is not known to be missing.
        let after_extra = |r: usize| {
            data.iter().rev().find(|&&p| p < r).is_some_and(|&p| {
                let key = format!("{}/{}", table.id, table.rows[p].key);
                doubts.get(&key).is_some_and(|w| w == "extra_values")
            })
        };
        let skipped: Vec<usize> = data
            .iter()
            .copied()
            .filter(|&r| !present(r) && !excused(r) && ((r > first && r < last) || after_extra(r)))
            .collect();
        for r in skipped {
            doubts
                .entry(format!("{}/{}", table.id, table.rows[r].key))
                .or_insert_with(|| "row_skipped".into());
        }
    }
}
