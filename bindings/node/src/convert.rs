//! JavaScript values into the core's inputs, and back (design §3).
//!
//! * Decimals (money, hours, rates) are strings both ways. A `number` is accepted too and turned
//!   into its shortest decimal representation (the digits `String(x)` prints, never an exponent),
//!   so `0.1` is `"0.1"`, not `0.1000000000000000055…`. `NaN`, the infinities and integers
//!   beyond `Number.MAX_SAFE_INTEGER` are refused: they have no decimal meaning, or lost their
//!   digits before reaching us. The core parses the string, so a bad decimal is a domain error.
//! * Dates are ISO strings (`"2024-01-15"`, parsed by the core's rules) or a `Date` at midnight
//!   UTC (what `new Date("2024-01-15")` and `Date.UTC(…)` give). A `Date` with a time of day is
//!   refused rather than guessed at: in Paris, `new Date(2024, 0, 15)` is 2024-01-14 at 23:00 UTC.
//!   Dates come back as ISO strings.
//! * Instants are a `Date`, epoch milliseconds (an integer) or an RFC 3339 string (the only form
//!   that keeps a UTC offset, which the procedure reads as the establishment's local time), and
//!   come back as a `Date`.

use apart::diagnostic::{Detail, Diagnostic, Lang};
use napi::bindgen_prelude::Either3;
use napi::{Either, JsDate};
use time::OffsetDateTime;

/// The largest integer a JavaScript `number` holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A value given by JavaScript that the binding cannot pass to the core.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ArgumentError {
    /// `NaN`, `Infinity` or `-Infinity` where a decimal was expected (`NUMBER_NOT_FINITE`).
    NotFinite {
        /// The argument's name.
        argument: &'static str,
        /// `NaN`, `Infinity` or `-Infinity`.
        value: String,
    },
    /// An integer beyond ±(2^53 − 1): its digits were already lost (`NUMBER_UNSAFE_INTEGER`).
    UnsafeInteger {
        /// The argument's name.
        argument: &'static str,
        /// The number as JavaScript holds it.
        value: String,
    },
    /// An invalid `Date`, or a `Date` that is not at midnight UTC (`DATE_INVALID`).
    InvalidDate {
        /// The argument's name.
        argument: &'static str,
        /// The date as given (ISO form, or `Invalid Date`).
        value: String,
    },
    /// An invalid `Date`, or epoch milliseconds that are not an integer in the supported range
    /// (`INSTANT_INVALID`).
    InvalidInstant {
        /// The argument's name.
        argument: &'static str,
        /// The value as given.
        value: String,
    },
    /// A string that names none of the allowed values (`ARGUMENT_UNKNOWN_VALUE`).
    UnknownValue {
        /// The argument's name.
        argument: &'static str,
        /// The value given.
        value: String,
        /// The allowed values, comma-separated.
        allowed: String,
    },
    /// A number outside what the argument accepts (`ARGUMENT_OUT_OF_RANGE`).
    OutOfRange {
        /// The argument's name.
        argument: &'static str,
        /// The value given.
        value: String,
        /// The accepted range, in words.
        allowed: String,
    },
    /// A record that does not have the core's shape (a missing field, a wrong type, an unknown
    /// enum value) (`ARGUMENT_MALFORMED`).
    Malformed {
        /// The argument's name.
        argument: &'static str,
        /// What the reader said.
        reason: String,
    },
    /// A value that is not JSON data (a `BigInt`, a cycle, a function) where a record was
    /// expected (`ARGUMENT_NOT_JSON`).
    NotJson {
        /// The argument's name.
        argument: &'static str,
        /// What went wrong.
        reason: String,
    },
}

impl Diagnostic for ArgumentError {
    fn family(&self) -> apart::diagnostic::Family {
        apart::diagnostic::Family::Input
    }

