//! Kotlin and Swift bindings of [`apart`] through uniffi (proc-macro mode).
//!
//! This crate is thin: each exported item is a conversion and one call into `apart`, and every
//! error arrives as an [`ApartError`] of the error's family, carrying the core's code, French and
//! English messages and structured fields. No rule lives here.
//!
//! * The core's records, enums, the error and the scalar custom types are derived where they are
//!   defined (`apart`'s `uniffi` feature, `apart::ffi_uniffi`); this crate is a library named
//!   `apart` too, so that uniffi makes one component of both (one Kotlin package, one Swift
//!   module).
//! * Identifiers (`Siren`, `Nic`, `Siret`, `Tva`), parsed form fields, the law book and recaps
//!   are uniffi objects wrapping the core's validated value: holding one means it passed every
//!   check.
//! * Amounts, hours and rates cross as their decimal text (`java.math.BigDecimal` in Kotlin),
//!   months as `java.time.YearMonth`, civil dates as [`CivilDate`] (`java.time.LocalDate`),
//!   instants as [`OffsetInstant`] (`java.time.OffsetDateTime`: the offset gives local dates).
//!   A value the core refuses is an [`ApartError::Input`] thrown by the call that received it.
//! * Lifecycles are driven through [`Machine`], a JSON-speaking view of every state machine;
//!   the account, recovery and procedure functions beyond the machines take and return
//!   snapshots as JSON text too. Stored records can be read back through the JSON entry points
//!   (`employee_month_from_json`, `compute_json`).
//!
//! `unsafe` appears only in the code that uniffi's macros generate (the FFI scaffolding) and in
//! `jni`, the hand-written JNI entry points of `fr.apart.ApartFast` (one module, each block with
//! its `SAFETY` reason).

// uniffi hands errors over by value: `ApartError` is the FFI's error type and cannot be boxed
// without changing the generated Kotlin and Swift API.
#![allow(clippy::result_large_err)]

/// A uniffi object holding a validated core value (`toString()` is the core's `Display`, with
/// equality and hash, and order when `+ Ord`): each `name: "doc"` a constructor calling the
/// core's function of that name on the text (and on `arg` for `name(arg: Type)`), `as_str` the
/// core's.
macro_rules! value_object {
    (
        $(#[$doc:meta])*
        $name:ident($core:ty) $(+ $ord:ident)?
        $(, $ctor:ident $(($arg:ident: $arg_ty:ty))?: $ctor_doc:literal)*
        $(; as_str: $as_str_doc:literal)? $(,)?
    ) => {
        $(#[$doc])*
        #[derive(Debug, PartialEq, Eq, Hash, $(PartialOrd, $ord,)? uniffi::Object)]
        #[uniffi::export(Display, Eq, Hash $(, $ord)?)]
        pub struct $name(pub(crate) $core);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl $name {
            #[allow(dead_code)]
            pub(crate) fn arc(value: $core) -> std::sync::Arc<$name> {
                std::sync::Arc::new($name(value))
            }
        }

        #[uniffi::export]
        impl $name {
            $(
                #[doc = $ctor_doc]
                #[uniffi::constructor]
                pub fn $ctor(
                    input: String $(, $arg: $arg_ty)?
                ) -> Result<std::sync::Arc<$name>, crate::ApartError> {
                    Ok($name::arc(<$core>::$ctor(&input $(, $arg)?)?))
                }
            )*
            $(
                #[doc = $as_str_doc]
                pub fn as_str(&self) -> String {
                    self.0.as_str().to_owned()
                }
            )?
        }
    };
}

/// Methods of a uniffi object calling the core method of the same name on the value it wraps,
/// without arguments: each `doc name -> Type` returns the method's value, converted by
/// `=> conversion` (a function of it) when given.
macro_rules! getters {
    ($name:ident { $($(#[$doc:meta])* $method:ident -> $ret:ty $(=> $conv:expr)?;)+ }) => {
        #[uniffi::export]
        impl $name {
            $(
                $(#[$doc])*
                pub fn $method(&self) -> $ret {
                    getters!(@convert self.0.$method() $(, $conv)?)
                }
            )+
        }
    };
    (@convert $value:expr) => { $value };
    (@convert $value:expr, $conv:expr) => { ($conv)($value) };
}

mod account;
mod forms;
mod indemnity;
// The one module with `unsafe` code: the hand-written JNI entry points (see its header).
#[allow(unsafe_code)]
mod jni;
mod json;
mod machine;
mod procedure;
mod signed;
mod siret;

// The core declares the remote custom types (dates, decimals, instants) for its own tag; the
// binding's functions use the same conversions.
uniffi::use_remote_type!(apart::time::Date);
uniffi::use_remote_type!(apart::time::OffsetDateTime);
uniffi::use_remote_type!(apart::rust_decimal::Decimal);

pub use account::*;
pub use apart::ffi_uniffi::{
    ApartError, CivilDate, DecimalNumber, ErrorDetail, FieldProblem, OffsetInstant,
};
pub use forms::*;
pub use indemnity::*;
pub use json::*;
pub use machine::*;
pub use procedure::*;
pub use siret::*;

uniffi::setup_scaffolding!("apart");
