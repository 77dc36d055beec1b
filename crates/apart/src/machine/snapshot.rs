//! Snapshots: a machine's state and context, versioned, with their history; and the functions
//! that move them along the table.

use serde::{Deserialize, Serialize};
use std::fmt;
use time::OffsetDateTime;

use super::error::quote;
use super::table::{is_terminal, rows_from};
use super::{
    Actor, Event, EventKind, EventKindOf, Guard, Machine, SnapshotError, State, Transition,
    TransitionError, WriteProblem,
};
use crate::calendar::{check_instant, format_instant};
use crate::seal::{SEAL_MEMBER_BYTES, SealKey};

/// One line of a snapshot's history: who sent which event when, and what it changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    /// When the transition happened (for a timed transition: when it fell due).
    #[serde(with = "crate::calendar::serde::instant")]
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
    /// Entries dropped from the front of `history` to keep it within `history_limit`.
    history_dropped: u64,
    /// The most entries `history` keeps (`M::HISTORY_LIMIT` unless the caller chose another).
    history_limit: usize,
}

impl<M: Machine> Clone for Snapshot<M> {
    fn clone(&self) -> Self {
        Snapshot {
            state: self.state,
            context: self.context.clone(),
            version: self.version,
            history: self.history.clone(),
            history_dropped: self.history_dropped,
            history_limit: self.history_limit,
        }
    }
}

impl<M: Machine> PartialEq for Snapshot<M> {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state
            && self.context == other.context
            && self.version == other.version
            && self.history == other.history
            && self.history_dropped == other.history_dropped
            && self.history_limit == other.history_limit
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
            .field("history_dropped", &self.history_dropped)
            .finish()
    }
}

/// How far `now` may be before a snapshot's last transition (clocks of two servers disagree by
/// a little): the largest leeway of the library, as for tokens and human checks. Further back,
/// [`Snapshot::apply`] refuses with `MACHINE_CLOCK_BEHIND`.
///
/// ```
/// assert_eq!(apart::machine::MAX_CLOCK_SKEW, time::Duration::seconds(120));
/// ```
pub const MAX_CLOCK_SKEW: time::Duration = time::Duration::seconds(120);

/// Bounds the number of timed transitions one `tick` may take, so that a machine whose timer
/// would keep firing cannot loop forever.
const MAX_TIMED_STEPS: usize = 32;

/// The longest snapshot JSON [`Snapshot::from_json`] and [`Snapshot::open`] read, in bytes
/// (4 MiB): a DI of several thousand employees fits; a hostile document is refused before it is
/// parsed.
pub const MAX_SNAPSHOT_BYTES: usize = 4 * 1024 * 1024;

/// The largest history a snapshot may be asked to keep ([`Snapshot::with_history_limit`]).
pub const MAX_HISTORY_LIMIT: usize = 10_000;

