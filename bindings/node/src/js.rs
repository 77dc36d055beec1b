//! A JavaScript value read as JSON data, with the core's typed errors: what every record
//! argument goes through before `apart::value::from_json_value` reads it into the core's type
//! (unknown fields refused, each failure naming its field).
//!
//! The rules are `JSON.stringify`'s, so that a record means the same whether it is given as an
//! object or as the JSON text of that object: own enumerable string keys; `undefined`,
//! functions and symbols as property values are absent; a `Date` is its ISO text (`toJSON`).
//! Where `JSON.stringify` would lose the value silently, the core's error instead: `NaN` and
//! the infinities are `VALUE_NOT_FINITE` (JSON would write `null`), a top-level `undefined`,
//! function or symbol is `INPUT_WRONG_TYPE`. Integers stay exact integers (a `bigint` too, up
//! to 64 bits); other numbers stay floats, which the core refuses where it wants a decimal
//! (`VALUE_FLOAT_REFUSED`). Depth and size are bounded (`INPUT_TOO_LARGE`).

use std::ptr;

use apart::value::ValueError;
use napi::bindgen_prelude::{FromNapiValue, Function, JsObjectValue, Unknown};
use napi::{Env, JsValue, ValueType, sys};
use serde_json::{Map, Value};

/// The deepest nesting read, the core's for every binding.
const MAX_DEPTH: u64 = apart::value::MAX_NESTING;
/// The most values read in one argument (a claim of 100,000 employees is about 1.5 million).
const MAX_NODES: u64 = 20_000_000;

/// The JavaScript half of [`plain`]: the JSON text of a plain object whose values are all
/// strings, booleans, safe integers, finite non-integers, `null` or `undefined` (or of an array
/// of such objects), else `null`. For those values `JSON.stringify` writes exactly what
/// [`to_json`] reads (the same keys in the same order, the same numbers), in V8 and at a
/// fraction of the cost of one N-API call per key and value; anything else (a `Date`, a nested
/// record, `NaN`, an integer above 2^53 that JSON would round, a class instance, a `toJSON`
/// method, more than `MAX_NODES` values) is left to [`to_json`].
pub(crate) fn plain_json_js() -> String {
    r#"(value) => {
    let nodes = 1;
    const flat = (o) => {
      if (o === null || typeof o !== 'object' || Object.getPrototypeOf(o) !== Object.prototype) return false;
      const values = Object.values(o);
      nodes += 1 + values.length;
      for (let i = 0; i < values.length; i++) {
        const v = values[i], t = typeof v;
        if (!(t === 'string' || t === 'boolean' || v === null || v === undefined || (t === 'number' && (Number.isSafeInteger(v) || (Number.isFinite(v) && !Number.isInteger(v)))))) return false;
      }
      return true;
    };
    if (Array.isArray(value)) {
      if (Object.getPrototypeOf(value) !== Array.prototype) return null;
      for (let i = 0; i < value.length; i++) if (!flat(value[i])) return null;
    } else if (!flat(value)) return null;
    if (nodes > MAX_NODES) return null;
    try { return JSON.stringify(value); } catch { return null; }
  }"#
    .replace("MAX_NODES", &MAX_NODES.to_string())
}

/// `value` as JSON text written by `JSON.stringify` when it is plain data (see
/// [`plain_json_js`]), else `None` (then [`to_json`] reads it).
pub(crate) fn plain_text(env: &Env, value: &Unknown<'_>) -> napi::Result<Option<String>> {
    let helper: Function<Unknown<'_>, Unknown<'_>> =
        crate::runtime::get(env)?.get_named_property_unchecked("plainJson")?;
    let text = helper.call(*value)?;
    if text.get_type()? == ValueType::String {
        return Ok(Some(String::from_unknown(text)?));
    }
    Ok(None)
}

