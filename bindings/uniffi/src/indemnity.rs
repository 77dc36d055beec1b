//! The indemnity and allocation of one employee-month, contributions, monthly claims
//! (`apart::indemnity`), and the law tables they read (`apart::law`).
//!
//! Amounts, hours and rates are the core's newtypes as custom types (`BigDecimal` in Kotlin);
//! the enums and records are the core's own (derived in `apart` behind its `uniffi` feature),
//! except the claim's `ClaimLine` (its error an `ApartError`) and `ClaimTotals` (its `u64`
//! counts a signed `Long` for Java).

use std::sync::{Arc, RwLock};

use apart::calendar::Month;
use apart::indemnity as core;
use apart::law;
use apart::money::{Euros, Hours};

use crate::{ApartError, CivilDate, DecimalNumber};

// The core's enums and records, derived where they are defined (`apart`'s `uniffi` feature).
pub use apart::indemnity::{
    Category, Contributions, EmployeeMonth, Explain, ExplanationStep, FullTimeFloor, Options,
    Outcome, Overtime, PayTerritory, RefusedHours, Regime, Rounding, StepValue, Warning,
};
pub use apart::money::RoundingPolicy;

/// An employee-month with the core's defaults for everything but the three essentials.
#[uniffi::export]
pub fn employee_month(
    month: Month,
    gross_monthly: Euros,
    hours_not_worked: Hours,
) -> Result<EmployeeMonth, ApartError> {
    Ok(EmployeeMonth::new(month, gross_monthly, hours_not_worked))
}

/// The core's default options: per-hour rounding, the full-time floor by period, no
/// explanation, law used after its verified date with a warning (Kotlin `Options()` too).
#[uniffi::export]
pub fn default_options() -> Options {
    Options::default()
}

/// One employee-month with the built-in law tables.
#[uniffi::export]
pub fn simulate(input: EmployeeMonth, options: Options) -> Result<Outcome, ApartError> {
    Ok(core::simulate(&input, &options)?)
}

/// One employee-month with `book`'s law tables (built-in, or overridden by the caller).
#[uniffi::export]
pub fn compute(
    book: &LawBook,
    input: EmployeeMonth,
    options: Options,
) -> Result<Outcome, ApartError> {
    Ok(core::compute(&book.read(), &input, &options)?)
}

/// The contributions on an indemnity paid at `date` (spec §2.4).
#[uniffi::export]
pub fn contributions(
    book: &LawBook,
    date: CivilDate,
    territory: PayTerritory,
    indemnity: Euros,
    net_pay_worked: Euros,
) -> Result<Contributions, ApartError> {
    Ok(core::contributions(
        &book.read(),
        date,
        territory,
        indemnity,
        net_pay_worked,
    )?)
}

/// One line of a monthly claim: the outcome, or the error of that employee.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ClaimLine {
    /// The employee's index in the input.
    pub index: i64,
    /// The caller's employee reference.
    pub employee: Option<String>,
    /// The outcome, when computed.
    pub outcome: Option<Outcome>,
    /// Why the line was refused: the error the same employee raises alone (its family's
    /// variant, with code, both messages and details), not thrown.
    pub error: Option<ApartError>,
}

/// The totals of a monthly claim.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ClaimTotals {
    /// Employees computed.
    pub employees: i64,
    /// Employees refused.
    pub employees_refused: i64,
    /// Total hours not worked.
    pub hours_not_worked: Hours,
    /// Total hours compensated.
    pub hours_compensated: Hours,
    /// Total hours allocated.
    pub hours_allocated: Hours,
    /// Total indemnities.
    pub employee_indemnity: Euros,
    /// Total RMM complements.
    pub rmm_complement: Euros,
    /// Total allocation (what the DI claims).
    pub employer_allocation: Euros,
    /// Total left to the employer.
    pub rest_payable_by_employer: Euros,
}

