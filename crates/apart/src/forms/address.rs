//! The street fields of the establishment's address (spec §4.7, §10 Q14): « N° de voie »,
//! « Extension de voie » and « Type de voie ». The libellé, complément, code postal and ville
//! use [`TextRules`](crate::forms::TextRules), [`PostalCodeFr`](crate::forms::PostalCodeFr)
//! and [`City`](crate::forms::City).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::diagnostic::{Detail, DetailValue, Diagnostic, Lang, french_display, quote};

/// The longest street number, in digits (spec §4.7: « N° de voie: digits, 0–5 »).
pub const STREET_NUMBER_MAX_DIGITS: usize = 5;

/// « N° de voie »: 1 to 5 ASCII digits, kept as typed (leading zeros included). An empty field
/// is `None` at the form level: the number is optional.
///
/// ```
/// use apart::forms::StreetNumber;
/// assert_eq!(StreetNumber::parse(" 12 ")?.unwrap().as_str(), "12");
/// assert_eq!(StreetNumber::parse("")?, None);
/// assert!(StreetNumber::parse("12b").is_err()); // « bis » goes in the extension
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StreetNumber(String);

/// Why a street field was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AddressError {
    /// A street number that is not 1–5 digits.
    StreetNumber {
        /// The number of characters found.
        len: usize,
    },
    /// An extension other than `B`, `T`, `Q`, `C` (or bis, ter, quater, quinquies).
    StreetExtension {
        /// The value given, quoted (`diagnostic::quote`: short, control characters escaped).
        found: String,
    },
}

impl Diagnostic for AddressError {
    fn family(&self) -> crate::diagnostic::Family {
        crate::diagnostic::Family::Form
    }

    fn code(&self) -> &'static str {
        match self {
            AddressError::StreetNumber { .. } => "STREET_NUMBER_INVALID",
            AddressError::StreetExtension { .. } => "STREET_EXTENSION_INVALID",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (AddressError::StreetNumber { .. }, Lang::En) => {
                "the street number has 1 to 5 digits".into()
            }
            (AddressError::StreetNumber { .. }, _) => {
                "le numéro de voie comporte de 1 à 5 chiffres".into()
            }
            (AddressError::StreetExtension { found }, Lang::En) => {
                format!("unknown street number extension '{found}': expected B, T, Q or C")
            }
            (AddressError::StreetExtension { found }, _) => {
                format!("extension de voie '{found}' inconnue : attendu B, T, Q ou C")
            }
        }
    }

    fn details(&self) -> Vec<Detail> {
        match self {
            AddressError::StreetNumber { len } => vec![("len", DetailValue::from(*len))],
            AddressError::StreetExtension { found } => {
                vec![("found", DetailValue::from(found.as_str()))]
            }
        }
    }
}

french_display!(AddressError);

impl StreetNumber {
    /// Parses an optional street number: `Ok(None)` for an empty field.
    ///
    /// # Errors
    ///
    /// `STREET_NUMBER_INVALID` for anything but 1–5 ASCII digits.
    pub fn parse(input: &str) -> Result<Option<StreetNumber>, AddressError> {
        let s = input.trim();
        if s.is_empty() {
            return Ok(None);
        }
        if s.len() > STREET_NUMBER_MAX_DIGITS || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(AddressError::StreetNumber {
                len: s.chars().count(),
            });
        }
        Ok(Some(StreetNumber(s.to_owned())))
    }

    /// The digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for StreetNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for StreetNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for StreetNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        match StreetNumber::parse(&s) {
            Ok(Some(n)) => Ok(n),
            Ok(None) => Err(serde::de::Error::custom("empty street number")),
            Err(e) => Err(crate::diagnostic::de_refusal(e)),
        }
    }
}

/// « Extension de voie »: `B` (bis), `T` (ter), `Q` (quater), `C` (quinquies) (spec §4.7).
///
/// Serialises as the one-letter code.
///
/// ```
/// use apart::forms::StreetExtension;
/// assert_eq!(StreetExtension::parse("bis")?, Some(StreetExtension::Bis));
/// assert_eq!(StreetExtension::parse("T")?, Some(StreetExtension::Ter));
/// assert_eq!(StreetExtension::parse("")?, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum StreetExtension {
    /// « bis », `B`.
    #[serde(rename = "B")]
    Bis,
    /// « ter », `T`.
    #[serde(rename = "T")]
    Ter,
    /// « quater », `Q`.
    #[serde(rename = "Q")]
    Quater,
    /// « quinquies », `C`.
    #[serde(rename = "C")]
    Quinquies,
}

impl StreetExtension {
    /// Every extension, in the form's order.
    pub const ALL: [StreetExtension; 4] = [
        StreetExtension::Bis,
        StreetExtension::Ter,
        StreetExtension::Quater,
        StreetExtension::Quinquies,
    ];

