//! The hours a DI counts against: the hours authorised on its DA and each employee's annual
//! quota (spec `indemnity.md` §1.8), from the facts about the establishment's other DIs.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::{DiContext, DiMachine, MAX_YEAR_HOURS, MAX_YEAR_HOURS_TEXT};
use crate::forms::{compact_nir, mask_nir};
use crate::law::LawBook;
use crate::machine::Snapshot;
use crate::procedure::da::QuotaCategory;
use crate::procedure::{ProcedureError, rules};

/// Hours an employee has in other filed DIs (for the quota check at submission).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmployeeHours {
    /// The NIR (spaces ignored).
    pub nir: String,
    /// The hours.
    #[serde(with = "crate::value::decimal::hours")]
    pub hours: Decimal,
}

/// The facts about other DIs that a submission is checked against. Build them with
/// [`ClaimFacts::from_claims`] from the caller's DIs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimFacts {
    /// Hours already claimed on the same DA by other filed DIs.
    #[serde(default, with = "crate::value::decimal::hours")]
    pub hours_claimed_on_da: Decimal,
    /// Per employee, hours in other filed DIs of the same calendar year and quota category.
    #[serde(default)]
    pub year_hours: Vec<EmployeeHours>,
}

impl ClaimFacts {
    /// Checks facts given by the caller: hours never negative, an employee's hours of the year
    /// at most [`MAX_YEAR_HOURS`] (366 days of 24 hours), so that no sum can overflow.
    ///
    /// ```
    /// use apart::procedure::di::{ClaimFacts, EmployeeHours};
    /// let mut facts = ClaimFacts::default();
    /// facts.year_hours.push(EmployeeHours { nir: "269054958815780".into(), hours: 9000.into() });
    /// assert_eq!(apart::Diagnostic::code(&facts.check().unwrap_err()), "DI_HOURS_OUT_OF_RANGE");
    /// ```
    ///
    /// # Errors
    ///
    /// `DI_HOURS_OUT_OF_RANGE` naming the field (and the entry of `year_hours`).
    pub fn check(&self) -> Result<(), ProcedureError> {
        if self.hours_claimed_on_da < Decimal::ZERO {
            return Err(ProcedureError::HoursOutOfRange {
                field: "hours_claimed_on_da",
                line: None,
                max: None,
            });
        }
        for (entry, e) in self.year_hours.iter().enumerate() {
            if e.hours < Decimal::ZERO || e.hours > MAX_YEAR_HOURS {
                return Err(ProcedureError::HoursOutOfRange {
                    field: "year_hours",
                    line: Some(entry),
                    max: Some(MAX_YEAR_HOURS_TEXT),
                });
            }
        }
        Ok(())
    }

    /// The facts for submitting `this`, from the establishment's other DIs (any order; `this`
    /// itself, drafts, rejected and withdrawn DIs are ignored).
    pub fn from_claims(this: &DiContext, others: &[Snapshot<DiMachine>]) -> ClaimFacts {
        let mut facts = ClaimFacts::default();
        let mut per_nir: BTreeMap<String, Decimal> = BTreeMap::new();
        for other in others {
            let o = other.context();
            if !other.state().counts_as_filed() || o.code == this.code {
                continue;
            }
            // Saturating: a stored DI far beyond the limits makes the facts exceed any
            // authorisation or quota, and the submission is refused, never an overflow.
            if o.da.reference == this.da.reference {
                for line in &o.lines {
                    facts.hours_claimed_on_da = facts
                        .hours_claimed_on_da
                        .saturating_add(line.hours_not_worked);
                }
            }
            if o.month.year() == this.month.year() && o.da.quota == this.da.quota {
                for line in &o.lines {
                    let total = per_nir.entry(compact_nir(&line.nir)).or_default();
                    *total = total.saturating_add(line.hours_not_worked);
                }
            }
        }
        facts.year_hours = per_nir
            .into_iter()
            .map(|(nir, hours)| EmployeeHours { nir, hours })
            .collect();
        facts
    }
}

/// One employee's use of the annual quota.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct QuotaUse {
    /// The NIR, masked (first 5 characters).
    pub nir_masked: String,
    /// The hours in filed DIs of the year.
    pub used: Decimal,
    /// The quota.
    pub quota: Decimal,
    /// What is left (negative when exceeded).
    pub remaining: Decimal,
}

/// The annual quota used by each employee in `year` across `dis` (filed DIs only, those of
/// the given quota category), in NIR order, the quota read from `book`.
///
/// ```
/// use apart::procedure::da::QuotaCategory;
/// use apart::procedure::di::annual_quota_use;
/// let book = apart::law::LawBook::shared()?;
/// assert!(annual_quota_use(book, 2021, QuotaCategory::Standard, &[])?.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// `RULE_NOT_COVERED` for a year without a quota row.
pub fn annual_quota_use(
    book: &LawBook,
    year: i32,
    category: QuotaCategory,
    dis: &[Snapshot<DiMachine>],
) -> Result<Vec<QuotaUse>, ProcedureError> {
    let works = category == QuotaCategory::ModernisationWorks;
    let quota = rules::annual_quota_hours(book, year, works)?;
    let mut per_nir: BTreeMap<String, Decimal> = BTreeMap::new();
    for di in dis {
        let c = di.context();
        if di.state().counts_as_filed() && c.month.year() == year && c.da.quota == category {
            for line in &c.lines {
                let total = per_nir.entry(compact_nir(&line.nir)).or_default();
                *total = total.saturating_add(line.hours_not_worked);
            }
        }
    }
    Ok(per_nir
        .into_iter()
        .map(|(nir, used)| QuotaUse {
            nir_masked: mask_nir(&nir),
            used,
            quota,
            remaining: quota.saturating_sub(used),
        })
        .collect())
}

/// Each employee's hours of the year, with this claim, within the annual quota.
pub(super) fn check_quota(ctx: &DiContext, facts: &ClaimFacts) -> Result<(), ProcedureError> {
    let year = ctx.month.year();
    let book = ctx.law.for_rule("annual_quota")?;
    let works = ctx.da.quota == QuotaCategory::ModernisationWorks;
    let quota = rules::annual_quota_hours(book, year, works)?;
    facts.check()?;
    let too_large = |field, line| ProcedureError::HoursOutOfRange {
        field,
        line: Some(line),
        max: None,
    };
    let mut totals: BTreeMap<String, Decimal> = BTreeMap::new();
    for (entry, e) in facts.year_hours.iter().enumerate() {
        let total = totals.entry(compact_nir(&e.nir)).or_default();
        *total = total
            .checked_add(e.hours)
            .ok_or(too_large("year_hours", entry))?;
    }
    for (line, l) in ctx.lines.iter().enumerate() {
        let total = totals.entry(compact_nir(&l.nir)).or_default();
        *total = total
            .checked_add(l.hours_not_worked)
            .ok_or(too_large("hours_not_worked", line))?;
        if *total > quota {
            return Err(ProcedureError::AnnualQuotaExceeded {
                line,
                year,
                quota: quota.to_string(),
                total: total.normalize().to_string(),
            });
        }
    }
    Ok(())
}
