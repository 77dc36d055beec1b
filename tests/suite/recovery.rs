//! Machine D against spec §2.2 beyond its table (which is data, `lifecycle.json`): the 60-minute
//! boundary, reuse, supersession, purpose, tampering, clock skew, enumeration resistance, and
//! completing a reset.

use apart::Diagnostic;
use apart::account::{Purpose, RevokeReason};
use apart::machine::Snapshot;
use apart::recovery::*;
use time::{Duration, OffsetDateTime};

use crate::harness::{T0, rng};

const MS: Duration = Duration::milliseconds(1);

fn issued(seed: u8, purpose: Purpose) -> IssuedToken {
    issue(
        "ID12345",
        purpose,
        &TokenPolicy::default(),
        &[],
        &mut rng(seed),
        T0,
    )
    .unwrap()
}

fn code(r: &Redemption) -> &'static str {
    r.result.as_ref().err().map_or("OK", |e| e.code())
}

fn try_at(t: &IssuedToken, purpose: Purpose, now: OffsetDateTime) -> Redemption {
    let wire = WireToken::parse(t.secret.expose()).unwrap();
    redeem(&wire, purpose, Some(&t.token), &TokenPolicy::default(), now)
}

#[test]
fn secret_is_256_bits_and_only_its_digest_is_stored() {
    let t = issued(1, Purpose::PasswordReset);
    let (id, secret) = t.secret.expose().split_once('.').unwrap();
    assert_eq!(id.len(), 22); // 128 bits
    assert_eq!(secret.len(), 43); // 256 bits
    let json = t.token.to_json();
    assert!(!json.contains(secret), "the secret must not be stored");
    assert!(format!("{:?}", t.secret).contains('…'));
    assert!(!format!("{:?}", t.secret).contains(secret));
}

/// Spec §2.2 D6: `[issued_at, expires_at)`, ttl 60 min: valid at expires_at − 1 ms, expired at
/// expires_at and at expires_at + 1 ms.
#[test]
fn boundary_at_exactly_sixty_minutes() {
    let t = issued(2, Purpose::PasswordReset);
    let expires = T0 + Duration::minutes(60);
    assert_eq!(t.token.context().expires_at, expires);
    assert_eq!(
        code(&try_at(&t, Purpose::PasswordReset, expires - MS)),
        "OK"
    );
    assert_eq!(
        code(&try_at(&t, Purpose::PasswordReset, expires)),
        "TOKEN_EXPIRED"
    );
    assert_eq!(
        code(&try_at(&t, Purpose::PasswordReset, expires + MS)),
        "TOKEN_EXPIRED"
    );
    assert_eq!(code(&try_at(&t, Purpose::PasswordReset, T0)), "OK");
    let e = try_at(&t, Purpose::PasswordReset, expires)
        .result
        .unwrap_err();
    assert!(
        e.details()
            .contains(&("expired_at", "2026-03-02T11:00:00Z".into()))
    );
}

#[test]
fn ttl_is_configurable() {
    let policy = TokenPolicy::new(Duration::minutes(15), Duration::ZERO).unwrap();
    let t = issue(
        "ID12345",
        Purpose::PasswordReset,
        &policy,
        &[],
        &mut rng(3),
        T0,
    )
    .unwrap();
    assert_eq!(t.token.context().expires_at, T0 + Duration::minutes(15));
    assert!(TokenPolicy::new(Duration::ZERO, Duration::ZERO).is_err());
    assert!(TokenPolicy::new(Duration::hours(25), Duration::ZERO).is_err());
    assert_eq!(
        TokenPolicy::new(Duration::hours(1), Duration::seconds(121))
            .unwrap_err()
            .code(),
        "POLICY_INVALID"
    );
    let json = serde_json::to_string(&policy).unwrap();
    assert_eq!(
        json,
        r#"{"ttl_ms":900000,"leeway_ms":0,"max_failed_verifications":10}"#
    );
    assert_eq!(serde_json::from_str::<TokenPolicy>(&json).unwrap(), policy);
    assert!(
        serde_json::from_str::<TokenPolicy>(
            r#"{"ttl_ms":0,"leeway_ms":0,"max_failed_verifications":10}"#
        )
        .is_err()
    );
}

