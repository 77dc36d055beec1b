//! Machine G: the authorisation request (DA, « demande d'autorisation préalable »).
//!
//! A DA is drafted by the employer side, submitted (the receipt starts the decision delay),
//! then authorised explicitly, refused with reasons, or accepted by the administration's
//! silence when the delay of [`rules::decision_delay_days`] runs out ([`Snapshot::tick`]).
//! Once authorised, the period ends and then the claim window closes, both by `tick`. An
//! implicit authorisation can be withdrawn by the administration with a reason
//! (`AdministrationWithdraw`, spec §10 Q16); nothing else re-opens an accepted DA.
//!
//! Renewals and amendments are new DAs linked to the previous one: [`DaContext::linked`].
//!
//! Timed events are dated at the instant they fall due, in the UTC offset of the instant of
//! receipt (see [`rules`] for the day-counting rule).
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
//!     DaContext::new("DA-1", Establishment::new(Siret::parse("73282932000074")?, "Martin"), request));
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

use super::recap::RecapKind;
use super::{Establishment, Motive, Period, ProcedureError, rules};
use crate::machine::{Actor, Machine, Refusal, Snapshot, Transition};

crate::machine::state_enum! {
    /// The states of a DA.
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
    pub fn is_authorised(self) -> bool {
        matches!(
            self,
            DaState::AuthorisedExplicit | DaState::AuthorisedImplicit | DaState::PeriodEnded
        )
    }
}

/// The opinion of the CSE (works council) joined to the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CseOpinion {
    /// Favourable opinion.
    Favourable,
    /// Unfavourable opinion (the request may still be filed).
    Unfavourable,
    /// To follow within two months (allowed for motives 3° and 5°, R5122-2).
    ToFollow,
}

/// Which annual quota the hours count against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuotaCategory {
    /// The general quota.
    #[default]
    Standard,
    /// Modernisation works of installations and buildings (motive 4°): 100 h a year.
    ModernisationWorks,
}

/// What the employer asks for (R5122-2): motive, period, employees and hours, CSE opinion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaRequest {
    /// The motive (R5122-1).
    pub motive: Motive,
    /// The period of under-activity; its first day is the placement.
    pub period: Period,
    /// The number of employees concerned.
    pub employees: u32,
    /// The hours not worked requested, for the whole period.
    pub hours: Decimal,
    /// The company's headcount (the CSE opinion is required from 50).
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
    /// A request with a headcount under 50, no CSE opinion and the standard quota.
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
        if self.headcount >= 50 && !may_follow && !opinion_given {
            errors.push(ProcedureError::CseOpinionRequired {
                headcount: self.headcount,
            });
        }
        if self.quota == QuotaCategory::ModernisationWorks && self.motive != Motive::Restructuring {
            errors.push(ProcedureError::WorksRequireRestructuring);
        }
        errors
    }
}

/// How a DA relates to an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// A renewal: a new period after the previous one.
    Renews,
    /// An amendment (« avenant »): changes the previous authorisation (duration, employees…).
    Amends,
}

/// The link from a DA to the earlier one it renews or amends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaLink {
    /// Renewal or amendment.
    pub kind: LinkKind,
    /// The earlier DA's reference.
    pub previous: String,
}

/// Explicit decision or silence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// An explicit decision of the administration.
    Explicit,
    /// Acceptance by silence (R5122-4).
    Implicit,
}

/// An authorisation: what was granted, when, and until when DIs may be filed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authorisation {
    /// Explicit or implicit.
    pub kind: DecisionKind,
    /// When the decision was taken or the silence took effect.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// The decision's number, for an explicit decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The authorised period.
    pub period: Period,
    /// The authorised hours.
    pub hours: Decimal,
    /// The employer's commitments notified with the decision, if any (R5122-9 II–IV).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commitments: Option<String>,
    /// The last local day on which a DI can be filed ([`rules::claims_last_day`]).
    #[serde(with = "super::iso_date")]
    pub claims_last_day: Date,
}

impl Authorisation {
    /// The local date of the authorisation, which selects the filing deadline.
    pub fn authorised_on(&self) -> Date {
        rules::local_date(self.at)
    }
}

/// Who withdrew a request (the history says which user).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WithdrawnBy {
    /// The employer side, before the decision.
    Employer,
    /// The administration, withdrawing an implicit authorisation.
    Administration,
}

/// Who ended a request without a decision, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Withdrawal {
    /// The employer side or the administration.
    pub by: WithdrawnBy,
    /// The reason given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// What a DA remembers besides its state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub received_at: Option<OffsetDateTime>,
    /// When silence means acceptance.
    #[serde(default, with = "time::serde::rfc3339::option")]
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
}

impl DaContext {
    /// A new DA in draft.
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
        }
    }

    /// A new DA renewing or amending `previous`, for the same establishment.
    ///
    /// A renewal needs an authorised DA (or one whose period or claim window has ended); an
    /// amendment needs a DA that is authorised and whose period has not ended at `now`.
    ///
    /// # Errors
    ///
    /// `DA_NOT_AUTHORISED` otherwise.
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
                ) && rules::local_date(now) <= a.period.end()
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
        Ok(context)
    }
}

