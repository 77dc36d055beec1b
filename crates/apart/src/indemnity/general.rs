//! The computation of one employee-month, one function per legal step (spec §2.3, with the
//! traps of §6), each returning its figure and writing its [`ExplanationStep`].
//!
//! [`compute_general`] reads like the law:
//!
//! 1. [`parameters`]: the regime's rates, ceilings and SMIC at the date of the hours;
//! 2. [`hours_counted`]: the hours within the contractual and legal duration (R5122-19);
//! 3. [`apld_limits`]: the APLD / APLD-Rebond reduction and duration limits;
//! 4. [`hourly_reference`]: the hourly reference and its ceilings (R5122-12, D5122-13);
//! 5. [`hourly_indemnity`]: the rate, the floor and the net cap (R5122-18);
//! 6. [`hourly_allocation`]: the rate and the floor (D5122-13, D5522-87);
//! 7. [`training`]: training hours at 100 % of net pay (R5122-18 al. 4);
//! 8. [`annual_quota`]: hours with allocation within the quota;
//! 9. [`amounts`]: the monthly indemnity and allocation;
//! 10. [`conventional_complement`]: the employer's complement and its social regime;
//! 11. [`super::levies::levies`]: CSG/CRDS with écrêtement;
//! 12. [`rmm_complement`]: the monthly minimum (L3232-1);
//! 13. [`rest_payable`]: what the employer bears.
//!
//! The hot path (explanations off) does not allocate: warnings and steps are pushed only when
//! there is something to say.

use rust_decimal::{Decimal, RoundingStrategy};
use time::Date;

use super::explain::{ExplanationStep, Rounding};
use super::input::{Checked, check};
use super::levies::levies;
use super::regime::{RegimeTables, regime_tables};
use super::{
    Category, EmployeeMonth, Explain, FullTimeFloor, IndemnityError, InputProblem,
    LEGAL_MONTHLY_HOURS, Options, Outcome, Overtime, PayTerritory, RefusedHours, Regime, Warning,
};
use crate::law::{LawBook, Param, Row, Status, Value, format_date};
use crate::money::{Euros, HourlyAmount, Hours, RoundingPolicy, round_cents};

/// Lookups, warnings and steps of one computation.
pub(super) struct Ctx<'a> {
    pub(super) book: &'a LawBook,
    pub(super) date: Date,
    pub(super) regime: Regime,
    pub(super) policy: RoundingPolicy,
    pub(super) explain: bool,
    strict: bool,
    beyond_said: bool,
    pub(super) warnings: Vec<Warning>,
    pub(super) steps: Vec<ExplanationStep>,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(book: &'a LawBook, date: Date, regime: Regime, options: &Options) -> Self {
        Ctx {
            book,
            date,
            regime,
            policy: options.rounding,
            explain: options.explain == Explain::On,
            strict: options.strict_law_dates,
            beyond_said: false,
            warnings: Vec::new(),
            steps: Vec::new(),
        }
    }

    /// The row in force, whatever its value: after the verified date it still applies
    /// (warned once), unless the caller asked for strict dates.
    fn row_in_force(&mut self, param: Param) -> Result<&'a Row, IndemnityError> {
        let table = self.book.table(param)?;
        let found = table.in_force(self.date)?;
        if let Some(until) = found.beyond {
            if self.strict {
                // The strict lookup gives the error naming the table and dates.
                table.at(self.date)?;
            }
            if !self.beyond_said {
                self.beyond_said = true;
                self.warnings.push(Warning::LawBeyondVerifiedDate {
                    date: format_date(self.date),
                    verified_until: format_date(until),
                });
            }
        }
        Ok(found.row)
    }

    fn flag_unconfirmed(&mut self, param: Param, row: &Row) {
        if row.status == Status::Unconfirmed {
            self.warnings.push(Warning::UnconfirmedParameter {
                table: param.id().to_owned(),
                from: format_date(row.from),
            });
        }
    }

    /// The row in force, which must not be `unknown`; unconfirmed rows are flagged.
    #[inline]
    pub(super) fn row(&mut self, param: Param) -> Result<&'a Row, IndemnityError> {
        let row = self.row_in_force(param)?;
        if row.value == Value::Unknown {
            return Err(self.book.table(param)?.unknown(self.date, row).into());
        }
        self.flag_unconfirmed(param, row);
        Ok(row)
    }

    /// A value that must be known; `none` means the regime is not in force.
    #[inline]
    pub(super) fn known(&mut self, param: Param) -> Result<(Decimal, &'a Row), IndemnityError> {
        let row = self.row(param)?;
        match row.value {
            Value::Known(v) => Ok((v, row)),
            _ => {
                let rows = &self.book.table(param)?.values;
                let known = |r: &&Row| matches!(r.value, Value::Known(_));
                let from = rows.iter().filter(|r| r.from > self.date).find(known);
                // In force before: a known row before this one, up to the day before it.
                let until = rows
                    .iter()
                    .filter(|r| r.from < row.from)
                    .rfind(known)
                    .and_then(|_| row.from.previous_day());
                Err(IndemnityError::RegimeNotInForce {
                    regime: self.regime.as_str(),
                    date: format_date(self.date),
                    table: param.id(),
                    from: from.map(|r| r.from),
                    until,
                    hint: row.note.clone().unwrap_or_default(),
                })
            }
        }
    }

    /// A floor that `by_rate` is compared with: `None` when there is none, or when it is
    /// `unknown` but cannot bind (`by_rate` at or above the highest floor the table has ever
    /// had: warned). An unknown floor that could bind is an error naming the table.
    pub(super) fn floor(
        &mut self,
        param: Param,
        by_rate: Decimal,
    ) -> Result<Option<(Decimal, &'a Row)>, IndemnityError> {
        let row = self.row_in_force(param)?;
        match row.value {
            Value::Known(v) => {
                self.flag_unconfirmed(param, row);
                Ok(Some((v, row)))
            }
            Value::NotApplicable => {
                self.flag_unconfirmed(param, row);
                Ok(None)
            }
            Value::Unknown => {
                let table = self.book.table(param)?;
                match table.highest_known() {
                    Some(highest) if by_rate >= highest => {
                        self.warnings.push(Warning::UnknownFloorSkipped {
                            table: param.id().to_owned(),
                            from: format_date(row.from),
                            highest_known: highest.to_string(),
                        });
                        Ok(None)
                    }
                    _ => Err(table.unknown(self.date, row).into()),
                }
            }
        }
    }

    /// Records a step, built only when explaining.
    #[inline]
    pub(super) fn step(&mut self, build: impl FnOnce() -> ExplanationStep) {
        if self.explain {
            self.steps.push(build());
        }
    }

    /// The rounding of an hourly figure under the policy.
    pub(super) fn hourly_rounding(&self) -> Rounding {
        match self.policy {
            RoundingPolicy::PerHour => Rounding::Cent,
            _ => Rounding::None,
        }
    }

    /// An hourly figure rounded under the policy.
    #[inline]
    pub(super) fn round_hourly(&self, value: Decimal) -> Decimal {
        match self.policy {
            RoundingPolicy::PerHour => round_cents(value),
            _ => value,
        }
    }
}

