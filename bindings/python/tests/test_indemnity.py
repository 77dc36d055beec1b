"""Indemnity, claims, the law book and exact values from Python."""

from __future__ import annotations

from typing import Any

import copy
import datetime as dt
import pickle
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest

import apart
from apart.indemnity import (
    Category,
    ClaimOutcome,
    EmployeeMonth,
    Options,
    Outcome,
    Regime,
    RoundingPolicy,
    compute,
    compute_claim,
    contributions,
)
from apart.law import PARAMS, LawBook
from apart.money import DecimalLike, Month, round_cents, to_decimal


def _code(line: Any) -> str | None:
    """The refused line's code (`line.error` is the error as data)."""
    return None if line.error is None else str(line.error["code"])


def _message(line: Any) -> str | None:
    """The refused line's French message."""
    return None if line.error is None else str(line.error["messages"]["fr"])


def test_spec_example_with_every_input_type() -> None:
    # Spec §4 #11: 2026-01, 3 000 € for 151.67 h, 70 h not worked.
    inputs: list[tuple[DecimalLike, DecimalLike]] = [
        (3000, 70),
        ("3000", "70"),
        (Decimal("3000.00"), Decimal("70")),
    ]
    for gross, hours in inputs:
        out = compute(EmployeeMonth("2026-01", gross, hours))
        assert out.hourly_reference == Decimal("19.78")
        assert out.employee_hourly_indemnity == Decimal("11.87")
        assert out.employee_indemnity == Decimal("830.90")
        assert out.employer_allocation == Decimal("599.90")
        assert isinstance(out.employee_indemnity, Decimal)
        assert out.month == Month(2026, 1)
        assert out.parameters_date == dt.date(2026, 1, 1)


def test_floats_and_bad_text_are_refused() -> None:
    with pytest.raises(apart.InputError) as e:
        EmployeeMonth("2026-01", 3000.0, 70)  # type: ignore[arg-type]
    assert (e.value.code, e.value.details["field"]) == ("VALUE_FLOAT_REFUSED", "gross_monthly")
    with pytest.raises(apart.InputError) as e:
        EmployeeMonth("2026-01", "3 000 €", 70)
    assert e.value.code == "VALUE_INVALID_DECIMAL"
    with pytest.raises(apart.InputError) as e:
        Month.parse("2026-13")
    assert e.value.code == "VALUE_INVALID_MONTH"
    with pytest.raises(apart.InputError) as e:
        EmployeeMonth("2026-01", 3000, 70, regime="no_such_regime")
    assert (e.value.code, e.value.details["field"]) == ("VALUE_UNKNOWN_VARIANT", "regime")


def test_every_path_reads_the_same_way() -> None:
    # The Mapping path takes ints (the audit found it refusing them), Decimals and dates;
    # floats, unknown keys and huge exponents are refused with the core's codes.
    as_record = compute(EmployeeMonth("2026-01", 2000, 70))
    as_mapping = compute({"month": "2026-01", "gross_monthly": 2000, "hours_not_worked": 70})
    as_text = compute({"month": "2026-01", "gross_monthly": "2000", "hours_not_worked": "70"})
    assert as_record == as_mapping == as_text
    assert compute(
        {"month": "2026-01", "gross_monthly": Decimal("2000.00"), "hours_not_worked": 70,
         "hours_date": dt.date(2026, 1, 5), "regime": Regime.DROIT_COMMUN}
    ).employee_indemnity == as_record.employee_indemnity
    bad: list[tuple[dict[str, object], str, str]] = [
        ({"gross_monthly": 2000.5}, "VALUE_FLOAT_REFUSED", "gross_monthly"),
        ({"gross_monthly": Decimal("NaN")}, "VALUE_NOT_FINITE", "gross_monthly"),
        ({"gross_monthly": Decimal("1E+999999999")}, "VALUE_INVALID_DECIMAL", "gross_monthly"),
        ({"gross_monthly": 10**5000}, "VALUE_OUT_OF_RANGE", "gross_monthly"),
        ({"contract_hour": "121.33"}, "INPUT_UNKNOWN_FIELD", "contract_hour"),
        ({"hours_date": dt.datetime(2026, 1, 5)}, "VALUE_INVALID_DATE", "hours_date"),
    ]
    for change, code, field in bad:
        with pytest.raises(apart.InputError) as e:
            compute({"month": "2026-01", "gross_monthly": 2000, "hours_not_worked": 70, **change})
        assert (e.value.code, e.value.details["field"]) == (code, field)
    with pytest.raises(apart.InputError) as e:
        compute(EmployeeMonth("2026-01", 2000, 70), {"explian": "on"})
    assert e.value.code == "INPUT_UNKNOWN_FIELD"


