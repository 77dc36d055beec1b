"""The procedure (spec ``lifecycle.md`` §3): the authorisation request (DA, machine
``apart.da``), the monthly claims (DI, ``apart.di``) and the assistance request
(``apart.assistance``), the recap documents, DI codes and the dated rules.

The machines are driven through :mod:`apart.machine` like every other lifecycle; this module has
what is not a transition: creating a DI under its DA, recaps, codes, deadlines.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import json
from collections.abc import Mapping, Sequence
from typing import Any

from . import _native
from ._convert import date_to_text, from_instant, items, json_text, to_instant
from .law import LawBook, _book
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
)
from .machine import JsonLike, _json
from .indemnity import ClaimOutcome, EmployeeMonth, Options
from .money import Month

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


def da_motives() -> list[Choice]:
    """The DA motives, in the extranet's order: ``code`` and French ``label``."""
    return _native.da_motives()


def assistance_motives() -> list[Choice]:
    """The assistance form's motives, in its order: ``code`` and French ``label``."""
    return _native.assistance_motives()


def di_state_of_extranet_code(code: int) -> str | None:
    """The DI state whose extranet status code is ``code`` (``9`` is ``Validated``)."""
    return next((s.name for s in DI_STATES.values() if s.extranet_code == code), None)


def recap(
    snapshot: JsonLike, kind: RecapKind | str, *, amounts: Mapping[str, Any] | None = None
) -> Recap:
    """The recap of a DA or DI snapshot. ``amounts`` (DI only): ``{"claimed", "validated",
    "iban"}`` (decimals as text; the IBAN is masked in the document)."""
    return _native.recap(
        _json(snapshot, "snapshot"),
        kind,
        None if amounts is None else json_text(amounts, "amounts"),
    )


def recap_of_di_with_claim(
    di_snapshot: JsonLike,
    kind: RecapKind | str,
    employees: Sequence[EmployeeMonth | Mapping[str, Any]],
    options: Options | Mapping[str, Any] | None = None,
    *,
    book: LawBook | None = None,
) -> tuple[Recap, ClaimOutcome]:
    """The recap of a DI with the amounts the indemnity engine computes for its lines (one
    ``EmployeeMonth`` per line, in the DI's order), and that claim."""
    return _native.recap_of_di_with_claim(
        _json(di_snapshot, "di_snapshot"),
        kind,
        items(employees, "employees"),
        Options() if options is None else options,
        _book(book),
    )


def create_di(
    da_snapshot: JsonLike,
    code: str,
    month: Month | str,
    now: _dt.datetime,
    *,
    existing: Sequence[str] = (),
) -> str:
    """A new DI snapshot for ``month`` under an authorised DA; ``existing`` are the DIs of that
    DA already created (a month is claimed once)."""
    return _native.di_create(
        _json(da_snapshot, "da_snapshot"),
        code,
        str(month),
        items(existing, "existing"),
        to_instant(now),
    )


def parse_di_code(value: str) -> str:
    """The canonical form of a DI code as typed."""
    return _native.di_code_parse(value)


def di_code_matches(code: str, value: str) -> bool:
    return _native.di_code_matches(code, value)


def find_di_code(value: str, codes: Sequence[str]) -> str:
    """The code among ``codes`` that ``value`` names (``ProcedureError`` if none)."""
    return _native.di_code_find(value, items(codes, "codes"))


def last_filing_day(motive: Motive | str, placement: _dt.date, book: LawBook | None = None) -> _dt.date:
    """The last day a DA may be filed for employees placed in activité partielle on
    ``placement`` (late filing allowed for some motives). ``book``: a caller's law book (every
    rule of this module takes one; default: the built-in law)."""
    return _dt.date.fromisoformat(
        _native.last_filing_day(motive, date_to_text(placement, "placement"), _book(book))
    )


def claims_last_day(authorised_on: _dt.date, period_end: _dt.date, book: LawBook | None = None) -> _dt.date:
    """The last day to file the DIs of an authorisation."""
    return _dt.date.fromisoformat(
        _native.claims_last_day(
            date_to_text(authorised_on, "authorised_on"),
            date_to_text(period_end, "period_end"),
            _book(book),
        )
    )


def decision_delay_days(received_on: _dt.date, book: LawBook | None = None) -> int:
    """The days the administration has to decide a DA received on ``received_on``."""
    return _native.decision_delay_days(date_to_text(received_on, "received_on"), _book(book))


def late_filing_days(motive: Motive | str, placement: _dt.date, book: LawBook | None = None) -> int | None:
    """The days of late filing allowed for ``motive`` (``None``: the DA must come first)."""
    return _native.late_filing_days(motive, date_to_text(placement, "placement"), _book(book))


