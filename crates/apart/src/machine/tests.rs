//! Tests of the kit itself, on a small machine that uses every feature: guarded rows sharing an
//! event, actors, a timer, effects and a context.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime, macros::datetime};

use super::*;
use crate::diagnostic::{Diagnostic, Lang};

crate::machine::state_enum! {
    /// A request that is decided by the administration, or accepted by silence.
    pub enum Req { Draft, Sent, Accepted, Refused, Gone }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type")]
enum ReqEvent {
    Send { pages: u32 },
    Accept,
    Refuse { reason: String },
    Silence,
    Drop,
}

crate::machine::event_kinds! {
    /// The kinds of [`ReqEvent`].
    pub enum ReqEventKind for ReqEvent { Send, Accept, Refuse, Silence, Drop }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct ReqCtx {
    #[serde(default, with = "crate::calendar::serde::option_instant")]
    sent_at: Option<OffsetDateTime>,
    reason: Option<String>,
}

crate::machine::guard_enum! {
    /// The checks of the test machine.
    pub enum ReqGuard {
        /// The request has pages.
        HasPages = "has_pages",
        /// The 15-day deadline has not passed.
        BeforeDeadline = "before_deadline",
        /// A refusal gives its reason.
        Motivated = "motivated",
        /// The 15-day deadline has passed.
        DeadlineReached = "deadline_reached",
    }
}

struct ReqMachine;

const ADMIN: &[Actor] = &[Actor::Administration];

impl Machine for ReqMachine {
    const ID: &'static str = "test.req";
    const SCHEMA_VERSION: u32 = 2;
    type State = Req;
    type Event = ReqEvent;
    type Guard = ReqGuard;
    type Context = ReqCtx;
    type Effect = String;

    fn initial() -> Req {
        Req::Draft
    }

    fn table() -> &'static [Transition<Self>] {
        use ReqEventKind as E;
        const T: &[Transition<ReqMachine>] = &[
            Transition::new(Req::Draft, E::Send, Req::Sent)
                .guards(&[ReqGuard::HasPages])
                .actors(Actor::EMPLOYER_SIDE),
            Transition::new(Req::Draft, E::Drop, Req::Gone),
            Transition::new(Req::Sent, E::Accept, Req::Accepted)
                .guards(&[ReqGuard::BeforeDeadline])
                .actors(ADMIN),
            Transition::new(Req::Sent, E::Refuse, Req::Refused)
                .guards(&[ReqGuard::BeforeDeadline, ReqGuard::Motivated])
                .actors(ADMIN),
            Transition::new(Req::Sent, E::Silence, Req::Accepted)
                .guards(&[ReqGuard::DeadlineReached])
                .actors(&[Actor::System]),
        ];
        T
    }

    fn guard(
        guard: ReqGuard,
        snap: &Snapshot<Self>,
        event: Option<&ReqEvent>,
        now: OffsetDateTime,
    ) -> Result<(), Refusal> {
        let deadline = snap.context().sent_at.map(|t| t + Duration::days(15));
        match guard {
            ReqGuard::HasPages => match event {
                Some(ReqEvent::Send { pages: 0 }) => Err(Refusal::new(
                    crate::diagnostic::Family::Machine,
                    "NO_PAGES",
                    "aucune page",
                    "no pages",
                )),
                _ => Ok(()),
            },
            ReqGuard::BeforeDeadline => match deadline {
                Some(d) if now >= d => Err(Refusal::new(
                    crate::diagnostic::Family::Machine,
                    "TOO_LATE",
                    "trop tard",
                    "too late",
                )),
                _ => Ok(()),
            },
            ReqGuard::DeadlineReached => match deadline {
                Some(d) if now >= d => Ok(()),
                _ => Err(Refusal::new(
                    crate::diagnostic::Family::Machine,
                    "NOT_YET",
                    "pas encore",
                    "not yet",
                )),
            },
            ReqGuard::Motivated => match event {
                Some(ReqEvent::Refuse { reason }) if reason.trim().is_empty() => Err(Refusal::new(
                    crate::diagnostic::Family::Machine,
                    "REASON_REQUIRED",
                    "motif requis",
                    "reason required",
                )),
                _ => Ok(()),
            },
        }
    }

    fn act(
        row: &Transition<Self>,
        ctx: &mut ReqCtx,
        event: &ReqEvent,
        now: OffsetDateTime,
    ) -> Result<Vec<String>, Refusal> {
        match event {
            ReqEvent::Send { .. } => {
                ctx.sent_at = Some(now);
                Ok(vec!["schedule".into()])
            }
            ReqEvent::Refuse { reason } => {
                ctx.reason = Some(reason.clone());
                Ok(vec!["notify".into()])
            }
            _ => Ok(vec![format!("entered {}", row.to)]),
        }
    }

    fn timer(snap: &Snapshot<Self>) -> Option<(OffsetDateTime, ReqEvent)> {
        match snap.state() {
            Req::Sent => snap
                .context()
                .sent_at
                .map(|t| (t + Duration::days(15), ReqEvent::Silence)),
            _ => None,
        }
    }

    fn migrate(from: u32, mut ctx: serde_json::Value) -> Result<serde_json::Value, SnapshotError> {
        match from {
            // Version 1 called the reason `motive`.
            1 => {
                if let Some(obj) = ctx.as_object_mut() {
                    if let Some(m) = obj.remove("motive") {
                        obj.insert("reason".into(), m);
                    }
                }
                Ok(ctx)
            }
            _ => Err(SnapshotError::VersionUnsupported {
                machine: Self::ID,
                found: from,
                supported: Self::SCHEMA_VERSION,
            }),
        }
    }
}

const T0: OffsetDateTime = datetime!(2026-01-05 09:00 UTC);

fn sent() -> Snapshot<ReqMachine> {
    Snapshot::<ReqMachine>::new(ReqCtx::default())
        .unwrap()
        .apply(ReqEvent::Send { pages: 3 }, Actor::Principal, T0)
        .unwrap()
        .snapshot
}

#[test]
fn apply_moves_along_the_table_and_records_history() {
    let s = sent();
    assert_eq!(s.state(), Req::Sent);
    assert_eq!(s.version(), 1);
    assert_eq!(s.history().len(), 1);
    assert_eq!(s.history()[0].event, "Send");
    assert_eq!(s.history()[0].from, "Draft");
    assert_eq!(s.history()[0].to, "Sent");
    assert_eq!(s.history()[0].actor, Actor::Principal);
    assert_eq!(s.context().sent_at, Some(T0));
}

#[test]
fn a_guard_on_event_data_refuses_with_its_own_code() {
    let s = Snapshot::<ReqMachine>::new(ReqCtx::default()).unwrap();
    let err = s
        .apply(ReqEvent::Send { pages: 0 }, Actor::Principal, T0)
        .unwrap_err();
    assert_eq!(err.code(), "NO_PAGES");
    assert!(err.details().contains(&("guard", "has_pages".into())));
    // `allowed_events` cannot see the data, so it offers the event; `can` agrees with apply.
    assert_eq!(s.allowed_events(Actor::Principal, T0), vec!["Send", "Drop"]);
    assert_eq!(
        s.can(&ReqEvent::Send { pages: 0 }, Actor::Principal, T0)
            .unwrap_err(),
        err
    );
    assert!(
        s.can(&ReqEvent::Send { pages: 1 }, Actor::Principal, T0)
            .is_ok()
    );
}

#[test]
fn unknown_event_names_state_event_and_the_allowed_ones() {
    let err = sent()
        .apply(ReqEvent::Drop, Actor::Administration, T0)
        .unwrap_err();
    assert_eq!(err.code(), "INVALID_TRANSITION");
    assert_eq!(
        err,
        TransitionError::InvalidTransition {
            machine: "test.req",
            from: "Sent",
            event: "Drop",
            allowed: vec!["Accept", "Refuse", "Silence"],
        }
    );
    assert!(err.to_string().contains("`Drop`"));
    assert!(
        err.message(Lang::En)
            .contains("possible: Accept, Refuse, Silence")
    );
}

#[test]
fn actors_are_checked() {
    let err = sent()
        .apply(ReqEvent::Accept, Actor::Principal, T0)
        .unwrap_err();
    assert_eq!(err.code(), "FORBIDDEN_ACTOR");
    assert_eq!(
        sent().allowed_events(Actor::Principal, T0),
        Vec::<&str>::new()
    );
    assert_eq!(
        sent().allowed_events(Actor::Administration, T0),
        vec!["Accept", "Refuse"]
    );
}

#[test]
fn terminal_states_refuse_everything() {
    let accepted = sent()
        .apply(ReqEvent::Accept, Actor::Administration, T0)
        .unwrap()
        .snapshot;
    assert!(accepted.is_terminal());
    let err = accepted
        .apply(ReqEvent::Accept, Actor::Administration, T0)
        .unwrap_err();
    assert_eq!(err.code(), "TERMINAL_STATE");
    assert_eq!(accepted.next_deadline(), None);
}

#[test]
fn several_guards_all_apply() {
    let err = sent()
        .apply(
            ReqEvent::Refuse { reason: " ".into() },
            Actor::Administration,
            T0,
        )
        .unwrap_err();
    assert_eq!(err.code(), "REASON_REQUIRED");
    let late = T0 + Duration::days(15);
    let err = sent()
        .apply(
            ReqEvent::Refuse {
                reason: "non".into(),
            },
            Actor::Administration,
            late,
        )
        .unwrap_err();
    assert_eq!(err.code(), "TOO_LATE");
}

#[test]
fn tick_fires_the_timer_exactly_at_its_deadline() {
    let s = sent();
    let due = T0 + Duration::days(15);
    assert_eq!(s.next_deadline(), Some(due));
    let before = s.tick(due - Duration::milliseconds(1)).unwrap();
    assert_eq!(before.snapshot, s);
    assert!(before.effects.is_empty());
    let at = s.tick(due).unwrap();
    assert_eq!(at.snapshot.state(), Req::Accepted);
    assert_eq!(at.effects, vec!["entered Accepted".to_string()]);
    let last = at.snapshot.history().last().unwrap();
    assert_eq!((last.actor, last.at), (Actor::System, due));
    // Long after, the transition is still dated at its deadline.
    let later = s.tick(due + Duration::days(40)).unwrap();
    assert_eq!(later.snapshot.history().last().unwrap().at, due);
}

#[test]
fn stale_snapshots_are_refused() {
    let err = sent()
        .apply_expecting(0, ReqEvent::Accept, Actor::Administration, T0)
        .unwrap_err();
    assert_eq!(err.code(), "STALE_SNAPSHOT");
    assert!(
        sent()
            .apply_expecting(1, ReqEvent::Accept, Actor::Administration, T0)
            .is_ok()
    );
}

#[test]
fn snapshots_round_trip_through_json() {
    let s = sent()
        .apply(
            ReqEvent::Refuse {
                reason: "dossier incomplet".into(),
            },
            Actor::Administration,
            T0,
        )
        .unwrap()
        .snapshot;
    let json = s.to_json();
    let back = Snapshot::<ReqMachine>::from_json(&json).unwrap();
    assert_eq!(back, s);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["machine"], "test.req");
    assert_eq!(v["schema_version"], 2);
    assert_eq!(v["state"], "Refused");
    assert_eq!(v["version"], 2);
    assert_eq!(v["history"][1]["at"], "2026-01-05T09:00:00Z");
}

