//! A monthly claim (DI) read from CSV, as payroll exports and spreadsheets write it: the one
//! reader of the CLI (`apart claim`), Python and Node.
//!
//! # The format
//!
//! One header row naming the columns (the fields of [`EmployeeMonth`], listed by
//! [`input_columns`], spelled exactly, in any order), then one employee per row. The separator is
//! `,` or `;`, detected from the header ([`Dialect`]); with `;` numbers take a decimal comma,
//! as French spreadsheets write them. Cells may be double-quoted (`""` is a quote inside a
//! quoted cell) and are trimmed. Numbers may group thousands with spaces or no-break spaces
//! (`6 000,00`, `2 000 €` is refused: the unit is the column's). Options are spelled as
//! everywhere else (`droit_commun`, or `droit-commun` as on the command line; `Droit_Commun` is
//! `VALUE_UNKNOWN_VARIANT`, as in JSON), and column names are as exact as JSON fields. Blank rows
//! (`;;;`) are skipped, and so are the columns and the totals row that `apart claim --format
//! csv` writes ([`OUTPUT_COLUMNS`]): a claim written as CSV reads back as the same claim.
//!
//! A file is one record per line (no line break inside a quoted cell: payroll exports do not
//! write them, and it is what lets a refusal name its line).
//!
//! # Refusals
//!
//! A row that cannot be read gives a [`CsvError`] naming its line and, when one is at fault,
//! its column: the codes are those of [`ValueError`] (`VALUE_INVALID_DECIMAL` with
//! `field` = the column…), or of [`IndemnityError`] when the computation refuses the row, and
//! the line number is in the details. A refused row becomes a refused claim line, never an
//! error for the whole claim; only a header that cannot be read (an unknown or repeated
//! column, a header too long) or a file without rows stops the reading.
//!
//! # Bounded memory
//!
//! The reader takes the caller's [`BufRead`] (it never opens a file), keeps one line of at
//! most [`CsvSettings::max_line`] bytes (a longer one is refused by number, skipped without
//! being kept), splits it into one reused buffer and stops at the header's number of cells: a
//! line of millions of separators costs nothing more than its bytes. [`ClaimCsvReader`] gives
//! one row at a time, for callers that stream their output (the CLI); [`compute_claim_csv`]
//! reads and computes a whole claim into a [`ClaimOutcome`].
//!
//! ```
//! use apart::indemnity::claim_csv::{compute_claim_csv, CsvSettings};
//! use apart::indemnity::Options;
//! use apart::law::LawBook;
//!
//! let csv = "employee;gross_monthly;hours_not_worked\nA;3 000,00;70\nB;2000;abc\n";
//! let settings = CsvSettings { month: Some("2026-01".parse()?), ..CsvSettings::default() };
//! let claim = compute_claim_csv(LawBook::shared()?, csv.as_bytes(), &settings, &Options::default())?;
//! assert_eq!(claim.totals.employee_indemnity.to_string(), "830.90");
//! let refused = claim.lines[1].error.as_ref().unwrap();
//! assert_eq!(refused.code, "VALUE_INVALID_DECIMAL");
//! assert!(refused.messages.en.starts_with("line 3: invalid value for 'hours_not_worked'"));
//! assert_eq!(refused.detail("line").map(|l| l.to_string()).as_deref(), Some("3"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;
use std::io::{self, BufRead, Write};
use std::ops::Range;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{
    ClaimLine, ClaimOutcome, ClaimTotals, EmployeeMonth, IndemnityError, Options, Outcome,
};
use crate::calendar::Month;
use crate::diagnostic::{Detail, Diagnostic, Family, Lang, quote};
use crate::law::LawBook;
use crate::lines::{Line, LineError, Lines, line_label};
use crate::value::{ValueError, closest_field, from_json_value, shorten_list};

/// The longest line read by default, in bytes: a claim row is a few hundred bytes.
pub const MAX_LINE: usize = 64 * 1024;

/// How a file writes its rows and numbers.
///
/// # Example
///
/// ```
/// use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings, Dialect};
///
/// let csv = "\u{feff}employee;gross_monthly\r\nA;2000\r\n";
/// let reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
/// assert_eq!(reader.header().dialect(), Dialect { sep: b';', bom: true, crlf: true });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
    ///
    /// ```
    /// use apart::indemnity::claim_csv::Dialect;
    /// let d = Dialect::of_header("employee;gross_monthly;hours_not_worked", false, false);
    /// assert!(d.decimal_comma());
    /// assert_eq!(d.number("553.70"), "553,70");
    /// ```
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
    ///
    /// # Example
    ///
    /// ```
    /// use apart::indemnity::claim_csv::Dialect;
    ///
    /// assert!(Dialect::of_header("employee;gross_monthly", false, false).decimal_comma());
    /// assert!(!Dialect::of_header("employee,gross_monthly", false, false).decimal_comma());
    /// ```
    pub fn decimal_comma(self) -> bool {
        self.sep == b';'
    }

    /// A decimal number as this dialect writes it (`553.70` or `553,70`).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::indemnity::claim_csv::Dialect;
    ///
    /// let french = Dialect::of_header("employee;gross_monthly", false, false);
    /// assert_eq!(french.number("1199.71"), "1199,71");
    /// let plain = Dialect::of_header("employee,gross_monthly", false, false);
    /// assert_eq!(plain.number("1199.71"), "1199.71");
    /// ```
    pub fn number(self, text: &str) -> Cow<'_, str> {
        if self.decimal_comma() {
            Cow::Owned(text.replace('.', ","))
        } else {
            Cow::Borrowed(text)
        }
    }

    /// The line ending.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::indemnity::claim_csv::Dialect;
    ///
    /// assert_eq!(Dialect::of_header("employee;month", false, true).eol(), b"\r\n");
    /// assert_eq!(Dialect::of_header("employee;month", false, false).eol(), b"\n");
    /// ```
    pub fn eol(self) -> &'static [u8] {
        if self.crlf { b"\r\n" } else { b"\n" }
    }
}

/// Writes one cell so that this reader reads it back: quoted when it holds the separator, a
/// quote, a line break or spaces at its ends (which the reader would trim), with `""` for a
/// quote; after a `'` when a spreadsheet would run it as a formula (`=`, `+`, `-`, `@` first,
/// and not a number), which the reader takes away.
///
/// # Errors
///
/// The writer's.
///
/// ```
/// use apart::indemnity::claim_csv::write_cell;
/// let mut out = Vec::new();
/// write_cell(&mut out, "Durand; Paul", b';')?;
/// assert_eq!(out, b"\"Durand; Paul\"");
/// let mut out = Vec::new();
/// write_cell(&mut out, "=HYPERLINK(\"x\")", b';')?;
/// assert_eq!(out, b"\"'=HYPERLINK(\"\"x\"\")\"");
/// let mut out = Vec::new();
/// write_cell(&mut out, "-46,20", b';')?; // a number stays a number
/// assert_eq!(out, b"-46,20");
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_cell(out: &mut impl Write, text: &str, sep: u8) -> io::Result<()> {
    // A cell a spreadsheet would run as a formula (`=cmd|…`, `+1+1`, `@SUM(…)`) is written
    // after a `'`, which spreadsheets show as text; the reader takes the `'` away again.
    // Judged on the trimmed text, which is what the reader keeps.
    let guarded;
    let text = if looks_like_formula(text.trim()) {
        guarded = format!("'{}", text.trim());
        guarded.as_str()
    } else {
        text
    };
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

/// Whether a spreadsheet would read `text` as a formula (CSV injection, OWASP): after any
/// leading `'`, it starts with `=`, `+`, `-` or `@` and is not a plain number (`-46,20` stays a
/// number). A text with a leading `'` counts, so that writing and reading give it back whole.
fn looks_like_formula(text: &str) -> bool {
    let rest = text.trim_start_matches('\'');
    let Some(first) = rest.bytes().next() else {
        return false;
    };
    if !matches!(first, b'=' | b'+' | b'-' | b'@') {
        return false;
    }
    let digits = rest.get(1..).unwrap_or_default();
    let plain_number = first != b'='
        && first != b'@'
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}'));
    !plain_number
}

/// Why a row could not be split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SplitError {
    /// More cells than the header has.
    TooManyCells,
    /// A quoted cell is not closed before the end of the line (its 1-based column).
    UnclosedQuote(usize),
}

/// The cells of one row: their text in one buffer, and each cell's span in it; reused from
/// row to row.
///
/// # Example
///
/// ```
/// use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
///
/// let csv = "employee;gross_monthly;hours_not_worked\n\"Durand; Paul\" ; 3 000,00 ;70\n";
/// let settings = CsvSettings::with_month(Some("2026-01".parse()?));
/// let mut reader = ClaimCsvReader::new(csv.as_bytes(), &settings)?;
/// let row = reader.next_row()?.ok_or("no row")?;
/// let cells = row.cells();
/// assert_eq!([cells.cell(0), cells.cell(1), cells.cell(2)], ["Durand; Paul", "3 000,00", "70"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Default)]
pub struct Cells {
    text: String,
    spans: Vec<Range<usize>>,
}

impl Cells {
    /// Splits `line` at `sep` (outside double quotes; `""` is a quote inside a quoted cell),
    /// trimming each cell, keeping at most `max_cells` cells.
    fn split(&mut self, line: &str, sep: u8, max_cells: usize) -> Result<(), SplitError> {
        self.clear();
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
                    return Err(SplitError::TooManyCells);
                }
                start = self.text.len();
            }
        }
        if quoted {
            return Err(SplitError::UnclosedQuote(self.spans.len() + 1));
        }
        self.text.push_str(line.get(run..).unwrap_or_default());
        self.end_cell(start);
        Ok(())
    }

    fn end_cell(&mut self, start: usize) {
        let cell = self.text.get(start..).unwrap_or_default();
        let trimmed_start = start + (cell.len() - cell.trim_start().len());
        let end = start + cell.trim_end().len();
        // A `'` the writer put before a formula-like text (see `write_cell`) is not part of it.
        let unguarded = self
            .text
            .get(trimmed_start..end)
            .is_some_and(|c| c.starts_with('\'') && looks_like_formula(c));
        let trimmed_start = trimmed_start + usize::from(unguarded);
        self.spans.push(trimmed_start..end.max(trimmed_start));
    }

    fn clear(&mut self) {
        self.text.clear();
        self.spans.clear();
    }

    /// The number of cells (0 for a line that could not be split).
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
    /// let csv = "employee,month,gross_monthly,hours_not_worked\nA,2026-01,2000,70\nB,2026-01\n";
    /// let mut reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
    /// assert_eq!(reader.next_row()?.ok_or("no row")?.cells().len(), 4);
    /// assert_eq!(reader.next_row()?.ok_or("no row")?.cells().len(), 2); // a short row
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether the row has no cell (a line that could not be split).
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
    /// use apart::Diagnostic;
    ///
    /// let csv = "employee,month,gross_monthly,hours_not_worked\n\"A,2026-01,2000,70\n";
    /// let mut reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
    /// let row = reader.next_row()?.ok_or("no row")?;
    /// assert!(row.cells().is_empty());
    /// assert_eq!(row.input().unwrap_err().code(), "INPUT_MALFORMED"); // unclosed quote
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The cell at `index` (0-based), trimmed and unquoted, or `""` past the end (a short row
    /// has blank cells).
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
    /// let csv = "employee;month;gross_monthly;hours_not_worked\n\"Durand \"\"Paul\"\"\";2026-01\n";
    /// let mut reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
    /// let row = reader.next_row()?.ok_or("no row")?;
    /// assert_eq!(row.cells().cell(0), "Durand \"Paul\"");
    /// assert_eq!(row.cells().cell(3), ""); // past the end of a short row
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cell(&self, index: usize) -> &str {
        self.spans
            .get(index)
            .and_then(|span| self.text.get(span.clone()))
            .unwrap_or_default()
    }

    /// Whether every cell is blank (`;;;` rows that spreadsheets leave at the end).
    fn is_blank(&self) -> bool {
        self.spans.iter().all(|s| s.is_empty())
    }
}

