// What a layout gives Kubernetes through NVIDIA's device plugin: resources under the mixed strategy, and whether
// the single strategy is possible.
#pragma once
#include <string>

#include "migcalc/export/export_layout.hpp"
#include "migcalc/io/json_io.hpp"

namespace migcalc {

/// The device plugin's resource name for a GI profile under the mixed strategy: "nvidia.com/mig-" + profile with
/// '+' replaced by '.' ("1g.10gb+me" -> "nvidia.com/mig-1g.10gb.me").
std::string mixedResourceName(const std::string& profile);

/// {"mixed": {"resources": {name: count}, "not_advertised": [...]},
///  "single": {"possible": bool, "reason", "resource": "nvidia.com/gpu", "count", "product_suffix"}}
/// Covers every instance on the GPU (fixed and new). GIs split into compute instances are not advertised.
Json k8sResourcesJson(const ExportLayout& layout);

/// The same as commented text plus an example Pod that requests one instance (valid YAML).
std::string exportK8s(const ExportLayout& layout);

}  // namespace migcalc
