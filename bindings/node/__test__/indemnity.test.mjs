// The indemnity API beyond the vectors (every case of tests/vectors/indemnity.json is run by
// vectors.test.mjs, with the runner shared with the wasm package): claims, columns, law books.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { readJson } from '../../../tests/js/vectors.mjs'

const apart = createRequire(import.meta.url)('../index.js')
const doc = readJson('indemnity.json')

/** Records as a table of columns: one array per field, `undefined` where a record has none. */
function columnsOf(records) {
  const names = [...new Set(records.flatMap((r) => Object.keys(r)))]
  return Object.fromEntries(names.map((name) => [name, records.map((r) => r[name])]))
}

test('a long claim (lines built in chunks, several shapes) is the JSON of the core, key for key', () => {
  const sources = doc.cases
    .filter((c) => c.kind === 'employee_month' && !c.options?.full_time_floor)
    .map((c) => c.input)
  // 700 lines over three chunks: lines of every shape (warnings, hours refused, lines refused
  // for their month or their input), and names with accents and quotes; a NUL in a value
  // (which the builder cannot carry) makes the claim go through JSON.parse, the same object.
  const employees = Array.from({ length: 700 }, (_, i) => ({
    ...sources[i % sources.length],
    month: i % 7 === 3 ? '2026-02' : '2026-01',
    employee: i % 50 === 0 ? `É"${i}€` : `E${i}`,
  }))
  const claim = apart.computeClaim('2026-01', employees)
  assert.equal(claim.lines.length, 700)
  assert.ok(claim.lines.some((l) => l.error) && claim.lines.some((l) => l.outcome?.warnings.length))
  const core = apart.computeClaimColumns('2026-01', columnsOf(employees)).toJSON()
  assert.equal(JSON.stringify(claim), JSON.stringify(core))
  employees[650].employee = 'a\0b'
  assert.equal(JSON.stringify(apart.computeClaim('2026-01', employees)), JSON.stringify(apart.computeClaimColumns('2026-01', columnsOf(employees)).toJSON()))
  assert.equal(JSON.stringify(apart.computeClaim('2026-01', [])), JSON.stringify(apart.computeClaimColumns('2026-01', {}).toJSON()))
})

test('a whole claim: one call, per-employee lines and totals; a bad line does not stop the others', () => {
  const employees = doc.cases
    .filter((c) => c.kind === 'employee_month' && c.input.month === '2026-01' && !c.options?.full_time_floor)
    .map((c, i) => ({ ...c.input, employee: `E${i}` }))
  assert.ok(employees.length >= 3)
  const claim = apart.computeClaim('2026-01', employees)
  assert.equal(claim.month, '2026-01')
  assert.equal(claim.lines.length, employees.length)
  let indemnity = 0
  claim.lines.forEach((line, i) => {
    assert.equal(line.index, i)
    if (line.outcome) {
      indemnity += Math.round(Number(line.outcome.employee_indemnity) * 100)
      assert.deepEqual(line.outcome, apart.compute(employees[i]))
    } else {
      assert.throws(() => apart.compute(employees[i]), { code: line.error.code, messages: line.error.messages })
    }
  })
  assert.equal(Math.round(Number(claim.totals.employee_indemnity) * 100), indemnity)
  assert.equal(claim.totals.employees + claim.totals.employees_refused, employees.length)
})

