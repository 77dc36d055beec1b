//! Accounts and recovery (`apart::account`, `apart::recovery`): the functions around the
//! machines (which themselves are driven through `Machine`).
//!
//! Records (snapshots, counters, policies, e-mails, effects) cross as plain objects in the
//! core's own JSON form (snake_case keys, instants as RFC 3339 strings), so they can be stored
//! and given back unchanged. Instants given directly as arguments are a `Date` or epoch
//! milliseconds. Functions whose outcome carries records to store even on failure (a redeemed
//! token, a login) return the error as an `ApartError` object in `error` instead of throwing it.

use apart::account as core;
use apart::diagnostic::DiagnosticRecord;
use apart::entropy::{FixedEntropy, OsEntropy, SharedEntropy};
use apart::machine::Snapshot;
use apart::recovery as rec;
use apart::thrown::ThrownRecord;
use apart::value::{Json, ValueError};
use napi::bindgen_prelude::{FromNapiValue, Function, JsObjectValue, Object, Unknown};
use napi::{Either, Env};
use napi_derive::napi;
use serde_json::Value;

use crate::arg::{self, Now};
use crate::error::OrThrow;
use crate::records::{self, record_or_default, record_value, snapshot, snapshots, to_json as js};

/// Where random bytes come from: the operating system (`new Entropy()`), or a fixed byte
/// pattern for reproducible tests (`Entropy.fixed([1, 2, 3])`, repeated as long as needed).
#[napi]
#[derive(Debug)]
pub struct Entropy(SharedEntropy);

#[napi]
impl Entropy {
    /// The operating system's random source.
    #[napi(constructor, catch_unwind)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Entropy(SharedEntropy::new(OsEntropy))
    }

    /// A fixed byte pattern, repeated (tests only: never for real tokens or salts).
    /// Each byte is an integer from 0 to 255 (`VALUE_OUT_OF_RANGE`, `INPUT_WRONG_TYPE`); an
    /// empty pattern is refused (`INPUT_MISSING_FIELD` `pattern[0]`: it would give only zeros).
    #[napi(factory, catch_unwind, ts_args_type = "pattern: Array<number>")]
    pub fn fixed(env: Env, pattern: arg::Value) -> napi::Result<Self> {
        let bytes: Vec<u8> = record_value(&env, "pattern", pattern.0)?;
        if bytes.is_empty() {
            return Err(ValueError::MissingField {
                field: Some("pattern[0]".into()),
            })
            .or_throw(&env);
        }
        Ok(Entropy(SharedEntropy::new(FixedEntropy::new(bytes))))
    }
}

crate::js::core_objects! {
    /// The core's `ResetAccount`, as an argument.
    ResetAccount(rec::record::ResetAccount) => "account",
    /// The core's `ReminderAccount`, as an argument.
    ReminderAccount(rec::record::ReminderAccount) => "account",
    /// The core's `LoginTarget`, as an argument.
    LoginTarget(core::record::LoginTarget) => "target",
    /// The core's `RecoveryOptions` (the policies of the recovery functions), as an argument.
    RecoveryOptions(rec::record::RecoveryOptions) => "options",
}

/// The request limits and token policy of `options` (the core's defaults when absent).
fn policies(options: Option<RecoveryOptions>) -> (rec::ResetRequestPolicy, rec::TokenPolicy) {
    options.map(|o| o.0).unwrap_or_default().policies()
}

/// A core outcome as JavaScript, its `error` (the error's record, or `null`) made an instance
/// of the error's class, as a thrown error is: the outcome carries records to store even when
/// refused.
fn outcome<'env, T: serde::Serialize>(env: &'env Env, record: &T) -> napi::Result<Object<'env>> {
    let mut value = js(record)?;
    let error = value.get_mut("error").map(Value::take);
    let mut object = Object::from_unknown(records::to_js(env, &value)?)?;
    if let Some(error @ Value::Object(_)) = error {
        let record: DiagnosticRecord = record_value(env, "error", error)?;
        let classes: Object = crate::runtime::get(env)?.get_named_property("classes")?;
        let class: Function<Value, Unknown> =
            classes.get_named_property(record.family.class_name())?;
        let thrown = ThrownRecord {
            field: None,
            message: record.messages.fr.clone(),
            record,
            fields: None,
        };
        object.set_named_property("error", class.new_instance(js(&thrown)?)?)?;
    }
    Ok(object)
}

