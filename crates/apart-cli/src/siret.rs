//! `apart siret`: check, convert and generate SIREN, SIRET and TVA numbers.
//!
//! `check` reads values from its arguments, or one per line from standard input when a value is
//! `-`. Standard input is streamed: one line of at most [`MAX_LINE`] bytes in memory at a time
//! (a longer line is reported by number and skipped, never kept nor echoed whole), a locked and
//! buffered standard output flushed whenever input is awaited, so files of millions of lines run
//! in constant memory and another program can drive `check -` line by line.

use std::fmt::Display;
use std::io::{self, BufReader, BufWriter, Write};
use std::process::ExitCode;

use apart::diagnostic::{Diagnostic, DiagnosticRecord, Lang, quote};
use apart::siret::generate::{self, SplitMix64};
use apart::siret::{Identifier, IdentifierKind, Siren, Siret, SiretError, Tva, detect};
use serde::Serialize;

use crate::cli::{CheckArgs, Expect, GenerateKind, SiretArgs, SiretCommand};
use crate::progress::Progress;
use crate::text::{escape_controls, json_safe};
use apart::lines::{Line, LineError, Lines};

/// The longest line `check -` reads, in bytes: an identifier with spaces is about 20.
pub const MAX_LINE: usize = 1024;

/// Runs `apart siret …`.
pub fn run(args: SiretArgs, lang: Lang) -> ExitCode {
    let result = match args.command {
        SiretCommand::Check(check) => run_check(&check, lang),
        SiretCommand::Tva { values } => run_tva(&values, lang),
        SiretCommand::Generate {
            count,
            seed,
            kind,
            spaced,
        } => run_generate(count, seed, kind, spaced),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        // The reader of our output went away (`| head`): stop quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("apart: {e}");
            ExitCode::from(2)
        }
    }
}

/// Checks every value; `Ok(true)` when all are valid.
fn run_check(args: &CheckArgs, lang: Lang) -> io::Result<bool> {
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    let mut all_valid = true;
    for value in &args.values {
        if value == "-" {
            all_valid &= check_stdin(&mut out, args, lang)?;
        } else {
            all_valid &= check_one(&mut out, value, args, lang)?;
        }
    }
    out.flush()?;
    Ok(all_valid)
}

/// Checks standard input, one value per line, in bounded memory: a line longer than
/// [`MAX_LINE`] is reported (its number and first characters) and skipped.
fn check_stdin(out: &mut impl Write, args: &CheckArgs, lang: Lang) -> io::Result<bool> {
    let show = Progress::wanted(args.no_progress);
    let mut progress = Progress::new(show, crate::progress::stdin_size(), lang);
    let mut lines = Lines::new(
        BufReader::with_capacity(64 * 1024, io::stdin().lock()),
        MAX_LINE,
    );
    let mut all_valid = true;
    loop {
        let number = lines.number() + 1;
        let Some(line) = lines.next_line_with(&mut || out.flush())? else {
            break;
        };
        match line {
            Line::Text(bytes) => {
                // Invalid UTF-8 becomes U+FFFD, which the parser then reports with its index.
                let text = String::from_utf8_lossy(bytes);
                all_valid &= check_one(out, &text, args, lang)?;
            }
            Line::TooLong { prefix, len } => {
                let error = LineError::too_long(number, len, MAX_LINE, prefix);
                report_unreadable(out, &error, args, lang)?;
                all_valid = false;
            }
        }
        progress.row(lines.bytes());
    }
    progress.finish(lines.bytes());
    Ok(all_valid)
}

/// Reports a line that was not checked (too long), in the format of the other lines.
fn report_unreadable(
    out: &mut impl Write,
    error: &LineError,
    args: &CheckArgs,
    lang: Lang,
) -> io::Result<()> {
    let input = match error {
        LineError::TooLong { prefix, .. } => prefix.as_str(),
        _ => "",
    };
    if args.json {
        let report = Report {
            input,
            valid: false,
            kind: None,
            normalized: None,
            formatted: None,
            tva: None,
            error: Some(DiagnosticRecord::of(error)),
        };
        let text = serde_json::to_string(&report).map_err(io::Error::other)?;
        out.write_all(json_safe(&text).as_bytes())?;
        out.write_all(b"\n")
    } else {
        writeln!(out, "{}", escape_controls(&error.message(lang)))
    }
}

/// The JSON object printed per value by `check --json`: every field present, `null` when absent.
#[derive(Serialize)]
struct Report<'a> {
    input: &'a str,
    valid: bool,
    kind: Option<&'static str>,
    normalized: Option<&'a str>,
    formatted: Option<Shown<&'a Identifier>>,
    tva: Option<Tva>,
    /// The core's wire form of the error: code, family, messages in both languages, fields.
    error: Option<DiagnosticRecord>,
}

