//! Every lifecycle as a [`Machine`] object speaking JSON (`apart::machine::DynMachine`):
//! snapshots and effects are JSON text the caller stores and reads, events are serde-tagged
//! JSON (`{"type": "Submit", …}`). `now` is an [`OffsetInstant`] (`java.time.OffsetDateTime`): its offset is the
//! establishment's local time, from which the procedure takes local dates.

use std::sync::Arc;

use apart::machine::{Actor, JsonStep};
use apart::procedure::HeldMachine;

use crate::{ApartError, OffsetInstant};

/// One lifecycle of the library (`apart.da`, `apart.onboarding`…), driven through JSON.
#[derive(Debug, uniffi::Object)]
pub struct Machine(HeldMachine);

/// Names as Kotlin and Swift strings.
fn names(v: Vec<&'static str>) -> Vec<String> {
    v.into_iter().map(str::to_owned).collect()
}

/// Every lifecycle of the library.
#[uniffi::export]
pub fn machines() -> Vec<Arc<Machine>> {
    apart::machines()
        .iter()
        .map(|m| Arc::new(Machine(HeldMachine::Builtin(*m))))
        .collect()
}

/// The machine whose id is `id`, if there is one.
#[uniffi::export]
pub fn machine_by_id(id: String) -> Option<Arc<Machine>> {
    apart::machine_by_id(&id).map(|m| Arc::new(Machine(HeldMachine::Builtin(m))))
}

#[uniffi::export]
impl Machine {
    /// The same machine reading `book` (a copy of it, as it is now) for its deadlines and
    /// quotas (`apart.da`, `apart.di`) instead of the built-in law; the machines that read no
    /// law come back as they are.
    pub fn with_law(&self, book: &crate::indemnity::LawBook) -> Arc<Machine> {
        Arc::new(Machine(self.0.with_law(Arc::new(book.read().clone()))))
    }

    /// Whether `state` is terminal; `null` for an unknown state name.
    pub fn is_terminal_state(&self, state: String) -> Option<bool> {
        self.0.is_terminal_state(&state)
    }

    /// A new snapshot in the initial state, from the machine's context as JSON.
    pub fn new_snapshot(&self, context_json: String) -> Result<String, ApartError> {
        Ok(self.0.new_snapshot(&context_json)?)
    }

    /// Validates (and migrates) a stored snapshot, returning it as this library writes it.
    pub fn restore(&self, snapshot_json: String) -> Result<String, ApartError> {
        Ok(self.0.restore(&snapshot_json)?)
    }

    /// The snapshot with its seal (HMAC-SHA-256 under `key`, at least 32 bytes from your secret
    /// store): the form to store.
    pub fn seal(&self, snapshot_json: String, key: Vec<u8>) -> Result<String, ApartError> {
        let key = apart::seal::SealKey::new(&key).map_err(apart::Error::from)?;
        Ok(self.0.seal(&snapshot_json, &key)?)
    }

    /// The snapshot of a sealed one, once its seal is checked under `key` (`SEAL_MISSING`,
    /// `SEAL_INVALID`: edited, or sealed with another key).
    pub fn open(&self, sealed_json: String, key: Vec<u8>) -> Result<String, ApartError> {
        let key = apart::seal::SealKey::new(&key).map_err(apart::Error::from)?;
        Ok(self.0.open(&sealed_json, &key)?)
    }

    /// The state's name of a snapshot.
    pub fn state_of(&self, snapshot_json: String) -> Result<String, ApartError> {
        Ok(self.0.state_of(&snapshot_json)?.to_owned())
    }

    /// Applies an event: the new snapshot and the effects.
    pub fn apply(
        &self,
        snapshot_json: String,
        event_json: String,
        actor: Actor,
        now: OffsetInstant,
    ) -> Result<JsonStep, ApartError> {
        Ok(self.0.apply(&snapshot_json, &event_json, actor, now)?)
    }

    /// Whether the event would be accepted (the same error as `apply` when not).
    pub fn can(
        &self,
        snapshot_json: String,
        event_json: String,
        actor: Actor,
        now: OffsetInstant,
    ) -> Result<(), ApartError> {
        Ok(self.0.can(&snapshot_json, &event_json, actor, now)?)
    }

    /// The events `actor` may send now.
    pub fn allowed_events(
        &self,
        snapshot_json: String,
        actor: Actor,
        now: OffsetInstant,
    ) -> Result<Vec<String>, ApartError> {
        Ok(names(self.0.allowed_events(&snapshot_json, actor, now)?))
    }

    /// Applies the timed transitions due at `now`.
    pub fn tick(&self, snapshot_json: String, now: OffsetInstant) -> Result<JsonStep, ApartError> {
        Ok(self.0.tick(&snapshot_json, now)?)
    }

    /// When the next timed transition is due, if any.
    pub fn next_deadline(
        &self,
        snapshot_json: String,
    ) -> Result<Option<OffsetInstant>, ApartError> {
        Ok(self.0.next_deadline(&snapshot_json)?)
    }
}

getters!(Machine {
    /// The machine's id (`"apart.da"`).
    id -> String => str::to_owned;
    /// The snapshot schema version this library writes.
    schema_version -> i64 => i64::from;
    /// The initial state's name.
    initial_state -> String => str::to_owned;
    /// Every state's name, in declaration order.
    states -> Vec<String> => names;
    /// Every event name, in table order.
    events -> Vec<String> => names;
    /// The Mermaid diagram.
    mermaid -> String;
    /// The Graphviz diagram.
    dot -> String;
});
