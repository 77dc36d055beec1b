//! The identifiers of [`crate::siret`] as native Python classes (`apart.siret`): each is the
//! core's own type, immutable, hashable and ordered; constructing one parses leniently,
//! `parse_strict` takes the compact form only; `str()` is the spaced form, `as_str()` the
//! compact one; `repr`, pickling and copying.

use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple, PyType};

use super::{raise, shield};
use crate::siret::{Nic, Siren, Siret, Tva};

/// The text of a `str` argument (lone surrogates as U+FFFD, refused by the parser like any bad
/// character); anything else is `INPUT_WRONG_TYPE` naming `name` (an identifier is text:
/// leading zeros matter).
///
/// # Errors
///
/// The Python exception of the [`crate::value::ValueError`].
pub fn text_arg(value: &Bound<'_, PyAny>, name: &str) -> PyResult<String> {
    match value.cast::<PyString>() {
        Ok(s) => Ok(super::forms::text(s).into_owned()),
        Err(_) => {
            let found = format!("Python {}", super::type_name(value));
            let expected = crate::value::expected::A_STRING;
            let error = crate::value::ValueError::wrong_type(expected, &found).with_field(name);
            Err(raise(value.py(), &error))
        }
    }
}

/// The methods every identifier class shares: construction (lenient parse), the strict parser,
/// the compact and spaced forms, `repr`, pickling and copying, then the type's own methods.
macro_rules! identifier_class {
    ($t:ident, { $($extra:tt)* }) => {
        #[pymethods]
        impl $t {
            /// Parses leniently (spaces, dots, dashes and surrounding blanks accepted).
            #[new]
            fn py_new(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<Self> {
                shield(py, || $t::parse(&text_arg(value, "value")?).map_err(|e| raise(py, &e)))
            }

            /// Parses the compact form only: exactly the digits, nothing else.
            #[staticmethod]
            #[pyo3(name = "parse_strict")]
            fn py_parse_strict(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<Self> {
                shield(py, || {
                    $t::parse_strict(&text_arg(value, "value")?).map_err(|e| raise(py, &e))
                })
            }

            /// The compact form (digits only; `FR` and digits for a TVA number).
            #[pyo3(name = "as_str")]
            fn py_as_str(&self) -> &str {
                self.as_str()
            }

            fn __str__(&self) -> String {
                self.to_string()
            }

            /// The value it stands for inside a record (a context, a form): its compact form.
            fn __apart_value__(&self) -> &str {
                self.as_str()
            }

            fn __repr__(&self) -> String {
                format!(concat!(stringify!($t), "('{}')"), self.as_str())
            }

            fn __reduce__<'py>(
                slf: &Bound<'py, Self>,
            ) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
                let py = slf.py();
                Ok((py.get_type::<Self>(), PyTuple::new(py, [slf.get().as_str()])?))
            }

            fn __copy__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
                slf
            }

            fn __deepcopy__<'py>(slf: Bound<'py, Self>, _memo: &Bound<'py, PyAny>) -> Bound<'py, Self> {
                slf
            }

            $($extra)*
        }
    };
}

identifier_class!(Siren, {
    /// The SIREN of the 8 first digits given, with its key computed.
    #[staticmethod]
    #[pyo3(name = "complete")]
    fn py_complete(py: Python<'_>, prefix: &Bound<'_, PyAny>) -> PyResult<Self> {
        shield(py, || {
            Siren::complete(&text_arg(prefix, "prefix")?).map_err(|e| raise(py, &e))
        })
    }

    #[getter(check_digit)]
    fn py_check_digit(&self) -> u8 {
        self.check_digit()
    }

    #[getter(is_la_poste)]
    fn py_is_la_poste(&self) -> bool {
        self.is_la_poste()
    }

    #[getter(tva)]
    fn py_tva(&self) -> Tva {
        self.tva()
    }

    #[pyo3(name = "with_nic")]
    fn py_with_nic(&self, py: Python<'_>, nic: super::Of<'_, Nic>) -> PyResult<Siret> {
        shield(py, || self.with_nic(*nic.get()).map_err(|e| raise(py, &e)))
    }

    #[pyo3(name = "to_int")]
    fn py_to_int(&self) -> u32 {
        self.to_u32()
    }

    #[pyo3(name = "format_with")]
    fn py_format_with(&self, py: Python<'_>, separator: super::Text<'_>) -> PyResult<String> {
        let separator = crate::siret::separator(&separator).map_err(|e| raise(py, &e))?;
        Ok(self.format_with(separator))
    }
});

identifier_class!(Nic, {
    #[getter(rank)]
    fn py_rank(&self) -> u16 {
        self.rank()
    }

    #[getter(check_digit)]
    fn py_check_digit(&self) -> u8 {
        self.check_digit()
    }
});

identifier_class!(Siret, {
    #[staticmethod]
    #[pyo3(name = "from_parts")]
    fn py_from_parts(
        py: Python<'_>,
        siren: super::Of<'_, Siren>,
        nic: super::Of<'_, Nic>,
    ) -> PyResult<Self> {
        shield(py, || {
            Siret::from_parts(*siren.get(), *nic.get()).map_err(|e| raise(py, &e))
        })
    }

    /// The SIRET of `siren` and the 4-digit establishment rank given, with its key computed.
    #[staticmethod]
    #[pyo3(name = "complete")]
    fn py_complete(
        py: Python<'_>,
        siren: super::Of<'_, Siren>,
        rank: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        shield(py, || {
            Siret::complete(*siren.get(), &text_arg(rank, "rank")?).map_err(|e| raise(py, &e))
        })
    }

    #[getter(siren)]
    fn py_siren(&self) -> Siren {
        self.siren()
    }

    #[getter(nic)]
    fn py_nic(&self) -> Nic {
        self.nic()
    }

    #[pyo3(name = "parts")]
    fn py_parts(&self) -> (Siren, Nic) {
        self.into_parts()
    }

    #[getter(tva)]
    fn py_tva(&self) -> Tva {
        self.tva()
    }

    #[getter(is_la_poste)]
    fn py_is_la_poste(&self) -> bool {
        self.is_la_poste()
    }

    #[pyo3(name = "format_with")]
    fn py_format_with(&self, py: Python<'_>, separator: super::Text<'_>) -> PyResult<String> {
        let separator = crate::siret::separator(&separator).map_err(|e| raise(py, &e))?;
        Ok(self.format_with(separator))
    }
});

identifier_class!(Tva, {
    #[getter(key)]
    fn py_key(&self) -> u8 {
        self.key()
    }

    #[getter(siren)]
    fn py_siren(&self) -> Option<Siren> {
        self.siren()
    }

    #[getter(is_monaco)]
    fn py_is_monaco(&self) -> bool {
        self.is_monaco()
    }
});
