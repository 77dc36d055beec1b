//! The monthly claim (DI): every employee of one establishment for one month, in one call.

use serde::{Deserialize, Serialize};

use super::{EmployeeMonth, IndemnityError, Options, Outcome, compute};
use crate::calendar::Month;
use crate::diagnostic::{Diagnostic, DiagnosticRecord, Lang};
use crate::law::LawBook;
use crate::money::{Euros, Hours};

/// One employee's line of a claim: the outcome, or why it was refused.
///
/// A refused line does not stop the claim: the other lines and the totals are still computed,
/// as on the APART form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, get_all, eq, module = "apart.indemnity")
)]
pub struct ClaimLine {
    /// The position of the employee in the input (0-based).
    pub index: usize,
    /// The caller's reference for the employee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employee: Option<String>,
    /// The outcome, when accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// Why the line was refused: the whole diagnostic (code, family, French and English
    /// messages, details such as the field and, from a CSV, the line), so that a refused line
    /// tells as much as the exception the same input raises on its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<DiagnosticRecord>,
}

impl ClaimLine {
    /// The refusal's code, when refused.
    ///
    /// ```
    /// use apart::indemnity::{compute_claim, EmployeeMonth, Options};
    /// use apart::law::LawBook;
    /// use apart::Lang;
    /// let month = "2026-01".parse()?;
    /// let bad = EmployeeMonth::new(month, "2000".parse()?, "-3".parse()?);
    /// let claim = compute_claim(LawBook::shared()?, month, &[bad], &Options::default());
    /// assert_eq!(claim.lines[0].error_code(), Some("INDEMNITY_HOURS_OUT_OF_RANGE"));
    /// assert!(claim.lines[0].error_message(Lang::En).unwrap().contains("hours"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn error_code(&self) -> Option<&str> {
        self.error.as_ref().map(|e| e.code.as_str())
    }

    /// The refusal's message in `lang`, when refused.
    pub fn error_message(&self, lang: Lang) -> Option<&str> {
        self.error.as_ref().map(|e| e.messages.get(lang))
    }
}

/// The totals of a claim, over accepted lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, get_all, eq, module = "apart.indemnity")
)]
pub struct ClaimTotals {
    /// Lines accepted.
    pub employees: u64,
    /// Lines refused.
    pub employees_refused: u64,
    /// Hours not worked given.
    pub hours_not_worked: Hours,
    /// Hours compensated.
    pub hours_compensated: Hours,
    /// Hours with allocation.
    pub hours_allocated: Hours,
    /// Indemnities owed to employees.
    pub employee_indemnity: Euros,
    /// RMM complements owed to employees.
    pub rmm_complement: Euros,
    /// Allocation claimed from the State.
    pub employer_allocation: Euros,
    /// Rest payable by the employer.
    pub rest_payable_by_employer: Euros,
}

impl ClaimTotals {
    /// How many lines were computed and refused, as the totals row of a claim says it
    /// (`3 calculés, 1 refusé`; `3 computed, 1 refused`): the CSV writer and the CLI share it.
    ///
    /// ```
    /// use apart::indemnity::ClaimTotals;
    /// use apart::Lang;
    /// let totals = ClaimTotals { employees: 3, employees_refused: 1, ..ClaimTotals::default() };
    /// assert_eq!(totals.summary(Lang::Fr), "3 calculés, 1 refusé");
    /// assert_eq!(totals.summary(Lang::En), "3 computed, 1 refused");
    /// let one = ClaimTotals { employees: 1, employees_refused: 1_200, ..ClaimTotals::default() };
    /// assert_eq!(one.summary(Lang::Fr), "1 calculé, 1\u{a0}200 refusés");
    /// ```
    pub fn summary(&self, lang: Lang) -> String {
        let (computed, refused) = (
            crate::lines::group(self.employees, lang),
            crate::lines::group(self.employees_refused, lang),
        );
        match lang {
            Lang::En => format!("{computed} computed, {refused} refused"),
            _ => {
                // French puts 0 and 1 in the singular.
                let s = |n: u64| if n > 1 { "s" } else { "" };
                format!(
                    "{computed} calculé{}, {refused} refusé{}",
                    s(self.employees),
                    s(self.employees_refused)
                )
            }
        }
    }

