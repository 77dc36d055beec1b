"""The employee indemnity, the employer allocation, CSG/CRDS and monthly claims (spec
``indemnity.md``), with the reasons of every figure.

>>> from decimal import Decimal
>>> from apart.indemnity import EmployeeMonth, compute
>>> out = compute(EmployeeMonth("2026-01", gross_monthly=3000, hours_not_worked=70))
>>> out.employee_indemnity, out.employer_allocation
(Decimal('830.90'), Decimal('599.90'))
"""

from __future__ import annotations

import datetime as _dt
import decimal
from collections.abc import Iterable, Mapping
from typing import Any

from . import _native
from ._convert import DecimalLike
from ._errors import IndemnityError
from ._native import (
    Category,
    ClaimLine,
    ClaimOutcome,
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
    Warning,
)
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
    "Warning",
    "ClaimLine",
    "ClaimTotals",
    "ClaimOutcome",
    "compute",
    "compute_claim",
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

D = decimal.Decimal

_CONSTANTS = {name: D(value) for name, value in _native.indemnity_constants()}
LEGAL_MONTHLY_HOURS: D = _CONSTANTS["LEGAL_MONTHLY_HOURS"]
"""The legal monthly duration, 151.67 h (35 h × 52 / 12)."""
MAX_MONTHLY_HOURS: D = _CONSTANTS["MAX_MONTHLY_HOURS"]
"""The most hours a month can hold (31 × 24): larger inputs are refused."""
MAX_MONTHLY_PAY: D = _CONSTANTS["MAX_MONTHLY_PAY"]
"""The largest monthly pay accepted (a guard against unit mistakes)."""


def _book(book: LawBook | None) -> _native.LawBook | None:
    return None if book is None else book._native


def compute(
    employee: EmployeeMonth | Mapping[str, Any],
    options: Options | Mapping[str, Any] | None = None,
    *,
    book: LawBook | None = None,
) -> Outcome:
    """One employee, one month (parameters of the date of the hours not worked). Raises
    :class:`apart.IndemnityError` (or :class:`apart.InputError` for a record that cannot be
    read)."""
    return _native.compute(employee, options, _book(book))


def compute_claim(
    month: Month | str,
    employees: Iterable[EmployeeMonth | Mapping[str, Any]],
    options: Options | Mapping[str, Any] | None = None,
    *,
    book: LawBook | None = None,
) -> ClaimOutcome:
    """A whole claim in one call: the records cross as they are (no JSON), the GIL is released
    while Rust computes. A refused employee is a line with its error code, not an exception."""
    return _native.compute_claim(month, employees, options, _book(book))


def contributions(
    at: _dt.date | str,
    territory: PayTerritory | str,
    indemnity: DecimalLike,
    net_pay_worked: DecimalLike,
    *,
    book: LawBook | None = None,
) -> Contributions:
    """CSG, CRDS and the écrêtement of an indemnity paid for hours not worked at ``at``."""
    return _native.contributions(at, territory, indemnity, net_pay_worked, _book(book))
