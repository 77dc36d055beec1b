// Computes a whole claim from a CSV file off the page's thread. The apart library does all of
// it: its CSV reader (the same as `apart claim`: separator, decimal commas, column names, a
// refused cell refusing its line only) computes the claim a chunk of rows at a time, this worker
// posting the progress between chunks; its CSV writer writes the claim back (the input's
// columns, the computed amounts or the refusal, a totals row), in the input's dialect.
import init, * as apart from './pkg/index.js'

const CHUNK = 100
const ready = init()

self.onmessage = async ({ data }) => {
  try {
    await ready
    const claim = new apart.ClaimCsv(data.bytes)
    while (claim.step(CHUNK)) {
      self.postMessage({ type: 'progress', done: claim.bytesRead, total: claim.totalBytes, rows: claim.rows })
      // Let the progress message go out between chunks.
      await new Promise((resolve) => setTimeout(resolve, 0))
    }
    const outcome = claim.finish()
    const csv = apart.writeClaimCsv(data.bytes, undefined, undefined, data.lang)
    self.postMessage({ type: 'done', lines: outcome.lines.length, totals: outcome.totals, csv })
  } catch (e) {
    self.postMessage({ type: 'error', error: { code: e.code, message: String(e.message ?? e), messages: e.messages } })
  }
}
