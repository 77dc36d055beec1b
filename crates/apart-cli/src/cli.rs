//! The command line as clap sees it: every subcommand, option and help text, and nothing else.
//!
//! This file is also compiled by `build.rs`, which renders the man pages from it, so it must
//! depend on `clap` alone: no `apart` type here. Values that the core reads (months, amounts,
//! hours, regimes…) are taken as text and parsed by the subcommand, which can then name the
//! option in its error message, in the language of `--lang`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Employer-side rules of France's activité partielle scheme.
#[derive(Debug, Parser)]
#[command(name = "apart", version, about, propagate_version = true)]
pub struct Cli {
    /// Language of messages and labels: fr or en (also `fr-FR`, `en_GB`…).
    #[arg(long, global = true, default_value = "fr", value_name = "LANG")]
    pub lang: String,
    /// The subcommand.
    #[command(subcommand)]
    pub command: Commands,
}

/// The subcommands of `apart`.
// Parsed once per run: the size difference between variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Commands {
    /// Check, convert and generate SIREN, SIRET and TVA numbers.
    Siret(SiretArgs),
    /// Simulate one employee-month: indemnity, allocation and their explanation.
    Simulate(SimulateArgs),
    /// Compute a whole monthly claim (DI) from a CSV file, one employee per row.
    Claim(ClaimArgs),
    /// Check a form of the extranet given as a JSON record: every refused field at once.
    ///
    /// Exit status: 0 when the form is valid, 1 when a field is refused, 2 when the record
    /// cannot be read (not JSON, an unknown field, a value of the wrong type).
    Form(FormArgs),
    /// The legal parameters: list them, show a table's rows and sources, check a law file.
    Law(LawCommandArgs),
    /// Explain an error code: its family, its fields and an example of its messages.
    ///
    /// The same entry as in `docs/errors.md`, which lists every code.
    Explain(ExplainArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell).
    ///
    /// For example `apart completions bash > ~/.local/share/bash-completion/completions/apart`.
    Completions(CompletionsArgs),
    /// Print the manual page of `apart` or of one subcommand, in roff (`apart man | man -l -`).
    ///
    /// The pages are generated when `apart` is built; they are also left in the build's
    /// `OUT_DIR/man/` for packagers.
    Man(ManArgs),
}

/// Arguments of `apart siret`.
#[derive(Debug, Args)]
pub struct SiretArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: SiretCommand,
}

/// The subcommands of `apart siret`.
#[derive(Debug, Subcommand)]
pub enum SiretCommand {
    /// Check values: one line per value, human-readable or JSON.
    ///
    /// Exit status: 0 when all are valid, 1 when any is invalid, 2 on a usage or I/O error.
    Check(CheckArgs),
    /// Print the intra-community VAT number (TVA) of a SIREN, SIRET or TVA number.
    Tva {
        /// SIREN, SIRET or TVA numbers.
        #[arg(required = true)]
        values: Vec<String>,
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

/// Arguments of `apart siret check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Values to check; `-` reads one value per line from standard input (streamed: one line in
    /// memory at a time, lines longer than 1 KiB are reported and skipped).
    #[arg(required = true)]
    pub values: Vec<String>,
    /// One JSON object per line instead of a sentence.
    #[arg(long)]
    pub json: bool,
    /// What the values must be; `auto` tells SIREN, SIRET and TVA apart.
    #[arg(long, value_enum, default_value_t = Expect::Auto)]
    pub expect: Expect,
    /// Never show the progress bar (shown on stderr when reading `-` with stderr on a terminal
    /// and stdout redirected).
    #[arg(long)]
    pub no_progress: bool,
}

/// What `apart siret check` expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Expect {
    /// SIREN, SIRET or TVA, told apart by their form.
    Auto,
    /// A SIREN (9 digits).
    Siren,
    /// A SIRET (14 digits).
    Siret,
    /// A French intra-community VAT number.
    Tva,
}

/// What `apart siret generate` generates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GenerateKind {
    /// SIRENs.
    Siren,
    /// SIRETs.
    Siret,
    /// La Poste SIRETs (SIREN 356000000), half of them by the digit-sum rule.
    LaPoste,
    /// TVA numbers.
    Tva,
}

/// Arguments of `apart form`.
#[derive(Debug, Args)]
pub struct FormArgs {
    /// Which form: `account` (« Créer mon espace »).
    #[arg(value_enum)]
    pub form: FormKind,
    /// The JSON record of the form's fields (the library's field names), or `-` for standard
    /// input.
    #[arg(value_name = "FILE", default_value = "-")]
    pub record: PathBuf,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// The forms `apart form` checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormKind {
    /// « Créer mon espace »: the establishment's account request.
    Account,
}

