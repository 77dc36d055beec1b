//! Machine B (spec §1.4, §1.7): a credential's lifecycle, the login throttle, and the login
//! boundary that reveals nothing about which identifiers exist.

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use super::habilitation::{Application, HabilitationSnapshot, authorised_establishments};
use super::identifier::{canonical_identifier, same_identifier};
use super::onboarding::NewUser;
use super::secret::SecretAnswerHash;
use super::{AccountError, Purpose, Redeemed, RevokeReason};
use crate::diagnostic::de_refusal;
use crate::forms::{Email, LoginIdentifier, PersonName};
use crate::machine::{Actor, Machine, Refusal, Snapshot, Transition};
use crate::seal::SealKey;
use crate::siret::Siret;

/// How failed logins slow down and then lock an identifier (spec §1.7, D4).
///
/// Defaults: 5 free attempts; then the k-th extra failure imposes a wait of `30 s × 2^(k−1)`,
/// capped at 15 minutes; the 10th consecutive failure locks the account (CNIL's example figure,
/// far below NIST SP 800-63B-4's ceiling of 100).
///
/// Every value is within its documented range, checked by [`LoginThrottlePolicy::new`] and
/// whenever a policy is read from JSON (it is stored in every credential: an edited record must
/// not switch the throttle off).
///
/// ```
/// use apart::account::LoginThrottlePolicy;
/// use time::Duration;
/// let p = LoginThrottlePolicy::default();
/// assert_eq!(p.delay_after(5), Duration::ZERO);
/// assert_eq!(p.delay_after(6), Duration::seconds(30));
/// assert_eq!(p.delay_after(9), Duration::seconds(240));
/// assert_eq!(p.delay_after(40), Duration::minutes(15));
/// // NIST SP 800-63B-4 §3.2.2: no more than 100 consecutive failures.
/// assert!(LoginThrottlePolicy::new(5, 30_000, 900_000, 101).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(as = "LoginThrottlePolicyWire"))]
#[serde(try_from = "LoginThrottlePolicyWire", into = "LoginThrottlePolicyWire")]
pub struct LoginThrottlePolicy {
    free_attempts: u32,
    base_delay_ms: i64,
    max_delay_ms: i64,
    hard_lock_after: u32,
}

/// The JSON form of [`LoginThrottlePolicy`] (unchanged from when its fields were public).
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
struct LoginThrottlePolicyWire {
    /// Failures without wait (below `hard_lock_after`; default 5).
    free_attempts: u32,
    /// The first wait, in milliseconds, doubling after each further failure (default 30 000).
    base_delay_ms: i64,
    /// The longest wait, in milliseconds (at most 24 h; default 900 000).
    max_delay_ms: i64,
    /// The consecutive failure that locks the account (1 to 100; default 10).
    hard_lock_after: u32,
}

impl TryFrom<LoginThrottlePolicyWire> for LoginThrottlePolicy {
    type Error = AccountError;
    fn try_from(w: LoginThrottlePolicyWire) -> Result<Self, AccountError> {
        LoginThrottlePolicy::new(
            w.free_attempts,
            w.base_delay_ms,
            w.max_delay_ms,
            w.hard_lock_after,
        )
    }
}

impl From<LoginThrottlePolicy> for LoginThrottlePolicyWire {
    fn from(p: LoginThrottlePolicy) -> Self {
        LoginThrottlePolicyWire {
            free_attempts: p.free_attempts,
            base_delay_ms: p.base_delay_ms,
            max_delay_ms: p.max_delay_ms,
            hard_lock_after: p.hard_lock_after,
        }
    }
}

impl Default for LoginThrottlePolicy {
    fn default() -> Self {
        LoginThrottlePolicy {
            free_attempts: 5,
            base_delay_ms: 30_000,
            max_delay_ms: 15 * 60_000,
            hard_lock_after: 10,
        }
    }
}

/// The most consecutive failures a policy may allow before locking (NIST SP 800-63B-4 §3.2.2).
const MAX_HARD_LOCK: u32 = 100;
/// The longest wait a policy may impose, in milliseconds (24 hours).
const MAX_DELAY_MS: i64 = 24 * 60 * 60 * 1000;

impl LoginThrottlePolicy {
    /// A policy: `free_attempts` failures without wait, then waits from `base_delay_ms`
    /// doubling up to `max_delay_ms`, and a lock at the `hard_lock_after`-th consecutive failure.
    ///
    /// # Errors
    ///
    /// [`AccountError::PolicyInvalid`] unless `1 ≤ hard_lock_after ≤ 100` (NIST SP 800-63B-4
    /// §3.2.2), `free_attempts < hard_lock_after` and `0 ≤ base_delay_ms ≤ max_delay_ms ≤ 24 h`.
    pub fn new(
        free_attempts: u32,
        base_delay_ms: i64,
        max_delay_ms: i64,
        hard_lock_after: u32,
    ) -> Result<Self, AccountError> {
        let invalid = |field: &str, allowed: &str| AccountError::PolicyInvalid {
            field: field.into(),
            allowed: allowed.into(),
        };
        if !(1..=MAX_HARD_LOCK).contains(&hard_lock_after) {
            return Err(invalid("hard_lock_after", "1..=100"));
        }
        if free_attempts >= hard_lock_after {
            return Err(invalid("free_attempts", "0..hard_lock_after"));
        }
        if !(0..=MAX_DELAY_MS).contains(&max_delay_ms) {
            return Err(invalid("max_delay_ms", "0..=86400000"));
        }
        if !(0..=max_delay_ms).contains(&base_delay_ms) {
            return Err(invalid("base_delay_ms", "0..=max_delay_ms"));
        }
        Ok(LoginThrottlePolicy {
            free_attempts,
            base_delay_ms,
            max_delay_ms,
            hard_lock_after,
        })
    }

