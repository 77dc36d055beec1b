//! The establishment space and its users (spec §1): onboarding « Créer mon espace » (machine
//! A, [`OnboardingMachine`]), credentials with the login throttle and lockout (machine B,
//! [`CredentialMachine`], [`authenticate`]), habilitations with invariants I1–I4 (machine C,
//! [`HabilitationMachine`], [`check_invariants`]) and accountant mandates (machine E,
//! [`MandateMachine`]). Recovery tokens (machine D) are in [`crate::recovery`].
//!
//! Credentials authenticate (one ASP-wide identifier per person); habilitations authorise (one
//! per credential × establishment × application). A Sylaé login without an APART habilitation
//! therefore authenticates and then gets `NO_HABILITATION_FOR_APPLICATION`.
//!
//! Every machine is built on [`crate::machine`]: `apply`, `can`, `allowed_events`, `tick`,
//! JSON snapshots and diagrams all come from its table; outside facts (is this SIRET known? how
//! many habilitations does this credential hold?) come in the events, computed by the caller,
//! for example with [`RequestFacts::from_records`]. Effects (e-mails to send, habilitations to
//! grant or revoke in cascade) are returned, never performed.
//!
//! # A login
//!
//! ```
//! use apart::account::{authenticate, Application, Credential, CredentialMachine, LoginTarget};
//! use apart::machine::Snapshot;
//! use apart::Diagnostic;
//! use time::macros::datetime;
//!
//! let now = datetime!(2026-03-02 10:00 UTC);
//! let credential = Snapshot::<CredentialMachine>::new(Credential::new("ID12345", "paie@exemple.fr", "Martin", "Claire"));
//! // Not activated yet: the right password says so, a wrong one does not.
//! let out = authenticate(LoginTarget::Known(&credential), || true, &[], Application::Apart, now);
//! assert_eq!(out.result.unwrap_err().code(), "ACCOUNT_NOT_ACTIVATED");
//! let out = authenticate(LoginTarget::Known(&credential), || false, &[], Application::Apart, now);
//! assert_eq!(out.result.unwrap_err().code(), "INVALID_CREDENTIALS");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Choices written down
//!
//! * `Actor::Visitor` sends what a person does before logging in (onboarding, login events,
//!   token redemption); `Actor::System` sends timed events and cascades.
//! * A principal habilitation is never suspended nor revoked alone (`LAST_PRINCIPAL`): it moves
//!   by [`transfer_principal`]; a member is requested only while the establishment has an active
//!   principal (`NO_PRINCIPAL`); so I1 holds by construction.
//! * The secret-answer throttle locks after 5 failures with 2 free attempts.
//! * SIRETs are kept as [`Siret`](crate::siret::Siret) values in records and effects (their 14
//!   digits in JSON), so a record cannot hold an invalid one.

mod error;

pub use error::AccountError;
mod credential;
mod form;
mod habilitation;
mod mandate;
mod onboarding;
mod secret;
mod token_facts;

pub use credential::{
    AttemptCounter, Credential, CredentialEffect, CredentialEvent, CredentialMachine,
    CredentialSnapshot, CredentialState, LoginOutcome, LoginTarget, LoginThrottlePolicy,
    LoginUpdate, authenticate,
};
pub use form::{AccountForm, AccountFormInput, AccountRequest, EstablishmentDetails, UserDetails};
pub use habilitation::{
    Application, Habilitation, HabilitationEffect, HabilitationEvent, HabilitationMachine,
    HabilitationPolicy, HabilitationSnapshot, HabilitationState, RequestFacts, Role, Violation,
    authorised_establishments, check_invariants, others_live, transfer_principal,
};
pub use mandate::{
    EndedBy, Mandate, MandateEffect, MandateEvent, MandateMachine, MandateSnapshot, MandateState,
    Party,
};
pub use onboarding::{
    ASSISTANCE_MOTIVE_HABILITATION, Handoff, NewUser, Onboarding, OnboardingEffect,
    OnboardingEvent, OnboardingMachine, OnboardingSnapshot, OnboardingState,
};
#[cfg(feature = "argon2")]
pub use secret::Argon2idHasher;
pub use secret::{SecretAnswerHash, SecretHasher, check_secret_answer};
pub use token_facts::{Purpose, RevokeReason};

/// `at + d`, or the last representable instant: no arithmetic on caller instants may panic.
pub(crate) fn saturating_add(at: time::OffsetDateTime, d: time::Duration) -> time::OffsetDateTime {
    at.checked_add(d)
        .unwrap_or_else(|| time::PrimitiveDateTime::MAX.assume_utc())
}

/// `at - d`, or the first representable instant.
pub(crate) fn saturating_sub(at: time::OffsetDateTime, d: time::Duration) -> time::OffsetDateTime {
    at.checked_sub(d)
        .unwrap_or_else(|| time::PrimitiveDateTime::MIN.assume_utc())
}

/// An instant as RFC 3339 text (for effects and error fields).
pub(crate) fn rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
