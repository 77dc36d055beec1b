#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
use super::*;
use crate::diagnostic::Diagnostic;
use crate::machine::{Actor, Machine, State};
use crate::procedure::{Establishment, Motive, Period};
use rust_decimal::Decimal;
use time::Duration;
use time::macros::datetime;
use time::{Date, OffsetDateTime};

/// A date from its ISO form (rustfmt would space out `date!(2022-03-01)`).
fn ymd(iso: &str) -> time::Date {
    time::Date::parse(iso, &time::format_description::well_known::Iso8601::DATE).unwrap()
}

fn request(start: Date, end: Date) -> DaRequest {
    DaRequest::new(
        Motive::EconomicConditions,
        Period::new(start, end).unwrap(),
        4,
        Decimal::from(600),
    )
}

fn draft() -> Snapshot<DaMachine> {
    Snapshot::new(DaContext::new(
        "DA-1",
        Establishment::new(
            crate::siret::Siret::parse("73282932000074").unwrap(),
            "Boulangerie Martin",
        ),
        request(ymd("2022-03-01"), ymd("2022-05-31")),
    ))
    .unwrap()
}

const FILED: OffsetDateTime = datetime!(2022-02-10 10:00 +1);

fn submitted() -> Snapshot<DaMachine> {
    draft()
        .apply(DaEvent::submit(), Actor::Principal, FILED)
        .unwrap()
        .snapshot
}

fn authorise() -> DaEvent {
    DaEvent::Authorise {
        number: "D-77".into(),
        period: Period::new(ymd("2022-03-01"), ymd("2022-04-30")).unwrap(),
        hours: Decimal::from(400),
        commitments: None,
    }
}

fn code<T>(r: Result<T, crate::machine::TransitionError>) -> &'static str {
    match r {
        Ok(_) => "OK",
        Err(e) => e.code(),
    }
}

#[test]
fn draft_transitions() {
    let d = draft();
    let edited = d
        .apply(
            DaEvent::Edit {
                request: request(ymd("2022-03-01"), ymd("2022-03-31")),
            },
            Actor::Member,
            FILED,
        )
        .unwrap()
        .snapshot;
    assert_eq!(edited.state(), DaState::Draft);
    assert_eq!(edited.context().request.period.end(), ymd("2022-03-31"));
    assert_eq!(
        d.apply(DaEvent::Delete, Actor::Accountant, FILED)
            .unwrap()
            .snapshot
            .state(),
        DaState::Deleted
    );
    assert_eq!(
        code(d.apply(DaEvent::Delete, Actor::Administration, FILED)),
        "FORBIDDEN_ACTOR"
    );
    assert_eq!(
        code(d.apply(DaEvent::StartReview, Actor::Administration, FILED)),
        "INVALID_TRANSITION"
    );
    let step = d.apply(DaEvent::submit(), Actor::Principal, FILED).unwrap();
    assert_eq!(step.snapshot.state(), DaState::Submitted);
    assert_eq!(
        step.effects,
        vec![
            DaEffect::ScheduleDeadline {
                at: datetime!(2022-02-26 00:00 +1),
                event: DaEventKind::ImplicitAcceptance
            },
            DaEffect::NotifyEmployer {
                notice: DaNotice::Received
            },
            DaEffect::RecapAvailable {
                kind: RecapKind::DaSubmitted
            },
        ]
    );
    assert_eq!(step.snapshot.context().decision_delay_days, Some(15));
}

