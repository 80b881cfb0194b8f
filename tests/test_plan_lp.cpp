// The planner's dual simplex, warm-started: after any sequence of bound changes (tightening, relaxing, going back
// to a snapshot) its answer must equal a solve from scratch and, when GLPK is there, GLPK's simplex.
#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "plan_lp.hpp"

#ifdef MIGCALC_HAVE_GLPK
#include <glpk.h>
#endif

using namespace migcalc;

namespace {

LpProblem randomProblem(std::mt19937& rng) {
  std::uniform_int_distribution<int> cols(1, 12), rows(1, 8), coef(-2, 5), cost(0, 6), rhs(-3, 12);
  LpProblem p;
  p.columns = cols(rng);
  for (int j = 0; j < p.columns; ++j) p.cost.push_back(cost(rng) * 0.5);
  int m = rows(rng);
  for (int i = 0; i < m; ++i) {
    std::vector<std::pair<int, double>> row;
    for (int j = 0; j < p.columns; ++j) {
      int a = coef(rng);
      if (a != 0 && rng() % 2) row.emplace_back(j, a);
    }
    p.rows.push_back(row);
    p.rhs.push_back(rhs(rng));
  }
  return p;
}

#ifdef MIGCALC_HAVE_GLPK
/// GLPK's simplex on the same LP: {optimal?, value}.
std::pair<bool, double> glpkSolve(const LpProblem& p, const std::vector<double>& lb, const std::vector<double>& ub) {
  glp_prob* lp = glp_create_prob();
  glp_set_obj_dir(lp, GLP_MIN);
  glp_add_cols(lp, p.columns);
  for (int j = 0; j < p.columns; ++j) {
    size_t k = static_cast<size_t>(j);
    int type = ub[k] == kLpInfinity ? GLP_LO : (lb[k] == ub[k] ? GLP_FX : GLP_DB);
    glp_set_col_bnds(lp, j + 1, type, lb[k], ub[k] == kLpInfinity ? 0.0 : ub[k]);
    glp_set_obj_coef(lp, j + 1, p.cost[k]);
  }
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0.0};
  if (!p.rows.empty()) glp_add_rows(lp, static_cast<int>(p.rows.size()));
  for (size_t i = 0; i < p.rows.size(); ++i) {
    glp_set_row_bnds(lp, static_cast<int>(i) + 1, GLP_LO, p.rhs[i], 0.0);
    for (const auto& [j, a] : p.rows[i]) ia.push_back(static_cast<int>(i) + 1), ja.push_back(j + 1), ar.push_back(a);
  }
  glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.presolve = GLP_ON;
  int rc = glp_simplex(lp, &parm);
  bool optimal = rc == 0 && glp_get_status(lp) == GLP_OPT;
  double v = optimal ? glp_get_obj_val(lp) : 0.0;
  glp_delete_prob(lp);
  return {optimal, v};
}
#endif

void checkSolution(const LpProblem& p, const std::vector<double>& lb, const std::vector<double>& ub,
                   const LpSolution& s) {
  REQUIRE(s.x.size() == static_cast<size_t>(p.columns));
  double value = 0;
  for (int j = 0; j < p.columns; ++j) {
    size_t k = static_cast<size_t>(j);
    CHECK(s.x[k] >= lb[k] - 1e-6);
    CHECK(s.x[k] <= ub[k] + 1e-6);
    value += p.cost[k] * s.x[k];
  }
  CHECK(value == doctest::Approx(s.value).epsilon(1e-9));
  for (size_t i = 0; i < p.rows.size(); ++i) {
    double a = 0;
    for (const auto& [j, c] : p.rows[i]) a += c * s.x[static_cast<size_t>(j)];
    CHECK(a >= p.rhs[i] - 1e-6);
  }
}

}  // namespace

TEST_CASE("the warm-started dual simplex answers as a cold solve (and GLPK) after every bound change") {
  std::mt19937 rng(20261129);
  int optimal = 0, infeasible = 0, warmPivotsSaved = 0;
  for (int trial = 0; trial < 300; ++trial) {
    LpProblem p = randomProblem(rng);
    const size_t n = static_cast<size_t>(p.columns);
    std::vector<double> lb(n, 0.0), ub(n, kLpInfinity);
    DualSimplex warm(p);
    std::vector<DualSimplex> snapshots;
    std::vector<std::pair<std::vector<double>, std::vector<double>>> snapshotBounds;
    for (int step = 0; step < 25; ++step) {
      int action = static_cast<int>(rng() % 4);
      size_t j = rng() % n;
      if (action == 0 && !snapshots.empty()) {  // back to a snapshot, as branch and bound does
        warm = snapshots.back();
        lb = snapshotBounds.back().first, ub = snapshotBounds.back().second;
        snapshots.pop_back(), snapshotBounds.pop_back();
      } else if (action == 1) {  // relax a column
        lb[j] = 0, ub[j] = kLpInfinity;
      } else {  // tighten a column around an integer value
        double v = static_cast<double>(rng() % 6);
        if (rng() % 2)
          lb[j] = v, ub[j] = std::max(ub[j] == kLpInfinity ? v + 3 : ub[j], v);
        else
          ub[j] = v, lb[j] = std::min(lb[j], v);
      }
      warm.setBounds(lb, ub);
      LpSolution w = warm.solve();
      LpSolution c = solveLp(p, lb, ub);
      CAPTURE(trial);
      CAPTURE(step);
      REQUIRE(w.status != LpStatus::IterationLimit);
      REQUIRE(c.status != LpStatus::IterationLimit);
      CHECK(w.status == c.status);
      if (w.pivots < c.pivots) ++warmPivotsSaved;
#ifdef MIGCALC_HAVE_GLPK
      auto [gOptimal, gValue] = glpkSolve(p, lb, ub);
      CHECK(gOptimal == (w.status == LpStatus::Optimal));
#endif
      if (w.status == LpStatus::Optimal && c.status == LpStatus::Optimal) {
        ++optimal;
        CHECK(w.value == doctest::Approx(c.value).epsilon(1e-9));
        checkSolution(p, lb, ub, w);
#ifdef MIGCALC_HAVE_GLPK
        if (gOptimal) CHECK(w.value == doctest::Approx(gValue).epsilon(1e-7));
#endif
      } else {
        ++infeasible;
      }
      if (rng() % 3 == 0) snapshots.push_back(warm), snapshotBounds.emplace_back(lb, ub);
    }
  }
  // The random set exercises both outcomes and warm starts that save work.
  CHECK(optimal > 1000);
  CHECK(infeasible > 50);
  CHECK(warmPivotsSaved > 500);
}
