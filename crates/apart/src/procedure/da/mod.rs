//! Machine G: the authorisation request (DA, « demande d'autorisation préalable »).
//!
//! A DA is drafted by the employer side, submitted (the receipt starts the decision delay),
//! then authorised explicitly, refused with reasons, or accepted by the administration's
//! silence when the delay of [`rules::decision_delay_days`](super::rules::decision_delay_days) runs out ([`Snapshot::tick`]).
//! Once authorised, the period ends and then the claim window closes, both by `tick`. An
//! implicit authorisation can be withdrawn by the administration with a reason
//! (`AdministrationWithdraw`, spec §10 Q16); nothing else re-opens an accepted DA.
//!
//! Renewals and amendments are new DAs linked to the previous one: [`DaContext::linked`].
//!
//! Timed events are dated at the instant they fall due, in the UTC offset of the instant of
//! receipt (see [`rules`](super::rules) for the day-counting rule).
//!
//! ```
//! use apart::machine::{Actor, Snapshot};
//! use apart::procedure::da::{DaContext, DaEvent, DaMachine, DaRequest, DaState};
//! use apart::procedure::{Establishment, Motive, Period};
//! use apart::siret::Siret;
//! use rust_decimal::Decimal;
//! use time::macros::{date, datetime};
//!
//! let request = DaRequest::new(Motive::EconomicConditions,
//!     Period::new(date!(2022-03-01), date!(2022-05-31))?, 4, Decimal::from(600));
//! let da = Snapshot::<DaMachine>::new(
//!     DaContext::new("DA-1", Establishment::new(Siret::parse("73282932000074")?, "Martin"), request))?;
//! let da = da.apply(DaEvent::submit(), Actor::Principal, datetime!(2022-02-10 10:00 +1))?.snapshot;
//! // Received 02-10: day 15 is 02-25, silence means acceptance at 00:00 on 02-26.
//! assert_eq!(da.next_deadline(), Some(datetime!(2022-02-26 00:00 +1)));
//! let refused = da.apply(DaEvent::Refuse { reasons: "motif économique non établi".into() },
//!     Actor::Administration, datetime!(2022-02-25 23:59 +1))?.snapshot;
//! assert_eq!(refused.state(), DaState::Refused);
//! let accepted = da.tick(datetime!(2022-02-26 00:00 +1))?.snapshot;
//! assert_eq!(accepted.state(), DaState::AuthorisedImplicit);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use super::{Establishment, LawRef, Motive, Period, ProcedureError, RecapKind};
use crate::calendar::local_date;
use crate::machine::Snapshot;

mod machine;

pub use machine::{DaGuard, DaMachine};

crate::machine::state_enum! {
    /// The states of a DA.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::machine::State;
    /// use apart::procedure::da::DaState;
    /// assert_eq!(DaState::AuthorisedImplicit.name(), "AuthorisedImplicit");
    /// assert_eq!(serde_json::from_str::<DaState>(r#""PeriodEnded""#)?, DaState::PeriodEnded);
    /// assert!(DaState::ALL.contains(&DaState::ClaimsClosed));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum DaState {
        /// Being entered by the employer side (« saisie »).
        Draft,
        /// Deleted before submission (terminal).
        Deleted,
        /// Received by the administration; the decision delay runs.
        Submitted,
        /// Under review by the DDETS; the decision delay still runs.
        UnderReview,
        /// Authorised by an explicit decision.
        AuthorisedExplicit,
        /// Authorised by the administration's silence.
        AuthorisedImplicit,
        /// Refused, with reasons (terminal).
        Refused,
        /// Withdrawn by the employer before the decision (terminal).
        Withdrawn,
        /// An implicit authorisation withdrawn by the administration (terminal).
        AdministrationWithdrawn,
        /// The authorised period is over; DIs can still be filed.
        PeriodEnded,
        /// The DI filing deadline has passed (terminal).
        ClaimsClosed,
    }
}

