//! Replays every target's seeds (taken from `tests/vectors/`) and its regressions
//! (`fuzz/regressions/<target>/`: inputs that once failed a check, fixed since) through
//! the fuzz checks, on stable, in `cargo test`: the smoke run of the fuzz targets in CI.
#![allow(clippy::expect_used, clippy::panic)]

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

/// The inputs of a target that break a check: (input, panic message).
fn failures(name: &str, check: fn(&[u8])) -> Vec<(String, String)> {
    let seeds = apart_fuzz::seeds::of(name);
    assert!(!seeds.is_empty(), "{name}: no seed");
    let mut inputs: Vec<(String, Vec<u8>)> = seeds
        .into_iter()
        .enumerate()
        .map(|(i, seed)| (format!("seed {i}"), seed))
        .collect();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("regressions")
        .join(name);
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            let data = std::fs::read(&path).expect("a regression input");
            inputs.push((path.display().to_string(), data));
        }
    }
    inputs
        .into_iter()
        .filter_map(|(label, data)| {
            let outcome = catch_unwind(AssertUnwindSafe(|| check(&data)));
            let payload = outcome.err()?;
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            let input: String = String::from_utf8_lossy(&data).chars().take(300).collect();
            Some((format!("{label}: {input:?}"), message))
        })
        .collect()
}

#[test]
fn every_target_replays_its_seeds_and_regressions() {
    let mut report = Vec::new();
    for (name, check) in apart_fuzz::TARGETS {
        let start = std::time::Instant::now();
        let failed = failures(name, *check);
        eprintln!("{name}: replayed in {:?}", start.elapsed());
        for (input, message) in failed {
            report.push(format!("{name}: {input}\n    {message}"));
        }
    }
    assert!(
        report.is_empty(),
        "{} failures:\n{}",
        report.len(),
        report.join("\n")
    );
}
