//! A caller's employee month as JSON (`value::from_json::<EmployeeMonth>`, what every binding
//! and the CLI's JSON input read), alone or as `{"input": …, "options": …}` (the cases of
//! `tests/vectors/indemnity.json`), into `indemnity::compute` and `compute_claim`.
//!
//! Checks: no panic (29-digit hours or amounts, absurd rates, dates far out: typed errors);
//! errors render short; an outcome has no negative amount and reads back from its JSON; a
//! claim of the line twice accounts for both lines, its totals those of the outcome twice.

use apart::indemnity::{EmployeeMonth, Explain, Options, compute, compute_claim};
use apart::law::LawBook;
use apart::value::{ValueError, from_json, from_json_value};
use serde_json::Value;

use crate::check_diagnostic;
use crate::targets::law_file::check_outcome;

fn read(text: &str) -> Result<(EmployeeMonth, Options), ValueError> {
    let explain = Options {
        explain: Explain::On,
        ..Options::default()
    };
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(mut case)) if case.contains_key("input") => {
            let input = from_json_value(case.remove("input").unwrap_or_default())?;
            let options = match case.remove("options") {
                Some(options) => from_json_value(options)?,
                None => explain,
            };
            Ok((input, options))
        }
        _ => Ok((from_json(text)?, explain)),
    }
}

/// One fuzz input.
pub fn run(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (input, options) = match read(text) {
        Ok(read) => read,
        Err(e) => return check_diagnostic(&e),
    };
    let book = LawBook::shared().expect("the built-in law");
    let outcome = match compute(book, &input, &options) {
        Ok(outcome) => {
            check_outcome(&outcome);
            Some(outcome)
        }
        Err(e) => {
            check_diagnostic(&e);
            None
        }
    };
    let claim = compute_claim(book, input.month, &[input.clone(), input], &options);
    assert_eq!(claim.lines.len(), 2);
    assert_eq!(claim.totals.employees + claim.totals.employees_refused, 2);
    if let Some(outcome) = outcome {
        assert_eq!(claim.totals.employees, 2);
        assert_eq!(
            claim.totals.employee_indemnity,
            outcome.employee_indemnity + outcome.employee_indemnity
        );
    }
}