/// The events of a DA. JSON: `{"type": "Submit", …}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
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
    pub fn submit() -> DaEvent {
        DaEvent::Submit {
            other_authorised_periods: Vec::new(),
        }
    }
}

impl crate::machine::Event for DaEvent {
    fn name(&self) -> &'static str {
        match self {
            DaEvent::Edit { .. } => "Edit",
            DaEvent::Delete => "Delete",
            DaEvent::Submit { .. } => "Submit",
            DaEvent::StartReview => "StartReview",
            DaEvent::Authorise { .. } => "Authorise",
            DaEvent::Refuse { .. } => "Refuse",
            DaEvent::Withdraw { .. } => "Withdraw",
            DaEvent::AdministrationWithdraw { .. } => "AdministrationWithdraw",
            DaEvent::ImplicitAcceptance => "ImplicitAcceptance",
            DaEvent::PeriodEnd => "PeriodEnd",
            DaEvent::ClaimsClose => "ClaimsClose",
        }
    }
}

/// What the employer is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DaNotice {
    /// The request was received.
    Received,
    /// Authorised by an explicit decision (« mail de notification DA »).
    Authorised,
    /// Authorised by silence.
    AuthorisedBySilence,
    /// Refused.
    Refused,
    /// An implicit authorisation was withdrawn.
    WithdrawnByAdministration,
}

