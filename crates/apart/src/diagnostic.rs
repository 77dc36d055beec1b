//! The conventions every error of the library follows: the ground below every domain.
//!
//! Each domain has its own error enum (`SiretError`, `IndemnityError`, `AccountError`, …). Every
//! one of them implements [`Diagnostic`], which gives:
//!
//! * a **stable machine code** from [`Diagnostic::code`], such as `SIRET_INVALID_KEY`. Codes are
//!   part of the public API: front ends match on them, so a code is never renamed or reused;
//! * a **family** from [`Diagnostic::family`] (`siret`, `form`, `input`, …): what every binding
//!   uses to pick its exception class, so that the same bad input raises the same class in
//!   Python, JavaScript and Kotlin;
//! * a **message** in French or English from [`Diagnostic::message`]. `Display` prints the French
//!   message, since the users of the extranet are French employers;
//! * **structured fields** from [`Diagnostic::details`] (strings and integers only, so that every
//!   binding can carry them without conversion).
//!
//! An error never repeats a caller's input whole: [`quote`] keeps a short prefix with control
//! characters escaped, so a 10 MiB hostile value gives a message of a few dozen characters.
//! [`DiagnosticRecord`] is the wire form (JSON) of any diagnostic, the one shape the CLI, the
//! claim lines and every binding use.
//!
//! This module depends on nothing else in the crate; the umbrella [`crate::Error`] sits on top.
//!
//! # Example
//!
//! ```
//! use apart::diagnostic::{Diagnostic, Family, Lang};
//! use apart::siret::Siret;
//!
//! let err = "73282932000075".parse::<Siret>().unwrap_err();
//! assert_eq!(err.code(), "SIRET_INVALID_KEY");
//! assert_eq!(err.family(), Family::Siret);
//! assert!(err.to_string().starts_with("numéro SIRET invalide"));
//! assert!(err.message(Lang::En).starts_with("invalid SIRET"));
//! ```

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The language of a human-readable message.
///
/// # Example
///
/// ```
/// use apart::{Diagnostic, Lang};
/// let err = "2026-13".parse::<apart::calendar::Month>().unwrap_err();
/// assert_eq!(Lang::default(), Lang::Fr);
/// assert_eq!(err.to_string(), err.message(Lang::Fr)); // `Display` is the French message
/// assert_eq!(
///     err.message(Lang::En),
///     "invalid month: '2026-13' (expected YYYY-MM from 1900-01 to 9999-12, e.g. 2026-01)"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Lang {
    /// French: the default, and what `Display` prints.
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// Every language the library has messages for.
    pub const ALL: &'static [Lang] = &[Lang::Fr, Lang::En];

    /// Parses a language tag such as `fr`, `en`, `fr-FR` or `en_GB` (case-insensitive).
    ///
    /// Returns `None` for a language the library has no messages for.
    ///
    /// ```
    /// use apart::Lang;
    /// assert_eq!(Lang::from_tag("fr-FR"), Some(Lang::Fr));
    /// assert_eq!(Lang::from_tag("EN"), Some(Lang::En));
    /// assert_eq!(Lang::from_tag("de"), None);
    /// ```
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("fr") {
            Some(Lang::Fr)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The two-letter tag of this language (`fr` or `en`).
    ///
    /// ```
    /// assert_eq!(apart::Lang::En.as_tag(), "en");
    /// ```
    pub fn as_tag(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

/// What kind of error a diagnostic is: the one thing every binding looks at to choose its
/// exception class ([`Family::class_name`]), so that one bad input raises the same class in
/// every language.
///
/// ```
/// use apart::diagnostic::Family;
/// assert_eq!(Family::Input.as_str(), "input");
/// assert_eq!(Family::Input.class_name(), "InputError");
/// assert_eq!("law".parse::<Family>(), Ok(Family::Law));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Family {
    /// SIREN, NIC, SIRET and TVA numbers.
    Siret,
    /// A field of a form (phone, e-mail, postal code, names, free text, human check).
    Form,
    /// Amounts, hours and rates: arithmetic out of the representable range.
    Money,
    /// Legal parameters: a table, a row, an override.
    Law,
    /// The indemnity and allocation engine.
    Indemnity,
    /// The DA, the DI, the DI code, the assistance request, the recap.
    Procedure,
    /// Accounts, credentials, habilitations, mandates, recovery tokens.
    Account,
    /// The state-machine kit: a refused event, a snapshot that cannot be restored.
    Machine,
    /// A value or record given by the caller that cannot be read: a bad date, decimal, month,
    /// spelling, an unknown field, a wrong type. (Named `input` rather than `value` because
    /// Python has a builtin `ValueError`.)
    Input,
    /// The source of randomness failed.
    Entropy,
    /// A bug in the library or a binding (a caught panic): never the caller's fault.
    Internal,
}

impl Family {
    /// Every family, in a fixed order.
    pub const ALL: &'static [Family] = &[
        Family::Siret,
        Family::Form,
        Family::Money,
        Family::Law,
        Family::Indemnity,
        Family::Procedure,
        Family::Account,
        Family::Machine,
        Family::Input,
        Family::Entropy,
        Family::Internal,
    ];

    /// The stable lowercase name (`siret`, `input`…), as in JSON.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::diagnostic::Family;
    /// assert_eq!(Family::Siret.as_str(), "siret");
    /// assert_eq!(serde_json::to_string(&Family::Siret)?, r#""siret""#);
    /// assert_eq!(Family::Siret.to_string(), "siret");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Siret => "siret",
            Family::Form => "form",
            Family::Money => "money",
            Family::Law => "law",
            Family::Indemnity => "indemnity",
            Family::Procedure => "procedure",
            Family::Account => "account",
            Family::Machine => "machine",
            Family::Input => "input",
            Family::Entropy => "entropy",
            Family::Internal => "internal",
        }
    }

    /// The exception class every binding raises for this family (`SiretError`, `InputError`…):
    /// Python and JavaScript use it as the class name, Kotlin as `ApartException.<Family>`.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::{Diagnostic, diagnostic::Family};
    /// let err = "1234".parse::<apart::siret::Siret>().unwrap_err();
    /// assert_eq!(err.family().class_name(), "SiretError");
    /// assert_eq!(Family::Input.class_name(), "InputError"); // not Python's builtin ValueError
    /// ```
    pub fn class_name(self) -> &'static str {
        match self {
            Family::Siret => "SiretError",
            Family::Form => "FormError",
            Family::Money => "MoneyError",
            Family::Law => "LawError",
            Family::Indemnity => "IndemnityError",
            Family::Procedure => "ProcedureError",
            Family::Account => "AccountError",
            Family::Machine => "MachineError",
            Family::Input => "InputError",
            Family::Entropy => "EntropyError",
            Family::Internal => "InternalError",
        }
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Family {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Family::ALL
            .iter()
            .copied()
            .find(|f| f.as_str() == s)
            .ok_or(())
    }
}

