// Per-GPU patterns for the fleet planner (internal): the maximal multisets of the demanded profiles that one
// GPU of a model can host next to its fixed instances, each with one placement that realises it.
#pragma once
#include <string>
#include <vector>

#include "grid.hpp"
#include "migcalc/check.hpp"
#include "migcalc/gpu_model.hpp"
#include "migcalc/result.hpp"

namespace migcalc {

struct PlanPattern {
  std::vector<int> counts;             // per entry of `profiles` (the model's profile indices)
  std::vector<std::pair<int, int>> placed;  // (profile index, start) of the new instances
};

/// Every maximal multiset over `profiles` (no other pattern contains it), in a stable order.
/// Errors: BAD_EXISTING (a fixed instance that is unknown, badly placed or overlapping), TOO_LARGE.
Result<std::vector<PlanPattern>> planPatterns(const GpuModel& gpu, const Grid& grid, const std::vector<int>& profiles,
                                              const std::vector<FixedInstance>& fixed);

}  // namespace migcalc
