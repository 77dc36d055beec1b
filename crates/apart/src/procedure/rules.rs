//! The dated procedural parameters: decision delays, late-filing windows, maximum durations,
//! DI filing deadlines and annual hour quotas. One table each, one row per period, every row
//! with the date it applies `from` and its `source`; a row applies until the next row's `from`.
//!
//! Figures and sources come from the project's spec (`indemnity.md` §1.8 and §3,
//! `lifecycle.md` §3.1). Each table says which date selects its row (the date of receipt, the
//! first day of the period, the date of authorisation…): it is part of the rule.
//!
//! # Day counting (spec `lifecycle.md` §10, Q8)
//!
//! Delays count **calendar days on the establishment's local date**, taken from the UTC
//! offset of the instant given (`now` as the caller passes it): the day of receipt is not
//! counted, counting starts the day after, and a delay of `n` days ends at the end of the
//! `n`-th day. The effect (implicit acceptance) takes place at **00:00 local time on the day
//! after the last day**. No extension for weekends or public holidays. The library has no
//! time-zone database (it stays pure and small): the offset of the instant of receipt is used
//! for every deadline derived from it.
//!
//! ```
//! use apart::procedure::rules;
//! use time::macros::datetime;
//! // Received on Wednesday 2021-03-10 at 23:30 in Guadeloupe (UTC-4): day 1 is 03-11, day 15
//! // is 03-25, accepted at 00:00 on 03-26, local time.
//! let (at, days) = rules::implicit_acceptance_at(datetime!(2021-03-10 23:30 -4))?;
//! assert_eq!((at, days), (datetime!(2021-03-26 00:00 -4), 15));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use rust_decimal::Decimal;
use serde::Serialize;
use time::macros::date;
use time::{Date, Duration, OffsetDateTime, Time, UtcOffset};

use super::{Motive, ProcedureError};

/// One row of a dated table: `value` applies from `from` until the next row's `from`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Dated<T: 'static> {
    /// The first day the row applies.
    #[serde(with = "super::iso_date")]
    pub from: Date,
    /// The value.
    pub value: T,
    /// The legal text (and the spec's sources for it).
    pub source: &'static str,
}

/// The row of `table` in force on `date`.
///
/// # Errors
///
/// `RULE_NOT_COVERED` when `date` is before the table's first row.
pub fn select<T>(
    rule: &'static str,
    table: &'static [Dated<T>],
    date: Date,
) -> Result<&'static Dated<T>, ProcedureError> {
    table
        .iter()
        .rev()
        .find(|row| row.from <= date)
        .ok_or(ProcedureError::RuleNotCovered { rule, date })
}

/// The delay, in calendar days, within which the administration decides on a DA before its
/// silence means acceptance. Selected by the **local date of receipt**.
///
/// The 2-day derogation ends on 2020-09-30, as the spec's confirmed sources say
/// (`indemnity.md` §3.1: décret 2020-325 art. 2 III, abrogated by décret 2020-1188, four
/// concordant sources). `lifecycle.md` §3.1 quotes "jusqu'au 31 décembre 2020" from a single
/// secondary source (trajectoires-tourisme); we do not follow it.
#[rustfmt::skip] // keeps `date!(2020-03-01)` readable
pub const DECISION_DELAY_DAYS: &[Dated<u8>] = &[
    Dated {
        from: date!(2013-07-01),
        value: 15,
        source: "C. trav. R5122-4 (décret 2013-551)",
    },
    Dated {
        from: date!(2020-03-01),
        value: 2,
        source: "décret 2020-325 art. 2 III (ufcc.fr, horizon63.cerfrance.fr, za-avocats.fr, capstan.fr)",
    },
    Dated {
        from: date!(2020-10-01),
        value: 15,
        source: "C. trav. R5122-4; décret 2020-1188 abrogating the 2-day derogation",
    },
];

/// Which motives may be filed after the placement, and how many days after. Selected by the
/// **first day of the requested period** (the placement).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LateFiling {
    /// Days after the placement within which the request may still be filed.
    pub days: u8,
    /// The motives allowed to file late; every other motive files before the placement.
    pub motives: &'static [Motive],
}

