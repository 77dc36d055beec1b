"""The establishment space and its users (spec ``lifecycle.md`` §1): login, secret answers,
the account form and the habilitation helpers. The machines themselves (``apart.onboarding``,
``apart.credential``, ``apart.habilitation``, ``apart.mandate``) are in :mod:`apart.machine`.

Records are the machines' snapshots as JSON text, as the caller stores them; policies and
counters are ``dict``s (``None``: the core's default); ``now`` is an aware ``datetime``.
"""

from __future__ import annotations

from ._errors import AccountError
from ._native import (
    AccountForm,
    Application,
    Argon2idHasher,
    LoginOutcome,
    Role,
    authenticate,
    authorised_establishments,
    check_invariants,
    check_secret_answer,
    others_live,
    request_facts,
    transfer_principal,
)

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
