// The engine's search over GPU-instance requests (internal header): rules that need no search, the placement
// search, the largest fitting part and what still fits. check() validates the request before calling it.
#pragma once
#include "migcalc/base/result.hpp"
#include "migcalc/engine/check.hpp"
#include "migcalc/model/gpu_model.hpp"

namespace migcalc {

/// A request of GPU-instance profiles only (names and counts already validated by check()).
Result<CheckResult> checkGpuInstances(const GpuModel& gpu, const CheckRequest& req);

}  // namespace migcalc
