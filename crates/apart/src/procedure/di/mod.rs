//! Machine H: the monthly claim (DI, « demande d'indemnisation »).
//!
//! A DI is created for one month of an authorised DA ([`DiMachine::create`]), entered by the
//! employer side, submitted, instructed by the DDETS (with or without the UT's visa), validated
//! or rejected, then paid by the ASP, with clawback orders (« ordres de reversement ») if it
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
use time::{Date, OffsetDateTime};

use super::da::{DecisionKind, QuotaCategory};
use super::{DiCode, Establishment, LawRef, Motive, Period, ProcedureError, RecapKind};
use crate::calendar::Month;
use crate::machine::State;

mod machine;
mod quota;

pub use machine::{DiGuard, DiMachine, check_lines};
pub use quota::{ClaimFacts, EmployeeHours, QuotaUse, annual_quota_use};

/// The statuses of a DI, as the extranet stores them (CASD/DARES dictionary, HISTO_DI).
///
/// The clawback states were called `Recovery…` before schema 2 of `apart.di`; those names are
/// still read ([`DiState::from_name`]) so that stored snapshots load.
///
/// # Example
///
/// ```
/// use apart::procedure::di::DiState;
/// assert_eq!(serde_json::to_string(&DiState::AwaitingUtVisa)?, r#""AwaitingUtVisa""#);
/// // A snapshot stored before schema 2 still reads.
/// assert_eq!(serde_json::from_str::<DiState>(r#""RecoveryToIssue""#)?, DiState::ClawbackToIssue);
/// assert_eq!(DiState::ClawbackToIssue.to_string(), "ClawbackToIssue");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
    /// 13 OR à émettre: a clawback order (« ordre de reversement ») is to be issued.
    ClawbackToIssue,
    /// 14 OR émis.
    ClawbackIssued,
    /// 15 OR invalidé (terminal).
    ClawbackInvalidated,
    /// 17 DI rejetée.
    Rejected,
    /// 26 Retiré (terminal).
    Withdrawn,
}

impl State for DiState {
    const ALL: &'static [DiState] = &[
        DiState::Draft,
        DiState::Submitted,
        DiState::UnderInstruction,
        DiState::AwaitingUtVisa,
        DiState::Validated,
        DiState::PaymentRequested,
        DiState::Paid,
        DiState::PaymentInvalidated,
        DiState::ClawbackToIssue,
        DiState::ClawbackIssued,
        DiState::ClawbackInvalidated,
        DiState::Rejected,
        DiState::Withdrawn,
    ];

    fn name(self) -> &'static str {
        match self {
            DiState::Draft => "Draft",
            DiState::Submitted => "Submitted",
            DiState::UnderInstruction => "UnderInstruction",
            DiState::AwaitingUtVisa => "AwaitingUtVisa",
            DiState::Validated => "Validated",
            DiState::PaymentRequested => "PaymentRequested",
            DiState::Paid => "Paid",
            DiState::PaymentInvalidated => "PaymentInvalidated",
            DiState::ClawbackToIssue => "ClawbackToIssue",
            DiState::ClawbackIssued => "ClawbackIssued",
            DiState::ClawbackInvalidated => "ClawbackInvalidated",
            DiState::Rejected => "Rejected",
            DiState::Withdrawn => "Withdrawn",
        }
    }

    /// The state called `name`, or by its name before schema 2 (`RecoveryToIssue`,
    /// `RecoveryIssued`, `RecoveryInvalidated`).
    ///
    /// ```
    /// use apart::machine::State;
    /// use apart::procedure::di::DiState;
    /// assert_eq!(DiState::from_name("RecoveryIssued"), Some(DiState::ClawbackIssued));
    /// assert_eq!(DiState::ClawbackIssued.name(), "ClawbackIssued");
    /// ```
    fn from_name(name: &str) -> Option<DiState> {
        let name = match name {
            "RecoveryToIssue" => "ClawbackToIssue",
            "RecoveryIssued" => "ClawbackIssued",
            "RecoveryInvalidated" => "ClawbackInvalidated",
            other => other,
        };
        DiState::ALL.iter().copied().find(|s| s.name() == name)
    }
}

