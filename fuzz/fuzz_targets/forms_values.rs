//! libFuzzer entry point of [`apart_fuzz::targets::forms_values`] (what it checks is written there).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| apart_fuzz::targets::forms_values::run(data));
