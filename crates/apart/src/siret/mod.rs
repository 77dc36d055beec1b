//! SIREN, NIC, SIRET and TVA numbers (stub: being written).
use crate::error::{Detail, Diagnostic, Lang, french_display};

/// Why an identifier was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SiretError {
    /// Nothing was given.
    Empty,
}

impl Diagnostic for SiretError {
    fn code(&self) -> &'static str {
        "IDENTIFIER_EMPTY"
    }
    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Fr => "identifiant vide".into(),
            Lang::En => "empty identifier".into(),
        }
    }
    fn details(&self) -> Vec<Detail> {
        Vec::new()
    }
}
french_display!(SiretError);
