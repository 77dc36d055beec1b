//! One parameter's dated rows: values, units, sources, and the checks every row passes.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::Date;

use super::error::LawError;
use super::problem::LawProblem;
use super::{FIRST_DATE, LAST_KNOWN_DATE, Param, format_date};
use crate::value::{DecimalKind, ValueError, de_error, parse_decimal};

crate::spelled_enum! {
    /// The unit of a table's values; the table check knows the sensible range of each.
    #[non_exhaustive]
    pub enum Unit: "unit" {
        /// Euros per hour (SMIC, floors).
        EurPerHour = "eur_per_hour",
        /// Euros per month (monthly SMIC).
        EurPerMonth = "eur_per_month",
        /// A fraction: `0.60` is 60 %.
        Fraction = "fraction",
        /// A multiple of the hourly SMIC (`4.5`).
        SmicMultiple = "smic_multiple",
        /// Hours per calendar year (quota).
        HoursPerYear = "hours_per_year",
        /// Calendar days (a delay).
        Days = "days",
        /// Calendar months (a duration or a delay).
        Months = "months",
    }
}

impl Unit {
    /// Whether values of this unit are whole numbers (days, months, hours per year).
    ///
    /// ```
    /// use apart::law::Unit;
    /// assert!(Unit::Days.is_whole() && !Unit::EurPerHour.is_whole());
    /// ```
    pub fn is_whole(self) -> bool {
        matches!(self, Unit::Days | Unit::Months | Unit::HoursPerYear)
    }

    /// The range a value of this unit must fall in (both ends included).
    ///
    /// ```
    /// use apart::law::Unit;
    /// let (lo, hi) = Unit::Fraction.range();
    /// assert_eq!((lo.to_string(), hi.to_string()), ("0.0001".to_string(), "1".to_string()));
    /// ```
    pub fn range(self) -> (Decimal, Decimal) {
        match self {
            Unit::EurPerHour => (Decimal::new(1, 2), Decimal::from(100)),
            Unit::EurPerMonth => (Decimal::ONE, Decimal::from(10_000)),
            Unit::Fraction => (Decimal::new(1, 4), Decimal::ONE),
            Unit::SmicMultiple => (Decimal::ONE, Decimal::TEN),
            Unit::HoursPerYear => (Decimal::ONE, Decimal::from(2_000)),
            Unit::Days => (Decimal::ONE, Decimal::from(366)),
            Unit::Months => (Decimal::ONE, Decimal::from(48)),
        }
    }
}

/// The value of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(rename = "LawValue", type = "string")
)]
pub enum Value {
    /// A known exact value.
    Known(Decimal),
    /// Not applicable from this date: no ceiling, no floor, or the regime is not in force.
    NotApplicable,
    /// No stored source gives the value for this period: an error where it could change a
    /// result, never a guess.
    Unknown,
}

impl Value {
    /// The known value, if any.
    pub fn known(self) -> Option<Decimal> {
        match self {
            Value::Known(v) => Some(v),
            _ => None,
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Known(v) => fmt::Display::fmt(v, f),
            Value::NotApplicable => f.write_str("none"),
            Value::Unknown => f.write_str("unknown"),
        }
    }
}

impl FromStr for Value {
    type Err = ValueError;
    /// A decimal, `none` or `unknown`; anything else (white space too, as for every decimal)
    /// is `VALUE_INVALID_DECIMAL`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "none" => Ok(Value::NotApplicable),
            "unknown" => Ok(Value::Unknown),
            text => parse_decimal(DecimalKind::Decimal, text)
                .map(Value::Known)
                .map_err(|_| ValueError::invalid_decimal(DecimalKind::Decimal, s)),
        }
    }
}

impl Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(de_error)
    }
}

crate::spelled_enum! {
    /// How well a row is backed.
    #[derive(Default)]
    #[cfg_attr(feature = "uniffi", derive(uniffi::Enum), uniffi(name = "LawStatus"))]
    pub enum Status: "status" {
        /// A primary text, or two concordant reputable secondary sources.
        #[default]
        Confirmed = "confirmed",
        /// Backed by a single or indirect source (see the row's note); flagged in results.
        Unconfirmed = "unconfirmed",
    }
}

/// The legal text a row comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "LawSource"))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi(name = "LawSource"))]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The decree, arrêté or article (`Décret n° 2026-35 du 29 janvier 2026`).
    pub title: String,
    /// Its Légifrance address, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub href: Option<String>,
}

