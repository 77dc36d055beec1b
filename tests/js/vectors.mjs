// The one runner of tests/vectors/ for the JavaScript packages: the Node add-on
// (bindings/node/__test__/vectors.test.mjs) and the wasm package (bindings/wasm/tests/vectors.test.mjs)
// both call `runVectors` with their module and the few calls whose shape differs between them
// (an adapter). Every file of tests/vectors/, every case; skip list: none. A file this runner
// does not know fails the first test, so a new vector file cannot go unrun.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const vectorsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'vectors')

export function readJson(name) {
  return JSON.parse(readFileSync(join(vectorsDir, name), 'utf8'))
}

/** Undoes the escapes of siret.tsv: `\uXXXX`, `\t`, `\n` (siret.md: no other escape occurs). */
function unescape(s) {
  return s.replace(/\\u([0-9a-fA-F]{4})|\\t|\\n/g, (m, hex) =>
    hex ? String.fromCharCode(parseInt(hex, 16)) : m === '\\t' ? '\t' : '\n',
  )
}

/** The rows of siret.tsv as objects `{ line, input, kind, valid, reason, source }`. */
export function siretRows() {
  const lines = readFileSync(join(vectorsDir, 'siret.tsv'), 'utf8').split('\n')
  const header = lines[0].split('\t')
  if (header.join(',') !== 'input,kind,valid,reason,source') throw new Error(`siret.tsv header: ${header}`)
  const rows = []
  lines.slice(1).forEach((text, i) => {
    if (text === '') return
    const [input, kind, valid, reason, source] = text.split('\t')
    rows.push({ line: i + 2, input: unescape(input), kind, valid: valid === 'true', reason, source })
  })
  return rows
}

/** The class of a family: `siret` → `SiretError` (`Family::class_name` in the core). */
const className = (family) => family[0].toUpperCase() + family.slice(1) + 'Error'

/** Every error of the library: its family's class, a code, both messages, details. */
export function checkError(apart, e) {
  assert.ok(e instanceof apart.ApartError, `not an ApartError: ${e?.stack ?? e}`)
  assert.match(e.code, /^[A-Z][A-Z0-9_]+$/)
  assert.equal(e.message, e.messages.fr)
  assert.ok(e.messages.en.length > 0)
  assert.ok(e instanceof apart[className(e.family)], `${e.code}: a ${e.constructor.name}, family ${e.family}`)
  assert.equal(typeof e.details, 'object')
  return true
}

/** RFC 6901 JSON pointer. */
function pointer(value, path) {
  if (path === '') return value
  return path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((v, key) => (v === undefined || v === null ? undefined : v[key]), value)
}

/** A dotted path (`contributions.total`). */
const at = (value, path) => path.split('.').reduce((v, key) => (v === undefined || v === null ? undefined : v[key]), value)

/** Decimals compare as decimals: 2953.01 == 2953.010. */
function same(want, got) {
  if (want === got) return true
  const norm = (s) => {
    if (typeof s !== 'string' || !/^-?\d+(\.\d+)?$/.test(s)) return undefined
    const t = s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s
    return t === '-0' ? '0' : t
  }
  const a = norm(want)
  return a !== undefined && a === norm(got)
}

/** Drops absent optional fields so that `{ type: 'fixed' }` equals the vector's form. */
const plain = (o) => (o === undefined ? undefined : JSON.parse(JSON.stringify(o)))

/** `{"$repeat": [text, n]}` stands for text repeated n times, anywhere in a case. */
function expand(value) {
  if (Array.isArray(value)) return value.map(expand)
  if (value && typeof value === 'object') {
    if (Object.keys(value).length === 1 && Array.isArray(value.$repeat)) return value.$repeat[0].repeat(value.$repeat[1])
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v)]))
  }
  return value
}

/** The cases of a file: at least `min`, each with a unique id and a source. */
function casesTest(name, file, cases, min) {
  test(name(`${file} has its cases, each with a unique id and a source`), () => {
    assert.ok(cases.length >= min, `${file}: only ${cases.length} cases`)
    const ids = new Set()
    for (const c of cases) {
      assert.ok(!ids.has(c.id), `${file}: duplicate id ${c.id}`)
      ids.add(c.id)
      assert.ok(c.source, `${file} ${c.id}: no source`)
    }
  })
}

