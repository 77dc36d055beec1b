"""The exceptions of ``apart``: one class per family of the core, each with ``code``,
``message`` and fields.

Every error of the library is an :class:`ApartError`, itself a :class:`ValueError` (the input
was refused). The class says the family (``Diagnostic::family()`` in the core:
:class:`SiretError`, :class:`FormError`, :class:`InputError`, ...); ``code`` is the core's
stable machine code
(``"SIRET_INVALID_KEY"``), part of the public API; ``message`` is the French message (the
extranet's users are French employers), ``message_in("en")`` the English one; the structured
fields are in ``details`` and, when their name does not clash with an attribute, as attributes
(``err.expected``, ``err.found``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, ClassVar

from . import _native

__all__ = ["ApartError", "FieldError", *(name for _, name in _native.families())]

Detail = str | int

# pyo3's note on the error of an argument it could not convert.
_ARGUMENT_NOTE = re.compile(r"while processing '(.+)'")


class ApartError(ValueError):
    """Any error of the library: ``code``, ``family``, ``message`` (French), ``details``."""

    family: ClassVar[str] = ""

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
        self._set(messages, details or {})

    def _set(self, messages: Mapping[str, str], details: Mapping[str, Detail]) -> None:
        self.args = (messages.get("fr", self.code),)
        self.messages = dict(messages)
        self.details = dict(details)
        for name, value in self.details.items():
            if not hasattr(self, name):
                setattr(self, name, value)

    def add_note(self, note: str, /) -> None:
        """As ``BaseException.add_note``; the note of a native function's argument that could
        not be read (``while processing 'now'``) also names it as the input error's ``field``,
        with the messages the core writes about it."""
        argument = _ARGUMENT_NOTE.fullmatch(note) if isinstance(note, str) else None
        if argument is not None and "field" not in self.details:
            named = _native.error_with_field(self.code, self.details, argument[1])
            if named is not None:
                self._set(named["messages"], named["details"])
        add_note = getattr(super(), "add_note", None)  # Python 3.11+
        if add_note is not None:
            add_note(note)
        else:
            self.__notes__ = [*getattr(self, "__notes__", []), note]

    @property
    def message(self) -> str:
        """The French message (short, lowercase, no final period)."""
        return self.messages.get("fr", self.code)

    def message_in(self, lang: str) -> str:
        """The message in ``lang`` (``"fr"`` or ``"en"``; ``"fr-FR"``, ``"en_GB"`` accepted). A
        ``lang`` that is not text (``None``) is a ``TypeError``: :attr:`message` is the French
        one."""
        if not isinstance(lang, str):
            raise TypeError(f"lang must be a language tag such as 'fr' or 'en', not {lang!r}")
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
        """The core's wire form of an error (``DiagnosticRecord``): ``{"code", "family",
        "messages": {"fr", "en"}, "details"}``."""
        return {
            "code": self.code,
            "family": self.family,
            "messages": {"fr": self.message, "en": self.message_in("en")},
            "details": dict(self.details),
        }


class FieldError(ApartError):
    """One refused field of a form: ``field`` names it (inside ``FormError.errors``)."""

    family = "form"

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


class _FormErrorBase(ApartError):
    """What the ``form`` family's class adds: every refused field of a whole form."""

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


_DOCS = {
    "siret": "A SIREN, NIC, SIRET or TVA number was refused (``IDENTIFIER_*``, ``SIRET_*``, ...).",
    "form": "A form field was refused (``PHONE_*``, ``EMAIL_*``, ``TEXT_*``, ...), or a whole form"
    " (``FORM_INVALID``, with every refused field in ``errors``).",
    "input": "A value or record could not be read (a bad date, decimal, month, spelling, an unknown"
    " field, a wrong type, a float for money: ``VALUE_*``, ``INPUT_*``).",
    "internal": "A bug in the library (``INTERNAL_PANIC``): please report it with ``details``.",
}

# One class per family of the core (`Family::ALL`), named by `Family::class_name()`: generated,
# not typed by hand (the stub `_errors.pyi` is checked against them by stubtest).
BY_FAMILY: dict[str, type[ApartError]] = {}
for _family, _class_name in _native.families():
    _base: type[ApartError] = _FormErrorBase if _family == "form" else ApartError
    _doc = _DOCS.get(_family, f"An error of the core's ``{_family}`` family.")
    BY_FAMILY[_family] = type(_class_name, (_base,), {"family": _family, "__doc__": _doc})
    globals()[_class_name] = BY_FAMILY[_family]


def _from_native(
    record: dict[str, Any], fields: list[tuple[str, dict[str, Any]]] | None
) -> ApartError:
    """Builds the exception of a core error from its ``DiagnosticRecord`` (``code``, ``family``,
    ``messages``, ``details``; called by ``apart._native``)."""
    args = (record["code"], record["messages"], record["details"])
    cls = BY_FAMILY.get(record["family"], ApartError)
    if fields is not None:
        errors = tuple(FieldError(f, r["code"], r["messages"], r["details"]) for f, r in fields)
        return cls(*args, errors)  # type: ignore[call-arg]
    return cls(*args)


for _cls in (ApartError, *BY_FAMILY.values(), FieldError):
    # Shown as `apart.SiretError` in tracebacks; pickle finds them there too.
    _cls.__module__ = "apart"
