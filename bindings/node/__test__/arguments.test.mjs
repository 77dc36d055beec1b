// Arguments as the user trial of the built package gave them: misspelt option keys, wrong
// JavaScript types, integers out of range, integers inside records, claims as columns, dates as
// epoch milliseconds. Every refusal is the core's error (an `InputError` with the core's code),
// never napi-rs's bare `Error`, never a silent default.

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

const apart = createRequire(import.meta.url)('../index.js')
const now = new Date('2026-01-10T00:00:00Z')
const entropy = () => apart.Entropy.fixed([1, 2, 3])

/** Asserts that `f` throws the core's `InputError` with `code` (and the other properties given). */
function refuses(f, code, props = {}) {
  assert.throws(f, (e) => {
    assert.ok(e instanceof apart.InputError, `${e && e.name}: ${e && e.message}`)
    assert.equal(e.code, code, e.message)
    for (const [k, v] of Object.entries(props)) {
      if (v instanceof RegExp) assert.match(String(e[k]), v, `${k}: ${e[k]}`)
      else assert.equal(e[k], v, `${k}: ${e[k]}`)
    }
    // No napi-rs wording in either message.
    for (const m of [e.messages.fr, e.messages.en]) {
      assert.doesNotMatch(m, /napi|rust type|InvalidArg|Expected\b|none of these types|recover `/, m)
    }
    return true
  })
}

// Every function taking an option or input object, with that object given a misspelt key
// (`bad`) next to good arguments.
const reset = { identifier: 'jdupont', email: 'j@example.fr', recent_requests: [], tokens: [] }
const reminder = { email: 'j@example.fr', identifiers: ['jdupont'], recent_requests: [] }
const verified = { status: 'verified', at: '2026-01-01T00:00:00Z' }
const OPTION_OBJECTS = [
  ['parseSiren', (bad) => apart.parseSiren('732829320', bad), { strict: true }, 'strickt', 'strict'],
  ['parseSiret', (bad) => apart.parseSiret('732 829 320 00074', bad), { strict: true }, 'strickt', 'strict'],
  ['parseNic', (bad) => apart.parseNic('00074', bad), { strict: true }, 'strickt', 'strict'],
  ['parseTva', (bad) => apart.parseTva('FR44732829320', bad), { strict: true }, 'strickt', 'strict'],
  ['generateSirets', (bad) => apart.generateSirets(2, 1, bad), { la_poste: true }, 'laPoste', 'la_poste'],
  ['parsePhone', (bad) => apart.parsePhone('+687 12 34 56', bad), { collectivities: true }, 'collectivites', 'collectivities'],
  ['parsePhone (camelCase)', (bad) => apart.parsePhone('0892 12 34 56', bad), { allow_premium: true }, 'allowPremium', 'allow_premium'],
  ['parseOptionalPhone', (bad) => apart.parseOptionalPhone('', bad), { require_fixed_line: true }, 'require_fixed_lines', 'require_fixed_line'],
  ['parseText', (bad) => apart.parseText('abc', bad), { min: 1, max: 5, multiline: true }, 'multilin', 'multiline'],
  ['parseCity', (bad) => apart.parseCity('Paris', bad), { min: 1, max: 60 }, 'maxi', 'max'],
  ['parsePersonName', (bad) => apart.parsePersonName('Martin', bad), { min: 1, max: 50 }, 'mini', 'min'],
  ['parseSecretAnswer', (bad) => apart.parseSecretAnswer('maison bleue du port', bad), { nom: 'Martin' }, 'prenon', 'prenom'],
  ['requireHumanCheck', (bad) => apart.requireHumanCheck(bad), verified, 'extra', null],
  ['validateAssistanceForm', (bad) => apart.validateAssistanceForm({}, bad), verified, 'stauts', 'status'],
  ['requestPasswordReset (account)', (bad) => apart.requestPasswordReset(bad, entropy(), now), reset, 'foo', null],
  ['requestPasswordReset (camelCase)', (bad) => apart.requestPasswordReset(bad, entropy(), now), reset, 'recentRequests', 'recent_requests'],
  ['requestPasswordReset (options)', (bad) => apart.requestPasswordReset(null, entropy(), now, bad), {}, 'limit', 'limits'],
  ['requestIdentifierReminder (account)', (bad) => apart.requestIdentifierReminder(bad, entropy(), now), reminder, 'identifier', 'identifiers'],
  ['requestIdentifierReminder (options)', (bad) => apart.requestIdentifierReminder(null, entropy(), now, bad), {}, 'polcy', 'policy'],
  ['activationEmail', (bad) => apart.activationEmail('jdupont', 'j@example.fr', [], entropy(), now, bad), {}, 'polici', 'policy'],
  ['redeem', (bad) => apart.redeem('https://x/#t', 'activation', null, now, bad), {}, 'limts', 'limits'],
  ['completeActivation', (bad) => apart.completeActivation('x', null, {}, now, bad), {}, 'limts', 'limits'],
  ['completePasswordReset', (bad) => apart.completePasswordReset('x', null, {}, null, null, now, bad), {}, 'limts', 'limits'],
  ['authenticate', (bad) => apart.authenticate(bad, true, [], 'apart', now), {}, 'credentail', 'credential'],
]

test('every option or input object refuses an unknown or misspelt key (INPUT_UNKNOWN_FIELD)', () => {
  for (const [name, call, good, typo, near] of OPTION_OBJECTS) {
    const bad = { ...good, [typo]: good[near] ?? 1 }
    refuses(() => call(bad), 'INPUT_UNKNOWN_FIELD', { field: new RegExp(`\\.${typo}$`) })
    assert.throws(() => call(bad), (e) => {
      assert.ok(e.expected.length > 0, `${name}: the expected keys are listed`)
      if (near) {
        assert.match(e.messages.en, new RegExp(`did you mean '${near}'`), `${name}: ${e.messages.en}`)
        assert.match(e.messages.fr, new RegExp(`vouliez-vous dire « ${near} »`), `${name}: ${e.messages.fr}`)
      }
      return true
    })
  }
})

test('the good spellings still work; camelCase option keys are refused, not read', () => {
  assert.throws(() => apart.parseSiret('732 829 320 00074', { strict: true }), { name: 'SiretError' })
  assert.equal(apart.parseSiret('73282932000074', { strict: true }).siret, '73282932000074')
  assert.equal(apart.parsePhone('0892 12 34 56', { allow_premium: true }).e164, '+33892123456')
  assert.equal(apart.parsePhone('+687 12 34 56', { collectivities: true }).country_code, '687')
  assert.equal(apart.parseText('a\nb', { min: 1, max: 5, multiline: true }), 'a\nb')
  assert.deepEqual(apart.generateSirets(2, 1, { la_poste: true }).map((s) => s.slice(0, 9)), ['356000000', '356000000'])
  assert.equal(apart.requestPasswordReset(reset, entropy(), now).public, 'accepted')
  // Instants inside a core record: a Date or RFC 3339 text.
  const recent_requests = [new Date('2026-01-01T00:00:00Z'), '2026-01-03T00:00:00+01:00']
  assert.equal(apart.requestPasswordReset({ ...reset, recent_requests }, entropy(), now).public, 'accepted')
  refuses(() => apart.requestPasswordReset({ ...reset, recent_requests: [true] }, entropy(), now), 'INPUT_WRONG_TYPE',
    { field: 'account.recent_requests[0]', found: 'boolean `true`' })
  assert.equal(apart.requireHumanCheck({ status: 'verified', at: Date.UTC(2026, 0, 1) }).getTime(), Date.UTC(2026, 0, 1))
})

test('an option object of the wrong type, or null where one is required, is INPUT_WRONG_TYPE', () => {
  refuses(() => apart.parseText('x', null), 'INPUT_WRONG_TYPE', { field: 'rules', found: 'null', expected: 'an object' })
  refuses(() => apart.requireHumanCheck(null), 'INPUT_WRONG_TYPE', { field: 'check', found: 'null' })
  refuses(() => apart.requireHumanCheck(undefined), 'INPUT_WRONG_TYPE', { field: 'check', found: 'undefined' })
  refuses(() => apart.validateAssistanceForm({}, null), 'INPUT_WRONG_TYPE', { field: 'check' })
  refuses(() => apart.authenticate(null, true, [], 'apart', now), 'INPUT_WRONG_TYPE', { field: 'target' })
  refuses(() => apart.parsePhone('0612345678', 5), 'INPUT_WRONG_TYPE', { field: 'policy', found: 'number 5' })
  refuses(() => apart.parseSiret('73282932000074', [true]), 'INPUT_WRONG_TYPE', { field: 'options', found: 'array' })
  refuses(() => apart.parseSiret('73282932000074', { strict: 'yes' }), 'INPUT_WRONG_TYPE',
    { field: 'options.strict', expected: 'a boolean', message: /le texte "yes", attendu : un booléen/ })
  refuses(() => apart.parseText('x', { min: 0, max: '5' }), 'INPUT_WRONG_TYPE', { field: 'rules.max' })
  // A missing key keeps its real name (napi-rs lower-cased it: `recentrequests`).
  const { recent_requests, ...noRecent } = reset
  assert.ok(recent_requests)
  refuses(() => apart.requestPasswordReset(noRecent, entropy(), now), 'INPUT_MISSING_FIELD', { field: 'account.recent_requests' })
})

test('wrong JavaScript types: InputError INPUT_WRONG_TYPE naming the value, from functions, methods, statics and constructors', () => {
  refuses(() => new apart.Machine(5), 'INPUT_WRONG_TYPE', { found: 'number 5', expected: 'a string', message: /le nombre 5, attendu : un texte/ })
  assert.ok(new apart.Machine('apart.da') instanceof apart.Machine)
  assert.throws(() => new apart.Machine('nope'), { name: 'MachineError', code: 'MACHINE_UNKNOWN' })
  refuses(() => apart.Entropy.fixed(['a']), 'INPUT_WRONG_TYPE', { field: 'pattern[0]', found: 'string "a"' })
  refuses(() => apart.Entropy.fixed(null), 'INPUT_WRONG_TYPE', { field: 'pattern', found: 'null' })
  refuses(() => apart.isValidSiret(5), 'INPUT_WRONG_TYPE', { found: 'number 5', expected: 'a string' })
  refuses(() => apart.isValidSirets(5), 'INPUT_WRONG_TYPE', { found: 'number 5', expected: 'an array' })
  refuses(() => apart.generateSirets('10', 1), 'INPUT_WRONG_TYPE', { found: 'string "10"', expected: 'a number' })
  refuses(() => apart.decisionDelayDays('2026-01-01', 'law'), 'INPUT_WRONG_TYPE', { found: 'string "law"', expected: 'LawBook' })
  refuses(() => apart.contributions(true, 'mainland', '1', '1'), 'INPUT_WRONG_TYPE',
    { found: 'boolean true', expected: /ISO date text/, message: /le booléen true, attendu : une date ISO/ })
  refuses(() => apart.contributions('2026-01-01', 'mainland', true, '1'), 'INPUT_WRONG_TYPE',
    { found: 'boolean true', expected: 'decimal text or an integer number' })
  refuses(() => apart.requestPasswordReset(null, 5, now), 'INPUT_WRONG_TYPE', { found: 'number 5', expected: 'Entropy' })
  refuses(() => apart.requestPasswordReset(null, entropy(), true), 'INPUT_WRONG_TYPE',
    { found: 'boolean true', expected: 'a Date, epoch milliseconds or RFC 3339 text' })
  refuses(() => apart.annualQuotaHours(2026, 'yes'), 'INPUT_WRONG_TYPE', { found: 'string "yes"', expected: 'a boolean' })
  const m = new apart.Machine('apart.da')
  refuses(() => m.stateOf(undefined), 'INPUT_WRONG_TYPE')
  refuses(() => m.isTerminalState(5), 'INPUT_WRONG_TYPE', { found: 'number 5' })
})

test('integer arguments are whole and in range, never wrapped or truncated (VALUE_OUT_OF_RANGE)', () => {
  for (const bad of [-1, 2 ** 40, 1.5, NaN, Infinity]) {
    refuses(() => apart.remaining('abc', bad), 'VALUE_OUT_OF_RANGE', { field: 'max', input: String(bad) })
    refuses(() => apart.generateSirets(bad, 42), 'VALUE_OUT_OF_RANGE', { field: 'count', input: String(bad) })
    refuses(() => apart.generateSirens(bad, 42), 'VALUE_OUT_OF_RANGE', { field: 'count', input: String(bad) })
  }
  assert.equal(apart.remaining('abc', 5), 2)
  assert.equal(apart.remaining('abcdef', 5), -1)
  for (const bad of [2026.5, NaN, 1e10, -1, 0]) {
    refuses(() => apart.annualQuota(bad), 'VALUE_OUT_OF_RANGE', { field: 'year', input: String(bad) })
    refuses(() => apart.annualQuotaHours(bad, false), 'VALUE_OUT_OF_RANGE', { field: 'year', input: String(bad) })
  }
  assert.ok(apart.annualQuota(2026).hours)
  refuses(() => apart.Entropy.fixed([-1]), 'VALUE_OUT_OF_RANGE', { field: 'pattern[0]', input: /-1/ })
  refuses(() => apart.Entropy.fixed([256]), 'VALUE_OUT_OF_RANGE', { field: 'pattern[0]', input: /256/ })
  refuses(() => apart.Entropy.fixed([1.5]), 'INPUT_WRONG_TYPE', { field: 'pattern[0]' })
  // Integers inside option objects: the same checks, by the core's reader.
  refuses(() => apart.parseText('abc', { min: 0, max: 2 ** 40 }), 'VALUE_OUT_OF_RANGE', { field: 'rules.max', input: /1099511627776/ })
  refuses(() => apart.parseText('abc', { min: 0, max: -1 }), 'VALUE_OUT_OF_RANGE', { field: 'rules.max', input: /-1/ })
  refuses(() => apart.parseText('abc', { min: 0.5, max: 5 }), 'INPUT_WRONG_TYPE', { field: 'rules.min' })
  // A claim table's lines.
  const table = apart.computeClaimColumns('2026-01', { gross_monthly: ['2000', '3000'], hours_not_worked: '70' })
  assert.equal(table.line(1).index, 1)
  for (const bad of [2 ** 32, 1.5, NaN, -1, 2, Infinity]) {
    refuses(() => table.line(bad), 'VALUE_OUT_OF_RANGE', { field: 'index', input: String(bad), expected: 'an index below 2' })
  }
})

test('integers in records are integers, wherever they become JSON (safe integers)', () => {
  const ctx = {
    reference: 'DA-1',
    establishment: { siret: '73282932000074', name: 'Boulangerie Martin', address: '12 rue de la Paix, 75002 Paris' },
    request: { motive: 'economic_conditions', period: { start: '2022-03-01', end: '2022-05-31' }, employees: 4, hours: '600' },
  }
  const m = new apart.Machine('apart.da')
  const snap = m.newSnapshot({ ...ctx, request: { ...ctx.request, hours: 2 ** 40 } })
  assert.equal(snap.context.request.hours, '1099511627776')
  assert.equal(m.restore(snap).context.request.hours, '1099511627776')
  // A SIRET given as a number is refused as an integer, not as « le nombre à virgule ».
  assert.throws(() => m.newSnapshot({ ...ctx, establishment: { ...ctx.establishment, siret: 73282932000074 } }), (e) => {
    assert.equal(e.details.found, 'integer `73282932000074`')
    assert.doesNotMatch(e.messages.fr, /virgule/)
    return true
  })
  // A non-integer stays a float (refused where a decimal is wanted).
  assert.throws(() => m.newSnapshot({ ...ctx, request: { ...ctx.request, hours: 600.5 } }), (e) => e.details.cause === 'VALUE_FLOAT_REFUSED' || e.code === 'VALUE_FLOAT_REFUSED')
})

test('claims as columns: a column is an array of cells or one cell; an unknown column throws', () => {
  refuses(() => apart.computeClaimColumns('2026-01', { gross_monthly: new Int32Array([2000]), hours_not_worked: '70' }),
    'INPUT_WRONG_TYPE', { field: 'gross_monthly', expected: 'numbers, decimals, text or dates' })
  refuses(() => apart.computeClaimColumns('2026-01', { gross_monthly: { length: 3 }, hours_not_worked: ['70'] }),
    'INPUT_WRONG_TYPE', { field: 'gross_monthly', found: 'object' })
  // Single values alone say nothing of the number of lines: refused, not a claim of no line.
  refuses(() => apart.computeClaimColumns('2026-01', { gross_monthly: '2000', hours_not_worked: '70' }),
    'INPUT_WRONG_TYPE', { field: 'gross_monthly', expected: 'an array', found: 'string "2000"' })
  refuses(() => apart.computeClaimColumns('2026-01', { gross_monthy: ['2000'], hours_not_worked: ['70'] }),
    'INPUT_UNKNOWN_FIELD', { field: 'gross_monthy', message: /vouliez-vous dire « gross_monthly »/ })
  // A Date is one cell for every line.
  assert.equal(apart.computeClaimColumns('2026-01', { gross_monthly: ['2000'], hours_not_worked: ['70'], hours_date: new Date('2026-01-15') }).length, 1)
  assert.equal(apart.computeClaimColumns('2026-01', {}).length, 0)
})

test('days: ISO text, a Date at midnight UTC, or its epoch milliseconds (Date.UTC)', () => {
  const text = apart.lastFilingDay('disaster_or_weather', '2026-01-15')
  assert.equal(apart.lastFilingDay('disaster_or_weather', Date.UTC(2026, 0, 15)), text)
  assert.equal(apart.lastFilingDay('disaster_or_weather', new Date(Date.UTC(2026, 0, 15))), text)
  refuses(() => apart.lastFilingDay('disaster_or_weather', Date.UTC(2026, 0, 15, 12)), 'VALUE_INVALID_DATE', { field: 'placement' })
  refuses(() => apart.lastFilingDay('disaster_or_weather', 1.5), 'VALUE_INVALID_DATE', { field: 'placement' })
})

test('compute accepts a NativeEmployeeMonth, as its TypeScript type says', () => {
  const record = { month: '2026-01', gross_monthly: '2000', hours_not_worked: '70' }
  const native = new apart.NativeEmployeeMonth(record)
  assert.deepEqual(apart.compute(native), apart.compute(record))
  assert.deepEqual(apart.compute(native, { explain: 'on' }), apart.compute(record, { explain: 'on' }))
  assert.equal(apart.compute.name, 'compute')
  refuses(() => apart.compute(native, { explian: 'on' }), 'INPUT_UNKNOWN_FIELD')
})

/**
 * Asserts that `f` throws INPUT_WRONG_TYPE naming `found` (the value refused, as the core
 * describes a JavaScript value) and `expected`, in `details` and in both messages.
 */
function wrongType(f, found, expected, field) {
  refuses(f, 'INPUT_WRONG_TYPE', { found, expected })
  assert.throws(f, (e) => {
    assert.equal(e.details.found, found)
    assert.equal(e.details.expected, expected)
    assert.equal(e.details.field, field)
    assert.ok(e.messages.en.includes(`${found}, expected ${expected}`), e.messages.en)
    assert.match(e.messages.fr, /, attendu : /, e.messages.fr)
    // The expected words translated, except a class's name.
    if (!/^[A-Z]/.test(expected)) assert.ok(!e.messages.fr.includes(expected), e.messages.fr)
    return true
  })
}

test('every argument is checked by the add-on: the value refused is the one named, never a guess', () => {
  const law = new apart.LawBook()
  const m = new apart.Machine('apart.da')
  // Strings (`string`): napi-rs quoted an object as its JSON (`object [1]`), failed on a
  // BigInt inside it, and named a function by its name.
  wrongType(() => apart.parseEmail([1]), 'array', 'a string')
  wrongType(() => apart.parseEmail(law), 'object', 'a string')
  wrongType(() => apart.parseEmail({ n: 1n }), 'object', 'a string')
  wrongType(() => apart.parseEmail(function f() {}), 'function', 'a string')
  wrongType(() => law.lookup([5], '2026-01-01'), 'array', 'a string')
  wrongType(() => new apart.Machine(['apart.da']), 'array', 'a string')
  // A later string argument after a `null` or an instance: that string argument is named.
  wrongType(() => apart.completePasswordReset('x', null, {}, 5, null, now), 'number 5', 'a string')
  wrongType(() => apart.completePasswordReset('x', null, {}, [5], null, now), 'array', 'a string')
  wrongType(() => apart.redeem('https://x/#t', 5, null, now), 'number 5', 'a string')
  wrongType(() => apart.assistanceFormHandedOver('m', { siret: 5 }), 'object', 'a string')
  wrongType(() => apart.requestFacts([], 'c', 5, 'apart', true), 'number 5', 'a string')
  wrongType(() => m.apply({}, {}, 5, now), 'number 5', 'a string')
  // Arrays (`Array<string>`, `Array<MachineSnapshot>`): the array itself, or its item.
  wrongType(() => apart.checkInvariants(null, 'ab'), 'null', 'an array')
  wrongType(() => apart.checkInvariants([], 'ab'), 'string "ab"', 'an array')
  wrongType(() => apart.checkInvariants([], ['a', 5]), 'number 5', 'a string')
  wrongType(() => apart.checkInvariants([], ['a', [5]]), 'array', 'a string')
  wrongType(() => apart.checkInvariants([], ['a', law]), 'object', 'a string')
  wrongType(() => apart.activationEmail('id', 'e@x.fr', null, law, now), 'null', 'an array')
  wrongType(() => apart.isValidSirets(['73282932000074', [5]]), 'array', 'a string')
  wrongType(() => apart.checkSirets(['73282932000074', 5]), 'number 5', 'a string')
  wrongType(() => apart.checkSirets(law), 'object', 'an array')
  // A decimal (`string | number`): the refused one, not the first value of another type.
  wrongType(() => apart.contributions('2026-01-01', 'mainland', null, [1]), 'null', 'decimal text or an integer number')
  // A key (`Uint8Array`), a class instance, a boolean or a callback.
  wrongType(() => m.seal({}, 'k'), 'string "k"', 'a Uint8Array')
  wrongType(() => m.open({}, [1, 2]), 'array', 'a Uint8Array')
  wrongType(() => m.withLaw(null), 'null', 'LawBook')
  wrongType(() => apart.authenticate({}, 'yes', [], 'apart', now), 'string "yes"', 'a boolean or a function')
  const credential = new apart.Machine('apart.credential').newSnapshot({
    identifier: 'ID12345', email: 'paie@exemple.fr', nom: 'Martin', prenom: 'Claire',
  })
  wrongType(() => apart.authenticate({ credential }, () => 1, [], 'apart', now), 'number 1', 'a boolean', 'verifyPassword')
  // The benchmarks' hooks too (`number`).
  wrongType(() => apart.__rustSiretTiming(['a'], 'x'), 'string "x"', 'a number')
  wrongType(() => apart.__rustSiretTiming('a', 1), 'string "a"', 'an array')
  // A method called on a value that is not an instance of its class is refused by V8 itself,
  // as for its own classes (`Map.prototype.get.call({})`).
  assert.throws(() => apart.Machine.prototype.dot.call(law), { name: 'TypeError', message: 'Illegal invocation' })
  assert.equal(m.withLaw(law).id, 'apart.da')
})

test('a class called without `new` is a TypeError, as an ES class; it never wraps `this`', () => {
  const classes = Object.entries(apart).filter(([name, v]) => typeof v === 'function' && /^[A-Z]/.test(name))
  assert.ok(classes.length > 15, classes.map(([n]) => n).join())
  const receivers = [undefined, globalThis, apart, {}]
  for (const [name, Class] of classes) {
    for (const self of receivers) {
      assert.throws(() => Class.call(self, 'apart.da'), (e) => {
        assert.ok(e instanceof TypeError, `${name}: ${e && e.name}: ${e && e.message}`)
        assert.match(e.message, /cannot be invoked without 'new'/, name)
        return true
      })
    }
  }
  // Nothing was wrapped: a getter refuses the objects it was called on.
  const id = Object.getOwnPropertyDescriptor(apart.Machine.prototype, 'id').get
  for (const self of receivers.slice(1).concat(new apart.LawBook(), Object.create(apart.Machine.prototype))) {
    assert.throws(() => id.call(self), (e) => e instanceof TypeError && !(e instanceof apart.ApartError), String(self))
  }
  assert.equal(id.call(new apart.Machine('apart.di')), 'apart.di')
  const length = Object.getOwnPropertyDescriptor(apart.ClaimTable.prototype, 'length').get
  assert.throws(() => length.call(new apart.Entropy()), { name: 'TypeError', message: /Illegal invocation/ })
  // The classes still work with `new`: instanceof, statics, prototype, subclassing.
  assert.ok(new apart.Machine('apart.da') instanceof apart.Machine)
  assert.ok(apart.Entropy.fixed([1]) instanceof apart.Entropy)
  assert.equal(apart.Machine.name, 'Machine')
  class Mine extends apart.LawBook {}
  assert.ok(new Mine() instanceof apart.LawBook)
  // A class whose instances come from functions only: a TypeError that says so.
  assert.throws(() => new apart.ClaimTable(), { name: 'TypeError', message: /ClaimTable has no public constructor/ })
  assert.throws(() => new apart.NativeOutcome(), { name: 'TypeError', message: /NativeOutcome has no constructor/ })
})

test('Entropy.fixed refuses an empty pattern (it would give only zeros)', () => {
  refuses(() => apart.Entropy.fixed([]), 'INPUT_MISSING_FIELD', { field: 'pattern[0]' })
  assert.ok(apart.Entropy.fixed([0]) instanceof apart.Entropy)
})

test('a cyclic or too deep object is INPUT_TOO_LARGE at the core\'s 64 levels, as in Python', () => {
  const nested = (n) => {
    let v = []
    for (let i = 0; i < n; i++) v = { a: v }
    return v
  }
  const cyclic = []
  cyclic.push(cyclic)
  const da = new apart.Machine('apart.da')
  // `{ month: nested(n) }` nests n + 2 levels: 63 is one past the bound.
  for (const value of [cyclic, nested(100_000), nested(63)]) {
    refuses(() => apart.compute({ month: value }), 'INPUT_TOO_LARGE', { max: 64 })
    // A machine's context is read against its shape first: refused, never a crash.
    assert.throws(() => da.newSnapshot({ reference: value }), (e) => e instanceof apart.ApartError)
  }
  refuses(() => apart.compute({ month: nested(61) }), 'INPUT_WRONG_TYPE')
})

test('an array where options or amounts are expected is a wrong type, not every default', () => {
  // Node trial 2026-12-07: compute(record, []) was taken silently (read by position).
  const em = { month: '2026-01', gross_monthly: '2000', hours_not_worked: '70' }
  refuses(() => apart.compute(em, []), 'INPUT_WRONG_TYPE', { field: 'options' })
  refuses(() => apart.compute(em, ['exact']), 'INPUT_WRONG_TYPE', { field: 'options' })
  assert.equal(apart.compute(em, null).employee_indemnity, apart.compute(em, {}).employee_indemnity)
})

test('a claim record without month is of the claim\'s month, as a table\'s or a CSV row is', () => {
  const row = { employee: 'A', gross_monthly: '2000', hours_not_worked: '70' }
  const claim = apart.computeClaim('2026-01', [row, { ...row, month: '2026-02' }])
  assert.deepEqual(claim.lines.map((l) => l.error?.code ?? null), [null, 'INDEMNITY_CLAIM_MONTH_MISMATCH'])
  assert.equal(claim.lines[0].outcome.month, '2026-01')
  assert.equal(row.month, undefined)
})
