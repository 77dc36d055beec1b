//! The account-creation form of « Créer mon espace », case 1 of the seed (spec §4.7): every field,
//! checked all at once, and the secret answer turned into a slow hash before anything is kept.

use serde::{Deserialize, Serialize};

use super::AccountError;
use super::secret::{SecretAnswerHash, SecretHasher};
use crate::entropy::EntropySource;
use crate::forms::{
    BoundedText, City, Email, FieldErrors, HumanCheck, PersonName, PhoneFr, PhonePolicy,
    PostalCodeFr, SecretAnswer, SecretAnswerContext, StreetExtension, StreetNumber, TextRules,
    confirm_email,
};

/// The longest « Type de voie », free text (spec §10 Q14): our choice.
const STREET_TYPE: TextRules = TextRules::new(0, 30);
/// The longest « Question secrète »: our choice (spec §10 Q13 keeps lengths configurable).
const SECRET_QUESTION: TextRules = TextRules::new(1, 100);

/// The form as typed: every field of the seed's « Création de compte d'accès à l'extranet
/// activité partielle », as text, plus the caller's human check. Missing fields are empty.
///
/// Field names (used in [`FieldErrors`]) are the struct's field names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct AccountFormInput {
    /// « Dénomination de l'établissement* ».
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub denomination: String,
    /// « Numéro de voie ».
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub street_number: String,
    /// « Extension de voie » (B, T, Q, C).
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub street_extension: String,
    /// « Type de voie » (free text, spec §10 Q14).
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub street_type: String,
    /// « Libellé de la voie* ».
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub street_name: String,
    /// « Complément d'adresse ».
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub address_complement: String,
    /// « Code postal* ».
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub postal_code: String,
    /// « Ville* ».
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub city: String,
    /// « Téléphone fixe* » (any valid French number, spec §10 Q10).
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub phone: String,
    /// « Fax ».
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub fax: String,
    /// « Courriel établissement* ».
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub establishment_email: String,
    /// « Confirmer courriel établissement* ».
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub establishment_email_confirmation: String,
    /// « Nom* ».
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub nom: String,
    /// « Prénom* ».
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub prenom: String,
    /// « Téléphone* » of the user.
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub user_phone: String,
    /// « Courriel* » of the user.
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub email: String,
    /// « Confirmer courriel* ».
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub email_confirmation: String,
    /// « Question secrète* ».
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub secret_question: String,
    /// « Réponse* ». Never kept: only its hash.
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<_>"))]
    pub secret_answer: String,
    /// « Contrôle de sécurité* », verified by the caller.
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub human_check: Option<HumanCheck>,
}

/// The establishment block, validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EstablishmentDetails {
    /// Dénomination.
    pub denomination: BoundedText,
    /// N° de voie.
    pub street_number: Option<StreetNumber>,
    /// Extension de voie.
    pub street_extension: Option<StreetExtension>,
    /// Type de voie.
    pub street_type: Option<BoundedText>,
    /// Libellé de la voie.
    pub street_name: BoundedText,
    /// Complément d'adresse.
    pub address_complement: Option<BoundedText>,
    /// Code postal.
    pub postal_code: PostalCodeFr,
    /// Ville (with an optional CEDEX).
    pub city: City,
    /// Téléphone fixe.
    pub phone: PhoneFr,
    /// Fax.
    pub fax: Option<PhoneFr>,
    /// Courriel établissement.
    pub email: Email,
}

/// The user block, validated (without the secret answer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserDetails {
    /// Nom (immutable once principal, I3).
    pub nom: PersonName,
    /// Prénom (immutable once principal, I3).
    pub prenom: PersonName,
    /// Téléphone.
    pub phone: PhoneFr,
    /// Courriel (immutable once principal, I3).
    pub email: Email,
    /// Question secrète.
    pub secret_question: BoundedText,
}

/// A valid form. It still holds the secret answer (normalised): turn it into an
/// [`AccountRequest`] with [`AccountForm::seal`] before sending or storing anything. Its JSON
/// is the checked details a front end shows, `{ establishment, user, human_check }`: never the
/// secret answer.
///
/// ```
/// use apart::account::AccountFormInput;
/// // The example form of the repository, with its two mistakes corrected.
/// let text = include_str!("../../../../examples/account-form.json")
///     .replace("\"6900\"", "\"69002\"")
///     .replace(r#"{"status": "not_verified"}"#, r#"{"status": "verified", "at": "2026-03-02T10:00:00Z"}"#);
/// let form = apart::value::from_json::<AccountFormInput>(&text)?.validate()?;
/// let json = serde_json::to_value(&form)?;
/// assert!(json.get("secret_answer").is_none() && json["user"]["secret_question"].is_string());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Serialize)]
pub struct AccountForm {
    /// The establishment block.
    pub establishment: EstablishmentDetails,
    /// The user block.
    pub user: UserDetails,
    /// The human check.
    pub human_check: HumanCheck,
    #[serde(skip)]
    secret_answer: SecretAnswer,
}

/// The form ready for onboarding's `SubmitAccountForm`: every field valid (reading it from JSON
/// checks every field again) and the secret answer only as a salted slow hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountRequest {
    /// The establishment block.
    pub establishment: EstablishmentDetails,
    /// The user block.
    pub user: UserDetails,
    /// The hash of the normalised secret answer.
    pub secret_answer: SecretAnswerHash,
    /// The human check.
    pub human_check: HumanCheck,
}

