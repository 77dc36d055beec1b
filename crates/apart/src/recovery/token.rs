//! Machine D: one recovery token record, its issue and its verification.

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use std::fmt;
use subtle::ConstantTimeEq;
use time::{Duration, OffsetDateTime};

use crate::account::{
    AccountError, Purpose, Redeemed, RevokeReason, canonical_identifier, same_identifier,
};
use crate::base64url;
use crate::calendar::format_instant;
use crate::entropy::EntropySource;
use crate::machine::{Actor, Machine, Refusal, Snapshot, Transition};

/// Bytes of a token's public id (128 bits).
const ID_BYTES: usize = 16;
/// Bytes of a token's secret (256 bits).
const SECRET_BYTES: usize = 32;

/// How tokens are issued and checked.
///
/// Every value is within its documented range (checked by [`TokenPolicy::new`] and when read
/// from JSON).
///
/// ```
/// use apart::recovery::TokenPolicy;
/// use time::Duration;
/// let policy = TokenPolicy::new(Duration::minutes(30), Duration::seconds(60))?;
/// assert_eq!(policy.ttl(), Duration::minutes(30));
/// assert!(TokenPolicy::new(Duration::minutes(30), Duration::minutes(5)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(as = "TokenPolicyWire"))]
#[serde(try_from = "TokenPolicyWire", into = "TokenPolicyWire")]
pub struct TokenPolicy {
    ttl: Duration,
    leeway: Duration,
    max_failed_verifications: u16,
}

/// The JSON form of [`TokenPolicy`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
struct TokenPolicyWire {
    /// How long a token is valid, in milliseconds (1 ms to 24 h; default 60 minutes).
    ttl_ms: i64,
    /// The clock leeway, in milliseconds (0 to 120 s; default 0).
    leeway_ms: i64,
    /// Wrong secrets before the token is revoked (1 to 65 535; default 10).
    max_failed_verifications: u16,
}

impl TryFrom<TokenPolicyWire> for TokenPolicy {
    type Error = AccountError;
    fn try_from(w: TokenPolicyWire) -> Result<Self, AccountError> {
        let mut p = TokenPolicy::new(
            Duration::milliseconds(w.ttl_ms),
            Duration::milliseconds(w.leeway_ms),
        )?;
        if w.max_failed_verifications == 0 {
            return Err(AccountError::PolicyInvalid {
                field: "max_failed_verifications".into(),
                allowed: "1..=65535".into(),
            });
        }
        p.max_failed_verifications = w.max_failed_verifications;
        Ok(p)
    }
}

impl From<TokenPolicy> for TokenPolicyWire {
    fn from(p: TokenPolicy) -> Self {
        TokenPolicyWire {
            ttl_ms: i64::try_from(p.ttl.whole_milliseconds()).unwrap_or(i64::MAX),
            leeway_ms: i64::try_from(p.leeway.whole_milliseconds()).unwrap_or(i64::MAX),
            max_failed_verifications: p.max_failed_verifications,
        }
    }
}

impl Default for TokenPolicy {
    /// 60 minutes (the seed's « La procédure est valable 60 min »), no leeway, revoked after 10
    /// wrong secrets (spec §2.2).
    fn default() -> Self {
        TokenPolicy {
            ttl: Duration::minutes(60),
            leeway: Duration::ZERO,
            max_failed_verifications: 10,
        }
    }
}

impl TokenPolicy {
    /// A policy with this validity and clock leeway.
    ///
    /// # Errors
    ///
    /// [`AccountError::PolicyInvalid`] unless `0 < ttl ≤ 24 h` (NIST SP 800-63B-4 §4.2's ceiling
    /// for e-mailed codes) and `0 ≤ leeway ≤ 120 s` (spec §2.2).
    pub fn new(ttl: Duration, leeway: Duration) -> Result<Self, AccountError> {
        if ttl <= Duration::ZERO || ttl > Duration::hours(24) {
            return Err(AccountError::PolicyInvalid {
                field: "ttl".into(),
                allowed: "1 ms..=24 h".into(),
            });
        }
        if leeway < Duration::ZERO || leeway > Duration::seconds(120) {
            return Err(AccountError::PolicyInvalid {
                field: "leeway".into(),
                allowed: "0..=120 s".into(),
            });
        }
        Ok(TokenPolicy {
            ttl,
            leeway,
            max_failed_verifications: 10,
        })
    }

    /// How long a token stays valid after its issue.
    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// How far in the future an issue instant may be (clock skew between nodes).
    pub fn leeway(&self) -> Duration {
        self.leeway
    }
}

