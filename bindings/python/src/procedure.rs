//! The procedure (`apart::procedure`) beyond its machines (`apart.da`, `apart.di`,
//! `apart.assistance`, driven through `machine.rs`): creating a DI from its DA, DI codes, the
//! recap document, the dated rules, the assistance form. Every rule takes ``book``: a caller's
//! law book (default: the built-in law).

use apart::forms::HumanCheck;
use apart::indemnity::ClaimOutcome;
use apart::procedure::assistance::{AssistanceForm, AssistanceMotive};
use apart::procedure::da::DaMachine;
use apart::procedure::di::DiMachine;
use apart::procedure::recap::{Recap, RecapAmounts};
use apart::procedure::{self as core, RecapKind};
use apart::procedure::{DiCode, Motive, Period, rules};
use apart::python::{Arg, Text};
use pyo3::prelude::*;
use rust_decimal::Decimal;
use time::{Date, OffsetDateTime};

use crate::errors::{raise_form, shield};
use crate::indemnity::{Book, with_book};
use crate::values::{Day, Instant, Items, JsonText, Read, from_json, load, option, read, strings};

/// A period given as `(start, end)`, dates or their text.
fn period(py: Python<'_>, value: Items<'_, 2>) -> PyResult<Period> {
    let Items([start, end]) = value;
    Ok(Period::new(
        read::<Day>(py, &start, "start")?.0,
        read::<Day>(py, &end, "end")?.0,
    )?)
}

/// The recap of a DA or DI snapshot. ``amounts`` (DI only): ``{"claimed", "validated",
/// "iban"}`` (decimals as text; the IBAN is masked in the document).
#[pyfunction]
#[pyo3(signature = (snapshot, kind, *, amounts=None))]
pub(crate) fn recap(
    py: Python<'_>,
    snapshot: JsonText,
    kind: Read<RecapKind>,
    amounts: Option<JsonText>,
) -> PyResult<Recap> {
    shield(py, || {
        let amounts: Option<RecapAmounts> = amounts
            .map(|a| from_json(py, "amounts", &a.0))
            .transpose()?;
        Ok(Recap::from_snapshot_json(
            &snapshot.0,
            kind.0,
            amounts.as_ref(),
        )?)
    })
}

/// The recap of a DI with the amounts the indemnity engine computes for its lines (one
/// ``EmployeeMonth`` per line, in the DI's order), and that claim.
#[pyfunction]
#[pyo3(signature = (di_snapshot, kind, employees, options=None, *, book=None))]
pub(crate) fn recap_of_di_with_claim(
    py: Python<'_>,
    di_snapshot: JsonText,
    kind: Read<RecapKind>,
    employees: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyAny>>,
    book: Option<Book<'_>>,
) -> PyResult<(Recap, ClaimOutcome)> {
    shield(py, || {
        let employees = crate::indemnity::employee_list(py, employees)?;
        let di = load::<DiMachine>(&di_snapshot.0)?;
        let options = crate::indemnity::options(py, options)?;
        with_book(py, book, |b| {
            Recap::of_di_with_claim(&di, kind.0, b, &employees, &options)
        })
    })
}

/// A new DI snapshot for ``month`` under an authorised DA; ``existing`` are the DIs of that
/// DA already created (a month is claimed once).
#[pyfunction]
#[pyo3(signature = (da_snapshot, code, month, now, *, existing=None))]
pub(crate) fn create_di(
    py: Python<'_>,
    da_snapshot: JsonText,
    code: Text<'_>,
    month: &Bound<'_, PyAny>,
    now: Instant,
    existing: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    shield(py, || {
        let existing = crate::values::load_all::<DiMachine>(existing, "existing")?;
        let da = load::<DaMachine>(&da_snapshot.0)?;
        let code = DiCode::parse(&code)?;
        let month = crate::values::month(py, month)?;
        Ok(DiMachine::create(&da, code, month, &existing, now.0)?.to_json())
    })
}

text_functions! {
    /// The canonical form of a DI code as typed.
    fn parse_di_code(value) -> String = DiCode::parse(value)?.as_str().to_owned();
    fn di_code_matches(code, value) -> bool = DiCode::parse(code)?.matches(value);
    fn mask_iban(iban) -> String = apart::procedure::recap::mask_iban(iban);
}

