//! The `apart` command (being written: the `simulate` and `claim` subcommands are in place).
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod claim;
mod simulate;

/// The `apart` command line.
#[derive(Debug, Parser)]
#[command(
    name = "apart",
    version,
    about = "Activité partielle: simulate indemnities, compute monthly claims"
)]
struct Cli {
    #[command(subcommand)]
    command: Commands,
}

// Parsed once per run: the size difference between variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
enum Commands {
    /// Simulate one employee-month: indemnity, allocation and their explanation.
    Simulate(simulate::SimulateArgs),
    /// Compute a whole monthly claim (DI) from a CSV file, one employee per row.
    Claim(claim::ClaimArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Commands::Simulate(args) => simulate::run(args),
        Commands::Claim(args) => claim::run(args),
    }
}
