//! Machine A (spec §1.3): « Créer mon espace », one short-lived flow per attempt.
//!
//! The visitor gives a SIRET, passes the human check and accepts the conditions. Whether the
//! establishment already has a space is a fact the caller looks up and puts in the event
//! (`establishment_known`): the library queries nothing. Then:
//!
//! * unknown establishment (seed case 1): the account form ([`AccountFormInput`](super::AccountFormInput)),
//!   validated and sealed into an [`AccountRequest`], creates the establishment and either a new
//!   credential or, when the user's e-mail already has one, attaches to it (one person, up to 200
//!   establishments); a visitor with an existing ASP login (Sylaé and the like) gets the APART
//!   habilitation on that identifier/password pair instead (the seed's annex);
//! * known establishment (seed case 2): « J'ai oublié mon identifiant » / « J'ai oublié mon mot de
//!   passe » (case 2.2, hands off to recovery), or an assistance request with the motive
//!   « Habilitation à l'extranet » pre-set (cases 2.1 and 3);
//! * the expert-comptable entry point (« Contrat de prestation ») hands off to machine E.
//!
//! The flow reveals that a SIRET already has a space, as the real site does (spec §10 Q3).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::AccountError;
use super::Purpose;
use super::form::{AccountRequest, EstablishmentDetails};
use super::identifier::{canonical_identifier, canonical_option};
use super::secret::SecretAnswerHash;
use crate::forms::{HumanCheck, LoginIdentifier};
use crate::machine::{Actor, Machine, Refusal, Snapshot, Transition};
use crate::siret::Siret;

/// The motive code of the assistance request the seed's cases 2.1 and 3 pre-select
/// (« Habilitation à l'extranet », spec §4.8).
pub const ASSISTANCE_MOTIVE_HABILITATION: &str = "HabilitationExtranet";

/// Where an onboarding flow handed the visitor over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
pub enum Handoff {
    /// To recovery (machine D), for this purpose.
    Recovery {
        /// `identifier_reminder` or `password_reset`.
        purpose: Purpose,
    },
    /// To the assistance request (machine F) with this motive pre-set.
    Assistance {
        /// The motive code.
        motive: String,
    },
    /// To an accountant mandate (machine E).
    AccountantMandate,
}

/// What an onboarding flow remembers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Onboarding {
    /// The SIRET entered, once accepted (in JSON: its 14 digits).
    #[serde(default)]
    pub siret: Option<Siret>,
    /// Where the visitor was handed over, if they were.
    #[serde(default)]
    pub handoff: Option<Handoff>,
}

crate::machine::state_enum! {
    /// The states of an onboarding flow.
    pub enum OnboardingState {
        /// Waiting for the SIRET, the human check and the conditions.
        SiretEntry,
        /// Unknown establishment: waiting for the account form.
        AwaitingAccountForm,
        /// Known establishment: waiting for the visitor's choice among the seed's cases 2.x.
        EstablishmentExists,
        /// Done: the space was requested.
        AccountRequested,
        /// Left, or handed over to recovery, assistance or a mandate.
        Abandoned,
    }
}

/// The events of an onboarding flow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
#[non_exhaustive]
pub enum OnboardingEvent {
    /// « Valider » on the first screen.
    SubmitSiret {
        /// The SIRET as typed.
        siret: String,
        /// The caller's human check.
        human_check: HumanCheck,
        /// Whether the conditions (CGU) box is ticked.
        cgu_accepted: bool,
        /// Whether the establishment already has a space (the caller's directory).
        establishment_known: bool,
    },
    /// The account form, validated and sealed.
    SubmitAccountForm {
        /// The form.
        request: Box<AccountRequest>,
        /// The credential that already has the user's e-mail, if any (the caller's lookup; read
        /// in canonical form).
        #[serde(default, deserialize_with = "canonical_option")]
        existing_credential: Option<String>,
    },
    /// « Je possède déjà un compte » (Sylaé, ELISA, …): the existing identifier and password.
    SubmitAccountFormWithExistingAspLogin {
        /// The existing identifier, as typed (checked by the login-identifier rules, so that an
        /// e-mail address gets `IDENTIFIER_LOOKS_LIKE_EMAIL`).
        identifier: String,
        /// Whether the caller's password check succeeded.
        password_ok: bool,
        /// The caller's human check.
        human_check: HumanCheck,
    },
    /// Case 2.2: « J'ai oublié mon identifiant ».
    ChooseForgotIdentifier,
    /// Case 2.2: « J'ai oublié mon mot de passe ».
    ChooseForgotPassword,
    /// Cases 2.1 and 3: « Envoyer une demande d'assistance ».
    ChooseAssistance,
    /// « Vous êtes expert-comptable ? Contrat de prestation ».
    ChooseAccountantContract,
    /// « Annuler ».
    Cancel,
}

