//! The conversions every module shares: the core's records (serde) in and out, snapshots,
//! instants and calendar dates, each failure thrown as its JavaScript error class.

use apart::machine::{Machine, Snapshot};
use napi::bindgen_prelude::{Either3, Unknown};
use napi::{Either, Env, JsDate};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::convert;
use crate::error::OrThrow;

/// A record given by JavaScript, read as JSON data ([`crate::js`]) into the core's type with
/// its serde rules: unknown fields refused, every failure an `InputError` naming its field.
pub(crate) fn record<T: DeserializeOwned>(env: &Env, value: &Unknown<'_>) -> napi::Result<T> {
    let json = crate::js::to_json(value)?.or_throw(env)?;
    apart::value::from_json_value(json).or_throw(env)
}

/// A value already converted by napi-rs (`serde_json::Value`), read into the core's type; an
/// error about the value as a whole names `argument`, one inside it the path from there.
pub(crate) fn record_value<T: DeserializeOwned>(
    env: &Env,
    argument: &str,
    value: Value,
) -> napi::Result<T> {
    apart::value::from_json_value(value)
        .map_err(|e| {
            if e.field().is_none() {
                e.with_field(argument)
            } else {
                e
            }
        })
        .or_throw(env)
}

/// A snapshot of machine `M` given by JavaScript (the core's `SNAPSHOT_*` errors).
pub(crate) fn snapshot<M: Machine>(
    env: &Env,
    argument: &'static str,
    value: &Value,
) -> napi::Result<Snapshot<M>> {
    let text = convert::json_text(argument, value).or_throw(env)?;
    Snapshot::<M>::from_json(&text).or_throw(env)
}

/// Snapshots of machine `M` given by JavaScript.
pub(crate) fn snapshots<M: Machine>(
    env: &Env,
    argument: &'static str,
    values: &[Value],
) -> napi::Result<Vec<Snapshot<M>>> {
    values
        .iter()
        .map(|v| snapshot::<M>(env, argument, v))
        .collect()
}

/// A value of the core in its JSON form.
pub(crate) fn to_json<T: Serialize>(value: &T) -> napi::Result<Value> {
    serde_json::to_value(value).map_err(|e| crate::runtime::internal(&e.to_string()))
}

/// A value of the core as a JavaScript value, written by napi-rs's serde serializer straight
/// from the record (no `serde_json::Value` in between: the outputs of the hot paths).
pub(crate) fn to_js<'env, T: Serialize>(env: &'env Env, value: &T) -> napi::Result<Unknown<'env>> {
    env.to_js_value(value)
}

/// An instant argument (`Date`, epoch milliseconds or RFC 3339 string).
pub(crate) fn instant(
    env: &Env,
    argument: &'static str,
    value: Either3<JsDate<'_>, f64, String>,
) -> napi::Result<time::OffsetDateTime> {
    convert::instant(argument, value)?.or_throw(env)
}

/// A calendar date argument (ISO string, or `Date` at midnight UTC).
pub(crate) fn date(
    env: &Env,
    argument: &'static str,
    value: Either<String, JsDate<'_>>,
) -> napi::Result<time::Date> {
    convert::date(argument, value)?.or_throw(env)
}
