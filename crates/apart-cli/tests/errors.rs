//! `tests/vectors/errors.json` through the `apart` command: the same bad input gets the same
//! code and family from the command as from every other front end (issue 12 item 3).
//!
//! Each op is mapped onto the command a user would type:
//!
//! * `siret`: `apart siret check --json -- INPUT` (the `error` of its JSON line);
//! * `law_lookup`: `apart law show PARAM --at DATE --json` (the error on stderr; the field of
//!   `--at` is `date`);
//! * `compute`: `apart simulate --record - --options JSON --json`, the record on stdin (the
//!   error on stderr);
//! * `form`: `apart form account - --json` (the form's error and its refused fields on stdout,
//!   or the record's error on stderr).
//!
//! Two rules, not a list, leave a case out: an argument longer than Linux passes to a program
//! (128 KiB; the 1 MB identifier), and the `machine` op (the command has no state machines: the
//! procedures run in the caller's application). The test fails when any other case is not run, or gets
//! another code, family, field or form field.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

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

/// Expands `{"$repeat": [text, n]}` anywhere in a value.
fn expand(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(args)) = map.get("$repeat") {
                let text = args[0].as_str().unwrap();
                let n = args[1].as_u64().unwrap() as usize;
                return Value::String(text.repeat(n));
            }
            Value::Object(map.iter().map(|(k, v)| (k.clone(), expand(v))).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(expand).collect()),
        other => other.clone(),
    }
}

/// What the command answered.
/// Why the `machine` cases are left out.
const NO_MACHINES: &str = "the command has no state machines";

