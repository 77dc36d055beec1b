//! Input normalisation: from what people type or paste to the bare digits.
//!
//! Lenient mode (the default, spec §7.4):
//! * white space (any Unicode `White_Space`) is trimmed at both ends;
//! * inside, only space, no-break space (U+00A0), narrow no-break space (U+202F), `.` and `-`
//!   separate digits, in runs of any length (`2 00 03 00 13 000 11` is a real pasted value);
//! * a `.` or `-` must stand between two digits (`-732…` and `…074.` are refused: the npm `siret`
//!   package accepted `"-00000003"`);
//! * anything else is refused with the character and its index, including tabs inside the value,
//!   `/`, the Unicode hyphens and every non-ASCII digit (fullwidth, Arabic-Indic: python-stdnum and
//!   stdnum-js map those silently).
//!
//! Strict mode accepts the bare ASCII digits only, nothing around or between them.

use super::error::{IdentifierKind, LengthHint, SiretError};
use super::luhn;

/// How much an input may deviate from the bare digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Trim white space, accept the separators listed in the module docs.
    Lenient,
    /// Bare ASCII digits only.
    Strict,
}

/// The digits found in an input: the first 14 stored, all of them counted.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Digits {
    pub(crate) buf: [u8; 14],
    pub(crate) count: usize,
}

impl Digits {
    /// The digits stored (at most 14).
    pub(crate) fn stored(&self) -> &[u8] {
        self.buf.get(..self.count.min(14)).unwrap_or(&[])
    }

    /// The first `N` digits, when exactly `N` were found.
    pub(crate) fn exact<const N: usize>(&self) -> Option<[u8; N]> {
        if self.count != N {
            return None;
        }
        self.buf.first_chunk::<N>().copied()
    }
}

fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '.' | '-')
}

/// The fast path of the lenient rules for plain ASCII input: exactly `N` digits, ASCII white
/// space around them, runs of ` `, `.` and `-` between them. `None` for anything else (which the
/// full parser then accepts or explains): this function only says yes when [`digits`] would
/// give the same digits.
#[inline]
pub(crate) fn compact_ascii<const N: usize>(input: &[u8]) -> Option<[u8; N]> {
    let body = input.trim_ascii();
    // A separator must stand between two digits: the body starts and ends with one.
    if !(body.first()?.is_ascii_digit() && body.last()?.is_ascii_digit()) {
        return None;
    }
    let mut out = [0u8; N];
    let mut n = 0usize;
    for &c in body {
        if c.is_ascii_digit() {
            *out.get_mut(n)? = c;
            n += 1;
        } else if !matches!(c, b' ' | b'.' | b'-') {
            return None;
        }
    }
    (n == N).then_some(out)
}

/// Collects the digits of `input`, skipping its first `skip` characters (a TVA country code
/// already read; when `skip > 0` a separator may follow them immediately).
///
/// Returns `Empty` when there is no digit and nothing invalid.
pub(crate) fn digits(
    input: &str,
    mode: Mode,
    expected: Option<IdentifierKind>,
    skip: usize,
) -> Result<Digits, SiretError> {
    let mut d = Digits {
        buf: [0; 14],
        count: 0,
    };
    let push = |d: &mut Digits, c: u8| {
        if let Some(slot) = d.buf.get_mut(d.count) {
            *slot = c;
        }
        d.count = d.count.saturating_add(1);
    };
    let chars = input.chars().enumerate().skip(skip);
    if mode == Mode::Strict {
        for (i, c) in chars {
            if !c.is_ascii_digit() {
                return Err(SiretError::character(c, i, expected));
            }
            push(&mut d, c as u8);
        }
    } else {
        let mut started = skip > 0;
        // A white-space character that is not a separator (tab, newline): fine at the end only.
        let mut pending_ws: Option<(usize, char)> = None;
        // A `.` or `-` not yet followed by a digit.
        let mut pending_sep: Option<(usize, char)> = None;
        for (i, c) in chars {
            if c.is_ascii_digit() {
                if let Some((j, w)) = pending_ws {
                    return Err(SiretError::character(w, j, expected));
                }
                push(&mut d, c as u8);
                started = true;
                pending_sep = None;
            } else if c.is_whitespace() {
                if started && !is_separator(c) && pending_ws.is_none() {
                    pending_ws = Some((i, c));
                }
            } else if (c == '.' || c == '-') && started {
                if let Some((j, w)) = pending_ws {
                    return Err(SiretError::character(w, j, expected));
                }
                pending_sep = pending_sep.or(Some((i, c)));
            } else {
                // The earliest invalid character wins, even a pending white space.
                let (j, w) = pending_ws.unwrap_or((i, c));
                return Err(SiretError::character(w, j, expected));
            }
        }
        if let Some((j, c)) = pending_sep {
            return Err(SiretError::character(c, j, expected));
        }
    }
    if d.count == 0 {
        return Err(SiretError::Empty { expected });
    }
    Ok(d)
}

/// The error for an input whose digit count is not the expected one, with a hint when the digits
/// form something else that is valid.
#[cold]
pub(crate) fn length_error(d: &Digits, expected: Option<IdentifierKind>) -> SiretError {
    let stored = d.stored();
    let hint = match d.count {
        8 if matches!(expected, None | Some(IdentifierKind::Siren)) => padded_siren(stored),
        13 if matches!(expected, None | Some(IdentifierKind::Siret)) => padded_siret(stored),
        9 if expected == Some(IdentifierKind::Siret) => d
            .exact::<9>()
            .filter(|b| luhn::siren_ok(b) && !luhn::is_placeholder(b))
            .map(|_| LengthHint::LooksLikeSiren),
        14 if expected == Some(IdentifierKind::Siren) => d
            .exact::<14>()
            .filter(|b| luhn::check_siret(b) == luhn::Verdict::Valid && !luhn::is_placeholder(b))
            .map(|_| LengthHint::LooksLikeSiret),
        11 if expected != Some(IdentifierKind::Tva) => {
            let mut tva = [0u8; 13];
            tva.iter_mut()
                .zip(b"FR".iter().chain(stored))
                .for_each(|(t, s)| *t = *s);
            super::tva::Tva::from_ascii(tva)
                .ok()
                .map(|_| LengthHint::LooksLikeTva)
        }
        _ => None,
    };
    SiretError::InvalidLength {
        length: d.count,
        expected,
        hint,
    }
}

