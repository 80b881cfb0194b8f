// A feasible single-GPU layout, ready to be written out for nvidia-smi, mig-parted, Kubernetes or as JSON.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "migcalc/base/result.hpp"
#include "migcalc/engine/check.hpp"
#include "migcalc/engine/compute_instances.hpp"
#include "migcalc/model/gpu_model.hpp"

namespace migcalc {

/// One GPU instance of the layout with its `-lgip` profile ID (when known) and its compute instances.
struct PlacedGi {
  Instance instance;
  std::optional<int> profile_id;
  std::vector<std::string> cis;  // empty = one default compute instance spanning the GI
};

struct ExportLayout {
  GpuModel gpu;
  CheckRequest request;  // GI-level request (compute-instance sub-profiles expanded) and the fixed instances
  CheckResult result;
  std::vector<PlacedGi> fixed;    // kept as they are
  std::vector<PlacedGi> created;  // to create, largest first
  std::vector<std::string> notes;
};

/// Check the request (which may hold compute-instance sub-profiles such as 1c.3g.40gb:6) and pair every placed
/// GPU instance with its compute instances. Errors: those of expandComputeInstances and check(), NOT_FEASIBLE
/// (with the reasons), PLACEMENTS_UNKNOWN (the model has no known placements).
Result<ExportLayout> prepareExport(const GpuModel& gpu, const std::vector<ProfileCount>& request,
                                   const std::vector<FixedInstance>& fixed, int driver = 0);

/// "4g.40gb@0:4, 2g.20gb@4:2"
std::string layoutText(const std::vector<PlacedGi>& gis);

}  // namespace migcalc
