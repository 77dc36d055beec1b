//! SIREN, NIC, SIRET and TVA numbers (`apart::siret`).

use std::sync::Arc;

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

    /// The SIRET of establishment `nic` of this company.
    pub fn with_nic(&self, nic: &Nic) -> Result<Arc<Siret>, ApartError> {
        Ok(Siret::arc(self.0.with_nic(nic.0)?))
    }

    /// The spaced form with another separator (`732.829.320`).
    pub fn format_with(&self, separator: String) -> Result<String, ApartError> {
        Ok(self.0.format_with(core::separator(&separator)?))
    }
}

getters!(Siren {
    /// The check digit (the 9th digit).
    check_digit -> i32 => i32::from;
    /// Whether this is La Poste's SIREN (`356000000`), whose SIRETs follow another key rule.
    is_la_poste -> bool;
    /// The company's TVA number.
    tva -> Arc<Tva> => Tva::arc;
    /// The number as an integer (leading zeros lost: for storage keys only).
    to_u32 -> i64 => i64::from;
});

getters!(Nic {
    /// The establishment's rank: the first four digits.
    rank -> i32 => i32::from;
    /// The last digit (the SIRET's check digit).
    check_digit -> i32 => i32::from;
});

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

    /// The spaced form with another separator.
    pub fn format_with(&self, separator: String) -> Result<String, ApartError> {
        Ok(self.0.format_with(core::separator(&separator)?))
    }
}

getters!(Siret {
    /// The company's SIREN.
    siren -> Arc<Siren> => Siren::arc;
    /// The establishment's NIC.
    nic -> Arc<Nic> => Nic::arc;
    /// The company's TVA number.
    tva -> Arc<Tva> => Tva::arc;
    /// Whether this is a La Poste establishment.
    is_la_poste -> bool;
});

getters!(Tva {
    /// The two-digit key, 0..=96.
    key -> i32 => i32::from;
    /// The company's SIREN; `null` for a Monaco company.
    siren -> Option<Arc<Siren>> => |s: Option<_>| s.map(Siren::arc);
    /// Whether this is a Monaco company's number.
    is_monaco -> bool;
});

getters!(Identifier {
    /// Which kind this is.
    kind -> IdentifierKind;
    /// The company's SIREN (`null` for a Monaco TVA number).
    siren -> Option<Arc<Siren>> => |s: Option<_>| s.map(Siren::arc);
    /// The company's TVA number.
    tva -> Arc<Tva> => Tva::arc;
});

#[uniffi::export]
impl Identifier {
    /// The SIRET, when this is one.
    pub fn siret(&self) -> Option<Arc<Siret>> {
        match self.0 {
            core::Identifier::Siret(siret) => Some(Siret::arc(siret)),
            _ => None,
        }
    }
}

/// Tells a SIREN, a SIRET and a TVA number apart, and parses it leniently.
#[uniffi::export]
pub fn detect(input: String) -> Result<Arc<Identifier>, ApartError> {
    Ok(Identifier::arc(core::detect(&input)?))
}

/// Valid numbers for test fixtures, from a seeded SplitMix64 (`apart::siret::generate`): the
/// same seed gives the same numbers on every platform. Not cryptographic randomness.
#[derive(Debug, uniffi::Object)]
pub struct IdentifierGenerator(core::generate::SharedSplitMix64);

#[uniffi::export]
impl IdentifierGenerator {
    /// A generator started from `seed` (any `Long`: its 64 bits are the seed).
    #[uniffi::constructor]
    pub fn new(seed: i64) -> Arc<IdentifierGenerator> {
        Arc::new(IdentifierGenerator(core::generate::SharedSplitMix64::new(
            u64::from_ne_bytes(seed.to_ne_bytes()),
        )))
    }

    /// A random valid SIREN.
    pub fn siren(&self) -> Arc<Siren> {
        Siren::arc(core::generate::siren(&mut &self.0))
    }

    /// A random valid SIRET.
    pub fn siret(&self) -> Arc<Siret> {
        Siret::arc(core::generate::siret(&mut &self.0))
    }

    /// A random valid SIRET of `siren`.
    pub fn siret_of(&self, siren: &Siren) -> Arc<Siret> {
        Siret::arc(core::generate::siret_of(siren.0, &mut &self.0))
    }

    /// A random valid La Poste SIRET.
    pub fn la_poste_siret(&self) -> Arc<Siret> {
        Siret::arc(core::generate::la_poste_siret(&mut &self.0))
    }
}

/// The number of significant characters of `kind` (digits, plus `FR` for a TVA number).
#[uniffi::export]
pub fn identifier_kind_expected_length(kind: IdentifierKind) -> i32 {
    crate::signed::int(kind.expected_length())
}
