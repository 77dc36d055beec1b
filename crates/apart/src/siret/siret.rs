//! [`Siret`]: the 14-digit number of an establishment.

use std::fmt;

use super::error::{IdentifierKind, LengthHint, SiretError};
use super::luhn::{self, Verdict};
use super::parse::{self, Mode};
use super::{Nic, Siren, Tva};

/// A SIRET: fourteen ASCII digits, valid by INSEE's rule, on a SIREN other than `000000000`.
///
/// INSEE's rule (spec §1 and §7.1): the SIREN key (Luhn over digits 1–9) holds, **and** either the
/// SIRET key (Luhn over all 14) holds or the SIREN is La Poste's `356000000` and the sum of the 14
/// digits is a multiple of 5. Both keys are checked: most libraries check only the second one and
/// accept `11122233344455`. The La Poste rule is INSEE's, not python-stdnum's "mod 5 only, head
/// office hard-coded": it accepts every Luhn-valid La Poste SIRET too, head office included.
///
/// The La Poste rule is much weaker than Luhn: a transposition never changes the digit sum, so it
/// catches **no** transposition, and no substitution of a digit by one 5 away. A La Poste SIRET
/// with a swapped pair is still "valid".
///
/// ```
/// use apart::siret::Siret;
///
/// let siret: Siret = "732 829 320 00074".parse()?;
/// assert_eq!(siret.siren().as_str(), "732829320");
/// assert_eq!(siret.nic().as_str(), "00074");
/// assert_eq!(siret.to_string(), "732 829 320 00074");
/// assert_eq!(siret.as_str(), "73282932000074");
/// assert!("356 000 000 09075".parse::<Siret>()?.is_la_poste());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "apart._native", frozen, eq, ord, hash)
)]
pub struct Siret(pub(crate) [u8; 14]);

super::ascii_newtype!(Siret, "Siret");

impl Siret {
    /// Parses a SIRET, trimming white space and skipping the separators space, no-break space,
    /// `.` and `-` (see the [module docs](super#normalisation)). A bare 14-digit string takes a
    /// fast path of a few nanoseconds that does not allocate.
    ///
    /// # Errors
    ///
    /// In this order: `IDENTIFIER_EMPTY`, `IDENTIFIER_INVALID_CHARACTER`,
    /// `IDENTIFIER_INVALID_LENGTH` (hints: a SIREN, a TVA number, a lost leading zero),
    /// `IDENTIFIER_PLACEHOLDER` (SIREN `000000000`), `SIREN_INVALID_KEY`, then
    /// `SIRET_INVALID_KEY` or, for La Poste, `SIRET_INVALID_LA_POSTE_KEY`.
    ///
    /// ```
    /// use apart::diagnostic::Diagnostic;
    /// use apart::siret::Siret;
    ///
    /// assert!(Siret::parse("732.829.320.00074").is_ok());
    /// assert_eq!(Siret::parse("11122233344455").unwrap_err().code(), "SIREN_INVALID_KEY");
    /// assert_eq!(Siret::parse("35600000049838").unwrap_err().code(), "SIRET_INVALID_LA_POSTE_KEY");
    /// ```
    #[inline]
    pub fn parse(input: &str) -> Result<Siret, SiretError> {
        // The hot path is kept tiny so that it inlines: a bare, valid SIRET.
        if let Ok(b) = <&[u8; 14]>::try_from(input.as_bytes()) {
            if luhn::check_siret(b) == Verdict::Valid && !luhn::is_placeholder(b) {
                return Ok(Siret(*b));
            }
        }
        Siret::parse_cold(input, Mode::Lenient)
    }

    /// Parses a SIRET given as exactly fourteen ASCII digits, nothing else.
    ///
    /// # Errors
    ///
    /// As [`Siret::parse`]; any character other than a digit is `IDENTIFIER_INVALID_CHARACTER`.
    ///
    /// ```
    /// use apart::siret::Siret;
    /// assert!(Siret::parse_strict("73282932000074").is_ok());
    /// assert!(Siret::parse_strict("73282932000074\n").is_err());
    /// ```
    #[inline]
    pub fn parse_strict(input: &str) -> Result<Siret, SiretError> {
        if let Ok(b) = <&[u8; 14]>::try_from(input.as_bytes()) {
            if luhn::check_siret(b) == Verdict::Valid && !luhn::is_placeholder(b) {
                return Ok(Siret(*b));
            }
        }
        Siret::parse_cold(input, Mode::Strict)
    }

