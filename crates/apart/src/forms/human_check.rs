//! The security code (« Contrôle de sécurité », « Recopier le code ci-contre »): proof that a
//! human filled the form, built by the caller (spec §4.9).
//!
//! The library does not make, draw or store challenges: that needs randomness, images or
//! sound, and session state, all outside a pure core. Every command that the real forms gate
//! with the code takes a [`HumanCheck`] instead, and fails with `CAPTCHA_REQUIRED` without one.

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use crate::diagnostic::{Detail, DetailValue, Diagnostic, Lang, french_display};

/// The caller's verdict on the security code.
///
/// Serialises as `{"status": "verified", "at": "2026-11-30T09:00:00Z"}` or
/// `{"status": "not_verified"}`.
///
/// ```
/// use apart::forms::HumanCheck;
/// use time::macros::datetime;
///
/// let now = datetime!(2026-11-30 09:00 UTC);
/// assert_eq!(HumanCheck::Verified { at: now }.require()?, now);
/// assert!(HumanCheck::NotVerified.require().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "status", rename_all = "snake_case", deny_unknown_fields)]
pub enum HumanCheck {
    /// The caller checked the code and it was right, at `at`.
    Verified {
        /// When the code was checked (RFC 3339).
        #[serde(with = "time::serde::rfc3339")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        at: OffsetDateTime,
    },
    /// No code, or a wrong one.
    NotVerified,
}

/// The security code is missing, wrong or too old.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum HumanCheckError {
    /// No verified code (`CAPTCHA_REQUIRED`).
    Required,
    /// The code was verified too long before the command (`CAPTCHA_EXPIRED`).
    Expired {
        /// How old the verification is, in seconds.
        age_seconds: i64,
        /// The accepted age, in seconds.
        max_age_seconds: i64,
    },
    /// The code was verified later than the command, by more than the clock skew allowed
    /// (`CAPTCHA_IN_FUTURE`): such a check would never expire.
    InFuture {
        /// How far after the command the verification is dated, in seconds.
        ahead_seconds: i64,
        /// The clock skew accepted, in seconds ([`HUMAN_CHECK_MAX_SKEW`]).
        max_skew_seconds: i64,
    },
}

/// How far after a command its security code may be dated: the clock skew between servers
/// (RFC 7519 §4.1.4: "usually no more than a few minutes"; the recovery tokens' largest leeway).
///
/// ```
/// assert_eq!(apart::forms::HUMAN_CHECK_MAX_SKEW, time::Duration::seconds(120));
/// ```
pub const HUMAN_CHECK_MAX_SKEW: Duration = Duration::seconds(120);

impl Diagnostic for HumanCheckError {
    fn family(&self) -> crate::diagnostic::Family {
        crate::diagnostic::Family::Form
    }

    fn code(&self) -> &'static str {
        match self {
            HumanCheckError::Required => "CAPTCHA_REQUIRED",
            HumanCheckError::Expired { .. } => "CAPTCHA_EXPIRED",
            HumanCheckError::InFuture { .. } => "CAPTCHA_IN_FUTURE",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (HumanCheckError::Required, Lang::En) => "please copy the security code".into(),
            (HumanCheckError::Required, _) => "veuillez recopier le code de sécurité".into(),
            (HumanCheckError::Expired { .. }, Lang::En) => {
                "the security code has expired, please copy a new one".into()
            }
            (HumanCheckError::Expired { .. }, _) => {
                "le code de sécurité a expiré, veuillez en recopier un nouveau".into()
            }
            (HumanCheckError::InFuture { ahead_seconds, .. }, Lang::En) => {
                format!("the security code is dated {ahead_seconds} s after the request")
            }
            (HumanCheckError::InFuture { ahead_seconds, .. }, _) => {
                format!("le code de sécurité est daté de {ahead_seconds} s après la demande")
            }
        }
    }

    fn details(&self) -> Vec<Detail> {
        match self {
            HumanCheckError::Required => Vec::new(),
            HumanCheckError::Expired {
                age_seconds,
                max_age_seconds,
            } => vec![
                ("age_seconds", DetailValue::from(*age_seconds)),
                ("max_age_seconds", DetailValue::from(*max_age_seconds)),
            ],
            HumanCheckError::InFuture {
                ahead_seconds,
                max_skew_seconds,
            } => vec![
                ("ahead_seconds", DetailValue::from(*ahead_seconds)),
                ("max_skew_seconds", DetailValue::from(*max_skew_seconds)),
            ],
        }
    }
}

french_display!(HumanCheckError);

impl HumanCheck {
    /// The time of the verification.
    ///
    /// # Errors
    ///
    /// [`HumanCheckError::Required`] (`CAPTCHA_REQUIRED`) when not verified.
    pub fn require(&self) -> Result<OffsetDateTime, HumanCheckError> {
        match self {
            HumanCheck::Verified { at } => Ok(*at),
            HumanCheck::NotVerified => Err(HumanCheckError::Required),
        }
    }

