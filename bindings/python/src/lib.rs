//! `apart._native`: the pyo3 module under the `apart` Python package.
//!
//! Thin by design (design §7, style §3): each function converts its arguments (Python's own
//! types: aware `datetime`, `date`, `Decimal`, `dict`, read by the core), makes one call into
//! the `apart` crate and converts the result back. The modules of `python/apart/` re-export
//! them with the exceptions, enums and constants; that is what users import.
//!
//! Two rules hold for every function here:
//!
//! * errors leave as the `apart.ApartError` subclass of their domain, built by
//!   `apart._errors._from_native` from the error's code, French and English messages and
//!   structured fields ([`errors`]);
//! * every call into the core runs under [`errors::shield`], so a Rust panic (there should be
//!   none: the core denies them) reaches Python as `apart.InternalError`, never as pyo3's
//!   `PanicException` (a `BaseException`).
#![forbid(unsafe_code)]

use pyo3::prelude::*;

/// Native functions of `str` arguments ([`apart::python::Text`], read as `&str`) answering
/// from the core under the panic shield: each `fn name(arguments) -> Type = expression;`.
macro_rules! text_functions {
    ($($(#[doc = $doc:literal])* fn $name:ident($($arg:ident),+) -> $ret:ty = $body:expr;)+) => {$(
        $(#[doc = $doc])*
        #[pyfunction]
        pub(crate) fn $name(py: Python<'_>, $($arg: apart::python::Text<'_>),+) -> PyResult<$ret> {
            $(let $arg: &str = &$arg;)+
            crate::errors::shield(py, || Ok($body))
        }
    )+};
}

mod account;
mod bench;
mod claim_csv;
mod errors;
mod forms;
mod indemnity;
mod machine;
mod procedure;
mod siret;
mod table;
mod values;

/// The module's content: the native functions and classes of each module and the core's own
/// classes (derived there, feature `python`); the order is irrelevant.
#[pymodule]
mod _native {
    #[pymodule_export]
    use crate::account::{
        AccountForm, Argon2idHasher, Entropy, activation_email, authenticate,
        authorised_establishments, check_invariants, check_secret_answer, complete_activation,
        complete_password_reset, default_policies, issue, others_live, redeem, request_facts,
        request_identifier_reminder, request_password_reset, revoke_all, token_id,
        transfer_principal,
    };
    #[pymodule_export]
    use crate::bench::{_rust_indemnity_timings, _rust_siret_timing};
    #[pymodule_export]
    use crate::claim_csv::compute_claim_csv;
    #[pymodule_export]
    use crate::errors::{_panic_for_tests, error_with_field, families, wrong_type};
    #[pymodule_export]
    use crate::forms::{
        HumanCheck, confirm_email, description_len, limits, normalize_secret_answer,
        normalize_text, parse_bounded_text, parse_description, parse_person_name,
        parse_street_number, remaining, street_extension_parse, street_extensions, street_types,
        text_len_utf16, text_rules,
    };
    #[pymodule_export]
    use crate::indemnity::{
        LawBook, compute, compute_claim, contributions, indemnity_constants, law_params,
        round_cents,
    };
    #[pymodule_export]
    use crate::machine::{Machine, machine_by_id, machines};
    #[pymodule_export]
    use crate::procedure::{
        annual_quota, annual_quota_hours, assistance_form_handed_over, assistance_form_preselected,
        assistance_form_validate, assistance_motives, check_duration, claim_deadline_months,
        claims_last_day, create_di, da_motives, da_states, decision_delay_days, di_code_matches,
        di_states, find_di_code, implicit_acceptance_at, last_filing_day, late_filing_days,
        mask_iban, max_duration, parse_di_code, period_contains, period_days, period_intersection,
        recap, recap_of_di_with_claim,
    };
    #[pymodule_export]
    use crate::siret::{Generator, detect, is_valid_siret, is_valid_siret_many, parse_siret_many};
    #[pymodule_export]
    use crate::table::{ClaimTable, claim_table, compute_claim_table};
    #[pymodule_export]
    use crate::values::{decimal_text, json_text};
    #[pymodule_export]
    use apart::account::LoginOutcome;
    #[pymodule_export]
    use apart::forms::{
        City, Email, LoginIdentifier, PhoneFr, PhonePolicy, PostalCodeFr, SecretAnswer, TextRules,
    };
    #[pymodule_export]
    use apart::indemnity::{
        ClaimLine, ClaimOutcome, ClaimTotals, Contributions, EmployeeMonth, ExplanationStep,
        Options, Outcome, RefusedHours, StepValue,
    };
    #[pymodule_export]
    use apart::machine::JsonStep;
    #[pymodule_export]
    use apart::procedure::{DaStateInfo, DiStateInfo, recap::Recap};
    #[pymodule_export]
    use apart::python::PyWarning;
    #[pymodule_export]
    use apart::recovery::{IssuedToken, Redemption, RequestOutcome, ResetCompletion};
    #[pymodule_export]
    use apart::siret::{Nic, Siren, Siret, Tva};
    #[pymodule_export]
    use apart::{calendar::Month, forms::Choice};

    use pyo3::prelude::*;

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        // Errors of the core's classes raise the package's exceptions (`apart._errors`).
        apart::python::set_raise(crate::errors::raise);
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        m.add("CSV_MAX_LINE", apart::indemnity::claim_csv::MAX_LINE)?;
        for (_, name, class) in apart::python::enum_classes(m.py())? {
            m.add(name, class)?;
        }
        Ok(())
    }

    /// A native class's doc without the Rust examples of the core's doc comment (the core's
    /// `doc_comments`, which the TypeScript, Kotlin and Swift declarations go through too).
    #[pyfunction]
    fn doc_without_rust_examples(doc: &str) -> String {
        apart::doc_comments::doc_without_rust_examples(doc)
    }
}
