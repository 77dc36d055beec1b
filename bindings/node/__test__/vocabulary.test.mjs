// One vocabulary (issue 12): where index.d.ts names a record of records.d.ts (generated from the
// core's serde shape), the values the add-on returns have that shape (no field missing, none
// more, the declared types) and the values it takes in that shape are read.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'

const apart = createRequire(import.meta.url)('../index.js')

/** The declarations of records.d.ts, without comments: name → type text. */
const declared = (() => {
  const text = readFileSync(new URL('../records.d.ts', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')
  const out = new Map()
  for (const m of text.matchAll(/^export type (\w+) = ([\s\S]*?);\s*$/gm)) out.set(m[1], m[2].trim())
  return out
})()

/** `text` split on `sep` outside brackets and quotes. */
function split(text, sep) {
  const parts = []
  let depth = 0
  let quoted = false
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '"') quoted = !quoted
    else if (!quoted && '{<('.includes(c)) depth++
    else if (!quoted && '}>)'.includes(c)) depth--
    else if (!quoted && depth === 0 && c === sep) {
      parts.push(text.slice(start, i).trim())
      start = i + 1
    }
  }
  parts.push(text.slice(start).trim())
  return parts.filter((p) => p !== '')
}

/** Throws unless `value` has the TypeScript type `type` (the subset records.d.ts uses here). */
function check(value, type, path) {
  const alternatives = split(type, '|')
  if (alternatives.length > 1) {
    const errors = []
    for (const alt of alternatives) {
      try {
        return check(value, alt, path)
      } catch (e) {
        errors.push(e.message)
      }
    }
    throw new Error(`${path}: ${JSON.stringify(value)} is none of ${type} (${errors.join('; ')})`)
  }
  if (type === 'null') return assert.equal(value, null, path)
  if (['number', 'string', 'boolean'].includes(type)) return assert.equal(typeof value, type, `${path}: ${type}`)
  if (type.startsWith('"')) return assert.equal(value, JSON.parse(type), path)
  if (type === 'Record<string, unknown>') return assert.ok(value !== null && typeof value === 'object', path)
  if (type.startsWith('Array<') && type.endsWith('>')) {
    assert.ok(Array.isArray(value), `${path}: an array`)
    return value.forEach((item, i) => check(item, type.slice(6, -1), `${path}[${i}]`))
  }
  if (type.startsWith('{')) {
    assert.equal(Object.getPrototypeOf(value), Object.prototype, `${path}: a plain object`)
    const fields = split(type.slice(1, -1), ',').map((f) => {
      const [, name, optional, fieldType] = f.match(/^"?(\w+)"?(\??):\s*([\s\S]+)$/)
      return { name, optional: optional === '?', type: fieldType }
    })
    const names = fields.map((f) => f.name)
    for (const key of Object.keys(value)) assert.ok(names.includes(key), `${path}.${key} is not declared`)
    for (const f of fields) {
      if (value[f.name] === undefined) assert.ok(f.optional, `${path}.${f.name} is missing`)
      else check(value[f.name], f.type, `${path}.${f.name}`)
    }
    return
  }
  assert.ok(declared.has(type), `${path}: ${type} is not in records.d.ts`)
  check(value, declared.get(type), path)
}

test('recovery requests give the core\'s RequestOutcome and ActivationMail', () => {
  const now = Date.UTC(2026, 2, 2, 10)
  const account = { identifier: 'ID12345', email: 'paie@exemple.fr', recent_requests: [], tokens: [] }
  check(apart.requestPasswordReset(account, apart.Entropy.fixed([1]), now), 'RequestOutcome', 'requestPasswordReset')
  check(apart.requestIdentifierReminder(null, apart.Entropy.fixed([1]), now), 'RequestOutcome', 'requestIdentifierReminder')
  check(apart.activationEmail('ID12345', 'paie@exemple.fr', [], apart.Entropy.fixed([1]), now), 'ActivationMail', 'activationEmail')
})

test('rules: maxDuration is a DurationLimit, annualQuota an AnnualQuota', () => {
  check(apart.annualQuota(2021), 'AnnualQuota', 'annualQuota(2021)')
  const limits = ['2020-03-27', '2021-07-01', '2022-02-10'].map((on) => {
    const limit = apart.maxDuration(on)
    check(limit, 'DurationLimit', `maxDuration(${on})`)
    return limit
  })
  assert.ok(limits.some((l) => l.cumulative !== null), 'a cumulative limit is checked too')
  assert.ok(limits.some((l) => l.cumulative === null), 'and its absence')
})