/// The late-filing windows of R5122-3.
#[rustfmt::skip] // keeps `date!(2020-03-01)` readable
pub const LATE_FILING: &[Dated<LateFiling>] = &[
    Dated {
        from: date!(2013-07-01),
        value: LateFiling {
            days: 30,
            motives: &[Motive::DisasterOrWeather],
        },
        source: "C. trav. R5122-3 (2012 wording, juriblio.fr)",
    },
    Dated {
        from: date!(2020-03-01),
        value: LateFiling {
            days: 30,
            motives: &[Motive::DisasterOrWeather, Motive::ExceptionalCircumstances],
        },
        source: "C. trav. R5122-3 as amended by décret 2020-325 (gimssi.org, consultation.avocat.fr); whether 5° keeps it today is UNCONFIRMED",
    },
];

/// The maximum duration of one authorisation, and the cumulative limit when there is one.
/// Selected by the **local date the request is received**: the rule governs the request and its
/// decision, and the date of receipt is the one known when it is filed (a request received on
/// 2020-03-27 for a placement from 2020-03-16, the Covid case, gets 12 months; one received on
/// 2021-07-01 gets 3, whatever its period). The decision date is not used: it is unknown at
/// filing, and an implicit decision would make the limit depend on the administration's silence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DurationLimit {
    /// The longest authorisation, in months, for motives other than 3°.
    pub months: u8,
    /// The longest authorisation for sinistre / intempéries (3°).
    pub disaster_months: u8,
    /// The cumulative limit over a rolling window, if any (motives other than 3°).
    pub cumulative: Option<CumulativeLimit>,
}

/// At most `months` of authorisation within any `window_months` consecutive months, the
/// window ending on the last day of the requested period; days before `counted_from` are not
/// counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CumulativeLimit {
    /// The most authorised months within the window.
    pub months: u8,
    /// The window's length in months.
    pub window_months: u8,
    /// Days before this date do not count.
    #[serde(with = "super::iso_date")]
    pub counted_from: Date,
}

/// The maximum durations of R5122-9.
#[rustfmt::skip] // keeps `date!(2020-03-01)` readable
pub const MAX_DURATION: &[Dated<DurationLimit>] = &[
    Dated {
        from: date!(2013-07-01),
        value: DurationLimit {
            months: 6,
            disaster_months: 6,
            cumulative: None,
        },
        source: "C. trav. R5122-9 (décret 2013-551): 6 months, renewable",
    },
    Dated {
        from: date!(2020-03-26),
        value: DurationLimit {
            months: 12,
            disaster_months: 12,
            cumulative: None,
        },
        source: "C. trav. R5122-9 as amended by décret 2020-325: 12 months (french-business-law.com, legal-resources.eu)",
    },
    Dated {
        from: date!(2021-07-01),
        value: DurationLimit {
            months: 3,
            disaster_months: 6,
            cumulative: Some(CumulativeLimit {
                months: 6,
                window_months: 12,
                counted_from: date!(2021-07-01),
            }),
        },
        source: "C. trav. R5122-9 in force from 2021-07-01: 3 months renewable within 6 over 12 consecutive months; 6 months for sinistre/intempéries (legal-resources.eu, intersoftone.fr, svp.com; window counted back from the last day: Ministry Q/R 2023-02-27 via capstan.fr)",
    },
];

/// How long after the end of the authorised period a DI may be filed, in months. Selected by
/// the **date of authorisation** (explicit decision, or implicit acceptance).
#[rustfmt::skip] // keeps `date!(2020-03-01)` readable
pub const CLAIM_DEADLINE_MONTHS: &[Dated<u8>] = &[
    Dated {
        from: date!(2018-09-24),
        value: 12,
        source: "C. trav. L5122-1 IV, loi 2018-1317 (LF 2019) art. 272: one year for DAs from 2018-09-24",
    },
    Dated {
        from: date!(2020-12-31),
        value: 6,
        source: "C. trav. L5122-1 IV, loi 2020-1721 (LF 2021) art. 210: six months for DAs from 2020-12-31 (kpmg-pulse.fr, ffbatiment.fr)",
    },
];

