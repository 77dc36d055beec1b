#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
use super::*;
use crate::diagnostic::Diagnostic;

use crate::calendar::Month;
use crate::machine::{Actor, Machine, Snapshot};
use crate::procedure::da::{DaContext, DaEvent, DaMachine, DaRequest};
use crate::procedure::{DiCode, Establishment, Motive, Period, ProcedureError};

use rust_decimal_macros::dec;
use time::macros::datetime;
use time::{Date, OffsetDateTime};

/// A date from its ISO form (rustfmt would space out `date!(2022-03-01)`).
fn ymd(iso: &str) -> time::Date {
    time::Date::parse(iso, &time::format_description::well_known::Iso8601::DATE).unwrap()
}

const NIR_A: &str = "269054958815780";
const NIR_B: &str = "185077512345608";

pub(crate) fn authorised_da(start: Date, end: Date, filed: OffsetDateTime) -> Snapshot<DaMachine> {
    let da = Snapshot::<DaMachine>::new(DaContext::new(
        "DA-1",
        Establishment::new(
            crate::siret::Siret::parse("73282932000074").unwrap(),
            "Boulangerie Martin",
        ),
        DaRequest::new(
            Motive::EconomicConditions,
            Period::new(start, end).unwrap(),
            2,
            dec!(300),
        ),
    ))
    .unwrap();
    let da = da
        .apply(DaEvent::submit(), Actor::Principal, filed)
        .unwrap()
        .snapshot;
    da.apply(
        DaEvent::Authorise {
            number: "D-1".into(),
            period: Period::new(start, end).unwrap(),
            hours: dec!(300),
            commitments: None,
        },
        Actor::Administration,
        filed + time::Duration::days(3),
    )
    .unwrap()
    .snapshot
}

fn da() -> Snapshot<DaMachine> {
    authorised_da(
        ymd("2022-03-01"),
        ymd("2022-05-31"),
        datetime!(2022-02-10 10:00 +1),
    )
}

const T: OffsetDateTime = datetime!(2022-04-02 09:00 +2);

fn draft() -> Snapshot<DiMachine> {
    DiMachine::create(
        &da(),
        DiCode::parse("DI-1").unwrap(),
        Month::new(2022, 3).unwrap(),
        &[],
        T,
    )
    .unwrap()
}

fn lines() -> Vec<DiLine> {
    vec![
        DiLine::new("Jeanne Martin", NIR_A, dec!(35)),
        DiLine::new("Paul Durand", NIR_B, dec!(20.5)),
    ]
}

fn submitted() -> Snapshot<DiMachine> {
    let d = draft()
        .apply(DiEvent::Edit { lines: lines() }, Actor::Principal, T)
        .unwrap()
        .snapshot;
    d.apply(DiEvent::submit(), Actor::Principal, T)
        .unwrap()
        .snapshot
}

fn code<X>(r: Result<X, crate::machine::TransitionError>) -> &'static str {
    match r {
        Ok(_) => "OK",
        Err(e) => e.code(),
    }
}

fn go(s: &Snapshot<DiMachine>, e: DiEvent, a: Actor) -> Snapshot<DiMachine> {
    s.apply(e, a, T).unwrap().snapshot
}

#[test]
fn line_checks() {
    let ok = |l: Vec<DiLine>| check_lines(&l).map_err(|e| e.code());
    assert_eq!(ok(lines()), Ok(()));
    assert_eq!(ok(vec![]), Err("DI_NO_EMPLOYEE_LINE"));
    assert_eq!(
        ok(vec![DiLine::new(" ", NIR_A, dec!(1))]),
        Err("DI_EMPLOYEE_NAME_REQUIRED")
    );
    let dup = vec![
        DiLine::new("A", NIR_A, dec!(1)),
        DiLine::new("B", "2 69 05 49 588 157 80", dec!(1)),
    ];
    assert_eq!(
        check_lines(&dup),
        Err(ProcedureError::DuplicateEmployee {
            line: 1,
            first_line: 0
        })
    );
    let mut training = DiLine::new("A", NIR_A, dec!(7));
    training.training_hours = dec!(7);
    assert_eq!(ok(vec![training.clone()]), Ok(()));
    training.training_hours = dec!(7.01);
    assert_eq!(ok(vec![training]), Err("DI_TRAINING_EXCEEDS_HOURS"));
}

