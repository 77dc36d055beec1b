//! Every lifecycle of the core, through `apart::machine::DynMachine`: snapshots, contexts and
//! events are JSON text or the same as a `dict`, instants aware `datetime`s.

use apart::machine::{Actor, JsonStep, MachineError};
use apart::procedure::HeldMachine;
use apart::python::Text;
use apart::seal::SealKey;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use time::OffsetDateTime;

use crate::errors::{raise, shield};
use crate::indemnity::Book;
use crate::values::{Instant, JsonText, Read};

/// One lifecycle (``apart.da``, ``apart.onboarding``, ...). Stateless: every method takes the
/// snapshot (JSON text, or the same as a ``dict``) and returns a new one. ``now`` is a
/// timezone-aware ``datetime``: the library has no clock. Thread-safe.
#[pyclass(module = "apart._native", frozen, eq, hash)]
#[derive(PartialEq, Eq, Hash)]
pub(crate) struct Machine(HeldMachine);

#[pymethods]
impl Machine {
    /// The same machine reading ``book`` (a copy of it, as it is now) for its deadlines and
    /// quotas (``apart.da``, ``apart.di``) instead of the built-in law; the machines that read
    /// no law come back as they are.
    fn with_law(&self, py: Python<'_>, book: Book<'_>) -> PyResult<Machine> {
        shield(py, || {
            let copy = crate::indemnity::with_book_detached(py, Some(book), Clone::clone)?;
            Ok(Machine(self.0.with_law(std::sync::Arc::new(copy))))
        })
    }

