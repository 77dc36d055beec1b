// The TypeScript example (examples/node/main.ts) compiles under `tsc --strict` against the
// committed index.d.ts, and runs.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const pkg = join(here, '..')
const example = join(pkg, '..', '..', 'examples', 'node')

test('examples/node/main.ts compiles with tsc --strict and runs', () => {
  execFileSync(process.execPath, [join(pkg, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', example, '--strict'], {
    stdio: 'inherit',
  })
  const out = execFileSync(process.execPath, [join(pkg, 'examples-build', 'main.js')], { encoding: 'utf8' })
  assert.match(out, /^732 829 320 00074: SIREN 732829320, TVA FR44732829320$/m)
  assert.match(out, /^SIRET_INVALID_KEY: numéro SIRET invalide/m)
  assert.match(out, /^flags: 1001$/m)
  assert.match(out, /^2026-01, 3000 € gross, 70 h: indemnity 830.90 €, allocation 599.90 €$/m)
  assert.match(out, /^native: indemnity 830.90 €, same record: true$/m)
  assert.match(out, /^claim: 2 computed, 1 refused/m)
  assert.match(out, /^onboarding: .*SubmitSiret.* -> AwaitingAccountForm; 8 machines$/m)
})
