//! Machine F: the assistance request (« Besoin d'aide ? — Formulaire de demande
//! d'assistance »), its form and its lifecycle after sending.
//!
//! The form is the seed's: SIRET, establishment name, name, phone, e-mail, one of the seven
//! motives, a description of at most 1000 characters counted as a browser counts them (UTF-16
//! code units, spec §4.5), and the security code ([`HumanCheck`]). Validation is total: every
//! refused field is reported at once, under its own name ([`AssistanceForm::validate`]).
//!
//! The request is drafted, sent (the caller e-mails it to the ASP's address, which comes from
//! configuration), acknowledged and answered by the ASP, and closed. The requester may be a
//! visitor (the form is reachable from the login page) or any user of the establishment.
//!
//! ```
//! use apart::forms::HumanCheck;
//! use apart::machine::{Actor, Snapshot};
//! use apart::procedure::assistance::{AssistanceContext, AssistanceEvent, AssistanceForm,
//!     AssistanceMachine, AssistanceMotive, AssistanceState};
//! use time::macros::datetime;
//!
//! let now = datetime!(2020-04-10 16:57 +2);
//! let mut form = AssistanceForm::preselected(AssistanceMotive::HabilitationExtranet);
//! form.siret = "732 829 320 00074".into();
//! form.establishment_name = "Boulangerie Martin".into();
//! form.full_name = "Jeanne Martin".into();
//! form.phone = "01 02 03 04 05".into();
//! form.email = "prenom.nom@exemple.fr".into();
//! form.description = "L'ancien titulaire du compte a quitté l'entreprise.".into();
//! let draft = Snapshot::<AssistanceMachine>::new(AssistanceContext::new(form))?;
//! let sent = draft.apply(AssistanceEvent::Send { human_check: HumanCheck::Verified { at: now } },
//!     Actor::Visitor, now)?;
//! assert_eq!(sent.snapshot.state(), AssistanceState::Sent);
//! assert_eq!(sent.snapshot.context().request.as_ref().map(|r| r.motive),
//!     Some(AssistanceMotive::HabilitationExtranet));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::ProcedureError;
use crate::forms::{
    BoundedText, Description, Email, FieldErrors, HumanCheck, PersonName, PhoneFr, TextRules,
};
use crate::machine::{Actor, Machine, Refusal, Snapshot, Transition};
use crate::siret::Siret;

/// Where assistance requests go by default (the seed's form: « Pour envoyer un message à
/// contact-ap@asp-public.fr »). Callers pass their own in [`AssistanceContext::recipient`].
pub const DEFAULT_RECIPIENT: &str = "contact-ap@asp-public.fr";

crate::spelled_enum! {
    /// The motive of an assistance request: exactly the seven of the seed's form, in its order.
    /// Spellings are stable ([`AssistanceMotive::as_str`]); labels are data. The spec's names
    /// (`HabilitationExtranet`, …) are read by [`AssistanceMotive::from_code`], for the hand-off
    /// from other pages.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::assistance::AssistanceMotive;
    /// assert_eq!(AssistanceMotive::ALL.len(), 7);
    /// assert_eq!(AssistanceMotive::ALL[6], AssistanceMotive::Autres);
    /// let motive: AssistanceMotive = "demande-indemnisation".parse()?;
    /// assert_eq!(motive, AssistanceMotive::DemandeIndemnisation);
    /// assert_eq!(serde_json::to_string(&motive)?, r#""demande_indemnisation""#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[derive(PartialOrd, Ord)]
    #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
    pub enum AssistanceMotive: "assistance_motive" {
        /// « Habilitation à l'extranet » (pre-selected in the seed's cases 2.1 and 3).
        HabilitationExtranet = "habilitation_extranet",
        /// « Fiche Etablissement ».
        FicheEtablissement = "fiche_etablissement",
        /// « Décision d'autorisation préalable ».
        DecisionAutorisationPrealable = "decision_autorisation_prealable",
        /// « Décision d'autorisation ».
        DecisionAutorisation = "decision_autorisation",
        /// « Demande d'indemnisation ».
        DemandeIndemnisation = "demande_indemnisation",
        /// « Certificat de signature ».
        CertificatSignature = "certificat_signature",
        /// « Autres ».
        Autres = "autres",
    }
}

impl AssistanceMotive {
    /// The placeholder of the list, which selects nothing (the seed spells it « Veillez »).
    pub const PLACEHOLDER_FR: &'static str = "Veuillez sélectionner un motif…";

    /// The spec's name of the motive (`HabilitationExtranet`, …), which the onboarding flow
    /// uses in its hand-off (`apart::account::ASSISTANCE_MOTIVE_HABILITATION`).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::assistance::AssistanceMotive;
    /// let motive = AssistanceMotive::HabilitationExtranet;
    /// assert_eq!(motive.spec_name(), apart::account::ASSISTANCE_MOTIVE_HABILITATION);
    /// // Every spec name reads back as its motive.
    /// for &m in AssistanceMotive::ALL {
    ///     assert_eq!(AssistanceMotive::from_code(m.spec_name()), Some(m));
    /// }
    /// ```
    pub fn spec_name(self) -> &'static str {
        match self {
            AssistanceMotive::HabilitationExtranet => "HabilitationExtranet",
            AssistanceMotive::FicheEtablissement => "FicheEtablissement",
            AssistanceMotive::DecisionAutorisationPrealable => "DecisionAutorisationPrealable",
            AssistanceMotive::DecisionAutorisation => "DecisionAutorisation",
            AssistanceMotive::DemandeIndemnisation => "DemandeIndemnisation",
            AssistanceMotive::CertificatSignature => "CertificatSignature",
            AssistanceMotive::Autres => "Autres",
        }
    }

    /// The motive with this spelling ([`AssistanceMotive::from_spelling`]), or with this spec
    /// name ([`AssistanceMotive::spec_name`]).
    ///
    /// ```
    /// use apart::procedure::assistance::AssistanceMotive;
    /// assert_eq!(AssistanceMotive::from_code("HabilitationExtranet"),
    ///     Some(AssistanceMotive::HabilitationExtranet));
    /// assert_eq!(AssistanceMotive::from_code("autres"), Some(AssistanceMotive::Autres));
    /// assert_eq!(AssistanceMotive::ALL[0].as_str(), "habilitation_extranet");
    /// ```
    pub fn from_code(code: &str) -> Option<AssistanceMotive> {
        AssistanceMotive::from_spelling(code).or_else(|| {
            AssistanceMotive::ALL
                .iter()
                .copied()
                .find(|m| m.spec_name() == code)
        })
    }

    /// The French label, as the seed's form shows it.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::assistance::AssistanceMotive;
    /// assert_eq!(AssistanceMotive::CertificatSignature.label_fr(), "Certificat de signature");
    /// // The list's placeholder is no motive.
    /// assert_eq!(AssistanceMotive::from_code(AssistanceMotive::PLACEHOLDER_FR), None);
    /// ```
    pub fn label_fr(self) -> &'static str {
        match self {
            AssistanceMotive::HabilitationExtranet => "Habilitation à l'extranet",
            AssistanceMotive::FicheEtablissement => "Fiche Etablissement",
            AssistanceMotive::DecisionAutorisationPrealable => "Décision d'autorisation préalable",
            AssistanceMotive::DecisionAutorisation => "Décision d'autorisation",
            AssistanceMotive::DemandeIndemnisation => "Demande d'indemnisation",
            AssistanceMotive::CertificatSignature => "Certificat de signature",
            AssistanceMotive::Autres => "Autres",
        }
    }
}

