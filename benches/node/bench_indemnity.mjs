// The indemnity from Node against Rust itself, in one run (issue 15).
//
// Dataset: 10,000 employee-months of 2026-01 (seeded: gross 1,800–6,000 €, 7–147 hours not
// worked, decimals as text), as the December 2026 audit measured. Best of --repeat each:
//   Rust:   apart::indemnity::compute in a loop and compute_claim of the 10,000, timed inside
//           the add-on (same build, same machine, no JavaScript in the loop);
//   Node:   compute(record) per call (a plain object in and out); NativeEmployeeMonth.compute()
//           per call (records read into the core beforehand, a NativeOutcome out, one field
//           read); computeClaim(records) (records in, a ClaimOutcome object
//           out); computeClaimColumns(columns) (columns in, a ClaimTable out) with its totals,
//           with one column read, and with everything read (toJSON); computeClaimCsv of the
//           same claim as a CSV file's bytes (the core's reader), with its totals.
// Targets: compute ≤ 2 µs per call; a 10,000-line claim within 5× of Rust's compute_claim; the
// batch never slower per employee than the loop.
//
// Usage: make bench-node, or node benches/node/bench_indemnity.mjs [--count N] [--repeat R]
//        [--json PATH] (writes the figures for readme_table.mjs).
import { createRequire } from 'node:module'
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bindings', 'node')
const require = createRequire(join(pkg, 'package.json'))
const apart = require('./index.js')

const { values: args } = parseArgs({
  options: { count: { type: 'string', default: '10000' }, repeat: { type: 'string', default: '3' }, json: { type: 'string' } },
})
const n = Number(args.count)
const repeat = Number(args.repeat)
const MONTH = '2026-01'

let seed = 42
const rand = (lo, hi) => {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return lo + Math.floor((seed / 2147483648) * (hi - lo + 1))
}
const cents = (c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`
const gross = []
const hours = []
for (let i = 0; i < n; i++) {
  gross.push(cents(rand(180_000, 600_000)))
  hours.push(cents(rand(700, 14_700)))
}
const records = gross.map((g, i) => ({ month: MONTH, gross_monthly: g, hours_not_worked: hours[i] }))
const natives = records.map((r) => new apart.NativeEmployeeMonth(r))
const columns = { gross_monthly: gross, hours_not_worked: hours }
/** The same claim as a CSV file (a payroll export), read by computeClaimCsv. */
const csv = Buffer.from(`gross_monthly,hours_not_worked\n${gross.map((g, i) => `${g},${hours[i]}`).join('\n')}\n`)

/** Best of `repeat` runs (seconds), after one warm-up run. */
function best(f) {
  f()
  let out = Infinity
  for (let i = 0; i < repeat; i++) {
    const start = process.hrtime.bigint()
    f()
    out = Math.min(out, Number(process.hrtime.bigint() - start) / 1e9)
  }
  return out
}

const [rustLoop, rustClaim] = apart.__rustIndemnityTimings(MONTH, columns, repeat)
let sink = 0
const figures = {
  count: n,
  rust_compute: rustLoop / n,
  rust_claim: rustClaim,
  node_compute: best(() => { for (const r of records) sink += apart.compute(r).employee_indemnity.length }) / n,
  node_compute_native: best(() => { for (const e of natives) sink += e.compute().employee_indemnity.length }) / n,
  node_claim_records: best(() => { sink += apart.computeClaim(MONTH, records).lines.length }),
  node_claim_columns: best(() => { sink += apart.computeClaimColumns(MONTH, columns).totals.employees }),
  node_claim_columns_one_column: best(() => { sink += apart.computeClaimColumns(MONTH, columns).column('employee_indemnity').length }),
  node_claim_columns_all: best(() => { sink += apart.computeClaimColumns(MONTH, columns).toJSON().lines.length }),
  node_claim_csv: best(() => { sink += apart.computeClaimCsv(csv, { month: MONTH }).totals.employees }),
}
if (JSON.stringify(apart.computeClaimCsv(csv, { month: MONTH }).totals) !== JSON.stringify(apart.computeClaimColumns(MONTH, columns).totals)) throw new Error('CSV and columns disagree')
const check = apart.computeClaimColumns(MONTH, columns)
if (JSON.stringify(check) !== JSON.stringify(apart.computeClaim(MONTH, records))) throw new Error('columns and records disagree')

const us = 1e6
const ms = 1e3
console.log(`${n} employee-months of ${MONTH}, best of ${repeat}; node ${process.version}, apart ${require('./package.json').version} (release add-on)`)
console.log(`  Rust compute, per call                          ${(figures.rust_compute * us).toFixed(2).padStart(9)} µs`)
console.log(`  Rust compute_claim of ${n}                    ${(figures.rust_claim * ms).toFixed(2).padStart(9)} ms`)
console.log(`  Node compute(record), per call                  ${(figures.node_compute * us).toFixed(2).padStart(9)} µs   ${(figures.node_compute / figures.rust_compute).toFixed(1)}x Rust`)
console.log(`  Node NativeEmployeeMonth.compute(), per call    ${(figures.node_compute_native * us).toFixed(2).padStart(9)} µs   ${(figures.node_compute_native / figures.rust_compute).toFixed(1)}x Rust (target ≤ 2 µs)`)
const line = (label, t) => console.log(`  ${label.padEnd(48)}${(t * ms).toFixed(2).padStart(9)} ms   ${(t / figures.rust_claim).toFixed(1).padStart(5)}x Rust   ${(t / n * us).toFixed(2)} µs/employee`)
line('Node computeClaim(records)', figures.node_claim_records)
line('Node computeClaimCsv(bytes) + totals', figures.node_claim_csv)
line('Node computeClaimColumns + totals', figures.node_claim_columns)
line('Node computeClaimColumns + one column', figures.node_claim_columns_one_column)
line('Node computeClaimColumns + everything (toJSON)', figures.node_claim_columns_all)
console.log(`  loop of compute, per employee                   ${(figures.node_compute * us).toFixed(2).padStart(9)} µs`)
console.log(`batch vs loop per employee: records ${(figures.node_claim_records / n / figures.node_compute).toFixed(2)}, columns ${(figures.node_claim_columns / n / figures.node_compute).toFixed(2)} (target ≤ 1)`)
console.log(`claim within 5x of Rust: columns ${(figures.node_claim_columns / figures.rust_claim).toFixed(1)}x, records ${(figures.node_claim_records / figures.rust_claim).toFixed(1)}x`)
if (args.json) writeFileSync(args.json, JSON.stringify(figures, null, 2) + '\n')
if (sink === -1) console.log(sink)
