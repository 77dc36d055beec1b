//! The umbrella error: any error of the library as one type, for callers that want `?` into a
//! single `Result`. It sits on top of every domain; the conventions every error follows
//! (codes, families, messages, fields) are in the ground module [`crate::diagnostic`].
//!
//! ```
//! use apart::{Diagnostic, Error};
//! use apart::diagnostic::Family;
//!
//! fn month_and_siret(m: &str, s: &str) -> Result<(), Error> {
//!     let _month: apart::calendar::Month = m.parse()?;
//!     let _siret: apart::siret::Siret = s.parse()?;
//!     Ok(())
//! }
//! assert_eq!(month_and_siret("2026-13", "73282932000074").unwrap_err().family(), Family::Input);
//! assert_eq!(month_and_siret("2026-01", "1234").unwrap_err().code(), "IDENTIFIER_INVALID_LENGTH");
//! ```

use crate::diagnostic::{Detail, Diagnostic, Family, Lang};
use crate::forms::FieldError;

/// Any error of the library.
///
/// Each variant wraps one domain's error untouched; [`Diagnostic`] is forwarded to it, so the
/// code, family, messages and fields are the domain's own.
///
/// # Example
///
/// ```
/// use apart::forms::PhoneFr;
/// use apart::{Diagnostic, Error, Family};
///
/// let siret = "73282932000075".parse::<apart::siret::Siret>().unwrap_err();
/// let err = Error::from(siret.clone());
/// assert!(matches!(&err, Error::Siret(inner) if *inner == siret)); // wrapped untouched
/// assert_eq!((err.code(), err.to_string()), (siret.code(), siret.to_string()));
///
/// // A single-field parser's error keeps its own code, under the field's name.
/// let phone: Error = PhoneFr::parse("01 23").unwrap_err().into();
/// assert_eq!((phone.code(), phone.family()), ("PHONE_INVALID_LENGTH", Family::Form));
/// assert!(matches!(&phone, Error::Field(field) if field.field() == "phone"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A SIREN, NIC, SIRET or TVA number was refused.
    #[error(transparent)]
    Siret(#[from] crate::siret::SiretError),
    /// A value or record given by the caller could not be read (date, decimal, month,
    /// spelling, unknown field, wrong type).
    #[error(transparent)]
    Input(#[from] crate::value::ValueError),
    /// An amount, hours or rate out of the representable range.
    #[error(transparent)]
    Money(#[from] crate::money::MoneyError),
    /// A legal parameter could not be read, or a caller's row was refused.
    #[error(transparent)]
    Law(#[from] crate::law::LawError),
    /// An indemnity computation was refused.
    #[error(transparent)]
    Indemnity(#[from] crate::indemnity::IndemnityError),
    /// A claim read from CSV, or one of its rows, could not be read (boxed: it may hold a
    /// value or an indemnity error and its place).
    #[error(transparent)]
    ClaimCsv(Box<crate::indemnity::claim_csv::CsvError>),
    /// A line of the caller's text could not be read (too long, not UTF-8).
    #[error(transparent)]
    Line(#[from] crate::lines::LineError),
    /// A state machine refused an event.
    #[error(transparent)]
    Transition(#[from] crate::machine::TransitionError),
    /// A stored snapshot could not be restored.
    #[error(transparent)]
    Snapshot(#[from] crate::machine::SnapshotError),
    /// A DA, DI, DI code or recap was refused.
    #[error(transparent)]
    Procedure(#[from] crate::procedure::ProcedureError),
    /// One or more fields of a form were refused.
    #[error(transparent)]
    Form(#[from] crate::forms::FieldErrors),
    /// One field value was refused by its parser (a phone, an e-mail, a postal code…).
    #[error(transparent)]
    Field(#[from] FieldError),
    /// An account, habilitation, mandate or recovery operation was refused.
    #[error(transparent)]
    Account(#[from] crate::account::AccountError),
    /// The source of randomness failed.
    #[error(transparent)]
    Entropy(#[from] crate::entropy::EntropyError),
    /// A seal key was refused, or a sealed record's seal is missing or does not match.
    #[error(transparent)]
    Seal(#[from] crate::seal::SealError),
    /// A bug caught at a front end's boundary (a panic, a binding's own step).
    #[error(transparent)]
    Internal(#[from] crate::diagnostic::InternalError),
}

impl Error {
    fn inner(&self) -> &dyn Diagnostic {
        match self {
            Error::Siret(e) => e,
            Error::Input(e) => e,
            Error::Money(e) => e,
            Error::Law(e) => e,
            Error::Indemnity(e) => e,
            Error::ClaimCsv(e) => e.as_ref(),
            Error::Line(e) => e,
            Error::Transition(e) => e,
            Error::Snapshot(e) => e,
            Error::Procedure(e) => e,
            Error::Form(e) => e,
            Error::Field(e) => e,
            Error::Account(e) => e,
            Error::Entropy(e) => e,
            Error::Seal(e) => e,
            Error::Internal(e) => e,
        }
    }
}

impl From<crate::indemnity::claim_csv::CsvError> for Error {
    fn from(e: crate::indemnity::claim_csv::CsvError) -> Self {
        Error::ClaimCsv(Box::new(e))
    }
}

impl From<crate::machine::MachineError> for Error {
    fn from(e: crate::machine::MachineError) -> Self {
        match e {
            crate::machine::MachineError::Snapshot(e) => Error::Snapshot(e),
            crate::machine::MachineError::Transition(e) => Error::Transition(e),
        }
    }
}

impl From<crate::procedure::RecapError> for Error {
    fn from(e: crate::procedure::RecapError) -> Self {
        match e {
            crate::procedure::RecapError::Snapshot(e) => Error::Snapshot(e),
            crate::procedure::RecapError::Procedure(e) => Error::Procedure(e),
        }
    }
}

impl Diagnostic for Error {
    fn code(&self) -> &'static str {
        self.inner().code()
    }

    fn family(&self) -> Family {
        self.inner().family()
    }

    fn message(&self, lang: Lang) -> String {
        self.inner().message(lang)
    }

    fn details(&self) -> Vec<Detail> {
        self.inner().details()
    }
}

/// A single-field parser's error becomes a [`FieldError`] named after the field it reads, so
/// that `?` keeps its code (`PHONE_INVALID_LENGTH`, not `FORM_INVALID`).
macro_rules! field_errors_into_error {
    ($($t:ty => $field:literal),* $(,)?) => {$(
        impl From<$t> for Error {
            fn from(error: $t) -> Self {
                Error::Field(FieldError::new($field, error))
            }
        }
    )*};
}

field_errors_into_error! {
    crate::forms::PhoneError => "phone",
    crate::forms::EmailError => "email",
    crate::forms::EmailConfirmationError => "email_confirmation",
    crate::forms::PostalCodeError => "postal_code",
    crate::forms::CityError => "city",
    crate::forms::AddressError => "address",
    crate::forms::LoginIdentifierError => "identifier",
    crate::forms::TextError => "text",
    crate::forms::HumanCheckError => "human_check",
    crate::forms::PersonNameError => "name",
    crate::forms::SecretAnswerError => "secret_answer",
}
