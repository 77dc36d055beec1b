// Every case of tests/vectors/errors.json (format in its `$format` key) through the wasm
// package, records passed as JavaScript objects. Skip list: none (the file itself is pending on
// main: until it lands, this runner passes only while the file is absent).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { entries, vectorsDir, readJson, checkError } from './apart.mjs'

const present = existsSync(join(vectorsDir, 'errors.json'))

/** `{"$repeat": [text, n]}` stands for text repeated n times, anywhere in a case. */
function expand(value) {
  if (Array.isArray(value)) return value.map(expand)
  if (value !== null && typeof value === 'object') {
    if (Object.keys(value).length === 1 && Array.isArray(value.$repeat)) return value.$repeat[0].repeat(value.$repeat[1])
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v)]))
  }
  return value
}

for (const [entry, apart] of Object.entries(entries)) {
  function run(c) {
    switch (c.op) {
      case 'siret':
        return apart.detect(c.input)
      case 'compute':
        return apart.compute(c.input, c.options ?? {})
      case 'form':
        assert.equal(c.form, 'account')
        return apart.validateAccountForm(c.input)
      case 'law_lookup':
        return new apart.LawBook().lookup(c.param, c.date)
      case 'machine': {
        // A new snapshot, then the steps: every one but the last must be taken.
        const m = new apart.Machine(c.machine)
        let snapshot = m.newSnapshot(c.context)
        const apply = (s) => m.apply(snapshot, s.event, s.actor, s.now)
        c.steps.slice(0, -1).forEach((s, i) => {
          try {
            snapshot = apply(s).snapshot
          } catch (e) {
            throw new Error(`step ${i} refused with ${e.code}, must be taken`)
          }
        })
        return apply(c.steps.at(-1))
      }
      default:
        throw new Error(`unknown op ${c.op}`)
    }
  }

  test(`${entry}: errors.json is present, or pending on main`, { skip: present ? false : 'tests/vectors/errors.json not on main yet' }, () => {
    assert.ok(readJson('errors.json').cases.length >= 60)
  })

  // The one rule that leaves cases out: the small entry has no state machines (`machine` cases
  // run with the lifecycles entry, and this fails the day the small entry gains them).
  const machines = apart.Machine !== undefined
  if (!machines) test(`${entry}: no state machines, so no machine case`, () => assert.equal(apart.Machine, undefined))
  for (const raw of present ? readJson('errors.json').cases : []) {
    const c = expand(raw)
    if (c.op === 'machine' && !machines) continue
    test(`${entry}: errors.json ${c.id}`, () => {
      assert.throws(() => run(c), (e) => {
        checkError(assert, e)
        assert.equal(e.code, c.expect.code)
        assert.equal(e.family, c.expect.family)
        if (c.expect.field !== undefined) assert.equal(e.details.field, c.expect.field)
        if (c.expect.kind !== undefined) assert.equal(e.details.kind, c.expect.kind)
        for (const [field, code] of Object.entries(c.expect.fields ?? {})) {
          assert.ok(e.fields.some((f) => f.field === field && f.code === code), `${field}: ${code} not in ${JSON.stringify(e.fields)}`)
        }
        return true
      })
    })
  }
}
