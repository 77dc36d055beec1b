//! apart: the employer-side rules of France's *activité partielle* (short-time work) scheme.
#![forbid(unsafe_code)]

pub mod error;
pub mod forms;
pub mod siret;

pub use error::{Diagnostic, Error, Lang};
