//! The truth of a wild case: a random report whose arithmetic holds, built
//! as `tests/shapes.rs` builds it (leaves drawn, totals derived), so that
//! any error `validate` reports on its published text is a misreading.
//!
//! The builders are `shapes.rs`'s, copied (that file is a test target of its
//! own and cannot be shared without running its properties twice).

use std::collections::BTreeMap;

use gongkai::form::{ColumnDef, Form, RowDef, TableDef, ValueKind};
use gongkai::number::Num;
use gongkai::Registry;

/// Bodies, some with 沭 (沭阳, 临沭), the character OCR reads as 沐.
pub const BODIES: &[&str] = &[
    "某市某局",
    "沭阳县人民政府",
    "临沭县人民政府办公室",
    "淮安市人民政府",
    "沭阳县自然资源局",
    "某区市场监督管理局",
];

/// A cell's true value: money in cents.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Val {
    pub n: i64,
    pub kind: ValueKind,
}

impl Val {
    pub fn num(self) -> Num {
        match self.kind {
            ValueKind::Money => Num::parse_plain(&money_text(self.n, false))
                .unwrap_or_else(|| panic!("money {}", self.n)),
            _ => Num::from_int(self.n),
        }
    }
}

/// Every printed cell of the form, by address.
pub type Truth = BTreeMap<String, Val>;

pub fn money_text(cents: i64, fixed: bool) -> String {
    let (i, c) = (cents / 100, cents % 100);
    if fixed {
        format!("{i}.{c:02}")
    } else if c == 0 {
        i.to_string()
    } else if c % 10 == 0 {
        format!("{i}.{}", c / 10)
    } else {
        format!("{i}.{c:02}")
    }
}

/// A cycling reader of random bytes or leaves.
pub struct Src<'a, T> {
    pub v: &'a [T],
    pub i: usize,
}

impl<T: Copy + Default> Src<'_, T> {
    pub fn next(&mut self) -> T {
        if self.v.is_empty() {
            return T::default();
        }
        let x = self.v[self.i % self.v.len()];
        self.i += 1;
        x
    }
}

pub fn form(id: &str) -> &'static Form {
    Registry::builtin()
        .form(id)
        .unwrap_or_else(|| panic!("no form {id}"))
}

pub fn table<'a>(f: &'a Form, id: &str) -> &'a TableDef {
    f.def()
        .tables
        .iter()
        .find(|t| t.id == id)
        .unwrap_or_else(|| panic!("no table {id}"))
}

/// The rows a report prints: header rows (legacy) and data rows, not the
/// optional subtotal rows.
pub fn printed_rows(t: &TableDef) -> Vec<&RowDef> {
    t.rows.iter().filter(|r| !r.optional).collect()
}

/// The columns a row prints, in order (not the optional 小计 column).
pub fn row_cols<'a>(t: &'a TableDef, r: &RowDef) -> Vec<&'a ColumnDef> {
    if r.header {
        return Vec::new();
    }
    t.columns
        .iter()
        .filter(|c| !c.optional)
        .filter(|c| r.columns.as_ref().is_none_or(|cs| cs.contains(&c.key)))
        .collect()
}

pub fn addr(t: &TableDef, r: &RowDef, c: &ColumnDef) -> String {
    format!("{}/{}/{}", t.id, r.key, c.key)
}

pub const APPLICANTS: [&str; 6] = [
    "natural",
    "commercial",
    "research",
    "nonprofit",
    "legal_services",
    "other_org",
];

struct Builder<'a> {
    form: &'static Form,
    leaves: Src<'a, u64>,
    aux: Src<'a, u8>,
    truth: Truth,
}

