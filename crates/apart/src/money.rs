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

use crate::diagnostic::{Detail, Diagnostic, Family, Lang, french_display, quote};
use crate::value::{DecimalKind, ValueError, parse_decimal};

/// A decimal's text as `Decimal`'s `Display` writes it without flags (`2000.00`, `-0.5`,
/// `13.187182699281334476165359003`: every digit of the scale, a sign when the sign bit is set),
/// made from integers on the stack. Writing the JSON of an outcome spent a fifth of its time in
/// rust_decimal's formatter (a division of the 96-bit mantissa per digit, then a char-by-char
/// copy through `fmt`).
pub(crate) struct DecimalText {
    /// The text, right-aligned.
    buf: [u8; 32],
    /// Where it starts in `buf`.
    start: usize,
}

impl DecimalText {
    /// Writes `value` (at most 29 digits, a point, a leading zero and a sign: 32 bytes).
    pub(crate) fn new(value: Decimal) -> Self {
        let mut text = DecimalText {
            buf: [0; 32],
            start: 32,
        };
        let mut mantissa = Mantissa::new(value.mantissa().unsigned_abs());
        let scale = value.scale();
        for _ in 0..scale {
            text.push(mantissa.next_digit());
        }
        if scale > 0 {
            text.push(b'.');
        }
        loop {
            text.push(mantissa.next_digit());
            if mantissa.is_zero() {
                break;
            }
        }
        if value.is_sign_negative() {
            text.push(b'-');
        }
        text
    }

    fn push(&mut self, byte: u8) {
        if let Some(at) = self.start.checked_sub(1)
            && let Some(slot) = self.buf.get_mut(at)
        {
            *slot = byte;
            self.start = at;
        }
    }

    /// The text.
    pub(crate) fn as_str(&self) -> &str {
        std::str::from_utf8(self.buf.get(self.start..).unwrap_or_default()).unwrap_or_default()
    }
}

/// A decimal's mantissa (below 2^96) as two 64-bit halves in base 10^19, so that its digits
/// come from 64-bit divisions by 10 (a 128-bit division per digit costs several times more).
struct Mantissa {
    /// The low 19 digits, then (once they are out) the high ones.
    low: u64,
    /// The digits above the low 19.
    high: u64,
    /// How many digits came out of `low`.
    out: u32,
}

impl Mantissa {
    const LOW_DIGITS: u32 = 19;

    fn new(mantissa: u128) -> Self {
        let base = u128::from(10u64.pow(Self::LOW_DIGITS));
        match u64::try_from(mantissa) {
            Ok(low) => Mantissa {
                low,
                high: 0,
                out: 0,
            },
            Err(_) => Mantissa {
                low: u64::try_from(mantissa % base).unwrap_or_default(),
                high: u64::try_from(mantissa / base).unwrap_or_default(),
                out: 0,
            },
        }
    }

    /// The last digit as ASCII, removed.
    #[inline]
    fn next_digit(&mut self) -> u8 {
        if self.high != 0 && self.out == Self::LOW_DIGITS {
            self.low = std::mem::take(&mut self.high);
        }
        let digit = self.low % 10;
        self.low /= 10;
        self.out = self.out.saturating_add(1);
        b'0' + u8::try_from(digit).unwrap_or_default()
    }

    fn is_zero(&self) -> bool {
        self.low == 0 && self.high == 0
    }
}

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

