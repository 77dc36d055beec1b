//! `apart law`: the legal parameters as data, for people who do not write Rust.
//!
//! ```text
//! apart law list                       every parameter, its unit and its value today
//! apart law show smic_hourly [--at 2026-11-15]
//! apart law check my-decrees.toml      is this law file sound, and what does it change
//! apart simulate … --law my-decrees.toml [--strict-law]
//! ```
//!
//! A law file has the shape of the built-in tables (`crates/apart/src/law/data/*.toml`): one
//! table (`id` and `[[values]]`), or several under `[[tables]]`, with an optional
//! `verified_until` (see `apart::law` module docs and the README).

use std::borrow::Cow;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use apart::Lang;
use apart::law::{LawBook, LawError, LawProblem, MAX_LAW_TEXT_BYTES, Param, Row, Table};
use time::Date;

use crate::cli::{LawArgs, LawCommand, LawCommandArgs};
use crate::report::print_error;

impl LawArgs {
    /// The built-in book, with the law files applied in order.
    pub fn book(&self) -> Result<Cow<'static, LawBook>, LawError> {
        let shared = LawBook::shared()?;
        if self.files.is_empty() {
            return Ok(Cow::Borrowed(shared));
        }
        let mut book = shared.clone();
        for path in &self.files {
            let text = read(path)?;
            book.apply_file(&text).map_err(|e| in_file(path, e))?;
        }
        Ok(Cow::Owned(book))
    }
}

/// The text of a law file, read no further than the core reads ([`MAX_LAW_TEXT_BYTES`]), so
/// that `/dev/zero` or a wrong file of gigabytes is refused without taking the memory.
fn read(path: &PathBuf) -> Result<String, LawError> {
    use std::io::Read;
    let invalid = |problem| LawError::InvalidFile {
        file: Some(apart::diagnostic::quote(&path.display().to_string())),
        problem,
    };
    let limit = u64::try_from(MAX_LAW_TEXT_BYTES)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(limit).read_to_end(&mut bytes))
        .map_err(|e| invalid(LawProblem::unreadable(&e)))?;
    if bytes.len() > MAX_LAW_TEXT_BYTES {
        return Err(invalid(LawProblem::TooLarge {
            max: MAX_LAW_TEXT_BYTES,
        }));
    }
    String::from_utf8(bytes).map_err(|_| invalid(LawProblem::FileNotText))
}

/// Names the file in a file error.
fn in_file(path: &std::path::Path, e: LawError) -> LawError {
    match e {
        LawError::InvalidFile {
            file: None,
            problem,
        } => LawError::InvalidFile {
            file: Some(apart::diagnostic::quote(&path.display().to_string())),
            problem,
        },
        other => other,
    }
}

/// Runs `apart law`.
pub fn run(args: &LawCommandArgs, lang: Lang) -> ExitCode {
    let result = match &args.command {
        LawCommand::List { law } => law
            .book()
            .map(|book| list(&book, lang, args.json))
            .map_err(apart::Error::from),
        LawCommand::Show { param, at, law } => law
            .book()
            .map_err(apart::Error::from)
            .and_then(|book| show(&book, param, at.as_deref(), lang, args.json)),
        LawCommand::Check { file } => check(file, lang, args.json).map_err(apart::Error::from),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            print_error(&e, lang, args.json, None);
            ExitCode::FAILURE
        }
    }
}

