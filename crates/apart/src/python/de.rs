//! Python values read straight into the records through serde (no JSON text between):
//! `dict`/`Mapping`, `list`/`tuple`, `str`, `int`, `bool`, `None`, `decimal.Decimal`,
//! `datetime.date`/`datetime` (ISO text, which the core parses), `enum.Enum` (its value).
//! Errors are the typed `ValueError`s of [`crate::value::from_deserializer`]: the same
//! bad input gets the same code, family and field path as from JSON, the CLI or Node.
//!
//! Numbers follow the shared decision: an `int` is exact and accepted wherever a decimal is;
//! a `float` reaches the core as a float, which refuses it (`VALUE_FLOAT_REFUSED`, or
//! `VALUE_NOT_FINITE`); a `Decimal` is checked for size before it is written out, so that
//! `Decimal("1E+999999999")` is refused at once instead of being expanded to a billion digits.

use std::fmt;

use crate::value::{ValueError, from_deserializer};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple, PyType};
use serde::de::{self, DeserializeOwned, IntoDeserializer, Unexpected, Visitor};

/// The most digits, and the largest exponent either way, of a `Decimal` written out as text:
/// past them no decimal of the library is exact (29 digits), so the text is refused by the
/// core's parser anyway, from its short scientific form.
const DECIMAL_MAX_DIGITS: usize = 40;

/// Reads a record (or value) of the library from a Python object, with the typed errors of
/// [`crate::value::from_json`].
///
/// # Errors
///
/// As [`crate::value::from_json`].
pub fn from_py<T: DeserializeOwned>(value: &Bound<'_, PyAny>) -> Result<T, ValueError> {
    from_deserializer(PyDe(value, 0))
}

/// How deep lists and mappings may nest ([`crate::value::MAX_NESTING`]): a cyclic or very deep
/// structure would otherwise overflow the stack, a crash no `except` can catch.
const MAX_DEPTH: usize = crate::value::MAX_NESTING as usize;

/// A serde error: serde's own message, which [`from_deserializer`] classifies.
#[derive(Debug)]
pub struct DeError(String);

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<M: fmt::Display>(msg: M) -> Self {
        DeError(msg.to_string())
    }
}

fn py_error(e: PyErr) -> DeError {
    DeError(format!("invalid value: {e}, expected a readable value"))
}

struct Types {
    decimal: Py<PyType>,
    date: Py<PyType>,
    enumeration: Py<PyType>,
}

fn types(py: Python<'_>) -> PyResult<&Types> {
    static TYPES: PyOnceLock<Types> = PyOnceLock::new();
    TYPES.get_or_try_init(py, || {
        let class = |module: &str, name: &str| -> PyResult<Py<PyType>> {
            Ok(py
                .import(module)?
                .getattr(name)?
                .cast_into::<PyType>()?
                .unbind())
        };
        Ok(Types {
            decimal: class("decimal", "Decimal")?,
            date: class("datetime", "date")?,
            enumeration: class("enum", "Enum")?,
        })
    })
}

/// What a `Decimal` is written as for the core.
enum DecimalText {
    /// Plain text without exponent.
    Plain(String),
    /// Too large or too precise for any decimal of the library: its own short (scientific)
    /// form, which the core refuses with the field's kind.
    Refused(String),
    /// NaN, sNaN or ±Infinity.
    NotFinite(String),
}

