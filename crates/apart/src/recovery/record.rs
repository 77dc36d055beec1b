//! The recovery functions as a front end calls them: one plain record in (the account with its
//! stored tokens as [`Json`] documents), one plain record out (what to show, send and store,
//! snapshots as [`Json`], an error as its [`DiagnosticRecord`]). Node and the browser read and
//! write them with serde (snake_case keys, declared in `records.d.ts`), Kotlin and Swift
//! through uniffi (snapshots and effects as JSON text), so that no binding restates them or
//! repeats the reading of the tokens.
//!
//! ```
//! use apart::entropy::FixedEntropy;
//! use apart::recovery::record::{request_password_reset, ResetAccount};
//! use apart::recovery::{ResetRequestPolicy, TokenPolicy};
//! use time::macros::datetime;
//!
//! let account: ResetAccount = apart::value::from_json(
//!     r#"{"identifier": "ID12345", "email": "paie@exemple.fr", "recent_requests": [], "tokens": []}"#)?;
//! let out = request_password_reset(Some(&account), &ResetRequestPolicy::default(), &TokenPolicy::default(),
//!     &mut FixedEntropy::new(vec![7]), datetime!(2026-03-02 10:00 UTC))?;
//! assert!(out.record_request && out.issued.is_some());
//! let out = apart::recovery::record::RequestOutcome::from(out); // as plain data
//! assert_eq!(serde_json::to_value(&out)?["effects"][0]["type"], "send_email");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{PublicOutcome, Purpose, ResetRequestPolicy, TokenMachine, TokenPolicy};
use crate::account::{AccountError, AttemptCounter};
use crate::diagnostic::{Detail, Diagnostic, DiagnosticRecord, Family, Lang, french_display};
use crate::entropy::EntropySource;
use crate::machine::{Snapshot, SnapshotError};
use crate::value::Json;

/// The policies of the recovery functions, as the JavaScript packages take them (`options`):
/// each the core's default when absent.
///
/// ```
/// let o: apart::recovery::record::RecoveryOptions = apart::value::from_json(r#"{"limits": null}"#)?;
/// assert_eq!(o.limits.unwrap_or_default(), apart::recovery::ResetRequestPolicy::default());
/// # Ok::<(), apart::value::ValueError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecoveryOptions {
    /// The request limits (the core's `ResetRequestPolicy`).
    #[cfg_attr(feature = "ts", ts(optional))]
    pub limits: Option<ResetRequestPolicy>,
    /// The token policy (the core's `TokenPolicy`).
    #[cfg_attr(feature = "ts", ts(optional))]
    pub policy: Option<TokenPolicy>,
}

impl RecoveryOptions {
    /// The request limits and the token policy, the defaults filled in.
    ///
    /// ```
    /// let (limits, policy) = apart::recovery::record::RecoveryOptions::default().policies();
    /// assert_eq!(policy, apart::recovery::TokenPolicy::default());
    /// # let _ = limits;
    /// ```
    #[must_use]
    pub fn policies(&self) -> (ResetRequestPolicy, TokenPolicy) {
        (
            self.limits.unwrap_or_default(),
            self.policy.unwrap_or_default(),
        )
    }
}

/// The account a password reset is asked for, as the caller found it: the owned form of
/// [`super::ResetAccount`], its tokens as stored.
///
/// ```
/// let a: apart::recovery::record::ResetAccount = apart::value::from_json(
///     r#"{"identifier": "ID1", "email": "a@b.fr", "recent_requests": ["2026-03-02T10:00:00Z"], "tokens": []}"#)?;
/// assert_eq!(a.recent_requests.len(), 1);
/// # Ok::<(), apart::value::ValueError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ResetAccount {
    /// The credential's login identifier.
    pub identifier: String,
    /// The credential's e-mail address.
    pub email: String,
    /// When this account asked before (RFC 3339), for the rate limit.
    #[serde(with = "crate::calendar::serde::instants")]
    #[cfg_attr(feature = "ts", ts(as = "Vec<String>"))]
    pub recent_requests: Vec<OffsetDateTime>,
    /// Its stored recovery tokens (snapshots of `apart.recovery_token`).
    #[cfg_attr(feature = "ts", ts(type = "Array<Record<string, unknown>>"))]
    pub tokens: Vec<Json>,
}

