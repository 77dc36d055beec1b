//! The procedure beyond its machines (`apart::procedure`): creating a DI from its DA, DI codes,
//! recaps (JSON and HTML), quotas, NIR and IBAN masking, the assistance form. The DA, DI and
//! assistance machines themselves are driven through [`crate::Machine`] (`apart.da`,
//! `apart.di`, `apart.assistance`); their snapshots cross as JSON text.

use std::sync::Arc;

use apart::calendar::Month;
use apart::machine::Snapshot;
use apart::procedure::{self as core, assistance, da, di, recap};

use crate::account::ErrorInfo;
use crate::{ApartError, DecimalNumber, HumanCheck, OffsetInstant};

fn snapshot<M: apart::machine::Machine>(json: &str) -> Result<Snapshot<M>, ApartError> {
    Ok(Snapshot::<M>::from_json(json)?)
}

fn snapshots<M: apart::machine::Machine>(json: &[String]) -> Result<Vec<Snapshot<M>>, ApartError> {
    json.iter().map(|j| snapshot::<M>(j)).collect()
}

/// Reads a JSON record with the core's typed errors (`INPUT_*`, `VALUE_*`, naming the field).
fn from_json<T: serde::de::DeserializeOwned>(_what: &str, json: &str) -> Result<T, ApartError> {
    Ok(apart::value::from_json(json)?)
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    // The core's records serialise without failing (plain data, string keys).
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

// ---------------------------------------------------------------------------------------------
// DI

/// A DI's code, as the employer types it (`DI`, `DI2`…): unique within its DA.
#[derive(Debug, PartialEq, Eq, Hash, uniffi::Object)]
#[uniffi::export(Display, Eq, Hash)]
pub struct DiCode(core::DiCode);

impl std::fmt::Display for DiCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.as_str())
    }
}

#[uniffi::export]
impl DiCode {
    /// Parses a code.
    #[uniffi::constructor]
    pub fn parse(input: String) -> Result<Arc<DiCode>, ApartError> {
        Ok(Arc::new(DiCode(core::DiCode::parse(&input)?)))
    }

    /// The code.
    pub fn as_str(&self) -> String {
        self.0.as_str().to_owned()
    }

    /// Whether `input` names this code (case and spaces aside).
    pub fn matches(&self, input: String) -> bool {
        self.0.matches(&input)
    }
}

/// The code among `codes` that `input` names.
#[uniffi::export]
pub fn find_di_code(input: String, codes: Vec<Arc<DiCode>>) -> Result<Arc<DiCode>, ApartError> {
    let codes: Vec<core::DiCode> = codes.iter().map(|c| c.0.clone()).collect();
    Ok(Arc::new(DiCode(
        core::DiCode::find(&input, &codes)?.clone(),
    )))
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
    let da = snapshot::<da::DaMachine>(&da)?;
    let existing = snapshots::<di::DiMachine>(&existing)?;
    Ok(di::DiMachine::create(&da, code.0.clone(), month, &existing, now)?.to_json())
}

/// The codes of the DIs of DA `da_reference` among `dis` (snapshot JSON).
#[uniffi::export]
pub fn di_codes(da_reference: String, dis: Vec<String>) -> Result<Vec<Arc<DiCode>>, ApartError> {
    let dis = snapshots::<di::DiMachine>(&dis)?;
    Ok(di::DiMachine::di_codes(&da_reference, &dis)
        .into_iter()
        .map(|c| Arc::new(DiCode(c)))
        .collect())
}

/// The quota category of a DA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum QuotaCategory {
    /// The standard annual quota.
    Standard,
    /// Modernisation works (a larger quota).
    ModernisationWorks,
}

/// One employee's use of the annual quota.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct QuotaUse {
    /// The masked NIR.
    pub nir_masked: String,
    /// Hours used.
    pub used: DecimalNumber,
    /// The quota.
    pub quota: DecimalNumber,
    /// Hours left (negative when over).
    pub remaining: DecimalNumber,
}

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
    let category = match category {
        QuotaCategory::Standard => da::QuotaCategory::Standard,
        QuotaCategory::ModernisationWorks => da::QuotaCategory::ModernisationWorks,
    };
    Ok(di::annual_quota_use(&book.read(), year, category, &dis)?
        .into_iter()
        .map(|q| QuotaUse {
            nir_masked: q.nir_masked,
            used: q.used,
            quota: q.quota,
            remaining: q.remaining,
        })
        .collect())
}

/// One employee line of a DI.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DiLine {
    /// The caller's employee reference.
    pub employee: String,
    /// The employee's NIR (social security number).
    pub nir: String,
    /// Hours not worked.
    pub hours_not_worked: DecimalNumber,
    /// Training hours among them.
    pub training_hours: DecimalNumber,
}

/// Checks the employee lines of a DI (NIR keys, hours, duplicates).
#[uniffi::export]
pub fn check_di_lines(lines: Vec<DiLine>) -> Result<(), ApartError> {
    let lines: Vec<di::DiLine> = lines
        .into_iter()
        .map(|l| {
            let mut line = di::DiLine::new(l.employee, l.nir, l.hours_not_worked);
            line.training_hours = l.training_hours;
            line
        })
        .collect();
    Ok(di::check_lines(&lines)?)
}

