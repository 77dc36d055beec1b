//! French telephone numbers: mainland, overseas departments and, behind a policy flag, the
//! overseas collectivities (spec §4.2).
//!
//! The rules are written in house (about a hundred lines) rather than taken from the
//! `phonenumber` crate, whose dependencies are heavy for the bindings (spec §4.2, D11). The
//! prefix table follows libphonenumber's metadata 9.0.33 for the overseas territories.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::diagnostic::{Detail, DetailValue, Diagnostic, Lang, french_display, quote};

/// An overseas territory with its own country calling code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Territory {
    /// La Réunion (+262).
    Reunion,
    /// Mayotte (+262).
    Mayotte,
    /// Guadeloupe, Saint-Barthélemy and Saint-Martin (+590).
    Guadeloupe,
    /// Martinique (+596).
    Martinique,
    /// Guyane (+594).
    Guyane,
    /// Saint-Pierre-et-Miquelon (+508, 6 digits): only with [`PhonePolicy::collectivities`].
    SaintPierreEtMiquelon,
    /// Nouvelle-Calédonie (+687, 6 digits): only with [`PhonePolicy::collectivities`].
    NouvelleCaledonie,
    /// Polynésie française (+689, 8 digits): only with [`PhonePolicy::collectivities`].
    PolynesieFrancaise,
    /// Wallis-et-Futuna (+681, 6 digits): only with [`PhonePolicy::collectivities`].
    WallisEtFutuna,
}

impl Territory {
    /// The country calling code, without `+`.
    pub fn country_code(self) -> &'static str {
        match self {
            Territory::Reunion | Territory::Mayotte => "262",
            Territory::Guadeloupe => "590",
            Territory::Martinique => "596",
            Territory::Guyane => "594",
            Territory::SaintPierreEtMiquelon => "508",
            Territory::NouvelleCaledonie => "687",
            Territory::PolynesieFrancaise => "689",
            Territory::WallisEtFutuna => "681",
        }
    }

    /// Whether the territory is a collectivity dialled in international form only (+508,
    /// +687, +689, +681), as opposed to an overseas department with a 10-digit national form.
    pub fn is_collectivity(self) -> bool {
        matches!(
            self,
            Territory::SaintPierreEtMiquelon
                | Territory::NouvelleCaledonie
                | Territory::PolynesieFrancaise
                | Territory::WallisEtFutuna
        )
    }
}

/// The kind of line of an overseas number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum OverseasKind {
    /// A geographic fixed line.
    Fixed,
    /// A mobile line.
    Mobile,
    /// Anything else (VoIP, special services, or a block whose use is not known).
    Other,
}

/// What kind of line a number is, from its prefix (spec §4.2 step 4).
///
/// Every phone field accepts every kind (§10 Q10); the kind lets a front end warn, for example
/// when « Téléphone fixe » holds a mobile number.
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
        territory: Territory,
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
#[serde(default)]
pub struct PhonePolicy {
    /// Accept Saint-Pierre-et-Miquelon (+508), Nouvelle-Calédonie (+687), Polynésie française
    /// (+689) and Wallis-et-Futuna (+681), in international form. Default: false.
    pub collectivities: bool,
    /// Accept premium-rate `089x` numbers. Default: false (`PHONE_PREMIUM_RATE`).
    pub allow_premium: bool,
    /// Accept only fixed lines (`01`–`05`, `09`, overseas fixed). Default: false (§10 Q10).
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
/// use apart::forms::{PhoneFr, PhoneKind, Territory, OverseasKind};
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
///     PhoneKind::Overseas { territory: Territory::Reunion, kind: OverseasKind::Fixed }
/// );
/// assert!(PhoneFr::parse("08 99 12 34 56").is_err()); // premium rate
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PhoneFr {
    /// `+`, the country code, the national significant number: ASCII only.
    e164: String,
    kind: PhoneKind,
}

/// Why a telephone number was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PhoneError {
    /// Nothing was given.
    Empty,
    /// A character other than digits, a leading `+` and the separators ` .-/()`.
    InvalidCharacter {
        /// Its position in the trimmed input, in characters.
        index: usize,
        /// The character, quoted (`diagnostic::quote`: a control character escaped).
        character: String,
    },
    /// Wrong number of digits.
    InvalidLength {
        /// The number of digits expected (national form, with its leading `0`, or after the
        /// country code).
        expected: usize,
        /// The number of digits found.
        found: usize,
    },
    /// The national number starts with `0` after the prefix, or the national form lacks its
    /// leading `0`.
    InvalidPrefix,
    /// A country code that is not French, or a collectivity that the policy does not accept.
    UnsupportedCountry {
        /// The country code read after `+` or `00` (up to 3 digits).
        country_code: String,
    },
    /// The number belongs to another French country code (`+33 262…` is a Réunion number,
    /// `+262 1…` a mainland one).
    CountryCodeMismatch {
        /// The country code given.
        given: String,
        /// The country code of the number's block.
        expected: String,
    },
    /// A premium-rate `089x` number, refused by default.
    PremiumRate,
    /// Not a fixed line while the policy requires one.
    NotFixedLine,
}