/// `numerator / denominator` rounded to the cent, half away from zero, from the exact quotient.
///
/// `round_cents(numerator / denominator)` rounds twice: the division first keeps 28 significant
/// digits, and a quotient just below a half cent can come out of it on the half cent
/// (2.2750499999999999999999999999 / 151.67 is 0.01499999999999999999999999999934…, whose
/// quotient at 28 decimals is 0.0150000000000000000000000000: 0.02 where the law's rounding of
/// the quotient gives 0.01). Here the quotient is computed in integers. `None` for a zero
/// denominator, or when the integers do not fit 128 bits (the caller then rounds the 28-digit
/// quotient: a double rounding is possible only for inputs of some 30 significant digits).
pub(crate) fn round_cents_of_quotient(numerator: Decimal, denominator: Decimal) -> Option<Decimal> {
    let (n, d) = (numerator.normalize(), denominator.normalize());
    if d.is_zero() {
        return None;
    }
    // n / d × 100 = mn × 10^(sd + 2) / (md × 10^sn), with the common powers of ten cancelled.
    let (up, down) = (d.scale() + 2, n.scale());
    let common = up.min(down);
    let num = n.mantissa().checked_mul(10i128.checked_pow(up - common)?)?;
    let den = d
        .mantissa()
        .checked_mul(10i128.checked_pow(down - common)?)?;
    let (quotient, remainder) = (num.checked_div(den)?, num.checked_rem(den)?);
    let away = if (num < 0) == (den < 0) { 1 } else { -1 };
    let rounded = if remainder.unsigned_abs().checked_mul(2)? >= den.unsigned_abs() {
        quotient.checked_add(away)?
    } else {
        quotient
    };
    Decimal::try_from_i128_with_scale(rounded, 2).ok()
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

/// An arithmetic result outside the range of exact decimals (about ±7.9 × 10²⁸): amounts,
/// hours and rates from a caller or a caller's law table can be absurd, and the library
/// answers with this error rather than panicking. Family `money`.
///
/// # Example
///
/// ```
/// use apart::money::Euros;
/// use apart::{Diagnostic, Family, Lang};
///
/// let max = Euros::new(rust_decimal::Decimal::MAX);
/// let err = max.checked_add("1".parse()?).unwrap_err();
/// assert_eq!((err.code(), err.family()), ("MONEY_OVERFLOW", Family::Money));
/// assert_eq!(
///     err.message(Lang::En),
///     "arithmetic out of range (add 79228162514264337593543950335 and 1): a value is absurd"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MoneyError {
    /// `left operation right` does not fit a decimal.
    Overflow {
        /// `add`, `subtract`, `multiply` or `divide`.
        operation: &'static str,
        /// The left operand.
        left: String,
        /// The right operand.
        right: String,
    },
}

impl MoneyError {
    fn overflow(operation: &'static str, left: Decimal, right: Decimal) -> MoneyError {
        MoneyError::Overflow {
            operation,
            left: quote(&left.to_string()),
            right: quote(&right.to_string()),
        }
    }
}

impl Diagnostic for MoneyError {
    fn code(&self) -> &'static str {
        match self {
            MoneyError::Overflow { .. } => "MONEY_OVERFLOW",
        }
    }

    fn family(&self) -> Family {
        Family::Money
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (
                MoneyError::Overflow {
                    operation,
                    left,
                    right,
                },
                Lang::Fr,
            ) => format!(
                "calcul hors limites ({operation} de {left} et {right}) : une valeur est absurde"
            ),
            (
                MoneyError::Overflow {
                    operation,
                    left,
                    right,
                },
                _,
            ) => format!(
                "arithmetic out of range ({operation} {left} and {right}): a value is absurd"
            ),
        }
    }

    fn details(&self) -> Vec<Detail> {
        match self {
            MoneyError::Overflow {
                operation,
                left,
                right,
            } => vec![
                ("operation", (*operation).into()),
                ("left", left.into()),
                ("right", right.into()),
            ],
        }
    }
}
french_display!(MoneyError);

