//! The Node.js binding of `apart` (napi-rs): package `apart` on npm.
//!
//! Thin by design (design §7, style §3): each export converts its arguments, makes one call
//! into `apart`, and converts the result or the error. No rule of the domain lives here.
//!
//! * Identifiers are strings; decimals strings (or numbers, see [`convert`]); dates ISO strings
//!   or a `Date` at midnight UTC; instants a `Date` or epoch milliseconds; records plain objects.
//! * Errors are `Error` subclasses with `code`, `message` (French), `messages`, `details`
//!   ([`error`]).
//! * Every export is `#[napi(catch_unwind)]`: a panic in the core (there should be none) becomes
//!   a JavaScript error instead of aborting the process.
#![deny(unsafe_code)]

pub mod account;
pub mod convert;
pub mod error;
pub mod fast;
pub mod forms;
pub mod indemnity;
pub mod machine;
pub mod procedure;
pub mod siret;

use napi::Env;
use napi::bindgen_prelude::Object;
use napi_derive::napi;

/// Runs once per JavaScript environment (the main thread and each worker) when the add-on
/// loads: creates and exports the error classes.
#[napi(module_exports)]
pub fn init(mut exports: Object, env: Env) -> napi::Result<()> {
    error::install(&env, &mut exports)
}
