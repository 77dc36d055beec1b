"""The Python types at the boundary: exact decimals (never a float), aware instants, dates."""

from __future__ import annotations

import datetime as dt
import decimal

import pytest

import apart
from apart import _convert
from apart.forms import HumanCheck


def test_decimals_in() -> None:
    assert _convert.decimal_to_text(decimal.Decimal("151.67")) == "151.67"
    assert _convert.decimal_to_text(decimal.Decimal("1E+2")) == "100"
    assert _convert.decimal_to_text(12) == "12"
    assert _convert.decimal_to_text("11.88") == "11.88"
    assert _convert.text_to_decimal("0.10") == decimal.Decimal("0.10")


def test_floats_are_refused() -> None:
    with pytest.raises(TypeError, match="floats are inexact"):
        _convert.decimal_to_text(0.1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        _convert.decimal_to_text(True)
    with pytest.raises(apart.InputError) as e:
        _convert.decimal_to_text(decimal.Decimal("NaN"))
    assert e.value.code == "DECIMAL_NOT_FINITE"


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(apart.InputError) as e:
        HumanCheck(dt.datetime(2026, 1, 1)).require()
    assert e.value.code == "NAIVE_DATETIME"
    assert "naive" in e.value.message_in("en")
    assert e.value.details == {"argument": "verified_at"}
    with pytest.raises(TypeError):
        _convert.instant_to_micros("2026-01-01T00:00Z")  # type: ignore[arg-type]


def test_aware_datetimes_round_trip_in_utc() -> None:
    paris = dt.timezone(dt.timedelta(hours=1))
    at = dt.datetime(2026, 3, 1, 9, 30, 0, 123456, tzinfo=paris)
    micros = _convert.instant_to_micros(at)
    back = _convert.micros_to_instant(micros)
    assert back == at and back.utcoffset() == dt.timedelta(0)
    assert _convert.instant_to_micros(dt.datetime(1969, 12, 31, 23, 59, 59, tzinfo=dt.timezone.utc)) == -1_000_000
    # Through the core and back: HumanCheck.require returns the instant it was given, in UTC.
    assert HumanCheck(at).require() == at


def test_instants_out_of_the_core_range() -> None:
    far = dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone.utc)
    assert HumanCheck(far).require() == far


def test_dates() -> None:
    assert _convert.date_to_text(dt.date(2026, 2, 1)) == "2026-02-01"
    assert _convert.text_to_date("2026-02-01") == dt.date(2026, 2, 1)
    with pytest.raises(TypeError):
        _convert.date_to_text(dt.datetime(2026, 2, 1))