/// The form as typed: every field a string, the motive a code or nothing (the placeholder).
///
/// Field names (used in [`FieldErrors`]): `siret`, `establishment_name`, `full_name`, `phone`,
/// `email`, `motive`, `description`, and `human_check` for the security code.
///
/// # Example
///
/// ```
/// # let now = time::macros::datetime!(2020-04-10 16:57 +2);
/// # let mut form = apart::procedure::assistance::AssistanceForm::preselected(
/// #     apart::procedure::assistance::AssistanceMotive::HabilitationExtranet);
/// # form.siret = "732 829 320 00074".into();
/// # form.establishment_name = "Boulangerie Martin".into();
/// # form.full_name = "Jeanne Martin".into();
/// # form.phone = "01 02 03 04 05".into();
/// # form.email = "prenom.nom@exemple.fr".into();
/// # form.description = "L'ancien titulaire du compte a quitté l'entreprise.".into();
/// use apart::forms::HumanCheck;
/// use apart::procedure::assistance::AssistanceForm;
/// // `form` is filled in but for the motive, still on the placeholder.
/// let form = AssistanceForm { motive: None, ..form };
/// let errors = form.validate(&HumanCheck::Verified { at: now }).unwrap_err();
/// assert_eq!(errors.codes(), ["MOTIVE_REQUIRED"]);
/// assert_eq!(errors.iter().next().map(|e| e.field()), Some("motive"));
/// // From JSON, a field left out is empty; a misspelt one is refused.
/// let typed: AssistanceForm = serde_json::from_str(r#"{"siret": "73282932000074"}"#)?;
/// assert!(typed.full_name.is_empty() && typed.motive.is_none());
/// let misspelt = serde_json::from_str::<AssistanceForm>(r#"{"sirett": "73282932000074"}"#);
/// assert!(misspelt.is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct AssistanceForm {
    /// « N° de Siret ».
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub siret: String,
    /// « Dénomination établissement » (1–100).
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub establishment_name: String,
    /// « Nom et prénom » (1–100, letters, spaces, apostrophes, hyphens).
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub full_name: String,
    /// « N° de téléphone ».
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub phone: String,
    /// « Adresse électronique ».
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub email: String,
    /// « Motif de la demande »: a motive code, or `None` for the placeholder.
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub motive: Option<String>,
    /// « Description de la demande » (1–1000 UTF-16 code units).
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub description: String,
}

/// A validated assistance request: every field parsed by [`crate::forms`].
///
/// # Example
///
/// ```
/// # let now = time::macros::datetime!(2020-04-10 16:57 +2);
/// # let mut form = apart::procedure::assistance::AssistanceForm::preselected(
/// #     apart::procedure::assistance::AssistanceMotive::HabilitationExtranet);
/// # form.siret = "732 829 320 00074".into();
/// # form.establishment_name = "Boulangerie Martin".into();
/// # form.full_name = "Jeanne Martin".into();
/// # form.phone = "01 02 03 04 05".into();
/// # form.email = "prenom.nom@exemple.fr".into();
/// # form.description = "L'ancien titulaire du compte a quitté l'entreprise.".into();
/// use apart::forms::HumanCheck;
/// use apart::procedure::assistance::AssistanceMotive;
/// // `form` was filled in as the seed's case 2.1; the security code was checked at `now`.
/// let request = form.validate(&HumanCheck::Verified { at: now })?;
/// assert_eq!(request.siret.to_string(), "732 829 320 00074");
/// assert_eq!(request.motive, AssistanceMotive::HabilitationExtranet);
/// assert_eq!(request.human_verified_at, now);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssistanceRequest {
    /// The SIRET.
    pub siret: Siret,
    /// The establishment's name.
    pub establishment_name: BoundedText,
    /// The requester's name.
    pub full_name: PersonName,
    /// The phone number.
    pub phone: PhoneFr,
    /// The e-mail address.
    pub email: Email,
    /// The motive.
    pub motive: AssistanceMotive,
    /// The description.
    pub description: Description,
    /// When the security code was checked.
    #[serde(with = "time::serde::rfc3339")]
    pub human_verified_at: OffsetDateTime,
}

impl AssistanceForm {
    /// An empty form with `motive` selected (the seed's cases 2.1 and 3 pre-select
    /// « Habilitation à l'extranet »).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::assistance::{AssistanceForm, AssistanceMotive};
    /// let form = AssistanceForm::preselected(AssistanceMotive::HabilitationExtranet);
    /// assert_eq!(form.motive.as_deref(), Some("habilitation_extranet"));
    /// assert!(form.siret.is_empty() && form.description.is_empty());
    /// ```
    pub fn preselected(motive: AssistanceMotive) -> AssistanceForm {
        AssistanceForm {
            motive: Some(motive.as_str().to_owned()),
            ..AssistanceForm::default()
        }
    }

