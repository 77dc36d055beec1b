//! Person names (« Nom », « Prénom », « Nom et prénom ») and the field rules of the secret
//! answer (spec §4.7, §10 Q7).
//!
//! Hashing the answer is the account module's business; this module only says whether an
//! answer is acceptable and gives the normalised text to hash.

use std::fmt;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::diagnostic::{Detail, DetailValue, Diagnostic, Lang, french_display, quote};
use crate::forms::text::{TextError, TextRules, find_control, normalize_text};

/// Whether `c` may appear in a person's name besides letters and combining marks.
fn is_name_punctuation(c: char) -> bool {
    // The typographic apostrophe (U+2019) is what many keyboards and phones produce.
    matches!(c, ' ' | '\'' | '\u{2019}' | '-')
}

/// A person's name: letters (accented ones included), spaces, apostrophes and hyphens, with at
/// least one letter; 1–50 UTF-16 units by default (spec §4.7).
///
/// The text is normalised (NFC, trimmed) and otherwise kept as typed.
///
/// ```
/// use apart::forms::PersonName;
/// assert_eq!(PersonName::parse(" Le Bihan-d'Aubigné ")?.as_str(), "Le Bihan-d'Aubigné");
/// assert!(PersonName::parse("Dupont2").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonName(String);

/// Why a person's name was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PersonNameError {
    /// The text rules (required, length, control characters).
    Text(TextError),
    /// A character other than a letter, space, apostrophe or hyphen.
    InvalidCharacter {
        /// Its position, in characters of the normalised text.
        index: usize,
        /// The character, quoted (`diagnostic::quote`: a control character escaped).
        character: String,
    },
    /// Only punctuation, no letter.
    NoLetter,
}

impl From<TextError> for PersonNameError {
    fn from(e: TextError) -> Self {
        PersonNameError::Text(e)
    }
}

impl Diagnostic for PersonNameError {
    fn family(&self) -> crate::diagnostic::Family {
        crate::diagnostic::Family::Form
    }

    fn code(&self) -> &'static str {
        match self {
            PersonNameError::Text(e) => e.code(),
            PersonNameError::InvalidCharacter { .. } => "NAME_INVALID_CHARACTER",
            PersonNameError::NoLetter => "NAME_NO_LETTER",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (PersonNameError::Text(e), _) => e.message(lang),
            (PersonNameError::InvalidCharacter { index, character }, Lang::En) => format!(
                "invalid character '{character}' at position {position}: letters, spaces, apostrophes and hyphens only",
                position = index.saturating_add(1)
            ),
            (PersonNameError::InvalidCharacter { index, character }, _) => format!(
                "caractère '{character}' invalide en position {position} : lettres, espaces, apostrophes et traits d'union uniquement",
                position = index.saturating_add(1)
            ),
            (PersonNameError::NoLetter, Lang::En) => "a name contains at least one letter".into(),
            (PersonNameError::NoLetter, _) => "un nom contient au moins une lettre".into(),
        }
    }

    fn details(&self) -> Vec<Detail> {
        match self {
            PersonNameError::Text(e) => e.details(),
            PersonNameError::InvalidCharacter { index, character } => vec![
                ("index", DetailValue::from(*index)),
                ("character", DetailValue::from(character.as_str())),
            ],
            PersonNameError::NoLetter => Vec::new(),
        }
    }
}

french_display!(PersonNameError);

impl PersonName {
    /// Parses a « Nom » or « Prénom » (1–50).
    ///
    /// # Errors
    ///
    /// See [`PersonName::parse_with`].
    pub fn parse(input: &str) -> Result<PersonName, PersonNameError> {
        PersonName::parse_with(input, TextRules::PERSON_NAME)
    }

    /// Parses a name under `rules` (use [`TextRules::FULL_NAME`] for « Nom et prénom »).
    ///
    /// # Errors
    ///
    /// The text errors (`TEXT_REQUIRED`, `TEXT_TOO_SHORT`, `TEXT_TOO_LONG`,
    /// `TEXT_CONTROL_CHAR`), `NAME_INVALID_CHARACTER` for a digit or a symbol, `NAME_NO_LETTER`
    /// for punctuation alone.
    pub fn parse_with(input: &str, rules: TextRules) -> Result<PersonName, PersonNameError> {
        let text = TextRules {
            multiline: false,
            ..rules
        }
        .check(input)?;
        if let Some((index, c)) = text
            .chars()
            .enumerate()
            .find(|&(_, c)| !(c.is_alphabetic() || is_combining_mark(c) || is_name_punctuation(c)))
        {
            return Err(PersonNameError::InvalidCharacter {
                index,
                character: quote(&c.to_string()),
            });
        }
        if !text.is_empty() && !text.chars().any(char::is_alphabetic) {
            return Err(PersonNameError::NoLetter);
        }
        Ok(PersonName(text))
    }

