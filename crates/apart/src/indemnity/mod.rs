//! The employee indemnity, the employer allocation, CSG/CRDS, the RMM complement and the
//! monthly claim totals of activité partielle, with the reasons of every figure.
//!
//! One entry point per question:
//!
//! * [`compute`]: one employee, one month → an [`Outcome`] (hourly reference raw and capped,
//!   hourly indemnity and allocation, amounts, hours compensated and refused, CSG/CRDS, RMM
//!   complement, the conventional complement, the rest payable by the employer, warnings, and,
//!   on request, the [`ExplanationStep`]s of the explanation in French and English);
//! * [`compute_claim`]: a list of employees of one establishment for one month (the DI) →
//!   per-employee lines and totals.
//!
//! Inputs and outputs are plain serde records (decimals as strings, dates ISO) so that the
//! bindings reuse them as JSON. Parameters come from a [`LawBook`] keyed by the date of the
//! hours not worked (spec §6 pitfall 2).
//!
//! # The computation (spec §2.3)
//!
//! ```text
//! rhr         = (gross + variable average) / min(contract hours, 151.67)     R5122-12, R5122-18
//! capped      = min(rhr, 4.5 × SMIC)            (indemnity: no cap in 2020)  D5122-13, R5122-18
//! ind_h       = max(rate_ind × capped, floor)   (floor: part-time and temporary workers; full
//!                                                time per FullTimeFloor); ≤ net hourly pay
//! alloc_h     = max(rate_alloc × capped, floor) (no floor for apprentices, contrats pro,
//!                                                pigistes and VRP paid below the SMIC)
//! indemnity   = ind_h × hours compensated      (+ RMM complement for full-timers)
//! allocation  = alloc_h × min(hours compensated, remaining annual quota)
//! ```
//!
//! Rounding follows [`RoundingPolicy`]: `PerHour` (default) rounds the hourly reference, then
//! each hourly rate after ceiling and floor, then each amount; `Exact` rounds the amounts only.
//!
//! # Choices where the law or the spec is silent
//!
//! * **Date of the parameters**: the first day of the month, or `hours_date` when a change falls
//!   inside the month (Chido from 2024-12-14). One date per employee-month.
//! * **Divisor of the hourly reference**: `min(contract hours, 151.67)`, or the contract hours
//!   with [`Overtime::Structural`]. The same duration caps the hours compensated.
//! * **Refused hours** (above the contract, or above 151.67 h without structural overtime) are
//!   reported in [`Outcome::hours_refused`] with a [`Warning`], never clamped silently. Weekly
//!   limits (35 h/week) are the caller's count (spec §2.2): give the hours already counted.
//! * **Employee hourly floor**: statutory for part-timers and temporary-agency workers
//!   (2020–2022 by ordonnance 2020-346 art. 3, permanent from 2023 by décret 2022-1665), as
//!   `min(floor, hourly reference)` (the "taux horaire de la rémunération s'il est
//!   inférieur" read as the gross hourly reference);
//!   for everyone else [`FullTimeFloor`] decides, by default by period (the
//!   `full_time_hourly_floor` table: hourly for hours up to 2022-12-31, RMM only from
//!   2023-01-01, spec §1.3 decided 2026-12) — except under APLD, whose indemnity has its own
//!   minimum (the net hourly SMIC) for every employee (spec §1.4). A full-timer below the
//!   floor without the RMM inputs gets the warning `RMM_INPUTS_MISSING`.
//! * **Net cap** (R5122-18): with `net_hourly_pay`, the hourly indemnity never exceeds it.
//! * **Law after the verified date**: the rows in force keep applying (values stay in force
//!   until a text changes them), with `law_as_of` and the warning `LAW_BEYOND_VERIFIED_DATE`;
//!   `Options::strict_law_dates` refuses instead. An `unknown` floor that cannot bind (the
//!   rate already gives at least the highest floor the table ever had) is skipped, warned.
//! * **APLD counters** (`apld_period_months`, `apld_hours_used`, `apld_months_used`,
//!   `apld_exceptional_reduction`): hours beyond the 40 % (50 %) reduction over the accord's
//!   period, and every hour of a month beyond the maximum duration, are refused with their
//!   reason. The caller counts the months and hours, the neutralised months excluded.
//! * **Conventional complement** (`complement_rate`, a fraction of the hourly reference for
//!   the total paid, or `complement_amount`): paid by the employer, never in the allocation;
//!   replacement income within 3.15 × SMIC per hour until 2022 (in the CSG/CRDS base), pay from
//!   2023 (its contributions are not computed: warned).
//! * **Below the SMIC** (apprentices, contrats pro, pigistes, VRP) means the exact hourly
//!   reference is below the hourly SMIC of the date and territory.
//! * **Training hours** (from 2023): 100 % of the net hourly pay given as input; the allocation
//!   of those hours is the normal one.
//! * **Quota**: by the calendar year of the hours (1 607 h in 2020 and 2021); hours beyond have
//!   no allocation but the indemnity stays due (warning).
//! * **CSG/CRDS**: computed only when `net_pay_worked` is given (the écrêtement needs it); each
//!   levy rounded to the cent as on a payslip; levy order CSG déductible → CSG non déductible →
//!   CRDS → Alsace-Moselle (the last one's place is not in the sources). Mayotte: none, and its
//!   sickness contribution (2.35 % or 3.06 %, date unconfirmed) is not computed (warning).
//! * **RMM complement**: full-timers and CDI intérimaires, when both `rmm_net` and
//!   `net_pay_worked` are given: `max(0, RMM − net pay − net indemnity)`. It bears no levy: a
//!   positive complement means net pay + indemnity is below the RMM, hence below the monthly
//!   gross SMIC, so the écrêtement removes every levy.
//! * **APLD of a protected/closed employer** (from 2020-11-01): the higher majorated rate with
//!   its own floor, as long as the Covid regime's table has one.
//! * **Rest payable** may be negative (allocation floor above a low indemnity): it is shown as
//!   is.
//!
//! Not modelled (yet): the Mayotte cap of D5522-87 al. 2, the non-resident 2.8 % contribution,
//! the contributions on a complement that is pay, the special references of cadres dirigeants
//! and portage salarial, and the DI filing deadlines.
//!
//! # Example
//!
//! ```
//! use apart::indemnity::{compute, EmployeeMonth, Options};
//! use apart::law::LawBook;
//!
//! let book = LawBook::shared()?;
//! // Spec §4 #11: 2026-01, 3 000 € for 151.67 h, 70 h not worked.
//! let input = EmployeeMonth::new("2026-01".parse()?, "3000".parse()?, "70".parse()?);
//! let out = compute(book, &input, &Options::default())?;
//! assert_eq!(out.hourly_reference.to_string(), "19.78");
//! assert_eq!(out.employee_hourly_indemnity.to_string(), "11.87");
//! assert_eq!(out.employee_indemnity.to_string(), "830.90");
//! assert_eq!(out.employer_hourly_allocation.to_string(), "8.57"); // 0.36 × 19.78 = 7.12 < floor
//! assert_eq!(out.employer_allocation.to_string(), "599.90");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod claim;
pub mod claim_csv;
mod columns;
mod error;
mod explain;
mod fixed_point;
mod general;
mod input;
mod levies;
mod regime;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::Date;

