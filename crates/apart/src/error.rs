//! The error conventions shared by every domain of the library.
//!
//! Each domain has its own error enum (`SiretError`, and later `IndemnityError`, `AccountError`,
//! …). Every one of them implements [`Diagnostic`], which gives:
//!
//! * a **stable machine code** from [`Diagnostic::code`], such as `SIRET_INVALID_KEY`. Codes are
//!   part of the public API: front ends match on them, so a code is never renamed or reused;
//! * a **message** in French or English from [`Diagnostic::message`]. `Display` prints the French
//!   message, since the users of the extranet are French employers;
//! * **structured fields** from [`Diagnostic::details`] (strings and integers only, so that every
//!   binding can carry them without conversion).
//!
//! The umbrella [`Error`] wraps every domain error for callers (and bindings) that want one type.
//!
//! # Example
//!
//! ```
//! use apart::error::{Diagnostic, Lang};
//! use apart::siret::Siret;
//!
//! let err = "73282932000075".parse::<Siret>().unwrap_err();
//! assert_eq!(err.code(), "SIRET_INVALID_KEY");
//! assert!(err.to_string().starts_with("numéro SIRET invalide"));
//! assert!(err.message(Lang::En).starts_with("invalid SIRET"));
//! ```

use std::fmt;

/// The language of a human-readable message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Lang {
    /// French: the default, and what `Display` prints.
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// Parses a language tag such as `fr`, `en`, `fr-FR` or `en_GB` (case-insensitive).
    ///
    /// Returns `None` for a language the library has no messages for.
    ///
    /// ```
    /// use apart::error::Lang;
    /// assert_eq!(Lang::from_tag("fr-FR"), Some(Lang::Fr));
    /// assert_eq!(Lang::from_tag("EN"), Some(Lang::En));
    /// assert_eq!(Lang::from_tag("de"), None);
    /// ```
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("fr") {
            Some(Lang::Fr)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The two-letter tag of this language (`fr` or `en`).
    pub fn as_tag(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

/// The value of one structured field of an error.
///
/// Only strings and integers, so that Python, JavaScript, Kotlin and Swift receive them as
/// they are.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DetailValue {
    /// A text value (a character, a suggestion, a state name…).
    Text(String),
    /// An integer value (an index, a length, a check digit…).
    Int(i64),
}

impl fmt::Display for DetailValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DetailValue::Text(s) => f.write_str(s),
            DetailValue::Int(i) => write!(f, "{i}"),
        }
    }
}

impl From<&str> for DetailValue {
    fn from(value: &str) -> Self {
        DetailValue::Text(value.to_owned())
    }
}

impl From<String> for DetailValue {
    fn from(value: String) -> Self {
        DetailValue::Text(value)
    }
}

impl From<char> for DetailValue {
    fn from(value: char) -> Self {
        DetailValue::Text(value.to_string())
    }
}

macro_rules! detail_from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for DetailValue {
            fn from(value: $t) -> Self {
                // Saturate rather than wrap: these are lengths, indexes and counts.
                DetailValue::Int(i64::try_from(value).unwrap_or(i64::MAX))
            }
        }
    )*};
}
detail_from_int!(u8, u16, u32, u64, usize, i8, i16, i32, i64);

/// A named structured field of an error, such as `("index", Int(3))`.
pub type Detail = (&'static str, DetailValue);

/// What every error of the library offers: a stable code, a message in French or English, and
/// structured fields.
///
/// # Example
///
/// ```
/// use apart::error::{Diagnostic, DetailValue, Lang};
/// use apart::siret::Siren;
///
/// let err = "55200844x".parse::<Siren>().unwrap_err();
/// assert_eq!(err.code(), "IDENTIFIER_INVALID_CHARACTER");
/// let details = err.details();
/// assert!(details.contains(&("index", DetailValue::Int(8))));
/// assert!(err.message(Lang::En).contains("'x'"));
/// ```
pub trait Diagnostic: std::error::Error + Send + Sync + 'static {
    /// The stable machine code, in `SCREAMING_SNAKE_CASE`.
    ///
    /// NOTE: codes are part of the public API; a code is never renamed or reused.
    fn code(&self) -> &'static str;

    /// The human-readable message in `lang`: short, lowercase, no final period.
    fn message(&self, lang: Lang) -> String;

    /// The structured fields of the error, in a fixed order.
    fn details(&self) -> Vec<Detail>;
}

/// Implements `Display` (the French message) and `std::error::Error` for a domain error that
/// implements [`Diagnostic`].
macro_rules! french_display {
    ($t:ty) => {
        // NOTE: this impl is part of the public API: `Display` is the French message.
        impl ::std::fmt::Display for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&$crate::error::Diagnostic::message(
                    self,
                    $crate::error::Lang::Fr,
                ))
            }
        }
        impl ::std::error::Error for $t {}
    };
}
pub(crate) use french_display;

/// Any error of the library, for callers that want a single error type.
///
/// Each variant wraps one domain's error untouched; [`Diagnostic`] is forwarded to it.
///
/// ```
/// use apart::error::{Diagnostic, Error};
/// use apart::siret::Siret;
///
/// fn check(s: &str) -> Result<Siret, Error> {
///     Ok(s.parse::<Siret>()?)
/// }
/// assert_eq!(check("1234").unwrap_err().code(), "IDENTIFIER_INVALID_LENGTH");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A SIREN, NIC, SIRET or TVA number was refused.
    #[error(transparent)]
    Siret(#[from] crate::siret::SiretError),
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
    /// An account, habilitation, mandate or recovery operation was refused.
    #[error(transparent)]
    Account(#[from] crate::account::AccountError),
    /// An indemnity computation (or a legal parameter it needs) was refused.
    #[error(transparent)]
    Indemnity(#[from] crate::indemnity::IndemnityError),
}

impl From<crate::machine::MachineError> for Error {
    fn from(e: crate::machine::MachineError) -> Self {
        match e {
            crate::machine::MachineError::Snapshot(e) => Error::Snapshot(e),
            crate::machine::MachineError::Transition(e) => Error::Transition(e),
        }
    }
}

impl Diagnostic for Error {
    fn code(&self) -> &'static str {
        match self {
            Error::Siret(e) => e.code(),
            Error::Transition(e) => e.code(),
            Error::Snapshot(e) => e.code(),
            Error::Procedure(e) => e.code(),
            Error::Form(e) => e.code(),
            Error::Account(e) => e.code(),
            Error::Indemnity(e) => e.code(),
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            Error::Siret(e) => e.message(lang),
            Error::Transition(e) => e.message(lang),
            Error::Snapshot(e) => e.message(lang),
            Error::Procedure(e) => e.message(lang),
            Error::Form(e) => e.message(lang),
            Error::Account(e) => e.message(lang),
            Error::Indemnity(e) => e.message(lang),
        }
    }

    fn details(&self) -> Vec<Detail> {
        match self {
            Error::Siret(e) => e.details(),
            Error::Transition(e) => e.details(),
            Error::Snapshot(e) => e.details(),
            Error::Procedure(e) => e.details(),
            Error::Form(e) => e.details(),
            Error::Account(e) => e.details(),
            Error::Indemnity(e) => e.details(),
        }
    }
}
