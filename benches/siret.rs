//! SIRET validation speed (spec §5): a plain 14-digit SIRET from `&str`, a spaced one, a SIREN,
//! an invalid one, and the spec's mixed set of 1,000,000 inputs (every other one valid, seed 42).
//!
//! Run: `cargo bench -p apart-benches --bench siret -- --warm-up-time 1 --measurement-time 3`
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use apart::siret::generate::{self, Entropy, SplitMix64};
use apart::siret::{Siren, Siret, is_valid_siret};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn single(c: &mut Criterion) {
    let mut g = c.benchmark_group("siret");
    for (name, input) in [
        ("plain", "73282932000074"),
        ("spaced", "732 829 320 00074"),
        ("invalid_key", "73282932000075"),
        ("la_poste_mod5", "35600000009075"),
    ] {
        g.bench_function(format!("parse/{name}"), |b| {
            b.iter(|| Siret::parse(black_box(input)).is_ok())
        });
        g.bench_function(format!("is_valid/{name}"), |b| {
            b.iter(|| is_valid_siret(black_box(input)))
        });
    }
    g.bench_function("siren/parse/plain", |b| {
        b.iter(|| Siren::parse(black_box("552008443")).is_ok())
    });
    g.bench_function("siret/display", |b| {
        let s: Siret = "73282932000074".parse().unwrap();
        b.iter(|| black_box(s).to_string())
    });
    g.finish();
}

/// Spec §5's input: 1,000,000 14-digit strings, every other one valid (both keys), the rest
/// random digits, seed 42.
fn mixed_inputs() -> Vec<String> {
    let mut rng = SplitMix64::new(42);
    (0..1_000_000)
        .map(|i| {
            if i % 2 == 0 {
                generate::siret(&mut rng).as_str().to_owned()
            } else {
                (0..14)
                    .map(|_| char::from(b'0' + (rng.next_u64() % 10) as u8))
                    .collect()
            }
        })
        .collect()
}

fn mixed(c: &mut Criterion) {
    let inputs = mixed_inputs();
    let mut g = c.benchmark_group("siret_mixed_1m");
    g.throughput(Throughput::Elements(inputs.len() as u64));
    g.sample_size(10);
    g.bench_function("is_valid", |b| {
        b.iter(|| {
            inputs
                .iter()
                .filter(|s| is_valid_siret(black_box(s)))
                .count()
        })
    });
    g.bench_function("parse", |b| {
        b.iter(|| {
            inputs
                .iter()
                .filter(|s| Siret::parse(black_box(s)).is_ok())
                .count()
        })
    });
    // The same set as contiguous `[u8; 14]` (no pointer chasing): the core alone, as spec §5's
    // "Rust SWAR" row measured it.
    let arrays: Vec<[u8; 14]> = inputs
        .iter()
        .map(|s| s.as_bytes().try_into().unwrap())
        .collect();
    g.bench_function("from_ascii_contiguous", |b| {
        b.iter(|| {
            arrays
                .iter()
                .filter(|a| Siret::from_ascii(**black_box(a)).is_ok())
                .count()
        })
    });
    g.finish();
    let valid = inputs.iter().filter(|s| is_valid_siret(s)).count();
    println!("mixed set: {valid} valid of {}", inputs.len());
}

criterion_group!(benches, single, mixed);
criterion_main!(benches);