/// An amount as a cent value with two decimals (`0` → `0.00`).
#[inline]
pub(super) fn cents(value: Decimal) -> Euros {
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

/// The date the parameters are selected by: `hours_date`, or the first day of the month.
fn parameters_date(input: &EmployeeMonth) -> Result<Date, IndemnityError> {
    let date = input.hours_date.unwrap_or_else(|| input.month.first_day());
    if !input.month.contains(date) {
        return Err(IndemnityError::DateOutsideMonth {
            date: format_date(date),
            month: input.month.to_string(),
        });
    }
    Ok(date)
}

/// The regime's parameters at the date of the hours.
struct Parameters<'a> {
    tables: RegimeTables,
    mayotte: bool,
    smic: Decimal,
    smic_row: &'a Row,
    indemnity_rate: Decimal,
    indemnity_rate_row: &'a Row,
    allocation_rate: Decimal,
    allocation_rate_row: &'a Row,
    allocation_floor: Param,
    ceiling_multiple: Decimal,
    ceiling_row: &'a Row,
    indemnity_ceiling_row: &'a Row,
    allocation_ceiling: Decimal,
    indemnity_ceiling: Option<Decimal>,
}

/// Step 1: the SMIC, rates and ceilings of the regime, with the APLD majoration of an
/// employer entitled to a majorated Covid rate (décret 2020-1316, spec §1.4).
fn parameters<'a>(
    ctx: &mut Ctx<'a>,
    input: &EmployeeMonth,
) -> Result<Parameters<'a>, IndemnityError> {
    let tables = regime_tables(input.regime);
    let mayotte = input.territory == PayTerritory::Mayotte;
    let smic_param = if mayotte {
        Param::SmicHourlyMayotte
    } else {
        Param::SmicHourly
    };
    let (smic, smic_row) = ctx.known(smic_param)?;
    let (indemnity_rate, indemnity_rate_row) = ctx.known(tables.indemnity_rate)?;
    let (mut allocation_rate, mut allocation_rate_row) = ctx.known(tables.allocation_rate)?;
    let mut allocation_floor = if mayotte {
        tables.allocation_floor_mayotte
    } else {
        tables.allocation_floor
    };
    if let Some(majorated) = input.apld_majorated_by {
        if input.regime != Regime::Apld
            || !matches!(majorated, Regime::CovidProtected | Regime::CovidClosed)
        {
            return Err(IndemnityError::InvalidInput {
                field: "apld_majorated_by",
                problem: InputProblem::MajorationOutsideApld,
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
                allocation_floor = if mayotte {
                    other.allocation_floor_mayotte
                } else {
                    other.allocation_floor
                };
            }
        }
    }
    let (ceiling_multiple, ceiling_row) = ctx.known(Param::CeilingSmicMultiple)?;
    let indemnity_ceiling_row = ctx.row(tables.indemnity_ceiling)?;
    let allocation_ceiling = (ceiling_multiple * smic).normalize();
    let indemnity_ceiling = indemnity_ceiling_row
        .value
        .known()
        .map(|m| (m * smic).normalize());
    Ok(Parameters {
        tables,
        mayotte,
        smic,
        smic_row,
        indemnity_rate,
        indemnity_rate_row,
        allocation_rate,
        allocation_rate_row,
        allocation_floor,
        ceiling_multiple,
        ceiling_row,
        indemnity_ceiling_row,
        allocation_ceiling,
        indemnity_ceiling,
    })
}

/// The hours of the month.
struct HoursCounted {
    /// The monthly duration the hours are counted within (also the reference's divisor).
    counted_duration: Decimal,
    /// Hours compensated so far.
    compensated: Decimal,
    refused: Vec<RefusedHours>,
}

