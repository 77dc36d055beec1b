//! Reading what a caller gives: decimals, spellings and whole records, with one typed error.
//!
//! Every front end (the CLI, Python, Node, Kotlin, the browser) hands the core text or JSON;
//! the core reads it here, so that one bad input gets one code in every language:
//!
//! * [`parse_decimal`]: plain decimals (`2000`, `151.67`, `2000,50`), never floats;
//! * [`spelled_enum!`](crate::spelled_enum): one canonical `snake_case` spelling per value of an
//!   option (what JSON writes), its kebab-case form (`droit-commun`, the CLI's) accepted on input
//!   everywhere, anything else `VALUE_UNKNOWN_VARIANT` listing the accepted spellings;
//! * [`from_json`] / [`from_json_value`]: a whole record, unknown fields refused, every failure
//!   a [`ValueError`] naming the field (`INPUT_UNKNOWN_FIELD`, `INPUT_MISSING_FIELD`,
//!   `INPUT_WRONG_TYPE`, or the field's own `VALUE_*` code).
//!
//! [`ValueError`]s belong to the family `input`. They quote at most a short prefix of what they
//! refuse ([`quote`]).
//!
//! ```
//! use apart::value::{from_json, parse_decimal, DecimalKind};
//! use apart::indemnity::EmployeeMonth;
//! use apart::Diagnostic;
//!
//! assert_eq!(parse_decimal(DecimalKind::Amount, "2000,50")?.to_string(), "2000.50");
//! let err = from_json::<EmployeeMonth>(r#"{"month":"2026-01","gross_monthly":"2000","contract_hour":"121.33"}"#)
//!     .unwrap_err();
//! assert_eq!(err.code(), "INPUT_UNKNOWN_FIELD");
//! assert_eq!(err.field(), Some("contract_hour"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;

use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Detail, Diagnostic, Family, Lang, french_display, quote, quote_at_most};

/// What a decimal stands for: it decides the example an error gives (an amount for money,
/// hours for hours).
///
/// # Example
///
/// ```
/// use apart::value::{parse_decimal, DecimalKind};
/// use apart::{Diagnostic, Lang};
/// let hours = parse_decimal(DecimalKind::Hours, "35h").unwrap_err();
/// assert_eq!(
///     hours.message(Lang::En),
///     "invalid value: '35h' (expected a number of hours, e.g. 151.67)"
/// );
/// let amount = parse_decimal(DecimalKind::Amount, "35h").unwrap_err();
/// assert_eq!(
///     amount.message(Lang::En),
///     "invalid value: '35h' (expected an amount in euros, e.g. 2000.50)"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DecimalKind {
    /// Euros (`2000.50`).
    Amount,
    /// Decimal hours (`151.67`).
    Hours,
    /// Euros per hour (`13.19`).
    HourlyAmount,
    /// A fraction (`0.60` is 60 %).
    Rate,
    /// Days, in halves (`2.5`).
    Days,
    /// Any other decimal.
    Decimal,
}

impl DecimalKind {
    /// The stable name (`amount`, `hours`…), as in the error's `kind` field.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{parse_decimal, DecimalKind};
    /// use apart::Diagnostic;
    /// assert_eq!(DecimalKind::HourlyAmount.as_str(), "hourly_amount");
    /// let err = parse_decimal(DecimalKind::HourlyAmount, "13.19 €").unwrap_err();
    /// assert!(err.details().iter().any(|(k, v)| *k == "kind" && v.to_string() == "hourly_amount"));
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            DecimalKind::Amount => "amount",
            DecimalKind::Hours => "hours",
            DecimalKind::HourlyAmount => "hourly_amount",
            DecimalKind::Rate => "rate",
            DecimalKind::Days => "days",
            DecimalKind::Decimal => "decimal",
        }
    }

    /// A well-formed example of this kind.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{parse_decimal, DecimalKind::{self, *}};
    /// assert_eq!(DecimalKind::Rate.example(), "0.60"); // 60 %
    /// for kind in [Amount, Hours, HourlyAmount, Rate, Days, Decimal] {
    ///     assert!(parse_decimal(kind, kind.example()).is_ok(), "{kind:?}");
    /// }
    /// ```
    pub fn example(self) -> &'static str {
        match self {
            DecimalKind::Amount => "2000.50",
            DecimalKind::Hours => "151.67",
            DecimalKind::HourlyAmount => "13.19",
            DecimalKind::Rate => "0.60",
            DecimalKind::Days => "2.5",
            DecimalKind::Decimal => "12.5",
        }
    }

    fn noun(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (DecimalKind::Amount, Lang::Fr) => "un montant en euros",
            (DecimalKind::Amount, _) => "an amount in euros",
            (DecimalKind::Hours, Lang::Fr) => "un nombre d'heures",
            (DecimalKind::Hours, _) => "a number of hours",
            (DecimalKind::HourlyAmount, Lang::Fr) => "un montant horaire en euros",
            (DecimalKind::HourlyAmount, _) => "an hourly amount in euros",
            (DecimalKind::Rate, Lang::Fr) => "un taux (fraction)",
            (DecimalKind::Rate, _) => "a rate (fraction)",
            (DecimalKind::Days, Lang::Fr) => "un nombre de jours",
            (DecimalKind::Days, _) => "a number of days",
            (DecimalKind::Decimal, Lang::Fr) => "un nombre décimal",
            (DecimalKind::Decimal, _) => "a decimal number",
        }
    }
}

/// The most characters of one field name [`ValueError::with_field`] keeps (a JSON path
/// segment, a column, an option: never near it).
const FIELD_NAME_MAX_CHARS: usize = 100;

/// A value or record given by the caller that cannot be read. Family `input`.
///
/// `field` names the field (a JSON path such as `lines[3].hours`, or a CLI option) when the
/// reader knows it; [`ValueError::with_field`] sets it. Inputs are quoted short ([`quote`]).
///
/// # Example
///
/// ```
/// use apart::calendar::Month;
/// use apart::{Diagnostic, Family};
/// let err = "2026-13".parse::<Month>().unwrap_err().with_field("month");
/// assert_eq!(err.family(), Family::Input);
/// assert_eq!(
///     err.to_string(),
///     "mois invalide pour « month » : « 2026-13 » (attendu : AAAA-MM de 1900-01 à 9999-12, par exemple 2026-01)"
/// );
/// assert_eq!(
///     serde_json::to_value(&err)?,
///     serde_json::json!({"code": "VALUE_INVALID_MONTH", "field": "month", "input": "2026-13"})
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum ValueError {
    /// Not a plain decimal (`2000`, `151.67`, `2000,50`): no exponent, no thousands separator.
    #[serde(rename = "VALUE_INVALID_DECIMAL")]
    InvalidDecimal {
        /// The field, when known.
        field: Option<String>,
        /// What the decimal stands for.
        kind: DecimalKind,
        /// The text received (quoted short).
        input: String,
    },
    /// Not a month written `YYYY-MM`.
    #[serde(rename = "VALUE_INVALID_MONTH")]
    InvalidMonth {
        /// The field, when known.
        field: Option<String>,
        /// The text received (quoted short).
        input: String,
    },
    /// Not a date written `YYYY-MM-DD`, or a day that does not exist.
    #[serde(rename = "VALUE_INVALID_DATE")]
    InvalidDate {
        /// The field, when known.
        field: Option<String>,
        /// The text received (quoted short).
        input: String,
    },
    /// Not an RFC 3339 instant with its offset, or one that cannot be stored.
    #[serde(rename = "VALUE_INVALID_INSTANT")]
    InvalidInstant {
        /// The field, when known.
        field: Option<String>,
        /// The text or instant received (quoted short).
        input: String,
        /// `rfc3339` (not RFC 3339 text), `offset_seconds`, `offset_range` or `year_range`.
        reason: Cow<'static, str>,
    },
    /// Not one of the spellings of an option.
    #[serde(rename = "VALUE_UNKNOWN_VARIANT")]
    UnknownVariant {
        /// The field, when known.
        field: Option<String>,
        /// The option (`regime`, `category`…).
        option: Cow<'static, str>,
        /// The text received (quoted short).
        input: String,
        /// The canonical spellings, comma-separated.
        expected: String,
    },
    /// A value outside the accepted range.
    #[serde(rename = "VALUE_OUT_OF_RANGE")]
    OutOfRange {
        /// The field, when known.
        field: Option<String>,
        /// The value received (quoted short).
        input: String,
        /// The accepted range or kind, in words.
        expected: String,
    },
    /// A floating-point number that is not finite (NaN, ±∞).
    #[serde(rename = "VALUE_NOT_FINITE")]
    NotFinite {
        /// The field, when known.
        field: Option<String>,
        /// The value received.
        input: String,
    },
    /// A binary floating-point number given for money, hours or a rate without the option that
    /// allows rounding it.
    #[serde(rename = "VALUE_FLOAT_REFUSED")]
    FloatRefused {
        /// The field, when known.
        field: Option<String>,
        /// The value received.
        input: String,
    },
    /// A text longer than the field allows.
    #[serde(rename = "VALUE_TOO_LONG")]
    TooLong {
        /// The field, when known.
        field: Option<String>,
        /// Its length in characters (or bytes for binary limits).
        length: u64,
        /// The limit.
        max: u64,
    },
    /// A text holding a control character (NUL, an escape sequence, a line break where none
    /// belongs) or a bidirectional override, which the library would otherwise carry back into
    /// every outcome, file and page that shows the text.
    #[serde(rename = "VALUE_CONTROL_CHAR")]
    ControlChar {
        /// The field, when known.
        field: Option<String>,
        /// The character's position in the text, from 0.
        index: u64,
        /// The character, as `U+XXXX`.
        code_point: String,
    },
    /// A field the record does not have (a typo, or a field of a newer version).
    #[serde(rename = "INPUT_UNKNOWN_FIELD")]
    UnknownField {
        /// The unknown field, with its path.
        field: Option<String>,
        /// The fields the record has, comma-separated.
        expected: String,
    },
    /// A required field is absent.
    #[serde(rename = "INPUT_MISSING_FIELD")]
    MissingField {
        /// The missing field, with its path.
        field: Option<String>,
    },
    /// A value of the wrong JSON type (a number where text is expected, …).
    #[serde(rename = "INPUT_WRONG_TYPE")]
    WrongType {
        /// The field, when known.
        field: Option<String>,
        /// What was expected.
        expected: String,
        /// What was found.
        found: String,
    },
    /// Not JSON (or not the expected shape at all).
    #[serde(rename = "INPUT_MALFORMED")]
    Malformed {
        /// The field, when known.
        field: Option<String>,
        /// What the reader said (quoted short).
        reason: String,
    },
    /// An input larger than the reader accepts.
    #[serde(rename = "INPUT_TOO_LARGE")]
    TooLarge {
        /// The field, when known.
        field: Option<String>,
        /// The size received, in bytes (or entries).
        size: u64,
        /// The limit.
        max: u64,
    },
}

impl ValueError {
    /// `VALUE_INVALID_DECIMAL` for `input`.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{parse_decimal, DecimalKind, ValueError};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::invalid_decimal(DecimalKind::Amount, "2 000");
    /// assert_eq!(err.code(), "VALUE_INVALID_DECIMAL");
    /// assert_eq!(
    ///     err.message(Lang::En),
    ///     "invalid value: '2 000' (expected an amount in euros, e.g. 2000.50)"
    /// );
    /// assert_eq!(parse_decimal(DecimalKind::Amount, "2 000"), Err(err)); // what parsing gives
    /// ```
    pub fn invalid_decimal(kind: DecimalKind, input: &str) -> ValueError {
        ValueError::InvalidDecimal {
            field: None,
            kind,
            input: quote(input),
        }
    }

