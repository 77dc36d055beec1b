"""Form fields from Python: records, enums and the helpers around them."""

from __future__ import annotations

import copy
import datetime as dt
import pickle

import pytest

import apart
from apart import forms
from apart.forms import (
    City,
    Email,
    HumanCheck,
    LoginIdentifier,
    PhoneFr,
    PhoneKind,
    PhonePolicy,
    PostalArea,
    PostalCodeFr,
    SecretAnswer,
    StreetExtension,
    PhoneTerritory,
    TextRules,
)

UTC = dt.timezone.utc


def test_phone_record() -> None:
    p = PhoneFr.parse("01 02 03 04 05")
    assert p.e164 == "+33102030405"
    assert str(p) == "01 02 03 04 05"
    assert p.kind is PhoneKind.FIXED and p.is_fixed_line
    assert p.territory is None
    assert p == PhoneFr.parse("+33 1 02 03 04 05")
    assert p.to_dict()["kind"] == "fixed"
    assert pickle.loads(pickle.dumps(p)) == p
    assert copy.deepcopy(p) == p
    with pytest.raises(AttributeError):
        p.e164 = "x"  # type: ignore[misc]


def test_phone_overseas_and_policy() -> None:
    p = PhoneFr.parse("0692 12 34 56")
    assert p.kind is PhoneKind.OVERSEAS
    assert p.territory is PhoneTerritory.REUNION
    assert p.territory.country_code == "262"
    assert not p.territory.is_collectivity
    assert PhoneTerritory.NOUVELLE_CALEDONIE.is_collectivity
    with pytest.raises(apart.FormError):
        PhoneFr.parse("06 12 34 56 78", PhonePolicy(require_fixed_line=True))


def test_phone_optional() -> None:
    assert PhoneFr.parse_optional("  ") is None
    assert PhoneFr.parse_optional("0612345678") == PhoneFr.parse("0612345678")
    with pytest.raises(apart.FormError):
        PhoneFr.parse("")


def test_email() -> None:
    e = Email.parse("Jean@Exemple.FR")
    assert str(e) == "Jean@exemple.fr"
    assert e.domain == "exemple.fr" and e.local_part == "Jean"
    assert e.is_confirmed_by("Jean@exemple.fr")
    forms.confirm_email("Jean@Exemple.fr", "Jean@Exemple.fr")
    with pytest.raises(apart.FormError) as err:
        forms.confirm_email("Jean@Exemple.fr", "jean@exemple.com")
    assert err.value.code == "EMAIL_CONFIRMATION_MISMATCH"


def test_postal_code_city() -> None:
    pc = PostalCodeFr.parse("20000")
    assert pc.area is PostalArea.CORSICA and str(pc) == "20000"
    c = City.parse("Paris Cedex 08")
    assert c.is_cedex and c.cedex is not None
    assert not City.parse("Lyon").is_cedex


def test_login_identifier_and_names() -> None:
    li = LoginIdentifier.parse("Jean.Dupont")
    assert li.key == LoginIdentifier.parse("jean.dupont").key
    assert forms.parse_person_name("  Jean  ") == "Jean"
    with pytest.raises(apart.FormError):
        forms.parse_person_name("x" * 51)
    assert forms.parse_person_name("x" * 51, TextRules.FULL_NAME) == "x" * 51


def test_secret_answer() -> None:
    a = SecretAnswer(" Médor ", nom="Dupont", prenom="Jean")
    assert a.normalized == "medor"
    assert a.matches("MEDOR")
    assert "medor" not in repr(a)
    assert a == SecretAnswer("medor")
    with pytest.raises(apart.FormError):
        SecretAnswer("DUPONT", nom="Dupont")
    assert forms.normalize_secret_answer(" Médor ") == "medor"


def test_street() -> None:
    assert forms.parse_street_number(" 12 ") == "12"
    assert forms.parse_street_number("") is None
    assert StreetExtension.parse("bis") is StreetExtension.BIS
    assert StreetExtension.parse("") is None
    assert StreetExtension.QUINQUIES.label == "quinquies"
    assert forms.STREET_TYPES["AV"] == "Avenue"


def test_python_enums_match_the_core() -> None:
    # Drift check: the Python enum lists exactly what the core knows (the core's enums are the
    # core's own classes: Actor, PhoneTerritory... need no check).
    assert [(e.value, e.label) for e in StreetExtension] == apart._native.street_extensions()