/// What the caller must do after a DA transition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type")]
#[non_exhaustive]
pub enum DaEffect {
    /// Call [`Snapshot::tick`] at `at` (it will send `event`).
    ScheduleDeadline {
        /// When.
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
        /// The timed event due then.
        event: &'static str,
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

/// The DA machine (`apart.da`).
#[derive(Debug)]
pub struct DaMachine;

const EMPLOYER: &[Actor] = Actor::EMPLOYER_SIDE;
const ADMIN: &[Actor] = &[Actor::Administration];
const SYSTEM: &[Actor] = &[Actor::System];

impl Machine for DaMachine {
    const ID: &'static str = "apart.da";
    const SCHEMA_VERSION: u32 = 1;
    type State = DaState;
    type Event = DaEvent;
    type Context = DaContext;
    type Effect = DaEffect;

    fn initial() -> DaState {
        DaState::Draft
    }

    fn table() -> &'static [Transition<DaState>] {
        use DaState as S;
        const T: &[Transition<DaState>] = &[
            Transition::new(S::Draft, "Edit", S::Draft).actors(EMPLOYER),
            Transition::new(S::Draft, "Delete", S::Deleted).actors(EMPLOYER),
            Transition::new(S::Draft, "Submit", S::Submitted)
                .guards(&["request_valid", "within_filing_window", "duration_allowed"])
                .actors(EMPLOYER),
            Transition::new(S::Submitted, "StartReview", S::UnderReview)
                .guards(&["before_implicit_at"])
                .actors(ADMIN),
            Transition::new(S::Submitted, "Authorise", S::AuthorisedExplicit)
                .guards(&["before_implicit_at", "decision_valid"])
                .actors(ADMIN),
            Transition::new(S::UnderReview, "Authorise", S::AuthorisedExplicit)
                .guards(&["before_implicit_at", "decision_valid"])
                .actors(ADMIN),
            Transition::new(S::Submitted, "Refuse", S::Refused)
                .guards(&["before_implicit_at", "reasons_given"])
                .actors(ADMIN),
            Transition::new(S::UnderReview, "Refuse", S::Refused)
                .guards(&["before_implicit_at", "reasons_given"])
                .actors(ADMIN),
            Transition::new(S::Submitted, "ImplicitAcceptance", S::AuthorisedImplicit)
                .guards(&["implicit_at_reached"])
                .actors(SYSTEM),
            Transition::new(S::UnderReview, "ImplicitAcceptance", S::AuthorisedImplicit)
                .guards(&["implicit_at_reached"])
                .actors(SYSTEM),
            Transition::new(S::Submitted, "Withdraw", S::Withdrawn).actors(EMPLOYER),
            Transition::new(S::UnderReview, "Withdraw", S::Withdrawn).actors(EMPLOYER),
            Transition::new(
                S::AuthorisedImplicit,
                "AdministrationWithdraw",
                S::AdministrationWithdrawn,
            )
            .guards(&["reasons_given"])
            .actors(ADMIN),
            Transition::new(S::AuthorisedExplicit, "PeriodEnd", S::PeriodEnded)
                .guards(&["period_over"])
                .actors(SYSTEM),
            Transition::new(S::AuthorisedImplicit, "PeriodEnd", S::PeriodEnded)
                .guards(&["period_over"])
                .actors(SYSTEM),
            Transition::new(S::PeriodEnded, "ClaimsClose", S::ClaimsClosed)
                .guards(&["claims_window_over"])
                .actors(SYSTEM),
        ];
        T
    }

    fn guard(
        guard: &str,
        snapshot: &Snapshot<Self>,
        event: Option<&DaEvent>,
        now: OffsetDateTime,
    ) -> Result<(), Refusal> {
        let ctx = snapshot.context();
        let request = match event {
            Some(DaEvent::Edit { request }) => request,
            _ => &ctx.request,
        };
        match guard {
            "request_valid" => match request.validate().into_iter().next() {
                Some(error) => Err(error.into()),
                None => Ok(()),
            },
            "within_filing_window" => {
                let last_day = rules::last_filing_day(request.motive, request.period.start())?;
                let filed_on = rules::local_date(now);
                if filed_on > last_day {
                    return Err(ProcedureError::FilingWindowClosed {
                        placement: request.period.start(),
                        last_day,
                        filed_on,
                    }
                    .into());
                }
                // The decision delay, and the claim deadline of an authorisation by silence,
                // must be computable: otherwise the timed acceptance could not be taken.
                let (implicit_at, _) = rules::implicit_acceptance_at(now)?;
                rules::claims_last_day(rules::local_date(implicit_at), request.period.end())?;
                Ok(())
            }
            "duration_allowed" => {
                let others: &[Period] = match event {
                    Some(DaEvent::Submit {
                        other_authorised_periods,
                    }) => other_authorised_periods,
                    _ => &[],
                };
                Ok(rules::check_duration(
                    request.motive,
                    &request.period,
                    others,
                    rules::local_date(now),
                )?)
            }
            "before_implicit_at" => match ctx.implicit_at {
                Some(at) if now >= at => Err(ProcedureError::DaAlreadyDecided {
                    implicit_at: rfc3339(at),
                }
                .into()),
                _ => Ok(()),
            },
            "implicit_at_reached" => due(ctx.implicit_at, now),
            "decision_valid" => match event {
                Some(DaEvent::Authorise { period, hours, .. }) => {
                    if *hours <= Decimal::ZERO {
                        Err(ProcedureError::HoursNotPositive { field: "hours" }.into())
                    } else if !ctx.request.period.contains_period(period) {
                        Err(ProcedureError::DecisionOutsideRequest.into())
                    } else {
                        Ok(())
                    }
                }
                _ => Ok(()),
            },
            "reasons_given" => {
                let (text, field) = match event {
                    Some(DaEvent::Refuse { reasons }) => (reasons.as_str(), "reasons"),
                    Some(DaEvent::AdministrationWithdraw { reason }) => (reason.as_str(), "reason"),
                    _ => return Ok(()),
                };
                if text.trim().is_empty() {
                    Err(ProcedureError::ReasonRequired { field }.into())
                } else {
                    Ok(())
                }
            }
            "period_over" => due(period_end_at(ctx), now),
            "claims_window_over" => due(claims_close_at(ctx), now),
            _ => Err(Refusal::new(
                crate::diagnostic::Family::Procedure,
                "UNKNOWN_GUARD",
                "garde inconnue",
                "unknown guard",
            )),
        }
    }

    fn act(
        row: &Transition<DaState>,
        ctx: &mut DaContext,
        event: &DaEvent,
        now: OffsetDateTime,
    ) -> Result<Vec<DaEffect>, Refusal> {
        let mut effects = Vec::new();
        match event {
            DaEvent::Edit { request } => ctx.request = request.clone(),
            DaEvent::Submit { .. } => {
                let (implicit_at, days) = rules::implicit_acceptance_at(now)?;
                ctx.received_at = Some(now);
                ctx.implicit_at = Some(implicit_at);
                ctx.decision_delay_days = Some(days);
                effects.push(DaEffect::ScheduleDeadline {
                    at: implicit_at,
                    event: "ImplicitAcceptance",
                });
                effects.push(DaEffect::NotifyEmployer {
                    notice: DaNotice::Received,
                });
                effects.push(DaEffect::RecapAvailable {
                    kind: RecapKind::DaSubmitted,
                });
            }
            DaEvent::Authorise {
                number,
                period,
                hours,
                commitments,
            } => {
                let authorisation = Authorisation {
                    kind: DecisionKind::Explicit,
                    at: now,
                    number: Some(number.clone()),
                    period: *period,
                    hours: *hours,
                    commitments: commitments.clone(),
                    claims_last_day: rules::claims_last_day(rules::local_date(now), period.end())?,
                };
                authorised(ctx, authorisation, DaNotice::Authorised, &mut effects);
            }
            DaEvent::ImplicitAcceptance => {
                let authorisation = Authorisation {
                    kind: DecisionKind::Implicit,
                    at: now,
                    number: None,
                    period: ctx.request.period,
                    hours: ctx.request.hours,
                    commitments: None,
                    claims_last_day: rules::claims_last_day(
                        rules::local_date(now),
                        ctx.request.period.end(),
                    )?,
                };
                authorised(
                    ctx,
                    authorisation,
                    DaNotice::AuthorisedBySilence,
                    &mut effects,
                );
            }
            DaEvent::Refuse { reasons } => {
                ctx.refusal_reasons = Some(reasons.trim().to_owned());
                effects.push(DaEffect::NotifyEmployer {
                    notice: DaNotice::Refused,
                });
                effects.push(DaEffect::RecapAvailable {
                    kind: RecapKind::DaDecision,
                });
            }
            DaEvent::Withdraw { reason } => {
                ctx.withdrawal = Some(Withdrawal {
                    by: WithdrawnBy::Employer,
                    reason: reason.clone(),
                });
            }
            DaEvent::AdministrationWithdraw { reason } => {
                ctx.withdrawal = Some(Withdrawal {
                    by: WithdrawnBy::Administration,
                    reason: Some(reason.trim().to_owned()),
                });
                effects.push(DaEffect::NotifyEmployer {
                    notice: DaNotice::WithdrawnByAdministration,
                });
            }
            DaEvent::PeriodEnd => {
                if let Some(at) = claims_close_at(ctx) {
                    effects.push(DaEffect::ScheduleDeadline {
                        at,
                        event: "ClaimsClose",
                    });
                }
            }
            DaEvent::Delete | DaEvent::StartReview | DaEvent::ClaimsClose => {}
        }
        let _ = row;
        Ok(effects)
    }

    fn timer(snapshot: &Snapshot<Self>) -> Option<(OffsetDateTime, DaEvent)> {
        let ctx = snapshot.context();
        match snapshot.state() {
            DaState::Submitted | DaState::UnderReview => {
                ctx.implicit_at.map(|at| (at, DaEvent::ImplicitAcceptance))
            }
            DaState::AuthorisedExplicit | DaState::AuthorisedImplicit => {
                period_end_at(ctx).map(|at| (at, DaEvent::PeriodEnd))
            }
            DaState::PeriodEnded => claims_close_at(ctx).map(|at| (at, DaEvent::ClaimsClose)),
            _ => None,
        }
    }
}

fn authorised(
    ctx: &mut DaContext,
    authorisation: Authorisation,
    notice: DaNotice,
    effects: &mut Vec<DaEffect>,
) {
    ctx.authorisation = Some(authorisation);
    effects.push(DaEffect::NotifyEmployer { notice });
    effects.push(DaEffect::RecapAvailable {
        kind: RecapKind::DaDecision,
    });
    if let Some(at) = period_end_at(ctx) {
        effects.push(DaEffect::ScheduleDeadline {
            at,
            event: "PeriodEnd",
        });
    }
}

/// The offset deadlines are computed in: the one of the receipt.
fn offset(ctx: &DaContext) -> time::UtcOffset {
    ctx.received_at
        .map(OffsetDateTime::offset)
        .unwrap_or(time::UtcOffset::UTC)
}

/// 00:00 local on the day after the authorised period's last day, or the authorisation itself
/// when the period was already over (a late request for a short sinistre), so that the
/// history stays in time order.
fn period_end_at(ctx: &DaContext) -> Option<OffsetDateTime> {
    let a = ctx.authorisation.as_ref()?;
    let at = rules::start_of_day(a.period.end().next_day()?, offset(ctx));
    Some(at.max(a.at))
}

/// 00:00 local on the day after the last day a DI may be filed (never before the
/// authorisation).
fn claims_close_at(ctx: &DaContext) -> Option<OffsetDateTime> {
    let a = ctx.authorisation.as_ref()?;
    let at = rules::start_of_day(a.claims_last_day.next_day()?, offset(ctx));
    Some(at.max(a.at))
}

fn due(at: Option<OffsetDateTime>, now: OffsetDateTime) -> Result<(), Refusal> {
    match at {
        Some(at) if now >= at => Ok(()),
        Some(at) => Err(ProcedureError::NotYetDue { due: rfc3339(at) }.into()),
        None => Err(ProcedureError::NotYetDue { due: String::new() }.into()),
    }
}

pub(crate) fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::machine::State;
    use time::Duration;
    use time::macros::datetime;

