//! The seed corpus of every target, taken from the shared vectors (`tests/vectors/`) and the
//! built-in law data, so that the fuzzer starts from inputs that reach deep into each parser.
//! `cargo run -p apart-fuzz --bin seeds` writes them to `fuzz/corpus/<target>/` (`make fuzz`
//! does); `tests/replay.rs` runs them through the checks on stable.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The repository's `tests/vectors/`.
pub fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(vectors_dir().join(name))
        .unwrap_or_else(|e| panic!("tests/vectors/{name}: {e}"))
}

fn json(name: &str) -> Value {
    serde_json::from_str(&read(name)).unwrap_or_else(|e| panic!("tests/vectors/{name}: {e}"))
}

/// Every string leaf of a JSON value.
fn strings(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::String(s) => {
            out.insert(s.clone());
        }
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(members) => members.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// Every short string of the JSON vectors (decimals, months, dates, instants, spellings,
/// identifiers, codes, addresses…) and every input of the SIRET table.
fn short_strings() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for name in [
        "forms.json",
        "indemnity.json",
        "lifecycle.json",
        "procedure.json",
    ] {
        strings(&json(name), &mut out);
    }
    out.extend(siret_inputs());
    out.retain(|s| s.chars().count() <= 120);
    out
}

fn siret_inputs() -> Vec<String> {
    read("siret.tsv")
        .lines()
        .skip(1)
        .filter_map(|line| line.split('\t').next())
        .map(str::to_owned)
        .collect()
}

fn forms_inputs() -> Vec<String> {
    let forms = json("forms.json");
    let mut out = BTreeSet::new();
    for case in forms["cases"].as_array().into_iter().flatten() {
        strings(&case["input"], &mut out);
    }
    out.into_iter().collect()
}

/// A procedure case (`procedure.json`) as a `machine_events` script.
fn procedure_script(case: &Value) -> String {
    let mut lines = Vec::new();
    if let Some(da) = case.get("da") {
        lines.push(format!("new da apart.da {da}"));
    }
    if let Some(assistance) = case.get("assistance") {
        lines.push(format!("new assistance apart.assistance {assistance}"));
    }
    for step in case["steps"].as_array().into_iter().flatten() {
        let alias = step["machine"].as_str().unwrap_or("da");
        let now = step["now"].as_str().unwrap_or("2026-03-02T10:00:00+01:00");
        if let Some(event) = step.get("event") {
            let actor = step["actor"].as_str().unwrap_or("principal");
            lines.push(format!("event {alias} {actor} {now} {event}"));
        } else if step.get("tick").is_some() {
            lines.push(format!("tick {alias} {now}"));
        } else if let Some(create) = step.get("create") {
            let month = create["month"].as_str().unwrap_or("2022-03");
            let code = create["code"].as_str().unwrap_or("A1");
            lines.push(format!("create {alias} da {now} {month} {code}"));
        }
    }
    lines.join("\n")
}

/// A lifecycle scenario (`lifecycle.json`) as a `machine_events` script (the recovery and
/// login steps, which are not machine steps, are left out).
fn lifecycle_script(scenario: &Value) -> String {
    let mut lines = Vec::new();
    for (alias, setup) in scenario["setup"].as_object().into_iter().flatten() {
        let machine = setup["machine"].as_str().unwrap_or_default();
        let context = &setup["context"];
        match setup.get("state").and_then(Value::as_str) {
            Some(state) => lines.push(format!("state {alias} {machine} {state} {context}")),
            None => lines.push(format!("new {alias} {machine} {context}")),
        }
    }
    for step in scenario["steps"].as_array().into_iter().flatten() {
        let alias = step["machine"].as_str().unwrap_or_default();
        let now = step["now"].as_str().unwrap_or("2026-03-02T10:00:00Z");
        if let Some(event) = step.get("event") {
            let actor = step["actor"].as_str().unwrap_or("system");
            lines.push(format!("event {alias} {actor} {now} {event}"));
        } else if step.get("tick").is_some() {
            lines.push(format!("tick {alias} {now}"));
        }
    }
    lines.join("\n")
}

/// The `machine_events` scripts: every case of `procedure.json` and scenario of
/// `lifecycle.json`.
pub fn machine_scripts() -> Vec<String> {
    let procedure = json("procedure.json");
    let lifecycle = json("lifecycle.json");
    procedure["cases"]
        .as_array()
        .into_iter()
        .flatten()
        .map(procedure_script)
        .chain(
            lifecycle["scenarios"]
                .as_array()
                .into_iter()
                .flatten()
                .map(lifecycle_script),
        )
        .collect()
}

/// The snapshots the scripts produce, plain and sealed under [`crate::machines::key`].
fn snapshots() -> Vec<String> {
    let key = crate::machines::key();
    let mut out = Vec::new();
    for script in machine_scripts() {
        for (m, snapshot) in crate::targets::machine_events::world(&script) {
            if let Ok(sealed) = m.seal(&snapshot, &key) {
                out.push(sealed);
            }
            out.push(snapshot);
        }
    }
    out
}

/// The built-in law tables (`crates/apart/src/law/data/*.toml`, the format of a one-table law
/// file and of `replace_table`), a law file of several tables, and rows as JSON.
fn law_inputs() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/apart/src/law/data");
    let mut out: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| std::fs::read_to_string(entry.ok()?.path()).ok())
        .collect();
    out.sort();
    out.push(
        r#"verified_until = "2026-12-31"

[[tables]]
id = "smic_hourly"
[[tables.values]]
from = "2026-06-01"
value = "12.31"
source = { title = "Arrêté du 22 mai 2026" }

[[tables]]
id = "droit_commun_indemnity_rate"
replace = true
[[tables.values]]
from = "2020-03-01"
value = "0.6"
status = "unconfirmed"
source = { title = "x", href = "https://example.invalid" }
note = "n"
"#
        .to_owned(),
    );
    let book = apart::law::LawBook::shared().expect("the built-in law");
    for table in book.tables() {
        if let Some(row) = table.values.last() {
            out.push(serde_json::to_string(row).expect("a row serialises"));
        }
    }
    out
}