impl Diagnostic for PhoneError {
    fn family(&self) -> crate::diagnostic::Family {
        crate::diagnostic::Family::Form
    }

    fn code(&self) -> &'static str {
        match self {
            PhoneError::Empty => "PHONE_REQUIRED",
            PhoneError::InvalidCharacter { .. } => "PHONE_INVALID_CHARACTER",
            PhoneError::InvalidLength { .. } => "PHONE_INVALID_LENGTH",
            PhoneError::InvalidPrefix => "PHONE_INVALID_PREFIX",
            PhoneError::UnsupportedCountry { .. } => "PHONE_UNSUPPORTED_COUNTRY",
            PhoneError::CountryCodeMismatch { .. } => "PHONE_COUNTRY_CODE_MISMATCH",
            PhoneError::PremiumRate => "PHONE_PREMIUM_RATE",
            PhoneError::NotFixedLine => "PHONE_NOT_FIXED_LINE",
        }
    }

    fn message(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        match self {
            PhoneError::Empty if en => "phone number required".into(),
            PhoneError::Empty => "numéro de téléphone obligatoire".into(),
            PhoneError::InvalidCharacter { index, character } if en => {
                format!("invalid character '{character}' in phone number at position {index}")
            }
            PhoneError::InvalidCharacter { index, character } => format!(
                "caractère '{character}' invalide dans le numéro de téléphone en position {index}"
            ),
            PhoneError::InvalidLength { expected, found } if en => {
                format!("phone number must have {expected} digits, found {found}")
            }
            PhoneError::InvalidLength { expected, found } => format!(
                "le numéro de téléphone doit comporter {expected} chiffres, {found} trouvés"
            ),
            PhoneError::InvalidPrefix if en => {
                "invalid phone number: expected 0 followed by a digit from 1 to 9".into()
            }
            PhoneError::InvalidPrefix => {
                "numéro de téléphone invalide : attendu 0 suivi d'un chiffre de 1 à 9".into()
            }
            PhoneError::UnsupportedCountry { country_code } if en => {
                format!("country code +{country_code} not accepted: french numbers only")
            }
            PhoneError::UnsupportedCountry { country_code } => {
                format!("indicatif +{country_code} non accepté : numéros français uniquement")
            }
            PhoneError::CountryCodeMismatch { given, expected } if en => {
                format!("this number uses country code +{expected}, not +{given}")
            }
            PhoneError::CountryCodeMismatch { given, expected } => {
                format!("ce numéro relève de l'indicatif +{expected}, pas +{given}")
            }
            PhoneError::PremiumRate if en => "premium-rate numbers (089x) not accepted".into(),
            PhoneError::PremiumRate => "numéros surtaxés (089x) non acceptés".into(),
            PhoneError::NotFixedLine if en => "a fixed-line number is required".into(),
            PhoneError::NotFixedLine => "un numéro de ligne fixe est requis".into(),
        }
    }

    fn details(&self) -> Vec<Detail> {
        match self {
            PhoneError::Empty
            | PhoneError::InvalidPrefix
            | PhoneError::PremiumRate
            | PhoneError::NotFixedLine => Vec::new(),
            PhoneError::InvalidCharacter { index, character } => vec![
                ("index", DetailValue::from(*index)),
                ("character", DetailValue::from(character.as_str())),
            ],
            PhoneError::InvalidLength { expected, found } => vec![
                ("expected", DetailValue::from(*expected)),
                ("found", DetailValue::from(*found)),
            ],
            PhoneError::UnsupportedCountry { country_code } => {
                vec![("country_code", DetailValue::from(country_code.as_str()))]
            }
            PhoneError::CountryCodeMismatch { given, expected } => vec![
                ("given", DetailValue::from(given.as_str())),
                ("expected", DetailValue::from(expected.as_str())),
            ],
        }
    }
}

