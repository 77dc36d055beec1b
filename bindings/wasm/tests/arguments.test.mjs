// Hostile arguments: what a caller can pass where the TypeScript says `string`, `boolean`,
// `number`, `string[]` or bytes. wasm-bindgen's glue used to coerce them (or trap, leak the
// module's memory, abort); the binding now checks each argument and throws the core's
// `InputError` (INPUT_WRONG_TYPE naming the argument, VALUE_OUT_OF_RANGE, VALUE_NOT_FINITE)
// before anything is copied into the module.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import lifecycles, { entries } from './apart.mjs'

const SIRET = '73282932000074'

/** Every value that is not a JavaScript string. */
const notText = {
  number: 73282932000074,
  object: {},
  null: null,
  undefined: undefined,
  bigint: 5n,
  symbol: Symbol('s'),
  function: () => 1,
  'fake array {length: 1e8}': { length: 1e8 },
  'String object': new String(SIRET),
  NaN: NaN,
  'invalid Date': new Date('x'),
  Date: new Date('2026-01-15'),
  array: [SIRET],
  boolean: true,
}

/** `fn` throws the core's InputError `code` about `field`, with both messages. */
function refused(apart, fn, code, field) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof apart.InputError, `${e}`)
    assert.ok(e instanceof apart.ApartError)
    assert.equal(e.code, code)
    assert.equal(e.family, 'input')
    assert.equal(e.field, field)
    assert.equal(e.message, e.messages.fr)
    assert.ok(e.messages.fr.includes(`« ${field} »`), e.messages.fr)
    assert.ok(e.messages.en.includes(`'${field}'`), e.messages.en)
    return true
  })
}

/** The WebAssembly memory of an entry, in bytes. */
async function memory(apart) {
  const wasm = await apart.default()
  return wasm.memory.buffer.byteLength
}

