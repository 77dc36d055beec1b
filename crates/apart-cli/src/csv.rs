//! The CSV of `apart claim`: its two dialects, reading a row into reused buffers, writing cells.
//!
//! Not the `csv` crate: a claim file is one record per line (no newline inside a quoted cell:
//! payroll exports do not write them, and it is what lets a line-length limit name the line),
//! and this reader keeps each row in one `String` plus one span per cell, reused from row to
//! row, and stops at the header's number of cells: a line of millions of separators costs
//! nothing more than its bytes.

use std::io::{self, Write};
use std::ops::Range;

/// How a file writes its rows and numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    /// `,` or `;`.
    pub sep: u8,
    /// Whether the file begins with a UTF-8 byte order mark (written back when it does).
    pub bom: bool,
    /// Whether lines end with `\r\n` (written back when they do).
    pub crlf: bool,
}

impl Dialect {
    /// The dialect of a header line: `;` when it has more `;` than `,`.
    pub fn of_header(header: &str, bom: bool, crlf: bool) -> Dialect {
        let semi = header.bytes().filter(|&b| b == b';').count();
        let comma = header.bytes().filter(|&b| b == b',').count();
        Dialect {
            sep: if semi > comma { b';' } else { b',' },
            bom,
            crlf,
        }
    }

    /// Whether numbers are written with a decimal comma (the `;` dialect of French spreadsheets).
    pub fn decimal_comma(self) -> bool {
        self.sep == b';'
    }

    /// A decimal number as this dialect writes it (`553.70` or `553,70`).
    pub fn number<'a>(self, text: &'a str) -> std::borrow::Cow<'a, str> {
        if self.decimal_comma() {
            std::borrow::Cow::Owned(text.replace('.', ","))
        } else {
            std::borrow::Cow::Borrowed(text)
        }
    }

    /// The line ending.
    pub fn eol(self) -> &'static [u8] {
        if self.crlf { b"\r\n" } else { b"\n" }
    }
}

/// Why a row could not be split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitError {
    /// More cells than the header has: the count is at least `found`.
    TooManyCells {
        /// Cells found before stopping (the header's count plus one).
        found: usize,
    },
    /// A quoted cell is not closed before the end of the line.
    UnclosedQuote {
        /// The 1-based column of the cell.
        cell: usize,
    },
}

/// One row: its cells' text in one buffer, and each cell's span in it; reused between rows.
#[derive(Debug, Default)]
pub struct Row {
    text: String,
    spans: Vec<Range<usize>>,
}

impl Row {
    /// Splits `line` at `sep` (outside double quotes; `""` is a quote inside a quoted cell),
    /// trimming each cell, keeping at most `max_cells` cells.
    ///
    /// # Errors
    ///
    /// [`SplitError::TooManyCells`] as soon as the line has more than `max_cells` cells, and
    /// [`SplitError::UnclosedQuote`].
    pub fn split(&mut self, line: &str, sep: u8, max_cells: usize) -> Result<(), SplitError> {
        self.text.clear();
        self.spans.clear();
        let mut quoted = false;
        let mut start = 0;
        let mut bytes = line.as_bytes().iter().copied().enumerate().peekable();
        // Runs of plain bytes are copied as slices, so multi-byte characters stay whole (the
        // separator and the quote are ASCII and never inside a UTF-8 sequence).
        let mut run = 0;
        while let Some((i, b)) = bytes.next() {
            if b == b'"' {
                self.text.push_str(line.get(run..i).unwrap_or_default());
                if quoted && bytes.peek().map(|&(_, b)| b) == Some(b'"') {
                    self.text.push('"');
                    bytes.next();
                    run = i + 2;
                } else {
                    quoted = !quoted;
                    run = i + 1;
                }
            } else if b == sep && !quoted {
                self.text.push_str(line.get(run..i).unwrap_or_default());
                run = i + 1;
                self.end_cell(start);
                if self.spans.len() >= max_cells {
                    return Err(SplitError::TooManyCells {
                        found: max_cells + 1,
                    });
                }
                start = self.text.len();
            }
        }
        if quoted {
            return Err(SplitError::UnclosedQuote {
                cell: self.spans.len() + 1,
            });
        }
        self.text.push_str(line.get(run..).unwrap_or_default());
        self.end_cell(start);
        Ok(())
    }