impl Serialize for Family {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Family {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        text.parse().map_err(|()| {
            serde::de::Error::unknown_variant(&text, &["siret", "form", "input", "…"])
        })
    }
}

/// The value of one structured field of an error.
///
/// Only strings and integers, so that Python, JavaScript, Kotlin and Swift receive them as
/// they are. In JSON a text is a string and an integer a number.
///
/// It reads back from a JSON integer (one that fits an `i64`) or string, and from nothing else.
///
/// # Example
///
/// ```
/// use apart::diagnostic::{DetailValue, DiagnosticRecord};
/// let err = "55200844x".parse::<apart::siret::Siren>().unwrap_err();
/// let record = DiagnosticRecord::of(&err);
/// assert_eq!(record.detail("index"), Some(&DetailValue::Int(8)));
/// assert_eq!(record.detail("character"), Some(&DetailValue::Text("x".into())));
/// assert_eq!(serde_json::to_string(&DetailValue::Int(8))?, "8");
/// assert_eq!(serde_json::from_str::<DetailValue>(r#""x""#)?, DetailValue::Text("x".into()));
/// assert!(serde_json::from_str::<DetailValue>("1.5").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum DetailValue {
    /// An integer value (an index, a length, a check digit…).
    Int(i64),
    /// A text value (a character, a suggestion, a state name…).
    Text(String),
}

