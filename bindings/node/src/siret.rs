//! SIREN, NIC, SIRET and TVA numbers (`apart::siret`).
//!
//! Identifiers cross as strings, always (never `number` or `bigint`: leading zeros matter). A
//! parsed identifier is a plain object with its compact form, its spaced form and what can be
//! derived from it.

use apart::siret::{self as core, generate};
use napi::Env;
use napi::bindgen_prelude::Uint8Array;
use napi_derive::napi;

use crate::arg;
use crate::error::OrThrow;
use crate::fast::{self, ShortStr};

/// The kind of an identifier, as the core's `IdentifierKind`.
#[napi(string_enum = "lowercase")]
#[derive(Debug, PartialEq, Eq)]
pub enum IdentifierKind {
    /// A SIREN: 9 digits, the company.
    Siren,
    /// A NIC: 5 digits, the establishment inside its company.
    Nic,
    /// A SIRET: 14 digits, SIREN + NIC.
    Siret,
    /// A French intra-community VAT number: `FR`, a 2-digit key, a SIREN.
    Tva,
}

/// How to parse: lenient by default (white space trimmed, separators space, no-break space,
/// `.` and `-` skipped); `strict` takes bare digits only.
#[napi(object, object_from_js = false)]
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ParseOptions {
    /// Bare digits only (and `FR` for a TVA number).
    pub strict: Option<bool>,
}

crate::js::from_js_strict! {
    ParseOptions => "options",
    GenerateOptions => "options",
}

fn strict(options: Option<&ParseOptions>) -> bool {
    options.and_then(|o| o.strict).unwrap_or(false)
}

/// A valid SIREN.
#[napi(object)]
#[derive(Debug)]
pub struct Siren {
    /// The nine digits.
    pub siren: String,
    /// Spaced: `732 829 320`.
    pub formatted: String,
    /// The company's TVA number: `FR44732829320`.
    pub tva: String,
    /// La Poste's SIREN `356000000`, whose establishments follow their own check rule.
    pub is_la_poste: bool,
}

impl From<core::Siren> for Siren {
    fn from(s: core::Siren) -> Self {
        Siren {
            siren: s.as_str().to_owned(),
            formatted: s.to_string(),
            tva: s.tva().as_str().to_owned(),
            is_la_poste: s.is_la_poste(),
        }
    }
}

/// A valid SIRET.
#[napi(object)]
#[derive(Debug)]
pub struct Siret {
    /// The fourteen digits.
    pub siret: String,
    /// The company: the first nine digits.
    pub siren: String,
    /// The establishment: the last five digits.
    pub nic: String,
    /// Spaced: `732 829 320 00074`.
    pub formatted: String,
    /// The company's TVA number.
    pub tva: String,
    /// Whether the SIREN is La Poste's.
    pub is_la_poste: bool,
}

impl From<core::Siret> for Siret {
    fn from(s: core::Siret) -> Self {
        Siret {
            siret: s.as_str().to_owned(),
            siren: s.siren().as_str().to_owned(),
            nic: s.nic().as_str().to_owned(),
            formatted: s.to_string(),
            tva: s.tva().as_str().to_owned(),
            is_la_poste: s.is_la_poste(),
        }
    }
}

/// A NIC (its own check is the SIRET's: any five digits are a NIC).
#[napi(object)]
#[derive(Debug)]
pub struct Nic {
    /// The five digits.
    pub nic: String,
    /// The establishment's rank: the first four digits as a number.
    pub rank: u32,
    /// The last digit.
    pub check_digit: u32,
}

impl From<core::Nic> for Nic {
    fn from(n: core::Nic) -> Self {
        Nic {
            nic: n.as_str().to_owned(),
            rank: n.rank().into(),
            check_digit: n.check_digit().into(),
        }
    }
}

/// A valid French TVA number.
#[napi(object)]
#[derive(Debug)]
pub struct Tva {
    /// Compact: `FR44732829320`.
    pub tva: String,
    /// Spaced: `FR 44 732 829 320`.
    pub formatted: String,
    /// The two-digit key, 0 to 96.
    pub key: u32,
    /// The SIREN inside, absent for Monaco numbers.
    pub siren: Option<String>,
    /// A Monaco number (`FR` + key + `000` + 6 digits).
    pub is_monaco: bool,
}

impl From<core::Tva> for Tva {
    fn from(t: core::Tva) -> Self {
        Tva {
            tva: t.as_str().to_owned(),
            formatted: t.to_string(),
            key: t.key().into(),
            siren: t.siren().map(|s| s.as_str().to_owned()),
            is_monaco: t.is_monaco(),
        }
    }
}

/// An identifier of any kind, as told by [`detect`].
#[napi(object)]
#[derive(Debug)]
pub struct Identifier {
    /// Which kind it is (the core's own tag, so a kind added to the core is never mislabelled).
    #[napi(ts_type = "IdentifierKind")]
    pub kind: String,
    /// The compact form.
    pub compact: String,
    /// The spaced form.
    pub formatted: String,
    /// The SIREN, for a SIREN, a SIRET or a (non-Monaco) TVA number.
    pub siren: Option<String>,
    /// The company's TVA number.
    pub tva: String,
}

/// Parses a SIREN. Throws a `SiretError` (`IDENTIFIER_*`, `SIREN_INVALID_KEY`).
#[napi(catch_unwind)]
pub fn parse_siren(
    env: Env,
    input: arg::String,
    options: Option<ParseOptions>,
) -> napi::Result<Siren> {
    let parsed = if strict(options.as_ref()) {
        core::Siren::parse_strict(&input)
    } else {
        core::Siren::parse(&input)
    };
    parsed.map(Siren::from).or_throw(&env)
}