    fn end_cell(&mut self, start: usize) {
        let cell = self.text.get(start..).unwrap_or_default();
        let trimmed_start = start + (cell.len() - cell.trim_start().len());
        let end = start + cell.trim_end().len();
        self.spans.push(trimmed_start..end.max(trimmed_start));
    }

    /// Empties the row (a line that could not be split has no cells).
    pub fn clear(&mut self) {
        self.text.clear();
        self.spans.clear();
    }

    /// The number of cells.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// The cell at `index` (0-based), or `""` past the end (a short row has blank cells).
    pub fn cell(&self, index: usize) -> &str {
        self.spans
            .get(index)
            .and_then(|span| self.text.get(span.clone()))
            .unwrap_or_default()
    }

    /// Whether every cell is blank (`;;;` rows that spreadsheets leave at the end).
    pub fn is_blank(&self) -> bool {
        self.spans.iter().all(|s| s.is_empty())
    }
}

/// Writes one cell: quoted when it holds the separator, a quote, a line break or spaces at its
/// ends (which the reader would trim), with `""` for a quote.
pub fn write_cell(out: &mut impl Write, text: &str, sep: u8) -> io::Result<()> {
    let needs_quotes = text
        .bytes()
        .any(|b| b == sep || b == b'"' || b == b'\n' || b == b'\r')
        || text.starts_with(char::is_whitespace)
        || text.ends_with(char::is_whitespace);
    if !needs_quotes {
        return out.write_all(text.as_bytes());
    }
    out.write_all(b"\"")?;
    for (i, part) in text.split('"').enumerate() {
        if i > 0 {
            out.write_all(b"\"\"")?;
        }
        out.write_all(part.as_bytes())?;
    }
    out.write_all(b"\"")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn cells(line: &str, sep: u8) -> Vec<String> {
        let mut row = Row::default();
        row.split(line, sep, 100).unwrap();
        (0..row.len()).map(|i| row.cell(i).to_owned()).collect()
    }

    #[test]
    fn splits_quoted_fields() {
        assert_eq!(cells("a;\"b;c\";d", b';'), ["a", "b;c", "d"]);
        assert_eq!(cells("\"x\"\"y\",2", b','), ["x\"y", "2"]);
        assert_eq!(cells(" é , \"ü\" ,", b','), ["é", "ü", ""]);
        assert_eq!(cells("", b','), [""]);
        assert_eq!(cells("Zoë \"la\" Þ;1", b';'), ["Zoë la Þ", "1"]);
    }

    #[test]
    fn stops_at_the_header_width() {
        let mut row = Row::default();
        let line = ",".repeat(1_000_000);
        assert_eq!(
            row.split(&line, b',', 3),
            Err(SplitError::TooManyCells { found: 4 })
        );
        assert!(row.spans.capacity() < 100);
        assert_eq!(
            row.split("a,\"b", b',', 3),
            Err(SplitError::UnclosedQuote { cell: 2 })
        );
        row.split(" ; ;", b';', 3).unwrap();
        assert!(row.is_blank());
    }

    #[test]
    fn written_cells_read_back() {
        for text in ["plain", "a,b", "say \"hi\"", " lead", "x;y", "", "Zoé"] {
            for sep in [b',', b';'] {
                let mut out = Vec::new();
                write_cell(&mut out, text, sep).unwrap();
                let line = String::from_utf8(out).unwrap();
                assert_eq!(cells(&line, sep), [text.trim()], "{line}");
            }
        }
    }

    #[test]
    fn dialects() {
        let d = Dialect::of_header("employee;gross_monthly;hours_not_worked", false, false);
        assert!(d.decimal_comma());
        assert_eq!(d.number("553.70"), "553,70");
        let d = Dialect::of_header("employee,gross_monthly", true, true);
        assert_eq!(d.number("553.70"), "553.70");
        assert_eq!(d.eol(), b"\r\n");
    }
}
