//! The uniffi shape of the core (feature `uniffi`): the error every Kotlin and Swift call throws,
//! and the scalar custom types. Records and enums derive `uniffi::Record` / `uniffi::Enum` where
//! they are defined (`#[cfg_attr(feature = "uniffi", derive(…))]`), so a field added to the core
//! reaches Kotlin and Swift without a hand edit. The objects and exported functions are in
//! `bindings/uniffi`.
//!
//! **One component.** uniffi makes one component (one Kotlin file with its own runtime helpers,
//! one Swift file) per crate, and two components cannot share the Kotlin package `fr.apart`: the
//! helpers (`RustBuffer`, `UniffiLib`, `FfiConverterString`…) would be declared twice. So
//! `bindings/uniffi` compiles as a library named `apart` too, and uniffi groups the items of
//! both crates (same crate name) into the binding's namespace. This crate therefore defines only
//! [`UniFfiTag`] (what the derives need), never `setup_scaffolding!`, whose symbols the binding
//! owns.
//!
//! **Errors by family.** [`ApartError`] has one variant per [`Family`] (Kotlin
//! `ApartException.Siret` … `ApartException.Internal`, Swift `ApartError.Siret` …): the variant
//! of an error is its [`Diagnostic::family`], never a hand table. Each carries the stable `code`,
//! both messages and the structured `details`; `Form` also lists its refused fields.
//!
//! **Custom types.** Decimals cross as their text (`java.math.BigDecimal` in Kotlin, scale kept;
//! a `String` in Swift), months as `YYYY-MM` (`java.time.YearMonth`), civil dates as
//! `YYYY-MM-DD` (`java.time.LocalDate`), instants as RFC 3339 with their offset
//! (`java.time.OffsetDateTime`). Their uniffi names (`CalendarMonth`, `CivilDate`,
//! `OffsetInstant`, `DecimalNumber`) shadow nothing in `java.time` or Swift. Lengths (`usize`)
//! cross as [`Length`], a signed `Int` (Java has no unsigned integers); a `u32` is uniffi's own
//! `UInt` (`EmployeeMonth`'s APLD counters). A law row's value is `LawValue`, its text (a
//! decimal, `none` or `unknown`). A value the core
//! refuses (29 digits, month 13, year 10000, a negative length) is an [`ApartError::Input`]
//! with the core's code, thrown by the call that received it.
//!
//! ```
//! use apart::ffi_uniffi::ApartError;
//!
//! let err = ApartError::from("73282932000075".parse::<apart::siret::Siret>().unwrap_err());
//! assert!(matches!(err, ApartError::Siret { ref code, .. } if code == "SIRET_INVALID_KEY"));
//! assert_eq!(err.family(), "siret");
//! ```

use std::collections::HashMap;

use crate::calendar::Month as CalendarMonth;
use crate::diagnostic::{DetailValue, Diagnostic, DiagnosticRecord, Family, Lang};
use crate::forms::{HumanCheck, PhoneTerritory, StreetExtension};
use crate::indemnity::Warning;
use crate::law::Value as LawValue;
use crate::money::{Euros, HourlyAmount, Hours, Rate};
use crate::procedure::assistance::AssistanceMotive;
use crate::value::{DecimalKind, Json};

/// The tag of this crate's FFI converters (what `uniffi::setup_scaffolding!` defines in the
/// crate that owns the scaffolding: here, `bindings/uniffi`).
#[doc(hidden)]
#[derive(Debug)]
pub struct UniFfiTag;

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
    pub message_fr: String,
    /// The English message of the field's error.
    pub message_en: String,
    /// The structured fields of the field's error.
    pub details: HashMap<String, ErrorDetail>,
}