/**
 * Registers a test per case of every vector file, against one package.
 *
 * `pkg`: `{ label, apart, adapter }`. `label` prefixes the test names (one package may run
 * several entries); `apart` is the module; `adapter` the calls whose shape differs:
 * `parse(kind, input, strict)` → the compact SIREN/SIRET; `formatSiret(input)` → it spaced;
 * `phone(input, options)` →
 * the core's `PhoneRecord`; `postalCode(input)` → the core's `PostalCodeRecord`; `city`, `email`,
 * `fullName`, `denomination` → the canonical text; `recap(snapshot, kind)` →
 * `{ content, hash, canonicalJson, html }`; `now(text)` → the instant as the package takes it; optionally
 * `indemnity(c, outcome, error)`, more checks of one indemnity case.
 * Without `apart.Machine` (the small wasm entry) the machine files and cases are not run, by that
 * one rule, checked here.
 */
export function runVectors({ label = '', apart, adapter }) {
  const name = (text) => `${label}${text}`
  const machines = apart.Machine !== undefined
  const check = (e) => checkError(apart, e)

  test(name('every vector file has a runner'), () => {
    const known = ['siret.tsv', 'siret.md', 'forms.json', 'indemnity.json', 'procedure.json', 'lifecycle.json', 'errors.json']
    for (const file of readdirSync(vectorsDir)) assert.ok(known.includes(file), `no JavaScript runner for tests/vectors/${file}`)
  })
  if (!machines) {
    test(name('no state machines in this entry, so no procedure.json, lifecycle.json or machine case'), () => {
      assert.equal(apart.Machine, undefined)
    })
  }

  siret(name, apart, adapter, check)
  forms(name, apart, adapter, check)
  indemnity(name, apart, adapter, check)
  errors(name, apart, adapter, check, machines)
  if (machines) {
    procedure(name, apart, adapter, check)
    lifecycle(name, apart, adapter, check)
  }
}

function siret(name, apart, adapter, check) {
  const rows = siretRows()
  test(name('siret.tsv has its rows, each with a kind and a source'), () => {
    assert.ok(rows.length >= 150, `only ${rows.length} rows`)
    for (const row of rows) {
      assert.ok(['siren', 'siret'].includes(row.kind), `line ${row.line}: kind ${row.kind}`)
      assert.ok(row.source, `line ${row.line}: no source`)
    }
  })
  for (const row of rows) {
    test(name(`siret.tsv line ${row.line}: ${row.kind} ${JSON.stringify(row.input)} is ${row.valid ? 'valid' : 'invalid'} (${row.reason})`), () => {
      const isValid = row.kind === 'siren' ? apart.isValidSiren : apart.isValidSiret
      assert.equal(isValid(row.input), row.valid)
      if (row.valid) {
        const compact = adapter.parse(row.kind, row.input, false)
        assert.match(compact, row.kind === 'siren' ? /^\d{9}$/ : /^\d{14}$/)
        // The compact form parses strictly, and to itself.
        assert.equal(adapter.parse(row.kind, compact, true), compact)
        if (row.kind === 'siret') assert.equal(adapter.formatSiret(row.input).replaceAll(' ', ''), compact)
      } else {
        assert.throws(() => adapter.parse(row.kind, row.input, false), (e) => {
          check(e)
          assert.ok(e instanceof apart.SiretError)
          assert.equal(e.family, 'siret')
          assert.match(e.code, /^(IDENTIFIER|SIREN|SIRET)_[A-Z_]+$/)
          assert.notEqual(e.messages.fr, e.messages.en)
          return true
        })
      }
    })
  }
}