/// Serialises a value through its `Display`, without an intermediate `String`.
struct Shown<T>(T);

impl<T: Display> Serialize for Shown<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

fn parse_as(input: &str, expect: Expect) -> Result<Identifier, SiretError> {
    match expect {
        Expect::Auto => detect(input),
        Expect::Siren => Siren::parse(input).map(Identifier::Siren),
        Expect::Siret => Siret::parse(input).map(Identifier::Siret),
        Expect::Tva => Tva::parse(input).map(Identifier::Tva),
    }
}

/// The human-readable line of a valid value.
struct Valid<'a> {
    input: &'a str,
    id: &'a Identifier,
    lang: Lang,
}

impl Display for Valid<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Valid { input, id, lang } = *self;
        let en = lang == Lang::En;
        let kind = kind_name(id.kind(), lang);
        if en {
            write!(f, "\"{}\": valid {kind} {id} (", quote(input))?;
        } else {
            write!(f, "\"{}\" : {kind} valide {id} (", quote(input))?;
        }
        match id {
            Identifier::Siret(s) => write!(
                f,
                "SIREN {}, {} {}",
                s.siren(),
                tva_name(en),
                s.tva().as_str()
            )?,
            Identifier::Tva(t) => match t.siren() {
                Some(siren) => write!(f, "SIREN {siren}")?,
                None if en => f.write_str("Monaco, no SIREN")?,
                None => f.write_str("Monaco, sans SIREN")?,
            },
            other => write!(f, "{} {}", tva_name(en), other.tva().as_str())?,
        }
        f.write_str(")")
    }
}

fn tva_name(en: bool) -> &'static str {
    if en { "VAT" } else { "TVA" }
}

fn kind_name(kind: IdentifierKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (IdentifierKind::Siren, _) => "SIREN",
        (IdentifierKind::Siret, _) => "SIRET",
        (IdentifierKind::Nic, _) => "NIC",
        (IdentifierKind::Tva, Lang::En) => "VAT number",
        (IdentifierKind::Tva, _) => "numéro de TVA",
        (_, Lang::En) => "identifier",
        (_, _) => "identifiant",
    }
}

/// Checks one value and prints its line; returns whether it is valid.
fn check_one(out: &mut impl Write, input: &str, args: &CheckArgs, lang: Lang) -> io::Result<bool> {
    let parsed = parse_as(input, args.expect);
    if args.json {
        let report = match &parsed {
            Ok(id) => Report {
                input,
                valid: true,
                kind: Some(id.kind().as_str()),
                normalized: Some(id.as_str()),
                formatted: Some(Shown(id)),
                tva: Some(id.tva()),
                error: None,
            },
            Err(e) => Report {
                input,
                valid: false,
                kind: e.kind().map(IdentifierKind::as_str),
                normalized: None,
                formatted: None,
                tva: None,
                error: Some(DiagnosticRecord::of(e)),
            },
        };
        let text = serde_json::to_string(&report).map_err(io::Error::other)?;
        out.write_all(json_safe(&text).as_bytes())?;
        out.write_all(b"\n")?;
    } else {
        match &parsed {
            Ok(id) => writeln!(out, "{}", Valid { input, id, lang })?,
            Err(e) if lang == Lang::En => {
                writeln!(out, "\"{}\": {}", quote(input), e.message(Lang::En))?;
            }
            Err(e) => writeln!(out, "\"{}\" : {}", quote(input), e.message(lang))?,
        }
    }
    Ok(parsed.is_ok())
}

fn run_tva(values: &[String], lang: Lang) -> io::Result<bool> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut all_valid = true;
    for value in values {
        match detect(value) {
            Ok(id) => writeln!(out, "{}", id.tva().as_str())?,
            Err(e) => {
                out.flush()?;
                eprintln!("{value:?} : {}", e.message(lang));
                all_valid = false;
            }
        }
    }
    out.flush()?;
    Ok(all_valid)
}

fn run_generate(
    count: u64,
    seed: Option<u64>,
    kind: GenerateKind,
    spaced: bool,
) -> io::Result<bool> {
    let seed = seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64)
    });
    let mut rng = SplitMix64::new(seed);
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    for _ in 0..count {
        let id = match kind {
            GenerateKind::Siren => Identifier::Siren(generate::siren(&mut rng)),
            GenerateKind::Siret => Identifier::Siret(generate::siret(&mut rng)),
            GenerateKind::LaPoste => Identifier::Siret(generate::la_poste_siret(&mut rng)),
            GenerateKind::Tva => Identifier::Tva(generate::siren(&mut rng).tva()),
        };
        if spaced {
            writeln!(out, "{id}")?;
        } else {
            writeln!(out, "{}", id.as_str())?;
        }
    }
    out.flush()?;
    Ok(true)
}