/// The code among ``codes`` that ``value`` names (``ProcedureError`` if none).
#[pyfunction]
pub(crate) fn find_di_code(
    py: Python<'_>,
    value: Text<'_>,
    codes: &Bound<'_, PyAny>,
) -> PyResult<String> {
    shield(py, || {
        let codes = strings(codes, "codes")?
            .iter()
            .map(|c| DiCode::parse(c))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(DiCode::find(&value, &codes)?.as_str().to_owned())
    })
}

/// The rules of `apart::procedure::rules` that answer from their arguments and the law: each
/// argument read as its type ([`Day`], [`Instant`], [`Read`]), then `book` (`None`: the
/// built-in law).
macro_rules! dated_rules {
    ($($(#[doc = $doc:literal])* fn $name:ident($($arg:ident: $ty:ty),+) -> $ret:ty;)+) => {$(
        $(#[doc = $doc])*
        #[pyfunction]
        #[pyo3(signature = ($($arg,)+ book=None))]
        pub(crate) fn $name(
            py: Python<'_>,
            $($arg: $ty,)+
            book: Option<Book<'_>>,
        ) -> PyResult<$ret> {
            shield(py, || with_book(py, book, |b| rules::$name(b, $($arg.0),+)))
        }
    )+};
}

dated_rules! {
    /// The last day a DA may be filed for employees placed in activité partielle on
    /// ``placement`` (late filing allowed for some motives).
    fn last_filing_day(motive: Read<Motive>, placement: Day) -> Date;
    /// The last day to file the DIs of an authorisation.
    fn claims_last_day(authorised_on: Day, period_end: Day) -> Date;
    /// The days the administration has to decide a DA received on ``received_on``.
    fn decision_delay_days(received_on: Day) -> u8;
    /// The days of late filing allowed for ``motive`` (``None``: the DA must come first).
    fn late_filing_days(motive: Read<Motive>, placement: Day) -> Option<u8>;
    /// The months after the period's end to file the DIs of an authorisation.
    fn claim_deadline_months(authorised_on: Day) -> u8;
    /// When silence means acceptance for a DA received at ``received_at``, and the delay in
    /// days.
    fn implicit_acceptance_at(received_at: Instant) -> (OffsetDateTime, u8);
}

/// The duration limits in force for a DA received on ``received_on``: ``{"months",
/// "disaster_months", "cumulative"}``.
#[pyfunction]
#[pyo3(signature = (received_on, book=None))]
pub(crate) fn max_duration<'py>(
    py: Python<'py>,
    received_on: Day,
    book: Option<Book<'_>>,
) -> PyResult<Bound<'py, PyAny>> {
    shield(py, || {
        let limit = with_book(py, book, |b| rules::max_duration(b, received_on.0))?;
        apart::python::to_dict(py, &limit)
    })
}

/// The annual quotas of ``year`` per employee: ``(hours, works_hours)``.
#[pyfunction]
#[pyo3(signature = (year, book=None))]
pub(crate) fn annual_quota(
    py: Python<'_>,
    year: &Bound<'_, PyAny>,
    book: Option<Book<'_>>,
) -> PyResult<(u32, u32)> {
    let year: i32 = apart::python::int(year, "year")?;
    shield(py, || {
        with_book(py, book, |b| {
            rules::annual_quota(b, year).map(|q| (q.hours, q.works_hours))
        })
    })
}

/// The annual quota of hours per employee (``works``: the higher quota for works).
#[pyfunction]
#[pyo3(signature = (year, works=Arg(false), book=None), text_signature = "(year, works=False, book=None)")]
pub(crate) fn annual_quota_hours(
    py: Python<'_>,
    year: &Bound<'_, PyAny>,
    works: Arg<bool>,
    book: Option<Book<'_>>,
) -> PyResult<Decimal> {
    let year: i32 = apart::python::int(year, "year")?;
    shield(py, || {
        with_book(py, book, |b| rules::annual_quota_hours(b, year, works.0))
    })
}

/// Raises ``DA_DURATION_EXCEEDED`` or ``DA_CUMULATIVE_DURATION_EXCEEDED`` when the requested
/// period is too long on its own or with the other authorised ones.
#[pyfunction]
#[pyo3(signature = (motive, requested, other_authorised, received_on, book=None))]
pub(crate) fn check_duration(
    py: Python<'_>,
    motive: Read<Motive>,
    requested: &Bound<'_, PyAny>,
    other_authorised: &Bound<'_, PyAny>,
    received_on: Day,
    book: Option<Book<'_>>,
) -> PyResult<()> {
    shield(py, || {
        let requested = period(py, Items::named(requested, "requested")?)?;
        let others = crate::values::items(other_authorised, "other_authorised")?
            .enumerate()
            .map(|(i, p)| period(py, Items::named(&p?, &format!("other_authorised[{i}]"))?))
            .collect::<PyResult<Vec<_>>>()?;
        with_book(py, book, |b| {
            rules::check_duration(b, motive.0, &requested, &others, received_on.0)
        })
    })
}

