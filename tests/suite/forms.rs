//! Runs every case of `tests/vectors/forms.json` (format described in its `$format` key)
//! against the field parsers of `apart::forms`, then a cross-module test of a whole form.
//!
//! Skip list: none. Every case runs.

use apart::diagnostic::{Diagnostic, Lang};
use apart::forms::{
    BoundedText, City, Description, Email, FieldErrors, LoginIdentifier, PersonName, PhoneFr,
    PhonePolicy, PostalCodeFr, SecretAnswer, SecretAnswerContext, StreetExtension, StreetNumber,
    TextRules, confirm_email, description_len,
};
use serde_json::Value;

/// What one parser said about one input.
struct Outcome {
    /// `Ok(normalized)` or `Err(code)`.
    result: Result<Option<String>, String>,
    /// Extra checked outputs: (key in the case, value produced).
    extras: Vec<(&'static str, Value)>,
}

/// The error's code, after checking the message conventions of design §4 on it: a
/// `SCREAMING_SNAKE` code, French and English messages that are short, lowercase and have no
/// final period, and `Display` equal to the French message.
fn err<E: Diagnostic>(e: E) -> Result<Option<String>, String> {
    let code = e.code();
    assert!(
        !code.is_empty() && code.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'),
        "{code}"
    );
    for lang in [Lang::Fr, Lang::En] {
        let m = e.message(lang);
        assert!(!m.is_empty() && m.chars().count() < 160, "{code}: {m}");
        assert!(!m.ends_with('.'), "{code}: final period in {m:?}");
        assert!(
            m.chars().next().is_some_and(|c| !c.is_uppercase()),
            "{code}: capital in {m:?}"
        );
    }
    assert_ne!(
        e.message(Lang::Fr),
        e.message(Lang::En),
        "{code}: untranslated"
    );
    assert_eq!(e.to_string(), e.message(Lang::Fr));
    Err(code.to_owned())
}

fn input_of(case: &Value) -> String {
    let base = case["input"].as_str().expect("input");
    let times = case.get("repeat").and_then(Value::as_u64).unwrap_or(1);
    let mut s = base.repeat(usize::try_from(times).unwrap());
    if let Some(suffix) = case.get("suffix").and_then(Value::as_str) {
        s.push_str(suffix);
    }
    s
}

fn run(case: &Value) -> Outcome {
    let input = input_of(case);
    let field = case["field"].as_str().expect("field");
    let mut extras = Vec::new();
    let result = match field {
        "phone" => {
            let policy: PhonePolicy = case
                .get("options")
                .map(|o| serde_json::from_value(o.clone()).expect("options"))
                .unwrap_or_default();
            match PhoneFr::parse_with(&input, policy) {
                Ok(p) => {
                    extras.push(("display", Value::from(p.to_string())));
                    extras.push(("kind", serde_json::to_value(p.kind()).unwrap()));
                    Ok(Some(p.e164().to_owned()))
                }
                Err(e) => err(e),
            }
        }
        "postal_code" => match PostalCodeFr::parse(&input) {
            Ok(p) => {
                extras.push(("area", serde_json::to_value(p.area()).unwrap()));
                Ok(Some(p.to_string()))
            }
            Err(e) => err(e),
        },
        "city" => City::parse(&input)
            .map(|c| Some(c.to_string()))
            .or_else(err),
        "email" => Email::parse(&input)
            .map(|e| Some(e.to_string()))
            .or_else(err),
        "email_confirmation" => {
            let confirmation = case["confirmation"].as_str().expect("confirmation");
            confirm_email(&input, confirmation)
                .map(|()| None)
                .or_else(err)
        }
        "description" => {
            extras.push(("len", Value::from(description_len(&input))));
            Description::parse(&input)
                .map(|d| Some(d.into_string()))
                .or_else(err)
        }
        "login_identifier" => match LoginIdentifier::parse(&input) {
            Ok(id) => {
                extras.push(("key", Value::from(id.key().to_string())));
                Ok(Some(id.to_string()))
            }
            Err(e) => err(e),
        },
        "person_name" => PersonName::parse(&input)
            .map(|n| Some(n.to_string()))
            .or_else(err),
        "full_name" => PersonName::parse_with(&input, TextRules::FULL_NAME)
            .map(|n| Some(n.to_string()))
            .or_else(err),
        "secret_answer" => {
            let ctx = &case["context"];
            let context = SecretAnswerContext {
                nom: ctx.get("nom").and_then(Value::as_str),
                prenom: ctx.get("prenom").and_then(Value::as_str),
                identifier: ctx.get("identifier").and_then(Value::as_str),
            };
            SecretAnswer::parse(&input, context)
                .map(|a| Some(a.normalized().to_owned()))
                .or_else(err)
        }
        "street_number" => StreetNumber::parse(&input)
            .map(|n| n.map(|n| n.to_string()))
            .or_else(err),
        "street_extension" => StreetExtension::parse(&input)
            .map(|e| e.map(|e| e.code().to_owned()))
            .or_else(err),
        "denomination" => BoundedText::parse(&input, TextRules::DENOMINATION)
            .map(|t| Some(t.into_string()))
            .or_else(err),
        other => panic!("unknown field kind {other}"),
    };
    Outcome { result, extras }
}

#[test]
fn vectors() {
    let path = apart_tests::vectors_dir().join("forms.json");
    let text = std::fs::read_to_string(&path).expect("forms.json");
    let doc: Value = serde_json::from_str(&text).expect("valid JSON");
    let cases = doc["cases"].as_array().expect("cases");
    assert!(cases.len() >= 100, "the vectors shrank");
    let mut ids = std::collections::HashSet::new();
    let mut failures = Vec::new();
    for case in cases {
        let id = case["id"].as_str().expect("id");
        assert!(ids.insert(id), "duplicate id {id}");
        assert!(
            case["source"].as_str().is_some_and(|s| !s.is_empty()),
            "{id}: no source"
        );
        let outcome = run(case);
        let valid = case["valid"].as_bool().expect("valid");
        match (&outcome.result, valid) {
            (Ok(normalized), true) => {
                if let Some(expected) = case.get("normalized").and_then(Value::as_str)
                    && normalized.as_deref() != Some(expected)
                {
                    failures.push(format!(
                        "{id}: normalized {normalized:?}, expected {expected:?}"
                    ));
                }
                for (key, value) in &outcome.extras {
                    if let Some(expected) = case.get(*key)
                        && expected != value
                    {
                        failures.push(format!("{id}: {key} {value}, expected {expected}"));
                    }
                }
            }
            (Err(code), false) => {
                let expected = case["code"].as_str().expect("code");
                if code != expected {
                    failures.push(format!("{id}: code {code}, expected {expected}"));
                }
            }
            (Ok(v), false) => failures.push(format!("{id}: accepted as {v:?}, expected an error")),
            (Err(code), true) => failures.push(format!("{id}: refused with {code}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The assistance form of the seed (spec §4.8), field rules only: every refused field is
/// reported at once, under its own name.
#[test]
fn assistance_form_reports_every_field() {
    let mut errors = FieldErrors::new();
    let denomination = errors.check(
        "denomination",
        apart::forms::BoundedText::parse("", TextRules::DENOMINATION),
    );
    let name = errors.check(
        "nom_prenom",
        PersonName::parse_with("Jean Dupont", TextRules::FULL_NAME),
    );
    let phone = errors.check("telephone", PhoneFr::parse("01 02 03 04 05"));
    let email = errors.check("email", Email::parse("jean@localhost"));
    let description = errors.check("description", Description::parse(&"😀".repeat(501)));
    let human = errors.check("code", apart::forms::HumanCheck::NotVerified.require());
    assert!(denomination.is_none() && description.is_none() && human.is_none() && email.is_none());
    assert!(name.is_some() && phone.is_some());
    assert_eq!(
        errors.codes(),
        [
            "TEXT_REQUIRED",
            "EMAIL_DOMAIN_NO_TLD",
            "TEXT_TOO_LONG",
            "CAPTCHA_REQUIRED"
        ]
    );
    let json = serde_json::to_value(&errors).unwrap();
    assert_eq!(json[2]["field"], "description");
    assert_eq!(json[2]["params"]["len"], 1002);
    assert_eq!(json[2]["params"]["max"], 1000);
    // Through the umbrella error.
    let err: apart::Error = errors.into();
    assert_eq!(err.code(), "FORM_INVALID");
    assert_eq!(
        err.to_string(),
        "formulaire invalide : 4 champs refusés (denomination, email, description, code)"
    );
}

/// Found by the fuzz target `forms_values` (its seeds from forms.json): a street extension or
/// a name character holding control characters was repeated raw in the message, and a long
/// extension whole. Errors quote hostile input (`diagnostic::quote`).
#[test]
fn fuzz_regression_form_errors_escape_and_shorten_what_they_quote() {
    for input in ["Bonjour,\r\nmerci", "a\u{7}b", &"x".repeat(10_000)] {
        let e = StreetExtension::parse(input).unwrap_err();
        for lang in [Lang::Fr, Lang::En] {
            let message = e.message(lang);
            assert!(!message.chars().any(char::is_control), "{message:?}");
            assert!(
                message.chars().count() < 200,
                "{} characters",
                message.len()
            );
        }
    }
    let e = StreetExtension::parse("a\u{7}b").unwrap_err();
    assert!(
        e.message(Lang::En).contains("a\\u{7}b"),
        "{}",
        e.message(Lang::En)
    );
    let e = PersonName::parse("a\tb").unwrap_err();
    assert_eq!(e.code(), "NAME_INVALID_CHARACTER");
    assert!(!e.message(Lang::Fr).chars().any(char::is_control));
    assert_eq!(
        e.details()[1].1,
        apart::diagnostic::DetailValue::from("\\u{9}")
    );
}

/// Found by the fuzz target `forms_values` (nightly run): a NUL in an e-mail address or a
/// phone number, a C1 control or a bidi override beyond ASCII, reached the message raw.
#[test]
fn fuzz_regression_email_and_phone_errors_escape_the_character() {
    for input in [
        ".je1\0\0\0an@exemple.fr",
        "ab\u{85}c@exemple.fr",
        "a\u{202e}b@x.fr",
    ] {
        let e = Email::parse(input).unwrap_err();
        for lang in [Lang::Fr, Lang::En] {
            assert!(
                !e.message(lang)
                    .chars()
                    .any(|c| c.is_control() || c == '\u{202e}'),
                "{:?}",
                e.message(lang)
            );
        }
    }
    let e = PhoneFr::parse("01\u{0}02").unwrap_err();
    assert_eq!(e.code(), "PHONE_INVALID_CHARACTER");
    assert!(
        e.message(Lang::Fr).contains("\\u{0}"),
        "{}",
        e.message(Lang::Fr)
    );
}

/// The records a front end builds from its own objects refuse a field they do not have (a
/// misspelt option must not be silently ignored), with the core's code naming the field.
#[test]
fn records_read_by_front_ends_refuse_unknown_fields() {
    use apart::account::AccountFormInput;
    use apart::forms::HumanCheck;
    use apart::procedure::assistance::AssistanceForm;
    use apart::procedure::recap::RecapAmounts;
    use apart::value::from_json;

    fn refused<T: serde::de::DeserializeOwned>(json: &str, field: &str) {
        let e = from_json::<T>(json)
            .err()
            .unwrap_or_else(|| panic!("{json} was read"));
        assert_eq!(e.code(), "INPUT_UNKNOWN_FIELD", "{json}");
        assert_eq!(e.field(), Some(field), "{json}");
    }
    refused::<PhonePolicy>(
        r#"{"collectivities": true, "allow_premum": true}"#,
        "allow_premum",
    );
    refused::<HumanCheck>(
        r#"{"status": "verified", "at": "2026-01-05T09:00:00+01:00", "by": "x"}"#,
        "by",
    );
    refused::<RecapAmounts>(
        r#"{"claimed": "599.90", "iban_masked": "x"}"#,
        "iban_masked",
    );
    refused::<AccountFormInput>(r#"{"denomination": "ACME", "siret": "1"}"#, "siret");
    refused::<AssistanceForm>(r#"{"siret": "1", "motif": "x"}"#, "motif");
    // What they do have still reads, defaults included.
    assert!(from_json::<PhonePolicy>(r#"{"collectivities": true}"#).is_ok());
    assert_eq!(
        from_json::<HumanCheck>(r#"{"status": "not_verified"}"#).ok(),
        Some(HumanCheck::NotVerified)
    );
    assert!(from_json::<RecapAmounts>(r#"{"claimed": "599.90"}"#).is_ok());
}