/// The annual quota of hours per employee. Selected by **1 January of the year** the hours
/// belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AnnualQuota {
    /// The quota for every motive, in hours.
    pub hours: u32,
    /// The quota for modernisation works of installations and buildings (motive 4°).
    pub works_hours: u32,
}

/// The annual quotas (arrêtés under R5122-6).
#[rustfmt::skip] // keeps `date!(2020-03-01)` readable
pub const ANNUAL_QUOTA: &[Dated<AnnualQuota>] = &[
    Dated {
        from: date!(2014-01-01),
        value: AnnualQuota {
            hours: 1000,
            works_hours: 100,
        },
        source: "arrêté du 26 août 2013 (service-public F23503); earlier years are not covered",
    },
    Dated {
        from: date!(2020-01-01),
        value: AnnualQuota {
            hours: 1607,
            works_hours: 100,
        },
        source: "arrêté du 31 mars 2020 (2020), arrêté du 10 mai 2021 (2021) (gmi.fr, petrel-avocats.com)",
    },
    Dated {
        from: date!(2022-01-01),
        value: AnnualQuota {
            hours: 1000,
            works_hours: 100,
        },
        source: "arrêté du 26 août 2013 again (service-public F23503)",
    },
];

/// The local date of an instant, in its own UTC offset.
pub fn local_date(at: OffsetDateTime) -> Date {
    at.date()
}

/// 00:00 on `date` at `offset`.
pub fn start_of_day(date: Date, offset: UtcOffset) -> OffsetDateTime {
    date.with_time(Time::MIDNIGHT).assume_offset(offset)
}

/// `date` moved by `months` calendar months, the day clamped to the end of a shorter month
/// (2021-08-31 + 1 month = 2021-09-30). `None` outside the supported range.
///
/// ```
/// use apart::procedure::rules::add_months;
/// use time::macros::date;
/// assert_eq!(add_months(date!(2021-08-31), 1), Some(date!(2021-09-30)));
/// assert_eq!(add_months(date!(2022-03-31), -12), Some(date!(2021-03-31)));
/// ```
pub fn add_months(date: Date, months: i32) -> Option<Date> {
    let index = date.year().checked_mul(12)? + i32::from(u8::from(date.month())) - 1;
    let target = index.checked_add(months)?;
    let year = target.div_euclid(12);
    let month = u8::try_from(target.rem_euclid(12) + 1).ok()?;
    let month = time::Month::try_from(month).ok()?;
    let day = date.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).ok()
}

/// The last day of a period of `months` months starting on `start` (the day before
/// `start + months`).
pub fn last_day_of_months(start: Date, months: u8) -> Option<Date> {
    add_months(start, i32::from(months))?.previous_day()
}

/// When silence means acceptance for a DA received at `received_at`, and the delay applied.
///
/// # Errors
///
/// `RULE_NOT_COVERED` for a receipt before the first row of [`DECISION_DELAY_DAYS`].
pub fn implicit_acceptance_at(
    received_at: OffsetDateTime,
) -> Result<(OffsetDateTime, u8), ProcedureError> {
    let received_on = local_date(received_at);
    let row = select("decision_delay", DECISION_DELAY_DAYS, received_on)?;
    // Day 1 is the day after receipt; day `n` is the last one; acceptance at 00:00 the next day.
    let acceptance_day = received_on
        .checked_add(Duration::days(i64::from(row.value) + 1))
        .ok_or(ProcedureError::RuleNotCovered {
            rule: "decision_delay",
            date: received_on,
        })?;
    Ok((
        start_of_day(acceptance_day, received_at.offset()),
        row.value,
    ))
}

/// The last local day on which a DA with this motive and placement date may be filed.
///
/// # Errors
///
/// `RULE_NOT_COVERED` for a placement before the first row of [`LATE_FILING`].
pub fn last_filing_day(motive: Motive, placement: Date) -> Result<Date, ProcedureError> {
    let row = select("late_filing", LATE_FILING, placement)?;
    if row.value.motives.contains(&motive) {
        placement
            .checked_add(Duration::days(i64::from(row.value.days)))
            .ok_or(ProcedureError::RuleNotCovered {
                rule: "late_filing",
                date: placement,
            })
    } else {
        Ok(placement)
    }
}

