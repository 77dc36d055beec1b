// The batch entry points over the rows of tests/vectors/siret.tsv (each row, one at a time,
// is run by vectors.test.mjs with the runner shared with the wasm package).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { siretRows } from '../../../tests/js/vectors.mjs'

const apart = createRequire(import.meta.url)('../index.js')
const rows = siretRows()

test('siret.tsv through the batch entry points', () => {
  const sirets = rows.filter((r) => r.kind === 'siret')
  const inputs = sirets.map((r) => r.input)
  const flags = apart.isValidSirets(inputs)
  assert.ok(flags instanceof Uint8Array)
  assert.deepEqual([...flags], sirets.map((r) => (r.valid ? 1 : 0)))
  const report = apart.checkSirets(inputs)
  assert.equal(report.valid, sirets.filter((r) => r.valid).length)
  assert.deepEqual(
    report.invalid.map((p) => p.index),
    sirets.flatMap((r, i) => (r.valid ? [] : [i])),
  )
  for (const problem of report.invalid) {
    assert.equal(problem.input, inputs[problem.index])
    let thrown
    try {
      apart.parseSiret(problem.input)
    } catch (e) {
      thrown = e
    }
    assert.equal(problem.code, thrown.code)
    assert.equal(problem.message, thrown.message)
  }
})
