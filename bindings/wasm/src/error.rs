//! Errors as JavaScript `Error` subclasses, one per family.
//!
//! The class of an error is `Family::class_name()` of its `Diagnostic::family()`; the classes
//! live in `js/errors.js` (generated from `Family::ALL`, see the test below), which both the
//! wasm-bindgen glue and the package's entry point import, so that `instanceof` holds. Each
//! error carries `code`, `family`, `message` (French), `messages` (`{fr, en}`) and `details`;
//! a form's error (`FORM_INVALID`) carries every refused field in `fields`.

use apart::diagnostic::Diagnostic;
use apart::forms::FieldErrors;
use apart::thrown::ThrownRecord;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(raw_module = "./errors.js")]
extern "C" {
    /// Builds the error object of `payload` (JSON: a `DiagnosticRecord` plus `fields`).
    #[wasm_bindgen(js_name = apartError)]
    fn apart_error(payload: &str) -> JsValue;
}

/// The payload of the class constructor: the core's `ThrownRecord`, as Node's.
fn payload<D: Diagnostic + ?Sized>(e: &D, fields: Option<&FieldErrors>) -> String {
    serde_json::to_string(&ThrownRecord::of(e, fields)).unwrap_or_else(|_| {
        // Only a bug could get here: say so with the code kept. Written by hand, as writing
        // failed; a string always writes.
        let bug = apart::diagnostic::InternalError::Unwritable { code: e.code() };
        let text = |s: String| serde_json::Value::String(s).to_string();
        format!(
            r#"{{"code":{},"family":"internal","messages":{{"fr":{},"en":{}}},"details":{{"code":{}}}}}"#,
            text(bug.code().to_owned()),
            text(bug.message(apart::Lang::Fr)),
            text(bug.message(apart::Lang::En)),
            text(e.code().to_owned()),
        )
    })
}

/// The JavaScript error of a core error, ready to be thrown (returned as `Err`).
pub fn throw<D: Diagnostic + ?Sized>(e: &D) -> JsValue {
    apart_error(&payload(e, None))
}

/// The `FormError` of a form's refused fields, with every field in `fields`.
pub fn throw_form(e: &FieldErrors) -> JsValue {
    apart_error(&payload(e, Some(e)))
}

/// The `FormError` of an umbrella error when it is a form's, else its family's class.
pub fn throw_any(e: &apart::Error) -> JsValue {
    match e {
        apart::Error::Form(f) => throw_form(f),
        other => throw(other),
    }
}

/// `Result<T, E>` into a result whose error is thrown in JavaScript.
pub trait OrThrow<T> {
    /// Converts the error with [`throw`].
    fn or_throw(self) -> Result<T, JsValue>;
}

impl<T, E: Diagnostic> OrThrow<T> for Result<T, E> {
    fn or_throw(self) -> Result<T, JsValue> {
        self.map_err(|e| throw(&e))
    }
}

/// The text of `js/errors.js`: the classes of `Family::ALL`.
pub fn errors_js() -> String {
    let mut out = String::from(ERRORS_JS_HEAD);
    for f in apart::Family::ALL {
        out.push_str(&format!(
            "/** Family `{0}`. */\nexport class {1} extends ApartError {{\n  constructor(message, options) {{\n    super(message, options, '{0}')\n  }}\n}}\n",
            f.as_str(),
            f.class_name()
        ));
    }
    out.push_str("\nconst classes = {\n");
    for f in apart::Family::ALL {
        out.push_str(&format!("  {}: {},\n", f.as_str(), f.class_name()));
    }
    out.push_str(ERRORS_JS_TAIL);
    out
}

/// The TypeScript declarations of `js/errors.js`: the core's, the same file as Node's.
#[cfg(test)]
fn errors_dts() -> String {
    apart::ts::error_declarations()
}

const ERRORS_JS_HEAD: &str = r#"// Generated from apart::Family::ALL by bindings/wasm (cargo test -p apart-wasm regenerates it
// with APART_WASM_REGENERATE=1); do not edit by hand.

const reserved = new Set(['name', 'message', 'stack', 'code', 'family', 'messages', 'details', 'fields', 'cause'])

/**
 * Every error of the library. `code` is stable public API; `message` is French. The library
 * makes one from its payload; a test's mock with `Error`'s arguments,
 * `new SiretError(message, { code, details, messages, fields, cause })` (the family is the
 * class's, `code` defaults to '', `messages` to the message in both languages), as in Node.
 */
export class ApartError extends Error {
  constructor(message, options, family) {
    const p = typeof message === 'object' && message !== null ? message
      : { ...options, message: message === undefined ? '' : String(message) }
    const text = p.messages?.fr ?? p.message
    super(text, 'cause' in p ? { cause: p.cause } : undefined)
    Object.defineProperty(this, 'name', { value: new.target.name, enumerable: false, configurable: true, writable: true })
    this.code = p.code ?? ''
    this.family = family ?? p.family
    this.messages = p.messages ?? { fr: text, en: text }
    this.details = p.details ?? {}
    if (p.fields !== undefined) {
      this.fields = p.fields.map((f) => ({ ...f, message: f.message ?? f.messages?.fr }))
    }
    for (const [key, value] of Object.entries(this.details)) {
      if (!reserved.has(key)) this[key] = value
    }
  }
}

"#;

const ERRORS_JS_TAIL: &str = r#"}

/** The error object of a payload written by the Rust side (a DiagnosticRecord as JSON). */
export function apartError(json) {
  const payload = JSON.parse(json)
  const Class = classes[payload.family] ?? ApartError
  return new Class(payload)
}
"#;

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    /// `js/errors.js` and `js/errors.d.ts` are what `Family::ALL` gives, `js/records.d.ts` what
    /// `apart::ts::declarations()` gives (the same two .d.ts files as Node's); regenerate them with
    /// `APART_WASM_REGENERATE=1 cargo test -p apart-wasm`.
    #[test]
    fn generated_files_are_what_the_core_gives() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("js");
        for (file, text) in [
            ("errors.js", super::errors_js()),
            ("errors.d.ts", super::errors_dts()),
            ("records.d.ts", apart::ts::declarations()),
        ] {
            let path = dir.join(file);
            if std::env::var_os("APART_WASM_REGENERATE").is_some() {
                std::fs::write(&path, &text).unwrap();
            }
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                committed == text,
                "bindings/wasm/js/{file} is not what the core generates: run \
                 APART_WASM_REGENERATE=1 cargo test -p apart-wasm and commit it"
            );
        }
    }
}
