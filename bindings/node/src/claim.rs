//! Claims in bulk (issue 15): a claim's columns, or its CSV file, cross into the core in one
//! call and its result stays there until it is read.
//!
//! A column is read in a few N-API calls (a column of strings joined by V8 and copied once) and
//! each line built by the core's `ClaimColumns`; the result, a `ClaimTable`, converts its totals,
//! a column or a line when asked for, so that a 10,000-line claim does not pay for 300,000
//! JavaScript strings nobody reads.

use apart::calendar::Month;
use apart::indemnity::claim_csv::{self, CsvSettings, ReadError};
use apart::indemnity::{
    self as core, ClaimColumn, ClaimColumns, ClaimOutcome, EmployeeMonth, UnreadRecord,
};
use apart::value::ValueError;
use napi::bindgen_prelude::{
    Array, FromNapiValue, Function, JsObjectValue, Uint8ArraySlice, Unknown,
};
use napi::{Env, JsValue, ValueType};
use napi_derive::napi;
use serde_json::Value;

use crate::arg;
use crate::error::OrThrow;
use crate::indemnity::{Law, options};
use crate::records::to_js;

/// The most lines of one claim (a column longer than this is `INPUT_TOO_LARGE`).
const MAX_LINES: usize = 1_000_000;

/// Reads a column: an array of strings joined by V8 and split here (one copy), any other array
/// element by element, anything else one value for every line.
fn column(env: &Env, value: Unknown<'_>) -> napi::Result<Result<ClaimColumn, ValueError>> {
    if !(value.get_type()? == ValueType::Object && value.is_array()?) {
        // One value for every line: a cell, never an object (a typed array, `{ length: 3 }`,
        // which would otherwise be one odd value on lines that no column counts). A `Date` is
        // a cell.
        if value.get_type()? == ValueType::Object && !value.is_date()? {
            return Ok(Err(ValueError::wrong_type(
                apart::value::expected::TABLE_COLUMN,
                &crate::js::describe(&value)?,
            )));
        }
        return Ok(crate::js::to_json(&value)?.map(ClaimColumn::All));
    }
    let join: Function<Unknown<'_>, Unknown<'_>> =
        crate::runtime::get(env)?.get_named_property_unchecked("joinStrings")?;
    let joined = join.call(value)?;
    if joined.get_type()? == ValueType::String {
        let text = String::from_unknown(joined)?;
        return Ok(Ok(ClaimColumn::Each(
            text.split('\n')
                .map(|s| Ok(Value::String(s.to_owned())))
                .collect(),
        )));
    }
    let array = Array::from_unknown(value)?;
    let len = array.len();
    if len as usize > MAX_LINES {
        return Ok(Err(ValueError::too_large(u64::from(len), MAX_LINES as u64)));
    }
    let mut cells = Vec::with_capacity(len as usize);
    for i in 0..len {
        cells.push(match array.get::<Unknown<'_>>(i)? {
            // `undefined` or a hole: the field's default on that line.
            Some(item) if item.get_type()? != ValueType::Undefined => crate::js::to_json(&item)?,
            _ => Ok(Value::Null),
        });
    }
    Ok(Ok(ClaimColumn::Each(cells)))
}

/// Each line of a table of columns (the core's `ClaimColumns`), each column checked by name
/// before it is read.
pub(crate) fn rows(
    env: &Env,
    month: Month,
    columns: &Unknown<'_>,
) -> napi::Result<Vec<Result<EmployeeMonth, UnreadRecord>>> {
    let mut table = ClaimColumns::new(month);
    for (name, value) in crate::js::entries(columns)?.or_throw(env)? {
        table.check_name(&name).or_throw(env)?;
        let found = crate::js::describe(&value)?;
        let column = column(env, value)?
            .map_err(|e| e.with_field(&name))
            .or_throw(env)?;
        table.push(&name, &found, column).or_throw(env)?;
    }
    table.rows().or_throw(env)
}

/// A whole monthly claim from the columns of a table: `{ employee: [...], gross_monthly:
/// [...], hours_not_worked: [...] }`, one array per field of `EmployeeMonth` (all of the same
/// length), or one value for every line (`month` defaults to the claim's). `null` or
/// `undefined` in a column is the field's default for that line. Decimals are text (integers
/// accepted), as in a record. A cell the core refuses (a bad decimal, an unknown regime) refuses
/// its line, with the code and message, like an employee the computation refuses; the other
/// lines are computed. Throws only for a bad month, options, or a table that is not one (an
/// unknown column: `INPUT_UNKNOWN_FIELD`; a column that is neither an array nor one cell, or
/// no array at all: `INPUT_WRONG_TYPE`; columns of different lengths).
#[napi(
    catch_unwind,
    ts_args_type = "month: string, columns: { [K in keyof EmployeeMonth]?: Array<EmployeeMonth[K] | number | null | undefined> | EmployeeMonth[K] }, options?: Options | undefined | null, law?: LawBook | undefined | null"
)]
pub fn compute_claim_columns(
    env: Env,
    month: arg::String,
    columns: Unknown<'_>,
    options: Option<Unknown<'_>>,
    law: Law,
) -> napi::Result<ClaimTable> {
    let month: Month = month.parse().or_throw(&env)?;
    let options = self::options(&env, options)?;
    let book = law.0;
    let rows = self::rows(&env, month, &columns)?;
    Ok(ClaimTable {
        inner: core::compute_claim_rows(book, month, rows, &options),
    })
}

