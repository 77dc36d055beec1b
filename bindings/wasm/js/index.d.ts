// The entry point of the `apart-wasm` package: the wasm-bindgen exports and the error classes.
export { default, initSync } from './apart_wasm.js'
export * from './apart_wasm.js'
export * from './errors.js'
