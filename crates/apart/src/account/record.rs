//! Login and the secret-answer check as a front end calls them: one plain record in (who is
//! logging in, the credential's snapshot as a [`Json`] document), one plain record out (what to
//! store and do, the error as its [`DiagnosticRecord`]), so that no binding restates them.
//!
//! ```
//! use apart::account::{record, Application};
//! let target: record::LoginTarget = apart::value::from_json(r#"{"counter": {"failures": 2}}"#)?;
//! let out = record::authenticate(&target, || false, &[], Application::Apart,
//!     time::macros::datetime!(2026-03-02 10:00 UTC))?;
//! assert_eq!(out.error.map(|e| e.code), Some("INVALID_CREDENTIALS".to_owned()));
//! assert_eq!(out.counter.map(|c| c.failures), Some(3));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{
    AccountError, Application, AttemptCounter, CredentialMachine, HabilitationMachine,
    HabilitationSnapshot, LoginThrottlePolicy, LoginUpdate,
};
use crate::diagnostic::DiagnosticRecord;
use crate::machine::{JsonStep, Snapshot, SnapshotError, Step};
use crate::value::Json;

/// Who is logging in: a known credential (its snapshot), or an unknown identifier with its
/// attempt counter and throttle policy.
///
/// ```
/// let t: apart::account::record::LoginTarget = apart::value::from_json("{}")?;
/// assert!(t.credential.is_none() && t.counter.is_none());
/// # Ok::<(), apart::value::ValueError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LoginTarget {
    /// The credential's snapshot (`apart.credential`), when the identifier is known.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable, type = "Record<string, unknown>"))]
    pub credential: Option<Json>,
    /// The identifier's counter (absent: a fresh one): throttles an unknown identifier, and a
    /// closed credential exactly alike.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub counter: Option<AttemptCounter>,
    /// For an unknown identifier: the throttle policy (absent: the default).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub policy: Option<LoginThrottlePolicy>,
}

/// What a login gave ([`super::LoginOutcome`] as plain data).
///
/// ```
/// use apart::account::{record, Application};
/// let out = record::authenticate(&record::LoginTarget::default(), || true, &[], Application::Apart,
///     time::macros::datetime!(2026-03-02 10:00 UTC))?;
/// assert!(out.establishments.is_none() && out.credential.is_none());
/// # Ok::<(), apart::machine::SnapshotError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LoginOutcome {
    /// The SIRETs the user may open in the application, when the login succeeded (absent
    /// otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub establishments: Option<Vec<String>>,
    /// Why it was refused (not thrown: `credential` or `counter` may still have to be stored).
    pub error: Option<DiagnosticRecord>,
    /// The credential's new snapshot, to store when not `null`.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown> | null"))]
    pub credential: Option<Json>,
    /// The unknown identifier's new counter, to store when not `null`.
    pub counter: Option<AttemptCounter>,
    /// The effects to carry out (notices), in the core's JSON form.
    #[cfg_attr(feature = "ts", ts(type = "Array<Record<string, unknown>>"))]
    pub effects: Json,
}

impl From<super::LoginOutcome> for LoginOutcome {
    fn from(o: super::LoginOutcome) -> Self {
        let (credential, counter) = match &o.update {
            LoginUpdate::Credential(c) => (Some(Json::from(&**c)), None),
            LoginUpdate::Counter(c) => (None, Some(*c)),
            LoginUpdate::Unchanged => (None, None),
        };
        let (establishments, error) = match o.result {
            Ok(sirets) => (
                Some(sirets.iter().map(|s| s.as_str().to_owned()).collect()),
                None,
            ),
            Err(e) => (None, Some(DiagnosticRecord::of(&e))),
        };
        LoginOutcome {
            establishments,
            error,
            credential,
            counter,
            effects: Json::of(&o.effects),
        }
    }
}

