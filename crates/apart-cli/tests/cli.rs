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

/// Kills `child` if the test is still talking to it after two minutes, so that a command that
/// stops streaming fails the test (its output ends) instead of hanging it. Call `done` before
/// waiting for the child: until then its pid cannot be reused.
fn watchdog(child: &std::process::Child) -> std::sync::Arc<std::sync::atomic::AtomicBool> {
    use std::sync::atomic::{AtomicBool, Ordering};
    let done = std::sync::Arc::new(AtomicBool::new(false));
    let flag = std::sync::Arc::clone(&done);
    let pid = child.id().to_string();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(120));
        if !flag.load(Ordering::SeqCst) {
            let _ = Command::new("kill").arg(&pid).status();
        }
    });
    done
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
                "family": "siret",
                "messages": {
                    "fr": "identifiant invalide : 4 chiffres, attendu 9 (SIREN) ou 14 (SIRET)",
                    "en": "invalid identifier: 4 digits, expected 9 (SIREN) or 14 (SIRET)"
                },
                "details": {"length": 4, "expected": "any"}
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
        v[0]["error"]["messages"]["en"],
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
    assert!(stdout(&o).contains(
        "VALUE_INVALID_DECIMAL: ligne 2 : valeur invalide pour « gross_monthly » : « abc » \
         (attendu : un montant en euros, par exemple 2000.50)"
    ));
    let o = apart(&["claim", "--month", "2026-01", "/no/such/file.csv"], None);
    assert_eq!(o.status.code(), Some(2));
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Issue 17.1: `--format csv` writes the claim back in the input's dialect, and that file read
/// by `apart claim` gives the same claim (byte for byte, and the same JSON lines and totals).
#[test]
fn claim_csv_round_trips_through_apart_claim() {
    let inputs = [
        (
            "rt_semicolon.csv",
            // `;` dialect with a byte order mark and CRLF, as French Excel writes it.
            "\u{feff}employee;gross_monthly;hours_not_worked;regime\r\n\
             Jeanne Martin;2000;70;droit-commun\r\n\
             \"Durand; Paul\";3 000,00;70;\r\n\
             Awa \"la\" Diallo;6000;35;apld\r\n\
             Refusé;abc;3;\r\n\
             ;;;\r\n",
            ';',
            4,
        ),
        (
            "rt_comma.csv",
            "gross_monthly,hours_not_worked,employee,contract_hours\n\
             2000.00,70,\"Martin, Jeanne\",151.67\n\
             3000,-3,Paul,\n\
             2500,20,Zoé,100\n",
            ',',
            3,
        ),
    ];
    for (name, text, sep, rows) in inputs {
        let first = csv_file(name, text);
        let c1 = apart(
            &["claim", "--month", "2026-01", "--format", "csv", &first],
            None,
        );
        assert_eq!(c1.status.code(), Some(1), "{}", stderr(&c1)); // one row is refused
        let c1_text = stdout(&c1);
        // The dialect is kept: separator, decimal separator, BOM and line ends.
        assert_eq!(c1_text.starts_with('\u{feff}'), sep == ';');
        assert_eq!(c1_text.contains("\r\n"), sep == ';');
        let header = c1_text
            .trim_start_matches('\u{feff}')
            .lines()
            .next()
            .unwrap();
        assert!(header.ends_with(&format!(
            "month{sep}line{sep}status{sep}hourly_reference{sep}employee_hourly_indemnity{sep}\
             hours_compensated{sep}employee_indemnity{sep}rmm_complement{sep}\
             employer_hourly_allocation{sep}hours_allocated{sep}employer_allocation{sep}\
             rest_payable_by_employer{sep}csg_crds{sep}error_code{sep}error_message"
        )));
        let amount = if sep == ';' { "553,70" } else { "553.70" };
        assert!(c1_text.contains(amount), "{c1_text}");
        assert!(
            c1_text
                .lines()
                .last()
                .unwrap()
                .contains(&format!("{sep}total{sep}"))
        );

        // Read back, without --month (the month column was added): the same file again.
        let second = csv_file(&format!("again_{name}"), &c1_text);
        let c2 = apart(&["claim", "--format", "csv", &second], None);
        assert_eq!(c2.status.code(), Some(1));
        assert_eq!(stdout(&c2), c1_text);

        // And the same claim: lines and totals.
        let j1 = apart(&["claim", "--month", "2026-01", "--json", &first], None);
        let j2 = apart(&["claim", "--format", "json", &second], None);
        let j1: serde_json::Value = serde_json::from_str(&stdout(&j1)).unwrap();
        let j2: serde_json::Value = serde_json::from_str(&stdout(&j2)).unwrap();
        assert_eq!(j1["totals"], j2["totals"]);
        assert_eq!(j1["month"], "2026-01");
        assert_eq!(j1["lines"].as_array().unwrap().len(), rows);
        for (a, b) in j1["lines"]
            .as_array()
            .unwrap()
            .iter()
            .zip(j2["lines"].as_array().unwrap())
        {
            assert_eq!(a["outcome"], b["outcome"]);
            assert_eq!(a["error_code"], b["error_code"]);
        }
    }
}