impl std::fmt::Display for DiState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for DiState {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for DiState {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<DiState, D::Error> {
        let name = std::borrow::Cow::<'de, str>::deserialize(d)?;
        DiState::from_name(&name).ok_or_else(|| {
            crate::value::de_error(crate::value::ValueError::unknown_variant(
                "di_state",
                &name,
                &DiState::ALL.iter().map(|s| s.name()).collect::<Vec<_>>(),
            ))
        })
    }
}

crate::spelled_enum! {
    /// The coarse status shown to employers (spec §10 Q15).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::di::{DiState, EmployerStatus};
    /// assert_eq!(EmployerStatus::ALL.len(), 6);
    /// assert_eq!(DiState::PaymentInvalidated.employer_status(), EmployerStatus::Validated);
    /// assert_eq!(EmployerStatus::InProgress.as_str(), "in_progress");
    /// ```
    #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
    pub enum EmployerStatus: "employer_status" {
        /// Being entered.
        Draft = "draft",
        /// Sent and being instructed (19, 20, 16).
        InProgress = "in_progress",
        /// Validated, payment pending (9, 10, 12).
        Validated = "validated",
        /// Paid, including any clawback that followed (11, 13, 14, 15).
        Paid = "paid",
        /// Rejected (17).
        Rejected = "rejected",
        /// Withdrawn (26).
        Withdrawn = "withdrawn",
    }
}

impl DiState {
    /// The extranet's status code (CASD dictionary).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::di::DiState;
    /// assert_eq!(DiState::Draft.extranet_code(), 8);
    /// assert_eq!(DiState::Withdrawn.extranet_code(), 26);
    /// ```
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
            DiState::ClawbackToIssue => 13,
            DiState::ClawbackIssued => 14,
            DiState::ClawbackInvalidated => 15,
            DiState::Rejected => 17,
            DiState::Withdrawn => 26,
        }
    }

    /// The extranet's label for the status.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::di::DiState;
    /// assert_eq!(DiState::ClawbackIssued.extranet_label(), "OR émis");
    /// assert_eq!(DiState::Submitted.extranet_label(), "En attente de validation");
    /// ```
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
            DiState::ClawbackToIssue => "OR à émettre",
            DiState::ClawbackIssued => "OR émis",
            DiState::ClawbackInvalidated => "OR invalidé",
            DiState::Rejected => "DI rejetée",
            DiState::Withdrawn => "Retiré",
        }
    }

    /// The state with this extranet code.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::di::DiState;
    /// assert_eq!(DiState::from_extranet_code(16), Some(DiState::AwaitingUtVisa));
    /// assert_eq!(DiState::from_extranet_code(18), None);
    /// ```
    pub fn from_extranet_code(code: u8) -> Option<DiState> {
        DiState::ALL
            .iter()
            .copied()
            .find(|s| s.extranet_code() == code)
    }

    /// The coarse status shown to employers.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::di::{DiState, EmployerStatus};
    /// assert_eq!(DiState::UnderInstruction.employer_status(), EmployerStatus::InProgress);
    /// // A clawback comes after the payment: the employer still sees "paid".
    /// assert_eq!(DiState::ClawbackIssued.employer_status(), EmployerStatus::Paid);
    /// ```
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
            | DiState::ClawbackToIssue
            | DiState::ClawbackIssued
            | DiState::ClawbackInvalidated => EmployerStatus::Paid,
            DiState::Rejected => EmployerStatus::Rejected,
            DiState::Withdrawn => EmployerStatus::Withdrawn,
        }
    }

    /// Whether a DI in this state counts as filed (its hours count against the DA's hours and
    /// the annual quota): submitted or later, neither rejected nor withdrawn.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::di::DiState;
    /// assert!(DiState::Submitted.counts_as_filed());
    /// assert!(DiState::Paid.counts_as_filed());
    /// assert!(!DiState::Draft.counts_as_filed());
    /// assert!(!DiState::Rejected.counts_as_filed());
    /// ```
    pub fn counts_as_filed(self) -> bool {
        !matches!(
            self,
            DiState::Draft | DiState::Rejected | DiState::Withdrawn
        )
    }

    /// Whether the DI is validated or later (a `DiValidated` recap is available).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::di::DiState;
    /// assert!(DiState::Validated.is_validated_or_later());
    /// assert!(DiState::ClawbackInvalidated.is_validated_or_later());
    /// assert!(!DiState::AwaitingUtVisa.is_validated_or_later());
    /// ```
    pub fn is_validated_or_later(self) -> bool {
        matches!(
            self.employer_status(),
            EmployerStatus::Validated | EmployerStatus::Paid
        )
    }
}

