//! Claims as Arrow tables (issue 15): a pandas or polars `DataFrame`, a pyarrow `Table` or
//! `RecordBatch` (anything with `__arrow_c_stream__` or `__arrow_c_array__`, the Arrow
//! PyCapsule interface) read column by column in Rust, and a claim's lines given back as an
//! Arrow table. No Python library is imported to read or write one.
//!
//! Conversions only: each column becomes the cells the core reads
//! (`apart::indemnity::ClaimColumns`, so a bad cell gets the core's code naming its column)
//! and each claim line is the core's serde shape, written cell by cell into columns
//! (`apart::cells`).

use std::collections::HashMap;
use std::sync::Arc;

use apart::cells::Cell;
use apart::diagnostic::Diagnostic;
use apart::indemnity::claim_csv::header_inputs;
use apart::indemnity::{self as ind, ClaimColumn, ClaimColumns, ClaimLine};
use apart::python::{Of, Text};
use apart::value::ValueError;
use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int64Type, UInt64Type};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Decimal128Array, Int64Array, RecordBatch, RecordBatchReader,
    StringArray, StructArray,
};
use arrow_schema::{ArrowError, DataType, Field, Schema};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use pyo3_arrow::error::PyArrowResult;
use pyo3_arrow::ffi::{ArrayIterator, to_stream_pycapsule};
use pyo3_arrow::input::AnyRecordBatch;
use rust_decimal::Decimal;
use serde_json::Value;

use crate::errors::{raise, shield};
use crate::indemnity::{Book, Row, claim_of_rows, options, with_book_detached};

/// How float cells are read: refused on their line (`VALUE_FLOAT_REFUSED`, as everywhere), or
/// rounded to the cent, half away from zero, because the caller asked (and is warned).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Floats {
    Refuse,
    RoundCents,
}

fn floats(text: &str) -> Result<Floats, ValueError> {
    match text {
        "refuse" => Ok(Floats::Refuse),
        "round_cents" | "round-cents" => Ok(Floats::RoundCents),
        _ => Err(ValueError::UnknownVariant {
            field: Some("floats".into()),
            option: "floats".into(),
            input: apart::diagnostic::quote(text),
            expected: "refuse, round_cents".into(),
        }),
    }
}

/// One input column, cast to the few types a cell is read from.
enum Column {
    /// Missing everywhere (Arrow's null type).
    Null,
    Int(Int64Array),
    UInt(arrow_array::UInt64Array),
    Float(arrow_array::Float64Array),
    Bool(BooleanArray),
    /// Text, and everything else written as text by Arrow (decimals exactly, dates ISO).
    Text(StringArray),
}

fn column(name: &str, array: &ArrayRef) -> Result<Column, ValueError> {
    use DataType as T;
    let cast = |to: &DataType| {
        arrow_cast::cast(array, to).map_err(|e| ValueError::WrongType {
            field: Some(name.to_owned()),
            expected: apart::value::expected::TABLE_COLUMN.into(),
            found: apart::diagnostic::quote(&format!("{} ({e})", array.data_type())),
        })
    };
    Ok(match array.data_type() {
        T::Null => Column::Null,
        T::Int8 | T::Int16 | T::Int32 | T::Int64 => {
            Column::Int(cast(&T::Int64)?.as_primitive::<Int64Type>().clone())
        }
        T::UInt8 | T::UInt16 | T::UInt32 | T::UInt64 => {
            Column::UInt(cast(&T::UInt64)?.as_primitive::<UInt64Type>().clone())
        }
        T::Float16 | T::Float32 | T::Float64 => {
            Column::Float(cast(&T::Float64)?.as_primitive::<Float64Type>().clone())
        }
        T::Boolean => Column::Bool(array.as_boolean().clone()),
        _ => Column::Text(cast(&T::Utf8)?.as_string::<i32>().clone()),
    })
}

/// Float cells read per column: how many, and how many rounding changed.
#[derive(Default, Clone, Copy)]
struct Rounded {
    read: usize,
    changed: usize,
}

