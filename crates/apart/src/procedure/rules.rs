//! The dated procedural parameters: decision delays, late-filing windows, maximum durations,
//! DI filing deadlines and annual hour quotas. One table each, one row per period, every row
//! with the date it applies `from` and its `source`; a row applies until the next row's `from`.
//! The figures are law tables (`law/data/annual_quota_*.toml`, `da_*.toml`,
//! `di_claim_deadline_months.toml`, each row with its unit and source), read from the
//! [`LawBook`] the caller passes: the built-in one ([`LawBook::shared`]) or its own with a
//! decree added, the same book as `indemnity::compute` takes. The DA and DI machines read the
//! book their context carries ([`super::LawRef`]).
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
//! use apart::law::LawBook;
//! use apart::procedure::rules;
//! use time::macros::datetime;
//! let book = LawBook::shared()?;
//! // Received on Wednesday 2021-03-10 at 23:30 in Guadeloupe (UTC-4): day 1 is 03-11, day 15
//! // is 03-25, accepted at 00:00 on 03-26, local time.
//! let (at, days) = rules::implicit_acceptance_at(book, datetime!(2021-03-10 23:30 -4))?;
//! assert_eq!((at, days), (datetime!(2021-03-26 00:00 -4), 15));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::macros::date;
use time::{Date, Duration, OffsetDateTime};

use super::da::DaMachine;
use super::di::DiMachine;
use super::{Motive, ProcedureError};
use crate::calendar::{add_months, last_day_of_months, local_date, start_of_day};
use crate::law::{LawBook, Param, Row};
use crate::machine::{DynMachine, Machine, Snapshot, erase_with};

/// The law book a DA or DI reads its deadlines and quotas from: the built-in one (the
/// default) or a caller's book with a decree added, so that a caller's override reaches the
/// procedure as it reaches `indemnity::compute`.
///
/// It is not stored: a snapshot read back from JSON reads the built-in book until the caller
/// attaches its own again (`Snapshot::with_law`,
/// [`machine_with_law`]). Two references compare equal whatever their book: the
/// book is the caller's setting, not part of the record.
///
/// ```
/// use std::sync::Arc;
/// use apart::law::LawBook;
/// use apart::procedure::LawRef;
/// let own = LawRef::new(Arc::new(LawBook::builtin()?));
/// assert_eq!(own.book()?, LawRef::default().book()?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Default)]
pub struct LawRef(Option<Arc<LawBook>>);

impl LawRef {
    /// The caller's `book`.
    ///
    /// # Example
    ///
    /// ```
    /// use std::sync::Arc;
    /// use apart::law::LawBook;
    /// use apart::procedure::{LawRef, rules};
    /// use time::macros::date;
    /// let own = LawRef::new(Arc::new(LawBook::builtin()?)); // with the caller's decree
    /// assert_eq!(format!("{own:?}"), "LawRef(caller's book)");
    /// assert_eq!(rules::decision_delay_days(own.book()?, date!(2022-02-10))?, 15);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(book: Arc<LawBook>) -> LawRef {
        LawRef(Some(book))
    }

    /// The book: the caller's, or the shared built-in one.
    ///
    /// # Errors
    ///
    /// The built-in book's parse error (never in a released build: its data is tested).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::law::LawBook;
    /// use apart::procedure::LawRef;
    /// // Without a book of its own, a reference reads the shared built-in one.
    /// assert!(std::ptr::eq(LawRef::default().book()?, LawBook::shared()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn book(&self) -> Result<&LawBook, crate::law::LawError> {
        match &self.0 {
            Some(book) => Ok(book),
            None => LawBook::shared(),
        }
    }

    /// The book, for `rule`: a built-in book that does not parse is `RULE_NOT_COVERED`, as
    /// every other law error of the procedure.
    pub(crate) fn for_rule(&self, rule: &'static str) -> Result<&LawBook, ProcedureError> {
        self.book().map_err(|_| ProcedureError::RuleNotCovered {
            rule,
            date: Date::MIN,
        })
    }
}

impl Snapshot<DaMachine> {
    /// The same DA reading `book` for its deadlines (see [`LawRef`]): attach it again to a
    /// snapshot read from JSON.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use apart::machine::Snapshot;
    /// use apart::procedure::da::DaMachine;
    /// # let json = apart::machine_by_id("apart.da").unwrap().new_snapshot(r#"{"reference":"DA-1",
    /// #   "establishment":{"siret":"73282932000074","name":"Martin"},"request":{"motive":"economic_conditions",
    /// #   "period":{"start":"2022-03-01","end":"2022-05-31"},"employees":4,"hours":"600"}}"#)?;
    /// let book = Arc::new(apart::law::LawBook::builtin()?); // with the caller's decree
    /// let da = Snapshot::<DaMachine>::from_json(&json)?.with_law(book);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_law(mut self, book: Arc<LawBook>) -> Snapshot<DaMachine> {
        self.context_mut().law = LawRef::new(book);
        self
    }
}

impl Snapshot<DiMachine> {
    /// The same DI reading `book` for its annual quota (see [`LawRef`]): attach it again to a
    /// snapshot read from JSON. A DI created from a DA reads the DA's book.
    pub fn with_law(mut self, book: Arc<LawBook>) -> Snapshot<DiMachine> {
        self.context_mut().law = LawRef::new(book);
        self
    }
}

