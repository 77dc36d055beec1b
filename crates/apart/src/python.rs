//! Python records (feature `python`, for `bindings/python`): the library's records as native,
//! frozen Python classes derived where the types are defined, so that a field added to a
//! record reaches Python with no hand edit and no JSON in between.
//!
//! * Records carry `#[cfg_attr(feature = "python", pyo3::pyclass(frozen, get_all, eq, …))]`
//!   (one attribute line beside their serde derive); `py_record!` adds the same methods to
//!   each: a keyword constructor read through serde ([`from_py`]: unknown keys, floats and bad
//!   text refused with the typed errors of [`crate::value`]), `to_dict()` (the JSON shape),
//!   `repr`, pickling and copying.
//! * Amounts, hours and rates convert to `decimal.Decimal`, dates to `datetime.date`, months
//!   to the [`Month`] class, option enums to members of a Python `enum.Enum` (with `str`
//!   values, the canonical spellings) made from the enum's `ALL` and `as_str`.
//! * Errors raised here go through the hook the binding installs ([`set_raise`]), so that
//!   they are the package's exception classes, chosen by [`Diagnostic::family`].
//!
//! Nothing here is a rule: conversions only.

use std::sync::OnceLock;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyTuple, PyType};

use crate::calendar::Month;
use crate::diagnostic::{Diagnostic, Lang};
use crate::money::{Euros, HourlyAmount, Hours, Rate};

/// The methods of an outcome the core hands back (read-only, made only by the core): one getter
/// per attribute (`name / rust_name = accessor`, the accessor's value converted), `repr` (every
/// attribute but the `hidden` ones), `to_dict()` (enum members by their value), then the
/// type's own methods. The class is the core type (`pyclass(frozen, eq)` beside its derive).
macro_rules! py_view {
    ($t:ty $([hidden: $($hidden:literal),*])?,
     { $($field:ident / $rust:ident = $get:expr),* $(,)? } $($extra:item)*) => {
        #[::pyo3::pymethods]
        impl $t {
            $(
                #[getter($field)]
                fn $rust(&self, py: ::pyo3::Python<'_>) -> ::pyo3::PyResult<::pyo3::Py<::pyo3::PyAny>> {
                    ::pyo3::IntoPyObjectExt::into_py_any(($get)(self), py)
                }
            )*

            fn __repr__(slf: &::pyo3::Bound<'_, Self>) -> ::pyo3::PyResult<String> {
                let hidden: &[&str] = &[$($($hidden),*)?];
                let shown: Vec<&'static str> = [$(stringify!($field)),*]
                    .into_iter()
                    .filter(|name| !hidden.contains(name))
                    .collect();
                $crate::python::attributes_repr(slf.as_any(), &shown)
            }

            /// The attributes as plain data (enum members by their value).
            #[allow(clippy::wrong_self_convention)]
            fn to_dict<'py>(
                slf: &::pyo3::Bound<'py, Self>,
            ) -> ::pyo3::PyResult<::pyo3::Bound<'py, ::pyo3::types::PyDict>> {
                $crate::python::attributes_dict(slf.as_any(), &[$(stringify!($field)),*])
            }

            $($extra)*
        }
    };
}

mod account;
mod args;
mod de;
mod errors;
mod forms;
mod machine;
mod procedure;
mod recovery;
mod siret;

pub use args::{Arg, Expected, Of, Text, wrong_type};
pub use de::{DeError, from_py};
pub use siret::text_arg;

/// How a library error becomes a Python exception (the package's classes).
pub type Raise = for<'py> fn(Python<'py>, &dyn Diagnostic) -> PyErr;

static RAISE: OnceLock<Raise> = OnceLock::new();

/// Installs the function that turns a library error into the package's exception (the binding
/// does it once, when its module is imported). Later calls are ignored.
pub fn set_raise(raise: Raise) {
    let _ = RAISE.set(raise);
}

/// The Python exception of a library error: the installed hook's, or a plain `ValueError`
/// with the French message before any hook is installed.
pub fn raise(py: Python<'_>, error: &dyn Diagnostic) -> PyErr {
    match RAISE.get() {
        Some(raise) => raise(py, error),
        None => PyValueError::new_err(error.message(Lang::Fr)),
    }
}

