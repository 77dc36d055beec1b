"""apart's indemnity from Python against Rust itself, in one run (issue 15).

Dataset: 10,000 employee-months of 2026-01 (seeded: gross 1,800–6,000 €, 7–147 hours not
worked), as the December 2026 audit measured. Timings, best of ``--repeat`` each:

* Rust: ``apart::indemnity::compute`` in a loop and ``compute_claim`` over the 10,000, timed
  inside the extension module (same build, same machine, no Python in the loop);
* Python ``compute(EmployeeMonth)`` per call (records built beforehand), ``compute(dict)``;
* Python ``compute_claim`` of the 10,000 records, of the same as dicts, as a pyarrow ``Table``
  (the Arrow path of DataFrames; decimal128 and text columns), its lines back as an Arrow table
  (``claim_table``), ``compute_claim_csv`` of the same as CSV text, and the records as a loop of
  ``compute``.

Prints a table and, with ``--json PATH``, writes the figures for ``readme_table.py``. Targets
(issue 15): ``compute`` ≤ 3 µs per call; the claim within 5× of Rust's ``compute_claim``; the
batch never slower per employee than the loop.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import apart
from apart import _native
from apart.indemnity import (
    EmployeeMonth,
    claim_table,
    compute,
    compute_claim,
    compute_claim_csv,
)

MONTH = "2026-01"


def dataset(n: int) -> list[dict[str, Any]]:
    rng = random.Random(42)
    return [
        {
            "month": MONTH,
            "gross_monthly": Decimal(rng.randint(180_000, 600_000)) / 100,
            "hours_not_worked": Decimal(rng.randint(700, 14_700)) / 100,
        }
        for _ in range(n)
    ]


def best(f: Callable[[], object], repeat: int) -> float:
    out = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        f()
        out = min(out, time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args()
    n, repeat = args.count, args.repeat

    rows = dataset(n)
    import pyarrow as pa  # type: ignore[import-untyped]  # test environment, not the wheel's

    table = pa.table({name: [r[name] for r in rows] for name in rows[0]})
    csv = "month,gross_monthly,hours_not_worked\n" + "".join(
        f"{r['month']},{r['gross_monthly']},{r['hours_not_worked']}\n" for r in rows
    )
    records = [EmployeeMonth(r["month"], r["gross_monthly"], r["hours_not_worked"]) for r in rows]
    rust_loop, rust_claim = _native._rust_indemnity_timings(MONTH, rows, repeat)
    figures = {
        "rust_compute": rust_loop / n,
        "rust_claim": rust_claim,
        "py_compute_record": best(lambda: [compute(e) for e in records], repeat) / n,
        "py_compute_dict": best(lambda: [compute(r) for r in rows], repeat) / n,
        "py_claim": best(lambda: compute_claim(MONTH, records), repeat),
        "py_claim_dicts": best(lambda: compute_claim(MONTH, rows), repeat),
        "py_claim_arrow": best(lambda: compute_claim(MONTH, table), repeat),
        "py_claim_table_out": best(lambda: claim_table(compute_claim(MONTH, table)), repeat),
        "py_claim_csv": best(lambda: compute_claim_csv(csv, MONTH), repeat),
    }
    figures["py_loop_per_employee"] = figures["py_compute_record"]
    claim = compute_claim(MONTH, records)
    assert claim.totals.employees == n, claim.totals
    print(f"{n} employee-months of {MONTH}, Python {sys.version.split()[0]}, apart {apart.__version__}")
    us = 1e6
    print(f"  Rust compute, per call                {figures['rust_compute'] * us:9.2f} µs")
    print(f"  Rust compute_claim of {n}          {figures['rust_claim'] * 1e3:9.2f} ms")
    print(f"  Python compute(EmployeeMonth)         {figures['py_compute_record'] * us:9.2f} µs  (target ≤ 3 µs)")
    print(f"  Python compute(dict)                  {figures['py_compute_dict'] * us:9.2f} µs")
    print(
        f"  Python compute_claim of {n}        {figures['py_claim'] * 1e3:9.2f} ms"
        f"  = {figures['py_claim'] / n * us:.2f} µs per employee"
    )
    print(f"  Python compute_claim of {n} dicts  {figures['py_claim_dicts'] * 1e3:9.2f} ms")
    print(f"  Python compute_claim of a pa.Table    {figures['py_claim_arrow'] * 1e3:9.2f} ms")
    print(f"  ... and claim_table of its lines      {figures['py_claim_table_out'] * 1e3:9.2f} ms")
    print(f"  Python compute_claim_csv of the same  {figures['py_claim_csv'] * 1e3:9.2f} ms")
    ratio = figures["py_claim"] / figures["rust_claim"]
    print(f"ratio claim, Python / Rust:           {ratio:9.1f}x  (target ≤ 5x)")
    loop = figures["py_compute_record"] * n
    print(f"ratio claim / loop of compute:        {figures['py_claim'] / loop:9.2f}   (target ≤ 1)")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"count": n, "repeat": repeat, **figures}, f, indent=1)


if __name__ == "__main__":
    main()
