"""Every public callable of the package, found by introspection (``__all__`` of every module:
functions, classes' constructors and methods), called with a value of the wrong type (``None``,
an ``int``, ``object()``) in each of its required positional arguments, the others valid: the
error is always an :class:`apart.ApartError`, and where the value's type is wrong for the
argument it is ``INPUT_WRONG_TYPE`` naming the argument as ``field`` (README, "Types at the
boundary"). A callable missing from the table below fails the test: there is no skip list."""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import inspect
import json
import types
from collections.abc import Callable
from typing import Any, NamedTuple

import pytest

import apart
from apart import account, forms, indemnity, machine, procedure, recovery, siret
from apart.account import AccountForm, Argon2idHasher
from apart.forms import HumanCheck, LoginIdentifier, SecretAnswer, TextRules
from apart.indemnity import EmployeeMonth
from apart.law import LawBook
from apart.money import Month
from apart.recovery import Entropy

UTC = dt.timezone.utc
PARIS = dt.timezone(dt.timedelta(hours=1))
NOW = dt.datetime(2026, 3, 2, 10, tzinfo=UTC)
DA_NOW = dt.datetime(2022, 2, 10, 10, tzinfo=PARIS)
DAY = dt.date(2022, 3, 1)
SMALL = Argon2idHasher(64, 1, 1)  # small costs: tests only

# The bad values, by kind.
BAD: dict[str, Any] = {"none": None, "int": 12345, "object": object()}
ANY = frozenset(BAD)  # an argument that takes any value (its own reasons below)


class Param(NamedTuple):
    """A required positional argument: its name, a valid value, and the kinds of ``BAD`` that
    are of a right type for it (then any outcome but a non-``ApartError`` exception is fine)."""

    name: str
    valid: Any
    accepts: frozenset[str] = frozenset()
    field: str | None = ""  # the error's `field` when it is not `name` (reasons in CASES)


def p(name: str, valid: Any, *accepts: str) -> Param:
    return Param(name, valid, frozenset(accepts))


DA_CONTEXT: dict[str, Any] = {
    "reference": "DA-1",
    "establishment": {"siret": "73282932000074", "name": "Boulangerie Martin", "address": "12 rue de la Paix"},
    "request": {
        "motive": "economic_conditions",
        "period": {"start": "2022-03-01", "end": "2022-05-31"},
        "employees": 4,
        "hours": "600",
    },
}
HABILITATION: dict[str, Any] = {
    "credential": "ID12345",
    "siret": "73282932000074",
    "application": "apart",
    "role": "member",
}
ACCOUNT_FORM: dict[str, Any] = {
    "denomination": "Boulangerie Martin",
    "street_number": "12",
    "street_extension": "B",
    "street_type": "RUE",
    "street_name": "de la République",
    "postal_code": "69002",
    "city": "Lyon",
    "phone": "04 72 00 00 00",
    "establishment_email": "contact@boulangerie-martin.fr",
    "establishment_email_confirmation": "contact@boulangerie-martin.fr",
    "nom": "Martin",
    "prenom": "Claire",
    "user_phone": "06 12 34 56 78",
    "email": "claire.martin@boulangerie-martin.fr",
    "email_confirmation": "claire.martin@boulangerie-martin.fr",
    "secret_question": "Nom de mon premier chien",
    "secret_answer": "Médor",
    "human_check": {"status": "verified", "at": "2026-03-02T09:00:00Z"},
}


def _machine(machine_id: str) -> machine.Machine:
    m = apart.machine_by_id(machine_id)
    assert m is not None
    return m


class World:
    """Valid values, made once."""

    def __init__(self) -> None:
        self.da = _machine("apart.da")
        self.da_draft = self.da.new_snapshot(DA_CONTEXT)
        self.da_submitted = self.da.apply(self.da_draft, {"type": "Submit"}, "principal", DA_NOW).snapshot
        authorise = {
            "type": "Authorise",
            "number": "D-77",
            "period": {"start": "2022-03-01", "end": "2022-04-30"},
            "hours": "400",
        }
        self.da_authorised = self.da.apply(
            self.da_submitted, authorise, "administration", DA_NOW + dt.timedelta(days=5)
        ).snapshot
        self.di = procedure.create_di(self.da_authorised, "DI000123", "2022-03", DA_NOW + dt.timedelta(days=40))
        self.key = bytes(range(32))
        self.sealed = self.da.seal(self.da_draft, self.key)
        self.habilitation = _machine("apart.habilitation").new_snapshot(HABILITATION)
        self.credential = _machine("apart.credential").new_snapshot(
            {"identifier": "ID12345", "email": "paie@exemple.fr", "nom": "Martin", "prenom": "Claire"}
        )
        self.employee = EmployeeMonth("2026-01", 3000, 160)
        self.outcome = indemnity.compute(self.employee)
        self.claim = indemnity.compute_claim("2026-01", [self.employee])
        self.issued = recovery.issue("ID12345", "password_reset", Entropy.fixed(bytes(range(1, 40))), NOW)
        self.stored = SMALL.hash("rex le chien", Entropy.fixed(b"\x05"))
        self.request = recovery.request_password_reset(None, Entropy.fixed(b"\x07"), NOW)
        self.siren = siret.Siren("732829320")
        self.nic = siret.Nic("00074")


W = World()
E = Entropy.fixed(b"\x05")
CSV = "month,employee,gross_monthly,hours_not_worked\n2026-01,A,3000,70\n"
ROW = {"from": "2026-06-01", "value": "12.50", "source": {"title": "décret"}}

