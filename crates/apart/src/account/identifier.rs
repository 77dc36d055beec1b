//! One canonical form for login identifiers, used in every record, effect and comparison of the
//! account and recovery lifecycles.
//!
//! Identifiers are compared case-insensitively (spec §10 Q12), so `ID12345`, `id12345` and
//! ` Id12345 ` name one credential. Records keep that credential under one spelling only: the
//! trimmed, ASCII lower-case text, which is [`LoginIdentifier::key`](crate::forms::LoginIdentifier::key)
//! for every valid identifier. Constructors and JSON readers of records, events and effects
//! bring what they are given to that form, and every comparison goes through it; a habilitation
//! requested through `id12345` therefore counts for, and logs in, the credential `ID12345`.

use serde::{Deserialize, Deserializer};

/// The canonical form of a login identifier (or of a token's subject): trimmed, ASCII
/// lower-case. Look credentials up by it (it equals `LoginIdentifier::key` for a valid
/// identifier).
///
/// ```
/// use apart::account::canonical_identifier;
/// assert_eq!(canonical_identifier(" JDupont75 "), "jdupont75");
/// ```
pub fn canonical_identifier(text: &str) -> String {
    text.trim().to_ascii_lowercase()
}

/// Whether `a` and `b` name the same credential (without allocating).
pub(crate) fn same_identifier(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// Reads an identifier from JSON in its canonical form (older records and callers' JSON may
/// hold another spelling).
pub(crate) fn canonical<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
    Ok(canonical_identifier(&text))
}

/// [`canonical`] for an optional identifier.
pub(crate) fn canonical_option<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    let text = <Option<std::borrow::Cow<'de, str>>>::deserialize(d)?;
    Ok(text.map(|t| canonical_identifier(&t)))
}

/// [`canonical`] for a list of identifiers.
pub(crate) fn canonical_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let texts = <Vec<std::borrow::Cow<'de, str>>>::deserialize(d)?;
    Ok(texts.iter().map(|t| canonical_identifier(t)).collect())
}
