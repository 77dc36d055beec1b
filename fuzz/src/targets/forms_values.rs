//! Every field parser of `apart::forms` on arbitrary text: no panic, every error renders short
//! (`check_diagnostic`), and every accepted value is canonical: parsing its canonical text (and
//! its serde form) gives the same value back.
//!
//! Run: `make fuzz FUZZ_TARGETS=forms_values` (see fuzz/README.md).

use crate::{CheckedOnce, check_diagnostic, text};
use apart::forms::{
    BoundedText, City, Description, Email, LoginIdentifier, PersonName, PhoneFr, PhonePolicy,
    PostalCodeFr, SecretAnswer, SecretAnswerContext, StreetExtension, StreetNumber, TextError,
    TextRules, confirm_email, description_len, normalize_secret_answer, normalize_text, remaining,
    text_len_utf16,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The value's JSON reads back equal.
fn serde_round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: &T) {
    let json = serde_json::to_string(value).expect("a field value serialises");
    let back: T = serde_json::from_str(&json).expect("a serialised field value reads back");
    assert_eq!(&back, value, "{json}");
}

const POLICIES: [PhonePolicy; 4] = [
    PhonePolicy {
        collectivities: false,
        allow_premium: false,
        require_fixed_line: false,
    },
    PhonePolicy {
        collectivities: true,
        allow_premium: true,
        require_fixed_line: false,
    },
    PhonePolicy {
        collectivities: true,
        allow_premium: false,
        require_fixed_line: true,
    },
    PhonePolicy {
        collectivities: false,
        allow_premium: true,
        require_fixed_line: true,
    },
];

const RULES: [TextRules; 6] = [
    TextRules::DENOMINATION,
    TextRules::ADDRESS_COMPLEMENT,
    TextRules::PERSON_NAME,
    TextRules::FULL_NAME,
    TextRules::DESCRIPTION,
    TextRules::new(0, 3).multiline(),
];

fn phone(input: &str) {
    // `parse_optional` is `parse_with` but for a blank input, and most refusals do not depend
    // on the policy.
    let mut checked = CheckedOnce::default();
    for policy in POLICIES {
        match PhoneFr::parse_with(input, policy) {
            Ok(p) => {
                assert!(
                    p.e164().starts_with('+') && p.e164()[1..].bytes().all(|b| b.is_ascii_digit())
                );
                assert_eq!(PhoneFr::parse_with(p.e164(), policy).as_ref(), Ok(&p));
                assert_eq!(
                    PhoneFr::parse_with(&p.to_string(), policy).as_ref(),
                    Ok(&p),
                    "display {p}"
                );
                assert_eq!(
                    PhoneFr::parse_with(&p.to_national(), policy).as_ref(),
                    Ok(&p)
                );
                let _ = (p.kind(), p.country_code(), p.national_significant_number());
                serde_round_trip(&p);
            }
            Err(e) => checked.check(&e),
        }
        match PhoneFr::parse_optional(input, policy) {
            Ok(p) => assert_eq!(p.is_none(), input.trim().is_empty()),
            Err(e) => checked.check(&e),
        }
    }
}

fn email(input: &str) {
    match Email::parse(input) {
        Ok(e) => {
            assert_eq!(Email::parse(e.as_str()).as_ref(), Ok(&e));
            assert_eq!(e.to_string(), e.as_str());
            assert_eq!(format!("{}@{}", e.local_part(), e.domain()), e.as_str());
            assert!(e.is_confirmed_by(input));
            assert!(e.is_confirmed_by(e.as_str()));
            assert_eq!(confirm_email(input, e.as_str()), Ok(()));
            let _ = e.to_lookup_key();
            serde_round_trip(&e);
        }
        Err(e) => check_diagnostic(&e),
    }
    // The confirmation against a fixed address and against itself.
    if let Err(e) = confirm_email("paie@exemple.fr", input) {
        check_diagnostic(&e);
    }
    if let Err(e) = confirm_email(input, input) {
        check_diagnostic(&e);
    }
}

fn postal(input: &str) {
    match PostalCodeFr::parse(input) {
        Ok(p) => {
            assert_eq!(PostalCodeFr::parse(p.as_str()), Ok(p));
            assert_eq!(p.as_str().len(), 5);
            let _ = p.area();
            serde_round_trip(&p);
        }
        Err(e) => check_diagnostic(&e),
    }
    match City::parse(input) {
        Ok(c) => {
            assert_eq!(City::parse(c.as_str()).as_ref(), Ok(&c));
            assert!(c.name().len() <= c.as_str().len());
            assert_eq!(c.is_cedex(), c.cedex().is_some());
            serde_round_trip(&c);
        }
        Err(e) => check_diagnostic(&e),
    }
}

