//! The Rust side of `make bench-node` (benches/node): the core timed inside the add-on, on the
//! inputs the JavaScript side measures, so that the ratios compare the same work in the same
//! build on the same machine. Not part of the API (`__`-prefixed, left out of index.mjs).

use std::hint::black_box;
use std::time::Instant;

use apart::calendar::Month;
use apart::indemnity::{self as core, Options};
use napi::Env;
use napi::bindgen_prelude::Unknown;
use napi_derive::napi;

use crate::error::OrThrow;

/// Best of `repeat` (seconds): `compute` over every line in a loop, and `compute_claim` of
/// them all, with the built-in law and default options. The lines are read from `columns` as
/// `computeClaimColumns` reads them (refused cells left out).
#[napi(catch_unwind, js_name = "__rustIndemnityTimings")]
pub fn rust_indemnity_timings(
    env: Env,
    month: String,
    columns: Unknown<'_>,
    repeat: u32,
) -> napi::Result<Vec<f64>> {
    let month: Month = month.parse().or_throw(&env)?;
    let employees: Vec<core::EmployeeMonth> = crate::claim::rows(&env, month, &columns)?
        .into_iter()
        .filter_map(|(_, row)| row.ok())
        .collect();
    let book = apart::law::LawBook::shared().or_throw(&env)?;
    let options = Options::default();
    let (mut each, mut claim) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..repeat.max(1) {
        let start = Instant::now();
        for e in &employees {
            let _ = black_box(core::compute(book, black_box(e), &options));
        }
        each = each.min(start.elapsed().as_secs_f64());
        let start = Instant::now();
        black_box(core::compute_claim(
            book,
            month,
            black_box(&employees),
            &options,
        ));
        claim = claim.min(start.elapsed().as_secs_f64());
    }
    Ok(vec![each, claim])
}

/// Best of `repeat` (seconds): `apart::siret::is_valid_siret` over every value.
#[napi(catch_unwind, js_name = "__rustSiretTiming")]
pub fn rust_siret_timing(values: Vec<String>, repeat: u32) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..repeat.max(1) {
        let start = Instant::now();
        for v in &values {
            black_box(apart::siret::is_valid_siret(black_box(v)));
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    best
}
