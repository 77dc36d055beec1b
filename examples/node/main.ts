// A tour of the Node package: identifiers, errors, a batch, form fields.
// Compiled with `tsc --strict` (tsconfig.json beside this file) and run by the Node tests.
import * as apart from 'apart-fr'

// 1. A SIRET, as typed in a form: spaces are fine, the result is a plain object of strings.
const siret = apart.parseSiret('732 829 320 00074')
console.log(`${siret.formatted}: SIREN ${siret.siren}, TVA ${siret.tva}`)

// 2. A refusal is an Error subclass with a stable code, a French message and its fields.
try {
  apart.parseSiret('732 829 320 00075')
} catch (e) {
  if (e instanceof apart.SiretError) {
    console.log(`${e.code}: ${e.message} (expected ${e.details.expected})`)
    console.log(`  in English: ${e.messages.en}`)
  } else {
    throw e
  }
}

// 3. A whole column at once: one native call.
const column = ['73282932000074', '732 829 320 00075', '58801481', '356 000 000 09075']
const report = apart.checkSirets(column)
console.log(`${report.valid} valid of ${column.length}`)
for (const problem of report.invalid) {
  console.log(`  row ${problem.index}: ${problem.code}`)
}
const flags: Uint8Array = apart.isValidSirets(column)
console.log(`flags: ${Array.from(flags).join('')}`)

// 4. Form fields: canonical values, kinds typed as the core's spellings.
const phone: apart.PhoneRecord = apart.parsePhone('0692 12 34 56')
if (phone.kind.type === 'overseas' && phone.kind.territory === 'reunion') {
  console.log(`${phone.display} is a Réunion ${phone.kind.kind} line, stored as ${phone.e164}`)
}
const kind: apart.IdentifierKind = apart.detect('FR 44 732 829 320').kind
console.log(`FR 44 732 829 320 is a ${kind} number`)

// 5. The indemnity of one employee-month: a record in the core's JSON shape (snake_case keys),
//    decimals as strings (integers also accepted), out as strings.
const month = apart.compute({ month: '2026-01', gross_monthly: '3000', hours_not_worked: '70' })
console.log(`2026-01, 3000 € gross, 70 h: indemnity ${month.employee_indemnity} €, allocation ${month.employer_allocation} €`)
// The same employee read once into the core (the fastest call when computing many times): the
// outcome stays native, each field converted when read; `toJSON()` is the record above.
const native = new apart.NativeEmployeeMonth({ month: '2026-01', gross_monthly: '3000', hours_not_worked: '70' })
const outcome: apart.NativeOutcome = native.compute({ rounding: 'per_hour' })
const indemnity: string = outcome.employee_indemnity
console.log(`native: indemnity ${indemnity} €, same record: ${JSON.stringify(outcome) === JSON.stringify(month)}`)

// 6. A whole monthly claim in one call: one line per employee, totals; a bad line does not stop the rest.
const claim = apart.computeClaim('2026-01', [
  { employee: 'A', gross_monthly: '3000', month: '2026-01', hours_not_worked: '70' },
  { employee: 'B', gross_monthly: '1900', month: '2026-01', hours_not_worked: '35', category: 'part_time', contract_hours: '100' },
  { employee: 'C', gross_monthly: '-5', month: '2026-01', hours_not_worked: '10' },
])
console.log(`claim: ${claim.totals.employees} computed, ${claim.totals.employees_refused} refused, allocation ${claim.totals.employer_allocation} €`)
for (const line of claim.lines) {
  if (line.error) console.log(`  ${line.employee}: ${line.error.code}`)
}

// 7. Every lifecycle is a Machine driven by plain-object snapshots and tagged events.
const onboarding = new apart.Machine('apart.onboarding')
let snapshot: apart.MachineSnapshot = onboarding.newSnapshot({})
const event: apart.MachineEvent = {
  type: 'SubmitSiret',
  siret: '732 829 320 00074',
  human_check: { status: 'verified', at: '2026-03-02T09:00:00Z' },
  cgu_accepted: true,
  establishment_known: false,
}
const now = new Date('2026-03-02T09:00:00Z')
const buttons = onboarding.allowedEvents(snapshot, 'visitor', now)
snapshot = onboarding.apply(snapshot, event, 'visitor', now).snapshot
console.log(`onboarding: ${buttons.join(', ')} -> ${snapshot.state}; ${apart.machines().length} machines`)