#[test]
fn clock_going_backwards() {
    let t = issued(4, Purpose::PasswordReset);
    // Verified on a node whose clock is 1 ms behind the issuer's: not yet valid.
    assert_eq!(
        code(&try_at(&t, Purpose::PasswordReset, T0 - MS)),
        "TOKEN_NOT_YET_VALID"
    );
    // With a 2-minute leeway, up to 2 minutes behind is tolerated, not one millisecond more.
    let policy = TokenPolicy::new(Duration::minutes(60), Duration::minutes(2)).unwrap();
    let wire = WireToken::parse(t.secret.expose()).unwrap();
    let at = |now| {
        code(&redeem(
            &wire,
            Purpose::PasswordReset,
            Some(&t.token),
            &policy,
            now,
        ))
    };
    assert_eq!(at(T0 - Duration::minutes(2)), "OK");
    assert_eq!(at(T0 - Duration::minutes(2) - MS), "TOKEN_NOT_YET_VALID");
    // The leeway never extends the expiry.
    assert_eq!(at(T0 + Duration::minutes(60)), "TOKEN_EXPIRED");
}

#[test]
fn single_use() {
    let t = issued(5, Purpose::PasswordReset);
    let first = try_at(&t, Purpose::PasswordReset, T0 + Duration::minutes(1));
    assert_eq!(first.result.clone().unwrap().subject(), "id12345");
    let consumed = first.token.unwrap();
    assert_eq!(consumed.state(), TokenState::Consumed);
    assert_eq!(
        consumed.context().consumed_at,
        Some(T0 + Duration::minutes(1))
    );
    let wire = WireToken::parse(t.secret.expose()).unwrap();
    let again = redeem(
        &wire,
        Purpose::PasswordReset,
        Some(&consumed),
        &TokenPolicy::default(),
        T0 + Duration::minutes(2),
    );
    assert_eq!(code(&again), "TOKEN_ALREADY_USED");
    assert!(again.token.is_none());
}

#[test]
fn a_newer_token_supersedes_the_older() {
    let old = issued(6, Purpose::PasswordReset);
    let other_purpose = issued(7, Purpose::Activation);
    let new = issue(
        "ID12345",
        Purpose::PasswordReset,
        &TokenPolicy::default(),
        &[old.token.clone(), other_purpose.token.clone()],
        &mut rng(8),
        T0 + Duration::minutes(5),
    )
    .unwrap();
    assert_eq!(new.superseded.len(), 1, "only the same subject and purpose");
    let sup = &new.superseded[0];
    assert_eq!(sup.state(), TokenState::Superseded);
    assert_eq!(
        sup.context().superseded_by.as_deref(),
        Some(new.token.context().id.as_str())
    );
    let wire = WireToken::parse(old.secret.expose()).unwrap();
    let r = redeem(
        &wire,
        Purpose::PasswordReset,
        Some(sup),
        &TokenPolicy::default(),
        T0 + Duration::minutes(6),
    );
    assert_eq!(code(&r), "TOKEN_SUPERSEDED");
    assert_eq!(
        code(&try_at(
            &new,
            Purpose::PasswordReset,
            T0 + Duration::minutes(6)
        )),
        "OK"
    );
}

#[test]
fn wrong_purpose_is_invalid_and_changes_nothing() {
    let t = issued(9, Purpose::Activation);
    let r = try_at(&t, Purpose::PasswordReset, T0);
    assert_eq!(code(&r), "TOKEN_INVALID");
    assert!(r.token.is_none());
}

#[test]
fn tampered_tokens() {
    let t = issued(10, Purpose::PasswordReset);
    let text = t.secret.expose().to_owned();
    // One character of the secret changed: authentic id, wrong secret.
    let mut chars: Vec<char> = text.chars().collect();
    let last = chars.len() - 2;
    chars[last] = if chars[last] == 'A' { 'B' } else { 'A' };
    let tampered: String = chars.into_iter().collect();
    let wire = WireToken::parse(&tampered).unwrap();
    let r = redeem(
        &wire,
        Purpose::PasswordReset,
        Some(&t.token),
        &TokenPolicy::default(),
        T0,
    );
    assert_eq!(code(&r), "TOKEN_INVALID");
    assert_eq!(r.token.as_ref().unwrap().context().failed_verifications, 1);
    // Unreadable shapes.
    for bad in [
        "",
        ".",
        "abc",
        "abc.def",
        &text.replace('.', ""),
        &format!("{text}="),
        &format!("{text}.x"),
    ] {
        assert_eq!(
            WireToken::parse(bad).unwrap_err().code(),
            "TOKEN_MALFORMED",
            "{bad}"
        );
    }
    // A well-formed token whose id has no record.
    let unknown = WireToken::parse(issued(11, Purpose::PasswordReset).secret.expose()).unwrap();
    let r = redeem(
        &unknown,
        Purpose::PasswordReset,
        None,
        &TokenPolicy::default(),
        T0,
    );
    assert_eq!(code(&r), "TOKEN_INVALID");
    // The record of another id handed over by mistake is not used.
    let r = redeem(
        &unknown,
        Purpose::PasswordReset,
        Some(&t.token),
        &TokenPolicy::default(),
        T0,
    );
    assert_eq!(code(&r), "TOKEN_INVALID");
    assert!(r.token.is_none());
}