// Written by hand rather than derived with `untagged`, which buffers each value and, for every
// text, builds and throws away the error of reading it as an integer: reading a record back
// cost several times what writing it did. Accepts what the derived reader accepted (an integer
// that fits an `i64`, a string, a character, UTF-8 bytes) and refuses the rest.
impl<'de> Deserialize<'de> for DetailValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IntOrText;
        impl Visitor<'_> for IntOrText {
            type Value = DetailValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer or a string")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<DetailValue, E> {
                Ok(DetailValue::Int(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<DetailValue, E> {
                i64::try_from(v).map(DetailValue::Int).map_err(|_| {
                    E::invalid_value(serde::de::Unexpected::Unsigned(v), &"an i64 integer")
                })
            }
            fn visit_char<E: serde::de::Error>(self, v: char) -> Result<DetailValue, E> {
                Ok(DetailValue::Text(v.to_string()))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DetailValue, E> {
                Ok(DetailValue::Text(v.to_owned()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<DetailValue, E> {
                Ok(DetailValue::Text(v))
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<DetailValue, E> {
                match std::str::from_utf8(v) {
                    Ok(text) => Ok(DetailValue::Text(text.to_owned())),
                    Err(_) => Err(E::invalid_value(serde::de::Unexpected::Bytes(v), &self)),
                }
            }
        }
        deserializer.deserialize_any(IntOrText)
    }
}

impl fmt::Display for DetailValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DetailValue::Text(s) => f.write_str(s),
            DetailValue::Int(i) => write!(f, "{i}"),
        }
    }
}

impl From<&str> for DetailValue {
    fn from(value: &str) -> Self {
        DetailValue::Text(value.to_owned())
    }
}

impl From<String> for DetailValue {
    fn from(value: String) -> Self {
        DetailValue::Text(value)
    }
}

impl From<&String> for DetailValue {
    fn from(value: &String) -> Self {
        DetailValue::Text(value.clone())
    }
}

impl From<char> for DetailValue {
    fn from(value: char) -> Self {
        DetailValue::Text(value.to_string())
    }
}

macro_rules! detail_from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for DetailValue {
            fn from(value: $t) -> Self {
                // Saturate rather than wrap: these are lengths, indexes and counts.
                DetailValue::Int(i64::try_from(value).unwrap_or(i64::MAX))
            }
        }
    )*};
}
detail_from_int!(u8, u16, u32, u64, usize, i8, i16, i32, i64);

/// A named structured field of an error, such as `("index", Int(3))`.
pub type Detail = (&'static str, DetailValue);

/// What every error of the library offers: a stable code, a family, a message in French or
/// English, and structured fields.
///
/// # Example
///
/// ```
/// use apart::diagnostic::{Diagnostic, DetailValue, Family, Lang};
/// use apart::siret::Siren;
///
/// let err = "55200844x".parse::<Siren>().unwrap_err();
/// assert_eq!(err.code(), "IDENTIFIER_INVALID_CHARACTER");
/// assert_eq!(err.family(), Family::Siret);
/// let details = err.details();
/// assert!(details.contains(&("index", DetailValue::Int(8))));
/// assert!(err.message(Lang::En).contains("'x'"));
/// ```
pub trait Diagnostic: std::error::Error + Send + Sync + 'static {
    /// The stable machine code, in `SCREAMING_SNAKE_CASE`.
    ///
    /// NOTE: codes are part of the public API; a code is never renamed or reused.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::{Diagnostic, Error};
    /// let err = "73282932000075".parse::<apart::siret::Siret>().unwrap_err();
    /// assert_eq!(err.code(), "SIRET_INVALID_KEY");
    /// assert_eq!(Error::from(err).code(), "SIRET_INVALID_KEY"); // the umbrella keeps it
    /// ```
    fn code(&self) -> &'static str;

    /// The family of the error: what a binding picks its exception class from.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::{Diagnostic, Family};
    /// let err = "2026-13".parse::<apart::calendar::Month>().unwrap_err();
    /// assert_eq!(err.family(), Family::Input);
    /// assert_eq!(err.family().class_name(), "InputError");
    /// ```
    fn family(&self) -> Family;

    /// The human-readable message in `lang`: short, lowercase, no final period.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::{Diagnostic, Lang};
    /// let err = "73282932000075".parse::<apart::siret::Siret>().unwrap_err();
    /// assert_eq!(err.message(Lang::Fr), "numéro SIRET invalide : clé de contrôle attendue 4, trouvée 5");
    /// assert_eq!(err.message(Lang::En), "invalid SIRET: check digit expected 4, found 5");
    /// ```
    fn message(&self, lang: Lang) -> String;

    /// The structured fields of the error, in a fixed order.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::{Diagnostic, diagnostic::DetailValue};
    /// let err = "73282932000075".parse::<apart::siret::Siret>().unwrap_err();
    /// assert_eq!(
    ///     err.details(),
    ///     [("expected", DetailValue::Int(4)), ("found", DetailValue::Int(5))]
    /// );
    /// ```
    fn details(&self) -> Vec<Detail>;
}

