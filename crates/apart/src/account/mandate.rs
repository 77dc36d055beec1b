//! Machine E (spec §1.6): an accountant mandate, the « contrat de prestation » that lets named
//! users of a firm of chartered accountants act for one establishment.
//!
//! A mandate is per establishment (SIRET) and per named accountant user, and may end on a date
//! through `tick` (spec §10 Q6). Accepting it grants an accountant habilitation to each named
//! user; ending it revokes them (I4) — both as effects for the caller to apply to machine C.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::AccountError;
use super::identifier::{canonical_identifier, canonical_list};
use crate::machine::{Actor, Machine, Refusal, Snapshot, Transition};
use crate::siret::Siret;

crate::spelled_enum! {
    /// A signing party of the contract.
    pub enum Party: "party" {
        /// The establishment (its principal user).
        Establishment = "establishment",
        /// The firm of chartered accountants.
        Accountant = "accountant",
    }
}

crate::spelled_enum! {
    /// Who ended a mandate.
    pub enum EndedBy: "ended by" {
        /// The establishment.
        Establishment = "establishment",
        /// The accountant firm.
        Accountant = "accountant",
        /// The ASP.
        Asp = "asp",
        /// The contract's end date.
        EndDate = "end_date",
    }
}

/// A mandate's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mandate {
    /// The mandate's id (chosen by the caller).
    pub id: String,
    /// The establishment's SIRET (in JSON: its 14 digits).
    pub siret: Siret,
    /// The accountant firm's own SIRET (in JSON: its 14 digits).
    pub firm_siret: Siret,
    /// The credentials of the named accountant users, in canonical form
    /// ([`canonical_identifier`](super::canonical_identifier)).
    #[serde(deserialize_with = "canonical_list")]
    pub accountant_users: Vec<String>,
    /// When the contract ends by itself, if it does.
    #[serde(default, with = "crate::calendar::serde::option_instant")]
    pub ends_at: Option<OffsetDateTime>,
    /// Whether the establishment signed.
    #[serde(default)]
    pub establishment_signed: bool,
    /// Whether the firm signed.
    #[serde(default)]
    pub accountant_signed: bool,
    /// Whether the contract was sent to the ASP (contact-ap@asp-public.fr).
    #[serde(default)]
    pub sent_to_asp: bool,
    /// The ASP's reason for a rejection.
    #[serde(default)]
    pub rejection_reason: Option<String>,
    /// Who ended it.
    #[serde(default)]
    pub ended_by: Option<EndedBy>,
}

impl Mandate {
    /// A draft mandate.
    pub fn new(
        id: &str,
        siret: Siret,
        firm_siret: Siret,
        accountant_users: &[&str],
        ends_at: Option<OffsetDateTime>,
    ) -> Self {
        Mandate {
            id: id.to_owned(),
            siret,
            firm_siret,
            accountant_users: accountant_users
                .iter()
                .map(|u| canonical_identifier(u))
                .collect(),
            ends_at,
            establishment_signed: false,
            accountant_signed: false,
            sent_to_asp: false,
            rejection_reason: None,
            ended_by: None,
        }
    }

    fn signed_by(&self, party: Party) -> bool {
        match party {
            Party::Establishment => self.establishment_signed,
            Party::Accountant => self.accountant_signed,
        }
    }
}

crate::machine::state_enum! {
    /// The states of a mandate.
    pub enum MandateState {
        /// Being prepared.
        Draft,
        /// The contract was generated: waiting for both signatures and the sending to the ASP.
        AwaitingSignatures,
        /// Signed and sent: waiting for the ASP.
        Submitted,
        /// In force: the accountant users hold habilitations.
        Active,
        /// Ended; the habilitations were revoked.
        Terminated,
        /// Rejected by the ASP.
        Rejected,
        /// Abandoned before submission.
        Cancelled,
    }
}

