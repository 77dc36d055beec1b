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
    # A bool is an int in Python, but True is no year (the trial: annual_quota(True) was year 1).
    with pytest.raises(apart.InputError) as e:
        procedure.annual_quota(True)
    assert e.value.code == "INPUT_WRONG_TYPE" and e.value.details["field"] == "year"
    # An int beyond 64 bits inside a record is quoted, as an argument's is.
    with pytest.raises(apart.InputError) as e:
        forms.TextRules(0, 2**70)
    assert str(2**70) in e.value.message_in("en")
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


class _StandsForItself:
    """An object that stands for itself inside a record: read one level deeper each time."""

    def __apart_value__(self) -> object:
        return self


# `{"reference": _nested(n)}` nests n + 2 levels: 63 is one past the core's MAX_NESTING (64).
@pytest.mark.parametrize(
    "make", [_cyclic, lambda: _nested(10_000), lambda: _nested(63), _StandsForItself]
)
def test_a_cyclic_or_too_deep_dict_is_too_large_not_a_crash(make: Callable[[], Any]) -> None:
    # The Python trial of 2026-12-07: these overflowed the stack (SIGSEGV, exit 139). The
    # reader stops at 64 levels (apart::value::MAX_NESTING), as the Node binding's does.
    da = _machine("apart.da")
    for call in (
        lambda: da.new_snapshot({"reference": make()}),
        lambda: da.restore({"machine": make()}),
        lambda: json_text({"a": make()}),
        lambda: account.authenticate(None, True, [], "apart", NOW, counter={"a": make()}),
    ):
        with pytest.raises(apart.InputError) as info:
            call()
        assert info.value.code == "INPUT_TOO_LARGE"
        assert info.value.details["max"] == 64


def test_deep_input_is_refused_on_a_small_thread_stack() -> None:
    # A server may run requests on 256 KiB stacks; depth 200 crashed there.
    import threading

    outcome: list[object] = []

    def run() -> None:
        for depth in (200, 61):
            try:
                _machine("apart.da").new_snapshot({"reference": _nested(depth)})
            except apart.ApartError as e:
                outcome.append(e.code)

    previous = threading.stack_size(256 * 1024)
    try:
        worker = threading.Thread(target=run)
        worker.start()
        worker.join()
    finally:
        threading.stack_size(previous)
    # 64 levels are read (and refused for what they are, not their depth), on that stack too.
    assert outcome[0] == "INPUT_TOO_LARGE" and len(outcome) == 2, outcome
    assert outcome[1] != "INPUT_TOO_LARGE", outcome


# Every list argument of the package (module.function.argument), called with `v` in its place:
# a `str`, `bytes` or `bytearray` there is refused whole, never iterated (the Python trial of
# 2026-12-07: `compute_claim("2026-01", "employee,…")` gave one refused line per character).
_ENTROPY = Entropy.fixed(bytes(range(1, 40)))
_DAY = dt.date(2022, 2, 10)
LIST_CALLS: dict[str, tuple[str, Callable[[Any], object]]] = {
    "indemnity.compute_claim.employees": ("employees", lambda v: compute_claim("2026-01", v)),
    "procedure.create_di.existing": ("existing", lambda v: procedure.create_di(_da(), "DI-2", "2026-02", NOW, existing=v)),
    "procedure.recap_of_di_with_claim.employees": (
        "employees", lambda v: procedure.recap_of_di_with_claim(_da(), RecapKind.DI_SUBMITTED, v)),
    "procedure.find_di_code.codes": ("codes", lambda v: procedure.find_di_code("DI 0001 23", v)),
    "procedure.check_duration.other_authorised": (
        "other_authorised", lambda v: procedure.check_duration(Motive.ECONOMIC_CONDITIONS, (_DAY, _DAY), v, _DAY)),
    "account.authenticate.habilitations": ("habilitations", lambda v: account.authenticate(None, True, v, "apart", NOW)),
    "account.request_facts.records": (
        "records", lambda v: account.request_facts(v, "ID12345", "73282932000074", "apart", False)),
    "account.others_live.records": ("records", lambda v: account.others_live(v, "{}")),
    "account.authorised_establishments.records": (
        "records", lambda v: account.authorised_establishments(v, "ID12345", "apart", NOW)),
    "account.check_invariants.records": ("records", lambda v: account.check_invariants(v)),
    "account.check_invariants.active_mandates": (
        "active_mandates", lambda v: account.check_invariants([], active_mandates=v)),
    "recovery.request_password_reset.account": (
        "tokens", lambda v: recovery.request_password_reset(("ID12345", "a@b.fr", [], v), _ENTROPY, NOW)),
    "recovery.request_password_reset.account[2]": (
        "recent_requests", lambda v: recovery.request_password_reset(("ID12345", "a@b.fr", v, []), _ENTROPY, NOW)),
    "recovery.request_identifier_reminder.account": (
        "identifiers", lambda v: recovery.request_identifier_reminder(("a@b.fr", v, []), _ENTROPY, NOW)),
    "recovery.issue.existing": ("existing", lambda v: recovery.issue("c", Purpose.PASSWORD_RESET, _ENTROPY, NOW, existing=v)),
    "recovery.activation_email.existing": (
        "existing", lambda v: recovery.activation_email("ID12345", "a@b.fr", _ENTROPY, NOW, existing=v)),
    "recovery.revoke_all.tokens": ("tokens", lambda v: recovery.revoke_all(v, "c", RevokeReason.PASSWORD_CHANGED, NOW)),
    "siret.is_valid_siret_many.values": ("values", apart.is_valid_siret_many),
    "siret.parse_siret_many.values": ("values", apart.parse_siret_many),
}