    /// Parses the code (`B`, `T`, `Q`, `C`) or the word (bis, ter, quater, quinquies), any
    /// case; `Ok(None)` for an empty field.
    ///
    /// # Errors
    ///
    /// `STREET_EXTENSION_INVALID` for anything else.
    pub fn parse(input: &str) -> Result<Option<StreetExtension>, AddressError> {
        let s = input.trim().to_ascii_lowercase();
        Ok(Some(match s.as_str() {
            "" => return Ok(None),
            "b" | "bis" => StreetExtension::Bis,
            "t" | "ter" => StreetExtension::Ter,
            "q" | "quater" => StreetExtension::Quater,
            "c" | "quinquies" => StreetExtension::Quinquies,
            _ => {
                return Err(AddressError::StreetExtension {
                    found: quote(input.trim()),
                });
            }
        }))
    }

    /// The one-letter code of the form.
    pub fn code(self) -> &'static str {
        match self {
            StreetExtension::Bis => "B",
            StreetExtension::Ter => "T",
            StreetExtension::Quater => "Q",
            StreetExtension::Quinquies => "C",
        }
    }

    /// The word written in an address (« bis »).
    pub fn label(self) -> &'static str {
        match self {
            StreetExtension::Bis => "bis",
            StreetExtension::Ter => "ter",
            StreetExtension::Quater => "quater",
            StreetExtension::Quinquies => "quinquies",
        }
    }
}

impl FromStr for StreetExtension {
    type Err = AddressError;
    /// Like [`StreetExtension::parse`], an empty text being an error.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        StreetExtension::parse(s)?.ok_or(AddressError::StreetExtension {
            found: String::new(),
        })
    }
}

/// Common « type de voie » abbreviations, offered as a list; the field itself is free text
/// (§10 Q14). Pairs of (abbreviation, label), following the usual La Poste / BAN forms.
pub const STREET_TYPES: &[(&str, &str)] = &[
    ("ALL", "Allée"),
    ("AV", "Avenue"),
    ("BD", "Boulevard"),
    ("CAR", "Carrefour"),
    ("CHE", "Chemin"),
    ("CHS", "Chaussée"),
    ("CITE", "Cité"),
    ("COR", "Corniche"),
    ("CRS", "Cours"),
    ("DOM", "Domaine"),
    ("FG", "Faubourg"),
    ("HAM", "Hameau"),
    ("IMP", "Impasse"),
    ("LD", "Lieu-dit"),
    ("PASS", "Passage"),
    ("PL", "Place"),
    ("QUA", "Quartier"),
    ("QUAI", "Quai"),
    ("RES", "Résidence"),
    ("RPT", "Rond-point"),
    ("RTE", "Route"),
    ("RUE", "Rue"),
    ("SQ", "Square"),
    ("ZA", "Zone d'activité"),
    ("ZAC", "Zone d'aménagement concerté"),
    ("ZI", "Zone industrielle"),
];

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn street_number() {
        assert_eq!(StreetNumber::parse("1").unwrap().unwrap().as_str(), "1");
        assert_eq!(
            StreetNumber::parse("12345").unwrap().unwrap().as_str(),
            "12345"
        );
        assert_eq!(StreetNumber::parse("  ").unwrap(), None);
        assert_eq!(
            StreetNumber::parse("123456").unwrap_err(),
            AddressError::StreetNumber { len: 6 }
        );
        assert_eq!(
            StreetNumber::parse("12 bis").unwrap_err().code(),
            "STREET_NUMBER_INVALID"
        );
        assert_eq!(
            StreetNumber::parse("-1").unwrap_err().code(),
            "STREET_NUMBER_INVALID"
        );
    }

    #[test]
    fn extension() {
        for e in StreetExtension::ALL {
            assert_eq!(StreetExtension::parse(e.code()).unwrap(), Some(e));
            assert_eq!(StreetExtension::parse(e.label()).unwrap(), Some(e));
            let json = serde_json::to_string(&e).unwrap();
            assert_eq!(json, format!("\"{}\"", e.code()));
            assert_eq!(serde_json::from_str::<StreetExtension>(&json).unwrap(), e);
        }
        assert_eq!(
            StreetExtension::parse(" BIS ").unwrap(),
            Some(StreetExtension::Bis)
        );
        assert_eq!(
            StreetExtension::parse("A").unwrap_err().code(),
            "STREET_EXTENSION_INVALID"
        );
        assert!("".parse::<StreetExtension>().is_err());
    }

    #[test]
    fn street_types_unique() {
        let mut codes: Vec<_> = STREET_TYPES.iter().map(|(c, _)| *c).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), STREET_TYPES.len());
    }

    proptest! {
        #[test]
        fn no_panic(s in any::<String>()) {
            let _ = StreetNumber::parse(&s);
            let _ = StreetExtension::parse(&s);
        }
    }
}