macro_rules! decimal_newtype {
    ($(#[$meta:meta])* $name:ident, $kind:expr) => {
        $(#[$meta])*
        ///
        /// In JSON: decimal text (`"13.19"`); an integer number is accepted on input, a
        /// non-integer number is refused (`VALUE_FLOAT_REFUSED`: it went through a binary float).
        ///
        /// # Example
        ///
        /// ```
        /// // The same for `Euros`, `Hours`, `HourlyAmount` and `Rate`.
        /// use apart::money::{Euros, Hours, Rate};
        /// use apart::value::from_json;
        /// use apart::Diagnostic;
        ///
        /// let gross: Euros = "2000.50".parse()?;
        /// assert_eq!(serde_json::to_string(&gross)?, r#""2000.50""#);
        /// assert_eq!(from_json::<Hours>("70")?, "70".parse()?);
        /// assert_eq!(from_json::<Rate>("0.6").unwrap_err().code(), "VALUE_FLOAT_REFUSED");
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
        pub struct $name(Decimal);

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(DecimalText::new(self.0).as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::value::deserialize_decimal($kind, deserializer).map($name)
            }
        }

        impl $name {
            /// Zero.
            pub const ZERO: $name = $name(Decimal::ZERO);

            /// Wraps an exact decimal.
            ///
            /// # Example
            ///
            /// ```
            /// use apart::money::{Euros, Hours};
            /// use rust_decimal_macros::dec;
            ///
            /// assert_eq!(Euros::new(dec!(2000.00)).to_string(), "2000.00");
            /// assert_eq!(Hours::new(dec!(151.67)), "151.67".parse()?);
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            #[inline]
            pub const fn new(value: Decimal) -> Self {
                $name(value)
            }

            /// The exact decimal value.
            ///
            /// # Example
            ///
            /// ```
            /// use apart::money::{Hours, Rate};
            /// use rust_decimal_macros::dec;
            ///
            /// assert_eq!("151,67".parse::<Hours>()?.get(), dec!(151.67));
            /// assert_eq!(Rate::from_percent(dec!(36)).get(), dec!(0.36));
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            #[inline]
            pub const fn get(self) -> Decimal {
                self.0
            }

            /// This value rounded to the cent, half away from zero ([`round_cents`]).
            ///
            /// # Example
            ///
            /// ```
            /// use apart::money::{Euros, Hours};
            ///
            /// let hourly = "2000".parse::<Euros>()? / "151.67".parse::<Hours>()?; // 13.18652...
            /// assert_eq!(hourly.rounded().to_string(), "13.19");
            /// assert_eq!("2.345".parse::<Euros>()?.rounded().to_string(), "2.35");
            /// assert_eq!("-2.345".parse::<Euros>()?.rounded().to_string(), "-2.35");
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            #[inline]
            pub fn rounded(self) -> Self {
                $name(round_cents(self.0))
            }

            /// Whether the value is below zero.
            ///
            /// # Example
            ///
            /// ```
            /// use apart::money::Euros;
            /// use rust_decimal::Decimal;
            ///
            /// assert!("-0.01".parse::<Euros>()?.is_negative());
            /// let negative_zero = Euros::new(-Decimal::new(0, 2));
            /// assert_eq!(negative_zero.to_string(), "-0.00");
            /// assert!(!negative_zero.is_negative()); // zero, whatever its sign
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            #[inline]
            pub fn is_negative(self) -> bool {
                self.0.is_sign_negative() && !self.0.is_zero()
            }
        }

        impl $name {
            /// `self + rhs`, or [`MoneyError::Overflow`] beyond the decimal range, or when the
            /// exact sum has more digits than a decimal holds (never a rounded sum).
            ///
            /// # Example
            ///
            /// ```
            /// use apart::money::Euros;
            /// use apart::Diagnostic;
            ///
            /// let (a, b): (Euros, Euros) = ("1.50".parse()?, "1.5".parse()?);
            /// assert_eq!(a.checked_add(b)?.to_string(), "3.00");
            /// let max = Euros::new(rust_decimal::Decimal::MAX);
            /// assert_eq!(max.checked_add(a).unwrap_err().code(), "MONEY_OVERFLOW");
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            #[inline]
            pub fn checked_add(self, rhs: $name) -> Result<$name, MoneyError> {
                exact(self.0.checked_add(rhs.0), self.0, rhs.0).map($name).ok_or_else(|| MoneyError::overflow("add", self.0, rhs.0))
            }

            /// `self - rhs`, or [`MoneyError::Overflow`] beyond the decimal range, or when the
            /// exact difference has more digits than a decimal holds (never rounded).
            ///
            /// # Example
            ///
            /// ```
            /// use apart::money::Euros;
            /// use apart::Diagnostic;
            ///
            /// let indemnity: Euros = "553.70".parse()?;
            /// assert_eq!(indemnity.checked_sub("599.90".parse()?)?.to_string(), "-46.20");
            /// let min = Euros::new(rust_decimal::Decimal::MIN);
            /// assert_eq!(min.checked_sub(indemnity).unwrap_err().code(), "MONEY_OVERFLOW");
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            #[inline]
            pub fn checked_sub(self, rhs: $name) -> Result<$name, MoneyError> {
                exact(self.0.checked_sub(rhs.0), self.0, rhs.0).map($name).ok_or_else(|| MoneyError::overflow("subtract", self.0, rhs.0))
            }
        }

        impl FromStr for $name {
            type Err = ValueError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                parse_decimal($kind, s).map($name)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                if f.width().is_none() && f.precision().is_none() && !f.sign_plus() {
                    f.write_str(DecimalText::new(self.0).as_str())
                } else {
                    fmt::Display::fmt(&self.0, f)
                }
            }
        }

        impl From<Decimal> for $name {
            fn from(value: Decimal) -> Self {
                $name(value)
            }
        }

        impl Add for $name {
            type Output = $name;
            /// Saturates at the decimal range: for bounded values (the engine checks its
            /// inputs). Where caller numbers meet unbounded, use [`Self::checked_add`].
            #[inline]
            fn add(self, rhs: $name) -> $name {
                $name(self.0.saturating_add(rhs.0))
            }
        }

        impl Sub for $name {
            type Output = $name;
            /// Saturates at the decimal range (see `Add`); [`Self::checked_sub`] reports it.
            #[inline]
            fn sub(self, rhs: $name) -> $name {
                $name(self.0.saturating_sub(rhs.0))
            }
        }
    };
}

