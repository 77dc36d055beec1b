//! E-mail addresses and the « Confirmer courriel » fields (spec §4.4).
//!
//! The rule is WHATWG's `type=email` (a deliberate, simpler subset of RFC 5322: no quoted
//! local parts, comments or domain literals), written in house, plus what an address the ASP
//! must reach needs: RFC 5321 lengths, a dot in the domain, no stray dots in the local part,
//! ASCII only.

use std::fmt;
use std::str::FromStr;

use crate::diagnostic::{Detail, DetailValue, Diagnostic, Lang, french_display, quote};

/// The longest local part, in octets (RFC 5321 §4.5.3.1.1).
pub const EMAIL_LOCAL_MAX: usize = 64;
/// The longest address, in octets (RFC 5321 path limit of 256 less the angle brackets).
pub const EMAIL_MAX: usize = 254;
/// The longest domain label, in octets (RFC 1035; WHATWG's `{0,61}` between two characters).
pub const EMAIL_LABEL_MAX: usize = 63;

/// An e-mail address that an ASP message can reach: WHATWG syntax, ASCII only, RFC 5321
/// lengths, a domain with at least one dot.
///
/// The domain is lower-cased; the local part is kept as typed (mail servers may treat its case
/// as significant). `Display` and serde give the address.
///
/// ```
/// use apart::forms::Email;
/// let e = Email::parse(" Jean.Dupont@Exemple.FR ")?;
/// assert_eq!(e.as_str(), "Jean.Dupont@exemple.fr");
/// assert_eq!(e.local_part(), "Jean.Dupont");
/// assert_eq!(e.domain(), "exemple.fr");
/// assert!(Email::parse("jean@localhost").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, eq, hash, module = "apart.forms")
)]
pub struct Email {
    address: String,
    /// Byte index of the `@` in `address` (always a valid char boundary: ASCII only).
    at: usize,
}

/// Why an e-mail address was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EmailError {
    /// Nothing was given.
    Empty,
    /// A character outside ASCII (internationalised addresses are not accepted).
    NonAscii {
        /// Its position, in characters of the trimmed input.
        index: usize,
        /// The character, quoted (`diagnostic::quote`: a control character escaped).
        character: String,
    },
    /// No `@`.
    MissingAt,
    /// Nothing before the `@`.
    LocalEmpty,
    /// A character that WHATWG's rule does not allow at that place.
    InvalidCharacter {
        /// Its position, in characters of the trimmed input.
        index: usize,
        /// The character, quoted (`diagnostic::quote`: a control character escaped).
        character: String,
    },
    /// The local part starts or ends with a dot, or has two dots in a row.
    LocalDots,
    /// The local part is longer than 64 octets.
    LocalTooLong {
        /// The maximum.
        max: usize,
        /// The length found.
        len: usize,
    },
    /// Nothing after the `@`.
    DomainEmpty,
    /// A domain label is empty, too long, starts or ends with `-`, or the top-level label is
    /// all digits.
    DomainInvalid {
        /// The offending label, quoted short (empty for an empty label).
        label: String,
    },
    /// The domain has no dot (`user@localhost`).
    DomainNoTld,
    /// The address is longer than 254 octets.
    TooLong {
        /// The maximum.
        max: usize,
        /// The length found.
        len: usize,
    },
}

impl Diagnostic for EmailError {
    fn family(&self) -> crate::diagnostic::Family {
        crate::diagnostic::Family::Form
    }