fn refuse(ctx: &mut Ctx<'_>, refused: &mut Vec<RefusedHours>, hours: Decimal, reason: &str) {
    refused.push(RefusedHours {
        hours: Hours::new(hours.normalize()),
        reason: reason.to_owned(),
    });
    let hours = hours.to_string();
    ctx.warnings.push(match reason {
        "above_contract_hours" => Warning::HoursAboveContract { hours },
        "above_legal_duration" => Warning::HoursAboveLegalDuration { hours },
        _ => Warning::HoursAboveApldLimit {
            hours,
            reason: reason.to_owned(),
        },
    });
}

/// Step 2: hours within the contractual and the legal duration (R5122-19, R5122-11; L5122-3
/// I 1° for structural overtime). Hours above are refused, never clamped silently.
fn hours_counted(ctx: &mut Ctx<'_>, input: &EmployeeMonth, checked: &Checked) -> HoursCounted {
    let (contract, not_worked) = (checked.contract, checked.not_worked);
    let counted_duration = match input.overtime {
        Overtime::Structural => contract,
        _ => contract.min(LEGAL_MONTHLY_HOURS),
    };
    let above_contract = (not_worked - contract).max(Decimal::ZERO);
    let within_contract = not_worked - above_contract;
    let above_legal = (within_contract - counted_duration).max(Decimal::ZERO);
    let compensated = within_contract - above_legal;
    let mut refused = Vec::new();
    if above_contract > Decimal::ZERO {
        refuse(ctx, &mut refused, above_contract, "above_contract_hours");
    }
    if above_legal > Decimal::ZERO {
        refuse(ctx, &mut refused, above_legal, "above_legal_duration");
    }
    ctx.step(|| {
        ExplanationStep::new(
            "hours_counted",
            format!(
                "heures chômées : {not_worked} h ; indemnisables dans la limite de {counted_duration} h : {compensated} h"
            ),
            format!(
                "hours not worked: {not_worked} h; compensated within {counted_duration} h: {compensated} h"
            ),
            "Art. R5122-19, R5122-11, D5122-15 C. trav.",
            Rounding::None,
        )
        .with("hours_not_worked", not_worked)
        .with("contract_hours", contract)
        .with("counted_duration", counted_duration)
        .with("hours_compensated", compensated)
        .with("hours_refused", not_worked - compensated)
    });
    HoursCounted {
        counted_duration,
        compensated,
        refused,
    }
}

/// Step 3: the APLD and APLD-Rebond limits, when the caller gives the accord's counters: no
/// allocation month beyond the maximum duration, no hour beyond the reduction limit (40 %, or
/// 50 % in the accord's exceptional cases) of the duration over the accord's period
/// (décret 2020-926 art. 3 and 4; décret 2025-338). Refused hours carry their reason.
fn apld_limits(
    ctx: &mut Ctx<'_>,
    input: &EmployeeMonth,
    params: &Parameters<'_>,
    hours: &mut HoursCounted,
) -> Result<(), IndemnityError> {
    let Some(limits) = params.tables.apld_limits.as_ref() else {
        return Ok(());
    };
    if input.apld_period_months.is_none() && input.apld_months_used.is_none() {
        return Ok(());
    }
    let (max_months, months_row) = ctx.known(limits.max_months)?;
    let (reference_months, _) = ctx.known(limits.reference_months)?;
    let reduction_param = if input.apld_exceptional_reduction {
        limits.max_reduction_exceptional
    } else {
        limits.max_reduction
    };
    let (reduction, reduction_row) = ctx.known(reduction_param)?;
    let mut texts_fr = Vec::new();
    let mut texts_en = Vec::new();
    if let Some(used) = input.apld_months_used {
        let this_month = Decimal::from(used) + Decimal::ONE;
        if this_month > max_months && hours.compensated > Decimal::ZERO {
            let all = hours.compensated;
            hours.compensated = Decimal::ZERO;
            refuse(ctx, &mut hours.refused, all, "beyond_apld_max_duration");
        }
        texts_fr.push(format!(
            "mois d'allocation : {used} déjà utilisés + ce mois, au plus {max_months} sur {reference_months}"
        ));
        texts_en.push(format!(
            "months of allocation: {used} already used + this month, at most {max_months} within {reference_months}"
        ));
    }
    if let Some(period) = input.apld_period_months {
        let period = Decimal::from(period);
        if period > reference_months {
            return Err(IndemnityError::InvalidInput {
                field: "apld_period_months",
                problem: InputProblem::ApldPeriodTooLong {
                    months: period.to_string(),
                    allowed: reference_months.to_string(),
                },
            });
        }
        let limit = reduction * hours.counted_duration * period;
        let remaining = (limit - input.apld_hours_used.get()).max(Decimal::ZERO);
        if hours.compensated > remaining {
            let above = hours.compensated - remaining;
            hours.compensated = remaining;
            refuse(ctx, &mut hours.refused, above, "above_apld_reduction_limit");
        }
        let used = input.apld_hours_used;
        let pct = (reduction * Decimal::ONE_HUNDRED).normalize();
        texts_fr.push(format!(
            "réduction au plus {pct} % de {} h × {period} mois = {limit} h ; déjà {used} h",
            hours.counted_duration
        ));
        texts_en.push(format!(
            "reduction at most {pct} % of {} h × {period} months = {limit} h; already {used} h",
            hours.counted_duration
        ));
    }
    let compensated = hours.compensated;
    ctx.step(|| {
        ExplanationStep::new(
            "apld_limits",
            format!("{} : {compensated} h indemnisables", texts_fr.join(" ; ")),
            format!("{}: {compensated} h compensated", texts_en.join("; ")),
            &format!(
                "{}; {}",
                months_row.source.title, reduction_row.source.title
            ),
            Rounding::None,
        )
        .with("max_months", max_months)
        .with("max_reduction", reduction)
        .with("hours_compensated", compensated)
    });
    Ok(())
}

