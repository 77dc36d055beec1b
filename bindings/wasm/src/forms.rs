//! Field rules of the extranet's forms (`apart::forms`), the « Créer mon espace » form
//! (`apart::account::AccountFormInput`) and the assistance form
//! (`apart::procedure::assistance::AssistanceForm`). Each parser returns the canonical value
//! (and what the page shows with it); each throws the field's error, with the family `form`.
//! A form validates every field and throws one `FormError` holding every refused field.

use apart::account::AccountFormInput;
use apart::forms::{
    BoundedText, City, Description, Email, HumanCheck, LoginIdentifier, LoginIdentifierRecord,
    PersonName, PhoneFr, PhonePolicy, PhoneRecord, PostalCodeFr, PostalCodeRecord, SecretAnswer,
    SecretAnswerNames, StreetExtension, StreetNumber, TextRules,
};
use apart::procedure::assistance::AssistanceForm;
use wasm_bindgen::prelude::*;

use crate::convert::{optional_text, out, record, record_or_default, text};
use crate::error::{OrThrow, throw_form};

/// A French phone number: the core's `PhoneRecord` (`{ e164, display, kind, … }`). `policy` is the core's `PhonePolicy` (`collectivities`, `allow_premium`,
/// `require_fixed_line`). Throws a `FormError` (`PHONE_*`).
#[wasm_bindgen(
    js_name = parsePhone,
    unchecked_return_type = "PhoneRecord"
)]
pub fn parse_phone(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PhonePolicy")] policy: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let policy: PhonePolicy = record_or_default(&policy.unwrap_or_default())?;
    let input = text(&input, "input")?;
    let phone = PhoneFr::parse_with(&input, policy).or_throw()?;
    out(&PhoneRecord::from(&phone))
}

/// A French postal code: the core's `PostalCodeRecord` (`{ postal_code, area }`). Throws a `FormError` (`POSTAL_CODE_*`).
#[wasm_bindgen(
    js_name = parsePostalCode,
    unchecked_return_type = "PostalCodeRecord"
)]
pub fn parse_postal_code(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let code = PostalCodeFr::parse(&text(&input, "input")?).or_throw()?;
    out(&PostalCodeRecord::from(code))
}

