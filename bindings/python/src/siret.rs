//! SIREN, NIC, SIRET and TVA numbers: one frozen Python class per core newtype, `detect`, the
//! one-call and batch validity checks, and the seeded generator.

use std::borrow::Cow;
use std::sync::Mutex;

use apart::siret::{self as core, generate};
use pyo3::exceptions::PyMemoryError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple, PyType};

use crate::errors::{raise, shield};

fn siret_error(py: Python<'_>) -> impl Fn(core::SiretError) -> PyErr + '_ {
    move |e| raise(py, &e)
}

/// The text of a Python `str`. A string that is not valid Unicode (lone surrogates) cannot be
/// an identifier; it is passed on with U+FFFD in their place so that the core refuses it with
/// its usual `IDENTIFIER_INVALID_CHARACTER`.
fn text<'a>(s: &'a Bound<'_, PyString>) -> Cow<'a, str> {
    match s.to_str() {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => s.to_string_lossy(),
    }
}

/// The text of a `str` argument ([`text`]); anything else is `INPUT_WRONG_TYPE` naming `name`.
fn text_arg<'a>(value: &'a Bound<'_, PyAny>, name: &str) -> PyResult<Cow<'a, str>> {
    Ok(text(crate::values::text(value, name)?))
}

/// The methods every identifier class shares: construction (lenient parse), the strict parser,
/// the compact and spaced forms, `repr`, pickling and copying.
macro_rules! identifier_class {
    ($py_name:ident, $core:ty, $label:literal, { $($extra:tt)* }) => {
        #[pymethods]
        impl $py_name {
            /// Parses leniently (spaces, dots, dashes and surrounding blanks accepted).
            #[new]
            fn new(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<Self> {
                shield(py, || {
                    <$core>::parse(&text_arg(value, "value")?)
                        .map($py_name)
                        .map_err(siret_error(py))
                })
            }

            /// Parses the compact form only: exactly the digits, nothing else.
            #[staticmethod]
            fn parse_strict(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<Self> {
                shield(py, || {
                    <$core>::parse_strict(&text_arg(value, "value")?)
                        .map($py_name)
                        .map_err(siret_error(py))
                })
            }

            /// The compact form (digits only; `FR` and digits for a TVA number).
            fn as_str(&self) -> &str {
                self.0.as_str()
            }

            fn __str__(&self) -> String {
                self.0.to_string()
            }

            fn __repr__(&self) -> String {
                format!(concat!($label, "('{}')"), self.0.as_str())
            }

            fn __reduce__<'py>(
                slf: &Bound<'py, Self>,
            ) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
                let py = slf.py();
                let args = PyTuple::new(py, [slf.get().0.as_str()])?;
                Ok((py.get_type::<Self>(), args))
            }

            fn __copy__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
                slf
            }

            fn __deepcopy__<'py>(
                slf: Bound<'py, Self>,
                _memo: &Bound<'py, PyAny>,
            ) -> Bound<'py, Self> {
                slf
            }

            $($extra)*
        }
    };
}

/// A SIREN: 9 digits whose Luhn key is right.
#[pyclass(module = "apart._native", frozen, eq, ord, hash)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Siren(pub(crate) core::Siren);

/// A NIC: the 5 digits of an establishment within its SIREN.
#[pyclass(module = "apart._native", frozen, eq, ord, hash)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Nic(pub(crate) core::Nic);

/// A SIRET: a SIREN and a NIC whose keys are both right (or La Poste's rule).
#[pyclass(module = "apart._native", frozen, eq, ord, hash)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Siret(pub(crate) core::Siret);

/// A French intra-community VAT number (`FR` + 2-digit key + SIREN).
#[pyclass(module = "apart._native", frozen, eq, ord, hash)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Tva(pub(crate) core::Tva);