/// The hourly reference and its ceilings.
struct Reference {
    raw: Decimal,
    rounded: Decimal,
    capped_indemnity: Decimal,
    capped_allocation: Decimal,
}

/// Step 4: the hourly reference pay (R5122-12, R5122-18 al. 1–3), capped at 4.5 × SMIC for
/// the allocation and, from 2021, for the indemnity (D5122-13, R5122-18).
fn hourly_reference(
    ctx: &mut Ctx<'_>,
    input: &EmployeeMonth,
    params: &Parameters<'_>,
    counted_duration: Decimal,
) -> Reference {
    let pay = input.gross_monthly.get() + input.variable_pay_average.get();
    let raw = pay.checked_div(counted_duration).unwrap_or(Decimal::ZERO);
    // Rounded from the exact quotient, not from its 28 digits (which could round twice).
    let rounded = match ctx.policy {
        RoundingPolicy::PerHour => crate::money::round_cents_of_quotient(pay, counted_duration)
            .unwrap_or_else(|| round_cents(raw)),
        _ => raw,
    };
    let capped_allocation = rounded.min(params.allocation_ceiling);
    let capped_indemnity = params.indemnity_ceiling.map_or(rounded, |c| rounded.min(c));
    let rounding = ctx.hourly_rounding();
    ctx.step(|| {
        ExplanationStep::new(
            "hourly_reference",
            format!("rémunération horaire de référence : {pay} € / {counted_duration} h = {raw} → {rounded} €"),
            format!("hourly reference pay: {pay} € / {counted_duration} h = {raw} → {rounded} €"),
            "Art. R5122-12, R5122-18 al. 1 à 3 C. trav.",
            rounding,
        )
        .with("gross_monthly", input.gross_monthly)
        .with("variable_pay_average", input.variable_pay_average)
        .with("divisor_hours", counted_duration)
        .with("hourly_reference_raw", raw)
        .with("hourly_reference", rounded)
    });
    ctx.step(|| {
        let ceiling_text = params
            .indemnity_ceiling
            .map_or_else(|| "none".to_owned(), |c| c.to_string());
        let (multiple, smic, allocation_ceiling) = (
            params.ceiling_multiple,
            params.smic,
            params.allocation_ceiling,
        );
        ExplanationStep::new(
            "ceiling",
            format!(
                "plafond : {multiple} × SMIC {smic} € = {allocation_ceiling} € (allocation) ; indemnité : {ceiling_text} ; référence retenue {capped_indemnity} € / {capped_allocation} €"
            ),
            format!(
                "ceiling: {multiple} × SMIC {smic} € = {allocation_ceiling} € (allocation); indemnity: {ceiling_text}; reference kept {capped_indemnity} € / {capped_allocation} €"
            ),
            &format!(
                "{}; {}; {}",
                params.smic_row.source.title,
                params.ceiling_row.source.title,
                params.indemnity_ceiling_row.source.title
            ),
            Rounding::None,
        )
        .with("smic_hourly", smic)
        .with("allocation_ceiling", allocation_ceiling)
        .with("indemnity_ceiling", &ceiling_text)
        .with("capped_for_indemnity", capped_indemnity)
        .with("capped_for_allocation", capped_allocation)
    });
    Reference {
        raw,
        rounded,
        capped_indemnity,
        capped_allocation,
    }
}

/// Who is exempt from floors: apprentices and contrats pro paid below the SMIC get 100 % of
/// their pay (R5122-18 al. 5); they, pigistes and VRP paid below the SMIC have no allocation
/// floor (D5122-13 al. 2).
struct Exemptions {
    apprentice_rule: bool,
    allocation_floor_exempt: bool,
}

fn exemptions(input: &EmployeeMonth, reference: &Reference, smic: Decimal) -> Exemptions {
    let below_smic = reference.raw < smic;
    Exemptions {
        apprentice_rule: below_smic
            && matches!(
                input.category,
                Category::Apprentice | Category::ProfessionalisationContract
            ),
        allocation_floor_exempt: below_smic
            && matches!(
                input.category,
                Category::Apprentice
                    | Category::ProfessionalisationContract
                    | Category::FreelanceJournalist
                    | Category::SalesRepresentative
            ),
    }
}

/// Whether the hourly floor applies: statutory for part-timers and temporary workers, for
/// everyone under APLD, and for full-timers as the policy says (by period: the
/// `full_time_hourly_floor` table).
fn floor_applies(
    ctx: &mut Ctx<'_>,
    input: &EmployeeMonth,
    options: &Options,
    tables: &RegimeTables,
) -> Result<bool, IndemnityError> {
    Ok(match input.category {
        Category::PartTime | Category::Temporary => true,
        _ if tables.indemnity_floor_for_all => true,
        _ => match options.full_time_floor {
            FullTimeFloor::Hourly => true,
            FullTimeFloor::RmmOnly => false,
            _ => ctx.row(Param::FullTimeHourlyFloor)?.value.known().is_some(),
        },
    })
}

