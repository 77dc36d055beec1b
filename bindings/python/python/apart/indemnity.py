"""The employee indemnity, the employer allocation, CSG/CRDS and monthly claims (spec
``indemnity.md``), with the reasons of every figure.

>>> from decimal import Decimal
>>> from apart.indemnity import EmployeeMonth, compute
>>> out = compute(EmployeeMonth("2026-01", gross_monthly=3000, hours_not_worked=70))
>>> out.employee_indemnity, out.employer_allocation
(Decimal('830.90'), Decimal('599.90'))
"""

from __future__ import annotations

import datetime as _dt
import decimal
import enum
import json
from collections.abc import Iterable, Mapping
import dataclasses
from dataclasses import dataclass, field
from typing import Any, TypeVar

from . import _native
from ._convert import DecimalLike, date_to_text
from ._errors import IndemnityError
from ._record import Record
from .law import LawBook
from .money import Month, RoundingPolicy, to_decimal

__all__ = [
    "Regime",
    "Category",
    "Territory",
    "Overtime",
    "FullTimeFloor",
    "RoundingPolicy",
    "EmployeeMonth",
    "Options",
    "Outcome",
    "Contributions",
    "RefusedHours",
    "Step",
    "StepValue",
    "Warning",
    "ClaimLine",
    "ClaimTotals",
    "ClaimOutcome",
    "compute",
    "compute_claim",
    "contributions",
    "IndemnityError",
    "LEGAL_MONTHLY_HOURS",
    "MAX_MONTHLY_HOURS",
    "MAX_MONTHLY_PAY",
]

D = decimal.Decimal


_CONSTANTS = {name: D(value) for name, value in _native.indemnity_constants()}
LEGAL_MONTHLY_HOURS: D = _CONSTANTS["LEGAL_MONTHLY_HOURS"]
"""The legal monthly duration, 151.67 h (35 h × 52 / 12)."""
MAX_MONTHLY_HOURS: D = _CONSTANTS["MAX_MONTHLY_HOURS"]
"""The most hours a month can hold (31 × 24): larger inputs are refused."""
MAX_MONTHLY_PAY: D = _CONSTANTS["MAX_MONTHLY_PAY"]
"""The largest monthly pay accepted (a guard against unit mistakes)."""


class Regime(enum.Enum):
    DROIT_COMMUN = "droit_commun"
    APLD = "apld"
    APLD_REBOND = "apld_rebond"
    COVID_PROTECTED = "covid_protected"
    COVID_CLOSED = "covid_closed"
    COVID_VULNERABLE = "covid_vulnerable"
    COVID_CHILDCARE = "covid_childcare"
    MAYOTTE_CHIDO = "mayotte_chido"


class Category(enum.Enum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    TEMPORARY = "temporary"
    PERMANENT_TEMPORARY = "permanent_temporary"
    APPRENTICE = "apprentice"
    PROFESSIONALISATION_CONTRACT = "professionalisation_contract"
    FREELANCE_JOURNALIST = "freelance_journalist"
    SALES_REPRESENTATIVE = "sales_representative"


class Territory(enum.Enum):
    MAINLAND = "mainland"
    MAYOTTE = "mayotte"
    ALSACE_MOSELLE = "alsace_moselle"


class Overtime(enum.Enum):
    """Whether structural overtime counts in the hourly reference and the hours compensated."""

    NOT_COUNTED = "not_counted"
    STRUCTURAL = "structural"


class FullTimeFloor(enum.Enum):
    """The floor of a full-timer's hourly indemnity: by the period of the hours (default: the
    hourly floor until 2022-12-31, the RMM only from 2023), the RMM only, or the hourly one."""

    BY_PERIOD = "by_period"
    RMM_ONLY = "rmm_only"
    HOURLY = "hourly"


E = TypeVar("E", bound=enum.Enum)


def _enum(cls: type[E], value: E | str | None, name: str) -> E | None:
    """The member for ``value``: the member itself, or its spelling read by the core (the
    canonical ``snake_case`` or the kebab-case form; anything else is ``InputError``
    ``VALUE_UNKNOWN_VARIANT``)."""
    if value is None or isinstance(value, cls):
        return value
    return cls(_native.spelling(cls.__name__, value, name))


def _dec(value: DecimalLike | None, kind: str, name: str) -> D | None:
    return None if value is None else to_decimal(value, kind, name)  # type: ignore[arg-type]


def _month(value: Month | str) -> Month:
    return value if isinstance(value, Month) else Month.parse(value)


def _date(value: _dt.date | str | None, name: str) -> _dt.date | None:
    if value is None or (isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)):
        return value
    return _dt.date.fromisoformat(date_to_text(value, name))


