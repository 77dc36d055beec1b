//! The length limits of the form fields in one record, for a front end that shows them (a
//! counter, a `maxlength`): the constants of each field's module, gathered.

use super::{
    Description, EMAIL_LABEL_MAX, EMAIL_LOCAL_MAX, EMAIL_MAX, LOGIN_IDENTIFIER_MAX,
    SECRET_ANSWER_MAX, SECRET_ANSWER_MIN, STREET_NUMBER_MAX_DIGITS, TextRules,
};

/// The length limits of the form fields (each its module's constant).
///
/// ```
/// use apart::forms::FormLimits;
/// assert_eq!(FormLimits::CURRENT.email_max, 254);
/// assert_eq!(FormLimits::CURRENT.description_max, 1000);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
// The lengths cross uniffi as `Int` (`ffi_uniffi::Length`): Java has no unsigned integers.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FormLimits {
    /// Longest e-mail address.
    pub email_max: usize,
    /// Longest local part of an e-mail address.
    pub email_local_max: usize,
    /// Longest label of an e-mail domain.
    pub email_label_max: usize,
    /// Longest login identifier.
    pub login_identifier_max: usize,
    /// Shortest secret answer (after normalisation).
    pub secret_answer_min: usize,
    /// Longest secret answer.
    pub secret_answer_max: usize,
    /// Most digits of a street number.
    pub street_number_max_digits: usize,
    /// Longest description.
    pub description_max: usize,
}

impl FormLimits {
    /// The limits of this version.
    ///
    /// ```
    /// assert_eq!(apart::forms::FormLimits::CURRENT.secret_answer_min, 3);
    /// ```
    pub const CURRENT: FormLimits = FormLimits {
        email_max: EMAIL_MAX,
        email_local_max: EMAIL_LOCAL_MAX,
        email_label_max: EMAIL_LABEL_MAX,
        login_identifier_max: LOGIN_IDENTIFIER_MAX,
        secret_answer_min: SECRET_ANSWER_MIN,
        secret_answer_max: SECRET_ANSWER_MAX,
        street_number_max_digits: STREET_NUMBER_MAX_DIGITS,
        description_max: Description::MAX,
    };
}

/// The rules of the extranet's text fields in one record (each [`TextRules`] constant), for a
/// front end that passes them to its text parsers.
///
/// ```
/// use apart::forms::{StandardTextRules, TextRules};
/// assert_eq!(StandardTextRules::CURRENT.full_name, TextRules::FULL_NAME);
/// assert!(StandardTextRules::CURRENT.description.multiline);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StandardTextRules {
    /// Dénomination: 1–100, one line.
    pub denomination: TextRules,
    /// Street name: 1–100.
    pub street_name: TextRules,
    /// Address complement: 0–100.
    pub address_complement: TextRules,
    /// City: 1–60.
    pub city: TextRules,
    /// Nom or prénom: 1–50.
    pub person_name: TextRules,
    /// « Nom et prénom »: 1–100.
    pub full_name: TextRules,
    /// The assistance request's description: 1–1000, multi-line.
    pub description: TextRules,
}

impl StandardTextRules {
    /// The rules of this version.
    ///
    /// ```
    /// assert_eq!(apart::forms::StandardTextRules::CURRENT.city.max, 60);
    /// ```
    pub const CURRENT: StandardTextRules = StandardTextRules {
        denomination: TextRules::DENOMINATION,
        street_name: TextRules::STREET_NAME,
        address_complement: TextRules::ADDRESS_COMPLEMENT,
        city: TextRules::CITY,
        person_name: TextRules::PERSON_NAME,
        full_name: TextRules::FULL_NAME,
        description: TextRules::DESCRIPTION,
    };
}
