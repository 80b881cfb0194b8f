// A small dense LP solver for the fleet planner (internal): min c·x subject to A·x >= b, lb <= x <= ub.
// Bounded dual simplex on a dense tableau, started from the slack basis (dual feasible: every cost is >= 0) and
// warm-startable: after a bound change the last optimal basis stays dual feasible, so a branch-and-bound node
// needs only a few pivots from its parent's tableau.
#pragma once
#include <cstddef>
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

/// The dual simplex with its tableau: set bounds, solve, change bounds, solve again from the last basis.
/// Copyable (a copy is a snapshot to return to).
class DualSimplex {
 public:
  explicit DualSimplex(const LpProblem& problem);
  /// New column bounds (lb >= 0, lb <= ub; ub may be kLpInfinity). Keeps the basis when it stays dual feasible.
  void setBounds(const std::vector<double>& lb, const std::vector<double>& ub);
  LpSolution solve();
  /// After an optimal solve: the reduced cost of column j, and whether it is nonbasic at its lower (or upper)
  /// bound. Moving a nonbasic column by t from its bound raises the LP value by at least |d|·t.
  double reducedCost(int j) const { return d_[static_cast<std::size_t>(j)]; }
  bool atLower(int j) const { return !basic_[static_cast<std::size_t>(j)] && !atUpper_[static_cast<std::size_t>(j)]; }
  bool atUpper(int j) const { return !basic_[static_cast<std::size_t>(j)] && atUpper_[static_cast<std::size_t>(j)]; }
  /// Bytes the tableau takes (a snapshot's cost).
  std::size_t bytes() const { return t_.size() * sizeof(double); }

 private:
  const LpProblem* p_;
  int n_ = 0, m_ = 0, width_ = 0;
  std::vector<double> t_;     // m × width: the basic variables in terms of the others
  std::vector<double> beta_;  // values of the basic variables
  std::vector<int> basis_;    // per row: its basic variable
  std::vector<double> d_;     // reduced costs
  std::vector<double> lo_, up_;
  std::vector<char> basic_, atUpper_;
  bool fresh_ = true;                    // no pivot since the slack basis
  mutable std::vector<double> scratch_;  // working space of verified() and refreshValues()

  void reset();  // the slack basis with the current bounds
  double nonbasicValue(int j) const {
    return atUpper_[static_cast<size_t>(j)] ? up_[static_cast<size_t>(j)] : lo_[static_cast<size_t>(j)];
  }
  LpStatus iterate(long long& pivots);
  void refreshValues();
  bool verified(const std::vector<double>& x) const;
};

/// Solve once from the slack basis.
LpSolution solveLp(const LpProblem& problem, const std::vector<double>& lb, const std::vector<double>& ub);

}  // namespace migcalc
