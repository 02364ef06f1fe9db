//! Numbers as reports print them: counts, money, signed deltas, zero tokens.
//!
//! Values are fixed-point (`SCALE` = 10⁶) so that money sums are exact and the
//! same on every target; floats never enter the arithmetic.

use std::fmt;

/// Fixed-point scale: six decimal places.
const SCALE: i64 = 1_000_000;
const SCALE_DIGITS: usize = 6;

/// An exact decimal number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Num(i64);

impl Num {
    pub const ZERO: Num = Num(0);

    pub fn from_int(n: i64) -> Num {
        Num(n.saturating_mul(SCALE))
    }

    pub fn is_integer(self) -> bool {
        self.0 % SCALE == 0
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// `self + weight * other`, saturating: absurd inputs must not panic.
    pub fn add_weighted(self, other: Num, weight: i32) -> Num {
        Num(self.0.saturating_add(other.0.saturating_mul(weight as i64)))
    }

    /// The value as an `i64` when it is an integer that fits.
    pub fn as_i64(self) -> Option<i64> {
        if self.is_integer() {
            Some(self.0 / SCALE)
        } else {
            None
        }
    }

    /// Parses a plain ASCII decimal: optional sign, digits, optional fraction.
    pub fn parse_plain(s: &str) -> Option<Num> {
        let (neg, body) = match s.as_bytes().first()? {
            b'-' => (true, &s[1..]),
            b'+' => (false, &s[1..]),
            _ => (false, s),
        };
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if body.ends_with('.') || frac.len() > SCALE_DIGITS || int.len() > 19 {
            return None;
        }
        let mut v: i64 = 0;
        for b in int.bytes() {
            v = v.checked_mul(10)?.checked_add((b - b'0') as i64)?;
        }
        v = v.checked_mul(SCALE)?;
        let mut f: i64 = 0;
        for (i, b) in frac.bytes().enumerate() {
            f += (b - b'0') as i64 * 10i64.pow((SCALE_DIGITS - 1 - i) as u32);
        }
        v = v.checked_add(f)?;
        Some(Num(if neg { -v } else { v }))
    }
}

impl fmt::Display for Num {
    /// The shortest exact decimal: `27`, `18651.06`, `-3`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let neg = self.0 < 0;
        let abs = self.0.unsigned_abs();
        let int = abs / SCALE as u64;
        let frac = abs % SCALE as u64;
        if neg {
            f.write_str("-")?;
        }
        write!(f, "{int}")?;
        if frac != 0 {
            let digits = format!("{frac:0width$}", width = SCALE_DIGITS);
            write!(f, ".{}", digits.trim_end_matches('0'))?;
        }
        Ok(())
    }
}

/// What a printed token means once normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// Nothing printed: the cell is present but blank.
    Blank,
    /// A number; `zero_token` when it was printed as 无, —, / …; `unit` when
    /// the cell itself carried one (`251000元`).
    Number {
        value: Num,
        zero_token: bool,
        unit: Option<&'static str>,
    },
    /// Not a number of any kind.
    Text,
}

/// Tokens that print a zero.
pub const ZERO_TOKENS: &[&str] = &[
    "无", "無", "－", "—", "――", "——", "―", "/", "／", "-", "--", "–", "−", "零",
];

/// Normalises full-width digits and signs, drops spaces, NBSP and thousands
/// separators, so that `１，２３４` and `1,234` read alike.
pub fn normalize_numeric(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '＋' => '+',
            '﹣' | '−' => '-',
            c => c,
        };
        if c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}' {
            continue;
        }
        out.push(c);
    }
    // Thousands separators: a comma between digit groups of three.
    if out.contains([',', '，']) {
        let mut cleaned = String::with_capacity(out.len());
        let cs: Vec<char> = out.chars().collect();
        for (i, &c) in cs.iter().enumerate() {
            if matches!(c, ',' | '，') {
                let before = i > 0 && cs[i - 1].is_ascii_digit();
                let after = cs.len() >= i + 4
                    && cs[i + 1..i + 4].iter().all(|d| d.is_ascii_digit())
                    && cs.get(i + 4).is_none_or(|d| !d.is_ascii_digit());
                if before && after {
                    continue;
                }
            }
            cleaned.push(c);
        }
        out = cleaned;
    }
    out
}

/// Reads one printed cell token.
pub fn read_token(raw: &str) -> Token {
    let s = normalize_numeric(raw);
    if s.is_empty() {
        return Token::Blank;
    }
    if ZERO_TOKENS.contains(&s.as_str()) {
        return Token::Number {
            value: Num::ZERO,
            zero_token: true,
            unit: None,
        };
    }
    let (body, unit) = if let Some(b) = s.strip_suffix("万元") {
        (b, Some("万元"))
    } else if let Some(b) = s.strip_suffix('元') {
        (b, Some("元"))
    } else {
        (s.as_str(), None)
    };
    let (body, sign): (&str, i32) = if let Some(b) = body
        .strip_prefix("减少")
        .or_else(|| body.strip_prefix('减'))
    {
        (b, -1)
    } else if let Some(b) = body
        .strip_prefix("增加")
        .or_else(|| body.strip_prefix('增'))
    {
        (b, 1)
    } else {
        (body, 1)
    };
    match Num::parse_plain(body) {
        Some(v) if sign == 1 || !body.starts_with(['+', '-']) => Token::Number {
            value: Num::ZERO.add_weighted(v, sign),
            zero_token: false,
            unit,
        },
        _ => Token::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Num {
        match read_token(s) {
            Token::Number { value, .. } => value,
            t => panic!("{s:?} read as {t:?}"),
        }
    }

    #[test]
    fn reads_printed_forms() {
        assert_eq!(num("217").to_string(), "217");
        assert_eq!(num("１２３").to_string(), "123");
        assert_eq!(num("1,234").to_string(), "1234");
        assert_eq!(num("1，234，567").to_string(), "1234567");
        assert_eq!(num("18651.06").to_string(), "18651.06");
        assert_eq!(num("+1036").to_string(), "1036");
        assert_eq!(num("-3").to_string(), "-3");
        assert_eq!(num("减少3").to_string(), "-3");
        assert_eq!(num("增加12").to_string(), "12");
        assert_eq!(num(" 4846\u{a0}").to_string(), "4846");
        assert_eq!(num("1802895.90元").to_string(), "1802895.9");
        for z in ["无", "—", "/", "／", "－", "0", "――"] {
            assert!(
                matches!(
                    read_token(z),
                    Token::Number {
                        value: Num::ZERO,
                        ..
                    }
                ),
                "{z}"
            );
        }
    }

    #[test]
    fn keeps_non_numbers_as_text() {
        for t in [
            "abc",
            "1.2.3",
            "12a",
            "减少-3",
            "1,23",
            ".",
            "+",
            "1e5",
            "99999999999999999999999999999",
        ] {
            assert_eq!(read_token(t), Token::Text, "{t}");
        }
        assert_eq!(read_token("  "), Token::Blank);
    }

    #[test]
    fn units_are_reported() {
        assert!(matches!(
            read_token("251000元"),
            Token::Number {
                unit: Some("元"),
                ..
            }
        ));
        assert!(matches!(
            read_token("3.5万元"),
            Token::Number {
                unit: Some("万元"),
                ..
            }
        ));
    }

    #[test]
    fn saturates_instead_of_overflowing() {
        let big = Num::parse_plain("999999999999").unwrap();
        let s = big.add_weighted(big, 1000).add_weighted(big, 1000);
        assert!(s > big);
    }
}
