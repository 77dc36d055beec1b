//! Completing what an e-mailed link started: « J'ai oublié mon mot de passe » (the token, then
//! the secret answer when the credential has one, never the answer alone, spec §2.2, then the
//! credential's `PasswordResetCompleted`, which unlocks it and asks for the notices), and the
//! activation of a new credential (the token, then `SetInitialPassword`).
//!
//! These are the only ways to send those two credential events: they carry the
//! [`Redeemed`](crate::account::Redeemed) proof that only [`redeem`] makes, never a boolean a
//! caller (or a forged event) could set.

use time::OffsetDateTime;

use super::{Purpose, TokenPolicy, TokenSnapshot, WireToken, redeem};
use crate::account::{
    AccountError, AttemptCounter, CredentialEffect, CredentialEvent, CredentialSnapshot,
    CredentialState, SecretHasher, check_secret_answer, same_identifier,
};
use crate::machine::Actor;

/// What [`complete_password_reset`] and [`complete_activation`] give back: the result and every
/// record to store.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, eq, module = "apart.recovery")
)]
#[must_use = "store the records that are `Some` and carry out `effects`"]
pub struct ResetCompletion {
    /// `Ok` when the new password may be set.
    pub result: Result<(), AccountError>,
    /// The token record, when it changed (consumed, or one more failure).
    pub token: Option<TokenSnapshot>,
    /// The credential, when it changed (active again, counter reset).
    pub credential: Option<CredentialSnapshot>,
    /// The secret-answer counter to store under the identifier, when it changed.
    pub secret_attempts: Option<AttemptCounter>,
    /// What to do: revoke the other tokens and sessions, send the « mot de passe modifié »
    /// notice.
    pub effects: Vec<CredentialEffect>,
}

/// Completes a password reset.
///
/// In order: the token (every check of [`redeem`], for [`Purpose::PasswordReset`], and it must
/// be the credential's), then the secret answer if the credential has one (`answer` as typed; its
/// own throttle, `secret_attempts` being the caller's counter for the identifier), then
/// `PasswordResetCompleted` on the credential. The token is consumed only when everything passed:
/// a wrong answer leaves it usable until it expires.
///
/// Do not log the user in afterwards (OWASP): send them to the login page.
///
/// ```
/// use apart::account::{Argon2idHasher, AttemptCounter, Credential, CredentialMachine, CredentialState, SecretHasher};
/// use apart::entropy::FixedEntropy;
/// use apart::machine::Snapshot;
/// use apart::recovery::{complete_password_reset, issue, Purpose, TokenPolicy, WireToken};
/// use time::macros::datetime;
///
/// let now = datetime!(2026-03-02 10:00 UTC);
/// let hasher = Argon2idHasher::with_params(64, 1, 1)?; // small costs for the example
/// let mut credential = Credential::new("ID12345", "paie@exemple.fr", "Martin", "Claire");
/// credential.secret_answer = Some(hasher.hash("medor", &mut FixedEntropy::new(vec![8]))?);
/// let credential = Snapshot::<CredentialMachine>::new(credential)?;
/// let t = issue("ID12345", Purpose::PasswordReset, &TokenPolicy::default(), &[], &mut FixedEntropy::new(vec![1]), now)?;
/// let wire = WireToken::parse(t.secret.expose())?;
/// let done = complete_password_reset(&wire, Some(&t.token), &credential, Some("  Médor"), &hasher,
///     &AttemptCounter::default(), &TokenPolicy::default(), now);
/// done.result?;
/// assert_eq!(done.credential.unwrap().state(), CredentialState::Active);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[allow(clippy::too_many_arguments)] // each is a separate fact of the caller's store
pub fn complete_password_reset(
    wire: &WireToken,
    token: Option<&TokenSnapshot>,
    credential: &CredentialSnapshot,
    answer: Option<&str>,
    hasher: &dyn SecretHasher,
    secret_attempts: &AttemptCounter,
    policy: &TokenPolicy,
    now: OffsetDateTime,
) -> ResetCompletion {
    let fail = |error, token, secret_attempts| ResetCompletion {
        result: Err(error),
        token,
        credential: None,
        secret_attempts,
        effects: Vec::new(),
    };
    let redemption = redeem(wire, Purpose::PasswordReset, token, policy, now);
    let redeemed = match redemption.result {
        Ok(r) => r,
        Err(e) => return fail(e, redemption.token, None),
    };
    let c = credential.context();
    if !same_identifier(redeemed.subject(), &c.identifier) {
        return fail(AccountError::TokenInvalid, None, None);
    }
    let mut attempts = None;
    if let Some(stored) = &c.secret_answer {
        let typed = crate::forms::normalize_secret_answer(answer.unwrap_or(""));
        let (checked, counter) = check_secret_answer(hasher, &typed, stored, secret_attempts, now);
        if let Err(e) = checked {
            let changed = (counter != *secret_attempts).then_some(counter);
            return fail(e, None, changed);
        }
        attempts = (counter != *secret_attempts).then_some(counter);
    }
    // A disabled or closed credential refuses: the token stays unused.
    finish(
        credential,
        CredentialEvent::PasswordResetCompleted { token: redeemed },
        redemption.token,
        attempts,
        refused(credential),
        now,
    )
}

