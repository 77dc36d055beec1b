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
import os
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
)
from ._native import Warning as Warning  # by name too; exported as IndemnityWarning
from .law import LawBook, _book
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


def compute(
    employee: EmployeeMonth | Mapping[str, Any],
    options: Options | Mapping[str, Any] | None = None,
    *,
    book: LawBook | None = None,
) -> Outcome:
    """One employee, one month (parameters of the date of the hours not worked). Raises
    :class:`apart.IndemnityError`, :class:`apart.LawError` when the law tables cannot answer
    (no row yet, a value unknown, a date past the verified one under ``strict_law_dates``), or
    :class:`apart.InputError` for a record that cannot be read."""
    return _native.compute(employee, options, _book(book))


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
            month, employees, options, _book(book), floats
        )
        if rounded:
            said = ", ".join(f"{name}: {n} read, {changed} changed" for name, n, changed in rounded)
            _warnings.warn(
                FloatRoundingWarning(f"float cells rounded to the cent ({said})"), stacklevel=2
            )
        return claim
    if floats != "refuse":
        raise TypeError("floats= applies to tables (DataFrame, Arrow table)")
    return _native.compute_claim(month, employees, options, _book(book))


def claim_table(claim: ClaimOutcome) -> ClaimTable:
    """The lines of a claim as an Arrow table (:class:`ClaimTable`): one row per line,
    ``index``, ``employee``, every figure of the outcome (amounts, hours and rates as exact
    ``decimal128``; months, dates and options as text), the refusal's code and messages, lists
    (warnings, refused hours, explanation) as JSON text. ``pyarrow.table(t)``,
    ``polars.DataFrame(t)``, ``t.to_pandas()`` (``Decimal`` objects, through pyarrow)."""
    return _native.claim_table(claim)


class Readable(Protocol):
    """A file object: ``read(size)`` gives ``bytes`` (binary mode) or ``str`` (text mode)."""

    def read(self, size: int = ..., /) -> bytes | str | None: ...


CSV_MAX_LINE: int = _native.CSV_MAX_LINE
"""The longest CSV line read by default, in bytes (64 KiB): a longer one is a refused line."""


def compute_claim_csv(
    source: str | bytes | os.PathLike[str] | Readable,
    month: Month | str | None = None,
    options: Options | Mapping[str, Any] | None = None,
    *,
    book: LawBook | None = None,
    max_line: int = CSV_MAX_LINE,
) -> ClaimOutcome:
    """A claim read from CSV by the same reader as ``apart claim`` (the core's
    ``indemnity::claim_csv``): one header naming the columns (the fields of
    :class:`EmployeeMonth`, exactly), one employee per row; ``,`` or ``;`` (then decimal commas,
    as French spreadsheets write them); quoted cells; the output columns of
    ``apart claim --format csv`` are skipped, so a claim written as CSV reads back.

    ``source`` is the CSV's text (a ``str`` is text, never a file name), its bytes (UTF-8),
    a path (``pathlib.Path`` or any ``os.PathLike``) or a file object opened in binary or text
    mode. ``month`` is the month of rows without a ``month`` column, and then the claim's
    month: a row of another month is refused.

    A row that cannot be read or computed is a refused line (code, French message naming its
    line and column), never an exception; a header that cannot be read, a file without rows,
    or no month anywhere raises (:class:`apart.InputError`…), and so does the file itself
    (``OSError``). Memory stays bounded by ``max_line`` per line plus the lines returned."""
    return _native.compute_claim_csv(source, month, options, _book(book), max_line)


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