pub use claim::{
    ClaimLine, ClaimOutcome, ClaimTotals, UnreadRecord, compute_claim, compute_claim_line,
    compute_claim_of_values, compute_claim_rows,
};
pub use columns::{ClaimColumn, ClaimColumns};
pub use error::{IndemnityError, InputProblem, Warning};
pub use explain::{ExplanationStep, Rounding, StepValue};
pub use levies::contributions;

use crate::calendar::Month;
use crate::law::LawBook;
use crate::money::{Euros, HourlyAmount, Hours, Rate, RoundingPolicy};

/// The legal monthly duration for full time: 35 h × 52 / 12, written 151.67 h (R5122-19).
pub const LEGAL_MONTHLY_HOURS: Decimal = Decimal::from_parts(15167, 0, 0, false, 2);

/// The largest accepted number of hours in a month (31 days × 24 h): anything above is a
/// typing error, refused.
pub const MAX_MONTHLY_HOURS: Decimal = Decimal::from_parts(744, 0, 0, false, 0);

/// The most characters of an employee's reference ([`EmployeeMonth::employee`]): a name or a
/// matricule; every outcome and claim line carries it back, so a longer one is refused
/// (`VALUE_TOO_LONG`).
///
/// ```
/// use apart::indemnity::{compute, EmployeeMonth, Options, MAX_EMPLOYEE_REF_CHARS};
/// use apart::Diagnostic;
/// let book = apart::law::LawBook::shared()?;
/// let mut input = EmployeeMonth::new("2026-01".parse()?, "2000".parse()?, "70".parse()?);
/// input.employee = Some("x".repeat(MAX_EMPLOYEE_REF_CHARS + 1));
/// assert_eq!(compute(book, &input, &Options::default()).unwrap_err().code(), "VALUE_TOO_LONG");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_EMPLOYEE_REF_CHARS: usize = 255;

