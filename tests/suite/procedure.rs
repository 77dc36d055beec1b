//! The procedure: scenario vectors (`tests/vectors/procedure.json`), the Mermaid diagrams'
//! drift test, property tests, and the recap rendered to HTML.
//!
//! # Vector format
//!
//! `procedure.json` is `{"format": …, "cases": [case…]}`. A case is
//! `{"id", "source", "da"?: <DaContext JSON>, "assistance"?: <AssistanceContext JSON>,
//! "steps": [step…]}`: it starts with one DA in `Draft` built from `da` (if given), one
//! assistance request in `Draft` built from `assistance` (if given), and no DI. Each step names
//! its `machine` (`"da"`, `"di"` or `"assistance"`), a `now` (RFC 3339, with the offset that
//! gives the establishment's local date) and one of:
//!
//! * `"event": {"type": …, …}` with `"actor"` (`principal`, `member`, `accountant`,
//!   `administration`, `asp`, `system`, `visitor`): sent with `Snapshot::apply`;
//! * `"tick": true`: `Snapshot::tick(now)`;
//! * `"create": {"code": "…", "month": "YYYY-MM"}` (machine `di`): `DiMachine::create` from the
//!   case's current DA, the case's current DI (if any) being the existing DIs;
//! * `"recap": "<kind>"` (`da_submitted`, `da_decision`, `di_submitted`, `di_validated`):
//!   builds the recap of the machine's current snapshot.
//!
//! `expect` holds `error` (the expected code; the snapshot is then unchanged) or `state` (the
//! state after the step; for a recap, the state shown), and optionally `effects` (the effects'
//! `type` tags, in order) and `context` (a map from JSON pointers into the snapshot's context
//! to expected values). A successful step replaces the machine's current snapshot.
//!
//! The runner also checks that the vectors, taken together, take **every row** of the DA, DI
//! and assistance tables at least once and have **every row's event refused** at least once
//! in that row's state.

use apart::Diagnostic;
use apart::calendar::Month;
use apart::machine::{Actor, Event, EventKind, Machine, Snapshot, State};
use apart::procedure::DiCode;
use apart::procedure::RecapKind;
use apart::procedure::assistance::{AssistanceContext, AssistanceEvent, AssistanceMachine};
use apart::procedure::da::{DaContext, DaEvent, DaMachine};
use apart::procedure::di::{DiEvent, DiMachine};
use apart::procedure::recap::Recap;
use serde_json::Value;
use std::collections::BTreeSet;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

