'use strict'
// The package's entry point (CommonJS; index.mjs is the ES module entry over this file).
//
// `native.js` is napi-rs's loader of the add-on (generated). Every argument is read and checked
// by the add-on itself (src/arg.rs), which throws the core's errors (`InputError`
// INPUT_WRONG_TYPE naming the value found). This file only makes whole what napi-rs still does
// on its own: a caught Rust panic (`GenericFailure`) becomes an `InternalError` INTERNAL_PANIC;
// a class called without `new`, `new` of a class without a constructor, and a getter called on
// a value that is not an instance of its class are `TypeError`s, as for ES classes (napi-rs
// would wrap `this`, the global object included, or throw a bare `Error`). (A method called on
// another value is V8's `TypeError` already.) Nothing else happens here: no rule, no record.

const native = require('./native.js')
const { __internalError: internalError } = native
delete native.__internalError

function apartError(error, name) {
  if (!(error instanceof Error) || error instanceof native.ApartError) return error
  if (error.code === 'GenericFailure') return internalError(String(error.message))
  if (name && /contains no `constructor`/.test(error.message)) {
    return new TypeError(`${name} has no public constructor: the library's functions return its instances`)
  }
  // A getter takes no argument: napi-rs's InvalidArg is about `this`.
  if (name === 'get' && error.code === 'InvalidArg') return new TypeError(`Illegal invocation: ${error.message}`)
  return error
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
      } else if (d.get) {
        const get = d.get
        d.get = function () {
          try {
            return get.call(this)
          } catch (error) {
            throw apartError(error, 'get')
          }
        }
        Object.defineProperty(d.get, 'name', { value: get.name })
        Object.defineProperty(value.prototype, method, d)
      }
    }
    for (const method of Object.getOwnPropertyNames(value)) {
      const d = Object.getOwnPropertyDescriptor(value, method)
      if (typeof d.value === 'function' && (d.writable || d.configurable)) {
        Object.defineProperty(value, method, { ...d, value: guard(d.value) })
      }
    }
    // Its constructor too, through a proxy: `instanceof`, the prototype and the static methods
    // are the class's own.
    native[name] = new Proxy(value, {
      apply() {
        throw new TypeError(`Class constructor ${name} cannot be invoked without 'new'`)
      },
      construct(target, args, newTarget) {
        try {
          return Reflect.construct(target, args, newTarget)
        } catch (error) {
          throw apartError(error, name)
        }
      },
    })
    continue
  }
  native[name] = guard(value)
}

module.exports = native
