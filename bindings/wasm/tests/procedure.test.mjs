// The procedure API beyond the vectors (every case of tests/vectors/procedure.json is run by
// vectors.test.mjs, with the runner shared with Node): DI codes, machines, law books.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import apart, { readJson } from './apart.mjs'

const doc = readJson('procedure.json')
const machines = { da: new apart.Machine('apart.da') }

test('DI codes, IBAN masking, machine metadata', () => {
  assert.equal(apart.parseDiCode('DI 0001\u00a023'), apart.parseDiCode('DI000123'))
  assert.ok(apart.diCodeMatches('DI000123', 'di 0001 23') || apart.diCodeMatches('DI000123', 'DI 0001 23'))
  assert.throws(() => apart.parseDiCode(''), (e) => e instanceof apart.ProcedureError)
  assert.match(apart.maskIban('FR76 3000 6000 0112 3456 7890 189'), /189$/)
  assert.ok(apart.machines().includes('apart.di'))
  assert.throws(() => new apart.Machine('apart.nope'), { code: 'MACHINE_UNKNOWN', family: 'machine' })
  assert.throws(() => machines.da.apply({}, { type: 'Submit' }, 'principal', '2026-01-01T00:00:00Z'), (e) => e instanceof apart.ApartError)
  assert.throws(() => machines.da.newSnapshot({}), (e) => e instanceof apart.ApartError)
  assert.throws(() => machines.da.tick(machines.da.newSnapshot(doc.cases.find((c) => c.da).da), '2026-01-01T10:00:00'), { code: 'VALUE_INVALID_INSTANT', field: 'now' })
  assert.throws(() => machines.da.allowedEvents({}, 'king', '2026-01-01T00:00:00Z'), { code: 'VALUE_UNKNOWN_VARIANT', field: 'actor' })
  assert.match(machines.da.mermaid(), /stateDiagram/)
})

test('a caller\'s law book reaches the DA (issue 11.5)', () => {
  const law = new apart.LawBook()
  law.upsertRow('da_decision_delay_days', { from: '2022-01-01', value: '30', source: { title: 'test decree' } })
  const draft = machines.da.newSnapshot({
    reference: 'DA-1',
    establishment: { siret: '73282932000074', name: 'Martin' },
    request: { motive: 'economic_conditions', period: { start: '2022-03-01', end: '2022-05-31' }, employees: 4, hours: '600' },
  })
  const now = '2022-02-10T10:00:00+01:00'
  const delay = (m) => m.apply(draft, { type: 'Submit' }, 'principal', now).snapshot.context.decision_delay_days
  assert.equal(delay(machines.da), 15)
  const bound = machines.da.withLaw(law)
  assert.equal(bound.id, 'apart.da')
  assert.equal(delay(bound), 30)
  assert.equal(new apart.Machine('apart.credential').withLaw(law).id, 'apart.credential')
})

test('the dated rules of the procedure, as in Node: dates as text or a Date at midnight UTC', () => {
  const day = /^\d{4}-\d{2}-\d{2}$/
  assert.match(apart.lastFilingDay('economic_conditions', '2022-03-01'), day)
  assert.equal(apart.lastFilingDay('economic_conditions', new Date('2022-03-01')), apart.lastFilingDay('economic_conditions', '2022-03-01'))
  assert.throws(() => apart.lastFilingDay('economic_conditions', new Date(Date.UTC(2022, 2, 1, 15))), { name: 'InputError', code: 'VALUE_INVALID_DATE', field: 'placement' })
  assert.throws(() => apart.lastFilingDay('conjoncture', '2022-03-01'), { name: 'InputError', code: 'VALUE_UNKNOWN_VARIANT', field: 'motive' })
  assert.equal(apart.decisionDelayDays('2022-02-10'), 15)
  const acceptance = apart.implicitAcceptanceAt('2022-02-10T10:00:00+01:00')
  assert.equal(acceptance.days, 15)
  assert.match(acceptance.at, /^2022-02-2\dT.*\+01:00$/)
  assert.match(apart.claimsLastDay('2022-02-26', '2022-05-31'), day)
  assert.equal(typeof apart.claimDeadlineMonths('2022-02-26'), 'number')
  assert.equal(apart.annualQuota(2021).hours, 1607)
  assert.match(apart.annualQuotaHours(2021, false), /^\d+(\.\d+)?$/)
  assert.ok(apart.maxDuration('2022-02-10').months > 0)
  const late = apart.lateFilingDays('economic_conditions', '2022-03-01')
  assert.ok(late === null || typeof late === 'number')
})
