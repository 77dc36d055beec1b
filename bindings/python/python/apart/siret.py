"""SIREN, NIC, SIRET and French VAT (TVA) numbers.

The four classes are immutable, hashable, ordered values. Constructing one parses leniently
(spaces, dots, dashes, surrounding blanks); ``parse_strict`` takes the compact form only. A
refused value raises :class:`apart.SiretError` with the reason (``code``) and where
(``details``). ``str()`` gives the spaced form, ``as_str()`` the compact one.

>>> from apart.siret import Siret
>>> s = Siret("732 829 320 00074")
>>> s.siren, s.nic.rank, str(s.tva)
(Siren('732829320'), 7, 'FR44 732 829 320')
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from . import _native
from ._errors import SiretError
from ._native import IdentifierKind, Nic, Siren, Siret, Tva

__all__ = [
    "Siren",
    "Nic",
    "Siret",
    "Tva",
    "Identifier",
    "IdentifierKind",
    "SiretError",
    "detect",
    "is_valid_siret",
    "is_valid_siret_many",
    "parse_siret_many",
    "Generator",
]

Identifier = Siren | Siret | Tva
"""What :func:`detect` returns."""


def detect(value: str) -> Identifier:
    """Parses ``value`` as whichever identifier it is: a SIREN, a SIRET or a TVA number."""
    result: Identifier = _native.detect(value)
    return result


is_valid_siret = _native.is_valid_siret
"""``is_valid_siret(value: str) -> bool``: the fastest check (a direct native call)."""


def is_valid_siret_many(values: Iterable[str]) -> list[bool]:
    """:func:`is_valid_siret` of each string, in one call; the GIL is released while checking."""
    return _native.is_valid_siret_many(values)


def parse_siret_many(values: Iterable[str]) -> list[Siret | SiretError]:
    """Each string parsed as a :class:`Siret`, in one call (GIL released while parsing); a
    refused one gives its :class:`SiretError` in its place (returned, not raised)."""
    return _native.parse_siret_many(values)


class Generator:
    """Valid identifiers for fixtures and load tests, from a seeded generator (SplitMix64):
    the same seed gives the same identifiers in every language. Thread-safe."""

    __slots__ = ("_inner", "seed")

    def __init__(self, seed: int | None = None) -> None:
        self.seed: int = secrets.randbits(64) if seed is None else seed
        self._inner = _native.Generator(self.seed)

    def siren(self) -> Siren:
        return self._inner.siren()

    def siret(self) -> Siret:
        return self._inner.siret()

    def siret_of(self, siren: Siren) -> Siret:
        """A new establishment of ``siren``."""
        return self._inner.siret_of(siren)

    def la_poste_siret(self) -> Siret:
        """A SIRET of La Poste (SIREN 356 000 000, digit-sum rule)."""
        return self._inner.la_poste_siret()

    def siret_strings(self, count: int) -> list[str]:
        """``count`` valid SIRETs as compact strings, generated in one call."""
        return self._inner.siret_strings(count)

    def __repr__(self) -> str:
        return f"Generator(seed={self.seed})"