/// The last local day on which a DI may be filed for an authorisation given on
/// `authorised_on` whose period ends on `period_end`: `period_end` plus the months of
/// [`CLAIM_DEADLINE_MONTHS`], on the same day of the month, or the month's last day when it
/// has no such day (the rule of C. pr. civ. art. 641 for delays in months: a period ending on
/// 2022-04-30 can be claimed until 2022-10-30, one ending on 2022-03-31 until 2022-09-30).
///
/// ```
/// use apart::procedure::rules::claims_last_day;
/// use time::macros::date;
/// // Authorised on 2020-12-30: one year. On 2020-12-31: six months.
/// assert_eq!(claims_last_day(date!(2020-12-30), date!(2021-01-31))?, date!(2022-01-31));
/// assert_eq!(claims_last_day(date!(2020-12-31), date!(2021-03-31))?, date!(2021-09-30));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// `RULE_NOT_COVERED` for an authorisation before 2018-09-24.
pub fn claims_last_day(authorised_on: Date, period_end: Date) -> Result<Date, ProcedureError> {
    let row = select("claim_deadline", CLAIM_DEADLINE_MONTHS, authorised_on)?;
    add_months(period_end, i32::from(row.value)).ok_or(ProcedureError::RuleNotCovered {
        rule: "claim_deadline",
        date: period_end,
    })
}

/// The annual quota of hours per employee for `year`.
///
/// ```
/// use apart::procedure::rules::annual_quota_hours;
/// assert_eq!(annual_quota_hours(2021, false)?.to_string(), "1607");
/// assert_eq!(annual_quota_hours(2022, false)?.to_string(), "1000");
/// assert_eq!(annual_quota_hours(2021, true)?.to_string(), "100");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// `RULE_NOT_COVERED` for a year before 2014 or beyond the calendar.
pub fn annual_quota_hours(year: i32, works: bool) -> Result<Decimal, ProcedureError> {
    let jan1 = Date::from_calendar_date(year, time::Month::January, 1).map_err(|_| {
        ProcedureError::RuleNotCovered {
            rule: "annual_quota",
            date: Date::MIN,
        }
    })?;
    let row = select("annual_quota", ANNUAL_QUOTA, jan1)?;
    Ok(Decimal::from(if works {
        row.value.works_hours
    } else {
        row.value.hours
    }))
}

