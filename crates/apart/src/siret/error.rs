//! [`SiretError`]: why a SIREN, NIC, SIRET or TVA number was refused.

use crate::diagnostic::{Detail, Diagnostic, Lang, french_display};

/// The kind of identifier a parser expected or found.
///
/// ```
/// use apart::siret::{IdentifierKind, detect};
/// assert_eq!(detect("732 829 320 00074")?.kind(), IdentifierKind::Siret);
/// assert_eq!(IdentifierKind::Tva.as_str(), "tva");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[non_exhaustive]
pub enum IdentifierKind {
    /// A SIREN: 9 digits, the company.
    Siren,
    /// A NIC: 5 digits, the establishment inside its company.
    Nic,
    /// A SIRET: 14 digits, SIREN + NIC, the establishment.
    Siret,
    /// A French intra-community VAT number: `FR`, a 2-digit key, a SIREN.
    Tva,
}

impl IdentifierKind {
    /// Every kind, in order.
    ///
    /// ```
    /// use apart::siret::IdentifierKind;
    /// let tags: Vec<&str> = IdentifierKind::ALL.iter().map(|k| k.as_str()).collect();
    /// assert_eq!(tags, ["siren", "nic", "siret", "tva"]);
    /// for kind in IdentifierKind::ALL {
    ///     assert_eq!(serde_json::to_value(kind)?, kind.as_str());
    /// }
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub const ALL: &'static [IdentifierKind] = &[
        IdentifierKind::Siren,
        IdentifierKind::Nic,
        IdentifierKind::Siret,
        IdentifierKind::Tva,
    ];

    /// The lowercase tag used in error details and JSON (`siren`, `nic`, `siret`, `tva`).
    pub fn as_str(self) -> &'static str {
        match self {
            IdentifierKind::Siren => "siren",
            IdentifierKind::Nic => "nic",
            IdentifierKind::Siret => "siret",
            IdentifierKind::Tva => "tva",
        }
    }

    /// The number of significant characters of this kind (digits, plus `FR` for a TVA number).
    ///
    /// ```
    /// use apart::siret::IdentifierKind;
    /// assert_eq!(IdentifierKind::Siret.expected_length(), 14);
    /// assert_eq!(IdentifierKind::Tva.expected_length(), 13);
    /// ```
    pub fn expected_length(self) -> usize {
        match self {
            IdentifierKind::Siren => 9,
            IdentifierKind::Nic => 5,
            IdentifierKind::Siret => 14,
            IdentifierKind::Tva => 13,
        }
    }

    fn invalid(kind: Option<Self>, lang: Lang) -> &'static str {
        match (kind, lang) {
            (Some(IdentifierKind::Siren), Lang::En) => "invalid SIREN",
            (Some(IdentifierKind::Nic), Lang::En) => "invalid NIC",
            (Some(IdentifierKind::Siret), Lang::En) => "invalid SIRET",
            (Some(IdentifierKind::Tva), Lang::En) => "invalid VAT number",
            (None, Lang::En) => "invalid identifier",
            (Some(IdentifierKind::Siren), _) => "numéro SIREN invalide",
            (Some(IdentifierKind::Nic), _) => "NIC invalide",
            (Some(IdentifierKind::Siret), _) => "numéro SIRET invalide",
            (Some(IdentifierKind::Tva), _) => "numéro de TVA intracommunautaire invalide",
            (None, _) => "identifiant invalide",
        }
    }
}

/// What a wrong-length input looks like instead, when the library can tell.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LengthHint {
    /// 9 digits forming a valid SIREN, where a SIRET was expected.
    LooksLikeSiren,
    /// 14 digits forming a valid SIRET, where a SIREN was expected.
    LooksLikeSiret,
    /// A valid French TVA number, where a SIREN or SIRET was expected.
    LooksLikeTva,
    /// 8 or 13 digits that become a valid SIREN or SIRET with a leading zero: the value was
    /// probably stored as a number (Excel, an integer column) and lost it.
    LeadingZeroLost {
        /// The zero-padded, valid value (compact digits).
        suggestion: String,
    },
    /// The digits to complete with a check digit ([`Siren::complete`](crate::siret::Siren::complete),
    /// [`Siret::complete`](crate::siret::Siret::complete)): one fewer than the identifier has.
    WithoutCheckDigit,
}