    fn code(&self) -> &'static str {
        match self {
            ArgumentError::NotFinite { .. } => "NUMBER_NOT_FINITE",
            ArgumentError::UnsafeInteger { .. } => "NUMBER_UNSAFE_INTEGER",
            ArgumentError::InvalidDate { .. } => "DATE_INVALID",
            ArgumentError::InvalidInstant { .. } => "INSTANT_INVALID",
            ArgumentError::UnknownValue { .. } => "ARGUMENT_UNKNOWN_VALUE",
            ArgumentError::OutOfRange { .. } => "ARGUMENT_OUT_OF_RANGE",
            ArgumentError::Malformed { .. } => "ARGUMENT_MALFORMED",
            ArgumentError::NotJson { .. } => "ARGUMENT_NOT_JSON",
        }
    }

    fn message(&self, lang: Lang) -> String {
        let en = matches!(lang, Lang::En);
        match self {
            ArgumentError::NotFinite { argument, value } if en => {
                format!("{argument}: {value} is not a decimal number")
            }
            ArgumentError::NotFinite { argument, value } => {
                format!("{argument} : {value} n'est pas un nombre décimal")
            }
            ArgumentError::UnsafeInteger { argument, value } if en => format!(
                "{argument}: {value} is beyond Number.MAX_SAFE_INTEGER, pass it as a string"
            ),
            ArgumentError::UnsafeInteger { argument, value } => {
                format!("{argument} : {value} dépasse Number.MAX_SAFE_INTEGER, passez-le en chaîne")
            }
            ArgumentError::InvalidDate { argument, value } if en => format!(
                "{argument}: {value} is not a date (an ISO string such as 2024-01-15, or a Date at midnight UTC)"
            ),
            ArgumentError::InvalidDate { argument, value } => format!(
                "{argument} : {value} n'est pas une date (une chaîne ISO comme 2024-01-15, ou une Date à minuit UTC)"
            ),
            ArgumentError::InvalidInstant { argument, value } if en => format!(
                "{argument}: {value} is not an instant (a Date, or integer epoch milliseconds)"
            ),
            ArgumentError::InvalidInstant { argument, value } => format!(
                "{argument} : {value} n'est pas un instant (une Date, ou des millisecondes entières depuis 1970)"
            ),
            ArgumentError::UnknownValue {
                argument,
                value,
                allowed,
            } if en => format!("{argument}: unknown value '{value}' (allowed: {allowed})"),
            ArgumentError::UnknownValue {
                argument,
                value,
                allowed,
            } => format!("{argument} : valeur '{value}' inconnue (valeurs permises : {allowed})"),
            ArgumentError::OutOfRange {
                argument,
                value,
                allowed,
            } if en => format!("{argument}: {value} is out of range (allowed: {allowed})"),
            ArgumentError::OutOfRange {
                argument,
                value,
                allowed,
            } => format!("{argument} : {value} hors limites (permis : {allowed})"),
            ArgumentError::Malformed { argument, reason } if en => {
                format!("{argument}: malformed ({reason})")
            }
            ArgumentError::Malformed { argument, reason } => {
                format!("{argument} : mal formé ({reason})")
            }
            ArgumentError::NotJson { argument, reason } if en => {
                format!("{argument}: not JSON data ({reason})")
            }
            ArgumentError::NotJson { argument, reason } => {
                format!("{argument} : pas une donnée JSON ({reason})")
            }
        }
    }

    fn details(&self) -> Vec<Detail> {
        match self {
            ArgumentError::NotFinite { argument, value }
            | ArgumentError::UnsafeInteger { argument, value }
            | ArgumentError::InvalidDate { argument, value }
            | ArgumentError::InvalidInstant { argument, value } => {
                vec![
                    ("argument", (*argument).into()),
                    ("value", value.clone().into()),
                ]
            }
            ArgumentError::UnknownValue {
                argument,
                value,
                allowed,
            }
            | ArgumentError::OutOfRange {
                argument,
                value,
                allowed,
            } => vec![
                ("argument", (*argument).into()),
                ("value", value.clone().into()),
                ("allowed", allowed.clone().into()),
            ],
            ArgumentError::NotJson { argument, reason }
            | ArgumentError::Malformed { argument, reason } => vec![
                ("argument", (*argument).into()),
                ("reason", reason.clone().into()),
            ],
        }
    }
}

