//! CSG/CRDS (and the Alsace-Moselle sickness contribution) on the indemnity, with the
//! écrêtement (spec §2.5).

use rust_decimal::Decimal;
use time::Date;

use super::explain::{ExplanationStep, Rounding};
use super::general::{Ctx, cents};
use super::input::pay_in_range;
use super::{Contributions, IndemnityError, Options, PayTerritory, Regime};
use crate::law::{LawBook, Param};
use crate::money::{Euros, round_cents};

/// CSG/CRDS and the Alsace-Moselle contribution on the indemnity, with the écrêtement: the
/// levies cannot bring net pay + net indemnity below the full-time monthly gross SMIC; they are
/// levied in the order CSG déductible → CSG non déductible → CRDS → Alsace-Moselle, so the last
/// ones are removed first (spec §2.5; the place of the Alsace-Moselle contribution in that
/// order is not in the sources: it is put last).
pub(super) fn levies(
    ctx: &mut Ctx<'_>,
    territory: PayTerritory,
    indemnity: Decimal,
    net_pay: Decimal,
) -> Result<Contributions, IndemnityError> {
    let (fraction, base_row) = ctx.known(Param::CsgBaseFraction)?;
    let (csg_d_rate, _) = ctx.known(Param::CsgDeductibleRate)?;
    let (csg_n_rate, _) = ctx.known(Param::CsgNonDeductibleRate)?;
    let (crds_rate, _) = ctx.known(Param::CrdsRate)?;
    let (smic_monthly, smic_row) = ctx.known(Param::SmicMonthly)?;
    let base = indemnity * fraction;
    let full_csg_d = round_cents(base * csg_d_rate);
    let full_csg_n = round_cents(base * csg_n_rate);
    let full_crds = round_cents(base * crds_rate);
    let full_am = if territory == PayTerritory::AlsaceMoselle {
        let (rate, _) = ctx.known(Param::AlsaceMoselleSicknessRate)?;
        round_cents(indemnity * rate)
    } else {
        Decimal::ZERO
    };
    let mut room = (net_pay + indemnity - smic_monthly).max(Decimal::ZERO);
    let mut take = |full: Decimal| {
        let levied = full.min(room);
        room -= levied;
        levied
    };
    let csg_d = take(full_csg_d);
    let csg_n = take(full_csg_n);
    let crds = take(full_crds);
    let am = take(full_am);
    let before = full_csg_d + full_csg_n + full_crds + full_am;
    let total = csg_d + csg_n + crds + am;
    ctx.step(|| {
        ExplanationStep::new(
            "contributions",
            format!(
                "CSG/CRDS sur {fraction} × {indemnity} : {full_csg_d} + {full_csg_n} + {full_crds} + {full_am} ; écrêtement au SMIC mensuel {smic_monthly} € → {total} €"
            ),
            format!(
                "CSG/CRDS on {fraction} × {indemnity}: {full_csg_d} + {full_csg_n} + {full_crds} + {full_am}; écrêtement at the monthly SMIC {smic_monthly} € → {total} €"
            ),
            &format!("{}; {}", base_row.source.title, smic_row.source.title),
            Rounding::Cent,
        )
        .with("base", base)
        .with("before_ecretement", before)
        .with("levied", total)
    });
    Ok(Contributions {
        base: Euros::new(base.normalize()),
        csg_deductible: cents(csg_d),
        csg_non_deductible: cents(csg_n),
        crds: cents(crds),
        alsace_moselle: cents(am),
        before_ecretement: cents(before),
        ecretement: cents(before - total),
        total: cents(total),
        net_indemnity: cents(indemnity - total),
    })
}

/// CSG/CRDS (and the Alsace-Moselle contribution) on an indemnity, with the écrêtement, for
/// hours of `date`: the part of [`super::compute`] that payroll software may need alone.
///
/// # Errors
///
/// [`IndemnityError::Law`] when a rate is missing for the date;
/// [`IndemnityError::SalaryOutOfRange`] for negative amounts;
/// [`IndemnityError::NoContributionsInTerritory`] for Mayotte, which has no CSG/CRDS (spec §1.6;
/// [`super::compute`] gives no contributions there, with a warning).
///
/// ```
/// use apart::indemnity::{contributions, PayTerritory};
/// use apart::law::LawBook;
/// use time::macros::date;
///
/// // Spec §4 #9 (fr-kb.sage.com, 2020): indemnity 709.09 €, net pay 842.82 €.
/// let book = LawBook::builtin()?;
/// let c = contributions(&book, date!(2020 - 04 - 01), PayTerritory::Mainland, "709.09".parse()?, "842.82".parse()?)?;
/// assert_eq!(c.before_ecretement.to_string(), "46.67");
/// assert_eq!(c.csg_deductible.to_string(), "12.49");
/// assert_eq!(c.total.to_string(), "12.49");
/// let mayotte = contributions(&book, date!(2026 - 01 - 01), PayTerritory::Mayotte, "1000".parse()?, "1000".parse()?);
/// assert_eq!(apart::Diagnostic::code(&mayotte.unwrap_err()), "INDEMNITY_NO_CONTRIBUTIONS_IN_TERRITORY");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn contributions(
    book: &LawBook,
    date: Date,
    territory: PayTerritory,
    indemnity: Euros,
    net_pay_worked: Euros,
) -> Result<Contributions, IndemnityError> {
    pay_in_range("indemnity", indemnity.get(), true)?;
    pay_in_range("net_pay_worked", net_pay_worked.get(), true)?;
    if territory == PayTerritory::Mayotte {
        return Err(IndemnityError::NoContributionsInTerritory {
            territory: territory.as_str(),
        });
    }
    let mut ctx = Ctx::new(book, date, Regime::DroitCommun, &Options::default());
    levies(&mut ctx, territory, indemnity.get(), net_pay_worked.get())
}
