//! Runs every scenario of `tests/vectors/lifecycle.json` (format in its `$format` key) through
//! the public API: the account machines through their JSON interface (`DynMachine`, as the
//! bindings drive them), the recovery functions and the login boundary. Every snapshot a step
//! returns is read back. The scenarios that name a machine in `covers` must take, and refuse,
//! every row of its table. Then checks that the machine diagrams in `docs/machines/` are the
//! ones the library draws.
//!
//! Skip list: none. Every scenario runs.

use std::collections::{BTreeSet, HashMap};

use apart::account::{
    Application, Argon2idHasher, AttemptCounter, CredentialMachine, CredentialSnapshot,
    HabilitationMachine, HabilitationSnapshot, LoginTarget, LoginThrottlePolicy, LoginUpdate,
    MandateMachine, OnboardingMachine, authenticate,
};
use apart::diagnostic::Diagnostic;
use apart::entropy::FixedEntropy;
use apart::machine::{Actor, DynMachine, EventKind, Machine, Snapshot, State, mermaid};
use apart::recovery::{
    MailBody, Purpose, RecoveryEffect, RecoveryEmail, ReminderAccount, ResetAccount,
    ResetRequestPolicy, TokenMachine, TokenPolicy, TokenSnapshot, WireToken,
};
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

fn dyn_machine(id: &str) -> &'static dyn DynMachine {
    apart::machine_by_id(id).unwrap_or_else(|| panic!("unknown machine {id}"))
}

/// What the scenarios did to the tables: rows taken `(machine, from, event, to)` and events
/// refused `(machine, from, event)`.
#[derive(Default)]
struct Coverage {
    taken: BTreeSet<(String, String, String, String)>,
    refused: BTreeSet<(String, String, String)>,
}

impl Coverage {
    /// Records the last transition of a snapshot just returned, after reading it back.
    fn took(&mut self, machine: &str, snapshot: &str) {
        let m = dyn_machine(machine);
        let restored = m
            .restore(snapshot)
            .unwrap_or_else(|e| panic!("{machine}: {e}"));
        let value: Value = serde_json::from_str(&restored).unwrap();
        if let Some(last) = value["history"].as_array().and_then(|h| h.last()) {
            let field = |k: &str| last[k].as_str().unwrap().to_owned();
            self.taken.insert((
                machine.to_owned(),
                field("from"),
                field("event"),
                field("to"),
            ));
        }
    }
}

/// The rows of a machine's table, as names.
fn rows<M: Machine>() -> Vec<(String, String, String)> {
    M::table()
        .iter()
        .map(|r| {
            (
                r.from.name().into(),
                r.event.name().into(),
                r.to.name().into(),
            )
        })
        .collect()
}

fn table_of(id: &str) -> Vec<(String, String, String)> {
    match id {
        "apart.onboarding" => rows::<OnboardingMachine>(),
        "apart.credential" => rows::<CredentialMachine>(),
        "apart.habilitation" => rows::<HabilitationMachine>(),
        "apart.recovery_token" => rows::<TokenMachine>(),
        "apart.mandate" => rows::<MandateMachine>(),
        other => panic!("no table for {other}"),
    }
}

/// The state of one scenario.
struct World {
    /// alias -> (machine id, snapshot JSON).
    snapshots: HashMap<String, (String, String)>,
    /// alias -> (token record, e-mailed link).
    tokens: HashMap<String, (TokenSnapshot, String)>,
    /// credential alias -> instants of its reset requests.
    requests: HashMap<String, Vec<OffsetDateTime>>,
    rng: FixedEntropy,
    coverage: Coverage,
}

impl World {
    fn snapshot<M: Machine>(&self, alias: &str) -> Snapshot<M> {
        Snapshot::<M>::from_json(&self.snapshots[alias].1).unwrap()
    }
}

fn instant(v: &Value) -> OffsetDateTime {
    OffsetDateTime::parse(v.as_str().unwrap(), &Rfc3339).unwrap()
}

fn kinds(effects: &[Value]) -> Vec<String> {
    effects
        .iter()
        .map(|e| e["type"].as_str().unwrap_or("").to_owned())
        .collect()
}

fn mail_of(effect: &RecoveryEffect) -> Option<&RecoveryEmail> {
    match effect {
        RecoveryEffect::SendEmail(mail) => Some(mail),
        _ => None,
    }
}

fn link_of(mail: &RecoveryEmail) -> String {
    match &mail.body {
        MailBody::PasswordReset { token, .. } | MailBody::Activation { token, .. } => {
            token.expose().to_owned()
        }
        other => panic!("no link in {other:?}"),
    }
}