/// « J'ai oublié mon mot de passe »: `account` is `null` when no account matches (the same
/// work is done, so timing tells nothing). Throws an `AccountError` only when entropy fails.
#[napi(
    catch_unwind,
    ts_args_type = "account: ResetAccount | undefined | null, entropy: Entropy, now: Date | number | string, options?: RecoveryOptions | undefined | null",
    ts_return_type = "RequestOutcome"
)]
pub fn request_password_reset(
    env: Env,
    account: Option<ResetAccount>,
    entropy: arg::Instance<Entropy>,
    Now(now): Now,
    options: Option<RecoveryOptions>,
) -> napi::Result<Value> {
    let (limits, policy) = policies(options);
    let account = account.map(|a| a.0);
    let out = rec::record::request_password_reset(
        account.as_ref(),
        &limits,
        &policy,
        &mut &entropy.0.0,
        now,
    );
    js(&rec::record::RequestOutcome::from(out.or_throw(&env)?))
}

/// « J'ai oublié mon identifiant »: `account` is `null` when no credential has the address.
#[napi(
    catch_unwind,
    ts_args_type = "account: ReminderAccount | undefined | null, entropy: Entropy, now: Date | number | string, options?: RecoveryOptions | undefined | null",
    ts_return_type = "RequestOutcome"
)]
pub fn request_identifier_reminder(
    env: Env,
    account: Option<ReminderAccount>,
    entropy: arg::Instance<Entropy>,
    Now(now): Now,
    options: Option<RecoveryOptions>,
) -> napi::Result<Value> {
    let (limits, _) = policies(options);
    let account = account.map(|a| a.0);
    let out =
        rec::record::request_identifier_reminder(account.as_ref(), &limits, &mut &entropy.0.0, now);
    js(&rec::record::RequestOutcome::from(out.or_throw(&env)?))
}

/// The activation e-mail of a new credential. Throws an `AccountError` when entropy fails.
#[napi(
    catch_unwind,
    ts_args_type = "identifier: string, email: string, existing: Array<MachineSnapshot>, entropy: Entropy, now: Date | number | string, options?: RecoveryOptions | undefined | null",
    ts_return_type = "ActivationMail"
)]
pub fn activation_email(
    env: Env,
    identifier: arg::String,
    email: arg::String,
    existing: arg::Vec<arg::Value>,
    entropy: arg::Instance<Entropy>,
    Now(now): Now,
    options: Option<RecoveryOptions>,
) -> napi::Result<Value> {
    let (_, policy) = policies(options);
    let existing: Vec<Json> = existing.iter().map(|v| Json::of(&v.0)).collect();
    let out = rec::record::activation_email(
        &identifier,
        &email,
        &policy,
        &existing,
        &mut &entropy.0.0,
        now,
    );
    js(&rec::record::ActivationMail::from(out.or_throw(&env)?))
}

/// The id of the token in an e-mailed link (to find its stored record). Throws an
/// `AccountError` (`TOKEN_MALFORMED`).
#[napi(catch_unwind)]
pub fn token_id(env: Env, link: arg::String) -> napi::Result<String> {
    rec::WireToken::parse(&link)
        .map(|w| w.id().to_owned())
        .or_throw(&env)
}