/// Sends `event` (carrying the redemption) to `credential`: everything to store, or `refusal`
/// with nothing changed but the secret-answer counter (the token stays unused).
fn finish(
    credential: &CredentialSnapshot,
    event: CredentialEvent,
    token: Option<TokenSnapshot>,
    secret_attempts: Option<AttemptCounter>,
    refusal: AccountError,
    now: OffsetDateTime,
) -> ResetCompletion {
    match credential.apply(event, Actor::Visitor, now) {
        Ok(step) => ResetCompletion {
            result: Ok(()),
            token,
            credential: Some(step.snapshot),
            secret_attempts,
            effects: step.effects,
        },
        Err(_) => ResetCompletion {
            result: Err(refusal),
            token: None,
            credential: None,
            secret_attempts,
            effects: Vec::new(),
        },
    }
}

/// Why a credential refused a completion: disabled, or anything else (closed) as an unknown one.
fn refused(credential: &CredentialSnapshot) -> AccountError {
    if credential.state() == CredentialState::Disabled {
        AccountError::AccountDisabled
    } else {
        AccountError::InvalidCredentials
    }
}

/// Completes the activation of a new credential (spec §10 Q1): the e-mailed token (every check
/// of [`redeem`], for [`Purpose::Activation`], and it must be the credential's), then
/// `SetInitialPassword` on the credential. The token is consumed only when both passed.
///
/// Set the password the user chose once the result is `Ok`, then send them to the login page.
///
/// ```
/// use apart::account::{Credential, CredentialMachine, CredentialState};
/// use apart::entropy::FixedEntropy;
/// use apart::machine::Snapshot;
/// use apart::recovery::{activation_email, complete_activation, TokenPolicy, WireToken};
/// use time::{Duration, macros::datetime};
///
/// let now = datetime!(2026-03-02 10:00 UTC);
/// let credential = Snapshot::<CredentialMachine>::new(Credential::new("ID12345", "paie@exemple.fr", "Martin", "Claire"))?;
/// let (issued, mail) = activation_email("ID12345", "paie@exemple.fr", &TokenPolicy::default(), &[],
///     &mut FixedEntropy::new(vec![3]), now)?;
/// let wire = WireToken::parse(issued.secret.expose())?;
/// let done = complete_activation(&wire, Some(&issued.token), &credential, &TokenPolicy::default(),
///     now + Duration::minutes(20));
/// done.result?;
/// assert_eq!(done.credential.unwrap().state(), CredentialState::Active);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn complete_activation(
    wire: &WireToken,
    token: Option<&TokenSnapshot>,
    credential: &CredentialSnapshot,
    policy: &TokenPolicy,
    now: OffsetDateTime,
) -> ResetCompletion {
    let fail = |error, token| ResetCompletion {
        result: Err(error),
        token,
        credential: None,
        secret_attempts: None,
        effects: Vec::new(),
    };
    let redemption = redeem(wire, Purpose::Activation, token, policy, now);
    let redeemed = match redemption.result {
        Ok(r) => r,
        Err(e) => return fail(e, redemption.token),
    };
    if !same_identifier(redeemed.subject(), &credential.context().identifier) {
        return fail(AccountError::TokenInvalid, None);
    }
    // Already active (the link was used), disabled or closed: the token stays unused.
    let refusal = match credential.state() {
        CredentialState::PendingActivation => AccountError::TokenInvalid,
        _ => refused(credential),
    };
    finish(
        credential,
        CredentialEvent::SetInitialPassword { token: redeemed },
        redemption.token,
        None,
        refusal,
        now,
    )
}
