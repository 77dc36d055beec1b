//! A claim from CSV with the core's reader (`apart::indemnity::claim_csv`, the CLI's): the
//! text, bytes, a path or a file object handed to it as a `BufRead`. Conversions only: the
//! dialect, decimal commas, column names, line limit and refused rows are the core's.

use std::io::{self, BufRead, BufReader, Read};
use std::path::PathBuf;

use apart::indemnity::ClaimOutcome;
use apart::indemnity::claim_csv::{CsvSettings, ReadError, compute_claim_csv as core_csv};
use apart::law;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString};

use crate::errors::{raise, shield};
use crate::indemnity::{Book, options, with_book_detached};
use crate::values::wrong_type;

/// A Python file object (binary or text) read as bytes: `read(n)` under the GIL, text encoded
/// as UTF-8. A Python exception travels inside the `io::Error` and is raised as it was.
struct PyFile<'py> {
    file: Bound<'py, PyAny>,
    pending: Vec<u8>,
    done: bool,
}

impl Read for PyFile<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pending.is_empty() && !self.done {
            let chunk = self
                .file
                .call_method1("read", (buf.len().max(8192),))
                .map_err(io::Error::other)?;
            if let Ok(b) = chunk.cast::<PyBytes>() {
                self.pending.extend_from_slice(b.as_bytes());
            } else if let Ok(b) = chunk.cast::<PyByteArray>() {
                self.pending.extend_from_slice(&b.to_vec());
            } else if let Ok(s) = chunk.cast::<PyString>() {
                self.pending
                    .extend_from_slice(s.to_cow().map_err(io::Error::other)?.as_bytes());
            } else {
                let expected = apart::value::expected::READ_CHUNK;
                return Err(io::Error::other(wrong_type(&chunk, "source", expected)));
            }
            self.done = self.pending.is_empty();
        }
        let n = buf.len().min(self.pending.len());
        for (to, from) in buf.iter_mut().zip(self.pending.drain(..n)) {
            *to = from;
        }
        Ok(n)
    }
}

/// A reading error as Python sees it: the core's refusal by family, an `OSError` from a file,
/// or the file object's own exception.
fn read_error(py: Python<'_>, e: ReadError) -> PyErr {
    match e {
        ReadError::Csv(e) => raise(py, e.as_ref()),
        ReadError::Io(e) if e.get_ref().is_some_and(|inner| inner.is::<PyErr>()) => {
            match e.into_inner().map(|inner| inner.downcast::<PyErr>()) {
                Some(Ok(err)) => *err,
                _ => PyErr::from(io::Error::other("read error")),
            }
        }
        // FileNotFoundError, PermissionError… as `open()` raises them.
        ReadError::Io(e) => PyErr::from(e),
        _ => PyErr::from(io::Error::other(e.to_string())),
    }
}

/// The error of `open()` for a file that cannot be opened: `FileNotFoundError`,
/// `PermissionError`… with its `errno`, `strerror` and `filename`, as Python's own.
fn open_error(py: Python<'_>, e: io::Error, path: &Bound<'_, PyAny>) -> PyErr {
    let Some(errno) = e.raw_os_error() else {
        return PyErr::from(e);
    };
    let strerror = py
        .import("os")
        .and_then(|os| os.call_method1("strerror", (errno,)))
        .and_then(|s| s.extract::<String>())
        .unwrap_or_else(|_| e.to_string());
    pyo3::exceptions::PyOSError::new_err((errno, strerror, path.clone().unbind()))
}

/// A claim read from CSV by the same reader as ``apart claim`` (the core's
/// ``indemnity::claim_csv``): one header naming the columns (the fields of
/// :class:`EmployeeMonth`, exactly), one employee per row; ``,`` or ``;`` (then decimal commas,
/// as French spreadsheets write them); quoted cells; the output columns of
/// ``apart claim --format csv`` are skipped, so a claim written as CSV reads back.
///
/// ``source`` is the CSV's text (a ``str`` is text, never a file name), its bytes (UTF-8),
/// a path (``pathlib.Path`` or any ``os.PathLike``) or a file object opened in binary or text
/// mode. ``month`` is the month of rows without a ``month`` column, and then the claim's
/// month: a row of another month is refused.
///
/// A row that cannot be read or computed is a refused line (code, French message naming its
/// line and column), never an exception; a header that cannot be read, a file without rows,
/// or no month anywhere raises (:class:`apart.InputError`…), and so does the file itself
/// (``OSError``). Memory stays bounded by ``max_line`` per line (default
/// :data:`CSV_MAX_LINE`) plus the lines returned. The GIL is released while Rust reads text,
/// bytes or a path.
#[pyfunction]
#[pyo3(signature = (source, month=None, options=None, *, book=None, max_line=None))]
pub(crate) fn compute_claim_csv(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    month: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyAny>>,
    book: Option<Book<'_>>,
    max_line: Option<&Bound<'_, PyAny>>,
) -> PyResult<ClaimOutcome> {
    let max_line: Option<usize> = crate::values::int_opt(max_line, "max_line")?;
    shield(py, || {
        let month = month
            .filter(|m| !m.is_none())
            .map(|m| crate::values::month(py, m))
            .transpose()?;
        let mut settings = CsvSettings::with_month(month);
        if let Some(max) = max_line {
            settings.max_line = max;
        }
        let options = self::options(py, options)?;
        let run =
            |input: &mut dyn BufRead, b: &law::LawBook| core_csv(b, input, &settings, &options);
        let result = if let Ok(bytes) = source.cast::<PyBytes>() {
            let data = bytes.as_bytes();
            with_book_detached(py, book, |b| run(&mut &data[..], b))?
        } else if let Ok(text) = source.cast::<PyString>() {
            let text = text
                .to_cow()
                .map_err(|_| wrong_type(source, "source", apart::value::expected::UTF8_TEXT))?;
            with_book_detached(py, book, |b| run(&mut text.as_bytes(), b))?
        } else if source.hasattr("__fspath__")? {
            let path: PathBuf = source.extract()?;
            let file = std::fs::File::open(&path).map_err(|e| open_error(py, e, source))?;
            with_book_detached(py, book, |b| {
                run(&mut BufReader::with_capacity(64 * 1024, file), b)
            })?
        } else if source.hasattr("read")? {
            let file = PyFile {
                file: source.clone(),
                pending: Vec::new(),
                done: false,
            };
            let mut input = BufReader::with_capacity(64 * 1024, file);
            // Reading a Python file needs the GIL: a copy of the book, so that no lock is held
            // meanwhile (a writer waiting for it with the GIL held would never get it).
            let book = with_book_detached(py, book, law::LawBook::clone)?;
            run(&mut input, &book)
        } else {
            return Err(wrong_type(
                source,
                "source",
                apart::value::expected::CSV_SOURCE,
            ));
        };
        result.map_err(|e| read_error(py, e))
    })
}
