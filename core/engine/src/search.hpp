// Exhaustive search over placements for the best layout (internal header).
#pragma once
#include <utility>
#include <vector>

#include "migcalc/base/result.hpp"
#include "migcalc/engine/check.hpp"
#include "migcalc/engine/grid.hpp"

namespace migcalc {

struct SearchGroup {
  int profile = 0;
  int count = 0;
};

struct SearchOutcome {
  bool found = false;
  std::vector<std::pair<int, int>> chosen;  // (profile, placement index), groups in order, starts ascending
};

/// Among all valid ways to place the groups on top of `base`, the one that leaves the most capacity for large
/// profiles (remaining counts compared from the largest profile down), ties to the lowest starts.
/// partial=true: the best subset instead (most instances, then most compute slices, then as above).
/// Error SEARCH_LIMIT when more than `budget` nodes would be needed (only on large custom grids).
Result<SearchOutcome> searchBest(const Grid& grid, const LayoutState& base, const std::vector<SearchGroup>& groups,
                                 bool partial, long long budget);

/// Plain-English NO_PLACEMENT message: which profiles found no window, and what blocks each window.
std::string explainNoPlacement(const GpuModel& gpu, const Grid& grid, const std::vector<SearchGroup>& groups,
                               const std::vector<Instance>& fixed, const std::vector<Instance>& subset);

}  // namespace migcalc
