//! Free text: normalisation, length as a browser counts it, and bounded text fields.
//!
//! Every free-text field goes through [`normalize_text`] before any check (spec §4): Unicode
//! NFC, then CRLF and lone CR turned into LF, then trimming of white space at both ends.
//! Passwords are never normalised.
//!
//! Lengths are counted in **UTF-16 code units** of the normalised text (spec §4.5, §10 Q17),
//! which is what a browser's `maxlength` counts: an emoji counts 2, a line break 1. A text that
//! the real form's `maxlength=1000` accepts is then accepted here, and nothing it refuses is.

use serde::{Deserialize, Serialize};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::diagnostic::{Detail, DetailValue, Diagnostic, Lang, french_display};

/// Normalises free text: NFC, CRLF and lone CR to LF, then trims white space at both ends.
///
/// The result is what every check of this module measures. Not for passwords.
///
/// ```
/// use apart::forms::normalize_text;
/// assert_eq!(normalize_text("  Cafe\u{301}\r\nbar\r "), "Café\nbar");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn normalize_text(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    // A text the quick check finds in NFC already (all ASCII, most French) is its own NFC:
    // copied as it is rather than decomposed and recomposed character by character.
    if is_nfc_quick(input.chars()) == IsNormalized::Yes {
        push_with_lf(&mut out, input.chars());
    } else {
        push_with_lf(&mut out, input.nfc());
    }
    let trimmed = out.trim();
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_owned()
    }
}

/// Pushes `chars` to `out` with CRLF and lone CR turned into LF.
fn push_with_lf(out: &mut String, chars: impl Iterator<Item = char>) {
    let mut chars = chars.peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            // CRLF and lone CR both become one LF, as a textarea's value does.
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
}

/// The length of `input` as a browser's `maxlength` counts it: UTF-16 code units of the
/// [normalised](normalize_text) text (NFC, line breaks as LF, trimmed: the text the rule
/// checks, so a counter and the check always agree).
///
/// JavaScript's and Kotlin's `.length` give the same number on the normalised text; Python and
/// Swift callers should use this function.
///
/// ```
/// use apart::forms::text_len_utf16;
/// assert_eq!(text_len_utf16("été"), 3);
/// assert_eq!(text_len_utf16("e\u{301}te\u{301}"), 3); // NFC first
/// assert_eq!(text_len_utf16("a\r\nb"), 3); // a line break counts 1
/// assert_eq!(text_len_utf16("😀"), 2); // outside the BMP: a surrogate pair
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn text_len_utf16(input: &str) -> usize {
    utf16_len(&normalize_text(input))
}

/// The length of a description (spec §4.5): the same count as [`text_len_utf16`].
///
/// ```
/// use apart::forms::description_len;
/// assert_eq!(description_len("Bonjour\r\n"), 7);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn description_len(input: &str) -> usize {
    text_len_utf16(input)
}

/// How many UTF-16 code units are left before `max`, negative when `input` is too long.
///
/// For a counter under a text area (« 1000 caractères maximum »).
///
/// ```
/// use apart::forms::{remaining, Description};
/// assert_eq!(remaining("abc", Description::MAX), 997);
/// assert_eq!(remaining(&"x".repeat(1002), 1000), -2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn remaining(input: &str, max: usize) -> i64 {
    let max = i64::try_from(max).unwrap_or(i64::MAX);
    let len = i64::try_from(text_len_utf16(input)).unwrap_or(i64::MAX);
    max.saturating_sub(len)
}

/// UTF-16 code units of an already normalised text.
pub(crate) fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// Finds the first control character that a field refuses: every `Cc` character (C0, DEL,
/// C1) except TAB, and LF unless `allow_line_breaks`.
///
/// Returns the index in characters and the character.
pub(crate) fn find_control(s: &str, allow_line_breaks: bool) -> Option<(usize, char)> {
    s.chars().enumerate().find(|&(_, c)| {
        crate::diagnostic::is_escaped_in_messages(c)
            && c != '\t'
            && !(allow_line_breaks && c == '\n')
    })
}

/// Why a free-text field was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TextError {
    /// The field is required and nothing but white space was given.
    Required,
    /// Shorter than the field's minimum (UTF-16 code units, after normalisation).
    TooShort {
        /// The minimum length.
        min: usize,
        /// The length found.
        len: usize,
    },
    /// Longer than the field's maximum (UTF-16 code units, after normalisation).
    TooLong {
        /// The maximum length.
        max: usize,
        /// The length found.
        len: usize,
    },
    /// A control character (other than TAB, and other than LF in multi-line fields), or a
    /// bidirectional embedding, override or isolate (invisible, it reorders what a page shows).
    ControlChar {
        /// The position of the character, counted in characters of the normalised text.
        index: usize,
        /// The code point, written `U+XXXX`.
        code_point: String,
    },
    /// Rules whose minimum is above their maximum: no text could pass them.
    RulesInverted {
        /// The minimum length.
        min: usize,
        /// The maximum length.
        max: usize,
    },
}

