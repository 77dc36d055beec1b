//! Field rules (`apart::forms`): each parser returns the normalised value's parts as a tuple of
//! plain values, from which the Python layer builds a frozen record; refusals raise
//! `apart.FormError`.

use apart::diagnostic::Diagnostic;
use apart::forms::{self as core, TextRules};
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::errors::{raise, shield};
use crate::machine::{Instant, instant, micros};

fn form_error<E: Diagnostic>(py: Python<'_>) -> impl Fn(E) -> PyErr + '_ {
    move |e| raise(py, &e)
}

fn text<'a>(s: &'a Bound<'_, PyString>) -> std::borrow::Cow<'a, str> {
    match s.to_str() {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        // Lone surrogates: U+FFFD in their place, refused by the rules like any bad character.
        Err(_) => s.to_string_lossy(),
    }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// `(e164, display, national, country_code, national_significant_number, kind_json,
/// is_fixed_line)`.
type PhoneParts = (String, String, String, String, String, String, bool);

fn phone_parts(p: &core::PhoneFr) -> PhoneParts {
    (
        p.e164().to_owned(),
        p.to_string(),
        p.to_national(),
        p.country_code().to_owned(),
        p.national_significant_number().to_owned(),
        json(&p.kind()),
        p.kind().is_fixed_line(),
    )
}

#[pyfunction]
fn phone_parse(
    py: Python<'_>,
    value: &Bound<'_, PyString>,
    collectivities: bool,
    allow_premium: bool,
    require_fixed_line: bool,
    optional: bool,
) -> PyResult<Option<PhoneParts>> {
    let policy = core::PhonePolicy {
        collectivities,
        allow_premium,
        require_fixed_line,
    };
    shield(py, || {
        let input = text(value);
        let phone = if optional {
            core::PhoneFr::parse_optional(&input, policy)
        } else {
            core::PhoneFr::parse_with(&input, policy).map(Some)
        };
        phone
            .map(|p| p.as_ref().map(phone_parts))
            .map_err(form_error(py))
    })
}

/// `(address, local_part, domain, lookup_key)`.
#[pyfunction]
fn email_parse(
    py: Python<'_>,
    value: &Bound<'_, PyString>,
) -> PyResult<(String, String, String, String)> {
    shield(py, || {
        let e = core::Email::parse(&text(value)).map_err(form_error(py))?;
        Ok((
            e.to_string(),
            e.local_part().to_owned(),
            e.domain().to_owned(),
            e.to_lookup_key(),
        ))
    })
}

#[pyfunction]
fn email_is_confirmed_by(
    py: Python<'_>,
    email: &Bound<'_, PyString>,
    confirmation: &Bound<'_, PyString>,
) -> PyResult<bool> {
    shield(py, || {
        let e = core::Email::parse(&text(email)).map_err(form_error(py))?;
        Ok(e.is_confirmed_by(&text(confirmation)))
    })
}

#[pyfunction]
fn confirm_email(
    py: Python<'_>,
    email: &Bound<'_, PyString>,
    confirmation: &Bound<'_, PyString>,
) -> PyResult<()> {
    shield(py, || {
        core::confirm_email(&text(email), &text(confirmation)).map_err(form_error(py))
    })
}

/// `(code, area)`.
#[pyfunction]
fn postal_code_parse(py: Python<'_>, value: &Bound<'_, PyString>) -> PyResult<(String, String)> {
    shield(py, || {
        let p = core::PostalCodeFr::parse(&text(value)).map_err(form_error(py))?;
        Ok((p.to_string(), json(&p.area()).trim_matches('"').to_owned()))
    })
}

fn rules(min: usize, max: usize, multiline: bool) -> TextRules {
    let r = TextRules::new(min, max);
    if multiline { r.multiline() } else { r }
}

/// `(text, name, cedex)`.
#[pyfunction]
fn city_parse(
    py: Python<'_>,
    value: &Bound<'_, PyString>,
    min: usize,
    max: usize,
    multiline: bool,
) -> PyResult<(String, String, Option<String>)> {
    shield(py, || {
        let c = core::City::parse_with(&text(value), rules(min, max, multiline))
            .map_err(form_error(py))?;
        Ok((
            c.to_string(),
            c.name().to_owned(),
            c.cedex().map(str::to_owned),
        ))
    })
}

/// `(identifier, key)`.
#[pyfunction]
fn login_identifier_parse(
    py: Python<'_>,
    value: &Bound<'_, PyString>,
) -> PyResult<(String, String)> {
    shield(py, || {
        let id = core::LoginIdentifier::parse(&text(value)).map_err(form_error(py))?;
        Ok((id.to_string(), id.key().to_string()))
    })
}

/// Whether two login identifiers name the same account (`LoginIdentifier::same_as`).
#[pyfunction]
fn login_identifier_same_as(
    py: Python<'_>,
    a: &Bound<'_, PyString>,
    b: &Bound<'_, PyString>,
) -> PyResult<bool> {
    shield(py, || {
        let a = core::LoginIdentifier::parse(&text(a)).map_err(form_error(py))?;
        let b = core::LoginIdentifier::parse(&text(b)).map_err(form_error(py))?;
        Ok(a.same_as(&b))
    })
}

#[pyfunction]
fn person_name_parse(
    py: Python<'_>,
    value: &Bound<'_, PyString>,
    min: usize,
    max: usize,
    multiline: bool,
) -> PyResult<String> {
    shield(py, || {
        core::PersonName::parse_with(&text(value), rules(min, max, multiline))
            .map(|n| n.to_string())
            .map_err(form_error(py))
    })
}

/// An accepted secret answer. Its `repr` hides it, as the core's `Debug` does.
#[pyclass(module = "apart._native", frozen)]
struct SecretAnswer(core::SecretAnswer);

#[pymethods]
impl SecretAnswer {
    /// Checks `input` against the rules, refusing the user's own nom, prénom and identifier.
    #[new]
    #[pyo3(signature = (value, *, nom=None, prenom=None, identifier=None))]
    fn new(
        py: Python<'_>,
        value: &Bound<'_, PyString>,
        nom: Option<&str>,
        prenom: Option<&str>,
        identifier: Option<&str>,
    ) -> PyResult<Self> {
        shield(py, || {
            let context = core::SecretAnswerContext {
                nom,
                prenom,
                identifier,
            };
            core::SecretAnswer::parse(&text(value), context)
                .map(SecretAnswer)
                .map_err(form_error(py))
        })
    }

    /// The normalised answer: the input of the slow hash, never to be stored as is.
    #[getter]
    fn normalized(&self) -> &str {
        self.0.normalized()
    }

    fn matches(&self, py: Python<'_>, attempt: &Bound<'_, PyString>) -> PyResult<bool> {
        shield(py, || Ok(self.0.matches(&text(attempt))))
    }

    fn __repr__(&self) -> &'static str {
        "SecretAnswer(<hidden>)"
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<SecretAnswer>()
            .is_ok_and(|o| o.get().0 == self.0)
    }
}

#[pyfunction]
fn normalize_secret_answer(py: Python<'_>, value: &Bound<'_, PyString>) -> PyResult<String> {
    shield(py, || Ok(core::normalize_secret_answer(&text(value))))
}

#[pyfunction]
fn street_number_parse(py: Python<'_>, value: &Bound<'_, PyString>) -> PyResult<Option<String>> {
    shield(py, || {
        core::StreetNumber::parse(&text(value))
            .map(|n| n.map(|n| n.to_string()))
            .map_err(form_error(py))
    })
}

/// The one-letter code of the extension, or `None` for an empty field.
#[pyfunction]
fn street_extension_parse(
    py: Python<'_>,
    value: &Bound<'_, PyString>,
) -> PyResult<Option<&'static str>> {
    shield(py, || {
        core::StreetExtension::parse(&text(value))
            .map(|e| e.map(core::StreetExtension::code))
            .map_err(form_error(py))
    })
}

