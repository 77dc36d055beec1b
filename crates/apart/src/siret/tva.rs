//! [`Tva`]: the French intra-community VAT number (numéro de TVA intracommunautaire).

use std::fmt;

use super::error::{IdentifierKind, SiretError};
use super::parse::{self, Mode};
use super::{Siren, luhn};

/// A French TVA number: `FR`, a 2-digit key, then nine digits, the key being
/// `(12 + 3 × (n mod 97)) mod 97` of those nine digits.
///
/// The nine digits are a valid SIREN, except for Monaco companies, which are not in SIRENE but
/// have French TVA numbers `FR xx 000 xxxxxx` (python-stdnum `fr/tva.py`): when the nine digits
/// start with `000` the SIREN key is not checked and [`Tva::siren`] returns `None`. Nine zeros
/// are a placeholder and are refused. Only the numeric keys are supported: the old alphanumeric
/// keys of foreign companies registered in France are refused.
///
/// `Display` gives `FR 44 732 829 320`; [`as_str`](Tva::as_str) and serde the compact
/// `FR44732829320`.
///
/// ```
/// use apart::siret::{Siren, Tva};
///
/// let tva: Tva = "FR 44 732 829 320".parse()?;
/// assert_eq!(tva.as_str(), "FR44732829320");
/// assert_eq!(tva.key(), 44);
/// assert_eq!(tva.siren(), Some("732829320".parse::<Siren>()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "apart._native", frozen, eq, ord, hash)
)]
pub struct Tva(pub(crate) [u8; 13]);

super::ascii_newtype!(Tva, "Tva");

/// The key of nine ASCII digits.
fn key_of(digits: &[u8]) -> u8 {
    let n = digits
        .iter()
        .fold(0u64, |n, &c| n * 10 + u64::from(c.wrapping_sub(b'0')));
    ((12 + 3 * (n % 97)) % 97) as u8
}

impl Tva {
    pub(crate) fn from_siren(siren: Siren) -> Tva {
        let key = key_of(&siren.0);
        let mut b = [0u8; 13];
        let head = [b'F', b'R', b'0' + key / 10, b'0' + key % 10];
        b.iter_mut()
            .zip(head.iter().chain(siren.0.iter()))
            .for_each(|(t, s)| *t = *s);
        Tva(b)
    }

