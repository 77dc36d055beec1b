//! The secret question's answer (« Question secrète / Réponse »), kept for compatibility with
//! the ASP (spec §10 Q7) but never in clear: only a salted slow hash (CNIL SAN-2022-018).
//!
//! The answer is normalised by the form rules first (trim, accents removed, case folded, inner
//! spaces collapsed), then hashed through a [`SecretHasher`]; the default is [`Argon2idHasher`]
//! (feature `argon2`, on by default). Checking an answer goes through its own throttle
//! ([`LoginThrottlePolicy::secret_answer`]: locked after 5 failures), and an answer never resets a
//! password alone: always together with the e-mailed token.

use serde::{Deserialize, Serialize};
#[cfg(feature = "argon2")]
use subtle::ConstantTimeEq;
use time::OffsetDateTime;

#[cfg(feature = "argon2")]
use super::HashFailure;
use super::{AccountError, AttemptCounter, LoginThrottlePolicy};
use crate::entropy::EntropySource;

/// A hashed secret answer: the scheme and its parameters, the salt and the hash (base64url).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecretAnswerHash {
    /// The scheme and its parameters, e.g. `argon2id$v=19$m=19456,t=2,p=1`.
    pub scheme: String,
    /// The salt (16 random bytes).
    pub salt: String,
    /// The hash (32 bytes).
    pub hash: String,
}

/// Hashes and checks secret answers. Implement it to use another slow hash.
pub trait SecretHasher {
    /// Hashes a normalised answer with a fresh salt from `rng`.
    ///
    /// # Errors
    ///
    /// [`AccountError::EntropyUnavailable`] or [`AccountError::SecretHashFailed`].
    fn hash(
        &self,
        answer: &str,
        rng: &mut dyn EntropySource,
    ) -> Result<SecretAnswerHash, AccountError>;

    /// Whether a normalised answer matches `stored` (compared in constant time).
    ///
    /// # Errors
    ///
    /// [`AccountError::SecretHashFailed`] when `stored` is not of this hasher's scheme.
    fn verify(&self, answer: &str, stored: &SecretAnswerHash) -> Result<bool, AccountError>;
}

/// Argon2id (RFC 9106), by default with OWASP's parameters: 19 MiB, 2 passes, 1 lane.
///
/// The costs are bounded ([`Argon2idHasher::MAX_M_COST`], [`Argon2idHasher::MAX_T_COST`],
/// [`Argon2idHasher::MAX_P_COST`]), both when a hasher is built and when a stored hash is
/// verified: the costs written in a stored hash are input, and one edited record must not make
/// the library allocate terabytes or compute for minutes. A stored hash outside the bounds is
/// refused with `SECRET_HASH_REHASH_REQUIRED` (ask the user to choose the answer again).
///
/// ```
/// use apart::account::{Argon2idHasher, SecretHasher};
/// use apart::entropy::FixedEntropy;
/// // Small parameters keep the example fast; use `Argon2idHasher::default()` in production.
/// let hasher = Argon2idHasher::with_params(64, 1, 1)?;
/// let stored = hasher.hash("tartempion", &mut FixedEntropy::new(vec![9]))?;
/// assert!(!stored.hash.contains("tartempion"));
/// assert!(hasher.verify("tartempion", &stored)?);
/// assert!(!hasher.verify("tartempio", &stored)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "argon2")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Argon2idHasher {
    m_cost: u32,
    t_cost: u32,
    p_cost: u32,
}

#[cfg(feature = "argon2")]
impl Default for Argon2idHasher {
    fn default() -> Self {
        Argon2idHasher {
            m_cost: 19 * 1024,
            t_cost: 2,
            p_cost: 1,
        }
    }
}

