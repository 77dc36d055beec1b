// Every row of tests/vectors/siret.tsv through the wasm package. Skip list: none.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { entries, siretRows, checkError } from './apart.mjs'

const rows = siretRows()

for (const [entry, apart] of Object.entries(entries)) {
  test(`${entry}: siret.tsv has its rows`, () => {
    assert.ok(rows.length >= 150, `only ${rows.length} rows`)
  })

  for (const row of rows) {
    test(`${entry}: siret.tsv line ${row.line}: ${row.kind} ${JSON.stringify(row.input)} is ${row.valid ? 'valid' : 'invalid'} (${row.reason})`, () => {
      const parse = row.kind === 'siren' ? apart.parseSiren : apart.parseSiret
      const isValid = row.kind === 'siren' ? apart.isValidSiren : apart.isValidSiret
      assert.equal(isValid(row.input), row.valid)
      if (row.valid) {
        const compact = parse(row.input)
        assert.match(compact, row.kind === 'siren' ? /^\d{9}$/ : /^\d{14}$/)
        assert.equal(parse(compact, true), compact)
        if (row.kind === 'siret') assert.equal(apart.formatSiret(row.input).replaceAll(' ', ''), compact)
      } else {
        assert.throws(() => parse(row.input), (e) => {
          checkError(assert, e)
          assert.ok(e instanceof apart.SiretError)
          assert.equal(e.family, 'siret')
          assert.match(e.code, /^(IDENTIFIER|SIREN|SIRET)_[A-Z_]+$/)
          return true
        })
      }
    })
  }

  test(`${entry}: the messages a page shows as the SIRET is typed: a lost leading zero, a wrong key`, () => {
    assert.throws(() => apart.parseSiret('5880148100001'), (e) => {
      assert.equal(e.code, 'IDENTIFIER_INVALID_LENGTH')
      assert.equal(e.hint, 'leading_zero_lost')
      assert.match(e.messages.fr, /05880148100001/)
      return true
    })
    assert.throws(() => apart.parseSiret('73282932000075'), { code: 'SIRET_INVALID_KEY' })
    assert.deepEqual(apart.detect('FR44 732 829 320'), { kind: 'tva', value: 'FR44732829320' })
    assert.equal(apart.countValidSirets(['73282932000074', '73282932000075', '']), 1)
  })
}
