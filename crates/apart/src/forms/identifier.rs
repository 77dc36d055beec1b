//! The login identifier: « Ne pas saisir d'adresse de messagerie » (spec §4.6, §10 Q12).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Detail, DetailValue, Diagnostic, Lang, french_display};

/// The longest identifier, in characters (§10 Q12).
pub const LOGIN_IDENTIFIER_MAX: usize = 64;

/// A login identifier: 1 to 64 printable ASCII characters, no `@`, no white space (§10 Q12).
///
/// The identifier is kept as typed (after trimming); identifiers are compared
/// case-insensitively, through [`LoginIdentifier::key`]. The derived `Eq` compares the typed
/// form: use the key to find an account.
///
/// ```
/// use apart::forms::LoginIdentifier;
/// let id = LoginIdentifier::parse(" JDupont75 ")?;
/// assert_eq!(id.as_str(), "JDupont75");
/// assert_eq!(id.key(), LoginIdentifier::parse("jdupont75")?.key());
/// assert!(LoginIdentifier::parse("jean@exemple.fr").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, eq, hash, module = "apart.forms")
)]
pub struct LoginIdentifier(String);

/// The comparison key of a [`LoginIdentifier`]: its ASCII lower-case form.
///
/// Two identifiers designate the same account when their keys are equal.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LoginIdentifierKey(String);

impl LoginIdentifierKey {
    /// The key as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LoginIdentifierKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a login identifier was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LoginIdentifierError {
    /// Nothing was given.
    Empty,
    /// It contains `@`: the user typed an e-mail address (the seed's warning).
    LooksLikeEmail,
    /// It contains white space.
    Whitespace {
        /// Its position, in characters of the trimmed input.
        index: usize,
    },
    /// A character that is not printable ASCII.
    InvalidCharacter {
        /// Its position, in characters of the trimmed input.
        index: usize,
        /// The character, or its code point `U+XXXX` for a control character or a bidirectional
        /// control (`diagnostic::is_escaped_in_messages`).
        character: String,
    },
    /// Longer than 64 characters.
    TooLong {
        /// The maximum.
        max: usize,
        /// The length found.
        len: usize,
    },
}

impl Diagnostic for LoginIdentifierError {
    fn family(&self) -> crate::diagnostic::Family {
        crate::diagnostic::Family::Form
    }

    /// `IDENTIFIER_LOOKS_LIKE_EMAIL` is the spec's code; the others are prefixed `LOGIN_` since
    /// `IDENTIFIER_*` codes already name SIREN/SIRET errors.
    fn code(&self) -> &'static str {
        match self {
            LoginIdentifierError::Empty => "LOGIN_IDENTIFIER_REQUIRED",
            LoginIdentifierError::LooksLikeEmail => "IDENTIFIER_LOOKS_LIKE_EMAIL",
            LoginIdentifierError::Whitespace { .. } => "LOGIN_IDENTIFIER_WHITESPACE",
            LoginIdentifierError::InvalidCharacter { .. } => "LOGIN_IDENTIFIER_INVALID_CHARACTER",
            LoginIdentifierError::TooLong { .. } => "LOGIN_IDENTIFIER_TOO_LONG",
        }
    }

    fn message(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        match self {
            LoginIdentifierError::Empty if en => "identifier required".into(),
            LoginIdentifierError::Empty => "identifiant obligatoire".into(),
            LoginIdentifierError::LooksLikeEmail if en => {
                "your identifier was sent to you by e-mail; it is not your e-mail address".into()
            }
            LoginIdentifierError::LooksLikeEmail => {
                "votre identifiant vous a été envoyé par courriel ; ce n'est pas votre adresse"
                    .into()
            }
            LoginIdentifierError::Whitespace { index } if en => {
                format!(
                    "an identifier has no spaces (position {position})",
                    position = index.saturating_add(1)
                )
            }
            LoginIdentifierError::Whitespace { index } => {
                format!(
                    "un identifiant ne contient pas d'espace (position {position})",
                    position = index.saturating_add(1)
                )
            }
            LoginIdentifierError::InvalidCharacter { index, character } if en => {
                format!(
                    "invalid character '{character}' in identifier at position {position}",
                    position = index.saturating_add(1)
                )
            }
            LoginIdentifierError::InvalidCharacter { index, character } => {
                format!(
                    "caractère '{character}' invalide dans l'identifiant en position {position}",
                    position = index.saturating_add(1)
                )
            }
            LoginIdentifierError::TooLong { max, len } if en => {
                format!("identifier too long: {len} characters, at most {max}")
            }
            LoginIdentifierError::TooLong { max, len } => {
                format!("identifiant trop long : {len} caractères, {max} au maximum")
            }
        }
    }

    fn details(&self) -> Vec<Detail> {
        match self {
            LoginIdentifierError::Empty | LoginIdentifierError::LooksLikeEmail => Vec::new(),
            LoginIdentifierError::Whitespace { index } => {
                vec![("index", DetailValue::from(*index))]
            }
            LoginIdentifierError::InvalidCharacter { index, character } => vec![
                ("index", DetailValue::from(*index)),
                ("character", DetailValue::from(character.as_str())),
            ],
            LoginIdentifierError::TooLong { max, len } => {
                vec![
                    ("max", DetailValue::from(*max)),
                    ("len", DetailValue::from(*len)),
                ]
            }
        }
    }
}

