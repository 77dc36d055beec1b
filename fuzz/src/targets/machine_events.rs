//! Scenarios of events applied to every machine, as text (one step a line, seeded from the
//! scenarios of `tests/vectors/procedure.json` and `lifecycle.json` by `fuzz/seed_corpus.py`):
//!
//! ```text
//! new <alias> <machine id> <context JSON>          a new snapshot (DynMachine::new_snapshot)
//! state <alias> <machine id> <state> <context JSON> a stored snapshot in that state (restore)
//! restore <alias> <snapshot JSON>                   a stored snapshot as is
//! create <di alias> <da alias> <now> <month> <code> DiMachine::create from the DA
//! event <alias> <actor> <now> <event JSON>          DynMachine::can, then apply
//! tick <alias> <now>                                DynMachine::tick
//! ```
//!
//! `now` is RFC 3339, or `@<unix seconds>,<offset seconds>` for any instant the `time` crate
//! holds (years −9999…9999, offsets that RFC 3339 cannot write), as a caller's clock may give.
//!
//! Checks: no panic; errors render short; `can` and `apply` agree (an event `can` refuses is
//! refused by `apply` with the same code; one `apply` takes, `can` allows); every returned
//! snapshot restores to itself and has the version plus one; at the end every snapshot seals and
//! opens back and answers `allowed_events` for every actor, `tick` and `next_deadline`
//! ([`Depth`]: the last snapshot of an alias holds the history of every step before it).

use std::collections::BTreeMap;

use crate::check_diagnostic;
use crate::machines::{Depth, check_snapshot, check_step};
use apart::calendar::Month;
use apart::diagnostic::Diagnostic;
use apart::machine::{Actor, DynMachine, Snapshot};
use apart::procedure::DiCode;
use apart::procedure::da::DaMachine;
use apart::procedure::di::DiMachine;
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

/// At most this many lines are run: enough for every scenario of the vectors.
const MAX_STEPS: usize = 64;

fn now(text: &str) -> Option<OffsetDateTime> {
    if let Some(raw) = text.strip_prefix('@') {
        let (seconds, offset) = raw.split_once(',').unwrap_or((raw, "0"));
        let utc = OffsetDateTime::from_unix_timestamp(seconds.parse().ok()?).ok()?;
        let offset = UtcOffset::from_whole_seconds(offset.parse().ok()?).ok()?;
        return utc.checked_to_offset(offset);
    }
    OffsetDateTime::parse(text, &Rfc3339).ok()
}

struct World {
    /// alias -> (machine, snapshot JSON)
    snapshots: BTreeMap<String, (&'static dyn DynMachine, String)>,
    last_now: OffsetDateTime,
}

impl World {
    fn store(&mut self, alias: &str, m: &'static dyn DynMachine, snapshot: String) {
        check_snapshot(m, &snapshot, self.last_now, Depth::Restores);
        self.snapshots.insert(alias.to_owned(), (m, snapshot));
    }

    fn setup(
        &mut self,
        alias: &str,
        m: &'static dyn DynMachine,
        result: Result<String, apart::machine::MachineError>,
    ) {
        match result {
            Ok(snapshot) => self.store(alias, m, snapshot),
            Err(e) => check_diagnostic(&e),
        }
    }

    fn event(&mut self, alias: &str, actor: &str, at: &str, event: &str) -> Option<()> {
        let (m, before) = self.snapshots.get(alias)?.clone();
        let actor: Actor = match actor.parse() {
            Ok(a) => a,
            Err(e) => {
                check_diagnostic(&e);
                return None;
            }
        };
        let at = now(at)?;
        let can = m.can(&before, event, actor, at);
        let applied = m.apply(&before, event, actor, at);
        match (&can, &applied) {
            (Err(refused), Err(failed)) => {
                check_diagnostic(refused);
                assert_eq!(refused.code(), failed.code(), "can and apply disagree");
            }
            (Err(refused), Ok(_)) => panic!("can refused ({}) what apply took", refused.code()),
            (Ok(()), Err(failed)) => check_diagnostic(failed),
            (Ok(()), Ok(_)) => {}
        }
        let step = applied.ok()?;
        let (version_before, version_after) = check_step(m, &before, &step, at, Depth::Restores);
        assert_eq!(version_after, version_before + 1);
        self.last_now = at;
        self.snapshots.insert(alias.to_owned(), (m, step.snapshot));
        Some(())
    }

