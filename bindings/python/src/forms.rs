//! Field rules (`apart::forms`): the values with a parser (`PhoneFr`, `Email`…) and the records
//! (`TextRules`, `PhonePolicy`) are the core's own classes (its `python` feature); the plain
//! text fields are functions returning `str`. Refusals raise `apart.FormError`.

use apart::forms::{self as core, TextRules};
use apart::python::{Arg, Of, Text};
use pyo3::prelude::*;

use crate::errors::shield;
use time::OffsetDateTime;

use crate::values::Instant;

text_functions! {
    /// Raises ``EMAIL_CONFIRMATION_MISMATCH`` unless the confirmation field matches.
    fn confirm_email(email, confirmation) -> () = core::confirm_email(email, confirmation)?;
    fn normalize_secret_answer(value) -> String = core::normalize_secret_answer(value);
    /// A street number (digits only); ``None`` when left empty.
    fn parse_street_number(value) -> Option<String> =
        core::StreetNumber::parse(value)?.map(|n| n.to_string());
    /// The one-letter code of the extension, or `None` for an empty field.
    fn street_extension_parse(value) -> Option<&'static str> =
        core::StreetExtension::parse(value)?.map(core::StreetExtension::code);
    /// « Description de la demande »: 1 to 1000 UTF-16 units, line breaks allowed.
    fn parse_description(value) -> String = core::Description::parse(value)?.into_string();
    fn normalize_text(value) -> String = core::normalize_text(value);
    fn text_len_utf16(value) -> usize = core::text_len_utf16(value);
    fn description_len(value) -> usize = core::description_len(value);
}

/// A « nom » or « prénom » (``TextRules.PERSON_NAME`` unless told), normalised.
#[pyfunction]
#[pyo3(signature = (value, rules=None))]
pub(crate) fn parse_person_name(
    py: Python<'_>,
    value: Text<'_>,
    rules: Option<Arg<TextRules>>,
) -> PyResult<String> {
    shield(py, || {
        let rules = rules.map_or(TextRules::PERSON_NAME, |r| r.0);
        Ok(core::PersonName::parse_with(&value, rules)?.to_string())
    })
}

/// `(code, label)` of every street extension, in the core's order.
#[pyfunction]
pub(crate) fn street_extensions() -> Vec<(&'static str, &'static str)> {
    core::StreetExtension::ALL
        .iter()
        .map(|e| (e.code(), e.label()))
        .collect()
}

/// `(code, label)` of every street type.
#[pyfunction]
pub(crate) fn street_types() -> Vec<(&'static str, &'static str)> {
    core::STREET_TYPES.to_vec()
}

/// Free text checked against ``rules``, normalised.
#[pyfunction]
pub(crate) fn parse_bounded_text(
    py: Python<'_>,
    value: Text<'_>,
    rules: Arg<TextRules>,
) -> PyResult<String> {
    shield(py, || {
        Ok(core::BoundedText::parse(&value, rules.0)?.into_string())
    })
}

#[pyfunction]
pub(crate) fn remaining(py: Python<'_>, value: Text<'_>, max: &Bound<'_, PyAny>) -> PyResult<i64> {
    let max: usize = apart::python::int(max, "max")?;
    shield(py, || Ok(core::remaining(&value, max)))
}

/// The named rules of the core, by name.
#[pyfunction]
pub(crate) fn text_rules() -> Vec<(&'static str, TextRules)> {
    [
        ("DENOMINATION", TextRules::DENOMINATION),
        ("STREET_NAME", TextRules::STREET_NAME),
        ("ADDRESS_COMPLEMENT", TextRules::ADDRESS_COMPLEMENT),
        ("CITY", TextRules::CITY),
        ("PERSON_NAME", TextRules::PERSON_NAME),
        ("FULL_NAME", TextRules::FULL_NAME),
        ("DESCRIPTION", TextRules::DESCRIPTION),
    ]
    .to_vec()
}

/// The core's numeric limits (`FormLimits::CURRENT`, its serde shape).
#[pyfunction]
pub(crate) fn limits(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    apart::python::to_dict(py, &core::FormLimits::CURRENT)
}

/// The state of the human check (captcha) of a form: when it was passed, if it was.
#[pyclass(module = "apart._native", frozen, eq, hash)]
#[derive(PartialEq, Eq, Hash)]
pub(crate) struct HumanCheck(Option<OffsetDateTime>);

impl HumanCheck {
    fn core(&self) -> core::HumanCheck {
        self.0.map_or(core::HumanCheck::NotVerified, |at| {
            core::HumanCheck::Verified { at }
        })
    }
}

#[pymethods]
impl HumanCheck {
    #[new]
    #[pyo3(signature = (verified_at=None))]
    fn new(verified_at: Option<Instant>) -> Self {
        HumanCheck(verified_at.map(|at| at.0))
    }

    #[getter]
    fn verified_at(&self) -> Option<OffsetDateTime> {
        self.0
    }

    #[getter]
    fn is_verified(&self) -> bool {
        self.0.is_some()
    }

    /// The instant of the check, or ``CAPTCHA_REQUIRED``.
    fn require(&self, py: Python<'_>) -> PyResult<OffsetDateTime> {
        shield(py, || Ok(self.core().require()?))
    }

    /// As :meth:`require`, and ``CAPTCHA_EXPIRED`` when older than ``max_age`` at ``now``.
    fn require_fresh(
        &self,
        py: Python<'_>,
        now: Instant,
        max_age: Of<'_, pyo3::types::PyDelta>,
    ) -> PyResult<OffsetDateTime> {
        let micro = pyo3::types::PyDelta::new(py, 0, 0, 1, false)?;
        let max_age = max_age.call_method1("__floordiv__", (micro,))?;
        let max_age: i64 = apart::python::int(&max_age, "max_age")?;
        shield(py, || {
            let max_age = time::Duration::microseconds(max_age);
            Ok(self.core().require_fresh(now.0, max_age)?)
        })
    }

    /// The value it stands for inside a form (``AccountForm.validate``): the core's
    /// ``{"status": "verified", "at": …}`` or ``{"status": "not_verified"}``.
    fn __apart_value__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        apart::python::to_dict(py, &self.core())
    }

    /// ``{"verified_at": …}``, the instant in ISO 8601 (or ``None``).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        let dict = pyo3::types::PyDict::new(py);
        let at = self
            .0
            .map(|at| at.into_pyobject(py)?.call_method0("isoformat"));
        dict.set_item("verified_at", at.transpose()?)?;
        Ok(dict)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "HumanCheck(verified_at={})",
            self.0.into_pyobject(py)?.repr()?
        ))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        (slf.get_type(), (slf.get().0,))
            .into_pyobject(slf.py())
            .map(Bound::into_any)
    }
}