/// The totals row of `--format csv`: every total, and the counts.
#[test]
fn claim_csv_totals_row() {
    let file = csv_file(
        "totals.csv",
        "employee,gross_monthly,hours_not_worked\nA,3000,70\nB,6000,35\n",
    );
    let o = apart(
        &["claim", "--month", "2026-01", "--format", "csv", &file],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let last = out.lines().last().unwrap();
    // employee, gross, hours (total), month, line, status, hourly ref, hourly ind., hours comp.,
    // indemnity, rmm, hourly alloc., hours alloc., allocation, rest, csg, code, message
    assert_eq!(
        last,
        ",,105,2026-01,,total,,,105,1661.80,0.00,,105,1098.30,563.50,,,2 calculés, 0 refusé"
            .replace(",2 calculés, 0 refusé", ",\"2 calculés, 0 refusé\"")
    );
}

/// Issue 13 (L1): the claim is computed as it is read. Driven through a pipe, the answer to
/// each row comes out before the next row is written, in every format: nothing waits for the
/// end of the input.
#[test]
fn claim_reads_and_answers_line_by_line() {
    use std::io::{BufRead, BufReader};
    for format in ["table", "csv", "json"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_apart"))
            .args(["claim", "--month", "2026-01", "--format", format, "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let done = watchdog(&child);
        let mut input = child.stdin.take().unwrap();
        let mut output = BufReader::new(child.stdout.take().unwrap());
        input
            .write_all(b"employee,gross_monthly,hours_not_worked\n")
            .unwrap();
        for (i, gross) in ["2000", "3000", "4000"].iter().enumerate() {
            let name = format!("Employee{i}");
            writeln!(input, "{name},{gross},70").unwrap();
            input.flush().unwrap();
            // Blocks until the row's answer is out: the input is still open.
            let mut seen = String::new();
            while !seen.contains(&name) {
                let mut line = String::new();
                assert_ne!(output.read_line(&mut line).unwrap(), 0, "{format}: ended");
                seen.push_str(&line);
            }
        }
        drop(input);
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut output, &mut rest).unwrap();
        assert!(rest.contains("2026-01"), "{format}: {rest}");
        done.store(true, std::sync::atomic::Ordering::SeqCst);
        assert!(child.wait().unwrap().success());
    }
}

/// Issue 13 (L7): `siret check -` answers each line before reading the next.
#[test]
fn check_reads_and_answers_line_by_line() {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_apart"))
        .args(["siret", "check", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let done = watchdog(&child);
    let mut input = child.stdin.take().unwrap();
    let mut output = BufReader::new(child.stdout.take().unwrap());
    for value in ["73282932000074", "552008443", "1234"] {
        writeln!(input, "{value}").unwrap();
        input.flush().unwrap();
        let mut line = String::new();
        output.read_line(&mut line).unwrap();
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["input"], value);
    }
    drop(input);
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

/// Issue 13 (L7): a 16 MB line without a newline is reported by number, quoted short, never
/// echoed; the lines after it are checked.
#[test]
fn check_refuses_a_huge_line_without_keeping_it() {
    let mut input = vec![b'7'; 16 << 20];
    input.extend_from_slice(b"\n73282932000074\n");
    let o = apart(&["siret", "check", "-"], Some(&input));
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.len() < 400, "{} bytes of output", out.len());
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0].starts_with(
            "ligne 1 : trop longue, 16\u{a0}777\u{a0}216 octets (au plus 1\u{a0}024) : « 7777"
        ),
        "{}",
        lines[0]
    );
    assert!(lines[1].contains("SIRET valide"));
    // Without any newline, and as JSON.
    let o = apart(
        &["siret", "check", "--json", "--lang", "en", "-"],
        Some(&vec![0xff; 4 << 20]),
    );
    assert_eq!(o.status.code(), Some(1));
    let v = json_lines(&o);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["error"]["code"], "INPUT_TOO_LARGE");
    assert_eq!(v[0]["error"]["family"], "input");
    assert_eq!(v[0]["error"]["details"]["size"], 4 << 20);
    assert!(v[0]["input"].as_str().unwrap().chars().count() <= 41);
    assert!(o.stdout.len() < 1000, "{} bytes", o.stdout.len());
}

