//! Field rules of the forms (`apart::forms`).
//!
//! Each `parseX` normalises its input and returns the canonical value (a string, or a plain
//! object when the field has more to say), or throws a `FormError` (the family of every field
//! rule of the core) whose code says why (`PHONE_…`, `EMAIL_…`). Lengths are UTF-16 code units, as the
//! browser's `maxlength` counts them.

use apart::forms as core;
use napi::Env;
use napi::JsDate;
use napi_derive::napi;

use crate::arg;
use crate::convert;
use crate::error::OrThrow;

/// A mainland kind of line, or `overseas` (see [`PhoneKind`]).
#[napi(string_enum = "lowercase")]
#[derive(Debug)]
pub enum PhoneKindType {
    /// Mainland geographic fixed line, `01` to `05`.
    Fixed,
    /// Mainland mobile, `06` and `07`.
    Mobile,
    /// Non-geographic (VoIP, « box »), `09`.
    Voip,
    /// Special services, `08`.
    Special,
    /// An overseas territory's number: `territory` and `kind` tell more.
    Overseas,
}

/// An overseas territory with its own country calling code.
#[napi(string_enum)]
#[derive(Debug)]
pub enum PhoneTerritory {
    /// La Réunion (+262).
    #[napi(value = "reunion")]
    Reunion,
    /// Mayotte (+262).
    #[napi(value = "mayotte")]
    Mayotte,
    /// Guadeloupe, Saint-Barthélemy and Saint-Martin (+590).
    #[napi(value = "guadeloupe")]
    Guadeloupe,
    /// Martinique (+596).
    #[napi(value = "martinique")]
    Martinique,
    /// Guyane (+594).
    #[napi(value = "guyane")]
    Guyane,
    /// Saint-Pierre-et-Miquelon (+508).
    #[napi(value = "saint_pierre_et_miquelon")]
    SaintPierreEtMiquelon,
    /// Nouvelle-Calédonie (+687).
    #[napi(value = "nouvelle_caledonie")]
    NouvelleCaledonie,
    /// Polynésie française (+689).
    #[napi(value = "polynesie_francaise")]
    PolynesieFrancaise,
    /// Wallis-et-Futuna (+681).
    #[napi(value = "wallis_et_futuna")]
    WallisEtFutuna,
}

/// The kind of line of an overseas number.
#[napi(string_enum = "lowercase")]
#[derive(Debug)]
pub enum OverseasKind {
    /// A geographic fixed line.
    Fixed,
    /// A mobile line.
    Mobile,
    /// Anything else.
    Other,
}

/// What kind of line a number is (the core's `PhoneKind`, in its JSON form).
#[napi(object)]
#[derive(Debug)]
pub struct PhoneKind {
    /// The kind.
    #[napi(js_name = "type", ts_type = "PhoneKindType")]
    pub kind_type: String,
    /// The territory, for an overseas number.
    #[napi(ts_type = "PhoneTerritory")]
    pub territory: Option<String>,
    /// The overseas kind of line, for an overseas number.
    #[napi(ts_type = "OverseasKind")]
    pub kind: Option<String>,
}

/// What a phone field accepts beyond mainland and overseas-department numbers (all `false` by
/// default).
#[napi(object, object_from_js = false)]
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PhonePolicy {
    /// Accept the collectivities (+508, +687, +689, +681), in international form.
    pub collectivities: Option<bool>,
    /// Accept premium-rate `089x` numbers.
    pub allow_premium: Option<bool>,
    /// Accept only fixed lines (`01`–`05`, `09`, overseas fixed).
    pub require_fixed_line: Option<bool>,
}

impl From<PhonePolicy> for core::PhonePolicy {
    fn from(p: PhonePolicy) -> Self {
        core::PhonePolicy {
            collectivities: p.collectivities.unwrap_or(false),
            allow_premium: p.allow_premium.unwrap_or(false),
            require_fixed_line: p.require_fixed_line.unwrap_or(false),
        }
    }
}

