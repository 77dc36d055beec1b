//! Months, dates and instants: how the library reads, writes and stores them.
//!
//! * [`Month`] is the one month type of the library (a DI's month, the month of the hours not
//!   worked), written `YYYY-MM`.
//! * Dates ([`time::Date`]) are written `YYYY-MM-DD` ([`parse_date`], [`format_date`]).
//! * Instants ([`time::OffsetDateTime`]) are RFC 3339 text **with their UTC offset kept**
//!   ([`parse_instant`], [`format_instant`]): the procedure counts days on the establishment's
//!   local date, read from the offset of `now` ([`local_date`]).
//! * An instant is **storable** when RFC 3339 can write it: a year from 0000 to 9999 and an
//!   offset of whole minutes under 24 hours ([`check_instant`]). Every machine refuses any other
//!   `now` up front rather than return a snapshot that cannot be written (design §3).
//!
//! Every parser here returns a [`ValueError`] (family `input`) with the same code in every
//! front end: `VALUE_INVALID_MONTH`, `VALUE_INVALID_DATE`, `VALUE_INVALID_INSTANT`.
//!
//! ```
//! use apart::calendar::{Month, parse_date, parse_instant, format_instant, local_date};
//!
//! let m: Month = "2026-01".parse()?;
//! assert_eq!(m.last_day(), parse_date("2026-01-31")?);
//! let now = parse_instant("2026-01-31T23:30:00-04:00")?; // Guadeloupe
//! assert_eq!(local_date(now).to_string(), "2026-01-31");
//! assert_eq!(format_instant(now), "2026-01-31T23:30:00-04:00");
//! assert_eq!(apart::Diagnostic::code(&parse_date("2026-02-30").unwrap_err()), "VALUE_INVALID_DATE");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::str::FromStr;

use ::serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::{Date, Duration, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use crate::value::{ValueError, de_error};

/// A calendar month: every indemnity claim (DI) is monthly.
///
/// Invariant: the year is in `1900..=9999`, so the first and last days always exist.
/// Written `YYYY-MM` in text and JSON.
///
/// ```
/// use apart::calendar::Month;
/// let m: Month = "2026-01".parse()?;
/// assert_eq!(m.first_day().to_string(), "2026-01-01");
/// assert_eq!(m.last_day().to_string(), "2026-01-31");
/// assert_eq!(m.next().to_string(), "2026-02");
/// assert!("2026-13".parse::<Month>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, eq, ord, hash, str, module = "apart.money")
)]
pub struct Month {
    first: Date,
}