impl AccountFormInput {
    /// Checks every field (spec §4.7) and reports every refusal at once.
    ///
    /// The e-mail confirmations are compared only when the address itself is valid, so a
    /// mistyped address gets one error, not two.
    ///
    /// # Errors
    ///
    /// [`FieldErrors`] (`FORM_INVALID`) with one entry per refused field.
    ///
    /// ```
    /// use apart::account::AccountFormInput;
    /// let input = AccountFormInput { denomination: "Boulangerie Martin".into(), ..Default::default() };
    /// let errors = input.validate().unwrap_err();
    /// assert!(errors.codes().contains(&"CAPTCHA_REQUIRED"));
    /// assert!(errors.for_field("denomination").next().is_none());
    /// ```
    pub fn validate(&self) -> Result<AccountForm, FieldErrors> {
        let mut e = FieldErrors::new();
        let policy = PhonePolicy::default();
        let denomination = e.check(
            "denomination",
            BoundedText::parse(&self.denomination, TextRules::DENOMINATION),
        );
        let street_number = e.check("street_number", StreetNumber::parse(&self.street_number));
        let street_extension = e.check(
            "street_extension",
            StreetExtension::parse(&self.street_extension),
        );
        let street_type = e
            .check(
                "street_type",
                BoundedText::parse(&self.street_type, STREET_TYPE),
            )
            .map(non_empty);
        let street_name = e.check(
            "street_name",
            BoundedText::parse(&self.street_name, TextRules::STREET_NAME),
        );
        let address_complement = e
            .check(
                "address_complement",
                BoundedText::parse(&self.address_complement, TextRules::ADDRESS_COMPLEMENT),
            )
            .map(non_empty);
        let postal_code = e.check("postal_code", PostalCodeFr::parse(&self.postal_code));
        let city = e.check("city", City::parse(&self.city));
        let phone = e.check("phone", PhoneFr::parse_with(&self.phone, policy));
        let fax = e.check("fax", PhoneFr::parse_optional(&self.fax, policy));
        let establishment_email = e.check(
            "establishment_email",
            Email::parse(&self.establishment_email),
        );
        if establishment_email.is_some() {
            e.check(
                "establishment_email_confirmation",
                confirm_email(
                    &self.establishment_email,
                    &self.establishment_email_confirmation,
                ),
            );
        }
        let nom = e.check("nom", PersonName::parse(&self.nom));
        let prenom = e.check("prenom", PersonName::parse(&self.prenom));
        let user_phone = e.check("user_phone", PhoneFr::parse_with(&self.user_phone, policy));
        let email = e.check("email", Email::parse(&self.email));
        if email.is_some() {
            e.check(
                "email_confirmation",
                confirm_email(&self.email, &self.email_confirmation),
            );
        }
        let secret_question = e.check(
            "secret_question",
            BoundedText::parse(&self.secret_question, SECRET_QUESTION),
        );
        let secret_answer = e.check(
            "secret_answer",
            SecretAnswer::parse(
                &self.secret_answer,
                SecretAnswerContext {
                    nom: Some(&self.nom),
                    prenom: Some(&self.prenom),
                    identifier: None,
                },
            ),
        );
        let human_check = self.human_check.unwrap_or(HumanCheck::NotVerified);
        e.check("human_check", human_check.require());
        match (
            denomination,
            street_number,
            street_extension,
            street_type,
            street_name,
            address_complement,
            postal_code,
            city,
            phone,
            fax,
            establishment_email,
            nom,
            prenom,
            user_phone,
            email,
            secret_question,
            secret_answer,
        ) {
            (
                Some(denomination),
                Some(street_number),
                Some(street_extension),
                Some(street_type),
                Some(street_name),
                Some(address_complement),
                Some(postal_code),
                Some(city),
                Some(phone),
                Some(fax),
                Some(establishment_email),
                Some(nom),
                Some(prenom),
                Some(user_phone),
                Some(email),
                Some(secret_question),
                Some(secret_answer),
            ) if e.is_empty() => Ok(AccountForm {
                establishment: EstablishmentDetails {
                    denomination,
                    street_number,
                    street_extension,
                    street_type,
                    street_name,
                    address_complement,
                    postal_code,
                    city,
                    phone,
                    fax,
                    email: establishment_email,
                },
                user: UserDetails {
                    nom,
                    prenom,
                    phone: user_phone,
                    email,
                    secret_question,
                },
                human_check,
                secret_answer,
            }),
            _ => Err(e),
        }
    }
}

fn non_empty(text: BoundedText) -> Option<BoundedText> {
    (!text.as_str().is_empty()).then_some(text)
}

impl AccountForm {
    /// Hashes the secret answer with `hasher` (a fresh salt from `rng`) and drops the clear
    /// answer.
    ///
    /// # Errors
    ///
    /// The hasher's errors (`ENTROPY_UNAVAILABLE`, `SECRET_HASH_FAILED`).
    ///
    /// See [`AccountFormInput::validate`] for the form; the answer is hashed with the hasher's
    /// costs (use `Argon2idHasher::default()` in production).
    pub fn seal(
        self,
        hasher: &dyn SecretHasher,
        rng: &mut dyn EntropySource,
    ) -> Result<AccountRequest, AccountError> {
        let secret_answer = hasher.hash(self.secret_answer.normalized(), rng)?;
        Ok(AccountRequest {
            establishment: self.establishment,
            user: self.user,
            secret_answer,
            human_check: self.human_check,
        })
    }
}
