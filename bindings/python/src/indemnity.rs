//! Indemnity, allocation and claims (`apart::indemnity`), the legal parameters
//! (`apart::law`) and the exact values (`apart::money`). Records are the core's own classes,
//! read from a mapping through serde.

use std::str::FromStr;
use std::sync::RwLock;

use apart::indemnity as ind;
use apart::law::{self, Param};
use apart::money;
use apart::python::Text;
use pyo3::prelude::*;
use time::Date;

use crate::errors::{raise, shield};
use crate::values::{Day, Read};
/// The tables the computations read: the legal parameters (SMIC, rates, floors, ceilings,
/// quotas) as dated tables with their sources. :meth:`builtin` gives this release's tables; the
/// override methods (a decree published after this release) change this book only (use
/// :meth:`copy` to keep the original). Thread-safe: computations read it while others may
/// update it.
#[pyclass(module = "apart._native", frozen)]
pub(crate) struct LawBook(pub(crate) RwLock<law::LawBook>);

impl LawBook {
    /// Runs `f` on the book with the GIL released, both while waiting for the lock and while
    /// `f` runs: `f` touches no Python object, and what it returns is made into Python objects
    /// only after the lock is let go. (A thread holding the lock while it made Python objects
    /// could hand the GIL to a writer waiting for the lock with the GIL held: a deadlock.)
    /// A panic while writing cannot leave the book half-updated (each update replaces a row or
    /// a table in one assignment), so a poisoned lock is still read.
    fn read<T: Send>(&self, py: Python<'_>, f: impl FnOnce(&law::LawBook) -> T + Send) -> T {
        py.detach(|| match self.0.read() {
            Ok(book) => f(&book),
            Err(poisoned) => f(&poisoned.into_inner()),
        })
    }

    /// Updates the book with `f`, under the same rule as [`LawBook::read`].
    fn write<T: Send, E: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut law::LawBook) -> Result<T, E> + Send,
    ) -> PyResult<T>
    where
        PyErr: From<E>,
    {
        Ok(py.detach(|| match self.0.write() {
            Ok(mut book) => f(&mut book),
            Err(poisoned) => f(&mut poisoned.into_inner()),
        })?)
    }
}

#[pymethods]
impl LawBook {
    /// The tables embedded in this release.
    #[staticmethod]
    fn builtin(py: Python<'_>) -> PyResult<Self> {
        shield(py, || {
            Ok(LawBook(RwLock::new(law::LawBook::shared()?.clone())))
        })
    }

    /// The built-in tables with a law file applied (see :meth:`apply_file`).
    #[staticmethod]
    fn with_file(py: Python<'_>, text: Text<'_>) -> PyResult<Self> {
        let book = Self::builtin(py)?;
        book.apply_file(py, text)?;
        Ok(book)
    }

    /// An independent copy (overrides on one do not reach the other).
    fn copy(&self, py: Python<'_>) -> PyResult<Self> {
        shield(py, || Ok(LawBook(RwLock::new(self.read(py, Clone::clone)))))
    }

    /// Adds or replaces a row, in the shape of the data files: ``{"from": "2026-07-01",
    /// "value": "12.30", "status": "confirmed", "source": {"title": "Décret n° …"}}``
    /// (``value``: a decimal as text, ``"none"`` or ``"unknown"``; ``status`` defaults to
    /// confirmed).
    fn upsert_row(&self, py: Python<'_>, param: Text<'_>, row: &Bound<'_, PyAny>) -> PyResult<()> {
        shield(py, || {
            let (p, row) = (
                Param::from_str(&param)?,
                crate::values::read::<law::Row>(py, row, "row")?,
            );
            self.write(py, |b| b.upsert_row(p, row))
        })
    }

    fn set_valid_until(&self, py: Python<'_>, param: Text<'_>, until: Day) -> PyResult<()> {
        shield(py, || {
            let p = Param::from_str(&param)?;
            self.write(py, |b| b.set_valid_until(p, until.0))
        })
    }