/// The events of a mandate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
#[non_exhaustive]
pub enum MandateEvent {
    /// Generate the contract document to sign.
    GenerateContract,
    /// A party signed.
    RecordSignature {
        /// Who.
        party: Party,
    },
    /// The signed contract was e-mailed to the ASP.
    SubmitToAsp,
    /// The ASP accepts the mandate.
    AspAccept,
    /// The ASP rejects it.
    AspReject {
        /// Why (required).
        reason: String,
    },
    /// A party or the ASP ends the mandate.
    Terminate {
        /// Who.
        by: EndedBy,
    },
    /// The end date is reached (timed).
    Expire,
    /// Abandon the mandate before submission.
    Cancel,
}

crate::machine::event_kinds! {
    /// The kinds of [`MandateEvent`]: what the rows of [`MandateMachine`]'s table name.
    ///
    /// ```
    /// use apart::machine::{EventKind, Machine};
    /// use apart::account::{MandateEventKind, MandateMachine};
    /// assert_eq!(MandateEventKind::GenerateContract.name(), "GenerateContract");
    /// assert_eq!(MandateMachine::table()[0].event, MandateEventKind::GenerateContract);
    /// ```
    pub enum MandateEventKind for MandateEvent {
        GenerateContract, RecordSignature, SubmitToAsp, AspAccept, AspReject, Terminate, Expire,
        Cancel,
    }
}

/// What the caller must do after a mandate transition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
#[non_exhaustive]
pub enum MandateEffect {
    /// Produce the contract document for both parties to sign.
    RenderContractDocument {
        /// The mandate.
        mandate_id: String,
    },
    /// Create and grant an accountant habilitation (machine C: `Request{Accountant}` then
    /// `Grant`) for this user on the establishment.
    GrantAccountantHabilitation {
        /// The user's credential.
        credential: String,
        /// The establishment.
        siret: Siret,
        /// The mandate.
        mandate_id: String,
    },
    /// Revoke this user's accountant habilitation on the establishment (I4 cascade).
    RevokeAccountantHabilitation {
        /// The user's credential.
        credential: String,
        /// The establishment.
        siret: Siret,
        /// The mandate.
        mandate_id: String,
    },
}

impl MandateEffect {
    /// A short stable name of the effect, for logs and test vectors.
    pub fn kind(&self) -> &'static str {
        match self {
            MandateEffect::RenderContractDocument { .. } => "RenderContractDocument",
            MandateEffect::GrantAccountantHabilitation { .. } => "GrantAccountantHabilitation",
            MandateEffect::RevokeAccountantHabilitation { .. } => "RevokeAccountantHabilitation",
        }
    }
}

crate::machine::guard_enum! {
    /// The checks of the mandate machine's rows.
    ///
    /// The first row of `GenerateContract` (from `Draft`) requires this guard:
    ///
    /// ```
    /// use apart::machine::{EventKind, Guard, Machine};
    /// use apart::account::{MandateGuard, MandateMachine};
    /// let row = MandateMachine::table()
    ///     .iter()
    ///     .find(|row| row.event.name() == "GenerateContract")
    ///     .ok_or("no row")?;
    /// assert_eq!(row.guards[0], MandateGuard::PartiesIdentified);
    /// let names: Vec<&str> = row.guards.iter().map(|g| g.name()).collect();
    /// assert_eq!(names, ["parties_identified"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum MandateGuard {
        /// The contract names an accountant firm other than the establishment and its users.
        PartiesIdentified = "parties_identified",
        /// The party signing has not signed yet.
        NotSignedYet = "not_signed_yet",
        /// Both signatures and the sending to the ASP are there once this event is taken.
        Completes = "completes",
        /// The mandate's end date has not passed.
        EndInFuture = "end_in_future",
        /// A rejection by the ASP gives its reason.
        ReasonGiven = "reason_given",
        /// The mandate's end date is reached.
        EndReached = "end_reached",
    }
}

