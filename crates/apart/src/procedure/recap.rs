//! The recap document (« document récapitulatif »), which the seed says an employer can
//! generate « au moment de la demande, et après validation ».
//!
//! A [`Recap`] is a structured record of a DA or a DI at one point: establishment, period,
//! employees with their NIR masked, hours, amounts (computed by the indemnity engine with
//! [`Recap::of_di_with_claim`], or given by the caller), and the status
//! history. It is **deterministic**: the same snapshot gives the same content and the same
//! [`Recap::hash`] (SHA-256 of the canonical JSON: keys sorted, no white space, decimals as
//! strings), so two recaps can be compared. The instant of generation is not part of it.
//!
//! The "at request time" kinds ([`RecapKind::DaSubmitted`], [`RecapKind::DiSubmitted`]) show
//! the request as it was submitted, with the history up to the submission: regenerated after
//! validation, they give the same document. The "decision" kinds show the current state.
//!
//! ```
//! use apart::machine::{Actor, Snapshot};
//! use apart::procedure::da::{DaContext, DaEvent, DaMachine, DaRequest};
//! use apart::procedure::recap::Recap;
//! use apart::procedure::{Establishment, Motive, Period, RecapKind};
//! use apart::siret::Siret;
//! use rust_decimal::Decimal;
//! use time::macros::{date, datetime};
//!
//! let da = Snapshot::<DaMachine>::new(DaContext::new("DA-1",
//!     Establishment::new(Siret::parse("73282932000074")?, "Martin"),
//!     DaRequest::new(Motive::EconomicConditions,
//!         Period::new(date!(2022-03-01), date!(2022-03-31))?, 2, Decimal::from(100))))?;
//! let err = Recap::of_da(&da, RecapKind::DaSubmitted).unwrap_err();
//! assert_eq!(apart::Diagnostic::code(&err), "RECAP_NOT_AVAILABLE");
//! let da = da.apply(DaEvent::submit(), Actor::Principal, datetime!(2022-02-10 10:00 +1))?.snapshot;
//! let at_submission = Recap::of_da(&da, RecapKind::DaSubmitted)?;
//! let later = da.tick(datetime!(2022-03-01 00:00 +1))?.snapshot;
//! assert_eq!(Recap::of_da(&later, RecapKind::DaSubmitted)?, at_submission);
//! assert_eq!(at_submission.hash().len(), 64);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use time::{Date, OffsetDateTime};

use super::da::{DaMachine, DaState, DecisionKind, LinkKind};
use super::di::{DiMachine, DiState};
use super::{Period, ProcedureError, RecapError, RecapKind, RecapMismatch};
use crate::calendar::Month;
use crate::forms::mask_nir;
use crate::indemnity::{ClaimOutcome, EmployeeMonth, Options, compute_claim};
use crate::law::LawBook;
use crate::machine::{HistoryEntry, Machine, Snapshot, State};

/// What the caller knows and the snapshot does not: the amounts computed by the indemnity
/// engine and the bank account. Printed when given; the IBAN only masked.
///
/// # Example
///
/// ```
/// # let di = {
/// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
/// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
/// # use time::macros::{date, datetime as at};
/// # let siret = Siret::parse("73282932000074")?;
/// # let establishment = Establishment::new(siret, "Boulangerie Martin");
/// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
/// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
/// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
/// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
/// # let s = s.tick(at!(2022-02-26 00:00 +1))?.snapshot; // accepted by silence
/// # let (code, month) = (DiCode::parse("DI-1")?, Month::new(2022, 3)?);
/// # let s = DiMachine::create(&s, code, month, &[], at!(2022-04-02 09:00 +2))?;
/// # let lines = vec![DiLine::new("Jeanne Martin", "269054958815780", 35.into())];
/// # let s = s.apply(DiEvent::Edit { lines }, Actor::Principal, at!(2022-04-02 09:05 +2))?;
/// # let s = s.snapshot;
/// # let s = s.apply(DiEvent::submit(), Actor::Principal, at!(2022-04-02 09:10 +2))?.snapshot;
/// # s
/// # };
/// use apart::procedure::RecapKind;
/// use apart::procedure::recap::{Recap, RecapAmounts};
/// // `di` is a submitted claim; the caller adds the amount it computed and the bank account.
/// let amounts = RecapAmounts { claimed: Some("312.40".parse()?),
///     iban: Some("FR76 3000 6000 0112 3456 7890 189".into()), ..RecapAmounts::default() };
/// let recap = Recap::of_di(&di, RecapKind::DiSubmitted, Some(&amounts))?;
/// let totals = recap.content().totals.as_ref().ok_or("no totals")?;
/// assert_eq!(totals.amount_claimed, amounts.claimed);
/// assert_eq!(totals.iban_masked.as_deref(), Some("**** **** **** **** **** ***0 189"));
/// assert!(!recap.to_json().contains("FR76"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct RecapAmounts {
    /// The allocation claimed, in euros.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::value::decimal::option_amount"
    )]
    #[cfg_attr(feature = "ts", ts(optional, type = "string"))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub claimed: Option<Decimal>,
    /// The allocation validated, in euros (after validation only).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::value::decimal::option_amount"
    )]
    #[cfg_attr(feature = "ts", ts(optional, type = "string"))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub validated: Option<Decimal>,
    /// The IBAN the allocation is paid to; the recap keeps its last 4 characters only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub iban: Option<String>,
}

impl RecapAmounts {
    /// What a recap may print: amounts in cents, not negative, at most
    /// [`MAX_PAYMENT`](super::di::MAX_PAYMENT), and a real IBAN (the recap is a document
    /// given to the employer).
    ///
    /// # Errors
    ///
    /// `AMOUNT_NOT_POSITIVE` for a negative amount, `AMOUNT_INVALID` for a fraction of a cent
    /// or a larger amount, `IBAN_INVALID`.
    ///
    /// ```
    /// use apart::procedure::recap::RecapAmounts;
    /// use apart::Diagnostic;
    /// let ok = RecapAmounts { claimed: Some("312.40".parse()?),
    ///     iban: Some("FR76 3000 6000 0112 3456 7890 189".into()), ..RecapAmounts::default() };
    /// assert!(ok.check().is_ok());
    /// let negative = RecapAmounts { claimed: Some("-5".parse()?), ..RecapAmounts::default() };
    /// assert_eq!(negative.check().unwrap_err().code(), "AMOUNT_NOT_POSITIVE");
    /// let typo = RecapAmounts { iban: Some("FR76 3000 6000 0112 3456 7890 198".into()), ..RecapAmounts::default() };
    /// assert_eq!(typo.check().unwrap_err().code(), "IBAN_INVALID");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check(&self) -> Result<(), ProcedureError> {
        for (field, amount) in [("claimed", self.claimed), ("validated", self.validated)] {
            let Some(amount) = amount else { continue };
            if amount.is_sign_negative() && !amount.is_zero() {
                return Err(ProcedureError::AmountNotPositive { field });
            }
            if amount.normalize().scale() > 2 || amount > super::di::MAX_PAYMENT {
                return Err(ProcedureError::AmountInvalid {
                    field,
                    max: super::di::MAX_PAYMENT.to_string(),
                });
            }
        }
        match &self.iban {
            Some(iban) if !is_valid_iban(iban) => Err(ProcedureError::IbanInvalid),
            _ => Ok(()),
        }
    }

    /// The amounts of a monthly claim computed by the indemnity engine: `claimed` is the
    /// allocation the employer claims from the State (the claim's total over accepted lines).
    /// `validated` and `iban` stay empty: the first is the administration's figure, the second
    /// the caller's.
    ///
    /// ```
    /// use apart::indemnity::{compute_claim, EmployeeMonth, Options};
    /// use apart::law::LawBook;
    /// use apart::procedure::recap::RecapAmounts;
    /// let book = LawBook::builtin()?;
    /// let month = "2026-01".parse()?;
    /// // Spec indemnity.md §4 #11: 3 000 €, 70 h not worked → 599.90 € of allocation.
    /// let claim = compute_claim(&book, month, &[EmployeeMonth::new(month, "3000".parse()?, "70".parse()?)], &Options::default());
    /// let amounts = RecapAmounts::from_claim(&claim);
    /// assert_eq!(amounts.claimed.map(|a| a.to_string()).as_deref(), Some("599.90"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_claim(claim: &ClaimOutcome) -> RecapAmounts {
        RecapAmounts {
            claimed: Some(claim.totals.employer_allocation.get()),
            validated: None,
            iban: None,
        }
    }
}

