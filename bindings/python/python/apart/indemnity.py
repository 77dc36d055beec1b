"""The employee indemnity, the employer allocation, CSG/CRDS and monthly claims (spec
``indemnity.md``), with the reasons of every figure.

>>> from decimal import Decimal
>>> from apart.indemnity import EmployeeMonth, compute
>>> out = compute(EmployeeMonth("2026-01", gross_monthly=3000, hours_not_worked=70))
>>> out.employee_indemnity, out.employer_allocation
(Decimal('830.90'), Decimal('599.90'))
"""

from __future__ import annotations

import decimal
import warnings as _warnings
from collections.abc import Iterable, Mapping
from typing import Any, Literal, Protocol

from . import _native
from ._convert import DecimalLike
from ._errors import IndemnityError
from ._native import (
    Category,
    ClaimLine,
    ClaimOutcome,
    ClaimTable,
    ClaimTotals,
    Contributions,
    EmployeeMonth,
    Explain,
    FullTimeFloor,
    Options,
    Outcome,
    Overtime,
    RefusedHours,
    Regime,
    RoundingPolicy,
    ExplanationStep,
    PayTerritory,
    Rounding,
    StepValue,
    claim_table,
    compute,
    compute_claim_csv,
    contributions,
)
from ._native import Warning as Warning  # by name too; exported as IndemnityWarning
from .law import LawBook
from .money import Month

__all__ = [
    "Regime",
    "Category",
    "PayTerritory",
    "Overtime",
    "FullTimeFloor",
    "Explain",
    "RoundingPolicy",
    "EmployeeMonth",
    "Options",
    "Outcome",
    "Contributions",
    "RefusedHours",
    "ExplanationStep",
    "Rounding",
    "StepValue",
    "IndemnityWarning",
    "ClaimLine",
    "ClaimTotals",
    "ClaimOutcome",
    "compute",
    "compute_claim",
    "compute_claim_csv",
    "CSV_MAX_LINE",
    "Readable",
    "claim_table",
    "ClaimTable",
    "ArrowTable",
    "FloatRoundingWarning",
    "contributions",
    "IndemnityError",
    "LEGAL_MONTHLY_HOURS",
    "MAX_MONTHLY_HOURS",
    "MAX_MONTHLY_PAY",
]

# The records and enums above are the core's own (`apart::indemnity`, derived behind its
# `python` feature): native, frozen, with the core's fields; a mapping works wherever a record
# is taken, read by the core (ints, Decimals, text, dates, enum members; floats and unknown
# keys refused).

IndemnityWarning = Warning
"""A warning of an outcome (the core's ``indemnity::Warning``): exported under this name, since
``from apart.indemnity import *`` must not shadow Python's built-in ``Warning``;
``apart.indemnity.Warning`` is the same class, importable by name."""

D = decimal.Decimal

_CONSTANTS = {name: D(value) for name, value in _native.indemnity_constants()}
LEGAL_MONTHLY_HOURS: D = _CONSTANTS["LEGAL_MONTHLY_HOURS"]
"""The legal monthly duration, 151.67 h (35 h × 52 / 12)."""
MAX_MONTHLY_HOURS: D = _CONSTANTS["MAX_MONTHLY_HOURS"]
"""The most hours a month can hold (31 × 24): larger inputs are refused."""
MAX_MONTHLY_PAY: D = _CONSTANTS["MAX_MONTHLY_PAY"]
"""The largest monthly pay accepted (a guard against unit mistakes)."""


class FloatRoundingWarning(UserWarning):
    """Float cells of a table were rounded to the cent (``compute_claim(table,
    floats="round_cents")``): the message names each column, the floats read and how many
    rounding changed."""


class ArrowTable(Protocol):
    """A table of the Arrow PyCapsule interface: a pandas (with pyarrow installed) or polars
    ``DataFrame``, a pyarrow ``Table`` or ``RecordBatch``, an arro3 or nanoarrow table…"""

    def __arrow_c_stream__(self, requested_schema: object = None) -> object: ...


Floats = Literal["refuse", "round_cents"]


def _is_table(value: object) -> bool:
    return hasattr(value, "__arrow_c_stream__") or hasattr(value, "__arrow_c_array__")


def compute_claim(
    month: Month | str,
    employees: Iterable[EmployeeMonth | Mapping[str, Any]] | ArrowTable,
    options: Options | Mapping[str, Any] | None = None,
    *,
    book: LawBook | None = None,
    floats: Floats = "refuse",
) -> ClaimOutcome:
    """A whole claim in one call: the records cross as they are (no JSON), the GIL is released
    while Rust computes. A refused employee, or a row that cannot be read (an unknown key, a
    bad cell), is a line with its error, not an exception. A mapping without ``month`` is of
    the claim's month.

    ``employees`` may also be a table (:class:`ArrowTable`: pandas, polars, pyarrow…), read
    column by column in Rust through the Arrow PyCapsule interface, no library imported. Its
    columns are named as the fields of :class:`EmployeeMonth` (exactly, as in a CSV claim; the
    month may be left out); an unknown or repeated column raises
    :class:`apart.InputError`. Integer, decimal, text and date cells are exact; a float cell is
    refused on its line (``VALUE_FLOAT_REFUSED``) unless ``floats="round_cents"``: then each
    float is rounded to the cent, half away from zero, and a :class:`FloatRoundingWarning` says
    so. Null cells are missing values; NaN is ``VALUE_NOT_FINITE`` on its line."""
    if _is_table(employees):
        claim, rounded = _native.compute_claim_table(
            month, employees, options, book, floats
        )
        if rounded:
            said = ", ".join(f"{name}: {n} read, {changed} changed" for name, n, changed in rounded)
            _warnings.warn(
                FloatRoundingWarning(f"float cells rounded to the cent ({said})"), stacklevel=2
            )
        return claim
    if floats != "refuse":
        raise TypeError("floats= applies to tables (DataFrame, Arrow table)")
    return _native.compute_claim(month, employees, options, book)


class Readable(Protocol):
    """A file object: ``read(size)`` gives ``bytes`` (binary mode) or ``str`` (text mode)."""

    def read(self, size: int = ..., /) -> bytes | str | None: ...


CSV_MAX_LINE: int = _native.CSV_MAX_LINE
"""The longest CSV line read by default, in bytes (64 KiB): a longer one is a refused line."""
