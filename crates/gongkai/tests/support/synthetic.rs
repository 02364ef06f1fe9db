//! Synthetic collections for the across tests and bench: reports whose
//! texts are drawn from the sentences of the real corpus, with planted copies.

use gongkai::{Meta, Registry, Report, Section};

/// A small deterministic generator (SplitMix64): no dependency, same
/// sequence everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Every distinct sentence (split at 。) of the corpus narratives, 15+ chars.
pub fn corpus_sentences() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("../shared/corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "html"))
        .collect();
    files.sort();
    let mut out: Vec<String> = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let Ok(r) = Registry::builtin().parse(&text) else {
            continue;
        };
        for s in &r.sections {
            for sentence in s.text.split('。') {
                let t = sentence.trim();
                if t.chars().count() >= 15 && !out.iter().any(|o| o == t) {
                    out.push(t.to_string());
                }
            }
        }
    }
    out
}

pub fn report(body: &str, year: i32, text: String) -> Report {
    Report {
        meta: Meta {
            body: Some(body.to_string()),
            year: Some(year),
            ..Meta::default()
        },
        sections: vec![Section {
            key: "text".into(),
            heading: String::new(),
            text,
        }],
        ..Report::default()
    }
}

/// A corpus sentence as another body would write it: two characters
/// replaced by random ones (its own names and places), so that a collection
/// has what real ones have — shared phrasing, and text of each body's own.
fn variant(sentence: &str, rng: &mut Rng) -> String {
    let mut cs: Vec<char> = sentence.chars().collect();
    for _ in 0..2 {
        let at = rng.below(cs.len());
        cs[at] = char::from_u32(0x4E00 + rng.below(20_000) as u32).unwrap_or('字');
    }
    cs.into_iter().collect()
}

/// `n` reports of distinct bodies, each 40 random corpus sentences (as
/// variants); then `planted` copies: report `n + k` is report `k * 7 % n`'s text with its
/// numbers changed and two sentences replaced. Returns the reports and the
/// planted (copy, original) pairs.
pub fn collection(n: usize, planted: usize, seed: u64) -> (Vec<Report>, Vec<(usize, usize)>) {
    let pool = corpus_sentences();
    let mut rng = Rng::new(seed);
    let mut texts: Vec<Vec<String>> = (0..n)
        .map(|_| {
            (0..40)
                .map(|_| {
                    let s = pool[rng.below(pool.len())].clone();
                    variant(&s, &mut rng)
                })
                .collect()
        })
        .collect();
    let mut pairs = Vec::new();
    for k in 0..planted {
        let original = k * 7 % n;
        let mut copy: Vec<String> = texts[original]
            .iter()
            .map(|s| {
                s.chars()
                    .map(|c| if c.is_ascii_digit() { '9' } else { c })
                    .collect()
            })
            .collect();
        for _ in 0..2 {
            let at = rng.below(copy.len());
            let s = pool[rng.below(pool.len())].clone();
            copy[at] = variant(&s, &mut rng);
        }
        pairs.push((texts.len(), original));
        texts.push(copy);
    }
    let reports = texts
        .into_iter()
        .enumerate()
        .map(|(i, t)| report(&format!("合成第{i}号机关"), 2024, t.join("。")))
        .collect();
    (reports, pairs)
}
