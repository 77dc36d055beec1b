// The README's quick starts are the files `make test-node-install` runs (they cannot drift).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..')

test('the README shows the three quick starts verbatim and starts with Install', () => {
  const readme = readFileSync(join(pkg, 'README.md'), 'utf8')
  for (const f of ['quickstart.cjs', 'quickstart.mjs', 'quickstart.ts']) {
    const text = readFileSync(join(pkg, 'quickstart', f), 'utf8').trimEnd()
    assert.ok(readme.includes(text), `README.md does not show quickstart/${f} as it is`)
  }
  assert.match(readme.split('\n## ')[1], /^Install\n/)
  assert.match(readme, /npm install .*apart-fr/)
})
