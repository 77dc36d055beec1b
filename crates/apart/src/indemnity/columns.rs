//! A claim given as a table of columns (one array per field of [`EmployeeMonth`], or one value
//! for every line), as a front end reads it from its language's arrays, turned into the rows of
//! [`compute_claim_rows`](super::compute_claim_rows); and one column of a computed claim back.

use serde::de::value::MapDeserializer;
use serde_json::Value;

use super::{ClaimOutcome, EmployeeMonth, Outcome, UnreadRecord};
use crate::calendar::Month;
use crate::diagnostic::Lang;
use crate::value::{ValueError, expected};

/// One column of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum ClaimColumn {
    /// One cell per line: its JSON value (`null` where the line takes the field's default), or
    /// why the cell cannot be one (`NaN`…), which refuses its line.
    Each(Vec<Result<Value, ValueError>>),
    /// The same value on every line.
    All(Value),
}

/// The columns of a claim, added one by one ([`ClaimColumns::check_name`] before reading a
/// column, [`ClaimColumns::push`] after), then read into rows ([`ClaimColumns::rows`]).
///
/// ```
/// use apart::indemnity::{ClaimColumn, ClaimColumns};
/// use serde_json::json;
/// let mut table = ClaimColumns::new("2026-01".parse()?);
/// let each = |cells: Vec<serde_json::Value>| ClaimColumn::Each(cells.into_iter().map(Ok).collect());
/// table.push("employee", "array", each(vec![json!("A"), json!("B")]))?;
/// table.push("gross_monthly", "array", each(vec![json!("2000"), json!("2 000")]))?;
/// table.push("hours_not_worked", "string \"70\"", ClaimColumn::All(json!("70")))?;
/// let rows = table.rows()?;
/// assert!(rows[0].is_ok());
/// let refused = rows[1].as_ref().unwrap_err();
/// assert_eq!((refused.employee.as_deref(), refused.error.field()), (Some("B"), Some("gross_monthly")));
/// assert!(table_without_arrays().is_err());
/// # fn table_without_arrays() -> Result<(), apart::value::ValueError> {
/// #     let mut t = ClaimColumns::new("2026-01".parse().unwrap());
/// #     t.push("hours_not_worked", "string \"70\"", ClaimColumn::All(json!("70")))?;
/// #     t.rows().map(|_| ())
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct ClaimColumns {
    month: Month,
    names: Vec<String>,
    columns: Vec<ClaimColumn>,
    lines: Option<usize>,
    /// The first column's name and what it holds, in the words of `INPUT_WRONG_TYPE`.
    first: Option<(String, String)>,
}

impl ClaimColumns {
    /// An empty table of `month` (the month of the lines without a `month` column).
    ///
    /// ```
    /// let table = apart::indemnity::ClaimColumns::new("2026-01".parse()?);
    /// assert!(table.rows()?.is_empty()); // no column at all: no line
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(month: Month) -> Self {
        ClaimColumns {
            month,
            names: Vec::new(),
            columns: Vec::new(),
            lines: None,
            first: None,
        }
    }

