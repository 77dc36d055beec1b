// Every case of tests/vectors/procedure.json (format in its `format` key) through the wasm
// package: the DA, DI and assistance machines through `Machine`, DI creation through
// `createDi`, recaps through `recap`. Skip list: none.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import apart, { readJson, checkError } from './apart.mjs'

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

const ok = (snapshot, state, effects) => ({ state, effects, context: snapshot.context })

function runStep(world, step) {
  // The RFC 3339 string keeps its offset: the procedure reads the establishment's local date from it.
  const now = step.now ?? '2000-01-01T00:00:00Z'
  try {
    if (step.machine === 'da' && step.recap) {
      const r = apart.recap(world.da, step.recap)
      return ok(world.da, r.content.state, [])
    }
    if (step.machine === 'di' && step.create) {
      const di = apart.createDi(world.da, step.create.code, step.create.month, world.di ? [world.di] : [], now)
      world.di = di
      return ok(di, machines.di.stateOf(di), [])
    }
    if (step.machine === 'di' && step.recap) {
      const r = apart.recap(world.di, step.recap)
      assert.match(r.content_hash, /^[0-9a-f]{64}$/)
      assert.match(r.html, /<html/i)
      assert.equal(JSON.parse(r.canonical_json).state, r.content.state)
      return ok(world.di, r.content.state, [])
    }
    const m = machines[step.machine]
    const snapshot = world[step.machine]
    const out = step.tick !== undefined ? m.tick(snapshot, now) : m.apply(snapshot, step.event, step.actor, now)
    world[step.machine] = out.snapshot
    return ok(out.snapshot, m.stateOf(out.snapshot), out.effects.map((e) => e.type))
  } catch (e) {
    checkError(assert, e)
    return { error: e.code }
  }
}

test('procedure.json has its cases', () => {
  assert.ok(doc.cases.length >= 30)
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
  assert.match(recap.html, /<html/i)
  assert.throws(() => apart.recapOfDiWithClaim(di, 'di_submitted', []), (e) => e instanceof apart.ProcedureError && e.code === 'RECAP_CLAIM_MISMATCH')
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
