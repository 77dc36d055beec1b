//! apart: the employer-side rules of France's *activité partielle* (short-time work) scheme.
#![forbid(unsafe_code)]

pub mod error;
pub mod forms;
pub mod machine;
pub mod procedure;
pub mod siret;

#[doc(hidden)]
pub mod __private {
    //! Re-exports for the crate's macros; not public API.
    pub use serde;
}

pub use error::{Diagnostic, Error, Lang};
