//! [`Siren`]: the 9-digit number of a company.

use std::fmt;

use super::error::{IdentifierKind, LengthHint, SiretError};
use super::parse::{self, Mode};
use super::{Nic, Siret, Tva, luhn};

/// A SIREN: nine ASCII digits whose Luhn key is right, and not the placeholder `000000000`.
///
/// The digits are stored as they are written (never as an integer: `000000083` is a valid
/// SIREN), so the value is `Copy`, 9 bytes, and orders like the numbers it spells.
///
/// * Parsing: [`Siren::parse`] (lenient, also [`FromStr`](std::str::FromStr)) or
///   [`Siren::parse_strict`] (bare digits).
/// * Printing: `Display` gives `552 008 443`; [`as_str`](Siren::as_str) the compact form; serde
///   uses the compact form and reads through the lenient parser.
///
/// ```
/// use apart::siret::Siren;
///
/// let siren: Siren = "552 008 443".parse()?;
/// assert_eq!(siren.as_str(), "552008443");
/// assert_eq!(siren.to_string(), "552 008 443");
/// assert!("552 008 444".parse::<Siren>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "apart._native", frozen, eq, ord, hash)
)]
pub struct Siren(pub(crate) [u8; 9]);

super::ascii_newtype!(Siren, "Siren");

impl Siren {
    /// Parses a SIREN, trimming white space and skipping the separators space, no-break space,
    /// `.` and `-` (see the [module docs](super#normalisation)).
    ///
    /// # Errors
    ///
    /// `IDENTIFIER_EMPTY`, `IDENTIFIER_INVALID_CHARACTER` (with the character and its index),
    /// `IDENTIFIER_INVALID_LENGTH` (with a hint when the input is a SIRET, a TVA number, or a
    /// SIREN that lost its leading zero), `IDENTIFIER_PLACEHOLDER`, `SIREN_INVALID_KEY`.
    ///
    /// ```
    /// use apart::siret::{LengthHint, Siren, SiretError};
    ///
    /// assert_eq!(Siren::parse("055-800-296")?.as_str(), "055800296");
    /// let err = Siren::parse("55800296").unwrap_err();
    /// assert!(matches!(err, SiretError::InvalidLength {
    ///     hint: Some(LengthHint::LeadingZeroLost { ref suggestion }), ..
    /// } if suggestion == "055800296"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn parse(input: &str) -> Result<Siren, SiretError> {
        Self::parse_mode(input, Mode::Lenient)
    }

    /// Parses a SIREN given as exactly nine ASCII digits, nothing else.
    ///
    /// # Errors
    ///
    /// As [`Siren::parse`]; any character other than a digit is `IDENTIFIER_INVALID_CHARACTER`.
    ///
    /// ```
    /// use apart::siret::Siren;
    /// assert!(Siren::parse_strict("552008443").is_ok());
    /// assert!(Siren::parse_strict("552 008 443").is_err());
    /// ```
    pub fn parse_strict(input: &str) -> Result<Siren, SiretError> {
        Self::parse_mode(input, Mode::Strict)
    }

    fn parse_mode(input: &str, mode: Mode) -> Result<Siren, SiretError> {
        const KIND: Option<IdentifierKind> = Some(IdentifierKind::Siren);
        let bytes = input.as_bytes();
        if let Ok(b) = <[u8; 9]>::try_from(bytes) {
            if b.iter().all(u8::is_ascii_digit) {
                return Siren::from_ascii_in(b, IdentifierKind::Siren);
            }
        } else if mode == Mode::Lenient {
            if let Some(b) = parse::compact_ascii::<9>(bytes) {
                return Siren::from_ascii_in(b, IdentifierKind::Siren);
            }
        }
        let d = parse::digits(input, mode, KIND, 0)
            .map_err(|e| parse::refine_character_error(input, e, IdentifierKind::Siren))?;
        match d.exact::<9>() {
            Some(b) => Siren::from_ascii_in(b, IdentifierKind::Siren),
            None => Err(parse::length_error(&d, KIND)),
        }
    }

    /// Validates nine ASCII digits as the SIREN of a `kind` (for the error messages).
    pub(crate) fn from_ascii_in(b: [u8; 9], kind: IdentifierKind) -> Result<Siren, SiretError> {
        if luhn::is_placeholder(&b) {
            return Err(SiretError::Placeholder { expected: kind });
        }
        if !luhn::siren_ok(&b) {
            return Err(SiretError::InvalidSirenKey {
                kind,
                expected: luhn::luhn_key(&b),
                found: b.last().map_or(0, |c| c.wrapping_sub(b'0')),
            });
        }
        Ok(Siren(b))
    }

    /// Validates nine bytes (no normalisation: the bytes must be ASCII digits).
    ///
    /// # Errors
    ///
    /// `IDENTIFIER_INVALID_CHARACTER` for a byte that is not an ASCII digit (reported as the
    /// character of that byte value), `IDENTIFIER_PLACEHOLDER`, `SIREN_INVALID_KEY`.
    ///
    /// ```
    /// use apart::siret::Siren;
    /// assert_eq!(Siren::from_ascii(*b"732829320")?.as_str(), "732829320");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_ascii(bytes: [u8; 9]) -> Result<Siren, SiretError> {
        if let Some((i, &c)) = bytes.iter().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
            return Err(SiretError::character(
                char::from(c),
                i,
                Some(IdentifierKind::Siren),
            ));
        }
        Siren::from_ascii_in(bytes, IdentifierKind::Siren)
    }

    /// Completes eight ASCII digits with their Luhn check digit.
    ///
    /// For test fixtures and for users who know the first eight digits only.
    ///
    /// # Errors
    ///
    /// `IDENTIFIER_INVALID_CHARACTER` or `IDENTIFIER_INVALID_LENGTH` unless `prefix` is exactly
    /// eight ASCII digits; `IDENTIFIER_PLACEHOLDER` for `00000000`.
    ///
    /// ```
    /// use apart::siret::Siren;
    /// assert_eq!(Siren::complete("73282932")?.as_str(), "732829320");
    /// assert_eq!(Siren::complete("41762563")?.check_digit(), 9);
    /// let whole = Siren::complete("732829320").unwrap_err();
    /// assert_eq!(whole.to_string(), "numéro SIREN invalide : 9 chiffres au lieu de 8, les chiffres sans la clé");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn complete(prefix: &str) -> Result<Siren, SiretError> {
        const KIND: Option<IdentifierKind> = Some(IdentifierKind::Siren);
        let d = parse::digits(prefix, Mode::Strict, KIND, 0)?;
        let Some(head) = d.exact::<8>() else {
            return Err(SiretError::InvalidLength {
                length: d.count,
                expected: KIND,
                hint: Some(LengthHint::WithoutCheckDigit),
            });
        };
        let mut b = [b'0'; 9];
        b.iter_mut().zip(head).for_each(|(t, s)| *t = s);
        let key = luhn::luhn_key(&b);
        if let Some(last) = b.last_mut() {
            *last = b'0' + key;
        }
        Siren::from_ascii_in(b, IdentifierKind::Siren)
    }

    /// The check digit (the 9th digit).
    ///
    /// ```
    /// use apart::siret::Siren;
    /// assert_eq!("552008443".parse::<Siren>()?.check_digit(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_digit(self) -> u8 {
        self.0.last().map_or(0, |c| c - b'0')
    }

    /// True for La Poste's SIREN `356000000`, whose SIRETs follow a digit-sum rule.
    ///
    /// ```
    /// use apart::siret::Siren;
    /// assert!("356 000 000".parse::<Siren>()?.is_la_poste());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_la_poste(self) -> bool {
        self.0 == luhn::LA_POSTE
    }

    /// The French intra-community VAT number of this company: `FR`, a 2-digit key
    /// `(12 + 3 × (SIREN mod 97)) mod 97` padded with a zero, and the SIREN.
    ///
    /// ```
    /// use apart::siret::Siren;
    /// assert_eq!("417625639".parse::<Siren>()?.tva().as_str(), "FR00417625639");
    /// assert_eq!("732829320".parse::<Siren>()?.tva().to_string(), "FR 44 732 829 320");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tva(self) -> Tva {
        Tva::from_siren(self)
    }

    /// The SIRET of establishment `nic` of this company.
    ///
    /// # Errors
    ///
    /// As [`Siret::from_parts`]: `SIRET_INVALID_KEY` or `SIRET_INVALID_LA_POSTE_KEY`.
    ///
    /// ```
    /// use apart::siret::Siren;
    /// let siren: Siren = "732829320".parse()?;
    /// assert_eq!(siren.with_nic("00074".parse()?)?.as_str(), "73282932000074");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_nic(self, nic: Nic) -> Result<Siret, SiretError> {
        Siret::from_parts(self, nic)
    }

    /// The SIREN as an integer, for storage schemes that need one (leading zeros are lost:
    /// keep the [`Siren`] itself wherever you can).
    ///
    /// ```
    /// use apart::siret::Siren;
    /// assert_eq!("000000083".parse::<Siren>()?.to_u32(), 83);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_u32(self) -> u32 {
        self.0
            .iter()
            .fold(0u32, |n, &c| n * 10 + u32::from(c - b'0'))
    }

    /// The spaced form with another separator, such as U+00A0 for French typography.
    ///
    /// ```
    /// use apart::siret::Siren;
    /// assert_eq!("552008443".parse::<Siren>()?.format_with('\u{a0}'), "552\u{a0}008\u{a0}443");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn format_with(self, separator: char) -> String {
        let mut s = String::with_capacity(13);
        super::write_grouped(&mut s, &self.0, &[3, 6], separator).ok();
        s
    }
}

