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
//!   time), checked storable (`calendar::check_instant`), and come back as a `Date` when
//!   returned alone (in a record, RFC 3339 text).

use apart::value::ValueError;
use apart::{calendar, float};

use crate::arg::When;
use time::OffsetDateTime;

/// An instant given as a `Date`, epoch milliseconds, or an RFC 3339 string (see above).
///
/// # Errors
///
/// `VALUE_INVALID_INSTANT`.
pub fn instant(argument: &str, value: crate::arg::Instant) -> Result<OffsetDateTime, ValueError> {
    match value.0 {
        When::Millis(ms) => float::instant_of_millis(ms).map_err(|e| e.with_field(argument)),
        When::Text(text) => calendar::parse_instant(&text).map_err(|e| e.with_field(argument)),
    }
}
