//! French telephone numbers: mainland, overseas departments and, behind a policy flag, the
//! overseas collectivities (spec §4.2).
//!
//! The rules are written in house (the prefix table in `prefixes.rs`, the parser here) rather
//! than taken from the `phonenumber` crate, whose dependencies are heavy for the bindings (spec §4.2, D11). The
//! prefix table follows libphonenumber's metadata 9.0.33 for the overseas territories.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod error;
mod prefixes;

pub use error::PhoneError;
use prefixes::{COLLECTIVITIES, classify_collectivity, classify_nsn};

crate::spelled_enum! {
    /// An overseas territory with its own country calling code (not the pay territory of the
    /// indemnity, which says which minimum wage applies).
    #[derive(PartialOrd, Ord)]
    #[non_exhaustive]
    #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
    pub enum PhoneTerritory: "phone_territory" {
        /// La Réunion (+262).
        Reunion = "reunion",
        /// Mayotte (+262).
        Mayotte = "mayotte",
        /// Guadeloupe, Saint-Barthélemy and Saint-Martin (+590).
        Guadeloupe = "guadeloupe",
        /// Martinique (+596).
        Martinique = "martinique",
        /// Guyane (+594).
        Guyane = "guyane",
        /// Saint-Pierre-et-Miquelon (+508, 6 digits): only with [`PhonePolicy::collectivities`].
        SaintPierreEtMiquelon = "saint_pierre_et_miquelon",
        /// Nouvelle-Calédonie (+687, 6 digits): only with [`PhonePolicy::collectivities`].
        NouvelleCaledonie = "nouvelle_caledonie",
        /// Polynésie française (+689, 8 digits): only with [`PhonePolicy::collectivities`].
        PolynesieFrancaise = "polynesie_francaise",
        /// Wallis-et-Futuna (+681, 6 digits): only with [`PhonePolicy::collectivities`].
        WallisEtFutuna = "wallis_et_futuna",
    }
}

impl PhoneTerritory {
    /// The country calling code, without `+`.
    pub fn country_code(self) -> &'static str {
        match self {
            PhoneTerritory::Reunion | PhoneTerritory::Mayotte => "262",
            PhoneTerritory::Guadeloupe => "590",
            PhoneTerritory::Martinique => "596",
            PhoneTerritory::Guyane => "594",
            PhoneTerritory::SaintPierreEtMiquelon => "508",
            PhoneTerritory::NouvelleCaledonie => "687",
            PhoneTerritory::PolynesieFrancaise => "689",
            PhoneTerritory::WallisEtFutuna => "681",
        }
    }

    /// Whether the territory is a collectivity dialled in international form only (+508,
    /// +687, +689, +681), as opposed to an overseas department with a 10-digit national form.
    pub fn is_collectivity(self) -> bool {
        matches!(
            self,
            PhoneTerritory::SaintPierreEtMiquelon
                | PhoneTerritory::NouvelleCaledonie
                | PhoneTerritory::PolynesieFrancaise
                | PhoneTerritory::WallisEtFutuna
        )
    }
}

crate::spelled_enum! {
    /// The kind of line of an overseas number.
    #[derive(PartialOrd, Ord)]
    #[non_exhaustive]
    #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
    pub enum OverseasKind: "overseas_kind" {
        /// A geographic fixed line.
        Fixed = "fixed",
        /// A mobile line.
        Mobile = "mobile",
        /// Anything else (VoIP, special services, or a block whose use is not known).
        Other = "other",
    }
}

/// What kind of line a number is, from its prefix (spec §4.2 step 4).
///
/// Every phone field accepts every kind (§10 Q10); the kind lets a front end warn, for example
/// when « Téléphone fixe » holds a mobile number.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
#[non_exhaustive]
pub enum PhoneKind {
    /// Mainland geographic fixed line, `01` to `05`.
    Fixed,
    /// Mainland mobile, `06` and `07`.
    Mobile,
    /// Non-geographic (VoIP, « box »), `09`.
    Voip,
    /// Special services, `08` (free, shared cost, premium with [`PhonePolicy::allow_premium`]).
    Special,
    /// An overseas territory's number.
    Overseas {
        /// The territory.
        territory: PhoneTerritory,
        /// Its kind of line.
        kind: OverseasKind,
    },
}