identifier_class!(Siren, core::Siren, "Siren", {
    /// The SIREN of the 8 first digits given, with its key computed.
    #[staticmethod]
    fn complete(py: Python<'_>, prefix: &Bound<'_, PyAny>) -> PyResult<Self> {
        shield(py, || {
            core::Siren::complete(&text_arg(prefix, "prefix")?)
                .map(Siren)
                .map_err(siret_error(py))
        })
    }

    #[getter]
    fn check_digit(&self) -> u8 {
        self.0.check_digit()
    }

    #[getter]
    fn is_la_poste(&self) -> bool {
        self.0.is_la_poste()
    }

    #[getter]
    fn tva(&self) -> Tva {
        Tva(self.0.tva())
    }

    fn with_nic(&self, py: Python<'_>, nic: &Bound<'_, Nic>) -> PyResult<Siret> {
        shield(py, || {
            self.0
                .with_nic(nic.get().0)
                .map(Siret)
                .map_err(siret_error(py))
        })
    }

    #[pyo3(name = "to_int")]
    fn as_u32(&self) -> u32 {
        self.0.to_u32()
    }

    fn format_with(&self, separator: char) -> String {
        self.0.format_with(separator)
    }
});

identifier_class!(Nic, core::Nic, "Nic", {
    #[getter]
    fn rank(&self) -> u16 {
        self.0.rank()
    }

    #[getter]
    fn check_digit(&self) -> u8 {
        self.0.check_digit()
    }
});

identifier_class!(Siret, core::Siret, "Siret", {
    #[staticmethod]
    fn from_parts(
        py: Python<'_>,
        siren: &Bound<'_, Siren>,
        nic: &Bound<'_, Nic>,
    ) -> PyResult<Self> {
        shield(py, || {
            core::Siret::from_parts(siren.get().0, nic.get().0)
                .map(Siret)
                .map_err(siret_error(py))
        })
    }

    /// The SIRET of `siren` and the 4-digit establishment rank given, with its key computed.
    #[staticmethod]
    fn complete(
        py: Python<'_>,
        siren: &Bound<'_, Siren>,
        rank: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        shield(py, || {
            core::Siret::complete(siren.get().0, &text_arg(rank, "rank")?)
                .map(Siret)
                .map_err(siret_error(py))
        })
    }

    #[getter]
    fn siren(&self) -> Siren {
        Siren(self.0.siren())
    }

    #[getter]
    fn nic(&self) -> Nic {
        Nic(self.0.nic())
    }

    fn parts(&self) -> (Siren, Nic) {
        let (s, n) = self.0.into_parts();
        (Siren(s), Nic(n))
    }

    #[getter]
    fn tva(&self) -> Tva {
        Tva(self.0.tva())
    }

    #[getter]
    fn is_la_poste(&self) -> bool {
        self.0.is_la_poste()
    }

    fn format_with(&self, separator: char) -> String {
        self.0.format_with(separator)
    }
});

identifier_class!(Tva, core::Tva, "Tva", {
    #[getter]
    fn key(&self) -> u8 {
        self.0.key()
    }

    #[getter]
    fn siren(&self) -> Option<Siren> {
        self.0.siren().map(Siren)
    }

    #[getter]
    fn is_monaco(&self) -> bool {
        self.0.is_monaco()
    }
});

fn identifier_object<'py>(py: Python<'py>, id: core::Identifier) -> PyResult<Bound<'py, PyAny>> {
    match id {
        core::Identifier::Siren(s) => Ok(Bound::new(py, Siren(s))?.into_any()),
        core::Identifier::Siret(s) => Ok(Bound::new(py, Siret(s))?.into_any()),
        core::Identifier::Tva(s) => Ok(Bound::new(py, Tva(s))?.into_any()),
        // `Identifier` is `#[non_exhaustive]`; a new kind reaches Python as its compact string
        // until this binding gives it a class.
        other => Ok(PyString::new(py, other.as_str()).into_any()),
    }
}