impl Diagnostic for TextError {
    fn family(&self) -> crate::diagnostic::Family {
        crate::diagnostic::Family::Form
    }

    fn code(&self) -> &'static str {
        match self {
            TextError::Required => "TEXT_REQUIRED",
            TextError::TooShort { .. } => "TEXT_TOO_SHORT",
            TextError::TooLong { .. } => "TEXT_TOO_LONG",
            TextError::ControlChar { .. } => "TEXT_CONTROL_CHAR",
            TextError::RulesInverted { .. } => "TEXT_RULES_INVERTED",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (TextError::Required, Lang::En) => "this field is required".into(),
            (TextError::Required, _) => "ce champ est obligatoire".into(),
            (TextError::TooShort { min, len }, Lang::En) => {
                format!("too short: {len} characters, at least {min} expected")
            }
            (TextError::TooShort { min, len }, _) => {
                format!("trop court : {len} caractères, au moins {min} attendus")
            }
            (TextError::TooLong { max, len }, Lang::En) => {
                format!("too long: {len} characters, at most {max} allowed")
            }
            (TextError::TooLong { max, len }, _) => {
                format!("trop long : {len} caractères, {max} au maximum")
            }
            (TextError::ControlChar { index, code_point }, Lang::En) => {
                format!(
                    "control character {code_point} not allowed (position {position})",
                    position = index.saturating_add(1)
                )
            }
            (TextError::ControlChar { index, code_point }, _) => {
                format!(
                    "caractère de contrôle {code_point} interdit (position {position})",
                    position = index.saturating_add(1)
                )
            }
            (TextError::RulesInverted { min, max }, Lang::En) => {
                format!("text rules with a minimum of {min} above their maximum of {max}")
            }
            (TextError::RulesInverted { min, max }, _) => {
                format!("règles de saisie dont le minimum {min} dépasse le maximum {max}")
            }
        }
    }

    fn details(&self) -> Vec<Detail> {
        match self {
            TextError::Required => Vec::new(),
            TextError::TooShort { min, len } => {
                vec![
                    ("min", DetailValue::from(*min)),
                    ("len", DetailValue::from(*len)),
                ]
            }
            TextError::TooLong { max, len } => {
                vec![
                    ("max", DetailValue::from(*max)),
                    ("len", DetailValue::from(*len)),
                ]
            }
            TextError::ControlChar { index, code_point } => vec![
                ("index", DetailValue::from(*index)),
                ("code_point", DetailValue::from(code_point.as_str())),
            ],
            TextError::RulesInverted { min, max } => vec![
                ("min", DetailValue::from(*min)),
                ("max", DetailValue::from(*max)),
            ],
        }
    }
}

french_display!(TextError);

pub(crate) fn control_error(index: usize, c: char) -> TextError {
    TextError::ControlChar {
        index,
        code_point: format!("U+{:04X}", u32::from(c)),
    }
}

/// The rules of one free-text field: length bounds in UTF-16 code units and whether line
/// breaks are allowed.
///
/// The lengths of spec §4.7 and §4.8 are placeholders until the real forms' limits are known
/// (§10 Q13), so they are constants here that a caller can replace with its own rules.
///
/// ```
/// use apart::forms::TextRules;
/// let rules = TextRules::new(1, 5);
/// assert_eq!(rules.check(" Acme ")?, "Acme");
/// assert!(rules.check("Acme SA").is_err());
/// assert!(rules.check("a\nb").is_err()); // single line
/// let override_rtl = char::from_u32(0x202E).ok_or("U+202E")?;
/// assert!(rules.check(&format!("Ac{override_rtl}me")).is_err()); // bidirectional override
/// assert!(TextRules::new(5, 1).check("Acme").is_err()); // no text could pass
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, eq, hash, get_all, from_py_object, module = "apart.forms")
)]
// The lengths cross uniffi as `Int` (`ffi_uniffi::Length`): Java has no unsigned integers.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TextRules {
    /// The minimum length; 0 makes the field optional.
    #[serde(deserialize_with = "length")]
    pub min: usize,
    /// The maximum length.
    #[serde(deserialize_with = "length")]
    pub max: usize,
    /// Whether LF is allowed (text areas). Default: false.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub multiline: bool,
}

