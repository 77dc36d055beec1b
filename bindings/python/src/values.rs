//! Arguments (amounts, dates, instants, months, lists, JSON data), read by the core's own
//! parsers (`apart::python::from_py`), so that a bad one gets the core's code with the
//! argument's name as `field`.

use apart::machine::{Machine, Snapshot};
use apart::money;
use apart::value::{ValueError, expected};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use time::{Date, OffsetDateTime};

use crate::errors::{raise, shield};
use apart::python::{from_py, int};

/// `value` read as a `T`, or the core's typed error naming `name`.
pub(crate) fn read<T: DeserializeOwned>(
    py: Python<'_>,
    value: &Bound<'_, PyAny>,
    name: &str,
) -> PyResult<T> {
    from_py(value).map_err(|e: ValueError| raise(py, &named(e, name)))
}

/// An option of the core (`purpose`, `motive`…), read as any value: a member of its enum class
/// or its text, canonical `snake_case` or kebab-case (`VALUE_UNKNOWN_VARIANT` lists them).
pub(crate) use read as option;

/// An optional integer argument ([`int`]).
pub(crate) fn int_opt<T: apart::python::IntArg>(
    value: Option<&Bound<'_, PyAny>>,
    name: &str,
) -> PyResult<Option<T>> {
    value
        .filter(|v| !v.is_none())
        .map(|v| int(v, name))
        .transpose()
}

/// A list of integer arguments (`[0, 255]`), each read by [`int`] and named `name[i]`; text or
/// bytes where a list is wanted is `INPUT_WRONG_TYPE`.
pub(crate) fn int_list<T: apart::python::IntArg>(
    value: &Bound<'_, PyAny>,
    name: &str,
) -> PyResult<Vec<T>> {
    items(value, name)?
        .enumerate()
        .map(|(i, item)| int(&item?, &format!("{name}[{i}]")))
        .collect()
}

/// The items of a list argument: a `str`, `bytes` or `bytearray` (whose items would be
/// characters or bytes) or a value that is not iterable is `INPUT_WRONG_TYPE` naming `name`.
pub(crate) fn items<'py>(
    value: &Bound<'py, PyAny>,
    name: &str,
) -> PyResult<Bound<'py, pyo3::types::PyIterator>> {
    let text = value.is_instance_of::<PyString>()
        || value.is_instance_of::<PyBytes>()
        || value.is_instance_of::<PyByteArray>();
    let iter = if text { None } else { value.try_iter().ok() };
    iter.ok_or_else(|| wrong_type(value, name, expected::AN_ARRAY))
}

/// A bytes argument (`bytes`, `bytearray`, `memoryview`: a key); anything else, text
/// included, is `INPUT_WRONG_TYPE` naming `name` (an `int` is not read as that many zeros).
pub(crate) fn bytes(value: &Bound<'_, PyAny>, name: &str) -> PyResult<Vec<u8>> {
    if let Ok(b) = value.cast::<PyBytes>() {
        Ok(b.as_bytes().to_vec())
    } else if let Ok(b) = value.cast::<PyByteArray>() {
        Ok(b.to_vec())
    } else if value.is_instance_of::<pyo3::types::PyMemoryView>() {
        bytes(&value.call_method0("tobytes")?, name)
    } else {
        Err(wrong_type(value, name, "byte array"))
    }
}

/// `INPUT_WRONG_TYPE` naming `name`: `value` where `expected` was wanted.
pub(crate) fn wrong_type(value: &Bound<'_, PyAny>, name: &str, expected: &str) -> PyErr {
    raise(
        value.py(),
        &ValueError::wrong_type(expected, &type_name(value)).with_field(name),
    )
}

/// A list of `str` argument ([`items`]), each item named `name[i]` when it is not text.
pub(crate) fn strings(value: &Bound<'_, PyAny>, name: &str) -> PyResult<Vec<String>> {
    items(value, name)?
        .enumerate()
        .map(|(i, item)| apart::python::text_arg(&item?, &format!("{name}[{i}]")))
        .collect()
}