/// Runs `f`, turning a Rust panic into `apart.InternalError` (code `INTERNAL_PANIC`) through the
/// installed hook: a last line of defence (the library denies panics), so that none reaches
/// Python as pyo3's `PanicException`, a `BaseException` that escapes `except Exception`.
///
/// # Errors
///
/// `f`'s error, or the `InternalError` of its panic.
pub fn shield<T>(py: Python<'_>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let reason = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        Err(raise(py, &crate::diagnostic::InternalError::panic(&reason)))
    })
}

/// `value` read as a `T` (a record, a decimal, a month…) or the library's typed error raised.
///
/// # Errors
///
/// The Python exception of the [`crate::value::ValueError`].
pub fn read<T: serde::de::DeserializeOwned>(value: &Bound<'_, PyAny>) -> PyResult<T> {
    from_py(value).map_err(|e| raise(value.py(), &e))
}

/// An integer type a native function takes from Python ([`int`]): its bounds and the checked
/// conversion.
pub trait IntArg: Sized {
    /// The smallest and the largest value.
    fn bounds() -> (i128, i128);
    /// `value` if it is in range.
    fn checked(value: i128) -> Option<Self>;
}

macro_rules! int_args {
    ($($t:ty),*) => {$(
        impl IntArg for $t {
            fn bounds() -> (i128, i128) {
                (
                    i128::try_from(<$t>::MIN).unwrap_or(i128::MIN),
                    i128::try_from(<$t>::MAX).unwrap_or(i128::MAX),
                )
            }
            fn checked(value: i128) -> Option<Self> {
                <$t>::try_from(value).ok()
            }
        }
    )*};
}

int_args!(u8, u16, u32, u64, usize, i8, i16, i32, i64);

/// `value`, a Python `int`, as a `T` (a count, a year, a seed, a cost): anything but an `int`
/// is `INPUT_WRONG_TYPE`, an `int` outside `T`'s range `VALUE_OUT_OF_RANGE` quoting it (not
/// pyo3's `OverflowError`), both naming `name`.
///
/// # Errors
///
/// The Python exception of the [`crate::value::ValueError`].
pub fn int<T: IntArg>(value: &Bound<'_, PyAny>, name: &str) -> PyResult<T> {
    use crate::value::{ValueError, expected};
    let py = value.py();
    // `bool` is an `int` in Python; `True` for a year or a count is a mistake, not 1.
    if !value.is_instance_of::<pyo3::types::PyInt>()
        || value.is_instance_of::<pyo3::types::PyBool>()
    {
        let found = format!("Python {}", type_name(value));
        let error = ValueError::wrong_type(expected::AN_INTEGER, &found).with_field(name);
        return Err(raise(py, &error));
    }
    if let Some(v) = value.extract::<i128>().ok().and_then(T::checked) {
        return Ok(v);
    }
    let (min, max) = T::bounds();
    // Python refuses to write out an int of more than 4300 digits: its size then.
    let input = value.str().map_or_else(
        |_| {
            format!(
                "{} bits",
                value
                    .call_method0("bit_length")
                    .map_or(0, |b| b.extract::<u64>().unwrap_or(0))
            )
        },
        |s| s.to_string(),
    );
    let error = ValueError::out_of_range(&input, expected::range(min, max)).with_field(name);
    Err(raise(py, &error))
}

/// The name of a Python value's type (`str`, `Decimal`).
pub(crate) fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}

/// A value of the core as plain Python data in its own field order: `json.loads` of its JSON
/// text (a `serde_json::Value` would sort the keys, so that a record read back from its
/// `to_dict()` would differ from the original: the details of an error are ordered).
pub(crate) fn ordered<'py, T: serde::Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let loads = LOADS.get_or_try_init(py, || {
        py.import("json")?.getattr("loads").map(Bound::unbind)
    })?;
    let text = serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))?;
    loads.bind(py).call1((text,))
}