    /// The policy used for the secret answer: its own counter, locked after 5 failures
    /// (spec §2.2).
    pub fn secret_answer() -> Self {
        LoginThrottlePolicy {
            hard_lock_after: 5,
            free_attempts: 2,
            ..LoginThrottlePolicy::default()
        }
    }

    /// Failures allowed before any wait.
    pub fn free_attempts(&self) -> u32 {
        self.free_attempts
    }

    /// The first wait, in milliseconds.
    pub fn base_delay_ms(&self) -> i64 {
        self.base_delay_ms
    }

    /// The longest wait, in milliseconds.
    pub fn max_delay_ms(&self) -> i64 {
        self.max_delay_ms
    }

    /// Consecutive failures that lock the account.
    pub fn hard_lock_after(&self) -> u32 {
        self.hard_lock_after
    }

    /// The wait imposed after `failures` consecutive failures.
    pub fn delay_after(&self, failures: u32) -> Duration {
        let Some(extra) = failures.checked_sub(self.free_attempts).filter(|k| *k > 0) else {
            return Duration::ZERO;
        };
        let max = self.max_delay_ms.max(0);
        // 2^(k−1) overflows long after the cap is reached: saturate, then cap.
        let factor = 1i64
            .checked_shl(extra - 1)
            .filter(|f| *f > 0)
            .unwrap_or(i64::MAX);
        Duration::milliseconds(self.base_delay_ms.max(0).saturating_mul(factor).min(max))
    }

    /// Whether `failures` consecutive failures lock the account.
    pub fn locks_at(&self, failures: u32) -> bool {
        failures >= self.hard_lock_after
    }
}

/// Consecutive failed attempts on one normalised identifier, **whether or not an account has
/// that identifier**: unknown and known identifiers are throttled alike, so the throttle reveals
/// nothing (OWASP). The caller stores one per identifier key (`LoginIdentifier::key`, so that
/// `ABC` and `abc` share it); a credential keeps its own inside.
///
/// ```
/// use apart::account::{AttemptCounter, LoginThrottlePolicy};
/// use apart::Diagnostic;
/// use time::{Duration, macros::datetime};
/// let (p, now) = (LoginThrottlePolicy::default(), datetime!(2026-03-02 10:00 UTC));
/// let mut c = AttemptCounter::default();
/// for _ in 0..6 { c.record_failure(&p, now); }
/// assert_eq!(c.check(now).unwrap_err().code(), "LOGIN_THROTTLED");
/// assert!(c.check(now + Duration::seconds(30)).is_ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct AttemptCounter {
    /// Consecutive failures.
    pub failures: u32,
    /// No attempt is checked before this instant (RFC 3339; `null` or absent: none).
    #[serde(default, with = "crate::calendar::serde::option_instant")]
    #[cfg_attr(feature = "ts", ts(optional = nullable, as = "Option<String>"))]
    pub blocked_until: Option<OffsetDateTime>,
}

impl AttemptCounter {
    /// Whether an attempt may be checked at `now`.
    ///
    /// # Errors
    ///
    /// [`AccountError::LoginThrottled`] with the wait left, when `now` is before
    /// `blocked_until` (also when the clock went backwards).
    pub fn check(&self, now: OffsetDateTime) -> Result<(), AccountError> {
        match self.blocked_until {
            Some(until) if now < until => Err(AccountError::LoginThrottled {
                retry_after_ms: i64::try_from((until - now).whole_milliseconds())
                    .unwrap_or(i64::MAX),
            }),
            _ => Ok(()),
        }
    }

    /// Counts one more failure at `now` and sets the wait that follows.
    pub fn record_failure(&mut self, policy: &LoginThrottlePolicy, now: OffsetDateTime) {
        self.failures = self.failures.saturating_add(1);
        let delay = policy.delay_after(self.failures);
        self.blocked_until =
            (delay > Duration::ZERO).then(|| crate::calendar::saturating_add(now, delay));
    }

    /// Forgets earlier failures (after a success, NIST SP 800-63B-4 §3.2.2).
    pub fn reset(&mut self) {
        *self = AttemptCounter::default();
    }