impl LengthHint {
    /// The stable tag of the hint (`looks_like_siren`, `looks_like_siret`, `looks_like_tva`,
    /// `leading_zero_lost`).
    ///
    /// ```
    /// use apart::siret::{Siren, SiretError};
    /// match Siren::parse("58801481") {
    ///     Err(SiretError::InvalidLength { hint: Some(hint), .. }) => {
    ///         assert_eq!(hint.as_str(), "leading_zero_lost")
    ///     }
    ///     other => panic!("{other:?}"),
    /// }
    /// ```
    pub fn as_str(&self) -> &'static str {
        match self {
            LengthHint::LooksLikeSiren => "looks_like_siren",
            LengthHint::LooksLikeSiret => "looks_like_siret",
            LengthHint::LooksLikeTva => "looks_like_tva",
            LengthHint::LeadingZeroLost { .. } => "leading_zero_lost",
            LengthHint::WithoutCheckDigit => "without_check_digit",
        }
    }
}

/// How many digits were expected: the kind's, one fewer for the digits to complete.
fn expected_length(kind: IdentifierKind, hint: Option<&LengthHint>) -> usize {
    match hint {
        Some(LengthHint::WithoutCheckDigit) => kind.expected_length().saturating_sub(1),
        _ => kind.expected_length(),
    }
}

/// Why a SIREN, NIC, SIRET or TVA number was refused.
///
/// Every variant has a stable code ([`Diagnostic::code`]), a French and an English message naming
/// what was expected and what was found, and fields made of strings and integers only
/// ([`Diagnostic::details`]) so that the bindings carry them unchanged. `Display` is French.
///
/// | code | variant |
/// |---|---|
/// | `IDENTIFIER_EMPTY` | [`Empty`](Self::Empty) |
/// | `IDENTIFIER_INVALID_CHARACTER` | [`InvalidCharacter`](Self::InvalidCharacter) |
/// | `IDENTIFIER_INVALID_LENGTH` | [`InvalidLength`](Self::InvalidLength) |
/// | `IDENTIFIER_PLACEHOLDER` | [`Placeholder`](Self::Placeholder) |
/// | `SIREN_INVALID_KEY` | [`InvalidSirenKey`](Self::InvalidSirenKey) |
/// | `SIRET_INVALID_KEY` | [`InvalidSiretKey`](Self::InvalidSiretKey) |
/// | `SIRET_INVALID_LA_POSTE_KEY` | [`InvalidLaPosteKey`](Self::InvalidLaPosteKey) |
/// | `TVA_INVALID_KEY` | [`InvalidTvaKey`](Self::InvalidTvaKey) |
/// | `TVA_INVALID_COUNTRY` | [`InvalidTvaCountry`](Self::InvalidTvaCountry) |
///
/// ```
/// use apart::diagnostic::{Diagnostic, Lang};
/// use apart::siret::{Siret, SiretError};
///
/// let err = "732 829 320 00075".parse::<Siret>().unwrap_err();
/// assert_eq!(err, SiretError::InvalidSiretKey { expected: 4, found: 5 });
/// assert_eq!(err.to_string(), "numéro SIRET invalide : clé de contrôle attendue 4, trouvée 5");
/// assert_eq!(err.message(Lang::En), "invalid SIRET: check digit expected 4, found 5");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SiretError {
    /// Nothing but white space was given.
    Empty {
        /// The kind that was expected (`None`: any, from [`detect`](super::detect)).
        expected: Option<IdentifierKind>,
    },
    /// A character that is neither a digit nor an accepted separator (or, in strict mode,
    /// anything but a digit).
    InvalidCharacter {
        /// The character (a one-character string, for FFI).
        character: String,
        /// Its index in the input as given, counted in characters (not bytes), from 0.
        index: usize,
        /// The kind that was expected.
        expected: Option<IdentifierKind>,
    },
    /// The wrong number of digits.
    InvalidLength {
        /// The number of significant characters found (digits; plus the country code for TVA).
        length: usize,
        /// The kind that was expected; its length is [`IdentifierKind::expected_length`].
        expected: Option<IdentifierKind>,
        /// What the input looks like instead, when that can be told.
        hint: Option<LengthHint>,
    },
    /// SIREN `000000000` (or a SIRET or TVA number on it): it passes Luhn, every other library
    /// accepts it, and it is the usual filler of real datasets (spec §1, search-infra #649).
    Placeholder {
        /// The kind that was expected.
        expected: IdentifierKind,
    },
    /// The SIREN check digit (the 9th digit) is wrong.
    InvalidSirenKey {
        /// The kind being parsed (a SIREN, or the SIREN inside a SIRET or TVA number).
        kind: IdentifierKind,
        /// The check digit that would make the SIREN valid.
        expected: u8,
        /// The check digit found.
        found: u8,
    },
    /// The SIRET check digit (the 14th digit, Luhn over all 14) is wrong.
    InvalidSiretKey {
        /// The check digit that would make the SIRET valid.
        expected: u8,
        /// The check digit found.
        found: u8,
    },
    /// A La Poste SIRET (SIREN 356000000) passing neither Luhn nor the digit-sum rule.
    InvalidLaPosteKey {
        /// The smallest check digit making the digit sum a multiple of 5 (`expected + 5` works too).
        expected: u8,
        /// The check digit found.
        found: u8,
    },
    /// The 2-digit key of a TVA number is wrong.
    InvalidTvaKey {
        /// The key computed from the SIREN, 0..=96.
        expected: u8,
        /// The key found, 0..=99.
        found: u8,
    },
    /// The TVA number does not start with `FR`.
    InvalidTvaCountry {
        /// The two characters found instead (empty when the number starts with a digit).
        found: String,
    },
}

