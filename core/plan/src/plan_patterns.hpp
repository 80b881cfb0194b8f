// Per-GPU patterns for the fleet planner (internal): the maximal multisets of the demanded profiles that one
// GPU of a model can host next to its fixed instances, each with one placement that realises it.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "migcalc/base/result.hpp"
#include "migcalc/engine/check.hpp"
#include "migcalc/engine/grid.hpp"
#include "migcalc/model/gpu_model.hpp"

namespace migcalc {

struct PlanPattern {
  std::vector<int> counts;                  // per entry of `profiles` (the model's profile indices)
  std::vector<std::pair<int, int>> placed;  // (profile index, start) of the new instances
};

/// Every maximal multiset over `profiles` (no other pattern contains it), in a stable order.
/// Errors: BAD_EXISTING (a fixed instance that is unknown, badly placed or overlapping), TOO_LARGE.
Result<std::vector<PlanPattern>> planPatterns(const GpuModel& gpu, const Grid& grid, const std::vector<int>& profiles,
                                              const std::vector<FixedInstance>& fixed);

}  // namespace migcalc

namespace migcalc {

/// The compiled grid of a catalog model under a driver, kept between plans (shared, never changed); any other
/// model is compiled afresh.
std::shared_ptr<const Grid> planGrid(const GpuModel& gpu, int driver);

/// planPatterns, kept between plans for catalog models: the page and --compare plan the same models and
/// demanded profiles again and again. Errors are not kept.
Result<std::shared_ptr<const std::vector<PlanPattern>>> cachedPlanPatterns(const GpuModel& gpu, int driver,
                                                                           const Grid& grid,
                                                                           const std::vector<int>& profiles,
                                                                           const std::vector<FixedInstance>& fixed);

/// Forget every kept grid and pattern list (the benchmark measures a first plan with this).
void clearPlanCache();

}  // namespace migcalc
