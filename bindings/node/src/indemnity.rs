//! The indemnity and allocation engine (`apart::indemnity`, `apart::money`, `apart::law`).
//!
//! Inputs and outputs are the core's records, in its JSON form (snake_case keys, as in
//! `tests/vectors/indemnity.json`): decimals are strings (a `number` is accepted on input and
//! turned into its shortest decimal representation), months `"YYYY-MM"`, dates ISO strings (or a
//! `Date` at midnight UTC on input). Every decimal, month and enum is parsed by the core, so a
//! bad value is the core's error (`VALUE_INVALID_DECIMAL`, `VALUE_INVALID_MONTH`, `INDEMNITY_*`).

use std::str::FromStr;

use apart::calendar::Month;
use apart::indemnity as core;
use apart::law::LawBook as CoreLawBook;
use apart::money::{Euros, HourlyAmount, Hours, RoundingPolicy};
use napi::{Either, Env, JsDate};
use napi_derive::napi;
use serde_json::Value;

use crate::convert;
use crate::error::OrThrow;
use crate::records::{self, to_json as json};

/// The law as embedded in this release (the core reads it once per process).
fn book(env: &Env) -> napi::Result<&'static CoreLawBook> {
    CoreLawBook::shared().or_throw(env)
}

/// The caller's book if given, else the embedded one.
pub(crate) fn book_or<'a>(env: &Env, law: Option<&'a LawBook>) -> napi::Result<&'a CoreLawBook> {
    match law {
        Some(l) => Ok(&l.inner),
        None => book(env),
    }
}

/// The legal parameters (SMIC, rates, floors, ceilings, quotas) as dated rows with their
/// sources: `new LawBook()` is the law embedded in this release; a caller adds a row (a decree
/// published after the release) or replaces a table without a new version, and passes the book
/// to `compute`, `computeClaim` and `contributions`.
#[napi]
#[derive(Debug)]
pub struct LawBook {
    inner: CoreLawBook,
}

fn param(env: &Env, param: &str) -> napi::Result<apart::law::Param> {
    param.parse().or_throw(env)
}

#[napi]
impl LawBook {
    /// The law embedded in this release. Throws a `LawError` if it does not load (it is
    /// checked by the tests, so it does).
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env) -> napi::Result<Self> {
        Ok(LawBook {
            inner: book(&env)?.clone(),
        })
    }

    /// Adds or replaces a row of `param` (a table id such as `smic_hourly`), in the shape of
    /// the data files: `{ from: '2026-06-01', value: '12.31', status: 'confirmed', source: {
    /// title: 'Arrêté du 22 mai 2026' } }` (`value`: a decimal as text, `none` or `unknown`;
    /// `status` defaults to confirmed). Throws a `LawError` (unknown table, value out of the
    /// table's range, no source) or an `InputError` for a malformed row.
    #[napi(
        catch_unwind,
        ts_args_type = "param: string, row: { from: string; value: string; status?: 'confirmed' | 'unconfirmed'; source: { title: string; href?: string }; note?: string }"
    )]
    pub fn upsert_row(&mut self, env: Env, param: String, row: Value) -> napi::Result<()> {
        let param = self::param(&env, &param)?;
        let row: apart::law::Row = apart::value::from_json_value(row)
            .map_err(|e| e.with_field("row"))
            .or_throw(&env)?;
        self.inner.upsert_row(param, row).or_throw(&env)
    }

    /// Applies a law file (the built-in table format, the same file as `apart simulate --law
    /// FILE`): one table (`id` and `[[values]]`) or several under `[[tables]]`, with an
    /// optional `verified_until`. All of it or nothing; returns the ids of the tables changed.
    #[napi(catch_unwind)]
    pub fn apply_file(&mut self, env: Env, text: String) -> napi::Result<Vec<String>> {
        let changes = self.inner.apply_file(&text).or_throw(&env)?;
        Ok(changes.iter().map(|c| c.param.id().to_owned()).collect())
    }

    /// The last date every table is verified for (`YYYY-MM-DD`); later months compute with
    /// the values in force and a `LAW_BEYOND_VERIFIED_DATE` warning.
    #[napi(catch_unwind)]
    pub fn verified_until(&self) -> String {
        let d = self.inner.verified_until();
        format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
    }

    /// Declares the table of `param` verified until `until` (later dates compute with the rows
    /// in force and a warning, or are refused with `strict_law_dates`).
    #[napi(catch_unwind, ts_args_type = "param: string, until: string | Date")]
    pub fn set_valid_until(
        &mut self,
        env: Env,
        param: String,
        until: Either<String, JsDate<'_>>,
    ) -> napi::Result<()> {
        let param = self::param(&env, &param)?;
        let until = records::date(&env, "until", until)?;
        self.inner.set_valid_until(param, until).or_throw(&env)
    }

    /// Replaces the table of `param` by one written in the embedded tables' TOML format.
    #[napi(catch_unwind)]
    pub fn replace_table(&mut self, env: Env, param: String, toml: String) -> napi::Result<()> {
        let param = self::param(&env, &param)?;
        self.inner.replace_table(param, &toml).or_throw(&env)
    }

    /// What the table checks find wrong (dates not increasing, gaps, values out of range):
    /// empty for a sound book.
    #[napi(catch_unwind)]
    pub fn problems(&self) -> Vec<String> {
        self.inner.problems()
    }

    /// Every table, each row with its start date, value and source.
    #[napi(catch_unwind, ts_return_type = "Array<Record<string, unknown>>")]
    pub fn tables(&self) -> napi::Result<Value> {
        json(&self.inner.tables())
    }
}

