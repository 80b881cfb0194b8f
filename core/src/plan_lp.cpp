#include "plan_lp.hpp"

#include <cmath>

namespace migcalc {

LpSolution solveLp(const LpProblem& problem, const std::vector<double>& lb, const std::vector<double>& ub) {
  const int n = problem.columns;
  // Rows: A·x' >= b - A·lb, and -x'_j >= lb_j - ub_j for finite upper bounds (x = lb + x').
  std::vector<std::vector<std::pair<int, double>>> rows = problem.rows;
  std::vector<double> b = problem.rhs;
  for (size_t i = 0; i < rows.size(); ++i)
    for (const auto& [j, a] : rows[i]) b[i] -= a * lb[static_cast<size_t>(j)];
  for (int j = 0; j < n; ++j)
    if (ub[static_cast<size_t>(j)] != kLpInfinity) {
      rows.push_back({{j, -1.0}});
      b.push_back(lb[static_cast<size_t>(j)] - ub[static_cast<size_t>(j)]);
    }
  const int m = static_cast<int>(rows.size());
  const int width = n + m;
  // Tableau row i: s_i - A_i·x' = -b_i, with the slack s_i basic.
  std::vector<double> t(static_cast<size_t>(m) * static_cast<size_t>(width), 0.0);
  std::vector<double> value(static_cast<size_t>(m));
  std::vector<int> basis(static_cast<size_t>(m));
  auto at = [&](int i, int j) -> double& { return t[static_cast<size_t>(i) * static_cast<size_t>(width) + static_cast<size_t>(j)]; };
  for (int i = 0; i < m; ++i) {
    for (const auto& [j, a] : rows[static_cast<size_t>(i)]) at(i, j) -= a;
    at(i, n + i) = 1.0;
    value[static_cast<size_t>(i)] = -b[static_cast<size_t>(i)];
    basis[static_cast<size_t>(i)] = n + i;
  }
  std::vector<double> d(static_cast<size_t>(width), 0.0);
  for (int j = 0; j < n; ++j) d[static_cast<size_t>(j)] = problem.cost[static_cast<size_t>(j)];
  std::vector<char> isBasic(static_cast<size_t>(width), 0);
  for (int i = 0; i < m; ++i) isBasic[static_cast<size_t>(n + i)] = 1;

  LpSolution out;
  const long long limit = 50LL * width + 1000;
  const double feasTol = 1e-7, pivTol = 1e-9;
  std::vector<double> pivotRow(static_cast<size_t>(width));
  std::vector<int> nonzero;  // columns where the pivot row is not zero: the only ones an update changes
  for (;;) {
    int r = -1;
    double worst = -feasTol;
    for (int i = 0; i < m; ++i)
      if (value[static_cast<size_t>(i)] < worst * (1.0 + std::fabs(b[static_cast<size_t>(i)]) * 1e-9)) worst = value[static_cast<size_t>(i)], r = i;
    if (r < 0) break;
    int enter = -1;
    double bestRatio = kLpInfinity, bestAbs = 0;
    for (int j = 0; j < width; ++j) {
      if (isBasic[static_cast<size_t>(j)]) continue;
      double a = at(r, j);
      if (a >= -pivTol) continue;
      double ratio = std::max(0.0, d[static_cast<size_t>(j)]) / -a;
      if (ratio < bestRatio - 1e-12 || (ratio <= bestRatio + 1e-12 && -a > bestAbs)) bestRatio = ratio, bestAbs = -a, enter = j;
    }
    if (enter < 0) {
      out.status = LpStatus::Infeasible;
      return out;
    }
    if (++out.pivots > limit) {
      out.status = LpStatus::IterationLimit;
      return out;
    }
    const double piv = at(r, enter);
    nonzero.clear();
    for (int j = 0; j < width; ++j) {
      pivotRow[static_cast<size_t>(j)] = at(r, j) / piv;
      if (pivotRow[static_cast<size_t>(j)] != 0.0) nonzero.push_back(j);
    }
    const double pivValue = value[static_cast<size_t>(r)] / piv;
    for (int j = 0; j < width; ++j) at(r, j) = pivotRow[static_cast<size_t>(j)];
    value[static_cast<size_t>(r)] = pivValue;
    for (int i = 0; i < m; ++i) {
      if (i == r) continue;
      double f = at(i, enter);
      if (f == 0.0) continue;
      double* row = &at(i, 0);
      for (int j : nonzero) row[j] -= f * pivotRow[static_cast<size_t>(j)];
      row[enter] = 0.0;
      value[static_cast<size_t>(i)] -= f * pivValue;
    }
    double f = d[static_cast<size_t>(enter)];
    if (f != 0.0)
      for (int j : nonzero) d[static_cast<size_t>(j)] -= f * pivotRow[static_cast<size_t>(j)];
    d[static_cast<size_t>(enter)] = 0.0;
    isBasic[static_cast<size_t>(basis[static_cast<size_t>(r)])] = 0;
    isBasic[static_cast<size_t>(enter)] = 1;
    basis[static_cast<size_t>(r)] = enter;
  }
  out.status = LpStatus::Optimal;
  out.x.assign(lb.begin(), lb.begin() + n);
  for (int i = 0; i < m; ++i)
    if (basis[static_cast<size_t>(i)] < n) out.x[static_cast<size_t>(basis[static_cast<size_t>(i)])] += std::max(0.0, value[static_cast<size_t>(i)]);
  out.value = 0;
  for (int j = 0; j < n; ++j) out.value += problem.cost[static_cast<size_t>(j)] * out.x[static_cast<size_t>(j)];
  return out;
}

}  // namespace migcalc
