//! Parses arbitrary UTF-8 as every identifier kind: no panic, parse ∘ format is the identity,
//! the fast paths agree with the parsers, and every error can be rendered.
//!
//! Run: `cd fuzz && cargo +nightly fuzz run siret_parse`. Crashing inputs go into
//! `tests/suite/siret.rs` as regression tests.

use apart::siret::{Identifier, Nic, Siren, Siret, SiretError, Tva, detect, is_valid_siret};

/// Renders an error fully and checks that its character index points at its character.
fn check_error(input: &str, e: &SiretError) {
    crate::check_diagnostic(e);
    let _ = e.kind();
    if let SiretError::InvalidCharacter {
        character, index, ..
    } = e
    {
        assert_eq!(
            input.chars().nth(*index).map(String::from).as_ref(),
            Some(character)
        );
    }
}

macro_rules! round_trip {
    ($t:ty, $input:expr) => {
        match <$t>::parse($input) {
            Ok(v) => {
                assert_eq!(<$t>::parse(&v.to_string()), Ok(v));
                assert_eq!(<$t>::parse_strict(v.as_str()), Ok(v));
            }
            Err(e) => check_error($input, &e),
        }
        if let Err(e) = <$t>::parse_strict($input) {
            check_error($input, &e);
        }
    };
}

/// One fuzz input (UTF-8 only).
pub fn run(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    round_trip!(Siren, input);
    round_trip!(Nic, input);
    round_trip!(Siret, input);
    round_trip!(Tva, input);
    assert_eq!(is_valid_siret(input), Siret::parse(input).is_ok());
    match detect(input) {
        Ok(Identifier::Siret(s)) => assert_eq!(Siret::parse(input), Ok(s)),
        Ok(Identifier::Siren(s)) => assert_eq!(Siren::parse(input), Ok(s)),
        Ok(Identifier::Tva(t)) => assert_eq!(Tva::parse(input), Ok(t)),
        Ok(_) => {}
        Err(e) => check_error(input, &e),
    }
    let _ = Siren::complete(input).map(|s| s.tva());
}
