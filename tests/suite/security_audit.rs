//! One regression test per case of the security audit of December 2026
//! (`shared/audits/security-2026-12.md`, issue 13), each named after its finding. The cases that
//! cross a binding are also tested through Python (`bindings/python/tests/test_security_audit.py`).

use apart::Diagnostic;
use apart::account::*;
use apart::machine::{Actor, DynMachine, Machine, Snapshot};
use apart::recovery::*;
use apart::seal::SealKey;
use serde_json::json;
use time::{Duration, OffsetDateTime, UtcOffset, macros::datetime};

use crate::harness::{T0, at, rng, siret};

fn dyn_machine(id: &str) -> &'static dyn DynMachine {
    apart::machine_by_id(id).unwrap()
}

/// F1 (C6, B3): the costs written in a stored hash are bounded; out of bounds is a typed error
/// asking to re-hash, computed in no time, never a 4 TiB allocation or minutes of work.
#[test]
fn f1_argon2_costs_from_a_stored_hash_are_bounded() {
    let hasher = Argon2idHasher::with_params(64, 1, 1).unwrap();
    let stored = |scheme: &str| SecretAnswerHash {
        scheme: scheme.into(),
        salt: "AAAAAAAAAAAAAAAAAAAAAA".into(),
        hash: "A".repeat(43),
    };
    for scheme in [
        "argon2id$v=19$m=4294967295,t=1,p=1",
        "argon2id$v=19$m=8388608,t=1,p=1",
        "argon2id$v=19$m=64,t=100000,p=1",
        "argon2id$v=19$m=64,t=1,p=255",
    ] {
        let err = hasher.verify("medor", &stored(scheme)).unwrap_err();
        assert_eq!(err.code(), "SECRET_HASH_REHASH_REQUIRED", "{scheme}");
        let (result, counter) = check_secret_answer(
            &hasher,
            "medor",
            &stored(scheme),
            &AttemptCounter::default(),
            T0,
        );
        assert_eq!(result.unwrap_err().code(), "SECRET_HASH_REHASH_REQUIRED");
        assert_eq!(
            counter,
            AttemptCounter::default(),
            "not counted as a wrong answer"
        );
    }
    // Unreadable schemes (extra parameters, signs, overlong numbers) are refused as such.
    for scheme in [
        "argon2id$v=19$m=64,t=1,p=1,x=2",
        "argon2id$v=19$m=+64,t=1,p=1",
        "argon2id$v=19$m=00000000000064,t=1,p=1",
        "argon2i$v=19$m=64,t=1,p=1",
    ] {
        assert_eq!(
            hasher.verify("x", &stored(scheme)).unwrap_err().code(),
            "SECRET_HASH_FAILED",
            "{scheme}"
        );
    }
    // The bounds themselves are accepted; past them, a hasher cannot even be built.
    assert!(Argon2idHasher::with_params(Argon2idHasher::MAX_M_COST, 1, 1).is_ok());
    assert_eq!(
        Argon2idHasher::with_params(Argon2idHasher::MAX_M_COST + 1, 1, 1)
            .unwrap_err()
            .code(),
        "POLICY_INVALID"
    );
    assert!(Argon2idHasher::with_params(64, Argon2idHasher::MAX_T_COST + 1, 1).is_err());
    assert!(Argon2idHasher::with_params(64, 1, Argon2idHasher::MAX_P_COST + 1).is_err());
}

