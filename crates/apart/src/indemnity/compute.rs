//! The computation of one employee-month (spec §2.3, with the traps of §6).
//!
//! The hot path (explanations off) does not allocate: warnings and steps are pushed only when
//! there is something to say.

use rust_decimal::Decimal;
use time::Date;

use super::{
    Category, Contributions, EmployeeMonth, Explain, FullTimeFloor, IndemnityError,
    LEGAL_MONTHLY_HOURS, MAX_MONTHLY_HOURS, MAX_MONTHLY_PAY, Options, Outcome, Overtime,
    RefusedHours, Regime, Step, StepValue, Territory, Warning,
};
use crate::law::{LawBook, Param, Row, Status, Value, format_date};
use crate::money::{Euros, HourlyAmount, Hours, RoundingPolicy, round_cents};

const ROUNDED: &str = "half away from zero to the cent";
const NOT_ROUNDED: &str = "none";

/// The tables of one regime.
pub(super) struct RegimeTables {
    pub(super) indemnity_rate: Param,
    pub(super) allocation_rate: Param,
    pub(super) allocation_floor: Param,
    pub(super) allocation_floor_mayotte: Param,
    pub(super) indemnity_ceiling: Param,
    /// The indemnity minimum applies to every employee, not only part-timers and temporary
    /// workers: APLD ("minimum correspondant au Smic net", spec §1.4: efl.fr, becouze-talents.com,
    /// gmi.fr).
    pub(super) indemnity_floor_for_all: bool,
}

pub(super) fn regime_tables(regime: Regime) -> RegimeTables {
    use Param as P;
    let (
        indemnity_rate,
        allocation_rate,
        allocation_floor,
        allocation_floor_mayotte,
        indemnity_ceiling,
    ) = match regime {
        Regime::DroitCommun => (
            P::DroitCommunIndemnityRate,
            P::DroitCommunAllocationRate,
            P::DroitCommunAllocationFloor,
            P::DroitCommunAllocationFloorMayotte,
            P::IndemnityCeilingSmicMultiple,
        ),
        Regime::Apld => (
            P::ApldIndemnityRate,
            P::ApldAllocationRate,
            P::ApldAllocationFloor,
            P::MajoratedAllocationFloorMayotte,
            P::CeilingSmicMultiple,
        ),
        Regime::ApldRebond => (
            P::ApldRebondIndemnityRate,
            P::ApldRebondAllocationRate,
            P::ApldRebondAllocationFloor,
            P::ApldRebondAllocationFloorMayotte,
            P::CeilingSmicMultiple,
        ),
        Regime::CovidProtected => (
            P::CovidProtectedIndemnityRate,
            P::CovidProtectedAllocationRate,
            P::CovidProtectedAllocationFloor,
            P::MajoratedAllocationFloorMayotte,
            P::IndemnityCeilingSmicMultiple,
        ),
        Regime::CovidClosed => (
            P::CovidClosedIndemnityRate,
            P::CovidClosedAllocationRate,
            P::CovidClosedAllocationFloor,
            P::MajoratedAllocationFloorMayotte,
            P::IndemnityCeilingSmicMultiple,
        ),
        Regime::CovidVulnerable => (
            P::CovidVulnerableIndemnityRate,
            P::CovidVulnerableAllocationRate,
            P::CovidVulnerableAllocationFloor,
            P::MajoratedAllocationFloorMayotte,
            P::IndemnityCeilingSmicMultiple,
        ),
        Regime::CovidChildcare => (
            P::CovidChildcareIndemnityRate,
            P::CovidChildcareAllocationRate,
            P::CovidVulnerableAllocationFloor,
            P::MajoratedAllocationFloorMayotte,
            P::IndemnityCeilingSmicMultiple,
        ),
        Regime::MayotteChido => (
            P::ChidoIndemnityRate,
            P::ChidoAllocationRate,
            P::ChidoAllocationFloor,
            P::ChidoAllocationFloor,
            P::CeilingSmicMultiple,
        ),
    };
    RegimeTables {
        indemnity_rate,
        allocation_rate,
        allocation_floor,
        allocation_floor_mayotte,
        indemnity_ceiling,
        indemnity_floor_for_all: regime == Regime::Apld,
    }
}

/// Lookups, warnings and steps of one computation.
struct Ctx<'a> {
    book: &'a LawBook,
    date: Date,
    explain: bool,
    warnings: Vec<Warning>,
    steps: Vec<Step>,
}

