//! Field rules of the forms (`apart::forms`): each field is an object holding the core's parsed
//! value, built by `parse` (which throws an [`ApartError`] with the field's code).

use std::sync::Arc;

use apart::forms as core;

use crate::ApartError;

use crate::signed::{count, int as len};

/// `Display` and equality for a field object wrapping a core value.
macro_rules! field_object {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, PartialEq, Eq, Hash, uniffi::Object)]
        #[uniffi::export(Display, Eq, Hash)]
        pub struct $name(pub(crate) core::$name);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.0.as_str())
            }
        }
    };
}

// ---------------------------------------------------------------------------------------------
// Phone

// The territory and kinds of line are the core's own (derived behind its `uniffi` feature).
pub use apart::forms::{OverseasKind, PhoneKind, PhoneTerritory};

// Which numbers a phone field accepts: the core's `PhonePolicy` (its fields default to false).
pub use apart::forms::PhonePolicy;

/// A valid French phone number, stored in E.164 form. `toString()` gives the national
/// spaced form (`01 02 03 04 05`).
#[derive(Debug, PartialEq, Eq, Hash, uniffi::Object)]
#[uniffi::export(Display, Eq, Hash)]
pub struct PhoneFr(pub(crate) core::PhoneFr);

impl std::fmt::Display for PhoneFr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[uniffi::export]
impl PhoneFr {
    /// Parses with the default policy.
    #[uniffi::constructor]
    pub fn parse(input: String) -> Result<Arc<PhoneFr>, ApartError> {
        Ok(Arc::new(PhoneFr(core::PhoneFr::parse(&input)?)))
    }

    /// Parses with `policy`.
    #[uniffi::constructor]
    pub fn parse_with(input: String, policy: PhonePolicy) -> Result<Arc<PhoneFr>, ApartError> {
        Ok(Arc::new(PhoneFr(core::PhoneFr::parse_with(
            &input, policy,
        )?)))
    }

    /// The E.164 form (`+33102030405`).
    pub fn e164(&self) -> String {
        self.0.e164().to_owned()
    }

    /// The kind of line.
    pub fn kind(&self) -> PhoneKind {
        self.0.kind()
    }

    /// The country calling code, without `+`.
    pub fn country_code(&self) -> String {
        self.0.country_code().to_owned()
    }

    /// The national significant number (no country code, no trunk `0`).
    pub fn national_significant_number(&self) -> String {
        self.0.national_significant_number().to_owned()
    }

    /// The national form, as `toString()`.
    pub fn to_national(&self) -> String {
        self.0.to_national()
    }

    /// Whether the line is fixed (the kind's rule).
    pub fn is_fixed_line(&self) -> bool {
        self.0.kind().is_fixed_line()
    }
}

/// Parses an optional phone field: `null` when empty.
#[uniffi::export]
pub fn parse_optional_phone(
    input: String,
    policy: PhonePolicy,
) -> Result<Option<Arc<PhoneFr>>, ApartError> {
    Ok(core::PhoneFr::parse_optional(&input, policy)?.map(|p| Arc::new(PhoneFr(p))))
}

// ---------------------------------------------------------------------------------------------
// E-mail

/// A valid e-mail address (domain lower-cased, local part kept as typed).
#[derive(Debug, PartialEq, Eq, Hash, uniffi::Object)]
#[uniffi::export(Display, Eq, Hash)]
pub struct Email(pub(crate) core::Email);

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[uniffi::export]
impl Email {
    /// Parses and normalises an address.
    #[uniffi::constructor]
    pub fn parse(input: String) -> Result<Arc<Email>, ApartError> {
        Ok(Arc::new(Email(core::Email::parse(&input)?)))
    }

    /// The address.
    pub fn as_str(&self) -> String {
        self.0.as_str().to_owned()
    }

    /// The part before `@`.
    pub fn local_part(&self) -> String {
        self.0.local_part().to_owned()
    }

    /// The domain, lower-cased.
    pub fn domain(&self) -> String {
        self.0.domain().to_owned()
    }

    /// Whether `confirmation` confirms this address.
    pub fn is_confirmed_by(&self, confirmation: String) -> bool {
        self.0.is_confirmed_by(&confirmation)
    }

