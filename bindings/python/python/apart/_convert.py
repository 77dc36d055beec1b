"""Conversions between Python values and what ``apart._native`` takes (no rules here): the
native functions read ``Decimal``, ``int`` or text for amounts (a ``float`` is refused:
``VALUE_FLOAT_REFUSED``), ``datetime.date`` or ISO text for dates, aware ``datetime`` for
instants (a naive one is ``VALUE_INVALID_INSTANT``), ``dict``s for JSON data (``json_text``)."""

from __future__ import annotations

import decimal
from typing import Union

from . import _native
from ._native import json_text as json_text

DecimalLike = Union[decimal.Decimal, int, str]


def decimal_to_text(value: DecimalLike, name: str = "value", kind: str = "amount") -> str:
    """The exact text of an amount, hours or rate, read by the core: ``int`` and text accepted,
    a ``float`` is ``InputError`` ``VALUE_FLOAT_REFUSED``, a huge ``Decimal`` is refused before
    it is written out."""
    return _native.decimal_text(kind, value, name)
