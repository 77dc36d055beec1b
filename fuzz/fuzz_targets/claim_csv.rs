//! libFuzzer entry point of [`apart_fuzz::targets::claim_csv`] (what it checks is written there).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| apart_fuzz::targets::claim_csv::run(data));
