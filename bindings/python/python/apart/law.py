"""The legal parameters (SMIC, rates, floors, ceilings, quotas) as dated tables with their
sources, and the caller's overrides (a decree published after this release).

>>> from apart.law import LawBook
>>> book = LawBook.builtin()
>>> book.lookup("smic_hourly", datetime.date(2026, 1, 1))["value"]  # doctest: +SKIP
'12.02'
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

from . import _native
from ._errors import IndemnityError, LawError

__all__ = ["LawBook", "PARAMS", "IndemnityError", "LawError"]

PARAMS: tuple[str, ...] = tuple(_native.law_params())
"""The id of every parameter table (``"smic_hourly"``, ``"droit_commun_indemnity_rate"``, ...)."""


class LawBook:
    """The tables the computations read. :meth:`builtin` gives this release's tables; the
    override methods change this book only (use :meth:`copy` to keep the original). Thread-safe."""

    __slots__ = ("_native",)

    def __init__(self, native: _native.LawBook) -> None:
        self._native = native

    @classmethod
    def builtin(cls) -> LawBook:
        return cls(_native.LawBook.builtin())

    def copy(self) -> LawBook:
        return LawBook(self._native.copy())

    @classmethod
    def with_file(cls, text: str) -> LawBook:
        """The built-in tables with a law file applied (see :meth:`apply_file`)."""
        book = cls.builtin()
        book.apply_file(text)
        return book

    def apply_file(self, text: str) -> list[str]:
        """Applies a law file, the format of the built-in tables (the same file as the
        command's ``--law FILE``): one table (``id`` and ``[[values]]``) or several under
        ``[[tables]]``, with an optional ``verified_until``. All of it or nothing; returns the
        ids of the tables changed. The file's ``verified_until`` vouches for **every** table of
        the book, not only those of the file (a floor decree may lag the SMIC by a month): to
        vouch for one table, give that table its own ``valid_until``."""
        return self._native.apply_file(text)

    def verified_until(self) -> _dt.date:
        """The last date every table is verified for; later months compute with the values
        in force and a ``LAW_BEYOND_VERIFIED_DATE`` warning."""
        return self._native.verified_until()

    def upsert_row(self, param: str, row: Mapping[str, Any]) -> None:
        """Adds or replaces a row, in the shape of the data files: ``{"from": "2026-07-01",
        "value": "12.30", "status": "confirmed", "source": {"title": "Décret n° …"}}``
        (``value``: a decimal as text, ``"none"`` or ``"unknown"``; ``status`` defaults to
        confirmed)."""
        self._native.upsert_row(param, row)

    def set_valid_until(self, param: str, until: _dt.date | str) -> None:
        self._native.set_valid_until(param, until)

    def replace_table(self, param: str, toml_text: str) -> None:
        """Replaces a whole table with one written as the embedded data files are."""
        self._native.replace_table(param, toml_text)

    def problems(self) -> list[LawError]:
        """What the table checks find: one ``LawError`` (``LAW_INVALID_DATA``, its
        ``details["problem"]`` saying which) per problem, returned rather than raised; empty
        for the built-in tables."""
        return self._native.problems()

    def tables(self) -> list[dict[str, Any]]:
        """Every table with its rows and sources, as dicts."""
        return self._native.tables()

    def lookup(self, param: str, at: _dt.date | str) -> dict[str, Any]:
        """The row of ``param`` in force at ``at`` (the date of the hours not worked)."""
        return self._native.lookup(param, at)

    def __repr__(self) -> str:
        return f"LawBook({len(PARAMS)} tables)"