    /// Everything but the hot path: spaced input, and every error.
    #[cold]
    #[inline(never)]
    fn parse_cold(input: &str, mode: Mode) -> Result<Siret, SiretError> {
        let bytes = input.as_bytes();
        if let Ok(b) = <&[u8; 14]>::try_from(bytes) {
            if let Some(result) = Siret::fast(b) {
                return result;
            }
        } else if mode == Mode::Lenient {
            if let Some(b) = parse::compact_ascii::<14>(bytes) {
                if let Some(result) = Siret::fast(&b) {
                    return result;
                }
            }
        }
        Siret::parse_slow(input, mode)
    }

    /// Validates fourteen bytes (no normalisation).
    ///
    /// # Errors
    ///
    /// As [`Siret::parse_strict`]; a byte that is not an ASCII digit is reported as the
    /// character of that byte value.
    ///
    /// ```
    /// use apart::siret::Siret;
    /// assert!(Siret::from_ascii(*b"73282932000074").is_ok());
    /// assert!(Siret::from_ascii(*b"73282932000075").is_err());
    /// ```
    #[inline]
    pub fn from_ascii(bytes: [u8; 14]) -> Result<Siret, SiretError> {
        if luhn::check_siret(&bytes) == Verdict::Valid && !luhn::is_placeholder(&bytes) {
            return Ok(Siret(bytes));
        }
        Siret::from_ascii_cold(bytes)
    }

    #[cold]
    #[inline(never)]
    fn from_ascii_cold(bytes: [u8; 14]) -> Result<Siret, SiretError> {
        match Siret::fast(&bytes) {
            Some(result) => result,
            None => {
                let (i, c) = bytes
                    .iter()
                    .enumerate()
                    .find(|(_, c)| !c.is_ascii_digit())
                    .map_or((0, 0), |(i, &c)| (i, c));
                Err(SiretError::character(
                    char::from(c),
                    i,
                    Some(IdentifierKind::Siret),
                ))
            }
        }
    }

    /// The fast path: `None` when the bytes are not all ASCII digits.
    #[inline(always)]
    fn fast(b: &[u8; 14]) -> Option<Result<Siret, SiretError>> {
        match luhn::check_siret(b) {
            Verdict::Valid if !luhn::is_placeholder(b) => Some(Ok(Siret(*b))),
            Verdict::NotDigits => None,
            verdict => Some(Err(diagnose(b, verdict))),
        }
    }

    #[cold]
    fn parse_slow(input: &str, mode: Mode) -> Result<Siret, SiretError> {
        const KIND: Option<IdentifierKind> = Some(IdentifierKind::Siret);
        let d = parse::digits(input, mode, KIND, 0)
            .map_err(|e| parse::refine_character_error(input, e, IdentifierKind::Siret))?;
        match d.exact::<14>() {
            Some(b) => Siret::fast(&b).unwrap_or(Err(SiretError::Empty { expected: KIND })),
            None => Err(parse::length_error(&d, KIND)),
        }
    }

