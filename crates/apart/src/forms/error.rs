//! The shared shape of form errors: one [`FieldError`] per refused field, collected in
//! [`FieldErrors`] so that a form reports every problem at once (spec §4: validation is total).

use std::fmt;
use std::sync::Arc;

use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};

use crate::diagnostic::{Detail, DetailValue, Diagnostic, Lang, french_display};

/// One refused field: the field's name, and the typed error of its parser.
///
/// The field name is the caller's (for example `"email_confirmation"`): front ends use it to
/// put the message next to the right input. The code, message and structured parameters are
/// those of the wrapped error, so a field error says exactly what its parser said.
///
/// Serialises as `{"field": …, "code": …, "params": {…}}`.
///
/// ```
/// use apart::diagnostic::Diagnostic;
/// use apart::forms::{FieldError, PhoneFr};
///
/// let err = PhoneFr::parse("01 23").unwrap_err();
/// let field = FieldError::new("phone", err);
/// assert_eq!(field.field(), "phone");
/// assert_eq!(field.code(), "PHONE_INVALID_LENGTH");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct FieldError {
    field: String,
    source: Arc<dyn Diagnostic>,
}

impl FieldError {
    /// Wraps the error `source` of the field named `field`.
    pub fn new(field: impl Into<String>, source: impl Diagnostic) -> FieldError {
        FieldError {
            field: field.into(),
            source: Arc::new(source),
        }
    }

    /// The name of the refused field, as the caller gave it.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The error of the field's parser.
    pub fn source_error(&self) -> &dyn Diagnostic {
        self.source.as_ref()
    }

    /// The structured parameters of the error (same as [`Diagnostic::details`]).
    pub fn params(&self) -> Vec<Detail> {
        self.source.details()
    }
}

impl Diagnostic for FieldError {
    fn family(&self) -> crate::diagnostic::Family {
        crate::diagnostic::Family::Form
    }

    fn code(&self) -> &'static str {
        self.source.code()
    }

    /// The parser's message alone: the field name is structured data, not prose, so that a
    /// front end can place the message beside its input.
    fn message(&self, lang: Lang) -> String {
        self.source.message(lang)
    }

    fn details(&self) -> Vec<Detail> {
        let mut details = vec![("field", DetailValue::from(self.field.as_str()))];
        details.extend(self.source.details());
        details
    }
}

impl fmt::Debug for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FieldError")
            .field("field", &self.field)
            .field("code", &self.source.code())
            .field("params", &self.source.details())
            .finish()
    }
}

impl PartialEq for FieldError {
    fn eq(&self, other: &Self) -> bool {
        self.field == other.field
            && self.source.code() == other.source.code()
            && self.source.details() == other.source.details()
    }
}

impl Eq for FieldError {}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} : {}", self.field, self.source.message(Lang::Fr))
    }
}

impl std::error::Error for FieldError {}

/// The parameters of an error as a JSON-friendly map (strings and integers).
struct Params<'a>(&'a [Detail]);

impl Serialize for Params<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in self.0 {
            match value {
                DetailValue::Text(s) => map.serialize_entry(name, s)?,
                DetailValue::Int(i) => map.serialize_entry(name, i)?,
            }
        }
        map.end()
    }
}

impl Serialize for FieldError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let params = self.source.details();
        let mut st = serializer.serialize_struct("FieldError", 3)?;
        st.serialize_field("field", &self.field)?;
        st.serialize_field("code", self.source.code())?;
        st.serialize_field("params", &Params(&params))?;
        st.end()
    }
}

/// Every refused field of one form, in the order the form checked them.
///
/// A form validates all its fields and returns all the errors at once (spec §4), never only
/// the first. [`FieldErrors::check`] records a field's error and gives back its value, so a
/// form reads as a list of fields followed by [`FieldErrors::finish`].
///
/// Serialises as a JSON array of [`FieldError`].
///
/// ```
/// use apart::diagnostic::Diagnostic;
/// use apart::forms::{Email, FieldErrors, PhoneFr};
///
/// let mut errors = FieldErrors::new();
/// let phone = errors.check("phone", PhoneFr::parse("01 23 45 67 89"));
/// let email = errors.check("email", Email::parse("not an e-mail"));
/// assert!(phone.is_some() && email.is_none());
/// assert_eq!(errors.len(), 1);
/// assert_eq!(errors.codes(), ["EMAIL_MISSING_AT"]);
/// let result = errors.finish(|| (phone, email));
/// assert_eq!(result.unwrap_err().code(), "FORM_INVALID");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors {
    errors: Vec<FieldError>,
}

impl FieldErrors {
    /// An empty collection.
    pub fn new() -> FieldErrors {
        FieldErrors::default()
    }

    /// Records that `field` was refused with `error`.
    pub fn push(&mut self, field: impl Into<String>, error: impl Diagnostic) {
        self.errors.push(FieldError::new(field, error));
    }

