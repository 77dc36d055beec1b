//! Cross-module integration tests.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod forms;
mod indemnity;
mod layering;
mod lifecycle;
mod procedure;
mod siret;