    /// `VALUE_INVALID_MONTH` for `input`.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::calendar::Month;
    /// use apart::value::ValueError;
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::invalid_month("2026-13");
    /// assert_eq!(err.code(), "VALUE_INVALID_MONTH");
    /// assert_eq!(
    ///     err.message(Lang::Fr),
    ///     "mois invalide : « 2026-13 » (attendu : AAAA-MM de 1900-01 à 9999-12, par exemple 2026-01)"
    /// );
    /// assert_eq!("2026-13".parse::<Month>(), Err(err)); // what parsing gives
    /// ```
    pub fn invalid_month(input: &str) -> ValueError {
        ValueError::InvalidMonth {
            field: None,
            input: quote(input),
        }
    }

    /// `VALUE_INVALID_DATE` for `input`.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::calendar::parse_date;
    /// use apart::value::ValueError;
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::invalid_date("2026-02-30");
    /// assert_eq!(err.code(), "VALUE_INVALID_DATE");
    /// assert_eq!(
    ///     err.message(Lang::En),
    ///     "invalid date: '2026-02-30' (expected YYYY-MM-DD, e.g. 2026-01-31)"
    /// );
    /// assert_eq!(parse_date("2026-02-30"), Err(err)); // what parsing gives
    /// ```
    pub fn invalid_date(input: &str) -> ValueError {
        ValueError::InvalidDate {
            field: None,
            input: quote(input),
        }
    }

    /// `VALUE_OUT_OF_RANGE` for `input`, with the accepted range in words.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::ValueError;
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::out_of_range("-1", "0 ≤ n").with_field("n");
    /// assert_eq!(err.code(), "VALUE_OUT_OF_RANGE");
    /// assert_eq!(err.message(Lang::En), "value out of range for 'n': '-1' (expected 0 ≤ n)");
    /// assert_eq!(err.message(Lang::Fr), "valeur hors limites pour « n » : « -1 » (attendu : 0 ≤ n)");
    /// ```
    pub fn out_of_range(input: &str, expected: impl Into<String>) -> ValueError {
        ValueError::OutOfRange {
            field: None,
            input: quote(input),
            expected: expected.into(),
        }
    }

    /// `VALUE_UNKNOWN_VARIANT` for `input`, one of `expected` being wanted.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::indemnity::Overtime;
    /// use apart::value::ValueError;
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::unknown_variant("overtime", "sometimes", &["not_counted", "structural"]);
    /// assert_eq!(err.code(), "VALUE_UNKNOWN_VARIANT");
    /// assert_eq!(
    ///     err.message(Lang::En),
    ///     "unknown overtime: 'sometimes' (expected one of: not_counted, structural)"
    /// );
    /// assert_eq!("sometimes".parse::<Overtime>(), Err(err)); // what every option enum gives
    /// ```
    pub fn unknown_variant(option: &'static str, input: &str, expected: &[&str]) -> ValueError {
        ValueError::UnknownVariant {
            field: None,
            option: Cow::Borrowed(option),
            input: quote(input),
            expected: expected.join(", "),
        }
    }

    /// `INPUT_WRONG_TYPE`: `found` (a short description of the value, quoted) where
    /// `expected` was wanted. For front ends whose native values reach the core without JSON.
    ///
    /// ```
    /// use apart::value::ValueError;
    /// use apart::Diagnostic;
    /// let e = ValueError::wrong_type("a string", "boolean true").with_field("explain");
    /// assert_eq!(e.code(), "INPUT_WRONG_TYPE");
    /// ```
    pub fn wrong_type(expected: impl Into<String>, found: &str) -> ValueError {
        ValueError::WrongType {
            field: None,
            expected: expected.into(),
            found: quote(found),
        }
    }

    /// `VALUE_NOT_FINITE` for a NaN or an infinity, written as the caller's language writes it
    /// (`NaN`, `Infinity`).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::ValueError;
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::not_finite("Infinity").with_field("gross_monthly");
    /// assert_eq!(err.code(), "VALUE_NOT_FINITE");
    /// assert_eq!(err.message(Lang::En), "number is not finite for 'gross_monthly': Infinity");
    /// ```
    pub fn not_finite(input: &str) -> ValueError {
        ValueError::NotFinite {
            field: None,
            input: quote(input),
        }
    }

    /// `VALUE_FLOAT_REFUSED` for a binary floating-point number where an exact decimal is
    /// wanted.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::indemnity::EmployeeMonth;
    /// use apart::value::{from_json, ValueError};
    /// use apart::Diagnostic;
    /// let err = ValueError::float_refused("2000.5");
    /// assert_eq!(err.code(), "VALUE_FLOAT_REFUSED");
    /// // What reading a JSON number with a fraction where money is wanted gives:
    /// let read = from_json::<EmployeeMonth>(r#"{"month":"2026-01","gross_monthly":2000.5}"#);
    /// assert_eq!(read, Err(err.with_field("gross_monthly")));
    /// ```
    pub fn float_refused(input: &str) -> ValueError {
        ValueError::FloatRefused {
            field: None,
            input: quote(input),
        }
    }

    /// `INPUT_TOO_LARGE`: `size` (bytes, entries or nesting levels) above `max`.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::ValueError;
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::too_large(1200, 1000).with_field("lines");
    /// assert_eq!(err.code(), "INPUT_TOO_LARGE");
    /// assert_eq!(err.message(Lang::En), "input too large for 'lines': 1200, at most 1000");
    /// ```
    pub fn too_large(size: u64, max: u64) -> ValueError {
        ValueError::TooLarge {
            field: None,
            size,
            max,
        }
    }

    /// The field the error is about, when known.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::indemnity::EmployeeMonth;
    /// use apart::value::{from_json, parse_decimal, DecimalKind};
    /// let json = r#"{"month":"2026-01","gross_monthly":"2000","contract_hours":"35h"}"#;
    /// assert_eq!(from_json::<EmployeeMonth>(json).unwrap_err().field(), Some("contract_hours"));
    /// assert_eq!(parse_decimal(DecimalKind::Hours, "35h").unwrap_err().field(), None); // not known
    /// ```
    pub fn field(&self) -> Option<&str> {
        match self {
            ValueError::InvalidDecimal { field, .. }
            | ValueError::InvalidMonth { field, .. }
            | ValueError::InvalidDate { field, .. }
            | ValueError::InvalidInstant { field, .. }
            | ValueError::UnknownVariant { field, .. }
            | ValueError::OutOfRange { field, .. }
            | ValueError::NotFinite { field, .. }
            | ValueError::FloatRefused { field, .. }
            | ValueError::TooLong { field, .. }
            | ValueError::ControlChar { field, .. }
            | ValueError::UnknownField { field, .. }
            | ValueError::MissingField { field }
            | ValueError::WrongType { field, .. }
            | ValueError::Malformed { field, .. }
            | ValueError::TooLarge { field, .. } => field.as_deref(),
        }
    }

    /// The refused input as the error quotes it, for the errors that quote one.
    fn input(&self) -> Option<&str> {
        match self {
            ValueError::InvalidDecimal { input, .. }
            | ValueError::InvalidMonth { input, .. }
            | ValueError::InvalidDate { input, .. }
            | ValueError::InvalidInstant { input, .. }
            | ValueError::UnknownVariant { input, .. }
            | ValueError::OutOfRange { input, .. }
            | ValueError::NotFinite { input, .. }
            | ValueError::FloatRefused { input, .. } => Some(input),
            _ => None,
        }
    }

    /// The first control character or bidirectional override of `text` (the characters
    /// [`crate::diagnostic::quote`] escapes), as an error; `Ok` when there is none.
    ///
    /// ```
    /// use apart::value::ValueError;
    /// use apart::Diagnostic;
    /// assert!(ValueError::refuse_controls("Durand Émilie").is_ok());
    /// let e = ValueError::refuse_controls("Durand\u{1b}[2J").unwrap_err();
    /// assert_eq!(e.code(), "VALUE_CONTROL_CHAR");
    /// assert_eq!(e.message(apart::Lang::En), "control or direction character: U+001B at position 7");
    /// ```
    pub fn refuse_controls(text: &str) -> Result<(), ValueError> {
        match text
            .chars()
            .enumerate()
            .find(|(_, c)| crate::diagnostic::is_escaped_in_messages(*c))
        {
            None => Ok(()),
            Some((index, c)) => Err(ValueError::ControlChar {
                field: None,
                index: u64::try_from(index).unwrap_or(u64::MAX),
                code_point: format!("U+{:04X}", u32::from(c)),
            }),
        }
    }

    /// The same error about `field` (a JSON path, a column, a CLI option). A field already
    /// known is kept under `field` as a suffix of the path: `lines[3]` + `hours`.
    ///
    /// ```
    /// use apart::value::{ValueError, DecimalKind};
    /// let e = ValueError::invalid_decimal(DecimalKind::Hours, "abc").with_field("hours_not_worked");
    /// assert_eq!(e.field(), Some("hours_not_worked"));
    /// let long = ValueError::invalid_decimal(DecimalKind::Hours, "abc").with_field("f".repeat(1_000_000));
    /// assert!(long.field().is_some_and(|f| f.chars().count() <= 101)); // 100 and `…`
    /// ```
    pub fn with_field(mut self, name: impl Into<String>) -> ValueError {
        // A binding may pass a caller's text as the name: kept short, like any quoted input.
        let name = crate::diagnostic::quote_at_most(&name.into(), FIELD_NAME_MAX_CHARS);
        let slot = match &mut self {
            ValueError::InvalidDecimal { field, .. }
            | ValueError::InvalidMonth { field, .. }
            | ValueError::InvalidDate { field, .. }
            | ValueError::InvalidInstant { field, .. }
            | ValueError::UnknownVariant { field, .. }
            | ValueError::OutOfRange { field, .. }
            | ValueError::NotFinite { field, .. }
            | ValueError::FloatRefused { field, .. }
            | ValueError::TooLong { field, .. }
            | ValueError::ControlChar { field, .. }
            | ValueError::UnknownField { field, .. }
            | ValueError::MissingField { field }
            | ValueError::WrongType { field, .. }
            | ValueError::Malformed { field, .. }
            | ValueError::TooLarge { field, .. } => field,
        };
        *slot = Some(match slot.take() {
            Some(inner) if !name.is_empty() && !inner.starts_with('[') => {
                format!("{name}.{inner}")
            }
            Some(inner) => format!("{name}{inner}"),
            None => name,
        });
        self
    }
}

