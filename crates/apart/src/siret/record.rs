//! The identifiers as records: each parsed value with what derives from it (its spaced form,
//! its company's TVA number…), for a front end that returns plain data (the Node package's
//! `parseSiret` and friends), and the report of a column of SIRETs checked at once.

use serde::{Deserialize, Serialize};

use super::{Identifier, IdentifierKind, Nic, Siren, Siret, Tva};
use crate::diagnostic::{Diagnostic, Lang};

/// How to parse an identifier: lenient by default (white space trimmed, space, no-break space,
/// `.` and `-` skipped between digits); `strict` takes bare digits only (and `FR` for a TVA
/// number).
///
/// ```
/// use apart::siret::{ParseOptions, Siret};
/// let strict: ParseOptions = serde_json::from_str(r#"{"strict": true}"#)?;
/// assert!(strict.parse::<Siret>("732 829 320 00074").is_err());
/// assert!(ParseOptions::default().parse::<Siret>("732 829 320 00074").is_ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ParseOptions {
    /// Bare digits only.
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub strict: bool,
}

impl ParseOptions {
    /// `input` parsed as a `T` (a [`Siren`], [`Siret`], [`Nic`] or [`Tva`]) by these options.
    ///
    /// # Errors
    ///
    /// The parser's [`SiretError`](super::SiretError).
    ///
    /// ```
    /// use apart::siret::{Nic, ParseOptions};
    /// let nic: Nic = ParseOptions { strict: true }.parse("00074")?;
    /// assert_eq!(nic.rank(), 7);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse<T: Parsed>(self, input: &str) -> Result<T, super::SiretError> {
        if self.strict {
            T::parse_strict(input)
        } else {
            T::parse(input)
        }
    }
}

/// The identifiers [`ParseOptions::parse`] reads, each with its record.
///
/// ```
/// use apart::siret::{Parsed, Siren};
/// assert_eq!(<Siren as Parsed>::parse_strict("732829320")?.as_str(), "732829320");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Parsed: Sized {
    /// The record of the identifier.
    type Record: Serialize + From<Self>;
    /// The lenient parser.
    ///
    /// # Errors
    ///
    /// The identifier's [`SiretError`](super::SiretError).
    fn parse(input: &str) -> Result<Self, super::SiretError>;
    /// The strict parser.
    ///
    /// # Errors
    ///
    /// The identifier's [`SiretError`](super::SiretError).
    fn parse_strict(input: &str) -> Result<Self, super::SiretError>;
}

macro_rules! parsed {
    ($($t:ident => $record:ident),*) => {$(
        impl Parsed for $t {
            type Record = $record;
            fn parse(input: &str) -> Result<Self, super::SiretError> {
                $t::parse(input)
            }
            fn parse_strict(input: &str) -> Result<Self, super::SiretError> {
                $t::parse_strict(input)
            }
        }
    )*};
}
parsed!(Siren => SirenRecord, Siret => SiretRecord, Nic => NicRecord, Tva => TvaRecord);

/// A valid SIREN and what derives from it.
///
/// ```
/// use apart::siret::{Siren, SirenRecord};
/// let record = SirenRecord::from(Siren::parse("732 829 320")?);
/// assert_eq!(record.formatted, "732 829 320");
/// assert_eq!(record.tva, "FR44732829320");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SirenRecord {
    /// The nine digits.
    pub siren: String,
    /// Spaced: `732 829 320`.
    pub formatted: String,
    /// The company's TVA number: `FR44732829320`.
    pub tva: String,
    /// La Poste's SIREN `356000000`, whose establishments follow their own check rule.
    pub is_la_poste: bool,
}

impl From<Siren> for SirenRecord {
    fn from(s: Siren) -> Self {
        SirenRecord {
            siren: s.as_str().to_owned(),
            formatted: s.to_string(),
            tva: s.tva().as_str().to_owned(),
            is_la_poste: s.is_la_poste(),
        }
    }
}

/// A valid SIRET and what derives from it.
///
/// ```
/// use apart::siret::{Siret, SiretRecord};
/// let record = SiretRecord::from(Siret::parse("73282932000074")?);
/// assert_eq!((record.siren.as_str(), record.nic.as_str()), ("732829320", "00074"));
/// assert_eq!(record.formatted, "732 829 320 00074");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SiretRecord {
    /// The fourteen digits.
    pub siret: String,
    /// The company: the first nine digits.
    pub siren: String,
    /// The establishment: the last five digits.
    pub nic: String,
    /// Spaced: `732 829 320 00074`.
    pub formatted: String,
    /// The company's TVA number.
    pub tva: String,
    /// Whether the SIREN is La Poste's.
    pub is_la_poste: bool,
}

impl From<Siret> for SiretRecord {
    fn from(s: Siret) -> Self {
        SiretRecord {
            siret: s.as_str().to_owned(),
            siren: s.siren().as_str().to_owned(),
            nic: s.nic().as_str().to_owned(),
            formatted: s.to_string(),
            tva: s.tva().as_str().to_owned(),
            is_la_poste: s.is_la_poste(),
        }
    }
}

