//! SIREN / SIRET / TVA: the shared vectors, the error catalogue, and the properties of spec §7.9.

use apart::diagnostic::{DetailValue, Diagnostic, Lang};
use apart::siret::generate::{self, SplitMix64};
use apart::siret::{
    Identifier, IdentifierKind, LengthHint, Nic, Siren, Siret, SiretError, Tva, detect,
    is_valid_siret,
};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// tests/vectors/siret.tsv
// ---------------------------------------------------------------------------------------------

/// One row of `tests/vectors/siret.tsv` (format: spec `siret.md` §4).
struct Row {
    line: usize,
    input: String,
    kind: String,
    valid: bool,
    reason: String,
    source: String,
}

/// Decodes the `\uXXXX`, `\t` and `\n` escapes of the `input` column (the only ones used).
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                let code = u32::from_str_radix(&hex, 16).expect("4 hex digits after \\u");
                out.push(char::from_u32(code).expect("a scalar value"));
            }
            other => panic!("unknown escape \\{other:?} in {s:?}"),
        }
    }
    out
}

fn rows() -> Vec<Row> {
    let path = apart_tests::vectors_dir().join("siret.tsv");
    let text = std::fs::read_to_string(&path).expect("tests/vectors/siret.tsv");
    let mut lines = text.lines().enumerate();
    let (_, header) = lines.next().expect("a header");
    assert_eq!(header, "input\tkind\tvalid\treason\tsource");
    lines
        .map(|(i, line)| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 5, "line {}: {line:?}", i + 1);
            Row {
                line: i + 1,
                input: unescape(cols[0]),
                kind: cols[1].to_owned(),
                valid: match cols[2] {
                    "true" => true,
                    "false" => false,
                    v => panic!("line {}: valid = {v:?}", i + 1),
                },
                reason: cols[3].to_owned(),
                source: cols[4].to_owned(),
            }
        })
        .collect()
}