/// What a column holds: how its cells are normalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Free text.
    Text,
    /// `YYYY-MM`.
    Month,
    /// `YYYY-MM-DD`.
    Date,
    /// Euros, hours or days: thousands separators dropped, a decimal comma made a point.
    Number,
    /// One of a list of spellings.
    Choice,
    /// A whole number (months): read as a JSON integer.
    Count,
    /// `true` / `false` (also `1`/`0`, `oui`/`non`, `yes`/`no`).
    Flag,
}

/// The input columns: the serde fields of [`EmployeeMonth`] (a test checks that they match),
/// and what each holds.
const COLUMNS: &[(&str, Kind)] = &[
    ("employee", Kind::Text),
    ("month", Kind::Month),
    ("gross_monthly", Kind::Number),
    ("hours_not_worked", Kind::Number),
    ("days_not_worked", Kind::Number),
    ("contract_hours", Kind::Number),
    ("variable_pay_average", Kind::Number),
    ("regime", Kind::Choice),
    ("category", Kind::Choice),
    ("territory", Kind::Choice),
    ("overtime", Kind::Choice),
    ("apld_majorated_by", Kind::Choice),
    ("training_hours", Kind::Number),
    ("net_hourly_pay", Kind::Number),
    ("hours_used_this_year", Kind::Number),
    ("net_pay_worked", Kind::Number),
    ("rmm_net", Kind::Number),
    ("apld_period_months", Kind::Count),
    ("apld_hours_used", Kind::Number),
    ("apld_months_used", Kind::Count),
    ("apld_exceptional_reduction", Kind::Flag),
    ("complement_rate", Kind::Number),
    ("complement_amount", Kind::Number),
    ("hours_date", Kind::Date),
];

/// The columns a claim reads: the fields of [`EmployeeMonth`].
///
/// ```
/// let columns: Vec<&str> = apart::indemnity::claim_csv::input_columns().collect();
/// assert!(columns.contains(&"gross_monthly"));
/// ```
pub fn input_columns() -> impl Iterator<Item = &'static str> {
    COLUMNS.iter().map(|(name, _)| *name)
}

/// The columns `apart claim --format csv` adds after the input's: computed, so ignored on input
/// (which is what lets a claim written as CSV be read back).
pub const OUTPUT_COLUMNS: &[&str] = &[
    "line",
    "status",
    "hourly_reference",
    "employee_hourly_indemnity",
    "hours_compensated",
    "employee_indemnity",
    "rmm_complement",
    "employer_hourly_allocation",
    "hours_allocated",
    "employer_allocation",
    "rest_payable_by_employer",
    "csg_crds",
    "error_code",
    "error_message",
];

/// The `status` of the totals row of a claim written as CSV (such a row is skipped on input).
pub const TOTAL_STATUS: &str = "total";

/// What a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    /// An input column (its index in [`COLUMNS`]).
    Input(usize),
    /// A column of [`OUTPUT_COLUMNS`], ignored on input.
    Output(usize),
}

/// What each name of a header names, in order: a name that is neither an input column nor one of
/// [`OUTPUT_COLUMNS`], or a column named twice, is refused.
fn header_columns<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<Vec<Col>, CsvError> {
    let mut cols = Vec::new();
    for name in names {
        let col = if let Some(c) = COLUMNS.iter().position(|(n, _)| *n == name) {
            Col::Input(c)
        } else if let Some(c) = OUTPUT_COLUMNS.iter().position(|n| *n == name) {
            Col::Output(c)
        } else {
            return Err(CsvError::UnknownColumn {
                column: quote(name),
                expected: input_columns().collect::<Vec<_>>().join(", "),
            });
        };
        if cols.contains(&col) {
            let column = name.to_owned();
            return Err(CsvError::DuplicateColumn { column });
        }
        cols.push(col);
    }
    Ok(cols)
}

/// The input columns of a header given as its names (a table's columns), checked as the header
/// of a CSV claim is: `(position, name)` of each input column, those of [`OUTPUT_COLUMNS`]
/// skipped.
///
/// # Errors
///
/// [`CsvError::UnknownColumn`] for a name that is no column, [`CsvError::DuplicateColumn`] for
/// a column named twice.
///
/// ```
/// use apart::indemnity::claim_csv::header_inputs;
/// let inputs = header_inputs(["employee", "status", "gross_monthly"])?;
/// assert_eq!(inputs, [(0, "employee"), (2, "gross_monthly")]);
/// assert!(header_inputs(["employee", "gross"]).is_err());
/// assert!(header_inputs(["employee", "employee"]).is_err());
/// # Ok::<(), apart::indemnity::claim_csv::CsvError>(())
/// ```
pub fn header_inputs<'a>(
    names: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<(usize, &'static str)>, CsvError> {
    let cols = header_columns(names)?;
    let input = |(i, col)| match col {
        Col::Input(c) => COLUMNS.get(c).map(|(name, _)| (i, *name)),
        Col::Output(_) => None,
    };
    Ok(cols.into_iter().enumerate().filter_map(input).collect())
}

/// The header of a claim: the dialect and what each cell position holds.
///
/// # Example
///
/// ```
/// use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
///
/// // A claim written by `apart claim --format csv` has output columns such as `status`.
/// let csv = "employee;gross_monthly;status\n";
/// let reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
/// let header = reader.header();
/// assert_eq!(header.input("gross_monthly"), Some(1));
/// assert_eq!((header.name(2), header.input_at(2)), (Some("status"), None));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Header {
    cols: Vec<Col>,
    names: Vec<String>,
    dialect: Dialect,
}

impl Header {
    /// Reads a header line (without its byte order mark): the columns, spelled as the fields.
    fn parse(line: &str, number: u64, bom: bool, crlf: bool) -> Result<Header, CsvError> {
        let dialect = Dialect::of_header(line, bom, crlf);
        let mut cells = Cells::default();
        let width = COLUMNS.len() + OUTPUT_COLUMNS.len();
        match cells.split(line, dialect.sep, width) {
            Ok(()) => {}
            Err(SplitError::TooManyCells) => {
                return Err(CsvError::TooManyCells {
                    line: number,
                    header: width,
                });
            }
            Err(SplitError::UnclosedQuote(cell)) => {
                return Err(CsvError::UnclosedQuote { line: number, cell });
            }
        }
        let names: Vec<String> = (0..cells.len()).map(|i| cells.cell(i).to_owned()).collect();
        let cols = header_columns(names.iter().map(String::as_str))?;
        Ok(Header {
            cols,
            names,
            dialect,
        })
    }

    /// The file's dialect.
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
    /// # let csv = "employee;gross_monthly;status\n";
    /// # let reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
    /// let dialect = reader.header().dialect(); // of "employee;gross_monthly;status"
    /// assert_eq!(dialect.sep, b';');
    /// assert!(dialect.decimal_comma());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The number of columns.
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
    /// # let csv = "employee;gross_monthly;status\n";
    /// # let reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
    /// assert_eq!(reader.header().len(), 3); // "employee;gross_monthly;status"
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.cols.len()
    }

    /// Whether the header has no column (never: a header has at least one cell).
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
    /// let reader = ClaimCsvReader::new(&b"\n\nemployee\n"[..], &CsvSettings::default())?;
    /// assert!(!reader.header().is_empty()); // blank lines before the header are skipped
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.cols.is_empty()
    }

    /// The name of the column at `index`.
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
    /// # let csv = "employee;gross_monthly;status\n";
    /// # let reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
    /// let header = reader.header(); // of "employee;gross_monthly;status"
    /// assert_eq!(header.name(0), Some("employee"));
    /// assert_eq!(header.name(2), Some("status"));
    /// assert_eq!(header.name(3), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn name(&self, index: usize) -> Option<&str> {
        self.names.get(index).map(String::as_str)
    }

    /// The input column at `index` ([`input_columns`]), or `None` for a column of
    /// [`OUTPUT_COLUMNS`] (or past the end).
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
    /// # let csv = "employee;gross_monthly;status\n";
    /// # let reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
    /// let header = reader.header(); // of "employee;gross_monthly;status"
    /// assert_eq!(header.input_at(1), Some("gross_monthly"));
    /// assert_eq!(header.input_at(2), None); // `status` is an output column
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn input_at(&self, index: usize) -> Option<&'static str> {
        match self.cols.get(index) {
            Some(Col::Input(c)) => COLUMNS.get(*c).map(|(name, _)| *name),
            _ => None,
        }
    }

    /// The position of the input column `name`, when the file has it.
    ///
    /// ```
    /// use apart::indemnity::claim_csv::ClaimCsvReader;
    /// let reader = ClaimCsvReader::new(&b"employee;gross_monthly\nA;1\n"[..], &Default::default())?;
    /// assert_eq!(reader.header().input("gross_monthly"), Some(1));
    /// assert_eq!(reader.header().input("month"), None);
    /// # Ok::<(), apart::indemnity::claim_csv::ReadError>(())
    /// ```
    pub fn input(&self, name: &str) -> Option<usize> {
        let c = COLUMNS.iter().position(|(n, _)| *n == name)?;
        self.cols.iter().position(|&col| col == Col::Input(c))
    }

    /// Whether `cells` is the totals row of a claim written as CSV.
    fn is_totals(&self, cells: &Cells) -> bool {
        let status = OUTPUT_COLUMNS.iter().position(|n| *n == "status");
        status
            .and_then(|s| self.cols.iter().position(|&c| c == Col::Output(s)))
            .is_some_and(|i| cells.cell(i) == TOTAL_STATUS)
    }
}

