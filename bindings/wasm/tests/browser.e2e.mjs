// The simulator page of examples/web in Debian's chromium, headless, driven by playwright-core
// with the system executable (no browser download), against the page served on 127.0.0.1 by
// this test. Run by `make test-web` (part of `make test` when /usr/bin/chromium exists).
// Screenshots: target/web-screenshots/.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import apart, { root } from './apart.mjs'
import { serve } from '../../../examples/web/serve.mjs'

const shots = join(root, 'target', 'web-screenshots')
mkdirSync(shots, { recursive: true })
let server, browser, context, page, profile
const requests = []

before(async () => {
  server = await serve()
  profile = mkdtempSync(join(tmpdir(), 'apart-chromium-'))
  // The flags of the machine's notes: no sandbox as root, and no background connections (the
  // network is closed; chromium would keep trying).
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1100, height: 900 },
  })
  page = context.pages()[0] ?? (await context.newPage())
  page.on('request', (r) => requests.push(r.url()))
  page.on('pageerror', (e) => { throw e })
  await page.goto(server.url)
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 })
})

after(async () => {
  await context?.close()
  await server?.close()
  if (profile) rmSync(profile, { recursive: true, force: true })
})

test('the spec example: 2026-01, 2 000 €, 70 h → 553.70 € indemnity, 599.90 € allocation, explained', async () => {
  await page.fill('#month', '2026-01')
  await page.fill('#gross', '2000')
  await page.fill('#hours', '70')
  await page.click('#simulator button[type=submit]')
  await page.waitForSelector('#sim-result:not([hidden])')
  const expected = apart.compute({ month: '2026-01', gross_monthly: '2000', hours_not_worked: '70' }, { explain: 'on' })
  assert.equal(await page.textContent('#r-indemnity'), '553.70 €')
  assert.equal(await page.textContent('#r-allocation'), '599.90 €')
  assert.equal(await page.textContent('#r-rest'), `${expected.rest_payable_by_employer} €`)
  assert.match(await page.textContent('#r-hourly'), /^13\.\d\d €\/h$/)
  const steps = await page.$$eval('#r-steps li', (lis) => lis.map((li) => li.textContent))
  assert.equal(steps.length, expected.explanation.length)
  assert.ok(steps[0].startsWith(expected.explanation[0].fr))
  assert.ok(steps.every((s) => /Source/.test(s)))
  await page.screenshot({ path: join(shots, 'simulator-fr.png'), fullPage: false })
  // English: the same figures, the steps and the labels in English.
  await page.click('button[data-lang=en]')
  assert.equal(await page.textContent('#sim-title'), "Simulate one employee's month")
  const stepsEn = await page.$$eval('#r-steps li', (lis) => lis.map((li) => li.textContent))
  assert.ok(stepsEn[0].startsWith(expected.explanation[0].en))
  assert.equal(await page.textContent('#r-indemnity'), '553.70 €')
  await page.screenshot({ path: join(shots, 'simulator-en.png') })
  await page.click('button[data-lang=fr]')
})

test('keyboard only: the simulator is filled and submitted without a mouse', async () => {
  await page.focus('#gross')
  await page.keyboard.press('Control+A')
  await page.keyboard.type('3000')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Control+A')
  await page.keyboard.type('35')
  await page.keyboard.press('Enter')
  const expected = apart.compute({ month: '2026-01', gross_monthly: '3000', hours_not_worked: '35', contract_hours: '151.67' })
  await page.waitForFunction((v) => document.querySelector('#r-indemnity').textContent === v, `${expected.employee_indemnity} €`)
})

test('a bad SIRET, checked as typed with the library’s own message: wrong key, lost leading zero', async () => {
  const libraryMessage = (input) => {
    try {
      apart.parseSiret(input)
    } catch (e) {
      return e.messages
    }
    throw new Error(`${input} is valid`)
  }
  await page.fill('#siret', '')
  await page.type('#siret', '73282932000075')
  assert.equal(await page.textContent('#siret-msg'), libraryMessage('73282932000075').fr)
  assert.equal(await page.getAttribute('#siret', 'aria-invalid'), 'true')
  await page.screenshot({ path: join(shots, 'siret-wrong-key.png') })
  await page.fill('#siret', '5880148100001')
  const lost = libraryMessage('5880148100001').fr
  assert.equal(await page.textContent('#siret-msg'), lost)
  assert.match(lost, /05880148100001/)
  await page.fill('#siret', '732 829 320 00074')
  assert.match(await page.textContent('#siret-msg'), /732 829 320 00074/)
  assert.equal(await page.getAttribute('#siret', 'aria-invalid'), 'false')
})

