//! The account machines (spec §1) beyond their tables (which are data, `lifecycle.json`): the
//! lockout sequence, the login boundary, habilitation transfers and invariants I1–I4, mandates,
//! the secret answer, the account form, and random sequences against every invariant.

use apart::Diagnostic;
use apart::account::*;
use apart::machine::{Actor, Snapshot};
use time::{Duration, OffsetDateTime};

use crate::harness::{self, SIRET, T0, at, firm, siret};

fn proof(purpose: Purpose) -> Redeemed {
    harness::proof("ID12345", purpose, T0)
}

fn cred() -> Credential {
    Credential::new("ID12345", "paie@exemple.fr", "Martin", "Claire")
}

fn cred_failures(n: u32, blocked_until: Option<OffsetDateTime>) -> Credential {
    Credential {
        attempts: AttemptCounter {
            failures: n,
            blocked_until,
        },
        ..cred()
    }
}

#[test]
fn lockout_sequence_follows_the_policy() {
    // Spec §1.7: 5 free failures, then 30 s, 60 s, 120 s, 240 s, locked at the 10th.
    let mut s = at::<CredentialMachine>(CredentialState::Active, &cred());
    let mut now = T0;
    let mut waits = Vec::new();
    let mut effects = Vec::new();
    for _ in 0..10 {
        let step = s.tick(now).unwrap();
        s = step.snapshot;
        let step = s
            .apply(CredentialEvent::LoginFailed, Actor::Visitor, now)
            .unwrap();
        effects.extend(step.effects);
        s = step.snapshot;
        let wait = s
            .context()
            .attempts
            .blocked_until
            .map_or(Duration::ZERO, |u| u - now);
        waits.push(wait.whole_seconds());
        now += wait;
    }
    assert_eq!(waits, vec![0, 0, 0, 0, 0, 30, 60, 120, 240, 480]);
    assert_eq!(s.state(), CredentialState::Locked);
    assert_eq!(
        effects.iter().map(|e| e.kind()).collect::<Vec<_>>(),
        vec!["NotifyLockout"]
    );
    // Unlocked by a completed reset, which also revokes tokens and notifies.
    let step = s
        .apply(
            CredentialEvent::PasswordResetCompleted {
                token: proof(Purpose::PasswordReset),
            },
            Actor::Visitor,
            now,
        )
        .unwrap();
    assert_eq!(step.snapshot.state(), CredentialState::Active);
    assert_eq!(step.snapshot.context().attempts, AttemptCounter::default());
    assert_eq!(
        step.effects.iter().map(|e| e.kind()).collect::<Vec<_>>(),
        vec![
            "RevokeRecoveryTokens",
            "RevokeOtherSessions",
            "SendPasswordChangedNotice"
        ]
    );
}

#[test]
fn throttle_survives_a_clock_going_backwards() {
    let p = LoginThrottlePolicy::default();
    let mut c = AttemptCounter::default();
    for _ in 0..6 {
        c.record_failure(&p, T0);
    }
    // The clock steps back 10 minutes: still blocked, and the wait reported is the real one.
    let e = c.check(T0 - Duration::minutes(10)).unwrap_err();
    assert_eq!(
        e,
        AccountError::LoginThrottled {
            retry_after_ms: 630_000
        }
    );
    assert!(c.check(T0 + Duration::seconds(30)).is_ok());
}

#[test]
fn a_closed_credential_counts_like_an_unknown_identifier() {
    let closed = at::<CredentialMachine>(CredentialState::Closed, &cred());
    let out = authenticate(
        LoginTarget::Known {
            credential: &closed,
            counter: &AttemptCounter::default(),
        },
        || false,
        &[],
        Application::Apart,
        T0,
    );
    assert_eq!(out.result.unwrap_err().code(), "INVALID_CREDENTIALS");
    assert_eq!(
        out.update,
        LoginUpdate::Counter(AttemptCounter {
            failures: 1,
            blocked_until: None
        })
    );
}

#[test]
fn delays_are_capped_and_never_overflow() {
    let p = LoginThrottlePolicy::default();
    assert_eq!(p.delay_after(10), Duration::seconds(480));
    assert_eq!(p.delay_after(11), Duration::minutes(15));
    assert_eq!(p.delay_after(u32::MAX), Duration::minutes(15));
    let mut c = AttemptCounter {
        failures: u32::MAX,
        blocked_until: None,
    };
    c.record_failure(&p, T0);
    assert_eq!(c.failures, u32::MAX);
}