/// The largest accepted monthly pay: anything above is a typing error, refused.
pub const MAX_MONTHLY_PAY: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

crate::spelled_enum! {
    /// The scheme the hours are claimed under (spec §1.2–§1.5).
    ///
    /// ```
    /// use apart::indemnity::Regime;
    /// assert_eq!("apld-rebond".parse::<Regime>()?, Regime::ApldRebond);
    /// assert_eq!(Regime::CovidClosed.as_str(), "covid_closed");
    /// assert!("chomage".parse::<Regime>().is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
    #[derive(Default)]
    #[non_exhaustive]
    pub enum Regime: "regime" {
        /// Droit commun (D5122-13, R5122-18).
        #[default]
        DroitCommun = "droit_commun",
        /// Activité partielle de longue durée (décret 2020-926), 2020-07-31 → 2026-12-31.
        Apld = "apld",
        /// APLD-Rebond (décret 2025-338), from 2025-04-16.
        ApldRebond = "apld_rebond",
        /// Protected sectors S1/S1bis (décret 2020-810), until 2021-08-31.
        CovidProtected = "covid_protected",
        /// Establishments closed by administrative decision and assimilated, until 2022-03-31.
        CovidClosed = "covid_closed",
        /// Vulnerable persons, 2020-05-01 → 2023-01-31.
        CovidVulnerable = "covid_vulnerable",
        /// Parents of a child under 16 (garde d'enfants), 2020-05-01 → 2022-07-31.
        CovidChildcare = "covid_childcare",
        /// Mayotte, cyclone Chido (décret 2025-254), hours 2024-12-14 → 2025-03-31.
        MayotteChido = "mayotte_chido",
    }
}

crate::spelled_enum! {
    /// The employee's situation, which decides floors and exemptions (spec §1.3, §1.7).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::indemnity::{simulate, Category, EmployeeMonth, Options};
    ///
    /// // Spec §4 #14: part time, 104 h a month, 1 500 €, 52 h not worked in 2026-01.
    /// let mut input = EmployeeMonth::new("2026-01".parse()?, "1500".parse()?, "52".parse()?);
    /// input.contract_hours = "104".parse()?;
    /// input.category = "part_time".parse()?;
    /// assert_eq!(input.category, Category::PartTime);
    /// let out = simulate(&input, &Options::default())?;
    /// // 60 % × 14.42 = 8.65, below the part-time floor.
    /// assert_eq!(out.employee_hourly_indemnity.to_string(), "9.52");
    /// assert_eq!(out.employee_indemnity.to_string(), "495.04");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
    #[derive(Default)]
    #[non_exhaustive]
    pub enum Category: "category" {
        /// Full time: the guarantee is the monthly RMM; the hourly floor is a policy.
        #[default]
        FullTime = "full_time",
        /// Part time (L3123-1): statutory hourly floor, or the hourly pay if lower.
        PartTime = "part_time",
        /// Temporary-agency worker (mission): statutory hourly floor.
        Temporary = "temporary",
        /// CDI intérimaire (L1251-58-1): RMM like full time, no statutory hourly floor.
        PermanentTemporary = "permanent_temporary",
        /// Apprentice: paid below the SMIC, 100 % of the pay and no floor.
        Apprentice = "apprentice",
        /// Contrat de professionnalisation: as an apprentice.
        ProfessionalisationContract = "professionalisation_contract",
        /// Journaliste pigiste: no allocation floor when paid below the SMIC.
        FreelanceJournalist = "freelance_journalist",
        /// VRP (sales representative): no allocation floor when paid below the SMIC.
        SalesRepresentative = "sales_representative",
    }
}

crate::spelled_enum! {
    /// Where the employee works, for pay: Mayotte has its own SMIC and floors,
    /// Alsace-Moselle an extra sickness contribution.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::indemnity::{simulate, EmployeeMonth, Options, PayTerritory};
    ///
    /// // 2 500 €, 60 h not worked in 2026-01: 36 % × 16.48 = 5.93 is below either floor.
    /// let mut input = EmployeeMonth::new("2026-01".parse()?, "2500".parse()?, "60".parse()?);
    /// let out = simulate(&input, &Options::default())?;
    /// assert_eq!(out.employer_hourly_allocation.to_string(), "8.57");
    /// input.territory = PayTerritory::Mayotte;
    /// let out = simulate(&input, &Options::default())?;
    /// assert_eq!(out.smic_hourly.to_string(), "9.33");
    /// assert_eq!(out.employer_hourly_allocation.to_string(), "7.50"); // D5522-87
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
    #[derive(Default)]
    #[non_exhaustive]
    pub enum PayTerritory: "territory" {
        /// Metropolitan France and the overseas departments other than Mayotte.
        #[default]
        Mainland = "mainland",
        /// Mayotte (D5522-87).
        Mayotte = "mayotte",
        /// Bas-Rhin, Haut-Rhin, Moselle: mainland rules plus the local sickness contribution.
        AlsaceMoselle = "alsace_moselle",
    }
}