@pytest.mark.parametrize("what", sorted(LIST_CALLS))
@pytest.mark.parametrize("text", ["employee,gross_monthly\nA,3000", b"abc", bytearray(b"abc"), 5])
def test_text_where_a_list_is_wanted_is_a_wrong_type(what: str, text: Any) -> None:
    field, call = LIST_CALLS[what]
    with pytest.raises(apart.InputError) as e:
        call(text)
    assert e.value.code == "INPUT_WRONG_TYPE", what
    assert e.value.details["field"] == field and "liste" in e.value.message


def test_every_list_argument_is_checked() -> None:
    # A new list argument must join LIST_CALLS (and be read by `_convert.items`).
    import inspect

    from apart import indemnity

    found = {
        f"{module.__name__.removeprefix('apart.')}.{name}.{p.name}"
        for module in (account, indemnity, procedure, recovery, siret)
        for name in module.__all__
        if inspect.isfunction(getattr(module, name))
        for p in inspect.signature(getattr(module, name)).parameters.values()
        if "Sequence[" in str(p.annotation) or "Iterable[" in str(p.annotation)
    }
    assert found <= set(LIST_CALLS), found - set(LIST_CALLS)


def test_identifiers_that_are_not_text_are_a_wrong_type() -> None:
    calls: list[tuple[str, Callable[[], object]]] = [
        ("value", lambda: siret.Siret(73282932000074)),  # type: ignore[arg-type]
        ("value", lambda: siret.Siret(None)),  # type: ignore[arg-type]
        ("value", lambda: siret.Siren(732829320)),  # type: ignore[arg-type]
        ("value", lambda: siret.Nic(None)),  # type: ignore[arg-type]
        ("value", lambda: siret.Tva(b"FR44732829320")),  # type: ignore[arg-type]
        ("value", lambda: siret.Siret.parse_strict(1)),  # type: ignore[arg-type]
        ("value", lambda: siret.detect(None)),  # type: ignore[arg-type]
        ("value", lambda: siret.is_valid_siret(None)),  # type: ignore[arg-type]
        ("prefix", lambda: siret.Siren.complete(73282932)),  # type: ignore[arg-type]
        ("values[1]", lambda: apart.is_valid_siret_many(["73282932000074", None])),  # type: ignore[list-item]
        ("values[0]", lambda: apart.parse_siret_many([73282932000074])),  # type: ignore[list-item]
    ]
    for field, call in calls:
        with pytest.raises(apart.InputError) as e:
            call()
        assert e.value.code == "INPUT_WRONG_TYPE" and e.value.details["field"] == field
        assert "un texte" in e.value.message
    assert siret.Siret("73282932000074").siren == siret.Siren("732829320")


def test_a_seal_key_is_bytes_not_text() -> None:
    m = _machine("apart.da")
    snapshot = _da()
    for key in ("k" * 32, 32, None):
        for call in (m.seal, m.open):
            with pytest.raises(apart.InputError) as e:
                call(snapshot, key)  # type: ignore[arg-type]
            assert e.value.code == "INPUT_WRONG_TYPE" and e.value.details["field"] == "key"
            assert "octets" in e.value.message
    sealed = m.seal(snapshot, b"k" * 32)
    assert m.seal(snapshot, bytearray(b"k" * 32)) == sealed == m.seal(snapshot, memoryview(b"k" * 32))
    assert m.open(sealed, bytearray(b"k" * 32)) == m.restore(snapshot)