/// The DA or DI machine, driven through JSON, reading `book` for its deadlines and quotas
/// instead of the built-in one; `None` for any other machine id (no other machine reads the
/// law). What the bindings' `Machine.with_law` returns.
///
/// ```
/// use std::sync::Arc;
/// let book = Arc::new(apart::law::LawBook::builtin()?); // with the caller's decree
/// let da = apart::procedure::machine_with_law("apart.da", book.clone()).unwrap();
/// assert_eq!(da.id(), "apart.da");
/// assert!(apart::procedure::machine_with_law("apart.credential", book).is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn machine_with_law(id: &str, book: Arc<LawBook>) -> Option<Arc<dyn DynMachine>> {
    if id == DaMachine::ID {
        Some(erase_with::<DaMachine>(move |c| {
            c.law = LawRef::new(book.clone());
        }))
    } else if id == DiMachine::ID {
        Some(erase_with::<DiMachine>(move |c| {
            c.law = LawRef::new(book.clone());
        }))
    } else {
        None
    }
}

/// A machine as a front end holds it: a built-in one ([`crate::machines`]), or the DA or DI
/// reading a caller's law book ([`machine_with_law`]). Dereferences to the machine.
///
/// ```
/// use std::sync::Arc;
/// use apart::procedure::HeldMachine;
/// let da = HeldMachine::Builtin(apart::machine_by_id("apart.da").unwrap());
/// let book = Arc::new(apart::law::LawBook::builtin()?); // with the caller's decree
/// assert!(matches!(da.with_law(book.clone()), HeldMachine::WithLaw(_)));
/// let credential = HeldMachine::Builtin(apart::machine_by_id("apart.credential").unwrap());
/// assert_eq!(credential.with_law(book).id(), "apart.credential");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub enum HeldMachine {
    /// A machine of [`crate::machines`], reading the built-in law.
    Builtin(&'static dyn DynMachine),
    /// A machine reading a caller's law book.
    WithLaw(Arc<dyn DynMachine>),
}

impl HeldMachine {
    /// The same machine reading `book` ([`machine_with_law`]); the machines that read no law
    /// come back as they are.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use apart::procedure::HeldMachine;
    /// let di = HeldMachine::Builtin(apart::machine_by_id("apart.di").unwrap());
    /// let bound = di.with_law(Arc::new(apart::law::LawBook::builtin()?));
    /// assert_eq!(bound, di); // the same machine (its id), reading another book
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_law(&self, book: Arc<LawBook>) -> HeldMachine {
        machine_with_law(self.id(), book).map_or_else(|| self.clone(), HeldMachine::WithLaw)
    }
}

impl std::ops::Deref for HeldMachine {
    type Target = dyn DynMachine;

    fn deref(&self) -> &Self::Target {
        match self {
            HeldMachine::Builtin(m) => *m,
            HeldMachine::WithLaw(m) => m.as_ref(),
        }
    }
}

/// Two held machines are equal when they are the same machine (the same id), whichever law
/// they read.
impl PartialEq for HeldMachine {
    fn eq(&self, other: &Self) -> bool {
        self.id() == other.id()
    }
}

impl Eq for HeldMachine {}

impl std::hash::Hash for HeldMachine {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.id().hash(state);
    }
}

impl std::fmt::Debug for HeldMachine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Machine({})", self.id())
    }
}

impl PartialEq for LawRef {
    fn eq(&self, _: &LawRef) -> bool {
        true
    }
}

impl Eq for LawRef {}

impl fmt::Debug for LawRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.0 {
            Some(_) => "LawRef(caller's book)",
            None => "LawRef(built-in)",
        })
    }
}

/// The maximum duration of one authorisation, and the cumulative limit when there is one
/// ([`max_duration`], from the law tables [`Param::DaMaxDurationMonths`],
/// [`Param::DaMaxDurationMonthsDisaster`], [`Param::DaCumulativeLimitMonths`] and
/// [`Param::DaCumulativeWindowMonths`]). Selected by the **local date the request is
/// received**: the rule governs the request and its decision, and the date of receipt is the
/// one known when it is filed (a request received on 2020-03-27 for a placement from
/// 2020-03-16, the Covid case, gets 12 months; one received on 2021-07-01 gets 3, whatever its
/// period). The decision date is not used: it is unknown at
/// filing, and an implicit decision would make the limit depend on the administration's silence.
///
/// # Example
///
/// ```
/// use apart::procedure::rules::max_duration;
/// use time::macros::date;
/// let book = apart::law::LawBook::shared()?;
/// // The Covid case: a request received on 2020-03-27 could be authorised for 12 months.
/// let limit = max_duration(book, date!(2020-03-27))?;
/// assert_eq!((limit.months, limit.cumulative), (12, None));
/// let json = serde_json::to_string(&limit)?;
/// assert_eq!(json, r#"{"months":12,"disaster_months":12,"cumulative":null}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DurationLimit {
    /// The longest authorisation, in months, for motives other than 3°.
    pub months: u8,
    /// The longest authorisation for sinistre / intempéries (3°).
    pub disaster_months: u8,
    /// The cumulative limit over a rolling window, if any (motives other than 3°).
    pub cumulative: Option<CumulativeLimit>,
}

/// At most `months` of authorisation within any `window_months` consecutive months, the
/// window ending on the last day of the requested period; days before `counted_from` (the
/// `from` of the law row that set the limit; 2022-01-01 for a request sent in 2022 for a
/// period within January–March 2022, by décret n° 2021-1816) are not counted.
///
/// # Example
///
/// ```
/// use apart::procedure::rules::max_duration;
/// use time::macros::date;
/// let book = apart::law::LawBook::shared()?;
/// let limit = max_duration(book, date!(2023-02-10))?.cumulative.ok_or("no cumulative limit")?;
/// assert_eq!((limit.months, limit.window_months), (6, 12));
/// assert_eq!(limit.counted_from, date!(2021-07-01));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CumulativeLimit {
    /// The most authorised months within the window.
    pub months: u8,
    /// The window's length in months.
    pub window_months: u8,
    /// Days before this date do not count.
    #[serde(with = "crate::calendar::serde::date")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub counted_from: Date,
}