    /// Parses a TVA number leniently: white space trimmed, the country code in either case, and
    /// the separators of a SIREN (space, no-break space, `.`, `-`) after it.
    ///
    /// # Errors
    ///
    /// `IDENTIFIER_EMPTY`, `TVA_INVALID_COUNTRY` (not `FR`, or missing),
    /// `IDENTIFIER_INVALID_CHARACTER`, `IDENTIFIER_INVALID_LENGTH` (11 digits expected after
    /// `FR`), `IDENTIFIER_PLACEHOLDER`, `SIREN_INVALID_KEY`, `TVA_INVALID_KEY`.
    ///
    /// ```
    /// use apart::diagnostic::Diagnostic;
    /// use apart::siret::Tva;
    ///
    /// assert_eq!(Tva::parse("fr 00 417 625 639")?.as_str(), "FR00417625639");
    /// assert_eq!(Tva::parse("FR45732829320").unwrap_err().code(), "TVA_INVALID_KEY");
    /// assert_eq!(Tva::parse("DE123456789").unwrap_err().code(), "TVA_INVALID_COUNTRY");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(input: &str) -> Result<Tva, SiretError> {
        Self::parse_mode(input, Mode::Lenient)
    }

    /// Parses a TVA number given exactly as `FR` and eleven ASCII digits.
    ///
    /// # Errors
    ///
    /// As [`Tva::parse`].
    ///
    /// ```
    /// use apart::siret::Tva;
    /// assert!(Tva::parse_strict("FR44732829320").is_ok());
    /// assert!(Tva::parse_strict("fr44732829320").is_err());
    /// ```
    pub fn parse_strict(input: &str) -> Result<Tva, SiretError> {
        Self::parse_mode(input, Mode::Strict)
    }

    fn parse_mode(input: &str, mode: Mode) -> Result<Tva, SiretError> {
        const KIND: Option<IdentifierKind> = Some(IdentifierKind::Tva);
        if let Ok(b) = <[u8; 13]>::try_from(input.as_bytes()) {
            if b.starts_with(b"FR") && b.iter().skip(2).all(u8::is_ascii_digit) {
                return Tva::from_ascii(b);
            }
        }
        // The country code: the first two characters after leading white space.
        let mut chars = input.chars().enumerate();
        let mut skipped = 0;
        let mut country = String::new();
        for (i, c) in chars.by_ref() {
            if mode == Mode::Lenient && country.is_empty() && c.is_whitespace() {
                continue;
            }
            if !c.is_alphabetic() {
                if country.is_empty() && c.is_ascii_digit() {
                    break;
                }
                return Err(SiretError::character(c, i, KIND));
            }
            country.push(c);
            if country.chars().count() == 2 {
                skipped = i + 1;
                break;
            }
        }
        if country.is_empty() {
            if input.trim().is_empty() {
                return Err(SiretError::Empty { expected: KIND });
            }
            return Err(SiretError::InvalidTvaCountry {
                found: String::new(),
            });
        }
        let fr = match mode {
            Mode::Lenient => country.eq_ignore_ascii_case("FR"),
            Mode::Strict => country == "FR",
        };
        if !fr || skipped == 0 {
            return Err(SiretError::InvalidTvaCountry { found: country });
        }
        let d = match parse::digits(input, mode, KIND, skipped) {
            Err(SiretError::Empty { .. }) => {
                return Err(SiretError::InvalidLength {
                    length: 2,
                    expected: KIND,
                    hint: None,
                });
            }
            other => other?,
        };
        let Some(digits) = d.exact::<11>() else {
            return Err(SiretError::InvalidLength {
                length: d.count.saturating_add(2),
                expected: KIND,
                hint: None,
            });
        };
        let mut b = [0u8; 13];
        b.iter_mut()
            .zip(b"FR".iter().chain(digits.iter()))
            .for_each(|(t, s)| *t = *s);
        Tva::from_ascii(b)
    }

    /// Validates thirteen bytes: `FR` and eleven ASCII digits (no normalisation).
    ///
    /// # Errors
    ///
    /// As [`Tva::parse_strict`].
    ///
    /// ```
    /// use apart::siret::Tva;
    /// assert!(Tva::from_ascii(*b"FR40303265045").is_ok());
    /// ```
    pub fn from_ascii(bytes: [u8; 13]) -> Result<Tva, SiretError> {
        const KIND: Option<IdentifierKind> = Some(IdentifierKind::Tva);
        if !bytes.starts_with(b"FR") {
            let found = String::from_utf8_lossy(bytes.get(..2).unwrap_or(&[])).into_owned();
            return Err(SiretError::InvalidTvaCountry { found });
        }
        if let Some((i, &c)) = bytes
            .iter()
            .enumerate()
            .skip(2)
            .find(|(_, c)| !c.is_ascii_digit())
        {
            return Err(SiretError::character(char::from(c), i, KIND));
        }
        let nine = bytes.last_chunk::<9>().copied().unwrap_or([b'0'; 9]);
        if luhn::is_placeholder(&nine) {
            return Err(SiretError::Placeholder {
                expected: IdentifierKind::Tva,
            });
        }
        if !nine.starts_with(b"000") {
            Siren::from_ascii_in(nine, IdentifierKind::Tva)?;
        }
        let found = bytes.iter().skip(2).take(2).fold(0u8, |n, &c| {
            n.wrapping_mul(10).wrapping_add(c.wrapping_sub(b'0'))
        });
        let expected = key_of(&nine);
        if found != expected {
            return Err(SiretError::InvalidTvaKey { expected, found });
        }
        Ok(Tva(bytes))
    }

    /// The 2-digit key, 0..=96.
    ///
    /// ```
    /// use apart::siret::Tva;
    /// assert_eq!("FR00417625639".parse::<Tva>()?.key(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn key(self) -> u8 {
        self.0
            .iter()
            .skip(2)
            .take(2)
            .fold(0u8, |n, &c| n * 10 + c.wrapping_sub(b'0'))
    }

    /// The SIREN, or `None` for a Monaco company (`FR xx 000 xxxxxx`).
    ///
    /// A SIREN that itself starts with `000` (`000000083` is valid) gives a TVA number that
    /// reads as Monaco's: its `siren()` is `None`. Such SIRENs are not allocated in practice.
    ///
    /// ```
    /// use apart::siret::Tva;
    /// assert_eq!("FR40303265045".parse::<Tva>()?.siren().map(|s| s.to_string()),
    ///            Some("303 265 045".to_string()));
    /// let monaco = "FR00000000001".parse::<Tva>(); // key check only
    /// assert!(monaco.is_err() || monaco?.siren().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn siren(self) -> Option<Siren> {
        let nine = self.0.last_chunk::<9>().copied()?;
        if self.is_monaco() {
            None
        } else {
            Some(Siren(nine))
        }
    }

    /// True for a Monaco company's number: the nine digits start with `000`.
    ///
    /// ```
    /// use apart::siret::Tva;
    /// assert!(!"FR44732829320".parse::<Tva>()?.is_monaco());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_monaco(self) -> bool {
        self.0.iter().skip(4).take(3).all(|&c| c == b'0')
    }
}

