//! Accounts and recovery beyond the machines (`apart::account`, `apart::recovery`,
//! `apart::entropy`): login, recovery requests, token redemption. Snapshots and effects cross
//! as JSON text, as with [`crate::Machine`]; the caller stores them.

use std::sync::Arc;
use std::time::Duration;

use apart::account as acc;
use apart::entropy::{FixedEntropy, SharedEntropy};
use apart::machine::Snapshot;
use apart::recovery as rec;
use apart::value::Json;

use crate::signed::{count, int};

use crate::json::{snapshots, to_json};
use crate::{ApartError, OffsetInstant};
// What a token is for, why it was cancelled and what a request shows are the core's own
// (derived behind its `uniffi` feature).
pub use apart::recovery::{PublicOutcome, Purpose, RevokeReason};

// ---------------------------------------------------------------------------------------------
// Entropy

/// A source of random bytes for tokens and salts: the operating system's, or a fixed pattern
/// for tests and reproducible fixtures.
#[derive(Debug, uniffi::Object)]
pub struct Entropy(SharedEntropy);

#[uniffi::export]
impl Entropy {
    /// The operating system's random source (`getrandom`).
    #[uniffi::constructor]
    pub fn os() -> Arc<Entropy> {
        Arc::new(Entropy(SharedEntropy::new(apart::entropy::OsEntropy)))
    }

    /// The bytes of `pattern`, repeated (zeros when empty): for tests only.
    #[uniffi::constructor]
    pub fn fixed(pattern: Vec<u8>) -> Arc<Entropy> {
        Arc::new(Entropy(SharedEntropy::new(FixedEntropy::new(pattern))))
    }
}

// ---------------------------------------------------------------------------------------------
// Login

// Which application a login is for: the core's.
pub use apart::account::Application;

/// The failed-attempt counter of an unknown identifier (stored by the caller).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, uniffi::Record)]
pub struct AttemptCounter {
    /// Consecutive failures.
    #[uniffi(default = 0)]
    pub failures: i32,
    /// No attempt is checked before this instant.
    #[uniffi(default = None)]
    pub blocked_until: Option<OffsetInstant>,
}

impl TryFrom<AttemptCounter> for acc::AttemptCounter {
    type Error = ApartError;
    fn try_from(c: AttemptCounter) -> Result<Self, ApartError> {
        Ok(acc::AttemptCounter {
            failures: count(c.failures, "failures")?,
            blocked_until: c.blocked_until,
        })
    }
}

impl From<acc::AttemptCounter> for AttemptCounter {
    fn from(c: acc::AttemptCounter) -> Self {
        AttemptCounter {
            failures: int(c.failures),
            blocked_until: c.blocked_until,
        }
    }
}

/// How failed logins slow down and lock (`default_login_throttle_policy()` gives the spec's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct LoginThrottlePolicy {
    /// Failures before any delay.
    pub free_attempts: i32,
    /// The first delay, in milliseconds.
    pub base_delay_ms: i64,
    /// The longest delay, in milliseconds.
    pub max_delay_ms: i64,
    /// Failures after which the credential locks.
    pub hard_lock_after: i32,
}

impl From<acc::LoginThrottlePolicy> for LoginThrottlePolicy {
    fn from(p: acc::LoginThrottlePolicy) -> Self {
        LoginThrottlePolicy {
            free_attempts: int(p.free_attempts()),
            base_delay_ms: p.base_delay_ms(),
            max_delay_ms: p.max_delay_ms(),
            hard_lock_after: int(p.hard_lock_after()),
        }
    }
}

impl TryFrom<LoginThrottlePolicy> for acc::LoginThrottlePolicy {
    type Error = ApartError;
    fn try_from(p: LoginThrottlePolicy) -> Result<Self, ApartError> {
        Ok(acc::LoginThrottlePolicy::new(
            count(p.free_attempts, "free_attempts")?,
            p.base_delay_ms,
            p.max_delay_ms,
            count(p.hard_lock_after, "hard_lock_after")?,
        )?)
    }
}

/// The core's default login throttle.
#[uniffi::export]
pub fn default_login_throttle_policy() -> LoginThrottlePolicy {
    acc::LoginThrottlePolicy::default().into()
}