/// An IBAN masked for display: every character but the last 4 as `*`, in groups of 4
/// (`FR76 3000 6000 0112 3456 7890 189` → `**** **** **** **** **** ***0 189`). Only the
/// last 34 characters are shown (an IBAN's most, ISO 13616), so the result stays short
/// whatever the text given.
///
/// ```
/// use apart::procedure::recap::mask_iban;
/// assert_eq!(mask_iban("FR76 3000 6000 0112 3456 7890 189"), "**** **** **** **** **** ***0 189");
/// assert_eq!(mask_iban(&"1".repeat(100_000)).len(), 34 + 8);
/// ```
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn mask_iban(iban: &str) -> String {
    const IBAN_MAX_CHARS: usize = 34;
    let mut tail: Vec<char> = iban
        .chars()
        .rev()
        .filter(|c| !c.is_whitespace())
        .take(IBAN_MAX_CHARS)
        .collect();
    tail.reverse();
    let upper: Vec<char> = tail.into_iter().flat_map(char::to_uppercase).collect();
    let compact = upper
        .get(upper.len().saturating_sub(IBAN_MAX_CHARS)..)
        .unwrap_or_default();
    let keep_from = compact.len().saturating_sub(4);
    let mut out = String::with_capacity(compact.len() + compact.len() / 4);
    for (i, c) in compact.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push(if i < keep_from { '*' } else { *c });
    }
    out
}

/// Whether `text` is an IBAN (ISO 13616, spaces allowed): two letters, two check digits, 11
/// to 30 letters or digits, and the number read with letters as 10–35 is 1 modulo 97.
fn is_valid_iban(text: &str) -> bool {
    let compact: Vec<char> = text
        .chars()
        .filter(|c| *c != ' ')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let shape = (15..=34).contains(&compact.len())
        && compact.iter().take(2).all(char::is_ascii_uppercase)
        && compact.iter().skip(2).take(2).all(char::is_ascii_digit)
        && compact.iter().all(char::is_ascii_alphanumeric);
    if !shape {
        return false;
    }
    let rearranged = compact.iter().skip(4).chain(compact.iter().take(4));
    let remainder = rearranged.fold(0u32, |acc, c| match c.to_digit(36) {
        Some(d) if d >= 10 => (acc * 100 + d) % 97,
        Some(d) => (acc * 10 + d) % 97,
        None => acc,
    });
    remainder == 1
}

/// The establishment as printed.
///
/// # Example
///
/// ```
/// # let da_submitted = {
/// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
/// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
/// # use time::macros::{date, datetime as at};
/// # let siret = Siret::parse("73282932000074")?;
/// # let establishment = Establishment::new(siret, "Boulangerie Martin");
/// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
/// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
/// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
/// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
/// # s
/// # };
/// use apart::procedure::RecapKind;
/// use apart::procedure::recap::Recap;
/// // `da_submitted` is a request of SIRET 73282932000074.
/// let recap = Recap::of_da(&da_submitted, RecapKind::DaSubmitted)?;
/// let establishment = &recap.content().establishment;
/// assert_eq!(establishment.siret, "732 829 320 00074");
/// assert_eq!(establishment.name, "Boulangerie Martin");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecapEstablishment {
    /// The SIRET, spaced (`732 829 320 00074`) when it has 14 digits.
    pub siret: String,
    /// The name.
    pub name: String,
    /// The address, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

/// The authorisation part of a recap.
///
/// # Example
///
/// ```
/// # let da = {
/// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
/// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
/// # use time::macros::{date, datetime as at};
/// # let siret = Siret::parse("73282932000074")?;
/// # let establishment = Establishment::new(siret, "Boulangerie Martin");
/// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
/// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
/// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
/// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
/// # let s = s.tick(at!(2022-02-26 00:00 +1))?.snapshot; // accepted by silence
/// # s
/// # };
/// use apart::procedure::RecapKind;
/// use apart::procedure::da::DecisionKind;
/// use apart::procedure::recap::Recap;
/// use time::macros::date;
/// // `da` (March–May 2022, 600 h) was accepted by silence on 2022-02-26.
/// let recap = Recap::of_da(&da, RecapKind::DaDecision)?;
/// let da_part = recap.content().da.as_ref().ok_or("no DA part")?;
/// let decision = da_part.decision.as_ref().ok_or("no decision")?;
/// assert_eq!((decision.kind, decision.number.as_deref()), (DecisionKind::Implicit, None));
/// assert_eq!(decision.hours.to_string(), "600");
/// assert_eq!(decision.claims_last_day, date!(2022-11-30));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecapDecision {
    /// Explicit or implicit.
    pub kind: DecisionKind,
    /// When.
    #[serde(with = "crate::calendar::serde::instant")]
    pub at: OffsetDateTime,
    /// The decision's number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The authorised period.
    pub period: Period,
    /// The authorised hours.
    #[serde(with = "crate::value::decimal::hours")]
    pub hours: Decimal,
    /// The last day a DI may be filed.
    #[serde(with = "crate::calendar::serde::date")]
    pub claims_last_day: Date,
}

/// The DA part of a recap.
///
/// # Example
///
/// ```
/// # let da_submitted = {
/// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
/// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
/// # use time::macros::{date, datetime as at};
/// # let siret = Siret::parse("73282932000074")?;
/// # let establishment = Establishment::new(siret, "Boulangerie Martin");
/// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
/// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
/// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
/// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
/// # s
/// # };
/// use apart::procedure::RecapKind;
/// use apart::procedure::recap::Recap;
/// use time::macros::datetime;
/// // `da_submitted`: 4 employees, 600 h, received on 2022-02-10, no decision yet.
/// let recap = Recap::of_da(&da_submitted, RecapKind::DaSubmitted)?;
/// let da = recap.content().da.as_ref().ok_or("no DA part")?;
/// assert_eq!(da.motive, "economic_conditions");
/// assert_eq!(da.motive_label, "La conjoncture économique");
/// assert_eq!((da.employees, da.hours.to_string()), (4, "600".to_owned()));
/// assert_eq!(da.implicit_at, Some(datetime!(2022-02-26 00:00 +1)));
/// assert!(da.decision.is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecapDa {
    /// The DA's reference.
    pub reference: String,
    /// The motive's code.
    pub motive: String,
    /// The motive's wording.
    pub motive_label: String,
    /// The requested period.
    pub period: Period,
    /// The employees concerned.
    pub employees: u32,
    /// The hours requested.
    #[serde(with = "crate::value::decimal::hours")]
    pub hours: Decimal,
    /// Renewal or amendment of an earlier DA.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<(LinkKind, String)>,
    /// When it was received.
    #[serde(default, with = "crate::calendar::serde::option_instant")]
    pub received_at: Option<OffsetDateTime>,
    /// When the administration's silence means acceptance.
    #[serde(default, with = "crate::calendar::serde::option_instant")]
    pub implicit_at: Option<OffsetDateTime>,
    /// The authorisation (decision kinds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<RecapDecision>,
    /// The refusal's reasons (decision kinds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal_reasons: Option<String>,
    /// The withdrawal's reason (decision kinds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawal_reason: Option<String>,
}