enum Answer {
    /// An error record (`code`, `family`, `details`).
    Refused(Value),
    /// The input was accepted.
    Accepted(String),
    /// The command cannot express the case: why.
    NotExpressible(&'static str),
}

/// The longest argument the command is given (Linux passes at most 128 KiB per argument).
const MAX_ARG: usize = 128 * 1024;

/// The error record of a JSON error printed on stderr (`{"error": {...}}`).
fn stderr_record(o: &Output) -> Option<Value> {
    let text = String::from_utf8_lossy(&o.stderr);
    let v: Value = serde_json::from_str(text.trim()).ok()?;
    v.get("error").cloned()
}

fn siret(input: &str) -> Answer {
    if input.len() > MAX_ARG {
        return Answer::NotExpressible("an argument longer than the system passes");
    }
    let o = apart(&["siret", "check", "--json", "--", input], None);
    let line: Value = serde_json::from_slice(&o.stdout).unwrap();
    match &line["error"] {
        Value::Null => Answer::Accepted(line["normalized"].to_string()),
        record => Answer::Refused(record.clone()),
    }
}

fn law_lookup(param: &str, date: &str) -> Answer {
    let o = apart(&["law", "show", param, "--at", date, "--json"], None);
    if o.status.success() {
        return Answer::Accepted(String::from_utf8_lossy(&o.stdout).into_owned());
    }
    let mut record = stderr_record(&o).expect("a JSON error on stderr");
    // The command names the option; the vectors name the value.
    if record["details"]["field"] == "--at" {
        record["details"]["field"] = "date".into();
    }
    Answer::Refused(record)
}

fn compute(input: &Value, options: Option<&Value>) -> Answer {
    let mut args = vec!["simulate", "--record", "-", "--json"];
    let options = options.map(Value::to_string);
    if let Some(options) = &options {
        if options.len() > MAX_ARG {
            return Answer::NotExpressible("an argument longer than the system passes");
        }
        args.extend(["--options", options]);
    }
    let o = apart(&args, Some(input.to_string().as_bytes()));
    if o.status.success() {
        let outcome: Value = serde_json::from_slice(&o.stdout).unwrap();
        return Answer::Accepted(outcome["employee_indemnity"].to_string());
    }
    Answer::Refused(stderr_record(&o).expect("a JSON error on stderr"))
}

/// `apart form account - --json`: the form's error with its refused fields, or the record's.
fn form(kind: &str, input: &Value, fields: &mut Vec<(String, String)>) -> Answer {
    let o = apart(
        &["form", kind, "-", "--json"],
        Some(input.to_string().as_bytes()),
    );
    if o.status.code() == Some(2) {
        return Answer::Refused(stderr_record(&o).expect("a JSON error on stderr"));
    }
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    if report["valid"] == true {
        return Answer::Accepted("valid".to_owned());
    }
    for field in report["fields"].as_array().unwrap() {
        fields.push((
            field["details"]["field"].as_str().unwrap().to_owned(),
            field["code"].as_str().unwrap().to_owned(),
        ));
    }
    Answer::Refused(report["error"].clone())
}

#[test]
fn every_case_the_command_can_express() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/errors.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let file: Value = serde_json::from_str(&text).unwrap();
    let cases = file["cases"].as_array().unwrap();
    let mut failures = Vec::new();
    let mut run = 0;
    let mut not_expressible = std::collections::BTreeMap::<&str, Vec<String>>::new();
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let expect = &case["expect"];
        let mut form_fields = Vec::new();
        let answer = match case["op"].as_str().unwrap() {
            "siret" => siret(expand(&case["input"]).as_str().unwrap()),
            "law_lookup" => law_lookup(
                case["param"].as_str().unwrap(),
                case["date"].as_str().unwrap(),
            ),
            "compute" => compute(
                &expand(&case["input"]),
                case.get("options").map(expand).as_ref(),
            ),
            "form" => form(
                case["form"].as_str().unwrap(),
                &expand(&case["input"]),
                &mut form_fields,
            ),
            "machine" => Answer::NotExpressible(NO_MACHINES),
            op => {
                panic!("unknown op {op}: add it to every runner and to the $format of errors.json")
            }
        };
        let record = match answer {
            Answer::NotExpressible(why) => {
                not_expressible.entry(why).or_default().push(id.to_owned());
                continue;
            }
            Answer::Accepted(what) => {
                failures.push(format!(
                    "{id}: accepted ({what}), expected {}",
                    expect["code"]
                ));
                run += 1;
                continue;
            }
            Answer::Refused(record) => record,
        };
        run += 1;
        for key in ["code", "family"] {
            if record[key] != expect[key] {
                failures.push(format!(
                    "{id}: {key} {} (expected {})",
                    record[key], expect[key]
                ));
            }
        }
        for key in ["field", "kind"] {
            if let Some(wanted) = expect.get(key) {
                if &record["details"][key] != wanted {
                    failures.push(format!(
                        "{id}: {key} {} (expected {wanted})",
                        record["details"][key]
                    ));
                }
            }
        }
        if let Some(Value::Object(wanted)) = expect.get("fields") {
            for (field, code) in wanted {
                if !form_fields
                    .iter()
                    .any(|(f, c)| f == field && code == c.as_str())
                {
                    failures.push(format!("{id}: no {code} on {field} in {form_fields:?}"));
                }
            }
        }
        for lang in ["fr", "en"] {
            if record["messages"][lang].as_str().is_none_or(str::is_empty) {
                failures.push(format!("{id}: no {lang} message"));
            }
        }
    }
    eprintln!("{run} cases run through the command; not expressible: {not_expressible:?}");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Only a rule may leave a case out (the one argument longer than Linux passes to a program,
    // 128 KiB, and the state machines): every other case runs.
    let left_out: usize = not_expressible.values().map(Vec::len).sum();
    let machines = cases.iter().filter(|c| c["op"] == "machine").count();
    let no_machines = not_expressible.get(NO_MACHINES).map_or(0, Vec::len);
    assert!(
        no_machines == machines && left_out - no_machines <= 1,
        "cases left out: {not_expressible:?} — only the oversized argument and the machine cases may be"
    );
    assert_eq!(run + left_out, cases.len());
}