impl<'a> Ctx<'a> {
    /// The row in force, flagging unconfirmed rows.
    #[inline]
    fn row(&mut self, param: Param) -> Result<&'a Row, IndemnityError> {
        let row = self.book.lookup(param, self.date)?;
        if row.status == Status::Unconfirmed {
            self.warnings.push(Warning::UnconfirmedParameter {
                table: param.id().to_owned(),
                from: format_date(row.from),
            });
        }
        Ok(row)
    }

    /// A value that must be known; "none" means the regime is not in force.
    #[inline]
    fn known(
        &mut self,
        param: Param,
        regime: Regime,
    ) -> Result<(Decimal, &'a Row), IndemnityError> {
        let row = self.row(param)?;
        match row.value {
            Value::Known(v) => Ok((v, row)),
            _ => Err(IndemnityError::RegimeNotInForce {
                regime: regime.as_str(),
                date: format_date(self.date),
                table: param.id(),
                hint: row.note.clone().unwrap_or_default(),
            }),
        }
    }

    fn step(
        &mut self,
        rule: &str,
        fr: String,
        en: String,
        values: &[(&str, String)],
        source: &str,
        rounding: &str,
    ) {
        self.steps.push(Step {
            rule: rule.to_owned(),
            fr,
            en,
            values: values
                .iter()
                .map(|(k, v)| StepValue {
                    name: (*k).to_owned(),
                    value: v.clone(),
                })
                .collect(),
            source: source.to_owned(),
            rounding: rounding.to_owned(),
        });
    }
}

fn hours_in_range(field: &'static str, value: Decimal, max: Decimal) -> Result<(), IndemnityError> {
    if value.is_sign_negative() && !value.is_zero() || value > max {
        return Err(IndemnityError::HoursOutOfRange {
            field,
            value: value.to_string(),
            max: max.to_string(),
        });
    }
    Ok(())
}

fn pay_in_range(
    field: &'static str,
    value: Decimal,
    allow_zero: bool,
) -> Result<(), IndemnityError> {
    // A pay must be at least a cent (a smaller one underflows the hourly reference).
    let too_low = if allow_zero {
        value.is_sign_negative() && !value.is_zero()
    } else {
        value < Decimal::new(1, 2)
    };
    if too_low || value > MAX_MONTHLY_PAY {
        return Err(IndemnityError::SalaryOutOfRange {
            field,
            value: value.to_string(),
            max: MAX_MONTHLY_PAY.to_string(),
        });
    }
    Ok(())
}

/// The hours of a forfait-jours month, or the hours given.
fn hours_not_worked(input: &EmployeeMonth) -> Result<Decimal, IndemnityError> {
    let Some(days) = input.days_not_worked else {
        let h = input.hours_not_worked.get();
        hours_in_range("hours_not_worked", h, MAX_MONTHLY_HOURS)?;
        return Ok(h);
    };
    if !input.hours_not_worked.get().is_zero() {
        return Err(IndemnityError::InvalidDays {
            reason: "give hours_not_worked or days_not_worked, not both",
        });
    }
    if days.is_sign_negative() && !days.is_zero() || days > Decimal::from(31) {
        return Err(IndemnityError::InvalidDays {
            reason: "days must be between 0 and 31",
        });
    }
    if !(days * Decimal::TWO).fract().is_zero() {
        return Err(IndemnityError::InvalidDays {
            reason: "days must be whole or half days (D5122-15: 1 day = 7 h, ½ day = 3.5 h)",
        });
    }
    Ok(days * Decimal::from(7))
}

/// An amount as a cent value with two decimals (`0` → `0.00`).
#[inline]
fn cents(value: Decimal) -> Euros {
    let mut v = round_cents(value);
    if v.scale() != 2 {
        v.rescale(2);
    }
    Euros::new(v)
}

/// An hourly value as shown: two decimals under `PerHour` (already rounded), exact otherwise.
#[inline]
fn hourly(policy: RoundingPolicy, value: Decimal) -> HourlyAmount {
    let mut v = value;
    match policy {
        RoundingPolicy::PerHour if v.scale() != 2 => v.rescale(2),
        RoundingPolicy::PerHour => {}
        _ => v = v.normalize(),
    }
    HourlyAmount::new(v)
}

#[inline]
fn policy_round(policy: RoundingPolicy, value: Decimal) -> Decimal {
    match policy {
        RoundingPolicy::PerHour => round_cents(value),
        _ => value,
    }
}

