//! The arguments of the exports, read here rather than by napi-rs: a value of the wrong type is
//! the core's `InputError` (`INPUT_WRONG_TYPE`, what was expected and what was found), where
//! napi-rs would throw a bare English `Error` naming neither. A wrapper named as a type napi-rs
//! declares ([`String`], [`Vec`], [`Number`], [`Value`]) keeps that declaration; the others are
//! declared by the function's `ts_args_type`.

use apart::value::expected;
use napi::bindgen_prelude::{
    Array as JsArray, FromNapiMutRef, FromNapiValue, Function, TypeName, Uint8Array, Unknown,
};
use napi::{Either, Env, JsDate, JsValue, ValueType, sys};

/// The core's `INPUT_WRONG_TYPE` for `value`, thrown: `expected` in the core's words.
fn refuse(env: sys::napi_env, expected: &str, value: &Unknown<'_>) -> napi::Error {
    match crate::js::describe(value) {
        Ok(found) => thrown(env, &apart::value::ValueError::wrong_type(expected, &found)),
        Err(e) => e,
    }
}

/// napi-rs's conversion of `value` into `T` when it succeeds, else the core's error (napi-rs
/// refuses a value of another JavaScript type without converting it).
///
/// # Safety
///
/// `env` and `value` must come from napi-rs for the current call.
#[allow(unsafe_code)]
unsafe fn checked<T: FromNapiValue>(
    env: sys::napi_env,
    value: sys::napi_value,
    expected: &str,
) -> napi::Result<T> {
    // SAFETY: as the caller promises.
    match unsafe { T::from_napi_value(env, value) } {
        Ok(v) => Ok(v),
        // SAFETY: as the caller promises.
        Err(_) => Err(refuse(env, expected, &unsafe {
            Unknown::from_napi_value(env, value)
        }?)),
    }
}

/// A JSON argument read by [`crate::js::to_json`] (integers exact up to 2^53, `NaN` refused),
/// not by napi-rs, which makes an integer beyond 32 bits a float (`hours: 2 ** 40` would be
/// `VALUE_FLOAT_REFUSED`).
#[derive(Debug, Clone)]
pub struct Value(pub serde_json::Value);

impl std::ops::Deref for Value {
    type Target = serde_json::Value;
    fn deref(&self) -> &serde_json::Value {
        &self.0
    }
}

/// A JSON argument ([`Value`]) as its text, for the core's JSON-speaking machines.
#[derive(Debug, Clone)]
pub struct Json(pub std::string::String);

/// A string argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct String(pub std::string::String);

impl std::ops::Deref for String {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<String> for std::string::String {
    fn from(value: String) -> Self {
        value.0
    }
}

/// An array argument whose items are read by `T` (each refused item is `T`'s error).
#[derive(Debug, Clone)]
pub struct Vec<T>(pub std::vec::Vec<T>);

impl<T> std::ops::Deref for Vec<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

#[allow(unsafe_code)]
impl<T: FromNapiValue> FromNapiValue for Vec<T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        // SAFETY: napi-rs calls this with the values of the current call.
        let Array(array) = unsafe { Array::from_napi_value(env, value) }?;
        // A sparse array may claim 2^32 - 1 items: grow as they are read.
        let mut items = std::vec::Vec::with_capacity(array.len().min(1 << 16) as usize);
        for i in 0..array.len() {
            // Every index below the length has an item (`undefined` for a hole).
            if let Some(item) = array.get::<T>(i)? {
                items.push(item);
            }
        }
        Ok(Vec(items))
    }
}

/// An array argument, its items read by the function itself.
#[allow(missing_debug_implementations)] // napi-rs's `Array` has no `Debug`
pub struct Array<'env>(pub JsArray<'env>);

/// An instance of one of this package's classes (`LawBook`, `Entropy`) given as an argument:
/// anything else is `INPUT_WRONG_TYPE` naming the class (napi-rs would say "Failed to recover
/// `lawbook` type from napi value", without the value).
#[derive(Debug)]
pub struct Instance<T: 'static>(pub &'static mut T);

#[allow(unsafe_code)]
impl<T: FromNapiMutRef + TypeName + 'static> FromNapiValue for Instance<T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        // SAFETY: `env` and `value` come from napi-rs for the current call; napi-rs's own
        // conversion of a `&mut T` argument is this call, whose borrow it tracks for the call.
        match unsafe { T::from_napi_mut_ref(env, value) } {
            Ok(instance) => Ok(Instance(instance)),
            // SAFETY: as above.
            Err(_) => Err(refuse(env, T::type_name(), &unsafe {
                Unknown::from_napi_value(env, value)
            }?)),
        }
    }
}

/// What a time argument holds: epoch milliseconds (a `number`, or a `Date`'s value) or text.
#[derive(Debug, Clone)]
pub enum When {
    /// Epoch milliseconds.
    Millis(f64),
    /// Text for the core's parser.
    Text(std::string::String),
}

/// Reads a `Date`, a number or a string; anything else is `INPUT_WRONG_TYPE` (`expected`).
#[allow(unsafe_code)]
unsafe fn when(env: sys::napi_env, value: sys::napi_value, expected: &str) -> napi::Result<When> {
    // SAFETY: as the callers promise.
    let value = unsafe { Unknown::from_napi_value(env, value) }?;
    match value.get_type()? {
        ValueType::Number => Ok(When::Millis(f64::from_unknown(value)?)),
        ValueType::String => Ok(When::Text(std::string::String::from_unknown(value)?)),
        ValueType::Object if value.is_date()? => {
            Ok(When::Millis(JsDate::from_unknown(value)?.value_of()?))
        }
        _ => Err(refuse(env, expected, &value)),
    }
}