test('login: the counter is an AttemptCounter, the policy a LoginThrottlePolicy', () => {
  const now = Date.UTC(2026, 2, 2, 10)
  const fresh = apart.authenticate({}, false, [], 'apart', now)
  check(fresh.counter, 'AttemptCounter', 'counter')
  assert.equal(fresh.counter.blocked_until, null)
  const policy = { free_attempts: 0, base_delay_ms: 60_000, max_delay_ms: 120_000, hard_lock_after: 3 }
  const slowed = apart.authenticate({ policy }, false, [], 'apart', now)
  check(slowed.counter, 'AttemptCounter', 'counter')
  assert.equal(slowed.counter.blocked_until, '2026-03-02T10:01:00Z')
  const again = apart.authenticate({ counter: slowed.counter, policy }, true, [], 'apart', now + 1000)
  assert.equal(again.error.code, 'LOGIN_THROTTLED')
  assert.equal(apart.authenticate({ counter: { failures: 2 } }, false, [], 'apart', now).counter.failures, 3)
})

test('recovery: RecoveryOptions takes a ResetRequestPolicy and a TokenPolicy, redeem gives a Redeemed', () => {
  const now = Date.UTC(2026, 2, 2, 10)
  const options = {
    limits: { per_hour: 1, per_day: 5 },
    policy: { ttl_ms: 30 * 60_000, leeway_ms: 0, max_failed_verifications: 3 },
  }
  const activation = apart.activationEmail('ID12345', 'paie@exemple.fr', [], apart.Entropy.fixed([1, 2, 3]), now, options)
  assert.equal(activation.email.body.expires_at, '2026-03-02T10:30:00Z')
  const ok = apart.redeem(activation.email.body.token, 'activation', activation.token, now + 1000, options)
  assert.equal(ok.error, null)
  check(ok.redeemed, 'Redeemed', 'redeemed')
  assert.equal(ok.redeemed.purpose, 'activation')
  const account = (recent) => ({ identifier: 'ID12345', email: 'paie@exemple.fr', recent_requests: recent, tokens: [] })
  const entropy = apart.Entropy.fixed([4, 5, 6])
  assert.equal(apart.requestPasswordReset(account([new Date(now - 60_000)]), entropy, now).record_request, true)
  assert.equal(apart.requestPasswordReset(account([new Date(now - 60_000)]), entropy, now, options).record_request, false)
  for (const reason of split(declared.get('RevokeReason'), '|').map((v) => JSON.parse(v))) {
    const [revoked] = apart.revokeAll([activation.token], 'ID12345', reason, now)
    assert.equal(revoked.context.revoke_reason, reason)
  }
})

test('parsed identifiers and form fields are the core\'s records (SiretRecord, PhoneRecord…)', () => {
  check(apart.parseSiren('732 829 320'), 'SirenRecord', 'parseSiren')
  check(apart.parseSiret('732 829 320 00074'), 'SiretRecord', 'parseSiret')
  check(apart.parseNic('00074'), 'NicRecord', 'parseNic')
  for (const tva of ['FR 44 732 829 320', 'FR 12 000 123456']) {
    try {
      check(apart.parseTva(tva), 'TvaRecord', `parseTva(${tva})`)
    } catch (e) {
      if (!(e instanceof apart.SiretError)) throw e
    }
  }
  check(apart.detect('FR44732829320'), 'IdentifierRecord', 'detect')
  check(apart.checkSirets(['73282932000074', '1234', 'x']), 'SiretReport', 'checkSirets')
  for (const phone of ['01 23 45 67 89', '0692 12 34 56']) check(apart.parsePhone(phone), 'PhoneRecord', phone)
  check(apart.parseEmail('Jean.Dupont@Exemple.FR'), 'EmailRecord', 'parseEmail')
  check(apart.parsePostalCode('20000'), 'PostalCodeRecord', 'parsePostalCode')
  check(apart.parseCity('Lyon Cedex 03'), 'CityRecord', 'parseCity')
  check(apart.parseCity('Lyon'), 'CityRecord', 'parseCity')
  check(apart.parseLoginIdentifier('JDupont'), 'LoginIdentifierRecord', 'parseLoginIdentifier')
  check(apart.textRules(), 'StandardTextRules', 'textRules')
  check(apart.implicitAcceptanceAt('2022-02-10T10:00:00+01:00'), 'ImplicitAcceptance', 'implicitAcceptanceAt')
})