/// The authorisation a DI claims under, copied from the DA when the DI is created.
///
/// # Example
///
/// ```
/// # let da = {
/// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
/// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
/// # use time::macros::{date, datetime as at};
/// # let siret = Siret::parse("73282932000074")?;
/// # let establishment = Establishment::new(siret, "Boulangerie Martin");
/// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
/// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
/// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
/// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
/// # let s = s.tick(at!(2022-02-26 00:00 +1))?.snapshot; // accepted by silence
/// # s
/// # };
/// use apart::procedure::DiCode;
/// use apart::procedure::da::DecisionKind;
/// use apart::procedure::di::DiMachine;
/// use time::macros::{date, datetime};
/// // `da` was received on 2022-02-10 for March–May 2022 and accepted by silence on 2022-02-26.
/// let now = datetime!(2022-04-02 09:00 +2);
/// let di = DiMachine::create(&da, DiCode::parse("DI-1")?, "2022-03".parse()?, &[], now)?;
/// let facts = &di.context().da;
/// assert_eq!((facts.reference.as_str(), facts.kind), ("DA-1", DecisionKind::Implicit));
/// assert_eq!(facts.authorised_on, date!(2022-02-26));
/// // Authorised after 2020-12-31: DIs may be filed until six months after the period's end.
/// assert_eq!(facts.claims_last_day, date!(2022-11-30));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
    #[serde(with = "crate::calendar::serde::date")]
    pub authorised_on: Date,
    /// The authorised period.
    pub period: Period,
    /// The authorised hours.
    #[serde(with = "crate::value::decimal::hours")]
    pub hours: Decimal,
    /// The last local day a DI may be filed.
    #[serde(with = "crate::calendar::serde::date")]
    pub claims_last_day: Date,
}

/// One employee's line: hours not worked in the month.
///
/// # Example
///
/// ```
/// use apart::procedure::di::DiLine;
/// use rust_decimal::Decimal;
/// let json = r#"{"employee": "Jeanne Martin", "nir": "269054958815780",
///     "hours_not_worked": "35.5"}"#;
/// let line: DiLine = serde_json::from_str(json)?;
/// assert_eq!(line.hours_not_worked.to_string(), "35.5");
/// assert_eq!(line.training_hours, Decimal::ZERO);
/// // A misspelt field is refused, not dropped.
/// let misspelt = json.replace("hours_not_worked", "hours_not_work");
/// assert!(serde_json::from_str::<DiLine>(&misspelt).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DiLine {
    /// The employee's name, as printed on the recap.
    pub employee: String,
    /// The NIR (social security number), 15 characters; spaces are ignored.
    pub nir: String,
    /// Hours not worked (« heures chômées »).
    #[serde(with = "crate::value::decimal::hours")]
    pub hours_not_worked: Decimal,
    /// Of which hours in training.
    #[serde(default, with = "crate::value::decimal::hours")]
    pub training_hours: Decimal,
}

impl DiLine {
    /// A line without training hours.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::di::{DiLine, check_lines};
    /// use rust_decimal::Decimal;
    /// let line = DiLine::new("Jeanne Martin", "2 69 05 49 588 157 80", Decimal::from(35));
    /// assert_eq!(line.training_hours, Decimal::ZERO);
    /// assert!(check_lines(&[line]).is_ok());
    /// ```
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
///
/// # Example
///
/// ```
/// use apart::procedure::di::{Rejection, RejectionCause};
/// let cause = Rejection::incident("rejet automatique", "INC-7").cause;
/// assert_eq!(cause, RejectionCause::Incident { incident_id: "INC-7".into() });
/// assert_eq!(serde_json::to_string(&cause)?, r#"{"kind":"incident","incident_id":"INC-7"}"#);
/// assert_eq!(serde_json::to_string(&RejectionCause::Business)?, r#"{"kind":"business"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
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
///
/// # Example
///
/// ```
/// # let di = {
/// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
/// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
/// # use time::macros::{date, datetime as at};
/// # let siret = Siret::parse("73282932000074")?;
/// # let establishment = Establishment::new(siret, "Boulangerie Martin");
/// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
/// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
/// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
/// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
/// # let s = s.tick(at!(2022-02-26 00:00 +1))?.snapshot; // accepted by silence
/// # let (code, month) = (DiCode::parse("DI-1")?, Month::new(2022, 3)?);
/// # let s = DiMachine::create(&s, code, month, &[], at!(2022-04-02 09:00 +2))?;
/// # let lines = vec![DiLine::new("Jeanne Martin", "269054958815780", 35.into())];
/// # let s = s.apply(DiEvent::Edit { lines }, Actor::Principal, at!(2022-04-02 09:05 +2))?;
/// # let s = s.snapshot;
/// # let s = s.apply(DiEvent::submit(), Actor::Principal, at!(2022-04-02 09:10 +2))?.snapshot;
/// # s
/// # };
/// use apart::machine::Actor;
/// use apart::procedure::di::{DiEvent, DiState, Rejection};
/// use time::macros::datetime;
/// // `di` is a submitted claim. The reason is kept trimmed while the DI is rejected.
/// let event = DiEvent::Reject { rejection: Rejection::business(" NIR erroné ") };
/// let now = datetime!(2022-04-05 10:00 +2);
/// let rejected = di.apply(event, Actor::Administration, now)?.snapshot;
/// assert_eq!(rejected.state(), DiState::Rejected);
/// assert_eq!(rejected.context().rejection, Some(Rejection::business("NIR erroné")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rejection {
    /// The reason given.
    pub reason: String,
    /// Business or incident.
    pub cause: RejectionCause,
}

