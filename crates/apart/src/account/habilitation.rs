//! Machine C (spec §1.5): a habilitation, i.e. what one credential may do on one establishment
//! in one application; and invariants I1–I4 over the caller's set of habilitations.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::AccountError;
use super::identifier::{canonical, canonical_identifier, same_identifier};
use crate::machine::{Actor, Machine, Refusal, Snapshot, Step, Transition, TransitionError};
use crate::siret::Siret;

crate::spelled_enum! {
    /// An ASP application a habilitation opens (the credential itself is ASP-wide).
    #[derive(PartialOrd, Ord)]
    #[non_exhaustive]
    #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
    pub enum Application: "application" {
        /// The activité partielle extranet.
        Apart = "apart",
        /// Sylaé (contrats aidés).
        Sylae = "sylae",
        /// ELISA.
        Elisa = "elisa",
        /// Entreprise adaptée.
        EntrepriseAdaptee = "entreprise_adaptee",
        /// RemuNet.
        Remunet = "remunet",
    }
}

crate::spelled_enum! {
    /// The role a habilitation gives on its establishment.
    pub enum Role: "role" {
        /// « Compte principal utilisateur (Personne à contacter) »: exactly one per establishment
        /// (I1); adds the other users.
        Principal = "principal",
        /// A further user, requested by the principal.
        Member = "member",
        /// A chartered accountant acting under a mandate (I4).
        Accountant = "accountant",
    }
}

/// The configurable limits of habilitations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HabilitationPolicy {
    /// Establishments one credential may hold per application (I2; 200 in the APART guide).
    pub max_per_credential: u32,
}

impl Default for HabilitationPolicy {
    fn default() -> Self {
        HabilitationPolicy {
            max_per_credential: 200,
        }
    }
}

/// A habilitation's record: whose, on which establishment, for which application, in which role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Habilitation {
    /// The credential's identifier, in canonical form
    /// ([`canonical_identifier`](super::canonical_identifier)).
    #[serde(deserialize_with = "canonical")]
    pub credential: String,
    /// The establishment's SIRET (in JSON: its 14 digits).
    pub siret: Siret,
    /// The application.
    pub application: Application,
    /// The role (set by `Request`, changed only by a principal transfer).
    pub role: Role,
    /// The mandate an accountant habilitation derives from (I4).
    #[serde(default)]
    pub mandate_id: Option<String>,
    /// When it was granted.
    #[serde(default, with = "crate::calendar::serde::option_instant")]
    pub granted_at: Option<OffsetDateTime>,
    /// From when it works (defaults to the grant; spec §10 Q5).
    #[serde(default, with = "crate::calendar::serde::option_instant")]
    pub effective_at: Option<OffsetDateTime>,
    /// The reason of the last refusal, suspension or revocation.
    #[serde(default)]
    pub reason: Option<String>,
}

impl Habilitation {
    /// A habilitation not yet requested, for `credential` (kept in canonical form) on `siret` in
    /// `application`.
    pub fn new(credential: &str, siret: Siret, application: Application) -> Self {
        Habilitation {
            credential: canonical_identifier(credential),
            siret,
            application,
            role: Role::Member,
            mandate_id: None,
            granted_at: None,
            effective_at: None,
            reason: None,
        }
    }
}

crate::machine::state_enum! {
    /// The states of a habilitation.
    pub enum HabilitationState {
        /// Not requested yet.
        New,
        /// Waiting for the ASP's grant.
        Requested,
        /// Working (from `effective_at`).
        Active,
        /// Suspended by the ASP.
        Suspended,
        /// Revoked for good.
        Revoked,
        /// Refused by the ASP.
        Refused,
    }
}

/// The outside facts a request is checked against (I1, I2, I4). Build them with
/// [`RequestFacts::from_records`] from the caller's habilitations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestFacts {
    /// Live (requested, active or suspended) habilitations the credential already holds in
    /// this application.
    pub credential_habilitations: u32,
    /// Whether the establishment already has a requested or active principal.
    pub establishment_has_principal: bool,
    /// Whether that principal is active (members are added by an active principal, I1).
    #[serde(default)]
    pub principal_active: bool,
    /// Whether the mandate named by an accountant request is active.
    #[serde(default)]
    pub mandate_active: bool,
    /// The I2 limit.
    #[serde(default = "default_limit")]
    pub limit: u32,
}

fn default_limit() -> u32 {
    HabilitationPolicy::default().max_per_credential
}

