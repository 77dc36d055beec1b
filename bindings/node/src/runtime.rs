//! What the add-on keeps per JavaScript environment (the main thread and each worker): the
//! error classes and the batch helper of [`crate::fast`], created by a short script when the
//! add-on loads, kept in that environment's instance data so that nothing crosses threads.
//!
//! This module is the ground of the binding: [`crate::error`] and [`crate::fast`] use it, it
//! uses neither (it is given the class names and the helper's source).

use napi::bindgen_prelude::{JsObjectValue, Object, ObjectRef, Unknown};
use napi::{Env, Status};

/// The classes and helpers, in JavaScript. `ApartError` takes one payload object so that its
/// constructor stays the same whatever the family; a subclass per family name in `NAMES`.
const RUNTIME_JS: &str = r#"(() => {
  const reserved = new Set(['name', 'message', 'stack', 'code', 'family', 'messages', 'details', 'fields', 'cause']);
  class ApartError extends Error {
    constructor(payload) {
      super(payload.message);
      Object.defineProperty(this, 'name', { value: new.target.name, enumerable: false, configurable: true, writable: true });
      this.code = payload.code;
      this.family = payload.family;
      this.messages = payload.messages;
      this.details = payload.details;
      if (payload.fields !== undefined) this.fields = payload.fields;
      for (const [key, value] of Object.entries(payload.details)) {
        if (!reserved.has(key)) this[key] = value;
      }
    }
  }
  const classes = { ApartError };
  for (const name of NAMES) {
    classes[name] = { [name]: class extends ApartError {} }[name];
  }
  return { classes, joinStrings: JOIN };
})()"#;

/// This environment's runtime object: `{ classes, joinStrings }`.
struct Runtime(ObjectRef<false>);

/// Creates the runtime of this environment, exports `ApartError` and the classes named
/// `class_names`, and keeps it. `join_js` is the source of the `joinStrings` helper.
pub(crate) fn install(
    env: &Env,
    exports: &mut Object,
    class_names: &[&str],
    join_js: &str,
) -> napi::Result<()> {
    let names = serde_json::to_string(class_names).map_err(|e| internal(&e.to_string()))?;
    let script = RUNTIME_JS.replace("NAMES", &names).replace("JOIN", join_js);
    let runtime: Object = env.run_script(script)?;
    let classes: Object = runtime.get_named_property("classes")?;
    exports.set_named_property(
        "ApartError",
        classes.get_named_property::<Unknown>("ApartError")?,
    )?;
    for name in class_names {
        exports.set_named_property(name, classes.get_named_property::<Unknown>(name)?)?;
    }
    env.set_instance_data(Runtime(runtime.create_ref()?), (), |_| {})?;
    Ok(())
}

/// This environment's runtime object: `{ classes, joinStrings }`.
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