    /// Records the error of `result` under `field`, if any, and returns the value otherwise.
    pub fn check<T, E: Diagnostic>(
        &mut self,
        field: impl Into<String>,
        result: Result<T, E>,
    ) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.push(field, error);
                None
            }
        }
    }

    /// Whether no field was refused.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// The number of refused fields (a field may appear more than once).
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// The errors, in the order they were recorded.
    pub fn iter(&self) -> std::slice::Iter<'_, FieldError> {
        self.errors.iter()
    }

    /// The errors recorded for `field`.
    pub fn for_field<'a>(&'a self, field: &'a str) -> impl Iterator<Item = &'a FieldError> + 'a {
        self.errors.iter().filter(move |e| e.field == field)
    }

    /// The codes of the errors, in order: handy in tests and logs.
    pub fn codes(&self) -> Vec<&'static str> {
        self.errors.iter().map(|e| e.code()).collect()
    }

    /// `Ok(build())` when no field was refused, `Err(self)` otherwise.
    ///
    /// `build` runs only when every field passed, so it may rely on every value being there.
    ///
    /// # Errors
    ///
    /// Returns the collection itself when it holds at least one error.
    pub fn finish<T>(self, build: impl FnOnce() -> T) -> Result<T, FieldErrors> {
        if self.errors.is_empty() {
            Ok(build())
        } else {
            Err(self)
        }
    }

    /// The errors as a vector.
    pub fn into_vec(self) -> Vec<FieldError> {
        self.errors
    }
}

impl<'a> IntoIterator for &'a FieldErrors {
    type Item = &'a FieldError;
    type IntoIter = std::slice::Iter<'a, FieldError>;
    fn into_iter(self) -> Self::IntoIter {
        self.errors.iter()
    }
}

impl IntoIterator for FieldErrors {
    type Item = FieldError;
    type IntoIter = std::vec::IntoIter<FieldError>;
    fn into_iter(self) -> Self::IntoIter {
        self.errors.into_iter()
    }
}

impl Extend<FieldError> for FieldErrors {
    fn extend<I: IntoIterator<Item = FieldError>>(&mut self, iter: I) {
        self.errors.extend(iter);
    }
}

impl FromIterator<FieldError> for FieldErrors {
    fn from_iter<I: IntoIterator<Item = FieldError>>(iter: I) -> Self {
        FieldErrors {
            errors: iter.into_iter().collect(),
        }
    }
}

impl Serialize for FieldErrors {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.errors.serialize(serializer)
    }
}

impl Diagnostic for FieldErrors {
    fn family(&self) -> crate::diagnostic::Family {
        crate::diagnostic::Family::Form
    }

    fn code(&self) -> &'static str {
        "FORM_INVALID"
    }

    fn message(&self, lang: Lang) -> String {
        let fields = self
            .errors
            .iter()
            .map(|e| e.field.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let n = self.errors.len();
        match (lang, n) {
            (Lang::En, 1) => format!("invalid form: 1 field refused ({fields})"),
            (Lang::En, _) => format!("invalid form: {n} fields refused ({fields})"),
            (_, 1) => format!("formulaire invalide : 1 champ refusé ({fields})"),
            (_, _) => format!("formulaire invalide : {n} champs refusés ({fields})"),
        }
    }

    fn details(&self) -> Vec<Detail> {
        let fields = self
            .errors
            .iter()
            .map(|e| e.field.as_str())
            .collect::<Vec<_>>()
            .join(",");
        vec![
            ("count", DetailValue::from(self.errors.len())),
            ("fields", DetailValue::from(fields)),
        ]
    }
}

french_display!(FieldErrors);

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;
    use crate::forms::{Email, PhoneFr};

    #[test]
    fn collects_every_error_in_order() {
        let mut errors = FieldErrors::new();
        assert!(errors.check("a", PhoneFr::parse("abc")).is_none());
        assert!(errors.check("b", Email::parse("x@y")).is_none());
        assert!(errors.check("c", Email::parse("x@y.fr")).is_some());
        assert_eq!(
            errors.codes(),
            ["PHONE_INVALID_CHARACTER", "EMAIL_DOMAIN_NO_TLD"]
        );
        assert_eq!(errors.for_field("b").count(), 1);
        assert_eq!(
            errors.message(Lang::En),
            "invalid form: 2 fields refused (a, b)"
        );
        assert_eq!(
            errors.to_string(),
            "formulaire invalide : 2 champs refusés (a, b)"
        );
    }

    #[test]
    fn serialises_field_code_and_params() {
        let mut errors = FieldErrors::new();
        errors.push("phone", PhoneFr::parse("01 23").unwrap_err());
        let json = serde_json::to_value(&errors).unwrap();
        assert_eq!(json[0]["field"], "phone");
        assert_eq!(json[0]["code"], "PHONE_INVALID_LENGTH");
        assert_eq!(json[0]["params"]["found"], 4);
    }

    #[test]
    fn finish_builds_only_when_clean() {
        let errors = FieldErrors::new();
        assert_eq!(errors.finish(|| 42).unwrap(), 42);
    }
}
