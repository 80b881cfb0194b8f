#include "plan_patterns.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "migcalc/model/catalog.hpp"

namespace migcalc {

namespace {

constexpr long long kMaxNodes = 5'000'000;  // search nodes per GPU kind: far above every catalog model

struct PatternSearch {
  const Grid& grid;
  std::vector<int> slot;                   // model profile index -> index in `profiles`, or -1
  std::vector<std::pair<int, int>> moves;  // (profile, placement index)
  LayoutState state;
  std::vector<size_t> chosen;
  std::map<std::vector<int>, std::vector<std::pair<int, int>>> found;
  long long nodes = 0;
  size_t width = 0;
  std::vector<std::vector<signed char>> rulesAt;  // per depth: rulesAllow per slot (-1 = not asked yet)
  std::vector<int> counts;                        // a maximal leaf's count vector (reused)

  /// canAdd, with the per-GPU rules (cap, engines, driver, combinations) asked once per profile and node.
  bool fits(int p, int pl, signed char* rules) const {
    if ((grid.profiles[static_cast<size_t>(p)].masks[static_cast<size_t>(pl)] & state.occupied) != 0) return false;
    signed char& r = rules[slot[static_cast<size_t>(p)]];
    if (r < 0) r = rulesAllow(grid, state, p) ? 1 : 0;
    return r == 1;
  }
  bool dfs(size_t from) {
    if (++nodes > kMaxNodes) return false;
    std::vector<signed char>& rules = rulesAt[chosen.size()];
    std::fill(rules.begin(), rules.end(), static_cast<signed char>(-1));
    bool maximal = true;
    for (const auto& [p, pl] : moves)
      if (fits(p, pl, rules.data())) {
        maximal = false;
        break;
      }
    if (maximal) {  // the first placement found for a count vector is kept
      counts.assign(width, 0);
      for (size_t k : chosen) ++counts[static_cast<size_t>(slot[static_cast<size_t>(moves[k].first)])];
      if (found.count(counts)) return true;
      std::vector<std::pair<int, int>> placed;
      for (size_t k : chosen) {
        auto [p, pl] = moves[k];
        placed.emplace_back(p, grid.profiles[static_cast<size_t>(p)].starts[static_cast<size_t>(pl)]);
      }
      found.emplace(counts, std::move(placed));
      return true;
    }
    for (size_t k = from; k < moves.size(); ++k) {
      auto [p, pl] = moves[k];
      if (!fits(p, pl, rules.data())) continue;
      add(grid, state, p, pl);
      chosen.push_back(k);
      bool ok = dfs(k + 1);
      chosen.pop_back();
      remove(grid, state, p, pl);
      if (!ok) return false;
    }
    return true;
  }
};

}  // namespace

Result<std::vector<PlanPattern>> planPatterns(const GpuModel& gpu, const Grid& grid, const std::vector<int>& profiles,
                                              const std::vector<FixedInstance>& fixed) {
  PatternSearch s{grid, std::vector<int>(gpu.profiles.size(), -1), {}, emptyState(grid), {}, {}, 0, profiles.size(), {},
                  {}};
  for (const auto& f : fixed) {
    int p = gpu.findProfile(f.profile);
    if (p < 0) return Error{Code::BAD_EXISTING, "Existing " + gpu.key + ": unknown profile '" + f.profile + "'."};
    const auto& gp = grid.profiles[static_cast<size_t>(p)];
    auto it = std::find(gp.starts.begin(), gp.starts.end(), f.start);
    if (it == gp.starts.end())
      return Error{Code::BAD_EXISTING,
                   "Existing " + gpu.key + ": " + f.profile + " cannot start at " + std::to_string(f.start) +
                       " (allowed: " + gpu.profiles[static_cast<size_t>(p)].placementsText() + ")."};
    int pl = static_cast<int>(it - gp.starts.begin());
    if (!canAdd(grid, s.state, p, pl))
      return Error{Code::BAD_EXISTING, "Existing " + gpu.key + ": " + f.profile + "@" + std::to_string(f.start) +
                                           " overlaps another instance or breaks a per-GPU limit."};
    add(grid, s.state, p, pl);
  }
  for (size_t i = 0; i < profiles.size(); ++i) s.slot[static_cast<size_t>(profiles[i])] = static_cast<int>(i);
  for (int p : grid.order)
    if (s.slot[static_cast<size_t>(p)] >= 0 && grid.profiles[static_cast<size_t>(p)].available)
      for (size_t pl = 0; pl < grid.profiles[static_cast<size_t>(p)].masks.size(); ++pl)
        s.moves.emplace_back(p, static_cast<int>(pl));
  s.rulesAt.assign(s.moves.size() + 1, std::vector<signed char>(profiles.size(), -1));
  if (!s.dfs(0)) return Error{Code::TOO_LARGE, "Too many layouts on " + gpu.key + " to plan with."};
  std::vector<PlanPattern> all;
  for (auto& [counts, placed] : s.found) {
    bool any = false;
    for (int c : counts) any = any || c > 0;
    if (any) all.push_back({counts, placed});
  }
  std::vector<PlanPattern> out;
  for (size_t a = 0; a < all.size(); ++a) {
    bool dominated = false;
    for (size_t b = 0; b < all.size() && !dominated; ++b) {
      if (a == b) continue;
      bool geq = true;
      for (size_t i = 0; i < profiles.size() && geq; ++i) geq = all[b].counts[i] >= all[a].counts[i];
      dominated = geq && all[b].counts != all[a].counts;
    }
    if (!dominated) out.push_back(all[a]);
  }
  return out;
}

namespace {

constexpr size_t kMaxCached = 256;  // entries per table; cleared when full, so it never grows without bound

using PatternKey = std::tuple<const GpuModel*, int, std::vector<int>, std::vector<std::pair<std::string, int>>>;

struct PlanCache {
  std::map<std::pair<const GpuModel*, int>, std::shared_ptr<const Grid>> grids;
  std::map<PatternKey, std::shared_ptr<const std::vector<PlanPattern>>> patterns;
};

PlanCache& planCache() {
  thread_local PlanCache cache;
  return cache;
}

}  // namespace

std::shared_ptr<const Grid> planGrid(const GpuModel& gpu, int driver) {
  if (!isCatalogModel(gpu)) return std::make_shared<const Grid>(compileGrid(gpu, driver));
  auto& grids = planCache().grids;
  auto it = grids.find({&gpu, driver});
  if (it != grids.end()) return it->second;
  if (grids.size() >= kMaxCached) grids.clear();
  auto grid = std::make_shared<const Grid>(compileGrid(gpu, driver));
  grids.emplace(std::make_pair(&gpu, driver), grid);
  return grid;
}

Result<std::shared_ptr<const std::vector<PlanPattern>>> cachedPlanPatterns(const GpuModel& gpu, int driver,
                                                                           const Grid& grid,
                                                                           const std::vector<int>& profiles,
                                                                           const std::vector<FixedInstance>& fixed) {
  const bool keep = isCatalogModel(gpu);
  PatternKey key{&gpu, driver, profiles, {}};
  for (const auto& f : fixed) std::get<3>(key).emplace_back(f.profile, f.start);
  auto& patterns = planCache().patterns;
  if (keep) {
    auto it = patterns.find(key);
    if (it != patterns.end()) return it->second;
  }
  auto found = planPatterns(gpu, grid, profiles, fixed);
  if (!found) return found.error();
  auto shared = std::make_shared<const std::vector<PlanPattern>>(std::move(*found));
  if (keep) {
    if (patterns.size() >= kMaxCached) patterns.clear();
    patterns.emplace(std::move(key), shared);
  }
  return shared;
}

void clearPlanCache() {
  planCache().grids.clear();
  planCache().patterns.clear();
}

}  // namespace migcalc
