//! The registry of parameters: one [`Param`] per table, its id and its embedded data file.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::error::{LawError, quote};

macro_rules! params {
    ($($(#[$meta:meta])* $variant:ident = $id:literal),* $(,)?) => {
        /// The name of one parameter table.
        ///
        /// The snake_case id is the table's file name in `law/data/` and its name in errors.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum Param {
            $($(#[$meta])* $variant,)*
        }

        impl Param {
            /// Every parameter, in a fixed order.
            pub const ALL: &'static [Param] = &[$(Param::$variant,)*];

            /// The snake_case id (the table's file name without `.toml`).
            pub fn id(self) -> &'static str {
                match self {
                    $(Param::$variant => $id,)*
                }
            }

            pub(super) fn embedded(self) -> &'static str {
                match self {
                    $(Param::$variant => include_str!(concat!("data/", $id, ".toml")),)*
                }
            }
        }
    };
}

params! {
    /// Gross hourly SMIC, mainland and overseas departments except Mayotte.
    SmicHourly = "smic_hourly",
    /// Gross monthly SMIC for full time (écrêtement floor).
    SmicMonthly = "smic_monthly",
    /// Gross hourly SMIC in Mayotte.
    SmicHourlyMayotte = "smic_hourly_mayotte",
    /// The 4.5 × SMIC ceiling of the allocation (and of the APLD indemnity).
    CeilingSmicMultiple = "ceiling_smic_multiple",
    /// The ceiling of the droit-commun and Covid indemnity (none in 2020).
    IndemnityCeilingSmicMultiple = "indemnity_ceiling_smic_multiple",
    /// The hourly floor of the employee indemnity (≈ net hourly SMIC).
    IndemnityFloor = "indemnity_floor",
    /// The hourly floor of the employee indemnity in Mayotte.
    IndemnityFloorMayotte = "indemnity_floor_mayotte",
    /// The annual quota of hours per employee.
    AnnualQuotaHours = "annual_quota_hours",
    /// The annual quota of hours per employee for modernisation works (motive 4°).
    AnnualQuotaWorksHours = "annual_quota_works_hours",
    /// The indemnity of apprentices paid below the SMIC, as a fraction of their pay.
    ApprenticeBelowSmicRate = "apprentice_below_smic_rate",
    /// The indemnity of training hours, as a fraction of the net hourly pay.
    TrainingIndemnityRate = "training_indemnity_rate",
    /// The fraction of the indemnity bearing CSG/CRDS (98.25 %).
    CsgBaseFraction = "csg_base_fraction",
    /// Deductible CSG on replacement income.
    CsgDeductibleRate = "csg_deductible_rate",
    /// Non-deductible CSG on replacement income.
    CsgNonDeductibleRate = "csg_non_deductible_rate",
    /// CRDS.
    CrdsRate = "crds_rate",
    /// Alsace-Moselle sickness contribution.
    AlsaceMoselleSicknessRate = "alsace_moselle_sickness_rate",
    /// Droit-commun indemnity rate.
    DroitCommunIndemnityRate = "droit_commun_indemnity_rate",
    /// Droit-commun allocation rate.
    DroitCommunAllocationRate = "droit_commun_allocation_rate",
    /// Droit-commun allocation floor, mainland.
    DroitCommunAllocationFloor = "droit_commun_allocation_floor",
    /// Droit-commun allocation floor, Mayotte.
    DroitCommunAllocationFloorMayotte = "droit_commun_allocation_floor_mayotte",
    /// APLD indemnity rate.
    ApldIndemnityRate = "apld_indemnity_rate",
    /// APLD allocation rate.
    ApldAllocationRate = "apld_allocation_rate",
    /// APLD allocation floor, mainland.
    ApldAllocationFloor = "apld_allocation_floor",
    /// APLD and majorated allocation floor, Mayotte.
    MajoratedAllocationFloorMayotte = "majorated_allocation_floor_mayotte",
    /// APLD-Rebond indemnity rate.
    ApldRebondIndemnityRate = "apld_rebond_indemnity_rate",
    /// APLD-Rebond allocation rate.
    ApldRebondAllocationRate = "apld_rebond_allocation_rate",
    /// APLD-Rebond allocation floor, mainland.
    ApldRebondAllocationFloor = "apld_rebond_allocation_floor",
    /// APLD-Rebond allocation floor, Mayotte.
    ApldRebondAllocationFloorMayotte = "apld_rebond_allocation_floor_mayotte",
    /// Protected sectors S1/S1bis: indemnity rate.
    CovidProtectedIndemnityRate = "covid_protected_indemnity_rate",
    /// Protected sectors S1/S1bis: allocation rate.
    CovidProtectedAllocationRate = "covid_protected_allocation_rate",
    /// Protected sectors S1/S1bis: allocation floor.
    CovidProtectedAllocationFloor = "covid_protected_allocation_floor",
    /// Closed establishments: indemnity rate.
    CovidClosedIndemnityRate = "covid_closed_indemnity_rate",
    /// Closed establishments: allocation rate.
    CovidClosedAllocationRate = "covid_closed_allocation_rate",
    /// Closed establishments: allocation floor.
    CovidClosedAllocationFloor = "covid_closed_allocation_floor",
    /// Vulnerable persons: indemnity rate.
    CovidVulnerableIndemnityRate = "covid_vulnerable_indemnity_rate",
    /// Vulnerable persons: allocation rate.
    CovidVulnerableAllocationRate = "covid_vulnerable_allocation_rate",
    /// Vulnerable persons and childcare: allocation floor.
    CovidVulnerableAllocationFloor = "covid_vulnerable_allocation_floor",
    /// Childcare (parents of a child under 16): indemnity rate.
    CovidChildcareIndemnityRate = "covid_childcare_indemnity_rate",
    /// Childcare: allocation rate.
    CovidChildcareAllocationRate = "covid_childcare_allocation_rate",
    /// Mayotte cyclone Chido: indemnity rate.
    ChidoIndemnityRate = "chido_indemnity_rate",
    /// Mayotte cyclone Chido: allocation rate.
    ChidoAllocationRate = "chido_allocation_rate",
    /// Mayotte cyclone Chido: allocation floor.
    ChidoAllocationFloor = "chido_allocation_floor",
    /// Whether APLD employers get a higher majorated Covid allocation rate (1 = yes).
    ApldMajoration = "apld_majoration",
    /// Days within which the administration decides on a DA before silence means acceptance.
    DaDecisionDelayDays = "da_decision_delay_days",
    /// Days after the placement a DA for sinistre or intempéries (3°) may still be filed.
    DaLateFilingDaysDisaster = "da_late_filing_days_disaster",
    /// Days after the placement a DA for exceptional circumstances (5°) may still be filed.
    DaLateFilingDaysExceptionalCircumstances = "da_late_filing_days_exceptional_circumstances",
    /// Longest authorisation in months, motives other than 3°.
    DaMaxDurationMonths = "da_max_duration_months",
    /// Longest authorisation in months for sinistre or intempéries (3°).
    DaMaxDurationMonthsDisaster = "da_max_duration_months_disaster",
    /// Most authorised months within the cumulative window (none: no cumulative limit).
    DaCumulativeLimitMonths = "da_cumulative_limit_months",
    /// The cumulative window's length in months (none: no cumulative limit).
    DaCumulativeWindowMonths = "da_cumulative_window_months",
    /// Months after the authorised period's end within which a DI may be filed.
    DiClaimDeadlineMonths = "di_claim_deadline_months",
    /// APLD: largest reduction of working time over the accord's period (40 %).
    ApldMaxReduction = "apld_max_reduction",
    /// APLD: largest reduction in the accord's exceptional cases (50 %).
    ApldMaxReductionExceptional = "apld_max_reduction_exceptional",
    /// APLD: most months of allocation within the reference period.
    ApldMaxMonths = "apld_max_months",
    /// APLD: the reference period in months.
    ApldReferenceMonths = "apld_reference_months",
    /// APLD-Rebond: largest reduction of working time over the accord's period (40 %).
    ApldRebondMaxReduction = "apld_rebond_max_reduction",
    /// APLD-Rebond: largest reduction in the accord's exceptional cases (50 %).
    ApldRebondMaxReductionExceptional = "apld_rebond_max_reduction_exceptional",
    /// APLD-Rebond: most months of allocation within the period of application.
    ApldRebondMaxMonths = "apld_rebond_max_months",
    /// APLD-Rebond: the period of application in months.
    ApldRebondReferenceMonths = "apld_rebond_reference_months",
    /// Whether a conventional complement is replacement income (1) or pay (none).
    ComplementReplacementIncome = "complement_replacement_income",
    /// Cap, in hourly SMICs, of indemnity + complement treated as replacement income.
    ComplementReplacementIncomeCapSmicMultiple = "complement_replacement_income_cap_smic_multiple",
    /// Whether full-timers get the hourly indemnity floor by default (1) or only the RMM (none).
    FullTimeHourlyFloor = "full_time_hourly_floor",
}

impl fmt::Display for Param {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Param {
    type Err = LawError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Param::ALL
            .iter()
            .copied()
            .find(|p| p.id() == s.trim())
            .ok_or_else(|| LawError::UnknownParam { name: quote(s) })
    }
}