# What "no constructor" means: the class is made by the library only (parsed, computed, built
# by a factory): calling it is Python's TypeError, as for any class without a constructor.
NO_CONSTRUCTOR = "made by the library only (no constructor), TypeError as for any such class"

# Every public callable: (how to get it, its required positional arguments). Bound methods are
# taken from a fresh instance each call (``LawBook`` and ``AccountForm`` change).
CASES: dict[str, tuple[Callable[[], Callable[..., Any]], list[Param]]] = {
    # --- siret -----------------------------------------------------------------------------
    "apart.siret.Siren": (lambda: siret.Siren, [p("value", "732829320")]),
    "apart.siret.Siren.parse_strict": (lambda: siret.Siren.parse_strict, [p("value", "732829320")]),
    "apart.siret.Siren.as_str": (lambda: W.siren.as_str, []),
    "apart.siret.Siren.complete": (lambda: siret.Siren.complete, [p("prefix", "73282932")]),
    "apart.siret.Siren.with_nic": (lambda: W.siren.with_nic, [p("nic", W.nic)]),
    "apart.siret.Siren.to_int": (lambda: W.siren.to_int, []),
    "apart.siret.Siren.format_with": (lambda: W.siren.format_with, [p("separator", ".")]),
    "apart.siret.Nic": (lambda: siret.Nic, [p("value", "00074")]),
    "apart.siret.Nic.parse_strict": (lambda: siret.Nic.parse_strict, [p("value", "00074")]),
    "apart.siret.Nic.as_str": (lambda: W.nic.as_str, []),
    "apart.siret.Siret": (lambda: siret.Siret, [p("value", "73282932000074")]),
    "apart.siret.Siret.parse_strict": (lambda: siret.Siret.parse_strict, [p("value", "73282932000074")]),
    "apart.siret.Siret.as_str": (lambda: siret.Siret("73282932000074").as_str, []),
    "apart.siret.Siret.from_parts": (lambda: siret.Siret.from_parts, [p("siren", W.siren), p("nic", W.nic)]),
    "apart.siret.Siret.complete": (lambda: siret.Siret.complete, [p("siren", W.siren), p("rank", "0007")]),
    "apart.siret.Siret.parts": (lambda: siret.Siret("73282932000074").parts, []),
    "apart.siret.Siret.format_with": (lambda: siret.Siret("73282932000074").format_with, [p("separator", ".")]),
    "apart.siret.Tva": (lambda: siret.Tva, [p("value", "FR44732829320")]),
    "apart.siret.Tva.parse_strict": (lambda: siret.Tva.parse_strict, [p("value", "FR44732829320")]),
    "apart.siret.Tva.as_str": (lambda: siret.Tva("FR44732829320").as_str, []),
    "apart.siret.detect": (lambda: siret.detect, [p("value", "73282932000074")]),
    "apart.siret.is_valid_siret": (lambda: siret.is_valid_siret, [p("value", "73282932000074")]),
    "apart.siret.is_valid_siret_many": (lambda: siret.is_valid_siret_many, [p("values", ["73282932000074"])]),
    "apart.siret.parse_siret_many": (lambda: siret.parse_siret_many, [p("values", ["73282932000074"])]),
    "apart.siret.Generator": (lambda: siret.Generator, []),
    "apart.siret.Generator.siren": (lambda: siret.Generator(1).siren, []),
    "apart.siret.Generator.siret": (lambda: siret.Generator(1).siret, []),
    "apart.siret.Generator.siret_of": (lambda: siret.Generator(1).siret_of, [p("siren", W.siren)]),
    "apart.siret.Generator.la_poste_siret": (lambda: siret.Generator(1).la_poste_siret, []),
    "apart.siret.Generator.siret_strings": (lambda: siret.Generator(1).siret_strings, [p("count", 2, "int")]),
    # --- forms -----------------------------------------------------------------------------
    "apart.forms.TextRules": (lambda: TextRules, [p("min", 1, "int"), p("max", 10, "int")]),
    "apart.forms.TextRules.to_dict": (lambda: TextRules.CITY.to_dict, []),
    "apart.forms.TextRules.to_json": (lambda: TextRules.CITY.to_json, []),
    "apart.forms.PhonePolicy": (lambda: forms.PhonePolicy, []),
    "apart.forms.PhonePolicy.to_dict": (lambda: forms.PhonePolicy().to_dict, []),
    "apart.forms.PhonePolicy.to_json": (lambda: forms.PhonePolicy().to_json, []),
    "apart.forms.PhoneFr": (lambda: forms.PhoneFr, []),
    "apart.forms.PhoneFr.to_dict": (lambda: forms.PhoneFr.parse("0102030405").to_dict, []),
    "apart.forms.PhoneFr.parse": (lambda: forms.PhoneFr.parse, [p("value", "01 02 03 04 05")]),
    "apart.forms.PhoneFr.parse_optional": (lambda: forms.PhoneFr.parse_optional, [p("value", "01 02 03 04 05")]),
    "apart.forms.Email": (lambda: forms.Email, []),
    "apart.forms.Email.to_dict": (lambda: forms.Email.parse("a@b.fr").to_dict, []),
    "apart.forms.Email.parse": (lambda: forms.Email.parse, [p("value", "a@b.fr")]),
    "apart.forms.Email.is_confirmed_by": (lambda: forms.Email.parse("a@b.fr").is_confirmed_by, [p("confirmation", "a@b.fr")]),
    "apart.forms.confirm_email": (lambda: forms.confirm_email, [p("email", "a@b.fr"), p("confirmation", "a@b.fr")]),
    "apart.forms.PostalCodeFr": (lambda: forms.PostalCodeFr, []),
    "apart.forms.PostalCodeFr.to_dict": (lambda: forms.PostalCodeFr.parse("69002").to_dict, []),
    "apart.forms.PostalCodeFr.parse": (lambda: forms.PostalCodeFr.parse, [p("value", "69002")]),
    "apart.forms.City": (lambda: forms.City, []),
    "apart.forms.City.to_dict": (lambda: forms.City.parse("Lyon").to_dict, []),
    "apart.forms.City.parse": (lambda: forms.City.parse, [p("value", "Lyon")]),
    "apart.forms.LoginIdentifier": (lambda: LoginIdentifier, []),
    "apart.forms.LoginIdentifier.to_dict": (lambda: LoginIdentifier.parse("ID12345").to_dict, []),
    "apart.forms.LoginIdentifier.parse": (lambda: LoginIdentifier.parse, [p("value", "ID12345")]),
    "apart.forms.LoginIdentifier.same_as": (
        lambda: LoginIdentifier.parse("ID12345").same_as,
        [p("other", LoginIdentifier.parse("id12345"))],
    ),
    "apart.forms.parse_person_name": (lambda: forms.parse_person_name, [p("value", "Martin")]),
    "apart.forms.SecretAnswer": (lambda: SecretAnswer, [p("value", "rex le chien")]),
    "apart.forms.SecretAnswer.matches": (lambda: SecretAnswer("rex le chien").matches, [p("attempt", "rex le chien")]),
    "apart.forms.normalize_secret_answer": (lambda: forms.normalize_secret_answer, [p("value", "Rex")]),
    "apart.forms.parse_street_number": (lambda: forms.parse_street_number, [p("value", "12")]),
    "apart.forms.StreetExtension.parse": (lambda: forms.StreetExtension.parse, [p("value", "bis")]),
    "apart.forms.parse_bounded_text": (
        lambda: forms.parse_bounded_text,
        [p("value", "Acme"), p("rules", TextRules.DENOMINATION)],
    ),
    "apart.forms.parse_description": (lambda: forms.parse_description, [p("value", "Une demande.")]),
    "apart.forms.normalize_text": (lambda: forms.normalize_text, [p("value", " a ")]),
    "apart.forms.text_len_utf16": (lambda: forms.text_len_utf16, [p("value", "abc")]),
    "apart.forms.description_len": (lambda: forms.description_len, [p("value", "abc")]),
    "apart.forms.remaining": (lambda: forms.remaining, [p("value", "abc"), p("max", 10, "int")]),
    "apart.forms.HumanCheck": (lambda: HumanCheck, []),
    "apart.forms.HumanCheck.require": (lambda: HumanCheck(NOW).require, []),
    "apart.forms.HumanCheck.require_fresh": (
        lambda: HumanCheck(NOW).require_fresh,
        [p("now", NOW + dt.timedelta(minutes=1)), p("max_age", dt.timedelta(minutes=10))],
    ),
    "apart.forms.HumanCheck.to_dict": (lambda: HumanCheck(NOW).to_dict, []),
    # --- indemnity: records take their fields by keyword (the positional ones listed) -------
    "apart.indemnity.EmployeeMonth": (
        lambda: EmployeeMonth,
        [p("month", "2026-01"), p("gross_monthly", 3000, "int"), p("hours_not_worked", 70, "int")],
    ),
    "apart.indemnity.EmployeeMonth.to_dict": (lambda: W.employee.to_dict, []),
    "apart.indemnity.EmployeeMonth.to_json": (lambda: W.employee.to_json, []),
    "apart.indemnity.Options": (lambda: indemnity.Options, []),
    "apart.indemnity.Options.to_dict": (lambda: indemnity.Options().to_dict, []),
    "apart.indemnity.Options.to_json": (lambda: indemnity.Options().to_json, []),
    "apart.indemnity.Outcome": (lambda: indemnity.Outcome, []),
    "apart.indemnity.Outcome.to_dict": (lambda: W.outcome.to_dict, []),
    "apart.indemnity.Outcome.to_json": (lambda: W.outcome.to_json, []),
    "apart.indemnity.Contributions": (lambda: indemnity.Contributions, []),
    "apart.indemnity.Contributions.to_dict": (lambda: indemnity.Contributions.to_dict, []),
    "apart.indemnity.Contributions.to_json": (lambda: indemnity.Contributions.to_json, []),
    "apart.indemnity.RefusedHours": (lambda: indemnity.RefusedHours, []),
    "apart.indemnity.RefusedHours.to_dict": (lambda: indemnity.RefusedHours.to_dict, []),
    "apart.indemnity.RefusedHours.to_json": (lambda: indemnity.RefusedHours.to_json, []),
    "apart.indemnity.ExplanationStep": (lambda: indemnity.ExplanationStep, []),
    "apart.indemnity.ExplanationStep.to_dict": (lambda: indemnity.ExplanationStep.to_dict, []),
    "apart.indemnity.ExplanationStep.to_json": (lambda: indemnity.ExplanationStep.to_json, []),
    "apart.indemnity.StepValue": (lambda: indemnity.StepValue, []),
    "apart.indemnity.StepValue.to_dict": (lambda: indemnity.StepValue.to_dict, []),
    "apart.indemnity.StepValue.to_json": (lambda: indemnity.StepValue.to_json, []),
    "apart.indemnity.IndemnityWarning": (lambda: indemnity.IndemnityWarning, []),
    "apart.indemnity.IndemnityWarning.message_in": (lambda: W.outcome.warnings[0].message_in, [p("lang", "en")]),
    "apart.indemnity.IndemnityWarning.to_dict": (lambda: W.outcome.warnings[0].to_dict, []),
    "apart.indemnity.IndemnityWarning.to_json": (lambda: W.outcome.warnings[0].to_json, []),
    "apart.indemnity.ClaimLine": (lambda: indemnity.ClaimLine, []),
    "apart.indemnity.ClaimLine.to_dict": (lambda: W.claim.lines[0].to_dict, []),
    "apart.indemnity.ClaimLine.to_json": (lambda: W.claim.lines[0].to_json, []),
    "apart.indemnity.ClaimTotals": (lambda: indemnity.ClaimTotals, []),
    "apart.indemnity.ClaimTotals.to_dict": (lambda: W.claim.totals.to_dict, []),
    "apart.indemnity.ClaimTotals.to_json": (lambda: W.claim.totals.to_json, []),
    "apart.indemnity.ClaimOutcome": (lambda: indemnity.ClaimOutcome, []),
    "apart.indemnity.ClaimOutcome.to_dict": (lambda: W.claim.to_dict, []),
    "apart.indemnity.ClaimOutcome.to_json": (lambda: W.claim.to_json, []),
    "apart.indemnity.compute": (lambda: indemnity.compute, [p("employee", W.employee)]),
    "apart.indemnity.compute_claim": (
        lambda: indemnity.compute_claim,
        [p("month", "2026-01"), p("employees", [W.employee])],
    ),
    "apart.indemnity.compute_claim_csv": (lambda: indemnity.compute_claim_csv, [p("source", CSV)]),
    "apart.indemnity.claim_table": (lambda: indemnity.claim_table, [p("claim", W.claim)]),
    "apart.indemnity.ClaimTable": (lambda: indemnity.ClaimTable, []),
    "apart.indemnity.ClaimTable.to_pyarrow": (lambda: indemnity.claim_table(W.claim).to_pyarrow, []),
    "apart.indemnity.ClaimTable.to_polars": (lambda: indemnity.claim_table(W.claim).to_polars, []),
    "apart.indemnity.ClaimTable.to_pandas": (lambda: indemnity.claim_table(W.claim).to_pandas, []),
    "apart.indemnity.contributions": (
        lambda: indemnity.contributions,
        [p("at", dt.date(2026, 1, 1)), p("territory", "mainland"), p("indemnity", 800, "int"),
         p("net_pay_worked", 1000, "int")],
    ),
    # --- law -------------------------------------------------------------------------------
    "apart.law.LawBook": (lambda: LawBook, []),
    "apart.law.LawBook.builtin": (lambda: LawBook.builtin, []),
    "apart.law.LawBook.with_file": (lambda: LawBook.with_file, [p("text", "")]),
    "apart.law.LawBook.copy": (lambda: LawBook.builtin().copy, []),
    "apart.law.LawBook.upsert_row": (
        lambda: LawBook.builtin().upsert_row,
        [p("param", "smic_hourly"), p("row", ROW)],
    ),
    "apart.law.LawBook.set_valid_until": (
        lambda: LawBook.builtin().set_valid_until,
        [p("param", "smic_hourly"), p("until", dt.date(2027, 1, 1))],
    ),
    "apart.law.LawBook.replace_table": (lambda: LawBook.builtin().replace_table, [p("param", "smic_hourly"), p("toml_text", "")]),
    "apart.law.LawBook.apply_file": (lambda: LawBook.builtin().apply_file, [p("text", "")]),
    "apart.law.LawBook.verified_until": (lambda: LawBook.builtin().verified_until, []),
    "apart.law.LawBook.problems": (lambda: LawBook.builtin().problems, []),
    "apart.law.LawBook.tables": (lambda: LawBook.builtin().tables, []),
    "apart.law.LawBook.lookup": (
        lambda: LawBook.builtin().lookup,
        # `at` is named `date`, as in every front end (errors.json `law-date-invalid`).
        [p("param", "smic_hourly"), Param("at", dt.date(2026, 1, 1), frozenset(), "date")],
    ),
    # --- money -----------------------------------------------------------------------------
    "apart.money.Month": (lambda: Month, [p("year", 2026, "int"), p("month", 1, "int")]),
    "apart.money.Month.parse": (lambda: Month.parse, [p("text", "2026-01")]),
    "apart.money.Month.of": (lambda: Month.of, [p("day", dt.date(2026, 1, 15))]),
    "apart.money.to_decimal": (lambda: apart.money.to_decimal, [p("value", "12.50", "int")]),
    "apart.money.round_cents": (lambda: apart.money.round_cents, [p("value", "12.505", "int")]),
    # --- procedure -------------------------------------------------------------------------
    "apart.procedure.Recap": (lambda: procedure.Recap, []),
    "apart.procedure.Recap.to_dict": (lambda: procedure.recap(W.da_submitted, "da_submitted").to_dict, []),
    "apart.procedure.recap": (lambda: procedure.recap, [p("snapshot", W.da_submitted), p("kind", "da_submitted")]),
    "apart.procedure.recap_of_di_with_claim": (
        lambda: procedure.recap_of_di_with_claim,
        [p("di_snapshot", W.di), p("kind", "di_submitted"), p("employees", [])],
    ),
    "apart.procedure.decision_delay_days": (lambda: procedure.decision_delay_days, [p("received_on", DAY)]),
    "apart.procedure.late_filing_days": (
        lambda: procedure.late_filing_days,
        [p("motive", "economic_conditions"), p("placement", DAY)],
    ),
    "apart.procedure.max_duration": (lambda: procedure.max_duration, [p("received_on", DAY)]),
    "apart.procedure.claim_deadline_months": (lambda: procedure.claim_deadline_months, [p("authorised_on", DAY)]),
    "apart.procedure.annual_quota": (lambda: procedure.annual_quota, [p("year", 2022, "int")]),
    "apart.procedure.create_di": (
        lambda: procedure.create_di,
        [p("da_snapshot", W.da_authorised), p("code", "DI000124"), p("month", "2022-03"),
         p("now", DA_NOW + dt.timedelta(days=40))],
    ),
    "apart.procedure.parse_di_code": (lambda: procedure.parse_di_code, [p("value", "DI000123")]),
    "apart.procedure.di_code_matches": (lambda: procedure.di_code_matches, [p("code", "DI000123"), p("value", "DI000123")]),
    "apart.procedure.find_di_code": (lambda: procedure.find_di_code, [p("value", "DI000123"), p("codes", ["DI000123"])]),
    "apart.procedure.last_filing_day": (
        lambda: procedure.last_filing_day,
        [p("motive", "economic_conditions"), p("placement", DAY)],
    ),
    "apart.procedure.claims_last_day": (
        lambda: procedure.claims_last_day,
        [p("authorised_on", DAY), p("period_end", dt.date(2022, 4, 30))],
    ),
    "apart.procedure.annual_quota_hours": (lambda: procedure.annual_quota_hours, [p("year", 2022, "int")]),
    "apart.procedure.implicit_acceptance_at": (lambda: procedure.implicit_acceptance_at, [p("received_at", DA_NOW)]),
    "apart.procedure.check_duration": (
        lambda: procedure.check_duration,
        [p("motive", "economic_conditions"), p("requested", (DAY, dt.date(2022, 4, 30))),
         p("other_authorised", []), p("received_on", dt.date(2022, 2, 10))],
    ),
    "apart.procedure.period_days": (lambda: procedure.period_days, [p("start", DAY), p("end", dt.date(2022, 3, 31))]),
    "apart.procedure.period_intersection": (
        lambda: procedure.period_intersection,
        [p("a", (DAY, dt.date(2022, 3, 31))), p("b", (DAY, dt.date(2022, 3, 15)))],
    ),
    "apart.procedure.period_contains": (
        lambda: procedure.period_contains,
        [p("a", (DAY, dt.date(2022, 3, 31))), p("b", (DAY, dt.date(2022, 3, 15)))],
    ),
    "apart.procedure.mask_iban": (lambda: procedure.mask_iban, [p("iban", "FR7630006000011234567890189")]),
    "apart.procedure.AssistanceForm": (lambda: procedure.AssistanceForm, [p("fields", {})]),
    "apart.procedure.AssistanceForm.preselected": (
        lambda: procedure.AssistanceForm.preselected,
        [p("motive", "habilitation_extranet")],
    ),
    "apart.procedure.AssistanceForm.handed_over": (
        lambda: procedure.AssistanceForm.handed_over,
        [p("motive", "HabilitationExtranet")],
    ),
    # `None`: no human check passed (the form then lists CAPTCHA_REQUIRED).
    "apart.procedure.AssistanceForm.validate": (
        lambda: procedure.AssistanceForm({}).validate,
        [p("human_check_at", NOW, "none")],
    ),
    "apart.procedure.DaStateInfo": (lambda: procedure.DaStateInfo, []),
    "apart.procedure.DaStateInfo.to_dict": (lambda: procedure.DA_STATES["Draft"].to_dict, []),
    "apart.procedure.DaStateInfo.to_json": (lambda: procedure.DA_STATES["Draft"].to_json, []),
    "apart.procedure.DiStateInfo": (lambda: procedure.DiStateInfo, []),
    "apart.procedure.DiStateInfo.to_dict": (lambda: next(iter(procedure.DI_STATES.values())).to_dict, []),
    "apart.procedure.DiStateInfo.to_json": (lambda: next(iter(procedure.DI_STATES.values())).to_json, []),
    "apart.procedure.Choice": (lambda: procedure.Choice, []),
    "apart.procedure.Choice.to_dict": (lambda: procedure.da_motives()[0].to_dict, []),
    "apart.procedure.Choice.to_json": (lambda: procedure.da_motives()[0].to_json, []),
    "apart.procedure.da_motives": (lambda: procedure.da_motives, []),
    "apart.procedure.assistance_motives": (lambda: procedure.assistance_motives, []),
    "apart.procedure.di_state_of_extranet_code": (lambda: procedure.di_state_of_extranet_code, [p("code", 9, "int")]),
    # --- machine ---------------------------------------------------------------------------
    "apart.machine.Machine": (lambda: machine.Machine, []),
    "apart.machine.Machine.with_law": (lambda: W.da.with_law, [p("book", LawBook.builtin())]),
    "apart.machine.Machine.states": (lambda: W.da.states, []),
    "apart.machine.Machine.events": (lambda: W.da.events, []),
    "apart.machine.Machine.is_terminal_state": (lambda: W.da.is_terminal_state, [p("state", "Draft")]),
    "apart.machine.Machine.new_snapshot": (lambda: W.da.new_snapshot, [p("context", DA_CONTEXT)]),
    "apart.machine.Machine.restore": (lambda: W.da.restore, [p("snapshot", W.da_draft)]),
    "apart.machine.Machine.seal": (lambda: W.da.seal, [p("snapshot", W.da_draft), p("key", W.key)]),
    "apart.machine.Machine.open": (lambda: W.da.open, [p("sealed", W.sealed), p("key", W.key)]),
    "apart.machine.Machine.state_of": (lambda: W.da.state_of, [p("snapshot", W.da_draft)]),
    "apart.machine.Machine.apply": (
        lambda: W.da.apply,
        [p("snapshot", W.da_draft), p("event", {"type": "Submit"}), p("actor", "principal"), p("now", DA_NOW)],
    ),
    "apart.machine.Machine.check": (
        lambda: W.da.check,
        [p("snapshot", W.da_draft), p("event", {"type": "Submit"}), p("actor", "principal"), p("now", DA_NOW)],
    ),
    "apart.machine.Machine.can": (
        lambda: W.da.can,
        [p("snapshot", W.da_draft), p("event", {"type": "Submit"}), p("actor", "principal"), p("now", DA_NOW)],
    ),
    "apart.machine.Machine.allowed_events": (
        lambda: W.da.allowed_events,
        [p("snapshot", W.da_draft), p("actor", "principal"), p("now", DA_NOW)],
    ),
    "apart.machine.Machine.tick": (lambda: W.da.tick, [p("snapshot", W.da_submitted), p("now", DA_NOW)]),
    "apart.machine.Machine.next_deadline": (lambda: W.da.next_deadline, [p("snapshot", W.da_submitted)]),
    "apart.machine.Machine.mermaid": (lambda: W.da.mermaid, []),
    "apart.machine.Machine.dot": (lambda: W.da.dot, []),
    "apart.machine.Step": (lambda: machine.Step, []),
    "apart.machine.Step.to_dict": (
        lambda: W.da.apply(W.da_draft, {"type": "Submit"}, "principal", DA_NOW).to_dict,
        [],
    ),
    "apart.machine.machines": (lambda: machine.machines, []),
    "apart.machine.machine_by_id": (lambda: machine.machine_by_id, [p("machine_id", "apart.da")]),
    # --- account ---------------------------------------------------------------------------
    "apart.account.Argon2idHasher": (lambda: Argon2idHasher, []),
    "apart.account.Argon2idHasher.hash": (lambda: SMALL.hash, [p("answer", "rex le chien"), p("entropy", E)]),
    "apart.account.Argon2idHasher.verify": (lambda: SMALL.verify, [p("answer", "rex le chien"), p("stored", W.stored)]),
    "apart.account.LoginOutcome": (lambda: account.LoginOutcome, []),
    "apart.account.LoginOutcome.to_dict": (
        lambda: account.authenticate(None, False, [], "apart", NOW).to_dict,
        [],
    ),
    "apart.account.LoginOutcome.raise_for_error": (
        lambda: account.authenticate(None, False, [], "apart", NOW).raise_for_error,
        [],
    ),
    # `credential` is `None` for an unknown identifier; `verify_password` (a bool or a function)
    # is read only when the core needs the password's verdict, never for this credential (not
    # activated): any value goes through unread, by design (no hashing for nothing).
    "apart.account.authenticate": (
        lambda: account.authenticate,
        [p("credential", W.credential, "none"), p("verify_password", False, *BAD), p("habilitations", []),
         p("application", "apart"), p("now", NOW)],
    ),
    "apart.account.check_secret_answer": (
        lambda: account.check_secret_answer,
        [p("hasher", SMALL), p("answer", "rex le chien"), p("stored", W.stored), p("now", NOW)],
    ),
    "apart.account.AccountForm": (lambda: AccountForm, []),
    "apart.account.AccountForm.validate": (lambda: AccountForm.validate, [p("fields", ACCOUNT_FORM)]),
    "apart.account.AccountForm.details": (lambda: AccountForm.validate(ACCOUNT_FORM).details, []),
    "apart.account.AccountForm.seal": (
        lambda: AccountForm.validate(ACCOUNT_FORM).seal,
        [p("hasher", SMALL), p("entropy", E)],
    ),
    "apart.account.request_facts": (
        lambda: account.request_facts,
        [p("records", []), p("credential", "ID12345"), p("siret", "73282932000074"), p("application", "apart"),
         p("mandate_active", False)],
    ),
    "apart.account.others_live": (lambda: account.others_live, [p("records", []), p("snapshot", W.habilitation)]),
    "apart.account.transfer_principal": (
        lambda: account.transfer_principal,
        [p("from_snapshot", W.habilitation), p("to_snapshot", W.habilitation), p("actor", "administration"),
         p("keep_access", False), p("now", NOW)],
    ),
    "apart.account.authorised_establishments": (
        lambda: account.authorised_establishments,
        [p("records", []), p("credential", "ID12345"), p("application", "apart"), p("now", NOW)],
    ),
    "apart.account.check_invariants": (lambda: account.check_invariants, [p("records", [])]),
    # --- recovery --------------------------------------------------------------------------
    "apart.recovery.Entropy": (lambda: Entropy, []),
    "apart.recovery.Entropy.os": (lambda: Entropy.os, []),
    "apart.recovery.Entropy.fixed": (lambda: Entropy.fixed, [p("pattern", b"\x05")]),
    "apart.recovery.RequestOutcome": (lambda: recovery.RequestOutcome, []),
    "apart.recovery.RequestOutcome.to_dict": (lambda: W.request.to_dict, []),
    "apart.recovery.RequestOutcome.message_in": (lambda: W.request.message_in, [p("lang", "en")]),
    "apart.recovery.IssuedToken": (lambda: recovery.IssuedToken, []),
    "apart.recovery.IssuedToken.to_dict": (lambda: W.issued.to_dict, []),
    "apart.recovery.Redemption": (lambda: recovery.Redemption, []),
    "apart.recovery.Redemption.to_dict": (
        lambda: recovery.redeem(W.issued.secret, "password_reset", W.issued.token, NOW).to_dict,
        [],
    ),
    "apart.recovery.Redemption.raise_for_error": (
        lambda: recovery.redeem(W.issued.secret, "password_reset", W.issued.token, NOW).raise_for_error,
        [],
    ),
    "apart.recovery.ResetCompletion": (lambda: recovery.ResetCompletion, []),
    "apart.recovery.ResetCompletion.to_dict": (lambda: recovery.ResetCompletion.to_dict, []),
    # `account` is `None` for an unknown identifier or address (the same public answer).
    "apart.recovery.request_password_reset": (
        lambda: recovery.request_password_reset,
        [p("account", ("ID12345", "paie@exemple.fr", [], []), "none"), p("entropy", E), p("now", NOW)],
    ),
    "apart.recovery.request_identifier_reminder": (
        lambda: recovery.request_identifier_reminder,
        [p("account", ("paie@exemple.fr", ["ID12345"], []), "none"), p("entropy", E), p("now", NOW)],
    ),
    "apart.recovery.issue": (
        lambda: recovery.issue,
        [p("subject", "ID12345"), p("purpose", "password_reset"), p("entropy", E), p("now", NOW)],
    ),
    "apart.recovery.activation_email": (
        lambda: recovery.activation_email,
        [p("identifier", "ID12345"), p("email", "paie@exemple.fr"), p("entropy", E), p("now", NOW)],
    ),
    "apart.recovery.token_id": (lambda: recovery.token_id, [p("link", W.issued.secret)]),
    # `record` is `None` when no token has the link's id.
    "apart.recovery.redeem": (
        lambda: recovery.redeem,
        [p("link", W.issued.secret), p("purpose", "password_reset"), p("record", W.issued.token, "none"),
         p("now", NOW)],
    ),
    "apart.recovery.revoke_all": (
        lambda: recovery.revoke_all,
        [p("tokens", [W.issued.token]), p("subject", "ID12345"), p("reason", "password_changed"), p("now", NOW)],
    ),
    # `token` is `None` when no token has the link's id, `answer` when no secret answer is set.
    "apart.recovery.complete_password_reset": (
        lambda: recovery.complete_password_reset,
        [p("link", W.issued.secret), p("token", W.issued.token, "none"), p("credential", W.credential),
         p("answer", "rex le chien", "none"), p("hasher", SMALL), p("now", NOW)],
    ),
    "apart.recovery.complete_activation": (
        lambda: recovery.complete_activation,
        [p("link", W.issued.secret), p("token", W.issued.token, "none"), p("credential", W.credential),
         p("now", NOW)],
    ),
}

