"""The procedure (spec ``lifecycle.md`` §3): the authorisation request (DA, machine
``apart.da``), the monthly claims (DI, ``apart.di``) and the assistance request
(``apart.assistance``), the recap documents, DI codes and the dated rules.

The machines are driven through :mod:`apart.machine` like every other lifecycle; this module has
what is not a transition: creating a DI under its DA, recaps, codes, deadlines. Every rule
takes ``book``: a caller's law book (default: the built-in law); dates are ``datetime.date``
(or ISO text), instants aware ``datetime``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

from . import _native
from ._errors import ProcedureError
from ._native import (
    AssistanceMotive,
    Choice,
    DaStateInfo,
    DiStateInfo,
    EmployerStatus,
    Motive,
    Recap,
    RecapKind,
    annual_quota,
    annual_quota_hours,
    check_duration,
    claim_deadline_months,
    claims_last_day,
    create_di,
    da_motives,
    assistance_motives,
    decision_delay_days,
    di_code_matches,
    find_di_code,
    implicit_acceptance_at,
    last_filing_day,
    late_filing_days,
    mask_iban,
    max_duration,
    parse_di_code,
    period_contains,
    period_days,
    period_intersection,
    recap,
    recap_of_di_with_claim,
)

__all__ = [
    "Motive",
    "AssistanceMotive",
    "RecapKind",
    "Recap",
    "recap",
    "recap_of_di_with_claim",
    "decision_delay_days",
    "late_filing_days",
    "max_duration",
    "claim_deadline_months",
    "annual_quota",
    "create_di",
    "parse_di_code",
    "di_code_matches",
    "find_di_code",
    "last_filing_day",
    "claims_last_day",
    "annual_quota_hours",
    "implicit_acceptance_at",
    "check_duration",
    "period_days",
    "Period",
    "period_intersection",
    "period_contains",
    "mask_iban",
    "AssistanceForm",
    "ProcedureError",
    "MOTIVE_LABELS",
    "DaStateInfo",
    "DiStateInfo",
    "EmployerStatus",
    "Choice",
    "da_motives",
    "assistance_motives",
    "DA_STATES",
    "DI_STATES",
    "di_state_of_extranet_code",
    "ASSISTANCE_MOTIVE_LABELS",
]


MOTIVE_LABELS: dict[str, str] = {m.value: m.label for m in Motive}
"""The French label of each DA motive, as the extranet shows it."""
ASSISTANCE_MOTIVE_LABELS: dict[str, str] = {m.value: m.label for m in AssistanceMotive}
"""The French label of each assistance motive, as the seed's form shows it."""


DA_STATES: dict[str, DaStateInfo] = {s.name: s for s in _native.da_states()}
"""Every DA state by name (the ``apart.da`` machine's state names)."""
DI_STATES: dict[str, DiStateInfo] = {s.name: s for s in _native.di_states()}
"""Every DI state by name (the ``apart.di`` machine's state names)."""


def di_state_of_extranet_code(code: int) -> str | None:
    """The DI state whose extranet status code is ``code`` (``9`` is ``Validated``); ``code``
    not an ``int``: :class:`apart.InputError` ``INPUT_WRONG_TYPE``."""
    if not isinstance(code, int) or isinstance(code, bool):
        raise _native.wrong_type(code, "code", "an integer")
    return next((s.name for s in DI_STATES.values() if s.extranet_code == code), None)


Period = tuple[_dt.date, _dt.date]
"""A period of days, both ends included: ``(start, end)``."""


class AssistanceForm:
    """« Demande d'assistance »: build the form (``preselected`` or ``handed_over`` from
    another flow, or from the fields), then :meth:`validate` checks every field at once."""

    __slots__ = ("fields",)

    def __init__(self, fields: Mapping[str, Any]) -> None:
        if not isinstance(fields, Mapping):
            raise _native.wrong_type(fields, "fields", "an object")
        self.fields: dict[str, Any] = dict(fields)

    @classmethod
    def preselected(cls, motive: AssistanceMotive | str) -> AssistanceForm:
        return cls(_native.assistance_form_preselected(motive))

    @classmethod
    def handed_over(cls, motive: str, siret: str | None = None) -> AssistanceForm:
        """The form opened by another flow (onboarding), with its motive name and SIRET."""
        return cls(_native.assistance_form_handed_over(motive, siret))

    def validate(self, human_check_at: _dt.datetime | None) -> dict[str, Any]:
        """The ``AssistanceRequest`` (the ``Submit`` event's content), or
        :class:`apart.FormError` ``FORM_INVALID`` listing every refused field."""
        return _native.assistance_form_validate(self.fields, human_check_at)

    def __repr__(self) -> str:
        return f"AssistanceForm({self.fields!r})"