/// The derogation of early 2022 to the cumulative limit of R5122-9 (décret n° 2021-1816 of
/// 27 December 2021, art. 1, adding to art. 4 of décret n° 2020-1316): for a request sent
/// from 1 January 2022 for activité partielle between 1 January and 31 March 2022, under motives
/// 1°, 2°, 4° or 5°, "il n'est pas tenu compte des périodes d'autorisation d'activité partielle
/// dont [l'employeur] a pu bénéficier avant le 31 décembre 2021" (text read on juriblio.fr;
/// notice on info.medef.com; paysantarnais.com: employers who had used their 6 months by
/// 31 December 2021 could go on until 31 March 2022).
///
/// Read here as: the authorisations of 2021, 31 December included, do not count, for a
/// requested period that lies wholly within the three months; a period reaching into April is
/// judged by the ordinary rule (the text covers "les périodes d'activité partielle comprises
/// entre cette date et le 31 mars 2022", and says nothing of the months after).
///
/// # Example
///
/// ```
/// use apart::procedure::rules::{check_duration, DEROGATION_2022};
/// use apart::procedure::{Motive, Period};
/// use time::macros::date;
/// let book = apart::law::LawBook::shared()?;
/// let used = Period::new(date!(2021-07-01), date!(2021-12-31))?; // six months of 2021
/// let q1 = Period::new(date!(2022-01-10), date!(2022-03-31))?;
/// let m = Motive::EconomicConditions;
/// assert!(check_duration(book, m, &q1, &[used], date!(2022-01-05)).is_ok());
/// assert!(check_duration(book, m, &q1, &[used], date!(2021-12-20)).is_err());
/// assert_eq!(DEROGATION_2022.counted_from, date!(2022-01-01));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const DEROGATION_2022: Derogation2022 = Derogation2022 {
    sent_from: date!(2022 - 01 - 01),
    periods_from: date!(2022 - 01 - 01),
    periods_until: date!(2022 - 03 - 31),
    counted_from: date!(2022 - 01 - 01),
};

/// The dates of [`DEROGATION_2022`].
///
/// # Example
///
/// ```
/// use apart::procedure::rules::DEROGATION_2022;
/// use time::macros::date;
/// assert!(DEROGATION_2022.applies(date!(2022-01-05), date!(2022-01-10), date!(2022-03-31)));
/// assert!(!DEROGATION_2022.applies(date!(2022-01-05), date!(2022-01-10), date!(2022-04-30)));
/// assert!(!DEROGATION_2022.applies(date!(2021-12-20), date!(2022-01-01), date!(2022-03-31)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Derogation2022 {
    /// Requests received from this date.
    pub sent_from: Date,
    /// Requested periods starting on or after this date…
    pub periods_from: Date,
    /// …and ending on or before this one.
    pub periods_until: Date,
    /// Authorised days before this date are not counted.
    pub counted_from: Date,
}

impl Derogation2022 {
    /// Whether a request received on `received_on` for `start`–`end` falls under it (its
    /// motive aside: 3° has no cumulative limit at all).
    ///
    /// ```
    /// use apart::procedure::rules::DEROGATION_2022;
    /// use time::macros::date;
    /// assert!(DEROGATION_2022.applies(date!(2022-03-01), date!(2022-03-01), date!(2022-03-31)));
    /// assert!(!DEROGATION_2022.applies(date!(2022-03-01), date!(2022-03-01), date!(2022-04-01)));
    /// ```
    pub fn applies(&self, received_on: Date, start: Date, end: Date) -> bool {
        received_on >= self.sent_from && start >= self.periods_from && end <= self.periods_until
    }
}

/// The annual quota of hours per employee. Selected by **1 January of the year** the hours
/// belong to. The figures are the law tables [`Param::AnnualQuotaHours`] and
/// [`Param::AnnualQuotaWorksHours`] (arrêtés under R5122-6).
///
/// # Example
///
/// ```
/// use apart::procedure::rules::annual_quota;
/// let quota = annual_quota(apart::law::LawBook::shared()?, 2022)?;
/// assert_eq!((quota.hours, quota.works_hours), (1000, 100));
/// assert_eq!(serde_json::to_string(&quota)?, r#"{"hours":1000,"works_hours":100}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AnnualQuota {
    /// The quota for every motive, in hours.
    pub hours: u32,
    /// The quota for modernisation works of installations and buildings (motive 4°).
    pub works_hours: u32,
}

/// When silence means acceptance for a DA received at `received_at`, and the delay applied.
///
/// # Errors
///
/// `RULE_NOT_COVERED` for a receipt before the first row of [`Param::DaDecisionDelayDays`].
///
/// # Example
///
/// ```
/// use apart::procedure::rules::implicit_acceptance_at;
/// use time::macros::datetime;
/// let book = apart::law::LawBook::shared()?;
/// // Received on 2022-02-10: day 15 is 02-25, accepted at 00:00 on 02-26.
/// let accepted = implicit_acceptance_at(book, datetime!(2022-02-10 10:00 +1))?;
/// assert_eq!(accepted, (datetime!(2022-02-26 00:00 +1), 15));
/// // Under the 2-day derogation of 2020: received on 04-01, accepted at 00:00 on 04-04.
/// let accepted = implicit_acceptance_at(book, datetime!(2020-04-01 10:00 +2))?;
/// assert_eq!(accepted, (datetime!(2020-04-04 00:00 +2), 2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn implicit_acceptance_at(
    book: &LawBook,
    received_at: OffsetDateTime,
) -> Result<(OffsetDateTime, u8), ProcedureError> {
    let received_on = local_date(received_at);
    let days = decision_delay_days(book, received_on)?;
    // Day 1 is the day after receipt; day `n` is the last one; acceptance at 00:00 the next day.
    let acceptance_day = received_on
        .checked_add(Duration::days(i64::from(days) + 1))
        .ok_or(ProcedureError::RuleNotCovered {
            rule: "decision_delay",
            date: received_on,
        })?;
    Ok((start_of_day(acceptance_day, received_at.offset()), days))
}