fn people(input: &str) {
    for rules in [TextRules::PERSON_NAME, TextRules::FULL_NAME] {
        match PersonName::parse_with(input, rules) {
            Ok(n) => {
                assert_eq!(PersonName::parse_with(n.as_str(), rules).as_ref(), Ok(&n));
                serde_round_trip(&n);
            }
            Err(e) => check_diagnostic(&e),
        }
    }
    match LoginIdentifier::parse(input) {
        Ok(id) => {
            let again = LoginIdentifier::parse(id.as_str()).expect("an identifier parses again");
            assert_eq!(again, id);
            assert_eq!(again.key(), id.key());
            assert!(id.same_as(&again));
            let upper = LoginIdentifier::parse(&id.as_str().to_ascii_uppercase())
                .expect("an identifier in capitals parses");
            assert_eq!(upper.key(), id.key());
            serde_round_trip(&id);
        }
        Err(e) => check_diagnostic(&e),
    }
    let contexts = [
        SecretAnswerContext::default(),
        SecretAnswerContext {
            nom: Some("Dupont"),
            prenom: Some("Jean"),
            identifier: Some("ID12345"),
        },
        // The answer itself as personal data: refused whenever it would be accepted.
        SecretAnswerContext {
            nom: Some(input),
            prenom: None,
            identifier: None,
        },
    ];
    for (i, context) in contexts.into_iter().enumerate() {
        match SecretAnswer::parse(input, context) {
            Ok(a) => {
                assert_ne!(i, 2, "an answer equal to the nom was accepted");
                assert!(a.matches(input));
                assert_eq!(normalize_secret_answer(input), a.normalized());
                assert!(a.normalized().chars().count() >= apart::forms::SECRET_ANSWER_MIN);
            }
            Err(e) => check_diagnostic(&e),
        }
    }
}

fn address(input: &str) {
    match StreetNumber::parse(input) {
        Ok(Some(n)) => {
            assert_eq!(StreetNumber::parse(n.as_str()), Ok(Some(n.clone())));
            assert_eq!(n.to_string(), n.as_str());
            serde_round_trip(&n);
        }
        Ok(None) => assert!(input.trim().is_empty()),
        Err(e) => check_diagnostic(&e),
    }
    match StreetExtension::parse(input) {
        Ok(Some(x)) => {
            assert_eq!(StreetExtension::parse(x.code()), Ok(Some(x)));
            assert_eq!(StreetExtension::parse(x.label()), Ok(Some(x)));
            assert_eq!(x.code().parse::<StreetExtension>(), Ok(x));
        }
        Ok(None) => assert!(input.trim().is_empty()),
        Err(e) => check_diagnostic(&e),
    }
}

fn free_text(input: &str) {
    let normalized = normalize_text(input);
    assert_eq!(
        normalize_text(&normalized),
        normalized,
        "normalisation is idempotent"
    );
    let len = text_len_utf16(input);
    assert_eq!(len, normalized.encode_utf16().count());
    assert_eq!(description_len(input), len);
    let _ = remaining(input, Description::MAX);
    // `BoundedText::parse` and `Description::parse` are `TextRules::check` of their rules, and
    // several rules refuse a text with the same error: each distinct error is checked once
    // (`check_diagnostic` depends on the error alone).
    let mut checked = CheckedOnce::<TextError>::default();
    for rules in RULES {
        match BoundedText::parse(input, rules) {
            Ok(t) => {
                assert_eq!(t.as_str(), normalized);
                assert!((rules.min..=rules.max).contains(&t.len_utf16()));
                assert_eq!(BoundedText::parse(t.as_str(), rules).as_ref(), Ok(&t));
            }
            Err(e) => checked.check(&e),
        }
        if let Err(e) = rules.check(input) {
            checked.check(&e);
        }
    }
    match Description::parse(input) {
        Ok(d) => {
            assert!(d.len_utf16() <= Description::MAX);
            assert_eq!(Description::parse(d.as_str()).as_ref(), Ok(&d));
            serde_round_trip(&d);
        }
        Err(e) => checked.check(&e),
    }
}

/// One fuzz input.
pub fn run(data: &[u8]) {
    let input = text(data);
    let input = input.as_ref();
    phone(input);
    email(input);
    postal(input);
    people(input);
    address(input);
    free_text(input);
}