function forms(name, apart, adapter, check) {
  const doc = readJson('forms.json')
  const inputOf = (c) => c.input.repeat(c.repeat ?? 1) + (c.suffix ?? '')

  /** Runs one case: `{ normalized, extras }`, or throws the parser's error. */
  function run(c) {
    const input = inputOf(c)
    switch (c.field) {
      case 'phone': {
        const p = adapter.phone(input, c.options)
        return { normalized: p.e164, extras: { display: p.display, kind: plain(p.kind) } }
      }
      case 'postal_code': {
        const p = adapter.postalCode(input)
        return { normalized: p.postal_code, extras: { area: p.area } }
      }
      case 'city':
        return { normalized: adapter.city(input) }
      case 'email':
        return { normalized: adapter.email(input) }
      case 'email_confirmation':
        assert.equal(apart.confirmEmail(input, c.confirmation), undefined)
        return { normalized: null }
      case 'description': {
        const len = apart.descriptionLen(input)
        try {
          return { normalized: apart.parseDescription(input), extras: { len } }
        } catch (e) {
          e.extras = { len }
          throw e
        }
      }
      case 'login_identifier': {
        const id = apart.parseLoginIdentifier(input)
        return { normalized: id.identifier, extras: { key: id.key } }
      }
      case 'person_name':
        return { normalized: apart.parsePersonName(input) }
      case 'full_name':
        return { normalized: adapter.fullName(input) }
      case 'secret_answer':
        return { normalized: apart.parseSecretAnswer(input, c.context ?? {}) }
      case 'street_number':
        return { normalized: apart.parseStreetNumber(input) ?? null }
      case 'street_extension':
        return { normalized: apart.parseStreetExtension(input) ?? null }
      case 'denomination':
        return { normalized: adapter.denomination(input) }
      default:
        throw new Error(`unknown field kind ${c.field}: add it to tests/js/vectors.mjs`)
    }
  }

  casesTest(name, 'forms.json', doc.cases, 100)

  for (const c of doc.cases) {
    test(name(`forms.json ${c.id}`), () => {
      if (c.valid) {
        const got = run(c)
        // As tests/suite/forms.rs: a string is checked, null means "not checked by this case".
        if (typeof c.normalized === 'string') assert.equal(got.normalized, c.normalized)
        for (const key of ['display', 'kind', 'area', 'key', 'len']) {
          if (c[key] !== undefined) assert.deepEqual(got.extras?.[key], c[key], key)
        }
      } else {
        assert.throws(() => run(c), (e) => {
          check(e)
          assert.equal(e.code, c.code)
          assert.equal(e.family, 'form')
          // The message conventions of design §4, as the Rust runner checks them.
          for (const m of [e.messages.fr, e.messages.en]) {
            assert.ok(m.length > 0 && !m.endsWith('.'), m)
            assert.equal(m[0], m[0].toLowerCase(), `capital in ${m}`)
          }
          if (c.len !== undefined) assert.equal(e.extras.len, c.len)
          return true
        })
      }
    })
  }
}

function indemnity(name, apart, adapter, check) {
  const doc = readJson('indemnity.json')

  function run(c) {
    if (c.kind === 'employee_month') {
      const plainOut = apart.compute(c.input, c.options ?? {})
      const explained = apart.compute(c.input, { ...(c.options ?? {}), explain: 'on' })
      assert.equal(plainOut.employee_indemnity, explained.employee_indemnity)
      assert.equal(plainOut.employer_allocation, explained.employer_allocation)
      assert.ok(explained.explanation.length > 0, 'no explanation')
      return plainOut
    }
    if (c.kind === 'contributions') {
      const i = c.input
      return apart.contributions(i.date, i.territory, i.indemnity, i.net_pay_worked)
    }
    throw new Error(`unknown kind ${c.kind}: add it to tests/js/vectors.mjs`)
  }

  casesTest(name, 'indemnity.json', doc.cases, 60)

  // The vectors' own `skipped` list is the source's (cases the source gives and the rules do
  // not cover), not this runner's.
  for (const c of doc.cases) {
    test(name(`indemnity.json ${c.id}`), () => {
      if (c.expected_error) {
        assert.throws(() => run(c), (e) => {
          check(e)
          assert.equal(e.code, c.expected_error)
          if (c.kind === 'employee_month') {
            // The same error with explanations on.
            assert.throws(() => apart.compute(c.input, { ...(c.options ?? {}), explain: 'on' }), { code: c.expected_error })
            adapter.indemnity?.(c, undefined, e)
          }
          return true
        })
        return
      }
      const out = run(c)
      if (c.kind === 'employee_month') adapter.indemnity?.(c, out, undefined)
      for (const [path, want] of Object.entries(c.expected)) {
        const got = at(out, path)
        assert.ok(same(want, got), `${path}: want ${want}, got ${JSON.stringify(got)}`)
      }
    })
  }
}