/// A city name, normalised. Throws a `FormError`.
#[wasm_bindgen(js_name = parseCity)]
pub fn parse_city(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<String, JsValue> {
    Ok(City::parse(&text(&input, "input")?).or_throw()?.to_string())
}

/// An e-mail address, normalised. Throws a `FormError` (`EMAIL_*`).
#[wasm_bindgen(js_name = parseEmail)]
pub fn parse_email(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<String, JsValue> {
    Ok(Email::parse(&text(&input, "input")?)
        .or_throw()?
        .to_string())
}

/// The confirmation field of an e-mail address. Throws a `FormError` (`EMAIL_CONFIRMATION_*`).
#[wasm_bindgen(js_name = confirmEmail)]
pub fn confirm_email(
    #[wasm_bindgen(unchecked_param_type = "string")] email: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] confirmation: JsValue,
) -> Result<(), JsValue> {
    let email = text(&email, "email")?;
    let confirmation = text(&confirmation, "confirmation")?;
    apart::forms::confirm_email(&email, &confirmation).or_throw()
}

/// A free-text description (the assistance form's message), normalised. Throws a `FormError`.
#[wasm_bindgen(js_name = parseDescription)]
pub fn parse_description(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<String, JsValue> {
    Ok(Description::parse(&text(&input, "input")?)
        .or_throw()?
        .into_string())
}

/// The length of a description as the form counts it (UTF-16 units after normalisation).
#[wasm_bindgen(js_name = descriptionLen)]
pub fn description_len(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<u32, JsValue> {
    let len = apart::forms::description_len(&text(&input, "input")?);
    Ok(u32::try_from(len).unwrap_or(u32::MAX))
}

/// A login identifier: the core's `LoginIdentifierRecord` (`{ identifier, key }`: the key finds
/// it again whatever the case). Throws a `FormError` (`LOGIN_IDENTIFIER_*`).
#[wasm_bindgen(
    js_name = parseLoginIdentifier,
    unchecked_return_type = "LoginIdentifierRecord"
)]
pub fn parse_login_identifier(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let id = LoginIdentifier::parse(&text(&input, "input")?).or_throw()?;
    out(&LoginIdentifierRecord::from(&id))
}

/// A first or last name (1–50 characters), normalised. Throws a `FormError`.
#[wasm_bindgen(js_name = parsePersonName)]
pub fn parse_person_name(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<String, JsValue> {
    Ok(PersonName::parse(&text(&input, "input")?)
        .or_throw()?
        .to_string())
}

/// A full name (1–100 characters), normalised. Throws a `FormError`.
#[wasm_bindgen(js_name = parseFullName)]
pub fn parse_full_name(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<String, JsValue> {
    Ok(
        PersonName::parse_with(&text(&input, "input")?, TextRules::FULL_NAME)
            .or_throw()?
            .to_string(),
    )
}

/// An establishment's name (1–100 characters, one line), normalised. Throws a `FormError`.
#[wasm_bindgen(js_name = parseDenomination)]
pub fn parse_denomination(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<String, JsValue> {
    Ok(
        BoundedText::parse(&text(&input, "input")?, TextRules::DENOMINATION)
            .or_throw()?
            .into_string(),
    )
}

/// A secret answer, normalised as it is hashed; `context` holds `nom`, `prenom` and
/// `identifier` (an answer may not repeat them). Throws a `FormError` (`SECRET_ANSWER_*`).
#[wasm_bindgen(js_name = parseSecretAnswer)]
pub fn parse_secret_answer(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SecretAnswerContext | null | undefined")]
    context: JsValue,
) -> Result<String, JsValue> {
    let input = text(&input, "input")?;
    let context: SecretAnswerNames = record_or_default(&context)?;
    Ok(SecretAnswer::parse(&input, context.context())
        .or_throw()?
        .normalized()
        .to_owned())
}

/// A street number (`null` when empty). Throws a `FormError`.
#[wasm_bindgen(js_name = parseStreetNumber)]
pub fn parse_street_number(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<Option<String>, JsValue> {
    Ok(StreetNumber::parse(&text(&input, "input")?)
        .or_throw()?
        .map(|n| n.to_string()))
}

/// A street extension as its one-letter code (`B`, `T`, `Q`, `C`; `null` when empty).
/// Throws a `FormError`.
#[wasm_bindgen(js_name = parseStreetExtension)]
pub fn parse_street_extension(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<Option<String>, JsValue> {
    Ok(StreetExtension::parse(&text(&input, "input")?)
        .or_throw()?
        .map(|e| e.code().to_owned()))
}

/// The « Créer mon espace » form as typed (the core's `AccountFormInput`: every field a
/// string, plus `human_check`): the checked form (the validated establishment and user, and the
/// human check; the secret answer stays inside, as Node's), or a `FormError` whose `fields`
/// holds every refused field at once.
#[wasm_bindgen(
    js_name = validateAccountForm,
    unchecked_return_type = "{ establishment: Record<string, unknown>; user: Record<string, unknown>; human_check: Record<string, unknown> }"
)]
pub fn validate_account_form(
    #[wasm_bindgen(unchecked_param_type = "AccountFormInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let input: AccountFormInput = record(&input)?;
    let form = input.validate().map_err(|e| throw_form(&e))?;
    out(&form)
}

/// The assistance form (the core's `AssistanceForm`) with the caller's human check
/// (`{ status: 'verified' | 'not_verified' … }`): the request, or a `FormError` with every
/// refused field.
#[wasm_bindgen(
    js_name = validateAssistanceForm,
    unchecked_return_type = "Record<string, unknown>"
)]
pub fn validate_assistance_form(
    #[wasm_bindgen(unchecked_param_type = "AssistanceForm")] form: JsValue,
    #[wasm_bindgen(unchecked_param_type = "HumanCheck")] human_check: JsValue,
) -> Result<JsValue, JsValue> {
    let form: AssistanceForm = record(&form)?;
    let check: HumanCheck = record(&human_check)?;
    let request = form.validate(&check).map_err(|e| throw_form(&e))?;
    out(&request)
}

/// The assistance form's motives, in the form's order: `{ code, label }` (French label).
#[wasm_bindgen(js_name = assistanceMotives, unchecked_return_type = "Array<Choice>")]
pub fn assistance_motives() -> Result<JsValue, JsValue> {
    out(&apart::procedure::assistance_motives())
}

/// The street extensions, in the form's order: `{ code, label }`.
#[wasm_bindgen(js_name = streetExtensions, unchecked_return_type = "Array<Choice>")]
pub fn street_extensions() -> Result<JsValue, JsValue> {
    out(&apart::forms::street_extensions())
}

/// Common « type de voie » abbreviations (the field itself is free text): `{ code, label }`.
#[wasm_bindgen(js_name = streetTypes, unchecked_return_type = "Array<Choice>")]
pub fn street_types() -> Result<JsValue, JsValue> {
    out(&apart::forms::street_types())
}

/// The DA motives, in the extranet's order: `{ code, label }` (French label).
#[wasm_bindgen(js_name = daMotives, unchecked_return_type = "Array<Choice>")]
pub fn da_motives() -> Result<JsValue, JsValue> {
    out(&apart::procedure::da_motives())
}

/// Every DA state, in the machine's order: its name, French label and whether DIs can be
/// created in it.
#[wasm_bindgen(js_name = daStates, unchecked_return_type = "Array<DaStateInfo>")]
pub fn da_states() -> Result<JsValue, JsValue> {
    out(&apart::procedure::da_states())
}

/// Every DI state, in the machine's order: its name, the extranet's status code and label, the
/// status an employer sees, and whether it counts as filed.
#[wasm_bindgen(js_name = diStates, unchecked_return_type = "Array<DiStateInfo>")]
pub fn di_states() -> Result<JsValue, JsValue> {
    out(&apart::procedure::di_states())
}

/// The assistance form handed over by the onboarding flow: `motive` selected, the SIRET
/// pre-filled when one was entered.
#[wasm_bindgen(
    js_name = assistanceFormHandedOver,
    unchecked_return_type = "AssistanceForm"
)]
pub fn assistance_form_handed_over(
    #[wasm_bindgen(unchecked_param_type = "string")] motive: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] siret: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let motive = text(&motive, "motive")?;
    let siret = optional_text(&siret.unwrap_or_default(), "siret")?;
    out(&AssistanceForm::handed_over(&motive, siret))
}