french_display!(LoginIdentifierError);

impl LoginIdentifier {
    /// Parses an identifier as typed (spec §4.6 with §10 Q12).
    ///
    /// The `@` check comes first, so that an e-mail address always gets its own helpful
    /// message, whatever else is wrong with it.
    ///
    /// # Errors
    ///
    /// `LOGIN_IDENTIFIER_REQUIRED` when empty after trimming, `IDENTIFIER_LOOKS_LIKE_EMAIL`
    /// when it contains `@`, `LOGIN_IDENTIFIER_WHITESPACE`, `LOGIN_IDENTIFIER_INVALID_CHARACTER`
    /// for anything not printable ASCII, `LOGIN_IDENTIFIER_TOO_LONG` past 64 characters.
    pub fn parse(input: &str) -> Result<LoginIdentifier, LoginIdentifierError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(LoginIdentifierError::Empty);
        }
        if s.contains('@') || s.contains('\u{FF20}') {
            return Err(LoginIdentifierError::LooksLikeEmail);
        }
        for (index, c) in s.chars().enumerate() {
            if c.is_whitespace() {
                return Err(LoginIdentifierError::Whitespace { index });
            }
            if !c.is_ascii_graphic() {
                let character = if crate::diagnostic::is_escaped_in_messages(c) {
                    format!("U+{:04X}", u32::from(c))
                } else {
                    c.to_string()
                };
                return Err(LoginIdentifierError::InvalidCharacter { index, character });
            }
        }
        // ASCII only from here: bytes are characters.
        if s.len() > LOGIN_IDENTIFIER_MAX {
            return Err(LoginIdentifierError::TooLong {
                max: LOGIN_IDENTIFIER_MAX,
                len: s.len(),
            });
        }
        Ok(LoginIdentifier(s.to_owned()))
    }

    /// The identifier as typed (trimmed).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The case-insensitive comparison key (§10 Q12).
    pub fn key(&self) -> LoginIdentifierKey {
        LoginIdentifierKey(self.0.to_ascii_lowercase())
    }

    /// Whether `self` and `other` designate the same account (case-insensitive).
    pub fn same_as(&self, other: &LoginIdentifier) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl fmt::Display for LoginIdentifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for LoginIdentifier {
    type Err = LoginIdentifierError;
    /// Same as [`LoginIdentifier::parse`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LoginIdentifier::parse(s)
    }
}