/// Implements `Display` (the French message) and `std::error::Error` for a domain error that
/// implements [`Diagnostic`].
macro_rules! french_display {
    ($t:ty) => {
        // NOTE: this impl is part of the public API: `Display` is the French message.
        impl ::std::fmt::Display for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&$crate::diagnostic::Diagnostic::message(
                    self,
                    $crate::diagnostic::Lang::Fr,
                ))
            }
        }
        impl ::std::error::Error for $t {}
    };
}
pub(crate) use french_display;

/// How many characters of a caller's input an error keeps ([`quote`]).
pub const QUOTE_MAX_CHARS: usize = 40;

/// Whether `c` is never written raw in a message: a control character, or a bidirectional
/// embedding, override or isolate (raw, it reorders what a terminal or a page shows around it).
///
/// ```
/// use apart::diagnostic::is_escaped_in_messages;
/// assert!(is_escaped_in_messages('\u{1b}') && is_escaped_in_messages('\u{2069}'));
/// assert!(!is_escaped_in_messages('é'));
/// ```
pub fn is_escaped_in_messages(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A short, safe quotation of a caller's input for an error message or field: at most
/// [`QUOTE_MAX_CHARS`] characters followed by `…` when cut, with control characters and
/// bidirectional overrides written as `\u{…}` so that nothing reaches a terminal or a log raw.
///
/// ```
/// use apart::diagnostic::quote;
/// assert_eq!(quote("2026-13"), "2026-13");
/// assert_eq!(quote("a\u{1b}[2J"), "a\\u{1b}[2J");
/// let long = "9".repeat(10_000_000);
/// assert_eq!(quote(&long).chars().count(), 41);
/// ```
pub fn quote(input: &str) -> String {
    quote_at_most(input, QUOTE_MAX_CHARS)
}

/// [`quote`] keeping at most `max` characters of output (an escape counts for the characters it
/// is written with), then `…`: for texts longer than an input but still bounded, such as a
/// law row's note or a parser's message.
///
/// ```
/// use apart::diagnostic::quote_at_most;
/// assert_eq!(quote_at_most("abcdef", 3), "abc…");
/// assert_eq!(quote_at_most("a\u{202e}b", 10), "a\\u{202e}b");
/// // Escapes count as what they print: 100 DEL characters stay within 20 characters.
/// assert_eq!(quote_at_most(&"\u{7f}".repeat(100), 20).chars().count(), 19);
/// ```
pub fn quote_at_most(input: &str, max: usize) -> String {
    let mut out = String::with_capacity(input.len().min(max.saturating_mul(4)) + 3);
    let mut written = 0usize;
    for c in input.chars() {
        let escape = is_escaped_in_messages(c).then(|| format!("\\u{{{:x}}}", u32::from(c)));
        let width = escape.as_ref().map_or(1, String::len);
        if written.saturating_add(width) > max {
            out.push('…');
            break;
        }
        match escape {
            Some(escape) => out.push_str(&escape),
            None => out.push(c),
        }
        written += width;
    }
    out
}

/// A message in both languages.
///
/// # Example
///
/// ```
/// use apart::diagnostic::{DiagnosticRecord, Messages};
/// let err = "73282932000075".parse::<apart::siret::Siret>().unwrap_err();
/// let Messages { fr, en } = DiagnosticRecord::of(&err).messages;
/// assert_eq!(fr, "numéro SIRET invalide : clé de contrôle attendue 4, trouvée 5");
/// assert_eq!(en, "invalid SIRET: check digit expected 4, found 5");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Messages {
    /// French.
    pub fr: String,
    /// English.
    pub en: String,
}

impl Messages {
    /// The message of `lang`.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::diagnostic::{DiagnosticRecord, Lang};
    /// let err = "73282932000075".parse::<apart::siret::Siret>().unwrap_err();
    /// let messages = DiagnosticRecord::of(&err).messages;
    /// assert_eq!(messages.get(Lang::En), "invalid SIRET: check digit expected 4, found 5");
    /// assert_eq!(messages.get(Lang::Fr), err.to_string());
    /// ```
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }
}

