//! Field rules of the forms (`apart::forms`).
//!
//! Each `parseX` normalises its input and returns the canonical value (a string, or the core's
//! record of it when the field has more to say: `PhoneRecord`…), or throws a `FormError` (the
//! family of every field rule of the core) whose code says why (`PHONE_…`, `EMAIL_…`). Lengths
//! are UTF-16 code units, as the browser's `maxlength` counts them.

use apart::forms as core;
use apart::value::{ValueError, expected};
use napi::bindgen_prelude::Unknown;
use napi::{Env, JsDate};
use napi_derive::napi;
use serde_json::Value;

use crate::arg;
use crate::error::OrThrow;
use crate::records::to_js;

crate::js::core_objects! {
    /// The core's `PhonePolicy` (what a phone field accepts beyond mainland and
    /// overseas-department numbers), as an argument.
    PhonePolicy(core::PhonePolicy) => "policy",
    /// The core's `TextRules` (the limits of a text field), as an argument.
    TextRules(core::TextRules) => "rules",
    /// The core's `SecretAnswerContext` (what the secret answer must not equal), as an argument.
    SecretAnswerContext(core::SecretAnswerNames) => "context",
}

/// Parses a French phone number. Throws a `FormError`.
#[napi(catch_unwind, ts_return_type = "PhoneRecord")]
pub fn parse_phone<'env>(
    env: &'env Env,
    input: arg::String,
    policy: Option<PhonePolicy>,
) -> napi::Result<Unknown<'env>> {
    let phone = core::PhoneFr::parse_with(&input, policy.map(|p| p.0).unwrap_or_default());
    to_js(env, &core::PhoneRecord::from(&phone.or_throw(env)?))
}

/// Parses an optional phone field: `null` when empty. Throws a `FormError`.
#[napi(catch_unwind, ts_return_type = "PhoneRecord | null")]
pub fn parse_optional_phone<'env>(
    env: &'env Env,
    input: arg::String,
    policy: Option<PhonePolicy>,
) -> napi::Result<Unknown<'env>> {
    let phone = core::PhoneFr::parse_optional(&input, policy.map(|p| p.0).unwrap_or_default());
    to_js(
        env,
        &phone.or_throw(env)?.as_ref().map(core::PhoneRecord::from),
    )
}

/// Parses an e-mail address. Throws a `FormError`.
#[napi(catch_unwind, ts_return_type = "EmailRecord")]
pub fn parse_email<'env>(env: &'env Env, input: arg::String) -> napi::Result<Unknown<'env>> {
    let e = core::Email::parse(&input).or_throw(env)?;
    to_js(env, &core::EmailRecord::from(&e))
}

/// Checks the « confirmation de l'e-mail » field against the e-mail field. Throws an
/// `FormError` (`EMAIL_CONFIRMATION_MISMATCH`).
#[napi(catch_unwind)]
pub fn confirm_email(env: Env, email: arg::String, confirmation: arg::String) -> napi::Result<()> {
    core::confirm_email(&email, &confirmation).or_throw(&env)
}

/// Parses a French postal code. Throws a `FormError`.
#[napi(catch_unwind, ts_return_type = "PostalCodeRecord")]
pub fn parse_postal_code<'env>(env: &'env Env, input: arg::String) -> napi::Result<Unknown<'env>> {
    let p = core::PostalCodeFr::parse(&input).or_throw(env)?;
    to_js(env, &core::PostalCodeRecord::from(p))
}

/// The rules of the extranet's text fields, to pass to `parseText` and friends.
#[napi(catch_unwind, ts_return_type = "StandardTextRules")]
pub fn text_rules(env: &Env) -> napi::Result<Unknown<'_>> {
    to_js(env, &core::StandardTextRules::CURRENT)
}

/// Parses a city field (1–60 units unless `rules` says otherwise). Throws a `FormError`.
#[napi(catch_unwind, ts_return_type = "CityRecord")]
pub fn parse_city<'env>(
    env: &'env Env,
    input: arg::String,
    rules: Option<TextRules>,
) -> napi::Result<Unknown<'env>> {
    let rules = rules.map_or(core::TextRules::CITY, |r| r.0);
    let c = core::City::parse_with(&input, rules).or_throw(env)?;
    to_js(env, &core::CityRecord::from(&c))
}

