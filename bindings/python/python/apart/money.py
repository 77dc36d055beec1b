"""Exact values: amounts, hours and rates as ``decimal.Decimal``, months as :class:`Month`.

Every value the library returns is a ``Decimal`` (amounts rounded to the cent where the law or
the chosen rounding policy says). Inputs may be ``Decimal``, ``int`` or ``str``; text is read by
the core (``1 234,56`` is refused, ``1234.56`` and ``1234,56`` are read); a ``float`` is refused.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import enum
from dataclasses import dataclass
from typing import Literal

from . import _native
from ._convert import DecimalLike, decimal_to_text
from ._errors import MoneyError, InputError
from ._record import Record

__all__ = ["Month", "RoundingPolicy", "to_decimal", "round_cents", "MoneyError", "InputError", "DecimalLike"]

ValueKind = Literal["amount", "hours", "hourly", "rate"]


def to_decimal(value: DecimalLike, kind: ValueKind = "amount", name: str = "value") -> decimal.Decimal:
    """``value`` as the exact ``Decimal`` the core reads (``InputError``: ``VALUE_INVALID_DECIMAL``
    if the text is not a plain decimal, ``VALUE_FLOAT_REFUSED`` for a float)."""
    return decimal.Decimal(decimal_to_text(value, name, kind))


def round_cents(value: DecimalLike) -> decimal.Decimal:
    """``value`` rounded to the cent, half away from zero (the library's one rounding rule)."""
    return decimal.Decimal(_native.round_cents(value))


class RoundingPolicy(enum.Enum):
    """Where the computation rounds: ``PER_HOUR`` (the published practice: the hourly reference,
    then each hourly rate, then each amount) or ``EXACT`` (the amounts only)."""

    PER_HOUR = "per_hour"
    EXACT = "exact"


@dataclass(frozen=True, order=True)
class Month(Record):
    """A calendar month (``Month(2026, 1)``, ``Month.parse("2026-01")``)."""

    year: int
    month: int

    def __post_init__(self) -> None:
        _native.month_parts(str(self))  # the core's range check

    @classmethod
    def parse(cls, text: str) -> Month:
        year, month = _native.month_parts(text)
        return cls(year, month)

    @classmethod
    def of(cls, day: _dt.date) -> Month:
        return cls(day.year, day.month)

    @property
    def first_day(self) -> _dt.date:
        return _dt.date(self.year, self.month, 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def _json_value(self) -> str:
        return str(self)  # the core's JSON form: "2026-01"
