//! French postal codes and the « Ville » field (spec §4.3, §10 Q11).
//!
//! The checks are structural only: five digits in a known area. Whether a code exists, and
//! whether it belongs to the city, needs La Poste's data set, which the library does not ship.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Detail, DetailValue, Diagnostic, Lang, french_display};
use crate::forms::text::{TextError, TextRules};

/// Where a postal code belongs, from its first digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum PostalArea {
    /// Mainland departments `01`–`95` (Corsica excepted).
    Mainland,
    /// Corsica, `20xxx` (2A and 2B never appear in postal codes).
    Corsica,
    /// Overseas, `971`–`978` and `984`, `986`–`988`.
    Overseas,
    /// Monaco, `980xx` in the French system.
    Monaco,
}

impl PostalArea {
    /// Every area, in order.
    pub const ALL: &'static [PostalArea] = &[
        PostalArea::Mainland,
        PostalArea::Corsica,
        PostalArea::Overseas,
        PostalArea::Monaco,
    ];

    /// The JSON spelling (`mainland`, `corsica`, `overseas`, `monaco`).
    ///
    /// ```
    /// use apart::forms::PostalArea;
    /// assert_eq!(PostalArea::Corsica.as_str(), "corsica");
    /// for area in PostalArea::ALL {
    ///     assert_eq!(serde_json::to_value(area)?, area.as_str());
    /// }
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            PostalArea::Mainland => "mainland",
            PostalArea::Corsica => "corsica",
            PostalArea::Overseas => "overseas",
            PostalArea::Monaco => "monaco",
        }
    }
}

/// A structurally valid French postal code: five ASCII digits, prefix `01`–`95`, `97[1-8]` or
/// `98[046-8]`.
///
/// `Display` and serde give the five digits.
///
/// ```
/// use apart::forms::{PostalArea, PostalCodeFr};
/// let p = PostalCodeFr::parse(" 20000 ")?;
/// assert_eq!(p.as_str(), "20000");
/// assert_eq!(p.area(), PostalArea::Corsica);
/// assert!(PostalCodeFr::parse("00100").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, eq, hash, module = "apart.forms")
)]
pub struct PostalCodeFr([u8; 5]);

/// Why a postal code was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PostalCodeError {
    /// Nothing was given.
    Empty,
    /// Not exactly five digits.
    Format {
        /// The number of characters found after trimming.
        len: usize,
    },
    /// `00xxx`: no department 00.
    Invalid,
    /// Five digits in no known area (`96xxx`, `979xx`, `99xxx`, …).
    UnknownArea {
        /// The first three digits.
        prefix: String,
    },
}

impl Diagnostic for PostalCodeError {
    fn family(&self) -> crate::diagnostic::Family {
        crate::diagnostic::Family::Form
    }

    fn code(&self) -> &'static str {
        match self {
            PostalCodeError::Empty => "POSTAL_CODE_REQUIRED",
            PostalCodeError::Format { .. } => "POSTAL_CODE_FORMAT",
            PostalCodeError::Invalid => "POSTAL_CODE_INVALID",
            PostalCodeError::UnknownArea { .. } => "POSTAL_CODE_UNKNOWN_AREA",
        }
    }

    fn message(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        match self {
            PostalCodeError::Empty if en => "postal code required".into(),
            PostalCodeError::Empty => "code postal obligatoire".into(),
            PostalCodeError::Format { .. } if en => {
                "a postal code is 5 digits, without letters (Corsica's are 20xxx, not 2A/2B)".into()
            }
            PostalCodeError::Format { .. } => {
                "un code postal s'écrit avec 5 chiffres, sans lettre (la Corse : 20xxx, pas 2A/2B)"
                    .into()
            }
            PostalCodeError::Invalid if en => "invalid postal code: no department 00".into(),
            PostalCodeError::Invalid => "code postal invalide : pas de département 00".into(),
            PostalCodeError::UnknownArea { prefix } if en => {
                format!("postal code in no known area (starts with {prefix})")
            }
            PostalCodeError::UnknownArea { prefix } => {
                format!("code postal hors des zones connues (commence par {prefix})")
            }
        }
    }

    fn details(&self) -> Vec<Detail> {
        match self {
            PostalCodeError::Empty | PostalCodeError::Invalid => Vec::new(),
            PostalCodeError::Format { len } => vec![("len", DetailValue::from(*len))],
            PostalCodeError::UnknownArea { prefix } => {
                vec![("prefix", DetailValue::from(prefix.as_str()))]
            }
        }
    }
}

