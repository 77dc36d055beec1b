//! The facts about recovery tokens that the account machines need (what a token is for, why
//! it was cancelled), kept here so that `account` does not depend on `recovery`: the tokens
//! themselves are in [`crate::recovery`], which re-exports these.

use serde::{Deserialize, Serialize};

/// What a token may be used for: a token of one purpose is
/// [`AccountError::TokenInvalid`](super::AccountError::TokenInvalid) for every other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Purpose {
    /// Setting the first password of a new credential (spec §10 Q1: no password is e-mailed).
    Activation,
    /// « J'ai oublié mon mot de passe ».
    PasswordReset,
    /// « J'ai oublié mon identifiant », for callers that want a link rather than the list.
    IdentifierReminder,
    /// Confirming a new e-mail address.
    EmailChange,
}

impl Purpose {
    /// The purpose's stable name (`password_reset`, …).
    pub fn name(self) -> &'static str {
        match self {
            Purpose::Activation => "activation",
            Purpose::PasswordReset => "password_reset",
            Purpose::IdentifierReminder => "identifier_reminder",
            Purpose::EmailChange => "email_change",
        }
    }
}

/// Why a token was cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RevokeReason {
    /// The password changed, by any path.
    PasswordChanged,
    /// The e-mail address changed.
    EmailChanged,
    /// The ASP disabled or closed the credential.
    AccountDisabled,
    /// Too many wrong secrets were presented for this token id.
    TooManyFailures,
}
