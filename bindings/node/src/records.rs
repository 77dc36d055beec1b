//! The conversions every module shares: the core's records (serde) in and out, snapshots,
//! instants and calendar dates, each failure thrown as its JavaScript error class.

use apart::machine::{Machine, Snapshot};
use std::io::Write;

use napi::bindgen_prelude::{Either3, Function, JsObjectValue, Unknown};
use napi::{Either, Env, JsDate, JsValue};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::convert;
use crate::error::OrThrow;

/// A record given by JavaScript, read as JSON data ([`crate::js`]) into the core's type with
/// its serde rules: unknown fields refused, every failure an `InputError` naming its field.
pub(crate) fn record<T: DeserializeOwned>(env: &Env, value: &Unknown<'_>) -> napi::Result<T> {
    let json = crate::js::plain(env, value)?.or_throw(env)?;
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

/// A value of the core as a JavaScript value (the outputs of the hot paths): its JSON text,
/// made by serde_json in Rust, given to V8's `JSON.parse`. That is about three times faster
/// than napi-rs's serde serializer, which creates every key and value through N-API; the text
/// is ASCII (other characters escaped), so that V8 takes it as a one-byte string without
/// decoding UTF-8. The shape is the record's JSON, as `tests/vectors` write it.
pub(crate) fn to_js<'env, T: Serialize>(env: &'env Env, value: &T) -> napi::Result<Unknown<'env>> {
    let mut text = Vec::with_capacity(1024);
    value
        .serialize(&mut serde_json::Serializer::with_formatter(
            &mut text, Ascii,
        ))
        .map_err(|e| crate::runtime::internal(&e.to_string()))?;
    let parse: Function<Unknown<'_>, Unknown<'_>> =
        crate::runtime::get(env)?.get_named_property_unchecked("parse")?;
    parse.call(env.create_string_latin1(&text)?.to_unknown())
}

/// serde_json's compact form with every character outside ASCII written `\uXXXX`.
struct Ascii;

impl serde_json::ser::Formatter for Ascii {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        // Almost always: checked a word at a time, where the loop below decodes each character.
        if fragment.is_ascii() {
            return writer.write_all(fragment.as_bytes());
        }
        let mut rest = fragment;
        while let Some(at) = rest.find(|c: char| !c.is_ascii()) {
            let (ascii, tail) = rest.split_at(at);
            writer.write_all(ascii.as_bytes())?;
            let mut chars = tail.chars();
            if let Some(c) = chars.next() {
                for unit in c.encode_utf16(&mut [0; 2]) {
                    write!(writer, "\\u{unit:04x}")?;
                }
            }
            rest = chars.as_str();
        }
        writer.write_all(rest.as_bytes())
    }
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn json_text_is_ascii() {
        let mut text = Vec::new();
        let value = serde_json::json!({"m": "é 7,91 € 😀 \"q\"\n", "n": 3});
        value
            .serialize(&mut serde_json::Serializer::with_formatter(
                &mut text, Ascii,
            ))
            .unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(text.is_ascii(), "{text}");
        assert_eq!(
            text,
            r#"{"m":"\u00e9 7,91 \u20ac \ud83d\ude00 \"q\"\n","n":3}"#
        );
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), value);
    }
}
