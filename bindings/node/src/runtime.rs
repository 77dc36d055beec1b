//! What the add-on keeps per JavaScript environment (the main thread and each worker): the
//! error classes, `JSON.parse` and the helpers of [`crate::fast`] and [`crate::js`], created by
//! a short script when the add-on loads, kept in that environment's instance data so that
//! nothing crosses threads.
//!
//! This module is the ground of the binding: [`crate::error`], [`crate::fast`] and
//! [`crate::js`] use it, it uses none of them (it is given the class names and the helpers).

use napi::bindgen_prelude::{JsObjectValue, Object, ObjectRef, Unknown};
use napi::{Env, Status};

/// The classes and helpers, in JavaScript. The add-on makes an error with one payload object
/// (`{ code, family, message, messages, details, fields }`); JavaScript (a test's mock) with
/// `Error`'s arguments, `new SiretError(message, { code, details, messages, fields, cause })`:
/// `code` defaults to `''`, `messages` to the message in both languages, `details` to `{}`, the
/// family is the class's. A subclass per family in `NAMES` (`[class, family]` pairs).
const RUNTIME_JS: &str = r#"(() => {
  const reserved = new Set(['name', 'message', 'stack', 'code', 'family', 'messages', 'details', 'fields', 'cause']);
  class ApartError extends Error {
    constructor(message, options, family) {
      const p = typeof message === 'object' && message !== null ? message
        : { ...options, message: message === undefined ? '' : String(message) };
      super(p.message, 'cause' in p ? { cause: p.cause } : undefined);
      Object.defineProperty(this, 'name', { value: new.target.name, enumerable: false, configurable: true, writable: true });
      this.code = p.code ?? '';
      this.family = family ?? p.family;
      this.messages = p.messages ?? { fr: p.message, en: p.message };
      this.details = p.details ?? {};
      if (p.fields !== undefined) this.fields = p.fields;
      for (const [key, value] of Object.entries(this.details)) {
        if (!reserved.has(key)) this[key] = value;
      }
    }
  }
  const classes = { ApartError };
  for (const [name, family] of NAMES) {
    classes[name] = { [name]: class extends ApartError {
      constructor(message, options) { super(message, options, family); }
    } }[name];
  }
  return { classes, parse: JSON.parse, HELPERS };
})()"#;

/// This environment's runtime object: `{ classes, parse, …helpers }`.
struct Runtime(ObjectRef<false>);

/// Creates the runtime of this environment, exports `ApartError` and the classes named
/// `class_names` (with their families), and keeps it. `helpers` are the other functions, by
/// name and source.
pub(crate) fn install(
    env: &Env,
    exports: &mut Object,
    class_names: &[(&str, &str)],
    helpers: &[(&str, &str)],
) -> napi::Result<()> {
    let names = serde_json::to_string(class_names).map_err(|e| internal(&e.to_string()))?;
    let helpers: Vec<String> = helpers
        .iter()
        .map(|(name, source)| format!("{name}: {source}"))
        .collect();
    let script = RUNTIME_JS
        .replace("NAMES", &names)
        .replace("HELPERS", &helpers.join(",\n"));
    let runtime: Object = env.run_script(script)?;
    let classes: Object = runtime.get_named_property("classes")?;
    exports.set_named_property(
        "ApartError",
        classes.get_named_property::<Unknown>("ApartError")?,
    )?;
    for (name, _) in class_names {
        exports.set_named_property(name, classes.get_named_property::<Unknown>(name)?)?;
    }
    env.set_instance_data(Runtime(runtime.create_ref()?), (), |_| {})?;
    Ok(())
}

/// This environment's runtime object: `{ classes, parse, …helpers }`.
pub(crate) fn get(env: &Env) -> napi::Result<Object<'_>> {
    env.get_instance_data::<Runtime>()?
        .ok_or_else(|| internal("the add-on's runtime is not installed"))?
        .0
        .get_value(env)
}

/// A failure of the binding itself (the environment shutting down): a plain `Error`.
pub(crate) fn internal(reason: &str) -> napi::Error {
    napi::Error::new(Status::GenericFailure, reason.to_owned())
}
