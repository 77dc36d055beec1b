# Python binding (bindings/python): included by the root Makefile.
#
# `make python-dist` (part of `make dist`) builds, with maturin and zig from PyPI in a virtual
# environment it creates under target/python/, the abi3 wheel for manylinux2014
# (manylinux_2_17: glibc 2.17 and later, checked with auditwheel) and the sdist, into
# target/dist/. `make test-python` uses that same wheel (one release build for both):
# stubtest, mypy --strict on the tests, examples and the README's quick start, pytest against
# the wheel installed in a fresh virtual environment, then the install test: the quick start
# run from another fresh virtual environment holding only the wheel, with no cargo on PATH.
#
# `make bench-python` runs the benchmarks against the test environment's wheel (built by
# `make test-python`; no reinstall of the tools when they are there). Not part of `make test`.

PYTHON ?= python3
PY_DIR := bindings/python
PY_OUT := $(CURDIR)/target/python
PY_BUILD_VENV := $(PY_OUT)/build-venv
PY_TEST_VENV := $(PY_OUT)/test-venv
PY_INSTALL_VENV := $(PY_OUT)/install-venv
DIST := $(CURDIR)/target/dist
# The wheel's glibc floor: manylinux2014 = manylinux_2_17 (RHEL 7+, Ubuntu 14.04+, Debian 8+).
PY_MANYLINUX := manylinux_2_17
# A PATH without cargo or rustc, for the install test.
PY_NO_RUST_PATH := $(PY_INSTALL_VENV)/bin:/usr/bin:/bin

BINDING_TESTS += test-python
DIST_TARGETS += python-dist
.PHONY: test-python bench-python python-dist python-test-venv python-install-test

$(PY_BUILD_VENV)/bin/maturin: $(PY_DIR)/requirements-build.txt
	$(PYTHON) -m venv --clear $(PY_BUILD_VENV)
	$(PY_BUILD_VENV)/bin/pip install --quiet --disable-pip-version-check \
	  -r $(PY_DIR)/requirements-build.txt

## The wheel (manylinux2014, abi3) and the sdist of the `apart-fr` distribution, in target/dist.
python-dist: $(PY_BUILD_VENV)/bin/maturin
	mkdir -p $(DIST)
	rm -f $(DIST)/apart_fr-*
	# maturin finds zig as `python -m ziglang` of the environment on PATH.
	PATH=$(PY_BUILD_VENV)/bin:$$PATH maturin build --quiet --profile dist --zig \
	  --compatibility manylinux2014 \
	  --manifest-path $(PY_DIR)/Cargo.toml --out $(DIST)
	$(PY_BUILD_VENV)/bin/maturin sdist --manifest-path $(PY_DIR)/Cargo.toml --out $(DIST)
	$(PY_BUILD_VENV)/bin/auditwheel show $(DIST)/apart_fr-*.whl | tr -d '\n' | \
	  grep -q '"$(PY_MANYLINUX)_x86_64"' || { \
	  $(PY_BUILD_VENV)/bin/auditwheel show $(DIST)/apart_fr-*.whl; \
	  echo "the wheel is not $(PY_MANYLINUX)"; exit 1; }
	ls -l $(DIST)/apart_fr-*

## A fresh virtual environment with the wheel and the test tools installed.
python-test-venv: python-dist
	$(PYTHON) -m venv --clear $(PY_TEST_VENV)
	$(PY_TEST_VENV)/bin/pip install --quiet --disable-pip-version-check \
	  -r $(PY_DIR)/requirements-test.txt $(DIST)/apart_fr-*.whl

## The README's quick start from a fresh environment holding only the wheel, no Rust on PATH.
python-install-test:
	$(PYTHON) -m venv --clear $(PY_INSTALL_VENV)
	$(PY_INSTALL_VENV)/bin/pip install --quiet --disable-pip-version-check --no-index \
	  $(DIST)/apart_fr-*.whl
	env -i PATH=$(PY_NO_RUST_PATH) HOME=$(PY_OUT) sh -c \
	  '! command -v cargo && ! command -v rustc && cd / && python $(CURDIR)/$(PY_DIR)/quick_start.py'

## Python: the stubs against the compiled module (stubtest), mypy --strict on the tests,
## examples and quick start, pytest against the installed wheel, then the install test.
test-python: python-test-venv
	cd $(PY_OUT) && $(PY_TEST_VENV)/bin/python -m mypy.stubtest apart._native apart._errors \
	  --allowlist $(CURDIR)/$(PY_DIR)/stubtest-allowlist.txt
	cd $(PY_DIR) && $(PY_TEST_VENV)/bin/mypy --strict tests quick_start.py ../../examples/python
	cd $(PY_DIR) && APART_EXPECT_INSTALLED=1 $(PY_TEST_VENV)/bin/python -m pytest -q
	$(MAKE) --no-print-directory python-install-test

## SIRETs against python-stdnum 2.2 and Rust, the indemnity and claims against Rust: best of
## three, one run; then the README's performance table regenerated from the figures (not part
## of `make test`; uses the test environment when it is there, installing nothing it has).
bench-python:
	test -x $(PY_TEST_VENV)/bin/python || $(MAKE) --no-print-directory python-test-venv
	$(PY_TEST_VENV)/bin/python -c 'import stdnum' 2>/dev/null || \
	  $(PY_TEST_VENV)/bin/pip install --quiet --disable-pip-version-check \
	  -r $(PY_DIR)/requirements-bench.txt
	mkdir -p $(PY_OUT)/bench
	$(PY_TEST_VENV)/bin/python benches/python/bench_siret.py --repeat 3 --json $(PY_OUT)/bench/siret.json
	$(PY_TEST_VENV)/bin/python benches/python/bench_indemnity.py --repeat 3 \
	  --json $(PY_OUT)/bench/indemnity.json
	$(PY_TEST_VENV)/bin/python benches/python/readme_table.py $(PY_OUT)/bench/siret.json \
	  $(PY_OUT)/bench/indemnity.json $(PY_DIR)/README.md
