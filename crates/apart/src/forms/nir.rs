//! The NIR (« numéro d'inscription au répertoire », the social security number) of an employee
//! on a claim line: validation, the compact form lines are compared in, and the mask the recap
//! prints (spec `lifecycle.md` §3.5).

/// The NIR without spaces, upper-cased: the form lines are compared and stored in.
///
/// ```
/// assert_eq!(apart::forms::compact_nir("2 69 05 2a 588 157 80"), "269052A58815780");
/// ```
pub fn compact_nir(nir: &str) -> String {
    nir.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// The NIR masked for display: its first 5 characters, the rest as `*` (spec §3.5).
///
/// ```
/// assert_eq!(apart::forms::mask_nir("2 69 05 49 588 157 80"), "26905**********");
/// ```
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn mask_nir(nir: &str) -> String {
    compact_nir(nir)
        .chars()
        .enumerate()
        .map(|(i, c)| if i < 5 { c } else { '*' })
        .collect()
}

/// Whether `nir` is a valid NIR: 15 characters (spaces ignored), sex digit 1–4 or 7–8, 13
/// digits (department `2A`/`2B` for Corsica) and the key `97 - (number mod 97)`, where `2A`
/// and `2B` count as 19 and 18.
///
/// ```
/// use apart::forms::is_valid_nir;
/// assert!(is_valid_nir("2 69 05 49 588 157 80"));
/// assert!(!is_valid_nir("269054958815781"));
/// ```
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn is_valid_nir(nir: &str) -> bool {
    let compact = compact_nir(nir);
    let bytes = compact.as_bytes();
    if bytes.len() != 15 {
        return false;
    }
    let (body, key) = bytes.split_at(13);
    let digits: String = match body.get(5..7) {
        Some(b"2A") => format!(
            "{}19{}",
            String::from_utf8_lossy(body.get(..5).unwrap_or_default()),
            String::from_utf8_lossy(body.get(7..).unwrap_or_default())
        ),
        Some(b"2B") => format!(
            "{}18{}",
            String::from_utf8_lossy(body.get(..5).unwrap_or_default()),
            String::from_utf8_lossy(body.get(7..).unwrap_or_default())
        ),
        _ => String::from_utf8_lossy(body).into_owned(),
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !key.iter().all(u8::is_ascii_digit) {
        return false;
    }
    if !matches!(digits.as_bytes().first(), Some(b'1'..=b'4' | b'7' | b'8')) {
        return false;
    }
    let (Ok(number), Ok(key)) = (
        digits.parse::<u64>(),
        String::from_utf8_lossy(key).parse::<u64>(),
    ) else {
        return false;
    };
    97 - number % 97 == key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nir_checks_and_masking() {
        assert!(is_valid_nir("269054958815780"));
        assert!(is_valid_nir("185077512345608"));
        // Corsica: 2A counts as 19, 2B as 18.
        assert!(is_valid_nir("201012A12345658"));
        assert!(!is_valid_nir("201012A12345657"));
        assert!(is_valid_nir("185072B12345692"));
        assert!(!is_valid_nir("569054958815780"));
        assert!(!is_valid_nir("26905495881578"));
        assert!(!is_valid_nir("26905495881578é"));
        assert_eq!(mask_nir("2 69 05 49 588 157 80"), "26905**********");
    }
}
