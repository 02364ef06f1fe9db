//! Compiling a form file into what validation runs on: every cell numbered,
//! every rule expanded over its loop variables, every address checked.

use super::def::{ForSpec, FormDef, Messages, Op, RuleDef, RuleKind, ValueKind};
use crate::error::Error;
use crate::finding::{Lang, Severity};

/// One cell of a form.
#[derive(Debug, Clone)]
pub struct Cell {
    pub address: String,
    pub table: usize,
    pub row: usize,
    pub col: usize,
    pub kind: ValueKind,
    pub unit: Option<String>,
    pub optional: bool,
    label_zh: String,
    label_en: String,
}

impl Cell {
    /// The cell's label for messages: `（七）总计·自然人`.
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhCn => &self.label_zh,
            Lang::En => &self.label_en,
        }
    }
}

/// A term of a sum: a cell of this report or of the previous year's, with a weight.
#[derive(Debug, Clone)]
pub(crate) enum Term {
    Cur { cell: usize, weight: i32 },
    Prev { address: String, weight: i32 },
}

impl Term {
    pub(crate) fn weight(&self) -> i32 {
        match self {
            Term::Cur { weight, .. } | Term::Prev { weight, .. } => *weight,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct SumInst {
    pub total: Term,
    pub parts: Vec<Term>,
}

#[derive(Debug, Clone)]
pub(crate) struct CmpInst {
    pub anchor: Term,
    pub left: Vec<Term>,
    pub op: Op,
    pub right: Vec<Term>,
}

#[derive(Debug, Clone)]
pub(crate) enum Check {
    Sum(Vec<SumInst>),
    Compare(Vec<CmpInst>),
    PartialFill,
    ValueKind(Vec<usize>),
    Units(Vec<usize>),
    RequiredTables(Vec<usize>),
    RequiredCells(Vec<usize>),
    ForeignRows {
        rows: Vec<String>,
        replaces: Vec<String>,
    },
    UnknownCells,
    BlankCells,
    FormYear,
    Mentions {
        when: usize,
        any: Vec<String>,
        sections: Vec<String>,
    },
    PairYears,
    UnknownForm,
    PairForm,
    Stated {
        value: Vec<Term>,
        alts: Vec<Vec<Term>>,
        all: Vec<Vec<String>>,
        none: Vec<String>,
    },
    Percent {
        value: Vec<Term>,
        denoms: Vec<Vec<Term>>,
        all: Vec<Vec<String>>,
        none: Vec<String>,
    },
    Restated,
    SectionsPresent,
    SectionCount,
    MentionsText {
        any: Vec<String>,
        sections: Vec<String>,
        when_kind: Option<crate::model::BodyKind>,
    },
    Period,
    Deadline(std::collections::BTreeMap<String, String>),
    Breakdown,
}

/// A compiled rule.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    pub id: String,
    pub severity: Severity,
    pub message: Messages,
    pub check: Check,
    pub prev_forms: Vec<String>,
    /// For sum rules: the partial-fill rule that covers them.
    pub partial: Option<usize>,
    /// Whether the rule needs the previous year's report.
    pub pair: bool,
    /// Run across several reports (series, collections, sums), not by `validate`.
    pub across: bool,
}

/// What a form's rule is, for listing and coverage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleInfo {
    pub id: String,
    pub severity: Severity,
    /// Runs only with the previous year's report (`validate_pair`).
    pub pair: bool,
    /// Runs across several reports (`series`, `similar`, `aggregate`), not in `validate`.
    pub across: bool,
}

/// A form ready for validation.
#[derive(Debug, Clone)]
pub struct Form {
    def: FormDef,
    cells: Vec<Cell>,
    /// Addresses sorted, for a merge join with the report's sorted cells.
    by_address: Vec<(String, usize)>,
    pub(crate) rules: Vec<Rule>,
    /// The cells of each table, as a range of indices.
    table_ranges: Vec<std::ops::Range<usize>>,
}

impl Form {
    /// Compiles a form definition, with the rules every form shares.
    pub fn compile(def: FormDef, common: &[RuleDef]) -> Result<Form, Error> {
        let form_id = def.id.clone();
        let ctx = |m: String| Error::Form(format!("form {form_id:?}: {m}"));
        if def.id.is_empty() {
            return Err(Error::Form("form id is empty".into()));
        }
        let mut cells = Vec::new();
        let mut table_ranges = Vec::new();
        let mut seen_tables = Vec::new();
        for (ti, t) in def.tables.iter().enumerate() {
            if seen_tables.contains(&t.id.as_str()) {
                return Err(ctx(format!("table {:?} defined twice", t.id)));
            }
            seen_tables.push(&t.id);
            let start = cells.len();
            let single_col = t.columns.len() == 1;
            for (ri, r) in t.rows.iter().enumerate() {
                if r.header {
                    continue;
                }
                let cols: Vec<usize> = match &r.columns {
                    None => (0..t.columns.len()).collect(),
                    Some(keys) => keys
                        .iter()
                        .map(|k| {
                            t.columns.iter().position(|c| &c.key == k).ok_or_else(|| {
                                ctx(format!("row {}/{} names unknown column {k:?}", t.id, r.key))
                            })
                        })
                        .collect::<Result<_, _>>()?,
                };
                for ci in cols {
                    let c = &t.columns[ci];
                    let row_zh = r.short.as_deref().unwrap_or(&r.label);
                    let address = format!("{}/{}/{}", t.id, r.key, c.key);
                    let (label_zh, label_en) = if single_col {
                        (
                            row_zh.to_string(),
                            r.en.clone().unwrap_or_else(|| address.clone()),
                        )
                    } else {
                        let en = match (&r.en, &c.en) {
                            (Some(re), Some(ce)) => format!("{re} · {ce}"),
                            _ => address.clone(),
                        };
                        (format!("{row_zh}·{}", c.label), en)
                    };
                    cells.push(Cell {
                        address,
                        table: ti,
                        row: ri,
                        col: ci,
                        kind: r.kind.or(c.kind).unwrap_or(t.kind),
                        unit: r
                            .unit
                            .clone()
                            .or_else(|| c.unit.clone())
                            .or_else(|| t.unit.clone()),
                        optional: r.optional || c.optional,
                        label_zh,
                        label_en,
                    });
                }
            }
            table_ranges.push(start..cells.len());
        }
        let mut by_address: Vec<(String, usize)> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| (c.address.clone(), i))
            .collect();
        by_address.sort();
        if let Some(w) = by_address.windows(2).find(|w| w[0].0 == w[1].0) {
            return Err(ctx(format!("cell {:?} defined twice", w[0].0)));
        }
        let mut form = Form {
            def,
            cells,
            by_address,
            rules: Vec::new(),
            table_ranges,
        };
        let own = form.def.rules.clone();
        for r in common.iter().chain(own.iter()) {
            let rule = form
                .compile_rule(r)
                .map_err(|m| ctx(format!("rule {}: {m}", r.id)))?;
            form.rules.push(rule);
        }
        // Link partial-fill rules to the sum rules they cover.
        for pi in 0..form.rules.len() {
            if !matches!(form.rules[pi].check, Check::PartialFill) {
                continue;
            }
            let of = common
                .iter()
                .chain(own.iter())
                .find(|d| d.id == form.rules[pi].id)
                .map(|d| d.of.clone());
            for target in of.unwrap_or_default() {
                let mut found = false;
                for r in form.rules.iter_mut().filter(|r| r.id == target) {
                    if matches!(r.check, Check::Sum(_)) {
                        r.partial = Some(pi);
                        found = true;
                    }
                }
                if !found {
                    return Err(ctx(format!(
                        "partial-fill rule names {target:?}, which is no sum rule"
                    )));
                }
            }
        }
        Ok(form)
    }