impl DaState {
    /// The state's French label, as the recap prints it.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::da::DaState;
    /// assert_eq!(DaState::AuthorisedImplicit.label_fr(), "Autorisée tacitement");
    /// assert_eq!(DaState::Submitted.label_fr(), "Transmise");
    /// ```
    pub fn label_fr(self) -> &'static str {
        match self {
            DaState::Draft => "Brouillon",
            DaState::Deleted => "Supprimée",
            DaState::Submitted => "Transmise",
            DaState::UnderReview => "En cours d'instruction",
            DaState::AuthorisedExplicit => "Autorisée",
            DaState::AuthorisedImplicit => "Autorisée tacitement",
            DaState::Refused => "Refusée",
            DaState::Withdrawn => "Retirée",
            DaState::AdministrationWithdrawn => "Retirée par l'administration",
            DaState::PeriodEnded => "Période terminée",
            DaState::ClaimsClosed => "Délai des demandes d'indemnisation expiré",
        }
    }

    /// Whether the DA is authorised (explicitly, implicitly, or its period has ended):
    /// the states in which DIs can be created.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::da::DaState;
    /// assert!(DaState::AuthorisedImplicit.is_authorised());
    /// assert!(DaState::PeriodEnded.is_authorised());
    /// assert!(!DaState::UnderReview.is_authorised());
    /// assert!(!DaState::ClaimsClosed.is_authorised());
    /// ```
    pub fn is_authorised(self) -> bool {
        matches!(
            self,
            DaState::AuthorisedExplicit | DaState::AuthorisedImplicit | DaState::PeriodEnded
        )
    }
}

crate::spelled_enum! {
    /// The opinion of the CSE (works council) joined to the request.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::da::{CseOpinion, DaRequest};
    /// use apart::procedure::{Motive, Period};
    /// use time::macros::date;
    /// let period = Period::new(date!(2022-03-01), date!(2022-03-31))?;
    /// let mut request = DaRequest::new(Motive::EconomicConditions, period, 12, 800.into());
    /// request.headcount = 60;
    /// // From a headcount of 50 an opinion is required; an unfavourable one is an opinion.
    /// request.cse_opinion = Some(CseOpinion::Unfavourable);
    /// assert!(request.validate().is_empty());
    /// // "To follow" is allowed for motives 3° and 5° only.
    /// request.cse_opinion = Some(CseOpinion::ToFollow);
    /// let codes: Vec<_> = request.validate().iter().map(apart::Diagnostic::code).collect();
    /// assert_eq!(codes, ["DA_CSE_OPINION_REQUIRED"]);
    /// request.motive = Motive::DisasterOrWeather;
    /// assert!(request.validate().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum CseOpinion: "cse_opinion" {
        /// Favourable opinion.
        Favourable = "favourable",
        /// Unfavourable opinion (the request may still be filed).
        Unfavourable = "unfavourable",
        /// To follow within two months (allowed for motives 3° and 5°, R5122-2).
        ToFollow = "to_follow",
    }
}

crate::spelled_enum! {
    /// Which annual quota the hours count against.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::da::{DaRequest, QuotaCategory};
    /// use apart::procedure::{Motive, Period};
    /// use time::macros::date;
    /// let period = Period::new(date!(2022-03-01), date!(2022-03-31))?;
    /// let mut request = DaRequest::new(Motive::EconomicConditions, period, 4, 140.into());
    /// assert_eq!(request.quota, QuotaCategory::Standard);
    /// // The works quota is for modernisation (motive 4°) only.
    /// request.quota = QuotaCategory::ModernisationWorks;
    /// let codes: Vec<_> = request.validate().iter().map(apart::Diagnostic::code).collect();
    /// assert_eq!(codes, ["DA_WORKS_REQUIRE_RESTRUCTURING"]);
    /// request.motive = Motive::Restructuring;
    /// assert!(request.validate().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
    #[derive(Default)]
    pub enum QuotaCategory: "quota" {
        /// The general quota.
        #[default]
        Standard = "standard",
        /// Modernisation works of installations and buildings (motive 4°): 100 h a year.
        ModernisationWorks = "modernisation_works",
    }
}

/// The most characters of an explicit decision's number (the administration's references
/// are short; a bound keeps the snapshot and the recap, which prints it, readable).
///
/// ```
/// assert_eq!(apart::procedure::da::MAX_DECISION_NUMBER_CHARS, 50);
/// ```
pub const MAX_DECISION_NUMBER_CHARS: usize = 50;

/// The most characters of a DA's reference (the caller's identifier of the request, printed on
/// its recap), like a DI code's ([`DiCode::MAX_LEN`](crate::procedure::DiCode::MAX_LEN)).
///
/// ```
/// assert_eq!(apart::procedure::da::MAX_REFERENCE_CHARS, 64);
/// ```
pub const MAX_REFERENCE_CHARS: usize = 64;