    #[getter]
    fn id(&self) -> &'static str {
        self.0.id()
    }

    /// The snapshot schema version this library writes.
    #[getter]
    fn schema_version(&self) -> u32 {
        self.0.schema_version()
    }

    #[getter]
    fn initial_state(&self) -> &'static str {
        self.0.initial_state()
    }

    /// Every state's name, in declaration order.
    fn states(&self) -> Vec<&'static str> {
        self.0.states()
    }

    /// Every event's name, in table order.
    fn events(&self) -> Vec<&'static str> {
        self.0.events()
    }

    /// Whether no transition leaves ``state``; ``None`` for an unknown state.
    fn is_terminal_state(&self, state: Text<'_>) -> Option<bool> {
        self.0.is_terminal_state(&state)
    }

    /// A snapshot in the initial state for ``context`` (the machine's context).
    fn new_snapshot(&self, py: Python<'_>, context: JsonText) -> PyResult<String> {
        shield(py, || Ok(self.0.new_snapshot(&context.0)?))
    }

    /// Validates a stored snapshot (migrating an older schema) and returns it as written now.
    fn restore(&self, py: Python<'_>, snapshot: JsonText) -> PyResult<String> {
        shield(py, || Ok(self.0.restore(&snapshot.0)?))
    }

    /// The snapshot with its seal (HMAC-SHA-256 under ``key``, at least 32 bytes from your
    /// secret store; text is ``InputError`` ``INPUT_WRONG_TYPE``): the form to store, so that an
    /// edited record is refused by :meth:`open`.
    fn seal(&self, py: Python<'_>, snapshot: JsonText, key: &Bound<'_, PyAny>) -> PyResult<String> {
        shield(py, || {
            let key = SealKey::new(&crate::values::bytes(key, "key")?)?;
            Ok(self.0.seal(&snapshot.0, &key)?)
        })
    }

    /// The snapshot of a sealed one, once its seal is checked under ``key``; raises
    /// :class:`MachineError` (``SEAL_MISSING``, ``SEAL_INVALID``) otherwise.
    fn open(&self, py: Python<'_>, sealed: JsonText, key: &Bound<'_, PyAny>) -> PyResult<String> {
        shield(py, || {
            let key = SealKey::new(&crate::values::bytes(key, "key")?)?;
            Ok(self.0.open(&sealed.0, &key)?)
        })
    }

    fn state_of(&self, py: Python<'_>, snapshot: JsonText) -> PyResult<&'static str> {
        shield(py, || Ok(self.0.state_of(&snapshot.0)?))
    }

    /// Applies ``event``: the new snapshot and effects, or :class:`MachineError`.
    fn apply(
        &self,
        py: Python<'_>,
        snapshot: JsonText,
        event: JsonText,
        actor: Read<Actor>,
        now: Instant,
    ) -> PyResult<JsonStep> {
        shield(py, || {
            let step = py.detach(|| self.0.apply(&snapshot.0, &event.0, actor.0, now.0));
            Ok(step?)
        })
    }

    /// Why ``event`` would be refused (returned, not raised), or ``None`` if accepted.
    /// Nothing changes. A bad snapshot or event still raises.
    fn check(
        &self,
        py: Python<'_>,
        snapshot: JsonText,
        event: JsonText,
        actor: Read<Actor>,
        now: Instant,
    ) -> PyResult<Option<Py<PyAny>>> {
        shield(py, || {
            match self.0.can(&snapshot.0, &event.0, actor.0, now.0) {
                Ok(()) => Ok(None),
                Err(MachineError::Transition(e)) => {
                    Ok(Some(raise(py, &e).into_value(py).into_any()))
                }
                Err(e) => Err(e.into()),
            }
        })
    }

    /// Whether :meth:`apply` would accept ``event`` (the same checks, nothing changes).
    fn can(
        &self,
        py: Python<'_>,
        snapshot: JsonText,
        event: JsonText,
        actor: Read<Actor>,
        now: Instant,
    ) -> PyResult<bool> {
        Ok(self.check(py, snapshot, event, actor, now)?.is_none())
    }

    /// The events ``actor`` may send now (the buttons to enable).
    fn allowed_events(
        &self,
        py: Python<'_>,
        snapshot: JsonText,
        actor: Read<Actor>,
        now: Instant,
    ) -> PyResult<Vec<&'static str>> {
        shield(py, || {
            Ok(self.0.allowed_events(&snapshot.0, actor.0, now.0)?)
        })
    }

    /// Fires the timed transitions due at ``now`` (implicit acceptance, expiry).
    fn tick(&self, py: Python<'_>, snapshot: JsonText, now: Instant) -> PyResult<JsonStep> {
        shield(py, || Ok(self.0.tick(&snapshot.0, now.0)?))
    }

    /// When to call :meth:`tick` next (UTC), if ever.
    fn next_deadline(
        &self,
        py: Python<'_>,
        snapshot: JsonText,
    ) -> PyResult<Option<OffsetDateTime>> {
        shield(py, || Ok(self.0.next_deadline(&snapshot.0)?))
    }

    /// The machine as a Mermaid ``stateDiagram-v2``.
    fn mermaid(&self, py: Python<'_>) -> PyResult<String> {
        shield(py, || Ok(self.0.mermaid()))
    }

    /// The machine as a Graphviz digraph.
    fn dot(&self, py: Python<'_>) -> PyResult<String> {
        shield(py, || Ok(self.0.dot()))
    }

    fn __repr__(&self) -> String {
        format!("Machine('{}')", self.0.id())
    }

    /// Pickled by id: `machine_by_id(id)`.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let by_id = py.import("apart._native")?.getattr("machine_by_id")?;
        PyTuple::new(py, [by_id, PyTuple::new(py, [self.0.id()])?.into_any()])
    }
}

/// Every machine of the library.
#[pyfunction]
pub(crate) fn machines() -> Vec<Machine> {
    apart::machines()
        .iter()
        .map(|m| Machine(HeldMachine::Builtin(*m)))
        .collect()
}

/// The machine whose id is ``machine_id`` (``"apart.da"``), if there is one.
#[pyfunction]
pub(crate) fn machine_by_id(machine_id: Text<'_>) -> Option<Machine> {
    apart::machine_by_id(&machine_id).map(|m| Machine(HeldMachine::Builtin(m)))
}