    /// The counter as JSON with its seal under `key`, bound to `identifier` (a counter sealed
    /// for one identifier does not open for another): the form to store (see [`crate::seal`]).
    ///
    /// ```
    /// use apart::account::AttemptCounter;
    /// use apart::seal::SealKey;
    /// use apart::Diagnostic;
    /// let key = SealKey::new(&[1u8; 32])?;
    /// let counter = AttemptCounter { failures: 7, blocked_until: None };
    /// let stored = counter.seal("id12345", &key);
    /// assert_eq!(AttemptCounter::open(&stored, "ID12345", &key)?, counter);
    /// let reset_by_hand = stored.replace("7", "0");
    /// assert_eq!(AttemptCounter::open(&reset_by_hand, "id12345", &key).unwrap_err().code(), "SEAL_INVALID");
    /// assert_eq!(AttemptCounter::open(&stored, "someone-else", &key).unwrap_err().code(), "SEAL_INVALID");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn seal(&self, identifier: &str, key: &SealKey) -> String {
        let value = serde_json::to_value(self).unwrap_or_default();
        let sealed = key
            .seal_value(&counter_kind(identifier), &value)
            .unwrap_or(value);
        serde_json::to_string(&sealed).unwrap_or_default()
    }

    /// Reads a counter written by [`AttemptCounter::seal`] for `identifier`, once its seal is
    /// checked under `key`.
    ///
    /// # Errors
    ///
    /// [`AccountError::Seal`] (`SEAL_MISSING`, `SEAL_INVALID`); `RECORD_MALFORMED` when the text
    /// is not a counter.
    pub fn open(json: &str, identifier: &str, key: &SealKey) -> Result<Self, AccountError> {
        let malformed = |error: crate::value::ValueError| AccountError::RecordMalformed {
            error: Box::new(error),
        };
        let value: serde_json::Value = crate::value::from_json(json).map_err(malformed)?;
        let value = key
            .open_value(&counter_kind(identifier), value)
            .map_err(AccountError::Seal)?;
        // A small record: read from a borrow, and again with its paths only when refused.
        AttemptCounter::deserialize(&value).map_err(|e| {
            malformed(crate::value::why_not_value::<AttemptCounter>(
                value.clone(),
                &e,
            ))
        })
    }
}

/// The kind a counter is sealed for: bound to the identifier's canonical form.
fn counter_kind(identifier: &str) -> String {
    format!("apart.attempt_counter/{}", canonical_identifier(identifier))
}

/// The first field of a credential's identity the forms would refuse, if any.
fn identity_problem(c: &Credential) -> Option<&'static str> {
    if LoginIdentifier::parse(&c.identifier).is_err() {
        Some("identifier")
    } else if Email::parse(&c.email).is_err() {
        Some("email")
    } else if PersonName::parse(&c.nom).is_err() {
        Some("nom")
    } else if PersonName::parse(&c.prenom).is_err() {
        Some("prenom")
    } else {
        None
    }
}

/// Reads a credential's identifier: a valid login identifier (the form's own error
/// otherwise), kept in canonical form.
fn checked_identifier<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
    LoginIdentifier::parse(&text).map_err(de_refusal)?;
    Ok(canonical_identifier(&text))
}

/// Reads a credential's e-mail address, kept as written once the form accepts it.
fn checked_email<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let text = String::deserialize(d)?;
    Email::parse(&text).map_err(de_refusal)?;
    Ok(text)
}

/// Reads a holder's name, kept as written once the form accepts it.
fn checked_name<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let text = String::deserialize(d)?;
    PersonName::parse(&text).map_err(de_refusal)?;
    Ok(text)
}

/// A credential: the login identifier issued by the ASP (never an e-mail address), its holder
/// and its throttle. It authenticates; habilitations authorise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credential {
    /// The login identifier, in canonical form ([`canonical_identifier`]: what the constructors
    /// and the JSON reader keep).
    #[serde(deserialize_with = "checked_identifier")]
    pub identifier: String,
    /// The registered e-mail address.
    #[serde(deserialize_with = "checked_email")]
    pub email: String,
    /// The holder's surname.
    #[serde(deserialize_with = "checked_name")]
    pub nom: String,
    /// The holder's given name.
    #[serde(deserialize_with = "checked_name")]
    pub prenom: String,
    /// The throttle policy.
    #[serde(default)]
    pub policy: LoginThrottlePolicy,
    /// Consecutive failed logins.
    #[serde(default)]
    pub attempts: AttemptCounter,
    /// When the activation link expires (the caller allows a resend then).
    #[serde(default, with = "crate::calendar::serde::option_instant")]
    pub activation_expires_at: Option<OffsetDateTime>,
    /// Why the ASP disabled the credential.
    #[serde(default)]
    pub disabled_reason: Option<String>,
    /// « Question secrète ».
    #[serde(default)]
    pub secret_question: Option<String>,
    /// The slow hash of the normalised answer (never the answer).
    #[serde(default)]
    pub secret_answer: Option<SecretAnswerHash>,
}

impl Credential {
    /// A new credential with the default policy and no failure; `identifier` is kept in
    /// canonical form.
    pub fn new(identifier: &str, email: &str, nom: &str, prenom: &str) -> Self {
        Credential {
            identifier: canonical_identifier(identifier),
            email: email.to_owned(),
            nom: nom.to_owned(),
            prenom: prenom.to_owned(),
            policy: LoginThrottlePolicy::default(),
            attempts: AttemptCounter::default(),
            activation_expires_at: None,
            disabled_reason: None,
            secret_question: None,
            secret_answer: None,
        }
    }