french_display!(PostalCodeError);

impl PostalCodeFr {
    /// Parses a postal code (spec §4.3): trimmed, five digits, a known area.
    ///
    /// # Errors
    ///
    /// `POSTAL_CODE_REQUIRED` when empty, `POSTAL_CODE_FORMAT` when not five ASCII digits,
    /// `POSTAL_CODE_INVALID` for `00xxx`, `POSTAL_CODE_UNKNOWN_AREA` for any other prefix
    /// outside `01`–`95`, `97[1-8]`, `98[046-8]`.
    pub fn parse(input: &str) -> Result<PostalCodeFr, PostalCodeError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(PostalCodeError::Empty);
        }
        let digits: [u8; 5] = match <[u8; 5]>::try_from(s.as_bytes()) {
            Ok(d) if d.iter().all(u8::is_ascii_digit) => d,
            _ => {
                return Err(PostalCodeError::Format {
                    len: s.chars().count(),
                });
            }
        };
        let [a, b, c, _, _] = digits;
        let known = match (a, b) {
            (b'0', b'0') => return Err(PostalCodeError::Invalid),
            (b'0'..=b'8', _) | (b'9', b'0'..=b'5') => true,
            (b'9', b'7') => matches!(c, b'1'..=b'8'),
            (b'9', b'8') => matches!(c, b'0' | b'4' | b'6'..=b'8'),
            _ => false,
        };
        if !known {
            return Err(PostalCodeError::UnknownArea {
                prefix: s.get(..3).unwrap_or(s).to_owned(),
            });
        }
        Ok(PostalCodeFr(digits))
    }

    /// The five digits.
    pub fn as_str(&self) -> &str {
        // The bytes are ASCII digits, checked by `parse`.
        std::str::from_utf8(&self.0).unwrap_or("")
    }

    /// The area the code belongs to.
    pub fn area(&self) -> PostalArea {
        match self.0 {
            [b'2', b'0', ..] => PostalArea::Corsica,
            [b'9', b'8', b'0', ..] => PostalArea::Monaco,
            [b'9', b'7' | b'8', ..] => PostalArea::Overseas,
            _ => PostalArea::Mainland,
        }
    }
}

impl fmt::Display for PostalCodeFr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PostalCodeFr {
    type Err = PostalCodeError;
    /// Same as [`PostalCodeFr::parse`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PostalCodeFr::parse(s)
    }
}

super::serde_via_parse!(PostalCodeFr, |v| v.as_str(), |s| PostalCodeFr::parse(s));

/// The « Ville » field: a city name of 1–60 UTF-16 units, with an optional trailing CEDEX
/// mention normalised to `CEDEX` or `CEDEX nn` (spec §4.3 step 4).
///
/// The name is kept as typed (after text normalisation); only the CEDEX mention is rewritten.
/// `Display` and serde give the full normalised text.
///
/// ```
/// use apart::forms::City;
/// let c = City::parse("Paris cedex07")?;
/// assert_eq!(c.as_str(), "Paris CEDEX 07");
/// assert_eq!(c.name(), "Paris");
/// assert_eq!(c.cedex(), Some("07"));
/// assert_eq!(City::parse("Lyon")?.cedex(), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, eq, hash, module = "apart.forms")
)]
pub struct City {
    text: String,
    /// Byte length of the name part of `text`.
    name_len: usize,
    /// The CEDEX office number: `None` without CEDEX, `Some("")` for a bare `CEDEX`.
    cedex: Option<String>,
}

