// Quick start from an ES module: `node quickstart.mjs`.
import { parseSiret, SiretError, compute, computeClaim, InputError } from 'apart-fr'

const siret = parseSiret('732 829 320 00074')
console.log(siret.formatted, siret.siren)

try {
  parseSiret('732 829 320 00075')
} catch (e) {
  if (!(e instanceof SiretError)) throw e
  console.log(e.code, '|', e.message, '|', e.messages.en)
}

// 2 000 € a month, 70 hours not worked in January 2026. Records keep the core's JSON keys.
const out = compute({ month: '2026-01', gross_monthly: '2000', hours_not_worked: '70' })
console.log('indemnity', out.employee_indemnity, 'allocation', out.employer_allocation)

// A misspelt field is refused, never dropped.
try {
  compute({ month: '2026-01', gross_monthly: '2000', contract_hour: '121.33' })
} catch (e) {
  if (!(e instanceof InputError)) throw e
  console.log(e.code, e.details.field)
}

// A whole claim: a refused line does not stop the others.
const claim = computeClaim('2026-01', [
  { employee: 'A', month: '2026-01', gross_monthly: '2000', hours_not_worked: '70' },
  { employee: 'B', month: '2026-01', gross_monthly: '-5', hours_not_worked: '10' },
])
console.log('claim', claim.totals.employees, 'computed', claim.totals.employees_refused, 'refused')
