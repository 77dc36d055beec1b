"""Claims from CSV (issue 15 item 3): the core's reader, the same as ``apart claim``."""

from __future__ import annotations

from typing import Any

import io
import pathlib
from decimal import Decimal

import pytest

import apart
from apart.indemnity import CSV_MAX_LINE, EmployeeMonth, compute_claim, compute_claim_csv


def _code(line: Any) -> str | None:
    """The refused line's code (`line.error` is the error as data)."""
    return None if line.error is None else str(line.error["code"])


def _message(line: Any) -> str | None:
    """The refused line's French message."""
    return None if line.error is None else str(line.error["messages"]["fr"])

ROOT = pathlib.Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "claim.csv"

SEMICOLONS = "employee;gross_monthly;hours_not_worked\nA;3 000,00;70\nB;2000;abc\n"


def test_the_example_of_the_cli_reads_the_same() -> None:
    claim = compute_claim_csv(EXAMPLE, month="2026-01")
    assert [line.employee for line in claim.lines] == [
        "Jeanne Martin",
        "Paul Durand",
        "Awa Diallo",
        "Léo Petit",
    ]
    first = claim.lines[0].outcome
    assert first is not None and first.employee_indemnity == Decimal("553.70")
    # « 2 000 € »: the unit is the column's, the cell is refused on its line.
    assert claim.lines[3].outcome is None
    assert _code(claim.lines[3]) == "VALUE_INVALID_DECIMAL"
    assert (claim.totals.employees, claim.totals.employees_refused) == (3, 1)


def test_text_bytes_path_and_files_give_the_same_claim(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "claim.csv"
    path.write_text(SEMICOLONS, encoding="utf-8")
    claims = [
        compute_claim_csv(SEMICOLONS, "2026-01"),
        compute_claim_csv(SEMICOLONS.encode(), "2026-01"),
        compute_claim_csv(path, "2026-01"),
        compute_claim_csv(io.BytesIO(SEMICOLONS.encode()), "2026-01"),
        compute_claim_csv(io.StringIO(SEMICOLONS), "2026-01"),
    ]
    with path.open("rb") as binary:
        claims.append(compute_claim_csv(binary, "2026-01"))
    assert all(c == claims[0] for c in claims)
    claim = claims[0]
    # Decimal comma and a space between thousands, with `;`.
    assert claim.totals.employee_indemnity == Decimal("830.90")
    refused = claim.lines[1]
    assert refused.employee == "B" and _code(refused) == "VALUE_INVALID_DECIMAL"
    assert (_message(refused) or "").startswith("ligne 3")


def test_the_same_claim_as_the_records() -> None:
    text = "employee,month,gross_monthly,hours_not_worked\nA,2026-01,2000,70\nB,2026-01,3000,70\n"
    records = [
        EmployeeMonth("2026-01", 2000, 70, employee="A"),
        EmployeeMonth("2026-01", 3000, 70, employee="B"),
    ]
    assert compute_claim_csv(text).totals == compute_claim("2026-01", records).totals
    assert str(compute_claim_csv(text).month) == "2026-01"


def test_a_row_of_another_month_is_a_refused_line() -> None:
    text = "month,gross_monthly,hours_not_worked\n2026-01,2000,70\n2026-02,2000,70\n"
    claim = compute_claim_csv(text, month="2026-01")
    assert _code(claim.lines[0]) is None
    assert _code(claim.lines[1]) == "INDEMNITY_CLAIM_MONTH_MISMATCH"


@pytest.mark.parametrize(
    ("text", "month", "code"),
    [
        ("employee,gros\nA,1\n", "2026-01", "INPUT_UNKNOWN_FIELD"),
        ("employee,gross_monthly,hours_not_worked\n", "2026-01", "INPUT_MALFORMED"),
        ("employee,gross_monthly,hours_not_worked\nA,2000,70\n", None, "INPUT_MISSING_FIELD"),
    ],
)
def test_what_stops_the_reading_raises(text: str, month: str | None, code: str) -> None:
    with pytest.raises(apart.InputError) as info:
        compute_claim_csv(text, month)
    assert info.value.code == code


def test_a_line_over_the_limit_is_refused_by_number() -> None:
    long_name = "x" * 300
    text = f"employee,gross_monthly,hours_not_worked\n{long_name},2000,70\nB,2000,70\n"
    claim = compute_claim_csv(text, "2026-01", max_line=256)
    assert _code(claim.lines[0]) is not None
    assert long_name not in (_message(claim.lines[0]) or "")
    assert claim.lines[1].outcome is not None
    assert CSV_MAX_LINE == 64 * 1024


def test_a_missing_file_is_an_os_error(tmp_path: pathlib.Path) -> None:
    with pytest.raises(FileNotFoundError) as e:
        compute_claim_csv(tmp_path / "absent.csv", "2026-01")
    # As open() says it (trial 2: no errno, no file name).
    assert e.value.errno == 2 and e.value.filename == tmp_path / "absent.csv"
    assert "absent.csv" in str(e.value) and e.value.strerror == "No such file or directory"


def test_the_file_object_s_own_error_comes_back() -> None:
    class Broken(io.RawIOBase):
        def read(self, size: int = -1) -> bytes:
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        compute_claim_csv(Broken(), "2026-01")


def test_other_sources_are_a_wrong_type() -> None:
    with pytest.raises(apart.InputError) as info:
        compute_claim_csv(42, "2026-01")  # type: ignore[arg-type]
    assert info.value.code == "INPUT_WRONG_TYPE"
