//! [`AccountError`]: every refusal of the account and recovery lifecycles.

use crate::diagnostic::{Detail, Diagnostic, Lang, french_display};

/// Why an account, habilitation, mandate or recovery operation was refused.
///
/// The login codes are chosen so that nothing reveals whether an identifier exists:
/// [`AccountError::InvalidCredentials`] covers an unknown identifier, a wrong password and a
/// disabled or locked account alike; [`AccountError::AccountLocked`],
/// [`AccountError::AccountDisabled`] and [`AccountError::NoHabilitationForApplication`] are only
/// reported after a successful password check.
///
/// NOTE: the codes are part of the public API.
///
/// ```
/// use apart::account::AccountError;
/// use apart::Diagnostic;
/// let e = AccountError::LoginThrottled { retry_after_ms: 30_000 };
/// assert_eq!(e.code(), "LOGIN_THROTTLED");
/// assert_eq!(e.to_string(), "trop de tentatives : réessayez dans 30 s");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AccountError {
    /// Unknown identifier, wrong password, or an account that cannot log in: one answer for all.
    InvalidCredentials,
    /// Too many failed attempts on this identifier; the password was not checked.
    LoginThrottled {
        /// How long to wait, in milliseconds.
        retry_after_ms: i64,
    },
    /// The password was right but the account is locked (unlock: password reset or the ASP).
    AccountLocked,
    /// The password was right but the ASP disabled the account.
    AccountDisabled,
    /// The password was right but the account has not been activated yet.
    AccountNotActivated,
    /// The credential is valid but holds no active habilitation for this application (for
    /// example a Sylaé login that never went through « Créer mon espace » for APART).
    NoHabilitationForApplication {
        /// The application asked for (`apart`, `sylae`, …).
        application: String,
    },
    /// The credential already holds the maximum number of habilitations (I2).
    HabilitationLimitReached {
        /// The limit (200 by default).
        limit: u32,
    },
    /// The establishment already has a principal user (I1).
    PrincipalAlreadyExists,
    /// The operation would leave the establishment without a principal user (I1).
    LastPrincipal,
    /// The establishment has no active principal user to add members (I1).
    NoPrincipal,
    /// Only the principal may do this (or the target is not a member).
    NotPrincipal,
    /// The transfer target holds no active or requested habilitation on the same establishment.
    TransferTargetNotEligible,
    /// An accountant habilitation needs an active mandate (I4).
    MandateNotActive,
    /// The principal's name and e-mail cannot be edited; transfer the principal role instead (I3).
    PrincipalIdentityImmutable,
    /// Closing this credential would orphan establishments it is the principal of (I1).
    EstablishmentWouldBeOrphaned {
        /// How many establishments.
        establishments: u32,
    },
    /// A reason is required.
    ReasonRequired,
    /// The general conditions of use (CGU) were not accepted.
    ConditionsNotAccepted,
    /// The effective instant of a habilitation is before its grant.
    EffectiveBeforeGrant,
    /// The mandate does not name both parties (establishment and accountant firm, each by SIRET)
    /// or names no accountant user.
    MandatePartiesMissing,
    /// This party has already signed the mandate.
    MandateAlreadySigned {
        /// `establishment` or `accountant`.
        party: String,
    },
    /// The mandate's end date is not after its acceptance.
    MandateEndBeforeStart,
    /// The mandate cannot be submitted yet: a signature or the sending to the ASP is missing.
    MandateIncomplete,
    /// The mandate cannot expire: its end date is not reached.
    MandateEndNotReached,
    /// « Créer mon espace » for an establishment that already has a space.
    EstablishmentKnown,
    /// Joining the space of an establishment that has none.
    EstablishmentUnknown,
    /// An onboarding snapshot past the SIRET step without a SIRET (a record edited by hand).
    OnboardingSiretMissing,
    /// A failed login that reaches a delay of the attempt policy (it selects the throttled
    /// row; the caller sees `LOGIN_THROTTLED`).
    ThrottleReached,
    /// A transfer of the principal role in which the former principal keeps no access.
    TransferWithoutAccess,
    /// An account form already sealed was used again (a front end's form object: sealing
    /// consumes the clear secret answer).
    FormSealed,
    /// A token could not even be read (not `{id}.{secret}` in base64url).
    TokenMalformed,
    /// No such token, a wrong secret or a wrong purpose: one answer for all.
    TokenInvalid,
    /// The token was already used.
    TokenAlreadyUsed,
    /// A newer token for the same purpose replaced this one.
    TokenSuperseded,
    /// The token was cancelled (password or e-mail changed, account disabled, too many failures).
    TokenRevoked,
    /// The token's issue instant is in the future (beyond the allowed clock leeway).
    TokenNotYetValid,
    /// The token's validity (60 minutes by default) is over.
    TokenExpired {
        /// When it expired (RFC 3339).
        expired_at: String,
    },
    /// A policy value is out of its allowed range.
    PolicyInvalid {
        /// The field.
        field: String,
        /// What is allowed.
        allowed: String,
    },
    /// The secret answer does not match.
    SecretAnswerInvalid,
    /// The secret answer could not be hashed, or the stored hash could not be read.
    SecretHashFailed {
        /// What failed.
        failure: HashFailure,
    },
    /// The stored hash of the secret answer uses costs outside the accepted bounds (an edited
    /// record, or another system's): it is not computed. Have the answer chosen again.
    SecretHashRehashRequired {
        /// The stored scheme (quoted).
        scheme: String,
        /// The accepted bounds.
        allowed: String,
    },
    /// A sealed record's seal is missing or does not match ([`crate::seal`]).
    Seal(crate::seal::SealError),
    /// The instant given as `now` could not be stored in the records the operation returns
    /// (a year outside 0000–9999, an offset with seconds or of 24 hours or more): refused
    /// before anything changes. Code, family (`input`) and fields are the value error's.
    InvalidNow(crate::value::ValueError),
    /// A token's subject that is not a login identifier the forms accept (empty, an e-mail
    /// address…): a token names the credential it is for. Code, family (`form`) and message
    /// are the form's; the `field` is `subject`.
    InvalidSubject(crate::forms::LoginIdentifierError),
    /// A stored record (an attempt counter) is not valid JSON of its kind: what the reader
    /// refused, as a typed value error (its code is the `cause` field).
    RecordMalformed {
        /// What the reader refused (boxed: the rare path).
        error: Box<crate::value::ValueError>,
    },
    /// No random bytes could be had.
    EntropyUnavailable {
        /// The source's explanation.
        reason: String,
    },
}

