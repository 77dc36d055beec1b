//! Errors as JavaScript `Error` subclasses.
//!
//! Every error of the core reaches JavaScript as an instance of one class per domain
//! (`SiretError`, `PhoneError`, `TransitionError`, …), all extending `ApartError extends Error`,
//! with `code` (the core's stable code), `message` (French, as the core's `Display`), `messages`
//! (`{ fr, en }`), `details` (the structured fields, strings and numbers) and every detail copied
//! onto the error itself (`err.expected`, `err.found`) unless it would hide a property of `Error`.
//!
//! The classes are written in JavaScript (a class extending `Error` is plain JS) and created
//! once per JavaScript environment, when the add-on loads: each worker thread gets its own, kept
//! in that environment's instance data so that a throw never crosses threads.
//!
//! The mapping from core error to class is a `match` on the core's types (`JsClass`); a new
//! domain error in the core must be given its class here (the umbrella `apart::Error` is
//! `#[non_exhaustive]`, so its new variants fall back to `ApartError` until they are named).

use apart::diagnostic::{DetailValue, Diagnostic, Lang};
use napi::bindgen_prelude::JsObjectValue;
use napi::bindgen_prelude::{Function, Object, ObjectRef, Unknown};
use napi::{Env, Status};
use serde_json::{Map, Value};

/// The classes, in JavaScript. `ApartError` takes one payload object so that the constructor
/// stays the same whatever a domain's fields are.
const CLASSES_JS: &str = r#"(() => {
  const reserved = new Set(['name', 'message', 'stack', 'code', 'messages', 'details', 'fields', 'cause']);
  class ApartError extends Error {
    constructor(payload) {
      super(payload.message);
      Object.defineProperty(this, 'name', { value: new.target.name, enumerable: false, configurable: true, writable: true });
      this.code = payload.code;
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

/// Every class below `ApartError`, one per domain error of the core, plus `ArgumentError` for a
/// value JavaScript gave that the binding cannot pass on (a `NaN`, a bad `Date`).
pub(crate) const CLASS_NAMES: &[&str] = &[
    "ArgumentError",
    "SiretError",
    "PhoneError",
    "EmailError",
    "EmailConfirmationError",
    "PostalCodeError",
    "CityError",
    "TextError",
    "PersonNameError",
    "SecretAnswerError",
    "LoginIdentifierError",
    "AddressError",
    "HumanCheckError",
    "FormError",
    "TransitionError",
    "SnapshotError",
    "MachineError",
    "AccountError",
    "EntropyError",
    "IndemnityError",
    "LawError",
    "ValueError",
    "ProcedureError",
];

/// The classes (and the batch helper of [`crate::fast`]) of one JavaScript environment (main
/// thread or worker).
struct Runtime(ObjectRef<false>);

/// Creates the classes, exports them and keeps them for this environment.
pub(crate) fn install(env: &Env, exports: &mut Object) -> napi::Result<()> {
    let names = serde_json::to_string(CLASS_NAMES).map_err(|e| internal(e.to_string()))?;
    let script = CLASSES_JS
        .replace("NAMES", &names)
        .replace("JOIN", crate::fast::JOIN_JS);
    let runtime: Object = env.run_script(script)?;
    let classes: Object = runtime.get_named_property("classes")?;
    exports.set_named_property(
        "ApartError",
        classes.get_named_property::<Unknown>("ApartError")?,
    )?;
    for name in CLASS_NAMES {
        exports.set_named_property(name, classes.get_named_property::<Unknown>(name)?)?;
    }
    env.set_instance_data(Runtime(runtime.create_ref()?), (), |_| {})?;
    Ok(())
}

/// This environment's runtime object: `{ classes, joinStrings }`.
pub(crate) fn runtime(env: &Env) -> napi::Result<Object<'_>> {
    env.get_instance_data::<Runtime>()?
        .ok_or_else(|| internal("the add-on's runtime is not installed".into()))?
        .0
        .get_value(env)
}

/// The JavaScript class of a core error.
pub(crate) trait JsClass: Diagnostic {
    /// The class name, one of [`CLASS_NAMES`].
    fn class(&self) -> &'static str;

    /// Extra properties of the payload (the fields of a `FormError`).
    fn extra(&self) -> Option<(&'static str, Value)> {
        None
    }
}

macro_rules! js_class {
    ($($t:ty => $name:literal),* $(,)?) => {$(
        impl JsClass for $t {
            fn class(&self) -> &'static str {
                $name
            }
        }
    )*};
}

