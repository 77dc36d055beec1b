//! [`ApartError`]: every error of the library as one uniffi error enum.
//!
//! Each variant wraps one domain's error (as `apart::Error` does) and carries the same four
//! things: the stable `code`, the French `message` (what `Display` prints), the English
//! `message_en`, and the structured `details` of [`Diagnostic::details`]. uniffi's rich errors
//! drop `Display`, so the message is an explicit field: Kotlin exceptions and Swift errors keep
//! it. (In Kotlin the field is renamed `messageFr`, because a field named `message` clashes with
//! `Throwable.message`: mozilla/uniffi-rs#1434.)

use std::collections::HashMap;

use apart::diagnostic::{DetailValue, Diagnostic, Lang};

/// The value of one structured field of an error: a text or an integer.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ErrorDetail {
    /// A text value (a character, a suggestion, a state name…).
    Text {
        /// The text.
        value: String,
    },
    /// An integer value (an index, a length, a check digit…). Not named `Int`, which would
    /// shadow Kotlin's `Int` inside the generated sealed class.
    Integer {
        /// The integer.
        value: i64,
    },
}

impl From<DetailValue> for ErrorDetail {
    fn from(value: DetailValue) -> Self {
        match value {
            DetailValue::Text(value) => ErrorDetail::Text { value },
            DetailValue::Int(value) => ErrorDetail::Integer { value },
        }
    }
}

/// One refused field of a form: the field's name, and what its parser said.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FieldProblem {
    /// The field's name, as the form names it (`"email_confirmation"`).
    pub field: String,
    /// The stable code of the field's error.
    pub code: String,
    /// The French message of the field's error.
    pub message: String,
    /// The English message of the field's error.
    pub message_en: String,
    /// The structured fields of the field's error.
    pub details: HashMap<String, ErrorDetail>,
}

/// Any error of the library. Every variant has `code`, `message` (French), `message_en` and
/// `details`; a refused form (`Form`) also lists its refused fields.
///
/// Variants follow the core's domain errors. The core's enums are `#[non_exhaustive]`, so a
/// domain error this binding does not know yet (a newer core) arrives as `Other`, with its code
/// and messages intact.
// Every variant has the same four fields, documented once above.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Error)]
#[uniffi::export(Display, Eq)]
pub enum ApartError {
    /// A SIREN, NIC, SIRET or TVA number was refused (`IDENTIFIER_*`, `SIREN_*`, `SIRET_*`, `TVA_*`).
    Siret {
        code: String,
        message: String,
        message_en: String,
        details: HashMap<String, ErrorDetail>,
    },
    /// A phone number was refused (`PHONE_*`).
    Phone {
        code: String,
        message: String,
        message_en: String,
        details: HashMap<String, ErrorDetail>,
    },
    /// An e-mail address was refused (`EMAIL_*`).
    Email {
        code: String,
        message: String,
        message_en: String,
        details: HashMap<String, ErrorDetail>,
    },
    /// The e-mail confirmation differs from the e-mail (`EMAIL_CONFIRMATION_MISMATCH`).
    EmailConfirmation {
        code: String,
        message: String,
        message_en: String,
        details: HashMap<String, ErrorDetail>,
    },
    /// A postal code was refused (`POSTAL_CODE_*`).
    PostalCode {
        code: String,
        message: String,
        message_en: String,
        details: HashMap<String, ErrorDetail>,
    },
    /// A city name was refused (`TEXT_*`, `CITY_*`).
    City {
        code: String,
        message: String,
        message_en: String,
        details: HashMap<String, ErrorDetail>,
    },
    /// A free text was refused (`TEXT_*`).
    Text {
        code: String,
        message: String,
        message_en: String,
        details: HashMap<String, ErrorDetail>,
    },
    /// A person's name was refused (`TEXT_*`, `PERSON_NAME_*`).
    PersonName {
        code: String,
        message: String,
        message_en: String,
        details: HashMap<String, ErrorDetail>,
    },
    /// A secret answer was refused (`SECRET_ANSWER_*`).
    SecretAnswer {
        code: String,
        message: String,
        message_en: String,
        details: HashMap<String, ErrorDetail>,
    },
    /// A login identifier was refused (`LOGIN_IDENTIFIER_*`, `IDENTIFIER_LOOKS_LIKE_EMAIL`).
    LoginIdentifier {
        code: String,
        message: String,
        message_en: String,
        details: HashMap<String, ErrorDetail>,
    },
    /// A street number or extension was refused (`STREET_*`).
    Address {
        code: String,
        message: String,
        message_en: String,
        details: HashMap<String, ErrorDetail>,
    },
    /// The human check (captcha) is missing or too old (`CAPTCHA_*`).
    HumanCheck {
        code: String,
        message: String,
        message_en: String,
        details: HashMap<String, ErrorDetail>,
    },
    /// A state machine refused an event (`INVALID_TRANSITION`, `TERMINAL_STATE`, a guard's code…).
    Transition {
        code: String,
        message: String,
        message_en: String,
        details: HashMap<String, ErrorDetail>,
    },
    /// A snapshot, context or event could not be read (`SNAPSHOT_*`, `MACHINE_INPUT_MALFORMED`).
    Snapshot {
        code: String,
        message: String,
        message_en: String,
        details: HashMap<String, ErrorDetail>,
    },
    /// An account, habilitation, mandate or recovery operation was refused (`ACCOUNT_*`,
    /// `INVALID_CREDENTIALS`, `TOKEN_*`…).
    Account {
        code: String,
        message: String,
        message_en: String,
        details: HashMap<String, ErrorDetail>,
    },
    /// An indemnity could not be computed (`INDEMNITY_*`, `LAW_*`).
    Indemnity {
        code: String,
        message: String,
        message_en: String,
        details: HashMap<String, ErrorDetail>,
    },
    /// A law table could not be read or changed (`LAW_*`).
    Law {
        code: String,
        message: String,
        message_en: String,
        details: HashMap<String, ErrorDetail>,
    },
    /// A DA, DI or assistance request was refused (`DA_*`, `DI_*`, `ASSISTANCE_*`…).
    Procedure {
        code: String,
        message: String,
        message_en: String,
        details: HashMap<String, ErrorDetail>,
    },
    /// The source of randomness failed (`ENTROPY_UNAVAILABLE`).
    Entropy {
        code: String,
        message: String,
        message_en: String,
        details: HashMap<String, ErrorDetail>,
    },
    /// One or more fields of a form were refused (`FORM_INVALID`); `fields` lists each one.
    Form {
        code: String,
        message: String,
        message_en: String,
        details: HashMap<String, ErrorDetail>,
        fields: Vec<FieldProblem>,
    },
    /// A value could not be read as what the parameter expects (a decimal with an exponent, a
    /// month that is not `YYYY-MM`, a date that is not `YYYY-MM-DD`, an instant out of range, a
    /// separator that is not one character): `VALUE_INVALID_*`.
    Value {
        code: String,
        message: String,
        message_en: String,
        details: HashMap<String, ErrorDetail>,
    },
    /// A domain error of a newer core than this binding knows: code and messages are intact.
    Other {
        code: String,
        message: String,
        message_en: String,
        details: HashMap<String, ErrorDetail>,
    },
}