/// The address an identifier reminder is asked for: the owned form of
/// [`super::ReminderAccount`].
///
/// ```
/// let a: apart::recovery::record::ReminderAccount = apart::value::from_json(
///     r#"{"email": "a@b.fr", "identifiers": ["ID1"], "recent_requests": []}"#)?;
/// assert_eq!(a.identifiers, ["ID1"]);
/// # Ok::<(), apart::value::ValueError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReminderAccount {
    /// The address asked for.
    pub email: String,
    /// The identifiers of the credentials with that address.
    pub identifiers: Vec<String>,
    /// When this address asked before (RFC 3339).
    #[serde(with = "crate::calendar::serde::instants")]
    #[cfg_attr(feature = "ts", ts(as = "Vec<String>"))]
    pub recent_requests: Vec<OffsetDateTime>,
}

/// What a recovery request gives ([`super::RequestOutcome`] as plain data): the answer to
/// show whatever happened, the effects to carry out, the records to store.
///
/// ```
/// use apart::entropy::FixedEntropy;
/// use apart::recovery::{record, request_identifier_reminder, ResetRequestPolicy};
/// let out = request_identifier_reminder(None, &ResetRequestPolicy::default(),
///     &mut FixedEntropy::new(vec![1]), time::macros::datetime!(2026-03-02 10:00 UTC))?;
/// let out = record::RequestOutcome::from(out);
/// assert!(!out.record_request && out.message_fr.starts_with("si un compte correspond"));
/// # Ok::<(), apart::account::AccountError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RequestOutcome {
    /// Always `accepted`: the page never tells whether an account exists.
    pub public: PublicOutcome,
    /// The text to show (French), the same whether or not an account matched, with the link's
    /// real validity (none for an identifier reminder, which has no link).
    pub message_fr: String,
    /// The text to show (English).
    pub message_en: String,
    /// The effects, in the core's JSON form: `{ type: "send_email", to, body, warnings }` or
    /// `{ type: "nothing", reason }`.
    #[cfg_attr(feature = "ts", ts(type = "Array<Record<string, unknown>>"))]
    pub effects: Json,
    /// The new token to store, if one was issued.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown> | null"))]
    pub issued: Option<Json>,
    /// Earlier tokens it superseded: store them too.
    #[cfg_attr(feature = "ts", ts(type = "Array<Record<string, unknown>>"))]
    pub superseded: Vec<Json>,
    /// Whether to record this request's time for the rate limit.
    pub record_request: bool,
}

impl From<super::RequestOutcome> for RequestOutcome {
    fn from(o: super::RequestOutcome) -> Self {
        RequestOutcome {
            public: o.public,
            message_fr: o.message(Lang::Fr),
            message_en: o.message(Lang::En),
            effects: Json::of(&o.effects),
            issued: o.issued.as_ref().map(Json::from),
            superseded: o.superseded.iter().map(Json::from).collect(),
            record_request: o.record_request,
        }
    }
}

/// A new token and what it replaced ([`super::IssuedToken`] as plain data).
///
/// ```
/// use apart::entropy::FixedEntropy;
/// use apart::recovery::{record, Purpose, TokenPolicy};
/// let t = record::issue("ID12345", Purpose::PasswordReset, &TokenPolicy::default(), &[],
///     &mut FixedEntropy::new(vec![1]), time::macros::datetime!(2026-03-02 10:00 UTC))?;
/// let t = record::IssuedToken::from(t);
/// assert!(t.secret.contains('.') && t.superseded.is_empty());
/// // Debug output (a log line) shows the token's id, never its secret.
/// assert!(!format!("{t:?}").contains(t.secret.split('.').nth(1).unwrap_or("?")));
/// # Ok::<(), apart::recovery::record::RecoveryError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct IssuedToken {
    /// The new record, state `Active`.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub token: Json,
    /// The `{id}.{secret}` text for the e-mail link; keep it nowhere.
    pub secret: String,
    /// The older active tokens of the same subject and purpose, now superseded.
    #[cfg_attr(feature = "ts", ts(type = "Array<Record<string, unknown>>"))]
    pub superseded: Vec<Json>,
}