/// Issue 13 (L3): a line of millions of separators is refused by number, and one within the
/// limit but wider than the header too; the other rows are computed.
#[test]
fn claim_refuses_lines_too_long_or_too_wide() {
    let mut text = String::from("employee,gross_monthly,hours_not_worked\n");
    text.push_str(&",".repeat(10_000_000));
    text.push_str("\nA,2000,70\n");
    text.push_str(&",".repeat(60_000));
    text.push_str("\nB,3000,70\n");
    let file = csv_file("separators.csv", &text);
    let o = apart(
        &["claim", "--month", "2026-01", "--format", "csv", &file],
        None,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.len() < 2000, "{} bytes of output", out.len());
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows.len(), 6); // header, 4 rows, totals
    assert!(rows[1].contains(",2,refused,"), "{}", rows[1]);
    assert!(rows[1].contains("INPUT_TOO_LARGE"));
    assert!(
        rows[1]
            .contains("ligne 2 : trop longue, 10\u{a0}000\u{a0}000 octets (au plus 65\u{a0}536)")
    );
    assert!(rows[2].contains(",3,computed,"));
    assert!(rows[3].contains("ligne 4 : plus de cellules que les 3 colonnes de l'en-tête"));
    assert!(rows[5].ends_with("\"2 calculés, 2 refusés\""));
}

/// Issue 13 (L5): control characters of a cell never reach the terminal raw, in any format.
#[test]
fn claim_escapes_control_characters() {
    let file = csv_file(
        "esc.csv",
        "employee,gross_monthly,hours_not_worked\n\
         \u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m,2000,70\n\
         X\u{1b}[5m,abc\u{1b}[2J,3\n",
    );
    for format in ["table", "csv", "json"] {
        let o = apart(
            &["claim", "--month", "2026-01", "--format", format, &file],
            None,
        );
        assert_eq!(o.status.code(), Some(1), "{format}");
        let out = stdout(&o);
        assert!(
            !out.contains(|c: char| c.is_control() && c != '\n'),
            "{format}: {out:?}"
        );
        assert!(
            out.contains("\\u{1b}]0;pwned\\u{7}") || out.contains("\\u001b]0"),
            "{format}"
        );
    }
}

