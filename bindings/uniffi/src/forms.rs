//! Field rules of the forms (`apart::forms`): each field is an object holding the core's parsed
//! value, built by `parse` (which throws an [`ApartError`] with the field's code).

use std::sync::Arc;

use apart::forms as core;

use crate::ApartError;

use crate::signed::{count, int as len};

// ---------------------------------------------------------------------------------------------
// Phone

// The territory and kinds of line are the core's own (derived behind its `uniffi` feature).
pub use apart::forms::{OverseasKind, PhoneKind, PhoneTerritory};

// Which numbers a phone field accepts: the core's `PhonePolicy` (its fields default to false).
pub use apart::forms::PhonePolicy;

value_object!(
    /// A valid French phone number, stored in E.164 form. `toString()` gives the national
    /// spaced form (`01 02 03 04 05`).
    PhoneFr(core::PhoneFr),
    parse: "Parses with the default policy.",
    parse_with(policy: PhonePolicy): "Parses with `policy`.",
);

#[uniffi::export]
impl PhoneFr {
    /// Whether the line is fixed (the kind's rule).
    pub fn is_fixed_line(&self) -> bool {
        self.0.kind().is_fixed_line()
    }
}

getters!(PhoneFr {
    /// The E.164 form (`+33102030405`).
    e164 -> String => str::to_owned;
    /// The kind of line.
    kind -> PhoneKind;
    /// The country calling code, without `+`.
    country_code -> String => str::to_owned;
    /// The national significant number (no country code, no trunk `0`).
    national_significant_number -> String => str::to_owned;
    /// The national form, as `toString()`.
    to_national -> String;
});

/// Parses an optional phone field: `null` when empty.
#[uniffi::export]
pub fn parse_optional_phone(
    input: String,
    policy: PhonePolicy,
) -> Result<Option<Arc<PhoneFr>>, ApartError> {
    Ok(core::PhoneFr::parse_optional(&input, policy)?.map(PhoneFr::arc))
}

// ---------------------------------------------------------------------------------------------
// E-mail

value_object!(
    /// A valid e-mail address (domain lower-cased, local part kept as typed).
    Email(core::Email),
    parse: "Parses and normalises an address.";
    as_str: "The address.",
);

#[uniffi::export]
impl Email {
    /// Whether `confirmation` confirms this address.
    pub fn is_confirmed_by(&self, confirmation: String) -> bool {
        self.0.is_confirmed_by(&confirmation)
    }
}

getters!(Email {
    /// The part before `@`.
    local_part -> String => str::to_owned;
    /// The domain, lower-cased.
    domain -> String => str::to_owned;
    /// The key for "is this address already used" look-ups.
    to_lookup_key -> String;
});

/// Checks the e-mail confirmation field against the e-mail field.
#[uniffi::export]
pub fn confirm_email(email: String, confirmation: String) -> Result<(), ApartError> {
    Ok(core::confirm_email(&email, &confirmation)?)
}

// ---------------------------------------------------------------------------------------------
// Postal code and city

pub use apart::forms::PostalArea;

value_object!(
    /// A structurally valid French postal code (five digits, known area).
    PostalCodeFr(core::PostalCodeFr),
    parse: "Parses a postal code.";
    as_str: "The five digits.",
);

getters!(PostalCodeFr {
    /// The area of the code.
    area -> PostalArea;
});

value_object!(
    /// A valid city name, possibly with a CEDEX suffix.
    City(core::City),
    parse: "Parses a city name.",
    parse_with(rules: TextRules): "Parses a city name under `rules`.";
    as_str: "The normalised text.",
);

getters!(City {
    /// The name without the CEDEX suffix.
    name -> String => str::to_owned;
    /// The CEDEX number, if any.
    cedex -> Option<String> => |c: Option<&str>| c.map(str::to_owned);
    /// Whether the city has a CEDEX suffix.
    is_cedex -> bool;
});

// ---------------------------------------------------------------------------------------------
// Text

// The length rules of a text field: the core's `TextRules` (its lengths cross as `Int`).
pub use apart::forms::TextRules;

// The named text fields: the core's `TextField`.
pub use apart::forms::TextField;

/// The rules of one of the extranet's text fields (`TextRules::DENOMINATION`…).
#[uniffi::export]
pub fn text_rules(field: TextField) -> TextRules {
    field.rules()
}

/// Checks `input` against `rules`, returning the normalised text.
#[uniffi::export]
pub fn check_text(input: String, rules: TextRules) -> Result<String, ApartError> {
    Ok(rules.check(&input)?)
}

/// The characters left before `max` (negative when over).
#[uniffi::export]
pub fn remaining(input: String, max: i32) -> Result<i64, ApartError> {
    Ok(core::remaining(&input, count(max, "max")?))
}

value_object!(
    /// A text that passed its field's rules, normalised.
    BoundedText(core::BoundedText),
    parse(rules: TextRules): "Parses `input` under `rules`.";
    as_str: "The normalised text.",
);

getters!(BoundedText {
    /// Its length in UTF-16 code units.
    len_utf16 -> i32 => len;
});

value_object!(
    /// The assistance form's description (1 to 1000 UTF-16 code units, multi-line).
    Description(core::Description),
    parse: "Parses a description.";
    as_str: "The normalised text.",
);

getters!(Description {
    /// Its length in UTF-16 code units.
    len_utf16 -> i32 => len;
});

// ---------------------------------------------------------------------------------------------
// Login identifier, names, secret answer

value_object!(
    /// A valid login identifier (as typed; compare with `key()`).
    LoginIdentifier(core::LoginIdentifier),
    parse: "Parses a login identifier.";
    as_str: "The identifier as typed.",
);

#[uniffi::export]
impl LoginIdentifier {
    /// The uniqueness key (case-folded).
    pub fn key(&self) -> String {
        self.0.key().as_str().to_owned()
    }

    /// Whether both identifiers name the same account.
    pub fn same_as(&self, other: &LoginIdentifier) -> bool {
        self.0.same_as(&other.0)
    }
}

value_object!(
    /// A valid person's name (letters, spaces, hyphens, apostrophes).
    PersonName(core::PersonName),
    parse: "Parses a first or last name (1 to 50).",
    parse_with(rules: TextRules):
        "Parses a name under `rules` (`text_rules(TextField.FULL_NAME)` for « Nom Prénom »).";
    as_str: "The normalised name.",
);

/// The personal data a secret answer must not equal (Kotlin `SecretAnswerContext`).
pub use apart::forms::SecretAnswerNames;

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
        context: SecretAnswerNames,
    ) -> Result<Arc<SecretAnswer>, ApartError> {
        Ok(Arc::new(SecretAnswer(core::SecretAnswer::parse(
            &input,
            context.context(),
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

// ---------------------------------------------------------------------------------------------
// Address

value_object!(
    /// A valid street number (digits only).
    StreetNumber(core::StreetNumber);
    as_str: "The digits.",
);

/// Parses a street number; `null` for an empty field.
#[uniffi::export]
pub fn parse_street_number(input: String) -> Result<Option<Arc<StreetNumber>>, ApartError> {
    Ok(core::StreetNumber::parse(&input)?.map(StreetNumber::arc))
}

// A street number's extension (code and word exported with it by the core).
pub use apart::forms::StreetExtension;

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

/// The length limits of the form fields.
#[uniffi::export]
pub fn form_limits() -> core::FormLimits {
    core::FormLimits::CURRENT
}