    pub fn id(&self) -> &str {
        &self.def.id
    }

    pub fn def(&self) -> &FormDef {
        &self.def
    }

    pub fn cells(&self) -> &[Cell] {
        &self.cells
    }

    /// The index of a cell by address.
    pub fn cell_index(&self, address: &str) -> Option<usize> {
        self.by_address
            .binary_search_by(|(a, _)| a.as_str().cmp(address))
            .ok()
            .map(|i| self.by_address[i].1)
    }

    pub fn cell(&self, address: &str) -> Option<&Cell> {
        self.cell_index(address).map(|i| &self.cells[i])
    }

    pub(crate) fn by_address(&self) -> &[(String, usize)] {
        &self.by_address
    }

    pub(crate) fn table_range(&self, table: usize) -> std::ops::Range<usize> {
        self.table_ranges[table].clone()
    }

    /// The rules this form runs, one entry per id, in order.
    pub fn rules(&self) -> Vec<RuleInfo> {
        let mut out: Vec<RuleInfo> = Vec::new();
        for r in &self.rules {
            match out.iter_mut().find(|i| i.id == r.id) {
                Some(i) => i.pair |= r.pair,
                None => out.push(RuleInfo {
                    id: r.id.clone(),
                    severity: r.severity,
                    pair: r.pair,
                    across: r.across,
                }),
            }
        }
        out
    }

