//! JavaScript values into the core's inputs, and back (design §3). Every failure is the core's
//! [`ValueError`] (family `input`, class `InputError`), naming the argument as its `field`.
//!
//! * Decimals (money, hours, rates) are strings both ways. An integer `number` is accepted
//!   (its exact value); a non-integer number is `VALUE_FLOAT_REFUSED` (it went through a
//!   binary float), `NaN` and the infinities `VALUE_NOT_FINITE`, as in every front end.
//! * Dates are ISO strings (`"2024-01-15"`, parsed by the core), a `Date` at midnight UTC
//!   (what `new Date("2024-01-15")` gives) or its epoch milliseconds (`Date.UTC(2024, 0, 15)`). A `Date` with a time of day is refused rather than
//!   guessed at: in Paris, `new Date(2024, 0, 15)` is 2024-01-14 at 23:00 UTC.
//! * Instants are a `Date`, epoch milliseconds (an integer) or an RFC 3339 string (the only
//!   form that keeps a UTC offset, which the procedure reads as the establishment's local
//!   time), checked storable (`calendar::check_instant`), and come back as a `Date`.

use apart::calendar;
use apart::value::ValueError;
use napi::Either;

use crate::arg::When;
use time::OffsetDateTime;

/// JavaScript's spelling of a number (`NaN`, `Infinity`, `1.5`).
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

/// `VALUE_OUT_OF_RANGE` about `argument`.
pub(crate) fn out_of_range(argument: &str, value: &str, allowed: &str) -> ValueError {
    ValueError::out_of_range(value, allowed).with_field(argument)
}

/// A decimal given as a string (passed on untouched: the core parses it) or an integer number.
///
/// # Errors
///
/// `VALUE_FLOAT_REFUSED`, `VALUE_NOT_FINITE`.
pub fn decimal(argument: &str, value: Either<String, f64>) -> Result<String, ValueError> {
    match value {
        Either::A(s) => Ok(s),
        Either::B(x) => decimal_from_number(argument, x),
    }
}

/// The exact decimal text of an integer `number` (Rust prints an integral `f64` in full, never
/// with an exponent).
///
/// # Errors
///
/// `VALUE_NOT_FINITE` for `NaN` and the infinities, `VALUE_FLOAT_REFUSED` for a fraction.
pub fn decimal_from_number(argument: &str, x: f64) -> Result<String, ValueError> {
    if !x.is_finite() {
        return Err(ValueError::not_finite(&js_number(x)).with_field(argument));
    }
    if x.fract() != 0.0 {
        return Err(ValueError::float_refused(&js_number(x)).with_field(argument));
    }
    // -0 is 0.
    Ok(if x == 0.0 { "0".into() } else { format!("{x}") })
}

fn invalid_instant(argument: &str, value: &str) -> ValueError {
    ValueError::InvalidInstant {
        field: None,
        input: apart::diagnostic::quote(value),
        reason: "rfc3339".into(),
    }
    .with_field(argument)
}

/// Milliseconds since the epoch into an instant (UTC), checked storable.
///
/// # Errors
///
/// `VALUE_INVALID_INSTANT` for a non-integer or out-of-range value.
pub fn instant_from_millis(argument: &str, ms: f64) -> Result<OffsetDateTime, ValueError> {
    if !ms.is_finite() || ms.fract() != 0.0 || ms.abs() > 9_007_199_254_740_991.0 {
        return Err(invalid_instant(argument, &js_number(ms)));
    }
    // Exact: |ms| < 2^53, an integer.
    #[allow(clippy::cast_possible_truncation)]
    let nanos = (ms as i128) * 1_000_000;
    let at = OffsetDateTime::from_unix_timestamp_nanos(nanos)
        .map_err(|_| invalid_instant(argument, &js_number(ms)))?;
    calendar::check_instant(at).map_err(|e| e.with_field(argument))
}

/// An instant given as a `Date`, epoch milliseconds, or an RFC 3339 string. Only the string
/// keeps a UTC offset, and the procedure reads the establishment's local date from the offset
/// of `now` (a `Date` is always UTC).
///
/// # Errors
///
/// `VALUE_INVALID_INSTANT`.
pub fn instant(argument: &str, value: crate::arg::Instant) -> Result<OffsetDateTime, ValueError> {
    match value.0 {
        When::Millis(ms) => instant_from_millis(argument, ms),
        When::Text(text) => calendar::parse_instant(&text).map_err(|e| e.with_field(argument)),
    }
}

/// An instant inside an object argument, as [`crate::js::to_json`] gives it: epoch milliseconds
/// (a number), or RFC 3339 text (a `Date` is its ISO text there).
///
/// # Errors
///
/// `VALUE_INVALID_INSTANT`, or `INPUT_WRONG_TYPE` for anything else.
pub fn instant_json(
    argument: &str,
    value: &serde_json::Value,
) -> Result<OffsetDateTime, ValueError> {
    match value {
        serde_json::Value::Number(n) => {
            instant_from_millis(argument, n.as_f64().unwrap_or(f64::NAN))
        }
        serde_json::Value::String(text) => {
            calendar::parse_instant(text).map_err(|e| e.with_field(argument))
        }
        other => Err(ValueError::wrong_type(
            apart::value::expected::AN_INSTANT,
            &json_words(other),
        )
        .with_field(argument)),
    }
}

/// serde's words for a JSON value (what `found` says in `INPUT_WRONG_TYPE`).
pub(crate) fn json_words(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => "null".into(),
        serde_json::Value::Bool(b) => format!("boolean {b}"),
        serde_json::Value::Number(n) => format!("number {n}"),
        serde_json::Value::String(s) => {
            format!(
                "string {}",
                serde_json::Value::String(apart::diagnostic::quote(s))
            )
        }
        serde_json::Value::Array(_) => "array".into(),
        serde_json::Value::Object(_) => "object".into(),
    }
}

