//! Recovery requests do the same work whatever the account (security audit R8/F8, issue 13.4):
//! a reset request for an unknown account, a known one and a rate-limited one; an identifier
//! reminder for a known and an unknown address. The medians of each pair should be within 5 %.
//!
//! The entropy is a `FixedEntropy` so that only the library's work is measured (the operating
//! system's generator costs the same in every branch).
//!
//! Run: `cargo bench -p apart-benches --bench recovery -- --warm-up-time 2 --measurement-time 10`
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;

use apart::entropy::FixedEntropy;
use apart::recovery::{
    ReminderAccount, ResetAccount, ResetRequestPolicy, TokenPolicy, request_identifier_reminder,
    request_password_reset,
};
use criterion::{Criterion, criterion_group, criterion_main};
use time::{Duration, OffsetDateTime, macros::datetime};

const NOW: OffsetDateTime = datetime!(2026-03-02 10:00 UTC);

fn reset_requests(c: &mut Criterion) {
    let mut g = c.benchmark_group("request_password_reset");
    let (limits, policy) = (ResetRequestPolicy::default(), TokenPolicy::default());
    let busy = [
        NOW - Duration::minutes(30),
        NOW - Duration::minutes(20),
        NOW - Duration::minutes(10),
    ];
    let account = |recent| ResetAccount {
        identifier: "ID12345",
        email: "claire.martin@boulangerie-martin.fr",
        recent_requests: recent,
        tokens: &[],
    };
    for (name, account) in [
        ("known", Some(account(&[]))),
        ("unknown", None),
        ("rate_limited", Some(account(&busy))),
    ] {
        let mut rng = FixedEntropy::new((0..48u8).collect());
        g.bench_function(name, |b| {
            b.iter(|| {
                request_password_reset(black_box(account), &limits, &policy, &mut rng, NOW).unwrap()
            })
        });
    }
    g.finish();
}

fn reminders(c: &mut Criterion) {
    let mut g = c.benchmark_group("request_identifier_reminder");
    let limits = ResetRequestPolicy::default();
    let ids = vec!["ID12345".to_owned()];
    let known = ReminderAccount {
        email: "claire.martin@boulangerie-martin.fr",
        identifiers: &ids,
        recent_requests: &[],
    };
    for (name, account) in [("known", Some(known)), ("unknown", None)] {
        let mut rng = FixedEntropy::new((0..48u8).collect());
        g.bench_function(name, |b| {
            b.iter(|| {
                request_identifier_reminder(black_box(account), &limits, &mut rng, NOW).unwrap()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, reset_requests, reminders);
criterion_main!(benches);
