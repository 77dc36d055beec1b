//! The procedure (`apart::procedure`) beyond its machines (`apart.da`, `apart.di`,
//! `apart.assistance`, driven through `machine.rs`): creating a DI from its DA, DI codes, the
//! recap document (JSON, canonical JSON, hash, HTML), the dated rules, the assistance form.

use apart::calendar::Month;
use apart::forms::HumanCheck;
use apart::indemnity::ClaimOutcome;
use apart::machine::{Machine, Snapshot};
use apart::procedure::assistance::{AssistanceForm, AssistanceMotive};
use apart::procedure::da::DaMachine;
use apart::procedure::di::DiMachine;
use apart::procedure::recap::{Recap, RecapAmounts, mask_iban as core_mask_iban};
use apart::procedure::{self as core, RecapKind};
use apart::procedure::{DiCode, Motive, Period, ProcedureError, rules};
use pyo3::prelude::*;
use serde::de::DeserializeOwned;
use time::Date;

use crate::errors::{core_error, raise, raise_form, shield, value_error};
use crate::indemnity::with_book;
use crate::machine::{Instant, instant, micros};

fn procedure_error(py: Python<'_>) -> impl Fn(ProcedureError) -> PyErr + '_ {
    move |e| raise(py, &e)
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// A record read from JSON text with the core's typed errors (`field` named when the reader
/// did not).
fn from_json<T: DeserializeOwned>(py: Python<'_>, what: &str, json: &str) -> PyResult<T> {
    apart::value::from_json(json).map_err(|e: apart::value::ValueError| {
        value_error(
            py,
            if e.field().is_some() {
                e
            } else {
                e.with_field(what)
            },
        )
    })
}

fn date(py: Python<'_>, what: &str, iso: &str) -> PyResult<Date> {
    apart::calendar::parse_date(iso).map_err(|e| value_error(py, e.with_field(what)))
}

fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn load<M: Machine>(py: Python<'_>, json: &str) -> PyResult<Snapshot<M>> {
    Snapshot::<M>::from_json(json).map_err(|e| core_error(py, &apart::Error::from(e)))
}

fn period(py: Python<'_>, (start, end): (&str, &str)) -> PyResult<Period> {
    Period::new(date(py, "start", start)?, date(py, "end", end)?).map_err(procedure_error(py))
}

/// The recap of a DA or DI snapshot.
#[pyfunction]
#[pyo3(signature = (snapshot_json, kind, amounts_json=None))]
fn recap(
    py: Python<'_>,
    snapshot_json: &str,
    kind: &Bound<'_, PyAny>,
    amounts_json: Option<&str>,
) -> PyResult<Recap> {
    shield(py, || {
        let kind: RecapKind = crate::values::option(py, kind, "kind")?;
        let amounts: Option<RecapAmounts> = amounts_json
            .map(|a| from_json(py, "amounts", a))
            .transpose()?;
        Recap::from_snapshot_json(snapshot_json, kind, amounts.as_ref())
            .map_err(|e| core_error(py, &apart::Error::from(e)))
    })
}

/// `(recap, claim)`: the recap of a DI with the amounts the indemnity engine computes for its
/// lines (`Recap::of_di_with_claim`).
#[pyfunction]
#[pyo3(signature = (di_json, kind, employees, options, book=None))]
fn recap_of_di_with_claim(
    py: Python<'_>,
    di_json: &str,
    kind: &Bound<'_, PyAny>,
    employees: &Bound<'_, PyAny>,
    options: &Bound<'_, PyAny>,
    book: Option<&Bound<'_, crate::indemnity::LawBook>>,
) -> PyResult<(Recap, ClaimOutcome)> {
    shield(py, || {
        let di = load::<DiMachine>(py, di_json)?;
        let kind: RecapKind = crate::values::option(py, kind, "kind")?;
        let employees = crate::indemnity::employee_list(py, employees)?;
        let options = crate::indemnity::options(py, Some(options))?;
        crate::indemnity::with_book(py, book, |b| {
            Recap::of_di_with_claim(&di, kind, b, &employees, &options).map_err(procedure_error(py))
        })
    })
}

/// A new DI for `month` under the authorised DA, given the DIs that exist already.
#[pyfunction]
fn di_create(
    py: Python<'_>,
    da_json: &str,
    code: &str,
    month: &str,
    existing: Vec<String>,
    now: Instant,
) -> PyResult<String> {
    shield(py, || {
        let da = load::<DaMachine>(py, da_json)?;
        let code = DiCode::parse(code).map_err(procedure_error(py))?;
        let month: Month = month.parse().map_err(|e| raise(py, &e))?;
        let existing = existing
            .iter()
            .map(|e| load::<DiMachine>(py, e))
            .collect::<PyResult<Vec<_>>>()?;
        let now = instant(py, now)?;
        DiMachine::create(&da, code, month, &existing, now)
            .map(|s| s.to_json())
            .map_err(procedure_error(py))
    })
}

/// The canonical form of a DI code (its `ProcedureError` otherwise).
#[pyfunction]
fn di_code_parse(py: Python<'_>, input: &str) -> PyResult<String> {
    shield(py, || {
        DiCode::parse(input)
            .map(|c| c.as_str().to_owned())
            .map_err(procedure_error(py))
    })
}

#[pyfunction]
fn di_code_matches(py: Python<'_>, code: &str, input: &str) -> PyResult<bool> {
    shield(py, || {
        let code = DiCode::parse(code).map_err(procedure_error(py))?;
        Ok(code.matches(input))
    })
}

/// The code among `codes` that `input` names.
#[pyfunction]
fn di_code_find(py: Python<'_>, input: &str, codes: Vec<String>) -> PyResult<String> {
    shield(py, || {
        let codes = codes
            .iter()
            .map(|c| DiCode::parse(c))
            .collect::<Result<Vec<_>, _>>()
            .map_err(procedure_error(py))?;
        DiCode::find(input, &codes)
            .map(|c| c.as_str().to_owned())
            .map_err(procedure_error(py))
    })
}

#[pyfunction]
#[pyo3(signature = (motive, placement, book=None))]
fn last_filing_day(
    py: Python<'_>,
    motive: &Bound<'_, PyAny>,
    placement: &str,
    book: Option<&Bound<'_, crate::indemnity::LawBook>>,
) -> PyResult<String> {
    shield(py, || {
        let motive: Motive = crate::values::option(py, motive, "motive")?;
        let placement = date(py, "placement", placement)?;
        with_book(py, book, |b| {
            rules::last_filing_day(b, motive, placement)
                .map(iso)
                .map_err(procedure_error(py))
        })
    })
}

#[pyfunction]
#[pyo3(signature = (authorised_on, period_end, book=None))]
fn claims_last_day(
    py: Python<'_>,
    authorised_on: &str,
    period_end: &str,
    book: Option<&Bound<'_, crate::indemnity::LawBook>>,
) -> PyResult<String> {
    shield(py, || {
        let a = date(py, "authorised_on", authorised_on)?;
        let e = date(py, "period_end", period_end)?;
        with_book(py, book, |b| {
            rules::claims_last_day(b, a, e)
                .map(iso)
                .map_err(procedure_error(py))
        })
    })
}

/// The days the administration has to decide a DA received on `received_on`.
#[pyfunction]
#[pyo3(signature = (received_on, book=None))]
fn decision_delay_days(
    py: Python<'_>,
    received_on: &str,
    book: Option<&Bound<'_, crate::indemnity::LawBook>>,
) -> PyResult<u8> {
    shield(py, || {
        let received_on = date(py, "received_on", received_on)?;
        with_book(py, book, |b| {
            rules::decision_delay_days(b, received_on).map_err(procedure_error(py))
        })
    })
}

/// The days of late filing allowed for `motive` (`None`: the DA must come first).
#[pyfunction]
#[pyo3(signature = (motive, placement, book=None))]
fn late_filing_days(
    py: Python<'_>,
    motive: &Bound<'_, PyAny>,
    placement: &str,
    book: Option<&Bound<'_, crate::indemnity::LawBook>>,
) -> PyResult<Option<u8>> {
    shield(py, || {
        let motive: Motive = crate::values::option(py, motive, "motive")?;
        let placement = date(py, "placement", placement)?;
        with_book(py, book, |b| {
            rules::late_filing_days(b, motive, placement).map_err(procedure_error(py))
        })
    })
}

/// The duration limits in force for a DA received on `received_on`, as JSON.
#[pyfunction]
#[pyo3(signature = (received_on, book=None))]
fn max_duration(
    py: Python<'_>,
    received_on: &str,
    book: Option<&Bound<'_, crate::indemnity::LawBook>>,
) -> PyResult<String> {
    shield(py, || {
        let received_on = date(py, "received_on", received_on)?;
        with_book(py, book, |b| {
            rules::max_duration(b, received_on)
                .map(|l| serde_json::to_string(&l).unwrap_or_default())
                .map_err(procedure_error(py))
        })
    })
}

/// The months after the period's end to file the DIs of an authorisation given on
/// `authorised_on`.
#[pyfunction]
#[pyo3(signature = (authorised_on, book=None))]
fn claim_deadline_months(
    py: Python<'_>,
    authorised_on: &str,
    book: Option<&Bound<'_, crate::indemnity::LawBook>>,
) -> PyResult<u8> {
    shield(py, || {
        let authorised_on = date(py, "authorised_on", authorised_on)?;
        with_book(py, book, |b| {
            rules::claim_deadline_months(b, authorised_on).map_err(procedure_error(py))
        })
    })
}

/// `(hours, works_hours)`: the annual quotas of `year`.
#[pyfunction]
#[pyo3(signature = (year, book=None))]
fn annual_quota(
    py: Python<'_>,
    year: &Bound<'_, PyAny>,
    book: Option<&Bound<'_, crate::indemnity::LawBook>>,
) -> PyResult<(u32, u32)> {
    let year: i32 = crate::values::int(year, "year")?;
    shield(py, || {
        with_book(py, book, |b| {
            rules::annual_quota(b, year)
                .map(|q| (q.hours, q.works_hours))
                .map_err(procedure_error(py))
        })
    })
}

#[pyfunction]
#[pyo3(signature = (year, works, book=None))]
fn annual_quota_hours(
    py: Python<'_>,
    year: &Bound<'_, PyAny>,
    works: bool,
    book: Option<&Bound<'_, crate::indemnity::LawBook>>,
) -> PyResult<String> {
    let year: i32 = crate::values::int(year, "year")?;
    shield(py, || {
        with_book(py, book, |b| {
            rules::annual_quota_hours(b, year, works)
                .map(|d| d.to_string())
                .map_err(procedure_error(py))
        })
    })
}

/// `(instant of implicit acceptance, delay in days)`.
#[pyfunction]
#[pyo3(signature = (received_at, book=None))]
fn implicit_acceptance_at(
    py: Python<'_>,
    received_at: Instant,
    book: Option<&Bound<'_, crate::indemnity::LawBook>>,
) -> PyResult<(Instant, u8)> {
    shield(py, || {
        let received_at = instant(py, received_at)?;
        let (at, days) = with_book(py, book, |b| {
            rules::implicit_acceptance_at(b, received_at).map_err(procedure_error(py))
        })?;
        Ok((micros(py, at)?, days))
    })
}

#[pyfunction]
#[pyo3(signature = (motive, requested, other_authorised, received_on, book=None))]
fn check_duration(
    py: Python<'_>,
    motive: &Bound<'_, PyAny>,
    requested: (String, String),
    other_authorised: Vec<(String, String)>,
    received_on: &str,
    book: Option<&Bound<'_, crate::indemnity::LawBook>>,
) -> PyResult<()> {
    shield(py, || {
        let motive: Motive = crate::values::option(py, motive, "motive")?;
        let requested = period(py, (&requested.0, &requested.1))?;
        let others = other_authorised
            .iter()
            .map(|(s, e)| period(py, (s, e)))
            .collect::<PyResult<Vec<_>>>()?;
        let received_on = date(py, "received_on", received_on)?;
        with_book(py, book, |b| {
            rules::check_duration(b, motive, &requested, &others, received_on)
                .map_err(procedure_error(py))
        })
    })
}

/// Checks a period (an error when it ends before it starts): its number of days.
#[pyfunction]
fn period_days(py: Python<'_>, start: &str, end: &str) -> PyResult<i64> {
    shield(py, || Ok(period(py, (start, end))?.days()))
}

/// The common days of two periods, if any: `(start, end)`.
#[pyfunction]
fn period_intersection(
    py: Python<'_>,
    a: (String, String),
    b: (String, String),
) -> PyResult<Option<(String, String)>> {
    shield(py, || {
        let (a, b) = (period(py, (&a.0, &a.1))?, period(py, (&b.0, &b.1))?);
        Ok(a.intersection(&b).map(|p| (iso(p.start()), iso(p.end()))))
    })
}

/// Whether period `a` contains period `b`.
#[pyfunction]
fn period_contains(py: Python<'_>, a: (String, String), b: (String, String)) -> PyResult<bool> {
    shield(py, || {
        let (a, b) = (period(py, (&a.0, &a.1))?, period(py, (&b.0, &b.1))?);
        Ok(a.contains_period(&b))
    })
}

#[pyfunction]
fn mask_iban(py: Python<'_>, iban: &str) -> PyResult<String> {
    shield(py, || Ok(core_mask_iban(iban)))
}

/// An assistance motive: a member, its spelling or its name in the spec
/// (`AssistanceMotive::from_code`); anything else is read by [`crate::values::option`] for
/// its error.
fn assistance_motive(py: Python<'_>, motive: &Bound<'_, PyAny>) -> PyResult<AssistanceMotive> {
    if let Ok(text) = motive.cast::<pyo3::types::PyString>()
        && let Some(m) = AssistanceMotive::from_code(&text.to_string_lossy())
    {
        return Ok(m);
    }
    crate::values::option(py, motive, "motive")
}

/// The assistance form (JSON) opened with `motive` preselected.
#[pyfunction]
fn assistance_form_preselected(py: Python<'_>, motive: &Bound<'_, PyAny>) -> PyResult<String> {
    shield(py, || {
        let form = AssistanceForm::preselected(assistance_motive(py, motive)?);
        Ok(to_json(&form))
    })
}

/// The assistance form (JSON) handed over by another flow (onboarding's hand-off).
#[pyfunction]
#[pyo3(signature = (motive, siret=None))]
fn assistance_form_handed_over(
    py: Python<'_>,
    motive: &str,
    siret: Option<String>,
) -> PyResult<String> {
    shield(py, || {
        let form = AssistanceForm::handed_over(motive, siret);
        Ok(to_json(&form))
    })
}

/// Checks every field of the assistance form: the `AssistanceRequest` JSON, or `FormError`
/// `FORM_INVALID` with each refused field.
#[pyfunction]
fn assistance_form_validate(
    py: Python<'_>,
    form_json: &str,
    verified_at: Option<Instant>,
) -> PyResult<String> {
    shield(py, || {
        let form: AssistanceForm = from_json(py, "form", form_json)?;
        let check = match verified_at {
            Some(at) => HumanCheck::Verified {
                at: instant(py, at)?,
            },
            None => HumanCheck::NotVerified,
        };
        let request = form.validate(&check).map_err(|e| raise_form(py, &e))?;
        Ok(to_json(&request))
    })
}

/// Every DA state, in the machine's order (the core's `DaStateInfo`).
#[pyfunction]
fn da_states() -> Vec<core::DaStateInfo> {
    core::da_states()
}

/// Every DI state, in the machine's order (the core's `DiStateInfo`).
#[pyfunction]
fn di_states() -> Vec<core::DiStateInfo> {
    core::di_states()
}

/// The DA motives, in the extranet's order (the core's `Choice`).
#[pyfunction]
fn da_motives() -> Vec<apart::forms::Choice> {
    core::da_motives()
}

/// The assistance form's motives, in its order (the core's `Choice`).
#[pyfunction]
fn assistance_motives() -> Vec<apart::forms::Choice> {
    core::assistance_motives()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Recap>()?;
    m.add_function(wrap_pyfunction!(recap, m)?)?;
    m.add_function(wrap_pyfunction!(di_create, m)?)?;
    m.add_function(wrap_pyfunction!(di_code_parse, m)?)?;
    m.add_function(wrap_pyfunction!(di_code_matches, m)?)?;
    m.add_function(wrap_pyfunction!(di_code_find, m)?)?;
    m.add_function(wrap_pyfunction!(last_filing_day, m)?)?;
    m.add_function(wrap_pyfunction!(claims_last_day, m)?)?;
    m.add_function(wrap_pyfunction!(annual_quota_hours, m)?)?;
    m.add_function(wrap_pyfunction!(decision_delay_days, m)?)?;
    m.add_function(wrap_pyfunction!(late_filing_days, m)?)?;
    m.add_function(wrap_pyfunction!(max_duration, m)?)?;
    m.add_function(wrap_pyfunction!(claim_deadline_months, m)?)?;
    m.add_function(wrap_pyfunction!(annual_quota, m)?)?;
    m.add_function(wrap_pyfunction!(recap_of_di_with_claim, m)?)?;
    m.add_function(wrap_pyfunction!(implicit_acceptance_at, m)?)?;
    m.add_function(wrap_pyfunction!(check_duration, m)?)?;
    m.add_function(wrap_pyfunction!(period_days, m)?)?;
    m.add_function(wrap_pyfunction!(mask_iban, m)?)?;
    m.add_function(wrap_pyfunction!(period_intersection, m)?)?;
    m.add_function(wrap_pyfunction!(period_contains, m)?)?;
    m.add_function(wrap_pyfunction!(assistance_form_preselected, m)?)?;
    m.add_function(wrap_pyfunction!(assistance_form_handed_over, m)?)?;
    m.add_function(wrap_pyfunction!(assistance_form_validate, m)?)?;
    m.add_function(wrap_pyfunction!(da_states, m)?)?;
    m.add_function(wrap_pyfunction!(di_states, m)?)?;
    m.add_function(wrap_pyfunction!(da_motives, m)?)?;
    m.add_function(wrap_pyfunction!(assistance_motives, m)?)?;
    m.add_class::<apart::forms::Choice>()?;
    m.add_class::<core::DaStateInfo>()?;
    m.add_class::<core::DiStateInfo>()?;
    Ok(())
}
