// JavaScript-specific behaviour: value types, error classes, refused numbers and dates, the
// machines' interface, robustness on arbitrary input.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

const apart = createRequire(import.meta.url)('../index.js')

test('identifiers are strings and records are plain objects', () => {
  const s = apart.parseSiret('732 829 320 00074')
  assert.equal(Object.getPrototypeOf(s), Object.prototype)
  assert.deepEqual(s, {
    siret: '73282932000074',
    siren: '732829320',
    nic: '00074',
    formatted: '732 829 320 00074',
    tva: 'FR44732829320',
    is_la_poste: false,
  })
  // JSON round trip: nothing but data.
  assert.deepEqual(JSON.parse(JSON.stringify(s)), s)
  assert.deepEqual(apart.parseSiren('000000083'), {
    siren: '000000083',
    formatted: '000 000 083',
    tva: apart.parseSiren('000000083').tva,
    is_la_poste: false,
  })
  assert.deepEqual(apart.parseNic('00074'), { nic: '00074', rank: 7, check_digit: 4 })
  const tva = apart.parseTva('FR 00 417 625 639')
  assert.equal(tva.key, 0)
  assert.equal(tva.siren, '417625639')
  assert.equal(apart.completeSiren('73282932'), '732829320')
  assert.equal(apart.completeSiret('732829320', '0007'), '73282932000074')
  assert.equal(apart.formatSiret('73282932000074', '\u00a0'), '732\u00a0829\u00a0320\u00a000074')
})

test('identifiers are never numbers or bigints', () => {
  for (const value of [73282932000074, 73282932000074n, null, undefined, {}]) {
    assert.throws(() => apart.parseSiret(value), (e) => e instanceof Error && typeof e.code === 'string')
    assert.throws(() => apart.isValidSiret(value), Error)
  }
})

test('batch entry points: every array shape', () => {
  assert.deepEqual([...apart.isValidSirets([])], [])
  assert.deepEqual(apart.checkSirets([]), { valid: 0, invalid: [] })
  // Line feeds inside an element take the element-by-element path, with the same answers.
  const tricky = ['73282932000074', '73282932000074\n', '\n73282932000074', '', ' ', '732 829 320 00074']
  assert.deepEqual([...apart.isValidSirets(tricky)], tricky.map((s) => (apart.isValidSiret(s) ? 1 : 0)))
  assert.deepEqual(apart.checkSirets(tricky).invalid.map((p) => p.input), tricky.filter((s) => !apart.isValidSiret(s)))
  // A long string (past the inline buffer) and non-ASCII text.
  const long = ' '.repeat(100) + '73282932000074' + ' '.repeat(100)
  assert.equal(apart.isValidSiret(long), true)
  assert.deepEqual([...apart.isValidSirets([long, '😀'.repeat(20), 'é'])], [1, 0, 0])
  // Identifiers are strings: a number in the array is refused, not converted.
  for (const bad of [[73282932000074], ['73282932000074', null], 'not an array', [1n]]) {
    assert.throws(() => apart.isValidSirets(bad), Error)
    assert.throws(() => apart.checkSirets(bad), Error)
  }
  // Holes and array-likes.
  assert.throws(() => apart.isValidSirets(new Array(3)), Error)
})

test('the core\'s enums are its spellings (records.d.ts unions)', () => {
  assert.equal(apart.detect('73282932000074').kind, 'siret')
  assert.equal(apart.detect('FR44732829320').kind, 'tva')
  assert.deepEqual(apart.parsePhone('0692 12 34 56').kind, { type: 'overseas', territory: 'reunion', kind: 'mobile' })
  assert.deepEqual(apart.parsePhone('0612345678').kind, { type: 'mobile' })
  assert.equal(apart.parsePostalCode('98000').area, 'monaco')
  assert.equal(apart.parseStreetExtension('quater'), 'Q')
  assert.deepEqual(apart.streetExtensions().map((c) => c.code), ['B', 'T', 'Q', 'C'])
})