/// An instant argument: a `Date`, epoch milliseconds or RFC 3339 text.
#[derive(Debug, Clone)]
pub struct Instant(pub When);

/// A calendar day argument: ISO text, a `Date` at midnight UTC or its epoch milliseconds.
#[derive(Debug, Clone)]
pub struct Day(pub When);

/// The instant argument `now` (`Date`, epoch milliseconds or RFC 3339 text), read and checked
/// storable before the function runs.
#[derive(Debug, Clone, Copy)]
pub struct Now(pub time::OffsetDateTime);

/// The argument `actor`: who sends an event (the core's `Actor`, `MACHINE_…` when unknown).
#[derive(Debug, Clone, Copy)]
pub struct Actor(pub apart::machine::Actor);

/// A boolean argument.
#[derive(Debug, Clone, Copy)]
pub struct Flag(pub bool);

/// A number argument (an integer is then checked by `apart::float::whole`).
#[derive(Debug, Clone, Copy)]
pub struct Number(pub f64);

/// A decimal argument: decimal text, or an integer number.
#[derive(Debug, Clone)]
pub struct Decimal(pub Either<std::string::String, f64>);

/// A boolean, or a function called for one when it is needed.
#[allow(missing_debug_implementations)] // `Function` has no `Debug`
pub struct FlagOrFunction<'env>(pub Either<bool, Function<'env, (), Unknown<'env>>>);

/// What a callback returned where a boolean is wanted (`field` names the callback): anything
/// else is `INPUT_WRONG_TYPE`.
pub(crate) fn returned_flag(env: &Env, field: &str, value: Unknown<'_>) -> napi::Result<bool> {
    if value.get_type()? == ValueType::Boolean {
        return bool::from_unknown(value);
    }
    let found = crate::js::describe(&value)?;
    let e = apart::value::ValueError::wrong_type(expected::A_BOOLEAN, &found).with_field(field);
    Err(crate::error::throw(env, &e))
}

/// A `Uint8Array` argument (a `Buffer` is one).
#[allow(missing_debug_implementations)] // `Uint8Array` has no `Debug`
pub struct Bytes(pub Uint8Array);

/// `FromNapiValue` for each argument type above: `$body` reads `env` and `value`, given by
/// napi-rs for the current call (the body runs in an `unsafe` block: reading them is sound).
macro_rules! read_args {
    ($($t:ty => |$env:ident, $value:ident| $body:expr;)*) => {$(
        #[allow(unsafe_code)]
        impl FromNapiValue for $t {
            unsafe fn from_napi_value(
                $env: sys::napi_env,
                $value: sys::napi_value,
            ) -> napi::Result<Self> {
                // SAFETY: napi-rs calls this with the values of the current call.
                #[allow(unused_unsafe)]
                unsafe {
                    $body
                }
            }
        }
    )*};
}

/// The core's error `e` about an argument, thrown.
fn thrown<E: apart::Diagnostic + std::any::Any>(env: sys::napi_env, e: &E) -> napi::Error {
    crate::error::throw(&Env::from_raw(env), e)
}

read_args! {
    Value => |env, value| crate::js::to_json(&Unknown::from_napi_value(env, value)?)?
        .map(Value)
        .map_err(|e| thrown(env, &e));
    Json => |env, value| Value::from_napi_value(env, value).map(|v| Json(v.0.to_string()));
    String => |env, value| checked(env, value, expected::A_STRING).map(String);
    Flag => |env, value| checked(env, value, expected::A_BOOLEAN).map(Flag);
    Number => |env, value| checked(env, value, expected::A_NUMBER).map(Number);
    Bytes => |env, value| checked(env, value, expected::A_UINT8ARRAY).map(Bytes);
    Instant => |env, value| when(env, value, expected::AN_INSTANT).map(Instant);
    Day => |env, value| when(env, value, expected::A_DAY).map(Day);
    Now => |env, value| crate::convert::instant("now", Instant::from_napi_value(env, value)?)
        .map(Now)
        .map_err(|e| thrown(env, &e));
    Actor => |env, value| String::from_napi_value(env, value)?
        .parse::<apart::machine::Actor>()
        .map(Actor)
        .map_err(|e| thrown(env, &e.with_field("actor")));
    Array<'_> => |env, value| {
        let found = Unknown::from_napi_value(env, value)?;
        if found.is_array()? {
            return Ok(Array(JsArray::from_napi_value(env, value)?));
        }
        Err(refuse(env, expected::AN_ARRAY, &found))
    };
    FlagOrFunction<'_> => |env, value| {
        let found = Unknown::from_napi_value(env, value)?;
        match found.get_type()? {
            ValueType::Boolean => Ok(FlagOrFunction(Either::A(bool::from_unknown(found)?))),
            ValueType::Function => Ok(FlagOrFunction(Either::B(Function::from_napi_value(env, value)?))),
            _ => Err(refuse(env, expected::BOOLEAN_OR_FUNCTION, &found)),
        }
    };
    Decimal => |env, value| {
        let value = Unknown::from_napi_value(env, value)?;
        match value.get_type()? {
            ValueType::String => Ok(Decimal(Either::A(std::string::String::from_unknown(value)?))),
            ValueType::Number => Ok(Decimal(Either::B(f64::from_unknown(value)?))),
            _ => Err(refuse(env, expected::DECIMAL_TEXT_OR_INTEGER, &value)),
        }
    };
}
