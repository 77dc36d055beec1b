//! A claim as CSV bytes (`apart::indemnity::claim_csv`, the one reader of `apart claim`, Python
//! and Node): `compute_claim_csv(LawBook::shared(), data, settings, Options::default(),
//! Lang::Fr)` with the month given or not and lines of at most 256 bytes or 64 KiB, and the
//! rows of `ClaimCsvReader` written back with `write_cell`.
//!
//! Checks: no panic, and no I/O error from a reader that cannot fail; a refused file renders
//! short; a claim has one line per row, each either an outcome (no negative amount, reads back)
//! or a code with a short escaped message naming the line; the totals count the lines and add
//! up the outcomes; the claim reads back from its JSON and has the month the settings give; when
//! no line is longer than 256 bytes the limit changes no row read (the claim is computed from
//! its rows); every row's cells, written back
//! in the file's dialect (`write_cell`), read back the same, giving the same employee-month.

use apart::indemnity::claim_csv::{
    ClaimCsvReader, CsvSettings, MAX_LINE, ReadError, compute_claim_csv, write_cell,
};
use apart::indemnity::{ClaimOutcome, Options};
use apart::law::LawBook;
use apart::money::Euros;
use apart::{Diagnostic, calendar::Month};

use crate::targets::law_file::check_amounts;
use crate::{MAX_MESSAGE_CHARS, check_diagnostic, is_bidi_control};

/// The month of the claim when the settings give one (the CLI's `--month`).
fn claim_month() -> Month {
    "2026-01".parse().expect("a month")
}

/// The longest line of `data` as the reader counts it (a `\r` before the `\n` left out).
fn longest_line(data: &[u8]) -> usize {
    data.split(|&b| b == b'\n')
        .map(|line| line.len() - usize::from(line.ends_with(b"\r")))
        .max()
        .unwrap_or(0)
}

/// A refusal's message on a claim line: short, escaped, naming its line.
fn check_message(message: &str, line_word: &str) {
    let chars = message.chars().count();
    assert!(
        chars <= MAX_MESSAGE_CHARS,
        "a message of {chars} characters"
    );
    assert!(
        !message
            .chars()
            .any(|c| c.is_control() || is_bidi_control(c)),
        "raw control character in {message:?}"
    );
    assert!(message.starts_with(line_word), "no line in {message:?}");
}

/// A claim read from CSV is sound.
fn check_claim(claim: &ClaimOutcome, settings: &CsvSettings) {
    if let Some(month) = settings.month {
        assert_eq!(claim.month, month);
    }
    let totals = &claim.totals;
    assert_eq!(
        usize::try_from(totals.employees + totals.employees_refused).ok(),
        Some(claim.lines.len())
    );
    let mut indemnity = Some(Euros::ZERO);
    let mut accepted = 0;
    for (i, line) in claim.lines.iter().enumerate() {
        assert_eq!(line.index, i);
        // The employee cell when there is one, never a made-up label (a blank cell is none).
        assert!(
            line.employee.as_deref().is_none_or(|e| !e.is_empty()),
            "a line whose employee is empty"
        );
        match (&line.outcome, &line.error) {
            (Some(outcome), None) => {
                // Its JSON round trip is the claim's below: a line's outcome is written and
                // read as a plain field, the same text as on its own.
                check_amounts(outcome);
                assert_eq!(outcome.month, claim.month);
                accepted += 1;
                indemnity =
                    indemnity.and_then(|sum| sum.checked_add(outcome.employee_indemnity).ok());
            }
            (None, Some(error)) => {
                assert!(!error.code.is_empty());
                check_message(&error.messages.fr, "ligne ");
                check_message(&error.messages.en, "line ");
            }
            _ => panic!("a line is neither an outcome nor a refusal: {line:?}"),
        }
    }
    assert_eq!(totals.employees, accepted);
    if let Some(indemnity) = indemnity {
        assert_eq!(totals.employee_indemnity, indemnity);
    }
    let json = serde_json::to_string(claim).expect("a claim serialises");
    let back: ClaimOutcome = serde_json::from_str(&json).expect("a claim reads back");
    assert_eq!(&back, claim);
}