impl AsRef<str> for LoginIdentifier {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

super::serde_via_parse!(LoginIdentifier, |v| &v.0, |s| LoginIdentifier::parse(s));

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
        LoginIdentifier::parse(s).unwrap_err().code()
    }

    #[test]
    fn accepted() {
        for s in [
            "a",
            "JDupont75",
            "jean.dupont",
            "x_y-z!#$%",
            &"a".repeat(64),
        ] {
            assert_eq!(LoginIdentifier::parse(s).unwrap().as_str(), s);
        }
        assert_eq!(LoginIdentifier::parse("\t ab \n").unwrap().as_str(), "ab");
    }

    /// Seed: « Ne pas saisir d'adresse de messagerie »; spec §4.6 step 3.
    #[test]
    fn e_mail_gets_its_own_code() {
        assert_eq!(code("jean@exemple.fr"), "IDENTIFIER_LOOKS_LIKE_EMAIL");
        assert_eq!(code("@"), "IDENTIFIER_LOOKS_LIKE_EMAIL");
        // Even with other faults, the e-mail message wins.
        assert_eq!(
            code("jean dupont@exemple.fr"),
            "IDENTIFIER_LOOKS_LIKE_EMAIL"
        );
        assert_eq!(
            code(&format!("{}@x.fr", "a".repeat(70))),
            "IDENTIFIER_LOOKS_LIKE_EMAIL"
        );
        assert_eq!(code("jean＠exemple.fr"), "IDENTIFIER_LOOKS_LIKE_EMAIL"); // full-width @
        assert_eq!(
            LoginIdentifier::parse("a@b").unwrap_err().to_string(),
            "votre identifiant vous a été envoyé par courriel ; ce n'est pas votre adresse"
        );
    }

    #[test]
    fn refusals() {
        assert_eq!(code(""), "LOGIN_IDENTIFIER_REQUIRED");
        assert_eq!(code("  "), "LOGIN_IDENTIFIER_REQUIRED");
        assert_eq!(
            LoginIdentifier::parse("jean dupont").unwrap_err(),
            LoginIdentifierError::Whitespace { index: 4 }
        );
        assert_eq!(code("jean\u{a0}dupont"), "LOGIN_IDENTIFIER_WHITESPACE");
        assert_eq!(code("jérôme"), "LOGIN_IDENTIFIER_INVALID_CHARACTER");
        assert_eq!(
            LoginIdentifier::parse("a\u{0}b").unwrap_err(),
            LoginIdentifierError::InvalidCharacter {
                index: 1,
                character: "U+0000".into()
            }
        );
        // A bidirectional isolate (found by the forms_values fuzz target) is named by its code
        // point, never written raw into the message.
        let bidi = LoginIdentifier::parse("\u{2069}r~5").unwrap_err();
        assert_eq!(
            bidi,
            LoginIdentifierError::InvalidCharacter {
                index: 0,
                character: "U+2069".into()
            }
        );
        for lang in Lang::ALL {
            assert!(
                !bidi.message(*lang).contains('\u{2069}'),
                "{}",
                bidi.message(*lang)
            );
        }
        assert_eq!(
            LoginIdentifier::parse(&"a".repeat(65)).unwrap_err(),
            LoginIdentifierError::TooLong { max: 64, len: 65 }
        );
    }

    /// §10 Q12: compared case-insensitively.
    #[test]
    fn key_is_case_insensitive() {
        let a = LoginIdentifier::parse("JDupont").unwrap();
        let b = LoginIdentifier::parse("jdupont").unwrap();
        assert_ne!(a, b);
        assert!(a.same_as(&b));
        assert_eq!(a.key(), b.key());
        assert_eq!(a.key().as_str(), "jdupont");
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"JDupont\"");
        assert_eq!(serde_json::to_string(&a.key()).unwrap(), "\"jdupont\"");
        assert_eq!(
            serde_json::from_str::<LoginIdentifier>("\"JDupont\"").unwrap(),
            a
        );
    }

    proptest! {
        #[test]
        fn no_panic(s in any::<String>()) {
            let _ = LoginIdentifier::parse(&s);
        }

        #[test]
        fn round_trip(s in "[!-~]{1,64}") {
            match LoginIdentifier::parse(&s) {
                Ok(id) => {
                    prop_assert_eq!(id.as_str(), s.as_str());
                    prop_assert_eq!(LoginIdentifier::parse(id.as_ref()).unwrap(), id);
                }
                Err(e) => prop_assert_eq!(e, LoginIdentifierError::LooksLikeEmail),
            }
        }
    }
}