#[test]
fn submit_guards() {
    // Invalid content.
    let mut bad = draft();
    bad = bad
        .apply(
            DaEvent::Edit {
                request: DaRequest {
                    employees: 0,
                    ..request(ymd("2022-03-01"), ymd("2022-03-31"))
                },
            },
            Actor::Principal,
            FILED,
        )
        .unwrap()
        .snapshot;
    assert_eq!(
        code(bad.apply(DaEvent::submit(), Actor::Principal, FILED)),
        "DA_EMPLOYEES_REQUIRED"
    );
    // Filed after placement, motive 1°: refused; placement day itself is fine.
    let d = draft();
    assert_eq!(
        code(d.apply(
            DaEvent::submit(),
            Actor::Principal,
            datetime!(2022-03-01 23:59 +1)
        )),
        "OK"
    );
    assert_eq!(
        code(d.apply(
            DaEvent::submit(),
            Actor::Principal,
            datetime!(2022-03-02 00:00 +1)
        )),
        "DA_FILING_WINDOW_CLOSED"
    );
    // Motive 3°: 30 days after placement.
    let mut disaster = request(ymd("2022-03-01"), ymd("2022-05-31"));
    disaster.motive = Motive::DisasterOrWeather;
    let d = Snapshot::<DaMachine>::new(DaContext::new(
        "DA-2",
        Establishment::new(
            crate::siret::Siret::parse("73282932000074").unwrap(),
            "Martin",
        ),
        disaster,
    ))
    .unwrap();
    assert_eq!(
        code(d.apply(
            DaEvent::submit(),
            Actor::Principal,
            datetime!(2022-03-31 23:59 +2)
        )),
        "OK"
    );
    assert_eq!(
        code(d.apply(
            DaEvent::submit(),
            Actor::Principal,
            datetime!(2022-04-01 00:00 +2)
        )),
        "DA_FILING_WINDOW_CLOSED"
    );
    // Too long after 2021-07-01.
    let long = Snapshot::<DaMachine>::new(DaContext::new(
        "DA-3",
        Establishment::new(
            crate::siret::Siret::parse("73282932000074").unwrap(),
            "Martin",
        ),
        request(ymd("2022-03-01"), ymd("2022-06-01")),
    ))
    .unwrap();
    assert_eq!(
        code(long.apply(DaEvent::submit(), Actor::Principal, FILED)),
        "DA_DURATION_EXCEEDED"
    );
    // Cumulative limit, from the event's facts.
    let others = vec![Period::new(ymd("2021-10-01"), ymd("2021-12-31")).unwrap()];
    assert_eq!(
        code(draft().apply(
            DaEvent::Submit {
                other_authorised_periods: others
            },
            Actor::Principal,
            FILED
        )),
        "DA_CUMULATIVE_DURATION_EXCEEDED"
    );
}

/// Source: R5122-4 (15 days, silence = acceptance); §10 Q8 day counting.
#[test]
fn silence_fifteen_days_exact_boundary() {
    let s = submitted();
    let at = datetime!(2022-02-26 00:00 +1);
    assert_eq!(s.next_deadline(), Some(at));
    let before = s.tick(at - Duration::nanoseconds(1)).unwrap();
    assert_eq!(before.snapshot.state(), DaState::Submitted);
    // An explicit decision one nanosecond before is still possible…
    assert_eq!(
        code(s.apply(
            authorise(),
            Actor::Administration,
            at - Duration::nanoseconds(1)
        )),
        "OK"
    );
    // …but not at the instant of acceptance, even if tick has not run yet.
    assert_eq!(
        code(s.apply(authorise(), Actor::Administration, at)),
        "DA_ALREADY_DECIDED"
    );
    let accepted = s.tick(at).unwrap();
    assert_eq!(accepted.snapshot.state(), DaState::AuthorisedImplicit);
    let a = accepted.snapshot.context().authorisation.clone().unwrap();
    assert_eq!(a.kind, DecisionKind::Implicit);
    assert_eq!(a.at, at);
    assert_eq!(a.hours, Decimal::from(600));
    // Authorised 2022-02-26: six months after 2022-05-31.
    assert_eq!(a.claims_last_day, ymd("2022-11-30"));
    assert!(accepted.effects.contains(&DaEffect::NotifyEmployer {
        notice: DaNotice::AuthorisedBySilence
    }));
    assert_eq!(
        code(
            accepted
                .snapshot
                .apply(authorise(), Actor::Administration, at)
        ),
        "INVALID_TRANSITION"
    );
}