test('a caller can add a missing floor without a new release (as tests/suite/indemnity.rs)', () => {
  // Protected sectors, July 2021: allocation floor not in the sources (spec §1.5) → error
  // where it could bind, until the caller adds the row.
  const input = { month: '2021-07', gross_monthly: '1600', hours_not_worked: '60', regime: 'covid_protected' }
  const law = new apart.LawBook()
  assert.deepEqual(law.problems(), [])
  // A book's problems are LawError objects, returned, said in French and English.
  const short = new apart.LawBook()
  short.setValidUntil('smic_hourly', '2025-12-31')
  const [problem, ...others] = short.problems()
  assert.deepEqual(others, [])
  assert.ok(problem instanceof apart.LawError)
  assert.equal(problem.code, 'LAW_INVALID_DATA')
  assert.deepEqual(problem.details, { table: 'smic_hourly', problem: 'verified_before_release', valid_until: '2025-12-31' })
  assert.equal(problem.messages.fr, 'table « smic_hourly » invalide : vérifiée jusqu\'au 2025-12-31 seulement, avant le 2026-05-31')
  assert.equal(problem.messages.en, "invalid table 'smic_hourly': verified until 2025-12-31 only, before 2026-05-31")
  assert.throws(() => apart.compute(input, {}, law), (e) => {
    assert.equal(e.code, 'LAW_VALUE_UNKNOWN')
    assert.match(e.message, /covid_protected_allocation_floor/)
    return true
  })
  law.upsertRow('covid_protected_allocation_floor', { from: '2021-07-01', value: '8.11', source: { title: 'caller: value to check' } })
  assert.equal(apart.compute(input, {}, law).employer_hourly_allocation, '8.11')
  // The embedded book is untouched.
  assert.throws(() => apart.compute(input), { code: 'LAW_VALUE_UNKNOWN' })
  assert.equal(apart.computeClaim('2021-07', [input], {}, law).totals.employees, 1)
  assert.throws(() => law.upsertRow('no_such_table', { from: '2026-01-01', value: '1', source: { title: 'x' } }), apart.LawError)
  // The same checks as the built-in data: a rate of -5 is refused, so is a row without a shape.
  assert.throws(() => law.upsertRow('crds_rate', { from: '2026-01-01', value: '-5', source: { title: 'x' } }), { code: 'LAW_INVALID_OVERRIDE' })
  assert.throws(() => law.upsertRow('crds_rate', { from: '2026-01-01', value: 0.5 }), { name: 'InputError', code: /^(INPUT|VALUE)_/ })
  assert.throws(() => law.upsertRow('crds_rate', { from: '2026-01-01', value: NaN, source: { title: 'x' } }), { name: 'InputError', code: 'VALUE_NOT_FINITE' })
  assert.throws(() => law.upsertRow('crds_rate', { from: '2026-01-01', value: '1', source: { title: 'x' }, sauce: 1 }), { name: 'InputError', code: 'INPUT_UNKNOWN_FIELD' })
  assert.ok(law.tables().length === apart.lawTables().length)
})

test('a law file adds a decree, in the format of the built-in tables (as `apart simulate --law`)', () => {
  const law = new apart.LawBook()
  const changed = law.applyFile('verified_until = "2026-12-31"\n[[tables]]\nid = "smic_hourly"\n[[tables.values]]\n' +
    'from = "2026-06-01"\nvalue = "12.31"\nsource = { title = "Arrêté du 22 mai 2026" }\n')
  assert.deepEqual(changed, ['smic_hourly'])
  assert.equal(law.verifiedUntil(), '2026-12-31')
  // The embedded law computes months after its verified date with the values in force, warned.
  const out = apart.compute({ month: '2026-11', gross_monthly: '2000', hours_not_worked: '70' })
  assert.equal(out.law_as_of, '2026-05-31')
  assert.equal(out.warnings[0].code, 'LAW_BEYOND_VERIFIED_DATE')
  assert.match(out.warnings[0].messages.en, /2026-05-31/)
  assert.throws(() => apart.compute({ month: '2026-11', gross_monthly: '2000', hours_not_worked: '70' }, { strict_law_dates: true }),
    (e) => e.code === 'LAW_DATE_AFTER_LAST_KNOWN' && !e.message.includes('::'))
  assert.throws(() => law.applyFile('id = "crds_rate"\n[[values]]\nfrom = "2026-01-01"\nvalue = "-5"\nsource = { title = "x" }\n'),
    { code: 'LAW_INVALID_OVERRIDE' })
})