def test_domain_errors() -> None:
    with pytest.raises(apart.IndemnityError) as e:
        compute(EmployeeMonth("2026-01", 3000, 1000))
    assert e.value.code == "INDEMNITY_HOURS_OUT_OF_RANGE"
    assert e.value.message_in("en") != e.value.message


def test_records() -> None:
    # The core's own records (derived behind its `python` feature): native, frozen, typed.
    employee = EmployeeMonth("2026-01", 3000, 70, category=Category.PART_TIME, contract_hours=100)
    assert (employee.month, employee.category) == (Month(2026, 1), Category.PART_TIME)
    assert employee.contract_hours == Decimal("100") and employee.regime is Regime.DROIT_COMMUN
    assert employee.to_dict()["category"] == "part_time"  # the core's JSON shape
    assert employee.to_dict()["gross_monthly"] == "3000"
    assert EmployeeMonth(**employee.to_dict()) == employee
    assert EmployeeMonth(month="2026-01", gross_monthly=3000, hours_not_worked=70, category="part_time") == (
        EmployeeMonth("2026-01", 3000, 70, category=Category.PART_TIME)
    )
    with pytest.raises(apart.InputError) as e:
        EmployeeMonth("2026-01", 3000, 70, contract_hour=100)
    assert (e.value.code, e.value.details["field"]) == ("INPUT_UNKNOWN_FIELD", "contract_hour")
    out = compute(employee, Options(explain="on"))
    for record in (employee, out):
        assert pickle.loads(pickle.dumps(record)) == record
        assert copy.deepcopy(record) == record
    with pytest.raises(AttributeError):
        out.employee_indemnity = Decimal(0)  # type: ignore[misc]
    assert out.explanation and out.explanation[0].source
    assert out.to_dict()["employee_indemnity"] == str(out.employee_indemnity)
    assert Outcome(**out.to_dict()) == out
    assert "Outcome(" in repr(out) and "employee_indemnity=Decimal(" in repr(out)
    assert out.to_json().startswith("{")


def test_rounding_policies() -> None:
    employee = EmployeeMonth("2026-01", "2345.67", "33.5")
    per_hour = compute(employee, Options(rounding=RoundingPolicy.PER_HOUR))
    exact = compute(employee, Options(rounding=RoundingPolicy.EXACT))
    assert abs(per_hour.employee_indemnity - exact.employee_indemnity) < Decimal("0.01") * 34


def test_warnings_have_messages() -> None:
    out = compute(EmployeeMonth("2026-01", 3000, 160))
    assert out.warnings
    w = out.warnings[0]
    assert w.code and w.message and w.message_in("en") != w.message


def test_contributions() -> None:
    c = contributions(dt.date(2026, 1, 1), "mainland", "1200", "800")
    # Exact figures are in the shared vectors; here the record's shape and types.
    assert c.net_indemnity == Decimal("1200") - c.total
    assert c.before_ecretement == c.csg_deductible + c.csg_non_deductible + c.crds + c.alsace_moselle
    assert c.to_dict()["total"] == str(c.total)  # to_dict: decimals as text, as in Rust


