// Reads the shared conformance vectors of tests/vectors/ (the same files every language runs).
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const vectorsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'tests', 'vectors')

export function readJson(name) {
  return JSON.parse(readFileSync(join(vectorsDir, name), 'utf8'))
}

/** Undoes the escapes of siret.tsv: `\uXXXX`, `\t`, `\n` (siret.md: no other escape occurs). */
function unescape(s) {
  return s.replace(/\\u([0-9a-fA-F]{4})|\\t|\\n/g, (m, hex) =>
    hex ? String.fromCharCode(parseInt(hex, 16)) : m === '\\t' ? '\t' : '\n',
  )
}

/** The rows of siret.tsv as objects `{ line, input, kind, valid, reason, source }`. */
export function siretRows() {
  const lines = readFileSync(join(vectorsDir, 'siret.tsv'), 'utf8').split('\n')
  const header = lines[0].split('\t')
  if (header.join(',') !== 'input,kind,valid,reason,source') throw new Error(`siret.tsv header: ${header}`)
  const rows = []
  lines.slice(1).forEach((text, i) => {
    if (text === '') return
    const [input, kind, valid, reason, source] = text.split('\t')
    rows.push({ line: i + 2, input: unescape(input), kind, valid: valid === 'true', reason, source })
  })
  return rows
}
