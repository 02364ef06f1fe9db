//! Glued digits, solved rather than guessed. A row printed as `6000017` for
//! seven cells has many splits; the form's own arithmetic (row totals,
//! column sums, the column balance) picks the one that holds. When several
//! hold equally well, the narrative's numbers break the tie; when they do
//! not, the cells stay unresolved and the candidates are reported.

use super::tokens::{Tok, TokKind};
use crate::finding::Severity;
use crate::form::{Check, Form, Op, Term, ValueKind};
use crate::number::Num;

/// At most this many splits of one row are considered.
const ROW_LIMIT: usize = 4000;
/// At most this many combinations of ambiguous rows are searched together.
const SEARCH_LIMIT: usize = 50_000;

/// One cell's value as read (its printed text is the doc's `start..end`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Val {
    /// `None` for a blank cell.
    pub num: Option<Num>,
    pub start: usize,
    pub end: usize,
    /// A value that is not a number of the cell's kind, kept as text.
    pub text: bool,
}

/// A row of the form as found in the text: its cells and the tokens after its label.
#[derive(Debug, Clone)]
pub struct RowRead {
    pub cells: Vec<usize>,
    pub toks: Vec<Tok>,
}

/// The outcome for one row.
#[derive(Debug, Clone)]
pub enum RowResult {
    /// Every cell read.
    Read(Vec<Val>),
    /// Some cells could not be decided: the agreed ones, and the candidates.
    Unresolved {
        agreed: Vec<Option<Val>>,
        candidates: Vec<Vec<Val>>,
    },
    /// No value tokens at all.
    Empty,
    /// Values that cannot be matched to the cells (too few, nothing to split).
    Short,
    /// Digits glued so that there are too many splits to consider.
    TooMany,
}

/// A linear constraint over cells: Σ w·v (op) 0.
struct Constraint {
    terms: Vec<(usize, i32)>,
    op: Op,
    weight: u32,
}

