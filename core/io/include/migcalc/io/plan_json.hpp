// The fleet planner's JSON shapes: the plan file read by `migcalc plan` and the bindings, and the answers.
#pragma once
#include <string>
#include <vector>

#include "migcalc/base/result.hpp"
#include "migcalc/io/json_io.hpp"
#include "migcalc/plan/plan.hpp"

namespace migcalc {

/// {"demand": [{"profile", "count", "model"?}], "workloads": [{"name", "memory_gib", "count", "min_compute_slices"?,
///  "min_sms"?, "media"?}], "gpus": [{"model", "available"?, "cost"?}], "existing"?: [{"model", "count"?,
///  "instances": [{"profile", "start"}]}], "time_limit_s"?, "driver"?, "compare"?}.
/// Read with the typed reads of every reader (base/json_read.hpp): an error names the field's JSON path, what was
/// found and what is valid. Codes: BAD_PLAN_FILE (the file's shape), BAD_COUNT (counts), BAD_DEMAND (a workload's
/// memory out of range), TOO_LARGE (lists, names over 200 bytes), UNKNOWN_GPU / UNKNOWN_PROFILE (an empty name); an
/// existing GPU's instance reads as a request's fixed instance (BAD_FIXED) and the driver as a request's (BAD_DRIVER:
/// "R535", 535, "535.104.05", "newest" or null). Null in an optional field reads as absent.
Result<PlanInput> parsePlanInput(const Json& doc);
Result<PlanInput> parsePlanInputText(const std::string& text);
/// Does the file ask for a comparison ("compare": true)?
bool planFileWantsCompare(const Json& doc);

/// total_gpus, objective, cost, lower_bound, gap, optimal, time_limit_hit, solve_ms, models, groups
/// [{model, count, existing, instances: [{profile, start, size, compute_slices, fixed}]}], assignments, totals, unmet,
/// notes.
Json planJson(const PlanResult& plan);
/// [{model, total_gpus, cost, optimal, lower_bound, utilization, stranded, unmet_instances} | {model, error}]
Json compareJson(const std::vector<CompareRow>& rows);

}  // namespace migcalc