impl SiretError {
    /// The kind of identifier this error is about, when known (`None` for an input that
    /// [`detect`](super::detect) could not classify).
    ///
    /// ```
    /// use apart::siret::{detect, IdentifierKind};
    /// assert_eq!(detect("73282932000075").unwrap_err().kind(), Some(IdentifierKind::Siret));
    /// assert_eq!(detect("1234").unwrap_err().kind(), None);
    /// ```
    pub fn kind(&self) -> Option<IdentifierKind> {
        match self {
            SiretError::Empty { expected }
            | SiretError::InvalidCharacter { expected, .. }
            | SiretError::InvalidLength { expected, .. } => *expected,
            SiretError::Placeholder { expected } => Some(*expected),
            SiretError::InvalidSirenKey { kind, .. } => Some(*kind),
            SiretError::InvalidSiretKey { .. } | SiretError::InvalidLaPosteKey { .. } => {
                Some(IdentifierKind::Siret)
            }
            SiretError::InvalidTvaKey { .. } | SiretError::InvalidTvaCountry { .. } => {
                Some(IdentifierKind::Tva)
            }
        }
    }

    /// The error for a character at `index` (in characters) of the input.
    #[cold]
    pub(crate) fn character(c: char, index: usize, expected: Option<IdentifierKind>) -> Self {
        SiretError::InvalidCharacter {
            character: c.to_string(),
            index,
            expected,
        }
    }
}

fn plural(n: usize, fr_one: &str, fr_many: &str) -> String {
    if n <= 1 {
        format!("{n} {fr_one}")
    } else {
        format!("{n} {fr_many}")
    }
}

impl Diagnostic for SiretError {
    fn family(&self) -> crate::diagnostic::Family {
        crate::diagnostic::Family::Siret
    }

