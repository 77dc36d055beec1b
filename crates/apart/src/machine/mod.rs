//! The state-machine kit: every lifecycle of the library is a transition table.
//!
//! Onboarding, credentials, habilitations, mandates, recovery tokens, the authorisation request
//! (DA), the monthly claim (DI) and the assistance request are all [`Machine`]s. A machine is a
//! static table of [`Transition`] rows plus a few functions (guards, actions, timers); everything
//! a caller needs is derived from that one table, so "is the button enabled" and "does submit
//! succeed" cannot disagree:
//!
//! * [`Snapshot::apply`] checks an event against the table and returns the next snapshot and the
//!   effects the caller must carry out (send this e-mail, schedule that deadline). It never
//!   performs them itself;
//! * [`Snapshot::can`] and [`Snapshot::allowed_events`] run the very same checks, changing nothing;
//! * a `now` before the snapshot's last transition by more than [`MAX_CLOCK_SKEW`] is refused
//!   (`MACHINE_CLOCK_BEHIND`), so that a history reads in time order;
//! * [`Snapshot::tick`] fires the timed transitions that are due (implicit acceptance, expiry),
//!   and [`Snapshot::next_deadline`] tells the caller's scheduler when to call it next;
//! * [`Snapshot::to_json`] / [`Snapshot::from_json`] give a versioned JSON snapshot; unknown
//!   machines, schema versions and states are refused with a clear error;
//! * [`mermaid`] and [`dot`] draw the machine for a front end or the docs;
//! * [`erase`] turns a machine into a [`DynMachine`] driven by JSON snapshots and events, which
//!   is how the bindings reach every lifecycle through one interface.
//!
//! The kit is pure: time comes in as `now`, storage stays with the caller (a snapshot is a value
//! to store with compare-and-swap on [`Snapshot::version`]).
//!
//! # Trust boundary: what the caller must protect
//!
//! The kit checks what a snapshot and an event *say*, not who wrote them. Three inputs are the
//! caller's to protect:
//!
//! * **Snapshots come from your storage, never from a client.** Whoever can write a stored
//!   snapshot can put it in any state. Restoring one checks what is cheap to check (a size limit,
//!   [`MAX_SNAPSHOT_BYTES`]; a version that counts the transitions; a history that follows the
//!   table and ends in the state; a context possible in its state, [`Machine::check`]: an active
//!   habilitation was granted, a consumed token has its consumption instant), which catches
//!   careless edits and damage, not a consistent forgery. **Seal what you store**
//!   ([`Snapshot::seal`], [`Snapshot::open`]: HMAC-SHA-256 under a key from your secret store,
//!   see [`crate::seal`]): it is the recommended storage, and the only protection when the
//!   storage can be written by anyone but your server.
//! * **Events and their facts are yours.** Events carry outside facts that guards trust
//!   (`RequestFacts`, `is_principal`, `sole_principal_of`, `establishment_known`, `password_ok`,
//!   …): compute them on the server from your records (for instance with
//!   [`RequestFacts::from_records`](crate::account::RequestFacts::from_records)), never take them
//!   from a request. The facts that activate or unlock a credential are not event data at all:
//!   they are proofs only [`crate::recovery`] makes, and those events cannot be read from JSON.
//! * **The actor is yours.** [`Actor`] says who sends the event, and the table trusts it: derive
//!   it from your authenticated session, never from the request.
//!
//! Store every returned snapshot with compare-and-swap on [`Snapshot::version`], so that two
//! concurrent transitions (two redemptions of one token) cannot both win, and an older sealed
//! copy of a record cannot replace a newer one. Every `now` is checked (years 0000 to 9999, an
//! offset in whole minutes under 24 hours: `VALUE_INVALID_INSTANT`) and every returned snapshot
//! can be written and read back. Histories keep the latest [`Machine::HISTORY_LIMIT`]
//! transitions (100; [`Snapshot::with_history_limit`]) and count the others.
//!
//! # Methods, in the order a caller uses them
//!
//! * creation: [`Snapshot::new`];
//! * getters: [`Snapshot::state`], [`Snapshot::context`], [`Snapshot::version`],
//!   [`Snapshot::history`], [`Snapshot::is_terminal`];
//! * questions (no change): [`Snapshot::can`], [`Snapshot::allowed_events`],
//!   [`Snapshot::next_deadline`];
//! * inputs: [`Snapshot::apply`], [`Snapshot::apply_expecting`], [`Snapshot::tick`];
//! * persistence: [`Snapshot::to_json`], [`Snapshot::from_json`]; sealed (tamper-evident):
//!   [`Snapshot::seal`], [`Snapshot::open`];
//! * history: [`Snapshot::history_dropped`], [`Snapshot::history_limit`],
//!   [`Snapshot::with_history_limit`].
//!
//! # Defining a machine
//!
//! ```
//! use apart::machine::{Actor, Machine, Refusal, Snapshot, Transition};
//! use serde::{Deserialize, Serialize};
//! use time::OffsetDateTime;
//!
//! apart::machine::state_enum! {
//!     /// The states of a door.
//!     pub enum Door { Closed, Open, Walled }
//! }
//!
//! apart::machine::guard_enum! {
//!     /// The checks of the door's rows.
//!     pub enum DoorGuard {
//!         /// The door has not been opened twice already.
//!         NotTooOften = "not_too_often",
//!     }
//! }
//!
//! #[derive(Debug, Clone, Serialize, Deserialize)]
//! #[serde(tag = "type")]
//! enum DoorEvent { Open, Close, Wall }
//!
//! apart::machine::event_kinds! {
//!     /// The door's events without their data.
//!     pub enum DoorEventKind for DoorEvent { Open, Close, Wall }
//! }
//!
//! #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
//! struct Counter { openings: u32 }
//!
//! struct DoorMachine;
//! impl Machine for DoorMachine {
//!     const ID: &'static str = "example.door";
//!     const SCHEMA_VERSION: u32 = 1;
//!     type State = Door;
//!     type Event = DoorEvent;
//!     type Guard = DoorGuard;
//!     type Context = Counter;
//!     type Effect = String;
//!     fn initial() -> Door { Door::Closed }
//!     fn table() -> &'static [Transition<Self>] {
//!         use DoorEventKind as E;
//!         const T: &[Transition<DoorMachine>] = &[
//!             Transition::new(Door::Closed, E::Open, Door::Open)
//!                 .guards(&[DoorGuard::NotTooOften]),
//!             Transition::new(Door::Open, E::Close, Door::Closed),
//!             Transition::new(Door::Closed, E::Wall, Door::Walled)
//!                 .actors(&[Actor::Administration]),
//!         ];
//!         T
//!     }
//!     fn guard(guard: DoorGuard, snap: &Snapshot<Self>, _: Option<&DoorEvent>, _: OffsetDateTime)
//!         -> Result<(), Refusal> {
//!         match guard {
//!             DoorGuard::NotTooOften if snap.context().openings >= 2 =>
//!                 Err(Refusal::new(apart::diagnostic::Family::Machine, "DOOR_WORN_OUT", "porte usée", "door worn out")),
//!             DoorGuard::NotTooOften => Ok(()),
//!         }
//!     }
//!     fn act(_: &Transition<Self>, ctx: &mut Counter, ev: &DoorEvent, _: OffsetDateTime)
//!         -> Result<Vec<String>, Refusal> {
//!         if let DoorEvent::Open = ev { ctx.openings += 1; }
//!         Ok(vec![format!("{} done", apart::machine::Event::name(ev))])
//!     }
//! }
//!
//! let now = OffsetDateTime::UNIX_EPOCH;
//! let door = Snapshot::<DoorMachine>::new(Counter::default())?;
//! let step = door.apply(DoorEvent::Open, Actor::Principal, now)?;
//! assert_eq!(step.snapshot.state(), Door::Open);
//! assert_eq!(step.effects, vec!["Open done".to_string()]);
//! assert_eq!(step.snapshot.allowed_events(Actor::Principal, now), vec!["Close"]);
//! let err = step.snapshot.apply(DoorEvent::Wall, Actor::Principal, now).unwrap_err();
//! assert_eq!(apart::Diagnostic::code(&err), "INVALID_TRANSITION");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod diagram;
mod dynamic;
mod error;
mod snapshot;
mod table;

