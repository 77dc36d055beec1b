//! JavaScript values into the core's inputs, and the core's outputs back.
//!
//! * A record (an object, an array, a string…) is turned into a `serde_json::Value` by
//!   [`json`], then read by the core's serde shape with `apart::value::from_json_value`, so
//!   that unknown fields, wrong types and bad values get the core's typed errors with the
//!   field's path. On the way: an integer `number` becomes a JSON integer, a non-integer one a
//!   JSON float (the core refuses it for money and hours: `VALUE_FLOAT_REFUSED`), `NaN` and the
//!   infinities are `VALUE_NOT_FINITE`, a `Date` becomes its RFC 3339 text (UTC), a property
//!   holding `undefined` is absent.
//! * Outputs are the core's JSON, parsed by `JSON.parse` into plain objects.
//! * Instants (`now`) are RFC 3339 strings (the offset is the establishment's local time) or a
//!   `Date` (UTC); each is checked by `calendar::check_instant`.
//! * Every other argument (text, a boolean, a whole number, a list of texts, bytes) comes in as
//!   a `JsValue` and is checked here ([`text`], [`boolean`], [`integer`], [`texts`], [`bytes`]),
//!   never coerced as wasm-bindgen's glue would (`5` read as a string, `'yes'` as a boolean,
//!   `1.5` as a `u32`): a value of another type is `INPUT_WRONG_TYPE` naming the argument, a
//!   number out of range `VALUE_OUT_OF_RANGE`, `NaN` `VALUE_NOT_FINITE`, all thrown as the
//!   core's `ValueError` before anything is copied into the module's memory.

use apart::value::{ValueError, expected};
use js_sys::{Array, Date, JSON, Object, Reflect, Uint8Array};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value};
use time::OffsetDateTime;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::error::{OrThrow, throw};

/// The most values read in one argument, as in Node (a claim of 100,000 employees is about
/// 1.5 million): an array whose `length` says more is refused before any item is read, so that
/// `new Array(1e9)` is `INPUT_TOO_LARGE` at once instead of aborting the module.
const MAX_NODES: u64 = 20_000_000;

fn at(path: &str) -> Option<String> {
    (!path.is_empty()).then(|| path.to_owned())
}

fn wrong_type(path: &str, found: &str) -> ValueError {
    ValueError::WrongType {
        field: at(path),
        expected: apart::value::expected::JSON_DATA.into(),
        found: found.into(),
    }
}

/// `e` naming the value at `path` (none at the top).
fn named(e: ValueError, path: &str) -> ValueError {
    if path.is_empty() {
        e
    } else {
        e.with_field(path)
    }
}

/// `INPUT_TOO_LARGE` unless `more` values fit in what is left of [`MAX_NODES`] (counted in
/// `nodes`).
fn count(nodes: &mut u64, more: u64, path: &str) -> Result<(), ValueError> {
    *nodes = nodes.saturating_add(more);
    if *nodes > MAX_NODES {
        return Err(ValueError::TooLarge {
            field: at(path),
            size: *nodes,
            max: MAX_NODES,
        });
    }
    Ok(())
}

fn walk(value: &JsValue, path: &str, depth: u64, nodes: &mut u64) -> Result<Value, ValueError> {
    count(nodes, 1, path)?;
    // Deeper than any record of the core: a cyclic object stops here instead of looping.
    if depth > apart::value::MAX_NESTING {
        return Err(ValueError::TooLarge {
            field: at(path),
            size: depth,
            max: apart::value::MAX_NESTING,
        });
    }
    if value.is_null() || value.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(s) = value.as_string() {
        return Ok(Value::String(s));
    }
    if let Some(b) = value.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(n) = value.as_f64() {
        return apart::float::to_json(n).map_err(|e| named(e, path));
    }
    if value.is_bigint() {
        let text: String = js_sys::BigInt::from(value.clone())
            .to_string(10)
            .map(String::from)
            .unwrap_or_default();
        return text
            .parse::<i64>()
            .map(Number::from)
            .or_else(|_| text.parse::<u64>().map(Number::from))
            .map(Value::Number)
            .map_err(|_| {
                ValueError::out_of_range(&text, apart::value::expected::INTEGER_64_BITS)
                    .with_field(path)
            });
    }
    if Array::is_array(value) {
        // The array itself (`Array::from` would copy it: `Array.from(new Array(1e9))` throws).
        let array: &Array = value.unchecked_ref();
        // Every item is at least one value: a `length` beyond the limit is refused at once.
        count(nodes, u64::from(array.length()), path)?;
        *nodes = nodes.saturating_sub(u64::from(array.length()));
        // Reserved as the items come, not from `length` (a sparse array says more than it has).
        let mut out = Vec::with_capacity(array.length().min(4096) as usize);
        for (i, item) in array.iter().enumerate() {
            out.push(walk(&item, &format!("{path}[{i}]"), depth + 1, nodes)?);
        }
        return Ok(Value::Array(out));
    }
    if let Some(date) = value.dyn_ref::<Date>() {
        let ms = date.get_time();
        if !ms.is_finite() {
            return Err(ValueError::InvalidInstant {
                field: at(path),
                input: "Invalid Date".into(),
                reason: "rfc3339".into(),
            });
        }
        return Ok(Value::String(String::from(date.to_iso_string())));
    }
    if value.is_function() || value.is_symbol() {
        return Err(wrong_type(path, "function or symbol"));
    }
    let object: &Object = value.unchecked_ref();
    let mut out = Map::new();
    for key in Object::keys(object).iter() {
        let Some(name) = key.as_string() else {
            continue;
        };
        let item = Reflect::get(object, &key).unwrap_or(JsValue::UNDEFINED);
        if item.is_undefined() {
            continue;
        }
        let child = if path.is_empty() {
            name.clone()
        } else {
            format!("{path}.{name}")
        };
        out.insert(name, walk(&item, &child, depth + 1, nodes)?);
    }
    Ok(Value::Object(out))
}

