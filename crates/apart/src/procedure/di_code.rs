//! The DI code: the functional number of a claim, which users copy from the DA screen.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use super::ProcedureError;

/// A DI code, normalised: no white space and no invisible character, at most
/// [`DiCode::MAX_LEN`] characters, none of them a control character. Otherwise opaque: its real
/// syntax is unknown (spec §10 Q9), so it is compared exactly, **case included**.
///
/// Normalisation removes what copying and pasting adds: every Unicode white space (ASCII
/// spaces and tabs, line breaks, no-break space U+00A0, narrow no-break space U+202F, thin
/// and other typographic spaces), zero-width characters (U+200B–U+200D, U+2060, U+FEFF), the
/// soft hyphen U+00AD and the direction marks U+200E/U+200F. Letters keep their case, as
/// received.
///
/// ```
/// use apart::procedure::DiCode;
/// let pasted = DiCode::parse("\u{feff} 0123\u{a0}4567\u{202f}89 \u{200b}")?;
/// assert_eq!(pasted.as_str(), "0123456789");
/// assert!(pasted.matches("01 23 45 67 89"));
/// assert!(!DiCode::parse("ab12")?.matches("AB12"));
/// assert_eq!(apart::Diagnostic::code(&DiCode::parse(" \u{a0} ").unwrap_err()), "DI_CODE_EMPTY");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DiCode(String);

impl DiCode {
    /// The longest code accepted, in characters.
    pub const MAX_LEN: usize = 64;

    /// Normalises `input` into a code.
    ///
    /// # Errors
    ///
    /// `DI_CODE_EMPTY` when nothing is left, `DI_CODE_INVALID_CHARACTER` for a control
    /// character, `DI_CODE_TOO_LONG` beyond [`DiCode::MAX_LEN`] characters.
    pub fn parse(input: &str) -> Result<DiCode, ProcedureError> {
        let mut code = String::with_capacity(input.len().min(4 * Self::MAX_LEN));
        let mut length = 0usize;
        for (index, c) in input.chars().enumerate() {
            if is_removed(c) {
                continue;
            }
            if c.is_control() {
                return Err(ProcedureError::DiCodeInvalidCharacter {
                    character: format!("U+{:04X}", u32::from(c)),
                    index,
                });
            }
            length += 1;
            if length <= Self::MAX_LEN {
                code.push(c);
            }
        }
        if length == 0 {
            return Err(ProcedureError::DiCodeEmpty);
        }
        if length > Self::MAX_LEN {
            return Err(ProcedureError::DiCodeTooLong {
                length,
                max: Self::MAX_LEN,
            });
        }
        Ok(DiCode(code))
    }

    /// The normalised code.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `input`, once normalised, is exactly this code. Input that cannot be a code
    /// never matches.
    pub fn matches(&self, input: &str) -> bool {
        DiCode::parse(input).is_ok_and(|other| other == *self)
    }

    /// Finds the code the user typed or pasted among `codes` (a DA's DI codes).
    ///
    /// ```
    /// use apart::procedure::DiCode;
    /// let codes = [DiCode::parse("A1")?, DiCode::parse("B2")?];
    /// assert_eq!(DiCode::find(" B 2", &codes)?.as_str(), "B2");
    /// assert_eq!(apart::Diagnostic::code(&DiCode::find("C3", &codes).unwrap_err()), "DI_CODE_NOT_FOUND");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The errors of [`DiCode::parse`], or `DI_CODE_NOT_FOUND` (with a hint to copy the code
    /// from the DA screen).
    pub fn find<'a>(input: &str, codes: &'a [DiCode]) -> Result<&'a DiCode, ProcedureError> {
        let wanted = DiCode::parse(input)?;
        codes
            .iter()
            .find(|c| **c == wanted)
            .ok_or_else(|| ProcedureError::DiCodeNotFound {
                code: crate::diagnostic::quote(&wanted.0),
            })
    }
}

/// White space and the invisible characters that copy and paste bring along.
fn is_removed(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}'
        )
}

impl fmt::Display for DiCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for DiCode {
    type Err = ProcedureError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DiCode::parse(s)
    }
}

impl Serialize for DiCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for DiCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        DiCode::parse(&s).map_err(crate::diagnostic::de_refusal)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::diagnostic::Diagnostic;

    #[test]
    fn normalisation_removes_spaces_and_invisible_characters() {
        for pasted in [
            "DI2021-0042",
            " DI2021-0042 ",
            "DI 2021-0042",
            "DI\t2021-0042\n",
            "DI\u{00A0}2021-0042",         // NBSP
            "DI\u{202F}2021-0042",         // NNBSP (French thousands separator)
            "DI\u{2009}2021\u{2007}-0042", // thin and figure spaces
            "\u{200B}DI2021-0042\u{200C}", // zero-width space and non-joiner
            "DI2021\u{200D}-0042\u{2060}", // zero-width joiner, word joiner
            "\u{FEFF}DI2021-0042",         // BOM
            "DI2021\u{00AD}-0042",         // soft hyphen
            "\u{200E}DI2021-0042\u{200F}", // direction marks
            "\r\nDI2021-0042\r\n",
        ] {
            assert_eq!(
                DiCode::parse(pasted).unwrap().as_str(),
                "DI2021-0042",
                "{pasted:?}"
            );
        }
    }

    #[test]
    fn case_is_kept_and_compared_exactly() {
        let code = DiCode::parse("Di2021-0042").unwrap();
        assert_eq!(code.as_str(), "Di2021-0042");
        assert!(code.matches("Di 2021-0042"));
        assert!(!code.matches("DI2021-0042"));
        assert!(!code.matches("di2021-0042"));
        assert!(!code.matches(""));
    }

    #[test]
    fn bad_codes() {
        assert_eq!(DiCode::parse("").unwrap_err().code(), "DI_CODE_EMPTY");
        assert_eq!(
            DiCode::parse("\u{200B}\u{FEFF}").unwrap_err().code(),
            "DI_CODE_EMPTY"
        );
        let err = DiCode::parse("AB\u{0007}C").unwrap_err();
        assert_eq!(
            err,
            ProcedureError::DiCodeInvalidCharacter {
                character: "U+0007".into(),
                index: 2
            }
        );
        assert!(DiCode::parse(&"9".repeat(64)).is_ok());
        assert_eq!(
            DiCode::parse(&"9".repeat(65)).unwrap_err(),
            ProcedureError::DiCodeTooLong {
                length: 65,
                max: 64
            }
        );
    }

    #[test]
    fn serde_normalises() {
        let c: DiCode = serde_json::from_str("\"12\\u00a034\"").unwrap();
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"1234\"");
        assert!(serde_json::from_str::<DiCode>("\" \"").is_err());
    }
}
