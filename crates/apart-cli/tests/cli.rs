//! The `apart` binary, run as a user would.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn apart(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_apart"))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the apart binary runs");
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn check_valid_prints_a_french_line_and_exits_0() {
    let o = apart(&["siret", "check", "732 829 320 00074"], None);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "\"732 829 320 00074\" : SIRET valide 732 829 320 00074 (SIREN 732 829 320, TVA FR44732829320)\n"
    );
}

#[test]
fn check_any_invalid_exits_1_with_one_line_per_value() {
    let o = apart(
        &[
            "siret",
            "check",
            "73282932000074",
            "73282932000075",
            "552008443",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(
        lines[1],
        "\"73282932000075\" : numéro SIRET invalide : clé de contrôle attendue 4, trouvée 5"
    );
}

#[test]
fn check_english() {
    let o = apart(&["siret", "check", "--lang", "en", "73282932000075"], None);
    assert_eq!(
        stdout(&o),
        "\"73282932000075\": invalid SIRET: check digit expected 4, found 5\n"
    );
}

#[test]
fn check_json_has_every_field_with_nulls() {
    let o = apart(
        &[
            "siret",
            "check",
            "--json",
            "732 829 320 00074",
            "1234",
            "FR 00 417 625 639",
            "552008443",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let v = json_lines(&o);
    assert_eq!(v.len(), 4);
    assert_eq!(
        v[0],
        serde_json::json!({
            "input": "732 829 320 00074", "valid": true, "kind": "siret",
            "normalized": "73282932000074", "formatted": "732 829 320 00074",
            "tva": "FR44732829320", "error": null
        })
    );
    assert_eq!(
        v[1],
        serde_json::json!({
            "input": "1234", "valid": false, "kind": null, "normalized": null,
            "formatted": null, "tva": null,
            "error": {
                "code": "IDENTIFIER_INVALID_LENGTH",
                "message": "identifiant invalide : 4 chiffres, attendu 9 (SIREN) ou 14 (SIRET)"
            }
        })
    );
    assert_eq!(v[2]["kind"], "tva");
    assert_eq!(v[2]["normalized"], "FR00417625639");
    assert_eq!(v[3]["kind"], "siren");
    assert_eq!(v[3]["tva"], "FR19552008443");
    // Every line has exactly the seven keys.
    for line in &v {
        assert_eq!(line.as_object().unwrap().len(), 7);
    }
}

#[test]
fn check_json_invalid_keeps_the_kind_when_known() {
    let o = apart(
        &["siret", "check", "--json", "--lang", "en", "73282932000075"],
        None,
    );
    let v = json_lines(&o);
    assert_eq!(v[0]["kind"], "siret");
    assert_eq!(v[0]["error"]["code"], "SIRET_INVALID_KEY");
    assert_eq!(
        v[0]["error"]["message"],
        "invalid SIRET: check digit expected 4, found 5"
    );
}

#[test]
fn check_reads_stdin_line_by_line() {
    let input = b"73282932000074\r\n35600000009075\n\xff12\n552 008 443";
    let o = apart(&["siret", "check", "--json", "-"], Some(input));
    assert_eq!(o.status.code(), Some(1));
    let v = json_lines(&o);
    assert_eq!(v.len(), 4);
    assert_eq!(v[0]["input"], "73282932000074"); // the CR of CRLF is dropped
    assert_eq!(v[0]["valid"], true);
    assert_eq!(v[1]["valid"], true);
    assert_eq!(v[2]["error"]["code"], "IDENTIFIER_INVALID_CHARACTER"); // invalid UTF-8
    assert_eq!(v[3]["valid"], true); // last line without a newline
}

#[test]
fn check_stdin_all_valid_exits_0_and_mixes_with_arguments() {
    let o = apart(
        &["siret", "check", "552008443", "-"],
        Some(b"73282932000074\n"),
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o).lines().count(), 2);
}

#[test]
fn check_expect_restricts_the_kind() {
    let o = apart(&["siret", "check", "--expect", "siret", "552008443"], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("cela ressemble à un numéro SIREN"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["siret", "check"][..],
        &["siret", "check", "--lang", "de", "x"],
        &["siret", "nope"],
        &["nope"],
        &["siret", "generate", "--count", "x"],
    ] {
        let o = apart(args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn tva_of_siren_and_siret() {
    let o = apart(&["siret", "tva", "417625639", "732 829 320 00074"], None);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "FR00417625639\nFR44732829320\n");
    let o = apart(&["siret", "tva", "417625630"], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("clé de contrôle"));
}

#[test]
fn generate_is_reproducible_and_valid() {
    let a = apart(
        &["siret", "generate", "--count", "50", "--seed", "42"],
        None,
    );
    let b = apart(
        &["siret", "generate", "--count", "50", "--seed", "42"],
        None,
    );
    assert_eq!(a.status.code(), Some(0));
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(stdout(&a).lines().count(), 50);
    let check = apart(&["siret", "check", "-"], Some(&a.stdout));
    assert_eq!(check.status.code(), Some(0));
    let lp = apart(
        &[
            "siret", "generate", "--count", "20", "--kind", "la-poste", "--seed", "1",
        ],
        None,
    );
    assert!(stdout(&lp).lines().all(|l| l.starts_with("356000000")));
    let check = apart(&["siret", "check", "-"], Some(&lp.stdout));
    assert_eq!(check.status.code(), Some(0));
}

#[test]
fn options_may_follow_values_and_dash_dash_passes_hyphenated_values() {
    let o = apart(
        &["siret", "check", "552008443", "-", "--json"],
        Some(b"73282932000074\n"),
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(json_lines(&o).len(), 2);
    let o = apart(&["siret", "check", "--", "-1"], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with("\"-1\" : "));
}

/// Writes `text` to a fresh file under the target directory and returns its path.
fn csv_file(name: &str, text: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn claim_computes_every_row_and_exits_0() {
    // Spec indemnity.md §4 #11 (3 000 €, 70 h) and #12 (6 000 €, 35 h), 2026-01.
    let file = csv_file(
        "claim_ok.csv",
        "employee;gross_monthly;hours_not_worked\nA;3000;70\nB;6 000,00;35\n",
    );
    let o = apart(&["claim", "--month", "2026-01", "--json", &file], None);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["totals"]["employee_indemnity"], "1661.80"); // 830.90 + 830.90
    assert_eq!(v["totals"]["employer_allocation"], "1098.30"); // 599.90 + 498.40
}

#[test]
fn claim_exits_1_when_a_row_is_refused_and_2_when_the_file_is_missing() {
    let file = csv_file(
        "claim_bad.csv",
        "employee,gross_monthly,hours_not_worked\nA,abc,3\n",
    );
    let o = apart(&["claim", "--month", "2026-01", &file], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("INDEMNITY_INVALID_INPUT"));
    let o = apart(&["claim", "--month", "2026-01", "/no/such/file.csv"], None);
    assert_eq!(o.status.code(), Some(2));
}
