//! Snapshots: a machine's state and context, versioned, with their history; and the functions
//! that move them along the table.

use serde::{Deserialize, Serialize};
use std::fmt;
use time::OffsetDateTime;

use super::table::{is_terminal, rows_from};
use super::{Actor, Event, Machine, SnapshotError, State, Transition, TransitionError};

/// One line of a snapshot's history: who sent which event when, and what it changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// When the transition happened (for a timed transition: when it fell due).
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// Who sent the event.
    pub actor: Actor,
    /// The event's name.
    pub event: String,
    /// The state before.
    pub from: String,
    /// The state after.
    pub to: String,
}

/// The result of a transition: the new snapshot and the effects the caller must carry out, in
/// order.
pub struct Step<M: Machine> {
    /// The snapshot to store (its [`Snapshot::version`] is one more per transition taken).
    pub snapshot: Snapshot<M>,
    /// What the caller must do now (send an e-mail, schedule a deadline, …).
    pub effects: Vec<M::Effect>,
}

impl<M: Machine> Clone for Step<M> {
    fn clone(&self) -> Self {
        Step {
            snapshot: self.snapshot.clone(),
            effects: self.effects.clone(),
        }
    }
}

impl<M: Machine> PartialEq for Step<M> {
    fn eq(&self, other: &Self) -> bool {
        self.snapshot == other.snapshot && self.effects == other.effects
    }
}

impl<M: Machine> fmt::Debug for Step<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Step")
            .field("snapshot", &self.snapshot)
            .field("effects", &self.effects)
            .finish()
    }
}

/// A machine's state and context at one point, with its history: the record the caller stores.
///
/// Every snapshot is in a state of its machine's table; it only changes through
/// [`Snapshot::apply`] and [`Snapshot::tick`], each transition adding one to
/// [`Snapshot::version`] and one line to [`Snapshot::history`].
pub struct Snapshot<M: Machine> {
    state: M::State,
    context: M::Context,
    version: u64,
    history: Vec<HistoryEntry>,
}

impl<M: Machine> Clone for Snapshot<M> {
    fn clone(&self) -> Self {
        Snapshot {
            state: self.state,
            context: self.context.clone(),
            version: self.version,
            history: self.history.clone(),
        }
    }
}

impl<M: Machine> PartialEq for Snapshot<M> {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state
            && self.context == other.context
            && self.version == other.version
            && self.history == other.history
    }
}

impl<M: Machine> fmt::Debug for Snapshot<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Snapshot")
            .field("machine", &M::ID)
            .field("state", &self.state)
            .field("context", &self.context)
            .field("version", &self.version)
            .field("history", &self.history)
            .finish()
    }
}

/// Bounds the number of timed transitions one `tick` may take, so that a machine whose timer
/// would keep firing cannot loop forever.
const MAX_TIMED_STEPS: usize = 32;

impl<M: Machine> Snapshot<M> {
    /// A new snapshot in the machine's initial state, at version 0, with an empty history.
    pub fn new(context: M::Context) -> Self {
        Snapshot {
            state: M::initial(),
            context,
            version: 0,
            history: Vec::new(),
        }
    }

    /// The current state.
    pub fn state(&self) -> M::State {
        self.state
    }

    /// What the machine remembers besides its state.
    pub fn context(&self) -> &M::Context {
        &self.context
    }

    /// The number of transitions taken so far: store snapshots with compare-and-swap on it.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Every transition taken, oldest first.
    pub fn history(&self) -> &[HistoryEntry] {
        &self.history
    }

    /// Whether no event can change this snapshot any more.
    pub fn is_terminal(&self) -> bool {
        is_terminal::<M>(self.state)
    }

    /// Checks whether `actor` may send `event` now, without changing anything. Runs exactly
    /// the checks of [`Snapshot::apply`] except the action.
    ///
    /// # Errors
    ///
    /// The [`TransitionError`] that `apply` would return.
    pub fn can(
        &self,
        event: &M::Event,
        actor: Actor,
        now: OffsetDateTime,
    ) -> Result<(), TransitionError> {
        self.select(event.name(), Some(event), actor, now)
            .map(|_| ())
    }