/// A SHA-256 digest, written in JSON as unpadded base64url.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct TokenDigest([u8; 32]);

impl fmt::Debug for TokenDigest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TokenDigest({})", base64url::encode(&self.0))
    }
}

impl Serialize for TokenDigest {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&base64url::encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for TokenDigest {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        base64url::decode(&text)
            .and_then(|v| <[u8; 32]>::try_from(v).ok())
            .map(TokenDigest)
            .ok_or_else(|| serde::de::Error::custom("digest: 43 base64url characters expected"))
    }
}

fn digest(secret: &[u8]) -> TokenDigest {
    TokenDigest(Sha256::digest(secret).into())
}

/// The record the caller stores for one token: never the secret, only its SHA-256 digest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenRecord {
    /// The public lookup key (base64url of 128 random bits).
    pub id: String,
    /// Whom the token is for: a credential's identifier, or an e-mail address, in canonical
    /// form ([`canonical_identifier`]).
    #[serde(deserialize_with = "subject")]
    pub subject: String,
    /// What it may be used for.
    pub purpose: Purpose,
    /// SHA-256 of the secret.
    pub digest: TokenDigest,
    /// When it was issued.
    #[serde(with = "crate::calendar::serde::instant")]
    pub issued_at: OffsetDateTime,
    /// The first instant at which it is expired (`issued_at + ttl`).
    #[serde(with = "crate::calendar::serde::instant")]
    pub expires_at: OffsetDateTime,
    /// Wrong secrets presented so far.
    pub failed_verifications: u16,
    /// After this many wrong secrets the token is revoked.
    pub max_failed_verifications: u16,
    /// When it was used, if it was.
    #[serde(default, with = "crate::calendar::serde::option_instant")]
    pub consumed_at: Option<OffsetDateTime>,
    /// The token that replaced it, if one did.
    #[serde(default)]
    pub superseded_by: Option<String>,
    /// Why it was cancelled, if it was.
    #[serde(default)]
    pub revoke_reason: Option<RevokeReason>,
}

/// Reads a token's subject in canonical form.
fn subject<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
    Ok(canonical_identifier(&text))
}

/// The longest validity a token record may claim (NIST SP 800-63B-4 §4.2's 24 hours, the
/// bound of [`TokenPolicy::new`]).
const MAX_TTL: Duration = Duration::hours(24);

crate::machine::state_enum! {
    /// The states of a recovery token. Expiry is not a state: it is a time predicate checked
    /// when the token is redeemed.
    pub enum TokenState {
        /// Issued and usable (if not expired).
        Active,
        /// Used once; never again.
        Consumed,
        /// Replaced by a newer token of the same subject and purpose.
        Superseded,
        /// Cancelled.
        Revoked,
    }
}

/// The events of a token record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
pub enum TokenEvent {
    /// The right secret was presented for `purpose`, `leeway_ms` being the policy's leeway.
    Redeem {
        /// The purpose it is presented for.
        purpose: Purpose,
        /// The tolerated clock leeway, in milliseconds.
        leeway_ms: i64,
    },
    /// A wrong secret was presented for this token's id.
    FailVerification,
    /// A newer token of the same subject and purpose was issued.
    Supersede {
        /// The newer token's id.
        by: String,
    },
    /// The token is cancelled.
    Revoke {
        /// Why.
        reason: RevokeReason,
    },
}

crate::machine::event_kinds! {
    /// The kinds of [`TokenEvent`]: what the rows of [`TokenMachine`]'s table name.
    ///
    /// ```
    /// use apart::machine::{EventKind, Machine};
    /// use apart::recovery::{TokenEventKind, TokenMachine};
    /// assert_eq!(TokenEventKind::Redeem.name(), "Redeem");
    /// assert_eq!(TokenMachine::table()[0].event, TokenEventKind::Redeem);
    /// ```
    pub enum TokenEventKind for TokenEvent { Redeem, FailVerification, Supersede, Revoke }
}