#[test]
fn create_checks_da_month_deadline_and_duplicates() {
    let code = || DiCode::parse("DI-2").unwrap();
    let m = |mo| Month::new(2022, mo).unwrap();
    assert_eq!(
        DiMachine::create(&da(), code(), m(6), &[], T)
            .unwrap_err()
            .code(),
        "DI_MONTH_OUTSIDE_PERIOD"
    );
    // DA authorised 2022-02-13: six months after 2022-05-31, last day 2022-11-30.
    assert!(DiMachine::create(&da(), code(), m(5), &[], datetime!(2022-11-30 23:59 +1)).is_ok());
    assert_eq!(
        DiMachine::create(&da(), code(), m(5), &[], datetime!(2022-12-01 00:00 +1))
            .unwrap_err()
            .code(),
        "DI_CLAIM_DEADLINE_PASSED"
    );
    assert_eq!(
        DiMachine::create(&da(), code(), m(3), &[draft()], T)
            .unwrap_err()
            .code(),
        "DI_DUPLICATE_MONTH"
    );
    let withdrawn = go(&draft(), DiEvent::Withdraw, Actor::Principal);
    assert!(DiMachine::create(&da(), code(), m(3), &[withdrawn], T).is_ok());
    // The same DA as a draft (a new snapshot must look like one: nothing received or decided).
    let mut request = da().context().clone();
    (request.received_at, request.implicit_at) = (None, None);
    (request.decision_delay_days, request.authorisation) = (None, None);
    let draft_da = Snapshot::<DaMachine>::new(request).unwrap();
    assert_eq!(
        DiMachine::create(&draft_da, code(), m(3), &[], T)
            .unwrap_err()
            .code(),
        "DA_NOT_AUTHORISED"
    );
    assert_eq!(
        DiMachine::di_codes("DA-1", &[draft()]),
        vec![DiCode::parse("DI-1").unwrap()]
    );
}

#[test]
fn submitted_once_the_month_is_over_at_the_callers_offset() {
    let edited_on_31 = datetime!(2022-03-31 09:00 +2);
    let d = draft()
        .apply(
            DiEvent::Edit { lines: lines() },
            Actor::Principal,
            edited_on_31,
        )
        .unwrap()
        .snapshot;
    // 31 March 2022, 23:59 in Paris: March is not over (the date is read in `now`'s offset).
    let last_minute = datetime!(2022-03-31 23:59 +2);
    let err = d
        .apply(DiEvent::submit(), Actor::Principal, last_minute)
        .err()
        .unwrap();
    assert_eq!(err.code(), "DI_MONTH_NOT_ENDED");
    let record = crate::diagnostic::DiagnosticRecord::of(&err);
    assert_eq!(
        record.detail("from").map(|v| v.to_string()).as_deref(),
        Some("2022-04-01")
    );
    assert!(
        d.can(&DiEvent::submit(), Actor::Principal, last_minute)
            .is_err()
    );
    // 1 April 2022, 00:00 in Paris: it is.
    let first_minute = datetime!(2022-04-01 00:00 +2);
    assert_eq!(
        code(d.apply(DiEvent::submit(), Actor::Principal, first_minute)),
        "OK"
    );
}

