// Every row of tests/vectors/siret.tsv, through every entry point that takes a SIREN or SIRET.
// Skip list (rows this runner may not pass, with the reason): none.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { siretRows } from './vectors.mjs'

const apart = createRequire(import.meta.url)('../index.js')
const rows = siretRows()

test('siret.tsv has its rows', () => {
  assert.ok(rows.length >= 150, `only ${rows.length} rows`)
  for (const row of rows) {
    assert.ok(['siren', 'siret'].includes(row.kind), `line ${row.line}: kind ${row.kind}`)
    assert.ok(row.source, `line ${row.line}: no source`)
  }
})

for (const row of rows) {
  test(`siret.tsv line ${row.line}: ${row.kind} ${JSON.stringify(row.input)} is ${row.valid ? 'valid' : 'invalid'} (${row.reason})`, () => {
    const parse = row.kind === 'siren' ? apart.parseSiren : apart.parseSiret
    const isValid = row.kind === 'siren' ? apart.isValidSiren : apart.isValidSiret
    assert.equal(isValid(row.input), row.valid)
    if (row.valid) {
      const parsed = parse(row.input)
      const compact = row.kind === 'siren' ? parsed.siren : parsed.siret
      assert.match(compact, row.kind === 'siren' ? /^\d{9}$/ : /^\d{14}$/)
      // The compact form parses strictly, and to itself.
      const again = parse(compact, { strict: true })
      assert.deepEqual(again, parsed)
    } else {
      assert.throws(() => parse(row.input), (e) => {
        assert.ok(e instanceof apart.SiretError, `${e}`)
        assert.match(e.code, /^(IDENTIFIER|SIREN|SIRET)_[A-Z_]+$/)
        assert.equal(e.message, e.messages.fr)
        assert.notEqual(e.messages.fr, e.messages.en)
        return true
      })
    }
  })
}

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
