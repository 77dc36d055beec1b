//! Dated legal parameters of activité partielle, as data.
//!
//! Every parameter (SMIC, rates, floors, ceilings, quotas, levies, procedural delays) is a
//! [`Table`]: rows of `from` date, value and source. The indemnity's parameters are selected
//! by **the date of the hours not worked**, never the date of filing (floors are published up
//! to a month late and apply to the hours of the month they name: spec §6 pitfall 2); each
//! procedural table says in its description which date selects its row (the date of receipt
//! of a DA, the placement, the date of authorisation). A [`LawBook`] holds every table; callers can add or replace
//! rows at run time ([`LawBook::upsert_row`]) when a decree is published after this release.
//!
//! # Data origin
//!
//! The tables are the TOML files of `crates/apart/src/law/data/`, one file per parameter in
//! openfisca's shape, embedded at compile time with `include_str!` and parsed by
//! [`LawBook::builtin`]. Every figure comes from the research note
//! `shared/spec/indemnity.md` (§1), which gives a primary or two concordant secondary sources
//! for each; the file keeps the decree in `source.title` (and the Légifrance address in
//! `source.href` where the note has it) and the secondary sources in `note`.
//!
//! ```toml
//! id = "droit_commun_allocation_floor"
//! unit = "eur_per_hour"            # eur_per_hour | eur_per_month | fraction | smic_multiple | hours_per_year | days | months
//! description = "…"
//!
//! [[values]]
//! from = "2026-01-01"              # first day of the hours not worked it applies to
//! value = "8.57"                   # an exact decimal as a string, or "none" or "unknown"
//! status = "confirmed"             # or "unconfirmed" (backed, but by a single or indirect source)
//! source = { title = "Décret n° 2026-35 du 29 janvier 2026" }
//! note = "efl.fr; legisocial.fr"
//! ```
//!
//! * Values are strings so that no figure goes through a binary float.
//! * `"none"` means *not applicable* from that date: no ceiling (the employee indemnity in
//!   2020), or a regime that is not (or no longer) in force.
//! * `"unknown"` marks a period the stored sources do not cover (some Mayotte floors, the
//!   APLD-Rebond floor): a lookup there is an error naming the table and how to add the row,
//!   never a guess.
//! * Rows follow the **applied** calendar, not the postponed 2021 legal texts (spec §1.2).
//! * The data is known to hold until [`LAST_KNOWN_DATE`]; a later date is an error until the
//!   caller adds rows and extends the table ([`LawBook::set_valid_until`]).
//! * `ended = true` (a regime whose last row is `none`) and `open_ended = true` (a rule in force
//!   until a text amends it, such as a quota or a procedural delay, with no yearly revaluation
//!   to wait for) make the last row hold with no end date.
//! * The procedural tables (quotas, DA decision delay, late filing, maximum durations, DI
//!   filing deadline) live here too, read by [`crate::procedure::rules`]; their first rows go
//!   back before [`FIRST_DATE`] because requests before the Covid era are still dated by them.
//!
//! Updating: add a row to the file, run `cargo test -p apart law` (the table check) and add a
//! CHANGELOG line naming the decree.
//!
//! # Example
//!
//! ```
//! use apart::law::{LawBook, Param};
//! use time::macros::date;
//!
//! let book = LawBook::builtin()?;
//! let row = book.lookup(Param::DroitCommunAllocationFloor, date!(2026 - 01 - 15))?;
//! assert_eq!(row.value.known().map(|v| v.to_string()), Some("8.57".to_string()));
//! // A month after the last known data is an error that names the table.
//! let err = book.lookup(Param::SmicHourly, date!(2026 - 07 - 01)).unwrap_err();
//! assert_eq!(apart::Diagnostic::code(&err), "LAW_DATE_AFTER_LAST_KNOWN");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::Date;
use time::macros::date;

use crate::diagnostic::{Detail, Diagnostic, Lang, french_display};

/// The last date for which the built-in tables are known to be complete.
///
/// The SMIC of 2026-01-01 (12.02 €) is confirmed; openfisca-france alone announces 12.31 € from
/// 2026-06-01, unconfirmed by any other source, so the data stops the day before. A later date
/// is an error ([`LawError::AfterLastKnown`]) until the caller adds the rows.
pub const LAST_KNOWN_DATE: Date = date!(2026 - 05 - 31);

/// The first date the library computes: the start of the Covid-era scheme (décret 2020-325).
pub const FIRST_DATE: Date = date!(2020 - 03 - 01);

/// A short description of the embedded data, for `--version` style output.
pub const DATA_VERSION: &str = "2026-01 (décret n° 2026-35, SMIC 12.02 €)";

/// The unit of a table's values; the table check knows the sensible range of each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Unit {
    /// Euros per hour (SMIC, floors).
    EurPerHour,
    /// Euros per month (monthly SMIC).
    EurPerMonth,
    /// A fraction: `0.60` is 60 %.
    Fraction,
    /// A multiple of the hourly SMIC (`4.5`).
    SmicMultiple,
    /// Hours per calendar year (quota).
    HoursPerYear,
    /// Calendar days (a delay).
    Days,
    /// Calendar months (a duration or a delay).
    Months,
}