/// When silence means acceptance for a DA, and the delay applied: [`implicit_acceptance_at`]
/// as one record.
///
/// ```
/// use apart::procedure::rules::ImplicitAcceptance;
/// use time::macros::datetime;
/// let book = apart::law::LawBook::shared()?;
/// let accepted = ImplicitAcceptance::of(book, datetime!(2022-02-10 10:00 +1))?;
/// let json = serde_json::to_string(&accepted)?;
/// assert_eq!(json, r#"{"at":"2022-02-26T00:00:00+01:00","days":15}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImplicitAcceptance {
    /// The instant of implicit acceptance (RFC 3339, the offset of the receipt).
    #[serde(with = "crate::calendar::serde::instant")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: OffsetDateTime,
    /// The decision delay, in days.
    pub days: u8,
}

impl ImplicitAcceptance {
    /// [`implicit_acceptance_at`] of a DA received at `received_at`.
    ///
    /// # Errors
    ///
    /// As [`implicit_acceptance_at`].
    ///
    /// ```
    /// use apart::procedure::rules::ImplicitAcceptance;
    /// use time::macros::datetime;
    /// let book = apart::law::LawBook::shared()?;
    /// assert_eq!(ImplicitAcceptance::of(book, datetime!(2020-04-01 10:00 +2))?.days, 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn of(book: &LawBook, received_at: OffsetDateTime) -> Result<Self, ProcedureError> {
        let (at, days) = implicit_acceptance_at(book, received_at)?;
        Ok(ImplicitAcceptance { at, days })
    }
}

/// The delay, in calendar days, within which the administration decides on a DA received on
/// the local date `received_on` before its silence means acceptance (R5122-4; the law table
/// [`Param::DaDecisionDelayDays`]).
///
/// The 2-day derogation ends on 2020-09-30, as the spec's confirmed sources say
/// (`indemnity.md` §3.1: décret 2020-325 art. 2 III, abrogated by décret 2020-1188, four
/// concordant sources). `lifecycle.md` §3.1 quotes "jusqu'au 31 décembre 2020" from a single
/// secondary source (trajectoires-tourisme); we do not follow it.
///
/// ```
/// use apart::procedure::rules::decision_delay_days;
/// use time::macros::date;
/// let book = apart::law::LawBook::shared()?;
/// assert_eq!(decision_delay_days(book, date!(2020-09-30))?, 2);
/// assert_eq!(decision_delay_days(book, date!(2020-10-01))?, 15);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// `RULE_NOT_COVERED` before 2013-07-01.
pub fn decision_delay_days(book: &LawBook, received_on: Date) -> Result<u8, ProcedureError> {
    required(
        book,
        "decision_delay",
        Param::DaDecisionDelayDays,
        received_on,
    )
}

/// How many days after the placement a DA with this motive may still be filed: `None` when it
/// must be filed before the placement (R5122-3; the law tables
/// [`Param::DaLateFilingDaysDisaster`] and [`Param::DaLateFilingDaysExceptionalCircumstances`]).
///
/// ```
/// use apart::procedure::Motive;
/// use apart::procedure::rules::late_filing_days;
/// use time::macros::date;
/// let book = apart::law::LawBook::shared()?;
/// let exceptional = Motive::ExceptionalCircumstances;
/// assert_eq!(late_filing_days(book, exceptional, date!(2020-04-01))?, Some(30));
/// assert_eq!(late_filing_days(book, exceptional, date!(2020-02-29))?, None);
/// assert_eq!(late_filing_days(book, Motive::EconomicConditions, date!(2020-04-01))?, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// `RULE_NOT_COVERED` for a placement before 2013-07-01, whatever the motive.
pub fn late_filing_days(
    book: &LawBook,
    motive: Motive,
    placement: Date,
) -> Result<Option<u8>, ProcedureError> {
    const RULE: &str = "late_filing";
    // Read for every motive: it is what says whether the date is covered at all.
    let disaster = optional(book, RULE, Param::DaLateFilingDaysDisaster, placement)?;
    match motive {
        Motive::DisasterOrWeather => Ok(disaster),
        Motive::ExceptionalCircumstances => optional(
            book,
            RULE,
            Param::DaLateFilingDaysExceptionalCircumstances,
            placement,
        ),
        _ => Ok(None),
    }
}

/// The maximum duration of a DA received on the local date `received_on` (R5122-9).
///
/// ```
/// use apart::procedure::rules::max_duration;
/// use time::macros::date;
/// let book = apart::law::LawBook::shared()?;
/// assert_eq!(max_duration(book, date!(2021-06-30))?.months, 12);
/// let from_july = max_duration(book, date!(2021-07-01))?;
/// assert_eq!((from_july.months, from_july.disaster_months), (3, 6));
/// assert_eq!(from_july.cumulative.map(|c| (c.months, c.window_months)), Some((6, 12)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// `RULE_NOT_COVERED` before 2013-07-01.
pub fn max_duration(book: &LawBook, received_on: Date) -> Result<DurationLimit, ProcedureError> {
    const RULE: &str = "max_duration";
    let months = required(book, RULE, Param::DaMaxDurationMonths, received_on)?;
    let disaster_months = required(book, RULE, Param::DaMaxDurationMonthsDisaster, received_on)?;
    let limit = law_row(book, RULE, Param::DaCumulativeLimitMonths, received_on)?;
    let window = optional(book, RULE, Param::DaCumulativeWindowMonths, received_on)?;
    let cumulative = match (limit.value.known(), window) {
        (Some(limit_months), Some(window_months)) => Some(CumulativeLimit {
            months: whole(RULE, received_on, limit_months)?,
            window_months,
            counted_from: limit.from,
        }),
        (None, None) => None,
        // One table says there is a limit and the other does not: refuse rather than guess.
        _ => {
            return Err(ProcedureError::RuleNotCovered {
                rule: RULE,
                date: received_on,
            });
        }
    };
    Ok(DurationLimit {
        months,
        disaster_months,
        cumulative,
    })
}

