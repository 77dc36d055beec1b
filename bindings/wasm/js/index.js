// The entry point of the `apart-wasm` package: the wasm-bindgen exports and the error classes.
// `await init()` once (in a browser it fetches apart_wasm_bg.wasm next to this file; elsewhere
// pass the bytes: `await init({ module_or_path: bytes })`), then call the functions.
export { default, initSync } from './apart_wasm.js'
export * from './apart_wasm.js'
export * from './errors.js'
