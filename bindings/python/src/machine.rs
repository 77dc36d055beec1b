//! Every lifecycle of the core, through `apart::machine::DynMachine`: snapshots and events are
//! JSON text, instants are microseconds since the Unix epoch (UTC), converted from and to aware
//! `datetime`s by the Python layer.

use apart::machine::{Actor, DynMachine, JsonStep, MachineError};
use apart::seal::SealKey;
use pyo3::prelude::*;
use pyo3::types::PyList;
use time::{OffsetDateTime, UtcOffset};

use crate::errors::{core_error, raise, shield, value_error};
use apart::value::ValueError;

/// An instant as Python hands it over: microseconds since the Unix epoch, and the UTC offset
/// in seconds of the aware `datetime` it came from (the procedure reads the establishment's
/// local date from that offset).
pub(crate) type Instant = (i64, i32);

/// The `OffsetDateTime` of an [`Instant`].
pub(crate) fn instant(py: Python<'_>, (micros, offset): Instant) -> PyResult<OffsetDateTime> {
    let out_of_range = |reason: &'static str| {
        value_error(
            py,
            ValueError::InvalidInstant {
                field: Some("now".to_owned()),
                input: format!("{micros} µs, {offset} s"),
                reason: reason.into(),
            },
        )
    };
    let offset = UtcOffset::from_whole_seconds(offset).map_err(|_| out_of_range("offset_range"))?;
    let at = OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1000)
        .ok()
        .and_then(|at| at.checked_to_offset(offset))
        .ok_or_else(|| out_of_range("year_range"))?;
    apart::calendar::check_instant(at).map_err(|e| value_error(py, e.with_field("now")))
}

/// The [`Instant`] of an `OffsetDateTime` (sub-microsecond digits are dropped: Python's
/// `datetime` has no room for them).
pub(crate) fn micros(py: Python<'_>, at: OffsetDateTime) -> PyResult<Instant> {
    i64::try_from(at.unix_timestamp_nanos().div_euclid(1000))
        .map(|m| (m, at.offset().whole_seconds()))
        .map_err(|_| {
            value_error(
                py,
                ValueError::InvalidInstant {
                    field: None,
                    input: at.to_string(),
                    reason: "year_range".into(),
                },
            )
        })
}