for (const [entry, apart] of Object.entries(entries)) {
  /** Functions of the entry taking text, each with the argument's name. */
  const takesText = {
    parseSiret: [(x) => apart.parseSiret(x), 'input'],
    parseSiren: [(x) => apart.parseSiren(x), 'input'],
    parseTva: [(x) => apart.parseTva(x), 'input'],
    detect: [(x) => apart.detect(x), 'input'],
    isValidSiret: [(x) => apart.isValidSiret(x), 'input'],
    formatSiret: [(x) => apart.formatSiret(x), 'input'],
    parsePhone: [(x) => apart.parsePhone(x), 'input'],
    parseEmail: [(x) => apart.parseEmail(x), 'input'],
    'confirmEmail (confirmation)': [(x) => apart.confirmEmail('a@b.fr', x), 'confirmation'],
    descriptionLen: [(x) => apart.descriptionLen(x), 'input'],
    'parseSecretAnswer (input)': [(x) => apart.parseSecretAnswer(x, {}), 'input'],
    'computeClaim (month)': [(x) => apart.computeClaim(x, []), 'month'],
    'contributions (territory)': [(x) => apart.contributions('2026-01-15', x, '100', '1000'), 'territory'],
    'LawBook.lookup (param)': [(x) => new apart.LawBook().lookup(x, '2026-01-15'), 'param'],
    'LawBook.lookup (date)': [(x) => new apart.LawBook().lookup('smic_hourly', x), 'date'],
    'LawBook.applyFile': [(x) => new apart.LawBook().applyFile(x), 'text'],
    'assistanceFormHandedOver (motive)': [(x) => apart.assistanceFormHandedOver(x), 'motive'],
  }

  test(`${entry}: a value that is not a string, where a string is taken, is INPUT_WRONG_TYPE naming the argument`, () => {
    for (const [name, [call, field]] of Object.entries(takesText)) {
      for (const [kind, value] of Object.entries(notText)) {
        refused(apart, () => call(value), 'INPUT_WRONG_TYPE', field)
      }
    }
    // The French and English words: the core's.
    assert.throws(() => apart.parseSiret(73282932000074), {
      messages: {
        fr: 'type invalide pour « input » : un nombre, attendu : un texte',
        en: "wrong type for 'input': number, expected a string",
      },
    })
    refused(apart, () => new apart.LawBook().lookup('smic_hourly', new Date('2026-01-15')), 'INPUT_WRONG_TYPE', 'date')
    // What still works.
    assert.equal(apart.parseSiret(SIRET), SIRET)
    assert.equal(apart.isValidSiret('732 829 320 00074'), true)
    assert.equal(typeof apart.assistanceFormHandedOver('other', null), 'object')
  })

  test(`${entry}: optional text and booleans are what they say, or absent`, () => {
    assert.equal(apart.parseSiret(SIRET, null), SIRET)
    assert.equal(apart.parseSiret(SIRET, undefined), SIRET)
    assert.equal(apart.parseSiret(SIRET, false), SIRET)
    assert.throws(() => apart.parseSiret('732 829 320 00074', true), (e) => e instanceof apart.SiretError)
    for (const truthy of ['yes', 1, {}, 'false', 0]) {
      refused(apart, () => apart.parseSiret(SIRET, truthy), 'INPUT_WRONG_TYPE', 'strict')
    }
    refused(apart, () => apart.writeClaimCsv('employee;month\r\n', undefined, undefined, 1), 'INPUT_WRONG_TYPE', 'lang')
    refused(apart, () => apart.parseSecretAnswer('un chat noir', { nom: 5 }), 'INPUT_WRONG_TYPE', 'nom')
  })

  test(`${entry}: whole numbers are checked, never truncated, wrapped or coerced`, () => {
    assert.deepEqual(apart.generateSirets(2, 7), apart.generateSirets(2, 7))
    assert.equal(apart.generateSirets(1, 4294967295).length, 1)
    const cases = [
      [1.5, 'VALUE_OUT_OF_RANGE'],
      [-1, 'VALUE_OUT_OF_RANGE'],
      [2 ** 53, 'VALUE_OUT_OF_RANGE'],
      [4294967296, 'VALUE_OUT_OF_RANGE'],
      [NaN, 'VALUE_NOT_FINITE'],
      [Infinity, 'VALUE_NOT_FINITE'],
      ['1', 'INPUT_WRONG_TYPE'],
      [true, 'INPUT_WRONG_TYPE'],
      [5n, 'INPUT_WRONG_TYPE'],
      [null, 'INPUT_WRONG_TYPE'],
      [undefined, 'INPUT_WRONG_TYPE'],
      [new Number(1), 'INPUT_WRONG_TYPE'],
    ]
    for (const [seed, code] of cases) {
      refused(apart, () => apart.generateSirets(2, seed), code, 'seed')
      refused(apart, () => apart.generateSirets(seed, 1), code, 'count')
    }
    refused(apart, () => apart.generateSirets(1_000_001, 1), 'VALUE_OUT_OF_RANGE', 'count')
    assert.throws(() => apart.generateSirets(2, 1.5), {
      messages: {
        fr: 'valeur hors limites pour « seed » : « 1.5 » (attendu : de 0 à 4294967295)',
        en: "value out of range for 'seed': '1.5' (expected 0 to 4294967295)",
      },
    })
  })

  test(`${entry}: arrays of strings are arrays of strings`, () => {
    assert.equal(apart.countValidSirets([SIRET, 'x', '']), 1)
    assert.equal(apart.countValidSirets([]), 0)
    refused(apart, () => apart.countValidSirets([1]), 'INPUT_WRONG_TYPE', 'inputs[0]')
    refused(apart, () => apart.countValidSirets([SIRET, null]), 'INPUT_WRONG_TYPE', 'inputs[1]')
    refused(apart, () => apart.countValidSirets([new String(SIRET)]), 'INPUT_WRONG_TYPE', 'inputs[0]')
    for (const value of [SIRET, { length: 1e8 }, null, undefined, 5, new Set([SIRET])]) {
      refused(apart, () => apart.countValidSirets(value), 'INPUT_WRONG_TYPE', 'inputs')
    }
    // A sparse array is refused at its first hole, nothing reserved for its length.
    refused(apart, () => apart.countValidSirets(new Array(1e8)), 'INPUT_WRONG_TYPE', 'inputs[0]')
  })

  test(`${entry}: ClaimCsv: step's rows is a whole number, finish() gives the claim once`, () => {
    const csv = 'employee;month;gross_monthly;hours_not_worked\r\nA;2026-01;2000;70\r\nB;2026-01;2000;70\r\n'
    const stepped = new apart.ClaimCsv(csv)
    for (const rows of [-1, 1.5, 2 ** 53]) refused(apart, () => stepped.step(rows), 'VALUE_OUT_OF_RANGE', 'rows')
    for (const rows of ['1', null, undefined, {}]) refused(apart, () => stepped.step(rows), 'INPUT_WRONG_TYPE', 'rows')
    refused(apart, () => stepped.step(NaN), 'VALUE_NOT_FINITE', 'rows')
    assert.equal(stepped.rows, 0, 'a refused step computed no row')
    assert.equal(stepped.step(1), true)
    assert.equal(stepped.rows, 1)
    const claim = stepped.finish()
    assert.deepEqual(claim, apart.computeClaimCsv(csv))
    // Used up: step answers false, the progress stays, a second finish() is a typed error.
    assert.equal(stepped.step(1), false)
    assert.equal(stepped.rows, 2)
    assert.equal(stepped.bytesRead, stepped.totalBytes)
    assert.throws(() => stepped.finish(), (e) => e instanceof apart.InternalError && e.code === 'INTERNAL_BINDING')
    stepped.free()
  })

  test(`${entry}: hostile arguments do not grow the module's memory`, async () => {
    // Warm up (the first error builds its class and messages), then measure.
    assert.throws(() => apart.parseSiret({ length: 1e8 }))
    const before = await memory(apart)
    for (let i = 0; i < 20; i++) {
      refused(apart, () => apart.parseSiret({ length: 1e8 }), 'INPUT_WRONG_TYPE', 'input')
      refused(apart, () => apart.parseSiret({ length: 3e9 }), 'INPUT_WRONG_TYPE', 'input')
      refused(apart, () => apart.formatSiret(new String('x'.repeat(1e6))), 'INPUT_WRONG_TYPE', 'input')
      refused(apart, () => apart.countValidSirets({ length: 1e8 }), 'INPUT_WRONG_TYPE', 'inputs')
      refused(apart, () => apart.countValidSirets(new Array(1e8)), 'INPUT_WRONG_TYPE', 'inputs[0]')
    }
    const grown = (await memory(apart)) - before
    // A record whose array says it is longer than any record (20,000,000 values, as in Node).
    assert.throws(() => apart.compute(new Array(1e9)), { code: 'INPUT_TOO_LARGE', family: 'input' })
    assert.throws(() => apart.computeClaim('2026-01', { length: 1e9 }), (e) => e instanceof apart.InputError)
    assert.throws(() => apart.computeClaim('2026-01', new Array(3e7)), { code: 'INPUT_TOO_LARGE' })
    assert.ok(grown <= 4 * 1024 * 1024, `the memory grew by ${grown} bytes`)
    assert.ok((await memory(apart)) - before <= 4 * 1024 * 1024, 'refused at once, nothing reserved')
    assert.equal(apart.parseSiret(SIRET), SIRET, 'the module still works')
  })
}

