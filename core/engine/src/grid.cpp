#include "migcalc/engine/grid.hpp"

#include <algorithm>
#include <deque>
#include <numeric>

#include "migcalc/model/catalog.hpp"
#include "migcalc/model/driver.hpp"

namespace migcalc {

const char* const kEngineNames[kEngineKinds] = {"dec", "enc", "jpeg", "ofa"};

namespace {

std::array<std::optional<int>, kEngineKinds> mediaEngines(const Engines& e) { return {e.dec, e.enc, e.jpeg, e.ofa}; }

bool violates(const Grid& grid, const LayoutState& state) {
  for (const auto& f : grid.forbidden) {
    bool all = true;
    for (int p : f.profiles) all = all && state.count[static_cast<size_t>(p)] > 0;
    if (all) return true;
  }
  return false;
}

int maxIndependent(const GridProfile& gp, uint32_t freeMask, size_t from, uint32_t taken) {
  int best = 0;
  for (size_t i = from; i < gp.masks.size(); ++i) {
    uint32_t m = gp.masks[i];
    if ((m & freeMask) == m && (m & taken) == 0)
      best = std::max(best, 1 + maxIndependent(gp, freeMask, i + 1, taken | m));
  }
  return best;
}

}  // namespace

Grid compileGrid(const GpuModel& gpu, int driver) {
  Grid g;
  g.units = gpu.units();
  g.full = g.units >= 32 ? 0xFFFFFFFFu : ((1u << g.units) - 1u);
  g.model_supported = driverAtLeast(driver, gpu.min_driver);
  auto totals = mediaEngines(gpu.engine_totals);
  for (int e = 0; e < kEngineKinds; ++e) {
    g.engine_known[static_cast<size_t>(e)] = totals[static_cast<size_t>(e)].has_value();
    g.engine_totals[static_cast<size_t>(e)] = totals[static_cast<size_t>(e)].value_or(0);
  }
  g.profiles.reserve(gpu.profiles.size());
  for (const auto& p : gpu.profiles) {
    GridProfile gp;
    gp.masks.reserve(p.starts.size());
    gp.size = p.size;
    gp.compute_slices = p.compute_slices;
    gp.cap = p.instances;
    gp.starts = p.starts;
    if (!std::is_sorted(gp.starts.begin(), gp.starts.end())) std::sort(gp.starts.begin(), gp.starts.end());
    for (int s : gp.starts) gp.masks.push_back(((p.size >= 32 ? 0xFFFFFFFFu : ((1u << p.size) - 1u)) << s));
    auto need = mediaEngines(p.engines);
    for (int e = 0; e < kEngineKinds; ++e)
      gp.engines[static_cast<size_t>(e)] = need[static_cast<size_t>(e)].value_or(0);
    gp.available = g.model_supported && driverAtLeast(driver, p.min_driver.value_or(0));
    for (size_t a = 0; a < gp.masks.size(); ++a)
      for (size_t b = a + 1; b < gp.masks.size(); ++b)
        if (gp.masks[a] & gp.masks[b]) gp.disjoint = false;
    g.profiles.push_back(std::move(gp));
  }
  g.order.resize(g.profiles.size());
  std::iota(g.order.begin(), g.order.end(), 0);
  std::sort(g.order.begin(), g.order.end(), [&](int a, int b) {
    const auto& pa = g.profiles[static_cast<size_t>(a)];
    const auto& pb = g.profiles[static_cast<size_t>(b)];
    if (pa.size != pb.size) return pa.size > pb.size;
    if (pa.compute_slices != pb.compute_slices) return pa.compute_slices > pb.compute_slices;
    return a < b;  // the catalog's order, as a stable sort would keep it
  });
  for (const auto& rule : gpu.driver_rules) {
    if (driverAtLeast(driver, rule.min_driver)) continue;
    ForbiddenCombination f;
    f.min_driver = rule.min_driver;
    for (const auto& name : rule.together) {
      int idx = gpu.findProfile(name);
      if (idx >= 0) f.profiles.push_back(idx);
    }
    if (f.profiles.size() == rule.together.size()) g.forbidden.push_back(f);
  }
  return g;
}

const Grid& gridFor(const GpuModel& gpu, int driver, Grid& scratch) {
  if (isCatalogModel(gpu)) {
    // A deque, never cleared: a reference handed out stays valid while later calls add grids. Every model under a
    // few drivers fits; past 256 entries a grid is compiled into the caller's scratch, so memory stays bounded.
    thread_local std::deque<std::pair<std::pair<const GpuModel*, int>, Grid>> cache;
    for (const auto& entry : cache)
      if (entry.first.first == &gpu && entry.first.second == driver) return entry.second;
    if (cache.size() < 256) {
      cache.push_back({{&gpu, driver}, compileGrid(gpu, driver)});
      return cache.back().second;
    }
  }
  scratch = compileGrid(gpu, driver);
  return scratch;
}

LayoutState emptyState(const Grid& grid) {
  LayoutState s;
  s.count.assign(grid.profiles.size(), 0);
  return s;
}

bool rulesAllow(const Grid& grid, const LayoutState& state, int p) {
  const GridProfile& gp = grid.profiles[static_cast<size_t>(p)];
  if (!gp.available || state.count[static_cast<size_t>(p)] >= gp.cap) return false;
  for (size_t e = 0; e < kEngineKinds; ++e)
    if (grid.engine_known[e] && state.engines_used[e] + gp.engines[e] > grid.engine_totals[e] && gp.engines[e] > 0)
      return false;
  if (!grid.forbidden.empty()) {
    LayoutState probe = state;
    probe.count[static_cast<size_t>(p)]++;
    if (violates(grid, probe)) return false;
  }
  return true;
}

bool canAdd(const Grid& grid, const LayoutState& state, int p, int pl) {
  uint32_t m = grid.profiles[static_cast<size_t>(p)].masks[static_cast<size_t>(pl)];
  return (m & state.occupied) == 0 && rulesAllow(grid, state, p);
}

void add(const Grid& grid, LayoutState& state, int p, int pl) {
  const GridProfile& gp = grid.profiles[static_cast<size_t>(p)];
  state.occupied |= gp.masks[static_cast<size_t>(pl)];
  state.count[static_cast<size_t>(p)]++;
  for (size_t e = 0; e < kEngineKinds; ++e) state.engines_used[e] += gp.engines[e];
}

void remove(const Grid& grid, LayoutState& state, int p, int pl) {
  const GridProfile& gp = grid.profiles[static_cast<size_t>(p)];
  state.occupied &= ~gp.masks[static_cast<size_t>(pl)];
  state.count[static_cast<size_t>(p)]--;
  for (size_t e = 0; e < kEngineKinds; ++e) state.engines_used[e] -= gp.engines[e];
}

int remainingFor(const Grid& grid, const LayoutState& state, int p) {
  const GridProfile& gp = grid.profiles[static_cast<size_t>(p)];
  if (!rulesAllow(grid, state, p)) return 0;
  int limit = gp.cap - state.count[static_cast<size_t>(p)];
  for (size_t e = 0; e < kEngineKinds; ++e)
    if (grid.engine_known[e] && gp.engines[e] > 0)
      limit = std::min(limit, (grid.engine_totals[e] - state.engines_used[e]) / gp.engines[e]);
  uint32_t freeMask = grid.full & ~state.occupied;
  int fit = 0;
  if (gp.disjoint) {
    for (uint32_t m : gp.masks) fit += (m & freeMask) == m ? 1 : 0;
  } else {
    fit = maxIndependent(gp, freeMask, 0, 0);
  }
  return std::max(0, std::min(limit, fit));
}

}  // namespace migcalc
