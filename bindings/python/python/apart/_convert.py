"""Conversions between Python values and what ``apart._native`` takes (no rules here).

* Instants: timezone-aware ``datetime`` <-> (microseconds since the Unix epoch, UTC offset in
  seconds). A naive ``datetime`` is refused (``VALUE_INVALID_INSTANT``): the library cannot
  guess its offset.
* Money, hours and rates: ``decimal.Decimal``, ``int`` or ``str`` in (read by the core),
  ``Decimal`` out. A ``float`` is refused (``VALUE_FLOAT_REFUSED``): it is inexact.
* Dates: ``datetime.date`` in and out, as ISO text across the boundary.
"""

from __future__ import annotations

import datetime as _dt
import decimal
from collections.abc import Iterable
from typing import TypeVar, Union

from . import _native

_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
_MICROSECOND = _dt.timedelta(microseconds=1)

DecimalLike = Union[decimal.Decimal, int, str]
_T = TypeVar("_T")


Instant = tuple[int, int]
"""An instant across the boundary: microseconds since 1970-01-01T00:00Z, and the UTC offset in
seconds of the ``datetime`` (kept: the procedure reads the establishment's local date from it)."""


def to_instant(value: _dt.datetime, name: str = "now") -> Instant:
    """The :data:`Instant` of an aware ``datetime`` (read by the core: a naive one, or one it
    cannot store, is ``InputError`` ``VALUE_INVALID_INSTANT``)."""
    return _native.instant_parts(value, name)


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


def items(value: Iterable[_T], name: str) -> list[_T]:
    """A list argument as a ``list``: a ``str``, ``bytes`` or ``bytearray`` (whose items would be
    characters or bytes) or a value that is not iterable is ``InputError`` ``INPUT_WRONG_TYPE``
    naming ``name``. Every list argument of the package is read here (or by the native code,
    with the same check)."""
    return _native.list_arg(value, name)


def json_text(value: object, name: str = "value") -> str:
    """The JSON text of a snapshot, context, event or policy given as a ``dict``, read by the
    core as records are: ``Decimal``, ``int`` or text for amounts, ``datetime.date`` and aware
    ``datetime`` as ISO text, :class:`Month` as ``YYYY-MM``, enum members by their value. A
    ``float`` crosses as a number, refused by the core where it reads money, hours or rates
    (``VALUE_FLOAT_REFUSED``); a value of another type is ``InputError`` ``INPUT_WRONG_TYPE``."""
    return _native.json_text(value, name)


def decimal_to_text(value: DecimalLike, name: str = "value", kind: str = "amount") -> str:
    """The exact text of an amount, hours or rate, read by the core: ``int`` and text accepted,
    a ``float`` is ``InputError`` ``VALUE_FLOAT_REFUSED``, a huge ``Decimal`` is refused before
    it is written out."""
    return _native.decimal_text(kind, value, name)


def text_to_decimal(text: str) -> decimal.Decimal:
    return decimal.Decimal(text)


def date_to_text(value: _dt.date | str, name: str = "date") -> str:
    """``YYYY-MM-DD`` of a date (``datetime.date`` or text), read by the core."""
    return _native.date_text(value, name)


def text_to_date(text: str) -> _dt.date:
    return _dt.date.fromisoformat(text)