impl Unit {
    /// The range a value of this unit must fall in (both ends included).
    pub fn range(self) -> (Decimal, Decimal) {
        match self {
            Unit::EurPerHour => (Decimal::new(1, 2), Decimal::from(100)),
            Unit::EurPerMonth => (Decimal::ONE, Decimal::from(10_000)),
            Unit::Fraction => (Decimal::new(1, 4), Decimal::ONE),
            Unit::SmicMultiple => (Decimal::ONE, Decimal::TEN),
            Unit::HoursPerYear => (Decimal::ONE, Decimal::from(2_000)),
            Unit::Days => (Decimal::ONE, Decimal::from(366)),
            Unit::Months => (Decimal::ONE, Decimal::from(48)),
        }
    }
}

/// The value of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Value {
    /// A known exact value.
    Known(Decimal),
    /// Not applicable from this date: no ceiling, or the regime is not in force.
    NotApplicable,
    /// No stored source gives the value for this period: looking it up is an error.
    Unknown,
}

impl Value {
    /// The known value, if any.
    pub fn known(self) -> Option<Decimal> {
        match self {
            Value::Known(v) => Some(v),
            _ => None,
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Known(v) => fmt::Display::fmt(v, f),
            Value::NotApplicable => f.write_str("none"),
            Value::Unknown => f.write_str("unknown"),
        }
    }
}

impl FromStr for Value {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "none" => Ok(Value::NotApplicable),
            "unknown" => Ok(Value::Unknown),
            text => Decimal::from_str_exact(text)
                .map(Value::Known)
                .map_err(|_| format!("value '{text}' is not a decimal, 'none' or 'unknown'")),
        }
    }
}

impl Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// How well a row is backed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// A primary text, or two concordant reputable secondary sources.
    Confirmed,
    /// Backed by a single or indirect source (see the row's note); flagged in explanations.
    Unconfirmed,
}

/// The legal text a row comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Source {
    /// The decree, arrêté or article (`Décret n° 2026-35 du 29 janvier 2026`).
    pub title: String,
    /// Its Légifrance address, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
}

/// One dated value of a parameter: valid from `from` until the next row's `from`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Row {
    /// The first date of hours not worked this value applies to.
    #[serde(with = "iso_date")]
    pub from: Date,
    /// The value.
    pub value: Value,
    /// How well it is backed.
    pub status: Status,
    /// The legal text.
    pub source: Source,
    /// Secondary sources and remarks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Row {
    /// A confirmed row, for caller overrides.
    ///
    /// ```
    /// use apart::law::{Row, Value};
    /// use time::macros::date;
    /// let row = Row::new(date!(2026 - 06 - 01), Value::Known("12.31".parse()?), "Arrêté du 22 mai 2026");
    /// assert_eq!(row.source.title, "Arrêté du 22 mai 2026");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(from: Date, value: Value, source_title: &str) -> Row {
        Row {
            from,
            value,
            status: Status::Confirmed,
            source: Source {
                title: source_title.to_owned(),
                href: None,
            },
            note: None,
        }
    }
}

mod iso_date {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;
    use time::format_description::well_known::Iso8601;

    pub fn serialize<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&super::format_date(*date))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text, &Iso8601::DATE).map_err(serde::de::Error::custom)
    }
}

/// Formats a date as `YYYY-MM-DD`.
pub(crate) fn format_date(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// One parameter's history: rows with strictly increasing `from` dates, so no gap and no
/// overlap by construction; known valid until `valid_until` (`None`: open-ended).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// The parameter.
    pub param: Param,
    /// The unit of the values.
    pub unit: Unit,
    /// What the parameter is.
    pub description: String,
    /// The rows, sorted by `from`.
    pub values: Vec<Row>,
    /// The last date the data is known to hold.
    #[serde(default)]
    pub valid_until: Option<Date>,
}

impl Table {
    /// The row in force on `date`.
    ///
    /// # Errors
    ///
    /// [`LawError::BeforeFirstRow`] before the first row, [`LawError::AfterLastKnown`] after
    /// `valid_until`, [`LawError::UnknownValue`] when the row in force is `unknown`.
    pub fn at(&self, date: Date) -> Result<&Row, LawError> {
        if let Some(until) = self.valid_until
            && date > until
        {
            return Err(LawError::AfterLastKnown {
                table: self.param.id(),
                date: format_date(date),
                valid_until: format_date(until),
            });
        }
        // Most lookups are for the current rows: try the last row before searching.
        let last = self.values.last().filter(|row| row.from <= date);
        let row = last
            .or_else(|| {
                let index = self.values.partition_point(|row| row.from <= date);
                index.checked_sub(1).and_then(|i| self.values.get(i))
            })
            .ok_or_else(|| LawError::BeforeFirstRow {
                table: self.param.id(),
                date: format_date(date),
                first: self
                    .values
                    .first()
                    .map(|r| format_date(r.from))
                    .unwrap_or_default(),
            })?;
        if row.value == Value::Unknown {
            return Err(LawError::UnknownValue {
                table: self.param.id(),
                date: format_date(date),
                from: format_date(row.from),
                note: row.note.clone().unwrap_or_default(),
            });
        }
        Ok(row)
    }

