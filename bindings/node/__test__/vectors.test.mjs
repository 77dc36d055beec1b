// Every file of tests/vectors/ through the Node add-on, with the runner the wasm package shares
// (tests/js/vectors.mjs). Skip list: none. The adapter below holds the calls whose shape is
// Node's own (objects where the wasm package returns text, recapOfDa/Di).
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { runVectors } from '../../../tests/js/vectors.mjs'

const apart = createRequire(import.meta.url)('../index.js')
const rules = apart.textRules()

/** Records as a table of columns: one array per field, `undefined` where a record has none. */
export function columnsOf(records) {
  const names = [...new Set(records.flatMap((r) => Object.keys(r)))]
  return Object.fromEntries(names.map((name) => [name, records.map((r) => r[name])]))
}

runVectors({
  apart,
  adapter: {
    parse(kind, input, strict) {
      const parsed = (kind === 'siren' ? apart.parseSiren : apart.parseSiret)(input, strict ? { strict: true } : undefined)
      return kind === 'siren' ? parsed.siren : parsed.siret
    },
    formatSiret: (input) => apart.formatSiret(input, ' '),
    phone: (input, o) =>
      apart.parsePhone(input, o),
    postalCode: (input) => apart.parsePostalCode(input),
    city: (input) => apart.parseCity(input).city,
    email: (input) => apart.parseEmail(input).email,
    fullName: (input) => apart.parsePersonName(input, rules.full_name),
    denomination: (input) => apart.parseText(input, rules.denomination),
    recap(snapshot, kind) {
      const r = kind.startsWith('da_') ? apart.recapOfDa(snapshot, kind) : apart.recapOfDi(snapshot, kind)
      return { ...r, hash: r.content_hash, canonicalJson: r.canonical_json }
    },
    now: (text) => new Date(text),
    // The same employee as a one-line table of columns: the same outcome, or the same refusal.
    indemnity(c, outcome, error) {
      const line = apart.computeClaimColumns(c.input.month, columnsOf([c.input]), c.options ?? {}).line(0)
      if (error) assert.equal(line.error?.code, error.code)
      else assert.deepEqual(line.outcome, outcome)
    },
  },
})