impl RequestFacts {
    /// The facts for a new habilitation of `credential` on `siret` in `application`, from the
    /// caller's habilitations `records` (those of the credential and of the establishment are
    /// enough).
    ///
    /// ```
    /// use apart::account::{Application, HabilitationPolicy, RequestFacts};
    /// let siret = "73282932000074".parse()?;
    /// let facts = RequestFacts::from_records(&[], "ID12345", siret, Application::Apart, false, &HabilitationPolicy::default());
    /// assert_eq!((facts.credential_habilitations, facts.establishment_has_principal, facts.limit), (0, false, 200));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_records(
        records: &[HabilitationSnapshot],
        credential: &str,
        siret: Siret,
        application: Application,
        mandate_active: bool,
        policy: &HabilitationPolicy,
    ) -> Self {
        let live = |s: &&HabilitationSnapshot| s.context().application == application && is_live(s);
        RequestFacts {
            credential_habilitations: u32::try_from(
                records
                    .iter()
                    .filter(live)
                    .filter(|s| same_identifier(&s.context().credential, credential))
                    .count(),
            )
            .unwrap_or(u32::MAX),
            establishment_has_principal: records.iter().filter(live).any(|s| {
                s.context().siret == siret
                    && s.context().role == Role::Principal
                    && matches!(
                        s.state(),
                        HabilitationState::Requested | HabilitationState::Active
                    )
            }),
            principal_active: records.iter().filter(live).any(|s| {
                s.context().siret == siret
                    && s.context().role == Role::Principal
                    && s.state() == HabilitationState::Active
            }),
            mandate_active,
            limit: policy.max_per_credential,
        }
    }
}

fn is_live(s: &HabilitationSnapshot) -> bool {
    matches!(
        s.state(),
        HabilitationState::Requested | HabilitationState::Active | HabilitationState::Suspended
    )
}

/// The other live habilitations on `snap`'s establishment and application: the fact
/// `Refuse` needs.
pub fn others_live(records: &[HabilitationSnapshot], snap: &HabilitationSnapshot) -> u32 {
    let h = snap.context();
    let n = records
        .iter()
        .filter(|s| is_live(s))
        .filter(|s| {
            let o = s.context();
            o.siret == h.siret
                && o.application == h.application
                && !same_identifier(&o.credential, &h.credential)
        })
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The events of a habilitation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
#[non_exhaustive]
pub enum HabilitationEvent {
    /// Ask for the habilitation in `role`.
    Request {
        /// The role asked for.
        role: Role,
        /// The mandate, for an accountant.
        #[serde(default)]
        mandate_id: Option<String>,
        /// The facts about the other habilitations.
        facts: RequestFacts,
    },
    /// The ASP grants it; it works from `effective_at` (default: now).
    Grant {
        /// When it starts working, if later than now.
        #[serde(default, with = "crate::calendar::serde::option_instant")]
        effective_at: Option<OffsetDateTime>,
    },
    /// The ASP refuses it.
    Refuse {
        /// Why (required).
        reason: String,
        /// Other live habilitations on the same establishment and application
        /// ([`others_live`]): a principal request can only be refused when there is none (I1).
        #[serde(default)]
        others_live: u32,
    },
    /// The ASP suspends it.
    Suspend {
        /// Why (required).
        reason: String,
    },
    /// The ASP lifts the suspension.
    Reinstate,
    /// It is withdrawn: by the principal (members only), the ASP, or a mandate's end (I4).
    Revoke {
        /// Why (required).
        reason: String,
    },
    /// The principal role goes to `to`; this habilitation stays as a member, or is revoked
    /// when `keep_access` is false. Use [`transfer_principal`] to change both sides at once.
    TransferPrincipal {
        /// The new principal's credential (read in canonical form).
        #[serde(deserialize_with = "canonical")]
        to: String,
        /// Whether `to` holds a requested or active habilitation on the same establishment.
        target_eligible: bool,
        /// Whether the former principal keeps a member habilitation.
        keep_access: bool,
    },
    /// This member habilitation becomes the principal (the other side of a transfer).
    BecomePrincipal,
}

crate::machine::event_kinds! {
    /// The kinds of [`HabilitationEvent`]: what the rows of [`HabilitationMachine`]'s table name.
    ///
    /// ```
    /// use apart::machine::{EventKind, Machine};
    /// use apart::account::{HabilitationEventKind, HabilitationMachine};
    /// assert_eq!(HabilitationEventKind::Request.name(), "Request");
    /// assert_eq!(HabilitationMachine::table()[0].event, HabilitationEventKind::Request);
    /// ```
    pub enum HabilitationEventKind for HabilitationEvent {
        Request, Grant, Refuse, Suspend, Reinstate, Revoke, TransferPrincipal, BecomePrincipal,
    }
}

/// What the caller must do after a habilitation transition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
#[non_exhaustive]
pub enum HabilitationEffect {
    /// Send the e-mail « Habilitation à l'activité partielle »: until it is received, no
    /// declaration can be made.
    SendHabilitationEmail {
        /// The credential.
        credential: String,
        /// The establishment.
        siret: Siret,
        /// From when it works (RFC 3339).
        effective_at: String,
    },
    /// Send `BecomePrincipal` to `credential`'s habilitation on `siret`.
    PromoteToPrincipal {
        /// The new principal.
        credential: String,
        /// The establishment.
        siret: Siret,
    },
}

impl HabilitationEffect {
    /// A short stable name of the effect, for logs and test vectors.
    pub fn kind(&self) -> &'static str {
        match self {
            HabilitationEffect::SendHabilitationEmail { .. } => "SendHabilitationEmail",
            HabilitationEffect::PromoteToPrincipal { .. } => "PromoteToPrincipal",
        }
    }
}