/// The snapshot `now` cases of issue 13: year −9999 and offsets +05:30:15 or +25:59:59 gave a
/// snapshot whose JSON was `null`. They are refused, and every accepted instant round-trips.
#[test]
fn now_is_refused_or_stored() {
    let c = Snapshot::<CredentialMachine>::new(Credential::new("ID1", "a@b.fr", "N", "P")).unwrap();
    let bad = [
        datetime!(-9999-01-01 00:00 UTC),
        T0.replace_offset(UtcOffset::from_hms(5, 30, 15).unwrap()),
        T0.replace_offset(UtcOffset::from_hms(25, 59, 59).unwrap()),
        T0.replace_offset(UtcOffset::from_hms(-24, 0, 0).unwrap()),
    ];
    for now in bad {
        let err = c
            .apply(CredentialEvent::LoginFailed, Actor::Visitor, now)
            .unwrap_err();
        assert_eq!(err.code(), "VALUE_INVALID_INSTANT", "{now}");
        assert_eq!(
            c.can(&CredentialEvent::LoginFailed, Actor::Visitor, now)
                .unwrap_err()
                .code(),
            "VALUE_INVALID_INSTANT"
        );
        assert_eq!(c.tick(now).unwrap_err().code(), "VALUE_INVALID_INSTANT");
        let m = dyn_machine(CredentialMachine::ID);
        let err = m
            .apply(
                &c.to_json(),
                r#"{"type":"LoginFailed"}"#,
                Actor::Visitor,
                now,
            )
            .unwrap_err();
        assert_eq!(err.code(), "VALUE_INVALID_INSTANT");
    }
    // The functions that build records from `now` without a machine refuse it too, before
    // anything changes (a counter, a token, a revocation).
    let odd = T0.replace_offset(UtcOffset::from_hms(5, 30, 15).unwrap());
    let policy = TokenPolicy::default();
    let code = |e: &AccountError| e.code();
    assert_eq!(
        code(
            &issue(
                "ID1",
                Purpose::PasswordReset,
                &policy,
                &[],
                &mut rng(1),
                odd
            )
            .unwrap_err()
        ),
        "VALUE_INVALID_INSTANT"
    );
    let issued = issue("ID1", Purpose::PasswordReset, &policy, &[], &mut rng(1), T0).unwrap();
    let wire = WireToken::parse(issued.secret.expose()).unwrap();
    let r = redeem(
        &wire,
        Purpose::PasswordReset,
        Some(&issued.token),
        &policy,
        odd,
    );
    assert_eq!(
        (code(r.result.as_ref().unwrap_err()), r.token.is_none()),
        ("VALUE_INVALID_INSTANT", true)
    );
    assert_eq!(
        code(&revoke_all(&[issued.token], "ID1", RevokeReason::PasswordChanged, odd).unwrap_err()),
        "VALUE_INVALID_INSTANT"
    );
    assert!(
        request_password_reset(
            None,
            &ResetRequestPolicy::default(),
            &policy,
            &mut rng(1),
            odd
        )
        .is_err()
    );
    assert!(
        request_identifier_reminder(None, &ResetRequestPolicy::default(), &mut rng(1), odd)
            .is_err()
    );
    let throttle = LoginThrottlePolicy::default();
    let out = authenticate(
        LoginTarget::Unknown(&AttemptCounter::default(), &throttle),
        || false,
        &[],
        Application::Apart,
        odd,
    );
    assert_eq!(
        (code(out.result.as_ref().unwrap_err()), out.update),
        ("VALUE_INVALID_INSTANT", LoginUpdate::Unchanged)
    );
    let hasher = Argon2idHasher::with_params(64, 1, 1).unwrap();
    let stored = hasher.hash("medor", &mut rng(2)).unwrap();
    let (result, counter) =
        check_secret_answer(&hasher, "rex", &stored, &AttemptCounter::default(), odd);
    assert_eq!(
        (code(&result.unwrap_err()), counter),
        ("VALUE_INVALID_INSTANT", AttemptCounter::default())
    );
    // The edges of the storable range are accepted and read back.
    for now in [
        datetime!(0000-01-01 00:00 UTC),
        datetime!(9999-12-31 23:59:59.999 UTC),
        T0.replace_offset(UtcOffset::from_hms(23, 59, 0).unwrap()),
        T0.replace_offset(UtcOffset::from_hms(-23, 59, 0).unwrap()),
    ] {
        let step = c
            .apply(CredentialEvent::LoginFailed, Actor::Visitor, now)
            .unwrap();
        let json = step.snapshot.to_json();
        assert_ne!(json, "null");
        assert_eq!(
            Snapshot::<CredentialMachine>::from_json(&json).unwrap(),
            step.snapshot
        );
    }
    // An instant in an event that the snapshot could not store is refused, not lost.
    let h = at::<HabilitationMachine>(
        HabilitationState::Requested,
        &Habilitation::new("ID1", siret(), Application::Apart),
    );
    let odd = (T0 + Duration::days(1)).replace_offset(UtcOffset::from_hms(1, 0, 30).unwrap());
    let err = h
        .apply(
            HabilitationEvent::Grant {
                effective_at: Some(odd),
            },
            Actor::Asp,
            T0,
        )
        .unwrap_err();
    assert_eq!(err.code(), "SNAPSHOT_UNREPRESENTABLE");
}

