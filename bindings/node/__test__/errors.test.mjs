// tests/vectors/errors.json: the same bad input gets the same code and family in every front end
// (Rust, Python, Node, Kotlin, the CLI). Records are given as JavaScript objects.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readJson } from './vectors.mjs'
import * as apart from '../index.mjs'

/** `{"$repeat": [text, n]}` anywhere stands for text repeated n times. */
function expand(value) {
  if (Array.isArray(value)) return value.map(expand)
  if (value !== null && typeof value === 'object') {
    if (Array.isArray(value.$repeat)) return value.$repeat[0].repeat(value.$repeat[1])
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v)]))
  }
  return value
}

function run(c) {
  switch (c.op) {
    case 'siret':
      return apart.detect(expand(c.input))
    case 'compute':
      return apart.compute(expand(c.input), c.options === undefined ? undefined : expand(c.options))
    case 'form':
      assert.equal(c.form, 'account')
      return apart.validateAccountForm(expand(c.input))
    case 'law_lookup':
      return new apart.LawBook().lookup(c.param, c.date)
    case 'machine': {
      // A new snapshot, then the steps: every one but the last must be taken.
      const m = new apart.Machine(c.machine)
      let snapshot = m.newSnapshot(expand(c.context))
      const apply = (s) => m.apply(snapshot, expand(s.event), s.actor, s.now)
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
      throw new Error(`unknown op ${c.op}: add it to every runner and to the $format of errors.json`)
  }
}

// Every case, no skip list.
test('errors.json: every hostile input gets its code, family and class', () => {
  const { cases } = readJson('errors.json')
  assert.ok(cases.length >= 60)
  const failures = []
  for (const c of cases) {
    let error
    try {
      const out = run(c)
      failures.push(`${c.id}: accepted (${JSON.stringify(out).slice(0, 80)})`)
      continue
    } catch (e) {
      error = e
    }
    const want = c.expect
    const problems = []
    if (!(error instanceof apart.ApartError)) problems.push(`not an ApartError: ${error}`)
    else {
      if (error.code !== want.code) problems.push(`code ${error.code}`)
      if (error.family !== want.family) problems.push(`family ${error.family}`)
      const cls = apart[want.family.replace(/^./, (x) => x.toUpperCase()) + 'Error']
      if (!(error instanceof cls)) problems.push(`class ${error.name}`)
      for (const d of ['field', 'kind']) {
        if (want[d] !== undefined && String(error.details[d]) !== want[d]) problems.push(`${d} ${error.details[d]}`)
      }
      for (const [field, code] of Object.entries(want.fields ?? {})) {
        if (!(error.fields ?? []).some((f) => f.field === field && f.code === code)) problems.push(`field ${field} not ${code}`)
      }
      for (const lang of ['fr', 'en']) {
        const m = error.messages[lang]
        if (typeof m !== 'string' || m.length === 0 || m.length > 400) problems.push(`${lang} message of ${m?.length} chars`)
      }
    }
    if (problems.length) failures.push(`${c.id}: expected ${JSON.stringify(want)}, got ${problems.join(', ')}`)
  }
  assert.deepEqual(failures, [])
})
