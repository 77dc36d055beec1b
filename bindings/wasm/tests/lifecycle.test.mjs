// The browser's own entropy (every scenario of tests/vectors/lifecycle.json is run by
// vectors.test.mjs, with the runner shared with Node).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import apart from './apart.mjs'

test('the browser entropy draws from crypto.getRandomValues', () => {
  const account = { identifier: 'ID12345', email: 'paie@exemple.fr', recent_requests: [], tokens: [] }
  const a = apart.requestPasswordReset(account, new apart.Entropy(), '2026-03-02T10:00:00+01:00')
  const b = apart.requestPasswordReset(account, new apart.Entropy(), '2026-03-02T10:00:00+01:00')
  assert.notEqual(a.effects[0].body.token, b.effects[0].body.token)
})