/// An optional list of `str` argument ([`strings`]; `None` is empty).
pub(crate) fn strings_opt(value: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Vec<String>> {
    value.map_or(Ok(Vec::new()), |v| strings(v, name))
}

/// A snapshot, context, event or policy: JSON text as it is, or the same as a `dict`
/// ([`json_text`]). Anything else (`None`, a number, a list) is `INPUT_WRONG_TYPE`.
fn json_of(value: &Bound<'_, PyAny>) -> Result<String, ValueError> {
    match value.cast::<PyString>() {
        Ok(text) => Ok(text.to_string_lossy().into_owned()),
        Err(_) if value.is_instance_of::<pyo3::types::PyMapping>() => {
            from_py::<apart::value::Json>(value).map(apart::value::Json::into_text)
        }
        Err(_) => Err(ValueError::wrong_type(
            expected::AN_OBJECT,
            &type_name(value),
        )),
    }
}

/// An argument read by the core's reader as a `T` (an option, an amount, a record; [`Day`] and
/// [`Instant`] are read the same way, [`JsonText`] as JSON data): what it refuses is the core's
/// error, whose field pyo3's note on the argument names (`ApartError.add_note`).
#[derive(Deserialize)]
#[serde(transparent)]
pub(crate) struct Read<T>(pub(crate) T);

/// `FromPyObject` of the argument types read by the core's reader (`<T>`: their parameters).
macro_rules! read_args {
    ($(<$($g:ident),*> $ty:ty),+) => {$(
        impl<'a, 'py, $($g: DeserializeOwned),*> FromPyObject<'a, 'py> for $ty {
            type Error = PyErr;

            fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
                from_py(&obj).map_err(|e| raise(obj.py(), &e))
            }
        }
    )+};
}

read_args!(<T> Read<T>, <> Day, <> Instant);

/// A snapshot, context or event argument: JSON text, or the same as a `dict` ([`json_of`]).
pub(crate) struct JsonText(pub(crate) String);

impl<'a, 'py> FromPyObject<'a, 'py> for JsonText {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        json_of(&obj).map(JsonText).map_err(|e| raise(obj.py(), &e))
    }
}

/// A value of the core given as JSON text or a `dict` (a policy, a counter); `None` is its
/// default.
pub(crate) fn json_or_default<T: DeserializeOwned + Default>(
    py: Python<'_>,
    value: Option<&Bound<'_, PyAny>>,
    name: &str,
) -> PyResult<T> {
    match value.filter(|v| !v.is_none()) {
        None => Ok(T::default()),
        Some(v) => {
            let json = json_of(v).map_err(|e| raise(py, &named(e, name)))?;
            from_json(py, name, &json)
        }
    }
}

/// A record read from JSON text with the core's typed errors (`name` when the reader named no
/// field).
pub(crate) fn from_json<T: DeserializeOwned>(
    py: Python<'_>,
    name: &str,
    json: &str,
) -> PyResult<T> {
    apart::value::from_json(json).map_err(|e: ValueError| raise(py, &named(e, name)))
}

/// The error, naming `name` when the reader named no field.
pub(crate) fn named(e: ValueError, name: &str) -> ValueError {
    if e.field().is_some() {
        e
    } else {
        e.with_field(name)
    }
}

/// The JSON text of a value of the core.
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// A month argument: a `Month`, or its `YYYY-MM` text (`VALUE_INVALID_MONTH` naming `month`).
pub(crate) fn month(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<apart::calendar::Month> {
    match value.cast::<apart::calendar::Month>() {
        Ok(m) => Ok(*m.get()),
        Err(_) => read(py, value, "month"),
    }
}

/// A tuple argument given as any sequence of `N` items (a `tuple`, a `list`…), as Python's
/// unpacking reads one.
pub(crate) struct Items<'py, const N: usize>(pub(crate) [Bound<'py, PyAny>; N]);

impl<'a, 'py, const N: usize> FromPyObject<'a, 'py> for Items<'py, N> {
    type Error = PyErr;

    /// Anything but a sequence of `N` items (a `str` included) is `INPUT_WRONG_TYPE`.
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Items::read(&obj).map_err(|e| raise(obj.py(), &e))
    }
}