/// The JSON value of one cell, `None` when missing; `Err` for a cell refused before the core
/// sees it (a float that is not finite: JSON has no NaN), its column named by `ClaimColumns`.
fn cell(
    column: &Column,
    row: usize,
    floats: Floats,
    rounded: &mut Rounded,
) -> Result<Option<Value>, ValueError> {
    let valid = |a: &dyn Array| a.is_valid(row);
    Ok(match column {
        Column::Null => None,
        Column::Int(a) => valid(a).then(|| Value::from(a.value(row))),
        Column::UInt(a) => valid(a).then(|| Value::from(a.value(row))),
        Column::Bool(a) => valid(a).then(|| Value::from(a.value(row))),
        Column::Text(a) => valid(a).then(|| Value::from(a.value(row))),
        Column::Float(a) if !a.is_valid(row) => None,
        Column::Float(a) => {
            let v = a.value(row);
            if !v.is_finite() {
                let input = v.to_string();
                return Err(ValueError::NotFinite { field: None, input });
            }
            if floats == Floats::Refuse {
                return Ok(Some(Value::from(v)));
            }
            rounded.read += 1;
            // A finite f64 is written in its shortest form that reads back the same, without
            // exponent: the decimal the caller typed, rounded to the cent by the core's rule.
            match format!("{v}").parse::<apart::money::Euros>() {
                Ok(exact) => {
                    let cents = exact.rounded();
                    rounded.changed += usize::from(cents != exact);
                    Some(Value::from(cents.to_string()))
                }
                // Too large (or too precise) for a decimal of the library: the core refuses
                // the float itself.
                Err(_) => Some(Value::from(v)),
            }
        }
    })
}

/// The rows of a table as the core's records (or refused rows), the claim's month given to
/// rows without a `month` column; and the float cells rounded, per column.
#[allow(clippy::type_complexity)]
fn rows(
    reader: Box<dyn RecordBatchReader + Send>,
    month: apart::calendar::Month,
    floats: Floats,
) -> Result<(Vec<Row>, Vec<(String, usize, usize)>), Box<dyn Diagnostic + Send>> {
    let schema = reader.schema();
    // The header, checked as the CSV reader checks one: names exact, no repeat; the columns
    // `apart claim --format csv` adds are ignored.
    let names = header_inputs(schema.fields().iter().map(|f| f.name().as_str()))
        .map_err(|e| Box::new(e) as Box<dyn Diagnostic + Send>)?;
    let has_month = names.iter().any(|(_, n)| *n == "month");
    let mut rounded = vec![Rounded::default(); names.len()];
    let mut out = Vec::new();
    for batch in reader {
        let batch = batch.map_err(|e| unreadable(malformed(&e)))?;
        let lines = batch.num_rows();
        // Each row read by the core's reader of columns; the claim's month pushed as a column
        // of its own, so that a table without an input column still has its rows.
        let mut table = ClaimColumns::new(month);
        for (&(i, name), count) in names.iter().zip(&mut rounded) {
            let column = column(name, batch.column(i)).map_err(unreadable)?;
            let cells = (0..lines)
                .map(|row| cell(&column, row, floats, count).map(Option::unwrap_or_default))
                .collect();
            let pushed = table.push(name, "array", ClaimColumn::Each(cells));
            pushed.map_err(unreadable)?;
        }
        if !has_month {
            let cells = vec![Ok(Value::from(month.to_string())); lines];
            let pushed = table.push("month", "array", ClaimColumn::Each(cells));
            pushed.map_err(unreadable)?;
        }
        out.extend(table.rows().map_err(unreadable)?);
    }
    let rounded = names
        .iter()
        .zip(rounded)
        .filter(|(_, r)| r.read > 0)
        .map(|((_, name), r)| ((*name).to_owned(), r.read, r.changed))
        .collect();
    Ok((out, rounded))
}

/// A claim from an Arrow table (anything with `__arrow_c_stream__` / `__arrow_c_array__`):
/// the claim, and per column where floats were rounded `(column, floats read, changed)`.
#[pyfunction]
#[pyo3(
    signature = (month, table, options=None, book=None, floats=Text::from("refuse")),
    text_signature = "(month, table, options=None, book=None, floats='refuse')"
)]
#[allow(clippy::type_complexity)]
pub(crate) fn compute_claim_table(
    py: Python<'_>,
    month: &Bound<'_, PyAny>,
    table: AnyRecordBatch,
    options: Option<&Bound<'_, PyAny>>,
    book: Option<Book<'_>>,
    floats: Text<'_>,
) -> PyResult<(ind::ClaimOutcome, Vec<(String, usize, usize)>)> {
    shield(py, || {
        let month = crate::values::month(py, month)?;
        let floats = self::floats(&floats).map_err(|e| raise(py, &e))?;
        let options = self::options(py, options)?;
        let reader = table.into_reader()?;
        let (rows, rounded) = py
            .detach(|| rows(reader, month, floats))
            .map_err(|e| raise(py, e.as_ref()))?;
        let claim = with_book_detached(py, book, |b| claim_of_rows(b, month, &rows, &options))?;
        Ok((claim, rounded))
    })
}

