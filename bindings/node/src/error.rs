//! Errors as JavaScript `Error` subclasses, one per family of the core.
//!
//! Every error reaches JavaScript as an instance of the class of its family
//! (`Family::class_name()`: `SiretError`, `FormError`, `InputError`, …), all extending
//! `ApartError extends Error`, with `code` (the core's stable code), `family`, `message`
//! (French), `messages` (`{ fr, en }`), `details` (the structured fields, strings and numbers)
//! and every detail copied onto the error itself (`err.expected`) unless it would hide a
//! property of `Error`. A `FormError` also has `fields`, one entry per refused field.
//!
//! The classes are made from `Family::ALL` ([`class_names`]) when the add-on loads
//! ([`crate::runtime`]); nothing here names a domain.

use apart::diagnostic::{DetailValue, Diagnostic, Family, Lang};
use napi::Env;
use napi::bindgen_prelude::{Function, JsObjectValue, Object, Unknown};
use serde_json::{Map, Value};

/// Every class below `ApartError` and its family: one per family of the core, in
/// `Family::ALL`'s order.
pub(crate) fn class_names() -> Vec<(&'static str, &'static str)> {
    Family::ALL
        .iter()
        .map(|f| (f.class_name(), f.as_str()))
        .collect()
}

/// A diagnostic as the binding throws it: the core's error, and for a form the refused fields.
pub(crate) trait Thrown: Diagnostic {
    /// Extra properties of the payload (the fields of a `FormError`).
    fn extra(&self) -> Option<(&'static str, Value)> {
        None
    }
}

macro_rules! thrown {
    ($($t:ty),* $(,)?) => {$( impl Thrown for $t {} )*};
}

thrown! {
    apart::siret::SiretError,
    apart::forms::PhoneError,
    apart::forms::EmailError,
    apart::forms::EmailConfirmationError,
    apart::forms::PostalCodeError,
    apart::forms::CityError,
    apart::forms::TextError,
    apart::forms::PersonNameError,
    apart::forms::SecretAnswerError,
    apart::forms::LoginIdentifierError,
    apart::forms::AddressError,
    apart::forms::HumanCheckError,
    apart::machine::TransitionError,
    apart::machine::SnapshotError,
    apart::seal::SealError,
    apart::machine::MachineError,
    apart::account::AccountError,
    apart::entropy::EntropyError,
    apart::indemnity::IndemnityError,
    apart::indemnity::claim_csv::CsvError,
    apart::law::LawError,
    apart::value::ValueError,
    apart::money::MoneyError,
    apart::procedure::ProcedureError,
    apart::diagnostic::InternalError,
}

impl Thrown for apart::forms::FieldErrors {
    fn extra(&self) -> Option<(&'static str, Value)> {
        let fields = self
            .iter()
            .map(|f| {
                let mut o = Map::new();
                o.insert("field".into(), f.field().into());
                o.insert("code".into(), f.code().into());
                o.insert("message".into(), f.message(Lang::Fr).into());
                o.insert("family".into(), f.family().as_str().into());
                o.insert("messages".into(), messages(f));
                o.insert("details".into(), details(f));
                Value::Object(o)
            })
            .collect();
        Some(("fields", Value::Array(fields)))
    }
}

impl Thrown for apart::Error {
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
fn payload<E: Thrown + ?Sized>(e: &E) -> Value {
    let mut o = Map::new();
    o.insert("code".into(), e.code().into());
    o.insert("family".into(), e.family().as_str().into());
    o.insert("message".into(), e.message(Lang::Fr).into());
    o.insert("messages".into(), messages(e));
    o.insert("details".into(), details(e));
    if let Some((key, value)) = e.extra() {
        o.insert(key.into(), value);
    }
    Value::Object(o)
}

/// The JavaScript error for a core error, ready to be thrown by returning it as `Err`.
pub(crate) fn throw<E: Thrown + ?Sized>(env: &Env, e: &E) -> napi::Error {
    match instance(env, e) {
        Ok(error) => napi::Error::from(error),
        // Only if the environment is shutting down: a plain `Error` with the code.
        Err(_) => crate::runtime::internal(&format!("{}: {}", e.code(), e.message(Lang::Fr))),
    }
}

/// The JavaScript error object for a core error, to return rather than throw (when an outcome
/// carries records to store even on failure).
pub(crate) fn instance<'env, E: Thrown + ?Sized>(
    env: &'env Env,
    e: &E,
) -> napi::Result<Unknown<'env>> {
    let classes: Object = crate::runtime::get(env)?.get_named_property("classes")?;
    let class: Function<Value, Unknown> = classes.get_named_property(e.family().class_name())?;
    class.new_instance(payload(e))
}

/// `Result<T, E>` into a napi result throwing the error's class.
pub(crate) trait OrThrow<T> {
    /// Converts the error with [`throw`].
    fn or_throw(self, env: &Env) -> napi::Result<T>;
}

impl<T, E: Thrown> OrThrow<T> for Result<T, E> {
    fn or_throw(self, env: &Env) -> napi::Result<T> {
        self.map_err(|e| throw(env, &e))
    }
}

/// The `InternalError` (INTERNAL_PANIC) for a panic napi-rs caught: used by index.js.
#[napi_derive::napi(js_name = "__internalError", skip_typescript, catch_unwind)]
pub fn internal_error<'env>(
    env: &'env Env,
    reason: crate::arg::String,
) -> napi::Result<Unknown<'env>> {
    instance(env, &apart::diagnostic::InternalError::panic(&reason))
}
