//! `tests/vectors/errors.json`: the same bad input gets the same code and family in every front
//! end. This is the Rust runner; Python, Node, Kotlin and the CLI run the same file.

use apart::Diagnostic;
use apart::diagnostic::{DetailValue, DiagnosticRecord, Lang};
use apart::indemnity::{EmployeeMonth, Options, compute};
use apart::law::LawBook;
use apart::machine::Actor;
use apart::value::from_json_value;
use serde_json::Value;

fn cases() -> Vec<Value> {
    let text = std::fs::read_to_string(apart_tests::vectors_dir().join("errors.json")).unwrap();
    let file: Value = serde_json::from_str(&text).unwrap();
    file["cases"].as_array().unwrap().clone()
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

/// Runs one case and returns the error it produced, or a description of the success.
fn run(case: &Value) -> Result<String, DiagnosticRecord> {
    let record = |e: &dyn Diagnostic| DiagnosticRecord::of(e);
    let input = expand(&case["input"]);
    match case["op"].as_str().unwrap() {
        "siret" => apart::siret::detect(input.as_str().unwrap())
            .map(|id| format!("{id:?}"))
            .map_err(|e| record(&e)),
        "compute" => {
            let employee: EmployeeMonth = from_json_value(input).map_err(|e| record(&e))?;
            let options = case
                .get("options")
                .map_or(Ok(Options::default()), |o| {
                    from_json_value::<Options>(expand(o))
                })
                .map_err(|e| record(&e))?;
            let book = LawBook::shared().map_err(|e| record(&e))?;
            compute(book, &employee, &options)
                .map(|o| o.employee_indemnity.to_string())
                .map_err(|e| record(&e))
        }
        "form" => {
            assert_eq!(case["form"], "account");
            let form: apart::account::AccountFormInput =
                from_json_value(input).map_err(|e| record(&e))?;
            form.validate()
                .map(|_| "valid".to_owned())
                .map_err(|e| record(&e))
        }
        "law_lookup" => {
            let param: apart::law::Param = case["param"]
                .as_str()
                .unwrap()
                .parse()
                .map_err(|e| record(&e))?;
            let date = apart::calendar::parse_date(case["date"].as_str().unwrap())
                .map_err(|e| record(&e.with_field("date")))?;
            let book = LawBook::shared().map_err(|e| record(&e))?;
            book.lookup(param, date)
                .map(|row| row.value.to_string())
                .map_err(|e| record(&e))
        }
        "machine" => run_machine(case).map_err(|e| record(&e)),
        op => panic!("unknown op {op}: add it to every runner and to the $format of errors.json"),
    }
}

/// A new snapshot of `machine` from `context`, then `steps` in order through the JSON interface:
/// every step but the last must be taken; the last is tried with `can` and `apply`, which must
/// agree. `Ok` describes what went wrong (a refused earlier step, or an accepted last one).
fn run_machine(case: &Value) -> Result<String, apart::machine::MachineError> {
    let id = case["machine"].as_str().unwrap();
    let m = apart::machine_by_id(id).unwrap_or_else(|| panic!("unknown machine {id}"));
    let mut snapshot = m.new_snapshot(&expand(&case["context"]).to_string())?;
    let steps = case["steps"].as_array().unwrap();
    let (last, taken) = steps.split_last().expect("at least one step");
    let parts = |step: &Value| {
        let actor: Actor = step["actor"].as_str().unwrap().parse().unwrap();
        let now = apart::calendar::parse_instant(step["now"].as_str().unwrap()).unwrap();
        (expand(&step["event"]).to_string(), actor, now)
    };
    for (i, step) in taken.iter().enumerate() {
        let (event, actor, now) = parts(step);
        match m.apply(&snapshot, &event, actor, now) {
            Ok(out) => snapshot = out.snapshot,
            Err(e) => return Ok(format!("step {i} refused with {}, must be taken", e.code())),
        }
    }
    let (event, actor, now) = parts(last);
    let can = m.can(&snapshot, &event, actor, now);
    match m.apply(&snapshot, &event, actor, now) {
        Err(e) if can.as_ref().err().map(Diagnostic::code) == Some(e.code()) => Err(e),
        Err(e) => Ok(format!(
            "apply refused with {}, can answered {can:?}",
            e.code()
        )),
        Ok(out) => Ok(format!("last step taken: {}", m.state_of(&out.snapshot)?)),
    }
}

/// The form's per-field codes, for `expect.fields`.
fn form_fields(case: &Value) -> Vec<(String, String)> {
    let form: apart::account::AccountFormInput = from_json_value(expand(&case["input"])).unwrap();
    form.validate()
        .err()
        .map(|errors| {
            errors
                .iter()
                .map(|e| (e.field().to_owned(), e.code().to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_case_gets_its_code_and_family() {
    let cases = cases();
    assert!(
        cases.len() >= 60,
        "issue 12 asks for at least 60 hostile inputs"
    );
    let mut failures = Vec::new();
    let mut ids = std::collections::BTreeSet::new();
    for case in &cases {
        let id = case["id"].as_str().unwrap();
        assert!(ids.insert(id.to_owned()), "duplicate id {id}");
        assert!(
            case["source"].as_str().is_some_and(|s| !s.is_empty()),
            "{id}: no source"
        );
        let expect = &case["expect"];
        let got = match run(case) {
            Ok(success) => {
                failures.push(format!("{id}: accepted ({success}), expected {expect}"));
                continue;
            }
            Err(record) => record,
        };
        let mut problems = Vec::new();
        if got.code != expect["code"].as_str().unwrap() {
            problems.push(format!("code {}", got.code));
        }
        if got.family.as_str() != expect["family"].as_str().unwrap() {
            problems.push(format!("family {}", got.family));
        }
        for detail in ["field", "kind"] {
            if let Some(want) = expect.get(detail) {
                let have = got.detail(detail).map(DetailValue::to_string);
                if have.as_deref() != want.as_str() {
                    problems.push(format!("{detail} {have:?}"));
                }
            }
        }
        if let Some(Value::Object(fields)) = expect.get("fields") {
            let have = form_fields(case);
            for (field, code) in fields {
                if !have
                    .iter()
                    .any(|(f, c)| f == field && c == code.as_str().unwrap())
                {
                    problems.push(format!("field {field} not {code} (have {have:?})"));
                }
            }
        }
        // Both languages, and never the whole of a hostile input.
        for lang in [Lang::Fr, Lang::En] {
            let message = got.messages.get(lang);
            if message.is_empty() || message.chars().count() > 400 {
                problems.push(format!("{lang:?} message of {} chars", message.len()));
            }
        }
        // The French message is French: no parser's or check's English words, but quoted.
        if let Some(word) = english_word(got.messages.get(Lang::Fr)) {
            problems.push(format!(
                "English '{word}' in {:?}",
                got.messages.get(Lang::Fr)
            ));
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{id}: expected {expect}, got {}",
                problems.join(", ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// An English word of the message outside what it quotes (« … », `…`, '…', "…"): how a
/// parser's or a check's English text inside a French message shows.
pub(crate) fn english_word(message: &str) -> Option<String> {
    const ENGLISH: &[&str] = &[
        "the",
        "is",
        "not",
        "expected",
        "or",
        "only",
        "line",
        "column",
        "while",
        "field",
        "unknown",
        "missing",
        "invalid",
        "value",
        "must",
        "give",
        "bytes",
        "than",
        "parsing",
        "found",
        "at",
        "of",
        "and",
        "for",
        "with",
        "variant",
        "string",
        "integer",
        "sequence",
        "map",
        "struct",
        "enum",
        "EOF",
        "trailing",
        "characters",
        "number",
    ];
    let mut outside = String::with_capacity(message.len());
    let mut closing: Option<char> = None;
    for c in message.chars() {
        match closing {
            Some(end) if c == end => closing = None,
            Some(_) => {}
            None => match c {
                '«' => closing = Some('»'),
                '`' | '"' => closing = Some(c),
                // An apostrophe is French elision (l'état) unless it opens a quote.
                '\'' if outside.ends_with(' ') || outside.ends_with('(') => closing = Some('\''),
                _ => outside.push(c),
            },
        }
    }
    // Identifiers (`hours_not_worked`, `rmm_only`) are names, not words.
    outside
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .find(|word| ENGLISH.contains(word))
        .map(str::to_owned)
}

#[test]
fn english_words_are_found_in_french_messages() {
    assert_eq!(
        english_word("donnée illisible : EOF while parsing"),
        Some("EOF".into())
    );
    assert_eq!(
        english_word("champ inconnu : « the field » (l'état `is`)"),
        None
    );
    assert_eq!(english_word("valeur 'not' refusée"), None);
}
