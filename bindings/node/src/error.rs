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

use std::any::Any;

use apart::diagnostic::{Diagnostic, Family, Lang};
use apart::forms::FieldErrors;
use apart::thrown::ThrownRecord;
use napi::Env;
use napi::bindgen_prelude::{Function, JsObjectValue, Object, Unknown};
use serde_json::Value;

/// Every class below `ApartError` and its family: one per family of the core, in
/// `Family::ALL`'s order.
pub(crate) fn class_names() -> Vec<(&'static str, &'static str)> {
    Family::ALL
        .iter()
        .map(|f| (f.class_name(), f.as_str()))
        .collect()
}

/// The refused fields of a form's error (a `FormError` lists them all in `fields`).
fn form_fields(e: &dyn Any) -> Option<&FieldErrors> {
    match e.downcast_ref::<apart::Error>() {
        Some(apart::Error::Form(fields)) => Some(fields),
        _ => e.downcast_ref::<FieldErrors>(),
    }
}

/// The payload given to the class constructor: the core's `ThrownRecord`.
fn payload<E: Diagnostic + Any>(e: &E) -> napi::Result<Value> {
    crate::records::to_json(&ThrownRecord::of(e, form_fields(e)))
}

/// The JavaScript error for a core error, ready to be thrown by returning it as `Err`.
pub(crate) fn throw<E: Diagnostic + Any>(env: &Env, e: &E) -> napi::Error {
    match instance(env, e) {
        Ok(error) => napi::Error::from(error),
        // Only if the environment is shutting down: a plain `Error` with the code.
        Err(_) => crate::runtime::internal(&format!("{}: {}", e.code(), e.message(Lang::Fr))),
    }
}

/// The JavaScript error object for a core error, to return rather than throw (when an outcome
/// carries records to store even on failure).
pub(crate) fn instance<'env, E: Diagnostic + Any>(
    env: &'env Env,
    e: &E,
) -> napi::Result<Unknown<'env>> {
    let classes: Object = crate::runtime::get(env)?.get_named_property("classes")?;
    let class: Function<Value, Unknown> = classes.get_named_property(e.family().class_name())?;
    class.new_instance(payload(e)?)
}

/// `Result<T, E>` into a napi result throwing the error's class.
pub(crate) trait OrThrow<T> {
    /// Converts the error with [`throw`].
    fn or_throw(self, env: &Env) -> napi::Result<T>;
}

impl<T, E: Diagnostic + Any> OrThrow<T> for Result<T, E> {
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
