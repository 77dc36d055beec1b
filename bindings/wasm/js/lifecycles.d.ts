// The `apart-wasm/lifecycles` entry point: everything of the main entry, plus every lifecycle.
export { default, initSync } from './apart_wasm_lifecycles.js'
export * from './apart_wasm_lifecycles.js'
export * from './errors.js'