impl<M: Machine> Snapshot<M> {
    /// A new snapshot in the machine's initial state, at version 0, with an empty history.
    ///
    /// The context is checked as reading a stored snapshot checks it, so that what is returned
    /// can be stored and read back: it must be possible in the initial state (the record
    /// constructors make it so: `Habilitation::new` has no grant; a habilitation given
    /// `granted_at` by hand is refused), and it must be writable within
    /// [`MAX_SNAPSHOT_BYTES`] (instants of years 0000 to 9999, offsets in whole minutes).
    ///
    /// # Errors
    ///
    /// `MACHINE_INPUT_MALFORMED` (of the `context`), naming the field that disagrees with the
    /// initial state or the value that cannot be written; `SNAPSHOT_TOO_LARGE` past
    /// [`MAX_SNAPSHOT_BYTES`].
    ///
    /// # Example
    ///
    /// ```
    /// use apart::account::{Application, Habilitation, HabilitationMachine};
    /// use apart::machine::Snapshot;
    /// use apart::Diagnostic;
    /// use time::macros::datetime;
    /// let mut h = Habilitation::new("ID12345", "73282932000074".parse()?, Application::Apart);
    /// let snapshot = Snapshot::<HabilitationMachine>::new(h.clone())?;
    /// assert_eq!(snapshot.version(), 0);
    /// h.granted_at = Some(datetime!(2025-01-10 08:00 UTC));
    /// let err = Snapshot::<HabilitationMachine>::new(h).unwrap_err();
    /// assert_eq!(err.code(), "MACHINE_INPUT_MALFORMED");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(context: M::Context) -> Result<Self, SnapshotError> {
        let state = M::initial();
        M::check(state, &context).map_err(|field| SnapshotError::ContextNotInitial {
            machine: M::ID,
            state: state.name(),
            field,
        })?;
        let snapshot = Self::initial(context);
        match snapshot.written_size() {
            Ok(_) => Ok(snapshot),
            Err(Unwritable::TooLarge) => Err(SnapshotError::TooLarge {
                machine: M::ID,
                // The rare path: counted to the end, to say how large it is.
                bytes: written_size_within(&snapshot.wire_out(), usize::MAX)
                    .unwrap_or(MAX_SNAPSHOT_BYTES.saturating_add(1)),
                max: MAX_SNAPSHOT_BYTES,
            }),
            Err(Unwritable::Refused(error)) => Err(SnapshotError::MalformedInput {
                machine: M::ID,
                what: "context",
                error: Box::new(error),
            }),
        }
    }

    /// A new snapshot of a context the library built itself and knows to be possible in the
    /// initial state and writable (a DI created from its DA, a token record just issued).
    pub(crate) fn initial(context: M::Context) -> Self {
        Snapshot {
            state: M::initial(),
            context,
            version: 0,
            history: Vec::new(),
            history_dropped: 0,
            history_limit: M::HISTORY_LIMIT.clamp(1, MAX_HISTORY_LIMIT),
        }
    }

    /// The length of [`Snapshot::to_json`]'s text, counted without keeping it; refused past
    /// [`MAX_SNAPSHOT_BYTES`] (the writer stops there) or when a value cannot be written.
    fn written_size(&self) -> Result<usize, Unwritable> {
        written_size(&self.wire_out())
    }

    /// At least the bytes of [`Snapshot::to_json`] outside the context: the history (state and
    /// event names are plain identifiers; an entry's instant, actor, keys and punctuation stay
    /// under 128 bytes) and the other members (under 256).
    pub(crate) fn bytes_besides_context(&self) -> usize {
        self.history.iter().fold(256, |bytes, entry| {
            bytes
                .saturating_add(entry.event.len())
                .saturating_add(entry.from.len())
                .saturating_add(entry.to.len())
                .saturating_add(128)
        })
    }

    /// The current state.
    pub fn state(&self) -> M::State {
        self.state
    }

    /// What the machine remembers besides its state.
    pub fn context(&self) -> &M::Context {
        &self.context
    }

    /// The context, to attach what it holds without storing it (a procedure's law book).
    pub(crate) fn context_mut(&mut self) -> &mut M::Context {
        &mut self.context
    }

    /// The number of transitions taken so far: store snapshots with compare-and-swap on it.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// The latest transitions, oldest first: at most [`Snapshot::history_limit`] of them.
    pub fn history(&self) -> &[HistoryEntry] {
        &self.history
    }

    /// How many older transitions were dropped from [`Snapshot::history`] to keep it within its
    /// limit: `history_dropped() + history().len() == version()`.
    pub fn history_dropped(&self) -> u64 {
        self.history_dropped
    }

    /// The most transitions [`Snapshot::history`] keeps: the machine's
    /// [`Machine::HISTORY_LIMIT`] (100 for the library's machines) unless changed with
    /// [`Snapshot::with_history_limit`].
    pub fn history_limit(&self) -> usize {
        self.history_limit
    }

    /// The same snapshot keeping at most `limit` transitions in its history from now on
    /// (between 1 and [`MAX_HISTORY_LIMIT`]; the limit is stored with the snapshot). Older
    /// entries beyond it are dropped and counted in [`Snapshot::history_dropped`]: keep your own
    /// log of the effects if you need every transition.
    ///
    /// ```
    /// # use apart::machine::{Snapshot, Machine};
    /// # fn f<M: Machine>(s: Snapshot<M>) {
    /// let s = s.with_history_limit(10);
    /// assert!(s.history().len() <= 10);
    /// assert_eq!(s.history_dropped() + s.history().len() as u64, s.version());
    /// # }
    /// ```
    pub fn with_history_limit(mut self, limit: usize) -> Self {
        self.history_limit = limit.clamp(1, MAX_HISTORY_LIMIT);
        self.trim_history();
        self
    }

    fn trim_history(&mut self) {
        let excess = self.history.len().saturating_sub(self.history_limit);
        if excess > 0 {
            self.history.drain(..excess);
            self.history_dropped = self
                .history_dropped
                .saturating_add(u64::try_from(excess).unwrap_or(u64::MAX));
        }
    }

    /// Whether no event can change this snapshot any more.
    pub fn is_terminal(&self) -> bool {
        is_terminal::<M>(self.state)
    }

    /// Checks whether `actor` may send `event` now, without changing anything: the answer of
    /// [`Snapshot::apply`], whose new snapshot is dropped (the action's own refusals and a
    /// record that could not be stored included).
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
        check_now::<M>(now)?;
        let row = self.select(event.kind(), Some(event), actor, now)?;
        self.take(row, event, actor, now).map(|_| ())
    }

    /// The names of the events `actor` may send now, in table order, judged from the snapshot
    /// alone (guards that need an event's data are checked by `apply`).
    pub fn allowed_events(&self, actor: Actor, now: OffsetDateTime) -> Vec<&'static str> {
        let mut kinds: Vec<EventKindOf<M>> = Vec::new();
        for row in rows_from::<M>(self.state) {
            if kinds.contains(&row.event) {
                continue;
            }
            if self.select(row.event, None, actor, now).is_ok() {
                kinds.push(row.event);
            }
        }
        kinds.into_iter().map(EventKind::name).collect()
    }

    /// Sends `event` as `actor` at `now`.
    ///
    /// # Errors
    ///
    /// * `TERMINAL_STATE` when the snapshot is in a terminal state;
    /// * `INVALID_TRANSITION` when no row leaves the state on this event;
    /// * `FORBIDDEN_ACTOR` when rows exist but none for this actor;
    /// * the guard's own code (for example `DA_ALREADY_DECIDED`) when a guard refuses;
    /// * `VALUE_INVALID_INSTANT` (family `input`, field `now`) when `now` could not be stored in
    ///   the snapshot (a year outside 0000–9999, an offset with seconds or of 24 hours or more);
    /// * `SNAPSHOT_UNREPRESENTABLE` when the new snapshot could not be stored: a value that
    ///   cannot be written as JSON, or a text longer than [`MAX_SNAPSHOT_BYTES`], which reading
    ///   it back would refuse.
    pub fn apply(
        &self,
        event: M::Event,
        actor: Actor,
        now: OffsetDateTime,
    ) -> Result<Step<M>, TransitionError> {
        check_now::<M>(now)?;
        let row = self.select(event.kind(), Some(&event), actor, now)?;
        self.take(row, &event, actor, now)
    }

    /// Refuses a `now` before the last transition by more than [`MAX_CLOCK_SKEW`]: a history
    /// reads in time order (a timed transition that fell due before it is dated at it).
    fn check_clock(&self, event: &'static str, now: OffsetDateTime) -> Result<(), TransitionError> {
        match self.history.last() {
            Some(last) if now < last.at - MAX_CLOCK_SKEW => Err(TransitionError::ClockBehind {
                machine: M::ID,
                from: self.state.name(),
                event,
                last: format_instant(last.at),
                now: format_instant(now),
            }),
            _ => Ok(()),
        }
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
    /// `VALUE_INVALID_INSTANT` as for [`Snapshot::apply`]; a [`TransitionError`] if a due timed
    /// event is refused by the table: a defect of the machine's timer, reported rather than
    /// hidden.
    pub fn tick(&self, now: OffsetDateTime) -> Result<Step<M>, TransitionError> {
        check_now::<M>(now)?;
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
        kind: EventKindOf<M>,
        event: Option<&M::Event>,
        actor: Actor,
        now: OffsetDateTime,
    ) -> Result<&'static Transition<M>, TransitionError> {
        let from = self.state.name();
        let event_name = kind.name();
        if self.is_terminal() {
            return Err(TransitionError::TerminalState {
                machine: M::ID,
                from,
                event: event_name,
            });
        }
        let mut rows = rows_from::<M>(self.state)
            .filter(|row| row.event == kind)
            .peekable();
        if rows.peek().is_none() {
            let mut allowed: Vec<&'static str> = Vec::new();
            for row in rows_from::<M>(self.state) {
                if !allowed.contains(&row.event.name()) {
                    allowed.push(row.event.name());
                }
            }
            return Err(TransitionError::InvalidTransition {
                machine: M::ID,
                from,
                event: event_name,
                allowed,
            });
        }
        self.check_clock(event_name, now)?;
        let mut first_refusal = None;
        let mut actor_allowed = false;
        for row in rows {
            if !row.allows(actor) {
                continue;
            }
            actor_allowed = true;
            let refused = row.guards.iter().find_map(|guard| {
                M::guard(*guard, self, event, now)
                    .err()
                    .map(|refusal| (guard.name(), Box::new(refusal)))
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
                actor: actor.as_str(),
            }),
        }
    }

    fn take(
        &self,
        row: &'static Transition<M>,
        event: &M::Event,
        actor: Actor,
        now: OffsetDateTime,
    ) -> Result<Step<M>, TransitionError> {
        let mut context = self.context.clone();
        let effects = M::act(row, &mut context, event, now).map_err(|refusal| {
            TransitionError::GuardFailed {
                machine: M::ID,
                from: self.state.name(),
                event: row.event.name(),
                guard: "action",
                refusal: Box::new(refusal),
            }
        })?;
        // Every snapshot returned can be stored and read back: refused here, not when read, if
        // a value of the event cannot be written (an instant RFC 3339 cannot write) or if the
        // record outgrows what reading accepts (a DI of 40,000 lines is about 4.8 MB).
        let unrepresentable = |unwritable| TransitionError::Unrepresentable {
            machine: M::ID,
            from: self.state.name(),
            event: row.event.name(),
            problem: match unwritable {
                Unwritable::TooLarge => WriteProblem::TooLarge {
                    max: MAX_SNAPSHOT_BYTES,
                },
                Unwritable::Refused(error) => WriteProblem::Value(Box::new(error)),
            },
        };
        // ... and read back: the new state's own consistency check (`Machine::check`) passes.
        M::check(row.to, &context).map_err(|field| TransitionError::Unrepresentable {
            machine: M::ID,
            from: self.state.name(),
            event: row.event.name(),
            problem: WriteProblem::Inconsistent { field },
        })?;
        let context_bytes = written_size(&context).map_err(unrepresentable)?;
        let mut history = Vec::with_capacity(self.history.len().saturating_add(1));
        history.extend_from_slice(&self.history);
        history.push(HistoryEntry {
            at: now,
            actor,
            event: row.event.name().to_owned(),
            from: row.from.name().to_owned(),
            to: row.to.name().to_owned(),
        });
        let mut snapshot = Snapshot {
            state: row.to,
            context,
            version: self.version.saturating_add(1),
            history,
            history_dropped: self.history_dropped,
            history_limit: self.history_limit,
        };
        snapshot.trim_history();
        // The whole text is counted only when the context and a bound on the rest could pass
        // the limit: a transition pays for one writing of its context, as before the check.
        if context_bytes.saturating_add(snapshot.bytes_besides_context()) > MAX_SNAPSHOT_BYTES {
            snapshot.written_size().map_err(unrepresentable)?;
        }
        Ok(Step { snapshot, effects })
    }

    /// The snapshot as JSON: `{"machine", "schema_version", "state", "context", "version",
    /// "history"}`, with `"history_dropped"` and `"history_limit"` when they are not 0 and the
    /// machine's default.
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail (every instant is checked on the
        // way in); fall back to an empty object rather than panic if a caller-defined context
        // ever refuses.
        serde_json::to_string(&self.wire_out()).unwrap_or_else(|_| "{}".to_owned())
    }

    /// The snapshot as a JSON value (see [`Snapshot::to_json`]).
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self.wire_out()).unwrap_or(serde_json::Value::Null)
    }

    fn wire_out(&self) -> WireOut<'_, M::Context> {
        let default_limit = M::HISTORY_LIMIT.clamp(1, MAX_HISTORY_LIMIT);
        WireOut {
            machine: M::ID,
            schema_version: M::SCHEMA_VERSION,
            state: self.state.name(),
            context: &self.context,
            version: self.version,
            history: &self.history,
            history_dropped: self.history_dropped,
            history_limit: (self.history_limit != default_limit).then_some(self.history_limit),
        }
    }

    /// Snapshots given as documents ([`Json`](crate::value::Json), what a front end passes),
    /// each read by [`Snapshot::from_json`].
    ///
    /// # Errors
    ///
    /// The first snapshot's error, as [`Snapshot::from_json`] gives it.
    ///
    /// ```
    /// use apart::recovery::TokenMachine;
    /// use apart::machine::Snapshot;
    /// use apart::value::Json;
    /// let err = Snapshot::<TokenMachine>::read_all(&[Json::of(&1)]).unwrap_err();
    /// assert_eq!(apart::Diagnostic::code(&err), "SNAPSHOT_MALFORMED");
    /// ```
    pub fn read_all(docs: &[crate::value::Json]) -> Result<Vec<Self>, SnapshotError> {
        docs.iter().map(|d| Self::from_json(d.text())).collect()
    }

    /// Restores a snapshot written by [`Snapshot::to_json`], migrating older schema versions.
    ///
    /// A history longer than the snapshot's limit (snapshots written before limits existed) is
    /// cut to its newest entries, the others counted in [`Snapshot::history_dropped`].
    ///
    /// # Errors
    ///
    /// `SNAPSHOT_TOO_LARGE` past [`MAX_SNAPSHOT_BYTES`]; `SNAPSHOT_MALFORMED`,
    /// `SNAPSHOT_WRONG_MACHINE`, `SNAPSHOT_VERSION_UNSUPPORTED`, `SNAPSHOT_UNKNOWN_STATE`;
    /// `SNAPSHOT_INCONSISTENT` when the parts disagree (a version that is not the number of
    /// transitions, a history that does not follow the table or does not end in the state, a
    /// context impossible in the state, such as an active habilitation never granted).
    pub fn from_json(json: &str) -> Result<Self, SnapshotError> {
        check_size::<M>(json, MAX_SNAPSHOT_BYTES)?;
        // A snapshot of this machine's current schema reads its context straight into the
        // context type. Anything else (an older schema to migrate, another machine, any
        // error) takes the general path through a JSON value, which words every refusal.
        if let Ok(wire) = serde_json::from_str::<Wire<M::Context>>(json)
            && wire.machine == M::ID
            && wire.schema_version == M::SCHEMA_VERSION
            && let (name, context, recorded) = wire.split()
            && let Some(state) = M::State::from_name(&name)
            && let Ok(snapshot) = Self::checked(state, context, recorded)
        {
            return Ok(snapshot);
        }
        let wire: Wire<serde_json::Value> = serde_json::from_str(json).map_err(|e| {
            // A sealed snapshot fails here on its `seal` member: say so (the text is read again
            // on this refusal only).
            match serde_json::from_str::<serde_json::Value>(json) {
                Ok(value) if refuse_sealed::<M>(&value).is_err() => sealed::<M>(),
                _ => malformed::<M>(crate::value::why_not::<Wire<serde_json::Value>>(json, &e)),
            }
        })?;
        Self::from_wire(wire)
    }

    /// Restores a snapshot from a JSON value (see [`Snapshot::from_json`]).
    ///
    /// # Errors
    ///
    /// As [`Snapshot::from_json`] (but for the size, already parsed).
    pub fn from_value(value: serde_json::Value) -> Result<Self, SnapshotError> {
        refuse_sealed::<M>(&value)?;
        // Read by move (the context is not copied); the refusal is typed from serde's words,
        // the snapshot's own fields being at the top (the context is read, with its paths, below).
        let wire: Wire<serde_json::Value> = serde_json::from_value(value)
            .map_err(|e| malformed::<M>(crate::value::from_serde_message(&e.to_string())))?;
        Self::from_wire(wire)
    }

    /// The snapshot as JSON with its seal: an HMAC-SHA-256 under `key` over the snapshot's
    /// canonical JSON (see [`crate::seal`]). Store this, and read it back with
    /// [`Snapshot::open`]: a record edited in storage, or sealed with another key, is refused.
    ///
    /// ```
    /// use apart::account::{Credential, CredentialMachine};
    /// use apart::machine::Snapshot;
    /// use apart::seal::SealKey;
    /// use apart::Diagnostic;
    ///
    /// let key = SealKey::new(&[42u8; 32])?; // from the caller's secret store
    /// let c = Snapshot::<CredentialMachine>::new(Credential::new("ID12345", "paie@exemple.fr", "Martin", "Claire"))?;
    /// let stored = c.seal(&key);
    /// assert_eq!(Snapshot::<CredentialMachine>::open(&stored, &key)?, c);
    ///
    /// let edited = stored.replace("PendingActivation", "Active");
    /// assert_eq!(Snapshot::<CredentialMachine>::open(&edited, &key).unwrap_err().code(), "SEAL_INVALID");
    /// // An unsealed snapshot is not accepted where a sealed one is expected.
    /// assert_eq!(Snapshot::<CredentialMachine>::open(&c.to_json(), &key).unwrap_err().code(), "SEAL_MISSING");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn seal(&self, key: &SealKey) -> String {
        // `to_value` is an object without a `seal` member: sealing it cannot fail. Were it to,
        // the unsealed text would be refused by `open` (fails closed).
        let value = self.to_value();
        match key.seal_value(M::ID, &value) {
            Ok(sealed) => serde_json::to_string(&sealed).unwrap_or_else(|_| "{}".to_owned()),
            Err(_) => serde_json::to_string(&value).unwrap_or_else(|_| "{}".to_owned()),
        }
    }

    /// Restores a snapshot written by [`Snapshot::seal`], once its seal is checked under `key`.
    ///
    /// # Errors
    ///
    /// `SEAL_MISSING` (no seal), `SEAL_INVALID` (edited, or sealed with another key or for
    /// another machine), then as [`Snapshot::from_json`]; `SNAPSHOT_TOO_LARGE` past
    /// [`MAX_SNAPSHOT_BYTES`] plus its seal ([`SEAL_MEMBER_BYTES`]), so that whatever `seal`
    /// wrote opens.
    pub fn open(json: &str, key: &SealKey) -> Result<Self, SnapshotError> {
        // What `seal` writes: a snapshot of at most MAX_SNAPSHOT_BYTES and its seal.
        check_size::<M>(json, MAX_SNAPSHOT_BYTES.saturating_add(SEAL_MEMBER_BYTES))?;
        let value: serde_json::Value = serde_json::from_str(json)
            .map_err(|e| malformed::<M>(crate::value::why_not::<serde_json::Value>(json, &e)))?;
        let value = key
            .open_value(M::ID, value)
            .map_err(|error| SnapshotError::Seal {
                machine: M::ID,
                error,
            })?;
        Self::from_value(value)
    }

    fn from_wire(wire: Wire<serde_json::Value>) -> Result<Self, SnapshotError> {
        if wire.machine != M::ID {
            return Err(SnapshotError::WrongMachine {
                expected: M::ID,
                found: quote(&wire.machine),
            });
        }
        let mut wire = wire;
        let mut context = std::mem::take(&mut wire.context);
        let mut schema = wire.schema_version;
        if schema > M::SCHEMA_VERSION || schema == 0 {
            return Err(SnapshotError::VersionUnsupported {
                machine: M::ID,
                found: schema,
                supported: M::SCHEMA_VERSION,
            });
        }
        if schema < M::SCHEMA_VERSION {
            // The history keeps the names of its time: write them as this version does.
            for entry in &mut wire.history {
                for name in [&mut entry.from, &mut entry.to] {
                    if let Some(state) = M::State::from_name(name) {
                        state.name().clone_into(name);
                    }
                }
                if let Some(event) = M::migrate_event_name(schema, &entry.event) {
                    event.clone_into(&mut entry.event);
                }
            }
        }
        while schema < M::SCHEMA_VERSION {
            context = M::migrate(schema, context)?;
            schema += 1;
        }
        let state =
            M::State::from_name(&wire.state).ok_or_else(|| SnapshotError::UnknownState {
                machine: M::ID,
                state: quote(&wire.state),
            })?;
        crate::diagnostic::take_refusal();
        let typed = M::Context::deserialize(&context).map_err(|e| {
            // A domain error inside the context (a SIRET with a wrong key) is that error, both
            // messages in their language, as when the context is given to a new snapshot.
            let refused = crate::diagnostic::take_refusal();
            let error = match (
                crate::value::value_error_in::<M::Context>(&context),
                refused,
            ) {
                (Some(error), _) => error,
                (None, Some(refusal)) => {
                    crate::diagnostic::take_refusal();
                    return SnapshotError::Refused {
                        machine: M::ID,
                        what: "context",
                        field: crate::value::error_path::<M::Context>(&context)
                            .map(|path| format!("context.{path}")),
                        error: Box::new(refusal),
                    };
                }
                (None, None) => crate::value::why_not_value::<M::Context>(context.clone(), &e),
            };
            crate::diagnostic::take_refusal();
            malformed::<M>(error.with_field("context"))
        })?;
        Self::checked(state, typed, wire.split().2)
    }

    /// The snapshot once its recorded parts agree with its state and context
    /// (`SNAPSHOT_INCONSISTENT` when they do not).
    fn checked(
        state: M::State,
        context: M::Context,
        recorded: Recorded,
    ) -> Result<Self, SnapshotError> {
        let inconsistent = |reason: &'static str| SnapshotError::Inconsistent {
            machine: M::ID,
            state: state.name(),
            reason,
        };
        let count = u64::try_from(recorded.history.len())
            .ok()
            .and_then(|n| n.checked_add(recorded.history_dropped));
        if count != Some(recorded.version) {
            return Err(inconsistent("version"));
        }
        check_history::<M>(&recorded.history, state).map_err(inconsistent)?;
        M::check(state, &context).map_err(inconsistent)?;
        let limit = recorded
            .history_limit
            .unwrap_or(M::HISTORY_LIMIT)
            .clamp(1, MAX_HISTORY_LIMIT);
        let mut snapshot = Snapshot {
            state,
            context,
            version: recorded.version,
            history: recorded.history,
            history_dropped: recorded.history_dropped,
            history_limit: limit,
        };
        snapshot.trim_history();
        Ok(snapshot)
    }
}