test('the « Créer mon espace » form with three bad fields: every error shown at once', async () => {
  const good = {
    denomination: 'Boulangerie Martin', street_number: '12', street_name: 'rue de la Paix', postal_code: '75002',
    city: 'Paris', phone: '01 02 03 04 05', establishment_email: 'contact@boulangerie-martin.fr',
    establishment_email_confirmation: 'contact@boulangerie-martin.fr', nom: 'Martin', prenom: 'Claire',
    user_phone: '06 12 34 56 78', email: 'claire.martin@boulangerie-martin.fr',
    email_confirmation: 'claire.martin@boulangerie-martin.fr', secret_question: 'Nom de mon premier chien ?',
    secret_answer: 'Rantanplan des Vosges',
  }
  const bad = { ...good, postal_code: '7500', phone: '01 02 03', email_confirmation: 'claire@autre.fr' }
  for (const [name, value] of Object.entries(bad)) await page.fill(`#account-${name}`, value)
  await page.check('#account input[name=human_check]')
  await page.click('#account button[type=submit]')
  await page.waitForSelector('#account-errors li')
  const shown = await page.$$eval('#account-errors li', (lis) => lis.map((li) => [li.dataset.field, li.textContent]))
  assert.deepEqual(shown.map(([f]) => f), ['postal_code', 'phone', 'email_confirmation'])
  let expected
  try {
    apart.validateAccountForm({ ...bad, human_check: { status: 'verified', at: '2026-01-01T00:00:00Z' } })
  } catch (e) {
    expected = e.fields
  }
  for (const [i, [, text]] of shown.entries()) assert.ok(text.endsWith(expected[i].messages.fr), text)
  for (const name of ['postal_code', 'phone', 'email_confirmation']) {
    assert.equal(await page.getAttribute(`#account-${name}`, 'aria-invalid'), 'true')
    assert.equal(await page.isVisible(`#account-${name}-error`), true)
  }
  assert.equal(await page.getAttribute('#account-errors', 'aria-live'), 'assertive')
  await page.screenshot({ path: join(shots, 'account-form.png'), fullPage: true })
  // Corrected: no error left.
  for (const [name, value] of Object.entries(good)) await page.fill(`#account-${name}`, value)
  await page.click('#account button[type=submit]')
  await page.waitForFunction(() => document.querySelectorAll('#account-errors li').length === 0)
})

test('the assistance form: every refused field at once', async () => {
  await page.click('#assistance button[type=submit]')
  await page.waitForSelector('#assistance-errors li')
  const codes = await page.$$eval('#assistance-errors li', (lis) => lis.map((li) => li.dataset.code))
  let expected
  try {
    apart.validateAssistanceForm({}, { status: 'not_verified' })
  } catch (e) {
    expected = e.fields.map((f) => f.code)
  }
  assert.deepEqual(codes, expected)
})

test('a 1,000-line CSV claim, computed in a worker with a progress bar, exported back as CSV', async () => {
  const header = 'employee;month;gross_monthly;hours_not_worked;contract_hours'
  const rows = []
  for (let i = 0; i < 1000; i++) {
    const hours = i === 7 ? '745' : String(10 + (i % 60))
    const gross = i === 11 ? 'deux mille' : `${1800 + (i % 40) * 25},50`
    rows.push(`E${i};2026-01;${gross};${hours};151,67`)
  }
  const csv = [header, ...rows].join('\r\n') + '\r\n'
  await page.setInputFiles('#claim-file', { name: 'claim.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await page.waitForSelector('#claim-totals:not([hidden])', { timeout: 60_000 })
  assert.equal(await page.getAttribute('#claim-progress', 'value'), await page.getAttribute('#claim-progress', 'max'))
  // The same totals as the library computes from the same lines.
  const records = rows.map((r) => {
    const [employee, month, gross_monthly, hours_not_worked, contract_hours] = r.split(';')
    return { employee, month, gross_monthly, hours_not_worked, contract_hours }
  })
  const readable = records.filter((_, i) => i !== 11)
  const claim = apart.computeClaim('2026-01', readable)
  assert.equal(await page.textContent('#t-employees'), String(claim.totals.employees))
  assert.equal(claim.totals.employees, 998)
  assert.equal(await page.textContent('#t-refused'), '2')
  assert.equal(await page.textContent('#t-allocation'), `${claim.totals.employer_allocation} €`)
  await page.screenshot({ path: join(shots, 'claim.png'), fullPage: true })
  // Exported by the library's CSV writer: the input's columns in its dialect (CRLF, `;`, decimal
  // commas), then line, status, the amounts or the refusal; a totals row last. It is the same
  // text as writeClaimCsv gives, and the library reads it back as the same claim.
  const out = await page.evaluate(async () => (await fetch(document.querySelector('#claim-download').href)).text())
  const pageLang = await page.evaluate(() => document.documentElement.lang)
  assert.equal(out, apart.writeClaimCsv(csv, undefined, undefined, pageLang))
  const lines = out.trimEnd().split('\r\n')
  assert.equal(lines.length, 1002)
  assert.match(lines[0], /^employee;month;gross_monthly;hours_not_worked;contract_hours;line;status;hourly_reference;/)
  assert.match(lines[8], /;refused;.*INDEMNITY_HOURS_OUT_OF_RANGE/)
  assert.match(lines[12], /;refused;.*gross_monthly/)
  assert.match(lines[1001], /;total;/)
  const first = apart.compute(records[0])
  assert.ok(lines[1].includes(`;computed;`) && lines[1].includes(`;${first.employee_indemnity.replace('.', ',')};`), lines[1])
  assert.deepEqual(apart.computeClaimCsv(out).totals, apart.computeClaimCsv(csv).totals)
})

test('no data leaves the page, and it works offline once loaded', async () => {
  const origin = new URL(server.url).origin
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'))
  assert.deepEqual(foreign, [])
  await page.evaluate(() => navigator.serviceWorker.ready)
  await context.setOffline(true)
  await page.reload()
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 })
  await page.fill('#siret', '73282932000074')
  assert.match(await page.textContent('#siret-msg'), /732 829 320 00074/)
  await context.setOffline(false)
})