test('errors are Error subclasses with code, French message, English message and fields', () => {
  let error
  try {
    apart.parseSiret('732 829 320 00075')
  } catch (e) {
    error = e
  }
  assert.ok(error instanceof apart.SiretError)
  assert.ok(error instanceof apart.ApartError)
  assert.ok(error instanceof Error)
  assert.equal(error.name, 'SiretError')
  assert.equal(error.code, 'SIRET_INVALID_KEY')
  assert.equal(error.message, 'numéro SIRET invalide : clé de contrôle attendue 4, trouvée 5')
  assert.equal(error.messages.en, 'invalid SIRET: check digit expected 4, found 5')
  assert.deepEqual(error.details, { expected: 4, found: 5 })
  assert.equal(error.expected, 4)
  assert.equal(error.found, 5)
  assert.match(error.stack, /^SiretError: numéro SIRET invalide/)
  assert.match(String(error), /^SiretError: numéro SIRET invalide/)

  // A detail named like a property of Error stays in `details` only.
  assert.throws(() => apart.parseSiret('58801481'), (e) => {
    assert.equal(e.code, 'IDENTIFIER_INVALID_LENGTH')
    assert.equal(e.details.suggestion ?? e.details.hint, e.suggestion ?? e.hint)
    return true
  })

  const classes = [
    ['parsePhone', ['0899123456'], 'FormError'],
    ['parseEmail', ['jean@localhost'], 'FormError'],
    ['confirmEmail', ['a@b.fr', 'c@d.fr'], 'FormError'],
    ['parsePostalCode', ['00100'], 'FormError'],
    ['parseCity', [''], 'FormError'],
    ['parseDescription', [''], 'FormError'],
    ['parsePersonName', [''], 'FormError'],
    ['parseSecretAnswer', ['ab'], 'FormError'],
    ['parseLoginIdentifier', [''], 'FormError'],
    ['parseStreetNumber', ['12a'], 'FormError'],
    ['requireHumanCheck', [{ status: 'not_verified' }], 'FormError'],
  ]
  for (const [fn, args, cls] of classes) {
    assert.throws(() => apart[fn](...args), (e) => {
      // The class is the family's: every form field refusal is a FormError.
      assert.ok(e instanceof apart[cls], `${fn}: ${e.name}`)
      assert.ok(e instanceof apart.ApartError)
      assert.equal(e.name, cls)
      assert.equal(e.family, 'form')
      assert.match(e.code, /^[A-Z][A-Z_]+$/)
      assert.equal(e.message, e.messages.fr)
      return true
    })
  }
})

test('decimals, dates and instants: bad numbers are refused with an InputError', () => {
  const at = Date.UTC(2026, 10, 30, 9, 0, 0)
  const verified = { status: 'verified', at }
  assert.equal(apart.requireHumanCheck(verified).getTime(), at)
  assert.equal(apart.requireHumanCheck({ status: 'verified', at: new Date(at) }).getTime(), at)
  assert.ok(apart.requireHumanCheck(verified) instanceof Date)
  assert.equal(apart.requireHumanCheck(verified, new Date(at + 600_000), 600).getTime(), at)
  assert.throws(() => apart.requireHumanCheck(verified, at + 601_000, 600), { code: 'CAPTCHA_EXPIRED', age_seconds: 601 })
  for (const bad of [NaN, Infinity, -Infinity, 1.5, 2 ** 53, -(2 ** 53)]) {
    assert.throws(() => apart.requireHumanCheck({ status: 'verified', at: bad }), (e) => {
      assert.ok(e instanceof apart.InputError)
      // Inside an object, as inside every record, NaN and the infinities are VALUE_NOT_FINITE.
      assert.equal(e.code, Number.isFinite(bad) ? 'VALUE_INVALID_INSTANT' : 'VALUE_NOT_FINITE')
      assert.equal(e.details.field, 'check.at')
      return true
    })
  }
  assert.throws(() => apart.requireHumanCheck({ status: 'verified', at: new Date('nope') }), { code: 'VALUE_INVALID_INSTANT' })
  // RFC 3339 strings keep their offset (the procedure reads local dates from it).
  assert.equal(apart.requireHumanCheck({ status: 'verified', at: '2026-11-30T10:00:00+01:00' }).getTime(), at)
  assert.throws(() => apart.requireHumanCheck({ status: 'verified', at: '2026-11-30 10:00' }), { code: 'VALUE_INVALID_INSTANT' })
  assert.throws(() => apart.requireHumanCheck(verified, at, NaN), { code: 'VALUE_OUT_OF_RANGE' })
  assert.throws(() => apart.requireHumanCheck(verified, at), { code: 'VALUE_OUT_OF_RANGE' })
  assert.throws(() => apart.requireHumanCheck({ status: 'maybe' }), { code: 'VALUE_OUT_OF_RANGE' })
  for (const bad of [NaN, Infinity, 1.5, -1, 2 ** 53]) {
    assert.throws(() => apart.generateSirets(1, bad), { name: 'InputError', code: 'VALUE_OUT_OF_RANGE' })
  }
  assert.throws(() => apart.generateSirets(20_000_000, 1), { code: 'VALUE_OUT_OF_RANGE' })
})