/// A sum or difference of `a` and `b`, when exact: `rust_decimal` rounds a result whose digits
/// do not fit at the larger scale of its operands (it lowers the scale), and checked arithmetic
/// must report that rather than drop a digit (found by the `values` fuzz target).
fn exact(result: Option<Decimal>, a: Decimal, b: Decimal) -> Option<Decimal> {
    result.filter(|r| r.scale() >= a.scale().max(b.scale()))
}

/// `a × b`, when exact: `rust_decimal` rounds a product whose digits do not fit (it lowers the
/// scale, rounding the digits it drops), and checked arithmetic must report that rather than
/// round where the law does not (issue 13). The product is exact when the digits dropped are
/// zeros, that is when 10^k divides the product of the mantissas, k being the scale lost: when
/// the mantissas hold at least k factors 2 and k factors 5 between them.
fn exact_product(a: Decimal, b: Decimal) -> Option<Decimal> {
    let product = a.checked_mul(b)?;
    let lost = (a.scale() + b.scale()).saturating_sub(product.scale());
    let (ma, mb) = (a.mantissa().unsigned_abs(), b.mantissa().unsigned_abs());
    if lost == 0 || ma == 0 || mb == 0 {
        return Some(product);
    }
    let twos = ma.trailing_zeros() + mb.trailing_zeros();
    let fives = factors_of_five(ma) + factors_of_five(mb);
    (twos >= lost && fives >= lost).then_some(product)
}

/// How many times 5 divides `n` (not zero).
fn factors_of_five(mut n: u128) -> u32 {
    let mut count = 0;
    while n != 0 && n % 5 == 0 {
        n /= 5;
        count += 1;
    }
    count
}