/// Source: décret 2020-325 art. 2 III (2 days, requests received 2020-03-01..2020-09-30).
#[test]
fn silence_two_days_in_2020_and_across_an_offset() {
    let mk = |now| {
        Snapshot::<DaMachine>::new(DaContext::new(
            "DA-2020",
            Establishment::new(
                crate::siret::Siret::parse("73282932000074").unwrap(),
                "Martin",
            ),
            DaRequest::new(
                Motive::ExceptionalCircumstances,
                Period::new(ymd("2020-09-15"), ymd("2020-12-31")).unwrap(),
                3,
                Decimal::from(300),
            ),
        ))
        .unwrap()
        .apply(DaEvent::submit(), Actor::Principal, now)
        .unwrap()
        .snapshot
    };
    // Received 2020-09-30 in Paris: days 10-01 and 10-02, accepted 10-03 00:00 +2.
    let s = mk(datetime!(2020-09-30 18:00 +2));
    assert_eq!(s.next_deadline(), Some(datetime!(2020-10-03 00:00 +2)));
    assert_eq!(
        s.tick(datetime!(2020-10-02 23:59:59 +2))
            .unwrap()
            .snapshot
            .state(),
        DaState::Submitted
    );
    assert_eq!(
        s.tick(datetime!(2020-10-03 00:00 +2))
            .unwrap()
            .snapshot
            .state(),
        DaState::AuthorisedImplicit
    );
    // Same instant seen from Paris is 2020-10-01: 15 days.
    let paris = mk(datetime!(2020-10-01 06:30 +2));
    assert_eq!(paris.context().decision_delay_days, Some(15));
    // Received 2020-09-30 23:30 in Réunion? No: in Tahiti (UTC-10), still 09-30 locally.
    let tahiti = mk(datetime!(2020-09-30 20:30 -10));
    assert_eq!(tahiti.context().decision_delay_days, Some(2));
    assert_eq!(
        tahiti.next_deadline(),
        Some(datetime!(2020-10-03 00:00 -10))
    );
    // A tick given in UTC fires at the same instant.
    assert_eq!(
        tahiti
            .tick(datetime!(2020-10-03 09:59:59 UTC))
            .unwrap()
            .snapshot
            .state(),
        DaState::Submitted
    );
    assert_eq!(
        tahiti
            .tick(datetime!(2020-10-03 10:00 UTC))
            .unwrap()
            .snapshot
            .state(),
        DaState::AuthorisedImplicit
    );
}