/// The number of days of a period, both ends included (``PERIOD_INVERTED`` if it ends before
/// it starts).
#[pyfunction]
pub(crate) fn period_days(py: Python<'_>, start: Day, end: Day) -> PyResult<i64> {
    shield(py, || Ok(Period::new(start.0, end.0)?.days()))
}

/// The days common to two periods, if any (``PERIOD_INVERTED`` for a bad period).
#[pyfunction]
pub(crate) fn period_intersection(
    py: Python<'_>,
    a: Items<'_, 2>,
    b: Items<'_, 2>,
) -> PyResult<Option<(Date, Date)>> {
    shield(py, || {
        let (a, b) = (period(py, a)?, period(py, b)?);
        Ok(a.intersection(&b).map(|p| (p.start(), p.end())))
    })
}

/// Whether period ``a`` contains period ``b``.
#[pyfunction]
pub(crate) fn period_contains(py: Python<'_>, a: Items<'_, 2>, b: Items<'_, 2>) -> PyResult<bool> {
    shield(py, || Ok(period(py, a)?.contains_period(&period(py, b)?)))
}

/// An assistance motive: a member, its spelling or its name in the spec
/// (`AssistanceMotive::from_code`); anything else is read by [`option`] for its error.
fn assistance_motive(py: Python<'_>, motive: &Bound<'_, PyAny>) -> PyResult<AssistanceMotive> {
    if let Ok(text) = motive.cast::<pyo3::types::PyString>()
        && let Some(m) = AssistanceMotive::from_code(&text.to_string_lossy())
    {
        return Ok(m);
    }
    option(py, motive, "motive")
}

/// The fields of the assistance form opened with `motive` preselected.
#[pyfunction]
pub(crate) fn assistance_form_preselected<'py>(
    py: Python<'py>,
    motive: &Bound<'_, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    shield(py, || {
        let form = AssistanceForm::preselected(assistance_motive(py, motive)?);
        apart::python::to_dict(py, &form)
    })
}

/// The fields of the assistance form handed over by another flow (onboarding's hand-off).
#[pyfunction]
#[pyo3(signature = (motive, siret=None))]
pub(crate) fn assistance_form_handed_over<'py>(
    py: Python<'py>,
    motive: Text<'_>,
    siret: Option<Text<'_>>,
) -> PyResult<Bound<'py, PyAny>> {
    shield(py, || {
        apart::python::to_dict(
            py,
            &AssistanceForm::handed_over(&motive, siret.map(|s| s.0.into_owned())),
        )
    })
}

/// Checks every field of the assistance form: the `AssistanceRequest`, or `FormError`
/// `FORM_INVALID` with each refused field.
#[pyfunction]
pub(crate) fn assistance_form_validate<'py>(
    py: Python<'py>,
    fields: JsonText,
    human_check_at: Option<Instant>,
) -> PyResult<Bound<'py, PyAny>> {
    shield(py, || {
        let form: AssistanceForm = from_json(py, "form", &fields.0)?;
        let check = human_check_at.map_or(HumanCheck::NotVerified, |at| HumanCheck::Verified {
            at: at.0,
        });
        let request = form.validate(&check).map_err(|e| raise_form(py, &e))?;
        apart::python::to_dict(py, &request)
    })
}

/// Every DA state, in the machine's order (the core's `DaStateInfo`).
#[pyfunction]
pub(crate) fn da_states() -> Vec<core::DaStateInfo> {
    core::da_states()
}

/// Every DI state, in the machine's order (the core's `DiStateInfo`).
#[pyfunction]
pub(crate) fn di_states() -> Vec<core::DiStateInfo> {
    core::di_states()
}

/// The DA motives, in the extranet's order: ``code`` and French ``label``.
#[pyfunction]
pub(crate) fn da_motives() -> Vec<apart::forms::Choice> {
    core::da_motives()
}

/// The assistance form's motives, in its order: ``code`` and French ``label``.
#[pyfunction]
pub(crate) fn assistance_motives() -> Vec<apart::forms::Choice> {
    core::assistance_motives()
}