#[cfg(feature = "argon2")]
impl Argon2idHasher {
    /// The largest memory cost accepted, in KiB (64 MiB: over three times OWASP's 19 MiB).
    pub const MAX_M_COST: u32 = 64 * 1024;
    /// The largest number of passes accepted (OWASP's settings use 2 to 5).
    pub const MAX_T_COST: u32 = 10;
    /// The largest parallelism accepted (lanes; OWASP's settings use 1).
    pub const MAX_P_COST: u32 = 4;
    /// The bounds, as written in errors.
    const ALLOWED: &'static str = "8 × p ≤ m ≤ 65536 KiB, 1 ≤ t ≤ 10, 1 ≤ p ≤ 4";

    /// A hasher with these memory (KiB), time and parallelism costs.
    ///
    /// # Errors
    ///
    /// [`AccountError::PolicyInvalid`] outside the bounds (`m ≤ 65536`, `t ≤ 10`, `p ≤ 4`) or for
    /// parameters Argon2 refuses (`m < 8 × p`, `t = 0`, `p = 0`).
    ///
    /// ```
    /// use apart::account::Argon2idHasher;
    /// use apart::Diagnostic;
    /// assert!(Argon2idHasher::with_params(19 * 1024, 2, 1).is_ok());
    /// let e = Argon2idHasher::with_params(u32::MAX, 1, 1).unwrap_err();
    /// assert_eq!(e.code(), "POLICY_INVALID");
    /// ```
    pub fn with_params(m_cost: u32, t_cost: u32, p_cost: u32) -> Result<Self, AccountError> {
        let invalid = || AccountError::PolicyInvalid {
            field: "argon2".into(),
            allowed: Self::ALLOWED.into(),
        };
        if !Self::within_bounds(m_cost, t_cost, p_cost) {
            return Err(invalid());
        }
        argon2::Params::new(m_cost, t_cost, p_cost, Some(32)).map_err(|_| invalid())?;
        Ok(Argon2idHasher {
            m_cost,
            t_cost,
            p_cost,
        })
    }

    fn within_bounds(m_cost: u32, t_cost: u32, p_cost: u32) -> bool {
        m_cost <= Self::MAX_M_COST
            && (1..=Self::MAX_T_COST).contains(&t_cost)
            && (1..=Self::MAX_P_COST).contains(&p_cost)
    }

    fn scheme(&self) -> String {
        format!(
            "argon2id$v=19$m={},t={},p={}",
            self.m_cost, self.t_cost, self.p_cost
        )
    }

    fn raw(&self, answer: &str, salt: &[u8]) -> Result<[u8; 32], AccountError> {
        let failed = |e: argon2::Error| AccountError::SecretHashFailed {
            failure: HashFailure::Hasher {
                reason: crate::diagnostic::quote(&e.to_string()),
            },
        };
        let params =
            argon2::Params::new(self.m_cost, self.t_cost, self.p_cost, Some(32)).map_err(failed)?;
        let argon =
            argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let mut out = [0u8; 32];
        argon
            .hash_password_into(answer.as_bytes(), salt, &mut out)
            .map_err(failed)?;
        Ok(out)
    }

    /// The hasher a stored scheme names (`argon2id$v=19$m=…,t=…,p=…`, exactly).
    ///
    /// # Errors
    ///
    /// `SECRET_HASH_FAILED` for a scheme that does not read; `SECRET_HASH_REHASH_REQUIRED` for
    /// costs outside the bounds.
    fn from_scheme(scheme: &str) -> Result<Self, AccountError> {
        let unreadable = || AccountError::SecretHashFailed {
            failure: HashFailure::UnreadableScheme {
                scheme: crate::diagnostic::quote(scheme),
            },
        };
        let params = scheme
            .strip_prefix("argon2id$v=19$")
            .ok_or_else(unreadable)?;
        let mut parts = params.split(',');
        let mut costs = [0u32; 3];
        for (slot, key) in costs.iter_mut().zip(["m=", "t=", "p="]) {
            let digits = parts
                .next()
                .and_then(|p| p.strip_prefix(key))
                .filter(|d| !d.is_empty() && d.len() <= 10 && d.bytes().all(|b| b.is_ascii_digit()))
                .ok_or_else(unreadable)?;
            *slot = digits.parse().map_err(|_| unreadable())?;
        }
        if parts.next().is_some() {
            return Err(unreadable());
        }
        let [m_cost, t_cost, p_cost] = costs;
        Argon2idHasher::with_params(m_cost, t_cost, p_cost).map_err(|_| {
            AccountError::SecretHashRehashRequired {
                scheme: crate::diagnostic::quote(scheme),
                allowed: Self::ALLOWED.into(),
            }
        })
    }
}

