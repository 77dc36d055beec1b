// computeClaimCsv: a claim read from CSV by the core's reader, as `apart claim` reads a file.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readJson, vectorsDir } from '../../../tests/js/vectors.mjs'
import * as apart from '../index.mjs'

const example = readFileSync(join(vectorsDir, '..', '..', 'examples', 'claim.csv'))

/** A CSV of records, `sep` between cells, every value written as text (decimal commas with `;`). */
function csvOf(records, sep) {
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))]
  const cell = (v) => {
    if (v === undefined || v === null) return ''
    const text = String(v)
    return sep === ';' ? text.replace(/^(-?\d+)\.(\d+)$/, '$1,$2') : text
  }
  return [columns.join(sep), ...records.map((r) => columns.map((c) => cell(r[c])).join(sep))].join('\n') + '\n'
}

test('a claim from CSV: the same lines and totals as computeClaim, in both dialects', () => {
  const employees = readJson('indemnity.json').cases
    .filter((c) => c.kind === 'employee_month' && c.input.month === '2026-01' && !c.options?.full_time_floor)
    .map((c, i) => ({ ...c.input, employee: `E${i}` }))
  assert.ok(employees.length >= 3)
  const claim = apart.computeClaim('2026-01', employees)
  for (const sep of [',', ';']) {
    const table = apart.computeClaimCsv(csvOf(employees, sep))
    assert.ok(table instanceof apart.ClaimTable)
    assert.equal(table.month, '2026-01')
    const got = table.toJSON()
    assert.deepEqual(got.totals, claim.totals, `separator ${sep}`)
    got.lines.forEach((line, i) => {
      const want = claim.lines[i]
      assert.deepEqual(line.outcome, want.outcome, `separator ${sep}, line ${i}`)
      assert.equal(line.error?.code, want.error?.code)
      // A refused row's message names its line of the file (the header is line 1).
      if (want.error !== undefined) {
        assert.equal(line.error.messages.fr, `ligne ${i + 2} : ${want.error.messages.fr}`)
        assert.equal(line.error.details.line, i + 2)
      }
    })
  }
})

test('a claim from CSV: text or bytes, the month from the settings, refused rows naming line and column', () => {
  const settings = { month: '2026-01' }
  const table = apart.computeClaimCsv(example, settings)
  assert.deepEqual(apart.computeClaimCsv(example.toString('utf8'), settings).toJSON(), table.toJSON())
  assert.deepEqual(apart.computeClaimCsv(new Uint8Array(example), settings).toJSON(), table.toJSON())
  assert.deepEqual(table.column('employee'), ['Jeanne Martin', 'Paul Durand', 'Awa Diallo', 'Léo Petit'])
  assert.deepEqual(table.column('employee_indemnity'), ['553.70', '830.90', '969.15', null]) // the README's
  assert.deepEqual(table.line(1).outcome, apart.compute({ employee: 'Paul Durand', month: '2026-01', gross_monthly: '3000.00', hours_not_worked: '70' }))
  assert.equal(table.column('error.code')[3], 'VALUE_INVALID_DECIMAL')
  assert.match(table.line(3).error.messages.fr, /ligne 5/)
  assert.match(table.line(3).error.messages.en, /line 5/)
  assert.equal(table.line(3).error.details.field, 'gross_monthly')
  assert.equal(table.totals.employees_refused, 1)
  // A byte order mark and CRLF line ends, as spreadsheets save them.
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(example.toString('utf8').replaceAll('\n', '\r\n'))])
  assert.deepEqual(apart.computeClaimCsv(bom, settings).toJSON(), table.toJSON())
  // Options and a law book, as computeClaim takes them.
  const exact = apart.computeClaimCsv(example, settings, { rounding: 'exact' }, new apart.LawBook())
  assert.equal(exact.line(0).outcome.rounding, 'exact')
  // A row of another month than the settings' is refused; a long line is refused by number.
  const other = apart.computeClaimCsv('month,gross_monthly,hours_not_worked\n2026-02,2000,70\n', settings)
  assert.equal(other.line(0).error.code, 'INDEMNITY_CLAIM_MONTH_MISMATCH')
  const long = apart.computeClaimCsv(`employee,gross_monthly,hours_not_worked\n${'A'.repeat(100)},2000,70\nB,2000,70\n`, { ...settings, max_line: 64 })
  assert.deepEqual(long.column('error.code'), ['INPUT_TOO_LARGE', null])
})

test('a claim from CSV that cannot be read throws; so do bad arguments', () => {
  const month = { month: '2026-01' }
  assert.throws(() => apart.computeClaimCsv('employee,gros\nA,1\n', month), { name: 'InputError', code: 'INPUT_UNKNOWN_FIELD', field: 'gros' })
  assert.throws(() => apart.computeClaimCsv('employee,gross_monthly\n', month), { name: 'InputError', code: 'INPUT_MALFORMED' })
  assert.throws(() => apart.computeClaimCsv('employee,gross_monthly,hours_not_worked\nA,2000,70\n'), { name: 'InputError', code: 'INPUT_MISSING_FIELD', field: 'month' })
  assert.throws(() => apart.computeClaimCsv('employee,gross_monthly\nA,1\n', { mois: '2026-01' }), { name: 'InputError', code: 'INPUT_UNKNOWN_FIELD', field: 'mois' })
  assert.throws(() => apart.computeClaimCsv('employee,gross_monthly\nA,1\n', { month: '2026-13' }), { name: 'InputError', code: 'VALUE_INVALID_MONTH' })
  assert.throws(() => apart.computeClaimCsv('employee,gross_monthly\nA,1\n', month, { rounding: 'nope' }), { name: 'InputError', code: 'VALUE_UNKNOWN_VARIANT' })
  for (const bad of [42, null, undefined, ['a'], { text: 'a' }, new Float64Array(2)]) {
    assert.throws(() => apart.computeClaimCsv(bad, month), { name: 'InputError', code: 'INPUT_WRONG_TYPE', field: 'csv' }, String(bad))
  }
})