    /// Like [`HumanCheck::require`], and the verification must be at most `max_age` old at
    /// `now`. A verification dated after `now` is accepted within [`HUMAN_CHECK_MAX_SKEW`] (clock
    /// skew between servers).
    ///
    /// # Errors
    ///
    /// `CAPTCHA_REQUIRED` when not verified, `CAPTCHA_EXPIRED` when older than `max_age`,
    /// `CAPTCHA_IN_FUTURE` when dated more than [`HUMAN_CHECK_MAX_SKEW`] after `now`.
    ///
    /// ```
    /// use apart::forms::HumanCheck;
    /// use time::{macros::datetime, Duration};
    ///
    /// let check = HumanCheck::Verified { at: datetime!(2026-11-30 09:00 UTC) };
    /// let max = Duration::minutes(10);
    /// assert!(check.require_fresh(datetime!(2026-11-30 09:10 UTC), max).is_ok());
    /// assert!(check.require_fresh(datetime!(2026-11-30 09:10:01 UTC), max).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn require_fresh(
        &self,
        now: OffsetDateTime,
        max_age: Duration,
    ) -> Result<OffsetDateTime, HumanCheckError> {
        let at = self.require()?;
        let age = now - at;
        if -age > HUMAN_CHECK_MAX_SKEW {
            return Err(HumanCheckError::InFuture {
                ahead_seconds: (-age).whole_seconds(),
                max_skew_seconds: HUMAN_CHECK_MAX_SKEW.whole_seconds(),
            });
        }
        if age > max_age {
            return Err(HumanCheckError::Expired {
                age_seconds: age.whole_seconds(),
                max_age_seconds: max_age.whole_seconds(),
            });
        }
        Ok(at)
    }

    /// Whether the code was verified.
    pub fn is_verified(&self) -> bool {
        matches!(self, HumanCheck::Verified { .. })
    }
}

/// A caller's captcha service, for callers who want the library to ask it (spec §4.9).
///
/// The implementation does whatever I/O it needs; the library only reads the verdict.
///
/// ```
/// use apart::forms::{CaptchaVerifier, HumanCheck};
/// use time::{macros::datetime, OffsetDateTime};
///
/// struct Fixed(&'static str);
/// impl CaptchaVerifier for Fixed {
///     fn verify(&self, _challenge: &str, response: &str, now: OffsetDateTime) -> HumanCheck {
///         if response == self.0 { HumanCheck::Verified { at: now } } else { HumanCheck::NotVerified }
///     }
/// }
/// let now = datetime!(2026-11-30 09:00 UTC);
/// assert!(Fixed("X7KQ").verify("c1", "X7KQ", now).is_verified());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait CaptchaVerifier {
    /// Checks `response` against the challenge `challenge_id` at `now`.
    fn verify(&self, challenge_id: &str, response: &str, now: OffsetDateTime) -> HumanCheck;
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn required_and_expiry() {
        let at = datetime!(2026-11-30 09:00 UTC);
        assert_eq!(
            HumanCheck::NotVerified.require().unwrap_err().code(),
            "CAPTCHA_REQUIRED"
        );
        let check = HumanCheck::Verified { at };
        let err = check
            .require_fresh(datetime!(2026-11-30 09:20 UTC), Duration::minutes(10))
            .unwrap_err();
        assert_eq!(err.code(), "CAPTCHA_EXPIRED");
        // Dated after the command: within the skew it is fresh, beyond it refused (else a
        // check dated in 2099 would never expire).
        let ahead = HumanCheck::Verified {
            at: datetime!(2026-11-30 09:02 UTC),
        };
        assert!(ahead.require_fresh(at, Duration::minutes(10)).is_ok());
        let far = HumanCheck::Verified {
            at: datetime!(2099-01-01 00:00 UTC),
        };
        let future = far.require_fresh(at, Duration::minutes(10)).unwrap_err();
        assert_eq!(future.code(), "CAPTCHA_IN_FUTURE");
        assert!(matches!(
            future,
            HumanCheckError::InFuture {
                max_skew_seconds: 120,
                ..
            }
        ));
        let just = HumanCheck::Verified {
            at: datetime!(2026-11-30 09:02:01 UTC),
        };
        assert_eq!(
            just.require_fresh(at, Duration::minutes(10))
                .unwrap_err()
                .code(),
            "CAPTCHA_IN_FUTURE"
        );
        assert_eq!(
            err,
            HumanCheckError::Expired {
                age_seconds: 1200,
                max_age_seconds: 600
            }
        );
        // Skew: a verification in the future is accepted.
        assert!(
            check
                .require_fresh(datetime!(2026-11-30 08:59 UTC), Duration::minutes(10))
                .is_ok()
        );
        assert_eq!(
            HumanCheckError::Required.to_string(),
            "veuillez recopier le code de sécurité"
        );
    }

    #[test]
    fn serde_round_trip() {
        let check = HumanCheck::Verified {
            at: datetime!(2026-11-30 09:00 UTC),
        };
        let json = serde_json::to_value(check).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"status": "verified", "at": "2026-11-30T09:00:00Z"})
        );
        assert_eq!(serde_json::from_value::<HumanCheck>(json).unwrap(), check);
        let not = serde_json::to_value(HumanCheck::NotVerified).unwrap();
        assert_eq!(not, serde_json::json!({"status": "not_verified"}));
    }
}