    /// A date from its ISO form (rustfmt would space out `date!(2022-03-01)`).
    fn ymd(iso: &str) -> time::Date {
        time::Date::parse(iso, &time::format_description::well_known::Iso8601::DATE).unwrap()
    }

    fn request(start: Date, end: Date) -> DaRequest {
        DaRequest::new(
            Motive::EconomicConditions,
            Period::new(start, end).unwrap(),
            4,
            Decimal::from(600),
        )
    }

    fn draft() -> Snapshot<DaMachine> {
        Snapshot::new(DaContext::new(
            "DA-1",
            Establishment::new(
                crate::siret::Siret::parse("73282932000074").unwrap(),
                "Boulangerie Martin",
            ),
            request(ymd("2022-03-01"), ymd("2022-05-31")),
        ))
    }

    const FILED: OffsetDateTime = datetime!(2022-02-10 10:00 +1);

    fn submitted() -> Snapshot<DaMachine> {
        draft()
            .apply(DaEvent::submit(), Actor::Principal, FILED)
            .unwrap()
            .snapshot
    }

    fn authorise() -> DaEvent {
        DaEvent::Authorise {
            number: "D-77".into(),
            period: Period::new(ymd("2022-03-01"), ymd("2022-04-30")).unwrap(),
            hours: Decimal::from(400),
            commitments: None,
        }
    }