    /// The credential onboarding's `CreateCredential` effect asks for, under the `identifier`
    /// the caller issued, with its activation link valid until `activation_expires_at`.
    ///
    /// ```
    /// use apart::account::{Credential, CredentialMachine, CredentialState, NewUser, SecretAnswerHash};
    /// use apart::machine::Snapshot;
    /// use time::macros::datetime;
    /// let user = NewUser {
    ///     nom: "Martin".into(), prenom: "Claire".into(), phone: "+33612345678".into(),
    ///     email: "claire@exemple.fr".into(), secret_question: "Mon premier chien".into(),
    ///     secret_answer: SecretAnswerHash { scheme: "argon2id$v=19$m=64,t=1,p=1".into(), salt: "c2Fs".into(), hash: "aGFzaA".into() },
    /// };
    /// let c = Credential::for_new_user("ID12345", &user, datetime!(2026-03-02 11:00 UTC));
    /// let s = Snapshot::<CredentialMachine>::new(c)?;
    /// assert_eq!(s.state(), CredentialState::PendingActivation);
    /// assert_eq!(s.next_deadline(), Some(datetime!(2026-03-02 11:00 UTC)));
    /// # Ok::<(), apart::machine::SnapshotError>(())
    /// ```
    pub fn for_new_user(
        identifier: &str,
        user: &NewUser,
        activation_expires_at: OffsetDateTime,
    ) -> Self {
        Credential {
            activation_expires_at: Some(activation_expires_at),
            secret_question: Some(user.secret_question.clone()),
            secret_answer: Some(user.secret_answer.clone()),
            ..Credential::new(identifier, &user.email, &user.nom, &user.prenom)
        }
    }
}

crate::machine::state_enum! {
    /// The states of a credential.
    pub enum CredentialState {
        /// Created; waiting for the first password through the activation link.
        PendingActivation,
        /// Usable.
        Active,
        /// Too many failures: waiting for the throttle delay to pass.
        Throttled,
        /// Locked: waiting for a password reset or the ASP.
        Locked,
        /// Disabled by the ASP.
        Disabled,
        /// Closed for good.
        Closed,
    }
}

/// The events of a credential.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
#[non_exhaustive]
pub enum CredentialEvent {
    /// The first password was set through a redeemed activation token. Sent by
    /// [`crate::recovery::complete_activation`]; not readable from JSON (the proof cannot be
    /// written by hand).
    #[serde(skip_deserializing)]
    SetInitialPassword {
        /// The activation token's redemption, for this credential.
        token: Redeemed,
    },
    /// The activation link expired (timed).
    ActivationTokenExpired,
    /// A wrong password was given.
    LoginFailed,
    /// A login is attempted (lifts an elapsed throttle).
    LoginAttempt,
    /// The throttle delay has passed (timed).
    ThrottleElapsed,
    /// The right password was given.
    LoginSucceeded,
    /// A password reset was completed through a redeemed reset token: unlocks the account.
    /// Sent by [`crate::recovery::complete_password_reset`]; not readable from JSON.
    #[serde(skip_deserializing)]
    PasswordResetCompleted {
        /// The reset token's redemption, for this credential.
        token: Redeemed,
    },
    /// The logged-in user changed their password.
    PasswordChanged,
    /// The e-mail address changes.
    ChangeEmail {
        /// The new address (refused unless the form accepts it).
        #[serde(deserialize_with = "checked_email")]
        email: String,
        /// Whether the credential is the principal of some establishment (I3 forbids it then).
        is_principal: bool,
    },
    /// The ASP unlocks the account.
    AdminUnlock,
    /// The ASP disables the credential.
    Disable {
        /// Why (required).
        reason: String,
    },
    /// The ASP enables it again.
    Enable,
    /// The ASP closes the credential.
    Close {
        /// Establishments whose only principal this credential is (I1 requires 0).
        sole_principal_of: u32,
    },
}

crate::machine::event_kinds! {
    /// The kinds of [`CredentialEvent`]: what the rows of [`CredentialMachine`]'s table name.
    ///
    /// ```
    /// use apart::machine::{EventKind, Machine};
    /// use apart::account::{CredentialEventKind, CredentialMachine};
    /// assert_eq!(CredentialEventKind::SetInitialPassword.name(), "SetInitialPassword");
    /// assert_eq!(CredentialMachine::table()[0].event, CredentialEventKind::SetInitialPassword);
    /// ```
    pub enum CredentialEventKind for CredentialEvent {
        SetInitialPassword, ActivationTokenExpired, LoginFailed, LoginAttempt, ThrottleElapsed,
        LoginSucceeded, PasswordResetCompleted, PasswordChanged, ChangeEmail, AdminUnlock, Disable,
        Enable, Close,
    }
}

/// What the caller must do after a credential transition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
#[non_exhaustive]
pub enum CredentialEffect {
    /// Tell the holder that the account is locked.
    NotifyLockout {
        /// The registered address.
        to: String,
    },
    /// The activation link expired: offer a new one (« J'ai oublié mon mot de passe »).
    AllowActivationResend,
    /// Cancel the credential's active recovery tokens (`recovery::revoke_all`).
    RevokeRecoveryTokens {
        /// The tokens' subject (the identifier).
        subject: String,
        /// Why.
        reason: RevokeReason,
    },
    /// End every other session of the credential (OWASP, after a reset).
    RevokeOtherSessions,
    /// Confirm the password change to the holder (CNIL SAN-2022-018; NIST §4.2.2).
    SendPasswordChangedNotice {
        /// The registered address.
        to: String,
    },
    /// Tell the old address that the e-mail changed.
    SendEmailChangedNotice {
        /// The old address.
        to: String,
    },
}

