//! SIREN, NIC, SIRET and TVA numbers: the identifiers of French companies and establishments.
//!
//! ```
//! use apart::siret::{Siret, detect, Identifier};
//!
//! let siret: Siret = "732 829 320 00074".parse()?;
//! assert_eq!(siret.siren().to_string(), "732 829 320");
//! assert_eq!(siret.nic().as_str(), "00074");
//! assert_eq!(siret.tva().as_str(), "FR44732829320");
//!
//! // Tell the three kinds apart.
//! assert!(matches!(detect("FR 44 732 829 320")?, Identifier::Tva(_)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The types
//!
//! | type | what | `Display` | compact ([`as_str`](Siret::as_str), serde) |
//! |---|---|---|---|
//! | [`Siren`] | a company, 9 digits, Luhn key | `732 829 320` | `732829320` |
//! | [`Nic`] | an establishment inside its company, 5 digits | `00074` | `00074` |
//! | [`Siret`] | an establishment: SIREN + NIC, two keys | `732 829 320 00074` | `73282932000074` |
//! | [`Tva`] | the intra-community VAT number | `FR 44 732 829 320` | `FR44732829320` |
//!
//! Each is a `Copy` array of ASCII digits (never an integer: leading zeros matter), valid by
//! construction: holding one means it passed every check. They implement `FromStr` (the lenient
//! parser), `Display`, `Ord`, `Hash`, and serde as the compact string, read back through the same
//! lenient parser.
//!
//! # Validity
//!
//! * **SIREN**: nine digits, Luhn key, not `000000000`.
//! * **SIRET** (INSEE's rule, spec §1): fourteen digits; the SIREN key holds; and the SIRET key
//!   (Luhn over 14) holds, or the SIREN is La Poste's `356000000` and the digit sum is a multiple
//!   of 5. This differs from python-stdnum and stdnum-js, which require the digit sum on every La
//!   Poste SIRET but the hard-coded head office: this rule accepts everything they accept, plus
//!   the La Poste SIRETs that pass Luhn. The digit-sum rule catches no transposition.
//! * **TVA**: `FR`, key `(12 + 3 × (SIREN mod 97)) mod 97` on two digits, a valid SIREN (or a
//!   Monaco number `000xxxxxx`, see [`Tva`]).
//! * **Placeholders**: SIREN `000000000` passes Luhn and fills real datasets; it is refused
//!   (`IDENTIFIER_PLACEHOLDER`), with every SIRET and TVA number on it. No other value is refused
//!   as "obviously fake": `555555556` and `444444442` are used as test values but they are valid
//!   numbers, and a rule based on patterns would refuse real companies one day.
//!
//! # Normalisation
//!
//! [`Siren::parse`], [`Siret::parse`], [`Nic::parse`], [`Tva::parse`] and `FromStr` are lenient:
//! surrounding white space is trimmed, and inside the number only space, no-break space (U+00A0),
//! narrow no-break space (U+202F), `.` and `-` may separate digits. Anything else is refused with
//! the character and its index (in characters): tabs inside, `/`, Unicode hyphens, fullwidth or
//! Arabic-Indic digits. The `parse_strict` functions accept the bare digits only.
//!
//! # Errors
//!
//! Every refusal is a [`SiretError`] with a stable code, the fields of the problem (what was
//! expected, what was found, where) and a French or English message. Wrong lengths carry a
//! [`LengthHint`]: the input is a SIREN, a SIRET, a TVA number, or lost its leading zero.
//!
//! # Speed
//!
//! A bare 14-digit SIRET is checked without allocating by a SWAR routine (two 8-byte words, both
//! keys and the digit sum in a few word operations): [`is_valid_siret`] and [`Siret::parse`] take
//! a few nanoseconds on it (see `benches/siret.rs`).

mod error;
pub mod generate;
mod luhn;
mod nic;
mod parse;
mod record;
mod siren;
#[allow(clippy::module_inception)] // the module of the `Siret` type, inside `siret`
mod siret;
mod tva;

pub use error::{IdentifierKind, LengthHint, SiretError};
pub use nic::Nic;
pub use record::{
    IdentifierRecord, NicRecord, ParseOptions, Parsed, SirenRecord, SiretProblem, SiretRecord,
    SiretReport, TvaRecord,
};
pub use siren::Siren;
pub use siret::{Siret, is_valid_siret};
pub use tva::Tva;

use std::fmt;