fn granted_principal(state: &str) -> serde_json::Value {
    json!({"machine": "apart.habilitation", "schema_version": 1, "state": state, "version": 0,
        "history": [], "context": {"credential": "ID12345", "siret": "73282932000074",
        "application": "apart", "role": "principal", "effective_at": "2020-01-01T00:00:00Z"}})
}

/// F5 / S6: a habilitation edited to `Active` without being granted, a consumed token edited
/// back to `Active`, an expiry pushed a year ahead: refused on restore. A consistent forgery is
/// refused by the seal.
#[test]
fn f5_s6_forged_records_are_refused() {
    let err = Snapshot::<HabilitationMachine>::from_value(granted_principal("Active")).unwrap_err();
    assert_eq!(err.code(), "SNAPSHOT_INCONSISTENT");
    assert!(err.to_string().contains("granted_at"));

    let policy = TokenPolicy::default();
    let issued = issue(
        "ID12345",
        Purpose::PasswordReset,
        &policy,
        &[],
        &mut rng(3),
        T0,
    )
    .unwrap();
    let wire = WireToken::parse(issued.secret.expose()).unwrap();
    let consumed = redeem(
        &wire,
        Purpose::PasswordReset,
        Some(&issued.token),
        &policy,
        T0,
    )
    .token
    .unwrap();
    let mut forged = consumed.to_value();
    forged["state"] = json!("Active");
    assert_eq!(
        Snapshot::<TokenMachine>::from_value(forged)
            .unwrap_err()
            .code(),
        "SNAPSHOT_INCONSISTENT"
    );
    let mut later = issued.token.to_value();
    later["context"]["expires_at"] = json!("2027-03-02T10:00:00Z");
    assert_eq!(
        Snapshot::<TokenMachine>::from_value(later)
            .unwrap_err()
            .code(),
        "SNAPSHOT_INCONSISTENT"
    );
    // A version that does not count the history, a history that does not follow the table.
    let mut v = issued.token.to_value();
    v["version"] = json!(3);
    assert_eq!(
        Snapshot::<TokenMachine>::from_value(v).unwrap_err().code(),
        "SNAPSHOT_INCONSISTENT"
    );
    let mut h = consumed.to_value();
    h["history"][0]["from"] = json!("Revoked");
    assert_eq!(
        Snapshot::<TokenMachine>::from_value(h).unwrap_err().code(),
        "SNAPSHOT_INCONSISTENT"
    );

    // Sealed: any edit, even a consistent one, and any other key, are refused.
    let key = SealKey::new(b"0123456789abcdef0123456789abcdef").unwrap();
    let stored = consumed.seal(&key);
    assert_eq!(
        Snapshot::<TokenMachine>::open(&stored, &key).unwrap(),
        consumed
    );
    let mut edited: serde_json::Value = serde_json::from_str(&stored).unwrap();
    edited["context"]["failed_verifications"] = json!(1);
    assert_eq!(
        Snapshot::<TokenMachine>::open(&edited.to_string(), &key)
            .unwrap_err()
            .code(),
        "SEAL_INVALID"
    );
    let other = SealKey::new(&[9u8; 32]).unwrap();
    assert_eq!(
        Snapshot::<TokenMachine>::open(&stored, &other)
            .unwrap_err()
            .code(),
        "SEAL_INVALID"
    );
    // A seal made for one machine does not open as another's.
    assert_eq!(
        Snapshot::<CredentialMachine>::open(&stored, &key)
            .unwrap_err()
            .code(),
        "SEAL_INVALID"
    );
    // Keys and JSON spacing: a store that re-spaces or reorders keys keeps the seal valid.
    let respaced =
        serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(&stored).unwrap())
            .unwrap();
    assert!(Snapshot::<TokenMachine>::open(&respaced, &key).is_ok());
    assert_eq!(
        SealKey::new(&[1u8; 31]).unwrap_err().code(),
        "SEAL_KEY_TOO_SHORT"
    );
    // Through the JSON door too.
    let m = dyn_machine(TokenMachine::ID);
    let sealed = m.seal(&consumed.to_json(), &key).unwrap();
    assert_eq!(m.open(&sealed, &key).unwrap(), consumed.to_json());
    assert_eq!(
        m.open(&consumed.to_json(), &key).unwrap_err().code(),
        "SEAL_MISSING"
    );
}

