//! Randomness as a parameter: the library never reaches for a global random generator.
//!
//! Everything that needs unpredictable bytes (recovery tokens, salts) takes an
//! [`EntropySource`]. Production code passes [`OsEntropy`] (the operating system's generator,
//! behind the default-on `os-entropy` feature); tests pass [`FixedEntropy`], so that every token
//! they see is known in advance.
//!
//! ```
//! use apart::entropy::{EntropySource, FixedEntropy};
//!
//! let mut rng = FixedEntropy::new(vec![1, 2, 3]);
//! let mut buf = [0u8; 5];
//! rng.fill(&mut buf)?;
//! assert_eq!(buf, [1, 2, 3, 1, 2]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::diagnostic::{Detail, Diagnostic, Lang, french_display};

/// A source of random bytes. Implementations for secrets must be cryptographically secure.
///
/// # Example
///
/// ```
/// use apart::entropy::{EntropyError, EntropySource};
/// use apart::recovery::{issue, Purpose, TokenPolicy};
/// use apart::Diagnostic;
///
/// struct Unplugged; // a hardware generator that does not answer
/// impl EntropySource for Unplugged {
///     fn fill(&mut self, _dest: &mut [u8]) -> Result<(), EntropyError> {
///         Err(EntropyError::new("HSM unreachable"))
///     }
/// }
/// let now = time::macros::datetime!(2026-03-02 10:00 UTC);
/// let policy = TokenPolicy::default();
/// let err = issue("ID12345", Purpose::PasswordReset, &policy, &[], &mut Unplugged, now);
/// assert_eq!(err.unwrap_err().code(), "ENTROPY_UNAVAILABLE"); // no token from a failed source
/// ```
pub trait EntropySource {
    /// Fills `dest` entirely with random bytes.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::entropy::{EntropySource, FixedEntropy};
    /// let mut buf = [0u8; 5];
    /// FixedEntropy::new(vec![9, 8]).fill(&mut buf)?;
    /// assert_eq!(buf, [9, 8, 9, 8, 9]); // every byte written
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`EntropyError`] when the source cannot deliver (the operating system refused).
    fn fill(&mut self, dest: &mut [u8]) -> Result<(), EntropyError>;
}

impl<E: EntropySource + ?Sized> EntropySource for &mut E {
    fn fill(&mut self, dest: &mut [u8]) -> Result<(), EntropyError> {
        (**self).fill(dest)
    }
}

/// The random source could not deliver bytes.
///
/// # Example
///
/// ```
/// use apart::{Diagnostic, Family, Lang, entropy::EntropyError};
/// let err = EntropyError::new("getrandom: no entropy source");
/// assert_eq!((err.code(), err.family()), ("ENTROPY_UNAVAILABLE", Family::Entropy));
/// assert_eq!(err.message(Lang::En), "no random bytes available: getrandom: no entropy source");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntropyError {
    reason: String,
}

impl EntropyError {
    /// An error with the source's own explanation.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::{Diagnostic, diagnostic::DetailValue, entropy::EntropyError};
    /// let err = EntropyError::new("HSM unreachable");
    /// assert_eq!(err.to_string(), "aucun octet aléatoire disponible (« HSM unreachable »)");
    /// assert_eq!(err.details(), [("reason", DetailValue::Text("HSM unreachable".into()))]);
    /// ```
    pub fn new(reason: impl Into<String>) -> Self {
        EntropyError {
            reason: reason.into(),
        }
    }
}

impl Diagnostic for EntropyError {
    fn family(&self) -> crate::diagnostic::Family {
        crate::diagnostic::Family::Entropy
    }

    fn code(&self) -> &'static str {
        "ENTROPY_UNAVAILABLE"
    }

    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => format!("no random bytes available: {}", self.reason),
            // The source's own words, quoted (a caller's source says them in its language).
            _ => format!("aucun octet aléatoire disponible (« {} »)", self.reason),
        }
    }

    fn details(&self) -> Vec<Detail> {
        vec![("reason", self.reason.clone().into())]
    }
}
french_display!(EntropyError);

/// The operating system's cryptographically secure generator (`getrandom`).
///
/// ```
/// use apart::entropy::{EntropySource, OsEntropy};
/// let mut buf = [0u8; 32];
/// OsEntropy.fill(&mut buf)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "os-entropy")]
#[derive(Debug, Clone, Copy, Default)]
pub struct OsEntropy;

#[cfg(feature = "os-entropy")]
impl EntropySource for OsEntropy {
    fn fill(&mut self, dest: &mut [u8]) -> Result<(), EntropyError> {
        getrandom::fill(dest).map_err(|e| EntropyError::new(e.to_string()))
    }
}