impl fmt::Display for Tva {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::display_grouped(f, &self.0, &[2, 4, 7, 10])
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// Source: python-stdnum 2.2 `tests/test_fr_tva.doctest` and `stdnum/fr/siren.py`
    /// (`to_tva('443 121 975')` is `46 443 121 975`); IsoCodes `417625639` → key 00.
    #[test]
    fn keys_from_the_literature() {
        for (siren, tva) in [
            ("732829320", "FR44732829320"),
            ("417625639", "FR00417625639"),
            ("303265045", "FR40303265045"),
            ("443121975", "FR46443121975"),
        ] {
            let s: Siren = siren.parse().unwrap();
            assert_eq!(s.tva().as_str(), tva);
            assert_eq!(Tva::parse(tva).unwrap().siren(), Some(s));
        }
    }

    #[test]
    fn errors() {
        assert_eq!(
            Tva::parse("FR 84 323 140 391"),
            Err(SiretError::InvalidSirenKey {
                kind: IdentifierKind::Tva,
                expected: 2,
                found: 1
            })
        );
        assert_eq!(
            Tva::parse("FR45732829320"),
            Err(SiretError::InvalidTvaKey {
                expected: 44,
                found: 45
            })
        );
        assert_eq!(
            Tva::parse("DE 123456789"),
            Err(SiretError::InvalidTvaCountry { found: "DE".into() })
        );
        assert_eq!(
            Tva::parse("44732829320"),
            Err(SiretError::InvalidTvaCountry {
                found: String::new()
            })
        );
        assert_eq!(
            Tva::parse("FR4473282932"),
            Err(SiretError::InvalidLength {
                length: 12,
                expected: Some(IdentifierKind::Tva),
                hint: None
            })
        );
        assert_eq!(
            Tva::parse("  "),
            Err(SiretError::Empty {
                expected: Some(IdentifierKind::Tva)
            })
        );
        assert!(matches!(
            Tva::parse("FR44/732829320"),
            Err(SiretError::InvalidCharacter { index: 4, .. })
        ));
        assert_eq!(
            Tva::parse("FR12000000000"),
            Err(SiretError::Placeholder {
                expected: IdentifierKind::Tva
            })
        );
    }

    #[test]
    fn monaco() {
        // Any 000xxxxxx with the right key: the SIREN key is not checked.
        let nine = *b"000123456";
        let key = key_of(&nine);
        let s = format!("FR{key:02}000123456");
        let tva = Tva::parse(&s).unwrap();
        assert!(tva.is_monaco());
        assert_eq!(tva.siren(), None);
    }
}
