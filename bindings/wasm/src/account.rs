//! Accounts and recovery (`apart::account`, `apart::recovery`): the recovery requests, the
//! activation e-mail, redeeming a token, and the login. Randomness comes in as an [`Entropy`]:
//! `new Entropy()` draws from the browser (`crypto.getRandomValues`), `Entropy.fixed([…])`
//! repeats a pattern for reproducible tests.

use apart::account as core;
use apart::entropy::{EntropyError, EntropySource, FixedEntropy};
use apart::machine::{Machine, Snapshot};
use apart::recovery as rec;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::convert::{self, instant, optional_text, out, record, text};
use crate::error::{OrThrow, throw};

#[wasm_bindgen]
extern "C" {
    /// `globalThis.crypto.getRandomValues`, the browser's (and Node's) secure random source.
    #[wasm_bindgen(catch, js_namespace = ["globalThis", "crypto"], js_name = getRandomValues)]
    fn get_random_values(buf: &mut [u8]) -> Result<(), JsValue>;
}

/// Where random bytes come from: the platform's secure source (`new Entropy()`,
/// `crypto.getRandomValues`), or a fixed byte pattern for reproducible tests
/// (`Entropy.fixed([1, 2, 3])`, repeated as long as needed; never for real tokens).
#[wasm_bindgen]
#[derive(Debug, Default)]
pub struct Entropy {
    fixed: Option<FixedEntropy>,
}

impl EntropySource for Entropy {
    fn fill(&mut self, dest: &mut [u8]) -> Result<(), EntropyError> {
        match &mut self.fixed {
            Some(f) => f.fill(dest),
            // getRandomValues takes at most 65 536 bytes at a time.
            None => dest.chunks_mut(65_536).try_for_each(|chunk| {
                get_random_values(chunk).map_err(|_| EntropyError::new("crypto.getRandomValues"))
            }),
        }
    }
}

#[wasm_bindgen]
impl Entropy {
    /// The platform's secure random source (`crypto.getRandomValues`).
    #[wasm_bindgen(constructor)]
    pub fn new() -> Entropy {
        Entropy { fixed: None }
    }

    /// A fixed byte pattern, repeated (tests only): a `Uint8Array` or an array of whole numbers
    /// from 0 to 255. Throws an `InputError` for anything else (`256`, `'a'`: nothing is wrapped
    /// or coerced).
    pub fn fixed(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | number[]")] pattern: JsValue,
    ) -> Result<Entropy, JsValue> {
        Ok(Entropy {
            fixed: Some(FixedEntropy::new(convert::bytes(&pattern, "pattern")?)),
        })
    }
}

fn options(value: &JsValue) -> Result<(rec::ResetRequestPolicy, rec::TokenPolicy), JsValue> {
    let o: rec::record::RecoveryOptions = convert::record_or_default(value)?;
    Ok(o.policies())
}

fn snapshots<M: Machine>(values: &[Value]) -> Result<Vec<Snapshot<M>>, JsValue> {
    values
        .iter()
        .map(|v| Snapshot::<M>::from_json(&v.to_string()))
        .collect::<Result<_, _>>()
        .or_throw()
}

fn snapshot<M: Machine>(value: &JsValue, field: &str) -> Result<Snapshot<M>, JsValue> {
    let text = convert::json_text(value, field)?;
    Snapshot::<M>::from_json(&text).or_throw()
}

fn set(object: &js_sys::Object, key: &str, value: &JsValue) -> Result<(), JsValue> {
    js_sys::Reflect::set(object, &JsValue::from_str(key), value).map(drop)
}

fn spelled<T: DeserializeOwned>(value: &JsValue, field: &str) -> Result<T, JsValue> {
    apart::value::from_json_value(Value::String(text(value, field)?))
        .map_err(|e| e.with_field(field))
        .or_throw()
}

/// « J'ai oublié mon mot de passe »: `account` (the core's `ResetAccount`: `{ identifier, email,
/// recent_requests, tokens }`) is `null` when no account matches; the same work is done either
/// way. Gives the core's `RequestOutcome`. Throws an `EntropyError` or `AccountError` only when
/// randomness fails.
#[wasm_bindgen(js_name = requestPasswordReset)]
pub fn request_password_reset(
    #[wasm_bindgen(unchecked_param_type = "ResetAccount | null")] account: JsValue,
    entropy: &mut Entropy,
    #[wasm_bindgen(unchecked_param_type = "string | Date")] now: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let (limits, policy) = self::options(&options.unwrap_or_default())?;
    let now = instant(&now, "now")?;
    let account: Option<rec::record::ResetAccount> = convert::record_or_default(&account)?;
    let o = rec::record::request_password_reset(account.as_ref(), &limits, &policy, entropy, now);
    out(&rec::record::RequestOutcome::from(o.or_throw()?))
}

