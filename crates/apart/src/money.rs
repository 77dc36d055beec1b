//! Exact amounts, hours, rates and months, and the one rounding rule of the library.
//!
//! Money, hours and rates never touch `f64`: each is a newtype over [`rust_decimal::Decimal`] so
//! that a rate cannot be added to an amount by mistake (C-NEWTYPE). Values are exact; rounding
//! happens only where the law or the caller's [`RoundingPolicy`] says, through [`round_cents`],
//! which rounds **half away from zero** to the cent (the practice of every published per-hour
//! ceiling: 21 of 21 checks in the spec's `ceilings-check-output.txt`).
//!
//! In JSON every value is a decimal **string** (`"13.19"`), never a number, so that no binding
//! goes through a binary float.
//!
//! # Example
//!
//! ```
//! use apart::money::{Euros, Hours, Rate, round_cents};
//!
//! let gross: Euros = "2000".parse()?;
//! let hours: Hours = "151.67".parse()?;
//! let hourly = gross / hours; // exact: 13.18652...
//! assert_eq!(hourly.rounded().to_string(), "13.19");
//! let rate: Rate = "0.60".parse()?;
//! assert_eq!(rate.to_percent_string(), "60 %");
//! assert_eq!(round_cents("2.345".parse()?).to_string(), "2.35");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::ops::{Add, Div, Mul, Sub};
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::error::{Detail, Diagnostic, Lang, french_display};

/// Rounds to the cent, half away from zero: the only rounding rule of the library.
///
/// `2.345 → 2.35`, `2.344 → 2.34`, `-2.345 → -2.35`. Every rounding step of a computation
/// calls this function and records it in the explanation.
///
/// ```
/// use apart::money::round_cents;
/// use rust_decimal::Decimal;
/// assert_eq!(round_cents(Decimal::new(17_1234, 4)), Decimal::new(1712, 2));
/// assert_eq!(round_cents(Decimal::new(21_315, 3)), Decimal::new(2132, 2));
/// ```
#[inline]
pub fn round_cents(value: Decimal) -> Decimal {
    let scale = value.scale();
    if scale <= 2 {
        return value;
    }
    // Fast path (the hot path of a claim rounds 28-digit quotients): one integer division of
    // the 96-bit mantissa by 10^(scale - 2), then half away from zero on the remainder.
    // Equal to `round_dp_with_strategy(2, MidpointAwayFromZero)`, checked by a property test.
    let mantissa = value.mantissa();
    if let Some(&divisor) = POW10.get((scale - 2) as usize) {
        let quotient = mantissa / divisor;
        let remainder = (mantissa % divisor).abs();
        let rounded = if remainder * 2 >= divisor {
            quotient + mantissa.signum()
        } else {
            quotient
        };
        if let Ok(result) = Decimal::try_from_i128_with_scale(rounded, 2) {
            return result;
        }
    }
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// 10^0 … 10^28 (the largest scale of a `Decimal`).
// Evaluated at compile time: an out-of-bounds index would fail the build, never run.
#[allow(clippy::indexing_slicing)]
const POW10: [i128; 29] = {
    let mut table = [1i128; 29];
    let mut i = 1;
    while i < 29 {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

/// Why a decimal text could not be read as an amount, hours, rate or month.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ValueParseError {
    /// The text is not a plain decimal number such as `2000` or `151.67`.
    InvalidDecimal {
        /// What kind of value was expected (`amount`, `hours`, `rate`).
        kind: &'static str,
        /// The text received.
        input: String,
    },
    /// The text is not a month written `YYYY-MM`.
    InvalidMonth {
        /// The text received.
        input: String,
    },
}

impl Diagnostic for ValueParseError {
    fn code(&self) -> &'static str {
        match self {
            ValueParseError::InvalidDecimal { .. } => "VALUE_INVALID_DECIMAL",
            ValueParseError::InvalidMonth { .. } => "VALUE_INVALID_MONTH",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ValueParseError::InvalidDecimal { kind, input }, Lang::Fr) => {
                format!("valeur décimale invalide pour {kind} : « {input} » (attendu : 151.67)")
            }
            (ValueParseError::InvalidDecimal { kind, input }, _) => {
                format!("invalid decimal for {kind}: '{input}' (expected e.g. 151.67)")
            }
            (ValueParseError::InvalidMonth { input }, Lang::Fr) => {
                format!("mois invalide : « {input} » (attendu : AAAA-MM, par exemple 2026-01)")
            }
            (ValueParseError::InvalidMonth { input }, _) => {
                format!("invalid month: '{input}' (expected YYYY-MM, e.g. 2026-01)")
            }
        }
    }

    fn details(&self) -> Vec<Detail> {
        match self {
            ValueParseError::InvalidDecimal { kind, input } => {
                vec![("kind", (*kind).into()), ("input", input.as_str().into())]
            }
            ValueParseError::InvalidMonth { input } => vec![("input", input.as_str().into())],
        }
    }
}
french_display!(ValueParseError);

