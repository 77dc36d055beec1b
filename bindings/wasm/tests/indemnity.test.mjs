// The indemnity API through both entries: the spec example explained, claims, law books, numbers
// (every case of tests/vectors/indemnity.json is run by vectors.test.mjs, shared with Node).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { entries } from './apart.mjs'

for (const [entry, apart] of Object.entries(entries)) {
  test(`${entry}: the spec example, explained in French and English with legal references`, () => {
    const out = apart.compute({ month: '2026-01', gross_monthly: '2000', hours_not_worked: '70' }, { explain: 'on' })
    assert.equal(out.employee_indemnity, '553.70')
    assert.equal(out.employer_allocation, '599.90')
    assert.ok(out.explanation.length >= 3)
    for (const step of out.explanation) {
      assert.ok(step.fr && step.en && step.fr !== step.en, JSON.stringify(step))
      assert.ok(step.source, `no source: ${JSON.stringify(step)}`)
    }
  })

  test(`${entry}: a whole claim: one call, per-employee lines and totals; a bad line does not stop the others`, () => {
    const employees = [
      { employee: 'A', month: '2026-01', gross_monthly: '2000', hours_not_worked: '70' },
      { employee: 'B', month: '2026-01', gross_monthly: '2000', hours_not_worked: '745' },
      { employee: 'C', month: '2026-01', gross_monthly: '2000', hours_not_worked: 70 },
    ]
    const claim = apart.computeClaim('2026-01', employees)
    assert.equal(claim.lines.length, 3)
    assert.equal(claim.totals.employees, 2)
    assert.equal(claim.totals.employees_refused, 1)
    assert.equal(claim.lines[1].error.code, 'INDEMNITY_HOURS_OUT_OF_RANGE')
    assert.equal(claim.lines[1].error.family, 'indemnity')
    assert.match(claim.lines[1].error.messages.en, /hours/)
    assert.equal(claim.totals.employer_allocation, '1199.80')
    assert.throws(() => apart.computeClaim('2026-13', []), { code: 'VALUE_INVALID_MONTH', family: 'input' })
    // An unreadable record refuses its line only, as in Node and Python (Node trial 2026-12-07).
    const typo = apart.computeClaim('2026-01', [employees[0], { ...employees[0], employee: 'D', gross_monthly: '2 000' }, { ...employees[0], hours_not_worke: '70' }])
    assert.deepEqual(typo.lines.map((l) => l.error?.code ?? null), [null, 'VALUE_INVALID_DECIMAL', 'INPUT_UNKNOWN_FIELD'])
    assert.deepEqual([typo.lines[1].employee, typo.totals.employees, typo.totals.employees_refused], ['D', 1, 2])
    // A record without month is of the claim's month, as in Node and Python.
    const { month, ...noMonth } = employees[0]
    assert.equal(apart.computeClaim('2026-01', [noMonth]).lines[0].outcome.month, month)
  })

  test(`${entry}: the law book: read a row, add a decree, replace nothing silently`, () => {
    const law = new apart.LawBook()
    const row = law.lookup('smic_hourly', '2026-01-15')
    assert.equal(row.from.slice(0, 4), '2026')
    assert.deepEqual(law.problems(), [])
    const short = new apart.LawBook()
    short.setValidUntil('smic_hourly', '2025-12-31')
    const [problem, ...others] = short.problems()
    assert.deepEqual(others, [])
    assert.ok(problem instanceof apart.LawError)
    assert.equal(problem.code, 'LAW_INVALID_DATA')
    assert.deepEqual(problem.details, { table: 'smic_hourly', problem: 'verified_before_release', valid_until: '2025-12-31' })
    assert.equal(problem.messages.fr, 'table « smic_hourly » invalide : vérifiée jusqu\'au 2025-12-31 seulement, avant le 2026-05-31')
    assert.ok(law.tables().length >= 10)
    law.upsertRow('smic_hourly', { ...row, from: '2026-03-01', value: '12.50' })
    assert.equal(law.lookup('smic_hourly', '2026-03-02').value, '12.50')
    assert.equal(new apart.LawBook().lookup('smic_hourly', '2026-03-02').value, row.value)
    const before = apart.compute({ month: '2026-03', gross_monthly: '2000', hours_not_worked: '70' })
    const after = law.compute({ month: '2026-03', gross_monthly: '2000', hours_not_worked: '70' }, {})
    assert.notEqual(before.smic_hourly, after.smic_hourly)
    assert.throws(() => law.lookup('smic_horaire', '2026-01-01'), (e) => e instanceof apart.LawError && e.code === 'LAW_UNKNOWN_PARAMETER')
  })

  test(`${entry}: the law book: a law file, all of it or nothing, and the verified date`, () => {
    const law = new apart.LawBook()
    const values = (value) => `from = "2026-06-01"\nvalue = "${value}"\nsource = { title = "Arrêté du 22 mai 2026" }\n`
    const file = `verified_until = "2026-12-31"\n[[tables]]\nid = "smic_hourly"\n[[tables.values]]\n${values('12.31')}`
    assert.deepEqual(law.applyFile(file), ['smic_hourly'])
    assert.equal(law.lookup('smic_hourly', '2026-06-02').value, '12.31')
    assert.equal(law.verifiedUntil(), '2026-12-31')
    assert.throws(() => law.applyFile(`id = "smic_hourly"\n[[values]]\n${values('-5')}`), { code: 'LAW_INVALID_OVERRIDE', family: 'law' })
    assert.equal(law.lookup('smic_hourly', '2026-06-02').value, '12.31')
    assert.match(new apart.LawBook().verifiedUntil(), /^\d{4}-\d{2}-\d{2}$/)
  })

  test(`${entry}: numbers: integers accepted, floats refused, NaN not finite, unknown fields refused`, () => {
    const base = { month: '2026-01', gross_monthly: 2000, hours_not_worked: 70 }
    assert.equal(apart.compute(base).employee_indemnity, '553.70')
    assert.throws(() => apart.compute({ ...base, gross_monthly: 2000.5 }), { code: 'VALUE_FLOAT_REFUSED', field: 'gross_monthly' })
    assert.throws(() => apart.compute({ ...base, gross_monthly: NaN }), { code: 'VALUE_NOT_FINITE', family: 'input', field: 'gross_monthly' })
    assert.throws(() => apart.compute({ ...base, contract_hour: '121.33' }), { code: 'INPUT_UNKNOWN_FIELD', field: 'contract_hour' })
    assert.throws(() => apart.compute(base, { explian: 'on' }), { code: 'INPUT_UNKNOWN_FIELD', field: 'explian' })
    assert.equal(apart.compute({ ...base, regime: 'droit_commun', employee: undefined }).regime, 'droit_commun')
  })

  test(`${entry}: a claim from CSV, read by the core: in one call, a few rows at a time, written back`, () => {
    const csv = 'employee;month;gross_monthly;hours_not_worked\r\nA;2026-01;2000;70\r\nB;2026-01;deux mille;70\r\nC;2026-01;2000,50;70\r\n'
    const claim = apart.computeClaimCsv(csv)
    assert.equal(claim.month, '2026-01')
    assert.deepEqual(claim.lines.map((l) => l.employee), ['A', 'B', 'C'])
    assert.equal(claim.lines[0].outcome.employee_indemnity, '553.70')
    assert.equal(claim.lines[1].error.family, 'input')
    assert.equal(claim.lines[1].error.details.field, 'gross_monthly')
    assert.deepEqual(apart.computeClaimCsv(new TextEncoder().encode(csv)), claim)
    // The same claim a row at a time, with its progress.
    const stepped = new apart.ClaimCsv(csv)
    assert.equal(stepped.totalBytes, new TextEncoder().encode(csv).length)
    let steps = 0
    while (stepped.step(1)) {
      steps++
      assert.equal(stepped.rows, steps)
      assert.ok(stepped.bytesRead <= stepped.totalBytes)
    }
    assert.equal(steps, 3)
    assert.deepEqual(stepped.finish(), claim)
    // Written back by the core's writer, in the input's dialect, and read back as the same claim.
    const out = apart.writeClaimCsv(csv, undefined, undefined, 'en')
    const lines = out.trimEnd().split('\r\n')
    assert.equal(lines.length, 5)
    assert.match(lines[0], /^employee;month;gross_monthly;hours_not_worked;line;status;/)
    assert.match(lines[1], /;computed;.*;553,70;/)
    assert.match(lines[2], /;refused;/)
    assert.match(lines[4], /;total;.*2 computed, 1 refused$/)
    assert.deepEqual(apart.computeClaimCsv(out).totals, claim.totals)
    // With a caller's book, settings and options, as the core reads them.
    const law = new apart.LawBook()
    assert.deepEqual(law.computeClaimCsv(csv, {}, {}), claim)
    assert.equal(law.writeClaimCsv(csv, {}, {}, 'en'), out)
    const noMonth = 'employee;gross_monthly;hours_not_worked\nA;2000;70\n'
    assert.equal(apart.computeClaimCsv(noMonth, { month: '2026-01' }).lines[0].outcome.employee_indemnity, '553.70')
    // What cannot be read as a claim at all throws, with the core's codes.
    assert.throws(() => apart.computeClaimCsv(noMonth), (e) => e instanceof apart.ApartError && e.family === 'input')
    assert.throws(() => apart.computeClaimCsv('employee;gros\nA;1\n'), { code: 'INPUT_UNKNOWN_FIELD', family: 'input' })
    assert.throws(() => new apart.ClaimCsv('employee;gros\nA;1\n'), { code: 'INPUT_UNKNOWN_FIELD' })
    assert.throws(() => apart.computeClaimCsv(csv, { mont: '2026-01' }), { code: 'INPUT_UNKNOWN_FIELD', field: 'mont' })
    assert.throws(() => apart.computeClaimCsv(42), { code: 'INPUT_WRONG_TYPE', field: 'csv' })
    assert.throws(() => apart.writeClaimCsv(csv, undefined, undefined, 'de'), { code: 'VALUE_UNKNOWN_VARIANT', field: 'lang' })
  })
}