/// `(code, label)` of every street extension, in the core's order.
#[pyfunction]
fn street_extensions() -> Vec<(&'static str, &'static str)> {
    core::StreetExtension::ALL
        .iter()
        .map(|e| (e.code(), e.label()))
        .collect()
}

/// `(code, label)` of every street type.
#[pyfunction]
fn street_types() -> Vec<(&'static str, &'static str)> {
    core::STREET_TYPES.to_vec()
}

#[pyfunction]
fn bounded_text_parse(
    py: Python<'_>,
    value: &Bound<'_, PyString>,
    min: usize,
    max: usize,
    multiline: bool,
) -> PyResult<String> {
    shield(py, || {
        core::BoundedText::parse(&text(value), rules(min, max, multiline))
            .map(core::BoundedText::into_string)
            .map_err(form_error(py))
    })
}

#[pyfunction]
fn description_parse(py: Python<'_>, value: &Bound<'_, PyString>) -> PyResult<String> {
    shield(py, || {
        core::Description::parse(&text(value))
            .map(core::Description::into_string)
            .map_err(form_error(py))
    })
}

#[pyfunction]
fn normalize_text(py: Python<'_>, value: &Bound<'_, PyString>) -> PyResult<String> {
    shield(py, || Ok(core::normalize_text(&text(value))))
}

#[pyfunction]
fn text_len_utf16(py: Python<'_>, value: &Bound<'_, PyString>) -> PyResult<usize> {
    shield(py, || Ok(core::text_len_utf16(&text(value))))
}

#[pyfunction]
fn description_len(py: Python<'_>, value: &Bound<'_, PyString>) -> PyResult<usize> {
    shield(py, || Ok(core::description_len(&text(value))))
}

