//! The rule engine: a report's cells read against its form, every rule run,
//! every finding returned in a deterministic order.

use crate::finding::{Finding, Lang, Outcome, Severity};
use crate::form::{Check, CmpInst, Form, Op, Rule, RuleDef, RuleKind, SumInst, Term, ValueKind};
use crate::message::{blank_word, join_list, kind_words, render, Args};
use crate::model::{CellValue, Report};
use crate::number::{read_token, Num, Token};
use crate::registry::Registry;

mod certainty;
mod text;

/// How to validate.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The language of messages.
    pub lang: Lang,
}

/// A cell's state in one report.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    /// Not in the report.
    Missing,
    /// Present, empty: 0 for arithmetic.
    Blank,
    Num(Num),
    /// Present, but not a number: excluded from arithmetic, reported by the kind rule.
    Bad,
}

impl Slot {
    fn value(self) -> Num {
        match self {
            Slot::Num(n) => n,
            _ => Num::ZERO,
        }
    }
}

/// A section's key and its clauses, as printed and in simplified characters.
type SectionClauses = (String, Vec<(String, String)>);

/// A report's cells laid out in its form's order.
struct Sheet<'a> {
    form: &'a Form,
    report: &'a Report,
    slots: Vec<Slot>,
    /// Cells that printed a unit, with the unit.
    units: Vec<(usize, &'static str)>,
    /// Addresses the form does not have.
    extra: Vec<&'a str>,
}

fn read_cell(v: &CellValue) -> (Slot, Option<&'static str>) {
    match v {
        CellValue::Blank => (Slot::Blank, None),
        CellValue::Number(n) => match n.as_i64() {
            Some(i) => (Slot::Num(Num::from_int(i)), None),
            None => (
                Num::parse_plain(&n.to_string()).map_or(Slot::Bad, Slot::Num),
                None,
            ),
        },
        CellValue::Text(t) => match read_token(t) {
            Token::Blank => (Slot::Blank, None),
            Token::Number { value, unit, .. } => (Slot::Num(value), unit),
            Token::Text => (Slot::Bad, None),
        },
    }
}

/// A cell's number for arithmetic across reports: blank is 0; `None` when
/// the value is not a number.
pub(crate) fn cell_number(v: &CellValue) -> Option<Num> {
    match read_cell(v).0 {
        Slot::Num(n) => Some(n),
        Slot::Blank | Slot::Missing => Some(Num::ZERO),
        Slot::Bad => None,
    }
}

impl<'a> Sheet<'a> {
    fn new(form: &'a Form, report: &'a Report) -> Sheet<'a> {
        let mut slots = vec![Slot::Missing; form.cells().len()];
        let mut units = Vec::new();
        let mut extra = Vec::new();
        // Both sides are sorted by address: a merge join, no hashing.
        let index = form.by_address();
        let mut j = 0;
        'cells: for (addr, value) in &report.cells {
            while let Some((known, i)) = index.get(j) {
                match known.as_str().cmp(addr.as_str()) {
                    std::cmp::Ordering::Less => j += 1,
                    std::cmp::Ordering::Equal => {
                        j += 1;
                        let (slot, unit) = read_cell(value);
                        slots[*i] = slot;
                        if let Some(u) = unit {
                            units.push((*i, u));
                        }
                        continue 'cells;
                    }
                    std::cmp::Ordering::Greater => break,
                }
            }
            extra.push(addr.as_str());
        }
        Sheet {
            form,
            report,
            slots,
            units,
            extra,
        }
    }

    fn slot_of(&self, address: &str) -> Option<Slot> {
        self.form.cell_index(address).map(|i| self.slots[i])
    }
}

/// Where a finding sorts: report-level first, then by cell in form order,
/// then cells the form lacks, then by rule order.
type SortKey = (u8, usize, usize, usize);

struct Run<'a> {
    cur: Sheet<'a>,
    prev: Option<Sheet<'a>>,
    /// The previous year's report as given, even when its form is unknown.
    prev_report: Option<&'a Report>,
    /// Blank totals filled from their parts (partial fill), so that the sums
    /// above them check what the parts say rather than a 0.
    imputed: Vec<usize>,
    /// Row prefixes whose missing cells are explained by a foreign row.
    excused: Vec<&'a str>,
    /// Cells that a foreign row's cell stands in for in the sums: (cell,
    /// the foreign address, its labels in zh-CN and en).
    stand_in: Vec<(usize, String, [String; 2])>,
    lang: Lang,
    out: Vec<(SortKey, Finding)>,
    /// The quote for the next finding pushed (text rules).
    quote: Option<String>,
    /// What the text states, for the restated rule: (rule, value, quote, cell).
    mentions: Vec<(usize, Num, String, Option<usize>)>,
    /// The prose split into clauses, once per run (section key, clauses).
    clauses: Option<Vec<SectionClauses>>,
}