impl std::fmt::Debug for IssuedToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let id = self.secret.split('.').next().unwrap_or("");
        f.debug_struct("IssuedToken")
            .field("token", &self.token)
            .field("secret", &format_args!("{id}.…"))
            .field("superseded", &self.superseded)
            .finish()
    }
}

impl From<super::IssuedToken> for IssuedToken {
    fn from(i: super::IssuedToken) -> Self {
        IssuedToken {
            token: Json::from(&i.token),
            secret: i.secret.expose().to_owned(),
            superseded: i.superseded.iter().map(Json::from).collect(),
        }
    }
}

/// The activation token of a new credential and its e-mail.
///
/// ```
/// use apart::entropy::FixedEntropy;
/// use apart::recovery::{record, TokenPolicy};
/// let a = record::activation_email("ID12345", "paie@exemple.fr", &TokenPolicy::default(), &[],
///     &mut FixedEntropy::new(vec![4]), time::macros::datetime!(2026-03-02 10:00 UTC))?;
/// let a = record::ActivationMail::from(a);
/// assert!(a.email.text().contains(r#""type":"activation""#));
/// # Ok::<(), apart::recovery::record::RecoveryError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ActivationMail {
    /// The token to store.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub token: Json,
    /// Earlier activation tokens it superseded, to store.
    #[cfg_attr(feature = "ts", ts(type = "Array<Record<string, unknown>>"))]
    pub superseded: Vec<Json>,
    /// The e-mail to send: `{ to, body: { type: "activation", identifier, token, expires_at },
    /// warnings }`.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub email: Json,
}

impl From<(super::IssuedToken, super::RecoveryEmail)> for ActivationMail {
    fn from((issued, mail): (super::IssuedToken, super::RecoveryEmail)) -> Self {
        ActivationMail {
            token: Json::from(&issued.token),
            superseded: issued.superseded.iter().map(Json::from).collect(),
            email: Json::of(&mail),
        }
    }
}

/// Why a recovery function of this module refused: a stored token that does not read (its
/// `SNAPSHOT_*` error), or the request's own [`AccountError`].
///
/// ```
/// use apart::entropy::FixedEntropy;
/// use apart::recovery::{record, Purpose, TokenPolicy};
/// use apart::value::Json;
/// let err = record::issue("ID12345", Purpose::PasswordReset, &TokenPolicy::default(), &[Json::of(&1)],
///     &mut FixedEntropy::new(vec![1]), time::macros::datetime!(2026-03-02 10:00 UTC)).unwrap_err();
/// assert_eq!(apart::Diagnostic::code(&err), "SNAPSHOT_MALFORMED");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecoveryError {
    /// A stored token could not be restored.
    Snapshot(SnapshotError),
    /// The request was refused.
    Account(AccountError),
}

impl From<SnapshotError> for RecoveryError {
    fn from(e: SnapshotError) -> Self {
        RecoveryError::Snapshot(e)
    }
}

impl From<AccountError> for RecoveryError {
    fn from(e: AccountError) -> Self {
        RecoveryError::Account(e)
    }
}

impl RecoveryError {
    fn inner(&self) -> &dyn Diagnostic {
        match self {
            RecoveryError::Snapshot(e) => e,
            RecoveryError::Account(e) => e,
        }
    }
}

impl Diagnostic for RecoveryError {
    fn code(&self) -> &'static str {
        self.inner().code()
    }

    fn family(&self) -> Family {
        self.inner().family()
    }

    fn message(&self, lang: Lang) -> String {
        self.inner().message(lang)
    }

    fn details(&self) -> Vec<Detail> {
        self.inner().details()
    }
}
french_display!(RecoveryError);