/// A length of [`TextRules`] read as a `u32`: `2 ** 40` from JavaScript is out of range, not
/// « no limit ».
fn length<'de, D: serde::Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    u32::deserialize(d).map(|n| usize::try_from(n).unwrap_or(usize::MAX))
}

impl TextRules {
    /// Single-line text of `min..=max` UTF-16 code units.
    pub const fn new(min: usize, max: usize) -> TextRules {
        TextRules {
            min,
            max,
            multiline: false,
        }
    }

    /// The same rules, with line breaks allowed.
    pub const fn multiline(self) -> TextRules {
        TextRules {
            multiline: true,
            ..self
        }
    }

    /// « Dénomination » of an establishment (spec §4.7, §4.8): 1–100.
    pub const DENOMINATION: TextRules = TextRules::new(1, 100);
    /// « Libellé de la voie » (spec §4.7): 1–100.
    pub const STREET_NAME: TextRules = TextRules::new(1, 100);
    /// « Complément d'adresse » (spec §4.7): optional, up to 100.
    pub const ADDRESS_COMPLEMENT: TextRules = TextRules::new(0, 100);
    /// « Ville » (spec §4.7): 1–60, CEDEX suffix included.
    pub const CITY: TextRules = TextRules::new(1, 60);
    /// « Nom », « Prénom » (spec §4.7): 1–50.
    pub const PERSON_NAME: TextRules = TextRules::new(1, 50);
    /// « Nom et prénom » of the assistance form (spec §4.8): 1–100.
    pub const FULL_NAME: TextRules = TextRules::new(1, 100);
    /// « Description de la demande » (spec §4.5): 1–1000, multi-line.
    pub const DESCRIPTION: TextRules = TextRules::new(1, 1000).multiline();

    /// Normalises `input` and checks it against these rules, returning the normalised text.
    ///
    /// An empty text is accepted when `min` is 0.
    ///
    /// # Errors
    ///
    /// [`TextError::Required`] for an empty text when `min > 0`, `TooShort`, `TooLong`,
    /// `ControlChar` for a control character (LF is one in single-line fields) or a
    /// bidirectional override, and `RulesInverted` for rules no text could pass (`min > max`).
    pub fn check(&self, input: &str) -> Result<String, TextError> {
        if self.min > self.max {
            return Err(TextError::RulesInverted {
                min: self.min,
                max: self.max,
            });
        }
        let text = normalize_text(input);
        if text.is_empty() {
            return if self.min == 0 {
                Ok(text)
            } else {
                Err(TextError::Required)
            };
        }
        if let Some((index, c)) = find_control(&text, self.multiline) {
            return Err(control_error(index, c));
        }
        let len = utf16_len(&text);
        if len < self.min {
            return Err(TextError::TooShort { min: self.min, len });
        }
        if len > self.max {
            return Err(TextError::TooLong { max: self.max, len });
        }
        Ok(text)
    }
}

/// The text fields of the extranet's forms, each with its rules (the `TextRules` constants).
///
/// ```
/// use apart::forms::{TextField, TextRules};
/// assert_eq!(TextField::FullName.rules(), TextRules::FULL_NAME);
/// assert!(TextField::Description.rules().multiline);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum TextField {
    /// Raison sociale (1–100).
    Denomination,
    /// Street name (1–100).
    StreetName,
    /// Address complement (0–100).
    AddressComplement,
    /// City (1–60).
    City,
    /// First or last name (1–50).
    PersonName,
    /// « Nom Prénom » (1–100).
    FullName,
    /// The assistance form's description (1–1000, multi-line).
    Description,
}

impl TextField {
    /// The field's rules.
    ///
    /// ```
    /// use apart::forms::TextField;
    /// assert_eq!(TextField::City.rules().max, 60);
    /// ```
    pub const fn rules(self) -> TextRules {
        match self {
            TextField::Denomination => TextRules::DENOMINATION,
            TextField::StreetName => TextRules::STREET_NAME,
            TextField::AddressComplement => TextRules::ADDRESS_COMPLEMENT,
            TextField::City => TextRules::CITY,
            TextField::PersonName => TextRules::PERSON_NAME,
            TextField::FullName => TextRules::FULL_NAME,
            TextField::Description => TextRules::DESCRIPTION,
        }
    }
}