impl std::fmt::Display for ApartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for ApartError {}

/// The four common fields of a [`Diagnostic`].
struct Parts {
    code: String,
    message: String,
    message_en: String,
    details: HashMap<String, ErrorDetail>,
}

fn details_of(d: &(impl Diagnostic + ?Sized)) -> HashMap<String, ErrorDetail> {
    d.details()
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value.into()))
        .collect()
}

fn parts(d: &(impl Diagnostic + ?Sized)) -> Parts {
    Parts {
        code: d.code().to_owned(),
        message: d.message(Lang::Fr),
        message_en: d.message(Lang::En),
        details: details_of(d),
    }
}

/// Builds `ApartError::$variant` from any `Diagnostic`.
macro_rules! variant {
    ($variant:ident, $diag:expr) => {{
        let Parts {
            code,
            message,
            message_en,
            details,
        } = parts($diag);
        ApartError::$variant {
            code,
            message,
            message_en,
            details,
        }
    }};
}

/// `From<DomainError> for ApartError`, one line per domain.
macro_rules! from_domain {
    ($($t:ty => $variant:ident),* $(,)?) => {$(
        impl From<$t> for ApartError {
            fn from(e: $t) -> Self {
                variant!($variant, &e)
            }
        }
    )*};
}

from_domain! {
    apart::siret::SiretError => Siret,
    apart::forms::PhoneError => Phone,
    apart::forms::EmailError => Email,
    apart::forms::EmailConfirmationError => EmailConfirmation,
    apart::forms::PostalCodeError => PostalCode,
    apart::forms::CityError => City,
    apart::forms::TextError => Text,
    apart::forms::PersonNameError => PersonName,
    apart::forms::SecretAnswerError => SecretAnswer,
    apart::forms::LoginIdentifierError => LoginIdentifier,
    apart::forms::AddressError => Address,
    apart::forms::HumanCheckError => HumanCheck,
    apart::machine::TransitionError => Transition,
    apart::machine::SnapshotError => Snapshot,
    apart::account::AccountError => Account,
    apart::entropy::EntropyError => Entropy,
    apart::value::ValueError => Value,
    apart::money::MoneyError => Value,
    apart::indemnity::IndemnityError => Indemnity,
    apart::law::LawError => Law,
    apart::procedure::ProcedureError => Procedure,
}