# Classes made only by the library: calling them is Python's TypeError (no constructor).
NOT_CONSTRUCTIBLE = {
    "apart.forms.PhoneFr", "apart.forms.Email", "apart.forms.PostalCodeFr", "apart.forms.City",
    "apart.forms.LoginIdentifier", "apart.indemnity.ClaimTable", "apart.law.LawBook",
    "apart.procedure.Recap", "apart.machine.Machine", "apart.machine.Step",
    "apart.account.LoginOutcome", "apart.account.AccountForm", "apart.recovery.Entropy",
    "apart.recovery.RequestOutcome", "apart.recovery.IssuedToken", "apart.recovery.Redemption",
    "apart.recovery.ResetCompletion",
}

# Public names that are annotations, not callables of the library: typing aliases and
# protocols (``DecimalLike``, ``Period``, ``Identifier``, ``Readable``, ``ArrowTable``), the
# exceptions (``ApartError`` and its families: the library raises them), and the enums
# (``enum.Enum``'s own call; their package-defined methods such as ``StreetExtension.parse``
# are in ``CASES``).
NOT_CALLABLES = {
    "apart.money.DecimalLike": "typing alias",
    "apart.procedure.Period": "typing alias",
    "apart.siret.Identifier": "typing alias",
    "apart.indemnity.Readable": "typing.Protocol of a file object",
    "apart.indemnity.ArrowTable": "typing.Protocol of an Arrow table",
}