@dataclass(frozen=True, init=False)
class EmployeeMonth(Record):
    """One employee's month of activité partielle: the input of :func:`compute`.

    Amounts, hours and rates accept ``Decimal``, ``int`` or ``str`` and are stored as ``Decimal``;
    ``None`` leaves a field to the core's default (``contract_hours``: the legal 151.67 h)."""

    month: Month
    gross_monthly: D
    hours_not_worked: D
    employee: str | None
    hours_date: _dt.date | None
    variable_pay_average: D | None
    contract_hours: D | None
    days_not_worked: D | None
    training_hours: D | None
    net_hourly_pay: D | None
    regime: Regime | None
    category: Category | None
    territory: Territory | None
    overtime: Overtime | None
    apld_majorated_by: Regime | None
    hours_used_this_year: D | None
    net_pay_worked: D | None
    rmm_net: D | None
    apld_period_months: int | None
    apld_hours_used: D | None
    apld_months_used: int | None
    apld_exceptional_reduction: bool | None
    complement_rate: D | None
    complement_amount: D | None

    def __init__(
        self,
        month: Month | str,
        gross_monthly: DecimalLike,
        hours_not_worked: DecimalLike = 0,
        *,
        employee: str | None = None,
        hours_date: _dt.date | None = None,
        variable_pay_average: DecimalLike | None = None,
        contract_hours: DecimalLike | None = None,
        days_not_worked: DecimalLike | None = None,
        training_hours: DecimalLike | None = None,
        net_hourly_pay: DecimalLike | None = None,
        regime: Regime | str | None = None,
        category: Category | str | None = None,
        territory: Territory | str | None = None,
        overtime: Overtime | str | None = None,
        apld_majorated_by: Regime | str | None = None,
        hours_used_this_year: DecimalLike | None = None,
        net_pay_worked: DecimalLike | None = None,
        rmm_net: DecimalLike | None = None,
        apld_period_months: int | None = None,
        apld_hours_used: DecimalLike | None = None,
        apld_months_used: int | None = None,
        apld_exceptional_reduction: bool | None = None,
        complement_rate: DecimalLike | None = None,
        complement_amount: DecimalLike | None = None,
    ) -> None:
        values: dict[str, Any] = {
            "month": _month(month),
            "gross_monthly": to_decimal(gross_monthly, "amount", "gross_monthly"),
            "hours_not_worked": to_decimal(hours_not_worked, "hours", "hours_not_worked"),
            "employee": employee,
            "hours_date": _date(hours_date, "hours_date"),
            "variable_pay_average": _dec(variable_pay_average, "amount", "variable_pay_average"),
            "contract_hours": _dec(contract_hours, "hours", "contract_hours"),
            "days_not_worked": _dec(days_not_worked, "hours", "days_not_worked"),
            "training_hours": _dec(training_hours, "hours", "training_hours"),
            "net_hourly_pay": _dec(net_hourly_pay, "hourly", "net_hourly_pay"),
            "regime": _enum(Regime, regime, "regime"),
            "category": _enum(Category, category, "category"),
            "territory": _enum(Territory, territory, "territory"),
            "overtime": _enum(Overtime, overtime, "overtime"),
            "apld_majorated_by": _enum(Regime, apld_majorated_by, "apld_majorated_by"),
            "hours_used_this_year": _dec(hours_used_this_year, "hours", "hours_used_this_year"),
            "net_pay_worked": _dec(net_pay_worked, "amount", "net_pay_worked"),
            "rmm_net": _dec(rmm_net, "amount", "rmm_net"),
            "apld_period_months": apld_period_months,
            "apld_hours_used": _dec(apld_hours_used, "hours", "apld_hours_used"),
            "apld_months_used": apld_months_used,
            "apld_exceptional_reduction": apld_exceptional_reduction,
            "complement_rate": _dec(complement_rate, "rate", "complement_rate"),
            "complement_amount": _dec(complement_amount, "amount", "complement_amount"),
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> EmployeeMonth:
        """From the core's JSON shape (decimals as text, dates in ISO 8601)."""
        known = dict(data)
        return cls(known.pop("month"), known.pop("gross_monthly"), known.pop("hours_not_worked", 0), **known)

    def to_dict(self) -> dict[str, Any]:
        """The core's JSON shape, without the fields left to the core's defaults."""
        return {k: v for k, v in super().to_dict().items() if v is not None}


@dataclass(frozen=True)
class Options(Record):
    """How to compute: the rounding policy, the full-time floor, whether to explain, and
    whether a date after the law's verified date is an error (``strict_law_dates``) rather
    than computed with the values in force and a warning."""

    rounding: RoundingPolicy = RoundingPolicy.PER_HOUR
    full_time_floor: FullTimeFloor = FullTimeFloor.BY_PERIOD
    explain: bool = False
    strict_law_dates: bool = False

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Options:
        return cls(
            RoundingPolicy(data.get("rounding", "per_hour")),
            FullTimeFloor(data.get("full_time_floor", "by_period")),
            data.get("explain", "off") in ("on", True),
            bool(data.get("strict_law_dates", False)),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "rounding": self.rounding.value,
            "full_time_floor": self.full_time_floor.value,
            "explain": "on" if self.explain else "off",
            "strict_law_dates": self.strict_law_dates,
        }


@dataclass(frozen=True)
class RefusedHours(Record):
    hours: D
    reason: str


@dataclass(frozen=True)
class Contributions(Record):
    """CSG, CRDS and the écrêtement of an indemnity (each levy rounded to the cent)."""

    base: D
    csg_deductible: D
    csg_non_deductible: D
    crds: D
    alsace_moselle: D
    before_ecretement: D
    ecretement: D
    total: D
    net_indemnity: D

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Contributions:
        return cls(**{k: D(v) for k, v in data.items()})


@dataclass(frozen=True)
class StepValue(Record):
    name: str
    value: str


@dataclass(frozen=True)
class Step(Record):
    """One step of the explanation: the rule, in French and English, its values, its source
    (the legal text or table row) and its rounding."""

    rule: str
    fr: str
    en: str
    values: list[StepValue]
    source: str
    rounding: str

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Step:
        values = [StepValue(v["name"], v["value"]) for v in data["values"]]
        return cls(data["rule"], data["fr"], data["en"], values, data["source"], data["rounding"])


@dataclass(frozen=True)
class Warning(Record):
    """Something the caller should know (hours refused, quota exceeded, an unconfirmed
    parameter): a stable ``code``, its fields, and a message in French or English."""

    code: str
    details: dict[str, str] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return self.message_in("fr")

    def message_in(self, lang: str) -> str:
        return _native.warning_message(json.dumps(self.to_dict()), lang)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, **self.details}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Warning:
        # `messages` is derived from the code and fields: read again through `message_in`.
        rest = {k: v for k, v in data.items() if k not in ("code", "messages")}
        return cls(data["code"], rest)


