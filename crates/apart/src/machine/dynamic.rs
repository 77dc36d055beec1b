//! Machines behind one object-safe interface that speaks JSON: what the bindings (and any
//! caller that stores snapshots as documents) use to drive every lifecycle the same way.

use time::OffsetDateTime;

use super::table::rows_from;
use super::{
    Actor, EventKind, Machine, MachineError, Snapshot, SnapshotError, State, Step, dot, mermaid,
};
use crate::seal::SealKey;

/// The result of a transition through [`DynMachine`]: the new snapshot and the effects, both
/// as JSON text (as plain data, `Step` in TypeScript: the snapshot to store and the effects to
/// carry out, in order).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "Step"))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, eq, name = "Step", module = "apart.machine")
)]
pub struct JsonStep {
    /// The new snapshot, as [`Snapshot::to_json`] writes it.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub snapshot: String,
    /// The effects to carry out, as a JSON array (each effect serialised as the machine defines).
    #[cfg_attr(feature = "ts", ts(type = "Array<Record<string, unknown>>"))]
    pub effects: String,
}

/// A typed step as JSON: what a front end that calls a typed operation (a principal transfer)
/// returns, as [`DynMachine`] does.
impl<M: Machine> From<Step<M>> for JsonStep {
    fn from(step: Step<M>) -> JsonStep {
        JsonStep {
            snapshot: step.snapshot.to_json(),
            effects: serde_json::to_string(&step.effects).unwrap_or_else(|_| "[]".to_owned()),
        }
    }
}

/// A step as plain data (what a front end that speaks serde returns): `{ snapshot, effects }`,
/// the snapshot as its JSON object and the effects as their array, not as text.
///
/// ```
/// use apart::machine::JsonStep;
/// let step = JsonStep { snapshot: r#"{"state":"Active"}"#.into(), effects: "[]".into() };
/// assert_eq!(serde_json::to_value(&step)?, serde_json::json!({"snapshot": {"state": "Active"}, "effects": []}));
/// # Ok::<(), serde_json::Error>(())
/// ```
impl serde::Serialize for JsonStep {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut step = serializer.serialize_struct("JsonStep", 2)?;
        let doc = |text: &str| crate::value::Json::from_text(text.to_owned());
        step.serialize_field("snapshot", &doc(&self.snapshot))?;
        step.serialize_field("effects", &doc(&self.effects))?;
        step.end()
    }
}

/// A machine driven through JSON snapshots and JSON events.
///
/// Every method parses its inputs inside, so a bad snapshot or event is a domain error
/// (`SNAPSHOT_*`, `MACHINE_INPUT_MALFORMED`, or the `VALUE_*` error of a value inside an event
/// or a context), never a panic or a conversion failure in a binding.
///
/// ```
/// # use apart::machine::{Actor, DynMachine};
/// // Obtained from a domain's list of machines, e.g. `apart::machines()`.
/// fn button_labels(m: &dyn DynMachine, snapshot: &str, now: time::OffsetDateTime)
///     -> Result<Vec<&'static str>, apart::machine::MachineError> {
///     m.allowed_events(snapshot, Actor::Principal, now)
/// }
/// ```
pub trait DynMachine: Send + Sync {
    /// The machine's id (`"apart.da"`).
    fn id(&self) -> &'static str;
    /// The snapshot schema version this library writes.
    fn schema_version(&self) -> u32;
    /// The initial state's name.
    fn initial_state(&self) -> &'static str;
    /// Every state's name, in declaration order.
    fn states(&self) -> Vec<&'static str>;
    /// Every event name of the table, in table order, each once.
    fn events(&self) -> Vec<&'static str>;
    /// Whether `state` is terminal (no row leaves it); `None` for an unknown state name.
    fn is_terminal_state(&self, state: &str) -> Option<bool>;