fn active_hab(credential: &str, role: Role) -> HabilitationSnapshot {
    let mut h = Habilitation::new(credential, siret(), Application::Apart);
    h.role = role;
    h.granted_at = Some(T0);
    h.effective_at = Some(T0);
    at::<HabilitationMachine>(HabilitationState::Active, &h)
}

/// Spec §1.7: unknown identifiers, wrong passwords, disabled and locked accounts all answer
/// `INVALID_CREDENTIALS` and are throttled alike; only a right password reveals more.
#[test]
fn login_answers_do_not_reveal_identifiers() {
    let policy = LoginThrottlePolicy::default();
    let mut unknown = AttemptCounter::default();
    let mut known = at::<CredentialMachine>(CredentialState::Active, &cred());
    let mut now = T0;
    for attempt in 0..14 {
        // Too early: both refuse without checking the password.
        if let Some(until) = unknown.blocked_until.filter(|u| *u > now) {
            let u = authenticate(
                LoginTarget::Unknown(&unknown, &policy),
                || panic!("not checked"),
                &[],
                Application::Apart,
                now,
            );
            let k = authenticate(
                LoginTarget::Known {
                    credential: &known,
                    counter: &AttemptCounter::default(),
                },
                || panic!("not checked"),
                &[],
                Application::Apart,
                now,
            );
            assert_eq!(u.result.unwrap_err(), k.result.unwrap_err());
            assert_eq!(u.update, LoginUpdate::Unchanged);
            assert_eq!(k.update, LoginUpdate::Unchanged);
            now = until;
        }
        let u = authenticate(
            LoginTarget::Unknown(&unknown, &policy),
            || false,
            &[],
            Application::Apart,
            now,
        );
        let k = authenticate(
            LoginTarget::Known {
                credential: &known,
                counter: &AttemptCounter::default(),
            },
            || false,
            &[],
            Application::Apart,
            now,
        );
        assert_eq!(
            u.result.unwrap_err().code(),
            "INVALID_CREDENTIALS",
            "attempt {attempt}"
        );
        assert_eq!(
            k.result.unwrap_err().code(),
            "INVALID_CREDENTIALS",
            "attempt {attempt}"
        );
        let LoginUpdate::Counter(c) = u.update else {
            panic!()
        };
        let LoginUpdate::Credential(s) = k.update else {
            panic!()
        };
        unknown = c;
        known = *s;
        assert_eq!(unknown, known.context().attempts, "attempt {attempt}");
    }
    assert_eq!(known.state(), CredentialState::Locked);
    // Right password on the locked account: now, and only now, it says so.
    let now = known.context().attempts.blocked_until.unwrap();
    let k = authenticate(
        LoginTarget::Known {
            credential: &known,
            counter: &AttemptCounter::default(),
        },
        || true,
        &[],
        Application::Apart,
        now,
    );
    assert_eq!(k.result.unwrap_err().code(), "ACCOUNT_LOCKED");
}

#[test]
fn login_after_a_right_password() {
    let active = at::<CredentialMachine>(CredentialState::Active, &cred_failures(2, None));
    // A Sylaé credential with no APART habilitation (seed).
    let mut sylae = Habilitation::new("ID12345", siret(), Application::Sylae);
    (sylae.granted_at, sylae.effective_at) = (Some(T0), Some(T0));
    let sylae = at::<HabilitationMachine>(HabilitationState::Active, &sylae);
    let out = authenticate(
        LoginTarget::Known {
            credential: &active,
            counter: &AttemptCounter::default(),
        },
        || true,
        std::slice::from_ref(&sylae),
        Application::Apart,
        T0,
    );
    assert_eq!(
        out.result.unwrap_err().code(),
        "NO_HABILITATION_FOR_APPLICATION"
    );
    let LoginUpdate::Credential(after) = out.update else {
        panic!()
    };
    assert_eq!(
        after.context().attempts.failures,
        0,
        "authentication did succeed"
    );
    let apart = active_hab("ID12345", Role::Principal);
    let out = authenticate(
        LoginTarget::Known {
            credential: &active,
            counter: &AttemptCounter::default(),
        },
        || true,
        &[sylae, apart],
        Application::Apart,
        T0,
    );
    assert_eq!(out.result.unwrap(), vec![siret()]);
    // Not effective yet (spec §10 Q5).
    let mut later = Habilitation::new("ID12345", siret(), Application::Apart);
    later.granted_at = Some(T0);
    later.effective_at = Some(T0 + Duration::hours(48));
    let later = at::<HabilitationMachine>(HabilitationState::Active, &later);
    let out = authenticate(
        LoginTarget::Known {
            credential: &active,
            counter: &AttemptCounter::default(),
        },
        || true,
        &[later],
        Application::Apart,
        T0,
    );
    assert_eq!(
        out.result.unwrap_err().code(),
        "NO_HABILITATION_FOR_APPLICATION"
    );
    for (state, code) in [
        (CredentialState::Disabled, "ACCOUNT_DISABLED"),
        (CredentialState::PendingActivation, "ACCOUNT_NOT_ACTIVATED"),
        (CredentialState::Closed, "INVALID_CREDENTIALS"),
    ] {
        let s = at::<CredentialMachine>(state, &cred());
        let out = authenticate(
            LoginTarget::Known {
                credential: &s,
                counter: &AttemptCounter::default(),
            },
            || true,
            &[],
            Application::Apart,
            T0,
        );
        assert_eq!(out.result.unwrap_err().code(), code);
        let out = authenticate(
            LoginTarget::Known {
                credential: &s,
                counter: &AttemptCounter::default(),
            },
            || false,
            &[],
            Application::Apart,
            T0,
        );
        assert_eq!(out.result.unwrap_err().code(), "INVALID_CREDENTIALS");
    }
}