/// Parses a login identifier. Throws a `FormError`.
#[napi(catch_unwind, ts_return_type = "LoginIdentifierRecord")]
pub fn parse_login_identifier<'env>(
    env: &'env Env,
    input: arg::String,
) -> napi::Result<Unknown<'env>> {
    let id = core::LoginIdentifier::parse(&input).or_throw(env)?;
    to_js(env, &core::LoginIdentifierRecord::from(&id))
}

/// Parses a nom or prénom (1–50 units; `rules` for « nom et prénom », `textRules().full_name`).
/// Throws a `FormError`.
#[napi(catch_unwind)]
pub fn parse_person_name(
    env: Env,
    input: arg::String,
    rules: Option<TextRules>,
) -> napi::Result<String> {
    let rules = rules.map_or(core::TextRules::PERSON_NAME, |r| r.0);
    core::PersonName::parse_with(&input, rules)
        .map(|n| n.as_str().to_owned())
        .or_throw(&env)
}

/// Checks a secret answer and returns its normalised form: the input of the caller's slow hash,
/// never to be stored as is. Throws a `FormError`.
#[napi(catch_unwind)]
pub fn parse_secret_answer(
    env: Env,
    input: arg::String,
    context: Option<SecretAnswerContext>,
) -> napi::Result<String> {
    let context = context.map(|c| c.0).unwrap_or_default();
    core::SecretAnswer::parse(&input, context.context())
        .map(|a| a.normalized().to_owned())
        .or_throw(&env)
}

/// The normalised form of a secret answer, without checking it (to hash an attempt).
#[napi(catch_unwind)]
pub fn normalize_secret_answer(input: arg::String) -> String {
    core::normalize_secret_answer(&input)
}

/// Checks the assistance request's description (1–1000 units, multi-line) and returns it
/// normalised. Throws a `FormError`.
#[napi(catch_unwind)]
pub fn parse_description(env: Env, input: arg::String) -> napi::Result<String> {
    core::Description::parse(&input)
        .map(core::Description::into_string)
        .or_throw(&env)
}

/// Checks a text field against `rules` and returns it normalised. Throws a `FormError`.
#[napi(catch_unwind)]
pub fn parse_text(env: Env, input: arg::String, rules: TextRules) -> napi::Result<String> {
    core::BoundedText::parse(&input, rules.0)
        .map(core::BoundedText::into_string)
        .or_throw(&env)
}

/// The length of a description as the form counts it (UTF-16 units after normalisation).
#[napi(catch_unwind)]
pub fn description_len(input: arg::String) -> u32 {
    u32::try_from(core::description_len(&input)).unwrap_or(u32::MAX)
}

/// The units left before `max` (negative past it), for a « caractères restants » counter.
#[napi(catch_unwind, ts_args_type = "input: string, max: number")]
pub fn remaining(env: Env, input: arg::String, max: arg::Number) -> napi::Result<i64> {
    let max = apart::float::whole(max.0, 0, i64::from(u32::MAX))
        .map_err(|e| e.with_field("max"))
        .or_throw(&env)?;
    Ok(core::remaining(
        &input,
        usize::try_from(max).unwrap_or(usize::MAX),
    ))
}

/// A text normalised as every field normalises it (NFC, trimmed, line breaks as LF).
#[napi(catch_unwind)]
pub fn normalize_text(input: arg::String) -> String {
    core::normalize_text(&input)
}

/// The UTF-16 length of a text after normalisation.
#[napi(catch_unwind)]
pub fn text_len_utf16(input: arg::String) -> u32 {
    u32::try_from(core::text_len_utf16(&input)).unwrap_or(u32::MAX)
}

/// Parses a street number (« N° »): `null` when empty. Throws a `FormError`.
#[napi(catch_unwind)]
pub fn parse_street_number(env: Env, input: arg::String) -> napi::Result<Option<String>> {
    core::StreetNumber::parse(&input)
        .map(|n| n.map(|n| n.as_str().to_owned()))
        .or_throw(&env)
}

/// Parses a street extension (« B », « bis », …) into its code: `null` when empty. Throws an
/// `FormError`.
#[napi(catch_unwind, ts_return_type = "StreetExtension | null")]
pub fn parse_street_extension(env: Env, input: arg::String) -> napi::Result<Option<String>> {
    core::StreetExtension::parse(&input)
        .map(|e| e.map(|e| e.code().to_owned()))
        .or_throw(&env)
}