type Decimal = Either<String, f64>;

/// One employee's month, as `apart::indemnity::EmployeeMonth` (snake_case keys). Decimals are
/// strings or numbers; absent fields take the core's defaults (151.67 contract hours, droit
/// commun, full time, mainland).
#[napi(object)]
#[allow(missing_debug_implementations)] // `JsDate` has no `Debug`
pub struct EmployeeMonth<'a> {
    /// The employee's reference, echoed in the outcome.
    pub employee: Option<String>,
    /// The month of the hours not worked, `"YYYY-MM"`.
    pub month: String,
    /// The date whose parameters apply, when a change falls inside the month.
    #[napi(js_name = "hours_date")]
    pub hours_date: Option<Either<String, JsDate<'a>>>,
    /// Gross monthly pay for the contract hours (€).
    #[napi(js_name = "gross_monthly", ts_type = "string | number")]
    pub gross_monthly: Decimal,
    /// Average of the variable pay of the last 12 months (€).
    #[napi(js_name = "variable_pay_average", ts_type = "string | number")]
    pub variable_pay_average: Option<Decimal>,
    /// Monthly contract hours.
    #[napi(js_name = "contract_hours", ts_type = "string | number")]
    pub contract_hours: Option<Decimal>,
    /// Hours not worked this month.
    #[napi(js_name = "hours_not_worked", ts_type = "string | number")]
    pub hours_not_worked: Option<Decimal>,
    /// Days not worked (forfait-jours employees), converted by the core.
    #[napi(js_name = "days_not_worked", ts_type = "string | number")]
    pub days_not_worked: Option<Decimal>,
    /// Hours of training during the hours not worked.
    #[napi(js_name = "training_hours", ts_type = "string | number")]
    pub training_hours: Option<Decimal>,
    /// Net hourly pay (for training hours).
    #[napi(js_name = "net_hourly_pay", ts_type = "string | number")]
    pub net_hourly_pay: Option<Decimal>,
    /// The regime (`Regime`).
    #[napi(ts_type = "Regime | `${Regime}`")]
    pub regime: Option<String>,
    /// The employee's category (`Category`).
    #[napi(ts_type = "Category | `${Category}`")]
    pub category: Option<String>,
    /// The territory (`PayTerritory`).
    #[napi(ts_type = "PayTerritory | `${PayTerritory}`")]
    pub territory: Option<String>,
    /// How overtime counts (`Overtime`).
    #[napi(ts_type = "Overtime | `${Overtime}`")]
    pub overtime: Option<String>,
    /// APLD of a protected or closed employer: the Covid regime whose majorated rate applies.
    #[napi(js_name = "apld_majorated_by", ts_type = "Regime | `${Regime}`")]
    pub apld_majorated_by: Option<String>,
    /// Hours already allocated this calendar year (for the annual quota).
    #[napi(js_name = "hours_used_this_year", ts_type = "string | number")]
    pub hours_used_this_year: Option<Decimal>,
    /// Net pay of the hours worked (for CSG/CRDS and the RMM complement).
    #[napi(js_name = "net_pay_worked", ts_type = "string | number")]
    pub net_pay_worked: Option<Decimal>,
    /// The monthly minimum wage net (RMM), for the complement.
    #[napi(js_name = "rmm_net", ts_type = "string | number")]
    pub rmm_net: Option<Decimal>,
    /// APLD: the accord's period of application, in months.
    #[napi(js_name = "apld_period_months")]
    pub apld_period_months: Option<u32>,
    /// APLD: hours already compensated in the accord's period.
    #[napi(js_name = "apld_hours_used", ts_type = "string | number")]
    pub apld_hours_used: Option<Decimal>,
    /// APLD: months of allocation already used (this month excluded).
    #[napi(js_name = "apld_months_used")]
    pub apld_months_used: Option<u32>,
    /// APLD: the accord allows the exceptional 50 % reduction.
    #[napi(js_name = "apld_exceptional_reduction")]
    pub apld_exceptional_reduction: Option<bool>,
    /// Conventional complement: the total paid, as a fraction of the hourly reference.
    #[napi(js_name = "complement_rate", ts_type = "string | number")]
    pub complement_rate: Option<Decimal>,
    /// Conventional complement: a monthly amount above the legal indemnity (€).
    #[napi(js_name = "complement_amount", ts_type = "string | number")]
    pub complement_amount: Option<Decimal>,
}

