#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
use super::*;
use crate::diagnostic::{Diagnostic, Lang};
use proptest::prelude::*;

fn ok(s: &str) -> PhoneFr {
    PhoneFr::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn code(s: &str) -> &'static str {
    PhoneFr::parse(s).unwrap_err().code()
}

const ALL: PhonePolicy = PhonePolicy {
    collectivities: true,
    allow_premium: true,
    require_fixed_line: false,
};

/// libphonenumber 9.0.33: the parts of 0263, 0269 and 0596 outside the overseas
/// sub-blocks are mainland fixed lines (FR pattern `26[013-9]…|59[1-35-9]…`).
#[test]
fn mainland_parts_of_overseas_looking_blocks() {
    for s in [
        "0263 21 23 45",
        "0269 11 23 45",
        "0596 12 34 56",
        "0695 12 34 56",
    ] {
        let p = ok(s);
        assert_eq!(p.country_code(), "33", "{s}");
    }
    assert_eq!(ok("0263 21 23 45").kind(), PhoneKind::Fixed);
    assert_eq!(ok("0695 12 34 56").kind(), PhoneKind::Mobile);
}

/// Spec §4.2: mainland ranges and the seed's « 01 02 03 04 05 ».
#[test]
fn mainland_kinds() {
    let seed = ok("01 02 03 04 05");
    assert_eq!(seed.e164(), "+33102030405");
    assert_eq!(seed.kind(), PhoneKind::Fixed);
    for (s, kind) in [
        ("0123456789", PhoneKind::Fixed),
        ("0223456789", PhoneKind::Fixed),
        ("0323456789", PhoneKind::Fixed),
        ("0423456789", PhoneKind::Fixed),
        ("0523456789", PhoneKind::Fixed),
        ("0612345678", PhoneKind::Mobile),
        ("0712345678", PhoneKind::Mobile),
        ("0800123456", PhoneKind::Special),
        ("0812345678", PhoneKind::Special),
        ("0912345678", PhoneKind::Voip),
    ] {
        assert_eq!(ok(s).kind(), kind, "{s}");
        assert_eq!(ok(s).e164(), format!("+33{}", &s[1..]));
    }
}

/// Spec §4.2: every overseas prefix maps to its territory and country code.
#[test]
fn overseas_departments() {
    use OverseasKind::{Fixed, Mobile};
    use PhoneTerritory::*;
    for (s, cc, territory, kind) in [
        ("0262 12 34 56", "262", Reunion, Fixed),
        ("0263 12 34 56", "262", Reunion, Fixed),
        ("0692 12 34 56", "262", Reunion, Mobile),
        ("0693 12 34 56", "262", Reunion, Mobile),
        ("0269 61 23 45", "262", Mayotte, Fixed),
        ("0263 10 12 34", "262", Reunion, Fixed),
        ("0269 01 23 45", "262", Mayotte, Fixed),
        ("0596 10 12 34", "596", Martinique, Fixed),
        ("0598 91 23 45", "596", Martinique, Fixed),
        ("0598 81 23 45", "594", Guyane, Fixed),
        ("0598 71 23 45", "590", Guadeloupe, Fixed),
        ("0268 81 23 45", "262", Reunion, Fixed),
        ("0268 91 23 45", "262", Mayotte, Fixed),
        ("0639 12 34 56", "262", Mayotte, Mobile),
        ("0590 12 34 56", "590", Guadeloupe, Fixed),
        ("0690 12 34 56", "590", Guadeloupe, Mobile),
        ("0691 12 34 56", "590", Guadeloupe, Mobile),
        ("0596 30 12 34", "596", Martinique, Fixed),
        ("0696 12 34 56", "596", Martinique, Mobile),
        ("0697 12 34 56", "596", Martinique, Mobile),
        ("0594 12 34 56", "594", Guyane, Fixed),
        ("0694 12 34 56", "594", Guyane, Mobile),
        ("07 09 01 23 45", "590", Guadeloupe, Mobile),
        ("07 09 11 23 45", "596", Martinique, Mobile),
        ("07 09 21 23 45", "262", Reunion, Mobile),
        ("07 09 31 23 45", "594", Guyane, Mobile),
        ("07 09 36 23 45", "262", Mayotte, Mobile),
    ] {
        let p = ok(s);
        assert_eq!(p.country_code(), cc, "{s}");
        assert_eq!(p.kind(), PhoneKind::Overseas { territory, kind }, "{s}");
        let national: String = s.chars().filter(char::is_ascii_digit).collect();
        assert_eq!(p.e164(), format!("+{cc}{}", &national[1..]));
        assert_eq!(p.to_national(), national);
        // The international form gives the same number.
        assert_eq!(ok(&format!("+{cc} {}", &national[1..])), p);
        assert_eq!(ok(&format!("00{cc}{}", &national[1..])), p);
        assert_eq!(ok(&format!("+{cc} (0){}", &national[1..])), p);
    }
}