crate::spelled_enum! {
    /// Whether contractual hours above the legal duration count (L5122-3 I 1°).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::indemnity::{simulate, EmployeeMonth, Options, Overtime};
    ///
    /// // A 39 h week (169 h a month), the whole month not worked.
    /// let mut input = EmployeeMonth::new("2026-01".parse()?, "2500".parse()?, "169".parse()?);
    /// input.contract_hours = "169".parse()?;
    /// let out = simulate(&input, &Options::default())?;
    /// assert_eq!(out.hours_compensated.to_string(), "151.67");
    /// assert_eq!(out.hours_refused[0].reason, "above_legal_duration");
    /// input.overtime = Overtime::Structural;
    /// let out = simulate(&input, &Options::default())?;
    /// assert_eq!(out.hours_compensated.to_string(), "169");
    /// assert!(out.hours_refused.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
    #[derive(Default)]
    #[non_exhaustive]
    pub enum Overtime: "overtime" {
        /// Hours above 151.67 h/month are not compensated (reported with a warning).
        #[default]
        NotCounted = "not_counted",
        /// Structural overtime (forfait-heures including overtime, or a collective duration
        /// above 35 h by agreement): the contractual hours count.
        Structural = "structural",
    }
}

crate::spelled_enum! {
    /// Whether full-timers get the hourly indemnity floor (spec §1.3, decided 2026-12).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::indemnity::{simulate, EmployeeMonth, FullTimeFloor, Options};
    /// use apart::Diagnostic;
    ///
    /// // A full-timer paid 1 560 € (below the SMIC), 70 h not worked in 2026-01: 60 % × 10.29.
    /// let input = EmployeeMonth::new("2026-01".parse()?, "1560".parse()?, "70".parse()?);
    /// let out = simulate(&input, &Options::default())?; // by period: the RMM only in 2026
    /// assert_eq!(out.employee_hourly_indemnity.to_string(), "6.17");
    /// assert_eq!(out.warnings[0].code(), "RMM_INPUTS_MISSING");
    /// let hourly = Options { full_time_floor: FullTimeFloor::Hourly, ..Options::default() };
    /// assert_eq!(simulate(&input, &hourly)?.employee_hourly_indemnity.to_string(), "9.52");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
    #[derive(Default)]
    #[non_exhaustive]
    pub enum FullTimeFloor: "full_time_floor" {
        /// Default: as the law of the date of the hours says (the `full_time_hourly_floor`
        /// table): the hourly floor for hours from 2020-03-01 to 2022-12-31 (the
        /// administration's doctrine of the time), the RMM only from 2023-01-01 (R5122-18 as
        /// amended by décret 2022-1665).
        #[default]
        ByPeriod = "by_period",
        /// The legal guarantee of full-timers is the monthly RMM (L3232-3), computed as a
        /// complement when the inputs are given.
        RmmOnly = "rmm_only",
        /// Also apply the hourly floor to full-timers (what the 2020 ministry examples and many
        /// practitioner tables do).
        Hourly = "hourly",
    }
}

crate::spelled_enum! {
    /// Whether to build the explanation (allocates strings; off on the batch hot path).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::indemnity::{simulate, EmployeeMonth, Explain, Options};
    ///
    /// let input = EmployeeMonth::new("2026-01".parse()?, "2000".parse()?, "70".parse()?);
    /// assert!(simulate(&input, &Options::default())?.explanation.is_empty());
    /// let explained = Options { explain: "on".parse()?, ..Options::default() };
    /// assert_eq!(explained.explain, Explain::On);
    /// let out = simulate(&input, &explained)?;
    /// assert!(out.explanation.iter().any(|step| step.rule == "allocation_floor"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
    #[derive(Default)]
    #[non_exhaustive]
    pub enum Explain: "explain" {
        /// Amounts only: no allocation on the hot path.
        #[default]
        Off = "off",
        /// Amounts and the ordered steps, in French and English.
        On = "on",
    }
}

