//! A caller's law data, as text: a law file (`LawBook::apply_file`, the file of
//! `apart simulate --law`), a table in the data-file format (`LawBook::replace_table`) and a row
//! in the JSON shape of the bindings (`value::from_json::<Row>` then `LawBook::upsert_row`),
//! the table picked by the input's first byte.
//!
//! Checks: no panic; errors render short; a refused file or row changes nothing; an accepted
//! one leaves a book whose rows pass their own checks (`problems`, except a caller's table
//! verified until an earlier date than the built-in one) and with which the
//! indemnity of a few employee months computes (a typed error or an outcome with no negative
//! amount, that serialises and reads back).

use std::cell::Cell;
use std::sync::LazyLock;

use apart::indemnity::{EmployeeMonth, Options, Outcome, Regime, compute};
use apart::law::{LawBook, LawError, LawProblem, Param, Row};

use crate::check_diagnostic;

/// Employee months over the schemes and years the tables serve (built once).
fn employee_months() -> &'static [EmployeeMonth] {
    static MONTHS: LazyLock<Vec<EmployeeMonth>> = LazyLock::new(|| {
        [
            ("2020-04", Regime::DroitCommun, "2000", "70"),
            ("2021-03", Regime::CovidClosed, "1600", "151.67"),
            ("2022-06", Regime::Apld, "4200", "40"),
            ("2026-01", Regime::DroitCommun, "25000", "100"),
            ("2026-01", Regime::ApldRebond, "1900", "35"),
        ]
        .into_iter()
        .map(|(month, regime, gross, hours)| {
            let mut m = EmployeeMonth::new(
                month.parse().expect("a month"),
                gross.parse().expect("an amount"),
                hours.parse().expect("hours"),
            );
            m.regime = regime;
            m
        })
        .collect()
    });
    &MONTHS
}

thread_local! {
    /// A book equal to the built-in one, kept between inputs: a refused change leaves it equal
    /// (which each refusal asserts), so it is handed back instead of cloning and dropping the
    /// whole book for each of the three changes of every input (most of this target's time).
    static SCRATCH: Cell<Option<LawBook>> = const { Cell::new(None) };
}

/// A book equal to `shared`, to change.
fn scratch(shared: &LawBook) -> LawBook {
    SCRATCH.take().unwrap_or_else(|| shared.clone())
}

/// Checks that a refused change left `book` equal to `shared`, and keeps it for the next one.
fn refused(book: LawBook, shared: &LawBook, what: &str) {
    assert_eq!(&book, shared, "a refused {what} changed the book");
    SCRATCH.set(Some(book));
}

/// An outcome has no negative amount.
pub fn check_amounts(outcome: &Outcome) {
    for amount in [
        outcome.employee_indemnity,
        outcome.employer_allocation,
        outcome.rmm_complement,
    ] {
        assert!(!amount.is_negative(), "a negative amount: {outcome:?}");
    }
}

/// An outcome is sound: no negative amount, and it reads back from its JSON.
pub fn check_outcome(outcome: &Outcome) {
    check_amounts(outcome);
    let json = serde_json::to_string(outcome).expect("an outcome serialises");
    let back: Outcome = serde_json::from_str(&json).expect("an outcome reads back");
    assert_eq!(&back, outcome);
}

/// The problem of a book a caller may leave: a table of theirs verified until a date before
/// `LAST_KNOWN_DATE` (dates after it get a typed error, which [`check_book`] computes), unlike
/// rows out of order, out of range or without a source, or a replaced table that starts after
/// `FIRST_DATE` (refused: `LawBook::checked_table`).
fn coverage_problem(problem: &LawError) -> bool {
    matches!(
        problem,
        LawError::InvalidData {
            problem: LawProblem::VerifiedBeforeRelease { .. },
            ..
        }
    )
}

/// A book the caller changed: its rows pass their checks, and it computes.
fn check_book(book: &LawBook) {
    let problems: Vec<LawError> = book
        .problems()
        .into_iter()
        .filter(|p| !coverage_problem(p))
        .collect();
    assert_eq!(problems, Vec::<LawError>::new());
    let options = Options::default();
    for month in employee_months() {
        match compute(book, month, &options) {
            Ok(outcome) => check_outcome(&outcome),
            Err(e) => check_diagnostic(&e),
        }
    }
}

/// One fuzz input.
pub fn run(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let shared = LawBook::shared().expect("the built-in law");
    let param = Param::ALL[usize::from(data.first().copied().unwrap_or(0)) % Param::ALL.len()];

    let mut book = scratch(shared);
    match book.apply_file(text) {
        Ok(changes) => {
            assert!(changes.iter().all(|c| c.rows <= text.len()));
            check_book(&book);
        }
        Err(e) => {
            check_diagnostic(&e);
            refused(book, shared, "law file");
        }
    }

    let mut book = scratch(shared);
    match book.replace_table(param, text) {
        Ok(()) => check_book(&book),
        Err(e) => {
            check_diagnostic(&e);
            refused(book, shared, "table");
        }
    }

    match apart::value::from_json::<Row>(text) {
        Ok(row) => {
            let mut book = scratch(shared);
            match book.upsert_row(param, row) {
                Ok(()) => check_book(&book),
                Err(e) => {
                    check_diagnostic(&e);
                    refused(book, shared, "row");
                }
            }
        }
        Err(e) => check_diagnostic(&e),
    }
}