/// Redeems the token of an e-mailed link for `purpose`, against its stored record (`null` if
/// none was found). Throws an `AccountError` only for a malformed link.
#[napi(
    catch_unwind,
    ts_args_type = "link: string, purpose: Purpose, record: MachineSnapshot | null, now: Date | number | string, options?: RecoveryOptions | undefined | null",
    ts_return_type = "Refusing<Redemption>"
)]
pub fn redeem<'env>(
    env: &'env Env,
    link: arg::String,
    purpose: arg::String,
    record: Option<arg::Value>,
    Now(now): Now,
    options: Option<RecoveryOptions>,
) -> napi::Result<Object<'env>> {
    let (_, policy) = policies(options);
    let purpose: rec::Purpose = record_value(env, "purpose", Value::String(purpose.0))?;
    let record = record
        .map(|v| snapshot::<rec::TokenMachine>(env, &v))
        .transpose()?;
    let wire = rec::WireToken::parse(&link).or_throw(env)?;
    let out = rec::redeem(&wire, purpose, record.as_ref(), &policy, now);
    outcome(env, &rec::record::Redemption::from(out))
}

/// The tokens of `subject` still active, revoked for `reason` (a `RevokeReason`:
/// `password_changed`, `email_changed`…): store them.
#[napi(
    catch_unwind,
    ts_args_type = "tokens: Array<MachineSnapshot>, subject: string, reason: RevokeReason, now: Date | number | string",
    ts_return_type = "Array<MachineSnapshot>"
)]
pub fn revoke_all(
    env: Env,
    tokens: arg::Vec<arg::Value>,
    subject: arg::String,
    reason: arg::String,
    Now(now): Now,
) -> napi::Result<Value> {
    let tokens = snapshots::<rec::TokenMachine>(&env, &tokens)?;
    let reason: rec::RevokeReason = record_value(&env, "reason", Value::String(reason.0))?;
    let revoked = rec::revoke_all(&tokens, &subject, reason, now).or_throw(&env)?;
    Ok(revoked.iter().map(Snapshot::to_value).collect())
}

/// Authenticates then authorises a login. `verifyPassword` is a boolean or a function called
/// only when the core needs the answer (so a locked account costs no hash).
#[napi(
    catch_unwind,
    ts_args_type = "target: LoginTarget, verifyPassword: boolean | (() => boolean), habilitations: Array<MachineSnapshot>, application: Application, now: Date | number | string",
    ts_return_type = "Refusing<LoginOutcome>"
)]
pub fn authenticate<'env>(
    env: &'env Env,
    target: LoginTarget,
    verify_password: arg::FlagOrFunction<'_>,
    habilitations: arg::Vec<arg::Value>,
    application: arg::String,
    Now(now): Now,
) -> napi::Result<Object<'env>> {
    let habilitations = snapshots::<core::HabilitationMachine>(env, &habilitations)?;
    let application: core::Application =
        record_value(env, "application", Value::String(application.0))?;
    // A throwing callback cannot unwind through the core: keep its error, answer "wrong
    // password", and rethrow it once the core has returned.
    let mut thrown = None;
    let out = core::record::authenticate(
        &target.0,
        || match &verify_password.0 {
            Either::A(ok) => *ok,
            Either::B(f) => match f
                .call(())
                .and_then(|answer| arg::returned_flag(env, "verifyPassword", answer))
            {
                Ok(ok) => ok,
                Err(e) => {
                    thrown = Some(e);
                    false
                }
            },
        },
        &habilitations,
        application,
        now,
    );
    if let Some(e) = thrown {
        return Err(e);
    }
    outcome(env, &out.or_throw(env)?)
}

/// The SIRETs `credential` may open in `application` at `now`, from its habilitations.
#[napi(
    catch_unwind,
    ts_args_type = "habilitations: Array<MachineSnapshot>, credential: string, application: Application, now: Date | number | string"
)]
pub fn authorised_establishments(
    env: Env,
    habilitations: arg::Vec<arg::Value>,
    credential: arg::String,
    application: arg::String,
    Now(now): Now,
) -> napi::Result<Vec<String>> {
    let records = snapshots::<core::HabilitationMachine>(&env, &habilitations)?;
    let application: core::Application =
        record_value(&env, "application", Value::String(application.0))?;
    let sirets = core::authorised_establishments(&records, &credential, application, now);
    Ok(sirets.iter().map(|s| s.as_str().to_owned()).collect())
}

