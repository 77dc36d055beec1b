//! Custom types: how dates and instants cross the FFI.
//!
//! Each conversion from the foreign side parses inside Rust and fails with an
//! [`ApartError::Value`]; uniffi hands that error to the caller as the function's own error
//! (every function taking one of these types returns `Result<_, ApartError>`).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use time::macros::format_description;

use apart::calendar::Month;
use apart::money::{Euros, HourlyAmount, Hours, Rate};

use crate::ApartError;

/// A plain exact decimal (days, hours of a request, law values): `java.math.BigDecimal` in
/// Kotlin, a decimal string in Swift. Written in plain notation (`151.67`), scale kept.
pub type DecimalNumber = rust_decimal::Decimal;

// Amounts, hours and rates are the core's newtypes, each a custom type over its decimal text
// (`java.math.BigDecimal` in Kotlin, scale kept: `843.10` stays `843.10`; a `String` in Swift,
// because Swift's `Decimal` drops trailing zeros). The core's parser reads them, so a bad value
// (an exponent, 29 digits) is a `VALUE_INVALID_DECIMAL` error.
uniffi::custom_type!(Euros, String, {
    remote,
    lower: |v| v.to_string(),
    try_lift: |text| Ok(text.parse::<Euros>().map_err(ApartError::from)?),
});
uniffi::custom_type!(Hours, String, {
    remote,
    lower: |v| v.to_string(),
    try_lift: |text| Ok(text.parse::<Hours>().map_err(ApartError::from)?),
});
uniffi::custom_type!(HourlyAmount, String, {
    remote,
    lower: |v| v.to_string(),
    try_lift: |text| Ok(text.parse::<HourlyAmount>().map_err(ApartError::from)?),
});
uniffi::custom_type!(Rate, String, {
    remote,
    lower: |v| v.to_string(),
    try_lift: |text| Ok(text.parse::<Rate>().map_err(ApartError::from)?),
});
uniffi::custom_type!(DecimalNumber, String, {
    remote,
    lower: |v| v.to_string(),
    try_lift: |text| Ok(parse_decimal(&text)?),
});
// A month `YYYY-MM`: `java.time.YearMonth` in Kotlin, a string in Swift.
uniffi::custom_type!(Month, String, {
    remote,
    lower: |v| v.to_string(),
    try_lift: |text| Ok(text.parse::<Month>().map_err(ApartError::from)?),
});

/// Reads a plain decimal with the core's rules (the `Hours` parser: no exponent, `,` or `.`).
pub(crate) fn parse_decimal(text: &str) -> Result<rust_decimal::Decimal, ApartError> {
    Ok(apart::value::parse_decimal(
        apart::value::DecimalKind::Decimal,
        text,
    )?)
}

/// An instant in UTC: `java.time.Instant` in Kotlin, `Date` in Swift, aware `datetime` in
/// Python. The core works in `time::OffsetDateTime` (UTC).
pub type Instant = time::OffsetDateTime;

/// A civil date (no time, no zone): `java.time.LocalDate` in Kotlin, an ISO `YYYY-MM-DD`
/// string in Swift. Not named `Date`, which is Swift's instant type.
pub type CivilDate = time::Date;

/// An instant with its UTC offset (RFC 3339: `2022-02-10T10:00:00+01:00`):
/// `java.time.OffsetDateTime` in Kotlin, an RFC 3339 string in Swift.
///
/// Machines and the procedure take `now` as this type, not [`Instant`]: the offset is the
/// establishment's local time, which decides local dates (the day a DA is received, the day
/// silence becomes acceptance). A timestamp (Kotlin `Instant`, Swift `Date`) has no offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OffsetDateTime(pub time::OffsetDateTime);

uniffi::custom_type!(OffsetDateTime, String, {
    lower: |v| format_rfc3339(v.0),
    try_lift: |text| Ok(OffsetDateTime(parse_rfc3339(&text)?)),
});

/// RFC 3339 with the instant's own offset.
pub(crate) fn format_rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| at.to_string())
}

/// Reads RFC 3339 (`2022-02-10T10:00:00+01:00`, `2026-03-02T09:00:00Z`).
pub(crate) fn parse_rfc3339(text: &str) -> Result<time::OffsetDateTime, ApartError> {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).map_err(
        |_| {
            ApartError::value(
                "VALUE_INVALID_DATETIME",
                format!(
                    "date et heure invalides : « {text} » (attendu : RFC 3339, par exemple 2022-02-10T10:00:00+01:00)"
                ),
                format!(
                    "invalid date and time: '{text}' (expected RFC 3339, e.g. 2022-02-10T10:00:00+01:00)"
                ),
                text,
            )
        },
    )
}