pub use diagram::{dot, mermaid};
pub use dynamic::{DynMachine, JsonStep, erase, erase_with};
pub use error::{MachineError, Refusal, SnapshotError, TransitionError, WriteProblem};
pub use snapshot::{
    HistoryEntry, MAX_CLOCK_SKEW, MAX_HISTORY_LIMIT, MAX_SNAPSHOT_BYTES, Snapshot, Step,
};
pub use table::{Actor, Event, EventKind, EventKindOf, Guard, Machine, State, Transition};

/// Declares the state enum of a machine: a plain `Copy` enum with [`State`] implemented, whose
/// JSON form is the variant's name.
///
/// ```
/// apart::machine::state_enum! {
///     /// A traffic light.
///     pub enum Light { Red, Green }
/// }
/// use apart::machine::State;
/// assert_eq!(Light::Green.name(), "Green");
/// assert_eq!(Light::from_name("Red"), Some(Light::Red));
/// assert_eq!(serde_json::to_string(&Light::Red)?, "\"Red\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[macro_export]
macro_rules! state_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name { $($(#[$vmeta])* $variant),+ }

        impl $crate::machine::State for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];
            fn name(self) -> &'static str {
                match self { $($name::$variant => stringify!($variant)),+ }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($crate::machine::State::name(*self))
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str($crate::machine::State::name(*self))
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                $crate::__private::read_name(
                    d,
                    <$name as $crate::machine::State>::ALL,
                    <$name as $crate::machine::State>::name,
                    "state",
                    stringify!($name),
                )
            }
        }
    };
}
pub use state_enum;