function errors(name, apart, adapter, check, machines) {
  const { cases } = expand(readJson('errors.json'))

  function run(c) {
    switch (c.op) {
      case 'siret':
        return apart.detect(c.input)
      case 'compute':
        return apart.compute(c.input, c.options)
      case 'form':
        assert.equal(c.form, 'account')
        return apart.validateAccountForm(c.input)
      case 'law_lookup':
        return new apart.LawBook().lookup(c.param, c.date)
      case 'machine': {
        // A new snapshot, then the steps: every one but the last must be taken.
        const m = new apart.Machine(c.machine)
        let snapshot = m.newSnapshot(c.context)
        const apply = (s) => m.apply(snapshot, s.event, s.actor, s.now)
        c.steps.slice(0, -1).forEach((s, i) => {
          try {
            snapshot = apply(s).snapshot
          } catch (e) {
            throw new Error(`step ${i} refused with ${e.code}, must be taken`)
          }
        })
        return apply(c.steps.at(-1))
      }
      default:
        throw new Error(`unknown op ${c.op}: add it to every runner and to the $format of errors.json`)
    }
  }

  test(name('errors.json has its cases'), () => assert.ok(cases.length >= 60))
  for (const c of cases) {
    if (c.op === 'machine' && !machines) continue
    test(name(`errors.json ${c.id}`), () => {
      let out
      assert.throws(
        () => {
          out = run(c)
        },
        (e) => {
          check(e)
          assert.equal(e.code, c.expect.code)
          assert.equal(e.family, c.expect.family)
          for (const d of ['field', 'kind']) {
            if (c.expect[d] !== undefined) assert.equal(String(e.details[d]), c.expect[d], d)
          }
          for (const [field, code] of Object.entries(c.expect.fields ?? {})) {
            assert.ok((e.fields ?? []).some((f) => f.field === field && f.code === code), `${field}: ${code} not in ${JSON.stringify(e.fields)}`)
          }
          for (const m of Object.values(e.messages)) assert.ok(m.length > 0 && m.length <= 400, `a message of ${m.length} chars`)
          return true
        },
        `accepted: ${JSON.stringify(out)?.slice(0, 80)}`,
      )
    })
  }
}

function procedure(name, apart, adapter, check) {
  const doc = readJson('procedure.json')
  const submittedDis = []
  const machines = { da: new apart.Machine('apart.da'), di: new apart.Machine('apart.di'), assistance: new apart.Machine('apart.assistance') }
  const ok = (snapshot, state, effects) => ({ state, effects, context: snapshot.context })

  function runStep(world, step) {
    // The RFC 3339 text keeps its offset: the procedure reads the establishment's local date from it.
    const now = step.now ?? '2000-01-01T00:00:00Z'
    try {
      if (step.recap) {
        const snapshot = world[step.machine]
        assert.ok(snapshot, `no ${step.machine} yet`)
        const r = adapter.recap(snapshot, step.recap)
        assert.match(r.hash, /^[0-9a-f]{64}$/)
        assert.match(r.html, /<html/i)
        assert.equal(JSON.parse(r.canonicalJson).state, r.content.state)
        return ok(snapshot, r.content.state, [])
      }
      if (step.machine === 'di' && step.create) {
        const di = apart.createDi(world.da, step.create.code, step.create.month, world.di ? [world.di] : [], now)
        world.di = di
        return ok(di, machines.di.stateOf(di), [])
      }
      const m = machines[step.machine]
      const snapshot = world[step.machine]
      assert.ok(snapshot, `no snapshot for ${step.machine}`)
      const out = step.tick !== undefined ? m.tick(snapshot, now) : m.apply(snapshot, step.event, step.actor, now)
      world[step.machine] = out.snapshot
      return ok(out.snapshot, m.stateOf(out.snapshot), out.effects.map((e) => e.type))
    } catch (e) {
      check(e)
      return { error: e.code }
    }
  }

  casesTest(name, 'procedure.json', doc.cases, 30)

  for (const c of doc.cases) {
    test(name(`procedure.json ${c.id}`), () => {
      const world = {
        da: c.da ? machines.da.newSnapshot(c.da) : null,
        di: null,
        assistance: c.assistance ? machines.assistance.newSnapshot(c.assistance) : null,
      }
      c.steps.forEach((step, i) => {
        const where = `step ${i}`
        const got = runStep(world, step)
        const expect = step.expect
        if (world.di && world.di.context.lines?.length && got.state === 'Submitted') submittedDis.push(world.di)
        if (expect.error !== undefined) {
          assert.equal(got.error, expect.error, `${where}: ${JSON.stringify(got.error ?? got.state)}`)
          return
        }
        assert.equal(got.error, undefined, `${where}: unexpected error ${got.error}`)
        assert.equal(got.state, expect.state, where)
        if (expect.effects) assert.deepEqual(got.effects, expect.effects, `${where}: effects`)
        for (const [path, want] of Object.entries(expect.context ?? {})) {
          assert.deepEqual(pointer(got.context, path), want, `${where}: context ${path}`)
        }
      })
    })
  }

  // After the cases (tests run in order): a DI they submitted, with its lines.
  test(name('a DI the vectors submitted: its recap with amounts from the indemnity engine (recapOfDiWithClaim)'), () => {
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
    assert.throws(() => apart.recapOfDiWithClaim(di, 'di_submitted', []), (e) => {
      check(e)
      assert.ok(e instanceof apart.ProcedureError)
      assert.equal(e.code, 'RECAP_CLAIM_MISMATCH')
      return true
    })
  })
}