/// A French telephone number.
#[napi(object)]
#[derive(Debug)]
pub struct Phone {
    /// E.164 (`+33123456789`): the form to store.
    pub e164: String,
    /// The national form for display (`01 23 45 67 89`; collectivities `+687 12 34 56`).
    pub display: String,
    /// The national form without spaces (`0123456789`).
    pub national: String,
    /// The country calling code, without `+`.
    pub country_code: String,
    /// The national significant number (9 digits in the 10-digit plan).
    pub national_significant_number: String,
    /// The kind of line.
    pub kind: PhoneKind,
    /// Whether the kind is a fixed line (`01`–`05`, `09`, overseas fixed).
    pub is_fixed_line: bool,
}

fn tag<T: serde::Serialize>(value: &T) -> Option<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Some(s),
        _ => None,
    }
}

fn phone(p: &core::PhoneFr) -> Phone {
    let kind = p.kind();
    // The core's serde form: `{"type": "overseas", "territory": "reunion", "kind": "fixed"}`.
    let json = serde_json::to_value(kind).unwrap_or_default();
    let field = |name: &str| json.get(name).and_then(|v| v.as_str()).map(str::to_owned);
    Phone {
        e164: p.e164().to_owned(),
        display: p.to_string(),
        national: p.to_national(),
        country_code: p.country_code().to_owned(),
        national_significant_number: p.national_significant_number().to_owned(),
        kind: PhoneKind {
            kind_type: field("type").unwrap_or_default(),
            territory: field("territory"),
            kind: field("kind"),
        },
        is_fixed_line: kind.is_fixed_line(),
    }
}

/// Parses a French phone number. Throws a `FormError`.
#[napi(catch_unwind)]
pub fn parse_phone(
    env: Env,
    input: arg::String,
    policy: Option<PhonePolicy>,
) -> napi::Result<Phone> {
    core::PhoneFr::parse_with(&input, policy.unwrap_or_default().into())
        .map(|p| phone(&p))
        .or_throw(&env)
}

/// Parses an optional phone field: `null` when empty. Throws a `FormError`.
#[napi(catch_unwind)]
pub fn parse_optional_phone(
    env: Env,
    input: arg::String,
    policy: Option<PhonePolicy>,
) -> napi::Result<Option<Phone>> {
    core::PhoneFr::parse_optional(&input, policy.unwrap_or_default().into())
        .map(|p| p.as_ref().map(phone))
        .or_throw(&env)
}

/// An e-mail address.
#[napi(object)]
#[derive(Debug)]
pub struct Email {
    /// The address: local part as typed, domain lower-cased.
    pub email: String,
    /// The local part.
    pub local_part: String,
    /// The domain, lower-cased.
    pub domain: String,
    /// The address lower-cased in full: the key to find accounts by e-mail.
    pub lookup_key: String,
}

/// Parses an e-mail address. Throws a `FormError`.
#[napi(catch_unwind)]
pub fn parse_email(env: Env, input: arg::String) -> napi::Result<Email> {
    let e = core::Email::parse(&input).or_throw(&env)?;
    Ok(Email {
        email: e.as_str().to_owned(),
        local_part: e.local_part().to_owned(),
        domain: e.domain().to_owned(),
        lookup_key: e.to_lookup_key(),
    })
}

/// Checks the « confirmation de l'e-mail » field against the e-mail field. Throws an
/// `FormError` (`EMAIL_CONFIRMATION_MISMATCH`).
#[napi(catch_unwind)]
pub fn confirm_email(env: Env, email: arg::String, confirmation: arg::String) -> napi::Result<()> {
    core::confirm_email(&email, &confirmation).or_throw(&env)
}

/// Where a postal code belongs.
#[napi(string_enum = "lowercase")]
#[derive(Debug)]
pub enum PostalArea {
    /// Mainland departments `01`–`95` (Corsica excepted).
    Mainland,
    /// Corsica, `20xxx`.
    Corsica,
    /// Overseas, `971`–`978` and `984`, `986`–`988`.
    Overseas,
    /// Monaco, `980xx`.
    Monaco,
}