/// Computes the indemnity, allocation, levies and RMM complement of one employee-month.
///
/// Parameters are looked up in `book` at the date of the hours (`hours_date`, or the first day
/// of `month`).
///
/// # Errors
///
/// * [`IndemnityError::Law`] when a parameter is missing for that date (before 2020-03-01,
///   after [`crate::law::LAST_KNOWN_DATE`], or an unconfirmed period), naming the table;
/// * [`IndemnityError::HoursOutOfRange`], [`IndemnityError::SalaryOutOfRange`],
///   [`IndemnityError::InvalidDays`] for absurd inputs;
/// * [`IndemnityError::RegimeNotInForce`] / [`IndemnityError::RegimeNotInTerritory`];
/// * [`IndemnityError::MissingInput`] when a rule in force needs an input not given (the net
///   hourly pay for training hours from 2023).
///
/// Hours above the contractual or legal duration are **not** an error: they are refused,
/// listed in [`Outcome::hours_refused`] and warned about.
///
/// # Example
///
/// ```
/// use apart::indemnity::{compute, EmployeeMonth, Options, Explain};
/// use apart::law::LawBook;
/// use apart::Diagnostic;
///
/// let book = LawBook::builtin()?;
/// let mut input = EmployeeMonth::new("2026-01".parse()?, "2000".parse()?, "70".parse()?);
/// let options = Options { explain: Explain::On, ..Options::default() };
/// let out = compute(&book, &input, &options)?;
/// assert_eq!(out.employer_allocation.to_string(), "599.90");
/// assert!(out.explanation.iter().any(|s| s.rule == "allocation_floor"));
///
/// input.hours_not_worked = "-1".parse()?;
/// assert_eq!(compute(&book, &input, &options).unwrap_err().code(), "INDEMNITY_HOURS_OUT_OF_RANGE");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn compute(
    book: &LawBook,
    input: &EmployeeMonth,
    options: &Options,
) -> Result<Outcome, IndemnityError> {
    if let Some(outcome) = super::fast::compute_common(book, input, options) {
        return Ok(outcome);
    }
    compute_general(book, input, options)
}

