#include "plan_lp.hpp"

#include <algorithm>
#include <cmath>

namespace migcalc {

namespace {

constexpr double kFeasTol = 1e-7, kPivTol = 1e-9, kDualTol = 1e-7, kTiny = 1e-12;

/// Far below one instance even at a billion: a basic value this close to its bound counts as on it.
double feasTol(double bound) { return kFeasTol * (1.0 + (std::isfinite(bound) ? std::fabs(bound) * 1e-6 : 0.0)); }

}  // namespace

DualSimplex::DualSimplex(const LpProblem& problem) : p_(&problem) {
  n_ = problem.columns;
  m_ = static_cast<int>(problem.rows.size());
  width_ = n_ + m_;
  lo_.assign(static_cast<size_t>(width_), 0.0);
  up_.assign(static_cast<size_t>(width_), kLpInfinity);
  reset();
}

void DualSimplex::reset() {
  // Row i: s_i - A_i·x = -b_i with the surplus s_i = A_i·x - b_i >= 0 basic; every column at its lower bound.
  const size_t w = static_cast<size_t>(width_);
  t_.assign(static_cast<size_t>(m_) * w, 0.0);
  beta_.assign(static_cast<size_t>(m_), 0.0);
  basis_.assign(static_cast<size_t>(m_), 0);
  d_.assign(w, 0.0);
  basic_.assign(w, 0);
  atUpper_.assign(w, 0);
  fresh_ = true;
  for (int j = 0; j < n_; ++j) d_[static_cast<size_t>(j)] = p_->cost[static_cast<size_t>(j)];
  for (int i = 0; i < m_; ++i) {
    double* row = &t_[static_cast<size_t>(i) * w];
    double v = -p_->rhs[static_cast<size_t>(i)];
    for (const auto& [j, a] : p_->rows[static_cast<size_t>(i)]) {
      row[j] -= a;
      v += a * lo_[static_cast<size_t>(j)];
    }
    row[n_ + i] = 1.0;
    beta_[static_cast<size_t>(i)] = v;
    basis_[static_cast<size_t>(i)] = n_ + i;
    basic_[static_cast<size_t>(n_ + i)] = 1;
  }
}

void DualSimplex::setBounds(const std::vector<double>& lb, const std::vector<double>& ub) {
  const size_t w = static_cast<size_t>(width_);
  bool dualBroken = false;
  for (int j = 0; j < n_; ++j) {
    const size_t k = static_cast<size_t>(j);
    if (lb[k] == lo_[k] && ub[k] == up_[k]) continue;
    if (basic_[k]) {
      lo_[k] = lb[k], up_[k] = ub[k];
      continue;
    }
    const double before = nonbasicValue(j);
    lo_[k] = lb[k], up_[k] = ub[k];
    // A column at its lower bound needs d >= 0, at its upper bound d <= 0 (either when fixed).
    bool upper = atUpper_[k] != 0;
    if (d_[k] > kDualTol)
      upper = false;
    else if (d_[k] < -kDualTol)
      upper = true;
    if (upper && !std::isfinite(up_[k])) {
      upper = false;
      if (d_[k] < -kDualTol) dualBroken = true;
    }
    atUpper_[k] = upper ? 1 : 0;
    const double delta = nonbasicValue(j) - before;
    if (delta != 0.0)
      for (int i = 0; i < m_; ++i) beta_[static_cast<size_t>(i)] -= t_[static_cast<size_t>(i) * w + k] * delta;
  }
  if (dualBroken) reset();
}

LpStatus DualSimplex::iterate(long long& pivots) {
  const size_t w = static_cast<size_t>(width_);
  const long long limit = 50LL * width_ + 1000;
  std::vector<int> nonzero;
  for (long long step = 0;; ++step) {
    // Leaving row: the basic variable farthest outside its bounds.
    int r = -1;
    double worst = 0, target = 0;
    for (int i = 0; i < m_; ++i) {
      const size_t b = static_cast<size_t>(basis_[static_cast<size_t>(i)]);
      const double v = beta_[static_cast<size_t>(i)];
      if (v < lo_[b] - feasTol(lo_[b]) && lo_[b] - v > worst) worst = lo_[b] - v, r = i, target = lo_[b];
      if (v > up_[b] + feasTol(up_[b]) && v - up_[b] > worst) worst = v - up_[b], r = i, target = up_[b];
    }
    if (r < 0) return LpStatus::Optimal;
    if (step >= limit) return LpStatus::IterationLimit;
    const bool increase = beta_[static_cast<size_t>(r)] < target;
    double* rowR = &t_[static_cast<size_t>(r) * w];
    // Entering column: the ratio test over the columns that can move the leaving variable towards its bound.
    int q = -1;
    double bestRatio = kLpInfinity, bestAbs = 0;
    for (int j = 0; j < width_; ++j) {
      const size_t k = static_cast<size_t>(j);
      if (basic_[k] || !(lo_[k] < up_[k])) continue;
      const double a = rowR[j];
      const bool up = atUpper_[k] != 0;
      // x_B = beta - a·Δz: raising x_B needs a < 0 for a column at its lower bound (Δz > 0), a > 0 at its upper.
      const bool ok = increase ? (up ? a > kPivTol : a < -kPivTol) : (up ? a < -kPivTol : a > kPivTol);
      if (!ok) continue;
      const double ratio = (up ? std::max(0.0, -d_[k]) : std::max(0.0, d_[k])) / std::fabs(a);
      if (ratio < bestRatio - 1e-12 || (ratio <= bestRatio + 1e-12 && std::fabs(a) > bestAbs))
        bestRatio = ratio, bestAbs = std::fabs(a), q = j;
    }
    if (q < 0) return LpStatus::Infeasible;
    ++pivots;
    fresh_ = false;
    const size_t qk = static_cast<size_t>(q);
    const double piv = rowR[q];
    const double delta = (beta_[static_cast<size_t>(r)] - target) / piv;
    const double entering = nonbasicValue(q) + delta;
    for (int i = 0; i < m_; ++i) beta_[static_cast<size_t>(i)] -= t_[static_cast<size_t>(i) * w + qk] * delta;
    beta_[static_cast<size_t>(r)] = entering;
    const size_t leaving = static_cast<size_t>(basis_[static_cast<size_t>(r)]);
    basic_[leaving] = 0;
    atUpper_[leaving] = target == up_[leaving] && target != lo_[leaving] ? 1 : 0;
    basic_[qk] = 1;
    atUpper_[qk] = 0;
    basis_[static_cast<size_t>(r)] = q;
    nonzero.clear();
    for (int j = 0; j < width_; ++j) {
      double v = rowR[j] / piv;
      if (std::fabs(v) < kTiny) v = 0.0;
      rowR[j] = v;
      if (v != 0.0) nonzero.push_back(j);
    }
    rowR[q] = 1.0;
    for (int i = 0; i < m_; ++i) {
      if (i == r) continue;
      double* row = &t_[static_cast<size_t>(i) * w];
      const double f = row[q];
      if (f == 0.0) continue;
      for (int j : nonzero) row[j] -= f * rowR[j];
      row[q] = 0.0;
    }
    const double f = d_[qk];
    if (f != 0.0)
      for (int j : nonzero) d_[static_cast<size_t>(j)] -= f * rowR[j];
    d_[qk] = 0.0;
  }
}

void DualSimplex::refreshValues() {
  // The slack columns of the tableau hold -B⁻¹, so x_B = -T_slack · (b - Σ A_j x_j over the nonbasic columns):
  // the basic values afresh, without the rounding that incremental updates pile up.
  const size_t w = static_cast<size_t>(width_);
  std::vector<double>& v = scratch_;
  v.assign(static_cast<size_t>(m_), 0.0);
  for (int i = 0; i < m_; ++i) {
    double r = p_->rhs[static_cast<size_t>(i)];
    for (const auto& [j, a] : p_->rows[static_cast<size_t>(i)])
      if (!basic_[static_cast<size_t>(j)]) r -= a * nonbasicValue(j);
    if (!basic_[static_cast<size_t>(n_ + i)]) r += nonbasicValue(n_ + i);
    v[static_cast<size_t>(i)] = r;
  }
  for (int k = 0; k < m_; ++k) {
    const double* row = &t_[static_cast<size_t>(k) * w + static_cast<size_t>(n_)];
    double x = 0;
    for (int i = 0; i < m_; ++i) x -= row[i] * v[static_cast<size_t>(i)];
    beta_[static_cast<size_t>(k)] = x;
  }
}

bool DualSimplex::verified(const std::vector<double>& x) const {
  // Tolerances relative to the magnitudes summed (rounding grows with them), far below one instance.
  for (int j = 0; j < n_; ++j) {
    const size_t k = static_cast<size_t>(j);
    if (x[k] < lo_[k] - feasTol(lo_[k]) * 10 || x[k] > up_[k] + feasTol(up_[k]) * 10) return false;
  }
  for (int i = 0; i < m_; ++i) {
    double s = 0, scale = std::fabs(p_->rhs[static_cast<size_t>(i)]);
    for (const auto& [j, a] : p_->rows[static_cast<size_t>(i)])
      s += a * x[static_cast<size_t>(j)], scale += std::fabs(a * x[static_cast<size_t>(j)]);
    if (s < p_->rhs[static_cast<size_t>(i)] - (1e-6 + 1e-9 * scale)) return false;
  }
  // Dual feasibility with reduced costs computed afresh from the tableau (the bound rests on it).
  const size_t w = static_cast<size_t>(width_);
  std::vector<double>& d = scratch_;
  d.assign(2 * w, 0.0);  // d, then the magnitude of its terms
  for (int j = 0; j < n_; ++j)
    d[static_cast<size_t>(j)] = p_->cost[static_cast<size_t>(j)],
    d[w + static_cast<size_t>(j)] = std::fabs(p_->cost[static_cast<size_t>(j)]);
  for (int i = 0; i < m_; ++i) {
    const int b = basis_[static_cast<size_t>(i)];
    const double c = b < n_ ? p_->cost[static_cast<size_t>(b)] : 0.0;
    if (c == 0.0) continue;
    const double* row = &t_[static_cast<size_t>(i) * w];
    for (size_t j = 0; j < w; ++j) d[j] -= c * row[j], d[w + j] += std::fabs(c * row[j]);
  }
  for (size_t j = 0; j < w; ++j) {
    if (basic_[j] || !(lo_[j] < up_[j])) continue;
    const double tol = 1e-7 + 1e-9 * d[w + j];
    if (atUpper_[j] ? d[j] > tol : d[j] < -tol) return false;
  }
  return true;
}

LpSolution DualSimplex::solve() {
  LpSolution out;
  for (int j = 0; j < n_; ++j)
    if (lo_[static_cast<size_t>(j)] > up_[static_cast<size_t>(j)]) return out;  // Infeasible
  // A warm start that fails (iteration limit, infeasible, or an answer that does not verify) is solved again
  // from the slack basis, whose answer stands as it is.
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (attempt == 1) reset();
    const bool wasFresh = fresh_;
    out.status = iterate(out.pivots);
    for (int refresh = 0; refresh < 3 && out.status == LpStatus::Optimal && !fresh_; ++refresh) {
      refreshValues();
      long long before = out.pivots;
      out.status = iterate(out.pivots);  // re-optimise if the fresh values show an infeasibility
      if (out.pivots == before) break;
    }
    if (out.status != LpStatus::Optimal) {
      if (!wasFresh) continue;
      return out;
    }
    out.x.assign(static_cast<size_t>(n_), 0.0);
    for (int j = 0; j < n_; ++j)
      if (!basic_[static_cast<size_t>(j)]) out.x[static_cast<size_t>(j)] = nonbasicValue(j);
    for (int i = 0; i < m_; ++i) {
      const int b = basis_[static_cast<size_t>(i)];
      if (b < n_)
        out.x[static_cast<size_t>(b)] =
            std::clamp(beta_[static_cast<size_t>(i)], lo_[static_cast<size_t>(b)], up_[static_cast<size_t>(b)]);
    }
    if (!wasFresh && !verified(out.x)) continue;
    out.value = 0;
    for (int j = 0; j < n_; ++j) out.value += p_->cost[static_cast<size_t>(j)] * out.x[static_cast<size_t>(j)];
    return out;
  }
  return out;
}

LpSolution solveLp(const LpProblem& problem, const std::vector<double>& lb, const std::vector<double>& ub) {
  DualSimplex s(problem);
  s.setBounds(lb, ub);
  return s.solve();
}

}  // namespace migcalc
