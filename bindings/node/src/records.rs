//! The conversions every module shares: the core's records (serde JSON) in and out, snapshots,
//! instants and calendar dates, each failure thrown as its JavaScript error class.

use apart::machine::{Machine, Snapshot};
use napi::bindgen_prelude::Either3;
use napi::{Either, Env, JsDate};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::convert::{self, ArgumentError};
use crate::error::OrThrow;

/// A record given by JavaScript, read with the core's serde rules (`ARGUMENT_MALFORMED`).
pub(crate) fn record<T: DeserializeOwned>(
    env: &Env,
    argument: &'static str,
    value: Value,
) -> napi::Result<T> {
    serde_json::from_value(value)
        .map_err(|e| ArgumentError::Malformed {
            argument,
            reason: e.to_string(),
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
    serde_json::to_value(value)
        .map_err(|e| napi::Error::new(napi::Status::GenericFailure, e.to_string()))
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
    let iso = convert::date(argument, value)?.or_throw(env)?;
    time::Date::parse(&iso, &time::format_description::well_known::Iso8601::DATE)
        .map_err(|_| ArgumentError::InvalidDate {
            argument,
            value: iso,
        })
        .or_throw(env)
}