impl PhoneKind {
    /// Whether this is a fixed line in the sense of Q10 (`01`–`05`, `09`, overseas fixed).
    pub fn is_fixed_line(self) -> bool {
        matches!(
            self,
            PhoneKind::Fixed
                | PhoneKind::Voip
                | PhoneKind::Overseas {
                    kind: OverseasKind::Fixed,
                    ..
                }
        )
    }
}

/// What [`PhoneFr::parse_with`] accepts beyond mainland and overseas-department numbers.
///
/// The default accepts every French number of the 10-digit plan except premium `089x`.
///
/// ```
/// use apart::forms::{PhoneFr, PhonePolicy};
/// let policy = PhonePolicy { collectivities: true, ..PhonePolicy::default() };
/// assert!(PhoneFr::parse_with("+687 12 34 56", policy).is_ok());
/// assert!(PhoneFr::parse("+687 12 34 56").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, eq, hash, get_all, from_py_object, module = "apart.forms")
)]
pub struct PhonePolicy {
    /// Accept Saint-Pierre-et-Miquelon (+508), Nouvelle-Calédonie (+687), Polynésie française
    /// (+689) and Wallis-et-Futuna (+681), in international form. Default: false.
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub collectivities: bool,
    /// Accept premium-rate `089x` numbers. Default: false (`PHONE_PREMIUM_RATE`).
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub allow_premium: bool,
    /// Accept only fixed lines (`01`–`05`, `09`, overseas fixed). Default: false (§10 Q10).
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub require_fixed_line: bool,
}

/// A French telephone number, stored in E.164 form.
///
/// Every value is a number of the French numbering plan that passed [`PhoneFr::parse_with`]:
/// mainland (+33) or overseas department (+262, +590, +594, +596) with a 9-digit national
/// significant number, or, if the policy allowed it, a collectivity (+508, +687, +689, +681).
///
/// `Display` gives the national form `0X XX XX XX XX` (collectivities: `+687 12 34 56`),
/// serde uses the E.164 string (`+33123456789`).
///
/// ```
/// use apart::forms::{PhoneFr, PhoneKind, PhoneTerritory, OverseasKind};
///
/// let p = PhoneFr::parse("+33 (0)6.12.34.56.78")?;
/// assert_eq!(p.e164(), "+33612345678");
/// assert_eq!(p.to_string(), "06 12 34 56 78");
/// assert_eq!(p.kind(), PhoneKind::Mobile);
///
/// let r = PhoneFr::parse("0262 12 34 56")?;
/// assert_eq!(r.e164(), "+262262123456");
/// assert_eq!(
///     r.kind(),
///     PhoneKind::Overseas { territory: PhoneTerritory::Reunion, kind: OverseasKind::Fixed }
/// );
/// assert!(PhoneFr::parse("08 99 12 34 56").is_err()); // premium rate
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, eq, hash, module = "apart.forms")
)]
pub struct PhoneFr {
    /// `+`, the country code, the national significant number: ASCII only.
    e164: String,
    kind: PhoneKind,
}

impl PhoneFr {
    /// Parses a number with the default [`PhonePolicy`].
    ///
    /// # Errors
    ///
    /// See [`PhoneFr::parse_with`].
    pub fn parse(input: &str) -> Result<PhoneFr, PhoneError> {
        PhoneFr::parse_with(input, PhonePolicy::default())
    }