/// S7: `{"type":"PasswordResetCompleted","token_redeemed":true}` through the JSON door no longer
/// unlocks a locked credential; the unlock needs a redeemed token of that credential.
#[test]
fn s7_facts_in_events_cannot_unlock() {
    let mut locked = Credential::new("ID12345", "paie@exemple.fr", "Martin", "Claire");
    locked.attempts.failures = 10;
    let locked = at::<CredentialMachine>(CredentialState::Locked, &locked);
    let m = dyn_machine(CredentialMachine::ID);
    for event in [
        r#"{"type":"PasswordResetCompleted","token_redeemed":true}"#,
        r#"{"type":"PasswordResetCompleted","token":{"token_id":"x","subject":"id12345","purpose":"password_reset"}}"#,
        r#"{"type":"SetInitialPassword","token_redeemed":true}"#,
    ] {
        let err = m
            .apply(&locked.to_json(), event, Actor::Visitor, T0)
            .unwrap_err();
        assert_eq!(err.code(), "MACHINE_INPUT_MALFORMED", "{event}");
    }
    // A proof for another credential, or for another purpose, is refused by the guard.
    for token in [
        crate::harness::proof("someone-else", Purpose::PasswordReset, T0),
        crate::harness::proof("ID12345", Purpose::Activation, T0),
    ] {
        let err = locked
            .apply(
                CredentialEvent::PasswordResetCompleted { token },
                Actor::Visitor,
                T0,
            )
            .unwrap_err();
        assert_eq!(err.code(), "TOKEN_INVALID");
    }
    // A proof used after its token's expiry is refused too.
    let late = locked
        .apply(
            CredentialEvent::PasswordResetCompleted {
                token: crate::harness::proof("ID12345", Purpose::PasswordReset, T0),
            },
            Actor::Visitor,
            T0 + Duration::minutes(60),
        )
        .unwrap_err();
    assert_eq!(late.code(), "TOKEN_INVALID");
    // The real path: request, then complete with the e-mailed link.
    let policy = TokenPolicy::default();
    let out = request_password_reset(
        Some(ResetAccount {
            identifier: "ID12345",
            email: "paie@exemple.fr",
            recent_requests: &[],
            tokens: &[],
        }),
        &ResetRequestPolicy::default(),
        &policy,
        &mut rng(1),
        T0,
    )
    .unwrap();
    let RecoveryEffect::SendEmail(mail) = &out.effects[0] else {
        panic!()
    };
    let MailBody::PasswordReset { token, .. } = &mail.body else {
        panic!()
    };
    let wire = WireToken::parse(token.expose()).unwrap();
    let hasher = Argon2idHasher::with_params(64, 1, 1).unwrap();
    let done = complete_password_reset(
        &wire,
        out.issued.as_ref(),
        &locked,
        None,
        &hasher,
        &AttemptCounter::default(),
        &policy,
        T0 + Duration::minutes(5),
    );
    done.result.unwrap();
    assert_eq!(done.credential.unwrap().state(), CredentialState::Active);
}

