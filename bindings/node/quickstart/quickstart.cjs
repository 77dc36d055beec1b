// Quick start from CommonJS: `node quickstart.cjs`.
const { parseSiret, SiretError, compute } = require('apart-fr')

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
