"""Field rules of the extranet's forms (spec ``lifecycle.md`` §4).

Each field has a parser that normalises the input and returns either a value (a frozen record
or a ``str``) or raises :class:`apart.FormError` with a stable ``code``. Lengths are counted in
UTF-16 code units after normalisation, as a browser's ``maxlength`` counts them.

>>> from apart.forms import PhoneFr
>>> PhoneFr.parse("01 02 03 04 05").e164
'+33102030405'
"""

from __future__ import annotations

import enum

from . import _native
from ._errors import FieldError, FormError
from ._native import (
    City,
    Email,
    HumanCheck,
    LoginIdentifier,
    OverseasKind,
    PhoneFr,
    PhonePolicy,
    PhoneTerritory,
    PostalArea,
    PostalCodeFr,
    SecretAnswer,
    TextRules,
    confirm_email,
    description_len,
    normalize_secret_answer,
    normalize_text,
    parse_bounded_text,
    parse_description,
    parse_person_name,
    parse_street_number,
    remaining,
    text_len_utf16,
)

__all__ = [
    "FormError",
    "FieldError",
    "TextRules",
    "PhoneKind",
    "PhoneTerritory",
    "OverseasKind",
    "PhonePolicy",
    "PhoneFr",
    "Email",
    "confirm_email",
    "PostalArea",
    "PostalCodeFr",
    "City",
    "LoginIdentifier",
    "parse_person_name",
    "SecretAnswer",
    "normalize_secret_answer",
    "parse_street_number",
    "StreetExtension",
    "STREET_TYPES",
    "parse_bounded_text",
    "parse_description",
    "normalize_text",
    "text_len_utf16",
    "description_len",
    "remaining",
    "HumanCheck",
    "LIMITS",
]


# The core's named rules as class attributes: TextRules.DENOMINATION, STREET_NAME, ...
for _name, _rules in _native.text_rules():
    setattr(TextRules, _name, _rules)

LIMITS: dict[str, int] = {k.upper(): v for k, v in _native.limits().items()}
"""The core's numeric limits (``EMAIL_MAX``, ``SECRET_ANSWER_MIN``, ``DESCRIPTION_MAX``, ...)."""


class PhoneKind(enum.Enum):
    """The kind of line of a :class:`PhoneFr` (the tag of the core's ``PhoneKind``; an overseas
    number's territory and line are ``territory`` and ``overseas_kind``)."""

    FIXED = "fixed"
    MOBILE = "mobile"
    VOIP = "voip"
    SPECIAL = "special"
    OVERSEAS = "overseas"


class StreetExtension(enum.Enum):
    """« Indice de répétition », by its one-letter code."""

    BIS = "B"
    TER = "T"
    QUATER = "Q"
    QUINQUIES = "C"

    @property
    def label(self) -> str:
        return dict(_native.street_extensions())[self.value]

    @classmethod
    def parse(cls, value: str) -> StreetExtension | None:
        """``b``, ``bis``, ``B``… (any case); ``None`` when left empty."""
        code = _native.street_extension_parse(value)
        return None if code is None else cls(code)


STREET_TYPES: dict[str, str] = dict(_native.street_types())
"""« Type de voie »: code to label (``{"AV": "Avenue", ...}``)."""
