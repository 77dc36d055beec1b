//! Machine H: the monthly claim (DI, « demande d'indemnisation »).
//!
//! A DI is created for one month of an authorised DA ([`DiMachine::create`]), entered by the
//! employer side, submitted, instructed by the DDETS (with or without the UT's visa), validated
//! or rejected, then paid by the ASP, with recovery orders (« ordres de reversement ») if it
//! was overpaid. The states are the extranet's own statuses, with their codes
//! ([`DiState::extranet_code`]); [`DiState::employer_status`] collapses them into the six an
//! employer needs (spec §10 Q15).
//!
//! Two ways back from a rejection:
//!
//! * **regularisation** (`Regularise{incident_id}`): only the ASP or the system, only when the
//!   rejection's cause is that very incident (the seed's incident notice: a DI « rejetée par
//!   erreur » is « régularisée dans la journée »). The DI becomes `Validated`; the incident
//!   stays in its context and history;
//! * **correction** (`Correct`): the employer side, after a business rejection, within the
//!   filing deadline. The DI goes back to `Draft` as a new version (same code, `di_version`
//!   plus one: the extranet's `VERSION` column).
//!
//! ```
//! use apart::machine::{Actor, Snapshot};
//! use apart::procedure::di::{DiState, EmployerStatus};
//! assert_eq!(DiState::AwaitingUtVisa.extranet_code(), 16);
//! assert_eq!(DiState::AwaitingUtVisa.employer_status(), EmployerStatus::InProgress);
//! ```

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::{Date, OffsetDateTime};

use super::da::{DaMachine, DecisionKind, QuotaCategory};
use super::recap::RecapKind;
use super::{DiCode, Establishment, Motive, Period, ProcedureError, rules};
use crate::calendar::Month;
use crate::machine::{Actor, Machine, Refusal, Snapshot, State, Transition};

crate::machine::state_enum! {
    /// The statuses of a DI, as the extranet stores them (CASD/DARES dictionary, HISTO_DI).
    pub enum DiState {
        /// 8 Provisoire: being entered.
        Draft,
        /// 19 En attente de validation: sent, no longer editable.
        Submitted,
        /// 20 En cours d'instruction.
        UnderInstruction,
        /// 16 En attente de visa UT.
        AwaitingUtVisa,
        /// 9 Validée.
        Validated,
        /// 10 Paiement demandé.
        PaymentRequested,
        /// 11 Paiement effectué.
        Paid,
        /// 12 Paiement invalidé (bank details, …).
        PaymentInvalidated,
        /// 13 OR à émettre: a recovery order is to be issued.
        RecoveryToIssue,
        /// 14 OR émis.
        RecoveryIssued,
        /// 15 OR invalidé (terminal).
        RecoveryInvalidated,
        /// 17 DI rejetée.
        Rejected,
        /// 26 Retiré (terminal).
        Withdrawn,
    }
}

/// The coarse status shown to employers (spec §10 Q15).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmployerStatus {
    /// Being entered.
    Draft,
    /// Sent and being instructed (19, 20, 16).
    InProgress,
    /// Validated, payment pending (9, 10, 12).
    Validated,
    /// Paid, including any recovery that followed (11, 13, 14, 15).
    Paid,
    /// Rejected (17).
    Rejected,
    /// Withdrawn (26).
    Withdrawn,
}

impl DiState {
    /// The extranet's status code (CASD dictionary).
    pub fn extranet_code(self) -> u8 {
        match self {
            DiState::Draft => 8,
            DiState::Submitted => 19,
            DiState::UnderInstruction => 20,
            DiState::AwaitingUtVisa => 16,
            DiState::Validated => 9,
            DiState::PaymentRequested => 10,
            DiState::Paid => 11,
            DiState::PaymentInvalidated => 12,
            DiState::RecoveryToIssue => 13,
            DiState::RecoveryIssued => 14,
            DiState::RecoveryInvalidated => 15,
            DiState::Rejected => 17,
            DiState::Withdrawn => 26,
        }
    }

    /// The extranet's label for the status.
    pub fn extranet_label(self) -> &'static str {
        match self {
            DiState::Draft => "Provisoire",
            DiState::Submitted => "En attente de validation",
            DiState::UnderInstruction => "En cours d'instruction",
            DiState::AwaitingUtVisa => "En attente de visa UT",
            DiState::Validated => "Validée",
            DiState::PaymentRequested => "Paiement demandé",
            DiState::Paid => "Paiement effectué",
            DiState::PaymentInvalidated => "Paiement invalidé",
            DiState::RecoveryToIssue => "OR à émettre",
            DiState::RecoveryIssued => "OR émis",
            DiState::RecoveryInvalidated => "OR invalidé",
            DiState::Rejected => "DI rejetée",
            DiState::Withdrawn => "Retiré",
        }
    }

    /// The state with this extranet code.
    pub fn from_extranet_code(code: u8) -> Option<DiState> {
        DiState::ALL
            .iter()
            .copied()
            .find(|s| s.extranet_code() == code)
    }

    /// The coarse status shown to employers.
    pub fn employer_status(self) -> EmployerStatus {
        match self {
            DiState::Draft => EmployerStatus::Draft,
            DiState::Submitted | DiState::UnderInstruction | DiState::AwaitingUtVisa => {
                EmployerStatus::InProgress
            }
            DiState::Validated | DiState::PaymentRequested | DiState::PaymentInvalidated => {
                EmployerStatus::Validated
            }
            DiState::Paid
            | DiState::RecoveryToIssue
            | DiState::RecoveryIssued
            | DiState::RecoveryInvalidated => EmployerStatus::Paid,
            DiState::Rejected => EmployerStatus::Rejected,
            DiState::Withdrawn => EmployerStatus::Withdrawn,
        }
    }

    /// Whether a DI in this state counts as filed (its hours count against the DA's hours and
    /// the annual quota): submitted or later, neither rejected nor withdrawn.
    pub fn counts_as_filed(self) -> bool {
        !matches!(
            self,
            DiState::Draft | DiState::Rejected | DiState::Withdrawn
        )
    }

    /// Whether the DI is validated or later (a `DiValidated` recap is available).
    pub fn is_validated_or_later(self) -> bool {
        matches!(
            self.employer_status(),
            EmployerStatus::Validated | EmployerStatus::Paid
        )
    }
}

