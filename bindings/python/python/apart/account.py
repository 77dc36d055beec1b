"""The establishment space and its users (spec ``lifecycle.md`` §1): login, secret answers,
the account form and the habilitation helpers. The machines themselves (``apart.onboarding``,
``apart.credential``, ``apart.habilitation``, ``apart.mandate``) are in :mod:`apart.machine`.

Records are the machines' snapshots as JSON text, as the caller stores them.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from . import _native
from ._convert import items, json_text, to_instant
from ._errors import AccountError
from ._native import Actor, Application, Argon2idHasher, Entropy, LoginOutcome, Role

__all__ = [
    "Application",
    "Role",
    "Argon2idHasher",
    "LoginOutcome",
    "authenticate",
    "check_secret_answer",
    "AccountForm",
    "request_facts",
    "others_live",
    "transfer_principal",
    "authorised_establishments",
    "check_invariants",
    "AccountError",
]


def _policy(value: Mapping[str, Any] | None) -> str | None:
    return None if value is None else json_text(value, "policy")


def authenticate(
    credential: str | None,
    verify_password: Callable[[], bool] | bool,
    habilitations: Sequence[str],
    application: Application | str,
    now: _dt.datetime,
    *,
    counter: Mapping[str, Any] | None = None,
    throttle: Mapping[str, Any] | None = None,
) -> LoginOutcome:
    """One login attempt (spec §1.7). ``credential`` is the snapshot of the credential the
    identifier names, or ``None`` (then ``counter`` is the caller's attempt counter for that
    identifier). ``verify_password`` is called only when the core needs it (pass a callable
    to avoid hashing for a locked account)."""
    check: Callable[[], bool] = (
        verify_password if callable(verify_password) else (lambda: bool(verify_password))
    )
    return _native.authenticate(
        credential,
        _policy(counter),
        _policy(throttle),
        check,
        items(habilitations, "habilitations"),
        application,
        to_instant(now),
    )


def check_secret_answer(
    hasher: Argon2idHasher,
    answer: str,
    stored: Mapping[str, Any] | str,
    now: _dt.datetime,
    *,
    counter: Mapping[str, Any] | None = None,
) -> tuple[AccountError | None, dict[str, Any]]:
    """Checks a normalised secret answer against its stored hash, with the throttle: the
    error (or ``None``) and the attempt counter to store."""
    stored_json = stored if isinstance(stored, str) else json_text(stored, "stored")
    error, new_counter = _native.check_secret_answer(
        hasher, answer, stored_json, _policy(counter), to_instant(now)
    )
    result: dict[str, Any] = json.loads(new_counter)
    return error, result


class AccountForm:
    """« Création de compte d'accès à l'extranet »: every field checked at once.

    ``AccountForm.validate(fields)`` raises :class:`apart.FormError` (``FORM_INVALID``, with
    ``errors`` for each refused field) or gives a valid form; :meth:`seal` hashes the secret
    answer and returns the ``AccountRequest`` for onboarding's ``SubmitAccountForm`` event."""

    __slots__ = ("_form",)

    def __init__(self, native: _native.AccountForm) -> None:
        self._form = native

    @classmethod
    def validate(cls, fields: Mapping[str, Any]) -> AccountForm:
        return cls(_native.AccountForm.validate(fields))

    def details(self) -> dict[str, Any]:
        """The normalised establishment and user blocks, and the human check."""
        result: dict[str, Any] = json.loads(self._form.details_json())
        return result

    def seal(self, hasher: Argon2idHasher, entropy: Entropy) -> dict[str, Any]:
        """The ``AccountRequest`` (the answer only as a salted hash). Consumes the form."""
        result: dict[str, Any] = json.loads(self._form.seal(hasher, entropy))
        return result


def request_facts(
    records: Sequence[str],
    credential: str,
    siret: str,
    application: Application | str,
    mandate_active: bool,
    *,
    policy: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The outside facts of a habilitation request, computed from the stored records."""
    result: dict[str, Any] = json.loads(
        _native.request_facts(
            items(records, "records"), credential, siret, application, mandate_active,
            _policy(policy),
        )
    )
    return result


def others_live(records: Sequence[str], snapshot: str) -> int:
    return _native.others_live(items(records, "records"), snapshot)


def transfer_principal(
    from_snapshot: str,
    to_snapshot: str,
    actor: Actor | str,
    keep_access: bool,
    now: _dt.datetime,
) -> tuple[tuple[str, list[dict[str, Any]]], tuple[str, list[dict[str, Any]]]]:
    """Moves the principal role: the two new snapshots, each with its effects."""
    (a, ae), (b, be) = _native.transfer_principal(
        from_snapshot, to_snapshot, actor, keep_access, to_instant(now)
    )
    return (a, json.loads(ae)), (b, json.loads(be))


def authorised_establishments(
    records: Sequence[str], credential: str, application: Application | str, now: _dt.datetime
) -> list[str]:
    """The SIRETs ``credential`` may act for in ``application`` at ``now``."""
    return _native.authorised_establishments(
        items(records, "records"), credential, application, to_instant(now)
    )


def check_invariants(
    records: Sequence[str],
    *,
    policy: Mapping[str, Any] | None = None,
    active_mandates: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """Every violation of the invariants I1–I4 over the stored habilitations."""
    result: list[dict[str, Any]] = json.loads(
        _native.check_invariants(
            items(records, "records"), _policy(policy), items(active_mandates, "active_mandates")
        )
    )
    return result