/// F6 (C2): the throttle policy stored in a credential is checked on every read.
#[test]
fn f6_stored_throttle_policy_is_bounded() {
    let mut c = serde_json::to_value(Credential::new("ID1", "a@b.fr", "N", "P")).unwrap();
    for (policy, field) in [
        (
            json!({"free_attempts": 4294967295u32, "base_delay_ms": 30000, "max_delay_ms": 900000, "hard_lock_after": 4294967295u32}),
            "hard_lock_after",
        ),
        (
            json!({"free_attempts": 5, "base_delay_ms": 30000, "max_delay_ms": 900000, "hard_lock_after": 0}),
            "hard_lock_after",
        ),
        (
            json!({"free_attempts": 10, "base_delay_ms": 30000, "max_delay_ms": 900000, "hard_lock_after": 10}),
            "free_attempts",
        ),
        (
            json!({"free_attempts": 5, "base_delay_ms": -1, "max_delay_ms": 900000, "hard_lock_after": 10}),
            "base_delay_ms",
        ),
        (
            json!({"free_attempts": 5, "base_delay_ms": 30000, "max_delay_ms": -5, "hard_lock_after": 10}),
            "max_delay_ms",
        ),
    ] {
        c["policy"] = policy;
        let stored = json!({"machine": "apart.credential", "schema_version": 1, "state": "Active",
            "context": c, "version": 0, "history": []});
        let err = Snapshot::<CredentialMachine>::from_value(stored).unwrap_err();
        assert_eq!(err.code(), "SNAPSHOT_MALFORMED");
        assert!(err.to_string().contains(field), "{err}");
    }
    // NIST SP 800-63B-4's ceiling of 100 is allowed, not more.
    assert!(LoginThrottlePolicy::new(99, 0, 0, 100).is_ok());
    assert_eq!(
        LoginThrottlePolicy::new(5, 0, 0, 101).unwrap_err().code(),
        "POLICY_INVALID"
    );
}

/// F7 (C4): a closed credential given as known answers exactly like an unknown identifier over
/// 100 attempts, right password or not, and is throttled by the caller's counter.
#[test]
fn f7_closed_credential_answers_like_an_unknown_identifier() {
    let closed = at::<CredentialMachine>(
        CredentialState::Closed,
        &Credential::new("ID12345", "paie@exemple.fr", "Martin", "Claire"),
    );
    let policy = LoginThrottlePolicy::default();
    let (mut for_closed, mut for_unknown) = (AttemptCounter::default(), AttemptCounter::default());
    let mut now = T0;
    let mut throttled = 0;
    for i in 0..100 {
        let password_right = i % 3 == 0;
        let a = authenticate(
            LoginTarget::Known {
                credential: &closed,
                counter: &for_closed,
            },
            || password_right,
            &[],
            Application::Apart,
            now,
        );
        let b = authenticate(
            LoginTarget::Unknown(&for_unknown, &policy),
            || false,
            &[],
            Application::Apart,
            now,
        );
        let code = |o: &LoginOutcome| o.result.as_ref().unwrap_err().code();
        assert_eq!(code(&a), code(&b), "attempt {i}");
        assert_eq!(a.update, b.update, "attempt {i}");
        if code(&a) == "LOGIN_THROTTLED" {
            throttled += 1;
        }
        if let LoginUpdate::Counter(c) = a.update {
            for_closed = c;
        }
        if let LoginUpdate::Counter(c) = b.update {
            for_unknown = c;
        }
        now += Duration::seconds(10);
    }
    assert!(throttled > 50, "throttled {throttled} times");
}

/// F8 (R8): every branch of a reset request does the same work. The time is measured by the
/// benchmark `benches/recovery.rs` (medians within 5 %); here, the structure: one effect, the
/// same public answer and warnings, and the same amount of randomness drawn.
#[test]
fn f8_reset_requests_draw_the_same_randomness() {
    use apart::entropy::{EntropyError, EntropySource};
    struct Counting(usize);
    impl EntropySource for Counting {
        fn fill(&mut self, dest: &mut [u8]) -> Result<(), EntropyError> {
            self.0 += dest.len();
            dest.fill(7);
            Ok(())
        }
    }
    let policy = TokenPolicy::default();
    let limits = ResetRequestPolicy::default();
    let recent = [T0, T0, T0];
    let account = |recent: &'static [OffsetDateTime]| ResetAccount {
        identifier: "ID12345",
        email: "paie@exemple.fr",
        recent_requests: recent,
        tokens: &[],
    };
    let mut drawn = Vec::new();
    let mut outcomes = Vec::new();
    let recent: &'static [OffsetDateTime] = Box::leak(Box::new(recent));
    for account in [Some(account(&[])), None, Some(account(recent))] {
        let mut rng = Counting(0);
        outcomes.push(request_password_reset(account, &limits, &policy, &mut rng, T0).unwrap());
        drawn.push(rng.0);
    }
    assert!(drawn.iter().all(|d| *d == drawn[0]), "{drawn:?}");
    for o in &outcomes {
        assert_eq!(o.effects.len(), 1);
        assert_eq!(
            o.message(apart::Lang::Fr),
            outcomes[0].message(apart::Lang::Fr)
        );
    }
}