/// What the employer asks for (R5122-2): motive, period, employees and hours, CSE opinion.
///
/// # Example
///
/// ```
/// use apart::procedure::da::{DaRequest, QuotaCategory};
/// use apart::procedure::Motive;
/// let json = r#"{"motive": "economic_conditions",
///     "period": {"start": "2022-03-01", "end": "2022-05-31"}, "employees": 4, "hours": "600"}"#;
/// let request: DaRequest = serde_json::from_str(json)?;
/// assert_eq!((request.motive, request.period.days()), (Motive::EconomicConditions, 92));
/// assert_eq!((request.cse_opinion, request.quota), (None, QuotaCategory::Standard));
/// assert!(request.validate().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DaRequest {
    /// The motive (R5122-1).
    pub motive: Motive,
    /// The period of under-activity; its first day is the placement.
    pub period: Period,
    /// The number of employees concerned.
    pub employees: u32,
    /// The hours not worked requested, for the whole period.
    #[serde(with = "crate::value::decimal::hours")]
    pub hours: Decimal,
    /// The company's headcount (the CSE opinion is required from 50). Never counted below
    /// `employees`: a company has at least the employees it places in activité partielle, so
    /// a request that leaves it out (0, its default in JSON) is judged on `employees`.
    #[serde(default)]
    pub headcount: u32,
    /// The CSE opinion, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cse_opinion: Option<CseOpinion>,
    /// Which annual quota applies.
    #[serde(default)]
    pub quota: QuotaCategory,
}

impl DaRequest {
    /// A request without a CSE opinion, with the standard quota and the company's headcount
    /// taken as the employees concerned (set `headcount` when the company is larger).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::da::{DaRequest, QuotaCategory};
    /// use apart::procedure::{Motive, Period};
    /// use time::macros::date;
    /// let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
    /// let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
    /// assert_eq!((request.cse_opinion, request.quota), (None, QuotaCategory::Standard));
    /// assert_eq!(request.headcount, 4);
    /// assert!(request.validate().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(motive: Motive, period: Period, employees: u32, hours: Decimal) -> DaRequest {
        DaRequest {
            motive,
            period,
            employees,
            hours,
            headcount: employees,
            cse_opinion: None,
            quota: QuotaCategory::Standard,
        }
    }

    /// Checks the request's own content and returns every problem at once (empty when
    /// valid). Time-dependent checks (filing window, durations) are made at submission.
    ///
    /// ```
    /// use apart::procedure::da::DaRequest;
    /// use apart::procedure::{Motive, Period};
    /// use rust_decimal::Decimal;
    /// use time::macros::date;
    /// let mut r = DaRequest::new(Motive::EconomicConditions,
    ///     Period::new(date!(2022-03-01), date!(2022-03-31))?, 0, Decimal::ZERO);
    /// r.headcount = 80;
    /// let codes: Vec<_> = r.validate().iter().map(apart::Diagnostic::code).collect();
    /// assert_eq!(codes, ["DA_EMPLOYEES_REQUIRED", "HOURS_NOT_POSITIVE", "DA_CSE_OPINION_REQUIRED"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&self) -> Vec<ProcedureError> {
        let mut errors = Vec::new();
        if self.employees == 0 {
            errors.push(ProcedureError::EmployeesRequired);
        }
        if self.hours <= Decimal::ZERO {
            errors.push(ProcedureError::HoursNotPositive { field: "hours" });
        }
        let may_follow = matches!(
            self.motive,
            Motive::DisasterOrWeather | Motive::ExceptionalCircumstances
        );
        let opinion_given = matches!(
            self.cse_opinion,
            Some(CseOpinion::Favourable | CseOpinion::Unfavourable)
        );
        let headcount = self.headcount.max(self.employees);
        if headcount >= 50 && !may_follow && !opinion_given {
            errors.push(ProcedureError::CseOpinionRequired { headcount });
        }
        if self.quota == QuotaCategory::ModernisationWorks && self.motive != Motive::Restructuring {
            errors.push(ProcedureError::WorksRequireRestructuring);
        }
        errors
    }
}

