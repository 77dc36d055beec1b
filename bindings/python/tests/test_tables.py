"""Claims from tables (issue 15): pandas, polars and pyarrow in through the Arrow PyCapsule
interface, an Arrow table of the lines out, every cell read in Rust."""

from __future__ import annotations

import datetime as dt
import json
import warnings
from decimal import Decimal
from typing import Any

import pandas as pd  # type: ignore[import-untyped]
import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]
import pytest

import apart
from apart.indemnity import (
    ClaimOutcome,
    EmployeeMonth,
    FloatRoundingWarning,
    claim_table,
    compute_claim,
)


def _code(line: Any) -> str | None:
    """The refused line's code (`line.error` is the error as data)."""
    return None if line.error is None else str(line.error["code"])


def _message(line: Any) -> str | None:
    """The refused line's French message."""
    return None if line.error is None else str(line.error["messages"]["fr"])

MONTH = "2026-01"

# Two employees the records path computes: 553.70 € and 830.90 € of indemnity.
COLUMNS: dict[str, list[Any]] = {
    "employee": ["A", "B"],
    "month": [MONTH, MONTH],
    "gross_monthly": [2000, 3000],
    "hours_not_worked": [70, 70],
}


def expected() -> ClaimOutcome:
    return compute_claim(
        MONTH,
        [EmployeeMonth(MONTH, 2000, 70, employee="A"), EmployeeMonth(MONTH, 3000, 70, employee="B")],
    )


@pytest.mark.parametrize(
    "table",
    [
        pytest.param(pd.DataFrame(COLUMNS), id="pandas"),
        pytest.param(pl.DataFrame(COLUMNS), id="polars"),
        pytest.param(pa.table(COLUMNS), id="pyarrow"),
        pytest.param(pa.RecordBatch.from_pydict(COLUMNS), id="pyarrow-batch"),
        pytest.param(pl.DataFrame(COLUMNS).with_columns(pl.col("employee").cast(pl.Categorical)), id="categorical"),
        pytest.param(pa.table({**COLUMNS, "gross_monthly": pa.array([2000, 3000], pa.int16())}), id="int16"),
    ],
)
def test_integer_columns_give_the_records_answer(table: Any) -> None:
    claim = compute_claim(MONTH, table)
    assert claim == expected()
    assert claim.totals.employee_indemnity == Decimal("1384.60")


def test_the_month_column_may_be_left_out() -> None:
    columns = {k: v for k, v in COLUMNS.items() if k != "month"}
    assert compute_claim(MONTH, pa.table(columns)) == expected()


def test_decimal_text_and_date_columns_are_exact() -> None:
    df = pl.DataFrame(
        {
            "month": [MONTH],
            "gross_monthly": [Decimal("2000.00")],
            "hours_not_worked": ["70"],
            "category": ["part-time"],
            "contract_hours": [Decimal("121.33")],
        }
    )
    claim = compute_claim(MONTH, df)
    assert _code(claim.lines[0]) is None
    assert claim.lines[0].outcome is not None
    assert claim.lines[0].outcome.employee_indemnity == Decimal("692.30")
    table = pa.table(
        {
            "month": [MONTH],
            "gross_monthly": pa.array([Decimal("2000.00")], pa.decimal128(12, 2)),
            "hours_not_worked": [70],
            "hours_date": pa.array([dt.date(2026, 1, 15)], pa.date32()),
        }
    )
    line = compute_claim(MONTH, table).lines[0]
    assert _code(line) is None and line.outcome is not None
    assert line.outcome.employee_indemnity == Decimal("553.70")


def test_a_refused_cell_makes_a_refused_line() -> None:
    df = pd.DataFrame(
        {
            "employee": ["A", "B", "C"],
            "month": [MONTH, MONTH, MONTH],
            "gross_monthly": [2000.0, 2000.5, 3000.0],
            "hours_not_worked": [70, 70, 70],
        }
    )
    claim = compute_claim(MONTH, df)
    # Float money without the option: every float cell refused on its own line.
    assert [_code(line) for line in claim.lines] == ["VALUE_FLOAT_REFUSED"] * 3
    assert [line.employee for line in claim.lines] == ["A", "B", "C"]
    assert claim.totals.employees == 0 and claim.totals.employees_refused == 3
    bad = pd.DataFrame({**COLUMNS, "month": [MONTH, "2026-13"]})
    claim = compute_claim(MONTH, bad)
    assert _code(claim.lines[0]) is None
    assert _code(claim.lines[1]) == "VALUE_INVALID_MONTH" and claim.lines[1].employee == "B"
    assert "2026-13" in (_message(claim.lines[1]) or "")
    assert claim.totals.employees == 1 and claim.totals.employees_refused == 1
    nan = pa.table({**COLUMNS, "gross_monthly": [2000.0, float("nan")]})
    claim = compute_claim(MONTH, nan, floats="round_cents")
    assert [_code(line) for line in claim.lines] == [None, "VALUE_NOT_FINITE"]


