//! Cross-module integration tests.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod account;
mod catalogue;
mod cells;
mod claim_csv;
mod errors;
mod forms;
mod harness;
mod indemnity;
mod law;
mod layering;
mod lifecycle;
mod procedure;
mod recovery;
mod security_audit;
mod siret;
mod value;