crate::machine::guard_enum! {
    /// The checks of the recovery token machine's rows.
    ///
    /// The first row of `Redeem` (from `Active`) requires these guards:
    ///
    /// ```
    /// use apart::machine::{EventKind, Guard, Machine};
    /// use apart::recovery::{TokenGuard, TokenMachine};
    /// let row = TokenMachine::table()
    ///     .iter()
    ///     .find(|row| row.event.name() == "Redeem")
    ///     .ok_or("no row")?;
    /// assert_eq!(row.guards[0], TokenGuard::PurposeMatches);
    /// let names: Vec<&str> = row.guards.iter().map(|g| g.name()).collect();
    /// assert_eq!(names, ["purpose_matches", "within_validity"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum TokenGuard {
        /// The token is redeemed for the purpose it was issued for.
        PurposeMatches = "purpose_matches",
        /// The token is redeemed within its validity.
        WithinValidity = "within_validity",
        /// This failed verification does not reach the limit.
        BelowFailureLimit = "below_failure_limit",
    }
}

/// Machine D (spec §2.2): the lifecycle of one recovery token.
///
/// Use it through [`issue`], [`redeem`] and [`revoke_all`], which run the checks of spec §2.2
/// in order around the table.
#[derive(Debug)]
pub struct TokenMachine;

/// A stored token: its record and state.
pub type TokenSnapshot = Snapshot<TokenMachine>;

const SYSTEM: &[Actor] = &[Actor::System];

impl Machine for TokenMachine {
    const ID: &'static str = "apart.recovery_token";
    const SCHEMA_VERSION: u32 = 1;
    type State = TokenState;
    type Event = TokenEvent;
    type Guard = TokenGuard;
    type Context = TokenRecord;
    type Effect = ();

    fn initial() -> TokenState {
        TokenState::Active
    }

    fn table() -> &'static [Transition<Self>] {
        use TokenEventKind as E;
        use TokenState::*;
        const T: &[Transition<TokenMachine>] = &[
            Transition::new(Active, E::Redeem, Consumed)
                .guards(&[TokenGuard::PurposeMatches, TokenGuard::WithinValidity])
                .actors(&[Actor::Visitor]),
            Transition::new(Active, E::FailVerification, Active)
                .guards(&[TokenGuard::BelowFailureLimit])
                .actors(SYSTEM),
            Transition::new(Active, E::FailVerification, Revoked).actors(SYSTEM),
            Transition::new(Active, E::Supersede, Superseded).actors(SYSTEM),
            Transition::new(Active, E::Revoke, Revoked).actors(SYSTEM),
        ];
        T
    }

    fn guard(
        guard: TokenGuard,
        snap: &Snapshot<Self>,
        event: Option<&TokenEvent>,
        now: OffsetDateTime,
    ) -> Result<(), Refusal> {
        let record = snap.context();
        match (guard, event) {
            (TokenGuard::PurposeMatches, Some(TokenEvent::Redeem { purpose, .. }))
                if *purpose != record.purpose =>
            {
                Err(AccountError::TokenInvalid.refusal())
            }
            (TokenGuard::WithinValidity, Some(TokenEvent::Redeem { leeway_ms, .. })) => {
                check_time(record, Duration::milliseconds(*leeway_ms), now).map_err(|e| e.refusal())
            }
            (TokenGuard::BelowFailureLimit, _)
                if record.failed_verifications.saturating_add(1)
                    >= record.max_failed_verifications =>
            {
                Err(AccountError::TokenRevoked.refusal())
            }
            _ => Ok(()),
        }
    }

    /// The record agrees with its state: a consumed token has its consumption instant, a
    /// superseded one its successor, a revoked one its reason, an active one none of these and
    /// fewer failures than its limit; and its validity is at most 24 hours from its issue (a
    /// record whose expiry was pushed ahead is refused).
    fn check(state: TokenState, t: &TokenRecord) -> Result<(), &'static str> {
        let validity = t.expires_at - t.issued_at;
        if validity <= Duration::ZERO || validity > MAX_TTL {
            return Err("expires_at");
        }
        if t.max_failed_verifications == 0 {
            return Err("max_failed_verifications");
        }
        let consumed = t.consumed_at.is_some();
        let superseded = t.superseded_by.is_some();
        let revoked = t.revoke_reason.is_some();
        match state {
            TokenState::Active if consumed || superseded || revoked => Err("status"),
            TokenState::Active if t.failed_verifications >= t.max_failed_verifications => {
                Err("failed_verifications")
            }
            TokenState::Consumed if !consumed => Err("consumed_at"),
            TokenState::Superseded if !superseded => Err("superseded_by"),
            TokenState::Revoked if !revoked => Err("revoke_reason"),
            _ => Ok(()),
        }
    }

    fn act(
        _row: &Transition<Self>,
        record: &mut TokenRecord,
        event: &TokenEvent,
        now: OffsetDateTime,
    ) -> Result<Vec<()>, Refusal> {
        match event {
            TokenEvent::Redeem { .. } => record.consumed_at = Some(now),
            TokenEvent::FailVerification => {
                record.failed_verifications = record.failed_verifications.saturating_add(1);
                if record.failed_verifications >= record.max_failed_verifications {
                    record.revoke_reason = Some(RevokeReason::TooManyFailures);
                }
            }
            TokenEvent::Supersede { by } => record.superseded_by = Some(by.clone()),
            TokenEvent::Revoke { reason } => record.revoke_reason = Some(*reason),
        }
        Ok(Vec::new())
    }
}