/// The authorisation a DI claims under, copied from the DA when the DI is created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaFacts {
    /// The DA's reference.
    pub reference: String,
    /// The establishment.
    pub establishment: Establishment,
    /// The DA's motive.
    pub motive: Motive,
    /// Which annual quota applies.
    pub quota: QuotaCategory,
    /// Explicit or implicit.
    pub kind: DecisionKind,
    /// The local date of the authorisation.
    #[serde(with = "super::iso_date")]
    pub authorised_on: Date,
    /// The authorised period.
    pub period: Period,
    /// The authorised hours.
    pub hours: Decimal,
    /// The last local day a DI may be filed.
    #[serde(with = "super::iso_date")]
    pub claims_last_day: Date,
}

/// One employee's line: hours not worked in the month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiLine {
    /// The employee's name, as printed on the recap.
    pub employee: String,
    /// The NIR (social security number), 15 characters; spaces are ignored.
    pub nir: String,
    /// Hours not worked (« heures chômées »).
    pub hours_not_worked: Decimal,
    /// Of which hours in training.
    #[serde(default)]
    pub training_hours: Decimal,
}

impl DiLine {
    /// A line without training hours.
    pub fn new(employee: impl Into<String>, nir: impl Into<String>, hours: Decimal) -> DiLine {
        DiLine {
            employee: employee.into(),
            nir: nir.into(),
            hours_not_worked: hours,
            training_hours: Decimal::ZERO,
        }
    }
}

/// Why a DI was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RejectionCause {
    /// A reason of substance: the employer corrects it (`Correct`).
    Business,
    /// A technical incident rejected it by mistake: the ASP regularises it.
    Incident {
        /// The incident's reference.
        incident_id: String,
    },
}

/// A rejection: reason and cause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    /// The reason given.
    pub reason: String,
    /// Business or incident.
    pub cause: RejectionCause,
}

impl Rejection {
    /// A rejection of substance.
    pub fn business(reason: impl Into<String>) -> Rejection {
        Rejection {
            reason: reason.into(),
            cause: RejectionCause::Business,
        }
    }

    /// A rejection caused by an incident.
    pub fn incident(reason: impl Into<String>, incident_id: impl Into<String>) -> Rejection {
        Rejection {
            reason: reason.into(),
            cause: RejectionCause::Incident {
                incident_id: incident_id.into(),
            },
        }
    }
}

/// A payment made by the ASP.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    /// The amount paid, in euros.
    pub amount: Decimal,
    /// The day it was paid.
    #[serde(with = "super::iso_date")]
    pub paid_on: Date,
}

/// A recovery order (« ordre de reversement »).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recovery {
    /// The amount to recover, in euros.
    pub amount: Decimal,
    /// Why.
    pub reason: String,
}

/// Hours an employee has in other filed DIs (for the quota check at submission).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeeHours {
    /// The NIR (spaces ignored).
    pub nir: String,
    /// The hours.
    pub hours: Decimal,
}

/// The facts about other DIs that a submission is checked against. Build them with
/// [`ClaimFacts::from_claims`] from the caller's DIs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimFacts {
    /// Hours already claimed on the same DA by other filed DIs.
    #[serde(default)]
    pub hours_claimed_on_da: Decimal,
    /// Per employee, hours in other filed DIs of the same calendar year and quota category.
    #[serde(default)]
    pub year_hours: Vec<EmployeeHours>,
}

impl ClaimFacts {
    /// The facts for submitting `this`, from the establishment's other DIs (any order; `this`
    /// itself, drafts, rejected and withdrawn DIs are ignored).
    pub fn from_claims(this: &DiContext, others: &[Snapshot<DiMachine>]) -> ClaimFacts {
        let mut facts = ClaimFacts::default();
        let mut per_nir: BTreeMap<String, Decimal> = BTreeMap::new();
        for other in others {
            let o = other.context();
            if !other.state().counts_as_filed() || o.code == this.code {
                continue;
            }
            if o.da.reference == this.da.reference {
                facts.hours_claimed_on_da += o.total_hours();
            }
            if o.month.year() == this.month.year() && o.da.quota == this.da.quota {
                for line in &o.lines {
                    *per_nir.entry(compact_nir(&line.nir)).or_default() += line.hours_not_worked;
                }
            }
        }
        facts.year_hours = per_nir
            .into_iter()
            .map(|(nir, hours)| EmployeeHours { nir, hours })
            .collect();
        facts
    }
}

/// What a DI remembers besides its state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiContext {
    /// The DI code (functional number).
    pub code: DiCode,
    /// The version: 1, plus one per correction.
    pub di_version: u32,
    /// The month claimed.
    pub month: Month,
    /// The authorisation claimed under.
    pub da: DaFacts,
    /// The employees' lines.
    #[serde(default)]
    pub lines: Vec<DiLine>,
    /// The last submission.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub submitted_at: Option<OffsetDateTime>,
    /// The rejection, while rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejection: Option<Rejection>,
    /// The incident a regularisation repaired, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regularised_from_incident: Option<String>,
    /// The payment, once made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<Payment>,
    /// Why the last payment was invalidated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_invalidation: Option<String>,
    /// The recovery order, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery: Option<Recovery>,
}

impl DiContext {
    /// The hours not worked of every line.
    pub fn total_hours(&self) -> Decimal {
        self.lines.iter().map(|l| l.hours_not_worked).sum()
    }

    /// The training hours of every line.
    pub fn total_training_hours(&self) -> Decimal {
        self.lines.iter().map(|l| l.training_hours).sum()
    }
}

/// The events of a DI. JSON: `{"type": "Submit", …}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
#[non_exhaustive]
pub enum DiEvent {
    /// Replaces the lines (draft only).
    Edit {
        /// The new lines.
        lines: Vec<DiLine>,
    },
    /// Sends the claim.
    Submit {
        /// Facts about the other DIs.
        #[serde(default)]
        facts: ClaimFacts,
    },
    /// The employer side withdraws the claim (draft or not yet instructed).
    Withdraw,
    /// The DDETS starts instructing.
    StartInstruction,
    /// The DDETS asks for the UT's visa.
    RequestUtVisa,
    /// The DDETS validates.
    Validate,
    /// The DDETS (or the system) rejects.
    Reject {
        /// Reason and cause.
        rejection: Rejection,
    },
    /// The ASP (or the system) regularises a DI rejected by an incident.
    Regularise {
        /// The incident that rejected it.
        incident_id: String,
    },
    /// The employer side corrects a business rejection: back to draft, new version.
    Correct,
    /// The ASP asks for payment.
    RequestPayment,
    /// The ASP confirms the payment.
    ConfirmPayment {
        /// The amount paid.
        amount: Decimal,
        /// The day paid.
        #[serde(with = "super::iso_date")]
        paid_on: Date,
    },
    /// The payment failed.
    InvalidatePayment {
        /// Why.
        reason: String,
    },
    /// The ASP opens a recovery order.
    OpenRecovery {
        /// The amount to recover.
        amount: Decimal,
        /// Why.
        reason: String,
    },
    /// The recovery order is issued.
    IssueRecovery,
    /// The recovery order is invalidated.
    CancelRecovery,
}