/// A French postal code.
#[napi(object)]
#[derive(Debug)]
pub struct PostalCode {
    /// The five digits.
    pub postal_code: String,
    /// Where it belongs.
    #[napi(ts_type = "PostalArea")]
    pub area: String,
}

/// Parses a French postal code. Throws a `FormError`.
#[napi(catch_unwind)]
pub fn parse_postal_code(env: Env, input: arg::String) -> napi::Result<PostalCode> {
    let p = core::PostalCodeFr::parse(&input).or_throw(&env)?;
    Ok(PostalCode {
        postal_code: p.as_str().to_owned(),
        area: tag(&p.area()).unwrap_or_default(),
    })
}

/// The limits of a text field, in UTF-16 code units after normalisation.
#[napi(object, object_from_js = false)]
#[derive(Debug, Clone, Copy, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct TextRules {
    /// The fewest units (0: optional field).
    pub min: u32,
    /// The most units.
    pub max: u32,
    /// Whether line breaks are allowed.
    pub multiline: Option<bool>,
}

impl From<TextRules> for core::TextRules {
    fn from(r: TextRules) -> Self {
        let rules = core::TextRules::new(r.min as usize, r.max as usize);
        if r.multiline.unwrap_or(false) {
            rules.multiline()
        } else {
            rules
        }
    }
}

impl From<core::TextRules> for TextRules {
    fn from(r: core::TextRules) -> Self {
        TextRules {
            min: u32::try_from(r.min).unwrap_or(u32::MAX),
            max: u32::try_from(r.max).unwrap_or(u32::MAX),
            multiline: Some(r.multiline),
        }
    }
}

/// The rules of the extranet's text fields.
#[napi(object)]
#[derive(Debug)]
pub struct StandardTextRules {
    /// Dénomination: 1–100, one line.
    pub denomination: TextRules,
    /// Street name: 1–100.
    pub street_name: TextRules,
    /// Address complement: 0–100.
    pub address_complement: TextRules,
    /// City: 1–60.
    pub city: TextRules,
    /// Nom or prénom: 1–50.
    pub person_name: TextRules,
    /// « Nom et prénom »: 1–100.
    pub full_name: TextRules,
    /// The assistance request's description: 1–1000, multi-line.
    pub description: TextRules,
}

/// The rules of the extranet's text fields, to pass to `parseText` and friends.
#[napi(catch_unwind)]
pub fn text_rules() -> StandardTextRules {
    StandardTextRules {
        denomination: core::TextRules::DENOMINATION.into(),
        street_name: core::TextRules::STREET_NAME.into(),
        address_complement: core::TextRules::ADDRESS_COMPLEMENT.into(),
        city: core::TextRules::CITY.into(),
        person_name: core::TextRules::PERSON_NAME.into(),
        full_name: core::TextRules::FULL_NAME.into(),
        description: core::TextRules::DESCRIPTION.into(),
    }
}

/// A city (« commune »), with its CEDEX suffix if any.
#[napi(object)]
#[derive(Debug)]
pub struct City {
    /// The normalised value as typed (`Lyon Cedex 03`).
    pub city: String,
    /// The name without the CEDEX part.
    pub name: String,
    /// The CEDEX part (`CEDEX 03`), if any.
    pub cedex: Option<String>,
}

/// Parses a city field (1–60 units unless `rules` says otherwise). Throws a `FormError`.
#[napi(catch_unwind)]
pub fn parse_city(env: Env, input: arg::String, rules: Option<TextRules>) -> napi::Result<City> {
    let c = match rules {
        Some(r) => core::City::parse_with(&input, r.into()),
        None => core::City::parse(&input),
    }
    .or_throw(&env)?;
    Ok(City {
        city: c.as_str().to_owned(),
        name: c.name().to_owned(),
        cedex: c.cedex().map(str::to_owned),
    })
}

/// A login identifier.
#[napi(object)]
#[derive(Debug)]
pub struct LoginIdentifier {
    /// The identifier as it will be displayed.
    pub identifier: String,
    /// The key that makes two identifiers the same account (compare keys, not identifiers).
    pub key: String,
}

