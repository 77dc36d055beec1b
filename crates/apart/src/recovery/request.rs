//! The public side of recovery: « J'ai oublié mon mot de passe / mon identifiant » requests,
//! whose visible answer never depends on whether the account exists, and the e-mails to send.

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use super::token::{IssuedToken, TokenPolicy, TokenSecret, TokenSnapshot};
use crate::account::{AccountError, Purpose, canonical_identifier};
use crate::calendar::format_instant;
use crate::diagnostic::Lang;
use crate::entropy::EntropySource;

crate::spelled_enum! {
    /// What the person who made a request sees: always the same, whether or not an account
    /// matched and whether or not the request was rate-limited (OWASP Forgot Password cheat
    /// sheet).
    ///
    /// ```
    /// use apart::recovery::{MailWarning, PublicOutcome};
    /// use apart::Lang;
    /// let warnings = [MailWarning::ValidFor { minutes: 15 }, MailWarning::CheckSpamFolder];
    /// assert!(PublicOutcome::Accepted.message(&warnings, Lang::Fr).contains("15 min"));
    /// ```
    #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
    pub enum PublicOutcome: "public outcome" {
        /// « Si un compte correspond, un courriel a été envoyé. »
        Accepted = "accepted",
    }
}

impl PublicOutcome {
    /// The text to show, with the request's warnings ([`RequestOutcome::warnings`]: the link's
    /// real validity for a reset, none for the identifier reminder, which carries no link; check
    /// the spam folder). [`RequestOutcome::message`] does it in one call.
    pub fn message(self, warnings: &[MailWarning], lang: Lang) -> String {
        let warnings: Vec<String> = warnings.iter().map(|w| w.text(lang)).collect();
        match lang {
            Lang::En => format!(
                "if an account matches, an e-mail has been sent; {}",
                warnings.join("; ")
            ),
            _ => format!(
                "si un compte correspond, un courriel vient d'être envoyé ; {}",
                warnings.join(" ; ")
            ),
        }
    }
}

/// The two points of attention of the seed, written into every recovery e-mail: « La procédure
/// est valable 60 min, il faut donc être disponible et vérifier dans les spams ».
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum MailWarning {
    /// The link is valid for this many minutes.
    ValidFor {
        /// Minutes (60 by default).
        minutes: i64,
    },
    /// Look in the spam folder.
    CheckSpamFolder,
}

impl MailWarning {
    /// The warning's text.
    pub fn text(self, lang: Lang) -> String {
        match (self, lang) {
            (MailWarning::ValidFor { minutes }, Lang::En) => {
                format!("the procedure is valid for {minutes} min, so stay available")
            }
            (MailWarning::ValidFor { minutes }, _) => {
                format!("la procédure est valable {minutes} min, il faut donc être disponible")
            }
            (MailWarning::CheckSpamFolder, Lang::En) => "check your spam folder".to_owned(),
            (MailWarning::CheckSpamFolder, _) => "vérifiez dans les spams".to_owned(),
        }
    }

    /// The warnings of an e-mail with a link valid for `ttl` (its whole minutes).
    fn for_ttl(ttl: Duration) -> Vec<MailWarning> {
        vec![
            MailWarning::ValidFor {
                minutes: ttl.whole_minutes(),
            },
            MailWarning::CheckSpamFolder,
        ]
    }

    /// The warnings of an e-mail without a link (the identifier reminder).
    fn without_link() -> Vec<MailWarning> {
        vec![MailWarning::CheckSpamFolder]
    }
}

/// An e-mail the caller must send. The library composes what it says; the caller renders and
/// sends it (asynchronously, so that sending time does not reveal anything either).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecoveryEmail {
    /// The address to send to.
    pub to: String,
    /// What the e-mail is about.
    pub body: MailBody,
    /// The warnings to print in it.
    pub warnings: Vec<MailWarning>,
}

/// The content of a recovery e-mail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum MailBody {
    /// A link to choose a new password.
    PasswordReset {
        /// The `{id}.{secret}` for the link.
        token: TokenSecret,
        /// When the link stops working (RFC 3339).
        expires_at: String,
    },
    /// A link to set the first password of a new credential.
    Activation {
        /// The login identifier that was issued.
        identifier: String,
        /// The `{id}.{secret}` for the link.
        token: TokenSecret,
        /// When the link stops working (RFC 3339).
        expires_at: String,
    },
    /// Every identifier linked to the address (spec §10 Q4: one e-mail lists them all).
    IdentifierReminder {
        /// The identifiers, sorted.
        identifiers: Vec<String>,
    },
}

