// Every case of tests/vectors/forms.json (format in its `$format` key) through the wasm
// package, then the two whole forms of the seed. Skip list: none.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { entries, readJson, checkError } from './apart.mjs'

const doc = readJson('forms.json')
const inputOf = (c) => c.input.repeat(c.repeat ?? 1) + (c.suffix ?? '')

for (const [entry, apart] of Object.entries(entries)) {
  /** Runs one case: `{ normalized, extras }`, or throws the parser's error. */
  function run(c) {
    const input = inputOf(c)
    switch (c.field) {
      case 'phone': {
        const p = apart.parsePhone(input, c.options)
        return { normalized: p.e164, extras: { display: p.display, kind: p.kind } }
      }
      case 'postal_code': {
        const p = apart.parsePostalCode(input)
        return { normalized: p.code, extras: { area: p.area } }
      }
      case 'city':
        return { normalized: apart.parseCity(input) }
      case 'email':
        return { normalized: apart.parseEmail(input) }
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
        return { normalized: apart.parseFullName(input) }
      case 'secret_answer':
        return { normalized: apart.parseSecretAnswer(input, c.context ?? {}) }
      case 'street_number':
        return { normalized: apart.parseStreetNumber(input) ?? null }
      case 'street_extension':
        return { normalized: apart.parseStreetExtension(input) ?? null }
      case 'denomination':
        return { normalized: apart.parseDenomination(input) }
      default:
        throw new Error(`unknown field kind ${c.field}`)
    }
  }

  test(`${entry}: forms.json has its cases`, () => {
    assert.ok(doc.cases.length >= 100)
  })

  for (const c of doc.cases) {
    test(`${entry}: forms.json ${c.id}`, () => {
      if (c.valid) {
        const got = run(c)
        if (c.normalized !== undefined && c.normalized !== null) assert.equal(got.normalized, c.normalized)
        for (const key of ['display', 'kind', 'area', 'key', 'len']) {
          if (c[key] !== undefined) assert.deepEqual(got.extras?.[key], c[key], key)
        }
      } else {
        assert.throws(() => run(c), (e) => {
          checkError(assert, e)
          assert.equal(e.code, c.code)
          assert.equal(e.family, 'form')
          if (c.len !== undefined) assert.equal(e.extras.len, c.len)
          return true
        })
      }
    })
  }

  const goodAccount = {
    denomination: 'Boulangerie Martin',
    street_number: '12',
    street_name: 'rue de la Paix',
    postal_code: '75002',
    city: 'Paris',
    phone: '01 02 03 04 05',
    establishment_email: 'contact@boulangerie-martin.fr',
    establishment_email_confirmation: 'contact@boulangerie-martin.fr',
    nom: 'Martin',
    prenom: 'Claire',
    user_phone: '06 12 34 56 78',
    email: 'claire.martin@boulangerie-martin.fr',
    email_confirmation: 'claire.martin@boulangerie-martin.fr',
    secret_question: 'Nom de mon premier chien ?',
    secret_answer: 'Rantanplan des Vosges',
    human_check: { status: 'verified', at: '2026-01-05T09:00:00+01:00' },
  }

  test(`${entry}: the « Créer mon espace » form: valid, then three bad fields reported at once`, () => {
    const ok = apart.validateAccountForm(goodAccount)
    assert.equal(ok.establishment.postal_code, '75002')
    assert.equal(ok.user.phone, '+33612345678')
    const bad = { ...goodAccount, postal_code: '7500', phone: '01 02 03', email_confirmation: 'claire@autre.fr' }
    assert.throws(() => apart.validateAccountForm(bad), (e) => {
      checkError(assert, e)
      assert.ok(e instanceof apart.FormError)
      assert.equal(e.code, 'FORM_INVALID')
      assert.deepEqual(e.fields.map((f) => f.field), ['postal_code', 'phone', 'email_confirmation'])
      for (const f of e.fields) {
        assert.equal(f.message, f.messages.fr)
        assert.notEqual(f.messages.fr, f.messages.en)
      }
      return true
    })
    assert.throws(() => apart.validateAccountForm({ ...goodAccount, siret: '1' }), { code: 'INPUT_UNKNOWN_FIELD', family: 'input' })
  })

  test(`${entry}: the assistance form: every refused field at once`, () => {
    const form = apart.assistanceFormHandedOver('habilitation_extranet', '73282932000074')
    assert.equal(form.siret, '73282932000074')
    assert.throws(() => apart.validateAssistanceForm(form, { status: 'not_verified' }), (e) => {
      assert.ok(e instanceof apart.FormError)
      assert.ok(e.fields.length >= 4)
      assert.ok(e.fields.some((f) => f.code === 'CAPTCHA_REQUIRED'))
      return true
    })
    assert.equal(apart.assistanceMotives().length, 7)
  })
}
