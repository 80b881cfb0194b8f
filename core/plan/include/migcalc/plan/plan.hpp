// The fleet planner: the fewest GPUs (or the lowest cost) that host a whole demand, with a proof (lower bound).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "migcalc/base/result.hpp"
#include "migcalc/engine/check.hpp"

namespace migcalc {

/// The limits of a plan (the README's "Limits"): demand items (profiles and workloads together) and existing
/// entries, GPU models in the inventory, the count of a demand item or of available GPUs (and of the whole demand),
/// and the count of identical existing GPUs.
constexpr size_t kMaxPlanItems = 10'000;
constexpr size_t kMaxPlanModels = 32;
constexpr long long kMaxPlanCount = 1'000'000'000LL;
constexpr long long kMaxExistingCount = 1'000'000;

/// Instances of one profile. `model` names the GPU model the profile belongs to; empty = any inventory model
/// that offers a profile of this name.
struct ProfileDemand {
  std::string profile;
  long long count = 0;
  std::string model;
};

/// Instances of a service described by what it needs; mapped to every profile that meets the need, per model.
struct WorkloadDemand {
  std::string name;
  double memory_gib = 0;  // matched against the profile's memory_mib (1 GiB = 1024 MiB)
  long long count = 0;
  std::optional<int> min_compute_slices;
  std::optional<int> min_sms;  // a profile with unknown SMs does not qualify
  bool media = false;          // needs media engines (a known decoder count > 0)
};

/// A GPU model the plan may buy. Without a cost it costs 1; without `available` there is no limit.
struct InventoryItem {
  std::string model;
  std::optional<long long> available;
  std::optional<double> cost;
};

/// GPUs already partitioned: their instances stay; new instances may go in the free space. They cost nothing.
struct ExistingGpus {
  std::string model;
  std::vector<FixedInstance> instances;
  long long count = 1;  // identical GPUs
};

struct PlanInput {
  std::vector<ProfileDemand> demand;
  std::vector<WorkloadDemand> workloads;
  std::vector<InventoryItem> gpus;
  std::vector<ExistingGpus> existing;
  double time_limit_s = 2.0;
  int driver = 0;
};

/// GPUs with identical layouts.
struct PlanGroup {
  std::string model;
  long long count = 0;
  bool existing = false;            // GPUs from the existing state (their fixed instances are marked fixed)
  std::vector<Instance> instances;  // sorted by start
};

/// Which profile serves how many instances of a demand item.
struct PlanAssignment {
  std::string demand;  // "1g.10gb" (profile demand) or the workload name
  std::string model;
  std::string profile;
  long long count = 0;
};

struct PlanUnmet {
  std::string demand;
  long long count = 0;
  Code code = Code::INVENTORY_TOO_SMALL;  // NO_PROFILE (no model offers it) or INVENTORY_TOO_SMALL
  std::string reason;
};

struct PlanModelUse {
  std::string model;
  long long new_gpus = 0;
  long long existing_gpus = 0;  // existing GPUs that received new instances
  double cost = 0;
};

struct PlanTotals {
  long long gpus = 0;                       // new GPUs
  double cost = 0;                          // of the new GPUs (the objective when costs are given)
  Measure compute_slices, memory_mib, sms;  // over every GPU in the plan (used/total); null when unknown
  long long stranded_compute_slices = 0;    // compute slices no profile can use any more
  long long stranded_units = 0;             // free placement units no creatable profile covers
};

struct PlanResult {
  bool costs_given = false;  // objective: cost when true, GPU count when false
  double objective = 0;      // total cost (= GPU count without costs)
  double lower_bound = 0;    // in the unit of the objective
  double gap = 0;            // objective - lower_bound; 0 = proven optimal
  bool optimal = false;
  bool time_limit_hit = false;
  double solve_ms = 0;
  std::vector<PlanModelUse> models;
  std::vector<PlanGroup> groups;
  std::vector<PlanAssignment> assignments;
  std::vector<PlanUnmet> unmet;
  PlanTotals totals;
  std::vector<std::string> notes;
  long long patterns = 0;  // per-GPU profile multisets considered
  long long nodes = 0;     // branch-and-bound nodes (LP solves)
};

/// Plan a fleet. Errors (bad input): UNKNOWN_GPU, UNKNOWN_PROFILE, BAD_COUNT, BAD_DEMAND, BAD_EXISTING,
/// PLACEMENTS_UNKNOWN, TOO_LARGE.
Result<PlanResult> planFleet(const PlanInput& input);

/// One row of a comparison: the same demand on one model alone.
struct CompareRow {
  std::string model;
  Result<PlanResult> plan;
};

/// The same demand on each inventory model alone (profile demand matched by profile name, its model ignored).
std::vector<CompareRow> compareModels(const PlanInput& input);

}  // namespace migcalc
