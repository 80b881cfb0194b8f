// Every maximal layout of a GPU: sets of placed instances to which no further instance can be added.
#pragma once
#include <string>
#include <vector>

#include "migcalc/base/result.hpp"
#include "migcalc/engine/check.hpp"
#include "migcalc/model/gpu_model.hpp"

namespace migcalc {

struct Layout {
  std::vector<Instance> instances;  // sorted by start
};

/// Which profiles a layout may use.
enum class ProfileSet {
  All,   // every profile of the model
  Base,  // plain profiles, one per compute-slice count (no +me/-me/+gfx, no double-memory 1g)
};

/// The profile names of a set, in catalog order.
std::vector<std::string> profileSet(const GpuModel& gpu, ProfileSet set);

/// All maximal layouts over `profiles` (names of the model; empty = all), respecting caps, media engines and
/// the driver. Layouts are in a stable order. Errors: UNKNOWN_PROFILE, PLACEMENTS_UNKNOWN.
Result<std::vector<Layout>> enumerateLayouts(const GpuModel& gpu, const std::vector<std::string>& profiles,
                                             int driver = 0);

}  // namespace migcalc