js_class! {
    apart::siret::SiretError => "SiretError",
    apart::forms::PhoneError => "PhoneError",
    apart::forms::EmailError => "EmailError",
    apart::forms::EmailConfirmationError => "EmailConfirmationError",
    apart::forms::PostalCodeError => "PostalCodeError",
    apart::forms::CityError => "CityError",
    apart::forms::TextError => "TextError",
    apart::forms::PersonNameError => "PersonNameError",
    apart::forms::SecretAnswerError => "SecretAnswerError",
    apart::forms::LoginIdentifierError => "LoginIdentifierError",
    apart::forms::AddressError => "AddressError",
    apart::forms::HumanCheckError => "HumanCheckError",
    apart::machine::TransitionError => "TransitionError",
    apart::machine::SnapshotError => "SnapshotError",
    apart::seal::SealError => "SnapshotError",
    crate::convert::ArgumentError => "ArgumentError",
    crate::machine::MachineError => "MachineError",
    apart::account::AccountError => "AccountError",
    apart::entropy::EntropyError => "EntropyError",
    apart::indemnity::IndemnityError => "IndemnityError",
    apart::law::LawError => "LawError",
    apart::value::ValueError => "ValueError",
    apart::money::MoneyError => "ValueError",
    apart::procedure::ProcedureError => "ProcedureError",
}

impl JsClass for apart::forms::FieldErrors {
    fn class(&self) -> &'static str {
        "FormError"
    }

    fn extra(&self) -> Option<(&'static str, Value)> {
        let fields = self
            .iter()
            .map(|f| {
                let mut o = Map::new();
                o.insert("field".into(), f.field().into());
                o.insert("code".into(), f.code().into());
                o.insert("message".into(), f.message(Lang::Fr).into());
                o.insert("messages".into(), messages(f));
                o.insert("params".into(), details(f));
                Value::Object(o)
            })
            .collect();
        Some(("fields", Value::Array(fields)))
    }
}

impl JsClass for apart::machine::MachineError {
    fn class(&self) -> &'static str {
        match self {
            apart::machine::MachineError::Snapshot(e) => e.class(),
            apart::machine::MachineError::Transition(e) => e.class(),
            _ => "ApartError",
        }
    }
}

impl JsClass for apart::Error {
    fn class(&self) -> &'static str {
        match self {
            apart::Error::Siret(e) => e.class(),
            apart::Error::Transition(e) => e.class(),
            apart::Error::Snapshot(e) => e.class(),
            apart::Error::Form(e) => e.class(),
            apart::Error::Account(e) => e.class(),
            apart::Error::Indemnity(e) => e.class(),
            apart::Error::Procedure(e) => e.class(),
            apart::Error::Seal(e) => e.class(),
            // A domain added to the core after this binding: still an `ApartError` with its
            // code, message and fields.
            _ => "ApartError",
        }
    }

    fn extra(&self) -> Option<(&'static str, Value)> {
        match self {
            apart::Error::Form(e) => e.extra(),
            _ => None,
        }
    }
}

fn messages<E: Diagnostic + ?Sized>(e: &E) -> Value {
    let mut o = Map::new();
    o.insert("fr".into(), e.message(Lang::Fr).into());
    o.insert("en".into(), e.message(Lang::En).into());
    Value::Object(o)
}

fn details<E: Diagnostic + ?Sized>(e: &E) -> Value {
    let mut o = Map::new();
    for (name, value) in e.details() {
        let v = match value {
            DetailValue::Text(s) => Value::String(s),
            // Details are lengths, indexes, digits and versions: far below 2^53.
            DetailValue::Int(i) => Value::from(i),
        };
        o.insert(name.into(), v);
    }
    Value::Object(o)
}

/// The payload given to the class constructor.
fn payload<E: JsClass + ?Sized>(e: &E) -> Value {
    let mut o = Map::new();
    o.insert("code".into(), e.code().into());
    o.insert("message".into(), e.message(Lang::Fr).into());
    o.insert("messages".into(), messages(e));
    o.insert("details".into(), details(e));
    if let Some((key, value)) = e.extra() {
        o.insert(key.into(), value);
    }
    Value::Object(o)
}

/// The JavaScript error for a core error, ready to be thrown by returning it as `Err`.
pub(crate) fn throw<E: JsClass + ?Sized>(env: &Env, e: &E) -> napi::Error {
    match build(env, e) {
        Ok(error) => error,
        // Only if the environment is shutting down: a plain `Error` with the code.
        Err(_) => napi::Error::new(
            Status::GenericFailure,
            format!("{}: {}", e.code(), e.message(Lang::Fr)),
        ),
    }
}

fn build<E: JsClass + ?Sized>(env: &Env, e: &E) -> napi::Result<napi::Error> {
    Ok(napi::Error::from(instance(env, e)?))
}

/// The JavaScript error object for a core error, to return rather than throw (when an outcome
/// carries records to store even on failure).
pub(crate) fn instance<'env, E: JsClass + ?Sized>(
    env: &'env Env,
    e: &E,
) -> napi::Result<Unknown<'env>> {
    let classes: Object = runtime(env)?.get_named_property("classes")?;
    let class: Function<Value, Unknown> = classes.get_named_property(e.class())?;
    class.new_instance(payload(e))
}

fn internal(reason: String) -> napi::Error {
    napi::Error::new(Status::GenericFailure, reason)
}

/// `Result<T, E>` into a napi result throwing the error's class.
pub(crate) trait OrThrow<T> {
    /// Converts the error with [`throw`].
    fn or_throw(self, env: &Env) -> napi::Result<T>;
}

impl<T, E: JsClass> OrThrow<T> for Result<T, E> {
    fn or_throw(self, env: &Env) -> napi::Result<T> {
        self.map_err(|e| throw(env, &e))
    }
}