/// The boilerplate shared by the four identifier newtypes: `as_str`, `Debug`, `FromStr` (the
/// lenient parser), and serde as the compact string.
macro_rules! ascii_newtype {
    ($t:ident, $name:literal) => {
        impl $t {
            /// The compact form: the bare digits (with `FR` for a TVA number).
            pub fn as_str(&self) -> &str {
                // The bytes are ASCII by the type's invariant, so this never falls back.
                ::std::str::from_utf8(&self.0).unwrap_or_default()
            }
        }

        impl ::std::fmt::Debug for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, "{}({:?})", $name, self.as_str())
            }
        }

        impl ::std::str::FromStr for $t {
            type Err = $crate::siret::SiretError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $t::parse(s)
            }
        }

        impl ::serde::Serialize for $t {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $t {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl ::serde::de::Visitor<'_> for V {
                    type Value = $t;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(concat!("a ", $name, " as a string"))
                    }
                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<$t, E> {
                        $t::parse(v).map_err($crate::diagnostic::de_refusal)
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}
pub(crate) use ascii_newtype;

/// Writes ASCII `digits` with `separator` before each index of `breaks`.
fn write_grouped(
    out: &mut impl fmt::Write,
    digits: &[u8],
    breaks: &[usize],
    separator: char,
) -> fmt::Result {
    for (i, &c) in digits.iter().enumerate() {
        if breaks.contains(&i) {
            out.write_char(separator)?;
        }
        out.write_char(char::from(c))?;
    }
    Ok(())
}

/// `Display` of the identifiers: the digits grouped with spaces, through `Formatter::pad` so
/// that width and alignment work (`{:>20}`), without allocating.
fn display_grouped(f: &mut fmt::Formatter<'_>, digits: &[u8], breaks: &[usize]) -> fmt::Result {
    let mut buf = [b' '; 24];
    let mut n = 0usize;
    for (i, &c) in digits.iter().enumerate() {
        if breaks.contains(&i) {
            n += 1; // the buffer is pre-filled with spaces
        }
        if let Some(slot) = buf.get_mut(n) {
            *slot = c;
        }
        n += 1;
    }
    f.pad(
        buf.get(..n)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or_default(),
    )
}

/// A SIREN, SIRET or TVA number, as told apart by [`detect`].
///
/// ```
/// use apart::siret::{detect, IdentifierKind};
/// let id = detect("55200844 3")?;
/// assert_eq!(id.kind(), IdentifierKind::Siren);
/// assert_eq!(id.to_string(), "552 008 443");
/// assert_eq!(id.tva().as_str(), "FR19552008443");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Identifier {
    /// Nine digits.
    Siren(Siren),
    /// Fourteen digits.
    Siret(Siret),
    /// `FR` and eleven digits.
    Tva(Tva),
}

impl Identifier {
    /// Which kind this is.
    ///
    /// ```
    /// use apart::siret::{detect, IdentifierKind};
    /// assert_eq!(detect("FR44732829320")?.kind(), IdentifierKind::Tva);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn kind(&self) -> IdentifierKind {
        match self {
            Identifier::Siren(_) => IdentifierKind::Siren,
            Identifier::Siret(_) => IdentifierKind::Siret,
            Identifier::Tva(_) => IdentifierKind::Tva,
        }
    }

    /// The compact form.
    ///
    /// ```
    /// use apart::siret::detect;
    /// assert_eq!(detect("732 829 320 00074")?.as_str(), "73282932000074");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            Identifier::Siren(s) => s.as_str(),
            Identifier::Siret(s) => s.as_str(),
            Identifier::Tva(s) => s.as_str(),
        }
    }

    /// The SIREN of the company (`None` for a Monaco TVA number).
    ///
    /// ```
    /// use apart::siret::detect;
    /// assert_eq!(detect("FR44732829320")?.siren().map(|s| s.to_u32()), Some(732829320));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn siren(&self) -> Option<Siren> {
        match self {
            Identifier::Siren(s) => Some(*s),
            Identifier::Siret(s) => Some(s.siren()),
            Identifier::Tva(t) => t.siren(),
        }
    }

    /// The TVA number of the company.
    ///
    /// ```
    /// use apart::siret::detect;
    /// assert_eq!(detect("41762563900030")?.tva().as_str(), "FR00417625639");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tva(&self) -> Tva {
        match self {
            Identifier::Siren(s) => s.tva(),
            Identifier::Siret(s) => s.tva(),
            Identifier::Tva(t) => *t,
        }
    }
}

