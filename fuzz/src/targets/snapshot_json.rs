//! Arbitrary text as a stored snapshot, into the machine it names (or one picked by its first
//! byte): `restore`, `open` (sealed), `state_of`, `allowed_events`, `tick`, `next_deadline` of
//! `apart::machines()`, and the generic `SealKey::seal_value` / `open_value`.
//!
//! Checks: no panic, bounded work (the 4 MiB limit, history cap); errors render short; a snapshot
//! that is accepted restores to itself, seals and opens back (also re-spaced), never opens under
//! another key, and answers every question; a tick's snapshot is storable; whatever restores
//! agrees with `state_of`; any JSON object seals and opens back.

use crate::check_diagnostic;
use crate::machines::{Depth, check_snapshot, key, named, other_key};
use apart::diagnostic::Diagnostic;
use time::macros::datetime;

/// One fuzz input.
pub fn run(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let m = named(input, data.first().copied().unwrap_or(0));
    let now = datetime!(2026-03-02 10:00 +01:00);
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