fn print(text: &str) {
    // A closed pipe (`apart law list | head`) ends the output quietly.
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

fn list(book: &LawBook, lang: Lang, json: bool) {
    let at = book.verified_until();
    let value_at = |table: &Table| {
        table
            .in_force(at)
            .map(|f| f.row.value.to_string())
            .unwrap_or_else(|_| "—".to_owned())
    };
    if json {
        let items: Vec<serde_json::Value> = book
            .tables()
            .iter()
            .map(|t| {
                serde_json::json!({
                    "param": t.param.id(),
                    "unit": t.unit.as_str(),
                    "rows": t.values.len(),
                    "value": value_at(t),
                    "description": t.description,
                })
            })
            .collect();
        print(
            &serde_json::json!({ "verified_until": format_date(at), "params": items }).to_string(),
        );
        return;
    }
    let fr = lang == Lang::Fr;
    print(&if fr {
        format!(
            "{} paramètres ; valeurs en vigueur au {} (dernière date vérifiée)",
            book.tables().len(),
            format_date(at)
        )
    } else {
        format!(
            "{} parameters; values in force on {} (the last verified date)",
            book.tables().len(),
            format_date(at)
        )
    });
    for t in book.tables() {
        print(&format!(
            "{:<48} {:<15} {:>9}  {}",
            t.param.id(),
            t.unit.as_str(),
            value_at(t),
            t.description
        ));
    }
}

/// `--at`: the core's date rule (VALUE_INVALID_DATE naming the option), not a law-file error.
fn parse_date(text: &str) -> Result<Date, apart::Error> {
    Ok(apart::calendar::parse_date(text.trim()).map_err(|e| e.with_field("--at"))?)
}

fn format_date(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

fn row_text(row: &Row, lang: Lang) -> String {
    let status = match (row.status, lang) {
        (apart::law::Status::Confirmed, Lang::Fr) => "confirmée",
        (apart::law::Status::Confirmed, _) => "confirmed",
        (_, Lang::Fr) => "NON CONFIRMÉE",
        _ => "UNCONFIRMED",
    };
    let mut text = format!(
        "{}  {:>9}  {:<13} {}",
        format_date(row.from),
        row.value.to_string(),
        status,
        row.source.title
    );
    if let Some(href) = &row.source.href {
        text.push_str(&format!(" <{href}>"));
    }
    if let Some(note) = &row.note {
        text.push_str(&format!("\n{:>28}{note}", ""));
    }
    text
}

fn show(
    book: &LawBook,
    param: &str,
    at: Option<&str>,
    lang: Lang,
    json: bool,
) -> Result<(), apart::Error> {
    let param: Param = param.parse()?;
    let table = book.table(param)?;
    let fr = lang == Lang::Fr;
    if let Some(at) = at {
        let date = parse_date(at)?;
        let found = table.in_force(date)?;
        if json {
            print(
                &serde_json::json!({
                    "param": param.id(),
                    "date": format_date(date),
                    "row": found.row,
                    "beyond_verified_date": found.beyond.map(format_date),
                })
                .to_string(),
            );
            return Ok(());
        }
        print(&format!(
            "{} ({}) — {}",
            param.id(),
            table.unit.as_str(),
            table.description
        ));
        print(&row_text(found.row, lang));
        if let Some(until) = found.beyond {
            print(&if fr {
                format!(
                    "! {} est après le {} (dernière date vérifiée) : cette ligne reste en vigueur jusqu'à ce qu'un texte la change",
                    format_date(date),
                    format_date(until)
                )
            } else {
                format!(
                    "! {} is after {} (the last verified date): this row stays in force until a text changes it",
                    format_date(date),
                    format_date(until)
                )
            });
        }
        return Ok(());
    }
    if json {
        print(&serde_json::to_string(table).unwrap_or_default());
        return Ok(());
    }
    print(&format!(
        "{} ({}) — {}",
        param.id(),
        table.unit.as_str(),
        table.description
    ));
    for row in &table.values {
        print(&row_text(row, lang));
    }
    print(&match (table.valid_until, fr) {
        (Some(until), true) => format!("vérifiée jusqu'au {}", format_date(until)),
        (Some(until), false) => format!("verified until {}", format_date(until)),
        (None, true) => "en vigueur jusqu'à ce qu'un texte la modifie".to_owned(),
        (None, false) => "in force until a text amends it".to_owned(),
    });
    Ok(())
}

fn check(file: &PathBuf, lang: Lang, json: bool) -> Result<(), LawError> {
    let text = read(file)?;
    let mut book = LawBook::shared()?.clone();
    let changes = book.apply_file(&text).map_err(|e| in_file(file, e))?;
    // A caller's table may be verified for less than the release (later dates then get a
    // typed error); any other problem is the file's.
    let problem = book.problems().into_iter().find(|p| {
        !matches!(
            p,
            LawError::InvalidData {
                problem: LawProblem::VerifiedBeforeRelease { .. },
                ..
            }
        )
    });
    if let Some(problem) = problem {
        return Err(problem);
    }
    if json {
        let items: Vec<serde_json::Value> = changes
            .iter()
            .map(|c| serde_json::json!({"param": c.param.id(), "rows": c.rows, "replaced": c.replaced}))
            .collect();
        print(
            &serde_json::json!({
                "file": file.display().to_string(),
                "changes": items,
                "verified_until": format_date(book.verified_until()),
            })
            .to_string(),
        );
        return Ok(());
    }
    let fr = lang == Lang::Fr;
    for c in &changes {
        print(&match (c.replaced, fr) {
            (true, true) => format!("{} : table remplacée ({} lignes)", c.param.id(), c.rows),
            (true, false) => format!("{}: table replaced ({} rows)", c.param.id(), c.rows),
            (false, true) => format!(
                "{} : {} ligne(s) ajoutée(s) ou corrigée(s)",
                c.param.id(),
                c.rows
            ),
            (false, false) => format!("{}: {} row(s) added or corrected", c.param.id(), c.rows),
        });
    }
    print(&if fr {
        format!(
            "fichier valide ; données vérifiées jusqu'au {}",
            format_date(book.verified_until())
        )
    } else {
        format!(
            "valid file; data verified until {}",
            format_date(book.verified_until())
        )
    });
    Ok(())
}