#[test]
fn activation_expiry_is_timed() {
    let c = Credential {
        activation_expires_at: Some(T0 + Duration::minutes(60)),
        ..cred()
    };
    let s = Snapshot::<CredentialMachine>::new(c).unwrap();
    assert_eq!(s.next_deadline(), Some(T0 + Duration::minutes(60)));
    let step = s.tick(T0 + Duration::minutes(61)).unwrap();
    assert_eq!(step.snapshot.state(), CredentialState::PendingActivation);
    assert_eq!(step.effects, vec![CredentialEffect::AllowActivationResend]);
    assert_eq!(step.snapshot.next_deadline(), None);
}

// ----- Machine C ------------------------------------------------------------------------------

fn hab(role: Role) -> Habilitation {
    let mut h = Habilitation::new("ID12345", siret(), Application::Apart);
    h.role = role;
    h
}

#[test]
fn grant_sends_the_habilitation_email() {
    let s = at::<HabilitationMachine>(HabilitationState::Requested, &hab(Role::Principal));
    let step = s
        .apply(
            HabilitationEvent::Grant { effective_at: None },
            Actor::Asp,
            T0,
        )
        .unwrap();
    assert_eq!(
        step.effects,
        vec![HabilitationEffect::SendHabilitationEmail {
            credential: "id12345".into(),
            siret: siret(),
            effective_at: "2026-03-02T10:00:00Z".into(),
        }]
    );
}

#[test]
fn principal_transfer_keeps_one_principal() {
    let old = active_hab("OLD1", Role::Principal);
    let new = active_hab("NEW1", Role::Member);
    let (a, b) = transfer_principal(&old, &new, Actor::Asp, false, T0).unwrap();
    assert_eq!(a.snapshot.state(), HabilitationState::Revoked);
    assert_eq!(b.snapshot.context().role, Role::Principal);
    assert_eq!(a.effects[0].kind(), "PromoteToPrincipal");
    let set = [a.snapshot, b.snapshot];
    assert!(check_invariants(&set, &HabilitationPolicy::default(), &[]).is_empty());
    // To oneself, or to another establishment: refused.
    let err = transfer_principal(&old, &old, Actor::Principal, true, T0).unwrap_err();
    assert_eq!(err.code(), "TRANSFER_TARGET_NOT_ELIGIBLE");
    let mut elsewhere = hab(Role::Member);
    elsewhere.siret = firm();
    (elsewhere.granted_at, elsewhere.effective_at) = (Some(T0), Some(T0));
    let elsewhere = at::<HabilitationMachine>(HabilitationState::Active, &elsewhere);
    let err = transfer_principal(&old, &elsewhere, Actor::Principal, true, T0).unwrap_err();
    assert_eq!(err.code(), "TRANSFER_TARGET_NOT_ELIGIBLE");
}

