"""The base of every record of the package: frozen dataclasses with ``to_dict()``."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import decimal
import enum
from typing import Any


def _plain(value: Any) -> Any:
    """The JSON form of a value, as the Rust core serialises it: enums by value, decimals as
    text, dates and instants in ISO 8601, records as dicts."""
    if isinstance(value, Record):
        return value._json_value()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
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