#[test]
fn submit_guards() {
    let d = draft();
    assert_eq!(
        code(d.apply(DiEvent::submit(), Actor::Principal, T)),
        "DI_NO_EMPLOYEE_LINE"
    );
    let bad_nir = go(
        &d,
        DiEvent::Edit {
            lines: vec![DiLine::new("X", "269054958815781", dec!(1))],
        },
        Actor::Principal,
    );
    assert_eq!(
        code(bad_nir.apply(DiEvent::submit(), Actor::Principal, T)),
        "DI_NIR_INVALID"
    );
    let negative = go(
        &d,
        DiEvent::Edit {
            lines: vec![DiLine::new("X", NIR_A, dec!(-1))],
        },
        Actor::Principal,
    );
    assert_eq!(
        code(negative.apply(DiEvent::submit(), Actor::Principal, T)),
        "DI_NEGATIVE_HOURS"
    );
    let ok = go(&d, DiEvent::Edit { lines: lines() }, Actor::Principal);
    // Authorised 300 h; 250 already claimed + 55.5 h.
    let facts = ClaimFacts {
        hours_claimed_on_da: dec!(250),
        year_hours: vec![],
    };
    assert_eq!(
        code(ok.apply(DiEvent::Submit { facts }, Actor::Principal, T)),
        "DI_AUTHORISED_HOURS_EXCEEDED"
    );
    // Quota 2022: 1 000 h; 965 h already for Jeanne + 35 h = 1 000: fine; 965.01: too many.
    let facts = |h| ClaimFacts {
        hours_claimed_on_da: dec!(0),
        year_hours: vec![EmployeeHours {
            nir: "2 69 05 49 588 157 80".into(),
            hours: h,
        }],
    };
    assert_eq!(
        code(ok.apply(
            DiEvent::Submit {
                facts: facts(dec!(965))
            },
            Actor::Principal,
            T
        )),
        "OK"
    );
    assert_eq!(
        code(ok.apply(
            DiEvent::Submit {
                facts: facts(dec!(965.01))
            },
            Actor::Principal,
            T
        )),
        "DI_ANNUAL_QUOTA_EXCEEDED"
    );
    assert_eq!(
        code(ok.apply(DiEvent::submit(), Actor::Administration, T)),
        "FORBIDDEN_ACTOR"
    );
    let late = datetime!(2022-12-01 00:00 +1);
    assert_eq!(
        code(ok.apply(DiEvent::submit(), Actor::Principal, late)),
        "DI_CLAIM_DEADLINE_PASSED"
    );
}

#[test]
fn instruction_paths() {
    let s = submitted();
    assert_eq!(s.context().submitted_at, Some(T));
    let instr = go(&s, DiEvent::StartInstruction, Actor::Administration);
    let visa = go(&instr, DiEvent::RequestUtVisa, Actor::Administration);
    assert_eq!(visa.state().extranet_code(), 16);
    for from in [&s, &instr, &visa] {
        let v = from
            .apply(DiEvent::Validate, Actor::Administration, T)
            .unwrap();
        assert_eq!(v.snapshot.state(), DiState::Validated);
        assert_eq!(
            v.effects,
            vec![
                DiEffect::NotifyEmployer { status: 9 },
                DiEffect::RecapAvailable {
                    kind: RecapKind::DiValidated
                }
            ]
        );
        assert_eq!(
            code(from.apply(DiEvent::Validate, Actor::Asp, T)),
            "FORBIDDEN_ACTOR"
        );
        let r = go(
            from,
            DiEvent::Reject {
                rejection: Rejection::business("heures non justifiées"),
            },
            Actor::Administration,
        );
        assert_eq!(r.state(), DiState::Rejected);
        assert_eq!(
            code(from.apply(
                DiEvent::Reject {
                    rejection: Rejection::business(" ")
                },
                Actor::Administration,
                T
            )),
            "REASON_REQUIRED"
        );
        assert_eq!(
            code(from.apply(
                DiEvent::Reject {
                    rejection: Rejection::incident("x", "")
                },
                Actor::System,
                T
            )),
            "REASON_REQUIRED"
        );
        assert_eq!(
            code(from.apply(
                DiEvent::Reject {
                    rejection: Rejection::business("x")
                },
                Actor::Principal,
                T
            )),
            "FORBIDDEN_ACTOR"
        );
    }
    assert_eq!(
        go(&s, DiEvent::Withdraw, Actor::Member).state(),
        DiState::Withdrawn
    );
    assert_eq!(
        code(instr.apply(DiEvent::Withdraw, Actor::Member, T)),
        "INVALID_TRANSITION"
    );
    assert_eq!(
        code(visa.apply(DiEvent::RequestUtVisa, Actor::Administration, T)),
        "INVALID_TRANSITION"
    );
    assert_eq!(
        code(s.apply(DiEvent::Edit { lines: vec![] }, Actor::Principal, T)),
        "INVALID_TRANSITION"
    );
}