#[test]
fn ten_wrong_secrets_revoke_the_token() {
    let t = issued(12, Purpose::PasswordReset);
    let good = t.secret.expose().to_owned();
    let (id, _) = good.split_once('.').unwrap();
    let wrong = WireToken::parse(&format!("{id}.{}", "A".repeat(42) + "A")).unwrap();
    let mut snap = t.token.clone();
    for i in 1..=10u16 {
        let r = redeem(
            &wrong,
            Purpose::PasswordReset,
            Some(&snap),
            &TokenPolicy::default(),
            T0,
        );
        assert_eq!(code(&r), "TOKEN_INVALID");
        snap = r.token.unwrap();
        assert_eq!(snap.context().failed_verifications, i);
    }
    assert_eq!(snap.state(), TokenState::Revoked);
    assert_eq!(
        snap.context().revoke_reason,
        Some(RevokeReason::TooManyFailures)
    );
    let r = redeem(
        &WireToken::parse(&good).unwrap(),
        Purpose::PasswordReset,
        Some(&snap),
        &TokenPolicy::default(),
        T0,
    );
    assert_eq!(code(&r), "TOKEN_REVOKED");
}

#[test]
fn password_or_email_change_revokes_active_tokens() {
    let a = issued(13, Purpose::PasswordReset);
    let b = issue(
        "OTHER",
        Purpose::PasswordReset,
        &TokenPolicy::default(),
        &[],
        &mut rng(14),
        T0,
    )
    .unwrap();
    let changed = revoke_all(
        &[a.token.clone(), b.token.clone()],
        "ID12345",
        RevokeReason::PasswordChanged,
        T0,
    )
    .unwrap();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].state(), TokenState::Revoked);
    assert_eq!(
        code(&try_at(
            &IssuedToken {
                token: changed[0].clone(),
                ..a
            },
            Purpose::PasswordReset,
            T0
        )),
        "TOKEN_REVOKED"
    );
}

/// Every row of machine D's table, accepted and refused.
#[test]
fn rate_limits_per_hour_and_day() {
    let p = ResetRequestPolicy::default();
    let hours = |h: &[i64]| {
        h.iter()
            .map(|m| T0 - Duration::minutes(*m))
            .collect::<Vec<_>>()
    };
    assert!(p.allows(&hours(&[61, 62, 63]), T0));
    assert!(!p.allows(&hours(&[1, 2, 3]), T0));
    assert!(p.allows(&hours(&[59, 58]), T0));
    // Exactly 60 minutes ago is out of the hour window.
    assert!(p.allows(&hours(&[60, 30, 20]), T0));
    let day: Vec<i64> = (1..=10).map(|i| i * 120).collect();
    assert!(!p.allows(&hours(&day), T0));
    assert!(p.allows(&hours(&day[..9]), T0));
}