/// Declares [`ApartError`] with one variant per family, the same four fields in each.
macro_rules! families {
    ($($(#[$doc:meta])* $variant:ident = $family:ident $({ $($extra:ident : $ty:ty),* })?;)*) => {
        /// Any error of the library, by [`Family`]: Kotlin `ApartException.<Family>` (its
        /// `message` is the French message), Swift `ApartError.<Family>`. Every variant has
        /// `code`, `message_fr`, `message_en` and `details`; `Form` also has `fields`.
        #[derive(Debug, Clone, PartialEq, Eq, uniffi::Error)]
        #[uniffi::export(Display, Eq)]
        pub enum ApartError {
            $(
                $(#[$doc])*
                $variant {
                    /// The stable code (`SIRET_INVALID_KEY`).
                    code: String,
                    /// The French message (what `Display` and Kotlin's `message` give).
                    message_fr: String,
                    /// The English message.
                    message_en: String,
                    /// The structured fields of the error.
                    details: HashMap<String, ErrorDetail>,
                    $($(
                        #[doc = "The refused fields, one per field."]
                        $extra: $ty,
                    )*)?
                },
            )*
        }

        impl ApartError {
            /// The variant of `family` with these fields (`fields` kept for `Form` only).
            fn build(family: Family, code: String, message_fr: String, message_en: String,
                     details: HashMap<String, ErrorDetail>, fields: Vec<FieldProblem>) -> ApartError {
                let _ = &fields;
                match family {
                    $(Family::$family => ApartError::$variant {
                        code, message_fr, message_en, details, $($($extra: fields,)*)?
                    },)*
                }
            }

            /// `(family, code, message_fr, message_en, details)` of any variant.
            fn parts(&self) -> (Family, &str, &str, &str, &HashMap<String, ErrorDetail>) {
                match self {
                    $(ApartError::$variant { code, message_fr, message_en, details, .. } =>
                        (Family::$family, code, message_fr, message_en, details),)*
                }
            }
        }
    };
}

families! {
    /// A SIREN, NIC, SIRET or TVA number was refused (`IDENTIFIER_*`, `SIRET_*`, `TVA_*`).
    Siret = Siret;
    /// A field of a form was refused (`PHONE_*`, `EMAIL_*`, `TEXT_*`…; `FORM_INVALID` lists
    /// every refused field in `fields`).
    Form = Form { fields: Vec<FieldProblem> };
    /// Amounts, hours or rates out of the representable range (`MONEY_OVERFLOW`).
    Money = Money;
    /// A legal parameter, table, row or override (`LAW_*`).
    Law = Law;
    /// The indemnity and allocation engine refused its input (`INDEMNITY_*`).
    Indemnity = Indemnity;
    /// A DA, DI, DI code, assistance request or recap was refused (`DA_*`, `DI_*`…).
    Procedure = Procedure;
    /// An account, credential, habilitation, mandate or recovery operation (`ACCOUNT_*`…).
    Account = Account;
    /// A state machine refused an event, or a snapshot cannot be restored.
    Machine = Machine;
    /// A value or record given by the caller cannot be read (`VALUE_*`, `INPUT_*`).
    Input = Input;
    /// The source of randomness failed (`ENTROPY_UNAVAILABLE`).
    Entropy = Entropy;
    /// A bug in the library or the binding (`INTERNAL_*`): never the caller's fault.
    Internal = Internal;
}

impl ApartError {
    /// The error of any diagnostic, in the variant of its family.
    pub fn of(d: &(impl Diagnostic + ?Sized)) -> ApartError {
        ApartError::build(
            d.family(),
            d.code().to_owned(),
            d.message(Lang::Fr),
            d.message(Lang::En),
            details_of(d),
            Vec::new(),
        )
    }

    /// The error of a diagnostic as data (a refused claim line's), in the variant of its family.
    pub fn of_record(record: &DiagnosticRecord) -> ApartError {
        ApartError::build(
            record.family,
            record.code.clone(),
            record.messages.fr.clone(),
            record.messages.en.clone(),
            record
                .details
                .iter()
                .map(|(name, value)| (name.clone(), value.clone().into()))
                .collect(),
            Vec::new(),
        )
    }

    /// The stable code of any variant.
    pub fn code(&self) -> &str {
        self.parts().1
    }

    /// The family of any variant (`"siret"`, `"input"`…).
    pub fn family(&self) -> &'static str {
        self.parts().0.as_str()
    }

    /// The French message of any variant.
    pub fn message_fr(&self) -> &str {
        self.parts().2
    }

    /// The English message of any variant.
    pub fn message_en(&self) -> &str {
        self.parts().3
    }

    /// The structured fields of any variant.
    pub fn details(&self) -> &HashMap<String, ErrorDetail> {
        self.parts().4
    }
}

fn details_of(d: &(impl Diagnostic + ?Sized)) -> HashMap<String, ErrorDetail> {
    d.details()
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value.into()))
        .collect()
}

/// The common fields of any variant, for callers that do not match on the family (Kotlin
/// `e.code()` on any `ApartException`).
#[uniffi::export]
impl ApartError {
    /// The stable code.
    #[uniffi::method(name = "code")]
    pub fn code_of(&self) -> String {
        self.code().to_owned()
    }

    /// The family (`"siret"`, `"input"`…).
    #[uniffi::method(name = "family")]
    pub fn family_of(&self) -> String {
        self.family().to_owned()
    }