crate::machine::event_kinds! {
    /// The kinds of [`OnboardingEvent`]: what the rows of [`OnboardingMachine`]'s table name.
    ///
    /// ```
    /// use apart::machine::{EventKind, Machine};
    /// use apart::account::{OnboardingEventKind, OnboardingMachine};
    /// assert_eq!(OnboardingEventKind::SubmitSiret.name(), "SubmitSiret");
    /// assert_eq!(OnboardingMachine::table()[0].event, OnboardingEventKind::SubmitSiret);
    /// ```
    pub enum OnboardingEventKind for OnboardingEvent {
        SubmitSiret, SubmitAccountForm, SubmitAccountFormWithExistingAspLogin,
        ChooseForgotIdentifier, ChooseForgotPassword, ChooseAssistance, ChooseAccountantContract,
        Cancel,
    }
}

/// The new user, as the caller must create it (its identifier is issued by the caller).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    /// Nom.
    pub nom: String,
    /// Prénom.
    pub prenom: String,
    /// Téléphone (E.164).
    pub phone: String,
    /// Courriel.
    pub email: String,
    /// Question secrète.
    pub secret_question: String,
    /// The hash of the answer (never the answer).
    pub secret_answer: SecretAnswerHash,
}

/// What the caller must do after an onboarding transition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
#[non_exhaustive]
pub enum OnboardingEffect {
    /// Create the establishment's space.
    CreateEstablishment {
        /// The SIRET.
        siret: Siret,
        /// Its details.
        details: Box<EstablishmentDetails>,
    },
    /// Issue a new login identifier and create the credential (machine B, `PendingActivation`).
    CreateCredential {
        /// The user.
        user: Box<NewUser>,
    },
    /// The user's e-mail already has a credential: use it for this establishment too.
    AttachToExistingCredential {
        /// Its identifier.
        identifier: String,
    },
    /// Request the principal habilitation (machine C, `Request{Principal}`) for the new or the
    /// named credential on the establishment.
    RequestHabilitation {
        /// The credential; `None` for the one `CreateCredential` creates.
        identifier: Option<String>,
        /// The establishment.
        siret: Siret,
    },
    /// E-mail the issued identifier to the user.
    SendIdentifierEmail {
        /// The address.
        to: String,
    },
    /// E-mail the activation link (`recovery::activation_email`).
    SendPasswordSetupEmail {
        /// The address.
        to: String,
    },
    /// Show the recovery screen for this purpose.
    StartRecovery {
        /// The purpose.
        purpose: Purpose,
    },
    /// Open the assistance form with the motive and the SIRET pre-filled.
    StartAssistanceRequest {
        /// The motive code ([`ASSISTANCE_MOTIVE_HABILITATION`]).
        motive: String,
        /// The SIRET, when one was entered.
        siret: Option<Siret>,
    },
    /// Start a mandate (machine E, `Draft`).
    StartMandate,
}