/// Reads `value` as JSON data; `field` names the argument in errors about the value itself.
///
/// # Errors
///
/// The core's `ValueError`s described above, with the path of the value as `field`; the outer
/// napi error only when JavaScript itself fails (the environment shutting down).
#[allow(unsafe_code)]
pub(crate) fn to_json(value: &Unknown<'_>) -> napi::Result<Result<Value, ValueError>> {
    let raw = value.raw();
    let env = value.value().env;
    let mut reader = Reader { env, nodes: 0 };
    let mut path = String::new();
    // SAFETY: `env` and `raw` come from napi-rs for the current call.
    match unsafe { reader.read(raw, 0, &mut path) } {
        Ok(Some(v)) => Ok(Ok(v)),
        Ok(None) => Ok(Err(ValueError::wrong_type(
            apart::value::expected::JSON_DATA,
            "undefined",
        ))),
        Err(Failure::Value(e)) => Ok(Err(e)),
        Err(Failure::Napi(e)) => Err(e),
    }
}

/// The own enumerable properties of a plain object (as `Object.entries`), for arguments whose
/// values are read one by one (a claim's columns); `INPUT_WRONG_TYPE` for anything else.
///
/// # Errors
///
/// As [`to_json`].
#[allow(unsafe_code)]
pub(crate) fn entries<'env>(
    value: &Unknown<'env>,
) -> napi::Result<Result<Vec<(String, Unknown<'env>)>, ValueError>> {
    let is_array = value.is_array()?;
    if value.get_type()? != ValueType::Object || is_array {
        let found = if is_array {
            "an array"
        } else {
            "not an object"
        };
        let expected = apart::value::expected::OBJECT_OF_COLUMNS;
        return Ok(Err(ValueError::wrong_type(expected, found)));
    }
    let env = value.value().env;
    // SAFETY: an object of this env, and its values.
    let entries = unsafe { own_entries(env, value.raw()) }?;
    let out = entries
        .into_iter()
        .map(|(key, item)| Ok((key, unsafe { Unknown::from_napi_value(env, item) }?)))
        .collect::<napi::Result<_>>()?;
    Ok(Ok(out))
}

/// The own enumerable string keys of an object and their values, as `Object.entries` and
/// `JSON.stringify` read them.
///
/// # Safety
///
/// `raw` must be a live object of `env`.
#[allow(unsafe_code)]
unsafe fn own_entries(
    env: sys::napi_env,
    raw: sys::napi_value,
) -> napi::Result<Vec<(String, sys::napi_value)>> {
    let (mut keys, mut len) = (ptr::null_mut(), 0u32);
    // SAFETY: an object of this env (the caller's promise); `keys` is then an array.
    unsafe {
        check(
            sys::napi_get_all_property_names(
                env,
                raw,
                sys::KeyCollectionMode::own_only,
                sys::KeyFilter::enumerable | sys::KeyFilter::skip_symbols,
                sys::KeyConversion::numbers_to_strings,
                &mut keys,
            ),
            "keys",
        )?;
        check(
            sys::napi_get_array_length(env, keys, &mut len),
            "keys length",
        )?;
    }
    let mut out = Vec::with_capacity(len as usize);
    for i in 0..len {
        let (mut key, mut item) = (ptr::null_mut(), ptr::null_mut());
        // SAFETY: index below the length; keys are strings (numbers converted).
        unsafe {
            check(sys::napi_get_element(env, keys, i, &mut key), "key")?;
            check(sys::napi_get_property(env, raw, key, &mut item), "property")?;
            out.push((String::from_napi_value(env, key)?, item));
        }
    }
    Ok(out)
}

/// JavaScript's words for what a value is, for `found` in `INPUT_WRONG_TYPE` (serde's
/// shapes, which the core translates: `number 5` is « le nombre 5 »).
pub(crate) fn describe(value: &Unknown<'_>) -> napi::Result<String> {
    Ok(match value.get_type()? {
        ValueType::Undefined => "undefined".into(),
        ValueType::Null => "null".into(),
        ValueType::Boolean => format!("boolean {}", bool::from_unknown(*value)?),
        ValueType::Number => {
            format!(
                "number {}",
                apart::float::spelling(f64::from_unknown(*value)?)
            )
        }
        ValueType::String => {
            let text = apart::diagnostic::quote(&String::from_unknown(*value)?);
            format!("string {}", serde_json::Value::String(text))
        }
        ValueType::BigInt => "bigint".into(),
        ValueType::Symbol => "symbol".into(),
        ValueType::Function => "function".into(),
        ValueType::Object if value.is_array()? => "array".into(),
        ValueType::Object => "object".into(),
        _ => "an external value".into(),
    })
}