test('a claim as columns: the same lines and totals as computeClaim, converted only when read', () => {
  const employees = doc.cases
    .filter((c) => c.kind === 'employee_month' && c.input.month === '2026-01' && !c.options?.full_time_floor)
    .map((c, i) => ({ ...c.input, employee: `E${i}` }))
  assert.ok(employees.length >= 3)
  const columns = columnsOf(employees)
  const table = apart.computeClaimColumns('2026-01', columns)
  assert.ok(table instanceof apart.ClaimTable)
  assert.equal(table.month, '2026-01')
  assert.equal(table.length, employees.length)
  const claim = apart.computeClaim('2026-01', employees)
  assert.deepEqual(table.toJSON(), claim)
  assert.deepEqual(JSON.parse(JSON.stringify(table)), claim)
  assert.deepEqual(table.totals, claim.totals)
  assert.deepEqual(table.line(1), claim.lines[1])
  assert.deepEqual(table.column('employee'), employees.map((e) => e.employee))
  assert.deepEqual(table.column('index'), employees.map((_, i) => String(i)))
  assert.deepEqual(table.column('employee_indemnity'), claim.lines.map((l) => l.outcome?.employee_indemnity ?? null))
  assert.deepEqual(table.column('contributions.total'), claim.lines.map((l) => l.outcome?.contributions?.total ?? null))
  assert.deepEqual(table.column('error.code'), claim.lines.map((l) => l.error?.code ?? null))
  assert.deepEqual(table.column('error.messages.en'), claim.lines.map((l) => l.error?.messages.en ?? null))
  for (const bad of ['warnings', 'contributions', 'nope', 'employee_indemnity.x']) {
    assert.throws(() => table.column(bad), { name: 'InputError', code: 'VALUE_UNKNOWN_VARIANT' })
  }
  assert.throws(() => table.line(employees.length), { name: 'InputError', code: 'VALUE_OUT_OF_RANGE', field: 'index' })
})

test('a claim as columns: a refused cell refuses its line only; a bad table throws', () => {
  const table = apart.computeClaimColumns('2026-01', {
    employee: ['A', 'B', 'C', 'D', 'E'],
    gross_monthly: ['2000', '2 000', 2000, 2000.5, '2000'],
    hours_not_worked: ['70', '70', 70, '70', null],
    regime: 'droit_commun', // one value for every line
  })
  assert.deepEqual(table.column('error.code'), [null, 'VALUE_INVALID_DECIMAL', null, 'VALUE_FLOAT_REFUSED', null])
  assert.deepEqual(table.column('employee'), ['A', 'B', 'C', 'D', 'E'])
  assert.equal(table.line(0).outcome.employee_indemnity, '553.70')
  assert.equal(table.line(2).outcome.employee_indemnity, '553.70')
  assert.equal(table.line(4).outcome.hours_not_worked, '0')
  assert.match(table.line(1).error.messages.fr, /gross_monthly/)
  assert.equal(table.line(1).error.family, 'input')
  assert.equal(table.line(1).error.details.field, 'gross_monthly')
  assert.deepEqual(table.totals.employees, 3)
  assert.deepEqual(table.totals.employees_refused, 2)
  // A line of another month is refused like in computeClaim.
  assert.equal(apart.computeClaimColumns('2026-01', { month: ['2026-02'], gross_monthly: ['2000'] }).line(0).error.code, 'INDEMNITY_CLAIM_MONTH_MISMATCH')
  // An unknown column, a typo, throws (as computeClaimCsv does for its header), naming it.
  assert.throws(() => apart.computeClaimColumns('2026-01', { gross_monthly: ['2000'], contract_hour: ['121.33'] }),
    { name: 'InputError', code: 'INPUT_UNKNOWN_FIELD', field: 'contract_hour', message: /contract_hours/ })
  assert.throws(() => apart.computeClaimColumns('2026-01', { gross_monthly: ['2000', '3000'], hours_not_worked: ['70'] }),
    { name: 'InputError', code: 'INPUT_MALFORMED', field: 'hours_not_worked' })
  assert.throws(() => apart.computeClaimColumns('2026-01', [{ gross_monthly: '2000' }]), { name: 'InputError', code: 'INPUT_WRONG_TYPE' })
  assert.throws(() => apart.computeClaimColumns('2026-13', {}), { name: 'InputError', code: 'VALUE_INVALID_MONTH' })
  assert.deepEqual(apart.computeClaimColumns('2026-01', { gross_monthly: [NaN, '2000', 1e400], hours_not_worked: 70 }).column('error.code'),
    ['VALUE_NOT_FINITE', null, 'VALUE_NOT_FINITE'])
  assert.equal(apart.computeClaimColumns('2026-01', {}).length, 0)
})