    fn tick(&mut self, alias: &str, at: &str) -> Option<()> {
        let (m, before) = self.snapshots.get(alias)?.clone();
        let at = now(at)?;
        match m.tick(&before, at) {
            Ok(step) => {
                // Every stored snapshot was checked to `Restores` on its way in: when nothing
                // was due the tick gives it back unchanged, and only its effects and version
                // remain to check.
                let depth = if step.snapshot == before {
                    Depth::Checked
                } else {
                    Depth::Restores
                };
                check_step(m, &before, &step, at, depth);
                self.last_now = at;
                self.snapshots.insert(alias.to_owned(), (m, step.snapshot));
            }
            Err(e) => check_diagnostic(&e),
        }
        Some(())
    }

    fn create(&mut self, di: &str, da: &str, at: &str, month: &str, code: &str) -> Option<()> {
        let (_, da_json) = self.snapshots.get(da)?;
        let da = Snapshot::<DaMachine>::from_json(da_json).ok()?;
        let at = now(at)?;
        let month: Month = match month.parse() {
            Ok(m) => m,
            Err(e) => {
                check_diagnostic(&e);
                return None;
            }
        };
        let code = match DiCode::parse(code) {
            Ok(c) => c,
            Err(e) => {
                check_diagnostic(&e);
                return None;
            }
        };
        let existing: Vec<Snapshot<DiMachine>> = self
            .snapshots
            .values()
            .filter(|(m, _)| m.id() == "apart.di")
            .filter_map(|(_, json)| Snapshot::<DiMachine>::from_json(json).ok())
            .collect();
        match DiMachine::create(&da, code, month, &existing, at) {
            Ok(created) => {
                let m = apart::machine_by_id("apart.di").expect("the DI machine");
                self.last_now = at;
                self.store(di, m, created.to_json());
            }
            Err(e) => check_diagnostic(&e),
        }
        Some(())
    }

    fn run(&mut self, line: &str) -> Option<()> {
        let (verb, rest) = line.split_once(' ')?;
        match verb {
            "new" => {
                let (alias, rest) = rest.split_once(' ')?;
                let (id, context) = rest.split_once(' ')?;
                let m = apart::machine_by_id(id)?;
                self.setup(alias, m, m.new_snapshot(context));
            }
            "state" => {
                let (alias, rest) = rest.split_once(' ')?;
                let (id, rest) = rest.split_once(' ')?;
                let (state, context) = rest.split_once(' ')?;
                let m = apart::machine_by_id(id)?;
                let context: serde_json::Value = serde_json::from_str(context).ok()?;
                let wire = serde_json::json!({
                    "machine": id, "schema_version": m.schema_version(), "state": state,
                    "context": context, "version": 0, "history": []
                });
                self.setup(alias, m, m.restore(&wire.to_string()));
            }
            "restore" => {
                let (alias, snapshot) = rest.split_once(' ')?;
                let m = crate::machines::named(snapshot, alias.len() as u8);
                self.setup(alias, m, m.restore(snapshot));
            }
            "create" => {
                let mut parts = rest.splitn(5, ' ');
                let (di, da, at, month) =
                    (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
                self.create(di, da, at, month, parts.next().unwrap_or(""))?;
            }
            "event" => {
                let mut parts = rest.splitn(4, ' ');
                let (alias, actor, at) = (parts.next()?, parts.next()?, parts.next()?);
                self.event(alias, actor, at, parts.next()?)?;
            }
            "tick" => {
                let (alias, at) = rest.split_once(' ')?;
                self.tick(alias, at)?;
            }
            _ => {}
        }
        Some(())
    }
}

/// Runs a script and returns the snapshots it leaves, machine by machine (the seeds of
/// `snapshot_json`), with the instant of the last step that took.
fn play(script: &str) -> World {
    let mut world = World {
        snapshots: BTreeMap::new(),
        last_now: time::macros::datetime!(2026-03-02 10:00 +01:00),
    };
    for line in script.lines().take(MAX_STEPS) {
        let _ = world.run(line);
    }
    world
}

/// The snapshots a script leaves (checked on the way).
pub fn world(script: &str) -> Vec<(&'static dyn DynMachine, String)> {
    play(script).snapshots.into_values().collect()
}

/// One fuzz input.
pub fn run(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let world = play(input);
    let now = world.last_now;
    for (m, snapshot) in world.snapshots.values() {
        check_snapshot(*m, snapshot, now, Depth::Answers);
    }
}