test('lifecycles: text, booleans, numbers and bytes of the lifecycles entry', () => {
  const apart = lifecycles
  for (const [kind, value] of Object.entries(notText)) {
    refused(apart, () => new apart.Machine(value), 'INPUT_WRONG_TYPE', 'id')
    refused(apart, () => apart.tokenId(value), 'INPUT_WRONG_TYPE', 'link')
    refused(apart, () => apart.parseDiCode(value), 'INPUT_WRONG_TYPE', 'input')
    refused(apart, () => apart.maskIban(value), 'INPUT_WRONG_TYPE', 'iban')
    refused(apart, () => apart.lastFilingDay(value, '2022-03-01'), 'INPUT_WRONG_TYPE', 'motive')
  }
  const da = new apart.Machine('apart.da')
  refused(apart, () => da.isTerminalState(5), 'INPUT_WRONG_TYPE', 'state')
  refused(apart, () => da.allowedEvents({}, 5, '2026-01-01T00:00:00Z'), 'INPUT_WRONG_TYPE', 'actor')
  // Booleans: 'yes' is not true, nor false.
  assert.notEqual(apart.annualQuotaHours(2026, true), undefined)
  for (const works of ['yes', 1, 0, null, undefined, 'false']) {
    refused(apart, () => apart.annualQuotaHours(2026, works), 'INPUT_WRONG_TYPE', 'works')
  }
  refused(apart, () => apart.annualQuotaHours('2026', false), 'INPUT_WRONG_TYPE', 'year')
  refused(apart, () => apart.annualQuotaHours(2026.5, false), 'VALUE_OUT_OF_RANGE', 'year')
  refused(apart, () => apart.annualQuota(2 ** 31), 'VALUE_OUT_OF_RANGE', 'year')
  refused(apart, () => apart.annualQuota(NaN), 'VALUE_NOT_FINITE', 'year')
  // Bytes: a Uint8Array or whole numbers from 0 to 255, nothing wrapped.
  assert.ok(apart.Entropy.fixed([1, 2, 3]) instanceof apart.Entropy)
  assert.ok(apart.Entropy.fixed(new Uint8Array([255])) instanceof apart.Entropy)
  refused(apart, () => apart.Entropy.fixed([256]), 'VALUE_OUT_OF_RANGE', 'pattern[0]')
  refused(apart, () => apart.Entropy.fixed([1, -1]), 'VALUE_OUT_OF_RANGE', 'pattern[1]')
  refused(apart, () => apart.Entropy.fixed([1.5]), 'VALUE_OUT_OF_RANGE', 'pattern[0]')
  refused(apart, () => apart.Entropy.fixed(['a']), 'INPUT_WRONG_TYPE', 'pattern[0]')
  for (const pattern of ['abc', { length: 1e8 }, 5, null]) {
    refused(apart, () => apart.Entropy.fixed(pattern), 'INPUT_WRONG_TYPE', 'pattern')
  }
  // A login's password check is a boolean or a function.
  refused(apart, () => apart.authenticate({}, 'yes', [], 'apart', '2026-01-01T00:00:00Z'), 'INPUT_WRONG_TYPE', 'verify_password')
  refused(apart, () => apart.authenticate({}, false, [], 5, '2026-01-01T00:00:00Z'), 'INPUT_WRONG_TYPE', 'application')
})