/// Parses `value` as whichever identifier it is: a SIREN, a SIRET or a TVA number.
#[pyfunction]
fn detect<'py>(py: Python<'py>, value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    shield(py, || {
        let id = core::detect(&text_arg(value, "value")?).map_err(siret_error(py))?;
        identifier_object(py, id)
    })
}

/// Whether `value` is a valid SIRET (lenient parse). The fastest check: no error is built.
#[pyfunction]
fn is_valid_siret(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<bool> {
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
            texts.buf.push_str(&text(s));
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
fn is_valid_siret_many<'py>(
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
fn parse_siret_many<'py>(
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
                Ok(s) => list.append(Siret(s))?,
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
struct Generator(Mutex<generate::SplitMix64>, u64);

impl Generator {
    fn with<T>(&self, f: impl FnOnce(&mut generate::SplitMix64) -> T) -> T {
        let mut rng = match self.0.lock() {
            Ok(guard) => guard,
            // A panic while holding the lock cannot leave SplitMix64 half-updated (one u64).
            Err(poisoned) => poisoned.into_inner(),
        };
        f(&mut rng)
    }
}

#[pymethods]
impl Generator {
    #[new]
    #[pyo3(signature = (seed=None))]
    fn new(py: Python<'_>, seed: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let seed: u64 = match seed {
            Some(seed) => crate::values::int(seed, "seed")?,
            None => {
                let mut bytes = [0u8; 8];
                apart::entropy::EntropySource::fill(&mut apart::entropy::OsEntropy, &mut bytes)
                    .map_err(|e| raise(py, &e))?;
                u64::from_le_bytes(bytes)
            }
        };
        Ok(Generator(Mutex::new(generate::SplitMix64::new(seed)), seed))
    }

    #[getter]
    fn seed(&self) -> u64 {
        self.1
    }

    fn __repr__(&self) -> String {
        format!("Generator(seed={})", self.1)
    }

    fn siren(&self, py: Python<'_>) -> PyResult<Siren> {
        shield(py, || Ok(Siren(self.with(generate::siren))))
    }

    fn siret(&self, py: Python<'_>) -> PyResult<Siret> {
        shield(py, || Ok(Siret(self.with(generate::siret))))
    }

    /// A new establishment of `siren`.
    fn siret_of(&self, py: Python<'_>, siren: &Bound<'_, Siren>) -> PyResult<Siret> {
        let siren = siren.get().0;
        shield(py, || {
            Ok(Siret(self.with(|rng| generate::siret_of(siren, rng))))
        })
    }

    /// A SIRET of La Poste (SIREN 356 000 000, digit-sum rule).
    fn la_poste_siret(&self, py: Python<'_>) -> PyResult<Siret> {
        shield(py, || Ok(Siret(self.with(generate::la_poste_siret))))
    }

    /// `count` valid SIRETs as compact strings, generated with the GIL released.
    fn siret_strings<'py>(
        &self,
        py: Python<'py>,
        count: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let count: usize = crate::values::int(count, "count")?;
        shield(py, || {
            // An absurd count is a MemoryError, as in Python, not an aborted process.
            let mut strings: Vec<String> = Vec::new();
            strings
                .try_reserve_exact(count)
                .map_err(|_| PyMemoryError::new_err(format!("cannot hold {count} SIRETs")))?;
            py.detach(|| {
                self.with(|rng| {
                    strings.extend((0..count).map(|_| generate::siret(rng).as_str().to_owned()));
                })
            });
            PyList::new(py, strings)
        })
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Siren>()?;
    m.add_class::<Nic>()?;
    m.add_class::<Siret>()?;
    m.add_class::<Tva>()?;
    m.add_class::<Generator>()?;
    m.add_function(wrap_pyfunction!(detect, m)?)?;
    m.add_function(wrap_pyfunction!(is_valid_siret, m)?)?;
    m.add_function(wrap_pyfunction!(is_valid_siret_many, m)?)?;
    m.add_function(wrap_pyfunction!(parse_siret_many, m)?)?;
    Ok(())
}