/// The options of `apart simulate` that set a field of the employee-month (they cannot be
/// combined with `--record`).
const EMPLOYEE_FLAGS: &[&str] = &[
    "month",
    "hours_date",
    "gross",
    "hours_not_worked",
    "days_not_worked",
    "contract_hours",
    "variable_pay",
    "regime",
    "category",
    "territory",
    "overtime",
    "apld_majorated_by",
    "training_hours",
    "net_hourly_pay",
    "hours_used",
    "net_pay_worked",
    "rmm",
    "apld_period_months",
    "apld_hours_used",
    "apld_months_used",
    "apld_exceptional",
    "complement_rate",
    "complement_amount",
];

/// Arguments of `apart simulate`.
#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// The employee-month as the library's JSON record (`{"month": "2026-01",
    /// "gross_monthly": "2000", …}`, unknown fields refused) in FILE, or `-` for standard input,
    /// instead of the options below.
    #[arg(long, value_name = "FILE", conflicts_with_all = EMPLOYEE_FLAGS)]
    pub record: Option<PathBuf>,
    /// The computation's options as the library's JSON record (`{"rounding": "exact"}`),
    /// instead of `--rounding` and `--full-time-floor`.
    #[arg(long, value_name = "JSON", conflicts_with_all = ["rounding", "full_time_floor"])]
    pub options: Option<String>,
    /// The month of the hours not worked (YYYY-MM).
    #[arg(long, value_name = "YYYY-MM", required_unless_present = "record")]
    pub month: Option<String>,
    /// The date of the hours (YYYY-MM-DD) when not the first of the month (e.g. Chido).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub hours_date: Option<String>,
    /// Gross monthly pay in euros (paid-leave "maintien de salaire" base).
    #[arg(long, value_name = "EUROS", required_unless_present = "record")]
    pub gross: Option<String>,
    /// Hours not worked in the month.
    #[arg(long, default_value = "0", value_name = "HOURS")]
    pub hours_not_worked: String,
    /// Forfait-jours: days not worked (half days allowed), instead of hours.
    #[arg(long, value_name = "DAYS")]
    pub days_not_worked: Option<String>,
    /// Monthly contractual hours.
    #[arg(long, default_value = "151.67", value_name = "HOURS")]
    pub contract_hours: String,
    /// Monthly average of variable pay over the previous 12 months.
    #[arg(long, default_value = "0", value_name = "EUROS")]
    pub variable_pay: String,
    /// droit-commun | apld | apld-rebond | covid-protected | covid-closed | covid-vulnerable |
    /// covid-childcare | mayotte-chido
    #[arg(long, default_value = "droit-commun")]
    pub regime: String,
    /// full-time | part-time | temporary | permanent-temporary | apprentice |
    /// professionalisation-contract | freelance-journalist | sales-representative
    #[arg(long, default_value = "full-time")]
    pub category: String,
    /// mainland | mayotte | alsace-moselle
    #[arg(long, default_value = "mainland")]
    pub territory: String,
    /// per-hour | exact
    #[arg(long, default_value = "per-hour")]
    pub rounding: String,
    /// by-period | rmm-only | hourly: whether full-timers get the hourly indemnity floor (by
    /// period: hourly for hours until 2022-12-31, the RMM only from 2023).
    #[arg(long, default_value = "by-period")]
    pub full_time_floor: String,
    /// not-counted | structural: whether contractual hours above 151.67 h count.
    #[arg(long, default_value = "not-counted")]
    pub overtime: String,
    /// APLD only: covid-protected | covid-closed, the majorated rate the employer is entitled to.
    #[arg(long)]
    pub apld_majorated_by: Option<String>,
    /// Of the hours not worked, hours spent in training.
    #[arg(long, default_value = "0", value_name = "HOURS")]
    pub training_hours: String,
    /// Usual net hourly pay (training hours from 2023; the indemnity never exceeds it).
    #[arg(long, value_name = "EUROS")]
    pub net_hourly_pay: Option<String>,
    /// Hours already allocated this calendar year (annual quota).
    #[arg(long, default_value = "0", value_name = "HOURS")]
    pub hours_used: String,
    /// Net pay for the hours worked (CSG/CRDS écrêtement, RMM).
    #[arg(long, value_name = "EUROS")]
    pub net_pay_worked: Option<String>,
    /// The monthly net RMM guaranteed to a full-timer.
    #[arg(long, value_name = "EUROS")]
    pub rmm: Option<String>,
    /// APLD / APLD-Rebond: the accord's period of application, in months.
    #[arg(long, value_name = "MONTHS")]
    pub apld_period_months: Option<String>,
    /// APLD / APLD-Rebond: hours already compensated in the accord's period.
    #[arg(long, default_value = "0", value_name = "HOURS")]
    pub apld_hours_used: String,
    /// APLD / APLD-Rebond: months of allocation already used (this month excluded).
    #[arg(long, value_name = "MONTHS")]
    pub apld_months_used: Option<String>,
    /// APLD / APLD-Rebond: the accord allows the exceptional 50 % reduction.
    #[arg(long)]
    pub apld_exceptional: bool,
    /// Conventional complement: the total hourly indemnity paid, as a fraction of the hourly
    /// reference (0.8 for 80 %).
    #[arg(long, value_name = "FRACTION")]
    pub complement_rate: Option<String>,
    /// Conventional complement: a monthly amount paid above the legal indemnity.
    #[arg(long, value_name = "EUROS")]
    pub complement_amount: Option<String>,
    #[command(flatten)]
    pub law: LawArgs,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// The law options shared by `simulate` and `claim`.
