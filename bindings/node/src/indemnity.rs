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
use apart::money::Euros;
use napi::bindgen_prelude::{Array, FromNapiValue, JsObjectValue, Object, Unknown};
use napi::{Either, Env, JsValue, ValueType, sys};
use napi_derive::napi;
use serde_json::Value;

use crate::arg;
use crate::error::OrThrow;
use crate::records::{self, to_json as json};

/// The law as embedded in this release (the core reads it once per process).
fn book(env: &Env) -> napi::Result<&'static CoreLawBook> {
    CoreLawBook::shared().or_throw(env)
}

/// The optional `law` argument: the caller's `LawBook`, else (`undefined`, `null`) the law
/// embedded in this release.
#[derive(Debug)]
pub struct Law(pub &'static CoreLawBook);

#[allow(unsafe_code)]
impl FromNapiValue for Law {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        // SAFETY: napi-rs calls this with the values of the current call.
        let found = unsafe { Unknown::from_napi_value(env, value) }?;
        if matches!(found.get_type()?, ValueType::Undefined | ValueType::Null) {
            return book(&Env::from_raw(env)).map(Law);
        }
        // SAFETY: as above.
        let arg::Instance(law) = unsafe { arg::Instance::<LawBook>::from_napi_value(env, value) }?;
        Ok(Law(&law.inner))
    }
}

/// The legal parameters (SMIC, rates, floors, ceilings, quotas) as dated rows with their
/// sources: `new LawBook()` is the law embedded in this release; a caller adds a row (a decree
/// published after the release) or replaces a table without a new version, and passes the book
/// to `compute`, `computeClaim` and `contributions`.
#[napi]
#[derive(Debug)]
pub struct LawBook {
    pub(crate) inner: CoreLawBook,
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
        ts_args_type = "param: string, row: import('./records').LawRow"
    )]
    pub fn upsert_row(
        &mut self,
        env: Env,
        param: arg::String,
        row: Unknown<'_>,
    ) -> napi::Result<()> {
        let param = param.parse().or_throw(&env)?;
        let row: apart::law::Row = records::record(&env, &row)?;
        self.inner.upsert_row(param, row).or_throw(&env)
    }

    /// Applies a law file (the built-in table format, the same file as `apart simulate --law
    /// FILE`): one table (`id` and `[[values]]`) or several under `[[tables]]`, with an
    /// optional `verified_until`. All of it or nothing; returns the ids of the tables changed.
    /// The file's `verified_until` vouches for **every** table of the book, not only those of
    /// the file (a floor decree may lag the SMIC by a month): to vouch for one table, give that
    /// table its own `valid_until`.
    #[napi(catch_unwind)]
    pub fn apply_file(&mut self, env: Env, text: arg::String) -> napi::Result<Vec<String>> {
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
    #[napi(
        catch_unwind,
        ts_args_type = "param: string, until: string | Date | number"
    )]
    pub fn set_valid_until(
        &mut self,
        env: Env,
        param: arg::String,
        until: arg::Day,
    ) -> napi::Result<()> {
        let param = param.parse().or_throw(&env)?;
        let until = records::date(&env, "until", until)?;
        self.inner.set_valid_until(param, until).or_throw(&env)
    }

    /// Replaces the table of `param` by one written in the embedded tables' TOML format.
    #[napi(catch_unwind)]
    pub fn replace_table(
        &mut self,
        env: Env,
        param: arg::String,
        toml: arg::String,
    ) -> napi::Result<()> {
        let param = param.parse().or_throw(&env)?;
        self.inner.replace_table(param, &toml).or_throw(&env)
    }

    /// The row of `param` in force on `date` (its start date, value and source). Throws a
    /// `LawError` (unknown table, no row for the date) or an `InputError` for a bad date.
    #[napi(
        catch_unwind,
        ts_args_type = "param: string, date: string | Date | number",
        ts_return_type = "Record<string, unknown>"
    )]
    pub fn lookup(&self, env: Env, param: arg::String, date: arg::Day) -> napi::Result<Value> {
        let param = param.parse().or_throw(&env)?;
        let date = records::date(&env, "date", date)?;
        json(self.inner.lookup(param, date).or_throw(&env)?)
    }

    /// What the table checks find wrong (a table verified for less than this release, dates
    /// not increasing, values out of range): one `LawError` (`LAW_INVALID_DATA`, its
    /// `details.problem` saying which) per problem, returned rather than thrown; empty for a
    /// sound book.
    #[napi(catch_unwind, ts_return_type = "Array<ApartError>")]
    pub fn problems<'env>(&self, env: &'env Env) -> napi::Result<Vec<Unknown<'env>>> {
        self.inner
            .problems()
            .iter()
            .map(|problem| crate::error::instance(env, problem))
            .collect()
    }

    /// Every table, each row with its start date, value and source.
    #[napi(catch_unwind, ts_return_type = "Array<Record<string, unknown>>")]
    pub fn tables(&self) -> napi::Result<Value> {
        json(&self.inner.tables())
    }
}