impl CredentialEffect {
    /// A short stable name of the effect, for logs and test vectors.
    pub fn kind(&self) -> &'static str {
        use CredentialEffect::*;
        match self {
            NotifyLockout { .. } => "NotifyLockout",
            AllowActivationResend => "AllowActivationResend",
            RevokeRecoveryTokens { .. } => "RevokeRecoveryTokens",
            RevokeOtherSessions => "RevokeOtherSessions",
            SendPasswordChangedNotice { .. } => "SendPasswordChangedNotice",
            SendEmailChangedNotice { .. } => "SendEmailChangedNotice",
        }
    }
}

crate::machine::guard_enum! {
    /// The checks of the credential machine's rows.
    ///
    /// The first row of `SetInitialPassword` (from `PendingActivation`) requires this guard:
    ///
    /// ```
    /// use apart::machine::{EventKind, Guard, Machine};
    /// use apart::account::{CredentialGuard, CredentialMachine};
    /// let row = CredentialMachine::table()
    ///     .iter()
    ///     .find(|row| row.event.name() == "SetInitialPassword")
    ///     .ok_or("no row")?;
    /// assert_eq!(row.guards[0], CredentialGuard::TokenRedeemed);
    /// let names: Vec<&str> = row.guards.iter().map(|g| g.name()).collect();
    /// assert_eq!(names, ["token_redeemed"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum CredentialGuard {
        /// The event carries a redeemed token of the right purpose for this credential.
        TokenRedeemed = "token_redeemed",
        /// This failure does not reach a delay of the attempt policy.
        BelowThrottle = "below_throttle",
        /// This failure does not reach the lock threshold.
        BelowLock = "below_lock",
        /// No delay imposed by earlier failures is running.
        ThrottleElapsed = "throttle_elapsed",
        /// The e-mail changed is not a principal user's (theirs is the establishment's identity).
        NotPrincipal = "not_principal",
        /// A disabling gives its reason.
        ReasonGiven = "reason_given",
        /// Closing leaves no establishment without a principal user.
        NoOrphan = "no_orphan",
    }
}

/// Machine B: a credential's lifecycle.
///
/// ```
/// use apart::account::{Credential, CredentialEvent, CredentialMachine, CredentialState};
/// use apart::entropy::FixedEntropy;
/// use apart::machine::{Actor, Snapshot};
/// use apart::recovery::{activation_email, complete_activation, TokenPolicy, WireToken};
/// use time::macros::datetime;
/// let now = datetime!(2026-03-02 10:00 UTC);
/// let c = Snapshot::<CredentialMachine>::new(Credential::new("ID12345", "paie@exemple.fr", "Martin", "Claire"))?;
/// // Activated through the e-mailed link only: the event needs the token's redemption.
/// let (issued, _mail) = activation_email("ID12345", "paie@exemple.fr", &TokenPolicy::default(), &[], &mut FixedEntropy::new(vec![4]), now)?;
/// let wire = WireToken::parse(issued.secret.expose())?;
/// let c = complete_activation(&wire, Some(&issued.token), &c, &TokenPolicy::default(), now).credential.ok_or("activated")?;
/// assert_eq!(c.state(), CredentialState::Active);
/// assert_eq!(c.allowed_events(Actor::Asp, now), vec!["PasswordChanged", "ChangeEmail", "Disable", "Close"]);
/// let step = c.apply(CredentialEvent::LoginFailed, Actor::Visitor, now)?;
/// assert_eq!(step.snapshot.context().attempts.failures, 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct CredentialMachine;

/// A stored credential.
pub type CredentialSnapshot = Snapshot<CredentialMachine>;

const ASP: &[Actor] = &[Actor::Asp];
const SYSTEM: &[Actor] = &[Actor::System];
const USER: &[Actor] = &[Actor::Visitor];
const HOLDER: &[Actor] = &[
    Actor::Principal,
    Actor::Member,
    Actor::Accountant,
    Actor::Asp,
];

impl Machine for CredentialMachine {
    const ID: &'static str = "apart.credential";
    const SCHEMA_VERSION: u32 = 1;
    type State = CredentialState;
    type Event = CredentialEvent;
    type Guard = CredentialGuard;
    type Context = Credential;
    type Effect = CredentialEffect;

    fn initial() -> CredentialState {
        CredentialState::PendingActivation
    }

