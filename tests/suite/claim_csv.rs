//! The claim CSV reader (`apart::indemnity::claim_csv`, issue 15.3, 13.3): property tests.
//!
//! * any claim written in either dialect (cells through `write_cell`, numbers with the
//!   dialect's decimal separator and grouped thousands) reads back to the same employee-months;
//! * the reader never panics, whatever the bytes, and every refused row names its line;
//! * a claim read from CSV computes the same lines as the same employees given as records.

use apart::indemnity::claim_csv::{
    ClaimCsv, ClaimCsvReader, CsvSettings, Dialect, ReadError, compute_claim_csv, input_columns,
    write_cell, write_claim_csv,
};
use apart::indemnity::{EmployeeMonth, Options, compute_claim};
use apart::law::LawBook;
use apart::{Diagnostic, Lang};
use proptest::prelude::*;

/// One employee as a test writes it.
#[derive(Debug, Clone)]
struct Employee {
    name: String,
    /// Cents.
    gross: u64,
    /// Hundredths of an hour.
    hours: u32,
}

fn employee() -> impl Strategy<Value = Employee> {
    // Names: any text without line breaks (a claim is one record per line), separators and
    // quotes included.
    ("[^\r\n]{0,24}", 0u64..2_000_000_000, 0u32..20_000).prop_map(|(name, gross, hours)| Employee {
        name,
        gross,
        hours,
    })
}

/// `cents` as the dialect writes it, thousands grouped with a space or a no-break space when
/// `grouped`.
fn number(units: u64, dialect: Dialect, grouped: bool) -> String {
    let whole = (units / 100).to_string();
    let mut text = String::new();
    for (i, d) in whole.chars().enumerate() {
        if grouped && i > 0 && (whole.len() - i).is_multiple_of(3) {
            text.push(if i % 2 == 0 { ' ' } else { '\u{a0}' });
        }
        text.push(d);
    }
    text.push(if dialect.decimal_comma() { ',' } else { '.' });
    text.push_str(&format!("{:02}", units % 100));
    text
}

/// `units` hundredths as a plain decimal (`1234.50`).
fn plain(units: u64) -> String {
    format!("{}.{:02}", units / 100, units % 100)
}

fn write_claim(employees: &[Employee], dialect: Dialect, grouped: bool) -> Vec<u8> {
    let sep = dialect.sep;
    let mut out = Vec::new();
    if dialect.bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    for (i, name) in ["employee", "gross_monthly", "hours_not_worked"]
        .iter()
        .enumerate()
    {
        if i > 0 {
            out.push(sep);
        }
        out.extend_from_slice(name.as_bytes());
    }
    out.extend_from_slice(dialect.eol());
    for e in employees {
        write_cell(&mut out, &e.name, sep).unwrap();
        out.push(sep);
        write_cell(&mut out, &number(e.gross, dialect, grouped), sep).unwrap();
        out.push(sep);
        write_cell(&mut out, &number(u64::from(e.hours), dialect, grouped), sep).unwrap();
        out.extend_from_slice(dialect.eol());
    }
    out
}

fn dialect() -> impl Strategy<Value = Dialect> {
    (prop::bool::ANY, prop::bool::ANY, prop::bool::ANY).prop_map(|(semi, bom, crlf)| Dialect {
        sep: if semi { b';' } else { b',' },
        bom,
        crlf,
    })
}

/// Bytes that look like a claim: a header of known and unknown columns, then rows of cells
/// made of the characters that matter to the reader.
fn claim_like() -> impl Strategy<Value = Vec<u8>> {
    let columns: Vec<&'static str> = input_columns().chain(["line", "status", "x"]).collect();
    let header = prop::collection::vec(prop::sample::select(columns), 1..6);
    let cell = prop::collection::vec(
        prop::sample::select(vec![
            "1",
            "2",
            "0",
            "70",
            "2000",
            ",",
            ";",
            "\"",
            " ",
            "\u{a0}",
            "-",
            ".",
            "e",
            "é",
            "2026-01",
            "2026-13",
            "apld",
            "Droit-Commun",
            "total",
            "oui",
            "\r",
            "\u{feff}",
            "99999999999999999999999999999",
            "\u{1b}[2J",
        ]),
        0..6,
    )
    .prop_map(|parts| parts.concat());
    let row = prop::collection::vec(cell, 0..7);
    (
        header,
        prop::collection::vec(row, 0..8),
        prop::bool::ANY,
        prop::collection::vec(any::<u8>(), 0..4),
    )
        .prop_map(|(header, rows, semi, junk)| {
            let sep = if semi { ";" } else { "," };
            let mut text = header.join(sep).into_bytes();
            for row in rows {
                text.push(b'\n');
                text.extend_from_slice(row.join(sep).as_bytes());
            }
            text.extend_from_slice(&junk);
            text
        })
}

