"""The examples of examples/python run, as a user would run them."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

from conftest import EXAMPLES

SCRIPTS = sorted(EXAMPLES.glob("*.py"))


def test_there_are_examples() -> None:
    assert SCRIPTS


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.name for p in SCRIPTS])
def test_example_runs(script: pathlib.Path) -> None:
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()


QUICK_START = pathlib.Path(__file__).resolve().parents[1] / "quick_start.py"
READMES = [QUICK_START.parent / "README.md", QUICK_START.parents[2] / "README.md"]


@pytest.mark.parametrize("readme", READMES, ids=["bindings/python/README.md", "README.md"])
def test_readme_quick_start_is_the_tested_file(readme: pathlib.Path) -> None:
    # The README shows quick_start.py verbatim: mypy --strict checks the file, `make test` runs
    # it from a fresh environment holding only the wheel.
    text = readme.read_text(encoding="utf-8")
    block = text.split("```python\n", 1)[1].split("```", 1)[0]
    assert block == QUICK_START.read_text(encoding="utf-8")
    assert "pip install" in text and "apart-fr" in text


def test_quick_start_runs() -> None:
    done = subprocess.run(
        [sys.executable, str(QUICK_START)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "VALUE_FLOAT_REFUSED gross_monthly" in done.stdout