impl Builder<'_> {
    fn set(&mut self, a: &str, n: i64) -> i64 {
        let kind = self
            .form
            .cell(a)
            .unwrap_or_else(|| panic!("no cell {a}"))
            .kind;
        self.truth.insert(a.to_string(), Val { n, kind });
        n
    }
    fn count(&mut self) -> i64 {
        self.leaves.next() as i64
    }
    fn leaf(&mut self, a: &str) -> i64 {
        let n = self.count();
        self.set(a, n)
    }
    fn money(&mut self, a: &str) {
        let whole = self.count();
        let b = self.aux.next();
        let cents = if b < 128 { 0 } else { i64::from(b) % 100 };
        self.set(a, whole * 100 + cents);
    }
    fn signed(&mut self, a: &str) {
        let n = self.count();
        let neg = self.aux.next() >= 192;
        self.set(a, if neg { -n } else { n });
    }
    fn get(&self, a: &str) -> i64 {
        self.truth[a].n
    }
}

/// The consistent report of a form from random leaves and bytes.
pub fn build(form_id: &str, leaves: &[u64], aux: &[u8]) -> Truth {
    let mut b = Builder {
        form: form(form_id),
        leaves: Src { v: leaves, i: 0 },
        aux: Src { v: aux, i: 0 },
        truth: Truth::new(),
    };
    match form_id {
        "legacy" => build_legacy(&mut b),
        "2019" => {
            build_active_2019(&mut b);
            build_requests(&mut b);
            build_appeals(&mut b);
        }
        _ => {
            build_active_2021(&mut b);
            build_requests(&mut b);
            build_appeals(&mut b);
        }
    }
    let f = form(form_id);
    for c in f.cells().iter().filter(|c| !c.optional) {
        assert!(
            b.truth.contains_key(&c.address),
            "no value for {}",
            c.address
        );
    }
    b.truth
}

fn build_active_2021(b: &mut Builder) {
    for r in ["rules", "normative"] {
        for c in ["issued", "repealed", "in_force"] {
            b.leaf(&format!("active/{r}/{c}"));
        }
    }
    for r in ["license", "penalty", "coercion"] {
        b.leaf(&format!("active/{r}/decisions"));
    }
    b.money("active/fees/amount");
}

fn build_active_2019(b: &mut Builder) {
    for r in ["rules", "normative"] {
        b.leaf(&format!("active/{r}/made"));
        let p = b.leaf(&format!("active/{r}/published"));
        let more = b.count();
        b.set(&format!("active/{r}/published_total"), p + more);
    }
    for r in ["license", "other_services", "penalty", "coercion", "fees"] {
        b.leaf(&format!("active/{r}/prev_items"));
        b.signed(&format!("active/{r}/delta"));
        if r != "fees" {
            b.leaf(&format!("active/{r}/decisions"));
        }
    }
    b.leaf("active/procurement/projects");
    b.money("active/procurement/amount");
}

/// Table 3: detail rows free; （七）总计 their column sums; 上年结转 and
/// 结转下年度 free within the balance, 本年新收 from it; the 总计 column the
/// row sums.
fn build_requests(b: &mut Builder) {
    let t = table(b.form, "requests");
    let detail: Vec<String> = printed_rows(t)
        .iter()
        .map(|r| r.key.clone())
        .filter(|k| {
            !matches!(
                k.as_str(),
                "new" | "carried_over" | "total" | "carry_forward"
            )
        })
        .collect();
    for (ci, c) in APPLICANTS.iter().enumerate() {
        let on = ci == 0 || b.aux.next() >= 150;
        let mut total = 0;
        for r in &detail {
            let n = b.count();
            total += b.set(&format!("requests/{r}/{c}"), if on { n } else { 0 });
        }
        b.set(&format!("requests/total/{c}"), total);
        let (cf, co) = (b.count(), b.count());
        let (cf, co) = if on { (cf, co.min(total + cf)) } else { (0, 0) };
        b.set(&format!("requests/carry_forward/{c}"), cf);
        b.set(&format!("requests/carried_over/{c}"), co);
        b.set(&format!("requests/new/{c}"), total + cf - co);
    }
    for r in printed_rows(t) {
        let sum = APPLICANTS
            .iter()
            .map(|c| b.get(&format!("requests/{}/{c}", r.key)))
            .sum();
        b.set(&format!("requests/{}/total", r.key), sum);
    }
}