impl From<crate::entropy::EntropyError> for AccountError {
    fn from(e: crate::entropy::EntropyError) -> Self {
        let reason = match e.details().into_iter().next() {
            Some((_, v)) => v.to_string(),
            None => String::new(),
        };
        AccountError::EntropyUnavailable { reason }
    }
}

impl Diagnostic for AccountError {
    fn family(&self) -> crate::diagnostic::Family {
        match self {
            AccountError::InvalidNow(e) => e.family(),
            AccountError::InvalidSubject(e) => e.family(),
            // The entropy source's failure, whoever met it: one code, one family.
            AccountError::EntropyUnavailable { .. } => crate::diagnostic::Family::Entropy,
            _ => crate::diagnostic::Family::Account,
        }
    }

    fn code(&self) -> &'static str {
        use AccountError::*;
        match self {
            InvalidCredentials => "INVALID_CREDENTIALS",
            LoginThrottled { .. } => "LOGIN_THROTTLED",
            AccountLocked => "ACCOUNT_LOCKED",
            AccountDisabled => "ACCOUNT_DISABLED",
            AccountNotActivated => "ACCOUNT_NOT_ACTIVATED",
            NoHabilitationForApplication { .. } => "NO_HABILITATION_FOR_APPLICATION",
            HabilitationLimitReached { .. } => "HABILITATION_LIMIT_REACHED",
            PrincipalAlreadyExists => "PRINCIPAL_ALREADY_EXISTS",
            LastPrincipal => "LAST_PRINCIPAL",
            NoPrincipal => "NO_PRINCIPAL",
            NotPrincipal => "NOT_PRINCIPAL",
            TransferTargetNotEligible => "TRANSFER_TARGET_NOT_ELIGIBLE",
            MandateNotActive => "MANDATE_NOT_ACTIVE",
            PrincipalIdentityImmutable => "PRINCIPAL_IDENTITY_IMMUTABLE",
            EstablishmentWouldBeOrphaned { .. } => "ESTABLISHMENT_WOULD_BE_ORPHANED",
            ReasonRequired => "ACCOUNT_REASON_REQUIRED",
            ConditionsNotAccepted => "CGU_NOT_ACCEPTED",
            EffectiveBeforeGrant => "EFFECTIVE_BEFORE_GRANT",
            MandatePartiesMissing => "MANDATE_PARTIES_MISSING",
            MandateAlreadySigned { .. } => "MANDATE_ALREADY_SIGNED",
            MandateEndBeforeStart => "MANDATE_END_BEFORE_START",
            MandateIncomplete => "MANDATE_INCOMPLETE",
            MandateEndNotReached => "MANDATE_END_NOT_REACHED",
            EstablishmentKnown => "ESTABLISHMENT_KNOWN",
            EstablishmentUnknown => "ESTABLISHMENT_UNKNOWN",
            OnboardingSiretMissing => "ONBOARDING_SIRET_MISSING",
            ThrottleReached => "THROTTLE_REACHED",
            TransferWithoutAccess => "TRANSFER_WITHOUT_ACCESS",
            FormSealed => "ACCOUNT_FORM_SEALED",
            TokenMalformed => "TOKEN_MALFORMED",
            TokenInvalid => "TOKEN_INVALID",
            TokenAlreadyUsed => "TOKEN_ALREADY_USED",
            TokenSuperseded => "TOKEN_SUPERSEDED",
            TokenRevoked => "TOKEN_REVOKED",
            TokenNotYetValid => "TOKEN_NOT_YET_VALID",
            TokenExpired { .. } => "TOKEN_EXPIRED",
            PolicyInvalid { .. } => "POLICY_INVALID",
            SecretAnswerInvalid => "SECRET_ANSWER_INVALID",
            SecretHashFailed { .. } => "SECRET_HASH_FAILED",
            SecretHashRehashRequired { .. } => "SECRET_HASH_REHASH_REQUIRED",
            Seal(e) => e.code(),
            InvalidNow(e) => e.code(),
            InvalidSubject(e) => e.code(),
            RecordMalformed { .. } => "RECORD_MALFORMED",
            EntropyUnavailable { .. } => "ENTROPY_UNAVAILABLE",
        }
    }

    fn message(&self, lang: Lang) -> String {
        use AccountError::*;
        let en = matches!(lang, Lang::En);
        let pick = |fr: &str, en_text: &str| {
            if en {
                en_text.to_owned()
            } else {
                fr.to_owned()
            }
        };
        match self {
            InvalidCredentials => pick(
                "identifiant ou mot de passe incorrect",
                "invalid identifier or password",
            ),
            LoginThrottled { retry_after_ms } => {
                let secs = retry_after_ms.saturating_add(999) / 1000;
                if en {
                    format!("too many attempts: try again in {secs} s")
                } else {
                    format!("trop de tentatives : réessayez dans {secs} s")
                }
            }
            AccountLocked => pick(
                "compte verrouillé : utilisez « J'ai oublié mon mot de passe » ou contactez l'assistance",
                "account locked: use \"forgot my password\" or contact support",
            ),
            AccountDisabled => pick(
                "compte désactivé : contactez l'assistance",
                "account disabled: contact support",
            ),
            AccountNotActivated => pick(
                "compte pas encore activé : suivez le lien reçu par courriel",
                "account not activated yet: follow the link received by e-mail",
            ),
            NoHabilitationForApplication { application } => {
                if en {
                    format!(
                        "no habilitation for `{application}`: request it through « Créer mon espace »"
                    )
                } else {
                    format!(
                        "aucune habilitation pour `{application}` : demandez-la par « Créer mon espace »"
                    )
                }
            }
            HabilitationLimitReached { limit } => {
                if en {
                    format!("limit of {limit} establishments reached for this user")
                } else {
                    format!("limite de {limit} établissements atteinte pour cet utilisateur")
                }
            }
            PrincipalAlreadyExists => pick(
                "l'établissement a déjà un compte principal",
                "the establishment already has a principal user",
            ),
            LastPrincipal => pick(
                "l'établissement resterait sans compte principal : transférez d'abord le rôle",
                "the establishment would have no principal user: transfer the role first",
            ),
            NoPrincipal => pick(
                "l'établissement n'a pas de compte principal actif",
                "the establishment has no active principal user",
            ),
            NotPrincipal => pick(
                "réservé au compte principal de l'établissement",
                "only the establishment's principal user may do this",
            ),
            TransferTargetNotEligible => pick(
                "le destinataire n'a pas d'habilitation active ou demandée sur cet établissement",
                "the target has no active or requested habilitation on this establishment",
            ),
            MandateNotActive => pick(
                "le contrat de prestation n'est pas actif",
                "the accountant mandate is not active",
            ),
            PrincipalIdentityImmutable => pick(
                "le nom, le prénom et le courriel du compte principal ne peuvent pas être modifiés",
                "the principal user's name and e-mail cannot be changed",
            ),
            EstablishmentWouldBeOrphaned { establishments } => {
                if en {
                    format!(
                        "{establishments} establishment(s) would lose their principal user: transfer the role first"
                    )
                } else {
                    format!(
                        "{establishments} établissement(s) perdraient leur compte principal : transférez d'abord le rôle"
                    )
                }
            }
            ReasonRequired => pick("motif requis", "reason required"),
            ConditionsNotAccepted => pick(
                "veuillez accepter les conditions générales d'utilisation",
                "please accept the general conditions of use",
            ),
            EffectiveBeforeGrant => pick(
                "la date d'effet précède l'attribution",
                "the effective instant is before the grant",
            ),
            MandatePartiesMissing => pick(
                "le contrat doit nommer l'établissement, le cabinet et au moins un utilisateur",
                "the mandate must name the establishment, the firm and at least one user",
            ),
            MandateAlreadySigned { party } => {
                if en {
                    format!("`{party}` has already signed")
                } else {
                    format!("`{party}` a déjà signé")
                }
            }
            MandateEndBeforeStart => pick(
                "la date de fin du contrat est déjà passée",
                "the mandate's end date has already passed",
            ),
            MandateIncomplete => pick(
                "signatures ou envoi à l'ASP manquants",
                "signatures or sending to the ASP missing",
            ),
            MandateEndNotReached => pick(
                "la date de fin n'est pas atteinte",
                "the end date is not reached",
            ),
            EstablishmentKnown => pick(
                "l'établissement a déjà un espace",
                "the establishment already has a space",
            ),
            EstablishmentUnknown => pick(
                "l'établissement n'a pas d'espace",
                "the establishment has no space",
            ),
            OnboardingSiretMissing => pick("aucun SIRET n'a été saisi", "no SIRET was entered"),
            ThrottleReached => pick("délai imposé", "delay imposed"),
            TransferWithoutAccess => pick(
                "l'ancien compte principal ne garde pas d'accès",
                "the former principal keeps no access",
            ),
            FormSealed => pick(
                "formulaire déjà scellé : la réponse secrète en clair n'est plus disponible",
                "form already sealed: the clear secret answer is gone",
            ),
            TokenMalformed => pick("lien illisible", "unreadable link"),
            TokenInvalid => pick("lien invalide", "invalid link"),
            TokenAlreadyUsed => pick("lien déjà utilisé", "link already used"),
            TokenSuperseded => pick(
                "lien remplacé par un lien plus récent : utilisez le dernier courriel reçu",
                "link replaced by a newer one: use the latest e-mail",
            ),
            TokenRevoked => pick("lien annulé", "link cancelled"),
            TokenNotYetValid => pick("lien pas encore valable", "link not valid yet"),
            TokenExpired { .. } => pick(
                "lien expiré : recommencez la procédure",
                "link expired: start the procedure again",
            ),
            PolicyInvalid { field, allowed } => {
                if en {
                    format!("policy value `{field}` out of range, allowed: {allowed}")
                } else {
                    format!("paramètre `{field}` hors limites, permis : {allowed}")
                }
            }
            SecretAnswerInvalid => pick("réponse secrète incorrecte", "wrong secret answer"),
            SecretHashFailed { failure } => {
                let failure = failure.message(lang);
                if en {
                    format!("secret answer could not be hashed: {failure}")
                } else {
                    format!("impossible de hacher la réponse secrète : {failure}")
                }
            }
            // The source's own words, quoted (a caller's source says them in its language).
            EntropyUnavailable { reason } => {
                crate::entropy::EntropyError::new(reason.as_str()).message(lang)
            }
            SecretHashRehashRequired { scheme, allowed } => {
                if en {
                    format!(
                        "stored secret-answer hash `{scheme}` outside the accepted costs ({allowed}): have the answer chosen again"
                    )
                } else {
                    format!(
                        "le haché `{scheme}` de la réponse secrète sort des coûts admis ({allowed}) : faites choisir une nouvelle réponse"
                    )
                }
            }
            Seal(e) => e.message(lang),
            InvalidNow(e) => e.message(lang),
            InvalidSubject(e) => e.message(lang),
            RecordMalformed { error } => {
                let error = error.message(lang);
                if en {
                    format!("unreadable record: {error}")
                } else {
                    format!("dossier illisible : {error}")
                }
            }
        }
    }

    fn details(&self) -> Vec<Detail> {
        use AccountError::*;
        match self {
            LoginThrottled { retry_after_ms } => vec![("retry_after_ms", (*retry_after_ms).into())],
            NoHabilitationForApplication { application } => {
                vec![("application", application.clone().into())]
            }
            HabilitationLimitReached { limit } => vec![("limit", (*limit).into())],
            EstablishmentWouldBeOrphaned { establishments } => {
                vec![("establishments", (*establishments).into())]
            }
            MandateAlreadySigned { party } => vec![("party", party.clone().into())],
            TokenExpired { expired_at } => vec![("expired_at", expired_at.clone().into())],
            PolicyInvalid { field, allowed } => vec![
                ("field", field.clone().into()),
                ("allowed", allowed.clone().into()),
            ],
            SecretHashFailed { failure } => failure.details(),
            EntropyUnavailable { reason } => vec![("reason", reason.clone().into())],
            SecretHashRehashRequired { scheme, allowed } => vec![
                ("scheme", scheme.clone().into()),
                ("allowed", allowed.clone().into()),
            ],
            Seal(e) => e.details(),
            InvalidNow(e) => e.details(),
            InvalidSubject(e) => {
                let mut details = vec![("field", "subject".into())];
                details.extend(e.details());
                details
            }
            RecordMalformed { error } => {
                let mut details = vec![("cause", error.code().into())];
                details.extend(error.details());
                details
            }
            _ => Vec::new(),
        }
    }
}
french_display!(AccountError);

