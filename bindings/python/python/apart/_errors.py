"""The exceptions of ``apart``: one class per domain, each with ``code``, ``message`` and fields.

Every error of the library is an :class:`ApartError`, itself a :class:`ValueError` (the input
was refused). The class says the domain (:class:`SiretError`, :class:`FormError`,
:class:`TransitionError`, ...); ``code`` is the core's stable machine code
(``"SIRET_INVALID_KEY"``), part of the public API; ``message`` is the French message (the
extranet's users are French employers), ``message_in("en")`` the English one; the structured
fields are in ``details`` and, when their name does not clash with an attribute, as attributes
(``err.expected``, ``err.found``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

__all__ = [
    "ApartError",
    "SiretError",
    "FormError",
    "FieldError",
    "IndemnityError",
    "MoneyError",
    "ProcedureError",
    "AccountError",
    "MachineError",
    "TransitionError",
    "SnapshotError",
    "InputError",
    "InternalError",
]

Detail = str | int


class ApartError(ValueError):
    """Any error of the library: ``code``, ``message`` (French), ``details``."""

    domain: ClassVar[str] = "apart"

    code: str
    messages: Mapping[str, str]
    details: Mapping[str, Detail]

    def __init__(
        self,
        code: str,
        messages: Mapping[str, str],
        details: Mapping[str, Detail] | None = None,
    ) -> None:
        super().__init__(messages.get("fr", code))
        self.code = code
        self.messages = dict(messages)
        self.details = dict(details or {})
        for name, value in self.details.items():
            if not hasattr(self, name):
                setattr(self, name, value)

    @property
    def message(self) -> str:
        """The French message (short, lowercase, no final period)."""
        return self.messages.get("fr", self.code)

    def message_in(self, lang: str) -> str:
        """The message in ``lang`` (``"fr"`` or ``"en"``; ``"fr-FR"``, ``"en_GB"`` accepted)."""
        primary = lang.replace("_", "-").split("-")[0].lower()
        if primary not in ("fr", "en"):
            raise ValueError(f"no messages in {lang!r}: 'fr' and 'en' are available")
        return self.messages.get(primary, self.message)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.code, self.messages, self.details))

    def to_dict(self) -> dict[str, Any]:
        """The error as JSON-ready data: ``{"code", "message", "message_en", "details"}``."""
        return {
            "code": self.code,
            "message": self.message,
            "message_en": self.message_in("en"),
            "details": dict(self.details),
        }


class SiretError(ApartError):
    """A SIREN, NIC, SIRET or TVA number was refused (``IDENTIFIER_*``, ``SIRET_*``, ...)."""

    domain = "siret"


class FieldError(ApartError):
    """One refused field of a form: ``field`` names it (inside ``FormError.errors``)."""

    domain = "form"

    field: str

    def __init__(
        self,
        field: str,
        code: str,
        messages: Mapping[str, str],
        details: Mapping[str, Detail] | None = None,
    ) -> None:
        self.field = field
        super().__init__(code, messages, details)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.field, self.code, self.messages, self.details))

    def __repr__(self) -> str:
        return f"FieldError(field={self.field!r}, code={self.code!r}, message={self.message!r})"

    def to_dict(self) -> dict[str, Any]:
        """``{"field", "code", "params"}``, the core's JSON form of a field error."""
        return {"field": self.field, "code": self.code, "params": dict(self.details)}


class FormError(ApartError):
    """A form field was refused (``PHONE_*``, ``EMAIL_*``, ``TEXT_*``, ...), or a whole form
    (``FORM_INVALID``, with every refused field in ``errors``)."""

    domain = "form"

    errors: tuple[FieldError, ...]

    def __init__(
        self,
        code: str,
        messages: Mapping[str, str],
        details: Mapping[str, Detail] | None = None,
        errors: tuple[FieldError, ...] = (),
    ) -> None:
        self.errors = tuple(errors)
        super().__init__(code, messages, details)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.code, self.messages, self.details, self.errors))

    def codes(self) -> list[str]:
        """The code of each refused field (or this error's own code for a single field)."""
        return [e.code for e in self.errors] if self.errors else [self.code]


class IndemnityError(ApartError):
    """An indemnity computation, a claim or a legal parameter was refused
    (``INDEMNITY_*``, ``LAW_*``)."""

    domain = "indemnity"


class MoneyError(ApartError):
    """A text could not be read as an amount, hours, a rate or a month (``VALUE_*``)."""

    domain = "money"


class ProcedureError(ApartError):
    """A DA, DI or assistance request was refused (``DA_*``, ``DI_*``, ``PERIOD_INVERTED``, ...)."""

    domain = "procedure"


class AccountError(ApartError):
    """An account, login or recovery step was refused (``INVALID_CREDENTIALS``,
    ``ACCOUNT_LOCKED``, ``TOKEN_EXPIRED``, ...)."""

    domain = "account"


class MachineError(ApartError):
    """A state machine refused an event or a snapshot."""

    domain = "machine"


class TransitionError(MachineError):
    """The machine refused an event (``INVALID_TRANSITION``, ``FORBIDDEN_ACTOR``, ...)."""

    domain = "transition"


class SnapshotError(MachineError):
    """A snapshot, context or event could not be read (``SNAPSHOT_*``, ``MACHINE_INPUT_MALFORMED``)."""

    domain = "snapshot"


class InputError(ApartError):
    """A Python value could not be handed to the library (a naive ``datetime``, an instant out
    of range, an unknown actor): raised by the binding, not by the core."""

    domain = "input"


class InternalError(ApartError):
    """A bug in the library (``INTERNAL_PANIC``): please report it with ``details``."""

    domain = "internal"


_BY_DOMAIN: dict[str, type[ApartError]] = {
    cls.domain: cls
    for cls in (
        ApartError,
        SiretError,
        IndemnityError,
        MoneyError,
        ProcedureError,
        AccountError,
        MachineError,
        TransitionError,
        SnapshotError,
        InputError,
        InternalError,
    )
}


def _from_native(
    domain: str,
    code: str,
    fr: str,
    en: str,
    details: dict[str, Detail],
    fields: list[tuple[str, str, str, str, dict[str, Detail]]] | None,
) -> ApartError:
    """Builds the exception for a core error (called by ``apart._native``)."""
    messages = {"fr": fr, "en": en}
    if domain == "form":
        errors = tuple(
            FieldError(field, c, {"fr": f, "en": e}, d) for (field, c, f, e, d) in (fields or [])
        )
        return FormError(code, messages, details, errors)
    return _BY_DOMAIN.get(domain, ApartError)(code, messages, details)


def input_error(code: str, fr: str, en: str, **details: Detail) -> InputError:
    """An :class:`InputError` raised by the pure-Python layer."""
    return InputError(code, {"fr": fr, "en": en}, details)


for _cls in (*_BY_DOMAIN.values(), FormError, FieldError):
    # Shown as `apart.SiretError` in tracebacks; pickle finds them there too.
    _cls.__module__ = "apart"
