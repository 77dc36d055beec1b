//! The ranges every caller number must fall in, checked before any arithmetic: with them, no
//! product or sum of the computation can overflow (pay ≤ 1 000 000 €, hours ≤ 744 a month,
//! rates ≤ 1 and SMIC multiples ≤ 10 in every table a law file can hold).

use rust_decimal::Decimal;

use super::{
    EmployeeMonth, IndemnityError, InputProblem, MAX_MONTHLY_HOURS, MAX_MONTHLY_PAY, PayTerritory,
    Regime,
};

/// The checked figures of an input.
pub(super) struct Checked {
    /// The monthly contractual hours (≥ 1, ≤ 744).
    pub(super) contract: Decimal,
    /// The hours not worked, days converted (≤ the month's hours, 744 at most).
    pub(super) not_worked: Decimal,
}

/// The most months an accord's counters may hold (four years of months, and then some).
const MAX_MONTHS: u32 = 120;

/// Checks every number and combination of `input` (D5122-15 days, ranges, the regime's
/// territory and inputs).
pub(super) fn check(input: &EmployeeMonth) -> Result<Checked, IndemnityError> {
    pay_in_range("gross_monthly", input.gross_monthly.get(), false)?;
    pay_in_range(
        "variable_pay_average",
        input.variable_pay_average.get(),
        true,
    )?;
    check_employee(input.employee.as_deref())?;
    let contract = input.contract_hours.get();
    // Less than one hour a month is a typing error (and would make the hourly reference
    // overflow): refused, with the same bounds whichever side is crossed.
    if contract < Decimal::ONE || contract > MAX_MONTHLY_HOURS {
        return Err(IndemnityError::HoursOutOfRange {
            field: "contract_hours",
            value: contract.to_string(),
            min: Decimal::ONE.to_string(),
            max: MAX_MONTHLY_HOURS.to_string(),
        });
    }
    let not_worked = hours_not_worked(input)?;
    hours_in_range("training_hours", input.training_hours.get(), not_worked)?;
    let year_hours = Decimal::from(366 * 24);
    hours_in_range(
        "hours_used_this_year",
        input.hours_used_this_year.get(),
        year_hours,
    )?;
    hours_in_range(
        "apld_hours_used",
        input.apld_hours_used.get(),
        year_hours * Decimal::from(4),
    )?;
    for (field, months) in [
        ("apld_period_months", input.apld_period_months),
        ("apld_months_used", input.apld_months_used),
    ] {
        if let Some(m) = months
            && m > MAX_MONTHS
        {
            return Err(IndemnityError::InvalidInput {
                field,
                problem: InputProblem::MonthsOutOfRange {
                    months: m.to_string(),
                    max: MAX_MONTHS.to_string(),
                },
            });
        }
    }
    for (field, value) in [
        ("net_pay_worked", input.net_pay_worked),
        ("rmm_net", input.rmm_net),
        ("complement_amount", input.complement_amount),
    ] {
        if let Some(v) = value {
            pay_in_range(field, v.get(), true)?;
        }
    }
    if let Some(net) = input.net_hourly_pay {
        pay_in_range("net_hourly_pay", net.get(), true)?;
    }
    if let Some(rate) = input.complement_rate {
        let r = rate.get();
        if r.is_sign_negative() && !r.is_zero() || r > Decimal::ONE {
            return Err(IndemnityError::InvalidInput {
                field: "complement_rate",
                problem: InputProblem::ComplementRateNotFraction {
                    rate: crate::diagnostic::quote(&r.to_string()),
                },
            });
        }
    }
    if input.complement_rate.is_some() && input.complement_amount.is_some() {
        return Err(IndemnityError::InvalidInput {
            field: "complement_rate",
            problem: InputProblem::ComplementRateAndAmount,
        });
    }
    let apld = matches!(input.regime, Regime::Apld | Regime::ApldRebond);
    let counters = input.apld_period_months.is_some()
        || input.apld_months_used.is_some()
        || !input.apld_hours_used.get().is_zero()
        || input.apld_exceptional_reduction;
    if counters && !apld {
        return Err(IndemnityError::InvalidInput {
            field: "apld_period_months",
            problem: InputProblem::ApldCountersOutsideApld,
        });
    }
    if input.regime == Regime::MayotteChido && input.territory != PayTerritory::Mayotte {
        return Err(IndemnityError::RegimeNotInTerritory {
            regime: input.regime.as_str(),
            territory: input.territory.as_str(),
        });
    }
    Ok(Checked {
        contract,
        not_worked,
    })
}

/// The employee's reference is the caller's (a name, a matricule): at most
/// [`MAX_EMPLOYEE_REF_CHARS`](super::MAX_EMPLOYEE_REF_CHARS) characters and no control or
/// bidirectional character, since every outcome, claim line and CSV file carries it back.
fn check_employee(employee: Option<&str>) -> Result<(), IndemnityError> {
    let Some(text) = employee else {
        return Ok(());
    };
    let length = text.chars().count();
    if length > super::MAX_EMPLOYEE_REF_CHARS {
        return Err(IndemnityError::Input(crate::value::ValueError::TooLong {
            field: Some("employee".into()),
            length: u64::try_from(length).unwrap_or(u64::MAX),
            max: u64::try_from(super::MAX_EMPLOYEE_REF_CHARS).unwrap_or(u64::MAX),
        }));
    }
    crate::value::ValueError::refuse_controls(text)
        .map_err(|e| IndemnityError::Input(e.with_field("employee")))
}

pub(super) fn hours_in_range(
    field: &'static str,
    value: Decimal,
    max: Decimal,
) -> Result<(), IndemnityError> {
    if value.is_sign_negative() && !value.is_zero() || value > max {
        return Err(IndemnityError::HoursOutOfRange {
            field,
            value: value.to_string(),
            min: "0".into(),
            max: max.to_string(),
        });
    }
    Ok(())
}

pub(super) fn pay_in_range(
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
            min: if allow_zero { "0" } else { "0.01" }.into(),
            max: MAX_MONTHLY_PAY.to_string(),
        });
    }
    Ok(())
}

/// The hours of a forfait-jours month, or the hours given.
pub(super) fn hours_not_worked(input: &EmployeeMonth) -> Result<Decimal, IndemnityError> {
    let Some(days) = input.days_not_worked else {
        let h = input.hours_not_worked.get();
        // No more hours than the month has (672 in February, 744 in a month of 31 days).
        let month_hours = Decimal::from(input.month.last_day().day()) * Decimal::from(24);
        hours_in_range("hours_not_worked", h, month_hours.min(MAX_MONTHLY_HOURS))?;
        return Ok(h);
    };
    if !input.hours_not_worked.get().is_zero() {
        return Err(IndemnityError::InvalidDays {
            problem: InputProblem::HoursAndDays,
        });
    }
    if days.is_sign_negative() && !days.is_zero() || days > Decimal::from(31) {
        return Err(IndemnityError::InvalidDays {
            problem: InputProblem::DaysOutOfRange {
                days: crate::diagnostic::quote(&days.to_string()),
            },
        });
    }
    if !(days * Decimal::TWO).fract().is_zero() {
        return Err(IndemnityError::InvalidDays {
            problem: InputProblem::DaysNotHalves {
                days: crate::diagnostic::quote(&days.to_string()),
            },
        });
    }
    Ok(days * Decimal::from(7))
}