/// Step 5: the employee's hourly indemnity (R5122-18): the rate of the capped reference, the
/// floor (or the hourly pay if lower) where it applies, then the net cap (the net indemnity
/// cannot exceed the usual net hourly pay, when it is given).
fn hourly_indemnity(
    ctx: &mut Ctx<'_>,
    input: &EmployeeMonth,
    options: &Options,
    params: &Parameters<'_>,
    reference: &Reference,
    exempt: &Exemptions,
) -> Result<Decimal, IndemnityError> {
    let rounding = ctx.hourly_rounding();
    let value = if exempt.apprentice_rule {
        let (share, row) = ctx.known(Param::ApprenticeBelowSmicRate)?;
        let value = ctx.round_hourly(share * reference.rounded);
        ctx.step(|| {
            ExplanationStep::new(
                "indemnity_apprentice",
                format!(
                    "apprenti ou contrat pro payé sous le SMIC : {share} × {} = {value} €/h",
                    reference.rounded
                ),
                format!(
                    "apprentice or contrat pro paid below the SMIC: {share} × {} = {value} €/h",
                    reference.rounded
                ),
                &row.source.title,
                rounding,
            )
            .with("share_of_pay", share)
            .with("hourly_indemnity", value)
        });
        value
    } else {
        let by_rate = params.indemnity_rate * reference.capped_indemnity;
        let applies = floor_applies(ctx, input, options, &params.tables)?;
        let floor_param = if params.mayotte {
            Param::IndemnityFloorMayotte
        } else {
            Param::IndemnityFloor
        };
        let mut value = by_rate;
        let mut floor_text = String::new();
        // The floor is a net hourly SMIC, below the gross hourly SMIC: when the rate already
        // gives the gross SMIC, the floor cannot bind and is not looked up.
        if applies && by_rate < params.smic {
            if let Some((floor, floor_row)) = ctx.floor(floor_param, by_rate)? {
                // The floor, or the hourly pay if lower (ordonnance 2020-346 art. 3; R5122-18).
                let effective = floor.min(reference.rounded);
                value = value.max(effective);
                if ctx.explain {
                    floor_text = format!("{effective} ({})", floor_row.source.title);
                }
            }
        } else if !applies
            && by_rate < params.smic
            && matches!(
                input.category,
                Category::FullTime | Category::PermanentTemporary
            )
            && (input.rmm_net.is_none() || input.net_pay_worked.is_none())
        {
            // A full-timer's guarantee is the monthly RMM: say when it may be due and cannot
            // be computed. An unknown floor counts as binding (the rate is below the SMIC).
            let row = ctx.row_in_force(floor_param)?;
            let below = row.value.known().is_none_or(|floor| by_rate < floor);
            if below && row.value != Value::NotApplicable {
                ctx.warnings.push(Warning::RmmInputsMissing {
                    hourly_indemnity: ctx.round_hourly(by_rate).to_string(),
                    floor: row.value.to_string(),
                });
            }
        }
        let value = ctx.round_hourly(value);
        ctx.step(|| {
            let percent = (params.indemnity_rate * Decimal::ONE_HUNDRED).normalize();
            let floor_shown = if !applies {
                "—".to_owned()
            } else if floor_text.is_empty() {
                format!("≤ {} (SMIC)", params.smic)
            } else {
                floor_text.clone()
            };
            let capped = reference.capped_indemnity;
            ExplanationStep::new(
                "indemnity_rate",
                format!("indemnité horaire : {percent}% × {capped} = {by_rate} ; plancher {floor_shown} → {value} €/h"),
                format!("hourly indemnity: {percent}% × {capped} = {by_rate}; floor {floor_shown} → {value} €/h"),
                &params.indemnity_rate_row.source.title,
                rounding,
            )
            .with("indemnity_rate", params.indemnity_rate)
            .with("by_rate", by_rate)
            .with("floor", &floor_shown)
            .with("employee_hourly_indemnity", value)
        });
        value
    };
    Ok(net_cap(ctx, input, value))
}

/// The net cap of R5122-18: the indemnity cannot exceed the usual net hourly pay.
fn net_cap(ctx: &mut Ctx<'_>, input: &EmployeeMonth, value: Decimal) -> Decimal {
    let Some(net) = input.net_hourly_pay else {
        return value;
    };
    let net = net.get();
    if value <= net {
        return value;
    }
    // Under per-hour rounding the hourly figure is in cents, and rounding the cap half-up
    // would exceed it (7.905 → 7.91): the cap is taken down to the cent (7.90).
    let capped = match ctx.policy {
        RoundingPolicy::PerHour => net.round_dp_with_strategy(2, RoundingStrategy::ToZero),
        _ => net,
    };
    ctx.warnings.push(Warning::NetCapApplied {
        hourly_indemnity: value.to_string(),
        net_hourly_pay: net.to_string(),
    });
    ctx.step(|| {
        ExplanationStep::new(
            "net_cap",
            format!("plafond : l'indemnité ne peut excéder la rémunération nette horaire habituelle {net} € → {capped} €/h{}", if capped == net { "" } else { " (au centime inférieur)" }),
            format!("cap: the indemnity cannot exceed the usual net hourly pay {net} € → {capped} €/h{}", if capped == net { "" } else { " (down to the cent)" }),
            "Art. R5122-18 C. trav.",
            Rounding::None,
        )
        .with("net_hourly_pay", net)
        .with("employee_hourly_indemnity", capped)
    });
    capped
}