#[test]
fn international_mainland_forms() {
    let p = ok("01 23 45 67 89");
    for s in [
        "+33123456789",
        "+33 1 23 45 67 89",
        "+33 (0)1 23 45 67 89",
        "+33 0123456789",
        "0033 1 23 45 67 89",
        "0033 (0)1 23 45 67 89",
        "(01) 23-45-67-89",
        "01.23.45.67.89",
        "01/23/45/67/89",
        "\u{a0}01 23 45 67 89\u{202f}",
    ] {
        assert_eq!(ok(s), p, "{s}");
    }
    assert_eq!(p.to_string(), "01 23 45 67 89");
    assert_eq!(p.to_national(), "0123456789");
    assert_eq!(p.national_significant_number(), "123456789");
}

#[test]
fn refusals() {
    assert_eq!(code(""), "PHONE_REQUIRED");
    assert_eq!(code("   "), "PHONE_REQUIRED");
    assert_eq!(code("01 23 45 67 8"), "PHONE_INVALID_LENGTH");
    assert_eq!(code("01 23 45 67 890"), "PHONE_INVALID_LENGTH");
    assert_eq!(code("+33 1 23 45 67"), "PHONE_INVALID_LENGTH");
    assert_eq!(code("1234567890"), "PHONE_INVALID_PREFIX");
    assert_eq!(code("0023456789"), "PHONE_INVALID_PREFIX");
    assert_eq!(code("+33 0 0 23 45 67 89"), "PHONE_INVALID_PREFIX");
    assert_eq!(code("01 23 AB 67 89"), "PHONE_INVALID_CHARACTER");
    assert_eq!(code("01+23456789"), "PHONE_INVALID_CHARACTER");
    assert_eq!(code("+44 20 7946 0000"), "PHONE_UNSUPPORTED_COUNTRY");
    assert_eq!(code("+1 555 123 4567"), "PHONE_UNSUPPORTED_COUNTRY");
    assert_eq!(code("-.()"), "PHONE_INVALID_LENGTH");
    assert_eq!(code("+"), "PHONE_INVALID_LENGTH");
    assert_eq!(
        PhoneFr::parse("+33 2 62 12 34 56").unwrap_err(),
        PhoneError::CountryCodeMismatch {
            given: "33".into(),
            expected: "262".into()
        }
    );
    assert_eq!(code("+262 1 23 45 67 89"), "PHONE_COUNTRY_CODE_MISMATCH");
    assert_eq!(code("+590 6 96 12 34 56"), "PHONE_COUNTRY_CODE_MISMATCH");
}

/// Spec §4.2 step 7: `089x` refused by default, allowed by the policy; other 08 kept.
#[test]
fn premium_rate() {
    assert_eq!(code("08 99 12 34 56"), "PHONE_PREMIUM_RATE");
    assert_eq!(code("+33 8 90 12 34 56"), "PHONE_PREMIUM_RATE");
    assert!(PhoneFr::parse_with("0899123456", ALL).is_ok());
    assert!(PhoneFr::parse("0800 12 34 56").is_ok());
    assert!(PhoneFr::parse("0810 12 34 56").is_ok());
    assert!(PhoneFr::parse("0884 12 34 56").is_ok());
}

/// Spec §4.2: collectivities only behind the policy flag, in their own lengths.
#[test]
fn collectivities() {
    use PhoneTerritory::*;
    assert_eq!(code("+508 41 23 45"), "PHONE_UNSUPPORTED_COUNTRY");
    for (s, territory, kind, display) in [
        (
            "+508 41 23 45",
            SaintPierreEtMiquelon,
            OverseasKind::Other,
            "+508 41 23 45",
        ),
        (
            "+687 25.12.34",
            NouvelleCaledonie,
            OverseasKind::Fixed,
            "+687 25 12 34",
        ),
        (
            "+687 75 12 34",
            NouvelleCaledonie,
            OverseasKind::Mobile,
            "+687 75 12 34",
        ),
        (
            "+689 40 41 23 45",
            PolynesieFrancaise,
            OverseasKind::Fixed,
            "+689 40 41 23 45",
        ),
        (
            "00689 87 12 34 56",
            PolynesieFrancaise,
            OverseasKind::Mobile,
            "+689 87 12 34 56",
        ),
        (
            "+681 72 12 34",
            WallisEtFutuna,
            OverseasKind::Fixed,
            "+681 72 12 34",
        ),
        (
            "+681 82 12 34",
            WallisEtFutuna,
            OverseasKind::Mobile,
            "+681 82 12 34",
        ),
    ] {
        let p = PhoneFr::parse_with(s, ALL).unwrap();
        assert_eq!(p.kind(), PhoneKind::Overseas { territory, kind }, "{s}");
        assert_eq!(p.to_string(), display);
        assert_eq!(p.to_national(), p.e164());
    }
    let err = PhoneFr::parse_with("+687 12 34 5", ALL).unwrap_err();
    assert_eq!(
        err,
        PhoneError::InvalidLength {
            expected: 6,
            found: 5
        }
    );
    assert_eq!(
        PhoneFr::parse_with("+689 12 34 56", ALL)
            .unwrap_err()
            .code(),
        "PHONE_INVALID_LENGTH"
    );
}