MODULES = ["siret", "forms", "indemnity", "law", "money", "procedure", "machine", "account", "recovery"]


def _public_callables() -> list[str]:
    """The qualified name of every public callable, each object once (in its module)."""
    seen: set[int] = set()
    names: list[str] = []
    for module_name in [f"apart.{m}" for m in MODULES] + ["apart"]:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            qualified = f"{module_name}.{name}"
            if id(obj) in seen or not callable(obj):
                continue
            seen.add(id(obj))
            if qualified in NOT_CALLABLES or isinstance(obj, (types.GenericAlias, types.UnionType)):
                continue
            if inspect.isclass(obj) and issubclass(obj, BaseException):
                continue
            if inspect.isclass(obj):
                if not issubclass(obj, enum.Enum):
                    names.append(qualified)
                for attr, raw in vars(obj).items():
                    if attr.startswith("_") or isinstance(raw, property) or type(raw).__name__ == "getset_descriptor":
                        continue
                    if issubclass(obj, enum.Enum) and not isinstance(raw, (classmethod, staticmethod)):
                        continue
                    if callable(getattr(obj, attr)):
                        names.append(f"{qualified}.{attr}")
            else:
                names.append(qualified)
    return names


def test_every_public_callable_is_in_the_table() -> None:
    found = set(_public_callables())
    assert found - set(CASES) == set(), "public callables missing from CASES"
    assert set(CASES) - found == set(), "CASES names no public callable"
    assert NOT_CONSTRUCTIBLE <= set(CASES)