/// One dated value of a parameter: valid from `from` until the next row's `from`.
///
/// Its JSON and TOML shape is the one of the data files, and the one every front end takes
/// for a row: `{from, value, status, source: {title, href}, note}` (`status` defaults to
/// `confirmed`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "LawRow"))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record), uniffi(name = "LawRow"))]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// The first date of hours not worked this value applies to.
    #[serde(with = "crate::calendar::serde::date")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub from: Date,
    /// The value.
    pub value: Value,
    /// How well it is backed.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub status: Status,
    /// The legal text.
    pub source: Source,
    /// Secondary sources and remarks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub note: Option<String>,
}

impl Row {
    /// A confirmed row, for caller overrides.
    ///
    /// ```
    /// use apart::law::{Row, Value};
    /// use time::macros::date;
    /// let row = Row::new(date!(2026 - 06 - 01), Value::Known("12.31".parse()?), "Arrêté du 22 mai 2026");
    /// assert_eq!(row.source.title, "Arrêté du 22 mai 2026");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(from: Date, value: Value, source_title: &str) -> Row {
        Row {
            from,
            value,
            status: Status::Confirmed,
            source: Source {
                title: source_title.to_owned(),
                href: None,
            },
            note: None,
        }
    }

    /// What is wrong with this row for a table of `unit`: a value out of the unit's range, a
    /// fraction of a unit counted whole, a missing source. `None` when it is sound.
    ///
    /// ```
    /// use apart::law::{Row, Unit, Value};
    /// use time::macros::date;
    /// let row = Row::new(date!(2026 - 06 - 01), Value::Known("-5".parse()?), "typo");
    /// assert!(row.problem(Unit::Fraction).is_some());
    /// let long = Row::new(date!(2026 - 06 - 01), Value::Known("0.6".parse()?), &"x".repeat(1_000_000));
    /// assert!(long.problem(Unit::Fraction).is_some());
    /// let half_day = Row::new(date!(2026 - 06 - 01), Value::Known("1.5".parse()?), "typo");
    /// assert_eq!(half_day.problem(Unit::Days).map(|p| p.id()), Some("not_whole"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn problem(&self, unit: Unit) -> Option<LawProblem> {
        let (lo, hi) = unit.range();
        if let Value::Known(v) = self.value
            && (v < lo || v > hi)
        {
            return Some(LawProblem::out_of_range(self.from, &v, unit));
        }
        if let Value::Known(v) = self.value
            && unit.is_whole()
            && !v.fract().is_zero()
        {
            return Some(LawProblem::NotWhole {
                from: self.from,
                value: crate::diagnostic::quote(&v.to_string()),
                unit,
            });
        }
        if self.source.title.trim().is_empty() {
            return Some(LawProblem::NoSource { from: self.from });
        }
        // A title and an address, not a document: a row given alone (`upsert_row`) is not
        // bounded by the law text's size.
        let source_bytes =
            self.source.title.len() + self.source.href.as_ref().map_or(0, String::len);
        if source_bytes > MAX_SOURCE_BYTES {
            return Some(LawProblem::TooLarge {
                max: MAX_SOURCE_BYTES,
            });
        }
        None
    }
}

/// The most bytes of a row's source (title and address together).
///
/// ```
/// assert_eq!(apart::law::MAX_SOURCE_BYTES, 2_000);
/// ```
pub const MAX_SOURCE_BYTES: usize = 2_000;

/// One parameter's history: rows with strictly increasing `from` dates, so no gap and no
/// overlap by construction; verified until `valid_until` (`None`: a rule in force until a
/// text amends it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// The parameter.
    pub param: Param,
    /// The unit of the values.
    pub unit: Unit,
    /// What the parameter is.
    pub description: String,
    /// The rows, sorted by `from`.
    pub values: Vec<Row>,
    /// The last date the data is verified for.
    #[serde(default, with = "crate::calendar::serde::option_date")]
    pub valid_until: Option<Date>,
}

/// The row in force on a date, and whether that date is after the table's verified date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InForce<'a> {
    /// The row (its value may be [`Value::Unknown`]).
    pub row: &'a Row,
    /// `Some(valid_until)` when the date is after the verified date: the row still applies
    /// (values stay in force until a text changes them), and results say so.
    pub beyond: Option<Date>,
}

