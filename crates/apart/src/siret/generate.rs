//! Valid numbers for test fixtures, from randomness the caller supplies.
//!
//! The core has no global RNG (design §2): every generator takes an [`Entropy`] source. Any
//! `FnMut() -> u64` closure is one, and [`SplitMix64`] is a small seeded one for reproducible
//! fixtures (the CLI's `--seed`). This is not cryptographic randomness and need not be.
//!
//! ```
//! use apart::siret::generate::{self, SplitMix64};
//!
//! let mut rng = SplitMix64::new(42);
//! let siret = generate::siret(&mut rng);
//! assert!(apart::siret::is_valid_siret(siret.as_str()));
//! let la_poste = generate::la_poste_siret(&mut rng);
//! assert!(la_poste.is_la_poste());
//! ```

use super::{Siren, Siret};

/// A source of random 64-bit words.
///
/// ```
/// use apart::siret::generate::{self, Entropy};
/// let mut counter = 0u64;
/// let mut next = || { counter += 1; counter.wrapping_mul(0x9E37_79B9_7F4A_7C15) };
/// let siren = generate::siren(&mut next);
/// assert_eq!(siren.as_str().len(), 9);
/// ```
pub trait Entropy {
    /// The next random word.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::siret::generate::{self, Entropy};
    /// let mut sixes = || 6u64; // a closure is a source
    /// assert_eq!(sixes.next_u64(), 6);
    /// // One word per digit, 6 % 10 = 6: the SIREN 66666666 with its Luhn key.
    /// assert_eq!(generate::siren(&mut sixes).as_str(), "666666664");
    /// ```
    fn next_u64(&mut self) -> u64;
}

impl<F: FnMut() -> u64> Entropy for F {
    fn next_u64(&mut self) -> u64 {
        self()
    }
}

/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny seeded generator, good enough for fixtures.
///
/// ```
/// use apart::siret::generate::{Entropy, SplitMix64};
/// let (mut a, mut b) = (SplitMix64::new(7), SplitMix64::new(7));
/// assert_eq!(a.next_u64(), b.next_u64());
/// ```
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator started from `seed`: the same seed gives the same sequence.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::siret::generate::{self, Entropy, SplitMix64};
    /// // The first word of the reference SplitMix64 (Vigna) from seed 0.
    /// assert_eq!(SplitMix64::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
    /// let siret = |seed| generate::siret(&mut SplitMix64::new(seed));
    /// assert_eq!(siret(42), siret(42)); // reproducible fixtures (the CLI's --seed)
    /// ```
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }
}

/// SplitMix64's step: added to the state before each word.
const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's word of the state `z`.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Entropy for SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GAMMA);
        mix(self.state)
    }
}

/// [`SplitMix64`] shared between threads, each word drawn atomically (`&SharedSplitMix64` is
/// the source): on one thread, the same sequence as [`SplitMix64`] from the same seed. What the
/// bindings' generator objects hold.
///
/// ```
/// use apart::siret::generate::{self, SharedSplitMix64, SplitMix64};
/// let shared = SharedSplitMix64::new(42);
/// assert_eq!(generate::siret(&mut &shared), generate::siret(&mut SplitMix64::new(42)));
/// ```
#[derive(Debug)]
pub struct SharedSplitMix64(std::sync::atomic::AtomicU64);

impl SharedSplitMix64 {
    /// A generator started from `seed`, as [`SplitMix64::new`].
    ///
    /// ```
    /// use apart::siret::generate::{Entropy, SharedSplitMix64};
    /// // The first word of the reference SplitMix64 (Vigna) from seed 0.
    /// assert_eq!((&SharedSplitMix64::new(0)).next_u64(), 0xE220_A839_7B1D_CDAF);
    /// ```
    pub fn new(seed: u64) -> SharedSplitMix64 {
        SharedSplitMix64(std::sync::atomic::AtomicU64::new(seed))
    }
}

impl Entropy for &SharedSplitMix64 {
    fn next_u64(&mut self) -> u64 {
        let before = self
            .0
            .fetch_add(GAMMA, std::sync::atomic::Ordering::Relaxed);
        mix(before.wrapping_add(GAMMA))
    }
}

/// `N` random ASCII digits.
fn digits<const N: usize>(rng: &mut impl Entropy) -> [u8; N] {
    let mut out = [b'0'; N];
    for d in out.iter_mut() {
        // The bias of `% 10` on a 64-bit word is below 1e-18: irrelevant for fixtures.
        *d = b'0' + (rng.next_u64() % 10) as u8;
    }
    out
}

