//! Field rules of the extranet's forms: phone, e-mail, postal code and city, street number and
//! extension, login identifier, person names and secret answer, free text, the human check
//! (spec `lifecycle.md` §4), and the NIR of a claim line.
//!
//! Each field has a "parse, don't validate" type ([`PhoneFr`], [`Email`], [`PostalCodeFr`],
//! [`City`], [`LoginIdentifier`], [`PersonName`], [`Description`], [`BoundedText`]) whose
//! constructor normalises the input and returns either the value or a typed error implementing
//! [`Diagnostic`](crate::diagnostic::Diagnostic). Values serialise to their canonical form (E.164
//! for phones, lower-cased domain for e-mails, the five digits of a postal code).
//!
//! A form checks every field and reports every refusal at once (spec §4): [`FieldErrors`]
//! collects one [`FieldError`] `{field, code, params}` per refused field. The forms themselves
//! (account creation, assistance request) and their state machines live with the account and
//! procedure modules; this module only gives them their fields.
//!
//! SIRET fields use [`crate::siret`]; their errors fit in [`FieldErrors`] like any other.
//!
//! # Example
//!
//! ```
//! use apart::diagnostic::Diagnostic;
//! use apart::forms::{confirm_email, Description, Email, FieldErrors, PhoneFr};
//!
//! let (phone, email, confirmation, description) =
//!     ("01 02 03 04 05", "Jean@Exemple.fr", "jean@exemple.com", "");
//!
//! let mut errors = FieldErrors::new();
//! let phone = errors.check("phone", PhoneFr::parse(phone));
//! let email = errors.check("email", Email::parse(email));
//! errors.check("email_confirmation", confirm_email("Jean@Exemple.fr", confirmation));
//! let description = errors.check("description", Description::parse(description));
//!
//! assert_eq!(phone.map(|p| p.e164().to_owned()).as_deref(), Some("+33102030405"));
//! assert_eq!(email.map(|e| e.to_string()).as_deref(), Some("Jean@exemple.fr"));
//! assert!(description.is_none());
//! assert_eq!(errors.codes(), ["EMAIL_CONFIRMATION_MISMATCH", "TEXT_REQUIRED"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Choices written down
//!
//! * Lengths are UTF-16 code units after normalisation, for every text field (not only the
//!   description), so that each limit agrees with a browser's `maxlength`.
//! * Every control character (`Cc`: C0, DEL, C1) is refused except TAB, and LF in multi-line
//!   fields; the spec names C0 only, but DEL and C1 have no place in a form either.
//! * Error codes of the login identifier are `LOGIN_IDENTIFIER_*` (except the spec's
//!   `IDENTIFIER_LOOKS_LIKE_EMAIL`), because `IDENTIFIER_*` codes already belong to SIREN/SIRET.

/// Serialises a field value as its canonical text and reads it back through its parser, so
/// that a stored value is validated again when it is loaded.
macro_rules! serde_via_parse {
    ($t:ty, |$value:ident| $text:expr, |$s:ident| $parse:expr) => {
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let $value = self;
                serializer.serialize_str($text)
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let $s: String = serde::Deserialize::deserialize(deserializer)?;
                let $s = $s.as_str();
                $parse.map_err($crate::diagnostic::de_refusal)
            }
        }
    };
}
use serde_via_parse;

mod address;
mod choice;
mod email;
mod error;
mod human_check;
mod identifier;
mod limits;
mod nir;
mod person;
mod phone;
mod postal;
mod record;
mod text;

pub use address::{
    AddressError, STREET_NUMBER_MAX_DIGITS, STREET_TYPES, StreetExtension, StreetNumber,
};
pub use choice::{Choice, street_extensions, street_types};
pub use email::{
    EMAIL_LABEL_MAX, EMAIL_LOCAL_MAX, EMAIL_MAX, Email, EmailConfirmationError, EmailError,
    confirm_email,
};
pub use error::{FieldError, FieldErrors};
pub use human_check::{CaptchaVerifier, HUMAN_CHECK_MAX_SKEW, HumanCheck, HumanCheckError};
pub use identifier::{
    LOGIN_IDENTIFIER_MAX, LoginIdentifier, LoginIdentifierError, LoginIdentifierKey,
};
pub use limits::{FormLimits, StandardTextRules};
pub use nir::{compact_nir, is_valid_nir, mask_nir};
pub use person::{
    PersonName, PersonNameError, SECRET_ANSWER_MAX, SECRET_ANSWER_MIN, SecretAnswer,
    SecretAnswerContext, SecretAnswerError, normalize_secret_answer,
};
pub use phone::{OverseasKind, PhoneError, PhoneFr, PhoneKind, PhonePolicy, PhoneTerritory};
pub use postal::{City, CityError, PostalArea, PostalCodeError, PostalCodeFr};
pub use record::{
    CityRecord, EmailRecord, LoginIdentifierRecord, PhoneRecord, PostalCodeRecord,
    SecretAnswerNames,
};
pub use text::{
    BoundedText, Description, TextError, TextField, TextRules, description_len, normalize_text,
    remaining, text_len_utf16,
};
