//! The library's errors as Python exceptions ([`super::raise`], the package's classes), so that
//! a native function returns them with `?`.

use pyo3::prelude::*;

use crate::account::AccountError;
use crate::entropy::EntropyError;
use crate::forms::{
    AddressError, CityError, EmailConfirmationError, EmailError, HumanCheckError,
    LoginIdentifierError, PersonNameError, PhoneError, PostalCodeError, SecretAnswerError,
    TextError,
};
use crate::indemnity::IndemnityError;
use crate::law::LawError;
use crate::machine::{MachineError, SnapshotError, TransitionError};
use crate::procedure::{ProcedureError, RecapError};
use crate::recovery::record::RecoveryError;
use crate::seal::SealError;
use crate::siret::SiretError;
use crate::value::ValueError;

macro_rules! into_py_err {
    ($($t:ty),* $(,)?) => {$(
        impl From<$t> for PyErr {
            fn from(error: $t) -> PyErr {
                Python::attach(|py| super::raise(py, &error))
            }
        }
    )*};
}

into_py_err!(
    AccountError,
    AddressError,
    CityError,
    EmailConfirmationError,
    EmailError,
    EntropyError,
    HumanCheckError,
    IndemnityError,
    LawError,
    LoginIdentifierError,
    MachineError,
    PersonNameError,
    PhoneError,
    PostalCodeError,
    ProcedureError,
    SealError,
    SecretAnswerError,
    RecapError,
    RecoveryError,
    SiretError,
    SnapshotError,
    TextError,
    TransitionError,
    ValueError,
);