crate::machine::guard_enum! {
    /// The checks of the habilitation machine's rows.
    ///
    /// The first row of `Request` (from `New`) requires these guards:
    ///
    /// ```
    /// use apart::machine::{EventKind, Guard, Machine};
    /// use apart::account::{HabilitationGuard, HabilitationMachine};
    /// let row = HabilitationMachine::table()
    ///     .iter()
    ///     .find(|row| row.event.name() == "Request")
    ///     .ok_or("no row")?;
    /// assert_eq!(row.guards[0], HabilitationGuard::WithinLimit);
    /// let names: Vec<&str> = row.guards.iter().map(|g| g.name()).collect();
    /// assert_eq!(names, ["within_limit", "principal_slot", "principal_active", "mandate_active"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum HabilitationGuard {
        /// The user is below the limit of habilitations.
        WithinLimit = "within_limit",
        /// A principal is asked only where the establishment has none.
        PrincipalSlot = "principal_slot",
        /// An accountant's habilitation rests on an active mandate.
        MandateActive = "mandate_active",
        /// The effective date is not before the grant.
        EffectiveAfterGrant = "effective_after_grant",
        /// A refusal, suspension or revocation gives its reason.
        ReasonGiven = "reason_given",
        /// A member is asked only while the establishment has an active principal.
        PrincipalActive = "principal_active",
        /// Refusing leaves the establishment a principal.
        Refusable = "refusable",
        /// The habilitation is not the principal's.
        NotPrincipal = "not_principal",
        /// The habilitation is a member's.
        IsMember = "is_member",
        /// The habilitation is the principal's.
        IsPrincipal = "is_principal",
        /// The transfer's new principal is eligible.
        TargetEligible = "target_eligible",
        /// The former principal keeps an access after the transfer.
        KeepsAccess = "keeps_access",
    }
}

/// Machine C: a habilitation's lifecycle.
///
/// ```
/// use apart::account::{Application, Habilitation, HabilitationEvent, HabilitationMachine, HabilitationState, RequestFacts, Role};
/// use apart::machine::{Actor, Snapshot};
/// use time::macros::datetime;
/// let now = datetime!(2026-03-02 10:00 UTC);
/// let siret = "73282932000074".parse()?;
/// let h = Snapshot::<HabilitationMachine>::new(Habilitation::new("ID12345", siret, Application::Apart))?;
/// // The first user of a new space: no principal yet, no other habilitation.
/// let facts = RequestFacts::from_records(&[], "ID12345", siret, Application::Apart, false, &Default::default());
/// let h = h.apply(HabilitationEvent::Request { role: Role::Principal, mandate_id: None, facts }, Actor::System, now)?.snapshot;
/// let step = h.apply(HabilitationEvent::Grant { effective_at: None }, Actor::Asp, now)?;
/// assert_eq!(step.snapshot.state(), HabilitationState::Active);
/// assert_eq!(step.effects[0].kind(), "SendHabilitationEmail");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct HabilitationMachine;

