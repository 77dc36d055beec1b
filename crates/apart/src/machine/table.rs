//! The transition table and the [`Machine`] contract.

use serde::{Serialize, de::DeserializeOwned};
use std::fmt::Debug;
use time::OffsetDateTime;

use super::{Refusal, Snapshot, SnapshotError};

/// A state of a machine: a field-less enum whose variants are listed in [`State::ALL`].
///
/// Declare one with [`state_enum!`](crate::machine::state_enum).
pub trait State: Copy + Eq + Debug + Send + Sync + 'static {
    /// Every state, in declaration order.
    const ALL: &'static [Self];

    /// The state's stable name, as written in snapshots and diagrams.
    fn name(self) -> &'static str;

    /// The state called `name`, if there is one.
    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|s| s.name() == name)
    }
}

/// A guard of a machine's table: a field-less enum naming each check a row may require.
///
/// Rows list guards by value, so a misspelt guard does not compile (a name in a string would
/// silently pass). Declare one with [`guard_enum!`](crate::machine::guard_enum).
pub trait Guard: Copy + Eq + Debug + Send + Sync + 'static {
    /// Every guard, in declaration order.
    const ALL: &'static [Self];

    /// The guard's stable name, as written in diagrams and in the `guard` field of a refused
    /// transition.
    fn name(self) -> &'static str;
}

/// An event a machine reacts to. Events carry their data, including the outside facts that
/// guards need (the library never looks anything up itself).
///
/// Implement it with [`event_kinds!`](crate::machine::event_kinds), which declares the
/// field-less [`EventKind`] enum that table rows name.
pub trait Event: Clone + Debug + Serialize + DeserializeOwned + Send + Sync + 'static {
    /// The field-less enum of this event's variants.
    type Kind: EventKind;

    /// Which variant this event is, matched against [`Transition::event`].
    fn kind(&self) -> Self::Kind;

    /// The event's stable name (its kind's name).
    fn name(&self) -> &'static str {
        self.kind().name()
    }
}

/// The variants of an [`Event`] without their data: what a table row names, so a misspelt
/// event does not compile.
///
/// Declared with the event's [`Event`] implementation by
/// [`event_kinds!`](crate::machine::event_kinds).
pub trait EventKind: Copy + Eq + Debug + Send + Sync + 'static {
    /// Every kind, in declaration order.
    const ALL: &'static [Self];

    /// The kind's stable name, as written in snapshots' histories, diagrams and errors (the
    /// JSON `type` of the event).
    fn name(self) -> &'static str;
}

/// The kind of `M`'s events.
pub type EventKindOf<M> = <<M as Machine>::Event as Event>::Kind;

crate::spelled_enum! {
    /// Who sends an event. The caller authenticates; the table says who may send what.
    #[derive(PartialOrd, Ord)]
    #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
    #[non_exhaustive]
    pub enum Actor: "actor" {
        /// Someone not logged in (onboarding, recovery requests, the assistance form).
        Visitor = "visitor",
        /// The establishment's principal user (« compte principal »).
        Principal = "principal",
        /// A further user of the establishment, added by the principal.
        Member = "member",
        /// A chartered accountant acting under a *contrat de prestation*.
        Accountant = "accountant",
        /// The administration deciding on requests (DDETS, UT, préfet).
        Administration = "administration",
        /// The ASP (Agence de services et de paiement), which runs the extranet and pays.
        Asp = "asp",
        /// The system itself: timed transitions and automatic steps.
        System = "system",
    }
}

impl Actor {
    /// The actors on the employer's side: the principal, members and accountants.
    pub const EMPLOYER_SIDE: &'static [Actor] =
        &[Actor::Principal, Actor::Member, Actor::Accountant];
}

/// One row of a transition table: in state `from`, event `event` leads to `to`, provided every
/// guard passes and the actor is allowed.
///
/// Several rows may share `from` and `event`: the first row whose actor and guards pass is taken,
/// which is how a destination depends on the data (three failed logins stay `Active`, the tenth
/// locks the account).
pub struct Transition<M: Machine> {
    /// The state the row applies in.
    pub from: M::State,
    /// The event's kind ([`Event::kind`]).
    pub event: EventKindOf<M>,
    /// The state the row leads to.
    pub to: M::State,
    /// The guards that must all pass (checked by [`Machine::guard`]).
    pub guards: &'static [M::Guard],
    /// The actors allowed to send the event; empty means anyone.
    pub actors: &'static [Actor],
}

// Written out: derives would ask `M` itself (a unit struct) to be `Clone`, `Debug`…
impl<M: Machine> Clone for Transition<M> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<M: Machine> Copy for Transition<M> {}

impl<M: Machine> PartialEq for Transition<M> {
    fn eq(&self, other: &Self) -> bool {
        (self.from, self.event, self.to, self.guards, self.actors)
            == (
                other.from,
                other.event,
                other.to,
                other.guards,
                other.actors,
            )
    }
}

impl<M: Machine> Eq for Transition<M> {}

impl<M: Machine> Debug for Transition<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transition")
            .field("from", &self.from)
            .field("event", &self.event)
            .field("to", &self.to)
            .field("guards", &self.guards)
            .field("actors", &self.actors)
            .finish()
    }
}