/// A free-text value that passed its field's [`TextRules`]; holds the normalised text.
///
/// Serialises as the plain string. Deserialising checks the text against the loosest rules
/// (single line is not enforced, at most 1000 units) since the field is not known there.
///
/// ```
/// use apart::forms::{BoundedText, TextRules};
/// let name = BoundedText::parse("  Boulangerie Martin ", TextRules::DENOMINATION)?;
/// assert_eq!(name.as_str(), "Boulangerie Martin");
/// assert!(BoundedText::parse("", TextRules::DENOMINATION).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BoundedText(String);

impl BoundedText {
    /// Normalises and checks `input` against `rules`.
    ///
    /// # Errors
    ///
    /// The [`TextError`] of [`TextRules::check`].
    pub fn parse(input: &str, rules: TextRules) -> Result<BoundedText, TextError> {
        rules.check(input).map(BoundedText)
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The normalised text, consumed.
    pub fn into_string(self) -> String {
        self.0
    }

    /// Its length in UTF-16 code units.
    pub fn len_utf16(&self) -> usize {
        utf16_len(&self.0)
    }
}

impl std::fmt::Display for BoundedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for BoundedText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

super::serde_via_parse!(BoundedText, |v| &v.0, |s| BoundedText::parse(
    s,
    TextRules::new(0, 1000).multiline()
));

/// « Description de la demande »: 1 to 1000 UTF-16 code units after normalisation, line
/// breaks allowed (spec §4.5, §10 Q17).
///
/// ```
/// use apart::forms::Description;
/// let d = Description::parse("Je n'arrive pas à me connecter.\r\nMerci.")?;
/// assert_eq!(d.len_utf16(), 38);
/// assert!(Description::parse(&"😀".repeat(501)).is_err()); // 1002 units
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Description(String);

impl Description {
    /// The maximum length, in UTF-16 code units.
    pub const MAX: usize = 1000;

    /// Normalises and checks a description.
    ///
    /// # Errors
    ///
    /// [`TextError::Required`] when empty, `TooLong` past 1000 units, `ControlChar` for a
    /// control character other than LF and TAB.
    pub fn parse(input: &str) -> Result<Description, TextError> {
        TextRules::DESCRIPTION.check(input).map(Description)
    }

    /// The normalised text (line breaks are LF).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The normalised text, consumed.
    pub fn into_string(self) -> String {
        self.0
    }

    /// Its length in UTF-16 code units.
    pub fn len_utf16(&self) -> usize {
        utf16_len(&self.0)
    }
}

impl std::fmt::Display for Description {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

super::serde_via_parse!(Description, |v| &v.0, |s| Description::parse(s));

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
    fn normalisation_nfc_line_breaks_trim() {
        assert_eq!(normalize_text("a\r\nb\rc\nd"), "a\nb\nc\nd");
        assert_eq!(normalize_text("\r\n\r\n"), "");
        assert_eq!(normalize_text("\u{a0}x\t"), "x");
        assert_eq!(normalize_text("e\u{301}"), "\u{e9}");
        // Line breaks inside are kept, at the ends trimmed.
        assert_eq!(normalize_text("\nx\n\ny\n"), "x\n\ny");
    }

    /// Spec §4.5: 1000 UTF-16 units pass, 1001 fail, however they are made.
    #[test]
    fn description_boundary_1000_vs_1001() {
        let ascii = "a".repeat(1000);
        assert!(Description::parse(&ascii).is_ok());
        let err = Description::parse(&format!("{ascii}b")).unwrap_err();
        assert_eq!(
            err,
            TextError::TooLong {
                max: 1000,
                len: 1001
            }
        );
        assert_eq!(err.code(), "TEXT_TOO_LONG");

        // Emoji count 2 (surrogate pairs): 500 emoji = 1000, one more letter = 1001.
        let emoji = "😀".repeat(500);
        assert_eq!(description_len(&emoji), 1000);
        assert!(Description::parse(&emoji).is_ok());
        assert!(Description::parse(&format!("{emoji}a")).is_err());

        // e + combining acute is composed by NFC to one unit: 1000 of them pass.
        let decomposed = "e\u{301}".repeat(1000);
        assert_eq!(description_len(&decomposed), 1000);
        assert!(Description::parse(&decomposed).is_ok());
        // A combining mark with no precomposed form stays 2 units (q + U+0301).
        let q = "q\u{301}".repeat(500);
        assert_eq!(description_len(&q), 1000);
        assert!(Description::parse(&format!("{q}x")).is_err());

        // CRLF counts 1 (a textarea submits CRLF; maxlength counts LF).
        let lines = "abcdefghi\r\n".repeat(100); // trailing CRLF trimmed: 999 units
        assert_eq!(description_len(&lines), 999);
        let body = lines.trim_end(); // 99 CRLF inside: 999 units
        assert!(Description::parse(&format!("{body}x")).is_ok());
        assert!(Description::parse(&format!("{body}xy")).is_err());
        // A naive count of the submitted CRLF text would say 1099.
        assert_eq!(format!("{body}x").encode_utf16().count(), 1099);
    }

