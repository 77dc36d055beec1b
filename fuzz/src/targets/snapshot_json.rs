//! Arbitrary text as a stored snapshot, into the machine it names (or one picked by its first
//! byte): `restore`, `open` (sealed), `state_of`, `allowed_events`, `tick`, `next_deadline` of
//! `apart::machines()`, and the generic `SealKey::seal_value` / `open_value`.
//!
//! Checks: no panic, bounded work (the 4 MiB limit, history cap); errors render short; a snapshot
//! that is accepted restores to itself, seals and opens back (also re-spaced), never opens under
//! another key, and answers every question; a tick's snapshot is storable; whatever restores
//! agrees with `state_of`; any JSON object seals and opens back; `Snapshot::from_json` (which
//! reads a current snapshot's context straight from the text) accepts nothing that the general
//! path through a JSON value (`Snapshot::from_value`) refuses, and reads the same snapshot.

use crate::check_diagnostic;
use crate::machines::{Depth, check_snapshot, key, named, other_key};
use apart::diagnostic::Diagnostic;
use apart::machine::{DynMachine, Machine, Snapshot};
use apart::{account, procedure, recovery};
use time::macros::datetime;

/// `from_json` and `from_value` agree on every text `from_json` accepts.
fn both_paths<M: Machine>(text: &str) {
    let Ok(direct) = Snapshot::<M>::from_json(text) else {
        return;
    };
    let value: serde_json::Value = serde_json::from_str(text).expect("accepted text is JSON");
    match Snapshot::<M>::from_value(value) {
        Ok(general) => assert_eq!(direct, general, "{}: the two paths differ", M::ID),
        Err(e) => panic!(
            "{}: from_json took what from_value refuses ({})",
            M::ID,
            e.code()
        ),
    }
}

fn both_paths_of(m: &dyn DynMachine, text: &str) {
    match m.id() {
        "apart.onboarding" => both_paths::<account::OnboardingMachine>(text),
        "apart.credential" => both_paths::<account::CredentialMachine>(text),
        "apart.habilitation" => both_paths::<account::HabilitationMachine>(text),
        "apart.recovery_token" => both_paths::<recovery::TokenMachine>(text),
        "apart.mandate" => both_paths::<account::MandateMachine>(text),
        "apart.da" => both_paths::<procedure::da::DaMachine>(text),
        "apart.di" => both_paths::<procedure::di::DiMachine>(text),
        "apart.assistance" => both_paths::<procedure::assistance::AssistanceMachine>(text),
        other => panic!("a machine the target does not know: {other}"),
    }
}

/// One fuzz input.
pub fn run(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let m = named(input, data.first().copied().unwrap_or(0));
    let now = datetime!(2026-03-02 10:00 +01:00);
    both_paths_of(m, input);
    match m.restore(input) {
        Ok(snapshot) => {
            check_snapshot(m, &snapshot, now, Depth::Answers);
            assert_eq!(m.state_of(input).ok(), m.state_of(&snapshot).ok());
        }
        Err(e) => {
            check_diagnostic(&e);
            assert_eq!(m.state_of(input).map_err(|e| e.code()), Err(e.code()));
        }
    }
    match m.open(input, &key()) {
        Ok(snapshot) => {
            check_snapshot(m, &snapshot, now, Depth::Seals);
            assert!(m.open(input, &other_key()).is_err());
        }
        Err(e) => check_diagnostic(&e),
    }
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(input) {
        match key().seal_value(m.id(), &value) {
            Ok(sealed) => {
                assert_eq!(
                    key().open_value(m.id(), sealed.clone()).as_ref(),
                    Ok(&value)
                );
                assert!(key().open_value("another.kind", sealed).is_err());
            }
            Err(e) => check_diagnostic(&e),
        }
        if let Err(e) = key().open_value(m.id(), value) {
            check_diagnostic(&e);
        }
    }
}
