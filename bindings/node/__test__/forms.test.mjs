// Every case of tests/vectors/forms.json (format in its `$format` key), as tests/suite/forms.rs
// runs them. Skip list: none.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { readJson } from './vectors.mjs'

const apart = createRequire(import.meta.url)('../index.js')
const doc = readJson('forms.json')
const rules = apart.textRules()

function inputOf(c) {
  return c.input.repeat(c.repeat ?? 1) + (c.suffix ?? '')
}

/** Drops absent optional fields so that `{ type: 'fixed' }` equals the vector's form. */
function plain(o) {
  return JSON.parse(JSON.stringify(o))
}

function policy(options) {
  if (!options) return undefined
  return {
    collectivities: options.collectivities,
    allowPremium: options.allow_premium,
    requireFixedLine: options.require_fixed_line,
  }
}

/** Runs one case: `{ normalized, extras }`, or throws the parser's error. */
function run(c) {
  const input = inputOf(c)
  switch (c.field) {
    case 'phone': {
      const p = apart.parsePhone(input, policy(c.options))
      return { normalized: p.e164, extras: { display: p.display, kind: plain(p.kind) } }
    }
    case 'postal_code': {
      const p = apart.parsePostalCode(input)
      return { normalized: p.postalCode, extras: { area: p.area } }
    }
    case 'city':
      return { normalized: apart.parseCity(input).city }
    case 'email':
      return { normalized: apart.parseEmail(input).email }
    case 'email_confirmation':
      assert.equal(apart.confirmEmail(input, c.confirmation), undefined)
      return { normalized: null }
    case 'description': {
      const len = apart.descriptionLen(input)
      try {
        return { normalized: apart.parseDescription(input), extras: { len } }
      } catch (e) {
        e.extras = { len }
        throw e
      }
    }
    case 'login_identifier': {
      const id = apart.parseLoginIdentifier(input)
      return { normalized: id.identifier, extras: { key: id.key } }
    }
    case 'person_name':
      return { normalized: apart.parsePersonName(input) }
    case 'full_name':
      return { normalized: apart.parsePersonName(input, rules.fullName) }
    case 'secret_answer':
      return { normalized: apart.parseSecretAnswer(input, c.context) }
    case 'street_number':
      return { normalized: apart.parseStreetNumber(input) }
    case 'street_extension':
      return { normalized: apart.parseStreetExtension(input) }
    case 'denomination':
      return { normalized: apart.parseText(input, rules.denomination) }
    default:
      throw new Error(`unknown field kind ${c.field}`)
  }
}

test('forms.json has its cases, each with a unique id and a source', () => {
  assert.ok(doc.cases.length >= 100, 'the vectors shrank')
  const ids = new Set()
  for (const c of doc.cases) {
    assert.ok(!ids.has(c.id), `duplicate id ${c.id}`)
    ids.add(c.id)
    assert.ok(c.source, `${c.id}: no source`)
  }
})

for (const c of doc.cases) {
  test(`forms.json ${c.id}`, () => {
    if (c.valid) {
      const { normalized, extras = {} } = run(c)
      // As tests/suite/forms.rs: a string is checked, null means "not checked by this case".
      if (typeof c.normalized === 'string') assert.equal(normalized, c.normalized)
      for (const [key, value] of Object.entries(extras)) {
        if (key in c) assert.deepEqual(value, c[key], key)
      }
    } else {
      assert.throws(() => run(c), (e) => {
        assert.ok(e instanceof apart.ApartError, `${e}`)
        assert.equal(e.code, c.code)
        // The message conventions of design §4, as the Rust runner checks them.
        for (const m of [e.messages.fr, e.messages.en]) {
          assert.ok(m.length > 0 && !m.endsWith('.'), m)
          assert.equal(m[0], m[0].toLowerCase(), `capital in ${m}`)
        }
        assert.equal(e.message, e.messages.fr)
        if (c.field === 'description' && 'len' in c) assert.equal(e.extras.len, c.len)
        return true
      })
    }
  })
}
