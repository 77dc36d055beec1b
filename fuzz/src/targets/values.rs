//! The value vocabulary on arbitrary text and bytes: `apart::value` (decimals of every kind,
//! spellings), `apart::calendar` (months, dates, instants, the storable range) and
//! `apart::money` (euros, hours, hourly amounts, rates and their arithmetic).
//!
//! Checks: no panic; every error renders short; parse → format → parse gives the value back
//! (decimals keep their value, months/dates/instants their text, instants their offset); an
//! instant `check_instant` accepts can be written and read back; a spelling is accepted only in
//! its canonical or kebab-case form; checked arithmetic never panics and agrees with itself.

use crate::{CheckedOnce, check_diagnostic, text};
use apart::calendar::{
    Month, check_instant, format_date, format_instant, local_date, parse_date, parse_instant,
    saturating_add, saturating_sub,
};
use apart::money::{Euros, HourlyAmount, Hours, Rate, RoundingPolicy, round_cents};
use apart::value::{DecimalKind, ValueError, parse_decimal};
use rust_decimal::Decimal;
use time::{Duration, OffsetDateTime, UtcOffset};

const KINDS: [DecimalKind; 6] = [
    DecimalKind::Amount,
    DecimalKind::Hours,
    DecimalKind::HourlyAmount,
    DecimalKind::Rate,
    DecimalKind::Days,
    DecimalKind::Decimal,
];

fn decimals(input: &str, checked: &mut CheckedOnce<ValueError>) {
    for kind in KINDS {
        match parse_decimal(kind, input) {
            Ok(d) => {
                assert_eq!(parse_decimal(kind, &d.to_string()), Ok(d), "{input:?}");
                // The decimal comma reads the same value.
                let comma = d.to_string().replace('.', ",");
                assert_eq!(parse_decimal(kind, &comma), Ok(d));
                let _ = round_cents(d);
                assert_eq!(round_cents(round_cents(d)), round_cents(d));
            }
            Err(e) => checked.check(&e),
        }
    }
}

macro_rules! newtype {
    ($t:ty, $input:expr, $checked:expr) => {
        match $input.parse::<$t>() {
            Ok(v) => {
                assert_eq!(v.to_string().parse::<$t>(), Ok(v));
                let json = serde_json::to_string(&v).expect("a decimal serialises");
                assert_eq!(serde_json::from_str::<$t>(&json).ok(), Some(v), "{json}");
                assert_eq!(v.rounded().rounded(), v.rounded());
                match v.checked_add(v) {
                    Ok(sum) => assert_eq!(sum.checked_sub(v), Ok(v)),
                    Err(e) => check_diagnostic(&e),
                }
                let _ = (v + v, v - v, v.is_negative());
                Some(v)
            }
            Err(e) => {
                $checked.check(&e);
                None
            }
        }
    };
}

fn money(input: &str, checked: &mut CheckedOnce<ValueError>) {
    let euros = newtype!(Euros, input, checked);
    let hours = newtype!(Hours, input, checked);
    let hourly = newtype!(HourlyAmount, input, checked);
    let rate = newtype!(Rate, input, checked);
    if let Some(rate) = rate {
        let text = rate.to_percent_string();
        assert!(text.ends_with(" %"));
        match rate.as_percent() {
            Ok(p) => {
                assert_eq!(text, format!("{p} %"));
                // Back from the percentage: the same rate, when it fits.
                if p.scale() <= 26 {
                    assert_eq!(Rate::from_percent(p).get(), rate.get().normalize());
                }
            }
            Err(e) => check_diagnostic(&e),
        }
        if let Some(h) = hourly
            && let Err(e) = rate.of_hourly(h)
        {
            check_diagnostic(&e);
        }
        if let Some(e) = euros
            && let Err(e) = rate.of(e)
        {
            check_diagnostic(&e);
        }
    }
    if let (Some(h), Some(hourly)) = (hours, hourly) {
        match hourly.checked_times(h) {
            Ok(product) => assert_eq!(product, hourly * h),
            Err(e) => check_diagnostic(&e),
        }
        if let Some(e) = euros {
            let _ = e / h;
        }
    }
}