/// A whole monthly claim from CSV, read by the core's reader exactly as `apart claim` reads a
/// file (`apart::indemnity::claim_csv`): a header naming the columns (the fields of
/// `EmployeeMonth`, spelled exactly), `,` or `;` (then decimal commas), quoted cells, grouped
/// thousands, options spelled as everywhere. `csv` is the text or the file's bytes (a
/// `Buffer` or `Uint8Array`, UTF-8, byte order mark allowed). `settings.month` is the month of
/// rows without a `month` column (and then the claim's: a row of another month is refused);
/// `settings.max_line` the longest line in bytes (64 KiB). A row that cannot be read or
/// computed is a refused line naming its line and column; throws only when the claim cannot be
/// read at all (an unknown or repeated column, no row, no month), as an `InputError`.
#[napi(
    catch_unwind,
    ts_args_type = "csv: string | Uint8Array, settings?: CsvSettings | undefined | null, options?: Options | undefined | null, law?: LawBook | undefined | null"
)]
pub fn compute_claim_csv(
    env: Env,
    csv: Unknown<'_>,
    settings: Option<Unknown<'_>>,
    options: Option<Unknown<'_>>,
    law: Law,
) -> napi::Result<ClaimTable> {
    let settings: CsvSettings =
        crate::records::optional_object(&env, "settings", settings)?.unwrap_or_default();
    let options = self::options(&env, options)?;
    let book = law.0;
    let claim = if csv.get_type()? == ValueType::String {
        let text = String::from_unknown(csv)?;
        claim_csv::compute_claim_csv(book, text.as_bytes(), &settings, &options)
    } else if csv.is_typedarray()? {
        let bytes = Uint8ArraySlice::from_unknown(csv).or_else(|_| {
            Err(ValueError::wrong_type(
                apart::value::expected::TEXT_OR_BYTES,
                "another typed array",
            )
            .with_field("csv"))
            .or_throw(&env)
        })?;
        claim_csv::compute_claim_csv(book, &bytes[..], &settings, &options)
    } else {
        let found = format!("{:?}", csv.get_type()?).to_lowercase();
        return Err(
            ValueError::wrong_type(apart::value::expected::TEXT_OR_BYTES, &found).with_field("csv"),
        )
        .or_throw(&env);
    };
    match claim {
        Ok(inner) => Ok(ClaimTable { inner }),
        Err(ReadError::Csv(e)) => Err(*e).or_throw(&env),
        // The reader is a slice of memory: it cannot fail.
        Err(e) => Err(crate::runtime::internal(&e.to_string())),
    }
}

/// A computed claim kept in the core: `totals`, a `column` of every line, a `line`, or the whole
/// `ClaimOutcome` (`toJSON()`, also what `JSON.stringify` writes) are converted when read.
#[napi]
#[derive(Debug)]
pub struct ClaimTable {
    inner: ClaimOutcome,
}

#[napi]
impl ClaimTable {
    /// The month of the claim, `YYYY-MM`.
    #[napi(getter, catch_unwind)]
    pub fn month(&self) -> String {
        self.inner.month.to_string()
    }

    /// The number of lines (accepted and refused).
    #[napi(getter, catch_unwind)]
    pub fn length(&self) -> u32 {
        u32::try_from(self.inner.lines.len()).unwrap_or(u32::MAX)
    }

    /// The totals over the accepted lines.
    #[napi(getter, catch_unwind, ts_return_type = "ClaimTotals")]
    pub fn totals<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.inner.totals)
    }

    /// Line `index` (0-based), as in `ClaimOutcome.lines`. Throws an `InputError`
    /// (`VALUE_OUT_OF_RANGE`) past the end.
    #[napi(
        catch_unwind,
        ts_args_type = "index: number",
        ts_return_type = "ClaimLine"
    )]
    pub fn line<'env>(&self, env: &'env Env, index: arg::Number) -> napi::Result<Unknown<'env>> {
        let arg::Number(index) = index;
        // A whole number below the length (`1.5`, `-1`, `NaN` are refused, not truncated).
        let found = apart::float::whole(index, 0, i64::from(u32::MAX))
            .ok()
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| self.inner.lines.get(i));
        match found {
            Some(line) => to_js(env, line),
            None => Err(ValueError::out_of_range(
                &apart::float::spelling(index),
                apart::value::expected::index_below(self.inner.lines.len()),
            )
            .with_field("index"))
            .or_throw(env),
        }
    }

    /// One value per line: `index`, `employee`, the refusal's `error.code`, `error.family`,
    /// `error.messages.fr`, `error.messages.en`, or a field of
    /// the line's `Outcome` holding one value (`employee_indemnity`, `hourly_reference`…; a
    /// field of `contributions` as `contributions.total`), as text; `null` where the line has
    /// none (a refused line's amounts, an accepted line's error). Throws an `InputError`
    /// (`VALUE_UNKNOWN_VARIANT`) for another name.
    #[napi(catch_unwind, ts_return_type = "Array<string | null>")]
    pub fn column(&self, env: Env, name: arg::String) -> napi::Result<Vec<Option<String>>> {
        self.inner.column(&name).or_throw(&env)
    }

    /// The whole claim as `computeClaim` returns it (what `JSON.stringify` writes).
    #[napi(catch_unwind, js_name = "toJSON", ts_return_type = "ClaimOutcome")]
    pub fn to_json<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.inner)
    }
}