/// Reads `data` with `settings`: the claim, or the code of a refused file.
fn claim(data: &[u8], settings: &CsvSettings) -> Result<ClaimOutcome, &'static str> {
    let book = LawBook::shared().expect("the built-in law");
    match compute_claim_csv(book, data, settings, &Options::default()) {
        Ok(claim) => {
            check_claim(&claim, settings);
            Ok(claim)
        }
        Err(ReadError::Csv(e)) => {
            check_diagnostic(e.as_ref());
            Err(e.code())
        }
        Err(e) => panic!("an error other than the claim's from bytes: {e}"),
    }
}

/// A row as the reader gave it: its cells and its employee-month (or the code of its error).
type Row = (Vec<String>, Result<String, &'static str>);

/// The header's names and the rows of `data`, or the code of the header's error.
fn rows(data: &[u8], settings: &CsvSettings) -> Result<(u8, Vec<String>, Vec<Row>), &'static str> {
    let mut reader = ClaimCsvReader::new(data, settings).map_err(|e| match e {
        ReadError::Csv(e) => e.code(),
        e => panic!("bytes never fail: {e}"),
    })?;
    let header = reader.header();
    let names = (0..header.len())
        .map(|i| header.name(i).expect("a column's name").to_owned())
        .collect();
    let sep = header.dialect().sep;
    let mut out = Vec::new();
    while let Some(row) = reader.next_row().expect("bytes never fail") {
        let cells = row.cells();
        let cells = (0..cells.len()).map(|i| cells.cell(i).to_owned()).collect();
        let input = match row.input() {
            Ok(input) => Ok(serde_json::to_string(input).expect("an input serialises")),
            Err(e) => Err(e.code()),
        };
        out.push((cells, input));
    }
    Ok((sep, names, out))
}

/// The rows written back with `write_cell` read back the same: `read` is what [`rows`] gives
/// for `data` with the claim's month and the default line limit.
fn check_rewrite(read: Result<(u8, Vec<String>, Vec<Row>), &'static str>) {
    let settings = CsvSettings {
        month: Some(claim_month()),
        max_line: MAX_LINE,
    };
    let Ok((sep, names, given)) = read else {
        return;
    };
    let mut text = Vec::new();
    let mut line = |cells: &[String]| {
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                text.push(sep);
            }
            write_cell(&mut text, cell, sep).expect("a Vec never fails");
        }
        text.push(b'\n');
    };
    line(&names);
    // Rows that could not be split have no cells to write.
    let kept: Vec<&Row> = given
        .iter()
        .filter(|(cells, _)| !cells.is_empty())
        .collect();
    for (cells, _) in &kept {
        line(cells);
    }
    let wide = CsvSettings {
        max_line: MAX_LINE * 4,
        ..settings
    };
    let (sep_back, names_back, rows_back) = rows(&text, &wide).unwrap_or_else(|_| {
        panic!(
            "a header written back does not read: {:?}",
            String::from_utf8_lossy(&text)
        )
    });
    assert_eq!(sep_back, sep);
    assert_eq!(names_back, names);
    let back: Vec<&Row> = rows_back.iter().collect();
    assert_eq!(
        back,
        kept,
        "rows written back read differently: {:?}",
        String::from_utf8_lossy(&text)
    );
}

/// One fuzz input.
pub fn run(data: &[u8]) {
    let short = longest_line(data) <= 256;
    // The rows with the claim's month and the default limit: compared with the narrow limit's
    // and written back (read once for both, not once for each).
    let read = rows(
        data,
        &CsvSettings {
            month: Some(claim_month()),
            max_line: MAX_LINE,
        },
    );
    for month in [Some(claim_month()), None] {
        let narrow = CsvSettings {
            month,
            max_line: 256,
        };
        let wide = CsvSettings {
            month,
            max_line: MAX_LINE,
        };
        let _ = claim(data, &wide);
        if short {
            // A claim is computed from its rows alone: when the limit changes no row, it
            // changes nothing (computing the claim again doubled the cost of every input).
            let narrow_rows = rows(data, &narrow);
            if month.is_some() {
                assert_eq!(
                    narrow_rows, read,
                    "the line limit changed a claim of short lines"
                );
            } else {
                assert_eq!(
                    narrow_rows,
                    rows(data, &wide),
                    "the line limit changed a claim of short lines"
                );
            }
        } else {
            let _ = claim(data, &narrow);
        }
    }
    check_rewrite(read);
}