impl Month {
    /// The month `year`-`month` (`month` in `1..=12`).
    ///
    /// # Errors
    ///
    /// [`ValueError::InvalidMonth`] when the month is not in `1..=12` or the year not in
    /// `1900..=9999`.
    ///
    /// ```
    /// use apart::calendar::Month;
    /// assert_eq!(Month::new(2026, 1)?.to_string(), "2026-01");
    /// assert!(Month::new(2026, 0).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(year: i32, month: u8) -> Result<Month, ValueError> {
        let invalid = || ValueError::invalid_month(&format!("{year:04}-{month:02}"));
        if !(1900..=9999).contains(&year) {
            return Err(invalid());
        }
        let m = time::Month::try_from(month).map_err(|_| invalid())?;
        let first = Date::from_calendar_date(year, m, 1).map_err(|_| invalid())?;
        Ok(Month { first })
    }

    /// The month containing `date`.
    ///
    /// ```
    /// use apart::calendar::{Month, parse_date};
    /// assert_eq!(Month::of(parse_date("2024-02-29")?).to_string(), "2024-02");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn of(date: Date) -> Month {
        Month {
            first: date.replace_day(1).unwrap_or(date),
        }
    }

    /// The year.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::calendar::Month;
    /// assert_eq!("2026-01".parse::<Month>()?.year(), 2026);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn year(self) -> i32 {
        self.first.year()
    }

    /// The month number, `1..=12`.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::calendar::Month;
    /// assert_eq!("2026-03".parse::<Month>()?.month(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn month(self) -> u8 {
        u8::from(self.first.month())
    }

    /// The first day of the month.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::calendar::Month;
    /// use time::macros::date;
    /// assert_eq!(Month::new(2026, 2)?.first_day(), date!(2026-02-01));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn first_day(self) -> Date {
        self.first
    }

    /// The last day of the month.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::calendar::Month;
    /// use time::macros::date;
    /// assert_eq!(Month::new(2024, 2)?.last_day(), date!(2024-02-29)); // leap year
    /// assert_eq!(Month::new(2026, 2)?.last_day(), date!(2026-02-28));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn last_day(self) -> Date {
        let days = self.first.month().length(self.first.year());
        self.first.replace_day(days).unwrap_or(self.first)
    }

    /// Whether `date` falls in this month.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::calendar::Month;
    /// use time::macros::date;
    /// let january = Month::new(2026, 1)?;
    /// assert!(january.contains(date!(2026-01-31)));
    /// assert!(!january.contains(date!(2026-02-01)));
    /// assert!(!january.contains(date!(2025-01-15))); // same month, another year
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn contains(self, date: Date) -> bool {
        date.year() == self.first.year() && date.month() == self.first.month()
    }

    /// The following month (December 9999 has none: itself).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::calendar::Month;
    /// assert_eq!(Month::new(2025, 12)?.next(), Month::new(2026, 1)?);
    /// let last = Month::new(9999, 12)?;
    /// assert_eq!(last.next(), last);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn next(self) -> Month {
        self.last_day()
            .next_day()
            .filter(|d| d.year() <= 9999)
            .map_or(self, Month::of)
    }

    /// The previous month (January 1900 has none: itself).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::calendar::Month;
    /// assert_eq!(Month::new(2026, 1)?.previous().to_string(), "2025-12");
    /// let first = Month::new(1900, 1)?;
    /// assert_eq!(first.previous(), first);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn previous(self) -> Month {
        self.first
            .previous_day()
            .filter(|d| d.year() >= 1900)
            .map_or(self, Month::of)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

impl FromStr for Month {
    type Err = ValueError;
    /// Reads `YYYY-MM` exactly (four digits, a dash, two digits).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let invalid = || ValueError::invalid_month(s);
        let (y, m) = s.split_once('-').ok_or_else(invalid)?;
        if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        let year: i32 = y.parse().map_err(|_| invalid())?;
        let month: u8 = m.parse().map_err(|_| invalid())?;
        Month::new(year, month).map_err(|_| invalid())
    }
}

impl Serialize for Month {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        text.parse().map_err(de_error)
    }
}

/// Reads a date written `YYYY-MM-DD` (a year of four digits; the day must exist).
///
/// # Errors
///
/// [`ValueError::InvalidDate`] (`VALUE_INVALID_DATE`) otherwise.
///
/// ```
/// use apart::calendar::parse_date;
/// assert_eq!(parse_date("2024-02-29")?.to_string(), "2024-02-29");
/// assert!(parse_date("2023-02-29").is_err());
/// assert!(parse_date("2024-2-29").is_err());
/// assert!(parse_date(" 2024-02-29").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_date(text: &str) -> Result<Date, ValueError> {
    let invalid = || ValueError::invalid_date(text);
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape {
        return Err(invalid());
    }
    let number = |range: std::ops::Range<usize>| -> Result<u16, ValueError> {
        text.get(range)
            .and_then(|s| s.parse().ok())
            .ok_or_else(invalid)
    };
    let year = i32::from(number(0..4)?);
    let month = u8::try_from(number(5..7)?).map_err(|_| invalid())?;
    let day = u8::try_from(number(8..10)?).map_err(|_| invalid())?;
    let month = time::Month::try_from(month).map_err(|_| invalid())?;
    Date::from_calendar_date(year, month, day).map_err(|_| invalid())
}