fn months_and_dates(input: &str) {
    match input.parse::<Month>() {
        Ok(m) => {
            assert_eq!(m.to_string(), input, "a month has one spelling");
            assert_eq!(Month::new(m.year(), m.month()), Ok(m));
            assert!(m.contains(m.first_day()) && m.contains(m.last_day()));
            assert!(m.next() >= m && m.previous() <= m);
            assert_eq!(Month::of(m.last_day()), m);
            let json = serde_json::to_string(&m).expect("a month serialises");
            assert_eq!(serde_json::from_str::<Month>(&json).ok(), Some(m));
        }
        Err(e) => check_diagnostic(&e),
    }
    match parse_date(input) {
        Ok(d) => {
            assert_eq!(format_date(d), input, "a date has one spelling");
            assert!(Month::of(d).contains(d));
        }
        Err(e) => check_diagnostic(&e),
    }
    match parse_instant(input) {
        Ok(at) => {
            let written = format_instant(at);
            let back = parse_instant(&written).expect("a written instant reads back");
            assert_eq!(back, at);
            assert_eq!(back.offset(), at.offset(), "the offset is kept");
            let _ = local_date(at);
        }
        Err(e) => check_diagnostic(&e),
    }
}

/// An instant from raw bytes: any representable instant and any offset `time` allows
/// (including those RFC 3339 cannot write), as a caller's `now` may be.
fn instant(bytes: &[u8]) -> Option<OffsetDateTime> {
    let seconds = i64::from_le_bytes(bytes.get(..8)?.try_into().ok()?);
    let offset = i32::from_le_bytes(bytes.get(8..12)?.try_into().ok()?);
    // ±10 000 years around 1970 covers time's range without wrapping into nonsense.
    let seconds = seconds % (10_000 * 366 * 86_400);
    let utc = OffsetDateTime::from_unix_timestamp(seconds).ok()?;
    let offset = UtcOffset::from_whole_seconds(offset % 93_600).ok()?;
    utc.checked_to_offset(offset)
}

fn instants(bytes: &[u8]) {
    let Some(at) = instant(bytes) else { return };
    match check_instant(at) {
        Ok(_) => {
            let written = format_instant(at);
            let back = parse_instant(&written).expect("a storable instant reads back");
            assert_eq!((back, back.offset()), (at, at.offset()), "{written}");
        }
        Err(e) => {
            check_diagnostic(&e);
            // Still written as something, never a panic.
            let _ = format_instant(at);
        }
    }
    let days = i64::from(bytes.get(12).copied().unwrap_or(0)) * 400;
    let later = saturating_add(at, Duration::days(days));
    let earlier = saturating_sub(at, Duration::days(days));
    assert!(later >= at && earlier <= at);
    let _ = (local_date(later), local_date(earlier));
}

macro_rules! spellings {
    ($input:expr, $($t:ty),* $(,)?) => {$(
        match $input.parse::<$t>() {
            Ok(v) => {
                let canonical = v.as_str();
                assert!($input == canonical || $input == canonical.replace('_', "-"), "{:?}", $input);
                assert_eq!(<$t>::from_spelling(&canonical.replace('_', "-")), Some(v));
                let json = serde_json::to_string(&v).expect("a spelling serialises");
                assert_eq!(json, format!("\"{canonical}\""));
            }
            Err(e) => {
                check_diagnostic(&e);
                assert_eq!(<$t>::from_spelling($input), None);
            }
        }
    )*};
}

fn spellings(input: &str) {
    use apart::account::{Application, EndedBy, Party, Purpose, RevokeReason, Role};
    use apart::machine::Actor;
    use apart::recovery::{PublicOutcome, SilentReason};
    spellings!(
        input,
        Actor,
        RoundingPolicy,
        Application,
        Role,
        Party,
        EndedBy,
        Purpose,
        RevokeReason,
        PublicOutcome,
        SilentReason,
    );
    let _ = Decimal::ZERO;
}

/// One fuzz input.
pub fn run(data: &[u8]) {
    let input = text(data);
    let input = input.as_ref();
    // A money newtype's parser is `parse_decimal` of its kind, and kinds often refuse a text
    // with the same error.
    let mut checked = CheckedOnce::default();
    decimals(input, &mut checked);
    money(input, &mut checked);
    months_and_dates(input);
    spellings(input);
    instants(data);
}
