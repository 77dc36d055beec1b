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

from ._errors import SiretError
from ._native import (
    Generator,
    IdentifierKind,
    Nic,
    Siren,
    Siret,
    Tva,
    detect,
    is_valid_siret,
    is_valid_siret_many,
    parse_siret_many,
)

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