    /// Problems found by the table check: dates not strictly increasing, values out of the
    /// unit's range, a first row after [`FIRST_DATE`], a validity ending before
    /// [`LAST_KNOWN_DATE`]. Empty when the table is sound.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let id = self.param.id();
        match self.values.first() {
            None => problems.push(format!("{id}: no rows")),
            Some(first) if first.from > FIRST_DATE => problems.push(format!(
                "{id}: first row {} is after {} (add an 'unknown' or 'none' row)",
                format_date(first.from),
                format_date(FIRST_DATE)
            )),
            Some(_) => {}
        }
        for pair in self.values.windows(2) {
            if let [a, b] = pair
                && a.from >= b.from
            {
                problems.push(format!(
                    "{id}: dates not increasing ({} then {})",
                    format_date(a.from),
                    format_date(b.from)
                ));
            }
        }
        let (lo, hi) = self.unit.range();
        for row in &self.values {
            if let Value::Known(v) = row.value
                && (v < lo || v > hi)
            {
                problems.push(format!(
                    "{id}: value {v} on {} out of range {lo}..={hi} for {:?}",
                    format_date(row.from),
                    self.unit
                ));
            }
            if row.source.title.trim().is_empty() {
                problems.push(format!("{id}: row {} has no source", format_date(row.from)));
            }
        }
        if let Some(until) = self.valid_until
            && until < LAST_KNOWN_DATE
        {
            problems.push(format!(
                "{id}: valid until {} only, before {}",
                format_date(until),
                format_date(LAST_KNOWN_DATE)
            ));
        }
        problems
    }
}