#[test]
fn review_decisions_and_withdrawal() {
    let s = submitted();
    let t = datetime!(2022-02-15 12:00 +1);
    let review = s
        .apply(DaEvent::StartReview, Actor::Administration, t)
        .unwrap()
        .snapshot;
    assert_eq!(review.state(), DaState::UnderReview);
    assert_eq!(
        code(s.apply(DaEvent::StartReview, Actor::Principal, t)),
        "FORBIDDEN_ACTOR"
    );
    for snap in [&s, &review] {
        let ok = snap.apply(authorise(), Actor::Administration, t).unwrap();
        assert_eq!(ok.snapshot.state(), DaState::AuthorisedExplicit);
        let a = ok.snapshot.context().authorisation.clone().unwrap();
        assert_eq!(a.number.as_deref(), Some("D-77"));
        // Six months after 2022-04-30: same day of the month (C. pr. civ. art. 641 style).
        assert_eq!(a.claims_last_day, ymd("2022-10-30"));
        assert_eq!(
            code(snap.apply(authorise(), Actor::Principal, t)),
            "FORBIDDEN_ACTOR"
        );
        let outside = DaEvent::Authorise {
            number: "D".into(),
            period: Period::new(ymd("2022-02-01"), ymd("2022-03-31")).unwrap(),
            hours: Decimal::ONE,
            commitments: None,
        };
        assert_eq!(
            code(snap.apply(outside, Actor::Administration, t)),
            "DA_DECISION_OUTSIDE_REQUEST"
        );
        let more = DaEvent::Authorise {
            number: "D".into(),
            period: Period::new(ymd("2022-03-01"), ymd("2022-03-31")).unwrap(),
            hours: snap.context().request.hours + Decimal::ONE,
            commitments: None,
        };
        assert_eq!(
            code(snap.apply(more, Actor::Administration, t)),
            "DA_DECISION_HOURS_EXCEEDED"
        );
        for number in [
            "D".repeat(51),
            "D-\u{202E}77".to_owned(),
            "D\n77".to_owned(),
        ] {
            let event = DaEvent::Authorise {
                number,
                period: Period::new(ymd("2022-03-01"), ymd("2022-03-31")).unwrap(),
                hours: Decimal::ONE,
                commitments: None,
            };
            assert_eq!(
                code(snap.apply(event, Actor::Administration, t)),
                "DA_DECISION_NUMBER_INVALID"
            );
        }
        let zero = DaEvent::Authorise {
            number: "D".into(),
            period: Period::new(ymd("2022-03-01"), ymd("2022-03-31")).unwrap(),
            hours: Decimal::ZERO,
            commitments: None,
        };
        assert_eq!(
            code(snap.apply(zero, Actor::Administration, t)),
            "HOURS_NOT_POSITIVE"
        );
        let refused = snap
            .apply(
                DaEvent::Refuse {
                    reasons: " baisse d'activité non démontrée ".into(),
                },
                Actor::Administration,
                t,
            )
            .unwrap()
            .snapshot;
        assert_eq!(refused.state(), DaState::Refused);
        assert_eq!(
            refused.context().refusal_reasons.as_deref(),
            Some("baisse d'activité non démontrée")
        );
        assert_eq!(
            code(snap.apply(
                DaEvent::Refuse {
                    reasons: "  ".into()
                },
                Actor::Administration,
                t
            )),
            "REASON_REQUIRED"
        );
        let withdrawn = snap
            .apply(DaEvent::Withdraw { reason: None }, Actor::Accountant, t)
            .unwrap()
            .snapshot;
        assert_eq!(withdrawn.state(), DaState::Withdrawn);
        assert_eq!(
            code(withdrawn.apply(authorise(), Actor::Administration, t)),
            "TERMINAL_STATE"
        );
        assert_eq!(
            code(snap.apply(DaEvent::ImplicitAcceptance, Actor::System, t)),
            "NOT_YET_DUE"
        );
        assert_eq!(
            code(snap.apply(DaEvent::ImplicitAcceptance, Actor::Administration, t)),
            "FORBIDDEN_ACTOR"
        );
    }
    assert_eq!(
        code(review.apply(DaEvent::StartReview, Actor::Administration, t)),
        "INVALID_TRANSITION"
    );
}

#[test]
fn period_end_claims_close_and_administration_withdraw() {
    let implicit = submitted()
        .tick(datetime!(2022-02-26 00:00 +1))
        .unwrap()
        .snapshot;
    let t = datetime!(2022-03-10 10:00 +1);
    // Administration withdraws an implicit authorisation, with a reason.
    assert_eq!(
        code(implicit.apply(
            DaEvent::AdministrationWithdraw { reason: "".into() },
            Actor::Administration,
            t
        )),
        "REASON_REQUIRED"
    );
    assert_eq!(
        code(implicit.apply(
            DaEvent::AdministrationWithdraw {
                reason: "fraude".into()
            },
            Actor::Principal,
            t
        )),
        "FORBIDDEN_ACTOR"
    );
    let gone = implicit
        .apply(
            DaEvent::AdministrationWithdraw {
                reason: "fraude".into(),
            },
            Actor::Administration,
            t,
        )
        .unwrap()
        .snapshot;
    assert_eq!(gone.state(), DaState::AdministrationWithdrawn);
    assert!(gone.is_terminal());
    // An explicit authorisation cannot be withdrawn that way.
    let explicit = submitted()
        .apply(authorise(), Actor::Administration, t - Duration::days(20))
        .unwrap()
        .snapshot;
    assert_eq!(
        code(explicit.apply(
            DaEvent::AdministrationWithdraw { reason: "x".into() },
            Actor::Administration,
            t
        )),
        "INVALID_TRANSITION"
    );
    // Period ends at 00:00 local the day after 2022-04-30; claims close after 2022-10-30.
    assert_eq!(
        explicit.next_deadline(),
        Some(datetime!(2022-05-01 00:00 +1))
    );
    let ended = explicit.tick(datetime!(2022-05-01 00:00 +1)).unwrap();
    assert_eq!(ended.snapshot.state(), DaState::PeriodEnded);
    assert_eq!(
        ended.effects,
        vec![DaEffect::ScheduleDeadline {
            at: datetime!(2022-10-31 00:00 +1),
            event: DaEventKind::ClaimsClose
        }]
    );
    let closed = ended
        .snapshot
        .tick(datetime!(2022-10-31 00:00 +1))
        .unwrap()
        .snapshot;
    assert_eq!(closed.state(), DaState::ClaimsClosed);
    assert!(closed.is_terminal());
    // One tick long after takes both steps, each dated when it fell due.
    let both = explicit
        .tick(datetime!(2023-01-01 00:00 UTC))
        .unwrap()
        .snapshot;
    assert_eq!(both.state(), DaState::ClaimsClosed);
    let h = both.history();
    assert_eq!(h[h.len() - 2].at, datetime!(2022-05-01 00:00 +1));
    assert_eq!(
        code(explicit.apply(DaEvent::PeriodEnd, Actor::System, t)),
        "NOT_YET_DUE"
    );
}