#[test]
fn invariant_checker_finds_violations() {
    let p1 = active_hab("A", Role::Principal);
    let p2 = active_hab("B", Role::Principal);
    let v = check_invariants(&[p1.clone(), p2], &HabilitationPolicy::default(), &[]);
    assert_eq!(
        v,
        vec![Violation::PrincipalCount {
            siret: siret(),
            principals: 2
        }]
    );
    let member = active_hab("C", Role::Member);
    let v = check_invariants(&[member], &HabilitationPolicy::default(), &[]);
    assert_eq!(
        v,
        vec![Violation::PrincipalCount {
            siret: siret(),
            principals: 0
        }]
    );
    let mut acc = hab(Role::Accountant);
    acc.mandate_id = Some("M1".into());
    (acc.granted_at, acc.effective_at) = (Some(T0), Some(T0));
    let acc = at::<HabilitationMachine>(HabilitationState::Active, &acc);
    let v = check_invariants(
        &[p1.clone(), acc.clone()],
        &HabilitationPolicy::default(),
        &[],
    );
    assert_eq!(
        v,
        vec![Violation::AccountantWithoutMandate {
            credential: "id12345".into(),
            siret: siret()
        }]
    );
    assert!(
        check_invariants(&[p1, acc], &HabilitationPolicy::default(), &["M1".into()]).is_empty()
    );
    let tight = HabilitationPolicy {
        max_per_credential: 0,
    };
    let v = check_invariants(&[active_hab("A", Role::Principal)], &tight, &[]);
    assert_eq!(
        v,
        vec![Violation::TooManyLiveHabilitations {
            credential: "a".into(),
            count: 1
        }]
    );
}

// ----- Machine E ------------------------------------------------------------------------------

fn mandate() -> Mandate {
    Mandate::new("M1", siret(), firm(), &["EC001", "EC002"], None)
}

#[test]
fn mandate_grants_then_cascades_revocation() {
    let s = at::<MandateMachine>(
        MandateState::Submitted,
        &Mandate {
            ends_at: Some(T0 + Duration::days(30)),
            establishment_signed: true,
            accountant_signed: true,
            sent_to_asp: true,
            ..mandate()
        },
    );
    let accepted = s.apply(MandateEvent::AspAccept, Actor::Asp, T0).unwrap();
    let kinds: Vec<_> = accepted.effects.iter().map(|e| e.kind()).collect();
    assert_eq!(kinds, vec!["GrantAccountantHabilitation"; 2]);
    assert_eq!(
        accepted.snapshot.next_deadline(),
        Some(T0 + Duration::days(30))
    );
    let ended = accepted.snapshot.tick(T0 + Duration::days(31)).unwrap();
    assert_eq!(ended.snapshot.state(), MandateState::Terminated);
    assert_eq!(ended.snapshot.context().ended_by, Some(EndedBy::EndDate));
    assert_eq!(
        ended.effects,
        vec![
            MandateEffect::RevokeAccountantHabilitation {
                credential: "ec001".into(),
                siret: siret(),
                mandate_id: "M1".into()
            },
            MandateEffect::RevokeAccountantHabilitation {
                credential: "ec002".into(),
                siret: siret(),
                mandate_id: "M1".into()
            },
        ]
    );
    // The cascade dated at the end instant, by the system.
    let last = ended.snapshot.history().last().unwrap();
    assert_eq!(
        (last.actor, last.at),
        (Actor::System, T0 + Duration::days(30))
    );
}

// ----- Secret answer --------------------------------------------------------------------------

#[test]
fn secret_answer_is_hashed_salted_and_throttled() {
    use apart::entropy::FixedEntropy;
    let h = Argon2idHasher::with_params(64, 1, 1).unwrap();
    let a = h
        .hash("tartempion", &mut FixedEntropy::new(vec![1]))
        .unwrap();
    let b = h
        .hash("tartempion", &mut FixedEntropy::new(vec![2]))
        .unwrap();
    assert_ne!(a.hash, b.hash, "salted");
    assert_eq!(a.scheme, "argon2id$v=19$m=64,t=1,p=1");
    // Stored parameters win over the hasher's.
    assert!(Argon2idHasher::default().verify("tartempion", &a).unwrap());
    let bad = SecretAnswerHash {
        scheme: "md5".into(),
        ..a.clone()
    };
    assert_eq!(
        h.verify("x", &bad).unwrap_err().code(),
        "SECRET_HASH_FAILED"
    );
    let mut counter = AttemptCounter::default();
    let mut now = T0;
    let mut codes = Vec::new();
    for _ in 0..6 {
        let (r, c) = check_secret_answer(&h, "faux", &a, &counter, now);
        codes.push(r.unwrap_err().code());
        counter = c;
        now = counter.blocked_until.unwrap_or(now);
    }
    assert_eq!(
        codes,
        vec!["SECRET_ANSWER_INVALID"; 5]
            .into_iter()
            .chain(["ACCOUNT_LOCKED"])
            .collect::<Vec<_>>()
    );
    let (r, _) = check_secret_answer(&h, "tartempion", &a, &AttemptCounter::default(), T0);
    assert!(r.is_ok());
}

