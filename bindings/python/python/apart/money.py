"""Exact values: amounts, hours and rates as ``decimal.Decimal``, months as :class:`Month`.

Every value the library returns is a ``Decimal`` (amounts rounded to the cent where the law or
the chosen rounding policy says). Inputs may be ``Decimal``, ``int`` or ``str``; text is read by
the core (``1 234,56`` is refused, ``1234.56`` and ``1234,56`` are read); a ``float`` is refused.
"""

from __future__ import annotations

import decimal
from typing import Literal

from . import _native
from ._convert import DecimalLike, decimal_to_text
from ._errors import MoneyError, InputError

# The core's own classes (derived behind its `python` feature): `Month(2026, 1)`,
# `Month.parse("2026-01")`, `Month.of(date)`, `.year`, `.month`, `.first_day`, `str()` is
# `YYYY-MM`; `RoundingPolicy.PER_HOUR` (the published practice) or `EXACT`.
from ._native import Month, RoundingPolicy

__all__ = ["Month", "RoundingPolicy", "to_decimal", "round_cents", "MoneyError", "InputError", "DecimalLike"]

ValueKind = Literal["amount", "hours", "hourly", "rate"]


def to_decimal(value: DecimalLike, kind: ValueKind = "amount", name: str = "value") -> decimal.Decimal:
    """``value`` as the exact ``Decimal`` the core reads (``InputError``: ``VALUE_INVALID_DECIMAL``
    if the text is not a plain decimal, ``VALUE_FLOAT_REFUSED`` for a float)."""
    return decimal.Decimal(decimal_to_text(value, name, kind))


def round_cents(value: DecimalLike) -> decimal.Decimal:
    """``value`` rounded to the cent, half away from zero (the library's one rounding rule)."""
    return decimal.Decimal(_native.round_cents(value))


