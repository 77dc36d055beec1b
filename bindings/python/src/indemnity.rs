//! Indemnity, allocation and claims (`apart::indemnity`), the legal parameters
//! (`apart::law`) and the exact values (`apart::money`). Records cross as the core's serde
//! JSON (decimals as text, dates ISO 8601); the Python layer turns them into `Decimal`,
//! `datetime.date` and frozen records.

use std::str::FromStr;
use std::sync::RwLock;

use apart::diagnostic::Lang;
use apart::indemnity::{self as ind, IndemnityError};
use apart::law::{self, LawError, Param};
use apart::money;
use pyo3::prelude::*;
use serde::de::DeserializeOwned;
use time::Date;
use time::format_description::well_known::Iso8601;

use crate::errors::{raise, shield};

fn indemnity_error(py: Python<'_>) -> impl Fn(IndemnityError) -> PyErr + '_ {
    move |e| raise(py, "indemnity", &e)
}

fn law_error(py: Python<'_>) -> impl Fn(LawError) -> PyErr + '_ {
    move |e| raise(py, "indemnity", &IndemnityError::from(e))
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// A record of the core read from the JSON the Python layer built; a failure is the core's
/// `INDEMNITY_INVALID_INPUT` naming the record.
pub(crate) fn record<T: DeserializeOwned>(py: Python<'_>, field: &str, json: &str) -> PyResult<T> {
    serde_json::from_str(json).map_err(|e| {
        indemnity_error(py)(IndemnityError::InvalidInput {
            field: field.to_owned(),
            reason: e.to_string(),
        })
    })
}

fn date(py: Python<'_>, field: &str, iso: &str) -> PyResult<Date> {
    Date::parse(iso, &Iso8601::DATE).map_err(|e| {
        indemnity_error(py)(IndemnityError::InvalidInput {
            field: field.to_owned(),
            reason: e.to_string(),
        })
    })
}

fn param(py: Python<'_>, id: &str) -> PyResult<Param> {
    Param::from_str(id).map_err(law_error(py))
}

/// The built-in tables, parsed once per process by the core (`LawBook::shared`).
fn builtin() -> Result<&'static law::LawBook, LawError> {
    law::LawBook::shared()
}

/// The legal parameters: the built-in tables, plus the caller's overrides (a decree published
/// after this release). Thread-safe; computations read it while others may update it.
#[pyclass(module = "apart._native", frozen)]
pub(crate) struct LawBook(pub(crate) RwLock<law::LawBook>);

impl LawBook {
    /// Reads the book. A panic while writing cannot leave it half-updated (each update
    /// replaces a row or a table in one assignment), so a poisoned lock is still read.
    fn read<T>(&self, f: impl FnOnce(&law::LawBook) -> PyResult<T>) -> PyResult<T> {
        match self.0.read() {
            Ok(book) => f(&book),
            Err(poisoned) => f(&poisoned.into_inner()),
        }
    }

    fn write<T>(&self, f: impl FnOnce(&mut law::LawBook) -> PyResult<T>) -> PyResult<T> {
        match self.0.write() {
            Ok(mut book) => f(&mut book),
            Err(poisoned) => f(&mut poisoned.into_inner()),
        }
    }
}

#[pymethods]
impl LawBook {
    /// The tables embedded in this release.
    #[staticmethod]
    fn builtin(py: Python<'_>) -> PyResult<Self> {
        shield(py, || match builtin() {
            Ok(book) => Ok(LawBook(RwLock::new(book.clone()))),
            Err(e) => Err(law_error(py)(e)),
        })
    }

    /// An independent copy (overrides on one do not reach the other).
    fn copy(&self, py: Python<'_>) -> PyResult<Self> {
        shield(py, || self.read(|b| Ok(LawBook(RwLock::new(b.clone())))))
    }

    /// Adds or replaces the row starting at `row["from"]` of the table `param`.
    fn upsert_row(&self, py: Python<'_>, param_id: &str, row_json: &str) -> PyResult<()> {
        shield(py, || {
            let p = param(py, param_id)?;
            let row: law::Row = record(py, "row", row_json)?;
            self.write(|b| b.upsert_row(p, row).map_err(law_error(py)))
        })
    }

    fn set_valid_until(&self, py: Python<'_>, param_id: &str, until: &str) -> PyResult<()> {
        shield(py, || {
            let p = param(py, param_id)?;
            let until = date(py, "valid_until", until)?;
            self.write(|b| b.set_valid_until(p, until).map_err(law_error(py)))
        })
    }

    fn replace_table(&self, py: Python<'_>, param_id: &str, toml_text: &str) -> PyResult<()> {
        shield(py, || {
            let p = param(py, param_id)?;
            self.write(|b| b.replace_table(p, toml_text).map_err(law_error(py)))
        })
    }

    /// Applies a law file (the built-in table format): all of it or nothing; returns the ids
    /// of the tables it changed.
    fn apply_file(&self, py: Python<'_>, text: &str) -> PyResult<Vec<String>> {
        shield(py, || {
            self.write(|b| {
                b.apply_file(text)
                    .map(|changes| changes.iter().map(|c| c.param.id().to_owned()).collect())
                    .map_err(law_error(py))
            })
        })
    }

    /// The last date every table is verified for (ISO).
    fn verified_until(&self, py: Python<'_>) -> PyResult<String> {
        shield(py, || {
            self.read(|b| {
                let d = b.verified_until();
                Ok(format!(
                    "{:04}-{:02}-{:02}",
                    d.year(),
                    u8::from(d.month()),
                    d.day()
                ))
            })
        })
    }

    /// What the table checks find (dates not increasing, gaps, values out of range).
    fn problems(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        shield(py, || self.read(|b| Ok(b.problems())))
    }

    /// Every table, as JSON.
    fn tables_json(&self, py: Python<'_>) -> PyResult<String> {
        shield(py, || self.read(|b| Ok(to_json(&b.tables()))))
    }

    /// The row of `param` in force at `date` (ISO), as JSON.
    fn lookup(&self, py: Python<'_>, param_id: &str, at: &str) -> PyResult<String> {
        shield(py, || {
            let p = param(py, param_id)?;
            let at = date(py, "date", at)?;
            self.read(|b| b.lookup(p, at).map(to_json).map_err(law_error(py)))
        })
    }
}

/// The ids of every parameter table.
#[pyfunction]
fn law_params() -> Vec<&'static str> {
    Param::ALL.iter().map(|p| p.id()).collect()
}

/// Runs `f` with the given book, or the built-in one.
pub(crate) fn with_book<T>(
    py: Python<'_>,
    book: Option<&Bound<'_, LawBook>>,
    f: impl FnOnce(&law::LawBook) -> PyResult<T>,
) -> PyResult<T> {
    match book {
        Some(b) => b.get().read(f),
        None => match builtin() {
            Ok(b) => f(b),
            Err(e) => Err(law_error(py)(e)),
        },
    }
}

/// One employee, one month: the `Outcome` JSON.
#[pyfunction]
#[pyo3(signature = (input_json, options_json, book=None))]
fn compute(
    py: Python<'_>,
    input_json: &str,
    options_json: &str,
    book: Option<&Bound<'_, LawBook>>,
) -> PyResult<String> {
    shield(py, || {
        let input: ind::EmployeeMonth = record(py, "employee_month", input_json)?;
        let options: ind::Options = record(py, "options", options_json)?;
        with_book(py, book, |b| {
            ind::compute(b, &input, &options)
                .map(|o| to_json(&o))
                .map_err(indemnity_error(py))
        })
    })
}

/// A whole claim (every employee of one establishment for one month), with the GIL released
/// while Rust computes: the `ClaimOutcome` JSON. A refused employee is a line with its error,
/// not an exception.
#[pyfunction]
#[pyo3(signature = (month, employees_json, options_json, book=None))]
fn compute_claim(
    py: Python<'_>,
    month: &str,
    employees_json: Vec<String>,
    options_json: &str,
    book: Option<&Bound<'_, LawBook>>,
) -> PyResult<String> {
    shield(py, || {
        let month: apart::calendar::Month = month
            .parse()
            .map_err(|e: apart::value::ValueError| raise(py, "money", &e))?;
        let options: ind::Options = record(py, "options", options_json)?;
        let employees = employees_json
            .iter()
            .enumerate()
            .map(|(i, e)| record::<ind::EmployeeMonth>(py, &format!("employees[{i}]"), e))
            .collect::<PyResult<Vec<_>>>()?;
        let run = |b: &law::LawBook| to_json(&ind::compute_claim(b, month, &employees, &options));
        match book {
            Some(b) => {
                let lock = &b.get().0;
                Ok(py.detach(|| match lock.read() {
                    Ok(book) => run(&book),
                    Err(poisoned) => run(&poisoned.into_inner()),
                }))
            }
            None => match builtin() {
                Ok(b) => Ok(py.detach(|| run(b))),
                Err(e) => Err(law_error(py)(e)),
            },
        }
    })
}

/// CSG, CRDS and the écrêtement of an indemnity: the `Contributions` JSON.
#[pyfunction]
#[pyo3(signature = (at, territory, indemnity, net_pay_worked, book=None))]
fn contributions(
    py: Python<'_>,
    at: &str,
    territory: &str,
    indemnity: &str,
    net_pay_worked: &str,
    book: Option<&Bound<'_, LawBook>>,
) -> PyResult<String> {
    shield(py, || {
        let at = date(py, "date", at)?;
        let territory: ind::PayTerritory = territory
            .parse::<ind::PayTerritory>()
            .map_err(|e| indemnity_error(py)(e.into()))?;
        let indemnity: money::Euros = indemnity
            .parse()
            .map_err(|e: apart::value::ValueError| raise(py, "money", &e))?;
        let net: money::Euros = net_pay_worked
            .parse()
            .map_err(|e: apart::value::ValueError| raise(py, "money", &e))?;
        with_book(py, book, |b| {
            ind::contributions(b, at, territory, indemnity, net)
                .map(|c| to_json(&c))
                .map_err(indemnity_error(py))
        })
    })
}

/// The text of an exact value of kind `amount`, `hours`, `hourly` or `rate`, as the core reads
/// it (`VALUE_INVALID_DECIMAL` otherwise).
#[pyfunction]
fn parse_value(py: Python<'_>, kind: &str, text: &str) -> PyResult<String> {
    shield(py, || {
        let parsed = match kind {
            "hours" => text.parse::<money::Hours>().map(|v| v.to_string()),
            "hourly" => text.parse::<money::HourlyAmount>().map(|v| v.to_string()),
            "rate" => text.parse::<money::Rate>().map(|v| v.to_string()),
            _ => text.parse::<money::Euros>().map(|v| v.to_string()),
        };
        parsed.map_err(|e| raise(py, "money", &e))
    })
}

/// `(year, month)` of a month written `YYYY-MM`.
#[pyfunction]
fn parse_month(py: Python<'_>, text: &str) -> PyResult<(i32, u8)> {
    shield(py, || {
        text.parse::<apart::calendar::Month>()
            .map(|m| (m.year(), m.month()))
            .map_err(|e| raise(py, "money", &e))
    })
}

/// `value` rounded to the cent, half away from zero (the library's rule).
#[pyfunction]
fn round_cents(py: Python<'_>, value: &str) -> PyResult<String> {
    shield(py, || {
        let v: money::Euros = value.parse().map_err(|e| raise(py, "money", &e))?;
        Ok(v.rounded().to_string())
    })
}

/// The message of a warning (its JSON, as in an outcome) in `lang` (`fr` or `en`).
#[pyfunction]
fn warning_message(py: Python<'_>, warning_json: &str, lang: &str) -> PyResult<String> {
    shield(py, || {
        let w: ind::Warning = record(py, "warning", warning_json)?;
        Ok(w.message(Lang::from_tag(lang).unwrap_or_default()))
    })
}

/// The indemnity's constants, as text: `(name, value)`.
#[pyfunction]
fn indemnity_constants() -> Vec<(&'static str, String)> {
    vec![
        ("LEGAL_MONTHLY_HOURS", ind::LEGAL_MONTHLY_HOURS.to_string()),
        ("MAX_MONTHLY_HOURS", ind::MAX_MONTHLY_HOURS.to_string()),
        ("MAX_MONTHLY_PAY", ind::MAX_MONTHLY_PAY.to_string()),
    ]
}

/// The values of each indemnity enum, by enum name, in the core's order.
#[pyfunction]
fn indemnity_enums() -> Vec<(&'static str, Vec<&'static str>)> {
    fn names<T: Copy>(all: &[T], f: fn(T) -> &'static str) -> Vec<&'static str> {
        all.iter().map(|v| f(*v)).collect()
    }
    vec![
        ("Regime", names(ind::Regime::ALL, ind::Regime::as_str)),
        ("Category", names(ind::Category::ALL, ind::Category::as_str)),
        (
            "Territory",
            names(ind::PayTerritory::ALL, ind::PayTerritory::as_str),
        ),
        ("Overtime", names(ind::Overtime::ALL, ind::Overtime::as_str)),
        (
            "FullTimeFloor",
            names(ind::FullTimeFloor::ALL, ind::FullTimeFloor::as_str),
        ),
        ("Explain", names(ind::Explain::ALL, ind::Explain::as_str)),
    ]
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<LawBook>()?;
    m.add_function(wrap_pyfunction!(law_params, m)?)?;
    m.add_function(wrap_pyfunction!(compute, m)?)?;
    m.add_function(wrap_pyfunction!(compute_claim, m)?)?;
    m.add_function(wrap_pyfunction!(contributions, m)?)?;
    m.add_function(wrap_pyfunction!(parse_value, m)?)?;
    m.add_function(wrap_pyfunction!(parse_month, m)?)?;
    m.add_function(wrap_pyfunction!(round_cents, m)?)?;
    m.add_function(wrap_pyfunction!(warning_message, m)?)?;
    m.add_function(wrap_pyfunction!(indemnity_enums, m)?)?;
    m.add_function(wrap_pyfunction!(indemnity_constants, m)?)?;
    Ok(())
}
