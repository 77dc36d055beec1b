//! An error as the JavaScript packages throw it: the diagnostic's record, its French message,
//! and for a form every refused field with its own record. The Node add-on and the browser
//! package give this record to the constructor of the error's class (`SiretError`,
//! `FormError`…), so that both throw the same object.
//!
//! ```
//! use apart::thrown::ThrownRecord;
//! let err = "73282932000075".parse::<apart::siret::Siret>().unwrap_err();
//! let json = serde_json::to_value(ThrownRecord::of(&err, None))?;
//! assert_eq!(json["code"], "SIRET_INVALID_KEY");
//! assert_eq!(json["family"], "siret");
//! assert_eq!(json["message"], json["messages"]["fr"]);
//! assert!(json.get("fields").is_none());
//! # Ok::<(), serde_json::Error>(())
//! ```

use serde::Serialize;

use crate::diagnostic::{Diagnostic, DiagnosticRecord, Lang};
use crate::forms::FieldErrors;

/// The record of a thrown error: `{ message, code, family, messages, details }`, with `fields`
/// for a form's error and `field` for each of those fields.
///
/// ```
/// use apart::account::AccountFormInput;
/// use apart::thrown::ThrownRecord;
/// let input: AccountFormInput = apart::value::from_json("{}")?;
/// let errors = input.validate().unwrap_err();
/// let json = serde_json::to_value(ThrownRecord::of(&errors, Some(&errors)))?;
/// assert_eq!(json["code"], "FORM_INVALID");
/// assert_eq!(json["fields"][0]["field"], "denomination");
/// assert_eq!(json["fields"][0]["code"], "TEXT_REQUIRED");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThrownRecord {
    /// The refused field, for an entry of `fields`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The message in French (`messages.fr`), the `Error`'s own message.
    pub message: String,
    /// The diagnostic: code, family, messages, details.
    #[serde(flatten)]
    pub record: DiagnosticRecord,
    /// Every refused field of a form, each with its own record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<ThrownRecord>>,
}

impl ThrownRecord {
    /// The record of `error`, with the refused `fields` of a form (its `FieldErrors`, given
    /// apart because the error may wrap them, as `apart::Error::Form` does).
    ///
    /// ```
    /// use apart::thrown::ThrownRecord;
    /// let err = "2026-13".parse::<apart::calendar::Month>().unwrap_err();
    /// let record = ThrownRecord::of(&err, None);
    /// assert_eq!(record.record.code, "VALUE_INVALID_MONTH");
    /// assert!(record.fields.is_none());
    /// ```
    pub fn of<E: Diagnostic + ?Sized>(error: &E, fields: Option<&FieldErrors>) -> ThrownRecord {
        ThrownRecord {
            field: None,
            message: error.message(Lang::Fr),
            record: DiagnosticRecord::of(error),
            fields: fields.map(|f| {
                f.iter()
                    .map(|p| ThrownRecord {
                        field: Some(p.field().to_owned()),
                        ..ThrownRecord::of(p, None)
                    })
                    .collect()
            }),
        }
    }
}