    /// A new snapshot in the initial state, from the machine's context as JSON.
    ///
    /// # Errors
    ///
    /// `MACHINE_INPUT_MALFORMED` when the context does not parse or is not possible in the
    /// initial state ([`Snapshot::new`]: a new habilitation already granted); `SNAPSHOT_TOO_LARGE`
    /// past [`MAX_SNAPSHOT_BYTES`](crate::machine::MAX_SNAPSHOT_BYTES); the value
    /// error (family `input`, `field` its path) when one of its values is refused by its reader.
    fn new_snapshot(&self, context_json: &str) -> Result<String, MachineError>;

    /// Validates a snapshot (and migrates an older schema), returning it as this library writes it.
    ///
    /// # Errors
    ///
    /// The `SNAPSHOT_*` errors of [`Snapshot::from_json`].
    fn restore(&self, snapshot_json: &str) -> Result<String, MachineError>;

    /// [`Snapshot::seal`]: the snapshot (checked as [`DynMachine::restore`] does) with its seal
    /// under `key`, the form to store.
    ///
    /// # Errors
    ///
    /// The `SNAPSHOT_*` errors of [`Snapshot::from_json`].
    fn seal(&self, snapshot_json: &str, key: &SealKey) -> Result<String, MachineError>;

    /// [`Snapshot::open`]: the snapshot of a sealed one, once its seal is checked under `key`,
    /// as this library writes it (without the seal).
    ///
    /// # Errors
    ///
    /// `SEAL_MISSING`, `SEAL_INVALID`, then the `SNAPSHOT_*` errors of [`Snapshot::from_json`].
    fn open(&self, sealed_json: &str, key: &SealKey) -> Result<String, MachineError>;

    /// The state's name of a snapshot.
    ///
    /// # Errors
    ///
    /// The `SNAPSHOT_*` errors of [`Snapshot::from_json`].
    fn state_of(&self, snapshot_json: &str) -> Result<&'static str, MachineError>;

    /// [`Snapshot::apply`] with an event given as JSON (serde-tagged: `{"type": "Submit", …}`).
    ///
    /// # Errors
    ///
    /// Snapshot and event parsing errors (`MACHINE_INPUT_MALFORMED`, or the value error of a
    /// value refused inside the event: `VALUE_FLOAT_REFUSED` for `{"amount": 1.5}`, field
    /// named), then those of [`Snapshot::apply`].
    fn apply(
        &self,
        snapshot_json: &str,
        event_json: &str,
        actor: Actor,
        now: OffsetDateTime,
    ) -> Result<JsonStep, MachineError>;

    /// [`Snapshot::can`] with an event given as JSON.
    ///
    /// # Errors
    ///
    /// As [`DynMachine::apply`], without changing anything.
    fn can(
        &self,
        snapshot_json: &str,
        event_json: &str,
        actor: Actor,
        now: OffsetDateTime,
    ) -> Result<(), MachineError>;

    /// [`Snapshot::allowed_events`].
    ///
    /// # Errors
    ///
    /// The `SNAPSHOT_*` errors of [`Snapshot::from_json`].
    fn allowed_events(
        &self,
        snapshot_json: &str,
        actor: Actor,
        now: OffsetDateTime,
    ) -> Result<Vec<&'static str>, MachineError>;

    /// [`Snapshot::tick`].
    ///
    /// # Errors
    ///
    /// The `SNAPSHOT_*` errors, then those of [`Snapshot::tick`].
    fn tick(&self, snapshot_json: &str, now: OffsetDateTime) -> Result<JsonStep, MachineError>;

    /// [`Snapshot::next_deadline`].
    ///
    /// # Errors
    ///
    /// The `SNAPSHOT_*` errors of [`Snapshot::from_json`].
    fn next_deadline(&self, snapshot_json: &str) -> Result<Option<OffsetDateTime>, MachineError>;

    /// The Mermaid diagram ([`mermaid`]).
    fn mermaid(&self) -> String;
    /// The Graphviz diagram ([`dot`]).
    fn dot(&self) -> String;
}

