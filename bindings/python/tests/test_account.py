"""Accounts and recovery from Python: login outcomes, the account form, secret answers,
tokens. The end-to-end scenarios are the shared vectors (test_vectors.py, lifecycle.json)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

import apart
from apart import account, recovery
from apart.account import AccountForm, Application, Argon2idHasher
from apart.recovery import Entropy, Purpose

NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.timezone.utc)
SMALL = Argon2idHasher(64, 1, 1)  # small costs: tests only


def _credential() -> str:
    m = apart.machine_by_id("apart.credential")
    assert m is not None
    return m.new_snapshot(
        {"identifier": "ID12345", "email": "paie@exemple.fr", "nom": "Martin", "prenom": "Claire"}
    )


def test_login_of_a_credential_not_activated() -> None:
    calls: list[int] = []

    def verify() -> bool:
        calls.append(1)
        return True

    out = account.authenticate(_credential(), verify, [], Application.APART, NOW)
    assert isinstance(out.error, apart.AccountError)
    assert out.error.code == "ACCOUNT_NOT_ACTIVATED"
    assert out.establishments is None
    with pytest.raises(apart.AccountError):
        out.raise_for_error()
    assert len(calls) <= 1
    wrong = account.authenticate(_credential(), False, [], "apart", NOW)
    assert wrong.error is not None and wrong.error.code == "INVALID_CREDENTIALS"


def test_login_of_an_unknown_identifier_counts_attempts() -> None:
    out = account.authenticate(None, False, [], Application.APART, NOW)
    assert out.error is not None and out.error.code == "INVALID_CREDENTIALS"
    assert out.update_kind in ("counter", "unchanged")


def test_an_exception_in_verify_password_propagates() -> None:
    def verify() -> bool:
        raise RuntimeError("hash service down")

    with pytest.raises(RuntimeError, match="hash service down"):
        account.authenticate(_credential(), verify, [], Application.APART, NOW)


def _form(**changes: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
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
    fields.update(changes)
    return fields


def test_account_form_reports_every_field() -> None:
    with pytest.raises(apart.FormError) as e:
        AccountForm.validate(_form(postal_code="6900", email_confirmation="x@y.fr", nom=""))
    assert e.value.code == "FORM_INVALID"
    fields = [f.field for f in e.value.errors]
    assert set(fields) == {"postal_code", "nom", "email_confirmation"}
    assert all(isinstance(f, apart.FieldError) and f.code for f in e.value.errors)
    assert e.value.details["count"] == 3


def test_account_form_seals_the_answer() -> None:
    form = AccountForm.validate(_form())
    assert form.details()["establishment"]["postal_code"] == "69002"
    request = form.seal(SMALL, Entropy.fixed(b"\x05"))
    stored = request["secret_answer"]
    assert "medor" not in json.dumps(request).lower()
    assert SMALL.verify("medor", json.dumps(stored))
    with pytest.raises(apart.AccountError) as e:
        form.seal(SMALL, Entropy.fixed(b"\x05"))
    assert e.value.code == "ACCOUNT_FORM_SEALED"
    assert e.value.messages["en"] == "form already sealed: the clear secret answer is gone"
    error, counter = account.check_secret_answer(SMALL, "rex", stored, NOW)
    assert error is not None and error.code == "SECRET_ANSWER_INVALID"
    assert counter["failures"] == 1


def test_account_form_takes_the_library_s_own_objects() -> None:
    # Trial 2: the forms module's HumanCheck was refused by the form it is made for ("Python
    # HumanCheck, expected struct HumanCheck"), and a Siret object inside a record too.
    from apart.forms import HumanCheck

    at = dt.datetime(2026, 3, 2, 9, tzinfo=dt.timezone.utc)
    form = AccountForm.validate(_form(human_check=HumanCheck(at)))
    assert form.details()["establishment"]["postal_code"] == "69002"
    with pytest.raises(apart.FormError) as e:
        AccountForm.validate(_form(human_check=HumanCheck()))
    assert e.value.codes() == ["CAPTCHA_REQUIRED"]
    context = {"reference": "DA-1", "establishment": {"siret": apart.Siret("73282932000074"),
               "name": "Boulangerie Martin", "address": "1 rue de la Paix, 75002 Paris"},
               "request": {"motive": "economic_conditions", "employees": 4, "hours": "600",
                           "period": {"start": "2022-03-01", "end": "2022-05-31"}}}
    da = apart.machine_by_id("apart.da")
    assert da is not None
    assert json.loads(da.new_snapshot(context))["context"]["establishment"]["siret"] == "73282932000074"


def test_tokens_issue_and_redeem() -> None:
    entropy = Entropy.fixed(bytes(range(1, 40)))
    issued = recovery.issue("ID12345", Purpose.PASSWORD_RESET, entropy, NOW)
    assert "secret" not in repr(issued)
    record = json.loads(issued.token)
    assert recovery.token_id(issued.secret) == record["context"]["id"]
    ok = recovery.redeem(issued.secret, Purpose.PASSWORD_RESET, issued.token, NOW + dt.timedelta(minutes=5))
    assert ok.error is None and ok.raise_for_error()["subject"] == "id12345"  # the canonical form
    assert ok.token is not None
    again = recovery.redeem(issued.secret, "password_reset", ok.token, NOW + dt.timedelta(minutes=6))
    assert again.error is not None
    with pytest.raises(apart.AccountError):
        recovery.token_id("not a link")
    revoked = recovery.revoke_all([issued.token], "ID12345", recovery.RevokeReason.PASSWORD_CHANGED, NOW)
    assert len(revoked) == 1


def test_requests_answer_the_same_for_unknown_accounts() -> None:
    known = recovery.request_password_reset(
        ("ID12345", "paie@exemple.fr", [], []), Entropy.fixed(b"\x01\x02"), NOW
    )
    unknown = recovery.request_password_reset(None, Entropy.fixed(b"\x01\x02"), NOW)
    assert known.public == unknown.public
    assert known.issued is not None and unknown.issued is None
    assert [e["type"] for e in known.effects] == ["send_email"]
    # The e-mail holds the working reset link: never in repr, which ends up in logs (trial 2).
    token = known.effects[0]["body"]["token"]
    assert token and token not in repr(known) and "effects" not in repr(known)
    assert set(recovery.DEFAULT_POLICIES) >= {"TokenPolicy", "ResetRequestPolicy"}


def test_habilitation_helpers_on_no_records() -> None:
    assert account.check_invariants([]) == []
    assert account.authorised_establishments([], "ID12345", Application.APART, NOW) == []
    facts = account.request_facts([], "ID12345", "73282932000074", "apart", False)
    assert facts["establishment_has_principal"] is False


def test_naive_now_is_refused_everywhere() -> None:
    with pytest.raises(apart.InputError):
        account.authenticate(None, False, [], Application.APART, dt.datetime(2026, 3, 2))


def test_public_message() -> None:
    out = recovery.request_password_reset(None, Entropy.fixed(b"\x01"), NOW)
    assert "60 min" in out.message
    assert out.message_in("en") != out.message


def test_argon2id_costs_are_three_or_none() -> None:
    with pytest.raises(apart.InputError) as e:
        Argon2idHasher(64, 1)
    assert (e.value.code, e.value.details["field"]) == ("INPUT_MISSING_FIELD", "p_cost")
    with pytest.raises(apart.InputError) as e:
        Argon2idHasher(t_cost=1)
    assert e.value.details["field"] == "m_cost"