/// A JSON value as plain Python data (`dict`, `list`, `str`, `int`, `bool`, `None`).
pub fn json_to_py<'py>(py: Python<'py>, value: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, json_to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// `(name, value)` of the attributes `names` of `slf`; enum members by their value when
/// `plain` (the JSON shape).
fn attributes<'py>(
    slf: &Bound<'py, PyAny>,
    names: &[&'static str],
    plain: bool,
) -> PyResult<Vec<(&'static str, Bound<'py, PyAny>)>> {
    let enumeration = slf.py().import("enum")?.getattr("Enum")?;
    names
        .iter()
        .map(|&name| {
            let value = slf.getattr(name)?;
            if plain && value.is_instance(&enumeration)? {
                Ok((name, value.getattr("value")?))
            } else {
                Ok((name, value))
            }
        })
        .collect()
}

/// The attributes `names` of `slf` as a dict (enum members by their value): the `to_dict()` of
/// the classes made only by the core.
pub(crate) fn attributes_dict<'py>(
    slf: &Bound<'py, PyAny>,
    names: &[&'static str],
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(slf.py());
    for (name, value) in attributes(slf, names, true)? {
        dict.set_item(name, value)?;
    }
    Ok(dict)
}

/// `Name(attribute=value, …)` of the attributes `names` of `slf`.
pub(crate) fn attributes_repr(slf: &Bound<'_, PyAny>, names: &[&'static str]) -> PyResult<String> {
    let parts = attributes(slf, names, false)?
        .into_iter()
        .map(|(name, value)| Ok(format!("{name}={}", value.repr()?)))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(format!("{}({})", slf.get_type().name()?, parts.join(", ")))
}

/// A value of the core as plain Python data: its JSON shape (`dict`, `list`, `str`, numbers),
/// as `json.loads` of its JSON text gives it.
pub(crate) struct Plain(pub(crate) serde_json::Value);

impl Plain {
    pub(crate) fn of<T: serde::Serialize + ?Sized>(value: &T) -> Plain {
        Plain(serde_json::to_value(value).unwrap_or(serde_json::Value::Null))
    }
}

impl<'py> IntoPyObject<'py> for Plain {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.0)
    }
}

/// A library error as the package's exception object, returned rather than raised (outcomes
/// that also carry records to store).
pub(crate) struct Exception<E: Diagnostic>(pub(crate) E);

impl<'py, E: Diagnostic> IntoPyObject<'py> for Exception<E> {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(raise(py, &self.0).into_value(py).into_bound(py).into_any())
    }
}

/// The JSON shape of a record (what `to_dict()` returns), in the record's field order (the
/// order of an error's details included, so that `T(**r.to_dict()) == r`).
pub fn to_dict<'py, T: serde::Serialize>(
    py: Python<'py>,
    record: &T,
) -> PyResult<Bound<'py, PyAny>> {
    ordered(py, record)
}

/// `Name(field=value, …)` from the record's getters, in its JSON field order.
pub fn repr<T: serde::Serialize>(slf: &Bound<'_, PyAny>, record: &T) -> PyResult<String> {
    let name = slf.get_type().name()?.to_string();
    let mut parts = Vec::new();
    if let Ok(map) = ordered(slf.py(), record)?.cast_into::<PyDict>() {
        for key in map.keys() {
            let field = slf.getattr(key.str()?)?;
            parts.push(format!("{key}={}", field.repr()?));
        }
    }
    Ok(format!("{name}({})", parts.join(", ")))
}

/// `(functools.partial(cls, **to_dict()), ())`: what pickle needs to rebuild a record through
/// its keyword constructor.
pub fn reduce<'py, T: serde::Serialize>(
    slf: &Bound<'py, PyAny>,
    record: &T,
) -> PyResult<Bound<'py, PyTuple>> {
    let py = slf.py();
    static PARTIAL: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let partial = PARTIAL.get_or_try_init(py, || {
        py.import("functools")?
            .getattr("partial")
            .map(Bound::unbind)
    })?;
    let kwargs = to_dict(py, record)?.cast_into::<PyDict>()?;
    let rebuild = partial.bind(py).call((slf.get_type(),), Some(&kwargs))?;
    PyTuple::new(py, [rebuild.into_any(), PyTuple::empty(py).into_any()])
}

