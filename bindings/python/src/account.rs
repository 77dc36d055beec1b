//! Accounts and recovery (`apart::account`, `apart::recovery`) beyond their machines: login,
//! recovery requests and tokens, secret answers, the account form and the habilitation
//! helpers. Snapshots and records cross as JSON text, policies as JSON text (`None`: the core's
//! default), instants as microseconds since the Unix epoch.

use std::sync::Mutex;

use apart::account as acc;
use apart::entropy::{EntropySource, FixedEntropy, OsEntropy};
use apart::machine::{Machine, Snapshot};
use apart::recovery as rec;
use apart::value::ValueError;
use pyo3::prelude::*;
use pyo3::types::PyString;
use serde::Serialize;
use serde::de::DeserializeOwned;
use time::OffsetDateTime;

use crate::errors::{core_error, raise, raise_form, shield, value_error};
use crate::machine::{Instant, instant};

fn account_error(py: Python<'_>) -> impl Fn(acc::AccountError) -> PyErr + '_ {
    move |e| raise(py, &e)
}

/// The error as a Python exception object, returned rather than raised (for outcomes that also
/// carry records to store).
fn error_value(py: Python<'_>, e: &acc::AccountError) -> Py<PyAny> {
    raise(py, e).into_value(py).into_any()
}

fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// A value of the core read from JSON text given by the caller (a policy, a counter, a name).
fn from_json<T: DeserializeOwned>(py: Python<'_>, what: &str, json: &str) -> PyResult<T> {
    apart::value::from_json(json).map_err(|e| value_error(py, field_or(e, what)))
}

/// The error, naming `what` when the reader did not name a field.
fn field_or(e: apart::value::ValueError, what: &str) -> apart::value::ValueError {
    if e.field().is_some() {
        e
    } else {
        e.with_field(what)
    }
}

fn policy<T: DeserializeOwned + Default>(
    py: Python<'_>,
    what: &str,
    json: Option<&str>,
) -> PyResult<T> {
    json.map_or_else(|| Ok(T::default()), |j| from_json(py, what, j))
}

fn load<M: Machine>(py: Python<'_>, json: &str) -> PyResult<Snapshot<M>> {
    Snapshot::<M>::from_json(json).map_err(|e| core_error(py, &apart::Error::from(e)))
}

fn load_all<M: Machine>(py: Python<'_>, jsons: &[String]) -> PyResult<Vec<Snapshot<M>>> {
    jsons.iter().map(|j| load::<M>(py, j)).collect()
}

fn dump_all<M: Machine>(snapshots: &[Snapshot<M>]) -> Vec<String> {
    snapshots.iter().map(Snapshot::to_json).collect()
}

/// SIRETs as their 14 digits.
fn texts(sirets: &[apart::siret::Siret]) -> Vec<String> {
    sirets.iter().map(|s| s.as_str().to_owned()).collect()
}

fn instants(py: Python<'_>, micros: &[Instant]) -> PyResult<Vec<OffsetDateTime>> {
    micros.iter().map(|m| instant(py, *m)).collect()
}

/// A source of randomness for tokens and salts: the operating system's, or a fixed repeating
/// pattern for tests and vectors. Thread-safe.
#[pyclass(module = "apart._native", frozen)]
pub(crate) struct Entropy(Mutex<Box<dyn EntropySource + Send>>);

impl Entropy {
    fn with<T>(&self, f: impl FnOnce(&mut dyn EntropySource) -> T) -> T {
        let mut guard = match self.0.lock() {
            Ok(g) => g,
            // A source is usable after a panic elsewhere: at worst it repeats some bytes.
            Err(poisoned) => poisoned.into_inner(),
        };
        f(guard.as_mut())
    }
}

#[pymethods]
impl Entropy {
    #[staticmethod]
    fn os() -> Self {
        Entropy(Mutex::new(Box::new(OsEntropy)))
    }

    /// A fixed pattern of bytes: `bytes`, or a list of integers from 0 to 255 (each checked by
    /// the core, `VALUE_OUT_OF_RANGE` naming `pattern[i]`).
    #[staticmethod]
    fn fixed(pattern: &Bound<'_, PyAny>) -> PyResult<Self> {
        let bytes: Vec<u8> = if let Ok(b) = pattern.cast::<pyo3::types::PyBytes>() {
            b.as_bytes().to_vec()
        } else {
            crate::values::int_list(pattern, "pattern")?
        };
        Ok(Entropy(Mutex::new(Box::new(FixedEntropy::new(bytes)))))
    }
}

#[pyfunction]
#[pyo3(signature = (account, limits, policy_json, entropy, now))]
fn request_password_reset(
    py: Python<'_>,
    account: Option<(String, String, Vec<Instant>, Vec<String>)>,
    limits: Option<&str>,
    policy_json: Option<&str>,
    entropy: &Bound<'_, Entropy>,
    now: Instant,
) -> PyResult<rec::RequestOutcome> {
    shield(py, || {
        let limits: rec::ResetRequestPolicy = policy(py, "ResetRequestPolicy", limits)?;
        let token_policy: rec::TokenPolicy = policy(py, "TokenPolicy", policy_json)?;
        let now = instant(py, now)?;
        let loaded = match &account {
            Some((_, _, recent, tokens)) => Some((
                instants(py, recent)?,
                load_all::<rec::TokenMachine>(py, tokens)?,
            )),
            None => None,
        };
        let reset = match (&account, &loaded) {
            (Some((identifier, email, _, _)), Some((recent, tokens))) => Some(rec::ResetAccount {
                identifier,
                email,
                recent_requests: recent,
                tokens,
            }),
            _ => None,
        };
        let o = entropy
            .get()
            .with(|rng| rec::request_password_reset(reset, &limits, &token_policy, rng, now))
            .map_err(account_error(py))?;
        Ok(o)
    })
}

#[pyfunction]
fn request_identifier_reminder(
    py: Python<'_>,
    account: Option<(String, Vec<String>, Vec<Instant>)>,
    limits: Option<&str>,
    entropy: &Bound<'_, Entropy>,
    now: Instant,
) -> PyResult<rec::RequestOutcome> {
    shield(py, || {
        let limits: rec::ResetRequestPolicy = policy(py, "ResetRequestPolicy", limits)?;
        let now = instant(py, now)?;
        let recent = match &account {
            Some((_, _, recent)) => instants(py, recent)?,
            None => Vec::new(),
        };
        let reminder = account
            .as_ref()
            .map(|(email, identifiers, _)| rec::ReminderAccount {
                email,
                identifiers,
                recent_requests: &recent,
            });
        let o = entropy
            .get()
            .with(|rng| rec::request_identifier_reminder(reminder, &limits, rng, now))
            .map_err(account_error(py))?;
        Ok(o)
    })
}

#[pyfunction]
fn issue_token(
    py: Python<'_>,
    subject: &str,
    purpose: &Bound<'_, PyAny>,
    policy_json: Option<&str>,
    existing: Vec<String>,
    entropy: &Bound<'_, Entropy>,
    now: Instant,
) -> PyResult<rec::IssuedToken> {
    shield(py, || {
        let purpose: rec::Purpose = crate::values::option(py, purpose, "purpose")?;
        let token_policy: rec::TokenPolicy = policy(py, "TokenPolicy", policy_json)?;
        let existing = load_all::<rec::TokenMachine>(py, &existing)?;
        let now = instant(py, now)?;
        entropy
            .get()
            .with(|rng| rec::issue(subject, purpose, &token_policy, &existing, rng, now))
            .map_err(account_error(py))
    })
}

/// `(issued, mail_json)`.
#[pyfunction]
fn activation_email(
    py: Python<'_>,
    identifier: &str,
    email: &str,
    policy_json: Option<&str>,
    existing: Vec<String>,
    entropy: &Bound<'_, Entropy>,
    now: Instant,
) -> PyResult<(rec::IssuedToken, String)> {
    shield(py, || {
        let token_policy: rec::TokenPolicy = policy(py, "TokenPolicy", policy_json)?;
        let existing = load_all::<rec::TokenMachine>(py, &existing)?;
        let now = instant(py, now)?;
        let (i, mail) = entropy
            .get()
            .with(|rng| {
                rec::activation_email(identifier, email, &token_policy, &existing, rng, now)
            })
            .map_err(account_error(py))?;
        Ok((i, to_json(&mail)))
    })
}

/// The token id of an e-mailed link (`WireToken::parse`).
#[pyfunction]
fn token_id(py: Python<'_>, link: &Bound<'_, PyString>) -> PyResult<String> {
    shield(py, || {
        rec::WireToken::parse(&link.to_string_lossy())
            .map(|w| w.id().to_owned())
            .map_err(account_error(py))
    })
}

/// The redemption: its error is returned, not raised, since the token record may still have
/// changed (one more failure) and must be stored.
#[pyfunction]
fn redeem(
    py: Python<'_>,
    link: &Bound<'_, PyString>,
    purpose: &Bound<'_, PyAny>,
    record: Option<&str>,
    policy_json: Option<&str>,
    now: Instant,
) -> PyResult<rec::Redemption> {
    shield(py, || {
        let purpose: rec::Purpose = crate::values::option(py, purpose, "purpose")?;
        let wire = rec::WireToken::parse(&link.to_string_lossy()).map_err(account_error(py))?;
        let token_policy: rec::TokenPolicy = policy(py, "TokenPolicy", policy_json)?;
        let record = record
            .map(|r| load::<rec::TokenMachine>(py, r))
            .transpose()?;
        let now = instant(py, now)?;
        Ok(rec::redeem(
            &wire,
            purpose,
            record.as_ref(),
            &token_policy,
            now,
        ))
    })
}

#[pyfunction]
fn revoke_all(
    py: Python<'_>,
    tokens: Vec<String>,
    subject: &str,
    reason: &Bound<'_, PyAny>,
    now: Instant,
) -> PyResult<Vec<String>> {
    shield(py, || {
        let tokens = load_all::<rec::TokenMachine>(py, &tokens)?;
        let reason: rec::RevokeReason = crate::values::option(py, reason, "reason")?;
        let now = instant(py, now)?;
        let revoked = rec::revoke_all(&tokens, subject, reason, now).map_err(account_error(py))?;
        Ok(dump_all(&revoked))
    })
}

/// Argon2id for secret answers (the core's default costs unless given).
#[pyclass(module = "apart._native", frozen)]
pub(crate) struct Argon2idHasher(acc::Argon2idHasher);

#[pymethods]
impl Argon2idHasher {
    #[new]
    #[pyo3(signature = (m_cost=None, t_cost=None, p_cost=None))]
    fn new(
        py: Python<'_>,
        m_cost: Option<&Bound<'_, PyAny>>,
        t_cost: Option<&Bound<'_, PyAny>>,
        p_cost: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        use crate::values::int_opt;
        let m_cost: Option<u32> = int_opt(m_cost, "m_cost")?;
        let t_cost: Option<u32> = int_opt(t_cost, "t_cost")?;
        let p_cost: Option<u32> = int_opt(p_cost, "p_cost")?;
        shield(py, || match (m_cost, t_cost, p_cost) {
            (None, None, None) => Ok(Argon2idHasher(acc::Argon2idHasher::default())),
            (Some(m), Some(t), Some(p)) => acc::Argon2idHasher::with_params(m, t, p)
                .map(Argon2idHasher)
                .map_err(account_error(py)),
            // Three costs or none: name the first one missing.
            (m, t, _) => {
                let missing = if m.is_none() {
                    "m_cost"
                } else if t.is_none() {
                    "t_cost"
                } else {
                    "p_cost"
                };
                Err(value_error(
                    py,
                    ValueError::MissingField {
                        field: Some(missing.to_owned()),
                    },
                ))
            }
        })
    }

    /// The salted hash (JSON) of a normalised answer.
    fn hash(&self, py: Python<'_>, answer: &str, entropy: &Bound<'_, Entropy>) -> PyResult<String> {
        use acc::SecretHasher;
        shield(py, || {
            let entropy = entropy.get();
            let h = py.detach(|| entropy.with(|rng| self.0.hash(answer, rng)));
            h.map(|h| to_json(&h)).map_err(account_error(py))
        })
    }

    fn verify(&self, py: Python<'_>, answer: &str, stored: &str) -> PyResult<bool> {
        use acc::SecretHasher;
        shield(py, || {
            let stored: acc::SecretAnswerHash = from_json(py, "SecretAnswerHash", stored)?;
            py.detach(|| self.0.verify(answer, &stored))
                .map_err(account_error(py))
        })
    }
}

/// `(error, counter_json)`.
#[pyfunction]
fn check_secret_answer(
    py: Python<'_>,
    hasher: &Bound<'_, Argon2idHasher>,
    answer: &str,
    stored: &str,
    counter: Option<&str>,
    now: Instant,
) -> PyResult<(Option<Py<PyAny>>, String)> {
    shield(py, || {
        let stored: acc::SecretAnswerHash = from_json(py, "SecretAnswerHash", stored)?;
        let counter: acc::AttemptCounter = policy(py, "AttemptCounter", counter)?;
        let now = instant(py, now)?;
        let hasher = &hasher.get().0;
        let (result, counter) =
            py.detach(|| acc::check_secret_answer(hasher, answer, &stored, &counter, now));
        Ok((result.err().map(|e| error_value(py, &e)), to_json(&counter)))
    })
}

#[pyfunction]
#[allow(clippy::too_many_arguments)] // one per input of the core function
fn complete_password_reset(
    py: Python<'_>,
    link: &Bound<'_, PyString>,
    token: Option<&str>,
    credential: &str,
    answer: Option<&str>,
    hasher: &Bound<'_, Argon2idHasher>,
    secret_attempts: Option<&str>,
    policy_json: Option<&str>,
    now: Instant,
) -> PyResult<rec::ResetCompletion> {
    shield(py, || {
        let wire = rec::WireToken::parse(&link.to_string_lossy()).map_err(account_error(py))?;
        let token = token
            .map(|t| load::<rec::TokenMachine>(py, t))
            .transpose()?;
        let credential = load::<acc::CredentialMachine>(py, credential)?;
        let attempts: acc::AttemptCounter = policy(py, "AttemptCounter", secret_attempts)?;
        let token_policy: rec::TokenPolicy = policy(py, "TokenPolicy", policy_json)?;
        let now = instant(py, now)?;
        Ok(rec::complete_password_reset(
            &wire,
            token.as_ref(),
            &credential,
            answer,
            &hasher.get().0,
            &attempts,
            &token_policy,
            now,
        ))
    })
}

#[pyfunction]
fn complete_activation(
    py: Python<'_>,
    link: &Bound<'_, PyString>,
    token: Option<&str>,
    credential: &str,
    policy_json: Option<&str>,
    now: Instant,
) -> PyResult<rec::ResetCompletion> {
    shield(py, || {
        let wire = rec::WireToken::parse(&link.to_string_lossy()).map_err(account_error(py))?;
        let token = token
            .map(|t| load::<rec::TokenMachine>(py, t))
            .transpose()?;
        let credential = load::<acc::CredentialMachine>(py, credential)?;
        let token_policy: rec::TokenPolicy = policy(py, "TokenPolicy", policy_json)?;
        let now = instant(py, now)?;
        Ok(rec::complete_activation(
            &wire,
            token.as_ref(),
            &credential,
            &token_policy,
            now,
        ))
    })
}

/// `account::authenticate`. `verify_password` is called at most once, only when the core needs
/// the answer; an exception it raises is raised after the core returns (the attempt then
/// counts as a wrong password).
#[pyfunction]
#[allow(clippy::too_many_arguments)] // one per input of the core function
fn authenticate(
    py: Python<'_>,
    credential: Option<&str>,
    counter: Option<&str>,
    throttle: Option<&str>,
    verify_password: &Bound<'_, PyAny>,
    habilitations: Vec<String>,
    application: &Bound<'_, PyAny>,
    now: Instant,
) -> PyResult<acc::LoginOutcome> {
    shield(py, || {
        let credential = credential
            .map(|c| load::<acc::CredentialMachine>(py, c))
            .transpose()?;
        let counter: acc::AttemptCounter = policy(py, "AttemptCounter", counter)?;
        let throttle: acc::LoginThrottlePolicy = policy(py, "LoginThrottlePolicy", throttle)?;
        let habilitations = load_all::<acc::HabilitationMachine>(py, &habilitations)?;
        let application: acc::Application = crate::values::option(py, application, "application")?;
        let now = instant(py, now)?;
        let target = match &credential {
            Some(c) => acc::LoginTarget::Known {
                credential: c,
                counter: &counter,
            },
            None => acc::LoginTarget::Unknown(&counter, &throttle),
        };
        let mut raised: Option<PyErr> = None;
        let verify = || match verify_password.call0().and_then(|r| r.is_truthy()) {
            Ok(ok) => ok,
            Err(e) => {
                raised = Some(e);
                false
            }
        };
        let out = acc::authenticate(target, verify, &habilitations, application, now);
        match raised {
            Some(e) => Err(e),
            None => Ok(out),
        }
    })
}

/// A valid account form, holding the clear secret answer until [`AccountForm::seal`].
#[pyclass(module = "apart._native", frozen)]
pub(crate) struct AccountForm(Mutex<Option<acc::AccountForm>>);

#[pymethods]
impl AccountForm {
    /// Checks every field of the form (JSON of `AccountFormInput`), reporting every refused
    /// field at once (`FormError` with code `FORM_INVALID`).
    #[staticmethod]
    fn validate(py: Python<'_>, input: &Bound<'_, PyAny>) -> PyResult<AccountForm> {
        shield(py, || {
            let input: acc::AccountFormInput = crate::indemnity::record(py, input)?;
            let form = input.validate().map_err(|e| raise_form(py, &e))?;
            Ok(AccountForm(Mutex::new(Some(form))))
        })
    }

    /// The establishment and user blocks as JSON (`{"establishment", "user", "human_check"}`).
    fn details_json(&self, py: Python<'_>) -> PyResult<String> {
        shield(py, || {
            let guard = self.0.lock().map_err(|_| sealed(py))?;
            let form = guard.as_ref().ok_or_else(|| sealed(py))?;
            Ok(serde_json::json!({
                "establishment": form.establishment,
                "user": form.user,
                "human_check": form.human_check,
            })
            .to_string())
        })
    }

    /// Hashes the secret answer and gives the `AccountRequest` JSON for onboarding's
    /// `SubmitAccountForm`. The form is consumed: the clear answer is dropped.
    fn seal(
        &self,
        py: Python<'_>,
        hasher: &Bound<'_, Argon2idHasher>,
        entropy: &Bound<'_, Entropy>,
    ) -> PyResult<String> {
        shield(py, || {
            let form = self
                .0
                .lock()
                .map_err(|_| sealed(py))?
                .take()
                .ok_or_else(|| sealed(py))?;
            let (hasher, entropy) = (&hasher.get().0, entropy.get());
            let request = py
                .detach(|| entropy.with(|rng| form.seal(hasher, rng)))
                .map_err(account_error(py))?;
            Ok(to_json(&request))
        })
    }
}

fn sealed(py: Python<'_>) -> PyErr {
    raise(py, &acc::AccountError::FormSealed)
}

/// `RequestFacts::from_records`, as JSON.
#[pyfunction]
fn request_facts(
    py: Python<'_>,
    records: Vec<String>,
    credential: &str,
    siret: &str,
    application: &Bound<'_, PyAny>,
    mandate_active: bool,
    policy_json: Option<&str>,
) -> PyResult<String> {
    shield(py, || {
        let records = load_all::<acc::HabilitationMachine>(py, &records)?;
        let application: acc::Application = crate::values::option(py, application, "application")?;
        let p: acc::HabilitationPolicy = policy(py, "HabilitationPolicy", policy_json)?;
        let siret = apart::siret::Siret::parse(siret).map_err(|e| core_error(py, &e.into()))?;
        Ok(to_json(&acc::RequestFacts::from_records(
            &records,
            credential,
            siret,
            application,
            mandate_active,
            &p,
        )))
    })
}

#[pyfunction]
fn others_live(py: Python<'_>, records: Vec<String>, snapshot: &str) -> PyResult<u32> {
    shield(py, || {
        let records = load_all::<acc::HabilitationMachine>(py, &records)?;
        let snap = load::<acc::HabilitationMachine>(py, snapshot)?;
        Ok(acc::others_live(&records, &snap))
    })
}

/// `((from_snapshot, from_effects), (to_snapshot, to_effects))`.
#[pyfunction]
fn transfer_principal(
    py: Python<'_>,
    from: &str,
    to: &str,
    actor: &Bound<'_, PyAny>,
    keep_access: bool,
    now: Instant,
) -> PyResult<((String, String), (String, String))> {
    shield(py, || {
        let from = load::<acc::HabilitationMachine>(py, from)?;
        let to = load::<acc::HabilitationMachine>(py, to)?;
        let actor: apart::machine::Actor = crate::values::option(py, actor, "actor")?;
        let now = instant(py, now)?;
        let (a, b) = acc::transfer_principal(&from, &to, actor, keep_access, now)
            .map_err(|e| core_error(py, &apart::Error::from(e)))?;
        Ok((
            (a.snapshot.to_json(), to_json(&a.effects)),
            (b.snapshot.to_json(), to_json(&b.effects)),
        ))
    })
}

#[pyfunction]
fn authorised_establishments(
    py: Python<'_>,
    records: Vec<String>,
    credential: &str,
    application: &Bound<'_, PyAny>,
    now: Instant,
) -> PyResult<Vec<String>> {
    shield(py, || {
        let records = load_all::<acc::HabilitationMachine>(py, &records)?;
        let application: acc::Application = crate::values::option(py, application, "application")?;
        let now = instant(py, now)?;
        Ok(texts(&acc::authorised_establishments(
            &records,
            credential,
            application,
            now,
        )))
    })
}

/// The violations of I1–I4, as JSON.
#[pyfunction]
fn check_invariants(
    py: Python<'_>,
    records: Vec<String>,
    policy_json: Option<&str>,
    active_mandates: Vec<String>,
) -> PyResult<String> {
    shield(py, || {
        let records = load_all::<acc::HabilitationMachine>(py, &records)?;
        let p: acc::HabilitationPolicy = policy(py, "HabilitationPolicy", policy_json)?;
        Ok(to_json(&acc::check_invariants(
            &records,
            &p,
            &active_mandates,
        )))
    })
}

/// The core's default policies, as JSON: `{name: json}`.
#[pyfunction]
fn default_policies() -> Vec<(&'static str, String)> {
    vec![
        ("TokenPolicy", to_json(&rec::TokenPolicy::default())),
        (
            "ResetRequestPolicy",
            to_json(&rec::ResetRequestPolicy::default()),
        ),
        (
            "LoginThrottlePolicy",
            to_json(&acc::LoginThrottlePolicy::default()),
        ),
        (
            "HabilitationPolicy",
            to_json(&acc::HabilitationPolicy::default()),
        ),
    ]
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Entropy>()?;
    m.add_class::<Argon2idHasher>()?;
    m.add_class::<AccountForm>()?;
    // The core's own outcomes (derived there, feature `python`).
    m.add_class::<rec::RequestOutcome>()?;
    m.add_class::<rec::IssuedToken>()?;
    m.add_class::<rec::Redemption>()?;
    m.add_class::<rec::ResetCompletion>()?;
    m.add_class::<acc::LoginOutcome>()?;
    m.add_function(wrap_pyfunction!(request_password_reset, m)?)?;
    m.add_function(wrap_pyfunction!(request_identifier_reminder, m)?)?;
    m.add_function(wrap_pyfunction!(issue_token, m)?)?;
    m.add_function(wrap_pyfunction!(activation_email, m)?)?;
    m.add_function(wrap_pyfunction!(token_id, m)?)?;
    m.add_function(wrap_pyfunction!(redeem, m)?)?;
    m.add_function(wrap_pyfunction!(revoke_all, m)?)?;
    m.add_function(wrap_pyfunction!(check_secret_answer, m)?)?;
    m.add_function(wrap_pyfunction!(complete_password_reset, m)?)?;
    m.add_function(wrap_pyfunction!(complete_activation, m)?)?;
    m.add_function(wrap_pyfunction!(authenticate, m)?)?;
    m.add_function(wrap_pyfunction!(request_facts, m)?)?;
    m.add_function(wrap_pyfunction!(others_live, m)?)?;
    m.add_function(wrap_pyfunction!(transfer_principal, m)?)?;
    m.add_function(wrap_pyfunction!(authorised_establishments, m)?)?;
    m.add_function(wrap_pyfunction!(check_invariants, m)?)?;
    m.add_function(wrap_pyfunction!(default_policies, m)?)?;
    Ok(())
}