    /// Adds one accepted line (for callers that stream a claim themselves).
    ///
    /// ```
    /// use apart::indemnity::{compute, ClaimTotals, EmployeeMonth, Options};
    /// use apart::law::LawBook;
    /// let book = LawBook::builtin()?;
    /// let mut totals = ClaimTotals::default();
    /// for gross in ["2000", "3000"] {
    ///     let e = EmployeeMonth::new("2026-01".parse()?, gross.parse()?, "70".parse()?);
    ///     totals.add(&compute(&book, &e, &Options::default())?);
    /// }
    /// assert_eq!(totals.employee_indemnity.to_string(), "1384.60"); // 553.70 + 830.90
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add(&mut self, outcome: &Outcome) {
        self.employees += 1;
        self.hours_not_worked = self.hours_not_worked + outcome.hours_not_worked;
        self.hours_compensated = self.hours_compensated + outcome.hours_compensated;
        self.hours_allocated = self.hours_allocated + outcome.hours_allocated;
        self.employee_indemnity = self.employee_indemnity + outcome.employee_indemnity;
        self.rmm_complement = self.rmm_complement + outcome.rmm_complement;
        self.employer_allocation = self.employer_allocation + outcome.employer_allocation;
        self.rest_payable_by_employer =
            self.rest_payable_by_employer + outcome.rest_payable_by_employer;
    }

    /// Counts one refused line.
    pub fn add_refused(&mut self) {
        self.employees_refused += 1;
    }

    /// Counts one employee's result and returns its claim line: the one place where a result
    /// becomes a line, for [`compute_claim`] and for callers that build claims row by row (the
    /// CLI reads CSV rows that may fail before they are computed).
    ///
    /// ```
    /// use apart::diagnostic::Lang;
    /// use apart::indemnity::{ClaimTotals, IndemnityError};
    /// let mut totals = ClaimTotals::default();
    /// let refused = Err(IndemnityError::ClaimMonthMismatch { claim: "2026-01".into(), line: "2026-02".into() });
    /// let line = totals.record(0, Some("A".into()), refused);
    /// assert_eq!(line.error_code(), Some("INDEMNITY_CLAIM_MONTH_MISMATCH"));
    /// assert_eq!(line.error_message(Lang::En), Some("line for month 2026-02 in a claim for month 2026-01"));
    /// assert_eq!(totals.employees_refused, 1);
    /// ```
    pub fn record<E: Diagnostic>(
        &mut self,
        index: usize,
        employee: Option<String>,
        result: Result<Outcome, E>,
    ) -> ClaimLine {
        match result {
            Ok(outcome) => {
                self.add(&outcome);
                ClaimLine {
                    index,
                    employee,
                    outcome: Some(outcome),
                    error: None,
                }
            }
            Err(e) => {
                self.add_refused();
                ClaimLine {
                    index,
                    employee,
                    outcome: None,
                    error: Some(DiagnosticRecord::of(&e)),
                }
            }
        }
    }
}

/// A whole claim: lines and totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, get_all, eq, module = "apart.indemnity")
)]
pub struct ClaimOutcome {
    /// The month of the claim.
    pub month: Month,
    /// One line per employee, in input order.
    pub lines: Vec<ClaimLine>,
    /// The totals over accepted lines.
    pub totals: ClaimTotals,
}

/// Computes the monthly claim (DI) of one establishment: every employee, then the totals.
///
/// Each line is computed by [`compute`]; a line whose month is not `month`, or which
/// [`compute`] refuses, is kept with its whole error and left out of the totals.
///
/// ```
/// use apart::indemnity::{compute_claim, EmployeeMonth, Options};
/// use apart::law::LawBook;
///
/// let book = LawBook::builtin()?;
/// let month = "2026-01".parse()?;
/// let employees = vec![
///     EmployeeMonth::new(month, "2000".parse()?, "70".parse()?),
///     EmployeeMonth::new(month, "3000".parse()?, "-3".parse()?), // refused
/// ];
/// let claim = compute_claim(&book, month, &employees, &Options::default());
/// assert_eq!(claim.totals.employees, 1);
/// assert_eq!(claim.totals.employees_refused, 1);
/// assert_eq!(claim.lines[1].error_code(), Some("INDEMNITY_HOURS_OUT_OF_RANGE"));
/// assert_eq!(claim.totals.employer_allocation.to_string(), "599.90");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn compute_claim(
    book: &LawBook,
    month: Month,
    employees: &[EmployeeMonth],
    options: &Options,
) -> ClaimOutcome {
    compute_claim_rows(book, month, employees.iter().map(Ok), options)
}

/// A record a front end could not read into an [`EmployeeMonth`] (an unknown key, a cell that is
/// not a decimal): a refused line of its claim, never an error for the whole claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadRecord {
    /// The caller's name for the employee, when the record gives one as text.
    pub employee: Option<String>,
    /// Why it could not be read.
    pub error: crate::value::ValueError,
}