impl From<apart::forms::FieldErrors> for ApartError {
    fn from(e: apart::forms::FieldErrors) -> Self {
        let Parts {
            code,
            message,
            message_en,
            details,
        } = parts(&e);
        let fields = e
            .iter()
            .map(|f| {
                let source = f.source_error();
                FieldProblem {
                    field: f.field().to_owned(),
                    code: source.code().to_owned(),
                    message: source.message(Lang::Fr),
                    message_en: source.message(Lang::En),
                    details: details_of(source),
                }
            })
            .collect();
        ApartError::Form {
            code,
            message,
            message_en,
            details,
            fields,
        }
    }
}

impl From<apart::Error> for ApartError {
    fn from(e: apart::Error) -> Self {
        match e {
            apart::Error::Siret(e) => e.into(),
            apart::Error::Transition(e) => e.into(),
            apart::Error::Snapshot(e) => e.into(),
            apart::Error::Form(e) => e.into(),
            apart::Error::Account(e) => e.into(),
            apart::Error::Indemnity(e) => e.into(),
            apart::Error::Procedure(e) => e.into(),
            apart::Error::Seal(e) => variant!(Snapshot, &e),
            // `apart::Error` is `#[non_exhaustive]`: a newer core's domain keeps its code and
            // messages. Add a variant above when a domain lands.
            other => variant!(Other, &other),
        }
    }
}

impl From<apart::machine::MachineError> for ApartError {
    fn from(e: apart::machine::MachineError) -> Self {
        apart::Error::from(e).into()
    }
}

/// The common fields of any variant, for callers that do not match on the domain (in Kotlin:
/// `e.code()` on any `ApartException`; each variant also has them as properties).
#[uniffi::export]
impl ApartError {
    /// The stable code.
    #[uniffi::method(name = "code")]
    pub fn code_of(&self) -> String {
        self.code().to_owned()
    }

    /// The French message (what `Display`, Kotlin's `toString()`, prints).
    pub fn message_fr(&self) -> String {
        self.message().to_owned()
    }

    /// The English message.
    #[uniffi::method(name = "message_en")]
    pub fn message_en_of(&self) -> String {
        self.common().2.to_owned()
    }

    /// The structured fields.
    #[uniffi::method(name = "details")]
    pub fn details_of(&self) -> HashMap<String, ErrorDetail> {
        self.common().3.clone()
    }
}

impl ApartError {
    /// The stable code of any variant.
    pub fn code(&self) -> &str {
        self.common().0
    }

    /// The French message of any variant.
    pub fn message(&self) -> &str {
        self.common().1
    }

    fn common(&self) -> (&str, &str, &str, &HashMap<String, ErrorDetail>) {
        match self {
            ApartError::Siret {
                code,
                message,
                message_en,
                details,
            }
            | ApartError::Phone {
                code,
                message,
                message_en,
                details,
            }
            | ApartError::Email {
                code,
                message,
                message_en,
                details,
            }
            | ApartError::EmailConfirmation {
                code,
                message,
                message_en,
                details,
            }
            | ApartError::PostalCode {
                code,
                message,
                message_en,
                details,
            }
            | ApartError::City {
                code,
                message,
                message_en,
                details,
            }
            | ApartError::Text {
                code,
                message,
                message_en,
                details,
            }
            | ApartError::PersonName {
                code,
                message,
                message_en,
                details,
            }
            | ApartError::SecretAnswer {
                code,
                message,
                message_en,
                details,
            }
            | ApartError::LoginIdentifier {
                code,
                message,
                message_en,
                details,
            }
            | ApartError::Address {
                code,
                message,
                message_en,
                details,
            }
            | ApartError::HumanCheck {
                code,
                message,
                message_en,
                details,
            }
            | ApartError::Transition {
                code,
                message,
                message_en,
                details,
            }
            | ApartError::Snapshot {
                code,
                message,
                message_en,
                details,
            }
            | ApartError::Account {
                code,
                message,
                message_en,
                details,
            }
            | ApartError::Indemnity {
                code,
                message,
                message_en,
                details,
            }
            | ApartError::Law {
                code,
                message,
                message_en,
                details,
            }
            | ApartError::Procedure {
                code,
                message,
                message_en,
                details,
            }
            | ApartError::Entropy {
                code,
                message,
                message_en,
                details,
            }
            | ApartError::Form {
                code,
                message,
                message_en,
                details,
                ..
            }
            | ApartError::Value {
                code,
                message,
                message_en,
                details,
            }
            | ApartError::Other {
                code,
                message,
                message_en,
                details,
            } => (code, message, message_en, details),
        }
    }

    /// A value the binding could not convert: `code`, both messages and the offending input.
    pub(crate) fn value(code: &str, fr: String, en: String, input: &str) -> ApartError {
        ApartError::Value {
            code: code.to_owned(),
            message: fr,
            message_en: en,
            details: HashMap::from([(
                "input".to_owned(),
                ErrorDetail::Text {
                    value: input.to_owned(),
                },
            )]),
        }
    }
}
