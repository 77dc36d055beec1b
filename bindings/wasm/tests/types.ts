// Compiled by `make test-wasm` with `tsc --strict --noEmit` against the built package's
// declarations: the exports, the record types they name, and the error classes type-check.
import init, { compute, parseSiret, validateAccountForm, LawBook, SiretError, FormError, ApartError } from '../../../target/wasm-pkg/index.js'
import { Machine, Entropy, recap } from '../../../target/wasm-pkg/lifecycles.js'

export async function tour(): Promise<string> {
  await init()
  const out = compute({ month: '2026-01', gross_monthly: '2000', hours_not_worked: '70' }, { explain: 'on' })
  const indemnity: string = out.employee_indemnity
  const book = new LawBook()
  book.upsertRow('smic_hourly', { ...book.lookup('smic_hourly', '2026-01-15'), from: '2026-03-01', value: '12.50' })
  book.compute({ month: '2026-03', gross_monthly: '2000', hours_not_worked: '70' })
  const changed: string[] = book.applyFile('id = "smic_hourly"')
  const until: string = book.verifiedUntil()
  void changed
  void until
  try {
    parseSiret('73282932000075')
  } catch (e) {
    if (e instanceof SiretError) return `${e.code} ${e.messages.en} ${e.details.expected}`
  }
  try {
    validateAccountForm({})
  } catch (e) {
    if (e instanceof FormError && e.fields) return e.fields.map((f) => `${f.field}: ${f.message}`).join('\n')
    if (e instanceof ApartError) return e.family
  }
  const da = new Machine('apart.da')
  const states: string[] = da.states()
  const entropy: Entropy = Entropy.fixed(new Uint8Array([1, 2, 3]))
  void recap
  void entropy
  return indemnity + states.join(',')
}