    /// Parses a number as typed in a form (spec §4.2).
    ///
    /// Separators (white space, `.`, `-`, `/`, parentheses) are dropped, which also turns
    /// `+33 (0)1…` into `+3301…`. Accepted: `0` + 9 digits; `+33`, `0033`, `+262`, `+590`,
    /// `+594`, `+596` (or `00…`) + 9 digits, a trunk `0` after the country code being tolerated;
    /// with `policy.collectivities`, `+508`, `+687`, `+681` + 6 digits and `+689` + 8 digits.
    ///
    /// # Errors
    ///
    /// `PHONE_REQUIRED` when empty, `PHONE_INVALID_CHARACTER` for a letter or a misplaced `+`,
    /// `PHONE_INVALID_LENGTH`, `PHONE_INVALID_PREFIX` for `00…` national numbers,
    /// `PHONE_UNSUPPORTED_COUNTRY`, `PHONE_COUNTRY_CODE_MISMATCH` when the number's block belongs
    /// to another French country code, `PHONE_PREMIUM_RATE` for `089x` unless allowed, and
    /// `PHONE_NOT_FIXED_LINE` when the policy requires a fixed line.
    pub fn parse_with(input: &str, policy: PhonePolicy) -> Result<PhoneFr, PhoneError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(PhoneError::Empty);
        }
        // Keep digits and a leading '+'; drop separators; refuse anything else.
        let mut digits = String::with_capacity(trimmed.len());
        let mut plus = false;
        for (index, c) in trimmed.chars().enumerate() {
            match c {
                '0'..='9' => digits.push(c),
                '+' if index == 0 => plus = true,
                '.' | '-' | '/' | '(' | ')' => {}
                c if c.is_whitespace() => {}
                c => {
                    return Err(PhoneError::InvalidCharacter {
                        index,
                        character: crate::diagnostic::quote(&c.to_string()),
                    });
                }
            }
        }
        if digits.is_empty() {
            return Err(PhoneError::InvalidLength {
                expected: 10,
                found: 0,
            });
        }
        // `00` is the international prefix, except in a 10-digit string, which can only be a
        // national number with a bad prefix (no valid international form has 10 digits).
        let international = if plus {
            Some(digits.as_str())
        } else if digits.len() == 10 {
            None
        } else {
            digits.strip_prefix("00")
        };
        let phone = match international {
            Some(rest) => parse_international(rest, policy)?,
            None => parse_national(&digits)?,
        };
        if phone.kind == PhoneKind::Special
            && phone.e164.starts_with("+3389")
            && !policy.allow_premium
        {
            return Err(PhoneError::PremiumRate);
        }
        if policy.require_fixed_line && !phone.kind.is_fixed_line() {
            return Err(PhoneError::NotFixedLine);
        }
        Ok(phone)
    }

    /// Parses an optional number (« Fax »): `Ok(None)` when the field is blank.
    ///
    /// # Errors
    ///
    /// Those of [`PhoneFr::parse_with`], except `PHONE_REQUIRED`.
    ///
    /// ```
    /// use apart::forms::{PhoneFr, PhonePolicy};
    /// assert_eq!(PhoneFr::parse_optional("  ", PhonePolicy::default())?, None);
    /// assert!(PhoneFr::parse_optional("01 23 45 67 89", PhonePolicy::default())?.is_some());
    /// assert!(PhoneFr::parse_optional("01 23", PhonePolicy::default()).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_optional(input: &str, policy: PhonePolicy) -> Result<Option<PhoneFr>, PhoneError> {
        if input.trim().is_empty() {
            Ok(None)
        } else {
            PhoneFr::parse_with(input, policy).map(Some)
        }
    }

    /// The E.164 form, such as `+33123456789`: what serde writes and what to store.
    pub fn e164(&self) -> &str {
        &self.e164
    }

    /// The kind of line.
    pub fn kind(&self) -> PhoneKind {
        self.kind
    }

    /// The country calling code without `+` (`33`, `262`, …).
    pub fn country_code(&self) -> &str {
        let rest = self.e164.get(1..).unwrap_or("");
        if rest.starts_with("33") {
            rest.get(..2).unwrap_or("")
        } else {
            rest.get(..3).unwrap_or("")
        }
    }

    /// The national significant number (no `0`, no country code).
    pub fn national_significant_number(&self) -> &str {
        let cc = self.country_code().len();
        self.e164.get(1 + cc..).unwrap_or("")
    }

    /// The compact national form, `0` + 9 digits (`0123456789`); collectivities, which have
    /// no national form from mainland France, give their E.164 form.
    pub fn to_national(&self) -> String {
        if self.is_collectivity() {
            self.e164.clone()
        } else {
            format!("0{}", self.national_significant_number())
        }
    }

    fn is_collectivity(&self) -> bool {
        matches!(self.kind, PhoneKind::Overseas { territory, .. } if territory.is_collectivity())
    }
}

/// `digits` is the national form as typed: `0` + 9 digits.
fn parse_national(digits: &str) -> Result<PhoneFr, PhoneError> {
    if digits.len() != 10 {
        return Err(PhoneError::InvalidLength {
            expected: 10,
            found: digits.len(),
        });
    }
    let nsn = match digits.strip_prefix('0') {
        Some(nsn) if !nsn.starts_with('0') => nsn,
        _ => return Err(PhoneError::InvalidPrefix),
    };
    let kind = classify_nsn(nsn);
    let cc = match kind {
        PhoneKind::Overseas { territory, .. } => territory.country_code(),
        _ => "33",
    };
    Ok(PhoneFr {
        e164: format!("+{cc}{nsn}"),
        kind,
    })
}