impl std::fmt::Display for ArgumentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::Fr))
    }
}

impl std::error::Error for ArgumentError {}

/// JavaScript's spelling of a non-finite number.
pub(crate) fn js_number(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x.is_infinite() && x > 0.0 {
        "Infinity".into()
    } else if x.is_infinite() {
        "-Infinity".into()
    } else {
        format!("{x}")
    }
}

/// A decimal given as a string (passed on untouched: the core parses it) or a number (its
/// shortest decimal representation).
///
/// # Errors
///
/// `NUMBER_NOT_FINITE`, `NUMBER_UNSAFE_INTEGER`.
pub fn decimal(
    argument: &'static str,
    value: Either<String, f64>,
) -> Result<String, ArgumentError> {
    match value {
        Either::A(s) => Ok(s),
        Either::B(x) => decimal_from_number(argument, x),
    }
}

/// The shortest decimal representation of `x`, in plain notation.
///
/// Rust's `Display` for `f64` prints the shortest digits that read back to the same `f64`
/// (the same digits as JavaScript's `String(x)`), never in exponent form.
///
/// # Errors
///
/// `NUMBER_NOT_FINITE`, `NUMBER_UNSAFE_INTEGER`.
pub fn decimal_from_number(argument: &'static str, x: f64) -> Result<String, ArgumentError> {
    if !x.is_finite() {
        return Err(ArgumentError::NotFinite {
            argument,
            value: js_number(x),
        });
    }
    if x.fract() == 0.0 && x.abs() > MAX_SAFE_INTEGER {
        return Err(ArgumentError::UnsafeInteger {
            argument,
            value: js_number(x),
        });
    }
    if x == 0.0 {
        // -0 is 0.
        return Ok("0".into());
    }
    Ok(format!("{x}"))
}

/// Milliseconds since the epoch into an instant.
///
/// # Errors
///
/// `INSTANT_INVALID` for a non-integer or out-of-range value.
pub fn instant_from_millis(
    argument: &'static str,
    ms: f64,
) -> Result<OffsetDateTime, ArgumentError> {
    let invalid = || ArgumentError::InvalidInstant {
        argument,
        value: js_number(ms),
    };
    if !ms.is_finite() || ms.fract() != 0.0 || ms.abs() > MAX_SAFE_INTEGER {
        return Err(invalid());
    }
    // Exact: |ms| < 2^53, an integer.
    #[allow(clippy::cast_possible_truncation)]
    let nanos = (ms as i128) * 1_000_000;
    OffsetDateTime::from_unix_timestamp_nanos(nanos).map_err(|_| invalid())
}

/// An instant given as a `Date`, epoch milliseconds, or an RFC 3339 string. Only the string
/// keeps a UTC offset, and the procedure reads the establishment's local date from the offset
/// of `now` (a `Date` is always UTC).
///
/// # Errors
///
/// `INSTANT_INVALID` (an invalid `Date`, fractional or out-of-range milliseconds, a string that
/// is not RFC 3339).
pub fn instant(
    argument: &'static str,
    value: Either3<JsDate<'_>, f64, String>,
) -> napi::Result<Result<OffsetDateTime, ArgumentError>> {
    let ms = match value {
        Either3::A(date) => date.value_of()?,
        Either3::B(ms) => ms,
        Either3::C(text) => {
            return Ok(OffsetDateTime::parse(
                &text,
                &time::format_description::well_known::Rfc3339,
            )
            .map_err(|_| ArgumentError::InvalidInstant {
                argument,
                value: text,
            }));
        }
    };
    Ok(instant_from_millis(argument, ms))
}

/// An instant as epoch milliseconds, for a JavaScript `Date`.
pub fn millis(at: OffsetDateTime) -> f64 {
    // An `OffsetDateTime` from this library is within ±9999 years: well inside 2^53 ms.
    #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
    let ms = (at.unix_timestamp_nanos() / 1_000_000) as f64;
    ms
}