impl Rejection {
    /// A rejection of substance.
    ///
    /// # Example
    ///
    /// ```
    /// # let di = {
    /// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
    /// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
    /// # use time::macros::{date, datetime as at};
    /// # let siret = Siret::parse("73282932000074")?;
    /// # let establishment = Establishment::new(siret, "Boulangerie Martin");
    /// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
    /// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
    /// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
    /// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
    /// # let s = s.tick(at!(2022-02-26 00:00 +1))?.snapshot; // accepted by silence
    /// # let (code, month) = (DiCode::parse("DI-1")?, Month::new(2022, 3)?);
    /// # let s = DiMachine::create(&s, code, month, &[], at!(2022-04-02 09:00 +2))?;
    /// # let lines = vec![DiLine::new("Jeanne Martin", "269054958815780", 35.into())];
    /// # let s = s.apply(DiEvent::Edit { lines }, Actor::Principal, at!(2022-04-02 09:05 +2))?;
    /// # let s = s.snapshot;
    /// # let s = s.apply(DiEvent::submit(), Actor::Principal, at!(2022-04-02 09:10 +2))?.snapshot;
    /// # s
    /// # };
    /// use apart::machine::Actor;
    /// use apart::procedure::di::{DiEvent, DiState, Rejection};
    /// use time::macros::datetime;
    /// // `di` is a submitted claim: a business rejection is corrected as a new version.
    /// let event = DiEvent::Reject { rejection: Rejection::business("heures non justifiées") };
    /// let now = datetime!(2022-04-05 10:00 +2);
    /// let rejected = di.apply(event, Actor::Administration, now)?.snapshot;
    /// let corrected = rejected.apply(DiEvent::Correct, Actor::Principal, now)?.snapshot;
    /// assert_eq!((corrected.state(), corrected.context().di_version), (DiState::Draft, 2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn business(reason: impl Into<String>) -> Rejection {
        Rejection {
            reason: reason.into(),
            cause: RejectionCause::Business,
        }
    }

    /// A rejection caused by an incident.
    ///
    /// # Example
    ///
    /// ```
    /// # let di = {
    /// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
    /// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
    /// # use time::macros::{date, datetime as at};
    /// # let siret = Siret::parse("73282932000074")?;
    /// # let establishment = Establishment::new(siret, "Boulangerie Martin");
    /// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
    /// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
    /// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
    /// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
    /// # let s = s.tick(at!(2022-02-26 00:00 +1))?.snapshot; // accepted by silence
    /// # let (code, month) = (DiCode::parse("DI-1")?, Month::new(2022, 3)?);
    /// # let s = DiMachine::create(&s, code, month, &[], at!(2022-04-02 09:00 +2))?;
    /// # let lines = vec![DiLine::new("Jeanne Martin", "269054958815780", 35.into())];
    /// # let s = s.apply(DiEvent::Edit { lines }, Actor::Principal, at!(2022-04-02 09:05 +2))?;
    /// # let s = s.snapshot;
    /// # let s = s.apply(DiEvent::submit(), Actor::Principal, at!(2022-04-02 09:10 +2))?.snapshot;
    /// # s
    /// # };
    /// use apart::machine::Actor;
    /// use apart::procedure::di::{DiEvent, DiState, Rejection};
    /// use time::macros::datetime;
    /// // `di` is a submitted claim: an incident's rejection is regularised, not corrected.
    /// let rejection = Rejection::incident("rejet automatique", "INC-7");
    /// let event = DiEvent::Reject { rejection };
    /// let rejected = di.apply(event, Actor::System, datetime!(2022-04-03 02:00 +2))?.snapshot;
    /// let now = datetime!(2022-04-03 09:00 +2);
    /// let err = rejected.apply(DiEvent::Correct, Actor::Principal, now);
    /// assert_eq!(apart::Diagnostic::code(&err.unwrap_err()), "DI_REJECTED_BY_INCIDENT");
    /// let event = DiEvent::Regularise { incident_id: "INC-7".into() };
    /// let regularised = rejected.apply(event, Actor::Asp, now)?.snapshot;
    /// assert_eq!(regularised.state(), DiState::Validated);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
