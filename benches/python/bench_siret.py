"""apart against python-stdnum 2.2 on one million SIRETs, in one run (issue 6, item 7).

The input follows spec siret.md §5, as benches/cli_stream.sh does: every other value is a
valid SIRET (apart's seeded generator, seed 42), the others 14 random digits (seed 42). Four
timings over the same list:

* python-stdnum: ``stdnum.fr.siret.is_valid(s)`` for each value;
* apart per call: ``apart.is_valid_siret(s)`` for each value (same loop shape);
* apart batch: ``apart.is_valid_siret_many(values)``, one call;
* apart batch, 2 threads: two halves in two threads at once (the GIL is released while Rust
  checks, so this can use both cores).

Prints the ratios against python-stdnum (aims: 50x per call, 150x batch) and against Rust's
``is_valid_siret`` timed inside the module. Run with ``make bench-python`` (best of three, the
test environment's wheel) or ``python benches/python/bench_siret.py``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import apart
from apart.siret import Generator

try:
    from stdnum.fr import siret as stdnum_siret
except ImportError:  # pragma: no cover
    sys.exit("python-stdnum is needed: pip install python-stdnum==2.2")


def dataset(n: int) -> list[str]:
    half = n // 2
    valid = Generator(42).siret_strings(half)
    rng = random.Random(42)
    noise = ["".join(rng.choice("0123456789") for _ in range(14)) for _ in range(n - half)]
    out: list[str] = []
    for v, r in zip(valid, noise):
        out += (v, r)
    return out + noise[len(valid) :]


def timed(label: str, f: Callable[[], list[bool]], repeat: int) -> tuple[float, list[bool]]:
    best, result = float("inf"), []
    for _ in range(repeat):
        start = time.perf_counter()
        result = f()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (each library)")
    parser.add_argument("--json", help="write the figures here (for readme_table.py)")
    args = parser.parse_args()

    values = dataset(args.count)
    n = len(values)
    is_valid, stdnum_is_valid = apart.is_valid_siret, stdnum_siret.is_valid
    half = n // 2

    def two_threads() -> list[bool]:
        with ThreadPoolExecutor(max_workers=2) as pool:
            a, b = pool.map(apart.is_valid_siret_many, [values[:half], values[half:]])
        return a + b

    runs = [
        ("python-stdnum 2.2", lambda: [stdnum_is_valid(s) for s in values]),
        ("apart per call", lambda: [is_valid(s) for s in values]),
        ("apart batch", lambda: apart.is_valid_siret_many(values)),
        ("apart batch, 2 threads", two_threads),
    ]
    results: dict[str, tuple[float, list[bool]]] = {}
    print(f"{n} SIRETs (half valid), Python {sys.version.split()[0]}, apart {apart.__version__}")
    for label, f in runs:
        results[label] = timed(label, f, args.repeat)
        seconds, verdicts = results[label]
        print(
            f"  {label:<24} {seconds:8.3f} s  {seconds / n * 1e9:8.1f} ns/SIRET"
            f"  {n / seconds / 1e6:7.2f} M/s  ({sum(verdicts)} valid)"
        )
    base = results["python-stdnum 2.2"][0]
    per_call = base / results["apart per call"][0]
    batch = base / results["apart batch"][0]
    threads = base / results["apart batch, 2 threads"][0]
    print(f"ratio per call:  {per_call:7.1f}x python-stdnum (aim 50x)")
    print(f"ratio batch:     {batch:7.1f}x python-stdnum (aim 150x)")
    print(f"ratio 2 threads: {threads:7.1f}x python-stdnum")
    # The verdicts differ only where the libraries' rules differ (La Poste, placeholders).
    disagreements = sum(
        a != b for a, b in zip(results["python-stdnum 2.2"][1], results["apart batch"][1])
    )
    print(f"verdicts that differ from python-stdnum: {disagreements} of {n}")
    # Rust itself: `apart::siret::is_valid_siret` over the same values, timed inside the module.
    rust = apart._native._rust_siret_timing(values, args.repeat)
    print(f"  {'Rust is_valid_siret':<24} {rust:8.3f} s  {rust / n * 1e9:8.1f} ns/SIRET")
    print(f"ratio per call / Rust: {results['apart per call'][0] / rust:7.1f}x, batch / Rust:"
          f" {results['apart batch'][0] / rust:7.1f}x")
    if args.json:
        import json

        figures = {label.replace(" ", "_"): seconds / n for label, (seconds, _) in results.items()}
        figures["rust"] = rust / n
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump({"count": n, "repeat": args.repeat, "per_siret": figures}, out, indent=1)
    assert results["apart per call"][1] == results["apart batch"][1] == results["apart batch, 2 threads"][1]


if __name__ == "__main__":
    main()
