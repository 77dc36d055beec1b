"""Conversions between Python values and what ``apart._native`` takes (no rules here).

* Instants: timezone-aware ``datetime`` <-> microseconds since the Unix epoch (UTC). A naive
  ``datetime`` is refused: the library cannot guess its offset.
* Money, hours and rates: ``decimal.Decimal``, ``int`` or ``str`` in (passed to the core as
  text, which parses it), ``Decimal`` out. A ``float`` is refused: it is inexact.
* Dates: ``datetime.date`` in and out, as ISO text across the boundary.
"""

from __future__ import annotations

import datetime as _dt
import decimal
from typing import Union

from ._errors import input_error

_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
_MICROSECOND = _dt.timedelta(microseconds=1)

DecimalLike = Union[decimal.Decimal, int, str]


def instant_to_micros(value: _dt.datetime, name: str = "now") -> int:
    """Microseconds since 1970-01-01T00:00Z of an aware ``datetime``."""
    if not isinstance(value, _dt.datetime):
        raise TypeError(f"{name} must be a timezone-aware datetime, not {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise input_error(
            "NAIVE_DATETIME",
            f"{name} : date et heure sans fuseau horaire refusées"
            " (utilisez datetime.now(timezone.utc))",
            f"{name}: naive datetime refused, give a timezone-aware one"
            " (datetime.now(timezone.utc))",
            argument=name,
        )
    return (value - _EPOCH) // _MICROSECOND


def micros_to_instant(micros: int) -> _dt.datetime:
    """The aware (UTC) ``datetime`` of microseconds since the Unix epoch."""
    return _EPOCH + _dt.timedelta(microseconds=micros)


def duration_to_micros(value: _dt.timedelta, name: str = "max_age") -> int:
    if not isinstance(value, _dt.timedelta):
        raise TypeError(f"{name} must be a datetime.timedelta, not {type(value).__name__}")
    return value // _MICROSECOND


def decimal_to_text(value: DecimalLike, name: str = "value") -> str:
    """The text of an exact amount, hours or rate, for the core to parse."""
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a Decimal, int or str, not bool")
    if isinstance(value, float):
        raise TypeError(
            f"{name} must be a Decimal, int or str, not float: floats are inexact"
            f" (write Decimal('{value!r}') or '{value!r}' if that is the exact value)"
        )
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise input_error(
                "DECIMAL_NOT_FINITE",
                f"{name} : valeur non finie refusée ({value})",
                f"{name}: non-finite value refused ({value})",
                argument=name,
            )
        return format(value, "f")
    if isinstance(value, (int, str)):
        return str(value)
    raise TypeError(f"{name} must be a Decimal, int or str, not {type(value).__name__}")


def text_to_decimal(text: str) -> decimal.Decimal:
    return decimal.Decimal(text)


def date_to_text(value: _dt.date, name: str = "date") -> str:
    if isinstance(value, _dt.datetime) or not isinstance(value, _dt.date):
        raise TypeError(f"{name} must be a datetime.date, not {type(value).__name__}")
    return value.isoformat()


def text_to_date(text: str) -> _dt.date:
    return _dt.date.fromisoformat(text)
