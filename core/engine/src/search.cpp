#include "search.hpp"

#include <algorithm>

#include "migcalc/base/text_util.hpp"

namespace migcalc {

namespace {

class Searcher {
 public:
  Searcher(const Grid& grid, const LayoutState& base, const std::vector<SearchGroup>& groups, bool partial,
           long long budget)
      : grid_(grid), state_(base), groups_(groups), partial_(partial), budget_(budget) {}

  bool run() {
    enter(0);
    return !aborted_;
  }
  SearchOutcome outcome() const { return {found_, best_}; }

 private:
  void enter(size_t gi) { dfs(gi, 0, gi < groups_.size() ? groups_[gi].count : 0); }

  void dfs(size_t gi, size_t fromPl, int left) {
    if (aborted_) return;
    if (++nodes_ > budget_) {
      aborted_ = true;
      return;
    }
    if (gi == groups_.size()) {
      leaf();
      return;
    }
    if (left == 0) {
      enter(gi + 1);
      return;
    }
    int p = groups_[gi].profile;
    const GridProfile& gp = grid_.profiles[static_cast<size_t>(p)];
    for (size_t pl = fromPl; pl < gp.masks.size(); ++pl) {
      if (!canAdd(grid_, state_, p, static_cast<int>(pl))) continue;
      add(grid_, state_, p, static_cast<int>(pl));
      chosen_.emplace_back(p, static_cast<int>(pl));
      cs_ += gp.compute_slices;
      dfs(gi, pl + 1, left - 1);
      cs_ -= gp.compute_slices;
      chosen_.pop_back();
      remove(grid_, state_, p, static_cast<int>(pl));
    }
    if (partial_) enter(gi + 1);  // place no more of this group
  }

  void leaf() {
    int n = static_cast<int>(chosen_.size());
    if (found_ && partial_) {
      if (n < bestN_ || (n == bestN_ && cs_ < bestCs_)) return;
    }
    rem_.clear();
    for (int p : grid_.order) rem_.push_back(remainingFor(grid_, state_, p));
    bool better = !found_;
    if (!better && partial_ && (n > bestN_ || cs_ > bestCs_)) better = true;
    if (!better && rem_ > bestRem_) better = true;  // lexicographic, largest profile first
    if (!better) return;
    found_ = true;
    best_ = chosen_;
    bestRem_ = rem_;
    bestN_ = n;
    bestCs_ = cs_;
  }

  const Grid& grid_;
  LayoutState state_;
  const std::vector<SearchGroup>& groups_;
  bool partial_;
  long long budget_;
  long long nodes_ = 0;
  bool aborted_ = false;
  std::vector<std::pair<int, int>> chosen_;
  int cs_ = 0;
  std::vector<int> rem_;
  bool found_ = false;
  std::vector<std::pair<int, int>> best_;
  std::vector<int> bestRem_;
  int bestN_ = 0;
  int bestCs_ = 0;
};

std::string describe(const Instance& i) {
  return (i.fixed ? "fixed " : "") + i.profile + " at " + std::to_string(i.start);
}

}  // namespace

Result<SearchOutcome> searchBest(const Grid& grid, const LayoutState& base, const std::vector<SearchGroup>& groups,
                                 bool partial, long long budget) {
  Searcher s(grid, base, groups, partial, budget);
  if (!s.run())
    return Error{Code::SEARCH_LIMIT, "This grid is too large to search exactly within the limit of " +
                                         std::to_string(budget) +
                                         " steps; reduce the request or the number of placements in the custom GPU."};
  return s.outcome();
}

std::string explainNoPlacement(const GpuModel& gpu, const Grid& grid, const std::vector<SearchGroup>& groups,
                               const std::vector<Instance>& fixed, const std::vector<Instance>& subset) {
  std::vector<Instance> layout = fixed;
  layout.insert(layout.end(), subset.begin(), subset.end());
  std::vector<std::string> parts;
  int need = 0;
  for (const auto& f : fixed) need += f.size;
  for (const auto& g : groups) need += g.count * grid.profiles[static_cast<size_t>(g.profile)].size;
  for (const auto& g : groups) {
    const Profile& p = gpu.profiles[static_cast<size_t>(g.profile)];
    const GridProfile& gp = grid.profiles[static_cast<size_t>(g.profile)];
    int placed = static_cast<int>(
        std::count_if(subset.begin(), subset.end(), [&](const Instance& i) { return i.profile == p.name; }));
    if (placed >= g.count) continue;
    std::string msg = p.name + " needs a free window at start ";
    std::vector<std::string> starts, blocks;
    std::vector<std::pair<std::string, std::vector<std::string>>> byBlocker;  // blockers -> starts, in order
    for (size_t k = 0; k < gp.starts.size(); ++k) {
      int s = gp.starts[k];
      starts.push_back(std::to_string(s));
      std::vector<std::string> by;
      for (const auto& inst : layout)
        if (inst.start < s + gp.size && s < inst.start + inst.size) by.push_back(describe(inst));
      if (by.empty()) continue;
      std::string key = joinAnd(by);
      auto it = std::find_if(byBlocker.begin(), byBlocker.end(), [&](const auto& e) { return e.first == key; });
      if (it == byBlocker.end())
        byBlocker.push_back({key, {std::to_string(s)}});
      else
        it->second.push_back(std::to_string(s));
    }
    for (const auto& [blocker, list] : byBlocker)
      blocks.push_back((list.size() == 1 ? "start " + list[0] + " (" + unitRange(std::stoi(list[0]), gp.size) + ") is"
                                         : "starts " + joinAnd(list) + " are") +
                       " blocked by " + blocker);
    msg += joinOr(starts);
    if (g.count > 1)
      msg += " for each of " + std::to_string(g.count) + " instances, and only " + std::to_string(placed) + " fit";
    if (!blocks.empty())
      msg += (subset.empty() ? "; " : "; with the largest part that fits placed, ") + join(blocks, "; ");
    parts.push_back(msg);
  }
  std::string out = "No free placement window: " + join(parts, ". ") + ".";
  if (need > grid.units)
    out += " Together the instances need " + std::to_string(need) + " placement units; " + gpu.key + " has " +
           std::to_string(grid.units) + ".";
  return out;
}

}  // namespace migcalc
