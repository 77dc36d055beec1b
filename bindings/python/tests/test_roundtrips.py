"""Records that come back from pickle, copy, ``to_dict()`` and ``to_json()`` equal to what went
in: a refused claim line (its error's details keep the core's order) and the warnings of an
outcome."""

from __future__ import annotations

import copy
import json
import pickle
from typing import Any

import pytest

import apart
from apart.indemnity import ClaimLine, ClaimOutcome, EmployeeMonth, Warning, compute, compute_claim


def _refused_claim(accepted: bool = True) -> ClaimOutcome:
    # An amount the core cannot read: a refused line whose error has details (field, kind,
    # input, example), in the core's order.
    ok = [EmployeeMonth("2026-01", 3000, 70, employee="ok")] if accepted else []
    return compute_claim(
        "2026-01",
        [
            *ok,
            {"month": "2026-01", "gross_monthly": "3000 €", "employee": "bad"},
            EmployeeMonth("2025-12", 3000, 70, employee="wrong month"),
        ],
    )


def _same(a: Any, b: Any, text: bool = True) -> None:
    assert a == b
    assert list(a.to_dict()) == list(b.to_dict())
    if text:
        # The JSON text too. Not for outcomes with a zero amount: the core reads `0.00` as `0`
        # (equal, but written `0` again), in every front end.
        assert a.to_dict() == b.to_dict()
        assert a.to_json() == b.to_json()


def test_a_refused_claim_line_round_trips() -> None:
    claim = _refused_claim()
    line = claim.lines[1]
    assert line.error is not None and line.error["code"] == "VALUE_INVALID_DECIMAL"
    assert line.outcome is None and line.error is not None
    details = line.error["details"]
    assert list(details)[:2] == ["field", "kind"], details
    assert list(line.to_dict()["error"]["details"]) == list(details)
    assert list(json.loads(line.to_json())["error"]["details"]) == list(details)
    _same(pickle.loads(pickle.dumps(line)), line)
    _same(ClaimLine(**line.to_dict()), line)
    _same(ClaimLine(**json.loads(line.to_json())), line)
    _same(copy.copy(line), line)
    _same(copy.deepcopy(line), line)


@pytest.mark.parametrize("accepted", [True, False])
def test_a_claim_with_refused_lines_round_trips(accepted: bool) -> None:
    claim = _refused_claim(accepted)
    assert claim.totals.employees_refused == 2
    for again in (
        pickle.loads(pickle.dumps(claim)),
        ClaimOutcome(**claim.to_dict()),
        ClaimOutcome(**json.loads(claim.to_json())),
        copy.deepcopy(claim),
    ):
        _same(again, claim, text=not accepted)
        assert [line.error for line in again.lines] == [line.error for line in claim.lines]
        assert [line.to_json() for line in again.lines if line.error] == [
            line.to_json() for line in claim.lines if line.error
        ]


def _warnings() -> list[Warning]:
    out = compute(EmployeeMonth("2026-01", 3000, 160))
    assert out.warnings
    return out.warnings


def test_warnings_are_records() -> None:
    for w in _warnings():
        assert isinstance(w, Warning)
        _same(pickle.loads(pickle.dumps(w)), w)
        _same(Warning(**w.to_dict()), w)
        _same(Warning(**json.loads(w.to_json())), w)
        assert copy.copy(w) is w and copy.deepcopy(w) is w
        assert json.loads(w.to_json()) == w.to_dict()
        assert list(w.to_dict())[0] == "code" and list(w.to_dict())[-1] == "messages"
        # The repr is the constructor's call.
        assert eval(repr(w), {"Warning": Warning}) == w  # noqa: S307 - the test's own repr
        fields = {k: v for k, v in w.to_dict().items() if k != "messages"}
        assert Warning(**fields) == w


def test_a_warning_refuses_what_it_does_not_have() -> None:
    w = _warnings()[0]
    with pytest.raises(apart.InputError) as e:
        Warning(**w.to_dict(), colour="blue")
    assert e.value.code == "INPUT_UNKNOWN_FIELD"
    with pytest.raises(apart.InputError):
        Warning(code="NO_SUCH_WARNING")
    with pytest.raises(TypeError):
        Warning("HOURS_ABOVE_CONTRACT")


def test_an_outcome_with_warnings_round_trips() -> None:
    out = compute(EmployeeMonth("2026-01", 3000, 160))
    _same(pickle.loads(pickle.dumps(out)), out, text=False)
    assert pickle.loads(pickle.dumps(out)).warnings == out.warnings
