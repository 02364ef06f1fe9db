//! Sums of reports of one form: a city's departments added into one report,
//! and a summary report checked against the sum of its parts, cell by cell.

use super::finding;
use crate::error::Error;
use crate::finding::{Finding, Lang, Outcome};
use crate::form::{Form, ValueKind};
use crate::message::Args;
use crate::model::{CellValue, Meta, Report};
use crate::number::Num;
use crate::registry::Registry;
use crate::validate::cell_number;

/// The sum of several reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Sum {
    /// A report of the same form whose every cell is the sum of the parts'.
    pub report: Report,
    /// values that are not numbers, left out of the sum.
    pub findings: Vec<Finding>,
}

fn value(kind: ValueKind, n: Num) -> CellValue {
    match (kind, n.as_i64()) {
        (ValueKind::Money, _) | (_, None) => CellValue::Text(n.to_string()),
        (_, Some(i)) => CellValue::from(i),
    }
}

impl Registry {
    fn common_form<'a>(&'a self, reports: &[&Report]) -> Result<&'a Form, Error> {
        let Some(first) = reports.first() else {
            return Err(Error::Usage("nothing to add: no reports given".into()));
        };
        let id = first.form.as_deref().unwrap_or_default();
        let form = self
            .form(id)
            .ok_or_else(|| Error::Usage(format!("cannot add reports of unknown form {id:?}")))?;
        if let Some(other) = reports.iter().find(|r| r.form.as_deref() != Some(id)) {
            return Err(Error::Usage(format!(
                "cannot add reports of different forms: {id:?} and {:?}",
                other.form.as_deref().unwrap_or_default()
            )));
        }
        Ok(form)
    }

    /// Adds reports of one form into one report, cell by cell. A cell is in
    /// the sum when some report has it; a value that is not a number is left
    /// out and named. Reports of different or unknown forms are an error.
    pub fn aggregate(&self, reports: &[Report], lang: Lang) -> Result<Sum, Error> {
        let refs: Vec<&Report> = reports.iter().collect();
        let form = self.common_form(&refs)?;
        let mut report = Report {
            form: Some(form.id().to_string()),
            meta: Meta {
                title: Some(match lang {
                    Lang::ZhCn => format!("{} 份报告之和", reports.len()),
                    Lang::En => format!("Sum of {} reports", reports.len()),
                }),
                year: reports[0]
                    .meta
                    .year
                    .filter(|y| reports.iter().all(|r| r.meta.year == Some(*y))),
                ..Meta::default()
            },
            ..Report::default()
        };
        let mut findings = Vec::new();
        for cell in form.cells() {
            let mut total: Option<Num> = None;
            for (i, r) in reports.iter().enumerate() {
                let Some(v) = r.cells.get(&cell.address) else {
                    continue;
                };
                match cell_number(v) {
                    Some(n) => total = Some(total.unwrap_or(Num::ZERO).add_weighted(n, 1)),
                    None => {
                        let args = Args::new()
                            .set("cell", cell.label(lang).to_string())
                            .set("index", (i + 1).to_string())
                            .set("value", v.as_text());
                        findings.push(finding(
                            self,
                            "A-2",
                            lang,
                            Some(cell.address.clone()),
                            Vec::new(),
                            None,
                            Some(v.as_text()),
                            None,
                            &args,
                        ));
                        total.get_or_insert(Num::ZERO);
                    }
                }
            }
            if let Some(n) = total {
                report
                    .cells
                    .insert(cell.address.clone(), value(cell.kind, n));
            }
        }
        Ok(Sum { report, findings })
    }

    /// Checks a summary report against the sum of its parts: A-1 for every
    /// cell where they differ (a blank or missing cell counts as 0), after the
    /// A-2 findings of the sum.
    pub fn check_sum(
        &self,
        summary: &Report,
        parts: &[Report],
        lang: Lang,
    ) -> Result<Outcome, Error> {
        let mut all: Vec<&Report> = vec![summary];
        all.extend(parts.iter());
        let form = self.common_form(&all)?;
        let sum = self.aggregate(parts, lang)?;
        let mut findings = sum.findings;
        for cell in form.cells() {
            let theirs = sum.report.cells.get(&cell.address);
            let ours = summary.cells.get(&cell.address);
            if theirs.is_none() && ours.is_none() {
                continue;
            }
            let expected = theirs.and_then(cell_number).unwrap_or(Num::ZERO);
            let actual = match ours {
                None => Some(Num::ZERO),
                Some(v) => cell_number(v),
            };
            // A summary value that is not a number is the kind rules' business.
            let Some(actual) = actual else { continue };
            if actual != expected {
                let shown = ours.map(CellValue::as_text).unwrap_or_default();
                let shown = if shown.is_empty() {
                    actual.to_string()
                } else {
                    shown
                };
                let args = Args::new()
                    .set("cell", cell.label(lang).to_string())
                    .set("expected", expected.to_string())
                    .set("actual", shown.clone());
                findings.push(finding(
                    self,
                    "A-1",
                    lang,
                    Some(cell.address.clone()),
                    Vec::new(),
                    Some(expected.to_string()),
                    Some(shown),
                    None,
                    &args,
                ));
            }
        }
        Ok(Outcome::from_findings(findings))
    }
}