impl Diagnostic for ValueError {
    fn code(&self) -> &'static str {
        match self {
            ValueError::InvalidDecimal { .. } => "VALUE_INVALID_DECIMAL",
            ValueError::InvalidMonth { .. } => "VALUE_INVALID_MONTH",
            ValueError::InvalidDate { .. } => "VALUE_INVALID_DATE",
            ValueError::InvalidInstant { .. } => "VALUE_INVALID_INSTANT",
            ValueError::UnknownVariant { .. } => "VALUE_UNKNOWN_VARIANT",
            ValueError::OutOfRange { .. } => "VALUE_OUT_OF_RANGE",
            ValueError::NotFinite { .. } => "VALUE_NOT_FINITE",
            ValueError::FloatRefused { .. } => "VALUE_FLOAT_REFUSED",
            ValueError::TooLong { .. } => "VALUE_TOO_LONG",
            ValueError::ControlChar { .. } => "VALUE_CONTROL_CHAR",
            ValueError::UnknownField { .. } => "INPUT_UNKNOWN_FIELD",
            ValueError::MissingField { .. } => "INPUT_MISSING_FIELD",
            ValueError::WrongType { .. } => "INPUT_WRONG_TYPE",
            ValueError::Malformed { .. } => "INPUT_MALFORMED",
            ValueError::TooLarge { .. } => "INPUT_TOO_LARGE",
        }
    }

    fn family(&self) -> Family {
        Family::Input
    }

    fn message(&self, lang: Lang) -> String {
        let fr = lang == Lang::Fr;
        // "pour « gross_monthly » " / "for 'gross_monthly' ", or nothing.
        let about = |field: &Option<String>| match (field, fr) {
            (Some(f), true) => format!(" pour « {f} »"),
            (Some(f), false) => format!(" for '{f}'"),
            (None, _) => String::new(),
        };
        match self {
            ValueError::InvalidDecimal { field, kind, input } => {
                let about = about(field);
                let (noun, example) = (kind.noun(lang), kind.example());
                if fr {
                    format!(
                        "valeur invalide{about} : « {input} » (attendu : {noun}, par exemple {example})"
                    )
                } else {
                    format!("invalid value{about}: '{input}' (expected {noun}, e.g. {example})")
                }
            }
            ValueError::InvalidMonth { field, input } => {
                let about = about(field);
                if fr {
                    format!(
                        "mois invalide{about} : « {input} » (attendu : AAAA-MM de 1900-01 à 9999-12, par exemple 2026-01)"
                    )
                } else {
                    format!(
                        "invalid month{about}: '{input}' (expected YYYY-MM from 1900-01 to 9999-12, e.g. 2026-01)"
                    )
                }
            }
            ValueError::InvalidDate { field, input } => {
                let about = about(field);
                if fr {
                    format!(
                        "date invalide{about} : « {input} » (attendu : AAAA-MM-JJ, par exemple 2026-01-31)"
                    )
                } else {
                    format!("invalid date{about}: '{input}' (expected YYYY-MM-DD, e.g. 2026-01-31)")
                }
            }
            ValueError::InvalidInstant {
                field,
                input,
                reason,
            } => {
                let about = about(field);
                let why = match (reason.as_ref(), fr) {
                    ("offset_seconds", true) => "décalage horaire avec des secondes",
                    ("offset_seconds", false) => "UTC offset with seconds",
                    ("offset_range", true) => "décalage horaire de 24 h ou plus",
                    ("offset_range", false) => "UTC offset of 24 h or more",
                    ("year_range", true) => "année hors de 0000 à 9999",
                    ("year_range", false) => "year outside 0000 to 9999",
                    (_, true) => {
                        "attendu : RFC 3339 avec décalage, par exemple 2026-01-31T09:00:00+01:00"
                    }
                    (_, false) => {
                        "expected RFC 3339 with an offset, e.g. 2026-01-31T09:00:00+01:00"
                    }
                };
                if fr {
                    format!("instant invalide{about} : « {input} » ({why})")
                } else {
                    format!("invalid instant{about}: '{input}' ({why})")
                }
            }
            ValueError::UnknownVariant {
                field,
                option,
                input,
                expected,
            } => {
                // The option is not named when the field says it (`regime`, `lines[0].regime`)
                // or when serde gave no name (`variant`: an event's `type`).
                let generic = option == UNNAMED_OPTION;
                let named = generic
                    || field
                        .as_deref()
                        .is_some_and(|f| f.rsplit(['.', ']']).next() == Some(option.as_ref()));
                match (field, named, fr) {
                    (Some(f), true, true) => {
                        format!("valeur inconnue pour « {f} » : « {input} » (attendu : {expected})")
                    }
                    (Some(f), false, true) => format!(
                        "valeur inconnue pour « {f} » ({option}) : « {input} » (attendu : {expected})"
                    ),
                    (None, true, true) => {
                        format!("valeur inconnue : « {input} » (attendu : {expected})")
                    }
                    (None, false, true) => format!(
                        "valeur inconnue pour {option} : « {input} » (attendu : {expected})"
                    ),
                    (Some(f), true, false) => {
                        format!("unknown value for '{f}': '{input}' (expected one of: {expected})")
                    }
                    (None, true, false) => {
                        format!("unknown value: '{input}' (expected one of: {expected})")
                    }
                    (_, false, false) => format!(
                        "unknown {option}{}: '{input}' (expected one of: {expected})",
                        about(field)
                    ),
                }
            }
            ValueError::OutOfRange {
                field,
                input,
                expected,
            } => {
                let about = about(field);
                if fr {
                    let expected = serde_words_fr(expected);
                    format!("valeur hors limites{about} : « {input} » (attendu : {expected})")
                } else {
                    format!("value out of range{about}: '{input}' (expected {expected})")
                }
            }
            ValueError::NotFinite { field, input } => {
                let about = about(field);
                if fr {
                    format!("nombre non fini{about} : {input}")
                } else {
                    format!("number is not finite{about}: {input}")
                }
            }
            ValueError::FloatRefused { field, input } => {
                let about = about(field);
                if fr {
                    format!(
                        "nombre à virgule flottante refusé{about} : {input} (inexact ; donnez un texte décimal, par exemple \"2000.50\")"
                    )
                } else {
                    format!(
                        "floating-point number refused{about}: {input} (inexact; give decimal text such as \"2000.50\")"
                    )
                }
            }
            ValueError::TooLong { field, length, max } => {
                let about = about(field);
                if fr {
                    format!("texte trop long{about} : {length} caractères, au plus {max}")
                } else {
                    format!("text too long{about}: {length} characters, at most {max}")
                }
            }
            ValueError::ControlChar {
                field,
                index,
                code_point,
            } => {
                let about = about(field);
                let position = index.saturating_add(1);
                if fr {
                    format!(
                        "caractère de contrôle ou de direction{about} : {code_point} en position {position}"
                    )
                } else {
                    format!(
                        "control or direction character{about}: {code_point} at position {position}"
                    )
                }
            }
            ValueError::UnknownField { field, expected } => {
                let name = field.as_deref().unwrap_or("?");
                let last = name.rsplit('.').next().unwrap_or(name);
                match (closest_field(last, expected), fr) {
                    (Some(near), true) => {
                        format!("champ inconnu : « {name} » (vouliez-vous dire « {near} » ?)")
                    }
                    (Some(near), false) => {
                        format!("unknown field: '{name}' (did you mean '{near}'?)")
                    }
                    (None, true) => format!(
                        "champ inconnu : « {name} » (champs possibles : {})",
                        shorten_list(expected)
                    ),
                    (None, false) => {
                        format!(
                            "unknown field: '{name}' (fields: {})",
                            shorten_list(expected)
                        )
                    }
                }
            }
            ValueError::MissingField { field } => {
                let name = field.as_deref().unwrap_or("?");
                if fr {
                    format!("champ obligatoire absent : « {name} »")
                } else {
                    format!("missing field: '{name}'")
                }
            }
            ValueError::WrongType {
                field,
                expected,
                found,
            } => {
                let about = about(field);
                if fr {
                    let (found, expected) = (serde_words_fr(found), serde_words_fr(expected));
                    format!("type invalide{about} : {found}, attendu : {expected}")
                } else {
                    format!("wrong type{about}: {found}, expected {expected}")
                }
            }
            ValueError::Malformed { field, reason } => {
                let about = about(field);
                if fr {
                    format!("donnée illisible{about} : {}", serde_syntax_fr(reason))
                } else {
                    format!("malformed input{about}: {reason}")
                }
            }
            ValueError::TooLarge { field, size, max } => {
                let about = about(field);
                if fr {
                    format!("entrée trop grande{about} : {size}, au plus {max}")
                } else {
                    format!("input too large{about}: {size}, at most {max}")
                }
            }
        }
    }

    fn details(&self) -> Vec<Detail> {
        let mut details: Vec<Detail> = Vec::with_capacity(4);
        if let Some(field) = self.field() {
            details.push(("field", field.into()));
        }
        match self {
            ValueError::InvalidDecimal { kind, input, .. } => {
                details.push(("kind", kind.as_str().into()));
                details.push(("input", input.into()));
                details.push(("example", kind.example().into()));
            }
            ValueError::InvalidMonth { input, .. } | ValueError::InvalidDate { input, .. } => {
                details.push(("input", input.into()));
            }
            ValueError::InvalidInstant { input, reason, .. } => {
                details.push(("input", input.into()));
                details.push(("reason", reason.as_ref().into()));
            }
            ValueError::UnknownVariant {
                option,
                input,
                expected,
                ..
            } => {
                details.push(("option", option.as_ref().into()));
                details.push(("input", input.into()));
                details.push(("expected", expected.into()));
            }
            ValueError::OutOfRange {
                input, expected, ..
            } => {
                details.push(("input", input.into()));
                details.push(("expected", expected.into()));
            }
            ValueError::NotFinite { input, .. } | ValueError::FloatRefused { input, .. } => {
                details.push(("input", input.into()));
            }
            ValueError::TooLong { length, max, .. } => {
                details.push(("length", (*length).into()));
                details.push(("max", (*max).into()));
            }
            ValueError::ControlChar {
                index, code_point, ..
            } => {
                details.push(("index", (*index).into()));
                details.push(("code_point", code_point.into()));
            }
            ValueError::UnknownField { expected, .. } => {
                details.push(("expected", expected.into()));
            }
            ValueError::MissingField { .. } => {}
            ValueError::WrongType {
                expected, found, ..
            } => {
                details.push(("expected", expected.into()));
                details.push(("found", found.into()));
            }
            ValueError::Malformed { reason, .. } => details.push(("reason", reason.into())),
            ValueError::TooLarge { size, max, .. } => {
                details.push(("size", (*size).into()));
                details.push(("max", (*max).into()));
            }
        }
        details
    }
}
french_display!(ValueError);

/// Parses a plain decimal (`2000`, `151.67`, `-1.5`, `+3`, `2000,50`): ASCII digits, one `.` or
/// `,` as the decimal separator (French habit), an optional sign; no exponent, no thousands
/// separator, no surrounding space, at most 28 significant digits. The written scale is kept
/// (`2000.00` prints as written); `-0` is zero.
///
/// # Errors
///
/// [`ValueError::InvalidDecimal`] (`VALUE_INVALID_DECIMAL`) naming `kind`, whose example the
/// message gives.
///
/// ```
/// use apart::value::{parse_decimal, DecimalKind};
/// assert_eq!(parse_decimal(DecimalKind::Hours, "151.67")?.to_string(), "151.67");
/// assert!(parse_decimal(DecimalKind::Amount, "1e3").is_err());
/// assert!(parse_decimal(DecimalKind::Amount, "2 000").is_err());
/// assert!(parse_decimal(DecimalKind::Amount, "1,5.0").is_err());
/// assert_eq!(parse_decimal(DecimalKind::Amount, "-0.00")?.to_string(), "0.00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_decimal(kind: DecimalKind, input: &str) -> Result<Decimal, ValueError> {
    let invalid = || ValueError::invalid_decimal(kind, input);
    let body = input.strip_prefix(['+', '-']).unwrap_or(input).as_bytes();
    let separators = body.iter().filter(|b| matches!(b, b'.' | b',')).count();
    let digits = body.iter().filter(|b| b.is_ascii_digit()).count();
    // 29 digits can be exact (u96 mantissa); more never are. Refusing long text here also
    // bounds the work on hostile input.
    if digits == 0 || separators > 1 || digits + separators != body.len() || digits > 29 {
        return Err(invalid());
    }
    let normalized;
    let text = if separators == 1 && input.contains(',') {
        normalized = input.replace(',', ".");
        normalized.as_str()
    } else {
        input
    };
    let value = Decimal::from_str_exact(text).map_err(|_| invalid())?;
    // `-0` and `-0.00` are zero, without a sign; the written scale stays (`0.00` reads back as
    // `0.00`, so a stored outcome's zero amounts keep their cents).
    Ok(if value.is_zero() { value.abs() } else { value })
}