/// Machine E: a mandate's lifecycle.
///
/// ```
/// use apart::account::{EndedBy, Mandate, MandateEvent, MandateMachine, MandateState, Party};
/// use apart::machine::{Actor, Snapshot};
/// use time::macros::datetime;
/// let now = datetime!(2026-03-02 10:00 UTC);
/// let m = Snapshot::<MandateMachine>::new(Mandate::new("M1", "73282932000074".parse()?, "55208131766522".parse()?, &["EC001"], None))?;
/// let m = m.apply(MandateEvent::GenerateContract, Actor::Accountant, now)?.snapshot;
/// let m = m.apply(MandateEvent::RecordSignature { party: Party::Establishment }, Actor::Principal, now)?.snapshot;
/// let m = m.apply(MandateEvent::RecordSignature { party: Party::Accountant }, Actor::Accountant, now)?.snapshot;
/// let m = m.apply(MandateEvent::SubmitToAsp, Actor::Accountant, now)?.snapshot;
/// let m = m.apply(MandateEvent::AspAccept, Actor::Asp, now)?.snapshot;
/// let end = m.apply(MandateEvent::Terminate { by: EndedBy::Establishment }, Actor::Principal, now)?;
/// assert_eq!(end.snapshot.state(), MandateState::Terminated);
/// assert_eq!(end.effects[0].kind(), "RevokeAccountantHabilitation");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct MandateMachine;

/// A stored mandate.
pub type MandateSnapshot = Snapshot<MandateMachine>;

const PARTIES: &[Actor] = &[Actor::Principal, Actor::Accountant];
const ASP: &[Actor] = &[Actor::Asp];
const ENDERS: &[Actor] = &[Actor::Principal, Actor::Accountant, Actor::Asp];
const SYSTEM: &[Actor] = &[Actor::System];

impl Machine for MandateMachine {
    const ID: &'static str = "apart.mandate";
    const SCHEMA_VERSION: u32 = 1;
    type State = MandateState;
    type Event = MandateEvent;
    type Guard = MandateGuard;
    type Context = Mandate;
    type Effect = MandateEffect;

    fn initial() -> MandateState {
        MandateState::Draft
    }

