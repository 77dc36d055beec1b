// A small CSV reader and writer for claims: one line per employee, the columns named after the
// fields of the core's EmployeeMonth (month, gross_monthly, hours_not_worked…), separated by
// commas or semicolons (a spreadsheet in French writes semicolons and decimal commas; the core
// reads `2000,50` as 2000.50). Quotes as RFC 4180. An empty cell is an absent field.

/** The separator of a header line: the one of `;` and `,` that occurs more often outside quotes. */
export function separatorOf(header) {
  let semi = 0
  let comma = 0
  let quoted = false
  for (const c of header) {
    if (c === '"') quoted = !quoted
    else if (!quoted && c === ';') semi++
    else if (!quoted && c === ',') comma++
  }
  return semi > comma ? ';' : ','
}

/** The rows of a CSV text as arrays of cells. */
export function parseCsv(text, sep) {
  const rows = []
  let row = []
  let cell = ''
  let quoted = false
  const s = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { cell += '"'; i++ }
      else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === sep) { row.push(cell); cell = '' }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += c
  }
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row) }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''))
}

/** One CSV line, quoting what needs it. */
export function csvLine(cells, sep) {
  return cells
    .map((v) => {
      const s = v === null || v === undefined ? '' : String(v)
      return /["\r\n]/.test(s) || s.includes(sep) ? `"${s.replaceAll('"', '""')}"` : s
    })
    .join(sep)
}