/// A stored habilitation.
pub type HabilitationSnapshot = Snapshot<HabilitationMachine>;

const ASP: &[Actor] = &[Actor::Asp];
const ASP_SYSTEM: &[Actor] = &[Actor::Asp, Actor::System];
const REQUESTERS: &[Actor] = &[Actor::Principal, Actor::Asp, Actor::System];
const PRINCIPAL: &[Actor] = &[Actor::Principal];
const TRANSFERRERS: &[Actor] = &[Actor::Principal, Actor::Asp];

impl Machine for HabilitationMachine {
    const ID: &'static str = "apart.habilitation";
    const SCHEMA_VERSION: u32 = 1;
    type State = HabilitationState;
    type Event = HabilitationEvent;
    type Guard = HabilitationGuard;
    type Context = Habilitation;
    type Effect = HabilitationEffect;

    fn initial() -> HabilitationState {
        HabilitationState::New
    }

    fn table() -> &'static [Transition<Self>] {
        use HabilitationEventKind as E;
        use HabilitationState::*;
        const T: &[Transition<HabilitationMachine>] = &[
            Transition::new(New, E::Request, Requested)
                .guards(&[
                    HabilitationGuard::WithinLimit,
                    HabilitationGuard::PrincipalSlot,
                    HabilitationGuard::PrincipalActive,
                    HabilitationGuard::MandateActive,
                ])
                .actors(REQUESTERS),
            Transition::new(Requested, E::Grant, Active)
                .guards(&[HabilitationGuard::EffectiveAfterGrant])
                .actors(ASP_SYSTEM),
            Transition::new(Requested, E::Refuse, Refused)
                .guards(&[HabilitationGuard::ReasonGiven, HabilitationGuard::Refusable])
                .actors(ASP),
            Transition::new(Requested, E::Revoke, Revoked)
                .guards(&[
                    HabilitationGuard::ReasonGiven,
                    HabilitationGuard::NotPrincipal,
                ])
                .actors(ASP_SYSTEM),
            Transition::new(Requested, E::BecomePrincipal, Requested)
                .guards(&[HabilitationGuard::IsMember])
                .actors(REQUESTERS),
            Transition::new(Active, E::Suspend, Suspended)
                .guards(&[
                    HabilitationGuard::ReasonGiven,
                    HabilitationGuard::NotPrincipal,
                ])
                .actors(ASP),
            Transition::new(Suspended, E::Reinstate, Active).actors(ASP),
            Transition::new(Active, E::Revoke, Revoked)
                .guards(&[HabilitationGuard::ReasonGiven, HabilitationGuard::IsMember])
                .actors(PRINCIPAL),
            Transition::new(Active, E::Revoke, Revoked)
                .guards(&[
                    HabilitationGuard::ReasonGiven,
                    HabilitationGuard::NotPrincipal,
                ])
                .actors(ASP_SYSTEM),
            Transition::new(Suspended, E::Revoke, Revoked)
                .guards(&[HabilitationGuard::ReasonGiven, HabilitationGuard::IsMember])
                .actors(PRINCIPAL),
            Transition::new(Suspended, E::Revoke, Revoked)
                .guards(&[
                    HabilitationGuard::ReasonGiven,
                    HabilitationGuard::NotPrincipal,
                ])
                .actors(ASP_SYSTEM),
            Transition::new(Active, E::TransferPrincipal, Active)
                .guards(&[
                    HabilitationGuard::IsPrincipal,
                    HabilitationGuard::TargetEligible,
                    HabilitationGuard::KeepsAccess,
                ])
                .actors(TRANSFERRERS),
            Transition::new(Active, E::TransferPrincipal, Revoked)
                .guards(&[
                    HabilitationGuard::IsPrincipal,
                    HabilitationGuard::TargetEligible,
                ])
                .actors(TRANSFERRERS),
            Transition::new(Active, E::BecomePrincipal, Active)
                .guards(&[HabilitationGuard::IsMember])
                .actors(REQUESTERS),
        ];
        T
    }

    fn guard(
        guard: HabilitationGuard,
        snap: &Snapshot<Self>,
        event: Option<&HabilitationEvent>,
        now: OffsetDateTime,
    ) -> Result<(), Refusal> {
        use HabilitationEvent::*;
        let h = snap.context();
        let refuse = |e: AccountError| Err(e.refusal());
        match (guard, event) {
            (HabilitationGuard::WithinLimit, Some(Request { facts, .. }))
                if facts.credential_habilitations >= facts.limit =>
            {
                refuse(AccountError::HabilitationLimitReached { limit: facts.limit })
            }
            (
                HabilitationGuard::PrincipalSlot,
                Some(Request {
                    role: Role::Principal,
                    facts,
                    ..
                }),
            ) if facts.establishment_has_principal => refuse(AccountError::PrincipalAlreadyExists),
            (
                HabilitationGuard::MandateActive,
                Some(Request {
                    role: Role::Accountant,
                    mandate_id,
                    facts,
                }),
            ) if mandate_id.is_none() || !facts.mandate_active => {
                refuse(AccountError::MandateNotActive)
            }
            (
                HabilitationGuard::EffectiveAfterGrant,
                Some(Grant {
                    effective_at: Some(at),
                }),
            ) if *at < now => refuse(AccountError::EffectiveBeforeGrant),
            (
                HabilitationGuard::ReasonGiven,
                Some(Refuse { reason, .. } | Suspend { reason } | Revoke { reason }),
            ) if reason.trim().is_empty() => refuse(AccountError::ReasonRequired),
            (
                HabilitationGuard::PrincipalActive,
                Some(Request {
                    role: Role::Member,
                    facts,
                    ..
                }),
            ) if !facts.principal_active => refuse(AccountError::NoPrincipal),
            (HabilitationGuard::Refusable, Some(Refuse { others_live, .. }))
                if h.role == Role::Principal && *others_live > 0 =>
            {
                refuse(AccountError::LastPrincipal)
            }
            (HabilitationGuard::NotPrincipal, _) if h.role == Role::Principal => {
                refuse(AccountError::LastPrincipal)
            }
            (HabilitationGuard::IsMember, _) if h.role != Role::Member => {
                refuse(AccountError::NotPrincipal)
            }
            (HabilitationGuard::IsPrincipal, _) if h.role != Role::Principal => {
                refuse(AccountError::NotPrincipal)
            }
            (
                HabilitationGuard::TargetEligible,
                Some(TransferPrincipal {
                    target_eligible: false,
                    ..
                }),
            ) => refuse(AccountError::TransferTargetNotEligible),
            (
                HabilitationGuard::KeepsAccess,
                Some(TransferPrincipal {
                    keep_access: false, ..
                }),
            ) => refuse(AccountError::TransferWithoutAccess),
            _ => Ok(()),
        }
    }

    /// A working or suspended habilitation was granted (with an effective instant not before
    /// the grant); one not yet granted has no grant; an accountant's names its mandate.
    fn check(state: HabilitationState, h: &Habilitation) -> Result<(), &'static str> {
        use HabilitationState::*;
        match state {
            Active | Suspended => match (h.granted_at, h.effective_at) {
                (Some(granted), Some(effective)) if effective >= granted => {}
                (None, _) => return Err("granted_at"),
                _ => return Err("effective_at"),
            },
            New | Requested if h.granted_at.is_some() || h.effective_at.is_some() => {
                return Err("granted_at");
            }
            _ => {}
        }
        if h.role == Role::Accountant && state != New && h.mandate_id.is_none() {
            return Err("mandate_id");
        }
        Ok(())
    }

    fn act(
        _row: &Transition<Self>,
        h: &mut Habilitation,
        event: &HabilitationEvent,
        now: OffsetDateTime,
    ) -> Result<Vec<HabilitationEffect>, Refusal> {
        use HabilitationEvent::*;
        let effects = match event {
            Request {
                role, mandate_id, ..
            } => {
                h.role = *role;
                h.mandate_id = mandate_id.clone();
                vec![]
            }
            Grant { effective_at } => {
                let effective = effective_at.unwrap_or(now);
                h.granted_at = Some(now);
                h.effective_at = Some(effective);
                vec![HabilitationEffect::SendHabilitationEmail {
                    credential: h.credential.clone(),
                    siret: h.siret,
                    effective_at: crate::calendar::format_instant(effective),
                }]
            }
            Refuse { reason, .. } | Suspend { reason } | Revoke { reason } => {
                h.reason = Some(reason.clone());
                vec![]
            }
            Reinstate => {
                h.reason = None;
                vec![]
            }
            TransferPrincipal { to, .. } => {
                h.role = Role::Member;
                vec![HabilitationEffect::PromoteToPrincipal {
                    credential: canonical_identifier(to),
                    siret: h.siret,
                }]
            }
            BecomePrincipal => {
                h.role = Role::Principal;
                vec![]
            }
        };
        Ok(effects)
    }
}