    /// The names of the events `actor` may send now, in table order, judged from the snapshot
    /// alone (guards that need an event's data are checked by `apply`).
    pub fn allowed_events(&self, actor: Actor, now: OffsetDateTime) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = Vec::new();
        for row in rows_from::<M>(self.state) {
            if names.contains(&row.event) {
                continue;
            }
            if self.select(row.event, None, actor, now).is_ok() {
                names.push(row.event);
            }
        }
        names
    }

    /// Sends `event` as `actor` at `now`.
    ///
    /// # Errors
    ///
    /// * `TERMINAL_STATE` when the snapshot is in a terminal state;
    /// * `INVALID_TRANSITION` when no row leaves the state on this event;
    /// * `FORBIDDEN_ACTOR` when rows exist but none for this actor;
    /// * the guard's own code (for example `DA_ALREADY_DECIDED`) when a guard refuses.
    pub fn apply(
        &self,
        event: M::Event,
        actor: Actor,
        now: OffsetDateTime,
    ) -> Result<Step<M>, TransitionError> {
        let row = self.select(event.name(), Some(&event), actor, now)?;
        self.take(row, &event, actor, now)
    }

    /// Like [`Snapshot::apply`], but first checks that this snapshot is at `expected_version`,
    /// for callers that read, decide and write in separate steps.
    ///
    /// # Errors
    ///
    /// `STALE_SNAPSHOT` when the versions differ; otherwise as [`Snapshot::apply`].
    pub fn apply_expecting(
        &self,
        expected_version: u64,
        event: M::Event,
        actor: Actor,
        now: OffsetDateTime,
    ) -> Result<Step<M>, TransitionError> {
        if self.version != expected_version {
            return Err(TransitionError::StaleSnapshot {
                machine: M::ID,
                expected: expected_version,
                found: self.version,
            });
        }
        self.apply(event, actor, now)
    }

    /// The instant the next timed transition falls due, if any: when the caller's scheduler
    /// should call [`Snapshot::tick`].
    pub fn next_deadline(&self) -> Option<OffsetDateTime> {
        if self.is_terminal() {
            return None;
        }
        M::timer(self).map(|(at, _)| at)
    }

    /// Takes every timed transition that is due at `now`, in order, each dated at the instant it
    /// fell due. Returns the snapshot unchanged (and no effect) when nothing is due.
    ///
    /// # Errors
    ///
    /// A [`TransitionError`] if a due timed event is refused by the table: a defect of the
    /// machine's timer, reported rather than hidden.
    pub fn tick(&self, now: OffsetDateTime) -> Result<Step<M>, TransitionError> {
        let mut snapshot = self.clone();
        let mut effects = Vec::new();
        for _ in 0..MAX_TIMED_STEPS {
            if snapshot.is_terminal() {
                break;
            }
            let Some((due, event)) = M::timer(&snapshot) else {
                break;
            };
            if due > now {
                break;
            }
            let step = snapshot.apply(event, Actor::System, due)?;
            snapshot = step.snapshot;
            effects.extend(step.effects);
        }
        Ok(Step { snapshot, effects })
    }

    /// Finds the row `event` takes, running the same checks for `can`, `allowed_events` and
    /// `apply`.
    fn select(
        &self,
        event_name: &'static str,
        event: Option<&M::Event>,
        actor: Actor,
        now: OffsetDateTime,
    ) -> Result<&'static Transition<M::State>, TransitionError> {
        let from = self.state.name();
        if self.is_terminal() {
            return Err(TransitionError::TerminalState {
                machine: M::ID,
                from,
                event: event_name,
            });
        }
        let mut rows = rows_from::<M>(self.state)
            .filter(|row| row.event == event_name)
            .peekable();
        if rows.peek().is_none() {
            let mut allowed: Vec<&'static str> = Vec::new();
            for row in rows_from::<M>(self.state) {
                if !allowed.contains(&row.event) {
                    allowed.push(row.event);
                }
            }
            return Err(TransitionError::InvalidTransition {
                machine: M::ID,
                from,
                event: event_name,
                allowed,
            });
        }
        let mut first_refusal = None;
        let mut actor_allowed = false;
        for row in rows {
            if !row.allows(actor) {
                continue;
            }
            actor_allowed = true;
            let refused = row.guards.iter().find_map(|guard| {
                M::guard(guard, self, event, now)
                    .err()
                    .map(|refusal| (*guard, Box::new(refusal)))
            });
            match refused {
                None => return Ok(row),
                Some(failure) => {
                    first_refusal.get_or_insert(failure);
                }
            }
        }
        match first_refusal {
            Some((guard, refusal)) if actor_allowed => Err(TransitionError::GuardFailed {
                machine: M::ID,
                from,
                event: event_name,
                guard,
                refusal,
            }),
            _ => Err(TransitionError::ForbiddenActor {
                machine: M::ID,
                from,
                event: event_name,
                actor: actor.name(),
            }),
        }
    }

    fn take(
        &self,
        row: &'static Transition<M::State>,
        event: &M::Event,
        actor: Actor,
        now: OffsetDateTime,
    ) -> Result<Step<M>, TransitionError> {
        let mut context = self.context.clone();
        let effects = M::act(row, &mut context, event, now).map_err(|refusal| {
            TransitionError::GuardFailed {
                machine: M::ID,
                from: self.state.name(),
                event: row.event,
                guard: "action",
                refusal: Box::new(refusal),
            }
        })?;
        let mut history = self.history.clone();
        history.push(HistoryEntry {
            at: now,
            actor,
            event: row.event.to_owned(),
            from: row.from.name().to_owned(),
            to: row.to.name().to_owned(),
        });
        let snapshot = Snapshot {
            state: row.to,
            context,
            version: self.version.saturating_add(1),
            history,
        };
        Ok(Step { snapshot, effects })
    }

    /// The snapshot as JSON: `{"machine", "schema_version", "state", "context", "version",
    /// "history"}`.
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail; fall back to an empty object
        // rather than panic if a caller-defined context ever refuses.
        serde_json::to_string(&self.to_value()).unwrap_or_else(|_| "{}".to_owned())
    }

    /// The snapshot as a JSON value (see [`Snapshot::to_json`]).
    pub fn to_value(&self) -> serde_json::Value {
        let wire = WireOut {
            machine: M::ID,
            schema_version: M::SCHEMA_VERSION,
            state: self.state.name(),
            context: &self.context,
            version: self.version,
            history: &self.history,
        };
        serde_json::to_value(wire).unwrap_or(serde_json::Value::Null)
    }

    /// Restores a snapshot written by [`Snapshot::to_json`], migrating older schema versions.
    ///
    /// # Errors
    ///
    /// `SNAPSHOT_MALFORMED`, `SNAPSHOT_WRONG_MACHINE`, `SNAPSHOT_VERSION_UNSUPPORTED` or
    /// `SNAPSHOT_UNKNOWN_STATE`.
    pub fn from_json(json: &str) -> Result<Self, SnapshotError> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| SnapshotError::Malformed {
                machine: M::ID,
                reason: e.to_string(),
            })?;
        Self::from_value(value)
    }

    /// Restores a snapshot from a JSON value (see [`Snapshot::from_json`]).
    ///
    /// # Errors
    ///
    /// As [`Snapshot::from_json`].
    pub fn from_value(value: serde_json::Value) -> Result<Self, SnapshotError> {
        let malformed = |e: serde_json::Error| SnapshotError::Malformed {
            machine: M::ID,
            reason: e.to_string(),
        };
        let wire: WireIn = serde_json::from_value(value).map_err(malformed)?;
        if wire.machine != M::ID {
            return Err(SnapshotError::WrongMachine {
                expected: M::ID,
                found: wire.machine,
            });
        }
        let mut context = wire.context;
        let mut schema = wire.schema_version;
        if schema > M::SCHEMA_VERSION || schema == 0 {
            return Err(SnapshotError::VersionUnsupported {
                machine: M::ID,
                found: schema,
                supported: M::SCHEMA_VERSION,
            });
        }
        while schema < M::SCHEMA_VERSION {
            context = M::migrate(schema, context)?;
            schema += 1;
        }
        let state = M::State::from_name(&wire.state).ok_or(SnapshotError::UnknownState {
            machine: M::ID,
            state: wire.state,
        })?;
        let context = serde_json::from_value(context).map_err(malformed)?;
        Ok(Snapshot {
            state,
            context,
            version: wire.version,
            history: wire.history,
        })
    }
}

#[derive(Serialize)]
struct WireOut<'a, C> {
    machine: &'static str,
    schema_version: u32,
    state: &'static str,
    context: &'a C,
    version: u64,
    history: &'a [HistoryEntry],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireIn {
    machine: String,
    schema_version: u32,
    state: String,
    context: serde_json::Value,
    version: u64,
    #[serde(default)]
    history: Vec<HistoryEntry>,
}
