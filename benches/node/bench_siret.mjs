// SIRET validation from Node: apart (napi-rs, bindings/node) against the npm `stdnum` package
// 1.12.0 (the most complete npm validator, spec siret.md §5), on 1,000,000 SIRETs in one run.
//
// Input as in spec §5: every other string a valid SIRET (apart's seeded generator), the others
// 14 random digits (a seeded LCG). Reports ns per SIRET and the ratios:
//   per call: stdnum `FR.siret.validate(s).isValid` in a loop vs apart `isValidSiret(s)` in a loop;
//   batch:    the same stdnum loop vs one `isValidSirets(array)` call (and `checkSirets(array)`).
// The counts differ on purpose: stdnum checks only the 14-digit Luhn key, apart also the SIREN's
// (INSEE's rule), so stdnum accepts random strings that apart refuses.
//
// Each timing is the best of --repeat runs; Rust's `is_valid_siret` is timed inside the add-on on
// the same inputs (same build, same machine) for the ratio against Rust.
//
// Usage: make bench-node (builds the release add-on), or node benches/node/bench_siret.mjs
//        [--count N] [--repeat R] [--json PATH]
import { createRequire } from 'node:module'
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bindings', 'node')
const require = createRequire(join(pkg, 'package.json'))
const apart = require('./index.js')
const { stdnum } = require('stdnum')
const siret = stdnum.FR.siret

const { values: args } = parseArgs({
  options: { count: { type: 'string', default: '1000000' }, repeat: { type: 'string', default: '3' }, json: { type: 'string' } },
})
const n = Number(args.count)
const repeat = Number(args.repeat)
const valid = apart.generateSirets(Math.ceil(n / 2), 42)
let seed = 42
const digit = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return String(Math.floor((seed / 2147483648) * 10))
}
const inputs = []
for (let i = 0; i < n; i++) {
  if (i % 2 === 0) inputs.push(valid[i / 2])
  else {
    let s = ''
    for (let j = 0; j < 14; j++) s += digit()
    inputs.push(s)
  }
}

function time(label, f) {
  f(inputs.slice(0, 10_000)) // warm-up (JIT, caches)
  let ns = Infinity
  let count = 0
  for (let i = 0; i < repeat; i++) {
    const start = process.hrtime.bigint()
    count = f(inputs)
    ns = Math.min(ns, Number(process.hrtime.bigint() - start))
  }
  console.log(`${label.padEnd(44)} ${(ns / 1e6).toFixed(0).padStart(6)} ms  ${(ns / n).toFixed(1).padStart(7)} ns/SIRET  valid ${count}`)
  return ns
}

console.log(`${n} SIRETs, every other one valid, best of ${repeat}; node ${process.version}, stdnum 1.12.0, apart ${require('./package.json').version}`)
const tRust = apart.__rustSiretTiming(inputs, repeat) * 1e9
console.log(`${'Rust is_valid_siret (inside the add-on)'.padEnd(44)} ${(tRust / 1e6).toFixed(0).padStart(6)} ms  ${(tRust / n).toFixed(1).padStart(7)} ns/SIRET`)
const tStdnum = time('stdnum FR.siret.validate (loop)', (xs) => {
  let c = 0
  for (const s of xs) if (siret.validate(s).isValid) c++
  return c
})
const tCall = time('apart isValidSiret (loop)', (xs) => {
  let c = 0
  for (const s of xs) if (apart.isValidSiret(s)) c++
  return c
})
const tBatch = time('apart isValidSirets (one call)', (xs) => apart.isValidSirets(xs).reduce((a, b) => a + b, 0))
const tReport = time('apart checkSirets (one call, with errors)', (xs) => apart.checkSirets(xs).valid)

console.log(`per call: apart is ${(tStdnum / tCall).toFixed(1)}x stdnum (aim: 10x), ${(tCall / tRust).toFixed(1)}x Rust`)
console.log(`batch:    apart is ${(tStdnum / tBatch).toFixed(1)}x stdnum (aim: 20x), ${(tBatch / tRust).toFixed(1)}x Rust; with error reports ${(tStdnum / tReport).toFixed(1)}x stdnum`)
if (args.json) {
  // Seconds per SIRET (the timings are nanoseconds), as bench_indemnity.mjs writes its figures.
  const per = (t) => t / n / 1e9
  writeFileSync(args.json, JSON.stringify({
    count: n, rust: per(tRust), stdnum: per(tStdnum), call: per(tCall), batch: per(tBatch), report: per(tReport),
  }, null, 2) + '\n')
}
