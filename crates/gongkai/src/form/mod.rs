//! Forms as data: the declarative file format and its compiled form.

mod compile;
mod def;

pub use compile::{Cell, Form, RuleInfo};
pub(crate) use compile::{Check, CmpInst, Rule, SumInst, Term};
pub use def::{
    ColumnDef, CommonDef, ForSpec, FormDef, Layout, Messages, Op, RowDef, RuleDef, RuleKind,
    SectionDef, TableDef, ValueKind, Years,
};
