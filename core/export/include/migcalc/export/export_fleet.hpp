// Exports of a fleet plan (`migcalc plan`): one layout per group of identical GPUs.
#pragma once
#include <string>
#include <vector>

#include "migcalc/base/result.hpp"
#include "migcalc/export/export_layout.hpp"
#include "migcalc/io/json_io.hpp"
#include "migcalc/plan/plan.hpp"

namespace migcalc {

/// GPUs with the same layout, ready for the single-GPU exporters (placements as the plan chose them).
struct FleetGroup {
  ExportLayout layout;
  long long count = 0;
  bool existing = false;
  std::string config_name;  // its mig-parted config name (one per distinct layout)
};

struct FleetLayout {
  std::vector<FleetGroup> groups;
};

/// The largest count of GPUs one group of a fleet export may have (the planner's largest demand, one GPU each).
constexpr long long kMaxGpusPerLayout = 1000000;

/// One group of a plan as a plan answer lists it: `count` GPUs of `model` with these instances.
struct PlannedGroup {
  std::string model;
  long long count = 0;
  bool existing = false;
  std::vector<Instance> instances;
};

/// From a plan. Errors: UNKNOWN_GPU, BAD_PLAN (a group whose placements the engine does not accept).
Result<FleetLayout> fleetFromPlan(const PlanResult& plan);
/// From the groups of a plan answer. Errors as fleetFromPlan.
Result<FleetLayout> fleetFromGroups(const std::vector<PlannedGroup>& groups);

/// A shell script with one function per layout (migcalc_layout_N GPU_INDEX) and the calls to make per GPU.
std::string exportFleetNvidiaSmi(const FleetLayout& fleet);
/// One mig-parted file: all-disabled plus one named config per distinct layout, and which node label to set.
std::string exportFleetMigParted(const FleetLayout& fleet);
/// Mixed-strategy resources of the whole fleet, and per node whether the single strategy is possible, with the
/// GPUs grouped into nodes of `gpus_per_node` in plan order (default one GPU per node).
Json fleetK8sJson(const FleetLayout& fleet, int gpus_per_node = 1);
std::string exportFleetK8s(const FleetLayout& fleet, int gpus_per_node = 1);
/// {"format": "migcalc-fleet", "version": 1, "groups": [{model, count, existing, mig_parted_config, instances: [...]}],
/// "kubernetes"}
Json exportFleetJson(const FleetLayout& fleet, int gpus_per_node = 1);

}  // namespace migcalc
