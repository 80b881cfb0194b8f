// Demands with compute-instance sub-profiles ("1c.3g.40gb": 6) in the fleet planner: before planning, the compute
// instances of each GPU-instance profile are packed into the fewest GPU instances (as check() packs them); the
// planner plans those GPU instances; after planning, the planned GPU instances receive their compute instances.
#pragma once
#include <string>
#include <vector>

#include "migcalc/base/result.hpp"
#include "migcalc/plan/plan.hpp"

namespace migcalc {

struct CiDemandSplit {
  PlanInput input;  // the demand with compute-instance entries replaced by their GPU instances
  struct Packed {
    std::string gi;                             // "3g.40gb"
    std::string model;                          // as the demand named it ("" = any inventory model with this profile)
    std::vector<std::vector<std::string>> cis;  // per GPU instance, its compute instances (empty: undivided)
  };
  std::vector<Packed> packed;
  std::vector<std::string> notes;
};

/// Pack the compute instances of each (GPU-instance profile, model) of the demand; the profile demand of the same
/// GPU-instance profile and model joins them (as undivided GPU instances). The packing must be the same on every
/// inventory model that offers the profile (else BAD_DEMAND: name the model). Errors: those of
/// expandComputeInstances (BAD_CI_PROFILE, BAD_COUNT past kMaxExpandedInstances), UNKNOWN_GPU, BAD_DEMAND.
Result<CiDemandSplit> splitComputeInstanceDemand(const PlanInput& in);

/// Give the planned GPU instances of each packed profile their compute instances (new GPU instances only, in group
/// order), splitting groups where their GPUs now differ. Adds the packing notes.
void giveComputeInstances(PlanResult& plan, const CiDemandSplit& split);

}  // namespace migcalc