/// Why a city was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CityError {
    /// The text rules (required, length, control characters).
    Text(TextError),
    /// A CEDEX mention followed by something other than 1–2 digits, or with no city name.
    InvalidCedex,
}

impl From<TextError> for CityError {
    fn from(e: TextError) -> Self {
        CityError::Text(e)
    }
}

impl Diagnostic for CityError {
    fn family(&self) -> crate::diagnostic::Family {
        crate::diagnostic::Family::Form
    }

    fn code(&self) -> &'static str {
        match self {
            CityError::Text(e) => e.code(),
            CityError::InvalidCedex => "CITY_INVALID_CEDEX",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CityError::Text(e), _) => e.message(lang),
            (CityError::InvalidCedex, Lang::En) => {
                "invalid CEDEX mention: expected city name, CEDEX and at most 2 digits".into()
            }
            (CityError::InvalidCedex, _) => {
                "mention CEDEX invalide : attendu le nom de la ville, CEDEX et au plus 2 chiffres"
                    .into()
            }
        }
    }

    fn details(&self) -> Vec<Detail> {
        match self {
            CityError::Text(e) => e.details(),
            CityError::InvalidCedex => Vec::new(),
        }
    }
}

french_display!(CityError);

/// Splits `text` into (name, cedex digits) when it ends with a CEDEX mention.
///
/// `Ok(None)`: no CEDEX word. `Err`: a CEDEX word that is not a valid suffix.
fn split_cedex(text: &str) -> Result<Option<(&str, &str)>, CityError> {
    // Find the last occurrence of the word "cedex", any case (ASCII: byte search is safe).
    let lower = text.to_ascii_lowercase();
    let Some(pos) = lower.rfind("cedex") else {
        return Ok(None);
    };
    let before = text.get(..pos).unwrap_or("");
    let after = text.get(pos + 5..).unwrap_or("");
    // "Cedexville": "cedex" starts a longer word, not a mention.
    if after
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic())
    {
        return Ok(None);
    }
    // "cedex" must be a word of its own, preceded by a space.
    if !before.ends_with(' ') {
        // Part of another word, such as a name containing "cedex": not a mention.
        return if before.is_empty() {
            Err(CityError::InvalidCedex)
        } else {
            Ok(None)
        };
    }
    let digits = after.trim_start_matches(' ');
    if !(digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit())) {
        return Err(CityError::InvalidCedex);
    }
    let name = before.trim_end();
    if name.is_empty() {
        return Err(CityError::InvalidCedex);
    }
    Ok(Some((name, digits)))
}

impl City {
    /// Parses a city with the default rules (1–60, single line).
    ///
    /// # Errors
    ///
    /// See [`City::parse_with`].
    pub fn parse(input: &str) -> Result<City, CityError> {
        City::parse_with(input, TextRules::CITY)
    }

    /// Parses a city: text normalisation and `rules` (measured on the normalised result, CEDEX
    /// mention included), then the CEDEX suffix is recognised and normalised.
    ///
    /// # Errors
    ///
    /// `TEXT_REQUIRED`, `TEXT_TOO_SHORT`, `TEXT_TOO_LONG`, `TEXT_CONTROL_CHAR` from the text
    /// rules; `CITY_INVALID_CEDEX` for `CEDEX` alone, or followed by more than two digits.
    pub fn parse_with(input: &str, rules: TextRules) -> Result<City, CityError> {
        // The maximum is checked on the result, below; inverted rules are refused first.
        if rules.min > rules.max {
            return Err(CityError::Text(TextError::RulesInverted {
                min: rules.min,
                max: rules.max,
            }));
        }
        let text = TextRules {
            max: usize::MAX,
            ..rules
        }
        .check(input)?;
        let (text, name_len, cedex) = match split_cedex(&text)? {
            None => {
                let len = text.len();
                (text, len, None)
            }
            Some((name, digits)) => {
                let full = if digits.is_empty() {
                    format!("{name} CEDEX")
                } else {
                    format!("{name} CEDEX {digits}")
                };
                (full, name.len(), Some(digits.to_owned()))
            }
        };
        let len = crate::forms::text::utf16_len(&text);
        if len > rules.max {
            return Err(CityError::Text(TextError::TooLong {
                max: rules.max,
                len,
            }));
        }
        Ok(City {
            text,
            name_len,
            cedex,
        })
    }