french_display!(PhoneError);

/// Overseas-department blocks of the 9-digit plan (libphonenumber metadata 9.0.33, territories
/// RE, YT, GP/BL/MF, MQ, GF): a number belongs to a block when it starts with `stem` and, if
/// `next` is not empty, its following digit is one of `next`.
///
/// Parts of `0263`, `0269` and `0596` are mainland numbers: only the sub-blocks below are
/// overseas, as libphonenumber's FR fixed-line pattern `26[013-9]…|59[1-35-9]…` says.
struct Block {
    stem: &'static str,
    next: &'static str,
    territory: Territory,
    kind: OverseasKind,
}

const fn block(
    stem: &'static str,
    next: &'static str,
    territory: Territory,
    kind: OverseasKind,
) -> Block {
    Block {
        stem,
        next,
        territory,
        kind,
    }
}

const OVERSEAS_BLOCKS: &[Block] = {
    use OverseasKind::{Fixed, Mobile};
    use Territory::{Guadeloupe, Guyane, Martinique, Mayotte, Reunion};
    &[
        // Réunion: fixed 262, 2630, 2631[0-6], 2688; mobile 692, 693, 7092.
        block("262", "", Reunion, Fixed),
        block("2630", "", Reunion, Fixed),
        block("2631", "0123456", Reunion, Fixed),
        block("2688", "", Reunion, Fixed),
        block("692", "", Reunion, Mobile),
        block("693", "", Reunion, Mobile),
        block("7092", "", Reunion, Mobile),
        // Mayotte: fixed 2689, 2690[0-467], 26915, 2695[0-4], 2696, 26970, 26980;
        // mobile 639, 7093[5-7].
        block("2689", "", Mayotte, Fixed),
        block("2690", "0123467", Mayotte, Fixed),
        block("2691", "5", Mayotte, Fixed),
        block("2695", "01234", Mayotte, Fixed),
        block("2696", "", Mayotte, Fixed),
        block("2697", "0", Mayotte, Fixed),
        block("2698", "0", Mayotte, Fixed),
        block("639", "", Mayotte, Mobile),
        block("7093", "567", Mayotte, Mobile),
        // Guadeloupe, Saint-Barthélemy, Saint-Martin: fixed 590, 5987; mobile 690, 691, 7090.
        block("590", "", Guadeloupe, Fixed),
        block("5987", "", Guadeloupe, Fixed),
        block("690", "", Guadeloupe, Mobile),
        block("691", "", Guadeloupe, Mobile),
        block("7090", "", Guadeloupe, Mobile),
        // Martinique: fixed 5960, 596[3-7], 5961[05], 5962[7-9], 5968[0-39], 5969[04-9], 5989;
        // mobile 696, 697, 7091.
        block("5960", "", Martinique, Fixed),
        block("596", "34567", Martinique, Fixed),
        block("5961", "05", Martinique, Fixed),
        block("5962", "789", Martinique, Fixed),
        block("5968", "01239", Martinique, Fixed),
        block("5969", "0456789", Martinique, Fixed),
        block("5989", "", Martinique, Fixed),
        block("696", "", Martinique, Mobile),
        block("697", "", Martinique, Mobile),
        block("7091", "", Martinique, Mobile),
        // Guyane: fixed 594, 5988; mobile 694, 7093[0-3].
        block("594", "", Guyane, Fixed),
        block("5988", "", Guyane, Fixed),
        block("694", "", Guyane, Mobile),
        block("7093", "0123", Guyane, Mobile),
    ]
};