    /// The normalised name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

// A name is read back under the loosest rules this module knows (1–100).
super::serde_via_parse!(PersonName, |v| &v.0, |s| PersonName::parse_with(
    s,
    TextRules::FULL_NAME
));

/// Normalises a secret answer for comparison and hashing (§10 Q7): trim, Unicode NFKD with
/// the combining marks removed (so accents do not matter), case folding, and every run of
/// white space collapsed to one space.
///
/// Case folding is `to_uppercase` then `to_lowercase`, which folds `ß` to `ss` as Unicode's
/// full case folding does. The result is the hash input: change it only with a migration.
///
/// ```
/// use apart::forms::normalize_secret_answer;
/// assert_eq!(normalize_secret_answer("  Saint-Étienne   du\tRouvray "), "saint-etienne du rouvray");
/// assert_eq!(normalize_secret_answer("Straße"), "strasse");
/// assert_eq!(normalize_secret_answer("ﬁle"), "file"); // NFKD splits the ligature
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn normalize_secret_answer(input: &str) -> String {
    let stripped: String = input.nfkd().filter(|c| !is_combining_mark(*c)).collect();
    let folded = stripped.to_uppercase().to_lowercase();
    // Case mapping may produce combining marks again (İ lowercases to i + U+0307).
    let folded: String = folded.chars().filter(|c| !is_combining_mark(*c)).collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The minimum length of a secret answer, in characters of its normalised form (spec §4.7).
pub const SECRET_ANSWER_MIN: usize = 3;
/// The maximum length of a secret answer, in UTF-16 units of the typed text (our choice: the
/// spec gives none).
pub const SECRET_ANSWER_MAX: usize = 100;

/// What a secret answer must not be equal to (spec §4.7): the user's nom, prénom and
/// identifier, each compared after [`normalize_secret_answer`].
#[derive(Debug, Clone, Copy, Default)]
pub struct SecretAnswerContext<'a> {
    /// « Nom ».
    pub nom: Option<&'a str>,
    /// « Prénom ».
    pub prenom: Option<&'a str>,
    /// The login identifier.
    pub identifier: Option<&'a str>,
}

/// An acceptable secret answer, holding only its normalised form (the hash input).
///
/// It is neither printed by `Debug` nor serialised: only a slow hash of it may be kept (§10 Q7),
/// which the account module computes from [`SecretAnswer::normalized`].
///
/// ```
/// use apart::forms::{SecretAnswer, SecretAnswerContext};
/// let ctx = SecretAnswerContext { nom: Some("Dupont"), prenom: Some("Jean"), identifier: None };
/// let a = SecretAnswer::parse(" Médor ", ctx)?;
/// assert_eq!(a.normalized(), "medor");
/// assert!(SecretAnswer::parse("DUPONT", ctx).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(module = "apart._native", frozen, eq)
)]
pub struct SecretAnswer(String);

impl fmt::Debug for SecretAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretAnswer(<redacted>)")
    }
}

/// Why a secret answer was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SecretAnswerError {
    /// Nothing was given.
    Empty,
    /// Shorter than 3 characters once normalised.
    TooShort {
        /// The minimum.
        min: usize,
        /// The length found.
        len: usize,
    },
    /// Longer than the maximum (UTF-16 units, after text normalisation).
    TooLong {
        /// The maximum.
        max: usize,
        /// The length found.
        len: usize,
    },
    /// A control character.
    ControlChar {
        /// Its position, in characters.
        index: usize,
        /// The code point, `U+XXXX`.
        code_point: String,
    },
    /// Equal to the nom, prénom or identifier.
    EqualsPersonalData {
        /// `nom`, `prenom` or `identifier`.
        field: String,
    },
}

impl Diagnostic for SecretAnswerError {
    fn family(&self) -> crate::diagnostic::Family {
        crate::diagnostic::Family::Form
    }

