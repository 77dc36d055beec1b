//! Accounts and recovery (`apart::account`, `apart::recovery`) beyond their machines: login,
//! recovery requests and tokens, secret answers, the account form and the habilitation
//! helpers. Snapshots and records are JSON text, policies and counters JSON text or a `dict`
//! (`None`: the core's default), instants aware `datetime`s.

use std::sync::Mutex;

use apart::account as acc;
use apart::entropy::{EntropySource, FixedEntropy, OsEntropy, SharedEntropy};
use apart::machine::Snapshot;
// A value of the core as plain data (`dict`, `list`).
use apart::python::{Arg, Of, Text, text_arg, to_dict as plain};
use apart::recovery as rec;
use apart::value::ValueError;
use pyo3::prelude::*;

use crate::errors::{raise, raise_form, shield};
use crate::values::{
    Instant, Items, JsonText, Read, from_json, instants, json_or_default as policy, load, load_all,
    strings, to_json,
};

/// Stored snapshots given as a list of JSON texts ([`strings_opt`]), read by the core.
fn docs(value: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Vec<apart::value::Json>> {
    let texts = crate::values::strings_opt(value, name)?;
    Ok(texts
        .into_iter()
        .map(apart::value::Json::from_text)
        .collect())
}

/// A source of randomness for tokens and salts: the operating system's, or a fixed repeating
/// pattern for tests and vectors. Thread-safe.
#[pyclass(module = "apart._native", frozen)]
pub(crate) struct Entropy(SharedEntropy);

impl Entropy {
    fn with<T>(&self, f: impl FnOnce(&mut dyn EntropySource) -> T) -> T {
        f(&mut &self.0)
    }
}

#[pymethods]
impl Entropy {
    #[staticmethod]
    fn os() -> Self {
        Entropy(SharedEntropy::new(OsEntropy))
    }

    /// A fixed pattern of bytes: `bytes`, or a list of integers from 0 to 255 (each checked by
    /// the core, `VALUE_OUT_OF_RANGE` naming `pattern[i]`).
    #[staticmethod]
    fn fixed(pattern: &Bound<'_, PyAny>) -> PyResult<Self> {
        let bytes = crate::values::bytes(pattern, "pattern")
            .or_else(|_| crate::values::int_list(pattern, "pattern"))?;
        Ok(Entropy(SharedEntropy::new(FixedEntropy::new(bytes))))
    }
}

/// « Mot de passe oublié ». ``account`` is ``(identifier, email, recent_requests, tokens)``
/// of the credential the identifier names, or ``None`` when no credential has it.
#[pyfunction]
#[pyo3(signature = (account, entropy, now, *, limits=None, policy=None))]
pub(crate) fn request_password_reset(
    py: Python<'_>,
    account: Option<Items<'_, 4>>,
    entropy: Of<'_, Entropy>,
    now: Instant,
    limits: Option<&Bound<'_, PyAny>>,
    policy: Option<&Bound<'_, PyAny>>,
) -> PyResult<rec::RequestOutcome> {
    shield(py, || {
        let limits: rec::ResetRequestPolicy = self::policy(py, limits, "limits")?;
        let token_policy: rec::TokenPolicy = self::policy(py, policy, "policy")?;
        let account = match account {
            Some(Items([identifier, email, recent, tokens])) => Some(rec::record::ResetAccount {
                identifier: text_arg(&identifier, "account[0]")?,
                email: text_arg(&email, "account[1]")?,
                recent_requests: instants(py, &recent, "recent_requests")?,
                tokens: docs(Some(&tokens), "tokens")?,
            }),
            None => None,
        };
        let account = account.as_ref();
        Ok(entropy.get().with(|rng| {
            rec::record::request_password_reset(account, &limits, &token_policy, rng, now.0)
        })?)
    })
}

/// « Identifiant oublié ». ``account`` is ``(email, identifiers, recent_requests)`` or
/// ``None`` for an unknown address.
#[pyfunction]
#[pyo3(signature = (account, entropy, now, *, limits=None))]
pub(crate) fn request_identifier_reminder(
    py: Python<'_>,
    account: Option<Items<'_, 3>>,
    entropy: Of<'_, Entropy>,
    now: Instant,
    limits: Option<&Bound<'_, PyAny>>,
) -> PyResult<rec::RequestOutcome> {
    shield(py, || {
        let limits: rec::ResetRequestPolicy = policy(py, limits, "limits")?;
        let account = match account {
            Some(Items([email, identifiers, recent])) => Some(rec::record::ReminderAccount {
                email: text_arg(&email, "account[0]")?,
                identifiers: strings(&identifiers, "identifiers")?,
                recent_requests: instants(py, &recent, "recent_requests")?,
            }),
            None => None,
        };
        let account = account.as_ref();
        Ok(entropy
            .get()
            .with(|rng| rec::record::request_identifier_reminder(account, &limits, rng, now.0))?)
    })
}

/// A new token for ``subject``, superseding its active tokens of the same purpose.
#[pyfunction]
#[pyo3(signature = (subject, purpose, entropy, now, *, existing=None, policy=None))]
pub(crate) fn issue(
    py: Python<'_>,
    subject: Text<'_>,
    purpose: Read<rec::Purpose>,
    entropy: Of<'_, Entropy>,
    now: Instant,
    existing: Option<&Bound<'_, PyAny>>,
    policy: Option<&Bound<'_, PyAny>>,
) -> PyResult<rec::IssuedToken> {
    shield(py, || {
        let token_policy: rec::TokenPolicy = self::policy(py, policy, "policy")?;
        let existing = docs(existing, "existing")?;
        Ok(entropy.get().with(|rng| {
            rec::record::issue(&subject, purpose.0, &token_policy, &existing, rng, now.0)
        })?)
    })
}

/// The activation token and its e-mail (``{"to", "body", "warnings"}``).
#[pyfunction]
#[pyo3(signature = (identifier, email, entropy, now, *, existing=None, policy=None))]
#[allow(clippy::too_many_arguments)] // one per input of the core function
pub(crate) fn activation_email<'py>(
    py: Python<'py>,
    identifier: Text<'_>,
    email: Text<'_>,
    entropy: Of<'_, Entropy>,
    now: Instant,
    existing: Option<&Bound<'_, PyAny>>,
    policy: Option<&Bound<'_, PyAny>>,
) -> PyResult<(rec::IssuedToken, Bound<'py, PyAny>)> {
    shield(py, || {
        let token_policy: rec::TokenPolicy = self::policy(py, policy, "policy")?;
        let existing = docs(existing, "existing")?;
        let (issued, mail) = entropy.get().with(|rng| {
            rec::record::activation_email(&identifier, &email, &token_policy, &existing, rng, now.0)
        })?;
        Ok((issued, plain(py, &mail)?))
    })
}