/// Parses a plain decimal (`2000`, `151.67`, `-1.5`): no exponent, no thousands separator,
/// a comma accepted as the decimal separator (French habit).
fn parse_decimal(kind: &'static str, input: &str) -> Result<Decimal, ValueParseError> {
    let text = input.trim();
    let plain = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',' || b == b'-' || b == b'+');
    let normalized = text.replace(',', ".");
    match Decimal::from_str_exact(&normalized) {
        Ok(value) if plain => Ok(value.normalize_scale_keep()),
        _ => Err(ValueParseError::InvalidDecimal {
            kind,
            input: input.to_owned(),
        }),
    }
}

/// Keeps the written scale (so `2000.00` prints as written) but drops a negative-zero sign.
trait NormalizeKeep {
    fn normalize_scale_keep(self) -> Self;
}
impl NormalizeKeep for Decimal {
    fn normalize_scale_keep(self) -> Self {
        if self.is_zero() { Decimal::ZERO } else { self }
    }
}

macro_rules! decimal_newtype {
    ($(#[$meta:meta])* $name:ident, $kind:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Decimal);

        impl $name {
            /// Zero.
            pub const ZERO: $name = $name(Decimal::ZERO);

            /// Wraps an exact decimal.
            #[inline]
            pub const fn new(value: Decimal) -> Self {
                $name(value)
            }

            /// The exact decimal value.
            #[inline]
            pub const fn get(self) -> Decimal {
                self.0
            }

            /// This value rounded to the cent, half away from zero ([`round_cents`]).
            #[inline]
            pub fn rounded(self) -> Self {
                $name(round_cents(self.0))
            }

            /// Whether the value is below zero.
            #[inline]
            pub fn is_negative(self) -> bool {
                self.0.is_sign_negative() && !self.0.is_zero()
            }
        }

        impl FromStr for $name {
            type Err = ValueParseError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                parse_decimal($kind, s).map($name)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl From<Decimal> for $name {
            fn from(value: Decimal) -> Self {
                $name(value)
            }
        }

        impl Add for $name {
            type Output = $name;
            #[inline]
            fn add(self, rhs: $name) -> $name {
                $name(self.0 + rhs.0)
            }
        }

        impl Sub for $name {
            type Output = $name;
            #[inline]
            fn sub(self, rhs: $name) -> $name {
                $name(self.0 - rhs.0)
            }
        }
    };
}

decimal_newtype!(
    /// An amount in euros: exact, any number of decimals until rounded with
    /// [`Euros::rounded`]. Results of the library are always rounded to the cent.
    Euros,
    "amount"
);
decimal_newtype!(
    /// A number of hours as decimal hours (`151.67` is 151 h 40 min 12 s), never minutes.
    Hours,
    "hours"
);
decimal_newtype!(
    /// An amount per hour in euros (a rémunération horaire, an indemnity per hour not worked).
    HourlyAmount,
    "hourly amount"
);
decimal_newtype!(
    /// A rate written as a **fraction**: `0.60` is 60 %. Tables, `Display` and JSON use the
    /// fraction; [`Rate::to_percent_string`] prints the percentage (`60 %`) for people.
    Rate,
    "rate"
);

impl Rate {
    /// Builds a rate from a percentage: `Rate::from_percent(60)` is `0.60`.
    ///
    /// ```
    /// use apart::money::Rate;
    /// assert_eq!(Rate::from_percent(36.into()).get().to_string(), "0.36");
    /// ```
    pub fn from_percent(percent: Decimal) -> Rate {
        Rate((percent / Decimal::ONE_HUNDRED).normalize())
    }

    /// The percentage (`0.60` → `60`).
    pub fn as_percent(self) -> Decimal {
        (self.0 * Decimal::ONE_HUNDRED).normalize()
    }

    /// Applies the rate to an hourly amount, exactly.
    #[inline]
    pub fn of_hourly(self, hourly: HourlyAmount) -> HourlyAmount {
        HourlyAmount(self.0 * hourly.0)
    }

    /// Applies the rate to an amount, exactly.
    #[inline]
    pub fn of(self, amount: Euros) -> Euros {
        Euros(self.0 * amount.0)
    }
}

impl Rate {
    /// The rate as a percentage text, `60 %` (French typography: a space before `%`).
    pub fn to_percent_string(self) -> String {
        format!("{} %", self.as_percent())
    }
}

impl Div<Hours> for Euros {
    type Output = HourlyAmount;
    /// Euros per hour, exact. Dividing by zero hours gives zero: callers check hours first.
    #[inline]
    fn div(self, rhs: Hours) -> HourlyAmount {
        HourlyAmount(self.0.checked_div(rhs.0).unwrap_or(Decimal::ZERO))
    }
}

impl Mul<Hours> for HourlyAmount {
    type Output = Euros;
    #[inline]
    fn mul(self, rhs: Hours) -> Euros {
        Euros(self.0 * rhs.0)
    }
}

/// Where rounding to the cent happens in an indemnity computation (spec §2.3).
///
/// Whether the ASP rounds the hourly rate before multiplying by the hours is not published
/// (spec §2.3, UNCONFIRMED): the difference is material (1 199.71 € against 1 200.00 € for a
/// full month at 2 000 €), so it is the caller's choice, shown in every explanation.
///
/// ```
/// use apart::money::RoundingPolicy;
/// assert_eq!(RoundingPolicy::default(), RoundingPolicy::PerHour);
/// assert_eq!("exact".parse::<RoundingPolicy>()?, RoundingPolicy::Exact);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RoundingPolicy {
    /// The published practice: the hourly reference is rounded to the cent; the 4.5 × SMIC
    /// ceiling is applied to it unrounded; the hourly indemnity and the hourly allocation are
    /// each rounded to the cent after ceiling and floor; each is then multiplied by the hours
    /// and rounded to the cent. Reproduces every published per-hour ceiling (17.12 €, not
    /// 17.13 €, in 2022-01).
    #[default]
    PerHour,
    /// No intermediate rounding: the monthly amounts are rounded to the cent at the end
    /// (mon-entreprise's figures, and sources that multiply the monthly pay by a percentage).
    Exact,
}

impl FromStr for RoundingPolicy {
    type Err = ValueParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "per_hour" => Ok(RoundingPolicy::PerHour),
            "exact" => Ok(RoundingPolicy::Exact),
            _ => Err(ValueParseError::InvalidDecimal {
                kind: "rounding policy (per-hour or exact)",
                input: s.to_owned(),
            }),
        }
    }
}