test('generated identifiers are valid and reproducible', () => {
  const a = apart.generateSirets(100, 42)
  assert.deepEqual(a, apart.generateSirets(100, 42))
  assert.ok(a.every(apart.isValidSiret))
  assert.ok(apart.generateSirens(50, 7).every(apart.isValidSiren))
  assert.ok(apart.generateSirets(20, 1, { la_poste: true }).every((s) => s.startsWith('356000000') && apart.isValidSiret(s)))
  assert.ok(apart.generateSirets(20, 1, { siren: '732 829 320' }).every((s) => s.startsWith('732829320')))
})

test('machines: one class for every lifecycle, unknown ids refused', () => {
  const ids = apart.machines()
  assert.ok(Array.isArray(ids))
  assert.throws(() => new apart.Machine('no.such.machine'), (e) => {
    assert.ok(e instanceof apart.MachineError)
    assert.equal(e.code, 'MACHINE_UNKNOWN')
    assert.equal(e.id, 'no.such.machine')
    assert.equal(e.messages.en, 'unknown machine `no.such.machine`')
    return true
  })
  // A hostile id comes back quoted short, never whole.
  assert.throws(() => new apart.Machine('x'.repeat(100000)), (e) => e.code === 'MACHINE_UNKNOWN' && e.id.length < 50)
  const now = Date.UTC(2026, 10, 30)
  for (const id of ids) {
    const m = new apart.Machine(id)
    assert.equal(m.id, id)
    assert.ok(m.states().includes(m.initialState))
    assert.match(m.mermaid(), /stateDiagram/)
    assert.throws(() => m.stateOf({ machine: 'other' }), apart.MachineError)
    assert.throws(() => m.allowedEvents({}, 'nobody', now), { name: 'InputError', code: 'VALUE_UNKNOWN_VARIANT', field: 'actor' })
  }
})

test('no input crashes the process: every refusal is an ApartError', () => {
  // A deterministic stream of nasty strings through every string parser.
  const pieces = ['', ' ', '0', '9', 'FR', '\u00a0', '-', '.', '\u0000', '\ud800', '😀', 'é', 'e\u0301', '\n', '\t', '@', '+33', '00', 'x'.repeat(300)]
  const parsers = [
    apart.parseSiren, apart.parseSiret, apart.parseNic, apart.parseTva, apart.detect,
    apart.parsePhone, apart.parseOptionalPhone, apart.parseEmail, apart.parsePostalCode,
    apart.parseCity, apart.parseLoginIdentifier, apart.parsePersonName, apart.parseSecretAnswer,
    apart.parseDescription, apart.parseStreetNumber, apart.parseStreetExtension, apart.completeSiren,
  ]
  let seed = 1
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
  for (let i = 0; i < 3000; i++) {
    let s = ''
    const n = next() % 6
    for (let j = 0; j < n; j++) s += pieces[next() % pieces.length]
    for (const parse of parsers) {
      try {
        parse(s)
      } catch (e) {
        assert.ok(e instanceof apart.ApartError, `${parse.name}(${JSON.stringify(s)}): ${e}`)
      }
    }
    assert.equal(typeof apart.isValidSiret(s), 'boolean')
    assert.equal(typeof apart.normalizeText(s), 'string')
    assert.equal(typeof apart.remaining(s, 10), 'number')
  }
})