/// The general computation: every rule, every policy, the explanation. [`compute`] first tries
/// the integer fast path of the common case (`fast.rs`), which gives identical results
/// (property-tested) or declines.
pub(super) fn compute_general(
    book: &LawBook,
    input: &EmployeeMonth,
    options: &Options,
) -> Result<Outcome, IndemnityError> {
    let policy = options.rounding;
    let date = input.hours_date.unwrap_or_else(|| input.month.first_day());
    if !input.month.contains(date) {
        return Err(IndemnityError::DateOutsideMonth {
            date: format_date(date),
            month: input.month.to_string(),
        });
    }

    // --- Inputs ---------------------------------------------------------------------------
    pay_in_range("gross_monthly", input.gross_monthly.get(), false)?;
    pay_in_range(
        "variable_pay_average",
        input.variable_pay_average.get(),
        true,
    )?;
    let contract = input.contract_hours.get();
    // Less than one hour a month is a typing error (and would make the hourly reference
    // overflow): refused.
    if contract < Decimal::ONE {
        return Err(IndemnityError::HoursOutOfRange {
            field: "contract_hours",
            value: contract.to_string(),
            max: MAX_MONTHLY_HOURS.to_string(),
        });
    }
    hours_in_range("contract_hours", contract, MAX_MONTHLY_HOURS)?;
    let not_worked = hours_not_worked(input)?;
    hours_in_range("training_hours", input.training_hours.get(), not_worked)?;
    hours_in_range(
        "hours_used_this_year",
        input.hours_used_this_year.get(),
        Decimal::from(366 * 24),
    )?;
    if let Some(net) = input.net_pay_worked {
        pay_in_range("net_pay_worked", net.get(), true)?;
    }
    if let Some(rmm) = input.rmm_net {
        pay_in_range("rmm_net", rmm.get(), true)?;
    }
    if let Some(net) = input.net_hourly_pay {
        pay_in_range("net_hourly_pay", net.get(), true)?;
    }
    if input.regime == Regime::MayotteChido && input.territory != Territory::Mayotte {
        return Err(IndemnityError::RegimeNotInTerritory {
            regime: input.regime.as_str(),
            territory: input.territory.as_str(),
        });
    }

    let mut ctx = Ctx {
        book,
        date,
        explain: options.explain == Explain::On,
        warnings: Vec::new(),
        steps: Vec::new(),
    };
    let regime = input.regime;
    let tables = regime_tables(regime);
    let mayotte = input.territory == Territory::Mayotte;
    let rounding_label = match policy {
        RoundingPolicy::PerHour => ROUNDED,
        _ => NOT_ROUNDED,
    };

    // --- Parameters ----------------------------------------------------------------------
    let smic_param = if mayotte {
        Param::SmicHourlyMayotte
    } else {
        Param::SmicHourly
    };
    let (smic, smic_row) = ctx.known(smic_param, regime)?;
    let (indemnity_rate, indemnity_rate_row) = ctx.known(tables.indemnity_rate, regime)?;
    let (mut allocation_rate, mut allocation_rate_row) =
        ctx.known(tables.allocation_rate, regime)?;
    let mut allocation_floor_param = if mayotte {
        tables.allocation_floor_mayotte
    } else {
        tables.allocation_floor
    };
    // APLD of an employer entitled to a majorated Covid rate (décret 2020-1316, spec §1.4).
    if let Some(majorated) = input.apld_majorated_by {
        if regime != Regime::Apld
            || !matches!(majorated, Regime::CovidProtected | Regime::CovidClosed)
        {
            return Err(IndemnityError::InvalidInput {
                field: "apld_majorated_by".to_owned(),
                reason: "only for regime apld, with covid_protected or covid_closed".to_owned(),
            });
        }
        if ctx.row(Param::ApldMajoration)?.value.known().is_some() {
            let other = regime_tables(majorated);
            let row = ctx.row(other.allocation_rate)?;
            if let Value::Known(rate) = row.value
                && rate > allocation_rate
            {
                allocation_rate = rate;
                allocation_rate_row = row;
                allocation_floor_param = if mayotte {
                    other.allocation_floor_mayotte
                } else {
                    other.allocation_floor
                };
            }
        }
    }
    let (ceiling_multiple, ceiling_row) = ctx.known(Param::CeilingSmicMultiple, regime)?;
    let indemnity_ceiling_row = ctx.row(tables.indemnity_ceiling)?;
    let allocation_ceiling = (ceiling_multiple * smic).normalize();
    let indemnity_ceiling = indemnity_ceiling_row
        .value
        .known()
        .map(|m| (m * smic).normalize());

    // --- Hours (R5122-19, R5122-11; L5122-3 I 1° for structural overtime) -----------------
    let counted_duration = match input.overtime {
        Overtime::Structural => contract,
        _ => contract.min(LEGAL_MONTHLY_HOURS),
    };
    let above_contract = (not_worked - contract).max(Decimal::ZERO);
    let within_contract = not_worked - above_contract;
    let above_legal = (within_contract - counted_duration).max(Decimal::ZERO);
    let compensated = within_contract - above_legal;
    let mut hours_refused = Vec::new();
    if above_contract > Decimal::ZERO {
        hours_refused.push(RefusedHours {
            hours: Hours::new(above_contract.normalize()),
            reason: "above_contract_hours".to_owned(),
        });
        ctx.warnings.push(Warning::HoursAboveContract {
            hours: above_contract.to_string(),
        });
    }
    if above_legal > Decimal::ZERO {
        hours_refused.push(RefusedHours {
            hours: Hours::new(above_legal.normalize()),
            reason: "above_legal_duration".to_owned(),
        });
        ctx.warnings.push(Warning::HoursAboveLegalDuration {
            hours: above_legal.to_string(),
        });
    }
    if ctx.explain {
        ctx.step(
            "hours_counted",
            format!(
                "heures chômées : {not_worked} h ; indemnisables dans la limite de {counted_duration} h : {compensated} h"
            ),
            format!(
                "hours not worked: {not_worked} h; compensated within {counted_duration} h: {compensated} h"
            ),
            &[
                ("hours_not_worked", not_worked.to_string()),
                ("contract_hours", contract.to_string()),
                ("counted_duration", counted_duration.to_string()),
                ("hours_compensated", compensated.to_string()),
                ("hours_refused", (not_worked - compensated).to_string()),
            ],
            "Art. R5122-19, R5122-11, D5122-15 C. trav.",
            NOT_ROUNDED,
        );
    }

    // --- Hourly reference (R5122-12, R5122-18 al. 1–3) -------------------------------------
    let pay = input.gross_monthly.get() + input.variable_pay_average.get();
    let reference_raw = pay.checked_div(counted_duration).unwrap_or(Decimal::ZERO);
    let reference = policy_round(policy, reference_raw);
    let capped_allocation = reference.min(allocation_ceiling);
    let capped_indemnity = indemnity_ceiling.map_or(reference, |c| reference.min(c));
    if ctx.explain {
        ctx.step(
            "hourly_reference",
            format!("rémunération horaire de référence : {pay} € / {counted_duration} h = {reference_raw} → {reference} €"),
            format!("hourly reference pay: {pay} € / {counted_duration} h = {reference_raw} → {reference} €"),
            &[
                ("gross_monthly", input.gross_monthly.to_string()),
                ("variable_pay_average", input.variable_pay_average.to_string()),
                ("divisor_hours", counted_duration.to_string()),
                ("hourly_reference_raw", reference_raw.to_string()),
                ("hourly_reference", reference.to_string()),
            ],
            "Art. R5122-12, R5122-18 al. 1 à 3 C. trav.",
            rounding_label,
        );
        let ceiling_text = indemnity_ceiling.map_or_else(|| "none".to_owned(), |c| c.to_string());
        ctx.step(
            "ceiling",
            format!(
                "plafond : {ceiling_multiple} × SMIC {smic} € = {allocation_ceiling} € (allocation) ; indemnité : {ceiling_text} ; référence retenue {capped_indemnity} € / {capped_allocation} €"
            ),
            format!(
                "ceiling: {ceiling_multiple} × SMIC {smic} € = {allocation_ceiling} € (allocation); indemnity: {ceiling_text}; reference kept {capped_indemnity} € / {capped_allocation} €"
            ),
            &[
                ("smic_hourly", smic.to_string()),
                ("allocation_ceiling", allocation_ceiling.to_string()),
                ("indemnity_ceiling", ceiling_text.clone()),
                ("capped_for_indemnity", capped_indemnity.to_string()),
                ("capped_for_allocation", capped_allocation.to_string()),
            ],
            &format!(
                "{}; {}; {}",
                smic_row.source.title, ceiling_row.source.title, indemnity_ceiling_row.source.title
            ),
            NOT_ROUNDED,
        );
    }

    // --- Apprentices and assimilated paid below the SMIC (R5122-18 al. 5, D5122-13 al. 2) --
    let below_smic = reference_raw < smic;
    let apprentice_rule = below_smic
        && matches!(
            input.category,
            Category::Apprentice | Category::ProfessionalisationContract
        );
    let allocation_floor_exempt = below_smic
        && matches!(
            input.category,
            Category::Apprentice
                | Category::ProfessionalisationContract
                | Category::FreelanceJournalist
                | Category::SalesRepresentative
        );

    // --- Hourly indemnity (R5122-18) -------------------------------------------------------
    let hourly_indemnity;
    if apprentice_rule {
        let (share, row) = ctx.known(Param::ApprenticeBelowSmicRate, regime)?;
        hourly_indemnity = policy_round(policy, share * reference);
        if ctx.explain {
            ctx.step(
                "indemnity_apprentice",
                format!("apprenti ou contrat pro payé sous le SMIC : {share} × {reference} = {hourly_indemnity} €/h"),
                format!("apprentice or contrat pro paid below the SMIC: {share} × {reference} = {hourly_indemnity} €/h"),
                &[("share_of_pay", share.to_string()), ("hourly_indemnity", hourly_indemnity.to_string())],
                &row.source.title,
                rounding_label,
            );
        }
    } else {
        let by_rate = indemnity_rate * capped_indemnity;
        let floor_applies = match input.category {
            Category::PartTime | Category::Temporary => true,
            _ => tables.indemnity_floor_for_all || options.full_time_floor == FullTimeFloor::Hourly,
        };
        let mut value = by_rate;
        let mut floor_text = String::new();
        // The floor is a net hourly SMIC, below the gross hourly SMIC: when the rate already
        // gives the gross SMIC, the floor cannot bind and is not looked up (so a missing
        // floor, as in Mayotte, does not block high pay).
        if floor_applies && by_rate < smic {
            let floor_param = if mayotte {
                Param::IndemnityFloorMayotte
            } else {
                Param::IndemnityFloor
            };
            let (floor, floor_row) = ctx.known(floor_param, regime)?;
            // The floor, or the hourly pay if lower (ordonnance 2020-346 art. 3; R5122-18).
            let effective_floor = floor.min(reference);
            value = value.max(effective_floor);
            if ctx.explain {
                floor_text = format!("{effective_floor} ({})", floor_row.source.title);
            }
        }
        hourly_indemnity = policy_round(policy, value);
        if ctx.explain {
            let percent = indemnity_rate * Decimal::ONE_HUNDRED;
            let floor_shown = if !floor_applies {
                "—".to_owned()
            } else if floor_text.is_empty() {
                format!("≤ {smic} (SMIC)")
            } else {
                floor_text.clone()
            };
            ctx.step(
                "indemnity_rate",
                format!(
                    "indemnité horaire : {}% × {capped_indemnity} = {by_rate} ; plancher {floor_shown} → {hourly_indemnity} €/h",
                    percent.normalize()
                ),
                format!(
                    "hourly indemnity: {}% × {capped_indemnity} = {by_rate}; floor {floor_shown} → {hourly_indemnity} €/h",
                    percent.normalize()
                ),
                &[
                    ("indemnity_rate", indemnity_rate.to_string()),
                    ("by_rate", by_rate.to_string()),
                    ("floor", floor_shown.clone()),
                    ("employee_hourly_indemnity", hourly_indemnity.to_string()),
                ],
                &indemnity_rate_row.source.title,
                rounding_label,
            );
        }
    }

    // --- Hourly allocation (D5122-13, D5522-87) --------------------------------------------
    let hourly_allocation;
    if apprentice_rule {
        // Same amount as the indemnity, no floor, never above the indemnity (R5122-18 al. 5).
        hourly_allocation = hourly_indemnity;
        if ctx.explain {
            ctx.step(
                "allocation_apprentice",
                format!("allocation égale à l'indemnité, sans plancher : {hourly_allocation} €/h"),
                format!("allocation equal to the indemnity, no floor: {hourly_allocation} €/h"),
                &[("employer_hourly_allocation", hourly_allocation.to_string())],
                "Art. R5122-18 al. 5 C. trav.; ordonnance n° 2020-428, art. 4",
                NOT_ROUNDED,
            );
        }
    } else {
        let by_rate = allocation_rate * capped_allocation;
        let mut value = by_rate;
        let mut floor_shown = "—".to_owned();
        let mut floor_source = String::new();
        if !allocation_floor_exempt {
            let row = ctx.row(allocation_floor_param)?;
            if let Value::Known(floor) = row.value {
                value = value.max(floor);
                if ctx.explain {
                    floor_shown = floor.to_string();
                    floor_source = row.source.title.clone();
                }
            }
        }
        hourly_allocation = policy_round(policy, value);
        if ctx.explain {
            let percent = (allocation_rate * Decimal::ONE_HUNDRED).normalize();
            ctx.step(
                "allocation_rate",
                format!("allocation horaire : {percent}% × {capped_allocation} = {by_rate}"),
                format!("hourly allocation: {percent}% × {capped_allocation} = {by_rate}"),
                &[
                    ("allocation_rate", allocation_rate.to_string()),
                    ("by_rate", by_rate.to_string()),
                ],
                &allocation_rate_row.source.title,
                NOT_ROUNDED,
            );
            ctx.step(
                "allocation_floor",
                format!("plancher de l'allocation : {floor_shown} → {hourly_allocation} €/h"),
                format!("allocation floor: {floor_shown} → {hourly_allocation} €/h"),
                &[
                    ("floor", floor_shown.clone()),
                    ("employer_hourly_allocation", hourly_allocation.to_string()),
                ],
                if floor_source.is_empty() {
                    "Art. D5122-13 al. 2 C. trav. (not applicable)"
                } else {
                    &floor_source
                },
                rounding_label,
            );
        }
    }

    // --- Training hours (L5122-2, R5122-18 al. 4) ------------------------------------------
    let training = input.training_hours.get().min(compensated);
    let mut training_hourly = hourly_indemnity;
    if training > Decimal::ZERO {
        let row = ctx.row(Param::TrainingIndemnityRate)?;
        if let Value::Known(share) = row.value {
            let net = input.net_hourly_pay.ok_or(IndemnityError::MissingInput {
                field: "net_hourly_pay",
                rule: "training hours from 2023 (R5122-18 al. 4)",
            })?;
            training_hourly = policy_round(policy, share * net.get());
            if ctx.explain {
                ctx.step(
                    "training_hours",
                    format!(
                        "{training} h de formation à {share} × {net} net = {training_hourly} €/h"
                    ),
                    format!(
                        "{training} h of training at {share} × {net} net = {training_hourly} €/h"
                    ),
                    &[
                        ("training_hours", training.to_string()),
                        ("training_hourly", training_hourly.to_string()),
                    ],
                    &row.source.title,
                    rounding_label,
                );
            }
        }
    }

    // --- Annual quota (§1.8) ---------------------------------------------------------------
    let (quota, quota_row) = ctx.known(Param::AnnualQuotaHours, regime)?;
    let remaining = (quota - input.hours_used_this_year.get()).max(Decimal::ZERO);
    let allocated = compensated.min(remaining);
    if allocated < compensated {
        ctx.warnings.push(Warning::QuotaExceeded {
            hours: (compensated - allocated).to_string(),
            quota: quota.to_string(),
        });
    }
    if ctx.explain {
        ctx.step(
            "annual_quota",
            format!(
                "contingent annuel {quota} h, déjà utilisées {} h : {allocated} h avec allocation",
                input.hours_used_this_year
            ),
            format!(
                "annual quota {quota} h, already used {} h: {allocated} h with allocation",
                input.hours_used_this_year
            ),
            &[
                ("quota", quota.to_string()),
                ("hours_allocated", allocated.to_string()),
            ],
            &quota_row.source.title,
            NOT_ROUNDED,
        );
    }

    // --- Amounts -----------------------------------------------------------------------------
    let indemnity =
        round_cents(hourly_indemnity * (compensated - training) + training_hourly * training);
    let allocation = round_cents(hourly_allocation * allocated);
    if ctx.explain {
        ctx.step(
            "amounts",
            format!("indemnité : {hourly_indemnity} × {compensated} h = {indemnity} € ; allocation : {hourly_allocation} × {allocated} h = {allocation} €"),
            format!("indemnity: {hourly_indemnity} × {compensated} h = {indemnity} €; allocation: {hourly_allocation} × {allocated} h = {allocation} €"),
            &[
                ("employee_indemnity", indemnity.to_string()),
                ("employer_allocation", allocation.to_string()),
            ],
            "Art. R5122-18, D5122-13 C. trav.",
            ROUNDED,
        );
    }

    // --- CSG/CRDS with écrêtement (§2.5) -----------------------------------------------------
    let mut contributions = None;
    if mayotte {
        ctx.warnings.push(Warning::MayotteContributionNotComputed);
    } else if let Some(net_pay) = input.net_pay_worked {
        contributions = Some(levies(
            &mut ctx,
            input.territory,
            indemnity,
            net_pay.get(),
            regime,
        )?);
    }

    // --- RMM complement (L3232-1 s.; §2.4) ------------------------------------------------
    let mut complement = Decimal::ZERO;
    if matches!(
        input.category,
        Category::FullTime | Category::PermanentTemporary
    ) {
        match (input.rmm_net, input.net_pay_worked) {
            (Some(rmm), Some(net_pay)) => {
                let levied = contributions
                    .as_ref()
                    .map_or(Decimal::ZERO, |c| c.total.get());
                complement = round_cents(
                    (rmm.get() - net_pay.get() - (indemnity - levied)).max(Decimal::ZERO),
                );
                if let Some(c) = contributions.as_mut() {
                    c.net_indemnity = cents(c.net_indemnity.get() + complement);
                }
                if ctx.explain {
                    ctx.step(
                        "rmm_complement",
                        format!("complément RMM : max(0, {rmm} − {net_pay} − ({indemnity} − {levied})) = {complement} €"),
                        format!("rmm complement: max(0, {rmm} − {net_pay} − ({indemnity} − {levied})) = {complement} €"),
                        &[("rmm_net", rmm.to_string()), ("rmm_complement", complement.to_string())],
                        "Art. L3232-1 à L3232-6 C. trav.",
                        ROUNDED,
                    );
                }
            }
            (Some(_), None) => ctx.warnings.push(Warning::RmmNotComputed),
            _ => {}
        }
    }

    let rest = indemnity + complement - allocation;
    if ctx.explain {
        ctx.step(
            "rest_payable",
            format!("reste à charge : {indemnity} + {complement} − {allocation} = {rest} €"),
            format!(
                "rest payable by the employer: {indemnity} + {complement} − {allocation} = {rest} €"
            ),
            &[("rest_payable_by_employer", rest.to_string())],
            "—",
            NOT_ROUNDED,
        );
    }

    Ok(Outcome {
        employee: input.employee.clone(),
        month: input.month,
        parameters_date: date,
        regime,
        rounding: policy,
        smic_hourly: HourlyAmount::new(smic),
        hourly_reference_raw: HourlyAmount::new(reference_raw),
        hourly_reference: hourly(policy, reference),
        indemnity_ceiling: indemnity_ceiling.map(|c| HourlyAmount::new(c.normalize())),
        allocation_ceiling: HourlyAmount::new(allocation_ceiling.normalize()),
        hourly_reference_capped: hourly(policy, capped_indemnity),
        employee_hourly_indemnity: hourly(policy, hourly_indemnity),
        employer_hourly_allocation: hourly(policy, hourly_allocation),
        hours_not_worked: Hours::new(not_worked.normalize()),
        hours_compensated: Hours::new(compensated.normalize()),
        hours_refused,
        hours_allocated: Hours::new(allocated.normalize()),
        employee_indemnity: cents(indemnity),
        rmm_complement: cents(complement),
        employer_allocation: cents(allocation),
        rest_payable_by_employer: cents(rest),
        contributions,
        warnings: ctx.warnings,
        explanation: ctx.steps,
    })
}