fn text(env: &Env, argument: &'static str, value: Decimal) -> napi::Result<String> {
    convert::decimal(argument, value).or_throw(env)
}

fn parse<T: FromStr>(env: &Env, argument: &'static str, value: Decimal) -> napi::Result<T>
where
    T::Err: crate::error::JsClass,
{
    let s = text(env, argument, value)?;
    s.parse::<T>().or_throw(env)
}

fn opt<T: FromStr>(
    env: &Env,
    argument: &'static str,
    value: Option<Decimal>,
) -> napi::Result<Option<T>>
where
    T::Err: crate::error::JsClass,
{
    value.map(|v| parse(env, argument, v)).transpose()
}

pub(crate) fn employee_month(env: &Env, e: EmployeeMonth<'_>) -> napi::Result<core::EmployeeMonth> {
    let month: Month = e.month.parse().or_throw(env)?;
    let gross: Euros = parse(env, "gross_monthly", e.gross_monthly)?;
    let hours: Hours = opt(env, "hours_not_worked", e.hours_not_worked)?.unwrap_or(Hours::ZERO);
    let mut m = core::EmployeeMonth::new(month, gross, hours);
    m.employee = e.employee;
    if let Some(d) = e.hours_date {
        m.hours_date = Some(records::date(env, "hours_date", d)?);
    }
    if let Some(v) = opt(env, "variable_pay_average", e.variable_pay_average)? {
        m.variable_pay_average = v;
    }
    if let Some(v) = opt(env, "contract_hours", e.contract_hours)? {
        m.contract_hours = v;
    }
    if let Some(v) = e.days_not_worked {
        let s = text(env, "days_not_worked", v)?;
        let d = apart::value::parse_decimal(apart::value::DecimalKind::Days, s.trim())
            .map_err(|e| e.with_field("days_not_worked"))
            .or_throw(env)?;
        m.days_not_worked = Some(d);
    }
    if let Some(v) = opt(env, "training_hours", e.training_hours)? {
        m.training_hours = v;
    }
    m.net_hourly_pay = opt::<HourlyAmount>(env, "net_hourly_pay", e.net_hourly_pay)?;
    if let Some(r) = e.regime {
        m.regime = r.parse().or_throw(env)?;
    }
    if let Some(c) = e.category {
        m.category = c.parse().or_throw(env)?;
    }
    if let Some(t) = e.territory {
        m.territory = t.parse().or_throw(env)?;
    }
    if let Some(o) = e.overtime {
        m.overtime = o.parse().or_throw(env)?;
    }
    m.apld_majorated_by = e
        .apld_majorated_by
        .map(|r| r.parse())
        .transpose()
        .or_throw(env)?;
    if let Some(v) = opt(env, "hours_used_this_year", e.hours_used_this_year)? {
        m.hours_used_this_year = v;
    }
    m.net_pay_worked = opt(env, "net_pay_worked", e.net_pay_worked)?;
    m.rmm_net = opt(env, "rmm_net", e.rmm_net)?;
    m.apld_period_months = e.apld_period_months;
    if let Some(v) = opt(env, "apld_hours_used", e.apld_hours_used)? {
        m.apld_hours_used = v;
    }
    m.apld_months_used = e.apld_months_used;
    m.apld_exceptional_reduction = e.apld_exceptional_reduction.unwrap_or(false);
    m.complement_rate = opt(env, "complement_rate", e.complement_rate)?;
    m.complement_amount = opt(env, "complement_amount", e.complement_amount)?;
    Ok(m)
}

/// How to compute (the core's `Options`; absent fields take its defaults).
#[napi(object)]
#[derive(Debug, Default)]
pub struct IndemnityOptions {
    /// `per_hour` (default: the published practice) or `exact`.
    #[napi(ts_type = "'per_hour' | 'exact'")]
    pub rounding: Option<String>,
    /// `by_period` (default: hourly until 2022, the RMM only from 2023), `rmm_only` or
    /// `hourly`: the hourly floor for full-timers.
    #[napi(
        js_name = "full_time_floor",
        ts_type = "'by_period' | 'rmm_only' | 'hourly'"
    )]
    pub full_time_floor: Option<String>,
    /// `off` (default) or `on`: the explanation, step by step, in French and English.
    #[napi(ts_type = "'off' | 'on'")]
    pub explain: Option<String>,
    /// Refuse months after the law's verified date (default: compute with the values in
    /// force, warning `LAW_BEYOND_VERIFIED_DATE`).
    #[napi(js_name = "strict_law_dates")]
    pub strict_law_dates: Option<bool>,
}

