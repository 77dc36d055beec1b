//! Kotlin and Swift bindings of [`apart`] through uniffi (proc-macro mode).
//!
//! This crate is thin: each exported item is a conversion and one call into `apart`, and every
//! error arrives as an [`ApartError`] carrying the core's code, French and English messages and
//! structured fields. No rule lives here.
//!
//! * Identifiers (`Siren`, `Nic`, `Siret`, `Tva`), parsed form fields, the law book and recaps
//!   are uniffi objects wrapping the core's validated value: holding one means it passed every
//!   check.
//! * Amounts, hours and rates are the core's newtypes as custom types over their decimal text
//!   (`java.math.BigDecimal` in Kotlin); months are `java.time.YearMonth`, civil dates
//!   [`CivilDate`] (`java.time.LocalDate`), instants [`Instant`] (`java.time.Instant`, Swift
//!   `Date`), and the `now` of machines [`OffsetDateTime`] (its offset gives local dates).
//!   Values that cannot be converted are refused with an [`ApartError::Value`], never a uniffi
//!   internal error: every function taking one returns a `Result`.
//! * Lifecycles are driven through [`Machine`], a JSON-speaking view of every state machine;
//!   the account, recovery and procedure functions beyond the machines take and return
//!   snapshots as JSON text too.
//!
//! `unsafe` appears only in the code that uniffi's macros generate (the FFI scaffolding).
//!
//! ```
//! let siret = apart_uniffi::Siret::parse("732 829 320 00074".into())?;
//! assert_eq!(siret.as_str(), "73282932000074");
//! assert_eq!(siret.siren().as_str(), "732829320");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

// uniffi hands errors over by value: `ApartError` is the FFI's error type and cannot be boxed
// without changing the generated Kotlin and Swift API.
#![allow(clippy::result_large_err)]

mod account;
mod error;
mod forms;
mod indemnity;
mod machine;
mod procedure;
mod siret;
mod values;

pub use account::*;
pub use error::{ApartError, ErrorDetail, FieldProblem};
pub use forms::*;
pub use indemnity::*;
pub use machine::*;
pub use procedure::*;
pub use siret::*;
pub use values::{CivilDate, DecimalNumber, Instant, OffsetDateTime};

uniffi::setup_scaffolding!("apart");
