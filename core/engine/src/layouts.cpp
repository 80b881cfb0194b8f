#include "migcalc/engine/layouts.hpp"

#include <algorithm>

#include "migcalc/engine/grid.hpp"

namespace migcalc {

std::vector<std::string> profileSet(const GpuModel& gpu, ProfileSet set) {
  std::vector<std::string> out;
  for (size_t i = 0; i < gpu.profiles.size(); ++i)
    if (set == ProfileSet::All || gpu.isBaseProfile(static_cast<int>(i))) out.push_back(gpu.profiles[i].name);
  return out;
}

namespace {

struct Enumerator {
  const GpuModel& gpu;
  const Grid& grid;
  std::vector<std::pair<int, int>> moves;  // every (profile, placement) in the set, in a fixed order
  LayoutState state;
  std::vector<size_t> chosen;
  std::vector<Layout> out;

  bool maximal() const {
    for (const auto& [p, pl] : moves)
      if (canAdd(grid, state, p, pl)) return false;
    return true;
  }
  void dfs(size_t from) {
    if (maximal()) {
      Layout l;
      for (size_t k : chosen) {
        auto [p, pl] = moves[k];
        const GridProfile& gp = grid.profiles[static_cast<size_t>(p)];
        l.instances.push_back({gpu.profiles[static_cast<size_t>(p)].name, gp.starts[static_cast<size_t>(pl)], gp.size,
                               gp.compute_slices, false});
      }
      std::stable_sort(l.instances.begin(), l.instances.end(),
                       [](const Instance& a, const Instance& b) { return a.start < b.start; });
      out.push_back(std::move(l));
      return;
    }
    for (size_t k = from; k < moves.size(); ++k) {
      auto [p, pl] = moves[k];
      if (!canAdd(grid, state, p, pl)) continue;
      add(grid, state, p, pl);
      chosen.push_back(k);
      dfs(k + 1);
      chosen.pop_back();
      remove(grid, state, p, pl);
    }
  }
};

}  // namespace

Result<std::vector<Layout>> enumerateLayouts(const GpuModel& asCatalogued, const std::vector<std::string>& names,
                                             int driver) {
  const GpuModel& gpu = asCatalogued.underDriver(driver);  // a driver variant's own table, where it has one
  if (!gpu.placementsKnown())
    return Error{Code::PLACEMENTS_UNKNOWN,
                 "Exact placement on " + gpu.key + " is unknown, so its layouts cannot be listed."};
  Grid scratch;
  const Grid& grid = gridFor(gpu, driver, scratch);
  std::vector<int> use;
  for (const auto& n : names) {
    int idx = gpu.findProfile(n);
    if (idx < 0) return Error{Code::UNKNOWN_PROFILE, gpu.key + " has no profile '" + n + "'."};
    use.push_back(idx);
  }
  if (names.empty())
    for (size_t i = 0; i < gpu.profiles.size(); ++i) use.push_back(static_cast<int>(i));
  Enumerator e{gpu, grid, {}, emptyState(grid), {}, {}};
  for (int p : grid.order)
    if (std::find(use.begin(), use.end(), p) != use.end())
      for (size_t pl = 0; pl < grid.profiles[static_cast<size_t>(p)].masks.size(); ++pl)
        e.moves.emplace_back(p, static_cast<int>(pl));
  e.dfs(0);
  return std::move(e.out);
}

}  // namespace migcalc