/// Why a claim, or one of its rows, cannot be read. Family and code are those of the error
/// inside ([`ValueError`]'s codes, family `input`, for every fault of reading; an
/// [`IndemnityError`] when the computation refuses a row); the details add `line`.
///
/// # Example
///
/// ```
/// use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
/// use apart::{Diagnostic, Lang};
///
/// let csv = "employee,month,gross_monthly,hours_not_worked\nA,2026-01,2000,abc\n";
/// let mut reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
/// let row = reader.next_row()?.ok_or("no row")?;
/// let err = row.input().unwrap_err();
/// assert_eq!(err.code(), "VALUE_INVALID_DECIMAL");
/// assert_eq!((err.line(), err.column()), (Some(2), Some("hours_not_worked")));
/// assert!(err.message(Lang::En).starts_with("line 2: invalid value for 'hours_not_worked'"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CsvError {
    /// A line too long, or not UTF-8.
    Line(LineError),
    /// A row has more cells than the header (`INPUT_MALFORMED`).
    TooManyCells {
        /// Its number.
        line: u64,
        /// The header's cells.
        header: usize,
    },
    /// A quoted cell is not closed on its line (`INPUT_MALFORMED`).
    UnclosedQuote {
        /// Its number.
        line: u64,
        /// The 1-based column of the cell.
        cell: usize,
    },
    /// The header names a column a claim does not have (`INPUT_UNKNOWN_FIELD`).
    UnknownColumn {
        /// The column as written (short quote).
        column: String,
        /// The columns a claim has.
        expected: String,
    },
    /// The header names a column twice (`INPUT_MALFORMED`).
    DuplicateColumn {
        /// The column.
        column: String,
    },
    /// A row has no month, and the settings give none (`INPUT_MISSING_FIELD`, field `month`).
    NoMonth {
        /// Its number.
        line: u64,
    },
    /// The input has no row (`INPUT_MALFORMED`).
    NoRows,
    /// A cell cannot be read: the core's error, its `field` the column.
    Cell {
        /// The row's number.
        line: u64,
        /// The column at fault, when one is.
        column: Option<&'static str>,
        /// The error.
        error: ValueError,
    },
    /// The row was read and the computation refused it (or its month is not the claim's).
    Refused {
        /// The row's number.
        line: u64,
        /// The column at fault, when one is.
        column: Option<&'static str>,
        /// The error.
        error: IndemnityError,
    },
}

impl CsvError {
    /// The line at fault, when there is one.
    ///
    /// ```
    /// use apart::indemnity::claim_csv::CsvError;
    /// assert_eq!(CsvError::NoMonth { line: 4 }.line(), Some(4));
    /// ```
    pub fn line(&self) -> Option<u64> {
        match self {
            CsvError::Line(e) => Some(e.line()),
            CsvError::TooManyCells { line, .. }
            | CsvError::UnclosedQuote { line, .. }
            | CsvError::NoMonth { line }
            | CsvError::Cell { line, .. }
            | CsvError::Refused { line, .. } => Some(*line),
            CsvError::UnknownColumn { .. }
            | CsvError::DuplicateColumn { .. }
            | CsvError::NoRows => None,
        }
    }

    /// The column at fault, when one is.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::indemnity::claim_csv::{ClaimCsvReader, CsvError, CsvSettings, ReadError};
    ///
    /// let err = ClaimCsvReader::new(&b"employee;employee\n"[..], &CsvSettings::default()).unwrap_err();
    /// let ReadError::Csv(err) = err else { panic!("{err}") };
    /// assert_eq!(err.column(), Some("employee")); // named twice
    /// assert_eq!(CsvError::NoMonth { line: 2 }.column(), Some("month"));
    /// assert_eq!(CsvError::NoRows.column(), None);
    /// ```
    pub fn column(&self) -> Option<&str> {
        match self {
            CsvError::Cell { column, .. } | CsvError::Refused { column, .. } => *column,
            CsvError::UnknownColumn { column, .. } | CsvError::DuplicateColumn { column } => {
                Some(column)
            }
            CsvError::NoMonth { .. } => Some("month"),
            _ => None,
        }
    }

    /// Runs `f` on the error inside, whose code, family and fields this error has.
    fn with_inner<T>(&self, f: impl FnOnce(&dyn Diagnostic) -> T) -> T {
        let malformed = |field: Option<String>, reason: &str| ValueError::Malformed {
            field,
            reason: reason.to_owned(),
        };
        match self {
            CsvError::Line(e) => f(e),
            CsvError::Cell { error, .. } => f(error),
            CsvError::Refused { error, .. } => f(error),
            CsvError::TooManyCells { .. } => f(&malformed(None, "more cells than the header")),
            CsvError::UnclosedQuote { .. } => f(&malformed(None, "unclosed quote")),
            CsvError::UnknownColumn { column, expected } => f(&ValueError::UnknownField {
                field: Some(column.clone()),
                expected: expected.clone(),
            }),
            CsvError::DuplicateColumn { column } => {
                f(&malformed(Some(column.clone()), "duplicate column"))
            }
            CsvError::NoMonth { .. } => f(&ValueError::MissingField {
                field: Some("month".to_owned()),
            }),
            CsvError::NoRows => f(&malformed(None, "no rows")),
        }
    }
}

impl Diagnostic for CsvError {
    fn code(&self) -> &'static str {
        self.with_inner(|e| e.code())
    }

    fn family(&self) -> Family {
        self.with_inner(|e| e.family())
    }

    fn message(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        match self {
            CsvError::Line(e) => e.message(lang),
            CsvError::TooManyCells { line, header } => {
                let line = line_label(lang, *line);
                if en {
                    format!("{line}: more cells than the {header} columns of the header")
                } else {
                    format!("{line} : plus de cellules que les {header} colonnes de l'en-tête")
                }
            }
            CsvError::UnclosedQuote { line, cell } => {
                let line = line_label(lang, *line);
                if en {
                    format!("{line}: the quote opened in cell {cell} is not closed")
                } else {
                    format!("{line} : le guillemet ouvert dans la cellule {cell} n'est pas fermé")
                }
            }
            // As an unknown JSON field: the nearest column, else a short list (the whole list
            // is in the details), so that a long escaped quote and 24 columns stay a sentence.
            CsvError::UnknownColumn { column, expected } => {
                match (closest_field(column, expected), en) {
                    (Some(near), true) => {
                        format!("unknown column « {column} » (did you mean « {near} »?)")
                    }
                    (Some(near), false) => {
                        format!("colonne inconnue « {column} » (vouliez-vous dire « {near} » ?)")
                    }
                    (None, true) => format!(
                        "unknown column « {column} » (expected: {})",
                        shorten_list(expected)
                    ),
                    (None, false) => format!(
                        "colonne inconnue « {column} » (attendu : {})",
                        shorten_list(expected)
                    ),
                }
            }
            CsvError::DuplicateColumn { column } => {
                if en {
                    format!("column « {column} » appears twice in the header")
                } else {
                    format!("la colonne « {column} » apparaît deux fois dans l'en-tête")
                }
            }
            CsvError::NoMonth { line } => {
                let line = line_label(lang, *line);
                if en {
                    format!(
                        "{line}: no month: add a month column or give --month (e.g. --month 2026-01)"
                    )
                } else {
                    format!(
                        "{line} : pas de mois : ajoutez une colonne month ou donnez --month (par exemple --month 2026-01)"
                    )
                }
            }
            CsvError::NoRows => {
                if en {
                    "no rows".to_owned()
                } else {
                    "aucune ligne".to_owned()
                }
            }
            CsvError::Cell { line, column, .. } | CsvError::Refused { line, column, .. } => {
                let message = self.with_inner(|e| e.message(lang));
                let label = line_label(lang, *line);
                // The column is named once: the inner message may already name it.
                let place = match column.filter(|c| !message.contains(c)) {
                    Some(column) if en => format!("{label}, column {column}"),
                    Some(column) => format!("{label}, colonne {column}"),
                    None => label,
                };
                if en {
                    format!("{place}: {message}")
                } else {
                    format!("{place} : {message}")
                }
            }
        }
    }

    fn details(&self) -> Vec<Detail> {
        let mut details = self.with_inner(|e| e.details());
        if let Some(column) = self.column() {
            if !details.iter().any(|(k, _)| *k == "field") {
                details.push(("field", column.into()));
            }
        }
        if let Some(line) = self.line() {
            if !details.iter().any(|(k, _)| *k == "line") {
                details.push(("line", line.into()));
            }
        }
        details
    }
}

impl std::fmt::Display for CsvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::Fr))
    }
}

impl std::error::Error for CsvError {}

impl From<LineError> for CsvError {
    fn from(e: LineError) -> Self {
        CsvError::Line(e)
    }
}

/// Why reading stopped: the caller's reader (or hook) failed, or the claim cannot be read at
/// all (its header, or no row).
///
/// # Example
///
/// ```
/// use apart::indemnity::claim_csv::{ClaimCsvReader, CsvError, CsvSettings, ReadError};
/// use apart::Diagnostic;
///
/// let err = ClaimCsvReader::new(&b"\n \n"[..], &CsvSettings::default()).unwrap_err();
/// let ReadError::Csv(err) = err else { panic!("{err}") };
/// assert_eq!(*err, CsvError::NoRows);
/// assert_eq!((err.code(), err.to_string()), ("INPUT_MALFORMED", "aucune ligne".to_owned()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum ReadError {
    /// The reader, or the hook run before waiting for input, failed.
    Io(io::Error),
    /// The claim cannot be read: [`CsvError::NoRows`], or an error of the header.
    Csv(Box<CsvError>),
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

impl From<CsvError> for ReadError {
    fn from(e: CsvError) -> Self {
        ReadError::Csv(Box::new(e))
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => e.fmt(f),
            ReadError::Csv(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReadError::Io(e) => Some(e),
            ReadError::Csv(e) => Some(e.as_ref()),
        }
    }
}

