//! Reading and writing stored snapshots: what every binding does around each transition
//! (`restore`, `apply` on JSON). A DA accepted by silence and a DI paid after one
//! rejection and its regularisation (six transitions, one line), as the procedure tests build;
//! and one transition of a draft DI, typed and on JSON.
//!
//! Run: `cargo bench -p apart-benches --bench machine -- --warm-up-time 2 --measurement-time 10`
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;

use apart::machine::{Actor, Snapshot};
use apart::procedure::da::{DaContext, DaEvent, DaMachine, DaRequest};
use apart::procedure::di::{DiEvent, DiLine, DiMachine, Rejection};
use apart::procedure::{DiCode, Establishment, Motive, Period};
use apart::siret::Siret;
use criterion::{Criterion, criterion_group, criterion_main};
use rust_decimal::Decimal;
use time::macros::{date, datetime};

fn paid_di() -> (Snapshot<DaMachine>, Snapshot<DiMachine>) {
    let est = Establishment::new(
        Siret::parse("73282932000074").unwrap(),
        "Boulangerie Martin",
    );
    let request = DaRequest::new(
        Motive::EconomicConditions,
        Period::new(date!(2022 - 03 - 01), date!(2022 - 05 - 31)).unwrap(),
        2,
        Decimal::from(300),
    );
    let da = Snapshot::<DaMachine>::new(DaContext::new("DA-1", est, request))
        .unwrap()
        .apply(
            DaEvent::submit(),
            Actor::Principal,
            datetime!(2022-02-10 10:00 +1),
        )
        .unwrap()
        .snapshot
        .tick(datetime!(2022-02-26 00:00 +1))
        .unwrap()
        .snapshot;
    let t = datetime!(2022-04-02 09:00 +2);
    let code = DiCode::parse("DI 0001 23").unwrap();
    let mut di = DiMachine::create(&da, code, "2022-03".parse().unwrap(), &[], t).unwrap();
    let line = DiLine::new("Jeanne Martin", "269054958815780", Decimal::new(355, 1));
    let steps = [
        (DiEvent::Edit { lines: vec![line] }, Actor::Principal),
        (DiEvent::submit(), Actor::Principal),
        (
            DiEvent::Reject {
                rejection: Rejection::incident("rejet", "INC-7"),
            },
            Actor::System,
        ),
        (
            DiEvent::Regularise {
                incident_id: "INC-7".into(),
            },
            Actor::Asp,
        ),
        (DiEvent::RequestPayment, Actor::Asp),
        (
            DiEvent::ConfirmPayment {
                amount: Decimal::new(51234, 2),
                paid_on: date!(2022 - 04 - 15),
            },
            Actor::Asp,
        ),
    ];
    for (event, actor) in steps {
        di = di.apply(event, actor, t).unwrap().snapshot;
    }
    (da, di)
}

fn snapshots(c: &mut Criterion) {
    let (da, di) = paid_di();
    let (da_json, di_json) = (da.to_json(), di.to_json());
    let mut g = c.benchmark_group("snapshot");
    g.bench_function("da_from_json", |b| {
        b.iter(|| Snapshot::<DaMachine>::from_json(black_box(&da_json)).unwrap())
    });
    g.bench_function("di_from_json", |b| {
        b.iter(|| Snapshot::<DiMachine>::from_json(black_box(&di_json)).unwrap())
    });
    g.bench_function("di_to_json", |b| b.iter(|| black_box(&di).to_json()));
    let dyn_di = apart::machine_by_id("apart.di").unwrap();
    g.bench_function("di_restore_dyn", |b| {
        b.iter(|| dyn_di.restore(black_box(&di_json)).unwrap())
    });
    g.finish();
}

/// One transition, typed and through `DynMachine` on JSON (what every binding calls): an edit
/// of a draft DI. Each transition also checks that its snapshot can be stored and read back.
fn transitions(c: &mut Criterion) {
    let (da, _) = paid_di();
    let t = datetime!(2022-04-02 09:00 +2);
    let code = DiCode::parse("DI 0001 24").unwrap();
    let draft = DiMachine::create(&da, code, "2022-03".parse().unwrap(), &[], t).unwrap();
    let line = DiLine::new("Jeanne Martin", "269054958815780", Decimal::new(355, 1));
    let edit = DiEvent::Edit { lines: vec![line] };
    let mut g = c.benchmark_group("transition");
    g.bench_function("di_edit_apply", |b| {
        b.iter(|| {
            draft
                .apply(black_box(edit.clone()), Actor::Principal, t)
                .unwrap()
        })
    });
    let dyn_di = apart::machine_by_id("apart.di").unwrap();
    let draft_json = draft.to_json();
    let edit_json = r#"{"type": "Edit", "lines": [{"employee": "Jeanne Martin",
        "nir": "269054958815780", "hours_not_worked": "35.5"}]}"#;
    g.bench_function("di_edit_apply_dyn", |b| {
        b.iter(|| {
            dyn_di
                .apply(black_box(&draft_json), edit_json, Actor::Principal, t)
                .unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, snapshots, transitions);
criterion_main!(benches);
