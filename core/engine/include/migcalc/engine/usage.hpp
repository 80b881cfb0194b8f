// What a layout uses, what it strands and what still fits (internal header).
#pragma once
#include <vector>

#include "migcalc/engine/check.hpp"
#include "migcalc/engine/grid.hpp"

namespace migcalc {

std::vector<Remaining> remainingAll(const GpuModel& gpu, const Grid& grid, const LayoutState& state);
Utilization utilizationOf(const GpuModel& gpu, const std::vector<Instance>& instances);
Utilization unknownUtilization(const GpuModel& gpu);
Stranded strandedOf(const GpuModel& gpu, const Grid& grid, const LayoutState& state);
/// The compute slices an instance at `start` with `computeSlices` uses, drawn as NVIDIA draws them.
std::vector<int> computeSlicesOf(const GpuModel& gpu, int start, int computeSlices);

}  // namespace migcalc