    fn code(&self) -> &'static str {
        match self {
            SecretAnswerError::Empty => "SECRET_ANSWER_REQUIRED",
            SecretAnswerError::TooShort { .. } => "SECRET_ANSWER_TOO_SHORT",
            SecretAnswerError::TooLong { .. } => "SECRET_ANSWER_TOO_LONG",
            SecretAnswerError::ControlChar { .. } => "TEXT_CONTROL_CHAR",
            SecretAnswerError::EqualsPersonalData { .. } => "SECRET_ANSWER_EQUALS_PERSONAL_DATA",
        }
    }

    fn message(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        match self {
            SecretAnswerError::Empty if en => "secret answer required".into(),
            SecretAnswerError::Empty => "réponse secrète obligatoire".into(),
            SecretAnswerError::TooShort { min, .. } if en => {
                format!("the secret answer must have at least {min} characters")
            }
            SecretAnswerError::TooShort { min, .. } => {
                format!("la réponse secrète doit comporter au moins {min} caractères")
            }
            SecretAnswerError::TooLong { max, len } if en => {
                format!("secret answer too long: {len} characters, at most {max}")
            }
            SecretAnswerError::TooLong { max, len } => {
                format!("réponse secrète trop longue : {len} caractères, {max} au maximum")
            }
            SecretAnswerError::ControlChar { index, code_point } => {
                control_error_message(*index, code_point, lang)
            }
            SecretAnswerError::EqualsPersonalData { field } if en => {
                let what = match field.as_str() {
                    "nom" => "your last name",
                    "prenom" => "your first name",
                    _ => "your identifier",
                };
                format!("the secret answer must not be {what}")
            }
            SecretAnswerError::EqualsPersonalData { field } => {
                let what = match field.as_str() {
                    "nom" => "votre nom",
                    "prenom" => "votre prénom",
                    _ => "votre identifiant",
                };
                format!("la réponse secrète ne doit pas être {what}")
            }
        }
    }

    fn details(&self) -> Vec<Detail> {
        match self {
            SecretAnswerError::Empty => Vec::new(),
            SecretAnswerError::TooShort { min, len } => {
                vec![
                    ("min", DetailValue::from(*min)),
                    ("len", DetailValue::from(*len)),
                ]
            }
            SecretAnswerError::TooLong { max, len } => {
                vec![
                    ("max", DetailValue::from(*max)),
                    ("len", DetailValue::from(*len)),
                ]
            }
            SecretAnswerError::ControlChar { index, code_point } => vec![
                ("index", DetailValue::from(*index)),
                ("code_point", DetailValue::from(code_point.as_str())),
            ],
            SecretAnswerError::EqualsPersonalData { field } => {
                vec![("field", DetailValue::from(field.as_str()))]
            }
        }
    }
}

fn control_error_message(index: usize, code_point: &str, lang: Lang) -> String {
    TextError::ControlChar {
        index,
        code_point: code_point.to_owned(),
    }
    .message(lang)
}

french_display!(SecretAnswerError);

impl SecretAnswer {
    /// Checks a secret answer (spec §4.7, §10 Q7) and keeps its normalised form.
    ///
    /// # Errors
    ///
    /// `SECRET_ANSWER_REQUIRED` when empty, `TEXT_CONTROL_CHAR`, `SECRET_ANSWER_TOO_LONG` past
    /// 100 UTF-16 units, `SECRET_ANSWER_TOO_SHORT` under 3 characters once normalised,
    /// `SECRET_ANSWER_EQUALS_PERSONAL_DATA` when equal to the nom, prénom or identifier once
    /// both are normalised.
    pub fn parse(
        input: &str,
        context: SecretAnswerContext<'_>,
    ) -> Result<SecretAnswer, SecretAnswerError> {
        let text = normalize_text(input);
        if text.is_empty() {
            return Err(SecretAnswerError::Empty);
        }
        if let Some((index, c)) = find_control(&text, false) {
            return Err(SecretAnswerError::ControlChar {
                index,
                code_point: format!("U+{:04X}", u32::from(c)),
            });
        }
        let len = crate::forms::text::utf16_len(&text);
        if len > SECRET_ANSWER_MAX {
            return Err(SecretAnswerError::TooLong {
                max: SECRET_ANSWER_MAX,
                len,
            });
        }
        let normalized = normalize_secret_answer(&text);
        let n = normalized.chars().count();
        if n < SECRET_ANSWER_MIN {
            return Err(SecretAnswerError::TooShort {
                min: SECRET_ANSWER_MIN,
                len: n,
            });
        }
        for (field, value) in [
            ("nom", context.nom),
            ("prenom", context.prenom),
            ("identifier", context.identifier),
        ] {
            if value.is_some_and(|v| normalize_secret_answer(v) == normalized) {
                return Err(SecretAnswerError::EqualsPersonalData {
                    field: field.to_owned(),
                });
            }
        }
        Ok(SecretAnswer(normalized))
    }

    /// The normalised answer: the input of the slow hash, never to be stored as is.
    pub fn normalized(&self) -> &str {
        &self.0
    }

