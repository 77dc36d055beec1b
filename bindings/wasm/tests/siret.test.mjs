// What a page shows as a SIRET is typed, through both entries (every row of
// tests/vectors/siret.tsv is run by vectors.test.mjs, with the runner shared with Node).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { entries } from './apart.mjs'


for (const [entry, apart] of Object.entries(entries)) {
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
