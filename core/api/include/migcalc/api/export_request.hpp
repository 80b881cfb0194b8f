// One JSON-in, JSON-out entry point to every single-GPU export, for bindings (wasm) and scripts.
#pragma once
#include <string>

#include "migcalc/base/result.hpp"
#include "migcalc/export/export_fleet.hpp"
#include "migcalc/io/json_io.hpp"

namespace migcalc {

/// Arguments: {"format": "nvidia-smi" | "mig-parted" | "mig-parted-configmap" | "k8s" | "dra" | "json",
///             "gpu": "A100-80GB" (catalog key, nvidia-smi name or PCI ID) or "gpu_model": {catalog-format model},
///             "request": ["3g.40gb:2", "1c.3g.40gb:6"] or [{"profile", "count"}], "fixed": ["1g.10gb@0"] or
///             [{"profile", "start"}], "driver": "R525" (optional), "device": 0 (optional), "name": "mig-parted config
///             name" (optional)}
/// Or, for a fleet: {"format", "plan": <plan input or `migcalc plan --json` answer>, "gpus_per_node": 1 (optional)}
/// -> {"format", "fleet": true, "text"} or {"format": "json", "fleet": true, "layout": {...}}.
/// Answer: {"format", "gpu", "text"} for the text formats, {"format": "json", "gpu", "layout": {...}} for json.
/// "dra" (DRA ResourceSlices, see export_dra.hpp) also answers "resource_slices" (a v1 List) and "notes"; with no
/// request and no fixed instances it writes every placement of the model, otherwise only the layout's devices.
/// Errors: BAD_EXPORT_REQUEST (a missing or malformed argument, naming it), the request and GPU errors of
/// `migcalc check`, NOT_FEASIBLE and PLACEMENTS_UNKNOWN (nothing to export).
Result<Json> exportFromJson(const Json& args);

/// A fleet from plan JSON: the answer of `migcalc plan --json` ({"groups": [...]}, possibly under "plan") or a plan
/// input file, which is solved. Errors: BAD_PLAN_FILE and those of parsePlanInput and planFleet.
Result<FleetLayout> fleetFromPlanText(const std::string& text);

/// Every fleet export, shared by `migcalc export --plan` and the bindings: the plan text (what fleetFromPlanText
/// takes: a `migcalc plan --json` answer, possibly under "plan", or a plan input, which is solved) in `format`
/// (nvidia-smi, mig-parted, k8s, dra or json), with `gpus_per_node` GPUs per node (1 to 1000) for k8s and json.
/// Answer: {"format", "fleet": true, "text"}, or {"format": "json", "fleet": true, "layout": {...}}.
/// Errors: BAD_EXPORT_REQUEST (format, gpus_per_node) and those of fleetFromPlanText.
Result<Json> exportFleetFromJson(const std::string& planText, const std::string& format, int gpus_per_node = 1);

}  // namespace migcalc
