//! `apart form`: a form of the extranet given as a JSON record, checked with every refused field
//! reported at once, as the page shows them.
//!
//! ```text
//! echo '{"denomination": "Boulangerie Martin", "email": "a@b"}' | apart form account --json
//! ```
//!
//! With `--json`, one object on stdout: `{"form", "valid", "error", "fields"}` where `error` is
//! the whole form's error (`FORM_INVALID`) and `fields` one error per refused field (each the
//! core's wire form with `field` among its details). A record that cannot be read (not JSON, an
//! unknown field, a value of the wrong type) is an error on stderr, exit status 2.

use std::io::Write;
use std::process::ExitCode;

use apart::account::AccountFormInput;
use apart::diagnostic::{Diagnostic, DiagnosticRecord, Lang};
use apart::forms::FieldErrors;
use serde::Serialize;

use crate::cli::{FormArgs, FormKind};
use crate::report::print_error;
use crate::text::{escape_controls, json_safe};

/// What `--json` prints.
#[derive(Serialize)]
struct Report {
    form: &'static str,
    valid: bool,
    error: Option<DiagnosticRecord>,
    fields: Vec<DiagnosticRecord>,
}

/// Runs `apart form`.
pub fn run(args: &FormArgs, lang: Lang) -> ExitCode {
    let (name, checked) = match args.form {
        FormKind::Account => (
            "account",
            crate::record::read::<AccountFormInput>(&args.record, "FILE")
                .map(|input| input.validate().err()),
        ),
    };
    let refused = match checked {
        Ok(refused) => refused,
        Err(e) => {
            print_error(&e, lang, args.json, None);
            return ExitCode::from(2);
        }
    };
    let written = if args.json {
        report_json(name, refused.as_ref())
    } else {
        report_text(refused.as_ref(), lang)
    };
    match (written, refused) {
        (Err(e), _) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("apart: {e}");
            ExitCode::from(2)
        }
        (_, None) => ExitCode::SUCCESS,
        (_, Some(_)) => ExitCode::FAILURE,
    }
}

fn report_json(form: &'static str, refused: Option<&FieldErrors>) -> std::io::Result<()> {
    let report = Report {
        form,
        valid: refused.is_none(),
        error: refused.map(DiagnosticRecord::of),
        fields: refused
            .map(|errors| errors.iter().map(DiagnosticRecord::of).collect())
            .unwrap_or_default(),
    };
    let text = serde_json::to_string(&report).map_err(std::io::Error::other)?;
    writeln!(std::io::stdout().lock(), "{}", json_safe(&text))
}

fn report_text(refused: Option<&FieldErrors>, lang: Lang) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    let Some(errors) = refused else {
        let valid = if lang == Lang::En {
            "valid form"
        } else {
            "formulaire valide"
        };
        return writeln!(out, "{valid}");
    };
    writeln!(out, "{}", escape_controls(&errors.message(lang)))?;
    for e in errors.iter() {
        writeln!(
            out,
            "  {}: {}: {}",
            e.field(),
            e.code(),
            escape_controls(&e.message(lang))
        )?;
    }
    Ok(())
}
