//! The DA's transition table, guards, actions and timers.

use rust_decimal::Decimal;
use time::OffsetDateTime;

use super::{
    Authorisation, DaContext, DaEffect, DaEvent, DaEventKind, DaNotice, DaState, DecisionKind,
    MAX_DECISION_NUMBER_CHARS, MAX_REFERENCE_CHARS, Withdrawal, WithdrawnBy,
};
use crate::calendar::{local_date, start_of_day};
use crate::diagnostic::is_escaped_in_messages;
use crate::machine::{Actor, Machine, Refusal, Snapshot, Transition};
use crate::procedure::{Period, ProcedureError, RecapKind, rules};

crate::machine::guard_enum! {
    /// The checks of the DA machine's rows.
    ///
    /// The first row of `Submit` (from `Draft`) requires these guards:
    ///
    /// ```
    /// use apart::machine::{EventKind, Guard, Machine};
    /// use apart::procedure::da::{DaGuard, DaMachine};
    /// let row = DaMachine::table()
    ///     .iter()
    ///     .find(|row| row.event.name() == "Submit")
    ///     .ok_or("no row")?;
    /// assert_eq!(row.guards[0], DaGuard::RequestValid);
    /// let names: Vec<&str> = row.guards.iter().map(|g| g.name()).collect();
    /// assert_eq!(names, ["request_valid", "within_filing_window", "duration_allowed"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum DaGuard {
        /// The request passes its form checks.
        RequestValid = "request_valid",
        /// The request is sent within the filing window of its motive, and its dates can be
        /// computed.
        WithinFilingWindow = "within_filing_window",
        /// The period stays within the maximum authorisation, counting the other periods given.
        DurationAllowed = "duration_allowed",
        /// The administration decides before the implicit acceptance.
        BeforeImplicitAt = "before_implicit_at",
        /// The implicit acceptance instant is reached.
        ImplicitAtReached = "implicit_at_reached",
        /// An authorisation has positive hours within the requested period.
        DecisionValid = "decision_valid",
        /// A refusal or the administration's withdrawal gives its reasons, and every reason
        /// given (the employer's withdrawal may give one) is a reason's text
        /// (`REASON_INVALID`: at most `MAX_REASON_CHARS`, no control character).
        ReasonsGiven = "reasons_given",
        /// The authorised period has ended.
        PeriodOver = "period_over",
        /// The window for claims has closed.
        ClaimsWindowOver = "claims_window_over",
    }
}

/// The DA machine (`apart.da`).
#[derive(Debug)]
pub struct DaMachine;

/// The DA's texts as the recap prints them: the reference, the establishment's name (the form's
/// « Dénomination », 1–100) and address (up to 200, my bound: the spec gives none), none
/// holding a control or bidirectional-override character.
fn check_texts(ctx: &DaContext) -> Result<(), ProcedureError> {
    let establishment = &ctx.establishment;
    let texts = [
        (
            "reference",
            Some(ctx.reference.as_str()),
            MAX_REFERENCE_CHARS,
        ),
        ("establishment.name", Some(establishment.name.as_str()), 100),
        (
            "establishment.address",
            establishment.address.as_deref(),
            200,
        ),
    ];
    for (field, text, max) in texts {
        let Some(text) = text else { continue };
        let length = text.chars().count();
        if text.trim().is_empty() || length > max || text.chars().any(is_escaped_in_messages) {
            return Err(ProcedureError::DaTextInvalid { field, max });
        }
    }
    Ok(())
}

/// What `Authorise` (or the silence) can have written: at most the hours and within the period
/// requested, and a filing deadline after the period (a DI copies these facts, and its guards
/// trust them).
fn authorisation_fits(a: &Authorisation, c: &DaContext) -> Result<(), &'static str> {
    if a.hours <= Decimal::ZERO || a.hours > c.request.hours {
        Err("authorisation.hours")
    } else if !c.request.period.contains_period(&a.period) {
        Err("authorisation.period")
    } else if a.claims_last_day < a.period.end() {
        Err("authorisation.claims_last_day")
    } else {
        Ok(())
    }
}

const EMPLOYER: &[Actor] = Actor::EMPLOYER_SIDE;
const ADMIN: &[Actor] = &[Actor::Administration];
const SYSTEM: &[Actor] = &[Actor::System];

impl Machine for DaMachine {
    const ID: &'static str = "apart.da";
    const SCHEMA_VERSION: u32 = 1;
    type State = DaState;
    type Event = DaEvent;
    type Guard = DaGuard;
    type Context = DaContext;
    type Effect = DaEffect;

    fn initial() -> DaState {
        DaState::Draft
    }