/// Reads a decimal from serde: decimal text through [`parse_decimal`], an integer number
/// exactly; a non-integer number is `VALUE_FLOAT_REFUSED` (it already went through a binary
/// float), anything else `INPUT_WRONG_TYPE`. What every decimal of the library's records uses.
///
/// # Errors
///
/// As described, carried for [`from_json`].
///
/// # Example
///
/// ```
/// use apart::value::{deserialize_decimal, DecimalKind};
/// use serde_json::json;
/// assert_eq!(deserialize_decimal(DecimalKind::Hours, json!("151,67"))?.to_string(), "151.67");
/// assert_eq!(deserialize_decimal(DecimalKind::Hours, json!(35))?.to_string(), "35");
/// let float = deserialize_decimal(DecimalKind::Hours, json!(35.5)).unwrap_err();
/// assert!(float.to_string().starts_with("nombre à virgule flottante refusé : 35.5"));
/// let boolean = deserialize_decimal(DecimalKind::Hours, json!(true)).unwrap_err();
/// assert_eq!(
///     boolean.to_string(),
///     r#"invalid type: boolean `true`, expected decimal text such as "151.67""#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn deserialize_decimal<'de, D: serde::Deserializer<'de>>(
    kind: DecimalKind,
    deserializer: D,
) -> Result<Decimal, D::Error> {
    struct DecimalVisitor(DecimalKind);
    impl serde::de::Visitor<'_> for DecimalVisitor {
        type Value = Decimal;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "decimal text such as \"{}\"", self.0.example())
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Decimal, E> {
            parse_decimal(self.0, v).map_err(de_error)
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Decimal, E> {
            Ok(Decimal::from(v))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Decimal, E> {
            Ok(Decimal::from(v))
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Decimal, E> {
            Err(de_error(if v.is_finite() {
                ValueError::FloatRefused {
                    field: None,
                    input: quote(&v.to_string()),
                }
            } else {
                ValueError::NotFinite {
                    field: None,
                    input: v.to_string(),
                }
            }))
        }
    }
    deserializer.deserialize_any(DecimalVisitor(kind))
}

/// The words of what a value out of range should have been ([`ValueError::out_of_range`]), for
/// the front ends' own checks (a separator, a count, a JavaScript integer): written once here,
/// where the French message translates them.
pub mod expected {
    use std::fmt::Display;

    /// Exactly one character (a separator).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::out_of_range("--", expected::ONE_CHARACTER).with_field("separator");
    /// assert!(err.message(Lang::Fr).ends_with("(attendu : un seul caractère)"));
    /// assert!(err.message(Lang::En).ends_with("(expected one character)"));
    /// ```
    pub const ONE_CHARACTER: &str = "one character";

    /// An integer of 0 or more.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::out_of_range("-1", expected::NON_NEGATIVE_INTEGER);
    /// assert!(err.message(Lang::Fr).ends_with("(attendu : un entier positif ou nul)"));
    /// ```
    pub const NON_NEGATIVE_INTEGER: &str = "a non-negative integer";

    /// An integer (a Python `int`, a JavaScript `number` without a fraction), given where a
    /// count, a year or a cost is wanted.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::wrong_type(expected::AN_INTEGER, "Python str").with_field("seed");
    /// assert!(err.message(Lang::Fr).ends_with("attendu : un entier"));
    /// ```
    pub const AN_INTEGER: &str = "an integer";

    /// An integer that fits in 64 bits (a JavaScript `BigInt` read as JSON).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::out_of_range("bigint", expected::INTEGER_64_BITS);
    /// assert!(err.message(Lang::Fr).ends_with("(attendu : un entier de 64 bits)"));
    /// ```
    pub const INTEGER_64_BITS: &str = "an integer of 64 bits";

    /// Two arguments that go together: both given, or neither.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::out_of_range("now", expected::BOTH_OR_NEITHER);
    /// assert!(err.message(Lang::Fr).ends_with("(attendu : les deux ou aucun)"));
    /// ```
    pub const BOTH_OR_NEITHER: &str = "both or neither";

    /// Text or its bytes (a JavaScript `Uint8Array`): a CSV claim.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::wrong_type(expected::TEXT_OR_BYTES, "null").with_field("csv");
    /// assert!(err.message(Lang::Fr).ends_with("attendu : un texte ou un Uint8Array"));
    /// ```
    pub const TEXT_OR_BYTES: &str = "a string or a Uint8Array";

    /// A value JSON can write (a JavaScript value given for a record).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::wrong_type(expected::JSON_DATA, "null").with_field("record");
    /// assert!(err.message(Lang::Fr).ends_with("attendu : des données JSON"));
    /// ```
    pub const JSON_DATA: &str = "JSON data";

    /// A claim given as columns: an object whose values are arrays.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::wrong_type(expected::OBJECT_OF_COLUMNS, "null").with_field("columns");
    /// assert!(err.message(Lang::Fr).ends_with("attendu : un objet de colonnes"));
    /// ```
    pub const OBJECT_OF_COLUMNS: &str = "an object of columns";

    /// Text that can be written in UTF-8 (a Python `str` with lone surrogates cannot).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::wrong_type(expected::UTF8_TEXT, "null").with_field("source");
    /// assert!(err.message(Lang::Fr).ends_with("attendu : un texte UTF-8"));
    /// ```
    pub const UTF8_TEXT: &str = "UTF-8 text";

    /// What a file object's `read()` must give.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::wrong_type(expected::READ_CHUNK, "null").with_field("source");
    /// assert!(err.message(Lang::Fr).ends_with("attendu : des octets ou un texte lus par read()"));
    /// ```
    pub const READ_CHUNK: &str = "bytes or str from read()";

    /// Where a CSV claim can be read from in Python.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::wrong_type(expected::CSV_SOURCE, "null").with_field("source");
    /// assert!(err.message(Lang::Fr).ends_with("attendu : un texte, des octets, un chemin ou un fichier"));
    /// ```
    pub const CSV_SOURCE: &str = "str, bytes, a path or a file object";

    /// A JavaScript `Date`.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::wrong_type(expected::A_DATE, "null").with_field("now");
    /// assert!(err.message(Lang::Fr).ends_with("attendu : une Date"));
    /// ```
    pub const A_DATE: &str = "a Date";

    /// A JavaScript function (a callback).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::wrong_type(expected::A_FUNCTION, "null").with_field("hasher");
    /// assert!(err.message(Lang::Fr).ends_with("attendu : une fonction"));
    /// ```
    pub const A_FUNCTION: &str = "a function";

    /// A list (a JavaScript array).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::wrong_type(expected::AN_ARRAY, "null").with_field("lines");
    /// assert!(err.message(Lang::Fr).ends_with("attendu : une liste"));
    /// ```
    pub const AN_ARRAY: &str = "an array";

    /// An object (a plain JavaScript object: an options argument, a record).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::wrong_type(expected::AN_OBJECT, "null").with_field("options");
    /// assert!(err.message(Lang::Fr).ends_with("attendu : un objet"));
    /// ```
    pub const AN_OBJECT: &str = "an object";

    /// A string (a JavaScript argument of another type).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::wrong_type(expected::A_STRING, "number 5").with_field("siret");
    /// assert!(err.message(Lang::Fr).ends_with("le nombre 5, attendu : un texte"));
    /// ```
    pub const A_STRING: &str = "a string";

    /// A number (a JavaScript argument of another type).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::wrong_type(expected::A_NUMBER, "string \"10\"").with_field("count");
    /// assert!(err.message(Lang::Fr).ends_with("attendu : un nombre"));
    /// ```
    pub const A_NUMBER: &str = "a number";

    /// A boolean (a JavaScript argument of another type).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::wrong_type(expected::A_BOOLEAN, "null").with_field("works");
    /// assert!(err.message(Lang::Fr).ends_with("attendu : un booléen"));
    /// ```
    pub const A_BOOLEAN: &str = "a boolean";

    /// An instant given to a JavaScript function: a `Date`, epoch milliseconds or RFC 3339 text.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::wrong_type(expected::AN_INSTANT, "null").with_field("now");
    /// assert!(err.message(Lang::Fr).ends_with("attendu : une Date, des millisecondes depuis 1970 ou un texte RFC 3339"));
    /// ```
    pub const AN_INSTANT: &str = "a Date, epoch milliseconds or RFC 3339 text";

    /// A calendar day given to a JavaScript function: ISO text, a `Date` at midnight UTC or its
    /// epoch milliseconds.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::wrong_type(expected::A_DAY, "null").with_field("placement");
    /// assert!(err.message(Lang::Fr).ends_with("attendu : une date ISO, une Date à minuit UTC ou ses millisecondes"));
    /// ```
    pub const A_DAY: &str = "ISO date text, a Date at midnight UTC or its epoch milliseconds";

    /// A decimal given as text, or an integer number.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::wrong_type(expected::DECIMAL_TEXT_OR_INTEGER, "boolean true").with_field("indemnity");
    /// assert!(err.message(Lang::Fr).ends_with("attendu : un décimal en texte ou un nombre entier"));
    /// ```
    pub const DECIMAL_TEXT_OR_INTEGER: &str = "decimal text or an integer number";

    /// An instant: RFC 3339 text or a JavaScript `Date`.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::wrong_type(expected::INSTANT_TEXT_OR_DATE, "null").with_field("now");
    /// assert!(err.message(Lang::Fr).ends_with("attendu : un texte RFC 3339 ou une Date"));
    /// ```
    pub const INSTANT_TEXT_OR_DATE: &str = "RFC 3339 text or Date";

    /// A column of a table (a DataFrame, an Arrow table) the core can read cells from.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::wrong_type(expected::TABLE_COLUMN, "null").with_field("hours_not_worked");
    /// assert!(err.message(Lang::Fr).ends_with("attendu : des nombres, des décimaux, du texte ou des dates"));
    /// ```
    pub const TABLE_COLUMN: &str = "numbers, decimals, text or dates";

    /// Bytes: a JavaScript `Uint8Array`, or an array of integers from 0 to 255.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::wrong_type(expected::BYTES, "string").with_field("pattern");
    /// assert!(err.message(Lang::Fr).ends_with("attendu : un Uint8Array ou une liste d'octets"));
    /// ```
    pub const BYTES: &str = "a Uint8Array or an array of bytes";

    /// A JavaScript `Uint8Array` (a `Buffer` is one): a key.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::wrong_type(expected::A_UINT8ARRAY, "string \"k\"");
    /// assert!(err.message(Lang::Fr).ends_with("attendu : un Uint8Array"));
    /// ```
    pub const A_UINT8ARRAY: &str = "a Uint8Array";

    /// A boolean, or a function that gives one (a callback called only when needed).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::wrong_type(expected::BOOLEAN_OR_FUNCTION, "string")
    ///     .with_field("verifyPassword");
    /// assert!(err.message(Lang::Fr).ends_with("attendu : un booléen ou une fonction"));
    /// ```
    pub const BOOLEAN_OR_FUNCTION: &str = "a boolean or a function";

    /// An integer from `min` to `max`, both included: `0 to 255`.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::out_of_range("256", expected::range(0, 255)).with_field("pattern");
    /// assert!(err.message(Lang::Fr).ends_with("(attendu : de 0 à 255)"));
    /// assert!(err.message(Lang::En).ends_with("(expected 0 to 255)"));
    /// ```
    pub fn range(min: impl Display, max: impl Display) -> String {
        format!("{min} to {max}")
    }

    /// An index into a list of `len` items.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::out_of_range("7", expected::index_below(3)).with_field("index");
    /// assert!(err.message(Lang::Fr).ends_with("(attendu : un indice inférieur à 3)"));
    /// assert!(err.message(Lang::En).ends_with("(expected an index below 3)"));
    /// ```
    pub fn index_below(len: usize) -> String {
        format!("an index below {len}")
    }

    /// An instance of the class `class` (a Python `Siren`, `timedelta`…).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::wrong_type(expected::instance_of("Nic"), "Python str").with_field("nic");
    /// assert!(err.message(Lang::Fr).ends_with("attendu : une instance de Nic"));
    /// assert!(err.message(Lang::En).ends_with("expected an instance of Nic"));
    /// ```
    pub fn instance_of(class: &str) -> String {
        format!("an instance of {class}")
    }

    /// A sequence of exactly `len` items (a tuple argument).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::value::{ValueError, expected};
    /// use apart::{Diagnostic, Lang};
    /// let err = ValueError::wrong_type(expected::items(4), "Python tuple of 2 items");
    /// assert!(err.message(Lang::Fr).ends_with("Python tuple de 2 éléments, attendu : une liste de 4 éléments"));
    /// assert!(err.message(Lang::En).ends_with("expected a sequence of 4 items"));
    /// ```
    pub fn items(len: usize) -> String {
        format!("a sequence of {len} items")
    }
}

/// Serde adapters for plain [`Decimal`] fields (`#[serde(with = "…")]`), for the records that
/// keep a bare `Decimal` (the procedure's DA, DI, their events and contexts): reading goes
/// through the money newtypes' reader ([`deserialize_decimal`]), so that a decimal is read the
/// same way in every record, event, context and snapshot: decimal text (`"35.5"`, `"35,5"`) or
/// an integer number; no exponent (`"1e3"`: `VALUE_INVALID_DECIMAL`), no binary float (`35.5`:
/// `VALUE_FLOAT_REFUSED`). Writing is `Decimal`'s own (text), unchanged, so stored snapshots
/// read back.
///
/// ```
/// use apart::procedure::di::DiLine;
/// use apart::value::from_json;
/// use apart::Diagnostic;
/// let line = r#"{"employee":"A","nir":"269054958815780","hours_not_worked":35}"#;
/// assert_eq!(from_json::<DiLine>(line)?.hours_not_worked.to_string(), "35");
/// let float = r#"{"employee":"A","nir":"269054958815780","hours_not_worked":35.5}"#;
/// let err = from_json::<DiLine>(float).unwrap_err();
/// assert_eq!((err.code(), err.field()), ("VALUE_FLOAT_REFUSED", Some("hours_not_worked")));
/// let exponent = r#"{"employee":"A","nir":"269054958815780","hours_not_worked":"1e3"}"#;
/// assert_eq!(from_json::<DiLine>(exponent).unwrap_err().code(), "VALUE_INVALID_DECIMAL");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub mod decimal {
    use rust_decimal::Decimal;

    use super::{DecimalKind, deserialize_decimal};

    /// An optional decimal: `null` is `None`, anything else as [`deserialize_decimal`].
    fn option<'de, D: serde::Deserializer<'de>>(
        kind: DecimalKind,
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        struct OptionVisitor(DecimalKind);
        impl<'de> serde::de::Visitor<'de> for OptionVisitor {
            type Value = Option<Decimal>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "decimal text such as \"{}\" or null", self.0.example())
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: serde::Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<Self::Value, D::Error> {
                deserialize_decimal(self.0, deserializer).map(Some)
            }
        }
        deserializer.deserialize_option(OptionVisitor(kind))
    }

    macro_rules! adapter {
        ($(#[$doc:meta])* $name:ident, $kind:ident) => {
            $(#[$doc])*
            pub mod $name {
                use rust_decimal::Decimal;

                /// Writes the decimal as text, as `Decimal` does.
                ///
                /// # Errors
                ///
                /// The serializer's.
                ///
                /// # Example
                ///
                /// ```
                /// use rust_decimal_macros::dec;
                /// #[derive(Debug, serde::Serialize, serde::Deserialize)]
                /// struct Line {
                ///     #[serde(with = "apart::value::decimal::hours")]
                ///     hours: rust_decimal::Decimal,
                ///     #[serde(with = "apart::value::decimal::amount")]
                ///     pay: rust_decimal::Decimal,
                /// }
                /// let json = serde_json::to_string(&Line { hours: dec!(35.50), pay: dec!(2000) })?;
                /// assert_eq!(json, r#"{"hours":"35.50","pay":"2000"}"#);
                /// assert_eq!(serde_json::from_str::<Line>(&json)?.hours, dec!(35.5));
                /// # Ok::<(), Box<dyn std::error::Error>>(())
                /// ```
                pub fn serialize<S: serde::Serializer>(
                    value: &Decimal,
                    serializer: S,
                ) -> Result<S::Ok, S::Error> {
                    serde::Serialize::serialize(value, serializer)
                }

                /// Reads it as [`deserialize_decimal`](super::super::deserialize_decimal).
                ///
                /// # Errors
                ///
                /// As [`deserialize_decimal`](super::super::deserialize_decimal).
                ///
                /// # Example
                ///
                /// ```
                /// use apart::{Diagnostic, Lang, value::from_json};
                /// use rust_decimal_macros::dec;
                /// #[derive(Debug, serde::Serialize, serde::Deserialize)]
                /// struct Line {
                ///     #[serde(with = "apart::value::decimal::hours")]
                ///     hours: rust_decimal::Decimal,
                ///     #[serde(with = "apart::value::decimal::amount")]
                ///     pay: rust_decimal::Decimal,
                /// }
                /// let line: Line = from_json(r#"{"hours":"35,5","pay":2000}"#)?;
                /// assert_eq!((line.hours, line.pay), (dec!(35.5), dec!(2000)));
                /// let err = from_json::<Line>(r#"{"hours":"35.5","pay":"2 000"}"#).unwrap_err();
                /// assert_eq!(
                ///     err.message(Lang::En),
                ///     "invalid value for 'pay': '2 000' (expected an amount in euros, e.g. 2000.50)"
                /// );
                /// let err = from_json::<Line>(r#"{"hours":35.5,"pay":"2000"}"#).unwrap_err();
                /// assert_eq!((err.code(), err.field()), ("VALUE_FLOAT_REFUSED", Some("hours")));
                /// # Ok::<(), Box<dyn std::error::Error>>(())
                /// ```
                pub fn deserialize<'de, D: serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> Result<Decimal, D::Error> {
                    super::deserialize_decimal(super::DecimalKind::$kind, deserializer)
                }
            }
        };
        ($(#[$doc:meta])* option $name:ident, $kind:ident) => {
            $(#[$doc])*
            pub mod $name {
                use rust_decimal::Decimal;

                /// Writes the decimal as text, or `null`, as `Option<Decimal>` does.
                ///
                /// # Errors
                ///
                /// The serializer's.
                ///
                /// # Example
                ///
                /// ```
                /// use rust_decimal_macros::dec;
                /// #[derive(Debug, serde::Serialize, serde::Deserialize)]
                /// struct Absence {
                ///     #[serde(with = "apart::value::decimal::option_amount", default)]
                ///     bonus: Option<rust_decimal::Decimal>,
                ///     #[serde(with = "apart::value::decimal::option_days", default)]
                ///     days: Option<rust_decimal::Decimal>,
                /// }
                /// let json = serde_json::to_string(&Absence { bonus: Some(dec!(150.00)), days: None })?;
                /// assert_eq!(json, r#"{"bonus":"150.00","days":null}"#);
                /// assert_eq!(serde_json::from_str::<Absence>(&json)?.bonus, Some(dec!(150)));
                /// # Ok::<(), Box<dyn std::error::Error>>(())
                /// ```
                pub fn serialize<S: serde::Serializer>(
                    value: &Option<Decimal>,
                    serializer: S,
                ) -> Result<S::Ok, S::Error> {
                    serde::Serialize::serialize(value, serializer)
                }

                /// Reads `null` as `None`, anything else as
                /// [`deserialize_decimal`](super::super::deserialize_decimal).
                ///
                /// # Errors
                ///
                /// As [`deserialize_decimal`](super::super::deserialize_decimal).
                ///
                /// # Example
                ///
                /// ```
                /// use apart::{Lang, Diagnostic, value::from_json};
                /// use rust_decimal_macros::dec;
                /// #[derive(Debug, serde::Serialize, serde::Deserialize)]
                /// struct Absence {
                ///     #[serde(with = "apart::value::decimal::option_amount", default)]
                ///     bonus: Option<rust_decimal::Decimal>,
                ///     #[serde(with = "apart::value::decimal::option_days", default)]
                ///     days: Option<rust_decimal::Decimal>,
                /// }
                /// let absence: Absence = from_json(r#"{"bonus":null,"days":"2,5"}"#)?;
                /// assert_eq!((absence.bonus, absence.days), (None, Some(dec!(2.5))));
                /// assert_eq!(from_json::<Absence>("{}")?.days, None); // absent, with `default`
                /// let err = from_json::<Absence>(r#"{"days":"2.5j"}"#).unwrap_err();
                /// assert_eq!(
                ///     err.message(Lang::En),
                ///     "invalid value for 'days': '2.5j' (expected a number of days, e.g. 2.5)"
                /// );
                /// # Ok::<(), Box<dyn std::error::Error>>(())
                /// ```
                pub fn deserialize<'de, D: serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> Result<Option<Decimal>, D::Error> {
                    super::option(super::DecimalKind::$kind, deserializer)
                }
            }
        };
    }

    adapter!(
        /// Hours (`"151.67"`).
        hours, Hours
    );
    adapter!(
        /// An amount in euros (`"2000.50"`).
        amount, Amount
    );
    adapter!(
        /// An optional amount in euros (`null`, or absent with `#[serde(default)]`).
        option option_amount, Amount
    );
    adapter!(
        /// Optional days, in halves (`"2.5"`; `null`, or absent with `#[serde(default)]`).
        option option_days, Days
    );
}

/// The option of a `VALUE_UNKNOWN_VARIANT` that serde itself refused (an unknown event `type`):
/// serde names no option, and the message does not either.
const UNNAMED_OPTION: &str = "variant";

/// The marker between the human message and the carried error in a serde custom error.
const CARRY: char = '\u{1e}';

/// How much of serde_json's syntax message an `INPUT_MALFORMED` keeps: its words and position
/// (`EOF while parsing an object at line 1 column 16`), which quote nothing of the input.
const SYNTAX_MAX_CHARS: usize = 100;

/// How deep lists and objects given as a binding's native values (a Python `dict`, a
/// JavaScript object) may nest: the library's records nest a few levels, and a reader that
/// recursed without a bound would overflow the stack on a cyclic or hostile value, a crash no
/// `except` or `catch` sees. 64 levels fit a 256 KiB thread stack (some servers' workers) with
/// room to spare; deeper is `INPUT_TOO_LARGE`, in every binding alike.
///
/// ```
/// assert_eq!(apart::value::MAX_NESTING, 64);
/// ```
pub const MAX_NESTING: u64 = 64;

/// A serde error carrying a [`ValueError`]: the French message for a human who meets it
/// through serde directly, the error itself for [`from_json`], which gives it back typed.
/// Used by every `Deserialize` of the crate that parses text (and by [`spelled_enum!`]).
#[doc(hidden)]
pub fn de_error<E: serde::de::Error>(error: ValueError) -> E {
    E::custom(carrying(&error))
}

/// The message of a serde error that carries `error`: its French text, then the error as JSON
/// between two [`CARRY`] marks.
fn carrying(error: &ValueError) -> String {
    let carried = serde_json::to_string(error).unwrap_or_default();
    format!("{error}{CARRY}{carried}{CARRY}")
}

/// [`de_error`] for writers: a value a `Serialize` refuses (an instant RFC 3339 cannot write),
/// carried so that the snapshot writer reports it typed.
pub(crate) fn ser_error<E: serde::ser::Error>(error: ValueError) -> E {
    E::custom(carrying(&error))
}

/// The typed error of a serde message met outside [`from_json`] (a writer's refusal, a
/// record read with serde directly): the carried error, else serde's shape (unknown field,
/// wrong type…), else `INPUT_MALFORMED` quoting it.
pub(crate) fn from_serde_message(message: &str) -> ValueError {
    classify_message(String::new(), &without_position(message))
}

/// Why `json` does not read as a `T`, typed as [`from_json`] types it, for a reader with its
/// own code (a snapshot, an event) that failed with `error`: the rare path reads again to name
/// the field.
pub(crate) fn why_not<T: DeserializeOwned>(json: &str, error: &serde_json::Error) -> ValueError {
    match from_json::<T>(json) {
        Err(typed) => typed,
        // Not reached (the same reader refused it): serde's words, typed by their shape.
        Ok(_) => from_serde_message(&error.to_string()),
    }
}

/// [`why_not`] for a parsed JSON value.
pub(crate) fn why_not_value<T: DeserializeOwned>(
    value: serde_json::Value,
    error: &serde_json::Error,
) -> ValueError {
    match from_json_value::<T>(value) {
        Err(typed) => typed,
        Ok(_) => from_serde_message(&error.to_string()),
    }
}

/// The [`ValueError`] carried by a serde message, if any.
pub(crate) fn carried(message: &str) -> Option<ValueError> {
    let (_, rest) = message.split_once(CARRY)?;
    let (json, _) = rest.split_once(CARRY)?;
    serde_json::from_str(json).ok()
}

/// The [`ValueError`] a field's own reader (a decimal, date, instant, month or spelling) gave
/// while reading `T` from `value`, with its field (the JSON path); `None` when `T` reads, or
/// when serde itself refused the shape (an unknown or missing field, a wrong type), which a
/// reader with a code of its own for shapes (`MACHINE_INPUT_MALFORMED`) reports its way.
///
/// Inside an internally tagged enum (`{"type": "Submit", …}`, every machine event) serde reads
/// the fields from a buffer and the path is lost; the field is then the path of the first
/// value of `value` (in key order) that gives the same refused input.
pub(crate) fn value_error_in<T: DeserializeOwned>(value: &serde_json::Value) -> Option<ValueError> {
    let error = serde_path_to_error::deserialize::<_, T>(value).err()?;
    let path = error.path().to_string();
    let found = carried(&error.into_inner().to_string())?;
    if found.field().is_some() {
        return Some(found);
    }
    let field = if path == "." || path.is_empty() {
        found
            .input()
            .and_then(|input| locate(value, input))
            .filter(|field| !field.is_empty())
    } else {
        Some(path)
    };
    Some(match field {
        Some(field) => found.with_field(field),
        None => found,
    })
}

/// The JSON path at which reading `T` from `value` fails, when serde knows it (not inside an
/// internally tagged enum, which reads from a buffer).
pub(crate) fn error_path<T: DeserializeOwned>(value: &serde_json::Value) -> Option<String> {
    let error = serde_path_to_error::deserialize::<_, T>(value).err()?;
    let path = error.path().to_string();
    (!path.is_empty() && path != ".").then_some(path)
}

/// The path (`facts.hours_claimed_on_da`, `lines[0].hours_not_worked`) of the first scalar of
/// `value` that a value error would quote as `input`.
fn locate(value: &serde_json::Value, input: &str) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::String(text) => (quote(text) == input).then(String::new),
        Value::Number(number) => {
            let as_float = number.as_f64().map(|f| quote(&f.to_string()));
            (quote(&number.to_string()) == input || as_float.as_deref() == Some(input))
                .then(String::new)
        }
        Value::Array(items) => items.iter().enumerate().find_map(|(i, item)| {
            locate(item, input).map(|inner| {
                if inner.is_empty() || inner.starts_with('[') {
                    format!("[{i}]{inner}")
                } else {
                    format!("[{i}].{inner}")
                }
            })
        }),
        Value::Object(fields) => fields.iter().find_map(|(key, item)| {
            locate(item, input).map(|inner| {
                if inner.is_empty() || inner.starts_with('[') {
                    format!("{key}{inner}")
                } else {
                    format!("{key}.{inner}")
                }
            })
        }),
        Value::Null | Value::Bool(_) => None,
    }
}

