//! SIREN, NIC, SIRET and TVA numbers (`apart::siret`). Identifiers cross as strings: the
//! parsers return the compact form (`"73282932000074"`), `formatSiret` the grouped one.

use apart::siret::{self as core, Nic, Siren, Siret, Tva};
use wasm_bindgen::prelude::*;

use crate::convert::{integer, optional_boolean, text, texts};
use crate::error::OrThrow;

/// The compact SIRET (14 digits) of `input` (spaces, dots, dashes and NBSP allowed; with
/// `strict`, exactly 14 digits). Throws a `SiretError`: a lost leading zero is
/// `IDENTIFIER_INVALID_LENGTH` with the zero-padded suggestion, a wrong key `SIRET_INVALID_KEY`.
#[wasm_bindgen(js_name = parseSiret)]
pub fn parse_siret(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "boolean | null")] strict: Option<JsValue>,
) -> Result<String, JsValue> {
    let input = text(&input, "input")?;
    let siret = if optional_boolean(&strict.unwrap_or_default(), "strict")? == Some(true) {
        Siret::parse_strict(&input)
    } else {
        Siret::parse(&input)
    };
    Ok(siret.or_throw()?.as_str().to_owned())
}

/// The compact SIREN (9 digits) of `input`. Throws a `SiretError`.
#[wasm_bindgen(js_name = parseSiren)]
pub fn parse_siren(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "boolean | null")] strict: Option<JsValue>,
) -> Result<String, JsValue> {
    let input = text(&input, "input")?;
    let siren = if optional_boolean(&strict.unwrap_or_default(), "strict")? == Some(true) {
        Siren::parse_strict(&input)
    } else {
        Siren::parse(&input)
    };
    Ok(siren.or_throw()?.as_str().to_owned())
}

/// The compact NIC (5 digits) of `input`. Throws a `SiretError`.
#[wasm_bindgen(js_name = parseNic)]
pub fn parse_nic(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<String, JsValue> {
    Ok(Nic::parse(&text(&input, "input")?)
        .or_throw()?
        .as_str()
        .to_owned())
}

/// The compact TVA number (`FR` + 11 digits) of `input`. Throws a `SiretError`.
#[wasm_bindgen(js_name = parseTva)]
pub fn parse_tva(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<String, JsValue> {
    Ok(Tva::parse(&text(&input, "input")?)
        .or_throw()?
        .as_str()
        .to_owned())
}

/// What `input` is, by its shape: `{ kind: 'siren' | 'siret' | 'tva', value }` (compact).
/// Throws a `SiretError`.
#[wasm_bindgen(unchecked_return_type = "{ kind: 'siren' | 'siret' | 'tva'; value: string }")]
pub fn detect(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let id = core::detect(&text(&input, "input")?).or_throw()?;
    crate::convert::out(&serde_json::json!({
        "kind": id.kind().as_str(),
        "value": id.as_str(),
    }))
}

/// Whether `input` is a valid SIRET (lenient separators), without building an error.
#[wasm_bindgen(js_name = isValidSiret)]
pub fn is_valid_siret(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<bool, JsValue> {
    Ok(core::is_valid_siret(&text(&input, "input")?))
}

/// Whether `input` is a valid SIREN (lenient separators).
#[wasm_bindgen(js_name = isValidSiren)]
pub fn is_valid_siren(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<bool, JsValue> {
    Ok(Siren::parse(&text(&input, "input")?).is_ok())
}

/// How many of `inputs` are valid SIRETs: a whole column checked in one call. Throws an
/// `InputError` (`INPUT_WRONG_TYPE`) for anything but an array of strings.
#[wasm_bindgen(js_name = countValidSirets)]
pub fn count_valid_sirets(
    #[wasm_bindgen(unchecked_param_type = "string[]")] inputs: JsValue,
) -> Result<u32, JsValue> {
    let inputs = texts(&inputs, "inputs")?;
    let n = inputs.iter().filter(|s| core::is_valid_siret(s)).count();
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// The SIRET grouped as INSEE prints it, `732 829 320 00074`. Throws a `SiretError`.
#[wasm_bindgen(js_name = formatSiret)]
pub fn format_siret(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<String, JsValue> {
    Ok(Siret::parse(&text(&input, "input")?)
        .or_throw()?
        .format_with(' '))
}

/// The TVA number of a SIREN or SIRET. Throws a `SiretError`.
#[wasm_bindgen(js_name = tvaOf)]
pub fn tva_of(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<String, JsValue> {
    Ok(core::detect(&text(&input, "input")?)
        .or_throw()?
        .tva()
        .as_str()
        .to_owned())
}

/// The most values one `generateSirets` call makes (each is a string kept in memory).
const GENERATE_MAX: u32 = 1_000_000;

/// `count` valid SIRETs made from `seed` (the same seed gives the same list): test data for
/// forms and benchmarks, never real establishments. `count` is a whole number up to 1,000,000,
/// `seed` one of 32 bits (0 to 4,294,967,295); anything else throws an `InputError`
/// (`VALUE_OUT_OF_RANGE`, `INPUT_WRONG_TYPE`, `VALUE_NOT_FINITE`).
#[wasm_bindgen(js_name = generateSirets)]
pub fn generate_sirets(
    #[wasm_bindgen(unchecked_param_type = "number")] count: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] seed: JsValue,
) -> Result<Vec<String>, JsValue> {
    let count = integer(&count, "count", 0, GENERATE_MAX)?;
    let seed = integer(&seed, "seed", 0, u32::MAX)?;
    let mut rng = core::generate::SplitMix64::new(u64::from(seed));
    Ok((0..count)
        .map(|_| core::generate::siret(&mut rng).as_str().to_owned())
        .collect())
}
