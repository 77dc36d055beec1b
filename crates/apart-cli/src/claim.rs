//! `apart claim FILE.csv`: a whole monthly claim (DI) from a CSV file, streamed.
//!
//! The file is read by the core's claim reader ([`apart::indemnity::claim_csv`], the same as
//! Python's and Node's): one header row, then one employee per row; `,` or `;` (with decimal
//! commas), quoted cells, thousands grouped with spaces; the columns are listed by
//! `apart claim --help`. A row that cannot be read or computed is reported with its error code
//! and a message naming its line (and its column when one is at fault), and left out of the
//! totals. This module holds the I/O: opening the file, the progress bar, and the three output
//! formats.
//!
//! # Bounded memory
//!
//! The reader keeps one line at a time (a line longer than
//! [`apart::indemnity::claim_csv::MAX_LINE`] is refused by number and skipped without being
//! kept), and each result is written as soon as it is computed: the table, the JSON document
//! and the CSV all stream, so memory does not grow with the file. Only the totals are carried
//! from row to row.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::process::ExitCode;

use apart::Diagnostic;
use apart::calendar::Month;
use apart::diagnostic::Lang;
use apart::indemnity::claim_csv::{
    ClaimCsvReader, CsvError, CsvRow, CsvSettings, CsvWriter, Header, ReadError,
};
use apart::indemnity::{ClaimLine, ClaimTotals, Explain, FullTimeFloor, Options};
use apart::law::LawBook;
use apart::money::RoundingPolicy;

use crate::cli::{ClaimArgs, ClaimFormat};
use crate::progress::Progress;
use crate::report::print_error;
use crate::text::{escape_controls, json_safe};

/// The options of a run, parsed once.
struct Setup {
    book: Cow<'static, LawBook>,
    options: Options,
    settings: CsvSettings,
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
        settings: CsvSettings::with_month(month),
    };
    let name = args.file.display().to_string();
    let (input, size): (Box<dyn Read>, Option<u64>) = if name == "-" {
        (Box::new(io::stdin().lock()), crate::progress::stdin_size())
    } else {
        match File::open(&args.file) {
            Ok(f) => {
                let size = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
                (Box::new(f), size)
            }
            Err(e) => {
                eprintln!("{}: {e}", apart::diagnostic::quote(&name));
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
            eprintln!("{}: {e}", apart::diagnostic::quote(&name));
            ExitCode::from(2)
        }
        Err(Failure::Header(e)) => {
            print_error(
                e.as_ref(),
                lang,
                json,
                Some(&apart::diagnostic::quote(&name)),
            );
            ExitCode::from(2)
        }
        // An empty file, or a header alone: nothing to claim, the input cannot be used.
        Err(Failure::NoRows) => {
            let error = apart::indemnity::claim_csv::CsvError::NoRows;
            print_error(&error, lang, json, Some(&apart::diagnostic::quote(&name)));
            ExitCode::from(2)
        }
    }
}

/// Why a run stopped before its end.
enum Failure {
    /// Reading the input or writing the output failed.
    Io(io::Error),
    /// The header cannot be read: no row can be.
    Header(Box<CsvError>),
    /// The file has a header and no row.
    NoRows,
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

impl From<ReadError> for Failure {
    fn from(e: ReadError) -> Self {
        match e {
            ReadError::Io(e) => Failure::Io(e),
            ReadError::Csv(e) if *e == CsvError::NoRows => Failure::NoRows,
            ReadError::Csv(e) => Failure::Header(e),
            // A kind of failure added later: stop, saying what it is.
            other => Failure::Io(io::Error::other(other.to_string())),
        }
    }
}

/// Where results go, one row at a time.
trait Sink {
    /// Called once, before the first row, with the header.
    fn begin(&mut self, header: &Header) -> io::Result<()>;
    /// One row (its cells are empty when the line could not be split) and its claim line.
    fn row(&mut self, header: &Header, row: &CsvRow<'_>, done: &ClaimLine) -> io::Result<()>;
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

/// Reads the header, then every row through the core's reader, computing and writing each as
/// it comes.
fn stream(
    input: Box<dyn Read>,
    setup: &Setup,
    mut progress: Progress,
    mut sink: impl Sink,
) -> Result<ClaimTotals, Failure> {
    let input = BufReader::with_capacity(64 * 1024, input);
    let mut reader = ClaimCsvReader::new_with(input, &setup.settings, &mut || sink.flush())?;
    let mut totals = ClaimTotals::default();
    let header = reader.header().clone();
    while let Some(row) = reader.next_row_with(&mut || sink.flush())? {
        let result = row.compute(&setup.book, &setup.options);
        let done = row.claim_line(result, &mut totals);
        if row.index() == 0 {
            sink.begin(&header)?;
        }
        sink.row(&header, &row, &done)?;
        progress.row(reader.bytes_read());
    }
    progress.finish(reader.bytes_read());
    if reader.rows() == 0 {
        return Err(Failure::NoRows);
    }
    sink.end(&header, reader.claim_month(), &totals)?;
    sink.flush()?;
    Ok(totals)
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

    fn row(&mut self, _: &Header, row: &CsvRow<'_>, line: &ClaimLine) -> io::Result<()> {
        // A row without an employee cell is shown by its line number.
        let name = match &line.employee {
            Some(name) => escape_controls(name),
            None => apart::lines::line_label(self.lang, row.line()).into(),
        };
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
                line.error_code().unwrap_or_default(),
                escape_controls(line.error_message(self.lang).unwrap_or_default())
            ),
        }
    }

