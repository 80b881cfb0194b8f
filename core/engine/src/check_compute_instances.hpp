// check() for requests with compute-instance (CI) sub-profiles: pack them into the fewest GPU instances, check the
// GPU-instance request, and give each placed GPU instance its compute instances.
#pragma once
#include <vector>

#include "migcalc/base/result.hpp"
#include "migcalc/engine/check.hpp"
#include "migcalc/model/gpu_model.hpp"

namespace migcalc {

/// True when an entry names a CI sub-profile smaller than its GPU instance ("1c.3g.40gb", not "3g.40gb").
bool hasComputeInstanceProfiles(const std::vector<ProfileCount>& request);

/// The check of a request holding CI sub-profiles (names and counts already validated by check()).
/// Reasons stay in GPU-instance terms, each followed by how the compute instances make those GPU instances.
/// Errors: BAD_CI_PROFILE (no such CI size in that GI), and check()'s own.
Result<CheckResult> checkComputeInstances(const GpuModel& gpu, const CheckRequest& request);

}  // namespace migcalc