/// F12: the page and the e-mail state the policy's real lifetime, and the identifier reminder
/// (no link) states none.
#[test]
fn f12_messages_state_the_real_lifetime() {
    let policy = TokenPolicy::new(Duration::minutes(15), Duration::ZERO).unwrap();
    let out = request_password_reset(
        None,
        &ResetRequestPolicy::default(),
        &policy,
        &mut rng(2),
        T0,
    )
    .unwrap();
    assert!(out.message(apart::Lang::Fr).contains("valable 15 min"));
    assert!(!out.message(apart::Lang::Fr).contains("60"));
    let ids = ["ID12345".to_string()];
    let reminder = request_identifier_reminder(
        Some(ReminderAccount {
            email: "a@b.fr",
            identifiers: &ids,
            recent_requests: &[],
        }),
        &ResetRequestPolicy::default(),
        &mut rng(2),
        T0,
    )
    .unwrap();
    for lang in [apart::Lang::Fr, apart::Lang::En] {
        assert!(
            !reminder.message(lang).contains("min"),
            "{}",
            reminder.message(lang)
        );
    }
    let RecoveryEffect::SendEmail(mail) = &reminder.effects[0] else {
        panic!()
    };
    assert_eq!(mail.warnings, vec![MailWarning::CheckSpamFolder]);
    assert!(
        !AccountError::TokenExpired {
            expired_at: String::new()
        }
        .to_string()
        .contains("60")
    );
}

/// S5 and F9: a history is capped (the count of dropped entries kept), snapshots have a size
/// limit, and error messages quote at most a short prefix of hostile input.
#[test]
fn s5_history_is_capped_and_input_is_bounded() {
    let mut c = Snapshot::<CredentialMachine>::new(Credential::new("ID1", "a@b.fr", "N", "P"))
        .unwrap()
        .with_history_limit(100_000);
    assert_eq!(c.history_limit(), apart::machine::MAX_HISTORY_LIMIT);
    c = c.with_history_limit(5);
    c = at::<CredentialMachine>(CredentialState::Active, c.context()).with_history_limit(5);
    let mut now = T0;
    for _ in 0..12 {
        c = c
            .apply(CredentialEvent::LoginSucceeded, Actor::Visitor, now)
            .unwrap()
            .snapshot;
        now += Duration::seconds(1);
    }
    assert_eq!(
        (c.version(), c.history().len(), c.history_dropped()),
        (12, 5, 7)
    );
    let back = Snapshot::<CredentialMachine>::from_json(&c.to_json()).unwrap();
    assert_eq!(back, c);
    // A snapshot written before the cap, with a long history, is read and cut to the default.
    let mut old = c.to_value();
    let entry = old["history"][0].clone();
    old["history"] = json!(vec![entry; 1000]);
    old["version"] = json!(1000);
    old["history_dropped"] = json!(0);
    old.as_object_mut().unwrap().remove("history_limit");
    let read = Snapshot::<CredentialMachine>::from_value(old).unwrap();
    assert_eq!((read.history().len(), read.history_dropped()), (100, 900));
    // A huge document is refused before it is parsed.
    let huge = format!(
        "{{\"pad\":\"{}\"}}",
        "x".repeat(apart::machine::MAX_SNAPSHOT_BYTES)
    );
    assert_eq!(
        Snapshot::<CredentialMachine>::from_json(&huge)
            .unwrap_err()
            .code(),
        "SNAPSHOT_TOO_LARGE"
    );
    // A 10 MiB state name gives a short message.
    let name = "S".repeat(10 * 1024 * 1024);
    let doc = json!({"machine": "apart.credential", "schema_version": 1, "state": name,
        "context": c.context(), "version": 0, "history": []});
    let err = Snapshot::<CredentialMachine>::from_value(doc).unwrap_err();
    assert_eq!(err.code(), "SNAPSHOT_UNKNOWN_STATE");
    for lang in [apart::Lang::Fr, apart::Lang::En] {
        assert!(err.message(lang).len() < 300, "{}", err.message(lang).len());
    }
    let details = format!("{:?}", err.details());
    assert!(details.len() < 300);
    let event = format!("{{\"type\":\"{}\"}}", "E".repeat(1024 * 1024));
    let err = dyn_machine(CredentialMachine::ID)
        .apply(&c.to_json(), &event, Actor::Visitor, T0)
        .unwrap_err();
    assert_eq!(err.code(), "MACHINE_INPUT_MALFORMED");
    assert!(err.message(apart::Lang::En).len() < 400);
}