    fn code(&self) -> &'static str {
        match self {
            EmailError::Empty => "EMAIL_REQUIRED",
            EmailError::NonAscii { .. } => "EMAIL_NON_ASCII",
            EmailError::MissingAt => "EMAIL_MISSING_AT",
            EmailError::LocalEmpty => "EMAIL_LOCAL_EMPTY",
            EmailError::InvalidCharacter { .. } => "EMAIL_INVALID_CHARACTER",
            EmailError::LocalDots => "EMAIL_LOCAL_DOTS",
            EmailError::LocalTooLong { .. } => "EMAIL_LOCAL_TOO_LONG",
            EmailError::DomainEmpty => "EMAIL_DOMAIN_EMPTY",
            EmailError::DomainInvalid { .. } => "EMAIL_DOMAIN_INVALID",
            EmailError::DomainNoTld => "EMAIL_DOMAIN_NO_TLD",
            EmailError::TooLong { .. } => "EMAIL_TOO_LONG",
        }
    }

    fn message(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        match self {
            EmailError::Empty if en => "e-mail address required".into(),
            EmailError::Empty => "adresse électronique obligatoire".into(),
            EmailError::NonAscii { character, .. } if en => {
                format!("character '{character}' not accepted in an e-mail address (ascii only)")
            }
            EmailError::NonAscii { character, .. } => format!(
                "caractère '{character}' non accepté dans une adresse électronique (ascii uniquement)"
            ),
            EmailError::MissingAt if en => "e-mail address without '@'".into(),
            EmailError::MissingAt => "adresse électronique sans '@'".into(),
            EmailError::LocalEmpty if en => "nothing before the '@'".into(),
            EmailError::LocalEmpty => "rien avant le '@'".into(),
            EmailError::InvalidCharacter { index, character } if en => {
                format!("invalid character '{character}' in e-mail address at position {position}", position = index.saturating_add(1))
            }
            EmailError::InvalidCharacter { index, character } => format!(
                "caractère '{character}' invalide dans l'adresse électronique en position {position}", position = index.saturating_add(1)
            ),
            EmailError::LocalDots if en => {
                "the part before '@' cannot start or end with a dot or hold two dots in a row"
                    .into()
            }
            EmailError::LocalDots => {
                "la partie avant '@' ne peut ni commencer ni finir par un point, ni contenir deux points de suite"
                    .into()
            }
            EmailError::LocalTooLong { max, len } if en => {
                format!("the part before '@' is too long: {len} characters, at most {max}")
            }
            EmailError::LocalTooLong { max, len } => {
                format!("la partie avant '@' est trop longue : {len} caractères, {max} au maximum")
            }
            EmailError::DomainEmpty if en => "nothing after the '@'".into(),
            EmailError::DomainEmpty => "rien après le '@'".into(),
            EmailError::DomainInvalid { label } if en => {
                format!("invalid domain name (label '{label}')")
            }
            EmailError::DomainInvalid { label } => {
                format!("nom de domaine invalide (élément '{label}')")
            }
            EmailError::DomainNoTld if en => {
                "the domain must contain a dot (for example exemple.fr)".into()
            }
            EmailError::DomainNoTld => {
                "le domaine doit contenir un point (par exemple exemple.fr)".into()
            }
            EmailError::TooLong { max, len } if en => {
                format!("e-mail address too long: {len} characters, at most {max}")
            }
            EmailError::TooLong { max, len } => {
                format!("adresse électronique trop longue : {len} caractères, {max} au maximum")
            }
        }
    }

    fn details(&self) -> Vec<Detail> {
        match self {
            EmailError::Empty
            | EmailError::MissingAt
            | EmailError::LocalEmpty
            | EmailError::LocalDots
            | EmailError::DomainEmpty
            | EmailError::DomainNoTld => Vec::new(),
            EmailError::NonAscii { index, character }
            | EmailError::InvalidCharacter { index, character } => vec![
                ("index", DetailValue::from(*index)),
                ("character", DetailValue::from(character.as_str())),
            ],
            EmailError::LocalTooLong { max, len } | EmailError::TooLong { max, len } => {
                vec![
                    ("max", DetailValue::from(*max)),
                    ("len", DetailValue::from(*len)),
                ]
            }
            EmailError::DomainInvalid { label } => {
                vec![("label", DetailValue::from(label.as_str()))]
            }
        }
    }
}

french_display!(EmailError);

/// The characters WHATWG allows in a local part.
fn is_local_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b".!#$%&'*+/=?^_`{|}~-".contains(&b)
}

fn invalid_char(index: usize, b: u8) -> EmailError {
    EmailError::InvalidCharacter {
        index,
        character: quote(&char::from(b).to_string()),
    }
}

