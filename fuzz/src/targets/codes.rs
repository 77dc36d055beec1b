//! The short codes a user types or pastes: DI codes (`apart::procedure::DiCode`), the
//! `{id}.{secret}` of a recovery link (`apart::recovery::WireToken`) and login identifiers'
//! canonical form (`apart::account::canonical_identifier`).
//!
//! Checks: no panic; errors render short; a parsed DI code is canonical (parses to itself,
//! matches its input, is found among codes holding it, survives JSON); a link token has the
//! id length of 16 bytes in base64url; the canonical identifier is idempotent.

use crate::{check_diagnostic, text};
use apart::account::canonical_identifier;
use apart::procedure::DiCode;
use apart::recovery::WireToken;

/// One fuzz input.
pub fn run(data: &[u8]) {
    let input = text(data);
    let input = input.as_ref();
    match DiCode::parse(input) {
        Ok(code) => {
            assert_eq!(DiCode::parse(code.as_str()).as_ref(), Ok(&code));
            assert!(code.matches(input));
            assert!(code.as_str().chars().count() <= DiCode::MAX_LEN);
            let codes = [DiCode::parse("A1").expect("a code"), code.clone()];
            assert_eq!(
                DiCode::find(input, &codes).ok(),
                codes.iter().find(|c| **c == code)
            );
            let json = serde_json::to_string(&code).expect("a code serialises");
            assert_eq!(
                serde_json::from_str::<DiCode>(&json).ok().as_ref(),
                Some(&code)
            );
            assert_eq!(code.to_string(), code.as_str());
        }
        Err(e) => {
            check_diagnostic(&e);
            assert!(!DiCode::parse("A1").expect("a code").matches(input));
            if let Err(e) = DiCode::find(input, &[]) {
                check_diagnostic(&e);
            }
        }
    }
    match WireToken::parse(input) {
        Ok(token) => {
            assert_eq!(token.id().len(), 22);
            assert!(input.trim().starts_with(token.id()));
        }
        Err(e) => check_diagnostic(&e),
    }
    let canonical = canonical_identifier(input);
    assert_eq!(canonical_identifier(&canonical), canonical);
}