impl DiEvent {
    /// `Submit` with no other DI.
    pub fn submit() -> DiEvent {
        DiEvent::Submit {
            facts: ClaimFacts::default(),
        }
    }
}

impl crate::machine::Event for DiEvent {
    fn name(&self) -> &'static str {
        match self {
            DiEvent::Edit { .. } => "Edit",
            DiEvent::Submit { .. } => "Submit",
            DiEvent::Withdraw => "Withdraw",
            DiEvent::StartInstruction => "StartInstruction",
            DiEvent::RequestUtVisa => "RequestUtVisa",
            DiEvent::Validate => "Validate",
            DiEvent::Reject { .. } => "Reject",
            DiEvent::Regularise { .. } => "Regularise",
            DiEvent::Correct => "Correct",
            DiEvent::RequestPayment => "RequestPayment",
            DiEvent::ConfirmPayment { .. } => "ConfirmPayment",
            DiEvent::InvalidatePayment { .. } => "InvalidatePayment",
            DiEvent::OpenRecovery { .. } => "OpenRecovery",
            DiEvent::IssueRecovery => "IssueRecovery",
            DiEvent::CancelRecovery => "CancelRecovery",
        }
    }
}

/// What the caller must do after a DI transition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type")]
#[non_exhaustive]
pub enum DiEffect {
    /// Show the employer the new status (the « information de validation » of the seed is
    /// one of them).
    NotifyEmployer {
        /// The new extranet status code.
        status: u8,
    },
    /// A recap of this kind can now be generated.
    RecapAvailable {
        /// The kind.
        kind: RecapKind,
    },
}

/// The DI machine (`apart.di`).
#[derive(Debug)]
pub struct DiMachine;

impl DiMachine {
    /// A new DI in draft for `month` of the authorised DA `da`, version 1.
    ///
    /// `existing` are the establishment's DIs (any DA): a month already claimed on this DA by
    /// a DI that is not withdrawn is refused.
    ///
    /// # Errors
    ///
    /// `DA_NOT_AUTHORISED`, `DI_MONTH_OUTSIDE_PERIOD`, `DI_CLAIM_DEADLINE_PASSED` or
    /// `DI_DUPLICATE_MONTH`.
    pub fn create(
        da: &Snapshot<DaMachine>,
        code: DiCode,
        month: Month,
        existing: &[Snapshot<DiMachine>],
        now: OffsetDateTime,
    ) -> Result<Snapshot<DiMachine>, ProcedureError> {
        let ctx = da.context();
        let authorisation = match (&ctx.authorisation, da.state().is_authorised()) {
            (Some(a), true) => a,
            _ => {
                return Err(ProcedureError::DaNotAuthorised {
                    state: da.state().name(),
                });
            }
        };
        if Period::of_month(month)
            .intersection(&authorisation.period)
            .is_none()
        {
            return Err(ProcedureError::MonthOutsidePeriod {
                month: month.to_string(),
            });
        }
        if rules::local_date(now) > authorisation.claims_last_day {
            return Err(ProcedureError::DiClaimDeadlinePassed {
                last_day: authorisation.claims_last_day,
            });
        }
        let duplicate = existing.iter().any(|di| {
            di.state() != DiState::Withdrawn
                && di.context().month == month
                && di.context().da.reference == ctx.reference
        });
        if duplicate {
            return Err(ProcedureError::DiDuplicateMonth {
                month: month.to_string(),
            });
        }
        Ok(Snapshot::new(DiContext {
            code,
            di_version: 1,
            month,
            da: DaFacts {
                reference: ctx.reference.clone(),
                establishment: ctx.establishment.clone(),
                motive: ctx.request.motive,
                quota: ctx.request.quota,
                kind: authorisation.kind,
                authorised_on: authorisation.authorised_on(),
                period: authorisation.period,
                hours: authorisation.hours,
                claims_last_day: authorisation.claims_last_day,
            },
            lines: Vec::new(),
            submitted_at: None,
            rejection: None,
            regularised_from_incident: None,
            payment: None,
            payment_invalidation: None,
            recovery: None,
        }))
    }

    /// The codes of the DIs of the DA `da_reference` among `dis`: what the DA screen lists,
    /// for users to copy.
    pub fn di_codes(da_reference: &str, dis: &[Snapshot<DiMachine>]) -> Vec<DiCode> {
        dis.iter()
            .filter(|di| di.context().da.reference == da_reference)
            .map(|di| di.context().code.clone())
            .collect()
    }
}

/// One employee's use of the annual quota.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuotaUse {
    /// The NIR, masked (first 5 characters).
    pub nir_masked: String,
    /// The hours in filed DIs of the year.
    pub used: Decimal,
    /// The quota.
    pub quota: Decimal,
    /// What is left (negative when exceeded).
    pub remaining: Decimal,
}

/// The annual quota used by each employee in `year` across `dis` (filed DIs only, those of
/// the given quota category), in NIR order.
///
/// ```
/// use apart::procedure::da::QuotaCategory;
/// use apart::procedure::di::annual_quota_use;
/// assert!(annual_quota_use(2021, QuotaCategory::Standard, &[])?.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// `RULE_NOT_COVERED` for a year without a quota row.
pub fn annual_quota_use(
    year: i32,
    category: QuotaCategory,
    dis: &[Snapshot<DiMachine>],
) -> Result<Vec<QuotaUse>, ProcedureError> {
    let quota = rules::annual_quota_hours(year, category == QuotaCategory::ModernisationWorks)?;
    let mut per_nir: BTreeMap<String, Decimal> = BTreeMap::new();
    for di in dis {
        let c = di.context();
        if di.state().counts_as_filed() && c.month.year() == year && c.da.quota == category {
            for line in &c.lines {
                *per_nir.entry(compact_nir(&line.nir)).or_default() += line.hours_not_worked;
            }
        }
    }
    Ok(per_nir
        .into_iter()
        .map(|(nir, used)| QuotaUse {
            nir_masked: mask_nir(&nir),
            used,
            quota,
            remaining: quota - used,
        })
        .collect())
}