    /// The key for "is this address already used" look-ups.
    pub fn to_lookup_key(&self) -> String {
        self.0.to_lookup_key()
    }
}

/// Checks the e-mail confirmation field against the e-mail field.
#[uniffi::export]
pub fn confirm_email(email: String, confirmation: String) -> Result<(), ApartError> {
    Ok(core::confirm_email(&email, &confirmation)?)
}

// ---------------------------------------------------------------------------------------------
// Postal code and city

pub use apart::forms::PostalArea;

field_object!(
    /// A structurally valid French postal code (five digits, known area).
    PostalCodeFr
);

#[uniffi::export]
impl PostalCodeFr {
    /// Parses a postal code.
    #[uniffi::constructor]
    pub fn parse(input: String) -> Result<Arc<PostalCodeFr>, ApartError> {
        Ok(Arc::new(PostalCodeFr(core::PostalCodeFr::parse(&input)?)))
    }

    /// The five digits.
    pub fn as_str(&self) -> String {
        self.0.as_str().to_owned()
    }

    /// The area of the code.
    pub fn area(&self) -> PostalArea {
        self.0.area()
    }
}

field_object!(
    /// A valid city name, possibly with a CEDEX suffix.
    City
);

#[uniffi::export]
impl City {
    /// Parses a city name.
    #[uniffi::constructor]
    pub fn parse(input: String) -> Result<Arc<City>, ApartError> {
        Ok(Arc::new(City(core::City::parse(&input)?)))
    }

    /// Parses a city name under `rules`.
    #[uniffi::constructor]
    pub fn parse_with(input: String, rules: TextRules) -> Result<Arc<City>, ApartError> {
        Ok(Arc::new(City(core::City::parse_with(&input, rules)?)))
    }

    /// The normalised text.
    pub fn as_str(&self) -> String {
        self.0.as_str().to_owned()
    }

    /// The name without the CEDEX suffix.
    pub fn name(&self) -> String {
        self.0.name().to_owned()
    }

    /// The CEDEX number, if any.
    pub fn cedex(&self) -> Option<String> {
        self.0.cedex().map(str::to_owned)
    }

    /// Whether the city has a CEDEX suffix.
    pub fn is_cedex(&self) -> bool {
        self.0.is_cedex()
    }
}

// ---------------------------------------------------------------------------------------------
// Text

// The length rules of a text field: the core's `TextRules` (its lengths cross as `Int`).
pub use apart::forms::TextRules;

/// The text fields of the extranet's forms, each with its rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum TextField {
    /// Raison sociale (1–100).
    Denomination,
    /// Street name (1–100).
    StreetName,
    /// Address complement (0–100).
    AddressComplement,
    /// City (1–60).
    City,
    /// First or last name (1–50).
    PersonName,
    /// « Nom Prénom » (1–100).
    FullName,
    /// The assistance form's description (1–1000, multi-line).
    Description,
}

/// The rules of one of the extranet's text fields (`TextRules::DENOMINATION`…).
#[uniffi::export]
pub fn text_rules(field: TextField) -> TextRules {
    match field {
        TextField::Denomination => core::TextRules::DENOMINATION,
        TextField::StreetName => core::TextRules::STREET_NAME,
        TextField::AddressComplement => core::TextRules::ADDRESS_COMPLEMENT,
        TextField::City => core::TextRules::CITY,
        TextField::PersonName => core::TextRules::PERSON_NAME,
        TextField::FullName => core::TextRules::FULL_NAME,
        TextField::Description => core::TextRules::DESCRIPTION,
    }
}

/// Checks `input` against `rules`, returning the normalised text.
#[uniffi::export]
pub fn check_text(input: String, rules: TextRules) -> Result<String, ApartError> {
    Ok(rules.check(&input)?)
}

/// Normalises a text as every text field does (NFC, CRLF to LF, trimmed).
#[uniffi::export]
pub fn normalize_text(input: String) -> String {
    core::normalize_text(&input)
}

/// The length of `input` after normalisation, in UTF-16 code units (a browser's `maxlength`).
#[uniffi::export]
pub fn text_len_utf16(input: String) -> i32 {
    len(core::text_len_utf16(&input))
}

/// The description counter's length (`text_len_utf16`).
#[uniffi::export]
pub fn description_len(input: String) -> i32 {
    len(core::description_len(&input))
}

