//! Check digits: the Luhn formula over SIREN and SIRET, La Poste's digit-sum rule, and the SWAR
//! fast path that validates a 14-byte SIRET in a few nanoseconds.
//!
//! Everything here works on ASCII bytes and never allocates. The fast path reads the 14 bytes as
//! two overlapping little-endian `u64` words (bytes 0..8 and 6..14) and does the digit check, the
//! two Luhn sums and the digit sum with a handful of word operations (spec §5: "Rust SWAR").

/// The La Poste SIREN (`356000000`): its SIRETs may follow the digit-sum rule instead of Luhn.
pub(crate) const LA_POSTE: [u8; 9] = *b"356000000";

const ONES: u64 = 0x0101_0101_0101_0101;
const ZEROS: u64 = 0x3030_3030_3030_3030; // eight ASCII '0'

/// What the fast check of a SIRET found. The order of the checks is the order of the variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// 14 digits, SIREN key ok, and SIRET key ok (or La Poste digit sum ok).
    Valid,
    /// A byte is not an ASCII digit.
    NotDigits,
    /// The SIREN key (digit 9) is wrong; `expected` is the right one.
    SirenKey { expected: u8 },
    /// The SIRET key (digit 14) is wrong, and this is not La Poste.
    SiretKey { expected: u8 },
    /// La Poste, and neither Luhn nor the digit-sum rule holds; `expected` is the smallest key
    /// making the digit sum a multiple of 5.
    LaPosteKey { expected: u8 },
}

/// True when every byte of `w` is an ASCII digit (`0x30..=0x39`).
#[inline(always)]
fn all_digits(w: u64) -> bool {
    // The high nibble of every byte is 3, and adding 6 does not carry out of 0x3F (so the low
    // nibble is at most 9). When the first test holds no byte can carry into its neighbour.
    (w & 0xF0F0_F0F0_F0F0_F0F0) == ZEROS
        && (w.wrapping_add(0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) == ZEROS
}

/// Every byte (a digit value 0..=9) doubled with the Luhn rule: `2d`, minus 9 when `d >= 5`.
#[inline(always)]
fn luhn_double(v: u64) -> u64 {
    // d + 0x7B has its high bit set exactly when d >= 5; no byte overflows (0x84 at most).
    let ge5 = (v.wrapping_add(0x7B7B_7B7B_7B7B_7B7B) >> 7) & ONES;
    (v << 1).wrapping_sub(ge5.wrapping_mul(9))
}

/// The sum of the eight bytes of `w` (at most 8 × 9 = 72, so no byte of the product overflows).
#[inline(always)]
fn hsum(w: u64) -> u32 {
    // The top byte of w × 0x0101… is the sum of all bytes.
    (w.wrapping_mul(ONES) >> 56) as u32
}

/// Loads the two overlapping words of a 14-byte SIRET.
#[inline(always)]
fn words(b: &[u8; 14]) -> (u64, u64) {
    let lo = b.first_chunk::<8>().map_or(0, |c| u64::from_le_bytes(*c));
    let hi = b.last_chunk::<8>().map_or(0, |c| u64::from_le_bytes(*c));
    (lo, hi)
}

/// Checks a SIRET given as 14 bytes with INSEE's rule (spec §1): 14 ASCII digits, SIREN key over
/// digits 1–9, and either the Luhn key over all 14 or, for SIREN 356000000 only, a digit sum that
/// is a multiple of 5.
#[inline(always)]
pub(crate) fn check_siret(b: &[u8; 14]) -> Verdict {
    let (lo, hi) = words(b);
    if !(all_digits(lo) && all_digits(hi)) {
        return Verdict::NotDigits;
    }
    let (vlo, vhi) = (lo.wrapping_sub(ZEROS), hi.wrapping_sub(ZEROS));
    let (dlo, dhi) = (luhn_double(vlo), luhn_double(vhi));
    // Byte k of `lo` is digit k; byte k of `hi` is digit k + 6 (digits 6 and 7 appear twice).
    // SIREN (9 digits, from the right): digits 1, 3, 5, 7 doubled; 0, 2, 4, 6, 8 plain.
    let siren = hsum((dlo & 0xFF00_FF00_FF00_FF00) | (vlo & 0x00FF_00FF_00FF_00FF))
        + ((vhi >> 16) & 0xFF) as u32;
    if siren % 10 != 0 {
        // The key is not doubled: replacing it by `expected` makes the sum a multiple of 10.
        let found = ((vhi >> 16) & 0xFF) as u32;
        return Verdict::SirenKey {
            expected: ((found + 10 - siren % 10) % 10) as u8,
        };
    }
    // SIRET (14 digits, from the right): even digits doubled, odd digits plain.
    let siret = hsum((dlo & 0x00FF_00FF_00FF_00FF) | (vlo & 0xFF00_FF00_FF00_FF00))
        + hsum((dhi & 0x00FF_00FF_00FF_0000) | (vhi & 0xFF00_FF00_FF00_0000));
    if siret % 10 == 0 {
        return Verdict::Valid;
    }
    let found = (vhi >> 56) as u32;
    if is_la_poste(b) {
        let sum = hsum(vlo) + hsum(vhi & 0xFFFF_FFFF_FFFF_0000);
        if sum % 5 == 0 {
            Verdict::Valid
        } else {
            Verdict::LaPosteKey {
                expected: ((found + 5 - sum % 5) % 5) as u8,
            }
        }
    } else {
        Verdict::SiretKey {
            expected: ((found + 10 - siret % 10) % 10) as u8,
        }
    }
}

/// True when the first nine bytes are La Poste's SIREN.
#[inline(always)]
pub(crate) fn is_la_poste(b: &[u8; 14]) -> bool {
    b.first_chunk::<9>() == Some(&LA_POSTE)
}

/// True when the first nine bytes are `000000000` (the placeholder SIREN).
#[inline(always)]
pub(crate) fn is_placeholder(b: &[u8]) -> bool {
    b.first_chunk::<9>() == Some(b"000000000")
}

/// The sum of the 14 digit values (ASCII digits assumed).
pub(crate) fn digit_sum(b: &[u8; 14]) -> u32 {
    b.iter().map(|&c| u32::from(c.wrapping_sub(b'0'))).sum()
}

/// The Luhn sum of ASCII digits, the rightmost digit not doubled.
pub(crate) fn luhn_sum(digits: &[u8]) -> u32 {
    digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &c)| {
            let d = u32::from(c.wrapping_sub(b'0'));
            if i % 2 == 1 {
                if d >= 5 { 2 * d - 9 } else { 2 * d }
            } else {
                d
            }
        })
        .sum()
}

