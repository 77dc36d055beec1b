// Generated from apart::Family::ALL by bindings/wasm (cargo test -p apart-wasm regenerates it
// with APART_WASM_REGENERATE=1); do not edit by hand.

const reserved = new Set(['name', 'message', 'stack', 'code', 'family', 'messages', 'details', 'fields', 'cause'])

/** Every error of the library. `code` is stable public API; `message` is French. */
export class ApartError extends Error {
  constructor(payload) {
    super(payload.messages.fr)
    Object.defineProperty(this, 'name', { value: new.target.name, enumerable: false, configurable: true, writable: true })
    this.code = payload.code
    this.family = payload.family
    this.messages = payload.messages
    this.details = payload.details
    if (payload.fields !== undefined) {
      this.fields = payload.fields.map((f) => ({ ...f, message: f.messages.fr }))
    }
    for (const [key, value] of Object.entries(payload.details)) {
      if (!reserved.has(key)) this[key] = value
    }
  }
}

/** Family `siret`. */
export class SiretError extends ApartError {}
/** Family `form`. */
export class FormError extends ApartError {}
/** Family `money`. */
export class MoneyError extends ApartError {}
/** Family `law`. */
export class LawError extends ApartError {}
/** Family `indemnity`. */
export class IndemnityError extends ApartError {}
/** Family `procedure`. */
export class ProcedureError extends ApartError {}
/** Family `account`. */
export class AccountError extends ApartError {}
/** Family `machine`. */
export class MachineError extends ApartError {}
/** Family `input`. */
export class InputError extends ApartError {}
/** Family `entropy`. */
export class EntropyError extends ApartError {}
/** Family `internal`. */
export class InternalError extends ApartError {}

const classes = {
  siret: SiretError,
  form: FormError,
  money: MoneyError,
  law: LawError,
  indemnity: IndemnityError,
  procedure: ProcedureError,
  account: AccountError,
  machine: MachineError,
  input: InputError,
  entropy: EntropyError,
  internal: InternalError,
}

/** The error object of a payload written by the Rust side (a DiagnosticRecord as JSON). */
export function apartError(json) {
  const payload = JSON.parse(json)
  const Class = classes[payload.family] ?? ApartError
  return new Class(payload)
}