/// Issue 13: errors quote a short prefix of hostile input, never all of it.
#[test]
fn errors_quote_hostile_input_short() {
    let column = "x".repeat(50_000);
    let file = csv_file("hostile_header.csv", &format!("employee,{column}\nA,1\n"));
    let o = apart(&["claim", "--month", "2026-01", &file], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("INPUT_UNKNOWN_FIELD"));
    assert!(o.stderr.len() < 1000, "{} bytes", o.stderr.len());
    let cell = "9".repeat(50_000);
    let file = csv_file(
        "hostile_cell.csv",
        &format!("employee,gross_monthly,hours_not_worked\nA,{cell}x,1\n"),
    );
    let o = apart(&["claim", "--month", "2026-01", &file], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.len() < 1000, "{} bytes", o.stdout.len());
}

/// Issue 17.4: a completion script for each shell, that names the subcommands; bash's parses.
#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let o = apart(&["completions", shell], None);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let script = stdout(&o);
        for word in ["claim", "simulate", "siret", "format", "no-progress"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    let bash = apart(&["completions", "bash"], None);
    let path = csv_file("apart.bash", &stdout(&bash));
    if let Ok(status) = Command::new("bash").args(["-n", &path]).status() {
        assert!(status.success(), "bash -n refuses the script");
    }
    assert_eq!(apart(&["completions", "tcsh"], None).status.code(), Some(2));
}

/// Issue 17.4: the man pages rendered at build time, one per (sub)command.
#[test]
fn man_pages_are_built_in() {
    let list = apart(&["man", "--list"], None);
    let names = stdout(&list);
    for page in [
        "apart",
        "apart-claim",
        "apart-simulate",
        "apart-siret-check",
        "apart-completions",
    ] {
        assert!(
            names.lines().any(|n| n == page),
            "{page} missing from {names}"
        );
    }
    let main = stdout(&apart(&["man"], None));
    assert!(
        main.starts_with(".ie \\n(.g .ds Aq") || main.contains(".TH apart 1"),
        "{main}"
    );
    assert!(main.contains(".TH apart 1"));
    let claim = apart(&["man", "claim"], None);
    assert_eq!(claim.status.code(), Some(0));
    let claim = stdout(&claim);
    assert!(
        claim.contains(".TH apart\\-claim 1") || claim.contains(".TH apart-claim 1"),
        "{claim}"
    );
    assert!(claim.contains("format"));
    assert!(claim.contains("gross_monthly"));
    assert_eq!(apart(&["man", "nope"], None).status.code(), Some(2));
    // When `man` is installed, it renders the page.
    let path = csv_file("apart-claim.1", &claim);
    if let Ok(o) = Command::new("man")
        .args(["-l", &path])
        .env("MANPAGER", "cat")
        .output()
    {
        if o.status.success() {
            assert!(String::from_utf8_lossy(&o.stdout).contains("claim"));
        }
    }
}