/// Reads an object argument (options, an account…) into `T` by the core's serde reader, its
/// errors thrown with their path from `argument`; anything but a plain object (`null`, an
/// array, a number) is `INPUT_WRONG_TYPE` naming `argument`.
///
/// # Safety
///
/// `env` and `value` must come from napi-rs for the current call.
#[allow(unsafe_code)]
pub(crate) unsafe fn read_object<T: serde::de::DeserializeOwned>(
    env: sys::napi_env,
    value: sys::napi_value,
    argument: &str,
) -> napi::Result<T> {
    let js_env = Env::from_raw(env);
    // SAFETY: as the caller promises.
    let value = unsafe { Unknown::from_napi_value(env, value) }?;
    let kind = value.get_type()?;
    if kind != ValueType::Object || value.is_array()? {
        let e = ValueError::wrong_type(apart::value::expected::AN_OBJECT, &describe(&value)?)
            .with_field(argument);
        return Err(crate::error::throw(&js_env, &e));
    }
    // The path from the argument: `options.strickt`, `check.at`.
    crate::records::read::<T>(&js_env, &value)?.map_err(|e| {
        let e = match e {
            // serde lists two keys as `a or b`: as a list, so that the message can say which
            // one was meant (`laPoste`: did you mean `la_poste`?).
            ValueError::UnknownField { field, expected } => ValueError::UnknownField {
                field,
                expected: expected.replace(" or ", ", "),
            },
            e => e,
        };
        crate::error::throw(&js_env, &e.with_field(argument))
    })
}