@pytest.mark.parametrize("name", sorted(NOT_CONSTRUCTIBLE))
def test_classes_made_by_the_library_have_no_constructor(name: str) -> None:
    get, params = CASES[name]
    assert params == []
    with pytest.raises(TypeError):
        get()()


def _signature_names(f: Callable[..., Any]) -> list[str] | None:
    try:
        sig = inspect.signature(f)
    except (TypeError, ValueError):
        return None
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    params = list(sig.parameters.values())
    if any(p.kind is inspect.Parameter.VAR_POSITIONAL for p in params):
        return None  # a record's constructor: positional fields named by the core
    return [p.name for p in params if p.kind in kinds and p.default is p.empty and p.name != "self"]


@pytest.mark.parametrize("name", sorted(set(CASES) - NOT_CONSTRUCTIBLE))
def test_the_table_names_the_required_arguments(name: str) -> None:
    get, params = CASES[name]
    names = _signature_names(get())
    if names is not None:
        assert names == [p.name for p in params]


def _cases() -> list[tuple[str, int, str]]:
    return [
        (name, i, kind)
        for name, (_, params) in sorted(CASES.items())
        if name not in NOT_CONSTRUCTIBLE
        for i in range(len(params))
        for kind in BAD
    ]


@pytest.mark.parametrize(("name", "index", "kind"), _cases())
def test_a_wrong_type_is_an_apart_error_naming_the_argument(name: str, index: int, kind: str) -> None:
    get, params = CASES[name]
    param = params[index]
    args = [q.valid for q in params]
    args[index] = BAD[kind]
    call = f"{name}({param.name}={BAD[kind]!r})"
    try:
        get()(*args)
    except apart.ApartError as e:
        if kind in param.accepts:
            return
        assert e.code == "INPUT_WRONG_TYPE", f"{call}: {e.code} {e.details} {e}"
        field = param.name if param.field == "" else param.field
        assert e.details.get("field") == field, f"{call}: {e.details} {e}"
        if field is not None:
            assert getattr(e, "field") == field
            assert f"« {field} »" in e.message and f"'{field}'" in e.message_in("en"), call
    except Exception as e:  # noqa: BLE001 - the point: nothing but an ApartError
        pytest.fail(f"{call}: {type(e).__name__}: {e}")
    else:
        assert kind in param.accepts, f"{call} accepted a {kind}"