    /// The form the onboarding flow hands over to (its `StartAssistanceRequest` effect): the
    /// motive and, when one was entered, the SIRET pre-filled.
    ///
    /// ```
    /// use apart::procedure::assistance::AssistanceForm;
    /// let form = AssistanceForm::handed_over(apart::account::ASSISTANCE_MOTIVE_HABILITATION,
    ///     Some("73282932000074".to_owned()));
    /// assert_eq!(form.siret, "73282932000074");
    /// ```
    pub fn handed_over(motive: &str, siret: Option<String>) -> AssistanceForm {
        AssistanceForm {
            siret: siret.unwrap_or_default(),
            motive: Some(
                AssistanceMotive::from_code(motive)
                    .map_or_else(|| motive.to_owned(), |m| m.as_str().to_owned()),
            ),
            ..AssistanceForm::default()
        }
    }

    /// Checks every field and the security code; returns the request, or every refusal.
    ///
    /// ```
    /// use apart::forms::HumanCheck;
    /// use apart::procedure::assistance::AssistanceForm;
    /// let errors = AssistanceForm::default().validate(&HumanCheck::NotVerified).unwrap_err();
    /// assert_eq!(errors.codes(), ["IDENTIFIER_EMPTY", "TEXT_REQUIRED", "TEXT_REQUIRED",
    ///     "PHONE_REQUIRED", "EMAIL_REQUIRED", "MOTIVE_REQUIRED", "TEXT_REQUIRED", "CAPTCHA_REQUIRED"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`FieldErrors`] (`FORM_INVALID`) with one entry per refused field.
    pub fn validate(&self, human_check: &HumanCheck) -> Result<AssistanceRequest, FieldErrors> {
        let mut errors = FieldErrors::new();
        let siret = errors.check("siret", Siret::parse(&self.siret));
        let establishment_name = errors.check(
            "establishment_name",
            BoundedText::parse(&self.establishment_name, TextRules::DENOMINATION),
        );
        let full_name = errors.check(
            "full_name",
            PersonName::parse_with(&self.full_name, TextRules::FULL_NAME),
        );
        let phone = errors.check("phone", PhoneFr::parse(&self.phone));
        let email = errors.check("email", Email::parse(&self.email));
        let motive = errors.check("motive", parse_motive(self.motive.as_deref()));
        let description = errors.check("description", Description::parse(&self.description));
        let verified_at = errors.check("human_check", human_check.require());
        match (
            siret,
            establishment_name,
            full_name,
            phone,
            email,
            motive,
            description,
            verified_at,
        ) {
            (
                Some(siret),
                Some(establishment_name),
                Some(full_name),
                Some(phone),
                Some(email),
                Some(motive),
                Some(description),
                Some(human_verified_at),
            ) if errors.is_empty() => Ok(AssistanceRequest {
                siret,
                establishment_name,
                full_name,
                phone,
                email,
                motive,
                description,
                human_verified_at,
            }),
            _ => Err(errors),
        }
    }
}

fn parse_motive(code: Option<&str>) -> Result<AssistanceMotive, ProcedureError> {
    match code.map(str::trim) {
        None | Some("") => Err(ProcedureError::MotiveRequired),
        Some(code) => AssistanceMotive::from_code(code).ok_or(ProcedureError::MotiveUnknown {
            code: crate::diagnostic::quote(code),
        }),
    }
}

/// `FORM_INVALID`, with the refused fields (`fields`) and their codes (`codes`), in the same
/// order, comma-separated. [`AssistanceForm::validate`] gives each field's full error.
fn form_refusal(errors: &FieldErrors) -> Refusal {
    Refusal::from_diagnostic(errors).with_detail("codes", errors.codes().join(","))
}

crate::machine::state_enum! {
    /// The states of an assistance request.
    ///
    /// # Example
    ///
    /// ```
    /// # let now = time::macros::datetime!(2020-04-10 16:57 +2);
    /// # let mut form = apart::procedure::assistance::AssistanceForm::preselected(
    /// #     apart::procedure::assistance::AssistanceMotive::HabilitationExtranet);
    /// # form.siret = "732 829 320 00074".into();
    /// # form.establishment_name = "Boulangerie Martin".into();
    /// # form.full_name = "Jeanne Martin".into();
    /// # form.phone = "01 02 03 04 05".into();
    /// # form.email = "prenom.nom@exemple.fr".into();
    /// # form.description = "L'ancien titulaire du compte a quitté l'entreprise.".into();
    /// # let sent = {
    /// # use apart::machine::{Actor, Snapshot};
    /// # use apart::procedure::assistance::{AssistanceContext, AssistanceEvent, AssistanceMachine};
    /// # let human_check = apart::forms::HumanCheck::Verified { at: now };
    /// # let send = AssistanceEvent::Send { human_check };
    /// # let draft = Snapshot::<AssistanceMachine>::new(AssistanceContext::new(form.clone()))?;
    /// # draft.apply(send, Actor::Visitor, now)?.snapshot
    /// # };
    /// use apart::machine::Actor;
    /// use apart::procedure::assistance::{AssistanceEvent, AssistanceState};
    /// // `sent` was sent to the ASP; the ASP acknowledges it, answers, and closes it.
    /// let ticket = Some("T-42".to_owned());
    /// let s = sent.apply(AssistanceEvent::Acknowledge { ticket }, Actor::Asp, now)?.snapshot;
    /// assert_eq!(s.state(), AssistanceState::InProgress);
    /// let text = "Un nouvel accès vous a été envoyé.".to_owned();
    /// let s = s.apply(AssistanceEvent::Answer { text }, Actor::Asp, now)?.snapshot;
    /// let s = s.apply(AssistanceEvent::Close, Actor::Asp, now)?.snapshot;
    /// assert_eq!(s.state(), AssistanceState::Closed);
    /// assert!(s.is_terminal());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum AssistanceState {
        /// Being filled in.
        Draft,
        /// Cancelled before sending (« ANNULER »; terminal).
        Cancelled,
        /// Sent to the ASP.
        Sent,
        /// Acknowledged by the ASP, being handled.
        InProgress,
        /// The ASP answered.
        Answered,
        /// Closed (terminal).
        Closed,
    }
}

