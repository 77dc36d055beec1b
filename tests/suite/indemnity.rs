//! The indemnity engine against the spec's figures (`tests/vectors/indemnity.json`), plus
//! property tests of its invariants.
//!
//! Source of every figure: `shared/spec/indemnity.md` §4 (each case names its row), and
//! `shared/spec/support/ceilings-check-output.txt` for the 21 per-hour ceilings of §4 #25.
//! Skipped mon-entreprise figures are listed, with the reason, in the vector file's `skipped`.

use std::str::FromStr;

use apart::Diagnostic;
use apart::calendar::Month;
use apart::indemnity::{
    Category, EmployeeMonth, Explain, FullTimeFloor, Options, PayTerritory, Regime, Rounding,
    compute, compute_claim, contributions,
};
use apart::law::{LawBook, Param};
use apart::money::{Euros, Hours, RoundingPolicy};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;
use time::Date;
use time::format_description::well_known::Iso8601;

fn vectors() -> Value {
    let path = apart_tests::vectors_dir().join("indemnity.json");
    let text = std::fs::read_to_string(&path).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Follows a dotted path (`contributions.total`, `warnings.0.code`) into a JSON value.
fn at<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(value, |v, key| match key.parse::<usize>() {
            Ok(i) => v.get(i),
            Err(_) => v.get(key),
        })
}

