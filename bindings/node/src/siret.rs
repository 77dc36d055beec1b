//! SIREN, NIC, SIRET and TVA numbers (`apart::siret`).
//!
//! Identifiers cross as strings, always (never `number` or `bigint`: leading zeros matter). A
//! parsed identifier is the core's record of it (`SiretRecord`…): its compact form, its spaced
//! form and what can be derived from it.

use apart::siret::{self as core, Parsed, generate};
use napi::Env;
use napi::bindgen_prelude::{Uint8Array, Unknown};
use napi_derive::napi;

use crate::arg;
use crate::error::OrThrow;
use crate::fast::{self, ShortStr};
use crate::records::to_js;

crate::js::core_objects! {
    /// The core's `ParseOptions`, as an argument.
    ParseOptions(core::ParseOptions) => "options",
    /// The core's `GenerateOptions`, as an argument.
    GenerateOptions(generate::GenerateOptions) => "options",
}

/// The four parsers: `input` read by `options` (the core's `ParseOptions`: lenient unless
/// `strict`), returned as the identifier's record. Each throws a `SiretError`.
macro_rules! parsers {
    ($($doc:tt $name:ident: $t:ty => $record:tt;)*) => {$(
        #[doc = $doc]
        #[napi(catch_unwind, ts_return_type = $record)]
        pub fn $name<'env>(
            env: &'env Env,
            input: arg::String,
            options: Option<ParseOptions>,
        ) -> napi::Result<Unknown<'env>> {
            let options = options.map(|o| o.0).unwrap_or_default();
            let parsed = options.parse::<$t>(&input).or_throw(env)?;
            to_js(env, &<$t as Parsed>::Record::from(parsed))
        }
    )*};
}

parsers! {
    "Parses a SIREN. Throws a `SiretError` (`IDENTIFIER_*`, `SIREN_INVALID_KEY`)."
    parse_siren: core::Siren => "SirenRecord";
    "Parses a SIRET (INSEE's rule: both keys, La Poste's digit sum). Throws a `SiretError`."
    parse_siret: core::Siret => "SiretRecord";
    "Parses a NIC (any five digits: its check is the SIRET's). Throws a `SiretError`."
    parse_nic: core::Nic => "NicRecord";
    "Parses a French TVA number. Throws a `SiretError` (`TVA_INVALID_KEY`, `TVA_INVALID_COUNTRY`…)."
    parse_tva: core::Tva => "TvaRecord";
}

/// Tells a SIREN, a SIRET and a TVA number apart and parses it. Throws a `SiretError`.
#[napi(catch_unwind, ts_return_type = "IdentifierRecord")]
pub fn detect<'env>(env: &'env Env, input: arg::String) -> napi::Result<Unknown<'env>> {
    let id = core::detect(&input).or_throw(env)?;
    to_js(env, &core::IdentifierRecord::from(id))
}

/// Whether `input` is a valid SIRET (lenient parsing). Never throws for a string.
#[napi(catch_unwind, ts_args_type = "input: string")]
pub fn is_valid_siret(input: ShortStr) -> bool {
    core::is_valid_siret(input.as_str())
}

/// Whether `input` is a valid SIREN (lenient parsing). Never throws for a string.
#[napi(catch_unwind, ts_args_type = "input: string")]
pub fn is_valid_siren(input: ShortStr) -> bool {
    core::Siren::parse(input.as_str()).is_ok()
}

/// The batch form of `isValidSiret`: one byte per input, 1 when valid, 0 when not.
#[napi(catch_unwind, ts_args_type = "inputs: Array<string>")]
pub fn is_valid_sirets(env: Env, inputs: arg::Array<'_>) -> napi::Result<Uint8Array> {
    let mut flags = Vec::with_capacity(inputs.0.len() as usize);
    fast::for_each_string(&env, inputs, |s| {
        flags.push(u8::from(core::is_valid_siret(s)))
    })?;
    Ok(Uint8Array::new(flags))
}

/// Checks a whole column of SIRETs, reporting each refused one with its code and message.
#[napi(
    catch_unwind,
    ts_args_type = "inputs: Array<string>",
    ts_return_type = "SiretReport"
)]
pub fn check_sirets<'env>(env: &'env Env, inputs: arg::Array<'_>) -> napi::Result<Unknown<'env>> {
    let mut report = core::SiretReport::default();
    fast::for_each_string(env, inputs, |input| report.check(input))?;
    to_js(env, &report)
}

/// The SIREN of a 8-digit prefix, with its check digit. Throws a `SiretError`.
#[napi(catch_unwind)]
pub fn complete_siren(env: Env, prefix: arg::String) -> napi::Result<String> {
    core::Siren::complete(&prefix)
        .map(|s| s.as_str().to_owned())
        .or_throw(&env)
}

/// The SIRET of a SIREN and a 4-digit establishment rank, with its check digit. Throws a
/// `SiretError`.
#[napi(catch_unwind)]
pub fn complete_siret(env: Env, siren: arg::String, rank: arg::String) -> napi::Result<String> {
    let siren = core::Siren::parse(&siren).or_throw(&env)?;
    core::Siret::complete(siren, &rank)
        .map(|s| s.as_str().to_owned())
        .or_throw(&env)
}

/// Formats a SIRET with another separator (such as `"\u00a0"`). Throws a `SiretError`.
#[napi(catch_unwind)]
pub fn format_siret(env: Env, input: arg::String, separator: arg::String) -> napi::Result<String> {
    let siret = core::Siret::parse(&input).or_throw(&env)?;
    let separator = core::separator(&separator).or_throw(&env)?;
    Ok(siret.format_with(separator))
}

/// The most values one call generates (each is a string kept in memory).
const GENERATE_MAX: u32 = 10_000_000;

fn rng(seed: f64, count: f64) -> Result<(generate::SplitMix64, u32), apart::value::ValueError> {
    let count = apart::float::whole(count, 0, i64::from(GENERATE_MAX))
        .map_err(|e| e.with_field("count"))?;
    let seed =
        apart::float::whole(seed, 0, 9_007_199_254_740_991).map_err(|e| e.with_field("seed"))?;
    Ok((
        generate::SplitMix64::new(seed.unsigned_abs()),
        u32::try_from(count).unwrap_or(GENERATE_MAX),
    ))
}

/// `count` valid SIRENs from a seeded generator (test data; the same seed gives the same
/// values on every platform). Throws an `InputError` for a seed that is not a safe
/// non-negative integer.
#[napi(catch_unwind, ts_args_type = "count: number, seed: number")]
pub fn generate_sirens(
    env: Env,
    count: arg::Number,
    seed: arg::Number,
) -> napi::Result<Vec<String>> {
    let (mut rng, count) = rng(seed.0, count.0).or_throw(&env)?;
    Ok((0..count)
        .map(|_| generate::siren(&mut rng).as_str().to_owned())
        .collect())
}

/// `count` valid SIRETs from a seeded generator.
#[napi(catch_unwind)]
pub fn generate_sirets(
    env: Env,
    count: arg::Number,
    seed: arg::Number,
    options: Option<GenerateOptions>,
) -> napi::Result<Vec<String>> {
    let (mut rng, count) = rng(seed.0, count.0).or_throw(&env)?;
    let options = options.map(|o| o.0).unwrap_or_default();
    Ok((0..count)
        .map(|_| options.siret(&mut rng).as_str().to_owned())
        .collect())
}
