#include "plan_solve.hpp"

#include <cmath>
#include <utility>

namespace migcalc {

namespace {

constexpr double kIntTol = 1e-6;

double tolerance(double v) { return 1e-6 + 1e-9 * std::fabs(v); }

/// The smallest objective an integer solution can have when the LP says `v`.
double roundUp(double v, double unit) {
  if (unit <= 0) return v;
  return std::ceil((v - tolerance(v)) / unit) * unit;
}

int mostFractional(const IntProgram& p, const std::vector<double>& x, bool priorityOnly) {
  int best = -1;
  double bestFrac = kIntTol;
  for (size_t j = 0; j < x.size(); ++j) {
    if (!p.integer[j] || (priorityOnly && !p.priority[j])) continue;
    double f = x[j] - std::floor(x[j]);
    double dist = std::min(f, 1.0 - f);
    if (dist > bestFrac) bestFrac = dist, best = static_cast<int>(j);
  }
  return best;
}

/// Branch on a fractional GPU count first, then on a fractional pattern count.
int branchColumn(const IntProgram& p, const std::vector<double>& x) {
  int j = mostFractional(p, x, true);
  return j >= 0 ? j : mostFractional(p, x, false);
}

struct Search {
  const IntProgram& p;
  std::chrono::steady_clock::time_point deadline;
  DualSimplex lp;  // the last node's tableau: the next node starts from it
  IntSolution best;
  double incumbent = kLpInfinity;
  bool incomplete = false;  // an LP hit its iteration limit: its subtree was not proven
  // The smallest objective any part of the tree left unsearched may still hold (each part counted by the LP value
  // of the node above it): with the incumbent, the bound a stopped search has proven.
  double open = kLpInfinity;
  std::vector<DualSimplex> snapshots;  // per depth, reused (copying into one keeps its memory)