/// A decimal argument parsed by the core: text, or an integer number (its exact decimal; any
/// other number is `VALUE_FLOAT_REFUSED` or `VALUE_NOT_FINITE`).
fn parse<T: FromStr>(env: &Env, argument: &'static str, value: arg::Decimal) -> napi::Result<T>
where
    T::Err: apart::Diagnostic + 'static,
{
    match value.0 {
        Either::A(text) => text.parse::<T>().or_throw(env),
        Either::B(x) => {
            let text = apart::float::decimal_text(x).map_err(|e| e.with_field(argument));
            text.or_throw(env)?.parse::<T>().or_throw(env)
        }
    }
}

/// The options argument: absent (or `null`) for the core's defaults.
pub(crate) fn options(env: &Env, options: Option<Unknown<'_>>) -> napi::Result<core::Options> {
    Ok(records::optional_object(env, "options", options)?.unwrap_or_default())
}

/// One employee, one month: the hourly reference, the indemnity the employer pays, the
/// allocation the State pays back, hours refused, CSG/CRDS, the RMM complement, warnings and
/// (with `explain: 'on'`) every step. Throws an `IndemnityError` (or `InputError` for a bad
/// decimal or month).
#[napi(
    catch_unwind,
    ts_args_type = "input: EmployeeMonth, options?: Options | undefined | null, law?: LawBook | undefined | null",
    ts_return_type = "Outcome"
)]
pub fn compute<'env>(
    env: &'env Env,
    input: Unknown<'_>,
    options: Option<Unknown<'_>>,
    law: Law,
) -> napi::Result<Unknown<'env>> {
    let input: core::EmployeeMonth = records::record(env, &input)?;
    let options = self::options(env, options)?;
    let out = core::compute(law.0, &input, &options).or_throw(env)?;
    records::to_js_record(env, &out)
}

/// A whole monthly claim (the DI) of one establishment: one line per employee (its outcome, or
/// its error's code and message: one bad line does not stop the others) and the totals. A
/// record that cannot be read (`'2 000'`, a float, a misspelt field) refuses its line, with
/// the code and message (the field named inside the record), like an employee the computation
/// refuses. Throws only for a bad month, options, or `employees` not an array.
#[napi(
    catch_unwind,
    ts_args_type = "month: string, employees: Array<EmployeeMonth>, options?: Options | undefined | null, law?: LawBook | undefined | null",
    ts_return_type = "ClaimOutcome"
)]
pub fn compute_claim<'env>(
    env: &'env Env,
    month: arg::String,
    employees: Unknown<'_>,
    options: Option<Unknown<'_>>,
    law: Law,
) -> napi::Result<Unknown<'env>> {
    let month: Month = month.parse().or_throw(env)?;
    let options = self::options(env, options)?;
    let book = law.0;
    let claim = match records::read::<Vec<core::EmployeeMonth>>(env, &employees)? {
        Ok(employees) => core::compute_claim(book, month, &employees, &options),
        Err(e) if !employees.is_array()? => return Err(e).or_throw(env),
        // A record cannot be read: each is read alone, an unreadable one a refused line.
        Err(_) => claim_of_records(book, month, &employees, &options)?,
    };
    // The object `records::to_js(&claim)` would give, its keys in the same order, the lines
    // built without `JSON.parse`.
    let mut out = Object::new(env)?;
    out.set_named_property("month", claim.month.to_string())?;
    out.set_named_property("lines", records::to_js_records(env, &claim.lines)?)?;
    out.set_named_property("totals", records::to_js_record(env, &claim.totals)?)?;
    Ok(out.to_unknown())
}

/// The claim of an array of records read one by one (the core's `compute_claim_of_values`), a
/// record that cannot be read a refused line.
fn claim_of_records(
    book: &CoreLawBook,
    month: Month,
    employees: &Unknown<'_>,
    options: &core::Options,
) -> napi::Result<core::ClaimOutcome> {
    let list = Array::from_unknown(*employees)?;
    let mut records = Vec::with_capacity(list.len() as usize);
    for index in 0..list.len() {
        let Some(item) = list.get::<Unknown>(index)? else {
            break;
        };
        records.push(crate::js::to_json(&item)?);
    }
    Ok(core::compute_claim_of_values(book, month, records, options))
}

/// CSG, CRDS and the Alsace-Moselle levy on an indemnity, with the écrêtement. Throws an
/// `IndemnityError`.
#[napi(
    catch_unwind,
    ts_args_type = "date: string | Date | number, territory: import('./records').PayTerritory, indemnity: string | number, netPayWorked: string | number, law?: LawBook | undefined | null",
    ts_return_type = "Contributions"
)]
pub fn contributions(
    env: Env,
    date: arg::Day,
    territory: arg::String,
    indemnity: arg::Decimal,
    net_pay_worked: arg::Decimal,
    law: Law,
) -> napi::Result<Value> {
    let date = records::date(&env, "date", date)?;
    let territory: core::PayTerritory = territory.parse().or_throw(&env)?;
    let indemnity: Euros = parse(&env, "indemnity", indemnity)?;
    let net: Euros = parse(&env, "netPayWorked", net_pay_worked)?;
    json(&core::contributions(law.0, date, territory, indemnity, net).or_throw(&env)?)
}

/// The legal parameter tables embedded in this release (SMIC, rates, floors, ceilings, quotas),
/// each row with its start date, value and source (`new LawBook().tables()` gives the same).
#[napi(catch_unwind, ts_return_type = "Array<Record<string, unknown>>")]
pub fn law_tables(env: Env) -> napi::Result<Value> {
    json(&book(&env)?.tables())
}