fn build_appeals(b: &mut Builder) {
    let none = b.aux.next() < 96;
    for g in ["review", "suit_direct", "suit_after_review"] {
        let mut total = 0;
        for c in ["upheld", "corrected", "other", "pending"] {
            let n = b.count();
            total += b.set(&format!("appeals/{g}/{c}"), if none { 0 } else { n });
        }
        b.set(&format!("appeals/{g}/total"), total);
    }
}

/// The legacy table: L1–L7 sums, and the comparisons L8–L17 hold too.
fn build_legacy(b: &mut Builder) {
    let l = |k: &str| format!("legacy/{k}/value");
    let ch: Vec<i64> = ["gazette", "website", "weibo", "wechat", "other"]
        .iter()
        .map(|c| b.leaf(&l(&format!("active.ch.{c}"))))
        .collect();
    let max = ch.iter().copied().max().unwrap_or(0);
    let sum = ch.iter().sum::<i64>();
    let extra = b.count();
    let total = b.set(&l("active.total"), max + extra % (sum - max + 1));
    let issued = b.leaf(&l("active.normative_issued"));
    let np = b.count();
    b.set(&l("active.normative_published"), np.min(total).min(issued));
    let press = b.leaf(&l("resp.press"));
    let pp = b.count();
    b.set(&l("resp.press_principal"), pp.min(press));
    let online = b.leaf(&l("resp.online"));
    let op = b.count();
    b.set(&l("resp.online_principal"), op.min(online));
    let mut resp = press + online;
    for k in ["resp.interpret", "resp.weibo_wechat", "resp.other"] {
        resp += b.leaf(&l(k));
    }
    let rt = b.count();
    b.set(&l("resp.total"), rt.min(resp));
    let mut denied = 0;
    for k in [
        "state_secret",
        "commercial_secret",
        "privacy",
        "security_stability",
        "not_gov_info",
        "other_law",
    ] {
        denied += b.leaf(&l(&format!("ans.denied.{k}")));
    }
    b.set(&l("ans.denied"), denied);
    let mut answered = denied;
    for k in [
        "ans.already_public",
        "ans.granted",
        "ans.partial",
        "ans.not_this_agency",
        "ans.not_exist",
        "ans.told_to_amend",
        "ans.other_channel",
    ] {
        answered += b.leaf(&l(k));
    }
    b.set(&l("apply.answered"), answered);
    b.set(&l("apply.closed"), answered);
    let on_time = b.count().min(answered);
    b.set(&l("apply.closed.on_time"), on_time);
    b.set(&l("apply.closed.extended"), answered - on_time);
    let mut recv: Vec<i64> = (0..4).map(|_| b.count()).collect();
    let short = answered - recv.iter().sum::<i64>();
    if short > 0 {
        recv[2] += short;
    }
    for (k, n) in ["in_person", "fax", "online", "letter"].iter().zip(&recv) {
        b.set(&l(&format!("apply.recv.{k}")), *n);
    }
    b.set(&l("apply.received"), recv.iter().sum());
    for g in ["review", "suit"] {
        let mut t = 0;
        for k in ["upheld", "corrected", "other"] {
            t += b.leaf(&l(&format!("{g}.{k}")));
        }
        b.set(&l(&format!("{g}.total")), t);
    }
    b.leaf(&l("complaints"));
    b.money(&l("fees"));
    b.leaf(&l("org.units"));
    b.leaf(&l("org.reading_points"));
    let ft = b.leaf(&l("org.staff.full_time"));
    let pt = b.leaf(&l("org.staff.part_time"));
    b.set(&l("org.staff"), ft + pt);
    b.money(&l("org.budget"));
    b.leaf(&l("train.meetings"));
    let classes = b.leaf(&l("train.classes"));
    let more = b.count();
    b.set(&l("train.trainees"), classes + more);
}