/// How to read a claim. A record too (`{"month": "2026-01", "max_line": 65536}`, both
/// optional, unknown fields refused), so that the bindings take it as the CLI takes `--month`.
///
/// # Example
///
/// ```
/// use apart::indemnity::claim_csv::{CsvSettings, MAX_LINE};
/// use apart::value::from_json;
/// use apart::Diagnostic;
///
/// let settings: CsvSettings = from_json(r#"{"month": "2026-01"}"#)?;
/// assert_eq!(settings, CsvSettings::with_month(Some("2026-01".parse()?)));
/// assert_eq!(settings.max_line, MAX_LINE);
/// let err = from_json::<CsvSettings>(r#"{"mois": "2026-01"}"#).unwrap_err();
/// assert_eq!(err.code(), "INPUT_UNKNOWN_FIELD");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields, default)]
pub struct CsvSettings {
    /// The month of rows without a `month` column (the CLI's `--month`); when given, it is also
    /// the claim's month, and a row of another month is refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub month: Option<Month>,
    /// The longest line kept, in bytes ([`MAX_LINE`] by default); a longer one is refused.
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub max_line: usize,
}

impl Default for CsvSettings {
    fn default() -> Self {
        CsvSettings {
            month: None,
            max_line: MAX_LINE,
        }
    }
}

impl CsvSettings {
    /// The default settings with `month` for rows that have none.
    ///
    /// ```
    /// let s = apart::indemnity::claim_csv::CsvSettings::with_month(Some("2026-01".parse()?));
    /// assert_eq!(s.month.map(|m| m.to_string()).as_deref(), Some("2026-01"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_month(month: Option<Month>) -> CsvSettings {
        CsvSettings {
            month,
            ..CsvSettings::default()
        }
    }
}

/// Reads a claim one row at a time from the caller's reader, in bounded memory.
///
/// ```
/// use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
/// use apart::indemnity::{ClaimTotals, Options};
/// use apart::law::LawBook;
/// use apart::{Diagnostic, Lang};
///
/// let csv = "employee,month,gross_monthly,hours_not_worked\nA,2026-01,2000,70\nB,2026-01,2000,1e3\n";
/// let mut reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
/// let mut totals = ClaimTotals::default();
/// while let Some(row) = reader.next_row()? {
///     let result = row.compute(LawBook::shared().unwrap(), &Options::default());
///     let line = row.claim_line(result, &mut totals);
///     println!("{} {:?}", row.line(), line.error_code());
/// }
/// assert_eq!((totals.employees, totals.employees_refused), (1, 1));
/// assert_eq!(reader.claim_month().map(|m| m.to_string()).as_deref(), Some("2026-01"));
/// # Ok::<(), apart::indemnity::claim_csv::ReadError>(())
/// ```
#[derive(Debug)]
pub struct ClaimCsvReader<R> {
    lines: Lines<R>,
    header: Header,
    cells: Cells,
    settings: CsvSettings,
    claim_month: Option<Month>,
    rows: usize,
}

impl<R: BufRead> ClaimCsvReader<R> {
    /// Reads the header (blank lines before it are skipped).
    ///
    /// # Errors
    ///
    /// [`ReadError::Io`] from the reader; [`ReadError::Csv`] with [`CsvError::NoRows`] for an
    /// input without a header, or the header's error (an unknown or repeated column, a line too
    /// long or not UTF-8).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings, ReadError};
    /// use apart::Diagnostic;
    ///
    /// let reader = ClaimCsvReader::new(&b"\nemployee,gross_monthly\n"[..], &CsvSettings::default())?;
    /// assert_eq!(reader.header().input("gross_monthly"), Some(1));
    /// let err = ClaimCsvReader::new(&b"employee,gros\n"[..], &CsvSettings::default()).unwrap_err();
    /// let ReadError::Csv(err) = err else { panic!("{err}") };
    /// assert_eq!(err.code(), "INPUT_UNKNOWN_FIELD");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(input: R, settings: &CsvSettings) -> Result<Self, ReadError> {
        Self::new_with(input, settings, &mut || Ok(()))
    }

    /// As [`ClaimCsvReader::new`], running `before_wait` whenever the reader's buffer is used up
    /// (a command flushes its output there, so that a pipe gets each answer before the next row
    /// is read).
    ///
    /// # Errors
    ///
    /// As [`ClaimCsvReader::new`], and `before_wait`'s.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
    ///
    /// let mut waits = 0;
    /// let csv = "employee,month,gross_monthly,hours_not_worked\nA,2026-01,2000,70\n";
    /// let mut flush = || { waits += 1; Ok(()) };
    /// let reader = ClaimCsvReader::new_with(csv.as_bytes(), &CsvSettings::default(), &mut flush)?;
    /// assert_eq!(reader.header().len(), 4);
    /// assert_eq!(waits, 1); // before the first read: the slice is one buffer
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new_with(
        input: R,
        settings: &CsvSettings,
        before_wait: &mut dyn FnMut() -> io::Result<()>,
    ) -> Result<Self, ReadError> {
        let mut lines = Lines::new(input, settings.max_line);
        let header = loop {
            let number = lines.number() + 1;
            let Some(line) = lines.next_line_with(before_wait)? else {
                return Err(CsvError::NoRows.into());
            };
            let text = line
                .text(number, settings.max_line)
                .map_err(CsvError::Line)?;
            let bom = text.starts_with('\u{feff}');
            let text = text.trim_start_matches('\u{feff}');
            if !text.trim().is_empty() {
                let text = text.to_owned();
                break Header::parse(&text, number, bom, lines.crlf())?;
            }
        };
        Ok(ClaimCsvReader {
            lines,
            header,
            cells: Cells::default(),
            settings: *settings,
            claim_month: settings.month,
            rows: 0,
        })
    }

    /// The header.
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
    /// # let csv = "employee,month,gross_monthly,hours_not_worked\nA,2026-01,2000,70\n";
    /// # let mut reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
    /// let header = reader.header(); // of "employee,month,gross_monthly,hours_not_worked"
    /// assert_eq!(header.input("hours_not_worked"), Some(3));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The claim's month: the settings', else the first month read from a row.
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
    /// # let csv = "employee,month,gross_monthly,hours_not_worked\nA,2026-01,2000,70\n";
    /// # let mut reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
    /// // A claim whose rows have a month column, and no month in the settings.
    /// assert_eq!(reader.claim_month(), None);
    /// reader.next_row()?;
    /// assert_eq!(reader.claim_month(), Some("2026-01".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn claim_month(&self) -> Option<Month> {
        self.claim_month
    }

    /// The bytes read so far, line endings included (for a progress bar).
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
    /// # let csv = "employee,month,gross_monthly,hours_not_worked\nA,2026-01,2000,70\n";
    /// # let mut reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
    /// assert_eq!(reader.bytes_read(), 46); // the header line
    /// while reader.next_row()?.is_some() {}
    /// assert_eq!(reader.bytes_read(), csv.len() as u64);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn bytes_read(&self) -> u64 {
        self.lines.bytes()
    }

    /// The rows given so far.
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
    /// let csv = "employee,month,gross_monthly,hours_not_worked\nA,2026-01,2000,70\n,,,\nB,2026-01,2000,70\n";
    /// let mut reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
    /// while reader.next_row()?.is_some() {}
    /// assert_eq!(reader.rows(), 2); // the blank row is skipped
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The next row (blank rows and the totals row of a claim written as CSV are skipped), or
    /// `None` at the end.
    ///
    /// # Errors
    ///
    /// The reader's; a row that cannot be read is not an error here but a row whose
    /// [`CsvRow::input`] is the [`CsvError`].
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
    /// let csv = "employee,month,gross_monthly,hours_not_worked\nA,2026-01,2000,70\n,,,\nB,2026-01,2000,abc\n";
    /// let mut reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
    /// let row = reader.next_row()?.ok_or("no row")?;
    /// assert!(row.input().is_ok());
    /// let row = reader.next_row()?.ok_or("no row")?; // line 3 is blank: skipped
    /// assert_eq!(row.line(), 4);
    /// assert!(row.input().is_err()); // a refused row, not an error of the reader
    /// assert!(reader.next_row()?.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn next_row(&mut self) -> io::Result<Option<CsvRow<'_>>> {
        self.next_row_with(&mut || Ok(()))
    }

    /// As [`ClaimCsvReader::next_row`], running `before_wait` whenever the reader's buffer is
    /// used up.
    ///
    /// # Errors
    ///
    /// The reader's, or `before_wait`'s.
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
    /// # let csv = "employee,month,gross_monthly,hours_not_worked\nA,2026-01,2000,70\n";
    /// # let mut reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
    /// let mut waits = 0;
    /// let mut flush = || { waits += 1; Ok(()) };
    /// while let Some(row) = reader.next_row_with(&mut flush)? {
    ///     assert_eq!(row.employee(), Some("A"));
    /// }
    /// assert_eq!(waits, 1); // once the slice is used up, before finding its end
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn next_row_with(
        &mut self,
        before_wait: &mut dyn FnMut() -> io::Result<()>,
    ) -> io::Result<Option<CsvRow<'_>>> {
        loop {
            let number = self.lines.number() + 1;
            let Some(line) = self.lines.next_line_with(before_wait)? else {
                return Ok(None);
            };
            let input = match split_row(
                &line,
                number,
                &self.header,
                &mut self.cells,
                self.settings.max_line,
            ) {
                Ok(()) if self.cells.is_blank() || self.header.is_totals(&self.cells) => continue,
                Ok(()) => employee_month(
                    &self.header,
                    &self.cells,
                    number,
                    self.settings.month,
                    &mut self.claim_month,
                ),
                Err(e) => {
                    self.cells.clear();
                    Err(e)
                }
            };
            let index = self.rows;
            self.rows += 1;
            return Ok(Some(CsvRow {
                line: number,
                index,
                input,
                cells: &self.cells,
                header: &self.header,
            }));
        }
    }
}

/// Splits one line into `cells`.
fn split_row(
    line: &Line<'_>,
    number: u64,
    header: &Header,
    cells: &mut Cells,
    max_line: usize,
) -> Result<(), CsvError> {
    let text = line.text(number, max_line)?;
    cells
        .split(text, header.dialect.sep, header.len())
        .map_err(|e| match e {
            SplitError::TooManyCells => CsvError::TooManyCells {
                line: number,
                header: header.len(),
            },
            SplitError::UnclosedQuote(cell) => CsvError::UnclosedQuote { line: number, cell },
        })
}

/// A cell as the core reads it: thousands separators dropped from numbers, a decimal comma
/// made a point in the `;` dialect. Options are read as they are spelled (the core accepts
/// `snake_case` and `kebab-case`, nothing else, in every front end).
fn normalise(cell: &str, kind: Kind, dialect: Dialect) -> String {
    match kind {
        Kind::Number => {
            let mut value: String = cell
                .chars()
                .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
                .collect();
            if dialect.decimal_comma() {
                value = value.replace(',', ".");
            }
            value
        }
        Kind::Text | Kind::Choice | Kind::Month | Kind::Date | Kind::Count | Kind::Flag => {
            cell.to_owned()
        }
    }
}