    fn table() -> &'static [Transition<Self>] {
        use MandateEventKind as E;
        use MandateState::*;
        const T: &[Transition<MandateMachine>] = &[
            Transition::new(Draft, E::GenerateContract, AwaitingSignatures)
                .guards(&[MandateGuard::PartiesIdentified])
                .actors(PARTIES),
            Transition::new(AwaitingSignatures, E::RecordSignature, Submitted)
                .guards(&[MandateGuard::NotSignedYet, MandateGuard::Completes])
                .actors(PARTIES),
            Transition::new(AwaitingSignatures, E::RecordSignature, AwaitingSignatures)
                .guards(&[MandateGuard::NotSignedYet])
                .actors(PARTIES),
            Transition::new(AwaitingSignatures, E::SubmitToAsp, Submitted)
                .guards(&[MandateGuard::Completes])
                .actors(PARTIES),
            Transition::new(AwaitingSignatures, E::SubmitToAsp, AwaitingSignatures).actors(PARTIES),
            Transition::new(Submitted, E::AspAccept, Active)
                .guards(&[MandateGuard::EndInFuture])
                .actors(ASP),
            Transition::new(Submitted, E::AspReject, Rejected)
                .guards(&[MandateGuard::ReasonGiven])
                .actors(ASP),
            Transition::new(Active, E::Terminate, Terminated).actors(ENDERS),
            Transition::new(Active, E::Expire, Terminated)
                .guards(&[MandateGuard::EndReached])
                .actors(SYSTEM),
            Transition::new(Draft, E::Cancel, Cancelled).actors(PARTIES),
            Transition::new(AwaitingSignatures, E::Cancel, Cancelled).actors(PARTIES),
        ];
        T
    }

    fn guard(
        guard: MandateGuard,
        snap: &Snapshot<Self>,
        event: Option<&MandateEvent>,
        now: OffsetDateTime,
    ) -> Result<(), Refusal> {
        use MandateEvent::*;
        let m = snap.context();
        let refuse = |e: AccountError| Err(e.refusal());
        match (guard, event) {
            (MandateGuard::PartiesIdentified, Some(GenerateContract)) => {
                if m.siret == m.firm_siret
                    || m.accountant_users.is_empty()
                    || m.accountant_users.iter().any(|u| u.trim().is_empty())
                {
                    refuse(AccountError::MandatePartiesMissing)
                } else {
                    Ok(())
                }
            }
            (MandateGuard::NotSignedYet, Some(RecordSignature { party }))
                if m.signed_by(*party) =>
            {
                refuse(AccountError::MandateAlreadySigned {
                    party: party.as_str().to_owned(),
                })
            }
            (MandateGuard::Completes, Some(event)) => {
                let (mut est, mut acc, mut sent) =
                    (m.establishment_signed, m.accountant_signed, m.sent_to_asp);
                match event {
                    RecordSignature {
                        party: Party::Establishment,
                    } => est = true,
                    RecordSignature {
                        party: Party::Accountant,
                    } => acc = true,
                    SubmitToAsp => sent = true,
                    _ => {}
                }
                if est && acc && sent {
                    Ok(())
                } else {
                    refuse(AccountError::MandateIncomplete)
                }
            }
            (MandateGuard::EndInFuture, _) if m.ends_at.is_some_and(|end| end <= now) => {
                refuse(AccountError::MandateEndBeforeStart)
            }
            (MandateGuard::ReasonGiven, Some(AspReject { reason })) if reason.trim().is_empty() => {
                refuse(AccountError::ReasonRequired)
            }
            (MandateGuard::EndReached, _) if m.ends_at.is_none_or(|end| now < end) => {
                refuse(AccountError::MandateEndNotReached)
            }
            _ => Ok(()),
        }
    }

    fn act(
        _row: &Transition<Self>,
        m: &mut Mandate,
        event: &MandateEvent,
        _now: OffsetDateTime,
    ) -> Result<Vec<MandateEffect>, Refusal> {
        use MandateEvent::*;
        let each = |m: &Mandate, revoke: bool| {
            m.accountant_users
                .iter()
                .map(|credential| {
                    let (credential, siret, mandate_id) =
                        (credential.clone(), m.siret, m.id.clone());
                    if revoke {
                        MandateEffect::RevokeAccountantHabilitation {
                            credential,
                            siret,
                            mandate_id,
                        }
                    } else {
                        MandateEffect::GrantAccountantHabilitation {
                            credential,
                            siret,
                            mandate_id,
                        }
                    }
                })
                .collect::<Vec<_>>()
        };
        let effects = match event {
            GenerateContract => vec![MandateEffect::RenderContractDocument {
                mandate_id: m.id.clone(),
            }],
            RecordSignature {
                party: Party::Establishment,
            } => {
                m.establishment_signed = true;
                vec![]
            }
            RecordSignature {
                party: Party::Accountant,
            } => {
                m.accountant_signed = true;
                vec![]
            }
            SubmitToAsp => {
                m.sent_to_asp = true;
                vec![]
            }
            AspAccept => each(m, false),
            AspReject { reason } => {
                m.rejection_reason = Some(reason.clone());
                vec![]
            }
            Terminate { by } => {
                m.ended_by = Some(*by);
                each(m, true)
            }
            Expire => {
                m.ended_by = Some(EndedBy::EndDate);
                each(m, true)
            }
            Cancel => vec![],
        };
        Ok(effects)
    }

    /// A mandate past its signatures was signed by both parties and sent to the ASP, between
    /// two different establishments; an ended or rejected one says by whom or why.
    fn check(state: MandateState, m: &Mandate) -> Result<(), &'static str> {
        use MandateState::*;
        let complete = m.establishment_signed && m.accountant_signed && m.sent_to_asp;
        match state {
            Submitted | Active | Terminated | Rejected if !complete => Err("signatures"),
            Terminated if m.ended_by.is_none() => Err("ended_by"),
            Rejected if m.rejection_reason.is_none() => Err("rejection_reason"),
            AwaitingSignatures | Submitted | Active | Terminated | Rejected
                if m.siret == m.firm_siret =>
            {
                Err("firm_siret")
            }
            _ => Ok(()),
        }
    }

    fn timer(snap: &Snapshot<Self>) -> Option<(OffsetDateTime, MandateEvent)> {
        match snap.state() {
            MandateState::Active => snap.context().ends_at.map(|at| (at, MandateEvent::Expire)),
            _ => None,
        }
    }
}