/// Runs one step; returns what happened as JSON, to compare with `expect`.
fn run_step(world: &mut World, step: &Value) -> Value {
    let now = instant(&step["now"]);
    let machine = step["machine"].as_str().unwrap();
    let event = &step["event"];
    match machine {
        "recovery" => run_recovery(world, event, now),
        "login" => run_login(world, event, now),
        alias => {
            let (id, snap) = world.snapshots[alias].clone();
            let m = dyn_machine(&id);
            let result = if step["tick"].as_bool() == Some(true) {
                m.tick(&snap, now)
            } else {
                let actor = step["actor"].as_str().unwrap().parse::<Actor>().unwrap();
                m.apply(&snap, &event.to_string(), actor, now)
            };
            match result {
                Ok(out) => {
                    let state = m.state_of(&out.snapshot).unwrap();
                    let effects: Vec<Value> = serde_json::from_str(&out.effects).unwrap();
                    world.coverage.took(&id, &out.snapshot);
                    world.snapshots.insert(alias.to_owned(), (id, out.snapshot));
                    json!({"state": state, "effects": kinds(&effects)})
                }
                Err(e) => {
                    if let Some(name) = event["type"].as_str() {
                        let from = m.state_of(&snap).unwrap().to_owned();
                        world.coverage.refused.insert((id, from, name.to_owned()));
                    }
                    json!({"error": e.code()})
                }
            }
        }
    }
}

fn run_recovery(world: &mut World, event: &Value, now: OffsetDateTime) -> Value {
    let policy = TokenPolicy::default();
    let limits = ResetRequestPolicy::default();
    match event["type"].as_str().unwrap() {
        "RequestPasswordReset" => {
            let stored: Vec<TokenSnapshot> = world.tokens.values().map(|t| t.0.clone()).collect();
            let alias = event["credential"].as_str();
            let cred = alias.map(|a| world.snapshot::<CredentialMachine>(a));
            let recent = alias
                .and_then(|a| world.requests.get(a).cloned())
                .unwrap_or_default();
            let account = cred.as_ref().map(|c| ResetAccount {
                identifier: &c.context().identifier,
                email: &c.context().email,
                recent_requests: &recent,
                tokens: &stored,
            });
            let out = apart::recovery::request_password_reset(
                account,
                &limits,
                &policy,
                &mut world.rng,
                now,
            )
            .unwrap();
            if out.record_request {
                world
                    .requests
                    .entry(alias.unwrap().to_owned())
                    .or_default()
                    .push(now);
            }
            for sup in &out.superseded {
                for t in world.tokens.values_mut() {
                    if t.0.context().id == sup.context().id {
                        t.0 = sup.clone();
                    }
                }
            }
            if let (Some(token), Some(store_as)) = (&out.issued, event["store_as"].as_str()) {
                let link = link_of(mail_of(&out.effects[0]).unwrap());
                world
                    .tokens
                    .insert(store_as.to_owned(), (token.clone(), link));
            }
            let effects: Vec<&str> = out.effects.iter().map(|e| e.kind()).collect();
            json!({"public": out.public, "effects": effects})
        }
        "RequestIdentifierReminder" => {
            let identifiers: Option<Vec<String>> =
                serde_json::from_value(event["identifiers"].clone()).unwrap();
            let email = event["email"].as_str().unwrap();
            let account = identifiers.as_ref().map(|ids| ReminderAccount {
                email,
                identifiers: ids,
                recent_requests: &[],
            });
            let out =
                apart::recovery::request_identifier_reminder(account, &limits, &mut world.rng, now)
                    .unwrap();
            let effects: Vec<&str> = out.effects.iter().map(|e| e.kind()).collect();
            let mut result = json!({"public": out.public, "effects": effects});
            if let Some(MailBody::IdentifierReminder { identifiers }) =
                mail_of(&out.effects[0]).map(|m| &m.body)
            {
                assert_eq!(mail_of(&out.effects[0]).unwrap().to, email);
                result["identifiers"] = json!(identifiers);
            }
            result
        }
        "IssueActivation" => {
            let c = world.snapshot::<CredentialMachine>(event["credential"].as_str().unwrap());
            let (issued, mail) = apart::recovery::activation_email(
                &c.context().identifier,
                &c.context().email,
                &policy,
                &[],
                &mut world.rng,
                now,
            )
            .unwrap();
            let link = link_of(&mail);
            world.tokens.insert(
                event["store_as"].as_str().unwrap().to_owned(),
                (issued.token, link),
            );
            json!({"effects": ["send_email"]})
        }
        "Redeem" => {
            let alias = event["token"].as_str().unwrap();
            let purpose: Purpose = serde_json::from_value(event["purpose"].clone()).unwrap();
            let (record, link) = world.tokens[alias].clone();
            let wire = match WireToken::parse(&link) {
                Ok(w) => w,
                Err(e) => return json!({"error": e.code()}),
            };
            assert_eq!(wire.id(), record.context().id);
            let out = apart::recovery::redeem(&wire, purpose, Some(&record), &policy, now);
            if let Some(updated) = &out.token {
                world
                    .tokens
                    .insert(alias.to_owned(), (updated.clone(), link));
            }
            match out.result {
                Ok(_) => json!({"state": out.token.unwrap().state().to_string()}),
                Err(e) => json!({"error": e.code()}),
            }
        }
        kind @ ("CompleteActivation" | "CompletePasswordReset") => {
            let alias = event["token"].as_str().unwrap();
            let cred_alias = event["credential"].as_str().unwrap();
            let (record, link) = world.tokens[alias].clone();
            let credential = world.snapshot::<CredentialMachine>(cred_alias);
            let wire = WireToken::parse(&link).unwrap();
            let out = if kind == "CompleteActivation" {
                apart::recovery::complete_activation(
                    &wire,
                    Some(&record),
                    &credential,
                    &policy,
                    now,
                )
            } else {
                let hasher = Argon2idHasher::with_params(64, 1, 1).unwrap();
                apart::recovery::complete_password_reset(
                    &wire,
                    Some(&record),
                    &credential,
                    event["answer"].as_str(),
                    &hasher,
                    &AttemptCounter::default(),
                    &policy,
                    now,
                )
            };
            if let Some(updated) = &out.token {
                world
                    .tokens
                    .insert(alias.to_owned(), (updated.clone(), link));
            }
            if let Some(c) = &out.credential {
                let json = c.to_json();
                world.coverage.took(CredentialMachine::ID, &json);
                world.snapshots.insert(
                    cred_alias.to_owned(),
                    (CredentialMachine::ID.to_owned(), json),
                );
            }
            match out.result {
                Ok(()) => {
                    let effects: Vec<&str> = out.effects.iter().map(|e| e.kind()).collect();
                    json!({"state": out.credential.unwrap().state().name(), "effects": effects})
                }
                Err(e) => json!({"error": e.code()}),
            }
        }
        other => panic!("unknown recovery step {other}"),
    }
}

