//! `apart._native`: the pyo3 module under the `apart` Python package.
//!
//! Thin by design (design §7, style §3): each function converts its arguments (Python's own
//! types: aware `datetime`, `date`, `Decimal`, `dict`, read by the core), makes one call into
//! the `apart` crate and converts the result back. The modules of `python/apart/` re-export
//! them with the exceptions, enums and constants; that is what users import.
//!
//! Two rules hold for every function here:
//!
//! * errors leave as the `apart.ApartError` subclass of their domain, built by
//!   `apart._errors._from_native` from the error's code, French and English messages and
//!   structured fields ([`errors`]);
//! * every call into the core runs under [`errors::shield`], so a Rust panic (there should be
//!   none: the core denies them) reaches Python as `apart.InternalError`, never as pyo3's
//!   `PanicException` (a `BaseException`).
#![forbid(unsafe_code)]

use pyo3::prelude::*;

mod account;
mod bench;
mod claim_csv;
mod errors;
mod forms;
mod indemnity;
mod machine;
mod procedure;
mod siret;
mod table;
mod values;

/// The module's content; the order is irrelevant.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::register(m)?;
    siret::register(m)?;
    forms::register(m)?;
    machine::register(m)?;
    account::register(m)?;
    indemnity::register(m)?;
    claim_csv::register(m)?;
    table::register(m)?;
    procedure::register(m)?;
    values::register(m)?;
    bench::register(m)?;
    m.add_function(wrap_pyfunction!(doc_without_rust_examples, m)?)?;
    Ok(())
}

/// A native class's doc without the Rust examples of the core's doc comment (the core's
/// `doc_comments`, which the TypeScript, Kotlin and Swift declarations go through too).
#[pyfunction]
fn doc_without_rust_examples(doc: &str) -> String {
    apart::doc_comments::doc_without_rust_examples(doc)
}