impl Run<'_> {
    fn label(&self, t: &Term) -> String {
        match t {
            Term::Cur { cell, .. } => match self.stand_in.iter().find(|s| s.0 == *cell) {
                Some((_, _, labels)) => labels[usize::from(self.lang == Lang::En)].clone(),
                None => self.cur.form.cells()[*cell].label(self.lang).to_string(),
            },
            Term::Prev { address, .. } => {
                let l = self
                    .prev
                    .as_ref()
                    .and_then(|p| p.form.cell(address))
                    .map(|c| c.label(self.lang).to_string())
                    .unwrap_or_else(|| address.clone());
                match self.lang {
                    Lang::ZhCn => format!("上年{l}"),
                    Lang::En => format!("previous year's {l}"),
                }
            }
        }
    }

    fn address(&self, t: &Term) -> String {
        match t {
            Term::Cur { cell, .. } => match self.stand_in.iter().find(|s| s.0 == *cell) {
                Some((_, address, _)) => address.clone(),
                None => self.cur.form.cells()[*cell].address.clone(),
            },
            Term::Prev { address, .. } => format!("prev:{address}"),
        }
    }

    /// A term's slot; a missing optional cell reads as blank (0).
    fn slot(&self, t: &Term) -> Slot {
        match t {
            Term::Cur { cell, .. } => match self.cur.slots[*cell] {
                Slot::Missing if self.cur.form.cells()[*cell].optional => Slot::Blank,
                s => s,
            },
            Term::Prev { address, .. } => self
                .prev
                .as_ref()
                .and_then(|p| p.slot_of(address))
                .unwrap_or(Slot::Missing),
        }
    }

    fn show(&self, s: Slot) -> String {
        match s {
            Slot::Blank => blank_word(self.lang).to_string(),
            s => s.value().to_string(),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        rule: &Rule,
        ri: usize,
        cell: Option<&Term>,
        related: Vec<String>,
        expected: Option<String>,
        actual: Option<String>,
        args: Args,
    ) {
        self.push_raw(
            rule.id.clone(),
            rule.severity,
            &rule.message,
            ri,
            cell.map(|t| self.cell_key(t)),
            related,
            expected,
            actual,
            args,
        );
    }

    fn cell_key(&self, t: &Term) -> (String, usize) {
        match t {
            Term::Cur { cell, .. } => (self.address(t), *cell),
            Term::Prev { address, .. } => (format!("prev:{address}"), usize::MAX),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push_raw(
        &mut self,
        rule: String,
        severity: Severity,
        message: &crate::form::Messages,
        ri: usize,
        cell: Option<(String, usize)>,
        related: Vec<String>,
        expected: Option<String>,
        actual: Option<String>,
        args: Args,
    ) {
        let seq = self.out.len();
        let key = match &cell {
            None => (0, 0, ri, seq),
            Some((_, usize::MAX)) => (2, 0, ri, seq),
            Some((_, i)) => (1, *i, ri, seq),
        };
        let message = render(message, self.lang, &args);
        let quote = self.quote.take();
        let place = cell
            .as_ref()
            .and_then(|c| self.cur.report.places.get(&c.0))
            .copied();
        self.out.push((
            key,
            Finding {
                rule,
                severity,
                cell: cell.map(|c| c.0),
                related,
                expected,
                actual,
                message,
                quote,
                place,
            },
        ));
    }

    fn sum(&mut self, rule: &Rule, ri: usize, inst: &SumInst) {
        let total = match inst.total {
            Term::Cur { cell, .. } => self.cur.slots[cell],
            Term::Prev { .. } => return,
        };
        if matches!(total, Slot::Bad | Slot::Missing) {
            return;
        }
        // One pass, no allocation: this runs hundreds of times per report.
        let mut expected = Num::ZERO;
        let mut parts_filled = false;
        for t in &inst.parts {
            match self.slot(t) {
                Slot::Bad | Slot::Missing => return,
                Slot::Num(n) => {
                    parts_filled = true;
                    expected = expected.add_weighted(n, t.weight());
                }
                Slot::Blank => {}
            }
        }
        let imputed = matches!(inst.total, Term::Cur { cell, .. } if self.imputed.contains(&cell));
        let total_filled = matches!(total, Slot::Num(_)) && !imputed;
        if let Some(pi) = rule.partial.filter(|_| total_filled != parts_filled) {
            let pf = &self.cur.form.rules[pi];
            let detail = match (total_filled, self.lang) {
                (false, Lang::ZhCn) => "合计留空而各项已填写",
                (false, Lang::En) => "the total is blank while its parts are filled",
                (true, Lang::ZhCn) => "各项均留空而合计已填写",
                (true, Lang::En) => "the parts are blank while the total is filled",
            };
            let related = inst.parts.iter().map(|t| self.address(t)).collect();
            let args = Args::new()
                .set("cell", self.label(&inst.total))
                .set("detail", detail);
            let (id, sev, msg) = (pf.id.clone(), pf.severity, pf.message.clone());
            let key = Some(self.cell_key(&inst.total));
            self.push_raw(id, sev, &msg, pi, key, related, None, None, args);
            return;
        }
        let actual = total.value();
        if expected != actual {
            let related = inst.parts.iter().map(|t| self.address(t)).collect();
            let args = Args::new()
                .set("cell", self.label(&inst.total))
                .set("expected", expected.to_string())
                .set("actual", self.show(total));
            self.push(
                rule,
                ri,
                Some(&inst.total),
                related,
                Some(expected.to_string()),
                Some(actual.to_string()),
                args,
            );
        }
    }

    /// The reader's notes, as findings of their rules.
    fn render_notes(&mut self, reg: &Registry) {
        let report = self.cur.report;
        for n in &report.notes {
            let Some(def) = reg.common_rules().iter().find(|r| r.id == n.rule) else {
                continue;
            };
            let mut args = Args::new();
            for (k, v) in &n.args {
                let v = if k == "row" {
                    self.row_label(v)
                } else {
                    v.clone()
                };
                let key: &'static str = match k.as_str() {
                    "row" => "row",
                    "printed" => "printed",
                    "count" => "count",
                    "candidates" => "candidates",
                    _ => continue,
                };
                args = args.set(key, v);
            }
            args = args
                .set("expected", n.expected.clone().unwrap_or_default())
                .set("actual", n.actual.clone().unwrap_or_default());
            let key = n
                .cell
                .as_ref()
                .map(|c| (c.clone(), self.cur.form.cell_index(c).unwrap_or(usize::MAX)));
            let (id, sev, msg) = (def.id.clone(), def.severity, def.message.clone());
            self.push_raw(
                id,
                sev,
                &msg,
                usize::MAX,
                key,
                n.related.clone(),
                n.expected.clone(),
                n.actual.clone(),
                args,
            );
        }
    }

    /// A `table/row` key as the row's label (or the table's title).
    fn row_label(&self, key: &str) -> String {
        let def = self.cur.form.def();
        let (t, r) = key.split_once('/').unwrap_or((key, ""));
        let Some(table) = def.tables.iter().find(|x| x.id == t) else {
            return key.to_string();
        };
        match table.rows.iter().find(|x| x.key == r) {
            Some(row) => match self.lang {
                Lang::ZhCn => row.short.clone().unwrap_or_else(|| row.label.clone()),
                Lang::En => row.en.clone().unwrap_or_else(|| key.to_string()),
            },
            None => match self.lang {
                Lang::ZhCn => table.title.clone(),
                Lang::En => table.title_en.clone().unwrap_or_else(|| key.to_string()),
            },
        }
    }

    /// A row of the other generation (the 2019 form's single （六）其他处理)
    /// stands, for arithmetic, where the rows it replaces belong: its value
    /// in the first of them and blanks in the rest, so that （七）总计 is
    /// still checked. Only when none of the replaced cells is in the report.
    fn count_old_rows(&mut self, reg: &Registry) {
        let form = self.cur.form;
        let report = self.cur.report;
        for rule in &form.rules {
            let Check::ForeignRows { rows, replaces } = &rule.check else {
                continue;
            };
            let (Some(old), Some(first)) = (rows.first(), replaces.first()) else {
                continue;
            };
            for (address, value) in report.cells.range(old.clone()..) {
                let Some(col) = address.strip_prefix(old.as_str()) else {
                    break;
                };
                let targets: Vec<usize> = replaces
                    .iter()
                    .filter_map(|p| form.cell_index(&format!("{p}{col}")))
                    .collect();
                let all_missing = targets.iter().all(|&i| self.cur.slots[i] == Slot::Missing);
                let Some(i) = form.cell_index(&format!("{first}{col}")) else {
                    continue;
                };
                if !all_missing {
                    continue;
                }
                for &j in &targets {
                    self.cur.slots[j] = Slot::Num(Num::ZERO);
                }
                self.cur.slots[i] = read_cell(value).0;
                let labels = old_labels(reg, form, old, &form.cells()[i]);
                self.stand_in.push((i, address.clone(), labels));
            }
        }
    }

    /// A blank total whose parts are filled (a partial fill, reported by its
    /// own rule) takes the sum of its parts, so that a column left blank does
    /// not also break every sum it is part of.
    fn impute_blank_totals(&mut self) {
        let form = self.cur.form;
        for rule in form.rules.iter().filter(|r| r.partial.is_some() && !r.pair) {
            let Check::Sum(insts) = &rule.check else {
                continue;
            };
            for inst in insts {
                let Term::Cur { cell, .. } = inst.total else {
                    continue;
                };
                if self.cur.slots[cell] != Slot::Blank {
                    continue;
                }
                let mut sum = Num::ZERO;
                let mut filled = false;
                for t in &inst.parts {
                    match self.slot(t) {
                        Slot::Num(n) => {
                            filled = true;
                            sum = sum.add_weighted(n, t.weight());
                        }
                        Slot::Blank => {}
                        _ => {
                            filled = false;
                            break;
                        }
                    }
                }
                if filled {
                    self.cur.slots[cell] = Slot::Num(sum);
                    self.imputed.push(cell);
                }
            }
        }
    }

    fn compare(&mut self, rule: &Rule, ri: usize, inst: &CmpInst) {
        let side = |ts: &[Term]| {
            ts.iter().try_fold(Num::ZERO, |acc, t| match self.slot(t) {
                Slot::Bad | Slot::Missing => None,
                s => Some(acc.add_weighted(s.value(), t.weight())),
            })
        };
        let (Some(l), Some(r)) = (side(&inst.left), side(&inst.right)) else {
            return;
        };
        let ok = match inst.op {
            Op::Eq => l == r,
            Op::Le => l <= r,
            Op::Ge => l >= r,
        };
        if ok {
            return;
        }
        let anchor_addr = self.address(&inst.anchor);
        let related: Vec<String> = inst
            .left
            .iter()
            .chain(&inst.right)
            .map(|t| self.address(t))
            .filter(|a| *a != anchor_addr)
            .collect();
        let args = Args::new()
            .set("cell", self.label(&inst.anchor))
            .set("other", self.label(&inst.right[0]))
            .set("expected", r.to_string())
            .set("actual", l.to_string());
        self.push(
            rule,
            ri,
            Some(&inst.anchor),
            related,
            Some(r.to_string()),
            Some(l.to_string()),
            args,
        );
    }

    fn value_kinds(&mut self, rule: &Rule, ri: usize, tables: &[usize]) {
        for &t in tables {
            for i in self.cur.form.table_range(t) {
                let cell = &self.cur.form.cells()[i];
                let ok = match self.cur.slots[i] {
                    Slot::Missing | Slot::Blank => true,
                    Slot::Bad => false,
                    Slot::Num(n) => match cell.kind {
                        ValueKind::Count => n.is_integer() && !n.is_negative() && !self.has_unit(i),
                        ValueKind::Money => !n.is_negative(),
                        ValueKind::Signed => n.is_integer() && !self.has_unit(i),
                    },
                };
                if ok {
                    continue;
                }
                let text = self
                    .cur
                    .report
                    .cells
                    .get(&cell.address)
                    .map(|v| v.as_text())
                    .unwrap_or_default();
                let args = Args::new()
                    .set("cell", cell.label(self.lang))
                    .set("kind", kind_words(cell.kind, self.lang))
                    .set("actual", text.clone());
                let t = Term::Cur { cell: i, weight: 1 };
                self.push(rule, ri, Some(&t), Vec::new(), None, Some(text), args);
            }
        }
    }

    fn units(&mut self, rule: &Rule, ri: usize, tables: &[usize]) {
        let units = self.cur.units.clone();
        for (i, printed) in units {
            let cell = &self.cur.form.cells()[i];
            let Some(want) = cell.unit.as_deref() else {
                continue;
            };
            if !tables.contains(&cell.table) || want == printed || cell.kind != ValueKind::Money {
                continue;
            }
            let text = self
                .cur
                .report
                .cells
                .get(&cell.address)
                .map(|v| v.as_text())
                .unwrap_or_default();
            let args = Args::new()
                .set("cell", cell.label(self.lang))
                .set("unit", unit_words(want, self.lang))
                .set("actual", text.clone());
            let t = Term::Cur { cell: i, weight: 1 };
            self.push(
                rule,
                ri,
                Some(&t),
                Vec::new(),
                Some(want.to_string()),
                Some(text),
                args,
            );
        }
    }

    fn has_unit(&self, cell: usize) -> bool {
        self.cur.units.iter().any(|(i, _)| *i == cell)
    }

    fn table_present(&self, t: usize) -> bool {
        // Present when any cell is, or when the reader found the table but
        // noted that it could not read its values.
        let prefix = format!("{}/", self.cur.form.def().tables[t].id);
        self.cur
            .form
            .table_range(t)
            .any(|i| self.cur.slots[i] != Slot::Missing)
            || self.excused.iter().any(|e| e.starts_with(&prefix))
    }

    fn table_title(&self, t: usize) -> String {
        let def = &self.cur.form.def().tables[t];
        match self.lang {
            Lang::ZhCn => def.title.clone(),
            Lang::En => def.title_en.clone().unwrap_or_else(|| def.id.clone()),
        }
    }

    fn run_rule(&mut self, rule: &Rule, ri: usize, foreign: &[&str]) {
        let lang = self.lang;
        // Text rules need the text: a table-only report skips them at once.
        let text_rule = matches!(
            rule.check,
            Check::Stated { .. }
                | Check::Percent { .. }
                | Check::Restated
                | Check::SectionsPresent
                | Check::SectionCount
                | Check::MentionsText { .. }
                | Check::Period
                | Check::Breakdown
        );
        if text_rule && self.cur.report.sections.is_empty() {
            return;
        }
        match &rule.check {
            Check::Sum(v) => v.iter().for_each(|i| self.sum(rule, ri, i)),
            Check::Compare(v) => v.iter().for_each(|i| self.compare(rule, ri, i)),
            Check::PartialFill | Check::UnknownForm => {}
            Check::Stated {
                value,
                alts,
                all,
                none,
            } => self.stated(rule, ri, value, alts, all, none),
            Check::Percent {
                value,
                denoms,
                all,
                none,
            } => self.percent(rule, ri, value, denoms, all, none),
            Check::Restated => self.restated(rule, ri),
            Check::SectionsPresent => self.sections_present(rule, ri),
            Check::SectionCount => self.section_count(rule, ri),
            Check::MentionsText {
                any,
                sections,
                when_kind,
            } => self.mentions_text(rule, ri, any, sections, *when_kind),
            Check::Period => self.period(rule, ri),
            Check::Deadline(d) => self.deadline(rule, ri, d),
            Check::Breakdown => self.breakdown(rule, ri),
            Check::PairForm => {
                let Some(prev) = self.prev_report.filter(|_| self.prev.is_none()) else {
                    return;
                };
                let form = prev.form.clone().unwrap_or_default();
                let args = Args::new().set("form", form.clone());
                self.push(rule, ri, None, Vec::new(), None, Some(form), args);
            }
            Check::ValueKind(tables) => self.value_kinds(rule, ri, tables),
            Check::Units(tables) => self.units(rule, ri, tables),
            Check::RequiredTables(tables) => {
                for &t in tables {
                    if !self.table_present(t) {
                        let args = Args::new().set("table", self.table_title(t));
                        let id = self.cur.form.def().tables[t].id.clone();
                        self.push(rule, ri, None, vec![id], None, None, args);
                    }
                }
            }
            Check::RequiredCells(tables) => {
                for &t in tables {
                    if !self.table_present(t) {
                        continue;
                    }
                    let missing: Vec<usize> = self
                        .cur
                        .form
                        .table_range(t)
                        .filter(|&i| {
                            self.cur.slots[i] == Slot::Missing
                                && !self.cur.form.cells()[i].optional
                                && !self
                                    .excused
                                    .iter()
                                    .any(|p| self.cur.form.cells()[i].address.starts_with(p))
                        })
                        .collect();
                    if let Some(&first) = missing.first() {
                        let cells = self.cur.form.cells();
                        let labels: Vec<String> = missing
                            .iter()
                            .map(|&i| cells[i].label(lang).to_string())
                            .collect();
                        let related = missing[1..]
                            .iter()
                            .map(|&i| cells[i].address.clone())
                            .collect();
                        let args = Args::new()
                            .set("table", self.table_title(t))
                            .set("count", missing.len().to_string())
                            .set("cells", join_list(&labels, lang, 5));
                        self.push(
                            rule,
                            ri,
                            Some(&Term::Cur {
                                cell: first,
                                weight: 1,
                            }),
                            related,
                            None,
                            None,
                            args,
                        );
                    }
                }
            }
            Check::ForeignRows { rows: prefixes, .. } => {
                for p in prefixes {
                    let hits: Vec<String> = self
                        .cur
                        .extra
                        .iter()
                        .filter(|a| a.starts_with(p.as_str()))
                        .map(|a| a.to_string())
                        .collect();
                    if let Some(first) = hits.first() {
                        let row = p.trim_end_matches('/').to_string();
                        let args = Args::new()
                            .set("row", row)
                            .set("form", self.cur.form.id().to_string());
                        let key = Some((first.clone(), usize::MAX));
                        let (id, sev, msg) = (rule.id.clone(), rule.severity, rule.message.clone());
                        self.push_raw(id, sev, &msg, ri, key, hits[1..].to_vec(), None, None, args);
                    }
                }
            }
            Check::UnknownCells => {
                let unknown: Vec<String> = self
                    .cur
                    .extra
                    .iter()
                    .filter(|a| !foreign.iter().any(|p| a.starts_with(p)))
                    .map(|a| a.to_string())
                    .collect();
                if !unknown.is_empty() {
                    let args = Args::new()
                        .set("count", unknown.len().to_string())
                        .set("cells", join_list(&unknown, lang, 5))
                        .set("form", self.cur.form.id().to_string());
                    self.push(rule, ri, None, unknown, None, None, args);
                }
            }
            Check::BlankCells => {
                let cells = self.cur.form.cells();
                let blank: Vec<usize> = (0..cells.len())
                    .filter(|&i| self.cur.slots[i] == Slot::Blank)
                    .collect();
                if !blank.is_empty() {
                    let labels: Vec<String> = blank
                        .iter()
                        .map(|&i| cells[i].label(lang).to_string())
                        .collect();
                    let related = blank.iter().map(|&i| cells[i].address.clone()).collect();
                    let args = Args::new()
                        .set("count", blank.len().to_string())
                        .set("cells", join_list(&labels, lang, 5));
                    self.push(rule, ri, None, related, None, None, args);
                }
            }
            Check::FormYear => {
                let years = self.cur.form.def().years;
                if let Some(y) = self.cur.report.meta.year {
                    if !years.contains(y) {
                        let span = match (years.from, years.to, lang) {
                            (Some(f), Some(t), Lang::ZhCn) => format!("{f}—{t} 年度"),
                            (Some(f), None, Lang::ZhCn) => format!("{f} 年度及以后"),
                            (None, Some(t), Lang::ZhCn) => format!("{t} 年度及以前"),
                            (Some(f), Some(t), Lang::En) => format!("{f}–{t}"),
                            (Some(f), None, Lang::En) => format!("{f} onwards"),
                            (None, Some(t), Lang::En) => format!("up to {t}"),
                            (None, None, _) => String::new(),
                        };
                        let want = Registry::builtin()
                            .form_for_year(y)
                            .map(|f| f.id().to_string())
                            .unwrap_or_default();
                        let hint = match (want.is_empty(), lang) {
                            (true, _) => String::new(),
                            (false, Lang::ZhCn) => format!("，应使用 {want} 表式"),
                            (false, Lang::En) => format!(", which should use form {want}"),
                        };
                        let args = Args::new()
                            .set("form", self.cur.form.id().to_string())
                            .set("years", span)
                            .set("year", y.to_string())
                            .set("hint", hint);
                        let want = (!want.is_empty()).then_some(want);
                        self.push(
                            rule,
                            ri,
                            None,
                            Vec::new(),
                            want,
                            Some(self.cur.form.id().to_string()),
                            args,
                        );
                    }
                }
            }
            Check::Mentions {
                when,
                any,
                sections,
            } => {
                let report = self.cur.report;
                if report.sections.is_empty() || self.cur.slots[*when].value() <= Num::ZERO {
                    return;
                }
                let found = report
                    .sections
                    .iter()
                    .filter(|s| sections.is_empty() || sections.contains(&s.key))
                    .any(|s| {
                        any.iter()
                            .any(|w| s.text.contains(w.as_str()) || s.heading.contains(w.as_str()))
                    });
                if !found {
                    let t = Term::Cur {
                        cell: *when,
                        weight: 1,
                    };
                    let value = self.cur.slots[*when].value().to_string();
                    let unit = self.cur.form.cells()[*when]
                        .unit
                        .clone()
                        .unwrap_or_default();
                    let args = Args::new()
                        .set("cell", self.label(&t))
                        .set("actual", format!("{value}{}", unit_suffix(&unit)))
                        .set("words", any.join(" / "));
                    self.push(rule, ri, Some(&t), Vec::new(), None, Some(value), args);
                }
            }
            Check::PairYears => {
                let Some(prev) = self.prev_report else {
                    return;
                };
                let cur = self.cur.report;
                let years_ok = match (prev.meta.year, cur.meta.year) {
                    (Some(p), Some(c)) => p + 1 == c,
                    _ => true,
                };
                // Bodies match as series match them (平潭综合实验区 = 平潭综合实验区管委会).
                let body_ok = match (crate::across::body_key(prev), crate::across::body_key(cur)) {
                    (Some(p), Some(c)) => p == c,
                    _ => true,
                };
                if !(years_ok && body_ok) {
                    let show = |y: Option<i32>| y.map(|y| y.to_string()).unwrap_or_default();
                    let args = Args::new()
                        .set("prev_year", show(prev.meta.year))
                        .set("year", show(cur.meta.year))
                        .set("prev_body", prev.meta.body.clone().unwrap_or_default())
                        .set("body", cur.meta.body.clone().unwrap_or_default());
                    self.push(rule, ri, None, Vec::new(), None, None, args);
                }
            }
        }
    }
}

impl Registry {
    /// Checks one report against its form's rules.
    pub fn validate(&self, report: &Report, options: &Options) -> Outcome {
        self.run(None, report, options)
    }

    /// Checks a report and, against the previous year's report, the
    /// cross-year rules (carry-over, stocks, item counts).
    pub fn validate_pair(&self, previous: &Report, current: &Report, options: &Options) -> Outcome {
        self.run(Some(previous), current, options)
    }

    fn run(&self, prev: Option<&Report>, report: &Report, options: &Options) -> Outcome {
        let Some(form) = report.form.as_deref().and_then(|id| self.form(id)) else {
            // A reader note about the whole file (R-3: a PDF with no text
            // layer) says why no form was found; it replaces F-0.
            let notes = self.file_notes(report, options.lang);
            if !notes.is_empty() {
                return Outcome::from_findings(notes);
            }
            return Outcome::from_findings(self.unknown_form(report, options.lang));
        };
        let prev_sheet = prev.and_then(|p| {
            let f = p.form.as_deref().and_then(|id| self.form(id))?;
            Some(Sheet::new(f, p))
        });
        let foreign: Vec<&str> = form
            .rules
            .iter()
            .filter_map(|r| match &r.check {
                Check::ForeignRows { rows, .. } => Some(rows),
                _ => None,
            })
            .flatten()
            .map(String::as_str)
            .collect();
        let mut run = Run {
            cur: Sheet::new(form, report),
            prev: prev_sheet,
            prev_report: prev,
            imputed: Vec::new(),
            excused: Vec::new(),
            stand_in: Vec::new(),
            lang: options.lang,
            out: Vec::new(),
            quote: None,
            mentions: Vec::new(),
            clauses: None,
        };
        for rule in &form.rules {
            if let Check::ForeignRows { rows, replaces } = &rule.check {
                if run
                    .cur
                    .extra
                    .iter()
                    .any(|a| rows.iter().any(|p| a.starts_with(p.as_str())))
                {
                    run.excused.extend(replaces.iter().map(String::as_str));
                }
            }
        }
        for n in &report.notes {
            run.excused
                .extend(n.cell.iter().chain(&n.related).map(String::as_str));
        }
        run.count_old_rows(self);
        run.impute_blank_totals();
        run.render_notes(self);
        for (ri, rule) in form.rules.iter().enumerate() {
            if rule.pair {
                if run.prev_report.is_none() {
                    continue;
                }
                let prev_form = run.prev.as_ref().map(|s| s.form.id());
                let applies = match prev_form {
                    Some(id) => {
                        rule.prev_forms.is_empty() || rule.prev_forms.iter().any(|f| f == id)
                    }
                    // An unknown previous form: only the rules about the pair itself run.
                    None => matches!(rule.check, Check::PairYears | Check::PairForm),
                };
                if !applies {
                    continue;
                }
            }
            run.run_rule(rule, ri, &foreign);
        }
        let mut out = run.out;
        certainty::settle(&mut out, report, form, self, options.lang);
        out.sort_by_key(|a| a.0);
        Outcome::from_findings(out.into_iter().map(|(_, f)| f).collect())
    }

    /// The reader's notes about the whole file (no cell), as findings.
    fn file_notes(&self, report: &Report, lang: Lang) -> Vec<Finding> {
        report
            .notes
            .iter()
            .filter(|n| n.cell.is_none())
            .filter_map(|n| {
                let r = self.common_rules().iter().find(|r| r.id == n.rule)?;
                Some(Finding {
                    rule: r.id.clone(),
                    severity: r.severity,
                    cell: None,
                    related: Vec::new(),
                    expected: None,
                    actual: None,
                    message: render(&r.message, lang, &Args::new()),
                    quote: None,
                    place: None,
                })
            })
            .collect()
    }

    fn unknown_form(&self, report: &Report, lang: Lang) -> Vec<Finding> {
        let known: Vec<String> = self.forms().map(|f| f.id().to_string()).collect();
        self.common_rules()
            .iter()
            .filter(|r: &&RuleDef| r.kind == RuleKind::UnknownForm)
            .map(|r| {
                let form = report.form.clone().unwrap_or_else(|| {
                    match lang {
                        Lang::ZhCn => "未注明",
                        Lang::En => "none",
                    }
                    .to_string()
                });
                let args = Args::new()
                    .set("form", form.clone())
                    .set("forms", join_list(&known, lang, 10));
                Finding {
                    rule: r.id.clone(),
                    severity: r.severity,
                    cell: None,
                    related: Vec::new(),
                    expected: None,
                    actual: report.form.clone(),
                    message: render(&r.message, lang, &args),
                    quote: None,
                    place: None,
                }
            })
            .collect()
    }
}

/// The labels of a foreign row's cell (`requests/other/` + a cell of the
/// form's table), from the form that has the row: （六）其他处理·总计.
fn old_labels(reg: &Registry, form: &Form, prefix: &str, cell: &crate::form::Cell) -> [String; 2] {
    let (t, r) = prefix
        .trim_end_matches('/')
        .split_once('/')
        .unwrap_or((prefix, ""));
    let row = reg
        .forms()
        .filter(|f| f.id() != form.id())
        .flat_map(|f| f.def().tables.iter())
        .filter(|x| x.id == t)
        .find_map(|x| x.rows.iter().find(|row| row.key == r));
    let col = &form.def().tables[cell.table].columns[cell.col];
    let zh = row.map_or(r, |x| x.short.as_deref().unwrap_or(&x.label));
    let en = row.and_then(|x| x.en.as_deref()).unwrap_or(r);
    [
        format!("{zh}·{}", col.label),
        format!("{en} · {}", col.en.as_deref().unwrap_or(&col.key)),
    ]
}

/// A unit after a number in a message: money units, not counting words (件, 条).
fn unit_suffix(unit: &str) -> &str {
    if unit.ends_with('元') {
        unit
    } else {
        ""
    }
}

/// A unit named in a message.
fn unit_words(unit: &str, lang: Lang) -> String {
    match (unit, lang) {
        ("万元", Lang::En) => "10,000 yuan (万元)".to_string(),
        ("元", Lang::En) => "yuan (元)".to_string(),
        (u, _) => u.to_string(),
    }
}

/// Checks a report against the built-in forms.
pub fn validate(report: &Report, options: &Options) -> Outcome {
    Registry::builtin().validate(report, options)
}

/// Checks a report with the previous year's, against the built-in forms.
pub fn validate_pair(previous: &Report, current: &Report, options: &Options) -> Outcome {
    Registry::builtin().validate_pair(previous, current, options)
}
