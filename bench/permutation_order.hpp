// For comparison only: the way mig-parted answers on hardware. It creates the instances one by one with the
// driver's automatic placement and, when a creation fails, retries the next permutation of the creation order
// (NVIDIA/mig-parted pkg/mig/config/config.go, iteratePermutationsUntilSuccess). Automatic placement is modelled
// as "first free allowed start, if caps and media engines allow" -- a simplification of NVML's choice.
#pragma once
#include <vector>

#include "migcalc/model/gpu_model.hpp"

namespace bench {

struct PermutationAnswer {
  bool feasible = false;
  long long orders_tried = 0;
};

/// `flat`: profile indices, sorted largest first (mig-parted's Flatten order). Tries every distinct order.
PermutationAnswer tryCreationOrders(const migcalc::GpuModel& g, std::vector<int> flat);

}  // namespace bench
