"""The base of the package's few Python-side records (``forms.HumanCheck``): frozen dataclasses
with ``to_dict()``. The library's records are native classes of the core (``apart::python``)."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import decimal
import enum
from typing import Any


# Past these, no decimal of the library is exact (29 digits): such a value keeps its short
# scientific form (which the core refuses) instead of being written out digit by digit
# (`format(Decimal("1E+999999999"), "f")` takes a billion digits; issue 13).
_DECIMAL_MAX_DIGITS = 40


def _decimal_text(value: decimal.Decimal) -> str:
    """Plain text of a finite ``Decimal`` of reasonable size; its own short form otherwise. The
    exponent is checked before anything is expanded."""
    sign, digits, exponent = value.as_tuple()
    if (
        not isinstance(exponent, int)
        or len(digits) > _DECIMAL_MAX_DIGITS
        or abs(exponent) > _DECIMAL_MAX_DIGITS
    ):
        return str(value)
    return format(value, "f")


def _plain(value: Any) -> Any:
    """The JSON form of a value, as the Rust core serialises it: enums by value, decimals as
    text, dates and instants in ISO 8601, records as dicts."""
    if isinstance(value, Record):
        return value._json_value()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, decimal.Decimal):
        return _decimal_text(value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Record:
    """Mixin of the frozen dataclasses: equality, ``repr``, pickling and copying come from
    ``dataclasses``; ``to_dict()`` gives JSON-ready data (decimals as text, dates in ISO)."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    def _json_value(self) -> Any:
        """How this record appears inside another one's ``to_dict()``."""
        return self.to_dict()