/// Who is logging in: a known credential (its snapshot JSON), or an unknown identifier (its
/// counter, kept by the caller so that unknown and known identifiers throttle alike).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum LoginTarget {
    /// A credential of `apart.credential`.
    Known {
        /// Its snapshot JSON.
        snapshot: String,
        /// The identifier's failure counter: throttles a closed credential exactly like an
        /// unknown identifier.
        counter: AttemptCounter,
    },
    /// No credential has this identifier.
    Unknown {
        /// The identifier's failure counter.
        counter: AttemptCounter,
        /// The throttle policy.
        policy: LoginThrottlePolicy,
    },
}

/// What to store after a login attempt.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum LoginUpdate {
    /// Nothing changed.
    Unchanged,
    /// The credential's new snapshot.
    Credential {
        /// Its snapshot JSON.
        snapshot: String,
    },
    /// The unknown identifier's new counter.
    Counter {
        /// The counter.
        counter: AttemptCounter,
    },
}

/// The result of [`authenticate`]: the establishments (SIRETs) the user may enter, or the
/// error; in both cases the update to store and the effects to carry out.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LoginOutcome {
    /// The SIRETs the user may act for in this application (empty on error).
    pub establishments: Vec<String>,
    /// Why the login was refused (`INVALID_CREDENTIALS`, `ACCOUNT_LOCKED`…), if it was.
    pub error: Option<ApartError>,
    /// What to store.
    pub update: LoginUpdate,
    /// The effects, as a JSON array.
    pub effects: String,
}

/// The caller's password check, called only when the attempt is not throttled (so a locked
/// account costs no hash).
///
/// An exception thrown by `verify` is the answer of `authenticate`, once the core has returned
/// (nothing of the attempt is recorded): an `ApartException` as it is, any other one as
/// `ApartException.Internal` (`INTERNAL_BINDING`) naming it.
#[uniffi::export(callback_interface)]
pub trait PasswordCheck: Send + Sync {
    /// Whether the password typed matches the stored hash.
    fn verify(&self) -> Result<bool, ApartError>;
}

/// A login attempt at `now` (spec §1.4, §1.7).
#[uniffi::export]
pub fn authenticate(
    target: LoginTarget,
    password: Box<dyn PasswordCheck>,
    habilitations: Vec<String>,
    application: Application,
    now: OffsetInstant,
) -> Result<LoginOutcome, ApartError> {
    let habilitations = snapshots::<acc::HabilitationMachine>(&habilitations)?;
    let target = match target {
        LoginTarget::Known { snapshot, counter } => acc::record::LoginTarget {
            credential: Some(Json::from_text(snapshot)),
            counter: Some(counter.try_into()?),
            policy: None,
        },
        LoginTarget::Unknown { counter, policy } => acc::record::LoginTarget {
            credential: None,
            counter: Some(counter.try_into()?),
            policy: Some(policy.try_into()?),
        },
    };
    // A throwing check cannot unwind through the core: keep its error, answer "wrong
    // password", and give the error once the core has returned.
    let mut thrown = None;
    let verify = || {
        password.verify().unwrap_or_else(|e| {
            thrown = Some(e);
            false
        })
    };
    let out = acc::record::authenticate(&target, verify, &habilitations, application, now)?;
    if let Some(e) = thrown {
        return Err(e);
    }
    let update = match (out.credential, out.counter) {
        (Some(s), _) => LoginUpdate::Credential {
            snapshot: s.into_text(),
        },
        (None, Some(c)) => LoginUpdate::Counter { counter: c.into() },
        (None, None) => LoginUpdate::Unchanged,
    };
    Ok(LoginOutcome {
        establishments: out.establishments.unwrap_or_default(),
        error: out.error.as_ref().map(ApartError::of_record),
        update,
        effects: out.effects.into_text(),
    })
}

// ---------------------------------------------------------------------------------------------
// Recovery

/// The validity of recovery tokens (default: 60 minutes, no leeway, 10 wrong secrets).
#[derive(Debug, uniffi::Object)]
pub struct TokenPolicy(rec::TokenPolicy);

#[uniffi::export]
impl TokenPolicy {
    /// The seed's policy: valid 60 minutes.
    #[uniffi::constructor]
    pub fn recommended() -> Arc<TokenPolicy> {
        Arc::new(TokenPolicy(rec::TokenPolicy::default()))
    }

