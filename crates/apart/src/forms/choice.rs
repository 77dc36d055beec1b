//! [`Choice`]: one entry of a list a page shows (a select box), and the lists of the forms.

use serde::{Deserialize, Serialize};

use super::{STREET_TYPES, StreetExtension};

/// One entry of a list: its stable code (what records and events carry) and its French label
/// (what the extranet shows).
///
/// ```
/// let motives = apart::procedure::da_motives();
/// assert_eq!(motives[0].code, "economic_conditions");
/// assert_eq!(motives[0].label, "La conjoncture économique");
/// let types = apart::forms::street_types();
/// assert!(types.iter().any(|t| t.code == "AV" && t.label == "Avenue"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, eq, hash, get_all, from_py_object, module = "apart.forms")
)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Choice {
    /// The stable code.
    pub code: String,
    /// The French label.
    pub label: String,
}

impl Choice {
    /// One choice per item, in the items' order, with the code and the label each one gives.
    ///
    /// ```
    /// use apart::forms::{Choice, StreetExtension};
    /// let list = Choice::list(&StreetExtension::ALL, StreetExtension::code, StreetExtension::label);
    /// assert_eq!(list, apart::forms::street_extensions());
    /// ```
    pub fn list<T: Copy>(
        items: &[T],
        code: impl Fn(T) -> &'static str,
        label: impl Fn(T) -> &'static str,
    ) -> Vec<Choice> {
        items
            .iter()
            .map(|item| Choice {
                code: code(*item).to_owned(),
                label: label(*item).to_owned(),
            })
            .collect()
    }
}

/// The street extensions (« indice de répétition »), in the form's order.
///
/// ```
/// let extensions = apart::forms::street_extensions();
/// assert_eq!(extensions[0].code, "B");
/// ```
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn street_extensions() -> Vec<Choice> {
    Choice::list(
        &StreetExtension::ALL,
        StreetExtension::code,
        StreetExtension::label,
    )
}

/// Common « type de voie » abbreviations, as [`STREET_TYPES`] (the field itself is free text).
///
/// ```
/// assert_eq!(apart::forms::street_types().len(), apart::forms::STREET_TYPES.len());
/// ```
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn street_types() -> Vec<Choice> {
    Choice::list(STREET_TYPES, |(code, _)| code, |(_, label)| label)
}
