//! Every lifecycle through one JSON-speaking class (`apart::machine`).

use std::ops::Deref;
use std::sync::Arc;

use apart::machine::DynMachine;
use apart::value::Json;
use napi::{Env, JsDate};
use napi_derive::napi;
use serde_json::Value;

use crate::arg;
use crate::error::OrThrow;
use crate::indemnity::LawBook;
use crate::records::to_json;

/// The ids of every machine of the library (`apart.da`, …).
#[napi(catch_unwind)]
pub fn machines() -> Vec<String> {
    apart::machines()
        .iter()
        .map(|m| m.id().to_owned())
        .collect()
}

/// One lifecycle (onboarding, credential, DA, DI, …), driven through plain-object snapshots
/// and serde-tagged events (`{ type: 'Submit', … }`). Time comes in as `now` (a `Date` or epoch
/// milliseconds); the machine never reads a clock.
#[napi]
pub struct Machine {
    /// A built-in machine, or the DA or DI reading a caller's law book.
    inner: Arc<dyn Deref<Target = dyn DynMachine> + Send + Sync>,
}

impl std::fmt::Debug for Machine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Machine")
            .field("id", &self.inner.id())
            .finish()
    }
}

#[napi]
impl Machine {
    /// The machine whose id is `id` (see `machines()`). Throws a `MachineError`
    /// (`MACHINE_UNKNOWN`).
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env, id: arg::String) -> napi::Result<Self> {
        let inner = apart::find_machine(&id).or_throw(&env)?;
        Ok(Machine {
            inner: Arc::new(inner),
        })
    }

    /// The same machine reading `law` for its deadlines and quotas (the DA and the DI) instead
    /// of the law embedded in this release; the other machines read no law and come back as
    /// they are. The book is copied: later changes to `law` need a new call.
    #[napi(catch_unwind, ts_args_type = "law: LawBook")]
    pub fn with_law(&self, law: arg::Instance<LawBook>) -> Machine {
        let book = Arc::new(law.0.inner.clone());
        Machine {
            inner: match apart::procedure::machine_with_law(self.inner.id(), book) {
                Some(bound) => Arc::new(bound),
                None => self.inner.clone(),
            },
        }
    }

    /// The machine's id.
    #[napi(getter, catch_unwind)]
    pub fn id(&self) -> String {
        self.inner.id().to_owned()
    }

    /// The snapshot schema version this library writes.
    #[napi(getter, catch_unwind)]
    pub fn schema_version(&self) -> u32 {
        self.inner.schema_version()
    }

    /// The initial state's name.
    #[napi(getter, catch_unwind)]
    pub fn initial_state(&self) -> String {
        self.inner.initial_state().to_owned()
    }

    /// Every state's name, in declaration order.
    #[napi(catch_unwind)]
    pub fn states(&self) -> Vec<String> {
        self.inner.states().into_iter().map(str::to_owned).collect()
    }

    /// Every event name, each once.
    #[napi(catch_unwind)]
    pub fn events(&self) -> Vec<String> {
        self.inner.events().into_iter().map(str::to_owned).collect()
    }

    /// Whether `state` is terminal; `null` for an unknown state.
    #[napi(catch_unwind)]
    pub fn is_terminal_state(&self, state: arg::String) -> Option<bool> {
        self.inner.is_terminal_state(&state)
    }

    /// A new snapshot in the initial state, from the machine's context. Throws a
    /// `MachineError` (`MACHINE_INPUT_MALFORMED`).
    #[napi(
        catch_unwind,
        ts_args_type = "context: Record<string, unknown>",
        ts_return_type = "MachineSnapshot"
    )]
    pub fn new_snapshot(&self, env: Env, arg::Json(context): arg::Json) -> napi::Result<Value> {
        let snapshot = self.inner.new_snapshot(&context).or_throw(&env)?;
        to_json(&Json::from_text(snapshot))
    }

    /// Validates (and migrates) a stored snapshot. Throws a `MachineError`.
    #[napi(
        catch_unwind,
        ts_args_type = "snapshot: MachineSnapshot",
        ts_return_type = "MachineSnapshot"
    )]
    pub fn restore(&self, env: Env, arg::Json(snapshot): arg::Json) -> napi::Result<Value> {
        let restored = self.inner.restore(&snapshot).or_throw(&env)?;
        to_json(&Json::from_text(restored))
    }

    /// The snapshot with its seal (HMAC-SHA-256 under `key`, at least 32 bytes from your secret
    /// store): the form to store. Throws a `MachineError`.
    #[napi(
        catch_unwind,
        ts_args_type = "snapshot: MachineSnapshot, key: Uint8Array",
        ts_return_type = "MachineSnapshot"
    )]
    pub fn seal(
        &self,
        env: Env,
        arg::Json(snapshot): arg::Json,
        key: arg::Bytes,
    ) -> napi::Result<Value> {
        let key = apart::seal::SealKey::new(&key.0).or_throw(&env)?;
        to_json(&Json::from_text(
            self.inner.seal(&snapshot, &key).or_throw(&env)?,
        ))
    }

    /// The snapshot of a sealed one, once its seal is checked under `key`. Throws a
    /// `MachineError` (`SEAL_MISSING`, `SEAL_INVALID`: edited, or sealed with another key).
    #[napi(
        catch_unwind,
        ts_args_type = "sealed: MachineSnapshot, key: Uint8Array",
        ts_return_type = "MachineSnapshot"
    )]
    pub fn open(
        &self,
        env: Env,
        arg::Json(sealed): arg::Json,
        key: arg::Bytes,
    ) -> napi::Result<Value> {
        let key = apart::seal::SealKey::new(&key.0).or_throw(&env)?;
        to_json(&Json::from_text(
            self.inner.open(&sealed, &key).or_throw(&env)?,
        ))
    }

    /// The state's name of a snapshot. Throws a `MachineError`.
    #[napi(catch_unwind, ts_args_type = "snapshot: MachineSnapshot")]
    pub fn state_of(&self, env: Env, arg::Json(snapshot): arg::Json) -> napi::Result<String> {
        self.inner
            .state_of(&snapshot)
            .map(str::to_owned)
            .or_throw(&env)
    }

    /// Sends `event` as `actor` at `now`. Throws a `MachineError` (a refused transition: the
    /// code says why; or a snapshot that cannot be read).
    #[napi(
        catch_unwind,
        ts_args_type = "snapshot: MachineSnapshot, event: MachineEvent, actor: Actor, now: Date | number | string",
        ts_return_type = "Step"
    )]
    pub fn apply(
        &self,
        env: Env,
        arg::Json(snapshot): arg::Json,
        arg::Json(event): arg::Json,
        arg::Actor(actor): arg::Actor,
        arg::Now(now): arg::Now,
    ) -> napi::Result<Value> {
        crate::records::to_json(
            &self
                .inner
                .apply(&snapshot, &event, actor, now)
                .or_throw(&env)?,
        )
    }

    /// Whether `apply` would accept the event (it changes nothing). A refused transition is
    /// `false`; a bad snapshot or event still throws.
    #[napi(
        catch_unwind,
        ts_args_type = "snapshot: MachineSnapshot, event: MachineEvent, actor: Actor, now: Date | number | string"
    )]
    pub fn can(
        &self,
        env: Env,
        arg::Json(snapshot): arg::Json,
        arg::Json(event): arg::Json,
        arg::Actor(actor): arg::Actor,
        arg::Now(now): arg::Now,
    ) -> napi::Result<bool> {
        match self.inner.can(&snapshot, &event, actor, now) {
            Ok(()) => Ok(true),
            Err(apart::machine::MachineError::Transition(_)) => Ok(false),
            Err(e) => Err(e).or_throw(&env),
        }
    }

    /// Like `can`, but throws the `MachineError` that `apply` would throw (to show why).
    #[napi(
        catch_unwind,
        ts_args_type = "snapshot: MachineSnapshot, event: MachineEvent, actor: Actor, now: Date | number | string"
    )]
    pub fn check(
        &self,
        env: Env,
        arg::Json(snapshot): arg::Json,
        arg::Json(event): arg::Json,
        arg::Actor(actor): arg::Actor,
        arg::Now(now): arg::Now,
    ) -> napi::Result<()> {
        self.inner.can(&snapshot, &event, actor, now).or_throw(&env)
    }

    /// The events `actor` may send now (to enable buttons). Throws a `MachineError`.
    #[napi(
        catch_unwind,
        ts_args_type = "snapshot: MachineSnapshot, actor: Actor, now: Date | number | string"
    )]
    pub fn allowed_events(
        &self,
        env: Env,
        arg::Json(snapshot): arg::Json,
        arg::Actor(actor): arg::Actor,
        arg::Now(now): arg::Now,
    ) -> napi::Result<Vec<String>> {
        self.inner
            .allowed_events(&snapshot, actor, now)
            .map(|events| events.into_iter().map(str::to_owned).collect())
            .or_throw(&env)
    }

    /// Fires the timed transitions due at `now`. Throws a `MachineError`.
    #[napi(
        catch_unwind,
        ts_args_type = "snapshot: MachineSnapshot, now: Date | number | string",
        ts_return_type = "Step"
    )]
    pub fn tick(
        &self,
        env: Env,
        arg::Json(snapshot): arg::Json,
        arg::Now(now): arg::Now,
    ) -> napi::Result<Value> {
        to_json(&self.inner.tick(&snapshot, now).or_throw(&env)?)
    }

    /// When `tick` should next be called, or `null`. Throws a `MachineError`.
    #[napi(
        catch_unwind,
        ts_args_type = "snapshot: MachineSnapshot",
        ts_return_type = "Date | null"
    )]
    pub fn next_deadline<'env>(
        &self,
        env: &'env Env,
        arg::Json(snapshot): arg::Json,
    ) -> napi::Result<Option<JsDate<'env>>> {
        match self.inner.next_deadline(&snapshot).or_throw(env)? {
            Some(at) => Ok(Some(env.create_date(apart::float::millis(at))?)),
            None => Ok(None),
        }
    }

    /// The machine as a Mermaid state diagram.
    #[napi(catch_unwind)]
    pub fn mermaid(&self) -> String {
        self.inner.mermaid()
    }

    /// The machine as a Graphviz graph.
    #[napi(catch_unwind)]
    pub fn dot(&self) -> String {
        self.inner.dot()
    }
}