pub(crate) fn options(env: &Env, o: Option<IndemnityOptions>) -> napi::Result<core::Options> {
    let o = o.unwrap_or_default();
    let mut options = core::Options::default();
    if let Some(r) = o.rounding {
        options.rounding = r.parse::<RoundingPolicy>().or_throw(env)?;
    }
    if let Some(f) = o.full_time_floor {
        options.full_time_floor = f.parse().or_throw(env)?;
    }
    if let Some(x) = o.explain {
        options.explain = x.parse().or_throw(env)?;
    }
    options.strict_law_dates = o.strict_law_dates.unwrap_or(false);
    Ok(options)
}

/// One employee, one month: the hourly reference, the indemnity the employer pays, the
/// allocation the State pays back, hours refused, CSG/CRDS, the RMM complement, warnings and
/// (with `explain: 'on'`) every step. Throws an `IndemnityError` (or `ValueError` for a bad
/// decimal or month).
#[napi(catch_unwind, ts_return_type = "IndemnityOutcome")]
pub fn compute(
    env: Env,
    input: EmployeeMonth<'_>,
    options: Option<IndemnityOptions>,
    law: Option<&LawBook>,
) -> napi::Result<Value> {
    let input = employee_month(&env, input)?;
    let options = self::options(&env, options)?;
    let out = core::compute(book_or(&env, law)?, &input, &options).or_throw(&env)?;
    json(&out)
}

/// A whole monthly claim (the DI) of one establishment: one line per employee (its outcome, or
/// its error's code and message: one bad line does not stop the others) and the totals. Throws
/// only for a bad month, options or input record.
#[napi(catch_unwind, ts_return_type = "ClaimOutcome")]
pub fn compute_claim(
    env: Env,
    month: String,
    employees: Vec<EmployeeMonth<'_>>,
    options: Option<IndemnityOptions>,
    law: Option<&LawBook>,
) -> napi::Result<Value> {
    let month: Month = month.parse().or_throw(&env)?;
    let employees = employees
        .into_iter()
        .map(|e| employee_month(&env, e))
        .collect::<napi::Result<Vec<_>>>()?;
    let options = self::options(&env, options)?;
    json(&core::compute_claim(
        book_or(&env, law)?,
        month,
        &employees,
        &options,
    ))
}