/// A whole JavaScript number from `min` to `max` (an index, a count, a year): napi-rs would
/// wrap `-1` to 4294967295 and truncate `1.5` to 1 and `NaN` to 0.
///
/// # Errors
///
/// `VALUE_OUT_OF_RANGE` quoting the number as JavaScript writes it.
pub fn integer(argument: &str, x: f64, min: i64, max: i64) -> Result<i64, ValueError> {
    // Both bounds are far below 2^53 in every use: exact as f64.
    #[allow(clippy::cast_precision_loss)]
    let (lo, hi) = (min as f64, max as f64);
    if x.is_finite() && x.fract() == 0.0 && (lo..=hi).contains(&x) {
        // Whole and within `min..=max`: exact.
        #[allow(clippy::cast_possible_truncation)]
        return Ok(x as i64);
    }
    Err(out_of_range(
        argument,
        &js_number(x),
        &apart::value::expected::range(min, max),
    ))
}

/// An instant as epoch milliseconds, for a JavaScript `Date`.
pub fn millis(at: OffsetDateTime) -> f64 {
    // An `OffsetDateTime` from this library is within ±9999 years: well inside 2^53 ms.
    #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
    let ms = (at.unix_timestamp_nanos() / 1_000_000) as f64;
    ms
}

/// A calendar date from an ISO string (parsed by the core), a `Date` at midnight UTC, or the
/// epoch milliseconds of one (what `Date.UTC(2026, 0, 15)` gives).
///
/// # Errors
///
/// `VALUE_INVALID_DATE`.
pub fn date(argument: &str, value: crate::arg::Day) -> Result<time::Date, ValueError> {
    match value.0 {
        When::Text(s) => calendar::parse_date(&s).map_err(|e| e.with_field(argument)),
        When::Millis(ms) => date_from_millis(argument, ms),
    }
}

/// The date of epoch milliseconds at midnight UTC.
///
/// # Errors
///
/// `VALUE_INVALID_DATE` when `ms` is not a whole UTC day.
pub fn date_from_millis(argument: &str, ms: f64) -> Result<time::Date, ValueError> {
    let at = instant_from_millis(argument, ms)
        .map_err(|_| ValueError::invalid_date("Invalid Date").with_field(argument))?;
    calendar::day_of_midnight_utc(at).map_err(|e| e.with_field(argument))
}

/// JSON text from the core as a JavaScript value.
///
/// # Errors
///
/// Never in practice: the core writes the text.
pub fn json_value(text: &str) -> napi::Result<serde_json::Value> {
    serde_json::from_str(text).map_err(|e| crate::runtime::internal(&e.to_string()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use apart::Diagnostic;
    use apart::diagnostic::Lang;

    #[test]
    fn integer_numbers_are_exact_and_fractions_refused() {
        let d = |x| decimal_from_number("x", x);
        assert_eq!(d(151.0).unwrap(), "151");
        assert_eq!(d(-0.0).unwrap(), "0");
        assert_eq!(d(-12.0).unwrap(), "-12");
        assert_eq!(d(9_007_199_254_740_992.0).unwrap(), "9007199254740992");
        assert_eq!(d(1e21).unwrap(), "1000000000000000000000");
        let code = |x| d(x).unwrap_err().code();
        assert_eq!(code(0.1), "VALUE_FLOAT_REFUSED");
        assert_eq!(code(151.67), "VALUE_FLOAT_REFUSED");
        assert_eq!(code(f64::NAN), "VALUE_NOT_FINITE");
        assert_eq!(code(f64::NEG_INFINITY), "VALUE_NOT_FINITE");
        assert_eq!(d(f64::NAN).unwrap_err().field(), Some("x"));
    }

    #[test]
    fn integers_are_whole_and_in_range() {
        assert_eq!(integer("n", 3.0, 0, 10).unwrap(), 3);
        assert_eq!(integer("n", -0.0, 0, 10).unwrap(), 0);
        for x in [-1.0, 11.0, 1.5, f64::NAN, f64::INFINITY, 2f64.powi(40)] {
            let e = integer("n", x, 0, 10).unwrap_err();
            assert_eq!((e.code(), e.field()), ("VALUE_OUT_OF_RANGE", Some("n")));
        }
        assert!(
            integer("n", -1.0, 0, 10)
                .unwrap_err()
                .message(Lang::En)
                .contains("'-1'")
        );
    }

    #[test]
    fn instants_and_dates() {
        let at = instant_from_millis("now", 1_764_493_200_000.0).unwrap();
        assert_eq!(at.to_string(), "2025-11-30 9:00:00.0 +00:00:00");
        assert_eq!(millis(at), 1_764_493_200_000.0);
        assert_eq!(
            instant_from_millis("now", 0.5).unwrap_err().code(),
            "VALUE_INVALID_INSTANT"
        );
        assert!(instant_from_millis("now", f64::NAN).is_err());
        assert_eq!(
            date_from_millis("d", 1_705_276_800_000.0)
                .unwrap()
                .to_string(),
            "2024-01-15"
        );
        let err = date_from_millis("d", 1_705_276_800_000.0 - 3_600_000.0).unwrap_err();
        assert_eq!(err.code(), "VALUE_INVALID_DATE");
        assert_eq!(err.field(), Some("d"));
        assert!(
            err.message(Lang::En).contains("2024-01-14T23:00:00Z"),
            "{err}"
        );
    }
}