/// The characters left before `max` (negative when over).
#[uniffi::export]
pub fn remaining(input: String, max: i32) -> Result<i64, ApartError> {
    Ok(core::remaining(&input, count(max, "max")?))
}

/// A text that passed its field's rules, normalised.
#[derive(Debug, PartialEq, Eq, Hash, uniffi::Object)]
#[uniffi::export(Display, Eq, Hash)]
pub struct BoundedText(pub(crate) core::BoundedText);

impl std::fmt::Display for BoundedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.as_str())
    }
}

#[uniffi::export]
impl BoundedText {
    /// Parses `input` under `rules`.
    #[uniffi::constructor]
    pub fn parse(input: String, rules: TextRules) -> Result<Arc<BoundedText>, ApartError> {
        Ok(Arc::new(BoundedText(core::BoundedText::parse(
            &input, rules,
        )?)))
    }

    /// The normalised text.
    pub fn as_str(&self) -> String {
        self.0.as_str().to_owned()
    }

    /// Its length in UTF-16 code units.
    pub fn len_utf16(&self) -> i32 {
        len(self.0.len_utf16())
    }
}

/// The assistance form's description (1 to 1000 UTF-16 code units, multi-line).
#[derive(Debug, PartialEq, Eq, Hash, uniffi::Object)]
#[uniffi::export(Display, Eq, Hash)]
pub struct Description(pub(crate) core::Description);

impl std::fmt::Display for Description {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.as_str())
    }
}

#[uniffi::export]
impl Description {
    /// Parses a description.
    #[uniffi::constructor]
    pub fn parse(input: String) -> Result<Arc<Description>, ApartError> {
        Ok(Arc::new(Description(core::Description::parse(&input)?)))
    }

    /// The normalised text.
    pub fn as_str(&self) -> String {
        self.0.as_str().to_owned()
    }

    /// Its length in UTF-16 code units.
    pub fn len_utf16(&self) -> i32 {
        len(self.0.len_utf16())
    }
}

// ---------------------------------------------------------------------------------------------
// Login identifier, names, secret answer

field_object!(
    /// A valid login identifier (as typed; compare with `key()`).
    LoginIdentifier
);

#[uniffi::export]
impl LoginIdentifier {
    /// Parses a login identifier.
    #[uniffi::constructor]
    pub fn parse(input: String) -> Result<Arc<LoginIdentifier>, ApartError> {
        Ok(Arc::new(LoginIdentifier(core::LoginIdentifier::parse(
            &input,
        )?)))
    }

    /// The identifier as typed.
    pub fn as_str(&self) -> String {
        self.0.as_str().to_owned()
    }

    /// The uniqueness key (case-folded).
    pub fn key(&self) -> String {
        self.0.key().as_str().to_owned()
    }

    /// Whether both identifiers name the same account.
    pub fn same_as(&self, other: &LoginIdentifier) -> bool {
        self.0.same_as(&other.0)
    }
}

field_object!(
    /// A valid person's name (letters, spaces, hyphens, apostrophes).
    PersonName
);

#[uniffi::export]
impl PersonName {
    /// Parses a first or last name (1 to 50).
    #[uniffi::constructor]
    pub fn parse(input: String) -> Result<Arc<PersonName>, ApartError> {
        Ok(Arc::new(PersonName(core::PersonName::parse(&input)?)))
    }

    /// Parses a name under `rules` (`text_rules(TextField.FULL_NAME)` for « Nom Prénom »).
    #[uniffi::constructor]
    pub fn parse_with(input: String, rules: TextRules) -> Result<Arc<PersonName>, ApartError> {
        Ok(Arc::new(PersonName(core::PersonName::parse_with(
            &input, rules,
        )?)))
    }

    /// The normalised name.
    pub fn as_str(&self) -> String {
        self.0.as_str().to_owned()
    }
}

/// The personal data a secret answer must not equal.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct SecretAnswerContext {
    /// The user's last name.
    #[uniffi(default = None)]
    pub nom: Option<String>,
    /// The user's first name.
    #[uniffi(default = None)]
    pub prenom: Option<String>,
    /// The user's login identifier.
    #[uniffi(default = None)]
    pub identifier: Option<String>,
}