/// Why a table cannot be read at all (the claim, not a line).
fn unreadable(e: ValueError) -> Box<dyn Diagnostic + Send> {
    Box::new(e)
}

/// An Arrow failure as the core's `INPUT_MALFORMED`.
fn malformed(e: &ArrowError) -> ValueError {
    let reason = apart::diagnostic::quote(&e.to_string());
    ValueError::Malformed {
        field: None,
        reason,
    }
}

/// One output column: its path in the line's serde shape, its name, its cells in line order
/// (`None` where a line has no value).
struct Out {
    path: Vec<&'static str>,
    name: String,
    cells: Vec<Option<Cell>>,
}

/// A column's name: the outcome's fields at the top (`employee_indemnity`), nested records
/// joined with `_` (`contributions_csg`, `error_messages_en`); `None` for the outcome's own
/// `employee` (the line's is the column).
fn column_name(path: &[&'static str]) -> Option<String> {
    match path {
        ["outcome", "employee"] => None,
        ["outcome", rest @ ..] => Some(rest.join("_")),
        _ => Some(path.join("_")),
    }
}

/// The lines of a claim as one Arrow record batch, written cell by cell through the line's
/// serde shape (`apart::cells`): lists and the free-form `details` as JSON text.
fn batch(lines: &[ClaimLine]) -> Result<RecordBatch, ArrowError> {
    let mut columns: Vec<Out> = Vec::new();
    let mut by_path: HashMap<Vec<&'static str>, usize> = HashMap::new();
    for (row, line) in lines.iter().enumerate() {
        // Lines of the same kind give the same paths in the same order: try the next column
        // first, look the path up only when it differs.
        let mut next = 0;
        apart::cells::cells(line, &mut |path: &[&'static str], cell: Cell| {
            let at = match columns.get(next) {
                Some(out) if out.path == path => next,
                _ => match by_path.get(path) {
                    Some(&at) => at,
                    None => {
                        let Some(name) = column_name(path) else {
                            return;
                        };
                        by_path.insert(path.to_vec(), columns.len());
                        columns.push(Out {
                            path: path.to_vec(),
                            name,
                            cells: Vec::new(),
                        });
                        columns.len() - 1
                    }
                },
            };
            next = at + 1;
            if let Some(out) = columns.get_mut(at) {
                out.cells.resize(row, None);
                out.cells.push((cell != Cell::Null).then_some(cell));
            }
        })
        .map_err(|e| ArrowError::ExternalError(Box::new(e)))?;
    }
    let (fields, arrays): (Vec<Field>, Vec<ArrayRef>) = columns
        .into_iter()
        .map(|mut out| {
            out.cells.resize(lines.len(), None);
            arrow_column(&out.name, &out.cells)
        })
        .unzip();
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)
}