impl OnboardingEffect {
    /// A short stable name of the effect, for logs and test vectors.
    pub fn kind(&self) -> &'static str {
        use OnboardingEffect::*;
        match self {
            CreateEstablishment { .. } => "CreateEstablishment",
            CreateCredential { .. } => "CreateCredential",
            AttachToExistingCredential { .. } => "AttachToExistingCredential",
            RequestHabilitation { .. } => "RequestHabilitation",
            SendIdentifierEmail { .. } => "SendIdentifierEmail",
            SendPasswordSetupEmail { .. } => "SendPasswordSetupEmail",
            StartRecovery { .. } => "StartRecovery",
            StartAssistanceRequest { .. } => "StartAssistanceRequest",
            StartMandate => "StartMandate",
        }
    }
}

crate::machine::guard_enum! {
    /// The checks of the onboarding machine's rows.
    ///
    /// The first row of `SubmitSiret` (from `SiretEntry`) requires these guards:
    ///
    /// ```
    /// use apart::machine::{EventKind, Guard, Machine};
    /// use apart::account::{OnboardingGuard, OnboardingMachine};
    /// let row = OnboardingMachine::table()
    ///     .iter()
    ///     .find(|row| row.event.name() == "SubmitSiret")
    ///     .ok_or("no row")?;
    /// assert_eq!(row.guards[0], OnboardingGuard::SiretValid);
    /// let names: Vec<&str> = row.guards.iter().map(|g| g.name()).collect();
    /// assert_eq!(names, ["siret_valid", "human", "cgu_accepted", "establishment_unknown"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum OnboardingGuard {
        /// The SIRET given is valid.
        SiretValid = "siret_valid",
        /// The existing ASP login has the shape of a login identifier.
        IdentifierShape = "identifier_shape",
        /// The form's human check passed.
        Human = "human",
        /// The conditions of use are accepted.
        CguAccepted = "cgu_accepted",
        /// The establishment has no space yet.
        EstablishmentUnknown = "establishment_unknown",
        /// The establishment already has a space.
        EstablishmentKnown = "establishment_known",
        /// The existing login's password was verified.
        PasswordOk = "password_ok",
    }
}

/// Machine A: « Créer mon espace ».
///
/// ```
/// use apart::account::{OnboardingEvent, OnboardingMachine, OnboardingState, Onboarding};
/// use apart::forms::HumanCheck;
/// use apart::machine::{Actor, Snapshot};
/// use time::macros::datetime;
/// let now = datetime!(2026-03-02 10:00 UTC);
/// let o = Snapshot::<OnboardingMachine>::new(Onboarding::default())?;
/// let submit = OnboardingEvent::SubmitSiret {
///     siret: "732 829 320 00074".into(), human_check: HumanCheck::Verified { at: now },
///     cgu_accepted: true, establishment_known: true,
/// };
/// let o = o.apply(submit, Actor::Visitor, now)?.snapshot;
/// assert_eq!(o.state(), OnboardingState::EstablishmentExists);
/// let step = o.apply(OnboardingEvent::ChooseAssistance, Actor::Visitor, now)?;
/// assert_eq!(step.effects[0].kind(), "StartAssistanceRequest");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct OnboardingMachine;

/// A stored onboarding flow.
pub type OnboardingSnapshot = Snapshot<OnboardingMachine>;

const VISITOR: &[Actor] = &[Actor::Visitor];

impl Machine for OnboardingMachine {
    const ID: &'static str = "apart.onboarding";
    const SCHEMA_VERSION: u32 = 1;
    type State = OnboardingState;
    type Event = OnboardingEvent;
    type Guard = OnboardingGuard;
    type Context = Onboarding;
    type Effect = OnboardingEffect;

    fn initial() -> OnboardingState {
        OnboardingState::SiretEntry
    }

