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
//! Login identifiers have one canonical form (trimmed, ASCII lower-case:
//! [`canonical_identifier`]) in every record, effect and comparison, so that `ID12345` and
//! `id12345` name one credential everywhere (habilitations, the 200-establishment limit,
//! reminders).
//!
//! Every machine is built on [`crate::machine`]: `apply`, `can`, `allowed_events`, `tick`,
//! JSON snapshots and diagrams all come from its table; outside facts (is this SIRET known? how
//! many habilitations does this credential hold?) come in the events, computed by the caller,
//! for example with [`RequestFacts::from_records`]. Effects (e-mails to send, habilitations to
//! grant or revoke in cascade) are returned, never performed.
//!
//! # Trust boundary: what the caller must protect
//!
//! The library keeps nothing; you store every record it returns. What it cannot check for you
//! (see also [`crate::machine`]'s trust boundary):
//!
//! * **Seal what you store.** Credentials (with their throttle policy and failure counter),
//!   habilitations, mandates and recovery tokens are snapshots: store
//!   [`Snapshot::seal`](crate::machine::Snapshot::seal) and read with
//!   [`Snapshot::open`](crate::machine::Snapshot::open); the per-identifier [`AttemptCounter`]s
//!   with [`AttemptCounter::seal`] / [`AttemptCounter::open`]. Without a seal, whoever can write
//!   your storage can activate a habilitation, bring a used token back or reset a counter; the
//!   consistency checks on restore catch careless edits only. The throttle policy stored in a
//!   credential is checked on every read (`hard_lock_after ≤ 100`, …).
//! * **Check that a record is the one you asked for.** A sealed record stays valid if moved to
//!   another key of your store: look credentials up by [`canonical_identifier`] and compare
//!   what you opened (`redeem` checks the token id itself; counters are sealed with their
//!   identifier).
//! * **Compute facts on the server.** `RequestFacts`, `is_principal`, `sole_principal_of`,
//!   `password_ok`, the actor: from your records and your session, never from a request.
//!   Activation and unlocking need a [`Redeemed`] proof, which only `recovery::redeem` makes
//!   (through `recovery::complete_activation` and `recovery::complete_password_reset`).
//! * **Store with compare-and-swap** on the snapshot's version: a token redeemed twice at the
//!   same moment, or a counter updated by two logins, must not both win.
//! * **Throttle what the library cannot see**: it counts failures per identifier and reset
//!   requests per account; requests for unknown identifiers, per address or overall, are yours
//!   to limit.
//!
//! # A login
//!
//! ```
//! use apart::account::{authenticate, Application, AttemptCounter, Credential, CredentialMachine, LoginTarget};
//! use apart::machine::Snapshot;
//! use apart::Diagnostic;
//! use time::macros::datetime;
//!
//! let now = datetime!(2026-03-02 10:00 UTC);
//! let credential = Snapshot::<CredentialMachine>::new(Credential::new("ID12345", "paie@exemple.fr", "Martin", "Claire"))?;
//! // Not activated yet: the right password says so, a wrong one does not.
//! let out = authenticate(LoginTarget::Known { credential: &credential, counter: &AttemptCounter::default() }, || true, &[], Application::Apart, now);
//! assert_eq!(out.result.unwrap_err().code(), "ACCOUNT_NOT_ACTIVATED");
//! let out = authenticate(LoginTarget::Known { credential: &credential, counter: &AttemptCounter::default() }, || false, &[], Application::Apart, now);
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

pub use error::{AccountError, HashFailure};
mod credential;
mod form;
mod habilitation;
mod identifier;
mod mandate;
mod onboarding;
pub mod record;
mod secret;
mod token_facts;

pub use credential::{
    AttemptCounter, Credential, CredentialEffect, CredentialEvent, CredentialEventKind,
    CredentialGuard, CredentialMachine, CredentialSnapshot, CredentialState, LoginOutcome,
    LoginTarget, LoginThrottlePolicy, LoginUpdate, authenticate,
};
pub use form::{AccountForm, AccountFormInput, AccountRequest, EstablishmentDetails, UserDetails};
pub use habilitation::{
    Application, Habilitation, HabilitationEffect, HabilitationEvent, HabilitationEventKind,
    HabilitationGuard, HabilitationMachine, HabilitationPolicy, HabilitationSnapshot,
    HabilitationState, RequestFacts, Role, Violation, authorised_establishments, check_invariants,
    others_live, transfer_principal,
};
pub use identifier::canonical_identifier;
pub(crate) use identifier::same_identifier;
pub use mandate::{
    EndedBy, Mandate, MandateEffect, MandateEvent, MandateEventKind, MandateGuard, MandateMachine,
    MandateSnapshot, MandateState, Party,
};
pub use onboarding::{
    ASSISTANCE_MOTIVE_HABILITATION, Handoff, NewUser, Onboarding, OnboardingEffect,
    OnboardingEvent, OnboardingEventKind, OnboardingGuard, OnboardingMachine, OnboardingSnapshot,
    OnboardingState,
};
#[cfg(feature = "argon2")]
pub use secret::Argon2idHasher;
pub use secret::{SecretAnswerHash, SecretHasher, check_secret_answer};
pub use token_facts::{Purpose, Redeemed, RevokeReason};