impl RoundingPolicy {
    /// The policy's name as written in JSON and on the command line (`per_hour`, `exact`).
    pub fn as_str(self) -> &'static str {
        match self {
            RoundingPolicy::PerHour => "per_hour",
            RoundingPolicy::Exact => "exact",
        }
    }
}

/// A calendar month: every indemnity claim (DI) is monthly.
///
/// Invariant: the year is in `1900..=9999`, so the first and last days always exist.
/// Written `YYYY-MM` in text and JSON.
///
/// ```
/// use apart::money::Month;
/// let m: Month = "2026-01".parse()?;
/// assert_eq!(m.first_day().to_string(), "2026-01-01");
/// assert_eq!(m.last_day().to_string(), "2026-01-31");
/// assert!("2026-13".parse::<Month>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    first: time::Date,
}

impl Month {
    /// The month `year`-`month` (`month` in `1..=12`).
    ///
    /// # Errors
    ///
    /// [`ValueParseError::InvalidMonth`] when the month is not in `1..=12` or the year not in
    /// `1900..=9999`.
    pub fn new(year: i32, month: u8) -> Result<Month, ValueParseError> {
        let invalid = || ValueParseError::InvalidMonth {
            input: format!("{year:04}-{month:02}"),
        };
        if !(1900..=9999).contains(&year) {
            return Err(invalid());
        }
        let m = time::Month::try_from(month).map_err(|_| invalid())?;
        let first = time::Date::from_calendar_date(year, m, 1).map_err(|_| invalid())?;
        Ok(Month { first })
    }