/// A cell as a JSON value: integers and flags as JSON numbers and booleans (a cell that is
/// neither stays text, and the core's reader names the column).
fn cell_value(cell: &str, kind: Kind, dialect: Dialect) -> Value {
    let text = normalise(cell, kind, dialect);
    match kind {
        Kind::Count => text
            .trim()
            .parse::<u32>()
            .map_or(Value::String(text), Value::from),
        Kind::Flag => match text.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "oui" | "yes" => Value::Bool(true),
            "false" | "0" | "non" | "no" => Value::Bool(false),
            _ => Value::String(text),
        },
        _ => Value::String(text),
    }
}

/// The column named by an error's `field`, when it is one.
fn column_of(details: Vec<Detail>) -> Option<&'static str> {
    details.into_iter().find_map(|(key, value)| {
        let value = value.to_string();
        (key == "field")
            .then(|| input_columns().find(|name| *name == value))
            .flatten()
    })
}

/// Reads one row's cells into the core's input, through the same reader as JSON (so the error
/// names the column as its `field`), and checks its month against the claim's.
fn employee_month(
    header: &Header,
    cells: &Cells,
    number: u64,
    default_month: Option<Month>,
    claim_month: &mut Option<Month>,
) -> Result<EmployeeMonth, CsvError> {
    let mut map = Map::new();
    for (i, col) in header.cols.iter().enumerate() {
        let (Col::Input(c), cell) = (col, cells.cell(i)) else {
            continue;
        };
        let Some(&(name, kind)) = COLUMNS.get(*c) else {
            continue;
        };
        if !cell.is_empty() {
            map.insert(name.to_owned(), cell_value(cell, kind, header.dialect));
        }
    }
    if !map.contains_key("month") {
        let month = default_month.ok_or(CsvError::NoMonth { line: number })?;
        map.insert("month".into(), Value::String(month.to_string()));
    }
    // The claim's month is the first month read, even from a row refused for another cell:
    // a claim whose every row is refused still has its month (and reads back the same).
    if claim_month.is_none() {
        *claim_month = map
            .get("month")
            .and_then(Value::as_str)
            .and_then(|m| m.parse::<Month>().ok());
    }
    // A claim line claims hours (or days): without either, the record's default of 0 hours
    // would compute an empty line without a word (a column left out, a row cut short).
    if !map.contains_key("hours_not_worked") && !map.contains_key("days_not_worked") {
        return Err(CsvError::Cell {
            line: number,
            column: Some("hours_not_worked"),
            error: ValueError::MissingField {
                field: Some("hours_not_worked".into()),
            },
        });
    }
    let input: EmployeeMonth =
        from_json_value(Value::Object(map)).map_err(|error| CsvError::Cell {
            line: number,
            column: column_of(error.details()),
            error,
        })?;
    let month = *claim_month.get_or_insert(input.month);
    if input.month != month {
        return Err(CsvError::Refused {
            line: number,
            column: Some("month"),
            error: IndemnityError::ClaimMonthMismatch {
                claim: month.to_string(),
                line: input.month.to_string(),
            },
        });
    }
    Ok(input)
}

/// One row of a claim: its line number, its cells, and the employee-month read from them (or
/// why it could not be read).
///
/// # Example
///
/// ```
/// use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
///
/// let csv = "employee;gross_monthly;hours_not_worked\nDurand;3 000,00;70\n";
/// let settings = CsvSettings::with_month(Some("2026-01".parse()?));
/// let mut reader = ClaimCsvReader::new(csv.as_bytes(), &settings)?;
/// let row = reader.next_row()?.ok_or("no row")?;
/// assert_eq!((row.line(), row.employee()), (2, Some("Durand")));
/// let input = row.input().map_err(Clone::clone)?;
/// assert_eq!(input.gross_monthly.to_string(), "3000.00");
/// assert_eq!(input.month.to_string(), "2026-01"); // from the settings
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct CsvRow<'r> {
    line: u64,
    index: usize,
    input: Result<EmployeeMonth, CsvError>,
    cells: &'r Cells,
    header: &'r Header,
}

impl CsvRow<'_> {
    /// The row's line number in the input (1 is the header's, when the file begins with it).
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
    /// let csv = "\nemployee,month,gross_monthly,hours_not_worked\nA,2026-01,2000,70\n";
    /// let mut reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
    /// assert_eq!(reader.next_row()?.ok_or("no row")?.line(), 3); // a blank line, the header, the row
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The row's position among the rows given (0-based), the index of its claim line.
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
    /// let csv = "employee,month,gross_monthly,hours_not_worked\nA,2026-01,2000,70\n,,,\nB,2026-01,2000,70\n";
    /// let mut reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
    /// assert_eq!(reader.next_row()?.ok_or("no row")?.index(), 0);
    /// let row = reader.next_row()?.ok_or("no row")?;
    /// assert_eq!((row.index(), row.line()), (1, 4));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn index(&self) -> usize {
        self.index
    }

    /// The employee-month read, or why it could not be.
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
    /// # let csv = "employee,month,gross_monthly,hours_not_worked\nA,2026-01,2000,70\n";
    /// # let mut reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
    /// let row = reader.next_row()?.ok_or("no row")?; // "A,2026-01,2000,70"
    /// let input = row.input().map_err(Clone::clone)?;
    /// assert_eq!(input.hours_not_worked.to_string(), "70");
    /// assert_eq!(input.contract_hours.to_string(), "151.67"); // the default
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn input(&self) -> Result<&EmployeeMonth, &CsvError> {
        self.input.as_ref()
    }

    /// The row's cells, in the header's order (none when the line could not be split).
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
    /// # let csv = "employee,month,gross_monthly,hours_not_worked\nA,2026-01,2000,70\n";
    /// # let mut reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
    /// let row = reader.next_row()?.ok_or("no row")?; // "A,2026-01,2000,70"
    /// assert_eq!(row.cells().cell(2), "2000");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cells(&self) -> &Cells {
        self.cells
    }

    /// The `employee` cell, when the file has the column and the cell is not blank.
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
    /// let csv = "employee,month,gross_monthly,hours_not_worked\nA,2026-01,2000,70\n ,2026-01,2000,70\n";
    /// let mut reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
    /// assert_eq!(reader.next_row()?.ok_or("no row")?.employee(), Some("A"));
    /// assert_eq!(reader.next_row()?.ok_or("no row")?.employee(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn employee(&self) -> Option<&str> {
        self.header
            .input("employee")
            .map(|i| self.cells.cell(i))
            .filter(|e| !e.is_empty())
    }

    /// Computes the row: the outcome, or the row's error (of reading, or of the computation,
    /// naming the line and the column at fault).
    ///
    /// # Errors
    ///
    /// The row's [`CsvError`].
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
    /// use apart::indemnity::Options;
    /// use apart::law::LawBook;
    /// use apart::Diagnostic;
    ///
    /// let csv = "employee,month,gross_monthly,hours_not_worked\nA,2026-01,2000,70\nB,2026-01,2000,-1\n";
    /// let mut reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
    /// let (book, options) = (LawBook::shared()?, Options::default());
    /// let out = reader.next_row()?.ok_or("no row")?.compute(book, &options)?;
    /// assert_eq!(out.employee_indemnity.to_string(), "553.70");
    /// let err = reader.next_row()?.ok_or("no row")?.compute(book, &options).unwrap_err();
    /// assert_eq!((err.code(), err.line()), ("INDEMNITY_HOURS_OUT_OF_RANGE", Some(3)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn compute(&self, book: &LawBook, options: &Options) -> Result<Outcome, CsvError> {
        let input = self.input.as_ref().map_err(Clone::clone)?;
        super::compute(book, input, options).map_err(|error| CsvError::Refused {
            line: self.line,
            column: column_of(error.details()),
            error,
        })
    }

    /// The claim line of the row's result, counted in `totals`: the employee is the
    /// `employee` cell (`None` without one: the line's number is [`CsvRow::line`], and a
    /// display may show it); a refusal carries its whole error, whose messages and details name
    /// the line.
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings};
    /// use apart::indemnity::{ClaimTotals, Options};
    /// use apart::law::LawBook;
    /// use apart::Lang;
    ///
    /// let csv = "month,gross_monthly,hours_not_worked\n2026-01,2000,70\n";
    /// let mut reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
    /// let row = reader.next_row()?.ok_or("no row")?;
    /// let mut totals = ClaimTotals::default();
    /// let result = row.compute(LawBook::shared()?, &Options::default());
    /// let line = row.claim_line(result, &mut totals);
    /// assert_eq!(line.employee, None); // no employee column
    /// assert_eq!(row.line(), 2);
    /// assert_eq!((totals.employees, totals.employee_indemnity.to_string()), (1, "553.70".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn claim_line(
        &self,
        result: Result<Outcome, CsvError>,
        totals: &mut ClaimTotals,
    ) -> ClaimLine {
        totals.record(self.index, self.employee().map(str::to_owned), result)
    }
}

/// The `status` of a computed row in a claim written as CSV.
pub const COMPUTED_STATUS: &str = "computed";

/// The `status` of a refused row in a claim written as CSV.
pub const REFUSED_STATUS: &str = "refused";

/// Writes a claim as CSV in its input's dialect (separator, decimal comma, byte order mark, line
/// ending): the input's columns (plus `month` when it came from the settings), then
/// [`OUTPUT_COLUMNS`], one row per input row, a totals row last. [`ClaimCsvReader`] reads it
/// back as the same claim (computed columns and the totals row are skipped). `apart claim
/// --format csv` and the browser page write claims with it.
///
/// `escape` is applied to every cell (the command line escapes control characters there, so that
/// a terminal shows them; [`write_claim_csv`] keeps them).
///
/// # Example
///
/// ```
/// use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings, CsvWriter};
/// use apart::indemnity::{ClaimTotals, Options};
/// use apart::law::LawBook;
/// use apart::Lang;
/// use std::borrow::Cow;
///
/// let csv = "employee;gross_monthly;hours_not_worked\nA;2000;70\n";
/// let settings = CsvSettings::with_month(Some("2026-01".parse()?));
/// let mut reader = ClaimCsvReader::new(csv.as_bytes(), &settings)?;
/// let header = reader.header().clone();
/// let mut writer = CsvWriter::new(Vec::new(), Lang::En, settings.month, |cell| Cow::Borrowed(cell));
/// writer.begin(&header)?;
/// let mut totals = ClaimTotals::default();
/// while let Some(row) = reader.next_row()? {
///     let result = row.compute(LawBook::shared()?, &Options::default());
///     let line = row.claim_line(result, &mut totals);
///     writer.row(&header, &row, &line)?;
/// }
/// writer.end(&header, reader.claim_month(), &totals)?;
/// let text = String::from_utf8(writer.into_inner())?;
/// let row = text.lines().nth(1).ok_or("no row")?;
/// assert_eq!(row, "A;2000;70;2026-01;2;computed;13,19;7,91;70;553,70;0,00;8,57;70;599,90;-46,20;;;");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct CsvWriter<W> {
    out: W,
    lang: Lang,
    added_month: Option<Month>,
    escape: fn(&str) -> Cow<'_, str>,
}