/// Declares the guard enum of a machine: a plain `Copy` enum with [`Guard`] implemented, each
/// variant spelt as it appears in diagrams and in the `guard` field of a refused transition.
///
/// ```
/// apart::machine::guard_enum! {
///     /// The checks of a traffic light.
///     pub enum LightGuard {
///         /// The pedestrians have crossed.
///         CrossingClear = "crossing_clear",
///     }
/// }
/// use apart::machine::Guard;
/// assert_eq!(LightGuard::CrossingClear.name(), "crossing_clear");
/// assert_eq!(LightGuard::ALL, &[LightGuard::CrossingClear]);
/// assert_eq!(LightGuard::CrossingClear.to_string(), "crossing_clear");
/// ```
#[macro_export]
macro_rules! guard_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident {
        $($(#[$vmeta:meta])* $variant:ident = $spelling:literal),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name { $($(#[$vmeta])* $variant),+ }

        impl $crate::machine::Guard for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];
            fn name(self) -> &'static str {
                match self { $($name::$variant => $spelling),+ }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($crate::machine::Guard::name(*self))
            }
        }
    };
}
pub use guard_enum;

/// Declares the kinds of a machine's event enum and implements [`Event`] for it: a plain
/// `Copy` enum with one variant per event variant, named alike, which table rows name. A
/// variant left out, or one the event does not have, does not compile.
///
/// ```
/// use apart::machine::{Event, EventKind};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Debug, Clone, Serialize, Deserialize)]
/// #[serde(tag = "type")]
/// pub enum LightEvent { Switch { to_green: bool }, Fail }
///
/// apart::machine::event_kinds! {
///     /// The light's events without their data.
///     pub enum LightEventKind for LightEvent { Switch, Fail }
/// }
///
/// let event = LightEvent::Switch { to_green: true };
/// assert_eq!(event.kind(), LightEventKind::Switch);
/// assert_eq!(event.name(), "Switch");
/// assert_eq!(LightEventKind::ALL, &[LightEventKind::Switch, LightEventKind::Fail]);
/// // A kind is written as its name, and read back from it.
/// assert_eq!(serde_json::to_string(&LightEventKind::Fail).unwrap(), r#""Fail""#);
/// assert!(serde_json::from_str::<LightEventKind>(r#""Explode""#).is_err());
/// ```
#[macro_export]
macro_rules! event_kinds {
    ($(#[$meta:meta])* $vis:vis enum $kind:ident for $event:ident {
        $($variant:ident),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $kind {
            $(
                #[doc = concat!("[`", stringify!($event), "::", stringify!($variant), "`].")]
                $variant
            ),+
        }

        impl $crate::machine::EventKind for $kind {
            const ALL: &'static [Self] = &[$($kind::$variant),+];
            fn name(self) -> &'static str {
                match self { $($kind::$variant => stringify!($variant)),+ }
            }
        }

        impl ::std::fmt::Display for $kind {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($crate::machine::EventKind::name(*self))
            }
        }

        impl $crate::__private::serde::Serialize for $kind {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str($crate::machine::EventKind::name(*self))
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $kind {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                $crate::__private::read_name(
                    d,
                    <$kind as $crate::machine::EventKind>::ALL,
                    <$kind as $crate::machine::EventKind>::name,
                    "event",
                    stringify!($kind),
                )
            }
        }

        impl $crate::machine::Event for $event {
            type Kind = $kind;
            fn kind(&self) -> $kind {
                match self { $($event::$variant { .. } => $kind::$variant),+ }
            }
        }
    };
}
pub use event_kinds;

#[cfg(test)]
mod tests;
