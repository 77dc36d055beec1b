//! The form values of [`crate::forms`] as native Python classes (`apart.forms`): each is the
//! core's own type, made only by its parser (`parse`), with the core's accessors as read-only
//! attributes, `str()` its normalised text, `to_dict()`, `repr`, pickling and copying.
//! `TextRules` and `PhonePolicy` are plain records ([`crate::py_record!`]).

use std::borrow::Cow;

use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};

use super::raise;
use crate::forms::{
    Choice, City, Email, LoginIdentifier, OverseasKind, PhoneFr, PhoneKind, PhonePolicy,
    PhoneTerritory, PostalCodeFr, TextRules,
};

crate::py_record!(TextRules["min", "max", "multiline"] | strict, PhonePolicy, Choice);

/// A Python `str` as text: lone surrogates become U+FFFD, refused by the rules like any bad
/// character (never a `UnicodeEncodeError`).
pub(crate) fn text<'a>(s: &'a Bound<'_, PyString>) -> Cow<'a, str> {
    match s.to_str() {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => s.to_string_lossy(),
    }
}

/// `(cls._from_text, (key,))`: what pickle needs to parse the value again.
fn reduce<'py>(slf: &Bound<'py, PyAny>, key: String) -> PyResult<Bound<'py, PyTuple>> {
    let rebuild = slf.get_type().getattr("_from_text")?;
    let args = PyTuple::new(slf.py(), [key])?;
    PyTuple::new(slf.py(), [rebuild, args.into_any()])
}

/// The methods of a form value: one getter per accessor, `_from_text` (the parser pickling
/// uses, given `key`), `str`, `repr`, `to_dict`, copying, then the type's own methods. With
/// `parse:` instead of `from_text:`, that parser is also the class's `parse`.
macro_rules! py_value {
    ($t:ty, key: $key:expr, parse: $parse:expr, { $($fields:tt)* } $($extra:item)*) => {
        py_value!($t, key: $key, from_text: $parse, { $($fields)* }
            #[staticmethod]
            #[pyo3(name = "parse")]
            fn py_parse(py: Python<'_>, value: super::Text<'_>) -> PyResult<$t> {
                ($parse)(&value).map_err(|e| raise(py, &e))
            }

            $($extra)*
        );
    };
    ($t:ty, key: $key:expr, from_text: $from_text:expr,
     { $($field:ident / $rust:ident = $get:expr),* $(,)? } $($extra:item)*) => {
        #[pymethods]
        impl $t {
            $(
                #[getter($field)]
                fn $rust(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                    ($get)(self).into_py_any(py)
                }
            )*

            #[staticmethod]
            fn _from_text(py: Python<'_>, text: &str) -> PyResult<Self> {
                ($from_text)(text).map_err(|e| raise(py, &e))
            }

            fn __str__(&self) -> String {
                self.to_string()
            }

            fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
                super::attributes_repr(slf.as_any(), &[$(stringify!($field)),*])
            }

            /// The attributes as plain data (enum members by their value).
            #[allow(clippy::wrong_self_convention)]
            fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
                super::attributes_dict(slf.as_any(), &[$(stringify!($field)),*])
            }

            fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
                reduce(slf.as_any(), ($key)(slf.get()))
            }

            fn __copy__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
                slf
            }

            fn __deepcopy__<'py>(slf: Bound<'py, Self>, _memo: &Bound<'py, PyAny>) -> Bound<'py, Self> {
                slf
            }

            $($extra)*
        }
    };
}

py_value!(Email, key: |e: &Email| e.to_string(), parse: Email::parse, {
    address / py_address = Email::as_str,
    local_part / py_local_part = Email::local_part,
    domain / py_domain = Email::domain,
    lookup_key / py_lookup_key = Email::to_lookup_key,
}

    /// Whether the confirmation field holds the same address.
    #[pyo3(name = "is_confirmed_by")]
    fn py_is_confirmed_by(&self, confirmation: super::Text<'_>) -> bool {
        self.is_confirmed_by(&confirmation)
    }
);

py_value!(PostalCodeFr, key: |p: &PostalCodeFr| p.to_string(), parse: PostalCodeFr::parse, {
    code / py_code = PostalCodeFr::as_str,
    area / py_area = PostalCodeFr::area,
}
);

/// Any city the rules ever accepted (pickling parses the normalised text again).
fn any_city(text: &str) -> Result<City, crate::forms::CityError> {
    City::parse_with(text, TextRules::new(0, usize::MAX).multiline())
}

py_value!(City, key: |c: &City| c.to_string(), from_text: any_city, {
    text / py_text = City::as_str,
    name / py_name = City::name,
    cedex / py_cedex = City::cedex,
    is_cedex / py_is_cedex = City::is_cedex,
}
    /// Parses a city (`TextRules.CITY` unless told).
    #[staticmethod]
    #[pyo3(name = "parse", signature = (value, rules = None))]
    fn py_parse(
        py: Python<'_>,
        value: super::Text<'_>,
        rules: Option<super::Arg<TextRules>>,
    ) -> PyResult<City> {
        City::parse_with(&value, rules.map_or(TextRules::CITY, |r| r.0)).map_err(|e| raise(py, &e))
    }
);

