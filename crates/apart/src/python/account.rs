//! The login outcome of [`crate::account`] as a native Python class (`apart.account`): the
//! core's own type, made only by [`crate::account::authenticate`].

use pyo3::prelude::*;

use super::{Exception, Plain, raise};
use crate::account::{LoginOutcome, LoginUpdate};

/// SIRETs as their 14 digits.
fn texts(sirets: &[crate::siret::Siret]) -> Vec<String> {
    sirets.iter().map(|s| s.as_str().to_owned()).collect()
}

py_view!(LoginOutcome, {
    establishments / py_establishments =
        |o: &LoginOutcome| o.result.as_ref().ok().map(|s| texts(s)),
    error / py_error = |o: &LoginOutcome| o.result.as_ref().err().cloned().map(Exception),
    update_kind / py_update_kind = |o: &LoginOutcome| match o.update {
        LoginUpdate::Unchanged => "unchanged",
        LoginUpdate::Credential(_) => "credential",
        LoginUpdate::Counter(_) => "counter",
    },
    // A credential to store is its snapshot's JSON text; a counter, plain data.
    update / py_update = |o: &LoginOutcome| match &o.update {
        LoginUpdate::Unchanged => None,
        LoginUpdate::Credential(s) => Some(Plain(serde_json::Value::String(s.to_json()))),
        LoginUpdate::Counter(c) => Some(Plain::of(c)),
    },
    effects / py_effects = |o: &LoginOutcome| Plain::of(&o.effects),
}
    /// The establishments (SIRETs) the credential may act for, or raise the error.
    fn raise_for_error(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        match &self.result {
            Ok(sirets) => Ok(texts(sirets)),
            Err(e) => Err(raise(py, e)),
        }
    }
);