/// [`super::request_password_reset`] for `account` as a front end gives it (`None`: no
/// account matched), its tokens read first. The outcome is the core's (a front end that
/// returns plain data takes [`RequestOutcome::from`] it).
///
/// # Errors
///
/// A token's `SNAPSHOT_*` error; [`AccountError::EntropyUnavailable`] when `rng` fails.
///
/// ```
/// use apart::entropy::FixedEntropy;
/// use apart::recovery::{record, ResetRequestPolicy, TokenPolicy};
/// let out = record::request_password_reset(None, &ResetRequestPolicy::default(), &TokenPolicy::default(),
///     &mut FixedEntropy::new(vec![1]), time::macros::datetime!(2026-03-02 10:00 UTC))?;
/// assert!(out.issued.is_none() && !out.record_request);
/// assert!(record::RequestOutcome::from(out).effects.text().contains("unknown_account"));
/// # Ok::<(), apart::recovery::record::RecoveryError>(())
/// ```
pub fn request_password_reset(
    account: Option<&ResetAccount>,
    limits: &ResetRequestPolicy,
    policy: &TokenPolicy,
    rng: &mut dyn EntropySource,
    now: OffsetDateTime,
) -> Result<super::RequestOutcome, RecoveryError> {
    let tokens = match account {
        Some(a) => Snapshot::<TokenMachine>::read_all(&a.tokens)?,
        None => Vec::new(),
    };
    let account = account.map(|a| super::ResetAccount {
        identifier: &a.identifier,
        email: &a.email,
        recent_requests: &a.recent_requests,
        tokens: &tokens,
    });
    Ok(super::request_password_reset(
        account, limits, policy, rng, now,
    )?)
}

/// [`super::request_identifier_reminder`] for `account` as a front end gives it (`None`: no
/// credential has the address).
///
/// # Errors
///
/// [`AccountError::EntropyUnavailable`] when `rng` fails.
///
/// ```
/// use apart::entropy::FixedEntropy;
/// use apart::recovery::{record, ResetRequestPolicy};
/// let out = record::request_identifier_reminder(None, &ResetRequestPolicy::default(),
///     &mut FixedEntropy::new(vec![1]), time::macros::datetime!(2026-03-02 10:00 UTC))?;
/// assert!(out.issued.is_none());
/// # Ok::<(), apart::account::AccountError>(())
/// ```
pub fn request_identifier_reminder(
    account: Option<&ReminderAccount>,
    limits: &ResetRequestPolicy,
    rng: &mut dyn EntropySource,
    now: OffsetDateTime,
) -> Result<super::RequestOutcome, AccountError> {
    let account = account.map(|a| super::ReminderAccount {
        email: &a.email,
        identifiers: &a.identifiers,
        recent_requests: &a.recent_requests,
    });
    super::request_identifier_reminder(account, limits, rng, now)
}

/// [`super::issue`] with the caller's stored tokens as documents.
///
/// # Errors
///
/// A token's `SNAPSHOT_*` error, or [`super::issue`]'s.
///
/// ```
/// use apart::entropy::FixedEntropy;
/// use apart::recovery::{record, Purpose, TokenPolicy};
/// let now = time::macros::datetime!(2026-03-02 10:00 UTC);
/// let first = record::issue("ID12345", Purpose::Activation, &TokenPolicy::default(), &[],
///     &mut FixedEntropy::new(vec![1]), now)?;
/// let second = record::issue("ID12345", Purpose::Activation, &TokenPolicy::default(), &[(&first.token).into()],
///     &mut FixedEntropy::new(vec![2]), now)?;
/// assert_eq!(second.superseded.len(), 1);
/// # Ok::<(), apart::recovery::record::RecoveryError>(())
/// ```
pub fn issue(
    subject: &str,
    purpose: Purpose,
    policy: &TokenPolicy,
    existing: &[Json],
    rng: &mut dyn EntropySource,
    now: OffsetDateTime,
) -> Result<super::IssuedToken, RecoveryError> {
    let existing = Snapshot::<TokenMachine>::read_all(existing)?;
    Ok(super::issue(subject, purpose, policy, &existing, rng, now)?)
}