    /// Replaces a whole table with one written as the embedded data files are.
    fn replace_table(&self, py: Python<'_>, param: Text<'_>, toml_text: Text<'_>) -> PyResult<()> {
        shield(py, || {
            let (p, toml_text) = (Param::from_str(&param)?, &*toml_text);
            self.write(py, |b| b.replace_table(p, toml_text))
        })
    }

    /// Applies a law file, the format of the built-in tables (the same file as the command's
    /// ``--law FILE``): one table (``id`` and ``[[values]]``) or several under ``[[tables]]``,
    /// with an optional ``verified_until``. All of it or nothing; returns the ids of the tables
    /// changed. The file's ``verified_until`` vouches for **every** table of the book, not only
    /// those of the file (a floor decree may lag the SMIC by a month): to vouch for one table,
    /// give that table its own ``valid_until``.
    fn apply_file(&self, py: Python<'_>, text: Text<'_>) -> PyResult<Vec<String>> {
        shield(py, || {
            let text = &*text;
            let changes = self.write(py, |b| b.apply_file(text))?;
            Ok(changes.iter().map(|c| c.param.id().to_owned()).collect())
        })
    }

    /// The last date every table is verified for; later months compute with the values in
    /// force and a ``LAW_BEYOND_VERIFIED_DATE`` warning.
    fn verified_until(&self, py: Python<'_>) -> PyResult<Date> {
        shield(py, || Ok(self.read(py, law::LawBook::verified_until)))
    }

    /// What the table checks find: one ``LawError`` (``LAW_INVALID_DATA``, its
    /// ``details["problem"]`` saying which) per problem, returned rather than raised; empty
    /// for the built-in tables.
    fn problems(&self, py: Python<'_>) -> PyResult<Vec<Py<PyAny>>> {
        shield(py, || {
            Ok(self
                .read(py, law::LawBook::problems)
                .iter()
                .map(|problem| crate::errors::raise(py, problem).into_value(py).into_any())
                .collect())
        })
    }

    /// Every table with its rows and sources, as dicts.
    fn tables<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        shield(py, || {
            apart::python::to_dict(py, &self.read(py, |b| b.tables().to_vec()))
        })
    }

    /// The row of ``param`` in force at ``at`` (the date of the hours not worked).
    fn lookup<'py>(
        &self,
        py: Python<'py>,
        param: Text<'_>,
        at: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        shield(py, || {
            let p = Param::from_str(&param)?;
            // `date`, as every front end names it (errors.json `law-date-invalid`).
            let at = crate::values::read::<Day>(py, at, "date")?.0;
            let row = self.read(py, |b| b.lookup(p, at).cloned())?;
            apart::python::to_dict(py, &row)
        })
    }

    fn __repr__(&self) -> String {
        format!("LawBook({} tables)", Param::ALL.len())
    }

    /// `copy.copy` and `copy.deepcopy`: an independent copy, as :meth:`copy`.
    fn __copy__(&self, py: Python<'_>) -> PyResult<Self> {
        self.copy(py)
    }

    fn __deepcopy__(&self, py: Python<'_>, _memo: &Bound<'_, PyAny>) -> PyResult<Self> {
        self.copy(py)
    }
}

/// The ids of every parameter table.
#[pyfunction]
pub(crate) fn law_params() -> Vec<&'static str> {
    Param::ALL.iter().map(|p| p.id()).collect()
}

/// A `book=` argument: an `apart.law.LawBook` (`None`, the built-in law, is `Option<Book>`);
/// anything else is `INPUT_WRONG_TYPE` naming `book`. Every `book=` of the package is read here.
pub(crate) struct Book<'py>(Bound<'py, LawBook>);

impl<'a, 'py> FromPyObject<'a, 'py> for Book<'py> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        match obj.cast::<LawBook>() {
            Ok(book) => Ok(Book(book.to_owned())),
            Err(_) => Err(crate::values::wrong_type(&obj, "book", "LawBook")),
        }
    }
}