/// Step 6: the employer's hourly allocation (D5122-13, D5522-87): the rate of the capped
/// reference and the floor; for apprentices below the SMIC, the indemnity itself.
fn hourly_allocation(
    ctx: &mut Ctx<'_>,
    params: &Parameters<'_>,
    reference: &Reference,
    exempt: &Exemptions,
    hourly_indemnity: Decimal,
) -> Result<Decimal, IndemnityError> {
    if exempt.apprentice_rule {
        // Same amount as the indemnity, no floor, never above the indemnity (R5122-18 al. 5).
        ctx.step(|| {
            ExplanationStep::new(
                "allocation_apprentice",
                format!("allocation égale à l'indemnité, sans plancher : {hourly_indemnity} €/h"),
                format!("allocation equal to the indemnity, no floor: {hourly_indemnity} €/h"),
                "Art. R5122-18 al. 5 C. trav.; ordonnance n° 2020-428, art. 4",
                Rounding::None,
            )
            .with("employer_hourly_allocation", hourly_indemnity)
        });
        return Ok(hourly_indemnity);
    }
    let rate = params.allocation_rate;
    let by_rate = rate * reference.capped_allocation;
    let mut value = by_rate;
    let mut floor_shown = "—".to_owned();
    let mut floor_source = String::new();
    if !exempt.allocation_floor_exempt
        && let Some((floor, row)) = ctx.floor(params.allocation_floor, by_rate)?
    {
        value = value.max(floor);
        if ctx.explain {
            floor_shown = floor.to_string();
            floor_source = row.source.title.clone();
        }
    }
    let value = ctx.round_hourly(value);
    let rounding = ctx.hourly_rounding();
    let capped = reference.capped_allocation;
    ctx.step(|| {
        let percent = (rate * Decimal::ONE_HUNDRED).normalize();
        ExplanationStep::new(
            "allocation_rate",
            format!("allocation horaire : {percent}% × {capped} = {by_rate}"),
            format!("hourly allocation: {percent}% × {capped} = {by_rate}"),
            &params.allocation_rate_row.source.title,
            Rounding::None,
        )
        .with("allocation_rate", rate)
        .with("by_rate", by_rate)
    });
    ctx.step(|| {
        // No floor for this employee or date: said in each language, not in the source.
        let (fr, en, source) = if floor_source.is_empty() {
            (
                format!("plancher de l'allocation : sans objet → {value} €/h"),
                format!("allocation floor: not applicable → {value} €/h"),
                "Art. D5122-13 al. 2 C. trav.",
            )
        } else {
            (
                format!("plancher de l'allocation : {floor_shown} → {value} €/h"),
                format!("allocation floor: {floor_shown} → {value} €/h"),
                floor_source.as_str(),
            )
        };
        ExplanationStep::new("allocation_floor", fr, en, source, rounding)
            .with("floor", &floor_shown)
            .with("employer_hourly_allocation", value)
    });
    Ok(value)
}

/// Step 7: training hours (L5122-2, R5122-18 al. 4): from 2023, 100 % of the net hourly pay;
/// before, the normal indemnity. Returns the training hours and their hourly indemnity.
fn training(
    ctx: &mut Ctx<'_>,
    input: &EmployeeMonth,
    compensated: Decimal,
    hourly_indemnity: Decimal,
) -> Result<(Decimal, Decimal), IndemnityError> {
    let hours = input.training_hours.get().min(compensated);
    if hours <= Decimal::ZERO {
        return Ok((Decimal::ZERO, hourly_indemnity));
    }
    let row = ctx.row(Param::TrainingIndemnityRate)?;
    let Value::Known(share) = row.value else {
        return Ok((hours, hourly_indemnity));
    };
    let net = input.net_hourly_pay.ok_or(IndemnityError::MissingInput {
        field: "net_hourly_pay",
        rule: "R5122-18 al. 4",
    })?;
    let hourly = ctx.round_hourly(share * net.get());
    let rounding = ctx.hourly_rounding();
    ctx.step(|| {
        ExplanationStep::new(
            "training_hours",
            format!("{hours} h de formation à {share} × {net} net = {hourly} €/h"),
            format!("{hours} h of training at {share} × {net} net = {hourly} €/h"),
            &row.source.title,
            rounding,
        )
        .with("training_hours", hours)
        .with("training_hourly", hourly)
    });
    Ok((hours, hourly))
}

/// Step 8: the annual quota (§1.8): hours beyond it have no allocation, the indemnity stays
/// due (warned).
fn annual_quota(
    ctx: &mut Ctx<'_>,
    input: &EmployeeMonth,
    compensated: Decimal,
) -> Result<Decimal, IndemnityError> {
    let (quota, row) = ctx.known(Param::AnnualQuotaHours)?;
    let remaining = (quota - input.hours_used_this_year.get()).max(Decimal::ZERO);
    let allocated = compensated.min(remaining);
    if allocated < compensated {
        ctx.warnings.push(Warning::QuotaExceeded {
            hours: (compensated - allocated).to_string(),
            quota: quota.to_string(),
        });
    }
    let used = input.hours_used_this_year;
    ctx.step(|| {
        ExplanationStep::new(
            "annual_quota",
            format!("contingent annuel {quota} h, déjà utilisées {used} h : {allocated} h avec allocation"),
            format!("annual quota {quota} h, already used {used} h: {allocated} h with allocation"),
            &row.source.title,
            Rounding::None,
        )
        .with("quota", quota)
        .with("hours_allocated", allocated)
    });
    Ok(allocated)
}

