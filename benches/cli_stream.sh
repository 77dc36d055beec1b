#!/usr/bin/env bash
# Streaming speed of `apart siret check -` on 1,000,000 lines (issue 2, item 6).
#
# The input follows spec §5: every other line a valid SIRET (`apart siret generate --seed 42`),
# the others 14 random digits (awk, seed 42). Prints lines per second for the human-readable
# output and for `--json`. Usage: bash benches/cli_stream.sh [LINES]
set -euo pipefail

lines="${1:-1000000}"
half=$((lines / 2))
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/apart-cli-stream.XXXXXX")"
trap 'rm -rf "$work"' EXIT

cargo build --release -p apart-cli --manifest-path "$root/Cargo.toml" >&2
apart="$root/target/release/apart"

"$apart" siret generate --count "$half" --seed 42 > "$work/valid.txt"
awk -v n="$half" 'BEGIN { srand(42); for (i = 0; i < n; i++) { s = "";
    for (j = 0; j < 14; j++) s = s int(rand() * 10); print s } }' > "$work/random.txt"
paste -d '\n' "$work/valid.txt" "$work/random.txt" > "$work/input.txt"
echo "input: $(wc -l < "$work/input.txt") lines, $(wc -c < "$work/input.txt") bytes" >&2

run() {
    local label="$1"; shift
    local start end status
    start=$(date +%s%N)
    status=0
    "$apart" siret check "$@" - < "$work/input.txt" > /dev/null || status=$?
    end=$(date +%s%N)
    # Exit status 1 is expected: half of the lines are invalid.
    if [ "$status" -gt 1 ]; then echo "$label: exit status $status" >&2; exit 1; fi
    awk -v l="$label" -v n="$lines" -v ns="$((end - start))" \
        'BEGIN { printf "%-6s %d lines in %.3f s: %.2f M lines/s (%.0f ns/line)\n", l, n, ns / 1e9, n / (ns / 1e9) / 1e6, ns / n }'
}

run text
run json --json