fn padded_siren(stored: &[u8]) -> Option<LengthHint> {
    let mut b = [b'0'; 9];
    b.iter_mut().skip(1).zip(stored).for_each(|(t, s)| *t = *s);
    (luhn::siren_ok(&b) && !luhn::is_placeholder(&b)).then(|| LengthHint::LeadingZeroLost {
        suggestion: String::from_utf8_lossy(&b).into_owned(),
    })
}

fn padded_siret(stored: &[u8]) -> Option<LengthHint> {
    let mut b = [b'0'; 14];
    b.iter_mut().skip(1).zip(stored).for_each(|(t, s)| *t = *s);
    (luhn::check_siret(&b) == luhn::Verdict::Valid && !luhn::is_placeholder(&b)).then(|| {
        LengthHint::LeadingZeroLost {
            suggestion: String::from_utf8_lossy(&b).into_owned(),
        }
    })
}

/// When a SIREN or SIRET parser meets a letter, the input may be a TVA number: say so.
#[cold]
pub(crate) fn refine_character_error(
    input: &str,
    err: SiretError,
    expected: IdentifierKind,
) -> SiretError {
    if matches!(err, SiretError::InvalidCharacter { .. }) && super::tva::Tva::parse(input).is_ok() {
        SiretError::InvalidLength {
            length: IdentifierKind::Tva.expected_length(),
            expected: Some(expected),
            hint: Some(LengthHint::LooksLikeTva),
        }
    } else {
        err
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    fn lenient(s: &str) -> Result<String, SiretError> {
        digits(s, Mode::Lenient, None, 0).map(|d| String::from_utf8(d.stored().to_vec()).unwrap())
    }

    fn bad_at(s: &str) -> (String, usize) {
        match lenient(s) {
            Err(SiretError::InvalidCharacter {
                character, index, ..
            }) => (character, index),
            other => panic!("{s:?}: {other:?}"),
        }
    }

    #[test]
    fn separators_and_trimming() {
        assert_eq!(
            lenient(" \t732 829\u{a0}320\u{202f}00.0-74\n ").unwrap(),
            "73282932000074"
        );
        assert_eq!(lenient("2 00 03 00 13 000 11").unwrap(), "20003001300011");
        assert_eq!(lenient("732  829").unwrap(), "732829");
        assert_eq!(lenient("732. 829").unwrap(), "732829");
    }

    #[test]
    fn refusals_name_the_character_and_its_char_index() {
        assert_eq!(bad_at("732829320\t00074"), ("\t".into(), 9));
        assert_eq!(bad_at("732/829"), ("/".into(), 3));
        assert_eq!(bad_at("-732829320"), ("-".into(), 0));
        assert_eq!(bad_at("  .732829320"), (".".into(), 2));
        assert_eq!(bad_at("732829320."), (".".into(), 9));
        assert_eq!(bad_at("732829320-\n"), ("-".into(), 9));
        // Index in characters, not bytes: 'é' is two bytes.
        assert_eq!(bad_at("éx"), ("é".into(), 0));
        assert_eq!(bad_at("1\u{a0}x"), ("x".into(), 2));
        assert_eq!(bad_at("\u{ff15}"), ("\u{ff15}".into(), 0));
        // The earliest invalid character wins, even when it is white space.
        assert_eq!(bad_at("12\t3x"), ("\t".into(), 2));
        assert_eq!(bad_at("12\tx"), ("\t".into(), 2));
    }

    #[test]
    fn ascii_fast_path_agrees_with_the_full_parser() {
        for s in [
            "732 829 320 00074",
            " 732.829.320-00074\n",
            "732  829 320 00074",
            "-73282932000074",
            "73282932000074.",
            "732\t829320 00074",
            "732 829 320 0007",
            "7 3 2 8 2 9 3 2 0 0 0 0 7 4 5",
            "\x0b73282932000074",
        ] {
            let full = lenient(s).ok().filter(|d| d.len() == 14);
            let fast =
                compact_ascii::<14>(s.as_bytes()).map(|b| String::from_utf8(b.to_vec()).unwrap());
            if fast.is_some() {
                assert_eq!(fast, full, "{s:?}");
            }
        }
        assert!(compact_ascii::<14>(b"732 829 320 00074").is_some());
    }

    #[test]
    fn empty() {
        for s in ["", "   ", "\n\t", "\u{a0}"] {
            assert_eq!(lenient(s), Err(SiretError::Empty { expected: None }));
        }
    }

    #[test]
    fn strict_accepts_bare_digits_only() {
        assert!(digits("73282932000074", Mode::Strict, None, 0).is_ok());
        assert!(matches!(
            digits(" 7", Mode::Strict, None, 0),
            Err(SiretError::InvalidCharacter { index: 0, .. })
        ));
    }

    #[test]
    fn counts_beyond_fourteen() {
        let d = digits("1234567890123456789", Mode::Lenient, None, 0).unwrap();
        assert_eq!(d.count, 19);
        assert_eq!(d.stored().len(), 14);
    }
}
