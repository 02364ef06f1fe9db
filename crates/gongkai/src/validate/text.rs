//! Rules on the report's text: numbers it states against the table, the same
//! quantity stated twice, percentages, sections, period and deadline.

use super::{Run, Slot};
use crate::finding::Lang;
use crate::form::{Rule, Term};
use crate::message::Args;
use crate::model::BodyKind;
use crate::narrative::{
    announced_parts, clause_spans, clauses, counts, end_of, excerpt, percent, printed_offset,
    ratio_percent, start_of, tidy, truncated_percent, CLAUSE_MARKS, ELLIPSIS, QUOTE_MAX,
    SENTENCE_MARKS,
};
use crate::number::Num;
use crate::parse::normalize::simplify;

/// `clause` in simplified characters (keywords are simplified; a 繁體 report reads alike).
fn clause_matches(clause: &str, all: &[Vec<String>], none: &[String]) -> bool {
    all.iter()
        .all(|g| g.iter().any(|k| clause.contains(k.as_str())))
        && !none.iter().any(|k| clause.contains(k.as_str()))
}

impl Run<'_> {
    /// The report's prose, section by section (the reader leaves the tables out).
    fn prose(&self) -> impl Iterator<Item = (&str, &str)> {
        self.cur
            .report
            .sections
            .iter()
            .map(|s| (s.key.as_str(), s.text.as_str()))
    }

    /// The prose's clauses, as printed and in simplified characters, split
    /// once per run (taken out while in use).
    fn take_clauses(&mut self) -> Vec<super::SectionClauses> {
        match self.clauses.take() {
            Some(c) => c,
            None => self
                .prose()
                .map(|(k, t)| {
                    (
                        k.to_string(),
                        clauses(t)
                            .into_iter()
                            .map(|c| (c.to_string(), simplify(c)))
                            .collect(),
                    )
                })
                .collect(),
        }
    }

    /// A report-level text finding: the quote, what the table (or the body)
    /// says, and what the text says.
    fn push_quoted(
        &mut self,
        rule: &Rule,
        ri: usize,
        quote: String,
        expected: String,
        actual: String,
    ) {
        let args = Args::new()
            .set("quote", tidy(&quote))
            .set("actual", actual.clone())
            .set("expected", expected.clone());
        self.quote = Some(quote);
        self.push(
            rule,
            ri,
            None,
            Vec::new(),
            Some(expected),
            Some(actual),
            args,
        );
    }

    /// Clause `i` of section `si` and the clause after it, as printed, with
    /// the punctuation between them.
    fn clause_pair(&self, si: usize, i: usize) -> String {
        let text = self.cur.report.sections[si].text.as_str();
        let spans = clause_spans(text);
        match (spans.get(i), spans.get(i + 1)) {
            (Some(a), Some(b)) => text[a.start..b.end].to_string(),
            _ => clauses(text)
                .get(i)
                .map_or_else(String::new, |c| c.to_string()),
        }
    }

    /// Σ of this year's terms, when every cell is there and a number.
    fn sum_terms(&self, terms: &[Term]) -> Option<Num> {
        terms
            .iter()
            .try_fold(Num::ZERO, |acc, t| match self.slot(t) {
                Slot::Missing | Slot::Bad => None,
                s => Some(acc.add_weighted(s.value(), t.weight())),
            })
    }

    fn anchor<'t>(&self, terms: &'t [Term]) -> (Option<&'t Term>, Vec<String>) {
        (
            terms.first(),
            terms.iter().skip(1).map(|t| self.address(t)).collect(),
        )
    }

    pub(super) fn stated(
        &mut self,
        rule: &Rule,
        ri: usize,
        value: &[Term],
        alts: &[Vec<Term>],
        all: &[Vec<String>],
        none: &[String],
    ) {
        let table = self.sum_terms(value);
        let alt_values: Vec<Num> = alts.iter().filter_map(|a| self.sum_terms(a)).collect();
        let mut found = Vec::new();
        let all_clauses = self.take_clauses();
        for (_, cl) in &all_clauses {
            for (clause, simple) in cl {
                let clause = clause.as_str();
                if !clause_matches(simple, all, none) {
                    continue;
                }
                let c = counts(clause);
                if c.len() == 1 {
                    found.push((c[0].value, clause.to_string()));
                }
            }
        }
        self.clauses = Some(all_clauses);
        let cell = match value.first() {
            Some(Term::Cur { cell, .. }) => Some(*cell),
            _ => None,
        };
        for (stated, quote) in found {
            self.mentions.push((ri, stated, quote.clone(), cell));
            let Some(table) = table else { continue };
            if stated == table || alt_values.contains(&stated) {
                continue;
            }
            let (anchor, related) = self.anchor(value);
            let args = Args::new()
                .set("quote", tidy(&quote))
                .set("actual", stated.to_string())
                .set("expected", table.to_string());
            self.quote = Some(quote);
            self.push(
                rule,
                ri,
                anchor,
                related,
                Some(table.to_string()),
                Some(stated.to_string()),
                args,
            );
        }
    }

    pub(super) fn restated(&mut self, rule: &Rule, ri: usize) {
        let mut by_rule: Vec<usize> = self.mentions.iter().map(|m| m.0).collect();
        by_rule.sort_unstable();
        by_rule.dedup();
        for r in by_rule {
            let ms: Vec<(Num, String, Option<usize>)> = self
                .mentions
                .iter()
                .filter(|m| m.0 == r)
                .map(|m| (m.1, m.2.clone(), m.3))
                .collect();
            let Some(other) = ms.iter().find(|m| m.0 != ms[0].0) else {
                continue;
            };
            let first = &ms[0];
            let quote = format!("{}”与“{}", tidy(&first.1), tidy(&other.1));
            let args = Args::new()
                .set("quote", quote)
                .set("first", first.0.to_string())
                .set("second", other.0.to_string());
            // Two places of the text: two verbatim pieces, "…" between them.
            self.quote = Some(format!("{}{ELLIPSIS}{}", first.1, other.1));
            let anchor = first.2.map(|cell| Term::Cur { cell, weight: 1 });
            self.push(
                rule,
                ri,
                anchor.as_ref(),
                Vec::new(),
                Some(first.0.to_string()),
                Some(other.0.to_string()),
                args,
            );
        }
    }

    pub(super) fn percent(
        &mut self,
        rule: &Rule,
        ri: usize,
        value: &[Term],
        denoms: &[Vec<Term>],
        all: &[Vec<String>],
        none: &[String],
    ) {
        let Some(num) = self.sum_terms(value) else {
            return;
        };
        let dens: Vec<Num> = denoms.iter().filter_map(|d| self.sum_terms(d)).collect();
        let Some(&first_den) = dens.first() else {
            return;
        };
        let mut hits = Vec::new();
        let all_clauses = self.take_clauses();
        for (si, (_, cl)) in all_clauses.iter().enumerate() {
            for (i, (clause, simple)) in cl.iter().enumerate() {
                if !clause_matches(simple, all, none) {
                    continue;
                }
                // "予以公开及部分公开258件，占33.9%": the share may be the next clause.
                let (p, quote) = match percent(clause) {
                    Some(p) => (p, clause.to_string()),
                    None => match cl
                        .get(i + 1)
                        .map(|n| n.0.as_str())
                        .filter(|n| n.starts_with('占') || n.starts_with("比例"))
                        .and_then(percent)
                    {
                        // The two clauses as printed, with what stands between them.
                        Some(p) => (p, self.clause_pair(si, i)),
                        None => continue,
                    },
                };
                hits.push((p, quote));
            }
        }
        self.clauses = Some(all_clauses);
        for ((stated, decimals), quote) in hits {
            // Rounded or truncated to the printed decimals: both are in use.
            if dens.iter().any(|&d| {
                ratio_percent(num, d, decimals) == Some(stated)
                    || truncated_percent(num, d, decimals) == Some(stated)
            }) {
                continue;
            }
            let Some(expected) = ratio_percent(num, first_den, decimals.max(1)) else {
                continue;
            };
            let (anchor, related) = self.anchor(value);
            let args = Args::new()
                .set("quote", tidy(&quote))
                .set("actual", format!("{stated}%"))
                .set("expected", format!("{expected}%"))
                .set("value", num.to_string())
                .set("total", first_den.to_string());
            self.quote = Some(quote);
            self.push(
                rule,
                ri,
                anchor,
                related,
                Some(format!("{expected}%")),
                Some(format!("{stated}%")),
                args,
            );
        }
    }

    pub(super) fn sections_present(&mut self, rule: &Rule, ri: usize) {
        let report = self.cur.report;
        if report.sections.is_empty() {
            return;
        }
        for s in &self.cur.form.def().sections {
            if report.section(&s.key).is_none() {
                let args = Args::new().set("heading", s.heading.clone());
                self.push(
                    rule,
                    ri,
                    None,
                    Vec::new(),
                    Some(s.heading.clone()),
                    None,
                    args,
                );
            }
        }
    }

    pub(super) fn section_count(&mut self, rule: &Rule, ri: usize) {
        let report = self.cur.report;
        let present = report
            .sections
            .iter()
            .filter(|s| s.key != "preamble")
            .count();
        let Some(first) = report.sections.first() else {
            return;
        };
        // Announced in the first 600 characters.
        let within = first
            .text
            .char_indices()
            .nth(600)
            .map_or(first.text.len(), |(i, _)| i);
        if !first.text[..within].contains("部分") {
            return;
        }
        let Some((n, quote)) = announced_parts(&first.text) else {
            return;
        };
        if present == 0 || n == present as i64 {
            return;
        }
        self.push_quoted(rule, ri, quote, present.to_string(), n.to_string());
    }

    pub(super) fn mentions_text(
        &mut self,
        rule: &Rule,
        ri: usize,
        any: &[String],
        sections: &[String],
        when_kind: Option<BodyKind>,
    ) {
        let report = self.cur.report;
        if report.sections.is_empty() || when_kind.is_some_and(|k| report.meta.kind != Some(k)) {
            return;
        }
        let scope: Vec<&str> = self
            .prose()
            .filter(|(k, _)| sections.is_empty() || sections.iter().any(|s| s == k))
            .map(|(_, t)| t)
            .collect();
        if scope.is_empty() {
            return; // The section itself is missing: the sections rule says so.
        }
        if scope
            .iter()
            .any(|t| any.iter().any(|w| t.contains(w.as_str())))
        {
            return;
        }
        let args = Args::new().set("words", any.join(" / "));
        self.push(rule, ri, None, Vec::new(), None, None, args);
    }

    pub(super) fn period(&mut self, rule: &Rule, ri: usize) {
        let Some(year) = self.cur.report.meta.year else {
            return;
        };
        let stated = self.prose().find_map(|(_, printed)| {
            let text = simplify(printed);
            ["统计期限", "统计时限", "统计期间", "统计时间"]
                .iter()
                .find_map(|key| {
                    let i = text.find(key)?;
                    let rest: String = text[i..].chars().take(40).collect();
                    let y = crate::parse::year_in(&rest)?;
                    // The clause as printed (a 繁體 report's own characters),
                    // to the end of its sentence.
                    let at = printed_offset(printed, &text, i);
                    let start = start_of(printed, at, CLAUSE_MARKS);
                    let end = end_of(printed, at, SENTENCE_MARKS);
                    let keep = printed_offset(printed, &text, i + rest.len()) - start;
                    Some((y, excerpt(&printed[start..end], keep, QUOTE_MAX)))
                })
        });
        if let Some((y, quote)) = stated.filter(|(y, _)| *y != year) {
            self.push_quoted(rule, ri, quote, year.to_string(), y.to_string());
        }
    }

    pub(super) fn deadline(
        &mut self,
        rule: &Rule,
        ri: usize,
        deadlines: &std::collections::BTreeMap<String, String>,
    ) {
        let meta = &self.cur.report.meta;
        let (Some(year), Some(published)) = (meta.year, meta.published.as_deref()) else {
            return;
        };
        let key = match meta.kind {
            Some(BodyKind::Government) => "government",
            Some(BodyKind::Department) => "department",
            None => "default",
        };
        let Some(md) = deadlines.get(key).or_else(|| deadlines.get("default")) else {
            return;
        };
        let due = format!("{}-{md}", year + 1);
        // ISO dates compare as text.
        if published.len() == 10 && published > due.as_str() {
            let who = match (meta.kind, self.lang) {
                (Some(BodyKind::Government), Lang::ZhCn) => "政府",
                (Some(BodyKind::Department), Lang::ZhCn) => "部门",
                (_, Lang::ZhCn) => "",
                (Some(BodyKind::Government), Lang::En) => "a government's ",
                (Some(BodyKind::Department), Lang::En) => "a department's ",
                (None, Lang::En) => "the ",
            };
            let args = Args::new()
                .set("actual", published.to_string())
                .set("expected", due.clone())
                .set("who", who);
            self.push(
                rule,
                ri,
                None,
                Vec::new(),
                Some(due),
                Some(published.to_string()),
                args,
            );
        }
    }

    /// "共公布政府信息2602条（其中机构职能类信息82条，……其他1053条）".
    pub(super) fn breakdown(&mut self, rule: &Rule, ri: usize) {
        let mut hits = Vec::new();
        for (_, text) in self.prose() {
            let mut at = 0;
            while let Some(p) = text[at..].find("其中") {
                let i = at + p;
                at = i + "其中".len();
                let before = &text[..i];
                let Some(open) = before
                    .strip_suffix('（')
                    .or_else(|| before.strip_suffix('('))
                else {
                    continue;
                };
                let open = open.trim_end_matches(['，', ',', '：', ':', ' ']);
                let head: String = open
                    .chars()
                    .rev()
                    .take(16)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let Some(total) = counts(&head)
                    .pop()
                    .filter(|_| head.ends_with(crate::narrative::COUNT_UNITS))
                else {
                    continue;
                };
                let close = text[at..].find(['）', ')']).map_or(text.len(), |q| at + q);
                let inside = &text[at..close];
                let parts: Vec<Num> = counts(inside)
                    .into_iter()
                    .filter(|s| s.unit == total.unit)
                    .map(|s| s.value)
                    .collect();
                if parts.len() < 2 {
                    continue;
                }
                let sum = parts.iter().fold(Num::ZERO, |a, &b| a.add_weighted(b, 1));
                if sum > total.value || (sum < total.value && inside.contains("其他")) {
                    // As printed: the clause stating the total, its bracket
                    // with 其中, to the closing bracket (or the sentence's end).
                    let start = start_of(text, open.len(), CLAUSE_MARKS);
                    let end = match text[close..].chars().next() {
                        Some(c @ ('）' | ')')) => close + c.len_utf8(),
                        _ => end_of(text, at, SENTENCE_MARKS),
                    };
                    let quote = excerpt(&text[start..end], at - start, QUOTE_MAX);
                    hits.push((total.value, sum, quote));
                }
            }
        }
        for (total, sum, quote) in hits {
            self.push_quoted(rule, ri, quote, sum.to_string(), total.to_string());
        }
    }
}
