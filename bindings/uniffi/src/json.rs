//! Entry points over JSON records, for callers that hold a record as stored text (a database
//! column, a message) rather than as Kotlin or Swift values. The core reads them: unknown fields
//! and misspelt options are refused, and a bad value is the core's typed error naming its field
//! (`INPUT_UNKNOWN_FIELD`, `VALUE_INVALID_DECIMAL` with `field = gross_monthly`…), the same
//! answer as the CLI, Python and Node give to the same text.

use apart::indemnity as core;

use crate::{ApartError, CivilDate, EmployeeMonth, LawBook, Outcome};

/// Reads a stored employee-month (the core's JSON shape, `snake_case` fields).
#[uniffi::export]
pub fn employee_month_from_json(json: String) -> Result<EmployeeMonth, ApartError> {
    apart::value::from_json::<core::EmployeeMonth>(&json)?.try_into()
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
    core::compute(&book.read(), &employee, &options)?.try_into()
}

/// Reads a date `YYYY-MM-DD` typed by a user, with the core's rules: `VALUE_INVALID_DATE`
/// naming `field` otherwise (`java.time.LocalDate.parse` throws without a code).
#[uniffi::export]
pub fn parse_civil_date(text: String, field: String) -> Result<CivilDate, ApartError> {
    Ok(apart::calendar::parse_date(&text).map_err(|e| e.with_field(field))?)
}
