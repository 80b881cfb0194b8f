#include "bench_requests.hpp"

#include <algorithm>

#include "migcalc/model/catalog.hpp"

namespace bench {

namespace {

// The plain profile with `cs` compute slices and the smallest window.
int plain(const migcalc::GpuModel& g, int cs) {
  int best = -1;
  for (size_t i = 0; i < g.profiles.size(); ++i) {
    const auto& p = g.profiles[i];
    if (!p.attribute().empty() || p.compute_slices != cs) continue;
    if (best < 0 || p.size < g.profiles[static_cast<size_t>(best)].size) best = static_cast<int>(i);
  }
  return best;
}

}  // namespace

std::vector<const migcalc::GpuModel*> knownGpus() {
  std::vector<const migcalc::GpuModel*> out;
  for (const auto& g : migcalc::catalog())
    if (g.placementsKnown()) out.push_back(&g);
  return out;
}

migcalc::CheckRequest typical(const migcalc::GpuModel& g) {
  migcalc::CheckRequest r;
  for (const auto& c : g.named_configs)
    if (c.name == "all-balanced")
      for (const auto& [name, count] : c.devices) r.request.push_back({name, count});
  if (r.request.empty()) {  // GB200-189GB carries no all-balanced: build it the same way
    r.request.push_back({g.profiles[static_cast<size_t>(plain(g, 1))].name, 2});
    r.request.push_back({g.profiles[static_cast<size_t>(plain(g, 2))].name, 1});
    if (plain(g, 3) >= 0) r.request.push_back({g.profiles[static_cast<size_t>(plain(g, 3))].name, 1});
  }
  return r;
}

migcalc::CheckRequest balancedPlusOne(const migcalc::GpuModel& g) {
  migcalc::CheckRequest r = typical(g);
  r.request.push_back({g.profiles[static_cast<size_t>(plain(g, 2))].name, 1});
  return r;
}

migcalc::CheckRequest worstInfeasible(const migcalc::GpuModel& g) {
  migcalc::CheckRequest r;
  for (const auto& p : g.profiles)
    if (p.attribute().empty() && p.compute_slices < g.compute_slices / 2 + 1)
      r.request.push_back({p.name, p.instances});
  return r;
}

migcalc::CheckRequest manyFixed(const migcalc::GpuModel& g) {
  migcalc::CheckRequest r;
  const auto& one = g.profiles[static_cast<size_t>(plain(g, 1))];
  for (size_t k = 0; k + 1 < one.starts.size() && static_cast<int>(k) + 1 < one.instances; ++k)
    r.fixed.push_back({one.name, one.starts[k]});
  r.request.push_back({one.name, 1});
  return r;
}

std::vector<int> flatten(const migcalc::GpuModel& g, const migcalc::CheckRequest& r) {
  std::vector<int> out;
  for (const auto& pc : r.request)
    for (long long k = 0; k < pc.count; ++k) out.push_back(g.findProfile(pc.profile));
  std::stable_sort(out.begin(), out.end(), [&](int a, int b) {
    return g.profiles[static_cast<size_t>(a)].size > g.profiles[static_cast<size_t>(b)].size;
  });
  return out;
}

}  // namespace bench