/// Validity is the half-open interval `[issued_at − leeway, expires_at)` (spec §2.2, D6).
fn check_time(
    record: &TokenRecord,
    leeway: Duration,
    now: OffsetDateTime,
) -> Result<(), AccountError> {
    if now < crate::calendar::saturating_sub(record.issued_at, leeway) {
        return Err(AccountError::TokenNotYetValid);
    }
    if now >= record.expires_at {
        return Err(AccountError::TokenExpired {
            expired_at: format_instant(record.expires_at),
        });
    }
    Ok(())
}

/// The token as sent in the e-mail link: `{id}.{secret}`, both unpadded base64url. It is the
/// only place the secret exists, so its `Debug` hides it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TokenSecret(String);

impl TokenSecret {
    /// The text to put in the link.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for TokenSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = self.0.split('.').next().unwrap_or("");
        write!(f, "TokenSecret({id}.…)")
    }
}

/// A token read back from a link: its id (to look the record up) and its secret.
///
/// Every `WireToken` has a 16-byte id and a 32-byte secret, both canonical base64url.
///
/// ```
/// use apart::recovery::WireToken;
/// use apart::Diagnostic;
/// let t = WireToken::parse("AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")?;
/// assert_eq!(t.id(), "AAAAAAAAAAAAAAAAAAAAAA");
/// assert_eq!(WireToken::parse("nope").unwrap_err().code(), "TOKEN_MALFORMED");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct WireToken {
    id: String,
    secret: [u8; SECRET_BYTES],
}

impl fmt::Debug for WireToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WireToken({}.…)", self.id)
    }
}

impl WireToken {
    /// Reads `{id}.{secret}`; surrounding white space (a pasted link) is ignored.
    ///
    /// # Errors
    ///
    /// [`AccountError::TokenMalformed`] for anything that is not exactly that.
    pub fn parse(text: &str) -> Result<WireToken, AccountError> {
        let text = text.trim();
        let (id, secret) = text.split_once('.').ok_or(AccountError::TokenMalformed)?;
        let id_ok = base64url::decode(id).is_some_and(|b| b.len() == ID_BYTES);
        let secret = base64url::decode(secret)
            .and_then(|b| <[u8; SECRET_BYTES]>::try_from(b).ok())
            .ok_or(AccountError::TokenMalformed)?;
        if !id_ok {
            return Err(AccountError::TokenMalformed);
        }
        Ok(WireToken {
            id: id.to_owned(),
            secret,
        })
    }

    /// The token's id: the key to look its record up with.
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// A newly issued token: the record to store, the secret to send (once), and the older tokens
/// it superseded (to store too).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, eq, module = "apart.recovery")
)]
pub struct IssuedToken {
    /// The new record, in state `Active`.
    pub token: TokenSnapshot,
    /// The `{id}.{secret}` text for the e-mail link; not kept anywhere by the library.
    pub secret: TokenSecret,
    /// The caller's older active tokens of the same subject and purpose, now `Superseded`.
    pub superseded: Vec<TokenSnapshot>,
}