crate::spelled_enum! {
    /// Who wrote a message.
    ///
    /// # Example
    ///
    /// ```
    /// # let now = time::macros::datetime!(2020-04-10 16:57 +2);
    /// # let mut form = apart::procedure::assistance::AssistanceForm::preselected(
    /// #     apart::procedure::assistance::AssistanceMotive::HabilitationExtranet);
    /// # form.siret = "732 829 320 00074".into();
    /// # form.establishment_name = "Boulangerie Martin".into();
    /// # form.full_name = "Jeanne Martin".into();
    /// # form.phone = "01 02 03 04 05".into();
    /// # form.email = "prenom.nom@exemple.fr".into();
    /// # form.description = "L'ancien titulaire du compte a quitté l'entreprise.".into();
    /// # let sent = {
    /// # use apart::machine::{Actor, Snapshot};
    /// # use apart::procedure::assistance::{AssistanceContext, AssistanceEvent, AssistanceMachine};
    /// # let human_check = apart::forms::HumanCheck::Verified { at: now };
    /// # let send = AssistanceEvent::Send { human_check };
    /// # let draft = Snapshot::<AssistanceMachine>::new(AssistanceContext::new(form.clone()))?;
    /// # draft.apply(send, Actor::Visitor, now)?.snapshot
    /// # };
    /// use apart::machine::Actor;
    /// use apart::procedure::assistance::{AssistanceEvent, MessageFrom};
    /// // `sent` was sent to the ASP: it answers, the requester replies.
    /// let text = "Quel est votre SIRET ?".to_owned();
    /// let s = sent.apply(AssistanceEvent::Answer { text }, Actor::Asp, now)?.snapshot;
    /// let text = "732 829 320 00074".to_owned();
    /// let s = s.apply(AssistanceEvent::Reply { text }, Actor::Visitor, now)?.snapshot;
    /// let from: Vec<_> = s.context().messages.iter().map(|m| m.from).collect();
    /// assert_eq!(from, [MessageFrom::Asp, MessageFrom::Requester]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum MessageFrom: "message_from" {
        /// The person who sent the request.
        Requester = "requester",
        /// The ASP's support.
        Asp = "asp",
    }
}

/// A message of the exchange after sending.
///
/// # Example
///
/// ```
/// # let now = time::macros::datetime!(2020-04-10 16:57 +2);
/// # let mut form = apart::procedure::assistance::AssistanceForm::preselected(
/// #     apart::procedure::assistance::AssistanceMotive::HabilitationExtranet);
/// # form.siret = "732 829 320 00074".into();
/// # form.establishment_name = "Boulangerie Martin".into();
/// # form.full_name = "Jeanne Martin".into();
/// # form.phone = "01 02 03 04 05".into();
/// # form.email = "prenom.nom@exemple.fr".into();
/// # form.description = "L'ancien titulaire du compte a quitté l'entreprise.".into();
/// # let sent = {
/// # use apart::machine::{Actor, Snapshot};
/// # use apart::procedure::assistance::{AssistanceContext, AssistanceEvent, AssistanceMachine};
/// # let human_check = apart::forms::HumanCheck::Verified { at: now };
/// # let send = AssistanceEvent::Send { human_check };
/// # let draft = Snapshot::<AssistanceMachine>::new(AssistanceContext::new(form.clone()))?;
/// # draft.apply(send, Actor::Visitor, now)?.snapshot
/// # };
/// use apart::machine::Actor;
/// use apart::procedure::assistance::{AssistanceEvent, MessageFrom};
/// // `sent` was sent to the ASP, which answers.
/// let text = "Un nouvel accès vous a été envoyé.".to_owned();
/// let s = sent.apply(AssistanceEvent::Answer { text }, Actor::Asp, now)?.snapshot;
/// let message = &s.context().messages[0];
/// assert_eq!((message.at, message.from), (now, MessageFrom::Asp));
/// assert_eq!(message.text.as_str(), "Un nouvel accès vous a été envoyé.");
/// // More than 1000 UTF-16 code units is refused.
/// let err = sent.apply(AssistanceEvent::Answer { text: "é".repeat(1001) }, Actor::Asp, now);
/// assert_eq!(apart::Diagnostic::code(&err.unwrap_err()), "TEXT_TOO_LONG");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssistanceMessage {
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// Who wrote it.
    pub from: MessageFrom,
    /// The text (a [`Description`]: at most 1000 UTF-16 code units).
    pub text: Description,
}

/// What an assistance request remembers besides its state.
///
/// # Example
///
/// ```
/// # let now = time::macros::datetime!(2020-04-10 16:57 +2);
/// # let mut form = apart::procedure::assistance::AssistanceForm::preselected(
/// #     apart::procedure::assistance::AssistanceMotive::HabilitationExtranet);
/// # form.siret = "732 829 320 00074".into();
/// # form.establishment_name = "Boulangerie Martin".into();
/// # form.full_name = "Jeanne Martin".into();
/// # form.phone = "01 02 03 04 05".into();
/// # form.email = "prenom.nom@exemple.fr".into();
/// # form.description = "L'ancien titulaire du compte a quitté l'entreprise.".into();
/// use apart::forms::HumanCheck;
/// use apart::machine::{Actor, Snapshot};
/// use apart::procedure::assistance::{
///     AssistanceContext, AssistanceEffect, AssistanceEvent, AssistanceMachine};
/// // `form` is a valid form; this caller sends requests to its own support address.
/// let mut context = AssistanceContext::new(form);
/// context.recipient = "support@exemple.fr".into();
/// let send = AssistanceEvent::Send { human_check: HumanCheck::Verified { at: now } };
/// let step = Snapshot::<AssistanceMachine>::new(context)?.apply(send, Actor::Visitor, now)?;
/// let AssistanceEffect::SendAssistanceEmail { to, .. } = &step.effects[0] else { panic!() };
/// assert_eq!(to, "support@exemple.fr");
/// assert!(step.snapshot.context().request.is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssistanceContext {
    /// The form as typed (kept so that a refused form can be corrected).
    pub form: AssistanceForm,
    /// Where to send it.
    pub recipient: String,
    /// The validated request, once sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<AssistanceRequest>,
    /// The ASP's ticket reference, once acknowledged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    /// Answers and replies, oldest first.
    #[serde(default)]
    pub messages: Vec<AssistanceMessage>,
}

impl AssistanceContext {
    /// A draft with this form, to be sent to [`DEFAULT_RECIPIENT`].
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::assistance::{AssistanceContext, AssistanceForm, AssistanceMotive};
    /// let form = AssistanceForm::preselected(AssistanceMotive::Autres);
    /// let context = AssistanceContext::new(form);
    /// assert_eq!(context.recipient, "contact-ap@asp-public.fr");
    /// assert!(context.request.is_none() && context.messages.is_empty());
    /// ```
    pub fn new(form: AssistanceForm) -> AssistanceContext {
        AssistanceContext {
            form,
            recipient: DEFAULT_RECIPIENT.to_owned(),
            request: None,
            ticket: None,
            messages: Vec::new(),
        }
    }
}