/// A private effect of a request: what the caller must do, never shown to the requester.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum RecoveryEffect {
    /// Send this e-mail.
    SendEmail(RecoveryEmail),
    /// Send nothing. Given in place of `SendEmail`, so that both branches return one effect.
    Nothing {
        /// Why (for the caller's logs only).
        reason: SilentReason,
    },
}

impl RecoveryEffect {
    /// A short stable name of the effect, for logs and test vectors.
    pub fn kind(&self) -> &'static str {
        match self {
            RecoveryEffect::SendEmail(_) => "send_email",
            RecoveryEffect::Nothing { .. } => "nothing",
        }
    }
}

crate::spelled_enum! {
    /// Why a request sends no e-mail.
    pub enum SilentReason: "silent reason" {
        /// No account matched.
        UnknownAccount = "unknown_account",
        /// The account matched but made too many requests ([`ResetRequestPolicy`]).
        RateLimited = "rate_limited",
    }
}

/// How many recovery requests an account (or an e-mail address) may make: 3 per hour and 10 per
/// 24 hours by default (spec §1.7). Counted per subject and purpose, over the instants the
/// caller recorded; the login counter is never touched.
///
/// ```
/// use apart::recovery::ResetRequestPolicy;
/// use time::{Duration, macros::datetime};
/// let now = datetime!(2026-03-02 10:00 UTC);
/// let recent = [now - Duration::minutes(50), now - Duration::minutes(20), now - Duration::minutes(5)];
/// assert!(!ResetRequestPolicy::default().allows(&recent, now));
/// assert!(ResetRequestPolicy::default().allows(&recent[1..], now));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ResetRequestPolicy {
    /// Requests allowed in any 60 minutes.
    pub per_hour: u32,
    /// Requests allowed in any 24 hours.
    pub per_day: u32,
}

impl Default for ResetRequestPolicy {
    fn default() -> Self {
        ResetRequestPolicy {
            per_hour: 3,
            per_day: 10,
        }
    }
}

impl ResetRequestPolicy {
    /// Whether one more request is allowed at `now`, given the instants of the earlier ones.
    /// Instants in the future (a clock that went backwards) count as recent.
    pub fn allows(&self, recent: &[OffsetDateTime], now: OffsetDateTime) -> bool {
        let within = |window: Duration| {
            let since = crate::calendar::saturating_sub(now, window);
            recent.iter().filter(|t| **t > since).count()
        };
        within(Duration::hours(1)) < self.per_hour as usize
            && within(Duration::hours(24)) < self.per_day as usize
    }
}

/// What a request gives back.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, eq, module = "apart.recovery")
)]
#[must_use = "carry out `effects` and store `issued` and `superseded`"]
pub struct RequestOutcome {
    /// What the requester sees: always [`PublicOutcome::Accepted`].
    pub public: PublicOutcome,
    /// The warnings to show with it: the same in every case (they depend on the policy only).
    pub warnings: Vec<MailWarning>,
    /// What to do: always exactly one effect.
    pub effects: Vec<RecoveryEffect>,
    /// The new token record to store, if one was issued.
    pub issued: Option<TokenSnapshot>,
    /// Older tokens now superseded, to store.
    pub superseded: Vec<TokenSnapshot>,
    /// Whether the caller should record `now` among the subject's recent requests.
    pub record_request: bool,
}

/// The facts about the account a password-reset request matched, looked up by the caller.
#[derive(Debug, Clone, Copy)]
pub struct ResetAccount<'a> {
    /// The credential's identifier (the token's subject).
    pub identifier: &'a str,
    /// Its registered e-mail address.
    pub email: &'a str,
    /// The instants of its earlier reset requests (at least the last 24 hours).
    pub recent_requests: &'a [OffsetDateTime],
    /// Its active tokens, to supersede (pass only the active ones of this credential: each
    /// costs a little time, which an unknown account does not spend).
    pub tokens: &'a [TokenSnapshot],
}

/// The subject and address of the work done for an unknown or rate-limited request: the same
/// lengths as typical real ones, so that the same bytes are hashed and allocated.
const DUMMY_SUBJECT: &str = "id0000000";
const DUMMY_EMAIL: &str = "nobody.at.all@example.invalid";