crate::spelled_enum! {
    /// How a DA relates to an earlier one.
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
    /// use apart::procedure::da::{DaContext, DaRequest, LinkKind};
    /// use apart::procedure::{Motive, Period};
    /// use time::macros::{date, datetime};
    /// assert_eq!("renews".parse::<LinkKind>()?, LinkKind::Renews);
    /// // `da` is an authorisation for March–May 2022; its renewal asks for June–August.
    /// let period = Period::new(date!(2022-06-01), date!(2022-08-31))?;
    /// let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
    /// let now = datetime!(2022-05-10 10:00 +2);
    /// let renewal = DaContext::linked("DA-2", &da, LinkKind::Renews, request, now)?;
    /// assert_eq!(renewal.link.map(|l| l.kind), Some(LinkKind::Renews));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum LinkKind: "link_kind" {
        /// A renewal: a new period after the previous one.
        Renews = "renews",
        /// An amendment (« avenant »): changes the previous authorisation (duration, employees…).
        Amends = "amends",
    }
}

/// The link from a DA to the earlier one it renews or amends.
///
/// # Example
///
/// ```
/// use apart::procedure::da::{DaLink, LinkKind};
/// let link: DaLink = serde_json::from_str(r#"{"kind": "amends", "previous": "DA-1"}"#)?;
/// assert_eq!(link, DaLink { kind: LinkKind::Amends, previous: "DA-1".into() });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DaLink {
    /// Renewal or amendment.
    pub kind: LinkKind,
    /// The earlier DA's reference.
    pub previous: String,
}

crate::spelled_enum! {
    /// Explicit decision or silence.
    ///
    /// # Example
    ///
    /// ```
    /// # let da_submitted = {
    /// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
    /// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
    /// # use time::macros::{date, datetime as at};
    /// # let siret = Siret::parse("73282932000074")?;
    /// # let establishment = Establishment::new(siret, "Boulangerie Martin");
    /// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
    /// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
    /// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
    /// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
    /// # s
    /// # };
    /// use apart::procedure::da::DecisionKind;
    /// use time::macros::datetime;
    /// // `da_submitted` was received on 2022-02-10; nobody answers within 15 days.
    /// let accepted = da_submitted.tick(datetime!(2022-02-26 00:00 +1))?.snapshot;
    /// let kind = accepted.context().authorisation.as_ref().map(|a| a.kind);
    /// assert_eq!(kind, Some(DecisionKind::Implicit));
    /// assert_eq!(DecisionKind::Implicit.as_str(), "implicit");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum DecisionKind: "decision_kind" {
        /// An explicit decision of the administration.
        Explicit = "explicit",
        /// Acceptance by silence (R5122-4).
        Implicit = "implicit",
    }
}

/// An authorisation: what was granted, when, and until when DIs may be filed.
///
/// # Example
///
/// ```
/// # let da_submitted = {
/// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
/// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
/// # use time::macros::{date, datetime as at};
/// # let siret = Siret::parse("73282932000074")?;
/// # let establishment = Establishment::new(siret, "Boulangerie Martin");
/// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
/// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
/// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
/// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
/// # s
/// # };
/// use apart::machine::Actor;
/// use apart::procedure::da::{DaEvent, DecisionKind};
/// use apart::procedure::Period;
/// use time::macros::{date, datetime};
/// // `da_submitted` asked for March–May 2022; the DDETS authorises March–April, 400 h.
/// let period = Period::new(date!(2022-03-01), date!(2022-04-30))?;
/// let (number, hours) = ("D-2022-17".to_owned(), 400.into());
/// let event = DaEvent::Authorise { number, period, hours, commitments: None };
/// let da = da_submitted.apply(event, Actor::Administration, datetime!(2022-02-14 11:00 +1))?;
/// let authorisation = da.snapshot.context().authorisation.clone().ok_or("not authorised")?;
/// assert_eq!(authorisation.kind, DecisionKind::Explicit);
/// assert_eq!(authorisation.number.as_deref(), Some("D-2022-17"));
/// // DIs may be filed until six months after the authorised period's end.
/// assert_eq!(authorisation.claims_last_day, date!(2022-10-30));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Authorisation {
    /// Explicit or implicit.
    pub kind: DecisionKind,
    /// When the decision was taken or the silence took effect.
    #[serde(with = "crate::calendar::serde::instant")]
    pub at: OffsetDateTime,
    /// The decision's number, for an explicit decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The authorised period.
    pub period: Period,
    /// The authorised hours.
    #[serde(with = "crate::value::decimal::hours")]
    pub hours: Decimal,
    /// The employer's commitments notified with the decision, if any (R5122-9 II–IV).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commitments: Option<String>,
    /// The last local day on which a DI can be filed ([`rules::claims_last_day`](super::rules::claims_last_day)).
    #[serde(with = "crate::calendar::serde::date")]
    pub claims_last_day: Date,
}

