//! The conversions every module shares: the core's records (serde) in and out, snapshots,
//! instants and calendar dates, each failure thrown as its JavaScript error class.

use apart::Diagnostic;
use apart::machine::{Machine, Snapshot};
use apart::value::ValueError;
use std::io::Write;

use napi::bindgen_prelude::{FnArgs, Function, JsObjectValue, Object, Unknown};
use napi::{Env, JsValue};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::OrThrow;

/// A record given by JavaScript, read as JSON data ([`crate::js`]) into the core's type with
/// its serde rules: unknown fields refused, every failure an `InputError` naming its field.
pub(crate) fn record<T: DeserializeOwned>(env: &Env, value: &Unknown<'_>) -> napi::Result<T> {
    read(env, value)?.or_throw(env)
}

/// An optional record whose fields all have defaults (options, recap amounts), given as the
/// argument `argument`: `undefined` and `null` are `None`, an array is refused
/// (`INPUT_WRONG_TYPE`) rather than read by position, where `[]` would be every default.
pub(crate) fn optional_object<T: DeserializeOwned>(
    env: &Env,
    argument: &str,
    value: Option<Unknown<'_>>,
) -> napi::Result<Option<T>> {
    let Some(value) = value else { return Ok(None) };
    if matches!(
        value.get_type()?,
        napi::ValueType::Undefined | napi::ValueType::Null
    ) {
        return Ok(None);
    }
    if value.is_array()? {
        let error = ValueError::wrong_type(apart::value::expected::AN_OBJECT, "array");
        return Err(error.with_field(argument)).or_throw(env);
    }
    record(env, &value).map(Some)
}

/// [`record`], the core's refusal returned rather than thrown (a claim's line); the outer error
/// only when JavaScript itself throws (a getter of the caller's).
pub(crate) fn read<T: DeserializeOwned>(
    env: &Env,
    value: &Unknown<'_>,
) -> napi::Result<Result<T, ValueError>> {
    if let Some(text) = crate::js::plain_text(env, value)? {
        match apart::value::from_json::<T>(&text) {
            // Text serde_json cannot read although V8 wrote it (a lone surrogate, `\ud800`,
            // which N-API reads as U+FFFD): read the value as N-API sees it.
            Err(e) if e.code() == "INPUT_MALFORMED" => {}
            read => return Ok(read),
        }
    }
    Ok(crate::js::to_json(value)?.and_then(apart::value::from_json_value))
}

/// A value already converted by napi-rs (`serde_json::Value`), read into the core's type; an
/// error about the value as a whole names `argument`, one inside it the path from there.
pub(crate) fn record_value<T: DeserializeOwned>(
    env: &Env,
    argument: &str,
    value: Value,
) -> napi::Result<T> {
    apart::value::from_json_value(value)
        .map_err(|e| match e.field() {
            // The value itself, or an element of a list argument: `pattern[0]`.
            None => e.with_field(argument),
            Some(path) if path.starts_with('[') => e.with_field(argument),
            Some(_) => e,
        })
        .or_throw(env)
}

/// An optional record argument (a policy, a counter): the core's default when absent.
pub(crate) fn record_or_default<T: DeserializeOwned + Default>(
    env: &Env,
    argument: &str,
    value: Option<crate::arg::Value>,
) -> napi::Result<T> {
    value.map_or_else(|| Ok(T::default()), |v| record_value(env, argument, v.0))
}

/// A snapshot of machine `M` given by JavaScript (the core's `SNAPSHOT_*` errors).
pub(crate) fn snapshot<M: Machine>(env: &Env, value: &Value) -> napi::Result<Snapshot<M>> {
    Snapshot::<M>::from_json(&value.to_string()).or_throw(env)
}

/// Snapshots of machine `M` given by JavaScript.
pub(crate) fn snapshots<M: Machine>(
    env: &Env,
    values: &[crate::arg::Value],
) -> napi::Result<Vec<Snapshot<M>>> {
    values.iter().map(|v| snapshot::<M>(env, v)).collect()
}

/// A value of the core in its JSON form.
pub(crate) fn to_json<T: Serialize>(value: &T) -> napi::Result<Value> {
    serde_json::to_value(value).map_err(|e| crate::runtime::internal(&e.to_string()))
}