/// §10 Q10: not enforced by default; the policy flag makes « fixe » mean fixed.
#[test]
fn fixed_line_policy() {
    let fixed = PhonePolicy {
        require_fixed_line: true,
        ..PhonePolicy::default()
    };
    assert!(PhoneFr::parse_with("01 23 45 67 89", fixed).is_ok());
    assert!(PhoneFr::parse_with("09 23 45 67 89", fixed).is_ok());
    assert!(PhoneFr::parse_with("0262 12 34 56", fixed).is_ok());
    let err = PhoneFr::parse_with("06 12 34 56 78", fixed).unwrap_err();
    assert_eq!(err.code(), "PHONE_NOT_FIXED_LINE");
    assert!(PhoneFr::parse_with("0692 12 34 56", fixed).is_err());
}

#[test]
fn display_and_serde() {
    let p = ok("+33612345678");
    assert_eq!(p.to_string(), "06 12 34 56 78");
    assert_eq!(ok("0262 12 34 56").to_string(), "02 62 12 34 56");
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(json, "\"+33612345678\"");
    assert_eq!(serde_json::from_str::<PhoneFr>(&json).unwrap(), p);
    assert_eq!(
        serde_json::to_value(p.kind()).unwrap(),
        serde_json::json!({"type": "mobile"})
    );
    assert_eq!(
        serde_json::to_value(ok("0694123456").kind()).unwrap(),
        serde_json::json!({"type": "overseas", "territory": "guyane", "kind": "mobile"})
    );
}

#[test]
fn messages() {
    let err = PhoneError::InvalidLength {
        expected: 10,
        found: 9,
    };
    assert_eq!(
        err.to_string(),
        "le numéro de téléphone doit comporter 10 chiffres, 9 trouvés"
    );
    assert_eq!(
        err.message(Lang::En),
        "phone number must have 10 digits, found 9"
    );
}

proptest! {
    #[test]
    fn no_panic(s in any::<String>()) {
        let _ = PhoneFr::parse(&s);
        let _ = PhoneFr::parse_with(&s, ALL);
    }

    #[test]
    fn no_panic_phone_like(s in "[+0-9 ().-]{0,20}") {
        let _ = PhoneFr::parse_with(&s, ALL);
    }

    #[test]
    fn display_and_e164_round_trip(nsn in "[1-9][0-9]{8}") {
        if let Ok(p) = PhoneFr::parse_with(&format!("0{nsn}"), ALL) {
            prop_assert_eq!(PhoneFr::parse_with(&p.to_string(), ALL).unwrap(), p.clone());
            prop_assert_eq!(PhoneFr::parse_with(p.e164(), ALL).unwrap(), p.clone());
            prop_assert_eq!(p.to_national(), format!("0{nsn}"));
        } else {
            prop_assert!(false, "every 0 + 9 digits (first 1-9) is valid with ALL");
        }
    }

    #[test]
    fn collectivity_round_trip(cc in prop::sample::select(vec!["508", "687", "681"]), n in "[1-9][0-9]{5}") {
        let p = PhoneFr::parse_with(&format!("+{cc}{n}"), ALL).unwrap();
        prop_assert_eq!(PhoneFr::parse_with(&p.to_string(), ALL).unwrap(), p);
    }
}

#[test]
fn an_unsupported_country_is_named_by_its_whole_code() {
    // Country codes are prefix-free: `+44 20…` is +44, not +442 (user trial 2026-12-07).
    for (input, code) in [
        ("+44 20 7946 0958", "44"),
        ("+1 212 555 0100", "1"),
        ("+7 495 123 45 67", "7"),
        ("0049 30 1234567", "49"),
        ("+687 25 12 34", "687"),
        ("+352 621 123 456", "352"),
    ] {
        match PhoneFr::parse(input) {
            Err(PhoneError::UnsupportedCountry { country_code }) => {
                assert_eq!(country_code, code, "{input}");
            }
            other => panic!("{input}: {other:?}"),
        }
    }
    let err = PhoneFr::parse("+44 20 7946 0958").unwrap_err();
    assert_eq!(
        err.message(crate::diagnostic::Lang::Fr),
        "indicatif +44 non accepté : numéros français uniquement"
    );
}
