//! Binary floating-point numbers from a front end (JavaScript's `number`, which is all the
//! Node and browser packages receive), read by the core's rules: exact integers are accepted,
//! fractions are refused where a decimal is wanted (`VALUE_FLOAT_REFUSED`: the value went
//! through a binary float), `NaN` and the infinities are `VALUE_NOT_FINITE`, and every error
//! quotes the number as JavaScript writes it. Each error has no field: the caller names it
//! (`ValueError::with_field`).
//!
//! ```
//! use apart::{Diagnostic, float};
//! assert_eq!(float::decimal_text(151.0)?, "151");
//! assert_eq!(float::decimal_text(0.1).unwrap_err().code(), "VALUE_FLOAT_REFUSED");
//! assert_eq!(float::whole(3.0, 0, 10)?, 3);
//! # Ok::<(), apart::value::ValueError>(())
//! ```

use serde_json::{Number, Value};
use time::{Date, OffsetDateTime};

use crate::calendar;
use crate::value::{ValueError, expected};

/// The largest integer a float holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

/// JavaScript's spelling of a number: `NaN`, `Infinity`, `-Infinity`, or Rust's shortest
/// form that reads back the same (`1.5`, `70`).
///
/// ```
/// assert_eq!(apart::float::spelling(f64::NAN), "NaN");
/// assert_eq!(apart::float::spelling(f64::NEG_INFINITY), "-Infinity");
/// assert_eq!(apart::float::spelling(70.0), "70");
/// assert_eq!(apart::float::spelling(1.5), "1.5");
/// ```
pub fn spelling(x: f64) -> String {
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

/// A number as JSON data: an exact integer when it is one (as `JSON.stringify` writes it),
/// else a float, which the core refuses where it wants a decimal.
///
/// ```
/// use apart::Diagnostic;
/// use serde_json::Value;
/// assert_eq!(apart::float::to_json(70.0)?, Value::from(70u64));
/// assert_eq!(apart::float::to_json(-3.0)?, Value::from(-3i64));
/// assert!(apart::float::to_json(70.25)?.is_f64());
/// assert_eq!(apart::float::to_json(f64::NAN).unwrap_err().code(), "VALUE_NOT_FINITE");
/// # Ok::<(), apart::value::ValueError>(())
/// ```
///
/// # Errors
///
/// `VALUE_NOT_FINITE` for `NaN` and the infinities.
pub fn to_json(x: f64) -> Result<Value, ValueError> {
    if !x.is_finite() {
        return Err(ValueError::not_finite(&spelling(x)));
    }
    // Exact conversions: an integral f64 within the range of u64 or i64.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    if x.fract() == 0.0 {
        if (0.0..18_446_744_073_709_551_616.0).contains(&x) {
            return Ok(Value::Number((x as u64).into()));
        }
        if (-9_223_372_036_854_775_808.0..0.0).contains(&x) {
            return Ok(Value::Number((x as i64).into()));
        }
    }
    Number::from_f64(x)
        .map(Value::Number)
        .ok_or_else(|| ValueError::not_finite(&spelling(x)))
}

/// The exact decimal text of an integer (Rust prints an integral float in full, never with
/// an exponent; `-0` is `0`).
///
/// ```
/// assert_eq!(apart::float::decimal_text(-0.0)?, "0");
/// assert_eq!(apart::float::decimal_text(1e21)?, "1000000000000000000000");
/// # Ok::<(), apart::value::ValueError>(())
/// ```
///
/// # Errors
///
/// `VALUE_NOT_FINITE` for `NaN` and the infinities, `VALUE_FLOAT_REFUSED` for a fraction.
pub fn decimal_text(x: f64) -> Result<String, ValueError> {
    if !x.is_finite() {
        return Err(ValueError::not_finite(&spelling(x)));
    }
    if x.fract() != 0.0 {
        return Err(ValueError::float_refused(&spelling(x)));
    }
    Ok(if x == 0.0 { "0".into() } else { format!("{x}") })
}

/// A whole number from `min` to `max` (an index, a count, a year), neither truncated nor
/// wrapped: `1.5`, `-1` below 0 and `NaN` are refused.
///
/// ```
/// use apart::Diagnostic;
/// assert_eq!(apart::float::whole(-0.0, 0, 10)?, 0);
/// let e = apart::float::whole(-1.0, 0, 10).unwrap_err();
/// assert_eq!(e.code(), "VALUE_OUT_OF_RANGE");
/// # Ok::<(), apart::value::ValueError>(())
/// ```
///
/// # Errors
///
/// `VALUE_OUT_OF_RANGE` quoting the number as JavaScript writes it.
pub fn whole(x: f64, min: i64, max: i64) -> Result<i64, ValueError> {
    // Both bounds are far below 2^53 in every use: exact as f64.
    #[allow(clippy::cast_precision_loss)]
    let (lo, hi) = (min as f64, max as f64);
    if x.is_finite() && x.fract() == 0.0 && (lo..=hi).contains(&x) {
        // Whole and within `min..=max`: exact.
        #[allow(clippy::cast_possible_truncation)]
        return Ok(x as i64);
    }
    Err(ValueError::out_of_range(
        &spelling(x),
        expected::range(min, max),
    ))
}