///
/// # Example
///
/// ```
/// # let di_validated = {
/// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
/// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
/// # use time::macros::{date, datetime as at};
/// # let siret = Siret::parse("73282932000074")?;
/// # let establishment = Establishment::new(siret, "Boulangerie Martin");
/// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
/// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
/// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
/// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
/// # let s = s.tick(at!(2022-02-26 00:00 +1))?.snapshot; // accepted by silence
/// # let (code, month) = (DiCode::parse("DI-1")?, Month::new(2022, 3)?);
/// # let s = DiMachine::create(&s, code, month, &[], at!(2022-04-02 09:00 +2))?;
/// # let lines = vec![DiLine::new("Jeanne Martin", "269054958815780", 35.into())];
/// # let s = s.apply(DiEvent::Edit { lines }, Actor::Principal, at!(2022-04-02 09:05 +2))?;
/// # let s = s.snapshot;
/// # let s = s.apply(DiEvent::submit(), Actor::Principal, at!(2022-04-02 09:10 +2))?.snapshot;
/// # let s = s.apply(DiEvent::Validate, Actor::Administration, at!(2022-04-12 10:00 +2))?;
/// # let s = s.snapshot;
/// # s
/// # };
/// use apart::machine::Actor;
/// use apart::procedure::di::{DiEvent, DiState, Payment};
/// use time::macros::{date, datetime};
/// // `di_validated` is a validated claim: the ASP asks for its payment, then confirms it.
/// let now = datetime!(2022-04-20 10:00 +2);
/// let requested = di_validated.apply(DiEvent::RequestPayment, Actor::Asp, now)?.snapshot;
/// let event = DiEvent::ConfirmPayment { amount: "312.40".parse()?, paid_on: date!(2022-04-20) };
/// let paid = requested.apply(event, Actor::Asp, now)?.snapshot;
/// assert_eq!(paid.state(), DiState::Paid);
/// let payment = Payment { amount: "312.40".parse()?, paid_on: date!(2022-04-20) };
/// assert_eq!(paid.context().payment, Some(payment));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payment {
    /// The amount paid, in euros.
    #[serde(with = "crate::value::decimal::amount")]
    pub amount: Decimal,
    /// The day it was paid.
    #[serde(with = "crate::calendar::serde::date")]
    pub paid_on: Date,
}

/// A clawback order (« ordre de reversement », OR): the ASP claims back an overpaid amount.
///
/// # Example
///
/// ```
/// # let di_paid = {
/// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
/// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
/// # use time::macros::{date, datetime as at};
/// # let siret = Siret::parse("73282932000074")?;
/// # let establishment = Establishment::new(siret, "Boulangerie Martin");
/// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
/// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
/// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
/// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
/// # let s = s.tick(at!(2022-02-26 00:00 +1))?.snapshot; // accepted by silence
/// # let (code, month) = (DiCode::parse("DI-1")?, Month::new(2022, 3)?);
/// # let s = DiMachine::create(&s, code, month, &[], at!(2022-04-02 09:00 +2))?;
/// # let lines = vec![DiLine::new("Jeanne Martin", "269054958815780", 35.into())];
/// # let s = s.apply(DiEvent::Edit { lines }, Actor::Principal, at!(2022-04-02 09:05 +2))?;
/// # let s = s.snapshot;
/// # let s = s.apply(DiEvent::submit(), Actor::Principal, at!(2022-04-02 09:10 +2))?.snapshot;
/// # let s = s.apply(DiEvent::Validate, Actor::Administration, at!(2022-04-12 10:00 +2))?;
/// # let s = s.snapshot;
/// # let s = s.apply(DiEvent::RequestPayment, Actor::Asp, at!(2022-04-13 10:00 +2))?.snapshot;
/// # let paid = DiEvent::ConfirmPayment { amount: "312.40".parse()?, paid_on: date!(2022-04-20) };
/// # let s = s.apply(paid, Actor::Asp, at!(2022-04-20 10:00 +2))?.snapshot;
/// # s
/// # };
/// use apart::machine::Actor;
/// use apart::procedure::di::{DiEvent, DiState, EmployerStatus};
/// use time::macros::datetime;
/// // `di_paid` was paid 312.40 €; the ASP claims 40 € back.
/// let event = DiEvent::OpenClawback { amount: "40".parse()?, reason: "heures en trop".into() };
/// let clawback = di_paid.apply(event, Actor::Asp, datetime!(2022-06-01 10:00 +2))?.snapshot;
/// assert_eq!(clawback.state(), DiState::ClawbackToIssue);
/// assert_eq!(clawback.state().employer_status(), EmployerStatus::Paid);
/// let order = clawback.context().clawback.as_ref().ok_or("no clawback order")?;
/// assert_eq!(order.amount.to_string(), "40");
/// assert_eq!(order.reason, "heures en trop");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clawback {
    /// The amount to pay back, in euros.
    #[serde(with = "crate::value::decimal::amount")]
    pub amount: Decimal,
    /// Why.
    pub reason: String,
}

