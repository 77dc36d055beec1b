// Speed from JavaScript through WebAssembly, in one run: the apart-wasm package (under Node, and
// in headless chromium when /usr/bin/chromium exists) against npm `stdnum` 1.12.0 and the Node
// add-on (bindings/node, release build), on the same inputs.
//
//   SIRET checks per second: every other input a valid SIRET (generateSirets, seed 42), the
//     others 14 random digits (a seeded LCG), as benches/node/bench_siret.mjs. Per call
//     (`isValidSiret` in a loop, stdnum `FR.siret.validate(s).isValid`), and in one call
//     (`countValidSirets(array)` / the add-on's `isValidSirets(array)`).
//   Employee-months per second: `compute` in a loop and `computeClaim` in one call, on 20,000
//     varied employee-months of 2026-01 (records as plain objects, explanations off).
// Each figure is the best of three runs. Usage: make bench-wasm, or node benches/wasm/bench.mjs;
// with --readme it also rewrites the size-and-speed blocks of bindings/wasm/README.md and
// README.md (between their `<!-- wasm-figures -->` markers) from this run's output.
import { createRequire } from 'node:module'
import { readFileSync, writeFileSync, existsSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { cpus } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const pkgDir = join(root, 'target', 'wasm-pkg')
const wasm = await import(join(pkgDir, 'index.js'))
await wasm.default({ module_or_path: readFileSync(join(pkgDir, 'apart_wasm_bg.wasm')) })
const requireWasmDeps = createRequire(join(root, 'bindings', 'wasm', 'package.json'))
const { stdnum } = requireWasmDeps('stdnum')
const nodeDir = join(root, 'bindings', 'node')
const node = existsSync(join(nodeDir, 'index.js')) ? createRequire(join(nodeDir, 'package.json'))('./index.js') : null

const N_SIRET = Number(process.env.N_SIRET ?? 200_000)
const N_MONTHS = Number(process.env.N_MONTHS ?? 20_000)

function siretInputs(n) {
  const valid = wasm.generateSirets(Math.ceil(n / 2), 42)
  let seed = 42
  const digit = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return String(Math.floor((seed / 2147483648) * 10))
  }
  const out = []
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) out.push(valid[i / 2])
    else {
      let s = ''
      for (let j = 0; j < 14; j++) s += digit()
      out.push(s)
    }
  }
  return out
}

function monthInputs(n) {
  const out = []
  for (let i = 0; i < n; i++) {
    out.push({
      employee: `E${i}`,
      month: '2026-01',
      gross_monthly: String(1500 + (i % 97) * 37),
      hours_not_worked: String(5 + (i % 29) * 4),
      contract_hours: i % 5 === 0 ? '121.33' : '151.67',
      category: i % 7 === 0 ? 'part_time' : 'full_time',
    })
  }
  return out
}

/** Best of three: operations per second. */
function rate(f, n) {
  let best = Infinity
  for (let r = 0; r < 3; r++) {
    const start = process.hrtime.bigint()
    f()
    best = Math.min(best, Number(process.hrtime.bigint() - start))
  }
  return (n / best) * 1e9
}

