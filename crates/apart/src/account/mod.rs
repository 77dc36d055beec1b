//! The establishment space and its users: onboarding (machine A), credentials and lockout
//! (machine B), habilitations (machine C) and accountant mandates (machine E), spec §1.

mod error;

pub use error::AccountError;
mod credential;
mod form;
mod habilitation;
mod mandate;
mod onboarding;
mod secret;

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

/// An instant as RFC 3339 text (for effects and error fields).
pub(crate) fn rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