/// A monthly claim: one line per employee, and the totals.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ClaimOutcome {
    /// The month claimed.
    pub month: Month,
    /// One line per employee, in input order.
    pub lines: Vec<ClaimLine>,
    /// The totals.
    pub totals: ClaimTotals,
}

/// The monthly claim of every employee for `month`: each line computed on its own, refusals
/// kept as lines (a bad line does not stop the claim).
#[uniffi::export]
pub fn compute_claim(
    book: &LawBook,
    month: Month,
    employees: Vec<EmployeeMonth>,
    options: Options,
) -> Result<ClaimOutcome, ApartError> {
    let out = core::compute_claim(&book.read(), month, &employees, &options);
    let t = out.totals;
    Ok(ClaimOutcome {
        month: out.month,
        lines: out
            .lines
            .into_iter()
            .map(|l| ClaimLine {
                index: crate::signed::long(l.index),
                employee: l.employee,
                outcome: l.outcome,
                error: l.error.as_ref().map(ApartError::of_record),
            })
            .collect(),
        totals: ClaimTotals {
            employees: crate::signed::long(t.employees),
            employees_refused: crate::signed::long(t.employees_refused),
            hours_not_worked: t.hours_not_worked,
            hours_compensated: t.hours_compensated,
            hours_allocated: t.hours_allocated,
            employee_indemnity: t.employee_indemnity,
            rmm_complement: t.rmm_complement,
            employer_allocation: t.employer_allocation,
            rest_payable_by_employer: t.rest_payable_by_employer,
        },
    })
}

/// The legal monthly hours of a full-timer (151.67).
#[uniffi::export]
pub fn legal_monthly_hours() -> Hours {
    Hours::new(core::LEGAL_MONTHLY_HOURS)
}

// ---------------------------------------------------------------------------------------------
// Law tables

/// The law tables (SMIC, rates, floors, ceilings, quotas…), built in and overridable without a
/// new release: a decree published after this version is one law file (`apply_file`) or one
/// `upsert_row` away.
#[derive(Debug, uniffi::Object)]
pub struct LawBook(RwLock<law::LawBook>);

impl LawBook {
    pub(crate) fn read(&self) -> std::sync::RwLockReadGuard<'_, law::LawBook> {
        // A poisoned lock means a panic mid-write, which the core's methods do not have.
        self.0.read().unwrap_or_else(|p| p.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, law::LawBook> {
        self.0.write().unwrap_or_else(|p| p.into_inner())
    }
}

/// The core's parser of table ids (`LAW_UNKNOWN_PARAMETER`).
fn param(id: &str) -> Result<law::Param, ApartError> {
    Ok(id.parse::<law::Param>()?)
}

#[uniffi::export]
impl LawBook {
    /// The tables shipped with this version (see `law_data_version()`).
    #[uniffi::constructor]
    pub fn builtin() -> Result<Arc<LawBook>, ApartError> {
        // The core parses the built-in tables once per process; each book is a copy of it.
        Ok(Arc::new(LawBook(RwLock::new(
            law::LawBook::shared()?.clone(),
        ))))
    }

    /// The ids of every table (`smic_hourly`, `indemnity_floor`…).
    pub fn params(&self) -> Vec<String> {
        law::Param::ALL.iter().map(|p| p.id().to_owned()).collect()
    }

    /// The row of table `param` in force at `date`.
    pub fn lookup(&self, param: String, date: CivilDate) -> Result<law::Row, ApartError> {
        Ok(self.read().lookup(self::param(&param)?, date)?.clone())
    }

    /// Every row of table `param`, oldest first.
    pub fn rows(&self, param: String) -> Result<Vec<law::Row>, ApartError> {
        Ok(self.read().table(self::param(&param)?)?.values.clone())
    }

    /// Table `param` as JSON (unit, description, rows, validity).
    pub fn table_json(&self, param: String) -> Result<String, ApartError> {
        let book = self.read();
        let table = book.table(self::param(&param)?)?;
        Ok(serde_json::to_string(table).unwrap_or_default())
    }