/// Reads `input` with every setting that matters, and checks what must hold of any answer.
fn read_anything(input: &[u8]) {
    let book = LawBook::shared().unwrap();
    for (month, max_line) in [(None, 64 * 1024), (Some("2026-01"), 40)] {
        let settings = CsvSettings {
            month: month.map(|m| m.parse().unwrap()),
            max_line,
        };
        match compute_claim_csv(book, input, &settings, &Options::default()) {
            Ok(claim) => {
                let t = claim.totals;
                assert_eq!(claim.lines.len() as u64, t.employees + t.employees_refused);
                for (i, line) in claim.lines.iter().enumerate() {
                    assert_eq!(line.index, i);
                    assert_eq!(line.outcome.is_some(), line.error.is_none());
                    if let Some(message) = line.error_message(Lang::Fr) {
                        assert!(message.starts_with("ligne "), "{message}");
                        assert!(message.chars().count() < 600, "{message}");
                    }
                }
            }
            Err(ReadError::Csv(e)) => {
                assert!(!e.code().is_empty());
                assert!(e.message(Lang::En).chars().count() < 1200);
            }
            Err(e) => panic!("{e}"),
        }
        // The row by row reader agrees: every refusal carries its line in its details.
        if let Ok(mut reader) = ClaimCsvReader::new(input, &settings) {
            while let Some(row) = reader.next_row().unwrap() {
                if let Err(e) = row.input() {
                    let line = row.line();
                    assert!(e.details().contains(&("line", line.into())), "{e:?}");
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any claim written in either dialect reads back to the same employees.
    #[test]
    fn written_claims_read_back(
        employees in prop::collection::vec(employee(), 1..12),
        dialect in dialect(),
        grouped in prop::bool::ANY,
    ) {
        let bytes = write_claim(&employees, dialect, grouped);
        let settings = CsvSettings::with_month(Some("2026-01".parse().unwrap()));
        let mut reader = ClaimCsvReader::new(&bytes[..], &settings).unwrap();
        prop_assert_eq!(reader.header().dialect(), dialect);
        let mut read = Vec::new();
        while let Some(row) = reader.next_row().unwrap() {
            let input = row.input().map_err(|e| e.message(Lang::En));
            prop_assert!(input.is_ok(), "line {}: {:?}", row.line(), input);
            read.push(input.unwrap().clone());
        }
        // Rows whose every cell is blank are skipped: none here (the numbers are never blank).
        prop_assert_eq!(read.len(), employees.len());
        for (e, r) in employees.iter().zip(&read) {
            let name = e.name.trim();
            prop_assert_eq!(r.employee.as_deref(), (!name.is_empty()).then_some(name));
            prop_assert_eq!(r.gross_monthly, plain(e.gross).parse().unwrap());
            prop_assert_eq!(r.hours_not_worked, plain(u64::from(e.hours)).parse().unwrap());
        }
    }

    /// A claim read from CSV computes the same lines as the same employees given as records.
    #[test]
    fn csv_and_records_compute_alike(
        employees in prop::collection::vec(employee(), 1..6),
        dialect in dialect(),
    ) {
        let book = LawBook::shared().unwrap();
        let month = "2026-01".parse().unwrap();
        let bytes = write_claim(&employees, dialect, true);
        let from_csv = compute_claim_csv(book, &bytes[..], &CsvSettings::with_month(Some(month)), &Options::default()).unwrap();
        let records: Vec<EmployeeMonth> = employees.iter().map(|e| {
            let mut m = EmployeeMonth::new(
                month,
                plain(e.gross).parse().unwrap(),
                plain(u64::from(e.hours)).parse().unwrap(),
            );
            let name = e.name.trim();
            m.employee = (!name.is_empty()).then(|| name.to_owned());
            m
        }).collect();
        let from_records = compute_claim(book, month, &records, &Options::default());
        prop_assert_eq!(from_csv.totals, from_records.totals);
        for (a, b) in from_csv.lines.iter().zip(&from_records.lines) {
            prop_assert_eq!(&a.outcome, &b.outcome);
            prop_assert_eq!(a.error_code(), b.error_code());
        }
    }

    /// A claim computed a few rows at a time (`ClaimCsv`) is the claim computed in one call, and
    /// the claim the core's writer writes back (`write_claim_csv`) reads back to the same lines.
    #[test]
    fn stepped_and_written_claims_agree(
        employees in prop::collection::vec(employee(), 1..8),
        dialect in dialect(),
        step in 1usize..4,
    ) {
        let (book, options) = (LawBook::shared().unwrap(), Options::default());
        let bytes = write_claim(&employees, dialect, true);
        let settings = CsvSettings::with_month(Some("2026-01".parse().unwrap()));
        let whole = compute_claim_csv(book, &bytes[..], &settings, &options).unwrap();
        let mut stepped = ClaimCsv::new(&bytes[..], &settings).unwrap();
        while stepped.step(book, &options, step).unwrap() {
            prop_assert!(stepped.rows().is_multiple_of(step));
        }
        prop_assert_eq!(&stepped.finish(book, &options).unwrap(), &whole);
        let mut written = Vec::new();
        let (month, totals) =
            write_claim_csv(book, &bytes[..], &settings, &options, Lang::Fr, &mut written).unwrap();
        prop_assert_eq!(month, whole.month);
        prop_assert_eq!(totals, whole.totals);
        // The writer added the settings' month as a column: read back without settings.
        let again =
            compute_claim_csv(book, &written[..], &CsvSettings::default(), &options).unwrap();
        prop_assert_eq!(again.totals, whole.totals);
        prop_assert_eq!(again.lines.len(), whole.lines.len());
        for (a, b) in again.lines.iter().zip(&whole.lines) {
            prop_assert_eq!(&a.outcome, &b.outcome);
            prop_assert_eq!(a.error_code(), b.error_code());
        }
    }

    /// Whatever the bytes, the reader answers (never a panic), within its bounds.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        read_anything(&bytes);
    }

    /// Bytes shaped like a claim reach the deeper paths: cells, numbers, months, options.
    #[test]
    fn claim_like_bytes_never_panic(bytes in claim_like()) {
        read_anything(&bytes);
    }
}

/// Found by the `claim_csv` fuzz target (`fuzz/regressions/claim_csv/`): an unknown column of
/// control characters, escaped in the quote, and the list of the 24 columns made a message of
/// 602 characters. Like an unknown JSON field, it names the nearest column or a short list.
#[test]
fn fuzz_regression_an_unknown_column_message_stays_short() {
    let book = LawBook::shared().unwrap();
    let column = format!("g{}", "\0".repeat(72));
    let input = format!("{column}_closed,1,2026-007\n");
    let err = compute_claim_csv(
        book,
        input.as_bytes(),
        &CsvSettings::default(),
        &Options::default(),
    )
    .unwrap_err();
    let ReadError::Csv(err) = err else {
        panic!("{err}")
    };
    assert_eq!(err.code(), "INPUT_UNKNOWN_FIELD");
    for lang in [Lang::Fr, Lang::En] {
        let message = err.message(lang);
        assert!(message.chars().count() < 450, "{message}");
        assert!(!message.chars().any(char::is_control), "{message:?}");
        assert!(message.ends_with(", …)"), "{message}");
    }
    let typo = compute_claim_csv(
        book,
        &b"employee,Gross_Monthly\nA,1\n"[..],
        &CsvSettings::default(),
        &Options::default(),
    )
    .unwrap_err();
    let ReadError::Csv(typo) = typo else {
        panic!("{typo}")
    };
    assert_eq!(
        typo.message(Lang::En),
        "unknown column « Gross_Monthly » (did you mean « gross_monthly »?)"
    );
}

/// A user trial: a file without the hours column, or a row cut short, computed every employee
/// at 0 hours without a word. Such a row is refused, naming the missing column.
#[test]
fn a_row_without_hours_is_refused() {
    let settings = CsvSettings::with_month(Some("2026-01".parse().unwrap()));
    for csv in [
        "employee,gross_monthly\nA,2000\n",
        "employee,gross_monthly,hours_not_worked\nB,2000\n",
        "employee,gross_monthly,hours_not_worked\nC,2000,\n",
    ] {
        let mut reader = ClaimCsvReader::new(csv.as_bytes(), &settings).unwrap();
        let row = reader.next_row().unwrap().unwrap();
        let err = row.input().unwrap_err();
        assert_eq!(err.code(), "INPUT_MISSING_FIELD", "{csv}");
        assert_eq!(err.column(), Some("hours_not_worked"), "{csv}");
    }
    let days = "employee,gross_monthly,days_not_worked\nD,3000,2\n";
    let mut reader = ClaimCsvReader::new(days.as_bytes(), &settings).unwrap();
    assert!(reader.next_row().unwrap().unwrap().input().is_ok());
}

/// A user trial: `=cmd|calc` or `+1+1` in a claim were written back as they were, in a file
/// the tool tells users to open in a spreadsheet (CSV injection). Formula-like texts are written
/// after a `'`, and read back without it; numbers, negative ones included, are untouched.
#[test]
fn formula_like_cells_are_written_as_text_and_read_back_whole() {
    for (text, written) in [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1+1", "'+1+1"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("-x", "'-x"),
        ("'=x", "''=x"),
        ("'plain", "'plain"),
        ("-46.20", "-46.20"),
        ("+33", "+33"),
        ("Durand", "Durand"),
    ] {
        let mut out = Vec::new();
        write_cell(&mut out, text, b',').unwrap();
        assert_eq!(String::from_utf8(out.clone()).unwrap(), written, "{text}");
        let csv = format!(
            "employee,gross_monthly,hours_not_worked\n{},2000,70\n",
            written
        );
        let settings = CsvSettings::with_month(Some("2026-01".parse().unwrap()));
        let mut reader = ClaimCsvReader::new(csv.as_bytes(), &settings).unwrap();
        let row = reader.next_row().unwrap().unwrap();
        assert_eq!(row.employee(), Some(text), "{written}");
    }
}