    /// Builds a SIRET from its SIREN and NIC, checking the SIRET key (or La Poste's rule).
    ///
    /// # Errors
    ///
    /// `SIRET_INVALID_KEY`, or `SIRET_INVALID_LA_POSTE_KEY` for La Poste.
    ///
    /// ```
    /// use apart::siret::{Nic, Siren, Siret};
    /// let siren: Siren = "732829320".parse()?;
    /// assert!(Siret::from_parts(siren, "00074".parse()?).is_ok());
    /// assert!(Siret::from_parts(siren, "00075".parse()?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_parts(siren: Siren, nic: Nic) -> Result<Siret, SiretError> {
        let mut b = [0u8; 14];
        b.iter_mut()
            .zip(siren.0.iter().chain(nic.0.iter()))
            .for_each(|(t, s)| *t = *s);
        Siret::from_ascii(b)
    }

    /// Completes a SIREN and a 4-digit establishment rank with the check digit.
    ///
    /// The key is Luhn's, except on La Poste's SIREN where it is the smallest digit making the
    /// digit sum a multiple of 5, as La Poste's establishments are numbered.
    ///
    /// # Errors
    ///
    /// `IDENTIFIER_INVALID_CHARACTER` or `IDENTIFIER_INVALID_LENGTH` unless `rank` is exactly
    /// four ASCII digits.
    ///
    /// ```
    /// use apart::siret::{Siren, Siret};
    /// let siren: Siren = "732829320".parse()?;
    /// assert_eq!(Siret::complete(siren, "0007")?.as_str(), "73282932000074");
    /// let la_poste: Siren = "356000000".parse()?;
    /// assert_eq!(Siret::complete(la_poste, "0907")?.as_str(), "35600000009070");
    /// let whole_nic = Siret::complete(siren, "00074").unwrap_err();
    /// assert_eq!(whole_nic.to_string(), "NIC invalide : 5 chiffres au lieu de 4, les chiffres sans la clé");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn complete(siren: Siren, rank: &str) -> Result<Siret, SiretError> {
        const KIND: Option<IdentifierKind> = Some(IdentifierKind::Nic);
        let d = parse::digits(rank, Mode::Strict, KIND, 0)?;
        let Some(rank) = d.exact::<4>() else {
            return Err(SiretError::InvalidLength {
                length: d.count,
                expected: KIND,
                hint: Some(LengthHint::WithoutCheckDigit),
            });
        };
        let mut b = [b'0'; 14];
        b.iter_mut()
            .zip(siren.0.iter().chain(rank.iter()))
            .for_each(|(t, s)| *t = *s);
        let key = if siren.is_la_poste() {
            luhn::la_poste_key(&b)
        } else {
            luhn::luhn_key(&b)
        };
        if let Some(last) = b.last_mut() {
            *last = b'0' + key;
        }
        Siret::from_ascii(b)
    }

    /// The SIREN: the first nine digits.
    ///
    /// ```
    /// use apart::siret::Siret;
    /// assert_eq!("73282932000074".parse::<Siret>()?.siren().to_string(), "732 829 320");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn siren(self) -> Siren {
        Siren(self.0.first_chunk::<9>().copied().unwrap_or([b'0'; 9]))
    }

    /// The NIC: the last five digits.
    ///
    /// ```
    /// use apart::siret::Siret;
    /// assert_eq!("73282932000074".parse::<Siret>()?.nic().rank(), 7);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn nic(self) -> Nic {
        Nic(self.0.last_chunk::<5>().copied().unwrap_or([b'0'; 5]))
    }

    /// The SIREN and the NIC.
    ///
    /// ```
    /// use apart::siret::Siret;
    /// let (siren, nic) = "73282932000074".parse::<Siret>()?.into_parts();
    /// assert_eq!((siren.as_str(), nic.as_str()), ("732829320", "00074"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_parts(self) -> (Siren, Nic) {
        (self.siren(), self.nic())
    }

    /// The TVA number of the company this establishment belongs to.
    ///
    /// ```
    /// use apart::siret::Siret;
    /// assert_eq!("73282932000074".parse::<Siret>()?.tva().as_str(), "FR44732829320");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tva(self) -> Tva {
        self.siren().tva()
    }

    /// True on La Poste's SIREN `356000000`, whose SIRETs may follow the weak digit-sum rule.
    ///
    /// ```
    /// use apart::siret::Siret;
    /// assert!("35600000009075".parse::<Siret>()?.is_la_poste());
    /// assert!(!"35600053914285".parse::<Siret>()?.is_la_poste()); // SIREN 356000539
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_la_poste(self) -> bool {
        luhn::is_la_poste(&self.0)
    }

    /// The spaced form with another separator, such as U+00A0 for French typography.
    ///
    /// ```
    /// use apart::siret::Siret;
    /// let siret: Siret = "73282932000074".parse()?;
    /// assert_eq!(siret.format_with('.'), "732.829.320.00074");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn format_with(self, separator: char) -> String {
        let mut s = String::with_capacity(20);
        super::write_grouped(&mut s, &self.0, &[3, 6, 9], separator).ok();
        s
    }
}

/// The error for 14 ASCII digits that fail a check, in the documented order.
#[cold]
#[inline(never)]
fn diagnose(b: &[u8; 14], verdict: Verdict) -> SiretError {
    if luhn::is_placeholder(b) {
        return SiretError::Placeholder {
            expected: IdentifierKind::Siret,
        };
    }
    let digit = |i: usize| b.get(i).map_or(0, |c| c.wrapping_sub(b'0'));
    match verdict {
        Verdict::SirenKey { expected } => SiretError::InvalidSirenKey {
            kind: IdentifierKind::Siret,
            expected,
            found: digit(8),
        },
        Verdict::LaPosteKey { expected } => SiretError::InvalidLaPosteKey {
            expected,
            found: digit(13),
        },
        Verdict::SiretKey { expected } => SiretError::InvalidSiretKey {
            expected,
            found: digit(13),
        },
        // Not reached: `fast` handles these two.
        Verdict::Valid | Verdict::NotDigits => SiretError::Empty {
            expected: Some(IdentifierKind::Siret),
        },
    }
}