/// The check digit (0..=9) that makes `digits` Luhn-valid, computed over every digit but the
/// last (whose value is ignored).
pub(crate) fn luhn_key(digits: &[u8]) -> u8 {
    let Some((_, body)) = digits.split_last() else {
        return 0;
    };
    // With the key at position 0 (not doubled), the body's digits are doubled from its right end:
    // that is the Luhn sum of `body` followed by a 0.
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &c)| {
            let d = u32::from(c.wrapping_sub(b'0'));
            if i % 2 == 0 {
                if d >= 5 { 2 * d - 9 } else { 2 * d }
            } else {
                d
            }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// True when the nine ASCII digits pass Luhn.
#[inline]
pub(crate) fn siren_ok(b: &[u8; 9]) -> bool {
    luhn_sum(b) % 10 == 0
}

/// The smallest check digit (0..=4) that makes a La Poste digit sum a multiple of 5 (the digit
/// plus 5 works too), computed over every digit but the last.
pub(crate) fn la_poste_key(b: &[u8; 14]) -> u8 {
    let last = u32::from(b.last().map_or(0, |c| c.wrapping_sub(b'0')));
    let body = digit_sum(b) - last;
    ((5 - body % 5) % 5) as u8
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    /// The naive rule, written as plainly as possible, to check the SWAR core against.
    fn naive(b: &[u8; 14]) -> Verdict {
        if !b.iter().all(u8::is_ascii_digit) {
            return Verdict::NotDigits;
        }
        if luhn_sum(&b[..9]) % 10 != 0 {
            return Verdict::SirenKey {
                expected: luhn_key(&b[..9]),
            };
        }
        if luhn_sum(b) % 10 == 0 {
            return Verdict::Valid;
        }
        if b[..9] == LA_POSTE[..] {
            return if digit_sum(b) % 5 == 0 {
                Verdict::Valid
            } else {
                Verdict::LaPosteKey {
                    expected: la_poste_key(b),
                }
            };
        }
        Verdict::SiretKey {
            expected: luhn_key(b),
        }
    }

    #[test]
    fn swar_agrees_with_naive_on_known_values() {
        for s in [
            b"73282932000074",
            b"73282932000075",
            b"11122233344455",
            b"35600000009075",
            b"35600000049838",
            b"35600000000048",
            b"35600000000014",
            b"00000000000000",
            b"7328293200007A",
            b"7328293200/074",
            b"99999999999999",
        ] {
            assert_eq!(
                check_siret(s),
                naive(s),
                "{}",
                std::str::from_utf8(s).unwrap()
            );
        }
    }

    #[test]
    fn swar_agrees_with_naive_on_every_byte_at_every_position() {
        let base = *b"73282932000074";
        for pos in 0..14 {
            for byte in 0..=255u8 {
                let mut b = base;
                b[pos] = byte;
                assert_eq!(check_siret(&b), naive(&b), "pos {pos} byte {byte}");
            }
        }
    }

    #[test]
    fn la_poste_prefix_space_matches_spec_counts() {
        // Spec §1: of the 100,000 `356000000xxxxx` strings, 2,000 pass both rules, 8,000 only
        // Luhn and 18,000 only the digit sum: INSEE's rule accepts 28,000.
        let mut valid = 0;
        for n in 0..100_000u32 {
            let s = format!("356000000{n:05}");
            let b: [u8; 14] = s.as_bytes().try_into().unwrap();
            if check_siret(&b) == Verdict::Valid {
                valid += 1;
            }
        }
        assert_eq!(valid, 28_000);
    }

    #[test]
    fn keys() {
        assert_eq!(luhn_key(b"732829320"), 0);
        assert_eq!(luhn_key(b"73282932000070"), 4);
        assert_eq!(luhn_key(b"417625630"), 9);
        let lp = *b"35600000009070";
        assert_eq!(la_poste_key(&lp), 0); // 3+5+6+9+7 = 30
        let lp = *b"35600000014590";
        assert_eq!(la_poste_key(&lp), 2); // 35600000014597: 7 or 2
    }
}