/// A calendar date from a `Date` (which must be at midnight UTC) or an ISO string (returned as
/// given, for the core to parse).
///
/// # Errors
///
/// `DATE_INVALID` for an invalid `Date` or one with a time of day.
pub fn date(
    argument: &'static str,
    value: Either<String, JsDate<'_>>,
) -> napi::Result<Result<String, ArgumentError>> {
    match value {
        Either::A(s) => Ok(Ok(s)),
        Either::B(d) => Ok(date_from_millis(argument, d.value_of()?)),
    }
}

/// The ISO date of epoch milliseconds at midnight UTC.
///
/// # Errors
///
/// `DATE_INVALID` when `ms` is not a whole UTC day.
pub fn date_from_millis(argument: &'static str, ms: f64) -> Result<String, ArgumentError> {
    let at = instant_from_millis(argument, ms).map_err(|_| ArgumentError::InvalidDate {
        argument,
        value: "Invalid Date".into(),
    })?;
    if at.time() != time::Time::MIDNIGHT {
        return Err(ArgumentError::InvalidDate {
            argument,
            value: format!("{} {}", at.date(), at.time()),
        });
    }
    Ok(at.date().to_string())
}

/// A JavaScript value (a record) as JSON text for the core.
///
/// # Errors
///
/// `ARGUMENT_NOT_JSON` for a value serde cannot represent.
pub fn json_text(
    argument: &'static str,
    value: &serde_json::Value,
) -> Result<String, ArgumentError> {
    serde_json::to_string(value).map_err(|e| ArgumentError::NotJson {
        argument,
        reason: e.to_string(),
    })
}

/// JSON text from the core as a JavaScript value.
///
/// # Errors
///
/// Never in practice: the core writes the text.
pub fn json_value(text: &str) -> napi::Result<serde_json::Value> {
    serde_json::from_str(text)
        .map_err(|e| napi::Error::new(napi::Status::GenericFailure, e.to_string()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn numbers_become_their_shortest_decimal() {
        let d = |x| decimal_from_number("x", x).unwrap();
        assert_eq!(d(0.1), "0.1");
        assert_eq!(d(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(d(151.67), "151.67");
        assert_eq!(d(-0.0), "0");
        assert_eq!(d(123_456.789), "123456.789");
        assert_eq!(d(1e-7), "0.0000001");
        assert_eq!(d(9_007_199_254_740_991.0), "9007199254740991");
        assert_eq!(d(-12.0), "-12");
    }

    #[test]
    fn non_finite_and_unsafe_numbers_are_refused() {
        let code = |x| decimal_from_number("x", x).unwrap_err().code();
        assert_eq!(code(f64::NAN), "NUMBER_NOT_FINITE");
        assert_eq!(code(f64::INFINITY), "NUMBER_NOT_FINITE");
        assert_eq!(code(f64::NEG_INFINITY), "NUMBER_NOT_FINITE");
        assert_eq!(code(9_007_199_254_740_992.0), "NUMBER_UNSAFE_INTEGER");
        assert_eq!(code(-9_007_199_254_740_992.0), "NUMBER_UNSAFE_INTEGER");
        assert_eq!(code(1e21), "NUMBER_UNSAFE_INTEGER");
    }

    #[test]
    fn instants_and_dates() {
        let at = instant_from_millis("now", 1_764_493_200_000.0).unwrap();
        assert_eq!(at.to_string(), "2025-11-30 9:00:00.0 +00:00:00");
        assert_eq!(millis(at), 1_764_493_200_000.0);
        assert!(instant_from_millis("now", 0.5).is_err());
        assert!(instant_from_millis("now", f64::NAN).is_err());
        assert_eq!(
            date_from_millis("d", 1_705_276_800_000.0).unwrap(),
            "2024-01-15"
        );
        let err = date_from_millis("d", 1_705_276_800_000.0 - 3_600_000.0).unwrap_err();
        assert_eq!(err.code(), "DATE_INVALID");
        assert!(err.message(Lang::En).contains("2024-01-14 23:00"), "{err}");
    }
}
