// The typed reader of single-GPU requests: drivers, request items, fixed instances and the request itself, built on
// the typed reads of base/json_read.hpp that every other reader (plans, fleet plans, seed inputs, GPU models) uses
// too, so the same input gets the same answer or the same error through every door (CLI files, module bindings,
// exporters).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "migcalc/base/json_read.hpp"
#include "migcalc/engine/check.hpp"
#include "migcalc/model/gpu_model.hpp"

namespace migcalc {

/// The highest placement start read from a request (the hardware's are 0 to 7; custom GPUs go to 31).
constexpr long long kMaxStart = 9999;

/// A driver: null (the newest), a branch number (525) or its text ("R525", "525.85.12", "newest").
Result<int> readDriver(const Json& value, const std::string& path);
/// "3g.40gb:2" or {"profile": "3g.40gb", "count": 2} (count defaults to 1).
Result<ProfileCount> readRequestItem(const Json& value, const std::string& path);
/// "1g.10gb@0" or {"profile": "1g.10gb", "start": 0}.
Result<FixedInstance> readFixedItem(const Json& value, const std::string& path);

/// A single-GPU request: {gpu | gpu_model, request, fixed, driver}. gpu is a catalog key, nvidia-smi name or PCI ID;
/// gpu_model a model in the catalog's format (a custom GPU).
struct GpuRequest {
  const GpuModel* catalog_gpu = nullptr;
  std::optional<GpuModel> custom_gpu;
  CheckRequest request;
  const GpuModel& gpu() const { return custom_gpu ? *custom_gpu : *catalog_gpu; }
};

/// Reads the four fields of a single-GPU request from `object` (other fields are the caller's). `what` names the
/// caller in errors ("check()", "the export request").
Result<GpuRequest> readGpuRequest(const Json& object, const std::string& what);

}  // namespace migcalc