impl Table {
    /// The row in force on `date`, whatever its value, even after the verified date.
    ///
    /// # Errors
    ///
    /// [`LawError::BeforeFirstRow`] before the first row.
    ///
    /// ```
    /// use apart::law::{LawBook, Param, Value};
    /// use time::macros::date;
    /// let book = LawBook::builtin()?;
    /// let found = book.table(Param::SmicHourly)?.in_force(date!(2030 - 01 - 01))?;
    /// assert_eq!(found.row.value, Value::Known("12.31".parse()?));
    /// assert!(found.beyond.is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn in_force(&self, date: Date) -> Result<InForce<'_>, LawError> {
        // Most lookups are for the current rows: try the last row before searching.
        let last = self.values.last().filter(|row| row.from <= date);
        let row = last
            .or_else(|| {
                let index = self.values.partition_point(|row| row.from <= date);
                index.checked_sub(1).and_then(|i| self.values.get(i))
            })
            .ok_or_else(|| LawError::BeforeFirstRow {
                table: self.param.id(),
                date: format_date(date),
                first: self
                    .values
                    .first()
                    .map(|r| format_date(r.from))
                    .unwrap_or_default(),
            })?;
        let beyond = self.valid_until.filter(|until| date > *until);
        Ok(InForce { row, beyond })
    }

    /// The row in force on `date`, strictly: within the verified dates and known.
    ///
    /// # Errors
    ///
    /// [`LawError::BeforeFirstRow`] before the first row, [`LawError::AfterLastKnown`] after
    /// `valid_until`, [`LawError::UnknownValue`] when the row in force is `unknown`.
    pub fn at(&self, date: Date) -> Result<&Row, LawError> {
        let found = self.in_force(date)?;
        if let Some(until) = found.beyond {
            return Err(LawError::AfterLastKnown {
                table: self.param.id(),
                date: format_date(date),
                valid_until: format_date(until),
            });
        }
        if found.row.value == Value::Unknown {
            return Err(self.unknown(date, found.row));
        }
        Ok(found.row)
    }

    /// The error for an `unknown` row that a computation needs.
    pub(crate) fn unknown(&self, date: Date, row: &Row) -> LawError {
        LawError::UnknownValue {
            table: self.param.id(),
            date: format_date(date),
            from: format_date(row.from),
            note: crate::diagnostic::quote_at_most(
                row.note.as_deref().unwrap_or_default(),
                super::error::NOTE_MAX_CHARS,
            ),
        }
    }

    /// The highest known value of the table (a floor above which an unknown row cannot
    /// bind), if any row is known.
    pub fn highest_known(&self) -> Option<Decimal> {
        self.values.iter().filter_map(|r| r.value.known()).max()
    }

    /// Problems found by the table check: dates not strictly increasing, values out of the
    /// unit's range, rows without a source, a first row after [`FIRST_DATE`], a validity
    /// ending before [`LAST_KNOWN_DATE`]. Empty when the table is sound.
    ///
    /// Each is a [`LawError::InvalidData`] naming the table and the [`LawProblem`], so that a
    /// front end shows it as any other error, in French or English.
    pub fn problems(&self) -> Vec<LawError> {
        let mut problems = self.row_problems();
        match self.values.first() {
            None => problems.push(LawProblem::NoRows),
            Some(first) if first.from > FIRST_DATE => {
                problems.push(LawProblem::StartsLate { first: first.from });
            }
            Some(_) => {}
        }
        if let Some(until) = self.valid_until
            && until < LAST_KNOWN_DATE
        {
            problems.push(LawProblem::VerifiedBeforeRelease { until });
        }
        problems
            .into_iter()
            .map(|problem| LawError::InvalidData {
                table: self.param.id(),
                problem,
            })
            .collect()
    }

    /// Whether some row says `none`: only such tables (floors, ceilings, regimes in force for a
    /// time) may be given a `none` row by a caller.
    pub(super) fn has_not_applicable_row(&self) -> bool {
        self.values.iter().any(|r| r.value == Value::NotApplicable)
    }

    /// The problems a caller's table may not have: dates not strictly increasing, a value out
    /// of range, a row without a source.
    pub(super) fn row_problems(&self) -> Vec<LawProblem> {
        let mut problems = Vec::new();
        for pair in self.values.windows(2) {
            if let [a, b] = pair
                && a.from >= b.from
            {
                problems.push(LawProblem::DatesNotIncreasing {
                    previous: a.from,
                    next: b.from,
                });
            }
        }
        problems.extend(self.values.iter().filter_map(|row| row.problem(self.unit)));
        problems
    }
}

/// The shape of a data file: one table, as in `crates/apart/src/law/data/`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TableFile {
    pub(super) id: String,
    /// Required in the built-in files; optional in a caller's file (the built-in unit is kept,
    /// and a different one refused).
    #[serde(default)]
    pub(super) unit: Option<Unit>,
    #[serde(default)]
    pub(super) description: Option<String>,
    #[serde(default)]
    pub(super) values: Vec<Row>,
    #[serde(default, with = "crate::calendar::serde::option_date")]
    pub(super) valid_until: Option<Date>,
    #[serde(default)]
    pub(super) ended: bool,
    #[serde(default)]
    pub(super) open_ended: bool,
    /// In a caller's law file: the rows replace the whole table (default: they are added).
    #[serde(default)]
    pub(super) replace: bool,
}