/// A sinistre filed 20 days after a 10-day placement: accepted by silence after the period
/// is over; the period then ends at once, and the history stays in time order.
#[test]
fn period_already_over_at_the_decision() {
    let mut r = request(ymd("2022-03-01"), ymd("2022-03-10"));
    r.motive = Motive::DisasterOrWeather;
    let d = Snapshot::<DaMachine>::new(DaContext::new(
        "DA-S",
        Establishment::new(crate::siret::Siret::parse("73282932000074").unwrap(), "X"),
        r,
    ))
    .unwrap();
    let s = d
        .apply(
            DaEvent::submit(),
            Actor::Principal,
            datetime!(2022-03-20 10:00 +1),
        )
        .unwrap()
        .snapshot;
    let done = s.tick(datetime!(2022-04-05 00:00 +1)).unwrap().snapshot;
    assert_eq!(done.state(), DaState::PeriodEnded);
    let times: Vec<_> = done.history().iter().map(|h| h.at).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    assert_eq!(times.last(), Some(&datetime!(2022-04-05 00:00 +1)));
}

#[test]
fn the_end_of_the_calendar_is_refused_not_stuck() {
    let mut r = request(ymd("9999-12-01"), ymd("9999-12-31"));
    r.motive = Motive::DisasterOrWeather;
    let d = Snapshot::<DaMachine>::new(DaContext::new(
        "DA-9999",
        Establishment::new(crate::siret::Siret::parse("73282932000074").unwrap(), "X"),
        r,
    ))
    .unwrap();
    for now in [
        datetime!(9999-12-10 10:00 +1),
        datetime!(9999-12-31 23:00 -10),
        datetime!(9999-12-31 23:59:59 +14),
    ] {
        assert_eq!(
            code(d.apply(DaEvent::submit(), Actor::Principal, now)),
            "RULE_NOT_COVERED"
        );
        assert!(d.tick(now).is_ok());
    }
}

#[test]
fn linked_requests() {
    let explicit = submitted()
        .apply(
            authorise(),
            Actor::Administration,
            datetime!(2022-02-20 10:00 +1),
        )
        .unwrap()
        .snapshot;
    let next = request(ymd("2022-05-01"), ymd("2022-05-31"));
    let amend = DaContext::linked(
        "DA-1-A1",
        &explicit,
        LinkKind::Amends,
        next.clone(),
        datetime!(2022-04-30 12:00 +2),
    )
    .unwrap();
    assert_eq!(
        amend.link,
        Some(DaLink {
            kind: LinkKind::Amends,
            previous: "DA-1".into()
        })
    );
    assert_eq!(amend.establishment.name, "Boulangerie Martin");
    assert_eq!(
        DaContext::linked(
            "X",
            &explicit,
            LinkKind::Amends,
            next.clone(),
            datetime!(2022-05-01 00:00 +2)
        )
        .unwrap_err()
        .code(),
        "DA_NOT_AUTHORISED"
    );
    assert!(DaContext::linked("R", &explicit, LinkKind::Renews, next.clone(), FILED).is_ok());
    assert_eq!(
        DaContext::linked("R", &submitted(), LinkKind::Renews, next, FILED)
            .unwrap_err()
            .code(),
        "DA_NOT_AUTHORISED"
    );
}

