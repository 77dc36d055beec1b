//! The outcomes of [`crate::recovery`] as native Python classes (`apart.recovery`): the core's
//! own types, made only by the core, their records as JSON text (what the caller stores), their
//! effects and facts as plain data, an error as the package's exception object.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::{Exception, Plain, raise};
use crate::diagnostic::Lang;
use crate::machine::Snapshot;
use crate::recovery::{IssuedToken, Redemption, RequestOutcome, ResetCompletion};

/// The message of a request in both languages, `{"fr": …, "en": …}`.
struct Messages(String, String);

impl<'py> IntoPyObject<'py> for Messages {
    type Target = PyDict;
    type Output = Bound<'py, PyDict>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("fr", self.0)?;
        dict.set_item("en", self.1)?;
        Ok(dict)
    }
}

// The e-mail effect carries the reset link: not in `repr` (logs), as `IssuedToken.secret`.
py_view!(RequestOutcome [hidden: "effects"], {
    public / py_public = |o: &RequestOutcome| Plain::of(&o.public),
    effects / py_effects = |o: &RequestOutcome| Plain::of(&o.effects),
    issued / py_issued = |o: &RequestOutcome| o.issued.as_ref().map(Snapshot::to_json),
    superseded / py_superseded =
        |o: &RequestOutcome| o.superseded.iter().map(Snapshot::to_json).collect::<Vec<_>>(),
    record_request / py_record_request = |o: &RequestOutcome| o.record_request,
    messages / py_messages =
        |o: &RequestOutcome| Messages(o.message(Lang::Fr), o.message(Lang::En)),
}
    /// The text to show (French), the same whether the account exists or not; it states the
    /// link's real validity (none for the identifier reminder, which has no link).
    #[getter(message)]
    fn py_message(&self) -> String {
        self.message(Lang::Fr)
    }

    /// The text to show in `lang` (`"fr"` or `"en"`; French for any other).
    #[pyo3(name = "message_in")]
    fn py_message_in(&self, lang: super::Text<'_>) -> String {
        let tag: String = lang.chars().take(2).collect::<String>().to_lowercase();
        self.message(if tag == "en" { Lang::En } else { Lang::Fr })
    }
);

py_view!(IssuedToken [hidden: "secret"], {
    token / py_token = |i: &IssuedToken| i.token.to_json(),
    secret / py_secret = |i: &IssuedToken| i.secret.expose().to_owned(),
    superseded / py_superseded =
        |i: &IssuedToken| i.superseded.iter().map(Snapshot::to_json).collect::<Vec<_>>(),
});

py_view!(Redemption, {
    redeemed / py_redeemed = |r: &Redemption| r.result.as_ref().ok().map(Plain::of),
    error / py_error = |r: &Redemption| r.result.as_ref().err().cloned().map(Exception),
    token / py_token = |r: &Redemption| r.token.as_ref().map(Snapshot::to_json),
}
    /// The redeemed token's `{"token_id", "subject", "purpose"}`, or raise the error.
    fn raise_for_error(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        match &self.result {
            Ok(redeemed) => pyo3::IntoPyObjectExt::into_py_any(Plain::of(redeemed), py),
            Err(e) => Err(raise(py, e)),
        }
    }
);

py_view!(ResetCompletion, {
    error / py_error = |c: &ResetCompletion| c.result.as_ref().err().cloned().map(Exception),
    token / py_token = |c: &ResetCompletion| c.token.as_ref().map(Snapshot::to_json),
    credential / py_credential = |c: &ResetCompletion| c.credential.as_ref().map(Snapshot::to_json),
    secret_attempts / py_secret_attempts =
        |c: &ResetCompletion| c.secret_attempts.as_ref().map(Plain::of),
    effects / py_effects = |c: &ResetCompletion| Plain::of(&c.effects),
});
