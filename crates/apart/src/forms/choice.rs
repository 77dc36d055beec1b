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

/// The street extensions (« indice de répétition »), in the form's order.
///
/// ```
/// let extensions = apart::forms::street_extensions();
/// assert_eq!(extensions[0].code, "B");
/// ```
pub fn street_extensions() -> Vec<Choice> {
    StreetExtension::ALL
        .iter()
        .map(|e| Choice {
            code: e.code().to_owned(),
            label: e.label().to_owned(),
        })
        .collect()
}

/// Common « type de voie » abbreviations, as [`STREET_TYPES`] (the field itself is free text).
///
/// ```
/// assert_eq!(apart::forms::street_types().len(), apart::forms::STREET_TYPES.len());
/// ```
pub fn street_types() -> Vec<Choice> {
    STREET_TYPES
        .iter()
        .map(|(code, label)| Choice {
            code: (*code).to_owned(),
            label: (*label).to_owned(),
        })
        .collect()
}