/// Step 9: the monthly amounts, each rounded to the cent.
fn amounts(
    ctx: &mut Ctx<'_>,
    hourly_indemnity: Decimal,
    hourly_allocation: Decimal,
    compensated: Decimal,
    (training_hours, training_hourly): (Decimal, Decimal),
    allocated: Decimal,
) -> (Decimal, Decimal) {
    let indemnity = round_cents(
        hourly_indemnity * (compensated - training_hours) + training_hourly * training_hours,
    );
    let allocation = round_cents(hourly_allocation * allocated);
    ctx.step(|| {
        // Training hours are paid at their own rate: the product says so, or it would not add up.
        let (fr, en) = if training_hours.is_zero() {
            (
                format!("{hourly_indemnity} × {compensated} h"),
                format!("{hourly_indemnity} × {compensated} h"),
            )
        } else {
            let other = compensated - training_hours;
            (
                format!("{hourly_indemnity} × {other} h + {training_hourly} × {training_hours} h de formation"),
                format!("{hourly_indemnity} × {other} h + {training_hourly} × {training_hours} h of training"),
            )
        };
        ExplanationStep::new(
            "amounts",
            format!("indemnité : {fr} = {indemnity} € ; allocation : {hourly_allocation} × {allocated} h = {allocation} €"),
            format!("indemnity: {en} = {indemnity} €; allocation: {hourly_allocation} × {allocated} h = {allocation} €"),
            "Art. R5122-18, D5122-13 C. trav.",
            Rounding::Cent,
        )
        .with("employee_indemnity", indemnity)
        .with("employer_allocation", allocation)
    });
    (indemnity, allocation)
}

/// The employer's conventional complement and how much of it is replacement income.
pub(super) struct Complement {
    pub(super) amount: Decimal,
    pub(super) replacement: Decimal,
    pub(super) as_pay: Decimal,
}

/// Step 10: the conventional complement above the legal indemnity (a rate of the hourly
/// reference, or an amount). It changes what the employee receives and the CSG/CRDS base,
/// never the allocation: replacement income within 3.15 × SMIC per hour until 2022, pay from
/// the first euro from 2023 (spec §2.5).
fn conventional_complement(
    ctx: &mut Ctx<'_>,
    input: &EmployeeMonth,
    params: &Parameters<'_>,
    reference: &Reference,
    hourly_indemnity: Decimal,
    (compensated, training_hours): (Decimal, Decimal),
    indemnity: Decimal,
) -> Result<Complement, IndemnityError> {
    let amount = match (input.complement_rate, input.complement_amount) {
        (Some(rate), _) => {
            let total = ctx.round_hourly(rate.get() * reference.rounded);
            let per_hour = (total - hourly_indemnity).max(Decimal::ZERO);
            round_cents(per_hour * (compensated - training_hours))
        }
        (None, Some(amount)) => round_cents(amount.get()),
        (None, None) => {
            return Ok(Complement {
                amount: Decimal::ZERO,
                replacement: Decimal::ZERO,
                as_pay: Decimal::ZERO,
            });
        }
    };
    let regime_row = ctx.row(Param::ComplementReplacementIncome)?;
    let replacement = if regime_row.value.known().is_some() {
        let cap_row = ctx.row(Param::ComplementReplacementIncomeCapSmicMultiple)?;
        match cap_row.value.known() {
            Some(multiple) => {
                let room = (round_cents(multiple * params.smic * compensated) - indemnity)
                    .max(Decimal::ZERO);
                amount.min(room)
            }
            None => amount,
        }
    } else {
        Decimal::ZERO
    };
    let as_pay = amount - replacement;
    if as_pay > Decimal::ZERO {
        ctx.warnings.push(Warning::ComplementAsPay {
            amount: cents(as_pay).to_string(),
        });
    }
    ctx.step(|| {
        ExplanationStep::new(
            "conventional_complement",
            format!("complément conventionnel {amount} € : {replacement} € revenu de remplacement, {as_pay} € salaire"),
            format!("conventional complement {amount} €: {replacement} € replacement income, {as_pay} € pay"),
            &regime_row.source.title,
            Rounding::Cent,
        )
        .with("conventional_complement", amount)
        .with("replacement_income", replacement)
        .with("as_pay", as_pay)
    });
    Ok(Complement {
        amount,
        replacement,
        as_pay,
    })
}