/// Reads a record from JSON text, refusing unknown fields (every core record declares
/// `deny_unknown_fields`), with every failure a typed [`ValueError`] naming its field.
///
/// # Errors
///
/// `INPUT_MALFORMED` (not JSON), `INPUT_UNKNOWN_FIELD`, `INPUT_MISSING_FIELD`,
/// `INPUT_WRONG_TYPE`, `VALUE_OUT_OF_RANGE`, `VALUE_UNKNOWN_VARIANT`, or the field's own code
/// (`VALUE_INVALID_DECIMAL`…), each with `field` set to the JSON path.
///
/// ```
/// use apart::value::from_json;
/// use apart::indemnity::EmployeeMonth;
/// use apart::Diagnostic;
/// let err = from_json::<EmployeeMonth>(r#"{"month":"2026-01","gross_monthly":"2 000"}"#).unwrap_err();
/// assert_eq!(err.code(), "VALUE_INVALID_DECIMAL");
/// assert_eq!(err.field(), Some("gross_monthly"));
/// let err = from_json::<EmployeeMonth>(r#"{"month":"2026-01","gross_monthly":"2000","regime":1}"#).unwrap_err();
/// assert_eq!((err.code(), err.field()), ("INPUT_WRONG_TYPE", Some("regime")));
/// ```
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, ValueError> {
    // Good input is read straight from the text (half the time of the way below): the same
    // derive and field deserializers give the same record (tests/suite/value.rs checks it over
    // every vector). Anything else goes through a `Value`, so that text and values (what the
    // bindings build from native objects) get the same error: serde_json reading text reports
    // some type errors (a number where an enum is expected) as syntax errors, and a key given
    // twice, which the text reader refuses, is the last one in a `Value`.
    if let Ok(read) = serde_json::from_str(text) {
        return Ok(read);
    }
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| ValueError::Malformed {
            field: None,
            reason: quote_at_most(&e.to_string(), SYNTAX_MAX_CHARS),
        })?;
    from_json_value(value)
}