fn constraints(form: &Form) -> Vec<Constraint> {
    let mut out = Vec::new();
    for r in form.rules.iter().filter(|r| !r.pair) {
        let weight = if r.severity == Severity::Error { 10 } else { 1 };
        let cur = |t: &Term| match t {
            Term::Cur { cell, weight } => Some((*cell, *weight)),
            Term::Prev { .. } => None,
        };
        match &r.check {
            Check::Sum(insts) => {
                for i in insts {
                    let mut terms: Vec<(usize, i32)> = i.parts.iter().filter_map(cur).collect();
                    if let Some((c, _)) = cur(&i.total) {
                        terms.push((c, -1));
                    }
                    out.push(Constraint {
                        terms,
                        op: Op::Eq,
                        weight,
                    });
                }
            }
            Check::Compare(insts) => {
                for i in insts {
                    let mut terms: Vec<(usize, i32)> = i.left.iter().filter_map(cur).collect();
                    terms.extend(i.right.iter().filter_map(cur).map(|(c, w)| (c, -w)));
                    out.push(Constraint {
                        terms,
                        op: i.op,
                        weight,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

impl Constraint {
    /// The violation weight, or `None` when some cell is not known.
    fn violation(&self, vals: &[Option<Num>]) -> Option<u32> {
        let mut s = Num::ZERO;
        for &(c, w) in &self.terms {
            s = s.add_weighted(vals[c]?, w);
        }
        let ok = match self.op {
            Op::Eq => s.is_zero(),
            Op::Le => s.is_negative() || s.is_zero(),
            Op::Ge => !s.is_negative(),
        };
        Some(if ok { 0 } else { self.weight })
    }
}

/// `part_ok` on a slice of chars, without allocating.
fn part_chars_ok(part: &[char], kind: ValueKind) -> bool {
    let neg = part.first() == Some(&'-');
    let body = if neg { &part[1..] } else { part };
    if body.is_empty() || body[0] == '.' || body[body.len() - 1] == '.' {
        return false;
    }
    let int_len = body.iter().position(|&c| c == '.').unwrap_or(body.len());
    if int_len > 1 && body[0] == '0' {
        return false;
    }
    let point = int_len < body.len();
    match kind {
        ValueKind::Count => !neg && !point,
        ValueKind::Money => !neg,
        ValueKind::Signed => !point,
    }
}

/// Whether `part` can be a printed value of `kind`.
fn part_ok(part: &str, kind: ValueKind) -> bool {
    let body = part.strip_prefix('-').unwrap_or(part);
    if body.is_empty() || body.starts_with('.') || body.ends_with('.') {
        return false;
    }
    let int = body.split('.').next().unwrap_or("");
    if int.len() > 1 && int.starts_with('0') {
        return false;
    }
    match kind {
        ValueKind::Count => !part.starts_with('-') && !part.contains('.'),
        ValueKind::Money => !part.starts_with('-'),
        ValueKind::Signed => !part.contains('.'),
    }
}

fn val_of(tok: &Tok, text: &str, start: usize, end: usize, kind: ValueKind) -> Val {
    match tok.kind {
        TokKind::Blank => Val {
            num: None,
            start,
            end,
            text: false,
        },
        TokKind::Zero => Val {
            num: Some(Num::ZERO),
            start,
            end,
            text: false,
        },
        TokKind::Number => {
            // The token's text is already normalised: digits, sign, point.
            let num = Num::parse_plain(text);
            Val {
                num,
                start,
                end,
                text: num.is_none() || !part_ok(text, kind),
            }
        }
    }
}

/// Every way to read a row's tokens as its cells (capped).
/// Rows whose digits allow more splits than this are not enumerated: a run
/// of 32 digits for 7 cells has 736,281; no table prints such a thing, and
/// reading it would take seconds.
const SPLIT_LIMIT: u128 = 100_000;

/// `n` choose `k`, saturating.
fn choose(n: u128, k: u128) -> u128 {
    if k > n {
        return 0;
    }
    let k = k.min(n - k);
    (0..k).fold(1u128, |acc, i| (acc.saturating_mul(n - i)) / (i + 1))
}

/// Every way to read a row's tokens as its cells; `None` when there are too
/// many to consider.
fn row_candidates(form: &Form, row: &RowRead) -> Option<Vec<Vec<Val>>> {
    let k = row.cells.len();
    let kinds: Vec<ValueKind> = row.cells.iter().map(|&c| form.cells()[c].kind).collect();
    let n = row.toks.len();
    if n >= k {
        let vals = row.toks[..k]
            .iter()
            .zip(&kinds)
            .map(|(t, &kind)| val_of(t, &t.text, t.start, t.end, kind))
            .collect();
        return Some(vec![vals]);
    }
    // Extra cuts go into the gaps between digits of the glued runs.
    let gaps: usize = row
        .toks
        .iter()
        .filter(|t| t.kind == TokKind::Number)
        .map(|t| {
            t.text
                .chars()
                .filter(char::is_ascii_digit)
                .count()
                .saturating_sub(1)
        })
        .sum();
    if choose(gaps as u128, (k - n) as u128) > SPLIT_LIMIT {
        return None;
    }
    let mut out = Vec::new();
    let mut cur = Vec::with_capacity(k);
    let budget = std::cell::Cell::new(1_000_000usize);
    split_rec(row, &kinds, 0, k, &mut cur, &mut out, &budget);
    (budget.get() > 0 && out.len() < ROW_LIMIT).then_some(out)
}

fn split_rec(
    row: &RowRead,
    kinds: &[ValueKind],
    ti: usize,
    k: usize,
    cur: &mut Vec<Val>,
    out: &mut Vec<Vec<Val>>,
    budget: &std::cell::Cell<usize>,
) {
    if out.len() >= ROW_LIMIT || budget.get() == 0 {
        budget.set(0);
        return;
    }
    let toks = &row.toks;
    if ti == toks.len() {
        if cur.len() == k {
            out.push(cur.clone());
        }
        return;
    }
    let tok = &toks[ti];
    let left_after = toks.len() - ti - 1;
    let room = k - cur.len();
    if room < 1 + left_after {
        return;
    }
    let max_parts = room - left_after;
    let chars: Vec<char> = tok.text.chars().collect();
    if tok.kind != TokKind::Number || max_parts == 1 {
        let kind = kinds[cur.len()];
        // When splitting, every part must be a value of its cell's kind.
        if tok.kind == TokKind::Number && !part_ok(&tok.text, kind) {
            return;
        }
        cur.push(val_of(tok, &tok.text, tok.start, tok.end, kind));
        split_rec(row, kinds, ti + 1, k, cur, out, budget);
        cur.pop();
        return;
    }
    // Positions in the doc of each char of the token's text (digits are one
    // char each in the source; a sign or 减少 prefix is at the start).
    let offset = (tok.end - tok.start)
        .saturating_sub(chars.len() + tok.unit.map_or(0, |u| u.chars().count()));
    for parts in 1..=max_parts.min(chars.len()) {
        let mut cuts = Vec::with_capacity(parts + 1);
        let base_kind = cur.len();
        let ok = |i: usize, part: &[char]| part_chars_ok(part, kinds[base_kind + i]);
        cut_rec(
            &chars,
            parts,
            &mut cuts,
            &ok,
            budget,
            &mut |cuts: &[usize]| {
                let base = cur.len();
                for p in 0..parts {
                    let (a, b) = (cuts[p], cuts[p + 1]);
                    // The token's text is ASCII: char and byte indices agree.
                    let part = &tok.text[a..b];
                    let start = if p == 0 {
                        tok.start
                    } else {
                        tok.start + offset + a
                    };
                    let end = if p + 1 == parts {
                        tok.end
                    } else {
                        tok.start + offset + b
                    };
                    cur.push(val_of(tok, part, start, end, kinds[base + p]));
                }
                split_rec(row, kinds, ti + 1, k, cur, out, budget);
                cur.truncate(base);
            },
        );
    }
}

/// Calls `f` with every list of cut points splitting `chars` into `parts`
/// parts that each pass `ok(index, part)`; a part that fails prunes every
/// split that starts with it. `budget` bounds the work on absurd inputs.
fn cut_rec(
    chars: &[char],
    parts: usize,
    cuts: &mut Vec<usize>,
    ok: &dyn Fn(usize, &[char]) -> bool,
    budget: &std::cell::Cell<usize>,
    f: &mut dyn FnMut(&[usize]),
) {
    if budget.get() == 0 {
        return;
    }
    budget.set(budget.get() - 1);
    if cuts.is_empty() {
        cuts.push(0);
    }
    let last = *cuts.last().unwrap_or(&0);
    let index = cuts.len() - 1;
    if parts == 1 {
        if ok(index, &chars[last..]) {
            cuts.push(chars.len());
            f(cuts);
            cuts.pop();
        }
    } else {
        // Leave at least one char for each later part.
        for c in last + 1..=chars.len().saturating_sub(parts - 1) {
            // Never cut a sign from its digits, nor inside a decimal.
            if c >= chars.len() || chars[c - 1] == '-' || chars[c] == '.' || chars[c - 1] == '.' {
                continue;
            }
            if !ok(index, &chars[last..c]) {
                continue;
            }
            cuts.push(c);
            cut_rec(chars, parts - 1, cuts, ok, budget, f);
            cuts.pop();
        }
    }
    if cuts.len() == 1 {
        cuts.pop();
    }
}

/// Reads every row; `narrative` holds the numbers the report's text states.
pub fn solve(form: &Form, rows: &[RowRead], near: &[Vec<Num>]) -> Vec<RowResult> {
    let cons = constraints(form);
    let mut vals: Vec<Option<Num>> = vec![None; form.cells().len()];
    let mut too_many = vec![false; rows.len()];
    let mut cands: Vec<Vec<Vec<Val>>> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            if r.toks.is_empty() {
                return Vec::new();
            }
            row_candidates(form, r).unwrap_or_else(|| {
                too_many[i] = true;
                Vec::new()
            })
        })
        .collect();
    let assign = |vals: &mut Vec<Option<Num>>, row: &RowRead, c: &[Val]| {
        for (&cell, v) in row.cells.iter().zip(c) {
            vals[cell] = if v.text {
                None
            } else {
                Some(v.num.unwrap_or(Num::ZERO))
            };
        }
    };
    let clear = |vals: &mut Vec<Option<Num>>, row: &RowRead| {
        for &cell in &row.cells {
            vals[cell] = None;
        }
    };
    for (r, c) in rows.iter().zip(&cands) {
        if c.len() == 1 {
            assign(&mut vals, r, &c[0]);
        }
    }
    // Constraints touching each cell.
    let mut touching: Vec<Vec<usize>> = vec![Vec::new(); vals.len()];
    for (i, c) in cons.iter().enumerate() {
        for &(cell, _) in &c.terms {
            if cell < touching.len() && !touching[cell].contains(&i) {
                touching[cell].push(i);
            }
        }
    }
    let row_score = |vals: &[Option<Num>], row: &RowRead| -> u32 {
        let mut seen = Vec::new();
        let mut s = 0;
        for &cell in &row.cells {
            for &ci in &touching[cell] {
                if !seen.contains(&ci) {
                    seen.push(ci);
                    s += cons[ci].violation(vals).unwrap_or(0);
                }
            }
        }
        s
    };
    // 1. Propagate: keep each row's best candidates given what is fixed.
    let mut changed = true;
    while changed {
        changed = false;
        for (ri, row) in rows.iter().enumerate() {
            if cands[ri].len() <= 1 {
                continue;
            }
            let scores: Vec<u32> = cands[ri]
                .iter()
                .map(|c| {
                    assign(&mut vals, row, c);
                    let s = row_score(&vals, row);
                    clear(&mut vals, row);
                    s
                })
                .collect();
            let best = scores.iter().copied().min().unwrap_or(0);
            let before = cands[ri].len();
            let mut keep = scores.iter().map(|&s| s == best);
            cands[ri].retain(|_| keep.next().unwrap_or(false));
            if cands[ri].len() == 1 {
                let only = cands[ri][0].clone();
                assign(&mut vals, row, &only);
            }
            changed |= cands[ri].len() != before;
        }
    }
    // 2. Search the remaining ambiguous rows together, when few.
    let open: Vec<usize> = (0..rows.len()).filter(|&r| cands[r].len() > 1).collect();
    let space = open.iter().try_fold(1usize, |acc, &r| {
        acc.checked_mul(cands[r].len())
            .filter(|&n| n <= SEARCH_LIMIT)
    });
    if open.len() > 1 && space.is_some() {
        let mut best = u32::MAX;
        let mut best_sets: Vec<Vec<usize>> = Vec::new();
        let mut pick = vec![0usize; open.len()];
        loop {
            for (k, &r) in open.iter().enumerate() {
                assign(&mut vals, &rows[r], &cands[r][pick[k]]);
            }
            let s: u32 = cons.iter().filter_map(|c| c.violation(&vals)).sum();
            if s < best {
                best = s;
                best_sets.clear();
            }
            if s == best {
                best_sets.push(pick.clone());
            }
            // Next combination.
            let mut k = 0;
            while k < open.len() {
                pick[k] += 1;
                if pick[k] < cands[open[k]].len() {
                    break;
                }
                pick[k] = 0;
                k += 1;
            }
            if k == open.len() {
                break;
            }
        }
        for &r in &open {
            clear(&mut vals, &rows[r]);
        }
        for (k, &r) in open.iter().enumerate() {
            let mut idx: Vec<usize> = best_sets.iter().map(|s| s[k]).collect();
            idx.sort_unstable();
            idx.dedup();
            let kept: Vec<Vec<Val>> = idx.iter().map(|&i| cands[r][i].clone()).collect();
            cands[r] = kept;
        }
    }
    // 3. The numbers the narrative states next to a row's label break its ties.
    for (ri, c) in cands.iter_mut().enumerate().filter(|(_, c)| c.len() > 1) {
        let said = near.get(ri).map_or(&[][..], |v| v.as_slice());
        let hits = |cand: &Vec<Val>| {
            cand.iter()
                .filter(|v| v.num.is_some_and(|n| said.contains(&n)))
                .count()
        };
        let scored: Vec<usize> = c.iter().map(hits).collect();
        let best = scored.iter().copied().max().unwrap_or(0);
        if best > 0 {
            let mut it = scored.into_iter();
            c.retain(|_| it.next() == Some(best));
        }
    }
    rows.iter()
        .zip(cands)
        .zip(too_many)
        .map(|((row, c), many)| match c.len() {
            _ if many => RowResult::TooMany,
            0 if row.toks.is_empty() => RowResult::Empty,
            0 => RowResult::Short,
            1 => {
                let v = c.into_iter().next().unwrap_or_default();
                if v.len() < row.cells.len() {
                    RowResult::Short
                } else {
                    RowResult::Read(v)
                }
            }
            _ => {
                let agreed = (0..row.cells.len())
                    .map(|i| {
                        let first = &c[0][i];
                        c.iter()
                            .all(|cand| {
                                cand[i].num == first.num
                                    && cand[i].start == first.start
                                    && cand[i].end == first.end
                            })
                            .then_some(*first)
                    })
                    .collect();
                RowResult::Unresolved {
                    agreed,
                    candidates: c,
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::doc::Doc;
    use crate::parse::tokens::scan;
    use crate::Registry;

    fn row(form: &Form, row: &str, text: &str) -> RowRead {
        let d = Doc::from_text(text);
        let cells = form
            .cells()
            .iter()
            .enumerate()
            .filter(|(_, c)| c.address.starts_with(&format!("requests/{row}/")) && !c.optional)
            .map(|(i, _)| i)
            .collect();
        RowRead {
            cells,
            toks: scan(&d, 0, d.chars.len()),
        }
    }

    fn read(r: &RowResult) -> Vec<String> {
        match r {
            RowResult::Read(v) => v
                .iter()
                .map(|v| v.num.map(|n| n.to_string()).unwrap_or_default())
                .collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_row_total_settles_a_glued_row() {
        let form = Registry::builtin().form("2019").unwrap();
        let rows = [
            row(form, "new", "200 000121"),
            row(form, "granted", "6000017"),
            row(form, "carry_forward", "0 0 00 00 0"),
        ];
        let out = solve(form, &rows, &[]);
        assert_eq!(read(&out[0]), ["20", "0", "0", "0", "0", "1", "21"]);
        assert_eq!(read(&out[1]), ["6", "0", "0", "0", "0", "1", "7"]);
        assert_eq!(read(&out[2]), ["0", "0", "0", "0", "0", "0", "0"]);
    }

    #[test]
    fn ambiguity_is_reported_not_guessed() {
        let form = Registry::builtin().form("2021").unwrap();
        let cells: Vec<usize> = [
            "active/normative/issued",
            "active/normative/repealed",
            "active/normative/in_force",
        ]
        .iter()
        .map(|a| form.cell_index(a).unwrap())
        .collect();
        let d = Doc::from_text("693665");
        let rows = [RowRead {
            cells: cells.clone(),
            toks: scan(&d, 0, 6),
        }];
        match &solve(form, &rows, &[vec![]])[0] {
            RowResult::Unresolved { candidates, .. } => assert!(candidates.len() > 3),
            other => panic!("{other:?}"),
        }
        // The narrative's 69 and 665 settle it.
        let nums = vec![vec![Num::from_int(69), Num::from_int(665)]];
        match &solve(form, &rows, &nums)[0] {
            RowResult::Read(v) => assert_eq!(
                v.iter()
                    .map(|v| v.num.unwrap().to_string())
                    .collect::<Vec<_>>(),
                ["69", "3", "665"]
            ),
            other => panic!("{other:?}"),
        }
    }
}