fn invalid_instant(ms: f64) -> ValueError {
    ValueError::InvalidInstant {
        field: None,
        input: crate::diagnostic::quote(&spelling(ms)),
        reason: "rfc3339".into(),
    }
}

/// The instant (UTC) of milliseconds since the epoch (a JavaScript `Date`'s value), checked
/// storable.
///
/// ```
/// let at = apart::float::instant_of_millis(1_764_493_200_000.0)?;
/// assert_eq!(at.to_string(), "2025-11-30 9:00:00.0 +00:00:00");
/// assert!(apart::float::instant_of_millis(0.5).is_err());
/// # Ok::<(), apart::value::ValueError>(())
/// ```
///
/// # Errors
///
/// `VALUE_INVALID_INSTANT` for a fraction or a value out of range.
pub fn instant_of_millis(ms: f64) -> Result<OffsetDateTime, ValueError> {
    if !ms.is_finite() || ms.fract() != 0.0 || ms.abs() > MAX_SAFE {
        return Err(invalid_instant(ms));
    }
    // Exact: |ms| < 2^53, an integer.
    #[allow(clippy::cast_possible_truncation)]
    let nanos = (ms as i128) * 1_000_000;
    let at = OffsetDateTime::from_unix_timestamp_nanos(nanos).map_err(|_| invalid_instant(ms))?;
    calendar::check_instant(at)
}

/// The milliseconds since the epoch of an instant, for a JavaScript `Date`.
///
/// ```
/// let at = apart::float::instant_of_millis(1_764_493_200_000.0)?;
/// assert_eq!(apart::float::millis(at), 1_764_493_200_000.0);
/// # Ok::<(), apart::value::ValueError>(())
/// ```
pub fn millis(at: OffsetDateTime) -> f64 {
    // A storable instant is within ±9999 years: well inside 2^53 ms.
    #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
    let ms = (at.unix_timestamp_nanos() / 1_000_000) as f64;
    ms
}

/// The calendar date of milliseconds since the epoch at midnight UTC (what `Date.UTC(2024, 0,
/// 15)` and `new Date("2024-01-15")` give): a `Date` with a time of day is refused rather than
/// guessed at (in Paris, `new Date(2024, 0, 15)` is 2024-01-14 at 23:00 UTC).
///
/// ```
/// use apart::Diagnostic;
/// let day = apart::float::date_of_millis(1_705_276_800_000.0)?;
/// assert_eq!(day.to_string(), "2024-01-15");
/// let e = apart::float::date_of_millis(1_705_276_800_000.0 - 3_600_000.0).unwrap_err();
/// assert!(e.message(apart::Lang::En).contains("2024-01-14T23:00:00Z"));
/// # Ok::<(), apart::value::ValueError>(())
/// ```
///
/// # Errors
///
/// `VALUE_INVALID_DATE` when `ms` is not a whole UTC day.
pub fn date_of_millis(ms: f64) -> Result<Date, ValueError> {
    let at = instant_of_millis(ms).map_err(|_| ValueError::invalid_date("Invalid Date"))?;
    calendar::day_of_midnight_utc(at)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::Diagnostic;

    #[test]
    fn integers_are_exact_and_fractions_refused() {
        assert_eq!(decimal_text(151.0).unwrap(), "151");
        assert_eq!(decimal_text(-12.0).unwrap(), "-12");
        assert_eq!(
            decimal_text(9_007_199_254_740_992.0).unwrap(),
            "9007199254740992"
        );
        let code = |x| decimal_text(x).unwrap_err().code();
        assert_eq!(code(151.67), "VALUE_FLOAT_REFUSED");
        assert_eq!(code(f64::NEG_INFINITY), "VALUE_NOT_FINITE");
        assert_eq!(
            to_json(9_007_199_254_740_992.0).unwrap(),
            Value::from(9_007_199_254_740_992u64)
        );
        assert!(to_json(1e300).unwrap().is_f64());
    }

    #[test]
    fn wholes_are_in_range() {
        assert_eq!(whole(3.0, 0, 10).unwrap(), 3);
        for x in [-1.0, 11.0, 1.5, f64::NAN, f64::INFINITY, 2f64.powi(40)] {
            assert_eq!(whole(x, 0, 10).unwrap_err().code(), "VALUE_OUT_OF_RANGE");
        }
        assert!(
            whole(-1.0, 0, 10)
                .unwrap_err()
                .message(crate::Lang::En)
                .contains("'-1'")
        );
    }

    #[test]
    fn instants_and_dates() {
        assert!(instant_of_millis(f64::NAN).is_err());
        assert_eq!(
            instant_of_millis(0.5).unwrap_err().code(),
            "VALUE_INVALID_INSTANT"
        );
        assert_eq!(
            date_of_millis(1.0).unwrap_err().code(),
            "VALUE_INVALID_DATE"
        );
    }
}