/// Issues a token for `subject` and `purpose`, superseding every active token of the same
/// subject and purpose among `existing` (only the most recent e-mail works).
///
/// # Errors
///
/// [`AccountError::EntropyUnavailable`] when `rng` fails; [`AccountError::InvalidNow`]
/// (`VALUE_INVALID_INSTANT`) when `now` could not be stored in the record;
/// [`AccountError::InvalidSubject`] (the form's code, such as `IDENTIFIER_REQUIRED`) when
/// `subject` is not a login identifier.
///
/// ```
/// use apart::entropy::FixedEntropy;
/// use apart::recovery::{issue, Purpose, TokenPolicy};
/// use time::macros::datetime;
///
/// let now = datetime!(2026-03-02 10:00 UTC);
/// let issued = issue("ID12345", Purpose::PasswordReset, &TokenPolicy::default(), &[],
///     &mut FixedEntropy::new(vec![42]), now)?;
/// assert_eq!(issued.token.context().expires_at, datetime!(2026-03-02 11:00 UTC));
/// assert!(issued.secret.expose().starts_with(&issued.token.context().id));
/// let err = issue(" ", Purpose::PasswordReset, &TokenPolicy::default(), &[],
///     &mut FixedEntropy::new(vec![42]), now).unwrap_err();
/// assert_eq!(apart::Diagnostic::family(&err), apart::diagnostic::Family::Form);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn issue(
    subject: &str,
    purpose: Purpose,
    policy: &TokenPolicy,
    existing: &[TokenSnapshot],
    rng: &mut dyn EntropySource,
    now: OffsetDateTime,
) -> Result<IssuedToken, AccountError> {
    let now = AccountError::check_now(now)?;
    crate::forms::LoginIdentifier::parse(subject).map_err(AccountError::InvalidSubject)?;
    let mut bytes = [0u8; ID_BYTES + SECRET_BYTES];
    rng.fill(&mut bytes)?;
    let (id_bytes, secret_bytes) = bytes.split_at(ID_BYTES);
    let id = base64url::encode(id_bytes);
    let subject = canonical_identifier(subject);
    let record = TokenRecord {
        id: id.clone(),
        subject: subject.clone(),
        purpose,
        digest: digest(secret_bytes),
        issued_at: now,
        expires_at: crate::calendar::saturating_add(now, policy.ttl),
        failed_verifications: 0,
        max_failed_verifications: policy.max_failed_verifications,
        consumed_at: None,
        superseded_by: None,
        revoke_reason: None,
    };
    let secret = TokenSecret(format!("{id}.{}", base64url::encode(secret_bytes)));
    let mut superseded = Vec::new();
    for old in existing {
        let c = old.context();
        if same_identifier(&c.subject, &subject)
            && c.purpose == purpose
            && old.state() == TokenState::Active
        {
            if let Ok(step) =
                old.apply(TokenEvent::Supersede { by: id.clone() }, Actor::System, now)
            {
                superseded.push(step.snapshot);
            }
        }
    }
    Ok(IssuedToken {
        token: Snapshot::initial(record),
        secret,
        superseded,
    })
}

/// Does the work of [`issue`] and throws it away, so that a request for an unknown account
/// costs the same time as one for a known account.
pub(crate) fn dummy_issue(rng: &mut dyn EntropySource) -> Result<(), AccountError> {
    let mut bytes = [0u8; ID_BYTES + SECRET_BYTES];
    rng.fill(&mut bytes)?;
    let (id_bytes, secret_bytes) = bytes.split_at(ID_BYTES);
    let _ = base64url::encode(id_bytes);
    let _ = digest(secret_bytes);
    let _ = base64url::encode(secret_bytes);
    Ok(())
}

/// The answer of [`redeem`]: the result, and the record to store if it changed (consumed, one
/// more failure, or revoked after too many failures).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, eq, module = "apart.recovery")
)]
#[must_use = "store `token` when it is `Some`"]
pub struct Redemption {
    /// The outcome. Show the user one generic « lien invalide ou expiré » for every error, or
    /// the expiry message for `TOKEN_EXPIRED` (NIST SP 800-63B-4 §4.4); log the precise code.
    pub result: Result<Redeemed, AccountError>,
    /// The updated record, when it changed.
    pub token: Option<TokenSnapshot>,
}