/// The keyword arguments of a record's constructor, with positional ones named by `names`.
pub fn arguments<'py>(
    py: Python<'py>,
    names: &[&str],
    args: &Bound<'py, PyTuple>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyDict>> {
    let all = match kwargs {
        Some(k) => k.copy()?,
        None => PyDict::new(py),
    };
    if args.len() > names.len() {
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "at most {} positional arguments ({}), the others by keyword",
            names.len(),
            names.join(", ")
        )));
    }
    for (name, value) in names.iter().zip(args.iter()) {
        if all.contains(*name)? {
            return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "{name} given twice"
            )));
        }
        all.set_item(*name, value)?;
    }
    Ok(all)
}

/// For records whose serde shape does not refuse unknown fields (`py_record!(T | strict)`):
/// refuses a key that is not one of the record's (every field serialised), as
/// `INPUT_UNKNOWN_FIELD`.
///
/// # Errors
///
/// The Python exception of the [`crate::value::ValueError`].
pub fn strict<T: serde::Serialize>(given: &Bound<'_, PyDict>, record: &T) -> PyResult<()> {
    let py = given.py();
    let value = serde_json::to_value(record).map_err(|e| PyValueError::new_err(e.to_string()))?;
    let known: Vec<&str> = match &value {
        serde_json::Value::Object(map) => map.keys().map(String::as_str).collect(),
        _ => Vec::new(),
    };
    for key in given.keys() {
        let key = key.str()?.to_string();
        if !known.contains(&key.as_str()) {
            let error = crate::value::ValueError::UnknownField {
                field: Some(key),
                expected: known.join(", "),
            };
            return Err(raise(py, &error));
        }
    }
    Ok(())
}

/// The common methods of a record class: `Name(**fields)` (and the positional fields given),
/// `to_dict()`, `repr`, pickling, copying. The record must be a `pyclass` with serde;
/// `T | strict` refuses unknown keywords for a record whose serde shape ignores them
/// ([`strict`]). The form values (`Email`, `PhoneFr`…) are in `python/forms.rs`.
#[macro_export]
#[doc(hidden)]
macro_rules! py_record {
    ($($t:ty $([$($positional:literal),*])? $(| $strict:ident)?),* $(,)?) => {$(
        #[::pyo3::pymethods]
        impl $t {
            #[new]
            #[pyo3(signature = (*args, **kwargs))]
            fn __py_new(
                args: &::pyo3::Bound<'_, ::pyo3::types::PyTuple>,
                kwargs: ::std::option::Option<&::pyo3::Bound<'_, ::pyo3::types::PyDict>>,
            ) -> ::pyo3::PyResult<Self> {
                let names: &[&str] = &[$($($positional),*)?];
                let all = $crate::python::arguments(args.py(), names, args, kwargs)?;
                let record: Self = $crate::python::read(all.as_any())?;
                $($crate::python::$strict(&all, &record)?;)?
                Ok(record)
            }

            /// The JSON shape of the record (decimals as text, dates ISO, enums by value).
            // Python methods take `&self`, Copy records included.
            #[allow(clippy::wrong_self_convention)]
            fn to_dict<'py>(
                &self,
                py: ::pyo3::Python<'py>,
            ) -> ::pyo3::PyResult<::pyo3::Bound<'py, ::pyo3::PyAny>> {
                $crate::python::to_dict(py, self)
            }

            /// The record as JSON text (what the CLI and the other bindings write).
            #[allow(clippy::wrong_self_convention)]
            fn to_json(&self) -> ::pyo3::PyResult<String> {
                ::serde_json::to_string(self)
                    .map_err(|e| ::pyo3::exceptions::PyValueError::new_err(e.to_string()))
            }

            fn __repr__(slf: &::pyo3::Bound<'_, Self>) -> ::pyo3::PyResult<String> {
                $crate::python::repr(slf.as_any(), slf.get())
            }

            fn __reduce__<'py>(
                slf: &::pyo3::Bound<'py, Self>,
            ) -> ::pyo3::PyResult<::pyo3::Bound<'py, ::pyo3::types::PyTuple>> {
                $crate::python::reduce(slf.as_any(), slf.get())
            }

            fn __copy__(slf: ::pyo3::Bound<'_, Self>) -> ::pyo3::Bound<'_, Self> {
                slf
            }

            fn __deepcopy__<'py>(
                slf: ::pyo3::Bound<'py, Self>,
                _memo: &::pyo3::Bound<'py, ::pyo3::PyAny>,
            ) -> ::pyo3::Bound<'py, Self> {
                slf
            }
        }
    )*};
}