impl<M: Machine> Transition<M> {
    /// A row with no guard, open to every actor.
    pub const fn new(from: M::State, event: EventKindOf<M>, to: M::State) -> Self {
        Transition {
            from,
            event,
            to,
            guards: &[],
            actors: &[],
        }
    }

    /// The same row with these guards.
    pub const fn guards(self, guards: &'static [M::Guard]) -> Self {
        Transition { guards, ..self }
    }

    /// The same row, restricted to these actors.
    pub const fn actors(self, actors: &'static [Actor]) -> Self {
        Transition { actors, ..self }
    }

    /// Whether `actor` may send this row's event.
    pub fn allows(&self, actor: Actor) -> bool {
        self.actors.is_empty() || self.actors.contains(&actor)
    }
}

/// A lifecycle described by a transition table.
///
/// Implementors give the table and three kinds of functions: guards (may this row be taken?),
/// actions (what changes, and which effects follow?) and an optional timer (which timed event
/// falls due next?). [`Snapshot`] derives everything else.
pub trait Machine: Sized + 'static {
    /// The machine's stable id, written in snapshots (`"apart.da"`).
    const ID: &'static str;
    /// The version of the snapshot schema; bump it (and handle [`Machine::migrate`]) when the
    /// context changes shape.
    const SCHEMA_VERSION: u32;
    /// How many transitions a snapshot's history keeps by default (the newest; the others are
    /// counted in [`Snapshot::history_dropped`]). A caller may choose another limit per
    /// snapshot with [`Snapshot::with_history_limit`].
    const HISTORY_LIMIT: usize = 100;

    /// The states.
    type State: State;
    /// The events, with their data.
    type Event: Event;
    /// The checks rows may require.
    type Guard: Guard;
    /// What the machine remembers besides its state.
    type Context: Clone + Debug + PartialEq + Serialize + DeserializeOwned + Send + Sync;
    /// What the caller must do after a transition; it reads back as it was written, so that a
    /// caller can queue effects (an outbox) and carry them out later.
    type Effect: Clone + Debug + PartialEq + Serialize + DeserializeOwned + Send + Sync;

    /// The state a new snapshot starts in.
    fn initial() -> Self::State;

    /// The transition table: the single source of truth.
    fn table() -> &'static [Transition<Self>];

    /// Checks one guard of a row.
    ///
    /// `event` is `None` when the question comes from [`Snapshot::allowed_events`]: a guard that
    /// needs the event's data must then answer `Ok(())`, and is checked again by `apply`.
    ///
    /// # Errors
    ///
    /// A [`Refusal`] saying why the row cannot be taken.
    fn guard(
        guard: Self::Guard,
        snapshot: &Snapshot<Self>,
        event: Option<&Self::Event>,
        now: OffsetDateTime,
    ) -> Result<(), Refusal>;

    /// Runs the action of the row that was taken: updates the context and returns the effects.
    ///
    /// # Errors
    ///
    /// A [`Refusal`] if the action itself cannot complete; the transition is then not taken.
    fn act(
        row: &Transition<Self>,
        context: &mut Self::Context,
        event: &Self::Event,
        now: OffsetDateTime,
    ) -> Result<Vec<Self::Effect>, Refusal>;

    /// Checks that `context` is possible in `state`, when a snapshot is restored: the cheap
    /// consistency checks that catch a record edited by hand (an active habilitation never
    /// granted, a consumed token without its consumption instant). The default accepts
    /// everything.
    ///
    /// # Errors
    ///
    /// A short name of what is inconsistent (`"granted_at"`), reported as
    /// `SNAPSHOT_INCONSISTENT`.
    fn check(_state: Self::State, _context: &Self::Context) -> Result<(), &'static str> {
        Ok(())
    }

    /// The next timed event of this snapshot and the instant it falls due, if any.
    ///
    /// [`Snapshot::tick`] sends it (as [`Actor::System`], dated at its due instant) once `now`
    /// has reached that instant.
    fn timer(_snapshot: &Snapshot<Self>) -> Option<(OffsetDateTime, Self::Event)> {
        None
    }

    /// Migrates the JSON context of a snapshot written with an older schema version to the
    /// next version. The default refuses every version but the current one.
    ///
    /// # Errors
    ///
    /// [`SnapshotError::VersionUnsupported`] when there is no migration from `from_version`.
    fn migrate(
        from_version: u32,
        _context: serde_json::Value,
    ) -> Result<serde_json::Value, SnapshotError> {
        Err(SnapshotError::VersionUnsupported {
            machine: Self::ID,
            found: from_version,
            supported: Self::SCHEMA_VERSION,
        })
    }

    /// The name an event of a snapshot written with schema `from_version` has now, when it was
    /// renamed since (its history is rewritten on reading); `None` when it keeps its name.
    fn migrate_event_name(_from_version: u32, _event: &str) -> Option<&'static str> {
        None
    }
}

/// The rows leaving `state`.
pub(super) fn rows_from<M: Machine>(
    state: M::State,
) -> impl Iterator<Item = &'static Transition<M>> {
    M::table().iter().filter(move |row| row.from == state)
}

/// Whether `state` has no row leaving it.
pub(super) fn is_terminal<M: Machine>(state: M::State) -> bool {
    rows_from::<M>(state).next().is_none()
}
