// A small dense LP solver for the fleet planner (internal): min c·x subject to A·x >= b, lb <= x <= ub.
// Dual simplex from the slack basis, which is dual feasible because every cost is >= 0.
#pragma once
#include <limits>
#include <utility>
#include <vector>

namespace migcalc {

struct LpProblem {
  int columns = 0;
  std::vector<double> cost;                               // >= 0, one per column
  std::vector<std::vector<std::pair<int, double>>> rows;  // sparse rows of A
  std::vector<double> rhs;                                // b, one per row
};

enum class LpStatus { Optimal, Infeasible, IterationLimit };

struct LpSolution {
  LpStatus status = LpStatus::Infeasible;
  double value = 0;
  std::vector<double> x;
  long long pivots = 0;
};

constexpr double kLpInfinity = std::numeric_limits<double>::infinity();

/// Solve with column bounds (lb >= 0; ub may be kLpInfinity). Bounds are applied by substitution and extra rows.
LpSolution solveLp(const LpProblem& problem, const std::vector<double>& lb, const std::vector<double>& ub);

}  // namespace migcalc