def test_claim_in_one_call() -> None:
    employees = [EmployeeMonth("2026-01", 2000 + i, 35, employee=f"E{i}") for i in range(200)]
    employees.append(EmployeeMonth("2025-12", 3000, 70, employee="wrong month"))
    claim = compute_claim("2026-01", employees)
    assert isinstance(claim, ClaimOutcome)
    assert claim.totals.employees == 200 and claim.totals.employees_refused == 1
    refused = claim.lines[-1].error
    assert refused is not None and refused["code"] == "INDEMNITY_CLAIM_MONTH_MISMATCH"
    assert refused["family"] == "indemnity"
    assert "2026" in refused["messages"]["en"] and refused["messages"]["fr"] != refused["messages"]["en"]
    assert claim.to_dict()["lines"][-1]["error"] == refused
    # Records and mappings mix in one list; a mapping that cannot be read names its line.
    mixed = compute_claim("2026-01", [employees[0], employees[1].to_dict()])
    assert mixed.totals.employees == 2
    # A row that cannot be read is a refused line, not an exception for the claim (issue 15).
    partly = compute_claim("2026-01", [employees[0], {"month": "2026-01", "gross_monthly": 1.5}])
    assert _code(partly.lines[1]) == "VALUE_FLOAT_REFUSED"
    assert (partly.totals.employees, partly.totals.employees_refused) == (1, 1)
    assert sum((line.outcome.employee_indemnity for line in claim.lines if line.outcome), Decimal(0)) == (
        claim.totals.employee_indemnity
    )
    # dicts in the core's JSON shape are accepted too
    again = compute_claim(Month(2026, 1), [e.to_dict() for e in employees])
    assert again == claim


def test_claims_from_many_threads() -> None:
    employees = [EmployeeMonth("2026-01", 1800 + i, 20) for i in range(100)]
    expected = compute_claim("2026-01", employees)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: compute_claim("2026-01", employees), range(8)))
    assert all(r == expected for r in results)


def test_a_caller_can_add_a_missing_floor() -> None:
    # Protected sectors, July 2021: allocation floor not in the sources (spec §1.5) -> error
    # where it could bind, until the caller adds the row.
    employee = EmployeeMonth("2021-07", 1600, 60, regime=Regime.COVID_PROTECTED)
    with pytest.raises(apart.LawError) as e:
        compute(employee)
    assert e.value.code == "LAW_VALUE_UNKNOWN"
    book = LawBook.builtin()
    original = book.copy()
    book.upsert_row(
        "covid_protected_allocation_floor",
        {
            "from": "2021-07-01",
            "value": "8.11",
            "status": "confirmed",
            "source": {"title": "caller: value to check"},
        },
    )
    assert compute(employee, book=book).employer_hourly_allocation == Decimal("8.11")
    with pytest.raises(apart.LawError):
        compute(employee, book=original)
    assert book.problems() == []
    # A book's problems are LawError objects, returned, said in French and English.
    book.set_valid_until("smic_hourly", "2025-12-31")
    [problem] = book.problems()
    assert isinstance(problem, apart.LawError)
    assert problem.code == "LAW_INVALID_DATA"
    assert problem.details == {
        "table": "smic_hourly",
        "problem": "verified_before_release",
        "valid_until": "2025-12-31",
    }
    assert problem.message_in("fr") == (
        "table « smic_hourly » invalide : vérifiée jusqu'au 2025-12-31 seulement, avant le 2026-05-31"
    )


def test_law_book() -> None:
    book = LawBook.builtin()
    assert "smic_hourly" in PARAMS
    row = book.lookup("smic_hourly", dt.date(2026, 1, 1))
    assert Decimal(row["value"]) > 11 and row["source"]["title"]
    assert {t["param"] for t in book.tables()} == set(PARAMS)
    with pytest.raises(apart.LawError):
        book.lookup("no_such_table", dt.date(2026, 1, 1))
    # copy.copy and copy.deepcopy are independent copies, as book.copy() (trial 2: they raised).
    import copy

    for other in (copy.copy(book), copy.deepcopy(book)):
        other.upsert_row("smic_hourly", {"from": "2026-01-01", "value": "99", "source": {"title": "t"}})
        assert other.lookup("smic_hourly", dt.date(2026, 1, 1))["value"] == "99"
        assert book.lookup("smic_hourly", dt.date(2026, 1, 1))["value"] != "99"