/// One employee's month of activité partielle: everything [`compute`] needs.
///
/// Invariant: none beyond the types; [`compute`] validates the ranges and reports errors.
/// Fields other than `month`, `gross_monthly` and one of `hours_not_worked` /
/// `days_not_worked` have defaults (full time, droit commun, mainland, 151.67 h).
///
/// # Example
///
/// ```
/// use apart::indemnity::EmployeeMonth;
/// use apart::value::from_json;
/// use apart::Diagnostic;
///
/// let json = r#"{"month": "2026-01", "gross_monthly": "2000", "hours_not_worked": "70"}"#;
/// let input: EmployeeMonth = from_json(json)?;
/// assert_eq!(input, EmployeeMonth::new("2026-01".parse()?, "2000".parse()?, "70".parse()?));
/// assert_eq!(input.contract_hours.to_string(), "151.67");
/// let err = from_json::<EmployeeMonth>(r#"{"month": "2026-01", "gross": "2000"}"#).unwrap_err();
/// assert_eq!(err.code(), "INPUT_UNKNOWN_FIELD");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, get_all, eq, module = "apart.indemnity")
)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct EmployeeMonth {
    /// The caller's reference for the employee (claim lines, CSV), not used by the rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub employee: Option<String>,
    /// The month of the hours not worked.
    pub month: Month,
    /// The date of the hours, when not the first of the month (parameters are selected by it;
    /// e.g. 2024-12-14 for the Chido regime). Must fall in `month`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::calendar::serde::option_date"
    )]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub hours_date: Option<Date>,
    /// The gross monthly pay that would have been earned (paid-leave *maintien de salaire*
    /// base, R5122-18 al. 1), excluding variable pay.
    pub gross_monthly: Euros,
    /// The monthly average of variable and non-monthly pay over the 12 months before the
    /// first day of activité partielle (R5122-18 al. 3); zero by default.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub variable_pay_average: Euros,
    /// The monthly contractual hours (151.67 for full time).
    #[serde(default = "legal_hours")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub contract_hours: Hours,
    /// The hours not worked in the month, within the duration counted (R5122-19). Zero when
    /// `days_not_worked` is given.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub hours_not_worked: Hours,
    /// For a forfait-jours employee: days not worked, in half days (D5122-15: 1 day = 7 h,
    /// ½ day = 3.5 h).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::value::decimal::option_days"
    )]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub days_not_worked: Option<Decimal>,
    /// Of the hours not worked, those spent in training (L5122-2).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub training_hours: Hours,
    /// The usual net hourly pay: needed for training hours from 2023 (100 % of net pay); when
    /// given, the hourly indemnity never exceeds it (the net cap of R5122-18).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub net_hourly_pay: Option<HourlyAmount>,
    /// The scheme.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub regime: Regime,
    /// The employee's situation.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub category: Category,
    /// Where the employee works.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub territory: PayTerritory,
    /// Whether structural overtime counts.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub overtime: Overtime,
    /// For APLD only: the Covid regime the employer is entitled to under droit commun
    /// (`covid_protected` or `covid_closed`). From 2020-11-01 the APLD allocation takes that
    /// regime's rate and floor when its rate is higher (décret 2020-1316; spec §1.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub apld_majorated_by: Option<Regime>,
    /// Hours of activité partielle already allocated in the calendar year (annual quota).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub hours_used_this_year: Hours,
    /// The net pay for the hours worked in the month: needed for the CSG/CRDS écrêtement
    /// and the RMM complement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub net_pay_worked: Option<Euros>,
    /// The monthly RMM (net SMIC for the legal hours) the employee is guaranteed: an input,
    /// since "net SMIC" depends on the employee's deductions (spec §2.4, UNCONFIRMED).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub rmm_net: Option<Euros>,
    /// APLD / APLD-Rebond: the accord's period of application in months (the 40 % reduction
    /// is counted over it). With `apld_hours_used`, hours beyond the limit are refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub apld_period_months: Option<u32>,
    /// APLD / APLD-Rebond: hours not worked already compensated for this employee in the
    /// accord's period (neutralised periods excluded).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub apld_hours_used: Hours,
    /// APLD / APLD-Rebond: months of allocation already used in the reference period (this
    /// month excluded); a month beyond the maximum duration is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub apld_months_used: Option<u32>,
    /// APLD / APLD-Rebond: the accord allows the exceptional 50 % reduction.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub apld_exceptional_reduction: bool,
    /// A conventional complement: the total hourly indemnity the employer pays, as a fraction
    /// of the hourly reference (`0.8` for 80 %); the complement is the part above the legal
    /// indemnity. Not with `complement_amount`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub complement_rate: Option<Rate>,
    /// A conventional complement as a monthly amount paid above the legal indemnity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub complement_amount: Option<Euros>,
}

