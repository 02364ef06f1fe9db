//! Rendering a report's tables as the official form prints them: HTML for
//! portals, aligned text for terminals, Markdown, and CSV with one row per
//! cell. Every renderer works from the same layout ([`grid`]), built from the
//! form's declarative file, so a run-time form renders like a built-in one.
//!
//! Everything that comes from the report is escaped for its format: report
//! text comes from the public.

mod csv;
mod grid;
mod html;
mod markdown;
mod text;

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use crate::error::Error;
use crate::finding::{Finding, Lang, Severity};
use crate::form::Form;
use crate::model::Report;
use crate::registry::Registry;

/// The default stylesheet of rendered HTML (screen and print), for a
/// portal to self-host or inline.
pub const STYLESHEET: &str = include_str!("gongkai.css");

/// What to render to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Html,
    Text,
    Markdown,
    Csv,
}

impl FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.to_ascii_lowercase().as_str() {
            "html" => Ok(Format::Html),
            "text" | "txt" => Ok(Format::Text),
            "md" | "markdown" => Ok(Format::Markdown),
            "csv" => Ok(Format::Csv),
            _ => Err(Error::Usage(format!(
                "unknown render format {s:?} (use html, text, md or csv)"
            ))),
        }
    }
}

/// How to render.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    pub format: Format,
    /// The language of the words gongkai adds (finding list, CSV headings);
    /// the form's labels are printed as the form prints them.
    pub lang: Lang,
    /// HTML: a whole page with the stylesheet, instead of a fragment.
    pub page: bool,
    /// Print zero tokens (无, —, /) and other printed variants as the
    /// canonical value instead of as the report printed them.
    pub normalize: bool,
}

impl Registry {
    /// Renders the report's tables by its form, with `findings` (from
    /// `validate`) marked on their cells and listed. A report that names no
    /// form this registry knows cannot be laid out: that is an error.
    pub fn render(
        &self,
        report: &Report,
        findings: &[Finding],
        options: &RenderOptions,
    ) -> Result<String, Error> {
        let form = match report.form.as_deref() {
            Some(id) => self
                .form(id)
                .ok_or_else(|| Error::Usage(format!("cannot render: unknown form {id:?}")))?,
            None => {
                return Err(Error::Usage(
                    "cannot render: the report names no form (parse found no table)".into(),
                ))
            }
        };
        Ok(render_form(form, report, findings, options))
    }
}

/// Renders with the built-in forms.
pub fn render(
    report: &Report,
    findings: &[Finding],
    options: &RenderOptions,
) -> Result<String, Error> {
    Registry::builtin().render(report, findings, options)
}

/// Renders a report by a given form.
pub fn render_form(
    form: &Form,
    report: &Report,
    findings: &[Finding],
    options: &RenderOptions,
) -> String {
    let ctx = Ctx::new(form, report, findings, options);
    match options.format {
        Format::Html => html::render(&ctx),
        Format::Text => text::render(&ctx),
        Format::Markdown => markdown::render(&ctx),
        Format::Csv => csv::render(&ctx),
    }
}

/// What every renderer needs: the form, the report, the findings by cell.
pub(crate) struct Ctx<'a> {
    pub form: &'a Form,
    pub report: &'a Report,
    pub options: &'a RenderOptions,
    /// Findings in the order given, numbered from 1 in the finding list.
    pub findings: &'a [Finding],
    /// For each cell, the numbers of the findings about it.
    pub by_cell: BTreeMap<&'a str, Vec<usize>>,
    /// Cells that take part in an error or warning about another cell.
    pub related: BTreeSet<&'a str>,
}

impl<'a> Ctx<'a> {
    fn new(
        form: &'a Form,
        report: &'a Report,
        findings: &'a [Finding],
        options: &'a RenderOptions,
    ) -> Ctx<'a> {
        let mut by_cell: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut related = BTreeSet::new();
        for (i, f) in findings.iter().enumerate() {
            if let Some(c) = &f.cell {
                by_cell.entry(c.as_str()).or_default().push(i);
            }
            if f.severity != Severity::Info {
                related.extend(f.related.iter().map(String::as_str));
            }
        }
        Ctx {
            form,
            report,
            options,
            findings,
            by_cell,
            related,
        }
    }

    /// The text printed in a cell: the report's printed token, or the
    /// canonical value when normalising; empty when the cell is absent.
    pub fn value(&self, address: &str) -> String {
        let Some(v) = self.report.cells.get(address) else {
            return String::new();
        };
        if !self.options.normalize {
            if let Some(raw) = self.report.raw.get(address) {
                return raw.clone();
            }
        }
        v.as_text()
    }

    /// The worst severity of the findings about a cell.
    pub fn severity(&self, address: &str) -> Option<Severity> {
        self.by_cell
            .get(address)?
            .iter()
            .map(|&i| self.findings[i].severity)
            .min()
    }

    /// Cells of the report that its form does not have (a row of another
    /// form, a provincial addition): printed after the tables, never dropped.
    pub fn extra(&self) -> Vec<&'a str> {
        self.report
            .cells
            .keys()
            .map(String::as_str)
            .filter(|a| self.form.cell_index(a).is_none())
            .collect()
    }

    /// The caption of the extra cells' table.
    pub fn extra_caption(&self) -> &'static str {
        self.word("表式之外的单元格", "Cells not on the form")
    }

    /// Words gongkai adds, in the requested language.
    pub fn word(&self, zh: &'static str, en: &'static str) -> &'static str {
        match self.options.lang {
            Lang::ZhCn => zh,
            Lang::En => en,
        }
    }

    pub fn severity_word(&self, s: Severity) -> &'static str {
        match s {
            Severity::Error => self.word("错误", "error"),
            Severity::Warning => self.word("警告", "warning"),
            Severity::Info => self.word("提示", "info"),
        }
    }

    /// The report's title line, when it has one.
    pub fn title(&self) -> Option<String> {
        let m = &self.report.meta;
        m.title.clone().or_else(|| {
            let year = m.year?;
            Some(format!(
                "{}{year}年政府信息公开工作年度报告",
                m.body.clone().unwrap_or_default()
            ))
        })
    }
}