    /// Adds or replaces the row of `param` starting at `row.from` (a decree published after this
    /// version), in the shape of the data files: `value` a decimal, `none` or `unknown`.
    pub fn upsert_row(&self, param: String, row: law::Row) -> Result<(), ApartError> {
        Ok(self.write().upsert_row(self::param(&param)?, row)?)
    }

    /// Applies a law file (the built-in table format, one table or several under
    /// `[[tables]]`): all of it, or nothing. Returns the ids of the tables it changed. The
    /// file's `verified_until` vouches for every table of the book, not only those of the file
    /// (a floor decree may lag the SMIC by a month): to vouch for one table, give that table
    /// its own `valid_until`.
    pub fn apply_file(&self, text: String) -> Result<Vec<String>, ApartError> {
        let mut book = self.write();
        let changes = book.apply_file(&text)?;
        Ok(changes.iter().map(|c| c.param.id().to_owned()).collect())
    }

    /// The last date every table is verified for.
    pub fn verified_until(&self) -> CivilDate {
        self.read().verified_until()
    }

    /// Extends (or shortens) the known validity of table `param`.
    pub fn set_valid_until(&self, param: String, until: CivilDate) -> Result<(), ApartError> {
        Ok(self.write().set_valid_until(self::param(&param)?, until)?)
    }

    /// Replaces table `param` with a TOML table in the built-in format.
    pub fn replace_table(&self, param: String, toml_text: String) -> Result<(), ApartError> {
        Ok(self
            .write()
            .replace_table(self::param(&param)?, &toml_text)?)
    }

    /// The problems of the tables (a table verified for less than this release, dates not
    /// increasing, values out of range): one `LAW_INVALID_DATA` error per problem, returned
    /// rather than thrown, its `problem` detail saying which; empty when all hold.
    pub fn problems(&self) -> Vec<ApartError> {
        self.read().problems().iter().map(ApartError::of).collect()
    }
}

/// Which release of the law the built-in tables hold (`2026-01 (décret n° 2026-35, …)`).
#[uniffi::export]
pub fn law_data_version() -> String {
    law::DATA_VERSION.to_owned()
}

/// The first date the built-in tables cover.
#[uniffi::export]
pub fn law_first_date() -> CivilDate {
    law::FIRST_DATE
}

/// The last date the built-in tables are known to be valid for.
#[uniffi::export]
pub fn law_last_known_date() -> CivilDate {
    law::LAST_KNOWN_DATE
}

// ---------------------------------------------------------------------------------------------
// Money (`apart::money`): the few operations a front end needs on its own.

/// `value` rounded to the cent, half away from zero (the library's one rounding rule).
#[uniffi::export]
pub fn round_cents(value: DecimalNumber) -> Result<DecimalNumber, ApartError> {
    Ok(apart::money::round_cents(value))
}

/// A rate from a percentage (`60` gives `0.6`).
#[uniffi::export]
pub fn rate_from_percent(percent: DecimalNumber) -> Result<apart::money::Rate, ApartError> {
    Ok(apart::money::Rate::from_percent(percent))
}

/// A rate as a percentage (`0.6` gives `60`).
#[uniffi::export]
pub fn rate_as_percent(rate: apart::money::Rate) -> Result<DecimalNumber, ApartError> {
    Ok(rate.as_percent()?)
}

/// A rate written for people (`60 %`).
#[uniffi::export]
pub fn rate_to_percent_string(rate: apart::money::Rate) -> Result<String, ApartError> {
    Ok(rate.to_percent_string())
}

/// The month of `date`.
#[uniffi::export]
pub fn month_of(date: CivilDate) -> Result<Month, ApartError> {
    Ok(Month::of(date))
}

/// The first day of `month`.
#[uniffi::export]
pub fn month_first_day(month: Month) -> Result<CivilDate, ApartError> {
    Ok(month.first_day())
}

/// The last day of `month`.
#[uniffi::export]
pub fn month_last_day(month: Month) -> Result<CivilDate, ApartError> {
    Ok(month.last_day())
}