/// Checks that `period`, in a request received on `received_on` (local date), respects the
/// maximum duration for `motive` ([`MAX_DURATION`]), and the cumulative limit given the
/// establishment's `other_authorised` periods (other DAs, excluding the one an amendment
/// replaces).
///
/// The cumulative limit is measured in days: the union of authorised days within the window
/// (the 12 months ending on `period.end()`, days from `counted_from` on) may not exceed the
/// days of the 6 calendar months ending on `period.end()` (181 to 184 days).
///
/// # Errors
///
/// `DA_DURATION_EXCEEDED`, `DA_CUMULATIVE_DURATION_EXCEEDED` or `RULE_NOT_COVERED`.
pub fn check_duration(
    motive: Motive,
    period: &super::Period,
    other_authorised: &[super::Period],
    received_on: Date,
) -> Result<(), ProcedureError> {
    let row = select("max_duration", MAX_DURATION, received_on)?;
    let disaster = motive == Motive::DisasterOrWeather;
    let months = if disaster {
        row.value.disaster_months
    } else {
        row.value.months
    };
    let last_allowed =
        last_day_of_months(period.start(), months).ok_or(ProcedureError::RuleNotCovered {
            rule: "max_duration",
            date: period.start(),
        })?;
    if period.end() > last_allowed {
        return Err(ProcedureError::DurationExceeded {
            max_months: months,
            last_allowed,
        });
    }
    let Some(cumulative) = row.value.cumulative.filter(|_| !disaster) else {
        return Ok(());
    };
    let not_covered = ProcedureError::RuleNotCovered {
        rule: "max_duration",
        date: period.end(),
    };
    // "n months ending on `end`" starts on `(end + 1 day) - n months`, so that the 6 months
    // ending on 2022-06-30 start on 2022-01-01.
    let after_end = period.end().next_day().ok_or(not_covered.clone())?;
    let window_start = add_months(after_end, -i32::from(cumulative.window_months))
        .ok_or(not_covered.clone())?
        .max(cumulative.counted_from);
    let limit_start = add_months(after_end, -i32::from(cumulative.months)).ok_or(not_covered)?;
    let limit_days = (period.end() - limit_start).whole_days() + 1;
    if window_start > period.end() {
        return Ok(());
    }
    let window = super::Period {
        start: window_start,
        end: period.end(),
    };
    let mut spans: Vec<super::Period> = other_authorised
        .iter()
        .chain(std::iter::once(period))
        .filter_map(|p| p.intersection(&window))
        .collect();
    spans.sort();
    let mut total_days = 0i64;
    let mut covered_until: Option<Date> = None;
    for span in spans {
        let start = match covered_until {
            Some(until) if until >= span.start() => match until.next_day() {
                Some(next) => next,
                None => continue,
            },
            _ => span.start(),
        };
        if start <= span.end() {
            total_days += (span.end() - start).whole_days() + 1;
            covered_until = Some(span.end());
        }
    }
    if total_days > limit_days {
        return Err(ProcedureError::CumulativeDurationExceeded {
            limit_days,
            total_days,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::error::Diagnostic;
    use crate::procedure::Period;
    use time::macros::datetime;

    /// A date from its ISO form (rustfmt would space out `date!(2022-03-01)`).
    fn ymd(iso: &str) -> time::Date {
        time::Date::parse(iso, &time::format_description::well_known::Iso8601::DATE).unwrap()
    }

    fn check_table<T>(table: &[Dated<T>]) {
        assert!(!table.is_empty());
        for pair in table.windows(2) {
            assert!(pair[0].from < pair[1].from, "dates must increase");
        }
        for row in table {
            assert!(!row.source.is_empty());
        }
    }

    #[test]
    fn every_table_has_increasing_dates_and_sources() {
        check_table(DECISION_DELAY_DAYS);
        check_table(LATE_FILING);
        check_table(MAX_DURATION);
        check_table(CLAIM_DEADLINE_MONTHS);
        check_table(ANNUAL_QUOTA);
        assert!(
            DECISION_DELAY_DAYS
                .iter()
                .all(|r| (1..=60).contains(&r.value))
        );
        assert!(
            CLAIM_DEADLINE_MONTHS
                .iter()
                .all(|r| (1..=48).contains(&r.value))
        );
        assert!(
            ANNUAL_QUOTA
                .iter()
                .all(|r| r.value.works_hours < r.value.hours)
        );
    }

    /// Source: R5122-4 (15 days); décret 2020-325 art. 2 III, 2020-03-01..2020-09-30 (2 days).
    #[test]
    fn decision_delay_by_local_date_of_receipt() {
        let at = |t| implicit_acceptance_at(t).unwrap();
        assert_eq!(at(datetime!(2020-02-29 12:00 +1)).1, 15);
        assert_eq!(at(datetime!(2020-03-01 00:00 +1)).1, 2);
        assert_eq!(at(datetime!(2020-09-30 23:59 +2)).1, 2);
        assert_eq!(at(datetime!(2020-10-01 00:00 +2)).1, 15);
        // 2020-09-30 23:30 in Tahiti (UTC-10) is already 10-01 in UTC: local date decides.
        assert_eq!(
            at(datetime!(2020-09-30 23:30 -10)),
            (datetime!(2020-10-03 00:00 -10), 2)
        );
        assert_eq!(
            at(datetime!(2020-10-01 09:30 UTC)),
            (datetime!(2020-10-17 00:00 UTC), 15)
        );
        assert_eq!(
            implicit_acceptance_at(datetime!(2013-06-30 12:00 UTC))
                .unwrap_err()
                .code(),
            "RULE_NOT_COVERED"
        );
    }

    /// Source: R5122-9 (6 months; 12 months for requests from 2020-03-26, décret 2020-325; from
    /// 2021-07-01, 3 months, 6 for sinistre), selected by the date of receipt.
    #[test]
    fn durations_on_both_sides_of_2021_07_01() {
        let p = |a, b| Period::new(a, b).unwrap();
        let m = Motive::EconomicConditions;
        let before = ymd("2021-06-30");
        let after = ymd("2021-07-01");
        // Received 2021-06-30: 12 months, a period from 2021-07-15 may end on 2022-07-14.
        assert!(check_duration(m, &p(ymd("2021-07-15"), ymd("2022-07-14")), &[], before).is_ok());
        let err =
            check_duration(m, &p(ymd("2021-07-15"), ymd("2022-07-15")), &[], before).unwrap_err();
        assert_eq!(
            err,
            ProcedureError::DurationExceeded {
                max_months: 12,
                last_allowed: ymd("2022-07-14")
            }
        );
        // Received 2021-07-01: 3 months, to 2021-10-14.
        assert!(check_duration(m, &p(ymd("2021-07-15"), ymd("2022-07-14")), &[], after).is_err());
        assert!(check_duration(m, &p(ymd("2021-07-15"), ymd("2021-10-14")), &[], after).is_ok());
        let err =
            check_duration(m, &p(ymd("2021-07-15"), ymd("2021-10-15")), &[], after).unwrap_err();
        assert_eq!(
            err,
            ProcedureError::DurationExceeded {
                max_months: 3,
                last_allowed: ymd("2021-10-14")
            }
        );
        // Sinistre: 6 months from 2021-07-01.
        let d = Motive::DisasterOrWeather;
        assert!(check_duration(d, &p(ymd("2021-07-01"), ymd("2021-12-31")), &[], after).is_ok());
        assert!(check_duration(d, &p(ymd("2021-07-01"), ymd("2022-01-01")), &[], after).is_err());
        // Received 2020-03-25: 6 months; from 2020-03-26: 12 months (Covid placements of March).
        let covid = p(ymd("2020-03-16"), ymd("2021-03-15"));
        assert!(check_duration(m, &covid, &[], ymd("2020-03-26")).is_ok());
        assert_eq!(
            check_duration(m, &covid, &[], ymd("2020-03-25")).unwrap_err(),
            ProcedureError::DurationExceeded {
                max_months: 6,
                last_allowed: ymd("2020-09-15")
            }
        );
        assert_eq!(
            check_duration(m, &covid, &[], ymd("2013-06-30"))
                .unwrap_err()
                .code(),
            "RULE_NOT_COVERED"
        );
    }

    /// Source: R5122-9 from 2021-07-01: 6 months over 12 consecutive months, window counted
    /// back from the last requested day (Ministry Q/R 2023-02-27).
    #[test]
    fn cumulative_six_in_twelve() {
        let p = |a, b| Period::new(a, b).unwrap();
        let m = Motive::EconomicConditions;
        let first = p(ymd("2022-01-01"), ymd("2022-03-31"));
        let second = p(ymd("2022-04-01"), ymd("2022-06-30"));
        // 3 + 3 months: exactly 6 months ending 2022-06-30 (181 days).
        assert!(check_duration(m, &second, &[first], ymd("2022-03-15")).is_ok());
        // One more day, the day after: refused.
        let third = p(ymd("2022-07-01"), ymd("2022-07-01"));
        let err = check_duration(m, &third, &[first, second], ymd("2022-03-15")).unwrap_err();
        assert_eq!(err.code(), "DA_CUMULATIVE_DURATION_EXCEEDED");
        // Once January has left the 12-month window, room again.
        let later = p(ymd("2023-01-01"), ymd("2023-01-31"));
        assert!(check_duration(m, &later, &[first, second], ymd("2022-03-15")).is_ok());
        // Periods before 2021-07-01 do not count.
        let old = p(ymd("2021-01-01"), ymd("2021-06-30"));
        let new = p(ymd("2021-07-01"), ymd("2021-09-30"));
        assert!(check_duration(m, &new, &[old], ymd("2022-03-15")).is_ok());
        // Overlapping periods are counted once.
        assert!(check_duration(m, &second, &[first, first, second], ymd("2022-03-15")).is_ok());
        // Sinistre escapes the cumulative limit.
        assert!(
            check_duration(
                Motive::DisasterOrWeather,
                &p(ymd("2022-07-01"), ymd("2022-12-31")),
                &[first, second],
                ymd("2022-03-15")
            )
            .is_ok()
        );
    }

    /// Source: L5122-1 IV (LF 2019 art. 272: 1 year; LF 2021 art. 210: 6 months from 2020-12-31).
    #[test]
    fn claim_deadlines_on_both_sides_of_their_change() {
        assert_eq!(
            claims_last_day(ymd("2020-12-30"), ymd("2021-03-31")).unwrap(),
            ymd("2022-03-31")
        );
        assert_eq!(
            claims_last_day(ymd("2020-12-31"), ymd("2021-03-31")).unwrap(),
            ymd("2021-09-30")
        );
        assert_eq!(
            claims_last_day(ymd("2018-09-24"), ymd("2018-12-31")).unwrap(),
            ymd("2019-12-31")
        );
        assert_eq!(
            claims_last_day(ymd("2018-09-23"), ymd("2018-12-31"))
                .unwrap_err()
                .code(),
            "RULE_NOT_COVERED"
        );
    }

    /// Source: spec indemnity.md §1.8 (1 607 h in 2020 and 2021, 1 000 h otherwise, 100 h works).
    #[test]
    fn quotas_by_year() {
        let q = |y, w| annual_quota_hours(y, w).unwrap();
        assert_eq!(q(2019, false), Decimal::from(1000));
        assert_eq!(q(2020, false), Decimal::from(1607));
        assert_eq!(q(2021, false), Decimal::from(1607));
        assert_eq!(q(2022, false), Decimal::from(1000));
        assert_eq!(q(2026, true), Decimal::from(100));
        assert!(annual_quota_hours(2013, false).is_err());
    }

    #[test]
    fn late_filing_by_motive_and_date() {
        let d = ymd("2020-04-01");
        assert_eq!(
            last_filing_day(Motive::ExceptionalCircumstances, d).unwrap(),
            ymd("2020-05-01")
        );
        assert_eq!(last_filing_day(Motive::EconomicConditions, d).unwrap(), d);
        assert_eq!(
            last_filing_day(Motive::ExceptionalCircumstances, ymd("2020-02-29")).unwrap(),
            ymd("2020-02-29")
        );
        assert_eq!(
            last_filing_day(Motive::DisasterOrWeather, ymd("2020-02-29")).unwrap(),
            ymd("2020-03-30")
        );
    }

    #[test]
    fn no_panic_at_the_end_of_the_calendar() {
        let end = Date::MAX.with_time(Time::MIDNIGHT).assume_utc();
        assert!(implicit_acceptance_at(end).is_err());
        assert!(last_filing_day(Motive::DisasterOrWeather, Date::MAX).is_err());
        assert_eq!(
            last_filing_day(Motive::EconomicConditions, Date::MAX),
            Ok(Date::MAX)
        );
        assert!(claims_last_day(Date::MAX, Date::MAX).is_err());
        assert!(annual_quota_hours(i32::MAX, false).is_err());
        let p = Period::new(Date::MAX, Date::MAX).unwrap();
        assert!(check_duration(Motive::EconomicConditions, &p, &[], Date::MAX).is_err());
    }

    #[test]
    fn add_months_clamps() {
        assert_eq!(add_months(ymd("2020-02-29"), 12), Some(ymd("2021-02-28")));
        assert_eq!(add_months(ymd("2021-01-31"), 1), Some(ymd("2021-02-28")));
        assert_eq!(add_months(ymd("2021-01-15"), -13), Some(ymd("2019-12-15")));
        assert_eq!(add_months(Date::MAX, 1), None);
    }
}
