//! The procedure beyond its machines (`apart::procedure`): creating a DI from its DA, DI codes,
//! recaps (JSON and HTML), quotas, NIR and IBAN masking, the assistance form. The DA, DI and
//! assistance machines themselves are driven through [`crate::Machine`] (`apart.da`,
//! `apart.di`, `apart.assistance`); their snapshots cross as JSON text.

use std::sync::Arc;

use apart::calendar::Month;
use apart::machine::Snapshot;
use apart::procedure::{self as core, assistance, da, di, recap};

use crate::json::{snapshots, to_json};
use crate::{ApartError, HumanCheck, OffsetInstant};

// ---------------------------------------------------------------------------------------------
// DI

value_object!(
    /// A DI's code, as the employer types it (`DI`, `DI2`…): unique within its DA.
    DiCode(core::DiCode),
    parse: "Parses a code.";
    as_str: "The code.",
);

#[uniffi::export]
impl DiCode {
    /// Whether `input` names this code (case and spaces aside).
    pub fn matches(&self, input: String) -> bool {
        self.0.matches(&input)
    }
}

/// The code among `codes` that `input` names.
#[uniffi::export]
pub fn find_di_code(input: String, codes: Vec<Arc<DiCode>>) -> Result<Arc<DiCode>, ApartError> {
    let codes: Vec<core::DiCode> = codes.iter().map(|c| c.0.clone()).collect();
    Ok(DiCode::arc(core::DiCode::find(&input, &codes)?.clone()))
}

/// A new DI (snapshot JSON, state `Draft`) for `month` of the authorised DA `da` (snapshot
/// JSON), given the DA's existing DIs.
#[uniffi::export]
pub fn create_di(
    da: String,
    code: &DiCode,
    month: Month,
    existing: Vec<String>,
    now: OffsetInstant,
) -> Result<String, ApartError> {
    let da = Snapshot::<da::DaMachine>::from_json(&da)?;
    let existing = snapshots::<di::DiMachine>(&existing)?;
    Ok(di::DiMachine::create(&da, code.0.clone(), month, &existing, now)?.to_json())
}

/// The codes of the DIs of DA `da_reference` among `dis` (snapshot JSON).
#[uniffi::export]
pub fn di_codes(da_reference: String, dis: Vec<String>) -> Result<Vec<Arc<DiCode>>, ApartError> {
    let dis = snapshots::<di::DiMachine>(&dis)?;
    Ok(di::DiMachine::di_codes(&da_reference, &dis)
        .into_iter()
        .map(DiCode::arc)
        .collect())
}

// The quota's category and use, a DI's line, the recap's kind and amounts and the assistance
// motives are the core's own (derived behind its `uniffi` feature).
pub use apart::forms::Choice;
pub use apart::procedure::RecapKind;
pub use apart::procedure::assistance::AssistanceMotive;
pub use apart::procedure::di::EmployerStatus;
pub use apart::procedure::{DaStateInfo, DiStateInfo};

pub use apart::procedure::da::QuotaCategory;
pub use apart::procedure::di::{DiLine, QuotaUse};
pub use apart::procedure::recap::RecapAmounts;

/// Each employee's use of the annual quota of `year` across `dis` (snapshot JSON), the quota
/// read from `book`.
#[uniffi::export]
pub fn annual_quota_use(
    book: &crate::indemnity::LawBook,
    year: i32,
    category: QuotaCategory,
    dis: Vec<String>,
) -> Result<Vec<QuotaUse>, ApartError> {
    let dis = snapshots::<di::DiMachine>(&dis)?;
    Ok(di::annual_quota_use(&book.read(), year, category, &dis)?)
}

/// Checks the employee lines of a DI (NIR keys, hours, duplicates).
#[uniffi::export]
pub fn check_di_lines(lines: Vec<DiLine>) -> Result<(), ApartError> {
    Ok(di::check_lines(&lines)?)
}

/// The problems of a DA request (`DaRequest` JSON), all at once; empty when it is complete.
#[uniffi::export]
pub fn validate_da_request(request_json: String) -> Result<Vec<ApartError>, ApartError> {
    let request: da::DaRequest = apart::value::from_json(&request_json)?;
    Ok(request.validate().iter().map(ApartError::of).collect())
}

// ---------------------------------------------------------------------------------------------
// Recaps

/// The recap document of a DA or DI (« récapitulatif »): its content, a content hash, and its
/// JSON and self-contained HTML forms.
#[derive(Debug, uniffi::Object)]
pub struct Recap(recap::Recap);

#[uniffi::export]
impl Recap {
    /// The recap of a stored DA or DI snapshot (JSON).
    #[uniffi::constructor]
    pub fn of_snapshot(
        snapshot_json: String,
        kind: RecapKind,
        amounts: Option<RecapAmounts>,
    ) -> Result<Arc<Recap>, ApartError> {
        Ok(Arc::new(Recap(recap::Recap::from_snapshot_json(
            &snapshot_json,
            kind,
            amounts.as_ref(),
        )?)))
    }

    /// The state the recap shows (`Submitted`, `Authorised`…).
    pub fn state(&self) -> String {
        self.0.content().state.clone()
    }

    /// The state's label on the extranet (French).
    pub fn state_label(&self) -> String {
        self.0.content().state_label.clone()
    }
}

getters!(Recap {
    /// The SHA-256 of the canonical content (hex): what a signature or an archive refers to.
    hash -> String => str::to_owned;
    /// The content as JSON.
    to_json -> String;
    /// The canonical JSON the hash is computed on.
    canonical_json -> String;
    /// The recap as a self-contained HTML page (French).
    to_html -> String;
});

// ---------------------------------------------------------------------------------------------
// Assistance

/// An empty assistance form with `motive` selected (`AssistanceForm` JSON).
#[uniffi::export]
pub fn assistance_form_preselected(motive: AssistanceMotive) -> String {
    to_json(&assistance::AssistanceForm::preselected(motive))
}

/// The assistance form handed over from another flow (onboarding): `motive` by code or name,
/// and the SIRET already typed (`AssistanceForm` JSON).
#[uniffi::export]
pub fn assistance_form_handed_over(motive: String, siret: Option<String>) -> String {
    to_json(&assistance::AssistanceForm::handed_over(&motive, siret))
}

/// Checks the assistance form (`AssistanceForm` JSON) and the human check, reporting every
/// refused field at once (`FORM_INVALID`): the `AssistanceRequest` JSON that the assistance
/// machine's context takes.
#[uniffi::export]
pub fn validate_assistance_form(
    form_json: String,
    human_check: HumanCheck,
) -> Result<String, ApartError> {
    let form: assistance::AssistanceForm = apart::value::from_json(&form_json)?;
    Ok(to_json(&form.validate(&human_check)?))
}

/// The address assistance requests go to.
#[uniffi::export]
pub fn assistance_default_recipient() -> String {
    assistance::DEFAULT_RECIPIENT.to_owned()
}