/// The employee months of `indemnity.json`, with their options.
fn indemnity_inputs() -> Vec<String> {
    let indemnity = json("indemnity.json");
    let mut out = Vec::new();
    for case in indemnity["cases"].as_array().into_iter().flatten() {
        if case["kind"] == "employee_month" {
            let mut seed = serde_json::Map::new();
            seed.insert("input".to_owned(), case["input"].clone());
            if let Some(options) = case.get("options") {
                seed.insert("options".to_owned(), options.clone());
            }
            out.push(Value::Object(seed).to_string());
            out.push(case["input"].to_string());
        }
    }
    out
}

/// A JSON leaf as a CSV cell (`true`, `70`, `2026-01`…).
fn cell(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A CSV file of a header and rows in the dialect of `sep` (with `;`, decimal commas).
fn csv_file(names: &[String], rows: &[Vec<String>], sep: u8) -> String {
    use apart::indemnity::claim_csv::{Dialect, write_cell};
    let dialect = Dialect::of_header(if sep == b';' { ";" } else { "," }, false, false);
    let mut out = Vec::new();
    let mut line = |cells: &[String]| {
        for (i, text) in cells.iter().enumerate() {
            if i > 0 {
                out.push(sep);
            }
            write_cell(&mut out, &dialect.number(text), sep).expect("a Vec never fails");
        }
        out.push(b'\n');
    };
    line(names);
    rows.iter().for_each(|row| line(row));
    String::from_utf8(out).expect("UTF-8 cells")
}

/// The CSV files of `apart claim`'s tests (`crates/apart-cli/tests/cli.rs`).
const CLI_CLAIMS: &[&str] = &[
    "employee;gross_monthly;hours_not_worked\nA;3000;70\nB;6 000,00;35\n",
    "employee,gross_monthly,hours_not_worked\nA,abc,3\n",
    "\u{feff}employee;gross_monthly;hours_not_worked;regime\r\nJeanne Martin;2000;70;droit-commun\r\n\
     \"Durand; Paul\";3 000,00;70;\r\nAwa \"la\" Diallo;6000;35;apld\r\nRefusé;abc;3;\r\n;;;\r\n",
    "gross_monthly,hours_not_worked,employee,contract_hours\n2000.00,70,\"Martin, Jeanne\",151.67\n\
     3000,-3,Paul,\n2500,20,Zoé,100\n",
    "employee,gross_monthly,hours_not_worked\nA,3000,70\nB,6000,35\n",
    "employee,gross_monthly,hours_not_worked\n\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m,2000,70\n\
     X\u{1b}[5m,abc\u{1b}[2J,3\n",
    "employee;gross_monthly;hours_not_worked\nA;2000;7\nB;2 000,5x;7\n",
    // A claim written back by `apart claim --format csv` (its output columns and totals row).
    "employee,gross_monthly,hours_not_worked,month,line,status,hourly_reference,\
     employee_hourly_indemnity,hours_compensated,employee_indemnity,rmm_complement,\
     employer_hourly_allocation,hours_allocated,employer_allocation,rest_payable_by_employer,\
     csg_crds,error_code,error_message\n\
     A,3000,70,2026-01,2,computed,19.78,11.87,70,830.90,0.00,8.57,70,599.90,231.00,,,\n\
     ,,70,2026-01,,total,,,70,830.90,0.00,,70,599.90,231.00,,,\"1 salarié, 0 refusé\"\n",
];

/// The claims of `examples/claim.csv` and of the CLI's tests, and the employee months of
/// `indemnity.json` as CSV: one file per case, and one of them all in the `;` dialect.
fn claim_csv_inputs() -> Vec<String> {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/claim.csv");
    let mut out = vec![
        std::fs::read_to_string(&example).unwrap_or_else(|e| panic!("{}: {e}", example.display())),
    ];
    out.extend(CLI_CLAIMS.iter().map(|&s| s.to_owned()));
    let indemnity = json("indemnity.json");
    let inputs: Vec<&serde_json::Map<String, Value>> = indemnity["cases"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|case| case["kind"] == "employee_month")
        .filter_map(|case| case["input"].as_object())
        .collect();
    let mut all_names: Vec<String> = Vec::new();
    for input in &inputs {
        let names: Vec<String> = input.keys().cloned().collect();
        let row: Vec<String> = input.values().map(cell).collect();
        out.push(csv_file(&names, &[row], b','));
        for name in names {
            if !all_names.contains(&name) {
                all_names.push(name);
            }
        }
    }
    let rows: Vec<Vec<String>> = inputs
        .iter()
        .map(|input| {
            all_names
                .iter()
                .map(|name| input.get(name).map(cell).unwrap_or_default())
                .collect()
        })
        .collect();
    out.push(csv_file(&all_names, &rows, b';'));
    out
}

/// The seeds of one target, by name (empty for an unknown name).
pub fn of(target: &str) -> Vec<Vec<u8>> {
    let texts: Vec<String> = match target {
        "siret_parse" => siret_inputs(),
        "forms_values" => forms_inputs(),
        "codes" | "values" => short_strings().into_iter().collect(),
        "machine_events" => machine_scripts(),
        "law_file" => law_inputs(),
        "indemnity" => indemnity_inputs(),
        "snapshot_json" => snapshots(),
        "claim_csv" => claim_csv_inputs(),
        _ => Vec::new(),
    };
    texts.into_iter().map(String::into_bytes).collect()
}