def _opt(value: str | None) -> D | None:
    return None if value is None else D(value)


@dataclass(frozen=True)
class Outcome(Record):
    """One employee-month computed: every intermediate figure, the amounts, the warnings and
    (with ``Options(explain=True)``) the explanation."""

    month: Month
    parameters_date: _dt.date
    law_as_of: _dt.date
    regime: Regime
    rounding: RoundingPolicy
    smic_hourly: D
    hourly_reference_raw: D
    hourly_reference: D
    indemnity_ceiling: D | None
    allocation_ceiling: D
    hourly_reference_capped: D
    employee_hourly_indemnity: D
    employer_hourly_allocation: D
    hours_not_worked: D
    hours_compensated: D
    hours_refused: list[RefusedHours]
    hours_allocated: D
    employee_indemnity: D
    rmm_complement: D
    conventional_complement: D
    conventional_complement_as_pay: D
    employer_allocation: D
    rest_payable_by_employer: D
    contributions: Contributions | None
    warnings: list[Warning]
    explanation: list[Step]
    employee: str | None = None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Outcome:
        return cls(
            month=Month.parse(d["month"]),
            parameters_date=_dt.date.fromisoformat(d["parameters_date"]),
            law_as_of=_dt.date.fromisoformat(d["law_as_of"]),
            regime=Regime(d["regime"]),
            rounding=RoundingPolicy(d["rounding"]),
            smic_hourly=D(d["smic_hourly"]),
            hourly_reference_raw=D(d["hourly_reference_raw"]),
            hourly_reference=D(d["hourly_reference"]),
            indemnity_ceiling=_opt(d.get("indemnity_ceiling")),
            allocation_ceiling=D(d["allocation_ceiling"]),
            hourly_reference_capped=D(d["hourly_reference_capped"]),
            employee_hourly_indemnity=D(d["employee_hourly_indemnity"]),
            employer_hourly_allocation=D(d["employer_hourly_allocation"]),
            hours_not_worked=D(d["hours_not_worked"]),
            hours_compensated=D(d["hours_compensated"]),
            hours_refused=[RefusedHours(D(r["hours"]), r["reason"]) for r in d["hours_refused"]],
            hours_allocated=D(d["hours_allocated"]),
            employee_indemnity=D(d["employee_indemnity"]),
            rmm_complement=D(d["rmm_complement"]),
            conventional_complement=D(d["conventional_complement"]),
            conventional_complement_as_pay=D(d["conventional_complement_as_pay"]),
            employer_allocation=D(d["employer_allocation"]),
            rest_payable_by_employer=D(d["rest_payable_by_employer"]),
            contributions=(
                None if d.get("contributions") is None else Contributions.from_dict(d["contributions"])
            ),
            warnings=[Warning.from_dict(w) for w in d["warnings"]],
            explanation=[Step.from_dict(s) for s in d["explanation"]],
            employee=d.get("employee"),
        )

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        if out.get("employee") is None:
            out.pop("employee", None)
        return out


