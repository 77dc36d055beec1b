//! The harness shared by the suite's account, recovery and audit tests: one instant, the
//! establishments, records built in a given state as a store would hold them, deterministic
//! entropy, and redemption proofs obtained the only way there is (issue, then redeem).

use apart::account::{Purpose, Redeemed};
use apart::entropy::FixedEntropy;
use apart::machine::{Machine, Snapshot, State};
use apart::recovery::{TokenPolicy, WireToken, issue, redeem};
use apart::siret::Siret;
use serde::Serialize;
use time::{OffsetDateTime, macros::datetime};

/// The instant most tests happen at.
pub const T0: OffsetDateTime = datetime!(2026-03-02 10:00 UTC);
/// An establishment (the INSEE example).
pub const SIRET: &str = "73282932000074";
/// An accountant firm.
pub const FIRM: &str = "55208131766522";

/// [`SIRET`] as a value.
pub fn siret() -> Siret {
    SIRET.parse().unwrap()
}

/// [`FIRM`] as a value.
pub fn firm() -> Siret {
    FIRM.parse().unwrap()
}

/// A snapshot of `M` in `state` with `context`, restored through the JSON door as a stored one
/// (version 0, no history: a record imported in that state).
pub fn at<M: Machine>(state: M::State, context: &M::Context) -> Snapshot<M>
where
    M::Context: Serialize,
{
    Snapshot::<M>::from_value(serde_json::json!({
        "machine": M::ID, "schema_version": M::SCHEMA_VERSION, "state": state.name(),
        "context": context, "version": 0, "history": []
    }))
    .unwrap_or_else(|e| panic!("{} in {}: {e}", M::ID, state.name()))
}

/// A deterministic entropy source: 48 bytes derived from `seed`, repeated.
pub fn rng(seed: u8) -> FixedEntropy {
    FixedEntropy::new(
        (0..48u8)
            .map(|i| i.wrapping_mul(31).wrapping_add(seed))
            .collect(),
    )
}

/// The proof that a token for `subject` and `purpose` was redeemed at `now`.
pub fn proof(subject: &str, purpose: Purpose, now: OffsetDateTime) -> Redeemed {
    let policy = TokenPolicy::default();
    let issued = issue(subject, purpose, &policy, &[], &mut rng(77), now).unwrap();
    let wire = WireToken::parse(issued.secret.expose()).unwrap();
    redeem(&wire, purpose, Some(&issued.token), &policy, now)
        .result
        .unwrap()
}
