'use strict'
// The package's entry point (CommonJS; index.mjs is the ES module entry over this file).
//
// `native.js` is napi-rs's loader of the add-on (generated). This file only makes its errors
// whole: napi-rs refuses an argument of the wrong JavaScript type before our code runs, with a
// bare `Error` (`code: 'StringExpected'`…); every such error, from a function, a method, a
// static method or a constructor, is turned into the core's `InputError` INPUT_WRONG_TYPE
// (both messages, `details`; `found` names the JavaScript value), and a caught Rust panic into
// an `InternalError` INTERNAL_PANIC. Nothing else happens here: no rule, no record.

const native = require('./native.js')
const { __wrongType: wrongType, __internalError: internalError } = native
delete native.__wrongType
delete native.__internalError

const NAPI_STATUS = new Set([
  'InvalidArg', 'ObjectExpected', 'StringExpected', 'NameExpected', 'FunctionExpected',
  'NumberExpected', 'BooleanExpected', 'ArrayExpected', 'GenericFailure', 'BigintExpected',
  'DateExpected', 'ArrayBufferExpected', 'DetachableArraybufferExpected',
])

// serde's words for a JavaScript value (`number 5`, `string "10"`), which the core translates
// (« le nombre 5 »): what `found` says.
function describe(value) {
  if (value === null) return 'null'
  if (value === undefined) return 'undefined'
  switch (typeof value) {
    case 'number': return `number ${value}`
    case 'string': return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
    case 'boolean': return `boolean ${value}`
    case 'bigint': case 'symbol': case 'function': return typeof value
    default: return Array.isArray(value) ? 'array' : value instanceof Date ? 'Date' : 'object'
  }
}

// N-API's name of the type of `value` (napi_typeof), lower-cased.
function kindOf(value) {
  return value === null ? 'null' : typeof value
}

// Whether `value` is of the type napi-rs names (`String`, `f64`, `Date`, a class of this
// package, a union `Date|f64|String`).
function fits(value, type) {
  return type.split('|').some((t) => {
    if (t === 'String' || t === 'ShortStr') return typeof value === 'string'
    if (/^[fiu](32|64)$/.test(t) || t === 'Number') return typeof value === 'number'
    if (t === 'bool' || t === 'Boolean') return typeof value === 'boolean'
    if (t === 'Bigint') return typeof value === 'bigint'
    if (t === 'Date' || t === 'JsDate') return value instanceof Date
    if (t === 'Array' || t.startsWith('Vec')) return Array.isArray(value)
    if (t === 'Object') return value !== null && typeof value === 'object'
    if (t === 'Function') return typeof value === 'function'
    const cls = native[t]
    return typeof cls === 'function' && value instanceof cls
  })
}

// napi-rs's error for an argument of the wrong type, as the core's INPUT_WRONG_TYPE: what was
// expected (the Rust type napi-rs names, which __wrongType maps to the core's words) and what
// was found: napi-rs's own view of the value when its message quotes it, else the first
// argument that is not of the expected type.
function apartError(error, args = []) {
  if (error instanceof native.ApartError || !(error instanceof Error) || !NAPI_STATUS.has(error.code)) {
    return error
  }
  if (error.code === 'GenericFailure') return internalError(String(error.message))
  const message = String(error.message)
  let expected = error.code.replace('Expected', '')
  let found
  let kind
  let m
  if ((m = /value `(\w+) ?([^`]*)` into rust type `([^`]*)`/.exec(message))) {
    // "Failed to convert JavaScript value `Number 12 ` into rust type `String`".
    expected = m[3]
    found = `${m[1].toLowerCase()}${m[2].trim() ? ` ${m[2].trim()}` : ''}`
  } else if ((m = /napi value (?:(\w+) )?into rust type `([^`]*)`/i.exec(message))) {
    // "Failed to convert napi value String into rust type `f64`", "… napi value into rust type `bool`".
    expected = m[2]
    kind = m[1] && m[1].toLowerCase()
  } else if ((m = /none of these types ((?:`[^`]*`, )+)/.exec(message))) {
    // An `Either`: "Value is none of these types `String`, `Date`, ".
    expected = [...m[1].matchAll(/`([^`]*)`/g)].map((t) => t[1]).join('|')
  } else if ((m = /recover `(\w+)` type/i.exec(message))) {
    // A class instance: "Failed to recover `lawbook` type from napi value".
    expected = Object.keys(native).find((k) => k.toLowerCase() === m[1].toLowerCase()) || m[1]
  }
  if (found === undefined) {
    // `null` may stand for an optional argument before the one refused, and an instance of
    // this package's classes is never given for anything else: another value first.
    const wrong = args.filter((a) => !fits(a, expected))
    const ours = (a) => Object.values(native).some((c) => typeof c === 'function' && c.prototype && a instanceof c)
    const arg = wrong.find((a) => a !== null && a !== undefined && !ours(a) && (!kind || kindOf(a) === kind))
    found = describe(arg !== undefined ? arg : wrong[0])
  }
  return wrongType(expected, found)
}

function guard(fn) {
  const guarded = function (...args) {
    try {
      return new.target ? Reflect.construct(fn, args, new.target) : fn.apply(this, args)
    } catch (error) {
      throw apartError(error, args)
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
      if (typeof d.value === 'function' && (d.writable || d.configurable)) {
        Object.defineProperty(value, method, { ...d, value: guard(d.value) })
      }
    }
    // Its constructor too (`new Machine(5)`), through a proxy: `instanceof`, the prototype
    // and the static methods are the class's own.
    native[name] = new Proxy(value, {
      construct(target, args, newTarget) {
        try {
          return Reflect.construct(target, args, newTarget)
        } catch (error) {
          throw apartError(error, args)
        }
      },
    })
    continue
  }
  native[name] = guard(value)
}

module.exports = native