    /// The French message (Kotlin's `message`, Swift's `description`).
    #[uniffi::method(name = "message_fr")]
    pub fn message_fr_of(&self) -> String {
        self.message_fr().to_owned()
    }

    /// The English message.
    #[uniffi::method(name = "message_en")]
    pub fn message_en_of(&self) -> String {
        self.message_en().to_owned()
    }

    /// The structured fields.
    #[uniffi::method(name = "details")]
    pub fn details_of(&self) -> HashMap<String, ErrorDetail> {
        self.details().clone()
    }
}

impl std::fmt::Display for ApartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message_fr())
    }
}

impl std::error::Error for ApartError {}

/// `From<DomainError> for ApartError`: each domain error goes to its family's variant.
macro_rules! from_diagnostic {
    ($($t:ty),* $(,)?) => {$(
        impl From<$t> for ApartError {
            fn from(e: $t) -> Self {
                ApartError::of(&e)
            }
        }
    )*};
}

from_diagnostic! {
    crate::Error,
    crate::recovery::record::RecoveryError,
    crate::siret::SiretError,
    crate::forms::PhoneError,
    crate::forms::EmailError,
    crate::forms::EmailConfirmationError,
    crate::forms::PostalCodeError,
    crate::forms::CityError,
    crate::forms::TextError,
    crate::forms::PersonNameError,
    crate::forms::SecretAnswerError,
    crate::forms::LoginIdentifierError,
    crate::forms::AddressError,
    crate::forms::HumanCheckError,
    crate::machine::TransitionError,
    crate::machine::SnapshotError,
    crate::machine::MachineError,
    crate::account::AccountError,
    crate::entropy::EntropyError,
    crate::value::ValueError,
    crate::money::MoneyError,
    crate::indemnity::IndemnityError,
    crate::law::LawError,
    crate::procedure::ProcedureError,
    crate::procedure::RecapError,
    crate::seal::SealError,
}

/// A foreign callback that threw something other than an `ApartError` (uniffi's wrapper of
/// the exception's text): `INTERNAL_BINDING` naming it.
impl From<uniffi::UnexpectedUniFFICallbackError> for ApartError {
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> Self {
        ApartError::of(&crate::diagnostic::InternalError::binding(&format!(
            "callback threw {}",
            e.reason
        )))
    }
}