/// [`with_book_detached`] of an `f` that may fail.
pub(crate) fn with_book<T: Send, E: Send>(
    py: Python<'_>,
    book: Option<Book<'_>>,
    f: impl FnOnce(&law::LawBook) -> Result<T, E> + Send,
) -> PyResult<T>
where
    PyErr: From<E>,
{
    Ok(with_book_detached(py, book, f)??)
}

/// An employee-month: the native record itself (no conversion: a clone), or a mapping read
/// through serde (`field` paths prefixed with `prefix`).
fn employee(
    py: Python<'_>,
    value: &Bound<'_, PyAny>,
    prefix: &str,
) -> PyResult<ind::EmployeeMonth> {
    if let Ok(e) = value.cast::<ind::EmployeeMonth>() {
        return Ok(e.get().clone());
    }
    apart::python::from_py(value).map_err(|e: apart::value::ValueError| {
        // `with_field` keeps the field already known as the end of the path: `[3].hours`.
        raise(
            py,
            &if prefix.is_empty() {
                crate::values::named(e, "employee")
            } else {
                e.with_field(prefix)
            },
        )
    })
}

/// A row of a claim as read from Python: the record, or why it could not be read.
pub(crate) type Row = Result<ind::EmployeeMonth, ind::UnreadRecord>;

/// The claim of rows read by the binding (the core's `compute_claim_rows`): an unread row is a
/// refused line.
pub(crate) fn claim_of_rows(
    book: &law::LawBook,
    month: apart::calendar::Month,
    rows: &[Row],
    options: &ind::Options,
) -> ind::ClaimOutcome {
    let rows = rows.iter().map(|row| row.as_ref().map_err(Clone::clone));
    ind::compute_claim_rows(book, month, rows, options)
}

/// A row of a claim: the native record itself (cloned), or a mapping read through serde (a
/// `dict` without `month` is of the claim's `month`, as a table's row is); a row that cannot be
/// read is an unread record (a refused line), not an error for the claim.
fn row(value: &Bound<'_, PyAny>, month: &str) -> Row {
    if let Ok(e) = value.cast::<ind::EmployeeMonth>() {
        return Ok(e.get().clone());
    }
    let with_month = value
        .cast::<pyo3::types::PyDict>()
        .ok()
        .filter(|d| !d.contains("month").unwrap_or(true))
        .and_then(|d| {
            let copy = d.copy().ok()?;
            copy.set_item("month", month).ok()?;
            Some(copy.into_any())
        });
    let value = with_month.as_ref().unwrap_or(value);
    apart::python::from_py(value).map_err(|e: apart::value::ValueError| ind::UnreadRecord {
        employee: value
            .get_item("employee")
            .ok()
            .and_then(|v| v.extract::<String>().ok()),
        error: e,
    })
}

/// The employees of a claim: native records or mappings, in one list (a `str` or `bytes`, CSV
/// text given by mistake, is `INPUT_WRONG_TYPE`, not one refused line per character).
pub(crate) fn employees(
    values: &Bound<'_, PyAny>,
    month: apart::calendar::Month,
) -> PyResult<Vec<Row>> {
    let month = month.to_string();
    if let Ok(list) = values.cast::<pyo3::types::PyList>() {
        return Ok(list.iter().map(|v| row(&v, &month)).collect());
    }
    crate::values::items(values, "employees")?
        .map(|v| Ok(row(&v?, &month)))
        .collect()
}

/// The employees of a recap, every one readable (an error names its position: `[3].hours`).
pub(crate) fn employee_list(
    py: Python<'_>,
    values: &Bound<'_, PyAny>,
) -> PyResult<Vec<ind::EmployeeMonth>> {
    crate::values::items(values, "employees")?
        .enumerate()
        .map(|(i, v)| employee(py, &v?, &format!("[{i}]")))
        .collect()
}