impl Block {
    fn matches(&self, nsn: &str) -> bool {
        let Some(rest) = nsn.strip_prefix(self.stem) else {
            return false;
        };
        self.next.is_empty() || rest.chars().next().is_some_and(|c| self.next.contains(c))
    }
}

/// Classifies a 9-digit national significant number (first digit 1–9).
fn classify_nsn(nsn: &str) -> PhoneKind {
    if let Some(b) = OVERSEAS_BLOCKS.iter().find(|b| b.matches(nsn)) {
        return PhoneKind::Overseas {
            territory: b.territory,
            kind: b.kind,
        };
    }
    match nsn.as_bytes().first() {
        Some(b'1'..=b'5') => PhoneKind::Fixed,
        Some(b'6' | b'7') => PhoneKind::Mobile,
        Some(b'8') => PhoneKind::Special,
        _ => PhoneKind::Voip,
    }
}

/// The collectivities: country code, territory, length of the national number.
const COLLECTIVITIES: &[(&str, Territory, usize)] = &[
    ("508", Territory::SaintPierreEtMiquelon, 6),
    ("687", Territory::NouvelleCaledonie, 6),
    ("689", Territory::PolynesieFrancaise, 8),
    ("681", Territory::WallisEtFutuna, 6),
];

/// The kind of a collectivity's number, where libphonenumber 9.0.33 tells fixed and mobile
/// apart without overlap; `Other` elsewhere.
fn classify_collectivity(territory: Territory, nsn: &str) -> OverseasKind {
    let b = nsn.as_bytes();
    let (d0, d1, d2) = (
        b.first().copied().unwrap_or(0),
        b.get(1).copied().unwrap_or(0),
        b.get(2).copied().unwrap_or(0),
    );
    match territory {
        Territory::NouvelleCaledonie => match (d0, d1) {
            (b'2', b'0' | b'3'..=b'9')
            | (b'3', b'0'..=b'5')
            | (b'4', b'1'..=b'7')
            | (b'8', b'8') => OverseasKind::Fixed,
            (b'5' | b'7' | b'9', _) | (b'8', _) => OverseasKind::Mobile,
            _ => OverseasKind::Other,
        },
        Territory::PolynesieFrancaise => match (d0, d1, d2) {
            (b'4', b'0', b'4'..=b'6' | b'8' | b'9') | (b'4', b'9', b'4'..=b'6' | b'8') => {
                OverseasKind::Fixed
            }
            (b'8', b'7'..=b'9', _) => OverseasKind::Mobile,
            _ => OverseasKind::Other,
        },
        Territory::WallisEtFutuna => match (d0, d1) {
            (b'7', b'2') => OverseasKind::Fixed,
            (b'8', b'2' | b'3') => OverseasKind::Mobile,
            _ => OverseasKind::Other,
        },
        _ => OverseasKind::Other,
    }
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
                        character: quote(&c.to_string()),
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

/// `rest` is what follows `+` or `00`.
fn parse_international(rest: &str, policy: PhonePolicy) -> Result<PhoneFr, PhoneError> {
    let cc = if rest.starts_with("33") {
        "33"
    } else {
        rest.get(..3).unwrap_or(rest)
    };
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
        PhoneFr::parse_with(&s, policy).map_err(serde::de::Error::custom)
    }
}

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

    fn ok(s: &str) -> PhoneFr {
        PhoneFr::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn code(s: &str) -> &'static str {
        PhoneFr::parse(s).unwrap_err().code()
    }

    const ALL: PhonePolicy = PhonePolicy {
        collectivities: true,
        allow_premium: true,
        require_fixed_line: false,
    };

    /// libphonenumber 9.0.33: the parts of 0263, 0269 and 0596 outside the overseas
    /// sub-blocks are mainland fixed lines (FR pattern `26[013-9]…|59[1-35-9]…`).
    #[test]
    fn mainland_parts_of_overseas_looking_blocks() {
        for s in [
            "0263 21 23 45",
            "0269 11 23 45",
            "0596 12 34 56",
            "0695 12 34 56",
        ] {
            let p = ok(s);
            assert_eq!(p.country_code(), "33", "{s}");
        }
        assert_eq!(ok("0263 21 23 45").kind(), PhoneKind::Fixed);
        assert_eq!(ok("0695 12 34 56").kind(), PhoneKind::Mobile);
    }

    /// Spec §4.2: mainland ranges and the seed's « 01 02 03 04 05 ».
    #[test]
    fn mainland_kinds() {
        let seed = ok("01 02 03 04 05");
        assert_eq!(seed.e164(), "+33102030405");
        assert_eq!(seed.kind(), PhoneKind::Fixed);
        for (s, kind) in [
            ("0123456789", PhoneKind::Fixed),
            ("0223456789", PhoneKind::Fixed),
            ("0323456789", PhoneKind::Fixed),
            ("0423456789", PhoneKind::Fixed),
            ("0523456789", PhoneKind::Fixed),
            ("0612345678", PhoneKind::Mobile),
            ("0712345678", PhoneKind::Mobile),
            ("0800123456", PhoneKind::Special),
            ("0812345678", PhoneKind::Special),
            ("0912345678", PhoneKind::Voip),
        ] {
            assert_eq!(ok(s).kind(), kind, "{s}");
            assert_eq!(ok(s).e164(), format!("+33{}", &s[1..]));
        }
    }

    /// Spec §4.2: every overseas prefix maps to its territory and country code.
    #[test]
    fn overseas_departments() {
        use OverseasKind::{Fixed, Mobile};
        use Territory::*;
        for (s, cc, territory, kind) in [
            ("0262 12 34 56", "262", Reunion, Fixed),
            ("0263 12 34 56", "262", Reunion, Fixed),
            ("0692 12 34 56", "262", Reunion, Mobile),
            ("0693 12 34 56", "262", Reunion, Mobile),
            ("0269 61 23 45", "262", Mayotte, Fixed),
            ("0263 10 12 34", "262", Reunion, Fixed),
            ("0269 01 23 45", "262", Mayotte, Fixed),
            ("0596 10 12 34", "596", Martinique, Fixed),
            ("0598 91 23 45", "596", Martinique, Fixed),
            ("0598 81 23 45", "594", Guyane, Fixed),
            ("0598 71 23 45", "590", Guadeloupe, Fixed),
            ("0268 81 23 45", "262", Reunion, Fixed),
            ("0268 91 23 45", "262", Mayotte, Fixed),
            ("0639 12 34 56", "262", Mayotte, Mobile),
            ("0590 12 34 56", "590", Guadeloupe, Fixed),
            ("0690 12 34 56", "590", Guadeloupe, Mobile),
            ("0691 12 34 56", "590", Guadeloupe, Mobile),
            ("0596 30 12 34", "596", Martinique, Fixed),
            ("0696 12 34 56", "596", Martinique, Mobile),
            ("0697 12 34 56", "596", Martinique, Mobile),
            ("0594 12 34 56", "594", Guyane, Fixed),
            ("0694 12 34 56", "594", Guyane, Mobile),
            ("07 09 01 23 45", "590", Guadeloupe, Mobile),
            ("07 09 11 23 45", "596", Martinique, Mobile),
            ("07 09 21 23 45", "262", Reunion, Mobile),
            ("07 09 31 23 45", "594", Guyane, Mobile),
            ("07 09 36 23 45", "262", Mayotte, Mobile),
        ] {
            let p = ok(s);
            assert_eq!(p.country_code(), cc, "{s}");
            assert_eq!(p.kind(), PhoneKind::Overseas { territory, kind }, "{s}");
            let national: String = s.chars().filter(char::is_ascii_digit).collect();
            assert_eq!(p.e164(), format!("+{cc}{}", &national[1..]));
            assert_eq!(p.to_national(), national);
            // The international form gives the same number.
            assert_eq!(ok(&format!("+{cc} {}", &national[1..])), p);
            assert_eq!(ok(&format!("00{cc}{}", &national[1..])), p);
            assert_eq!(ok(&format!("+{cc} (0){}", &national[1..])), p);
        }
    }

    #[test]
    fn international_mainland_forms() {
        let p = ok("01 23 45 67 89");
        for s in [
            "+33123456789",
            "+33 1 23 45 67 89",
            "+33 (0)1 23 45 67 89",
            "+33 0123456789",
            "0033 1 23 45 67 89",
            "0033 (0)1 23 45 67 89",
            "(01) 23-45-67-89",
            "01.23.45.67.89",
            "01/23/45/67/89",
            "\u{a0}01 23 45 67 89\u{202f}",
        ] {
            assert_eq!(ok(s), p, "{s}");
        }
        assert_eq!(p.to_string(), "01 23 45 67 89");
        assert_eq!(p.to_national(), "0123456789");
        assert_eq!(p.national_significant_number(), "123456789");
    }

    #[test]
    fn refusals() {
        assert_eq!(code(""), "PHONE_REQUIRED");
        assert_eq!(code("   "), "PHONE_REQUIRED");
        assert_eq!(code("01 23 45 67 8"), "PHONE_INVALID_LENGTH");
        assert_eq!(code("01 23 45 67 890"), "PHONE_INVALID_LENGTH");
        assert_eq!(code("+33 1 23 45 67"), "PHONE_INVALID_LENGTH");
        assert_eq!(code("1234567890"), "PHONE_INVALID_PREFIX");
        assert_eq!(code("0023456789"), "PHONE_INVALID_PREFIX");
        assert_eq!(code("+33 0 0 23 45 67 89"), "PHONE_INVALID_PREFIX");
        assert_eq!(code("01 23 AB 67 89"), "PHONE_INVALID_CHARACTER");
        assert_eq!(code("01+23456789"), "PHONE_INVALID_CHARACTER");
        assert_eq!(code("+44 20 7946 0000"), "PHONE_UNSUPPORTED_COUNTRY");
        assert_eq!(code("+1 555 123 4567"), "PHONE_UNSUPPORTED_COUNTRY");
        assert_eq!(code("-.()"), "PHONE_INVALID_LENGTH");
        assert_eq!(code("+"), "PHONE_INVALID_LENGTH");
        assert_eq!(
            PhoneFr::parse("+33 2 62 12 34 56").unwrap_err(),
            PhoneError::CountryCodeMismatch {
                given: "33".into(),
                expected: "262".into()
            }
        );
        assert_eq!(code("+262 1 23 45 67 89"), "PHONE_COUNTRY_CODE_MISMATCH");
        assert_eq!(code("+590 6 96 12 34 56"), "PHONE_COUNTRY_CODE_MISMATCH");
    }

    /// Spec §4.2 step 7: `089x` refused by default, allowed by the policy; other 08 kept.
    #[test]
    fn premium_rate() {
        assert_eq!(code("08 99 12 34 56"), "PHONE_PREMIUM_RATE");
        assert_eq!(code("+33 8 90 12 34 56"), "PHONE_PREMIUM_RATE");
        assert!(PhoneFr::parse_with("0899123456", ALL).is_ok());
        assert!(PhoneFr::parse("0800 12 34 56").is_ok());
        assert!(PhoneFr::parse("0810 12 34 56").is_ok());
        assert!(PhoneFr::parse("0884 12 34 56").is_ok());
    }

    /// Spec §4.2: collectivities only behind the policy flag, in their own lengths.
    #[test]
    fn collectivities() {
        use Territory::*;
        assert_eq!(code("+508 41 23 45"), "PHONE_UNSUPPORTED_COUNTRY");
        for (s, territory, kind, display) in [
            (
                "+508 41 23 45",
                SaintPierreEtMiquelon,
                OverseasKind::Other,
                "+508 41 23 45",
            ),
            (
                "+687 25.12.34",
                NouvelleCaledonie,
                OverseasKind::Fixed,
                "+687 25 12 34",
            ),
            (
                "+687 75 12 34",
                NouvelleCaledonie,
                OverseasKind::Mobile,
                "+687 75 12 34",
            ),
            (
                "+689 40 41 23 45",
                PolynesieFrancaise,
                OverseasKind::Fixed,
                "+689 40 41 23 45",
            ),
            (
                "00689 87 12 34 56",
                PolynesieFrancaise,
                OverseasKind::Mobile,
                "+689 87 12 34 56",
            ),
            (
                "+681 72 12 34",
                WallisEtFutuna,
                OverseasKind::Fixed,
                "+681 72 12 34",
            ),
            (
                "+681 82 12 34",
                WallisEtFutuna,
                OverseasKind::Mobile,
                "+681 82 12 34",
            ),
        ] {
            let p = PhoneFr::parse_with(s, ALL).unwrap();
            assert_eq!(p.kind(), PhoneKind::Overseas { territory, kind }, "{s}");
            assert_eq!(p.to_string(), display);
            assert_eq!(p.to_national(), p.e164());
        }
        let err = PhoneFr::parse_with("+687 12 34 5", ALL).unwrap_err();
        assert_eq!(
            err,
            PhoneError::InvalidLength {
                expected: 6,
                found: 5
            }
        );
        assert_eq!(
            PhoneFr::parse_with("+689 12 34 56", ALL)
                .unwrap_err()
                .code(),
            "PHONE_INVALID_LENGTH"
        );
    }

    /// §10 Q10: not enforced by default; the policy flag makes « fixe » mean fixed.
    #[test]
    fn fixed_line_policy() {
        let fixed = PhonePolicy {
            require_fixed_line: true,
            ..PhonePolicy::default()
        };
        assert!(PhoneFr::parse_with("01 23 45 67 89", fixed).is_ok());
        assert!(PhoneFr::parse_with("09 23 45 67 89", fixed).is_ok());
        assert!(PhoneFr::parse_with("0262 12 34 56", fixed).is_ok());
        let err = PhoneFr::parse_with("06 12 34 56 78", fixed).unwrap_err();
        assert_eq!(err.code(), "PHONE_NOT_FIXED_LINE");
        assert!(PhoneFr::parse_with("0692 12 34 56", fixed).is_err());
    }

    #[test]
    fn display_and_serde() {
        let p = ok("+33612345678");
        assert_eq!(p.to_string(), "06 12 34 56 78");
        assert_eq!(ok("0262 12 34 56").to_string(), "02 62 12 34 56");
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json, "\"+33612345678\"");
        assert_eq!(serde_json::from_str::<PhoneFr>(&json).unwrap(), p);
        assert_eq!(
            serde_json::to_value(p.kind()).unwrap(),
            serde_json::json!({"type": "mobile"})
        );
        assert_eq!(
            serde_json::to_value(ok("0694123456").kind()).unwrap(),
            serde_json::json!({"type": "overseas", "territory": "guyane", "kind": "mobile"})
        );
    }

    #[test]
    fn messages() {
        let err = PhoneError::InvalidLength {
            expected: 10,
            found: 9,
        };
        assert_eq!(
            err.to_string(),
            "le numéro de téléphone doit comporter 10 chiffres, 9 trouvés"
        );
        assert_eq!(
            err.message(Lang::En),
            "phone number must have 10 digits, found 9"
        );
    }

    proptest! {
        #[test]
        fn no_panic(s in any::<String>()) {
            let _ = PhoneFr::parse(&s);
            let _ = PhoneFr::parse_with(&s, ALL);
        }

        #[test]
        fn no_panic_phone_like(s in "[+0-9 ().-]{0,20}") {
            let _ = PhoneFr::parse_with(&s, ALL);
        }

        #[test]
        fn display_and_e164_round_trip(nsn in "[1-9][0-9]{8}") {
            if let Ok(p) = PhoneFr::parse_with(&format!("0{nsn}"), ALL) {
                prop_assert_eq!(PhoneFr::parse_with(&p.to_string(), ALL).unwrap(), p.clone());
                prop_assert_eq!(PhoneFr::parse_with(p.e164(), ALL).unwrap(), p.clone());
                prop_assert_eq!(p.to_national(), format!("0{nsn}"));
            } else {
                prop_assert!(false, "every 0 + 9 digits (first 1-9) is valid with ALL");
            }
        }

        #[test]
        fn collectivity_round_trip(cc in prop::sample::select(vec!["508", "687", "681"]), n in "[1-9][0-9]{5}") {
            let p = PhoneFr::parse_with(&format!("+{cc}{n}"), ALL).unwrap();
            prop_assert_eq!(PhoneFr::parse_with(&p.to_string(), ALL).unwrap(), p);
        }
    }
}