/// The token id of an e-mailed link (to find its record); ``TOKEN_INVALID`` if malformed.
#[pyfunction]
pub(crate) fn token_id(py: Python<'_>, link: Text<'_>) -> PyResult<String> {
    shield(py, || Ok(rec::WireToken::parse(&link)?.id().to_owned()))
}

/// Redeems the secret of an e-mailed link against its stored record (``None`` if none). The
/// error is returned, not raised: the record may still have changed (one more failure).
#[pyfunction]
#[pyo3(signature = (link, purpose, record, now, *, policy=None))]
pub(crate) fn redeem(
    py: Python<'_>,
    link: Text<'_>,
    purpose: Read<rec::Purpose>,
    record: Option<Text<'_>>,
    now: Instant,
    policy: Option<&Bound<'_, PyAny>>,
) -> PyResult<rec::Redemption> {
    shield(py, || {
        let wire = rec::WireToken::parse(&link)?;
        let token_policy: rec::TokenPolicy = self::policy(py, policy, "policy")?;
        let record = record
            .as_deref()
            .map(load::<rec::TokenMachine>)
            .transpose()?;
        Ok(rec::redeem(
            &wire,
            purpose.0,
            record.as_ref(),
            &token_policy,
            now.0,
        ))
    })
}

/// Revokes every active token of ``subject``: the records to store.
#[pyfunction]
pub(crate) fn revoke_all(
    py: Python<'_>,
    tokens: &Bound<'_, PyAny>,
    subject: Text<'_>,
    reason: Read<rec::RevokeReason>,
    now: Instant,
) -> PyResult<Vec<String>> {
    shield(py, || {
        let tokens = load_all::<rec::TokenMachine>(Some(tokens), "tokens")?;
        let revoked = rec::revoke_all(&tokens, &subject, reason.0, now.0)?;
        Ok(revoked.iter().map(Snapshot::to_json).collect())
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
                .map_err(PyErr::from),
            // Three costs or none: name the first one missing.
            (m, t, _) => {
                let missing = if m.is_none() {
                    "m_cost"
                } else if t.is_none() {
                    "t_cost"
                } else {
                    "p_cost"
                };
                Err(raise(
                    py,
                    &ValueError::MissingField {
                        field: Some(missing.to_owned()),
                    },
                ))
            }
        })
    }

    /// The salted hash (JSON) of a normalised answer.
    fn hash(&self, py: Python<'_>, answer: Text<'_>, entropy: Of<'_, Entropy>) -> PyResult<String> {
        use acc::SecretHasher;
        shield(py, || {
            let entropy = entropy.get();
            let h = py.detach(|| entropy.with(|rng| self.0.hash(&answer, rng)));
            Ok(to_json(&h?))
        })
    }

    fn verify(&self, py: Python<'_>, answer: Text<'_>, stored: Text<'_>) -> PyResult<bool> {
        use acc::SecretHasher;
        shield(py, || {
            let stored: acc::SecretAnswerHash = from_json(py, "stored", &stored)?;
            Ok(py.detach(|| self.0.verify(&answer, &stored))?)
        })
    }
}

