//! `apart::value::from_json` reads good text straight, without a `serde_json::Value`: the
//! record so read, and the error of bad text, must be what the way through a `Value` gives
//! (what the bindings use for native objects).

use apart::Diagnostic;
use apart::indemnity::{EmployeeMonth, Options};
use apart::value::{ValueError, from_json, from_json_value};
use serde::de::DeserializeOwned;
use serde_json::Value;

fn through_value<T: DeserializeOwned>(text: &str) -> Option<Result<T, ValueError>> {
    serde_json::from_str::<Value>(text)
        .ok()
        .map(from_json_value)
}

/// `from_json(text)` against the way through a `Value`; how many texts read straight.
fn same<T: DeserializeOwned + PartialEq + std::fmt::Debug>(texts: &[String]) -> usize {
    let mut straight = 0;
    for text in texts {
        let read = from_json::<T>(text);
        if serde_json::from_str::<T>(text).is_ok() {
            straight += 1;
        }
        match (read, through_value::<T>(text)) {
            (Ok(read), Some(Ok(slow))) => assert_eq!(read, slow, "{text}"),
            (Err(read), Some(Err(slow))) => assert_eq!(
                (read.code(), read.field(), read.to_string()),
                (slow.code(), slow.field(), slow.to_string()),
                "{text}"
            ),
            (Err(read), None) => assert_eq!(read.code(), "INPUT_MALFORMED", "{text}"),
            (read, slow) => panic!("{text}: {read:?} against {slow:?}"),
        }
    }
    straight
}

fn vector_inputs(file: &str, kind: &str, key: &str) -> Vec<String> {
    let path = format!("{}/vectors/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let vectors: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    vectors["cases"]
        .as_array()
        .map(|cases| {
            cases
                .iter()
                .filter(|case| case["kind"] == kind)
                .filter_map(|case| case.get(key).filter(|v| !v.is_null()))
                .map(Value::to_string)
                .collect()
        })
        .unwrap_or_default()
}

const EDGES: [&str; 10] = [
    r#"{"month":"2026-01","gross_monthly":2000.5,"hours_not_worked":35}"#,
    r#" {"month":"2026-01","gross_monthly":"2000","hours_not_worked":"35","hours_not_worked":"7"} "#,
    r#"{"month":"2026-01","gross_monthly":"2000","days_not_worked":null,"employee":"éé"}"#,
    r#"{"month":"2026-01","gross_monthly":"2000","hours_not_worked":"35","regime":"droit_commun"}"#,
    r#"{"month":"2026-01","gross_monthly":"2 000","hours_not_worked":"35"}"#,
    r#"{"month":"2026-01","gross_monthly":"2000","hours_not_worked":"35","x":1}"#,
    r#"{"month":202601,"gross_monthly":"2000"}"#,
    r#"{"month":"2026-01","gross_monthly":"2000","regime":1}"#,
    "[]",
    "{",
];

#[test]
fn employee_months_read_straight_are_those_read_through_a_value() {
    let mut texts = vector_inputs("indemnity.json", "employee_month", "input");
    let cases = texts.len();
    assert!(cases > 20, "{cases}");
    texts.extend(EDGES.iter().map(|e| (*e).to_owned()));
    assert!(same::<EmployeeMonth>(&texts) >= cases);
    let claim = format!("[{}]", texts[..cases].join(","));
    assert_eq!(same::<Vec<EmployeeMonth>>(&[claim]), 1);
}

#[test]
fn options_read_straight_are_those_read_through_a_value() {
    let mut texts = vector_inputs("indemnity.json", "employee_month", "options");
    assert!(!texts.is_empty());
    texts.extend(
        [
            "{}",
            r#"{"explain":"on"}"#,
            r#"{"explian":"on"}"#,
            r#"{"explain":"on","explain":"off"}"#,
            r#"{"explain":1}"#,
        ]
        .map(str::to_owned),
    );
    same::<Options>(&texts);
}

/// Messages speak the user's words, not Rust's (Python trial, 2026-12-07: "expected u32",
/// "struct Raw", "struct Wire", "unit value" reached employers): an integer type is its range,
/// an internal reader is named for the record it reads, `null` is `null`.
#[test]
fn messages_name_no_rust_type() {
    use apart::Lang;
    use apart::procedure::Period;
    let en = |e: ValueError| e.message(Lang::En);
    let period = from_json::<Period>(r#""2026-01-05""#).unwrap_err();
    assert!(
        en(period.clone()).ends_with("expected struct Period"),
        "{}",
        en(period)
    );
    let employees = from_json::<apart::procedure::da::DaRequest>(
        r#"{"motive":"economic_conditions","period":{"start":"2026-01-05","end":"2026-03-31"},"employees":"x","hours":"100"}"#,
    )
    .unwrap_err();
    assert_eq!(employees.field(), Some("employees"));
    assert!(
        en(employees.clone()).ends_with("expected 0 to 4294967295"),
        "{}",
        en(employees.clone())
    );
    assert!(
        employees
            .message(Lang::Fr)
            .ends_with("attendu : de 0 à 4294967295"),
        "{}",
        employees.message(Lang::Fr)
    );
    let null = from_json::<EmployeeMonth>("null").unwrap_err();
    assert!(en(null.clone()).contains("null, expected"), "{}", en(null));
    for message in [en(period), en(null)] {
        for rust in ["u32", "Raw", "Wire", "unit value", "tagged enum"] {
            assert!(!message.contains(rust), "{message}");
        }
    }
}
