//! The two conversions the SIRET hot paths need, and nothing else: a short JavaScript string
//! read in one N-API call without allocating, and an array of strings read in one call.
//!
//! napi-rs reads a `String` argument with two N-API calls (length, then copy) and a heap
//! allocation, and an array element by element (`napi_get_element` plus the string, per
//! element). For a SIRET, whose check takes a few nanoseconds, those dominate; see
//! benches/node/bench_siret.mjs for the figures.

use napi::bindgen_prelude::{Array, FromNapiValue, Function, JsObjectValue, Unknown};
use napi::{Env, ValueType, sys};

/// Enough for any identifier with separators; longer strings take napi-rs's own path.
const INLINE: usize = 64;

/// A JavaScript string argument, read into a stack buffer when it is short.
#[derive(Debug)]
pub struct ShortStr {
    inline: [u8; INLINE],
    len: usize,
    long: Option<String>,
}

impl ShortStr {
    /// The string.
    pub fn as_str(&self) -> &str {
        match &self.long {
            Some(s) => s,
            // N-API writes whole UTF-8 characters only (lone surrogates become U+FFFD), so this
            // never fails; an empty string would be a safe answer if it did.
            None => self
                .inline
                .get(..self.len)
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or(""),
        }
    }
}

#[allow(unsafe_code)]
impl FromNapiValue for ShortStr {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        let mut inline = [0u8; INLINE];
        let mut len = 0usize;
        // SAFETY: `env` and `value` come from napi-rs's argument conversion (valid for this
        // call); the buffer is `INLINE` writable bytes and N-API writes at most `INLINE - 1`
        // bytes plus a NUL, and the count of bytes written (without the NUL) into `len`.
        let status = unsafe {
            sys::napi_get_value_string_utf8(
                env,
                value,
                inline.as_mut_ptr().cast(),
                INLINE,
                &mut len,
            )
        };
        if status != sys::Status::napi_ok {
            // SAFETY: as above.
            let value = unsafe { napi::bindgen_prelude::Unknown::from_napi_value(env, value) }?;
            let e = apart::value::ValueError::wrong_type(
                apart::value::expected::A_STRING,
                &crate::js::describe(&value)?,
            );
            return Err(crate::error::throw(&Env::from_raw(env), &e));
        }
        // N-API stops before a character that does not fit: with fewer than 4 bytes to spare,
        // the string may have been cut, so read it whole.
        if len + 4 >= INLINE {
            // SAFETY: as above.
            let long = unsafe { String::from_napi_value(env, value) }?;
            return Ok(ShortStr {
                inline,
                len: 0,
                long: Some(long),
            });
        }
        Ok(ShortStr {
            inline,
            len,
            long: None,
        })
    }
}

/// The JavaScript half: checks that every element is a string without a line feed, and joins
/// them with line feeds (V8's native `join`), or returns `null` so that the caller reads the
/// array element by element (refusing an element that is not a string with the core's error).
pub(crate) const JOIN_JS: &str = r#"(inputs) => {
    if (!Array.isArray(inputs) || inputs.length === 0) return null;
    for (let i = 0; i < inputs.length; i++) {
      const s = inputs[i];
      if (typeof s !== 'string' || s.indexOf('\n') !== -1) return null;
    }
    return inputs.join('\n');
  }"#;

/// Reads an array of strings: one call to [`JOIN_JS`] and one string copy when it can, element
/// by element when it cannot. Calls `each` on every string, in order.
pub(crate) fn for_each_string(
    env: &Env,
    inputs: crate::arg::Array<'_>,
    mut each: impl FnMut(&str),
) -> napi::Result<()> {
    let join: Function<Array<'_>, Unknown> =
        crate::runtime::get(env)?.get_named_property_unchecked("joinStrings")?;
    let crate::arg::Array(inputs) = inputs;
    let joined = join.call(inputs)?;
    if joined.get_type()? == ValueType::String {
        let text = String::from_unknown(joined)?;
        text.split('\n').for_each(each);
        return Ok(());
    }
    for i in 0..inputs.len() {
        let s: Option<crate::arg::String> = inputs.get(i)?;
        each(s.as_deref().unwrap_or(""));
    }
    Ok(())
}
