"""Errors from Python: one class per family of the core, code, messages in both languages,
fields, pickling, and panics arriving as ``apart.InternalError``."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable

import pytest

import apart
from apart import forms


def _siret_error() -> apart.SiretError:
    with pytest.raises(apart.SiretError) as e:
        apart.Siret("73282932000075")
    return e.value


def test_hierarchy() -> None:
    assert issubclass(apart.ApartError, ValueError)
    for cls in (
        apart.SiretError,
        apart.FormError,
        apart.MachineError,
        apart.InputError,
        apart.InternalError,
    ):
        assert issubclass(cls, apart.ApartError)
    assert apart.SiretError.__module__ == "apart"


def test_one_class_per_family_of_the_core() -> None:
    families = apart._native.families()
    assert [f for f, _ in families] == list(apart._errors.BY_FAMILY)
    for family, class_name in families:
        cls = getattr(apart, class_name)
        assert cls is apart._errors.BY_FAMILY[family] and cls.family == family
        assert issubclass(cls, apart.ApartError) and class_name in apart.__all__


def test_code_messages_and_fields() -> None:
    e = _siret_error()
    assert e.code == "SIRET_INVALID_KEY"
    assert e.message == "numéro SIRET invalide : clé de contrôle attendue 4, trouvée 5"
    assert str(e) == e.message
    assert e.message_in("en") == "invalid SIRET: check digit expected 4, found 5"
    assert e.message_in("en-GB") == e.message_in("en")
    assert e.message_in("fr_FR") == e.message
    with pytest.raises(ValueError):
        e.message_in("de")
    assert e.details == {"expected": 4, "found": 5}
    assert getattr(e, "expected") == 4 and getattr(e, "found") == 5
    assert repr(e).startswith("SiretError(code='SIRET_INVALID_KEY'")
    assert e.family == "siret"
    assert e.to_dict() == {
        "code": "SIRET_INVALID_KEY",
        "family": "siret",
        "messages": {"fr": e.message, "en": e.message_in("en")},
        "details": {"expected": 4, "found": 5},
    }


def test_text_and_int_fields() -> None:
    with pytest.raises(apart.SiretError) as e:
        apart.Siret("7328293200007x")
    assert e.value.details == {"character": "x", "index": 13, "expected": "siret"}


def test_errors_pickle_and_copy() -> None:
    e = _siret_error()
    for other in (pickle.loads(pickle.dumps(e)), copy.copy(e), copy.deepcopy(e)):
        assert type(other) is apart.SiretError
        assert (other.code, other.messages, other.details) == (e.code, e.messages, e.details)


def test_form_error() -> None:
    with pytest.raises(apart.FormError) as e:
        forms.Email.parse("jean@localhost")
    assert e.value.code == "EMAIL_DOMAIN_NO_TLD"
    assert e.value.codes() == ["EMAIL_DOMAIN_NO_TLD"]
    assert e.value.errors == ()
    assert pickle.loads(pickle.dumps(e.value)).code == "EMAIL_DOMAIN_NO_TLD"


def test_field_error_pickles() -> None:
    fe = apart.FieldError("email", "EMAIL_MISSING_AT", {"fr": "a", "en": "b"}, {"index": 1})
    assert fe.to_dict() == {"field": "email", "code": "EMAIL_MISSING_AT", "params": {"index": 1}}
    back = pickle.loads(pickle.dumps(fe))
    assert (back.field, back.code, back.details) == ("email", "EMAIL_MISSING_AT", {"index": 1})


def test_a_panic_is_an_internal_error() -> None:
    with pytest.raises(apart.InternalError) as e:
        apart._native._panic_for_tests("boom")
    assert e.value.code == "INTERNAL_PANIC"
    assert "boom" in e.value.message
    assert isinstance(e.value, ValueError)  # caught by `except Exception`, unlike PanicException


def test_every_error_is_caught_as_apart_error() -> None:
    calls: list[Callable[[], object]] = [
        lambda: apart.Siren("12"),
        lambda: forms.PhoneFr.parse("12"),
        lambda: forms.PostalCodeFr.parse("1234"),
        lambda: forms.parse_description(""),
        lambda: forms.HumanCheck().require(),
    ]
    for call in calls:
        with pytest.raises(apart.ApartError):
            call()
