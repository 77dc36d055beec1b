"""Identifiers from Python: construction, accessors, values semantics, batch calls."""

from __future__ import annotations

import copy
import pickle

import pytest

import apart
from apart.siret import Generator, IdentifierKind, Nic, Siren, Siret, Tva, detect


def test_siret_accessors() -> None:
    s = Siret("732 829 320 00074")
    assert s.as_str() == "73282932000074"
    assert str(s) == "732 829 320 00074"
    assert repr(s) == "Siret('73282932000074')"
    assert s.siren == Siren("732829320")
    assert s.nic == Nic("00074")
    assert s.nic.rank == 7 and s.nic.check_digit == 4
    assert s.parts() == (s.siren, s.nic)
    assert s.tva == Tva("FR44732829320")
    assert str(s.tva) == "FR 44 732 829 320"
    assert not s.is_la_poste
    assert s.format_with("-") == "732-829-320-00074"


def test_siren_accessors() -> None:
    s = Siren("552 008 443")
    assert s.check_digit == 3
    assert s.to_int() == 552008443
    assert Siren.complete("55200844") == s
    assert s.with_nic(Nic("00012")).siren == s
    assert Siren("356000000").is_la_poste
    assert Siren("000000083").to_int() == 83  # leading zeros kept in the value


def test_siret_builders() -> None:
    siren = Siren("732829320")
    assert Siret.complete(siren, "0007") == Siret("73282932000074")
    assert Siret.from_parts(siren, Nic("00074")) == Siret("73282932000074")
    with pytest.raises(apart.SiretError) as e:
        Siret.from_parts(siren, Nic("00075"))
    assert e.value.code == "SIRET_INVALID_KEY"


def test_tva() -> None:
    t = Tva("FR 44 732 829 320")
    assert t.key == 44
    assert t.siren == Siren("732829320")
    assert not t.is_monaco


def test_strict_parsers() -> None:
    assert Siret.parse_strict("73282932000074") == Siret("73282932000074")
    with pytest.raises(apart.SiretError):
        Siret.parse_strict("732 829 320 00074")
    assert Siren.parse_strict("732829320").as_str() == "732829320"
    assert Nic.parse_strict("00074").rank == 7
    assert Tva.parse_strict("FR44732829320").key == 44


def test_detect() -> None:
    assert detect("552 008 443") == Siren("552008443")
    assert detect(" 732-829-320-00074 ") == Siret("73282932000074")
    assert detect("FR00417625639") == Tva("FR00417625639")
    with pytest.raises(apart.SiretError) as e:
        detect("58801481")
    assert e.value.code == "IDENTIFIER_INVALID_LENGTH"
    assert e.value.details["hint"] == "leading_zero_lost"
    assert e.value.details["suggestion"] == "058801481"


def test_values_are_hashable_ordered_and_immutable() -> None:
    a, b = Siret("73282932000074"), Siret("73282932000082")
    assert a < b and sorted([b, a]) == [a, b]
    assert len({a, Siret("732 829 320 00074"), b}) == 2
    with pytest.raises(AttributeError):
        a.siren = Siren("552008443")  # type: ignore[misc]


@pytest.mark.parametrize(
    "value", [Siren("552008443"), Nic("00074"), Siret("73282932000074"), Tva("FR44732829320")]
)
def test_pickle_and_copy(value: object) -> None:
    assert pickle.loads(pickle.dumps(value)) == value
    assert copy.copy(value) is value
    assert copy.deepcopy(value) is value


def test_wrong_types_are_the_core_s_wrong_type() -> None:
    # Not a bare TypeError (the Python trial of 2026-12-07): InputError naming the argument.
    with pytest.raises(apart.InputError, match="value"):
        Siret(73282932000074)  # type: ignore[arg-type]
    with pytest.raises(apart.InputError, match="value"):
        apart.is_valid_siret(None)  # type: ignore[arg-type]
    with pytest.raises(apart.InputError, match=r"values\[1\]"):
        apart.is_valid_siret_many(["73282932000074", 73282932000074])  # type: ignore[list-item]


def test_lone_surrogate_is_an_invalid_character() -> None:
    assert not apart.is_valid_siret("7328293200007\ud800")
    with pytest.raises(apart.SiretError) as e:
        Siret("7328293200007\ud800")
    assert e.value.code == "IDENTIFIER_INVALID_CHARACTER"


def test_batch_accepts_any_iterable() -> None:
    values = ["73282932000074", "73282932000075", "", "732 829 320 00074"]
    expected = [True, False, False, True]
    assert apart.is_valid_siret_many(values) == expected
    assert apart.is_valid_siret_many(iter(values)) == expected
    assert apart.is_valid_siret_many(tuple(values)) == expected
    assert apart.is_valid_siret_many(v for v in values) == expected
    assert apart.is_valid_siret_many([]) == []
    parsed = apart.parse_siret_many(values)
    assert parsed[0] == Siret("73282932000074")
    err = parsed[1]
    assert isinstance(err, apart.SiretError) and err.code == "SIRET_INVALID_KEY"


def test_generator_is_seeded_and_valid() -> None:
    a, b = Generator(42), Generator(42)
    assert [a.siret() for _ in range(5)] == [b.siret() for _ in range(5)]
    strings = Generator(7).siret_strings(1000)
    assert all(apart.is_valid_siret_many(strings))
    assert Generator(1).la_poste_siret().is_la_poste
    siren = Siren("552008443")
    assert Generator(3).siret_of(siren).siren == siren
    assert Generator().seed >= 0


def test_identifier_kind_enum() -> None:
    with pytest.raises(apart.SiretError) as e:
        Siren("")
    assert IdentifierKind(e.value.details["expected"]) is IdentifierKind.SIREN


def test_absurd_batch_sizes_are_memory_errors() -> None:
    with pytest.raises(MemoryError):
        Generator(1).siret_strings(2**62)