/// Reads a record from a parsed JSON value (what a binding builds from native objects), as
/// [`from_json`].
///
/// # Errors
///
/// As [`from_json`].
///
/// # Example
///
/// ```
/// use apart::indemnity::EmployeeMonth;
/// use apart::value::from_json_value;
/// use apart::Diagnostic;
/// use serde_json::json;
/// let month: EmployeeMonth = from_json_value(json!({"month": "2026-01", "gross_monthly": "2000"}))?;
/// assert_eq!(month.contract_hours.to_string(), "151.67"); // the default
/// let bad = json!({"month": "2026-1", "gross_monthly": "2000"});
/// let err = from_json_value::<EmployeeMonth>(bad).unwrap_err();
/// assert_eq!((err.code(), err.field()), ("VALUE_INVALID_MONTH", Some("month")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn from_json_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ValueError> {
    serde_path_to_error::deserialize(value).map_err(classify)
}

/// Reads a record from any serde [`Deserializer`](serde::Deserializer), as [`from_json`]: the
/// same typed errors, with the path of the failing field. For a binding that reads its
/// language's native values directly (a Python `dict` of `Decimal`s, …) without going
/// through JSON text, so that the same bad input gets the same code in every front end.
///
/// # Errors
///
/// As [`from_json`] (never `INPUT_MALFORMED` for syntax: the deserializer has none, but its
/// own messages that match none of serde's shapes are `INPUT_MALFORMED`).
///
/// ```
/// use apart::value::from_deserializer;
/// use apart::indemnity::Options;
/// use apart::Diagnostic;
/// let json = serde_json::json!({"explian": "on"});
/// let err = from_deserializer::<Options, _>(json).unwrap_err();
/// assert_eq!(err.code(), "INPUT_UNKNOWN_FIELD");
/// ```
pub fn from_deserializer<'de, T, D>(deserializer: D) -> Result<T, ValueError>
where
    T: serde::Deserialize<'de>,
    D: serde::Deserializer<'de>,
    D::Error: std::fmt::Display,
{
    serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let path = e.path().to_string();
        classify_message(path, &e.into_inner().to_string())
    })
}

/// serde_json appends " at line L column C" to its messages; the path says where instead.
fn without_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message.get(..i).unwrap_or(message).to_owned(),
        None => message.to_owned(),
    }
}

/// The text between the first pair of backticks (serde's way of quoting names).
fn backticked(text: &str) -> Option<&str> {
    let (_, rest) = text.split_once('`')?;
    rest.split_once('`').map(|(inside, _)| inside)
}

/// Turns serde_json's error into a typed one, using the path of the failing field.
fn classify(error: serde_path_to_error::Error<serde_json::Error>) -> ValueError {
    let path = error.path().to_string();
    let inner = error.into_inner();
    let message = without_position(&inner.to_string());
    if carried(&message).is_none() && (inner.is_syntax() || inner.is_eof() || inner.is_io()) {
        return ValueError::Malformed {
            field: None,
            reason: quote_at_most(&message, SYNTAX_MAX_CHARS),
        };
    }
    classify_message(path, &message)
}

/// serde_json's English words for a syntax error (`EOF while parsing an object at line 1
/// column 20`) in French, for the French message of `INPUT_MALFORMED`; a message it does not
/// know is kept as it is (the `reason` field keeps serde_json's words).
///
/// ```
/// # // Seen through a message: the function is private.
/// use apart::{Diagnostic, Lang};
/// let e = apart::value::from_json::<apart::indemnity::Options>(r#"{"explain": "on""#).unwrap_err();
/// assert_eq!(e.message(Lang::Fr), "donnée illisible : texte JSON interrompu dans un objet (ligne 1, colonne 16)");
/// assert_eq!(e.message(Lang::En), "malformed input: EOF while parsing an object at line 1 column 16");
/// ```
fn serde_syntax_fr(reason: &str) -> String {
    const WORDS: &[(&str, &str)] = &[
        (
            "EOF while parsing a list",
            "texte JSON interrompu dans une liste",
        ),
        (
            "EOF while parsing an object",
            "texte JSON interrompu dans un objet",
        ),
        (
            "EOF while parsing a string",
            "texte JSON interrompu dans un texte",
        ),
        ("EOF while parsing a value", "texte JSON vide ou interrompu"),
        ("expected `:`", "« : » attendu"),
        ("expected `,` or `]`", "« , » ou « ] » attendu"),
        ("expected `,` or `}`", "« , » ou « } » attendu"),
        (
            "expected ident",
            "mot inconnu (true, false ou null attendu)",
        ),
        ("expected value", "valeur JSON attendue"),
        ("expected `\"`", "« \" » attendu"),
        ("invalid escape", "échappement invalide"),
        ("invalid number", "nombre invalide"),
        ("number out of range", "nombre hors limites"),
        (
            "invalid unicode code point",
            "point de code Unicode invalide",
        ),
        (
            "control character (\\u0000-\\u001F) found while parsing a string",
            "caractère de contrôle (\\u0000-\\u001F) dans un texte",
        ),
        ("key must be a string", "clé qui n'est pas un texte"),
        (
            "lone leading surrogate in hex escape",
            "demi-code UTF-16 isolé dans un échappement",
        ),
        ("trailing comma", "virgule en trop"),
        ("trailing characters", "caractères après la fin du JSON"),
        (
            "unexpected end of hex escape",
            "échappement hexadécimal interrompu",
        ),
        ("recursion limit exceeded", "imbrication trop profonde"),
    ];
    let (words, position) = match reason.rsplit_once(" at line ") {
        Some((words, at)) => match at.split_once(" column ") {
            Some((line, column)) => (words, Some((line, column))),
            None => (reason, None),
        },
        None => (reason, None),
    };
    let Some((_, fr)) = WORDS.iter().find(|(en, _)| *en == words) else {
        return reason.to_owned();
    };
    match position {
        Some((line, column)) => format!("{fr} (ligne {line}, colonne {column})"),
        None => (*fr).to_owned(),
    }
}