/// Every row passes: `kind` says which parser; `policy:` rows follow the `valid` column (the
/// spec's recommendation), and so do all the others.
#[test]
fn every_vector_row_passes() {
    let rows = rows();
    assert!(rows.len() >= 150, "{} rows", rows.len());
    let mut failures = Vec::new();
    for row in &rows {
        let result: Result<String, SiretError> = match row.kind.as_str() {
            "siren" => Siren::parse(&row.input).map(|s| s.to_string()),
            "siret" => Siret::parse(&row.input).map(|s| s.to_string()),
            k => panic!("line {}: kind {k:?}", row.line),
        };
        if result.is_ok() != row.valid {
            failures.push(format!(
                "line {} {:?} ({}, {}; {}): got {result:?}",
                row.line, row.input, row.kind, row.reason, row.source
            ));
        }
        // The fast boolean path agrees with the parser.
        if row.kind == "siret" {
            assert_eq!(is_valid_siret(&row.input), row.valid, "line {}", row.line);
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing rows:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The error codes of the vector rows match their `reason` prefix.
#[test]
fn vector_reasons_match_error_codes() {
    for row in rows().iter().filter(|r| !r.valid) {
        let err = match row.kind.as_str() {
            "siren" => Siren::parse(&row.input).unwrap_err(),
            _ => Siret::parse(&row.input).unwrap_err(),
        };
        let code = err.code();
        let ok = match row.reason.split(':').next().unwrap() {
            "checksum" => code.ends_with("_KEY") || code == "IDENTIFIER_PLACEHOLDER",
            "length" => matches!(code, "IDENTIFIER_INVALID_LENGTH" | "IDENTIFIER_EMPTY"),
            // A TVA number given as a SIREN or SIRET is a length error with a hint.
            "format" => matches!(
                code,
                "IDENTIFIER_INVALID_CHARACTER" | "IDENTIFIER_INVALID_LENGTH"
            ),
            "policy" => true,
            other => panic!("line {}: reason {other:?}", row.line),
        };
        assert!(
            ok,
            "line {} {:?}: {} got {code}",
            row.line, row.input, row.reason
        );
    }
}

/// Source: spec `siret.md` §4 ("useful edge values") and §1 (La Poste table).
#[test]
fn spec_edge_values() {
    assert_eq!(
        "41762563900030".parse::<Siret>().unwrap().tva().as_str(),
        "FR00417625639"
    );
    assert_eq!("33493272000017".parse::<Siret>().unwrap().tva().key(), 4);
    assert!(!"35600053914285".parse::<Siret>().unwrap().is_la_poste());
    assert_eq!("73282932000074".parse::<Siret>().unwrap().nic().rank(), 7);
    // La Poste: HQ ✔, mod-5 ✔, Luhn-only ✔ (INSEE's rule), neither ✘, all zeros ✘.
    for (s, ok) in [
        ("35600000000048", true),
        ("35600000009075", true),
        ("35600000000014", true),
        ("35600000049838", false),
        ("35600000000000", false),
    ] {
        assert_eq!(Siret::parse(s).is_ok(), ok, "{s}");
    }
    // §1 differential: the three values where libraries give wrong answers.
    assert!(Siret::parse("73282932000075").is_err());
    assert!(Siret::parse("11122233344455").is_err());
    assert!(Siret::parse("00000000000000").is_err());
}

// ---------------------------------------------------------------------------------------------
// The error catalogue: every variant, its code, its fields and its two messages.
// ---------------------------------------------------------------------------------------------

fn detail(err: &SiretError, name: &str) -> Option<DetailValue> {
    err.details()
        .into_iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn int(v: i64) -> Option<DetailValue> {
    Some(DetailValue::Int(v))
}

fn text(v: &str) -> Option<DetailValue> {
    Some(DetailValue::Text(v.to_owned()))
}

#[test]
fn error_empty() {
    let err = Siret::parse(" \n").unwrap_err();
    assert_eq!(
        err,
        SiretError::Empty {
            expected: Some(IdentifierKind::Siret)
        }
    );
    assert_eq!(err.code(), "IDENTIFIER_EMPTY");
    assert_eq!(detail(&err, "expected"), text("siret"));
    assert_eq!(err.to_string(), "numéro SIRET invalide : valeur vide");
    assert_eq!(err.message(Lang::En), "invalid SIRET: empty value");
    assert_eq!(
        detect("").unwrap_err().message(Lang::En),
        "invalid identifier: empty value"
    );
}

#[test]
fn error_invalid_character() {
    // The index counts characters of the input as given, leading white space included.
    let err = Siret::parse("\u{a0}732 829 320 0007A").unwrap_err();
    assert_eq!(
        err,
        SiretError::InvalidCharacter {
            character: "A".into(),
            index: 17,
            expected: Some(IdentifierKind::Siret)
        }
    );
    assert_eq!(err.code(), "IDENTIFIER_INVALID_CHARACTER");
    assert_eq!(detail(&err, "character"), text("A"));
    assert_eq!(detail(&err, "index"), int(17));
    assert_eq!(detail(&err, "expected"), text("siret"));
    assert_eq!(
        err.to_string(),
        "numéro SIRET invalide : caractère 'A' inattendu en position 18 (attendu : un chiffre)"
    );
    assert_eq!(
        err.message(Lang::En),
        "invalid SIRET: unexpected character 'A' at position 18 (expected a digit)"
    );
    // Control characters are escaped in messages, kept raw in the field.
    let err = Siret::parse("732829320\t00074").unwrap_err();
    assert_eq!(detail(&err, "character"), text("\t"));
    assert!(err.to_string().contains("'\\t'"));
    // Fullwidth digits are refused (python-stdnum maps them).
    let err = Siren::parse("\u{ff15}52008443").unwrap_err();
    assert_eq!(detail(&err, "index"), int(0));
}

#[test]
fn error_invalid_length_and_hints() {
    let err = Siret::parse("1234").unwrap_err();
    assert_eq!(
        err,
        SiretError::InvalidLength {
            length: 4,
            expected: Some(IdentifierKind::Siret),
            hint: None
        }
    );
    assert_eq!(err.code(), "IDENTIFIER_INVALID_LENGTH");
    assert_eq!(detail(&err, "length"), int(4));
    assert_eq!(detail(&err, "expected_length"), int(14));
    assert_eq!(detail(&err, "hint"), None);
    assert_eq!(
        err.to_string(),
        "numéro SIRET invalide : 4 chiffres au lieu de 14"
    );
    assert_eq!(
        err.message(Lang::En),
        "invalid SIRET: 4 digits instead of 14"
    );

    // Source: search-infra issue #649 (`58801481` for `058801481`).
    let err = Siren::parse("58801481").unwrap_err();
    assert_eq!(detail(&err, "hint"), text("leading_zero_lost"));
    assert_eq!(detail(&err, "suggestion"), text("058801481"));
    assert_eq!(
        err.to_string(),
        "numéro SIREN invalide : 8 chiffres au lieu de 9, un zéro initial a sans doute été perdu : 058801481"
    );
    assert_eq!(
        err.message(Lang::En),
        "invalid SIREN: 8 digits instead of 9, a leading zero was probably lost: 058801481"
    );

    let err = Siret::parse("792 377 731").unwrap_err();
    assert_eq!(detail(&err, "hint"), text("looks_like_siren"));
    assert!(err.message(Lang::En).ends_with("this looks like a SIREN"));

    let err = Siren::parse("73282932000074").unwrap_err();
    assert_eq!(detail(&err, "hint"), text("looks_like_siret"));
    assert!(
        err.to_string()
            .ends_with("cela ressemble à un numéro SIRET")
    );

    let err = Siret::parse("FR44732829320").unwrap_err();
    assert_eq!(
        err,
        SiretError::InvalidLength {
            length: 13,
            expected: Some(IdentifierKind::Siret),
            hint: Some(LengthHint::LooksLikeTva)
        }
    );
    assert!(
        err.message(Lang::En)
            .ends_with("this looks like a French VAT number")
    );

    let err = Siret::parse("1").unwrap_err();
    assert_eq!(
        err.to_string(),
        "numéro SIRET invalide : 1 chiffre au lieu de 14"
    );
    let err = detect("1234").unwrap_err();
    assert_eq!(detail(&err, "expected"), text("any"));
    assert_eq!(
        err.message(Lang::En),
        "invalid identifier: 4 digits, expected 9 (SIREN) or 14 (SIRET)"
    );
}

#[test]
fn error_placeholder() {
    for (err, kind) in [
        (Siren::parse("000 000 000").unwrap_err(), "siren"),
        (Siret::parse("00000000000000").unwrap_err(), "siret"),
        (Siret::parse("00000000012345").unwrap_err(), "siret"),
        (Tva::parse("FR12000000000").unwrap_err(), "tva"),
    ] {
        assert_eq!(err.code(), "IDENTIFIER_PLACEHOLDER");
        assert_eq!(detail(&err, "expected"), text(kind));
        assert!(
            err.message(Lang::En)
                .contains("SIREN 000000000 is a placeholder")
        );
    }
}

#[test]
fn error_siren_key() {
    // Source: validinsee README: 200034582 is a transposition of 200034528.
    let err = Siren::parse("200034582").unwrap_err();
    assert_eq!(
        err,
        SiretError::InvalidSirenKey {
            kind: IdentifierKind::Siren,
            expected: 5,
            found: 2
        }
    );
    assert_eq!(err.code(), "SIREN_INVALID_KEY");
    assert_eq!(detail(&err, "expected"), int(5));
    assert_eq!(detail(&err, "found"), int(2));
    assert_eq!(detail(&err, "kind"), text("siren"));
    assert_eq!(
        err.to_string(),
        "numéro SIREN invalide : clé de contrôle attendue 5, trouvée 2"
    );
    assert_eq!(
        err.message(Lang::En),
        "invalid SIREN: check digit expected 5, found 2"
    );

    // Inside a SIRET. Source: conseillers-entreprises issue #4683.
    let err = Siret::parse("11122233344455").unwrap_err();
    assert_eq!(err.code(), "SIREN_INVALID_KEY");
    assert_eq!(
        err.to_string(),
        "numéro SIRET invalide : clé de contrôle du SIREN (9e chiffre) attendue 7, trouvée 3"
    );
}

#[test]
fn error_siret_key() {
    // Source: npm stdnum 1.12.0 `src/fr/siret.spec.ts`.
    let err = Siret::parse("73282932000075").unwrap_err();
    assert_eq!(
        err,
        SiretError::InvalidSiretKey {
            expected: 4,
            found: 5
        }
    );
    assert_eq!(err.code(), "SIRET_INVALID_KEY");
    assert_eq!(detail(&err, "expected"), int(4));
    assert_eq!(detail(&err, "found"), int(5));
    assert!(err.to_string().starts_with("numéro SIRET invalide"));
    assert!(err.message(Lang::En).starts_with("invalid SIRET"));
}

#[test]
fn error_la_poste_key() {
    // Source: django-localflavor tests: 35600000014596 (35600000014597 is valid).
    let err = Siret::parse("35600000014596").unwrap_err();
    assert_eq!(
        err,
        SiretError::InvalidLaPosteKey {
            expected: 2,
            found: 6
        }
    );
    assert_eq!(err.code(), "SIRET_INVALID_LA_POSTE_KEY");
    assert_eq!(detail(&err, "expected"), int(2));
    assert_eq!(
        err.to_string(),
        "numéro SIRET invalide (La Poste) : la somme des chiffres doit être un multiple de 5, clé attendue 2 ou 7, trouvée 6"
    );
    assert!(err.message(Lang::En).contains("expected 2 or 7, found 6"));
}

#[test]
fn error_tva_key_and_country() {
    let err = Tva::parse("FR 45 732 829 320").unwrap_err();
    assert_eq!(
        err,
        SiretError::InvalidTvaKey {
            expected: 44,
            found: 45
        }
    );
    assert_eq!(err.code(), "TVA_INVALID_KEY");
    assert_eq!(
        err.to_string(),
        "numéro de TVA intracommunautaire invalide : clé attendue 44, trouvée 45"
    );
    assert_eq!(
        err.message(Lang::En),
        "invalid VAT number: key expected 44, found 45"
    );
    // Zero padding of the key: FR00417625639.
    let err = Tva::parse("FR01417625639").unwrap_err();
    assert!(err.message(Lang::En).contains("expected 00, found 01"));

    let err = Tva::parse("BE0403170701").unwrap_err();
    assert_eq!(err, SiretError::InvalidTvaCountry { found: "BE".into() });
    assert_eq!(err.code(), "TVA_INVALID_COUNTRY");
    assert_eq!(detail(&err, "found"), text("BE"));
    assert_eq!(
        err.to_string(),
        "numéro de TVA intracommunautaire invalide : code pays 'BE' au lieu de FR"
    );
    let err = Tva::parse("44 732 829 320").unwrap_err();
    assert_eq!(
        err.message(Lang::En),
        "invalid VAT number: the country code FR is missing"
    );
}

/// The umbrella error forwards everything untouched.
#[test]
fn umbrella_error() {
    let err: apart::Error = Siret::parse("73282932000075").unwrap_err().into();
    assert_eq!(err.code(), "SIRET_INVALID_KEY");
    assert!(err.to_string().starts_with("numéro SIRET invalide"));
}

// ---------------------------------------------------------------------------------------------
// Conversions, serde
// ---------------------------------------------------------------------------------------------

#[test]
fn serde_round_trip_as_compact_strings() {
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Establishment {
        siren: Siren,
        nic: Nic,
        siret: Siret,
        tva: Tva,
    }
    let siret: Siret = "732 829 320 00074".parse().unwrap();
    let e = Establishment {
        siren: siret.siren(),
        nic: siret.nic(),
        siret,
        tva: siret.tva(),
    };
    let json = serde_json::to_string(&e).unwrap();
    assert_eq!(
        json,
        r#"{"siren":"732829320","nic":"00074","siret":"73282932000074","tva":"FR44732829320"}"#
    );
    assert_eq!(serde_json::from_str::<Establishment>(&json).unwrap(), e);
    // Deserialisation goes through the lenient parser, and its errors.
    let spaced: Siret = serde_json::from_str(r#""732 829 320 00074""#).unwrap();
    assert_eq!(spaced, siret);
    let err = serde_json::from_str::<Siret>(r#""73282932000075""#).unwrap_err();
    assert!(
        err.to_string()
            .contains("clé de contrôle attendue 4, trouvée 5")
    );
    assert!(serde_json::from_str::<Siret>("73282932000074").is_err()); // a number, not a string
    // Leading zeros survive.
    let s: Siren = serde_json::from_str(r#""000000083""#).unwrap();
    assert_eq!(serde_json::to_string(&s).unwrap(), r#""000000083""#);
}

#[test]
fn detect_tells_kinds_apart() {
    assert!(matches!(
        detect("552 008 443").unwrap(),
        Identifier::Siren(_)
    ));
    assert!(matches!(
        detect("732.829.320.00074").unwrap(),
        Identifier::Siret(_)
    ));
    assert!(matches!(
        detect(" FR 44 732 829 320 ").unwrap(),
        Identifier::Tva(_)
    ));
    assert_eq!(detect("DE123").unwrap_err().code(), "TVA_INVALID_COUNTRY");
    assert_eq!(
        detect("7328293200007").unwrap_err().code(),
        "IDENTIFIER_INVALID_LENGTH"
    );
}

#[test]
fn ordering_follows_the_digits() {
    let a: Siren = "000000083".parse().unwrap();
    let b: Siren = "100000009".parse().unwrap();
    assert!(a < b);
    assert_eq!(a.to_u32(), 83);
}

// ---------------------------------------------------------------------------------------------
// Properties (spec §7.9)
// ---------------------------------------------------------------------------------------------

fn valid_siret() -> impl Strategy<Value = Siret> {
    any::<u64>().prop_map(|seed| generate::siret(&mut SplitMix64::new(seed)))
}

fn valid_siren() -> impl Strategy<Value = Siren> {
    any::<u64>().prop_map(|seed| generate::siren(&mut SplitMix64::new(seed)))
}

fn la_poste_siret() -> impl Strategy<Value = Siret> {
    any::<u64>().prop_map(|seed| generate::la_poste_siret(&mut SplitMix64::new(seed)))
}

/// Inputs drawn from the characters a parser cares about, to reach deep into it.
fn identifier_like() -> impl Strategy<Value = String> {
    "[0-9 .\\-\u{a0}\u{202f}\t\nFRfrx\u{ff10}-\u{ff19}é]{0,24}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Every single-digit substitution of a valid (non-La-Poste) SIRET is detected.
    #[test]
    fn every_substitution_is_detected(siret in valid_siret()) {
        prop_assume!(!siret.is_la_poste());
        let digits = siret.as_str().as_bytes().to_vec();
        for pos in 0..14 {
            for d in b'0'..=b'9' {
                if d == digits[pos] { continue; }
                let mut m = digits.clone();
                m[pos] = d;
                let s = String::from_utf8(m).unwrap();
                prop_assert!(Siret::parse(&s).is_err(), "{} -> {}", siret.as_str(), s);
                prop_assert!(!is_valid_siret(&s));
            }
        }
    }

    /// Every adjacent transposition other than 0↔9 of a valid (non-La-Poste) SIRET is detected.
    #[test]
    fn every_adjacent_transposition_is_detected(siret in valid_siret()) {
        prop_assume!(!siret.is_la_poste());
        let digits = siret.as_str().as_bytes().to_vec();
        for pos in 0..13 {
            let (a, b) = (digits[pos], digits[pos + 1]);
            if a == b || (a.min(b), a.max(b)) == (b'0', b'9') { continue; }
            let mut m = digits.clone();
            m.swap(pos, pos + 1);
            let s = String::from_utf8(m).unwrap();
            prop_assert!(Siret::parse(&s).is_err(), "{} -> {}", siret.as_str(), s);
        }
    }

    /// parse ∘ format is the identity, for the spaced, compact and NBSP forms.
    #[test]
    fn parse_format_identity(siret in valid_siret(), siren in valid_siren()) {
        prop_assert_eq!(Siret::parse(&siret.to_string())?, siret);
        prop_assert_eq!(Siret::parse_strict(siret.as_str())?, siret);
        prop_assert_eq!(Siret::parse(&siret.format_with('\u{a0}'))?, siret);
        prop_assert_eq!(Siret::from_parts(siret.siren(), siret.nic())?, siret);
        prop_assert_eq!(Siren::parse(&siren.to_string())?, siren);
        prop_assert_eq!(Siren::parse_strict(siren.as_str())?, siren);
        prop_assert_eq!(Nic::parse(&siret.nic().to_string())?, siret.nic());
        let tva = siren.tva();
        prop_assert_eq!(Tva::parse(&tva.to_string())?, tva);
        prop_assert_eq!(Tva::parse_strict(tva.as_str())?, tva);
        if !siren.as_str().starts_with("000") {
            prop_assert_eq!(tva.siren(), Some(siren));
        }
        prop_assert_eq!(detect(&siret.to_string())?, Identifier::Siret(siret));
        prop_assert_eq!(detect(&siren.to_string())?, Identifier::Siren(siren));
        prop_assert_eq!(detect(&tva.to_string())?, Identifier::Tva(tva));
        // Completion finds the same check digits.
        prop_assert_eq!(Siren::complete(&siren.as_str()[..8])?, siren);
        prop_assert_eq!(Siret::complete(siret.siren(), &siret.as_str()[9..13])?, siret);
    }

    /// No string panics any parser, and the fast path agrees with the parser.
    #[test]
    fn no_input_panics(s in any::<String>(), t in identifier_like()) {
        for input in [s.as_str(), t.as_str()] {
            let results = [
                Siren::parse(input).map(|_| ()),
                Siren::parse_strict(input).map(|_| ()),
                Siret::parse(input).map(|_| ()),
                Siret::parse_strict(input).map(|_| ()),
                Nic::parse(input).map(|_| ()),
                Nic::parse_strict(input).map(|_| ()),
                Tva::parse(input).map(|_| ()),
                Tva::parse_strict(input).map(|_| ()),
                detect(input).map(|_| ()),
                Siren::complete(input).map(|_| ()),
            ];
            for r in results {
                if let Err(e) = r {
                    let _ = (e.code(), e.message(Lang::Fr), e.message(Lang::En), e.details());
                    if let SiretError::InvalidCharacter { index, character, .. } = &e {
                        prop_assert_eq!(input.chars().nth(*index).map(String::from), Some(character.clone()));
                    }
                }
            }
            prop_assert_eq!(is_valid_siret(input), Siret::parse(input).is_ok());
            if let Ok(siret) = Siret::parse(input) {
                prop_assert_eq!(Siret::parse_strict(siret.as_str())?, siret);
            }
        }
    }

    /// La Poste: the generator's numbers are valid, and INSEE's rule holds exactly:
    /// valid ⇔ Luhn over 14 ∨ digit sum ≡ 0 (mod 5).
    #[test]
    fn la_poste_rule(siret in la_poste_siret(), nic in 0u32..100_000) {
        prop_assert!(siret.is_la_poste());
        prop_assert!(Siret::parse(siret.as_str()).is_ok());
        let s = format!("356000000{nic:05}");
        let digits: Vec<u32> = s.bytes().map(|b| u32::from(b - b'0')).collect();
        let sum: u32 = digits.iter().sum();
        let luhn: u32 = digits.iter().rev().enumerate()
            .map(|(i, &d)| if i % 2 == 1 { if d >= 5 { 2 * d - 9 } else { 2 * d } } else { d })
            .sum();
        prop_assert_eq!(Siret::parse(&s).is_ok(), luhn.is_multiple_of(10) || sum.is_multiple_of(5));
    }

    /// La Poste's weakness, documented: a digit-sum-only SIRET stays valid under any
    /// transposition of its NIC digits.
    #[test]
    fn la_poste_rule_catches_no_transposition(nic in 0u32..10_000, pos in 9usize..13) {
        let siret = Siret::complete("356000000".parse()?, &format!("{nic:04}"))?;
        let mut m = siret.as_str().as_bytes().to_vec();
        m.swap(pos, pos + 1);
        prop_assert!(Siret::parse(std::str::from_utf8(&m).unwrap()).is_ok());
    }
}