def test_a_tuple_of_the_wrong_length_is_a_wrong_type() -> None:
    with pytest.raises(apart.InputError) as e:
        recovery.request_password_reset(("ID12345", "paie@exemple.fr"), E, NOW)  # type: ignore[arg-type]
    assert e.value.code == "INPUT_WRONG_TYPE" and e.value.details["field"] == "account"
    assert e.value.message_in("en") == (
        "wrong type for 'account': Python tuple of 2 items, expected a sequence of 4 items"
    )
    assert e.value.message == (
        "type invalide pour « account » : Python tuple de 2 éléments, attendu : une liste de 4 éléments"
    )


def test_the_argument_is_named_in_both_languages() -> None:
    with pytest.raises(apart.InputError) as e:
        apart.machine_by_id(None)  # type: ignore[arg-type]
    assert e.value.message_in("en") == "wrong type for 'machine_id': Python NoneType, expected a string"
    assert e.value.message == "type invalide pour « machine_id » : Python NoneType, attendu : un texte"
    assert e.value.field == "machine_id"  # type: ignore[attr-defined]
    assert e.value.to_dict()["details"] == {"field": "machine_id", "expected": "a string", "found": "Python NoneType"}
    with pytest.raises(apart.InputError) as e:
        siret.Siret.from_parts("732829320", siret.Nic("00074"))  # type: ignore[arg-type]
    assert e.value.message_in("en") == "wrong type for 'siren': Python str, expected an instance of Siren"
    assert e.value.message == "type invalide pour « siren » : Python str, attendu : une instance de Siren"


def test_a_separator_is_one_character() -> None:
    with pytest.raises(apart.InputError) as e:
        siret.Siren("732829320").format_with("--")
    assert e.value.code == "VALUE_OUT_OF_RANGE" and e.value.details["field"] == "separator"


def test_any_note_is_still_a_note() -> None:
    e = apart.InputError("INPUT_WRONG_TYPE", {"fr": "x", "en": "x"}, {"expected": "a string", "found": "y"})
    e.add_note("while processing 'name'")
    e.add_note("something else")
    assert getattr(e, "__notes__") == ["while processing 'name'", "something else"]
    assert e.details["field"] == "name"
    json.dumps(e.to_dict())
