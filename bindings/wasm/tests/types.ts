// Compiled by `make test-wasm` with `tsc --strict --noEmit` against the built package's
// declarations: the exports, the record types they name, and the error classes type-check.
import init, { compute, parseSiret, parsePhone, validateAccountForm, validateAssistanceForm, LawBook, SiretError, FormError, ApartError } from '../../../target/wasm-pkg/index.js'
import type { AccountFormInput, EmployeeMonth, Outcome, PhonePolicy, HumanCheck, Family } from '../../../target/wasm-pkg/index.js'
import { Machine, Entropy, recap } from '../../../target/wasm-pkg/lifecycles.js'
import type { MachineSnapshot, RecapAmounts } from '../../../target/wasm-pkg/lifecycles.js'

export async function tour(): Promise<string> {
  await init()
  const out = compute({ month: '2026-01', gross_monthly: '2000', hours_not_worked: '70' }, { explain: 'on' })
  const indemnity: string = out.employee_indemnity
  // The records are the core's declarations (records.d.ts), not open records: a misspelt field
  // does not type-check.
  const month: EmployeeMonth = { month: '2026-01', gross_monthly: '2000', hours_not_worked: '70', regime: 'droit_commun' }
  // @ts-expect-error: no such field
  const misspelt: EmployeeMonth = { month: '2026-01', gross_monthly: '2000', hours_not_workd: '70' }
  const outcome: Outcome = compute(month)
  const policy: PhonePolicy = { collectivities: true }
  // @ts-expect-error: no such option
  const badPolicy: PhonePolicy = { collectivites: true }
  parsePhone('+687 12 34 56', policy)
  const form: AccountFormInput = { denomination: 'ACME', human_check: { status: 'verified', at: '2026-11-30T09:00:00Z' } }
  const check: HumanCheck = { status: 'not_verified' }
  // @ts-expect-error: a form field is text
  const badForm: AccountFormInput = { postal_code: 75001 }
  const family: Family = 'siret'
  void [misspelt, outcome, badPolicy, form, check, badForm, family]
  try {
    validateAssistanceForm({ siret: '73282932000074', motive: null }, check)
  } catch (e) {
    if (e instanceof FormError && e.fields) void e.fields.map((f) => f.family)
  }
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
  // A test's mock of a library error, typed (as in Node).
  const mock: SiretError = new SiretError('clé fausse', { code: 'SIRET_INVALID_KEY', details: { expected: 4 } })
  // @ts-expect-error: no such option
  const badMock = new SiretError('x', { kode: 'X' })
  const da = new Machine('apart.da')
  const states: string[] = da.states()
  const entropy: Entropy = Entropy.fixed(new Uint8Array([1, 2, 3]))
  const amounts: RecapAmounts = { claimed: '599.90', iban: 'FR7630006000011234567890189' }
  // @ts-expect-error: no such amount
  const badAmounts: RecapAmounts = { claim: '599.90' }
  const ofDi = (di: MachineSnapshot) => recap(di, 'di_submitted', amounts).content_hash
  // `can` answers, `check` throws (as in Node).
  const allowed = (s: MachineSnapshot): boolean => da.can(s, { type: 'Submit' }, 'principal', new Date())
  const why = (s: MachineSnapshot): void => da.check(s, { type: 'Submit' }, 'principal', new Date())
  void [badAmounts, ofDi, allowed, why]
  void entropy
  return indemnity + states.join(',')
}
