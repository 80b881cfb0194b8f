// The planner's branch and bound (dive, residual search, reduced-cost fixing, warm-started nodes) on small random
// pattern programs: its optimum and its proven bound must equal a brute force over every integer point.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <random>

#include "plan_solve.hpp"

using namespace migcalc;

namespace {

struct Case {
  IntProgram program;
  std::vector<int> patternModel;         // per pattern column: its model
  std::vector<double> modelCost;         // per model
  std::vector<std::vector<int>> covers;  // per pattern: units of each demand row
  std::vector<int> demand;
};

/// Patterns of two models cover demand rows; a GPU-count column per model (N = Σx) carries the cost.
Case randomCase(std::mt19937& rng) {
  Case c;
  std::uniform_int_distribution<int> rowsD(1, 3), patsD(1, 3), coverD(0, 3), demandD(1, 7), costD(2, 9);
  const int rows = rowsD(rng);
  for (int i = 0; i < rows; ++i) c.demand.push_back(demandD(rng));
  LpProblem& lp = c.program.lp;
  lp.rows.assign(static_cast<size_t>(rows), {});
  lp.rhs.assign(static_cast<size_t>(rows), 0.0);
  for (int i = 0; i < rows; ++i) lp.rhs[static_cast<size_t>(i)] = c.demand[static_cast<size_t>(i)];
  auto column = [&](double cost, bool priority) {
    lp.cost.push_back(cost);
    c.program.integer.push_back(1);
    c.program.priority.push_back(priority ? 1 : 0);
    return lp.columns++;
  };
  for (int m = 0; m < 2; ++m) {
    const double cost = costD(rng) * 0.5;
    c.modelCost.push_back(cost);
    std::vector<int> cols;
    const int pats = patsD(rng);
    for (int k = 0; k < pats; ++k) {
      int col = column(0.0, false);
      cols.push_back(col);
      c.patternModel.push_back(m);
      std::vector<int> cover;
      for (int i = 0; i < rows; ++i) {
        int a = coverD(rng);
        cover.push_back(a);
        if (a > 0) lp.rows[static_cast<size_t>(i)].emplace_back(col, a);
      }
      c.covers.push_back(cover);
    }
    int n = column(cost, true);
    std::vector<std::pair<int, double>> up{{n, 1.0}}, down{{n, -1.0}};
    for (int col : cols) up.emplace_back(col, -1.0), down.emplace_back(col, 1.0);
    lp.rows.push_back(up), lp.rhs.push_back(0.0);
    lp.rows.push_back(down), lp.rhs.push_back(0.0);
  }
  for (int i = 0; i < rows; ++i)  // every demand row covered by some pattern (the first one if no other)
    if (lp.rows[static_cast<size_t>(i)].empty()) {
      lp.rows[static_cast<size_t>(i)].emplace_back(0, 1.0);
      c.covers[0][static_cast<size_t>(i)] = 1;
    }
  c.program.unit = 0.5;
  return c;
}

/// The cheapest integer pattern counts that cover the demand, by trying every count vector.
double bruteForce(const Case& c) {
  const size_t pats = c.covers.size();
  std::vector<int> x(pats, 0);
  double best = 1e18;
  const int maxCount = *std::max_element(c.demand.begin(), c.demand.end());
  std::function<void(size_t)> walk = [&](size_t k) {
    if (k == pats) {
      for (size_t i = 0; i < c.demand.size(); ++i) {
        int got = 0;
        for (size_t p = 0; p < pats; ++p) got += x[p] * c.covers[p][i];
        if (got < c.demand[i]) return;
      }
      double cost = 0;
      for (size_t p = 0; p < pats; ++p) cost += x[p] * c.modelCost[static_cast<size_t>(c.patternModel[p])];
      best = std::min(best, cost);
      return;
    }
    for (int v = 0; v <= maxCount; ++v) x[k] = v, walk(k + 1);
  };
  walk(0);
  return best;
}

}  // namespace

TEST_CASE("branch and bound with reduced-cost fixing finds and proves the brute-force optimum") {
  std::mt19937 rng(777);
  int branched = 0;
  for (int trial = 0; trial < 400; ++trial) {
    Case c = randomCase(rng);
    const double expected = bruteForce(c);
    IntSolution s = solveIntProgram(c.program, std::chrono::steady_clock::now() + std::chrono::seconds(30));
    CAPTURE(trial);
    REQUIRE(s.found);
    CHECK_FALSE(s.time_limit_hit);
    CHECK(s.value == doctest::Approx(expected));
    CHECK(s.bound == doctest::Approx(expected));
    if (s.nodes > 3) ++branched;
    // Without room for snapshots every node starts from its sibling's leftover tableau: the same answer.
    c.program.snapshot_budget = 0;
    IntSolution cold = solveIntProgram(c.program, std::chrono::steady_clock::now() + std::chrono::seconds(30));
    REQUIRE(cold.found);
    CHECK(cold.value == doctest::Approx(expected));
    CHECK(cold.bound == doctest::Approx(expected));
  }
  CHECK(branched > 40);  // the random set needs branch and bound, not only the root and the dive
}

TEST_CASE("a search stopped midway reports a bound no higher than the optimum, often above the root LP's") {
  std::mt19937 rng(4242);
  int stopped = 0;
  int raised = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    Case c = randomCase(rng);
    const double expected = bruteForce(c);
    IntSolution full = solveIntProgram(c.program, std::chrono::steady_clock::now() + std::chrono::seconds(30));
    REQUIRE(full.found);
    // The root alone (a search stopped at its first node) proves the root LP's bound rounded up.
    c.program.node_limit = 1;
    const double rootBound =
        solveIntProgram(c.program, std::chrono::steady_clock::now() + std::chrono::seconds(30)).bound;
    for (long long limit = 2; limit < full.nodes; ++limit) {
      c.program.node_limit = limit;
      IntSolution s = solveIntProgram(c.program, std::chrono::steady_clock::now() + std::chrono::seconds(30));
      CAPTURE(trial);
      CAPTURE(limit);
      if (!s.time_limit_hit) continue;
      ++stopped;
      CHECK(s.bound <= expected + 1e-9);  // never claims more than is true
      CHECK(s.bound >= rootBound - 1e-9);
      if (s.found) CHECK(s.value >= expected - 1e-9);
      if (s.bound > rootBound + 1e-9) ++raised;
    }
  }
  CHECK(stopped > 100);
  CHECK(raised > 0);  // the searched part of the tree does lift the bound
}