def test_core_enums_are_str_enums_with_the_core_properties() -> None:
    assert apart.Actor("principal") is apart.Actor.PRINCIPAL and isinstance(apart.Actor.ASP, str)
    assert apart.Actor.__module__ == "apart.machine"
    assert PhoneTerritory.REUNION.country_code == "262"
    assert PhoneTerritory.NOUVELLE_CALEDONIE.is_collectivity
    assert not PhoneTerritory.GUYANE.is_collectivity
    assert [t.country_code for t in PhoneTerritory if t.is_collectivity] == ["508", "687", "689", "681"]
    assert pickle.loads(pickle.dumps(PostalArea.MONACO)) is PostalArea.MONACO


def test_text_helpers() -> None:
    assert TextRules.DESCRIPTION == TextRules(1, 1000, True)
    assert TextRules.DENOMINATION.to_dict() == {"min": 1, "max": 100, "multiline": False}
    assert forms.LIMITS["DESCRIPTION_MAX"] == 1000
    assert forms.description_len("😀") == 2
    assert forms.text_len_utf16("é") == 1
    assert forms.remaining("abc", 5) == 2
    assert forms.normalize_text("  a  ") == "a"
    assert forms.parse_bounded_text(" Acme ", TextRules(1, 5)) == "Acme"
    with pytest.raises(apart.FormError) as e:
        forms.parse_bounded_text("Acme SA", TextRules(1, 5))
    assert e.value.code == "TEXT_TOO_LONG"


def test_human_check() -> None:
    at = dt.datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    check = HumanCheck(at)
    assert check.is_verified and check.require() == at
    assert check.require_fresh(at + dt.timedelta(minutes=5), dt.timedelta(minutes=10)) == at
    with pytest.raises(apart.FormError) as e:
        check.require_fresh(at + dt.timedelta(minutes=11), dt.timedelta(minutes=10))
    assert e.value.code == "CAPTCHA_EXPIRED"
    assert e.value.details == {"age_seconds": 660, "max_age_seconds": 600}
    with pytest.raises(apart.FormError) as e:
        HumanCheck().require()
    assert e.value.code == "CAPTCHA_REQUIRED"
    assert HumanCheck(at).to_dict() == {"verified_at": "2026-01-01T12:00:00+00:00"}


def test_login_identifier_same_as() -> None:
    a, b = LoginIdentifier.parse("Jean.Dupont"), LoginIdentifier.parse("jean.dupont")
    assert a.same_as(b) == (a.key == b.key)


def test_form_values_are_the_core_types() -> None:
    # Native classes of the core (feature `python`): made by their parser, frozen, hashable,
    # picklable, with to_dict() giving plain data.
    values: list[object] = [
        PhoneFr.parse("+687 12 34 56", PhonePolicy(collectivities=True)),
        PhoneFr.parse("0892 12 34 56", PhonePolicy(allow_premium=True)),
        Email.parse("Jean@Exemple.FR"),
        PostalCodeFr.parse("97400"),
        City.parse("Paris Cedex 08"),
        City.parse("x" * 80, TextRules(1, 100)),
        LoginIdentifier.parse("Jean.Dupont"),
    ]
    for v in values:
        assert pickle.loads(pickle.dumps(v)) == v
        assert copy.copy(v) is v and hash(v) == hash(pickle.loads(pickle.dumps(v)))
        assert type(v).__module__ == "apart.forms"
        assert repr(v).startswith(type(v).__name__ + "(")
    assert PostalCodeFr.parse("97400").to_dict() == {"code": "97400", "area": "overseas"}
    assert City.parse("Lyon").to_dict() == {"text": "Lyon", "name": "Lyon", "cedex": None, "is_cedex": False}
    nc = PhoneFr.parse("+687 12 34 56", PhonePolicy(collectivities=True))
    assert nc.territory is PhoneTerritory.NOUVELLE_CALEDONIE and nc.kind is PhoneKind.OVERSEAS
    assert nc.to_dict()["territory"] == "nouvelle_caledonie"
    with pytest.raises(TypeError):
        Email()


def test_records_refuse_unknown_fields() -> None:
    assert PhonePolicy() == PhonePolicy(collectivities=False)
    assert hash(TextRules(1, 5)) == hash(TextRules(min=1, max=5, multiline=False))
    with pytest.raises(apart.InputError) as e:
        PhonePolicy(colectivities=True)  # type: ignore[call-arg]
    assert e.value.code == "INPUT_UNKNOWN_FIELD" and e.value.details["field"] == "colectivities"
    with pytest.raises(apart.InputError):
        TextRules(1, 5, multiline=True, max_lines=3)  # type: ignore[call-arg]
    with pytest.raises(apart.InputError):
        TextRules(1, -5)
    assert pickle.loads(pickle.dumps(TextRules.CITY)) == TextRules.CITY