def max_duration(received_on: _dt.date, book: LawBook | None = None) -> dict[str, Any]:
    """The duration limits in force for a DA received on ``received_on``: ``{"months",
    "disaster_months", "cumulative"}``."""
    result: dict[str, Any] = json.loads(
        _native.max_duration(date_to_text(received_on, "received_on"), _book(book))
    )
    return result


def claim_deadline_months(authorised_on: _dt.date, book: LawBook | None = None) -> int:
    """The months after the period's end to file the DIs of an authorisation."""
    return _native.claim_deadline_months(date_to_text(authorised_on, "authorised_on"), _book(book))


def annual_quota(year: int, book: LawBook | None = None) -> tuple[int, int]:
    """The annual quotas of ``year`` per employee: ``(hours, works_hours)``."""
    return _native.annual_quota(year, _book(book))


def annual_quota_hours(year: int, works: bool = False, book: LawBook | None = None) -> decimal.Decimal:
    """The annual quota of hours per employee (``works``: the higher quota for works)."""
    return decimal.Decimal(_native.annual_quota_hours(year, works, _book(book)))


def implicit_acceptance_at(received_at: _dt.datetime, book: LawBook | None = None) -> tuple[_dt.datetime, int]:
    """When silence means acceptance for a DA received at ``received_at``, and the delay in
    days."""
    at, days = _native.implicit_acceptance_at(to_instant(received_at, "received_at"), _book(book))
    return from_instant(at), days


def check_duration(
    motive: Motive | str,
    requested: tuple[_dt.date, _dt.date],
    other_authorised: Sequence[tuple[_dt.date, _dt.date]],
    received_on: _dt.date,
    book: LawBook | None = None,
) -> None:
    """Raises ``DA_DURATION_EXCEEDED`` or ``DA_CUMULATIVE_DURATION_EXCEEDED`` when the
    requested period is too long on its own or with the other authorised ones."""
    _native.check_duration(
        motive,
        (date_to_text(requested[0], "start"), date_to_text(requested[1], "end")),
        [
            (date_to_text(s, "start"), date_to_text(e, "end"))
            for s, e in items(other_authorised, "other_authorised")
        ],
        date_to_text(received_on, "received_on"),
        _book(book),
    )


def period_days(start: _dt.date, end: _dt.date) -> int:
    """The number of days of a period, both ends included (``PERIOD_INVERTED`` if it ends
    before it starts)."""
    return _native.period_days(date_to_text(start, "start"), date_to_text(end, "end"))


Period = tuple[_dt.date, _dt.date]
"""A period of days, both ends included: ``(start, end)``."""


def _period(p: Period) -> tuple[str, str]:
    return date_to_text(p[0], "start"), date_to_text(p[1], "end")


def period_intersection(a: Period, b: Period) -> Period | None:
    """The days common to two periods, if any (``PERIOD_INVERTED`` for a bad period)."""
    common = _native.period_intersection(_period(a), _period(b))
    if common is None:
        return None
    return _dt.date.fromisoformat(common[0]), _dt.date.fromisoformat(common[1])


def period_contains(a: Period, b: Period) -> bool:
    """Whether period ``a`` contains period ``b``."""
    return _native.period_contains(_period(a), _period(b))


mask_iban = _native.mask_iban


class AssistanceForm:
    """« Demande d'assistance »: build the form (``preselected`` or ``handed_over`` from
    another flow, or from the fields), then :meth:`validate` checks every field at once."""

    __slots__ = ("fields",)

    def __init__(self, fields: Mapping[str, Any]) -> None:
        self.fields: dict[str, Any] = dict(fields)

    @classmethod
    def preselected(cls, motive: AssistanceMotive | str) -> AssistanceForm:
        return cls(json.loads(_native.assistance_form_preselected(motive)))

    @classmethod
    def handed_over(cls, motive: str, siret: str | None = None) -> AssistanceForm:
        """The form opened by another flow (onboarding), with its motive name and SIRET."""
        return cls(json.loads(_native.assistance_form_handed_over(motive, siret)))

    def validate(self, human_check_at: _dt.datetime | None) -> dict[str, Any]:
        """The ``AssistanceRequest`` (the ``Submit`` event's content), or
        :class:`apart.FormError` ``FORM_INVALID`` listing every refused field."""
        at = None if human_check_at is None else to_instant(human_check_at, "human_check_at")
        result: dict[str, Any] = json.loads(
            _native.assistance_form_validate(json_text(self.fields, "fields"), at)
        )
        return result

    def __repr__(self) -> str:
        return f"AssistanceForm({self.fields!r})"