/// Issue 17.3: a value that cannot be read names the option or the column and line, with an
/// example of its kind, in French and English; JSON errors carry the option as `field`.
#[test]
fn errors_name_the_option_or_the_column_with_an_example_of_its_kind() {
    let cases = [
        (
            &["--gross", "abc"][..],
            "fr",
            "--gross : valeur invalide : « abc » (attendu : un montant en euros, par exemple 2000.50)",
        ),
        (
            &["--gross", "2000", "--hours-not-worked", "7h"],
            "en",
            "--hours-not-worked: invalid value: '7h' (expected a number of hours, e.g. 151.67)",
        ),
        (
            &["--gross", "2000", "--hours-not-worked", "9999"],
            "fr",
            "--hours-not-worked : heures hors limites",
        ),
    ];
    for (extra, lang, expected) in cases {
        let mut args = vec!["--lang", lang, "simulate", "--month", "2026-01"];
        args.extend_from_slice(extra);
        let o = apart(&args, None);
        assert!(stderr(&o).contains(expected), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).contains('\n') || stderr(&o).lines().count() == 1);
    }
    // Unreadable values are usage errors (2), refused computations 1.
    let o = apart(&["simulate", "--month", "2026-01", "--gross", "abc"], None);
    assert_eq!(o.status.code(), Some(2));
    let o = apart(
        &[
            "simulate", "--month", "2026-13", "--gross", "2000", "--json",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let e: serde_json::Value = serde_json::from_str(stderr(&o).trim()).unwrap();
    assert_eq!(e["error"]["code"], "VALUE_INVALID_MONTH");
    assert_eq!(e["error"]["family"], "input");
    assert_eq!(e["error"]["details"]["field"], "--month");
    assert!(
        e["error"]["messages"]["en"]
            .as_str()
            .unwrap()
            .starts_with("--month: invalid month")
    );

    // A claim row: the line (grouped as each language writes numbers) and the column.
    let mut text = String::from("employee;gross_monthly;hours_not_worked\n");
    for _ in 0..4319 {
        text.push_str("A;2000;7\n");
    }
    text.push_str("B;2 000,5x;7\n");
    let file = csv_file("line_4321.csv", &text);
    let o = apart(&["claim", "--month", "2026-01", "--json", &file], None);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let refused = &v["lines"][4319];
    // The whole error: code, family, both messages, the column and the line.
    assert_eq!(refused["error"]["code"], "VALUE_INVALID_DECIMAL");
    assert_eq!(refused["error"]["family"], "input");
    assert_eq!(refused["error"]["details"]["field"], "gross_monthly");
    assert_eq!(refused["error"]["details"]["line"], 4321);
    assert!(
        refused["error"]["messages"]["en"]
            .as_str()
            .unwrap()
            .starts_with("line 4,321: invalid value for 'gross_monthly'")
    );
    assert_eq!(
        refused["error"]["messages"]["fr"],
        "ligne 4\u{a0}321 : valeur invalide pour « gross_monthly » : « 2000.5x » (attendu : un montant en euros, par exemple 2000.50)"
    );
    let o = apart(
        &["--lang", "en", "claim", "--month", "2026-01", &file],
        None,
    );
    assert!(stdout(&o).contains("line 4,321: invalid value for 'gross_monthly'"));
}

fn law_file(name: &str, text: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("apart-cli-{}-{name}", std::process::id()));
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn law_list_and_show() {
    let o = apart(&["law", "list", "--lang", "en"], None);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains("smic_hourly") && out.contains("2026-05-31"),
        "{out}"
    );
    let o = apart(&["law", "show", "smic_hourly"], None);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains("12.02") && out.contains("Décret n° 2025-1228"),
        "{out}"
    );
    let o = apart(
        &["law", "show", "smic_hourly", "--at", "2026-11-15", "--json"],
        None,
    );
    let json: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(json["row"]["value"], "12.31");
    assert_eq!(json["beyond_verified_date"], "2026-05-31");
    let o = apart(&["law", "show", "smic"], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("LAW_UNKNOWN_PARAMETER"));
}

