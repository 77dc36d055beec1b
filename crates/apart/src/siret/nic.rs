//! [`Nic`]: the 5-digit number of an establishment inside its company.

use std::fmt;

use super::error::{IdentifierKind, SiretError};
use super::parse::{self, Mode};

/// A NIC: five ASCII digits, a 4-digit establishment rank followed by a key.
///
/// The key is only defined over the whole SIRET (spec §1), so a NIC alone is checked for its
/// shape only; [`Siret::from_parts`](super::Siret::from_parts) checks it against its SIREN.
/// `00000` is a valid NIC and does **not** mean "head office": the head office cannot be known
/// from the number alone.
///
/// ```
/// use apart::siret::Nic;
///
/// let nic: Nic = "00074".parse()?;
/// assert_eq!(nic.rank(), 7);
/// assert_eq!(nic.check_digit(), 4);
/// assert_eq!(nic.to_string(), "00074");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "apart._native", frozen, eq, ord, hash)
)]
pub struct Nic(pub(crate) [u8; 5]);

super::ascii_newtype!(Nic, "Nic");

impl Nic {
    /// Parses a NIC leniently (white space trimmed, separators skipped).
    ///
    /// # Errors
    ///
    /// `IDENTIFIER_EMPTY`, `IDENTIFIER_INVALID_CHARACTER`, `IDENTIFIER_INVALID_LENGTH`.
    ///
    /// ```
    /// use apart::siret::Nic;
    /// assert_eq!(Nic::parse(" 00074 ")?.as_str(), "00074");
    /// assert!(Nic::parse("0074").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(input: &str) -> Result<Nic, SiretError> {
        Self::parse_mode(input, Mode::Lenient)
    }

    /// Parses a NIC given as exactly five ASCII digits.
    ///
    /// # Errors
    ///
    /// As [`Nic::parse`].
    ///
    /// ```
    /// use apart::siret::Nic;
    /// assert!(Nic::parse_strict("00074").is_ok());
    /// assert!(Nic::parse_strict(" 00074").is_err());
    /// ```
    pub fn parse_strict(input: &str) -> Result<Nic, SiretError> {
        Self::parse_mode(input, Mode::Strict)
    }

    fn parse_mode(input: &str, mode: Mode) -> Result<Nic, SiretError> {
        const KIND: Option<IdentifierKind> = Some(IdentifierKind::Nic);
        let d = parse::digits(input, mode, KIND, 0)?;
        d.exact::<5>().map(Nic).ok_or(SiretError::InvalidLength {
            length: d.count,
            expected: KIND,
            hint: None,
        })
    }

    /// The establishment rank: the first four digits, as a number.
    ///
    /// ```
    /// use apart::siret::Nic;
    /// assert_eq!("01234".parse::<Nic>()?.rank(), 123);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rank(self) -> u16 {
        self.0
            .iter()
            .take(4)
            .fold(0u16, |n, &c| n * 10 + u16::from(c.wrapping_sub(b'0')))
    }

    /// The last digit: the SIRET check digit.
    ///
    /// ```
    /// use apart::siret::Nic;
    /// assert_eq!("00074".parse::<Nic>()?.check_digit(), 4);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_digit(self) -> u8 {
        self.0.last().map_or(0, |c| c.wrapping_sub(b'0'))
    }
}

impl fmt::Display for Nic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