impl Authorisation {
    /// The local date of the authorisation, which selects the filing deadline.
    ///
    /// # Example
    ///
    /// ```
    /// # let da_submitted = {
    /// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
    /// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
    /// # use time::macros::{date, datetime as at};
    /// # let siret = Siret::parse("73282932000074")?;
    /// # let establishment = Establishment::new(siret, "Boulangerie Martin");
    /// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
    /// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
    /// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
    /// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
    /// # s
    /// # };
    /// use apart::machine::Actor;
    /// use apart::procedure::da::DaEvent;
    /// use apart::procedure::Period;
    /// use time::macros::{date, datetime};
    /// // Decided at 23:30 in Guadeloupe (UTC-4), on 14 February in UTC: the local date counts.
    /// let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
    /// let (number, hours) = ("D-1".to_owned(), 600.into());
    /// let event = DaEvent::Authorise { number, period, hours, commitments: None };
    /// let da = da_submitted.apply(event, Actor::Administration, datetime!(2022-02-13 23:30 -4))?;
    /// let authorisation = da.snapshot.context().authorisation.clone().ok_or("not authorised")?;
    /// assert_eq!(authorisation.authorised_on(), date!(2022-02-13));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn authorised_on(&self) -> Date {
        local_date(self.at)
    }
}

crate::spelled_enum! {
    /// Who withdrew a request (the history says which user).
    ///
    /// # Example
    ///
    /// ```
    /// # let da_submitted = {
    /// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
    /// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
    /// # use time::macros::{date, datetime as at};
    /// # let siret = Siret::parse("73282932000074")?;
    /// # let establishment = Establishment::new(siret, "Boulangerie Martin");
    /// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
    /// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
    /// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
    /// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
    /// # s
    /// # };
    /// use apart::machine::Actor;
    /// use apart::procedure::da::{DaEvent, DaState, WithdrawnBy};
    /// use time::macros::datetime;
    /// // `da_submitted` is awaiting its decision; the employer withdraws it.
    /// let event = DaEvent::Withdraw { reason: Some("reprise d'activité".into()) };
    /// let now = datetime!(2022-02-12 10:00 +1);
    /// let da = da_submitted.apply(event, Actor::Principal, now)?.snapshot;
    /// assert_eq!(da.state(), DaState::Withdrawn);
    /// assert_eq!(da.context().withdrawal.as_ref().map(|w| w.by), Some(WithdrawnBy::Employer));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum WithdrawnBy: "withdrawn_by" {
        /// The employer side, before the decision.
        Employer = "employer",
        /// The administration, withdrawing an implicit authorisation.
        Administration = "administration",
    }
}

/// Who ended a request without a decision, and why.
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
/// use apart::machine::Actor;
/// use apart::procedure::da::{DaEvent, DaState, Withdrawal, WithdrawnBy};
/// use time::macros::datetime;
/// // `da` was accepted by silence; the administration withdraws it, with a reason.
/// let event = DaEvent::AdministrationWithdraw { reason: "motif non établi".into() };
/// let now = datetime!(2022-03-02 10:00 +1);
/// let da = da.apply(event, Actor::Administration, now)?.snapshot;
/// assert_eq!(da.state(), DaState::AdministrationWithdrawn);
/// let (by, reason) = (WithdrawnBy::Administration, Some("motif non établi".to_owned()));
/// assert_eq!(da.context().withdrawal, Some(Withdrawal { by, reason }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Withdrawal {
    /// The employer side or the administration.
    pub by: WithdrawnBy,
    /// The reason given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// What a DA remembers besides its state.