/// The NIR without spaces, upper-cased.
pub(crate) fn compact_nir(nir: &str) -> String {
    nir.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// The NIR masked for display: its first 5 characters, the rest as `*` (spec §3.5).
pub fn mask_nir(nir: &str) -> String {
    compact_nir(nir)
        .chars()
        .enumerate()
        .map(|(i, c)| if i < 5 { c } else { '*' })
        .collect()
}

/// Whether `nir` is a valid NIR: 15 characters (spaces ignored), sex digit 1–4 or 7–8, 13
/// digits (department `2A`/`2B` for Corsica) and the key `97 - (number mod 97)`, where `2A`
/// and `2B` count as 19 and 18.
///
/// ```
/// use apart::procedure::di::is_valid_nir;
/// assert!(is_valid_nir("2 69 05 49 588 157 80"));
/// assert!(!is_valid_nir("269054958815781"));
/// ```
pub fn is_valid_nir(nir: &str) -> bool {
    let compact = compact_nir(nir);
    let bytes = compact.as_bytes();
    if bytes.len() != 15 {
        return false;
    }
    let (body, key) = bytes.split_at(13);
    let digits: String = match body.get(5..7) {
        Some(b"2A") => format!(
            "{}19{}",
            String::from_utf8_lossy(body.get(..5).unwrap_or_default()),
            String::from_utf8_lossy(body.get(7..).unwrap_or_default())
        ),
        Some(b"2B") => format!(
            "{}18{}",
            String::from_utf8_lossy(body.get(..5).unwrap_or_default()),
            String::from_utf8_lossy(body.get(7..).unwrap_or_default())
        ),
        _ => String::from_utf8_lossy(body).into_owned(),
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !key.iter().all(u8::is_ascii_digit) {
        return false;
    }
    if !matches!(digits.as_bytes().first(), Some(b'1'..=b'4' | b'7' | b'8')) {
        return false;
    }
    let (Ok(number), Ok(key)) = (
        digits.parse::<u64>(),
        String::from_utf8_lossy(key).parse::<u64>(),
    ) else {
        return false;
    };
    97 - number % 97 == key
}

const EMPLOYER: &[Actor] = Actor::EMPLOYER_SIDE;
const ADMIN: &[Actor] = &[Actor::Administration];
const ADMIN_OR_SYSTEM: &[Actor] = &[Actor::Administration, Actor::System];
const ASP: &[Actor] = &[Actor::Asp];
const ASP_OR_SYSTEM: &[Actor] = &[Actor::Asp, Actor::System];
const SUBMIT_GUARDS: &[&str] = &[
    "lines_valid",
    "within_claim_deadline",
    "authorised_hours",
    "annual_quota",
];

impl Machine for DiMachine {
    const ID: &'static str = "apart.di";
    const SCHEMA_VERSION: u32 = 1;
    type State = DiState;
    type Event = DiEvent;
    type Context = DiContext;
    type Effect = DiEffect;

    fn initial() -> DiState {
        DiState::Draft
    }

    fn table() -> &'static [Transition<DiState>] {
        use DiState as S;
        const T: &[Transition<DiState>] = &[
            Transition::new(S::Draft, "Edit", S::Draft).actors(EMPLOYER),
            Transition::new(S::Draft, "Submit", S::Submitted)
                .guards(SUBMIT_GUARDS)
                .actors(EMPLOYER),
            Transition::new(S::Draft, "Withdraw", S::Withdrawn).actors(EMPLOYER),
            Transition::new(S::Submitted, "Withdraw", S::Withdrawn).actors(EMPLOYER),
            Transition::new(S::Submitted, "StartInstruction", S::UnderInstruction).actors(ADMIN),
            Transition::new(S::Submitted, "Validate", S::Validated).actors(ADMIN),
            Transition::new(S::Submitted, "Reject", S::Rejected)
                .guards(&["rejection_valid"])
                .actors(ADMIN_OR_SYSTEM),
            Transition::new(S::UnderInstruction, "RequestUtVisa", S::AwaitingUtVisa).actors(ADMIN),
            Transition::new(S::UnderInstruction, "Validate", S::Validated).actors(ADMIN),
            Transition::new(S::UnderInstruction, "Reject", S::Rejected)
                .guards(&["rejection_valid"])
                .actors(ADMIN_OR_SYSTEM),
            Transition::new(S::AwaitingUtVisa, "Validate", S::Validated).actors(ADMIN),
            Transition::new(S::AwaitingUtVisa, "Reject", S::Rejected)
                .guards(&["rejection_valid"])
                .actors(ADMIN_OR_SYSTEM),
            Transition::new(S::Rejected, "Regularise", S::Validated)
                .guards(&["rejected_by_this_incident"])
                .actors(ASP_OR_SYSTEM),
            Transition::new(S::Rejected, "Correct", S::Draft)
                .guards(&["business_rejection", "within_claim_deadline"])
                .actors(EMPLOYER),
            Transition::new(S::Validated, "RequestPayment", S::PaymentRequested).actors(ASP),
            Transition::new(S::PaymentRequested, "ConfirmPayment", S::Paid)
                .guards(&["amount_positive"])
                .actors(ASP),
            Transition::new(
                S::PaymentRequested,
                "InvalidatePayment",
                S::PaymentInvalidated,
            )
            .guards(&["reason_given"])
            .actors(ASP),
            Transition::new(S::PaymentInvalidated, "RequestPayment", S::PaymentRequested)
                .actors(ASP),
            Transition::new(S::Paid, "OpenRecovery", S::RecoveryToIssue)
                .guards(&["amount_positive", "reason_given"])
                .actors(ASP),
            Transition::new(S::RecoveryToIssue, "IssueRecovery", S::RecoveryIssued).actors(ASP),
            Transition::new(S::RecoveryToIssue, "CancelRecovery", S::RecoveryInvalidated)
                .actors(ASP),
            Transition::new(S::RecoveryIssued, "CancelRecovery", S::RecoveryInvalidated)
                .actors(ASP),
        ];
        T
    }

    fn guard(
        guard: &str,
        snapshot: &Snapshot<Self>,
        event: Option<&DiEvent>,
        now: OffsetDateTime,
    ) -> Result<(), Refusal> {
        let ctx = snapshot.context();
        match guard {
            "lines_valid" => check_lines(&ctx.lines).map_err(Refusal::from),
            "within_claim_deadline" => {
                if rules::local_date(now) > ctx.da.claims_last_day {
                    Err(ProcedureError::DiClaimDeadlinePassed {
                        last_day: ctx.da.claims_last_day,
                    }
                    .into())
                } else {
                    Ok(())
                }
            }
            "authorised_hours" => {
                let Some(DiEvent::Submit { facts }) = event else {
                    return Ok(());
                };
                let claimed = facts.hours_claimed_on_da + ctx.total_hours();
                if claimed > ctx.da.hours {
                    Err(ProcedureError::AuthorisedHoursExceeded {
                        authorised: ctx.da.hours.normalize().to_string(),
                        claimed: claimed.normalize().to_string(),
                    }
                    .into())
                } else {
                    Ok(())
                }
            }
            "annual_quota" => {
                let facts = match event {
                    Some(DiEvent::Submit { facts }) => facts,
                    _ => &ClaimFacts::default(),
                };
                check_quota(ctx, facts).map_err(Refusal::from)
            }
            "rejection_valid" => match event {
                Some(DiEvent::Reject { rejection }) => {
                    if rejection.reason.trim().is_empty() {
                        return Err(ProcedureError::ReasonRequired { field: "reason" }.into());
                    }
                    match &rejection.cause {
                        RejectionCause::Incident { incident_id }
                            if incident_id.trim().is_empty() =>
                        {
                            Err(ProcedureError::ReasonRequired {
                                field: "incident_id",
                            }
                            .into())
                        }
                        _ => Ok(()),
                    }
                }
                _ => Ok(()),
            },
            "rejected_by_this_incident" => {
                let cause = ctx.rejection.as_ref().map(|r| &r.cause);
                match (cause, event) {
                    (
                        Some(RejectionCause::Incident { incident_id }),
                        Some(DiEvent::Regularise { incident_id: given }),
                    ) if incident_id == given => Ok(()),
                    (Some(RejectionCause::Incident { .. }), None) => Ok(()),
                    (_, Some(DiEvent::Regularise { incident_id })) => {
                        Err(ProcedureError::NotRejectedByIncident {
                            incident_id: incident_id.clone(),
                        }
                        .into())
                    }
                    _ => Err(ProcedureError::NotRejectedByIncident {
                        incident_id: String::new(),
                    }
                    .into()),
                }
            }
            "business_rejection" => match ctx.rejection.as_ref().map(|r| &r.cause) {
                Some(RejectionCause::Incident { .. }) => {
                    Err(ProcedureError::RejectedByIncident.into())
                }
                _ => Ok(()),
            },
            "amount_positive" => {
                let (amount, field) = match event {
                    Some(DiEvent::ConfirmPayment { amount, .. }) => (amount, "amount"),
                    Some(DiEvent::OpenRecovery { amount, .. }) => (amount, "amount"),
                    _ => return Ok(()),
                };
                if *amount <= Decimal::ZERO {
                    Err(ProcedureError::AmountNotPositive { field }.into())
                } else {
                    Ok(())
                }
            }
            "reason_given" => {
                let reason = match event {
                    Some(DiEvent::InvalidatePayment { reason })
                    | Some(DiEvent::OpenRecovery { reason, .. }) => reason,
                    _ => return Ok(()),
                };
                if reason.trim().is_empty() {
                    Err(ProcedureError::ReasonRequired { field: "reason" }.into())
                } else {
                    Ok(())
                }
            }
            _ => Err(Refusal::new(
                crate::diagnostic::Family::Procedure,
                "UNKNOWN_GUARD",
                "garde inconnue",
                "unknown guard",
            )),
        }
    }

    fn act(
        row: &Transition<DiState>,
        ctx: &mut DiContext,
        event: &DiEvent,
        now: OffsetDateTime,
    ) -> Result<Vec<DiEffect>, Refusal> {
        let mut effects = Vec::new();
        match event {
            DiEvent::Edit { lines } => ctx.lines = lines.clone(),
            DiEvent::Submit { .. } => {
                ctx.submitted_at = Some(now);
                effects.push(DiEffect::RecapAvailable {
                    kind: RecapKind::DiSubmitted,
                });
            }
            DiEvent::Reject { rejection } => {
                ctx.rejection = Some(Rejection {
                    reason: rejection.reason.trim().to_owned(),
                    cause: rejection.cause.clone(),
                });
            }
            DiEvent::Regularise { incident_id } => {
                ctx.regularised_from_incident = Some(incident_id.clone());
                ctx.rejection = None;
            }
            DiEvent::Correct => {
                ctx.di_version = ctx.di_version.saturating_add(1);
                ctx.rejection = None;
                ctx.submitted_at = None;
            }
            DiEvent::ConfirmPayment { amount, paid_on } => {
                ctx.payment = Some(Payment {
                    amount: *amount,
                    paid_on: *paid_on,
                });
            }
            DiEvent::InvalidatePayment { reason } => {
                ctx.payment_invalidation = Some(reason.trim().to_owned());
            }
            DiEvent::OpenRecovery { amount, reason } => {
                ctx.recovery = Some(Recovery {
                    amount: *amount,
                    reason: reason.trim().to_owned(),
                });
            }
            DiEvent::Withdraw
            | DiEvent::StartInstruction
            | DiEvent::RequestUtVisa
            | DiEvent::Validate
            | DiEvent::RequestPayment
            | DiEvent::IssueRecovery
            | DiEvent::CancelRecovery => {}
        }
        if row.to != row.from {
            effects.insert(
                0,
                DiEffect::NotifyEmployer {
                    status: row.to.extranet_code(),
                },
            );
        }
        if row.to == DiState::Validated {
            effects.push(DiEffect::RecapAvailable {
                kind: RecapKind::DiValidated,
            });
        }
        Ok(effects)
    }
}

/// At least one line; on every line a name, a valid NIR not already on an earlier line, hours
/// not negative, and training hours within the hours not worked (they are « dont formation »).
///
/// # Errors
///
/// The first problem found, line by line: `DI_NO_EMPLOYEE_LINE`, `DI_EMPLOYEE_NAME_REQUIRED`,
/// `DI_NIR_INVALID`, `DI_DUPLICATE_EMPLOYEE`, `DI_NEGATIVE_HOURS`,
/// `DI_TRAINING_EXCEEDS_HOURS`.
pub fn check_lines(lines: &[DiLine]) -> Result<(), ProcedureError> {
    if lines.is_empty() {
        return Err(ProcedureError::NoEmployeeLine);
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (line, l) in lines.iter().enumerate() {
        if l.employee.trim().is_empty() {
            return Err(ProcedureError::EmployeeNameRequired { line });
        }
        if !is_valid_nir(&l.nir) {
            return Err(ProcedureError::NirInvalid { line });
        }
        if let Some(first_line) = seen.insert(compact_nir(&l.nir), line) {
            return Err(ProcedureError::DuplicateEmployee { line, first_line });
        }
        if l.hours_not_worked < Decimal::ZERO || l.training_hours < Decimal::ZERO {
            return Err(ProcedureError::NegativeHours { line });
        }
        if l.training_hours > l.hours_not_worked {
            return Err(ProcedureError::TrainingExceedsHours { line });
        }
    }
    Ok(())
}

/// Each employee's hours of the year, with this claim, within the annual quota.
fn check_quota(ctx: &DiContext, facts: &ClaimFacts) -> Result<(), ProcedureError> {
    let year = ctx.month.year();
    let quota = rules::annual_quota_hours(year, ctx.da.quota == QuotaCategory::ModernisationWorks)?;
    let mut totals: BTreeMap<String, Decimal> = BTreeMap::new();
    for e in &facts.year_hours {
        *totals.entry(compact_nir(&e.nir)).or_default() += e.hours;
    }
    for (line, l) in ctx.lines.iter().enumerate() {
        let total = totals.entry(compact_nir(&l.nir)).or_default();
        *total += l.hours_not_worked;
        if *total > quota {
            return Err(ProcedureError::AnnualQuotaExceeded {
                line,
                year,
                quota: quota.to_string(),
                total: total.normalize().to_string(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::procedure::da::{DaContext, DaEvent, DaRequest};
    use rust_decimal_macros::dec;
    use time::macros::datetime;

    /// A date from its ISO form (rustfmt would space out `date!(2022-03-01)`).
    fn ymd(iso: &str) -> time::Date {
        time::Date::parse(iso, &time::format_description::well_known::Iso8601::DATE).unwrap()
    }

    const NIR_A: &str = "269054958815780";
    const NIR_B: &str = "185077512345608";

    pub(crate) fn authorised_da(
        start: Date,
        end: Date,
        filed: OffsetDateTime,
    ) -> Snapshot<DaMachine> {
        let da = Snapshot::<DaMachine>::new(DaContext::new(
            "DA-1",
            Establishment::new(
                crate::siret::Siret::parse("73282932000074").unwrap(),
                "Boulangerie Martin",
            ),
            DaRequest::new(
                Motive::EconomicConditions,
                Period::new(start, end).unwrap(),
                2,
                dec!(300),
            ),
        ));
        let da = da
            .apply(DaEvent::submit(), Actor::Principal, filed)
            .unwrap()
            .snapshot;
        da.apply(
            DaEvent::Authorise {
                number: "D-1".into(),
                period: Period::new(start, end).unwrap(),
                hours: dec!(300),
                commitments: None,
            },
            Actor::Administration,
            filed + time::Duration::days(3),
        )
        .unwrap()
        .snapshot
    }

    fn da() -> Snapshot<DaMachine> {
        authorised_da(
            ymd("2022-03-01"),
            ymd("2022-05-31"),
            datetime!(2022-02-10 10:00 +1),
        )
    }

    const T: OffsetDateTime = datetime!(2022-04-02 09:00 +2);

    fn draft() -> Snapshot<DiMachine> {
        DiMachine::create(
            &da(),
            DiCode::parse("DI-1").unwrap(),
            Month::new(2022, 3).unwrap(),
            &[],
            T,
        )
        .unwrap()
    }

    fn lines() -> Vec<DiLine> {
        vec![
            DiLine::new("Jeanne Martin", NIR_A, dec!(35)),
            DiLine::new("Paul Durand", NIR_B, dec!(20.5)),
        ]
    }

    fn submitted() -> Snapshot<DiMachine> {
        let d = draft()
            .apply(DiEvent::Edit { lines: lines() }, Actor::Principal, T)
            .unwrap()
            .snapshot;
        d.apply(DiEvent::submit(), Actor::Principal, T)
            .unwrap()
            .snapshot
    }

    fn code<X>(r: Result<X, crate::machine::TransitionError>) -> &'static str {
        match r {
            Ok(_) => "OK",
            Err(e) => e.code(),
        }
    }

    fn go(s: &Snapshot<DiMachine>, e: DiEvent, a: Actor) -> Snapshot<DiMachine> {
        s.apply(e, a, T).unwrap().snapshot
    }

    #[test]
    fn nir_checks_and_masking() {
        assert!(is_valid_nir(NIR_A));
        assert!(is_valid_nir(NIR_B));
        // Corsica: 2A counts as 19, 2B as 18.
        assert!(is_valid_nir("201012A12345658"));
        assert!(!is_valid_nir("201012A12345657"));
        assert!(is_valid_nir("185072B12345692"));
        assert!(!is_valid_nir("569054958815780"));
        assert!(!is_valid_nir("26905495881578"));
        assert!(!is_valid_nir("26905495881578é"));
        assert_eq!(mask_nir("2 69 05 49 588 157 80"), "26905**********");
    }

    #[test]
    fn line_checks() {
        let ok = |l: Vec<DiLine>| check_lines(&l).map_err(|e| e.code());
        assert_eq!(ok(lines()), Ok(()));
        assert_eq!(ok(vec![]), Err("DI_NO_EMPLOYEE_LINE"));
        assert_eq!(
            ok(vec![DiLine::new(" ", NIR_A, dec!(1))]),
            Err("DI_EMPLOYEE_NAME_REQUIRED")
        );
        let dup = vec![
            DiLine::new("A", NIR_A, dec!(1)),
            DiLine::new("B", "2 69 05 49 588 157 80", dec!(1)),
        ];
        assert_eq!(
            check_lines(&dup),
            Err(ProcedureError::DuplicateEmployee {
                line: 1,
                first_line: 0
            })
        );
        let mut training = DiLine::new("A", NIR_A, dec!(7));
        training.training_hours = dec!(7);
        assert_eq!(ok(vec![training.clone()]), Ok(()));
        training.training_hours = dec!(7.01);
        assert_eq!(ok(vec![training]), Err("DI_TRAINING_EXCEEDS_HOURS"));
    }

    #[test]
    fn create_checks_da_month_deadline_and_duplicates() {
        let code = || DiCode::parse("DI-2").unwrap();
        let m = |mo| Month::new(2022, mo).unwrap();
        assert_eq!(
            DiMachine::create(&da(), code(), m(6), &[], T)
                .unwrap_err()
                .code(),
            "DI_MONTH_OUTSIDE_PERIOD"
        );
        // DA authorised 2022-02-13: six months after 2022-05-31, last day 2022-11-30.
        assert!(
            DiMachine::create(&da(), code(), m(5), &[], datetime!(2022-11-30 23:59 +1)).is_ok()
        );
        assert_eq!(
            DiMachine::create(&da(), code(), m(5), &[], datetime!(2022-12-01 00:00 +1))
                .unwrap_err()
                .code(),
            "DI_CLAIM_DEADLINE_PASSED"
        );
        assert_eq!(
            DiMachine::create(&da(), code(), m(3), &[draft()], T)
                .unwrap_err()
                .code(),
            "DI_DUPLICATE_MONTH"
        );
        let withdrawn = go(&draft(), DiEvent::Withdraw, Actor::Principal);
        assert!(DiMachine::create(&da(), code(), m(3), &[withdrawn], T).is_ok());
        let submitted_da = Snapshot::<DaMachine>::new(da().context().clone());
        assert_eq!(
            DiMachine::create(&submitted_da, code(), m(3), &[], T)
                .unwrap_err()
                .code(),
            "DA_NOT_AUTHORISED"
        );
        assert_eq!(
            DiMachine::di_codes("DA-1", &[draft()]),
            vec![DiCode::parse("DI-1").unwrap()]
        );
    }

    #[test]
    fn submit_guards() {
        let d = draft();
        assert_eq!(
            code(d.apply(DiEvent::submit(), Actor::Principal, T)),
            "DI_NO_EMPLOYEE_LINE"
        );
        let bad_nir = go(
            &d,
            DiEvent::Edit {
                lines: vec![DiLine::new("X", "269054958815781", dec!(1))],
            },
            Actor::Principal,
        );
        assert_eq!(
            code(bad_nir.apply(DiEvent::submit(), Actor::Principal, T)),
            "DI_NIR_INVALID"
        );
        let negative = go(
            &d,
            DiEvent::Edit {
                lines: vec![DiLine::new("X", NIR_A, dec!(-1))],
            },
            Actor::Principal,
        );
        assert_eq!(
            code(negative.apply(DiEvent::submit(), Actor::Principal, T)),
            "DI_NEGATIVE_HOURS"
        );
        let ok = go(&d, DiEvent::Edit { lines: lines() }, Actor::Principal);
        // Authorised 300 h; 250 already claimed + 55.5 h.
        let facts = ClaimFacts {
            hours_claimed_on_da: dec!(250),
            year_hours: vec![],
        };
        assert_eq!(
            code(ok.apply(DiEvent::Submit { facts }, Actor::Principal, T)),
            "DI_AUTHORISED_HOURS_EXCEEDED"
        );
        // Quota 2022: 1 000 h; 965 h already for Jeanne + 35 h = 1 000: fine; 965.01: too many.
        let facts = |h| ClaimFacts {
            hours_claimed_on_da: dec!(0),
            year_hours: vec![EmployeeHours {
                nir: "2 69 05 49 588 157 80".into(),
                hours: h,
            }],
        };
        assert_eq!(
            code(ok.apply(
                DiEvent::Submit {
                    facts: facts(dec!(965))
                },
                Actor::Principal,
                T
            )),
            "OK"
        );
        assert_eq!(
            code(ok.apply(
                DiEvent::Submit {
                    facts: facts(dec!(965.01))
                },
                Actor::Principal,
                T
            )),
            "DI_ANNUAL_QUOTA_EXCEEDED"
        );
        assert_eq!(
            code(ok.apply(DiEvent::submit(), Actor::Administration, T)),
            "FORBIDDEN_ACTOR"
        );
        let late = datetime!(2022-12-01 00:00 +1);
        assert_eq!(
            code(ok.apply(DiEvent::submit(), Actor::Principal, late)),
            "DI_CLAIM_DEADLINE_PASSED"
        );
    }

    #[test]
    fn instruction_paths() {
        let s = submitted();
        assert_eq!(s.context().submitted_at, Some(T));
        let instr = go(&s, DiEvent::StartInstruction, Actor::Administration);
        let visa = go(&instr, DiEvent::RequestUtVisa, Actor::Administration);
        assert_eq!(visa.state().extranet_code(), 16);
        for from in [&s, &instr, &visa] {
            let v = from
                .apply(DiEvent::Validate, Actor::Administration, T)
                .unwrap();
            assert_eq!(v.snapshot.state(), DiState::Validated);
            assert_eq!(
                v.effects,
                vec![
                    DiEffect::NotifyEmployer { status: 9 },
                    DiEffect::RecapAvailable {
                        kind: RecapKind::DiValidated
                    }
                ]
            );
            assert_eq!(
                code(from.apply(DiEvent::Validate, Actor::Asp, T)),
                "FORBIDDEN_ACTOR"
            );
            let r = go(
                from,
                DiEvent::Reject {
                    rejection: Rejection::business("heures non justifiées"),
                },
                Actor::Administration,
            );
            assert_eq!(r.state(), DiState::Rejected);
            assert_eq!(
                code(from.apply(
                    DiEvent::Reject {
                        rejection: Rejection::business(" ")
                    },
                    Actor::Administration,
                    T
                )),
                "REASON_REQUIRED"
            );
            assert_eq!(
                code(from.apply(
                    DiEvent::Reject {
                        rejection: Rejection::incident("x", "")
                    },
                    Actor::System,
                    T
                )),
                "REASON_REQUIRED"
            );
            assert_eq!(
                code(from.apply(
                    DiEvent::Reject {
                        rejection: Rejection::business("x")
                    },
                    Actor::Principal,
                    T
                )),
                "FORBIDDEN_ACTOR"
            );
        }
        assert_eq!(
            go(&s, DiEvent::Withdraw, Actor::Member).state(),
            DiState::Withdrawn
        );
        assert_eq!(
            code(instr.apply(DiEvent::Withdraw, Actor::Member, T)),
            "INVALID_TRANSITION"
        );
        assert_eq!(
            code(visa.apply(DiEvent::RequestUtVisa, Actor::Administration, T)),
            "INVALID_TRANSITION"
        );
        assert_eq!(
            code(s.apply(DiEvent::Edit { lines: vec![] }, Actor::Principal, T)),
            "INVALID_TRANSITION"
        );
    }

    /// Source: the seed's incident notice ("a pu entraîner, par erreur, un rejet … seront
    /// régularisées dans la journée").
    #[test]
    fn regularisation_only_for_the_incident_and_only_by_asp_or_system() {
        let rejected = go(
            &submitted(),
            DiEvent::Reject {
                rejection: Rejection::incident("rejet technique", "INC-42"),
            },
            Actor::System,
        );
        let reg = |id: &str, a| {
            rejected.apply(
                DiEvent::Regularise {
                    incident_id: id.into(),
                },
                a,
                T,
            )
        };
        assert_eq!(code(reg("INC-42", Actor::Principal)), "FORBIDDEN_ACTOR");
        assert_eq!(
            code(reg("INC-42", Actor::Administration)),
            "FORBIDDEN_ACTOR"
        );
        assert_eq!(
            code(reg("INC-41", Actor::Asp)),
            "DI_NOT_REJECTED_BY_INCIDENT"
        );
        let ok = reg("INC-42", Actor::Asp).unwrap().snapshot;
        assert_eq!(ok.state(), DiState::Validated);
        assert_eq!(
            ok.context().regularised_from_incident.as_deref(),
            Some("INC-42")
        );
        assert_eq!(ok.history().last().unwrap().event, "Regularise");
        assert_eq!(code(reg("INC-42", Actor::System)), "OK");
        // An incident rejection is not corrected by the employer.
        assert_eq!(
            code(rejected.apply(DiEvent::Correct, Actor::Principal, T)),
            "DI_REJECTED_BY_INCIDENT"
        );
        // A business rejection is not regularised.
        let business = go(
            &submitted(),
            DiEvent::Reject {
                rejection: Rejection::business("NIR"),
            },
            Actor::Administration,
        );
        assert_eq!(
            code(business.apply(
                DiEvent::Regularise {
                    incident_id: "INC-42".into()
                },
                Actor::Asp,
                T
            )),
            "DI_NOT_REJECTED_BY_INCIDENT"
        );
    }

    #[test]
    fn correction_is_a_new_version_within_the_deadline() {
        let business = go(
            &submitted(),
            DiEvent::Reject {
                rejection: Rejection::business("NIR"),
            },
            Actor::Administration,
        );
        let corrected = go(&business, DiEvent::Correct, Actor::Accountant);
        assert_eq!(corrected.state(), DiState::Draft);
        assert_eq!(corrected.context().di_version, 2);
        assert_eq!(corrected.context().code.as_str(), "DI-1");
        assert_eq!(corrected.context().rejection, None);
        assert_eq!(
            code(business.apply(
                DiEvent::Correct,
                Actor::Principal,
                datetime!(2022-12-01 00:00 +1)
            )),
            "DI_CLAIM_DEADLINE_PASSED"
        );
        assert_eq!(
            code(business.apply(DiEvent::Correct, Actor::Asp, T)),
            "FORBIDDEN_ACTOR"
        );
        let again = go(&corrected, DiEvent::submit(), Actor::Principal);
        assert_eq!(again.state(), DiState::Submitted);
    }

    #[test]
    fn payment_and_recovery() {
        let v = go(&submitted(), DiEvent::Validate, Actor::Administration);
        assert_eq!(
            code(v.apply(DiEvent::RequestPayment, Actor::Administration, T)),
            "FORBIDDEN_ACTOR"
        );
        let req = go(&v, DiEvent::RequestPayment, Actor::Asp);
        let invalid = go(
            &req,
            DiEvent::InvalidatePayment {
                reason: "IBAN clos".into(),
            },
            Actor::Asp,
        );
        assert_eq!(invalid.state(), DiState::PaymentInvalidated);
        assert_eq!(
            code(req.apply(
                DiEvent::InvalidatePayment { reason: "".into() },
                Actor::Asp,
                T
            )),
            "REASON_REQUIRED"
        );
        let req = go(&invalid, DiEvent::RequestPayment, Actor::Asp);
        assert_eq!(
            code(req.apply(
                DiEvent::ConfirmPayment {
                    amount: dec!(0),
                    paid_on: ymd("2022-04-20")
                },
                Actor::Asp,
                T
            )),
            "AMOUNT_NOT_POSITIVE"
        );
        let paid = go(
            &req,
            DiEvent::ConfirmPayment {
                amount: dec!(512.34),
                paid_on: ymd("2022-04-20"),
            },
            Actor::Asp,
        );
        assert_eq!(paid.state().employer_status(), EmployerStatus::Paid);
        assert_eq!(
            paid.context().payment.as_ref().unwrap().amount,
            dec!(512.34)
        );
        assert!(!paid.is_terminal());
        let or = go(
            &paid,
            DiEvent::OpenRecovery {
                amount: dec!(12.34),
                reason: "trop-perçu".into(),
            },
            Actor::Asp,
        );
        assert_eq!(or.state().extranet_code(), 13);
        assert_eq!(
            code(paid.apply(
                DiEvent::OpenRecovery {
                    amount: dec!(-1),
                    reason: "x".into()
                },
                Actor::Asp,
                T
            )),
            "AMOUNT_NOT_POSITIVE"
        );
        let issued = go(&or, DiEvent::IssueRecovery, Actor::Asp);
        assert_eq!(issued.state().extranet_code(), 14);
        let cancelled = go(&issued, DiEvent::CancelRecovery, Actor::Asp);
        assert_eq!(cancelled.state().extranet_code(), 15);
        assert!(cancelled.is_terminal());
        assert_eq!(
            go(&or, DiEvent::CancelRecovery, Actor::Asp).state(),
            DiState::RecoveryInvalidated
        );
    }

    #[test]
    fn every_status_has_its_code_and_view() {
        let codes: Vec<u8> = DiState::ALL.iter().map(|s| s.extranet_code()).collect();
        assert_eq!(codes, [8, 19, 20, 16, 9, 10, 11, 12, 13, 14, 15, 17, 26]);
        for s in DiState::ALL {
            assert_eq!(DiState::from_extranet_code(s.extranet_code()), Some(*s));
            assert!(*s == DiState::Draft || DiMachine::table().iter().any(|r| r.to == *s));
        }
        assert_eq!(DiState::from_extranet_code(1), None);
        assert_eq!(
            DiState::PaymentInvalidated.employer_status(),
            EmployerStatus::Validated
        );
    }

    #[test]
    fn quota_use_across_the_years_dis() {
        let s = submitted();
        let draft_only = draft();
        let report =
            annual_quota_use(2022, QuotaCategory::Standard, &[s.clone(), draft_only]).unwrap();
        assert_eq!(report.len(), 2);
        let jeanne = report
            .iter()
            .find(|q| q.nir_masked.starts_with("26905"))
            .unwrap();
        assert_eq!((jeanne.used, jeanne.remaining), (dec!(35), dec!(965)));
        assert!(
            annual_quota_use(2021, QuotaCategory::Standard, std::slice::from_ref(&s))
                .unwrap()
                .is_empty()
        );
        assert!(
            annual_quota_use(
                2022,
                QuotaCategory::ModernisationWorks,
                std::slice::from_ref(&s)
            )
            .unwrap()
            .is_empty()
        );
        // Facts from the caller's DIs: the April claim sees March's hours.
        let april = DiMachine::create(
            &da(),
            DiCode::parse("DI-2").unwrap(),
            Month::new(2022, 4).unwrap(),
            std::slice::from_ref(&s),
            T,
        )
        .unwrap();
        let facts = ClaimFacts::from_claims(april.context(), &[s.clone(), april.clone()]);
        assert_eq!(facts.hours_claimed_on_da, dec!(55.5));
        assert_eq!(facts.year_hours.len(), 2);
    }
}
