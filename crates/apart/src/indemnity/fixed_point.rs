//! The fixed-point path of the common case: the same rules on `i64` integers, for claims at
//! batch speed.
//!
//! `rust_decimal` arithmetic dominates the general path (comparisons across scales, products,
//! roundings). For the common case (`PerHour`, no explanation, mainland, a salaried employee
//! without training hours, levies, RMM, refused hours or quota overflow) the same arithmetic is
//! done on `i64` fixed-point integers, which is exact here because every operand has at most
//! 4 (rates) or 8 (money, hours) decimals and every bound is checked first. Anything else
//! returns `None` and the general path runs. The results are identical, field for field and
//! scale for scale: a property test (`tests/suite/indemnity.rs`) compares both paths on random
//! inputs.

use rust_decimal::Decimal;

use super::regime::regime_tables;
use super::{
    Category, EmployeeMonth, Explain, FullTimeFloor, LEGAL_MONTHLY_HOURS, Options, Outcome,
    Overtime, PayTerritory, Regime,
};
use crate::law::{LawBook, Param, Row, Status, Value};
use crate::money::{Euros, HourlyAmount, Hours, RoundingPolicy};

const POW10: [i64; 13] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
    1_000_000_000,
    10_000_000_000,
    100_000_000_000,
    1_000_000_000_000,
];

/// `value × 10^scale` as an integer, when exact and small enough.
#[inline]
fn scaled(value: Decimal, scale: u32) -> Option<i64> {
    let s = value.scale();
    if s > scale {
        return None;
    }
    let factor = *POW10.get((scale - s) as usize)?;
    let mantissa = i64::try_from(value.mantissa()).ok()?;
    mantissa.checked_mul(factor)
}

/// `Decimal::new(mantissa, scale).normalize()` without the 96-bit arithmetic.
#[inline]
fn normalized(mut mantissa: i64, mut scale: u32) -> Decimal {
    if mantissa == 0 {
        return Decimal::ZERO;
    }
    while scale > 0 && mantissa % 10 == 0 {
        mantissa /= 10;
        scale -= 1;
    }
    Decimal::new(mantissa, scale)
}

/// A confirmed row's value; `None` (decline) for anything else.
#[inline]
fn confirmed(row: &Row) -> Option<Value> {
    (row.status == Status::Confirmed).then_some(row.value)
}

#[inline]
fn known(book: &LawBook, param: Param, date: time::Date) -> Option<Decimal> {
    let row = book.lookup(param, date).ok()?;
    confirmed(row)?.known()
}

/// Rounds a non-negative integer at scale `from` to cents, half up (= half away from zero).
#[inline]
fn to_cents(value: i64, from: usize) -> Option<i64> {
    let divisor = *POW10.get(from.checked_sub(2)?)?;
    Some((value + divisor / 2) / divisor)
}