impl<'py, const N: usize> Items<'py, N> {
    /// The items of `value`, or `INPUT_WRONG_TYPE` (its field not named).
    fn read(value: &Bound<'py, PyAny>) -> Result<Self, ValueError> {
        let expected = expected::items(N);
        let items = match value.extract::<Vec<Bound<'py, PyAny>>>() {
            Ok(items) if !value.is_instance_of::<PyString>() => items,
            _ => return Err(ValueError::wrong_type(expected, &type_name(value))),
        };
        let found = format!("{} of {} items", type_name(value), items.len());
        <[_; N]>::try_from(items)
            .map(Items)
            .map_err(|_| ValueError::wrong_type(expected, &found))
    }

    /// The items of `value`, or `INPUT_WRONG_TYPE` naming `name`.
    pub(crate) fn named(value: &Bound<'py, PyAny>, name: &str) -> PyResult<Self> {
        Items::read(value).map_err(|e| raise(value.py(), &e.with_field(name)))
    }
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    let name = value.get_type().name();
    format!(
        "Python {}",
        name.map_or_else(|_| "object".to_owned(), |n| n.to_string())
    )
}

/// A snapshot of `M` from its JSON text.
pub(crate) fn load<M: Machine>(json: &str) -> PyResult<Snapshot<M>> {
    Snapshot::<M>::from_json(json).map_err(PyErr::from)
}

/// The snapshots of a list argument of JSON texts ([`strings`]; `None` is empty).
pub(crate) fn load_all<M: Machine>(
    jsons: Option<&Bound<'_, PyAny>>,
    name: &str,
) -> PyResult<Vec<Snapshot<M>>> {
    strings_opt(jsons, name)?
        .iter()
        .map(|j| load::<M>(j))
        .collect()
}

/// Aware `datetime`s ([`Instant`]), each named `name`.
pub(crate) fn instants(
    py: Python<'_>,
    value: &Bound<'_, PyAny>,
    name: &str,
) -> PyResult<Vec<OffsetDateTime>> {
    items(value, name)?
        .map(|item| read::<Instant>(py, &item?, name).map(|i| i.0))
        .collect()
}

/// A date argument (`datetime.date` or `YYYY-MM-DD` text).
#[derive(Deserialize)]
pub(crate) struct Day(#[serde(with = "apart::calendar::serde::date")] pub(crate) Date);

/// An instant argument (an aware `datetime` or RFC 3339 text), storable
/// (`calendar::check_instant`).
pub(crate) struct Instant(pub(crate) OffsetDateTime);

impl<'de> Deserialize<'de> for Instant {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let at = apart::calendar::serde::instant::deserialize(deserializer)?;
        apart::calendar::check_instant(at)
            .map(Instant)
            .map_err(apart::value::de_error)
    }
}

/// The exact text of an amount (`amount`), hours (`hours`), hourly amount (`hourly`) or rate
/// (`rate`): `Decimal`, `int` or text in; a `float` is `VALUE_FLOAT_REFUSED`.
#[pyfunction]
#[pyo3(signature = (kind, value, name = "value"))]
pub(crate) fn decimal_text(
    py: Python<'_>,
    kind: &str,
    value: &Bound<'_, PyAny>,
    name: &str,
) -> PyResult<String> {
    shield(py, || {
        Ok(match kind {
            "hours" => read::<money::Hours>(py, value, name)?.to_string(),
            "hourly" => read::<money::HourlyAmount>(py, value, name)?.to_string(),
            "rate" => read::<money::Rate>(py, value, name)?.to_string(),
            _ => read::<money::Euros>(py, value, name)?.to_string(),
        })
    })
}

/// The JSON text of a snapshot, context or event given as a `dict`: read by the core as
/// records are (`Decimal`, `int` or text for amounts, `datetime.date` and aware `datetime` as
/// ISO text, `Month` as `YYYY-MM`, enum members by their value); a `float` crosses as a number,
/// which the core refuses where it reads an amount (`VALUE_FLOAT_REFUSED`).
#[pyfunction]
#[pyo3(signature = (value, name = "value"))]
pub(crate) fn json_text(py: Python<'_>, value: &Bound<'_, PyAny>, name: &str) -> PyResult<String> {
    shield(py, || {
        read(py, value, name).map(apart::value::Json::into_text)
    })
}
