//! `apart claim FILE.csv`: a whole monthly claim (DI) from a CSV file, streamed.
//!
//! # CSV format
//!
//! One header row, then one employee per row. The separator is `,` or `;` (detected from the
//! header; with `;` a decimal comma is accepted, as French spreadsheets write it). Fields may
//! be double-quoted. Numbers may group thousands with spaces or no-break spaces (`6 000,00`).
//! The columns are listed in [`COLUMNS`] and by `apart claim --help`.
//!
//! A row that cannot be read or computed is reported with its error code and a message naming
//! its line (and its column when one is at fault), and left out of the totals.
//!
//! # Bounded memory
//!
//! The file is read one line at a time (lines of at most [`MAX_LINE`] bytes; a longer one is
//! refused by number and skipped without being kept), each row is split into one reused buffer
//! and stops at the header's width, and each result is written as soon as it is computed: the
//! table, the JSON document and the CSV all stream, so memory does not grow with the file.
//! Only the totals are carried from row to row.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use apart::Diagnostic;
use apart::calendar::Month;
use apart::diagnostic::Lang;
use apart::indemnity::{
    ClaimLine, ClaimTotals, EmployeeMonth, Explain, FullTimeFloor, IndemnityError, Options,
    Outcome, compute,
};
use apart::law::LawBook;
use apart::money::RoundingPolicy;
use apart::value::from_json_value;
use serde_json::{Map, Value};
use std::borrow::Cow;

use crate::cli::{ClaimArgs, ClaimFormat};
use crate::csv::{Dialect, Row, SplitError, write_cell};
use crate::lines::{Line, Lines};
use crate::progress::Progress;
use crate::report::{InputError, print_error};
use crate::text::{escape_controls, group, json_safe, line_label};

/// The longest line read, in bytes: a claim row is a few hundred bytes.
pub const MAX_LINE: usize = 64 * 1024;

/// What a column holds: how its cells are normalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Free text.
    Text,
    /// `YYYY-MM`.
    Month,
    /// `YYYY-MM-DD`.
    Date,
    /// Euros.
    Money,
    /// Hours.
    Hours,
    /// Days (forfait-jours).
    Days,
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
    ("gross_monthly", Kind::Money),
    ("hours_not_worked", Kind::Hours),
    ("days_not_worked", Kind::Days),
    ("contract_hours", Kind::Hours),
    ("variable_pay_average", Kind::Money),
    ("regime", Kind::Choice),
    ("category", Kind::Choice),
    ("territory", Kind::Choice),
    ("overtime", Kind::Choice),
    ("apld_majorated_by", Kind::Choice),
    ("training_hours", Kind::Hours),
    ("net_hourly_pay", Kind::Money),
    ("hours_used_this_year", Kind::Hours),
    ("net_pay_worked", Kind::Money),
    ("rmm_net", Kind::Money),
    ("apld_period_months", Kind::Count),
    ("apld_hours_used", Kind::Hours),
    ("apld_months_used", Kind::Count),
    ("apld_exceptional_reduction", Kind::Flag),
    ("complement_rate", Kind::Money),
    ("complement_amount", Kind::Money),
    ("hours_date", Kind::Date),
];

/// The columns `--format csv` adds after the input's: computed, so ignored on input (which is
/// what lets a claim written as CSV be read back).
const OUTPUT_COLUMNS: &[&str] = &[
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

/// The `status` of a CSV row.
const COMPUTED: &str = "computed";
const REFUSED: &str = "refused";
const TOTAL: &str = "total";

/// What a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    /// An input column (its index in [`COLUMNS`]).
    Input(usize),
    /// A column written by `--format csv`, ignored on input.
    Output(usize),
}

/// The header of the file: what each cell position holds.
#[derive(Debug)]
struct Header {
    cols: Vec<Col>,
    names: Vec<String>,
    dialect: Dialect,
}

