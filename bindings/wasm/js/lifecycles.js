// The `apart-wasm/lifecycles` entry point: everything of the main entry, plus every lifecycle
// (machines through JSON, DI codes, recaps, recovery, login), in a larger module.
// `await init()` once, as for the main entry.
export { default, initSync } from './apart_wasm_lifecycles.js'
export * from './apart_wasm_lifecycles.js'
export * from './errors.js'