/// « J'ai oublié mon mot de passe »: `account` is what the caller found for the identifier that
/// was typed (`None` if nothing). The public outcome is the same in every case; only the private
/// effect differs. Every branch does the same work: a token is generated, hashed and its record
/// built, the e-mail composed, then kept or dropped. (Superseding the account's earlier tokens
/// is the one extra step of a known account: pass only its active tokens. The caller still
/// sends the e-mail asynchronously so that sending time reveals nothing.)
///
/// # Errors
///
/// [`AccountError::EntropyUnavailable`] when `rng` fails (in every branch alike).
///
/// ```
/// use apart::entropy::FixedEntropy;
/// use apart::recovery::{request_password_reset, PublicOutcome, ResetAccount, ResetRequestPolicy, TokenPolicy};
/// use apart::Lang;
/// use time::{Duration, macros::datetime};
///
/// let now = datetime!(2026-03-02 10:00 UTC);
/// let mut rng = FixedEntropy::new(vec![7, 1, 9]);
/// let policy = TokenPolicy::new(Duration::minutes(15), Duration::ZERO)?;
/// let account = ResetAccount { identifier: "ID12345", email: "paie@exemple.fr", recent_requests: &[], tokens: &[] };
/// let known = request_password_reset(Some(account), &ResetRequestPolicy::default(), &policy, &mut rng, now)?;
/// let unknown = request_password_reset(None, &ResetRequestPolicy::default(), &policy, &mut rng, now)?;
/// assert_eq!(known.public, PublicOutcome::Accepted);
/// assert_eq!((known.public, known.message(Lang::Fr)), (unknown.public, unknown.message(Lang::Fr)));
/// assert!(known.message(Lang::En).contains("valid for 15 min"));
/// assert_eq!(known.effects[0].kind(), "send_email");
/// assert_eq!(unknown.effects[0].kind(), "nothing");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn request_password_reset(
    account: Option<ResetAccount<'_>>,
    limits: &ResetRequestPolicy,
    policy: &TokenPolicy,
    rng: &mut dyn EntropySource,
    now: OffsetDateTime,
) -> Result<RequestOutcome, AccountError> {
    let (identifier, email, recent, tokens) = match &account {
        Some(a) => (a.identifier, a.email, a.recent_requests, a.tokens),
        None => (DUMMY_SUBJECT, DUMMY_EMAIL, &[][..], &[][..]),
    };
    let allowed = limits.allows(recent, now);
    // The same work whatever the answer: issue, hash, build the record and the e-mail.
    let IssuedToken {
        token,
        secret,
        superseded,
    } = super::token::issue(identifier, Purpose::PasswordReset, policy, tokens, rng, now)?;
    let warnings = MailWarning::for_ttl(policy.ttl());
    let mail = RecoveryEmail {
        to: email.to_owned(),
        body: MailBody::PasswordReset {
            token: secret,
            expires_at: format_instant(token.context().expires_at),
        },
        warnings: warnings.clone(),
    };
    let silent_reason = match (&account, allowed) {
        (None, _) => Some(SilentReason::UnknownAccount),
        (Some(_), false) => Some(SilentReason::RateLimited),
        (Some(_), true) => None,
    };
    if let Some(reason) = silent_reason {
        return Ok(silent(reason, warnings));
    }
    Ok(RequestOutcome {
        public: PublicOutcome::Accepted,
        warnings,
        effects: vec![RecoveryEffect::SendEmail(mail)],
        issued: Some(token),
        superseded,
        record_request: true,
    })
}

/// The facts about an e-mail address an identifier-reminder request matched.
#[derive(Debug, Clone, Copy)]
pub struct ReminderAccount<'a> {
    /// The address (as registered).
    pub email: &'a str,
    /// Every login identifier linked to it (one person may hold several, spec §2.2).
    pub identifiers: &'a [String],
    /// The instants of its earlier reminder requests (at least the last 24 hours).
    pub recent_requests: &'a [OffsetDateTime],
}

