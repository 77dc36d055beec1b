//! The establishment space and its users: onboarding (machine A), credentials and lockout
//! (machine B), habilitations (machine C) and accountant mandates (machine E), spec §1.

mod error;

pub use error::AccountError;