fn legal_hours() -> Hours {
    Hours::new(LEGAL_MONTHLY_HOURS)
}

impl EmployeeMonth {
    /// A full-time employee under droit commun on the mainland: the common case.
    ///
    /// ```
    /// use apart::indemnity::EmployeeMonth;
    /// let e = EmployeeMonth::new("2026-01".parse()?, "2000".parse()?, "70".parse()?);
    /// assert_eq!(e.contract_hours.to_string(), "151.67");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(month: Month, gross_monthly: Euros, hours_not_worked: Hours) -> EmployeeMonth {
        EmployeeMonth {
            employee: None,
            month,
            hours_date: None,
            gross_monthly,
            variable_pay_average: Euros::ZERO,
            contract_hours: legal_hours(),
            hours_not_worked,
            days_not_worked: None,
            training_hours: Hours::ZERO,
            net_hourly_pay: None,
            regime: Regime::DroitCommun,
            category: Category::FullTime,
            territory: PayTerritory::Mainland,
            overtime: Overtime::NotCounted,
            apld_majorated_by: None,
            hours_used_this_year: Hours::ZERO,
            net_pay_worked: None,
            rmm_net: None,
            apld_period_months: None,
            apld_hours_used: Hours::ZERO,
            apld_months_used: None,
            apld_exceptional_reduction: false,
            complement_rate: None,
            complement_amount: None,
        }
    }
}

/// How to compute: rounding, the full-time floor policy, whether to explain, and whether a
/// date after the law's verified date is an error.
///
/// ```
/// use apart::indemnity::{compute, EmployeeMonth, Options};
/// use apart::law::LawBook;
/// use apart::money::RoundingPolicy;
///
/// // Spec §4 #7 (cgcpartners.fr): 2 000 €, 84 h in 2020-03: 775.37 € without per-hour rounding.
/// let book = LawBook::shared()?;
/// let input = EmployeeMonth::new("2020-03".parse()?, "2000".parse()?, "84".parse()?);
/// let exact = Options { rounding: RoundingPolicy::Exact, ..Options::default() };
/// assert_eq!(compute(book, &input, &exact)?.employee_indemnity.to_string(), "775.37");
/// assert_eq!(compute(book, &input, &Options::default())?.employee_indemnity.to_string(), "775.32");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields, default)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, get_all, eq, module = "apart.indemnity")
)]
pub struct Options {
    /// Where rounding to the cent happens.
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub rounding: RoundingPolicy,
    /// Whether full-timers get the hourly indemnity floor.
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub full_time_floor: FullTimeFloor,
    /// Whether to build the explanation.
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub explain: Explain,
    /// Refuse a date after the law's verified date (`LAW_DATE_AFTER_LAST_KNOWN`) instead of
    /// computing with the rows in force and warning (`LAW_BEYOND_VERIFIED_DATE`).
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub strict_law_dates: bool,
}

/// Hours refused for compensation, with the reason.
///
/// # Example
///
/// ```
/// use apart::indemnity::{simulate, EmployeeMonth, Options};
///
/// // Part time, 104 h a month, 110 h not worked given: 6 h are more than the contract.
/// let mut input = EmployeeMonth::new("2026-01".parse()?, "1500".parse()?, "110".parse()?);
/// input.contract_hours = "104".parse()?;
/// input.category = "part_time".parse()?;
/// let out = simulate(&input, &Options::default())?;
/// assert_eq!(out.hours_compensated.to_string(), "104");
/// assert_eq!(out.hours_refused[0].hours.to_string(), "6");
/// assert_eq!(out.hours_refused[0].reason, "above_contract_hours");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, get_all, eq, module = "apart.indemnity")
)]
pub struct RefusedHours {
    /// How many.
    pub hours: Hours,
    /// Why (`above_contract_hours`, `above_legal_duration`).
    pub reason: String,
}