impl<W: Write> CsvWriter<W> {
    /// A writer of messages in `lang`; `month` is the settings' month (written in an added
    /// `month` column when the input has none).
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings, CsvWriter};
    /// # use apart::Lang;
    /// # use std::borrow::Cow;
    /// # let csv = "employee,gross_monthly,hours_not_worked\nA,2000,70\n";
    /// # let reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
    /// # let header = reader.header();
    /// // Input columns "employee,gross_monthly,hours_not_worked", and the month from the settings.
    /// let mut writer = CsvWriter::new(Vec::new(), Lang::En, Some("2026-01".parse()?), |c| Cow::Borrowed(c));
    /// writer.begin(header)?;
    /// let text = String::from_utf8(writer.into_inner())?;
    /// assert!(text.starts_with("employee,gross_monthly,hours_not_worked,month,line,status,"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(out: W, lang: Lang, month: Option<Month>, escape: fn(&str) -> Cow<'_, str>) -> Self {
        CsvWriter {
            out,
            lang,
            added_month: month,
            escape,
        }
    }

    /// The writer given to [`CsvWriter::new`].
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings, CsvWriter};
    /// # use apart::Lang;
    /// # use std::borrow::Cow;
    /// # let csv = "employee,gross_monthly,hours_not_worked\nA,2000,70\n";
    /// # let reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
    /// # let header = reader.header();
    /// let mut writer = CsvWriter::new(Vec::new(), Lang::En, None, |c| Cow::Borrowed(c));
    /// writer.begin(header)?;
    /// assert!(writer.get_mut().starts_with(b"employee,gross_monthly,hours_not_worked,line,"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn get_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// The writer given to [`CsvWriter::new`], with everything written.
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings, CsvWriter};
    /// # use apart::Lang;
    /// # use std::borrow::Cow;
    /// # let csv = "employee,gross_monthly,hours_not_worked\nA,2000,70\n";
    /// # let reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
    /// # let header = reader.header();
    /// let mut writer = CsvWriter::new(Vec::new(), Lang::En, None, |c| Cow::Borrowed(c));
    /// writer.begin(header)?;
    /// let text = String::from_utf8(writer.into_inner())?;
    /// assert!(text.ends_with(",error_code,error_message\n"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_inner(self) -> W {
        self.out
    }

    fn cells<'a>(&mut self, sep: u8, cells: impl IntoIterator<Item = &'a str>) -> io::Result<()> {
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                self.out.write_all(&[sep])?;
            }
            write_cell(&mut self.out, &(self.escape)(cell), sep)?;
        }
        Ok(())
    }

    /// The input columns echoed: every input column of the header, in its order.
    fn echoed(header: &Header) -> impl Iterator<Item = usize> + '_ {
        (0..header.len()).filter(|&i| header.input_at(i).is_some())
    }

    /// The header row (before the first row).
    ///
    /// # Errors
    ///
    /// The writer's.
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings, CsvWriter};
    /// # use apart::Lang;
    /// # use std::borrow::Cow;
    /// // A spreadsheet's export: byte order mark, `;`, CRLF; written back the same way.
    /// let csv = "\u{feff}employee;month;gross_monthly;hours_not_worked\r\n";
    /// let reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
    /// let mut writer = CsvWriter::new(Vec::new(), Lang::Fr, None, |c| Cow::Borrowed(c));
    /// writer.begin(reader.header())?;
    /// let text = String::from_utf8(writer.into_inner())?;
    /// assert!(text.starts_with("\u{feff}employee;month;gross_monthly;hours_not_worked;line;status;"));
    /// assert!(text.ends_with(";error_message\r\n"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn begin(&mut self, header: &Header) -> io::Result<()> {
        if header.input("month").is_some() {
            self.added_month = None;
        }
        if header.dialect().bom {
            self.out.write_all("\u{feff}".as_bytes())?;
        }
        let mut names: Vec<&str> = Self::echoed(header)
            .filter_map(|i| header.name(i))
            .collect();
        if self.added_month.is_some() {
            names.push("month");
        }
        names.extend_from_slice(OUTPUT_COLUMNS);
        self.cells(header.dialect().sep, names)?;
        self.out.write_all(header.dialect().eol())
    }

    /// One row (its cells are empty when the line could not be split) and its claim line.
    ///
    /// # Errors
    ///
    /// The writer's.
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings, CsvWriter};
    /// # use apart::indemnity::{ClaimTotals, Options};
    /// # use apart::law::LawBook;
    /// # use apart::Lang;
    /// # use std::borrow::Cow;
    /// let csv = "employee,month,gross_monthly,hours_not_worked\nB,2026-01,2000,abc\n";
    /// let mut reader = ClaimCsvReader::new(csv.as_bytes(), &CsvSettings::default())?;
    /// let header = reader.header().clone();
    /// let mut writer = CsvWriter::new(Vec::new(), Lang::En, None, |c| Cow::Borrowed(c));
    /// let row = reader.next_row()?.ok_or("no row")?;
    /// let result = row.compute(LawBook::shared()?, &Options::default());
    /// let line = row.claim_line(result, &mut ClaimTotals::default());
    /// writer.row(&header, &row, &line)?;
    /// let text = String::from_utf8(writer.into_inner())?;
    /// assert!(text.starts_with("B,2026-01,2000,abc,2,refused,,,,,,,,,,,VALUE_INVALID_DECIMAL,"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn row(&mut self, header: &Header, row: &CsvRow<'_>, line: &ClaimLine) -> io::Result<()> {
        let d = header.dialect();
        let mut cells: Vec<Cow<'_, str>> = Self::echoed(header)
            .map(|i| row.cells().cell(i).into())
            .collect();
        if let Some(month) = self.added_month {
            cells.push(month.to_string().into());
        }
        cells.push(row.line().to_string().into());
        let amount = |v: &dyn std::fmt::Display| d.number(&v.to_string()).into_owned().into();
        match &line.outcome {
            Some(o) => {
                cells.push(COMPUTED_STATUS.into());
                cells.push(amount(&o.hourly_reference));
                cells.push(amount(&o.employee_hourly_indemnity));
                cells.push(amount(&o.hours_compensated));
                cells.push(amount(&o.employee_indemnity));
                cells.push(amount(&o.rmm_complement));
                cells.push(amount(&o.employer_hourly_allocation));
                cells.push(amount(&o.hours_allocated));
                cells.push(amount(&o.employer_allocation));
                cells.push(amount(&o.rest_payable_by_employer));
                cells.push(
                    o.contributions
                        .as_ref()
                        .map_or_else(String::new, |c| d.number(&c.total.to_string()).into_owned())
                        .into(),
                );
                cells.push("".into());
                cells.push("".into());
            }
            None => {
                cells.push(REFUSED_STATUS.into());
                cells.extend(std::iter::repeat_n("".into(), 10));
                cells.push(line.error_code().unwrap_or_default().into());
                cells.push(line.error_message(self.lang).unwrap_or_default().into());
            }
        }
        self.cells(d.sep, cells.iter().map(|c| c.as_ref()))?;
        self.out.write_all(d.eol())
    }

    /// The totals row (after the last row): `month` is the claim's.
    ///
    /// # Errors
    ///
    /// The writer's.
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsvReader, CsvSettings, CsvWriter};
    /// # use apart::Lang;
    /// # use std::borrow::Cow;
    /// use apart::indemnity::{simulate, ClaimTotals, EmployeeMonth, Options};
    ///
    /// # let header = "employee;month;gross_monthly;hours_not_worked\n";
    /// # let reader = ClaimCsvReader::new(header.as_bytes(), &CsvSettings::default())?;
    /// // A claim read from "employee;month;gross_monthly;hours_not_worked": one row computed,
    /// // one refused.
    /// let input = EmployeeMonth::new("2026-01".parse()?, "2000".parse()?, "70".parse()?);
    /// let mut totals = ClaimTotals::default();
    /// totals.add(&simulate(&input, &Options::default())?);
    /// totals.add_refused();
    /// let mut writer = CsvWriter::new(Vec::new(), Lang::En, None, |c| Cow::Borrowed(c));
    /// writer.end(reader.header(), Some("2026-01".parse()?), &totals)?;
    /// let text = String::from_utf8(writer.into_inner())?;
    /// assert_eq!(text, ";2026-01;;70;;total;;;70;553,70;0,00;;70;599,90;-46,20;;;1 computed, 1 refused\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn end(
        &mut self,
        header: &Header,
        month: Option<Month>,
        t: &ClaimTotals,
    ) -> io::Result<()> {
        let d = header.dialect();
        let amount = |v: &dyn std::fmt::Display| d.number(&v.to_string()).into_owned();
        let mut cells: Vec<String> = Self::echoed(header)
            .map(|i| match header.input_at(i) {
                Some("month") => month.map(|m| m.to_string()).unwrap_or_default(),
                Some("hours_not_worked") => amount(&t.hours_not_worked),
                _ => String::new(),
            })
            .collect();
        if self.added_month.is_some() {
            cells.push(month.map(|m| m.to_string()).unwrap_or_default());
        }
        let summary = t.summary(self.lang);
        cells.extend([
            String::new(),
            TOTAL_STATUS.to_owned(),
            String::new(),
            String::new(),
            amount(&t.hours_compensated),
            amount(&t.employee_indemnity),
            amount(&t.rmm_complement),
            String::new(),
            amount(&t.hours_allocated),
            amount(&t.employer_allocation),
            amount(&t.rest_payable_by_employer),
            String::new(),
            String::new(),
            summary,
        ]);
        self.cells(d.sep, cells.iter().map(String::as_str))?;
        self.out.write_all(d.eol())
    }
}

/// A cell as it is.
fn verbatim(text: &str) -> Cow<'_, str> {
    Cow::Borrowed(text)
}