    /// What each state's transitions have written: a record edited by hand (a draft moved
    /// to `Submitted` without its receipt and deadline) is refused when restored, where it
    /// would never have been accepted by silence.
    fn check(state: DaState, c: &DaContext) -> Result<(), &'static str> {
        use DaState as S;
        let received = c.received_at.is_some() && c.implicit_at.is_some();
        let decided = c.authorisation.is_some();
        let (ok, what) = match state {
            S::Draft | S::Deleted => (c.received_at.is_none() && !decided, "received_at"),
            S::Submitted | S::UnderReview => (received && !decided, "received_at"),
            S::Refused => (received && c.refusal_reasons.is_some(), "refusal_reasons"),
            S::Withdrawn => (received && c.withdrawal.is_some(), "withdrawal"),
            S::AdministrationWithdrawn => {
                (received && decided && c.withdrawal.is_some(), "withdrawal")
            }
            S::AuthorisedExplicit | S::AuthorisedImplicit | S::PeriodEnded | S::ClaimsClosed => {
                (received && decided, "authorisation")
            }
        };
        if !ok {
            return Err(what);
        }
        // Reasons as an event would have taken them (`REASON_INVALID`).
        let reason_ok = |text: &str| crate::procedure::reason::check_reason(text, "reason").is_ok();
        if c.refusal_reasons.as_deref().is_some_and(|r| !reason_ok(r)) {
            return Err("refusal_reasons");
        }
        if c.withdrawal
            .as_ref()
            .and_then(|w| w.reason.as_deref())
            .is_some_and(|r| !reason_ok(r))
        {
            return Err("withdrawal");
        }
        c.authorisation
            .as_ref()
            .map_or(Ok(()), |a| authorisation_fits(a, c))
    }

    fn table() -> &'static [Transition<Self>] {
        use DaEventKind as E;
        use DaState as S;
        const T: &[Transition<DaMachine>] = &[
            Transition::new(S::Draft, E::Edit, S::Draft).actors(EMPLOYER),
            Transition::new(S::Draft, E::Delete, S::Deleted).actors(EMPLOYER),
            Transition::new(S::Draft, E::Submit, S::Submitted)
                .guards(&[
                    DaGuard::RequestValid,
                    DaGuard::WithinFilingWindow,
                    DaGuard::DurationAllowed,
                ])
                .actors(EMPLOYER),
            Transition::new(S::Submitted, E::StartReview, S::UnderReview)
                .guards(&[DaGuard::BeforeImplicitAt])
                .actors(ADMIN),
            Transition::new(S::Submitted, E::Authorise, S::AuthorisedExplicit)
                .guards(&[DaGuard::BeforeImplicitAt, DaGuard::DecisionValid])
                .actors(ADMIN),
            Transition::new(S::UnderReview, E::Authorise, S::AuthorisedExplicit)
                .guards(&[DaGuard::BeforeImplicitAt, DaGuard::DecisionValid])
                .actors(ADMIN),
            Transition::new(S::Submitted, E::Refuse, S::Refused)
                .guards(&[DaGuard::BeforeImplicitAt, DaGuard::ReasonsGiven])
                .actors(ADMIN),
            Transition::new(S::UnderReview, E::Refuse, S::Refused)
                .guards(&[DaGuard::BeforeImplicitAt, DaGuard::ReasonsGiven])
                .actors(ADMIN),
            Transition::new(S::Submitted, E::ImplicitAcceptance, S::AuthorisedImplicit)
                .guards(&[DaGuard::ImplicitAtReached])
                .actors(SYSTEM),
            Transition::new(S::UnderReview, E::ImplicitAcceptance, S::AuthorisedImplicit)
                .guards(&[DaGuard::ImplicitAtReached])
                .actors(SYSTEM),
            Transition::new(S::Submitted, E::Withdraw, S::Withdrawn)
                .guards(&[DaGuard::ReasonsGiven])
                .actors(EMPLOYER),
            Transition::new(S::UnderReview, E::Withdraw, S::Withdrawn)
                .guards(&[DaGuard::ReasonsGiven])
                .actors(EMPLOYER),
            Transition::new(
                S::AuthorisedImplicit,
                E::AdministrationWithdraw,
                S::AdministrationWithdrawn,
            )
            .guards(&[DaGuard::ReasonsGiven])
            .actors(ADMIN),
            Transition::new(S::AuthorisedExplicit, E::PeriodEnd, S::PeriodEnded)
                .guards(&[DaGuard::PeriodOver])
                .actors(SYSTEM),
            Transition::new(S::AuthorisedImplicit, E::PeriodEnd, S::PeriodEnded)
                .guards(&[DaGuard::PeriodOver])
                .actors(SYSTEM),
            Transition::new(S::PeriodEnded, E::ClaimsClose, S::ClaimsClosed)
                .guards(&[DaGuard::ClaimsWindowOver])
                .actors(SYSTEM),
        ];
        T
    }

    fn guard(
        guard: DaGuard,
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
            DaGuard::RequestValid => match request.validate().into_iter().next() {
                Some(error) => Err(error.into()),
                None => check_texts(ctx).map_err(Refusal::from),
            },
            DaGuard::WithinFilingWindow => {
                let book = ctx.law.for_rule("late_filing")?;
                let last_day =
                    rules::last_filing_day(book, request.motive, request.period.start())?;
                let filed_on = local_date(now);
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
                let (implicit_at, _) = rules::implicit_acceptance_at(book, now)?;
                rules::claims_last_day(book, local_date(implicit_at), request.period.end())?;
                Ok(())
            }
            DaGuard::DurationAllowed => {
                let others: &[Period] = match event {
                    Some(DaEvent::Submit {
                        other_authorised_periods,
                    }) => other_authorised_periods,
                    _ => &[],
                };
                Ok(rules::check_duration(
                    ctx.law.for_rule("max_duration")?,
                    request.motive,
                    &request.period,
                    others,
                    local_date(now),
                )?)
            }
            DaGuard::BeforeImplicitAt => match ctx.implicit_at {
                Some(at) if now >= at => {
                    Err(ProcedureError::DaAlreadyDecided { implicit_at: at }.into())
                }
                _ => Ok(()),
            },
            DaGuard::ImplicitAtReached => due(ctx.implicit_at, now),
            DaGuard::DecisionValid => match event {
                Some(DaEvent::Authorise {
                    number,
                    period,
                    hours,
                    ..
                }) => {
                    if number.trim().is_empty() {
                        Err(ProcedureError::DecisionNumberRequired.into())
                    } else if number.chars().count() > MAX_DECISION_NUMBER_CHARS
                        || number.chars().any(is_escaped_in_messages)
                    {
                        Err(ProcedureError::DecisionNumberInvalid {
                            max: MAX_DECISION_NUMBER_CHARS,
                        }
                        .into())
                    } else if *hours <= Decimal::ZERO {
                        Err(ProcedureError::HoursNotPositive { field: "hours" }.into())
                    } else if *hours > ctx.request.hours {
                        // The administration decides on the request: more hours need a new one.
                        Err(ProcedureError::DecisionHoursExceeded {
                            authorised: hours.normalize().to_string(),
                            requested: ctx.request.hours.normalize().to_string(),
                        }
                        .into())
                    } else if !ctx.request.period.contains_period(period) {
                        Err(ProcedureError::DecisionOutsideRequest.into())
                    } else {
                        Ok(())
                    }
                }
                _ => Ok(()),
            },
            DaGuard::ReasonsGiven => {
                let (text, field) = match event {
                    Some(DaEvent::Refuse { reasons }) => (reasons.as_str(), "reasons"),
                    Some(DaEvent::AdministrationWithdraw { reason }) => (reason.as_str(), "reason"),
                    Some(DaEvent::Withdraw {
                        reason: Some(reason),
                    }) => (reason.as_str(), "reason"),
                    _ => return Ok(()),
                };
                crate::procedure::reason::check_reason(text, field).map_err(Refusal::from)
            }
            DaGuard::PeriodOver => due(period_end_at(ctx), now),
            DaGuard::ClaimsWindowOver => due(claims_close_at(ctx), now),
        }
    }

    fn act(
        row: &Transition<Self>,
        ctx: &mut DaContext,
        event: &DaEvent,
        now: OffsetDateTime,
    ) -> Result<Vec<DaEffect>, Refusal> {
        let mut effects = Vec::new();
        match event {
            DaEvent::Edit { request } => ctx.request = request.clone(),
            DaEvent::Submit { .. } => {
                let book = ctx.law.for_rule("decision_delay")?;
                let (implicit_at, days) = rules::implicit_acceptance_at(book, now)?;
                ctx.received_at = Some(now);
                ctx.implicit_at = Some(implicit_at);
                ctx.decision_delay_days = Some(days);
                effects.push(DaEffect::ScheduleDeadline {
                    at: implicit_at,
                    event: DaEventKind::ImplicitAcceptance,
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
                    claims_last_day: rules::claims_last_day(
                        ctx.law.for_rule("claim_deadline")?,
                        local_date(now),
                        period.end(),
                    )?,
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
                        ctx.law.for_rule("claim_deadline")?,
                        local_date(now),
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
                        event: DaEventKind::ClaimsClose,
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
            event: DaEventKind::PeriodEnd,
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
    let at = start_of_day(a.period.end().next_day()?, offset(ctx));
    Some(at.max(a.at))
}

/// 00:00 local on the day after the last day a DI may be filed (never before the
/// authorisation).
fn claims_close_at(ctx: &DaContext) -> Option<OffsetDateTime> {
    let a = ctx.authorisation.as_ref()?;
    let at = start_of_day(a.claims_last_day.next_day()?, offset(ctx));
    Some(at.max(a.at))
}

/// Whether a timed event due `at` may be taken at `now`; never when there is no such instant.
fn due(at: Option<OffsetDateTime>, now: OffsetDateTime) -> Result<(), Refusal> {
    match at {
        Some(at) if now >= at => Ok(()),
        due => Err(ProcedureError::NotYetDue { due }.into()),
    }
}
