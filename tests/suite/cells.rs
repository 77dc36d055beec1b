//! `apart::cells` on the records a binding writes as tables (the unit tests, in the leaf module,
//! cannot name the domains above it).

use apart::cells::{Cell, flatten};
use apart::indemnity::{EmployeeMonth, Options, compute_claim};
use apart::law::LawBook;
use serde_json::Value;

#[test]
fn a_claim_line_has_the_cells_of_its_json() -> Result<(), Box<dyn std::error::Error>> {
    let month = "2026-01".parse()?;
    let lines = [
        EmployeeMonth::new(month, "2000".parse()?, "70".parse()?),
        EmployeeMonth::new(month, "2000".parse()?, "-3".parse()?),
    ];
    let claim = compute_claim(LawBook::shared()?, month, &lines, &Options::default());
    for line in &claim.lines {
        let json = serde_json::to_value(line)?;
        let got = flatten(line)?;
        assert!(!got.is_empty());
        for (path, cell) in got {
            let mut at = &json;
            for name in path.split('.') {
                at = at.get(name).ok_or("a cell's path is a JSON path")?;
            }
            let expected = match at {
                Value::Null => Cell::Null,
                Value::Bool(b) => Cell::Bool(*b),
                Value::Number(n) => Cell::Int(n.as_i64().ok_or("an integer")?),
                Value::String(s) => Cell::Text(s.clone()),
                other => Cell::Json(other.to_string()),
            };
            assert_eq!(cell, expected, "{path}");
        }
    }
    let accepted = flatten(&claim.lines.first().ok_or("a line")?)?;
    assert!(accepted.contains(&(
        "outcome.employee_indemnity".into(),
        Cell::Text("553.70".into())
    )));
    let refused = flatten(&claim.lines.get(1).ok_or("a line")?)?;
    assert!(refused.iter().any(|(p, _)| p == "error.messages.fr"));
    assert!(
        refused
            .iter()
            .any(|(p, c)| p == "error.details" && matches!(c, Cell::Json(_)))
    );
    Ok(())
}