/// Options: the native record, a mapping, or `None` for the defaults.
pub(crate) fn options(py: Python<'_>, value: Option<&Bound<'_, PyAny>>) -> PyResult<ind::Options> {
    match value.filter(|v| !v.is_none()) {
        None => Ok(ind::Options::default()),
        Some(v) => match v.cast::<ind::Options>() {
            Ok(o) => Ok(*o.get()),
            Err(_) => crate::values::read(py, v, "options"),
        },
    }
}

/// One employee, one month (parameters of the date of the hours not worked). Raises
/// :class:`apart.IndemnityError`, :class:`apart.LawError` when the law tables cannot answer
/// (no row yet, a value unknown, a date past the verified one under ``strict_law_dates``), or
/// :class:`apart.InputError` for a record that cannot be read.
#[pyfunction]
#[pyo3(signature = (employee, options=None, *, book=None))]
pub(crate) fn compute(
    py: Python<'_>,
    employee: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyAny>>,
    book: Option<Book<'_>>,
) -> PyResult<ind::Outcome> {
    shield(py, || {
        let input = self::employee(py, employee, "")?;
        let options = self::options(py, options)?;
        with_book(py, book, |b| ind::compute(b, &input, &options))
    })
}

/// A whole claim (every employee of one establishment for one month), with the GIL released
/// while Rust computes: the `ClaimOutcome` record. A refused employee is a line with its
/// error, not an exception.
#[pyfunction]
#[pyo3(signature = (month, employees, options=None, book=None))]
pub(crate) fn compute_claim(
    py: Python<'_>,
    month: &Bound<'_, PyAny>,
    employees: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyAny>>,
    book: Option<Book<'_>>,
) -> PyResult<ind::ClaimOutcome> {
    shield(py, || {
        let month = crate::values::month(py, month)?;
        let options = self::options(py, options)?;
        let rows = self::employees(employees, month)?;
        with_book_detached(py, book, |b| claim_of_rows(b, month, &rows, &options))
    })
}

/// Runs `f` with the given book (see [`LawBook::read`]), or the built-in one, with the GIL
/// released (`f` touches no Python object).
pub(crate) fn with_book_detached<T: Send>(
    py: Python<'_>,
    book: Option<Book<'_>>,
    f: impl FnOnce(&law::LawBook) -> T + Send,
) -> PyResult<T> {
    match book {
        Some(b) => Ok(b.0.get().read(py, f)),
        None => {
            let book = law::LawBook::shared()?;
            Ok(py.detach(|| f(book)))
        }
    }
}

/// CSG, CRDS and the écrêtement of an indemnity paid for hours not worked at ``at``.
#[pyfunction]
#[pyo3(signature = (at, territory, indemnity, net_pay_worked, *, book=None))]
pub(crate) fn contributions(
    py: Python<'_>,
    at: Day,
    territory: Read<ind::PayTerritory>,
    indemnity: Read<money::Euros>,
    net_pay_worked: Read<money::Euros>,
    book: Option<Book<'_>>,
) -> PyResult<ind::Contributions> {
    shield(py, || {
        with_book(py, book, |b| {
            ind::contributions(b, at.0, territory.0, indemnity.0, net_pay_worked.0)
        })
    })
}

/// `value` rounded to the cent, half away from zero (the library's rule).
#[pyfunction]
pub(crate) fn round_cents(py: Python<'_>, value: Read<money::Euros>) -> PyResult<String> {
    shield(py, || Ok(value.0.rounded().to_string()))
}

#[pyfunction]
pub(crate) fn indemnity_constants() -> Vec<(&'static str, String)> {
    vec![
        ("LEGAL_MONTHLY_HOURS", ind::LEGAL_MONTHLY_HOURS.to_string()),
        ("MAX_MONTHLY_HOURS", ind::MAX_MONTHLY_HOURS.to_string()),
        ("MAX_MONTHLY_PAY", ind::MAX_MONTHLY_PAY.to_string()),
    ]
}