    /// The normalised text, CEDEX mention included.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The city name without the CEDEX mention.
    pub fn name(&self) -> &str {
        self.text.get(..self.name_len).unwrap_or("")
    }

    /// The CEDEX office number: `None` without CEDEX, `Some("")` for a bare `CEDEX`.
    pub fn cedex(&self) -> Option<&str> {
        self.cedex.as_deref()
    }

    /// Whether the city carries a CEDEX mention.
    pub fn is_cedex(&self) -> bool {
        self.cedex.is_some()
    }
}

impl fmt::Display for City {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

super::serde_via_parse!(City, |v| &v.text, |s| City::parse(s));

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

    fn code(s: &str) -> &'static str {
        PostalCodeFr::parse(s).unwrap_err().code()
    }

    /// Spec §4.3 (frwiki « Code postal en France »): areas and their exceptions.
    #[test]
    fn areas() {
        for (s, area) in [
            ("01000", PostalArea::Mainland),
            ("75001", PostalArea::Mainland),
            ("75700", PostalArea::Mainland), // a CEDEX code: same shape
            ("95000", PostalArea::Mainland),
            ("20000", PostalArea::Corsica),  // Ajaccio (2A)
            ("20200", PostalArea::Corsica),  // Bastia (2B)
            ("97100", PostalArea::Overseas), // Guadeloupe
            ("97133", PostalArea::Overseas), // Saint-Barthélemy
            ("97150", PostalArea::Overseas), // Saint-Martin
            ("97200", PostalArea::Overseas), // Martinique
            ("97300", PostalArea::Overseas), // Guyane
            ("97400", PostalArea::Overseas), // Réunion
            ("97500", PostalArea::Overseas), // Saint-Pierre-et-Miquelon
            ("97600", PostalArea::Overseas), // Mayotte
            ("98000", PostalArea::Monaco),   // Monaco
            ("98400", PostalArea::Overseas), // TAAF
            ("98600", PostalArea::Overseas), // Wallis-et-Futuna
            ("98700", PostalArea::Overseas), // Polynésie
            ("98800", PostalArea::Overseas), // Nouvelle-Calédonie
        ] {
            let p = PostalCodeFr::parse(s).unwrap();
            assert_eq!(p.area(), area, "{s}");
            assert_eq!(p.to_string(), s);
        }
    }

    #[test]
    fn refusals() {
        assert_eq!(code(""), "POSTAL_CODE_REQUIRED");
        assert_eq!(code("00100"), "POSTAL_CODE_INVALID");
        assert_eq!(code("00000"), "POSTAL_CODE_INVALID");
        assert_eq!(code("96000"), "POSTAL_CODE_UNKNOWN_AREA");
        assert_eq!(code("97000"), "POSTAL_CODE_UNKNOWN_AREA");
        assert_eq!(code("97900"), "POSTAL_CODE_UNKNOWN_AREA");
        assert_eq!(code("98100"), "POSTAL_CODE_UNKNOWN_AREA");
        assert_eq!(code("98500"), "POSTAL_CODE_UNKNOWN_AREA");
        assert_eq!(code("98900"), "POSTAL_CODE_UNKNOWN_AREA");
        assert_eq!(code("99000"), "POSTAL_CODE_UNKNOWN_AREA");
        assert_eq!(code("2A000"), "POSTAL_CODE_FORMAT");
        assert_eq!(code("7500"), "POSTAL_CODE_FORMAT");
        assert_eq!(code("750001"), "POSTAL_CODE_FORMAT");
        assert_eq!(code("75 001"), "POSTAL_CODE_FORMAT");
        assert_eq!(code("७५००१"), "POSTAL_CODE_FORMAT"); // non-ASCII digits
        assert_eq!(
            PostalCodeFr::parse("97900").unwrap_err(),
            PostalCodeError::UnknownArea {
                prefix: "979".into()
            }
        );
        assert_eq!(PostalCodeFr::parse(" 75001\t").unwrap().as_str(), "75001");
    }

    /// Spec §4.3 step 4: CEDEX mention normalised to upper case.
    #[test]
    fn cedex() {
        for (input, text, name, cedex) in [
            ("Paris", "Paris", "Paris", None),
            ("Paris Cedex", "Paris CEDEX", "Paris", Some("")),
            ("PARIS CEDEX 07", "PARIS CEDEX 07", "PARIS", Some("07")),
            ("paris cedex07", "paris CEDEX 07", "paris", Some("07")),
            ("Lyon  cedex  3", "Lyon CEDEX 3", "Lyon", Some("3")),
            (
                "Saint-Étienne Cedex 1",
                "Saint-Étienne CEDEX 1",
                "Saint-Étienne",
                Some("1"),
            ),
            (
                "L'Haÿ-les-Roses",
                "L'Haÿ-les-Roses",
                "L'Haÿ-les-Roses",
                None,
            ),
        ] {
            let c = City::parse(input).unwrap();
            assert_eq!(c.as_str(), text);
            assert_eq!(c.name(), name);
            assert_eq!(c.cedex(), cedex);
        }
        assert_eq!(
            City::parse("CEDEX").unwrap_err().code(),
            "CITY_INVALID_CEDEX"
        );
        assert_eq!(
            City::parse("Paris CEDEX 123").unwrap_err().code(),
            "CITY_INVALID_CEDEX"
        );
        assert_eq!(
            City::parse("Paris CEDEX A").unwrap_err().code(),
            "CITY_INVALID_CEDEX"
        );
        assert_eq!(City::parse("  ").unwrap_err().code(), "TEXT_REQUIRED");
        assert_eq!(
            City::parse(&"x".repeat(61)).unwrap_err().code(),
            "TEXT_TOO_LONG"
        );
        assert_eq!(
            City::parse("Paris\nLyon").unwrap_err().code(),
            "TEXT_CONTROL_CHAR"
        );
    }

    #[test]
    fn serde() {
        let p = PostalCodeFr::parse("20000").unwrap();
        assert_eq!(serde_json::to_string(&p).unwrap(), "\"20000\"");
        assert_eq!(
            serde_json::from_str::<PostalCodeFr>("\"20000\"").unwrap(),
            p
        );
        assert!(serde_json::from_str::<PostalCodeFr>("\"00000\"").is_err());
        let c = City::parse("paris cedex 7").unwrap();
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"paris CEDEX 7\"");
        assert_eq!(
            serde_json::from_str::<City>("\"paris CEDEX 7\"").unwrap(),
            c
        );
    }

    proptest! {
        #[test]
        fn no_panic(s in any::<String>()) {
            let _ = PostalCodeFr::parse(&s);
            let _ = City::parse(&s);
        }

        #[test]
        fn postal_round_trip(s in "[0-9]{5}") {
            if let Ok(p) = PostalCodeFr::parse(&s) {
                prop_assert_eq!(p.as_str(), s.as_str());
                prop_assert_eq!(PostalCodeFr::parse(&p.to_string()).unwrap(), p);
            }
        }

        #[test]
        fn city_round_trip(s in "[a-zA-Zé' -]{0,30}( [cC][eE][dD][eE][xX]( ?[0-9]{1,2})?)?") {
            if let Ok(c) = City::parse(&s) {
                prop_assert_eq!(City::parse(c.as_str()).unwrap(), c);
            }
        }
    }
}
