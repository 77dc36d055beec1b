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
    assert _convert.decimal_to_text(decimal.Decimal("-1.5E-3")) == "-0.0015"
    assert _convert.decimal_to_text(12) == "12"
    assert _convert.decimal_to_text("11.88") == "11.88"


def test_floats_are_refused() -> None:
    cases: list[tuple[object, str]] = [
        (0.1, "VALUE_FLOAT_REFUSED"),
        (float("nan"), "VALUE_NOT_FINITE"),
        (True, "INPUT_WRONG_TYPE"),
        (decimal.Decimal("NaN"), "VALUE_NOT_FINITE"),
        (decimal.Decimal("-Infinity"), "VALUE_NOT_FINITE"),
        # Refused from its exponent, before any digit is written out (security audit F11).
        (decimal.Decimal("1E+999999999"), "VALUE_INVALID_DECIMAL"),
        (decimal.Decimal("1E-999999999"), "VALUE_INVALID_DECIMAL"),
    ]
    for value, code in cases:
        with pytest.raises(apart.InputError) as e:
            _convert.decimal_to_text(value, "pay")  # type: ignore[arg-type]
        assert (e.value.code, e.value.details["field"]) == (code, "pay"), value


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(apart.InputError) as e:
        HumanCheck(dt.datetime(2026, 1, 1)).require()
    assert e.value.code == "VALUE_INVALID_INSTANT"
    assert e.value.details["field"] == "verified_at"
    with pytest.raises(apart.InputError) as e:
        HumanCheck(12).require()  # type: ignore[arg-type]
    assert e.value.code == "INPUT_WRONG_TYPE"


def test_aware_datetimes_round_trip_with_their_offset() -> None:
    paris = dt.timezone(dt.timedelta(hours=1))
    at = dt.datetime(2026, 3, 1, 9, 30, 0, 123456, tzinfo=paris)
    epoch_minus_1s = dt.datetime(1969, 12, 31, 23, 59, 59, tzinfo=dt.timezone.utc)
    assert HumanCheck(epoch_minus_1s).require() == epoch_minus_1s
    assert HumanCheck(epoch_minus_1s).require().tzinfo is dt.timezone.utc
    # Through the core and back: HumanCheck.require returns the instant it was given.
    assert HumanCheck(at).require() == at
    assert HumanCheck(at).require().utcoffset() == dt.timedelta(hours=1)


def test_sub_second_offsets_are_refused() -> None:
    odd = dt.timezone(dt.timedelta(seconds=1, microseconds=5))
    with pytest.raises(apart.InputError) as e:
        HumanCheck(dt.datetime(2026, 1, 1, tzinfo=odd)).require()
    assert e.value.code == "VALUE_INVALID_INSTANT"


def test_instants_at_the_ends_of_python_range() -> None:
    far = dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone.utc)
    assert HumanCheck(far).require() == far
    near = dt.datetime(1, 1, 1, tzinfo=dt.timezone.utc)
    assert HumanCheck(near).require() == near


def test_dates() -> None:
    from apart.procedure import period_days

    assert period_days(dt.date(2026, 2, 1), "2026-02-01") == 1
    for bad in (dt.datetime(2026, 2, 1), "2026-02-30", 20260201):
        with pytest.raises(apart.InputError) as e:
            period_days(bad, dt.date(2026, 2, 1))  # type: ignore[arg-type]
        assert e.value.code in ("VALUE_INVALID_DATE", "INPUT_WRONG_TYPE")
        assert e.value.details["field"] == "start"


def test_class_docs_hold_no_rust_examples() -> None:
    from apart import _native

    docs = [c.__doc__ for c in vars(_native).values() if isinstance(c, type) and c.__doc__]
    assert len(docs) > 20
    assert not [d for d in docs if "```" in d or "use apart::" in d or "# Example" in d]
    # The prose stays.
    assert apart.indemnity.Contributions.__doc__ == (
        "CSG/CRDS (and Alsace-Moselle sickness contribution) on the indemnity, after écrêtement."
    )
    assert _native.doc_without_rust_examples("A.\n\n# Example\n\n```\nlet a = 1;\n```\n\nB.") == "A.\n\nB."