/// Any diagnostic as plain data: the one wire shape of an error (and of a warning) in the
/// CLI's JSON, in claim lines and in every binding.
///
/// ```json
/// {"code": "SIRET_INVALID_KEY", "family": "siret",
///  "messages": {"fr": "numéro SIRET invalide : …", "en": "invalid SIRET number: …"},
///  "details": {"expected": 4, "found": 5}}
/// ```
///
/// ```
/// use apart::diagnostic::DiagnosticRecord;
/// let err = "73282932000075".parse::<apart::siret::Siret>().unwrap_err();
/// let record = DiagnosticRecord::of(&err);
/// let json = serde_json::to_string(&record)?;
/// assert!(json.starts_with(r#"{"code":"SIRET_INVALID_KEY","family":"siret","messages":{"fr":"#));
/// assert_eq!(serde_json::from_str::<DiagnosticRecord>(&json)?, record);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct DiagnosticRecord {
    /// The stable code.
    pub code: String,
    /// The family.
    pub family: Family,
    /// The message in French and English.
    pub messages: Messages,
    /// The structured fields, in the diagnostic's order (a JSON object).
    #[serde(with = "ordered_details")]
    #[cfg_attr(feature = "ts", ts(type = "Record<string, DetailValue>"))]
    pub details: Vec<(String, DetailValue)>,
}

impl DiagnosticRecord {
    /// The record of any diagnostic.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::diagnostic::{Diagnostic, DiagnosticRecord, Family, Lang};
    /// let err: apart::Error = "2026-13".parse::<apart::calendar::Month>().unwrap_err().into();
    /// let record = DiagnosticRecord::of(&err);
    /// assert_eq!((record.code.as_str(), record.family), ("VALUE_INVALID_MONTH", Family::Input));
    /// assert_eq!(record.messages.get(Lang::En), err.message(Lang::En));
    /// assert_eq!(record.detail("input").map(|v| v.to_string()), Some("2026-13".into()));
    /// ```
    pub fn of<D: Diagnostic + ?Sized>(diagnostic: &D) -> DiagnosticRecord {
        DiagnosticRecord {
            code: diagnostic.code().to_owned(),
            family: diagnostic.family(),
            messages: Messages {
                fr: diagnostic.message(Lang::Fr),
                en: diagnostic.message(Lang::En),
            },
            details: diagnostic
                .details()
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        }
    }

    /// The field `name`, if the diagnostic has it.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::diagnostic::{DetailValue, DiagnosticRecord};
    /// let err = "73282932000075".parse::<apart::siret::Siret>().unwrap_err();
    /// let record = DiagnosticRecord::of(&err);
    /// assert_eq!(record.detail("expected"), Some(&DetailValue::Int(4)));
    /// assert_eq!(record.detail("index"), None); // a field of other codes
    /// ```
    pub fn detail(&self, name: &str) -> Option<&DetailValue> {
        self.details.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }
}

mod ordered_details {
    use super::*;

    pub fn serialize<S: Serializer>(
        details: &[(String, DetailValue)],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(details.len()))?;
        for (k, v) in details {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<(String, DetailValue)>, D::Error> {
        struct Ordered;
        impl<'de> Visitor<'de> for Ordered {
            type Value = Vec<(String, DetailValue)>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of strings and integers")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, DetailValue>()? {
                    out.push((k, v));
                }
                Ok(out)
            }
        }
        deserializer.deserialize_map(Ordered)
    }
}

/// How many characters of a panic's or a binding's own reason an [`InternalError`] keeps.
pub const INTERNAL_REASON_MAX_CHARS: usize = 200;

/// A bug caught at a front end's boundary, never the caller's fault (family `internal`): the
/// one definition of these codes and messages for every binding.
///
/// ```
/// use apart::diagnostic::{Family, InternalError};
/// use apart::{Diagnostic, Lang};
/// let e = InternalError::panic("index out of bounds");
/// assert_eq!((e.code(), e.family()), ("INTERNAL_PANIC", Family::Internal));
/// assert_eq!(
///     e.message(Lang::Fr),
///     "erreur interne de la bibliothèque (merci de la signaler) : « index out of bounds »"
/// );
/// assert_eq!(InternalError::binding("JSON.parse").code(), "INTERNAL_BINDING");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InternalError {
    /// A panic, caught where a front end calls the core.
    Panic {
        /// What the panic said (quoted, at most [`INTERNAL_REASON_MAX_CHARS`]).
        reason: String,
    },
    /// A binding's own step failed where it cannot (reading JSON the core wrote).
    Binding {
        /// What failed (quoted, at most [`INTERNAL_REASON_MAX_CHARS`]).
        reason: String,
    },
    /// An error could not be written as a [`DiagnosticRecord`] for a front end.
    Unwritable {
        /// The code of the error that could not be written.
        code: &'static str,
    },
}

