"""Arguments of functions refused with the core's typed errors, never with Python's or pyo3's
own exceptions: a misspelt option (``VALUE_UNKNOWN_VARIANT``), an integer out of range
(``VALUE_OUT_OF_RANGE``), text where a list is wanted (``INPUT_WRONG_TYPE``); and the values a
dict or record may hold (``Decimal``, ``Month``) read as records read them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

import apart
from apart import _native, account, forms, procedure, recovery, siret
from apart.account import Application, Argon2idHasher
from apart.indemnity import EmployeeMonth, compute, compute_claim, compute_claim_csv
from apart.machine import Actor
from apart._convert import json_text
from apart.money import Month
from apart.procedure import Motive, RecapKind
from apart.recovery import Entropy, Purpose, RevokeReason
from test_procedure import DA_CONTEXT

NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.timezone.utc)
PLACEMENT = dt.date(2022, 3, 1)



def _machine(machine_id: str) -> apart.Machine:
    m = apart.machine_by_id(machine_id)
    assert m is not None
    return m


def _da() -> str:
    return _machine("apart.da").new_snapshot(DA_CONTEXT)


def _credential() -> str:
    return _machine("apart.credential").new_snapshot(
        {"identifier": "ID12345", "email": "paie@exemple.fr", "nom": "Martin", "prenom": "Claire"}
    )


def _token() -> str:
    return recovery.issue("c", Purpose.PASSWORD_RESET, Entropy.fixed(bytes(range(1, 40))), NOW).token


def _d2() -> str:
    return _da()


# (what, option class, field, call with the misspelt value): one row per function taking an
# option of the core.
ENUM_CALLS: list[tuple[str, type[Any], str, Callable[[Any], object]]] = [
    ("da.apply", Actor, "actor", lambda v: _machine("apart.da").apply(_da(), {"type": "Submit"}, v, NOW)),
    ("da.check", Actor, "actor", lambda v: _machine("apart.da").check(_da(), {"type": "Submit"}, v, NOW)),
    ("onboarding.allowed_events", Actor, "actor",
     lambda v: _machine("apart.onboarding").allowed_events(_machine("apart.onboarding").new_snapshot({}), v, NOW)),
    ("recovery.issue", Purpose, "purpose", lambda v: recovery.issue("c", v, Entropy.fixed(b"\x01"), NOW)),
    ("recovery.redeem", Purpose, "purpose", lambda v: recovery.redeem("link", v, _token(), NOW)),
    ("recovery.revoke_all", RevokeReason, "reason", lambda v: recovery.revoke_all([_token()], "c", v, NOW)),
    ("account.authenticate", Application, "application",
     lambda v: account.authenticate(_credential(), True, [], v, NOW)),
    ("account.request_facts", Application, "application",
     lambda v: account.request_facts([], "ID12345", "73282932000074", v, False)),
    ("account.authorised_establishments", Application, "application",
     lambda v: account.authorised_establishments([], "ID12345", v, NOW)),
    ("procedure.late_filing_days", Motive, "motive", lambda v: procedure.late_filing_days(v, PLACEMENT)),
    ("procedure.last_filing_day", Motive, "motive", lambda v: procedure.last_filing_day(v, PLACEMENT)),
    ("procedure.recap", RecapKind, "kind", lambda v: procedure.recap(_d2(), v)),
    ("AssistanceForm.preselected", procedure.AssistanceMotive, "motive",
     lambda v: procedure.AssistanceForm.preselected(v)),
]


@pytest.mark.parametrize(("what", "option", "field", "call"), ENUM_CALLS, ids=[c[0] for c in ENUM_CALLS])
def test_a_misspelt_option_is_the_core_s_unknown_variant(
    what: str, option: type[Any], field: str, call: Callable[[Any], object]
) -> None:
    with pytest.raises(apart.InputError) as e:
        call("principle-typo")
    assert e.value.code == "VALUE_UNKNOWN_VARIANT", what
    assert e.value.details["field"] == field
    spellings = str(e.value.details["expected"])
    assert all(member.value in spellings for member in option), spellings
    assert field in e.value.message and field in e.value.message_in("en")
    assert "principle-typo" in e.value.message_in("en")
    # Not a number either: the core's wrong type, naming the field.
    with pytest.raises(apart.InputError) as wrong:
        call(12)
    assert wrong.value.code == "INPUT_WRONG_TYPE" and wrong.value.details["field"] == field


def test_the_trial_s_misspellings() -> None:
    da = _machine("apart.da")
    with pytest.raises(apart.InputError, match="principle") as e:
        da.apply(da.new_snapshot(DA_CONTEXT), {"type": "Submit"}, "principle", NOW)
    assert e.value.code == "VALUE_UNKNOWN_VARIANT"
    with pytest.raises(apart.InputError) as e:
        recovery.redeem("link", "activaton", _token(), NOW)
    assert e.value.code == "VALUE_UNKNOWN_VARIANT"
    with pytest.raises(apart.InputError) as e:
        recovery.revoke_all([_token()], "c", "password_change", NOW)
    assert e.value.code == "VALUE_UNKNOWN_VARIANT"
    with pytest.raises(apart.InputError) as e:
        account.authenticate(_credential(), True, [], "apartt", NOW)
    assert e.value.code == "VALUE_UNKNOWN_VARIANT"
    with pytest.raises(apart.InputError) as e:
        procedure.late_filing_days("economic", PLACEMENT)
    assert e.value.code == "VALUE_UNKNOWN_VARIANT"
    with pytest.raises(apart.InputError) as e:
        procedure.recap(_da(), "di-submited")
    assert e.value.code == "VALUE_UNKNOWN_VARIANT"
    onboarding = _machine("apart.onboarding")
    with pytest.raises(apart.InputError) as e:
        onboarding.allowed_events(onboarding.new_snapshot({}), "VISITOR", NOW)
    assert e.value.code == "VALUE_UNKNOWN_VARIANT"


def test_options_take_members_snake_case_and_kebab_case() -> None:
    entropy = Entropy.fixed(bytes(range(1, 40)))
    for spelling in (Purpose.PASSWORD_RESET, "password_reset", "password-reset"):
        assert recovery.issue("c", spelling, entropy, NOW).token
    assert procedure.late_filing_days("economic-conditions", PLACEMENT) == procedure.late_filing_days(
        Motive.ECONOMIC_CONDITIONS, PLACEMENT
    )
    onboarding = _machine("apart.onboarding")
    snap = onboarding.new_snapshot({})
    assert onboarding.allowed_events(snap, "visitor", NOW) == onboarding.allowed_events(snap, Actor.VISITOR, NOW)


_HUGE = 10**30

# (what, field, call with the out-of-range integer, the integer)
INT_CALLS: list[tuple[str, str, Callable[[], object], int]] = [
    ("Month year", "year", lambda: Month(_HUGE, 1), _HUGE),
    ("Month month", "month", lambda: Month(2026, 256), 256),
    ("annual_quota_hours", "year", lambda: procedure.annual_quota_hours(_HUGE), _HUGE),
    ("annual_quota", "year", lambda: procedure.annual_quota(-(2**31) - 1), -(2**31) - 1),
    ("Generator(-1)", "seed", lambda: siret.Generator(-1), -1),
    ("Generator(2**64)", "seed", lambda: siret.Generator(2**64), 2**64),
    ("siret_strings", "count", lambda: siret.Generator(1).siret_strings(-1), -1),
    ("remaining", "max", lambda: forms.remaining("abc", -2), -2),
    ("compute_claim_csv", "max_line", lambda: compute_claim_csv("a\n", "2026-01", max_line=-1), -1),
    ("require_fresh", "max_age",
     lambda: forms.HumanCheck(NOW).require_fresh(NOW, dt.timedelta(days=999999999)),
     dt.timedelta(days=999999999) // dt.timedelta(microseconds=1)),
    ("Argon2idHasher m_cost", "m_cost", lambda: Argon2idHasher(-1, 1, 1), -1),
    ("Argon2idHasher 2**32", "m_cost", lambda: Argon2idHasher(2**32, 1, 1), 2**32),
    ("Argon2idHasher p_cost", "p_cost", lambda: Argon2idHasher(64, 1, -1), -1),
    ("Entropy.fixed", "pattern[1]", lambda: Entropy.fixed([1, 256]), 256),
    ("_rust_siret_timing", "repeat", lambda: _native._rust_siret_timing([], -1), -1),
]


@pytest.mark.parametrize(("what", "field", "call", "value"), INT_CALLS, ids=[c[0] for c in INT_CALLS])
def test_an_integer_out_of_range_is_the_core_s_out_of_range(
    what: str, field: str, call: Callable[[], object], value: int
) -> None:
    with pytest.raises(apart.InputError) as e:
        call()
    assert e.value.code == "VALUE_OUT_OF_RANGE", what
    assert e.value.details["field"] == field
    assert e.value.details["input"] == str(value)
    assert " to " in str(e.value.details["expected"]) and "de " in e.value.message


def test_an_integer_argument_of_another_type_is_a_wrong_type() -> None:
    with pytest.raises(apart.InputError) as e:
        siret.Generator("1")  # type: ignore[arg-type]
    assert e.value.code == "INPUT_WRONG_TYPE" and e.value.details["field"] == "seed"
    assert "un entier" in e.value.message
    with pytest.raises(apart.InputError) as e:
        Month(2026.0, 1)  # type: ignore[arg-type]
    assert e.value.code == "INPUT_WRONG_TYPE" and e.value.details["field"] == "year"
    # In range they work as before.
    assert Month(2026, 1).month == 1
    assert len(siret.Generator(2**64 - 1).siret_strings(3)) == 3
    assert Entropy.fixed([0, 255]) is not None


@pytest.mark.parametrize("text", ["73282932000074", b"73282932000074", bytearray(b"7328")])
def test_text_where_identifiers_are_wanted_is_a_wrong_type(text: Any) -> None:
    for call in (apart.is_valid_siret_many, apart.parse_siret_many):
        with pytest.raises(apart.InputError) as e:
            call(text)
        assert e.value.code == "INPUT_WRONG_TYPE" and e.value.details["field"] == "values"
    with pytest.raises(apart.InputError) as e:
        Entropy.fixed("abc")  # type: ignore[arg-type]
    assert e.value.code == "INPUT_WRONG_TYPE"
    assert apart.is_valid_siret_many(["73282932000074", "x"]) == [True, False]
    assert apart.is_valid_siret_many(iter(("73282932000074",))) == [True]


def test_month_objects_are_months_everywhere() -> None:
    jan = Month(2026, 1)
    assert EmployeeMonth(jan, 3000, 70) == EmployeeMonth("2026-01", 3000, 70)
    assert EmployeeMonth(month=jan, gross_monthly=3000).month == jan
    out = compute({"month": jan, "gross_monthly": 3000, "hours_not_worked": 70})
    assert out.month == jan and out == compute(EmployeeMonth("2026-01", 3000, 70))
    # What an outcome gives back is accepted again.
    assert compute({"month": out.month, "gross_monthly": 3000, "hours_not_worked": 70}) == out
    claim = compute_claim(jan, [{"month": jan, "gross_monthly": 3000, "hours_not_worked": 70}])
    assert claim.lines[0].outcome == out
    assert Month.parse(jan) == jan


def test_decimals_dates_and_months_in_dicts() -> None:
    da = _machine("apart.da")
    with_text = da.new_snapshot(DA_CONTEXT)
    with_decimal = da.new_snapshot(dict(DA_CONTEXT, request=dict(DA_CONTEXT["request"], hours=Decimal("600"))))
    assert with_decimal == with_text
    with_dates = da.new_snapshot(
        dict(
            DA_CONTEXT,
            request=dict(
                DA_CONTEXT["request"],
                period={"start": dt.date(2022, 3, 1), "end": dt.date(2022, 5, 31)},
                hours=600,
            ),
        )
    )
    assert with_dates == with_text
    # Events are read the same way; floats stay refused where money or hours are read.
    with pytest.raises(apart.InputError) as e:
        da.new_snapshot(dict(DA_CONTEXT, request=dict(DA_CONTEXT["request"], hours=600.5)))
    assert e.value.code == "VALUE_FLOAT_REFUSED" and e.value.details["field"] == "request.hours"
    # A Month and an enum member cross as their text; an event dict is read the same way.
    text = json_text({"m": Month(2026, 1), "a": Actor.ASP, "d": Decimal("1.50"), "n": [None, True, 2**64 - 1]})
    assert text == '{"m":"2026-01","a":"asp","d":"1.50","n":[null,true,18446744073709551615]}'
    # A NaN is refused, not written null (which an optional field would take).
    with pytest.raises(apart.InputError) as nan:
        da.new_snapshot(dict(DA_CONTEXT, request=dict(DA_CONTEXT["request"], hours=float("nan"))))
    assert nan.value.code == "VALUE_NOT_FINITE" and nan.value.details["field"] == "request.hours"
    late = da.check(with_decimal, {"type": "Submit"}, Actor.PRINCIPAL, NOW)
    assert late is not None and late.code == "DA_FILING_WINDOW_CLOSED"
    with pytest.raises(apart.ApartError) as wrong:
        da.new_snapshot(dict(DA_CONTEXT, reference={1, 2}))
    assert wrong.value.code == "INPUT_WRONG_TYPE"


@pytest.mark.parametrize("record", [["2026-01", "2000", "70"], ("2026-01", "2000", "70")])
def test_a_list_is_not_a_record(record: Any) -> None:
    # The user trial: a list was read by position and its extra items dropped.
    with pytest.raises(apart.InputError) as info:
        compute(record)
    assert info.value.code == "INPUT_WRONG_TYPE"
    em = EmployeeMonth("2026-01", 3000, 70)
    with pytest.raises(apart.InputError) as info:
        compute(em, ["exact", "hourly", "on", True, "extra", 1, 2, None])  # type: ignore[arg-type]
    assert info.value.code == "INPUT_WRONG_TYPE"
    assert "attendu" in info.value.message and "expected" in info.value.message_in("en")


def _nested(depth: int) -> Any:
    value: Any = []
    for _ in range(depth):
        value = {"a": value}
    return value


def _cyclic() -> Any:
    value: list[Any] = []
    value.append(value)
    return value


@pytest.mark.parametrize("make", [_cyclic, lambda: _nested(10_000), lambda: _nested(129)])
def test_a_cyclic_or_too_deep_dict_is_too_large_not_a_crash(make: Callable[[], Any]) -> None:
    # The Python trial of 2026-12-07: these overflowed the stack (SIGSEGV, exit 139). The
    # reader stops at 128 levels, the JSON reader's and the Node binding's limit.
    da = apart.machine_by_id("apart.da")
    for call in (
        lambda: da.new_snapshot({"reference": make()}),
        lambda: da.restore({"machine": make()}),
        lambda: json_text({"a": make()}),
        lambda: account.authenticate(None, True, [], "apart", NOW, counter={"a": make()}),
    ):
        with pytest.raises(apart.InputError) as info:
            call()
        assert info.value.code == "INPUT_TOO_LARGE"
        assert info.value.details["max"] == 128


def test_deep_input_is_refused_on_a_small_thread_stack() -> None:
    # A server may run requests on 256 KiB stacks; depth 200 crashed there.
    import threading

    outcome: list[object] = []

    def run() -> None:
        try:
            apart.machine_by_id("apart.da").new_snapshot({"reference": _nested(200)})
        except apart.InputError as e:
            outcome.append(e.code)

    previous = threading.stack_size(256 * 1024)
    try:
        worker = threading.Thread(target=run)
        worker.start()
        worker.join()
    finally:
        threading.stack_size(previous)
    assert outcome == ["INPUT_TOO_LARGE"]
    # 127 levels below the record are read (and refused for what they are, not their depth).
    with pytest.raises(apart.InputError) as info:
        apart.machine_by_id("apart.da").new_snapshot({"reference": _nested(126)})
    assert info.value.code == "INPUT_WRONG_TYPE"