/// The DI part of a recap.
///
/// # Example
///
/// ```
/// # let di = {
/// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
/// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
/// # use time::macros::{date, datetime as at};
/// # let siret = Siret::parse("73282932000074")?;
/// # let establishment = Establishment::new(siret, "Boulangerie Martin");
/// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
/// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
/// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
/// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
/// # let s = s.tick(at!(2022-02-26 00:00 +1))?.snapshot; // accepted by silence
/// # let (code, month) = (DiCode::parse("DI-1")?, Month::new(2022, 3)?);
/// # let s = DiMachine::create(&s, code, month, &[], at!(2022-04-02 09:00 +2))?;
/// # let lines = vec![DiLine::new("Jeanne Martin", "269054958815780", 35.into())];
/// # let s = s.apply(DiEvent::Edit { lines }, Actor::Principal, at!(2022-04-02 09:05 +2))?;
/// # let s = s.snapshot;
/// # let s = s.apply(DiEvent::submit(), Actor::Principal, at!(2022-04-02 09:10 +2))?.snapshot;
/// # s
/// # };
/// use apart::procedure::RecapKind;
/// use apart::procedure::recap::Recap;
/// // `di` is the claim DI-1 for March 2022 on DA-1 (March–May 2022, 600 h).
/// let recap = Recap::of_di(&di, RecapKind::DiSubmitted, None)?;
/// let part = recap.content().di.as_ref().ok_or("no DI part")?;
/// assert_eq!((part.code.as_str(), part.di_version), ("DI-1", 1));
/// assert_eq!(part.month.to_string(), "2022-03");
/// assert_eq!((part.da_reference.as_str(), part.authorised_period.days()), ("DA-1", 92));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecapDi {
    /// The DI code.
    pub code: String,
    /// The month.
    pub month: Month,
    /// The DI's version.
    pub di_version: u32,
    /// The DA claimed under.
    pub da_reference: String,
    /// The authorised period.
    pub authorised_period: Period,
    /// The authorised hours.
    #[serde(with = "crate::value::decimal::hours")]
    pub authorised_hours: Decimal,
    /// When it was submitted.
    #[serde(default, with = "crate::calendar::serde::option_instant")]
    pub submitted_at: Option<OffsetDateTime>,
    /// The incident a regularisation repaired (after validation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regularised_from_incident: Option<String>,
}

/// One employee's line, NIR masked.
///
/// # Example
///
/// ```
/// # let di = {
/// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
/// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
/// # use time::macros::{date, datetime as at};
/// # let siret = Siret::parse("73282932000074")?;
/// # let establishment = Establishment::new(siret, "Boulangerie Martin");
/// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
/// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
/// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
/// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
/// # let s = s.tick(at!(2022-02-26 00:00 +1))?.snapshot; // accepted by silence
/// # let (code, month) = (DiCode::parse("DI-1")?, Month::new(2022, 3)?);
/// # let s = DiMachine::create(&s, code, month, &[], at!(2022-04-02 09:00 +2))?;
/// # let lines = vec![DiLine::new("Jeanne Martin", "269054958815780", 35.into())];
/// # let s = s.apply(DiEvent::Edit { lines }, Actor::Principal, at!(2022-04-02 09:05 +2))?;
/// # let s = s.snapshot;
/// # let s = s.apply(DiEvent::submit(), Actor::Principal, at!(2022-04-02 09:10 +2))?.snapshot;
/// # s
/// # };
/// use apart::procedure::RecapKind;
/// use apart::procedure::recap::Recap;
/// // `di` claims 35 h for Jeanne Martin, NIR 269054958815780.
/// let recap = Recap::of_di(&di, RecapKind::DiSubmitted, None)?;
/// let line = &recap.content().employees[0];
/// assert_eq!(line.employee, "Jeanne Martin");
/// assert_eq!(line.nir_masked, "26905**********");
/// assert_eq!(line.hours_not_worked.to_string(), "35");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecapLine {
    /// The employee's name.
    pub employee: String,
    /// The NIR's first 5 characters, the rest `*`.
    pub nir_masked: String,
    /// Hours not worked.
    #[serde(with = "crate::value::decimal::hours")]
    pub hours_not_worked: Decimal,
    /// Of which in training.
    #[serde(with = "crate::value::decimal::hours")]
    pub training_hours: Decimal,
}

/// The totals.
///
/// # Example
///
/// ```
/// # let di = {
/// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
/// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
/// # use time::macros::{date, datetime as at};
/// # let siret = Siret::parse("73282932000074")?;
/// # let establishment = Establishment::new(siret, "Boulangerie Martin");
/// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
/// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
/// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
/// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
/// # let s = s.tick(at!(2022-02-26 00:00 +1))?.snapshot; // accepted by silence
/// # let (code, month) = (DiCode::parse("DI-1")?, Month::new(2022, 3)?);
/// # let s = DiMachine::create(&s, code, month, &[], at!(2022-04-02 09:00 +2))?;
/// # let lines = vec![DiLine::new("Jeanne Martin", "269054958815780", 35.into())];
/// # let s = s.apply(DiEvent::Edit { lines }, Actor::Principal, at!(2022-04-02 09:05 +2))?;
/// # let s = s.snapshot;
/// # let s = s.apply(DiEvent::submit(), Actor::Principal, at!(2022-04-02 09:10 +2))?.snapshot;
/// # s
/// # };
/// use apart::procedure::RecapKind;
/// use apart::procedure::recap::{Recap, RecapAmounts};
/// // `di` claims 35 h; no training hours.
/// let amounts = RecapAmounts { claimed: Some("312.40".parse()?), ..RecapAmounts::default() };
/// let recap = Recap::of_di(&di, RecapKind::DiSubmitted, Some(&amounts))?;
/// let totals = recap.content().totals.as_ref().ok_or("no totals")?;
/// assert_eq!(totals.hours_not_worked.to_string(), "35");
/// assert!(totals.training_hours.is_zero());
/// assert_eq!(totals.amount_claimed.map(|a| a.to_string()).as_deref(), Some("312.40"));
/// // Nothing is validated or paid at request time.
/// assert_eq!((totals.amount_validated, totals.amount_paid), (None, None));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecapTotals {
    /// Hours not worked.
    #[serde(with = "crate::value::decimal::hours")]
    pub hours_not_worked: Decimal,
    /// Of which in training.
    #[serde(with = "crate::value::decimal::hours")]
    pub training_hours: Decimal,
    /// The amount claimed, when the caller gave it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::value::decimal::option_amount"
    )]
    pub amount_claimed: Option<Decimal>,
    /// The amount validated, when the caller gave it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::value::decimal::option_amount"
    )]
    pub amount_validated: Option<Decimal>,
    /// The amount paid, once paid.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::value::decimal::option_amount"
    )]
    pub amount_paid: Option<Decimal>,
    /// The bank account, masked ([`mask_iban`]), when the caller gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iban_masked: Option<String>,
}