/// [`super::activation_email`] with the caller's stored tokens as documents.
///
/// # Errors
///
/// A token's `SNAPSHOT_*` error; [`AccountError::EntropyUnavailable`] when `rng` fails.
///
/// ```
/// use apart::entropy::FixedEntropy;
/// use apart::recovery::{record, TokenPolicy};
/// let (issued, mail) = record::activation_email("ID12345", "paie@exemple.fr", &TokenPolicy::default(), &[],
///     &mut FixedEntropy::new(vec![4]), time::macros::datetime!(2026-03-02 10:00 UTC))?;
/// assert!(issued.superseded.is_empty() && mail.to == "paie@exemple.fr");
/// # Ok::<(), apart::recovery::record::RecoveryError>(())
/// ```
pub fn activation_email(
    identifier: &str,
    email: &str,
    policy: &TokenPolicy,
    existing: &[Json],
    rng: &mut dyn EntropySource,
    now: OffsetDateTime,
) -> Result<(super::IssuedToken, super::RecoveryEmail), RecoveryError> {
    let existing = Snapshot::<TokenMachine>::read_all(existing)?;
    Ok(super::activation_email(
        identifier, email, policy, &existing, rng, now,
    )?)
}

/// What redeeming a token gave ([`super::Redemption`] as plain data): the redeemed token or
/// the error, and the token's record to store.
///
/// ```
/// use apart::recovery::{record, redeem, Purpose, TokenPolicy, WireToken};
/// let wire = WireToken::parse("AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")?;
/// let out = redeem(&wire, Purpose::Activation, None, &TokenPolicy::default(),
///     time::macros::datetime!(2026-03-02 10:00 UTC));
/// let out = record::Redemption::from(out);
/// assert_eq!(out.error.map(|e| e.code), Some("TOKEN_INVALID".to_owned()));
/// # Ok::<(), apart::account::AccountError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Redemption {
    /// The token redeemed, when it was good.
    pub redeemed: Option<super::Redeemed>,
    /// Why it was refused (not thrown: `token` may still have to be stored).
    pub error: Option<DiagnosticRecord>,
    /// The token's new record, to store when not `null`.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown> | null"))]
    pub token: Option<Json>,
}

impl From<super::Redemption> for Redemption {
    fn from(r: super::Redemption) -> Self {
        let (redeemed, error) = split(r.result);
        Redemption {
            redeemed,
            error,
            token: r.token.as_ref().map(Json::from),
        }
    }
}

/// What completing a password reset or an activation gave ([`super::ResetCompletion`] as
/// plain data): store every record that is not `null`.
///
/// ```
/// use apart::account::{Credential, CredentialMachine};
/// use apart::machine::Snapshot;
/// use apart::recovery::{complete_activation, record, TokenPolicy, WireToken};
/// let credential = Snapshot::<CredentialMachine>::new(Credential::new("ID12345", "paie@exemple.fr", "Martin", "Claire"))?;
/// let wire = WireToken::parse("AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")?;
/// let out = complete_activation(&wire, None, &credential, &TokenPolicy::default(),
///     time::macros::datetime!(2026-03-02 10:00 UTC));
/// let out = record::ResetCompletion::from(out);
/// assert!(out.error.is_some() && out.credential.is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ResetCompletion {
    /// Why it was refused, or `null` when the new password may be set.
    pub error: Option<DiagnosticRecord>,
    /// The token's new record.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown> | null"))]
    pub token: Option<Json>,
    /// The credential's new snapshot.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown> | null"))]
    pub credential: Option<Json>,
    /// The secret-answer attempt counter, when it changed.
    pub secret_attempts: Option<AttemptCounter>,
    /// The effects to carry out, in the core's JSON form.
    #[cfg_attr(feature = "ts", ts(type = "Array<Record<string, unknown>>"))]
    pub effects: Json,
}

impl From<super::ResetCompletion> for ResetCompletion {
    fn from(c: super::ResetCompletion) -> Self {
        ResetCompletion {
            error: split(c.result).1,
            token: c.token.as_ref().map(Json::from),
            credential: c.credential.as_ref().map(Json::from),
            secret_attempts: c.secret_attempts,
            effects: Json::of(&c.effects),
        }
    }
}

/// A result as its value or its error's record.
fn split<T>(result: Result<T, AccountError>) -> (Option<T>, Option<DiagnosticRecord>) {
    match result {
        Ok(v) => (Some(v), None),
        Err(e) => (None, Some(DiagnosticRecord::of(&e))),
    }
}
