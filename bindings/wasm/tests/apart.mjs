// Loads the built package (target/wasm-pkg, made by `make wasm-build`) under Node, the way a
// browser would after `await init()`, and reads the shared vectors of tests/vectors/.
import { readFileSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
export const root = join(here, '..', '..', '..')
export const pkgDir = process.env.APART_WASM_PKG ?? join(root, 'target', 'wasm-pkg')
export const vectorsDir = join(root, 'tests', 'vectors')

if (!existsSync(join(pkgDir, 'index.js'))) {
  throw new Error(`${pkgDir}/index.js not found: run \`make wasm-build\` first`)
}
async function load(entry, wasm) {
  const module = await import(join(pkgDir, entry))
  await module.default({ module_or_path: readFileSync(join(pkgDir, wasm)) })
  return module
}
/** The `lifecycles` entry: every export. */
const apart = await load('lifecycles.js', 'apart_wasm_lifecycles_bg.wasm')
export default apart
/** Both entries, for the vectors both run: the main one (no lifecycles) and `lifecycles`. */
export const entries = {
  'apart-wasm': await load('index.js', 'apart_wasm_bg.wasm'),
  'apart-wasm/lifecycles': apart,
}

export function readJson(name) {
  return JSON.parse(readFileSync(join(vectorsDir, name), 'utf8'))
}

/** Undoes the escapes of siret.tsv: `\uXXXX`, `\t`, `\n` (siret.md: no other escape occurs). */
function unescape(s) {
  return s.replace(/\\u([0-9a-fA-F]{4})|\\t|\\n/g, (m, hex) =>
    hex ? String.fromCharCode(parseInt(hex, 16)) : m === '\\t' ? '\t' : '\n',
  )
}

/** The rows of siret.tsv as objects `{ line, input, kind, valid, reason, source }`. */
export function siretRows() {
  const lines = readFileSync(join(vectorsDir, 'siret.tsv'), 'utf8').split('\n')
  const header = lines[0].split('\t')
  if (header.join(',') !== 'input,kind,valid,reason,source') throw new Error(`siret.tsv header: ${header}`)
  const rows = []
  lines.slice(1).forEach((text, i) => {
    if (text === '') return
    const [input, kind, valid, reason, source] = text.split('\t')
    rows.push({ line: i + 2, input: unescape(input), kind, valid: valid === 'true', reason, source })
  })
  return rows
}

/** Every error of the library: a family class, a code, both messages, details. */
export function checkError(assert, e) {
  assert.ok(e instanceof apart.ApartError, `not an ApartError: ${e?.stack ?? e}`)
  assert.match(e.code, /^[A-Z][A-Z0-9_]+$/)
  assert.equal(e.message, e.messages.fr)
  assert.ok(e.messages.en.length > 0)
  assert.equal(e.constructor.name, { siret: 'SiretError', form: 'FormError', money: 'MoneyError', law: 'LawError', indemnity: 'IndemnityError', procedure: 'ProcedureError', account: 'AccountError', machine: 'MachineError', input: 'InputError', entropy: 'EntropyError', internal: 'InternalError' }[e.family])
  return true
}