/// Moves the principal role from `from` to `to` in one command, so I1 holds before and after:
/// `from` becomes a member (or is revoked when `keep_access` is false) and `to` becomes the
/// principal.
///
/// # Errors
///
/// The [`TransitionError`] of either side (`NOT_PRINCIPAL`, `TRANSFER_TARGET_NOT_ELIGIBLE`, …);
/// then nothing changed.
///
/// ```
/// use apart::account::{transfer_principal, Application, Habilitation, HabilitationMachine, HabilitationState, Role};
/// use apart::machine::{Actor, Snapshot};
/// use time::macros::datetime;
/// let now = datetime!(2026-03-02 10:00 UTC);
/// let siret = "73282932000074".parse()?;
/// let stored = |credential: &str, role, state: &str| {
///     let mut h = Habilitation::new(credential, siret, Application::Apart);
///     (h.role, h.granted_at, h.effective_at) = (role, Some(now), Some(now));
///     Snapshot::<HabilitationMachine>::from_value(serde_json::json!({
///         "machine": "apart.habilitation", "schema_version": 1, "state": state,
///         "context": h, "version": 0, "history": [] }))
/// };
/// // Case 2.1 of the seed: the former principal left; the ASP moves the role.
/// let (old, new) = (stored("OLD001", Role::Principal, "Active")?, stored("NEW001", Role::Member, "Active")?);
/// let (old, new) = transfer_principal(&old, &new, Actor::Asp, false, now)?;
/// assert_eq!(old.snapshot.state(), HabilitationState::Revoked);
/// assert_eq!(new.snapshot.context().role, Role::Principal);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn transfer_principal(
    from: &HabilitationSnapshot,
    to: &HabilitationSnapshot,
    actor: Actor,
    keep_access: bool,
    now: OffsetDateTime,
) -> Result<(Step<HabilitationMachine>, Step<HabilitationMachine>), TransitionError> {
    let target = to.context();
    let eligible = target.siret == from.context().siret
        && target.application == from.context().application
        && !same_identifier(&target.credential, &from.context().credential)
        && matches!(
            to.state(),
            HabilitationState::Requested | HabilitationState::Active
        );
    let first = from.apply(
        HabilitationEvent::TransferPrincipal {
            to: target.credential.clone(),
            target_eligible: eligible,
            keep_access,
        },
        actor,
        now,
    )?;
    let promote_actor = if actor == Actor::Principal {
        Actor::Principal
    } else {
        Actor::Asp
    };
    let second = to.apply(HabilitationEvent::BecomePrincipal, promote_actor, now)?;
    Ok((first, second))
}

