//! SIREN, NIC, SIRET and TVA numbers (`apart::siret`).

use std::sync::{Arc, Mutex};

use apart::siret as core;

use crate::ApartError;

pub use apart::siret::IdentifierKind;

value_object!(
    /// A valid SIREN (9 digits, Luhn key, not `000000000`). `toString()` gives `732 829 320`.
    Siren(core::Siren) + Ord,
    parse: "Parses leniently: spaces, no-break spaces, `.` and `-` may separate the digits.",
    parse_strict: "Parses the bare nine digits only.";
    as_str: "The compact form: nine digits.",
);
value_object!(
    /// A valid NIC (5 digits): an establishment's number inside its company.
    Nic(core::Nic) + Ord,
    parse: "Parses leniently.",
    parse_strict: "Parses the bare five digits only.";
    as_str: "The compact form: five digits.",
);
value_object!(
    /// A valid SIRET (SIREN + NIC, INSEE's key rule). `toString()` gives `732 829 320 00074`.
    Siret(core::Siret) + Ord,
    parse: "Parses leniently.",
    parse_strict: "Parses the bare fourteen digits only.";
    as_str: "The compact form: fourteen digits.",
);
value_object!(
    /// A valid French TVA number (`FR`, key, SIREN). `toString()` gives `FR 44 732 829 320`.
    Tva(core::Tva) + Ord,
    parse: "Parses leniently (`fr` accepted, separators as for SIRENs).",
    parse_strict: "Parses the compact form `FR` + eleven digits only.";
    as_str: "The compact form: `FR` and eleven digits.",
);
value_object!(
    /// A SIREN, SIRET or TVA number, as told apart by [`detect`]: `kind()` says which, and
    /// `siren()` / `siret()` / `tva()` give the parsed number.
    Identifier(core::Identifier);
    as_str: "The compact form.",
);

#[uniffi::export]
impl Siren {
    /// Completes eight digits with their check digit.
    #[uniffi::constructor]
    pub fn complete(prefix: String) -> Result<Arc<Siren>, ApartError> {
        Ok(Siren::arc(core::Siren::complete(&prefix)?))
    }

    /// The check digit (the 9th digit).
    pub fn check_digit(&self) -> i32 {
        self.0.check_digit().into()
    }

    /// Whether this is La Poste's SIREN (`356000000`), whose SIRETs follow another key rule.
    pub fn is_la_poste(&self) -> bool {
        self.0.is_la_poste()
    }

    /// The company's TVA number.
    pub fn tva(&self) -> Arc<Tva> {
        Tva::arc(self.0.tva())
    }

    /// The SIRET of establishment `nic` of this company.
    pub fn with_nic(&self, nic: &Nic) -> Result<Arc<Siret>, ApartError> {
        Ok(Siret::arc(self.0.with_nic(nic.0)?))
    }

    /// The number as an integer (leading zeros lost: for storage keys only).
    pub fn to_u32(&self) -> i64 {
        self.0.to_u32().into()
    }

    /// The spaced form with another separator (`732.829.320`).
    pub fn format_with(&self, separator: String) -> Result<String, ApartError> {
        Ok(self.0.format_with(core::separator(&separator)?))
    }
}

#[uniffi::export]
impl Nic {
    /// The establishment's rank: the first four digits.
    pub fn rank(&self) -> i32 {
        self.0.rank().into()
    }

    /// The last digit (the SIRET's check digit).
    pub fn check_digit(&self) -> i32 {
        self.0.check_digit().into()
    }
}

#[uniffi::export]
impl Siret {
    /// The SIRET made of `siren` and `nic`, if its key holds.
    #[uniffi::constructor]
    pub fn from_parts(siren: &Siren, nic: &Nic) -> Result<Arc<Siret>, ApartError> {
        Ok(Siret::arc(core::Siret::from_parts(siren.0, nic.0)?))
    }

    /// Completes `siren` and a four-digit establishment `rank` with the check digit.
    #[uniffi::constructor]
    pub fn complete(siren: &Siren, rank: String) -> Result<Arc<Siret>, ApartError> {
        Ok(Siret::arc(core::Siret::complete(siren.0, &rank)?))
    }

    /// The company's SIREN.
    pub fn siren(&self) -> Arc<Siren> {
        Siren::arc(self.0.siren())
    }