impl Email {
    /// Parses an address as typed: trims it, checks it, lower-cases the domain.
    ///
    /// # Errors
    ///
    /// In this order: `EMAIL_REQUIRED`, `EMAIL_NON_ASCII`, `EMAIL_MISSING_AT`,
    /// `EMAIL_LOCAL_EMPTY`, `EMAIL_INVALID_CHARACTER` (local part), `EMAIL_LOCAL_DOTS`,
    /// `EMAIL_LOCAL_TOO_LONG`, `EMAIL_DOMAIN_EMPTY`, `EMAIL_INVALID_CHARACTER` (domain, a
    /// second `@` included), `EMAIL_DOMAIN_INVALID`, `EMAIL_DOMAIN_NO_TLD`, `EMAIL_TOO_LONG`.
    pub fn parse(input: &str) -> Result<Email, EmailError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(EmailError::Empty);
        }
        if let Some((index, c)) = s.chars().enumerate().find(|(_, c)| !c.is_ascii()) {
            return Err(EmailError::NonAscii {
                index,
                character: quote(&c.to_string()),
            });
        }
        // ASCII from here on: byte indexes are character indexes.
        let at = s.find('@').ok_or(EmailError::MissingAt)?;
        let (local, domain) = (s.get(..at).unwrap_or(""), s.get(at + 1..).unwrap_or(""));
        if local.is_empty() {
            return Err(EmailError::LocalEmpty);
        }
        if let Some((i, &b)) = local
            .as_bytes()
            .iter()
            .enumerate()
            .find(|(_, b)| !is_local_char(**b))
        {
            return Err(invalid_char(i, b));
        }
        if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
            return Err(EmailError::LocalDots);
        }
        if local.len() > EMAIL_LOCAL_MAX {
            return Err(EmailError::LocalTooLong {
                max: EMAIL_LOCAL_MAX,
                len: local.len(),
            });
        }
        if domain.is_empty() {
            return Err(EmailError::DomainEmpty);
        }
        if let Some((i, &b)) = domain
            .as_bytes()
            .iter()
            .enumerate()
            .find(|(_, b)| !(b.is_ascii_alphanumeric() || **b == b'-' || **b == b'.'))
        {
            return Err(invalid_char(at + 1 + i, b));
        }
        for label in domain.split('.') {
            if label.is_empty()
                || label.len() > EMAIL_LABEL_MAX
                || label.starts_with('-')
                || label.ends_with('-')
            {
                // Quoted short: a label of any length reaches here (the whole address is
                // measured last).
                return Err(EmailError::DomainInvalid {
                    label: quote(label),
                });
            }
        }
        let tld = domain.rsplit('.').next().unwrap_or(domain);
        if !domain.contains('.') {
            return Err(EmailError::DomainNoTld);
        }
        // A top-level label is never all digits (RFC 3696 §2): `user@1.2.3.4` is an IP address
        // written without brackets, not a domain.
        if tld.bytes().all(|b| b.is_ascii_digit()) {
            return Err(EmailError::DomainInvalid { label: quote(tld) });
        }
        if s.len() > EMAIL_MAX {
            return Err(EmailError::TooLong {
                max: EMAIL_MAX,
                len: s.len(),
            });
        }
        let address = format!("{local}@{}", domain.to_ascii_lowercase());
        Ok(Email { address, at })
    }

    /// The address: local part as typed, domain lower-cased.
    pub fn as_str(&self) -> &str {
        &self.address
    }

    /// The part before `@`, as typed.
    pub fn local_part(&self) -> &str {
        self.address.get(..self.at).unwrap_or("")
    }

    /// The domain, lower-cased.
    pub fn domain(&self) -> &str {
        self.address.get(self.at + 1..).unwrap_or("")
    }

    /// Whether `confirmation` confirms this address (spec §4.4): equal after trimming, the
    /// local part compared ASCII-case-insensitively (the domain is already lower-cased).
    ///
    /// ```
    /// use apart::forms::Email;
    /// let e = Email::parse("Jean@exemple.fr")?;
    /// assert!(e.is_confirmed_by(" jean@EXEMPLE.fr"));
    /// assert!(!e.is_confirmed_by("jean@exemple.com"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_confirmed_by(&self, confirmation: &str) -> bool {
        self.address.eq_ignore_ascii_case(confirmation.trim())
    }

    /// The address as a key for finding accounts by e-mail: lower-cased in full.
    pub fn to_lookup_key(&self) -> String {
        self.address.to_ascii_lowercase()
    }
}

/// The confirmation field does not repeat the address (`EMAIL_CONFIRMATION_MISMATCH`).
///
/// It is the only error of a confirmation field: an invalid confirmation of a valid address
/// is a mismatch, not a second syntax error (spec §4.4).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EmailConfirmationError {
    /// The two fields differ.
    Mismatch,
}

impl Diagnostic for EmailConfirmationError {
    fn family(&self) -> crate::diagnostic::Family {
        crate::diagnostic::Family::Form
    }

    fn code(&self) -> &'static str {
        "EMAIL_CONFIRMATION_MISMATCH"
    }

    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => "the two e-mail addresses differ".into(),
            _ => "les deux adresses électroniques sont différentes".into(),
        }
    }

    fn details(&self) -> Vec<Detail> {
        Vec::new()
    }
}

french_display!(EmailConfirmationError);

