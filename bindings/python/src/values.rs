//! Single values handed over by the Python layer (amounts, dates, instants, months), read by
//! the core's own parsers through [`crate::de`], so that a bad one gets the core's code with
//! the argument's name as `field`.

use apart::money;
use apart::value::ValueError;
use pyo3::prelude::*;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use time::{Date, OffsetDateTime};

use crate::errors::{shield, value_error};
use apart::python::from_py;

/// `value` read as a `T`, or the core's typed error naming `name`.
pub(crate) fn read<T: DeserializeOwned>(
    py: Python<'_>,
    value: &Bound<'_, PyAny>,
    name: &str,
) -> PyResult<T> {
    from_py(value).map_err(|e: ValueError| {
        let e = if e.field().is_some() {
            e
        } else {
            e.with_field(name)
        };
        value_error(py, e)
    })
}

#[derive(Deserialize)]
struct IsoDate(#[serde(with = "apart::calendar::serde::date")] Date);

#[derive(Deserialize)]
struct IsoInstant(#[serde(with = "apart::calendar::serde::instant")] OffsetDateTime);

/// A date (`datetime.date` or `YYYY-MM-DD` text).
pub(crate) fn read_date(py: Python<'_>, value: &Bound<'_, PyAny>, name: &str) -> PyResult<Date> {
    read::<IsoDate>(py, value, name).map(|d| d.0)
}

/// An instant (an aware `datetime` or RFC 3339 text), storable (`calendar::check_instant`).
pub(crate) fn read_instant(
    py: Python<'_>,
    value: &Bound<'_, PyAny>,
    name: &str,
) -> PyResult<OffsetDateTime> {
    let at = read::<IsoInstant>(py, value, name)?.0;
    apart::calendar::check_instant(at).map_err(|e| value_error(py, e.with_field(name)))
}

/// The exact text of an amount (`amount`), hours (`hours`), hourly amount (`hourly`) or rate
/// (`rate`): `Decimal`, `int` or text in; a `float` is `VALUE_FLOAT_REFUSED`.
#[pyfunction]
#[pyo3(signature = (kind, value, name = "value"))]
fn decimal_text(
    py: Python<'_>,
    kind: &str,
    value: &Bound<'_, PyAny>,
    name: &str,
) -> PyResult<String> {
    shield(py, || {
        Ok(match kind {
            "hours" => read::<money::Hours>(py, value, name)?.to_string(),
            "hourly" => read::<money::HourlyAmount>(py, value, name)?.to_string(),
            "rate" => read::<money::Rate>(py, value, name)?.to_string(),
            _ => read::<money::Euros>(py, value, name)?.to_string(),
        })
    })
}

/// `YYYY-MM-DD` of a date (`datetime.date` or text).
#[pyfunction]
#[pyo3(signature = (value, name = "date"))]
fn date_text(py: Python<'_>, value: &Bound<'_, PyAny>, name: &str) -> PyResult<String> {
    shield(py, || {
        Ok(apart::calendar::format_date(read_date(py, value, name)?))
    })
}

/// An aware `datetime` as `(microseconds since 1970, UTC offset in seconds)`; a naive one, or
/// one the core cannot store, is `VALUE_INVALID_INSTANT`.
#[pyfunction]
#[pyo3(signature = (value, name = "now"))]
fn instant_parts(py: Python<'_>, value: &Bound<'_, PyAny>, name: &str) -> PyResult<(i64, i32)> {
    shield(py, || {
        let at = read_instant(py, value, name)?;
        let micros = i64::try_from(at.unix_timestamp_nanos().div_euclid(1000)).map_err(|_| {
            value_error(
                py,
                ValueError::InvalidInstant {
                    field: Some(name.to_owned()),
                    input: apart::calendar::format_instant(at),
                    reason: "year_range".into(),
                },
            )
        })?;
        Ok((micros, at.offset().whole_seconds()))
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(decimal_text, m)?)?;
    m.add_function(wrap_pyfunction!(date_text, m)?)?;
    m.add_function(wrap_pyfunction!(instant_parts, m)?)?;
    Ok(())
}
