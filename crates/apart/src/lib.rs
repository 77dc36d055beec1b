//! apart: the employer-side rules of France's *activité partielle* (short-time work) scheme, as
//! run on the APART extranet: what the employer pays each employee per hour not worked, what
//! the State pays back, and the account and procedure lifecycles around them.
//!
//! ```
//! use apart::indemnity::{compute, EmployeeMonth, Options};
//! use apart::law::LawBook;
//!
//! // 2 000 € a month, full time, 70 hours not worked in January 2026 (spec §4 #11-like).
//! let book = LawBook::builtin()?; // parse once, reuse for every computation
//! let month = EmployeeMonth::new("2026-01".parse()?, "2000".parse()?, "70".parse()?);
//! let out = compute(&book, &month, &Options::default())?;
//! assert_eq!(out.employee_indemnity.to_string(), "553.70"); // 7.91 €/h × 70 h
//! assert_eq!(out.employer_allocation.to_string(), "599.90"); // floor 8.57 €/h × 70 h
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The map
//!
//! | module | what it holds |
//! |---|---|
//! | [`siret`] | SIREN, NIC, SIRET and TVA numbers: INSEE's rule (both keys, La Poste), typed errors, generation |
//! | [`diagnostic`] | the error conventions: stable codes, families, French and English messages, structured fields |
//! | [`value`] | reading caller values and records: decimals, spellings, JSON with typed errors |
//! | [`lines`] | the caller's text one line at a time, in bounded memory (a line too long refused by number) |
//! | [`float`] | a front end's binary numbers (JavaScript's `number`) read by the core's rules |
//! | [`fields`] | a record's field names, and one field read, through its serde shape |
//! | [`cells`] | a record's fields as the cells of a table, through its serde shape (the bindings' table outputs) |
//! | [`calendar`] | the one [`calendar::Month`], dates, instants with their offset, the storable range |
//! | [`money`] | exact euros, hours and rates over decimals; the one cent-rounding rule; [`money::RoundingPolicy`] |
//! | [`law`] | every dated legal parameter as data with its source, looked up by the date of the hours not worked |
//! | [`indemnity`] | indemnity, allocation, CSG/CRDS, RMM complement, monthly claim totals, with their explanation |
//! | [`machine`] | the state-machine kit every lifecycle is a table of |
//! | [`account`] | creating an establishment's space, credentials and lockout, habilitations, accountants' mandates |
//! | [`recovery`] | identifier and password recovery tokens (60 minutes, single use, hashed at rest) |
//! | [`procedure`] | the authorisation request (DA), the monthly claim (DI), the assistance request, the recap |
//! | [`forms`] | field rules: phone, e-mail, postal code, identifier, names, free text, human check |
//! | [`entropy`] | the injected source of randomness |
//! | [`seal`] | tamper-evident stored records: an HMAC-SHA-256 seal under the caller's key |
//! | [`thrown`] | the record a JavaScript error is built from (the Node and browser packages) |
//! | [`error`] | the umbrella [`Error`]: any error of the library as one type |
//! | [`catalogue`] | an example of every error code (what `docs/errors.md` and `apart explain` show) |
//!
//! Dependencies point down: `forms`, `siret`, `money` and `machine` are leaves; `law` uses
//! `money`; `indemnity` uses `law`; `account`, `recovery` and `procedure` use `machine`, `forms`
//! and `siret`; `recovery` uses `account` (its errors and the credential machine), never the
//! other way round.
//!
//! # Cookbook
//!
//! * Check a SIRET: [`siret::Siret::parse`], or [`siret::is_valid_siret`] in bulk.
//! * Simulate an employee-month: [`indemnity::compute`]; a whole claim: [`indemnity::compute_claim`], or
//!   from a CSV export: [`indemnity::claim_csv::compute_claim_csv`].
//! * Add a decree published after this release: [`law::LawBook::upsert_row`].
//! * Drive a DA to authorisation and claim against it: see [`procedure`].
//! * Recover a password: see [`recovery`].
//! * Drive any lifecycle by id through JSON (what the bindings do): [`machines`] and
//!   [`machine::DynMachine`].
//! * Store records so that an edit is caught: [`machine::Snapshot::seal`] and
//!   [`machine::Snapshot::open`] (see the trust boundary in [`machine`] and [`account`]).
//!
//! # Purity
//!
//! No I/O, no wall clock, no global random number generator, no global mutable state. Time comes
//! in as `now` ([`time::OffsetDateTime`], the caller's offset giving the local date where the law
//! counts days), randomness through [`entropy::EntropySource`], and storage stays with the caller:
//! each operation takes a record or snapshot and returns the new one with the effects to carry
//! out.
//!
//! # Untrusted input
//!
//! Every public function may be given any input: nothing panics (the crate denies `unwrap`,
//! `expect`, `panic!` and slice indexing, and property tests feed random strings and event
//! sequences to every parser and machine). Bad input is a typed error with a stable code
//! ([`Diagnostic::code`]), structured fields and a message in French and English, which quotes
//! at most a short prefix of it. Memory and time stay bounded: snapshots are refused past 4 MiB,
//! histories keep their latest transitions, the Argon2 costs read from a stored hash are
//! bounded. What the library cannot check (who wrote a stored snapshot, an event's facts, the
//! actor) is the caller's to protect: see the trust boundary in [`machine`].
//!
//! # Crate features
//!
//! * `os-entropy` (default): [`entropy::OsEntropy`], the operating system's random source.
//! * `argon2` (default): [`account::Argon2idHasher`], the slow hash for secret answers.
//! * `uniffi`: the uniffi derives, error and custom types of the Kotlin and Swift binding
//!   (`ffi_uniffi`).
//! * `ts`: `ts::declarations()`, the TypeScript declarations of the records (derived from their
//!   serde shape with ts-rs), shipped by the Node and browser packages.
//! * `python`: the records and enums as native Python classes for the Python binding
//!   (`python`).
//! * `ts`, `uniffi` or `python` also give `doc_comments`: the doc comments of the generated
//!   declarations and of the Python classes without the Rust examples.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod account;
mod base64url;
pub mod calendar;
pub mod catalogue;
pub mod cells;
pub mod diagnostic;
#[cfg(any(feature = "ts", feature = "uniffi", feature = "python"))]
pub mod doc_comments;
pub mod entropy;
pub mod error;
#[cfg(feature = "uniffi")]
pub mod ffi_uniffi;
pub mod fields;
pub mod float;
pub mod forms;
pub mod indemnity;
pub mod law;
pub mod lines;
pub mod machine;
pub mod money;
pub mod procedure;
#[cfg(feature = "python")]
pub mod python;
pub mod recovery;
pub mod seal;
pub mod siret;
pub mod thrown;
#[cfg(feature = "ts")]
pub mod ts;
pub mod value;

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

