// `make dist` for Node: the npm package in napi-rs's layout, written to target/dist/.
//
//   node dist.mjs <release add-on> <out dir>
//
// * apart-fr-linux-x64-gnu-<v>.tgz: the platform package, the release add-on only;
// * apart-fr-<v>.tgz: the main package (loader, ES module entry, declarations, README) with the
//   platform package as an optional dependency, as napi-rs publishes: npm installs the one
//   package that fits the machine, and nothing is compiled.
// Both are made by `npm pack` from staging folders, so the main package never carries an
// add-on (in particular not the debug one `make test` builds beside the sources).
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { basename, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))
const [addon, outArg] = process.argv.slice(2)
if (!addon || !outArg) throw new Error('usage: node dist.mjs <release add-on> <out dir>')
const out = resolve(outArg)
const pkg = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'))
const triple = 'linux-x64-gnu'
const platformName = `${pkg.name}-${triple}`
const addonName = `${pkg.napi.binaryName}.${triple}.node`

const stage = join(out, 'node-staging')
rmSync(stage, { recursive: true, force: true })
mkdirSync(out, { recursive: true })

// The platform package.
const platform = join(stage, platformName)
mkdirSync(platform, { recursive: true })
cpSync(addon, join(platform, addonName))
writeFileSync(
  join(platform, 'package.json'),
  JSON.stringify(
    {
      name: platformName,
      version: pkg.version,
      description: `The ${triple} add-on of ${pkg.name} (installed by it; not used directly)`,
      license: pkg.license,
      main: addonName,
      files: [addonName],
      os: ['linux'],
      cpu: ['x64'],
      libc: ['glibc'],
      engines: pkg.engines,
    },
    null,
    2,
  ) + '\n',
)

// The main package.
const main = join(stage, pkg.name)
mkdirSync(main, { recursive: true })
for (const f of [...pkg.files, 'README.md']) cpSync(join(here, f), join(main, f))
const mainPkg = { ...pkg, optionalDependencies: { [platformName]: pkg.version } }
delete mainPkg.devDependencies
delete mainPkg.scripts
writeFileSync(join(main, 'package.json'), JSON.stringify(mainPkg, null, 2) + '\n')

for (const dir of [platform, main]) {
  const file = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: dir, encoding: 'utf8' }).trim()
  console.log(`${join(basename(out), file)}: ${(statSync(join(out, file)).size / 1024).toFixed(0)} KiB`)
}
rmSync(stage, { recursive: true, force: true })