    /// A policy with this validity (up to 24 h) and clock leeway (up to 120 s).
    #[uniffi::constructor]
    pub fn new(ttl: Duration, leeway: Duration) -> Result<Arc<TokenPolicy>, ApartError> {
        let d = |v: Duration| time::Duration::try_from(v).unwrap_or(time::Duration::MAX);
        Ok(Arc::new(TokenPolicy(rec::TokenPolicy::new(
            d(ttl),
            d(leeway),
        )?)))
    }

    /// The validity.
    pub fn ttl(&self) -> Duration {
        Duration::try_from(self.0.ttl()).unwrap_or_default()
    }

    /// The clock leeway.
    pub fn leeway(&self) -> Duration {
        Duration::try_from(self.0.leeway()).unwrap_or_default()
    }
}

/// How many reset requests an account may make (default: 3 an hour, 10 a day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct ResetRequestPolicy {
    /// Requests allowed in any 60 minutes.
    pub per_hour: i32,
    /// Requests allowed in any 24 hours.
    pub per_day: i32,
}

impl TryFrom<ResetRequestPolicy> for rec::ResetRequestPolicy {
    type Error = ApartError;
    fn try_from(p: ResetRequestPolicy) -> Result<Self, ApartError> {
        Ok(rec::ResetRequestPolicy {
            per_hour: count(p.per_hour, "per_hour")?,
            per_day: count(p.per_day, "per_day")?,
        })
    }
}

/// The core's default reset-request limits.
#[uniffi::export]
pub fn default_reset_request_policy() -> ResetRequestPolicy {
    let p = rec::ResetRequestPolicy::default();
    ResetRequestPolicy {
        per_hour: int(p.per_hour),
        per_day: int(p.per_day),
    }
}

/// Whether one more reset request is allowed at `now`, given the earlier ones.
#[uniffi::export]
pub fn reset_request_allowed(
    policy: ResetRequestPolicy,
    recent: Vec<OffsetInstant>,
    now: OffsetInstant,
) -> Result<bool, ApartError> {
    Ok(rec::ResetRequestPolicy::try_from(policy)?.allows(&recent, now))
}

// What a recovery request takes and gives: the core's records (snapshots as JSON text).
pub use apart::recovery::record::{
    ActivationMail, IssuedToken, ReminderAccount, RequestOutcome, ResetAccount,
};

/// « J'ai oublié mon mot de passe » (spec §2.1): `account` is `null` for an unknown identifier,
/// which gets the same public answer and timing.
#[uniffi::export]
pub fn request_password_reset(
    account: Option<ResetAccount>,
    limits: ResetRequestPolicy,
    policy: &TokenPolicy,
    entropy: &Entropy,
    now: OffsetInstant,
) -> Result<RequestOutcome, ApartError> {
    let (limits, mut rng) = (limits.try_into()?, &entropy.0);
    Ok(
        rec::record::request_password_reset(account.as_ref(), &limits, &policy.0, &mut rng, now)?
            .into(),
    )
}

/// « J'ai oublié mon identifiant » (spec §2.3): `account` is `null` for an unknown address.
#[uniffi::export]
pub fn request_identifier_reminder(
    account: Option<ReminderAccount>,
    limits: ResetRequestPolicy,
    entropy: &Entropy,
    now: OffsetInstant,
) -> Result<RequestOutcome, ApartError> {
    let (limits, mut rng) = (limits.try_into()?, &entropy.0);
    Ok(rec::record::request_identifier_reminder(account.as_ref(), &limits, &mut rng, now)?.into())
}

/// Issues the activation token of a new credential and its e-mail (spec §10 Q1).
#[uniffi::export]
pub fn activation_email(
    identifier: String,
    email: String,
    policy: &TokenPolicy,
    existing: Vec<Json>,
    entropy: &Entropy,
    now: OffsetInstant,
) -> Result<ActivationMail, ApartError> {
    let mut rng = &entropy.0;
    Ok(
        rec::record::activation_email(&identifier, &email, &policy.0, &existing, &mut rng, now)?
            .into(),
    )
}

/// A token as e-mailed (its id and secret), parsed from the link's text.
#[derive(uniffi::Object)]
pub struct WireToken(rec::WireToken);

impl std::fmt::Debug for WireToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "WireToken({})", self.0.id())
    }
}

#[uniffi::export]
impl WireToken {
    /// Parses the token text of a link.
    #[uniffi::constructor]
    pub fn parse(text: String) -> Result<Arc<WireToken>, ApartError> {
        Ok(Arc::new(WireToken(rec::WireToken::parse(&text)?)))
    }