impl From<crate::forms::FieldErrors> for ApartError {
    fn from(e: crate::forms::FieldErrors) -> Self {
        let fields = e
            .iter()
            .map(|f| {
                let source = f.source_error();
                FieldProblem {
                    field: f.field().to_owned(),
                    code: source.code().to_owned(),
                    message_fr: source.message(Lang::Fr),
                    message_en: source.message(Lang::En),
                    details: details_of(source),
                }
            })
            .collect();
        ApartError::build(
            e.family(),
            e.code().to_owned(),
            e.message(Lang::Fr),
            e.message(Lang::En),
            details_of(&e),
            fields,
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Methods of derived enums whose Rust methods take `self` by value or a `Lang`.

/// A warning's code and messages (Kotlin `w.code()`, `w.messageFr()`; its fields are the
/// variant's own, `(w as Warning.QuotaExceeded).quota`).
#[uniffi::export]
impl Warning {
    /// The stable code (`QUOTA_EXCEEDED`…).
    #[uniffi::method(name = "code")]
    pub fn code_text(&self) -> String {
        self.code().to_owned()
    }

    /// The French message.
    pub fn message_fr(&self) -> String {
        self.message(Lang::Fr)
    }

    /// The English message.
    pub fn message_en(&self) -> String {
        self.message(Lang::En)
    }
}

/// What a phone number's territory is.
#[uniffi::export]
impl PhoneTerritory {
    /// The country calling code, without `+`.
    #[uniffi::method(name = "country_code")]
    pub fn country_code_text(&self) -> String {
        self.country_code().to_owned()
    }

    /// Whether the territory is a collectivity dialled in international form only.
    #[uniffi::method(name = "is_collectivity")]
    pub fn collectivity(&self) -> bool {
        self.is_collectivity()
    }
}

/// The one-letter code and the word of a street number's extension.
#[uniffi::export]
impl StreetExtension {
    /// The one-letter code of the form (`B`, `T`, `Q`, `C`).
    #[uniffi::method(name = "code")]
    pub fn code_text(&self) -> String {
        self.code().to_owned()
    }

    /// The word written in an address (« bis »).
    #[uniffi::method(name = "label")]
    pub fn label_text(&self) -> String {
        self.label().to_owned()
    }
}

/// The code and label of an assistance motive.
#[uniffi::export]
impl AssistanceMotive {
    /// The motive's code in the form (`habilitation_extranet`).
    #[uniffi::method(name = "code")]
    pub fn code_text(&self) -> String {
        self.as_str().to_owned()
    }

    /// The motive's label (French).
    #[uniffi::method(name = "label_fr")]
    pub fn label_fr_text(&self) -> String {
        self.label_fr().to_owned()
    }
}

/// The checks of a captcha verdict.
// uniffi hands errors over by value: `ApartError` is the FFI's error type, never boxed.
#[allow(clippy::result_large_err)]
#[uniffi::export]
impl HumanCheck {
    /// The time of the verification; `CAPTCHA_REQUIRED` when not verified.
    #[uniffi::method(name = "require")]
    pub fn require_verified(&self) -> Result<OffsetInstant, ApartError> {
        Ok(self.require()?)
    }

    /// As `require`, and at most `max_age` old at `now` (`CAPTCHA_EXPIRED`).
    #[uniffi::method(name = "require_fresh")]
    pub fn require_fresh_within(
        &self,
        now: OffsetInstant,
        max_age: std::time::Duration,
    ) -> Result<OffsetInstant, ApartError> {
        let max_age = time::Duration::try_from(max_age).unwrap_or(time::Duration::MAX);
        Ok(self.require_fresh(now, max_age)?)
    }

    /// Whether the code was verified.
    #[uniffi::method(name = "is_verified")]
    pub fn verified(&self) -> bool {
        self.is_verified()
    }
}

// ---------------------------------------------------------------------------------------------
// Record defaults.

/// The core's defaults of the records that have some, each as the JSON object of its defaulted
/// fields (the record's `Default`, or the record read from its required fields alone, written
/// back without them): what `uniffi-bindgen` gives the Kotlin fields as default values, so
/// that Kotlin `Options()` is the core's `Options::default()`.
///
/// uniffi 0.32's proc-macros give a field a default only as a literal of a builtin type:
/// options and booleans carry `#[uniffi(default)]` where the records are defined (Swift and
/// Python get those), but an enum or a decimal field cannot have one; this table is the one
/// source for those.
///
/// ```
/// let defaults = apart::ffi_uniffi::record_defaults();
/// let options = &defaults.iter().find(|(name, _)| *name == "Options").unwrap().1;
/// assert_eq!(options["rounding"], "per_hour");
/// let month = &defaults.iter().find(|(name, _)| *name == "EmployeeMonth").unwrap().1;
/// assert_eq!(month["contract_hours"], "151.67");
/// assert!(!month.contains_key("gross_monthly")); // required
/// ```
pub fn record_defaults() -> Vec<(&'static str, serde_json::Map<String, serde_json::Value>)> {
    use crate::indemnity::{EmployeeMonth, Options};
    let employee_month = serde_json::json!({"month": "2026-01", "gross_monthly": "1"});
    let law_row = serde_json::json!({"from": "2026-01-01", "value": "1", "source": {"title": "t"}});
    vec![
        ("Options", defaulted(Some(Options::default()), &[])),
        (
            "EmployeeMonth",
            defaulted(
                crate::value::from_json_value::<EmployeeMonth>(employee_month).ok(),
                &["month", "gross_monthly"],
            ),
        ),
        (
            "LawRow",
            defaulted(
                crate::value::from_json_value::<crate::law::Row>(law_row).ok(),
                &["from", "value", "source"],
            ),
        ),
        (
            "PhonePolicy",
            defaulted(Some(crate::forms::PhonePolicy::default()), &[]),
        ),
        (
            "AttemptCounter",
            defaulted(Some(crate::account::AttemptCounter::default()), &[]),
        ),
        (
            "LoginThrottlePolicy",
            defaulted(Some(crate::account::LoginThrottlePolicy::default()), &[]),
        ),
        (
            "ResetRequestPolicy",
            defaulted(Some(crate::recovery::ResetRequestPolicy::default()), &[]),
        ),
    ]
}

/// The fields of `value` as JSON, less the `required` ones.
fn defaulted(
    value: Option<impl serde::Serialize>,
    required: &[&str],
) -> serde_json::Map<String, serde_json::Value> {
    let mut fields = match value.map(serde_json::to_value) {
        Some(Ok(serde_json::Value::Object(fields))) => fields,
        _ => serde_json::Map::new(),
    };
    for name in required {
        fields.remove(*name);
    }
    fields
}

// ---------------------------------------------------------------------------------------------
// Custom types. Each lift parses with the core's own parser; a refusal is the core's typed error
// (family `input`), which uniffi hands to the caller as the called function's `ApartError`.

fn lift<T, E: Into<ApartError>>(parsed: Result<T, E>) -> uniffi::Result<T> {
    parsed.map_err(|e| uniffi::deps::anyhow::Error::new(e.into()))
}

uniffi::custom_type!(Euros, String, {
    lower: |v| v.to_string(),
    try_lift: |text| lift(text.parse::<Euros>()),
});
uniffi::custom_type!(Hours, String, {
    lower: |v| v.to_string(),
    try_lift: |text| lift(text.parse::<Hours>()),
});
uniffi::custom_type!(HourlyAmount, String, {
    lower: |v| v.to_string(),
    try_lift: |text| lift(text.parse::<HourlyAmount>()),
});
uniffi::custom_type!(Rate, String, {
    lower: |v| v.to_string(),
    try_lift: |text| lift(text.parse::<Rate>()),
});
uniffi::custom_type!(CalendarMonth, String, {
    lower: |v| v.to_string(),
    try_lift: |text| lift(text.parse::<CalendarMonth>()),
});

// A law table's value as the data files write it: a decimal, `none` or `unknown`.
uniffi::custom_type!(LawValue, String, {
    lower: |v| v.to_string(),
    try_lift: |text| lift(text.parse::<LawValue>()),
});

/// A plain exact decimal (days, law values): its text, scale kept (`151.67`).
pub type DecimalNumber = rust_decimal::Decimal;
uniffi::custom_type!(DecimalNumber, String, {
    remote,
    lower: |v| v.to_string(),
    try_lift: |text| lift(crate::value::parse_decimal(DecimalKind::Decimal, &text)),
});

/// A civil date (no time, no zone), `YYYY-MM-DD`. Not named `Date`, Swift's instant type.
pub type CivilDate = time::Date;
uniffi::custom_type!(CivilDate, String, {
    remote,
    lower: |date| crate::calendar::format_date(date),
    try_lift: |text| lift(crate::calendar::parse_date(&text)),
});

/// An instant with its UTC offset, RFC 3339 (`2022-02-10T10:00:00+01:00`): the offset is the
/// establishment's local time, which decides local dates (the day a DA is received). Checked
/// storable ([`crate::calendar::check_instant`]) both ways.
pub type OffsetInstant = time::OffsetDateTime;
uniffi::custom_type!(OffsetInstant, String, {
    remote,
    lower: |at| crate::calendar::format_instant(at),
    try_lift: |text| lift(crate::calendar::parse_instant(&text)),
});

// A JSON document (a snapshot, effects, an e-mail) as its text; read later by its own reader.
uniffi::custom_type!(Json, String, {
    lower: |doc| doc.into_text(),
    try_lift: |text| Ok(Json::from_text(text)),
});

/// A length or count (`usize` in the core) as a signed 32-bit integer, Kotlin `Int`: Java has
/// no unsigned integers. Lowering saturates (no length of the core reaches `i32::MAX`); a
/// negative value is the core's `VALUE_OUT_OF_RANGE`.
pub type Length = usize;
uniffi::custom_type!(Length, i32, {
    remote,
    lower: |n| i32::try_from(n).unwrap_or(i32::MAX),
    try_lift: |n| lift(usize::try_from(n).map_err(|_| {
        crate::value::ValueError::out_of_range(&n.to_string(), "0 ≤ n")
    })),
});

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
    use super::*;

    #[test]
    fn every_family_has_its_variant() {
        for &family in Family::ALL {
            let e = ApartError::build(
                family,
                "C".into(),
                "fr".into(),
                "en".into(),
                HashMap::new(),
                Vec::new(),
            );
            assert_eq!(e.family(), family.as_str());
            // The Kotlin class `ApartException.<Variant>` is the family's class name without
            // its `Error` suffix.
            let variant = format!("{e:?}");
            let class = family.class_name().trim_end_matches("Error");
            assert!(
                variant.starts_with(&format!("{class} ")),
                "{variant} vs {class}"
            );
        }
    }

    #[test]
    fn every_record_default_is_read() {
        for (name, fields) in record_defaults() {
            assert!(!fields.is_empty(), "{name}");
        }
    }

    #[test]
    fn form_errors_list_their_fields() {
        let input = crate::account::AccountFormInput::default();
        let err = ApartError::from(input.validate().unwrap_err());
        let ApartError::Form { code, fields, .. } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(code, "FORM_INVALID");
        assert!(fields.iter().any(|f| f.field == "denomination"));
    }
}
