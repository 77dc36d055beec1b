// Loads the built package (target/wasm-pkg, made by `make wasm-build`) under Node, the way a
// browser would after `await init()`, and reads the shared vectors of tests/vectors/.
import { readFileSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
export const root = join(here, '..', '..', '..')
export const pkgDir = process.env.APART_WASM_PKG ?? join(root, 'target', 'wasm-pkg')
export { vectorsDir } from '../../../tests/js/vectors.mjs'

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

export { readJson, siretRows } from '../../../tests/js/vectors.mjs'
import { checkError as check } from '../../../tests/js/vectors.mjs'

/** Every error of the library: its family's class, a code, both messages, details. */
export const checkError = (assert, e) => check(apart, e)
