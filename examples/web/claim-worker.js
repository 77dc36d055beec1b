// Computes a whole claim from CSV text off the page's thread, in chunks, posting its progress.
// Every figure comes from the apart library (compute for each line, computeClaim for the
// totals); this worker only reads and writes CSV.
import init, * as apart from './pkg/index.js'
import { csvLine, parseCsv, separatorOf } from './csv.js'

const CHUNK = 100
const RESULT_COLUMNS = ['hourly_reference', 'employee_indemnity', 'employer_allocation', 'rest_payable_by_employer', 'error_code', 'error_message']
const ready = init()

self.onmessage = async ({ data }) => {
  try {
    await ready
    const firstLine = data.text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0]
    const sep = separatorOf(firstLine)
    const [header, ...rows] = parseCsv(data.text, sep)
    const records = rows.map((cells) => {
      const record = {}
      header.forEach((name, i) => {
        if (cells[i] !== undefined && cells[i] !== '') record[name.trim()] = cells[i]
      })
      return record
    })
    const month = records[0]?.month
    const results = []
    for (let start = 0; start < records.length; start += CHUNK) {
      for (const record of records.slice(start, start + CHUNK)) {
        try {
          results.push({ outcome: apart.compute(record, { explain: 'off' }) })
        } catch (e) {
          results.push({ error: e })
        }
      }
      self.postMessage({ type: 'progress', done: results.length, total: records.length })
      // Let the progress message go out between chunks.
      await new Promise((resolve) => setTimeout(resolve, 0))
    }
    // The totals from the core: every line it could read (a line whose cells it could not read
    // is refused here, and counted as refused).
    const readable = records.filter((_, i) => results[i].error?.family !== 'input')
    const claim = apart.computeClaim(month, readable, { explain: 'off' })
    const unreadable = records.length - readable.length
    const totals = { ...claim.totals, employees_refused: claim.totals.employees_refused + unreadable }
    const decimal = sep === ';' ? (v) => (v ?? '').replace('.', ',') : (v) => v ?? ''
    const lines = [csvLine([...header, ...RESULT_COLUMNS], sep)]
    rows.forEach((cells, i) => {
      const { outcome, error } = results[i]
      const figures = outcome
        ? RESULT_COLUMNS.slice(0, 4).map((k) => decimal(outcome[k])).concat(['', ''])
        : ['', '', '', '', error.code, error.messages?.fr ?? String(error)]
      lines.push(csvLine([...header.map((_, j) => cells[j] ?? ''), ...figures], sep))
    })
    self.postMessage({ type: 'done', lines: records.length, totals, csv: lines.join('\r\n') + '\r\n' })
  } catch (e) {
    self.postMessage({ type: 'error', error: { code: e.code, message: String(e.message ?? e), messages: e.messages } })
  }
}