macro_rules! params {
    ($($(#[$meta:meta])* $variant:ident = $id:literal),* $(,)?) => {
        /// The name of one parameter table.
        ///
        /// The snake_case id is the table's file name in `law/data/` and its name in errors.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum Param {
            $($(#[$meta])* $variant,)*
        }

        impl Param {
            /// Every parameter, in a fixed order.
            pub const ALL: &'static [Param] = &[$(Param::$variant,)*];

            /// The snake_case id (the table's file name without `.toml`).
            pub fn id(self) -> &'static str {
                match self {
                    $(Param::$variant => $id,)*
                }
            }

            fn embedded(self) -> &'static str {
                match self {
                    $(Param::$variant => include_str!(concat!("data/", $id, ".toml")),)*
                }
            }
        }
    };
}

params! {
    /// Gross hourly SMIC, mainland and overseas departments except Mayotte.
    SmicHourly = "smic_hourly",
    /// Gross monthly SMIC for full time (écrêtement floor).
    SmicMonthly = "smic_monthly",
    /// Gross hourly SMIC in Mayotte.
    SmicHourlyMayotte = "smic_hourly_mayotte",
    /// The 4.5 × SMIC ceiling of the allocation (and of the APLD indemnity).
    CeilingSmicMultiple = "ceiling_smic_multiple",
    /// The ceiling of the droit-commun and Covid indemnity (none in 2020).
    IndemnityCeilingSmicMultiple = "indemnity_ceiling_smic_multiple",
    /// The hourly floor of the employee indemnity (≈ net hourly SMIC).
    IndemnityFloor = "indemnity_floor",
    /// The hourly floor of the employee indemnity in Mayotte.
    IndemnityFloorMayotte = "indemnity_floor_mayotte",
    /// The annual quota of hours per employee.
    AnnualQuotaHours = "annual_quota_hours",
    /// The annual quota of hours per employee for modernisation works (motive 4°).
    AnnualQuotaWorksHours = "annual_quota_works_hours",
    /// The indemnity of apprentices paid below the SMIC, as a fraction of their pay.
    ApprenticeBelowSmicRate = "apprentice_below_smic_rate",
    /// The indemnity of training hours, as a fraction of the net hourly pay.
    TrainingIndemnityRate = "training_indemnity_rate",
    /// The fraction of the indemnity bearing CSG/CRDS (98.25 %).
    CsgBaseFraction = "csg_base_fraction",
    /// Deductible CSG on replacement income.
    CsgDeductibleRate = "csg_deductible_rate",
    /// Non-deductible CSG on replacement income.
    CsgNonDeductibleRate = "csg_non_deductible_rate",
    /// CRDS.
    CrdsRate = "crds_rate",
    /// Alsace-Moselle sickness contribution.
    AlsaceMoselleSicknessRate = "alsace_moselle_sickness_rate",
    /// Droit-commun indemnity rate.
    DroitCommunIndemnityRate = "droit_commun_indemnity_rate",
    /// Droit-commun allocation rate.
    DroitCommunAllocationRate = "droit_commun_allocation_rate",
    /// Droit-commun allocation floor, mainland.
    DroitCommunAllocationFloor = "droit_commun_allocation_floor",
    /// Droit-commun allocation floor, Mayotte.
    DroitCommunAllocationFloorMayotte = "droit_commun_allocation_floor_mayotte",
    /// APLD indemnity rate.
    ApldIndemnityRate = "apld_indemnity_rate",
    /// APLD allocation rate.
    ApldAllocationRate = "apld_allocation_rate",
    /// APLD allocation floor, mainland.
    ApldAllocationFloor = "apld_allocation_floor",
    /// APLD and majorated allocation floor, Mayotte.
    MajoratedAllocationFloorMayotte = "majorated_allocation_floor_mayotte",
    /// APLD-Rebond indemnity rate.
    ApldRebondIndemnityRate = "apld_rebond_indemnity_rate",
    /// APLD-Rebond allocation rate.
    ApldRebondAllocationRate = "apld_rebond_allocation_rate",
    /// APLD-Rebond allocation floor, mainland.
    ApldRebondAllocationFloor = "apld_rebond_allocation_floor",
    /// APLD-Rebond allocation floor, Mayotte.
    ApldRebondAllocationFloorMayotte = "apld_rebond_allocation_floor_mayotte",
    /// Protected sectors S1/S1bis: indemnity rate.
    CovidProtectedIndemnityRate = "covid_protected_indemnity_rate",
    /// Protected sectors S1/S1bis: allocation rate.
    CovidProtectedAllocationRate = "covid_protected_allocation_rate",
    /// Protected sectors S1/S1bis: allocation floor.
    CovidProtectedAllocationFloor = "covid_protected_allocation_floor",
    /// Closed establishments: indemnity rate.
    CovidClosedIndemnityRate = "covid_closed_indemnity_rate",
    /// Closed establishments: allocation rate.
    CovidClosedAllocationRate = "covid_closed_allocation_rate",
    /// Closed establishments: allocation floor.
    CovidClosedAllocationFloor = "covid_closed_allocation_floor",
    /// Vulnerable persons: indemnity rate.
    CovidVulnerableIndemnityRate = "covid_vulnerable_indemnity_rate",
    /// Vulnerable persons: allocation rate.
    CovidVulnerableAllocationRate = "covid_vulnerable_allocation_rate",
    /// Vulnerable persons and childcare: allocation floor.
    CovidVulnerableAllocationFloor = "covid_vulnerable_allocation_floor",
    /// Childcare (parents of a child under 16): indemnity rate.
    CovidChildcareIndemnityRate = "covid_childcare_indemnity_rate",
    /// Childcare: allocation rate.
    CovidChildcareAllocationRate = "covid_childcare_allocation_rate",
    /// Mayotte cyclone Chido: indemnity rate.
    ChidoIndemnityRate = "chido_indemnity_rate",
    /// Mayotte cyclone Chido: allocation rate.
    ChidoAllocationRate = "chido_allocation_rate",
    /// Mayotte cyclone Chido: allocation floor.
    ChidoAllocationFloor = "chido_allocation_floor",
    /// Whether APLD employers get a higher majorated Covid allocation rate (1 = yes).
    ApldMajoration = "apld_majoration",
    /// Days within which the administration decides on a DA before silence means acceptance.
    DaDecisionDelayDays = "da_decision_delay_days",
    /// Days after the placement a DA for sinistre or intempéries (3°) may still be filed.
    DaLateFilingDaysDisaster = "da_late_filing_days_disaster",
    /// Days after the placement a DA for exceptional circumstances (5°) may still be filed.
    DaLateFilingDaysExceptionalCircumstances = "da_late_filing_days_exceptional_circumstances",
    /// Longest authorisation in months, motives other than 3°.
    DaMaxDurationMonths = "da_max_duration_months",
    /// Longest authorisation in months for sinistre or intempéries (3°).
    DaMaxDurationMonthsDisaster = "da_max_duration_months_disaster",
    /// Most authorised months within the cumulative window (none: no cumulative limit).
    DaCumulativeLimitMonths = "da_cumulative_limit_months",
    /// The cumulative window's length in months (none: no cumulative limit).
    DaCumulativeWindowMonths = "da_cumulative_window_months",
    /// Months after the authorised period's end within which a DI may be filed.
    DiClaimDeadlineMonths = "di_claim_deadline_months",
    /// APLD: largest reduction of working time over the accord's period (40 %).
    ApldMaxReduction = "apld_max_reduction",
    /// APLD: largest reduction in the accord's exceptional cases (50 %).
    ApldMaxReductionExceptional = "apld_max_reduction_exceptional",
    /// APLD: most months of allocation within the reference period.
    ApldMaxMonths = "apld_max_months",
    /// APLD: the reference period in months.
    ApldReferenceMonths = "apld_reference_months",
    /// APLD-Rebond: largest reduction of working time over the accord's period (40 %).
    ApldRebondMaxReduction = "apld_rebond_max_reduction",
    /// APLD-Rebond: largest reduction in the accord's exceptional cases (50 %).
    ApldRebondMaxReductionExceptional = "apld_rebond_max_reduction_exceptional",
    /// APLD-Rebond: most months of allocation within the period of application.
    ApldRebondMaxMonths = "apld_rebond_max_months",
    /// APLD-Rebond: the period of application in months.
    ApldRebondReferenceMonths = "apld_rebond_reference_months",
    /// Whether a conventional complement is replacement income (1) or pay (none).
    ComplementReplacementIncome = "complement_replacement_income",
    /// Cap, in hourly SMICs, of indemnity + complement treated as replacement income.
    ComplementReplacementIncomeCapSmicMultiple = "complement_replacement_income_cap_smic_multiple",
}

impl fmt::Display for Param {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Param {
    type Err = LawError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Param::ALL
            .iter()
            .copied()
            .find(|p| p.id() == s.trim())
            .ok_or_else(|| LawError::UnknownParam { name: s.to_owned() })
    }
}

/// The raw shape of a data file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableFile {
    id: String,
    unit: Unit,
    description: String,
    values: Vec<Row>,
    #[serde(default, with = "opt_iso_date")]
    valid_until: Option<Date>,
    #[serde(default)]
    ended: bool,
    #[serde(default)]
    open_ended: bool,
}

