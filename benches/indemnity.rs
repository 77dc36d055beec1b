//! Criterion benches of the indemnity engine: one employee-month and a 10 000-employee claim,
//! explanations off (the batch hot path, no allocation) and on.
//!
//! Run: `cargo bench -p apart-benches --bench indemnity`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::hint::black_box;

use apart::calendar::Month;
use apart::indemnity::{Category, EmployeeMonth, Explain, Options, compute, compute_claim};
use apart::law::LawBook;
use apart::money::{Euros, Hours};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn claim_inputs(month: Month, n: usize) -> Vec<EmployeeMonth> {
    (0..n)
        .map(|i| {
            // Varied pay (1 500 € → 12 000 €), hours and categories: floors, ceilings and
            // part-time floors all get exercised.
            let gross = 1500 + (i * 97) % 10_500;
            let mut e = EmployeeMonth::new(
                month,
                Euros::from(rust_decimal_from(gross as i64, 0)),
                Hours::from(rust_decimal_from((i % 15_167) as i64, 2)),
            );
            if i % 5 == 0 {
                e.category = Category::PartTime;
                e.contract_hours = Hours::from(rust_decimal_from(10_400, 2));
                e.hours_not_worked = Hours::from(rust_decimal_from((i % 10_400) as i64, 2));
            }
            e
        })
        .collect()
}

fn rust_decimal_from(n: i64, scale: u32) -> rust_decimal::Decimal {
    rust_decimal::Decimal::new(n, scale)
}

fn bench(c: &mut Criterion) {
    let book = LawBook::builtin().unwrap();
    let month: Month = "2026-01".parse().unwrap();
    let one = EmployeeMonth::new(month, "3000".parse().unwrap(), "70".parse().unwrap());
    let off = Options::default();
    let on = Options {
        explain: Explain::On,
        ..Options::default()
    };

    let mut group = c.benchmark_group("employee_month");
    group.throughput(Throughput::Elements(1));
    group.bench_function("explain_off", |b| {
        b.iter(|| compute(&book, black_box(&one), &off).unwrap())
    });
    group.bench_function("explain_on", |b| {
        b.iter(|| compute(&book, black_box(&one), &on).unwrap())
    });
    group.finish();

    let employees = claim_inputs(month, 10_000);
    let mut group = c.benchmark_group("claim_10000");
    group.throughput(Throughput::Elements(employees.len() as u64));
    group.sample_size(20);
    group.bench_function("explain_off", |b| {
        b.iter(|| compute_claim(&book, month, black_box(&employees), &off))
    });
    group.bench_function("explain_on", |b| {
        b.iter(|| compute_claim(&book, month, black_box(&employees), &on))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
