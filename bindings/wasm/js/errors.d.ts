// Generated from apart::Family::ALL by bindings/wasm; do not edit by hand.

/** Structured fields of an error: strings and integers only. */
export type ErrorDetails = Record<string, string | number>

/** One refused field of a form (`FormError.fields`). */
export interface FieldProblem {
  field: string
  code: string
  family: string
  message: string
  messages: { fr: string; en: string }
  details: ErrorDetails
}

/** Every error the library throws. `code` is stable public API; `message` is French. */
export declare class ApartError extends Error {
  /** The stable machine code, such as `SIRET_INVALID_KEY`. */
  readonly code: string
  /** The family (`siret`, `form`, `input`…): it chose the class. */
  readonly family: string
  /** The message in each language (`message` is `messages.fr`). */
  readonly messages: { fr: string; en: string }
  /** The structured fields (each also set on the error itself, e.g. `err.field`). */
  readonly details: ErrorDetails
  /** A form's refused fields, every one (`FORM_INVALID` only). */
  readonly fields?: FieldProblem[]
  readonly [detail: string]: unknown
}
/** Family `siret`. */
export declare class SiretError extends ApartError {}
/** Family `form`. */
export declare class FormError extends ApartError {}
/** Family `money`. */
export declare class MoneyError extends ApartError {}
/** Family `law`. */
export declare class LawError extends ApartError {}
/** Family `indemnity`. */
export declare class IndemnityError extends ApartError {}
/** Family `procedure`. */
export declare class ProcedureError extends ApartError {}
/** Family `account`. */
export declare class AccountError extends ApartError {}
/** Family `machine`. */
export declare class MachineError extends ApartError {}
/** Family `input`. */
export declare class InputError extends ApartError {}
/** Family `entropy`. */
export declare class EntropyError extends ApartError {}
/** Family `internal`. */
export declare class InternalError extends ApartError {}