macro_rules! decimal_into_py {
    ($($t:ty),*) => {$(
        impl<'py> IntoPyObject<'py> for $t {
            type Target = PyAny;
            type Output = Bound<'py, PyAny>;
            type Error = PyErr;
            fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                self.get().into_pyobject(py)
            }
        }

        impl<'py> IntoPyObject<'py> for &$t {
            type Target = PyAny;
            type Output = Bound<'py, PyAny>;
            type Error = PyErr;
            fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                self.get().into_pyobject(py)
            }
        }
    )*};
}

decimal_into_py!(Euros, Hours, HourlyAmount, Rate);

/// A read-only attribute of an enum's members, computed by the core (`Motive.label`): its
/// name and the function of the value.
pub type EnumProperty<E> = (&'static str, fn(E, Python<'_>) -> PyResult<Py<PyAny>>);

/// An enum with one canonical spelling per value: a Python `enum.Enum` (with `str` values)
/// made once from `ALL` and `as_str`, member names in upper case, with the core's read-only
/// attributes of a value as properties.
pub trait PyEnum: Copy + PartialEq + Sized + 'static {
    /// The Python class name.
    const NAME: &'static str;
    /// The module the class is shown in (where the package exposes it).
    const MODULE: &'static str;
    /// Every value, in order.
    fn all() -> &'static [Self];
    /// The canonical spelling.
    fn spelling(self) -> &'static str;
    /// The properties of the members (none unless told).
    fn properties() -> &'static [EnumProperty<Self>] {
        &[]
    }
    /// The cached class.
    fn cell() -> &'static PyOnceLock<Py<PyType>>;

    /// The Python class.
    fn class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
        Self::cell()
            .get_or_try_init(py, || {
                let members = PyList::empty(py);
                for v in Self::all() {
                    let text = v.spelling();
                    members.append((text.to_uppercase(), text))?;
                }
                let kwargs = PyDict::new(py);
                kwargs.set_item("module", Self::MODULE)?;
                kwargs.set_item("type", py.get_type::<pyo3::types::PyString>())?;
                let class = py
                    .import("enum")?
                    .getattr("Enum")?
                    .call((Self::NAME, members), Some(&kwargs))?;
                let property = py.import("builtins")?.getattr("property")?;
                for &(name, get) in Self::properties() {
                    let fget = pyo3::types::PyCFunction::new_closure(
                        py,
                        None,
                        None,
                        move |args: &Bound<'_, PyTuple>, _: Option<&Bound<'_, PyDict>>| {
                            let value = args.get_item(0)?.getattr("value")?;
                            let text = value.cast::<pyo3::types::PyString>()?.to_str()?;
                            match Self::all().iter().find(|v| v.spelling() == text) {
                                Some(v) => get(*v, args.py()),
                                None => Err(PyValueError::new_err(format!("{text:?}"))),
                            }
                        },
                    )?;
                    class.setattr(name, property.call1((fget,))?)?;
                }
                Ok::<_, PyErr>(class.cast_into::<PyType>()?.unbind())
            })
            .map(|c| c.bind(py))
    }

    /// The member of `self`.
    fn member(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        Self::class(py)?.call1((self.spelling(),))
    }
}

