//! Which kind of line and territory a French number belongs to, from its prefix: the overseas
//! departments' blocks of the 9-digit plan and the collectivities' own plans (libphonenumber
//! metadata 9.0.33).

use super::{OverseasKind, PhoneKind, PhoneTerritory};

/// Overseas-department blocks of the 9-digit plan (libphonenumber metadata 9.0.33, territories
/// RE, YT, GP/BL/MF, MQ, GF): a number belongs to a block when it starts with `stem` and, if
/// `next` is not empty, its following digit is one of `next`.
///
/// Parts of `0263`, `0269` and `0596` are mainland numbers: only the sub-blocks below are
/// overseas, as libphonenumber's FR fixed-line pattern `26[013-9]…|59[1-35-9]…` says.
struct Block {
    stem: &'static str,
    next: &'static str,
    territory: PhoneTerritory,
    kind: OverseasKind,
}

const fn block(
    stem: &'static str,
    next: &'static str,
    territory: PhoneTerritory,
    kind: OverseasKind,
) -> Block {
    Block {
        stem,
        next,
        territory,
        kind,
    }
}

const OVERSEAS_BLOCKS: &[Block] = {
    use OverseasKind::{Fixed, Mobile};
    use PhoneTerritory::{Guadeloupe, Guyane, Martinique, Mayotte, Reunion};
    &[
        // Réunion: fixed 262, 2630, 2631[0-6], 2688; mobile 692, 693, 7092.
        block("262", "", Reunion, Fixed),
        block("2630", "", Reunion, Fixed),
        block("2631", "0123456", Reunion, Fixed),
        block("2688", "", Reunion, Fixed),
        block("692", "", Reunion, Mobile),
        block("693", "", Reunion, Mobile),
        block("7092", "", Reunion, Mobile),
        // Mayotte: fixed 2689, 2690[0-467], 26915, 2695[0-4], 2696, 26970, 26980;
        // mobile 639, 7093[5-7].
        block("2689", "", Mayotte, Fixed),
        block("2690", "0123467", Mayotte, Fixed),
        block("2691", "5", Mayotte, Fixed),
        block("2695", "01234", Mayotte, Fixed),
        block("2696", "", Mayotte, Fixed),
        block("2697", "0", Mayotte, Fixed),
        block("2698", "0", Mayotte, Fixed),
        block("639", "", Mayotte, Mobile),
        block("7093", "567", Mayotte, Mobile),
        // Guadeloupe, Saint-Barthélemy, Saint-Martin: fixed 590, 5987; mobile 690, 691, 7090.
        block("590", "", Guadeloupe, Fixed),
        block("5987", "", Guadeloupe, Fixed),
        block("690", "", Guadeloupe, Mobile),
        block("691", "", Guadeloupe, Mobile),
        block("7090", "", Guadeloupe, Mobile),
        // Martinique: fixed 5960, 596[3-7], 5961[05], 5962[7-9], 5968[0-39], 5969[04-9], 5989;
        // mobile 696, 697, 7091.
        block("5960", "", Martinique, Fixed),
        block("596", "34567", Martinique, Fixed),
        block("5961", "05", Martinique, Fixed),
        block("5962", "789", Martinique, Fixed),
        block("5968", "01239", Martinique, Fixed),
        block("5969", "0456789", Martinique, Fixed),
        block("5989", "", Martinique, Fixed),
        block("696", "", Martinique, Mobile),
        block("697", "", Martinique, Mobile),
        block("7091", "", Martinique, Mobile),
        // Guyane: fixed 594, 5988; mobile 694, 7093[0-3].
        block("594", "", Guyane, Fixed),
        block("5988", "", Guyane, Fixed),
        block("694", "", Guyane, Mobile),
        block("7093", "0123", Guyane, Mobile),
    ]
};

impl Block {
    fn matches(&self, nsn: &str) -> bool {
        let Some(rest) = nsn.strip_prefix(self.stem) else {
            return false;
        };
        self.next.is_empty() || rest.chars().next().is_some_and(|c| self.next.contains(c))
    }
}

/// Classifies a 9-digit national significant number (first digit 1–9).
pub(super) fn classify_nsn(nsn: &str) -> PhoneKind {
    if let Some(b) = OVERSEAS_BLOCKS.iter().find(|b| b.matches(nsn)) {
        return PhoneKind::Overseas {
            territory: b.territory,
            kind: b.kind,
        };
    }
    match nsn.as_bytes().first() {
        Some(b'1'..=b'5') => PhoneKind::Fixed,
        Some(b'6' | b'7') => PhoneKind::Mobile,
        Some(b'8') => PhoneKind::Special,
        _ => PhoneKind::Voip,
    }
}

/// The collectivities: country code, territory, length of the national number.
pub(super) const COLLECTIVITIES: &[(&str, PhoneTerritory, usize)] = &[
    ("508", PhoneTerritory::SaintPierreEtMiquelon, 6),
    ("687", PhoneTerritory::NouvelleCaledonie, 6),
    ("689", PhoneTerritory::PolynesieFrancaise, 8),
    ("681", PhoneTerritory::WallisEtFutuna, 6),
];

/// The kind of a collectivity's number, where libphonenumber 9.0.33 tells fixed and mobile
/// apart without overlap; `Other` elsewhere.
pub(super) fn classify_collectivity(territory: PhoneTerritory, nsn: &str) -> OverseasKind {
    let b = nsn.as_bytes();
    let (d0, d1, d2) = (
        b.first().copied().unwrap_or(0),
        b.get(1).copied().unwrap_or(0),
        b.get(2).copied().unwrap_or(0),
    );
    match territory {
        PhoneTerritory::NouvelleCaledonie => match (d0, d1) {
            (b'2', b'0' | b'3'..=b'9')
            | (b'3', b'0'..=b'5')
            | (b'4', b'1'..=b'7')
            | (b'8', b'8') => OverseasKind::Fixed,
            (b'5' | b'7' | b'9', _) | (b'8', _) => OverseasKind::Mobile,
            _ => OverseasKind::Other,
        },
        PhoneTerritory::PolynesieFrancaise => match (d0, d1, d2) {
            (b'4', b'0', b'4'..=b'6' | b'8' | b'9') | (b'4', b'9', b'4'..=b'6' | b'8') => {
                OverseasKind::Fixed
            }
            (b'8', b'7'..=b'9', _) => OverseasKind::Mobile,
            _ => OverseasKind::Other,
        },
        PhoneTerritory::WallisEtFutuna => match (d0, d1) {
            (b'7', b'2') => OverseasKind::Fixed,
            (b'8', b'2' | b'3') => OverseasKind::Mobile,
            _ => OverseasKind::Other,
        },
        _ => OverseasKind::Other,
    }
}