fn malformed<M: Machine>(error: crate::value::ValueError) -> SnapshotError {
    SnapshotError::Malformed {
        machine: M::ID,
        error: Box::new(error),
    }
}

/// Why a snapshot cannot be written.
enum Unwritable {
    /// Its text would pass [`MAX_SNAPSHOT_BYTES`].
    TooLarge,
    /// A value refused to be written.
    Refused(crate::value::ValueError),
}

/// The length of `value`'s JSON text, counted without keeping it; refused past
/// [`MAX_SNAPSHOT_BYTES`] (the writer stops there) or when a value cannot be written.
fn written_size<T: Serialize + ?Sized>(value: &T) -> Result<usize, Unwritable> {
    written_size_within(value, MAX_SNAPSHOT_BYTES)
}

/// [`written_size`] with another limit.
fn written_size_within<T: Serialize + ?Sized>(value: &T, max: usize) -> Result<usize, Unwritable> {
    let mut counter = Counter { bytes: 0, max };
    match serde_json::to_writer(&mut counter, value) {
        Ok(()) => Ok(counter.bytes),
        Err(e) if e.is_io() => Err(Unwritable::TooLarge),
        Err(e) => Err(Unwritable::Refused(crate::value::from_serde_message(
            &e.to_string(),
        ))),
    }
}