/// Checks invariants I1–I4 over a set of habilitations; returns every violation (the core's
/// JSON form), empty when all hold.
#[napi(
    catch_unwind,
    ts_args_type = "habilitations: Array<MachineSnapshot>, activeMandates: Array<string>, policy?: Record<string, unknown> | undefined | null",
    ts_return_type = "Array<Record<string, unknown>>"
)]
pub fn check_invariants(
    env: Env,
    habilitations: arg::Vec<arg::Value>,
    active_mandates: arg::Vec<arg::String>,
    policy: Option<arg::Value>,
) -> napi::Result<Value> {
    let records = snapshots::<core::HabilitationMachine>(&env, &habilitations)?;
    let policy: core::HabilitationPolicy = record_or_default(&env, "policy", policy)?;
    let active_mandates: Vec<String> = active_mandates.0.into_iter().map(String::from).collect();
    js(&core::check_invariants(&records, &policy, &active_mandates))
}

/// The outside facts a habilitation request needs, computed from the stored habilitations.
#[napi(
    catch_unwind,
    ts_args_type = "habilitations: Array<MachineSnapshot>, credential: string, siret: string, application: Application, mandateActive: boolean, policy?: Record<string, unknown> | undefined | null",
    ts_return_type = "Record<string, unknown>"
)]
pub fn request_facts(
    env: Env,
    habilitations: arg::Vec<arg::Value>,
    credential: arg::String,
    siret: arg::String,
    application: arg::String,
    mandate_active: arg::Flag,
    policy: Option<arg::Value>,
) -> napi::Result<Value> {
    let records = snapshots::<core::HabilitationMachine>(&env, &habilitations)?;
    let application: core::Application =
        record_value(&env, "application", Value::String(application.0))?;
    let policy: core::HabilitationPolicy = record_or_default(&env, "policy", policy)?;
    let siret = apart::siret::Siret::parse(&siret).or_throw(&env)?;
    js(&core::RequestFacts::from_records(
        &records,
        &credential,
        siret,
        application,
        mandate_active.0,
        &policy,
    ))
}

/// Moves the principal role from one habilitation to another of the same establishment.
/// Throws a `MachineError`.
#[napi(
    catch_unwind,
    ts_args_type = "from: MachineSnapshot, to: MachineSnapshot, actor: Actor, keepAccess: boolean, now: Date | number | string",
    ts_return_type = "PrincipalTransfer"
)]
pub fn transfer_principal(
    env: Env,
    from: arg::Value,
    to: arg::Value,
    arg::Actor(actor): arg::Actor,
    keep_access: arg::Flag,
    Now(now): Now,
) -> napi::Result<Value> {
    let from = snapshot::<core::HabilitationMachine>(&env, &from)?;
    let to = snapshot::<core::HabilitationMachine>(&env, &to)?;
    let moved = core::transfer_principal(&from, &to, actor, keep_access.0, now).or_throw(&env)?;
    js(&core::record::PrincipalTransfer::from(moved))
}

/// Checks every field of the account-creation form at once. Returns the checked form (the
/// establishment and user details in their canonical forms; the secret answer stays inside
/// until `sealAccountForm`). Throws a `FormError` listing every refused field.
#[napi(
    catch_unwind,
    ts_args_type = "input: AccountFormInput",
    ts_return_type = "{ establishment: Record<string, unknown>; user: Record<string, unknown>; human_check: Record<string, unknown> }"
)]
pub fn validate_account_form(env: Env, input: Unknown<'_>) -> napi::Result<Value> {
    let input: core::AccountFormInput = records::record(&env, &input)?;
    js(&input.validate().or_throw(&env)?)
}

/// Checks the account-creation form and seals it: the secret answer becomes an Argon2id hash
/// (salt from `entropy`). The result is the request to store. Throws a `FormError` or an
/// `AccountError`.
#[napi(
    catch_unwind,
    ts_args_type = "input: AccountFormInput, entropy: Entropy",
    ts_return_type = "Record<string, unknown>"
)]
pub fn seal_account_form(
    env: Env,
    input: Unknown<'_>,
    entropy: arg::Instance<Entropy>,
) -> napi::Result<Value> {
    let input: core::AccountFormInput = records::record(&env, &input)?;
    let form = input.validate().or_throw(&env)?;
    let request = form
        .seal(&core::Argon2idHasher::default(), &mut &entropy.0.0)
        .or_throw(&env)?;
    js(&request)
}