impl fmt::Display for Siren {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::display_grouped(f, &self.0, &[3, 6])
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::siret::LengthHint;

    #[test]
    fn errors_in_order() {
        assert_eq!(
            Siren::parse("000000000"),
            Err(SiretError::Placeholder {
                expected: IdentifierKind::Siren
            })
        );
        assert_eq!(
            Siren::parse("552008444"),
            Err(SiretError::InvalidSirenKey {
                kind: IdentifierKind::Siren,
                expected: 3,
                found: 4
            })
        );
        assert_eq!(
            Siren::parse("73282932000074"),
            Err(SiretError::InvalidLength {
                length: 14,
                expected: Some(IdentifierKind::Siren),
                hint: Some(LengthHint::LooksLikeSiret)
            })
        );
        assert_eq!(
            Siren::parse("FR40303265045"),
            Err(SiretError::InvalidLength {
                length: 13,
                expected: Some(IdentifierKind::Siren),
                hint: Some(LengthHint::LooksLikeTva)
            })
        );
        // `21860066`: 021860066 fails Luhn too, so no suggestion.
        assert_eq!(
            Siren::parse("21860066"),
            Err(SiretError::InvalidLength {
                length: 8,
                expected: Some(IdentifierKind::Siren),
                hint: None
            })
        );
    }

    #[test]
    fn complete_rejects_bad_prefixes() {
        assert!(matches!(
            Siren::complete("7328293"),
            Err(SiretError::InvalidLength { length: 7, .. })
        ));
        assert!(matches!(
            Siren::complete("7328293x"),
            Err(SiretError::InvalidCharacter { .. })
        ));
        assert!(matches!(
            Siren::complete("00000000"),
            Err(SiretError::Placeholder { .. })
        ));
    }
}
