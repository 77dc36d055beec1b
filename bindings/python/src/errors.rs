//! Errors: every core error becomes the Python exception of its domain, with its code, both
//! messages and its structured fields; panics become `apart.InternalError`.

use std::panic::{AssertUnwindSafe, catch_unwind};

use apart::diagnostic::{DetailValue, Diagnostic, Lang};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList};

/// The Python domain (the exception class chosen by `apart._errors._from_native`) of a core
/// error. Mirrors `apart::Error` variant for variant.
pub(crate) fn core_error(py: Python<'_>, error: &apart::Error) -> PyErr {
    match error {
        apart::Error::Siret(e) => raise(py, "siret", e),
        apart::Error::Transition(e) => raise(py, "transition", e),
        apart::Error::Snapshot(e) => raise(py, "snapshot", e),
        apart::Error::Form(e) => raise_form(py, e),
        apart::Error::Account(e) => raise(py, "account", e),
        apart::Error::Indemnity(e) => raise(py, "indemnity", e),
        apart::Error::Procedure(e) => raise(py, "procedure", e),
        apart::Error::Seal(e) => raise(py, "snapshot", e),
        // `apart::Error` is `#[non_exhaustive]`: a variant added to the core before this
        // binding knows it still arrives whole (code, messages, fields), as the base class.
        other => raise(py, "apart", other),
    }
}

/// The Python exception for `error`, of the given domain (`"siret"`, `"form"`, …).
pub(crate) fn raise(py: Python<'_>, domain: &str, error: &dyn Diagnostic) -> PyErr {
    build(py, domain, error, None).unwrap_or_else(|e| e)
}

/// A `FORM_INVALID` error, with every refused field as `(field, code, fr, en, params)`.
pub(crate) fn raise_form(py: Python<'_>, errors: &apart::forms::FieldErrors) -> PyErr {
    let fields = || -> PyResult<Bound<'_, PyList>> {
        let list = PyList::empty(py);
        for e in errors {
            let source = e.source_error();
            list.append((
                e.field(),
                source.code(),
                source.message(Lang::Fr),
                source.message(Lang::En),
                details(py, source.details())?,
            ))?;
        }
        Ok(list)
    };
    match fields() {
        Ok(list) => build(py, "form", errors, Some(list)).unwrap_or_else(|e| e),
        Err(e) => e,
    }
}

fn details(py: Python<'_>, details: Vec<apart::diagnostic::Detail>) -> PyResult<Bound<'_, PyDict>> {
    let dict = PyDict::new(py);
    for (name, value) in details {
        match value {
            DetailValue::Text(s) => dict.set_item(name, s)?,
            DetailValue::Int(i) => dict.set_item(name, i)?,
        }
    }
    Ok(dict)
}

fn build(
    py: Python<'_>,
    domain: &str,
    error: &dyn Diagnostic,
    fields: Option<Bound<'_, PyList>>,
) -> PyResult<PyErr> {
    static FROM_NATIVE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let from_native = FROM_NATIVE.get_or_try_init(py, || {
        py.import("apart._errors")?
            .getattr("_from_native")
            .map(Bound::unbind)
    })?;
    let exception = from_native.bind(py).call1((
        domain,
        error.code(),
        error.message(Lang::Fr),
        error.message(Lang::En),
        details(py, error.details())?,
        fields,
    ))?;
    Ok(PyErr::from_value(exception))
}

/// An error of the binding itself (not of the core): a value Python handed over that cannot
/// reach the core, such as an instant outside the supported range.
pub(crate) fn input_error(py: Python<'_>, code: &'static str, fr: String, en: String) -> PyErr {
    let error = BindingError { code, fr, en };
    raise(py, "input", &error)
}

#[derive(Debug)]
struct BindingError {
    code: &'static str,
    fr: String,
    en: String,
}

impl std::fmt::Display for BindingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.fr)
    }
}

impl std::error::Error for BindingError {}

impl Diagnostic for BindingError {
    fn family(&self) -> apart::diagnostic::Family {
        apart::diagnostic::Family::Input
    }

    fn code(&self) -> &'static str {
        self.code
    }

    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.en.clone(),
            _ => self.fr.clone(),
        }
    }

    fn details(&self) -> Vec<apart::diagnostic::Detail> {
        Vec::new()
    }
}

/// Runs `f`, turning a Rust panic into `apart.InternalError` (code `INTERNAL_PANIC`).
///
/// The core denies panics on any input, so this is a last line of defence: a panic must never
/// reach Python as pyo3's `PanicException`, which derives from `BaseException` and escapes
/// `except Exception`.
pub(crate) fn shield<T>(py: Python<'_>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => {
            let reason = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            let error = BindingError {
                code: "INTERNAL_PANIC",
                fr: format!("erreur interne de la bibliothèque : {reason}"),
                en: format!("internal library error: {reason}"),
            };
            Err(raise(py, "internal", &error))
        }
    }
}

/// Panics on purpose, to test that a panic arrives as `apart.InternalError`.
#[pyfunction]
fn _panic_for_tests(py: Python<'_>, message: &str) -> PyResult<()> {
    shield(py, || {
        #[allow(clippy::panic)] // the whole point: a test of the panic shield
        {
            panic!("{message}")
        }
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    Ok(())
}
