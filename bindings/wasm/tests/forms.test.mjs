// The two whole forms of the seed through both entries (every case of tests/vectors/forms.json
// is run by vectors.test.mjs, with the runner shared with Node).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { entries, checkError } from './apart.mjs'

for (const [entry, apart] of Object.entries(entries)) {
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
    assert.deepEqual(apart.assistanceMotives().at(-1), { code: 'autres', label: 'Autres' })
    assert.deepEqual(apart.daMotives()[0], { code: 'economic_conditions', label: 'La conjoncture économique' })
    assert.equal(apart.daStates().find((s) => s.name === 'Submitted').label, 'Transmise')
    assert.equal(apart.diStates().find((s) => s.extranet_code === 9).employer_status, 'validated')
    assert.ok(apart.streetTypes().some((t) => t.code === 'AV' && t.label === 'Avenue'))
    assert.equal(apart.streetExtensions()[0].code, 'B')
  })
}