impl InternalError {
    /// `INTERNAL_PANIC`: a panic caught at the boundary, with what it said.
    ///
    /// ```
    /// use apart::diagnostic::InternalError;
    /// let e = InternalError::panic(&"x".repeat(500));
    /// assert!(apart::Diagnostic::message(&e, apart::Lang::En).ends_with("x…"));
    /// ```
    pub fn panic(reason: &str) -> InternalError {
        InternalError::Panic {
            reason: quote_at_most(reason, INTERNAL_REASON_MAX_CHARS),
        }
    }

    /// `INTERNAL_BINDING`: a binding's own step failed.
    ///
    /// ```
    /// use apart::diagnostic::InternalError;
    /// use apart::{Diagnostic, Lang};
    /// let e = InternalError::binding("JSON.parse");
    /// let en = e.message(Lang::En);
    /// assert_eq!(en, "internal error of the binding (please report it): JSON.parse");
    /// ```
    pub fn binding(reason: &str) -> InternalError {
        InternalError::Binding {
            reason: quote_at_most(reason, INTERNAL_REASON_MAX_CHARS),
        }
    }
}

impl Diagnostic for InternalError {
    fn code(&self) -> &'static str {
        match self {
            InternalError::Panic { .. } => "INTERNAL_PANIC",
            InternalError::Binding { .. } => "INTERNAL_BINDING",
            InternalError::Unwritable { .. } => "INTERNAL_SERIALIZE",
        }
    }

    fn family(&self) -> Family {
        Family::Internal
    }

    fn message(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        match self {
            InternalError::Panic { reason } if en => {
                format!("internal error of the library (please report it): {reason}")
            }
            InternalError::Panic { reason } => {
                format!("erreur interne de la bibliothèque (merci de la signaler) : « {reason} »")
            }
            InternalError::Binding { reason } if en => {
                format!("internal error of the binding (please report it): {reason}")
            }
            InternalError::Binding { reason } => {
                format!("erreur interne de la liaison (merci de la signaler) : « {reason} »")
            }
            InternalError::Unwritable { code } if en => {
                format!("internal error: the error {code} could not be written (please report it)")
            }
            InternalError::Unwritable { code } => {
                format!(
                    "erreur interne : l'erreur {code} n'a pas pu être écrite (merci de la signaler)"
                )
            }
        }
    }

    fn details(&self) -> Vec<Detail> {
        match self {
            InternalError::Panic { reason } | InternalError::Binding { reason } => {
                vec![("reason", reason.clone().into())]
            }
            InternalError::Unwritable { code } => vec![("code", (*code).into())],
        }
    }
}