/// A value of the core as a JavaScript value: its ASCII JSON text (a one-byte string for V8)
/// given to `JSON.parse`, about three times faster than napi-rs's serializer, which makes every
/// key and value through N-API.
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

/// One record of the core as a JavaScript object (`compute`, the native records' `toJSON`):
/// what [`to_js`] gives, without `JSON.parse`, whose look-up of every short string is a third of
/// a `compute(record)` call (issue 15). The record's JSON with its strings as `""` and numbers as
/// `0` (the skeleton) and its values apart, joined by NULs: [`RECORD_JS`] compiles a builder per
/// skeleton (up to 64). What it cannot build (a NUL in a value, a skeleton over 16 KB, a number
/// key, code generation from strings disallowed) takes [`to_js`].
pub(crate) fn to_js_record<'env, T: Serialize>(
    env: &'env Env,
    value: &T,
) -> napi::Result<Unknown<'env>> {
    let Some(split) = Skeletons::of(std::slice::from_ref(value))? else {
        return to_js(env, value);
    };
    let (Some(skeleton), Some(values)) = (split.skeletons.first(), split.values(env)?) else {
        return to_js(env, value);
    };
    let build: Function<FnArgs<(Unknown<'_>, Unknown<'_>)>, Unknown<'_>> =
        crate::runtime::get(env)?.get_named_property_unchecked("record")?;
    let object = build.call((env.create_string_latin1(skeleton)?.to_unknown(), values).into())?;
    if object.get_type()? == napi::ValueType::Object {
        Ok(object)
    } else {
        to_js(env, value)
    }
}

/// Records of the core as a JavaScript array (a claim's lines), each made as [`to_js_record`]
/// makes one, [`CHUNK`] records per call to JavaScript (chunks keep each call's strings
/// short-lived).
pub(crate) fn to_js_records<'env, T: Serialize>(
    env: &'env Env,
    items: &[T],
) -> napi::Result<Unknown<'env>> {
    let len = u32::try_from(items.len()).map_err(|e| crate::runtime::internal(&e.to_string()))?;
    let array = env.create_array(len)?;
    let record: Object<'_> = crate::runtime::get(env)?.get_named_property_unchecked("record")?;
    let build: Many<'_> = record.get_named_property_unchecked("many")?;
    let mut start = 0u32;
    for chunk in items.chunks(CHUNK) {
        let Some(split) = Skeletons::of(chunk)? else {
            return to_js(env, &items);
        };
        let Some(values) = split.values(env)? else {
            return to_js(env, &items);
        };
        let skeletons = split.skeletons.join(&b'\x01');
        let which: Vec<String> = split.which.iter().map(usize::to_string).collect();
        #[allow(clippy::cast_precision_loss)] // a chunk's values are far below 2^53
        let count = split.count as f64;
        let built = build.call(
            (
                array.to_unknown(),
                start,
                env.create_string_latin1(&skeletons)?.to_unknown(),
                env.create_string_latin1(which.join(",").as_bytes())?
                    .to_unknown(),
                values,
                count,
            )
                .into(),
        )?;
        if !built {
            return to_js(env, &items);
        }
        start = start.saturating_add(u32::try_from(chunk.len()).unwrap_or(u32::MAX));
    }
    Ok(array.to_unknown())
}

/// `record.many(out, start, skeletons, which, values, count)` of [`RECORD_JS`].
type Many<'env> = Function<
    'env,
    FnArgs<(
        Unknown<'env>,
        u32,
        Unknown<'env>,
        Unknown<'env>,
        Unknown<'env>,
        f64,
    )>,
    bool,
>;

/// Records per call of [`to_js_records`].
const CHUNK: usize = 256;

/// Records written as skeletons and values (see [`to_js_record`]).
struct Skeletons {
    /// The distinct skeletons, in order of first use.
    skeletons: Vec<Vec<u8>>,
    /// The skeleton of each record.
    which: Vec<usize>,
    /// The values of every record, in order, joined by NULs.
    values: Vec<u8>,
    /// How many values.
    count: usize,
}

impl Skeletons {
    /// Most skeletons of one call ([`RECORD_JS`] keeps 64 in all).
    const MAX: usize = 64;