// ----- Properties -----------------------------------------------------------------------------

#[allow(clippy::collapsible_if)] // one arm per operation, each guarded the same way
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// An operation on a small world of 3 credentials × 2 establishments, with the facts computed
    /// from the world as the caller would.
    #[derive(Debug, Clone)]
    enum Op {
        Request {
            cred: usize,
            siret: usize,
            role: Role,
        },
        Grant(usize),
        Refuse(usize),
        Suspend(usize),
        Reinstate(usize),
        Revoke(usize, Actor),
        Transfer {
            from: usize,
            to: usize,
            keep: bool,
        },
        EndMandate,
    }

    fn op() -> impl Strategy<Value = Op> {
        let role = prop_oneof![
            Just(Role::Principal),
            Just(Role::Member),
            Just(Role::Accountant)
        ];
        prop_oneof![
            (0..3usize, 0..2usize, role).prop_map(|(cred, siret, role)| Op::Request {
                cred,
                siret,
                role
            }),
            (0..8usize).prop_map(Op::Grant),
            (0..8usize).prop_map(Op::Refuse),
            (0..8usize).prop_map(Op::Suspend),
            (0..8usize).prop_map(Op::Reinstate),
            (
                0..8usize,
                prop_oneof![
                    Just(Actor::Principal),
                    Just(Actor::Asp),
                    Just(Actor::System)
                ]
            )
                .prop_map(|(i, a)| Op::Revoke(i, a)),
            (0..8usize, 0..8usize, any::<bool>()).prop_map(|(from, to, keep)| Op::Transfer {
                from,
                to,
                keep
            }),
            Just(Op::EndMandate),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Whatever the sequence: no panic, I1/I2/I4 hold after every step (I2 with a limit of
        /// 1 so that it is reached), and every snapshot round-trips through JSON.
        #[test]
        fn invariants_hold(ops in proptest::collection::vec(op(), 0..40)) {
            let creds = ["A", "B", "C"];
            let sirets = [siret(), firm()];
            let policy = HabilitationPolicy { max_per_credential: 1 };
            let mut world: Vec<HabilitationSnapshot> = Vec::new();
            let mut mandate_active = true;
            let now = T0;
            for op in ops {
                match op {
                    Op::Request { cred, siret, role } => {
                        let (c, s) = (creds[cred], sirets[siret]);
                        let f = RequestFacts::from_records(&world, c, s, Application::Apart, mandate_active, &policy);
                        let mandate_id = (role == Role::Accountant).then(|| "M1".to_string());
                        let snap = Snapshot::<HabilitationMachine>::new(Habilitation::new(c, s, Application::Apart)).unwrap();
                        let live_same = world.iter().any(|h| h.context().credential == c && h.context().siret == s
                            && matches!(h.state(), HabilitationState::Requested | HabilitationState::Active | HabilitationState::Suspended));
                        if live_same { continue; }
                        if let Ok(step) = snap.apply(HabilitationEvent::Request { role, mandate_id, facts: f }, Actor::Asp, now) {
                            world.push(step.snapshot);
                        }
                    }
                    Op::Grant(i) => if let Some(h) = world.get(i).cloned() {
                        if let Ok(step) = h.apply(HabilitationEvent::Grant { effective_at: None }, Actor::Asp, now) {
                            // I4: an accountant habilitation is granted only under an active mandate.
                            if h.context().role != Role::Accountant || mandate_active { world[i] = step.snapshot; }
                        }
                    },
                    Op::Refuse(i) => if let Some(h) = world.get(i).cloned() {
                        let others = others_live(&world, &h);
                        if let Ok(step) = h.apply(HabilitationEvent::Refuse { reason: "r".into(), others_live: others }, Actor::Asp, now) {
                            world[i] = step.snapshot;
                        }
                    },
                    Op::Suspend(i) => if let Some(h) = world.get(i).cloned() {
                        if let Ok(step) = h.apply(HabilitationEvent::Suspend { reason: "r".into() }, Actor::Asp, now) { world[i] = step.snapshot; }
                    },
                    Op::Reinstate(i) => if let Some(h) = world.get(i).cloned() {
                        let allowed = h.context().role != Role::Accountant || mandate_active;
                        if let Ok(step) = h.apply(HabilitationEvent::Reinstate, Actor::Asp, now) { if allowed { world[i] = step.snapshot; } }
                    },
                    Op::Revoke(i, actor) => if let Some(h) = world.get(i).cloned() {
                        if let Ok(step) = h.apply(HabilitationEvent::Revoke { reason: "r".into() }, actor, now) { world[i] = step.snapshot; }
                    },
                    Op::Transfer { from, to, keep } => if let (Some(a), Some(b)) = (world.get(from).cloned(), world.get(to).cloned()) {
                        if let Ok((x, y)) = transfer_principal(&a, &b, Actor::Asp, keep, now) {
                            world[from] = x.snapshot;
                            world[to] = y.snapshot;
                        }
                    },
                    Op::EndMandate => if mandate_active {
                        // The cascade of machine E: revoke every accountant habilitation.
                        mandate_active = false;
                        for h in world.iter_mut() {
                            if h.context().role == Role::Accountant {
                                if let Ok(step) = h.apply(HabilitationEvent::Revoke { reason: "fin du contrat".into() }, Actor::System, now) {
                                    *h = step.snapshot;
                                }
                            }
                        }
                    },
                }
                let active: Vec<String> = if mandate_active { vec!["M1".into()] } else { vec![] };
                let v = check_invariants(&world, &policy, &active);
                prop_assert!(v.is_empty(), "{:?}", v);
                for h in &world {
                    prop_assert_eq!(&Snapshot::<HabilitationMachine>::from_json(&h.to_json()).unwrap(), h);
                }
            }
        }

        /// Random mandate events: no panic, `can` agrees with `apply`, JSON round-trips, and the
        /// cascade revokes exactly the users it granted.
        #[test]
        fn mandate_sequences(events in proptest::collection::vec((0..9u8, 0..4u8, 0i64..40), 0..30)) {
            let mut s = Snapshot::<MandateMachine>::new(Mandate { ends_at: Some(T0 + Duration::days(200)), ..mandate() }).unwrap();
            let mut now = T0;
            let (mut granted, mut revoked) = (0, 0);
            for (e, a, days) in events {
                now += Duration::days(days);
                let event = match e {
                    0 => MandateEvent::GenerateContract,
                    1 => MandateEvent::RecordSignature { party: Party::Establishment },
                    2 => MandateEvent::RecordSignature { party: Party::Accountant },
                    3 => MandateEvent::SubmitToAsp,
                    4 => MandateEvent::AspAccept,
                    5 => MandateEvent::AspReject { reason: if a > 1 { "non".into() } else { String::new() } },
                    6 => MandateEvent::Terminate { by: EndedBy::Accountant },
                    7 => MandateEvent::Cancel,
                    _ => MandateEvent::Expire,
                };
                let actor = [Actor::Principal, Actor::Accountant, Actor::Asp, Actor::System][usize::from(a)];
                let ticked = s.tick(now).unwrap();
                revoked += ticked.effects.iter().filter(|e| e.kind() == "RevokeAccountantHabilitation").count();
                s = ticked.snapshot;
                let can = s.can(&event, actor, now);
                match s.apply(event, actor, now) {
                    Ok(step) => {
                        prop_assert!(can.is_ok());
                        granted += step.effects.iter().filter(|e| e.kind() == "GrantAccountantHabilitation").count();
                        revoked += step.effects.iter().filter(|e| e.kind() == "RevokeAccountantHabilitation").count();
                        s = step.snapshot;
                    }
                    Err(err) => prop_assert_eq!(can.unwrap_err(), err),
                }
                prop_assert_eq!(Snapshot::<MandateMachine>::from_json(&s.to_json()).unwrap(), s.clone());
                match s.state() {
                    MandateState::Active => prop_assert_eq!((granted, revoked), (2, 0)),
                    MandateState::Terminated => prop_assert_eq!((granted, revoked), (2, 2)),
                    _ => prop_assert_eq!(revoked, 0),
                }
            }
        }

        /// Random onboarding events: no panic, `can` agrees with `apply`, JSON round-trips, and
        /// a flow ends at most once.
        #[test]
        fn onboarding_sequences(events in proptest::collection::vec((0..8u8, any::<bool>(), any::<bool>()), 0..12)) {
            use apart::forms::HumanCheck;
            let mut s = Snapshot::<OnboardingMachine>::new(Onboarding::default()).unwrap();
            for (e, x, y) in events {
                let human = if x { HumanCheck::Verified { at: T0 } } else { HumanCheck::NotVerified };
                let event = match e {
                    0 | 1 => OnboardingEvent::SubmitSiret { siret: if y { SIRET.into() } else { "123".into() }, human_check: human, cgu_accepted: x || y, establishment_known: e == 1 },
                    2 => OnboardingEvent::SubmitAccountFormWithExistingAspLogin { identifier: "SYL1".into(), password_ok: y, human_check: human },
                    3 => OnboardingEvent::ChooseForgotIdentifier,
                    4 => OnboardingEvent::ChooseForgotPassword,
                    5 => OnboardingEvent::ChooseAssistance,
                    6 => OnboardingEvent::ChooseAccountantContract,
                    _ => OnboardingEvent::Cancel,
                };
                let was_terminal = s.is_terminal();
                let can = s.can(&event, Actor::Visitor, T0);
                match s.apply(event, Actor::Visitor, T0) {
                    Ok(step) => { prop_assert!(can.is_ok() && !was_terminal); s = step.snapshot; }
                    Err(err) => prop_assert_eq!(can.unwrap_err(), err),
                }
                prop_assert_eq!(Snapshot::<OnboardingMachine>::from_json(&s.to_json()).unwrap(), s.clone());
                prop_assert!(s.version() <= 2);
            }
        }

        /// Random credential events: no panic, `can` agrees with `apply`, JSON round-trips, and
        /// the state always agrees with the counter.
        #[test]
        fn credential_sequences(events in proptest::collection::vec((0..10u8, 0i64..2000), 0..40)) {
            let mut s = Snapshot::<CredentialMachine>::new(cred()).unwrap();
            let mut now = T0;
            for (e, secs) in events {
                now += Duration::seconds(secs);
                let event = match e {
                    0 => CredentialEvent::SetInitialPassword { token: proof(Purpose::Activation) },
                    1..=3 => CredentialEvent::LoginFailed,
                    4 => CredentialEvent::LoginSucceeded,
                    5 => CredentialEvent::PasswordResetCompleted { token: proof(if secs % 2 == 0 { Purpose::PasswordReset } else { Purpose::Activation }) },
                    6 => CredentialEvent::LoginAttempt,
                    7 => CredentialEvent::AdminUnlock,
                    // I3: a principal's e-mail never changes; a member's may.
                    8 => CredentialEvent::ChangeEmail { email: "autre@exemple.fr".into(), is_principal: true },
                    _ => CredentialEvent::ChangeEmail { email: format!("m{secs}@exemple.fr"), is_principal: false },
                };
                let email_before = s.context().email.clone();
                let principal_edit = e == 8;
                let actor = match e {
                    7 => Actor::Asp,
                    8 | 9 => Actor::Principal,
                    _ => Actor::Visitor,
                };
                s = s.tick(now).unwrap().snapshot;
                let can = s.can(&event, actor, now);
                match s.apply(event, actor, now) {
                    Ok(step) => { prop_assert!(can.is_ok()); s = step.snapshot; }
                    Err(err) => prop_assert_eq!(can.unwrap_err(), err),
                }
                if principal_edit {
                    prop_assert_eq!(&s.context().email, &email_before);
                }
                let c = s.context();
                match s.state() {
                    CredentialState::Locked => prop_assert!(c.policy.locks_at(c.attempts.failures)),
                    CredentialState::Active | CredentialState::Throttled => prop_assert!(!c.policy.locks_at(c.attempts.failures)),
                    _ => {}
                }
                prop_assert_eq!(Snapshot::<CredentialMachine>::from_json(&s.to_json()).unwrap(), s.clone());
            }
        }
    }
}

// ----- Machine A ------------------------------------------------------------------------------

fn form_input() -> AccountFormInput {
    AccountFormInput {
        denomination: "Boulangerie Martin".into(),
        street_number: "12".into(),
        street_extension: "B".into(),
        street_type: "RUE".into(),
        street_name: "de la République".into(),
        postal_code: "69002".into(),
        city: "Lyon".into(),
        phone: "04 72 00 00 00".into(),
        establishment_email: "contact@boulangerie-martin.fr".into(),
        establishment_email_confirmation: "Contact@boulangerie-martin.fr".into(),
        nom: "Martin".into(),
        prenom: "Claire".into(),
        user_phone: "06 12 34 56 78".into(),
        email: "claire.martin@boulangerie-martin.fr".into(),
        email_confirmation: "claire.martin@boulangerie-martin.fr".into(),
        secret_question: "Nom de mon premier chien".into(),
        secret_answer: "  Médor ".into(),
        human_check: Some(apart::forms::HumanCheck::Verified { at: T0 }),
        ..Default::default()
    }
}

fn sealed() -> AccountRequest {
    let h = Argon2idHasher::with_params(64, 1, 1).unwrap();
    form_input()
        .validate()
        .unwrap()
        .seal(&h, &mut apart::entropy::FixedEntropy::new(vec![5]))
        .unwrap()
}

#[test]
fn account_form_reports_every_field_at_once() {
    let input = AccountFormInput {
        postal_code: "00100".into(),
        email_confirmation: "claire.martin@boulangerie-martin.com".into(),
        establishment_email: "pas une adresse".into(),
        establishment_email_confirmation: "autre".into(),
        secret_answer: "martin".into(),
        human_check: None,
        ..form_input()
    };
    let errors = input.validate().unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field()).collect();
    assert_eq!(
        fields,
        vec![
            "postal_code",
            "establishment_email",
            "email_confirmation",
            "secret_answer",
            "human_check"
        ]
    );
    assert_eq!(errors.codes()[2], "EMAIL_CONFIRMATION_MISMATCH");
    assert_eq!(errors.codes()[3], "SECRET_ANSWER_EQUALS_PERSONAL_DATA");
    assert_eq!(errors.codes()[4], "CAPTCHA_REQUIRED");
    let ok = form_input().validate().unwrap();
    assert_eq!(ok.establishment.phone.e164(), "+33472000000");
    assert!(ok.establishment.fax.is_none() && ok.establishment.address_complement.is_none());
    assert!(
        !format!("{ok:?}").contains("dor"),
        "the answer is never printed"
    );
}