/// CSG/CRDS (and Alsace-Moselle sickness contribution) on the indemnity, after écrêtement.
///
/// # Example
///
/// ```
/// use apart::indemnity::{simulate, EmployeeMonth, Options};
///
/// // 4 000 €, the whole of 2026-01 not worked, no pay for hours worked.
/// let mut input = EmployeeMonth::new("2026-01".parse()?, "4000".parse()?, "151.67".parse()?);
/// assert_eq!(simulate(&input, &Options::default())?.contributions, None);
/// input.net_pay_worked = Some("0".parse()?);
/// let c = simulate(&input, &Options::default())?.contributions.ok_or("no levies")?;
/// assert_eq!(c.base.to_string(), "2357.43015"); // 98.25 % × 2 399.42
/// let levied = [c.csg_deductible, c.csg_non_deductible, c.crds, c.total].map(|e| e.to_string());
/// assert_eq!(levied, ["89.58", "56.58", "11.79", "157.95"]);
/// assert_eq!(c.net_indemnity.to_string(), "2241.47");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, get_all, eq, module = "apart.indemnity")
)]
pub struct Contributions {
    /// 98.25 % of the indemnity (not rounded).
    pub base: Euros,
    /// Deductible CSG levied.
    pub csg_deductible: Euros,
    /// Non-deductible CSG levied.
    pub csg_non_deductible: Euros,
    /// CRDS levied.
    pub crds: Euros,
    /// Alsace-Moselle sickness contribution levied (zero elsewhere).
    pub alsace_moselle: Euros,
    /// What the full levies would have been before écrêtement.
    pub before_ecretement: Euros,
    /// The amount removed by the écrêtement (net pay + net indemnity ≥ monthly gross SMIC).
    pub ecretement: Euros,
    /// Everything levied.
    pub total: Euros,
    /// Indemnity (with the RMM complement) minus everything levied.
    pub net_indemnity: Euros,
}

/// Everything [`compute`] found for one employee-month.
///
/// All amounts are euros rounded to the cent (under either policy); hourly values are
/// rounded under `PerHour` and exact under `Exact`, except `hourly_reference_raw`, always exact.
///
/// # Example
///
/// ```
/// use apart::indemnity::{simulate, EmployeeMonth, Options};
///
/// // Spec §4 #11: 2026-01, 3 000 €, 70 h not worked.
/// let input = EmployeeMonth::new("2026-01".parse()?, "3000".parse()?, "70".parse()?);
/// let out = simulate(&input, &Options::default())?;
/// assert_eq!(out.hourly_reference_raw.rounded().to_string(), "19.78");
/// assert_eq!(out.hours_compensated.to_string(), "70");
/// let amounts = [out.employee_indemnity, out.employer_allocation, out.rest_payable_by_employer];
/// assert_eq!(amounts.map(|e| e.to_string()), ["830.90", "599.90", "231.00"]); // 830.90 − 599.90
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, get_all, eq, module = "apart.indemnity")
)]
pub struct Outcome {
    /// The caller's reference for the employee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employee: Option<String>,
    /// The month.
    pub month: Month,
    /// The date the parameters were selected by.
    #[serde(with = "crate::calendar::serde::date")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub parameters_date: Date,
    /// The last date the law data used is verified for: a later `parameters_date` computed
    /// with the rows in force (warning `LAW_BEYOND_VERIFIED_DATE`).
    #[serde(with = "crate::calendar::serde::date")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub law_as_of: Date,
    /// The regime.
    pub regime: Regime,
    /// The rounding policy used.
    pub rounding: RoundingPolicy,
    /// The hourly SMIC of the date and territory.
    pub smic_hourly: HourlyAmount,
    /// Monthly pay / hours divisor, exact.
    pub hourly_reference_raw: HourlyAmount,
    /// The hourly reference (rounded to the cent under `PerHour`).
    pub hourly_reference: HourlyAmount,
    /// The ceiling of the hourly reference for the indemnity (`None`: no ceiling, 2020).
    pub indemnity_ceiling: Option<HourlyAmount>,
    /// The ceiling of the hourly reference for the allocation (4.5 × SMIC, unrounded).
    pub allocation_ceiling: HourlyAmount,
    /// The hourly reference after the indemnity ceiling.
    pub hourly_reference_capped: HourlyAmount,
    /// The employee's hourly indemnity.
    pub employee_hourly_indemnity: HourlyAmount,
    /// The employer's hourly allocation.
    pub employer_hourly_allocation: HourlyAmount,
    /// The hours not worked given (days converted).
    pub hours_not_worked: Hours,
    /// The hours compensated (within the contractual and legal duration).
    pub hours_compensated: Hours,
    /// The hours refused, with reasons.
    pub hours_refused: Vec<RefusedHours>,
    /// The hours giving rise to allocation (within the annual quota).
    pub hours_allocated: Hours,
    /// The legal indemnity owed to the employee (training hours included).
    pub employee_indemnity: Euros,
    /// The RMM complement owed to a full-timer (zero when not due or not computed).
    pub rmm_complement: Euros,
    /// The conventional complement the employer pays above the legal indemnity (zero when
    /// none); never in the allocation.
    pub conventional_complement: Euros,
    /// The part of the conventional complement that is pay, not replacement income (from
    /// 2023 all of it; before, the part above 3.15 × SMIC per hour): its contributions are not
    /// computed here.
    pub conventional_complement_as_pay: Euros,
    /// The allocation the State pays the employer.
    pub employer_allocation: Euros,
    /// Indemnity + RMM complement + conventional complement − allocation (negative when the
    /// allocation floor exceeds the indemnity paid).
    pub rest_payable_by_employer: Euros,
    /// CSG/CRDS: `None` when `net_pay_worked` was not given (the écrêtement needs it) and in
    /// Mayotte (no CSG/CRDS; a warning says its sickness contribution is not computed).
    pub contributions: Option<Contributions>,
    /// Everything the caller must know.
    pub warnings: Vec<Warning>,
    /// The ordered steps (empty unless `Options::explain` is `On`).
    pub explanation: Vec<ExplanationStep>,
}