/// What a DI remembers besides its state.
///
/// # Example
///
/// ```
/// # let di = {
/// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
/// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
/// # use time::macros::{date, datetime as at};
/// # let siret = Siret::parse("73282932000074")?;
/// # let establishment = Establishment::new(siret, "Boulangerie Martin");
/// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
/// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
/// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
/// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
/// # let s = s.tick(at!(2022-02-26 00:00 +1))?.snapshot; // accepted by silence
/// # let (code, month) = (DiCode::parse("DI-1")?, Month::new(2022, 3)?);
/// # let s = DiMachine::create(&s, code, month, &[], at!(2022-04-02 09:00 +2))?;
/// # let lines = vec![DiLine::new("Jeanne Martin", "269054958815780", 35.into())];
/// # let s = s.apply(DiEvent::Edit { lines }, Actor::Principal, at!(2022-04-02 09:05 +2))?;
/// # let s = s.snapshot;
/// # let s = s.apply(DiEvent::submit(), Actor::Principal, at!(2022-04-02 09:10 +2))?.snapshot;
/// # s
/// # };
/// use apart::procedure::di::DiState;
/// use time::macros::datetime;
/// // `di` is March 2022's claim of the DA `DA-1`, submitted at 09:10.
/// let context = di.context();
/// assert_eq!((context.code.as_str(), context.di_version), ("DI-1", 1));
/// assert_eq!(context.month.to_string(), "2022-03");
/// assert_eq!(context.submitted_at, Some(datetime!(2022-04-02 09:10 +2)));
/// assert_eq!(context.rejection, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
    #[serde(default, with = "crate::calendar::serde::option_instant")]
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
    /// The clawback order, if any (`recovery` before schema 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clawback: Option<Clawback>,
    /// The law book the annual quota is read from (not stored: see [`LawRef`]).
    #[serde(skip)]
    pub law: LawRef,
}

/// The largest payment or clawback a DI accepts: 1,000,000,000.00 € (more is a typing
/// error: no establishment-month comes near it).
///
/// ```
/// assert_eq!(apart::procedure::di::MAX_PAYMENT.to_string(), "1000000000.00");
/// ```
pub const MAX_PAYMENT: Decimal = Decimal::from_parts(0x4876_E800, 0x17, 0, false, 2);

/// The most characters of a line's employee name (names and matricules are short; a bound
/// keeps a claim's snapshot and recap readable).
///
/// ```
/// assert_eq!(apart::procedure::di::MAX_EMPLOYEE_NAME_CHARS, 100);
/// ```
pub const MAX_EMPLOYEE_NAME_CHARS: usize = 100;

/// The most hours a line may claim for one month: 31 days of 24 hours
/// ([`crate::indemnity::MAX_MONTHLY_HOURS`]).
pub const MAX_LINE_HOURS: Decimal = crate::indemnity::MAX_MONTHLY_HOURS;

/// The most hours one employee may have in a year: 366 days of 24 hours.
pub const MAX_YEAR_HOURS: Decimal = Decimal::from_parts(8784, 0, 0, false, 0);