/// Writes a date as `YYYY-MM-DD`.
///
/// ```
/// use time::macros::date;
/// assert_eq!(apart::calendar::format_date(date!(2026 - 01 - 05)), "2026-01-05");
/// ```
pub fn format_date(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Whether `date` can be written and read back as `YYYY-MM-DD`: a year from 0000 to 9999.
/// Records that keep a date a caller built (a period, a payment day) check it with this.
///
/// ```
/// use time::macros::date;
/// assert!(apart::calendar::is_storable_date(date!(2026 - 01 - 31)));
/// assert!(!apart::calendar::is_storable_date(date!(-0001 - 12 - 31)));
/// ```
pub fn is_storable_date(date: Date) -> bool {
    (0..=9999).contains(&date.year())
}

/// Why an instant cannot be stored, or `Ok` when RFC 3339 can write it: a year from 0000 to
/// 9999 (in its own offset) and an offset of whole minutes under 24 hours.
///
/// # Errors
///
/// [`ValueError::InvalidInstant`] (`VALUE_INVALID_INSTANT`), naming the reason.
///
/// ```
/// use apart::calendar::check_instant;
/// use time::macros::datetime;
/// assert!(check_instant(datetime!(2026-01-01 12:00 +05:30)).is_ok());
/// assert!(check_instant(datetime!(2026-01-01 12:00 +05:30:15)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check_instant(at: OffsetDateTime) -> Result<OffsetDateTime, ValueError> {
    let offset = at.offset();
    let reason = if offset.seconds_past_minute() != 0 {
        Some("offset_seconds")
    } else if offset.whole_hours().unsigned_abs() > 23 {
        Some("offset_range")
    } else if !(0..=9999).contains(&at.year()) {
        Some("year_range")
    } else {
        None
    };
    match reason {
        None => Ok(at),
        Some(reason) => Err(ValueError::InvalidInstant {
            field: None,
            input: describe(at),
            reason: reason.into(),
        }),
    }
}

/// A debug-ish text of an instant that RFC 3339 may not be able to write.
fn describe(at: OffsetDateTime) -> String {
    let o = at.offset();
    format!(
        "{} {:+03}:{:02}:{:02}",
        at.date(),
        o.whole_hours(),
        o.minutes_past_hour().unsigned_abs(),
        o.seconds_past_minute().unsigned_abs()
    )
}

/// Reads an RFC 3339 instant, keeping its offset (`2026-03-02T10:00:00+01:00`).
///
/// # Errors
///
/// [`ValueError::InvalidInstant`] when the text is not RFC 3339 or the instant cannot be
/// stored ([`check_instant`]).
///
/// ```
/// use apart::calendar::parse_instant;
/// let at = parse_instant("2026-03-02T10:00:00.5+01:00")?;
/// assert_eq!(at.offset().whole_hours(), 1);
/// assert!(parse_instant("2026-03-02 10:00").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_instant(text: &str) -> Result<OffsetDateTime, ValueError> {
    let at = OffsetDateTime::parse(text, &Rfc3339).map_err(|_| ValueError::InvalidInstant {
        field: None,
        input: crate::diagnostic::quote(text),
        reason: "rfc3339".into(),
    })?;
    check_instant(at)
}

/// Writes an instant as RFC 3339 with its offset. An instant that cannot be stored (see
/// [`check_instant`]) is written in UTC when that helps, else as a descriptive text: callers
/// refuse such instants before they reach a record.
///
/// ```
/// use time::macros::datetime;
/// assert_eq!(apart::calendar::format_instant(datetime!(2026-01-01 9:05 +1)), "2026-01-01T09:05:00+01:00");
/// ```
pub fn format_instant(at: OffsetDateTime) -> String {
    at.format(&Rfc3339)
        .or_else(|_| at.to_offset(time::UtcOffset::UTC).format(&Rfc3339))
        .unwrap_or_else(|_| describe(at))
}