fn login_key(id: &LoginIdentifier) -> String {
    id.key().to_string()
}

py_value!(LoginIdentifier, key: |i: &LoginIdentifier| i.to_string(), parse: LoginIdentifier::parse, {
    identifier / py_identifier = LoginIdentifier::as_str,
    key / py_key = login_key,
}

    /// Whether both name the same account (the core's comparison).
    #[pyo3(name = "same_as")]
    fn py_same_as(&self, other: super::Of<'_, LoginIdentifier>) -> bool {
        self.same_as(other.get())
    }
);

/// The kind of line as a member of `apart.forms.PhoneKind` (the tag of the core's
/// [`PhoneKind`]: its overseas details are the `territory` and `overseas_kind` attributes).
struct KindTag(PhoneKind);

impl<'py> IntoPyObject<'py> for KindTag {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let value = serde_json::to_value(self.0)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
        let tag = value
            .get("type")
            .and_then(|t| t.as_str())
            .unwrap_or_default();
        py.import("apart.forms")?
            .getattr("PhoneKind")?
            .call1((tag,))
    }
}

fn phone_kind(p: &PhoneFr) -> KindTag {
    KindTag(p.kind())
}

fn phone_territory(p: &PhoneFr) -> Option<PhoneTerritory> {
    match p.kind() {
        PhoneKind::Overseas { territory, .. } => Some(territory),
        _ => None,
    }
}

fn phone_overseas_kind(p: &PhoneFr) -> Option<OverseasKind> {
    match p.kind() {
        PhoneKind::Overseas { kind, .. } => Some(kind),
        _ => None,
    }
}

fn phone_is_fixed_line(p: &PhoneFr) -> bool {
    p.kind().is_fixed_line()
}

/// Any number a policy ever accepted (pickling parses the E.164 form again).
fn any_phone(text: &str) -> Result<PhoneFr, crate::forms::PhoneError> {
    let policy = PhonePolicy {
        collectivities: true,
        allow_premium: true,
        require_fixed_line: false,
    };
    PhoneFr::parse_with(text, policy)
}

py_value!(PhoneFr, key: |p: &PhoneFr| p.e164().to_owned(), from_text: any_phone, {
    e164 / py_e164 = PhoneFr::e164,
    display / py_display = |p: &PhoneFr| p.to_string(),
    national / py_national = PhoneFr::to_national,
    country_code / py_country_code = PhoneFr::country_code,
    national_significant_number / py_national_significant_number = PhoneFr::national_significant_number,
    kind / py_kind = phone_kind,
    territory / py_territory = phone_territory,
    overseas_kind / py_overseas_kind = phone_overseas_kind,
    is_fixed_line / py_is_fixed_line = phone_is_fixed_line,
}
    /// Parses a required phone field (`PHONE_*` errors).
    #[staticmethod]
    #[pyo3(name = "parse", signature = (value, policy = None))]
    fn py_parse(
        py: Python<'_>,
        value: super::Text<'_>,
        policy: Option<super::Arg<PhonePolicy>>,
    ) -> PyResult<PhoneFr> {
        PhoneFr::parse_with(&value, policy.map(|p| p.0).unwrap_or_default()).map_err(|e| raise(py, &e))
    }

    /// Parses an optional phone field: `None` when left empty.
    #[staticmethod]
    #[pyo3(name = "parse_optional", signature = (value, policy = None))]
    fn py_parse_optional(
        py: Python<'_>,
        value: super::Text<'_>,
        policy: Option<super::Arg<PhonePolicy>>,
    ) -> PyResult<Option<PhoneFr>> {
        PhoneFr::parse_optional(&value, policy.map(|p| p.0).unwrap_or_default())
            .map_err(|e| raise(py, &e))
    }
);

#[pymethods]
impl crate::forms::SecretAnswer {
    /// Checks `value` against the rules, refusing the user's own nom, prénom and identifier.
    #[new]
    #[pyo3(signature = (value, *, nom=None, prenom=None, identifier=None))]
    fn py_new(
        py: Python<'_>,
        value: super::Text<'_>,
        nom: Option<super::Text<'_>>,
        prenom: Option<super::Text<'_>>,
        identifier: Option<super::Text<'_>>,
    ) -> PyResult<Self> {
        let context = crate::forms::SecretAnswerContext {
            nom: nom.as_deref(),
            prenom: prenom.as_deref(),
            identifier: identifier.as_deref(),
        };
        super::shield(py, || Ok(Self::parse(&value, context)?))
    }

    /// The normalised answer: the input of the slow hash, never to be stored as is.
    #[getter(normalized)]
    fn py_normalized(&self) -> &str {
        self.normalized()
    }

    #[pyo3(name = "matches")]
    fn py_matches(&self, attempt: super::Text<'_>) -> bool {
        self.matches(&attempt)
    }

    /// Hidden, as the `Debug` of the answer is.
    fn __repr__(&self) -> &'static str {
        "SecretAnswer(<hidden>)"
    }
}