/// « J'ai oublié mon identifiant »: `account` (the core's `ReminderAccount`: `{ email,
/// identifiers, recent_requests }`) is `null` when no credential has the address. Gives the
/// core's `RequestOutcome`, as `requestPasswordReset`.
#[wasm_bindgen(js_name = requestIdentifierReminder)]
pub fn request_identifier_reminder(
    #[wasm_bindgen(unchecked_param_type = "ReminderAccount | null")] account: JsValue,
    entropy: &mut Entropy,
    #[wasm_bindgen(unchecked_param_type = "string | Date")] now: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let (limits, _) = self::options(&options.unwrap_or_default())?;
    let now = instant(&now, "now")?;
    let account: Option<rec::record::ReminderAccount> = convert::record_or_default(&account)?;
    let o = rec::record::request_identifier_reminder(account.as_ref(), &limits, entropy, now);
    out(&rec::record::RequestOutcome::from(o.or_throw()?))
}

/// The activation e-mail of a new credential: the core's `ActivationMail` (`{ token,
/// superseded, email }`).
#[wasm_bindgen(js_name = activationEmail)]
pub fn activation_email(
    #[wasm_bindgen(unchecked_param_type = "string")] identifier: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] email: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MachineSnapshot[]")] existing: JsValue,
    entropy: &mut Entropy,
    #[wasm_bindgen(unchecked_param_type = "string | Date")] now: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let identifier = text(&identifier, "identifier")?;
    let email = text(&email, "email")?;
    let (_, policy) = self::options(&options.unwrap_or_default())?;
    let now = instant(&now, "now")?;
    let existing: Vec<apart::value::Json> = convert::record_or_default(&existing)?;
    let mail = rec::record::activation_email(&identifier, &email, &policy, &existing, entropy, now);
    out(&rec::record::ActivationMail::from(mail.or_throw()?))
}

/// The id of the token in an e-mailed link (to find its stored record). Throws an
/// `AccountError` (`TOKEN_MALFORMED`).
#[wasm_bindgen(js_name = tokenId)]
pub fn token_id(
    #[wasm_bindgen(unchecked_param_type = "string")] link: JsValue,
) -> Result<String, JsValue> {
    Ok(rec::WireToken::parse(&text(&link, "link")?)
        .or_throw()?
        .id()
        .to_owned())
}

/// Redeems the token of an e-mailed link for `purpose` against its stored record (`null` if
/// none was found): `{ redeemed, error, token }`; the error is returned, not thrown, because
/// `token` may still have to be stored. Throws an `AccountError` for a malformed link.
#[wasm_bindgen]
pub fn redeem(
    #[wasm_bindgen(unchecked_param_type = "string")] link: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] purpose: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MachineSnapshot | null")] stored: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Date")] now: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let link = text(&link, "link")?;
    let (_, policy) = self::options(&options.unwrap_or_default())?;
    let purpose: rec::Purpose = spelled(&purpose, "purpose")?;
    let now = instant(&now, "now")?;
    let stored = optional_snapshot::<rec::TokenMachine>(&stored, "record")?;
    let wire = rec::WireToken::parse(&link).or_throw()?;
    let o = rec::redeem(&wire, purpose, stored.as_ref(), &policy, now);
    let result = js_sys::Object::new();
    let (redeemed, error) = match o.result {
        Ok(r) => (out(&r)?, JsValue::NULL),
        Err(e) => (JsValue::NULL, throw(&e)),
    };
    set(&result, "redeemed", &redeemed)?;
    set(&result, "error", &error)?;
    set(&result, "token", &out(&o.token.map(|t| t.to_value()))?)?;
    Ok(result.into())
}

/// Who is logging in: a known credential's snapshot, or an unknown identifier's counter.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct LoginTarget {
    credential: Option<Value>,
    counter: Option<core::AttemptCounter>,
    policy: Option<core::LoginThrottlePolicy>,
}