impl AccountError {
    /// `Ok(now)` when `now` can be stored in a record, else [`AccountError::InvalidNow`].
    pub(crate) fn check_now(
        now: time::OffsetDateTime,
    ) -> Result<time::OffsetDateTime, AccountError> {
        crate::calendar::check_instant(now)
            .map_err(|e| AccountError::InvalidNow(e.with_field("now")))
    }

    /// This error as a state-machine refusal (same code, messages and fields).
    pub(crate) fn refusal(&self) -> crate::machine::Refusal {
        crate::machine::Refusal::from_diagnostic(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_short_lowercase_without_final_period() {
        let all = [
            AccountError::InvalidCredentials,
            AccountError::LoginThrottled { retry_after_ms: 1 },
            AccountError::AccountLocked,
            AccountError::NoHabilitationForApplication {
                application: "apart".into(),
            },
            AccountError::TokenExpired {
                expired_at: "2026-01-01T00:00:00Z".into(),
            },
            AccountError::EntropyUnavailable { reason: "x".into() },
        ];
        for e in all {
            for lang in [Lang::Fr, Lang::En] {
                let m = e.message(lang);
                assert!(!m.ends_with('.'), "{m}");
                assert!(m.chars().next().is_some_and(|c| !c.is_uppercase()), "{m}");
            }
            assert!(e.code().chars().all(|c| c.is_ascii_uppercase() || c == '_'));
        }
    }

    #[test]
    fn throttle_rounds_seconds_up() {
        let e = AccountError::LoginThrottled {
            retry_after_ms: 1_001,
        };
        assert_eq!(e.message(Lang::En), "too many attempts: try again in 2 s");
    }
}

/// Why a secret answer could not be hashed or checked ([`AccountError::SecretHashFailed`]).
///
/// ```
/// use apart::account::HashFailure;
/// use apart::Lang;
/// assert_eq!(HashFailure::UnreadableSalt.message(Lang::Fr), "sel enregistré illisible");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum HashFailure {
    /// The stored scheme (`argon2id$v=19$m=…,t=…,p=…`) does not read.
    UnreadableScheme {
        /// The scheme (quoted).
        scheme: String,
    },
    /// The stored salt does not read (not base64url, or far from the 16 bytes written).
    UnreadableSalt,
    /// The stored hash does not read (not base64url of 32 bytes).
    UnreadableHash,
    /// The hasher refused (its own words: Argon2's, or a caller's [`SecretHasher`](super::SecretHasher)).
    Hasher {
        /// What the hasher said (quoted).
        reason: String,
    },
}

impl HashFailure {
    /// A stable name of the failure, in snake case (the `failure` field of the error).
    ///
    /// ```
    /// use apart::account::HashFailure;
    /// assert_eq!(HashFailure::UnreadableHash.id(), "unreadable_hash");
    /// ```
    pub fn id(&self) -> &'static str {
        match self {
            HashFailure::UnreadableScheme { .. } => "unreadable_scheme",
            HashFailure::UnreadableSalt => "unreadable_salt",
            HashFailure::UnreadableHash => "unreadable_hash",
            HashFailure::Hasher { .. } => "hasher",
        }
    }

