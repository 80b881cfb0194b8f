// "Custom capacity" mode: the original exercise's simplified model (sum SMs and GB, compare with totals).
// It ignores placements, instance caps and media engines, so it is wrong both ways on real GPUs; it is kept,
// clearly labelled, for hypothetical GPUs and for comparison. Outputs match the exercise's Python function
// field for field, including Python's int/float types and round()-to-2-digits.
#pragma once
#include <nlohmann/json.hpp>

#include "migcalc/base/result.hpp"

namespace migcalc {

/// Input: {"total_sms", "total_memory_gb", "profiles": [{"name", "sms", "memory_gb", "count"}]}.
/// Output: {"feasible", "instances", "total_instances", "sm_utilization_pct", "memory_utilization_pct",
///          "sms_remaining", "memory_remaining_gb"}. Error BAD_SEED_INPUT names the field and what is valid.
/// Limits: every number from 0 to 1e9 (counts whole), at most 100,000 instances in all.
Result<nlohmann::ordered_json> seedAllocation(const nlohmann::ordered_json& input);

/// Python's round(x, 2) on a binary double (correctly rounded, ties to even on the exact value).
double pythonRound2(double x);

}  // namespace migcalc