test('lifecycles: Machine.can answers false for a refused transition, as Node does; check() throws it', () => {
  const apart = lifecycles
  const da = new apart.Machine('apart.da')
  const draft = da.newSnapshot({
    reference: 'DA-1',
    establishment: { siret: SIRET, name: 'Martin' },
    request: { motive: 'economic_conditions', period: { start: '2022-03-01', end: '2022-05-31' }, employees: 4, hours: '600' },
  })
  const now = '2022-02-10T10:00:00+01:00'
  assert.equal(da.can(draft, { type: 'Submit' }, 'principal', now), true)
  assert.equal(da.can(draft, { type: 'Submit' }, 'administration', now), false)
  assert.throws(() => da.check(draft, { type: 'Submit' }, 'administration', now), (e) => e instanceof apart.ApartError && e.family !== 'input')
  assert.equal(da.check(draft, { type: 'Submit' }, 'principal', now), undefined)
  // A bad argument still throws.
  assert.throws(() => da.can(draft, { type: 'Submit' }, 'king', now), { code: 'VALUE_UNKNOWN_VARIANT', field: 'actor' })
  assert.throws(() => da.can({}, { type: 'Submit' }, 'principal', now), (e) => e instanceof apart.MachineError)
})

test('error classes can be made by a test, as in Node', () => {
  const apart = lifecycles
  const cause = new Error('root')
  const e = new apart.SiretError('mock', { code: 'SIRET_INVALID_KEY', details: { expected: 4, found: 5 }, cause })
  assert.ok(e instanceof apart.SiretError && e instanceof apart.ApartError && e instanceof Error)
  assert.deepEqual([e.family, e.code, e.message, e.messages.en, e.expected, e.cause], ['siret', 'SIRET_INVALID_KEY', 'mock', 'mock', 4, cause])
  const bare = new apart.InputError()
  assert.deepEqual([bare.family, bare.code, bare.message, bare.details], ['input', '', '', {}])
})