/// Counts the bytes of a text being written and stops the writer past `max`.
struct Counter {
    bytes: usize,
    max: usize,
}

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes = self.bytes.saturating_add(buf.len());
        if self.bytes > self.max {
            return Err(std::io::Error::other("snapshot too large"));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn check_size<M: Machine>(json: &str, max: usize) -> Result<(), SnapshotError> {
    if json.len() > max {
        return Err(SnapshotError::TooLarge {
            machine: M::ID,
            bytes: json.len(),
            max,
        });
    }
    Ok(())
}

/// `now` must be storable in the snapshot ([`check_instant`]: RFC 3339 needs a year from 0000
/// to 9999 and an offset in whole minutes under 24 hours).
fn check_now<M: Machine>(now: OffsetDateTime) -> Result<(), TransitionError> {
    match check_instant(now) {
        Ok(_) => Ok(()),
        Err(error) => Err(TransitionError::InstantOutOfRange {
            machine: M::ID,
            error: Box::new(error.with_field("now")),
        }),
    }
}

/// A sealed snapshot given where a plain one is read (to restore, apply or seal it again):
/// `SEAL_ALREADY_PRESENT`, which says to open it first, rather than an unknown field `seal`.
fn refuse_sealed<M: Machine>(value: &serde_json::Value) -> Result<(), SnapshotError> {
    match value.get("seal") {
        Some(_) => Err(sealed::<M>()),
        None => Ok(()),
    }
}

/// The error of a sealed snapshot read as a plain one.
fn sealed<M: Machine>() -> SnapshotError {
    SnapshotError::Seal {
        machine: M::ID,
        error: crate::seal::SealError::AlreadySealed,
    }
}

/// The history follows the table: each entry is a row of it (a state, its event, a state it
/// leads to), each starts where the previous one ended and not before it (beyond the clock
/// skew), and the last ends in `state`.
///
/// (A history need not start from the initial state: a caller may import a record in any state,
/// at version 0, and the history then starts there.)
fn check_history<M: Machine>(
    history: &[HistoryEntry],
    state: M::State,
) -> Result<(), &'static str> {
    let mut previous: Option<&str> = None;
    // In time order, as `apply` writes it (within the clock skew it tolerates).
    let in_time_order = history
        .windows(2)
        .all(|pair| matches!(pair, [a, b] if b.at >= a.at - MAX_CLOCK_SKEW));
    if !in_time_order {
        return Err("history");
    }
    for entry in history {
        let is_row = M::table().iter().any(|row| {
            row.from.name() == entry.from
                && row.to.name() == entry.to
                && row.event.name() == entry.event
        });
        if !is_row {
            return Err("history");
        }
        if previous.is_some_and(|p| p != entry.from) {
            return Err("history");
        }
        previous = Some(&entry.to);
    }
    match history.last() {
        Some(last) if last.to != state.name() => Err("history"),
        _ => Ok(()),
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
    #[serde(skip_serializing_if = "is_zero")]
    history_dropped: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    history_limit: Option<usize>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// A stored snapshot as read: the context as `C`, a JSON value when it may need migrating.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "struct Snapshot")]
struct Wire<C> {
    machine: String,
    schema_version: u32,
    state: String,
    context: C,
    version: u64,
    #[serde(default)]
    history: Vec<HistoryEntry>,
    #[serde(default)]
    history_dropped: u64,
    #[serde(default)]
    history_limit: Option<usize>,
}

/// What a stored snapshot records of its past.
struct Recorded {
    version: u64,
    history: Vec<HistoryEntry>,
    history_dropped: u64,
    history_limit: Option<usize>,
}

impl<C> Wire<C> {
    fn split(self) -> (String, C, Recorded) {
        let recorded = Recorded {
            version: self.version,
            history: self.history,
            history_dropped: self.history_dropped,
            history_limit: self.history_limit,
        };
        (self.state, self.context, recorded)
    }
}

/// A snapshot as the document a front end stores ([`Snapshot::to_json`]).
impl<M: Machine> From<&Snapshot<M>> for crate::value::Json {
    fn from(snapshot: &Snapshot<M>) -> Self {
        crate::value::Json::from_text(snapshot.to_json())
    }
}