/// OWASP Forgot Password cheat sheet: the same public outcome and the same effect shape for a
/// known and an unknown account, and for a rate-limited one.
#[test]
fn requests_do_not_reveal_accounts() {
    let limits = ResetRequestPolicy::default();
    let policy = TokenPolicy::default();
    let account = ResetAccount {
        identifier: "ID12345",
        email: "paie@exemple.fr",
        recent_requests: &[],
        tokens: &[],
    };
    let known = request_password_reset(Some(account), &limits, &policy, &mut rng(20), T0).unwrap();
    let unknown = request_password_reset(None, &limits, &policy, &mut rng(20), T0).unwrap();
    let recent = [T0 - Duration::minutes(1); 3];
    let limited = request_password_reset(
        Some(ResetAccount {
            recent_requests: &recent,
            ..account
        }),
        &limits,
        &policy,
        &mut rng(20),
        T0,
    )
    .unwrap();
    for other in [&unknown, &limited] {
        assert_eq!(known.public, other.public);
        assert_eq!(
            known.message(apart::Lang::Fr),
            other.message(apart::Lang::Fr)
        );
        assert_eq!(known.effects.len(), other.effects.len());
    }
    assert!(known.issued.is_some() && unknown.issued.is_none() && limited.issued.is_none());
    let RecoveryEffect::SendEmail(mail) = &known.effects[0] else {
        panic!()
    };
    assert_eq!(mail.to, "paie@exemple.fr");
    assert_eq!(
        mail.warnings,
        vec![
            MailWarning::ValidFor { minutes: 60 },
            MailWarning::CheckSpamFolder
        ]
    );
    assert_eq!(
        unknown.effects[0],
        RecoveryEffect::Nothing {
            reason: SilentReason::UnknownAccount
        }
    );
    assert_eq!(
        limited.effects[0],
        RecoveryEffect::Nothing {
            reason: SilentReason::RateLimited
        }
    );

    let ids = vec![
        "ZZ9".to_string(),
        "ID12345".to_string(),
        "ID12345".to_string(),
    ];
    let rem = ReminderAccount {
        email: "paie@exemple.fr",
        identifiers: &ids,
        recent_requests: &[],
    };
    let known = request_identifier_reminder(Some(rem), &limits, &mut rng(1), T0).unwrap();
    let unknown = request_identifier_reminder(None, &limits, &mut rng(1), T0).unwrap();
    let empty = request_identifier_reminder(
        Some(ReminderAccount {
            identifiers: &[],
            ..rem
        }),
        &limits,
        &mut rng(1),
        T0,
    )
    .unwrap();
    assert_eq!(known.public, unknown.public);
    assert_eq!(known.effects.len(), unknown.effects.len());
    assert_eq!(unknown.effects, empty.effects);
    let RecoveryEffect::SendEmail(mail) = &known.effects[0] else {
        panic!()
    };
    assert_eq!(
        mail.body,
        MailBody::IdentifierReminder {
            identifiers: vec!["id12345".into(), "zz9".into()]
        }
    );
}

#[test]
fn public_message_carries_both_warnings() {
    let fr = PublicOutcome::Accepted.message(
        &[
            MailWarning::ValidFor { minutes: 60 },
            MailWarning::CheckSpamFolder,
        ],
        apart::Lang::Fr,
    );
    assert!(
        fr.contains("valable 60 min") && fr.contains("spams"),
        "{fr}"
    );
    let en = PublicOutcome::Accepted.message(
        &[
            MailWarning::ValidFor { minutes: 60 },
            MailWarning::CheckSpamFolder,
        ],
        apart::Lang::En,
    );
    assert!(en.contains("60 min") && en.contains("spam"), "{en}");
}

#[test]
fn activation_email_carries_the_identifier_and_a_link() {
    let (issued, mail) = activation_email(
        "ID12345",
        "paie@exemple.fr",
        &TokenPolicy::default(),
        &[],
        &mut rng(30),
        T0,
    )
    .unwrap();
    assert_eq!(issued.token.context().purpose, Purpose::Activation);
    let MailBody::Activation {
        identifier,
        token,
        expires_at,
    } = &mail.body
    else {
        panic!()
    };
    assert_eq!(identifier, "id12345");
    assert_eq!(token, &issued.secret);
    assert_eq!(expires_at, "2026-03-02T11:00:00Z");
    let json = serde_json::to_value(&mail).unwrap();
    assert_eq!(json["body"]["type"], "activation");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any text: parsing never panics, and a redemption never succeeds without the secret.
        #[test]
        fn random_text_never_redeems(s in "\\PC{0,80}") {
            let t = issued(40, Purpose::PasswordReset);
            if let Ok(w) = WireToken::parse(&s) {
                let r = redeem(&w, Purpose::PasswordReset, Some(&t.token), &TokenPolicy::default(), T0);
                prop_assert!(r.result.is_err() || s.trim() == t.secret.expose());
            }
        }

        /// Any instant: valid exactly on `[issued_at, issued_at + 60 min)`.
        #[test]
        fn validity_is_half_open(offset_ms in -200_000i64..4_000_000) {
            let t = issued(41, Purpose::PasswordReset);
            let r = try_at(&t, Purpose::PasswordReset, T0 + Duration::milliseconds(offset_ms));
            let valid = (0..3_600_000).contains(&offset_ms);
            prop_assert_eq!(r.result.is_ok(), valid);
            if let Some(snap) = r.token {
                prop_assert_eq!(Snapshot::<TokenMachine>::from_json(&snap.to_json()).unwrap(), snap);
            }
        }
    }
}