    /// Refuses a name that is no field of [`EmployeeMonth`].
    ///
    /// # Errors
    ///
    /// `INPUT_UNKNOWN_FIELD`, listing the fields.
    ///
    /// ```
    /// use apart::indemnity::ClaimColumns;
    /// let table = ClaimColumns::new("2026-01".parse()?);
    /// assert!(table.check_name("gross_monthly").is_ok());
    /// assert_eq!(apart::Diagnostic::code(&table.check_name("gross").unwrap_err()), "INPUT_UNKNOWN_FIELD");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_name(&self, name: &str) -> Result<(), ValueError> {
        let fields = crate::fields::names::<EmployeeMonth>();
        if fields.contains(&name) {
            return Ok(());
        }
        Err(ValueError::UnknownField {
            field: Some(name.to_owned()),
            expected: fields.join(", "),
        })
    }

    /// Adds the column `name` (`found` says what the caller gave, for the error of a table with
    /// no array at all).
    ///
    /// # Errors
    ///
    /// As [`Self::check_name`]; `INPUT_MALFORMED` for a column whose length differs from the
    /// columns before it.
    ///
    /// ```
    /// use apart::indemnity::{ClaimColumn, ClaimColumns};
    /// let mut table = ClaimColumns::new("2026-01".parse()?);
    /// table.push("employee", "array", ClaimColumn::Each(vec![Ok("A".into())]))?;
    /// let err = table.push("hours_not_worked", "array", ClaimColumn::Each(vec![])).unwrap_err();
    /// assert_eq!(apart::Diagnostic::code(&err), "INPUT_MALFORMED");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn push(&mut self, name: &str, found: &str, column: ClaimColumn) -> Result<(), ValueError> {
        self.check_name(name)?;
        if self.first.is_none() {
            self.first = Some((name.to_owned(), found.to_owned()));
        }
        if let ClaimColumn::Each(cells) = &column {
            let n = cells.len();
            match self.lines {
                Some(m) if m != n => {
                    return Err(ValueError::Malformed {
                        field: Some(name.to_owned()),
                        reason: format!("{n} values where the other columns have {m}"),
                    });
                }
                _ => self.lines = Some(n),
            }
        }
        self.names.push(name.to_owned());
        self.columns.push(column);
        Ok(())
    }

    /// Each line read into an [`EmployeeMonth`] through serde (the same typed errors as a
    /// record), or the error of its refused cell with its `employee` cell.
    ///
    /// # Errors
    ///
    /// `INPUT_WRONG_TYPE` for columns that are all single values (they would silently be a
    /// claim of no line); no column at all is a claim of no line.
    ///
    /// ```
    /// use apart::indemnity::{ClaimColumn, ClaimColumns};
    /// let mut table = ClaimColumns::new("2026-01".parse()?);
    /// table.push("gross_monthly", "array", ClaimColumn::Each(vec![Ok("2000".into())]))?;
    /// table.push("hours_not_worked", "string \"70\"", ClaimColumn::All("70".into()))?;
    /// assert_eq!(table.rows()?[0].as_ref().map(|e| e.month.to_string()), Ok("2026-01".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rows(mut self) -> Result<Vec<Result<EmployeeMonth, UnreadRecord>>, ValueError> {
        if let (None, Some((name, found))) = (self.lines, self.first.take()) {
            return Err(ValueError::wrong_type(expected::AN_ARRAY, &found).with_field(name));
        }
        let count = self.lines.unwrap_or(0);
        if !self.names.iter().any(|n| n == "month") {
            self.names.push("month".to_owned());
            self.columns
                .push(ClaimColumn::All(Value::String(self.month.to_string())));
        }
        let employees = self.names.iter().position(|n| n == "employee");
        let mut out = Vec::with_capacity(count);
        for index in 0..count {
            let employee = match employees.and_then(|i| self.columns.get(i)) {
                Some(ClaimColumn::Each(cells)) => cells
                    .get(index)
                    .and_then(|c| c.as_ref().ok())
                    .and_then(Value::as_str),
                Some(ClaimColumn::All(value)) => value.as_str(),
                None => None,
            }
            .map(str::to_owned);
            let mut refused = None;
            let row =
                self.names
                    .iter()
                    .zip(self.columns.iter_mut())
                    .filter_map(|(name, column)| {
                        let cell = match column {
                            ClaimColumn::Each(cells) => cells.get_mut(index).map(|c| match c {
                                Ok(v) => std::mem::take(v),
                                Err(e) => {
                                    refused
                                        .get_or_insert_with(|| e.clone().with_field(name.as_str()));
                                    Value::Null
                                }
                            })?,
                            ClaimColumn::All(value) => value.clone(),
                        };
                        (!cell.is_null()).then_some((name.as_str(), cell))
                    });
            let input =
                crate::value::from_deserializer(MapDeserializer::<_, serde_json::Error>::new(row));
            out.push(
                refused
                    .map_or(input, Err)
                    .map_err(|error| UnreadRecord { employee, error }),
            );
        }
        Ok(out)
    }
}

impl ClaimOutcome {
    /// One value per line, as text: `index`, `employee`, the refusal's `error.code`,
    /// `error.family`, `error.messages.fr`, `error.messages.en`, or a field of the line's
    /// [`Outcome`] holding one value (`employee_indemnity`; a field of `contributions` as
    /// `contributions.total`); `None` where the line has none (a refused line's amounts, an
    /// accepted line's error).
    ///
    /// # Errors
    ///
    /// `VALUE_UNKNOWN_VARIANT` for another name.
    ///
    /// ```
    /// use apart::indemnity::{EmployeeMonth, Options, compute_claim};
    /// let month = "2026-01".parse()?;
    /// let input = EmployeeMonth::new(month, "3000".parse()?, "70".parse()?);
    /// let claim = compute_claim(apart::law::LawBook::shared()?, month, &[input], &Options::default());
    /// assert_eq!(claim.column("employer_allocation")?, [Some("599.90".to_owned())]);
    /// assert_eq!(claim.column("error.code")?, [None]);
    /// assert!(claim.column("nope").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn column(&self, name: &str) -> Result<Vec<Option<String>>, ValueError> {
        let path: Vec<&str> = name.split('.').collect();
        let line_field = matches!(
            path.as_slice(),
            ["index"]
                | ["employee"]
                | ["error", "code" | "family"]
                | ["error", "messages", "fr" | "en"]
        );
        let first = path.first().copied().unwrap_or_default();
        if !line_field && !crate::fields::names::<Outcome>().contains(&first) {
            return Err(unknown_column(name));
        }
        let mut out = Vec::with_capacity(self.lines.len());
        for line in &self.lines {
            out.push(match path.as_slice() {
                ["index"] => Some(line.index.to_string()),
                ["employee"] => line.employee.clone(),
                ["error", "code"] => line.error.as_ref().map(|e| e.code.clone()),
                ["error", "family"] => line.error.as_ref().map(|e| e.family.as_str().to_owned()),
                ["error", "messages", lang] => line.error.as_ref().map(|e| {
                    let lang = if *lang == "en" { Lang::En } else { Lang::Fr };
                    e.messages.get(lang).to_owned()
                }),
                _ => match &line.outcome {
                    Some(outcome) => {
                        crate::fields::pick(outcome, &path).ok_or_else(|| unknown_column(name))?
                    }
                    None => None,
                },
            });
        }
        Ok(out)
    }
}

fn unknown_column(name: &str) -> ValueError {
    ValueError::unknown_variant(
        "column",
        name,
        &[
            "index",
            "employee",
            "error.code",
            "error.family",
            "error.messages.fr",
            "error.messages.en",
            "a field of Outcome with one value (employee_indemnity, contributions.total…)",
        ],
    )
}