/// serde's English words for what a reader found and expected (`integer \`123\``, `a string`,
/// `struct EmployeeMonth`, `u32`…) in French, for the French message; anything else is kept.
///
/// ```
/// # // Seen through a message: the function is private.
/// use apart::{Diagnostic, Lang};
/// let e = apart::value::from_json::<apart::indemnity::Options>(r#"{"explain": 1}"#).unwrap_err();
/// assert_eq!(e.message(Lang::Fr), "type invalide pour « explain » : l'entier `1`, attendu : un texte");
/// ```
fn serde_words_fr(words: &str) -> String {
    const PREFIXES: &[(&str, &str)] = &[
        ("boolean ", "le booléen "),
        ("integer ", "l'entier "),
        ("floating point ", "le nombre à virgule "),
        ("number ", "le nombre "),
        ("string ", "le texte "),
        ("character ", "le caractère "),
        ("struct variant ", "la variante "),
        ("internally tagged enum ", "un objet "),
        ("struct ", "un objet "),
        ("an instance of ", "une instance de "),
        ("enum ", "une valeur "),
        ("decimal text such as ", "un décimal en texte, par exemple "),
        ("an index below ", "un indice inférieur à "),
    ];
    const WHOLE: &[(&str, &str)] = &[
        (expected::ONE_CHARACTER, "un seul caractère"),
        (expected::NON_NEGATIVE_INTEGER, "un entier positif ou nul"),
        (expected::INTEGER_64_BITS, "un entier de 64 bits"),
        (expected::BOTH_OR_NEITHER, "les deux ou aucun"),
        (expected::TEXT_OR_BYTES, "un texte ou un Uint8Array"),
        (expected::JSON_DATA, "des données JSON"),
        (expected::OBJECT_OF_COLUMNS, "un objet de colonnes"),
        (expected::UTF8_TEXT, "un texte UTF-8"),
        (
            expected::READ_CHUNK,
            "des octets ou un texte lus par read()",
        ),
        (
            expected::CSV_SOURCE,
            "un texte, des octets, un chemin ou un fichier",
        ),
        (expected::A_DATE, "une Date"),
        (expected::A_FUNCTION, "une fonction"),
        (
            expected::AN_INSTANT,
            "une Date, des millisecondes depuis 1970 ou un texte RFC 3339",
        ),
        (
            expected::A_DAY,
            "une date ISO, une Date à minuit UTC ou ses millisecondes",
        ),
        (
            expected::DECIMAL_TEXT_OR_INTEGER,
            "un décimal en texte ou un nombre entier",
        ),
        (expected::AN_ARRAY, "une liste"),
        (
            expected::INSTANT_TEXT_OR_DATE,
            "un texte RFC 3339 ou une Date",
        ),
        (
            expected::TABLE_COLUMN,
            "des nombres, des décimaux, du texte ou des dates",
        ),
        (expected::BYTES, "un Uint8Array ou une liste d'octets"),
        (expected::A_UINT8ARRAY, "un Uint8Array"),
        (expected::BOOLEAN_OR_FUNCTION, "un booléen ou une fonction"),
        ("array", "une liste"),
        ("another typed array", "un autre tableau typé"),
        ("an external value", "une valeur externe"),
        ("function or symbol", "une fonction ou un symbole"),
        ("not an object", "autre chose qu'un objet"),
        ("boolean", "un booléen"),
        ("number", "un nombre"),
        ("string", "un texte"),
        ("symbol", "un symbole"),
        ("object", "un objet"),
        ("function", "une fonction"),
        ("external", "une valeur externe"),
        ("bigint", "un BigInt"),
        (expected::A_STRING, "un texte"),
        (expected::A_BOOLEAN, "un booléen"),
        ("a sequence", "une liste"),
        ("a list", "une liste"),
        (expected::AN_OBJECT, "un objet"),
        (expected::A_NUMBER, "un nombre"),
        (expected::AN_INTEGER, "un entier"),
        ("sequence", "une liste"),
        ("a map", "un objet"),
        ("map", "un objet"),
        ("unit value", "null"),
        ("null", "null"),
        ("option", "une valeur ou null"),
        ("byte array", "des octets"),
        (
            "an object of strings and integers",
            "un objet de textes et d'entiers",
        ),
    ];
    if let Some((_, fr)) = WHOLE.iter().find(|(en, _)| *en == words) {
        return (*fr).to_owned();
    }
    if matches!(words, "u8" | "u16" | "u32" | "u64" | "u128" | "usize") {
        return format!("un entier positif ({words})");
    }
    if matches!(words, "i8" | "i16" | "i32" | "i64" | "i128" | "isize") {
        return format!("un entier ({words})");
    }
    // `expected::range`: `0 to 255`.
    if let Some((min, max)) = words.split_once(" to ")
        && !min.contains(' ')
        && !max.contains(' ')
    {
        return format!("de {min} à {max}");
    }
    // `expected::items`, or a value found with its length: `… of 4 items`.
    if let Some((head, count)) = words
        .strip_suffix(" items")
        .and_then(|w| w.rsplit_once(" of "))
        && count.bytes().all(|b| b.is_ascii_digit())
    {
        return format!("{} de {count} éléments", serde_words_fr(head));
    }
    match PREFIXES.iter().find(|(en, _)| words.starts_with(en)) {
        Some((en, fr)) => format!("{fr}{}", &words[en.len()..]),
        None => words.to_owned(),
    }
}

/// Turns a serde error message (any format's: serde's own wording) into a typed error, using
/// the path of the failing field.
/// The range of a Rust integer type serde names (`u32` → `0 to 4294967295`).
fn integer_range(rust_type: &str) -> Option<String> {
    Some(match rust_type {
        "u8" => expected::range(0, u8::MAX),
        "u16" => expected::range(0, u16::MAX),
        "u32" => expected::range(0, u32::MAX),
        "u64" | "usize" => expected::range(0, u64::MAX),
        "i8" => expected::range(i8::MIN, i8::MAX),
        "i16" => expected::range(i16::MIN, i16::MAX),
        "i32" => expected::range(i32::MIN, i32::MAX),
        "i64" | "isize" => expected::range(i64::MIN, i64::MAX),
        _ => return None,
    })
}

/// serde's words in the words of a message a user reads: a Rust integer type as its range
/// (`u32` → `0 to 4294967295`), `unit value` as `null`, an internally tagged enum as the object
/// it is.
fn plain_words(words: &str) -> String {
    if let Some(range) = integer_range(words) {
        return range;
    }
    if words == "unit value" {
        return "null".to_owned();
    }
    match words.strip_prefix("internally tagged enum ") {
        Some(name) => format!("struct {name}"),
        None => words.to_owned(),
    }
}

fn classify_message(path: String, message: &str) -> ValueError {
    let message = message.to_owned();
    let at = |e: ValueError| {
        if path == "." || path.is_empty() {
            e
        } else {
            e.with_field(path.clone())
        }
    };
    if let Some(carried) = carried(&message) {
        return at(carried);
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let name = backticked(rest).unwrap_or("?");
        let expected = rest
            .split_once(", expected ")
            .map(|(_, e)| e.strip_prefix("one of ").unwrap_or(e).replace('`', ""))
            .unwrap_or_default();
        let field = if path == "." || path.is_empty() {
            name.to_owned()
        } else if path.ends_with(name) {
            path.clone()
        } else {
            format!("{path}.{name}")
        };
        return ValueError::UnknownField {
            field: Some(quote(&field)),
            expected,
        };
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let name = backticked(rest).unwrap_or("?");
        let field = if path == "." || path.is_empty() {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        };
        return ValueError::MissingField { field: Some(field) };
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let input = backticked(rest).unwrap_or("?");
        let expected = rest
            .split_once(", expected ")
            .map(|(_, e)| e.strip_prefix("one of ").unwrap_or(e).replace('`', ""))
            .unwrap_or_default();
        return at(ValueError::UnknownVariant {
            field: None,
            option: Cow::Borrowed(UNNAMED_OPTION),
            input: quote(input),
            expected,
        });
    }
    for (prefix, range) in [("invalid type: ", false), ("invalid value: ", true)] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
            return at(if range {
                // serde's `integer \`4294967296\``, `expected u32`: the number, and the range.
                let number = found
                    .strip_prefix("integer ")
                    .or_else(|| found.strip_prefix("floating point "))
                    .and_then(backticked)
                    .unwrap_or(found);
                ValueError::OutOfRange {
                    field: None,
                    input: quote(number),
                    expected: quote(
                        &integer_range(expected).unwrap_or_else(|| expected.to_owned()),
                    ),
                }
            } else {
                ValueError::WrongType {
                    field: None,
                    expected: quote(&plain_words(expected)),
                    found: quote(&plain_words(found)),
                }
            });
        }
    }
    at(ValueError::Malformed {
        field: None,
        reason: quote(&message),
    })
}

/// Declares an option enum whose values have one canonical `snake_case` spelling (what it
/// serialises to, and [`as_str`](#) returns), with the kebab-case form also accepted on input
/// (`droit-commun` for `droit_commun`), everywhere: `FromStr`, JSON, every binding. Any other
/// text is `VALUE_UNKNOWN_VARIANT` listing the canonical spellings.
///
/// Generates the enum (with `Debug, Clone, Copy, PartialEq, Eq, Hash` and the attributes
/// given), `ALL`, `as_str`, `Display`, `FromStr`, `Serialize` and `Deserialize`.
///
/// ```
/// apart::spelled_enum! {
///     /// How a cake is served.
///     #[derive(Default)]
///     pub enum Serving: "serving" {
///         /// On a plate.
///         #[default]
///         OnAPlate = "on_a_plate",
///         /// To take away.
///         TakeAway = "take_away",
///     }
/// }
/// assert_eq!("take-away".parse::<Serving>()?, Serving::TakeAway);
/// assert_eq!(Serving::TakeAway.to_string(), "take_away");
/// assert_eq!(serde_json::to_string(&Serving::OnAPlate)?, "\"on_a_plate\"");
/// assert!("Take_Away".parse::<Serving>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[macro_export]
macro_rules! spelled_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : $label:literal {
            $($(#[$vmeta:meta])* $variant:ident = $text:literal),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        $vis enum $name {
            $($(#[$vmeta])* #[cfg_attr(feature = "ts", ts(rename = $text))] $variant,)*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The canonical `snake_case` spelling (as in JSON).
            ///
            /// # Example
            ///
            /// ```
            /// // Every enum declared with `spelled_enum!` has it; the crate's `Regime` for one:
            /// use apart::indemnity::Regime;
            /// assert_eq!(Regime::ApldRebond.as_str(), "apld_rebond");
            /// assert_eq!(serde_json::to_value(Regime::ApldRebond)?, Regime::ApldRebond.as_str());
            /// assert_eq!(Regime::ApldRebond.to_string(), "apld_rebond");
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// The value spelled `text`: the canonical spelling or its kebab-case form.
            ///
            /// # Example
            ///
            /// ```
            /// // Every enum declared with `spelled_enum!` has it; the crate's `Regime` for one:
            /// use apart::indemnity::Regime;
            /// assert_eq!(Regime::from_spelling("apld_rebond"), Some(Regime::ApldRebond));
            /// assert_eq!(Regime::from_spelling("apld-rebond"), Some(Regime::ApldRebond)); // kebab-case
            /// assert_eq!(Regime::from_spelling("APLD rebond"), None);
            /// ```
            pub fn from_spelling(text: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| {
                    let canonical = v.as_str();
                    text == canonical
                        || (text.len() == canonical.len()
                            && text.bytes().zip(canonical.bytes()).all(|(a, b)| {
                                a == b || (a == b'-' && b == b'_')
                            }))
                })
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::value::ValueError;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                $name::from_spelling(s).ok_or_else(|| {
                    let expected: ::std::vec::Vec<&str> =
                        $name::ALL.iter().map(|v| v.as_str()).collect();
                    $crate::value::ValueError::unknown_variant($label, s, &expected)
                })
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let text = <::std::borrow::Cow<'de, str> as $crate::__private::serde::Deserialize>::deserialize(deserializer)?;
                text.parse().map_err($crate::__private::de_error)
            }
        }
    };
}

/// The expected field nearest to a misspelt `name` (at most two edits, or a case difference),
/// so a message can say "did you mean" instead of listing every field of a large record.
pub(crate) fn closest_field<'a>(name: &str, expected: &'a str) -> Option<&'a str> {
    // A hostile name is never "near": no copy of it is made.
    if name.len() > 64 {
        return None;
    }
    let name = name.to_ascii_lowercase();
    expected
        .split(", ")
        .filter(|f| !f.is_empty())
        .map(|f| (edit_distance(&name, &f.to_ascii_lowercase()), f))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, f)| f)
}

