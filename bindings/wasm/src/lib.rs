//! The browser binding of `apart` (wasm-bindgen): package `apart-wasm` on npm.
//!
//! The same core, byte for byte the same rules, compiled to `wasm32-unknown-unknown`. Thin by
//! design (design §7): each export converts its arguments, makes one call into `apart`, and
//! converts the result or the error. No rule of the domain lives here.
//!
//! * Records go in as plain JavaScript objects and are read by the core's serde shapes
//!   (`apart::value::from_json_value`: unknown fields refused, typed errors naming the field);
//!   they come back as plain objects (the core's JSON). Decimals are strings (an integer
//!   `number` is accepted; a non-integer one is `VALUE_FLOAT_REFUSED`, `NaN` `VALUE_NOT_FINITE`).
//! * Errors are instances of one class per family (`SiretError`, `FormError`, `InputError`…),
//!   all extending `ApartError extends Error` ([`error`]).
//! * What the browser build leaves out: the operating system's entropy (randomness comes in
//!   from JavaScript, `crypto.getRandomValues` by default) and Argon2 (hashing a secret answer
//!   belongs on the server).
#![deny(unsafe_code)]

#[cfg(feature = "lifecycles")]
pub mod account;
pub mod claim_csv;
pub mod convert;
pub mod error;
pub mod forms;
pub mod indemnity;
#[cfg(feature = "lifecycles")]
pub mod machine;
#[cfg(feature = "lifecycles")]
pub mod procedure;
pub mod siret;
mod types;