impl DiContext {
    /// The hours not worked of every line.
    ///
    /// # Errors
    ///
    /// `DI_HOURS_OUT_OF_RANGE` when the sum does not fit a decimal (a line far above
    /// [`MAX_LINE_HOURS`], which [`check_lines`] refuses).
    ///
    /// # Example
    ///
    /// ```
    /// # let di_draft = {
    /// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
    /// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
    /// # use time::macros::{date, datetime as at};
    /// # let siret = Siret::parse("73282932000074")?;
    /// # let establishment = Establishment::new(siret, "Boulangerie Martin");
    /// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
    /// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
    /// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
    /// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
    /// # let s = s.tick(at!(2022-02-26 00:00 +1))?.snapshot; // accepted by silence
    /// # let (code, month) = (DiCode::parse("DI-1")?, Month::new(2022, 3)?);
    /// # let s = DiMachine::create(&s, code, month, &[], at!(2022-04-02 09:00 +2))?;
    /// # s
    /// # };
    /// use apart::machine::Actor;
    /// use apart::procedure::di::{DiEvent, DiLine};
    /// use rust_decimal::Decimal;
    /// use time::macros::datetime;
    /// let lines = vec![
    ///     DiLine::new("Jeanne Martin", "269054958815780", "35.5".parse()?),
    ///     DiLine::new("Paul Durand", "185057800608491", Decimal::from(12)),
    /// ];
    /// let now = datetime!(2022-04-02 09:05 +2);
    /// let di = di_draft.apply(DiEvent::Edit { lines }, Actor::Principal, now)?;
    /// assert_eq!(di.snapshot.context().total_hours()?.to_string(), "47.5");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn total_hours(&self) -> Result<Decimal, ProcedureError> {
        sum_lines(&self.lines, "hours_not_worked", |l| l.hours_not_worked)
    }

    /// The training hours of every line.
    ///
    /// # Errors
    ///
    /// `DI_HOURS_OUT_OF_RANGE`, as [`DiContext::total_hours`].
    ///
    /// # Example
    ///
    /// ```
    /// # let di_draft = {
    /// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
    /// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
    /// # use time::macros::{date, datetime as at};
    /// # let siret = Siret::parse("73282932000074")?;
    /// # let establishment = Establishment::new(siret, "Boulangerie Martin");
    /// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
    /// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
    /// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
    /// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
    /// # let s = s.tick(at!(2022-02-26 00:00 +1))?.snapshot; // accepted by silence
    /// # let (code, month) = (DiCode::parse("DI-1")?, Month::new(2022, 3)?);
    /// # let s = DiMachine::create(&s, code, month, &[], at!(2022-04-02 09:00 +2))?;
    /// # s
    /// # };
    /// use apart::machine::Actor;
    /// use apart::procedure::di::{DiEvent, DiLine};
    /// use rust_decimal::Decimal;
    /// use time::macros::datetime;
    /// let jeanne = DiLine::new("Jeanne Martin", "269054958815780", Decimal::from(35));
    /// let lines = vec![
    ///     DiLine { training_hours: Decimal::from(7), ..jeanne },
    ///     DiLine::new("Paul Durand", "185057800608491", Decimal::from(12)),
    /// ];
    /// let now = datetime!(2022-04-02 09:05 +2);
    /// let di = di_draft.apply(DiEvent::Edit { lines }, Actor::Principal, now)?;
    /// assert_eq!(di.snapshot.context().total_training_hours()?, Decimal::from(7));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn total_training_hours(&self) -> Result<Decimal, ProcedureError> {
        sum_lines(&self.lines, "training_hours", |l| l.training_hours)
    }
}

/// The checked sum of one figure of every line: an overflow names the line where it happened.
fn sum_lines(
    lines: &[DiLine],
    field: &'static str,
    figure: impl Fn(&DiLine) -> Decimal,
) -> Result<Decimal, ProcedureError> {
    lines
        .iter()
        .enumerate()
        .try_fold(Decimal::ZERO, |total, (line, l)| {
            total
                .checked_add(figure(l))
                .ok_or(ProcedureError::HoursOutOfRange {
                    field,
                    line: Some(line),
                    max: Some(MAX_LINE_HOURS_TEXT),
                })
        })
}

/// [`MAX_LINE_HOURS`] as the errors write it.
pub(crate) const MAX_LINE_HOURS_TEXT: &str = "744";

/// [`MAX_YEAR_HOURS`] as the errors write it.
pub(crate) const MAX_YEAR_HOURS_TEXT: &str = "8784";

/// The events of a DI. JSON: `{"type": "Submit", …}`.
///
/// # Example
///
/// ```
/// use apart::procedure::di::{DiEvent, Rejection};
/// let json = r#"{"type": "Reject",
///     "rejection": {"reason": "NIR erroné", "cause": {"kind": "business"}}}"#;
/// let rejection = Rejection::business("NIR erroné");
/// assert_eq!(serde_json::from_str::<DiEvent>(json)?, DiEvent::Reject { rejection });
/// // The name before schema 2 is still read.
/// let json = r#"{"type": "OpenRecovery", "amount": "40", "reason": "trop perçu"}"#;
/// assert!(matches!(serde_json::from_str::<DiEvent>(json)?, DiEvent::OpenClawback { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
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
        #[serde(with = "crate::value::decimal::amount")]
        amount: Decimal,
        /// The day paid.
        #[serde(with = "crate::calendar::serde::date")]
        paid_on: Date,
    },
    /// The payment failed.
    InvalidatePayment {
        /// Why.
        reason: String,
    },
    /// The ASP opens a clawback order (`OpenRecovery` is read too).
    #[serde(alias = "OpenRecovery")]
    OpenClawback {
        /// The amount to pay back.
        #[serde(with = "crate::value::decimal::amount")]
        amount: Decimal,
        /// Why.
        reason: String,
    },
    /// The clawback order is issued (`IssueRecovery` is read too).
    #[serde(alias = "IssueRecovery")]
    IssueClawback,
    /// The clawback order is invalidated (`CancelRecovery` is read too).
    #[serde(alias = "CancelRecovery")]
    CancelClawback,
}