test('a record that cannot be read refuses its line only, as computeClaimColumns and computeClaimCsv do', () => {
  const ok = { month: '2026-01', gross_monthly: '2000', hours_not_worked: '70' }
  const bad = [
    [{ ...ok, employee: 'B', gross_monthly: '2 000' }, 'VALUE_INVALID_DECIMAL', 'gross_monthly', 'B'],
    [{ ...ok, gross_monthly: 2000.5 }, 'VALUE_FLOAT_REFUSED', 'gross_monthly', null],
    [{ ...ok, gross_monthly: NaN }, 'VALUE_NOT_FINITE', 'gross_monthly', null],
    [{ ...ok, employee: 'D', hours_not_worke: '70' }, 'INPUT_UNKNOWN_FIELD', 'hours_not_worke', 'D'],
    [{ ...ok, regime: 'nope' }, 'VALUE_UNKNOWN_VARIANT', 'regime', null],
    [5, 'INPUT_WRONG_TYPE', undefined, null],
  ]
  const claim = apart.computeClaim('2026-01', [ok, ...bad.map(([record]) => record), { ...ok, employee: 'Z' }])
  assert.equal(claim.lines.length, bad.length + 2)
  assert.deepEqual(claim.lines[0].outcome, apart.compute(ok))
  assert.equal(claim.lines.at(-1).employee, 'Z')
  assert.deepEqual(claim.lines.at(-1).outcome, apart.compute({ ...ok, employee: 'Z' }))
  bad.forEach(([record, code, field, employee], i) => {
    const line = claim.lines[i + 1]
    assert.equal(line.index, i + 1)
    assert.equal(line.outcome ?? null, null)
    assert.equal(line.employee ?? null, employee)
    assert.equal(line.error.code, code, line.error.messages.en)
    assert.equal(line.error.family, 'input')
    // The same error as `compute` of that record alone (the field named inside the record).
    assert.throws(() => apart.compute(record), (e) => {
      assert.equal(e.code, code)
      assert.deepEqual(line.error.messages, e.messages)
      if (field) assert.equal(e.field, field)
      return true
    })
  })
  assert.equal(claim.totals.employees, 2)
  assert.equal(claim.totals.employees_refused, bad.length)
  assert.equal(claim.totals.employee_indemnity, (2 * Number(apart.compute(ok).employee_indemnity)).toFixed(2))
  // The same lines as a table of columns for the cells both can carry.
  const columns = apart.computeClaimColumns('2026-01', { gross_monthly: ['2000', '2 000', 2000.5], hours_not_worked: '70' })
  const lines = apart.computeClaim('2026-01', [ok, { ...ok, gross_monthly: '2 000' }, { ...ok, gross_monthly: 2000.5 }]).lines
  assert.deepEqual(lines.map((l) => l.error?.code ?? null), columns.column('error.code'))
  assert.deepEqual(lines.map((l) => l.error?.messages.fr ?? null), columns.column('error.messages.fr'))
  // Still thrown: a bad month, bad options, a value that is not an array; a getter's own error.
  assert.throws(() => apart.computeClaim('2026-13', [ok]), { name: 'InputError', code: 'VALUE_INVALID_MONTH' })
  assert.throws(() => apart.computeClaim('2026-01', [ok, { ...ok, gross_monthly: '2 000' }], { rounding: 'nope' }), { name: 'InputError', code: 'VALUE_UNKNOWN_VARIANT' })
  assert.throws(() => apart.computeClaim('2026-01', { 0: ok }), { name: 'InputError', code: 'INPUT_WRONG_TYPE' })
  const hostile = { ...ok, gross_monthly: 2000.5, get employee() { throw new RangeError('mine') } }
  assert.throws(() => apart.computeClaim('2026-01', [ok, hostile]), { name: 'RangeError', message: 'mine' })
})