/// A valid secret answer, normalised for comparison. `toString()` hides it.
#[derive(PartialEq, Eq, uniffi::Object)]
#[uniffi::export(Debug)]
pub struct SecretAnswer(core::SecretAnswer);

impl std::fmt::Debug for SecretAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[uniffi::export]
impl SecretAnswer {
    /// Parses a secret answer.
    #[uniffi::constructor]
    pub fn parse(
        input: String,
        context: SecretAnswerContext,
    ) -> Result<Arc<SecretAnswer>, ApartError> {
        let context = core::SecretAnswerContext {
            nom: context.nom.as_deref(),
            prenom: context.prenom.as_deref(),
            identifier: context.identifier.as_deref(),
        };
        Ok(Arc::new(SecretAnswer(core::SecretAnswer::parse(
            &input, context,
        )?)))
    }

    /// The normalised answer (what is hashed).
    pub fn normalized(&self) -> String {
        self.0.normalized().to_owned()
    }

    /// Whether `attempt` matches this answer.
    pub fn matches(&self, attempt: String) -> bool {
        self.0.matches(&attempt)
    }
}

/// The normalisation applied to secret answers before comparison.
#[uniffi::export]
pub fn normalize_secret_answer(input: String) -> String {
    core::normalize_secret_answer(&input)
}

// ---------------------------------------------------------------------------------------------
// Address

field_object!(
    /// A valid street number (digits only).
    StreetNumber
);

#[uniffi::export]
impl StreetNumber {
    /// The digits.
    pub fn as_str(&self) -> String {
        self.0.as_str().to_owned()
    }
}

/// Parses a street number; `null` for an empty field.
#[uniffi::export]
pub fn parse_street_number(input: String) -> Result<Option<Arc<StreetNumber>>, ApartError> {
    Ok(core::StreetNumber::parse(&input)?.map(|n| Arc::new(StreetNumber(n))))
}

// A street number's extension (code and word exported with it by the core).
pub use apart::forms::StreetExtension;

/// The street extensions, in the form's order (`code`, French `label`).
#[uniffi::export]
pub fn street_extensions() -> Vec<apart::forms::Choice> {
    apart::forms::street_extensions()
}

/// Common « type de voie » abbreviations and their words (`BD`, `Boulevard`; the field
/// itself is free text).
#[uniffi::export]
pub fn street_types() -> Vec<apart::forms::Choice> {
    apart::forms::street_types()
}

/// Parses a street extension (code or word, any case); `null` for an empty field.
#[uniffi::export]
pub fn parse_street_extension(input: String) -> Result<Option<StreetExtension>, ApartError> {
    Ok(core::StreetExtension::parse(&input)?)
}

// ---------------------------------------------------------------------------------------------
// Human check

// The verdict of the caller's captcha service (its checks exported with it by the core).
pub use apart::forms::HumanCheck;

// ---------------------------------------------------------------------------------------------
// Limits

/// The length limits of the form fields (the core's constants).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct FormLimits {
    /// Longest e-mail address.
    pub email_max: i32,
    /// Longest local part of an e-mail address.
    pub email_local_max: i32,
    /// Longest label of an e-mail domain.
    pub email_label_max: i32,
    /// Longest login identifier.
    pub login_identifier_max: i32,
    /// Shortest secret answer (after normalisation).
    pub secret_answer_min: i32,
    /// Longest secret answer.
    pub secret_answer_max: i32,
    /// Most digits of a street number.
    pub street_number_max_digits: i32,
    /// Longest description.
    pub description_max: i32,
}

/// The length limits of the form fields.
#[uniffi::export]
pub fn form_limits() -> FormLimits {
    FormLimits {
        email_max: len(core::EMAIL_MAX),
        email_local_max: len(core::EMAIL_LOCAL_MAX),
        email_label_max: len(core::EMAIL_LABEL_MAX),
        login_identifier_max: len(core::LOGIN_IDENTIFIER_MAX),
        secret_answer_min: len(core::SECRET_ANSWER_MIN),
        secret_answer_max: len(core::SECRET_ANSWER_MAX),
        street_number_max_digits: len(core::STREET_NUMBER_MAX_DIGITS),
        description_max: len(core::Description::MAX),
    }
}