/// The events of an assistance request. JSON: `{"type": "Send", …}`.
///
/// # Example
///
/// ```
/// use apart::forms::HumanCheck;
/// use apart::procedure::assistance::AssistanceEvent;
/// use time::macros::datetime;
/// let json = r#"{"type": "Send",
///     "human_check": {"status": "verified", "at": "2020-04-10T16:57:00+02:00"}}"#;
/// let human_check = HumanCheck::Verified { at: datetime!(2020-04-10 16:57 +2) };
/// let send: AssistanceEvent = serde_json::from_str(json)?;
/// assert_eq!(send, AssistanceEvent::Send { human_check });
/// let acknowledge: AssistanceEvent = serde_json::from_str(r#"{"type": "Acknowledge"}"#)?;
/// assert_eq!(acknowledge, AssistanceEvent::Acknowledge { ticket: None });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
#[non_exhaustive]
pub enum AssistanceEvent {
    /// Replaces the form (draft only).
    Edit {
        /// The form as typed.
        form: AssistanceForm,
    },
    /// Cancels the draft (« ANNULER »).
    Cancel,
    /// Sends the form (« ENVOYER »), with the caller's verdict on the security code.
    Send {
        /// The security code's verdict.
        human_check: HumanCheck,
    },
    /// The ASP acknowledges, optionally with a ticket reference.
    Acknowledge {
        /// The ticket reference.
        #[serde(default)]
        ticket: Option<String>,
    },
    /// The ASP answers.
    Answer {
        /// The answer.
        text: String,
    },
    /// The requester replies to an answer.
    Reply {
        /// The reply.
        text: String,
    },
    /// The request is closed.
    Close,
}

crate::machine::event_kinds! {
    /// The kinds of [`AssistanceEvent`]: what the rows of [`AssistanceMachine`]'s table name.
    ///
    /// ```
    /// use apart::machine::{EventKind, Machine};
    /// use apart::procedure::assistance::{AssistanceEventKind, AssistanceMachine};
    /// assert_eq!(AssistanceEventKind::Edit.name(), "Edit");
    /// assert_eq!(AssistanceMachine::table()[0].event, AssistanceEventKind::Edit);
    /// ```
    pub enum AssistanceEventKind for AssistanceEvent {
        Edit, Cancel, Send, Acknowledge, Answer, Reply, Close,
    }
}

/// What the caller must do after an assistance transition.
///
/// # Example
///
/// ```
/// # let now = time::macros::datetime!(2020-04-10 16:57 +2);
/// # let mut form = apart::procedure::assistance::AssistanceForm::preselected(
/// #     apart::procedure::assistance::AssistanceMotive::HabilitationExtranet);
/// # form.siret = "732 829 320 00074".into();
/// # form.establishment_name = "Boulangerie Martin".into();
/// # form.full_name = "Jeanne Martin".into();
/// # form.phone = "01 02 03 04 05".into();
/// # form.email = "prenom.nom@exemple.fr".into();
/// # form.description = "L'ancien titulaire du compte a quitté l'entreprise.".into();
/// use apart::forms::HumanCheck;
/// use apart::machine::{Actor, Snapshot};
/// use apart::procedure::assistance::{
///     AssistanceContext, AssistanceEffect, AssistanceEvent, AssistanceMachine, AssistanceState};
/// // `form` is a valid form: sending it asks the caller to e-mail it to the ASP.
/// let draft = Snapshot::<AssistanceMachine>::new(AssistanceContext::new(form))?;
/// let send = AssistanceEvent::Send { human_check: HumanCheck::Verified { at: now } };
/// let step = draft.apply(send, Actor::Visitor, now)?;
/// let [AssistanceEffect::SendAssistanceEmail { to, request }] = &step.effects[..] else {
///     panic!("one e-mail to send")
/// };
/// assert_eq!(to, "contact-ap@asp-public.fr");
/// assert_eq!(request.email.to_string(), "prenom.nom@exemple.fr");
/// let step = step.snapshot.apply(AssistanceEvent::Acknowledge { ticket: None }, Actor::Asp, now)?;
/// assert_eq!(step.effects, [AssistanceEffect::NotifyRequester { state: AssistanceState::InProgress }]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
#[non_exhaustive]
pub enum AssistanceEffect {
    /// E-mail the request to the ASP.
    SendAssistanceEmail {
        /// The address.
        to: String,
        /// The request.
        request: Box<AssistanceRequest>,
    },
    /// Tell the requester (by e-mail, to the request's address) that something happened.
    NotifyRequester {
        /// The new state.
        state: AssistanceState,
    },
    /// Pass the requester's reply on to the ASP.
    ForwardReply {
        /// The address.
        to: String,
    },
}

crate::machine::guard_enum! {
    /// The checks of the assistance machine's rows.
    ///
    /// The first row of `Send` (from `Draft`) requires this guard:
    ///
    /// ```
    /// use apart::machine::{EventKind, Guard, Machine};
    /// use apart::procedure::assistance::{AssistanceGuard, AssistanceMachine};
    /// let row = AssistanceMachine::table()
    ///     .iter()
    ///     .find(|row| row.event.name() == "Send")
    ///     .ok_or("no row")?;
    /// assert_eq!(row.guards[0], AssistanceGuard::FormValid);
    /// let names: Vec<&str> = row.guards.iter().map(|g| g.name()).collect();
    /// assert_eq!(names, ["form_valid"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub enum AssistanceGuard {
        /// The form passes its checks, human check included.
        FormValid = "form_valid",
        /// An answer or a reply is a valid description.
        TextValid = "text_valid",
    }
}

/// The assistance-request machine (`apart.assistance`).
///
/// # Example
///
/// ```
/// use apart::machine::{Actor, Machine, Snapshot};
/// use apart::procedure::assistance::{
///     AssistanceContext, AssistanceForm, AssistanceMachine, AssistanceState};
/// use time::macros::datetime;
/// assert_eq!(AssistanceMachine::initial(), AssistanceState::Draft);
/// let context = AssistanceContext::new(AssistanceForm::default());
/// let draft = Snapshot::<AssistanceMachine>::new(context)?;
/// let now = datetime!(2020-04-10 16:57 +2);
/// // A visitor may edit, cancel or send a draft; the ASP may do nothing with it yet.
/// assert_eq!(draft.allowed_events(Actor::Visitor, now), ["Edit", "Cancel", "Send"]);
/// assert!(draft.allowed_events(Actor::Asp, now).is_empty());
/// assert!(apart::machine_by_id(AssistanceMachine::ID).is_some());
/// # Ok::<(), apart::machine::SnapshotError>(())
/// ```
#[derive(Debug)]
pub struct AssistanceMachine;

