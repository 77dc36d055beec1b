"""Field rules of the extranet's forms (spec ``lifecycle.md`` §4).

Each field has a parser that normalises the input and returns either a value (a frozen record
or a ``str``) or raises :class:`apart.FormError` with a stable ``code``. Lengths are counted in
UTF-16 code units after normalisation, as a browser's ``maxlength`` counts them.

>>> from apart.forms import PhoneFr
>>> PhoneFr.parse("01 02 03 04 05").e164
'+33102030405'
"""

from __future__ import annotations

import datetime as _dt
import enum
import json
from dataclasses import dataclass
from typing import ClassVar

from . import _native
from ._convert import Instant, duration_to_micros, from_instant, to_instant
from ._errors import FieldError, FormError
from ._native import OverseasKind, PhoneTerritory, PostalArea, SecretAnswer
from ._record import Record

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


@dataclass(frozen=True)
class TextRules(Record):
    """Length limits (UTF-16 code units after normalisation) and whether line breaks are allowed.

    The core's named rules are class attributes: ``TextRules.DENOMINATION``, ``STREET_NAME``,
    ``ADDRESS_COMPLEMENT``, ``CITY``, ``PERSON_NAME``, ``FULL_NAME``, ``DESCRIPTION``."""

    min: int
    max: int
    multiline: bool = False

    DENOMINATION: ClassVar[TextRules]
    STREET_NAME: ClassVar[TextRules]
    ADDRESS_COMPLEMENT: ClassVar[TextRules]
    CITY: ClassVar[TextRules]
    PERSON_NAME: ClassVar[TextRules]
    FULL_NAME: ClassVar[TextRules]
    DESCRIPTION: ClassVar[TextRules]


for _name, _min, _max, _multiline in _native.text_rules():
    setattr(TextRules, _name, TextRules(_min, _max, _multiline))

LIMITS: dict[str, int] = dict(_native.limits())
"""The core's numeric limits (``EMAIL_MAX``, ``SECRET_ANSWER_MIN``, ``DESCRIPTION_MAX``, ...)."""


class PhoneKind(enum.Enum):
    FIXED = "fixed"
    MOBILE = "mobile"
    VOIP = "voip"
    SPECIAL = "special"
    OVERSEAS = "overseas"


@dataclass(frozen=True)
class PhonePolicy(Record):
    """What a phone field accepts beyond mainland and overseas-department numbers."""

    collectivities: bool = False
    allow_premium: bool = False
    require_fixed_line: bool = False


@dataclass(frozen=True)
class PhoneFr(Record):
    """A French phone number, normalised to E.164 (``+33102030405``)."""

    e164: str
    display: str
    national: str
    country_code: str
    national_significant_number: str
    kind: PhoneKind
    territory: PhoneTerritory | None
    overseas_kind: OverseasKind | None
    is_fixed_line: bool

    @classmethod
    def _of(cls, parts: tuple[str, str, str, str, str, str, bool]) -> PhoneFr:
        e164, display, national, cc, nsn, kind_json, fixed = parts
        kind = json.loads(kind_json)
        territory = kind.get("territory")
        overseas = kind.get("kind")
        return cls(
            e164,
            display,
            national,
            cc,
            nsn,
            PhoneKind(kind["type"]),
            PhoneTerritory(territory) if territory else None,
            OverseasKind(overseas) if overseas else None,
            fixed,
        )

    @classmethod
    def parse(cls, value: str, policy: PhonePolicy = PhonePolicy()) -> PhoneFr:
        """Parses a required phone field (``PHONE_*`` errors)."""
        parts = _native.phone_parse(
            value, policy.collectivities, policy.allow_premium, policy.require_fixed_line, False
        )
        if parts is None:  # a required field never parses to nothing
            raise AssertionError("PhoneFr.parse: no value")
        return cls._of(parts)

    @classmethod
    def parse_optional(cls, value: str, policy: PhonePolicy = PhonePolicy()) -> PhoneFr | None:
        """Parses an optional phone field: ``None`` when left empty."""
        parts = _native.phone_parse(
            value, policy.collectivities, policy.allow_premium, policy.require_fixed_line, True
        )
        return None if parts is None else cls._of(parts)

    def __str__(self) -> str:
        return self.display