/// Levenshtein distance, bounded work: names longer than 64 bytes are never "near".
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() > 64 || b.len() > 64 {
        return usize::MAX;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        current.push(i + 1);
        for (cb, pair) in b.iter().zip(previous.windows(2)) {
            let &[diagonal, above] = pair else { break };
            let left = current.last().copied().unwrap_or(usize::MAX);
            current.push(if ca == cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(left)
            });
        }
        previous = current;
    }
    previous.last().copied().unwrap_or(usize::MAX)
}

/// A comma-separated list cut to about 160 characters (the whole list stays in `details`).
pub(crate) fn shorten_list(list: &str) -> String {
    const MAX: usize = 160;
    if list.len() <= MAX {
        return list.to_owned();
    }
    let mut end = MAX;
    while !list.is_char_boundary(end) {
        end -= 1;
    }
    let head = list.get(..end).unwrap_or_default();
    let kept = head
        .rfind(", ")
        .and_then(|cut| head.get(..cut))
        .unwrap_or_default();
    format!("{kept}, …")
}

/// A JSON document crossing a binding as it is stored (a snapshot, a list of effects, an
/// e-mail): serde writes and reads it as the document itself (a JavaScript object, a Python
/// `dict`), uniffi as its text (a Kotlin `String`). It holds the text, so that a snapshot is
/// read by its own reader ([`crate::machine::Snapshot::from_json`], with its `SNAPSHOT_*`
/// codes) whichever front end gave it.
///
/// ```
/// use apart::value::Json;
/// let effects = Json::of(&vec!["send_email"]);
/// assert_eq!(effects.text(), r#"["send_email"]"#);
/// assert_eq!(serde_json::to_value(&effects)?, serde_json::json!(["send_email"]));
/// let read: Json = serde_json::from_value(serde_json::json!({"machine": "apart.recovery_token"}))?;
/// assert_eq!(read.text(), r#"{"machine":"apart.recovery_token"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Json(String);

impl Json {
    /// The JSON of `value` (`null` if serde refuses it, which no record of the core does).
    ///
    /// ```
    /// assert_eq!(apart::value::Json::of(&Some(3)).text(), "3");
    /// ```
    pub fn of<T: Serialize + ?Sized>(value: &T) -> Json {
        Json(serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned()))
    }

    /// A document given as text, kept as it is (read later by the record's own reader).
    ///
    /// ```
    /// assert_eq!(apart::value::Json::from_text("{}".into()).text(), "{}");
    /// ```
    pub fn from_text(text: String) -> Json {
        Json(text)
    }

    /// The document's text.
    ///
    /// ```
    /// assert_eq!(apart::value::Json::of(&true).text(), "true");
    /// ```
    pub fn text(&self) -> &str {
        &self.0
    }

    /// The document's text, by value.
    ///
    /// ```
    /// assert_eq!(apart::value::Json::of(&1).into_text(), "1");
    /// ```
    pub fn into_text(self) -> String {
        self.0
    }
}

impl Serialize for Json {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The text is JSON the core wrote, or a front end gave as a document: it parses.
        match serde_json::from_str::<serde_json::Value>(&self.0) {
            Ok(value) => value.serialize(serializer),
            Err(_) => serializer.serialize_str(&self.0),
        }
    }
}

/// Read from any serde format (a Python `dict`, a JavaScript object, JSON text) in the document's
/// own key order (a `serde_json::Value` would sort the keys); a non-finite number is refused
/// (`VALUE_NOT_FINITE`: a `Value` would make it `null`, which an optional field accepts).
///
/// ```
/// use apart::value::Json;
/// let read: Json = serde_json::from_str(r#"{"b": 1, "a": [2.5, null]}"#)?;
/// assert_eq!(read.text(), r#"{"b":1,"a":[2.5,null]}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

/// Writes each value read as its JSON text.
struct JsonVisitor;

impl<'de> serde::de::Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(expected::JSON_DATA)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Json, E> {
        Ok(Json("null".to_owned()))
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Json, E> {
        self.visit_unit()
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        Json::deserialize(d)
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Json, E> {
        Ok(Json::of(&v))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Json, E> {
        Ok(Json::of(&v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Json, E> {
        Ok(Json::of(&v))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Json, E> {
        if !v.is_finite() {
            let input = v.to_string();
            return Err(de_error(ValueError::NotFinite { field: None, input }));
        }
        Ok(Json::of(&v))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Json, E> {
        Ok(Json::of(v))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(Json(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json(format!("[{}]", items.join(","))))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut entries = Vec::new();
        while let Some((key, Json(value))) = map.next_entry::<String, Json>()? {
            entries.push(format!("{}:{value}", Json::of(&key).0));
        }
        Ok(Json(format!("{{{}}}", entries.join(","))))
    }
}

#[cfg(test)]
mod tests {

    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn an_integer_beyond_its_type_is_quoted_as_the_number_with_the_range() {
        let json = r#"{"month": "2026-01", "gross_monthly": "2000", "hours_not_worked": "70",
            "apld_months_used": 4294967296}"#;
        let err = from_json::<crate::indemnity::EmployeeMonth>(json).unwrap_err();
        assert_eq!(err.code(), "VALUE_OUT_OF_RANGE");
        assert_eq!(
            err.message(Lang::Fr),
            "valeur hors limites pour « apld_months_used » : « 4294967296 » (attendu : de 0 à 4294967295)"
        );
        assert_eq!(
            err.message(Lang::En),
            "value out of range for 'apld_months_used': '4294967296' (expected 0 to 4294967295)"
        );
    }

    #[test]
    fn an_unknown_field_suggests_the_nearest_or_lists_a_short_list() {
        let expected = (0..40)
            .map(|i| format!("field_number_{i}"))
            .chain(["contract_hours".to_owned()])
            .collect::<Vec<_>>()
            .join(", ");
        let typo = ValueError::UnknownField {
            field: Some("contract_hour".into()),
            expected: expected.clone(),
        };
        assert_eq!(
            typo.message(Lang::En),
            "unknown field: 'contract_hour' (did you mean 'contract_hours'?)"
        );
        assert!(
            typo.message(Lang::Fr)
                .contains("vouliez-vous dire « contract_hours »")
        );
        let far = ValueError::UnknownField {
            field: Some("employees.0.zzz".into()),
            expected: expected.clone(),
        };
        for lang in [Lang::Fr, Lang::En] {
            let m = far.message(lang);
            assert!(m.len() < 260 && m.ends_with(", …)"), "{m}");
        }
        // The whole list stays in the details.
        assert!(
            far.details()
                .iter()
                .any(|(k, v)| *k == "expected" && v.to_string().contains("contract_hours"))
        );
    }

    #[test]
    fn decimals() {
        let k = DecimalKind::Amount;
        assert_eq!(parse_decimal(k, "2000").unwrap(), dec!(2000));
        assert_eq!(parse_decimal(k, "2000,50").unwrap(), dec!(2000.50));
        assert_eq!(parse_decimal(k, "-0").unwrap(), Decimal::ZERO);
        assert_eq!(parse_decimal(k, "+.5").unwrap(), dec!(0.5));
        assert_eq!(
            parse_decimal(k, "79228162514264337593543950335").unwrap(),
            Decimal::MAX
        );
        for bad in [
            "",
            "-",
            ".",
            "1e3",
            "1 000",
            " 1",
            "1 ",
            "NaN",
            "inf",
            "1.2.3",
            "1,2,3",
            "--1",
            "0x10",
            "٣",
            "79228162514264337593543950336",
            "1.00000000000000000000000000000",
        ] {
            let err = parse_decimal(k, bad).unwrap_err();
            assert_eq!(err.code(), "VALUE_INVALID_DECIMAL", "{bad:?}");
        }
        let msg = parse_decimal(DecimalKind::Hours, "abc")
            .unwrap_err()
            .message(Lang::En);
        assert!(msg.contains("151.67"), "{msg}");
        let long = "1".repeat(100_000);
        let err = parse_decimal(k, &long).unwrap_err();
        assert!(err.message(Lang::Fr).len() < 200);
    }

    crate::spelled_enum! {
        /// Test enum.
        enum Colour: "colour" {
            /// Red.
            DarkRed = "dark_red",
            /// Blue.
            Blue = "blue",
        }
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        colour: Colour,
        #[serde(with = "crate::calendar::serde::date")]
        day: time::Date,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        month: crate::calendar::Month,
        inner: Vec<Inner>,
        count: u8,
    }

    fn code_and_field(json: &str) -> (&'static str, Option<String>) {
        let e = from_json::<Outer>(json).unwrap_err();
        (e.code(), e.field().map(str::to_owned))
    }

    #[test]
    fn records_name_the_failing_field() {
        let ok =
            r#"{"month":"2026-01","inner":[{"colour":"dark-red","day":"2026-01-31"}],"count":3}"#;
        assert!(from_json::<Outer>(ok).is_ok());
        let cases = [
            (
                r#"{"month":"2026-13","inner":[],"count":3}"#,
                "VALUE_INVALID_MONTH",
                Some("month"),
            ),
            (
                r#"{"month":"2026-01","inner":[{"colour":"red","day":"2026-01-31"}],"count":3}"#,
                "VALUE_UNKNOWN_VARIANT",
                Some("inner[0].colour"),
            ),
            (
                r#"{"month":"2026-01","inner":[{"colour":"blue","day":"2026-02-30"}],"count":3}"#,
                "VALUE_INVALID_DATE",
                Some("inner[0].day"),
            ),
            (
                r#"{"month":"2026-01","inner":[{"colour":"blue","day":"2026-01-01","hue":1}],"count":3}"#,
                "INPUT_UNKNOWN_FIELD",
                Some("inner[0].hue"),
            ),
            (
                r#"{"month":"2026-01","count":3}"#,
                "INPUT_MISSING_FIELD",
                Some("inner"),
            ),
            (
                r#"{"month":"2026-01","inner":[],"count":"3"}"#,
                "INPUT_WRONG_TYPE",
                Some("count"),
            ),
            (
                r#"{"month":"2026-01","inner":[],"count":300}"#,
                "VALUE_OUT_OF_RANGE",
                Some("count"),
            ),
            (
                r#"{"month":"2026-01","inner":[],"count":3"#,
                "INPUT_MALFORMED",
                None,
            ),
            (
                r#"{"month":"2026-01","inner":[],"count":3} x"#,
                "INPUT_MALFORMED",
                None,
            ),
            (r#"[1,2]"#, "INPUT_WRONG_TYPE", Some("[0]")),
        ];
        for (json, code, field) in cases {
            assert_eq!(
                code_and_field(json),
                (code, field.map(str::to_owned)),
                "{json}"
            );
        }
    }

    #[test]
    fn spellings() {
        assert_eq!("dark_red".parse::<Colour>().unwrap(), Colour::DarkRed);
        assert_eq!("dark-red".parse::<Colour>().unwrap(), Colour::DarkRed);
        for bad in ["Dark_Red", "dark red", " blue", "darkred", "dark-red-", ""] {
            let e = bad.parse::<Colour>().unwrap_err();
            assert_eq!(e.code(), "VALUE_UNKNOWN_VARIANT");
            assert!(e.message(Lang::En).contains("dark_red, blue"));
        }
        assert_eq!(Colour::ALL.len(), 2);
    }

    #[test]
    fn errors_round_trip_through_serde_messages() {
        let e = ValueError::invalid_month("x\u{1e}y");
        let carried: ValueError =
            serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
        assert_eq!(carried, e);
    }
}