/// A column of cells: integers, exact decimals (`decimal128`, the scale of the most precise
/// value), booleans or text.
fn arrow_column(name: &str, cells: &[Option<Cell>]) -> (Field, ArrayRef) {
    let present = || cells.iter().flatten();
    if name != "employee" && present().next().is_some() {
        if present().all(|c| matches!(c, Cell::Int(_))) {
            let a: Int64Array = cells
                .iter()
                .map(|c| match c {
                    Some(Cell::Int(i)) => Some(*i),
                    _ => None,
                })
                .collect();
            return (Field::new(name, DataType::Int64, true), Arc::new(a));
        }
        if present().all(|c| matches!(c, Cell::Bool(_))) {
            let a: BooleanArray = cells
                .iter()
                .map(|c| match c {
                    Some(Cell::Bool(b)) => Some(*b),
                    _ => None,
                })
                .collect();
            return (Field::new(name, DataType::Boolean, true), Arc::new(a));
        }
        let decimals: Option<Vec<Option<Decimal>>> = cells
            .iter()
            .map(|c| match c {
                None => Some(None),
                Some(Cell::Text(s)) => Decimal::from_str_exact(s).ok().map(Some),
                Some(_) => None,
            })
            .collect();
        if let Some(decimals) = decimals {
            let scale = decimals
                .iter()
                .flatten()
                .map(|d| d.scale())
                .max()
                .unwrap_or(0);
            let mantissas: Option<Vec<Option<i128>>> = decimals
                .iter()
                .map(|d| match d {
                    None => Some(None),
                    Some(d) => {
                        let factor = 10i128.checked_pow(scale - d.scale())?;
                        let m = d.mantissa().checked_mul(factor)?;
                        (m.unsigned_abs() < 10u128.pow(38)).then_some(Some(m))
                    }
                })
                .collect();
            if let Some(mantissas) = mantissas {
                #[allow(clippy::cast_possible_wrap, clippy::cast_possible_truncation)]
                let scale = scale as i8;
                if let Ok(a) = Decimal128Array::from(mantissas).with_precision_and_scale(38, scale)
                {
                    let t = a.data_type().clone();
                    return (Field::new(name, t, true), Arc::new(a));
                }
            }
        }
    }
    let a: StringArray = cells
        .iter()
        .map(|c| match c {
            None | Some(Cell::Null) => None,
            Some(Cell::Text(s) | Cell::Json(s)) => Some(s.clone()),
            Some(Cell::Int(i)) => Some(i.to_string()),
            Some(Cell::Bool(b)) => Some(b.to_string()),
        })
        .collect();
    (Field::new(name, DataType::Utf8, true), Arc::new(a))
}

/// A claim's lines as an Arrow table: one row per line, `index`, `employee`, every figure of
/// the outcome (amounts, hours and rates as exact `decimal128`), the refusal's columns, lists
/// as JSON text. Read it with `pyarrow.table(t)`, `polars.DataFrame(t)`, or `to_pandas()`.
#[pyclass(module = "apart._native", frozen)]
pub(crate) struct ClaimTable(RecordBatch);

#[pymethods]
impl ClaimTable {
    /// The Arrow C stream of the table (the Arrow PyCapsule interface).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyArrowResult<Bound<'py, PyCapsule>> {
        let batch = self.0.clone();
        let field = Field::new_struct("", batch.schema().fields().clone(), false);
        let arrays = std::iter::once(Ok(Arc::new(StructArray::from(batch)) as ArrayRef));
        to_stream_pycapsule(
            py,
            Box::new(ArrayIterator::new(arrays, Arc::new(field))),
            requested_schema,
        )
    }

    fn __len__(&self) -> usize {
        self.0.num_rows()
    }

    /// The names of the columns, in order.
    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.0
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect()
    }

    /// A `pyarrow.Table` (pyarrow imported here, not before).
    fn to_pyarrow<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        slf.py().import("pyarrow")?.call_method1("table", (slf,))
    }

    /// A `polars.DataFrame` (decimal columns stay exact).
    fn to_polars<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        slf.py().import("polars")?.call_method1("DataFrame", (slf,))
    }

    /// A `pandas.DataFrame` through pyarrow (decimal columns as `Decimal` objects).
    fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        Self::to_pyarrow(slf)?.call_method0("to_pandas")
    }

    fn __repr__(&self) -> String {
        format!(
            "ClaimTable({} lines, {} columns)",
            self.0.num_rows(),
            self.0.num_columns()
        )
    }
}

/// The lines of a claim as an Arrow table (:class:`ClaimTable`): one row per line,
/// ``index``, ``employee``, every figure of the outcome (amounts, hours and rates as exact
/// ``decimal128``; months, dates and options as text), the refusal's code and messages, lists
/// (warnings, refused hours, explanation) as JSON text. ``pyarrow.table(t)``,
/// ``polars.DataFrame(t)``, ``t.to_pandas()`` (``Decimal`` objects, through pyarrow).
#[pyfunction]
pub(crate) fn claim_table(
    py: Python<'_>,
    claim: Of<'_, ind::ClaimOutcome>,
) -> PyResult<ClaimTable> {
    shield(py, || {
        let claim = claim.get();
        py.detach(|| batch(&claim.lines))
            .map(ClaimTable)
            .map_err(|e| raise(py, &malformed(&e)))
    })
}
