//! apart: the employer-side rules of France's *activité partielle* (short-time work) scheme.
#![forbid(unsafe_code)]

pub mod error;
pub mod forms;
pub mod machine;
pub mod procedure;
pub mod siret;

/// Every lifecycle of the library as a [`machine::DynMachine`], for callers (and bindings) that
/// drive machines by id through JSON snapshots and events.
///
/// ```
/// for m in apart::machines() {
///     assert!(m.id().starts_with("apart."));
/// }
/// ```
pub fn machines() -> &'static [&'static dyn machine::DynMachine] {
    const ALL: &[&dyn machine::DynMachine] = &[
        machine::erase::<procedure::da::DaMachine>(),
        machine::erase::<procedure::di::DiMachine>(),
        machine::erase::<procedure::assistance::AssistanceMachine>(),
    ];
    ALL
}

/// The machine whose id is `id` (`"apart.da"`), if there is one.
///
/// ```
/// assert!(apart::machine_by_id("no.such.machine").is_none());
/// ```
pub fn machine_by_id(id: &str) -> Option<&'static dyn machine::DynMachine> {
    machines().iter().copied().find(|m| m.id() == id)
}

#[doc(hidden)]
pub mod __private {
    //! Re-exports for the crate's macros; not public API.
    pub use serde;
}

pub use error::{Diagnostic, Error, Lang};