    /// The month containing `date`.
    pub fn of(date: time::Date) -> Month {
        Month {
            first: date.replace_day(1).unwrap_or(date),
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.first.year()
    }

    /// The month number, `1..=12`.
    pub fn month(self) -> u8 {
        u8::from(self.first.month())
    }

    /// The first day of the month.
    pub fn first_day(self) -> time::Date {
        self.first
    }

    /// The last day of the month.
    pub fn last_day(self) -> time::Date {
        let days = self.first.month().length(self.first.year());
        self.first.replace_day(days).unwrap_or(self.first)
    }

    /// Whether `date` falls in this month.
    pub fn contains(self, date: time::Date) -> bool {
        date.year() == self.first.year() && date.month() == self.first.month()
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

impl FromStr for Month {
    type Err = ValueParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let invalid = || ValueParseError::InvalidMonth {
            input: s.to_owned(),
        };
        let text = s.trim();
        let (y, m) = text.split_once('-').ok_or_else(invalid)?;
        if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        let year: i32 = y.parse().map_err(|_| invalid())?;
        let month: u8 = m.parse().map_err(|_| invalid())?;
        Month::new(year, month).map_err(|_| invalid())
    }
}

impl Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round_cents(dec!(2.345)), dec!(2.35));
        assert_eq!(round_cents(dec!(2.3449999)), dec!(2.34));
        assert_eq!(round_cents(dec!(-2.345)), dec!(-2.35));
        // Spec §4 #2: 70 % × 30.45 = 21.315 → 21.32.
        assert_eq!(round_cents(dec!(21.315)), dec!(21.32));
        // Spec §4 #25: 0.36 × 4.5 × 10.57 = 17.12340 → 17.12 (not 17.13).
        assert_eq!(
            round_cents(dec!(0.36) * dec!(4.5) * dec!(10.57)),
            dec!(17.12)
        );
    }

    proptest::proptest! {
        /// The fast rounding equals rust_decimal's half-away-from-zero rounding.
        #[test]
        fn fast_rounding_matches_rust_decimal(lo in proptest::num::u64::ANY, hi in proptest::num::u32::ANY,
                                              scale in 0u32..=28, negative in proptest::bool::ANY) {
            let mid = (lo >> 32) as u32;
            let v = Decimal::from_parts(lo as u32, mid, hi, negative, scale);
            proptest::prop_assert_eq!(
                round_cents(v),
                v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
            );
        }
    }

    #[test]
    fn fast_rounding_midpoints() {
        for (v, r) in [
            (dec!(0.005), dec!(0.01)),
            (dec!(-0.005), dec!(-0.01)),
            (dec!(0.00499999), dec!(0.00)),
            (dec!(13.186523373112678842223247841), dec!(13.19)),
            (
                dec!(79228162514264337593543950335),
                dec!(79228162514264337593543950335),
            ),
        ] {
            assert_eq!(round_cents(v), r);
        }
    }

    #[test]
    fn parsing_accepts_plain_decimals_only() {
        assert_eq!("151.67".parse::<Hours>().unwrap().get(), dec!(151.67));
        assert_eq!("2000,50".parse::<Euros>().unwrap().get(), dec!(2000.50));
        assert!("1e3".parse::<Euros>().is_err());
        assert!("".parse::<Euros>().is_err());
        assert!("12 000".parse::<Euros>().is_err());
        assert!("NaN".parse::<Rate>().is_err());
        assert_eq!("-0".parse::<Euros>().unwrap(), Euros::ZERO);
    }

    #[test]
    fn months() {
        let m: Month = "2024-02".parse().unwrap();
        assert_eq!(m.last_day().day(), 29);
        assert_eq!(m.to_string(), "2024-02");
        assert!("2024-2".parse::<Month>().is_err());
        assert!("0999-01".parse::<Month>().is_err());
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, "\"2024-02\"");
        assert_eq!(serde_json::from_str::<Month>(&json).unwrap(), m);
    }

    #[test]
    fn serde_uses_strings() {
        let e: Euros = "1199.71".parse().unwrap();
        assert_eq!(serde_json::to_string(&e).unwrap(), "\"1199.71\"");
        assert_eq!(serde_json::from_str::<Euros>("\"1199.71\"").unwrap(), e);
    }

    #[test]
    fn rate_percent() {
        let r = Rate::from_percent(dec!(36));
        assert_eq!(r.get(), dec!(0.36));
        assert_eq!(r.to_percent_string(), "36 %");
    }
}