///
/// # Example
///
/// ```
/// # let da_draft = {
/// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
/// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
/// # use time::macros::{date, datetime as at};
/// # let siret = Siret::parse("73282932000074")?;
/// # let establishment = Establishment::new(siret, "Boulangerie Martin");
/// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
/// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
/// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
/// # s
/// # };
/// use apart::machine::Actor;
/// use apart::procedure::da::DaEvent;
/// use time::macros::datetime;
/// // `da_draft` is a request for March–May 2022, submitted on 2022-02-10.
/// let da = da_draft.apply(DaEvent::submit(), Actor::Principal, datetime!(2022-02-10 10:00 +1))?;
/// let context = da.snapshot.context();
/// assert_eq!(context.received_at, Some(datetime!(2022-02-10 10:00 +1)));
/// assert_eq!(context.decision_delay_days, Some(15));
/// assert_eq!(context.implicit_at, Some(datetime!(2022-02-26 00:00 +1)));
/// assert_eq!(context.authorisation, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DaContext {
    /// The DA's reference (number), given by the caller.
    pub reference: String,
    /// The establishment.
    pub establishment: Establishment,
    /// The earlier DA this one renews or amends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<DaLink>,
    /// The request.
    pub request: DaRequest,
    /// When the administration received it (set by `Submit`).
    #[serde(default, with = "crate::calendar::serde::option_instant")]
    pub received_at: Option<OffsetDateTime>,
    /// When silence means acceptance.
    #[serde(default, with = "crate::calendar::serde::option_instant")]
    pub implicit_at: Option<OffsetDateTime>,
    /// The decision delay applied, in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_delay_days: Option<u8>,
    /// The authorisation, once given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorisation: Option<Authorisation>,
    /// The reasons of a refusal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal_reasons: Option<String>,
    /// A withdrawal by the employer or the administration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawal: Option<Withdrawal>,
    /// The law book the deadlines are read from (not stored: see [`LawRef`]).
    #[serde(skip)]
    pub law: LawRef,
}

impl DaContext {
    /// A new DA in draft.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::machine::Snapshot;
    /// use apart::procedure::da::{DaContext, DaMachine, DaRequest, DaState};
    /// use apart::procedure::{Establishment, Motive, Period};
    /// use apart::siret::Siret;
    /// use time::macros::date;
    /// let establishment = Establishment::new(Siret::parse("73282932000074")?, "Martin");
    /// let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
    /// let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
    /// let context = DaContext::new("DA-1", establishment, request);
    /// assert!(context.received_at.is_none() && context.link.is_none());
    /// assert_eq!(Snapshot::<DaMachine>::new(context)?.state(), DaState::Draft);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        reference: impl Into<String>,
        establishment: Establishment,
        request: DaRequest,
    ) -> DaContext {
        DaContext {
            reference: reference.into(),
            establishment,
            link: None,
            request,
            received_at: None,
            implicit_at: None,
            decision_delay_days: None,
            authorisation: None,
            refusal_reasons: None,
            withdrawal: None,
            law: LawRef::default(),
        }
    }

    /// The same DA reading `book` (see [`LawRef`]).
    ///
    /// ```
    /// # use apart::procedure::{da::*, *};
    /// # use apart::siret::Siret;
    /// # use time::macros::date;
    /// use std::sync::Arc;
    /// let establishment = Establishment::new(Siret::parse("73282932000074")?, "Boulangerie Martin");
    /// let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
    /// let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
    /// let book = Arc::new(apart::law::LawBook::builtin()?);
    /// let context = DaContext::new("DA-1", establishment, request).with_law(book);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_law(mut self, book: std::sync::Arc<crate::law::LawBook>) -> DaContext {
        self.law = LawRef::new(book);
        self
    }

    /// A new DA renewing or amending `previous`, for the same establishment.
    ///
    /// A renewal needs an authorised DA (or one whose period or claim window has ended); an
    /// amendment needs a DA that is authorised and whose period has not ended at `now`.
    ///
    /// # Errors
    ///
    /// `DA_NOT_AUTHORISED` otherwise.
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
    /// use apart::procedure::da::{DaContext, DaLink, DaRequest, LinkKind};
    /// use apart::procedure::{Motive, Period};
    /// use time::macros::{date, datetime};
    /// // `da` authorises 600 h for March–May 2022; an amendment asks for 500 h from April.
    /// let request = DaRequest::new(Motive::EconomicConditions,
    ///     Period::new(date!(2022-04-01), date!(2022-05-31))?, 4, 500.into());
    /// let now = datetime!(2022-04-10 10:00 +2);
    /// let amendment = DaContext::linked("DA-2", &da, LinkKind::Amends, request.clone(), now)?;
    /// let link = DaLink { kind: LinkKind::Amends, previous: "DA-1".into() };
    /// assert_eq!(amendment.link, Some(link));
    /// // Once the period is over, only a renewal is possible.
    /// let now = datetime!(2022-06-01 10:00 +2);
    /// let late = DaContext::linked("DA-3", &da, LinkKind::Amends, request, now);
    /// assert_eq!(apart::Diagnostic::code(&late.unwrap_err()), "DA_NOT_AUTHORISED");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn linked(
        reference: impl Into<String>,
        previous: &Snapshot<DaMachine>,
        kind: LinkKind,
        request: DaRequest,
        now: OffsetDateTime,
    ) -> Result<DaContext, ProcedureError> {
        let state = previous.state();
        let authorised = previous.context().authorisation.as_ref();
        let ok = match (kind, authorised) {
            (LinkKind::Renews, Some(_)) => state.is_authorised() || state == DaState::ClaimsClosed,
            (LinkKind::Amends, Some(a)) => {
                matches!(
                    state,
                    DaState::AuthorisedExplicit | DaState::AuthorisedImplicit
                ) && local_date(now) <= a.period.end()
            }
            (_, None) => false,
        };
        if !ok {
            return Err(ProcedureError::DaNotAuthorised {
                state: crate::machine::State::name(state),
            });
        }
        let mut context =
            DaContext::new(reference, previous.context().establishment.clone(), request);
        context.link = Some(DaLink {
            kind,
            previous: previous.context().reference.clone(),
        });
        context.law = previous.context().law.clone();
        Ok(context)
    }
}

