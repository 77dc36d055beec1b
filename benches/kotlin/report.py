"""Turns one `make bench-kotlin` run into the README's performance table (and prints it).

Reads JMH's JSON (3 forks per benchmark: the best fork's mean is kept, "best of three") and
criterion's estimates for Rust alone (same machine, same run), writes the table between the
markers `<!-- bench-kotlin:start -->` and `<!-- bench-kotlin:end -->` of the README.

Usage: python3 report.py JMH_JSON CRITERION_DIR README
"""

import json
import statistics
import sys
from pathlib import Path

# (JMH method, what it is, target from issue 15 in ns or None)
ROWS = [
    ("fastIsValidSiret", "`ApartFast.isValidSiret` (JNI)", 200),
    ("fastParseSiret", "`ApartFast.parseSiret` (JNI, 14 digits out)", None),
    ("fastBatchPerSiret", "`ApartFast.validSirets`, 1 000 per call, per SIRET (JNI)", 50),
    ("fastLinesPerSiret", "`ApartFast.validSiretsInLines`, 1 000 lines in one text, per SIRET (JNI)", 50),
    ("uniffiIsValidSiret", "`isValidSiret` (uniffi, JNA)", None),
    ("anchorCommonsValidatorLuhn", "anchor: commons-validator `LuhnCheckDigit` (Luhn only)", None),
    ("anchorJavaLuhn", "anchor: hand-written Java Luhn (Luhn only)", None),
    ("fastComputeJson", "`ApartFast.computeJson` (JNI, JSON in and out)", 5000),
    ("uniffiCompute", "`compute` (uniffi, typed records)", None),
    ("fastClaimJsonPerEmployee", "`ApartFast.computeClaimJson`, 1 000 employees, per employee (JNI)", None),
]
RUST = {
    "fastIsValidSiret": ("siret", "is_valid_plain"),
    "fastParseSiret": ("siret", "parse_plain"),
    "fastBatchPerSiret": ("siret", "is_valid_plain"),
    "fastLinesPerSiret": ("siret", "is_valid_plain"),
    "fastComputeJson": ("employee_month", "explain_off"),
    "uniffiCompute": ("employee_month", "explain_off"),
    "fastClaimJsonPerEmployee": ("claim_10000", "explain_off"),
}
PER_ELEMENT = {"claim_10000": 10000}


def best_of_forks(bench):
    forks = bench["primaryMetric"]["rawData"]
    return min(statistics.mean(f) for f in forks), len(forks)


def rust_ns(criterion, group, name):
    path = Path(criterion) / group / name / "new" / "estimates.json"
    if not path.exists():
        return None
    ns = json.loads(path.read_text())["mean"]["point_estimate"]
    return ns / PER_ELEMENT.get(group, 1)


def fmt(ns):
    if ns is None:
        return "—"
    if ns >= 10_000:
        return f"{ns / 1000:,.0f} µs".replace(",", " ")
    if ns >= 1000:
        return f"{ns / 1000:.1f} µs"
    return f"{ns:.0f} ns" if ns >= 10 else f"{ns:.1f} ns"


def main():
    jmh_json, criterion, readme = sys.argv[1:4]
    results = {}
    forks = 0
    for b in json.loads(Path(jmh_json).read_text()):
        name = b["benchmark"].rsplit(".", 1)[-1]
        unit = b["primaryMetric"]["scoreUnit"]
        assert unit == "ns/op", unit
        results[name], forks = best_of_forks(b)
    anchor = results.get("anchorCommonsValidatorLuhn")
    lines = [
        f"| call | JVM → Rust (best of {forks} JMH forks) | target | Rust alone (criterion) | × commons-validator | × Rust |",
        "|---|---|---|---|---|---|",
    ]
    report = []
    for key, label, target in ROWS:
        if key not in results:
            continue
        ns = results[key]
        rust = rust_ns(criterion, *RUST[key]) if key in RUST else None
        vs_anchor = f"{ns / anchor:.1f}×" if anchor and key.endswith("Siret") else "—"
        vs_rust = f"{ns / rust:.0f}×" if rust else "—"
        met = "" if target is None else (" ✓" if ns <= target else " ✗")
        lines.append(f"| {label} | {fmt(ns)} | {fmt(target) + met if target else '—'} | {fmt(rust)} | {vs_anchor} | {vs_rust} |")
        report.append((key, ns, target))
    table = "\n".join(lines)
    print(table)
    for key, ns, target in report:
        if target is not None:
            print(f"{key}: {ns:.1f} ns (target {target} ns): {'met' if ns <= target else 'NOT met'}")
    text = Path(readme).read_text(encoding="utf-8")
    start, end = "<!-- bench-kotlin:start -->", "<!-- bench-kotlin:end -->"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        Path(readme).write_text(f"{head}{start}\n{table}\n{end}{tail}", encoding="utf-8")
        print(f"updated {readme}")


if __name__ == "__main__":
    main()
