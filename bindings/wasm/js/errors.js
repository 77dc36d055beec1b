// Generated from apart::Family::ALL by bindings/wasm (cargo test -p apart-wasm regenerates it
// with APART_WASM_REGENERATE=1); do not edit by hand.

const reserved = new Set(['name', 'message', 'stack', 'code', 'family', 'messages', 'details', 'fields', 'cause'])

/**
 * Every error of the library. `code` is stable public API; `message` is French. The library
 * makes one from its payload; a test's mock with `Error`'s arguments,
 * `new SiretError(message, { code, details, messages, fields, cause })` (the family is the
 * class's, `code` defaults to '', `messages` to the message in both languages), as in Node.
 */
export class ApartError extends Error {
  constructor(message, options, family) {
    const p = typeof message === 'object' && message !== null ? message
      : { ...options, message: message === undefined ? '' : String(message) }
    const text = p.messages?.fr ?? p.message
    super(text, 'cause' in p ? { cause: p.cause } : undefined)
    Object.defineProperty(this, 'name', { value: new.target.name, enumerable: false, configurable: true, writable: true })
    this.code = p.code ?? ''
    this.family = family ?? p.family
    this.messages = p.messages ?? { fr: text, en: text }
    this.details = p.details ?? {}
    if (p.fields !== undefined) {
      this.fields = p.fields.map((f) => ({ ...f, message: f.message ?? f.messages?.fr }))
    }
    for (const [key, value] of Object.entries(this.details)) {
      if (!reserved.has(key)) this[key] = value
    }
  }
}

/** Family `siret`. */
export class SiretError extends ApartError {
  constructor(message, options) {
    super(message, options, 'siret')
  }
}
/** Family `form`. */
export class FormError extends ApartError {
  constructor(message, options) {
    super(message, options, 'form')
  }
}
/** Family `money`. */
export class MoneyError extends ApartError {
  constructor(message, options) {
    super(message, options, 'money')
  }
}
/** Family `law`. */
export class LawError extends ApartError {
  constructor(message, options) {
    super(message, options, 'law')
  }
}
/** Family `indemnity`. */
export class IndemnityError extends ApartError {
  constructor(message, options) {
    super(message, options, 'indemnity')
  }
}
/** Family `procedure`. */
export class ProcedureError extends ApartError {
  constructor(message, options) {
    super(message, options, 'procedure')
  }
}
/** Family `account`. */
export class AccountError extends ApartError {
  constructor(message, options) {
    super(message, options, 'account')
  }
}
/** Family `machine`. */
export class MachineError extends ApartError {
  constructor(message, options) {
    super(message, options, 'machine')
  }
}
/** Family `input`. */
export class InputError extends ApartError {
  constructor(message, options) {
    super(message, options, 'input')
  }
}
/** Family `entropy`. */
export class EntropyError extends ApartError {
  constructor(message, options) {
    super(message, options, 'entropy')
  }
}
/** Family `internal`. */
export class InternalError extends ApartError {
  constructor(message, options) {
    super(message, options, 'internal')
  }
}

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