/// The events of a DA. JSON: `{"type": "Submit", …}`.
///
/// # Example
///
/// ```
/// use apart::procedure::da::DaEvent;
/// let json = r#"{"type": "Refuse", "reasons": "motif non établi"}"#;
/// let refuse: DaEvent = serde_json::from_str(json)?;
/// assert_eq!(refuse, DaEvent::Refuse { reasons: "motif non établi".into() });
/// // Optional fields may be left out.
/// let withdraw: DaEvent = serde_json::from_str(r#"{"type": "Withdraw"}"#)?;
/// assert_eq!(withdraw, DaEvent::Withdraw { reason: None });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
#[non_exhaustive]
pub enum DaEvent {
    /// Replaces the request (draft only).
    Edit {
        /// The new content.
        request: DaRequest,
    },
    /// Deletes the draft.
    Delete,
    /// Files the request; `now` is the receipt.
    Submit {
        /// The establishment's other authorised periods (other DAs; for an amendment, not the
        /// one it replaces), for the cumulative duration limit.
        #[serde(default)]
        other_authorised_periods: Vec<Period>,
    },
    /// The administration starts reviewing.
    StartReview,
    /// The administration authorises explicitly.
    Authorise {
        /// The decision's number.
        number: String,
        /// The authorised period (inside the requested one).
        period: Period,
        /// The authorised hours.
        #[serde(with = "crate::value::decimal::hours")]
        hours: Decimal,
        /// Commitments notified with the decision.
        #[serde(default)]
        commitments: Option<String>,
    },
    /// The administration refuses, with reasons.
    Refuse {
        /// The reasons (« refus motivé »).
        reasons: String,
    },
    /// The employer side withdraws its request before the decision.
    Withdraw {
        /// An optional reason.
        #[serde(default)]
        reason: Option<String>,
    },
    /// The administration withdraws an implicit authorisation, with a reason.
    AdministrationWithdraw {
        /// The reason.
        reason: String,
    },
    /// Timed: the decision delay ran out without a decision.
    ImplicitAcceptance,
    /// Timed: the authorised period is over.
    PeriodEnd,
    /// Timed: the DI filing deadline has passed.
    ClaimsClose,
}

impl DaEvent {
    /// `Submit` with no other authorised period.
    ///
    /// # Example
    ///
    /// ```
    /// # let da_draft = {
    /// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
    /// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
    /// # use time::macros::{date, datetime as at};
    /// # let siret = Siret::parse("73282932000074")?;
    /// # let establishment = Establishment::new(siret, "Boulangerie Martin");
    /// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
    /// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
    /// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
    /// # s
    /// # };
    /// use apart::machine::Actor;
    /// use apart::procedure::da::{DaEvent, DaState};
    /// use time::macros::datetime;
    /// let now = datetime!(2022-02-10 10:00 +1);
    /// let da = da_draft.apply(DaEvent::submit(), Actor::Principal, now)?.snapshot;
    /// assert_eq!(da.state(), DaState::Submitted);
    /// assert_eq!(da.next_deadline(), Some(datetime!(2022-02-26 00:00 +1)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn submit() -> DaEvent {
        DaEvent::Submit {
            other_authorised_periods: Vec::new(),
        }
    }
}