/// Checks a normalised secret answer against its stored hash, with the throttle: the error
/// (or ``None``) and the attempt counter to store.
#[pyfunction]
#[pyo3(signature = (hasher, answer, stored, now, *, counter=None))]
pub(crate) fn check_secret_answer<'py>(
    py: Python<'py>,
    hasher: Of<'_, Argon2idHasher>,
    answer: Text<'_>,
    stored: JsonText,
    now: Instant,
    counter: Option<&Bound<'_, PyAny>>,
) -> PyResult<(Option<Py<PyAny>>, Bound<'py, PyAny>)> {
    shield(py, || {
        let stored: acc::SecretAnswerHash = from_json(py, "stored", &stored.0)?;
        let counter: acc::AttemptCounter = policy(py, counter, "counter")?;
        let hasher = &hasher.get().0;
        let (result, counter) =
            py.detach(|| acc::check_secret_answer(hasher, &answer, &stored, &counter, now.0));
        Ok((
            result
                .err()
                .map(|e| raise(py, &e).into_value(py).into_any()),
            plain(py, &counter)?,
        ))
    })
}

/// The last step of « mot de passe oublié »: the link, then the secret answer.
#[pyfunction]
#[pyo3(signature = (link, token, credential, answer, hasher, now, *, secret_attempts=None, policy=None))]
#[allow(clippy::too_many_arguments)] // one per input of the core function
pub(crate) fn complete_password_reset(
    py: Python<'_>,
    link: Text<'_>,
    token: Option<Text<'_>>,
    credential: Text<'_>,
    answer: Option<Text<'_>>,
    hasher: Of<'_, Argon2idHasher>,
    now: Instant,
    secret_attempts: Option<&Bound<'_, PyAny>>,
    policy: Option<&Bound<'_, PyAny>>,
) -> PyResult<rec::ResetCompletion> {
    shield(py, || {
        let wire = rec::WireToken::parse(&link)?;
        let token = token
            .as_deref()
            .map(load::<rec::TokenMachine>)
            .transpose()?;
        let credential = load::<acc::CredentialMachine>(&credential)?;
        let attempts: acc::AttemptCounter = self::policy(py, secret_attempts, "secret_attempts")?;
        let token_policy: rec::TokenPolicy = self::policy(py, policy, "policy")?;
        Ok(rec::complete_password_reset(
            &wire,
            token.as_ref(),
            &credential,
            answer.as_deref(),
            &hasher.get().0,
            &attempts,
            &token_policy,
            now.0,
        ))
    })
}

/// The activation of a new credential: the e-mailed link, then ``SetInitialPassword`` (the
/// only way to send it: it needs the token's redemption). Set the chosen password when
/// ``error`` is ``None``.
#[pyfunction]
#[pyo3(signature = (link, token, credential, now, *, policy=None))]
pub(crate) fn complete_activation(
    py: Python<'_>,
    link: Text<'_>,
    token: Option<Text<'_>>,
    credential: Text<'_>,
    now: Instant,
    policy: Option<&Bound<'_, PyAny>>,
) -> PyResult<rec::ResetCompletion> {
    shield(py, || {
        let wire = rec::WireToken::parse(&link)?;
        let token = token
            .as_deref()
            .map(load::<rec::TokenMachine>)
            .transpose()?;
        let credential = load::<acc::CredentialMachine>(&credential)?;
        let token_policy: rec::TokenPolicy = self::policy(py, policy, "policy")?;
        Ok(rec::complete_activation(
            &wire,
            token.as_ref(),
            &credential,
            &token_policy,
            now.0,
        ))
    })
}