/// CSG/CRDS and the Alsace-Moselle contribution on the indemnity, with the écrêtement: the
/// levies cannot bring net pay + net indemnity below the full-time monthly gross SMIC; they are
/// levied in the order CSG déductible → CSG non déductible → CRDS → Alsace-Moselle, so the last
/// ones are removed first (spec §2.5; the place of the Alsace-Moselle contribution in that
/// order is not in the sources: it is put last).
fn levies(
    ctx: &mut Ctx<'_>,
    territory: Territory,
    indemnity: Decimal,
    net_pay: Decimal,
    regime: Regime,
) -> Result<Contributions, IndemnityError> {
    let (fraction, base_row) = ctx.known(Param::CsgBaseFraction, regime)?;
    let (csg_d_rate, _) = ctx.known(Param::CsgDeductibleRate, regime)?;
    let (csg_n_rate, _) = ctx.known(Param::CsgNonDeductibleRate, regime)?;
    let (crds_rate, _) = ctx.known(Param::CrdsRate, regime)?;
    let (smic_monthly, smic_row) = ctx.known(Param::SmicMonthly, regime)?;
    let base = indemnity * fraction;
    let full_csg_d = round_cents(base * csg_d_rate);
    let full_csg_n = round_cents(base * csg_n_rate);
    let full_crds = round_cents(base * crds_rate);
    let full_am = if territory == Territory::AlsaceMoselle {
        let (rate, _) = ctx.known(Param::AlsaceMoselleSicknessRate, regime)?;
        round_cents(indemnity * rate)
    } else {
        Decimal::ZERO
    };
    let mut room = (net_pay + indemnity - smic_monthly).max(Decimal::ZERO);
    let mut take = |full: Decimal| {
        let levied = full.min(room);
        room -= levied;
        levied
    };
    let csg_d = take(full_csg_d);
    let csg_n = take(full_csg_n);
    let crds = take(full_crds);
    let am = take(full_am);
    let before = full_csg_d + full_csg_n + full_crds + full_am;
    let total = csg_d + csg_n + crds + am;
    if ctx.explain {
        ctx.step(
            "contributions",
            format!(
                "CSG/CRDS sur {fraction} × {indemnity} : {full_csg_d} + {full_csg_n} + {full_crds} + {full_am} ; écrêtement au SMIC mensuel {smic_monthly} € → {total} €"
            ),
            format!(
                "CSG/CRDS on {fraction} × {indemnity}: {full_csg_d} + {full_csg_n} + {full_crds} + {full_am}; écrêtement at the monthly SMIC {smic_monthly} € → {total} €"
            ),
            &[
                ("base", base.to_string()),
                ("before_ecretement", before.to_string()),
                ("levied", total.to_string()),
            ],
            &format!("{}; {}", base_row.source.title, smic_row.source.title),
            ROUNDED,
        );
    }
    Ok(Contributions {
        base: Euros::new(base.normalize()),
        csg_deductible: cents(csg_d),
        csg_non_deductible: cents(csg_n),
        crds: cents(crds),
        alsace_moselle: cents(am),
        before_ecretement: cents(before),
        ecretement: cents(before - total),
        total: cents(total),
        net_indemnity: cents(indemnity - total),
    })
}