/// A NIC (any five digits: its check is the SIRET's) and what derives from it.
///
/// ```
/// use apart::siret::{Nic, NicRecord};
/// let record = NicRecord::from(Nic::parse("00074")?);
/// assert_eq!((record.rank, record.check_digit), (7, 4));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NicRecord {
    /// The five digits.
    pub nic: String,
    /// The establishment's rank: the first four digits as a number.
    pub rank: u16,
    /// The last digit.
    pub check_digit: u8,
}

impl From<Nic> for NicRecord {
    fn from(n: Nic) -> Self {
        NicRecord {
            nic: n.as_str().to_owned(),
            rank: n.rank(),
            check_digit: n.check_digit(),
        }
    }
}

/// A valid French TVA number and what derives from it.
///
/// ```
/// use apart::siret::{Tva, TvaRecord};
/// let record = TvaRecord::from(Tva::parse("FR 44 732 829 320")?);
/// assert_eq!((record.key, record.siren.as_deref()), (44, Some("732829320")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TvaRecord {
    /// Compact: `FR44732829320`.
    pub tva: String,
    /// Spaced: `FR 44 732 829 320`.
    pub formatted: String,
    /// The two-digit key, 0 to 96.
    pub key: u8,
    /// The SIREN inside, `null` for a Monaco number.
    pub siren: Option<String>,
    /// A Monaco number (`FR` + key + `000` + 6 digits).
    pub is_monaco: bool,
}

impl From<Tva> for TvaRecord {
    fn from(t: Tva) -> Self {
        TvaRecord {
            tva: t.as_str().to_owned(),
            formatted: t.to_string(),
            key: t.key(),
            siren: t.siren().map(|s| s.as_str().to_owned()),
            is_monaco: t.is_monaco(),
        }
    }
}

/// An identifier of any kind, as [`detect`](super::detect) tells it.
///
/// ```
/// use apart::siret::{IdentifierKind, IdentifierRecord, detect};
/// let record = IdentifierRecord::from(detect("FR 44 732 829 320")?);
/// assert_eq!(record.kind, IdentifierKind::Tva);
/// assert_eq!(record.siren.as_deref(), Some("732829320"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IdentifierRecord {
    /// Which kind it is.
    pub kind: IdentifierKind,
    /// The compact form.
    pub compact: String,
    /// The spaced form.
    pub formatted: String,
    /// The SIREN, for a SIREN, a SIRET or a (non-Monaco) TVA number.
    pub siren: Option<String>,
    /// The company's TVA number.
    pub tva: String,
}

impl From<Identifier> for IdentifierRecord {
    fn from(id: Identifier) -> Self {
        IdentifierRecord {
            kind: id.kind(),
            compact: id.as_str().to_owned(),
            formatted: id.to_string(),
            siren: id.siren().map(|s| s.as_str().to_owned()),
            tva: id.tva().as_str().to_owned(),
        }
    }
}

/// One refused input of a [`SiretReport`].
///
/// ```
/// use apart::siret::SiretReport;
/// let mut report = SiretReport::default();
/// report.check("732829320");
/// assert_eq!(report.invalid[0].code, "IDENTIFIER_INVALID_LENGTH");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SiretProblem {
    /// Its index in the inputs.
    pub index: u32,
    /// The input as given.
    pub input: String,
    /// The error's code.
    pub code: String,
    /// The error's French message.
    pub message: String,
}

/// A column of SIRETs checked at once (lenient parsing): how many are valid, and each refused
/// one with its code and message.
///
/// ```
/// use apart::siret::SiretReport;
/// let mut report = SiretReport::default();
/// for input in ["732 829 320 00074", "73282932000075"] {
///     report.check(input);
/// }
/// assert_eq!(report.valid, 1);
/// assert_eq!((report.invalid[0].index, report.invalid[0].code.as_str()), (1, "SIRET_INVALID_KEY"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SiretReport {
    /// How many inputs are valid SIRETs.
    pub valid: u32,
    /// Every refused input, in order.
    pub invalid: Vec<SiretProblem>,
}

impl SiretReport {
    /// Checks the next input (its index is the number checked before it).
    ///
    /// ```
    /// use apart::siret::SiretReport;
    /// let mut report = SiretReport::default();
    /// report.check("73282932000074");
    /// assert_eq!((report.valid, report.invalid.len()), (1, 0));
    /// ```
    pub fn check(&mut self, input: &str) {
        match Siret::parse(input) {
            Ok(_) => self.valid = self.valid.saturating_add(1),
            Err(e) => {
                let index = u32::try_from(self.invalid.len()).unwrap_or(u32::MAX);
                self.invalid.push(SiretProblem {
                    index: index.saturating_add(self.valid),
                    input: input.to_owned(),
                    code: e.code().to_owned(),
                    message: e.message(Lang::Fr),
                });
            }
        }
    }
}