/// Everything a recap shows; the part that is hashed.
///
/// # Example
///
/// ```
/// # let da_submitted = {
/// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
/// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
/// # use time::macros::{date, datetime as at};
/// # let siret = Siret::parse("73282932000074")?;
/// # let establishment = Establishment::new(siret, "Boulangerie Martin");
/// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
/// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
/// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
/// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
/// # s
/// # };
/// use apart::procedure::RecapKind;
/// use apart::procedure::recap::Recap;
/// // `da_submitted` was received on 2022-02-10.
/// let content = Recap::of_da(&da_submitted, RecapKind::DaSubmitted)?.content().clone();
/// assert_eq!((content.machine.as_str(), content.state.as_str(), content.state_label.as_str()),
///     ("apart.da", "Submitted", "Transmise"));
/// assert_eq!((content.version, content.history.len()), (1, 1));
/// assert!(content.di.is_none() && content.employees.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecapContent {
    /// The kind.
    pub kind: RecapKind,
    /// The machine (`apart.da`, `apart.di`).
    pub machine: String,
    /// The snapshot version the recap shows.
    pub version: u64,
    /// The state shown.
    pub state: String,
    /// Its French label.
    pub state_label: String,
    /// When that state was entered (the last history entry shown), if ever.
    #[serde(default, with = "crate::calendar::serde::option_instant")]
    pub state_at: Option<OffsetDateTime>,
    /// The extranet status code (DI only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extranet_code: Option<u8>,
    /// The establishment.
    pub establishment: RecapEstablishment,
    /// The DA part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub da: Option<RecapDa>,
    /// The DI part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub di: Option<RecapDi>,
    /// The employees (DI).
    #[serde(default)]
    pub employees: Vec<RecapLine>,
    /// The totals (DI).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totals: Option<RecapTotals>,
    /// The status history shown.
    pub history: Vec<HistoryEntry>,
}

/// A recap document: its content and the SHA-256 of the content's canonical JSON.
///
/// # Example
///
/// ```
/// # let di_validated = {
/// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
/// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
/// # use time::macros::{date, datetime as at};
/// # let siret = Siret::parse("73282932000074")?;
/// # let establishment = Establishment::new(siret, "Boulangerie Martin");
/// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
/// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
/// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
/// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
/// # let s = s.tick(at!(2022-02-26 00:00 +1))?.snapshot; // accepted by silence
/// # let (code, month) = (DiCode::parse("DI-1")?, Month::new(2022, 3)?);
/// # let s = DiMachine::create(&s, code, month, &[], at!(2022-04-02 09:00 +2))?;
/// # let lines = vec![DiLine::new("Jeanne Martin", "269054958815780", 35.into())];
/// # let s = s.apply(DiEvent::Edit { lines }, Actor::Principal, at!(2022-04-02 09:05 +2))?;
/// # let s = s.snapshot;
/// # let s = s.apply(DiEvent::submit(), Actor::Principal, at!(2022-04-02 09:10 +2))?.snapshot;
/// # let s = s.apply(DiEvent::Validate, Actor::Administration, at!(2022-04-12 10:00 +2))?;
/// # let s = s.snapshot;
/// # s
/// # };
/// use apart::procedure::RecapKind;
/// use apart::procedure::recap::Recap;
/// // `di_validated` was submitted, then validated.
/// let at_request = Recap::of_di(&di_validated, RecapKind::DiSubmitted, None)?;
/// let after = Recap::of_di(&di_validated, RecapKind::DiValidated, None)?;
/// assert_eq!(at_request.content().state, "Submitted");
/// assert_eq!(after.content().state, "Validated");
/// assert_ne!(at_request.hash(), after.hash());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, eq, module = "apart.procedure")
)]
pub struct Recap {
    content: RecapContent,
    content_hash: String,
}

/// Read back as stored, checked: the hash is computed again from the content, and a recap
/// whose content or hash was changed since it was made is refused.
///
/// ```
/// # let da_submitted = {
/// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
/// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
/// # use time::macros::{date, datetime as at};
/// # let siret = Siret::parse("73282932000074")?;
/// # let establishment = Establishment::new(siret, "Boulangerie Martin");
/// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
/// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
/// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
/// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
/// # s
/// # };
/// use apart::procedure::RecapKind;
/// use apart::procedure::recap::Recap;
/// let recap = Recap::of_da(&da_submitted, RecapKind::DaSubmitted)?;
/// let stored = serde_json::to_string(&recap)?;
/// assert_eq!(serde_json::from_str::<Recap>(&stored)?, recap);
/// let edited = stored.replace("Boulangerie Martin", "Boulangerie Dupont");
/// assert!(serde_json::from_str::<Recap>(&edited).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl<'de> Deserialize<'de> for Recap {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields, expecting = "struct Recap")]
        struct Stored {
            content: RecapContent,
            content_hash: String,
        }
        let stored = Stored::deserialize(d)?;
        let recap = Recap::from_content(stored.content);
        if recap.content_hash != stored.content_hash {
            return Err(serde::de::Error::custom(
                "content_hash is not the SHA-256 of the content: the recap was changed after it was made",
            ));
        }
        Ok(recap)
    }
}