    fn table() -> &'static [Transition<Self>] {
        use OnboardingEventKind as E;
        use OnboardingState::*;
        const T: &[Transition<OnboardingMachine>] = &[
            Transition::new(SiretEntry, E::SubmitSiret, AwaitingAccountForm)
                .guards(&[
                    OnboardingGuard::SiretValid,
                    OnboardingGuard::Human,
                    OnboardingGuard::CguAccepted,
                    OnboardingGuard::EstablishmentUnknown,
                ])
                .actors(VISITOR),
            Transition::new(SiretEntry, E::SubmitSiret, EstablishmentExists)
                .guards(&[
                    OnboardingGuard::SiretValid,
                    OnboardingGuard::Human,
                    OnboardingGuard::CguAccepted,
                    OnboardingGuard::EstablishmentKnown,
                ])
                .actors(VISITOR),
            Transition::new(SiretEntry, E::ChooseAccountantContract, Abandoned).actors(VISITOR),
            Transition::new(AwaitingAccountForm, E::SubmitAccountForm, AccountRequested)
                .guards(&[OnboardingGuard::Human])
                .actors(VISITOR),
            Transition::new(
                AwaitingAccountForm,
                E::SubmitAccountFormWithExistingAspLogin,
                AccountRequested,
            )
            .guards(&[
                OnboardingGuard::IdentifierShape,
                OnboardingGuard::Human,
                OnboardingGuard::PasswordOk,
            ])
            .actors(VISITOR),
            Transition::new(EstablishmentExists, E::ChooseForgotIdentifier, Abandoned)
                .actors(VISITOR),
            Transition::new(EstablishmentExists, E::ChooseForgotPassword, Abandoned)
                .actors(VISITOR),
            Transition::new(EstablishmentExists, E::ChooseAssistance, Abandoned).actors(VISITOR),
            Transition::new(SiretEntry, E::Cancel, Abandoned).actors(VISITOR),
            Transition::new(AwaitingAccountForm, E::Cancel, Abandoned).actors(VISITOR),
            Transition::new(EstablishmentExists, E::Cancel, Abandoned).actors(VISITOR),
        ];
        T
    }

    fn guard(
        guard: OnboardingGuard,
        _snap: &Snapshot<Self>,
        event: Option<&OnboardingEvent>,
        _now: OffsetDateTime,
    ) -> Result<(), Refusal> {
        use OnboardingEvent::*;
        let Some(event) = event else {
            return Ok(());
        };
        match (guard, event) {
            (OnboardingGuard::SiretValid, SubmitSiret { siret, .. }) => {
                check_siret(siret).map(|_| ())
            }
            (
                OnboardingGuard::IdentifierShape,
                SubmitAccountFormWithExistingAspLogin { identifier, .. },
            ) => LoginIdentifier::parse(identifier)
                .map(|_| ())
                .map_err(|e| Refusal::from_diagnostic(&e)),
            (
                OnboardingGuard::Human,
                SubmitSiret { human_check, .. }
                | SubmitAccountFormWithExistingAspLogin { human_check, .. },
            ) => human_check
                .require()
                .map(|_| ())
                .map_err(|e| Refusal::from_diagnostic(&e)),
            (OnboardingGuard::Human, SubmitAccountForm { request, .. }) => request
                .human_check
                .require()
                .map(|_| ())
                .map_err(|e| Refusal::from_diagnostic(&e)),
            (
                OnboardingGuard::CguAccepted,
                SubmitSiret {
                    cgu_accepted: false,
                    ..
                },
            ) => Err(AccountError::ConditionsNotAccepted.refusal()),
            (
                OnboardingGuard::EstablishmentUnknown,
                SubmitSiret {
                    establishment_known: true,
                    ..
                },
            ) => Err(AccountError::EstablishmentKnown.refusal()),
            (
                OnboardingGuard::EstablishmentKnown,
                SubmitSiret {
                    establishment_known: false,
                    ..
                },
            ) => Err(AccountError::EstablishmentUnknown.refusal()),
            (
                OnboardingGuard::PasswordOk,
                SubmitAccountFormWithExistingAspLogin {
                    password_ok: false, ..
                },
            ) => Err(AccountError::InvalidCredentials.refusal()),
            _ => Ok(()),
        }
    }

    /// Past the first screen, the flow holds the SIRET it accepted (but when it was handed over
    /// before one was entered).
    fn check(state: OnboardingState, o: &Onboarding) -> Result<(), &'static str> {
        use OnboardingState::*;
        match state {
            AwaitingAccountForm | EstablishmentExists | AccountRequested if o.siret.is_none() => {
                Err("siret")
            }
            _ => Ok(()),
        }
    }

    fn act(
        _row: &Transition<Self>,
        o: &mut Onboarding,
        event: &OnboardingEvent,
        _now: OffsetDateTime,
    ) -> Result<Vec<OnboardingEffect>, Refusal> {
        use OnboardingEffect as E;
        use OnboardingEvent::*;
        let effects = match event {
            SubmitSiret { siret, .. } => {
                o.siret = Some(check_siret(siret)?);
                vec![]
            }
            SubmitAccountForm {
                request,
                existing_credential,
            } => {
                let siret = entered(o)?;
                let email = request.user.email.to_string();
                let mut effects = vec![E::CreateEstablishment {
                    siret,
                    details: Box::new(request.establishment.clone()),
                }];
                match existing_credential {
                    Some(identifier) => {
                        let identifier = canonical_identifier(identifier);
                        effects.push(E::AttachToExistingCredential {
                            identifier: identifier.clone(),
                        });
                        effects.push(E::RequestHabilitation {
                            identifier: Some(identifier),
                            siret,
                        });
                    }
                    None => {
                        let u = &request.user;
                        effects.push(E::CreateCredential {
                            user: Box::new(NewUser {
                                nom: u.nom.to_string(),
                                prenom: u.prenom.to_string(),
                                phone: u.phone.e164().to_owned(),
                                email: email.clone(),
                                secret_question: u.secret_question.as_str().to_owned(),
                                secret_answer: request.secret_answer.clone(),
                            }),
                        });
                        effects.push(E::RequestHabilitation {
                            identifier: None,
                            siret,
                        });
                        effects.push(E::SendIdentifierEmail { to: email.clone() });
                        effects.push(E::SendPasswordSetupEmail { to: email });
                    }
                }
                effects
            }
            SubmitAccountFormWithExistingAspLogin { identifier, .. } => {
                let siret = entered(o)?;
                let identifier =
                    LoginIdentifier::parse(identifier).map_err(|e| Refusal::from_diagnostic(&e))?;
                // The canonical form, not the spelling typed: the habilitation must count for,
                // and log in, the credential whatever the case typed.
                vec![E::RequestHabilitation {
                    identifier: Some(identifier.key().as_str().to_owned()),
                    siret,
                }]
            }
            ChooseForgotIdentifier | ChooseForgotPassword => {
                let purpose = if matches!(event, ChooseForgotIdentifier) {
                    Purpose::IdentifierReminder
                } else {
                    Purpose::PasswordReset
                };
                o.handoff = Some(Handoff::Recovery { purpose });
                vec![E::StartRecovery { purpose }]
            }
            ChooseAssistance => {
                let motive = ASSISTANCE_MOTIVE_HABILITATION.to_owned();
                o.handoff = Some(Handoff::Assistance {
                    motive: motive.clone(),
                });
                vec![E::StartAssistanceRequest {
                    motive,
                    siret: o.siret,
                }]
            }
            ChooseAccountantContract => {
                o.handoff = Some(Handoff::AccountantMandate);
                vec![E::StartMandate]
            }
            Cancel => vec![],
        };
        Ok(effects)
    }
}

/// The SIRET check of spec §4.1 (`siret` module).
fn check_siret(input: &str) -> Result<Siret, Refusal> {
    Siret::parse(input).map_err(|e| Refusal::from_diagnostic(&e))
}

/// The SIRET accepted by `SubmitSiret` (always there after it; a snapshot edited by hand may
/// lack it).
fn entered(o: &Onboarding) -> Result<Siret, Refusal> {
    o.siret
        .ok_or_else(|| AccountError::OnboardingSiretMissing.refusal())
}
