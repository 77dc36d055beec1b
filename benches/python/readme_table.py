"""Regenerates the performance table of bindings/python/README.md from the JSON figures of
``bench_siret.py --json`` and ``bench_indemnity.py --json`` (what ``make bench-python`` runs):
the table between ``<!-- bench-python -->`` and ``<!-- /bench-python -->`` is replaced, never
edited by hand.

    python benches/python/readme_table.py SIRET_JSON INDEMNITY_JSON README
"""

from __future__ import annotations

import json
import sys
from typing import Any

START, END = "<!-- bench-python -->", "<!-- /bench-python -->"


def table(siret: dict[str, Any], ind: dict[str, Any]) -> str:
    s = siret["per_siret"]
    stdnum = s["python-stdnum_2.2"]
    ns, us = 1e9, 1e6

    def siret_row(label: str, key: str) -> str:
        return (
            f"| {label} | {s[key] * ns:,.1f} ns | {stdnum / s[key]:,.0f}× | {s[key] / s['rust']:,.1f}× |"
        )

    rust_claim, n = ind["rust_claim"], ind["count"]
    lines = [
        f"One run of `make bench-python` (best of {siret['repeat']} for every line; shared 2-core machine).",
        "",
        f"| {siret['count']:,} SIRETs (half valid) | per SIRET | vs python-stdnum 2.2 | vs Rust |",
        "|---|---:|---:|---:|",
        siret_row("python-stdnum 2.2, `siret.is_valid` in a loop", "python-stdnum_2.2"),
        siret_row("`apart.is_valid_siret` in the same loop", "apart_per_call"),
        siret_row("`apart.is_valid_siret_many`, one call", "apart_batch"),
        siret_row("`apart.is_valid_siret_many`, two halves in two threads", "apart_batch,_2_threads"),
        siret_row("Rust `is_valid_siret` (timed inside the module)", "rust"),
        "",
        f"| indemnity, {n:,} employee-months of 2026-01 | time | per employee | vs Rust |",
        "|---|---:|---:|---:|",
        f"| Rust `compute`, per call | {ind['rust_compute'] * us:,.2f} µs | | 1× |",
        f"| Rust `compute_claim` | {rust_claim * 1e3:,.2f} ms | {rust_claim / n * us:,.2f} µs | 1× |",
        f"| `compute(EmployeeMonth)`, per call (target ≤ 3 µs) | {ind['py_compute_record'] * us:,.2f} µs | | "
        f"{ind['py_compute_record'] / ind['rust_compute']:,.0f}× |",
        f"| `compute(dict)`, per call | {ind['py_compute_dict'] * us:,.2f} µs | | "
        f"{ind['py_compute_dict'] / ind['rust_compute']:,.0f}× |",
        f"| `compute_claim` of the records (target ≤ 5× Rust) | {ind['py_claim'] * 1e3:,.1f} ms | "
        f"{ind['py_claim'] / n * us:,.2f} µs | {ind['py_claim'] / rust_claim:,.0f}× |",
        f"| `compute_claim` of the same as dicts | {ind['py_claim_dicts'] * 1e3:,.1f} ms | "
        f"{ind['py_claim_dicts'] / n * us:,.2f} µs | {ind['py_claim_dicts'] / rust_claim:,.0f}× |",
        f"| `compute_claim` of a pyarrow `Table` (the DataFrame path) | "
        f"{ind['py_claim_arrow'] * 1e3:,.1f} ms | {ind['py_claim_arrow'] / n * us:,.2f} µs | "
        f"{ind['py_claim_arrow'] / rust_claim:,.0f}× |",
        f"| the same, lines back as an Arrow table (`claim_table`) | "
        f"{ind['py_claim_table_out'] * 1e3:,.1f} ms | {ind['py_claim_table_out'] / n * us:,.2f} µs | "
        f"{ind['py_claim_table_out'] / rust_claim:,.0f}× |",
        f"| `compute_claim_csv` of the same as CSV text | "
        f"{ind['py_claim_csv'] * 1e3:,.1f} ms | {ind['py_claim_csv'] / n * us:,.2f} µs | "
        f"{ind['py_claim_csv'] / rust_claim:,.0f}× |",
    ]
    return "\n".join(lines)


def main() -> None:
    siret_path, ind_path, readme_path = sys.argv[1:4]
    with open(siret_path, encoding="utf-8") as f:
        siret = json.load(f)
    with open(ind_path, encoding="utf-8") as f:
        ind = json.load(f)
    with open(readme_path, encoding="utf-8") as f:
        text = f.read()
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    with open(readme_path, "w", encoding="utf-8") as f:
        f.write(f"{head}{START}\n{table(siret, ind)}\n{END}{tail}")
    print(f"{readme_path}: performance table regenerated")


if __name__ == "__main__":
    main()
