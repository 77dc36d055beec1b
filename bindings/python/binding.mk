# Python binding (bindings/python): included by the root Makefile.
#
# `make test-python` builds the abi3 wheel with maturin (from PyPI, in a virtual environment it
# creates), installs the wheel in a fresh virtual environment, then runs mypy --strict on the
# tests and examples and pytest against the installed package. Everything lives under
# target/python/, so nothing outside the repository is touched.
#
# `make bench-python` runs benches/python/bench_siret.py (apart against python-stdnum 2.2 on one
# million SIRETs) against the same wheel. It is not part of `make test`.

PYTHON ?= python3
PY_DIR := bindings/python
PY_OUT := $(CURDIR)/target/python
PY_BUILD_VENV := $(PY_OUT)/build-venv
PY_TEST_VENV := $(PY_OUT)/test-venv
PY_WHEELS := $(PY_OUT)/wheels

BINDING_TESTS += test-python
.PHONY: test-python bench-python python-wheel python-test-venv

## The release wheel of the `apart` package, in target/python/wheels.
python-wheel:
	test -x $(PY_BUILD_VENV)/bin/maturin || { \
	  $(PYTHON) -m venv --clear $(PY_BUILD_VENV) && \
	  $(PY_BUILD_VENV)/bin/pip install --quiet --disable-pip-version-check \
	    -r $(PY_DIR)/requirements-build.txt; }
	rm -rf $(PY_WHEELS)
	$(PY_BUILD_VENV)/bin/maturin build --release --quiet \
	  --manifest-path $(PY_DIR)/Cargo.toml --out $(PY_WHEELS)

## A fresh virtual environment with the wheel and the test tools installed.
python-test-venv: python-wheel
	$(PYTHON) -m venv --clear $(PY_TEST_VENV)
	$(PY_TEST_VENV)/bin/pip install --quiet --disable-pip-version-check \
	  -r $(PY_DIR)/requirements-test.txt $(PY_WHEELS)/apart-*.whl

## Python: the stubs against the compiled module (stubtest), mypy --strict on the tests and
## examples, then pytest, all against the installed wheel.
test-python: python-test-venv
	cd $(PY_OUT) && $(PY_TEST_VENV)/bin/python -m mypy.stubtest apart._native apart._errors \
	  --allowlist $(CURDIR)/$(PY_DIR)/stubtest-allowlist.txt
	cd $(PY_DIR) && $(PY_TEST_VENV)/bin/mypy --strict tests ../../examples/python
	cd $(PY_DIR) && APART_EXPECT_INSTALLED=1 $(PY_TEST_VENV)/bin/python -m pytest -q

## apart against python-stdnum 2.2 on one million SIRETs (not part of `make test`).
bench-python: python-test-venv
	$(PY_TEST_VENV)/bin/pip install --quiet --disable-pip-version-check \
	  -r $(PY_DIR)/requirements-bench.txt
	$(PY_TEST_VENV)/bin/python benches/python/bench_siret.py
