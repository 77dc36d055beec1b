//! SIREN, NIC, SIRET and TVA numbers: the classes are the core's own (`apart::python`);
//! here `detect`, the one-call and batch validity checks, and the seeded generator.

use apart::python::text_arg;
use apart::siret::{self as core, Siren, Siret, generate};
use pyo3::exceptions::PyMemoryError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use crate::errors::{raise, shield};

fn identifier_object<'py>(py: Python<'py>, id: core::Identifier) -> PyResult<Bound<'py, PyAny>> {
    match id {
        core::Identifier::Siren(s) => Ok(Bound::new(py, s)?.into_any()),
        core::Identifier::Siret(s) => Ok(Bound::new(py, s)?.into_any()),
        core::Identifier::Tva(s) => Ok(Bound::new(py, s)?.into_any()),
        // `Identifier` is `#[non_exhaustive]`; a new kind reaches Python as its compact string
        // until this binding gives it a class.
        other => Ok(PyString::new(py, other.as_str()).into_any()),
    }
}

/// Parses `value` as whichever identifier it is: a SIREN, a SIRET or a TVA number.
#[pyfunction]
pub(crate) fn detect<'py>(
    py: Python<'py>,
    value: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    shield(py, || {
        let id = core::detect(&text_arg(value, "value")?)?;
        identifier_object(py, id)
    })
}

/// Whether `value` is a valid SIRET (lenient parse). The fastest check: no error is built.
#[pyfunction]
pub(crate) fn is_valid_siret(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<bool> {
    shield(py, || Ok(core::is_valid_siret(&text_arg(value, "value")?)))
}

/// The strings of an iterable, copied into one buffer so that the GIL can be released while
/// Rust reads them (another thread may then mutate or drop the Python objects).
struct Texts {
    buf: String,
    ends: Vec<usize>,
}

impl Texts {
    fn collect(items: &Bound<'_, PyAny>) -> PyResult<Texts> {
        // A `str` is iterable too: its characters are not identifiers.
        let iter = crate::values::items(items, "values")?;
        let n = items.len().unwrap_or(0);
        let mut texts = Texts {
            buf: String::with_capacity(n.saturating_mul(14)),
            ends: Vec::with_capacity(n),
        };
        for (index, item) in iter.enumerate() {
            let item = item?;
            let Ok(s) = item.cast::<PyString>() else {
                // SIRETs are text (leading zeros matter): an `int` or `None` is refused.
                let name = format!("values[{index}]");
                let expected = apart::value::expected::A_STRING;
                return Err(crate::values::wrong_type(&item, &name, expected));
            };
            texts.buf.push_str(&s.to_string_lossy());
            texts.ends.push(texts.buf.len());
        }
        Ok(texts)
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            // Every end is a char boundary: whole strings were pushed.
            let s = self.buf.get(start..end).unwrap_or_default();
            start = end;
            s
        })
    }
}

/// `is_valid_siret` of each string, in one call; the GIL is released while checking.
#[pyfunction]
pub(crate) fn is_valid_siret_many<'py>(
    py: Python<'py>,
    values: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    shield(py, || {
        let texts = Texts::collect(values)?;
        let valid: Vec<bool> = py.detach(|| texts.iter().map(core::is_valid_siret).collect());
        PyList::new(py, valid)
    })
}

/// Each string parsed as a `Siret`, in one call (GIL released while parsing); a refused one
/// gives its `SiretError` in its place (returned, not raised).
#[pyfunction]
pub(crate) fn parse_siret_many<'py>(
    py: Python<'py>,
    values: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    shield(py, || {
        let texts = Texts::collect(values)?;
        let parsed: Vec<Result<core::Siret, core::SiretError>> =
            py.detach(|| texts.iter().map(core::Siret::parse).collect());
        let list = PyList::empty(py);
        for result in parsed {
            match result {
                Ok(s) => list.append(s)?,
                Err(e) => list.append(raise(py, &e).into_value(py))?,
            }
        }
        Ok(list)
    })
}

/// Valid identifiers for fixtures and load tests, from a seeded generator (SplitMix64): the
/// same seed gives the same identifiers in every language (a random one when not given).
/// Thread-safe.
#[pyclass(module = "apart._native", frozen)]
pub(crate) struct Generator(generate::SharedSplitMix64, u64);

#[pymethods]
impl Generator {
    #[new]
    #[pyo3(signature = (seed=None))]
    fn new(seed: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let seed: u64 = match seed {
            Some(seed) => apart::python::int(seed, "seed")?,
            None => {
                let mut bytes = [0u8; 8];
                apart::entropy::EntropySource::fill(&mut apart::entropy::OsEntropy, &mut bytes)?;
                u64::from_le_bytes(bytes)
            }
        };
        Ok(Generator(generate::SharedSplitMix64::new(seed), seed))
    }

    #[getter]
    fn seed(&self) -> u64 {
        self.1
    }

    fn __repr__(&self) -> String {
        format!("Generator(seed={})", self.1)
    }

    fn siren(&self, py: Python<'_>) -> PyResult<Siren> {
        shield(py, || Ok(generate::siren(&mut &self.0)))
    }

    fn siret(&self, py: Python<'_>) -> PyResult<Siret> {
        shield(py, || Ok(generate::siret(&mut &self.0)))
    }

    /// A new establishment of `siren`.
    fn siret_of(&self, py: Python<'_>, siren: apart::python::Of<'_, Siren>) -> PyResult<Siret> {
        let siren = *siren.get();
        shield(py, || Ok(generate::siret_of(siren, &mut &self.0)))
    }

    /// A SIRET of La Poste (SIREN 356 000 000, digit-sum rule).
    fn la_poste_siret(&self, py: Python<'_>) -> PyResult<Siret> {
        shield(py, || Ok(generate::la_poste_siret(&mut &self.0)))
    }

    /// `count` valid SIRETs as compact strings, generated with the GIL released.
    fn siret_strings<'py>(
        &self,
        py: Python<'py>,
        count: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let count: usize = apart::python::int(count, "count")?;
        shield(py, || {
            // An absurd count is a MemoryError, as in Python, not an aborted process.
            let mut strings: Vec<String> = Vec::new();
            strings
                .try_reserve_exact(count)
                .map_err(|_| PyMemoryError::new_err(format!("cannot hold {count} SIRETs")))?;
            let mut rng = &self.0;
            py.detach(|| {
                strings.extend((0..count).map(|_| generate::siret(&mut rng).as_str().to_owned()));
            });
            PyList::new(py, strings)
        })
    }
}
