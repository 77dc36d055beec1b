//! The Node.js binding of `apart` (napi-rs): package `apart` on npm.
//!
//! Thin by design (design §7, style §3): each export converts its arguments, makes one call
//! into `apart`, and converts the result or the error. No rule of the domain lives here.
//!
//! * Identifiers are strings; decimals strings (or numbers, see [`convert`]); dates ISO strings
//!   or a `Date` at midnight UTC; instants a `Date` or epoch milliseconds; records plain objects.
//! * Errors are `Error` subclasses, one per family of the core (`SiretError`, `InputError`…),
//!   with `code`, `family`, `message` (French), `messages`, `details` ([`error`]).
//! * Every export is `#[napi(catch_unwind)]`: a panic in the core (there should be none) becomes
//!   a JavaScript error instead of aborting the process.
#![deny(unsafe_code)]

pub mod account;
mod arg;
pub mod bench;
pub mod claim;
pub mod convert;
pub mod error;
pub mod fast;
pub mod forms;
mod handle;
pub mod indemnity;
mod js;
pub mod machine;
pub mod native;
pub mod procedure;
mod records;
mod runtime;
pub mod siret;

use napi::Env;
use napi::bindgen_prelude::Object;
use napi_derive::napi;

/// Runs once per JavaScript environment (the main thread and each worker) when the add-on
/// loads: creates and exports the error classes (one per family of the core) and
/// the native records (`NativeEmployeeMonth`, `NativeOutcome`: [`native`]).
#[napi(module_exports)]
pub fn init(mut exports: Object, env: Env) -> napi::Result<()> {
    native::install(&env, &exports)?;
    runtime::install(
        &env,
        &mut exports,
        &error::class_names(),
        &[
            ("joinStrings", fast::JOIN_JS),
            ("plainJson", &js::plain_json_js()),
            ("record", records::RECORD_JS),
        ],
    )
}
