// The native records (issue 15): `new NativeEmployeeMonth(record)` reads a record as `compute`
// does, its `compute()` gives the outcome `compute` gives (`toJSON()`), every getter the
// field of that record, and the same errors.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { readJson } from '../../../tests/js/vectors.mjs'

const apart = createRequire(import.meta.url)('../index.js')
const cases = readJson('indemnity.json').cases.filter((c) => c.kind === 'employee_month')

/** The error `f` throws (its class name and code), or undefined. */
function thrown(f) {
  try {
    f()
  } catch (e) {
    return { name: e.name, code: e.code, message: e.message }
  }
  return undefined
}

test('every indemnity vector: the native outcome is the outcome of compute, field by field', () => {
  let computed = 0
  for (const c of cases) {
    const error = thrown(() => apart.compute(c.input, c.options))
    if (error) {
      assert.deepEqual(thrown(() => new apart.NativeEmployeeMonth(c.input).compute(c.options)), error, c.id)
      continue
    }
    const employee = new apart.NativeEmployeeMonth(c.input)
    assert.ok(employee instanceof apart.NativeEmployeeMonth)
    const record = employee.toJSON()
    assert.deepEqual(apart.compute(record, c.options), apart.compute(c.input, c.options), c.id)
    for (const [name, value] of Object.entries(record)) assert.deepEqual(employee[name], value, `${c.id}: ${name}`)
    for (const options of [c.options, { ...c.options, explain: 'on' }]) {
      const outcome = employee.compute(options)
      assert.ok(outcome instanceof apart.NativeOutcome)
      const plain = apart.compute(c.input, options)
      assert.deepEqual(outcome.toJSON(), plain, c.id)
      assert.equal(JSON.stringify(outcome), JSON.stringify(plain))
      for (const [name, value] of Object.entries(plain)) assert.deepEqual(outcome[name], value, `${c.id}: ${name}`)
    }
    computed += 1
  }
  assert.ok(computed > 50, `${computed} cases computed`)
})

test('an optional field not given reads undefined, a null field null; the getters are the record\'s fields', () => {
  const employee = new apart.NativeEmployeeMonth({ month: '2026-01', gross_monthly: 2000, hours_not_worked: '70' })
  assert.equal(employee.gross_monthly, '2000')
  assert.equal(employee.contract_hours, '151.67')
  assert.equal(employee.employee, undefined)
  assert.equal(employee.get('net_pay_worked'), undefined)
  const outcome = employee.compute()
  assert.equal(outcome.contributions, null)
  // As the declarations say: what `toJSON()` has, `null` where it writes `null`.
  assert.equal(outcome.get('contributions'), null)
  assert.equal(outcome.toJSON().contributions, null)
  assert.equal(outcome.employee, undefined)
  assert.ok(!('employee' in outcome.toJSON()) && !('net_pay_worked' in employee.toJSON()))
  const getters = Object.entries(Object.getOwnPropertyDescriptors(apart.NativeOutcome.prototype))
    .filter(([, d]) => d.get)
    .map(([name]) => name)
  assert.deepEqual(getters.sort(), Object.keys(apart.compute(employee.toJSON())).concat('employee').sort())
  assert.throws(() => outcome.get('employee_indemnty'), { name: 'InputError', code: 'VALUE_UNKNOWN_VARIANT' })
  assert.throws(() => employee.get(7), { name: 'InputError', code: 'INPUT_WRONG_TYPE' })
})

test('a bad record or option is refused as compute refuses it', () => {
  assert.throws(() => new apart.NativeEmployeeMonth({ month: '2026-01', gross_monthly: '2000', contract_hour: '121.33' }), {
    name: 'InputError',
    code: 'INPUT_UNKNOWN_FIELD',
    field: 'contract_hour',
  })
  assert.throws(() => new apart.NativeEmployeeMonth({ month: '2026-01', gross_monthly: 2000.5 }), { code: 'VALUE_FLOAT_REFUSED' })
  assert.throws(() => new apart.NativeEmployeeMonth({ month: '2026-01', gross_monthly: NaN }), { code: 'VALUE_NOT_FINITE' })
  assert.throws(() => new apart.NativeEmployeeMonth('2026-01'), { name: 'InputError', code: 'INPUT_WRONG_TYPE' })
  const employee = new apart.NativeEmployeeMonth({ month: '2026-01', gross_monthly: '2000', hours_not_worked: '70' })
  assert.throws(() => employee.compute({ explian: 'on' }), { name: 'InputError', code: 'INPUT_UNKNOWN_FIELD', field: 'explian' })
  assert.throws(() => new apart.NativeEmployeeMonth({ month: '2026-01', gross_monthly: '-1', hours_not_worked: '70' }).compute(), apart.IndemnityError)
  assert.throws(() => new apart.NativeOutcome(), Error)
})

test('a caller\'s law book is used', () => {
  const law = new apart.LawBook()
  const employee = new apart.NativeEmployeeMonth({ month: '2026-01', gross_monthly: '2000', hours_not_worked: '70' })
  assert.deepEqual(employee.compute(undefined, law).toJSON(), apart.compute(employee.toJSON(), undefined, law))
})

test('a plain record read through JSON.stringify gives what the value reader gives', () => {
  const values = ['2000', '2000.50', 2000, -0, 2000.5, 1e21, 2 ** 60, -5, '\ud800', '', null, undefined, true, NaN, Infinity, 10n, [], {}, new Date(0)]
  const viaReader = (r) => Object.assign(Object.create(null), r)
  const answer = (f) => {
    try {
      return { ok: JSON.stringify(f()) }
    } catch (e) {
      return { name: e.name, code: e.code, message: e.message, details: e.details }
    }
  }
  for (const value of values) {
    for (const field of ['gross_monthly', 'hours_not_worked', 'regime', 'employee', 'apld_period_months', 'apld_exceptional_reduction', 'nope']) {
      const record = { month: '2026-01', gross_monthly: '2000', hours_not_worked: '70', [field]: value }
      const label = `${field}: ${String(value)}`
      assert.deepEqual(answer(() => apart.compute(record)), answer(() => apart.compute(viaReader(record))), label)
      assert.deepEqual(
        answer(() => apart.computeClaim('2026-01', [record, record])),
        answer(() => apart.computeClaim('2026-01', [viaReader(record), record])),
        label,
      )
    }
  }
})

test('compute builds the outcome object (records.rs RECORD_JS) exactly as JSON.parse of its JSON would', () => {
  // computeClaim's lines still go through JSON.parse: the same outcome, key order included,
  // for values with quotes, controls, NUL (left to JSON.parse), non-ASCII text and '__proto__',
  // and for more distinct shapes than the 64 builders kept.
  const ids = [undefined, 'E-1', 'é€😀', 'a"b\\c\nd\te\u0001', 'nul\u0000x', '__proto__', '', '0']
  for (const c of cases) {
    for (const options of [c.options, { ...c.options, explain: 'on' }]) {
      for (const id of ids) {
        const input = id === undefined ? c.input : { ...c.input, employee: id }
        let outcome
        try {
          outcome = apart.compute(input, options)
        } catch {
          continue
        }
        const line = apart.computeClaim(input.month, [input], options).lines[0].outcome
        assert.deepEqual(outcome, line, c.id)
        assert.equal(JSON.stringify(outcome), JSON.stringify(line), c.id)
      }
    }
  }
})