/// Declares each argument type that is a record of the core (`PhonePolicy`, `ParseOptions`…):
/// a newtype named as the core's record, so that the generated declarations name the type of
/// `records.d.ts`, read with [`read_object`] (`$argument` names the argument in errors).
macro_rules! core_objects {
    ($($(#[doc = $doc:literal])* $name:ident($core:ty) => $argument:literal),* $(,)?) => {$(
        $(#[doc = $doc])*
        #[derive(Debug)]
        pub struct $name(pub $core);

        #[allow(unsafe_code)]
        impl napi::bindgen_prelude::FromNapiValue for $name {
            unsafe fn from_napi_value(
                env: napi::sys::napi_env,
                value: napi::sys::napi_value,
            ) -> napi::Result<Self> {
                // SAFETY: napi-rs calls this with the values of the current call.
                unsafe { crate::js::read_object(env, value, $argument) }.map($name)
            }
        }
    )*};
}
pub(crate) use core_objects;

fn check(status: sys::napi_status, what: &str) -> napi::Result<()> {
    if status == sys::Status::napi_ok {
        Ok(())
    } else {
        Err(crate::runtime::internal(what))
    }
}

enum Failure {
    Value(ValueError),
    Napi(napi::Error),
}

impl From<napi::Error> for Failure {
    fn from(e: napi::Error) -> Self {
        Failure::Napi(e)
    }
}

struct Reader {
    env: sys::napi_env,
    nodes: u64,
}

fn at(path: &str, e: ValueError) -> Failure {
    Failure::Value(if path.is_empty() {
        e
    } else {
        e.with_field(path)
    })
}

#[allow(unsafe_code)]
impl Reader {
    /// The value, or `None` for what JSON leaves out (`undefined`, a function, a symbol).
    ///
    /// # Safety
    ///
    /// `value` must be a live value of `self.env`.
    unsafe fn read(
        &mut self,
        value: sys::napi_value,
        depth: u64,
        path: &mut String,
    ) -> Result<Option<Value>, Failure> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(at(path, ValueError::too_large(self.nodes, MAX_NODES)));
        }
        let mut kind = 0;
        // SAFETY: valid env and value (caller); `kind` is writable.
        check(
            unsafe { sys::napi_typeof(self.env, value, &mut kind) },
            "typeof",
        )?;
        Ok(Some(match kind {
            sys::ValueType::napi_undefined
            | sys::ValueType::napi_function
            | sys::ValueType::napi_symbol => return Ok(None),
            sys::ValueType::napi_null => Value::Null,
            sys::ValueType::napi_boolean => {
                let mut b = false;
                // SAFETY: a boolean of this env.
                check(
                    unsafe { sys::napi_get_value_bool(self.env, value, &mut b) },
                    "bool",
                )?;
                Value::Bool(b)
            }
            sys::ValueType::napi_number => {
                let mut x = 0.0;
                // SAFETY: a number of this env.
                check(
                    unsafe { sys::napi_get_value_double(self.env, value, &mut x) },
                    "number",
                )?;
                apart::float::to_json(x).map_err(|e| at(path, e))?
            }
            sys::ValueType::napi_string => {
                // SAFETY: a string of this env.
                Value::String(unsafe { String::from_napi_value(self.env, value) }?)
            }
            sys::ValueType::napi_bigint => {
                let (mut i, mut lossless) = (0i64, false);
                // SAFETY: a bigint of this env.
                check(
                    unsafe {
                        sys::napi_get_value_bigint_int64(self.env, value, &mut i, &mut lossless)
                    },
                    "bigint",
                )?;
                if !lossless {
                    return Err(at(
                        path,
                        ValueError::out_of_range("bigint", apart::value::expected::INTEGER_64_BITS),
                    ));
                }
                Value::Number(i.into())
            }
            sys::ValueType::napi_object => {
                if depth >= MAX_DEPTH {
                    return Err(at(path, ValueError::too_large(depth + 1, MAX_DEPTH)));
                }
                // SAFETY: an object of this env.
                unsafe { self.object(value, depth, path) }?
            }
            _ => {
                return Err(at(
                    path,
                    ValueError::wrong_type(apart::value::expected::JSON_DATA, "an external value"),
                ));
            }
        }))
    }

    /// An array, a `Date` (its ISO text) or a plain object.
    ///
    /// # Safety
    ///
    /// `value` must be a live object of `self.env`.
    unsafe fn object(
        &mut self,
        value: sys::napi_value,
        depth: u64,
        path: &mut String,
    ) -> Result<Value, Failure> {
        let mut is = false;
        // SAFETY: valid env and object.
        check(
            unsafe { sys::napi_is_array(self.env, value, &mut is) },
            "is_array",
        )?;
        if is {
            let mut len = 0u32;
            // SAFETY: an array of this env.
            check(
                unsafe { sys::napi_get_array_length(self.env, value, &mut len) },
                "length",
            )?;
            let mut items = Vec::with_capacity(len.min(1 << 16) as usize);
            let base = path.len();
            for i in 0..len {
                let mut item = ptr::null_mut();
                // SAFETY: index below the length.
                check(
                    unsafe { sys::napi_get_element(self.env, value, i, &mut item) },
                    "element",
                )?;
                path.push_str(&format!("[{i}]"));
                // SAFETY: an element of this env. JSON writes `null` for what it leaves out.
                let v = unsafe { self.read(item, depth + 1, path) }?.unwrap_or(Value::Null);
                path.truncate(base);
                items.push(v);
            }
            return Ok(Value::Array(items));
        }
        // SAFETY: valid env and object.
        check(
            unsafe { sys::napi_is_date(self.env, value, &mut is) },
            "is_date",
        )?;
        if is {
            let mut ms = 0.0;
            // SAFETY: a Date of this env.
            check(
                unsafe { sys::napi_get_date_value(self.env, value, &mut ms) },
                "date",
            )?;
            let at_ = apart::float::instant_of_millis(ms).map_err(|e| at(path, e))?;
            return Ok(Value::String(apart::calendar::format_instant(at_)));
        }
        let mut map = Map::new();
        let base = path.len();
        // SAFETY: valid env and object.
        for (name, item) in unsafe { own_entries(self.env, value) }? {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(&name);
            // SAFETY: a property value of this env.
            let v = unsafe { self.read(item, depth + 1, path) }?;
            path.truncate(base);
            if let Some(v) = v {
                map.insert(name, v);
            }
        }
        Ok(Value::Object(map))
    }
}