impl Header {
    fn parse(line: &str, bom: bool, crlf: bool) -> Result<Header, InputError> {
        let dialect = Dialect::of_header(line, bom, crlf);
        let mut row = Row::default();
        let width = COLUMNS.len() + OUTPUT_COLUMNS.len();
        if row.split(line, dialect.sep, width).is_err() {
            return Err(InputError::TooManyCells {
                line: 1,
                header: width,
            });
        }
        let mut cols = Vec::with_capacity(row.len());
        let mut names = Vec::with_capacity(row.len());
        for i in 0..row.len() {
            let name = row.cell(i).to_ascii_lowercase();
            let col = if let Some(c) = COLUMNS.iter().position(|(n, _)| *n == name) {
                Col::Input(c)
            } else if let Some(c) = OUTPUT_COLUMNS.iter().position(|n| *n == name) {
                Col::Output(c)
            } else {
                return Err(InputError::UnknownColumn {
                    column: apart::diagnostic::quote(row.cell(i)),
                    expected: COLUMNS
                        .iter()
                        .map(|(n, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            };
            if cols.contains(&col) {
                return Err(InputError::DuplicateColumn { column: name });
            }
            cols.push(col);
            names.push(name);
        }
        Ok(Header {
            cols,
            names,
            dialect,
        })
    }

    fn position(&self, wanted: Col) -> Option<usize> {
        self.cols.iter().position(|&c| c == wanted)
    }

    fn input(&self, name: &str) -> Option<usize> {
        let c = COLUMNS.iter().position(|(n, _)| *n == name)?;
        self.position(Col::Input(c))
    }

    /// Whether `row` is the totals row of a claim written by `--format csv`.
    fn is_totals(&self, row: &Row) -> bool {
        let status = OUTPUT_COLUMNS.iter().position(|n| *n == "status");
        status
            .and_then(|s| self.position(Col::Output(s)))
            .is_some_and(|i| row.cell(i) == TOTAL)
    }
}

/// The options of a run, parsed once.
struct Setup {
    book: Cow<'static, LawBook>,
    options: Options,
    month: Option<Month>,
    lang: Lang,
}

/// Why a row was refused, and the column at fault when one is.
struct Refusal {
    error: Box<dyn Diagnostic>,
    column: Option<&'static str>,
}

impl<E: Diagnostic> From<E> for Refusal {
    /// The column at fault is the error's `field` when it names a column.
    fn from(e: E) -> Self {
        let column = e.details().into_iter().find_map(|(key, value)| {
            let value = value.to_string();
            (key == "field")
                .then(|| COLUMNS.iter().find(|(name, _)| *name == value))
                .flatten()
                .map(|(name, _)| *name)
        });
        Refusal {
            error: Box::new(e),
            column,
        }
    }
}

/// Runs `apart claim`.
pub fn run(args: &ClaimArgs, lang: Lang) -> ExitCode {
    let format = if args.json {
        ClaimFormat::Json
    } else {
        args.format
    };
    let json = format == ClaimFormat::Json;
    let usage = |flag: &str, e: &dyn Diagnostic| {
        print_error(e, lang, json, Some(flag));
        ExitCode::from(2)
    };
    let month = match args.month.as_deref().map(str::parse::<Month>).transpose() {
        Ok(m) => m,
        Err(e) => return usage("--month", &e),
    };
    let rounding = match args.rounding.parse::<RoundingPolicy>() {
        Ok(r) => r,
        Err(e) => return usage("--rounding", &e),
    };
    let full_time_floor = match args.full_time_floor.parse::<FullTimeFloor>() {
        Ok(f) => f,
        Err(e) => return usage("--full-time-floor", &e),
    };
    let book = match args.law.book() {
        Ok(b) => b,
        Err(e) => {
            print_error(&e, lang, json, None);
            return ExitCode::FAILURE;
        }
    };
    let setup = Setup {
        book,
        options: Options {
            rounding,
            full_time_floor,
            explain: Explain::Off,
            strict_law_dates: args.law.strict_law,
        },
        month,
        lang,
    };
    let name = args.file.display().to_string();
    let (input, size): (Box<dyn Read>, Option<u64>) = if name == "-" {
        (Box::new(io::stdin().lock()), crate::lines::stdin_size())
    } else {
        match File::open(&args.file) {
            Ok(f) => {
                let size = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
                (Box::new(f), size)
            }
            Err(e) => {
                eprintln!("{}: {e}", escape_controls(&name));
                return ExitCode::from(2);
            }
        }
    };
    let progress = Progress::new(Progress::wanted(args.no_progress), size, lang);
    let stdout = io::stdout();
    let out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    let result = match format {
        ClaimFormat::Table => stream(input, &setup, progress, TableSink::new(out, lang)),
        ClaimFormat::Json => stream(input, &setup, progress, JsonSink::new(out)),
        ClaimFormat::Csv => stream(input, &setup, progress, CsvSink::new(out, lang, month)),
    };
    match result {
        Ok(totals) if totals.employees_refused > 0 => ExitCode::FAILURE,
        Ok(_) => ExitCode::SUCCESS,
        // The reader of our output went away (`| head`): stop quietly.
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(e)) => {
            eprintln!("{}: {e}", escape_controls(&name));
            ExitCode::from(2)
        }
        Err(Failure::Header(e)) => {
            print_error(&e, lang, json, Some(&escape_controls(&name)));
            ExitCode::from(2)
        }
        Err(Failure::NoRows) => {
            if lang == Lang::En {
                eprintln!("{}: no rows", escape_controls(&name));
            } else {
                eprintln!("{} : aucune ligne", escape_controls(&name));
            }
            ExitCode::FAILURE
        }
    }
}

/// Why a run stopped before its end.
enum Failure {
    /// Reading the input or writing the output failed.
    Io(io::Error),
    /// The header cannot be read: no row can be.
    Header(InputError),
    /// The file has a header and no row.
    NoRows,
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

/// Where results go, one row at a time.
trait Sink {
    /// Called once, before the first row, with the header.
    fn begin(&mut self, header: &Header) -> io::Result<()>;
    /// One row: its cells (empty when the line could not be split) and its claim line.
    fn row(&mut self, header: &Header, line: u64, row: &Row, done: &ClaimLine) -> io::Result<()>;
    /// After the last row.
    fn end(
        &mut self,
        header: &Header,
        month: Option<Month>,
        totals: &ClaimTotals,
    ) -> io::Result<()>;
    /// Writes what is buffered (before waiting for input, and at the end).
    fn flush(&mut self) -> io::Result<()>;
}

/// Reads the header, then every row, computing and writing each as it comes.
fn stream(
    input: Box<dyn Read>,
    setup: &Setup,
    mut progress: Progress,
    mut sink: impl Sink,
) -> Result<ClaimTotals, Failure> {
    let mut lines = Lines::new(input, MAX_LINE);
    let header = loop {
        let number = lines.number() + 1;
        match lines.next_line(&mut || sink.flush())? {
            None => return Err(Failure::NoRows),
            Some(Line::TooLong { prefix, len }) => {
                return Err(Failure::Header(InputError::too_long(
                    number, len, MAX_LINE, prefix,
                )));
            }
            Some(Line::Text(bytes)) => {
                let bom = bytes.starts_with(b"\xef\xbb\xbf");
                let bytes = bytes.get(if bom { 3 } else { 0 }..).unwrap_or_default();
                let text = std::str::from_utf8(bytes).map_err(|e| {
                    Failure::Header(InputError::NotUtf8 {
                        line: number,
                        byte: e.valid_up_to() + 1,
                    })
                })?;
                if !text.trim().is_empty() {
                    let text = text.to_owned();
                    break Header::parse(&text, bom, lines.crlf()).map_err(Failure::Header)?;
                }
            }
        }
    };

    let mut row = Row::default();
    let mut totals = ClaimTotals::default();
    let mut claim_month = setup.month;
    let mut index = 0;
    loop {
        let number = lines.number() + 1;
        let Some(line) = lines.next_line(&mut || sink.flush())? else {
            break;
        };
        let result = read_row(line, number, &header, &mut row);
        let result = match result {
            Ok(()) if row.is_blank() || header.is_totals(&row) => continue,
            Ok(()) => compute_row(&header, &row, setup, number, &mut claim_month),
            Err(e) => {
                row.clear();
                Err(Refusal::from(e))
            }
        };
        let done = claim_line(
            index,
            &header,
            &row,
            number,
            result,
            setup.lang,
            &mut totals,
        );
        if index == 0 {
            sink.begin(&header)?;
        }
        sink.row(&header, number, &row, &done)?;
        index += 1;
        progress.row(lines.bytes());
    }
    progress.finish(lines.bytes());
    if index == 0 {
        return Err(Failure::NoRows);
    }
    sink.end(&header, claim_month, &totals)?;
    sink.flush()?;
    Ok(totals)
}

/// Splits one line into `row`.
fn read_row(line: Line<'_>, number: u64, header: &Header, row: &mut Row) -> Result<(), InputError> {
    let bytes = match line {
        Line::TooLong { prefix, len } => {
            return Err(InputError::too_long(number, len, MAX_LINE, prefix));
        }
        Line::Text(bytes) => bytes,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| InputError::NotUtf8 {
        line: number,
        byte: e.valid_up_to() + 1,
    })?;
    row.split(text, header.dialect.sep, header.cols.len())
        .map_err(|e| match e {
            SplitError::TooManyCells { .. } => InputError::TooManyCells {
                line: number,
                header: header.cols.len(),
            },
            SplitError::UnclosedQuote { cell } => InputError::UnclosedQuote { line: number, cell },
        })
}

/// A cell as the core reads it: thousands separators dropped from numbers, a decimal comma
/// made a point in the `;` dialect.
fn normalise(cell: &str, kind: Kind, dialect: Dialect) -> String {
    match kind {
        Kind::Money | Kind::Hours | Kind::Days => {
            let mut value: String = cell
                .chars()
                .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
                .collect();
            if dialect.decimal_comma() {
                value = value.replace(',', ".");
            }
            value
        }
        // Spreadsheets capitalise (`APLD`) and the CLI spells options in kebab case.
        Kind::Choice => cell.to_ascii_lowercase().replace('-', "_"),
        Kind::Text | Kind::Month | Kind::Date | Kind::Count | Kind::Flag => cell.to_owned(),
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

/// Reads one row into the core's input and computes it.
fn compute_row(
    header: &Header,
    row: &Row,
    setup: &Setup,
    number: u64,
    claim_month: &mut Option<Month>,
) -> Result<Outcome, Refusal> {
    let mut map = Map::new();
    for (i, col) in header.cols.iter().enumerate() {
        let (Col::Input(c), cell) = (col, row.cell(i)) else {
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
        let month = setup.month.ok_or(InputError::NoMonth { line: number })?;
        map.insert("month".into(), Value::String(month.to_string()));
    }
    // The core reads the row as it reads JSON: the error names the column (its field).
    let input: EmployeeMonth = from_json_value(Value::Object(map))?;
    let month = *claim_month.get_or_insert(input.month);
    if input.month != month {
        return Err(Refusal {
            error: Box::new(IndemnityError::ClaimMonthMismatch {
                claim: month.to_string(),
                line: input.month.to_string(),
            }),
            column: Some("month"),
        });
    }
    Ok(compute(&setup.book, &input, &setup.options)?)
}

/// The claim line of one row, counted in the totals.
fn claim_line(
    index: usize,
    header: &Header,
    row: &Row,
    number: u64,
    result: Result<Outcome, Refusal>,
    lang: Lang,
    totals: &mut ClaimTotals,
) -> ClaimLine {
    let employee = header
        .input("employee")
        .map(|i| row.cell(i))
        .filter(|e| !e.is_empty())
        .map_or_else(|| line_label(lang, number), str::to_owned);
    match result {
        Ok(outcome) => totals.record(index, Some(employee), Ok(outcome), lang),
        Err(refusal) => {
            totals.add_refused();
            let message = refusal.error.message(lang);
            // The column is named once: the core's message may already name it.
            let column = refusal.column.filter(|c| !message.contains(c));
            let place = match column {
                Some(column) if lang == Lang::En => {
                    format!("{}, column {column}", line_label(lang, number))
                }
                Some(column) => format!("{}, colonne {column}", line_label(lang, number)),
                None => line_label(lang, number),
            };
            // Errors of reading already name their line.
            let message = if message.starts_with(&line_label(lang, number)) {
                message
            } else if lang == Lang::En {
                format!("{place}: {message}")
            } else {
                format!("{place} : {message}")
            };
            ClaimLine {
                index,
                employee: Some(employee),
                outcome: None,
                error_code: Some(refusal.error.code().to_owned()),
                error_message: Some(message),
            }
        }
    }
}

/// The aligned table.
struct TableSink<W: Write> {
    out: W,
    lang: Lang,
}

impl<W: Write> TableSink<W> {
    fn new(out: W, lang: Lang) -> Self {
        TableSink { out, lang }
    }
}

impl<W: Write> Sink for TableSink<W> {
    fn begin(&mut self, _: &Header) -> io::Result<()> {
        let fr = self.lang != Lang::En;
        writeln!(
            self.out,
            "{:<20} {:>8} {:>8} {:>9} {:>11} {:>9} {:>11}  {}",
            if fr { "salarié" } else { "employee" },
            if fr { "h chôm." } else { "h off" },
            if fr { "h indem." } else { "h comp." },
            "ind./h",
            if fr { "indemnité" } else { "indemnity" },
            "alloc./h",
            "allocation",
            if fr { "erreur" } else { "error" }
        )
    }

    fn row(&mut self, _: &Header, _: u64, _: &Row, line: &ClaimLine) -> io::Result<()> {
        let name = escape_controls(line.employee.as_deref().unwrap_or_default());
        match &line.outcome {
            Some(o) => writeln!(
                self.out,
                "{:<20} {:>8} {:>8} {:>9} {:>11} {:>9} {:>11}",
                name,
                o.hours_not_worked.to_string(),
                o.hours_compensated.to_string(),
                o.employee_hourly_indemnity.to_string(),
                o.employee_indemnity.to_string(),
                o.employer_hourly_allocation.to_string(),
                o.employer_allocation.to_string()
            ),
            None => writeln!(
                self.out,
                "{:<20} {:>70}  {}: {}",
                name,
                "",
                line.error_code.as_deref().unwrap_or_default(),
                escape_controls(line.error_message.as_deref().unwrap_or_default())
            ),
        }
    }

    fn end(&mut self, _: &Header, month: Option<Month>, t: &ClaimTotals) -> io::Result<()> {
        let fr = self.lang != Lang::En;
        let month = month.map_or_else(|| "—".to_owned(), |m| m.to_string());
        writeln!(
            self.out,
            "Total {} : {} {}, {} {} ; {} {} h ; {} {} € ; {} {} € ; allocation {} € ; {} {} €",
            month,
            group(t.employees, self.lang),
            if fr { "salariés" } else { "employees" },
            group(t.employees_refused, self.lang),
            if fr { "refusés" } else { "refused" },
            if fr {
                "heures indemnisées"
            } else {
                "hours compensated"
            },
            t.hours_compensated,
            if fr { "indemnités" } else { "indemnities" },
            t.employee_indemnity,
            if fr {
                "compléments RMM"
            } else {
                "rmm complements"
            },
            t.rmm_complement,
            t.employer_allocation,
            if fr {
                "reste à charge"
            } else {
                "rest payable"
            },
            t.rest_payable_by_employer
        )
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// One JSON document, the library's `ClaimOutcome` (`lines`, then `month` and `totals`, known
/// at the end), written line by line.
struct JsonSink<W: Write> {
    out: W,
    first: bool,
    buf: Vec<u8>,
}

impl<W: Write> JsonSink<W> {
    fn new(out: W) -> Self {
        JsonSink {
            out,
            first: true,
            buf: Vec::new(),
        }
    }

    /// Writes `value` pretty-printed, indented by `indent` spaces.
    fn nested(&mut self, value: &impl serde::Serialize, indent: &[u8]) -> io::Result<()> {
        self.buf.clear();
        serde_json::to_writer_pretty(&mut self.buf, value).map_err(io::Error::other)?;
        let text = String::from_utf8_lossy(&self.buf);
        for (i, part) in json_safe(&text).split('\n').enumerate() {
            if i > 0 {
                self.out.write_all(b"\n")?;
                self.out.write_all(indent)?;
            }
            self.out.write_all(part.as_bytes())?;
        }
        Ok(())
    }
}

impl<W: Write> Sink for JsonSink<W> {
    fn begin(&mut self, _: &Header) -> io::Result<()> {
        self.out.write_all(b"{\n  \"lines\": [")
    }

    fn row(&mut self, _: &Header, _: u64, _: &Row, line: &ClaimLine) -> io::Result<()> {
        self.out
            .write_all(if self.first { b"\n    " } else { b",\n    " })?;
        self.first = false;
        self.nested(line, b"    ")
    }

    fn end(&mut self, _: &Header, month: Option<Month>, totals: &ClaimTotals) -> io::Result<()> {
        self.out.write_all(b"\n  ],\n  \"month\": ")?;
        self.nested(&month, b"  ")?;
        self.out.write_all(b",\n  \"totals\": ")?;
        self.nested(totals, b"  ")?;
        self.out.write_all(b"\n}\n")
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// CSV in the input's dialect: the input's columns (plus `month` when it came from `--month`),
/// then [`OUTPUT_COLUMNS`]; a totals row last.
struct CsvSink<W: Write> {
    out: W,
    lang: Lang,
    /// The month from `--month`, written in an added `month` column when the input has none.
    added_month: Option<Month>,
}

impl<W: Write> CsvSink<W> {
    fn new(out: W, lang: Lang, month: Option<Month>) -> Self {
        CsvSink {
            out,
            lang,
            added_month: month,
        }
    }

    fn cells<'a>(&mut self, sep: u8, cells: impl IntoIterator<Item = &'a str>) -> io::Result<()> {
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                self.out.write_all(&[sep])?;
            }
            write_cell(&mut self.out, &escape_controls(cell), sep)?;
        }
        Ok(())
    }

    /// The input columns echoed: every input column of the header, in its order.
    fn echoed(header: &Header) -> impl Iterator<Item = usize> + '_ {
        header
            .cols
            .iter()
            .enumerate()
            .filter(|(_, c)| matches!(c, Col::Input(_)))
            .map(|(i, _)| i)
    }
}

impl<W: Write> Sink for CsvSink<W> {
    fn begin(&mut self, header: &Header) -> io::Result<()> {
        if header.input("month").is_some() {
            self.added_month = None;
        }
        if header.dialect.bom {
            self.out.write_all("\u{feff}".as_bytes())?;
        }
        let mut names: Vec<&str> = CsvSink::<W>::echoed(header)
            .filter_map(|i| header.names.get(i).map(String::as_str))
            .collect();
        if self.added_month.is_some() {
            names.push("month");
        }
        names.extend_from_slice(OUTPUT_COLUMNS);
        self.cells(header.dialect.sep, names)?;
        self.out.write_all(header.dialect.eol())
    }

    fn row(&mut self, header: &Header, number: u64, row: &Row, line: &ClaimLine) -> io::Result<()> {
        let d = header.dialect;
        let mut cells: Vec<std::borrow::Cow<'_, str>> = CsvSink::<W>::echoed(header)
            .map(|i| row.cell(i).into())
            .collect();
        if let Some(month) = self.added_month {
            cells.push(month.to_string().into());
        }
        cells.push(number.to_string().into());
        let amount = |v: &dyn std::fmt::Display| d.number(&v.to_string()).into_owned().into();
        match &line.outcome {
            Some(o) => {
                cells.push(COMPUTED.into());
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
                cells.push(REFUSED.into());
                cells.extend(std::iter::repeat_n("".into(), 10));
                cells.push(line.error_code.as_deref().unwrap_or_default().into());
                cells.push(line.error_message.as_deref().unwrap_or_default().into());
            }
        }
        self.cells(d.sep, cells.iter().map(|c| c.as_ref()))?;
        self.out.write_all(d.eol())
    }

    fn end(&mut self, header: &Header, month: Option<Month>, t: &ClaimTotals) -> io::Result<()> {
        let d = header.dialect;
        let amount = |v: &dyn std::fmt::Display| d.number(&v.to_string()).into_owned();
        let mut cells: Vec<String> = CsvSink::<W>::echoed(header)
            .map(|i| match header.cols.get(i) {
                Some(Col::Input(c)) => match COLUMNS.get(*c).map(|(n, _)| *n) {
                    Some("month") => month.map(|m| m.to_string()).unwrap_or_default(),
                    Some("hours_not_worked") => amount(&t.hours_not_worked),
                    _ => String::new(),
                },
                _ => String::new(),
            })
            .collect();
        if self.added_month.is_some() {
            cells.push(month.map(|m| m.to_string()).unwrap_or_default());
        }
        let summary = if self.lang == Lang::En {
            format!(
                "{} employees, {} refused",
                group(t.employees, self.lang),
                group(t.employees_refused, self.lang)
            )
        } else {
            format!(
                "{} salariés, {} refusés",
                group(t.employees, self.lang),
                group(t.employees_refused, self.lang)
            )
        };
        cells.extend([
            String::new(),
            TOTAL.to_owned(),
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

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    /// Every column is a field of `EmployeeMonth`: a row with all of them is read, and each
    /// column name is in `apart claim --help`.
    #[test]
    fn columns_are_the_fields_of_employee_month() {
        let mut map = Map::new();
        for (name, kind) in COLUMNS {
            let value = match kind {
                Kind::Text => "A",
                Kind::Month => "2026-01",
                Kind::Date => "2026-01-05",
                Kind::Money | Kind::Hours => "10",
                Kind::Days => "1",
                Kind::Count | Kind::Flag => continue,
                Kind::Choice if *name == "apld_majorated_by" => "covid_closed",
                Kind::Choice if *name == "regime" => "apld",
                Kind::Choice if *name == "overtime" => "structural",
                Kind::Choice => "mainland",
            };
            map.insert((*name).into(), Value::String(value.into()));
        }
        map.insert("category".into(), Value::String("full_time".into()));
        let parsed: Result<EmployeeMonth, _> = serde_json::from_value(Value::Object(map));
        assert!(parsed.is_ok(), "{parsed:?}");
        for (name, _) in COLUMNS {
            assert!(
                crate::cli::CLAIM_COLUMNS_HELP.contains(&format!("\n  {name} ")),
                "{name} is not in the help"
            );
        }
        // And the help lists no other column.
        let listed = crate::cli::CLAIM_COLUMNS_HELP
            .lines()
            .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
            .count();
        assert_eq!(listed, COLUMNS.len());
    }

    #[test]
    fn header_errors() {
        let h = Header::parse("Employee;GROSS_MONTHLY;hours_not_worked", false, false).unwrap();
        assert_eq!(h.dialect.sep, b';');
        assert_eq!(h.input("gross_monthly"), Some(1));
        let e = Header::parse("employee,grossmonthly", false, false).unwrap_err();
        assert_eq!(e.code(), "INPUT_UNKNOWN_FIELD");
        assert!(e.message(Lang::En).contains("« grossmonthly »"));
        let e = Header::parse("employee,employee", false, false).unwrap_err();
        assert_eq!(e.code(), "INPUT_MALFORMED");
        // The output columns of `--format csv` are accepted (and ignored).
        Header::parse(
            "employee,gross_monthly,line,status,error_message",
            false,
            false,
        )
        .unwrap();
    }

    #[test]
    fn normalised_cells() {
        let semi = Dialect::of_header("a;b", false, false);
        let comma = Dialect::of_header("a,b", false, false);
        assert_eq!(normalise("6 000,50", Kind::Money, semi), "6000.50");
        assert_eq!(normalise("6\u{a0}000.50", Kind::Money, comma), "6000.50");
        assert_eq!(
            normalise("Droit-Commun", Kind::Choice, comma),
            "droit_commun"
        );
        assert_eq!(normalise("Zoé, RH", Kind::Text, semi), "Zoé, RH");
    }
}
