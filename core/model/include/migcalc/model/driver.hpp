// NVIDIA driver versions, as branches: "R525", "525", "525.85.12" all mean branch 525.
#pragma once
#include <string>

#include "migcalc/base/result.hpp"

namespace migcalc {

/// Branch number for the newest driver: no driver restriction applies.
constexpr int kNewestDriver = 0;

/// Parse "R525", "r525", "525", "525.85.12" or "newest"/"latest" (-> kNewestDriver).
Result<int> parseDriver(const std::string& text);

/// "R525", or "the newest driver" for kNewestDriver.
std::string driverName(int branch);

/// Is `branch` at least `minimum`? kNewestDriver satisfies everything.
inline bool driverAtLeast(int branch, int minimum) { return branch == kNewestDriver || branch >= minimum; }

}  // namespace migcalc