    /// The identity is what the forms accept (spec §4.6, §4.7), whatever built the record.
    fn check(_state: CredentialState, c: &Credential) -> Result<(), &'static str> {
        identity_problem(c).map_or(Ok(()), Err)
    }

    fn table() -> &'static [Transition<Self>] {
        use CredentialEventKind as E;
        use CredentialState::*;
        const T: &[Transition<CredentialMachine>] = &[
            Transition::new(PendingActivation, E::SetInitialPassword, Active)
                .guards(&[CredentialGuard::TokenRedeemed])
                .actors(USER),
            Transition::new(
                PendingActivation,
                E::ActivationTokenExpired,
                PendingActivation,
            )
            .actors(SYSTEM),
            Transition::new(PendingActivation, E::LoginFailed, PendingActivation).actors(USER),
            // An expired activation link is replaced by « J'ai oublié mon mot de passe » (§1.4).
            Transition::new(PendingActivation, E::PasswordResetCompleted, Active)
                .guards(&[CredentialGuard::TokenRedeemed])
                .actors(USER),
            Transition::new(Active, E::LoginFailed, Active)
                .guards(&[CredentialGuard::BelowThrottle])
                .actors(USER),
            Transition::new(Active, E::LoginFailed, Throttled)
                .guards(&[CredentialGuard::BelowLock])
                .actors(USER),
            Transition::new(Active, E::LoginFailed, Locked).actors(USER),
            Transition::new(Active, E::LoginSucceeded, Active).actors(USER),
            Transition::new(Active, E::PasswordResetCompleted, Active)
                .guards(&[CredentialGuard::TokenRedeemed])
                .actors(USER),
            Transition::new(Active, E::PasswordChanged, Active).actors(HOLDER),
            Transition::new(Active, E::ChangeEmail, Active)
                .guards(&[CredentialGuard::NotPrincipal])
                .actors(HOLDER),
            Transition::new(Throttled, E::LoginAttempt, Active)
                .guards(&[CredentialGuard::ThrottleElapsed])
                .actors(USER),
            Transition::new(Throttled, E::ThrottleElapsed, Active)
                .guards(&[CredentialGuard::ThrottleElapsed])
                .actors(SYSTEM),
            Transition::new(Throttled, E::LoginFailed, Throttled)
                .guards(&[CredentialGuard::ThrottleElapsed, CredentialGuard::BelowLock])
                .actors(USER),
            Transition::new(Throttled, E::LoginFailed, Locked)
                .guards(&[CredentialGuard::ThrottleElapsed])
                .actors(USER),
            Transition::new(Throttled, E::LoginSucceeded, Active)
                .guards(&[CredentialGuard::ThrottleElapsed])
                .actors(USER),
            Transition::new(Throttled, E::PasswordResetCompleted, Active)
                .guards(&[CredentialGuard::TokenRedeemed])
                .actors(USER),
            Transition::new(Locked, E::LoginFailed, Locked).actors(USER),
            Transition::new(Locked, E::PasswordResetCompleted, Active)
                .guards(&[CredentialGuard::TokenRedeemed])
                .actors(USER),
            Transition::new(Locked, E::AdminUnlock, Active).actors(ASP),
            Transition::new(Disabled, E::LoginFailed, Disabled).actors(USER),
            Transition::new(Disabled, E::Enable, Active).actors(ASP),
            Transition::new(PendingActivation, E::Disable, Disabled)
                .guards(&[CredentialGuard::ReasonGiven])
                .actors(ASP),
            Transition::new(Active, E::Disable, Disabled)
                .guards(&[CredentialGuard::ReasonGiven])
                .actors(ASP),
            Transition::new(Throttled, E::Disable, Disabled)
                .guards(&[CredentialGuard::ReasonGiven])
                .actors(ASP),
            Transition::new(Locked, E::Disable, Disabled)
                .guards(&[CredentialGuard::ReasonGiven])
                .actors(ASP),
            Transition::new(PendingActivation, E::Close, Closed)
                .guards(&[CredentialGuard::NoOrphan])
                .actors(ASP),
            Transition::new(Active, E::Close, Closed)
                .guards(&[CredentialGuard::NoOrphan])
                .actors(ASP),
            Transition::new(Throttled, E::Close, Closed)
                .guards(&[CredentialGuard::NoOrphan])
                .actors(ASP),
            Transition::new(Locked, E::Close, Closed)
                .guards(&[CredentialGuard::NoOrphan])
                .actors(ASP),
            Transition::new(Disabled, E::Close, Closed)
                .guards(&[CredentialGuard::NoOrphan])
                .actors(ASP),
        ];
        T
    }

    fn guard(
        guard: CredentialGuard,
        snap: &Snapshot<Self>,
        event: Option<&CredentialEvent>,
        now: OffsetDateTime,
    ) -> Result<(), Refusal> {
        use CredentialEvent::*;
        let c = snap.context();
        let next_failures = c.attempts.failures.saturating_add(1);
        let refuse = |e: AccountError| Err(e.refusal());
        match (guard, event) {
            (CredentialGuard::TokenRedeemed, Some(SetInitialPassword { token })) => {
                proves(token, Purpose::Activation, c, now)
            }
            (CredentialGuard::TokenRedeemed, Some(PasswordResetCompleted { token })) => {
                proves(token, Purpose::PasswordReset, c, now)
            }
            (CredentialGuard::BelowThrottle, _)
                if c.policy.delay_after(next_failures) > Duration::ZERO =>
            {
                refuse(AccountError::ThrottleReached)
            }
            (CredentialGuard::BelowLock, _) if c.policy.locks_at(next_failures) => {
                refuse(AccountError::AccountLocked)
            }
            (CredentialGuard::ThrottleElapsed, _) => c.attempts.check(now).map_err(|e| e.refusal()),
            (
                CredentialGuard::NotPrincipal,
                Some(ChangeEmail {
                    is_principal: true, ..
                }),
            ) => refuse(AccountError::PrincipalIdentityImmutable),
            (CredentialGuard::ReasonGiven, Some(Disable { reason }))
                if reason.trim().is_empty() =>
            {
                refuse(AccountError::ReasonRequired)
            }
            (CredentialGuard::NoOrphan, Some(Close { sole_principal_of }))
                if *sole_principal_of > 0 =>
            {
                refuse(AccountError::EstablishmentWouldBeOrphaned {
                    establishments: *sole_principal_of,
                })
            }
            _ => Ok(()),
        }
    }

    fn act(
        row: &Transition<Self>,
        c: &mut Credential,
        event: &CredentialEvent,
        now: OffsetDateTime,
    ) -> Result<Vec<CredentialEffect>, Refusal> {
        use CredentialEffect as E;
        use CredentialEvent::*;
        let revoke = |c: &Credential, reason| E::RevokeRecoveryTokens {
            subject: c.identifier.clone(),
            reason,
        };
        let effects = match event {
            SetInitialPassword { .. } => {
                c.activation_expires_at = None;
                c.attempts.reset();
                vec![]
            }
            PasswordResetCompleted { .. } if row.from == CredentialState::PendingActivation => {
                c.activation_expires_at = None;
                c.attempts.reset();
                vec![
                    revoke(c, RevokeReason::PasswordChanged),
                    E::SendPasswordChangedNotice {
                        to: c.email.clone(),
                    },
                ]
            }
            ActivationTokenExpired => {
                c.activation_expires_at = None;
                vec![E::AllowActivationResend]
            }
            LoginFailed => {
                c.attempts.record_failure(&c.policy, now);
                if row.to == CredentialState::Locked && row.from != CredentialState::Locked {
                    vec![E::NotifyLockout {
                        to: c.email.clone(),
                    }]
                } else {
                    vec![]
                }
            }
            LoginAttempt | ThrottleElapsed => vec![],
            LoginSucceeded => {
                c.attempts.reset();
                vec![]
            }
            PasswordResetCompleted { .. } => {
                c.attempts.reset();
                vec![
                    revoke(c, RevokeReason::PasswordChanged),
                    E::RevokeOtherSessions,
                    E::SendPasswordChangedNotice {
                        to: c.email.clone(),
                    },
                ]
            }
            PasswordChanged => vec![
                revoke(c, RevokeReason::PasswordChanged),
                E::RevokeOtherSessions,
                E::SendPasswordChangedNotice {
                    to: c.email.clone(),
                },
            ],
            ChangeEmail { email, .. } => {
                // The record keeps only addresses the form accepts (checked again on restore).
                Email::parse(email).map_err(|e| Refusal::from_diagnostic(&e))?;
                let old = std::mem::replace(&mut c.email, email.clone());
                vec![
                    revoke(c, RevokeReason::EmailChanged),
                    E::SendEmailChangedNotice { to: old },
                ]
            }
            AdminUnlock => {
                c.attempts.reset();
                vec![]
            }
            Disable { reason } => {
                c.disabled_reason = Some(reason.clone());
                vec![revoke(c, RevokeReason::AccountDisabled)]
            }
            Enable => {
                c.disabled_reason = None;
                c.attempts.reset();
                vec![]
            }
            Close { .. } => vec![revoke(c, RevokeReason::AccountDisabled)],
        };
        Ok(effects)
    }

    fn timer(snap: &Snapshot<Self>) -> Option<(OffsetDateTime, CredentialEvent)> {
        let c = snap.context();
        match snap.state() {
            CredentialState::Throttled => c
                .attempts
                .blocked_until
                .map(|at| (at, CredentialEvent::ThrottleElapsed)),
            CredentialState::PendingActivation => c
                .activation_expires_at
                .map(|at| (at, CredentialEvent::ActivationTokenExpired)),
            _ => None,
        }
    }
}