test('accounts: form errors list every field, returned errors are Error objects, callbacks may throw', () => {
  assert.throws(() => apart.validateAccountForm({}), (e) => {
    assert.ok(e instanceof apart.FormError)
    assert.equal(e.code, 'FORM_INVALID')
    assert.ok(e.fields.length > 5)
    for (const f of e.fields) {
      assert.equal(typeof f.field, 'string')
      assert.match(f.code, /^[A-Z_]+$/)
      assert.equal(f.message, f.messages.fr)
    }
    assert.ok(e.fields.some((f) => f.field === 'denomination' && f.code === 'TEXT_REQUIRED'))
    return true
  })
  assert.throws(() => apart.validateAccountForm({ no_such_field: 1 }), { name: 'InputError', code: 'INPUT_UNKNOWN_FIELD', field: 'no_such_field' })
  assert.throws(() => apart.Entropy.fixed([256]), { code: 'VALUE_OUT_OF_RANGE' })

  const now = Date.UTC(2026, 2, 2, 10)
  const credential = new apart.Machine('apart.credential').newSnapshot({
    identifier: 'ID12345', email: 'paie@exemple.fr', nom: 'Martin', prenom: 'Claire',
  })
  let calls = 0
  const out = apart.authenticate({ credential }, () => (calls++, false), [], 'apart', now)
  assert.equal(out.establishments, undefined)
  assert.ok(out.error instanceof apart.AccountError)
  assert.equal(out.error.code, 'INVALID_CREDENTIALS')
  assert.equal(calls, 1)
  assert.throws(
    () => apart.authenticate({ credential }, () => { throw new RangeError('hash service down') }, [], 'apart', now),
    RangeError,
  )
  const unknown = apart.authenticate({}, false, [], 'apart', new Date(now))
  assert.equal(unknown.counter.failures, 1)
  assert.throws(() => apart.authenticate({}, false, [], 'nowhere', now), { name: 'InputError', code: 'VALUE_UNKNOWN_VARIANT' })

  const entropy = apart.Entropy.fixed([1, 2, 3])
  const activation = apart.activationEmail('ID12345', 'paie@exemple.fr', [], entropy, now)
  assert.equal(activation.email.body.type, 'activation')
  const wrong = activation.email.body.token.split('.')[0] + '.' + 'A'.repeat(43)
  const r = apart.redeem(wrong, 'activation', activation.token, now)
  assert.equal(r.redeemed, null)
  assert.ok(r.error instanceof apart.AccountError)
  assert.ok(r.token, 'the failed verification is counted on the record')
  const ok = apart.redeem(activation.email.body.token, 'activation', r.token, now + 1000)
  assert.equal(ok.error, null)
  assert.equal(ok.redeemed.subject, 'id12345') // identifiers are kept in canonical form
  assert.throws(() => apart.redeem('not a link', 'activation', null, now), { name: 'AccountError' })
  // The OS entropy gives different tokens each time.
  const os = new apart.Entropy()
  assert.notEqual(
    apart.activationEmail('A', 'a@b.fr', [], os, now).email.body.token,
    apart.activationEmail('A', 'a@b.fr', [], os, now).email.body.token,
  )
})