uniffi::custom_type!(Instant, SystemTime, {
    remote,
    lower: |instant| instant_to_system(instant),
    try_lift: |system| Ok(system_to_instant(system)?),
});

uniffi::custom_type!(CivilDate, String, {
    remote,
    lower: |date| date_to_string(date),
    try_lift: |text| Ok(parse_date(&text)?),
});

/// The ISO form `YYYY-MM-DD`.
pub(crate) fn date_to_string(date: time::Date) -> String {
    // Years outside 0..=9999 do not fit the format; `Display` writes them with a sign.
    date.format(format_description!("[year]-[month]-[day]"))
        .unwrap_or_else(|_| date.to_string())
}

/// Reads `YYYY-MM-DD`.
pub(crate) fn parse_date(text: &str) -> Result<time::Date, ApartError> {
    time::Date::parse(text, format_description!("[year]-[month]-[day]")).map_err(|_| {
        ApartError::value(
            "VALUE_INVALID_DATE",
            format!("date invalide : « {text} » (attendu : AAAA-MM-JJ)"),
            format!("invalid date: '{text}' (expected YYYY-MM-DD)"),
            text,
        )
    })
}

fn system_to_instant(system: SystemTime) -> Result<time::OffsetDateTime, ApartError> {
    let nanos = match system.duration_since(UNIX_EPOCH) {
        Ok(after) => i128::try_from(after.as_nanos()).ok(),
        Err(before) => i128::try_from(before.duration().as_nanos())
            .ok()
            .map(|n| -n),
    };
    nanos
        .and_then(|n| time::OffsetDateTime::from_unix_timestamp_nanos(n).ok())
        .ok_or_else(|| {
            ApartError::value(
                "VALUE_INVALID_INSTANT",
                "instant hors de l'intervalle pris en charge (années -9999 à 9999)".to_owned(),
                "instant out of the supported range (years -9999 to 9999)".to_owned(),
                &format!("{system:?}"),
            )
        })
}

fn instant_to_system(instant: time::OffsetDateTime) -> SystemTime {
    let nanos = instant.unix_timestamp_nanos();
    let abs = nanos.unsigned_abs();
    let secs = u64::try_from(abs / 1_000_000_000).unwrap_or(u64::MAX);
    let subsec = u32::try_from(abs % 1_000_000_000).unwrap_or(0);
    let magnitude = Duration::new(secs, subsec);
    // `OffsetDateTime` spans years -9999..=9999, which `SystemTime` holds on every platform
    // uniffi targets (64-bit seconds), so the checked arithmetic never falls back.
    let shifted = if nanos >= 0 {
        UNIX_EPOCH.checked_add(magnitude)
    } else {
        UNIX_EPOCH.checked_sub(magnitude)
    };
    shifted.unwrap_or(UNIX_EPOCH)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn instants_round_trip_to_the_nanosecond() {
        for t in [
            datetime!(2026-11-30 09:00:00.123456789 UTC),
            datetime!(1969-07-20 20:17:40.5 UTC),
            datetime!(-9999-01-01 00:00 UTC),
            datetime!(9999-12-31 23:59:59.999999999 UTC),
        ] {
            assert_eq!(system_to_instant(instant_to_system(t)).unwrap(), t);
        }
    }

    #[test]
    fn offsets_are_kept() {
        let t = parse_rfc3339("2022-02-26T00:00:00+01:00").unwrap();
        assert_eq!(t.date(), date!(2022 - 02 - 26));
        assert_eq!(format_rfc3339(t), "2022-02-26T00:00:00+01:00");
        assert_eq!(
            parse_rfc3339("2022-02-26T00:00").unwrap_err().code(),
            "VALUE_INVALID_DATETIME"
        );
    }

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(parse_date("2026-02-28").unwrap(), date!(2026 - 02 - 28));
        assert_eq!(date_to_string(date!(2026 - 02 - 01)), "2026-02-01");
        for bad in [
            "2026-02-30",
            "2026-2-1",
            "",
            "+10000-01-01",
            "2026-02-28T00:00",
        ] {
            assert_eq!(parse_date(bad).unwrap_err().code(), "VALUE_INVALID_DATE");
        }
    }
}