/// Checks a secret answer against its stored Argon2id hash, with the secret-answer throttle.
#[napi(
    catch_unwind,
    ts_args_type = "answer: string, stored: Record<string, unknown>, counter: AttemptCounter | null, now: Date | number | string",
    ts_return_type = "Refusing<SecretAnswerCheck>"
)]
pub fn check_secret_answer<'env>(
    env: &'env Env,
    answer: arg::String,
    stored: arg::Value,
    counter: Option<arg::Value>,
    Now(now): Now,
) -> napi::Result<Object<'env>> {
    let stored: core::SecretAnswerHash = record_value(env, "stored", stored.0)?;
    let counter: core::AttemptCounter = record_or_default(env, "counter", counter)?;
    let (result, counter) = core::check_secret_answer(
        &core::Argon2idHasher::default(),
        &answer,
        &stored,
        &counter,
        now,
    );
    outcome(env, &core::record::SecretAnswerCheck::of(result, counter))
}

/// Completes « J'ai oublié mon mot de passe »: the e-mailed link, then the secret answer when
/// the credential has one, then the credential's `PasswordResetCompleted`. Throws an
/// `AccountError` only for a malformed link.
#[napi(
    catch_unwind,
    ts_args_type = "link: string, token: MachineSnapshot | null, credential: MachineSnapshot, answer: string | null, secretAttempts: AttemptCounter | null, now: Date | number | string, options?: RecoveryOptions | undefined | null",
    ts_return_type = "Refusing<ResetCompletion>"
)]
#[allow(clippy::too_many_arguments)]
pub fn complete_password_reset<'env>(
    env: &'env Env,
    link: arg::String,
    token: Option<arg::Value>,
    credential: arg::Value,
    answer: Option<arg::String>,
    secret_attempts: Option<arg::Value>,
    Now(now): Now,
    options: Option<RecoveryOptions>,
) -> napi::Result<Object<'env>> {
    let (_, policy) = policies(options);
    let token = token
        .map(|v| snapshot::<rec::TokenMachine>(env, &v))
        .transpose()?;
    let credential = snapshot::<core::CredentialMachine>(env, &credential)?;
    let attempts: core::AttemptCounter = record_or_default(env, "secretAttempts", secret_attempts)?;
    let wire = rec::WireToken::parse(&link).or_throw(env)?;
    let out = rec::complete_password_reset(
        &wire,
        token.as_ref(),
        &credential,
        answer.as_deref(),
        &core::Argon2idHasher::default(),
        &attempts,
        &policy,
        now,
    );
    outcome(env, &rec::record::ResetCompletion::from(out))
}

/// Completes the activation of a new credential: the e-mailed link, then the credential's
/// `SetInitialPassword`. Throws an `AccountError` only for a malformed link.
#[napi(
    catch_unwind,
    ts_args_type = "link: string, token: MachineSnapshot | null, credential: MachineSnapshot, now: Date | number | string, options?: RecoveryOptions | undefined | null",
    ts_return_type = "Refusing<ResetCompletion>"
)]
pub fn complete_activation<'env>(
    env: &'env Env,
    link: arg::String,
    token: Option<arg::Value>,
    credential: arg::Value,
    Now(now): Now,
    options: Option<RecoveryOptions>,
) -> napi::Result<Object<'env>> {
    let (_, policy) = policies(options);
    let token = token
        .map(|v| snapshot::<rec::TokenMachine>(env, &v))
        .transpose()?;
    let credential = snapshot::<core::CredentialMachine>(env, &credential)?;
    let wire = rec::WireToken::parse(&link).or_throw(env)?;
    let out = rec::complete_activation(&wire, token.as_ref(), &credential, &policy, now);
    outcome(env, &rec::record::ResetCompletion::from(out))
}
