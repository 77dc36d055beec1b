// Every file of tests/vectors/ against the wasm package, under Node. Skip list: none. A file
// this runner does not know fails the first test, so a new vector file cannot go unrun.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import apart, { vectorsDir, readJson, siretRows, checkError } from './apart.mjs'

const RUNNERS = ['siret.tsv', 'siret.md', 'forms.json', 'indemnity.json', 'procedure.json', 'lifecycle.json', 'errors.json']

test('every vector file has a runner here', () => {
  for (const name of readdirSync(vectorsDir)) assert.ok(RUNNERS.includes(name), `no wasm runner for tests/vectors/${name}`)
})
