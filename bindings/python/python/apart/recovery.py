"""Recovery of identifiers and passwords, and one-time tokens (spec ``lifecycle.md`` §2).

Tokens are records (the token machine's snapshots, JSON text) that the caller stores; the
secret goes out by e-mail only and is never stored. Requests answer the same way whether or
not the account exists (``public``), so that nobody can probe for accounts. Randomness comes
from an :class:`Entropy` (the operating system's, or a fixed pattern for tests).
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

from . import _native
from ._convert import items, json_text, to_instant
from ._errors import AccountError
from ._native import (
    Entropy,
    IssuedToken,
    Purpose,
    Redemption,
    RequestOutcome,
    ResetCompletion,
    RevokeReason,
)

__all__ = [
    "Entropy",
    "Purpose",
    "RevokeReason",
    "RequestOutcome",
    "IssuedToken",
    "Redemption",
    "ResetCompletion",
    "request_password_reset",
    "request_identifier_reminder",
    "issue",
    "activation_email",
    "token_id",
    "redeem",
    "revoke_all",
    "complete_password_reset",
    "complete_activation",
    "DEFAULT_POLICIES",
    "AccountError",
]

DEFAULT_POLICIES: dict[str, dict[str, Any]] = {
    name: json.loads(text) for name, text in _native.default_policies()
}
"""The core's default ``TokenPolicy``, ``ResetRequestPolicy``, ``LoginThrottlePolicy`` and
``HabilitationPolicy``, as dicts (pass a modified copy as ``policy=`` to change one)."""


def _policy(value: Mapping[str, Any] | None) -> str | None:
    return None if value is None else json_text(value, "policy")


def request_password_reset(
    account: tuple[str, str, Sequence[_dt.datetime], Sequence[str]] | None,
    entropy: Entropy,
    now: _dt.datetime,
    *,
    limits: Mapping[str, Any] | None = None,
    policy: Mapping[str, Any] | None = None,
) -> RequestOutcome:
    """« Mot de passe oublié ». ``account`` is ``(identifier, email, recent_requests, tokens)``
    of the credential the identifier names, or ``None`` when no credential has it."""
    native = None
    if account is not None:
        identifier, email, recent, tokens = account
        native = (
            identifier,
            email,
            [to_instant(t, "recent_requests") for t in items(recent, "recent_requests")],
            items(tokens, "tokens"),
        )
    return _native.request_password_reset(
        native, _policy(limits), _policy(policy), entropy, to_instant(now)
    )


def request_identifier_reminder(
    account: tuple[str, Sequence[str], Sequence[_dt.datetime]] | None,
    entropy: Entropy,
    now: _dt.datetime,
    *,
    limits: Mapping[str, Any] | None = None,
) -> RequestOutcome:
    """« Identifiant oublié ». ``account`` is ``(email, identifiers, recent_requests)`` or
    ``None`` for an unknown address."""
    native = None
    if account is not None:
        email, identifiers, recent = account
        native = (
            email,
            items(identifiers, "identifiers"),
            [to_instant(t, "recent_requests") for t in items(recent, "recent_requests")],
        )
    return _native.request_identifier_reminder(native, _policy(limits), entropy, to_instant(now))


def issue(
    subject: str,
    purpose: Purpose | str,
    entropy: Entropy,
    now: _dt.datetime,
    *,
    existing: Sequence[str] = (),
    policy: Mapping[str, Any] | None = None,
) -> IssuedToken:
    """A new token for ``subject``, superseding its active tokens of the same purpose."""
    return _native.issue_token(
        subject, purpose, _policy(policy), items(existing, "existing"), entropy, to_instant(now)
    )


def activation_email(
    identifier: str,
    email: str,
    entropy: Entropy,
    now: _dt.datetime,
    *,
    existing: Sequence[str] = (),
    policy: Mapping[str, Any] | None = None,
) -> tuple[IssuedToken, dict[str, Any]]:
    """The activation token and its e-mail (``{"to", "body", "warnings"}``)."""
    issued, mail = _native.activation_email(
        identifier, email, _policy(policy), items(existing, "existing"), entropy, to_instant(now)
    )
    mail_dict: dict[str, Any] = json.loads(mail)
    return issued, mail_dict


def token_id(link: str) -> str:
    """The token id of an e-mailed link (to find its record); ``TOKEN_INVALID`` if malformed."""
    return _native.token_id(link)


def redeem(
    link: str,
    purpose: Purpose | str,
    record: str | None,
    now: _dt.datetime,
    *,
    policy: Mapping[str, Any] | None = None,
) -> Redemption:
    """Redeems the secret of an e-mailed link against its stored record (``None`` if none)."""
    return _native.redeem(link, purpose, record, _policy(policy), to_instant(now))


def revoke_all(
    tokens: Sequence[str], subject: str, reason: RevokeReason | str, now: _dt.datetime
) -> list[str]:
    """Revokes every active token of ``subject``: the records to store."""
    return _native.revoke_all(items(tokens, "tokens"), subject, reason, to_instant(now))


def complete_password_reset(
    link: str,
    token: str | None,
    credential: str,
    answer: str | None,
    hasher: _native.Argon2idHasher,
    now: _dt.datetime,
    *,
    secret_attempts: Mapping[str, Any] | None = None,
    policy: Mapping[str, Any] | None = None,
) -> ResetCompletion:
    """The last step of « mot de passe oublié »: the link, then the secret answer."""
    return _native.complete_password_reset(
        link,
        token,
        credential,
        answer,
        hasher,
        _policy(secret_attempts),
        _policy(policy),
        to_instant(now),
    )


def complete_activation(
    link: str,
    token: str | None,
    credential: str,
    now: _dt.datetime,
    *,
    policy: Mapping[str, Any] | None = None,
) -> ResetCompletion:
    """The activation of a new credential: the e-mailed link, then ``SetInitialPassword``
    (the only way to send it: it needs the token's redemption). Set the chosen password when
    ``error`` is ``None``."""
    return _native.complete_activation(link, token, credential, _policy(policy), to_instant(now))