/// Parses a SIRET (INSEE's rule: both keys, La Poste's digit sum). Throws a `SiretError`.
#[napi(catch_unwind)]
pub fn parse_siret(
    env: Env,
    input: arg::String,
    options: Option<ParseOptions>,
) -> napi::Result<Siret> {
    let parsed = if strict(options.as_ref()) {
        core::Siret::parse_strict(&input)
    } else {
        core::Siret::parse(&input)
    };
    parsed.map(Siret::from).or_throw(&env)
}

/// Parses a NIC. Throws a `SiretError`.
#[napi(catch_unwind)]
pub fn parse_nic(env: Env, input: arg::String, options: Option<ParseOptions>) -> napi::Result<Nic> {
    let parsed = if strict(options.as_ref()) {
        core::Nic::parse_strict(&input)
    } else {
        core::Nic::parse(&input)
    };
    parsed.map(Nic::from).or_throw(&env)
}

/// Parses a French TVA number. Throws a `SiretError` (`TVA_INVALID_KEY`, `TVA_INVALID_COUNTRY`…).
#[napi(catch_unwind)]
pub fn parse_tva(env: Env, input: arg::String, options: Option<ParseOptions>) -> napi::Result<Tva> {
    let parsed = if strict(options.as_ref()) {
        core::Tva::parse_strict(&input)
    } else {
        core::Tva::parse(&input)
    };
    parsed.map(Tva::from).or_throw(&env)
}

/// Tells a SIREN, a SIRET and a TVA number apart and parses it. Throws a `SiretError`.
#[napi(catch_unwind)]
pub fn detect(env: Env, input: arg::String) -> napi::Result<Identifier> {
    let id = core::detect(&input).or_throw(&env)?;
    Ok(Identifier {
        kind: id.kind().as_str().to_owned(),
        compact: id.as_str().to_owned(),
        formatted: id.to_string(),
        siren: id.siren().map(|s| s.as_str().to_owned()),
        tva: id.tva().as_str().to_owned(),
    })
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

/// One refused input of [`check_sirets`].
#[napi(object)]
#[derive(Debug)]
pub struct SiretProblem {
    /// Its index in the inputs.
    pub index: u32,
    /// The input as given.
    pub input: String,
    /// The error's code.
    pub code: String,
    /// The error's French message.
    pub message: String,
}

/// What [`check_sirets`] found.
#[napi(object)]
#[derive(Debug)]
pub struct SiretReport {
    /// How many inputs are valid SIRETs.
    pub valid: u32,
    /// Every refused input, in order.
    pub invalid: Vec<SiretProblem>,
}

/// Checks a whole column of SIRETs, reporting each refused one with its code and message.
#[napi(catch_unwind, ts_args_type = "inputs: Array<string>")]
pub fn check_sirets(env: Env, inputs: arg::Array<'_>) -> napi::Result<SiretReport> {
    use apart::diagnostic::{Diagnostic, Lang};
    let mut valid = 0u32;
    let mut invalid = Vec::new();
    let mut index = 0u32;
    fast::for_each_string(&env, inputs, |input| {
        match core::Siret::parse(input) {
            Ok(_) => valid = valid.saturating_add(1),
            Err(e) => invalid.push(SiretProblem {
                index,
                code: e.code().to_owned(),
                message: e.message(Lang::Fr),
                input: input.to_owned(),
            }),
        }
        // A JavaScript array has fewer than 2^32 elements.
        index = index.saturating_add(1);
    })?;
    Ok(SiretReport { valid, invalid })
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
    let mut chars = separator.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(siret.format_with(c)),
        _ => Err(crate::convert::out_of_range(
            "separator",
            &separator,
            apart::value::expected::ONE_CHARACTER,
        ))
        .or_throw(&env),
    }
}

/// Options of [`generate_sirets`].
#[napi(object, object_from_js = false)]
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct GenerateOptions {
    /// Establishments of this SIREN only.
    pub siren: Option<String>,
    /// La Poste SIRETs (SIREN 356000000, digit-sum rule).
    pub la_poste: Option<bool>,
}

/// The most values one call generates (each is a string kept in memory).
const GENERATE_MAX: u32 = 10_000_000;

fn rng(seed: f64, count: f64) -> Result<(generate::SplitMix64, u32), apart::value::ValueError> {
    let count = crate::convert::integer("count", count, 0, i64::from(GENERATE_MAX))?;
    let count = u32::try_from(count).unwrap_or(GENERATE_MAX);
    if !(seed.is_finite() && seed.fract() == 0.0 && (0.0..=9_007_199_254_740_991.0).contains(&seed))
    {
        return Err(crate::convert::out_of_range(
            "seed",
            &apart::float::spelling(seed),
            &apart::value::expected::range(0, "Number.MAX_SAFE_INTEGER"),
        ));
    }
    // An integer in 0..2^53: exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok((generate::SplitMix64::new(seed as u64), count))
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
    let options = options.unwrap_or_default();
    let siren = match options.siren {
        Some(s) => Some(core::Siren::parse(&s).or_throw(&env)?),
        None => None,
    };
    let la_poste = options.la_poste.unwrap_or(false);
    Ok((0..count)
        .map(|_| {
            let s = match (siren, la_poste) {
                (Some(siren), _) => generate::siret_of(siren, &mut rng),
                (None, true) => generate::la_poste_siret(&mut rng),
                (None, false) => generate::siret(&mut rng),
            };
            s.as_str().to_owned()
        })
        .collect())
}
