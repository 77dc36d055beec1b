// The install test of the npm artefact (`make dist-wasm` → target/dist/apart-wasm-<version>.tgz):
// a fresh npm project installs the tarball alone (no cargo, no repository paths), then runs the
// "Browser quick start" of the README the tarball carries, unchanged, under Node. Node's fetch
// does not read file: URLs, so the wasm file the quick start's `init()` asks for next to the
// module is served from disk by a two-line shim loaded first (`--import`); nothing else differs
// from a browser. Usage: node bindings/wasm/tests/install.mjs target/dist/apart-wasm-0.1.0.tgz
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const tarball = resolve(process.argv[2] ?? assert.fail('usage: install.mjs TARBALL'))
const dir = resolve('target', 'wasm-install')
rmSync(dir, { recursive: true, force: true })
mkdirSync(dir, { recursive: true })
writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'install-test', private: true, type: 'module' }))
execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: dir, stdio: 'inherit' })

const readme = readFileSync(join(dir, 'node_modules', 'apart-wasm', 'README.md'), 'utf8')
const section = readme.split('## Browser quick start')[1] ?? assert.fail('no "Browser quick start" in the README')
const code = section.match(/```js\n([\s\S]*?)```/)?.[1] ?? assert.fail('no js block in the quick start')
writeFileSync(join(dir, 'quickstart.mjs'), code)
writeFileSync(
  join(dir, 'file-fetch.mjs'),
  `import { readFile } from 'node:fs/promises'
const web = globalThis.fetch
globalThis.fetch = async (url, init) => String(url).startsWith('file:')
  ? new Response(await readFile(new URL(String(url))), { headers: { 'content-type': 'application/wasm' } })
  : web(url, init)
`,
)
const printed = execFileSync('node', ['--import', './file-fetch.mjs', 'quickstart.mjs'], { cwd: dir, encoding: 'utf8' })
assert.equal(printed.trim(), '553.70')
console.log(`installed ${tarball} in a fresh npm project; the README's quick start printed ${printed.trim()}`)