decimal_newtype!(
    /// An amount in euros: exact, any number of decimals until rounded with
    /// [`Euros::rounded`]. Results of the library are always rounded to the cent.
    Euros,
    DecimalKind::Amount
);
decimal_newtype!(
    /// A number of hours as decimal hours (`151.67` is 151 h 40 min 12 s), never minutes.
    Hours,
    DecimalKind::Hours
);
decimal_newtype!(
    /// An amount per hour in euros (a rémunération horaire, an indemnity per hour not worked).
    HourlyAmount,
    DecimalKind::HourlyAmount
);
decimal_newtype!(
    /// A rate written as a **fraction**: `0.60` is 60 %. Tables, `Display` and JSON use the
    /// fraction; [`Rate::to_percent_string`] prints the percentage (`60 %`) for people.
    Rate,
    DecimalKind::Rate
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
    ///
    /// # Errors
    ///
    /// [`MoneyError::Overflow`] when it does not fit a decimal (a rate above about
    /// 7.9 × 10²⁶, only ever from absurd input).
    ///
    /// ```
    /// use apart::money::Rate;
    /// assert_eq!(Rate::new("0.6".parse()?).as_percent()?.to_string(), "60");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_percent(self) -> Result<Decimal, MoneyError> {
        let scale = self.0.scale();
        let shifted = if scale >= 2 {
            // × 100 is a shift of the decimal point: exact, never overflows.
            Decimal::try_from_i128_with_scale(self.0.mantissa(), scale - 2).ok()
        } else {
            self.0.checked_mul(Decimal::ONE_HUNDRED)
        };
        shifted
            .map(|p| p.normalize())
            .ok_or_else(|| MoneyError::overflow("multiply", self.0, Decimal::ONE_HUNDRED))
    }

    /// Applies the rate to an hourly amount, exactly (never rounded).
    ///
    /// # Errors
    ///
    /// [`MoneyError::Overflow`] beyond the decimal range, or when the exact product has more
    /// digits than a decimal holds.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::money::{HourlyAmount, Rate};
    ///
    /// // 60 % of an hourly reference of 13.19 € (2 000 € / 151.67 h).
    /// let hourly: HourlyAmount = "13.19".parse()?;
    /// let indemnity = "0.60".parse::<Rate>()?.of_hourly(hourly)?;
    /// assert_eq!(indemnity.to_string(), "7.9140");
    /// assert_eq!(indemnity.rounded().to_string(), "7.91");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn of_hourly(self, hourly: HourlyAmount) -> Result<HourlyAmount, MoneyError> {
        exact_product(self.0, hourly.0)
            .map(HourlyAmount)
            .ok_or_else(|| MoneyError::overflow("multiply", self.0, hourly.0))
    }

    /// Applies the rate to an amount, exactly (never rounded).
    ///
    /// # Errors
    ///
    /// [`MoneyError::Overflow`] beyond the decimal range, or when the exact product has more
    /// digits than a decimal holds.
    ///
    /// ```
    /// use apart::money::{Euros, Rate};
    /// let rate: Rate = "0.6".parse()?;
    /// assert_eq!(rate.of("2000.01".parse()?)?.to_string(), "1200.006");
    /// // 29 significant digits: a decimal would round it, so it is refused.
    /// let third: Rate = "0.3333333333333333333333333333".parse()?;
    /// assert!(third.of("2000.01".parse()?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn of(self, amount: Euros) -> Result<Euros, MoneyError> {
        exact_product(self.0, amount.0)
            .map(Euros)
            .ok_or_else(|| MoneyError::overflow("multiply", self.0, amount.0))
    }

    /// The rate as a percentage text, `60 %` (French typography: a space before `%`). Exact
    /// for every rate, including absurd ones (the decimal point is moved in the text).
    ///
    /// ```
    /// use apart::money::Rate;
    /// let huge: Rate = "+59669619669696696196691223456".parse()?;
    /// assert_eq!(huge.to_percent_string(), "5966961966969669619669122345600 %");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_percent_string(self) -> String {
        match self.as_percent() {
            Ok(p) => format!("{p} %"),
            Err(_) => format!("{}00 %", self.0.normalize()),
        }
    }
}

impl HourlyAmount {
    /// `self × hours`, exactly (never rounded).
    ///
    /// # Errors
    ///
    /// [`MoneyError::Overflow`] beyond the decimal range, or when the exact product has more
    /// digits than a decimal holds.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::money::{HourlyAmount, Hours};
    /// use apart::Diagnostic;
    ///
    /// let hourly: HourlyAmount = "7.91".parse()?;
    /// // Spec §4 #10: a full month at 2 000 €, per-hour rounding.
    /// let amount = hourly.checked_times("151.67".parse()?)?;
    /// assert_eq!(amount.to_string(), "1199.7097");
    /// assert_eq!(amount.rounded().to_string(), "1199.71");
    /// let absurd = HourlyAmount::new(rust_decimal::Decimal::MAX);
    /// let two: Hours = "2".parse()?;
    /// assert_eq!(absurd.checked_times(two).unwrap_err().code(), "MONEY_OVERFLOW");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn checked_times(self, hours: Hours) -> Result<Euros, MoneyError> {
        exact_product(self.0, hours.0)
            .map(Euros)
            .ok_or_else(|| MoneyError::overflow("multiply", self.0, hours.0))
    }
}

impl Div<Hours> for Euros {
    type Output = HourlyAmount;
    /// Euros per hour, to 28 significant digits: a quotient such as 2000 / 151.67 has no end, so
    /// it is rounded there (half to even, `rust_decimal`'s division), far below the cent the law
    /// rounds the hourly pay to. Dividing by zero hours gives zero: callers check hours first.
    #[inline]
    fn div(self, rhs: Hours) -> HourlyAmount {
        HourlyAmount(self.0.checked_div(rhs.0).unwrap_or(Decimal::ZERO))
    }
}

