"""Every case of every file of ``tests/vectors/``, run through the Python package, with the
results the Rust runners expect (``tests/suite/*.rs``).

Skip list (cases this runner may not pass, with the reason), as in regex's BLACKLIST: none.
Vector files this runner does not know yet make ``test_every_vector_file_has_a_runner`` fail,
so a new file cannot be silently left out.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Callable
from typing import Any

import pytest

import apart
from apart import forms
from apart.siret import Siren, Siret

from conftest import VECTORS

SKIP: dict[str, str] = {}
"""Case id -> reason. Empty: every case runs."""

RUNNERS = {"siret.tsv", "forms.json"}
DOCS = {".md"}


def test_every_vector_file_has_a_runner() -> None:
    files = {p.name for p in VECTORS.iterdir() if p.suffix not in DOCS}
    assert files - RUNNERS == set(), "vector files without a Python runner"


# --- siret.tsv ---------------------------------------------------------------------------------


def _siret_rows() -> list[dict[str, str]]:
    with open(VECTORS / "siret.tsv", encoding="ascii", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    for row in rows:
        row["input"] = codecs.decode(row["input"], "unicode_escape")
    return rows


SIRET_ROWS = _siret_rows()


def test_siret_vectors_are_all_there() -> None:
    assert len(SIRET_ROWS) >= 150


@pytest.mark.parametrize(
    "row", SIRET_ROWS, ids=[f"line{i + 2}-{r['kind']}" for i, r in enumerate(SIRET_ROWS)]
)
def test_siret_vector(row: dict[str, str]) -> None:
    valid = row["valid"] == "true"
    cls = Siren if row["kind"] == "siren" else Siret
    try:
        cls(row["input"])
        accepted = True
    except apart.SiretError as e:
        accepted = False
        reason = row["reason"].split(":")[0]
        # The same code families as tests/suite/siret.rs (vector_reasons_match_error_codes).
        expected_codes: Callable[[str], bool] = {
            "checksum": lambda c: c.endswith("_KEY") or c == "IDENTIFIER_PLACEHOLDER",
            "length": lambda c: c in ("IDENTIFIER_INVALID_LENGTH", "IDENTIFIER_EMPTY"),
            "format": lambda c: c in ("IDENTIFIER_INVALID_CHARACTER", "IDENTIFIER_INVALID_LENGTH"),
            "policy": lambda _: True,
        }[reason]
        assert expected_codes(e.code), (e.code, row)
    assert accepted == valid, row
    if row["kind"] == "siret":
        assert apart.is_valid_siret(row["input"]) == valid


def test_siret_vectors_batch_agrees() -> None:
    rows = [r for r in SIRET_ROWS if r["kind"] == "siret"]
    got = apart.is_valid_siret_many(r["input"] for r in rows)
    assert got == [r["valid"] == "true" for r in rows]
    parsed = apart.parse_siret_many([r["input"] for r in rows])
    assert [isinstance(p, Siret) for p in parsed] == got


# --- forms.json --------------------------------------------------------------------------------

FORMS = json.loads((VECTORS / "forms.json").read_text(encoding="utf-8"))["cases"]


def _input_of(case: dict[str, Any]) -> str:
    text = str(case["input"]) * int(case.get("repeat", 1))
    return text + str(case.get("suffix", ""))


def _run_form_case(case: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    """The normalized value and the extra outputs of one case (raises FormError)."""
    value = _input_of(case)
    field = case["field"]
    extras: dict[str, Any] = {}
    normalized: str | None
    if field == "phone":
        policy = forms.PhonePolicy(**case.get("options", {}))
        p = forms.PhoneFr.parse(value, policy)
        kind: dict[str, Any] = {"type": p.kind.value}
        if p.territory is not None and p.overseas_kind is not None:
            kind.update(territory=p.territory.value, kind=p.overseas_kind.value)
        extras = {"display": p.display, "kind": kind}
        normalized = p.e164
    elif field == "postal_code":
        pc = forms.PostalCodeFr.parse(value)
        extras = {"area": pc.area.value}
        normalized = pc.code
    elif field == "city":
        normalized = str(forms.City.parse(value))
    elif field == "email":
        normalized = str(forms.Email.parse(value))
    elif field == "email_confirmation":
        forms.confirm_email(value, case["confirmation"])
        normalized = None
    elif field == "description":
        extras = {"len": forms.description_len(value)}
        normalized = forms.parse_description(value)
    elif field == "login_identifier":
        li = forms.LoginIdentifier.parse(value)
        extras = {"key": li.key}
        normalized = li.identifier
    elif field == "person_name":
        normalized = forms.parse_person_name(value)
    elif field == "full_name":
        normalized = forms.parse_person_name(value, forms.TextRules.FULL_NAME)
    elif field == "secret_answer":
        ctx = case.get("context", {})
        normalized = forms.SecretAnswer(
            value, nom=ctx.get("nom"), prenom=ctx.get("prenom"), identifier=ctx.get("identifier")
        ).normalized
    elif field == "street_number":
        normalized = forms.parse_street_number(value)
    elif field == "street_extension":
        ext = forms.StreetExtension.parse(value)
        normalized = None if ext is None else ext.value
    elif field == "denomination":
        normalized = forms.parse_bounded_text(value, forms.TextRules.DENOMINATION)
    else:
        raise AssertionError(f"unknown field kind {field}")
    return normalized, extras


def test_forms_vectors_are_all_there() -> None:
    assert len(FORMS) >= 100
    assert len({c["id"] for c in FORMS}) == len(FORMS)


@pytest.mark.parametrize("case", FORMS, ids=[c["id"] for c in FORMS])
def test_forms_vector(case: dict[str, Any]) -> None:
    if case["id"] in SKIP:
        pytest.skip(SKIP[case["id"]])
    assert case.get("source"), "no source"
    # The description's length is checked whatever the outcome, as the Rust runner does.
    if case["field"] == "description" and "len" in case:
        assert forms.description_len(_input_of(case)) == case["len"]
    try:
        normalized, extras = _run_form_case(case)
    except apart.FormError as e:
        assert not case["valid"], f"refused with {e.code}"
        assert e.code == case["code"]
        # Message conventions of design §4, seen from Python.
        for lang in ("fr", "en"):
            m = e.message_in(lang)
            assert m and not m.endswith(".") and not m[0].isupper(), m
        assert e.message_in("fr") != e.message_in("en")
        assert str(e) == e.message
        return
    assert case["valid"], f"accepted as {normalized!r}, expected {case.get('code')}"
    if isinstance(case.get("normalized"), str):
        assert normalized == case["normalized"]
    for key, value in extras.items():
        if key in case:
            assert value == case[key], key