/// The length of the country code `digits` starts with. Country codes are prefix-free (ITU-T
/// E.164): `1` and `7` alone, the two-digit codes below, three digits for every other (`262`,
/// `590`…), so `+44 20…` names `+44`, not `+442`.
fn country_code_len(digits: &str) -> usize {
    const TWO_DIGITS: &[&str] = &[
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46",
        "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
        "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
    ];
    match digits.as_bytes().first() {
        Some(b'1' | b'7') => 1,
        _ if digits.get(..2).is_some_and(|two| TWO_DIGITS.contains(&two)) => 2,
        _ => 3,
    }
}

/// `rest` is what follows `+` or `00`.
fn parse_international(rest: &str, policy: PhonePolicy) -> Result<PhoneFr, PhoneError> {
    let cc = rest.get(..country_code_len(rest)).unwrap_or(rest);
    let after = rest.get(cc.len()..).unwrap_or("");
    if let Some(&(_, territory, len)) = COLLECTIVITIES.iter().find(|(c, _, _)| *c == cc) {
        if !policy.collectivities {
            return Err(PhoneError::UnsupportedCountry {
                country_code: cc.to_owned(),
            });
        }
        let nsn = strip_trunk_zero(after, len);
        if nsn.len() != len {
            return Err(PhoneError::InvalidLength {
                expected: len,
                found: nsn.len(),
            });
        }
        if nsn.starts_with('0') {
            return Err(PhoneError::InvalidPrefix);
        }
        let kind = classify_collectivity(territory, nsn);
        return Ok(PhoneFr {
            e164: format!("+{cc}{nsn}"),
            kind: PhoneKind::Overseas { territory, kind },
        });
    }
    if !matches!(cc, "33" | "262" | "590" | "594" | "596") {
        return Err(PhoneError::UnsupportedCountry {
            country_code: cc.to_owned(),
        });
    }
    let nsn = strip_trunk_zero(after, 9);
    if nsn.len() != 9 {
        return Err(PhoneError::InvalidLength {
            expected: 9,
            found: nsn.len(),
        });
    }
    if nsn.starts_with('0') {
        return Err(PhoneError::InvalidPrefix);
    }
    let kind = classify_nsn(nsn);
    let expected = match kind {
        PhoneKind::Overseas { territory, .. } => territory.country_code(),
        _ => "33",
    };
    if expected != cc {
        return Err(PhoneError::CountryCodeMismatch {
            given: cc.to_owned(),
            expected: expected.to_owned(),
        });
    }
    Ok(PhoneFr {
        e164: format!("+{cc}{nsn}"),
        kind,
    })
}

/// Drops one trunk `0` written after the country code (`+33 (0)1…`), only when the rest then
/// has the right length.
fn strip_trunk_zero(after: &str, len: usize) -> &str {
    match after.strip_prefix('0') {
        Some(nsn) if after.len() == len + 1 => nsn,
        _ => after,
    }
}

impl fmt::Display for PhoneFr {
    /// `0X XX XX XX XX`; collectivities `+CCC XX XX XX` (they have no national form).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let nsn = self.national_significant_number();
        let (head, body) = if self.is_collectivity() {
            write!(f, "+{} ", self.country_code())?;
            ("", nsn)
        } else {
            f.write_str("0")?;
            (nsn.get(..1).unwrap_or(""), nsn.get(1..).unwrap_or(""))
        };
        f.write_str(head)?;
        let mut first = head.is_empty();
        let mut rest = body;
        while !rest.is_empty() {
            let (pair, tail) = rest.split_at(rest.len().min(2));
            if !first {
                f.write_str(" ")?;
            }
            f.write_str(pair)?;
            first = false;
            rest = tail;
        }
        Ok(())
    }
}

impl FromStr for PhoneFr {
    type Err = PhoneError;
    /// Same as [`PhoneFr::parse`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PhoneFr::parse(s)
    }
}

impl Serialize for PhoneFr {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.e164)
    }
}

impl<'de> Deserialize<'de> for PhoneFr {
    /// Reads the E.164 form back. Every French number is accepted (collectivities and premium
    /// included), since the value was validated under its own policy when it was made.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        let policy = PhonePolicy {
            collectivities: true,
            allow_premium: true,
            require_fixed_line: false,
        };
        PhoneFr::parse_with(&s, policy).map_err(crate::diagnostic::de_refusal)
    }
}

#[cfg(test)]
mod tests;