#[test]
fn bad_snapshots_get_clear_errors() {
    let good: serde_json::Value = serde_json::from_str(&sent().to_json()).unwrap();
    let with = |key: &str, val: serde_json::Value| {
        let mut v = good.clone();
        v[key] = val;
        Snapshot::<ReqMachine>::from_value(v).unwrap_err()
    };
    assert_eq!(
        with("machine", "apart.di".into()).code(),
        "SNAPSHOT_WRONG_MACHINE"
    );
    assert_eq!(
        with("schema_version", 3.into()).code(),
        "SNAPSHOT_VERSION_UNSUPPORTED"
    );
    assert_eq!(
        with("schema_version", 0.into()).code(),
        "SNAPSHOT_VERSION_UNSUPPORTED"
    );
    let err = with("state", "reviewing".into());
    assert_eq!(err.code(), "SNAPSHOT_UNKNOWN_STATE");
    assert!(
        err.message(Lang::En)
            .contains("state `reviewing`, which does not exist on machine `test.req`")
    );
    // What the reader refused is typed and said in French too: not JSON, then a context of the
    // wrong type (its path named).
    let err = Snapshot::<ReqMachine>::from_json("{").unwrap_err();
    assert_eq!(err.code(), "SNAPSHOT_MALFORMED");
    let record = crate::diagnostic::DiagnosticRecord::of(&err);
    assert_eq!(
        record.detail("cause").unwrap().to_string(),
        "INPUT_MALFORMED"
    );
    assert_eq!(
        err.message(Lang::Fr),
        "instantané `test.req` illisible : donnée illisible : texte JSON interrompu dans un objet \
         (ligne 1, colonne 1)"
    );
    let err = with("context", 5.into());
    assert_eq!(err.code(), "SNAPSHOT_MALFORMED");
    let record = crate::diagnostic::DiagnosticRecord::of(&err);
    assert_eq!(
        record.detail("cause").unwrap().to_string(),
        "INPUT_WRONG_TYPE"
    );
    assert_eq!(record.detail("field").unwrap().to_string(), "context");
}