french_display!(InternalError);

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn quote_cuts_and_escapes() {
        assert_eq!(quote(""), "");
        assert_eq!(quote("abc"), "abc");
        assert_eq!(quote("a\nb\u{202e}c"), "a\\u{a}b\\u{202e}c");
        let exactly = "x".repeat(QUOTE_MAX_CHARS);
        assert_eq!(quote(&exactly), exactly);
        let longer = "é".repeat(QUOTE_MAX_CHARS + 1);
        assert_eq!(quote(&longer), format!("{}…", "é".repeat(QUOTE_MAX_CHARS)));
    }

    #[test]
    fn families_round_trip() {
        for f in Family::ALL {
            assert_eq!(f.as_str().parse::<Family>(), Ok(*f));
            assert!(f.class_name().ends_with("Error"));
            let json = serde_json::to_string(f).unwrap();
            assert_eq!(serde_json::from_str::<Family>(&json).unwrap(), *f);
        }
        assert!(serde_json::from_str::<Family>("\"nope\"").is_err());
    }

    #[test]
    fn detail_values_are_strings_or_integers_in_json() {
        let details = vec![
            ("n".to_owned(), DetailValue::Int(3)),
            ("s".to_owned(), DetailValue::Text("3".into())),
        ];
        let record = DiagnosticRecord {
            code: "X".into(),
            family: Family::Input,
            messages: Messages {
                fr: "fr".into(),
                en: "en".into(),
            },
            details,
        };
        let json = serde_json::to_string(&record).unwrap();
        assert!(json.contains(r#""details":{"n":3,"s":"3"}"#), "{json}");
        assert_eq!(
            serde_json::from_str::<DiagnosticRecord>(&json).unwrap(),
            record
        );
    }

    #[test]
    fn detail_values_read_integers_and_strings_only() {
        let read = |json: &str| serde_json::from_str::<DetailValue>(json).ok();
        assert_eq!(read("-3"), Some(DetailValue::Int(-3)));
        assert_eq!(
            read("9223372036854775807"),
            Some(DetailValue::Int(i64::MAX))
        );
        assert_eq!(
            read("-9223372036854775808"),
            Some(DetailValue::Int(i64::MIN))
        );
        assert_eq!(read(r#""3""#), Some(DetailValue::Text("3".into())));
        assert_eq!(read(r#""a\nb""#), Some(DetailValue::Text("a\nb".into())));
        for refused in [
            "9223372036854775808",
            "1.5",
            "1e3",
            "true",
            "null",
            "[]",
            "{}",
        ] {
            assert_eq!(read(refused), None, "{refused}");
        }
    }
}

/// A domain error met by a `Deserialize` (an inverted period, a SIRET with a wrong key inside
/// an event or a context), kept whole so that a reader with a code of its own for shapes
/// reports the domain's code, family, messages and fields, not serde's one line of French.
///
/// ```
/// use apart::diagnostic::{Diagnostic, Lang, Refusal};
/// let err = "73282932000075".parse::<apart::siret::Siret>().unwrap_err();
/// let refusal = Refusal::of(&err);
/// assert_eq!((refusal.code(), refusal.family().as_str()), ("SIRET_INVALID_KEY", "siret"));
/// assert_eq!(refusal.message(Lang::En), err.message(Lang::En));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    code: &'static str,
    family: Family,
    fr: String,
    en: String,
    details: Vec<Detail>,
}

impl Refusal {
    /// The refusal of `error`, with its code, family, messages and fields.
    ///
    /// ```
    /// # use apart::diagnostic::{Diagnostic, Refusal};
    /// let err = "2026-13".parse::<apart::calendar::Month>().unwrap_err();
    /// assert_eq!(Refusal::of(&err).code(), "VALUE_INVALID_MONTH");
    /// ```
    pub fn of<D: Diagnostic + ?Sized>(error: &D) -> Refusal {
        Refusal {
            code: error.code(),
            family: error.family(),
            fr: error.message(Lang::Fr),
            en: error.message(Lang::En),
            details: error.details(),
        }
    }
}

impl Diagnostic for Refusal {
    fn code(&self) -> &'static str {
        self.code
    }

    fn family(&self) -> Family {
        self.family
    }

    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Fr => self.fr.clone(),
            Lang::En => self.en.clone(),
        }
    }

    fn details(&self) -> Vec<Detail> {
        self.details.clone()
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.fr)
    }
}

impl std::error::Error for Refusal {}

std::thread_local! {
    /// The last domain error a `Deserialize` of this thread refused with ([`de_refusal`]):
    /// serde's errors carry only text, so the typed error waits here for the reader that
    /// called serde ([`take_refusal`]), on the same thread, within the same call.
    static LAST_REFUSAL: std::cell::RefCell<Option<Refusal>> = const { std::cell::RefCell::new(None) };
}

/// The serde error of a `Deserialize` that refuses a value with a domain error: its French
/// message for serde, and the error kept for [`take_refusal`].
pub(crate) fn de_refusal<E: serde::de::Error, D: Diagnostic>(error: D) -> E {
    let refusal = Refusal::of(&error);
    let message = refusal.fr.clone();
    LAST_REFUSAL.with(|slot| *slot.borrow_mut() = Some(refusal));
    E::custom(message)
}

/// The domain error a `Deserialize` of this thread last refused with, if any (and forgets it).
pub(crate) fn take_refusal() -> Option<Refusal> {
    LAST_REFUSAL.with(|slot| slot.borrow_mut().take())
}