crate::machine::event_kinds! {
    /// The kinds of [`DaEvent`]: what the rows of [`DaMachine`]'s table name.
    ///
    /// ```
    /// use apart::machine::{EventKind, Machine};
    /// use apart::procedure::da::{DaEventKind, DaMachine};
    /// assert_eq!(DaEventKind::Edit.name(), "Edit");
    /// assert_eq!(DaMachine::table()[0].event, DaEventKind::Edit);
    /// ```
    pub enum DaEventKind for DaEvent {
        Edit, Delete, Submit, StartReview, Authorise, Refuse, Withdraw, AdministrationWithdraw,
        ImplicitAcceptance, PeriodEnd, ClaimsClose,
    }
}

crate::spelled_enum! {
    /// What the employer is told.
    ///
    /// # Example
    ///
    /// ```
    /// # let da_submitted = {
    /// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
    /// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
    /// # use time::macros::{date, datetime as at};
    /// # let siret = Siret::parse("73282932000074")?;
    /// # let establishment = Establishment::new(siret, "Boulangerie Martin");
    /// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
    /// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
    /// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
    /// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
    /// # s
    /// # };
    /// use apart::procedure::da::{DaEffect, DaNotice};
    /// use time::macros::datetime;
    /// // `da_submitted` was received on 2022-02-10: silence is acceptance at 00:00 on 02-26.
    /// let step = da_submitted.tick(datetime!(2022-02-26 00:00 +1))?;
    /// let notice = DaNotice::AuthorisedBySilence;
    /// assert!(step.effects.contains(&DaEffect::NotifyEmployer { notice }));
    /// assert_eq!(DaNotice::AuthorisedBySilence.as_str(), "authorised_by_silence");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum DaNotice: "notice" {
        /// The request was received.
        Received = "received",
        /// Authorised by an explicit decision (« mail de notification DA »).
        Authorised = "authorised",
        /// Authorised by silence.
        AuthorisedBySilence = "authorised_by_silence",
        /// Refused.
        Refused = "refused",
        /// An implicit authorisation was withdrawn.
        WithdrawnByAdministration = "withdrawn_by_administration",
    }
}

/// What the caller must do after a DA transition.
///
/// # Example
///
/// ```
/// # let da_draft = {
/// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
/// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
/// # use time::macros::{date, datetime as at};
/// # let siret = Siret::parse("73282932000074")?;
/// # let establishment = Establishment::new(siret, "Boulangerie Martin");
/// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
/// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
/// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
/// # s
/// # };
/// use apart::machine::Actor;
/// use apart::procedure::RecapKind;
/// use apart::procedure::da::{DaEffect, DaEvent, DaEventKind, DaNotice};
/// use time::macros::datetime;
/// let step = da_draft.apply(DaEvent::submit(), Actor::Principal, datetime!(2022-02-10 10:00 +1))?;
/// let at = datetime!(2022-02-26 00:00 +1);
/// assert_eq!(step.effects, [
///     DaEffect::ScheduleDeadline { at, event: DaEventKind::ImplicitAcceptance },
///     DaEffect::NotifyEmployer { notice: DaNotice::Received },
///     DaEffect::RecapAvailable { kind: RecapKind::DaSubmitted },
/// ]);
/// let json = serde_json::to_string(&step.effects[1])?;
/// assert_eq!(json, r#"{"type":"NotifyEmployer","notice":"received"}"#);
/// // Effects read back as written (a caller may queue them).
/// let queued = serde_json::to_string(&step.effects)?;
/// assert_eq!(serde_json::from_str::<Vec<DaEffect>>(&queued)?, step.effects);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
#[non_exhaustive]
pub enum DaEffect {
    /// Call [`Snapshot::tick`] at `at` (it will send `event`).
    ScheduleDeadline {
        /// When.
        #[serde(with = "crate::calendar::serde::instant")]
        at: OffsetDateTime,
        /// The timed event due then.
        event: DaEventKind,
    },
    /// Notify the employer.
    NotifyEmployer {
        /// What to tell.
        notice: DaNotice,
    },
    /// A recap of this kind can now be generated ([`super::recap::Recap::of_da`]).
    RecapAvailable {
        /// The kind.
        kind: RecapKind,
    },
}

#[cfg(test)]
mod tests;