/// The establishments (SIRET, sorted) where `credential` holds an active habilitation for
/// `application` that is effective at `now`: empty means `NO_HABILITATION_FOR_APPLICATION`.
///
/// ```
/// use apart::account::{authorised_establishments, Application, Habilitation, HabilitationMachine, Role};
/// use apart::machine::Snapshot;
/// use time::{Duration, macros::datetime};
/// let now = datetime!(2026-03-02 10:00 UTC);
/// let siret = "73282932000074".parse()?;
/// let stored = |credential: &str, role, state: &str| {
///     let mut h = Habilitation::new(credential, siret, Application::Apart);
///     (h.role, h.granted_at, h.effective_at) = (role, Some(now), Some(now));
///     Snapshot::<HabilitationMachine>::from_value(serde_json::json!({
///         "machine": "apart.habilitation", "schema_version": 1, "state": state,
///         "context": h, "version": 0, "history": [] }))
/// };
/// let set = [stored("A", Role::Principal, "Active")?];
/// assert_eq!(authorised_establishments(&set, "A", Application::Apart, now), vec![siret]);
/// assert!(authorised_establishments(&set, "A", Application::Sylae, now).is_empty());
/// assert!(authorised_establishments(&set, "A", Application::Apart, now - Duration::seconds(1)).is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn authorised_establishments(
    records: &[HabilitationSnapshot],
    credential: &str,
    application: Application,
    now: OffsetDateTime,
) -> Vec<Siret> {
    let mut sirets: Vec<Siret> = records
        .iter()
        .filter(|s| {
            let h = s.context();
            s.state() == HabilitationState::Active
                && same_identifier(&h.credential, credential)
                && h.application == application
                && h.effective_at.is_some_and(|at| at <= now)
        })
        .map(|s| s.context().siret)
        .collect();
    sirets.sort();
    sirets.dedup();
    sirets
}

