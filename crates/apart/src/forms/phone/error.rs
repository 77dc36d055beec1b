//! Why a telephone number was refused: codes, messages and fields.

use crate::diagnostic::{Detail, DetailValue, Diagnostic, Lang, french_display};

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
                format!(
                    "invalid character '{character}' in phone number at position {position}",
                    position = index.saturating_add(1)
                )
            }
            PhoneError::InvalidCharacter { index, character } => format!(
                "caractère '{character}' invalide dans le numéro de téléphone en position {position}",
                position = index.saturating_add(1)
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