/// How many months after the end of the authorised period a DI may be filed, for an
/// authorisation given on `authorised_on` (explicit decision, or implicit acceptance)
/// (L5122-1 IV; the law table [`Param::DiClaimDeadlineMonths`]).
///
/// ```
/// use apart::procedure::rules::claim_deadline_months;
/// use time::macros::date;
/// let book = apart::law::LawBook::shared()?;
/// assert_eq!(claim_deadline_months(book, date!(2020-12-30))?, 12);
/// assert_eq!(claim_deadline_months(book, date!(2020-12-31))?, 6);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// `RULE_NOT_COVERED` for an authorisation before 2018-09-24.
pub fn claim_deadline_months(book: &LawBook, authorised_on: Date) -> Result<u8, ProcedureError> {
    required(
        book,
        "claim_deadline",
        Param::DiClaimDeadlineMonths,
        authorised_on,
    )
}

/// The last local day on which a DA with this motive and placement date may be filed.
///
/// # Errors
///
/// `RULE_NOT_COVERED` for a placement before 2013-07-01 (see [`late_filing_days`]).
///
/// # Example
///
/// ```
/// use apart::procedure::Motive;
/// use apart::procedure::rules::last_filing_day;
/// use time::macros::date;
/// let book = apart::law::LawBook::shared()?;
/// // Motive 5° in 2020: 30 days after the placement.
/// let last = last_filing_day(book, Motive::ExceptionalCircumstances, date!(2020-04-01))?;
/// assert_eq!(last, date!(2020-05-01));
/// // Motive 1°: no late filing, the placement day is the last one.
/// let last = last_filing_day(book, Motive::EconomicConditions, date!(2022-03-01))?;
/// assert_eq!(last, date!(2022-03-01));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn last_filing_day(
    book: &LawBook,
    motive: Motive,
    placement: Date,
) -> Result<Date, ProcedureError> {
    match late_filing_days(book, motive, placement)? {
        Some(days) => placement
            .checked_add(Duration::days(i64::from(days)))
            .ok_or(ProcedureError::RuleNotCovered {
                rule: "late_filing",
                date: placement,
            }),
        None => Ok(placement),
    }
}

/// The last local day on which a DI may be filed for an authorisation given on
/// `authorised_on` whose period ends on `period_end`: `period_end` plus the months of
/// [`claim_deadline_months`], on the same day of the month, or the month's last day when it
/// has no such day (the rule of C. pr. civ. art. 641 for delays in months: a period ending on
/// 2022-04-30 can be claimed until 2022-10-30, one ending on 2022-03-31 until 2022-09-30).
///
/// ```
/// use apart::procedure::rules::claims_last_day;
/// use time::macros::date;
/// let book = apart::law::LawBook::shared()?;
/// // Authorised on 2020-12-30: one year. On 2020-12-31: six months.
/// assert_eq!(claims_last_day(book, date!(2020-12-30), date!(2021-01-31))?, date!(2022-01-31));
/// assert_eq!(claims_last_day(book, date!(2020-12-31), date!(2021-03-31))?, date!(2021-09-30));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// `RULE_NOT_COVERED` for an authorisation before 2018-09-24.
pub fn claims_last_day(
    book: &LawBook,
    authorised_on: Date,
    period_end: Date,
) -> Result<Date, ProcedureError> {
    let months = claim_deadline_months(book, authorised_on)?;
    add_months(period_end, i32::from(months)).ok_or(ProcedureError::RuleNotCovered {
        rule: "claim_deadline",
        date: period_end,
    })
}

/// The annual quota of hours per employee for `year`, from the law tables.
///
/// ```
/// use apart::procedure::rules::annual_quota_hours;
/// let book = apart::law::LawBook::shared()?;
/// assert_eq!(annual_quota_hours(book, 2021, false)?.to_string(), "1607");
/// assert_eq!(annual_quota_hours(book, 2022, false)?.to_string(), "1000");
/// assert_eq!(annual_quota_hours(book, 2021, true)?.to_string(), "100");
/// let far = annual_quota_hours(book, i32::MAX, false).unwrap_err();
/// assert_eq!(apart::Diagnostic::code(&far), "YEAR_OUT_OF_RANGE");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// `RULE_NOT_COVERED` for a year before 2014, `YEAR_OUT_OF_RANGE` outside 0000 to 9999.
pub fn annual_quota_hours(
    book: &LawBook,
    year: i32,
    works: bool,
) -> Result<Decimal, ProcedureError> {
    let param = if works {
        Param::AnnualQuotaWorksHours
    } else {
        Param::AnnualQuotaHours
    };
    let jan1 = january_first(year)?;
    law_value(book, "annual_quota", param, jan1)?.ok_or(ProcedureError::RuleNotCovered {
        rule: "annual_quota",
        date: jan1,
    })
}

/// Both annual quotas for `year` (see [`annual_quota_hours`]).
///
/// ```
/// use apart::procedure::rules::annual_quota;
/// let quota = annual_quota(apart::law::LawBook::shared()?, 2020)?;
/// assert_eq!((quota.hours, quota.works_hours), (1607, 100));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// `RULE_NOT_COVERED` for a year before 2014 or whose quota is not a whole number of hours,
/// `YEAR_OUT_OF_RANGE` outside 0000 to 9999.
pub fn annual_quota(book: &LawBook, year: i32) -> Result<AnnualQuota, ProcedureError> {
    let jan1 = january_first(year)?;
    Ok(AnnualQuota {
        hours: whole("annual_quota", jan1, annual_quota_hours(book, year, false)?)?,
        works_hours: whole("annual_quota", jan1, annual_quota_hours(book, year, true)?)?,
    })
}