/// Whether `nir` is a valid NIR (13 digits and its 2-digit key, Corsica's 2A/2B handled).
#[uniffi::export]
pub fn is_valid_nir(nir: String) -> bool {
    apart::forms::is_valid_nir(&nir)
}

/// A NIR with everything but its first five characters hidden.
#[uniffi::export]
pub fn mask_nir(nir: String) -> String {
    apart::forms::mask_nir(&nir)
}

/// An IBAN with its middle hidden, for recaps.
#[uniffi::export]
pub fn mask_iban(iban: String) -> String {
    recap::mask_iban(&iban)
}

/// The problems of a DA request (`DaRequest` JSON), all at once; empty when it is complete.
#[uniffi::export]
pub fn validate_da_request(request_json: String) -> Result<Vec<ErrorInfo>, ApartError> {
    let request: da::DaRequest = from_json("demande", &request_json)?;
    Ok(request.validate().iter().map(ErrorInfo::of).collect())
}

// ---------------------------------------------------------------------------------------------
// Recaps

/// Which recap: of a DA or a DI, at request time or after the decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum RecapKind {
    /// A DA as submitted.
    DaSubmitted,
    /// A DA after its decision.
    DaDecision,
    /// A DI as submitted.
    DiSubmitted,
    /// A DI after validation, with its payment when made.
    DiValidated,
}

impl From<RecapKind> for apart::procedure::RecapKind {
    fn from(k: RecapKind) -> Self {
        match k {
            RecapKind::DaSubmitted => apart::procedure::RecapKind::DaSubmitted,
            RecapKind::DaDecision => apart::procedure::RecapKind::DaDecision,
            RecapKind::DiSubmitted => apart::procedure::RecapKind::DiSubmitted,
            RecapKind::DiValidated => apart::procedure::RecapKind::DiValidated,
        }
    }
}

/// The amounts a DI recap shows, which the DI itself does not hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct RecapAmounts {
    /// The amount claimed.
    #[uniffi(default = None)]
    pub claimed: Option<DecimalNumber>,
    /// The amount validated.
    #[uniffi(default = None)]
    pub validated: Option<DecimalNumber>,
    /// The IBAN paid (masked in the recap).
    #[uniffi(default = None)]
    pub iban: Option<String>,
}

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
        let amounts = amounts.map(|a| recap::RecapAmounts {
            claimed: a.claimed,
            validated: a.validated,
            iban: a.iban,
        });
        Ok(Arc::new(Recap(recap::Recap::from_snapshot_json(
            &snapshot_json,
            kind.into(),
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

    /// The SHA-256 of the canonical content (hex): what a signature or an archive refers to.
    pub fn hash(&self) -> String {
        self.0.hash().to_owned()
    }

    /// The content as JSON.
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The canonical JSON the hash is computed on.
    pub fn canonical_json(&self) -> String {
        self.0.canonical_json()
    }

    /// The recap as a self-contained HTML page (French).
    pub fn to_html(&self) -> String {
        self.0.to_html()
    }
}

// ---------------------------------------------------------------------------------------------
// Assistance

/// The motives of the assistance form, in the form's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum AssistanceMotive {
    /// Habilitation to the extranet.
    HabilitationExtranet,
    /// The establishment's record.
    FicheEtablissement,
    /// Decision on a prior authorisation request.
    DecisionAutorisationPrealable,
    /// Decision on an authorisation.
    DecisionAutorisation,
    /// A claim (DI).
    DemandeIndemnisation,
    /// Signature certificate.
    CertificatSignature,
    /// Anything else.
    Autres,
}

impl AssistanceMotive {
    fn core(self) -> assistance::AssistanceMotive {
        match self {
            AssistanceMotive::HabilitationExtranet => {
                assistance::AssistanceMotive::HabilitationExtranet
            }
            AssistanceMotive::FicheEtablissement => {
                assistance::AssistanceMotive::FicheEtablissement
            }
            AssistanceMotive::DecisionAutorisationPrealable => {
                assistance::AssistanceMotive::DecisionAutorisationPrealable
            }
            AssistanceMotive::DecisionAutorisation => {
                assistance::AssistanceMotive::DecisionAutorisation
            }
            AssistanceMotive::DemandeIndemnisation => {
                assistance::AssistanceMotive::DemandeIndemnisation
            }
            AssistanceMotive::CertificatSignature => {
                assistance::AssistanceMotive::CertificatSignature
            }
            AssistanceMotive::Autres => assistance::AssistanceMotive::Autres,
        }
    }
}

#[uniffi::export]
impl AssistanceMotive {
    /// The motive's code in the form.
    pub fn code(&self) -> String {
        self.core().as_str().to_owned()
    }

    /// The motive's label (French).
    pub fn label_fr(&self) -> String {
        self.core().label_fr().to_owned()
    }
}

/// An empty assistance form with `motive` selected (`AssistanceForm` JSON).
#[uniffi::export]
pub fn assistance_form_preselected(motive: AssistanceMotive) -> String {
    to_json(&assistance::AssistanceForm::preselected(motive.core()))
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
    let form: assistance::AssistanceForm = from_json("formulaire", &form_json)?;
    Ok(to_json(&form.validate(&human_check.into())?))
}

/// The address assistance requests go to.
#[uniffi::export]
pub fn assistance_default_recipient() -> String {
    assistance::DEFAULT_RECIPIENT.to_owned()
}