fn read_actor(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<Actor> {
    crate::values::option(py, value, "actor")
}

/// One machine of `apart::machines()`, or the DA or DI reading a caller's law book.
#[pyclass(module = "apart._native", frozen)]
struct Machine(Inner);

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

#[pymethods]
impl Machine {
    /// The same machine reading `book` (a copy of it) for its deadlines and quotas; machines
    /// that read no law come back as they are.
    fn with_law(
        &self,
        py: Python<'_>,
        book: &Bound<'_, crate::indemnity::LawBook>,
    ) -> PyResult<Machine> {
        shield(py, || {
            let id = self.0.id();
            let copy = crate::indemnity::with_book(py, Some(book), |b| Ok(b.clone()))?;
            Ok(
                match apart::procedure::machine_with_law(id, std::sync::Arc::new(copy)) {
                    Some(bound) => Machine(Inner::WithLaw(bound)),
                    None => Machine(match &self.0 {
                        Inner::Builtin(m) => Inner::Builtin(*m),
                        Inner::WithLaw(m) => Inner::WithLaw(m.clone()),
                    }),
                },
            )
        })
    }

    #[getter]
    fn id(&self) -> &'static str {
        self.0.id()
    }

    #[getter]
    fn schema_version(&self) -> u32 {
        self.0.schema_version()
    }

    #[getter]
    fn initial_state(&self) -> &'static str {
        self.0.initial_state()
    }

    fn states(&self) -> Vec<&'static str> {
        self.0.states()
    }

    fn events(&self) -> Vec<&'static str> {
        self.0.events()
    }

    fn is_terminal_state(&self, state: &str) -> Option<bool> {
        self.0.is_terminal_state(state)
    }

    fn new_snapshot(&self, py: Python<'_>, context_json: &str) -> PyResult<String> {
        shield(py, || {
            self.0
                .new_snapshot(context_json)
                .map_err(|e| core_error(py, &e.into()))
        })
    }

    fn restore(&self, py: Python<'_>, snapshot_json: &str) -> PyResult<String> {
        shield(py, || {
            self.0
                .restore(snapshot_json)
                .map_err(|e| core_error(py, &e.into()))
        })
    }

    /// The snapshot with its seal under `key` (HMAC-SHA-256; at least 32 bytes).
    fn seal(
        &self,
        py: Python<'_>,
        snapshot_json: &str,
        key: &Bound<'_, PyAny>,
    ) -> PyResult<String> {
        shield(py, || {
            let key = SealKey::new(&crate::values::bytes(key, "key")?)
                .map_err(|e| core_error(py, &e.into()))?;
            self.0
                .seal(snapshot_json, &key)
                .map_err(|e| core_error(py, &e.into()))
        })
    }

    /// The snapshot of a sealed one, once its seal is checked under `key`.
    fn open(&self, py: Python<'_>, sealed_json: &str, key: &Bound<'_, PyAny>) -> PyResult<String> {
        shield(py, || {
            let key = SealKey::new(&crate::values::bytes(key, "key")?)
                .map_err(|e| core_error(py, &e.into()))?;
            self.0
                .open(sealed_json, &key)
                .map_err(|e| core_error(py, &e.into()))
        })
    }

    fn state_of(&self, py: Python<'_>, snapshot_json: &str) -> PyResult<&'static str> {
        shield(py, || {
            self.0
                .state_of(snapshot_json)
                .map_err(|e| core_error(py, &e.into()))
        })
    }

    fn apply(
        &self,
        py: Python<'_>,
        snapshot_json: &str,
        event_json: &str,
        actor: &Bound<'_, PyAny>,
        now: Instant,
    ) -> PyResult<JsonStep> {
        shield(py, || {
            let (who, now) = (read_actor(py, actor)?, instant(py, now)?);
            py.detach(|| self.0.apply(snapshot_json, event_json, who, now))
                .map_err(|e| core_error(py, &e.into()))
        })
    }

    /// `Ok(None)` when the event would be accepted, `Ok(error)` when the machine refuses it (a
    /// transition error, returned, not raised); any other error (bad snapshot or event) raises.
    fn check(
        &self,
        py: Python<'_>,
        snapshot_json: &str,
        event_json: &str,
        actor: &Bound<'_, PyAny>,
        now: Instant,
    ) -> PyResult<Option<Py<PyAny>>> {
        shield(py, || {
            let (who, now) = (read_actor(py, actor)?, instant(py, now)?);
            match self.0.can(snapshot_json, event_json, who, now) {
                Ok(()) => Ok(None),
                Err(MachineError::Transition(e)) => {
                    Ok(Some(raise(py, &e).into_value(py).into_any()))
                }
                Err(e) => Err(core_error(py, &e.into())),
            }
        })
    }

    fn allowed_events(
        &self,
        py: Python<'_>,
        snapshot_json: &str,
        actor: &Bound<'_, PyAny>,
        now: Instant,
    ) -> PyResult<Vec<&'static str>> {
        shield(py, || {
            let (who, now) = (read_actor(py, actor)?, instant(py, now)?);
            self.0
                .allowed_events(snapshot_json, who, now)
                .map_err(|e| core_error(py, &e.into()))
        })
    }

    fn tick(&self, py: Python<'_>, snapshot_json: &str, now: Instant) -> PyResult<JsonStep> {
        shield(py, || {
            let now = instant(py, now)?;
            self.0
                .tick(snapshot_json, now)
                .map_err(|e| core_error(py, &e.into()))
        })
    }

    fn next_deadline(&self, py: Python<'_>, snapshot_json: &str) -> PyResult<Option<Instant>> {
        shield(py, || {
            match self
                .0
                .next_deadline(snapshot_json)
                .map_err(|e| core_error(py, &e.into()))?
            {
                Some(at) => micros(py, at).map(Some),
                None => Ok(None),
            }
        })
    }

    fn mermaid(&self, py: Python<'_>) -> PyResult<String> {
        shield(py, || Ok(self.0.mermaid()))
    }

    fn dot(&self, py: Python<'_>) -> PyResult<String> {
        shield(py, || Ok(self.0.dot()))
    }

    fn __repr__(&self) -> String {
        format!("Machine('{}')", self.0.id())
    }
}

/// Every machine of the library, in the core's order.
#[pyfunction]
fn machines(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    shield(py, || {
        PyList::new(
            py,
            apart::machines()
                .iter()
                .map(|m| Machine(Inner::Builtin(*m))),
        )
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Machine>()?;
    m.add_class::<JsonStep>()?;
    m.add_function(wrap_pyfunction!(machines, m)?)?;
    Ok(())
}