/// Implements [`PyEnum`] and the conversion to its members for enums with `ALL` and `as_str`
/// (the properties named by the core's method of the value), and lists every class in
/// [`enum_classes`].
macro_rules! py_enums {
    ($($t:ty => $name:literal in $module:literal $({ $($prop:ident: $method:ident),* })?),* $(,)?) => {
        $(
        impl PyEnum for $t {
            const NAME: &'static str = $name;
            const MODULE: &'static str = $module;
            fn all() -> &'static [Self] {
                <$t>::ALL
            }
            fn spelling(self) -> &'static str {
                self.as_str()
            }
            fn properties() -> &'static [EnumProperty<Self>] {
                &[$($((stringify!($prop), |v: $t, py: Python<'_>| {
                    pyo3::IntoPyObjectExt::into_py_any(v.$method(), py)
                })),*)?]
            }
            fn cell() -> &'static PyOnceLock<Py<PyType>> {
                static CELL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
                &CELL
            }
        }

        impl<'py> IntoPyObject<'py> for $t {
            type Target = PyAny;
            type Output = Bound<'py, PyAny>;
            type Error = PyErr;
            fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                self.member(py)
            }
        }

        impl<'py> IntoPyObject<'py> for &$t {
            type Target = PyAny;
            type Output = Bound<'py, PyAny>;
            type Error = PyErr;
            fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                self.member(py)
            }
        }
        )*

        /// Every enum class, `(module, name, class)`, for the binding to expose.
        pub fn enum_classes(
            py: Python<'_>,
        ) -> PyResult<Vec<(&'static str, &'static str, Bound<'_, PyType>)>> {
            Ok(vec![$(
                (<$t as PyEnum>::MODULE, <$t as PyEnum>::NAME, <$t as PyEnum>::class(py)?.clone()),
            )*])
        }
    };
}

py_enums! {
    crate::indemnity::Regime => "Regime" in "apart.indemnity",
    crate::indemnity::Category => "Category" in "apart.indemnity",
    crate::indemnity::PayTerritory => "PayTerritory" in "apart.indemnity",
    crate::indemnity::Rounding => "Rounding" in "apart.indemnity",
    crate::indemnity::Overtime => "Overtime" in "apart.indemnity",
    crate::indemnity::FullTimeFloor => "FullTimeFloor" in "apart.indemnity",
    crate::indemnity::Explain => "Explain" in "apart.indemnity",
    crate::money::RoundingPolicy => "RoundingPolicy" in "apart.money",
    crate::siret::IdentifierKind => "IdentifierKind" in "apart.siret",
    crate::forms::PhoneTerritory => "PhoneTerritory" in "apart.forms"
        { country_code: country_code, is_collectivity: is_collectivity },
    crate::forms::OverseasKind => "OverseasKind" in "apart.forms",
    crate::forms::PostalArea => "PostalArea" in "apart.forms",
    crate::machine::Actor => "Actor" in "apart.machine",
    crate::account::Application => "Application" in "apart.account",
    crate::account::Role => "Role" in "apart.account",
    crate::account::Purpose => "Purpose" in "apart.recovery",
    crate::account::RevokeReason => "RevokeReason" in "apart.recovery",
    crate::procedure::Motive => "Motive" in "apart.procedure" { label: label_fr },
    crate::procedure::assistance::AssistanceMotive => "AssistanceMotive" in "apart.procedure"
        { label: label_fr },
    crate::procedure::RecapKind => "RecapKind" in "apart.procedure" { title: title_fr },
    crate::procedure::di::EmployerStatus => "EmployerStatus" in "apart.procedure",
}

/// A warning of an outcome: its stable code, its message in French and English, its fields.
#[pyclass(frozen, eq, name = "Warning", module = "apart.indemnity")]
#[derive(Debug, Clone, PartialEq)]
pub struct PyWarning(crate::indemnity::Warning);

#[pymethods]
impl PyWarning {
    /// `Warning(**w.to_dict())`: the code and the fields by keyword (the messages, derived,
    /// may be given back and are ignored); an unknown keyword is `INPUT_UNKNOWN_FIELD`.
    #[new]
    #[pyo3(signature = (*args, **kwargs))]
    fn __py_new(args: &Bound<'_, PyTuple>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let all = arguments(args.py(), &[], args, kwargs)?;
        let warning: crate::indemnity::Warning = read(all.as_any())?;
        strict(&all, &warning)?;
        Ok(PyWarning(warning))
    }