@dataclass(frozen=True)
class Email(Record):
    """An e-mail address: the local part as typed, the domain lower-cased."""

    address: str
    local_part: str
    domain: str
    lookup_key: str
    """The key to look an account up by (case-insensitive comparison)."""

    @classmethod
    def parse(cls, value: str) -> Email:
        return cls(*_native.email_parse(value))

    def is_confirmed_by(self, confirmation: str) -> bool:
        return _native.email_is_confirmed_by(self.address, confirmation)

    def __str__(self) -> str:
        return self.address


def confirm_email(email: str, confirmation: str) -> None:
    """Raises ``EMAIL_CONFIRMATION_MISMATCH`` unless the confirmation field matches."""
    _native.confirm_email(email, confirmation)


@dataclass(frozen=True)
class PostalCodeFr(Record):
    code: str
    area: PostalArea

    @classmethod
    def parse(cls, value: str) -> PostalCodeFr:
        code, area = _native.postal_code_parse(value)
        return cls(code, PostalArea(area))

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True)
class City(Record):
    """A city, with its CEDEX suffix apart when there is one."""

    text: str
    name: str
    cedex: str | None

    @property
    def is_cedex(self) -> bool:
        return self.cedex is not None

    @classmethod
    def parse(cls, value: str, rules: TextRules | None = None) -> City:
        r = rules or TextRules.CITY
        return cls(*_native.city_parse(value, r.min, r.max, r.multiline))

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class LoginIdentifier(Record):
    """A login identifier, with the key two identifiers are compared by."""

    identifier: str
    key: str

    @classmethod
    def parse(cls, value: str) -> LoginIdentifier:
        return cls(*_native.login_identifier_parse(value))

    def same_as(self, other: LoginIdentifier) -> bool:
        """Whether both name the same account (the core's comparison)."""
        return _native.login_identifier_same_as(self.identifier, other.identifier)

    def __str__(self) -> str:
        return self.identifier


def parse_person_name(value: str, rules: TextRules | None = None) -> str:
    """A « nom » or « prénom » (``TextRules.PERSON_NAME`` unless told), normalised."""
    r = rules or TextRules.PERSON_NAME
    return _native.person_name_parse(value, r.min, r.max, r.multiline)


normalize_secret_answer = _native.normalize_secret_answer


def parse_street_number(value: str) -> str | None:
    """A street number (digits only); ``None`` when left empty."""
    return _native.street_number_parse(value)


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


def parse_bounded_text(value: str, rules: TextRules) -> str:
    """Free text checked against ``rules``, normalised."""
    return _native.bounded_text_parse(value, rules.min, rules.max, rules.multiline)


def parse_description(value: str) -> str:
    """« Description de la demande »: 1 to 1000 UTF-16 units, line breaks allowed."""
    return _native.description_parse(value)


normalize_text = _native.normalize_text
text_len_utf16 = _native.text_len_utf16
description_len = _native.description_len
remaining = _native.remaining


@dataclass(frozen=True)
class HumanCheck(Record):
    """The state of the human check (captcha) of a form: when it was passed, if it was."""

    verified_at: _dt.datetime | None = None

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    def _at(self) -> Instant | None:
        if self.verified_at is None:
            return None
        return to_instant(self.verified_at, "verified_at")

    def require(self) -> _dt.datetime:
        """The instant of the check, or ``CAPTCHA_REQUIRED``."""
        return from_instant(_native.human_check_require(self._at()))

    def require_fresh(self, now: _dt.datetime, max_age: _dt.timedelta) -> _dt.datetime:
        """As :meth:`require`, and ``CAPTCHA_EXPIRED`` when older than ``max_age`` at ``now``."""
        return from_instant(
            _native.human_check_require_fresh(
                self._at(), to_instant(now), duration_to_micros(max_age)
            )
        )
