//! Rust's own timings, measured inside this module's build (the same compiler, profile and
//! machine as the Python figures beside them), for `make bench-python`'s ratios against Rust
//! itself. Not part of the public API (underscored names).

use std::hint::black_box;
use std::time::Instant;

use apart::indemnity::{self as ind, EmployeeMonth, Options};
use pyo3::prelude::*;

use crate::errors::shield;

/// Best of `repeat` (seconds): `apart::indemnity::compute` over every employee in a loop, and
/// `apart::indemnity::compute_claim` over all of them, with the built-in law book. The GIL is
/// released while Rust runs.
#[pyfunction]
pub(crate) fn _rust_indemnity_timings(
    py: Python<'_>,
    month: &Bound<'_, PyAny>,
    employees: &Bound<'_, PyAny>,
    repeat: &Bound<'_, PyAny>,
) -> PyResult<(f64, f64)> {
    let repeat: usize = apart::python::int(repeat, "repeat")?;
    shield(py, || {
        let month: apart::calendar::Month = crate::values::read(py, month, "month")?;
        let employees: Vec<EmployeeMonth> = apart::python::read(employees)?;
        let book = apart::law::LawBook::shared().map_err(|e| crate::errors::raise(py, &e))?;
        let options = Options::default();
        Ok(py.detach(|| {
            let (mut each, mut claim) = (f64::INFINITY, f64::INFINITY);
            for _ in 0..repeat.max(1) {
                let start = Instant::now();
                for e in &employees {
                    let _ = black_box(ind::compute(book, black_box(e), &options));
                }
                each = each.min(start.elapsed().as_secs_f64());
                let start = Instant::now();
                black_box(ind::compute_claim(
                    book,
                    month,
                    black_box(&employees),
                    &options,
                ));
                claim = claim.min(start.elapsed().as_secs_f64());
            }
            (each, claim)
        }))
    })
}

/// Best of `repeat` (seconds): `apart::siret::is_valid_siret` over every value.
#[pyfunction]
pub(crate) fn _rust_siret_timing(
    py: Python<'_>,
    values: Vec<String>,
    repeat: &Bound<'_, PyAny>,
) -> PyResult<f64> {
    let repeat: usize = apart::python::int(repeat, "repeat")?;
    Ok(py.detach(|| {
        let mut best = f64::INFINITY;
        for _ in 0..repeat.max(1) {
            let start = Instant::now();
            for v in &values {
                black_box(apart::siret::is_valid_siret(black_box(v)));
            }
            best = best.min(start.elapsed().as_secs_f64());
        }
        best
    }))
}