#[derive(Debug, Args, Default)]
pub struct LawArgs {
    /// A law file (the built-in table format, see `apart law check`) adding or correcting
    /// rows; may be repeated.
    #[arg(long = "law", value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Refuse months after the law data's verified date instead of computing with the values
    /// in force (and a warning).
    #[arg(long)]
    pub strict_law: bool,
}

/// Arguments of `apart law`.
#[derive(Debug, Args)]
pub struct LawCommandArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: LawCommand,
    /// Print JSON.
    #[arg(long, global = true)]
    pub json: bool,
}

/// The subcommands of `apart law`.
#[derive(Debug, Subcommand)]
pub enum LawCommand {
    /// Every parameter: its id, unit and the value in force at the verified date.
    List {
        /// Law files applied first.
        #[command(flatten)]
        law: LawArgs,
    },
    /// One parameter: every row with its value, status and source, or the row in force on a
    /// date.
    Show {
        /// The parameter id (`apart law list` gives them all), e.g. smic_hourly.
        param: String,
        /// Only the row in force on this date (YYYY-MM-DD), the date of the hours not worked.
        #[arg(long, value_name = "YYYY-MM-DD")]
        at: Option<String>,
        /// Law files applied first.
        #[command(flatten)]
        law: LawArgs,
    },
    /// Checks a law file: parses it, runs the table checks, says what it changes.
    Check {
        /// The law file.
        file: PathBuf,
    },
}

/// The CSV columns of `apart claim`, shown by `apart claim --help`.
pub const CLAIM_COLUMNS_HELP: &str = "\
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
  apld_period_months    APLD: the accord's period in months (40 % limit over it)
  apld_hours_used       APLD: hours already compensated in the accord's period [0]
  apld_months_used      APLD: months of allocation already used
  apld_exceptional_reduction  APLD: true when the accord allows 50 %   [false]
  complement_rate       conventional complement: total paid, fraction of the reference
  complement_amount     conventional complement: monthly amount above the legal indemnity
Blank rows are skipped; lines are limited to 64 KiB (a longer line is refused, naming its number).
`--format csv` writes the claim back in the input's dialect: the input columns, then `line`,
`status` (computed | refused | total), every amount, `error_code` and `error_message`, then a
totals row (status `total`). Those output columns are ignored on input, so that file can be read
back by `apart claim` and gives the same claim.
Exit status: 0 when every row was computed, 1 when a row was refused, 2 when the file cannot be read.";

/// Arguments of `apart claim`.
#[derive(Debug, Args)]
#[command(after_long_help = CLAIM_COLUMNS_HELP)]
pub struct ClaimArgs {
    /// The CSV file, or `-` for standard input (the columns are listed by `apart claim --help`).
    pub file: PathBuf,
    /// The month of the claim (YYYY-MM); required unless every row has a `month` column.
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<String>,
    /// per-hour | exact
    #[arg(long, default_value = "per-hour")]
    pub rounding: String,
    /// by-period | rmm-only | hourly
    #[arg(long, default_value = "by-period")]
    pub full_time_floor: String,
    #[command(flatten)]
    pub law: LawArgs,
    /// How to print the claim: an aligned table, one JSON document, or CSV in the input's
    /// dialect (`,` and decimal points, or `;` and decimal commas).
    #[arg(long, value_enum, default_value_t = ClaimFormat::Table)]
    pub format: ClaimFormat,
    /// Same as `--format json`.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Never show the progress bar (shown on stderr when stderr is a terminal and stdout is
    /// redirected).
    #[arg(long)]
    pub no_progress: bool,
}

/// The output formats of `apart claim`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClaimFormat {
    /// An aligned table for reading, then the totals.
    Table,
    /// One JSON document: `lines`, `month`, `totals` (the library's `ClaimOutcome`).
    Json,
    /// CSV in the input's dialect, one row per employee, then the totals.
    Csv,
}

/// Arguments of `apart explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The code, such as `SIRET_INVALID_KEY` (case does not matter).
    pub code: String,
}

/// Arguments of `apart completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The shells `apart completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// Bash.
    Bash,
    /// Zsh.
    Zsh,
    /// Fish.
    Fish,
    /// PowerShell.
    Powershell,
}

/// Arguments of `apart man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The page: `apart` (default) or a subcommand such as `claim` or `siret-check`.
    #[arg(default_value = "apart")]
    pub page: String,
    /// List the pages instead of printing one.
    #[arg(long)]
    pub list: bool,
}