    /// Whether `attempt` matches this answer once normalised (for tests and for callers that
    /// compare before hashing; stored answers are compared through their hash).
    pub fn matches(&self, attempt: &str) -> bool {
        normalize_secret_answer(attempt) == self.0
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

    #[test]
    fn names_accepted() {
        for s in [
            "Dupont",
            "Éloïse",
            "Jean-Pierre",
            "N'Diaye",
            "N\u{2019}Diaye",
            "de La Fontaine",
            "Ægir",
            "Øre",
            "Zoë",
            "Çağlar",
            "Nguyễn",
            "李",
        ] {
            assert_eq!(PersonName::parse(s).unwrap().as_str(), s, "{s}");
        }
        // NFC composes e + combining acute.
        assert_eq!(
            PersonName::parse("Ele\u{301}onore").unwrap().as_str(),
            "Eléonore"
        );
        assert!(PersonName::parse(&"a".repeat(50)).is_ok());
        assert!(PersonName::parse_with(&"a".repeat(100), TextRules::FULL_NAME).is_ok());
    }

    #[test]
    fn names_refused() {
        let code = |s: &str| PersonName::parse(s).unwrap_err().code();
        assert_eq!(code(""), "TEXT_REQUIRED");
        assert_eq!(code(&"a".repeat(51)), "TEXT_TOO_LONG");
        assert_eq!(code("Dupont2"), "NAME_INVALID_CHARACTER");
        assert_eq!(code("Dupont."), "NAME_INVALID_CHARACTER");
        assert_eq!(code("Jean_Pierre"), "NAME_INVALID_CHARACTER");
        assert_eq!(code("Jean\nPierre"), "TEXT_CONTROL_CHAR");
        assert_eq!(code("-'-"), "NAME_NO_LETTER");
        assert_eq!(
            PersonName::parse("Jo3").unwrap_err(),
            PersonNameError::InvalidCharacter {
                index: 2,
                character: "3".into()
            }
        );
    }

    /// §10 Q7: trim, NFKD without combining marks, case-folded, inner spaces collapsed.
    #[test]
    fn answer_normalisation() {
        assert_eq!(normalize_secret_answer("  Médor  "), "medor");
        assert_eq!(normalize_secret_answer("MEDOR"), "medor");
        assert_eq!(normalize_secret_answer("me\u{301}dor"), "medor");
        assert_eq!(
            normalize_secret_answer("le   petit\u{a0}chat"),
            "le petit chat"
        );
        assert_eq!(normalize_secret_answer("Œuvre"), "œuvre");
        assert_eq!(normalize_secret_answer("İstanbul"), "istanbul");
        assert_eq!(normalize_secret_answer("２０２６"), "2026"); // NFKD folds full-width digits
    }

    /// Spec §4.7: ≥ 3 characters, not the nom, prénom or identifier.
    #[test]
    fn answer_rules() {
        let ctx = SecretAnswerContext {
            nom: Some("Dupont"),
            prenom: Some("Hélène"),
            identifier: Some("hdupont"),
        };
        assert!(SecretAnswer::parse("abc", ctx).is_ok());
        // Inner spaces count once they are collapsed: "a b" has 3 characters.
        assert_eq!(
            SecretAnswer::parse(" a   b ", ctx).unwrap().normalized(),
            "a b"
        );
        assert_eq!(
            SecretAnswer::parse("ab", ctx).unwrap_err(),
            SecretAnswerError::TooShort { min: 3, len: 2 }
        );
        assert_eq!(
            SecretAnswer::parse("", ctx).unwrap_err().code(),
            "SECRET_ANSWER_REQUIRED"
        );
        for (s, field) in [
            ("DUPONT", "nom"),
            ("helene", "prenom"),
            (" HDupont ", "identifier"),
        ] {
            assert_eq!(
                SecretAnswer::parse(s, ctx).unwrap_err(),
                SecretAnswerError::EqualsPersonalData {
                    field: field.into()
                }
            );
        }
        assert_eq!(
            SecretAnswer::parse(&"a".repeat(101), ctx)
                .unwrap_err()
                .code(),
            "SECRET_ANSWER_TOO_LONG"
        );
        assert_eq!(
            SecretAnswer::parse("a\u{1}bc", ctx).unwrap_err().code(),
            "TEXT_CONTROL_CHAR"
        );
        let a = SecretAnswer::parse("Médor", ctx).unwrap();
        assert!(a.matches("MEDOR "));
        assert_eq!(format!("{a:?}"), "SecretAnswer(<redacted>)");
    }

    proptest! {
        #[test]
        fn no_panic(s in any::<String>(), t in any::<String>()) {
            let _ = PersonName::parse(&s);
            let ctx = SecretAnswerContext { nom: Some(&t), prenom: None, identifier: Some(&t) };
            let _ = SecretAnswer::parse(&s, ctx);
        }

        #[test]
        fn normalisation_idempotent(s in any::<String>()) {
            let once = normalize_secret_answer(&s);
            prop_assert_eq!(normalize_secret_answer(&once), once);
        }

        #[test]
        fn name_round_trip(s in "[a-zA-Zéèàçœ' -]{1,50}") {
            if let Ok(n) = PersonName::parse(&s) {
                prop_assert_eq!(PersonName::parse(n.as_str()).unwrap(), n);
            }
        }
    }
}