/// Source: the seed's incident notice ("a pu entraîner, par erreur, un rejet … seront
/// régularisées dans la journée").
#[test]
fn regularisation_only_for_the_incident_and_only_by_asp_or_system() {
    let rejected = go(
        &submitted(),
        DiEvent::Reject {
            rejection: Rejection::incident("rejet technique", "INC-42"),
        },
        Actor::System,
    );
    let reg = |id: &str, a| {
        rejected.apply(
            DiEvent::Regularise {
                incident_id: id.into(),
            },
            a,
            T,
        )
    };
    assert_eq!(code(reg("INC-42", Actor::Principal)), "FORBIDDEN_ACTOR");
    assert_eq!(
        code(reg("INC-42", Actor::Administration)),
        "FORBIDDEN_ACTOR"
    );
    assert_eq!(
        code(reg("INC-41", Actor::Asp)),
        "DI_NOT_REJECTED_BY_INCIDENT"
    );
    let ok = reg("INC-42", Actor::Asp).unwrap().snapshot;
    assert_eq!(ok.state(), DiState::Validated);
    assert_eq!(
        ok.context().regularised_from_incident.as_deref(),
        Some("INC-42")
    );
    assert_eq!(ok.history().last().unwrap().event, "Regularise");
    assert_eq!(code(reg("INC-42", Actor::System)), "OK");
    // An incident rejection is not corrected by the employer.
    assert_eq!(
        code(rejected.apply(DiEvent::Correct, Actor::Principal, T)),
        "DI_REJECTED_BY_INCIDENT"
    );
    // A business rejection is not regularised.
    let business = go(
        &submitted(),
        DiEvent::Reject {
            rejection: Rejection::business("NIR"),
        },
        Actor::Administration,
    );
    assert_eq!(
        code(business.apply(
            DiEvent::Regularise {
                incident_id: "INC-42".into()
            },
            Actor::Asp,
            T
        )),
        "DI_NOT_REJECTED_BY_INCIDENT"
    );
}

#[test]
fn correction_is_a_new_version_within_the_deadline() {
    let business = go(
        &submitted(),
        DiEvent::Reject {
            rejection: Rejection::business("NIR"),
        },
        Actor::Administration,
    );
    let corrected = go(&business, DiEvent::Correct, Actor::Accountant);
    assert_eq!(corrected.state(), DiState::Draft);
    assert_eq!(corrected.context().di_version, 2);
    assert_eq!(corrected.context().code.as_str(), "DI-1");
    assert_eq!(corrected.context().rejection, None);
    assert_eq!(
        code(business.apply(
            DiEvent::Correct,
            Actor::Principal,
            datetime!(2022-12-01 00:00 +1)
        )),
        "DI_CLAIM_DEADLINE_PASSED"
    );
    assert_eq!(
        code(business.apply(DiEvent::Correct, Actor::Asp, T)),
        "FORBIDDEN_ACTOR"
    );
    let again = go(&corrected, DiEvent::submit(), Actor::Principal);
    assert_eq!(again.state(), DiState::Submitted);
}