function lifecycle(name, apart, adapter, check) {
  // A recovery request's account and outcome are the core's records (snake_case keys).
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
  const refused = (error) => {
    check(error)
    assert.ok(error instanceof apart.AccountError)
    return { error: error.code }
  }

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
                recent_requests: world.requests.get(alias) ?? [],
                tokens: [...world.tokens.values()].map((t) => t.record),
              }
        const out = apart.requestPasswordReset(account, world.entropy, now)
        if (out.record_request) world.requests.set(alias, [...(world.requests.get(alias) ?? []), now])
        for (const sup of out.superseded) {
          for (const t of world.tokens.values()) if (t.record.context.id === sup.context.id) t.record = sup
        }
        if (out.issued && event.store_as) world.tokens.set(event.store_as, { record: out.issued, link: linkOf(out.effects[0]) })
        assert.match(out.message_fr, /courriel/)
        return { public: out.public, effects: kinds(out.effects) }
      }
      case 'RequestIdentifierReminder': {
        const account = event.identifiers === null ? null : { email: event.email, identifiers: event.identifiers, recent_requests: [] }
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
          check(e)
          return { error: e.code }
        }
        assert.equal(id, stored.record.context.id)
        const out = apart.redeem(stored.link, event.purpose, stored.record, now)
        if (out.token) stored.record = out.token
        if (out.error) return refused(out.error)
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
        if (out.error) return refused(out.error)
        return { state: out.credential.state, effects: kinds(out.effects) }
      }
      default:
        throw new Error(`unknown recovery step ${event.type}: add it to tests/js/vectors.mjs`)
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
    const now = adapter.now(step.now)
    if (step.machine === 'recovery') return runRecovery(world, step.event, now)
    if (step.machine === 'login') return runLogin(world, step.event, now)
    const entry = world.snapshots.get(step.machine)
    const m = machine(entry.id)
    try {
      const out = step.tick === true ? m.tick(entry.snapshot, now) : m.apply(entry.snapshot, step.event, step.actor, now)
      entry.snapshot = out.snapshot
      return { state: m.stateOf(out.snapshot), effects: kinds(out.effects) }
    } catch (e) {
      check(e)
      return { error: e.code }
    }
  }

  casesTest(name, 'lifecycle.json', doc.scenarios, 5)

  for (const scenario of doc.scenarios) {
    test(name(`lifecycle.json ${scenario.id}`), () => {
      const world = setup(scenario)
      scenario.steps.forEach((step, i) => {
        const got = runStep(world, step)
        for (const [key, want] of Object.entries(step.expect)) {
          assert.deepEqual(got[key], want, `step ${i} (${step.event?.type ?? 'tick'}): ${key}; got ${JSON.stringify(got)}`)
        }
      })
    })
  }
}