/// Step 12: the RMM complement (L3232-1 s.; §2.4) of full-timers and CDI intérimaires, when
/// both the RMM and the net pay are given: `max(0, RMM − net pay − net indemnity)`, the
/// conventional complement counted in the indemnity.
fn rmm_complement(
    ctx: &mut Ctx<'_>,
    input: &EmployeeMonth,
    paid: Decimal,
    levied: Decimal,
) -> Decimal {
    if !matches!(
        input.category,
        Category::FullTime | Category::PermanentTemporary
    ) {
        return Decimal::ZERO;
    }
    match (input.rmm_net, input.net_pay_worked) {
        (Some(rmm), Some(net_pay)) => {
            let complement =
                round_cents((rmm.get() - net_pay.get() - (paid - levied)).max(Decimal::ZERO));
            ctx.step(|| {
                ExplanationStep::new(
                    "rmm_complement",
                    format!("complément RMM : max(0, {rmm} − {net_pay} − ({paid} − {levied})) = {complement} €"),
                    format!("rmm complement: max(0, {rmm} − {net_pay} − ({paid} − {levied})) = {complement} €"),
                    "Art. L3232-1 à L3232-6 C. trav.",
                    Rounding::Cent,
                )
                .with("rmm_net", rmm)
                .with("rmm_complement", complement)
            });
            complement
        }
        (Some(_), None) => {
            ctx.warnings.push(Warning::RmmNotComputed);
            Decimal::ZERO
        }
        _ => Decimal::ZERO,
    }
}

/// Step 13: what the employer bears: indemnity + RMM complement + conventional complement −
/// allocation (negative when the allocation floor exceeds the indemnity paid).
fn rest_payable(
    ctx: &mut Ctx<'_>,
    indemnity: Decimal,
    rmm: Decimal,
    complement: Decimal,
    allocation: Decimal,
) -> Decimal {
    let rest = indemnity + rmm + complement - allocation;
    ctx.step(|| {
        ExplanationStep::new(
            "rest_payable",
            format!("reste à charge : {indemnity} + {rmm} + {complement} − {allocation} = {rest} €"),
            format!("rest payable by the employer: {indemnity} + {rmm} + {complement} − {allocation} = {rest} €"),
            "—",
            Rounding::None,
        )
        .with("rest_payable_by_employer", rest)
    });
    rest
}

/// The general computation: every rule, every policy, the explanation. [`super::compute`]
/// first tries the fixed-point path of the common case (`fixed_point.rs`), which gives
/// identical results (property-tested) or declines.
pub(super) fn compute_general(
    book: &LawBook,
    input: &EmployeeMonth,
    options: &Options,
) -> Result<Outcome, IndemnityError> {
    let date = parameters_date(input)?;
    let checked = check(input)?;
    let mut ctx = Ctx::new(book, date, input.regime, options);
    let policy = options.rounding;

    let params = parameters(&mut ctx, input)?;
    let mut hours = hours_counted(&mut ctx, input, &checked);
    apld_limits(&mut ctx, input, &params, &mut hours)?;
    let reference = hourly_reference(&mut ctx, input, &params, hours.counted_duration);
    let exempt = exemptions(input, &reference, params.smic);
    let hourly_indemnity =
        hourly_indemnity(&mut ctx, input, options, &params, &reference, &exempt)?;
    let hourly_allocation =
        hourly_allocation(&mut ctx, &params, &reference, &exempt, hourly_indemnity)?;
    let compensated = hours.compensated;
    let training = training(&mut ctx, input, compensated, hourly_indemnity)?;
    let allocated = annual_quota(&mut ctx, input, compensated)?;
    let (indemnity, allocation) = amounts(
        &mut ctx,
        hourly_indemnity,
        hourly_allocation,
        compensated,
        training,
        allocated,
    );
    let complement = conventional_complement(
        &mut ctx,
        input,
        &params,
        &reference,
        hourly_indemnity,
        (compensated, training.0),
        indemnity,
    )?;

    let mut contributions = None;
    if params.mayotte {
        ctx.warnings.push(Warning::MayotteContributionNotComputed);
    } else if let Some(net_pay) = input.net_pay_worked {
        contributions = Some(levies(
            &mut ctx,
            input.territory,
            indemnity + complement.replacement,
            net_pay.get(),
        )?);
    }
    let levied = contributions
        .as_ref()
        .map_or(Decimal::ZERO, |c| c.total.get());
    let rmm = rmm_complement(&mut ctx, input, indemnity + complement.amount, levied);
    if let Some(c) = contributions.as_mut() {
        c.net_indemnity = cents(c.net_indemnity.get() + rmm);
    }
    let rest = rest_payable(&mut ctx, indemnity, rmm, complement.amount, allocation);

    Ok(Outcome {
        employee: input.employee.clone(),
        month: input.month,
        parameters_date: date,
        law_as_of: book.verified_until(),
        regime: input.regime,
        rounding: policy,
        smic_hourly: HourlyAmount::new(params.smic),
        hourly_reference_raw: HourlyAmount::new(reference.raw),
        hourly_reference: hourly(policy, reference.rounded),
        indemnity_ceiling: params
            .indemnity_ceiling
            .map(|c| HourlyAmount::new(c.normalize())),
        allocation_ceiling: HourlyAmount::new(params.allocation_ceiling.normalize()),
        hourly_reference_capped: hourly(policy, reference.capped_indemnity),
        employee_hourly_indemnity: hourly(policy, hourly_indemnity),
        employer_hourly_allocation: hourly(policy, hourly_allocation),
        hours_not_worked: Hours::new(checked.not_worked.normalize()),
        hours_compensated: Hours::new(compensated.normalize()),
        hours_refused: hours.refused,
        hours_allocated: Hours::new(allocated.normalize()),
        employee_indemnity: cents(indemnity),
        rmm_complement: cents(rmm),
        conventional_complement: cents(complement.amount),
        conventional_complement_as_pay: cents(complement.as_pay),
        employer_allocation: cents(allocation),
        rest_payable_by_employer: cents(rest),
        contributions,
        warnings: ctx.warnings,
        explanation: ctx.steps,
    })
}
