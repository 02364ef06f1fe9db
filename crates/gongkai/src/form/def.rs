//! The declarative form file: tables, rows, columns, labels and rules, as
//! written in `crates/gongkai/forms/*.json` or supplied at run time.
//!
//! Unknown fields are rejected so that a typo in a provincial form file is an
//! error at load time, not a rule that silently never fires.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::finding::Severity;

/// A whole form: one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormDef {
    /// The id reports name in `form`: `legacy`, `2019`, `2021`, `fujian-2014`.
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// The document that prescribes the form (国办公开办函〔2021〕30号).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// The report years the form applies to (inclusive; open ends allowed).
    #[serde(default)]
    pub years: Years,
    pub tables: Vec<TableDef>,
    /// The report's sections, in order (new-regulation forms).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<SectionDef>,
    pub rules: Vec<RuleDef>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Years {
    #[serde(default)]
    pub from: Option<i32>,
    #[serde(default)]
    pub to: Option<i32>,
}

impl Years {
    pub fn contains(&self, y: i32) -> bool {
        self.from.is_none_or(|f| y >= f) && self.to.is_none_or(|t| y <= t)
    }
}

/// What a cell holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueKind {
    /// A non-negative integer.
    #[default]
    Count,
    /// A non-negative decimal amount, in the cell's unit.
    Money,
    /// A signed integer (the 2019 form's 本年增/减).
    Signed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableDef {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// The report section that prints the table (二, 三, 四).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// A note printed in the table (the 勾稽关系 note of Table 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The heading of the row-label column(s) (信息内容, 统计指标).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stub: Option<String>,
    /// Text that starts the printed table, for finding it in a report
    /// (default: the title and the stub).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub anchors: Vec<String>,
    /// Default value kind and unit of the table's cells.
    #[serde(default)]
    pub kind: ValueKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// How the table is printed: `grid` (rows × columns), `single_row` (all
    /// cells in one printed row, like the 15-cell appeals table), `list`
    /// (one value column with a unit column, like the legacy table).
    #[serde(default)]
    pub layout: Layout,
    pub columns: Vec<ColumnDef>,
    pub rows: Vec<RowDef>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    #[default]
    Grid,
    SingleRow,
    List,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnDef {
    pub key: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// Merged header cells above this column, outermost first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group: Vec<String>,
    /// Other printed forms of the label.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ValueKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Not on the official form; accepted when a report adds it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowDef {
    pub key: String,
    /// The label exactly as the official form prints it.
    pub label: String,
    /// A short label for messages (（七）总计).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// Merged label cells to the left of this row, outermost first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ValueKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The columns this row has, when not all of the table's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub columns: Option<Vec<String>>,
    /// A printed header row that holds no cells (legacy 一、主动公开情况).
    #[serde(default, skip_serializing_if = "is_false")]
    pub header: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    pub key: String,
    pub heading: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
}

/// Message templates of a rule, one per language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Messages {
    #[serde(rename = "zh-CN")]
    pub zh_cn: String,
    pub en: String,
}

/// The values a rule's loop variable takes: a list, or `columns:TABLE` /
/// `rows:TABLE` for the keys of a table's columns or data rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ForSpec {
    List(Vec<String>),
    Keys(String),
}

/// What a rule checks. Each kind uses some of the rule's fields; the
/// compiler rejects fields a kind does not use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// `total` = Σ `parts` (terms may carry `-` weights, as XBRL calculation links).
    Sum,
    /// Σ `left` `op` Σ `right`, reported on `cell` (default: the first left term).
    Compare,
    /// Partial fill of the instances of the `of` sum rules.
    PartialFill,
    /// Every cell of `tables` holds a value of its kind.
    ValueKind,
    /// A unit printed in a money cell of `tables` matches the form's unit.
    Units,
    /// The `tables` are present in the report.
    RequiredTables,
    /// Every non-optional cell of a present table is present.
    RequiredCells,
    /// Cells in `rows` belong to another generation of the form.
    ForeignRows,
    /// Cells the form does not have.
    UnknownCells,
    /// Cells left blank, read as 0.
    BlankCells,
    /// The report year is in the form's `years`.
    FormYear,
    /// `when` > 0 ⇒ the text mentions one of `any`.
    Mentions,
    /// A pair of reports: same body, consecutive years.
    PairYears,
    /// The report names no form, or one that is not loaded.
    UnknownForm,
    /// A note the reader made while reading the source (unresolved glued
    /// digits, a row with too few values).
    Reader,
    /// The previous year's report names no known form: no cross-year check ran.
    PairForm,
    /// Run across several reports (series, collections, sums), not by `validate`.
    Across,
    /// A count the text states (in a clause with all of `all`'s keyword
    /// groups and none of `none`) equals Σ `parts` (or an `alternatives` sum).
    Stated,
    /// A percentage the text states for Σ `parts` equals it over one of the
    /// `alternatives` denominators.
    Percent,
    /// One quantity stated twice with different values (over the `stated` rules).
    Restated,
    /// The form's sections are all present, in order.
    SectionsPresent,
    /// The number of parts the preamble announces equals the sections present.
    SectionCount,
    /// The text mentions one of `any` (in `sections`; for bodies of `when_kind`).
    MentionsText,
    /// The stated statistics period is the report year.
    Period,
    /// Published by the deadline for the body's kind (`deadlines`: MM-DD of the next year).
    Deadline,
    /// A total stated with a breakdown "N条（其中a条、b条…）" that does not add up.
    Breakdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    #[serde(rename = "=")]
    Eq,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = ">=")]
    Ge,
}

/// One rule of a form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    /// Stable id (formats.md's where it has one).
    pub id: String,
    pub kind: RuleKind,
    pub severity: Severity,
    pub message: Messages,
    /// Why the rule holds, for people reading the form file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    #[serde(default, rename = "for", skip_serializing_if = "BTreeMap::is_empty")]
    pub for_each: BTreeMap<String, ForSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub left: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub op: Option<Op>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub right: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub of: Vec<String>,
    /// `foreign_rows`: the rows of this form that the foreign rows stand in
    /// for; their cells are not reported missing when the foreign rows are there.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub any: Vec<String>,
    /// Section keys to search (`Mentions`); all text when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<String>,
    /// Keyword groups a clause must all match (any keyword of each group).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub all: Vec<Vec<String>>,
    /// Keywords that disqualify a clause.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub none: Vec<String>,
    /// Other sums a stated number may equal, or a percentage's denominators
    /// (each `a+b-c` over cell addresses).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    /// `mentions_text`: only for bodies of this kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when_kind: Option<crate::model::BodyKind>,
    /// `deadline`: `government` / `department` / `default` → `MM-DD` of the next year.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub deadlines: BTreeMap<String, String>,
    /// Cross-year rules: the forms the previous report may have.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prev_forms: Vec<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Rules every form shares (`forms/common.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommonDef {
    pub rules: Vec<RuleDef>,
}