const fmt = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M/s` : `${(x / 1e3).toFixed(1)} k/s`)
const sirets = siretInputs(N_SIRET)
const months = monthInputs(N_MONTHS)
const off = { explain: 'off' }
const rows = []
const row = (what, impl, r) => rows.push([what, impl, r])

// Warm-up (JIT, caches), then measure.
for (const s of sirets.slice(0, 20_000)) wasm.isValidSiret(s)
row('SIRET checks, per call', 'stdnum (pure JS)', rate(() => { for (const s of sirets) stdnum.FR.siret.validate(s).isValid }, N_SIRET))
row('SIRET checks, per call', 'apart-wasm isValidSiret', rate(() => { for (const s of sirets) wasm.isValidSiret(s) }, N_SIRET))
row('SIRET checks, one call', 'apart-wasm countValidSirets', rate(() => wasm.countValidSirets(sirets), N_SIRET))
if (node) {
  row('SIRET checks, per call', 'Node add-on isValidSiret', rate(() => { for (const s of sirets) node.isValidSiret(s) }, N_SIRET))
  row('SIRET checks, one call', 'Node add-on isValidSirets', rate(() => node.isValidSirets(sirets), N_SIRET))
}
row('employee-months, per call', 'apart-wasm compute', rate(() => { for (const m of months) wasm.compute(m, off) }, N_MONTHS))
row('employee-months, one call', 'apart-wasm computeClaim', rate(() => wasm.computeClaim('2026-01', months, off), N_MONTHS))
if (node) {
  row('employee-months, per call', 'Node add-on compute', rate(() => { for (const m of months) node.compute(m, off) }, N_MONTHS))
  row('employee-months, one call', 'Node add-on computeClaim', rate(() => node.computeClaim('2026-01', months, off), N_MONTHS))
}

// The same wasm calls in headless chromium (the page's engine), when it is installed.
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium'
if (existsSync(chromiumPath)) {
  const { chromium } = requireWasmDeps('playwright-core')
  const { serve } = await import(join(root, 'examples', 'web', 'serve.mjs'))
  const server = await serve()
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  const page = await browser.newPage()
  await page.goto(`${server.url}bench.html`)
  const got = await page.evaluate(async ({ sirets, months }) => window.bench(sirets, months), { sirets, months })
  for (const [what, impl, r] of got) row(what, `${impl} (chromium)`, r)
  await browser.close()
  await server.close()
}

const header = `node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} (${cpus().length} cores, shared); ${N_SIRET} SIRETs (every other one valid), ${N_MONTHS} employee-months; best of 3`
const speed = [`| measure | implementation | per second |`, `|---|---|---|`, ...rows.map(([what, impl, r]) => `| ${what} | ${impl} | ${fmt(r)} |`)]
console.log(header)
console.log(speed.join('\n'))

// Sizes of the package as built (gzip: zlib level 9, as a server would send it).
const size = (files) => {
  const bytes = files.map((f) => readFileSync(join(pkgDir, f)))
  const raw = bytes.reduce((a, b) => a + b.length, 0)
  const gz = bytes.reduce((a, b) => a + gzipSync(b, { level: 9 }).length, 0)
  return [raw, gz]
}
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`
const glue = (name) => [`${name}.js`, 'errors.js', name === 'apart_wasm' ? 'index.js' : 'lifecycles.js']
const sizes = [
  `| entry | module | .wasm | .wasm gzipped (zlib level 9) | JavaScript (glue, errors, entry) gzipped |`,
  `|---|---|---|---|---|`,
  ...[['apart-wasm', 'apart_wasm'], ['apart-wasm/lifecycles', 'apart_wasm_lifecycles']].map(([entry, name]) => {
    const [raw, gz] = size([`${name}_bg.wasm`])
    const [, js] = size(glue(name))
    return `| \`${entry}\` | \`${name}_bg.wasm\` | ${kb(raw)} (${raw} bytes) | ${kb(gz)} (${gz} bytes) | ${kb(js)} |`
  }),
]
console.log(sizes.join('\n'))

if (process.argv.includes('--readme')) {
  const [wasmRaw, wasmGz] = size(['apart_wasm_bg.wasm'])
  const pick = (what, impl) => rows.find((r) => r[0] === what && r[1] === impl)?.[2]
  const ratio = (a, b) => (a && b ? `${(a / b).toFixed(1)}×` : 'n/a')
  const perCall = pick('SIRET checks, per call', 'apart-wasm isValidSiret')
  const stdnumRate = pick('SIRET checks, per call', 'stdnum (pure JS)')
  const months = pick('employee-months, one call', 'apart-wasm computeClaim')
  const long = [
    `Budget: the first module at most 400 KiB gzipped, law tables inside (\`make wasm-build\` checks it with \`gzip -9\`, which packs a little tighter than zlib).`,
    '',
    ...sizes,
    '',
    `\`make bench-wasm\` (\`benches/wasm/bench.mjs --readme\` wrote this block): ${header}.`,
    '',
    ...speed,
  ]
  const short = [
    `Size: \`apart_wasm_bg.wasm\` ${kb(wasmRaw)}, ${kb(wasmGz)} gzipped (budget 400 KiB, law tables inside). Speed`,
    `(\`make bench-wasm\`, one run on the shared machine, under Node): ${fmt(perCall)} SIRET checks per call, ${ratio(perCall, stdnumRate)} npm`,
    `\`stdnum\`; ${fmt(months)} employee-months through \`computeClaim\`. Table in [\`bindings/wasm/README.md\`](bindings/wasm/README.md#size-and-speed).`,
  ]
  for (const [file, lines] of [[join(root, 'bindings', 'wasm', 'README.md'), long], [join(root, 'README.md'), short]]) {
    const text = readFileSync(file, 'utf8')
    const re = /<!-- wasm-figures -->[\s\S]*?<!-- \/wasm-figures -->/
    if (!re.test(text)) throw new Error(`${file}: no <!-- wasm-figures --> block`)
    writeFileSync(file, text.replace(re, `<!-- wasm-figures -->\n${lines.join('\n')}\n<!-- /wasm-figures -->`))
  }
}
