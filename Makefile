# One entry point for every check. `make test` is the README's test command and what CI runs.
# It grows with each binding (Python, Node, Kotlin) so that one command tests every language.

CARGO ?= cargo

# Each binding contributes its own `bindings/<name>/binding.mk`, which appends its test target to
# BINDING_TESTS (and installs what it needs: a virtual environment, npm packages, Maven plugins).
BINDING_TESTS :=
# ... and may append to DIST_TARGETS what `make dist` builds into target/dist/ (its packages).
DIST_TARGETS :=
-include $(sort $(wildcard bindings/*/binding.mk))

.PHONY: test test-rust lint doc-examples fmt bench dist fuzz

## The installable artefacts of every binding, in target/dist/ (each binding adds its target).
dist: $(DIST_TARGETS)

## Run every test of every language.
test: test-rust $(BINDING_TESTS)

## Rust: unit, integration (tests/suite), property and doc tests of the whole workspace.
test-rust:
	$(CARGO) test --workspace --all-targets
	$(CARGO) test --workspace --doc

## Formatting and lints, exactly as CI checks them.
lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc -p apart --no-deps

## Every public item of the core documented with an example: rustdoc's missing_doc_code_examples,
## a nightly-only lint, so a pinned nightly (minimal profile) is installed by rustup when missing.
DOC_NIGHTLY ?= nightly-2026-05-20
doc-examples:
	@rustup toolchain list | grep -q '^$(DOC_NIGHTLY)' || rustup toolchain install $(DOC_NIGHTLY) --profile minimal
	cargo +$(DOC_NIGHTLY) rustdoc -p apart --lib -- -Z unstable-options \
	  -Zcrate-attr="feature(rustdoc_missing_doc_code_examples)" -D rustdoc::missing_doc_code_examples

## Reformat the code.
fmt:
	$(CARGO) fmt --all

## Criterion benchmarks (slow; not part of `test`).
bench:
	$(CARGO) bench -p apart-benches

## Fuzzing (nightly + cargo-fuzz; not part of `test`): seeds every target from tests/vectors, then
## runs each (fuzz/run.sh) for FUZZ_RUNS executions or FUZZ_SECONDS, whichever ends first, and
## prints the executions of each. `make fuzz FUZZ_TARGETS=values FUZZ_SECONDS=600`;
## `make fuzz FUZZ_RUNS=10000000` (no time limit unless FUZZ_SECONDS is given too).
## FUZZ_SANITIZER=none builds without AddressSanitizer (the core forbids unsafe code), as the runs
## in fuzz/README.md did. Fat LTO (profile.release) is turned off: it only slows the build of an
## instrumented binary.
FUZZ_TARGETS ?= claim_csv codes forms_values indemnity law_file machine_events siret_parse snapshot_json values
FUZZ_RUNS ?= -1
FUZZ_SANITIZER ?= address
fuzz:
	$(CARGO) run -q -p apart-fuzz --bin seeds -- $(FUZZ_TARGETS)
	FUZZ_TARGETS="$(FUZZ_TARGETS)" FUZZ_RUNS="$(FUZZ_RUNS)" FUZZ_SECONDS="$(FUZZ_SECONDS)" \
	  FUZZ_SANITIZER="$(FUZZ_SANITIZER)" CARGO="$(CARGO)" fuzz/run.sh