/// Redeems `wire` for `purpose`: `record` is what the caller found under [`WireToken::id`]
/// (`None` if nothing).
///
/// Checks in the order of spec §2.2: record lookup and digest (`TOKEN_INVALID`, one more failure
/// on the record; a dummy comparison when there is no record, so the time is the same), purpose
/// (`TOKEN_INVALID`), status (`TOKEN_ALREADY_USED`, `TOKEN_SUPERSEDED`, `TOKEN_REVOKED`), time
/// (`TOKEN_NOT_YET_VALID`, `TOKEN_EXPIRED`), then consumes the token. Parsing
/// (`TOKEN_MALFORMED`) happened in [`WireToken::parse`].
///
/// The digests are compared in constant time (`subtle`).
///
/// ```
/// use apart::entropy::FixedEntropy;
/// use apart::recovery::{issue, redeem, Purpose, TokenPolicy, WireToken};
/// use apart::Diagnostic;
/// use time::{Duration, macros::datetime};
/// let (policy, now) = (TokenPolicy::default(), datetime!(2026-03-02 10:00 UTC));
/// let t = issue("ID12345", Purpose::PasswordReset, &policy, &[], &mut FixedEntropy::new(vec![1, 2]), now)?;
/// let wire = WireToken::parse(t.secret.expose())?;
/// // Valid up to, not including, 60 minutes.
/// let late = redeem(&wire, Purpose::PasswordReset, Some(&t.token), &policy, now + Duration::minutes(60));
/// assert_eq!(late.result.unwrap_err().code(), "TOKEN_EXPIRED");
/// let ok = redeem(&wire, Purpose::PasswordReset, Some(&t.token), &policy, now + Duration::minutes(59));
/// assert_eq!(ok.result?.subject(), "id12345");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn redeem(
    wire: &WireToken,
    purpose: Purpose,
    record: Option<&TokenSnapshot>,
    policy: &TokenPolicy,
    now: OffsetDateTime,
) -> Redemption {
    if let Err(e) = AccountError::check_now(now) {
        return Redemption {
            result: Err(e),
            token: None,
        };
    }
    let presented = digest(&wire.secret);
    let Some(snap) = record.filter(|s| s.context().id == wire.id) else {
        // Same work as a real comparison, against a digest nobody can match by chance.
        let _ = presented.0.ct_eq(&[0u8; 32]);
        return Redemption {
            result: Err(AccountError::TokenInvalid),
            token: None,
        };
    };
    let c = snap.context();
    if !bool::from(presented.0.ct_eq(&c.digest.0)) {
        let token = snap
            .apply(TokenEvent::FailVerification, Actor::System, now)
            .ok()
            .map(|s| s.snapshot);
        return Redemption {
            result: Err(AccountError::TokenInvalid),
            token,
        };
    }
    let fail = |error| Redemption {
        result: Err(error),
        token: None,
    };
    if c.purpose != purpose {
        return fail(AccountError::TokenInvalid);
    }
    match snap.state() {
        TokenState::Active => {}
        TokenState::Consumed => return fail(AccountError::TokenAlreadyUsed),
        TokenState::Superseded => return fail(AccountError::TokenSuperseded),
        TokenState::Revoked => return fail(AccountError::TokenRevoked),
    }
    let leeway_ms = i64::try_from(policy.leeway.whole_milliseconds()).unwrap_or(0);
    match snap.apply(
        TokenEvent::Redeem { purpose, leeway_ms },
        Actor::Visitor,
        now,
    ) {
        Ok(step) => Redemption {
            result: Ok(Redeemed::new(
                c.id.clone(),
                c.subject.clone(),
                purpose,
                c.expires_at,
            )),
            token: Some(step.snapshot),
        },
        Err(e) => fail(match check_time(c, policy.leeway, now) {
            Err(time_error) => time_error,
            // The kit refused for a reason the checks above should have caught.
            Ok(()) => match e.refusal().map(|r| r.code()) {
                Some("TOKEN_INVALID") => AccountError::TokenInvalid,
                _ => AccountError::TokenRevoked,
            },
        }),
    }
}

/// Cancels every active token of `subject` (any purpose): call it when the password or the
/// e-mail changes by any path, or the credential is disabled or closed. Returns the records
/// that changed, to store.
///
/// # Errors
///
/// [`AccountError::InvalidNow`] (`VALUE_INVALID_INSTANT`) when `now` could not be stored; then
/// nothing is revoked.
///
/// ```
/// use apart::entropy::FixedEntropy;
/// use apart::recovery::{issue, revoke_all, Purpose, RevokeReason, TokenPolicy, TokenState};
/// use time::macros::datetime;
/// let now = datetime!(2026-03-02 10:00 UTC);
/// let t = issue("ID12345", Purpose::PasswordReset, &TokenPolicy::default(), &[], &mut FixedEntropy::new(vec![1]), now)?;
/// let changed = revoke_all(&[t.token], "ID12345", RevokeReason::PasswordChanged, now)?;
/// assert_eq!(changed[0].state(), TokenState::Revoked);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn revoke_all(
    tokens: &[TokenSnapshot],
    subject: &str,
    reason: RevokeReason,
    now: OffsetDateTime,
) -> Result<Vec<TokenSnapshot>, AccountError> {
    let now = AccountError::check_now(now)?;
    Ok(tokens
        .iter()
        .filter(|t| {
            same_identifier(&t.context().subject, subject) && t.state() == TokenState::Active
        })
        .filter_map(|t| {
            t.apply(TokenEvent::Revoke { reason }, Actor::System, now)
                .ok()
                .map(|s| s.snapshot)
        })
        .collect())
}
