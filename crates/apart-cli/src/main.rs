//! The `apart` command: check identifiers, simulate indemnities, compute monthly claims.
//!
//! Exit status, for every subcommand: 0 when everything checked is valid, 1 when anything is
//! invalid, 2 on a usage error (clap's own status) or when input or output fails.
//!
//! This file only dispatches: each subcommand lives in its own module.

mod claim;
mod simulate;
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

// Parsed once per run: the size difference between variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
enum Commands {
    /// Check, convert and generate SIREN, SIRET and TVA numbers.
    Siret(siret::SiretArgs),
    /// Simulate one employee-month: indemnity, allocation and their explanation.
    Simulate(simulate::SimulateArgs),
    /// Compute a whole monthly claim (DI) from a CSV file, one employee per row.
    Claim(claim::ClaimArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Commands::Siret(args) => siret::run(args),
        Commands::Simulate(args) => simulate::run(&args),
        Commands::Claim(args) => claim::run(&args),
    }
}