    /// The establishment's NIC.
    pub fn nic(&self) -> Arc<Nic> {
        Nic::arc(self.0.nic())
    }

    /// The company's TVA number.
    pub fn tva(&self) -> Arc<Tva> {
        Tva::arc(self.0.tva())
    }

    /// Whether this is a La Poste establishment.
    pub fn is_la_poste(&self) -> bool {
        self.0.is_la_poste()
    }

    /// The spaced form with another separator.
    pub fn format_with(&self, separator: String) -> Result<String, ApartError> {
        Ok(self.0.format_with(core::separator(&separator)?))
    }
}

#[uniffi::export]
impl Tva {
    /// The two-digit key, 0..=96.
    pub fn key(&self) -> i32 {
        self.0.key().into()
    }

    /// The company's SIREN; `null` for a Monaco company.
    pub fn siren(&self) -> Option<Arc<Siren>> {
        self.0.siren().map(Siren::arc)
    }

    /// Whether this is a Monaco company's number.
    pub fn is_monaco(&self) -> bool {
        self.0.is_monaco()
    }
}

#[uniffi::export]
impl Identifier {
    /// Which kind this is.
    pub fn kind(&self) -> IdentifierKind {
        self.0.kind()
    }

    /// The company's SIREN (`null` for a Monaco TVA number).
    pub fn siren(&self) -> Option<Arc<Siren>> {
        self.0.siren().map(Siren::arc)
    }

    /// The SIRET, when this is one.
    pub fn siret(&self) -> Option<Arc<Siret>> {
        match self.0 {
            core::Identifier::Siret(siret) => Some(Siret::arc(siret)),
            _ => None,
        }
    }

    /// The company's TVA number.
    pub fn tva(&self) -> Arc<Tva> {
        Tva::arc(self.0.tva())
    }
}

/// Tells a SIREN, a SIRET and a TVA number apart, and parses it leniently.
#[uniffi::export]
pub fn detect(input: String) -> Result<Arc<Identifier>, ApartError> {
    Ok(Identifier::arc(core::detect(&input)?))
}

/// Whether `input` is a valid SIRET (lenient parsing): the fast check, no error details.
#[uniffi::export]
pub fn is_valid_siret(input: String) -> bool {
    core::is_valid_siret(&input)
}

/// Valid numbers for test fixtures, from a seeded SplitMix64 (`apart::siret::generate`): the
/// same seed gives the same numbers on every platform. Not cryptographic randomness.
#[derive(Debug, uniffi::Object)]
pub struct IdentifierGenerator(Mutex<core::generate::SplitMix64>);

impl IdentifierGenerator {
    fn with<T>(&self, f: impl FnOnce(&mut core::generate::SplitMix64) -> T) -> T {
        // A poisoned lock only means another thread panicked mid-draw; the generator state is
        // still a valid u64, so keep going.
        let mut rng = self.0.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut rng)
    }
}

#[uniffi::export]
impl IdentifierGenerator {
    /// A generator started from `seed` (any `Long`: its 64 bits are the seed).
    #[uniffi::constructor]
    pub fn new(seed: i64) -> Arc<IdentifierGenerator> {
        Arc::new(IdentifierGenerator(Mutex::new(
            core::generate::SplitMix64::new(u64::from_ne_bytes(seed.to_ne_bytes())),
        )))
    }

    /// A random valid SIREN.
    pub fn siren(&self) -> Arc<Siren> {
        Siren::arc(self.with(core::generate::siren))
    }

    /// A random valid SIRET.
    pub fn siret(&self) -> Arc<Siret> {
        Siret::arc(self.with(core::generate::siret))
    }

    /// A random valid SIRET of `siren`.
    pub fn siret_of(&self, siren: &Siren) -> Arc<Siret> {
        Siret::arc(self.with(|rng| core::generate::siret_of(siren.0, rng)))
    }

    /// A random valid La Poste SIRET.
    pub fn la_poste_siret(&self) -> Arc<Siret> {
        Siret::arc(self.with(core::generate::la_poste_siret))
    }
}

/// The number of significant characters of `kind` (digits, plus `FR` for a TVA number).
#[uniffi::export]
pub fn identifier_kind_expected_length(kind: IdentifierKind) -> i32 {
    crate::signed::int(kind.expected_length())
}