    /// The token's id (to look its record up).
    pub fn id(&self) -> String {
        self.0.id().to_owned()
    }
}

/// A redeemed token: whose it is and what for.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Redeemed {
    /// The token's id.
    pub token_id: String,
    /// The credential's identifier.
    pub subject: String,
    /// What the token was for.
    pub purpose: Purpose,
}

/// The result of [`redeem`]: the redeemed token or the error, and the record to store.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Redemption {
    /// The redeemed token, on success.
    pub redeemed: Option<Redeemed>,
    /// Why it was refused (`TOKEN_EXPIRED`, `TOKEN_INVALID`…), if it was.
    pub error: Option<ApartError>,
    /// The token's new record to store (snapshot JSON), when it changed.
    pub token: Option<String>,
}

/// Redeems an e-mailed token against its stored record (`null` when none has its id).
#[uniffi::export]
pub fn redeem(
    wire: &WireToken,
    purpose: Purpose,
    record: Option<String>,
    policy: &TokenPolicy,
    now: OffsetInstant,
) -> Result<Redemption, ApartError> {
    let record = record
        .map(|r| Snapshot::<rec::TokenMachine>::from_json(&r))
        .transpose()?;
    let out = rec::redeem(&wire.0, purpose, record.as_ref(), &policy.0, now);
    let (redeemed, error) = match out.result {
        Ok(r) => (
            Some(Redeemed {
                purpose: r.purpose(),
                token_id: r.token_id().to_owned(),
                subject: r.subject().to_owned(),
            }),
            None,
        ),
        Err(e) => (None, Some(ApartError::of(&e))),
    };
    Ok(Redemption {
        redeemed,
        error,
        token: out.token.map(|t| t.to_json()),
    })
}

/// Issues a token for `subject` (spec §2.2).
#[uniffi::export]
pub fn issue_token(
    subject: String,
    purpose: Purpose,
    policy: &TokenPolicy,
    existing: Vec<Json>,
    entropy: &Entropy,
    now: OffsetInstant,
) -> Result<IssuedToken, ApartError> {
    let mut rng = &entropy.0;
    Ok(rec::record::issue(&subject, purpose, &policy.0, &existing, &mut rng, now)?.into())
}

/// Revokes every active token of `subject`; returns the changed records to store.
#[uniffi::export]
pub fn revoke_all_tokens(
    tokens: Vec<String>,
    subject: String,
    reason: RevokeReason,
    now: OffsetInstant,
) -> Result<Vec<String>, ApartError> {
    let tokens = snapshots::<rec::TokenMachine>(&tokens)?;
    Ok(rec::revoke_all(&tokens, &subject, reason, now)?
        .iter()
        .map(Snapshot::to_json)
        .collect())
}

// ---------------------------------------------------------------------------------------------
// Secret answers and the account form

/// The slow hash of secret answers: Argon2id (default costs: 19 MiB, 2 passes, 1 lane).
#[derive(Debug, uniffi::Object)]
pub struct SecretHasher(acc::Argon2idHasher);

#[uniffi::export]
impl SecretHasher {
    /// Argon2id with the recommended costs.
    #[uniffi::constructor]
    pub fn argon2id() -> Arc<SecretHasher> {
        Arc::new(SecretHasher(acc::Argon2idHasher::default()))
    }

    /// Argon2id with other costs (memory in KiB, passes, lanes); cheap ones for tests.
    #[uniffi::constructor]
    pub fn argon2id_with_params(
        m_cost: i32,
        t_cost: i32,
        p_cost: i32,
    ) -> Result<Arc<SecretHasher>, ApartError> {
        Ok(Arc::new(SecretHasher(acc::Argon2idHasher::with_params(
            count(m_cost, "m_cost")?,
            count(t_cost, "t_cost")?,
            count(p_cost, "p_cost")?,
        )?)))
    }
}

/// Checks the account form (`AccountFormInput` as JSON: the fields of « Créer mon espace »),
/// reporting every refused field at once (`FORM_INVALID`, with `fields`).
#[uniffi::export]
pub fn validate_account_form(input_json: String) -> Result<(), ApartError> {
    account_form(&input_json).map(|_| ())
}

fn account_form(input_json: &str) -> Result<acc::AccountForm, ApartError> {
    let input: acc::AccountFormInput = apart::value::from_json(input_json)?;
    Ok(input.validate()?)
}

