// The procedure API beyond the vectors (every case of tests/vectors/procedure.json is run by
// vectors.test.mjs, with the runner shared with the wasm package): helpers and law books.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'

const apart = createRequire(import.meta.url)('../index.js')
const machines = { da: new apart.Machine('apart.da') }

test('procedure helpers: DI code, rules, assistance form, IBAN', () => {
  assert.equal(apart.parseDiCode('DI 0001\u00a023'), apart.parseDiCode('DI000123'))
  assert.ok(apart.diCodeMatches('DI000123', 'di 0001 23') || apart.diCodeMatches('DI000123', 'DI 0001 23'))
  assert.throws(() => apart.parseDiCode(''), apart.ProcedureError)
  assert.match(apart.maskIban('FR76 3000 6000 0112 3456 7890 189'), /\*{4} .* 189$/)
  assert.deepEqual(apart.assistanceMotives().at(-1), { code: 'autres', label: 'Autres' })
  assert.deepEqual(apart.daMotives()[0], { code: 'economic_conditions', label: 'La conjoncture économique' })
  assert.deepEqual(apart.daStates().find((s) => s.name === 'Submitted'), { name: 'Submitted', label: 'Transmise', is_authorised: false })
  const validated = apart.diStates().find((s) => s.extranet_code === 9)
  assert.equal(validated.name, 'Validated')
  assert.equal(validated.employer_status, 'validated')
  assert.equal(validated.counts_as_filed, true)
  assert.deepEqual(apart.diStates().map((s) => s.name), new apart.Machine('apart.di').states())
  const form = apart.assistanceFormHandedOver('HabilitationExtranet', '73282932000074')
  assert.equal(form.siret, '73282932000074')
  assert.throws(() => apart.validateAssistanceForm(form, { status: 'not_verified' }), (e) => {
    assert.ok(e instanceof apart.FormError)
    assert.ok(e.fields.length >= 1)
    return true
  })
  assert.match(apart.annualQuotaHours(2021, false), /^\d+(\.\d+)?$/)
  const acceptance = apart.implicitAcceptanceAt(new Date('2022-02-10T10:00:00+01:00'))
  assert.equal(acceptance.at, '2022-02-26T00:00:00Z')
  assert.ok(acceptance.days > 0)
  assert.match(apart.claimsLastDay('2022-02-26', '2022-05-31'), /^\d{4}-\d{2}-\d{2}$/)
  assert.match(apart.lastFilingDay('economic_conditions', new Date('2022-03-01')), /^\d{4}-\d{2}-\d{2}$/)
  assert.throws(() => apart.lastFilingDay('economic_conditions', new Date(Date.UTC(2022, 2, 1, 15))), { name: 'InputError', code: 'VALUE_INVALID_DATE' })
})

test('procedure rules: delays, quotas, durations', () => {
  assert.equal(apart.decisionDelayDays('2022-02-10'), 15)
  assert.equal(typeof apart.claimDeadlineMonths('2022-02-26'), 'number')
  assert.equal(apart.annualQuota(2021).hours, 1607)
  assert.ok(apart.maxDuration('2022-02-10').months > 0)
  const late = apart.lateFilingDays('economic_conditions', '2022-03-01')
  assert.ok(late === undefined || late === null || typeof late === 'number')
})

test('a caller\'s law book reaches the rules and the DA (issue 11.5)', () => {
  const law = new apart.LawBook()
  law.upsertRow('da_decision_delay_days', { from: '2022-01-01', value: '30', source: { title: 'test decree' } })
  assert.equal(apart.decisionDelayDays('2022-02-10'), 15)
  assert.equal(apart.decisionDelayDays('2022-02-10', law), 30)
  assert.equal(apart.implicitAcceptanceAt('2022-02-10T10:00:00+01:00', law).days, 30)
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

// A DI the shared vectors bring to Submitted (the first case with a `di_submitted` recap),
// replayed up to that recap.
function submittedDi() {
  const doc = JSON.parse(readFileSync(new URL('../../../tests/vectors/procedure.json', import.meta.url), 'utf8'))
  const m = { da: new apart.Machine('apart.da'), di: new apart.Machine('apart.di') }
  const c = doc.cases.find((c) => c.steps.some((s) => s.recap === 'di_submitted'))
  const world = { da: m.da.newSnapshot(c.da), di: null }
  for (const step of c.steps) {
    if (step.recap === 'di_submitted') return world.di
    if (step.recap || step.expect.error !== undefined) continue
    const now = step.now ?? '2000-01-01T00:00:00Z'
    if (step.machine === 'di' && step.create) {
      world.di = apart.createDi(world.da, step.create.code, step.create.month, world.di ? [world.di] : [], now)
    } else {
      const s = world[step.machine]
      world[step.machine] = (step.tick !== undefined ? m[step.machine].tick(s, now) : m[step.machine].apply(s, step.event, step.actor, now)).snapshot
    }
  }
  throw new Error('no submitted DI in procedure.json')
}

test('recapOfDi: the amounts record is the core\'s (decimals as text or integers)', () => {
  const di = submittedDi()
  const claimed = (amounts) => apart.recapOfDi(di, 'di_submitted', amounts).content.totals.amount_claimed
  assert.equal(claimed({ claimed: '1234.56' }), '1234.56')
  assert.equal(claimed({ claimed: 1234 }), '1234')
  assert.equal(claimed({ claimed: 999999999 }), '999999999')
  // What a recap may print: cents, at most MAX_PAYMENT, a real IBAN (Python trial 2026-12-07).
  for (const [amounts, code] of [[{ claimed: 2 ** 60 }, 'AMOUNT_INVALID'], [{ claimed: '-5' }, 'AMOUNT_NOT_POSITIVE'], [{ iban: 'not an iban <b>' }, 'IBAN_INVALID']]) {
    assert.throws(() => apart.recapOfDi(di, 'di_submitted', amounts), (e) => e instanceof apart.ProcedureError && e.code === code)
  }
  const hash = apart.recapOfDi(di, 'di_submitted').content_hash
  assert.equal(apart.recapOfDi(di, 'di_submitted', null).content_hash, hash)
  assert.equal(apart.recapOfDi(di, 'di_submitted', {}).content_hash, hash)
  assert.equal(apart.recapOfDi(di, 'di_submitted', { claimed: undefined, iban: null }).content_hash, hash)
  const masked = apart.recapOfDi(di, 'di_submitted', { iban: 'FR7630006000011234567890189' })
  assert.doesNotMatch(JSON.stringify(masked.content), /FR7630006000011234567890189/)
  assert.match(masked.content.totals.iban_masked, /^[* ]+0 189$/)
  const refused = (amounts, code, field) =>
    assert.throws(() => apart.recapOfDi(di, 'di_submitted', amounts), (e) => {
      assert.ok(e instanceof apart.InputError, e.name)
      assert.equal(e.code, code)
      assert.equal(e.details.field, field)
      return true
    })
  refused({ claimed: 1.5 }, 'VALUE_FLOAT_REFUSED', 'claimed')
  refused({ validated: NaN }, 'VALUE_NOT_FINITE', 'validated')
  refused({ claimed: Infinity }, 'VALUE_NOT_FINITE', 'claimed')
  refused({ claimed: '1e3' }, 'VALUE_INVALID_DECIMAL', 'claimed')
  refused({ claimed: '12 000' }, 'VALUE_INVALID_DECIMAL', 'claimed')
  refused({ claimed: true }, 'INPUT_WRONG_TYPE', 'claimed')
  refused({ claimed: '1', foo: 1 }, 'INPUT_UNKNOWN_FIELD', 'foo')
})