@dataclass(frozen=True)
class ClaimLine(Record):
    """One employee of a claim: the outcome, or the error that refused the line."""

    index: int
    employee: str | None
    outcome: Outcome | None
    error_code: str | None
    error_message: str | None


@dataclass(frozen=True)
class ClaimTotals(Record):
    employees: int
    employees_refused: int
    hours_not_worked: D
    hours_compensated: D
    hours_allocated: D
    employee_indemnity: D
    rmm_complement: D
    employer_allocation: D
    rest_payable_by_employer: D


@dataclass(frozen=True)
class ClaimOutcome(Record):
    """A monthly claim (DI) computed: one line per employee, and the totals."""

    month: Month
    lines: list[ClaimLine]
    totals: ClaimTotals

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ClaimOutcome:
        t = d["totals"]
        totals = ClaimTotals(
            t["employees"],
            t["employees_refused"],
            *(D(t[k]) for k in (
                "hours_not_worked",
                "hours_compensated",
                "hours_allocated",
                "employee_indemnity",
                "rmm_complement",
                "employer_allocation",
                "rest_payable_by_employer",
            )),
        )
        lines = [
            ClaimLine(
                line["index"],
                line.get("employee"),
                None if line.get("outcome") is None else Outcome.from_dict(line["outcome"]),
                line.get("error_code"),
                line.get("error_message"),
            )
            for line in d["lines"]
        ]
        return cls(Month.parse(d["month"]), lines, totals)


def _book(book: LawBook | None) -> _native.LawBook | None:
    return None if book is None else book._native


def _employee(e: EmployeeMonth | Mapping[str, Any]) -> Mapping[str, Any]:
    """What the core reads: a record's fields (decimals, dates and enums as they are), or the
    caller's mapping untouched (the core reads ``int``, ``Decimal``, text, dates and enums,
    refuses floats and unknown keys)."""
    if isinstance(e, EmployeeMonth):
        return {
            f.name: str(v) if isinstance(v, Month) else v
            for f in dataclasses.fields(e)
            if (v := getattr(e, f.name)) is not None
        }
    return e


def _options(options: Options | Mapping[str, Any]) -> Mapping[str, Any]:
    """What the core reads: an :class:`Options`' fields, or the caller's mapping untouched
    (unknown keys and misspelt values refused by the core)."""
    return options.to_dict() if isinstance(options, Options) else options


def compute(
    employee: EmployeeMonth | Mapping[str, Any],
    options: Options | Mapping[str, Any] = Options(),
    *,
    book: LawBook | None = None,
) -> Outcome:
    """One employee, one month (parameters of the date of the hours not worked). Raises
    :class:`apart.IndemnityError`."""
    out = _native.compute(_employee(employee), _options(options), _book(book))
    return Outcome.from_dict(json.loads(out))


def compute_claim(
    month: Month | str,
    employees: Iterable[EmployeeMonth | Mapping[str, Any]],
    options: Options | Mapping[str, Any] = Options(),
    *,
    book: LawBook | None = None,
) -> ClaimOutcome:
    """A whole claim in one call (the GIL is released while Rust computes). A refused
    employee is a line with its error code, not an exception."""
    data = [_employee(e) for e in employees]
    out = _native.compute_claim(str(month), data, _options(options), _book(book))
    return ClaimOutcome.from_dict(json.loads(out))


def contributions(
    at: _dt.date,
    territory: Territory | str,
    indemnity: DecimalLike,
    net_pay_worked: DecimalLike,
    *,
    book: LawBook | None = None,
) -> Contributions:
    """CSG, CRDS and the écrêtement of an indemnity paid for hours not worked at ``at``."""
    out = _native.contributions(
        at,
        territory.value if isinstance(territory, Territory) else territory,
        indemnity,
        net_pay_worked,
        _book(book),
    )
    return Contributions.from_dict(json.loads(out))