/// No arithmetic on caller instants panics, even at the ends of the representable range.
#[test]
fn extreme_instants_do_not_panic() {
    let max = time::PrimitiveDateTime::MAX.assume_utc();
    let min = time::PrimitiveDateTime::MIN.assume_utc();
    for now in [max, min] {
        let issued = issue(
            "ID12345",
            Purpose::PasswordReset,
            &TokenPolicy::default(),
            &[],
            &mut rng(50),
            now,
        );
        // Year −9999 cannot be stored in a record: refused, not issued.
        if now == min {
            assert_eq!(issued.unwrap_err().code(), "VALUE_INVALID_INSTANT");
        } else {
            let t = issued.unwrap();
            let _ = try_at(&t, Purpose::PasswordReset, now);
            let _ = try_at(&t, Purpose::PasswordReset, min);
            let _ = t.token.to_json();
        }
        let _ = ResetRequestPolicy::default().allows(&[max, min], now);
        let mut c = apart::account::AttemptCounter::default();
        for _ in 0..8 {
            c.record_failure(&apart::account::LoginThrottlePolicy::default(), now);
        }
        let _ = c.check(now);
        let _ = c.check(min);
    }
}

mod completion {
    use super::*;
    use apart::account::{
        Argon2idHasher, AttemptCounter, Credential, CredentialMachine, CredentialState,
        SecretHasher,
    };

    fn setup(
        state: &str,
    ) -> (
        Argon2idHasher,
        apart::account::CredentialSnapshot,
        IssuedToken,
    ) {
        let h = Argon2idHasher::with_params(64, 1, 1).unwrap();
        let mut c = Credential::new("ID12345", "paie@exemple.fr", "Martin", "Claire");
        c.secret_answer = Some(h.hash("medor", &mut rng(60)).unwrap());
        let snap = Snapshot::<CredentialMachine>::from_value(serde_json::json!({
            "machine": "apart.credential", "schema_version": 1, "state": state,
            "context": c, "version": 0, "history": []
        }))
        .unwrap();
        (h, snap, issued(61, Purpose::PasswordReset))
    }

    fn complete(state: &str, answer: Option<&str>, at: OffsetDateTime) -> ResetCompletion {
        let (h, cred, t) = setup(state);
        let wire = WireToken::parse(t.secret.expose()).unwrap();
        complete_password_reset(
            &wire,
            Some(&t.token),
            &cred,
            answer,
            &h,
            &AttemptCounter::default(),
            &TokenPolicy::default(),
            at,
        )
    }

    #[test]
    fn token_and_answer_unlock_a_locked_account() {
        let done = complete("Locked", Some("MÉDOR "), T0 + Duration::minutes(10));
        assert!(done.result.is_ok());
        assert_eq!(done.credential.unwrap().state(), CredentialState::Active);
        assert_eq!(done.token.unwrap().state(), TokenState::Consumed);
        let kinds: Vec<_> = done.effects.iter().map(|e| e.kind()).collect();
        assert_eq!(
            kinds,
            vec![
                "RevokeRecoveryTokens",
                "RevokeOtherSessions",
                "SendPasswordChangedNotice"
            ]
        );
    }

    #[test]
    fn a_wrong_answer_keeps_the_token_usable() {
        let done = complete("Active", Some("rex"), T0);
        assert_eq!(done.result.unwrap_err().code(), "SECRET_ANSWER_INVALID");
        assert!(done.token.is_none() && done.credential.is_none());
        assert_eq!(done.secret_attempts.unwrap().failures, 1);
        assert_eq!(
            complete("Active", None, T0).result.unwrap_err().code(),
            "SECRET_ANSWER_INVALID"
        );
    }

    #[test]
    fn an_expired_token_or_a_disabled_account_stops_it() {
        let done = complete("Active", Some("medor"), T0 + Duration::minutes(60));
        assert_eq!(done.result.unwrap_err().code(), "TOKEN_EXPIRED");
        let done = complete("Disabled", Some("medor"), T0);
        assert_eq!(done.result.unwrap_err().code(), "ACCOUNT_DISABLED");
        assert!(done.token.is_none(), "the token is not consumed");
        // An expired activation link is replaced by a reset (spec §1.4).
        let done = complete("PendingActivation", Some("medor"), T0);
        assert_eq!(done.credential.unwrap().state(), CredentialState::Active);
    }

    #[test]
    fn the_token_must_be_the_credentials() {
        let (h, cred, _) = setup("Active");
        let other = issue(
            "OTHER",
            Purpose::PasswordReset,
            &TokenPolicy::default(),
            &[],
            &mut rng(62),
            T0,
        )
        .unwrap();
        let wire = WireToken::parse(other.secret.expose()).unwrap();
        let done = complete_password_reset(
            &wire,
            Some(&other.token),
            &cred,
            Some("medor"),
            &h,
            &AttemptCounter::default(),
            &TokenPolicy::default(),
            T0,
        );
        assert_eq!(done.result.unwrap_err().code(), "TOKEN_INVALID");
        assert!(done.token.is_none());
    }
}