mod opt_iso_date {
    use serde::{Deserialize, Deserializer};
    use time::Date;
    use time::format_description::well_known::Iso8601;

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Date>, D::Error> {
        let text = Option::<String>::deserialize(deserializer)?;
        text.map(|t| Date::parse(&t, &Iso8601::DATE).map_err(serde::de::Error::custom))
            .transpose()
    }
}

/// Every parameter table, built in or supplied by the caller.
///
/// Invariant: holds exactly one table per [`Param`], in [`Param::ALL`] order, each passing
/// [`Table::problems`] for its ordering (overrides are checked when added).
///
/// Parse the built-in book once ([`LawBook::builtin`]) and share it: lookups are a binary
/// search over a dozen rows and never allocate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LawBook {
    tables: Vec<Table>,
}

impl LawBook {
    /// The tables embedded in this release.
    ///
    /// # Errors
    ///
    /// [`LawError::InvalidData`] if an embedded file does not parse: impossible for a released
    /// build, since the table test parses every file.
    ///
    /// ```
    /// use apart::law::{LawBook, Param};
    /// let book = LawBook::builtin()?;
    /// assert_eq!(book.tables().len(), Param::ALL.len());
    /// assert!(book.problems().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builtin() -> Result<LawBook, LawError> {
        Self::parse_builtin()
    }

    /// The built-in book, parsed once per process and shared: what the library's own rules
    /// (the procedure's quotas and delays) read. Immutable; a caller who overrides rows builds
    /// its own book with [`LawBook::builtin`] and passes it where an API takes a `&LawBook`.
    ///
    /// # Errors
    ///
    /// As [`LawBook::builtin`] (impossible for a released build); the error is kept and
    /// returned again on every call, never a panic.
    ///
    /// ```
    /// use apart::law::{LawBook, Param};
    /// use time::macros::date;
    /// let book = LawBook::shared()?;
    /// assert!(std::ptr::eq(book, LawBook::shared()?));
    /// let quota = book.lookup(Param::AnnualQuotaHours, date!(2021 - 01 - 01))?;
    /// assert_eq!(quota.value.to_string(), "1607");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn shared() -> Result<&'static LawBook, LawError> {
        static SHARED: OnceLock<Result<LawBook, LawError>> = OnceLock::new();
        SHARED
            .get_or_init(Self::parse_builtin)
            .as_ref()
            .map_err(Clone::clone)
    }

    fn parse_builtin() -> Result<LawBook, LawError> {
        let mut tables = Vec::with_capacity(Param::ALL.len());
        for &param in Param::ALL {
            tables.push(Self::parse_table(param, param.embedded())?);
        }
        Ok(LawBook { tables })
    }

    /// Parses one table from TOML text in the data-file format (see *Data origin*).
    ///
    /// # Errors
    ///
    /// [`LawError::InvalidData`] when the text does not parse, names another table, or its
    /// dates are not strictly increasing.
    pub fn parse_table(param: Param, text: &str) -> Result<Table, LawError> {
        let invalid = |reason: String| LawError::InvalidData {
            table: param.id(),
            reason,
        };
        let file: TableFile = toml::from_str(text).map_err(|e| invalid(e.to_string()))?;
        if file.id != param.id() {
            return Err(invalid(format!("file names table '{}'", file.id)));
        }
        let valid_until = if file.ended || file.open_ended {
            None
        } else {
            Some(file.valid_until.unwrap_or(LAST_KNOWN_DATE))
        };
        let table = Table {
            param,
            unit: file.unit,
            description: file.description,
            values: file.values,
            valid_until,
        };
        if let Some(problem) = table
            .problems()
            .into_iter()
            .find(|p| p.contains("not increasing"))
        {
            return Err(invalid(problem));
        }
        Ok(table)
    }

    /// The table of `param`.
    ///
    /// # Errors
    ///
    /// [`LawError::UnknownParam`] cannot happen for a book built by this module (invariant);
    /// it is returned rather than panicking.
    pub fn table(&self, param: Param) -> Result<&Table, LawError> {
        self.tables
            .iter()
            .find(|t| t.param == param)
            .ok_or_else(|| LawError::UnknownParam {
                name: param.id().to_owned(),
            })
    }

    /// Every table, in [`Param::ALL`] order.
    pub fn tables(&self) -> &[Table] {
        &self.tables
    }

    /// The row of `param` in force on `date` (the date of the hours not worked).
    ///
    /// # Errors
    ///
    /// See [`Table::at`].
    ///
    /// ```
    /// use apart::law::{LawBook, Param, Value};
    /// use time::macros::date;
    /// let book = LawBook::builtin()?;
    /// // The applied calendar: 52 % in June 2021, not the postponed 36 % of the legal texts.
    /// let row = book.lookup(Param::DroitCommunAllocationRate, date!(2021 - 06 - 15))?;
    /// assert_eq!(row.value, Value::Known("0.52".parse()?));
    /// assert!(book.lookup(Param::DroitCommunAllocationRate, date!(2020 - 02 - 29)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn lookup(&self, param: Param, date: Date) -> Result<&Row, LawError> {
        // Param::ALL order is the storage order: direct access, checked.
        let table = self
            .tables
            .get(param as usize)
            .filter(|t| t.param == param)
            .map_or_else(|| self.table(param), Ok)?;
        table.at(date)
    }

    /// Adds a row, or replaces the row with the same `from` date (a decree published after
    /// this release, or a correction).
    ///
    /// The table's validity is not extended: call [`LawBook::set_valid_until`] to vouch for a
    /// later period.
    ///
    /// # Errors
    ///
    /// [`LawError::InvalidOverride`] when the value is outside the unit's range.
    ///
    /// ```
    /// use apart::law::{LawBook, Param, Row, Value};
    /// use time::macros::date;
    ///
    /// let mut book = LawBook::builtin()?;
    /// book.upsert_row(Param::SmicHourly, Row::new(date!(2026 - 06 - 01), Value::Known("12.31".parse()?), "Arrêté du 22 mai 2026"))?;
    /// book.set_valid_until(Param::SmicHourly, date!(2026 - 12 - 31))?;
    /// let row = book.lookup(Param::SmicHourly, date!(2026 - 07 - 01))?;
    /// assert_eq!(row.value.to_string(), "12.31");
    /// // Out of range for euros per hour:
    /// assert!(book.upsert_row(Param::SmicHourly, Row::new(date!(2026 - 08 - 01), Value::Known("1231".parse()?), "typo")).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn upsert_row(&mut self, param: Param, row: Row) -> Result<(), LawError> {
        let table = self.table_mut(param)?;
        let (lo, hi) = table.unit.range();
        if let Value::Known(v) = row.value
            && (v < lo || v > hi)
        {
            return Err(LawError::InvalidOverride {
                table: param.id(),
                reason: format!("value {v} out of range {lo}..={hi}"),
            });
        }
        match table.values.binary_search_by(|r| r.from.cmp(&row.from)) {
            Ok(i) => {
                if let Some(slot) = table.values.get_mut(i) {
                    *slot = row;
                }
            }
            Err(i) => table.values.insert(i, row),
        }
        Ok(())
    }

    /// Declares that `param`'s rows are known to hold until `until` (the caller vouches for
    /// the period after [`LAST_KNOWN_DATE`]).
    ///
    /// # Errors
    ///
    /// Cannot fail for a built-in parameter; returns [`LawError::UnknownParam`] otherwise.
    pub fn set_valid_until(&mut self, param: Param, until: Date) -> Result<(), LawError> {
        let table = self.table_mut(param)?;
        table.valid_until = Some(until);
        Ok(())
    }

    /// Replaces a whole table (same TOML format as the data files).
    ///
    /// # Errors
    ///
    /// As [`LawBook::parse_table`].
    pub fn replace_table(&mut self, param: Param, toml_text: &str) -> Result<(), LawError> {
        let table = Self::parse_table(param, toml_text)?;
        *self.table_mut(param)? = table;
        Ok(())
    }

    /// The problems of every table (see [`Table::problems`]); empty when the book is sound.
    pub fn problems(&self) -> Vec<String> {
        self.tables.iter().flat_map(Table::problems).collect()
    }

    fn table_mut(&mut self, param: Param) -> Result<&mut Table, LawError> {
        self.tables
            .iter_mut()
            .find(|t| t.param == param)
            .ok_or_else(|| LawError::UnknownParam {
                name: param.id().to_owned(),
            })
    }
}