/// Checks the account form and hashes its secret answer: the `AccountRequest` JSON that the
/// onboarding event `SubmitAccountForm` carries (`request`).
#[uniffi::export]
pub fn seal_account_form(
    input_json: String,
    hasher: &SecretHasher,
    entropy: &Entropy,
) -> Result<String, ApartError> {
    let mut rng = &entropy.0;
    Ok(to_json(
        &account_form(&input_json)?.seal(&hasher.0, &mut rng)?,
    ))
}

/// The result of a secret-answer check: the error, if any, and the counter to store.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SecretCheck {
    /// Why the answer was refused (`SECRET_ANSWER_INVALID`, `ACCOUNT_LOCKED`…), if it was.
    pub error: Option<ApartError>,
    /// The counter to store under the identifier.
    pub counter: AttemptCounter,
}

/// Checks a secret answer against its stored hash (`SecretAnswerHash` JSON), with throttling.
#[uniffi::export]
pub fn check_secret_answer(
    hasher: &SecretHasher,
    answer: String,
    stored_json: String,
    counter: AttemptCounter,
    now: OffsetInstant,
) -> Result<SecretCheck, ApartError> {
    let stored: acc::SecretAnswerHash = apart::value::from_json(&stored_json)?;
    let (result, counter) =
        acc::check_secret_answer(&hasher.0, &answer, &stored, &counter.try_into()?, now);
    Ok(SecretCheck {
        error: result.err().map(|e| ApartError::of(&e)),
        counter: counter.into(),
    })
}

/// What [`complete_password_reset`] gives back: the result and every record to store.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ResetCompletion {
    /// Why the reset was refused, if it was; otherwise the new password may be set.
    pub error: Option<ApartError>,
    /// The token record to store, when it changed (snapshot JSON).
    pub token: Option<String>,
    /// The credential to store, when it changed (snapshot JSON).
    pub credential: Option<String>,
    /// The secret-answer counter to store under the identifier, when it changed.
    pub secret_attempts: Option<AttemptCounter>,
    /// The effects, as a JSON array.
    pub effects: String,
}

/// Completes a password reset: redeems the token, checks the secret answer when the credential
/// has one, and unlocks the credential (spec §2.1).
#[allow(clippy::too_many_arguments)] // each is a separate fact of the caller's store
#[uniffi::export]
pub fn complete_password_reset(
    wire: &WireToken,
    token: Option<String>,
    credential: String,
    answer: Option<String>,
    hasher: &SecretHasher,
    secret_attempts: AttemptCounter,
    policy: &TokenPolicy,
    now: OffsetInstant,
) -> Result<ResetCompletion, ApartError> {
    let token = token
        .map(|t| Snapshot::<rec::TokenMachine>::from_json(&t))
        .transpose()?;
    let credential = Snapshot::<acc::CredentialMachine>::from_json(&credential)?;
    let out = rec::complete_password_reset(
        &wire.0,
        token.as_ref(),
        &credential,
        answer.as_deref(),
        &hasher.0,
        &secret_attempts.try_into()?,
        &policy.0,
        now,
    );
    Ok(completion(out))
}

fn completion(out: rec::ResetCompletion) -> ResetCompletion {
    ResetCompletion {
        error: out.result.err().map(|e| ApartError::of(&e)),
        token: out.token.map(|t| t.to_json()),
        credential: out.credential.map(|c| c.to_json()),
        secret_attempts: out.secret_attempts.map(Into::into),
        effects: to_json(&out.effects),
    }
}

/// Completes the activation of a new credential: the e-mailed token, then the credential's
/// `SetInitialPassword` (the only way to send it: it needs the token's redemption).
#[uniffi::export]
pub fn complete_activation(
    wire: &WireToken,
    token: Option<String>,
    credential: String,
    policy: &TokenPolicy,
    now: OffsetInstant,
) -> Result<ResetCompletion, ApartError> {
    let token = token
        .map(|t| Snapshot::<rec::TokenMachine>::from_json(&t))
        .transpose()?;
    let credential = Snapshot::<acc::CredentialMachine>::from_json(&credential)?;
    Ok(completion(rec::complete_activation(
        &wire.0,
        token.as_ref(),
        &credential,
        &policy.0,
        now,
    )))
}