#[test]
fn payment_and_clawback() {
    let v = go(&submitted(), DiEvent::Validate, Actor::Administration);
    assert_eq!(
        code(v.apply(DiEvent::RequestPayment, Actor::Administration, T)),
        "FORBIDDEN_ACTOR"
    );
    let req = go(&v, DiEvent::RequestPayment, Actor::Asp);
    let invalid = go(
        &req,
        DiEvent::InvalidatePayment {
            reason: "IBAN clos".into(),
        },
        Actor::Asp,
    );
    assert_eq!(invalid.state(), DiState::PaymentInvalidated);
    assert_eq!(
        code(req.apply(
            DiEvent::InvalidatePayment { reason: "".into() },
            Actor::Asp,
            T
        )),
        "REASON_REQUIRED"
    );
    let req = go(&invalid, DiEvent::RequestPayment, Actor::Asp);
    assert_eq!(
        code(req.apply(
            DiEvent::ConfirmPayment {
                amount: dec!(0),
                paid_on: ymd("2022-04-20")
            },
            Actor::Asp,
            T
        )),
        "AMOUNT_NOT_POSITIVE"
    );
    // In cents, below a billion, not before the claim was sent (2022-04-02): the Rust trial
    // of 2026-12-07 paid 0.001 €, 79228162514264337593543950335 € and on 2020-01-01.
    for (amount, paid_on, expected) in [
        (dec!(0.001), "2022-04-20", "AMOUNT_INVALID"),
        (Decimal::MAX, "2022-04-20", "AMOUNT_INVALID"),
        (dec!(512.34), "2022-04-01", "DI_PAID_BEFORE_SUBMISSION"),
    ] {
        let event = DiEvent::ConfirmPayment {
            amount,
            paid_on: ymd(paid_on),
        };
        assert_eq!(code(req.apply(event, Actor::Asp, T)), expected, "{amount}");
    }
    let paid = go(
        &req,
        DiEvent::ConfirmPayment {
            amount: dec!(512.340),
            paid_on: ymd("2022-04-20"),
        },
        Actor::Asp,
    );
    let more_than_paid = DiEvent::OpenClawback {
        amount: dec!(512.35),
        reason: "trop-perçu".into(),
    };
    assert_eq!(
        code(paid.apply(more_than_paid, Actor::Asp, T)),
        "DI_CLAWBACK_EXCEEDS_PAYMENT"
    );
    assert_eq!(paid.state().employer_status(), EmployerStatus::Paid);
    assert_eq!(
        paid.context().payment.as_ref().unwrap().amount,
        dec!(512.34)
    );
    assert!(!paid.is_terminal());
    let or = go(
        &paid,
        DiEvent::OpenClawback {
            amount: dec!(12.34),
            reason: "trop-perçu".into(),
        },
        Actor::Asp,
    );
    assert_eq!(or.state().extranet_code(), 13);
    assert_eq!(
        code(paid.apply(
            DiEvent::OpenClawback {
                amount: dec!(-1),
                reason: "x".into()
            },
            Actor::Asp,
            T
        )),
        "AMOUNT_NOT_POSITIVE"
    );
    let issued = go(&or, DiEvent::IssueClawback, Actor::Asp);
    assert_eq!(issued.state().extranet_code(), 14);
    let cancelled = go(&issued, DiEvent::CancelClawback, Actor::Asp);
    assert_eq!(cancelled.state().extranet_code(), 15);
    assert!(cancelled.is_terminal());
    assert_eq!(
        go(&or, DiEvent::CancelClawback, Actor::Asp).state(),
        DiState::ClawbackInvalidated
    );
}

#[test]
fn every_status_has_its_code_and_view() {
    let codes: Vec<u8> = DiState::ALL.iter().map(|s| s.extranet_code()).collect();
    assert_eq!(codes, [8, 19, 20, 16, 9, 10, 11, 12, 13, 14, 15, 17, 26]);
    for s in DiState::ALL {
        assert_eq!(DiState::from_extranet_code(s.extranet_code()), Some(*s));
        assert!(*s == DiState::Draft || DiMachine::table().iter().any(|r| r.to == *s));
    }
    assert_eq!(DiState::from_extranet_code(1), None);
    assert_eq!(
        DiState::PaymentInvalidated.employer_status(),
        EmployerStatus::Validated
    );
}