/// The text of a `Decimal`, its size checked before anything is expanded.
fn decimal_text(value: &Bound<'_, PyAny>) -> PyResult<DecimalText> {
    let (sign, digits, exponent): (u8, Vec<u8>, Bound<'_, PyAny>) =
        value.call_method0("as_tuple")?.extract()?;
    let short = || -> PyResult<String> { value.str()?.extract() };
    let Ok(exponent) = exponent.extract::<i64>() else {
        // The exponent is 'n', 'N' or 'F': NaN, sNaN, Infinity.
        return Ok(DecimalText::NotFinite(short()?));
    };
    let limit = DECIMAL_MAX_DIGITS as i64;
    if digits.len() > DECIMAL_MAX_DIGITS || !(-limit..=limit).contains(&exponent) {
        return Ok(DecimalText::Refused(short()?));
    }
    let mut text: String = digits.iter().map(|d| char::from(b'0' + d % 10)).collect();
    if exponent >= 0 {
        text.extend(std::iter::repeat_n('0', exponent.unsigned_abs() as usize));
    } else {
        let places = exponent.unsigned_abs() as usize;
        if text.len() <= places {
            text = "0".repeat(places - text.len() + 1) + &text;
        }
        text.insert(text.len() - places, '.');
    }
    if sign == 1 {
        text.insert(0, '-');
    }
    Ok(DecimalText::Plain(text))
}

/// The serde deserializer over one Python object, at a depth of nested lists and mappings.
struct PyDe<'a, 'py>(&'a Bound<'py, PyAny>, usize);

/// The error of a structure nested deeper than [`MAX_DEPTH`]: `INPUT_TOO_LARGE`, as the
/// Node binding answers the same object.
fn too_deep(depth: usize) -> DeError {
    let depth = u64::try_from(depth).unwrap_or(u64::MAX);
    crate::value::de_error(ValueError::too_large(depth, crate::value::MAX_NESTING))
}

impl<'py> PyDe<'_, 'py> {
    /// The deserializer of the value an object stands for (an enum member's value, what
    /// `__apart_value__` gives), one level deeper: an object that gives itself stops at
    /// [`MAX_DEPTH`] instead of recursing until the stack overflows.
    fn inner<'b>(&self, value: &'b Bound<'py, PyAny>) -> Result<PyDe<'b, 'py>, DeError> {
        let depth = self.1 + 1;
        if depth > MAX_DEPTH {
            return Err(too_deep(depth));
        }
        Ok(PyDe(value, depth))
    }
}

impl<'de> de::Deserializer<'de> for PyDe<'_, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let obj = self.0;
        let py = obj.py();
        if obj.is_none() {
            return visitor.visit_unit();
        }
        if let Ok(s) = obj.cast::<PyString>() {
            return match s.to_str() {
                Ok(text) => visitor.visit_str(text),
                // A lone surrogate cannot be UTF-8: refused as text that cannot be read.
                Err(_) => Err(de::Error::invalid_value(
                    Unexpected::Other("text with a lone surrogate"),
                    &visitor,
                )),
            };
        }
        if obj.is_instance_of::<PyBool>() {
            return visitor.visit_bool(obj.is_truthy().map_err(py_error)?);
        }
        if obj.is_instance_of::<PyInt>() {
            if let Ok(v) = obj.extract::<i64>() {
                return visitor.visit_i64(v);
            }
            if let Ok(v) = obj.extract::<u64>() {
                return visitor.visit_u64(v);
            }
            // Beyond 64 bits: quoted (short) as the value refused, as an integer argument is.
            let text = obj
                .str()
                .map_or_else(|_| "integer too large".to_owned(), |t| t.to_string());
            return Err(de::Error::invalid_value(
                Unexpected::Other(&crate::diagnostic::quote(&text)),
                &visitor,
            ));
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            return visitor.visit_f64(f.value());
        }
        if let Ok(d) = obj.cast::<PyDict>() {
            return visitor.visit_map(MapDe::new(d.as_any(), self.1 + 1)?);
        }
        if let Ok(l) = obj.cast::<PyList>() {
            return visitor.visit_seq(SeqDe::new(l.as_any(), self.1 + 1)?);
        }
        if let Ok(t) = obj.cast::<PyTuple>() {
            return visitor.visit_seq(SeqDe::new(t.as_any(), self.1 + 1)?);
        }
        let types = types(py).map_err(py_error)?;
        if obj.is_instance(types.decimal.bind(py)).map_err(py_error)? {
            return match decimal_text(obj).map_err(py_error)? {
                DecimalText::Plain(text) | DecimalText::Refused(text) => visitor.visit_str(&text),
                DecimalText::NotFinite(text) => {
                    Err(crate::value::de_error(ValueError::NotFinite {
                        field: None,
                        input: crate::diagnostic::quote(&text),
                    }))
                }
            };
        }
        // `datetime` is a `date`: both cross as ISO text, which the core reads as a date or an
        // instant (a naive `datetime` has no offset: VALUE_INVALID_INSTANT).
        if obj.is_instance(types.date.bind(py)).map_err(py_error)? {
            let text: String = obj
                .call_method0("isoformat")
                .and_then(|t| t.extract())
                .map_err(py_error)?;
            return visitor.visit_str(&text);
        }
        if obj
            .is_instance(types.enumeration.bind(py))
            .map_err(py_error)?
        {
            let value = obj.getattr("value").map_err(py_error)?;
            return self.inner(&value)?.deserialize_any(visitor);
        }
        // A `Month` crosses as its `YYYY-MM` text, as it is written in JSON.
        if let Ok(month) = obj.cast::<crate::calendar::Month>() {
            return visitor.visit_str(&month.get().to_string());
        }
        if let Ok(m) = obj.cast::<PyMapping>() {
            return visitor.visit_map(MapDe::new(m.as_any(), self.1 + 1)?);
        }
        // A library object that stands for a value inside a record (an identifier, a human
        // check): the value it gives, as `__apart_value__` says.
        if let Ok(value) = obj.call_method0(pyo3::intern!(py, "__apart_value__")) {
            return self.inner(&value)?.deserialize_any(visitor);
        }
        let name = obj
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| "object".to_owned());
        Err(de::Error::invalid_type(
            Unexpected::Other(&format!("Python {name}")),
            &visitor,
        ))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.0.is_none() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        // A unit variant written as its text (or a Python enum member whose value is that
        // text); other shapes through the generic path.
        let py = self.0.py();
        let value;
        let obj = if self
            .0
            .is_instance(types(py).map_err(py_error)?.enumeration.bind(py))
            .map_err(py_error)?
        {
            value = self.0.getattr("value").map_err(py_error)?;
            &value
        } else {
            self.0
        };
        if let Ok(s) = obj.cast::<PyString>() {
            let text: String = s.to_str().map_err(py_error)?.to_owned();
            return visitor.visit_enum(text.into_deserializer());
        }
        PyDe(obj, self.1).deserialize_any(visitor)
    }

    /// A record is a mapping (a `dict`, a `Mapping`, a record object): a list or a tuple
    /// would be read by position, and any item beyond the fields dropped.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if self.0.is_instance_of::<PyList>() || self.0.is_instance_of::<PyTuple>() {
            return Err(de::Error::invalid_type(Unexpected::Seq, &visitor));
        }
        self.deserialize_any(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier
        ignored_any
    }
}