#[test]
fn sealed_request_keeps_only_the_hash_and_round_trips() {
    let r = sealed();
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.to_lowercase().contains("medor") && !json.contains("Médor"));
    let back: AccountRequest = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
    // Reading it back checks every field again.
    let bad = json.replace("69002", "00002");
    assert!(serde_json::from_str::<AccountRequest>(&bad).is_err());
    let h = Argon2idHasher::default();
    assert!(h.verify("medor", &r.secret_answer).unwrap());
}

#[test]
fn onboarding_effects_for_new_and_existing_users() {
    let s = at::<OnboardingMachine>(
        OnboardingState::AwaitingAccountForm,
        &Onboarding {
            siret: Some(siret()),
            handoff: None,
        },
    );
    let new = s
        .apply(
            OnboardingEvent::SubmitAccountForm {
                request: Box::new(sealed()),
                existing_credential: None,
            },
            Actor::Visitor,
            T0,
        )
        .unwrap();
    let kinds: Vec<_> = new.effects.iter().map(|e| e.kind()).collect();
    assert_eq!(
        kinds,
        vec![
            "CreateEstablishment",
            "CreateCredential",
            "RequestHabilitation",
            "SendIdentifierEmail",
            "SendPasswordSetupEmail"
        ]
    );
    let json = serde_json::to_string(&new.effects).unwrap();
    assert!(!json.to_lowercase().contains("medor"));
    let existing = s
        .apply(
            OnboardingEvent::SubmitAccountForm {
                request: Box::new(sealed()),
                existing_credential: Some("ID12345".into()),
            },
            Actor::Visitor,
            T0,
        )
        .unwrap();
    let kinds: Vec<_> = existing.effects.iter().map(|e| e.kind()).collect();
    assert_eq!(
        kinds,
        vec![
            "CreateEstablishment",
            "AttachToExistingCredential",
            "RequestHabilitation"
        ]
    );
    let assist = at::<OnboardingMachine>(
        OnboardingState::EstablishmentExists,
        &Onboarding {
            siret: Some(siret()),
            handoff: None,
        },
    )
    .apply(OnboardingEvent::ChooseAssistance, Actor::Visitor, T0)
    .unwrap();
    assert_eq!(
        assist.effects,
        vec![OnboardingEffect::StartAssistanceRequest {
            motive: "HabilitationExtranet".into(),
            siret: Some(siret())
        }]
    );
}