def test_a_law_file_adds_a_decree() -> None:
    # The same file as `apart simulate --law FILE`: the built-in table format.
    text = (
        'verified_until = "2026-12-31"\n[[tables]]\nid = "smic_hourly"\n[[tables.values]]\n'
        'from = "2026-06-01"\nvalue = "12.31"\nsource = { title = "Arrêté du 22 mai 2026" }\n'
    )
    book = LawBook.with_file(text)
    assert book.verified_until() == dt.date(2026, 12, 31)
    assert book.lookup("smic_hourly", dt.date(2026, 7, 1))["value"] == "12.31"
    # Outside the verified dates the built-in book computes with the rows in force, warned.
    out = compute(EmployeeMonth("2026-11", 2000, 70))
    assert out.law_as_of == dt.date(2026, 5, 31)
    assert out.warnings[0].code == "LAW_BEYOND_VERIFIED_DATE"
    assert "2026-05-31" in out.warnings[0].message_in("en")
    assert compute(EmployeeMonth("2026-11", 2000, 70), book=book).warnings[0].code != "LAW_BEYOND_VERIFIED_DATE"
    # A rate of -5 is refused and changes nothing; messages name no Rust call.
    bad = 'id = "droit_commun_indemnity_rate"\n[[values]]\nfrom = "2026-01-01"\nvalue = "-5"\nsource = { title = "x" }\n'
    with pytest.raises(apart.LawError) as e:
        book.apply_file(bad)
    assert e.value.code == "LAW_INVALID_OVERRIDE"
    with pytest.raises(apart.LawError) as strict:
        compute(EmployeeMonth("2026-11", 2000, 70), Options(strict_law_dates=True))
    assert strict.value.code == "LAW_DATE_AFTER_LAST_KNOWN" and "::" not in str(strict.value)


def test_money_helpers() -> None:
    assert round_cents("2.345") == Decimal("2.35")
    assert round_cents(Decimal("-2.345")) == Decimal("-2.35")
    assert to_decimal("151,67", "hours") == Decimal("151.67")
    assert Month.of(dt.date(2026, 2, 14)) == Month(2026, 2)
    assert str(Month(2026, 2)) == "2026-02" and Month(2026, 2).first_day == dt.date(2026, 2, 1)
    with pytest.raises(apart.InputError):
        Month(2026, 13)


def test_enums_are_the_cores() -> None:
    from apart import indemnity

    # Made from the core's lists: canonical values, kebab-case read on input.
    assert [c.value for c in indemnity.FullTimeFloor] == ["by_period", "rmm_only", "hourly"]
    e = EmployeeMonth("2026-01", 2000, 70, category="part-time", territory="alsace-moselle")
    assert e.category is indemnity.Category.PART_TIME
    assert e.territory is indemnity.PayTerritory.ALSACE_MOSELLE
    with pytest.raises(apart.InputError) as err:
        EmployeeMonth("2026-01", 2000, 70, category="Part Time")
    assert err.value.code == "VALUE_UNKNOWN_VARIANT" and err.value.details["field"] == "category"


def test_constants() -> None:
    from apart.indemnity import LEGAL_MONTHLY_HOURS, MAX_MONTHLY_HOURS

    assert LEGAL_MONTHLY_HOURS == Decimal("151.67")
    assert MAX_MONTHLY_HOURS == Decimal(744)


def test_a_claim_record_without_month_is_of_the_claim_s_month() -> None:
    # The Python trial of 2026-12-07: records needed `month` on every row, where a table's and a
    # CSV file's rows take the claim's.
    row = {"employee": "A", "gross_monthly": "2000", "hours_not_worked": "70"}
    claim = compute_claim("2026-01", [row, dict(row, month="2026-02")])
    outcome, refused = claim.lines[0].outcome, claim.lines[1].error
    assert claim.lines[0].error is None and outcome is not None
    assert str(outcome.month) == "2026-01"
    assert refused is not None and refused["code"] == "INDEMNITY_CLAIM_MONTH_MISMATCH"
    assert "month" not in row  # the caller's dict is not changed