/// The [`DynMachine`] of `M`.
///
/// ```
/// # fn f<M: apart::machine::Machine>() {
/// let m: &'static dyn apart::machine::DynMachine = apart::machine::erase::<M>();
/// # }
/// ```
pub const fn erase<M: Machine>() -> &'static dyn DynMachine {
    &Erased::<M, AsStored>(std::marker::PhantomData, AsStored)
}

/// The [`DynMachine`] of `M` that hands every context it reads or creates to `prepare` before
/// using it: how a caller's setting that is not stored (a procedure's law book) reaches every
/// snapshot read from JSON.
///
/// ```
/// # fn f<M: apart::machine::Machine>() {
/// let m = apart::machine::erase_with::<M>(|_context| {});
/// # }
/// ```
pub fn erase_with<M: Machine>(
    prepare: impl Fn(&mut M::Context) + Send + Sync + 'static,
) -> std::sync::Arc<dyn DynMachine> {
    std::sync::Arc::new(Erased::<M, _>(std::marker::PhantomData, Prepared(prepare)))
}

/// What a [`DynMachine`] does to a context it reads.
trait Prepare<C>: Send + Sync {
    fn prepare(&self, context: &mut C);
}

/// Contexts used as stored.
struct AsStored;

impl<C> Prepare<C> for AsStored {
    fn prepare(&self, _: &mut C) {}
}

/// Contexts handed to a function.
struct Prepared<F>(F);

impl<C, F: Fn(&mut C) + Send + Sync> Prepare<C> for Prepared<F> {
    fn prepare(&self, context: &mut C) {
        (self.0)(context);
    }
}

struct Erased<M, P>(std::marker::PhantomData<fn() -> M>, P);

impl<M: Machine, P: Prepare<M::Context>> Erased<M, P> {
    fn load(&self, snapshot_json: &str) -> Result<Snapshot<M>, MachineError> {
        let mut snapshot = Snapshot::<M>::from_json(snapshot_json)?;
        self.1.prepare(snapshot.context_mut());
        Ok(snapshot)
    }

    fn event(event_json: &str) -> Result<M::Event, MachineError> {
        let event = read::<M, M::Event>("event", event_json)?;
        refuse_dropped_keys::<M>(event_json, &event)?;
        Ok(event)
    }
}

/// Refuses a key of `json` that `event` does not write back: serde reads a field-less event
/// (`{"type": "Submit"}`) without looking at the other keys, even under
/// `deny_unknown_fields`, so `{"type": "Submit", "force": true}` would lose `force` silently.
/// Events write every field they have, so a key missing from the written event is unknown.
fn refuse_dropped_keys<M: Machine>(json: &str, event: &M::Event) -> Result<(), MachineError> {
    let Ok(serde_json::Value::Object(given)) = serde_json::from_str::<serde_json::Value>(json)
    else {
        return Ok(());
    };
    let Ok(serde_json::Value::Object(written)) = serde_json::to_value(event) else {
        return Ok(());
    };
    match given.keys().find(|key| !written.contains_key(key.as_str())) {
        None => Ok(()),
        Some(key) => Err(MachineError::Snapshot(SnapshotError::MalformedInput {
            machine: M::ID,
            what: "event",
            error: Box::new(crate::value::ValueError::UnknownField {
                field: Some(crate::diagnostic::quote(key)),
                expected: written.keys().cloned().collect::<Vec<_>>().join(", "),
            }),
        })),
    }
}