/// A JavaScript value as JSON (see the module's doc), errors naming `field` and below.
///
/// # Errors
///
/// `VALUE_NOT_FINITE`, `INPUT_WRONG_TYPE` (a function), `INPUT_TOO_LARGE` (nested too deep, or
/// more than 20,000,000 values).
pub fn json(value: &JsValue, field: &str) -> Result<Value, ValueError> {
    walk(value, field, 0, &mut 0)
}

/// A core record read from a JavaScript value by its serde shape (unknown fields refused).
///
/// # Errors
///
/// The core's `ValueError` (family `input`), thrown.
pub fn record<T: DeserializeOwned>(value: &JsValue) -> Result<T, JsValue> {
    let json = json(value, "").or_throw()?;
    apart::value::from_json_value(json).or_throw()
}

/// Like [`record`], with `undefined` or `null` giving `T::default()`.
///
/// # Errors
///
/// As [`record`].
pub fn record_or_default<T: DeserializeOwned + Default>(value: &JsValue) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(T::default())
    } else {
        record(value)
    }
}

/// A record as JSON text (what `DynMachine` takes).
///
/// # Errors
///
/// As [`json`], thrown.
pub fn json_text(value: &JsValue, field: &str) -> Result<String, JsValue> {
    let json = json(value, field).or_throw()?;
    Ok(json.to_string())
}

/// A core output as a plain JavaScript object (its JSON form).
///
/// # Errors
///
/// Never for the core's records; a serialisation failure would be an `InternalError`.
pub fn out<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| internal(&e.to_string()))?;
    from_text(&text)
}

/// JSON text written by the core as a plain JavaScript object.
///
/// # Errors
///
/// As [`out`].
pub fn from_text(text: &str) -> Result<JsValue, JsValue> {
    JSON::parse(text).map_err(|_| internal("JSON.parse"))
}

/// An `InternalError` (a bug of the binding, never the caller's input).
pub fn internal(reason: &str) -> JsValue {
    throw(&apart::diagnostic::InternalError::binding(reason))
}

/// An instant: an RFC 3339 string (its offset kept) or a `Date` (UTC), checked storable.
///
/// # Errors
///
/// `VALUE_INVALID_INSTANT` naming `field`, thrown.
pub fn instant(value: &JsValue, field: &str) -> Result<OffsetDateTime, JsValue> {
    let text = match json(value, field).or_throw()? {
        Value::String(s) => s,
        other => {
            return Err(throw(&ValueError::WrongType {
                field: at(field),
                expected: apart::value::expected::INSTANT_TEXT_OR_DATE.into(),
                found: kind(&other).into(),
            }));
        }
    };
    apart::calendar::parse_instant(&text)
        .and_then(apart::calendar::check_instant)
        .map_err(|e| e.with_field(field))
        .or_throw()
}

/// The JSON type's name, for `INPUT_WRONG_TYPE`.
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// A day: `YYYY-MM-DD` text (the core's parser) or a `Date` at midnight UTC, naming `field`.
///
/// # Errors
///
/// `VALUE_INVALID_DATE` (a `Date` at another instant), or as [`instant`], thrown.
pub fn day(value: &JsValue, field: &str) -> Result<time::Date, JsValue> {
    match value.as_string() {
        Some(text) => date(&text, field),
        None => apart::calendar::day_of_midnight_utc(instant(value, field)?)
            .map_err(|e| e.with_field(field))
            .or_throw(),
    }
}

/// A date `YYYY-MM-DD` (the core's parser) naming `field`.
///
/// # Errors
///
/// `VALUE_INVALID_DATE`, thrown.
pub fn date(text: &str, field: &str) -> Result<time::Date, JsValue> {
    apart::calendar::parse_date(text)
        .map_err(|e| e.with_field(field))
        .or_throw()
}

