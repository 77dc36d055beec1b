#!/usr/bin/env bash
# `make fuzz`: runs each fuzz target in turn (nightly + cargo-fuzz) for FUZZ_RUNS executions or
# FUZZ_SECONDS, whichever ends first, then prints the executions of each (libFuzzer's final
# stats), also kept in fuzz/logs/<target>.log. Stops at the first target that crashes (the input
# is in fuzz/artifacts/<target>/).
#
#   FUZZ_TARGETS="values claim_csv"  the targets (default: all)
#   FUZZ_RUNS=10000000               executions per target (-1: no limit)
#   FUZZ_SECONDS=600                 seconds per target (0: no limit; default 60, or no limit
#                                    when FUZZ_RUNS is given)
#   FUZZ_SANITIZER=none              build without AddressSanitizer (default address)
set -euo pipefail
cd "$(dirname "$0")/.."

targets=${FUZZ_TARGETS:?the targets}
runs=${FUZZ_RUNS:--1}
if [ -z "${FUZZ_SECONDS:-}" ]; then
  if [ "$runs" = "-1" ]; then seconds=60; else seconds=0; fi
else
  seconds=$FUZZ_SECONDS
fi
sanitizer=${FUZZ_SANITIZER:-address}
cargo=${CARGO:-cargo}

mkdir -p fuzz/logs
summary=fuzz/logs/summary.txt
printf '%-16s %14s %10s  %s\n' target executions exec/s "(runs=$runs seconds=$seconds sanitizer=$sanitizer)" > "$summary"
for t in $targets; do
  # Per-target libFuzzer options: claim_csv inputs are whole claims (every row computed four
  # times), so they are kept to a few dozen rows; lines longer than 256 bytes still occur.
  extra=()
  case $t in
    claim_csv) extra=(-max_len=2048) ;;
  esac
  log=fuzz/logs/$t.log
  CARGO_PROFILE_RELEASE_LTO=false $cargo +nightly fuzz run --features libfuzzer \
    -s "$sanitizer" "$t" "fuzz/corpus/$t" -- \
    -max_total_time="$seconds" -runs="$runs" -print_final_stats=1 "${extra[@]}" 2>&1 | tee "$log"
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  printf '%-16s %14s %10s\n' "$t" "${executions:-?}" "${speed:-?}" >> "$summary"
done
echo
cat "$summary"