def test_missing_cells_are_missing_values() -> None:
    # pandas made the column float (NaN for the hole); through Arrow the hole is a null.
    holes = pd.DataFrame({"month": [MONTH, MONTH], "gross_monthly": [2000, None], "hours_not_worked": [70, 70]})
    claim = compute_claim(MONTH, holes, floats="round_cents")
    assert _code(claim.lines[0]) is None
    assert _code(claim.lines[1]) == "INPUT_MISSING_FIELD"


@pytest.mark.parametrize(
    "table",
    [
        pa.table({**COLUMNS, "gross_monthy": [1, 2]}),
        pl.DataFrame({**COLUMNS, "Employee": ["a", "b"]}),
    ],
    ids=["misspelt", "case"],
)
def test_an_unknown_column_refuses_the_table_as_a_csv_header(table: Any) -> None:
    with pytest.raises(apart.InputError) as e:
        compute_claim(MONTH, table)
    assert e.value.code == "INPUT_UNKNOWN_FIELD"


def test_float_money_only_with_the_option_and_a_warning() -> None:
    df = pd.DataFrame(
        {"month": [MONTH, MONTH], "gross_monthly": [2000.0, 2999.995], "hours_not_worked": [70.0, 70.0]}
    )
    with pytest.warns(FloatRoundingWarning, match=r"gross_monthly: 2 read, 1 changed"):
        claim = compute_claim(MONTH, df, floats="round_cents")
    assert claim.totals.employees == 2
    assert claim.lines[1].outcome is not None
    assert claim.lines[1].outcome.employee_indemnity == Decimal("830.90")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        compute_claim(MONTH, pd.DataFrame(COLUMNS), floats="round_cents")  # no float: no warning
    with pytest.raises(apart.InputError) as e:
        compute_claim(MONTH, df, floats="round")  # type: ignore[arg-type]
    assert e.value.code == "VALUE_UNKNOWN_VARIANT"
    with pytest.raises(TypeError):
        compute_claim(MONTH, [EmployeeMonth(MONTH, 2000, 70)], floats="round_cents")


def test_records_path_refuses_a_row_as_a_line_too() -> None:
    claim = compute_claim(
        MONTH,
        [
            {"month": MONTH, "gross_monthly": 2000, "hours_not_worked": 70},
            {"month": MONTH, "gross_monthly": 1.5, "hours_not_worked": 70, "employee": "Z"},
        ],
    )
    assert _code(claim.lines[1]) == "VALUE_FLOAT_REFUSED" and claim.lines[1].employee == "Z"


def refused_claim() -> ClaimOutcome:
    return compute_claim(MONTH, pa.table({**COLUMNS, "gross_monthly": [2000, -1]}))


def test_the_lines_as_an_arrow_table_with_exact_decimals() -> None:
    claim = refused_claim()
    table = pa.table(claim_table(claim))
    assert table.num_rows == 2 and len(claim_table(claim)) == 2
    rows = table.to_pylist()
    assert rows[0]["index"] == 0 and rows[0]["employee"] == "A"
    assert pa.types.is_decimal(table.schema.field("employee_indemnity").type)
    assert rows[0]["employee_indemnity"] == Decimal("553.70")
    assert rows[0]["hourly_reference_raw"] == claim.lines[0].outcome.hourly_reference_raw  # type: ignore[union-attr]
    assert rows[0]["month"] == MONTH and rows[0]["regime"] == "droit_commun"
    assert rows[1]["employee_indemnity"] is None
    refused = claim.lines[1]
    error_columns = {k: v for k, v in rows[1].items() if k.startswith("error") and v is not None}
    assert _code(refused) in error_columns.values()
    assert rows[0]["warnings"] is not None and json.loads(rows[0]["warnings"]) == [
        w.to_dict() for w in claim.lines[0].outcome.warnings  # type: ignore[union-attr]
    ]
    total = sum(r["employee_indemnity"] for r in rows if r["employee_indemnity"] is not None)
    assert total == claim.totals.employee_indemnity


def test_the_table_reads_into_pandas_and_polars() -> None:
    t = claim_table(refused_claim())
    frame = t.to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert frame["employee_indemnity"][0] == Decimal("553.70")
    assert list(frame.columns) == t.column_names
    # The line's serde order: index and employee first, then the outcome's figures in order.
    names = t.column_names
    assert names[:2] == ["index", "employee"]
    assert names.index("hourly_reference") < names.index("employee_indemnity")
    polars = t.to_polars()
    assert isinstance(polars, pl.DataFrame)
    assert polars["employee_indemnity"].dtype == pl.Decimal
    assert polars["employee_indemnity"][0] == Decimal("553.70")
    assert pl.DataFrame(t).equals(polars)
