// The requests the benchmarks time, built per catalog GPU from its own profiles (bench/ only).
#pragma once
#include <string>
#include <vector>

#include "migcalc/engine/check.hpp"
#include "migcalc/model/gpu_model.hpp"

namespace bench {

/// Catalog models with known placements (every model a check can answer exactly).
std::vector<const migcalc::GpuModel*> knownGpus();

/// NVIDIA's all-balanced (2 x 1g + 2g + 3g, or 2 x 1g + 2g on 4-slice GPUs): the typical request.
migcalc::CheckRequest typical(const migcalc::GpuModel& g);

/// Every plain profile at its instance cap together: infeasible, so check() also searches the largest subset.
migcalc::CheckRequest worstInfeasible(const migcalc::GpuModel& g);

/// all-balanced plus one more 2g: infeasible, small enough for the creation-order approach to try every order.
migcalc::CheckRequest balancedPlusOne(const migcalc::GpuModel& g);

/// All but one unit of the GPU already taken by fixed 1g instances, plus one more 1g: many fixed instances.
migcalc::CheckRequest manyFixed(const migcalc::GpuModel& g);

/// The request as a flat list of profile indices, largest first (how mig-parted flattens a config).
std::vector<int> flatten(const migcalc::GpuModel& g, const migcalc::CheckRequest& r);

}  // namespace bench
