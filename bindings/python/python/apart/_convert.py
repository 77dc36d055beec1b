"""Conversions between Python values and what ``apart._native`` takes (no rules here).

* Instants: timezone-aware ``datetime`` <-> (microseconds since the Unix epoch, UTC offset in
  seconds). A naive ``datetime`` is refused: the library cannot guess its offset.
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
_SECOND = _dt.timedelta(seconds=1)

DecimalLike = Union[decimal.Decimal, int, str]


Instant = tuple[int, int]
"""An instant across the boundary: microseconds since 1970-01-01T00:00Z, and the UTC offset in
seconds of the ``datetime`` (kept: the procedure reads the establishment's local date from it)."""


def to_instant(value: _dt.datetime, name: str = "now") -> Instant:
    """The :data:`Instant` of an aware ``datetime``; a naive one is refused."""
    if not isinstance(value, _dt.datetime):
        raise TypeError(f"{name} must be a timezone-aware datetime, not {type(value).__name__}")
    offset = value.utcoffset()
    if offset is None:
        raise input_error(
            "NAIVE_DATETIME",
            f"{name} : date et heure sans fuseau horaire refusées"
            " (utilisez datetime.now(timezone.utc))",
            f"{name}: naive datetime refused, give a timezone-aware one"
            " (datetime.now(timezone.utc))",
            argument=name,
        )
    if offset % _SECOND:
        raise input_error(
            "OFFSET_NOT_WHOLE_SECONDS",
            f"{name} : décalage horaire en fractions de seconde refusé ({offset})",
            f"{name}: UTC offset with a fraction of a second refused ({offset})",
            argument=name,
        )
    return (value - _EPOCH) // _MICROSECOND, offset // _SECOND


def from_instant(instant: Instant) -> _dt.datetime:
    """The aware ``datetime`` of an :data:`Instant`, in its own offset (UTC for the core's
    instants)."""
    micros, offset = instant
    tz = _dt.timezone.utc if offset == 0 else _dt.timezone(_dt.timedelta(seconds=offset))
    return (_EPOCH + _dt.timedelta(microseconds=micros)).astimezone(tz)


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
