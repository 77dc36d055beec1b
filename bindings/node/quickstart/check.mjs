// What the quick starts print, checked by `make test-node-install` (one assertion per line).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2]
const common = [
  '732 829 320 00074 732829320',
  'SIRET_INVALID_KEY | numéro SIRET invalide : clé de contrôle attendue 4, trouvée 5 | invalid SIRET: check digit expected 4, found 5',
  'indemnity 553.70 allocation 599.90',
]
for (const [file, extra] of [
  ['cjs.out', []],
  ['esm.out', ['INPUT_UNKNOWN_FIELD contract_hour', 'claim 1 computed 1 refused']],
  ['ts.out', []],
]) {
  assert.deepEqual(readFileSync(join(dir, file), 'utf8').trimEnd().split('\n'), [...common, ...extra], file)
}
console.log('quick starts: 3 passed, 0 failed')