fn load() -> Value {
    let path = apart_tests::vectors_dir().join("procedure.json");
    let text = std::fs::read_to_string(&path).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// `(machine, from state, event)` triples seen taken and seen refused.
#[derive(Default)]
struct Coverage {
    taken: BTreeSet<(String, String, String)>,
    refused: BTreeSet<(String, String, String)>,
}

impl Coverage {
    fn missing<M: Machine>(&self) -> Vec<String> {
        let mut missing = Vec::new();
        for row in M::table() {
            let key = (
                M::ID.to_owned(),
                row.from.name().to_owned(),
                row.event.name().to_owned(),
            );
            if !self.taken.contains(&key) {
                missing.push(format!("{} {} --{}--> never taken", M::ID, key.1, key.2));
            }
            if !self.refused.contains(&key) {
                missing.push(format!("{} {} --{}--> never refused", M::ID, key.1, key.2));
            }
        }
        missing
    }
}

struct Case {
    id: String,
    da: Option<Snapshot<DaMachine>>,
    di: Option<Snapshot<DiMachine>>,
    assistance: Option<Snapshot<AssistanceMachine>>,
}

/// The outcome of one step: the new state and effect tags, or an error code.
enum Outcome {
    Ok {
        state: String,
        effects: Vec<String>,
        context: Value,
    },
    Err(String),
}

fn tags<E: serde::Serialize>(effects: &[E]) -> Vec<String> {
    effects
        .iter()
        .map(|e| {
            serde_json::to_value(e).unwrap()["type"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

/// Every effect a transition returns reads back as it was written (a caller's outbox).
fn read_back<E: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(
    effects: &[E],
) {
    for effect in effects {
        let json = serde_json::to_string(effect).unwrap();
        let back: E = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
        assert_eq!(&back, effect, "{json}");
    }
}

fn ok<M: Machine>(snap: &Snapshot<M>, state: String, effects: Vec<String>) -> Outcome {
    Outcome::Ok {
        state,
        effects,
        context: snap.to_value()["context"].clone(),
    }
}

/// Sends the step's event (or tick) to `slot`, recording coverage.
fn drive<M: Machine>(
    slot: &mut Option<Snapshot<M>>,
    step: &Value,
    now: OffsetDateTime,
    coverage: &mut Coverage,
) -> Outcome {
    let snap = slot
        .as_ref()
        .expect("no snapshot for this machine in the case");
    let result = if step.get("tick").is_some() {
        snap.tick(now)
    } else {
        let event: M::Event = serde_json::from_value(step["event"].clone())
            .unwrap_or_else(|e| panic!("bad event {}: {e}", step["event"]));
        let actor = step["actor"].as_str().unwrap().parse::<Actor>().unwrap();
        let name = event.name().to_owned();
        let from = snap.state().name().to_owned();
        let result = snap.apply(event, actor, now);
        if result.is_err() {
            coverage.refused.insert((M::ID.to_owned(), from, name));
        }
        result
    };
    match result {
        Ok(step) => {
            let before = snap.history().len();
            for h in step.snapshot.history().iter().skip(before) {
                coverage
                    .taken
                    .insert((M::ID.to_owned(), h.from.clone(), h.event.clone()));
            }
            read_back(&step.effects);
            let outcome = ok(
                &step.snapshot,
                step.snapshot.state().name().to_owned(),
                tags(&step.effects),
            );
            *slot = Some(step.snapshot);
            outcome
        }
        Err(e) => Outcome::Err(e.code().to_owned()),
    }
}

fn recap_kind(name: &str) -> RecapKind {
    serde_json::from_value(Value::String(name.to_owned())).unwrap()
}

fn recap_outcome<M: Machine>(
    snap: &Snapshot<M>,
    recap: Result<Recap, apart::procedure::ProcedureError>,
) -> Outcome {
    match recap {
        Ok(r) => {
            let stored = serde_json::to_string(&r).unwrap();
            assert_eq!(
                serde_json::from_str::<Recap>(&stored).unwrap(),
                r,
                "{stored}"
            );
            ok(snap, r.content().state.clone(), vec![])
        }
        Err(e) => Outcome::Err(e.code().to_owned()),
    }
}

fn run_step(case: &mut Case, step: &Value, coverage: &mut Coverage) -> Outcome {
    let now = OffsetDateTime::parse(
        step["now"].as_str().unwrap_or("2000-01-01T00:00:00Z"),
        &Rfc3339,
    )
    .unwrap();
    match step["machine"].as_str().unwrap() {
        "da" => match step.get("recap") {
            Some(kind) => {
                let da = case.da.as_ref().unwrap();
                recap_outcome(da, Recap::of_da(da, recap_kind(kind.as_str().unwrap())))
            }
            None => drive(&mut case.da, step, now, coverage),
        },
        "di" => {
            if let Some(create) = step.get("create") {
                let code = match DiCode::parse(create["code"].as_str().unwrap()) {
                    Ok(c) => c,
                    Err(e) => return Outcome::Err(e.code().to_owned()),
                };
                let month: Month = create["month"].as_str().unwrap().parse().unwrap();
                let existing: Vec<_> = case.di.iter().cloned().collect();
                let da = case.da.as_ref().unwrap();
                return match DiMachine::create(da, code, month, &existing, now) {
                    Ok(di) => {
                        let outcome = ok(&di, di.state().name().to_owned(), vec![]);
                        case.di = Some(di);
                        outcome
                    }
                    Err(e) => Outcome::Err(e.code().to_owned()),
                };
            }
            match step.get("recap") {
                Some(kind) => {
                    let di = case
                        .di
                        .as_ref()
                        .unwrap_or_else(|| panic!("{}: no DI yet", case.id));
                    recap_outcome(
                        di,
                        Recap::of_di(di, recap_kind(kind.as_str().unwrap()), None),
                    )
                }
                None => drive(&mut case.di, step, now, coverage),
            }
        }
        "assistance" => drive(&mut case.assistance, step, now, coverage),
        other => panic!("unknown machine {other}"),
    }
}

fn run_vectors() -> Coverage {
    let doc = load();
    let cases = doc["cases"].as_array().unwrap();
    let mut coverage = Coverage::default();
    let mut ids = BTreeSet::new();
    for c in cases {
        let id = c["id"].as_str().unwrap().to_owned();
        assert!(ids.insert(id.clone()), "duplicate id {id}");
        assert!(!c["source"].as_str().unwrap().is_empty(), "{id}: no source");
        let da = c.get("da").map(|v| {
            let ctx: DaContext = serde_json::from_value(v.clone())
                .unwrap_or_else(|e| panic!("{id}: bad da context: {e}"));
            Snapshot::new(ctx).unwrap()
        });
        let assistance = c.get("assistance").map(|v| {
            let ctx: AssistanceContext = serde_json::from_value(v.clone())
                .unwrap_or_else(|e| panic!("{id}: bad assistance context: {e}"));
            Snapshot::new(ctx).unwrap()
        });
        let mut case = Case {
            id: id.clone(),
            da,
            di: None,
            assistance,
        };
        for (i, step) in c["steps"].as_array().unwrap().iter().enumerate() {
            let expect = &step["expect"];
            let at = format!("{id} step {i}");
            match (
                run_step(&mut case, step, &mut coverage),
                expect.get("error"),
            ) {
                (Outcome::Err(code), Some(want)) => {
                    assert_eq!(code, want.as_str().unwrap(), "{at}")
                }
                (Outcome::Err(code), None) => panic!("{at}: unexpected error {code}"),
                (Outcome::Ok { state, .. }, Some(want)) => {
                    panic!("{at}: expected error {want}, got state {state}")
                }
                (
                    Outcome::Ok {
                        state,
                        effects,
                        context,
                    },
                    None,
                ) => {
                    assert_eq!(state, expect["state"].as_str().unwrap(), "{at}");
                    if let Some(want) = expect.get("effects") {
                        let want: Vec<String> = serde_json::from_value(want.clone()).unwrap();
                        assert_eq!(effects, want, "{at}: effects");
                    }
                    if let Some(map) = expect.get("context").and_then(Value::as_object) {
                        for (pointer, want) in map {
                            assert_eq!(
                                context.pointer(pointer),
                                Some(want),
                                "{at}: context {pointer}"
                            );
                        }
                    }
                }
            }
        }
    }
    coverage
}

#[test]
fn vectors() {
    run_vectors();
}

/// Taken together, the vectors take every row of every table, and see every row's event
/// refused in that row's state (wrong actor, failed guard or invalid data).
#[test]
fn vectors_cover_every_transition_accepted_and_refused() {
    let coverage = run_vectors();
    let mut missing = coverage.missing::<DaMachine>();
    missing.extend(coverage.missing::<DiMachine>());
    missing.extend(coverage.missing::<AssistanceMachine>());
    assert!(
        missing.is_empty(),
        "{} gaps:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

/// The events in the vectors are the library's own JSON: they parse and keep their `type`.
#[test]
fn vector_events_round_trip() {
    let doc = load();
    for c in doc["cases"].as_array().unwrap() {
        for step in c["steps"].as_array().unwrap() {
            let Some(event) = step.get("event") else {
                continue;
            };
            let round = match step["machine"].as_str().unwrap() {
                "da" => {
                    serde_json::to_value(serde_json::from_value::<DaEvent>(event.clone()).unwrap())
                }
                "di" => {
                    serde_json::to_value(serde_json::from_value::<DiEvent>(event.clone()).unwrap())
                }
                _ => serde_json::to_value(
                    serde_json::from_value::<AssistanceEvent>(event.clone()).unwrap(),
                ),
            }
            .unwrap();
            assert_eq!(round["type"], event["type"]);
        }
    }
}

/// The diagrams in `docs/machines/` are generated, in the same layout as the account machines'
/// (tests/suite/lifecycle.rs). Regenerate them with `APART_BLESS=1 cargo test -p apart-tests procedure`.
mod diagrams {
    use super::*;
    use apart::procedure::assistance::AssistanceMachine;

    fn check<M: Machine>(name: &str, intro: &str) {
        let path = apart_tests::vectors_dir()
            .join("../../docs/machines")
            .join(format!("{name}.md"));
        let expected = format!(
            "# {name}\n\n{intro}\n\nGenerated from the transition table by `apart::machine::mermaid`; edges read \
             `Event [guards] / actors`. Do not edit: regenerate with `APART_BLESS=1 cargo test -p apart-tests procedure`.\n\n```mermaid\n{}```\n",
            apart::machine::mermaid::<M>()
        );
        if std::env::var("APART_BLESS").is_ok_and(|v| v == "1") {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &expected).unwrap();
        }
        let found = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            found,
            expected,
            "{} is stale: regenerate with APART_BLESS=1",
            path.display()
        );
    }

    #[test]
    fn da_diagram_is_current() {
        check::<DaMachine>(
            "da",
            "Machine G: the authorisation request, DA (`apart::procedure::da::DaMachine`, spec lifecycle.md §3.2, §10 Q8 and Q16). Timed events (`ImplicitAcceptance`, `PeriodEnd`, `ClaimsClose`) are sent by `tick`.",
        );
    }

    #[test]
    fn di_diagram_is_current() {
        check::<DiMachine>(
            "di",
            "Machine H: the monthly claim, DI (`apart::procedure::di::DiMachine`, spec lifecycle.md §3.3, §10 Q15); states are the extranet's statuses (CASD codes in `DiState::extranet_code`).",
        );
    }

    #[test]
    fn assistance_diagram_is_current() {
        check::<AssistanceMachine>(
            "assistance",
            "Machine F: the assistance request (`apart::procedure::assistance::AssistanceMachine`, spec lifecycle.md §4.8).",
        );
    }
}

/// The dated rules' answers read back as written, on the first of every month from 2020-03 to
/// 2026-12, and a quota use with a negative remainder.
#[test]
fn rules_records_read_back() {
    use apart::procedure::di::QuotaUse;
    use apart::procedure::rules::{AnnualQuota, DurationLimit, annual_quota, max_duration};
    fn read_back<
        T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
    >(
        value: &T,
    ) {
        let json = serde_json::to_string(value).unwrap();
        assert_eq!(&serde_json::from_str::<T>(&json).unwrap(), value, "{json}");
    }
    let book = apart::law::LawBook::shared().unwrap();
    let mut cumulative = 0;
    for year in 2020..=2026 {
        read_back::<AnnualQuota>(&annual_quota(book, year).unwrap());
        for month in 1..=12u8 {
            let Ok(day) = time::Date::from_calendar_date(year, month.try_into().unwrap(), 1) else {
                continue;
            };
            if let Ok(limit) = max_duration(book, day) {
                cumulative += usize::from(limit.cumulative.is_some());
                read_back::<DurationLimit>(&limit);
            }
        }
    }
    assert!(
        cumulative > 12,
        "the cumulative limit was read back {cumulative} times"
    );
    read_back(&QuotaUse {
        nir_masked: "18502".into(),
        used: "1012.50".parse().unwrap(),
        quota: "1000".parse().unwrap(),
        remaining: "-12.50".parse().unwrap(),
    });
    let unknown = r#"{"hours":1000,"works_hours":100,"hour":1}"#;
    assert!(serde_json::from_str::<AnnualQuota>(unknown).is_err());
}

/// A date from its ISO form (rustfmt would space out `date!(2022-03-01)`).
fn ymd(iso: &str) -> time::Date {
    time::Date::parse(iso, &time::format_description::well_known::Iso8601::DATE).unwrap()
}

/// The DA most scenarios start from: March–May 2022, 2 employees, 300 h, submitted on
/// 2022-02-10 and authorised by silence on 2022-02-26.
fn authorised_da(
    reference: &str,
    establishment: apart::procedure::Establishment,
) -> Snapshot<DaMachine> {
    let request = apart::procedure::da::DaRequest::new(
        apart::procedure::Motive::EconomicConditions,
        apart::procedure::Period::new(ymd("2022-03-01"), ymd("2022-05-31")).unwrap(),
        2,
        rust_decimal::Decimal::from(300),
    );
    Snapshot::<DaMachine>::new(DaContext::new(reference, establishment, request))
        .unwrap()
        .apply(
            DaEvent::submit(),
            Actor::Principal,
            time::macros::datetime!(2022-02-10 10:00 +1),
        )
        .unwrap()
        .snapshot
        .tick(time::macros::datetime!(2022-02-26 00:00 +1))
        .unwrap()
        .snapshot
}

mod recap_html {
    use super::*;
    use apart::procedure::Establishment;
    use apart::procedure::di::{DiLine, Rejection};
    use apart::procedure::recap::RecapAmounts;
    use rust_decimal::Decimal;
    use time::macros::datetime;

    pub(super) fn sample() -> (Snapshot<DaMachine>, Snapshot<DiMachine>) {
        paid_di()
    }

    fn paid_di() -> (Snapshot<DaMachine>, Snapshot<DiMachine>) {
        let mut est = Establishment::new(
            apart::siret::Siret::parse("73282932000074").unwrap(),
            "Boulangerie <Martin> & Fils",
        );
        est.address = Some("12 rue de la \"Paix\", 75002 Paris".into());
        let da = authorised_da("DA-<1>", est);
        let t = datetime!(2022-04-02 09:00 +2);
        let di = DiMachine::create(
            &da,
            DiCode::parse("DI 0001 23").unwrap(),
            "2022-03".parse().unwrap(),
            &[],
            t,
        )
        .unwrap();
        let mut line = DiLine::new(
            "Jeanne <script>alert('x')</script>",
            "269054958815780",
            Decimal::new(355, 1),
        );
        line.training_hours = Decimal::from(7);
        let steps = [
            (DiEvent::Edit { lines: vec![line] }, Actor::Principal),
            (DiEvent::submit(), Actor::Principal),
            (
                DiEvent::Reject {
                    rejection: Rejection::incident("rejet", "INC-<7>"),
                },
                Actor::System,
            ),
            (
                DiEvent::Regularise {
                    incident_id: "INC-<7>".into(),
                },
                Actor::Asp,
            ),
            (DiEvent::RequestPayment, Actor::Asp),
            (
                DiEvent::ConfirmPayment {
                    amount: Decimal::new(51234, 2),
                    paid_on: ymd("2022-04-15"),
                },
                Actor::Asp,
            ),
        ];
        let mut di = di;
        for (event, actor) in steps {
            di = di.apply(event, actor, t).unwrap().snapshot;
        }
        (da, di)
    }

    fn assert_self_contained(html: &str) {
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html.contains("@media print"));
        let lower = html.to_lowercase();
        for forbidden in [
            "http:", "https:", "//", "src=", "href=", "url(", "@import", "<script", "<link",
            "<img", "<iframe",
        ] {
            assert!(!lower.contains(forbidden), "found {forbidden}");
        }
    }

    #[test]
    fn di_recap_renders_escaped_masked_and_self_contained() {
        let (_, di) = paid_di();
        let amounts = RecapAmounts {
            claimed: Some(Decimal::new(51234, 2)),
            validated: Some(Decimal::new(51234, 2)),
            iban: Some("FR76 3000 6000 0112 3456 7890 189".into()),
        };
        let recap = Recap::of_di(&di, RecapKind::DiValidated, Some(&amounts)).unwrap();
        let html = recap.to_html();
        assert_self_contained(&html);
        // Escaping.
        assert!(html.contains("Boulangerie &lt;Martin&gt; &amp; Fils"));
        assert!(html.contains("Jeanne &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assert!(html.contains("12 rue de la &quot;Paix&quot;, 75002 Paris"));
        assert!(html.contains("après l'incident INC-&lt;7&gt;"));
        // NIR masked, never in clear.
        assert!(html.contains("26905**********"));
        assert!(!html.contains("269054958815780"));
        assert!(!recap.to_json().contains("269054958815780"));
        // Content.
        assert!(html.contains("732 829 320 00074"));
        assert!(html.contains("DI000123"));
        assert!(html.contains("mars 2022"));
        assert!(html.contains("35,5"));
        assert!(html.contains("512,34\u{a0}€"));
        assert!(
            html.contains("Paiement effectué (statut 11) depuis le 02/04/2022 09:00 (UTC+02:00)")
        );
        assert!(html.contains("**** **** **** **** **** ***0 189"));
        assert!(!html.contains("3000 6000"));
        assert!(html.contains(recap.hash()));
        // Deterministic: same state, same bytes.
        let again = Recap::of_di(&di, RecapKind::DiValidated, Some(&amounts)).unwrap();
        assert_eq!(again.to_html(), html);
    }

    #[test]
    fn da_recap_renders() {
        let (da, _) = paid_di();
        let recap = Recap::of_da(&da, RecapKind::DaDecision).unwrap();
        let html = recap.to_html();
        assert_self_contained(&html);
        assert!(html.contains("DA-&lt;1&gt;"));
        assert!(html.contains("Autorisation tacite"));
        assert!(html.contains("du 01/03/2022 au 31/05/2022"));
        assert!(html.contains("26/02/2022 00:00 (UTC+01:00)"));
        assert!(html.contains("30/11/2022"));
        let submitted = Recap::of_da(&da, RecapKind::DaSubmitted).unwrap().to_html();
        assert!(!submitted.contains("Autorisation tacite"));
        assert!(
            submitted.contains("Sans décision, acceptée le</dt><dd>26/02/2022 00:00 (UTC+01:00)")
        );
    }
}

/// Recaps whose amounts come from the indemnity engine, on the spec's worked examples
/// (`shared/spec/indemnity.md` §4): the allocation claimed is checked to the cent in the JSON
/// and the HTML.
mod recap_claim {
    use super::*;
    use apart::indemnity::{EmployeeMonth, Options, compute_claim};
    use apart::law::LawBook;
    use apart::procedure::da::DaRequest;
    use apart::procedure::di::DiLine;
    use apart::procedure::recap::RecapAmounts;
    use apart::procedure::{Establishment, Motive, Period};
    use rust_decimal::Decimal;

    /// A submitted DI for `month` (authorised by silence) with one line per `(name, hours)`.
    fn submitted_di(month: &str, lines: &[(&str, &str)]) -> Snapshot<DiMachine> {
        let ym: Month = month.parse().unwrap();
        let da = Snapshot::<DaMachine>::new(DaContext::new(
            "DA-9",
            Establishment::new(
                apart::siret::Siret::parse("73282932000074").unwrap(),
                "Martin",
            ),
            DaRequest::new(
                Motive::EconomicConditions,
                Period::new(ym.first_day(), ym.last_day()).unwrap(),
                2,
                Decimal::from(300),
            ),
        ))
        .unwrap();
        let before = ym.first_day().previous_day().unwrap();
        let submit_at = before.with_hms(10, 0, 0).unwrap().assume_utc() - time::Duration::days(20);
        let da = da
            .apply(DaEvent::submit(), Actor::Principal, submit_at)
            .unwrap()
            .snapshot
            .tick(submit_at + time::Duration::days(17))
            .unwrap()
            .snapshot;
        let t = ym
            .last_day()
            .next_day()
            .unwrap()
            .with_hms(9, 0, 0)
            .unwrap()
            .assume_utc();
        let di = DiMachine::create(&da, DiCode::parse("DI000777").unwrap(), ym, &[], t).unwrap();
        const NIRS: [&str; 2] = ["269054958815780", "184057512345625"];
        let lines = lines
            .iter()
            .zip(NIRS)
            .map(|((name, hours), nir)| DiLine::new(*name, nir, hours.parse().unwrap()))
            .collect();
        di.apply(DiEvent::Edit { lines }, Actor::Principal, t)
            .unwrap()
            .snapshot
            .apply(DiEvent::submit(), Actor::Principal, t)
            .unwrap()
            .snapshot
    }

    fn employee(month: &str, gross: &str, hours: &str) -> EmployeeMonth {
        EmployeeMonth::new(
            month.parse().unwrap(),
            gross.parse().unwrap(),
            hours.parse().unwrap(),
        )
    }

    /// Source: spec indemnity.md §4 #11 (2026-01, 3 000 €, 35 h/week, 70 h: indemnity
    /// 11.87 × 70 = 830.90 €, allocation 8.57 × 70 = 599.90 €) and #12 (6 000 €, 35 h:
    /// indemnity 23.74 × 35 = 830.90 €, allocation 14.24 × 35 = 498.40 €).
    #[test]
    fn di_of_examples_11_and_12() {
        let di = submitted_di("2026-01", &[("Alice", "70"), ("Bruno", "35")]);
        let book = LawBook::builtin().unwrap();
        let employees = [
            employee("2026-01", "3000", "70"),
            employee("2026-01", "6000", "35"),
        ];
        let (recap, claim) = Recap::of_di_with_claim(
            &di,
            RecapKind::DiSubmitted,
            &book,
            &employees,
            &Options::default(),
        )
        .unwrap();
        let allocation = |i: usize| {
            claim.lines[i]
                .outcome
                .as_ref()
                .unwrap()
                .employer_allocation
                .to_string()
        };
        assert_eq!(allocation(0), "599.90");
        assert_eq!(allocation(1), "498.40");
        assert_eq!(claim.totals.employee_indemnity.to_string(), "1661.80"); // 830.90 × 2
        let totals = recap.content().totals.as_ref().unwrap();
        assert_eq!(totals.amount_claimed, Some(Decimal::new(109830, 2))); // 599.90 + 498.40
        assert_eq!(totals.hours_not_worked, Decimal::from(105));
        let json: Value = serde_json::from_str(&recap.to_json()).unwrap();
        assert_eq!(json["content"]["totals"]["amount_claimed"], "1098.30");
        assert!(
            recap
                .to_html()
                .contains("Montant demandé</dt><dd>1098,30\u{a0}€")
        );
        // The same amounts as building them by hand, so the same hash.
        let by_hand = Recap::of_di(
            &di,
            RecapKind::DiSubmitted,
            Some(&RecapAmounts::from_claim(&compute_claim(
                &book,
                "2026-01".parse().unwrap(),
                &employees,
                &Options::default(),
            ))),
        )
        .unwrap();
        assert_eq!(by_hand.hash(), recap.hash());
    }

    /// Source: spec indemnity.md §4 #16 (2024-11, 3 000 €, 70 h: indemnity 830.90 €,
    /// allocation 8.46 × 70 = 592.20 €).
    #[test]
    fn di_of_example_16() {
        let di = submitted_di("2024-11", &[("Alice", "70")]);
        let book = LawBook::builtin().unwrap();
        let (recap, claim) = Recap::of_di_with_claim(
            &di,
            RecapKind::DiSubmitted,
            &book,
            &[employee("2024-11", "3000", "70")],
            &Options::default(),
        )
        .unwrap();
        assert_eq!(claim.totals.employee_indemnity.to_string(), "830.90");
        let json: Value = serde_json::from_str(&recap.to_json()).unwrap();
        assert_eq!(json["content"]["totals"]["amount_claimed"], "592.20");
        assert!(
            recap
                .to_html()
                .contains("Montant demandé</dt><dd>592,20\u{a0}€")
        );
    }

    #[test]
    fn inputs_that_do_not_match_the_di_are_refused() {
        let di = submitted_di("2026-01", &[("Alice", "70"), ("Bruno", "35")]);
        let book = LawBook::builtin().unwrap();
        let options = Options::default();
        let code = |employees: &[EmployeeMonth]| {
            let err =
                Recap::of_di_with_claim(&di, RecapKind::DiSubmitted, &book, employees, &options)
                    .unwrap_err();
            (err.code(), err.details())
        };
        let alice = employee("2026-01", "3000", "70");
        // One input for two lines.
        let (c, _) = code(std::slice::from_ref(&alice));
        assert_eq!(c, "RECAP_CLAIM_MISMATCH");
        // Hours that are not the DI's.
        let (c, details) = code(&[alice.clone(), employee("2026-01", "6000", "36")]);
        assert_eq!(c, "RECAP_CLAIM_MISMATCH");
        assert!(format!("{details:?}").contains("hours_not_worked"));
        // Another month: the engine's refusal is reported, not left out of the total.
        let (c, details) = code(&[alice.clone(), employee("2025-12", "6000", "35")]);
        assert_eq!(c, "RECAP_CLAIM_MISMATCH");
        assert!(format!("{details:?}").contains("INDEMNITY_CLAIM_MONTH_MISMATCH"));
        // Training hours that are not the DI's.
        let mut trained = employee("2026-01", "6000", "35");
        trained.training_hours = "7".parse().unwrap();
        trained.net_hourly_pay = Some("30".parse().unwrap()); // needed for training from 2023
        let (c, details) = code(&[alice, trained]);
        assert_eq!(c, "RECAP_CLAIM_MISMATCH");
        assert!(
            format!("{details:?}").contains("training_hours"),
            "{details:?}"
        );
    }
}

mod properties {
    use super::*;
    use apart::forms::HumanCheck;
    use apart::procedure::assistance::{
        AssistanceContext, AssistanceEvent, AssistanceForm, AssistanceMachine,
    };
    use apart::procedure::da::{DaRequest, QuotaCategory};
    use apart::procedure::di::{ClaimFacts, DiLine, DiState, EmployeeHours, Rejection};
    use apart::procedure::{Establishment, Motive, Period};
    use proptest::prelude::*;
    use rust_decimal::Decimal;
    use time::macros::{date, datetime};
    use time::{Date, Duration};

    const T0: OffsetDateTime = datetime!(2020-01-01 00:00 +1);

    fn any_actor() -> impl Strategy<Value = Actor> {
        proptest::sample::select(vec![
            Actor::Visitor,
            Actor::Principal,
            Actor::Member,
            Actor::Accountant,
            Actor::Administration,
            Actor::Asp,
            Actor::System,
        ])
    }

    /// Mostly 2019–2022, sometimes the ends of the calendar (no panic there either).
    fn any_date() -> impl Strategy<Value = Date> {
        prop_oneof![
            8 => (0i64..1200).prop_map(|d| date!(2019-06-01) + Duration::days(d)),
            1 => (0i64..400).prop_map(|d| Date::MAX - Duration::days(d)),
            // The first day a record can store (`0000-01-01`; earlier days are refused).
            1 => (0i64..400).prop_map(|d| date!(0000-01-01) + Duration::days(d)),
        ]
    }

    fn any_period() -> impl Strategy<Value = Period> {
        (any_date(), 0i64..500).prop_map(|(s, len)| {
            let end = s.checked_add(Duration::days(len)).unwrap_or(Date::MAX);
            Period::new(s, end).unwrap()
        })
    }

    fn any_decimal() -> impl Strategy<Value = Decimal> {
        (-100i64..200_000).prop_map(|c| Decimal::new(c, 2))
    }

    fn any_motive() -> impl Strategy<Value = Motive> {
        proptest::sample::select(Motive::ALL.to_vec())
    }

    fn any_request() -> impl Strategy<Value = DaRequest> {
        (
            any_motive(),
            any_period(),
            0u32..5,
            any_decimal(),
            0u32..120,
            any::<bool>(),
        )
            .prop_map(|(motive, period, employees, hours, headcount, works)| {
                let mut r = DaRequest::new(motive, period, employees, hours);
                r.headcount = headcount;
                if works {
                    r.quota = QuotaCategory::ModernisationWorks;
                }
                r
            })
    }

    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![Just(String::new()), Just(" ".to_owned()), "[a-zé😀 ]{1,8}"]
    }

    fn any_da_event() -> impl Strategy<Value = DaEvent> {
        prop_oneof![
            any_request().prop_map(|request| DaEvent::Edit { request }),
            Just(DaEvent::Delete),
            proptest::collection::vec(any_period(), 0..3).prop_map(|other_authorised_periods| {
                DaEvent::Submit {
                    other_authorised_periods,
                }
            }),
            Just(DaEvent::StartReview),
            (any_period(), any_decimal()).prop_map(|(period, hours)| DaEvent::Authorise {
                number: "D".into(),
                period,
                hours,
                commitments: None
            }),
            any_text().prop_map(|reasons| DaEvent::Refuse { reasons }),
            Just(DaEvent::Withdraw { reason: None }),
            any_text().prop_map(|reason| DaEvent::AdministrationWithdraw { reason }),
            Just(DaEvent::ImplicitAcceptance),
            Just(DaEvent::PeriodEnd),
            Just(DaEvent::ClaimsClose),
        ]
    }

    /// Hours as a caller may send them: mostly plausible, sometimes at the limits (744 h a
    /// line, 8 784 h a year) or hostile (the largest and smallest decimals, security audit F2).
    fn any_hours() -> impl Strategy<Value = Decimal> {
        prop_oneof![
            8 => any_decimal(),
            1 => proptest::sample::select(vec![
                Decimal::MAX,
                Decimal::MIN,
                Decimal::new(74_401, 2),
                Decimal::from(744),
                Decimal::from(8784),
                Decimal::from(8785),
                Decimal::new(1, 28),
            ]),
        ]
    }

    fn any_line() -> impl Strategy<Value = DiLine> {
        (
            proptest::sample::select(vec![
                "269054958815780",
                "185077512345608",
                "2 01 01 2A 123 456 58",
                "123",
            ]),
            any_hours(),
            any_hours(),
        )
            .prop_map(|(nir, h, t)| {
                let mut line = DiLine::new("E", nir, h);
                line.training_hours = t.min(h);
                line
            })
    }

    fn any_di_event() -> impl Strategy<Value = DiEvent> {
        prop_oneof![
            proptest::collection::vec(any_line(), 0..3).prop_map(|lines| DiEvent::Edit { lines }),
            (any_hours(), proptest::collection::vec(any_hours(), 0..3)).prop_map(|(a, b)| {
                DiEvent::Submit {
                    facts: ClaimFacts {
                        hours_claimed_on_da: a,
                        year_hours: b
                            .into_iter()
                            .map(|hours| EmployeeHours {
                                nir: "269054958815780".into(),
                                hours,
                            })
                            .collect(),
                    },
                }
            }),
            Just(DiEvent::Withdraw),
            Just(DiEvent::StartInstruction),
            Just(DiEvent::RequestUtVisa),
            Just(DiEvent::Validate),
            (any_text(), proptest::option::of("INC-[12]")).prop_map(|(reason, inc)| {
                DiEvent::Reject {
                    rejection: match inc {
                        Some(i) => Rejection::incident(reason, i),
                        None => Rejection::business(reason),
                    },
                }
            }),
            "INC-[12]".prop_map(|incident_id| DiEvent::Regularise { incident_id }),
            Just(DiEvent::Correct),
            Just(DiEvent::RequestPayment),
            (any_decimal(), any_date())
                .prop_map(|(amount, paid_on)| DiEvent::ConfirmPayment { amount, paid_on }),
            any_text().prop_map(|reason| DiEvent::InvalidatePayment { reason }),
            (any_decimal(), any_text())
                .prop_map(|(amount, reason)| DiEvent::OpenClawback { amount, reason }),
            Just(DiEvent::IssueClawback),
            Just(DiEvent::CancelClawback),
        ]
    }

    fn any_offset() -> impl Strategy<Value = time::UtcOffset> {
        proptest::sample::select(vec![-10i8, -4, 0, 1, 2, 4, 11])
            .prop_map(|h| time::UtcOffset::from_hms(h, 0, 0).unwrap())
    }

    /// Runs one step and checks the machine-independent invariants.
    fn check_step<M: Machine>(
        s: Snapshot<M>,
        event: M::Event,
        actor: Actor,
        now: OffsetDateTime,
    ) -> Result<Snapshot<M>, TestCaseError> {
        let can = s.can(&event, actor, now);
        let next = match s.apply(event, actor, now) {
            Ok(step) => {
                prop_assert!(can.is_ok());
                prop_assert_eq!(step.snapshot.version(), s.version() + 1);
                step.snapshot
            }
            Err(e) => {
                prop_assert_eq!(can.unwrap_err(), e);
                s
            }
        };
        // A timed transition the table refuses would be a defect of the timer.
        let ticked = next
            .tick(now)
            .map_err(|e| TestCaseError::fail(format!("tick failed: {e}")))?;
        let next = ticked.snapshot;
        prop_assert_eq!(
            Snapshot::<M>::from_json(&next.to_json()).unwrap(),
            next.clone()
        );
        Ok(next)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn da_random_sequences(
            request in any_request(),
            offset in any_offset(),
            base in proptest::sample::select(vec![T0, datetime!(9998-12-01 00:00 UTC)]),
            events in proptest::collection::vec((any_da_event(), any_actor(), 0i64..800 * 24), 0..12),
        ) {
            let mut s = Snapshot::<DaMachine>::new(DaContext::new("DA", Establishment::new(apart::siret::Siret::parse("73282932000074").unwrap(), "x"), request)).unwrap();
            for (event, actor, hours) in events {
                let now = base
                    .checked_add(Duration::hours(hours))
                    .and_then(|t| t.checked_to_offset(offset))
                    .unwrap_or(base);
                s = check_step(s, event, actor, now)?;
                for kind in [RecapKind::DaSubmitted, RecapKind::DaDecision] {
                    if let Ok(r) = Recap::of_da(&s, kind) {
                        let back = Snapshot::<DaMachine>::from_json(&s.to_json()).unwrap();
                        let again = Recap::of_da(&back, kind).unwrap();
                        prop_assert_eq!(again.hash(), r.hash());
                        let _ = r.to_html();
                    }
                }
            }
        }

        #[test]
        fn di_random_sequences(
            events in proptest::collection::vec((any_di_event(), any_actor(), 0i64..400 * 24), 0..14),
        ) {
            let da = Snapshot::<DaMachine>::new(DaContext::new("DA", Establishment::new(apart::siret::Siret::parse("73282932000074").unwrap(), "x"),
                DaRequest::new(Motive::EconomicConditions, Period::new(date!(2022-03-01), date!(2022-05-31)).unwrap(), 2, Decimal::from(300)))).unwrap();
            let da = da.apply(DaEvent::submit(), Actor::Principal, datetime!(2022-02-10 10:00 +1)).unwrap().snapshot;
            let da = da.tick(datetime!(2022-02-26 00:00 +1)).unwrap().snapshot;
            let base = datetime!(2022-04-01 00:00 +2);
            let mut s = DiMachine::create(&da, DiCode::parse("DI").unwrap(), "2022-03".parse().unwrap(), &[], base).unwrap();
            for (event, actor, hours) in events {
                s = check_step(s, event, actor, base + Duration::hours(hours))?;
                prop_assert!(s.context().di_version >= 1);
                // Issue 13.1: a submitted DI holds lines within 0..=744 h whose total fits the
                // authorisation (hostile hours are refused with a typed error, never a panic).
                if !matches!(s.state(), DiState::Draft | DiState::Withdrawn) {
                    let ctx = s.context();
                    for line in &ctx.lines {
                        prop_assert!(line.hours_not_worked >= Decimal::ZERO);
                        prop_assert!(line.hours_not_worked <= apart::procedure::di::MAX_LINE_HOURS);
                    }
                    prop_assert!(ctx.total_hours().unwrap() <= ctx.da.hours);
                }
                for kind in [RecapKind::DiSubmitted, RecapKind::DiValidated] {
                    if let Ok(r) = Recap::of_di(&s, kind, None) {
                        let again = Recap::of_di(&s, kind, None).unwrap();
                        prop_assert_eq!(again.hash(), r.hash());
                        let html = r.to_html();
                        prop_assert!(!html.contains("269054958815780"));
                    }
                }
            }
        }

        #[test]
        fn assistance_random_sequences(
            events in proptest::collection::vec((0u8..8, any_text(), any_actor()), 0..10),
        ) {
            let mut s = Snapshot::<AssistanceMachine>::new(AssistanceContext::new(AssistanceForm::default())).unwrap();
            let now = datetime!(2020-04-10 16:57 +2);
            for (kind, text, actor) in events {
                let event = match kind {
                    0 => AssistanceEvent::Edit { form: AssistanceForm {
                        siret: "73282932000074".into(), establishment_name: text.clone(), full_name: "Jean".into(),
                        phone: "0102030405".into(), email: "a@b.fr".into(), motive: Some("autres".into()), description: text.clone() } },
                    1 => AssistanceEvent::Send { human_check: HumanCheck::Verified { at: now } },
                    2 => AssistanceEvent::Send { human_check: HumanCheck::NotVerified },
                    3 => AssistanceEvent::Acknowledge { ticket: None },
                    4 => AssistanceEvent::Answer { text },
                    5 => AssistanceEvent::Reply { text },
                    6 => AssistanceEvent::Close,
                    _ => AssistanceEvent::Cancel,
                };
                s = check_step(s, event, actor, now)?;
            }
        }

        /// DI codes: normalisation is idempotent and never panics.
        #[test]
        fn di_code_normalisation_is_idempotent(input in "[ a-zA-Z0-9\u{a0}\u{202f}\u{200b}\u{feff}-]{0,20}") {
            if let Ok(code) = DiCode::parse(&input) {
                prop_assert_eq!(DiCode::parse(code.as_str()).unwrap(), code.clone());
                prop_assert!(code.matches(&input));
                prop_assert!(!code.as_str().chars().any(char::is_whitespace));
            }
        }
    }
}

/// The bindings' path: every procedure machine driven through JSON only.
#[test]
fn machines_are_driven_through_json() {
    let by_id = |id| apart::machine_by_id(id).unwrap();
    let (da, di, assistance) = (
        by_id("apart.da"),
        by_id("apart.di"),
        by_id("apart.assistance"),
    );
    assert_eq!(
        (da.id(), di.id(), assistance.id()),
        ("apart.da", "apart.di", "apart.assistance")
    );
    let ctx = r#"{"reference":"DA-1","establishment":{"siret":"73282932000074","name":"Martin"},
        "request":{"motive":"economic_conditions","period":{"start":"2022-03-01","end":"2022-05-31"},"employees":2,"hours":"300"}}"#;
    let snap = da.new_snapshot(ctx).unwrap();
    let now = OffsetDateTime::parse("2022-02-10T10:00:00+01:00", &Rfc3339).unwrap();
    let step = da
        .apply(&snap, r#"{"type":"Submit"}"#, Actor::Principal, now)
        .unwrap();
    let effects: Value = serde_json::from_str(&step.effects).unwrap();
    assert_eq!(effects[0]["type"], "ScheduleDeadline");
    assert_eq!(effects[0]["at"], "2022-02-26T00:00:00+01:00");
    let deadline = da.next_deadline(&step.snapshot).unwrap().unwrap();
    let ticked = da.tick(&step.snapshot, deadline).unwrap();
    assert_eq!(da.state_of(&ticked.snapshot).unwrap(), "AuthorisedImplicit");
    let err = da
        .apply(
            &ticked.snapshot,
            r#"{"type":"Refuse","reasons":"x"}"#,
            Actor::Administration,
            deadline,
        )
        .unwrap_err();
    assert_eq!(err.code(), "INVALID_TRANSITION");
    let err = da
        .apply(
            &ticked.snapshot,
            r#"{"type":"Nope"}"#,
            Actor::Administration,
            deadline,
        )
        .unwrap_err();
    assert_eq!(err.code(), "MACHINE_INPUT_MALFORMED");
    assert!(di.states().contains(&"AwaitingUtVisa"));
    // The recap, from the stored JSON only.
    let recap = Recap::from_snapshot_json(&ticked.snapshot, RecapKind::DaDecision, None).unwrap();
    assert_eq!(recap.content().state, "AuthorisedImplicit");
    let err =
        Recap::from_snapshot_json(&ticked.snapshot, RecapKind::DiValidated, None).unwrap_err();
    assert_eq!(err.code(), "SNAPSHOT_WRONG_MACHINE");
    assert_eq!(assistance.initial_state(), "Draft");
}

#[test]
#[ignore = "prints a sample recap: cargo test -p apart-tests --test suite print_sample -- --ignored --nocapture"]
fn print_sample_recap() {
    let (_, di) = recap_html::sample();
    println!(
        "{}",
        Recap::of_di(&di, RecapKind::DiValidated, None)
            .unwrap()
            .to_html()
    );
}

/// A DI written by the library before the clawback order had its name (schema 1: state
/// `RecoveryToIssue`, context field `recovery`, history event `OpenRecovery`) still loads,
/// moves on, and is written back under the new names; the old event names are still read.
mod clawback_was_recovery {
    use super::*;
    use apart::procedure::di::DiState;

    /// `Snapshot::to_json` of library commit 9d6642c after `OpenRecovery`.
    const SCHEMA_1: &str = include_str!("../fixtures/di-schema-1-clawback-to-issue.json");

    fn now() -> OffsetDateTime {
        OffsetDateTime::parse("2022-05-02T09:00:00+02:00", &Rfc3339).unwrap()
    }

    #[test]
    fn old_snapshot_loads_under_the_new_names() {
        assert!(SCHEMA_1.contains(r#""schema_version":1"#));
        assert!(SCHEMA_1.contains(r#""state":"RecoveryToIssue""#));
        let di = Snapshot::<DiMachine>::from_json(SCHEMA_1).unwrap();
        assert_eq!(di.state(), DiState::ClawbackToIssue);
        let order = di.context().clawback.as_ref().unwrap();
        assert_eq!(order.amount.to_string(), "12.34");
        assert_eq!(order.reason, "trop-perçu");
        let written: Value = serde_json::from_str(&di.to_json()).unwrap();
        assert_eq!(written["schema_version"], 2);
        assert_eq!(written["state"], "ClawbackToIssue");
        assert_eq!(written["context"]["clawback"]["amount"], "12.34");
        assert!(written["context"].get("recovery").is_none());
        // The history is read under the names of this version (so that it follows the table).
        assert_eq!(written["history"][5]["event"], "OpenClawback");
        assert_eq!(written["history"][5]["to"], "ClawbackToIssue");
        assert_eq!(Snapshot::<DiMachine>::from_json(&di.to_json()).unwrap(), di);
    }

    #[test]
    fn old_snapshot_moves_on_with_old_and_new_event_names() {
        let di = Snapshot::<DiMachine>::from_json(SCHEMA_1).unwrap();
        for event in [r#"{"type":"IssueRecovery"}"#, r#"{"type":"IssueClawback"}"#] {
            let event: DiEvent = serde_json::from_str(event).unwrap();
            assert_eq!(event.name(), "IssueClawback");
            let issued = di.apply(event, Actor::Asp, now()).unwrap().snapshot;
            assert_eq!(issued.state(), DiState::ClawbackIssued);
        }
        // Through the JSON door every binding uses.
        let door = apart::machine_by_id("apart.di").unwrap();
        let step = door
            .apply(SCHEMA_1, r#"{"type":"CancelRecovery"}"#, Actor::Asp, now())
            .unwrap();
        assert_eq!(
            door.state_of(&step.snapshot).unwrap(),
            "ClawbackInvalidated"
        );
        assert_eq!(door.restore(SCHEMA_1).unwrap(), di.to_json());
        let recap = Recap::of_di(&di, RecapKind::DiValidated, None).unwrap();
        assert_eq!(recap.content().state, "ClawbackToIssue");
    }
}

/// Decimals in machine events, contexts and snapshots are read by the records' reader
/// (`value::deserialize_decimal`): text or an integer number, decimal comma accepted; a float is
/// `VALUE_FLOAT_REFUSED` and an exponent `VALUE_INVALID_DECIMAL` (issue 12), each naming its
/// field; a stored snapshot still reads back, written as before.
mod decimals_read_as_in_records {
    use super::*;
    use apart::diagnostic::{DetailValue, DiagnosticRecord, Family};

    const DA: &str = r#"{"reference":"DA-1","establishment":{"siret":"73282932000074","name":"Martin"},
        "request":{"motive":"economic_conditions","period":{"start":"2022-03-01","end":"2022-05-31"},"employees":2,"hours":"300"}}"#;
    const SCHEMA_1: &str = include_str!("../fixtures/di-schema-1-clawback-to-issue.json");

    fn at(text: &str) -> OffsetDateTime {
        OffsetDateTime::parse(text, &Rfc3339).unwrap()
    }

    fn field(e: &dyn Diagnostic, name: &str) -> Option<String> {
        DiagnosticRecord::of(e)
            .detail(name)
            .map(DetailValue::to_string)
    }

    /// A DI snapshot in `Draft`, through the JSON door.
    fn draft() -> String {
        let di = apart::machine_by_id("apart.di").unwrap();
        di.new_snapshot(
            r#"{"code":"DI-1","di_version":1,"month":"2022-03","lines":[],
            "da":{"reference":"DA-1","establishment":{"siret":"73282932000074","name":"Martin"},
            "motive":"economic_conditions","quota":"standard","kind":"explicit","authorised_on":"2022-02-13",
            "period":{"start":"2022-03-01","end":"2022-05-31"},"hours":"300","claims_last_day":"2022-11-30"}}"#,
        )
        .unwrap()
    }

    #[test]
    fn events_read_decimals_as_records_do() {
        let di = apart::machine_by_id("apart.di").unwrap();
        let now = at("2022-04-02T09:00:00+02:00");
        let edit = |hours: &str| {
            format!(
                r#"{{"type":"Edit","lines":[{{"employee":"A","nir":"269054958815780","hours_not_worked":{hours}}}]}}"#
            )
        };
        for (hours, stored) in [("35", "35"), (r#""35,5""#, "35.5"), (r#""35.50""#, "35.50")] {
            let step = di
                .apply(&draft(), &edit(hours), Actor::Principal, now)
                .unwrap();
            let written: Value = serde_json::from_str(&step.snapshot).unwrap();
            assert_eq!(
                written["context"]["lines"][0]["hours_not_worked"], stored,
                "{hours}"
            );
        }
        for (hours, code) in [
            ("35.5", "VALUE_FLOAT_REFUSED"),
            (r#""1e3""#, "VALUE_INVALID_DECIMAL"),
            (r#""35 h""#, "VALUE_INVALID_DECIMAL"),
        ] {
            let event = edit(hours);
            let err = di
                .apply(&draft(), &event, Actor::Principal, now)
                .unwrap_err();
            assert_eq!((err.code(), err.family()), (code, Family::Input), "{hours}");
            assert_eq!(
                field(&err, "field").as_deref(),
                Some("lines[0].hours_not_worked")
            );
            assert_eq!(field(&err, "what").as_deref(), Some("event"));
            let can = di.can(&draft(), &event, Actor::Principal, now).unwrap_err();
            assert_eq!(can, err);
            assert!(err.message(apart::Lang::En).len() < 400);
        }
        // A shape error is still the machine's own code.
        let err = di
            .apply(
                &draft(),
                r#"{"type":"Edit","lines":[{"employee":"A"}]}"#,
                Actor::Principal,
                now,
            )
            .unwrap_err();
        assert_eq!(err.code(), "MACHINE_INPUT_MALFORMED");
    }

    #[test]
    fn da_events_and_contexts_too() {
        let da = apart::machine_by_id("apart.da").unwrap();
        let err = da
            .new_snapshot(&DA.replace(r#""hours":"300""#, r#""hours":300.5"#))
            .unwrap_err();
        assert_eq!(
            (err.code(), err.family()),
            ("VALUE_FLOAT_REFUSED", Family::Input)
        );
        assert_eq!(field(&err, "field").as_deref(), Some("request.hours"));
        assert_eq!(field(&err, "what").as_deref(), Some("context"));
        let snap = da
            .new_snapshot(&DA.replace(r#""hours":"300""#, r#""hours":300"#))
            .unwrap();
        let now = at("2022-02-10T10:00:00+01:00");
        let submitted = da
            .apply(&snap, r#"{"type":"Submit"}"#, Actor::Principal, now)
            .unwrap()
            .snapshot;
        let authorise = |hours: &str| {
            format!(
                r#"{{"type":"Authorise","number":"N-1","period":{{"start":"2022-03-01","end":"2022-05-31"}},"hours":{hours}}}"#
            )
        };
        let err = da
            .apply(
                &submitted,
                &authorise("\"2e2\""),
                Actor::Administration,
                now,
            )
            .unwrap_err();
        assert_eq!(err.code(), "VALUE_INVALID_DECIMAL");
        assert_eq!(field(&err, "field").as_deref(), Some("hours"));
        assert_eq!(field(&err, "kind").as_deref(), Some("hours"));
        let step = da
            .apply(&submitted, &authorise("200"), Actor::Administration, now)
            .unwrap();
        let written: Value = serde_json::from_str(&step.snapshot).unwrap();
        assert_eq!(written["context"]["authorisation"]["hours"], "200");
    }

    #[test]
    fn stored_snapshots_read_back_and_are_written_as_before() {
        let di = apart::machine_by_id("apart.di").unwrap();
        let restored = di.restore(SCHEMA_1).unwrap();
        let written: Value = serde_json::from_str(&restored).unwrap();
        let stored: Value = serde_json::from_str(SCHEMA_1).unwrap();
        for path in [
            "/da/hours",
            "/lines/0/hours_not_worked",
            "/lines/0/training_hours",
            "/payment/amount",
        ] {
            assert_eq!(
                written["context"].pointer(path),
                stored["context"].pointer(path),
                "{path}"
            );
        }
        assert_eq!(
            written["context"]["clawback"],
            stored["context"]["recovery"]
        );
        assert_eq!(di.restore(&restored).unwrap(), restored);
        // A damaged decimal in a stored snapshot: the snapshot's code, the value's cause and path.
        let mut damaged = stored.clone();
        damaged["context"]["da"]["hours"] = serde_json::json!(300.5);
        let err = di.restore(&damaged.to_string()).unwrap_err();
        assert_eq!(
            (err.code(), err.family()),
            ("SNAPSHOT_MALFORMED", Family::Machine)
        );
        assert_eq!(field(&err, "cause").as_deref(), Some("VALUE_FLOAT_REFUSED"));
        assert_eq!(field(&err, "field").as_deref(), Some("context.da.hours"));
        assert!(
            err.message(apart::Lang::En)
                .starts_with("not a valid `apart.di` snapshot: ")
        );
        assert!(!err.message(apart::Lang::Fr).contains('\u{1e}'));
        damaged["context"]["da"]["hours"] = serde_json::json!("3e2");
        let err = Snapshot::<DiMachine>::from_json(&damaged.to_string()).unwrap_err();
        assert_eq!(
            field(&err, "cause").as_deref(),
            Some("VALUE_INVALID_DECIMAL")
        );
    }
}

/// Every snapshot a transition returns can be stored and read back, however many lines a DI
/// holds: up to what [`MAX_SNAPSHOT_BYTES`] reads, the DI is kept and reads back equal; past it,
/// the edit is refused (`SNAPSHOT_UNREPRESENTABLE`, by `apply` and `can` alike) instead of
/// returning a record that `from_json` would refuse (`SNAPSHOT_TOO_LARGE`).
mod snapshot_size {
    use super::*;
    use apart::machine::MAX_SNAPSHOT_BYTES;
    use apart::procedure::Establishment;
    use apart::procedure::di::DiLine;
    use rust_decimal::Decimal;
    use time::macros::datetime;

    const T: time::OffsetDateTime = datetime!(2022-04-02 09:00 +2);

    fn draft_di() -> Snapshot<DiMachine> {
        let est = Establishment::new("73282932000074".parse().unwrap(), "Boulangerie Martin");
        let da = authorised_da("DA-1", est);
        let code = DiCode::parse("DI000777").unwrap();
        DiMachine::create(&da, code, "2022-03".parse().unwrap(), &[], T).unwrap()
    }

    /// `n` lines of a realistic size (about 120 bytes each in the snapshot).
    fn lines(n: usize) -> Vec<DiLine> {
        (0..n)
            .map(|i| {
                DiLine::new(
                    format!("Salarié n° {i} Dupont-Martin"),
                    format!("1840575{i:08}"),
                    Decimal::from(35),
                )
            })
            .collect()
    }

    #[test]
    fn a_di_of_20_000_lines_reads_back() {
        let di = draft_di()
            .apply(
                DiEvent::Edit {
                    lines: lines(20_000),
                },
                Actor::Principal,
                T,
            )
            .unwrap()
            .snapshot;
        let json = di.to_json();
        assert!(json.len() > MAX_SNAPSHOT_BYTES / 2 && json.len() <= MAX_SNAPSHOT_BYTES);
        assert_eq!(Snapshot::<DiMachine>::from_json(&json).unwrap(), di);
    }

    /// A DI just under the limit is accepted; sealed, it is 53 bytes longer and still opens.
    #[test]
    fn a_di_at_the_limit_is_kept_and_opens_sealed() {
        let line = |name: String| DiEvent::Edit {
            lines: vec![DiLine::new(name, "269054958815780", Decimal::from(35))],
        };
        let apply = |name: String| draft_di().apply(line(name), Actor::Principal, T);
        let base = apply(String::new()).unwrap().snapshot.to_json().len();
        let name = "x".repeat(MAX_SNAPSHOT_BYTES - base - 10);
        let di = apply(name.clone()).unwrap().snapshot;
        assert_eq!(di.to_json().len(), MAX_SNAPSHOT_BYTES - 10);
        let key = apart::seal::SealKey::new(&[7u8; 32]).unwrap();
        let sealed = di.seal(&key);
        assert_eq!(
            sealed.len(),
            MAX_SNAPSHOT_BYTES - 10 + apart::seal::SEAL_MEMBER_BYTES
        );
        assert_eq!(Snapshot::<DiMachine>::open(&sealed, &key).unwrap(), di);
        // Eleven bytes more and the edit is refused.
        let err = apply(name + "12345678901").unwrap_err();
        assert_eq!(err.code(), "SNAPSHOT_UNREPRESENTABLE");
    }

    #[test]
    fn a_di_too_large_to_read_back_is_refused_by_the_edit() {
        let di = draft_di();
        let edit = DiEvent::Edit {
            lines: lines(40_000),
        };
        let err = di.apply(edit.clone(), Actor::Principal, T).unwrap_err();
        assert_eq!(err.code(), "SNAPSHOT_UNREPRESENTABLE");
        assert!(
            err.message(apart::Lang::En)
                .contains(&MAX_SNAPSHOT_BYTES.to_string())
        );
        assert_eq!(di.can(&edit, Actor::Principal, T).unwrap_err(), err);
        // The same context, given to a new snapshot, is refused as its reading would be.
        let mut context = di.context().clone();
        context.lines = lines(40_000);
        let bytes = serde_json::to_string(&context).unwrap().len();
        let err = Snapshot::<DiMachine>::new(context).unwrap_err();
        assert_eq!(err.code(), "SNAPSHOT_TOO_LARGE");
        // The size it gives is the snapshot's: its context and a few hundred bytes more.
        let apart::machine::SnapshotError::TooLarge {
            bytes: reported, ..
        } = err
        else {
            panic!("{err:?}")
        };
        assert!(
            reported > bytes && reported < bytes + 1000,
            "{reported} for {bytes}"
        );
    }
}

/// The establishment of the suite's own scenarios.
fn martin() -> apart::procedure::Establishment {
    apart::procedure::Establishment::new(
        apart::siret::Siret::parse("73282932000074").unwrap(),
        "Boulangerie Martin",
    )
}

/// A clock gone back (a replayed request, a server behind another) is refused past
/// `MAX_CLOCK_SKEW`, by `apply` and `can` alike, so that a history reads in time order; within
/// it the event is taken (Kotlin, Node and Python trials, 2026-12-07).
#[test]
fn a_now_before_the_last_transition_is_refused_past_the_skew() {
    use apart::machine::MAX_CLOCK_SKEW;
    use time::macros::datetime;
    let da = authorised_da("DA-1", martin());
    let last = da.history().last().unwrap().at;
    assert_eq!(last, datetime!(2022-02-26 00:00 +1));
    let event = || DaEvent::AdministrationWithdraw {
        reason: "Fermeture de l'établissement".into(),
    };
    let too_early = last - MAX_CLOCK_SKEW - time::Duration::seconds(1);
    let err = da
        .apply(event(), Actor::Administration, too_early)
        .err()
        .unwrap();
    assert_eq!(err.code(), "MACHINE_CLOCK_BEHIND");
    assert_eq!(
        da.can(&event(), Actor::Administration, too_early)
            .unwrap_err(),
        err
    );
    assert!(
        err.message(apart::Lang::En)
            .contains("before the record's last change at 2022-02-26T00:00:00+01:00"),
        "{}",
        err.message(apart::Lang::En)
    );
    let within = last - MAX_CLOCK_SKEW;
    let withdrawn = da.apply(event(), Actor::Administration, within).unwrap();
    assert_eq!(withdrawn.snapshot.state().name(), "AdministrationWithdrawn");
    // A stored history edited out of time order is not read back.
    let mut stored = withdrawn.snapshot.to_value();
    stored["history"][0]["at"] = "2030-01-01T00:00:00Z".into();
    let err = Snapshot::<DaMachine>::from_json(&stored.to_string()).unwrap_err();
    assert_eq!(err.code(), "SNAPSHOT_INCONSISTENT");
}

/// A sealed snapshot read as a plain one (restored, or sealed again) says to open it first
/// (`SEAL_ALREADY_PRESENT`), not "unknown field `seal`" (Python trial, 2026-12-07).
#[test]
fn a_sealed_snapshot_read_as_plain_says_to_open_it() {
    let da = authorised_da("DA-1", martin());
    let key = apart::seal::SealKey::new(&[7u8; 32]).unwrap();
    let sealed = da.seal(&key);
    let err = Snapshot::<DaMachine>::from_json(&sealed).unwrap_err();
    assert_eq!(err.code(), "SEAL_ALREADY_PRESENT");
    let dynamic = apart::machines()
        .iter()
        .find(|m| m.id() == "apart.da")
        .unwrap();
    assert_eq!(
        dynamic.seal(&sealed, &key).unwrap_err().code(),
        "SEAL_ALREADY_PRESENT"
    );
    assert_eq!(Snapshot::<DaMachine>::open(&sealed, &key).unwrap(), da);
}
