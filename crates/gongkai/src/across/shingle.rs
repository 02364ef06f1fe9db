//! Text fingerprints for near-duplicate detection: the narrative reduced to
//! its letters (simplified characters; no digits, punctuation or spaces, so
//! a copy with this year's numbers still matches), cut into overlapping
//! k-character shingles, each hashed.

use crate::parse::normalize::simplify;

/// Shingle length in characters: long enough that shared shingles mean
/// shared phrasing, short enough to survive small edits.
pub const K: usize = 8;

/// Texts shorter than this (in letters) are not compared: a few shared
/// set phrases are not a copy.
pub const MIN_LETTERS: usize = 200;

/// A text's letters with their offsets in the original (in chars).
#[derive(Debug, Clone, Default)]
pub struct Letters {
    pub chars: Vec<char>,
    pub offsets: Vec<usize>,
}

pub fn letters(text: &str) -> Letters {
    let simple: Vec<char> = simplify(text).chars().collect();
    let original: Vec<char> = text.chars().collect();
    // simplify maps char for char; if it ever did not, fall back to the original.
    let source = if simple.len() == original.len() {
        simple
    } else {
        original
    };
    let mut out = Letters::default();
    for (i, c) in source.into_iter().enumerate() {
        if c.is_alphabetic() {
            out.chars.push(c);
            out.offsets.push(i);
        }
    }
    out
}

/// FNV-1a, 64 bit: deterministic on every platform and toolchain, so the
/// browser, Python and the CLI find the same pairs.
fn fnv(chars: &[char]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in chars {
        for b in (*c as u32).to_le_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    // Final mix, so that bottom-k sketches sample shingles uniformly.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// The hash of the shingle starting at each letter (none for texts shorter than K).
pub fn hashes(l: &Letters) -> Vec<u64> {
    if l.chars.len() < K {
        return Vec::new();
    }
    l.chars.windows(K).map(fnv).collect()
}

/// A text's fingerprint: its sorted, distinct shingle hashes.
#[derive(Debug, Clone, Default)]
pub struct Print {
    pub letters: Letters,
    /// Shingle hash at each letter position.
    pub at: Vec<u64>,
    /// Sorted, distinct.
    pub set: Vec<u64>,
}

impl Print {
    pub fn of(text: &str) -> Print {
        let letters = letters(text);
        let at = hashes(&letters);
        let mut set = at.clone();
        set.sort_unstable();
        set.dedup();
        Print { letters, at, set }
    }

    /// Whether the text is long enough to compare.
    pub fn comparable(&self) -> bool {
        self.letters.chars.len() >= MIN_LETTERS
    }

    /// The `k` smallest shingle hashes (a bottom-k sketch).
    pub fn sketch(&self, k: usize) -> &[u64] {
        &self.set[..self.set.len().min(k)]
    }
}

/// How many shingles two fingerprints share.
fn common(a: &Print, b: &Print) -> usize {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.set.len() && j < b.set.len() {
        match a.set[i].cmp(&b.set[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    both
}

/// The share of `a`'s text found in `b` (its shingles that `b` has): the
/// 重复率 evaluators quote, from `a`'s side.
pub fn contained(a: &Print, b: &Print) -> f64 {
    if a.set.is_empty() {
        0.0
    } else {
        common(a, b) as f64 / a.set.len() as f64
    }
}

/// The longest passages of `a`'s text that `b` also has, longest first, as
/// `a`'s original text (at most `n`, each at most `max_chars`).
pub fn shared_passages(
    a: &Print,
    a_text: &str,
    b: &Print,
    n: usize,
    max_chars: usize,
) -> Vec<String> {
    let mut runs: Vec<(usize, usize)> = Vec::new(); // [start, end) in letters
    let mut start: Option<usize> = None;
    for (i, h) in a.at.iter().enumerate() {
        let shared = b.set.binary_search(h).is_ok();
        match (shared, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push((s, i - 1 + K));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push((s, a.at.len() - 1 + K));
    }
    runs.sort_by(|x, y| (y.1 - y.0).cmp(&(x.1 - x.0)).then(x.0.cmp(&y.0)));
    let original: Vec<char> = a_text.chars().collect();
    runs.into_iter()
        .take(n)
        .filter_map(|(s, e)| {
            let from = *a.letters.offsets.get(s)?;
            let to = *a.letters.offsets.get(e - 1)? + 1;
            let text: String = original.get(from..to)?.iter().collect();
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            Some(if text.chars().count() > max_chars {
                let cut: String = text.chars().take(max_chars).collect();
                format!("{cut}…")
            } else {
                text
            })
        })
        .collect()
}

/// A percentage for messages: `93%`.
pub fn percent(x: f64) -> String {
    format!("{:.0}%", (x * 100.0).floor())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_punctuation_do_not_count() {
        let a = Print::of("本机关2023年共收到申请12件，全部按时答复。");
        let b = Print::of("本机关 2024 年共收到申请 30 件；全部按时答复！");
        assert_eq!(a.set, b.set);
        assert!((contained(&a, &b) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn passages_are_quoted_from_the_original() {
        let shared = "坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开";
        let a_text = format!("甲乙丙丁戊己庚辛壬癸子丑寅卯。{shared}。天地玄黄宇宙洪荒");
        let b_text = format!("日月盈昃辰宿列张寒来暑往秋收冬藏。{shared}。");
        let (a, b) = (Print::of(&a_text), Print::of(&b_text));
        let p = shared_passages(&a, &a_text, &b, 3, 200);
        assert_eq!(p[0], shared);
    }
}