fn january_first(year: i32) -> Result<Date, ProcedureError> {
    Date::from_calendar_date(year, time::Month::January, 1)
        .ok()
        .filter(|d| crate::calendar::is_storable_date(*d))
        .ok_or(ProcedureError::YearOutOfRange { year })
}

/// The row of a law table in force on `date` in `book`. Every law error (no row yet, an
/// `unknown` row) is the procedure's `RULE_NOT_COVERED` for `rule`, so that the procedure keeps
/// its one code.
fn law_row<'b>(
    book: &'b LawBook,
    rule: &'static str,
    param: Param,
    date: Date,
) -> Result<&'b Row, ProcedureError> {
    book.lookup(param, date)
        .map_err(|_| ProcedureError::RuleNotCovered { rule, date })
}

/// The value on `date`: `None` when the row says the rule does not apply (`none`).
fn law_value(
    book: &LawBook,
    rule: &'static str,
    param: Param,
    date: Date,
) -> Result<Option<Decimal>, ProcedureError> {
    Ok(law_row(book, rule, param, date)?.value.known())
}

/// A whole number of days or months, `None` when the rule does not apply.
fn optional<T: TryFrom<Decimal>>(
    book: &LawBook,
    rule: &'static str,
    param: Param,
    date: Date,
) -> Result<Option<T>, ProcedureError> {
    law_value(book, rule, param, date)?
        .map(|v| whole(rule, date, v))
        .transpose()
}

/// A whole number of days or months that must apply on `date`.
fn required<T: TryFrom<Decimal>>(
    book: &LawBook,
    rule: &'static str,
    param: Param,
    date: Date,
) -> Result<T, ProcedureError> {
    optional(book, rule, param, date)?.ok_or(ProcedureError::RuleNotCovered { rule, date })
}

/// `value` as an integer type; a fraction or a value out of the type's range (a caller's
/// override) is `RULE_NOT_COVERED`, never truncated.
fn whole<T: TryFrom<Decimal>>(
    rule: &'static str,
    date: Date,
    value: Decimal,
) -> Result<T, ProcedureError> {
    let not_covered = ProcedureError::RuleNotCovered { rule, date };
    if !value.fract().is_zero() {
        return Err(not_covered);
    }
    T::try_from(value).map_err(|_| not_covered)
}

