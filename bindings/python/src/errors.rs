//! Errors: every core error becomes the Python exception of its family
//! (`Diagnostic::family()`, class `Family::class_name()`), with its code, both messages and its
//! structured fields; panics become `apart.InternalError`.

use apart::diagnostic::{Diagnostic, DiagnosticRecord, Family};
use apart::value::ValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

/// The Python exception of any core error, of the class of its family.
pub(crate) fn raise(py: Python<'_>, error: &dyn Diagnostic) -> PyErr {
    build(py, error, None).unwrap_or_else(|e| e)
}

/// A `FORM_INVALID` error, with every refused field as `(field, record)`.
pub(crate) fn raise_form(py: Python<'_>, errors: &apart::forms::FieldErrors) -> PyErr {
    let fields = errors
        .into_iter()
        .map(|e| Ok((e.field(), record(py, e.source_error())?)))
        .collect::<PyResult<Vec<_>>>();
    match fields {
        Ok(fields) => build(py, errors, Some(fields)).unwrap_or_else(|e| e),
        Err(e) => e,
    }
}

/// The core's record of an error (`DiagnosticRecord`: code, family, messages, details) as a
/// `dict`.
fn record<'py>(py: Python<'py>, error: &dyn Diagnostic) -> PyResult<Bound<'py, PyAny>> {
    apart::python::to_dict(py, &DiagnosticRecord::of(error))
}

fn build(
    py: Python<'_>,
    error: &dyn Diagnostic,
    fields: Option<Vec<(&str, Bound<'_, PyAny>)>>,
) -> PyResult<PyErr> {
    static FROM_NATIVE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let from_native = FROM_NATIVE.get_or_try_init(py, || {
        py.import("apart._errors")?
            .getattr("_from_native")
            .map(Bound::unbind)
    })?;
    let exception = from_native.bind(py).call1((record(py, error)?, fields))?;
    Ok(PyErr::from_value(exception))
}

pub(crate) use apart::python::shield;

/// Panics on purpose, to test that a panic arrives as `apart.InternalError`.
#[pyfunction]
pub(crate) fn _panic_for_tests(py: Python<'_>, message: &str) -> PyResult<()> {
    shield(py, || {
        #[allow(clippy::panic)] // the whole point: a test of the panic shield
        {
            panic!("{message}")
        }
    })
}

/// Every family, `(name, exception class)`, in the core's order: the Python layer makes one
/// exception class of each.
#[pyfunction]
pub(crate) fn families() -> Vec<(&'static str, &'static str)> {
    Family::ALL
        .iter()
        .map(|f| (f.as_str(), f.class_name()))
        .collect()
}

/// The record (`DiagnosticRecord`) of the core's input error `code` with `details`, about the
/// argument `field` (pyo3 names the argument whose conversion failed in a note:
/// `ApartError.add_note`); `None` for an error that is not an input error.
#[pyfunction]
pub(crate) fn error_with_field<'py>(
    py: Python<'py>,
    code: &str,
    details: &Bound<'_, PyAny>,
    field: &str,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let Ok(serde_json::Value::Object(mut record)) = apart::python::from_py(details) else {
        return Ok(None);
    };
    record.insert("code".to_owned(), code.into());
    let Ok(error) = serde_json::from_value::<ValueError>(record.into()) else {
        return Ok(None);
    };
    self::record(py, &error.with_field(field)).map(Some)
}

/// The `INPUT_WRONG_TYPE` error of the argument `name` of a Python function: `value` where
/// `expected` (the core's words, [`apart::value::expected`]) was wanted.
#[pyfunction]
pub(crate) fn wrong_type<'py>(
    value: &Bound<'py, PyAny>,
    name: &str,
    expected: &str,
) -> Bound<'py, pyo3::exceptions::PyBaseException> {
    crate::values::wrong_type(value, name, expected)
        .into_value(value.py())
        .into_bound(value.py())
}