// ---------------------------------------------------------------------------------------------
// Habilitations

// Both habilitations after a principal transfer: the core's record.
pub use apart::account::record::PrincipalTransfer;

/// Moves the principal role from one habilitation to another of the same establishment (seed
/// case 2.1); `keep_access` keeps the former principal as a member.
#[uniffi::export]
pub fn transfer_principal(
    from: String,
    to: String,
    actor: apart::machine::Actor,
    keep_access: bool,
    now: OffsetInstant,
) -> Result<PrincipalTransfer, ApartError> {
    let from = Snapshot::<acc::HabilitationMachine>::from_json(&from)?;
    let to = Snapshot::<acc::HabilitationMachine>::from_json(&to)?;
    Ok(acc::transfer_principal(&from, &to, actor, keep_access, now)?.into())
}

/// The SIRETs `credential` may act for in `application` at `now`.
#[uniffi::export]
pub fn authorised_establishments(
    habilitations: Vec<String>,
    credential: String,
    application: Application,
    now: OffsetInstant,
) -> Result<Vec<String>, ApartError> {
    let records = snapshots::<acc::HabilitationMachine>(&habilitations)?;
    let sirets = acc::authorised_establishments(&records, &credential, application, now);
    Ok(sirets.iter().map(|s| s.as_str().to_owned()).collect())
}

/// How many other live habilitations of the same establishment and application there are.
#[uniffi::export]
pub fn others_live(habilitations: Vec<String>, habilitation: String) -> Result<i32, ApartError> {
    let records = snapshots::<acc::HabilitationMachine>(&habilitations)?;
    Ok(int(acc::others_live(
        &records,
        &Snapshot::<acc::HabilitationMachine>::from_json(&habilitation)?,
    )))
}

/// The invariants I1–I4 broken by a set of habilitations (each `Violation` as JSON); empty when
/// all hold. `max_per_credential` is I2's limit (`null`: the APART guide's 200).
#[uniffi::export]
pub fn check_habilitation_invariants(
    habilitations: Vec<String>,
    max_per_credential: Option<i32>,
    active_mandates: Vec<String>,
) -> Result<Vec<String>, ApartError> {
    let records = snapshots::<acc::HabilitationMachine>(&habilitations)?;
    let policy = match max_per_credential {
        Some(max) => acc::HabilitationPolicy {
            max_per_credential: count(max, "max_per_credential")?,
        },
        None => acc::HabilitationPolicy::default(),
    };
    Ok(acc::check_invariants(&records, &policy, &active_mandates)
        .iter()
        .map(to_json)
        .collect())
}

#[uniffi::export]
impl AttemptCounter {
    /// Whether an attempt may be checked at `now`: `LOGIN_THROTTLED` (with the wait left) while
    /// `blocked_until` is after `now`.
    pub fn check(&self, now: OffsetInstant) -> Result<(), ApartError> {
        Ok(acc::AttemptCounter::try_from(*self)?.check(now)?)
    }

    /// The counter after one more failure at `now`.
    pub fn with_failure(
        &self,
        policy: LoginThrottlePolicy,
        now: OffsetInstant,
    ) -> Result<AttemptCounter, ApartError> {
        let mut counter = acc::AttemptCounter::try_from(*self)?;
        counter.record_failure(&policy.try_into()?, now);
        Ok(counter.into())
    }
}

#[uniffi::export]
impl LoginThrottlePolicy {
    /// The wait imposed after `failures` consecutive failures (`POLICY_INVALID` for a policy
    /// out of its bounds).
    pub fn delay_after(&self, failures: i32) -> Result<Duration, ApartError> {
        let policy = acc::LoginThrottlePolicy::try_from(*self)?;
        Ok(
            Duration::try_from(policy.delay_after(count(failures, "failures")?))
                .unwrap_or_default(),
        )
    }

    /// Whether `failures` consecutive failures lock the credential (`POLICY_INVALID` for a
    /// policy out of its bounds).
    pub fn locks_at(&self, failures: i32) -> Result<bool, ApartError> {
        Ok(acc::LoginThrottlePolicy::try_from(*self)?.locks_at(count(failures, "failures")?))
    }
}

/// The throttle of secret-answer attempts (stricter than logins).
#[uniffi::export]
pub fn secret_answer_throttle_policy() -> LoginThrottlePolicy {
    acc::LoginThrottlePolicy::secret_answer().into()
}