impl Recap {
    /// Builds a recap from its content, computing the hash.
    ///
    /// # Example
    ///
    /// ```
    /// # let da_submitted = {
    /// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
    /// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
    /// # use time::macros::{date, datetime as at};
    /// # let siret = Siret::parse("73282932000074")?;
    /// # let establishment = Establishment::new(siret, "Boulangerie Martin");
    /// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
    /// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
    /// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
    /// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
    /// # s
    /// # };
    /// use apart::procedure::RecapKind;
    /// use apart::procedure::recap::Recap;
    /// let recap = Recap::of_da(&da_submitted, RecapKind::DaSubmitted)?;
    /// // The same content gives the same hash; any change gives another.
    /// assert_eq!(Recap::from_content(recap.content().clone()).hash(), recap.hash());
    /// let mut content = recap.content().clone();
    /// content.establishment.name = "Boulangerie Martin et fils".into();
    /// assert_ne!(Recap::from_content(content).hash(), recap.hash());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_content(content: RecapContent) -> Recap {
        let canonical = canonical_json(&serde_json::to_value(&content).unwrap_or_default());
        let digest = Sha256::digest(canonical.as_bytes());
        let mut content_hash = String::with_capacity(64);
        for byte in digest.iter() {
            let _ = write!(content_hash, "{byte:02x}");
        }
        Recap {
            content,
            content_hash,
        }
    }

    /// The content.
    ///
    /// # Example
    ///
    /// ```
    /// # let da_submitted = {
    /// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
    /// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
    /// # use time::macros::{date, datetime as at};
    /// # let siret = Siret::parse("73282932000074")?;
    /// # let establishment = Establishment::new(siret, "Boulangerie Martin");
    /// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
    /// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
    /// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
    /// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
    /// # s
    /// # };
    /// use apart::procedure::RecapKind;
    /// use apart::procedure::recap::Recap;
    /// let recap = Recap::of_da(&da_submitted, RecapKind::DaSubmitted)?;
    /// assert_eq!(recap.content().kind, RecapKind::DaSubmitted);
    /// assert_eq!(recap.content().history[0].event, "Submit");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn content(&self) -> &RecapContent {
        &self.content
    }

    /// The SHA-256 of the canonical JSON of the content, in lowercase hex.
    ///
    /// # Example
    ///
    /// ```
    /// # let da_submitted = {
    /// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
    /// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
    /// # use time::macros::{date, datetime as at};
    /// # let siret = Siret::parse("73282932000074")?;
    /// # let establishment = Establishment::new(siret, "Boulangerie Martin");
    /// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
    /// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
    /// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
    /// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
    /// # s
    /// # };
    /// use apart::procedure::RecapKind;
    /// use apart::procedure::recap::Recap;
    /// use sha2::{Digest, Sha256};
    /// let recap = Recap::of_da(&da_submitted, RecapKind::DaSubmitted)?;
    /// let digest = Sha256::digest(recap.canonical_json().as_bytes());
    /// let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    /// assert_eq!(recap.hash(), hex);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn hash(&self) -> &str {
        &self.content_hash
    }

    /// The canonical JSON of the content (what is hashed).
    ///
    /// # Example
    ///
    /// ```
    /// # let da_submitted = {
    /// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
    /// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
    /// # use time::macros::{date, datetime as at};
    /// # let siret = Siret::parse("73282932000074")?;
    /// # let establishment = Establishment::new(siret, "Boulangerie Martin");
    /// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
    /// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
    /// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
    /// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
    /// # s
    /// # };
    /// use apart::procedure::RecapKind;
    /// use apart::procedure::recap::Recap;
    /// let json = Recap::of_da(&da_submitted, RecapKind::DaSubmitted)?.canonical_json();
    /// // Keys sorted at every level, no white space between tokens, decimals as strings.
    /// assert!(json.starts_with(r#"{"da":{"employees":4,"hours":"600","implicit_at":"#));
    /// assert!(json.ends_with(r#""state_label":"Transmise","version":1}"#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn canonical_json(&self) -> String {
        canonical_json(&serde_json::to_value(&self.content).unwrap_or_default())
    }

    /// The recap as JSON: `{"content": …, "content_hash": "…"}`.
    ///
    /// # Example
    ///
    /// ```
    /// # let da_submitted = {
    /// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
    /// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
    /// # use time::macros::{date, datetime as at};
    /// # let siret = Siret::parse("73282932000074")?;
    /// # let establishment = Establishment::new(siret, "Boulangerie Martin");
    /// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
    /// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
    /// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
    /// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
    /// # s
    /// # };
    /// use apart::procedure::RecapKind;
    /// use apart::procedure::recap::Recap;
    /// let recap = Recap::of_da(&da_submitted, RecapKind::DaSubmitted)?;
    /// let json: serde_json::Value = serde_json::from_str(&recap.to_json())?;
    /// assert_eq!(json["content_hash"], recap.hash());
    /// assert_eq!(json["content"]["establishment"]["siret"], "732 829 320 00074");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The recap as a self-contained, printable HTML page (see the module `recap_html`).
    ///
    /// # Example
    ///
    /// ```
    /// # let da_submitted = {
    /// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
    /// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
    /// # use time::macros::{date, datetime as at};
    /// # let siret = Siret::parse("73282932000074")?;
    /// # let establishment = Establishment::new(siret, "Boulangerie Martin");
    /// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
    /// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
    /// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
    /// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
    /// # s
    /// # };
    /// use apart::procedure::RecapKind;
    /// use apart::procedure::recap::Recap;
    /// let html = Recap::of_da(&da_submitted, RecapKind::DaSubmitted)?.to_html();
    /// assert!(html.starts_with("<!DOCTYPE html>"));
    /// assert!(html.contains("État : Transmise"));
    /// assert!(!html.contains("<script"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_html(&self) -> String {
        super::recap_html::render(self)
    }

    /// The recap of a snapshot given as JSON (as [`Snapshot::to_json`] writes it): a DA for
    /// the `Da*` kinds, a DI for the `Di*` kinds. For bindings and callers that store
    /// snapshots as documents.
    ///
    /// ```
    /// use apart::procedure::recap::Recap;
    /// use apart::procedure::RecapKind;
    /// let draft = apart::machine_by_id("apart.da").unwrap().new_snapshot(r#"{"reference":"DA-1",
    ///     "establishment":{"siret":"73282932000074","name":"Martin"},
    ///     "request":{"motive":"economic_conditions","period":{"start":"2022-03-01","end":"2022-03-31"},
    ///     "employees":1,"hours":"10"}}"#)?;
    /// let err = Recap::from_snapshot_json(&draft, RecapKind::DaSubmitted, None).unwrap_err();
    /// assert_eq!(apart::Diagnostic::code(&err), "RECAP_NOT_AVAILABLE");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The `SNAPSHOT_*` errors of [`Snapshot::from_json`] (a DI snapshot for a DA kind is
    /// `SNAPSHOT_WRONG_MACHINE`), then those of [`Recap::of_da`] and [`Recap::of_di`].
    pub fn from_snapshot_json(
        snapshot_json: &str,
        kind: RecapKind,
        amounts: Option<&RecapAmounts>,
    ) -> Result<Recap, RecapError> {
        Ok(match kind {
            RecapKind::DaSubmitted | RecapKind::DaDecision => {
                Recap::of_da(&Snapshot::<DaMachine>::from_json(snapshot_json)?, kind)?
            }
            RecapKind::DiSubmitted | RecapKind::DiValidated => Recap::of_di(
                &Snapshot::<DiMachine>::from_json(snapshot_json)?,
                kind,
                amounts,
            )?,
        })
    }

    /// The recap of a DA.
    ///
    /// # Errors
    ///
    /// `RECAP_NOT_AVAILABLE` when `kind` is not a DA kind, for `DaSubmitted` before
    /// submission, and for `DaDecision` before a decision.
    ///
    /// # Example
    ///
    /// ```
    /// # let da_submitted = {
    /// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
    /// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
    /// # use time::macros::{date, datetime as at};
    /// # let siret = Siret::parse("73282932000074")?;
    /// # let establishment = Establishment::new(siret, "Boulangerie Martin");
    /// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
    /// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
    /// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
    /// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
    /// # s
    /// # };
    /// use apart::procedure::RecapKind;
    /// use apart::procedure::recap::Recap;
    /// use time::macros::datetime;
    /// // `da_submitted` awaits its decision: no decision recap yet.
    /// let err = Recap::of_da(&da_submitted, RecapKind::DaDecision).unwrap_err();
    /// assert_eq!(apart::Diagnostic::code(&err), "RECAP_NOT_AVAILABLE");
    /// let accepted = da_submitted.tick(datetime!(2022-02-26 00:00 +1))?.snapshot;
    /// let recap = Recap::of_da(&accepted, RecapKind::DaDecision)?;
    /// assert_eq!(recap.content().state_label, "Autorisée tacitement");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn of_da(da: &Snapshot<DaMachine>, kind: RecapKind) -> Result<Recap, ProcedureError> {
        let ctx = da.context();
        let state = da.state();
        let decided = matches!(
            state,
            DaState::AuthorisedExplicit
                | DaState::AuthorisedImplicit
                | DaState::Refused
                | DaState::AdministrationWithdrawn
                | DaState::PeriodEnded
                | DaState::ClaimsClosed
        );
        let history = match kind {
            RecapKind::DaSubmitted if ctx.received_at.is_some() && state != DaState::Draft => {
                up_to_last(da.history(), "Submit")
            }
            RecapKind::DaDecision if decided => da.history().to_vec(),
            _ => {
                return Err(ProcedureError::RecapNotAvailable {
                    kind: kind.as_str(),
                    state: state.name(),
                });
            }
        };
        let shown = history
            .last()
            .and_then(|h| DaState::from_name(&h.to))
            .unwrap_or(state);
        let decision = kind == RecapKind::DaDecision;
        let r = &ctx.request;
        let content =
            RecapContent {
                kind,
                machine: <DaMachine as Machine>::ID.to_owned(),
                version: history.len() as u64,
                state: shown.name().to_owned(),
                state_label: shown.label_fr().to_owned(),
                state_at: history.last().map(|h| h.at),
                extranet_code: None,
                establishment: establishment(&ctx.establishment),
                da: Some(RecapDa {
                    reference: ctx.reference.clone(),
                    motive: r.motive.as_str().to_owned(),
                    motive_label: r.motive.label_fr().to_owned(),
                    period: r.period,
                    employees: r.employees,
                    hours: r.hours,
                    link: ctx.link.as_ref().map(|l| (l.kind, l.previous.clone())),
                    received_at: ctx.received_at,
                    implicit_at: ctx.implicit_at,
                    decision: ctx.authorisation.as_ref().filter(|_| decision).map(|a| {
                        RecapDecision {
                            kind: a.kind,
                            at: a.at,
                            number: a.number.clone(),
                            period: a.period,
                            hours: a.hours,
                            claims_last_day: a.claims_last_day,
                        }
                    }),
                    refusal_reasons: ctx.refusal_reasons.clone().filter(|_| decision),
                    withdrawal_reason: ctx
                        .withdrawal
                        .as_ref()
                        .and_then(|w| w.reason.clone())
                        .filter(|_| decision),
                }),
                di: None,
                employees: Vec::new(),
                totals: None,
                history,
            };
        Ok(Recap::from_content(content))
    }

    /// The recap of a DI with its amounts computed by the indemnity engine from `employees`,
    /// one [`EmployeeMonth`] per DI line in the same order; returns the claim too, with its
    /// per-employee outcomes and explanations. For a bank account or a validated amount, build
    /// [`RecapAmounts::from_claim`], complete it and call [`Recap::of_di`].
    ///
    /// Each input must be the DI line's: the DI's month, the same hours not worked (after the
    /// engine's conversion of days) and training hours, so that the recap's hours and amounts
    /// describe the same claim.
    ///
    /// # Errors
    ///
    /// `RECAP_CLAIM_MISMATCH` when the inputs do not match the lines or the engine refuses a
    /// line (the reason is its error code, `INDEMNITY_CLAIM_MONTH_MISMATCH` for another month:
    /// nothing is left out of the total silently), then
    /// the errors of [`Recap::of_di`].
    ///
    /// # Example
    ///
    /// ```
    /// # let di = {
    /// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
    /// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
    /// # use time::macros::{date, datetime as at};
    /// # let siret = Siret::parse("73282932000074")?;
    /// # let establishment = Establishment::new(siret, "Boulangerie Martin");
    /// # let period = Period::new(date!(2026-01-01), date!(2026-03-31))?;
    /// # let request = DaRequest::new(Motive::EconomicConditions, period, 1, 200.into());
    /// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-7", establishment, request))?;
    /// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2025-12-10 10:00 +1))?.snapshot;
    /// # let s = s.tick(at!(2025-12-26 00:00 +1))?.snapshot; // accepted by silence
    /// # let (code, month) = (DiCode::parse("DI-7")?, Month::new(2026, 1)?);
    /// # let s = DiMachine::create(&s, code, month, &[], at!(2026-02-02 09:00 +1))?;
    /// # let lines = vec![DiLine::new("Jeanne Martin", "269054958815780", 70.into())];
    /// # let s = s.apply(DiEvent::Edit { lines }, Actor::Principal, at!(2026-02-02 09:05 +1))?;
    /// # let s = s.snapshot;
    /// # s.apply(DiEvent::submit(), Actor::Principal, at!(2026-02-02 09:10 +1))?.snapshot
    /// # };
    /// use apart::indemnity::{EmployeeMonth, Options};
    /// use apart::law::LawBook;
    /// use apart::procedure::RecapKind;
    /// use apart::procedure::recap::Recap;
    /// // `di` claims 70 h in January 2026 for one employee paid 3 000 € (indemnity.md §4 #11).
    /// let book = LawBook::shared()?;
    /// let month = "2026-01".parse()?;
    /// let inputs = [EmployeeMonth::new(month, "3000".parse()?, "70".parse()?)];
    /// let (kind, options) = (RecapKind::DiSubmitted, Options::default());
    /// let (recap, claim) = Recap::of_di_with_claim(&di, kind, book, &inputs, &options)?;
    /// let claimed = recap.content().totals.as_ref().and_then(|t| t.amount_claimed);
    /// assert_eq!(claimed.map(|a| a.to_string()).as_deref(), Some("599.90"));
    /// // An input that does not describe the DI's line is refused.
    /// let other = [EmployeeMonth::new(month, "3000".parse()?, "35".parse()?)];
    /// let err = Recap::of_di_with_claim(&di, kind, book, &other, &options).unwrap_err();
    /// assert_eq!(apart::Diagnostic::code(&err), "RECAP_CLAIM_MISMATCH");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn of_di_with_claim(
        di: &Snapshot<DiMachine>,
        kind: RecapKind,
        book: &LawBook,
        employees: &[EmployeeMonth],
        options: &Options,
    ) -> Result<(Recap, ClaimOutcome), ProcedureError> {
        let ctx = di.context();
        if employees.len() != ctx.lines.len() {
            return Err(ProcedureError::RecapClaimMismatch {
                line: ctx.lines.len().min(employees.len()),
                mismatch: RecapMismatch::LineCount {
                    inputs: employees.len(),
                    lines: ctx.lines.len(),
                },
            });
        }
        let month = Month::of(ctx.month.first_day());
        let claim = compute_claim(book, month, employees, options);
        for ((index, line), (input, claimed)) in ctx
            .lines
            .iter()
            .enumerate()
            .zip(employees.iter().zip(&claim.lines))
        {
            let mismatch = |mismatch: RecapMismatch| ProcedureError::RecapClaimMismatch {
                line: index,
                mismatch,
            };
            let outcome = match (&claimed.outcome, claimed.error_code()) {
                (Some(outcome), _) => outcome,
                (None, code) => {
                    return Err(mismatch(RecapMismatch::Refused {
                        code: code.unwrap_or_default().to_owned(),
                    }));
                }
            };
            if outcome.hours_not_worked.get() != line.hours_not_worked {
                return Err(mismatch(RecapMismatch::HoursNotWorked {
                    computed: outcome.hours_not_worked.get().to_string(),
                    on_di: line.hours_not_worked.to_string(),
                }));
            }
            if input.training_hours.get() != line.training_hours {
                return Err(mismatch(RecapMismatch::TrainingHours {
                    given: input.training_hours.get().to_string(),
                    on_di: line.training_hours.to_string(),
                }));
            }
        }
        let recap = Recap::of_di(di, kind, Some(&RecapAmounts::from_claim(&claim)))?;
        Ok((recap, claim))
    }

    /// The recap of a DI, with the amounts the caller computed, if any.
    ///
    /// # Errors
    ///
    /// `RECAP_NOT_AVAILABLE` when `kind` is not a DI kind, for `DiSubmitted` while the
    /// current version is not submitted (draft, or withdrawn before submission), and for
    /// `DiValidated` before validation.
    ///
    /// # Example
    ///
    /// ```
    /// # let di_edited = {
    /// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
    /// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
    /// # use time::macros::{date, datetime as at};
    /// # let siret = Siret::parse("73282932000074")?;
    /// # let establishment = Establishment::new(siret, "Boulangerie Martin");
    /// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
    /// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
    /// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
    /// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot;
    /// # let s = s.tick(at!(2022-02-26 00:00 +1))?.snapshot; // accepted by silence
    /// # let (code, month) = (DiCode::parse("DI-1")?, Month::new(2022, 3)?);
    /// # let s = DiMachine::create(&s, code, month, &[], at!(2022-04-02 09:00 +2))?;
    /// # let lines = vec![DiLine::new("Jeanne Martin", "269054958815780", 35.into())];
    /// # let s = s.apply(DiEvent::Edit { lines }, Actor::Principal, at!(2022-04-02 09:05 +2))?;
    /// # let s = s.snapshot;
    /// # s
    /// # };
    /// use apart::machine::Actor;
    /// use apart::procedure::RecapKind;
    /// use apart::procedure::di::DiEvent;
    /// use apart::procedure::recap::Recap;
    /// use time::macros::datetime;
    /// // `di_edited` is a draft: there is nothing to recap yet.
    /// let err = Recap::of_di(&di_edited, RecapKind::DiSubmitted, None).unwrap_err();
    /// assert_eq!(apart::Diagnostic::code(&err), "RECAP_NOT_AVAILABLE");
    /// let now = datetime!(2022-04-02 09:10 +2);
    /// let di = di_edited.apply(DiEvent::submit(), Actor::Principal, now)?.snapshot;
    /// let recap = Recap::of_di(&di, RecapKind::DiSubmitted, None)?;
    /// assert_eq!(recap.content().state_label, "En attente de validation");
    /// assert_eq!(recap.content().extranet_code, Some(19));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn of_di(
        di: &Snapshot<DiMachine>,
        kind: RecapKind,
        amounts: Option<&RecapAmounts>,
    ) -> Result<Recap, ProcedureError> {
        let ctx = di.context();
        let state = di.state();
        let history = match kind {
            RecapKind::DiSubmitted if ctx.submitted_at.is_some() && state != DiState::Draft => {
                up_to_last(di.history(), "Submit")
            }
            RecapKind::DiValidated if state.is_validated_or_later() => di.history().to_vec(),
            _ => {
                return Err(ProcedureError::RecapNotAvailable {
                    kind: kind.as_str(),
                    state: state.name(),
                });
            }
        };
        let shown = history
            .last()
            .and_then(|h| DiState::from_name(&h.to))
            .unwrap_or(state);
        let validated = kind == RecapKind::DiValidated;
        let amounts = amounts.cloned().unwrap_or_default();
        amounts.check()?;
        let content = RecapContent {
            kind,
            machine: <DiMachine as Machine>::ID.to_owned(),
            version: history.len() as u64,
            state: shown.name().to_owned(),
            state_label: shown.extranet_label().to_owned(),
            state_at: history.last().map(|h| h.at),
            extranet_code: Some(shown.extranet_code()),
            establishment: establishment(&ctx.da.establishment),
            da: None,
            di: Some(RecapDi {
                code: ctx.code.as_str().to_owned(),
                month: ctx.month,
                di_version: ctx.di_version,
                da_reference: ctx.da.reference.clone(),
                authorised_period: ctx.da.period,
                authorised_hours: ctx.da.hours,
                submitted_at: ctx.submitted_at,
                regularised_from_incident: ctx
                    .regularised_from_incident
                    .clone()
                    .filter(|_| validated),
            }),
            employees: ctx
                .lines
                .iter()
                .map(|l| RecapLine {
                    employee: l.employee.clone(),
                    nir_masked: mask_nir(&l.nir),
                    hours_not_worked: l.hours_not_worked,
                    training_hours: l.training_hours,
                })
                .collect(),
            totals: Some(RecapTotals {
                hours_not_worked: ctx.total_hours()?,
                training_hours: ctx.total_training_hours()?,
                amount_claimed: amounts.claimed,
                amount_validated: amounts.validated.filter(|_| validated),
                amount_paid: ctx.payment.as_ref().map(|p| p.amount).filter(|_| validated),
                iban_masked: amounts.iban.as_deref().map(mask_iban),
            }),
            history,
        };
        Ok(Recap::from_content(content))
    }
}

