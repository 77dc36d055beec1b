//! Helpers shared by the integration tests: locating and reading `tests/vectors/`.

use std::path::PathBuf;

/// The folder that holds the shared conformance vectors (`tests/vectors/`).
pub fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("vectors")
}

/// The README's Rust examples, compiled and run as doc tests so they cannot go stale.
#[doc = include_str!("../README.md")]
#[allow(dead_code)]
mod readme {}