    fn code(&self) -> &'static str {
        match self {
            SiretError::Empty { .. } => "IDENTIFIER_EMPTY",
            SiretError::InvalidCharacter { .. } => "IDENTIFIER_INVALID_CHARACTER",
            SiretError::InvalidLength { .. } => "IDENTIFIER_INVALID_LENGTH",
            SiretError::Placeholder { .. } => "IDENTIFIER_PLACEHOLDER",
            SiretError::InvalidSirenKey { .. } => "SIREN_INVALID_KEY",
            SiretError::InvalidSiretKey { .. } => "SIRET_INVALID_KEY",
            SiretError::InvalidLaPosteKey { .. } => "SIRET_INVALID_LA_POSTE_KEY",
            SiretError::InvalidTvaKey { .. } => "TVA_INVALID_KEY",
            SiretError::InvalidTvaCountry { .. } => "TVA_INVALID_COUNTRY",
        }
    }

    fn message(&self, lang: Lang) -> String {
        let en = matches!(lang, Lang::En);
        match self {
            SiretError::Empty { expected } => {
                let head = IdentifierKind::invalid(*expected, lang);
                if en {
                    format!("{head}: empty value")
                } else {
                    format!("{head} : valeur vide")
                }
            }
            SiretError::InvalidCharacter {
                character,
                index,
                expected,
            } => {
                let head = IdentifierKind::invalid(*expected, lang);
                let c = character.escape_debug();
                let pos = index.saturating_add(1);
                if en {
                    format!(
                        "{head}: unexpected character '{c}' at position {pos} (expected a digit)"
                    )
                } else {
                    format!(
                        "{head} : caractère '{c}' inattendu en position {pos} (attendu : un chiffre)"
                    )
                }
            }
            SiretError::InvalidLength {
                length,
                expected,
                hint,
            } => {
                let head = IdentifierKind::invalid(*expected, lang);
                let found = match (expected, en) {
                    (Some(IdentifierKind::Tva), true) => plural(*length, "character", "characters"),
                    (Some(IdentifierKind::Tva), false) => {
                        plural(*length, "caractère", "caractères")
                    }
                    (_, true) => plural(*length, "digit", "digits"),
                    (_, false) => plural(*length, "chiffre", "chiffres"),
                };
                let want = |k: &IdentifierKind| expected_length(*k, hint.as_ref());
                let base = match (expected, en) {
                    (Some(k), true) => format!("{head}: {found} instead of {}", want(k)),
                    (Some(k), false) => format!("{head} : {found} au lieu de {}", want(k)),
                    (None, true) => format!("{head}: {found}, expected 9 (SIREN) or 14 (SIRET)"),
                    (None, false) => format!("{head} : {found}, attendu 9 (SIREN) ou 14 (SIRET)"),
                };
                let tail = match (hint, en) {
                    (None, _) => String::new(),
                    (Some(LengthHint::LooksLikeSiren), true) => ", this looks like a SIREN".into(),
                    (Some(LengthHint::LooksLikeSiren), false) => {
                        ", cela ressemble à un numéro SIREN".into()
                    }
                    (Some(LengthHint::LooksLikeSiret), true) => ", this looks like a SIRET".into(),
                    (Some(LengthHint::LooksLikeSiret), false) => {
                        ", cela ressemble à un numéro SIRET".into()
                    }
                    (Some(LengthHint::LooksLikeTva), true) => {
                        ", this looks like a French VAT number".into()
                    }
                    (Some(LengthHint::LooksLikeTva), false) => {
                        ", cela ressemble à un numéro de TVA intracommunautaire".into()
                    }
                    (Some(LengthHint::LeadingZeroLost { suggestion }), true) => {
                        format!(", a leading zero was probably lost: {suggestion}")
                    }
                    (Some(LengthHint::LeadingZeroLost { suggestion }), false) => {
                        format!(", un zéro initial a sans doute été perdu : {suggestion}")
                    }
                    (Some(LengthHint::WithoutCheckDigit), true) => {
                        ", the digits without the check digit".into()
                    }
                    (Some(LengthHint::WithoutCheckDigit), false) => {
                        ", les chiffres sans la clé".into()
                    }
                };
                base + &tail
            }
            SiretError::Placeholder { expected } => {
                let head = IdentifierKind::invalid(Some(*expected), lang);
                if en {
                    format!("{head}: SIREN 000000000 is a placeholder, not a real number")
                } else {
                    format!(
                        "{head} : le SIREN 000000000 est une valeur de remplissage, pas un vrai numéro"
                    )
                }
            }
            SiretError::InvalidSirenKey {
                kind,
                expected,
                found,
            } => {
                let head = IdentifierKind::invalid(Some(*kind), lang);
                match (kind, en) {
                    (IdentifierKind::Siren, true) => {
                        format!("{head}: check digit expected {expected}, found {found}")
                    }
                    (IdentifierKind::Siren, false) => {
                        format!("{head} : clé de contrôle attendue {expected}, trouvée {found}")
                    }
                    (_, true) => format!(
                        "{head}: SIREN check digit (9th digit) expected {expected}, found {found}"
                    ),
                    (_, false) => format!(
                        "{head} : clé de contrôle du SIREN (9e chiffre) attendue {expected}, trouvée {found}"
                    ),
                }
            }
            SiretError::InvalidSiretKey { expected, found } => {
                let head = IdentifierKind::invalid(Some(IdentifierKind::Siret), lang);
                if en {
                    format!("{head}: check digit expected {expected}, found {found}")
                } else {
                    format!("{head} : clé de contrôle attendue {expected}, trouvée {found}")
                }
            }
            SiretError::InvalidLaPosteKey { expected, found } => {
                let other = expected.saturating_add(5);
                if en {
                    format!(
                        "invalid SIRET (La Poste): the digit sum must be a multiple of 5, check digit expected {expected} or {other}, found {found}"
                    )
                } else {
                    format!(
                        "numéro SIRET invalide (La Poste) : la somme des chiffres doit être un multiple de 5, clé attendue {expected} ou {other}, trouvée {found}"
                    )
                }
            }
            SiretError::InvalidTvaKey { expected, found } => {
                let head = IdentifierKind::invalid(Some(IdentifierKind::Tva), lang);
                if en {
                    format!("{head}: key expected {expected:02}, found {found:02}")
                } else {
                    format!("{head} : clé attendue {expected:02}, trouvée {found:02}")
                }
            }
            SiretError::InvalidTvaCountry { found } => {
                let head = IdentifierKind::invalid(Some(IdentifierKind::Tva), lang);
                let empty = found.is_empty();
                let found = found.escape_debug();
                match (empty, en) {
                    (true, true) => format!("{head}: the country code FR is missing"),
                    (true, false) => format!("{head} : le code pays FR manque"),
                    (false, true) => format!("{head}: country code '{found}' instead of FR"),
                    (false, false) => format!("{head} : code pays '{found}' au lieu de FR"),
                }
            }
        }
    }

    fn details(&self) -> Vec<Detail> {
        fn kind(k: Option<IdentifierKind>) -> &'static str {
            k.map_or("any", IdentifierKind::as_str)
        }
        match self {
            SiretError::Empty { expected } => vec![("expected", kind(*expected).into())],
            SiretError::InvalidCharacter {
                character,
                index,
                expected,
            } => vec![
                ("character", character.as_str().into()),
                ("index", (*index).into()),
                ("expected", kind(*expected).into()),
            ],
            SiretError::InvalidLength {
                length,
                expected,
                hint,
            } => {
                let mut d = vec![
                    ("length", (*length).into()),
                    ("expected", kind(*expected).into()),
                ];
                if let Some(k) = expected {
                    d.push(("expected_length", expected_length(*k, hint.as_ref()).into()));
                }
                if let Some(h) = hint {
                    d.push(("hint", h.as_str().into()));
                    if let LengthHint::LeadingZeroLost { suggestion } = h {
                        d.push(("suggestion", suggestion.as_str().into()));
                    }
                }
                d
            }
            SiretError::Placeholder { expected } => vec![("expected", expected.as_str().into())],
            SiretError::InvalidSirenKey {
                kind,
                expected,
                found,
            } => vec![
                ("kind", kind.as_str().into()),
                ("expected", (*expected).into()),
                ("found", (*found).into()),
            ],
            SiretError::InvalidSiretKey { expected, found }
            | SiretError::InvalidLaPosteKey { expected, found }
            | SiretError::InvalidTvaKey { expected, found } => {
                vec![("expected", (*expected).into()), ("found", (*found).into())]
            }
            SiretError::InvalidTvaCountry { found } => vec![("found", found.as_str().into())],
        }
    }
}

french_display!(SiretError);