    /// What failed, in `lang`.
    ///
    /// ```
    /// use apart::account::HashFailure;
    /// use apart::Lang;
    /// let failure = HashFailure::Hasher { reason: "out of memory".into() };
    /// assert_eq!(failure.message(Lang::Fr), "le hacheur a refusé (« out of memory »)");
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        match self {
            HashFailure::UnreadableScheme { scheme } => {
                if en {
                    format!("unreadable stored hash scheme `{scheme}`")
                } else {
                    format!("schéma de hachage enregistré illisible `{scheme}`")
                }
            }
            HashFailure::UnreadableSalt => if en {
                "unreadable stored salt"
            } else {
                "sel enregistré illisible"
            }
            .into(),
            HashFailure::UnreadableHash => if en {
                "unreadable stored hash"
            } else {
                "haché enregistré illisible"
            }
            .into(),
            HashFailure::Hasher { reason } => {
                if en {
                    format!("the hasher refused: {reason}")
                } else {
                    format!("le hacheur a refusé (« {reason} »)")
                }
            }
        }
    }

    fn details(&self) -> Vec<Detail> {
        let mut details: Vec<Detail> = vec![("failure", self.id().into())];
        match self {
            HashFailure::UnreadableScheme { scheme } => {
                details.push(("scheme", scheme.clone().into()))
            }
            HashFailure::Hasher { reason } => details.push(("reason", reason.clone().into())),
            HashFailure::UnreadableSalt | HashFailure::UnreadableHash => {}
        }
        details
    }
}
