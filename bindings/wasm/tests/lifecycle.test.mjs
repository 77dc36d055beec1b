// Every scenario of tests/vectors/lifecycle.json (format in its `$format` key) through the
// wasm package, as tests/suite/lifecycle.rs runs them: machine steps through `Machine`, the
// recovery functions, and the login. Skip list: none.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import apart, { readJson, checkError } from './apart.mjs'

const doc = readJson('lifecycle.json')
const machines = new Map()
const machine = (id) => {
  if (!machines.has(id)) machines.set(id, new apart.Machine(id))
  return machines.get(id)
}

function setup(scenario) {
  const snapshots = new Map()
  for (const [alias, s] of Object.entries(scenario.setup)) {
    const m = machine(s.machine)
    const snapshot =
      s.state === undefined
        ? m.newSnapshot(s.context)
        : m.restore({ machine: s.machine, schema_version: m.schemaVersion, state: s.state, context: s.context, version: 0, history: [] })
    snapshots.set(alias, { id: s.machine, snapshot })
  }
  return { snapshots, tokens: new Map(), requests: new Map(), entropy: apart.Entropy.fixed(scenario.entropy) }
}

const kinds = (effects) => effects.map((e) => e.type ?? '')
const linkOf = (effect) => effect.body.token

function runRecovery(world, event, now) {
  switch (event.type) {
    case 'RequestPasswordReset': {
      const alias = event.credential
      const account =
        alias === null
          ? null
          : {
              identifier: world.snapshots.get(alias).snapshot.context.identifier,
              email: world.snapshots.get(alias).snapshot.context.email,
              recentRequests: world.requests.get(alias) ?? [],
              tokens: [...world.tokens.values()].map((t) => t.record),
            }
      const out = apart.requestPasswordReset(account, world.entropy, now)
      if (out.recordRequest) world.requests.set(alias, [...(world.requests.get(alias) ?? []), now])
      for (const sup of out.superseded) {
        for (const t of world.tokens.values()) if (t.record.context.id === sup.context.id) t.record = sup
      }
      if (out.issued && event.store_as) world.tokens.set(event.store_as, { record: out.issued, link: linkOf(out.effects[0]) })
      assert.match(out.publicMessage, /courriel/)
      return { public: out.public, effects: kinds(out.effects) }
    }
    case 'RequestIdentifierReminder': {
      const account = event.identifiers === null ? null : { email: event.email, identifiers: event.identifiers, recentRequests: [] }
      const out = apart.requestIdentifierReminder(account, world.entropy, now)
      const result = { public: out.public, effects: kinds(out.effects) }
      const mail = out.effects[0]
      if (mail.type === 'send_email' && mail.body.type === 'identifier_reminder') {
        assert.equal(mail.to, event.email)
        result.identifiers = mail.body.identifiers
      }
      return result
    }
    case 'IssueActivation': {
      const c = world.snapshots.get(event.credential).snapshot.context
      const out = apart.activationEmail(c.identifier, c.email, [], world.entropy, now)
      world.tokens.set(event.store_as, { record: out.token, link: out.email.body.token })
      return { effects: ['send_email'] }
    }
    case 'Redeem': {
      const stored = world.tokens.get(event.token)
      let id
      try {
        id = apart.tokenId(stored.link)
      } catch (e) {
        return { error: e.code }
      }
      assert.equal(id, stored.record.context.id)
      const out = apart.redeem(stored.link, event.purpose, stored.record, now)
      if (out.token) stored.record = out.token
      if (out.error) {
        checkError(assert, out.error)
        return { error: out.error.code }
      }
      return { state: out.token.state }
    }
    case 'CompleteActivation':
    case 'CompletePasswordReset': {
      const stored = world.tokens.get(event.token)
      const entry = world.snapshots.get(event.credential)
      const out =
        event.type === 'CompleteActivation'
          ? apart.completeActivation(stored.link, stored.record, entry.snapshot, now)
          : apart.completePasswordReset(stored.link, stored.record, entry.snapshot, event.answer, null, now)
      if (out.token) stored.record = out.token
      if (out.credential) entry.snapshot = out.credential
      if (out.error) {
        checkError(assert, out.error)
        return { error: out.error.code }
      }
      return { state: out.credential.state, effects: kinds(out.effects) }
    }
    default:
      throw new Error(`unknown recovery step ${event.type}`)
  }
}

function runLogin(world, event, now) {
  assert.equal(event.type, 'Authenticate')
  const habilitations = event.habilitations.map((a) => world.snapshots.get(a).snapshot)
  const alias = event.credential
  const target = alias === null ? {} : { credential: world.snapshots.get(alias).snapshot }
  const out = apart.authenticate(target, () => event.password_ok, habilitations, event.application, now)
  if (out.credential && alias !== null) world.snapshots.get(alias).snapshot = out.credential
  if (out.error) return { error: out.error.code }
  return { establishments: out.establishments }
}

function runStep(world, step) {
  const now = step.now
  if (step.machine === 'recovery') return runRecovery(world, step.event, now)
  if (step.machine === 'login') return runLogin(world, step.event, now)
  const entry = world.snapshots.get(step.machine)
  const m = machine(entry.id)
  try {
    const out = step.tick === true ? m.tick(entry.snapshot, now) : m.apply(entry.snapshot, step.event, step.actor, now)
    entry.snapshot = out.snapshot
    return { state: m.stateOf(out.snapshot), effects: kinds(out.effects) }
  } catch (e) {
    checkError(assert, e)
    return { error: e.code }
  }
}

test('lifecycle.json has its scenarios', () => {
  assert.ok(doc.scenarios.length >= 5)
})

for (const scenario of doc.scenarios) {
  test(`lifecycle.json ${scenario.id}`, () => {
    const world = setup(scenario)
    scenario.steps.forEach((step, i) => {
      const got = runStep(world, step)
      for (const [key, want] of Object.entries(step.expect)) {
        assert.deepEqual(got[key], want, `step ${i} (${step.event?.type ?? 'tick'}): ${key}; got ${JSON.stringify(got)}`)
      }
    })
  })
}

test('the browser entropy draws from crypto.getRandomValues', () => {
  const account = { identifier: 'ID12345', email: 'paie@exemple.fr' }
  const a = apart.requestPasswordReset(account, new apart.Entropy(), '2026-03-02T10:00:00+01:00')
  const b = apart.requestPasswordReset(account, new apart.Entropy(), '2026-03-02T10:00:00+01:00')
  assert.notEqual(a.effects[0].body.token, b.effects[0].body.token)
})