  bool timeUp() {
    if (std::chrono::steady_clock::now() < deadline && (p.node_limit <= 0 || best.nodes < p.node_limit)) return false;
    best.time_limit_hit = true;
    return true;
  }
  void leaveOpen(double lpValue) { open = std::min(open, roundUp(lpValue, p.unit)); }
  void accept(const LpSolution& s) {
    if (s.value < incumbent - tolerance(s.value)) {
      incumbent = s.value;
      best.found = true;
      best.value = s.value;
      best.x = s.x;
      for (size_t j = 0; j < best.x.size(); ++j)
        if (p.integer[j]) best.x[j] = std::round(best.x[j]);
    }
  }
  /// Round the LP up step by step: keep the integer parts of the pattern counts, raise the largest fraction,
  /// solve again. (GPU counts follow from pattern counts; raising them would only add fractional patterns.)
  void dive(const LpSolution& root) {
    std::vector<double> lb(static_cast<size_t>(p.lp.columns), 0.0), ub(lb.size(), kLpInfinity);
    LpSolution s = root;
    // No time check here: the dive is short (each step raises a bound) and gives the plan a time limit returns.
    for (int step = 0; step < 100000; ++step) {
      int j = -1;
      double bestFrac = kIntTol;
      for (size_t k = 0; k < s.x.size(); ++k) {
        if (!p.integer[k] || p.priority[k]) continue;
        double f = s.x[k] - std::floor(s.x[k] + kIntTol);
        lb[k] = std::floor(s.x[k] + kIntTol);
        if (f > bestFrac) bestFrac = f, j = static_cast<int>(k);
      }
      if (j < 0) {
        accept(s);
        return;
      }
      lb[static_cast<size_t>(j)] = std::ceil(s.x[static_cast<size_t>(j)]);
      lp.setBounds(lb, ub);
      s = lp.solve();
      ++best.nodes;
      if (s.status != LpStatus::Optimal) return;
      if (roundUp(s.value, p.unit) >= incumbent - tolerance(incumbent)) return;
    }
  }
  /// Depth first, the rounded-up branch first. Returns false when the time ran out. `parentValue` is the LP value
  /// of the node above (a lower bound for this one), kept in `open` when this node is left unsearched.
  bool branch(std::vector<double>& lb, std::vector<double>& ub, int depth, double parentValue) {
    if (timeUp()) {
      leaveOpen(parentValue);
      return false;
    }
    lp.setBounds(lb, ub);
    LpSolution s = lp.solve();
    ++best.nodes;
    if (s.status == LpStatus::IterationLimit) {
      incomplete = true;
      leaveOpen(parentValue);
    }
    if (s.status != LpStatus::Optimal) return true;
    if (roundUp(s.value, p.unit) >= incumbent - tolerance(incumbent)) return true;
    int j = branchColumn(p, s.x);
    if (j < 0) {
      accept(s);
      return true;
    }
    if (depth > 10000) {
      incomplete = true;  // not searched: no proof
      leaveOpen(s.value);
      return true;
    }
    // Reduced-cost fixing for this subtree: a column whose move away from its bound would lift the LP value past
    // the best objective that still improves on the incumbent gets a tighter bound (restored on the way back).
    std::vector<std::pair<size_t, double>> fixedUb, fixedLb;
    if (incumbent < kLpInfinity) {
      const double target = p.unit > 0 ? incumbent - p.unit : incumbent - tolerance(incumbent);
      const double room = target - s.value + tolerance(target);
      for (size_t c = 0; c < lb.size(); ++c) {
        if (!p.integer[c]) continue;
        const double d = lp.reducedCost(static_cast<int>(c));
        if (lp.atLower(static_cast<int>(c)) && d > 1e-9) {
          double cap = lb[c] + std::floor(std::max(0.0, room) / d + 1e-9);
          if (cap < ub[c]) fixedUb.emplace_back(c, ub[c]), ub[c] = cap;
        } else if (lp.atUpper(static_cast<int>(c)) && d < -1e-9) {
          double floorValue = ub[c] - std::floor(std::max(0.0, room) / -d + 1e-9);
          if (floorValue > lb[c]) fixedLb.emplace_back(c, lb[c]), lb[c] = floorValue;
        }
      }
    }
    bool ok = branchChildren(s, j, lb, ub, depth);
    for (const auto& [c, v] : fixedUb) ub[c] = v;
    for (const auto& [c, v] : fixedLb) lb[c] = v;
    return ok;
  }
  bool branchChildren(const LpSolution& s, int j, std::vector<double>& lb, std::vector<double>& ub, int depth) {
    const size_t k = static_cast<size_t>(j);
    double oldLb = lb[k], oldUb = ub[k];
    // Both children start from this node's tableau (a copy while the budget allows; else from wherever the
    // first child's subtree left it, which setBounds turns back into a dual feasible start).
    const size_t level = static_cast<size_t>(depth);
    bool saved = level < snapshots.size();
    if (saved)
      snapshots[level] = lp;
    else if (level == snapshots.size() && (level + 1) * lp.bytes() <= p.snapshot_budget)
      snapshots.push_back(lp), saved = true;
    lb[k] = std::ceil(s.x[k]);
    bool ok = branch(lb, ub, depth + 1, s.value);
    lb[k] = oldLb;
    if (saved) std::swap(lp, snapshots[level]);  // the slot is refilled before its next use
    if (!ok) {
      leaveOpen(s.value);  // the second child is not searched
      return false;
    }
    ub[k] = std::floor(s.x[k]);
    ok = branch(lb, ub, depth + 1, s.value);
    ub[k] = oldUb;
    return ok;
  }
};

}  // namespace

IntSolution solveIntProgram(const IntProgram& program, std::chrono::steady_clock::time_point deadline) {
  Search search{program, deadline, DualSimplex(program.lp), {}, kLpInfinity, false, kLpInfinity, {}};
  std::vector<double> lb(static_cast<size_t>(program.lp.columns), 0.0), ub(lb.size(), kLpInfinity);
  LpSolution root = search.lp.solve();
  const DualSimplex rootState = search.lp;
  search.best.nodes = 1;
  if (root.status != LpStatus::Optimal) return search.best;
  double bound = roundUp(root.value, program.unit);
  search.dive(root);
  if (search.best.found && search.incumbent > bound + tolerance(bound)) {
    // Search the residual first: keep the integer part of every root pattern count, branch on what is left
    // (a small problem even for 100,000 instances). A plan found there that meets the root bound is optimal.
    std::vector<double> floorLb = lb;
    for (size_t j = 0; j < floorLb.size(); ++j)
      if (program.integer[j] && !program.priority[j]) floorLb[j] = std::floor(root.x[j] + kIntTol);
    bool savedIncomplete = search.incomplete;
    search.lp = rootState;
    search.branch(floorLb, ub, 0, root.value);
    search.incomplete = savedIncomplete;
    search.best.time_limit_hit = false;
  }
  if (!search.best.found || search.incumbent > bound + tolerance(bound)) {
    search.lp = rootState;
    search.open = kLpInfinity;  // the residual search covered a restricted problem: its open parts do not count
    bool complete = search.branch(lb, ub, 0, root.value);
    if (complete && !search.incomplete && search.best.found)
      bound = search.incumbent;
    else if (search.open < kLpInfinity)
      bound = std::max(bound, search.open);  // what a stopped search proved
  }
  search.best.bound = search.best.found ? std::min(bound, search.incumbent) : bound;
  return search.best;
}

}  // namespace migcalc