impl Mul<Hours> for HourlyAmount {
    type Output = Euros;
    /// Saturates at the decimal range (the engine's inputs are bounded);
    /// [`HourlyAmount::checked_times`] reports it.
    #[inline]
    fn mul(self, rhs: Hours) -> Euros {
        Euros(self.0.saturating_mul(rhs.0))
    }
}

crate::spelled_enum! {
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
    #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
    #[derive(Default)]
    #[non_exhaustive]
    pub enum RoundingPolicy: "rounding" {
        /// The published practice: the hourly reference is rounded to the cent; the 4.5 × SMIC
        /// ceiling is applied to it unrounded; the hourly indemnity and the hourly allocation are
        /// each rounded to the cent after ceiling and floor; each is then multiplied by the hours
        /// and rounded to the cent. Reproduces every published per-hour ceiling (17.12 €, not
        /// 17.13 €, in 2022-01).
        #[default]
        PerHour = "per_hour",
        /// No intermediate rounding: the monthly amounts are rounded to the cent at the end
        /// (mon-entreprise's figures, and sources that multiply the monthly pay by a percentage).
        Exact = "exact",
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
        /// Every decimal's text is rust_decimal's, through `DecimalText`, serde and `Display`.
        #[test]
        fn decimal_text_is_rust_decimals(lo in proptest::num::u32::ANY, mid in proptest::num::u32::ANY,
                                         hi in proptest::num::u32::ANY, small in 0u32..3,
                                         scale in 0u32..=28, negative in proptest::bool::ANY) {
            // A third of the cases with a mantissa that fits 64 bits, a third within 32 bits.
            let (mid, hi) = match small { 0 => (mid, 0), 1 => (0, 0), _ => (mid, hi) };
            let value = Decimal::from_parts(lo, mid, hi, negative, scale);
            let expected = value.to_string();
            let text = DecimalText::new(value);
            proptest::prop_assert_eq!(text.as_str(), expected.as_str());
            proptest::prop_assert_eq!(serde_json::to_string(&Euros::new(value)).unwrap(), format!("\"{expected}\""));
            proptest::prop_assert_eq!(Euros::new(value).to_string(), expected.clone());
            proptest::prop_assert_eq!(format!("{:>40}", Hours::new(value)), format!("{value:>40}"));
        }
    }

    #[test]
    fn decimal_text_edges() {
        for (value, text) in [
            (Decimal::ZERO, "0"),
            (Decimal::from_parts(0, 0, 0, true, 2), "0.00"),
            (
                Decimal::from_parts(0, 0, 0, false, 28),
                "0.0000000000000000000000000000",
            ),
            (Decimal::MAX, "79228162514264337593543950335"),
            (Decimal::MIN, "-79228162514264337593543950335"),
            (
                Decimal::from_parts(u32::MAX, u32::MAX, u32::MAX, true, 28),
                "-7.9228162514264337593543950335",
            ),
            (dec!(2000.00), "2000.00"),
            (dec!(-0.5), "-0.5"),
        ] {
            assert_eq!(DecimalText::new(value).as_str(), text);
            assert_eq!(value.to_string(), text);
        }
        // A zero with its sign bit set (negation keeps it) is written as rust_decimal writes it.
        let negative_zero = -Decimal::new(0, 2);
        assert_eq!(
            DecimalText::new(negative_zero).as_str(),
            negative_zero.to_string()
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

    /// Exact arithmetic on mantissas, for the property below: little-endian base-2^32 limbs.
    fn limbs(mut n: u128) -> Vec<u64> {
        let mut out = Vec::new();
        while n != 0 {
            out.push((n & 0xffff_ffff) as u64);
            n >>= 32;
        }
        out
    }

    // Schoolbook multiplication: every index is below a.len() + b.len() by construction.
    #[allow(clippy::indexing_slicing)]
    fn big_mul(a: &[u64], b: &[u64]) -> Vec<u64> {
        let mut out = vec![0u64; a.len() + b.len()];
        for (i, x) in a.iter().enumerate() {
            let mut carry = 0u64;
            for (j, y) in b.iter().enumerate() {
                let t = out[i + j] + x * y + carry;
                out[i + j] = t & 0xffff_ffff;
                carry = t >> 32;
            }
            let mut k = i + b.len();
            while carry != 0 {
                let t = out[k] + carry;
                out[k] = t & 0xffff_ffff;
                carry = t >> 32;
                k += 1;
            }
        }
        while out.last() == Some(&0) {
            out.pop();
        }
        out
    }

    /// Whether `product` is exactly `a × b` (mantissas compared exactly, at the full scale).
    fn is_exact_product(a: Decimal, b: Decimal, product: Decimal) -> bool {
        let exact = big_mul(
            &limbs(a.mantissa().unsigned_abs()),
            &limbs(b.mantissa().unsigned_abs()),
        );
        let lost = a.scale() + b.scale() - product.scale();
        let mut got = limbs(product.mantissa().unsigned_abs());
        for _ in 0..lost {
            got = big_mul(&got, &[10]);
        }
        let sign_ok = product.is_zero()
            || product.is_sign_negative() == (a.is_sign_negative() != b.is_sign_negative());
        got == exact && sign_ok
    }

    /// A decimal of 1 to 29 digits at any scale: many products fit, many do not.
    fn any_decimal() -> impl proptest::strategy::Strategy<Value = Decimal> {
        use proptest::strategy::Strategy;
        (
            1u32..=29,
            proptest::num::u128::ANY,
            0u32..=28,
            proptest::bool::ANY,
        )
            .prop_map(|(digits, raw, scale, negative)| {
                let max = 10u128.pow(digits.min(28)) * if digits == 29 { 7 } else { 1 };
                let mut d = Decimal::from_i128_with_scale((raw % max) as i128, scale);
                d.set_sign_negative(negative);
                d
            })
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4000))]
        /// Checked products are exact or refused (issue 13): `exact_product` gives a product
        /// exactly when `rust_decimal`'s is the exact one, checked on the mantissas with
        /// arbitrary precision; and `Rate::of`, `Rate::of_hourly`, `checked_times` go through it.
        #[test]
        fn checked_products_are_exact_or_refused(a in any_decimal(), b in any_decimal()) {
            let exact = a.checked_mul(b).filter(|p| is_exact_product(a, b, *p));
            proptest::prop_assert_eq!(exact_product(a, b), exact);
            proptest::prop_assert_eq!(Rate::new(a).of(Euros::new(b)).ok().map(Euros::get), exact);
            proptest::prop_assert_eq!(
                Rate::new(a).of_hourly(HourlyAmount::new(b)).ok().map(HourlyAmount::get),
                exact
            );
            proptest::prop_assert_eq!(
                HourlyAmount::new(a).checked_times(Hours::new(b)).ok().map(Euros::get),
                exact
            );
        }
    }

    /// What the property found in `rust_decimal`: a product of 29 significant digits or more
    /// is rounded silently by `checked_mul`; the checked products refuse it.
    #[test]
    fn checked_products_never_round() {
        let third = dec!(0.3333333333333333333333333333);
        assert_eq!(
            third.checked_mul(dec!(3.01)),
            Some(dec!(1.0033333333333333333333333332))
        );
        assert!(!is_exact_product(
            third,
            dec!(3.01),
            dec!(1.0033333333333333333333333332)
        ));
        let err = Rate::new(third).of(Euros::new(dec!(3.01))).unwrap_err();
        assert_eq!(crate::diagnostic::Diagnostic::code(&err), "MONEY_OVERFLOW");
        // Exact products are kept, at their full scale, even when the scale had to drop.
        assert_eq!(
            Rate::new(dec!(0.60))
                .of(Euros::new(dec!(2000.01)))
                .unwrap()
                .get()
                .to_string(),
            "1200.0060"
        );
        let tiny = Decimal::new(2, 28);
        assert_eq!(
            Rate::new(dec!(0.5)).of(Euros::new(tiny)).unwrap().get(),
            Decimal::new(1, 28)
        );
        assert_eq!(
            HourlyAmount::new(dec!(13.19))
                .checked_times(Hours::new(dec!(151.67)))
                .unwrap()
                .get(),
            dec!(2000.5273)
        );
    }

    #[test]
    fn quotients_are_rounded_once() {
        let q = |n: Decimal, d: Decimal| round_cents_of_quotient(n, d);
        let n = dec!(2.2750499999999999999999999999);
        // The 28-digit quotient rounds up to the half cent, then to 0.02.
        assert_eq!(round_cents(n / dec!(151.67)), dec!(0.02));
        assert_eq!(q(n, dec!(151.67)), Some(dec!(0.01)));
        assert_eq!(q(dec!(2000), dec!(151.67)), Some(dec!(13.19)));
        assert_eq!(q(dec!(0.05), dec!(10)), Some(dec!(0.01)));
        assert_eq!(q(dec!(-0.05), dec!(10)), Some(dec!(-0.01)));
        assert_eq!(q(dec!(0.049), dec!(10)), Some(dec!(0.00)));
        assert_eq!(q(dec!(1), Decimal::ZERO), None);
        assert_eq!(q(Decimal::MAX, dec!(0.0000000000000000000000000001)), None);
    }

    proptest::proptest! {
        /// Away from a half cent, the exact rounding is `round_cents` of the quotient.
        #[test]
        fn quotient_rounding_agrees_away_from_midpoints(n in 1i64..100_000_000, d in 1i64..7_440_000,
                                                          sn in 0u32..=6, sd in 0u32..=6) {
            let (n, d) = (Decimal::new(n, sn), Decimal::new(d, sd));
            let rounded = round_cents_of_quotient(n, d).unwrap();
            let quotient = n / d;
            let near = (quotient * Decimal::ONE_HUNDRED).fract().abs();
            if (near - dec!(0.5)).abs() > dec!(0.000001) {
                proptest::prop_assert_eq!(rounded, round_cents(quotient));
            }
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
        // Audit F4: an absurd rate printed as a percentage must not panic.
        let huge: Rate = "+59669619669696696196691223456".parse().unwrap();
        assert!(huge.as_percent().is_err());
        assert_eq!(
            huge.to_percent_string(),
            "5966961966969669619669122345600 %"
        );
        let max = Rate::new(Decimal::MAX);
        assert!(max.to_percent_string().ends_with("00 %"));
        assert_eq!(Rate::new(dec!(0.005)).to_percent_string(), "0.5 %");
    }

    /// Found by the `values` fuzz target (`fuzz/regressions/values/`): a sum of 30 digits was
    /// rounded to the 28 a decimal holds, so `(v + v) - v` was not `v`.
    #[test]
    fn fuzz_regression_checked_arithmetic_never_rounds() {
        let v: Euros = "51234565156.032341123234555564".parse().unwrap();
        let err = v.checked_add(v).unwrap_err();
        assert_eq!(crate::diagnostic::Diagnostic::code(&err), "MONEY_OVERFLOW");
        assert!(v.checked_sub(Euros::new(-v.get())).is_err());
        // Exact results keep the larger scale, trailing zeros included.
        let sum = Euros::new(dec!(1.50)).checked_add(Euros::new(dec!(1.5)));
        assert_eq!(sum.map(|s| s.get().to_string()).as_deref(), Ok("3.00"));
        assert_eq!(v.checked_sub(v).map(|d| d.get().is_zero()), Ok(true));
        let h: Hours = "0.3333333333333333333333333333".parse().unwrap();
        assert_eq!(
            h.checked_add(h).map(|s| s.get()),
            Ok(dec!(0.6666666666666666666666666666))
        );
    }

    #[test]
    fn checked_arithmetic_reports_overflow() {
        let max = Euros::new(Decimal::MAX);
        let err = max.checked_add(Euros::new(Decimal::ONE)).unwrap_err();
        assert_eq!(crate::diagnostic::Diagnostic::code(&err), "MONEY_OVERFLOW");
        assert_eq!(
            crate::diagnostic::Diagnostic::family(&err),
            crate::diagnostic::Family::Money
        );
        assert!(
            HourlyAmount::new(Decimal::MAX)
                .checked_times(Hours::new(dec!(2)))
                .is_err()
        );
        assert!(Rate::new(Decimal::MAX).of(Euros::new(dec!(2))).is_err());
        assert_eq!((max + Euros::new(Decimal::ONE)).get(), Decimal::MAX);
        assert_eq!(
            Euros::new(dec!(1.5))
                .checked_sub(Euros::new(dec!(2)))
                .unwrap()
                .get(),
            dec!(-0.5)
        );
    }
}