#[test]
fn quota_use_across_the_years_dis() {
    let s = submitted();
    let draft_only = draft();
    let report = annual_quota_use(
        crate::law::LawBook::shared().unwrap(),
        2022,
        QuotaCategory::Standard,
        &[s.clone(), draft_only],
    )
    .unwrap();
    assert_eq!(report.len(), 2);
    let jeanne = report
        .iter()
        .find(|q| q.nir_masked.starts_with("26905"))
        .unwrap();
    assert_eq!((jeanne.used, jeanne.remaining), (dec!(35), dec!(965)));
    assert!(
        annual_quota_use(
            crate::law::LawBook::shared().unwrap(),
            2021,
            QuotaCategory::Standard,
            std::slice::from_ref(&s)
        )
        .unwrap()
        .is_empty()
    );
    assert!(
        annual_quota_use(
            crate::law::LawBook::shared().unwrap(),
            2022,
            QuotaCategory::ModernisationWorks,
            std::slice::from_ref(&s)
        )
        .unwrap()
        .is_empty()
    );
    // Facts from the caller's DIs: the April claim sees March's hours.
    let april = DiMachine::create(
        &da(),
        DiCode::parse("DI-2").unwrap(),
        Month::new(2022, 4).unwrap(),
        std::slice::from_ref(&s),
        T,
    )
    .unwrap();
    let facts = ClaimFacts::from_claims(april.context(), &[s.clone(), april.clone()]);
    assert_eq!(facts.hours_claimed_on_da, dec!(55.5));
    assert_eq!(facts.year_hours.len(), 2);
}

/// Issue 11.5: a DI created from a DA that reads a caller's book checks the annual quota of
/// that book (here 40 h in 2022: 55.5 h for one employee do not fit; 1 000 h built in).
#[test]
fn a_callers_law_book_sets_the_annual_quota() {
    use crate::law::{LawBook, Param, Row, Value};
    let mut book = LawBook::builtin().unwrap();
    let row = Row::new(ymd("2022-01-01"), Value::Known(dec!(40)), "test arrêté");
    book.upsert_row(Param::AnnualQuotaHours, row).unwrap();
    let book = std::sync::Arc::new(book);
    let month = Month::new(2022, 3).unwrap();
    let da = da().with_law(book.clone());
    let di = DiMachine::create(&da, DiCode::parse("DI-1").unwrap(), month, &[], T).unwrap();
    let heavy = vec![DiLine::new("Jeanne Martin", NIR_A, dec!(55.5))];
    let di = go(&di, DiEvent::Edit { lines: heavy }, Actor::Principal);
    let submit = |s: &Snapshot<DiMachine>| code(s.apply(DiEvent::submit(), Actor::Principal, T));
    assert_eq!(submit(&di), "DI_ANNUAL_QUOTA_EXCEEDED");
    // The same DI read back without the book: the built-in 1 000 h.
    let read = Snapshot::<DiMachine>::from_json(&di.to_json()).unwrap();
    assert_eq!(submit(&read), "OK");
    assert_eq!(
        submit(&read.with_law(book.clone())),
        "DI_ANNUAL_QUOTA_EXCEEDED"
    );
    // The quota report reads the caller's book too.
    let report = annual_quota_use(&book, 2022, QuotaCategory::Standard, &[]).unwrap();
    assert!(report.is_empty());
}