    /// The ids of the rules this form runs, in order, without repeats.
    pub fn rule_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        for r in &self.rules {
            if !ids.contains(&r.id.as_str()) {
                ids.push(&r.id);
            }
        }
        ids
    }

    fn table_index(&self, id: &str) -> Result<usize, String> {
        self.def
            .tables
            .iter()
            .position(|t| t.id == id)
            .ok_or_else(|| format!("unknown table {id:?}"))
    }

    fn tables_or_all(&self, ids: &[String]) -> Result<Vec<usize>, String> {
        if ids.is_empty() {
            Ok((0..self.def.tables.len()).collect())
        } else {
            ids.iter().map(|t| self.table_index(t)).collect()
        }
    }

    fn term(&self, spec: &str) -> Result<Term, String> {
        let (weight, rest) = match spec.as_bytes().first() {
            Some(b'-') => (-1, &spec[1..]),
            Some(b'+') => (1, &spec[1..]),
            _ => (1, spec),
        };
        if let Some(address) = rest.strip_prefix("prev:") {
            return Ok(Term::Prev {
                address: address.to_string(),
                weight,
            });
        }
        let cell = self
            .cell_index(rest)
            .ok_or_else(|| format!("unknown cell {rest:?}"))?;
        Ok(Term::Cur { cell, weight })
    }

    /// `a+b-c` over cell addresses.
    fn expr(&self, e: &str) -> Result<Vec<Term>, String> {
        let mut out = Vec::new();
        let mut cur = String::new();
        for c in e.chars() {
            if (c == '+' || c == '-') && !cur.is_empty() {
                out.push(self.term(cur.trim())?);
                cur.clear();
            }
            cur.push(c);
        }
        if !cur.trim().is_empty() {
            out.push(self.term(cur.trim())?);
        }
        Ok(out)
    }

    fn terms(&self, specs: &[String]) -> Result<Vec<Term>, String> {
        specs.iter().map(|s| self.term(s)).collect()
    }

    /// The values of a loop variable.
    fn loop_values(&self, spec: &ForSpec) -> Result<Vec<String>, String> {
        match spec {
            ForSpec::List(v) => Ok(v.clone()),
            ForSpec::Keys(s) => {
                let (what, table) = s.split_once(':').ok_or_else(|| format!("bad loop {s:?}"))?;
                let t = &self.def.tables[self.table_index(table)?];
                match what {
                    "columns" => Ok(t
                        .columns
                        .iter()
                        .filter(|c| !c.optional)
                        .map(|c| c.key.clone())
                        .collect()),
                    "rows" => Ok(t
                        .rows
                        .iter()
                        .filter(|r| !r.header)
                        .map(|r| r.key.clone())
                        .collect()),
                    _ => Err(format!("bad loop {s:?}: use columns:TABLE or rows:TABLE")),
                }
            }
        }
    }

    /// Every binding of the rule's loop variables (one empty binding when none).
    fn bindings(&self, r: &RuleDef) -> Result<Vec<Vec<(String, String)>>, String> {
        let mut out: Vec<Vec<(String, String)>> = vec![Vec::new()];
        for (var, spec) in &r.for_each {
            let values = self.loop_values(spec)?;
            let mut next = Vec::with_capacity(out.len() * values.len());
            for b in &out {
                for v in &values {
                    let mut nb = b.clone();
                    nb.push((format!("{{{var}}}"), v.clone()));
                    next.push(nb);
                }
            }
            out = next;
        }
        Ok(out)
    }

    fn compile_rule(&self, r: &RuleDef) -> Result<Rule, String> {
        let subst = |s: &str, b: &[(String, String)]| {
            let mut s = s.to_string();
            for (k, v) in b {
                s = s.replace(k, v);
            }
            s
        };
        let subst_all = |v: &[String], b: &[(String, String)]| {
            v.iter().map(|s| subst(s, b)).collect::<Vec<_>>()
        };
        let mut uses_prev = matches!(r.kind, RuleKind::PairYears | RuleKind::PairForm);
        let check = match r.kind {
            RuleKind::Sum => {
                let total = r.total.as_deref().ok_or("a sum rule needs `total`")?;
                if r.parts.is_empty() {
                    return Err("a sum rule needs `parts`".into());
                }
                let mut inst = Vec::new();
                for b in self.bindings(r)? {
                    inst.push(SumInst {
                        total: self.term(&subst(total, &b))?,
                        parts: self.terms(&subst_all(&r.parts, &b))?,
                    });
                }
                Check::Sum(inst)
            }
            RuleKind::Compare => {
                let op = r.op.ok_or("a compare rule needs `op`")?;
                if r.left.is_empty() || r.right.is_empty() {
                    return Err("a compare rule needs `left` and `right`".into());
                }
                let mut inst = Vec::new();
                for b in self.bindings(r)? {
                    let left = self.terms(&subst_all(&r.left, &b))?;
                    let anchor = match &r.cell {
                        Some(c) => self.term(&subst(c, &b))?,
                        None => left[0].clone(),
                    };
                    inst.push(CmpInst {
                        anchor,
                        left,
                        op,
                        right: self.terms(&subst_all(&r.right, &b))?,
                    });
                }
                Check::Compare(inst)
            }
            RuleKind::PartialFill => {
                if r.of.is_empty() {
                    return Err("a partial_fill rule needs `of`".into());
                }
                Check::PartialFill
            }
            RuleKind::ValueKind => Check::ValueKind(self.tables_or_all(&r.tables)?),
            RuleKind::Units => Check::Units(self.tables_or_all(&r.tables)?),
            RuleKind::RequiredTables => Check::RequiredTables(self.tables_or_all(&r.tables)?),
            RuleKind::RequiredCells => Check::RequiredCells(self.tables_or_all(&r.tables)?),
            RuleKind::ForeignRows => {
                if r.rows.is_empty() {
                    return Err("a foreign_rows rule needs `rows`".into());
                }
                let slash = |v: &[String]| v.iter().map(|p| format!("{p}/")).collect();
                Check::ForeignRows {
                    rows: slash(&r.rows),
                    replaces: slash(&r.replaces),
                }
            }
            RuleKind::UnknownCells => Check::UnknownCells,
            RuleKind::BlankCells => Check::BlankCells,
            RuleKind::FormYear => Check::FormYear,
            RuleKind::Mentions => {
                let when = r.when.as_deref().ok_or("a mentions rule needs `when`")?;
                let when = self
                    .cell_index(when)
                    .ok_or_else(|| format!("unknown cell {when:?}"))?;
                if r.any.is_empty() {
                    return Err("a mentions rule needs `any`".into());
                }
                Check::Mentions {
                    when,
                    any: r.any.clone(),
                    sections: r.sections.clone(),
                }
            }
            RuleKind::PairYears => Check::PairYears,
            RuleKind::UnknownForm | RuleKind::Reader | RuleKind::Across => Check::UnknownForm,
            RuleKind::PairForm => Check::PairForm,
            RuleKind::Stated | RuleKind::Percent => {
                if r.parts.is_empty() || r.all.is_empty() {
                    return Err("a stated/percent rule needs `parts` and `all`".into());
                }
                let value = self.terms(&r.parts)?;
                let alts = r
                    .alternatives
                    .iter()
                    .map(|e| self.expr(e))
                    .collect::<Result<Vec<_>, _>>()?;
                if r.kind == RuleKind::Stated {
                    Check::Stated {
                        value,
                        alts,
                        all: r.all.clone(),
                        none: r.none.clone(),
                    }
                } else {
                    if alts.is_empty() {
                        return Err("a percent rule needs `alternatives` (denominators)".into());
                    }
                    Check::Percent {
                        value,
                        denoms: alts,
                        all: r.all.clone(),
                        none: r.none.clone(),
                    }
                }
            }
            RuleKind::Restated => Check::Restated,
            RuleKind::SectionsPresent => Check::SectionsPresent,
            RuleKind::SectionCount => Check::SectionCount,
            RuleKind::MentionsText => {
                if r.any.is_empty() {
                    return Err("a mentions_text rule needs `any`".into());
                }
                Check::MentionsText {
                    any: r.any.clone(),
                    sections: r.sections.clone(),
                    when_kind: r.when_kind,
                }
            }
            RuleKind::Period => Check::Period,
            RuleKind::Deadline => Check::Deadline(r.deadlines.clone()),
            RuleKind::Breakdown => Check::Breakdown,
        };
        let has_prev = |t: &Term| matches!(t, Term::Prev { .. });
        match &check {
            Check::Sum(v) => {
                uses_prev |= v
                    .iter()
                    .any(|i| has_prev(&i.total) || i.parts.iter().any(has_prev))
            }
            Check::Compare(v) => {
                uses_prev |= v
                    .iter()
                    .any(|i| i.left.iter().chain(&i.right).any(has_prev));
                if v.iter().any(|i| has_prev(&i.anchor)) {
                    return Err("a finding's cell must be in this year's report".into());
                }
            }
            _ => {}
        }
        if let Check::Sum(v) = &check {
            if v.iter().any(|i| has_prev(&i.total)) {
                return Err("a sum's total must be in this year's report".into());
            }
        }
        if r.message.zh_cn.trim().is_empty() || r.message.en.trim().is_empty() {
            return Err("messages in zh-CN and en are both required".into());
        }
        Ok(Rule {
            id: r.id.clone(),
            severity: r.severity,
            message: r.message.clone(),
            check,
            prev_forms: r.prev_forms.clone(),
            partial: None,
            pair: uses_prev,
            across: r.kind == RuleKind::Across,
        })
    }
}
