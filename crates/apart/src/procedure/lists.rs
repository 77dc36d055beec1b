//! What the extranet's lists and status columns show: the DA motives, the assistance motives,
//! and the states of a DA and of a DI with their labels and codes, as records every front end
//! receives the same (a page builds its select boxes and status badges from them).

use serde::{Deserialize, Serialize};

use super::Motive;
use super::assistance::AssistanceMotive;
use super::da::DaState;
use super::di::{DiState, EmployerStatus};
use crate::forms::Choice;
use crate::machine::State;

/// What the extranet shows of a DA state.
///
/// ```
/// let states = apart::procedure::da_states();
/// let submitted = states.iter().find(|s| s.name == "Submitted").ok_or("no state")?;
/// assert_eq!((submitted.label.as_str(), submitted.is_authorised), ("Transmise", false));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, eq, hash, get_all, from_py_object, module = "apart.procedure")
)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DaStateInfo {
    /// The state's name in snapshots (`apart.da`'s states).
    pub name: String,
    /// The French label.
    pub label: String,
    /// Whether DIs can be created in this state.
    pub is_authorised: bool,
}

/// What the extranet shows of a DI state: its status code and label (CASD/DARES dictionary),
/// the status an employer sees, and whether it counts as filed.
///
/// ```
/// let states = apart::procedure::di_states();
/// let validated = states.iter().find(|s| s.extranet_code == 9).ok_or("no state")?;
/// assert_eq!(validated.name, "Validated");
/// assert!(validated.counts_as_filed);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, eq, hash, get_all, from_py_object, module = "apart.procedure")
)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DiStateInfo {
    /// The state's name in snapshots (`apart.di`'s states).
    pub name: String,
    /// The extranet's status code (`usize`, a small integer, so that Kotlin sees an `Int`).
    pub extranet_code: usize,
    /// The extranet's status label.
    pub extranet_label: String,
    /// The coarse status shown to employers.
    pub employer_status: EmployerStatus,
    /// Whether a DI in this state counts as filed for its month.
    pub counts_as_filed: bool,
}

/// The DA motives, in the extranet's order, with their French labels.
///
/// ```
/// let motives = apart::procedure::da_motives();
/// assert_eq!(motives.len(), apart::procedure::Motive::ALL.len());
/// ```
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn da_motives() -> Vec<Choice> {
    Choice::list(Motive::ALL, Motive::as_str, Motive::label_fr)
}

/// The assistance form's motives, in the form's order, with their French labels.
///
/// ```
/// let motives = apart::procedure::assistance_motives();
/// assert_eq!(motives.last().map(|m| m.label.as_str()), Some("Autres"));
/// ```
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn assistance_motives() -> Vec<Choice> {
    Choice::list(
        AssistanceMotive::ALL,
        AssistanceMotive::as_str,
        AssistanceMotive::label_fr,
    )
}

/// Every DA state, in the machine's order.
///
/// ```
/// use apart::machine::State;
/// let states = apart::procedure::da_states();
/// assert_eq!(states.len(), apart::procedure::da::DaState::ALL.len());
/// ```
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn da_states() -> Vec<DaStateInfo> {
    DaState::ALL
        .iter()
        .map(|s| DaStateInfo {
            name: s.name().to_owned(),
            label: s.label_fr().to_owned(),
            is_authorised: s.is_authorised(),
        })
        .collect()
}

/// Every DI state, in the machine's order.
///
/// ```
/// use apart::machine::State;
/// use apart::procedure::di::EmployerStatus;
/// let states = apart::procedure::di_states();
/// assert_eq!(states.len(), apart::procedure::di::DiState::ALL.len());
/// assert_eq!(states[0].employer_status, EmployerStatus::Draft);
/// ```
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn di_states() -> Vec<DiStateInfo> {
    DiState::ALL
        .iter()
        .map(|s| DiStateInfo {
            name: s.name().to_owned(),
            extranet_code: usize::from(s.extranet_code()),
            extranet_label: s.extranet_label().to_owned(),
            employer_status: s.employer_status(),
            counts_as_filed: s.counts_as_filed(),
        })
        .collect()
}