/// Security audit F2 (issue 13.1): hostile hours from event JSON are typed refusals through
/// `apply` and `can`, never a decimal overflow.
#[test]
fn hostile_hours_are_refused_not_overflowed() {
    use crate::machine::{DynMachine, erase};
    const MAX: &str = "79228162514264337593543950335";
    let m: &dyn DynMachine = erase::<DiMachine>();
    let edited = go(&draft(), DiEvent::Edit { lines: lines() }, Actor::Principal).to_json();
    let code_of = |snapshot: &str, event: String| {
        let applied = m.apply(snapshot, &event, Actor::Principal, T).map(|_| ());
        let checked = m.can(snapshot, &event, Actor::Principal, T);
        assert_eq!(applied, checked);
        applied.map_or_else(|e| e.code(), |()| "OK")
    };
    // Facts: hours already claimed on the DA at the largest decimal.
    let submit = format!(r#"{{"type":"Submit","facts":{{"hours_claimed_on_da":"{MAX}"}}}}"#);
    assert_eq!(code_of(&edited, submit), "DI_HOURS_OUT_OF_RANGE");
    // Facts: an employee's year at the largest decimal, plus one.
    let submit = format!(
        r#"{{"type":"Submit","facts":{{"year_hours":[{{"nir":"{NIR_A}","hours":"{MAX}"}},{{"nir":"{NIR_A}","hours":"1"}}]}}}}"#
    );
    assert_eq!(code_of(&edited, submit), "DI_HOURS_OUT_OF_RANGE");
    // Negative facts would make room: refused.
    let submit = r#"{"type":"Submit","facts":{"hours_claimed_on_da":"-1000"}}"#.to_owned();
    assert_eq!(code_of(&edited, submit), "DI_HOURS_OUT_OF_RANGE");
    // Two lines of the largest hours, then Submit.
    let huge = vec![
        DiLine::new("Jeanne Martin", NIR_A, Decimal::MAX),
        DiLine::new("Paul Durand", NIR_B, Decimal::MAX),
    ];
    let draft_huge = go(&draft(), DiEvent::Edit { lines: huge }, Actor::Principal);
    assert_eq!(
        code_of(&draft_huge.to_json(), r#"{"type":"Submit"}"#.to_owned()),
        "DI_HOURS_OUT_OF_RANGE"
    );
    assert!(draft_huge.context().total_hours().is_err());
    // 744 h on a line is a month of 31 days: accepted by the line check; 744.01 h is not.
    let mut at_limit = lines();
    at_limit[0].hours_not_worked = dec!(744);
    assert_eq!(check_lines(&at_limit), Ok(()));
    at_limit[0].hours_not_worked = dec!(744.01);
    let e = check_lines(&at_limit).unwrap_err();
    assert_eq!(e.code(), "DI_HOURS_OUT_OF_RANGE");
    assert_eq!(
        e,
        ProcedureError::HoursOutOfRange {
            field: "hours_not_worked",
            line: Some(0),
            max: Some("744")
        }
    );
    assert!(
        e.message(crate::diagnostic::Lang::En)
            .contains("0 to 744 h")
    );
}

/// A stored DI forged with lines beyond the limits: its recap and the facts built from it are
/// a typed error or saturate, never an overflow.
#[test]
fn forged_lines_do_not_overflow_recaps_or_facts() {
    let mut s = submitted();
    s.context_mut().lines = vec![
        DiLine::new("Jeanne Martin", NIR_A, Decimal::MAX),
        DiLine::new("Paul Durand", NIR_B, Decimal::MAX),
    ];
    assert_eq!(
        crate::procedure::recap::Recap::of_di(&s, RecapKind::DiSubmitted, None)
            .unwrap_err()
            .code(),
        "DI_HOURS_OUT_OF_RANGE"
    );
    let other = DiMachine::create(
        &da(),
        DiCode::parse("DI-2").unwrap(),
        Month::new(2022, 4).unwrap(),
        &[],
        T,
    )
    .unwrap();
    let facts = ClaimFacts::from_claims(other.context(), &[s.clone(), s.clone()]);
    assert_eq!(facts.hours_claimed_on_da, Decimal::MAX);
    let book = crate::law::LawBook::shared().unwrap();
    let report = annual_quota_use(book, 2022, QuotaCategory::Standard, &[s.clone(), s]).unwrap();
    assert_eq!(report[0].used, Decimal::MAX);
    assert!(report[0].remaining < Decimal::ZERO);
}

#[test]
fn a_state_edited_by_hand_is_refused_on_restore() {
    let edit = |snapshot: &Snapshot<DiMachine>, state: &str| {
        let mut json: serde_json::Value = serde_json::from_str(&snapshot.to_json()).unwrap();
        json["state"] = state.into();
        Snapshot::<DiMachine>::from_value(json).map(|_| ())
    };
    for state in [
        "Submitted",
        "Validated",
        "Paid",
        "Rejected",
        "ClawbackIssued",
    ] {
        assert_eq!(
            edit(&draft(), state).unwrap_err().code(),
            "SNAPSHOT_INCONSISTENT",
            "{state}"
        );
    }
    // With a history, its last state must be the snapshot's too (checked before).
    for state in ["Draft", "Paid", "Rejected", "PaymentInvalidated"] {
        assert_eq!(
            edit(&submitted(), state).unwrap_err().code(),
            "SNAPSHOT_INCONSISTENT",
            "{state}"
        );
    }
    assert!(Snapshot::<DiMachine>::from_json(&submitted().to_json()).is_ok());
}
