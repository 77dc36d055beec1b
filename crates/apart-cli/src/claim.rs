//! `apart claim FILE.csv`: a whole monthly claim (DI) from a CSV file.
//!
//! # CSV format
//!
//! One header row, then one employee per row. The separator is `,` or `;` (detected from the
//! header; with `;` a decimal comma is accepted, as French spreadsheets write it). Fields may
//! be double-quoted. Numbers may group thousands with spaces or no-break spaces (`6 000,00`).
//! Columns, by name, in any order (only `gross_monthly` and one of
//! `hours_not_worked` / `days_not_worked` are required; blank cells take the default):
//!
//! | column | meaning | default |
//! |---|---|---|
//! | `employee` | your reference (name, matricule) | line number |
//! | `month` | `YYYY-MM` (or give `--month`) | `--month` |
//! | `gross_monthly` | gross monthly pay, euros | required |
//! | `hours_not_worked` | hours not worked in the month | 0 |
//! | `days_not_worked` | forfait-jours: days (half days allowed) | — |
//! | `contract_hours` | monthly contractual hours | 151.67 |
//! | `variable_pay_average` | 12-month average of variable pay | 0 |
//! | `regime` | `droit-commun`, `apld`, `apld-rebond`, `covid-protected`, `covid-closed`, `covid-vulnerable`, `covid-childcare`, `mayotte-chido` | `droit-commun` |
//! | `category` | `full-time`, `part-time`, `temporary`, `permanent-temporary`, `apprentice`, `professionalisation-contract`, `freelance-journalist`, `sales-representative` | `full-time` |
//! | `territory` | `mainland`, `mayotte`, `alsace-moselle` | `mainland` |
//! | `overtime` | `not-counted`, `structural` | `not-counted` |
//! | `apld_majorated_by` | APLD only: `covid-protected` or `covid-closed` | — |
//! | `training_hours` | hours of training among the hours not worked | 0 |
//! | `net_hourly_pay` | usual net hourly pay (training from 2023) | — |
//! | `hours_used_this_year` | hours already allocated this year | 0 |
//! | `net_pay_worked` | net pay for hours worked (CSG/CRDS, RMM) | — |
//! | `rmm_net` | monthly net RMM (full-timers) | — |
//! | `hours_date` | `YYYY-MM-DD` when the hours are not from the 1st | — |
//!
//! A row that cannot be read or computed is reported with its error code and left out of the
//! totals. On a terminal, files of more than 10 000 rows show a progress counter on stderr
//! (no extra dependency: a counter is enough for a computation that runs at millions of
//! rows per second).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use apart::Diagnostic;
use apart::calendar::Month;
use apart::diagnostic::Lang;
use apart::indemnity::{
    ClaimOutcome, ClaimTotals, EmployeeMonth, Explain, FullTimeFloor, IndemnityError, Options,
    compute,
};
use apart::law::LawBook;
use apart::money::RoundingPolicy;
use clap::Args;
use serde_json::{Map, Value};

use crate::simulate::report_error;

/// The CSV columns, shown by `apart claim --help`.
const COLUMNS_HELP: &str = "\
CSV: one header row, then one employee per row; separator `,` or `;` (with `;`, decimal commas).
Columns by name, in any order (`gross_monthly` and `hours_not_worked` or `days_not_worked` required):
  employee              your reference (name, matricule)        [line number]
  month                 YYYY-MM                                  [--month]
  gross_monthly         gross monthly pay, euros                 (required)
  hours_not_worked      hours not worked in the month            [0]
  days_not_worked       forfait-jours: days (half days allowed)
  contract_hours        monthly contractual hours                [151.67]
  variable_pay_average  12-month average of variable pay         [0]
  regime                droit-commun | apld | apld-rebond | covid-protected | covid-closed |
                        covid-vulnerable | covid-childcare | mayotte-chido   [droit-commun]
  category              full-time | part-time | temporary | permanent-temporary | apprentice |
                        professionalisation-contract | freelance-journalist | sales-representative
  territory             mainland | mayotte | alsace-moselle      [mainland]
  overtime              not-counted | structural                 [not-counted]
  apld_majorated_by     APLD only: covid-protected | covid-closed
  training_hours        hours of training among those not worked [0]
  net_hourly_pay        usual net hourly pay (training from 2023)
  hours_used_this_year  hours already allocated this year        [0]
  net_pay_worked        net pay for hours worked (CSG/CRDS, RMM)
  rmm_net               monthly net RMM (full-timers)
  hours_date            YYYY-MM-DD when the hours are not from the 1st
Exit status: 0 when every row was computed, 1 when a row was refused, 2 when the file cannot be read.";