/// Deterministic bytes for tests and examples: the given pattern, repeated. **Never** use it
/// for real secrets.
///
/// An empty pattern gives zeros.
///
/// # Example
///
/// ```
/// use apart::entropy::{EntropySource, FixedEntropy};
/// let mut rng = FixedEntropy::new(vec![1, 2, 3]);
/// let (mut a, mut b) = ([0u8; 2], [0u8; 2]);
/// rng.fill(&mut a)?;
/// rng.fill(&mut b)?;
/// assert_eq!((a, b), ([1, 2], [3, 1])); // the pattern goes on from one call to the next
/// // An empty pattern is a test's mistake, not a source of zeros.
/// assert!(FixedEntropy::new(Vec::new()).fill(&mut [0u8; 3]).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedEntropy {
    pattern: Vec<u8>,
    position: usize,
}

impl FixedEntropy {
    /// A source repeating `pattern` (an empty one fails every fill with an
    /// [`EntropyError`]).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::entropy::FixedEntropy;
    /// use apart::recovery::{issue, Purpose, TokenPolicy};
    /// let now = time::macros::datetime!(2026-03-02 10:00 UTC);
    /// let mut zeros = FixedEntropy::new(vec![0]);
    /// let issued = issue("ID12345", Purpose::PasswordReset, &TokenPolicy::default(), &[], &mut zeros, now)?;
    /// // A 16-byte id and a 32-byte secret, all zeros, in base64url: known before the test runs.
    /// assert_eq!(issued.secret.expose(), format!("{}.{}", "A".repeat(22), "A".repeat(43)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(pattern: Vec<u8>) -> Self {
        FixedEntropy {
            pattern,
            position: 0,
        }
    }
}

impl EntropySource for FixedEntropy {
    fn fill(&mut self, dest: &mut [u8]) -> Result<(), EntropyError> {
        if self.pattern.is_empty() && !dest.is_empty() {
            return Err(EntropyError::new("empty fixed pattern"));
        }
        for byte in dest.iter_mut() {
            *byte = self.pattern.get(self.position).copied().unwrap_or(0);
            self.position += 1;
            if self.position >= self.pattern.len() {
                self.position = 0;
            }
        }
        Ok(())
    }
}

/// A source several threads share (a front end's `Entropy` object): any source behind a lock,
/// drawn from through a shared reference. A lock poisoned by a panic elsewhere is still used:
/// the sources hold no invariant a partial fill could break.
///
/// ```
/// use apart::entropy::{EntropySource, FixedEntropy, SharedEntropy};
/// let shared = SharedEntropy::new(FixedEntropy::new(vec![7]));
/// let mut buf = [0u8; 2];
/// (&shared).fill(&mut buf)?;
/// assert_eq!(buf, [7, 7]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct SharedEntropy(std::sync::Mutex<Box<dyn EntropySource + Send>>);

impl SharedEntropy {
    /// `source`, shared.
    ///
    /// ```
    /// let shared = apart::entropy::SharedEntropy::new(apart::entropy::FixedEntropy::new(vec![1]));
    /// assert_eq!(format!("{shared:?}"), "SharedEntropy");
    /// ```
    pub fn new(source: impl EntropySource + Send + 'static) -> SharedEntropy {
        SharedEntropy(std::sync::Mutex::new(Box::new(source)))
    }
}

impl std::fmt::Debug for SharedEntropy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SharedEntropy")
    }
}

impl EntropySource for &SharedEntropy {
    fn fill(&mut self, dest: &mut [u8]) -> Result<(), EntropyError> {
        let mut source = self.0.lock().unwrap_or_else(|p| p.into_inner());
        source.fill(dest)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn fixed_entropy_cycles_and_empty_fails() {
        let mut rng = FixedEntropy::new(vec![7, 8]);
        let mut buf = [0u8; 3];
        rng.fill(&mut buf).unwrap();
        assert_eq!(buf, [7, 8, 7]);
        let mut empty = FixedEntropy::new(Vec::new());
        let err = empty.fill(&mut buf).unwrap_err();
        assert_eq!(err.code(), "ENTROPY_UNAVAILABLE");
        assert!(
            empty.fill(&mut []).is_ok(),
            "nothing asked, nothing missing"
        );
    }

    #[cfg(feature = "os-entropy")]
    #[test]
    fn os_entropy_gives_different_secrets() {
        let (mut a, mut b) = ([0u8; 32], [0u8; 32]);
        OsEntropy.fill(&mut a).unwrap();
        OsEntropy.fill(&mut b).unwrap();
        assert_ne!(a, b);
    }

    #[test]
    fn error_has_code_and_messages() {
        let e = EntropyError::new("boom");
        assert_eq!(e.code(), "ENTROPY_UNAVAILABLE");
        assert_eq!(e.to_string(), "aucun octet aléatoire disponible (« boom »)");
    }
}