/// « J'ai oublié mon identifiant »: one e-mail listing every identifier linked to the address
/// (spec §10 Q4), in canonical form, each once. Same public outcome and same work whether or
/// not the address is known. The e-mail carries no link, so it and the page say nothing of a
/// validity.
///
/// An address linked to no identifier counts as unknown.
///
/// # Errors
///
/// [`AccountError::EntropyUnavailable`] when `rng` fails (in every branch alike).
///
/// ```
/// use apart::entropy::FixedEntropy;
/// use apart::recovery::{request_identifier_reminder, MailBody, RecoveryEffect, ReminderAccount, ResetRequestPolicy};
/// use apart::Lang;
/// use time::macros::datetime;
///
/// let ids = vec!["ID12345".to_string(), "AB0001".to_string(), "id12345".to_string()];
/// let account = ReminderAccount { email: "paie@exemple.fr", identifiers: &ids, recent_requests: &[] };
/// let out = request_identifier_reminder(Some(account), &ResetRequestPolicy::default(),
///     &mut FixedEntropy::new(vec![3]), datetime!(2026-03-02 10:00 UTC))?;
/// let RecoveryEffect::SendEmail(mail) = &out.effects[0] else { panic!() };
/// assert_eq!(mail.body, MailBody::IdentifierReminder { identifiers: vec!["ab0001".into(), "id12345".into()] });
/// assert!(!out.message(Lang::En).contains("min"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn request_identifier_reminder(
    account: Option<ReminderAccount<'_>>,
    limits: &ResetRequestPolicy,
    rng: &mut dyn EntropySource,
    now: OffsetDateTime,
) -> Result<RequestOutcome, AccountError> {
    let now = AccountError::check_now(now)?;
    // The same work in every branch.
    super::token::dummy_issue(rng)?;
    let account = account.filter(|a| !a.identifiers.is_empty());
    // An unknown address lists one dummy identifier: the usual size of a real list.
    let dummy = [DUMMY_SUBJECT.to_owned()];
    let (email, identifiers, recent) = match &account {
        Some(a) => (a.email, a.identifiers, a.recent_requests),
        None => (DUMMY_EMAIL, &dummy[..], &[][..]),
    };
    let allowed = limits.allows(recent, now);
    let mut identifiers: Vec<String> = identifiers
        .iter()
        .map(|i| canonical_identifier(i))
        .collect();
    identifiers.sort();
    identifiers.dedup();
    let warnings = MailWarning::without_link();
    let mail = RecoveryEmail {
        to: email.to_owned(),
        body: MailBody::IdentifierReminder { identifiers },
        warnings: warnings.clone(),
    };
    match (&account, allowed) {
        (None, _) => Ok(silent(SilentReason::UnknownAccount, warnings)),
        (Some(_), false) => Ok(silent(SilentReason::RateLimited, warnings)),
        (Some(_), true) => Ok(RequestOutcome {
            public: PublicOutcome::Accepted,
            warnings,
            effects: vec![RecoveryEffect::SendEmail(mail)],
            issued: None,
            superseded: Vec::new(),
            record_request: true,
        }),
    }
}

/// Issues the activation token of a new credential (spec §10 Q1) and composes its e-mail: what
/// the caller does on onboarding's `SendPasswordSetupEmail` effect.
///
/// # Errors
///
/// [`AccountError::EntropyUnavailable`] when `rng` fails.
///
/// ```
/// use apart::entropy::FixedEntropy;
/// use apart::recovery::{activation_email, MailBody, Purpose, TokenPolicy};
/// use time::macros::datetime;
/// let (issued, mail) = activation_email("ID12345", "paie@exemple.fr", &TokenPolicy::default(), &[],
///     &mut FixedEntropy::new(vec![4]), datetime!(2026-03-02 10:00 UTC))?;
/// assert_eq!(issued.token.context().purpose, Purpose::Activation);
/// assert!(matches!(mail.body, MailBody::Activation { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn activation_email(
    identifier: &str,
    email: &str,
    policy: &TokenPolicy,
    existing: &[TokenSnapshot],
    rng: &mut dyn EntropySource,
    now: OffsetDateTime,
) -> Result<(IssuedToken, RecoveryEmail), AccountError> {
    let issued = super::token::issue(identifier, Purpose::Activation, policy, existing, rng, now)?;
    let mail = RecoveryEmail {
        to: email.to_owned(),
        body: MailBody::Activation {
            identifier: canonical_identifier(identifier),
            token: issued.secret.clone(),
            expires_at: format_instant(issued.token.context().expires_at),
        },
        warnings: MailWarning::for_ttl(policy.ttl()),
    };
    Ok((issued, mail))
}

fn silent(reason: SilentReason, warnings: Vec<MailWarning>) -> RequestOutcome {
    RequestOutcome {
        public: PublicOutcome::Accepted,
        warnings,
        effects: vec![RecoveryEffect::Nothing { reason }],
        issued: None,
        superseded: Vec::new(),
        record_request: false,
    }
}

impl RequestOutcome {
    /// The text to show the requester: [`PublicOutcome::message`] with this request's
    /// warnings. The same for a known, an unknown and a rate-limited request.
    pub fn message(&self, lang: Lang) -> String {
        self.public.message(&self.warnings, lang)
    }
}