    fn code<T>(r: Result<T, crate::machine::TransitionError>) -> &'static str {
        match r {
            Ok(_) => "OK",
            Err(e) => e.code(),
        }
    }

    #[test]
    fn draft_transitions() {
        let d = draft();
        let edited = d
            .apply(
                DaEvent::Edit {
                    request: request(ymd("2022-03-01"), ymd("2022-03-31")),
                },
                Actor::Member,
                FILED,
            )
            .unwrap()
            .snapshot;
        assert_eq!(edited.state(), DaState::Draft);
        assert_eq!(edited.context().request.period.end(), ymd("2022-03-31"));
        assert_eq!(
            d.apply(DaEvent::Delete, Actor::Accountant, FILED)
                .unwrap()
                .snapshot
                .state(),
            DaState::Deleted
        );
        assert_eq!(
            code(d.apply(DaEvent::Delete, Actor::Administration, FILED)),
            "FORBIDDEN_ACTOR"
        );
        assert_eq!(
            code(d.apply(DaEvent::StartReview, Actor::Administration, FILED)),
            "INVALID_TRANSITION"
        );
        let step = d.apply(DaEvent::submit(), Actor::Principal, FILED).unwrap();
        assert_eq!(step.snapshot.state(), DaState::Submitted);
        assert_eq!(
            step.effects,
            vec![
                DaEffect::ScheduleDeadline {
                    at: datetime!(2022-02-26 00:00 +1),
                    event: "ImplicitAcceptance"
                },
                DaEffect::NotifyEmployer {
                    notice: DaNotice::Received
                },
                DaEffect::RecapAvailable {
                    kind: RecapKind::DaSubmitted
                },
            ]
        );
        assert_eq!(step.snapshot.context().decision_delay_days, Some(15));
    }

    #[test]
    fn submit_guards() {
        // Invalid content.
        let mut bad = draft();
        bad = bad
            .apply(
                DaEvent::Edit {
                    request: DaRequest {
                        employees: 0,
                        ..request(ymd("2022-03-01"), ymd("2022-03-31"))
                    },
                },
                Actor::Principal,
                FILED,
            )
            .unwrap()
            .snapshot;
        assert_eq!(
            code(bad.apply(DaEvent::submit(), Actor::Principal, FILED)),
            "DA_EMPLOYEES_REQUIRED"
        );
        // Filed after placement, motive 1°: refused; placement day itself is fine.
        let d = draft();
        assert_eq!(
            code(d.apply(
                DaEvent::submit(),
                Actor::Principal,
                datetime!(2022-03-01 23:59 +1)
            )),
            "OK"
        );
        assert_eq!(
            code(d.apply(
                DaEvent::submit(),
                Actor::Principal,
                datetime!(2022-03-02 00:00 +1)
            )),
            "DA_FILING_WINDOW_CLOSED"
        );
        // Motive 3°: 30 days after placement.
        let mut disaster = request(ymd("2022-03-01"), ymd("2022-05-31"));
        disaster.motive = Motive::DisasterOrWeather;
        let d = Snapshot::<DaMachine>::new(DaContext::new(
            "DA-2",
            Establishment::new(
                crate::siret::Siret::parse("73282932000074").unwrap(),
                "Martin",
            ),
            disaster,
        ));
        assert_eq!(
            code(d.apply(
                DaEvent::submit(),
                Actor::Principal,
                datetime!(2022-03-31 23:59 +2)
            )),
            "OK"
        );
        assert_eq!(
            code(d.apply(
                DaEvent::submit(),
                Actor::Principal,
                datetime!(2022-04-01 00:00 +2)
            )),
            "DA_FILING_WINDOW_CLOSED"
        );
        // Too long after 2021-07-01.
        let long = Snapshot::<DaMachine>::new(DaContext::new(
            "DA-3",
            Establishment::new(
                crate::siret::Siret::parse("73282932000074").unwrap(),
                "Martin",
            ),
            request(ymd("2022-03-01"), ymd("2022-06-01")),
        ));
        assert_eq!(
            code(long.apply(DaEvent::submit(), Actor::Principal, FILED)),
            "DA_DURATION_EXCEEDED"
        );
        // Cumulative limit, from the event's facts.
        let others = vec![Period::new(ymd("2021-10-01"), ymd("2021-12-31")).unwrap()];
        assert_eq!(
            code(draft().apply(
                DaEvent::Submit {
                    other_authorised_periods: others
                },
                Actor::Principal,
                FILED
            )),
            "DA_CUMULATIVE_DURATION_EXCEEDED"
        );
    }

    /// Source: R5122-4 (15 days, silence = acceptance); §10 Q8 day counting.
    #[test]
    fn silence_fifteen_days_exact_boundary() {
        let s = submitted();
        let at = datetime!(2022-02-26 00:00 +1);
        assert_eq!(s.next_deadline(), Some(at));
        let before = s.tick(at - Duration::nanoseconds(1)).unwrap();
        assert_eq!(before.snapshot.state(), DaState::Submitted);
        // An explicit decision one nanosecond before is still possible…
        assert_eq!(
            code(s.apply(
                authorise(),
                Actor::Administration,
                at - Duration::nanoseconds(1)
            )),
            "OK"
        );
        // …but not at the instant of acceptance, even if tick has not run yet.
        assert_eq!(
            code(s.apply(authorise(), Actor::Administration, at)),
            "DA_ALREADY_DECIDED"
        );
        let accepted = s.tick(at).unwrap();
        assert_eq!(accepted.snapshot.state(), DaState::AuthorisedImplicit);
        let a = accepted.snapshot.context().authorisation.clone().unwrap();
        assert_eq!(a.kind, DecisionKind::Implicit);
        assert_eq!(a.at, at);
        assert_eq!(a.hours, Decimal::from(600));
        // Authorised 2022-02-26: six months after 2022-05-31.
        assert_eq!(a.claims_last_day, ymd("2022-11-30"));
        assert!(accepted.effects.contains(&DaEffect::NotifyEmployer {
            notice: DaNotice::AuthorisedBySilence
        }));
        assert_eq!(
            code(
                accepted
                    .snapshot
                    .apply(authorise(), Actor::Administration, at)
            ),
            "INVALID_TRANSITION"
        );
    }

    /// Source: décret 2020-325 art. 2 III (2 days, requests received 2020-03-01..2020-09-30).
    #[test]
    fn silence_two_days_in_2020_and_across_an_offset() {
        let mk = |now| {
            Snapshot::<DaMachine>::new(DaContext::new(
                "DA-2020",
                Establishment::new(
                    crate::siret::Siret::parse("73282932000074").unwrap(),
                    "Martin",
                ),
                DaRequest::new(
                    Motive::ExceptionalCircumstances,
                    Period::new(ymd("2020-09-15"), ymd("2020-12-31")).unwrap(),
                    3,
                    Decimal::from(300),
                ),
            ))
            .apply(DaEvent::submit(), Actor::Principal, now)
            .unwrap()
            .snapshot
        };
        // Received 2020-09-30 in Paris: days 10-01 and 10-02, accepted 10-03 00:00 +2.
        let s = mk(datetime!(2020-09-30 18:00 +2));
        assert_eq!(s.next_deadline(), Some(datetime!(2020-10-03 00:00 +2)));
        assert_eq!(
            s.tick(datetime!(2020-10-02 23:59:59 +2))
                .unwrap()
                .snapshot
                .state(),
            DaState::Submitted
        );
        assert_eq!(
            s.tick(datetime!(2020-10-03 00:00 +2))
                .unwrap()
                .snapshot
                .state(),
            DaState::AuthorisedImplicit
        );
        // Same instant seen from Paris is 2020-10-01: 15 days.
        let paris = mk(datetime!(2020-10-01 06:30 +2));
        assert_eq!(paris.context().decision_delay_days, Some(15));
        // Received 2020-09-30 23:30 in Réunion? No: in Tahiti (UTC-10), still 09-30 locally.
        let tahiti = mk(datetime!(2020-09-30 20:30 -10));
        assert_eq!(tahiti.context().decision_delay_days, Some(2));
        assert_eq!(
            tahiti.next_deadline(),
            Some(datetime!(2020-10-03 00:00 -10))
        );
        // A tick given in UTC fires at the same instant.
        assert_eq!(
            tahiti
                .tick(datetime!(2020-10-03 09:59:59 UTC))
                .unwrap()
                .snapshot
                .state(),
            DaState::Submitted
        );
        assert_eq!(
            tahiti
                .tick(datetime!(2020-10-03 10:00 UTC))
                .unwrap()
                .snapshot
                .state(),
            DaState::AuthorisedImplicit
        );
    }

    #[test]
    fn review_decisions_and_withdrawal() {
        let s = submitted();
        let t = datetime!(2022-02-15 12:00 +1);
        let review = s
            .apply(DaEvent::StartReview, Actor::Administration, t)
            .unwrap()
            .snapshot;
        assert_eq!(review.state(), DaState::UnderReview);
        assert_eq!(
            code(s.apply(DaEvent::StartReview, Actor::Principal, t)),
            "FORBIDDEN_ACTOR"
        );
        for snap in [&s, &review] {
            let ok = snap.apply(authorise(), Actor::Administration, t).unwrap();
            assert_eq!(ok.snapshot.state(), DaState::AuthorisedExplicit);
            let a = ok.snapshot.context().authorisation.clone().unwrap();
            assert_eq!(a.number.as_deref(), Some("D-77"));
            // Six months after 2022-04-30: same day of the month (C. pr. civ. art. 641 style).
            assert_eq!(a.claims_last_day, ymd("2022-10-30"));
            assert_eq!(
                code(snap.apply(authorise(), Actor::Principal, t)),
                "FORBIDDEN_ACTOR"
            );
            let outside = DaEvent::Authorise {
                number: "D".into(),
                period: Period::new(ymd("2022-02-01"), ymd("2022-03-31")).unwrap(),
                hours: Decimal::ONE,
                commitments: None,
            };
            assert_eq!(
                code(snap.apply(outside, Actor::Administration, t)),
                "DA_DECISION_OUTSIDE_REQUEST"
            );
            let zero = DaEvent::Authorise {
                number: "D".into(),
                period: Period::new(ymd("2022-03-01"), ymd("2022-03-31")).unwrap(),
                hours: Decimal::ZERO,
                commitments: None,
            };
            assert_eq!(
                code(snap.apply(zero, Actor::Administration, t)),
                "HOURS_NOT_POSITIVE"
            );
            let refused = snap
                .apply(
                    DaEvent::Refuse {
                        reasons: " baisse d'activité non démontrée ".into(),
                    },
                    Actor::Administration,
                    t,
                )
                .unwrap()
                .snapshot;
            assert_eq!(refused.state(), DaState::Refused);
            assert_eq!(
                refused.context().refusal_reasons.as_deref(),
                Some("baisse d'activité non démontrée")
            );
            assert_eq!(
                code(snap.apply(
                    DaEvent::Refuse {
                        reasons: "  ".into()
                    },
                    Actor::Administration,
                    t
                )),
                "REASON_REQUIRED"
            );
            let withdrawn = snap
                .apply(DaEvent::Withdraw { reason: None }, Actor::Accountant, t)
                .unwrap()
                .snapshot;
            assert_eq!(withdrawn.state(), DaState::Withdrawn);
            assert_eq!(
                code(withdrawn.apply(authorise(), Actor::Administration, t)),
                "TERMINAL_STATE"
            );
            assert_eq!(
                code(snap.apply(DaEvent::ImplicitAcceptance, Actor::System, t)),
                "NOT_YET_DUE"
            );
            assert_eq!(
                code(snap.apply(DaEvent::ImplicitAcceptance, Actor::Administration, t)),
                "FORBIDDEN_ACTOR"
            );
        }
        assert_eq!(
            code(review.apply(DaEvent::StartReview, Actor::Administration, t)),
            "INVALID_TRANSITION"
        );
    }

    #[test]
    fn period_end_claims_close_and_administration_withdraw() {
        let implicit = submitted()
            .tick(datetime!(2022-02-26 00:00 +1))
            .unwrap()
            .snapshot;
        let t = datetime!(2022-03-10 10:00 +1);
        // Administration withdraws an implicit authorisation, with a reason.
        assert_eq!(
            code(implicit.apply(
                DaEvent::AdministrationWithdraw { reason: "".into() },
                Actor::Administration,
                t
            )),
            "REASON_REQUIRED"
        );
        assert_eq!(
            code(implicit.apply(
                DaEvent::AdministrationWithdraw {
                    reason: "fraude".into()
                },
                Actor::Principal,
                t
            )),
            "FORBIDDEN_ACTOR"
        );
        let gone = implicit
            .apply(
                DaEvent::AdministrationWithdraw {
                    reason: "fraude".into(),
                },
                Actor::Administration,
                t,
            )
            .unwrap()
            .snapshot;
        assert_eq!(gone.state(), DaState::AdministrationWithdrawn);
        assert!(gone.is_terminal());
        // An explicit authorisation cannot be withdrawn that way.
        let explicit = submitted()
            .apply(authorise(), Actor::Administration, t - Duration::days(20))
            .unwrap()
            .snapshot;
        assert_eq!(
            code(explicit.apply(
                DaEvent::AdministrationWithdraw { reason: "x".into() },
                Actor::Administration,
                t
            )),
            "INVALID_TRANSITION"
        );
        // Period ends at 00:00 local the day after 2022-04-30; claims close after 2022-10-30.
        assert_eq!(
            explicit.next_deadline(),
            Some(datetime!(2022-05-01 00:00 +1))
        );
        let ended = explicit.tick(datetime!(2022-05-01 00:00 +1)).unwrap();
        assert_eq!(ended.snapshot.state(), DaState::PeriodEnded);
        assert_eq!(
            ended.effects,
            vec![DaEffect::ScheduleDeadline {
                at: datetime!(2022-10-31 00:00 +1),
                event: "ClaimsClose"
            }]
        );
        let closed = ended
            .snapshot
            .tick(datetime!(2022-10-31 00:00 +1))
            .unwrap()
            .snapshot;
        assert_eq!(closed.state(), DaState::ClaimsClosed);
        assert!(closed.is_terminal());
        // One tick long after takes both steps, each dated when it fell due.
        let both = explicit
            .tick(datetime!(2023-01-01 00:00 UTC))
            .unwrap()
            .snapshot;
        assert_eq!(both.state(), DaState::ClaimsClosed);
        let h = both.history();
        assert_eq!(h[h.len() - 2].at, datetime!(2022-05-01 00:00 +1));
        assert_eq!(
            code(explicit.apply(DaEvent::PeriodEnd, Actor::System, t)),
            "NOT_YET_DUE"
        );
    }

    /// A sinistre filed 20 days after a 10-day placement: accepted by silence after the period
    /// is over; the period then ends at once, and the history stays in time order.
    #[test]
    fn period_already_over_at_the_decision() {
        let mut r = request(ymd("2022-03-01"), ymd("2022-03-10"));
        r.motive = Motive::DisasterOrWeather;
        let d = Snapshot::<DaMachine>::new(DaContext::new(
            "DA-S",
            Establishment::new(crate::siret::Siret::parse("73282932000074").unwrap(), "X"),
            r,
        ));
        let s = d
            .apply(
                DaEvent::submit(),
                Actor::Principal,
                datetime!(2022-03-20 10:00 +1),
            )
            .unwrap()
            .snapshot;
        let done = s.tick(datetime!(2022-04-05 00:00 +1)).unwrap().snapshot;
        assert_eq!(done.state(), DaState::PeriodEnded);
        let times: Vec<_> = done.history().iter().map(|h| h.at).collect();
        assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
        assert_eq!(times.last(), Some(&datetime!(2022-04-05 00:00 +1)));
    }

    #[test]
    fn the_end_of_the_calendar_is_refused_not_stuck() {
        let mut r = request(ymd("9999-12-01"), ymd("9999-12-31"));
        r.motive = Motive::DisasterOrWeather;
        let d = Snapshot::<DaMachine>::new(DaContext::new(
            "DA-9999",
            Establishment::new(crate::siret::Siret::parse("73282932000074").unwrap(), "X"),
            r,
        ));
        for now in [
            datetime!(9999-12-10 10:00 +1),
            datetime!(9999-12-31 23:00 -10),
            datetime!(9999-12-31 23:59:59 +14),
        ] {
            assert_eq!(
                code(d.apply(DaEvent::submit(), Actor::Principal, now)),
                "RULE_NOT_COVERED"
            );
            assert!(d.tick(now).is_ok());
        }
    }

    #[test]
    fn linked_requests() {
        let explicit = submitted()
            .apply(
                authorise(),
                Actor::Administration,
                datetime!(2022-02-20 10:00 +1),
            )
            .unwrap()
            .snapshot;
        let next = request(ymd("2022-05-01"), ymd("2022-05-31"));
        let amend = DaContext::linked(
            "DA-1-A1",
            &explicit,
            LinkKind::Amends,
            next.clone(),
            datetime!(2022-04-30 12:00 +2),
        )
        .unwrap();
        assert_eq!(
            amend.link,
            Some(DaLink {
                kind: LinkKind::Amends,
                previous: "DA-1".into()
            })
        );
        assert_eq!(amend.establishment.name, "Boulangerie Martin");
        assert_eq!(
            DaContext::linked(
                "X",
                &explicit,
                LinkKind::Amends,
                next.clone(),
                datetime!(2022-05-01 00:00 +2)
            )
            .unwrap_err()
            .code(),
            "DA_NOT_AUTHORISED"
        );
        assert!(DaContext::linked("R", &explicit, LinkKind::Renews, next.clone(), FILED).is_ok());
        assert_eq!(
            DaContext::linked("R", &submitted(), LinkKind::Renews, next, FILED)
                .unwrap_err()
                .code(),
            "DA_NOT_AUTHORISED"
        );
    }

    #[test]
    fn every_state_is_reachable_and_named() {
        for s in DaState::ALL {
            assert_eq!(DaState::from_name(s.name()), Some(*s));
            assert!(
                *s == DaState::Draft || DaMachine::table().iter().any(|r| r.to == *s),
                "{s} unreachable"
            );
        }
    }

    #[test]
    fn events_are_tagged_json() {
        let e: DaEvent = serde_json::from_str(
            r#"{"type":"Authorise","number":"D-1","period":{"start":"2022-03-01","end":"2022-03-31"},"hours":"151.67"}"#,
        )
        .unwrap();
        assert_eq!(crate::machine::Event::name(&e), "Authorise");
        let e: DaEvent = serde_json::from_str(r#"{"type":"Submit"}"#).unwrap();
        assert_eq!(e, DaEvent::submit());
        assert!(
            serde_json::from_str::<DaEvent>(
                r#"{"type":"Authorise","number":"D","period":{"start":"2022-03-02","end":"2022-03-01"},"hours":"1"}"#
            )
            .is_err()
        );
    }
}
