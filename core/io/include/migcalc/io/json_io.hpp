// The JSON shapes of migcalc's answers: one place, used by the CLI (--json) and the wasm bindings alike.
#pragma once
#include <string>
#include <vector>

#include "migcalc/base/json.hpp"
#include "migcalc/base/result.hpp"
#include "migcalc/engine/check.hpp"
#include "migcalc/engine/layouts.hpp"
#include "migcalc/model/gpu_model.hpp"

namespace migcalc {

/// {"error": {"code", "message"}}
Json errorJson(const Error& e);
/// One line per model: key, family, names, pci_ids, memory, SMs, slices, confidence, placements_known/inferred.
Json gpuSummaryJson(const GpuModel& gpu);
Json gpusJson();
/// The model in the catalog's data format (a valid custom-GPU file).
Json gpuModelJson(const GpuModel& gpu);
/// The model's summary plus its profiles with IDs, memory, SMs, engines, caps, placements and CI sub-profiles
/// (ci_profiles: [{name, compute_slices, id, per_gi}]). With the lean catalog (the page's core module) notes,
/// sources and min_driver_note are empty and "sources_omitted": true says they were left out, not unknown.
Json profilesJson(const GpuModel& gpu);
/// The check answer: gpu, verdict, feasible (bool or null), instances, reasons, largest_subset, remaining,
/// utilization (null for unknown values), stranded, notes.
Json checkJson(const GpuModel& gpu, const CheckRequest& request, const CheckResult& result);
Json layoutsJson(const GpuModel& gpu, const std::vector<std::string>& profiles, const std::vector<Layout>& layouts);
Json instanceJson(const Instance& i);

/// Request helpers shared by the CLI and the bindings: "3g.40gb:2" and "1g.10gb@0" parsing.
Result<ProfileCount> parseProfileCount(const std::string& text);
Result<FixedInstance> parseFixed(const std::string& text);

}  // namespace migcalc
