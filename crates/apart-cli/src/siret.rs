//! `apart siret`: check, convert and generate SIREN, SIRET and TVA numbers.
//!
//! `check` reads values from its arguments, or one per line from standard input when a value is
//! `-`. Standard input is streamed: one line in memory at a time, a locked and buffered standard
//! output, so files of millions of lines run in constant memory.

use std::fmt::Display;
use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use apart::diagnostic::{Diagnostic, Lang};
use apart::siret::generate::{self, SplitMix64};
use apart::siret::{Identifier, IdentifierKind, Siren, Siret, SiretError, Tva, detect};
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

/// Arguments of `apart siret`.
#[derive(Debug, Args)]
pub struct SiretArgs {
    #[command(subcommand)]
    command: SiretCommand,
}

#[derive(Debug, Subcommand)]
enum SiretCommand {
    /// Check values: one line per value, human-readable or JSON.
    ///
    /// Exit status: 0 when all are valid, 1 when any is invalid, 2 on a usage or I/O error.
    Check(CheckArgs),
    /// Print the intra-community VAT number (TVA) of a SIREN, SIRET or TVA number.
    Tva {
        /// SIREN, SIRET or TVA numbers.
        #[arg(required = true)]
        values: Vec<String>,
        /// Language of the error messages.
        #[arg(long, default_value = "fr", value_parser = parse_lang)]
        lang: Lang,
    },
    /// Generate valid numbers for test fixtures, one per line.
    Generate {
        /// How many numbers.
        #[arg(long, default_value_t = 10)]
        count: u64,
        /// Seed of the generator: the same seed gives the same numbers (default: from the clock).
        #[arg(long)]
        seed: Option<u64>,
        /// What to generate.
        #[arg(long, value_enum, default_value_t = GenerateKind::Siret)]
        kind: GenerateKind,
        /// Print the spaced form (`732 829 320 00074`) instead of the compact one.
        #[arg(long)]
        spaced: bool,
    },
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Values to check; `-` reads one value per line from standard input.
    #[arg(required = true)]
    values: Vec<String>,
    /// One JSON object per line instead of a sentence.
    #[arg(long)]
    json: bool,
    /// Language of the messages (fr, en).
    #[arg(long, default_value = "fr", value_parser = parse_lang)]
    lang: Lang,
    /// What the values must be; `auto` tells SIREN, SIRET and TVA apart.
    #[arg(long, value_enum, default_value_t = Expect::Auto)]
    expect: Expect,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Expect {
    Auto,
    Siren,
    Siret,
    Tva,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GenerateKind {
    Siren,
    Siret,
    /// La Poste SIRETs (SIREN 356000000), half of them by the digit-sum rule.
    LaPoste,
    Tva,
}

fn parse_lang(tag: &str) -> Result<Lang, String> {
    Lang::from_tag(tag).ok_or_else(|| format!("unknown language {tag:?}: expected fr or en"))
}

/// Runs `apart siret …`.
pub fn run(args: SiretArgs) -> ExitCode {
    let result = match args.command {
        SiretCommand::Check(check) => run_check(&check),
        SiretCommand::Tva { values, lang } => run_tva(&values, lang),
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
fn run_check(args: &CheckArgs) -> io::Result<bool> {
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    let mut all_valid = true;
    for value in &args.values {
        if value == "-" {
            let stdin = io::stdin();
            let mut input = stdin.lock();
            let mut line = Vec::with_capacity(64);
            loop {
                line.clear();
                if input.read_until(b'\n', &mut line)? == 0 {
                    break;
                }
                let bytes = line.strip_suffix(b"\n").unwrap_or(&line);
                let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
                // Invalid UTF-8 becomes U+FFFD, which the parser then reports with its index.
                let text = String::from_utf8_lossy(bytes);
                all_valid &= check_one(&mut out, &text, args)?;
            }
        } else {
            all_valid &= check_one(&mut out, value, args)?;
        }
    }
    out.flush()?;
    Ok(all_valid)
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
    error: Option<ErrorReport>,
}

#[derive(Serialize)]
struct ErrorReport {
    code: &'static str,
    message: String,
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
            write!(f, "{input:?}: valid {kind} {id} (")?;
        } else {
            write!(f, "{input:?} : {kind} valide {id} (")?;
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
fn check_one(out: &mut impl Write, input: &str, args: &CheckArgs) -> io::Result<bool> {
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
                error: Some(ErrorReport {
                    code: e.code(),
                    message: e.message(args.lang),
                }),
            },
        };
        serde_json::to_writer(&mut *out, &report).map_err(io::Error::other)?;
        out.write_all(b"\n")?;
    } else {
        match &parsed {
            Ok(id) => writeln!(
                out,
                "{}",
                Valid {
                    input,
                    id,
                    lang: args.lang
                }
            )?,
            Err(e) if args.lang == Lang::En => writeln!(out, "{input:?}: {}", e.message(Lang::En))?,
            Err(e) => writeln!(out, "{input:?} : {}", e.message(args.lang))?,
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