impl DiEvent {
    /// `Submit` with no other DI.
    ///
    /// # Example
    ///
    /// ```
    /// # let di_edited = {
    /// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
    /// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
    /// # use time::macros::{date, datetime as at};
    /// # let siret = Siret::parse("73282932000074")?;
    /// # let establishment = Establishment::new(siret, "Boulangerie Martin");
    /// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
    /// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
    /// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
    /// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
    /// # let s = s.tick(at!(2022-02-26 00:00 +1))?.snapshot; // accepted by silence
    /// # let (code, month) = (DiCode::parse("DI-1")?, Month::new(2022, 3)?);
    /// # let s = DiMachine::create(&s, code, month, &[], at!(2022-04-02 09:00 +2))?;
    /// # let lines = vec![DiLine::new("Jeanne Martin", "269054958815780", 35.into())];
    /// # let s = s.apply(DiEvent::Edit { lines }, Actor::Principal, at!(2022-04-02 09:05 +2))?;
    /// # let s = s.snapshot;
    /// # s
    /// # };
    /// use apart::machine::Actor;
    /// use apart::procedure::RecapKind;
    /// use apart::procedure::di::{DiEffect, DiEvent, DiState};
    /// use time::macros::datetime;
    /// // `di_edited` is a draft with one line.
    /// let now = datetime!(2022-04-02 09:10 +2);
    /// let step = di_edited.apply(DiEvent::submit(), Actor::Principal, now)?;
    /// assert_eq!(step.snapshot.state(), DiState::Submitted);
    /// assert!(step.effects.contains(&DiEffect::RecapAvailable { kind: RecapKind::DiSubmitted }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn submit() -> DiEvent {
        DiEvent::Submit {
            facts: ClaimFacts::default(),
        }
    }
}

crate::machine::event_kinds! {
    /// The kinds of [`DiEvent`]: what the rows of [`DiMachine`]'s table name.
    ///
    /// ```
    /// use apart::machine::{EventKind, Machine};
    /// use apart::procedure::di::{DiEventKind, DiMachine};
    /// assert_eq!(DiEventKind::Edit.name(), "Edit");
    /// assert_eq!(DiMachine::table()[0].event, DiEventKind::Edit);
    /// ```
    pub enum DiEventKind for DiEvent {
        Edit, Submit, Withdraw, StartInstruction, RequestUtVisa, Validate, Reject, Regularise,
        Correct, RequestPayment, ConfirmPayment, InvalidatePayment, OpenClawback, IssueClawback,
        CancelClawback,
    }
}

/// What the caller must do after a DI transition.
///
/// # Example
///
/// ```
/// # let di = {
/// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
/// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
/// # use time::macros::{date, datetime as at};
/// # let siret = Siret::parse("73282932000074")?;
/// # let establishment = Establishment::new(siret, "Boulangerie Martin");
/// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
/// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
/// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
/// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
/// # let s = s.tick(at!(2022-02-26 00:00 +1))?.snapshot; // accepted by silence
/// # let (code, month) = (DiCode::parse("DI-1")?, Month::new(2022, 3)?);
/// # let s = DiMachine::create(&s, code, month, &[], at!(2022-04-02 09:00 +2))?;
/// # let lines = vec![DiLine::new("Jeanne Martin", "269054958815780", 35.into())];
/// # let s = s.apply(DiEvent::Edit { lines }, Actor::Principal, at!(2022-04-02 09:05 +2))?;
/// # let s = s.snapshot;
/// # let s = s.apply(DiEvent::submit(), Actor::Principal, at!(2022-04-02 09:10 +2))?.snapshot;
/// # s
/// # };
/// use apart::machine::Actor;
/// use apart::procedure::RecapKind;
/// use apart::procedure::di::{DiEffect, DiEvent};
/// use time::macros::datetime;
/// // `di` is a submitted claim; the DDETS validates it.
/// let now = datetime!(2022-04-12 10:00 +2);
/// let step = di.apply(DiEvent::Validate, Actor::Administration, now)?;
/// assert_eq!(step.effects, [
///     DiEffect::NotifyEmployer { status: 9 },
///     DiEffect::RecapAvailable { kind: RecapKind::DiValidated },
/// ]);
/// let json = serde_json::to_string(&step.effects[0])?;
/// assert_eq!(json, r#"{"type":"NotifyEmployer","status":9}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
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

#[cfg(test)]
pub(crate) mod tests;
