# The exception classes of `apart._errors`. The family classes are made at import from the
# core's `Family::ALL`; this stub is checked against them by mypy.stubtest (make test-python),
# so a new family fails the tests until it is declared here.
from collections.abc import Mapping
from typing import Any, ClassVar

__all__ = [
    "ApartError",
    "FieldError",
    "SiretError",
    "FormError",
    "MoneyError",
    "LawError",
    "IndemnityError",
    "ProcedureError",
    "AccountError",
    "MachineError",
    "InputError",
    "EntropyError",
    "InternalError",
]

Detail = str | int

class ApartError(ValueError):
    family: ClassVar[str]
    code: str
    messages: Mapping[str, str]
    details: Mapping[str, Detail]
    def __init__(
        self, code: str, messages: Mapping[str, str], details: Mapping[str, Detail] | None = None
    ) -> None: ...
    @property
    def message(self) -> str: ...
    def message_in(self, lang: str) -> str: ...
    def add_note(self, note: str, /) -> None: ...
    def to_dict(self) -> dict[str, Any]: ...

class FieldError(ApartError):
    field: str
    def __init__(
        self,
        field: str,
        code: str,
        messages: Mapping[str, str],
        details: Mapping[str, Detail] | None = None,
    ) -> None: ...

class _FormErrorBase(ApartError):
    errors: tuple[FieldError, ...]
    def __init__(
        self,
        code: str,
        messages: Mapping[str, str],
        details: Mapping[str, Detail] | None = None,
        errors: tuple[FieldError, ...] = (),
    ) -> None: ...
    def codes(self) -> list[str]: ...

BY_FAMILY: dict[str, type[ApartError]]

class SiretError(ApartError): ...
class FormError(_FormErrorBase): ...
class MoneyError(ApartError): ...
class LawError(ApartError): ...
class IndemnityError(ApartError): ...
class ProcedureError(ApartError): ...
class AccountError(ApartError): ...
class MachineError(ApartError): ...
class InputError(ApartError): ...
class EntropyError(ApartError): ...
class InternalError(ApartError): ...

def _from_native(
    record: dict[str, Any], fields: list[tuple[str, dict[str, Any]]] | None
) -> ApartError: ...
