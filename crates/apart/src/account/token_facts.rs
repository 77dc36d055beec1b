//! The facts about recovery tokens that the account machines need (what a token is for, why
//! it was cancelled, what a redemption proves), kept here so that `account` does not depend on
//! `recovery`: the tokens themselves are in [`crate::recovery`], which re-exports these.

use serde::Serialize;
use time::OffsetDateTime;

crate::spelled_enum! {
    /// What a token may be used for: a token of one purpose is
    /// [`AccountError::TokenInvalid`](super::AccountError::TokenInvalid) for every other.
    #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
    #[non_exhaustive]
    pub enum Purpose: "purpose" {
        /// Setting the first password of a new credential (spec §10 Q1: no password is e-mailed).
        Activation = "activation",
        /// « J'ai oublié mon mot de passe ».
        PasswordReset = "password_reset",
        /// « J'ai oublié mon identifiant », for callers that want a link rather than the list.
        IdentifierReminder = "identifier_reminder",
        /// Confirming a new e-mail address.
        EmailChange = "email_change",
    }
}

crate::spelled_enum! {
    /// Why a token was cancelled.
    #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
    #[non_exhaustive]
    pub enum RevokeReason: "revoke reason" {
        /// The password changed, by any path.
        PasswordChanged = "password_changed",
        /// The e-mail address changed.
        EmailChanged = "email_changed",
        /// The ASP disabled or closed the credential.
        AccountDisabled = "account_disabled",
        /// Too many wrong secrets were presented for this token id.
        TooManyFailures = "too_many_failures",
    }
}

/// What a successful redemption proves: this token, for this subject and purpose, was presented
/// with its secret and consumed. Only [`crate::recovery::redeem`] makes one (it cannot be read
/// from JSON), and the credential machine takes one, not a boolean, to set a first password or
/// to unlock an account after a reset.
///
/// Its JSON form (written, never read) is `{"token_id", "subject", "purpose"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Redeemed {
    token_id: String,
    subject: String,
    purpose: Purpose,
    #[serde(skip)]
    expires_at: OffsetDateTime,
}

impl Redeemed {
    /// Made by `recovery::redeem` only.
    pub(crate) fn new(
        token_id: String,
        subject: String,
        purpose: Purpose,
        expires_at: OffsetDateTime,
    ) -> Self {
        Redeemed {
            token_id,
            subject,
            purpose,
            expires_at,
        }
    }

    /// The token's id.
    pub fn token_id(&self) -> &str {
        &self.token_id
    }

    /// Whom it was for (an identifier in canonical form, or an e-mail address).
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// What it was for.
    pub fn purpose(&self) -> Purpose {
        self.purpose
    }

    /// When the token expired or expires: the proof is accepted until then.
    pub fn expires_at(&self) -> OffsetDateTime {
        self.expires_at
    }
}