/// The history up to and including the last entry for `event` (all of it if none).
fn up_to_last(history: &[HistoryEntry], event: &str) -> Vec<HistoryEntry> {
    match history.iter().rposition(|h| h.event == event) {
        Some(i) => history.iter().take(i + 1).cloned().collect(),
        None => history.to_vec(),
    }
}

fn establishment(e: &super::Establishment) -> RecapEstablishment {
    RecapEstablishment {
        siret: e.siret.to_string(),
        name: e.name.clone(),
        address: e.address.clone(),
    }
}

/// JSON with object keys sorted at every level and no white space.
fn canonical_json(value: &serde_json::Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(key).unwrap_or_default());
                out.push(':');
                if let Some(v) = map.get(key) {
                    write_canonical(v, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// A recap as a front end returns it: the content, its hash, the canonical JSON the hash is
/// computed on, and the self-contained HTML (French).
///
/// ```
/// # let da_submitted = {
/// # use apart::{machine::{Actor, Snapshot}, siret::Siret};
/// # use apart::procedure::{da::*, Establishment, Motive, Period};
/// # use time::macros::{date, datetime as at};
/// # let establishment = Establishment::new(Siret::parse("73282932000074")?, "Boulangerie Martin");
/// # let period = Period::new(date!(2022-03-01), date!(2022-05-31))?;
/// # let request = DaRequest::new(Motive::EconomicConditions, period, 4, 600.into());
/// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
/// # s.apply(DaEvent::submit(), Actor::Principal, at!(2022-02-10 10:00 +1))?.snapshot
/// # };
/// use apart::procedure::RecapKind;
/// use apart::procedure::recap::{Recap, RecapDocument};
/// let recap = Recap::of_da(&da_submitted, RecapKind::DaSubmitted)?;
/// let document = RecapDocument::from(&recap);
/// assert_eq!(document.content_hash, recap.hash());
/// assert!(document.html.contains("Boulangerie Martin"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecapDocument {
    /// The content, in the core's JSON form.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub content: RecapContent,
    /// SHA-256 of the canonical JSON of the content, lowercase hex.
    pub content_hash: String,
    /// The canonical JSON the hash is computed on.
    pub canonical_json: String,
    /// The document as self-contained HTML (French).
    pub html: String,
}

impl From<&Recap> for RecapDocument {
    fn from(recap: &Recap) -> Self {
        RecapDocument {
            content: recap.content.clone(),
            content_hash: recap.content_hash.clone(),
            canonical_json: recap.canonical_json(),
            html: recap.to_html(),
        }
    }
}

/// A DI's recap and the claim computed for it ([`Recap::of_di_with_claim`]), as one record.
///
/// ```
/// # let di = {
/// # use apart::{calendar::Month, machine::{Actor, Snapshot}, siret::Siret};
/// # use apart::procedure::{da::*, di::*, DiCode, Establishment, Motive, Period};
/// # use time::macros::{date, datetime as at};
/// # let establishment = Establishment::new(Siret::parse("73282932000074")?, "Boulangerie Martin");
/// # let period = Period::new(date!(2026-01-01), date!(2026-03-31))?;
/// # let request = DaRequest::new(Motive::EconomicConditions, period, 1, 200.into());
/// # let s = Snapshot::<DaMachine>::new(DaContext::new("DA-7", establishment, request))?;
/// # let s = s.apply(DaEvent::submit(), Actor::Principal, at!(2025-12-10 10:00 +1))?.snapshot;
/// # let s = s.tick(at!(2025-12-26 00:00 +1))?.snapshot;
/// # let (code, month) = (DiCode::parse("DI-7")?, Month::new(2026, 1)?);
/// # let s = DiMachine::create(&s, code, month, &[], at!(2026-02-02 09:00 +1))?;
/// # let lines = vec![DiLine::new("Jeanne Martin", "269054958815780", 70.into())];
/// # let s = s.apply(DiEvent::Edit { lines }, Actor::Principal, at!(2026-02-02 09:05 +1))?;
/// # s.snapshot.apply(DiEvent::submit(), Actor::Principal, at!(2026-02-02 09:10 +1))?.snapshot
/// # };
/// use apart::indemnity::{EmployeeMonth, Options};
/// use apart::procedure::{RecapKind, recap::RecapWithClaim};
/// let inputs = [EmployeeMonth::new("2026-01".parse()?, "3000".parse()?, "70".parse()?)];
/// let book = apart::law::LawBook::shared()?;
/// let both = RecapWithClaim::of(&di, RecapKind::DiSubmitted, book, &inputs, &Options::default())?;
/// assert_eq!(both.claim.totals.employer_allocation.to_string(), "599.90");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecapWithClaim {
    /// The recap.
    pub recap: RecapDocument,
    /// The claim whose totals it shows.
    pub claim: ClaimOutcome,
}