/// Checks that `period`, in a request received on `received_on` (local date), respects the
/// maximum duration for `motive` ([`max_duration`]), and the cumulative limit given the
/// establishment's `other_authorised` periods (other DAs, excluding the one an amendment
/// replaces).
///
/// The cumulative limit is measured in days: the union of authorised days within the window
/// (the 12 months ending on `period.end()`, days from `counted_from` on) may not exceed the
/// days of the 6 calendar months ending on `period.end()` (181 to 184 days). A request under
/// [`DEROGATION_2022`] (sent from 2022-01-01 for a period within January–March 2022) counts
/// from 2022-01-01.
///
/// # Errors
///
/// `DA_DURATION_EXCEEDED`, `DA_CUMULATIVE_DURATION_EXCEEDED` or `RULE_NOT_COVERED`.
///
/// # Example
///
/// ```
/// use apart::procedure::rules::check_duration;
/// use apart::procedure::{Motive, Period};
/// use apart::Diagnostic;
/// use time::macros::date;
/// let book = apart::law::LawBook::shared()?;
/// let (motive, received) = (Motive::EconomicConditions, date!(2023-02-10));
/// let march_to_may = Period::new(date!(2023-03-01), date!(2023-05-31))?;
/// assert!(check_duration(book, motive, &march_to_may, &[], received).is_ok());
/// // Four months: above the 3 allowed.
/// let four = Period::new(date!(2023-03-01), date!(2023-06-30))?;
/// let err = check_duration(book, motive, &four, &[], received).unwrap_err();
/// assert_eq!(err.code(), "DA_DURATION_EXCEEDED");
/// // 92 days authorised last autumn + 92 days now: above the 182 days of Dec 2022–May 2023.
/// let autumn = Period::new(date!(2022-10-01), date!(2022-12-31))?;
/// let err = check_duration(book, motive, &march_to_may, &[autumn], received).unwrap_err();
/// assert_eq!(err.code(), "DA_CUMULATIVE_DURATION_EXCEEDED");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check_duration(
    book: &LawBook,
    motive: Motive,
    period: &super::Period,
    other_authorised: &[super::Period],
    received_on: Date,
) -> Result<(), ProcedureError> {
    let limit = max_duration(book, received_on)?;
    let disaster = motive == Motive::DisasterOrWeather;
    let months = if disaster {
        limit.disaster_months
    } else {
        limit.months
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
    let Some(mut cumulative) = limit.cumulative.filter(|_| !disaster) else {
        return Ok(());
    };
    if DEROGATION_2022.applies(received_on, period.start(), period.end()) {
        cumulative.counted_from = cumulative.counted_from.max(DEROGATION_2022.counted_from);
    }
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
    use crate::diagnostic::Diagnostic;
    use crate::procedure::Period;
    use time::macros::datetime;

    fn book() -> &'static LawBook {
        LawBook::shared().unwrap()
    }

    /// A date from its ISO form (rustfmt would space out `date!(2022-03-01)`).
    fn ymd(iso: &str) -> time::Date {
        time::Date::parse(iso, &time::format_description::well_known::Iso8601::DATE).unwrap()
    }

    /// The procedure's tables are law tables: covered by the law table check (dates
    /// increasing, units' ranges, sources), open-ended, and in the ranges the rules expect.
    #[test]
    fn every_table_is_a_sound_open_ended_law_table() {
        let book = LawBook::shared().unwrap();
        for (param, lo, hi) in [
            (Param::DaDecisionDelayDays, 1, 60),
            (Param::DaLateFilingDaysDisaster, 1, 60),
            (Param::DaLateFilingDaysExceptionalCircumstances, 1, 60),
            (Param::DaMaxDurationMonths, 1, 24),
            (Param::DaMaxDurationMonthsDisaster, 1, 24),
            (Param::DaCumulativeLimitMonths, 1, 24),
            (Param::DaCumulativeWindowMonths, 1, 24),
            (Param::DiClaimDeadlineMonths, 1, 48),
            (Param::AnnualQuotaHours, 1, 2000),
            (Param::AnnualQuotaWorksHours, 1, 2000),
        ] {
            let table = book.table(param).unwrap();
            assert!(table.problems().is_empty(), "{:?}", table.problems());
            assert_eq!(table.valid_until, None, "{param}");
            for row in &table.values {
                assert!(!row.source.title.is_empty());
                if let Some(v) = row.value.known() {
                    assert!(v.fract().is_zero(), "{param} {v}");
                    assert!(
                        (lo..=hi).contains(&u32::try_from(v).unwrap()),
                        "{param} {v}"
                    );
                }
            }
        }
        // A window whenever there is a cumulative limit, and none without.
        for row in &book.table(Param::DaCumulativeLimitMonths).unwrap().values {
            let window = book
                .lookup(Param::DaCumulativeWindowMonths, row.from)
                .unwrap();
            assert_eq!(row.value.known().is_some(), window.value.known().is_some());
        }
        for year in 2014..=2030 {
            let quota = annual_quota(book, year).unwrap();
            assert!(quota.works_hours < quota.hours, "{year}");
        }
    }

    /// A caller's override with a fraction of a day is refused, not truncated.
    #[test]
    fn fractions_are_refused() {
        assert_eq!(
            whole::<u8>("decision_delay", ymd("2022-01-01"), Decimal::new(25, 1)),
            Err(ProcedureError::RuleNotCovered {
                rule: "decision_delay",
                date: ymd("2022-01-01")
            })
        );
        assert_eq!(
            whole::<u8>("decision_delay", ymd("2022-01-01"), Decimal::from(300))
                .unwrap_err()
                .code(),
            "RULE_NOT_COVERED"
        );
        assert_eq!(
            whole::<u8>("x", ymd("2022-01-01"), Decimal::from(15)),
            Ok(15)
        );
    }

    /// Source: R5122-4 (15 days); décret 2020-325 art. 2 III, 2020-03-01..2020-09-30 (2 days).
    #[test]
    fn decision_delay_by_local_date_of_receipt() {
        let at = |t| implicit_acceptance_at(book(), t).unwrap();
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
            implicit_acceptance_at(book(), datetime!(2013-06-30 12:00 UTC))
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
        assert!(
            check_duration(
                book(),
                m,
                &p(ymd("2021-07-15"), ymd("2022-07-14")),
                &[],
                before
            )
            .is_ok()
        );
        let err = check_duration(
            book(),
            m,
            &p(ymd("2021-07-15"), ymd("2022-07-15")),
            &[],
            before,
        )
        .unwrap_err();
        assert_eq!(
            err,
            ProcedureError::DurationExceeded {
                max_months: 12,
                last_allowed: ymd("2022-07-14")
            }
        );
        // Received 2021-07-01: 3 months, to 2021-10-14.
        assert!(
            check_duration(
                book(),
                m,
                &p(ymd("2021-07-15"), ymd("2022-07-14")),
                &[],
                after
            )
            .is_err()
        );
        assert!(
            check_duration(
                book(),
                m,
                &p(ymd("2021-07-15"), ymd("2021-10-14")),
                &[],
                after
            )
            .is_ok()
        );
        let err = check_duration(
            book(),
            m,
            &p(ymd("2021-07-15"), ymd("2021-10-15")),
            &[],
            after,
        )
        .unwrap_err();
        assert_eq!(
            err,
            ProcedureError::DurationExceeded {
                max_months: 3,
                last_allowed: ymd("2021-10-14")
            }
        );
        // Sinistre: 6 months from 2021-07-01.
        let d = Motive::DisasterOrWeather;
        assert!(
            check_duration(
                book(),
                d,
                &p(ymd("2021-07-01"), ymd("2021-12-31")),
                &[],
                after
            )
            .is_ok()
        );
        assert!(
            check_duration(
                book(),
                d,
                &p(ymd("2021-07-01"), ymd("2022-01-01")),
                &[],
                after
            )
            .is_err()
        );
        // Received 2020-03-25: 6 months; from 2020-03-26: 12 months (Covid placements of March).
        let covid = p(ymd("2020-03-16"), ymd("2021-03-15"));
        assert!(check_duration(book(), m, &covid, &[], ymd("2020-03-26")).is_ok());
        assert_eq!(
            check_duration(book(), m, &covid, &[], ymd("2020-03-25")).unwrap_err(),
            ProcedureError::DurationExceeded {
                max_months: 6,
                last_allowed: ymd("2020-09-15")
            }
        );
        assert_eq!(
            check_duration(book(), m, &covid, &[], ymd("2013-06-30"))
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
        assert!(check_duration(book(), m, &second, &[first], ymd("2022-03-15")).is_ok());
        // One more day, the day after: refused.
        let third = p(ymd("2022-07-01"), ymd("2022-07-01"));
        let err =
            check_duration(book(), m, &third, &[first, second], ymd("2022-03-15")).unwrap_err();
        assert_eq!(err.code(), "DA_CUMULATIVE_DURATION_EXCEEDED");
        // Once January has left the 12-month window, room again.
        let later = p(ymd("2023-01-01"), ymd("2023-01-31"));
        assert!(check_duration(book(), m, &later, &[first, second], ymd("2022-03-15")).is_ok());
        // Periods before 2021-07-01 do not count.
        let old = p(ymd("2021-01-01"), ymd("2021-06-30"));
        let new = p(ymd("2021-07-01"), ymd("2021-09-30"));
        assert!(check_duration(book(), m, &new, &[old], ymd("2022-03-15")).is_ok());
        // Overlapping periods are counted once.
        assert!(
            check_duration(
                book(),
                m,
                &second,
                &[first, first, second],
                ymd("2022-03-15")
            )
            .is_ok()
        );
        // Sinistre escapes the cumulative limit.
        assert!(
            check_duration(
                book(),
                Motive::DisasterOrWeather,
                &p(ymd("2022-07-01"), ymd("2022-12-31")),
                &[first, second],
                ymd("2022-03-15")
            )
            .is_ok()
        );
    }

    /// Source: décret n° 2021-1816 art. 1 (juriblio.fr's text): for requests sent from
    /// 2022-01-01 for periods within 2022-01-01–2022-03-31, motives 1°, 2°, 4°, 5°, the
    /// authorisations before the end of 2021 do not count.
    #[test]
    fn cumulative_2022_derogation() {
        let p = |a, b| Period::new(a, b).unwrap();
        let m = Motive::EconomicConditions;
        // Six months used in the second half of 2021: the limit reached on 31 December.
        let used = p(ymd("2021-07-01"), ymd("2021-12-31"));
        let q1 = p(ymd("2022-01-01"), ymd("2022-03-31"));
        assert!(check_duration(book(), m, &q1, &[used], ymd("2022-01-03")).is_ok());
        for motive in [
            Motive::SupplyDifficulties,
            Motive::Restructuring,
            Motive::ExceptionalCircumstances,
        ] {
            assert!(check_duration(book(), motive, &q1, &[used], ymd("2022-01-03")).is_ok());
        }
        // Sent in 2021 for the same months: the ordinary rule (184 + 90 days > 182).
        let err = check_duration(book(), m, &q1, &[used], ymd("2021-12-20")).unwrap_err();
        assert_eq!(
            err,
            ProcedureError::CumulativeDurationExceeded {
                limit_days: 182,
                total_days: 274
            }
        );
        // A period reaching into April: the ordinary rule too.
        let into_april = p(ymd("2022-02-01"), ymd("2022-04-30"));
        let err = check_duration(book(), m, &into_april, &[used], ymd("2022-01-20")).unwrap_err();
        assert_eq!(err.code(), "DA_CUMULATIVE_DURATION_EXCEEDED");
    }

    /// Source: L5122-1 IV (LF 2019 art. 272: 1 year; LF 2021 art. 210: 6 months from 2020-12-31).
    #[test]
    fn claim_deadlines_on_both_sides_of_their_change() {
        assert_eq!(
            claims_last_day(book(), ymd("2020-12-30"), ymd("2021-03-31")).unwrap(),
            ymd("2022-03-31")
        );
        assert_eq!(
            claims_last_day(book(), ymd("2020-12-31"), ymd("2021-03-31")).unwrap(),
            ymd("2021-09-30")
        );
        assert_eq!(
            claims_last_day(book(), ymd("2018-09-24"), ymd("2018-12-31")).unwrap(),
            ymd("2019-12-31")
        );
        assert_eq!(
            claims_last_day(book(), ymd("2018-09-23"), ymd("2018-12-31"))
                .unwrap_err()
                .code(),
            "RULE_NOT_COVERED"
        );
    }

    /// Source: spec indemnity.md §1.8 (1 607 h in 2020 and 2021, 1 000 h otherwise, 100 h works).
    #[test]
    fn quotas_by_year() {
        let q = |y, w| annual_quota_hours(book(), y, w).unwrap();
        assert_eq!(q(2019, false), Decimal::from(1000));
        assert_eq!(q(2020, false), Decimal::from(1607));
        assert_eq!(q(2021, false), Decimal::from(1607));
        assert_eq!(q(2022, false), Decimal::from(1000));
        assert_eq!(q(2026, true), Decimal::from(100));
        assert!(annual_quota_hours(book(), 2013, false).is_err());
    }

    #[test]
    fn late_filing_by_motive_and_date() {
        let d = ymd("2020-04-01");
        assert_eq!(
            last_filing_day(book(), Motive::ExceptionalCircumstances, d).unwrap(),
            ymd("2020-05-01")
        );
        assert_eq!(
            last_filing_day(book(), Motive::EconomicConditions, d).unwrap(),
            d
        );
        assert_eq!(
            last_filing_day(book(), Motive::ExceptionalCircumstances, ymd("2020-02-29")).unwrap(),
            ymd("2020-02-29")
        );
        assert_eq!(
            last_filing_day(book(), Motive::DisasterOrWeather, ymd("2020-02-29")).unwrap(),
            ymd("2020-03-30")
        );
    }

    #[test]
    fn no_panic_at_the_end_of_the_calendar() {
        let end = Date::MAX.with_time(time::Time::MIDNIGHT).assume_utc();
        assert!(implicit_acceptance_at(book(), end).is_err());
        assert!(last_filing_day(book(), Motive::DisasterOrWeather, Date::MAX).is_err());
        assert_eq!(
            last_filing_day(book(), Motive::EconomicConditions, Date::MAX),
            Ok(Date::MAX)
        );
        assert!(claims_last_day(book(), Date::MAX, Date::MAX).is_err());
        assert!(annual_quota_hours(book(), i32::MAX, false).is_err());
        let p = Period::new(Date::MAX, Date::MAX).unwrap();
        assert!(check_duration(book(), Motive::EconomicConditions, &p, &[], Date::MAX).is_err());
    }
}
