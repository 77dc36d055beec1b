//! apart: the employer-side rules of France's *activité partielle* (short-time work) scheme.
#![forbid(unsafe_code)]

pub mod error;
pub mod indemnity;
pub mod law;
pub mod money;
pub mod siret;

pub use error::{Diagnostic, Error, Lang};