/// Issue 13.5: identifiers have one canonical form in every record, effect and comparison. A
/// habilitation requested through an existing login typed in another case counts for, and logs
/// in, the credential; case variants do not get around the 200-establishment limit.
#[test]
fn identifier_case_variants_are_one_credential() {
    // The onboarding effect carries the canonical form, whatever was typed.
    let o = at::<OnboardingMachine>(
        OnboardingState::AwaitingAccountForm,
        &Onboarding {
            siret: Some(siret()),
            handoff: None,
        },
    );
    let step = o
        .apply(
            OnboardingEvent::SubmitAccountFormWithExistingAspLogin {
                identifier: "Syl0042".into(),
                password_ok: true,
                human_check: apart::forms::HumanCheck::Verified { at: T0 },
            },
            Actor::Visitor,
            T0,
        )
        .unwrap();
    assert_eq!(
        step.effects,
        vec![OnboardingEffect::RequestHabilitation {
            identifier: Some("syl0042".into()),
            siret: siret()
        }]
    );
    // Stored under another spelling (a record of the previous release): read canonical.
    let h = at::<HabilitationMachine>(
        HabilitationState::Active,
        &Habilitation {
            granted_at: Some(T0),
            effective_at: Some(T0),
            role: Role::Principal,
            ..Habilitation::new("SYL0042", siret(), Application::Apart)
        },
    );
    let mut v = h.to_value();
    v["context"]["credential"] = json!("Syl0042");
    let h = Snapshot::<HabilitationMachine>::from_value(v).unwrap();
    assert_eq!(h.context().credential, "syl0042");
    let credential = at::<CredentialMachine>(
        CredentialState::Active,
        &Credential::new("SYL0042", "a@b.fr", "N", "P"),
    );
    let out = authenticate(
        LoginTarget::Known {
            credential: &credential,
            counter: &AttemptCounter::default(),
        },
        || true,
        std::slice::from_ref(&h),
        Application::Apart,
        T0,
    );
    assert_eq!(out.result.unwrap(), vec![siret()]);
    // The limit counts every spelling of one credential.
    let policy = HabilitationPolicy {
        max_per_credential: 1,
    };
    let facts = RequestFacts::from_records(
        std::slice::from_ref(&h),
        "sYl0042",
        siret(),
        Application::Apart,
        false,
        &policy,
    );
    assert_eq!(facts.credential_habilitations, 1);
    let new = Snapshot::<HabilitationMachine>::new(Habilitation::new(
        "SYL0042 ",
        "55208131766522".parse().unwrap(),
        Application::Apart,
    ))
    .unwrap();
    let err = new
        .apply(
            HabilitationEvent::Request {
                role: Role::Member,
                mandate_id: None,
                facts,
            },
            Actor::Principal,
            T0,
        )
        .unwrap_err();
    assert_eq!(err.code(), "HABILITATION_LIMIT_REACHED");
    assert_eq!(
        authorised_establishments(std::slice::from_ref(&h), " syl0042", Application::Apart, T0),
        vec![siret()]
    );
}
