//! Which tables each regime reads: rates, floors (mainland and Mayotte), the indemnity
//! ceiling and the APLD limits.

use super::Regime;
use crate::law::Param;

/// The tables of one regime.
pub(crate) struct RegimeTables {
    pub(crate) indemnity_rate: Param,
    pub(crate) allocation_rate: Param,
    pub(crate) allocation_floor: Param,
    pub(crate) allocation_floor_mayotte: Param,
    pub(crate) indemnity_ceiling: Param,
    /// The indemnity minimum applies to every employee, not only part-timers and temporary
    /// workers: APLD ("minimum correspondant au Smic net", spec §1.4: efl.fr, becouze-talents.com,
    /// gmi.fr).
    pub(crate) indemnity_floor_for_all: bool,
    /// The APLD counters' tables (reduction limit, exceptional limit, maximum months,
    /// reference months), for the two APLD regimes.
    pub(crate) apld_limits: Option<ApldLimits>,
}

/// The tables of the APLD and APLD-Rebond limits (décret 2020-926 art. 3 and 4, décret
/// 2025-338).
pub(crate) struct ApldLimits {
    pub(crate) max_reduction: Param,
    pub(crate) max_reduction_exceptional: Param,
    pub(crate) max_months: Param,
    pub(crate) reference_months: Param,
}

pub(crate) fn regime_tables(regime: Regime) -> RegimeTables {
    use Param as P;
    let (
        indemnity_rate,
        allocation_rate,
        allocation_floor,
        allocation_floor_mayotte,
        indemnity_ceiling,
    ) = match regime {
        Regime::DroitCommun => (
            P::DroitCommunIndemnityRate,
            P::DroitCommunAllocationRate,
            P::DroitCommunAllocationFloor,
            P::DroitCommunAllocationFloorMayotte,
            P::IndemnityCeilingSmicMultiple,
        ),
        Regime::Apld => (
            P::ApldIndemnityRate,
            P::ApldAllocationRate,
            P::ApldAllocationFloor,
            P::MajoratedAllocationFloorMayotte,
            P::CeilingSmicMultiple,
        ),
        Regime::ApldRebond => (
            P::ApldRebondIndemnityRate,
            P::ApldRebondAllocationRate,
            P::ApldRebondAllocationFloor,
            P::ApldRebondAllocationFloorMayotte,
            P::CeilingSmicMultiple,
        ),
        Regime::CovidProtected => (
            P::CovidProtectedIndemnityRate,
            P::CovidProtectedAllocationRate,
            P::CovidProtectedAllocationFloor,
            P::MajoratedAllocationFloorMayotte,
            P::IndemnityCeilingSmicMultiple,
        ),
        Regime::CovidClosed => (
            P::CovidClosedIndemnityRate,
            P::CovidClosedAllocationRate,
            P::CovidClosedAllocationFloor,
            P::MajoratedAllocationFloorMayotte,
            P::IndemnityCeilingSmicMultiple,
        ),
        Regime::CovidVulnerable => (
            P::CovidVulnerableIndemnityRate,
            P::CovidVulnerableAllocationRate,
            P::CovidVulnerableAllocationFloor,
            P::MajoratedAllocationFloorMayotte,
            P::IndemnityCeilingSmicMultiple,
        ),
        Regime::CovidChildcare => (
            P::CovidChildcareIndemnityRate,
            P::CovidChildcareAllocationRate,
            P::CovidVulnerableAllocationFloor,
            P::MajoratedAllocationFloorMayotte,
            P::IndemnityCeilingSmicMultiple,
        ),
        Regime::MayotteChido => (
            P::ChidoIndemnityRate,
            P::ChidoAllocationRate,
            P::ChidoAllocationFloor,
            P::ChidoAllocationFloor,
            P::CeilingSmicMultiple,
        ),
    };
    RegimeTables {
        indemnity_rate,
        allocation_rate,
        allocation_floor,
        allocation_floor_mayotte,
        indemnity_ceiling,
        indemnity_floor_for_all: regime == Regime::Apld,
        apld_limits: match regime {
            Regime::Apld => Some(ApldLimits {
                max_reduction: P::ApldMaxReduction,
                max_reduction_exceptional: P::ApldMaxReductionExceptional,
                max_months: P::ApldMaxMonths,
                reference_months: P::ApldReferenceMonths,
            }),
            Regime::ApldRebond => Some(ApldLimits {
                max_reduction: P::ApldRebondMaxReduction,
                max_reduction_exceptional: P::ApldRebondMaxReductionExceptional,
                max_months: P::ApldRebondMaxMonths,
                reference_months: P::ApldRebondReferenceMonths,
            }),
            _ => None,
        },
    }
}