impl RecapWithClaim {
    /// [`Recap::of_di_with_claim`] as one record.
    ///
    /// # Errors
    ///
    /// As [`Recap::of_di_with_claim`].
    ///
    /// ```
    /// // The type's example calls it on a submitted DI.
    /// let of = apart::procedure::recap::RecapWithClaim::of;
    /// # let _ = of;
    /// ```
    pub fn of(
        di: &Snapshot<DiMachine>,
        kind: RecapKind,
        book: &LawBook,
        employees: &[EmployeeMonth],
        options: &Options,
    ) -> Result<Self, ProcedureError> {
        let (recap, claim) = Recap::of_di_with_claim(di, kind, book, employees, options)?;
        Ok(RecapWithClaim {
            recap: RecapDocument::from(&recap),
            claim,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::machine::Actor;
    use crate::procedure::DiCode;
    use crate::procedure::di::{DiEvent, DiLine, Rejection};
    use rust_decimal_macros::dec;
    use time::macros::datetime;

    /// A date from its ISO form (rustfmt would space out `date!(2022-03-01)`).
    fn ymd(iso: &str) -> time::Date {
        time::Date::parse(iso, &time::format_description::well_known::Iso8601::DATE).unwrap()
    }

    fn submitted_di() -> Snapshot<DiMachine> {
        let da = crate::procedure::di::tests::authorised_da(
            ymd("2022-03-01"),
            ymd("2022-05-31"),
            datetime!(2022-02-10 10:00 +1),
        );
        let t = datetime!(2022-04-02 09:00 +2);
        let di = DiMachine::create(
            &da,
            DiCode::parse("DI-9").unwrap(),
            Month::new(2022, 3).unwrap(),
            &[],
            t,
        )
        .unwrap();
        let di = di
            .apply(
                DiEvent::Edit {
                    lines: vec![DiLine::new(
                        "Jeanne <Martin> & fils",
                        "269054958815780",
                        dec!(35.5),
                    )],
                },
                Actor::Principal,
                t,
            )
            .unwrap()
            .snapshot;
        di.apply(DiEvent::submit(), Actor::Principal, t)
            .unwrap()
            .snapshot
    }

    #[test]
    fn di_recaps_at_request_time_and_after_validation() {
        let s = submitted_di();
        assert_eq!(
            Recap::of_di(&s, RecapKind::DiValidated, None).unwrap_err(),
            ProcedureError::RecapNotAvailable {
                kind: "di_validated",
                state: "Submitted"
            }
        );
        assert_eq!(
            Recap::of_di(&s, RecapKind::DaSubmitted, None)
                .unwrap_err()
                .code(),
            "RECAP_NOT_AVAILABLE"
        );
        let amounts = RecapAmounts {
            claimed: Some(dec!(312.40)),
            validated: Some(dec!(312.40)),
            iban: None,
        };
        let at_request = Recap::of_di(&s, RecapKind::DiSubmitted, Some(&amounts)).unwrap();
        assert_eq!(at_request.content().state, "Submitted");
        assert_eq!(at_request.content().extranet_code, Some(19));
        assert_eq!(
            at_request.content().employees[0].nir_masked,
            "26905**********"
        );
        assert_eq!(
            at_request
                .content()
                .totals
                .as_ref()
                .unwrap()
                .amount_validated,
            None
        );
        // Rejected by an incident, regularised: the request-time recap does not change.
        let t = datetime!(2022-04-03 09:00 +2);
        let rejected = s
            .apply(
                DiEvent::Reject {
                    rejection: Rejection::incident("rejet technique", "INC-1"),
                },
                Actor::System,
                t,
            )
            .unwrap()
            .snapshot;
        let validated = rejected
            .apply(
                DiEvent::Regularise {
                    incident_id: "INC-1".into(),
                },
                Actor::Asp,
                t,
            )
            .unwrap()
            .snapshot;
        let again = Recap::of_di(&validated, RecapKind::DiSubmitted, Some(&amounts)).unwrap();
        assert_eq!(again, at_request);
        assert_eq!(again.hash(), at_request.hash());
        let after = Recap::of_di(&validated, RecapKind::DiValidated, Some(&amounts)).unwrap();
        assert_ne!(after.hash(), at_request.hash());
        assert_eq!(
            after
                .content()
                .di
                .as_ref()
                .unwrap()
                .regularised_from_incident
                .as_deref(),
            Some("INC-1")
        );
        assert_eq!(after.content().history.len(), 4);
        assert_eq!(after.content().establishment.siret, "732 829 320 00074");
        // Deterministic and stable through JSON.
        let json = serde_json::to_value(&after).unwrap();
        let content: RecapContent = serde_json::from_value(json["content"].clone()).unwrap();
        assert_eq!(Recap::from_content(content).hash(), after.hash());
    }

    #[test]
    fn canonical_json_sorts_keys() {
        let v: serde_json::Value =
            serde_json::from_str(r#"{"b":1,"a":{"d":[1,{"z":0,"y":"é"}],"c":null}}"#).unwrap();
        assert_eq!(
            canonical_json(&v),
            r#"{"a":{"c":null,"d":[1,{"y":"é","z":0}]},"b":1}"#
        );
    }

    #[test]
    fn hash_is_sha256_of_canonical_json() {
        let r = Recap::of_di(&submitted_di(), RecapKind::DiSubmitted, None).unwrap();
        let digest = Sha256::digest(r.canonical_json().as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(r.hash(), hex);
        // Known vector: SHA-256 of the empty string.
        let empty: String = Sha256::digest(b"")
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            empty,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
