// Compute instances into the fewest GPU instances: an exact dynamic programme over the remaining counts, where each
// step fills one GPU instance that holds a largest remaining compute instance and has no room left for another.
#include "migcalc/engine/ci_packing.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <unordered_map>

namespace migcalc {

namespace {

using Counts = std::vector<long long>;  // per kind, in the packer's order (larger compute instances first)

struct Packer {
  int g = 0;
  std::vector<int> c, cap;                                    // per kind, in order
  std::vector<uint64_t> radix;                                // a state's key: sum of count[i] * radix[i]
  std::unordered_map<uint64_t, std::pair<int, Counts>> memo;  // fewest GIs, and the first GI's contents

  uint64_t key(const Counts& r) const {
    uint64_t k = 0;
    for (size_t i = 0; i < r.size(); ++i) k += static_cast<uint64_t>(r[i]) * radix[i];
    return k;
  }

  /// Every content of one GPU instance that holds at least one of kind `first`, takes nothing the remaining counts
  /// have not, and has no room for one more of any remaining kind (a fuller GI never needs more GIs after it).
  void contents(const Counts& r, size_t first, size_t i, int freeSlices, Counts& x, std::vector<Counts>& out) const {
    if (i == r.size()) {
      if (x[first] == 0) return;
      for (size_t k = 0; k < r.size(); ++k)
        if (x[k] < r[k] && x[k] < cap[k] && c[k] <= freeSlices) return;
      out.push_back(x);
      return;
    }
    long long most = std::min<long long>({r[i], cap[i], freeSlices / c[i]});
    for (long long n = most; n >= 0; --n) {
      x[i] = n;
      contents(r, first, i + 1, freeSlices - static_cast<int>(n) * c[i], x, out);
    }
    x[i] = 0;
  }

  int fewest(const Counts& r) {
    auto first = std::find_if(r.begin(), r.end(), [](long long n) { return n > 0; });
    if (first == r.end()) return 0;
    uint64_t k = key(r);
    if (auto hit = memo.find(k); hit != memo.end()) return hit->second.first;
    std::vector<Counts> options;
    Counts x(r.size(), 0);
    contents(r, static_cast<size_t>(first - r.begin()), 0, g, x, options);
    int best = -1;
    Counts bestGi;
    for (const auto& gi : options) {
      Counts rest = r;
      for (size_t i = 0; i < r.size(); ++i) rest[i] -= gi[i];
      int n = 1 + fewest(rest);
      if (best < 0 || n < best) best = n, bestGi = gi;
    }
    memo.emplace(k, std::make_pair(best, bestGi));
    return best;
  }
};

/// First-fit decreasing, one kind at a time: each GI takes as many of the kind as fit before a new GI opens.
std::vector<Counts> firstFitDecreasing(int g, const std::vector<int>& c, const std::vector<int>& cap,
                                       const Counts& counts) {
  std::vector<Counts> gis;
  std::vector<int> freeSlices;
  for (size_t k = 0; k < counts.size(); ++k) {
    long long left = counts[k];
    for (size_t b = 0; b < gis.size() && left > 0; ++b) {
      long long n = std::min<long long>({left, cap[k] - gis[b][k], freeSlices[b] / c[k]});
      if (n <= 0) continue;
      gis[b][k] += n, freeSlices[b] -= static_cast<int>(n) * c[k], left -= n;
    }
    long long per = std::min<long long>(cap[k], g / c[k]);
    while (left > 0) {
      long long n = std::min(left, per);
      gis.emplace_back(counts.size(), 0);
      gis.back()[k] = n;
      freeSlices.push_back(g - static_cast<int>(n) * c[k]);
      left -= n;
    }
  }
  return gis;
}

long long ceilDiv(long long a, long long b) { return (a + b - 1) / b; }

}  // namespace

CiPacking packComputeInstances(int g, const std::vector<CiKind>& kinds) {
  CiPacking out;
  for (const auto& k : kinds)
    if (k.c < 1 || k.c > g || k.per_gi < 1 || k.count < 0) {
      out.exact = false;
      out.lower_bound = -1;
      return out;
    }
  std::vector<int> order(kinds.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) {  // larger first; ties in the caller's order
    return kinds[a].c != kinds[b].c ? kinds[a].c > kinds[b].c : a < b;
  });
  Packer packer;
  packer.g = g;
  Counts counts;
  long long slices = 0, states = 1, items = 0;
  for (int i : order) {
    const CiKind& k = kinds[static_cast<size_t>(i)];
    packer.c.push_back(k.c);
    packer.cap.push_back(std::min(k.per_gi, g / k.c));
    packer.radix.push_back(static_cast<uint64_t>(states));
    counts.push_back(k.count);
    slices += k.count * k.c;
    items += k.count;
    out.lower_bound = std::max(out.lower_bound, ceilDiv(k.count, packer.cap.back()));
    states = std::min(states * (k.count + 1), kMaxPackingStates + 1);
    if (2 * k.c > g) out.lower_bound = std::max(out.lower_bound, k.count);  // two never share a GI
  }
  out.lower_bound = std::max(out.lower_bound, ceilDiv(slices, g));

  std::vector<Counts> gis;
  if (states <= kMaxPackingStates && items <= 4096) {
    packer.fewest(counts);
    for (Counts r = counts; packer.fewest(r) > 0;) {
      const Counts& gi = packer.memo.at(packer.key(r)).second;
      gis.push_back(gi);
      for (size_t i = 0; i < r.size(); ++i) r[i] -= gi[i];
    }
  } else {
    gis = firstFitDecreasing(g, packer.c, packer.cap, counts);
    out.exact = static_cast<long long>(gis.size()) == out.lower_bound;
  }
  std::sort(gis.begin(), gis.end(), std::greater<Counts>());  // equal counts are the same GI: no order to keep
  for (const auto& gi : gis) {
    std::vector<int> kindsOfGi;
    for (size_t i = 0; i < gi.size(); ++i)
      for (long long n = 0; n < gi[i]; ++n) kindsOfGi.push_back(order[i]);
    out.gis.push_back(std::move(kindsOfGi));
  }
  return out;
}

}  // namespace migcalc