    fn end(&mut self, _: &Header, month: Option<Month>, t: &ClaimTotals) -> io::Result<()> {
        let fr = self.lang != Lang::En;
        let month = month.map_or_else(|| "—".to_owned(), |m| m.to_string());
        writeln!(
            self.out,
            "Total {} : {} ; {} {} h ; {} {} € ; {} {} € ; allocation {} € ; {} {} €",
            month,
            t.summary(self.lang),
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

    fn row(&mut self, _: &Header, _: &CsvRow<'_>, line: &ClaimLine) -> io::Result<()> {
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

/// CSV in the input's dialect, written by the core's [`CsvWriter`] (control characters escaped).
struct CsvSink<W: Write>(CsvWriter<W>);

impl<W: Write> CsvSink<W> {
    fn new(out: W, lang: Lang, month: Option<Month>) -> Self {
        CsvSink(CsvWriter::new(out, lang, month, escape_controls))
    }
}

impl<W: Write> Sink for CsvSink<W> {
    fn begin(&mut self, header: &Header) -> io::Result<()> {
        self.0.begin(header)
    }

    fn row(&mut self, header: &Header, row: &CsvRow<'_>, line: &ClaimLine) -> io::Result<()> {
        self.0.row(header, row, line)
    }

    fn end(&mut self, header: &Header, month: Option<Month>, t: &ClaimTotals) -> io::Result<()> {
        self.0.end(header, month, t)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.get_mut().flush()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use apart::indemnity::claim_csv::write_cell;
    use proptest::prelude::*;

    /// Every column of the core's claim reader is in `apart claim --help`, and no other.
    #[test]
    fn the_help_lists_the_columns() {
        let columns: Vec<&str> = apart::indemnity::claim_csv::input_columns().collect();
        for name in &columns {
            assert!(
                crate::cli::CLAIM_COLUMNS_HELP.contains(&format!("\n  {name} ")),
                "{name} is not in the help"
            );
        }
        let listed = crate::cli::CLAIM_COLUMNS_HELP
            .lines()
            .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
            .count();
        assert_eq!(listed, columns.len());
    }

    fn setup(month: Option<&str>) -> Setup {
        Setup {
            book: Cow::Borrowed(LawBook::shared().unwrap()),
            options: Options::default(),
            settings: CsvSettings::with_month(month.map(|m| m.parse().unwrap())),
        }
    }

    /// `apart claim --format csv` (or `json`) on `input`, in memory.
    fn run_on(input: &[u8], month: Option<&str>, csv: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let input: Box<dyn Read> = Box::new(std::io::Cursor::new(input.to_vec()));
        let progress = Progress::new(false, None, Lang::Fr);
        let setup = setup(month);
        if csv {
            stream(
                input,
                &setup,
                progress,
                CsvSink::new(&mut out, Lang::Fr, setup.settings.month),
            )
        } else {
            stream(input, &setup, progress, JsonSink::new(&mut out))
        }
        .ok()
        .unwrap();
        out
    }

    /// One row: a name (any text without control characters), an amount and hours as the dialect writes them,
    /// or a cell the reader refuses.
    fn row() -> impl Strategy<Value = [String; 3]> {
        (
            // No control characters: the CSV written escapes them for the terminal (`\u{1b}`),
            // so their claim reads back with the escaped text as the name.
            "[^\\p{Cc}\u{202a}-\u{202e}\u{2066}-\u{2069}]{0,16}",
            prop_oneof![
                (0u64..100_000_000).prop_map(|c| format!("{}.{:02}", c / 100, c % 100)),
                Just("abc".to_owned()),
                Just("1e3".to_owned()),
            ],
            prop_oneof![
                (0u32..20_000).prop_map(|c| format!("{}.{:02}", c / 100, c % 100)),
                Just("-3".to_owned()),
                Just("".to_owned()),
            ],
        )
            .prop_map(|(name, gross, hours)| [name, gross, hours])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Issue 17.1: any claim written by `--format csv` reads back, through the same reader,
        /// to the same lines: the CSV written again is the same bytes, and the JSON the same
        /// document.
        #[test]
        fn written_claims_read_back_to_the_same_lines(
            rows in prop::collection::vec(row(), 1..10),
            semi in prop::bool::ANY,
            crlf in prop::bool::ANY,
        ) {
            let sep = if semi { b';' } else { b',' };
            let eol: &[u8] = if crlf { b"\r\n" } else { b"\n" };
            let mut input = Vec::new();
            input.extend_from_slice(if semi { b"employee;gross_monthly;hours_not_worked" } else { b"employee,gross_monthly,hours_not_worked" });
            input.extend_from_slice(eol);
            for cells in &rows {
                for (i, cell) in cells.iter().enumerate() {
                    if i > 0 {
                        input.push(sep);
                    }
                    let cell = if semi { cell.replace('.', ",") } else { cell.clone() };
                    write_cell(&mut input, &cell, sep).unwrap();
                }
                input.extend_from_slice(eol);
            }
            let first = run_on(&input, Some("2026-01"), true);
            let again = run_on(&first, None, true);
            prop_assert_eq!(String::from_utf8_lossy(&first), String::from_utf8_lossy(&again));
            let json_first = run_on(&input, Some("2026-01"), false);
            let json_again = run_on(&first, None, false);
            prop_assert_eq!(String::from_utf8_lossy(&json_first), String::from_utf8_lossy(&json_again));
        }
    }
}
