//! The parsed fields as records: each canonical value with what the form shows or keys on
//! with it, for a front end that returns plain data (the Node package's `parsePhone` and
//! friends).

use serde::{Deserialize, Serialize};

use super::{
    City, Email, LoginIdentifier, PhoneFr, PhoneKind, PostalArea, PostalCodeFr, SecretAnswerContext,
};

/// A French telephone number and its forms.
///
/// ```
/// use apart::forms::{PhoneFr, PhoneRecord};
/// let record = PhoneRecord::from(&PhoneFr::parse("01 23 45 67 89")?);
/// assert_eq!((record.e164.as_str(), record.national.as_str()), ("+33123456789", "0123456789"));
/// assert!(record.is_fixed_line);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PhoneRecord {
    /// E.164 (`+33123456789`): the form to store.
    pub e164: String,
    /// The national form for display (`01 23 45 67 89`; collectivities `+687 12 34 56`).
    pub display: String,
    /// The national form without spaces (`0123456789`).
    pub national: String,
    /// The country calling code, without `+`.
    pub country_code: String,
    /// The national significant number (9 digits in the 10-digit plan).
    pub national_significant_number: String,
    /// The kind of line.
    pub kind: PhoneKind,
    /// Whether the kind is a fixed line (`01`–`05`, `09`, overseas fixed).
    pub is_fixed_line: bool,
}

impl From<&PhoneFr> for PhoneRecord {
    fn from(p: &PhoneFr) -> Self {
        PhoneRecord {
            e164: p.e164().to_owned(),
            display: p.to_string(),
            national: p.to_national(),
            country_code: p.country_code().to_owned(),
            national_significant_number: p.national_significant_number().to_owned(),
            kind: p.kind(),
            is_fixed_line: p.kind().is_fixed_line(),
        }
    }
}

/// An e-mail address and its parts.
///
/// ```
/// use apart::forms::{Email, EmailRecord};
/// let record = EmailRecord::from(&Email::parse("Jean.Dupont@Exemple.FR")?);
/// assert_eq!(record.domain, "exemple.fr");
/// assert_eq!(record.lookup_key, "jean.dupont@exemple.fr");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EmailRecord {
    /// The address: local part as typed, domain lower-cased.
    pub email: String,
    /// The local part.
    pub local_part: String,
    /// The domain, lower-cased.
    pub domain: String,
    /// The address lower-cased in full: the key to find accounts by e-mail.
    pub lookup_key: String,
}

impl From<&Email> for EmailRecord {
    fn from(e: &Email) -> Self {
        EmailRecord {
            email: e.as_str().to_owned(),
            local_part: e.local_part().to_owned(),
            domain: e.domain().to_owned(),
            lookup_key: e.to_lookup_key(),
        }
    }
}

/// A French postal code and where it belongs.
///
/// ```
/// use apart::forms::{PostalArea, PostalCodeFr, PostalCodeRecord};
/// let record = PostalCodeRecord::from(PostalCodeFr::parse("98000")?);
/// assert_eq!((record.postal_code.as_str(), record.area), ("98000", PostalArea::Monaco));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PostalCodeRecord {
    /// The five digits.
    pub postal_code: String,
    /// Where it belongs.
    pub area: PostalArea,
}

impl From<PostalCodeFr> for PostalCodeRecord {
    fn from(p: PostalCodeFr) -> Self {
        PostalCodeRecord {
            postal_code: p.as_str().to_owned(),
            area: p.area(),
        }
    }
}

/// A city (« commune ») and its CEDEX suffix, if any.
///
/// ```
/// use apart::forms::{City, CityRecord};
/// let record = CityRecord::from(&City::parse("Lyon Cedex 03")?);
/// assert_eq!(record.city, "Lyon CEDEX 03");
/// assert_eq!((record.name.as_str(), record.cedex.as_deref()), ("Lyon", Some("03")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CityRecord {
    /// The normalised value (`Lyon CEDEX 03`).
    pub city: String,
    /// The name without the CEDEX part.
    pub name: String,
    /// The CEDEX office number (`03`; empty for a bare `CEDEX`), absent without CEDEX.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub cedex: Option<String>,
}

impl From<&City> for CityRecord {
    fn from(c: &City) -> Self {
        CityRecord {
            city: c.as_str().to_owned(),
            name: c.name().to_owned(),
            cedex: c.cedex().map(str::to_owned),
        }
    }
}

/// A login identifier and the key that finds it again whatever its case.
///
/// ```
/// use apart::forms::{LoginIdentifier, LoginIdentifierRecord};
/// let record = LoginIdentifierRecord::from(&LoginIdentifier::parse("JDupont")?);
/// assert_eq!((record.identifier.as_str(), record.key.as_str()), ("JDupont", "jdupont"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LoginIdentifierRecord {
    /// The identifier as it will be displayed.
    pub identifier: String,
    /// The key that makes two identifiers the same account (compare keys, not identifiers).
    pub key: String,
}

impl From<&LoginIdentifier> for LoginIdentifierRecord {
    fn from(id: &LoginIdentifier) -> Self {
        LoginIdentifierRecord {
            identifier: id.as_str().to_owned(),
            key: id.key().as_str().to_owned(),
        }
    }
}

/// What a secret answer must not equal, as a front end gives it (the owned form of
/// [`SecretAnswerContext`]; each field optional, unknown fields refused).
///
/// ```
/// use apart::forms::{SecretAnswer, SecretAnswerNames};
/// let names: SecretAnswerNames = apart::value::from_json(r#"{"nom": "Dupont"}"#)?;
/// assert!(SecretAnswer::parse("Dupont", names.context()).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SecretAnswerContext"))]
#[cfg_attr(
    feature = "uniffi",
    derive(uniffi::Record),
    uniffi(name = "SecretAnswerContext")
)]
pub struct SecretAnswerNames {
    /// The user's last name (nom).
    #[cfg_attr(feature = "ts", ts(optional))]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub nom: Option<String>,
    /// The user's first name (prénom).
    #[cfg_attr(feature = "ts", ts(optional))]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub prenom: Option<String>,
    /// The user's login identifier.
    #[cfg_attr(feature = "ts", ts(optional))]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub identifier: Option<String>,
}

impl SecretAnswerNames {
    /// The borrowed context [`super::SecretAnswer::parse`] takes.
    ///
    /// ```
    /// let names = apart::forms::SecretAnswerNames { prenom: Some("Claire".into()), ..Default::default() };
    /// assert_eq!(names.context().prenom, Some("Claire"));
    /// ```
    #[must_use]
    pub fn context(&self) -> SecretAnswerContext<'_> {
        SecretAnswerContext {
            nom: self.nom.as_deref(),
            prenom: self.prenom.as_deref(),
            identifier: self.identifier.as_deref(),
        }
    }
}
