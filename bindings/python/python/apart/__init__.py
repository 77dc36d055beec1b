"""apart: the employer-side rules of France's *activité partielle* (short-time work) scheme.

A typed Python package over the ``apart`` Rust library: identifiers (:mod:`apart.siret`),
the indemnity and claims (:mod:`apart.indemnity`, :mod:`apart.law`, :mod:`apart.money`),
form fields (:mod:`apart.forms`), every lifecycle as a state machine (:mod:`apart.machine`),
accounts and logins (:mod:`apart.account`), recovery and tokens (:mod:`apart.recovery`), and
the procedure: DA, DI, assistance, recaps (:mod:`apart.procedure`).

* Errors are :class:`ApartError` (a ``ValueError``), one subclass per family, each with a
  stable ``code``, a French ``message`` (``message_in("en")`` for English) and its fields.
* Money, hours and rates are ``decimal.Decimal`` (``int`` and ``str`` accepted, ``float``
  refused: ``InputError`` ``VALUE_FLOAT_REFUSED``); dates are ``datetime.date``; instants are
  timezone-aware ``datetime``.
* Records are the core's own types as native, immutable classes (keyword constructor,
  equality, ``repr``, pickling, ``copy``, ``to_dict()`` and ``to_json()``); enums are
  ``enum.Enum`` with ``str`` values, and functions taking one accept the member or its
  spelling (``snake_case`` or kebab-case).

>>> import apart
>>> apart.is_valid_siret("732 829 320 00074")
True
>>> try:
...     apart.Siret("73282932000075")
... except apart.SiretError as e:
...     print(e.code, e.expected, e.found)
SIRET_INVALID_KEY 4 5
"""

from __future__ import annotations

from . import account, forms, indemnity, law, machine, money, procedure, recovery, siret
from . import _docs  # noqa: F401  (drops the Rust examples from the native classes' docs)
from ._errors import (
    AccountError,
    ApartError,
    EntropyError,
    FieldError,
    FormError,
    IndemnityError,
    InputError,
    InternalError,
    LawError,
    MachineError,
    MoneyError,
    ProcedureError,
    SiretError,
)
from ._native import __version__
from ._native import Entropy
from .machine import Actor, Machine, machine_by_id, machines
from .siret import (
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
    "__version__",
    "ApartError",
    "SiretError",
    "FormError",
    "FieldError",
    "IndemnityError",
    "MoneyError",
    "ProcedureError",
    "AccountError",
    "MachineError",
    "LawError",
    "EntropyError",
    "InputError",
    "InternalError",
    "Siren",
    "Nic",
    "Siret",
    "Tva",
    "detect",
    "is_valid_siret",
    "is_valid_siret_many",
    "parse_siret_many",
    "Actor",
    "Machine",
    "machines",
    "machine_by_id",
    "Entropy",
    "account",
    "forms",
    "indemnity",
    "law",
    "money",
    "procedure",
    "recovery",
    "machine",
    "siret",
]