/// One broken invariant found by [`check_invariants`]. In JSON, `invariant` names the spec's
/// invariant (`"I1"`, `"I2"`, `"I4"`, lifecycle.md §1.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "invariant", deny_unknown_fields)]
pub enum Violation {
    /// An establishment with live habilitations has no, or several, principals (I1).
    #[serde(rename = "I1")]
    PrincipalCount {
        /// The establishment.
        siret: Siret,
        /// Requested or active principals found.
        principals: u32,
    },
    /// A credential holds more live habilitations than allowed (I2).
    #[serde(rename = "I2")]
    TooManyLiveHabilitations {
        /// The credential.
        credential: String,
        /// How many.
        count: u32,
    },
    /// An active accountant habilitation whose mandate is not active (I4).
    #[serde(rename = "I4")]
    AccountantWithoutMandate {
        /// The credential.
        credential: String,
        /// The establishment.
        siret: Siret,
    },
}

/// Checks I1, I2 and I4 over a set of habilitations of one application (I3 is enforced by
/// `ChangeEmail` and by the principal's identity being on the credential). `active_mandates`
/// lists the ids of active mandates.
///
/// I1 is read as: every establishment with a live principal or member habilitation has exactly
/// one principal that is requested or active (a principal cannot be suspended, and accountant
/// habilitations alone do not make a registered space).
///
/// ```
/// use apart::account::{check_invariants, Application, Habilitation, HabilitationMachine, Role, Violation};
/// use apart::machine::Snapshot;
/// use time::macros::datetime;
/// let now = datetime!(2026-03-02 10:00 UTC);
/// let siret = "73282932000074".parse()?;
/// let stored = |credential: &str, role, state: &str| {
///     let mut h = Habilitation::new(credential, siret, Application::Apart);
///     let granted = (state == "Active").then_some(now); // only a granted one is active
///     (h.role, h.granted_at, h.effective_at) = (role, granted, granted);
///     Snapshot::<HabilitationMachine>::from_value(serde_json::json!({
///         "machine": "apart.habilitation", "schema_version": 1, "state": state,
///         "context": h, "version": 0, "history": [] }))
/// };
/// let set = [stored("A", Role::Principal, "Active")?, stored("B", Role::Member, "Requested")?];
/// assert!(check_invariants(&set, &Default::default(), &[]).is_empty());
/// let orphan = [stored("B", Role::Member, "Active")?];
/// assert_eq!(check_invariants(&orphan, &Default::default(), &[]),
///     vec![Violation::PrincipalCount { siret, principals: 0 }]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check_invariants(
    records: &[HabilitationSnapshot],
    policy: &HabilitationPolicy,
    active_mandates: &[String],
) -> Vec<Violation> {
    use std::collections::BTreeMap;
    let mut violations = Vec::new();
    let mut principals: BTreeMap<(Siret, Application), u32> = BTreeMap::new();
    let mut per_credential: BTreeMap<(String, Application), u32> = BTreeMap::new();
    for s in records.iter().filter(|s| is_live(s)) {
        let h = s.context();
        if h.role != Role::Accountant {
            let count = principals.entry((h.siret, h.application)).or_insert(0);
            if h.role == Role::Principal && s.state() != HabilitationState::Suspended {
                *count = count.saturating_add(1);
            }
        }
        let count = per_credential
            .entry((canonical_identifier(&h.credential), h.application))
            .or_insert(0);
        *count = count.saturating_add(1);
        if h.role == Role::Accountant
            && s.state() == HabilitationState::Active
            && !h
                .mandate_id
                .as_ref()
                .is_some_and(|m| active_mandates.contains(m))
        {
            violations.push(Violation::AccountantWithoutMandate {
                credential: h.credential.clone(),
                siret: h.siret,
            });
        }
    }
    for ((siret, _), n) in principals {
        if n != 1 {
            violations.push(Violation::PrincipalCount {
                siret,
                principals: n,
            });
        }
    }
    for ((credential, _), n) in per_credential {
        if n > policy.max_per_credential {
            violations.push(Violation::TooManyLiveHabilitations {
                credential,
                count: n,
            });
        }
    }
    violations
}