/// Why a parameter could not be read.
///
/// Every message names the table, so that the caller knows which row to add.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LawError {
    /// The date is before the table's first row (before 2020-03-01 for most tables).
    BeforeFirstRow {
        /// The table id.
        table: &'static str,
        /// The date looked up.
        date: String,
        /// The first date of the table.
        first: String,
    },
    /// The date is after the last date the table is known to hold.
    AfterLastKnown {
        /// The table id.
        table: &'static str,
        /// The date looked up.
        date: String,
        /// The last known date.
        valid_until: String,
    },
    /// The stored sources do not give the value in force on that date.
    UnknownValue {
        /// The table id.
        table: &'static str,
        /// The date looked up.
        date: String,
        /// The start of the unknown period.
        from: String,
        /// What is known.
        note: String,
    },
    /// No table has this name.
    UnknownParam {
        /// The name given.
        name: String,
    },
    /// A data file or caller table does not parse.
    InvalidData {
        /// The table id.
        table: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// A caller row was refused.
    InvalidOverride {
        /// The table id.
        table: &'static str,
        /// What is wrong.
        reason: String,
    },
}

impl Diagnostic for LawError {
    fn family(&self) -> crate::diagnostic::Family {
        crate::diagnostic::Family::Law
    }

    fn code(&self) -> &'static str {
        match self {
            LawError::BeforeFirstRow { .. } => "LAW_DATE_BEFORE_FIRST",
            LawError::AfterLastKnown { .. } => "LAW_DATE_AFTER_LAST_KNOWN",
            LawError::UnknownValue { .. } => "LAW_VALUE_UNKNOWN",
            LawError::UnknownParam { .. } => "LAW_UNKNOWN_PARAMETER",
            LawError::InvalidData { .. } => "LAW_INVALID_DATA",
            LawError::InvalidOverride { .. } => "LAW_INVALID_OVERRIDE",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (LawError::BeforeFirstRow { table, date, first }, Lang::Fr) => {
                format!("paramètre « {table} » inconnu au {date} : la table commence le {first}")
            }
            (LawError::BeforeFirstRow { table, date, first }, _) => {
                format!("parameter '{table}' unknown on {date}: the table starts on {first}")
            }
            (
                LawError::AfterLastKnown {
                    table,
                    date,
                    valid_until,
                },
                Lang::Fr,
            ) => format!(
                "paramètre « {table} » inconnu au {date} : données connues jusqu'au {valid_until} ; \
                 ajoutez la ligne avec LawBook::upsert_row puis LawBook::set_valid_until"
            ),
            (
                LawError::AfterLastKnown {
                    table,
                    date,
                    valid_until,
                },
                _,
            ) => format!(
                "parameter '{table}' unknown on {date}: data known until {valid_until}; \
                 add the row with LawBook::upsert_row then LawBook::set_valid_until"
            ),
            (
                LawError::UnknownValue {
                    table, date, from, ..
                },
                Lang::Fr,
            ) => format!(
                "paramètre « {table} » non confirmé au {date} (période commençant le {from}) ; \
                 ajoutez la ligne avec LawBook::upsert_row"
            ),
            (
                LawError::UnknownValue {
                    table, date, from, ..
                },
                _,
            ) => format!(
                "parameter '{table}' not confirmed on {date} (period starting {from}); \
                 add the row with LawBook::upsert_row"
            ),
            (LawError::UnknownParam { name }, Lang::Fr) => {
                format!("paramètre inconnu : « {name} »")
            }
            (LawError::UnknownParam { name }, _) => format!("unknown parameter: '{name}'"),
            (LawError::InvalidData { table, reason }, Lang::Fr) => {
                format!("table « {table} » invalide : {reason}")
            }
            (LawError::InvalidData { table, reason }, _) => {
                format!("invalid table '{table}': {reason}")
            }
            (LawError::InvalidOverride { table, reason }, Lang::Fr) => {
                format!("ligne refusée pour « {table} » : {reason}")
            }
            (LawError::InvalidOverride { table, reason }, _) => {
                format!("row refused for '{table}': {reason}")
            }
        }
    }

    fn details(&self) -> Vec<Detail> {
        match self {
            LawError::BeforeFirstRow { table, date, first } => vec![
                ("table", (*table).into()),
                ("date", date.as_str().into()),
                ("first", first.as_str().into()),
            ],
            LawError::AfterLastKnown {
                table,
                date,
                valid_until,
            } => vec![
                ("table", (*table).into()),
                ("date", date.as_str().into()),
                ("valid_until", valid_until.as_str().into()),
            ],
            LawError::UnknownValue {
                table,
                date,
                from,
                note,
            } => vec![
                ("table", (*table).into()),
                ("date", date.as_str().into()),
                ("from", from.as_str().into()),
                ("note", note.as_str().into()),
            ],
            LawError::UnknownParam { name } => vec![("name", name.as_str().into())],
            LawError::InvalidData { table, reason }
            | LawError::InvalidOverride { table, reason } => {
                vec![
                    ("table", (*table).into()),
                    ("reason", reason.as_str().into()),
                ]
            }
        }
    }
}
french_display!(LawError);

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
    use super::*;
    use crate::money::round_cents;
    use rust_decimal_macros::dec;

    fn known(book: &LawBook, p: Param, d: Date) -> Decimal {
        book.lookup(p, d).unwrap().value.known().unwrap()
    }

    /// The table check (issue 3 item 1): every table parses, dates strictly increase (so no
    /// gap and no overlap), values are in range for their unit, every row has a source, and
    /// every table covers 2020-03-01 to LAST_KNOWN_DATE.
    #[test]
    fn every_table_is_sound() {
        let book = LawBook::builtin().unwrap();
        assert_eq!(book.tables().len(), Param::ALL.len());
        let problems = book.problems();
        assert!(problems.is_empty(), "{problems:#?}");
        for (i, table) in book.tables().iter().enumerate() {
            assert_eq!(table.param as usize, i);
            // Covered from the first date to the last known date: every lookup answers
            // (a value, 'none', or an explicit 'unknown'), never "before first"/"after last".
            let mut d = FIRST_DATE;
            while d <= LAST_KNOWN_DATE {
                match book.lookup(table.param, d) {
                    Ok(_) | Err(LawError::UnknownValue { .. }) => {}
                    Err(e) => panic!("{}: {e}", table.param),
                }
                d = d.next_day().unwrap();
            }
        }
    }

    /// Monthly SMIC = hourly × 35 × 52 / 12, rounded to the cent (spec §1.1). Note: not × 151.67
    /// as the spec's note says (10.15 × 151.67 = 1 539.45, the decree says 1 539.42).
    #[test]
    fn monthly_smic_is_hourly_times_151_6667() {
        let book = LawBook::builtin().unwrap();
        for row in &book.table(Param::SmicMonthly).unwrap().values {
            let hourly = known(&book, Param::SmicHourly, row.from);
            let monthly = row.value.known().unwrap();
            assert_eq!(
                round_cents(hourly * dec!(35) * dec!(52) / dec!(12)),
                monthly,
                "{}",
                row.from
            );
        }
    }

    /// Spec §1.2 empirical rule (11 of 11): droit-commun floor = round(0.9 × net hourly SMIC),
    /// where the net hourly SMIC is the indemnity floor; checked from 2021-07 on.
    #[test]
    fn droit_commun_floor_is_ninety_percent_of_the_indemnity_floor() {
        let book = LawBook::builtin().unwrap();
        for d in [
            date!(2021 - 10 - 01),
            date!(2022 - 01 - 01),
            date!(2022 - 05 - 01),
            date!(2022 - 08 - 01),
            date!(2023 - 01 - 01),
            date!(2023 - 05 - 01),
            date!(2024 - 01 - 01),
            date!(2024 - 11 - 01),
            date!(2026 - 01 - 01),
        ] {
            let floor = known(&book, Param::DroitCommunAllocationFloor, d);
            let net = known(&book, Param::IndemnityFloor, d);
            assert_eq!(round_cents(dec!(0.9) * net), floor, "{d}");
            assert_eq!(known(&book, Param::ApldAllocationFloor, d), net, "{d}");
        }
    }

    /// The indemnity floor (a net hourly SMIC) is below the gross hourly SMIC on every date:
    /// the engine relies on it to skip the floor when the rate gives more than the SMIC.
    #[test]
    fn indemnity_floor_is_below_the_smic() {
        let book = LawBook::builtin().unwrap();
        let mut d = FIRST_DATE;
        while d <= LAST_KNOWN_DATE {
            assert!(
                known(&book, Param::IndemnityFloor, d) < known(&book, Param::SmicHourly, d),
                "{d}"
            );
            d = d.next_day().unwrap();
        }
    }

    #[test]
    fn lookups_follow_the_applied_calendar() {
        let book = LawBook::builtin().unwrap();
        // 2021: 60 % until May, 52 % in June, 36 % from July (not 36 % from February).
        assert_eq!(
            known(
                &book,
                Param::DroitCommunAllocationRate,
                date!(2021 - 02 - 15)
            ),
            dec!(0.60)
        );
        assert_eq!(
            known(
                &book,
                Param::DroitCommunAllocationRate,
                date!(2021 - 06 - 30)
            ),
            dec!(0.52)
        );
        assert_eq!(
            known(
                &book,
                Param::DroitCommunAllocationRate,
                date!(2021 - 07 - 01)
            ),
            dec!(0.36)
        );
        // No indemnity ceiling in 2020.
        assert_eq!(
            book.lookup(Param::IndemnityCeilingSmicMultiple, date!(2020 - 12 - 31))
                .unwrap()
                .value,
            Value::NotApplicable
        );
    }

    #[test]
    fn errors_name_the_table() {
        let book = LawBook::builtin().unwrap();
        let e = book
            .lookup(Param::SmicHourly, date!(2026 - 06 - 01))
            .unwrap_err();
        assert_eq!(e.code(), "LAW_DATE_AFTER_LAST_KNOWN");
        assert!(e.message(Lang::En).contains("smic_hourly"));
        assert!(e.to_string().contains("upsert_row"));
        let e = book
            .lookup(Param::DroitCommunAllocationFloor, date!(2020 - 02 - 29))
            .unwrap_err();
        assert_eq!(e.code(), "LAW_DATE_BEFORE_FIRST");
        let e = book
            .lookup(Param::CovidProtectedAllocationFloor, date!(2021 - 07 - 15))
            .unwrap_err();
        assert_eq!(e.code(), "LAW_VALUE_UNKNOWN");
    }

    #[test]
    fn overrides_replace_and_insert() {
        let mut book = LawBook::builtin().unwrap();
        let floor = Param::MajoratedAllocationFloorMayotte;
        book.upsert_row(
            floor,
            Row::new(date!(2023 - 01 - 01), Value::Known(dec!(7.74)), "caller"),
        )
        .unwrap();
        assert_eq!(known(&book, floor, date!(2023 - 02 - 15)), dec!(7.74));
        // 2021 stays unknown.
        assert!(book.lookup(floor, date!(2021 - 06 - 01)).is_err());
        book.upsert_row(
            floor,
            Row::new(
                date!(2023 - 01 - 01),
                Value::Known(dec!(7.75)),
                "caller fix",
            ),
        )
        .unwrap();
        assert_eq!(known(&book, floor, date!(2023 - 02 - 15)), dec!(7.75));
        // The row of 2023-05 still starts where it did.
        assert_eq!(known(&book, floor, date!(2023 - 05 - 01)), dec!(7.88));
        assert!(book.problems().is_empty());
    }

    #[test]
    fn param_ids_round_trip() {
        for &p in Param::ALL {
            assert_eq!(p.id().parse::<Param>().unwrap(), p);
        }
        assert!("smic".parse::<Param>().is_err());
    }
}
