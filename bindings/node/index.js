'use strict'
// The package's entry point (CommonJS; index.mjs is the ES module entry over this file).
//
// `native.js` is napi-rs's loader of the add-on (generated). This file only makes its errors
// whole: napi-rs refuses an argument of the wrong JavaScript type before our code runs, with a
// bare `Error` (`code: 'StringExpected'`…); every such error is turned into the core's
// `InputError` INPUT_WRONG_TYPE (both messages, `details`), and a caught Rust panic into an
// `InternalError` INTERNAL_PANIC. Nothing else happens here: no rule, no record.

const native = require('./native.js')
const { __wrongType: wrongType, __internalError: internalError } = native
delete native.__wrongType
delete native.__internalError

const NAPI_STATUS = new Set([
  'InvalidArg', 'ObjectExpected', 'StringExpected', 'NameExpected', 'FunctionExpected',
  'NumberExpected', 'BooleanExpected', 'ArrayExpected', 'GenericFailure', 'BigintExpected',
  'DateExpected', 'ArrayBufferExpected', 'DetachableArraybufferExpected',
])

function apartError(error) {
  if (error instanceof native.ApartError || !(error instanceof Error) || !NAPI_STATUS.has(error.code)) {
    return error
  }
  if (error.code === 'GenericFailure') return internalError(String(error.message))
  // napi-rs: "Failed to convert JavaScript value `Number 12 ` into rust type `String`".
  const m = /value `([^`]*)` into rust type `([^`]*)`/.exec(error.message)
  return wrongType(m ? m[2] : error.code.replace('Expected', ''), m ? m[1].trim() : String(error.message))
}

function guard(fn) {
  const guarded = function (...args) {
    try {
      return new.target ? Reflect.construct(fn, args, new.target) : fn.apply(this, args)
    } catch (error) {
      throw apartError(error)
    }
  }
  Object.defineProperty(guarded, 'name', { value: fn.name })
  return guarded
}

for (const [name, value] of Object.entries(native)) {
  if (typeof value !== 'function' || name.startsWith('__')) continue
  if (value === native.ApartError || value.prototype instanceof native.ApartError) continue
  const methods = value.prototype ? Object.getOwnPropertyNames(value.prototype) : []
  if (methods.length > 1 || /^[A-Z]/.test(name)) {
    // A class made by napi-rs: its methods are guarded in place (instanceof keeps working).
    for (const method of methods) {
      const d = Object.getOwnPropertyDescriptor(value.prototype, method)
      if (method !== 'constructor' && typeof d.value === 'function') {
        Object.defineProperty(value.prototype, method, { ...d, value: guard(d.value) })
      }
    }
    for (const method of Object.getOwnPropertyNames(value)) {
      const d = Object.getOwnPropertyDescriptor(value, method)
      if (typeof d.value === 'function' && d.writable) {
        Object.defineProperty(value, method, { ...d, value: guard(d.value) })
      }
    }
    continue
  }
  native[name] = guard(value)
}

module.exports = native