/// Arguments of `apart claim`.
#[derive(Debug, Args)]
#[command(after_long_help = COLUMNS_HELP)]
pub struct ClaimArgs {
    /// The CSV file (the columns are listed by `apart claim --help`).
    pub file: PathBuf,
    /// The month of the claim (YYYY-MM); required unless every row has a `month` column.
    #[arg(long)]
    pub month: Option<Month>,
    /// per-hour | exact
    #[arg(long, default_value = "per-hour")]
    pub rounding: RoundingPolicy,
    /// rmm-only | hourly
    #[arg(long, default_value = "rmm-only")]
    pub full_time_floor: String,
    /// Print the claim as JSON (lines and totals).
    #[arg(long)]
    pub json: bool,
    /// Never show the progress counter.
    #[arg(long)]
    pub no_progress: bool,
    /// fr | en
    #[arg(long, default_value = "fr")]
    pub lang: String,
}

const NUMERIC: &[&str] = &[
    "gross_monthly",
    "hours_not_worked",
    "days_not_worked",
    "contract_hours",
    "variable_pay_average",
    "training_hours",
    "net_hourly_pay",
    "hours_used_this_year",
    "net_pay_worked",
    "rmm_net",
];
const ENUMS: &[&str] = &[
    "regime",
    "category",
    "territory",
    "overtime",
    "apld_majorated_by",
];

/// Splits one CSV line, honouring double quotes (`""` is a quote inside a quoted field).
fn split_line(line: &str, sep: char) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == sep && !quoted => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields.into_iter().map(|f| f.trim().to_owned()).collect()
}

