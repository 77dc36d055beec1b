//! The `apart` command: check identifiers, simulate indemnities, compute monthly claims, read
//! and extend the law data.
//!
//! Exit status, for every subcommand: 0 when everything checked is valid, 1 when anything is
//! invalid, 2 on a usage error (clap's own status) or when input or output fails.
//!
//! This file only dispatches: the command line is declared in `cli.rs` (also read by
//! `build.rs` for the man pages), and each subcommand lives in its own module.

mod claim;
mod cli;
mod form;
mod law;
mod progress;
mod record;
mod report;
mod simulate;
mod siret;
mod text;

use std::io::Write;
use std::process::ExitCode;

use apart::diagnostic::Lang;
use clap::{CommandFactory, Parser};

use crate::cli::{Cli, Commands, ManArgs, Shell};

/// The man pages rendered by `build.rs`: `(name, roff)`, `apart` first.
static MAN_PAGES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/man_pages.rs"));

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Some(lang) = Lang::from_tag(&cli.lang) else {
        Cli::command()
            .error(
                clap::error::ErrorKind::InvalidValue,
                format!(
                    "unknown language \"{}\" for '--lang': expected fr or en",
                    apart::diagnostic::quote(&cli.lang)
                ),
            )
            .exit()
    };
    match cli.command {
        Commands::Siret(args) => siret::run(args, lang),
        Commands::Simulate(args) => simulate::run(&args, lang),
        Commands::Claim(args) => claim::run(&args, lang),
        Commands::Form(args) => form::run(&args, lang),
        Commands::Law(args) => law::run(&args, lang),
        Commands::Explain(args) => explain(&args.code, lang),
        Commands::Completions(args) => completions(args.shell),
        Commands::Man(args) => man(&args),
    }
}

/// Prints the catalogue entry of `code` (one per family that uses it).
fn explain(code: &str, lang: Lang) -> ExitCode {
    let entries: Vec<String> = apart::catalogue::entries()
        .iter()
        .filter(|e| e.code.eq_ignore_ascii_case(code.trim()))
        .map(|e| e.markdown())
        .collect();
    if entries.is_empty() {
        let code = apart::diagnostic::quote(code);
        if lang == Lang::En {
            eprintln!("apart explain: unknown code « {code} » (every code: docs/errors.md)");
        } else {
            eprintln!("apart explain : code inconnu « {code} » (tous les codes : docs/errors.md)");
        }
        return ExitCode::from(2);
    }
    write_out(entries.join("\n").as_bytes())
}

/// Writes the completion script of `shell` to stdout.
fn completions(shell: Shell) -> ExitCode {
    use clap_complete::Shell as S;
    let shell = match shell {
        Shell::Bash => S::Bash,
        Shell::Zsh => S::Zsh,
        Shell::Fish => S::Fish,
        Shell::Powershell => S::PowerShell,
    };
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "apart", &mut out);
    write_out(&out)
}

/// Writes one man page, or their list, to stdout.
fn man(args: &ManArgs) -> ExitCode {
    if args.list {
        let names: String = MAN_PAGES.iter().map(|(n, _)| format!("{n}\n")).collect();
        return write_out(names.as_bytes());
    }
    let wanted = args.page.strip_prefix("apart-").unwrap_or(&args.page);
    let page = MAN_PAGES
        .iter()
        .find(|(name, _)| *name == wanted || name.strip_prefix("apart-") == Some(wanted));
    match page {
        Some((_, roff)) => write_out(roff.as_bytes()),
        None => {
            eprintln!(
                "apart man: no page {:?} (see `apart man --list`)",
                apart::diagnostic::quote(&args.page)
            );
            ExitCode::from(2)
        }
    }
}

fn write_out(bytes: &[u8]) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("apart: {e}");
            ExitCode::from(2)
        }
    }
}
