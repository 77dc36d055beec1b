//! The indemnity and allocation of one employee-month, contributions, monthly claims
//! (`apart::indemnity`), and the law tables they read (`apart::law`).
//!
//! Amounts, hours and rates are the core's newtypes as custom types (`BigDecimal` in Kotlin);
//! the enums and records are the core's own (derived in `apart` behind its `uniffi` feature),
//! except those with unsigned counts, mirrored here with signed ones for Java: `EmployeeMonth`
//! (`apld_period_months`, `apld_months_used`) and the claim's `ClaimLine` and `ClaimTotals`.

use std::sync::{Arc, RwLock};

use apart::calendar::Month;
use apart::indemnity as core;
use apart::law;
use apart::money::{Euros, HourlyAmount, Hours};

use crate::signed::{int, optional_count};
use crate::{ApartError, CivilDate, DecimalNumber};

// The core's enums and records, derived where they are defined (`apart`'s `uniffi` feature).
pub use apart::indemnity::{
    Category, Contributions, Explain, ExplanationStep, FullTimeFloor, Options, Outcome, Overtime,
    PayTerritory, RefusedHours, Regime, Rounding, StepValue, Warning,
};
pub use apart::money::RoundingPolicy;

/// One employee's month: pay, hours not worked and the facts the rules need. Every field but
/// `month` and `gross_monthly` has the core's default (options and booleans here, the others
/// from `apart::ffi_uniffi::record_defaults`): Kotlin `EmployeeMonth(month = …, grossMonthly =
/// …, hoursNotWorked = …)`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EmployeeMonth {
    /// The caller's employee reference, echoed in the outcome.
    #[uniffi(default)]
    pub employee: Option<String>,
    /// The month of the hours not worked.
    pub month: Month,
    /// The date of the hours, when it matters (a rate changing mid-month).
    #[uniffi(default)]
    pub hours_date: Option<CivilDate>,
    /// Gross monthly pay for the contract hours.
    pub gross_monthly: Euros,
    /// Average variable pay of the last 12 months.
    pub variable_pay_average: Euros,
    /// Contract hours per month (151.67 full time).
    pub contract_hours: Hours,
    /// Hours not worked this month.
    pub hours_not_worked: Hours,
    /// Days not worked (forfait-jours employees).
    #[uniffi(default)]
    pub days_not_worked: Option<DecimalNumber>,
    /// Training hours among the hours not worked.
    pub training_hours: Hours,
    /// Net hourly pay, for the RMM complement.
    #[uniffi(default)]
    pub net_hourly_pay: Option<HourlyAmount>,
    /// The scheme.
    pub regime: Regime,
    /// The employee's category.
    pub category: Category,
    /// Where the employee works.
    pub territory: PayTerritory,
    /// Structural overtime.
    pub overtime: Overtime,
    /// The APLD majoration's scheme, when any.
    #[uniffi(default)]
    pub apld_majorated_by: Option<Regime>,
    /// Hours already used this year (annual quota).
    pub hours_used_this_year: Hours,
    /// Net pay for the hours worked, for contributions.
    #[uniffi(default)]
    pub net_pay_worked: Option<Euros>,
    /// The RMM (net monthly minimum), when known.
    #[uniffi(default)]
    pub rmm_net: Option<Euros>,
    /// APLD: the accord's period of application in months.
    #[uniffi(default)]
    pub apld_period_months: Option<i32>,
    /// APLD: hours already compensated in the accord's period.
    pub apld_hours_used: Hours,
    /// APLD: months of allocation already used (this month excluded).
    #[uniffi(default)]
    pub apld_months_used: Option<i32>,
    /// APLD: the accord allows the exceptional 50 % reduction.
    #[uniffi(default)]
    pub apld_exceptional_reduction: bool,
    /// Conventional complement: the total paid as a fraction of the hourly reference.
    #[uniffi(default)]
    pub complement_rate: Option<apart::money::Rate>,
    /// Conventional complement: a monthly amount above the legal indemnity.
    #[uniffi(default)]
    pub complement_amount: Option<Euros>,
}

/// An employee-month with the core's defaults for everything but the three essentials.
#[uniffi::export]
pub fn employee_month(
    month: Month,
    gross_monthly: Euros,
    hours_not_worked: Hours,
) -> Result<EmployeeMonth, ApartError> {
    core::EmployeeMonth::new(month, gross_monthly, hours_not_worked).try_into()
}

impl TryFrom<EmployeeMonth> for core::EmployeeMonth {
    type Error = ApartError;
    fn try_from(e: EmployeeMonth) -> Result<Self, ApartError> {
        let mut m = core::EmployeeMonth::new(e.month, e.gross_monthly, e.hours_not_worked);
        m.employee = e.employee;
        m.hours_date = e.hours_date;
        m.variable_pay_average = e.variable_pay_average;
        m.contract_hours = e.contract_hours;
        m.days_not_worked = e.days_not_worked;
        m.training_hours = e.training_hours;
        m.net_hourly_pay = e.net_hourly_pay;
        m.regime = e.regime;
        m.category = e.category;
        m.territory = e.territory;
        m.overtime = e.overtime;
        m.apld_majorated_by = e.apld_majorated_by;
        m.hours_used_this_year = e.hours_used_this_year;
        m.net_pay_worked = e.net_pay_worked;
        m.rmm_net = e.rmm_net;
        m.apld_period_months = optional_count(e.apld_period_months, "apld_period_months")?;
        m.apld_hours_used = e.apld_hours_used;
        m.apld_months_used = optional_count(e.apld_months_used, "apld_months_used")?;
        m.apld_exceptional_reduction = e.apld_exceptional_reduction;
        m.complement_rate = e.complement_rate;
        m.complement_amount = e.complement_amount;
        Ok(m)
    }
}