#[test]
fn the_text_and_the_value_paths_read_the_same_snapshots() {
    let s = sent();
    let json = s.to_json();
    // Written in the order of the documented fields, as a struct serialises.
    assert!(
        json.starts_with(r#"{"machine":"test.req","schema_version":2,"state":"Sent","context":"#)
    );
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        Snapshot::<ReqMachine>::from_value(value.clone()).unwrap(),
        s
    );
    assert_eq!(Snapshot::<ReqMachine>::from_json(&json).unwrap(), s);
    // A key given twice in the context: the value path keeps the last one, and so does the text
    // (the direct read refuses the duplicate and the text takes the value path).
    let twice = json.replace(
        r#""context":{"#,
        r#""context":{"reason":"first","reason":null,"#,
    );
    assert_ne!(twice, json);
    assert_eq!(Snapshot::<ReqMachine>::from_json(&twice).unwrap(), s);
    // Escapes and reordered keys read the same.
    let escaped = json.replace(r#""state":"Sent""#, r#""state":"S\u0065nt""#);
    assert_ne!(escaped, json);
    assert_eq!(Snapshot::<ReqMachine>::from_json(&escaped).unwrap(), s);
    assert_eq!(
        Snapshot::<ReqMachine>::from_json(&serde_json::to_string(&value).unwrap()).unwrap(),
        s
    );
    // A refusal is worded by the value path: the same error whichever way the text came.
    let wrong = json.replace(r#""state":"Sent""#, r#""state":"Lost""#);
    let by_text = Snapshot::<ReqMachine>::from_json(&wrong).unwrap_err();
    let by_value =
        Snapshot::<ReqMachine>::from_value(serde_json::from_str(&wrong).unwrap()).unwrap_err();
    assert_eq!(by_text, by_value);
    assert_eq!(by_text.code(), "SNAPSHOT_UNKNOWN_STATE");
}

#[test]
fn older_schema_versions_are_migrated() {
    let v1 = serde_json::json!({
        "machine": "test.req", "schema_version": 1, "state": "Refused",
        "context": {"sent_at": null, "motive": "ancien"}, "version": 0, "history": []
    });
    let s = Snapshot::<ReqMachine>::from_value(v1).unwrap();
    assert_eq!(s.context().reason.as_deref(), Some("ancien"));
}

#[test]
fn diagrams_are_drawn_from_the_table() {
    let m = mermaid::<ReqMachine>();
    assert_eq!(
        m,
        "stateDiagram-v2\n    [*] --> Draft\n    Draft --> Sent: Send [has_pages] / principal, member, accountant\n    Draft --> Gone: Drop\n    Sent --> Accepted: Accept [before_deadline] / administration\n    Sent --> Refused: Refuse [before_deadline, motivated] / administration\n    Sent --> Accepted: Silence [deadline_reached] / system\n    Accepted --> [*]\n    Refused --> [*]\n    Gone --> [*]\n"
    );
    let d = dot::<ReqMachine>();
    assert!(d.starts_with("digraph \"test.req\" {"));
    assert!(
        d.contains("\"Sent\" -> \"Accepted\" [label=\"Silence [deadline_reached] / system\"];")
    );
    assert!(d.contains("\"Gone\" [shape=doublecircle];"));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn any_event() -> impl Strategy<Value = ReqEvent> {
        prop_oneof![
            (0u32..3).prop_map(|pages| ReqEvent::Send { pages }),
            Just(ReqEvent::Accept),
            "[a-z ]{0,3}".prop_map(|reason| ReqEvent::Refuse { reason }),
            Just(ReqEvent::Silence),
            Just(ReqEvent::Drop),
        ]
    }

    fn any_actor() -> impl Strategy<Value = Actor> {
        proptest::sample::select(Actor::ALL.to_vec())
    }

    proptest! {
        /// Whatever the sequence: no panic, `can` agrees with `apply`, versions count the
        /// transitions taken, every snapshot round-trips through JSON, and its length is
        /// within the bound `apply` uses to skip counting it.
        #[test]
        fn random_sequences(events in proptest::collection::vec((any_event(), any_actor(), 0i64..40), 0..12)) {
            let mut s = Snapshot::<ReqMachine>::new(ReqCtx::default()).unwrap();
            let mut taken = 0u64;
            for (event, actor, days) in events {
                let now = T0 + Duration::days(days);
                let can = s.can(&event, actor, now);
                match s.apply(event, actor, now) {
                    Ok(step) => {
                        prop_assert!(can.is_ok());
                        s = step.snapshot;
                        taken += 1;
                    }
                    Err(e) => prop_assert_eq!(can.unwrap_err(), e),
                }
                let ticked = s.tick(now).unwrap();
                taken += ticked.snapshot.version() - s.version();
                s = ticked.snapshot;
                prop_assert_eq!(s.version(), taken);
                prop_assert_eq!(s.history().len() as u64, taken);
                prop_assert_eq!(Snapshot::<ReqMachine>::from_json(&s.to_json()).unwrap(), s.clone());
                // The bound that spares a transition the writing of the whole snapshot holds.
                let context = serde_json::to_string(s.context()).unwrap().len();
                prop_assert!(s.bytes_besides_context() + context >= s.to_json().len());
            }
        }
    }
}

mod dynamic {
    use super::*;

    #[test]
    fn a_machine_is_driven_through_json() {
        let m = erase::<ReqMachine>();
        assert_eq!(m.id(), "test.req");
        assert_eq!(m.initial_state(), "Draft");
        assert_eq!(
            m.states(),
            vec!["Draft", "Sent", "Accepted", "Refused", "Gone"]
        );
        assert_eq!(
            m.events(),
            vec!["Send", "Drop", "Accept", "Refuse", "Silence"]
        );
        assert_eq!(m.is_terminal_state("Gone"), Some(true));
        assert_eq!(m.is_terminal_state("Sent"), Some(false));
        assert_eq!(m.is_terminal_state("Nowhere"), None);

        let s0 = m
            .new_snapshot(r#"{"sent_at": null, "reason": null}"#)
            .unwrap();
        assert_eq!(m.state_of(&s0).unwrap(), "Draft");
        let step = m
            .apply(&s0, r#"{"type":"Send","pages":2}"#, Actor::Member, T0)
            .unwrap();
        assert_eq!(step.effects, r#"["schedule"]"#);
        assert_eq!(m.state_of(&step.snapshot).unwrap(), "Sent");
        assert_eq!(
            m.allowed_events(&step.snapshot, Actor::Administration, T0)
                .unwrap(),
            vec!["Accept", "Refuse"]
        );
        assert_eq!(
            m.next_deadline(&step.snapshot).unwrap(),
            Some(T0 + Duration::days(15))
        );
        let ticked = m.tick(&step.snapshot, T0 + Duration::days(20)).unwrap();
        assert_eq!(m.state_of(&ticked.snapshot).unwrap(), "Accepted");
        assert_eq!(m.restore(&ticked.snapshot).unwrap(), ticked.snapshot);
        assert!(m.mermaid().starts_with("stateDiagram-v2\n"));
        assert!(m.dot().starts_with("digraph"));
    }

    #[test]
    fn bad_json_is_a_domain_error() {
        let m = erase::<ReqMachine>();
        let s0 = m.new_snapshot(r#"{}"#).unwrap();
        let err = m
            .apply(&s0, r#"{"type":"Explode"}"#, Actor::Member, T0)
            .unwrap_err();
        assert_eq!(err.code(), "MACHINE_INPUT_MALFORMED");
        assert!(
            err.message(Lang::En)
                .starts_with("not a valid `test.req` event")
        );
        assert!(
            err.message(Lang::Fr).starts_with(
                "événement `test.req` illisible : valeur inconnue pour « type » : « Explode »"
            ),
            "{}",
            err.message(Lang::Fr)
        );
        assert_eq!(
            m.new_snapshot("[").unwrap_err().code(),
            "MACHINE_INPUT_MALFORMED"
        );
        assert_eq!(m.state_of("{}").unwrap_err().code(), "SNAPSHOT_MALFORMED");
        let err = m
            .can(&s0, r#"{"type":"Send","pages":0}"#, Actor::Member, T0)
            .unwrap_err();
        assert_eq!(err.code(), "NO_PAGES");
    }
}

/// Registries of machines are built in const context (see `apart::machines`).
#[test]
fn erased_machines_fit_in_a_const_list() {
    const ALL: &[&dyn DynMachine] = &[erase::<ReqMachine>()];
    assert_eq!(
        ALL.iter().map(|m| m.id()).collect::<Vec<_>>(),
        vec!["test.req"]
    );
}

/// Every guard a machine declares is required by some row of its table, under one name of its
/// own in snake case (the name errors and diagrams show); every kind of event is named by some
/// row (an event no row takes could never be applied).
#[test]
fn every_declared_guard_and_event_is_in_the_table() {
    fn check<M: Machine>() {
        let kinds = <<M::Event as Event>::Kind as EventKind>::ALL;
        for kind in kinds {
            assert!(
                M::table().iter().any(|row| row.event == *kind),
                "{}: no row takes {}",
                M::ID,
                kind.name()
            );
        }
        let declared: Vec<&str> = <M::Guard as Guard>::ALL.iter().map(|g| g.name()).collect();
        let distinct: std::collections::BTreeSet<&str> = declared.iter().copied().collect();
        assert_eq!(distinct.len(), declared.len(), "{}: a name twice", M::ID);
        let required: std::collections::BTreeSet<&str> = M::table()
            .iter()
            .flat_map(|row| row.guards.iter().map(|g| g.name()))
            .collect();
        assert_eq!(required, distinct, "{}: a guard no row requires", M::ID);
        for name in declared {
            assert!(
                name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{}: {name}",
                M::ID
            );
        }
    }
    check::<ReqMachine>();
    check::<crate::account::OnboardingMachine>();
    check::<crate::account::CredentialMachine>();
    check::<crate::account::HabilitationMachine>();
    check::<crate::account::MandateMachine>();
    check::<crate::recovery::TokenMachine>();
    check::<crate::procedure::da::DaMachine>();
    check::<crate::procedure::di::DiMachine>();
    check::<crate::procedure::assistance::AssistanceMachine>();
}