#[test]
fn law_files_check_and_load() {
    let good = law_file(
        "good.toml",
        "verified_until = \"2026-12-31\"\n[[tables]]\nid = \"smic_hourly\"\n[[tables.values]]\n\
         from = \"2026-06-01\"\nvalue = \"12.31\"\nsource = { title = \"Arrêté du 22 mai 2026\" }\n",
    );
    let o = apart(
        &["law", "check", good.to_str().unwrap(), "--lang", "en"],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("verified until 2026-12-31"));
    let bad = law_file(
        "bad.toml",
        "id = \"crds_rate\"\n[[values]]\nfrom = \"2026-01-01\"\nvalue = \"-5\"\nsource = { title = \"x\" }\n",
    );
    let o = apart(&["law", "check", bad.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("LAW_INVALID_OVERRIDE"));
    // Said in French from a typed problem, the file named (no system or parser English but
    // quoted): a missing file and a TOML error.
    let missing = good.with_file_name("missing.toml");
    let o = apart(&["law", "check", missing.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).ends_with(&format!(
            "LAW_INVALID_FILE: fichier de loi « {} » invalide : fichier introuvable\n",
            missing.display()
        )),
        "{}",
        stderr(&o)
    );
    let broken = law_file("broken.toml", "id = \"smic_hourly\"\n[[values]\n");
    let o = apart(&["law", "check", broken.to_str().unwrap(), "--json"], None);
    assert_eq!(o.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(stdout(&o).trim())
        .or_else(|_| serde_json::from_str(stderr(&o).trim()))
        .unwrap();
    let details = &json["error"]["details"];
    assert_eq!(
        (details["problem"].as_str(), details["line"].as_i64()),
        (Some("syntax"), Some(2)),
        "{json}"
    );
    assert!(
        json["error"]["messages"]["fr"]
            .as_str()
            .unwrap()
            .contains(": ligne 2 : TOML illisible (« "),
        "{json}"
    );
    // A month after the verified date: computed and warned; strict: refused; with the file: 12.31.
    let args = [
        "simulate",
        "--month",
        "2026-11",
        "--gross",
        "2000",
        "--hours-not-worked",
        "70",
        "--json",
    ];
    let o = apart(&args, None);
    assert_eq!(o.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["warnings"][0]["code"], "LAW_BEYOND_VERIFIED_DATE");
    assert!(
        json["warnings"][0]["messages"]["en"]
            .as_str()
            .unwrap()
            .contains("2026-05-31")
    );
    let mut strict = args.to_vec();
    strict.push("--strict-law");
    let o = apart(&strict, None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("LAW_DATE_AFTER_LAST_KNOWN"));
    let mut with_file = args.to_vec();
    with_file.extend(["--law", good.to_str().unwrap()]);
    let o = apart(&with_file, None);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["smic_hourly"], "12.31");
    assert_eq!(json["law_as_of"], "2026-12-31");
    let _ = std::fs::remove_file(good);
    let _ = std::fs::remove_file(bad);
}

/// Issue 17.5: `apart explain CODE` prints the catalogue's entry (the one in docs/errors.md).
#[test]
fn explain_prints_one_entry_of_the_catalogue() {
    let o = apart(&["explain", "siret_invalid_key"], None);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("### `SIRET_INVALID_KEY`\n"), "{out}");
    assert!(out.contains("- family: `siret` (Python and Node `SiretError`"));
    assert!(out.contains("- fr: numéro SIRET invalide"));
    assert!(out.contains("- en: invalid SIRET"));
    let docs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/errors.md"))
            .unwrap();
    assert!(docs.contains(&out), "the entry differs from docs/errors.md");
    // A code has one family, so one entry.
    let o = apart(&["explain", "REASON_REQUIRED"], None);
    assert_eq!(stdout(&o).matches("### `REASON_REQUIRED`").count(), 1);
    let o = apart(&["--lang", "en", "explain", "NOPE"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown code « NOPE »"));
}

/// `law show --at` with an impossible date is the core's VALUE_INVALID_DATE naming the option,
/// not a law-file error (found by the CLI's errors.json runner).
#[test]
fn law_show_at_an_impossible_date_names_the_option() {
    let o = apart(
        &["law", "show", "smic_hourly", "--at", "2026-02-30", "--json"],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(stderr(&o).trim()).unwrap();
    assert_eq!(json["error"]["code"], "VALUE_INVALID_DATE");
    assert_eq!(json["error"]["family"], "input");
    assert_eq!(json["error"]["details"]["field"], "--at");
}

#[test]
fn simulate_record_answers_as_the_options_do() {
    let by_flags = apart(
        &[
            "simulate",
            "--month",
            "2026-01",
            "--gross",
            "2000",
            "--hours-not-worked",
            "70",
            "--json",
        ],
        None,
    );
    let record = br#"{"month": "2026-01", "gross_monthly": "2000", "hours_not_worked": "70"}"#;
    let by_record = apart(
        &[
            "simulate",
            "--record",
            "-",
            "--options",
            r#"{"rounding": "per_hour", "explain": "on"}"#,
            "--json",
        ],
        Some(record),
    );
    assert!(
        by_flags.status.success() && by_record.status.success(),
        "{}",
        stderr(&by_record)
    );
    assert_eq!(stdout(&by_record), stdout(&by_flags));
    let outcome: serde_json::Value = serde_json::from_slice(&by_record.stdout).unwrap();
    assert_eq!(outcome["employee_indemnity"], "553.70");
    // A misspelt field is refused by the core, naming it (exit 2, like any unreadable input).
    let typo = apart(
        &["simulate", "--record", "-", "--json"],
        Some(br#"{"month": "2026-01", "gross_monthly": "2000", "contract_hour": "121.33"}"#),
    );
    assert_eq!(typo.status.code(), Some(2));
    assert!(
        stderr(&typo).contains(r#""field":"contract_hour""#),
        "{}",
        stderr(&typo)
    );
    // The record replaces the options that set its fields.
    let both = apart(&["simulate", "--record", "-", "--month", "2026-01"], None);
    assert_eq!(both.status.code(), Some(2));
}

#[test]
fn form_account_reports_every_refused_field_at_once() {
    let valid = r#"{"denomination": "Boulangerie Martin", "street_number": "12",
        "street_type": "RUE", "street_name": "de la République", "postal_code": "69002",
        "city": "Lyon", "phone": "04 72 00 00 00",
        "establishment_email": "contact@boulangerie-martin.fr",
        "establishment_email_confirmation": "contact@boulangerie-martin.fr",
        "nom": "Martin", "prenom": "Claire", "user_phone": "06 12 34 56 78",
        "email": "claire.martin@boulangerie-martin.fr",
        "email_confirmation": "claire.martin@boulangerie-martin.fr",
        "secret_question": "Nom de mon premier chien", "secret_answer": "Médor",
        "human_check": {"status": "verified", "at": "2026-03-02T09:00:00Z"}}"#;
    let ok = apart(&["form", "account", "-"], Some(valid.as_bytes()));
    assert!(ok.status.success(), "{}{}", stdout(&ok), stderr(&ok));
    assert_eq!(stdout(&ok).trim(), "formulaire valide");
    let bad = apart(
        &["form", "account", "--json", "-"],
        Some(br#"{"denomination": "Boulangerie Martin", "postal_code": "6900", "email": "a@"}"#),
    );
    assert_eq!(bad.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&bad.stdout).unwrap();
    assert_eq!(report["valid"], false);
    assert_eq!(report["error"]["code"], "FORM_INVALID");
    let fields: Vec<(String, String)> = report["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["details"]["field"].as_str().unwrap().to_owned(),
                f["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(fields.iter().any(|(f, _)| f == "postal_code"), "{fields:?}");
    assert!(fields.iter().any(|(f, _)| f == "email"), "{fields:?}");
    assert!(
        !fields.iter().any(|(f, _)| f == "denomination"),
        "{fields:?}"
    );
}

/// A user trial: `--law /dev/zero` read until the kernel killed the process (24 GB). The file is
/// read no further than the core's bound.
#[test]
fn a_law_file_is_read_within_its_bound() {
    let o = apart(&["--lang", "en", "law", "check", "/dev/zero"], None);
    assert_ne!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("at most 1048576 bytes"),
        "{}",
        stderr(&o)
    );
    let long = "x".repeat(10_000);
    let o = apart(&["law", "check", &long], None);
    assert!(stderr(&o).len() < 1_000, "{}", stderr(&o).len());
}