#[test]
fn every_state_is_reachable_and_named() {
    for s in DaState::ALL {
        assert_eq!(DaState::from_name(s.name()), Some(*s));
        assert!(
            *s == DaState::Draft || DaMachine::table().iter().any(|r| r.to == *s),
            "{s} unreachable"
        );
    }
}

#[test]
fn events_are_tagged_json() {
    let e: DaEvent = serde_json::from_str(
        r#"{"type":"Authorise","number":"D-1","period":{"start":"2022-03-01","end":"2022-03-31"},"hours":"151.67"}"#,
    )
    .unwrap();
    assert_eq!(crate::machine::Event::name(&e), "Authorise");
    let e: DaEvent = serde_json::from_str(r#"{"type":"Submit"}"#).unwrap();
    assert_eq!(e, DaEvent::submit());
    assert!(
        serde_json::from_str::<DaEvent>(
            r#"{"type":"Authorise","number":"D","period":{"start":"2022-03-02","end":"2022-03-01"},"hours":"1"}"#
        )
        .is_err()
    );
}

/// A book whose decision delay is 30 days from 2022-01-01 (a caller's decree).
fn book_with_30_days() -> std::sync::Arc<crate::law::LawBook> {
    use crate::law::{LawBook, Param, Row, Value};
    let mut book = LawBook::builtin().unwrap();
    let row = Row::new(
        ymd("2022-01-01"),
        Value::Known(Decimal::from(30)),
        "test decree",
    );
    book.upsert_row(Param::DaDecisionDelayDays, row).unwrap();
    std::sync::Arc::new(book)
}

/// Issue 11.5: a caller's book reaches the DA's deadlines, by its context, by a snapshot read
/// back from JSON, and through the JSON machine; without it, the built-in 15 days.
#[test]
fn a_callers_law_book_sets_the_decision_delay() {
    let book = book_with_30_days();
    // Built-in: received 02-10, 15 days, accepted at 00:00 on 02-26.
    let builtin = submitted();
    assert_eq!(
        builtin.context().implicit_at,
        Some(datetime!(2022-02-26 00:00 +1))
    );
    // The caller's book: 30 days, accepted at 00:00 on 03-13.
    let own = Snapshot::<DaMachine>::new(draft().context().clone().with_law(book.clone()))
        .unwrap()
        .apply(DaEvent::submit(), Actor::Principal, FILED)
        .unwrap()
        .snapshot;
    assert_eq!(own.context().decision_delay_days, Some(30));
    assert_eq!(
        own.context().implicit_at,
        Some(datetime!(2022-03-13 00:00 +1))
    );
    // Read back from JSON, the book must be attached again.
    let stored = draft().to_json();
    let read = Snapshot::<DaMachine>::from_json(&stored).unwrap();
    let submit = |s: Snapshot<DaMachine>| {
        s.apply(DaEvent::submit(), Actor::Principal, FILED)
            .unwrap()
            .snapshot
            .context()
            .decision_delay_days
    };
    assert_eq!(submit(read.clone()), Some(15));
    assert_eq!(submit(read.with_law(book.clone())), Some(30));
    // Through JSON: the bound machine reads the book for every snapshot it is given.
    let event = serde_json::to_string(&DaEvent::submit()).unwrap();
    let delay = |m: &dyn crate::machine::DynMachine| {
        let step = m.apply(&stored, &event, Actor::Principal, FILED).unwrap();
        let snapshot = Snapshot::<DaMachine>::from_json(&step.snapshot).unwrap();
        snapshot.context().decision_delay_days
    };
    let bound = crate::procedure::machine_with_law("apart.da", book).unwrap();
    assert_eq!(delay(bound.as_ref()), Some(30));
    assert_eq!(delay(crate::machine::erase::<DaMachine>()), Some(15));
}

#[test]
fn a_state_edited_by_hand_is_refused_on_restore() {
    // A draft moved to `Submitted` in its JSON had no receipt and no deadline: restored, it
    // never fell to an authorisation by silence (user trial of 2026-12-07).
    let edit = |snapshot: &Snapshot<DaMachine>, state: &str| {
        let mut json: serde_json::Value = serde_json::from_str(&snapshot.to_json()).unwrap();
        json["state"] = state.into();
        Snapshot::<DaMachine>::from_value(json).map(|_| ())
    };
    for state in [
        "Submitted",
        "UnderReview",
        "AuthorisedImplicit",
        "Refused",
        "Withdrawn",
    ] {
        let err = edit(&draft(), state).unwrap_err();
        assert_eq!(err.code(), "SNAPSHOT_INCONSISTENT", "{state}");
    }
    // With a history, its last state must be the snapshot's too (checked before).
    assert_eq!(
        edit(&submitted(), "AuthorisedExplicit").unwrap_err().code(),
        "SNAPSHOT_INCONSISTENT"
    );
    // Every snapshot the machine itself writes restores.
    let decided = submitted()
        .apply(authorise(), Actor::Administration, FILED)
        .unwrap()
        .snapshot;
    assert!(Snapshot::<DaMachine>::from_json(&decided.to_json()).is_ok());
    assert_eq!(
        edit(&decided, "Submitted").unwrap_err().code(),
        "SNAPSHOT_INCONSISTENT"
    );
}

#[test]
fn a_domain_error_in_a_stored_context_keeps_its_code_and_language() {
    // Restored, a SIRET with a wrong key was SNAPSHOT_MALFORMED with a French message inside
    // the English one (user trial of 2026-12-07).
    let stored = draft()
        .to_json()
        .replace("73282932000074", "73282932000075");
    let err = Snapshot::<DaMachine>::from_json(&stored).unwrap_err();
    let record = crate::diagnostic::DiagnosticRecord::of(&err);
    assert_eq!(record.code, "SIRET_INVALID_KEY");
    assert_eq!(record.family.as_str(), "siret");
    assert!(
        !record.messages.en.contains("numéro"),
        "{}",
        record.messages.en
    );
    assert_eq!(
        record.detail("field").map(|v| v.to_string()).as_deref(),
        Some("context.establishment.siret")
    );
}

#[test]
fn an_employer_withdrawal_reason_is_a_reason_text() {
    // Python trial 2 (2026-12-07): 100,000 NUL characters and ANSI escapes were stored as the
    // employer's withdrawal reason, and such a snapshot restored.
    let withdraw = |reason: &str| DaEvent::Withdraw {
        reason: Some(reason.into()),
    };
    let err = submitted()
        .apply(withdraw("reprise\u{1b}[31m"), Actor::Principal, FILED)
        .unwrap_err();
    assert_eq!(err.code(), "REASON_INVALID");
    let long = "x".repeat(crate::procedure::MAX_REASON_CHARS + 1);
    let err = submitted()
        .apply(withdraw(&long), Actor::Principal, FILED)
        .unwrap_err();
    assert_eq!(err.code(), "REASON_INVALID");
    // A reason with line breaks, or none, is taken; edited to hold a NUL, it is not restored.
    let withdrawn = submitted()
        .apply(withdraw("reprise\nd'activité"), Actor::Principal, FILED)
        .unwrap()
        .snapshot;
    assert!(
        submitted()
            .apply(DaEvent::Withdraw { reason: None }, Actor::Principal, FILED)
            .is_ok()
    );
    let edited = withdrawn
        .to_json()
        .replace("reprise\\nd'activité", "reprise\\u0000");
    assert_ne!(edited, withdrawn.to_json());
    let err = Snapshot::<DaMachine>::from_json(&edited).unwrap_err();
    assert_eq!(err.code(), "SNAPSHOT_INCONSISTENT");
}