/// CSG/CRDS (and the Alsace-Moselle contribution) on an indemnity, with the écrêtement, for
/// hours of `date`: the part of [`compute`] that payroll software may need alone.
///
/// # Errors
///
/// [`IndemnityError::Law`] when a rate is missing for the date;
/// [`IndemnityError::SalaryOutOfRange`] for negative amounts.
///
/// ```
/// use apart::indemnity::{contributions, Territory};
/// use apart::law::LawBook;
/// use time::macros::date;
///
/// // Spec §4 #9 (fr-kb.sage.com, 2020): indemnity 709.09 €, net pay 842.82 €.
/// let book = LawBook::builtin()?;
/// let c = contributions(&book, date!(2020 - 04 - 01), Territory::Mainland, "709.09".parse()?, "842.82".parse()?)?;
/// assert_eq!(c.before_ecretement.to_string(), "46.67");
/// assert_eq!(c.csg_deductible.to_string(), "12.49");
/// assert_eq!(c.total.to_string(), "12.49");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn contributions(
    book: &LawBook,
    date: Date,
    territory: Territory,
    indemnity: Euros,
    net_pay_worked: Euros,
) -> Result<Contributions, IndemnityError> {
    pay_in_range("indemnity", indemnity.get(), true)?;
    pay_in_range("net_pay_worked", net_pay_worked.get(), true)?;
    let mut ctx = Ctx {
        book,
        date,
        explain: false,
        warnings: Vec::new(),
        steps: Vec::new(),
    };
    levies(
        &mut ctx,
        territory,
        indemnity.get(),
        net_pay_worked.get(),
        Regime::DroitCommun,
    )
}
