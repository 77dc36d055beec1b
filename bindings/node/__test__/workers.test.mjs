// Concurrent calls from worker threads: each worker loads the add-on in its own environment
// (with its own error classes) and validates, parses and throws while the others do the same.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Worker } from 'node:worker_threads'
import { createRequire } from 'node:module'

const apart = createRequire(import.meta.url)('../index.js')
const addon = createRequire(import.meta.url).resolve('../index.js')

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads')
const apart = require(workerData.addon)
const sirets = apart.generateSirets(workerData.count, workerData.seed)
let valid = 0, errors = 0, classes = 0
for (const s of sirets) {
  if (apart.isValidSiret(s)) valid++
  const broken = s.slice(0, 13) + ((Number(s[13]) + 1) % 10)
  try { apart.parseSiret(broken) } catch (e) {
    errors++
    if (e instanceof apart.SiretError && e instanceof apart.ApartError && e.code) classes++
  }
}
const batch = apart.isValidSirets(sirets).reduce((a, b) => a + b, 0)
parentPort.postMessage({ valid, errors, classes, batch, first: sirets[0] })
`

test('concurrent calls from worker threads', async () => {
  const count = 20_000
  const runs = [1, 2, 3, 4].map(
    (seed) =>
      new Promise((resolve, reject) => {
        const w = new Worker(workerSource, { eval: true, workerData: { addon, count, seed } })
        w.once('message', resolve)
        w.once('error', reject)
        w.once('exit', (code) => code !== 0 && reject(new Error(`worker exit ${code}`)))
      }),
  )
  // The main thread keeps working meanwhile.
  let mine = 0
  for (const s of apart.generateSirets(count, 99)) if (apart.isValidSiret(s)) mine++
  const results = await Promise.all(runs)
  assert.equal(mine, count)
  results.forEach((r, i) => {
    assert.equal(r.valid, count)
    assert.equal(r.batch, count)
    assert.equal(r.classes, r.errors)
    assert.ok(r.errors > count * 0.8)
    assert.equal(r.first, apart.generateSirets(1, i + 1)[0])
  })
  // The main thread's classes still work after the workers have gone.
  assert.throws(() => apart.parseSiret('73282932000075'), apart.SiretError)
})
