//! Every lifecycle through one JSON-speaking class (`apart::machine::DynMachine`): snapshots
//! and events are plain objects (the core's JSON), `now` an RFC 3339 string (its offset is the
//! establishment's local time) or a `Date`.

use apart::machine::{Actor, DynMachine, MachineError};
use apart::value::ValueError;
use wasm_bindgen::prelude::*;

use crate::convert::{from_text, instant, json_text, text};
use crate::error::{OrThrow, throw};

/// The ids of every machine of the library (`apart.da`, …).
#[wasm_bindgen]
pub fn machines() -> Vec<String> {
    apart::machines()
        .iter()
        .map(|m| m.id().to_owned())
        .collect()
}

fn actor(value: &JsValue) -> Result<Actor, JsValue> {
    apart::value::from_json_value(serde_json::Value::String(text(value, "actor")?))
        .map_err(|e: ValueError| e.with_field("actor"))
        .or_throw()
}

impl Machine {
    /// What `can` and `check` share: the arguments read (their errors thrown), then the core's
    /// answer for the event.
    fn try_event(
        &self,
        snapshot: &JsValue,
        event: &JsValue,
        actor: &JsValue,
        now: &JsValue,
    ) -> Result<Result<(), MachineError>, JsValue> {
        let snapshot = json_text(snapshot, "snapshot")?;
        let event = json_text(event, "event")?;
        let actor = self::actor(actor)?;
        let now = instant(now, "now")?;
        Ok(self.inner.can(&snapshot, &event, actor, now))
    }
}

fn step(step: apart::machine::JsonStep) -> Result<JsValue, JsValue> {
    from_text(&format!(
        r#"{{"snapshot":{},"effects":{}}}"#,
        step.snapshot, step.effects
    ))
}

/// One lifecycle (onboarding, credential, habilitation, token, mandate, DA, DI, assistance),
/// driven through plain-object snapshots and serde-tagged events (`{ type: 'Submit', … }`).
/// The machine never reads a clock: time comes in as `now`.
#[wasm_bindgen]
pub struct Machine {
    inner: Inner,
}

/// The core machine: a built-in one, or the DA or DI reading a caller's law book.
enum Inner {
    Builtin(&'static dyn DynMachine),
    WithLaw(std::sync::Arc<dyn DynMachine>),
}

impl std::ops::Deref for Inner {
    type Target = dyn DynMachine;

    fn deref(&self) -> &Self::Target {
        match self {
            Inner::Builtin(m) => *m,
            Inner::WithLaw(m) => m.as_ref(),
        }
    }
}

impl std::fmt::Debug for Machine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Machine")
            .field("id", &self.inner.id())
            .finish()
    }
}

