//! The `apart` command: check identifiers (and, later, simulate indemnities and compute claims).
//!
//! Exit status, for every subcommand: 0 when everything checked is valid, 1 when anything is
//! invalid, 2 on a usage error (clap's own status) or when input or output fails.
//!
//! This file only dispatches: each subcommand lives in its own module.

mod siret;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Employer-side rules of France's activité partielle scheme.
#[derive(Debug, Parser)]
#[command(name = "apart", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Commands,
}

#[derive(Debug, Subcommand)]
enum Commands {
    /// Check, convert and generate SIREN, SIRET and TVA numbers.
    Siret(siret::SiretArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Commands::Siret(args) => siret::run(args),
    }
}