test('indemnity: decimals as strings or integers, floats refused, decimals out as strings', () => {
  // Spec §4 #11: 2026-01, 3 000 € for 151.67 h, 70 h not worked.
  const asStrings = apart.compute({ month: '2026-01', gross_monthly: '3000', hours_not_worked: '70' })
  assert.equal(asStrings.hourly_reference, '19.78')
  assert.equal(asStrings.employee_indemnity, '830.90')
  assert.equal(typeof asStrings.employer_allocation, 'string')
  const asNumbers = apart.compute({ month: '2026-01', gross_monthly: 3000, hours_not_worked: 70, contract_hours: '151.67' })
  assert.deepEqual(asNumbers, asStrings)
  // A binary float is refused, as in every front end (BINDINGS.md): 0.1 + 0.2 is not 0.3.
  for (const [bad, code] of [[0.1 + 0.2, 'VALUE_FLOAT_REFUSED'], [151.67, 'VALUE_FLOAT_REFUSED'], [NaN, 'VALUE_NOT_FINITE'], [Infinity, 'VALUE_NOT_FINITE'], [-Infinity, 'VALUE_NOT_FINITE']]) {
    assert.throws(() => apart.compute({ month: '2026-01', gross_monthly: bad, hours_not_worked: 70 }), (e) => {
      assert.ok(e instanceof apart.InputError)
      assert.equal(e.code, code)
      assert.equal(e.field, 'gross_monthly')
      assert.ok(e.messages.en.includes('gross_monthly'), e.messages.en)
      return true
    })
  }
  // The typo that used to be dropped silently (wrong money) is refused.
  assert.throws(() => apart.compute({ month: '2026-01', gross_monthly: '2000', hours_not_worked: '70', contract_hour: '121.33' }), { name: 'InputError', code: 'INPUT_UNKNOWN_FIELD', field: 'contract_hour' })
  assert.throws(() => apart.compute({ month: '2026-01', gross_monthly: '2000' }, { explian: 'on' }), { name: 'InputError', code: 'INPUT_UNKNOWN_FIELD', field: 'explian' })
  assert.throws(() => apart.compute({ month: '2026-01', gross_monthly: '2000' }, { explain: true }), { name: 'InputError', code: 'INPUT_WRONG_TYPE', field: 'explain' })
  // Wrong JavaScript types are InputErrors too, never napi-rs's bare errors.
  assert.throws(() => apart.parseSiret(12), (e) => e instanceof apart.InputError && e.code === 'INPUT_WRONG_TYPE' && e.messages.en.includes('string'))
  assert.throws(() => apart.computeClaim(5, []), { name: 'InputError', code: 'INPUT_WRONG_TYPE' })
  // The words of a wrong type are the core's, in French too.
  assert.throws(() => apart.parseSiret(12), (e) => e.messages.fr === 'type invalide : le nombre 12, attendu : un texte', 'parseSiret')
  assert.throws(() => apart.computeClaimCsv(42, { month: '2026-01' }), (e) => e.messages.fr.endsWith('attendu : un texte ou un Uint8Array'))
  assert.throws(() => apart.computeClaimColumns('2026-01', [{ gross_monthly: '2000' }]), (e) => e.messages.fr.endsWith('attendu : un objet de colonnes'))
  assert.throws(() => apart.compute({ month: '2026-01', gross_monthly: '3 000,00', hours_not_worked: 70 }), { name: 'InputError', code: 'VALUE_INVALID_DECIMAL' })
  assert.throws(() => apart.compute({ month: '2026-13', gross_monthly: '3000' }), { name: 'InputError', code: 'VALUE_INVALID_MONTH' })
  assert.throws(() => apart.compute({ month: '2026-01', gross_monthly: '3000', regime: 'nope' }), { name: 'InputError', code: 'VALUE_UNKNOWN_VARIANT' })
  assert.throws(() => apart.compute({ month: '2026-01', gross_monthly: '-1', hours_not_worked: 70 }), apart.IndemnityError)
  // Runtime enums.
  const apld = apart.compute({ month: '2026-01', gross_monthly: '3000', hours_not_worked: '70', regime: 'apld', category: 'full_time' })
  assert.equal(apld.regime, 'apld')
  // Dates: ISO strings or a Date at midnight UTC; a time of day is refused.
  const c1 = apart.contributions('2020-04-01', 'mainland', '709.09', '842.82')
  assert.deepEqual(apart.contributions(new Date('2020-04-01'), 'mainland', '709.09', '842.82'), c1)
  assert.throws(() => apart.contributions(new Date(Date.UTC(2020, 3, 1, 12)), 'mainland', '709.09', '842.82'), { name: 'InputError', code: 'VALUE_INVALID_DATE', field: 'date' })
  assert.throws(() => apart.contributions(new Date('nope'), 'mainland', '709.09', '842.82'), { code: 'VALUE_INVALID_DATE' })
  assert.ok(apart.lawTables().length > 5)
})

