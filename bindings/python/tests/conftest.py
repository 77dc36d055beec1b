"""Shared fixtures: where the shared vectors are, and a check that the installed wheel is tested."""

from __future__ import annotations

import os
import pathlib

import pytest

import apart

ROOT = pathlib.Path(__file__).resolve().parents[3]
VECTORS = ROOT / "tests" / "vectors"
EXAMPLES = ROOT / "examples" / "python"


@pytest.fixture(scope="session")
def vectors() -> pathlib.Path:
    return VECTORS


def pytest_report_header() -> list[str]:
    return [f"apart {apart.__version__} from {pathlib.Path(apart.__file__).parent}"]


def pytest_sessionstart(session: pytest.Session) -> None:
    # `make test-python` sets this: the package must come from the wheel installed in the
    # fresh virtual environment, never from the source tree.
    if os.environ.get("APART_EXPECT_INSTALLED") and "site-packages" not in apart.__file__:
        raise pytest.UsageError(f"apart imported from {apart.__file__}, not from an installed wheel")