    /// NFC is not always shorter: composition exclusions such as U+0958 (DEVANAGARI LETTER
    /// QA) decompose and never recompose, so a text that a browser's `maxlength=1000` accepted
    /// can measure more than 1000 here. The spec's rule (count after NFC) is applied as written.
    #[test]
    fn nfc_can_lengthen() {
        assert_eq!(description_len("\u{958}"), 2);
        let typed = "\u{958}".repeat(1000); // 1000 units as typed
        assert_eq!(typed.encode_utf16().count(), 1000);
        assert_eq!(
            Description::parse(&typed).unwrap_err(),
            TextError::TooLong {
                max: 1000,
                len: 2000
            }
        );
    }

    #[test]
    fn description_required_and_controls() {
        assert_eq!(
            Description::parse("  \r\n ").unwrap_err(),
            TextError::Required
        );
        assert!(Description::parse("a\tb\nc").is_ok());
        let err = Description::parse("a\u{7}b").unwrap_err();
        assert_eq!(err.code(), "TEXT_CONTROL_CHAR");
        assert_eq!(
            err,
            TextError::ControlChar {
                index: 1,
                code_point: "U+0007".into()
            }
        );
        assert!(Description::parse("a\u{0}b").is_err());
        assert!(Description::parse("a\u{7f}b").is_err());
        assert!(Description::parse("a\u{85}b").is_err());
    }

    #[test]
    fn single_line_refuses_line_breaks() {
        let err = TextRules::DENOMINATION.check("Acme\r\nSA").unwrap_err();
        assert_eq!(
            err,
            TextError::ControlChar {
                index: 4,
                code_point: "U+000A".into()
            }
        );
        assert_eq!(TextRules::ADDRESS_COMPLEMENT.check("  ").unwrap(), "");
        assert_eq!(
            TextRules::new(3, 10).check("ab").unwrap_err(),
            TextError::TooShort { min: 3, len: 2 }
        );
    }

    #[test]
    fn remaining_counts_down_and_below_zero() {
        assert_eq!(remaining("", 1000), 1000);
        assert_eq!(remaining("😀", 1000), 998);
        assert_eq!(remaining(&"a".repeat(1001), 1000), -1);
    }

    #[test]
    fn messages_in_both_languages() {
        let err = TextError::TooLong {
            max: 1000,
            len: 1001,
        };
        assert_eq!(
            err.to_string(),
            "trop long : 1001 caractères, 1000 au maximum"
        );
        assert_eq!(
            err.message(Lang::En),
            "too long: 1001 characters, at most 1000 allowed"
        );
    }

    #[test]
    fn serde_round_trip() {
        let d = Description::parse("a\r\nb").unwrap();
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(json, "\"a\\nb\"");
        assert_eq!(serde_json::from_str::<Description>(&json).unwrap(), d);
        assert!(serde_json::from_str::<Description>("\"\"").is_err());
    }

    proptest! {
        #[test]
        fn no_panic_and_len_is_utf16_count(s in any::<String>()) {
            let normalized = normalize_text(&s);
            prop_assert_eq!(text_len_utf16(&s), normalized.encode_utf16().count());
            let _ = Description::parse(&s);
            let _ = TextRules::DENOMINATION.check(&s);
        }

        #[test]
        fn normalisation_is_nfc_whether_or_not_the_quick_check_passes(
            s in "([a-zA-Z \r\n]|e\u{301}|\u{301}|é|\u{1e0a}\u{323}|\u{ac00}\u{11a8}|\u{212b}|😀)*",
        ) {
            let mut reference = String::new();
            push_with_lf(&mut reference, s.nfc());
            prop_assert_eq!(normalize_text(&s), reference.trim());
        }

        #[test]
        fn normalisation_is_idempotent(s in any::<String>()) {
            let once = normalize_text(&s);
            prop_assert_eq!(normalize_text(&once), once.clone());
            prop_assert!(!once.contains('\r'));
        }

        #[test]
        fn accepted_descriptions_round_trip(s in "[a-zé😀\r\n ]{0,1200}") {
            if let Ok(d) = Description::parse(&s) {
                prop_assert!(d.len_utf16() <= Description::MAX);
                prop_assert_eq!(Description::parse(d.as_str()).unwrap(), d);
            }
        }
    }
}