    /// The stable code (`HOURS_ABOVE_CONTRACT`…).
    #[getter]
    fn code(&self) -> &'static str {
        self.0.code()
    }

    /// The French message.
    #[getter]
    fn message(&self) -> String {
        self.0.message(Lang::Fr)
    }

    /// The message in `lang` (`fr`, `en`; `en-GB`… accepted).
    fn message_in(&self, lang: Text<'_>) -> PyResult<String> {
        Lang::from_tag(&lang)
            .map(|l| self.0.message(l))
            .ok_or_else(|| {
                PyValueError::new_err(format!(
                    "no messages in {:?}: 'fr' and 'en' are available",
                    &*lang
                ))
            })
    }

    /// The fields (text), without the code and the messages.
    #[getter]
    fn details<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (name, value) in self.0.fields() {
            dict.set_item(name, value)?;
        }
        Ok(dict)
    }

    /// Both messages: `{"fr": …, "en": …}`.
    #[getter]
    fn messages<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("fr", self.0.message(Lang::Fr))?;
        dict.set_item("en", self.0.message(Lang::En))?;
        Ok(dict)
    }

    /// The JSON shape (`{"code", …fields, "messages"}`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    /// The warning as JSON text (what the CLI and the other bindings write).
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.0).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// `Warning(code='…', field='…', …)`: the code and the fields, as the constructor takes them.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut parts = vec![format!("code={}", self.0.code().into_pyobject(py)?.repr()?)];
        for (name, value) in self.0.fields() {
            parts.push(format!("{name}={}", value.into_pyobject(py)?.repr()?));
        }
        Ok(format!("Warning({})", parts.join(", ")))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        reduce(slf.as_any(), &slf.get().0)
    }

    fn __copy__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __deepcopy__<'py>(slf: Bound<'py, Self>, _memo: &Bound<'py, PyAny>) -> Bound<'py, Self> {
        slf
    }
}

/// An error as data (a refused claim line's `error`): the plain dict of its JSON shape,
/// `{"code", "family", "messages": {"fr", "en"}, "details"}`, as Node and the CLI give it.
impl<'py> IntoPyObject<'py> for &crate::diagnostic::DiagnosticRecord {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        ordered(py, self)
    }
}

impl<'py> IntoPyObject<'py> for crate::diagnostic::DiagnosticRecord {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        (&self).into_pyobject(py)
    }
}

impl<'py> IntoPyObject<'py> for crate::indemnity::Warning {
    type Target = PyWarning;
    type Output = Bound<'py, PyWarning>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyWarning>> {
        Bound::new(py, PyWarning(self))
    }
}

impl<'py> IntoPyObject<'py> for &crate::indemnity::Warning {
    type Target = PyWarning;
    type Output = Bound<'py, PyWarning>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyWarning>> {
        Bound::new(py, PyWarning(self.clone()))
    }
}

#[pymethods]
impl Month {
    #[new]
    fn __py_new(year: &Bound<'_, PyAny>, month: &Bound<'_, PyAny>) -> PyResult<Self> {
        let (y, m) = (int::<i32>(year, "year")?, int::<u8>(month, "month")?);
        Month::new(y, m).map_err(|e| raise(year.py(), &e))
    }

    /// The month written `YYYY-MM` (or a `Month`).
    #[staticmethod]
    fn parse(text: &Bound<'_, PyAny>) -> PyResult<Month> {
        if let Ok(m) = text.cast::<Month>() {
            return Ok(*m.get());
        }
        from_py(text).map_err(|e: crate::value::ValueError| raise(text.py(), &e.with_field("text")))
    }

    /// The month of a `datetime.date`.
    #[staticmethod]
    #[pyo3(name = "of")]
    fn py_of(day: Arg<time::Date>) -> Month {
        Month::of(day.0)
    }

    #[getter(year)]
    fn py_year(&self) -> i32 {
        self.year()
    }

    #[getter(month)]
    fn py_month(&self) -> u8 {
        self.month()
    }

    #[getter(first_day)]
    fn py_first_day(&self) -> time::Date {
        self.first_day()
    }

    fn __repr__(&self) -> String {
        format!("Month({}, {})", self.year(), self.month())
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let m = slf.get();
        PyTuple::new(
            slf.py(),
            [
                slf.get_type().into_any(),
                (m.year(), m.month()).into_pyobject(slf.py())?.into_any(),
            ],
        )
    }
}
