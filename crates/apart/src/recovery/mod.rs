//! Identifier and password recovery (machine D, spec §2): « J'ai oublié mon identifiant »,
//! « J'ai oublié mon mot de passe », and the activation link of a new account.
//!
//! Tokens are stateful records kept by the caller: a 128-bit public id and a 256-bit secret from
//! the injected [`EntropySource`](crate::entropy::EntropySource), sent once as `{id}.{secret}`
//! (unpadded base64url) and kept only as a SHA-256 digest, compared in constant time. A token has
//! one [`Purpose`], is used once, is valid over `[issued_at − leeway, expires_at)` with
//! `expires_at = issued_at + 60 min` by default (so it is **expired at exactly 60 minutes**), is
//! superseded by a newer token of the same subject and purpose, and is revoked when the password
//! or the e-mail changes ([`revoke_all`]). Requests answer [`PublicOutcome::Accepted`] whether or
//! not the account exists, doing the same work either way; only the private effect differs.
//!
//! # A password-reset flow
//!
//! ```
//! use apart::entropy::FixedEntropy; // tests and examples; production passes `OsEntropy`
//! use apart::recovery::{
//!     redeem, request_password_reset, MailBody, Purpose, RecoveryEffect, ResetAccount,
//!     ResetRequestPolicy, TokenPolicy, WireToken,
//! };
//! use apart::Diagnostic;
//! use time::{Duration, macros::datetime};
//!
//! let policy = TokenPolicy::default(); // 60 minutes
//! let mut rng = FixedEntropy::new(vec![0x5a, 0x17, 0xc3]);
//! let asked = datetime!(2026-03-02 10:00 UTC);
//!
//! // 1. The user types their identifier; the caller looks the account up.
//! let account = ResetAccount { identifier: "ID12345", email: "paie@exemple.fr", recent_requests: &[], tokens: &[] };
//! let out = request_password_reset(Some(account), &ResetRequestPolicy::default(), &policy, &mut rng, asked)?;
//! // The page says the same thing whether or not the account exists…
//! println!("{}", out.message(apart::Lang::Fr));
//! // …and the caller sends the e-mail and stores the token record (never the secret).
//! let RecoveryEffect::SendEmail(mail) = &out.effects[0] else { unreachable!() };
//! let MailBody::PasswordReset { token, .. } = &mail.body else { unreachable!() };
//! let link = token.expose().to_owned();
//! let stored = out.issued.ok_or("a known account gets a token")?;
//!
//! // 2. The user clicks the link 59 minutes later.
//! let wire = WireToken::parse(&link)?;
//! assert_eq!(wire.id(), stored.context().id); // the caller's lookup key
//! let used = redeem(&wire, Purpose::PasswordReset, Some(&stored), &policy, asked + Duration::minutes(59));
//! assert_eq!(used.result?.subject(), "id12345"); // identifiers are kept in canonical form
//! let stored = used.token.ok_or("consumed: store it")?;
//!
//! // 3. The same link again is refused.
//! let again = redeem(&wire, Purpose::PasswordReset, Some(&stored), &policy, asked + Duration::minutes(59));
//! assert_eq!(again.result.unwrap_err().code(), "TOKEN_ALREADY_USED");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod complete;
pub mod record;
mod request;
mod token;

pub use crate::account::{Purpose, Redeemed, RevokeReason};
pub use complete::{ResetCompletion, complete_activation, complete_password_reset};
pub use request::{
    MailBody, MailWarning, PublicOutcome, RecoveryEffect, RecoveryEmail, ReminderAccount,
    RequestOutcome, ResetAccount, ResetRequestPolicy, SilentReason, activation_email,
    request_identifier_reminder, request_password_reset,
};
pub use token::{
    IssuedToken, Redemption, TokenDigest, TokenEvent, TokenEventKind, TokenGuard, TokenMachine,
    TokenPolicy, TokenRecord, TokenSecret, TokenSnapshot, TokenState, WireToken, issue, redeem,
    revoke_all,
};
