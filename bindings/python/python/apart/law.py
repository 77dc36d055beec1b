"""The legal parameters (SMIC, rates, floors, ceilings, quotas) as dated tables with their
sources, and the caller's overrides (a decree published after this release).

>>> from apart.law import LawBook
>>> book = LawBook.builtin()
>>> book.lookup("smic_hourly", datetime.date(2026, 1, 1))["value"]  # doctest: +SKIP
'12.02'
"""

from __future__ import annotations

from . import _native
from ._errors import IndemnityError, LawError
from ._native import LawBook

__all__ = ["LawBook", "PARAMS", "IndemnityError", "LawError"]

PARAMS: tuple[str, ...] = tuple(_native.law_params())
"""The id of every parameter table (``"smic_hourly"``, ``"droit_commun_indemnity_rate"``, ...)."""
