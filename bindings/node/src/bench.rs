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

use crate::arg;
use crate::error::OrThrow;

/// Best of `repeat` (seconds): `compute` over every line in a loop, and `compute_claim` of
/// them all, with the built-in law and default options. The lines are read from `columns` as
/// `computeClaimColumns` reads them (refused cells left out).
#[napi(catch_unwind, js_name = "__rustIndemnityTimings")]
pub fn rust_indemnity_timings(
    env: Env,
    month: arg::String,
    columns: Unknown<'_>,
    repeat: arg::Number,
) -> napi::Result<Vec<f64>> {
    let repeat = self::repeat(&env, repeat)?;
    let month: Month = month.parse().or_throw(&env)?;
    let employees: Vec<core::EmployeeMonth> = crate::claim::rows(&env, month, &columns)?
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    let book = apart::law::LawBook::shared().or_throw(&env)?;
    let options = Options::default();
    let (mut each, mut claim) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..repeat {
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
pub fn rust_siret_timing(
    env: Env,
    values: arg::Vec<arg::String>,
    repeat: arg::Number,
) -> napi::Result<f64> {
    let repeat = self::repeat(&env, repeat)?;
    let mut best = f64::INFINITY;
    for _ in 0..repeat {
        let start = Instant::now();
        for v in &values.0 {
            black_box(apart::siret::is_valid_siret(black_box(v)));
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    Ok(best)
}

/// How many times to time (at least once): a whole number below 2^32.
fn repeat(env: &Env, repeat: arg::Number) -> napi::Result<i64> {
    let max = i64::from(u32::MAX);
    let n = apart::float::whole(repeat.0, 0, max)
        .map_err(|e| e.with_field("repeat"))
        .or_throw(env)?;
    Ok(n.max(1))
}