/// Whether `token` proves a redemption for `purpose` by the credential `c`, still valid at `now`.
fn proves(
    token: &Redeemed,
    purpose: Purpose,
    c: &Credential,
    now: OffsetDateTime,
) -> Result<(), Refusal> {
    if token.purpose() == purpose
        && same_identifier(token.subject(), &c.identifier)
        && now < token.expires_at()
    {
        Ok(())
    } else {
        Err(AccountError::TokenInvalid.refusal())
    }
}

/// Whom a login names: a credential the caller found, or nothing. In both cases the caller
/// also gives its [`AttemptCounter`] for the identifier (stored under its canonical form,
/// [`canonical_identifier`]): an unknown identifier, and a closed credential, are throttled by
/// it, alike.
#[derive(Debug, Clone, Copy)]
pub enum LoginTarget<'a> {
    /// A credential has this identifier.
    Known {
        /// The credential.
        credential: &'a CredentialSnapshot,
        /// The caller's counter for the identifier: used only when the credential is closed,
        /// which then answers exactly like an unknown identifier.
        counter: &'a AttemptCounter,
    },
    /// No credential has it: the caller's [`AttemptCounter`] for the identifier string, and
    /// the policy the credentials use (so that both throttle alike).
    Unknown(&'a AttemptCounter, &'a LoginThrottlePolicy),
}

/// What to store after a login attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum LoginUpdate {
    /// Nothing changed.
    Unchanged,
    /// Store this credential (boxed: a snapshot is much larger than a counter).
    Credential(Box<CredentialSnapshot>),
    /// Store this counter under the identifier.
    Counter(AttemptCounter),
}

/// The answer of [`authenticate`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, eq, module = "apart.account")
)]
#[must_use = "store `update` and carry out `effects`"]
pub struct LoginOutcome {
    /// The establishments (SIRET) the credential may act for in the application, or the error
    /// to show.
    pub result: Result<Vec<Siret>, AccountError>,
    /// What to store.
    pub update: LoginUpdate,
    /// What to do.
    pub effects: Vec<CredentialEffect>,
}

