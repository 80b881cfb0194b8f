// Exact packing of compute instances into the fewest GPU instances of one profile: bin packing over compute slices,
// with the catalog's per-GPU-instance count of each compute-instance profile as a further limit.
#pragma once
#include <vector>

namespace migcalc {

/// One kind of compute instance to pack: its compute slices, how many one GPU instance holds at most, how many.
struct CiKind {
  int c = 1;
  int per_gi = 1;
  long long count = 0;
};

struct CiPacking {
  /// Each GPU instance as the kind indexes it holds, larger compute instances first (the order to create them in:
  /// a small CI created first could take the start a larger one needs). GPU instances with larger CIs first.
  std::vector<std::vector<int>> gis;
  bool exact = true;          // gis.size() is the fewest possible
  long long lower_bound = 0;  // no packing uses fewer GPU instances
};

/// Largest number of search states the exact packing visits; beyond it (thousands of compute instances) the packing is
/// first-fit decreasing, with `exact` false unless it meets the lower bound.
constexpr long long kMaxPackingStates = 200000;

/// The fewest GPU instances of `g` compute slices that hold every kind's count (exact dynamic programme over the
/// remaining counts). Kinds with c < 1, c > g or per_gi < 1 are not packable and make the result empty with
/// lower_bound -1; callers validate first.
CiPacking packComputeInstances(int g, const std::vector<CiKind>& kinds);

}  // namespace migcalc