/// Builds one input record from a CSV row.
fn row_to_input(
    header: &[String],
    cells: &[String],
    sep: char,
    month: Option<Month>,
    line: usize,
) -> Result<EmployeeMonth, IndemnityError> {
    let mut map = Map::new();
    for (name, cell) in header.iter().zip(cells) {
        if cell.is_empty() {
            continue;
        }
        let mut value = cell.clone();
        if NUMERIC.contains(&name.as_str()) {
            // Spreadsheets group thousands with a (no-break) space: `6 000,00`.
            value.retain(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'));
            if sep == ';' {
                value = value.replace(',', ".");
            }
        }
        if ENUMS.contains(&name.as_str()) {
            value = value.to_ascii_lowercase().replace('-', "_");
        }
        map.insert(name.clone(), Value::String(value));
    }
    if !map.contains_key("month") {
        let month = month.ok_or_else(|| IndemnityError::InvalidInput {
            field: "month".into(),
            reason: "no month column and no --month".into(),
        })?;
        map.insert("month".into(), Value::String(month.to_string()));
    }
    if !map.contains_key("employee") {
        map.insert("employee".into(), Value::String(format!("line {line}")));
    }
    serde_json::from_value(Value::Object(map)).map_err(|e| IndemnityError::InvalidInput {
        field: format!("line {line}"),
        reason: e.to_string(),
    })
}

/// How a row without an `employee` cell is named in the output.
fn line_label(lang: Lang, line: usize) -> String {
    match lang {
        Lang::En => format!("line {line}"),
        _ => format!("ligne {line}"),
    }
}

/// Runs `apart claim`.
pub fn run(args: &ClaimArgs) -> ExitCode {
    let lang = Lang::from_tag(&args.lang).unwrap_or_default();
    let fail = |e: &dyn Diagnostic| {
        report_error(e, lang, args.json);
        ExitCode::FAILURE
    };
    let text = match std::fs::read_to_string(&args.file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{}: {e}", args.file.display());
            return ExitCode::from(2);
        }
    };
    let book = match LawBook::builtin() {
        Ok(b) => b,
        Err(e) => return fail(&e),
    };
    let floor = match args.full_time_floor.parse::<FullTimeFloor>() {
        Ok(f) => f,
        Err(e) => return fail(&e),
    };
    let options = Options {
        rounding: args.rounding,
        full_time_floor: floor,
        explain: Explain::Off,
    };
    let mut lines_iter = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((_, header_line)) = lines_iter.next() else {
        eprintln!("{}: empty file", args.file.display());
        return ExitCode::FAILURE;
    };
    let header_line = header_line.trim_start_matches('\u{feff}');
    let sep = if header_line.matches(';').count() > header_line.matches(',').count() {
        ';'
    } else {
        ','
    };
    let header: Vec<String> = split_line(header_line, sep)
        .into_iter()
        .map(|h| h.to_ascii_lowercase())
        .collect();
    let rows: Vec<(usize, &str)> = lines_iter.collect();
    let total = rows.len();
    let progress = !args.no_progress && total > 10_000 && std::io::stderr().is_terminal();

    let mut claim_month = args.month;
    let mut totals = ClaimTotals::default();
    let mut lines = Vec::with_capacity(total);
    for (index, (number, row)) in rows.iter().enumerate() {
        let cells = split_line(row, sep);
        let result = row_to_input(&header, &cells, sep, args.month, number + 1).and_then(|input| {
            let month = *claim_month.get_or_insert(input.month);
            if input.month != month {
                return Err(IndemnityError::ClaimMonthMismatch {
                    claim: month.to_string(),
                    line: input.month.to_string(),
                });
            }
            compute(&book, &input, &options).map(|o| (input.employee.clone(), o))
        });
        lines.push(match result {
            Ok((employee, outcome)) => totals.record(index, employee, Ok(outcome), lang),
            Err(e) => totals.record(index, Some(line_label(lang, number + 1)), Err(e), lang),
        });
        if progress && (index + 1) % 10_000 == 0 {
            eprint!(
                "\r{}/{} ({} %)",
                index + 1,
                total,
                (index + 1) * 100 / total
            );
            let _ = std::io::stderr().flush();
        }
    }
    if progress {
        eprintln!("\r{total}/{total} (100 %)");
    }
    let Some(month) = claim_month else {
        eprintln!("{}: no rows", args.file.display());
        return ExitCode::FAILURE;
    };
    let claim = ClaimOutcome {
        month,
        lines,
        totals,
    };
    if args.json {
        match serde_json::to_string_pretty(&claim) {
            Ok(t) => {
                let _ = writeln!(std::io::stdout().lock(), "{t}");
            }
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print_table(&claim, lang);
    }
    if claim.totals.employees_refused > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn print_table(claim: &ClaimOutcome, lang: Lang) {
    let fr = lang == Lang::Fr;
    let out = std::io::stdout();
    let mut out = out.lock();
    let _ = writeln!(
        out,
        "{:<20} {:>8} {:>8} {:>9} {:>11} {:>9} {:>11}  {}",
        if fr { "salarié" } else { "employee" },
        if fr { "h chôm." } else { "h off" },
        if fr { "h indem." } else { "h comp." },
        "ind./h",
        if fr { "indemnité" } else { "indemnity" },
        "alloc./h",
        "allocation",
        if fr { "erreur" } else { "error" }
    );
    for line in &claim.lines {
        let name = line.employee.clone().unwrap_or_default();
        match &line.outcome {
            Some(o) => {
                let _ = writeln!(
                    out,
                    "{:<20} {:>8} {:>8} {:>9} {:>11} {:>9} {:>11}",
                    name,
                    o.hours_not_worked.to_string(),
                    o.hours_compensated.to_string(),
                    o.employee_hourly_indemnity.to_string(),
                    o.employee_indemnity.to_string(),
                    o.employer_hourly_allocation.to_string(),
                    o.employer_allocation.to_string()
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "{:<20} {:>70}  {}: {}",
                    name,
                    "",
                    line.error_code.as_deref().unwrap_or(""),
                    line.error_message.as_deref().unwrap_or("")
                );
            }
        }
    }
    let t = &claim.totals;
    let _ = writeln!(
        out,
        "Total {} : {} {}, {} {} ; {} {} h ; {} {} € ; {} {} € ; allocation {} € ; {} {} €",
        claim.month,
        t.employees,
        if fr { "salariés" } else { "employees" },
        t.employees_refused,
        if fr { "refusés" } else { "refused" },
        if fr {
            "heures indemnisées"
        } else {
            "hours compensated"
        },
        t.hours_compensated,
        if fr { "indemnités" } else { "indemnities" },
        t.employee_indemnity,
        if fr {
            "compléments RMM"
        } else {
            "rmm complements"
        },
        t.rmm_complement,
        t.employer_allocation,
        if fr {
            "reste à charge"
        } else {
            "rest payable"
        },
        t.rest_payable_by_employer
    );
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn splits_quoted_fields() {
        assert_eq!(split_line("a;\"b;c\";d", ';'), vec!["a", "b;c", "d"]);
        assert_eq!(split_line("\"x\"\"y\",2", ','), vec!["x\"y", "2"]);
    }

    #[test]
    fn rows_become_inputs() {
        let header: Vec<String> = ["employee", "gross_monthly", "hours_not_worked", "regime"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let cells: Vec<String> = ["A", "2000,50", "70", "Droit-Commun"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let input =
            row_to_input(&header, &cells, ';', Some("2026-01".parse().unwrap()), 2).unwrap();
        assert_eq!(input.gross_monthly.to_string(), "2000.50");
        assert_eq!(input.employee.as_deref(), Some("A"));
        let bad: Vec<String> = ["A", "abc", "70", ""]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(row_to_input(&header, &bad, ';', Some("2026-01".parse().unwrap()), 3).is_err());
    }
}