/// An event or a context read from JSON: a value its field's reader refuses (a decimal, a date,
/// a spelling) is that value error, field named, as in any record of the library; any other
/// failure (not JSON, an unknown or missing field, an unknown event) is
/// `MACHINE_INPUT_MALFORMED`.
fn read<M: Machine, T: serde::de::DeserializeOwned>(
    what: &'static str,
    json: &str,
) -> Result<T, MachineError> {
    crate::diagnostic::take_refusal();
    serde_json::from_str(json).map_err(|e| {
        // The rare path: read again through a `Value` to find the value error and its field.
        let refused = crate::diagnostic::take_refusal();
        let value = serde_json::from_str::<serde_json::Value>(json).ok();
        let value_error = value.as_ref().and_then(crate::value::value_error_in::<T>);
        let error = match (value_error, refused) {
            (Some(error), _) => SnapshotError::InvalidValue {
                machine: M::ID,
                what,
                error: Box::new(error),
            },
            (None, Some(refusal)) => SnapshotError::Refused {
                machine: M::ID,
                what,
                field: value.as_ref().and_then(crate::value::error_path::<T>),
                error: Box::new(refusal),
            },
            (None, None) => SnapshotError::MalformedInput {
                machine: M::ID,
                what,
                error: Box::new(crate::value::why_not::<T>(json, &e)),
            },
        };
        // The reads above may have left a refusal behind: nothing else is to find it.
        crate::diagnostic::take_refusal();
        MachineError::Snapshot(error)
    })
}

impl<M: Machine, P: Prepare<M::Context>> DynMachine for Erased<M, P> {
    fn id(&self) -> &'static str {
        M::ID
    }

    fn schema_version(&self) -> u32 {
        M::SCHEMA_VERSION
    }

    fn initial_state(&self) -> &'static str {
        M::initial().name()
    }

    fn states(&self) -> Vec<&'static str> {
        M::State::ALL.iter().map(|s| s.name()).collect()
    }

    fn events(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = Vec::new();
        for row in M::table() {
            if !names.contains(&row.event.name()) {
                names.push(row.event.name());
            }
        }
        names
    }

    fn is_terminal_state(&self, state: &str) -> Option<bool> {
        M::State::from_name(state).map(|s| rows_from::<M>(s).next().is_none())
    }

    fn new_snapshot(&self, context_json: &str) -> Result<String, MachineError> {
        let mut context = read::<M, M::Context>("context", context_json)?;
        self.1.prepare(&mut context);
        Ok(Snapshot::<M>::new(context)?.to_json())
    }

    fn restore(&self, snapshot_json: &str) -> Result<String, MachineError> {
        Ok(self.load(snapshot_json)?.to_json())
    }

    fn seal(&self, snapshot_json: &str, key: &SealKey) -> Result<String, MachineError> {
        Ok(self.load(snapshot_json)?.seal(key))
    }

    fn open(&self, sealed_json: &str, key: &SealKey) -> Result<String, MachineError> {
        Ok(Snapshot::<M>::open(sealed_json, key)?.to_json())
    }

    fn state_of(&self, snapshot_json: &str) -> Result<&'static str, MachineError> {
        Ok(self.load(snapshot_json)?.state().name())
    }

    fn apply(
        &self,
        snapshot_json: &str,
        event_json: &str,
        actor: Actor,
        now: OffsetDateTime,
    ) -> Result<JsonStep, MachineError> {
        let snapshot = self.load(snapshot_json)?;
        let event = Self::event(event_json)?;
        Ok(snapshot.apply(event, actor, now)?.into())
    }

    fn can(
        &self,
        snapshot_json: &str,
        event_json: &str,
        actor: Actor,
        now: OffsetDateTime,
    ) -> Result<(), MachineError> {
        let snapshot = self.load(snapshot_json)?;
        let event = Self::event(event_json)?;
        Ok(snapshot.can(&event, actor, now)?)
    }

    fn allowed_events(
        &self,
        snapshot_json: &str,
        actor: Actor,
        now: OffsetDateTime,
    ) -> Result<Vec<&'static str>, MachineError> {
        Ok(self.load(snapshot_json)?.allowed_events(actor, now))
    }

    fn tick(&self, snapshot_json: &str, now: OffsetDateTime) -> Result<JsonStep, MachineError> {
        Ok(self.load(snapshot_json)?.tick(now)?.into())
    }

    fn next_deadline(&self, snapshot_json: &str) -> Result<Option<OffsetDateTime>, MachineError> {
        Ok(self.load(snapshot_json)?.next_deadline())
    }

    fn mermaid(&self) -> String {
        mermaid::<M>()
    }

    fn dot(&self) -> String {
        dot::<M>()
    }
}