/// Computes the indemnity, allocation, levies and complements of one employee-month.
///
/// Parameters are looked up in `book` at the date of the hours (`hours_date`, or the first day
/// of `month`). The common case goes through a fixed-point path (`fixed_point.rs`) that gives
/// the general path's result exactly (property-tested) or declines.
///
/// # Errors
///
/// * [`IndemnityError::Law`] when a parameter is missing for that date (before 2020-03-01, an
///   `unknown` value that could change the result, or after the verified date with
///   [`Options::strict_law_dates`]), naming the table;
/// * [`IndemnityError::HoursOutOfRange`], [`IndemnityError::SalaryOutOfRange`],
///   [`IndemnityError::InvalidDays`], [`IndemnityError::InvalidInput`] for absurd inputs;
/// * [`IndemnityError::RegimeNotInForce`] / [`IndemnityError::RegimeNotInTerritory`];
/// * [`IndemnityError::MissingInput`] when a rule in force needs an input not given (the net
///   hourly pay for training hours from 2023).
///
/// Hours above the contractual or legal duration, or beyond the APLD limits, are **not** an
/// error: they are refused, listed in [`Outcome::hours_refused`] and warned about.
///
/// # Example
///
/// ```
/// use apart::indemnity::{compute, EmployeeMonth, Options, Explain};
/// use apart::law::LawBook;
/// use apart::Diagnostic;
///
/// let book = LawBook::shared()?;
/// let mut input = EmployeeMonth::new("2026-01".parse()?, "2000".parse()?, "70".parse()?);
/// let options = Options { explain: Explain::On, ..Options::default() };
/// let out = compute(book, &input, &options)?;
/// assert_eq!(out.employer_allocation.to_string(), "599.90");
/// assert!(out.explanation.iter().any(|s| s.rule == "allocation_floor"));
///
/// // A month after the verified date computes with the rows in force, and says so.
/// input.month = "2026-11".parse()?;
/// let out = compute(book, &input, &options)?;
/// assert_eq!(out.warnings[0].code(), "LAW_BEYOND_VERIFIED_DATE");
/// let strict = Options { strict_law_dates: true, ..options };
/// assert_eq!(compute(book, &input, &strict).unwrap_err().code(), "LAW_DATE_AFTER_LAST_KNOWN");
///
/// input.hours_not_worked = "-1".parse()?;
/// assert_eq!(compute(book, &input, &options).unwrap_err().code(), "INDEMNITY_HOURS_OUT_OF_RANGE");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn compute(
    book: &LawBook,
    input: &EmployeeMonth,
    options: &Options,
) -> Result<Outcome, IndemnityError> {
    if let Some(outcome) = fixed_point::compute_common(book, input, options) {
        return Ok(outcome);
    }
    general::compute_general(book, input, options)
}

/// Convenience: [`compute`] with the built-in law book, parsed once per process
/// ([`LawBook::shared`]).
///
/// # Errors
///
/// As [`compute`], plus [`IndemnityError::Law`] if the built-in data did not parse.
///
/// ```
/// use apart::indemnity::{simulate, EmployeeMonth, Options};
/// let out = simulate(&EmployeeMonth::new("2026-01".parse()?, "2000".parse()?, "70".parse()?), &Options::default())?;
/// assert_eq!(out.employee_indemnity.to_string(), "553.70");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn simulate(input: &EmployeeMonth, options: &Options) -> Result<Outcome, IndemnityError> {
    compute(LawBook::shared()?, input, options)
}

#[cfg(feature = "python")]
crate::py_record!(
    EmployeeMonth["month", "gross_monthly", "hours_not_worked"],
    Options,
    RefusedHours,
    Contributions,
    ExplanationStep,
    StepValue,
    Outcome,
);