/// Reads, computes and writes a whole claim as CSV with [`CsvWriter`] (what `apart claim
/// --format csv` writes, control characters kept), one row at a time; returns the claim's
/// month and totals.
///
/// # Errors
///
/// As [`compute_claim_csv`], and the writer's.
///
/// ```
/// use apart::indemnity::claim_csv::{write_claim_csv, CsvSettings};
/// use apart::indemnity::Options;
/// use apart::law::LawBook;
/// use apart::Lang;
///
/// let csv = "employee;month;gross_monthly;hours_not_worked\nA;2026-01;2000;70\n";
/// let mut out = Vec::new();
/// let (_, totals) = write_claim_csv(LawBook::shared()?, csv.as_bytes(), &CsvSettings::default(), &Options::default(), Lang::Fr, &mut out)?;
/// assert_eq!(totals.employees, 1);
/// let text = String::from_utf8(out)?;
/// assert!(text.lines().nth(1).unwrap().contains(";computed;"));
/// assert!(text.contains("553,70"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_claim_csv<R: BufRead, W: Write>(
    book: &LawBook,
    input: R,
    settings: &CsvSettings,
    options: &Options,
    lang: Lang,
    out: W,
) -> Result<(Month, ClaimTotals), ReadError> {
    let mut reader = ClaimCsvReader::new(input, settings)?;
    let header = reader.header().clone();
    let mut writer = CsvWriter::new(out, lang, settings.month, verbatim);
    let mut totals = ClaimTotals::default();
    let mut first_line = None;
    while let Some(row) = reader.next_row()? {
        let result = row.compute(book, options);
        let line = row.claim_line(result, &mut totals);
        if first_line.is_none() {
            first_line = Some(row.line());
            writer.begin(&header)?;
        }
        writer.row(&header, &row, &line)?;
    }
    let Some(first_line) = first_line else {
        return Err(CsvError::NoRows.into());
    };
    let month = reader
        .claim_month()
        .ok_or(CsvError::NoMonth { line: first_line })?;
    writer.end(&header, Some(month), &totals)?;
    writer.into_inner().flush()?;
    Ok((month, totals))
}

/// Reads and computes a whole claim from the caller's reader: one line per row, in order, a row
/// that cannot be read or computed refused with its code and messages naming its line (and
/// column), and the totals over the rows computed.
///
/// Memory grows with the lines returned only: a caller that writes each line as it comes reads
/// with [`ClaimCsvReader`] instead. A fuzz target can call this with any bytes as `input`: it
/// never panics.
///
/// # Errors
///
/// [`ReadError::Io`] from the reader; [`ReadError::Csv`] when the header cannot be read, when
/// there is no row ([`CsvError::NoRows`]), or when no row gives a month and the settings give
/// none ([`CsvError::NoMonth`], the first row's line).
///
/// ```
/// use apart::indemnity::claim_csv::{compute_claim_csv, CsvSettings, ReadError};
/// use apart::indemnity::Options;
/// use apart::law::LawBook;
/// use apart::Diagnostic;
///
/// let book = LawBook::shared()?;
/// let err = compute_claim_csv(book, &b"employee,gros\nA,1\n"[..], &CsvSettings::default(), &Options::default())
///     .unwrap_err();
/// let ReadError::Csv(err) = err else { panic!() };
/// assert_eq!(err.code(), "INPUT_UNKNOWN_FIELD");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn compute_claim_csv<R: BufRead>(
    book: &LawBook,
    input: R,
    settings: &CsvSettings,
    options: &Options,
) -> Result<ClaimOutcome, ReadError> {
    ClaimCsv::new(input, settings)?.finish(book, options)
}

/// [`compute_claim_csv`] a few rows at a time, so that a caller can show its progress between
/// steps (the browser page's progress bar): the same lines, totals and errors.
///
/// ```
/// use apart::indemnity::claim_csv::{ClaimCsv, CsvSettings};
/// use apart::indemnity::Options;
/// use apart::law::LawBook;
/// use apart::Lang;
///
/// let csv = "employee,month,gross_monthly,hours_not_worked\nA,2026-01,2000,70\nB,2026-01,2000,70\n";
/// let (book, options) = (LawBook::shared()?, Options::default());
/// let mut claim = ClaimCsv::new(csv.as_bytes(), &CsvSettings::default())?;
/// while claim.step(book, &options, 1)? {
///     assert!(claim.bytes_read() <= csv.len() as u64);
/// }
/// assert_eq!(claim.rows(), 2);
/// let outcome = claim.finish(book, &options)?;
/// assert_eq!(outcome.totals.employees, 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct ClaimCsv<R> {
    reader: ClaimCsvReader<R>,
    totals: ClaimTotals,
    lines: Vec<ClaimLine>,
    first_line: Option<u64>,
}