test('seals: a sealed snapshot opens with its key only; an edited one is refused (security audit F5)', () => {
  const m = new apart.Machine('apart.credential')
  const snapshot = m.newSnapshot({ identifier: 'ID12345', email: 'paie@exemple.fr', nom: 'Martin', prenom: 'Claire' })
  const key = new Uint8Array(32).fill(7)
  const sealed = m.seal(snapshot, key)
  assert.equal(typeof sealed.seal, 'string')
  assert.deepEqual(m.open(sealed, key), snapshot)
  const edited = { ...sealed, state: 'Active' }
  assert.throws(() => m.open(edited, key), (e) => e instanceof apart.MachineError && e.code === 'SEAL_INVALID')
  assert.throws(() => m.open(sealed, new Uint8Array(32).fill(8)), (e) => e.code === 'SEAL_INVALID')
  assert.throws(() => m.open(snapshot, key), (e) => e.code === 'SEAL_MISSING')
  assert.throws(() => m.seal(snapshot, new Uint8Array(16)), (e) => e.code === 'SEAL_KEY_TOO_SHORT')
  // A forged event cannot unlock: the unlock needs a redeemed token (security audit S7).
  assert.throws(
    () => m.apply(snapshot, { type: 'PasswordResetCompleted', token_redeemed: true }, 'visitor', new Date()),
    (e) => e.code === 'MACHINE_INPUT_MALFORMED',
  )
})

test('error classes are constructible, as Error is, for mocks in tests: message, then code, details, messages, fields, cause', () => {
  const cause = new Error('root')
  const e = new apart.SiretError('mock', { code: 'SIRET_INVALID_KEY', details: { expected: 4, found: 5 }, cause })
  assert.ok(e instanceof apart.SiretError && e instanceof apart.ApartError && e instanceof Error)
  assert.equal(e.name, 'SiretError')
  assert.equal(e.message, 'mock')
  assert.equal(e.code, 'SIRET_INVALID_KEY')
  assert.equal(e.family, 'siret')
  assert.deepEqual(e.messages, { fr: 'mock', en: 'mock' })
  assert.deepEqual(e.details, { expected: 4, found: 5 })
  assert.equal(e.expected, 4)
  assert.equal(e.cause, cause)
  assert.match(e.stack, /^SiretError: mock/)
  // Defaults: no code (''), the message in both languages, no details; the family is the class's.
  for (const [name, family] of [['InputError', 'input'], ['FormError', 'form'], ['InternalError', 'internal']]) {
    const d = new apart[name]()
    assert.equal(d.message, '')
    assert.equal(d.code, '')
    assert.equal(d.family, family)
    assert.deepEqual(d.details, {})
    assert.ok(!('cause' in d) && !('fields' in d))
  }
  const form = new apart.FormError('x', { code: 'FORM_INVALID', family: 'siret', messages: { fr: 'x', en: 'y' }, fields: [] })
  assert.equal(form.family, 'form')
  assert.deepEqual(form.messages, { fr: 'x', en: 'y' })
  assert.deepEqual(form.fields, [])
  class Mine extends apart.MoneyError {}
  assert.equal(new Mine('m').family, 'money')
  assert.equal(new Mine('m').name, 'Mine')
  // The library's own errors are unchanged.
  assert.throws(() => apart.parseSiret('732 829 320 00075'), (err) => {
    assert.deepEqual([err.code, err.family, err.details], ['SIRET_INVALID_KEY', 'siret', { expected: 4, found: 5 }])
    return err.message !== err.messages.en
  })
})