#[wasm_bindgen]
impl Machine {
    /// The machine whose id is `id` (see `machines()`). Throws a `MachineError`
    /// (`MACHINE_UNKNOWN`).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<Machine, JsValue> {
        let inner = apart::find_machine(&text(&id, "id")?).map_err(|e| throw(&e))?;
        Ok(Machine {
            inner: Inner::Builtin(inner),
        })
    }

    /// The same machine reading `law` for its deadlines and quotas (the DA and the DI) instead
    /// of the law embedded in this release; the other machines read no law and come back as
    /// they are. The book is copied: later changes to `law` need a new call.
    #[wasm_bindgen(js_name = withLaw)]
    pub fn with_law(&self, law: &crate::indemnity::LawBook) -> Machine {
        let book = std::sync::Arc::new(law.core().clone());
        let inner = match apart::procedure::machine_with_law(self.inner.id(), book) {
            Some(bound) => Inner::WithLaw(bound),
            None => match &self.inner {
                Inner::Builtin(m) => Inner::Builtin(*m),
                Inner::WithLaw(m) => Inner::WithLaw(m.clone()),
            },
        };
        Machine { inner }
    }

    /// The machine's id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.inner.id().to_owned()
    }

    /// The snapshot schema version this library writes.
    #[wasm_bindgen(getter, js_name = schemaVersion)]
    pub fn schema_version(&self) -> u32 {
        self.inner.schema_version()
    }

    /// The initial state's name.
    #[wasm_bindgen(getter, js_name = initialState)]
    pub fn initial_state(&self) -> String {
        self.inner.initial_state().to_owned()
    }

    /// Every state's name, in declaration order.
    pub fn states(&self) -> Vec<String> {
        self.inner.states().into_iter().map(str::to_owned).collect()
    }

    /// Every event name, each once.
    pub fn events(&self) -> Vec<String> {
        self.inner.events().into_iter().map(str::to_owned).collect()
    }

    /// Whether `state` is terminal; `undefined` for an unknown state.
    #[wasm_bindgen(js_name = isTerminalState)]
    pub fn is_terminal_state(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] state: JsValue,
    ) -> Result<Option<bool>, JsValue> {
        Ok(self.inner.is_terminal_state(&text(&state, "state")?))
    }

    /// A new snapshot in the initial state, from the machine's context. Throws a
    /// `MachineError` (`MACHINE_INPUT_MALFORMED`).
    #[wasm_bindgen(js_name = newSnapshot, unchecked_return_type = "MachineSnapshot")]
    pub fn new_snapshot(&self, context: JsValue) -> Result<JsValue, JsValue> {
        let context = json_text(&context, "context")?;
        from_text(&self.inner.new_snapshot(&context).or_throw()?)
    }

    /// Validates (and migrates) a stored snapshot. Throws a `MachineError` (`SNAPSHOT_*`).
    #[wasm_bindgen(unchecked_return_type = "MachineSnapshot")]
    pub fn restore(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MachineSnapshot")] snapshot: JsValue,
    ) -> Result<JsValue, JsValue> {
        let snapshot = json_text(&snapshot, "snapshot")?;
        from_text(&self.inner.restore(&snapshot).or_throw()?)
    }

    /// The state's name of a snapshot.
    #[wasm_bindgen(js_name = stateOf)]
    pub fn state_of(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MachineSnapshot")] snapshot: JsValue,
    ) -> Result<String, JsValue> {
        let snapshot = json_text(&snapshot, "snapshot")?;
        Ok(self.inner.state_of(&snapshot).or_throw()?.to_owned())
    }

    /// Sends `event` as `actor` (`principal`, `administration`, …) at `now`: the new snapshot
    /// to store and the effects to carry out, in order. Throws a `MachineError` (refused
    /// event, bad snapshot) or the family of the refusal (a refused DI event is `procedure`).
    #[wasm_bindgen(unchecked_return_type = "MachineStep")]
    pub fn apply(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MachineSnapshot")] snapshot: JsValue,
        #[wasm_bindgen(unchecked_param_type = "MachineEvent")] event: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] actor: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] now: JsValue,
    ) -> Result<JsValue, JsValue> {
        let snapshot = json_text(&snapshot, "snapshot")?;
        let event = json_text(&event, "event")?;
        let actor = self::actor(&actor)?;
        let now = instant(&now, "now")?;
        step(self.inner.apply(&snapshot, &event, actor, now).or_throw()?)
    }

    /// Whether `apply` would accept the event (it changes nothing): a refused transition is
    /// `false`, as in Node; a bad snapshot, event, actor or `now` still throws. `check` throws
    /// the refusal instead (to show why).
    pub fn can(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MachineSnapshot")] snapshot: JsValue,
        #[wasm_bindgen(unchecked_param_type = "MachineEvent")] event: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] actor: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] now: JsValue,
    ) -> Result<bool, JsValue> {
        match self.try_event(&snapshot, &event, &actor, &now)? {
            Ok(()) => Ok(true),
            Err(MachineError::Transition(_)) => Ok(false),
            Err(e) => Err(throw(&e)),
        }
    }

    /// Like `can`, but throws the error `apply` would throw (a `MachineError` such as
    /// `FORBIDDEN_ACTOR`, or the family of the refusal) instead of answering `false`.
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MachineSnapshot")] snapshot: JsValue,
        #[wasm_bindgen(unchecked_param_type = "MachineEvent")] event: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] actor: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] now: JsValue,
    ) -> Result<(), JsValue> {
        self.try_event(&snapshot, &event, &actor, &now)?.or_throw()
    }

    /// The events `actor` may send now (the buttons a page shows).
    #[wasm_bindgen(js_name = allowedEvents)]
    pub fn allowed_events(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MachineSnapshot")] snapshot: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] actor: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] now: JsValue,
    ) -> Result<Vec<String>, JsValue> {
        let snapshot = json_text(&snapshot, "snapshot")?;
        let actor = self::actor(&actor)?;
        let now = instant(&now, "now")?;
        let events = self
            .inner
            .allowed_events(&snapshot, actor, now)
            .or_throw()?;
        Ok(events.into_iter().map(str::to_owned).collect())
    }

    /// The timed transitions due at `now` (deadlines, silence worth acceptance).
    #[wasm_bindgen(unchecked_return_type = "MachineStep")]
    pub fn tick(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MachineSnapshot")] snapshot: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] now: JsValue,
    ) -> Result<JsValue, JsValue> {
        let snapshot = json_text(&snapshot, "snapshot")?;
        let now = instant(&now, "now")?;
        step(self.inner.tick(&snapshot, now).or_throw()?)
    }

    /// The next deadline of a snapshot (RFC 3339), or `null`.
    #[wasm_bindgen(js_name = nextDeadline)]
    pub fn next_deadline(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MachineSnapshot")] snapshot: JsValue,
    ) -> Result<Option<String>, JsValue> {
        let snapshot = json_text(&snapshot, "snapshot")?;
        let next = self.inner.next_deadline(&snapshot).or_throw()?;
        Ok(next.map(apart::calendar::format_instant))
    }

    /// The Mermaid diagram of the machine.
    pub fn mermaid(&self) -> String {
        self.inner.mermaid()
    }

    /// The Graphviz diagram of the machine.
    pub fn dot(&self) -> String {
        self.inner.dot()
    }
}
