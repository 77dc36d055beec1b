//! Arguments of the native functions whose wrong type is the core's `INPUT_WRONG_TYPE` (an
//! `apart.InputError`), not pyo3's bare `TypeError`: [`Text`] for `str`, [`Arg`] for a `bool`,
//! a `datetime.date` or an instance of a class ([`Of`]). pyo3 adds the note `while processing
//! '<argument>'` to any argument's error; the package's `ApartError.add_note` reads it to name
//! the argument as the error's `field` ([`crate::value::ValueError::with_field`]).

use std::borrow::Cow;
use std::ops::Deref;

use pyo3::prelude::*;
use pyo3::type_object::PyTypeCheck;
use pyo3::types::PyString;

use crate::value::{ValueError, expected};

/// `INPUT_WRONG_TYPE`: `value` where `expected` was wanted (the field named later).
pub fn wrong_type(value: &Bound<'_, PyAny>, expected: &str) -> PyErr {
    let found = format!("Python {}", super::type_name(value));
    super::raise(value.py(), &ValueError::wrong_type(expected, &found))
}

/// A `str` argument: its text (lone surrogates as U+FFFD, refused by the parsers like any bad
/// character); anything else is `INPUT_WRONG_TYPE`.
#[derive(Debug, Clone)]
pub struct Text<'a>(pub Cow<'a, str>);

impl From<&'static str> for Text<'_> {
    fn from(text: &'static str) -> Self {
        Text(Cow::Borrowed(text))
    }
}

impl Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Text<'a> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let Ok(text) = obj.cast::<PyString>() else {
            return Err(wrong_type(&obj, expected::A_STRING));
        };
        Ok(Text(match <&'a str>::extract(obj) {
            Ok(s) => Cow::Borrowed(s),
            Err(_) => Cow::Owned(text.to_string_lossy().into_owned()),
        }))
    }
}

/// What an argument of type `Self` is, in the core's words ([`crate::value::expected`]).
pub trait Expected {
    /// The words of `INPUT_WRONG_TYPE`'s `expected`.
    fn expected(py: Python<'_>) -> Cow<'static, str>;
}

impl Expected for bool {
    fn expected(_: Python<'_>) -> Cow<'static, str> {
        Cow::Borrowed(expected::A_BOOLEAN)
    }
}

/// The classes read by value (copied out of their Python object).
macro_rules! expected_classes {
    ($($t:ty => $name:literal),*) => {$(
        impl Expected for $t {
            fn expected(_: Python<'_>) -> Cow<'static, str> {
                Cow::Owned(expected::instance_of($name))
            }
        }
    )*};
}

expected_classes!(
    time::Date => "date",
    crate::forms::TextRules => "TextRules",
    crate::forms::PhonePolicy => "PhonePolicy"
);

impl<T: PyTypeCheck> Expected for Bound<'_, T> {
    fn expected(py: Python<'_>) -> Cow<'static, str> {
        let name = T::classinfo_object(py)
            .getattr("__name__")
            .and_then(|n| n.extract::<String>())
            .unwrap_or_else(|_| "object".to_owned());
        Cow::Owned(expected::instance_of(&name))
    }
}

/// An argument read by pyo3's own conversion of `T`, which fails only on the type: that
/// failure is `INPUT_WRONG_TYPE` ([`Expected`]).
#[derive(Debug, Clone)]
pub struct Arg<T>(pub T);

/// An instance of the class `T` (`Siren`, `Entropy`, `datetime.timedelta`…).
pub type Of<'py, T> = Arg<Bound<'py, T>>;

impl<T> Deref for Arg<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<'a, 'py, T: FromPyObject<'a, 'py> + Expected> FromPyObject<'a, 'py> for Arg<T> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        T::extract(obj)
            .map(Arg)
            .map_err(|_| wrong_type(&obj, &T::expected(obj.py())))
    }
}
