"""Recovery of identifiers and passwords, and one-time tokens (spec ``lifecycle.md`` §2).

Tokens are records (the token machine's snapshots, JSON text) that the caller stores; the
secret goes out by e-mail only and is never stored. Requests answer the same way whether or
not the account exists (``public``), so that nobody can probe for accounts. Randomness comes
from an :class:`Entropy` (the operating system's, or a fixed pattern for tests). Policies are
``dict``s (``None``: the core's default, :data:`DEFAULT_POLICIES`); ``now`` is an aware
``datetime``.
"""

from __future__ import annotations

from typing import Any

from . import _native
from ._errors import AccountError
from ._native import (
    Entropy,
    IssuedToken,
    Purpose,
    Redemption,
    RequestOutcome,
    ResetCompletion,
    RevokeReason,
    activation_email,
    complete_activation,
    complete_password_reset,
    issue,
    redeem,
    request_identifier_reminder,
    request_password_reset,
    revoke_all,
    token_id,
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

DEFAULT_POLICIES: dict[str, dict[str, Any]] = dict(_native.default_policies())
"""The core's default ``TokenPolicy``, ``ResetRequestPolicy``, ``LoginThrottlePolicy`` and
``HabilitationPolicy``, as dicts (pass a modified copy as ``policy=`` to change one)."""