impl fmt::Display for Siret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::display_grouped(f, &self.0, &[3, 6, 9])
    }
}

/// True when `input` is a valid SIRET, after the same normalisation as [`Siret::parse`].
///
/// The batch fast path: a bare 14-digit string is checked in a few nanoseconds without building
/// an error; other inputs go through the full parser.
///
/// ```
/// use apart::siret::is_valid_siret;
/// assert!(is_valid_siret("73282932000074"));
/// assert!(is_valid_siret("732 829 320 00074"));
/// assert!(!is_valid_siret("11122233344455"));
/// ```
#[inline]
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn is_valid_siret(input: &str) -> bool {
    match <&[u8; 14]>::try_from(input.as_bytes()) {
        Ok(b) => luhn::check_siret(b) == Verdict::Valid && !luhn::is_placeholder(b),
        Err(_) => is_valid_cold(input),
    }
}

#[cold]
#[inline(never)]
fn is_valid_cold(input: &str) -> bool {
    match parse::compact_ascii::<14>(input.as_bytes()) {
        Some(b) => luhn::check_siret(&b) == Verdict::Valid && !luhn::is_placeholder(&b),
        None => Siret::parse_slow(input, Mode::Lenient).is_ok(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::siret::LengthHint;

    #[test]
    fn every_error_in_order() {
        let cases: [(&str, SiretError); 7] = [
            (
                "00000000000000",
                SiretError::Placeholder {
                    expected: IdentifierKind::Siret,
                },
            ),
            (
                "00000000000001",
                SiretError::Placeholder {
                    expected: IdentifierKind::Siret,
                },
            ),
            (
                "11122233344455",
                SiretError::InvalidSirenKey {
                    kind: IdentifierKind::Siret,
                    expected: 7,
                    found: 3,
                },
            ),
            (
                "73282932000079",
                SiretError::InvalidSiretKey {
                    expected: 4,
                    found: 9,
                },
            ),
            (
                "35600000049838",
                SiretError::InvalidLaPosteKey {
                    expected: 2,
                    found: 8,
                },
            ),
            (
                "7328293200074",
                SiretError::InvalidLength {
                    length: 13,
                    expected: Some(IdentifierKind::Siret),
                    hint: None,
                },
            ),
            (
                "792377731",
                SiretError::InvalidLength {
                    length: 9,
                    expected: Some(IdentifierKind::Siret),
                    hint: Some(LengthHint::LooksLikeSiren),
                },
            ),
        ];
        for (input, err) in cases {
            assert_eq!(Siret::parse(input), Err(err), "{input}");
        }
    }

    #[test]
    fn lost_leading_zero() {
        // 05781313100026 (python-stdnum) stored as an integer.
        assert_eq!(
            Siret::parse("5781313100026"),
            Err(SiretError::InvalidLength {
                length: 13,
                expected: Some(IdentifierKind::Siret),
                hint: Some(LengthHint::LeadingZeroLost {
                    suggestion: "05781313100026".into()
                }),
            })
        );
    }

    #[test]
    fn is_valid_agrees_with_parse() {
        for s in [
            "73282932000074",
            "00000000000000",
            "732 829 320 00074",
            "x",
            "35600000000048",
        ] {
            assert_eq!(is_valid_siret(s), Siret::parse(s).is_ok(), "{s}");
        }
    }

    #[test]
    fn display_pads_like_a_str() {
        let s: Siret = "73282932000074".parse().unwrap();
        assert_eq!(format!("[{s:>19}]"), "[  732 829 320 00074]");
        assert_eq!(format!("[{s:<18}]"), "[732 829 320 00074 ]");
        assert_eq!(format!("{}", s.tva()), "FR 44 732 829 320");
    }

    #[test]
    fn la_poste_head_office_and_luhn_only() {
        // Spec §1 table: HQ …00048 (Luhn, digit sum 26) and …00014 (Luhn only) are accepted.
        assert!(Siret::parse("35600000000048").is_ok());
        assert!(Siret::parse("35600000000014").is_ok());
        assert!(Siret::parse("35600000000000").is_err());
    }
}