/// The day an instant at midnight UTC stands for: how the JavaScript front ends read a `Date`
/// given for a day (`new Date('2022-03-01')` is 2022-03-01T00:00Z). Any other instant is not a
/// day: `VALUE_INVALID_DATE`.
///
/// ```
/// use time::macros::datetime;
/// use apart::calendar::day_of_midnight_utc;
/// assert_eq!(day_of_midnight_utc(datetime!(2022-03-01 00:00 UTC))?.to_string(), "2022-03-01");
/// assert!(day_of_midnight_utc(datetime!(2022-03-01 15:00 UTC)).is_err());
/// assert!(day_of_midnight_utc(datetime!(2022-03-01 00:00 +1)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// `VALUE_INVALID_DATE` quoting the instant, when it is not midnight UTC.
pub fn day_of_midnight_utc(at: OffsetDateTime) -> Result<Date, ValueError> {
    if at.offset() == UtcOffset::UTC && at.time() == Time::MIDNIGHT {
        Ok(at.date())
    } else {
        Err(ValueError::invalid_date(&format_instant(at)))
    }
}

/// The local calendar date of `at` in its own UTC offset: the establishment's date when the
/// caller passes `now` with the establishment's offset.
///
/// ```
/// use time::macros::datetime;
/// assert_eq!(apart::calendar::local_date(datetime!(2026-01-31 23:30 -4)).to_string(), "2026-01-31");
/// ```
pub fn local_date(at: OffsetDateTime) -> Date {
    at.date()
}

/// `at + d`, or the last representable instant: no arithmetic on caller instants may panic.
///
/// ```
/// use time::{Duration, macros::datetime};
/// let far = apart::calendar::saturating_add(datetime!(9999-12-31 23:00 UTC), Duration::days(2));
/// assert_eq!(far.year(), 9999);
/// ```
pub fn saturating_add(at: OffsetDateTime, d: Duration) -> OffsetDateTime {
    at.checked_add(d)
        .unwrap_or_else(|| PrimitiveDateTime::MAX.assume_utc())
}

/// `at - d`, or the first representable instant.
///
/// # Example
///
/// ```
/// use apart::calendar::saturating_sub;
/// use time::{Duration, macros::datetime};
/// let at = datetime!(2026-03-02 10:00 +1);
/// assert_eq!(saturating_sub(at, Duration::days(30)), datetime!(2026-01-31 10:00 +1));
/// let far = saturating_sub(datetime!(-9999-01-01 01:00 UTC), Duration::days(2));
/// assert_eq!(far, time::PrimitiveDateTime::MIN.assume_utc());
/// ```
pub fn saturating_sub(at: OffsetDateTime, d: Duration) -> OffsetDateTime {
    at.checked_sub(d)
        .unwrap_or_else(|| PrimitiveDateTime::MIN.assume_utc())
}

/// 00:00 on `date` at `offset`: when a deadline counted in local days takes effect.
///
/// ```
/// use time::macros::{date, datetime, offset};
/// assert_eq!(apart::calendar::start_of_day(date!(2021-03-26), offset!(-4)), datetime!(2021-03-26 00:00 -4));
/// ```
pub fn start_of_day(date: Date, offset: UtcOffset) -> OffsetDateTime {
    date.with_time(Time::MIDNIGHT).assume_offset(offset)
}

/// `date` moved by `months` calendar months, the day clamped to the end of a shorter month
/// (2021-08-31 + 1 month = 2021-09-30). `None` outside the supported range.
///
/// ```
/// use apart::calendar::add_months;
/// use time::macros::date;
/// assert_eq!(add_months(date!(2021-08-31), 1), Some(date!(2021-09-30)));
/// assert_eq!(add_months(date!(2022-03-31), -12), Some(date!(2021-03-31)));
/// ```
pub fn add_months(date: Date, months: i32) -> Option<Date> {
    let index = date
        .year()
        .checked_mul(12)?
        .checked_add(i32::from(u8::from(date.month())) - 1)?;
    let target = index.checked_add(months)?;
    let year = target.div_euclid(12);
    let month = u8::try_from(target.rem_euclid(12) + 1).ok()?;
    let month = time::Month::try_from(month).ok()?;
    let day = date.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).ok()
}