/// The machine whose id is `id`, or `MACHINE_UNKNOWN` (the id quoted): what a front end that
/// throws gives for an unknown id.
///
/// ```
/// use apart::Diagnostic;
/// assert_eq!(apart::find_machine("apart.da")?.id(), "apart.da");
/// let err = apart::find_machine("no.such.machine").err().ok_or("found")?;
/// assert_eq!(err.code(), "MACHINE_UNKNOWN");
/// assert_eq!(err.message(apart::Lang::En), "unknown machine `no.such.machine`");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`machine::SnapshotError::UnknownMachine`] when no machine has this id.
pub fn find_machine(id: &str) -> Result<&'static dyn machine::DynMachine, machine::SnapshotError> {
    machine_by_id(id).ok_or_else(|| machine::SnapshotError::UnknownMachine {
        id: diagnostic::quote(id),
    })
}

#[doc(hidden)]
pub mod __private {
    //! Re-exports for the crate's macros; not public API.
    pub use crate::value::de_error;
    pub use serde;

    /// Reads a state or an event kind of a machine from its name (`state_enum!`,
    /// `event_kinds!`): one of `all`, or an error naming `what` of `of`.
    pub fn read_name<'de, D, T>(
        d: D,
        all: &[T],
        name: fn(T) -> &'static str,
        what: &str,
        of: &str,
    ) -> Result<T, D::Error>
    where
        D: serde::Deserializer<'de>,
        T: Copy,
    {
        let given = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
        all.iter()
            .copied()
            .find(|t| name(*t) == given)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown {what} `{given}` for {of}")))
    }
}

pub use diagnostic::{Diagnostic, Family, Lang};
pub use error::Error;
#[cfg(feature = "uniffi")]
#[doc(hidden)]
pub use ffi_uniffi::UniFfiTag;