/// One login attempt, in the order of spec §1.7:
///
/// 1. the throttle of the identifier (known or not): `LOGIN_THROTTLED`, **without checking the
///    password** (`verify_password` is not called);
/// 2. `verify_password` is called in both cases (for an unknown identifier the caller passes a
///    dummy check of the same cost; its answer is ignored). A failure gives
///    `INVALID_CREDENTIALS` whatever the reason, and counts;
/// 3. only after a right password: `ACCOUNT_LOCKED`, `ACCOUNT_DISABLED`, `ACCOUNT_NOT_ACTIVATED`,
///    then `NO_HABILITATION_FOR_APPLICATION` when the credential has no active, effective
///    habilitation for `application` among `habilitations`.
///
/// The identifier's shape (`IDENTIFIER_LOOKS_LIKE_EMAIL`) is checked before, by the form rules
/// ([`LoginIdentifier`](crate::forms::LoginIdentifier)); look the credential up by its
/// canonical form ([`canonical_identifier`]). A closed credential answers exactly like an
/// unknown identifier, whatever the password: throttled by the caller's counter, always
/// `INVALID_CREDENTIALS`, and a [`LoginUpdate::Counter`] to store under the identifier.
///
/// ```
/// use apart::account::{authenticate, AttemptCounter, Application, LoginTarget, LoginThrottlePolicy, LoginUpdate};
/// use apart::Diagnostic;
/// use time::macros::datetime;
/// let now = datetime!(2026-03-02 10:00 UTC);
/// let (counter, policy) = (AttemptCounter::default(), LoginThrottlePolicy::default());
/// let out = authenticate(LoginTarget::Unknown(&counter, &policy), || false, &[], Application::Apart, now);
/// assert_eq!(out.result.unwrap_err().code(), "INVALID_CREDENTIALS");
/// assert!(matches!(out.update, LoginUpdate::Counter(c) if c.failures == 1));
/// ```
pub fn authenticate(
    target: LoginTarget<'_>,
    verify_password: impl FnOnce() -> bool,
    habilitations: &[HabilitationSnapshot],
    application: Application,
    now: OffsetDateTime,
) -> LoginOutcome {
    let fail = |error, update, effects| LoginOutcome {
        result: Err(error),
        update,
        effects,
    };
    if let Err(e) = AccountError::check_now(now) {
        return fail(e, LoginUpdate::Unchanged, vec![]);
    }
    // An unknown identifier and a closed credential: the caller's counter, the same answer.
    let (snap, counter) = match target {
        LoginTarget::Known {
            credential,
            counter,
        } if credential.state() == CredentialState::Closed => {
            (None, (*counter, credential.context().policy))
        }
        LoginTarget::Known { credential, .. } => (
            Some(credential),
            (credential.context().attempts, credential.context().policy),
        ),
        LoginTarget::Unknown(counter, policy) => (None, (*counter, *policy)),
    };
    let (counter, policy) = counter;
    if let Err(e) = counter.check(now) {
        return fail(e, LoginUpdate::Unchanged, vec![]);
    }
    let password_ok = verify_password();
    let Some(snap) = snap else {
        let mut counter = counter;
        counter.record_failure(&policy, now);
        return fail(
            AccountError::InvalidCredentials,
            LoginUpdate::Counter(counter),
            vec![],
        );
    };
    // Lift an elapsed throttle first, as the caller's scheduler would have.
    let (snap, mut effects) = match snap.tick(now) {
        Ok(step) => (step.snapshot, step.effects),
        Err(_) => (snap.clone(), vec![]),
    };
    if !password_ok {
        return match snap.apply(CredentialEvent::LoginFailed, Actor::Visitor, now) {
            Ok(step) => {
                effects.extend(step.effects);
                fail(
                    AccountError::InvalidCredentials,
                    LoginUpdate::Credential(Box::new(step.snapshot)),
                    effects,
                )
            }
            // Cannot happen (every open state counts a failure); reported, never hidden.
            Err(_) => fail(
                AccountError::InvalidCredentials,
                LoginUpdate::Unchanged,
                effects,
            ),
        };
    }
    let refused = match snap.state() {
        CredentialState::Locked => Some(AccountError::AccountLocked),
        CredentialState::Disabled => Some(AccountError::AccountDisabled),
        CredentialState::PendingActivation => Some(AccountError::AccountNotActivated),
        // Handled above, as an unknown identifier.
        CredentialState::Closed => Some(AccountError::InvalidCredentials),
        CredentialState::Active | CredentialState::Throttled => None,
    };
    if let Some(error) = refused {
        return fail(error, LoginUpdate::Credential(Box::new(snap)), effects);
    }
    let snap = match snap.apply(CredentialEvent::LoginSucceeded, Actor::Visitor, now) {
        Ok(step) => {
            effects.extend(step.effects);
            step.snapshot
        }
        Err(e) => {
            // Still throttled: cannot happen after the check above, reported rather than hidden.
            let error = match e.refusal().map(|r| r.code()) {
                Some("LOGIN_THROTTLED") => counter
                    .check(now)
                    .err()
                    .unwrap_or(AccountError::InvalidCredentials),
                _ => AccountError::InvalidCredentials,
            };
            return fail(error, LoginUpdate::Unchanged, effects);
        }
    };
    let establishments =
        authorised_establishments(habilitations, &snap.context().identifier, application, now);
    let result = if establishments.is_empty() {
        Err(AccountError::NoHabilitationForApplication {
            application: application.as_str().to_owned(),
        })
    } else {
        Ok(establishments)
    };
    LoginOutcome {
        result,
        update: LoginUpdate::Credential(Box::new(snap)),
        effects,
    }
}