#[pyfunction]
fn remaining(py: Python<'_>, value: &Bound<'_, PyString>, max: usize) -> PyResult<i64> {
    shield(py, || Ok(core::remaining(&text(value), max)))
}

/// The named rules of the core: `{name: (min, max, multiline)}`.
#[pyfunction]
fn text_rules() -> Vec<(&'static str, usize, usize, bool)> {
    [
        ("DENOMINATION", TextRules::DENOMINATION),
        ("STREET_NAME", TextRules::STREET_NAME),
        ("ADDRESS_COMPLEMENT", TextRules::ADDRESS_COMPLEMENT),
        ("CITY", TextRules::CITY),
        ("PERSON_NAME", TextRules::PERSON_NAME),
        ("FULL_NAME", TextRules::FULL_NAME),
        ("DESCRIPTION", TextRules::DESCRIPTION),
    ]
    .into_iter()
    .map(|(name, r)| (name, r.min, r.max, r.multiline))
    .collect()
}

/// The core's numeric limits, by name.
#[pyfunction]
fn limits() -> Vec<(&'static str, usize)> {
    vec![
        ("EMAIL_LOCAL_MAX", core::EMAIL_LOCAL_MAX),
        ("EMAIL_MAX", core::EMAIL_MAX),
        ("EMAIL_LABEL_MAX", core::EMAIL_LABEL_MAX),
        ("LOGIN_IDENTIFIER_MAX", core::LOGIN_IDENTIFIER_MAX),
        ("SECRET_ANSWER_MIN", core::SECRET_ANSWER_MIN),
        ("SECRET_ANSWER_MAX", core::SECRET_ANSWER_MAX),
        ("STREET_NUMBER_MAX_DIGITS", core::STREET_NUMBER_MAX_DIGITS),
        ("DESCRIPTION_MAX", core::Description::MAX),
    ]
}

fn human_check(py: Python<'_>, verified_at: Option<Instant>) -> PyResult<core::HumanCheck> {
    Ok(match verified_at {
        Some(at) => core::HumanCheck::Verified {
            at: instant(py, at)?,
        },
        None => core::HumanCheck::NotVerified,
    })
}

/// The instant of the check (µs), or `CAPTCHA_REQUIRED`.
#[pyfunction]
fn human_check_require(py: Python<'_>, verified_at: Option<Instant>) -> PyResult<Instant> {
    shield(py, || {
        let at = human_check(py, verified_at)?
            .require()
            .map_err(form_error(py))?;
        micros(py, at)
    })
}

/// As `human_check_require`, and `CAPTCHA_EXPIRED` when older than `max_age_micros` at `now`.
#[pyfunction]
fn human_check_require_fresh(
    py: Python<'_>,
    verified_at: Option<Instant>,
    now: Instant,
    max_age_micros: i64,
) -> PyResult<Instant> {
    shield(py, || {
        let now = instant(py, now)?;
        let at = human_check(py, verified_at)?
            .require_fresh(now, time::Duration::microseconds(max_age_micros))
            .map_err(form_error(py))?;
        micros(py, at)
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<SecretAnswer>()?;
    m.add_function(wrap_pyfunction!(phone_parse, m)?)?;
    m.add_function(wrap_pyfunction!(email_parse, m)?)?;
    m.add_function(wrap_pyfunction!(email_is_confirmed_by, m)?)?;
    m.add_function(wrap_pyfunction!(confirm_email, m)?)?;
    m.add_function(wrap_pyfunction!(postal_code_parse, m)?)?;
    m.add_function(wrap_pyfunction!(city_parse, m)?)?;
    m.add_function(wrap_pyfunction!(login_identifier_parse, m)?)?;
    m.add_function(wrap_pyfunction!(person_name_parse, m)?)?;
    m.add_function(wrap_pyfunction!(login_identifier_same_as, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_secret_answer, m)?)?;
    m.add_function(wrap_pyfunction!(street_number_parse, m)?)?;
    m.add_function(wrap_pyfunction!(street_extension_parse, m)?)?;
    m.add_function(wrap_pyfunction!(street_extensions, m)?)?;
    m.add_function(wrap_pyfunction!(street_types, m)?)?;
    m.add_function(wrap_pyfunction!(bounded_text_parse, m)?)?;
    m.add_function(wrap_pyfunction!(description_parse, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_text, m)?)?;
    m.add_function(wrap_pyfunction!(text_len_utf16, m)?)?;
    m.add_function(wrap_pyfunction!(description_len, m)?)?;
    m.add_function(wrap_pyfunction!(remaining, m)?)?;
    m.add_function(wrap_pyfunction!(text_rules, m)?)?;
    m.add_function(wrap_pyfunction!(limits, m)?)?;
    m.add_function(wrap_pyfunction!(human_check_require, m)?)?;
    m.add_function(wrap_pyfunction!(human_check_require_fresh, m)?)?;
    Ok(())
}