/// [`super::authenticate`] for `target` as a front end gives it: its credential read first,
/// its counter and policy the defaults when absent.
///
/// # Errors
///
/// The credential's `SNAPSHOT_*` error (before anything else is done).
///
/// ```
/// use apart::account::{record, Application};
/// use apart::value::Json;
/// let target = record::LoginTarget { credential: Some(Json::of(&1)), ..Default::default() };
/// let err = record::authenticate(&target, || true, &[], Application::Apart,
///     time::macros::datetime!(2026-03-02 10:00 UTC)).unwrap_err();
/// assert_eq!(apart::Diagnostic::code(&err), "SNAPSHOT_MALFORMED");
/// ```
pub fn authenticate(
    target: &LoginTarget,
    verify_password: impl FnOnce() -> bool,
    habilitations: &[HabilitationSnapshot],
    application: Application,
    now: OffsetDateTime,
) -> Result<LoginOutcome, SnapshotError> {
    let credential = target
        .credential
        .as_ref()
        .map(|c| Snapshot::<CredentialMachine>::from_json(c.text()))
        .transpose()?;
    let counter = target.counter.unwrap_or_default();
    let policy = target.policy.unwrap_or_default();
    let target = match &credential {
        Some(credential) => super::LoginTarget::Known {
            credential,
            counter: &counter,
        },
        None => super::LoginTarget::Unknown(&counter, &policy),
    };
    Ok(super::authenticate(target, verify_password, habilitations, application, now).into())
}

/// What checking a secret answer gave: the error, if any, and the attempt counter to store.
///
/// ```
/// use apart::account::{record::SecretAnswerCheck, AttemptCounter};
/// let check = SecretAnswerCheck::of(Ok(()), AttemptCounter::default());
/// assert!(check.error.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SecretAnswerCheck {
    /// Why it was refused (wrong answer, throttled), or `null` when right.
    pub error: Option<DiagnosticRecord>,
    /// The attempt counter to store.
    pub counter: AttemptCounter,
}

impl SecretAnswerCheck {
    /// The record of what [`super::check_secret_answer`] returns.
    ///
    /// ```
    /// use apart::account::{record::SecretAnswerCheck, AccountError, AttemptCounter};
    /// let check = SecretAnswerCheck::of(Err(AccountError::SecretAnswerInvalid), AttemptCounter::default());
    /// assert_eq!(check.error.map(|e| e.code), Some("SECRET_ANSWER_INVALID".to_owned()));
    /// ```
    pub fn of(result: Result<(), AccountError>, counter: AttemptCounter) -> SecretAnswerCheck {
        SecretAnswerCheck {
            error: result.err().map(|e| DiagnosticRecord::of(&e)),
            counter,
        }
    }
}

/// The new records of both habilitations after a principal transfer
/// ([`super::transfer_principal`]): each `{ snapshot, effects }`.
///
/// ```
/// use apart::account::record::PrincipalTransfer;
/// use apart::machine::JsonStep;
/// let step = || JsonStep { snapshot: "{}".into(), effects: "[]".into() };
/// let moved = PrincipalTransfer { from: step(), to: step() };
/// assert_eq!(serde_json::to_value(&moved)?["to"]["effects"], serde_json::json!([]));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PrincipalTransfer {
    /// The former principal's habilitation.
    #[cfg_attr(
        feature = "ts",
        ts(
            type = "{ snapshot: Record<string, unknown>, effects: Array<Record<string, unknown>> }"
        )
    )]
    pub from: JsonStep,
    /// The new principal's habilitation.
    #[cfg_attr(
        feature = "ts",
        ts(
            type = "{ snapshot: Record<string, unknown>, effects: Array<Record<string, unknown>> }"
        )
    )]
    pub to: JsonStep,
}

impl From<(Step<HabilitationMachine>, Step<HabilitationMachine>)> for PrincipalTransfer {
    fn from((from, to): (Step<HabilitationMachine>, Step<HabilitationMachine>)) -> Self {
        PrincipalTransfer {
            from: from.into(),
            to: to.into(),
        }
    }
}
