//! The DI's creation from its DA, transition table, guards and actions.

use rust_decimal::Decimal;
use std::collections::BTreeMap;
use time::OffsetDateTime;

use super::quota::check_quota;
use super::{
    ClaimFacts, Clawback, DaFacts, DiContext, DiEffect, DiEvent, DiLine, DiState, Payment,
    Rejection, RejectionCause,
};
use crate::calendar::{Month, is_storable_date, local_date};
use crate::diagnostic::quote;
use crate::forms::{compact_nir, is_valid_nir};
use crate::machine::{Actor, Machine, Refusal, Snapshot, SnapshotError, State, Transition};
use crate::procedure::da::DaMachine;
use crate::procedure::{DiCode, Period, ProcedureError, RecapKind};

crate::machine::guard_enum! {
    /// The checks of the DI machine's rows.
    ///
    /// The first row of `Reject` (from `Submitted`) requires this guard:
    ///
    /// ```
    /// use apart::machine::{EventKind, Guard, Machine};
    /// use apart::procedure::di::{DiGuard, DiMachine};
    /// let row = DiMachine::table()
    ///     .iter()
    ///     .find(|row| row.event.name() == "Reject")
    ///     .ok_or("no row")?;
    /// assert_eq!(row.guards[0], DiGuard::RejectionValid);
    /// let names: Vec<&str> = row.guards.iter().map(|g| g.name()).collect();
    /// assert_eq!(names, ["rejection_valid"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum DiGuard {
        /// Every line of the claim passes its checks.
        LinesValid = "lines_valid",
        /// The claim is sent after the last day of the month it claims.
        MonthEnded = "month_ended",
        /// The claim is sent by the last day for claims of its DA.
        WithinClaimDeadline = "within_claim_deadline",
        /// The hours claimed on the DA stay within its authorised hours.
        AuthorisedHours = "authorised_hours",
        /// The hours stay within the annual quota.
        AnnualQuota = "annual_quota",
        /// A rejection gives its reason (and its incident id when an incident caused it).
        RejectionValid = "rejection_valid",
        /// The claim was rejected by the incident being regularised.
        RejectedByThisIncident = "rejected_by_this_incident",
        /// The claim was not rejected by an incident.
        BusinessRejection = "business_rejection",
        /// A payment or a clawback has a positive amount in cents (a clawback at most what
        /// was paid).
        AmountPositive = "amount_positive",
        /// The payment date can be stored, and is not before the claim was sent.
        PaidOnStorable = "paid_on_storable",
        /// An invalidated payment or a clawback gives its reason.
        ReasonGiven = "reason_given",
    }
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
        if local_date(now) > authorisation.claims_last_day {
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
        Ok(Snapshot::initial(DiContext {
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
            clawback: None,
            law: ctx.law.clone(),
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

/// What the DA's facts, `Submit`, `ConfirmPayment` and `OpenClawback` can have written: the
/// month within the authorised period, a deadline after it, lines that passed `Submit`'s
/// checks once sent, a payment in cents within [`super::MAX_PAYMENT`], a clawback within the
/// payment. The guards trust these facts, so an edited claim is refused when restored.
fn facts_fit(c: &DiContext) -> Result<(), &'static str> {
    let da = &c.da;
    let amount_ok = |amount: Decimal| {
        amount >= Decimal::ZERO && amount.normalize().scale() <= 2 && amount <= super::MAX_PAYMENT
    };
    if da.hours <= Decimal::ZERO {
        Err("da.hours")
    } else if da.claims_last_day < da.period.end() {
        Err("da.claims_last_day")
    } else if Period::of_month(c.month).intersection(&da.period).is_none() {
        Err("month")
    } else if c.submitted_at.is_some() && check_lines(&c.lines).is_err() {
        Err("lines")
    } else if c.payment.as_ref().is_some_and(|p| !amount_ok(p.amount)) {
        Err("payment.amount")
    } else if let (Some(back), Some(paid)) = (&c.clawback, &c.payment)
        && (!amount_ok(back.amount) || back.amount > paid.amount)
    {
        Err("clawback.amount")
    } else {
        Ok(())
    }
}

const EMPLOYER: &[Actor] = Actor::EMPLOYER_SIDE;
const ADMIN: &[Actor] = &[Actor::Administration];
const ADMIN_OR_SYSTEM: &[Actor] = &[Actor::Administration, Actor::System];
const ASP: &[Actor] = &[Actor::Asp];
const ASP_OR_SYSTEM: &[Actor] = &[Actor::Asp, Actor::System];
const SUBMIT_GUARDS: &[DiGuard] = &[
    DiGuard::MonthEnded,
    DiGuard::LinesValid,
    DiGuard::WithinClaimDeadline,
    DiGuard::AuthorisedHours,
    DiGuard::AnnualQuota,
];

impl Machine for DiMachine {
    const ID: &'static str = "apart.di";
    /// 2: the clawback order is `clawback` in the context (it was `recovery`), and its states
    /// and events are `Clawback…` (old names are still read).
    const SCHEMA_VERSION: u32 = 2;
    type State = DiState;
    type Event = DiEvent;
    type Guard = DiGuard;
    type Context = DiContext;
    type Effect = DiEffect;

    fn initial() -> DiState {
        DiState::Draft
    }

    /// What each state's transitions have written: a claim edited by hand into a state it
    /// never reached (sent without a sending date, paid without a payment) is refused when
    /// restored.
    fn check(state: DiState, c: &DiContext) -> Result<(), &'static str> {
        use DiState as S;
        let sent = c.submitted_at.is_some();
        let paid = sent && c.payment.is_some();
        let (ok, what) = match state {
            S::Draft => (!sent && c.rejection.is_none(), "submitted_at"),
            S::Withdrawn => (true, ""),
            S::Submitted | S::UnderInstruction | S::AwaitingUtVisa | S::Validated => {
                (sent, "submitted_at")
            }
            S::PaymentRequested => (sent, "submitted_at"),
            S::PaymentInvalidated => (
                sent && c.payment_invalidation.is_some(),
                "payment_invalidation",
            ),
            S::Rejected => (sent && c.rejection.is_some(), "rejection"),
            S::Paid => (paid, "payment"),
            S::ClawbackToIssue | S::ClawbackIssued | S::ClawbackInvalidated => {
                (paid && c.clawback.is_some(), "clawback")
            }
        };
        if !ok {
            return Err(what);
        }
        facts_fit(c)
    }

    fn migrate(
        from_version: u32,
        mut context: serde_json::Value,
    ) -> Result<serde_json::Value, SnapshotError> {
        match from_version {
            1 => {
                if let Some(fields) = context.as_object_mut() {
                    if let Some(order) = fields.remove("recovery") {
                        fields.insert("clawback".to_owned(), order);
                    }
                }
                Ok(context)
            }
            found => Err(SnapshotError::VersionUnsupported {
                machine: Self::ID,
                found,
                supported: Self::SCHEMA_VERSION,
            }),
        }
    }

    fn migrate_event_name(from_version: u32, event: &str) -> Option<&'static str> {
        match (from_version, event) {
            (1, "OpenRecovery") => Some("OpenClawback"),
            (1, "IssueRecovery") => Some("IssueClawback"),
            (1, "CancelRecovery") => Some("CancelClawback"),
            _ => None,
        }
    }

    fn table() -> &'static [Transition<Self>] {
        use super::DiEventKind as E;
        use DiState as S;
        const T: &[Transition<DiMachine>] = &[
            Transition::new(S::Draft, E::Edit, S::Draft).actors(EMPLOYER),
            Transition::new(S::Draft, E::Submit, S::Submitted)
                .guards(SUBMIT_GUARDS)
                .actors(EMPLOYER),
            Transition::new(S::Draft, E::Withdraw, S::Withdrawn).actors(EMPLOYER),
            Transition::new(S::Submitted, E::Withdraw, S::Withdrawn).actors(EMPLOYER),
            Transition::new(S::Submitted, E::StartInstruction, S::UnderInstruction).actors(ADMIN),
            Transition::new(S::Submitted, E::Validate, S::Validated).actors(ADMIN),
            Transition::new(S::Submitted, E::Reject, S::Rejected)
                .guards(&[DiGuard::RejectionValid])
                .actors(ADMIN_OR_SYSTEM),
            Transition::new(S::UnderInstruction, E::RequestUtVisa, S::AwaitingUtVisa).actors(ADMIN),
            Transition::new(S::UnderInstruction, E::Validate, S::Validated).actors(ADMIN),
            Transition::new(S::UnderInstruction, E::Reject, S::Rejected)
                .guards(&[DiGuard::RejectionValid])
                .actors(ADMIN_OR_SYSTEM),
            Transition::new(S::AwaitingUtVisa, E::Validate, S::Validated).actors(ADMIN),
            Transition::new(S::AwaitingUtVisa, E::Reject, S::Rejected)
                .guards(&[DiGuard::RejectionValid])
                .actors(ADMIN_OR_SYSTEM),
            Transition::new(S::Rejected, E::Regularise, S::Validated)
                .guards(&[DiGuard::RejectedByThisIncident])
                .actors(ASP_OR_SYSTEM),
            Transition::new(S::Rejected, E::Correct, S::Draft)
                .guards(&[DiGuard::BusinessRejection, DiGuard::WithinClaimDeadline])
                .actors(EMPLOYER),
            Transition::new(S::Validated, E::RequestPayment, S::PaymentRequested).actors(ASP),
            Transition::new(S::PaymentRequested, E::ConfirmPayment, S::Paid)
                .guards(&[DiGuard::AmountPositive, DiGuard::PaidOnStorable])
                .actors(ASP),
            Transition::new(
                S::PaymentRequested,
                E::InvalidatePayment,
                S::PaymentInvalidated,
            )
            .guards(&[DiGuard::ReasonGiven])
            .actors(ASP),
            Transition::new(
                S::PaymentInvalidated,
                E::RequestPayment,
                S::PaymentRequested,
            )
            .actors(ASP),
            Transition::new(S::Paid, E::OpenClawback, S::ClawbackToIssue)
                .guards(&[DiGuard::AmountPositive, DiGuard::ReasonGiven])
                .actors(ASP),
            Transition::new(S::ClawbackToIssue, E::IssueClawback, S::ClawbackIssued).actors(ASP),
            Transition::new(
                S::ClawbackToIssue,
                E::CancelClawback,
                S::ClawbackInvalidated,
            )
            .actors(ASP),
            Transition::new(S::ClawbackIssued, E::CancelClawback, S::ClawbackInvalidated)
                .actors(ASP),
        ];
        T
    }

    fn guard(
        guard: DiGuard,
        snapshot: &Snapshot<Self>,
        event: Option<&DiEvent>,
        now: OffsetDateTime,
    ) -> Result<(), Refusal> {
        let ctx = snapshot.context();
        match guard {
            DiGuard::LinesValid => check_lines(&ctx.lines).map_err(Refusal::from),
            DiGuard::MonthEnded => {
                // Hours not worked are known once the month is over (« à terme échu »); a
                // claim sent earlier would declare days still to come.
                if local_date(now) <= ctx.month.last_day() {
                    Err(ProcedureError::DiMonthNotEnded {
                        month: ctx.month.to_string(),
                        from: ctx.month.next().first_day(),
                    }
                    .into())
                } else {
                    Ok(())
                }
            }
            DiGuard::WithinClaimDeadline => {
                if local_date(now) > ctx.da.claims_last_day {
                    Err(ProcedureError::DiClaimDeadlinePassed {
                        last_day: ctx.da.claims_last_day,
                    }
                    .into())
                } else {
                    Ok(())
                }
            }
            DiGuard::AuthorisedHours => {
                let Some(DiEvent::Submit { facts }) = event else {
                    return Ok(());
                };
                facts.check()?;
                let claimed = facts
                    .hours_claimed_on_da
                    .checked_add(ctx.total_hours()?)
                    .ok_or(ProcedureError::HoursOutOfRange {
                        field: "hours_claimed_on_da",
                        line: None,
                        max: None,
                    })?;
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
            DiGuard::AnnualQuota => {
                let facts = match event {
                    Some(DiEvent::Submit { facts }) => facts,
                    _ => &ClaimFacts::default(),
                };
                check_quota(ctx, facts).map_err(Refusal::from)
            }
            DiGuard::RejectionValid => match event {
                Some(DiEvent::Reject { rejection }) => {
                    crate::procedure::reason::check_reason(&rejection.reason, "reason")?;
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
            DiGuard::RejectedByThisIncident => {
                let cause = ctx.rejection.as_ref().map(|r| &r.cause);
                match (cause, event) {
                    (
                        Some(RejectionCause::Incident { incident_id }),
                        Some(DiEvent::Regularise { incident_id: given }),
                    ) if incident_id == given => Ok(()),
                    (Some(RejectionCause::Incident { .. }), None) => Ok(()),
                    (_, Some(DiEvent::Regularise { incident_id })) => {
                        Err(ProcedureError::NotRejectedByIncident {
                            incident_id: Some(quote(incident_id)),
                        }
                        .into())
                    }
                    _ => Err(ProcedureError::NotRejectedByIncident { incident_id: None }.into()),
                }
            }
            DiGuard::BusinessRejection => match ctx.rejection.as_ref().map(|r| &r.cause) {
                Some(RejectionCause::Incident { .. }) => {
                    Err(ProcedureError::RejectedByIncident.into())
                }
                _ => Ok(()),
            },
            DiGuard::AmountPositive => {
                let (amount, field) = match event {
                    Some(DiEvent::ConfirmPayment { amount, .. }) => (amount, "amount"),
                    Some(DiEvent::OpenClawback { amount, .. }) => (amount, "amount"),
                    _ => return Ok(()),
                };
                if *amount <= Decimal::ZERO {
                    return Err(ProcedureError::AmountNotPositive { field }.into());
                }
                // Money is in cents, and no claim pays a billion euros: a typing error.
                if amount.normalize().scale() > 2 || *amount > super::MAX_PAYMENT {
                    return Err(ProcedureError::AmountInvalid {
                        field,
                        max: super::MAX_PAYMENT.to_string(),
                    }
                    .into());
                }
                match (event, &ctx.payment) {
                    (Some(DiEvent::OpenClawback { .. }), Some(paid)) if *amount > paid.amount => {
                        Err(ProcedureError::ClawbackExceedsPayment {
                            paid: paid.amount.to_string(),
                            clawback: amount.to_string(),
                        }
                        .into())
                    }
                    _ => Ok(()),
                }
            }
            DiGuard::PaidOnStorable => match event {
                Some(DiEvent::ConfirmPayment { paid_on, .. }) if !is_storable_date(*paid_on) => {
                    Err(ProcedureError::DateOutOfRange {
                        field: "paid_on",
                        date: *paid_on,
                    }
                    .into())
                }
                Some(DiEvent::ConfirmPayment { paid_on, .. }) => match ctx.submitted_at {
                    Some(at) if *paid_on < local_date(at) => {
                        Err(ProcedureError::PaidBeforeSubmission {
                            paid_on: *paid_on,
                            submitted_on: local_date(at),
                        }
                        .into())
                    }
                    _ => Ok(()),
                },
                _ => Ok(()),
            },
            DiGuard::ReasonGiven => {
                let reason = match event {
                    Some(DiEvent::InvalidatePayment { reason })
                    | Some(DiEvent::OpenClawback { reason, .. }) => reason,
                    _ => return Ok(()),
                };
                crate::procedure::reason::check_reason(reason, "reason").map_err(Refusal::from)
            }
        }
    }

    fn act(
        row: &Transition<Self>,
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
            DiEvent::OpenClawback { amount, reason } => {
                ctx.clawback = Some(Clawback {
                    amount: *amount,
                    reason: reason.trim().to_owned(),
                });
            }
            DiEvent::Withdraw
            | DiEvent::StartInstruction
            | DiEvent::RequestUtVisa
            | DiEvent::Validate
            | DiEvent::RequestPayment
            | DiEvent::IssueClawback
            | DiEvent::CancelClawback => {}
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
/// not negative and at most [`MAX_LINE_HOURS`](super::MAX_LINE_HOURS) (744 h, a month of 31
/// days), and training hours within the hours not worked (they are « dont formation »).
///
/// # Errors
///
/// The first problem found, line by line: `DI_NO_EMPLOYEE_LINE`, `DI_EMPLOYEE_NAME_REQUIRED`,
/// `DI_EMPLOYEE_NAME_INVALID`, `DI_NIR_INVALID`, `DI_DUPLICATE_EMPLOYEE`, `DI_NEGATIVE_HOURS`, `DI_HOURS_OUT_OF_RANGE`,
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
        if l.employee.chars().count() > super::MAX_EMPLOYEE_NAME_CHARS
            || l.employee
                .chars()
                .any(crate::diagnostic::is_escaped_in_messages)
        {
            return Err(ProcedureError::EmployeeNameInvalid {
                line,
                max: super::MAX_EMPLOYEE_NAME_CHARS,
            });
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
        for (field, hours) in [
            ("hours_not_worked", l.hours_not_worked),
            ("training_hours", l.training_hours),
        ] {
            if hours > super::MAX_LINE_HOURS {
                return Err(ProcedureError::HoursOutOfRange {
                    field,
                    line: Some(line),
                    max: Some(super::MAX_LINE_HOURS_TEXT),
                });
            }
        }
        if l.training_hours > l.hours_not_worked {
            return Err(ProcedureError::TrainingExceedsHours { line });
        }
    }
    Ok(())
}