impl<R: BufRead> ClaimCsv<R> {
    /// Reads the header.
    ///
    /// # Errors
    ///
    /// As [`ClaimCsvReader::new`].
    ///
    /// # Example
    ///
    /// ```
    /// use apart::indemnity::claim_csv::{ClaimCsv, CsvSettings};
    /// use apart::indemnity::Options;
    /// use apart::law::LawBook;
    ///
    /// let csv = "month,gross_monthly,hours_not_worked\n2026-01,2000,abc\n";
    /// let claim = ClaimCsv::new(csv.as_bytes(), &CsvSettings::default())?;
    /// let outcome = claim.finish(LawBook::shared()?, &Options::default())?;
    /// assert_eq!(outcome.lines[0].employee, None); // no employee column
    /// assert!(outcome.lines[0].error_message(apart::Lang::En).is_some_and(|m| m.starts_with("line 2")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(input: R, settings: &CsvSettings) -> Result<Self, ReadError> {
        Ok(ClaimCsv {
            reader: ClaimCsvReader::new(input, settings)?,
            totals: ClaimTotals::default(),
            lines: Vec::new(),
            first_line: None,
        })
    }

    /// Reads and computes up to `rows` more rows: `Ok(true)` while the input may have more,
    /// `Ok(false)` once it is read to its end.
    ///
    /// # Errors
    ///
    /// [`ReadError::Io`] from the reader (a row that cannot be read is a refused line).
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsv, CsvSettings};
    /// # use apart::indemnity::Options;
    /// # use apart::law::LawBook;
    /// # use apart::Lang;
    /// # let csv = "employee,month,gross_monthly,hours_not_worked\nA,2026-01,2000,70\nB,2026-01,2000,70\n";
    /// # let (book, options) = (LawBook::shared()?, Options::default());
    /// # let mut claim = ClaimCsv::new(csv.as_bytes(), &CsvSettings::default())?;
    /// // Two rows.
    /// assert!(claim.step(book, &options, 1)?);
    /// assert_eq!(claim.rows(), 1);
    /// assert!(!claim.step(book, &options, 10)?); // the end
    /// assert_eq!(claim.rows(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn step(
        &mut self,
        book: &LawBook,
        options: &Options,
        rows: usize,
    ) -> Result<bool, ReadError> {
        for _ in 0..rows {
            let Some(row) = self.reader.next_row()? else {
                return Ok(false);
            };
            self.first_line.get_or_insert(row.line());
            let result = row.compute(book, options);
            self.lines.push(row.claim_line(result, &mut self.totals));
        }
        Ok(true)
    }

    /// The bytes read so far, line endings included.
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsv, CsvSettings};
    /// # use apart::indemnity::Options;
    /// # use apart::law::LawBook;
    /// # use apart::Lang;
    /// # let csv = "employee,month,gross_monthly,hours_not_worked\nA,2026-01,2000,70\nB,2026-01,2000,70\n";
    /// # let (book, options) = (LawBook::shared()?, Options::default());
    /// # let mut claim = ClaimCsv::new(csv.as_bytes(), &CsvSettings::default())?;
    /// while claim.step(book, &options, 1)? {}
    /// assert_eq!(claim.bytes_read(), csv.len() as u64);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn bytes_read(&self) -> u64 {
        self.reader.bytes_read()
    }

    /// The rows computed so far.
    ///
    /// # Example
    ///
    /// ```
    /// # use apart::indemnity::claim_csv::{ClaimCsv, CsvSettings};
    /// # use apart::indemnity::Options;
    /// # use apart::law::LawBook;
    /// # use apart::Lang;
    /// # let csv = "employee,month,gross_monthly,hours_not_worked\nA,2026-01,2000,70\nB,2026-01,2000,70\n";
    /// # let (book, options) = (LawBook::shared()?, Options::default());
    /// # let mut claim = ClaimCsv::new(csv.as_bytes(), &CsvSettings::default())?;
    /// assert_eq!(claim.rows(), 0);
    /// claim.step(book, &options, 1)?;
    /// assert_eq!(claim.rows(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rows(&self) -> usize {
        self.lines.len()
    }

    /// Computes the rows left, then gives the claim.
    ///
    /// # Errors
    ///
    /// As [`compute_claim_csv`].
    ///
    /// # Example
    ///
    /// ```
    /// use apart::indemnity::claim_csv::{ClaimCsv, CsvError, CsvSettings, ReadError};
    /// use apart::indemnity::Options;
    /// use apart::law::LawBook;
    /// use apart::Lang;
    ///
    /// let (book, options) = (LawBook::shared()?, Options::default());
    /// let csv = "employee,month,gross_monthly,hours_not_worked\nA,2026-01,2000,70\n";
    /// let claim = ClaimCsv::new(csv.as_bytes(), &CsvSettings::default())?;
    /// assert_eq!(claim.finish(book, &options)?.totals.employer_allocation.to_string(), "599.90");
    /// let header_only = ClaimCsv::new(&b"employee,gross_monthly\n"[..], &CsvSettings::default())?;
    /// let Err(ReadError::Csv(err)) = header_only.finish(book, &options) else { panic!("no rows") };
    /// assert_eq!(*err, CsvError::NoRows);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn finish(mut self, book: &LawBook, options: &Options) -> Result<ClaimOutcome, ReadError> {
        while self.step(book, options, usize::MAX)? {}
        let Some(first_line) = self.first_line else {
            return Err(CsvError::NoRows.into());
        };
        let month = self
            .reader
            .claim_month()
            .ok_or(CsvError::NoMonth { line: first_line })?;
        Ok(ClaimOutcome {
            month,
            lines: self.lines,
            totals: self.totals,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
    use super::*;

    fn cells(line: &str, sep: u8) -> Vec<String> {
        let mut row = Cells::default();
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
        let mut row = Cells::default();
        let line = ",".repeat(1_000_000);
        assert_eq!(row.split(&line, b',', 3), Err(SplitError::TooManyCells));
        assert!(row.spans.capacity() < 100);
        assert_eq!(
            row.split("a,\"b", b',', 3),
            Err(SplitError::UnclosedQuote(2))
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

    /// Every column is a field of `EmployeeMonth`: a row with all of them is read.
    #[test]
    fn columns_are_the_fields_of_employee_month() {
        let mut map = Map::new();
        for (name, kind) in COLUMNS {
            let value = match kind {
                Kind::Text => "A",
                Kind::Month => "2026-01",
                Kind::Date => "2026-01-05",
                Kind::Number => "1",
                Kind::Count | Kind::Flag => continue,
                Kind::Choice if *name == "apld_majorated_by" => "covid_closed",
                Kind::Choice if *name == "regime" => "apld",
                Kind::Choice if *name == "overtime" => "structural",
                Kind::Choice if *name == "category" => "full_time",
                Kind::Choice => "mainland",
            };
            map.insert((*name).into(), Value::String(value.into()));
        }
        map.insert("apld_period_months".into(), Value::from(12));
        map.insert("apld_months_used".into(), Value::from(1));
        map.insert("apld_exceptional_reduction".into(), Value::Bool(false));
        let parsed: Result<EmployeeMonth, _> = from_json_value(Value::Object(map));
        assert!(parsed.is_ok(), "{parsed:?}");
    }

    #[test]
    fn header_errors() {
        let h = Header::parse("employee;gross_monthly;hours_not_worked", 1, false, false).unwrap();
        assert_eq!(h.dialect.sep, b';');
        assert_eq!(h.input("gross_monthly"), Some(1));
        // Column names are as exact as JSON fields (errors.json `compute-unknown-field-nested-case`).
        let e = Header::parse("employee,Gross_Monthly", 1, false, false).unwrap_err();
        assert_eq!(e.code(), "INPUT_UNKNOWN_FIELD");
        assert_eq!(e.column(), Some("Gross_Monthly"));
        let e = Header::parse("employee,grossmonthly", 1, false, false).unwrap_err();
        assert_eq!(e.code(), "INPUT_UNKNOWN_FIELD");
        assert!(e.message(Lang::En).contains("« grossmonthly »"));
        let e = Header::parse("employee,employee", 1, false, false).unwrap_err();
        assert_eq!(e.code(), "INPUT_MALFORMED");
        assert_eq!(e.column(), Some("employee"));
        // The output columns of `--format csv` are accepted (and ignored).
        let h = Header::parse(
            "employee,gross_monthly,line,status,error_message",
            1,
            false,
            false,
        )
        .unwrap();
        assert_eq!(h.input_at(1), Some("gross_monthly"));
        assert_eq!(h.input_at(2), None);
    }

    #[test]
    fn normalised_cells() {
        let semi = Dialect::of_header("a;b", false, false);
        let comma = Dialect::of_header("a,b", false, false);
        assert_eq!(normalise("6 000,50", Kind::Number, semi), "6000.50");
        assert_eq!(normalise("6\u{a0}000.50", Kind::Number, comma), "6000.50");
        assert_eq!(
            normalise("droit-commun", Kind::Choice, comma),
            "droit-commun"
        );
        assert_eq!(normalise("Zoé, RH", Kind::Text, semi), "Zoé, RH");
        assert_eq!(cell_value("12", Kind::Count, comma), Value::from(12));
        assert_eq!(cell_value("Oui", Kind::Flag, comma), Value::Bool(true));
        assert_eq!(cell_value("peut-être", Kind::Flag, comma), "peut-être");
    }

    fn rows(text: &str, month: Option<&str>) -> Vec<(u64, Result<EmployeeMonth, CsvError>)> {
        let settings = CsvSettings::with_month(month.map(|m| m.parse().unwrap()));
        let mut reader = ClaimCsvReader::new(text.as_bytes(), &settings).unwrap();
        let mut out = Vec::new();
        while let Some(row) = reader.next_row().unwrap() {
            out.push((row.line(), row.input().cloned().map_err(Clone::clone)));
        }
        out
    }

    /// Refused cells are refused rows naming their line and column (issue 15.3, 17.3): the
    /// codes of `apart::value`, `field` the column, `line` in the details.
    #[test]
    fn refused_cells_name_line_and_column() {
        let read = rows(
            "\n\u{feff}employee;gross_monthly;hours_not_worked;apld_period_months\n\
             A;2 000,50;70;\n\
             B;2000,5x;7;\n\
             ;;;\n\
             C;2000;7;douze\n\
             D;\"2000;7\n\
             E;1;2;3;4\n",
            Some("2026-01"),
        );
        assert_eq!(read.len(), 5);
        let (line, first) = &read[0];
        assert_eq!(*line, 3);
        assert_eq!(first.as_ref().unwrap().gross_monthly.to_string(), "2000.50");
        let (line, bad) = &read[1];
        assert_eq!(*line, 4);
        let bad = bad.as_ref().unwrap_err();
        assert_eq!(bad.code(), "VALUE_INVALID_DECIMAL");
        assert_eq!(bad.family(), Family::Input);
        assert_eq!(bad.column(), Some("gross_monthly"));
        let details = bad.details();
        assert!(details.contains(&("field", "gross_monthly".into())));
        assert!(details.contains(&("line", 4u64.into())));
        assert_eq!(
            bad.message(Lang::Fr),
            "ligne 4 : valeur invalide pour « gross_monthly » : « 2000.5x » (attendu : un montant en euros, par exemple 2000.50)"
        );
        let (line, count) = &read[2];
        assert_eq!(*line, 6);
        let count = count.as_ref().unwrap_err();
        assert_eq!(count.code(), "INPUT_WRONG_TYPE");
        assert_eq!(count.column(), Some("apld_period_months"));
        let quote = read[3].1.as_ref().unwrap_err();
        assert_eq!(quote.code(), "INPUT_MALFORMED");
        assert_eq!(
            quote.message(Lang::En),
            "line 7: the quote opened in cell 2 is not closed"
        );
        let wide = read[4].1.as_ref().unwrap_err();
        assert_eq!(
            wide.message(Lang::Fr),
            "ligne 8 : plus de cellules que les 4 colonnes de l'en-tête"
        );
    }

    /// Options are spelled as everywhere (snake or kebab case), nothing else.
    #[test]
    fn options_are_spelled_as_everywhere() {
        let read = rows(
            "employee,gross_monthly,hours_not_worked,regime\nA,2000,70,apld-rebond\nB,2000,70,covid_closed\nC,2000,70,APLD\n",
            Some("2026-01"),
        );
        assert!(read[0].1.is_ok());
        assert!(read[1].1.is_ok());
        let upper = read[2].1.as_ref().unwrap_err();
        assert_eq!(upper.code(), "VALUE_UNKNOWN_VARIANT");
        assert_eq!(upper.column(), Some("regime"));
    }

    #[test]
    fn months_of_rows_and_of_the_claim() {
        let read = rows(
            "employee,month,gross_monthly,hours_not_worked\nA,2026-01,2000,70\nB,2026-02,2000,70\nC,,2000,70\n",
            None,
        );
        assert!(read[0].1.is_ok());
        let other = read[1].1.as_ref().unwrap_err();
        assert_eq!(other.code(), "INDEMNITY_CLAIM_MONTH_MISMATCH");
        assert_eq!(other.family(), Family::Indemnity);
        assert_eq!(
            other.message(Lang::En),
            "line 3: line for month 2026-02 in a claim for month 2026-01"
        );
        assert!(other.details().contains(&("field", "month".into())));
        let none = read[2].1.as_ref().unwrap_err();
        assert_eq!(none.code(), "INPUT_MISSING_FIELD");
        assert!(none.details().contains(&("field", "month".into())));
        assert!(none.message(Lang::Fr).starts_with("ligne 4 : pas de mois"));
    }

    #[test]
    fn what_stops_a_claim() {
        fn read(text: &str) -> Result<ClaimCsvReader<&[u8]>, ReadError> {
            ClaimCsvReader::new(text.as_bytes(), &CsvSettings::default())
        }
        fn no_rows<T>(r: Result<T, ReadError>) -> bool {
            matches!(r, Err(ReadError::Csv(e)) if *e == CsvError::NoRows)
        }
        assert!(no_rows(read("")));
        assert!(no_rows(read("\n \n")));
        let Err(ReadError::Csv(e)) = read("employee,\"gross\n") else {
            panic!()
        };
        assert_eq!(e.code(), "INPUT_MALFORMED");
        let Err(ReadError::Csv(e)) = read(&format!("employee,{}\n", "x".repeat(100_000))) else {
            panic!()
        };
        assert_eq!(e.code(), "INPUT_TOO_LARGE");
        assert_eq!(e.line(), Some(1));
        assert!(e.message(Lang::Fr).len() < 200);
        let book = LawBook::shared().unwrap();
        let header_only = compute_claim_csv(
            book,
            &b"employee,gross_monthly\n"[..],
            &CsvSettings::default(),
            &Options::default(),
        );
        assert!(no_rows(header_only.map(|_| ())));
        let no_month = compute_claim_csv(
            book,
            &b"employee,gross_monthly\nA,1\n"[..],
            &CsvSettings::default(),
            &Options::default(),
        );
        assert!(matches!(no_month, Err(ReadError::Csv(e)) if *e == CsvError::NoMonth { line: 2 }));
    }

    /// A claim whose every row is refused still has the month its rows give (a claim written
    /// as CSV with `--month` reads back with the same month: found by the CLI's round trip).
    #[test]
    fn the_month_of_a_refused_row_is_the_claims() {
        let settings = CsvSettings::default();
        let text = "employee,month,gross_monthly\nA,2026-03,abc\n";
        let mut reader = ClaimCsvReader::new(text.as_bytes(), &settings).unwrap();
        while reader.next_row().unwrap().is_some() {}
        assert_eq!(reader.claim_month(), Some("2026-03".parse().unwrap()));
    }

    /// A line of ten million separators is refused by number; the reader's buffers stay small.
    #[test]
    fn memory_stays_bounded() {
        let mut text = String::from("employee,gross_monthly,hours_not_worked\n");
        text.push_str(&",".repeat(10_000_000));
        text.push_str("\nA,2000,70\n");
        text.push_str(&",".repeat(60_000));
        text.push('\n');
        let settings = CsvSettings::with_month(Some("2026-01".parse().unwrap()));
        let mut reader = ClaimCsvReader::new(text.as_bytes(), &settings).unwrap();
        let mut codes = Vec::new();
        while let Some(row) = reader.next_row().unwrap() {
            codes.push(row.input().err().map(|e| e.code()));
        }
        assert_eq!(
            codes,
            [Some("INPUT_TOO_LARGE"), None, Some("INPUT_MALFORMED")]
        );
        assert!(reader.cells.text.capacity() <= MAX_LINE);
        assert!(reader.cells.spans.capacity() < 100);
    }
}