/// Parses a login identifier. Throws a `FormError`.
#[napi(catch_unwind)]
pub fn parse_login_identifier(env: Env, input: arg::String) -> napi::Result<LoginIdentifier> {
    let id = core::LoginIdentifier::parse(&input).or_throw(&env)?;
    Ok(LoginIdentifier {
        identifier: id.as_str().to_owned(),
        key: id.key().as_str().to_owned(),
    })
}

/// Parses a nom or prénom (1–50 units; `rules` for « nom et prénom », `textRules().fullName`).
/// Throws a `FormError`.
#[napi(catch_unwind)]
pub fn parse_person_name(
    env: Env,
    input: arg::String,
    rules: Option<TextRules>,
) -> napi::Result<String> {
    match rules {
        Some(r) => core::PersonName::parse_with(&input, r.into()),
        None => core::PersonName::parse(&input),
    }
    .map(|n| n.as_str().to_owned())
    .or_throw(&env)
}

/// What the secret answer must not equal.
#[napi(object, object_from_js = false)]
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SecretAnswerContext {
    /// The user's nom.
    pub nom: Option<String>,
    /// The user's prénom.
    pub prenom: Option<String>,
    /// The user's login identifier.
    pub identifier: Option<String>,
}

/// Checks a secret answer and returns its normalised form: the input of the caller's slow hash,
/// never to be stored as is. Throws a `FormError`.
#[napi(catch_unwind)]
pub fn parse_secret_answer(
    env: Env,
    input: arg::String,
    context: Option<SecretAnswerContext>,
) -> napi::Result<String> {
    let context = context.unwrap_or_default();
    let context = core::SecretAnswerContext {
        nom: context.nom.as_deref(),
        prenom: context.prenom.as_deref(),
        identifier: context.identifier.as_deref(),
    };
    core::SecretAnswer::parse(&input, context)
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
    core::BoundedText::parse(&input, rules.into())
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
    let max = convert::integer("max", max.0, 0, i64::from(u32::MAX)).or_throw(&env)?;
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

/// A street extension's one-letter code.
#[napi(string_enum)]
#[derive(Debug)]
pub enum StreetExtension {
    /// « bis ».
    #[napi(value = "B")]
    Bis,
    /// « ter ».
    #[napi(value = "T")]
    Ter,
    /// « quater ».
    #[napi(value = "Q")]
    Quater,
    /// « quinquies ».
    #[napi(value = "C")]
    Quinquies,
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

crate::js::from_js_strict! {
    PhonePolicy => "policy",
    TextRules => "rules",
    SecretAnswerContext => "context",
    HumanCheck => "check",
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
            if !(max.is_finite() && max >= 0.0 && max.fract() == 0.0) {
                return Err(crate::convert::out_of_range(
                    "maxAgeSeconds",
                    &apart::float::spelling(max),
                    apart::value::expected::NON_NEGATIVE_INTEGER,
                ))
                .or_throw(env);
            }
            // A non-negative integer below 2^53 (checked above; `Duration` saturates).
            #[allow(clippy::cast_possible_truncation)]
            let max = time::Duration::seconds(max as i64);
            check.require_fresh(now, max).or_throw(env)?
        }
        _ => {
            return Err(crate::convert::out_of_range(
                "now",
                "one of now and maxAgeSeconds",
                apart::value::expected::BOTH_OR_NEITHER,
            ))
            .or_throw(env);
        }
    };
    env.create_date(apart::float::millis(at))
}

/// The core's `HumanCheck` of a JavaScript one.
pub(crate) fn human_check(env: &Env, check: HumanCheck) -> napi::Result<core::HumanCheck> {
    Ok(match (check.status.as_str(), check.at) {
        ("verified", Some(at)) => core::HumanCheck::Verified {
            at: convert::instant_json("check.at", &at).or_throw(env)?,
        },
        ("not_verified", _) => core::HumanCheck::NotVerified,
        (status, _) => {
            return Err(crate::convert::out_of_range(
                "check",
                status,
                "{status: 'verified', at}, {status: 'not_verified'}",
            ))
            .or_throw(env);
        }
    })
}