/// The last day of a period of `months` months starting on `start` (the day before
/// `start + months`).
///
/// ```
/// use time::macros::date;
/// assert_eq!(apart::calendar::last_day_of_months(date!(2022-01-15), 3), Some(date!(2022-04-14)));
/// ```
pub fn last_day_of_months(start: Date, months: u8) -> Option<Date> {
    add_months(start, i32::from(months))?.previous_day()
}

/// Serde adapters for dates and instants in the library's text forms, with typed errors
/// (`VALUE_INVALID_DATE`, `VALUE_INVALID_INSTANT`) for [`crate::value::from_json`].
///
/// ```
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Row {
///     #[serde(with = "apart::calendar::serde::date")]
///     from: time::Date,
///     #[serde(with = "apart::calendar::serde::instant")]
///     at: time::OffsetDateTime,
/// }
/// let row: Row = apart::value::from_json(r#"{"from":"2026-01-01","at":"2026-01-01T00:00:00+01:00"}"#)?;
/// assert_eq!(serde_json::to_string(&row)?, r#"{"from":"2026-01-01","at":"2026-01-01T00:00:00+01:00"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub mod serde {
    /// `YYYY-MM-DD`.
    pub mod date {
        use serde::{Deserialize, Deserializer, Serializer};
        use time::Date;

        /// Writes `YYYY-MM-DD`.
        ///
        /// # Example
        ///
        /// ```
        /// use time::macros::date;
        /// #[derive(Debug, serde::Serialize, serde::Deserialize)]
        /// struct Period {
        ///     #[serde(with = "apart::calendar::serde::date")]
        ///     from: time::Date,
        /// }
        /// let json = serde_json::to_string(&Period { from: date!(2026-01-05) })?;
        /// assert_eq!(json, r#"{"from":"2026-01-05"}"#);
        /// assert_eq!(serde_json::from_str::<Period>(&json)?.from, date!(2026-01-05));
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        pub fn serialize<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_str(&super::super::format_date(*date))
        }

        /// Reads `YYYY-MM-DD`.
        ///
        /// # Example
        ///
        /// ```
        /// use apart::{Diagnostic, value::from_json};
        /// use time::macros::date;
        /// #[derive(Debug, serde::Serialize, serde::Deserialize)]
        /// struct Period {
        ///     #[serde(with = "apart::calendar::serde::date")]
        ///     from: time::Date,
        /// }
        /// let period: Period = from_json(r#"{"from":"2024-02-29"}"#)?;
        /// assert_eq!(period.from, date!(2024-02-29));
        /// assert_eq!(serde_json::to_string(&period)?, r#"{"from":"2024-02-29"}"#);
        /// let err = from_json::<Period>(r#"{"from":"2023-02-29"}"#).unwrap_err();
        /// assert_eq!((err.code(), err.field()), ("VALUE_INVALID_DATE", Some("from")));
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
            let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
            super::super::parse_date(&text).map_err(crate::value::de_error)
        }
    }

    /// An optional `YYYY-MM-DD` (`null` or absent with `#[serde(default)]`).
    pub mod option_date {
        use serde::{Deserialize, Deserializer, Serializer};
        use time::Date;

        /// Writes `YYYY-MM-DD` or `null`.
        ///
        /// # Example
        ///
        /// ```
        /// use time::macros::date;
        /// #[derive(Debug, serde::Serialize, serde::Deserialize)]
        /// struct Payment {
        ///     #[serde(with = "apart::calendar::serde::option_date", default)]
        ///     paid_on: Option<time::Date>,
        /// }
        /// let paid = serde_json::to_string(&Payment { paid_on: Some(date!(2026-02-10)) })?;
        /// assert_eq!(paid, r#"{"paid_on":"2026-02-10"}"#);
        /// assert_eq!(serde_json::to_string(&Payment { paid_on: None })?, r#"{"paid_on":null}"#);
        /// assert_eq!(serde_json::from_str::<Payment>(&paid)?.paid_on, Some(date!(2026-02-10)));
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        pub fn serialize<S: Serializer>(
            date: &Option<Date>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match date {
                Some(d) => serializer.collect_str(&super::super::format_date(*d)),
                None => serializer.serialize_none(),
            }
        }

        /// Reads `YYYY-MM-DD` or `null`.
        ///
        /// # Example
        ///
        /// ```
        /// use apart::{Diagnostic, value::from_json};
        /// use time::macros::date;
        /// #[derive(Debug, serde::Serialize, serde::Deserialize)]
        /// struct Payment {
        ///     #[serde(with = "apart::calendar::serde::option_date", default)]
        ///     paid_on: Option<time::Date>,
        /// }
        /// let paid: Payment = from_json(r#"{"paid_on":"2026-02-10"}"#)?;
        /// assert_eq!(paid.paid_on, Some(date!(2026-02-10)));
        /// assert_eq!(from_json::<Payment>(r#"{"paid_on":null}"#)?.paid_on, None);
        /// assert_eq!(from_json::<Payment>("{}")?.paid_on, None); // absent, with `default`
        /// let err = from_json::<Payment>(r#"{"paid_on":"10/02/2026"}"#).unwrap_err();
        /// assert_eq!((err.code(), err.field()), ("VALUE_INVALID_DATE", Some("paid_on")));
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Date>, D::Error> {
            let text = Option::<std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
            text.map(|t| super::super::parse_date(&t).map_err(crate::value::de_error))
                .transpose()
        }
    }

    /// An RFC 3339 instant with its offset; unstorable instants are refused both ways.
    pub mod instant {
        use serde::{Deserialize, Deserializer, Serializer};
        use time::OffsetDateTime;

        /// Writes RFC 3339; an instant [`check_instant`](super::super::check_instant) refuses
        /// is a serialisation error, never a silent `null`.
        ///
        /// # Example
        ///
        /// ```
        /// use time::macros::datetime;
        /// #[derive(Debug, serde::Serialize, serde::Deserialize)]
        /// struct Stamp {
        ///     #[serde(with = "apart::calendar::serde::instant")]
        ///     at: time::OffsetDateTime,
        /// }
        /// let json = serde_json::to_string(&Stamp { at: datetime!(2026-03-02 10:00 +1) })?;
        /// assert_eq!(json, r#"{"at":"2026-03-02T10:00:00+01:00"}"#);
        /// assert_eq!(serde_json::from_str::<Stamp>(&json)?.at, datetime!(2026-03-02 10:00 +1));
        /// // An offset with seconds cannot be written in RFC 3339: refused.
        /// assert!(serde_json::to_string(&Stamp { at: datetime!(2026-03-02 10:00 +01:00:30) }).is_err());
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        pub fn serialize<S: Serializer>(
            at: &OffsetDateTime,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            let at = super::super::check_instant(*at).map_err(crate::value::ser_error)?;
            serializer.collect_str(&super::super::format_instant(at))
        }

        /// Reads RFC 3339.
        ///
        /// # Example
        ///
        /// ```
        /// use apart::{Diagnostic, value::from_json};
        /// #[derive(Debug, serde::Serialize, serde::Deserialize)]
        /// struct Stamp {
        ///     #[serde(with = "apart::calendar::serde::instant")]
        ///     at: time::OffsetDateTime,
        /// }
        /// let stamp: Stamp = from_json(r#"{"at":"2026-01-31T23:30:00-04:00"}"#)?;
        /// assert_eq!(stamp.at.offset().whole_hours(), -4); // the offset is kept
        /// assert_eq!(serde_json::to_string(&stamp)?, r#"{"at":"2026-01-31T23:30:00-04:00"}"#);
        /// let err = from_json::<Stamp>(r#"{"at":"2026-01-31T23:30:00"}"#).unwrap_err(); // no offset
        /// assert_eq!((err.code(), err.field()), ("VALUE_INVALID_INSTANT", Some("at")));
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<OffsetDateTime, D::Error> {
            let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
            super::super::parse_instant(&text).map_err(crate::value::de_error)
        }
    }

    /// A list of RFC 3339 instants.
    pub mod instants {
        use serde::{Deserialize, Deserializer, Serialize, Serializer};
        use time::OffsetDateTime;

        #[derive(Serialize, Deserialize)]
        #[serde(transparent)]
        struct One(#[serde(with = "super::instant")] OffsetDateTime);

        /// Writes each instant as RFC 3339.
        ///
        /// # Example
        ///
        /// ```
        /// use time::macros::datetime;
        /// #[derive(Debug, serde::Serialize, serde::Deserialize)]
        /// struct Asked {
        ///     #[serde(with = "apart::calendar::serde::instants")]
        ///     at: Vec<time::OffsetDateTime>,
        /// }
        /// let json = serde_json::to_string(&Asked { at: vec![datetime!(2026-03-02 10:00 +1)] })?;
        /// assert_eq!(json, r#"{"at":["2026-03-02T10:00:00+01:00"]}"#);
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        pub fn serialize<S: Serializer>(
            at: &[OffsetDateTime],
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(at.iter().map(|t| One(*t)))
        }

        /// Reads a list of RFC 3339 instants.
        ///
        /// # Example
        ///
        /// ```
        /// use apart::{Diagnostic, value::from_json};
        /// #[derive(Debug, serde::Serialize, serde::Deserialize)]
        /// struct Asked {
        ///     #[serde(with = "apart::calendar::serde::instants")]
        ///     at: Vec<time::OffsetDateTime>,
        /// }
        /// assert_eq!(from_json::<Asked>(r#"{"at":["2026-03-02T10:00:00Z"]}"#)?.at.len(), 1);
        /// let err = from_json::<Asked>(r#"{"at":["2026-03-02"]}"#).unwrap_err();
        /// assert_eq!(err.code(), "VALUE_INVALID_INSTANT");
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Vec<OffsetDateTime>, D::Error> {
            let all = Vec::<One>::deserialize(deserializer)?;
            Ok(all.into_iter().map(|One(t)| t).collect())
        }
    }

    /// An optional RFC 3339 instant.
    pub mod option_instant {
        use serde::{Deserialize, Deserializer, Serializer};
        use time::OffsetDateTime;

        /// Writes RFC 3339 or `null`.
        ///
        /// # Example
        ///
        /// ```
        /// use time::macros::datetime;
        /// #[derive(Debug, serde::Serialize, serde::Deserialize)]
        /// struct Decision {
        ///     #[serde(with = "apart::calendar::serde::option_instant", default)]
        ///     decided_at: Option<time::OffsetDateTime>,
        /// }
        /// let decided = Decision { decided_at: Some(datetime!(2026-03-02 10:00 +1)) };
        /// let json = serde_json::to_string(&decided)?;
        /// assert_eq!(json, r#"{"decided_at":"2026-03-02T10:00:00+01:00"}"#);
        /// assert_eq!(serde_json::to_string(&Decision { decided_at: None })?, r#"{"decided_at":null}"#);
        /// assert_eq!(serde_json::from_str::<Decision>(&json)?.decided_at, decided.decided_at);
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        pub fn serialize<S: Serializer>(
            at: &Option<OffsetDateTime>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match at {
                Some(at) => super::instant::serialize(at, serializer),
                None => serializer.serialize_none(),
            }
        }

        /// Reads RFC 3339 or `null`.
        ///
        /// # Example
        ///
        /// ```
        /// use apart::{Diagnostic, value::from_json};
        /// use time::macros::datetime;
        /// #[derive(Debug, serde::Serialize, serde::Deserialize)]
        /// struct Decision {
        ///     #[serde(with = "apart::calendar::serde::option_instant", default)]
        ///     decided_at: Option<time::OffsetDateTime>,
        /// }
        /// let json = r#"{"decided_at":"2026-03-02T10:00:00+01:00"}"#;
        /// assert_eq!(from_json::<Decision>(json)?.decided_at, Some(datetime!(2026-03-02 10:00 +1)));
        /// assert_eq!(from_json::<Decision>(r#"{"decided_at":null}"#)?.decided_at, None);
        /// let err = from_json::<Decision>(r#"{"decided_at":"2026-03-02T10:00:00+24:00"}"#).unwrap_err();
        /// assert_eq!((err.code(), err.field()), ("VALUE_INVALID_INSTANT", Some("decided_at")));
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<OffsetDateTime>, D::Error> {
            let text = Option::<std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
            text.map(|t| super::super::parse_instant(&t).map_err(crate::value::de_error))
                .transpose()
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::diagnostic::Diagnostic;
    use time::macros::{date, datetime};

    #[test]
    fn add_months_clamps() {
        assert_eq!(
            add_months(date!(2020 - 02 - 29), 12),
            Some(date!(2021 - 02 - 28))
        );
        assert_eq!(
            add_months(date!(2021 - 01 - 31), 1),
            Some(date!(2021 - 02 - 28))
        );
        assert_eq!(
            add_months(date!(2021 - 01 - 15), -13),
            Some(date!(2019 - 12 - 15))
        );
        assert_eq!(add_months(Date::MAX, 1), None);
        assert_eq!(add_months(Date::MIN, i32::MIN), None);
    }

    #[test]
    fn months() {
        let m: Month = "2024-02".parse().unwrap();
        assert_eq!(m.last_day().day(), 29);
        assert_eq!(m.to_string(), "2024-02");
        for bad in [
            "2024-2",
            "0999-01",
            "2024-13",
            "2024-00",
            " 2024-01",
            "2024-01 ",
            "２０２４-01",
        ] {
            let err = bad.parse::<Month>().unwrap_err();
            assert_eq!(err.code(), "VALUE_INVALID_MONTH", "{bad}");
        }
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, "\"2024-02\"");
        assert_eq!(serde_json::from_str::<Month>(&json).unwrap(), m);
        assert_eq!(
            Month::new(9999, 12).unwrap().next(),
            Month::new(9999, 12).unwrap()
        );
        assert_eq!(
            Month::new(1900, 1).unwrap().previous(),
            Month::new(1900, 1).unwrap()
        );
        assert_eq!(Month::new(2025, 12).unwrap().next().to_string(), "2026-01");
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("0000-01-01").unwrap().year(), 0);
        assert_eq!(parse_date("9999-12-31").unwrap(), date!(9999 - 12 - 31));
        for bad in [
            "",
            "2024-02-30",
            "2024-1-01",
            "+2024-01-01",
            "2024/01/01",
            "2024-01-01T00",
        ] {
            assert_eq!(
                parse_date(bad).unwrap_err().code(),
                "VALUE_INVALID_DATE",
                "{bad}"
            );
        }
    }

    #[test]
    fn instants() {
        for bad in [
            "2026-01-01",
            "2026-01-01T00:00:00",
            "2026-01-01T00:00:00+24:00",
            "2026-13-01T00:00:00Z",
        ] {
            assert_eq!(
                parse_instant(bad).unwrap_err().code(),
                "VALUE_INVALID_INSTANT",
                "{bad}"
            );
        }
        assert!(check_instant(datetime!(2026-01-01 0:00 +25:59:59)).is_err());
        assert!(check_instant(datetime!(-9999-01-01 0:00 UTC)).is_err());
        assert!(check_instant(datetime!(9999-12-31 23:59:59.999 UTC)).is_ok());
        let at = datetime!(2026-03-02 10:00:00.123 -09:30);
        assert_eq!(parse_instant(&format_instant(at)).unwrap(), at);
        assert_eq!(
            parse_instant(&format_instant(at)).unwrap().offset(),
            at.offset()
        );
    }
}