/// The items of a `dict` or `Mapping`, keys as text.
struct MapDe<'py> {
    items: std::vec::IntoIter<(Bound<'py, PyAny>, Bound<'py, PyAny>)>,
    value: Option<Bound<'py, PyAny>>,
    depth: usize,
}

impl<'py> MapDe<'py> {
    fn new(obj: &Bound<'py, PyAny>, depth: usize) -> Result<Self, DeError> {
        if depth > MAX_DEPTH {
            return Err(too_deep(depth));
        }
        let items: Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)> = if let Ok(d) = obj.cast::<PyDict>()
        {
            d.iter().collect()
        } else {
            obj.call_method0("items")
                .and_then(|i| i.try_iter()?.map(|p| p?.extract()).collect())
                .map_err(py_error)?
        };
        Ok(MapDe {
            items: items.into_iter(),
            value: None,
            depth,
        })
    }
}

impl<'de> de::MapAccess<'de> for MapDe<'_> {
    type Error = DeError;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.items.next() {
            None => Ok(None),
            Some((key, value)) => {
                self.value = Some(value);
                if !key.is_instance_of::<PyString>() {
                    return Err(de::Error::invalid_type(
                        Unexpected::Other("a key that is not text"),
                        &"text keys",
                    ));
                }
                seed.deserialize(PyDe(&key, self.depth)).map(Some)
            }
        }
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DeError> {
        match self.value.take() {
            Some(value) => seed.deserialize(PyDe(&value, self.depth)),
            None => Err(de::Error::custom("value before key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// The items of a `list` or `tuple`.
struct SeqDe<'py> {
    items: std::vec::IntoIter<Bound<'py, PyAny>>,
    depth: usize,
}

impl<'py> SeqDe<'py> {
    fn new(obj: &Bound<'py, PyAny>, depth: usize) -> Result<Self, DeError> {
        if depth > MAX_DEPTH {
            return Err(too_deep(depth));
        }
        let items: Vec<Bound<'py, PyAny>> = obj
            .try_iter()
            .and_then(|i| i.collect::<PyResult<_>>())
            .map_err(py_error)?;
        Ok(SeqDe {
            items: items.into_iter(),
            depth,
        })
    }
}

impl<'de> de::SeqAccess<'de> for SeqDe<'_> {
    type Error = DeError;

    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            None => Ok(None),
            Some(item) => seed.deserialize(PyDe(&item, self.depth)).map(Some),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}