impl TryFrom<core::EmployeeMonth> for EmployeeMonth {
    type Error = ApartError;
    fn try_from(m: core::EmployeeMonth) -> Result<Self, ApartError> {
        Ok(EmployeeMonth {
            employee: m.employee,
            month: m.month,
            hours_date: m.hours_date,
            gross_monthly: m.gross_monthly,
            variable_pay_average: m.variable_pay_average,
            contract_hours: m.contract_hours,
            hours_not_worked: m.hours_not_worked,
            days_not_worked: m.days_not_worked,
            training_hours: m.training_hours,
            net_hourly_pay: m.net_hourly_pay,
            regime: m.regime,
            category: m.category,
            territory: m.territory,
            overtime: m.overtime,
            apld_majorated_by: m.apld_majorated_by,
            hours_used_this_year: m.hours_used_this_year,
            net_pay_worked: m.net_pay_worked,
            rmm_net: m.rmm_net,
            apld_period_months: m.apld_period_months.map(int),
            apld_hours_used: m.apld_hours_used,
            apld_months_used: m.apld_months_used.map(int),
            apld_exceptional_reduction: m.apld_exceptional_reduction,
            complement_rate: m.complement_rate,
            complement_amount: m.complement_amount,
        })
    }
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
    Ok(core::simulate(&input.try_into()?, &options)?)
}

/// One employee-month with `book`'s law tables (built-in, or overridden by the caller).
#[uniffi::export]
pub fn compute(
    book: &LawBook,
    input: EmployeeMonth,
    options: Options,
) -> Result<Outcome, ApartError> {
    Ok(core::compute(&book.read(), &input.try_into()?, &options)?)
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
    let employees = employees
        .into_iter()
        .map(TryInto::try_into)
        .collect::<Result<Vec<core::EmployeeMonth>, ApartError>>()?;
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

/// One dated row of a law table.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LawRow {
    /// The first date the row applies to (dates of the hours, never of filing).
    pub from: CivilDate,
    /// The value; `null` when not applicable or unknown (see `value_text`).
    pub value: Option<DecimalNumber>,
    /// The value as the table writes it: a decimal, `none` or `unknown`.
    pub value_text: String,
    /// Whether the source confirms the value.
    pub confirmed: bool,
    /// The source's title (decree, article).
    pub source_title: String,
    /// The source's link.
    pub source_href: Option<String>,
    /// A note.
    pub note: Option<String>,
}

impl From<&law::Row> for LawRow {
    fn from(r: &law::Row) -> Self {
        LawRow {
            from: r.from,
            value: r.value.known(),
            value_text: r.value.to_string(),
            confirmed: r.status == law::Status::Confirmed,
            source_title: r.source.title.clone(),
            source_href: r.source.href.clone(),
            note: r.note.clone(),
        }
    }
}

/// A row to add to a law table, in the shape of the data files (`from`, `value`, `status`,
/// `source`, `note`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LawRowInput {
    /// The first date of the hours not worked the row applies to.
    pub from: CivilDate,
    /// A decimal, `none` or `unknown`.
    pub value: String,
    /// `confirmed` or `unconfirmed`.
    pub status: String,
    /// The text the value comes from.
    pub source: LawSource,
    /// Secondary sources and remarks.
    pub note: Option<String>,
}

/// The legal text of a row.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LawSource {
    /// The decree, arrêté or article.
    pub title: String,
    /// Its address, where known.
    pub href: Option<String>,
}

impl TryFrom<LawRowInput> for law::Row {
    type Error = ApartError;
    fn try_from(r: LawRowInput) -> Result<Self, ApartError> {
        let value: law::Value = r.value.parse()?;
        let status = match r.status.trim() {
            "" => law::Status::Confirmed,
            other => other.parse::<law::Status>()?,
        };
        Ok(law::Row {
            from: r.from,
            value,
            status,
            source: law::Source {
                title: r.source.title,
                href: r.source.href,
            },
            note: r.note,
        })
    }
}

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
    pub fn lookup(&self, param: String, date: CivilDate) -> Result<LawRow, ApartError> {
        Ok(self.read().lookup(self::param(&param)?, date)?.into())
    }

    /// Every row of table `param`, oldest first.
    pub fn rows(&self, param: String) -> Result<Vec<LawRow>, ApartError> {
        Ok(self
            .read()
            .table(self::param(&param)?)?
            .values
            .iter()
            .map(LawRow::from)
            .collect())
    }

    /// Table `param` as JSON (unit, description, rows, validity).
    pub fn table_json(&self, param: String) -> Result<String, ApartError> {
        let book = self.read();
        let table = book.table(self::param(&param)?)?;
        Ok(serde_json::to_string(table).unwrap_or_default())
    }

    /// Adds or replaces the row of `param` starting at `row.from` (a decree published after this
    /// version). The row has the shape of the data files: `value` a decimal, `none` or
    /// `unknown`; `status` `confirmed` or `unconfirmed`.
    pub fn upsert_row(&self, param: String, row: LawRowInput) -> Result<(), ApartError> {
        let row = law::Row::try_from(row)?;
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
