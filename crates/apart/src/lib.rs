//! apart: the employer-side rules of France's *activité partielle* (short-time work) scheme.
#![forbid(unsafe_code)]

pub mod account;
pub mod entropy;
pub mod error;
pub mod forms;
pub mod indemnity;
pub mod law;
pub mod machine;
pub mod money;
pub mod procedure;
pub mod recovery;
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
    use machine::erase;
    const ALL: &[&dyn machine::DynMachine] = &[
        erase::<account::OnboardingMachine>(),
        erase::<account::CredentialMachine>(),
        erase::<account::HabilitationMachine>(),
        erase::<recovery::TokenMachine>(),
        erase::<account::MandateMachine>(),
        erase::<procedure::da::DaMachine>(),
        erase::<procedure::di::DiMachine>(),
        erase::<procedure::assistance::AssistanceMachine>(),
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