const REQUESTER: &[Actor] = &[
    Actor::Visitor,
    Actor::Principal,
    Actor::Member,
    Actor::Accountant,
];
const ASP: &[Actor] = &[Actor::Asp];
const ANYONE_BUT_ADMIN: &[Actor] = &[
    Actor::Visitor,
    Actor::Principal,
    Actor::Member,
    Actor::Accountant,
    Actor::Asp,
];

impl Machine for AssistanceMachine {
    const ID: &'static str = "apart.assistance";
    const SCHEMA_VERSION: u32 = 1;
    type State = AssistanceState;
    type Event = AssistanceEvent;
    type Guard = AssistanceGuard;
    type Context = AssistanceContext;
    type Effect = AssistanceEffect;

    fn initial() -> AssistanceState {
        AssistanceState::Draft
    }

    fn table() -> &'static [Transition<Self>] {
        use AssistanceEventKind as E;
        use AssistanceState as S;
        const T: &[Transition<AssistanceMachine>] = &[
            Transition::new(S::Draft, E::Edit, S::Draft).actors(REQUESTER),
            Transition::new(S::Draft, E::Cancel, S::Cancelled).actors(REQUESTER),
            Transition::new(S::Draft, E::Send, S::Sent)
                .guards(&[AssistanceGuard::FormValid])
                .actors(REQUESTER),
            Transition::new(S::Sent, E::Acknowledge, S::InProgress).actors(ASP),
            Transition::new(S::Sent, E::Answer, S::Answered)
                .guards(&[AssistanceGuard::TextValid])
                .actors(ASP),
            Transition::new(S::InProgress, E::Answer, S::Answered)
                .guards(&[AssistanceGuard::TextValid])
                .actors(ASP),
            Transition::new(S::Answered, E::Reply, S::InProgress)
                .guards(&[AssistanceGuard::TextValid])
                .actors(REQUESTER),
            Transition::new(S::Answered, E::Close, S::Closed).actors(ANYONE_BUT_ADMIN),
            Transition::new(S::InProgress, E::Close, S::Closed).actors(ASP),
        ];
        T
    }

    fn guard(
        guard: AssistanceGuard,
        snapshot: &Snapshot<Self>,
        event: Option<&AssistanceEvent>,
        _now: OffsetDateTime,
    ) -> Result<(), Refusal> {
        match (guard, event) {
            (AssistanceGuard::FormValid, Some(AssistanceEvent::Send { human_check })) => snapshot
                .context()
                .form
                .validate(human_check)
                .map(|_| ())
                .map_err(|errors| form_refusal(&errors)),
            (AssistanceGuard::FormValid, _) => Ok(()),
            (
                AssistanceGuard::TextValid,
                Some(AssistanceEvent::Answer { text } | AssistanceEvent::Reply { text }),
            ) => Description::parse(text)
                .map(|_| ())
                .map_err(|e| Refusal::from_diagnostic(&e)),
            (AssistanceGuard::TextValid, _) => Ok(()),
        }
    }

    fn act(
        row: &Transition<Self>,
        ctx: &mut AssistanceContext,
        event: &AssistanceEvent,
        now: OffsetDateTime,
    ) -> Result<Vec<AssistanceEffect>, Refusal> {
        let mut effects = Vec::new();
        match event {
            AssistanceEvent::Edit { form } => ctx.form = form.clone(),
            AssistanceEvent::Send { human_check } => {
                let request = ctx
                    .form
                    .validate(human_check)
                    .map_err(|errors| form_refusal(&errors))?;
                ctx.request = Some(request.clone());
                effects.push(AssistanceEffect::SendAssistanceEmail {
                    to: ctx.recipient.clone(),
                    request: Box::new(request),
                });
            }
            AssistanceEvent::Acknowledge { ticket } => ctx.ticket = ticket.clone(),
            AssistanceEvent::Answer { text } | AssistanceEvent::Reply { text } => {
                let text = Description::parse(text).map_err(|e| Refusal::from_diagnostic(&e))?;
                let from = if matches!(event, AssistanceEvent::Answer { .. }) {
                    MessageFrom::Asp
                } else {
                    MessageFrom::Requester
                };
                ctx.messages.push(AssistanceMessage {
                    at: now,
                    from,
                    text,
                });
                if from == MessageFrom::Requester {
                    effects.push(AssistanceEffect::ForwardReply {
                        to: ctx.recipient.clone(),
                    });
                }
            }
            AssistanceEvent::Cancel | AssistanceEvent::Close => {}
        }
        if matches!(
            row.to,
            AssistanceState::InProgress | AssistanceState::Answered | AssistanceState::Closed
        ) && !matches!(event, AssistanceEvent::Reply { .. })
        {
            effects.push(AssistanceEffect::NotifyRequester { state: row.to });
        }
        Ok(effects)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
    use super::*;

    /// A misspelt field name is refused, not silently dropped (the form comes as JSON from the
    /// bindings).
    #[test]
    fn unknown_fields_are_refused() {
        let ok: Result<AssistanceForm, _> = serde_json::from_str(r#"{"siret": "73282932000074"}"#);
        assert!(ok.is_ok());
        let typo: Result<AssistanceForm, _> =
            serde_json::from_str(r#"{"sirett": "73282932000074"}"#);
        assert!(
            typo.unwrap_err()
                .to_string()
                .contains("unknown field `sirett`")
        );
    }
    use crate::diagnostic::Diagnostic;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2020-04-10 16:57 +2);

    fn good() -> AssistanceForm {
        AssistanceForm {
            siret: "732 829 320 00074".into(),
            establishment_name: "Boulangerie Martin".into(),
            full_name: "Jeanne Le Bihan-d'Aubigné".into(),
            phone: "01 02 03 04 05".into(),
            email: "prenom.nom@exemple.fr".into(),
            motive: Some("habilitation_extranet".into()),
            description: "Bonjour,\r\nle titulaire du compte a quitté l'entreprise.".into(),
        }
    }

    fn verified() -> HumanCheck {
        HumanCheck::Verified { at: NOW }
    }

    /// Validates `form` and returns the codes refused for `field`.
    fn codes_for(form: &AssistanceForm, field: &str) -> Vec<&'static str> {
        match form.validate(&verified()) {
            Ok(_) => vec![],
            Err(errors) => errors.for_field(field).map(|e| e.code()).collect(),
        }
    }

    fn with(f: impl FnOnce(&mut AssistanceForm)) -> AssistanceForm {
        let mut form = good();
        f(&mut form);
        form
    }

    #[test]
    fn the_seven_motives_in_order() {
        let labels: Vec<_> = AssistanceMotive::ALL.iter().map(|m| m.label_fr()).collect();
        assert_eq!(
            labels,
            [
                "Habilitation à l'extranet",
                "Fiche Etablissement",
                "Décision d'autorisation préalable",
                "Décision d'autorisation",
                "Demande d'indemnisation",
                "Certificat de signature",
                "Autres"
            ]
        );
        for &m in AssistanceMotive::ALL {
            assert_eq!(AssistanceMotive::from_code(m.as_str()), Some(m));
            assert_eq!(
                serde_json::to_value(m).unwrap(),
                serde_json::Value::String(m.as_str().into())
            );
        }
    }

    #[test]
    fn handed_over_by_onboarding() {
        let form = AssistanceForm::handed_over(
            crate::account::ASSISTANCE_MOTIVE_HABILITATION,
            Some("73282932000074".into()),
        );
        assert_eq!(form.motive.as_deref(), Some("habilitation_extranet"));
        let unknown = AssistanceForm::handed_over("Nope", None);
        assert_eq!(codes_for(&unknown, "motive"), ["MOTIVE_UNKNOWN"]);
        for &m in AssistanceMotive::ALL {
            assert_eq!(AssistanceMotive::from_code(m.spec_name()), Some(m));
            // JSON has one spelling per motive (and its kebab-case form), like every option.
            let json = format!("\"{}\"", m.spec_name());
            assert!(serde_json::from_str::<AssistanceMotive>(&json).is_err());
            let kebab = format!("\"{}\"", m.as_str().replace('_', "-"));
            assert_eq!(serde_json::from_str::<AssistanceMotive>(&kebab).unwrap(), m);
        }
    }

    #[test]
    fn a_good_form_is_normalised() {
        let r = good().validate(&verified()).unwrap();
        assert_eq!(r.siret.to_string(), "732 829 320 00074");
        assert_eq!(r.phone.e164(), "+33102030405");
        assert_eq!(
            r.description.as_str(),
            "Bonjour,\nle titulaire du compte a quitté l'entreprise."
        );
        assert_eq!(r.human_verified_at, NOW);
    }

    #[test]
    fn siret_field() {
        let siret = |v: &str| codes_for(&with(|f| f.siret = v.into()), "siret");
        assert!(siret("73282932000074").is_empty());
        assert!(siret("732.829.320.00074").is_empty());
        assert!(siret("732 829 320 00074").is_empty());
        assert_eq!(siret(" "), ["IDENTIFIER_EMPTY"]);
        assert_eq!(siret("7328293200007"), ["IDENTIFIER_INVALID_LENGTH"]);
        assert_eq!(siret("7328293200007A"), ["IDENTIFIER_INVALID_CHARACTER"]);
        assert_eq!(siret("73282932000075"), ["SIRET_INVALID_KEY"]);
    }

    #[test]
    fn establishment_name_field() {
        assert!(
            codes_for(
                &with(|f| f.establishment_name = "A".into()),
                "establishment_name"
            )
            .is_empty()
        );
        assert!(
            codes_for(
                &with(|f| f.establishment_name = "é".repeat(100)),
                "establishment_name"
            )
            .is_empty()
        );
        assert_eq!(
            codes_for(
                &with(|f| f.establishment_name = "é".repeat(101)),
                "establishment_name"
            ),
            ["TEXT_TOO_LONG"]
        );
        assert_eq!(
            codes_for(
                &with(|f| f.establishment_name = "  ".into()),
                "establishment_name"
            ),
            ["TEXT_REQUIRED"]
        );
        assert_eq!(
            codes_for(
                &with(|f| f.establishment_name = "A\nB".into()),
                "establishment_name"
            ),
            ["TEXT_CONTROL_CHAR"]
        );
    }

    #[test]
    fn full_name_field() {
        assert!(
            codes_for(
                &with(|f| f.full_name = "Zoé O'Neil-Durand".into()),
                "full_name"
            )
            .is_empty()
        );
        assert_eq!(
            codes_for(&with(|f| f.full_name = "Jean 2".into()), "full_name"),
            ["NAME_INVALID_CHARACTER"]
        );
        assert_eq!(
            codes_for(&with(|f| f.full_name = "".into()), "full_name"),
            ["TEXT_REQUIRED"]
        );
        assert_eq!(
            codes_for(&with(|f| f.full_name = "a".repeat(101)), "full_name"),
            ["TEXT_TOO_LONG"]
        );
    }

    /// Mainland, overseas and bad numbers (spec §4.2).
    #[test]
    fn phone_field() {
        for good in [
            "01 02 03 04 05",
            "06 12 34 56 78",
            "+33 1 02 03 04 05",
            "0590 27 12 34",
            "0262 20 12 34",
            "0696 12 34 56",
            "+262 262 20 12 34",
        ] {
            assert!(
                codes_for(&with(|f| f.phone = good.into()), "phone").is_empty(),
                "{good}"
            );
        }
        for bad in ["01 02 03 04", "00 00 00 00 00", "telephone", ""] {
            assert_eq!(
                codes_for(&with(|f| f.phone = bad.into()), "phone").len(),
                1,
                "{bad}"
            );
        }
    }

    #[test]
    fn email_field() {
        assert!(codes_for(&with(|f| f.email = "Prenom.Nom@Exemple.FR".into()), "email").is_empty());
        assert_eq!(
            codes_for(&with(|f| f.email = "prenom.nom".into()), "email"),
            ["EMAIL_MISSING_AT"]
        );
        assert_eq!(
            codes_for(&with(|f| f.email = "jean@localhost".into()), "email"),
            ["EMAIL_DOMAIN_NO_TLD"]
        );
        assert_eq!(
            codes_for(&with(|f| f.email = "".into()), "email"),
            ["EMAIL_REQUIRED"]
        );
    }

    #[test]
    fn motive_field() {
        assert_eq!(
            codes_for(&with(|f| f.motive = None), "motive"),
            ["MOTIVE_REQUIRED"]
        );
        assert_eq!(
            codes_for(&with(|f| f.motive = Some(" ".into())), "motive"),
            ["MOTIVE_REQUIRED"]
        );
        assert_eq!(
            codes_for(
                &with(|f| f.motive = Some("Habilitation à l'extranet".into())),
                "motive"
            ),
            ["MOTIVE_UNKNOWN"]
        );
        assert!(codes_for(&with(|f| f.motive = Some("autres".into())), "motive").is_empty());
    }

    /// Spec §4.5: UTF-16 code units as a browser's maxlength counts them; an emoji counts 2.
    #[test]
    fn description_field_1000_vs_1001_with_emoji() {
        let at_limit = format!("{}{}", "a".repeat(998), "😀"); // 998 + 2 = 1000
        assert!(codes_for(&with(|f| f.description = at_limit.clone()), "description").is_empty());
        let over = format!("{}{}", "a".repeat(999), "😀"); // 1001
        assert_eq!(
            codes_for(&with(|f| f.description = over), "description"),
            ["TEXT_TOO_LONG"]
        );
        // 1000 characters of text with CRLF line breaks: each counts 1 after normalisation.
        let lines = format!("{}\r\n{}", "a".repeat(499), "b".repeat(500));
        assert!(codes_for(&with(|f| f.description = lines), "description").is_empty());
        assert_eq!(
            codes_for(&with(|f| f.description = "".into()), "description"),
            ["TEXT_REQUIRED"]
        );
        assert_eq!(
            codes_for(&with(|f| f.description = "a\u{7}b".into()), "description"),
            ["TEXT_CONTROL_CHAR"]
        );
        let errors = with(|f| f.description = "😀".repeat(501))
            .validate(&verified())
            .unwrap_err();
        let e = errors.for_field("description").next().unwrap();
        assert!(e.params().contains(&("len", 1002.into())));
    }

    #[test]
    fn human_check_and_every_error_at_once() {
        let errors = good().validate(&HumanCheck::NotVerified).unwrap_err();
        assert_eq!(errors.codes(), ["CAPTCHA_REQUIRED"]);
        assert_eq!(errors.iter().next().unwrap().field(), "human_check");
        let all = AssistanceForm::default()
            .validate(&HumanCheck::NotVerified)
            .unwrap_err();
        let fields: Vec<_> = all.iter().map(|e| e.field().to_owned()).collect();
        assert_eq!(
            fields,
            [
                "siret",
                "establishment_name",
                "full_name",
                "phone",
                "email",
                "motive",
                "description",
                "human_check"
            ]
        );
    }

    #[test]
    fn lifecycle() {
        let draft = Snapshot::<AssistanceMachine>::new(AssistanceContext::new(
            AssistanceForm::preselected(AssistanceMotive::HabilitationExtranet),
        ))
        .unwrap();
        let send = AssistanceEvent::Send {
            human_check: verified(),
        };
        let err = draft.apply(send.clone(), Actor::Visitor, NOW).unwrap_err();
        assert_eq!(err.code(), "FORM_INVALID");
        let details = err.details();
        assert!(details.contains(&(
            "fields",
            "siret,establishment_name,full_name,phone,email,description".into()
        )));
        assert!(details.contains(&(
            "codes",
            "IDENTIFIER_EMPTY,TEXT_REQUIRED,TEXT_REQUIRED,PHONE_REQUIRED,EMAIL_REQUIRED,TEXT_REQUIRED".into()
        )));
        let draft = draft
            .apply(AssistanceEvent::Edit { form: good() }, Actor::Visitor, NOW)
            .unwrap()
            .snapshot;
        assert_eq!(
            draft
                .apply(send.clone(), Actor::Asp, NOW)
                .unwrap_err()
                .code(),
            "FORBIDDEN_ACTOR"
        );
        assert_eq!(
            draft
                .apply(
                    AssistanceEvent::Send {
                        human_check: HumanCheck::NotVerified
                    },
                    Actor::Visitor,
                    NOW
                )
                .unwrap_err()
                .code(),
            "FORM_INVALID"
        );
        let sent = draft.apply(send, Actor::Principal, NOW).unwrap();
        assert_eq!(sent.snapshot.state(), AssistanceState::Sent);
        match &sent.effects[..] {
            [AssistanceEffect::SendAssistanceEmail { to, request }] => {
                assert_eq!(to, DEFAULT_RECIPIENT);
                assert_eq!(request.motive, AssistanceMotive::HabilitationExtranet);
            }
            other => panic!("unexpected effects {other:?}"),
        }
        let s = sent.snapshot;
        let ack = s
            .apply(
                AssistanceEvent::Acknowledge {
                    ticket: Some("T-1".into()),
                },
                Actor::Asp,
                NOW,
            )
            .unwrap()
            .snapshot;
        assert_eq!(ack.state(), AssistanceState::InProgress);
        assert_eq!(
            s.apply(AssistanceEvent::Close, Actor::Principal, NOW)
                .unwrap_err()
                .code(),
            "INVALID_TRANSITION"
        );
        assert_eq!(
            ack.apply(AssistanceEvent::Answer { text: "".into() }, Actor::Asp, NOW)
                .unwrap_err()
                .code(),
            "TEXT_REQUIRED"
        );
        let answered = ack
            .apply(
                AssistanceEvent::Answer {
                    text: "Habilitation transférée.".into(),
                },
                Actor::Asp,
                NOW,
            )
            .unwrap()
            .snapshot;
        assert_eq!(answered.state(), AssistanceState::Answered);
        let replied = answered
            .apply(
                AssistanceEvent::Reply {
                    text: "Merci".into(),
                },
                Actor::Visitor,
                NOW,
            )
            .unwrap()
            .snapshot;
        assert_eq!(replied.state(), AssistanceState::InProgress);
        assert_eq!(replied.context().messages.len(), 2);
        let closed = answered
            .apply(AssistanceEvent::Close, Actor::Principal, NOW)
            .unwrap()
            .snapshot;
        assert!(closed.is_terminal());
        assert_eq!(
            draft
                .apply(AssistanceEvent::Cancel, Actor::Visitor, NOW)
                .unwrap()
                .snapshot
                .state(),
            AssistanceState::Cancelled
        );
        // Snapshots round-trip through JSON, with the validated request in them.
        let back = Snapshot::<AssistanceMachine>::from_json(&replied.to_json()).unwrap();
        assert_eq!(back, replied);
    }
}