/// Checks a « Confirmer courriel » field against its « Courriel » field (spec §4.4).
///
/// The two texts are compared after trimming, ASCII-case-insensitively. That is the same as
/// comparing the normalised addresses (the domain is lower-cased, the local part compared
/// without case) and it still works when the address itself is invalid: the address field
/// then carries the syntax error, and the confirmation only says whether it repeats it.
///
/// # Errors
///
/// [`EmailConfirmationError::Mismatch`] when the two differ.
///
/// ```
/// use apart::forms::confirm_email;
/// assert!(confirm_email("Jean@Exemple.fr", "jean@exemple.fr ").is_ok());
/// assert!(confirm_email("jean@exemple.fr", "jean@exemple.fr.").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn confirm_email(email: &str, confirmation: &str) -> Result<(), EmailConfirmationError> {
    if email.trim().eq_ignore_ascii_case(confirmation.trim()) {
        Ok(())
    } else {
        Err(EmailConfirmationError::Mismatch)
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.address)
    }
}

impl FromStr for Email {
    type Err = EmailError;
    /// Same as [`Email::parse`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Email::parse(s)
    }
}

impl AsRef<str> for Email {
    fn as_ref(&self) -> &str {
        &self.address
    }
}

super::serde_via_parse!(Email, |v| &v.address, |s| Email::parse(s));

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn code(s: &str) -> &'static str {
        Email::parse(s).unwrap_err().code()
    }

    /// WHATWG `type=email` accepts these (html.spec.whatwg.org, valid e-mail address).
    #[test]
    fn whatwg_valid() {
        for s in [
            "a@b.fr",
            "jean.dupont@exemple.fr",
            "jean+apart@exemple.fr",
            "x!#$%&'*+/=?^_`{|}~-y@exemple.fr",
            "user@sub-domain.exemple.co.uk",
            "user@a1.b2",
            "1234@exemple.fr",
            "user@xn--exmple-cva.fr", // an IDN written as its A-label is plain ASCII
        ] {
            assert!(Email::parse(s).is_ok(), "{s}");
        }
    }

    #[test]
    fn whatwg_and_added_refusals() {
        assert_eq!(code(""), "EMAIL_REQUIRED");
        assert_eq!(code("jean.exemple.fr"), "EMAIL_MISSING_AT");
        assert_eq!(code("@exemple.fr"), "EMAIL_LOCAL_EMPTY");
        assert_eq!(code("jean@"), "EMAIL_DOMAIN_EMPTY");
        assert_eq!(code("jean dupont@exemple.fr"), "EMAIL_INVALID_CHARACTER");
        assert_eq!(code("\"jean\"@exemple.fr"), "EMAIL_INVALID_CHARACTER"); // quoted
        assert_eq!(code("jean(comment)@exemple.fr"), "EMAIL_INVALID_CHARACTER");
        assert_eq!(code("a@b@exemple.fr"), "EMAIL_INVALID_CHARACTER");
        assert_eq!(code("jean@[192.168.0.1]"), "EMAIL_INVALID_CHARACTER"); // domain literal
        assert_eq!(code("jean@exemple_fr.com"), "EMAIL_INVALID_CHARACTER");
        assert_eq!(code(".jean@exemple.fr"), "EMAIL_LOCAL_DOTS");
        assert_eq!(code("jean.@exemple.fr"), "EMAIL_LOCAL_DOTS");
        assert_eq!(code("jean..dupont@exemple.fr"), "EMAIL_LOCAL_DOTS");
        assert_eq!(code("jean@localhost"), "EMAIL_DOMAIN_NO_TLD");
        assert_eq!(code("jean@exemple..fr"), "EMAIL_DOMAIN_INVALID");
        assert_eq!(code("jean@.exemple.fr"), "EMAIL_DOMAIN_INVALID");
        assert_eq!(code("jean@exemple.fr."), "EMAIL_DOMAIN_INVALID");
        assert_eq!(code("jean@-exemple.fr"), "EMAIL_DOMAIN_INVALID");
        assert_eq!(code("jean@exemple-.fr"), "EMAIL_DOMAIN_INVALID");
        assert_eq!(code("jean@1.2.3.4"), "EMAIL_DOMAIN_INVALID");
        // A label of any length is quoted short (found by the forms_values fuzz target: a
        // 700-character label made a 752-character message).
        let long = format!("jean@{}.fr", "a".repeat(700));
        let e = Email::parse(&long).unwrap_err();
        assert_eq!(e.code(), "EMAIL_DOMAIN_INVALID");
        for lang in Lang::ALL {
            assert!(
                e.message(*lang).chars().count() < 120,
                "{}",
                e.message(*lang)
            );
        }
        assert_eq!(
            Email::parse("jean@d\u{e9}partement.fr").unwrap_err(),
            EmailError::NonAscii {
                index: 6,
                character: "é".into()
            }
        );
        assert_eq!(code("j\u{e9}r\u{f4}me@exemple.fr"), "EMAIL_NON_ASCII");
        assert_eq!(code("jean@exemple.fr\u{0}"), "EMAIL_INVALID_CHARACTER");
    }

    /// RFC 5321: local part ≤ 64 octets, address ≤ 254, label ≤ 63.
    #[test]
    fn length_limits() {
        let l64 = "a".repeat(64);
        assert!(Email::parse(&format!("{l64}@exemple.fr")).is_ok());
        assert_eq!(
            Email::parse(&format!("{l64}b@exemple.fr")).unwrap_err(),
            EmailError::LocalTooLong { max: 64, len: 65 }
        );
        let label63 = "d".repeat(63);
        assert!(Email::parse(&format!("a@{label63}.fr")).is_ok());
        assert_eq!(code(&format!("a@{label63}d.fr")), "EMAIL_DOMAIN_INVALID");
        // 64 + 1 + 189 = 254: accepted; one more: refused.
        let domain189 = format!("{}.{}.{}.fr", label63, label63, "d".repeat(58));
        assert_eq!(domain189.len(), 189);
        let at254 = format!("{l64}@{domain189}");
        assert_eq!(at254.len(), 254);
        assert!(Email::parse(&at254).is_ok());
        let at255 = format!("{l64}@{label63}.{label63}.{}.fr", "d".repeat(59));
        assert_eq!(
            Email::parse(&at255).unwrap_err(),
            EmailError::TooLong { max: 254, len: 255 }
        );
    }

    #[test]
    fn domain_lower_cased_local_kept() {
        let e = Email::parse("\tJean.Dupont@EXEMPLE.Fr\n").unwrap();
        assert_eq!(e.as_str(), "Jean.Dupont@exemple.fr");
        assert_eq!(e.local_part(), "Jean.Dupont");
        assert_eq!(e.domain(), "exemple.fr");
        assert_eq!(e.to_lookup_key(), "jean.dupont@exemple.fr");
    }

    /// Spec §4.4: confirmation compares normalised values, local part ASCII-case-insensitive.
    #[test]
    fn confirmation() {
        assert!(confirm_email("Jean@Exemple.fr", " JEAN@exemple.FR").is_ok());
        assert_eq!(
            confirm_email("jean@exemple.fr", "jaen@exemple.fr")
                .unwrap_err()
                .code(),
            "EMAIL_CONFIRMATION_MISMATCH"
        );
        // An invalid confirmation of a valid address is a mismatch only.
        assert!(confirm_email("jean@exemple.fr", "jean@exemple").is_err());
        assert!(confirm_email("jean@exemple.fr", "").is_err());
        // Non-ASCII letters are not case-folded.
        assert!(confirm_email("\u{e9}@x.fr", "\u{c9}@x.fr").is_err());
        let e = Email::parse("Jean@exemple.fr").unwrap();
        assert!(e.is_confirmed_by("jean@EXEMPLE.FR"));
    }

    #[test]
    fn serde_and_messages() {
        let e = Email::parse("Jean@Exemple.FR").unwrap();
        assert_eq!(serde_json::to_string(&e).unwrap(), "\"Jean@exemple.fr\"");
        assert_eq!(
            serde_json::from_str::<Email>("\"Jean@exemple.fr\"").unwrap(),
            e
        );
        assert!(serde_json::from_str::<Email>("\"x\"").is_err());
        assert_eq!(
            EmailError::DomainNoTld.to_string(),
            "le domaine doit contenir un point (par exemple exemple.fr)"
        );
        assert_eq!(
            EmailConfirmationError::Mismatch.message(Lang::En),
            "the two e-mail addresses differ"
        );
    }

    proptest! {
        #[test]
        fn no_panic(s in any::<String>()) {
            let _ = Email::parse(&s);
            let _ = confirm_email(&s, &s);
        }

        #[test]
        fn accepted_round_trip(s in "[a-zA-Z0-9.+_-]{1,70}@[a-zA-Z0-9.-]{1,70}") {
            if let Ok(e) = Email::parse(&s) {
                prop_assert_eq!(Email::parse(e.as_str()).unwrap(), e.clone());
                prop_assert!(e.is_confirmed_by(&s));
                prop_assert!(e.as_str().len() <= EMAIL_MAX);
                prop_assert!(e.local_part().len() <= EMAIL_LOCAL_MAX);
            }
        }
    }
}