fn run_login(world: &mut World, event: &Value, now: OffsetDateTime) -> Value {
    assert_eq!(event["type"], "Authenticate");
    let habilitations: Vec<HabilitationSnapshot> = event["habilitations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| world.snapshot::<HabilitationMachine>(a.as_str().unwrap()))
        .collect();
    let application: Application = serde_json::from_value(event["application"].clone()).unwrap();
    let password_ok = event["password_ok"].as_bool().unwrap();
    let alias = event["credential"].as_str();
    let policy = LoginThrottlePolicy::default();
    let counter = AttemptCounter::default();
    let cred: Option<CredentialSnapshot> = alias.map(|a| world.snapshot(a));
    let target = match &cred {
        Some(c) => LoginTarget::Known {
            credential: c,
            counter: &counter,
        },
        None => LoginTarget::Unknown(&counter, &policy),
    };
    let out = authenticate(target, || password_ok, &habilitations, application, now);
    if let (LoginUpdate::Credential(snap), Some(a)) = (out.update, alias) {
        let json = snap.to_json();
        world.coverage.took(CredentialMachine::ID, &json);
        world
            .snapshots
            .insert(a.to_owned(), (CredentialMachine::ID.to_owned(), json));
    }
    match out.result {
        Ok(establishments) => json!({"establishments": establishments}),
        Err(e) => json!({"error": e.code()}),
    }
}

fn setup(scenario: &Value) -> World {
    let mut snapshots = HashMap::new();
    for (alias, s) in scenario["setup"].as_object().unwrap() {
        let id = s["machine"].as_str().unwrap();
        let m = dyn_machine(id);
        let snapshot = match s.get("state") {
            None => m.new_snapshot(&s["context"].to_string()).unwrap(),
            // A stored snapshot in a given state: restored as a caller's store would.
            Some(state) => m
                .restore(
                    &json!({
                        "machine": id, "schema_version": m.schema_version(), "state": state,
                        "context": s["context"], "version": 0, "history": []
                    })
                    .to_string(),
                )
                .unwrap_or_else(|e| panic!("setup {alias}: {e}")),
        };
        snapshots.insert(alias.clone(), (id.to_owned(), snapshot));
    }
    let entropy: Vec<u8> = serde_json::from_value(scenario["entropy"].clone()).unwrap();
    World {
        snapshots,
        tokens: HashMap::new(),
        requests: HashMap::new(),
        rng: FixedEntropy::new(entropy),
        coverage: Coverage::default(),
    }
}

#[test]
fn lifecycle_vectors() {
    let path = apart_tests::vectors_dir().join("lifecycle.json");
    let data: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let scenarios = data["scenarios"].as_array().unwrap();
    assert!(scenarios.len() >= 5);
    let mut ids = std::collections::HashSet::new();
    let mut coverage = Coverage::default();
    let mut covered = Vec::new();
    for scenario in scenarios {
        if let Some(id) = scenario["covers"].as_str() {
            covered.push(id.to_owned());
        }
        let id = scenario["id"].as_str().unwrap();
        assert!(ids.insert(id), "duplicate id {id}");
        assert!(!scenario["source"].as_str().unwrap().is_empty());
        let mut world = setup(scenario);
        for (i, step) in scenario["steps"].as_array().unwrap().iter().enumerate() {
            let got = run_step(&mut world, step);
            let expect = step["expect"].as_object().unwrap();
            for (key, want) in expect {
                assert_eq!(
                    &got[key], want,
                    "{id} step {i} ({}): `{key}`; got {got}",
                    step["event"]["type"]
                );
            }
        }
        coverage.taken.append(&mut world.coverage.taken);
        coverage.refused.append(&mut world.coverage.refused);
    }
    // Every row of a covered machine is taken by some step, and its event refused in its state
    // by another.
    assert!(covered.len() >= 5, "covered: {covered:?}");
    for id in covered {
        for (from, event, to) in table_of(&id) {
            let row = (id.clone(), from.clone(), event.clone(), to.clone());
            assert!(coverage.taken.contains(&row), "row never taken: {row:?}");
            let refusal = (id.clone(), from, event);
            assert!(
                coverage.refused.contains(&refusal),
                "never refused: {refusal:?}"
            );
        }
    }
}

/// The diagrams in `docs/machines/` are generated: this test fails when one drifts from its
/// table. Regenerate them with `APART_BLESS=1 cargo test -p apart-tests lifecycle`.
#[test]
fn machine_diagrams_are_up_to_date() {
    let docs = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/machines");
    let machines: [(&str, &str, String); 5] = [
        (
            "onboarding",
            "Machine A: « Créer mon espace » (`apart::account::OnboardingMachine`, spec lifecycle.md §1.3).",
            mermaid::<OnboardingMachine>(),
        ),
        (
            "credential",
            "Machine B: a credential, its throttle and lockout (`apart::account::CredentialMachine`, spec §1.4, §1.7).",
            mermaid::<CredentialMachine>(),
        ),
        (
            "habilitation",
            "Machine C: a habilitation (`apart::account::HabilitationMachine`, spec §1.5; invariants I1–I4 in §1.2).",
            mermaid::<HabilitationMachine>(),
        ),
        (
            "recovery_token",
            "Machine D: a recovery token (`apart::recovery::TokenMachine`, spec §2.2). Expiry is a time predicate checked on redemption, not a state.",
            mermaid::<TokenMachine>(),
        ),
        (
            "mandate",
            "Machine E: an accountant mandate, « contrat de prestation » (`apart::account::MandateMachine`, spec §1.6).",
            mermaid::<MandateMachine>(),
        ),
    ];
    let bless = std::env::var("APART_BLESS").is_ok_and(|v| v == "1");
    let mut stale = Vec::new();
    for (name, intro, diagram) in machines {
        let text = format!(
            "# {name}\n\n{intro}\n\nGenerated from the transition table by `apart::machine::mermaid`; edges read \
             `Event [guards] / actors`. Do not edit: regenerate with `APART_BLESS=1 cargo test -p apart-tests lifecycle`.\n\n```mermaid\n{diagram}```\n"
        );
        let path = docs.join(format!("{name}.md"));
        if bless {
            std::fs::create_dir_all(&docs).unwrap();
            std::fs::write(&path, &text).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale diagrams {stale:?}: regenerate with `APART_BLESS=1 cargo test -p apart-tests lifecycle`"
    );
}