    /// `None` when the records cannot be so written (a NUL in a value, a number kept as text,
    /// a skeleton over 16 KB, more than [`Self::MAX`] skeletons).
    fn of<T: Serialize>(items: &[T]) -> napi::Result<Option<Self>> {
        let mut out = Skeletons {
            skeletons: Vec::new(),
            which: Vec::with_capacity(items.len()),
            values: Vec::with_capacity(512 * items.len().max(1)),
            count: 0,
        };
        let mut skeleton = Vec::with_capacity(1024);
        for item in items {
            skeleton.clear();
            let mut refused = false;
            item.serialize(&mut serde_json::Serializer::with_formatter(
                &mut skeleton,
                Split {
                    values: &mut out.values,
                    refused: &mut refused,
                    in_key: false,
                    count: &mut out.count,
                },
            ))
            .map_err(|e| crate::runtime::internal(&e.to_string()))?;
            if refused || skeleton.len() > 16 * 1024 {
                return Ok(None);
            }
            let index = match out.skeletons.iter().position(|s| *s == skeleton) {
                Some(index) => index,
                None if out.skeletons.len() < Self::MAX => {
                    // Moved, not copied: one record (`compute`) allocates nothing more.
                    out.skeletons.push(std::mem::take(&mut skeleton));
                    out.skeletons.len() - 1
                }
                None => return Ok(None),
            };
            out.which.push(index);
        }
        Ok(Some(out))
    }

    /// The values as one JavaScript string (`None`: not UTF-8, which serde_json never writes).
    fn values<'env>(&self, env: &'env Env) -> napi::Result<Option<Unknown<'env>>> {
        Ok(Some(match std::str::from_utf8(&self.values) {
            Ok(v) if v.is_ascii() => env.create_string_latin1(v.as_bytes())?.to_unknown(),
            Ok(v) => env.create_string(v)?.to_unknown(),
            Err(_) => return Ok(None),
        }))
    }
}

/// The JavaScript half of [`to_js_record`]: `(skeleton, values) => object`, or `null` when the
/// skeleton is left to `JSON.parse`; its `many` is the half of [`to_js_records`].
pub(crate) const RECORD_JS: &str = r#"(() => {
    const builders = new Map();
    const index = /^(?:0|[1-9][0-9]*)$/;
    // `{ build(v, o), count }`: the record from its values `v[o]…`, or `false` when the
    // skeleton is left to `JSON.parse`.
    const compile = (skeleton) => {
      let i = 0, ok = true;
      const code = (x) => {
        if (x === '') return `v[o+${i++}]`;
        if (typeof x === 'number') return `+v[o+${i++}]`;
        if (x === null || typeof x !== 'object') return JSON.stringify(x);
        if (Array.isArray(x)) return `[${x.map(code).join(',')}]`;
        return `{${Object.keys(x).map((k) => {
          if (index.test(k)) ok = false;
          return `${k === '__proto__' ? '["__proto__"]' : JSON.stringify(k)}:${code(x[k])}`;
        }).join(',')}}`;
      };
      const body = `return ${code(JSON.parse(skeleton))};`;
      if (!ok) return false;
      // Node run with --disallow-code-generation-from-strings refuses `new Function`: JSON.parse.
      try { return { build: new Function('v', 'o', body), count: i }; } catch { return false; }
    };
    let known = 0;
    const find = (skeleton) => {
      // By length, then compared: a Map keyed by the skeleton would hash its ~500 characters on
      // every call (a new string each time), which costs more than comparing them.
      let same = builders.get(skeleton.length);
      if (same !== undefined) {
        for (let i = 0; i < same.length; i += 2) if (same[i] === skeleton) return same[i + 1];
      }
      if (known >= 64) return false;
      const built = compile(skeleton);
      if (same === undefined) builders.set(skeleton.length, same = []);
      same.push(skeleton, built);
      known += 1;
      return built;
    };
    // One record: its skeleton, and its values joined by NULs.
    const one = (skeleton, values) => {
      const b = find(skeleton);
      if (!b) return null;
      const v = b.count === 0 ? [] : values.split('\0');
      return v.length === b.count ? b.build(v, 0) : null;
    };
    // Records into `out` from index `start`: their distinct skeletons joined by U+0001, the
    // skeleton of each (indices joined by commas), every value joined by NULs, and how many
    // values; `false` when one is left to `JSON.parse`.
    one.many = (out, start, skeletons, which, values, count) => {
      const b = skeletons.split('\x01').map(find);
      if (b.some((x) => !x)) return false;
      const v = count === 0 ? [] : values.split('\0');
      if (v.length !== count) return false;
      const w = which === '' ? [] : which.split(',');
      let o = 0;
      for (let i = 0; i < w.length; i++) {
        const x = b[+w[i]];
        if (o + x.count > count) return false;
        out[start + i] = x.build(v, o);
        o += x.count;
      }
      return o === count;
    };
    return one;
  })()"#;