/// One login attempt (spec §1.7). ``credential`` is the snapshot of the credential the
/// identifier names, or ``None`` (then ``counter`` is the caller's attempt counter for that
/// identifier). ``verify_password`` (a ``bool``, or a callable giving one) is called only when
/// the core needs it (pass a callable to avoid hashing for a locked account); an exception it
/// raises is raised after the core returns.
#[pyfunction]
#[pyo3(signature = (credential, verify_password, habilitations, application, now, *, counter=None, throttle=None))]
#[allow(clippy::too_many_arguments)] // one per input of the core function
pub(crate) fn authenticate(
    py: Python<'_>,
    credential: Option<Text<'_>>,
    verify_password: &Bound<'_, PyAny>,
    habilitations: &Bound<'_, PyAny>,
    application: Read<acc::Application>,
    now: Instant,
    counter: Option<&Bound<'_, PyAny>>,
    throttle: Option<&Bound<'_, PyAny>>,
) -> PyResult<acc::LoginOutcome> {
    shield(py, || {
        let credential = credential
            .as_deref()
            .map(load::<acc::CredentialMachine>)
            .transpose()?;
        let counter: acc::AttemptCounter = policy(py, counter, "counter")?;
        let throttle: acc::LoginThrottlePolicy = policy(py, throttle, "throttle")?;
        let habilitations =
            load_all::<acc::HabilitationMachine>(Some(habilitations), "habilitations")?;
        let target = match &credential {
            Some(c) => acc::LoginTarget::Known {
                credential: c,
                counter: &counter,
            },
            None => acc::LoginTarget::Unknown(&counter, &throttle),
        };
        let mut raised: Option<PyErr> = None;
        let verify = || {
            let answer = if verify_password.is_callable() {
                verify_password.call0()
            } else {
                Ok(verify_password.clone())
            };
            match answer.and_then(|r| r.is_truthy()) {
                Ok(ok) => ok,
                Err(e) => {
                    raised = Some(e);
                    false
                }
            }
        };
        let out = acc::authenticate(target, verify, &habilitations, application.0, now.0);
        match raised {
            Some(e) => Err(e),
            None => Ok(out),
        }
    })
}

/// « Création de compte d'accès à l'extranet »: every field checked at once.
///
/// ``AccountForm.validate(fields)`` raises :class:`apart.FormError` (``FORM_INVALID``, with
/// ``errors`` for each refused field) or gives a valid form; :meth:`seal` hashes the secret
/// answer and returns the ``AccountRequest`` for onboarding's ``SubmitAccountForm`` event.
#[pyclass(module = "apart._native", frozen)]
pub(crate) struct AccountForm(Mutex<Option<acc::AccountForm>>);

#[pymethods]
impl AccountForm {
    #[staticmethod]
    fn validate(py: Python<'_>, fields: &Bound<'_, PyAny>) -> PyResult<AccountForm> {
        shield(py, || {
            let input: acc::AccountFormInput = crate::values::read(py, fields, "fields")?;
            let form = input.validate().map_err(|e| raise_form(py, &e))?;
            Ok(AccountForm(Mutex::new(Some(form))))
        })
    }

    /// The normalised establishment and user blocks, and the human check.
    fn details<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        shield(py, || {
            let guard = self.0.lock().map_err(|_| sealed(py))?;
            let form = guard.as_ref().ok_or_else(|| sealed(py))?;
            plain(py, form)
        })
    }

    /// The ``AccountRequest`` (the answer only as a salted hash). Consumes the form.
    fn seal<'py>(
        &self,
        py: Python<'py>,
        hasher: Of<'_, Argon2idHasher>,
        entropy: Of<'_, Entropy>,
    ) -> PyResult<Bound<'py, PyAny>> {
        shield(py, || {
            let form = self
                .0
                .lock()
                .map_err(|_| sealed(py))?
                .take()
                .ok_or_else(|| sealed(py))?;
            let (hasher, entropy) = (&hasher.get().0, entropy.get());
            let request = py.detach(|| entropy.with(|rng| form.seal(hasher, rng)))?;
            plain(py, &request)
        })
    }
}

fn sealed(py: Python<'_>) -> PyErr {
    raise(py, &acc::AccountError::FormSealed)
}

