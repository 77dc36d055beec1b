//! [`Value`]: a JSON argument read by the binding's own walk of the JavaScript value.

use napi::bindgen_prelude::{FromNapiMutRef, FromNapiValue, TypeName, Unknown};
use napi::{Env, JsDate, JsValue, ValueType, sys};

/// A JSON argument read by [`crate::js::to_json`] (integers exact up to 2^53, `NaN` refused, …) instead
/// of napi-rs's own conversion of `serde_json::Value`, which turns an integer beyond 32 bits
/// into a float (`hours: 2 ** 40` would be `VALUE_FLOAT_REFUSED`). Named `Value` so that napi's
/// type generation declares it as it declares `serde_json::Value` where no `ts_args_type` says
/// more. A failure throws the core's `InputError`.
#[derive(Debug, Clone)]
pub struct Value(pub serde_json::Value);

impl From<Value> for serde_json::Value {
    fn from(value: Value) -> Self {
        value.0
    }
}

impl std::borrow::Borrow<serde_json::Value> for Value {
    fn borrow(&self) -> &serde_json::Value {
        &self.0
    }
}

impl std::ops::Deref for Value {
    type Target = serde_json::Value;
    fn deref(&self) -> &serde_json::Value {
        &self.0
    }
}

#[allow(unsafe_code)]
impl FromNapiValue for Value {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        // SAFETY: `env` and `value` come from napi-rs for the current call.
        let value = unsafe { Unknown::from_napi_value(env, value) }?;
        match crate::js::to_json(&value)? {
            Ok(json) => Ok(Value(json)),
            Err(e) => Err(crate::error::throw(&Env::from_raw(env), &e)),
        }
    }
}

/// An instance of one of this package's classes (`LawBook`, `Entropy`) given as an argument:
/// anything else is the core's `INPUT_WRONG_TYPE` naming the class and the value found (napi-rs
/// would say "Failed to recover `lawbook` type from napi value", without the value).
#[derive(Debug)]
pub struct Instance<T: 'static>(pub &'static mut T);

#[allow(unsafe_code)]
impl<T: FromNapiMutRef + TypeName + 'static> FromNapiValue for Instance<T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        // SAFETY: `env` and `value` come from napi-rs for the current call; napi-rs's own
        // conversion of a `&mut T` argument is this call, whose borrow it tracks for the call.
        match unsafe { T::from_napi_mut_ref(env, value) } {
            Ok(instance) => Ok(Instance(instance)),
            Err(_) => {
                // SAFETY: as above.
                let found = unsafe { Unknown::from_napi_value(env, value) }?;
                let e = apart::value::ValueError::wrong_type(
                    T::type_name(),
                    &crate::js::describe(&found)?,
                );
                Err(crate::error::throw(&Env::from_raw(env), &e))
            }
        }
    }
}

/// What a time argument holds: epoch milliseconds (a `number`, or a `Date`'s value) or text.
#[derive(Debug, Clone)]
pub enum When {
    /// Epoch milliseconds.
    Millis(f64),
    /// Text for the core's parser.
    Text(String),
}

/// Reads a `Date`, a number or a string; anything else is `INPUT_WRONG_TYPE` (`expected`).
#[allow(unsafe_code)]
unsafe fn when(env: sys::napi_env, value: sys::napi_value, expected: &str) -> napi::Result<When> {
    // SAFETY: as the callers promise.
    let value = unsafe { Unknown::from_napi_value(env, value) }?;
    match value.get_type()? {
        ValueType::Number => Ok(When::Millis(f64::from_unknown(value)?)),
        ValueType::String => Ok(When::Text(String::from_unknown(value)?)),
        ValueType::Object if value.is_date()? => {
            Ok(When::Millis(JsDate::from_unknown(value)?.value_of()?))
        }
        _ => {
            let e = apart::value::ValueError::wrong_type(expected, &crate::js::describe(&value)?);
            Err(crate::error::throw(&Env::from_raw(env), &e))
        }
    }
}

/// An instant argument: a `Date`, epoch milliseconds or RFC 3339 text (anything else is
/// `INPUT_WRONG_TYPE` naming the value, which napi-rs's `Either3` would not).
#[derive(Debug, Clone)]
pub struct Instant(pub When);

/// A calendar day argument: ISO text, a `Date` at midnight UTC or its epoch milliseconds.
#[derive(Debug, Clone)]
pub struct Day(pub When);

/// A boolean argument (anything else is `INPUT_WRONG_TYPE` naming the value, which napi-rs's
/// message does not).
#[derive(Debug, Clone, Copy)]
pub struct Flag(pub bool);

#[allow(unsafe_code)]
impl FromNapiValue for Instant {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        // SAFETY: napi-rs calls this with the values of the current call.
        unsafe { when(env, value, apart::value::expected::AN_INSTANT) }.map(Instant)
    }
}

#[allow(unsafe_code)]
impl FromNapiValue for Day {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        // SAFETY: napi-rs calls this with the values of the current call.
        unsafe { when(env, value, apart::value::expected::A_DAY) }.map(Day)
    }
}

#[allow(unsafe_code)]
impl FromNapiValue for Flag {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        // SAFETY: napi-rs calls this with the values of the current call.
        let value = unsafe { Unknown::from_napi_value(env, value) }?;
        if value.get_type()? == ValueType::Boolean {
            return Ok(Flag(bool::from_unknown(value)?));
        }
        let e = apart::value::ValueError::wrong_type(
            apart::value::expected::A_BOOLEAN,
            &crate::js::describe(&value)?,
        );
        Err(crate::error::throw(&Env::from_raw(env), &e))
    }
}

/// A number argument (anything else is `INPUT_WRONG_TYPE` naming the value; napi-rs's message
/// names only its type). Integers are then checked by [`crate::convert::integer`].
#[derive(Debug, Clone, Copy)]
pub struct Number(pub f64);

#[allow(unsafe_code)]
impl FromNapiValue for Number {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        // SAFETY: napi-rs calls this with the values of the current call.
        let value = unsafe { Unknown::from_napi_value(env, value) }?;
        if value.get_type()? == ValueType::Number {
            return Ok(Number(f64::from_unknown(value)?));
        }
        let e = apart::value::ValueError::wrong_type(
            apart::value::expected::A_NUMBER,
            &crate::js::describe(&value)?,
        );
        Err(crate::error::throw(&Env::from_raw(env), &e))
    }
}
