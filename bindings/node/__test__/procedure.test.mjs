// Every case of tests/vectors/procedure.json (format in its `format` key), as
// tests/suite/procedure.rs runs them: the DA, DI and assistance machines through `Machine`,
// DI creation through `createDi`, recaps through `recapOfDa` / `recapOfDi`. Skip list: none.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { readJson } from './vectors.mjs'

const apart = createRequire(import.meta.url)('../index.js')
const doc = readJson('procedure.json')
const submittedDis = []
const machines = { da: new apart.Machine('apart.da'), di: new apart.Machine('apart.di'), assistance: new apart.Machine('apart.assistance') }

/** RFC 6901 JSON pointer. */
function pointer(value, path) {
  if (path === '') return value
  return path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((v, key) => (v === undefined || v === null ? undefined : v[key]), value)
}

function ok(snapshot, state, effects) {
  return { state, effects, context: snapshot.context }
}

function drive(world, name, step, now) {
  const m = machines[name]
  const snapshot = world[name]
  assert.ok(snapshot, `no snapshot for ${name}`)
  const out = step.tick !== undefined ? m.tick(snapshot, now) : m.apply(snapshot, step.event, step.actor, now)
  world[name] = out.snapshot
  return ok(out.snapshot, m.stateOf(out.snapshot), out.effects.map((e) => e.type))
}

function runStep(world, step) {
  // The RFC 3339 string keeps its offset: the procedure reads the establishment's local date from it.
  const now = step.now ?? '2000-01-01T00:00:00Z'
  try {
    if (step.machine === 'da' && step.recap) {
      const r = apart.recapOfDa(world.da, step.recap)
      return ok(world.da, r.content.state, [])
    }
    if (step.machine === 'di' && step.create) {
      const di = apart.createDi(world.da, step.create.code, step.create.month, world.di ? [world.di] : [], now)
      world.di = di
      return ok(di, machines.di.stateOf(di), [])
    }
    if (step.machine === 'di' && step.recap) {
      assert.ok(world.di, 'no DI yet')
      const r = apart.recapOfDi(world.di, step.recap)
      assert.match(r.hash, /^[0-9a-f]{64}$/)
      assert.match(r.html, /<html/i)
      return ok(world.di, r.content.state, [])
    }
    return drive(world, step.machine, step, now)
  } catch (e) {
    assert.ok(e instanceof apart.ApartError, `${e}`)
    return { error: e.code }
  }
}

test('procedure.json has its cases', () => {
  assert.ok(doc.cases.length >= 30)
  const ids = new Set()
  for (const c of doc.cases) {
    assert.ok(!ids.has(c.id), `duplicate id ${c.id}`)
    ids.add(c.id)
    assert.ok(c.source, `${c.id}: no source`)
  }
})

for (const c of doc.cases) {
  test(`procedure.json ${c.id}`, () => {
    const world = {
      da: c.da ? machines.da.newSnapshot(c.da) : null,
      di: null,
      assistance: c.assistance ? machines.assistance.newSnapshot(c.assistance) : null,
    }
    c.steps.forEach((step, i) => {
      const at = `step ${i}`
      const got = runStep(world, step)
      const expect = step.expect
      if (world.di && world.di.context.lines?.length && got.state === 'Submitted') submittedDis.push(world.di)
      if (expect.error !== undefined) {
        assert.equal(got.error, expect.error, `${at}: ${JSON.stringify(got.error ?? got.state)}`)
        return
      }
      assert.equal(got.error, undefined, `${at}: unexpected error ${got.error}`)
      assert.equal(got.state, expect.state, at)
      if (expect.effects) assert.deepEqual(got.effects, expect.effects, `${at}: effects`)
      for (const [path, want] of Object.entries(expect.context ?? {})) {
        assert.deepEqual(pointer(got.context, path), want, `${at}: context ${path}`)
      }
    })
  })
}

test('procedure helpers: DI code, rules, assistance form, IBAN', () => {
  assert.equal(apart.parseDiCode('DI 0001\u00a023'), apart.parseDiCode('DI000123'))
  assert.ok(apart.diCodeMatches('DI000123', 'di 0001 23') || apart.diCodeMatches('DI000123', 'DI 0001 23'))
  assert.throws(() => apart.parseDiCode(''), apart.ProcedureError)
  assert.match(apart.maskIban('FR76 3000 6000 0112 3456 7890 189'), /\*{4} .* 189$/)
  assert.ok(apart.assistanceMotives().length >= 5)
  const form = apart.assistanceFormHandedOver('HabilitationExtranet', '73282932000074')
  assert.equal(form.siret, '73282932000074')
  assert.throws(() => apart.validateAssistanceForm(form, { status: 'not_verified' }), (e) => {
    assert.ok(e instanceof apart.FormError)
    assert.ok(e.fields.length >= 1)
    return true
  })
  assert.match(apart.annualQuotaHours(2021, false), /^\d+(\.\d+)?$/)
  const acceptance = apart.implicitAcceptanceAt(new Date('2022-02-10T10:00:00+01:00'))
  assert.ok(acceptance.at instanceof Date)
  assert.ok(acceptance.days > 0)
  assert.match(apart.claimsLastDay('2022-02-26', '2022-05-31'), /^\d{4}-\d{2}-\d{2}$/)
  assert.match(apart.lastFilingDay('economic_conditions', new Date('2022-03-01')), /^\d{4}-\d{2}-\d{2}$/)
  assert.throws(() => apart.lastFilingDay('economic_conditions', new Date(Date.UTC(2022, 2, 1, 15))), { name: 'InputError', code: 'VALUE_INVALID_DATE' })
})

test('a DI recap with amounts from the indemnity engine (recapOfDiWithClaim)', () => {
  assert.ok(submittedDis.length > 0, 'the vectors reach a submitted DI with lines')
  const di = submittedDis[0]
  const employees = di.context.lines.map((line) => ({
    month: di.context.month,
    gross_monthly: '3000',
    hours_not_worked: line.hours_not_worked,
    training_hours: line.training_hours,
  }))
  const { recap, claim } = apart.recapOfDiWithClaim(di, 'di_submitted', employees)
  assert.equal(claim.lines.length, employees.length)
  assert.equal(recap.content.totals.amount_claimed, claim.totals.employer_allocation)
  assert.match(recap.hash, /^[0-9a-f]{64}$/)
  assert.throws(() => apart.recapOfDiWithClaim(di, 'di_submitted', []), (e) => {
    assert.ok(e instanceof apart.ProcedureError)
    assert.equal(e.code, 'RECAP_CLAIM_MISMATCH')
    return true
  })
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