/// Strings equal, or equal as decimals (`54.090` == `54.09`).
fn same(expected: &str, actual: &Value) -> bool {
    let Some(actual) = actual.as_str() else {
        return false;
    };
    if expected == actual {
        return true;
    }
    match (Decimal::from_str(expected), Decimal::from_str(actual)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[test]
fn every_vector_case_holds() {
    let book = LawBook::builtin().unwrap();
    let doc = vectors();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 60, "expected the full corpus");
    let mut failures = Vec::new();
    for case in cases {
        let id = case["id"].as_str().unwrap();
        assert!(
            case["source"].as_str().is_some_and(|s| !s.is_empty()),
            "{id}: no source"
        );
        let result: Result<Value, String> = match case["kind"].as_str().unwrap() {
            "employee_month" => {
                let input: EmployeeMonth = serde_json::from_value(case["input"].clone())
                    .unwrap_or_else(|e| panic!("{id}: bad input: {e}"));
                let mut options: Options = serde_json::from_value(case["options"].clone()).unwrap();
                // Every case also runs with explanations on: same figures.
                let plain = compute(&book, &input, &options);
                options.explain = Explain::On;
                let explained = compute(&book, &input, &options);
                match (plain, explained) {
                    (Ok(a), Ok(b)) => {
                        assert_eq!(a.employee_indemnity, b.employee_indemnity, "{id}");
                        assert_eq!(a.employer_allocation, b.employer_allocation, "{id}");
                        assert!(!b.explanation.is_empty(), "{id}: no explanation");
                        // The French explanation and warnings are French (identifiers and
                        // quoted words aside).
                        let french = b.explanation.iter().map(|step| step.fr.clone());
                        let warnings = b.warnings.iter().map(|w| w.message(apart::Lang::Fr));
                        for text in french.chain(warnings) {
                            if let Some(word) = super::errors::english_word(&text) {
                                failures.push(format!("{id}: English '{word}' in {text:?}"));
                            }
                        }
                        Ok(serde_json::to_value(&a).unwrap())
                    }
                    (Err(a), Err(b)) => {
                        assert_eq!(a, b, "{id}");
                        Err(a.code().to_owned())
                    }
                    (a, b) => panic!("{id}: explain changed the result: {a:?} / {b:?}"),
                }
            }
            "contributions" => {
                let input = &case["input"];
                let date = Date::parse(input["date"].as_str().unwrap(), &Iso8601::DATE).unwrap();
                let territory: PayTerritory = input["territory"].as_str().unwrap().parse().unwrap();
                let indemnity: Euros = input["indemnity"].as_str().unwrap().parse().unwrap();
                let net: Euros = input["net_pay_worked"].as_str().unwrap().parse().unwrap();
                contributions(&book, date, territory, indemnity, net)
                    .map(|c| serde_json::to_value(c).unwrap())
                    .map_err(|e| e.code().to_owned())
            }
            other => panic!("{id}: unknown kind {other}"),
        };
        match (result, case.get("expected"), case.get("expected_error")) {
            (Ok(output), Some(expected), None) => {
                for (path, want) in expected.as_object().unwrap() {
                    let want = want.as_str().unwrap();
                    match at(&output, path) {
                        Some(got) if same(want, got) => {}
                        got => failures.push(format!("{id}: {path}: want {want}, got {got:?}")),
                    }
                }
            }
            (Err(code), None, Some(want)) if code == want.as_str().unwrap() => {}
            (result, _, _) => failures.push(format!("{id}: unexpected {result:?}")),
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn skip_list_gives_reasons() {
    let doc = vectors();
    for skipped in doc["skipped"].as_array().unwrap() {
        assert!(skipped["id"].as_str().is_some());
        assert!(skipped["reason"].as_str().is_some_and(|r| r.len() > 20));
    }
}

/// Spec §4 #25: the 21 published per-hour ceilings are all in the vectors.
#[test]
fn the_21_ceilings_are_covered() {
    let doc = vectors();
    let n = doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["id"].as_str().unwrap().starts_with("spec4-25-"))
        .count();
    assert_eq!(n, 21);
}

#[test]
fn claim_totals_add_up() {
    let book = LawBook::builtin().unwrap();
    let month: Month = "2026-01".parse().unwrap();
    let employees: Vec<EmployeeMonth> = (0..100)
        .map(|i| {
            let mut e = EmployeeMonth::new(
                month,
                Euros::new(Decimal::from(1800 + 37 * i)),
                Hours::new(Decimal::from(i % 80)),
            );
            e.employee = Some(format!("E{i:03}"));
            e
        })
        .collect();
    let claim = compute_claim(&book, month, &employees, &Options::default());
    assert_eq!(claim.totals.employees, 100);
    let sum: Decimal = claim
        .lines
        .iter()
        .map(|l| l.outcome.as_ref().unwrap().employer_allocation.get())
        .sum();
    assert_eq!(claim.totals.employer_allocation.get(), sum);
    // A line of another month is refused, the rest still computed.
    let mut mixed = employees.clone();
    mixed[3].month = "2025-12".parse().unwrap();
    let claim = compute_claim(&book, month, &mixed, &Options::default());
    assert_eq!(claim.totals.employees_refused, 1);
    assert_eq!(
        claim.lines[3].error_code(),
        Some("INDEMNITY_CLAIM_MONTH_MISMATCH")
    );
}

#[test]
fn the_amounts_step_adds_up_with_training_hours() {
    // « 9.89 × 40 h = 424.70 € » did not add up: 10 of the 40 hours are paid at 12.80 €.
    let book = LawBook::builtin().unwrap();
    let mut input = EmployeeMonth::new(
        "2023-03".parse().unwrap(),
        "2500".parse().unwrap(),
        "40".parse().unwrap(),
    );
    input.training_hours = "10".parse().unwrap();
    input.net_hourly_pay = Some("12.80".parse().unwrap());
    let options = Options {
        explain: Explain::On,
        rounding: RoundingPolicy::PerHour,
        ..Options::default()
    };
    let out = compute(&book, &input, &options).unwrap();
    let step = out
        .explanation
        .iter()
        .find(|s| s.rule == "amounts")
        .unwrap();
    assert!(
        step.fr
            .starts_with("indemnité : 9.89 × 30 h + 12.80 × 10 h de formation = 424.70 €"),
        "{}",
        step.fr
    );
    assert!(
        step.en
            .starts_with("indemnity: 9.89 × 30 h + 12.80 × 10 h of training = 424.70 €"),
        "{}",
        step.en
    );
}

#[test]
fn explanation_names_rules_sources_and_rounding_in_both_languages() {
    let book = LawBook::builtin().unwrap();
    let input = EmployeeMonth::new(
        "2026-01".parse().unwrap(),
        "2000".parse().unwrap(),
        "70".parse().unwrap(),
    );
    let options = Options {
        explain: Explain::On,
        ..Options::default()
    };
    let out = compute(&book, &input, &options).unwrap();
    let rules: Vec<&str> = out.explanation.iter().map(|s| s.rule.as_str()).collect();
    for rule in [
        "hours_counted",
        "hourly_reference",
        "ceiling",
        "indemnity_rate",
        "allocation_rate",
        "allocation_floor",
        "annual_quota",
        "amounts",
        "rest_payable",
    ] {
        assert!(rules.contains(&rule), "missing {rule} in {rules:?}");
    }
    let floor = out
        .explanation
        .iter()
        .find(|s| s.rule == "allocation_floor")
        .unwrap();
    assert!(floor.source.contains("2026-35"), "{}", floor.source);
    assert!(floor.fr.contains("plancher"));
    assert!(floor.en.contains("floor"));
    assert_eq!(floor.rounding, Rounding::Cent);
}

#[test]
fn a_caller_can_add_a_missing_floor() {
    // Protected sectors, July 2021: the allocation floor of the 60 % step is not in the
    // stored sources (spec §1.5) → error where it could bind, until the caller adds the row.
    let mut book = LawBook::builtin().unwrap();
    let mut input = EmployeeMonth::new(
        "2021-07".parse().unwrap(),
        "1600".parse().unwrap(),
        "60".parse().unwrap(),
    );
    input.regime = Regime::CovidProtected;
    let err = compute(&book, &input, &Options::default()).unwrap_err();
    assert_eq!(err.code(), "LAW_VALUE_UNKNOWN");
    assert!(err.to_string().contains("covid_protected_allocation_floor"));
    book.upsert_row(
        Param::CovidProtectedAllocationFloor,
        apart::law::Row::new(
            time::macros::date!(2021 - 07 - 01),
            apart::law::Value::Known(Decimal::new(811, 2)),
            "caller: value to check",
        ),
    )
    .unwrap();
    let out = compute(&book, &input, &Options::default()).unwrap();
    assert_eq!(out.employer_hourly_allocation.to_string(), "8.11");
}

// --- Property tests --------------------------------------------------------------------

fn months() -> impl Strategy<Value = Month> {
    (0u32..75).prop_map(|i| {
        let index = 2020 * 12 + 2 + i; // 2020-03 .. 2026-05
        Month::new((index / 12) as i32, (index % 12 + 1) as u8).unwrap()
    })
}

fn decimal(lo: i64, hi: i64, scale: u32) -> impl Strategy<Value = Decimal> {
    (lo..=hi).prop_map(move |n| Decimal::new(n, scale))
}

fn categories() -> impl Strategy<Value = Category> {
    prop_oneof![
        Just(Category::FullTime),
        Just(Category::PartTime),
        Just(Category::Temporary),
        Just(Category::Apprentice),
        Just(Category::PermanentTemporary),
    ]
}

fn policies() -> impl Strategy<Value = RoundingPolicy> {
    prop_oneof![Just(RoundingPolicy::PerHour), Just(RoundingPolicy::Exact)]
}

fn employee(
    month: Month,
    gross: Decimal,
    contract: Decimal,
    hours: Decimal,
    category: Category,
) -> EmployeeMonth {
    let mut e = EmployeeMonth::new(month, Euros::new(gross), Hours::new(hours));
    e.contract_hours = Hours::new(contract);
    e.category = category;
    e
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Amounts are never negative (the rest payable may be: allocation floor above the
    /// indemnity, warned).
    #[test]
    fn amounts_never_negative(
        month in months(), gross in decimal(100, 5_000_000, 2), contract in decimal(100, 25_000, 2),
        hours in decimal(0, 30_000, 2), category in categories(), rounding in policies(),
    ) {
        let book = LawBook::builtin().unwrap();
        let input = employee(month, gross, contract, hours, category);
        let options = Options { rounding, ..Options::default() };
        if let Ok(out) = compute(&book, &input, &options) {
            prop_assert!(!out.employee_indemnity.is_negative());
            prop_assert!(!out.employer_allocation.is_negative());
            prop_assert!(!out.employee_hourly_indemnity.is_negative());
            prop_assert!(!out.employer_hourly_allocation.is_negative());
            prop_assert!(!out.rmm_complement.is_negative());
            prop_assert!(out.hours_compensated <= out.hours_not_worked);
        }
    }

    /// More hours never pay less.
    #[test]
    fn monotonic_in_hours(
        month in months(), gross in decimal(100, 5_000_000, 2), contract in decimal(100, 25_000, 2),
        h1 in decimal(0, 20_000, 2), extra in decimal(0, 10_000, 2), category in categories(),
        rounding in policies(),
    ) {
        let book = LawBook::builtin().unwrap();
        let options = Options { rounding, ..Options::default() };
        let a = compute(&book, &employee(month, gross, contract, h1, category), &options);
        let b = compute(&book, &employee(month, gross, contract, h1 + extra, category), &options);
        if let (Ok(a), Ok(b)) = (a, b) {
            prop_assert!(a.employee_indemnity <= b.employee_indemnity);
            prop_assert!(a.employer_allocation <= b.employer_allocation);
        }
    }

    /// Where the floor applies (droit commun, not an apprentice below the SMIC), the
    /// allocation is never below floor × hours.
    #[test]
    fn allocation_never_below_floor(
        month in months(), gross in decimal(100, 1_000_000, 2), hours in decimal(0, 15_167, 2),
        rounding in policies(),
    ) {
        let book = LawBook::builtin().unwrap();
        let input = employee(month, gross, Decimal::new(15_167, 2), hours, Category::FullTime);
        let options = Options { rounding, ..Options::default() };
        let out = compute(&book, &input, &options).unwrap();
        let floor = book
            .lookup(Param::DroitCommunAllocationFloor, month.first_day())
            .unwrap()
            .value
            .known()
            .unwrap();
        let minimum = apart::money::round_cents(floor * out.hours_allocated.get());
        prop_assert!(out.employer_allocation.get() >= minimum);
    }

    /// PerHour and Exact differ by less than one cent per hour (plus the final rounding).
    #[test]
    fn per_hour_and_exact_differ_by_less_than_a_cent_per_hour(
        month in months(), gross in decimal(100, 5_000_000, 2), contract in decimal(100, 25_000, 2),
        hours in decimal(0, 30_000, 2), category in categories(),
        floor in prop_oneof![Just(FullTimeFloor::RmmOnly), Just(FullTimeFloor::Hourly)],
    ) {
        let book = LawBook::builtin().unwrap();
        let input = employee(month, gross, contract, hours, category);
        let per_hour = Options { rounding: RoundingPolicy::PerHour, full_time_floor: floor, ..Options::default() };
        let exact = Options { rounding: RoundingPolicy::Exact, full_time_floor: floor, ..Options::default() };
        if let (Ok(a), Ok(b)) = (compute(&book, &input, &per_hour), compute(&book, &input, &exact)) {
            let bound = Decimal::new(1, 2) * a.hours_compensated.get() + Decimal::new(1, 2);
            prop_assert!((a.employee_indemnity.get() - b.employee_indemnity.get()).abs() <= bound);
            prop_assert!((a.employer_allocation.get() - b.employer_allocation.get()).abs() <= bound);
        }
    }

    /// No input panics: any decimals, any enum combination.
    #[test]
    fn never_panics(
        month in (2019i32..2028, 1u8..=12), gross in decimal(-1_000_000, 100_000_000, 2),
        contract in decimal(-1000, 100_000, 2), hours in decimal(-1000, 100_000, 2),
        regime in 0usize..8, territory in 0usize..3, category in 0usize..8,
    ) {
        let book = LawBook::builtin().unwrap();
        let month = Month::new(month.0, month.1).unwrap();
        let mut input = employee(month, gross, contract, hours, Category::ALL[category]);
        input.regime = Regime::ALL[regime];
        input.territory = PayTerritory::ALL[territory];
        let _ = compute(&book, &input, &Options { explain: Explain::On, ..Options::default() });
    }
}

/// Extreme decimals (28 decimal places, the largest accepted pay) never panic and never give
/// a silent zero.
#[test]
fn extreme_decimals() {
    let book = LawBook::builtin().unwrap();
    let month: Month = "2026-01".parse().unwrap();
    for (gross, contract, hours) in [
        (
            "999999.9999999999999999999999",
            "1",
            "0.0000000000000000000000000001",
        ),
        ("0.01", "744", "744"),
        ("1000000", "1", "1"),
        (
            "2000",
            "151.6666666666666666666666667",
            "151.6666666666666666666666667",
        ),
    ] {
        let mut input = EmployeeMonth::new(month, gross.parse().unwrap(), hours.parse().unwrap());
        input.contract_hours = contract.parse().unwrap();
        for rounding in [RoundingPolicy::PerHour, RoundingPolicy::Exact] {
            let options = Options {
                rounding,
                explain: Explain::On,
                ..Options::default()
            };
            match compute(&book, &input, &options) {
                Ok(out) => {
                    assert!(out.hourly_reference_raw.get() > Decimal::ZERO, "{gross}");
                    assert!(!out.employee_indemnity.is_negative());
                }
                Err(e) => panic!("{gross}/{contract}/{hours}: {e}"),
            }
        }
    }
    let input = EmployeeMonth::new(month, "0.001".parse().unwrap(), "1".parse().unwrap());
    assert_eq!(
        compute(&book, &input, &Options::default())
            .unwrap_err()
            .code(),
        "INDEMNITY_SALARY_OUT_OF_RANGE"
    );
    let mut input = EmployeeMonth::new(month, "2000".parse().unwrap(), "0".parse().unwrap());
    input.contract_hours = "0.5".parse().unwrap();
    assert_eq!(
        compute(&book, &input, &Options::default())
            .unwrap_err()
            .code(),
        "INDEMNITY_HOURS_OUT_OF_RANGE"
    );
}

/// The hourly reference pay rounded to the cent from the exact quotient, in integers:
/// `gross / contract × 100 = g × 10^sc / (c × 10^sg)`, half away from zero; `None` past i128.
fn exact_reference_cents(gross: Decimal, contract: Decimal) -> Option<Decimal> {
    let (g, c) = (gross.mantissa(), contract.mantissa());
    let n = g.checked_mul(10i128.checked_pow(contract.scale() + 2)?)?;
    let d = c.checked_mul(10i128.checked_pow(gross.scale())?)?;
    let (q, r) = (n / d, n % d);
    let q = if 2 * r.abs() >= d.abs() {
        q + n.signum() * d.signum()
    } else {
        q
    };
    Some(Decimal::from_i128_with_scale(q, 2))
}

/// rust_decimal's quotient has 28 significant digits; rounding it to the cent could round twice
/// (issue 13): 2.2750499999999999999999999999 € over 151.67 h is 0.0149999999999999999999999999993…,
/// whose 28-decimal quotient is 0.0150000000000000000000000000, 0.02 € rounded, where the exact
/// quotient rounds to 0.01 €. The reference is rounded from the exact quotient.
#[test]
fn hourly_reference_is_rounded_once() {
    let book = LawBook::builtin().unwrap();
    let month: Month = "2026-01".parse().unwrap();
    let gross = Decimal::from_str("2.2750499999999999999999999999").unwrap();
    let contract = Decimal::new(15_167, 2);
    let input = employee(
        month,
        gross,
        contract,
        Decimal::from(70),
        Category::FullTime,
    );
    let out = compute(&book, &input, &Options::default()).unwrap();
    assert_eq!(out.hourly_reference.get(), Decimal::new(1, 2));
    assert_eq!(
        exact_reference_cents(gross, contract),
        Some(Decimal::new(1, 2))
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// With the per-hour rounding, the hourly reference is the exact quotient rounded to the
    /// cent, whatever the digits of the pay (up to 20 decimals) and of the contractual hours (up
    /// to 24).
    #[test]
    fn hourly_reference_is_the_exact_quotient_rounded(
        month in months(),
        gross_units in 1i128..1_000_000, gross_fraction in 0i128..10i128.pow(20), gross_scale in 0u32..=20,
        contract_units in 1i128..744, contract_fraction in 0i128..10i128.pow(24), contract_scale in 0u32..=24,
    ) {
        let gross = Decimal::from_i128_with_scale(
            gross_units * 10i128.pow(gross_scale) + gross_fraction % 10i128.pow(gross_scale),
            gross_scale,
        );
        let contract = Decimal::from_i128_with_scale(
            contract_units * 10i128.pow(contract_scale) + contract_fraction % 10i128.pow(contract_scale),
            contract_scale,
        );
        prop_assume!(gross.mantissa().unsigned_abs() < 10u128.pow(28));
        prop_assume!(contract.mantissa().unsigned_abs() < 10u128.pow(28));
        // The divisor is the contract's hours within the legal monthly duration (R5122-19).
        let counted = contract.min(Decimal::new(15_167, 2));
        let Some(expected) = exact_reference_cents(gross, counted) else {
            return Ok(());
        };
        let book = LawBook::builtin().unwrap();
        let input = employee(month, gross, contract, Decimal::ONE, Category::FullTime);
        if let Ok(out) = compute(&book, &input, &Options::default()) {
            prop_assert_eq!(out.hourly_reference.get(), expected);
        }
    }
}

/// A user trial: a regime not in force said why in the law data's English note, inside the
/// French message too ("APLD-Rebond did not exist before 2025", while it starts on
/// 2025-04-16); a contract of 0 hours was refused with "expected 0 to 744"; 999 APLD months
/// were "hours out of range". The messages now give the dates in force and true bounds.
#[test]
fn refusals_say_the_dates_and_bounds_that_apply() {
    use apart::indemnity::{EmployeeMonth, Options, Regime, simulate};
    use apart::{Diagnostic, Lang};
    let month = |m: &str| {
        EmployeeMonth::new(
            m.parse().unwrap(),
            "2000".parse().unwrap(),
            "70".parse().unwrap(),
        )
    };
    let mut rebond = month("2025-04");
    rebond.regime = Regime::ApldRebond;
    let err = simulate(&rebond, &Options::default()).unwrap_err();
    assert_eq!(err.code(), "INDEMNITY_REGIME_NOT_IN_FORCE");
    assert_eq!(
        err.message(Lang::Fr),
        "régime apld_rebond non applicable au 2025-04-01 : en vigueur à partir du 2025-04-16"
    );
    assert_eq!(
        err.message(Lang::En),
        "regime apld_rebond not in force on 2025-04-01: in force from 2025-04-16"
    );
    let mut protected = month("2021-09");
    protected.regime = Regime::CovidProtected;
    let err = simulate(&protected, &Options::default()).unwrap_err();
    assert!(
        err.message(Lang::Fr)
            .ends_with("en vigueur jusqu'au 2021-08-31"),
        "{}",
        err.message(Lang::Fr)
    );

    let mut no_contract = month("2026-01");
    no_contract.contract_hours = "0".parse().unwrap();
    let err = simulate(&no_contract, &Options::default()).unwrap_err();
    assert!(
        err.message(Lang::En).contains("(expected 1 to 744)"),
        "{}",
        err.message(Lang::En)
    );
    let mut months = month("2026-01");
    months.regime = Regime::Apld;
    months.apld_months_used = Some(999);
    let err = simulate(&months, &Options::default()).unwrap_err();
    assert_eq!(err.code(), "INDEMNITY_INVALID_INPUT");
    assert!(
        err.message(Lang::Fr).contains("999 mois"),
        "{}",
        err.message(Lang::Fr)
    );
}

/// A user trial (Python): an outcome read back wrote its zero amounts as `0`, not `0.00`: the
/// decimal reader dropped the scale of a zero. A stored outcome now reads back to the same text.
#[test]
fn a_stored_outcome_reads_back_to_the_same_text() {
    use apart::indemnity::{EmployeeMonth, Options, Outcome, simulate};
    let input = EmployeeMonth::new(
        "2026-01".parse().unwrap(),
        "2000".parse().unwrap(),
        "70".parse().unwrap(),
    );
    let outcome = simulate(&input, &Options::default()).unwrap();
    let text = serde_json::to_string(&outcome).unwrap();
    assert!(text.contains("\"0.00\""), "{text}");
    let again: Outcome = apart::value::from_json(&text).unwrap();
    assert_eq!(serde_json::to_string(&again).unwrap(), text);
}