/// The formatter of [`to_js_record`]: keys and structure to the skeleton, string and number
/// values to `values`.
struct Split<'a> {
    values: &'a mut Vec<u8>,
    refused: &'a mut bool,
    in_key: bool,
    /// How many values `values` holds (of this record and those before it).
    count: &'a mut usize,
}

impl Split<'_> {
    /// Starts a value: the NUL before every value but the first.
    fn next_value(&mut self) {
        if *self.count > 0 {
            self.values.push(0);
        }
        *self.count += 1;
    }
}

macro_rules! split_numbers {
    ($($method:ident: $ty:ty),*) => {
        $(fn $method<W: ?Sized + Write>(&mut self, writer: &mut W, value: $ty) -> std::io::Result<()> {
            let mut compact = serde_json::ser::CompactFormatter;
            if self.in_key {
                return compact.$method(writer, value);
            }
            self.next_value();
            compact.$method(self.values, value)?;
            writer.write_all(b"0")
        })*
    };
}

impl serde_json::ser::Formatter for Split<'_> {
    split_numbers!(
        write_i8: i8, write_i16: i16, write_i32: i32, write_i64: i64, write_i128: i128,
        write_u8: u8, write_u16: u16, write_u32: u32, write_u64: u64, write_u128: u128,
        write_f32: f32, write_f64: f64
    );

    fn write_number_str<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        value: &str,
    ) -> std::io::Result<()> {
        *self.refused = true;
        writer.write_all(value.as_bytes())
    }

    fn write_raw_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        *self.refused = true;
        writer.write_all(fragment.as_bytes())
    }

    fn begin_string<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        if self.in_key {
            return writer.write_all(b"\"");
        }
        self.next_value();
        writer.write_all(b"\"\"")
    }

    fn end_string<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        if self.in_key {
            writer.write_all(b"\"")
        } else {
            Ok(())
        }
    }

    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if self.in_key {
            return Ascii.write_string_fragment(writer, fragment);
        }
        if fragment.as_bytes().contains(&0) {
            *self.refused = true;
        }
        self.values.extend_from_slice(fragment.as_bytes());
        Ok(())
    }

    fn write_char_escape<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        char_escape: serde_json::ser::CharEscape,
    ) -> std::io::Result<()> {
        use serde_json::ser::CharEscape;
        if self.in_key {
            return serde_json::ser::CompactFormatter.write_char_escape(writer, char_escape);
        }
        let byte = match char_escape {
            CharEscape::Quote => b'"',
            CharEscape::ReverseSolidus => b'\\',
            CharEscape::Solidus => b'/',
            CharEscape::Backspace => 0x08,
            CharEscape::FormFeed => 0x0c,
            CharEscape::LineFeed => b'\n',
            CharEscape::CarriageReturn => b'\r',
            CharEscape::Tab => b'\t',
            CharEscape::AsciiControl(b) => b,
        };
        if byte == 0 {
            *self.refused = true;
        }
        self.values.push(byte);
        Ok(())
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.in_key = true;
        serde_json::ser::CompactFormatter.begin_object_key(writer, first)
    }

    fn end_object_key<W: ?Sized + Write>(&mut self, _writer: &mut W) -> std::io::Result<()> {
        self.in_key = false;
        Ok(())
    }
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

/// A calendar date argument: an ISO string (parsed by the core), a `Date` at midnight UTC, or
/// the epoch milliseconds of one (what `Date.UTC(2026, 0, 15)` gives); else `VALUE_INVALID_DATE`.
pub(crate) fn date(env: &Env, argument: &str, value: crate::arg::Day) -> napi::Result<time::Date> {
    match value.0 {
        crate::arg::When::Text(s) => apart::calendar::parse_date(&s),
        crate::arg::When::Millis(ms) => apart::float::date_of_millis(ms),
    }
    .map_err(|e| e.with_field(argument))
    .or_throw(env)
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