/// [`compute_claim`] of rows as a front end read them (a table's, a list of its objects): a
/// record, or why it could not be read, which is a refused line; the other lines are computed.
///
/// ```
/// use apart::indemnity::{compute_claim_rows, EmployeeMonth, Options, UnreadRecord};
/// use apart::law::LawBook;
/// use apart::value::ValueError;
///
/// let month = "2026-01".parse()?;
/// let unread = UnreadRecord { employee: Some("B".into()), error: ValueError::MissingField { field: Some("hours_not_worked".into()) } };
/// let rows = [Ok(EmployeeMonth::new(month, "2000".parse()?, "70".parse()?)), Err(unread)];
/// let claim = compute_claim_rows(LawBook::shared()?, month, rows, &Options::default());
/// assert_eq!((claim.totals.employees, claim.totals.employees_refused), (1, 1));
/// assert_eq!(claim.lines[1].employee.as_deref(), Some("B"));
/// assert_eq!(claim.lines[1].error_code(), Some("INPUT_MISSING_FIELD"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn compute_claim_rows<E: std::borrow::Borrow<EmployeeMonth>>(
    book: &LawBook,
    month: Month,
    rows: impl IntoIterator<Item = Result<E, UnreadRecord>>,
    options: &Options,
) -> ClaimOutcome {
    let rows = rows.into_iter();
    let mut totals = ClaimTotals::default();
    let mut lines = Vec::with_capacity(rows.size_hint().0);
    for (index, row) in rows.enumerate() {
        lines.push(match row {
            Ok(employee) => {
                let employee = employee.borrow();
                let result = compute_claim_line(book, month, employee, options);
                totals.record(index, employee.employee.clone(), result)
            }
            Err(unread) => totals.record(index, unread.employee, Err(unread.error)),
        });
    }
    ClaimOutcome {
        month,
        lines,
        totals,
    }
}

/// [`compute_claim`] of records as the caller's JSON data (a front end's objects, each as its
/// reader gave it: a value, or why it could not be read): each record is read alone, and one
/// that cannot be read is a refused line with the reader's error (and its `employee`, when the
/// record gives one as text), so that one typo does not lose the whole claim. A record without
/// `month` is of the claim's month, as a table's or a CSV file's row is.
///
/// ```
/// use apart::indemnity::{compute_claim_of_values, Options};
/// use apart::law::LawBook;
/// use serde_json::json;
///
/// let records = [
///     Ok(json!({"employee": "A", "month": "2026-01", "gross_monthly": "2000", "hours_not_worked": "70"})),
///     Ok(json!({"employee": "B", "month": "2026-01", "gross_monthly": "2 000", "hours_not_worked": "70"})),
///     Ok(json!({"employee": "C", "gross_monthly": "2000", "hours_not_worked": "70"})),
/// ];
/// let claim = compute_claim_of_values(LawBook::shared()?, "2026-01".parse()?, records, &Options::default());
/// assert_eq!((claim.totals.employees, claim.totals.employees_refused), (2, 1));
/// assert_eq!(claim.lines[1].employee.as_deref(), Some("B"));
/// assert_eq!(claim.lines[1].error_code(), Some("VALUE_INVALID_DECIMAL"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn compute_claim_of_values(
    book: &LawBook,
    month: Month,
    records: impl IntoIterator<Item = Result<serde_json::Value, crate::value::ValueError>>,
    options: &Options,
) -> ClaimOutcome {
    let rows = records.into_iter().map(|mut record| {
        if let Ok(serde_json::Value::Object(fields)) = &mut record {
            fields
                .entry("month")
                .or_insert_with(|| serde_json::Value::String(month.to_string()));
        }
        let employee = record
            .as_ref()
            .ok()
            .and_then(|r| r.get("employee"))
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned);
        record
            .and_then(crate::value::from_json_value::<EmployeeMonth>)
            .map_err(|error| UnreadRecord { employee, error })
    });
    compute_claim_rows(book, month, rows, options)
}

/// One employee of a claim of `month`: [`compute`], or `INDEMNITY_CLAIM_MONTH_MISMATCH` when
/// the employee's month is another. What [`compute_claim`] does for each employee, for callers
/// that build a claim row by row with [`ClaimTotals::record`] (rows read from a table, some of
/// which fail before they are computed).
///
/// # Errors
///
/// [`IndemnityError::ClaimMonthMismatch`], or [`compute`]'s.
///
/// ```
/// use apart::indemnity::{compute_claim_line, EmployeeMonth, Options};
/// use apart::law::LawBook;
/// use apart::Diagnostic;
/// let book = LawBook::builtin()?;
/// let e = EmployeeMonth::new("2026-02".parse()?, "2000".parse()?, "70".parse()?);
/// let err = compute_claim_line(&book, "2026-01".parse()?, &e, &Options::default()).unwrap_err();
/// assert_eq!(err.code(), "INDEMNITY_CLAIM_MONTH_MISMATCH");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn compute_claim_line(
    book: &LawBook,
    month: Month,
    employee: &EmployeeMonth,
    options: &Options,
) -> Result<Outcome, IndemnityError> {
    if employee.month == month {
        compute(book, employee, options)
    } else {
        Err(IndemnityError::ClaimMonthMismatch {
            claim: month.to_string(),
            line: employee.month.to_string(),
        })
    }
}

#[cfg(feature = "python")]
crate::py_record!(ClaimLine, ClaimTotals, ClaimOutcome);
