//! Entry points over JSON records, for callers that hold a record as stored text (a database
//! column, a message) rather than as Kotlin or Swift values. The core reads them: unknown fields
//! and misspelt options are refused, and a bad value is the core's typed error naming its field
//! (`INPUT_UNKNOWN_FIELD`, `VALUE_INVALID_DECIMAL` with `field = gross_monthly`…), the same
//! answer as the CLI, Python and Node give to the same text.

use apart::indemnity as core;
use apart::machine::{Machine, Snapshot};

use crate::{ApartError, CivilDate, EmployeeMonth, LawBook, Outcome};

/// Reads a stored employee-month (the core's JSON shape, `snake_case` fields).
#[uniffi::export]
pub fn employee_month_from_json(json: String) -> Result<EmployeeMonth, ApartError> {
    Ok(apart::value::from_json(&json)?)
}

/// One employee-month given as JSON, with options as JSON (`{}` for the defaults), computed with
/// `book`'s law tables.
#[uniffi::export]
pub fn compute_json(
    book: &LawBook,
    employee_json: String,
    options_json: String,
) -> Result<Outcome, ApartError> {
    let employee: core::EmployeeMonth = apart::value::from_json(&employee_json)?;
    let options: core::Options = apart::value::from_json(&options_json)?;
    Ok(core::compute(&book.read(), &employee, &options)?)
}

/// Reads a date `YYYY-MM-DD` typed by a user, with the core's rules: `VALUE_INVALID_DATE`
/// naming `field` otherwise (`java.time.LocalDate.parse` throws without a code).
#[uniffi::export]
pub fn parse_civil_date(text: String, field: String) -> Result<CivilDate, ApartError> {
    Ok(apart::calendar::parse_date(&text).map_err(|e| e.with_field(field))?)
}

/// A whole claim for `month` (`YYYY-MM`), `employees_json` a JSON array of employee-months and
/// `options_json` the options (`{}` for the defaults), with `book`'s law tables, as the core's
/// JSON claim (lines, refused ones with their code and messages, and totals).
#[uniffi::export]
pub fn compute_claim_json(
    book: &LawBook,
    month: String,
    employees_json: String,
    options_json: String,
) -> Result<String, ApartError> {
    claim_with(&book.read(), &month, &employees_json, &options_json)
}

/// One employee-month as JSON in, the core's outcome as JSON out, with the built-in law (the
/// JNI fast path's work).
pub(crate) fn outcome_json(employee_json: &str, options_json: &str) -> Result<String, ApartError> {
    let employee: core::EmployeeMonth = apart::value::from_json(employee_json)?;
    let options = options_from_json(options_json)?;
    let outcome = core::compute(apart::law::LawBook::shared()?, &employee, &options)?;
    Ok(to_json_sized(&outcome, OUTCOME_JSON_BYTES))
}

/// Room for an outcome's JSON (about 1.1 KB with a warning and no explanation), so that it is
/// written without growing its buffer on the common path.
const OUTCOME_JSON_BYTES: usize = 2048;

/// Options as JSON; `{}`, what nearly every call passes, is the defaults without reading it
/// (`Options` is `#[serde(default)]`: the same value, see the test).
fn options_from_json(options_json: &str) -> Result<core::Options, ApartError> {
    if options_json == "{}" {
        return Ok(core::Options::default());
    }
    Ok(apart::value::from_json(options_json)?)
}

/// A claim as JSON in and out (with the built-in law, the JNI fast path's work).
pub(crate) fn claim_with(
    book: &apart::law::LawBook,
    month: &str,
    employees_json: &str,
    options_json: &str,
) -> Result<String, ApartError> {
    let month: apart::calendar::Month = month
        .parse::<apart::calendar::Month>()
        .map_err(|e| e.with_field("month"))?;
    let employees: Vec<core::EmployeeMonth> = apart::value::from_json(employees_json)?;
    let options: core::Options = apart::value::from_json(options_json)?;
    Ok(to_json(&core::compute_claim(
        book, month, &employees, &options,
    )))
}

/// A core record, outcome or effect list as JSON text.
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    // The core's records serialise without failing (plain data, string keys).
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

/// [`to_json`] into a buffer of `capacity` bytes to start with (the same text).
fn to_json_sized<T: serde::Serialize>(value: &T, capacity: usize) -> String {
    let mut out = Vec::with_capacity(capacity);
    match serde_json::to_writer(&mut out, value) {
        // serde_json writes UTF-8 (its `to_string` makes the same conversion).
        Ok(()) => String::from_utf8(out).unwrap_or_else(|_| "null".to_owned()),
        Err(_) => "null".to_owned(),
    }
}

/// Stored snapshots (JSON), each checked by the core.
pub(crate) fn snapshots<M: Machine>(json: &[String]) -> Result<Vec<Snapshot<M>>, ApartError> {
    json.iter()
        .map(|j| Ok(Snapshot::<M>::from_json(j)?))
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
    use super::*;

    #[test]
    fn empty_options_are_the_defaults() {
        let read: core::Options = apart::value::from_json("{}").unwrap();
        assert_eq!(options_from_json("{}").unwrap(), read);
        assert_eq!(
            options_from_json(r#"{"explian":"on"}"#).unwrap_err().code(),
            "INPUT_UNKNOWN_FIELD"
        );
    }

    #[test]
    fn the_fast_outcome_is_the_cores_json_byte_for_byte() {
        let book = apart::law::LawBook::shared().unwrap();
        for (employee, options) in [
            (
                r#"{"month":"2026-01","gross_monthly":"2000.00","hours_not_worked":"35"}"#,
                "{}",
            ),
            (
                r#"{"month":"2026-01","gross_monthly":"4000","hours_not_worked":"151.67"}"#,
                r#"{"explain":"on"}"#,
            ),
            (
                r#"{"month":"2024-07","gross_monthly":"1800.5","hours_not_worked":"7"}"#,
                " {} ",
            ),
        ] {
            let typed: core::EmployeeMonth = apart::value::from_json(employee).unwrap();
            let read: core::Options = apart::value::from_json(options).unwrap();
            let core_json =
                serde_json::to_string(&core::compute(book, &typed, &read).unwrap()).unwrap();
            assert_eq!(outcome_json(employee, options).unwrap(), core_json);
        }
    }
}