/// CSG, CRDS and the Alsace-Moselle levy on an indemnity, with the écrêtement. Throws an
/// `IndemnityError`.
#[napi(
    catch_unwind,
    ts_args_type = "date: string | Date, territory: PayTerritory | `${PayTerritory}`, indemnity: string | number, netPayWorked: string | number, law?: LawBook | undefined | null",
    ts_return_type = "Contributions"
)]
pub fn contributions(
    env: Env,
    date: Either<String, JsDate<'_>>,
    territory: String,
    indemnity: Decimal,
    net_pay_worked: Decimal,
    law: Option<&LawBook>,
) -> napi::Result<Value> {
    let date = records::date(&env, "date", date)?;
    let territory: core::PayTerritory = territory.parse().or_throw(&env)?;
    let indemnity: Euros = parse(&env, "indemnity", indemnity)?;
    let net: Euros = parse(&env, "netPayWorked", net_pay_worked)?;
    json(
        &core::contributions(book_or(&env, law)?, date, territory, indemnity, net)
            .or_throw(&env)?,
    )
}

/// The legal parameter tables embedded in this release (SMIC, rates, floors, ceilings, quotas),
/// each row with its start date, value and source (`new LawBook().tables()` gives the same).
#[napi(catch_unwind, ts_return_type = "Array<Record<string, unknown>>")]
pub fn law_tables(env: Env) -> napi::Result<Value> {
    json(&book(&env)?.tables())
}

/// The regime of the hours not worked.
#[napi(string_enum)]
#[derive(Debug)]
pub enum Regime {
    /// Droit commun.
    #[napi(value = "droit_commun")]
    DroitCommun,
    /// Activité partielle de longue durée.
    #[napi(value = "apld")]
    Apld,
    /// APLD « rebond ».
    #[napi(value = "apld_rebond")]
    ApldRebond,
    /// Covid: protected sectors.
    #[napi(value = "covid_protected")]
    CovidProtected,
    /// Covid: establishments closed by order.
    #[napi(value = "covid_closed")]
    CovidClosed,
    /// Covid: vulnerable employees.
    #[napi(value = "covid_vulnerable")]
    CovidVulnerable,
    /// Covid: childcare.
    #[napi(value = "covid_childcare")]
    CovidChildcare,
    /// Mayotte after cyclone Chido.
    #[napi(value = "mayotte_chido")]
    MayotteChido,
}

/// The employee's category.
#[napi(string_enum)]
#[derive(Debug)]
pub enum Category {
    /// Full time.
    #[napi(value = "full_time")]
    FullTime,
    /// Part time.
    #[napi(value = "part_time")]
    PartTime,
    /// Temporary-agency worker.
    #[napi(value = "temporary")]
    Temporary,
    /// CDI intérimaire.
    #[napi(value = "permanent_temporary")]
    PermanentTemporary,
    /// Apprentice.
    #[napi(value = "apprentice")]
    Apprentice,
    /// Contrat de professionnalisation.
    #[napi(value = "professionalisation_contract")]
    ProfessionalisationContract,
    /// Pigiste.
    #[napi(value = "freelance_journalist")]
    FreelanceJournalist,
    /// VRP.
    #[napi(value = "sales_representative")]
    SalesRepresentative,
}

/// The territory, for rates and levies.
#[napi(string_enum)]
#[derive(Debug)]
pub enum PayTerritory {
    /// Mainland France and the overseas departments other than Mayotte.
    #[napi(value = "mainland")]
    Mainland,
    /// Mayotte.
    #[napi(value = "mayotte")]
    Mayotte,
    /// Alsace-Moselle (local levy).
    #[napi(value = "alsace_moselle")]
    AlsaceMoselle,
}

/// How overtime counts in the hourly reference.
#[napi(string_enum)]
#[derive(Debug)]
pub enum Overtime {
    /// Not counted (default).
    #[napi(value = "not_counted")]
    NotCounted,
    /// Structural overtime: the contract hours are the divisor.
    #[napi(value = "structural")]
    Structural,
}