/// The outside facts of a habilitation request, computed from the stored records.
#[pyfunction]
#[pyo3(signature = (records, credential, siret, application, mandate_active, *, policy=None))]
pub(crate) fn request_facts<'py>(
    py: Python<'py>,
    records: &Bound<'_, PyAny>,
    credential: Text<'_>,
    siret: Text<'_>,
    application: Read<acc::Application>,
    mandate_active: Arg<bool>,
    policy: Option<&Bound<'_, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    shield(py, || {
        let records = load_all::<acc::HabilitationMachine>(Some(records), "records")?;
        let p: acc::HabilitationPolicy = self::policy(py, policy, "policy")?;
        let siret = apart::siret::Siret::parse(&siret)?;
        let facts = acc::RequestFacts::from_records(
            &records,
            &credential,
            siret,
            application.0,
            mandate_active.0,
            &p,
        );
        plain(py, &facts)
    })
}

#[pyfunction]
pub(crate) fn others_live(
    py: Python<'_>,
    records: &Bound<'_, PyAny>,
    snapshot: Text<'_>,
) -> PyResult<u32> {
    shield(py, || {
        let records = load_all::<acc::HabilitationMachine>(Some(records), "records")?;
        let snap = load::<acc::HabilitationMachine>(&snapshot)?;
        Ok(acc::others_live(&records, &snap))
    })
}

/// A new snapshot and its effects.
type Moved<'py> = (String, Bound<'py, PyAny>);

/// Moves the principal role: the two new snapshots, each with its effects.
#[pyfunction]
pub(crate) fn transfer_principal<'py>(
    py: Python<'py>,
    from_snapshot: Text<'_>,
    to_snapshot: Text<'_>,
    actor: Read<apart::machine::Actor>,
    keep_access: Arg<bool>,
    now: Instant,
) -> PyResult<(Moved<'py>, Moved<'py>)> {
    shield(py, || {
        let from = load::<acc::HabilitationMachine>(&from_snapshot)?;
        let to = load::<acc::HabilitationMachine>(&to_snapshot)?;
        let (a, b) = acc::transfer_principal(&from, &to, actor.0, keep_access.0, now.0)?;
        Ok((
            (a.snapshot.to_json(), plain(py, &a.effects)?),
            (b.snapshot.to_json(), plain(py, &b.effects)?),
        ))
    })
}

/// The SIRETs ``credential`` may act for in ``application`` at ``now``.
#[pyfunction]
pub(crate) fn authorised_establishments(
    py: Python<'_>,
    records: &Bound<'_, PyAny>,
    credential: Text<'_>,
    application: Read<acc::Application>,
    now: Instant,
) -> PyResult<Vec<String>> {
    shield(py, || {
        let records = load_all::<acc::HabilitationMachine>(Some(records), "records")?;
        let sirets = acc::authorised_establishments(&records, &credential, application.0, now.0);
        Ok(sirets.iter().map(|s| s.as_str().to_owned()).collect())
    })
}

/// Every violation of the invariants I1–I4 over the stored habilitations.
#[pyfunction]
#[pyo3(signature = (records, *, policy=None, active_mandates=None))]
pub(crate) fn check_invariants<'py>(
    py: Python<'py>,
    records: &Bound<'_, PyAny>,
    policy: Option<&Bound<'_, PyAny>>,
    active_mandates: Option<&Bound<'_, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    shield(py, || {
        let records = load_all::<acc::HabilitationMachine>(Some(records), "records")?;
        let p: acc::HabilitationPolicy = self::policy(py, policy, "policy")?;
        let mandates = crate::values::strings_opt(active_mandates, "active_mandates")?;
        plain(py, &acc::check_invariants(&records, &p, &mandates))
    })
}

/// The core's default policies, by name, as dicts.
#[pyfunction]
pub(crate) fn default_policies(py: Python<'_>) -> PyResult<Vec<(&'static str, Bound<'_, PyAny>)>> {
    Ok(vec![
        ("TokenPolicy", plain(py, &rec::TokenPolicy::default())?),
        (
            "ResetRequestPolicy",
            plain(py, &rec::ResetRequestPolicy::default())?,
        ),
        (
            "LoginThrottlePolicy",
            plain(py, &acc::LoginThrottlePolicy::default())?,
        ),
        (
            "HabilitationPolicy",
            plain(py, &acc::HabilitationPolicy::default())?,
        ),
    ])
}
