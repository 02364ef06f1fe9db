//! Near-duplicate texts across a collection of reports: every report's
//! narrative is fingerprinted (8-character shingles), a bottom-k sketch of
//! each is indexed, and only pairs that share sketch values are compared in
//! full — so 10,000 reports take seconds, not the hours of all pairs.

use std::collections::HashMap;

use super::series::near_copy;
use super::shingle::{contained, shared_passages, Print};
use super::{body_key, narrative};
use crate::finding::{Finding, Lang};
use crate::model::Report;
use crate::registry::Registry;

/// Sketch size: the k smallest shingle hashes of each text.
const SKETCH: usize = 64;
/// Sketch values this common (boilerplate every report shares) make no candidates.
const MAX_POSTING: usize = 256;

/// How to search a collection.
#[derive(Debug, Clone)]
pub struct SimilarOptions {
    pub lang: Lang,
    /// Report pairs from this similarity up: the share of one report's
    /// text (its 8-character shingles) found in the other's.
    pub threshold: f64,
    /// Only pairs of different bodies (the default); otherwise a body's own
    /// years are compared too.
    pub different_bodies: bool,
}

impl Default for SimilarOptions {
    fn default() -> Self {
        SimilarOptions {
            lang: Lang::ZhCn,
            threshold: 0.9,
            different_bodies: true,
        }
    }
}

/// Two reports whose texts are near-duplicates.
#[derive(Debug, Clone, PartialEq)]
pub struct SimilarPair {
    /// Positions in the input: `a` is the report more of whose text is in
    /// the other (the likely copy), `b` the other.
    pub a: usize,
    pub b: usize,
    /// The share of `a`'s text found in `b`'s, 0–1.
    pub similarity: f64,
    /// The longest passages they share (from `a`'s text), longest first.
    pub passages: Vec<String>,
    /// C-1, as a finding about `a`.
    pub finding: Finding,
}

/// Whether two texts may reach the threshold, from their sketches alone:
/// the bottom-k of their union estimates their Jaccard similarity, which a
/// share of `threshold` one way or the other bounds from below. The margin
/// keeps estimation error from losing a pair; the full comparison decides.
fn may_reach(a: &Print, b: &Print, threshold: f64) -> bool {
    let (sa, sb) = (a.sketch(SKETCH), b.sketch(SKETCH));
    let (Some(&ta), Some(&tb)) = (sa.last(), sb.last()) else {
        return false;
    };
    let limit = ta.min(tb);
    let (mut i, mut j, mut union, mut both) = (0, 0, 0usize, 0usize);
    while i < sa.len() && j < sb.len() && (sa[i] <= limit || sb[j] <= limit) {
        union += 1;
        match sa[i].cmp(&sb[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    if union == 0 {
        return false;
    }
    let estimate = both as f64 / union as f64;
    let (na, nb) = (a.set.len() as f64, b.set.len() as f64);
    // Jaccard when a share `threshold` of the smaller text is in the larger.
    let (small, large) = (na.min(nb), na.max(nb));
    let floor = threshold * small / (small + large - threshold * small);
    estimate >= floor - 0.2
}

impl Registry {
    /// Finds the pairs of reports whose narratives are near-duplicates,
    /// in the order of their first report in the input, then the second.
    pub fn similar(&self, reports: &[Report], options: &SimilarOptions) -> Vec<SimilarPair> {
        let prints: Vec<Option<Print>> = reports
            .iter()
            .map(|r| {
                let p = Print::of(&narrative(r));
                p.comparable().then_some(p)
            })
            .collect();
        let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
        for (i, p) in prints.iter().enumerate() {
            if let Some(p) = p {
                for &h in p.sketch(SKETCH) {
                    postings.entry(h).or_default().push(i as u32);
                }
            }
        }
        let mut shared: HashMap<(u32, u32), u32> = HashMap::new();
        for list in postings
            .values()
            .filter(|l| l.len() > 1 && l.len() <= MAX_POSTING)
        {
            for (x, &a) in list.iter().enumerate() {
                for &b in &list[x + 1..] {
                    *shared.entry((a, b)).or_default() += 1;
                }
            }
        }
        let keys: Vec<Option<String>> = reports.iter().map(body_key).collect();
        let mut candidates: Vec<(u32, u32)> = shared
            .into_iter()
            .filter(|&(_, n)| n >= 3)
            .map(|(k, _)| k)
            .collect();
        candidates.sort_unstable();
        let mut out = Vec::new();
        for (a, b) in candidates {
            let (a, b) = (a as usize, b as usize);
            if options.different_bodies && keys[a].is_some() && keys[a] == keys[b] {
                continue;
            }
            let (Some(pa), Some(pb)) = (&prints[a], &prints[b]) else {
                continue;
            };
            if !may_reach(pa, pb, options.threshold) {
                continue;
            }
            // The finding is about the one more of whose text is in the other.
            let (a, b, pa, pb) = if contained(pa, pb) >= contained(pb, pa) {
                (a, b, pa, pb)
            } else {
                (b, a, pb, pa)
            };
            let Some(f) = near_copy(
                self,
                &reports[a],
                pa,
                &reports[b],
                pb,
                false,
                options.threshold,
                options.lang,
            ) else {
                continue;
            };
            out.push(SimilarPair {
                a,
                b,
                similarity: contained(pa, pb),
                passages: shared_passages(pa, &narrative(&reports[a]), pb, 3, 120),
                finding: f,
            });
        }
        out
    }
}