/// Authenticates then authorises a login: `{ establishments, error, credential, counter,
/// effects }` (the error returned, not thrown: the credential or counter may still have to be
/// stored). `verifyPassword` is a boolean or a function called only when the core needs it.
#[wasm_bindgen]
pub fn authenticate(
    #[wasm_bindgen(
        unchecked_param_type = "{ credential?: MachineSnapshot; counter?: AttemptCounter | null; policy?: LoginThrottlePolicy | null }"
    )]
    target: JsValue,
    #[wasm_bindgen(unchecked_param_type = "boolean | (() => boolean)")] verify_password: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MachineSnapshot[]")] habilitations: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] application: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Date")] now: JsValue,
) -> Result<JsValue, JsValue> {
    let target: LoginTarget = record(&target)?;
    if verify_password.as_bool().is_none() && !verify_password.is_function() {
        return Err(convert::wrong_argument(
            &verify_password,
            apart::value::expected::BOOLEAN_OR_FUNCTION,
            "verify_password",
        ));
    }
    let habilitations: Vec<Value> = convert::record_or_default(&habilitations)?;
    let habilitations = snapshots::<core::HabilitationMachine>(&habilitations)?;
    let application: core::Application = spelled(&application, "application")?;
    let now = instant(&now, "now")?;
    let credential = match &target.credential {
        Some(v) => Some(Snapshot::<core::CredentialMachine>::from_json(&v.to_string()).or_throw()?),
        None => None,
    };
    let counter = target.counter.unwrap_or_default();
    let policy = target.policy.unwrap_or_default();
    let login = match &credential {
        Some(c) => core::LoginTarget::Known {
            credential: c,
            counter: &counter,
        },
        None => core::LoginTarget::Unknown(&counter, &policy),
    };
    // A throwing callback cannot unwind through the core: keep its error, answer "wrong
    // password", and rethrow it once the core has returned. So for an answer that is not a
    // boolean (a Promise, `'yes'`): `INPUT_WRONG_TYPE`, never read as a wrong password.
    let mut thrown = None;
    let verify = || {
        if let Some(ok) = verify_password.as_bool() {
            return ok;
        }
        let answer = js_sys::Function::from(verify_password.clone())
            .call0(&JsValue::UNDEFINED)
            .and_then(|v| convert::boolean(&v, "verify_password"));
        answer.unwrap_or_else(|e| {
            thrown = Some(e);
            false
        })
    };
    let o = core::authenticate(login, verify, &habilitations, application, now);
    if let Some(e) = thrown {
        return Err(e);
    }
    let (credential, counter) = match o.update {
        core::LoginUpdate::Credential(c) => (out(&c.to_value())?, JsValue::NULL),
        core::LoginUpdate::Counter(c) => (JsValue::NULL, out(&c)?),
        _ => (JsValue::NULL, JsValue::NULL),
    };
    let (establishments, error) = match o.result {
        Ok(e) => (out(&e)?, JsValue::NULL),
        Err(e) => (JsValue::NULL, throw(&e)),
    };
    let result = js_sys::Object::new();
    set(&result, "establishments", &establishments)?;
    set(&result, "error", &error)?;
    set(&result, "credential", &credential)?;
    set(&result, "counter", &counter)?;
    set(&result, "effects", &out(&o.effects)?)?;
    Ok(result.into())
}

fn completion(o: rec::ResetCompletion) -> Result<JsValue, JsValue> {
    let result = js_sys::Object::new();
    let error = match &o.result {
        Ok(()) => JsValue::NULL,
        Err(e) => throw(e),
    };
    set(&result, "error", &error)?;
    set(&result, "token", &out(&o.token.map(|t| t.to_value()))?)?;
    set(
        &result,
        "credential",
        &out(&o.credential.map(|c| c.to_value()))?,
    )?;
    set(&result, "secret_attempts", &out(&o.secret_attempts)?)?;
    set(&result, "effects", &out(&o.effects)?)?;
    Ok(result.into())
}

/// Sets the first password of a new credential from its activation link: `{ error, token,
/// credential, secret_attempts, effects }` (the error returned, not thrown: the token may still
/// have to be stored). Throws an `AccountError` for a malformed link.
#[wasm_bindgen(js_name = completeActivation)]
pub fn complete_activation(
    #[wasm_bindgen(unchecked_param_type = "string")] link: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MachineSnapshot | null")] token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MachineSnapshot")] credential: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Date")] now: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let link = text(&link, "link")?;
    let (_, policy) = self::options(&options.unwrap_or_default())?;
    let token = optional_snapshot::<rec::TokenMachine>(&token, "token")?;
    let credential = snapshot::<core::CredentialMachine>(&credential, "credential")?;
    let now = instant(&now, "now")?;
    let wire = rec::WireToken::parse(&link).or_throw()?;
    completion(rec::complete_activation(
        &wire,
        token.as_ref(),
        &credential,
        &policy,
        now,
    ))
}

/// Completes a password reset from its link, checking the secret answer (`null` when the
/// credential has none) with Argon2id: same result shape as `completeActivation`.
/// `secret_attempts` is the credential's counter of wrong answers (`null`: a fresh one).
#[wasm_bindgen(js_name = completePasswordReset)]
#[allow(clippy::too_many_arguments)] // each is a separate fact of the caller's store
pub fn complete_password_reset(
    #[wasm_bindgen(unchecked_param_type = "string")] link: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MachineSnapshot | null")] token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MachineSnapshot")] credential: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] answer: JsValue,
    secret_attempts: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Date")] now: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let link = text(&link, "link")?;
    let (_, policy) = self::options(&options.unwrap_or_default())?;
    let token = optional_snapshot::<rec::TokenMachine>(&token, "token")?;
    let credential = snapshot::<core::CredentialMachine>(&credential, "credential")?;
    let answer = optional_text(&answer, "answer")?;
    let attempts: core::AttemptCounter = convert::record_or_default(&secret_attempts)?;
    let now = instant(&now, "now")?;
    let wire = rec::WireToken::parse(&link).or_throw()?;
    completion(rec::complete_password_reset(
        &wire,
        token.as_ref(),
        &credential,
        answer.as_deref(),
        &core::Argon2idHasher::default(),
        &attempts,
        &policy,
        now,
    ))
}

fn optional_snapshot<M: Machine>(
    value: &JsValue,
    field: &str,
) -> Result<Option<Snapshot<M>>, JsValue> {
    if value.is_null() || value.is_undefined() {
        Ok(None)
    } else {
        snapshot::<M>(value, field).map(Some)
    }
}