/// Written as its compact form, read back through [`detect`]: a stored identifier keeps its
/// kind, and a changed one is refused with the identifier's own error.
///
/// ```
/// use apart::siret::{detect, Identifier};
/// let id = detect("FR44 732 829 320")?;
/// let json = serde_json::to_string(&id)?;
/// assert_eq!(json, r#""FR44732829320""#);
/// assert_eq!(serde_json::from_str::<Identifier>(&json)?, id);
/// assert!(serde_json::from_str::<Identifier>(r#""FR45732829320""#).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl serde::Serialize for Identifier {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Identifier {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
        detect(&text).map_err(crate::diagnostic::de_refusal)
    }
}

impl fmt::Display for Identifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Identifier::Siren(s) => s.fmt(f),
            Identifier::Siret(s) => s.fmt(f),
            Identifier::Tva(s) => s.fmt(f),
        }
    }
}

/// Tells a SIREN, a SIRET and a TVA number apart, and parses it (leniently).
///
/// A value starting with a letter is a TVA number; otherwise 9 digits are a SIREN and 14 a SIRET.
///
/// # Errors
///
/// The errors of the parser of the detected kind; for another number of digits,
/// `IDENTIFIER_INVALID_LENGTH` with `expected: None` (and a hint for a lost leading zero or a TVA
/// number without its `FR`).
///
/// ```
/// use apart::diagnostic::Diagnostic;
/// use apart::siret::{detect, IdentifierKind};
///
/// assert_eq!(detect("73282932000074")?.kind(), IdentifierKind::Siret);
/// assert_eq!(detect("fr44732829320")?.kind(), IdentifierKind::Tva);
/// assert_eq!(detect("1234").unwrap_err().code(), "IDENTIFIER_INVALID_LENGTH");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn detect(input: &str) -> Result<Identifier, SiretError> {
    if let Ok(b) = <&[u8; 14]>::try_from(input.as_bytes()) {
        if b.iter().all(u8::is_ascii_digit) {
            return Siret::parse(input).map(Identifier::Siret);
        }
    }
    let first = input.chars().find(|c| !c.is_whitespace());
    if first.is_some_and(char::is_alphabetic) {
        return Tva::parse(input).map(Identifier::Tva);
    }
    let d = parse::digits(input, parse::Mode::Lenient, None, 0)?;
    if let Some(b) = d.exact::<9>() {
        return Siren::from_ascii_in(b, IdentifierKind::Siren).map(Identifier::Siren);
    }
    if let Some(b) = d.exact::<14>() {
        return Siret::from_ascii(b).map(Identifier::Siret);
    }
    Err(parse::length_error(&d, None))
}

/// The separator of `format_with` given as text (a front end's argument): its one character,
/// or `VALUE_OUT_OF_RANGE` naming `separator`.
///
/// ```
/// use apart::Diagnostic;
/// assert_eq!(apart::siret::separator(".")?, '.');
/// assert_eq!(apart::siret::separator("--").unwrap_err().code(), "VALUE_OUT_OF_RANGE");
/// # Ok::<(), apart::value::ValueError>(())
/// ```
///
/// # Errors
///
/// [`crate::value::ValueError::OutOfRange`] for empty text or more than one character.
pub fn separator(text: &str) -> Result<char, crate::value::ValueError> {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(crate::value::ValueError::out_of_range(
            text,
            crate::value::expected::ONE_CHARACTER,
        )
        .with_field("separator")),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn detect_kinds_and_errors() {
        assert_eq!(detect("552 008 443").unwrap().kind(), IdentifierKind::Siren);
        assert_eq!(
            detect(" 732-829-320-00074 ").unwrap().kind(),
            IdentifierKind::Siret
        );
        assert_eq!(detect("FR00417625639").unwrap().kind(), IdentifierKind::Tva);
        assert_eq!(detect(""), Err(SiretError::Empty { expected: None }));
        assert_eq!(
            detect("58801481"),
            Err(SiretError::InvalidLength {
                length: 8,
                expected: None,
                hint: Some(LengthHint::LeadingZeroLost {
                    suggestion: "058801481".into()
                })
            })
        );
        assert_eq!(
            detect("44732829320"),
            Err(SiretError::InvalidLength {
                length: 11,
                expected: None,
                hint: Some(LengthHint::LooksLikeTva)
            })
        );
        assert!(matches!(
            detect("73282932000075"),
            Err(SiretError::InvalidSiretKey { .. })
        ));
    }
}