/// What a JavaScript value is, in `INPUT_WRONG_TYPE`: `null`, `array`, or its `typeof`
/// (`number`, `object`, `undefined`, `bigint`, `symbol`, `function`…).
fn found(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if Array::is_array(value) {
        "array".into()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

/// `INPUT_WRONG_TYPE`: `value` where `expected` (one of `apart::value::expected`) was wanted.
fn wrong(value: &JsValue, expected: &str) -> ValueError {
    ValueError::wrong_type(expected, &found(value))
}

/// A `string` argument named `field`, copied into the module only once its type is checked.
///
/// # Errors
///
/// `INPUT_WRONG_TYPE` naming `field` for anything else (a number, `null`, a `String` object, an
/// object with a `length`…), thrown.
pub fn text(value: &JsValue, field: &str) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| throw(&wrong(value, expected::A_STRING).with_field(field)))
}

/// An optional `string` argument: `undefined` and `null` are `None`.
///
/// # Errors
///
/// As [`text`].
pub fn optional_text(value: &JsValue, field: &str) -> Result<Option<String>, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        text(value, field).map(Some)
    }
}

/// A `boolean` argument (`true` or `false`: no truthy value).
///
/// # Errors
///
/// `INPUT_WRONG_TYPE` naming `field`, thrown.
pub fn boolean(value: &JsValue, field: &str) -> Result<bool, JsValue> {
    value
        .as_bool()
        .ok_or_else(|| throw(&wrong(value, expected::A_BOOLEAN).with_field(field)))
}

/// An optional `boolean` argument: `undefined` and `null` are `None`.
///
/// # Errors
///
/// As [`boolean`].
pub fn optional_boolean(value: &JsValue, field: &str) -> Result<Option<bool>, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        boolean(value, field).map(Some)
    }
}

/// A whole `number` from `min` to `max` (both included), without a field: the core's rule.
fn whole<T>(value: &JsValue, min: T, max: T) -> Result<T, ValueError>
where
    T: Copy + Into<i64> + TryFrom<i64>,
{
    let Some(n) = value.as_f64() else {
        return Err(wrong(value, expected::AN_INTEGER));
    };
    if !n.is_finite() {
        return Err(ValueError::not_finite(&apart::float::spelling(n)));
    }
    let n = apart::float::whole(n, min.into(), max.into())?;
    // Within `min..=max`, so a `T`.
    T::try_from(n).map_err(|_| {
        ValueError::out_of_range(&n.to_string(), expected::range(min.into(), max.into()))
    })
}

/// A whole `number` argument from `min` to `max` (both included): no fraction, no rounding.
///
/// # Errors
///
/// `INPUT_WRONG_TYPE` (not a `number`), `VALUE_NOT_FINITE` (`NaN`, an infinity) or
/// `VALUE_OUT_OF_RANGE` (a fraction, or outside the range) naming `field`, thrown.
pub fn integer<T>(value: &JsValue, field: &str, min: T, max: T) -> Result<T, JsValue>
where
    T: Copy + Into<i64> + TryFrom<i64>,
{
    whole(value, min, max).map_err(|e| throw(&e.with_field(field)))
}

/// An array of `string`s (`field[i]` names a refused item). Nothing is reserved from the
/// array's `length`: a sparse or fake array is refused at its first item that is not text.
///
/// # Errors
///
/// `INPUT_WRONG_TYPE` for anything but an array, or an item that is not text, thrown.
pub fn texts(value: &JsValue, field: &str) -> Result<Vec<String>, JsValue> {
    if !Array::is_array(value) {
        return Err(throw(&wrong(value, expected::AN_ARRAY).with_field(field)));
    }
    let array: &Array = value.unchecked_ref();
    let mut out = Vec::new();
    for (i, item) in array.iter().enumerate() {
        match item.as_string() {
            Some(s) => out.push(s),
            None => {
                let e = wrong(&item, expected::A_STRING).with_field(format!("{field}[{i}]"));
                return Err(throw(&e));
            }
        }
    }
    Ok(out)
}

/// Bytes: a `Uint8Array`, or an array of whole numbers from 0 to 255 (`field[i]` names a
/// refused item; nothing is wrapped modulo 256).
///
/// # Errors
///
/// `INPUT_WRONG_TYPE` or `VALUE_OUT_OF_RANGE`, thrown.
pub fn bytes(value: &JsValue, field: &str) -> Result<Vec<u8>, JsValue> {
    if let Some(array) = value.dyn_ref::<Uint8Array>() {
        return Ok(array.to_vec());
    }
    if !Array::is_array(value) {
        return Err(throw(&wrong(value, expected::BYTES).with_field(field)));
    }
    let array: &Array = value.unchecked_ref();
    let mut out = Vec::new();
    for (i, item) in array.iter().enumerate() {
        out.push(
            whole(&item, 0u8, u8::MAX)
                .map_err(|e| throw(&e.with_field(format!("{field}[{i}]"))))?,
        );
    }
    Ok(out)
}

/// `INPUT_WRONG_TYPE` naming `field`: `value` where `expected` (one of
/// `apart::value::expected`) was wanted, thrown.
pub fn wrong_argument(value: &JsValue, expected: &str, field: &str) -> JsValue {
    throw(&wrong(value, expected).with_field(field))
}
