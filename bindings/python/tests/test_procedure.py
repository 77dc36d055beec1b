"""The procedure from Python: a DA to its first DI and their recaps, DI codes, dated rules, the
assistance form. The full scenarios are the shared vectors (procedure.json)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest

import apart
from apart import procedure
from apart.procedure import AssistanceForm, AssistanceMotive, Motive, RecapKind

PARIS_WINTER = dt.timezone(dt.timedelta(hours=1))
PARIS_SUMMER = dt.timezone(dt.timedelta(hours=2))

DA_CONTEXT: dict[str, Any] = {
    "reference": "DA-1",
    "establishment": {
        "siret": "73282932000074",
        "name": "Boulangerie Martin",
        "address": "12 rue de la Paix, 75002 Paris",
    },
    "request": {
        "motive": "economic_conditions",
        "period": {"start": "2022-03-01", "end": "2022-05-31"},
        "employees": 4,
        "hours": "600",
    },
}


def _authorised_da() -> str:
    da = apart.machine_by_id("apart.da")
    assert da is not None
    snap = da.new_snapshot(DA_CONTEXT)
    snap = da.apply(snap, {"type": "Submit"}, "principal", dt.datetime(2022, 2, 10, 10, tzinfo=PARIS_WINTER)).snapshot
    authorise = {
        "type": "Authorise",
        "number": "D-77",
        "period": {"start": "2022-03-01", "end": "2022-04-30"},
        "hours": "400",
    }
    step = da.apply(snap, authorise, apart.Actor.ADMINISTRATION, dt.datetime(2022, 2, 15, 10, tzinfo=PARIS_WINTER))
    assert da.state_of(step.snapshot) == "AuthorisedExplicit"
    return step.snapshot


def test_da_to_di_and_recaps() -> None:
    da = _authorised_da()
    r = procedure.recap(da, RecapKind.DA_DECISION)
    assert r.state == "AuthorisedExplicit"
    assert len(r.hash) == 64 and r.hash == procedure.recap(da, "da_decision").hash
    assert "<html" in r.html.lower() and "Boulangerie Martin" in r.html
    assert r.kind.title
    machine = apart.machine_by_id("apart.da")
    assert machine is not None
    draft = machine.new_snapshot(DA_CONTEXT)
    with pytest.raises(apart.ProcedureError) as e:
        procedure.recap(draft, RecapKind.DA_DECISION)
    assert e.value.code == "RECAP_NOT_AVAILABLE"
    with pytest.raises(apart.MachineError):  # a DA snapshot is not a DI one
        procedure.recap(da, RecapKind.DI_SUBMITTED)

    now = dt.datetime(2022, 4, 2, 9, tzinfo=PARIS_SUMMER)
    di = procedure.create_di(da, "DI 0001 23", "2022-03", now)
    machine = apart.machine_by_id("apart.di")
    assert machine is not None and machine.state_of(di) == "Draft"
    with pytest.raises(apart.ProcedureError) as e:
        procedure.create_di(da, "DI 0001 23", "2022-03", now, existing=[di])
    assert e.value.code == "DI_DUPLICATE_MONTH"
    with pytest.raises(apart.ProcedureError) as e:
        procedure.create_di(da, "DI 0001 23", "2022-09", now)
    assert e.value.code == "DI_MONTH_OUTSIDE_PERIOD"


def test_di_codes() -> None:
    code = procedure.parse_di_code("DI 0001 23")
    assert code == "DI000123"
    assert procedure.di_code_matches(code, "\u00a0DI 0001\u202f23 ")
    assert not procedure.di_code_matches(code, "di000123")  # compared exactly, case included
    assert procedure.find_di_code("DI000123", ["DI000999", code]) == code
    with pytest.raises(apart.ProcedureError):
        procedure.parse_di_code(" \u00a0 ")  # nothing left once normalised: DI_CODE_EMPTY


def test_dated_rules() -> None:
    assert procedure.claims_last_day(dt.date(2022, 2, 15), dt.date(2022, 4, 30)) == dt.date(2022, 10, 30)
    assert isinstance(procedure.annual_quota_hours(2022), Decimal)
    last = procedure.last_filing_day(Motive.DISASTER_OR_WEATHER, dt.date(2022, 3, 1))
    assert last >= dt.date(2022, 3, 1)
    at, days = procedure.implicit_acceptance_at(dt.datetime(2022, 2, 10, 10, tzinfo=PARIS_WINTER))
    assert days > 0 and at > dt.datetime(2022, 2, 10, tzinfo=PARIS_WINTER)
    procedure.check_duration(
        Motive.ECONOMIC_CONDITIONS, (dt.date(2022, 3, 1), dt.date(2022, 4, 30)), [], dt.date(2022, 2, 10)
    )
    with pytest.raises(apart.ProcedureError) as e:
        procedure.check_duration(
            Motive.ECONOMIC_CONDITIONS, (dt.date(2022, 3, 1), dt.date(2024, 4, 30)), [], dt.date(2022, 2, 10)
        )
    assert e.value.code in ("DA_DURATION_EXCEEDED", "DA_CUMULATIVE_DURATION_EXCEEDED")
    assert procedure.period_days(dt.date(2022, 3, 1), dt.date(2022, 3, 31)) == 31
    with pytest.raises(apart.ProcedureError) as e:
        procedure.period_days(dt.date(2022, 3, 31), dt.date(2022, 3, 1))
    assert e.value.code == "PERIOD_INVERTED"
    masked = procedure.mask_iban("FR7630006000011234567890189")
    assert masked != "FR7630006000011234567890189" and masked.endswith("189")


def test_assistance_form() -> None:
    form = AssistanceForm.preselected(AssistanceMotive.DEMANDE_INDEMNISATION)
    with pytest.raises(apart.FormError) as e:
        form.validate(None)
    assert e.value.code == "FORM_INVALID"
    assert "CAPTCHA_REQUIRED" in e.value.codes()
    form.fields.update(
        siret="73282932000074",
        establishment_name="Boulangerie Martin",
        full_name="Claire Martin",
        phone="01 02 03 04 05",
        email="claire@boulangerie-martin.fr",
        description="Ma demande d'indemnisation de mars est restée en brouillon.",
    )
    request = form.validate(dt.datetime(2026, 3, 2, 9, tzinfo=dt.timezone.utc))
    assert request["siret"] == "73282932000074"
    handed = AssistanceForm.handed_over("HabilitationExtranet", "73282932000074")
    assert handed.fields.get("siret") == "73282932000074"


def test_core_enums_carry_the_core_labels() -> None:
    assert Motive.DISASTER_OR_WEATHER.label == procedure.MOTIVE_LABELS["disaster_or_weather"]
    assert all(m.label for m in Motive) and all(m.label for m in AssistanceMotive)
    assert all(k.title for k in RecapKind)
    assert AssistanceMotive("autres") is AssistanceMotive.AUTRES


def test_state_tables() -> None:
    da = apart.machine_by_id("apart.da")
    di = apart.machine_by_id("apart.di")
    assert da is not None and di is not None
    assert set(procedure.DA_STATES) == set(da.states())
    assert set(procedure.DI_STATES) == set(di.states())
    assert procedure.DA_STATES["AuthorisedExplicit"].is_authorised
    assert procedure.DI_STATES["Validated"].extranet_code == 9
    assert procedure.di_state_of_extranet_code(9) == "Validated"
    assert procedure.di_state_of_extranet_code(255) is None
    # The core's records, not copies: the same in every front end.
    validated = procedure.DI_STATES["Validated"]
    assert isinstance(validated, procedure.DiStateInfo)
    assert validated.employer_status is procedure.EmployerStatus.VALIDATED
    assert validated.to_dict() == {
        "name": "Validated",
        "extranet_code": 9,
        "extranet_label": validated.extranet_label,
        "employer_status": "validated",
        "counts_as_filed": True,
    }
    assert procedure.DA_STATES["Submitted"].label == "Transmise"
    motives = procedure.da_motives()
    assert [m.code for m in motives] == [m.value for m in Motive]
    assert motives[0].label == Motive.ECONOMIC_CONDITIONS.label
    assert [m.label for m in procedure.assistance_motives()][-1] == "Autres"


def test_periods() -> None:
    march = (dt.date(2022, 3, 1), dt.date(2022, 3, 31))
    spring = (dt.date(2022, 3, 15), dt.date(2022, 5, 31))
    assert procedure.period_intersection(march, spring) == (dt.date(2022, 3, 15), dt.date(2022, 3, 31))
    assert procedure.period_intersection(march, (dt.date(2022, 4, 1), dt.date(2022, 4, 2))) is None
    assert procedure.period_contains((dt.date(2022, 1, 1), dt.date(2022, 12, 31)), march)
    assert not procedure.period_contains(march, spring)


def test_rules_read_from_law_data() -> None:
    assert procedure.decision_delay_days(dt.date(2022, 2, 10)) > 0
    assert procedure.claim_deadline_months(dt.date(2022, 2, 15)) == 6  # 2022-04-30 + 6 = 2022-10-30
    hours, works = procedure.annual_quota(2022)
    assert Decimal(hours) == procedure.annual_quota_hours(2022)
    assert Decimal(works) == procedure.annual_quota_hours(2022, works=True)
    assert procedure.max_duration(dt.date(2022, 2, 10))["months"] > 0
    days = procedure.late_filing_days(Motive.DISASTER_OR_WEATHER, dt.date(2022, 3, 1))
    assert days is None or days > 0


def test_a_callers_law_book_reaches_the_rules_and_the_machines() -> None:
    # Issue 11.5: a decree giving 30 days to decide from 2022-01-01, in a caller's book.
    from apart.law import LawBook

    book = LawBook.builtin()
    book.upsert_row(
        "da_decision_delay_days",
        {"from": "2022-01-01", "value": "30", "source": {"title": "test decree"}},
    )
    received = dt.date(2022, 2, 10)
    assert procedure.decision_delay_days(received) == 15
    assert procedure.decision_delay_days(received, book=book) == 30
    at, days = procedure.implicit_acceptance_at(dt.datetime(2022, 2, 10, 10, tzinfo=PARIS_WINTER), book)
    assert (at, days) == (dt.datetime(2022, 3, 13, tzinfo=PARIS_WINTER), 30)
    da_machine = apart.machine_by_id("apart.da")
    assert da_machine is not None
    now = dt.datetime(2022, 2, 10, 10, tzinfo=PARIS_WINTER)
    draft = da_machine.new_snapshot(DA_CONTEXT)
    builtin = json.loads(da_machine.apply(draft, {"type": "Submit"}, "principal", now).snapshot)
    bound = da_machine.with_law(book)
    assert bound.id == "apart.da"
    own = json.loads(bound.apply(draft, {"type": "Submit"}, "principal", now).snapshot)
    assert builtin["context"]["decision_delay_days"] == 15
    assert own["context"]["decision_delay_days"] == 30
    assert own["context"]["implicit_at"] == "2022-03-13T00:00:00+01:00"
    # Machines that read no law come back as they are.
    credential = apart.machine_by_id("apart.credential")
    assert credential is not None and credential.with_law(book).id == "apart.credential"


def test_recap_of_di_with_claim() -> None:
    from apart.indemnity import EmployeeMonth

    da = _authorised_da()
    di_machine = apart.machine_by_id("apart.di")
    assert di_machine is not None
    now = dt.datetime(2022, 4, 2, 9, tzinfo=PARIS_SUMMER)
    di = procedure.create_di(da, "DI 0001 23", "2022-03", now)
    lines = [{"employee": "Jeanne Martin", "nir": "269054958815780", "hours_not_worked": "35"}]
    di = di_machine.apply(di, {"type": "Edit", "lines": lines}, "principal", now).snapshot
    di = di_machine.apply(di, {"type": "Submit"}, "principal", now).snapshot
    employees = [EmployeeMonth("2022-03", 2000, 35, employee="Jeanne Martin")]
    recap, claim = procedure.recap_of_di_with_claim(di, RecapKind.DI_SUBMITTED, employees)
    assert claim.totals.employees == 1
    assert recap.state == "Submitted" and len(recap.hash) == 64
