//! The result of a transition through [`crate::machine::DynMachine`] as a native Python class
//! (`apart.machine.Step`): the core's own [`JsonStep`], made only by the core.

use crate::machine::JsonStep;

use super::Plain;

/// JSON text the core wrote, as plain Python data.
fn parsed(json: &str) -> Plain {
    Plain(serde_json::from_str(json).unwrap_or(serde_json::Value::Null))
}

py_view!(JsonStep, {
    snapshot / py_snapshot = |s: &JsonStep| s.snapshot.clone(),
    effects / py_effects = |s: &JsonStep| parsed(&s.effects),
}
    /// The new snapshot as a `dict`.
    #[getter(snapshot_dict)]
    fn py_snapshot_dict(&self) -> Plain {
        parsed(&self.snapshot)
    }
);