def test_sealing_a_sealed_snapshot_is_seal_already_present() -> None:
    # The Python trial: sealing, restoring or ticking a sealed snapshot said "unknown field
    # 'seal'"; the seal's own code says to open it first.
    m = _machine("apart.da")
    sealed = m.seal(_da(), b"k" * 32)
    calls: tuple[Callable[[], object], ...] = (
        lambda: m.seal(sealed, b"k" * 32),
        lambda: m.restore(sealed),
    )
    for call in calls:
        with pytest.raises(apart.MachineError) as e:
            call()
        assert e.value.code == "SEAL_ALREADY_PRESENT"
        assert "open it" in e.value.message_in("en")


def test_a_book_that_is_not_a_law_book_is_a_wrong_type() -> None:
    import inspect

    from apart import indemnity
    from apart.law import LawBook

    em = EmployeeMonth("2026-01", 3000, 70)
    calls: dict[str, Callable[[Any], object]] = {
        "indemnity.compute": lambda b: compute(em, book=b),
        "indemnity.compute_claim": lambda b: compute_claim("2026-01", [em], book=b),
        "indemnity.compute_claim_csv": lambda b: compute_claim_csv("month,gross_monthly\n", book=b),
        "indemnity.contributions": lambda b: indemnity.contributions(_DAY, "mainland", 100, 1000, book=b),
        "procedure.recap_of_di_with_claim": lambda b: procedure.recap_of_di_with_claim(_da(), "di-submitted", [], book=b),
        "procedure.last_filing_day": lambda b: procedure.last_filing_day(Motive.ECONOMIC_CONDITIONS, _DAY, b),
        "procedure.claims_last_day": lambda b: procedure.claims_last_day(_DAY, _DAY, b),
        "procedure.decision_delay_days": lambda b: procedure.decision_delay_days(_DAY, b),
        "procedure.late_filing_days": lambda b: procedure.late_filing_days(Motive.ECONOMIC_CONDITIONS, _DAY, b),
        "procedure.max_duration": lambda b: procedure.max_duration(_DAY, b),
        "procedure.claim_deadline_months": lambda b: procedure.claim_deadline_months(_DAY, b),
        "procedure.annual_quota": lambda b: procedure.annual_quota(2026, b),
        "procedure.annual_quota_hours": lambda b: procedure.annual_quota_hours(2026, False, b),
        "procedure.implicit_acceptance_at": lambda b: procedure.implicit_acceptance_at(NOW, b),
        "procedure.check_duration": lambda b: procedure.check_duration(
            Motive.ECONOMIC_CONDITIONS, (_DAY, _DAY), [], _DAY, b),
        "Machine.with_law": lambda b: _machine("apart.da").with_law(b),
    }
    with_book = {
        f"{module.__name__.removeprefix('apart.')}.{name}"
        for module in (indemnity, procedure)
        for name in module.__all__
        if inspect.isfunction(getattr(module, name))
        and "book" in inspect.signature(getattr(module, name)).parameters
    }
    assert with_book <= set(calls), with_book - set(calls)
    for what, call in calls.items():
        for book in ("x", object()):
            with pytest.raises(apart.InputError) as e:
                call(book)
            assert e.value.code == "INPUT_WRONG_TYPE", what
            assert e.value.details["field"] == "book" and "LawBook" in e.value.message
    with pytest.raises(apart.InputError):
        _machine("apart.da").with_law(None)  # type: ignore[arg-type]
    assert compute(em, book=LawBook.builtin()) == compute(em)


def test_message_in_needs_a_language_tag() -> None:
    with pytest.raises(apart.SiretError) as e:
        siret.Siret("73282932000075")
    with pytest.raises(TypeError, match="language tag"):
        e.value.message_in(None)  # type: ignore[arg-type]
    assert e.value.message_in("en_GB") != e.value.message == e.value.message_in("fr")


def test_star_import_of_indemnity_keeps_the_builtin_warning() -> None:
    import builtins

    from apart import indemnity

    names: dict[str, Any] = {}
    exec("from apart.indemnity import *", names)  # noqa: S102 - the import under test
    assert names.get("Warning", builtins.Warning) is builtins.Warning
    assert names["IndemnityWarning"] is indemnity.Warning is indemnity.IndemnityWarning
    assert "Warning" not in indemnity.__all__