#[cfg(feature = "argon2")]
impl SecretHasher for Argon2idHasher {
    fn hash(
        &self,
        answer: &str,
        rng: &mut dyn EntropySource,
    ) -> Result<SecretAnswerHash, AccountError> {
        let mut salt = [0u8; 16];
        rng.fill(&mut salt)?;
        let hash = self.raw(answer, &salt)?;
        Ok(SecretAnswerHash {
            scheme: self.scheme(),
            salt: crate::base64url::encode(&salt),
            hash: crate::base64url::encode(&hash),
        })
    }

    /// Checks `answer` against `stored`, with the costs written in `stored` (so that raising
    /// the costs does not lock older answers out) once they are checked against the bounds.
    fn verify(&self, answer: &str, stored: &SecretAnswerHash) -> Result<bool, AccountError> {
        let hasher = Argon2idHasher::from_scheme(&stored.scheme)?;
        let unreadable = |failure: HashFailure| AccountError::SecretHashFailed { failure };
        // A 16-byte salt and a 32-byte hash are written; anything far from that is not ours.
        let salt = crate::base64url::decode(&stored.salt)
            .filter(|s| (8..=64).contains(&s.len()))
            .ok_or_else(|| unreadable(HashFailure::UnreadableSalt))?;
        let expected = crate::base64url::decode(&stored.hash)
            .filter(|h| h.len() == 32)
            .ok_or_else(|| unreadable(HashFailure::UnreadableHash))?;
        let actual = hasher.raw(answer, &salt)?;
        Ok(bool::from(actual.as_slice().ct_eq(expected.as_slice())))
    }
}

/// Checks a secret answer through its own throttle: `LOGIN_THROTTLED` (the answer is then not
/// hashed), `SECRET_ANSWER_INVALID`, or `ACCOUNT_LOCKED` once the policy's limit is reached.
/// Returns the result and the counter to store.
///
/// ```
/// use apart::account::{check_secret_answer, Argon2idHasher, AttemptCounter, SecretHasher};
/// use apart::entropy::FixedEntropy;
/// use apart::Diagnostic;
/// use time::macros::datetime;
/// let h = Argon2idHasher::with_params(64, 1, 1)?; // small costs for the example
/// let stored = h.hash("medor", &mut FixedEntropy::new(vec![9]))?;
/// let now = datetime!(2026-03-02 10:00 UTC);
/// let (result, counter) = check_secret_answer(&h, "rex", &stored, &AttemptCounter::default(), now);
/// assert_eq!(result.unwrap_err().code(), "SECRET_ANSWER_INVALID");
/// assert_eq!(counter.failures, 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check_secret_answer(
    hasher: &dyn SecretHasher,
    answer: &str,
    stored: &SecretAnswerHash,
    counter: &AttemptCounter,
    now: OffsetDateTime,
) -> (Result<(), AccountError>, AttemptCounter) {
    let policy = LoginThrottlePolicy::secret_answer();
    let mut counter = *counter;
    if let Err(e) = AccountError::check_now(now) {
        return (Err(e), counter);
    }
    if policy.locks_at(counter.failures) {
        return (Err(AccountError::AccountLocked), counter);
    }
    if let Err(e) = counter.check(now) {
        return (Err(e), counter);
    }
    match hasher.verify(answer, stored) {
        Ok(true) => {
            counter.reset();
            (Ok(()), counter)
        }
        Ok(false) => {
            counter.record_failure(&policy, now);
            (Err(AccountError::SecretAnswerInvalid), counter)
        }
        Err(e) => (Err(e), counter),
    }
}