/// A random valid SIREN (never the placeholder `000000000`).
///
/// ```
/// use apart::siret::generate::{self, SplitMix64};
/// let siren = generate::siren(&mut SplitMix64::new(1));
/// assert!(siren.as_str().parse::<apart::siret::Siren>().is_ok());
/// ```
pub fn siren(rng: &mut impl Entropy) -> Siren {
    loop {
        let prefix = digits::<8>(rng);
        // Only `00000000` fails (the placeholder): one draw in 10^8.
        if let Ok(siren) = Siren::complete(std::str::from_utf8(&prefix).unwrap_or("")) {
            return siren;
        }
    }
}

/// A random valid SIRET on a random SIREN (La Poste only by chance, one draw in 10^8).
///
/// ```
/// use apart::siret::generate::{self, SplitMix64};
/// let siret = generate::siret(&mut SplitMix64::new(1));
/// assert!(siret.as_str().parse::<apart::siret::Siret>().is_ok());
/// ```
pub fn siret(rng: &mut impl Entropy) -> Siret {
    siret_of(siren(rng), rng)
}

/// A random valid SIRET of establishment of `siren` (La Poste's rule when `siren` is La Poste's).
///
/// ```
/// use apart::siret::generate::{self, SplitMix64};
/// let siren = "732829320".parse()?;
/// assert_eq!(generate::siret_of(siren, &mut SplitMix64::new(1)).siren(), siren);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn siret_of(siren: Siren, rng: &mut impl Entropy) -> Siret {
    loop {
        let rank = digits::<4>(rng);
        if let Ok(siret) = Siret::complete(siren, std::str::from_utf8(&rank).unwrap_or("")) {
            return siret;
        }
    }
}

/// A random valid La Poste SIRET (SIREN `356000000`).
///
/// Half of them get the digit-sum key (as La Poste numbers its establishments), half the Luhn
/// key, so that fixtures exercise both branches of INSEE's rule.
///
/// ```
/// use apart::siret::generate::{self, SplitMix64};
/// let siret = generate::la_poste_siret(&mut SplitMix64::new(3));
/// assert!(siret.is_la_poste());
/// ```
pub fn la_poste_siret(rng: &mut impl Entropy) -> Siret {
    let la_poste = Siren(super::luhn::LA_POSTE);
    if rng.next_u64() % 2 == 0 {
        return siret_of(la_poste, rng);
    }
    loop {
        let mut b = [b'0'; 14];
        b.iter_mut()
            .zip(la_poste.0.iter().chain(digits::<5>(rng).iter()))
            .for_each(|(t, s)| *t = *s);
        let key = super::luhn::luhn_key(&b);
        if let Some(last) = b.last_mut() {
            *last = b'0' + key;
        }
        if let Ok(siret) = Siret::from_ascii(b) {
            return siret;
        }
    }
}

/// Which SIRETs to generate: any (the default), La Poste's, or the establishments of one SIREN
/// (`siren` wins over `la_poste`).
///
/// ```
/// use apart::siret::generate::{GenerateOptions, SplitMix64};
/// let options: GenerateOptions = serde_json::from_str(r#"{"siren": "732 829 320"}"#)?;
/// assert_eq!(options.siret(&mut SplitMix64::new(1)).siren().as_str(), "732829320");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GenerateOptions {
    /// Establishments of this SIREN only.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "string"))]
    pub siren: Option<Siren>,
    /// La Poste SIRETs (SIREN 356000000, digit-sum rule).
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub la_poste: bool,
}

impl GenerateOptions {
    /// The next SIRET these options ask for.
    ///
    /// ```
    /// use apart::siret::generate::{GenerateOptions, SplitMix64};
    /// let options = GenerateOptions { la_poste: true, ..GenerateOptions::default() };
    /// assert!(options.siret(&mut SplitMix64::new(1)).is_la_poste());
    /// ```
    pub fn siret(&self, rng: &mut impl Entropy) -> Siret {
        match (self.siren, self.la_poste) {
            (Some(siren), _) => siret_of(siren, rng),
            (None, true) => la_poste_siret(rng),
            (None, false) => siret(rng),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_numbers_are_valid_and_reproducible() {
        let mut a = SplitMix64::new(42);
        let mut b = SplitMix64::new(42);
        for _ in 0..1000 {
            let s = siret(&mut a);
            assert_eq!(s, siret(&mut b));
            assert!(Siret::parse(s.as_str()).is_ok());
            let p = la_poste_siret(&mut a);
            la_poste_siret(&mut b);
            assert!(p.is_la_poste() && Siret::parse(p.as_str()).is_ok());
        }
    }
}