/// The common case, or `None` to let the general path decide (including every error).
pub(super) fn compute_common(
    book: &LawBook,
    input: &EmployeeMonth,
    options: &Options,
) -> Option<Outcome> {
    if options.rounding != RoundingPolicy::PerHour
        || options.explain != Explain::Off
        || input.hours_date.is_some()
        || input.days_not_worked.is_some()
        || input.net_pay_worked.is_some()
        || input.rmm_net.is_some()
        || input.net_hourly_pay.is_some()
        || input.apld_majorated_by.is_some()
        || input.territory != PayTerritory::Mainland
        || input.complement_rate.is_some()
        || input.complement_amount.is_some()
        || input.apld_period_months.is_some()
        || input.apld_months_used.is_some()
        || !input.apld_hours_used.get().is_zero()
        || input.apld_exceptional_reduction
        || input.regime == Regime::MayotteChido
        || !matches!(
            input.category,
            Category::FullTime
                | Category::PartTime
                | Category::Temporary
                | Category::PermanentTemporary
        )
        || !input.training_hours.get().is_zero()
    {
        return None;
    }
    let date = input.month.first_day();
    // After the verified date the general path warns (or refuses, with strict dates).
    if date > book.verified_until() {
        return None;
    }

    // Inputs at scale 4 (hours) and 4 (euros), with the general path's bounds; a contract of
    // at least one hour keeps every product below 10^18.
    let gross = scaled(input.gross_monthly.get(), 4)?;
    let variable = scaled(input.variable_pay_average.get(), 4)?;
    let contract = scaled(input.contract_hours.get(), 4)?;
    let not_worked = scaled(input.hours_not_worked.get(), 4)?;
    let used = scaled(input.hours_used_this_year.get(), 4)?;
    let max_pay = 1_000_000 * 10_000;
    if gross < 100
        || gross > max_pay
        || !(0..=max_pay).contains(&variable)
        || !(10_000..=744 * 10_000).contains(&contract)
        || !(0..=744 * 10_000).contains(&not_worked)
        || !(0..=366 * 24 * 10_000).contains(&used)
    {
        return None;
    }

    // Parameters (confirmed rows only: an unconfirmed one needs a warning).
    let tables = regime_tables(input.regime);
    let smic = known(book, Param::SmicHourly, date)?;
    let indemnity_rate = scaled(known(book, tables.indemnity_rate, date)?, 4)?;
    let allocation_rate = scaled(known(book, tables.allocation_rate, date)?, 4)?;
    let multiple = known(book, Param::CeilingSmicMultiple, date)?;
    let indemnity_multiple = confirmed(book.lookup(tables.indemnity_ceiling, date).ok()?)?;
    let allocation_floor = confirmed(book.lookup(tables.allocation_floor, date).ok()?)?;
    let quota = scaled(known(book, Param::AnnualQuotaHours, date)?, 4)?;
    let floor_applies = matches!(input.category, Category::PartTime | Category::Temporary)
        || tables.indemnity_floor_for_all
        || match options.full_time_floor {
            FullTimeFloor::Hourly => true,
            FullTimeFloor::RmmOnly => false,
            _ => confirmed(book.lookup(Param::FullTimeHourlyFloor, date).ok()?)?
                .known()
                .is_some(),
        };
    // The floor is looked up where it applies, and for a full-timer without it (the general
    // path warns when the indemnity is below it: declined below).
    let indemnity_floor = Some(scaled(known(book, Param::IndemnityFloor, date)?, 12)?);
    let allocation_floor = match allocation_floor {
        Value::Known(v) => Some(scaled(v, 12)?),
        Value::NotApplicable => None,
        Value::Unknown => return None,
    };

    // Hours: refused hours need warnings, so they go to the general path.
    let legal = scaled(LEGAL_MONTHLY_HOURS, 4)?;
    let counted = match input.overtime {
        Overtime::Structural => contract,
        _ => contract.min(legal),
    };
    if not_worked > counted {
        return None;
    }
    let remaining = (quota - used).max(0);
    if remaining < not_worked {
        return None;
    }

    // Hourly reference: the same exact quotient and rounding as the general path.
    let pay = input.gross_monthly.get() + input.variable_pay_average.get();
    let counted_decimal = if counted == contract {
        input.contract_hours.get()
    } else {
        LEGAL_MONTHLY_HOURS
    };
    let reference_raw = pay.checked_div(counted_decimal)?;
    // Rounded to the cent from the exact integer ratio: identical to `round_cents` of the
    // 28-digit quotient, since a ratio of denominator ≤ 7.44e6 is either exactly on a
    // midpoint or at least 6e-8 away from it, far more than the quotient's 1e-21 error.
    let numerator = (gross + variable).checked_mul(100)?;
    let reference_cents = (numerator + counted / 2) / counted;
    let reference_decimal = Decimal::new(reference_cents, 2);
    let reference = reference_cents.checked_mul(1_000_000)?;

    // Ceilings at scale 8: multiple (≤ 1 decimal in the data, ≤ 4 accepted) × SMIC.
    let allocation_ceiling = scaled(multiple, 4)?.checked_mul(scaled(smic, 4)?)?;
    let indemnity_ceiling = match indemnity_multiple {
        Value::Known(m) => Some(scaled(m, 4)?.checked_mul(scaled(smic, 4)?)?),
        Value::NotApplicable => None,
        Value::Unknown => return None,
    };
    let capped_allocation = reference.min(allocation_ceiling);
    let capped_indemnity = indemnity_ceiling.map_or(reference, |c| reference.min(c));

    // Rates (scale 4) × capped (scale 8) = scale 12; floors at scale 12.
    let mut indemnity12 = indemnity_rate.checked_mul(capped_indemnity)?;
    if let Some(floor) = indemnity_floor {
        if floor_applies {
            indemnity12 = indemnity12.max(floor.min(reference.checked_mul(10_000)?));
        } else if indemnity12 < floor
            && matches!(
                input.category,
                Category::FullTime | Category::PermanentTemporary
            )
        {
            // A full-timer below the floor without RMM inputs: the general path warns.
            return None;
        }
    }
    let mut allocation12 = allocation_rate.checked_mul(capped_allocation)?;
    if let Some(floor) = allocation_floor {
        allocation12 = allocation12.max(floor);
    }
    let hourly_indemnity = to_cents(indemnity12, 12)?;
    let hourly_allocation = to_cents(allocation12, 12)?;
    let indemnity = to_cents(hourly_indemnity.checked_mul(not_worked)?, 6)?;
    let allocation = to_cents(hourly_allocation.checked_mul(not_worked)?, 6)?;

    let smic_decimal = smic;
    let allocation_ceiling_decimal = normalized(allocation_ceiling, 8);
    let indemnity_ceiling_decimal = indemnity_ceiling.map(|c| normalized(c, 8));
    let capped_indemnity_decimal =
        indemnity_ceiling_decimal.map_or(reference_decimal, |c| reference_decimal.min(c));
    let hours = normalized(not_worked, 4);
    let mut reference_shown = reference_decimal;
    if reference_shown.scale() != 2 {
        reference_shown.rescale(2);
    }
    let mut capped_shown = capped_indemnity_decimal;
    if capped_shown.scale() != 2 {
        capped_shown.rescale(2);
    }
    Some(Outcome {
        employee: input.employee.clone(),
        month: input.month,
        parameters_date: date,
        law_as_of: book.verified_until(),
        regime: input.regime,
        rounding: RoundingPolicy::PerHour,
        smic_hourly: HourlyAmount::new(smic_decimal),
        hourly_reference_raw: HourlyAmount::new(reference_raw),
        hourly_reference: HourlyAmount::new(reference_shown),
        indemnity_ceiling: indemnity_ceiling_decimal.map(HourlyAmount::new),
        allocation_ceiling: HourlyAmount::new(allocation_ceiling_decimal),
        hourly_reference_capped: HourlyAmount::new(capped_shown),
        employee_hourly_indemnity: HourlyAmount::new(Decimal::new(hourly_indemnity, 2)),
        employer_hourly_allocation: HourlyAmount::new(Decimal::new(hourly_allocation, 2)),
        hours_not_worked: Hours::new(hours),
        hours_compensated: Hours::new(hours),
        hours_refused: Vec::new(),
        hours_allocated: Hours::new(hours),
        employee_indemnity: Euros::new(Decimal::new(indemnity, 2)),
        rmm_complement: Euros::new(Decimal::new(0, 2)),
        conventional_complement: Euros::new(Decimal::new(0, 2)),
        conventional_complement_as_pay: Euros::new(Decimal::new(0, 2)),
        employer_allocation: Euros::new(Decimal::new(allocation, 2)),
        rest_payable_by_employer: Euros::new(Decimal::new(indemnity - allocation, 2)),
        contributions: None,
        warnings: Vec::new(),
        explanation: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::calendar::Month;
    use crate::indemnity::general::compute_general;
    use proptest::prelude::*;

    fn same(
        book: &LawBook,
        input: &EmployeeMonth,
        options: &Options,
    ) -> Result<bool, TestCaseError> {
        let general = compute_general(book, input, options);
        match compute_common(book, input, options) {
            Some(fast) => {
                let general =
                    general.map_err(|e| TestCaseError::fail(format!("general failed: {e}")))?;
                prop_assert_eq!(
                    serde_json::to_string(&fast).unwrap(),
                    serde_json::to_string(&general).unwrap()
                );
                Ok(true)
            }
            None => Ok(false),
        }
    }

    fn d(n: i64, scale: u32) -> Decimal {
        Decimal::new(n, scale)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The fast path gives exactly what the general path gives, or declines.
        #[test]
        fn fast_path_equals_general_path(
            month in 0u32..90, gross in 1i64..2_000_000_000, gross_scale in 0u32..=5,
            contract in prop_oneof![Just(15_167i64), 1i64..30_000], contract_scale in prop_oneof![Just(2u32), 0u32..=5],
            hours in 0i64..20_000, hours_scale in 0u32..=5, variable in prop_oneof![Just(0i64), 0i64..100_000],
            used in prop_oneof![Just(0i64), 0i64..1_700], category in 0usize..4, regime in 0usize..7,
            structural in proptest::bool::ANY, hourly_floor in 0usize..3,
        ) {
            let book = LawBook::builtin().unwrap();
            let index = 2020 * 12 + 2 + month;
            let month = Month::new((index / 12) as i32, (index % 12 + 1) as u8).unwrap();
            let mut input = EmployeeMonth::new(month, Euros::new(d(gross, gross_scale)), Hours::new(d(hours, hours_scale)));
            input.contract_hours = Hours::new(d(contract, contract_scale));
            input.variable_pay_average = Euros::new(d(variable, 2));
            input.hours_used_this_year = Hours::new(Decimal::from(used));
            input.category = [Category::FullTime, Category::PartTime, Category::Temporary, Category::PermanentTemporary][category];
            input.regime = Regime::ALL[regime];
            if structural { input.overtime = Overtime::Structural; }
            let options = Options {
                full_time_floor: [FullTimeFloor::ByPeriod, FullTimeFloor::Hourly, FullTimeFloor::RmmOnly][hourly_floor],
                ..Options::default()
            };
            same(&book, &input, &options)?;
        }
    }

    /// A realistic claim mostly takes the fast path (and agrees with the general one).
    #[test]
    fn realistic_inputs_take_the_fast_path() {
        let book = LawBook::builtin().unwrap();
        let mut fast = 0;
        for i in 0..2_000i64 {
            let index = 2020 * 12 + 2 + (i % 75) as u32;
            let month = Month::new((index / 12) as i32, (index % 12 + 1) as u8).unwrap();
            let mut input = EmployeeMonth::new(
                month,
                Euros::new(d(150_000 + i * 797 % 1_000_000, 2)),
                Hours::new(d(i * 37 % 15_167, 2)),
            );
            if i % 3 == 0 {
                input.category = Category::PartTime;
                input.contract_hours = Hours::new(d(10_400, 2));
                input.hours_not_worked = Hours::new(d(i * 37 % 10_400, 2));
            }
            input.regime = Regime::ALL[(i % 3) as usize];
            if same(&book, &input, &Options::default()).unwrap() {
                fast += 1;
            }
        }
        assert!(fast > 1_000, "only {fast} of 2000 took the fast path");
    }

    #[test]
    fn the_common_case_takes_the_fast_path() {
        let book = LawBook::builtin().unwrap();
        let input = EmployeeMonth::new(
            "2026-01".parse().unwrap(),
            "3000".parse().unwrap(),
            "70".parse().unwrap(),
        );
        let fast = compute_common(&book, &input, &Options::default()).unwrap();
        assert_eq!(fast.employee_indemnity.to_string(), "830.90");
        // 2022-01, ceiling 47.565 binds: 0.36 × 47.565 = 17.1234 → 17.12.
        let input = EmployeeMonth::new(
            "2022-01".parse().unwrap(),
            "20000".parse().unwrap(),
            "10".parse().unwrap(),
        );
        let fast = compute_common(&book, &input, &Options::default()).unwrap();
        assert_eq!(fast.employer_hourly_allocation.to_string(), "17.12");
        assert_eq!(
            serde_json::to_string(&fast).unwrap(),
            serde_json::to_string(&compute_general(&book, &input, &Options::default()).unwrap())
                .unwrap()
        );
    }
}
