// A layout as JSON, for other tools: placements, profile IDs, compute instances, mig-parted devices, Kubernetes.
#pragma once
#include "migcalc/export/export_layout.hpp"
#include "migcalc/io/json_io.hpp"

namespace migcalc {

/// {"format": "migcalc-layout", "version": 1, "gpu", "device", "device_filter", "instances": [{profile, profile_id,
///  start, size, fixed, compute_instances}], "mig_parted_devices", "kubernetes", "notes", "check": <checkJson>}
Json exportJson(const ExportLayout& layout, int device = 0);

}  // namespace migcalc