/// The street extensions, in the form's order (`{ code, label }`).
#[napi(catch_unwind, ts_return_type = "Array<Choice>")]
pub fn street_extensions() -> napi::Result<serde_json::Value> {
    crate::records::to_json(&core::street_extensions())
}

/// Common « type de voie » abbreviations (the field itself is free text).
#[napi(catch_unwind, ts_return_type = "Array<Choice>")]
pub fn street_types() -> napi::Result<serde_json::Value> {
    crate::records::to_json(&core::street_types())
}

/// The caller's verdict on the security code: `{ status: 'verified', at }` or
/// `{ status: 'not_verified' }`.
#[napi(object, object_from_js = false, object_to_js = false)]
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct HumanCheck {
    /// `verified` or `not_verified`.
    #[napi(ts_type = "'verified' | 'not_verified'")]
    pub status: String,
    /// When the code was checked (with `verified`): a `Date`, epoch milliseconds or RFC 3339.
    #[napi(ts_type = "Date | number | string")]
    pub at: Option<serde_json::Value>,
}

#[allow(unsafe_code)]
impl napi::bindgen_prelude::FromNapiValue for HumanCheck {
    unsafe fn from_napi_value(
        env: napi::sys::napi_env,
        value: napi::sys::napi_value,
    ) -> napi::Result<Self> {
        // SAFETY: napi-rs calls this with the values of the current call.
        unsafe { crate::js::read_object(env, value, "check") }
    }
}

/// The time the security code was verified, as a `Date`; with `now` and `maxAgeSeconds`, the
/// verification must also be at most that old. Throws a `FormError`
/// (`CAPTCHA_REQUIRED`, `CAPTCHA_EXPIRED`) or an `InputError`.
#[napi(
    catch_unwind,
    ts_args_type = "check: HumanCheck, now?: Date | number | string | undefined | null, maxAgeSeconds?: number | undefined | null"
)]
pub fn require_human_check<'env>(
    env: &'env Env,
    check: HumanCheck,
    now: Option<arg::Now>,
    max_age_seconds: Option<arg::Number>,
) -> napi::Result<JsDate<'env>> {
    let check = human_check(env, check)?;
    let at = match (now, max_age_seconds) {
        (None, None) => check.require().or_throw(env)?,
        (Some(arg::Now(now)), Some(arg::Number(max))) => {
            // Whole seconds up to 2^53 - 1 (`Duration` saturates).
            let max = apart::float::whole(max, 0, 9_007_199_254_740_991)
                .map_err(|e| e.with_field("maxAgeSeconds"))
                .or_throw(env)?;
            let max = time::Duration::seconds(max);
            check.require_fresh(now, max).or_throw(env)?
        }
        _ => {
            return Err(ValueError::out_of_range(
                "one of now and maxAgeSeconds",
                apart::value::expected::BOTH_OR_NEITHER,
            )
            .with_field("now"))
            .or_throw(env);
        }
    };
    env.create_date(apart::float::millis(at))
}

/// The core's `HumanCheck` of a JavaScript one.
pub(crate) fn human_check(env: &Env, check: HumanCheck) -> napi::Result<core::HumanCheck> {
    Ok(match (check.status.as_str(), check.at) {
        // Epoch milliseconds or RFC 3339 text (a `Date` is its ISO text here).
        ("verified", Some(at)) => core::HumanCheck::Verified {
            at: match at {
                Value::Number(n) => apart::float::instant_of_millis(n.as_f64().unwrap_or(f64::NAN)),
                Value::String(text) => apart::calendar::parse_instant(&text),
                other => {
                    let found = crate::js::describe(&env.to_js_value(&other)?)?;
                    Err(ValueError::wrong_type(expected::AN_INSTANT, &found))
                }
            }
            .map_err(|e| e.with_field("check.at"))
            .or_throw(env)?,
        },
        ("not_verified", _) => core::HumanCheck::NotVerified,
        (status, _) => {
            return Err(ValueError::out_of_range(
                status,
                "{status: 'verified', at}, {status: 'not_verified'}",
            )
            .with_field("check"))
            .or_throw(env);
        }
    })
}
