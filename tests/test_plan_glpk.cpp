// The fleet planner against an independent exact solver: GLPK solves the pattern model (one integer variable per
// feasible per-GPU profile multiset, found here by asking check() about every count vector) on 1,000+ random
// demands; the planner's objective must equal GLPK's optimum, and every plan is re-checked GPU by GPU.
#include <doctest/doctest.h>

#ifdef MIGCALC_HAVE_GLPK
#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <random>
#include <set>

#include "migcalc/plan/plan.hpp"
#include "test_plan_support.hpp"

using namespace migcalc;

namespace {

/// Every feasible count vector over `profiles` on an empty GPU (downward closed: stop raising a count once
/// check() refuses), by brute force through the single-GPU engine.
const std::vector<std::vector<int>>& feasibleVectors(const GpuModel& gpu, const std::vector<std::string>& profiles) {
  static std::map<std::pair<std::string, std::vector<std::string>>, std::vector<std::vector<int>>> cache;
  auto key = std::make_pair(gpu.key, profiles);
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  std::vector<std::vector<int>> out;
  std::vector<int> v(profiles.size(), 0);
  auto feasible = [&]() {
    CheckRequest r;
    for (size_t i = 0; i < v.size(); ++i)
      if (v[i] > 0) r.request.push_back({profiles[i], v[i]});
    auto c = check(gpu, r);
    REQUIRE(c.ok());
    return c->verdict == Verdict::Feasible;
  };
  std::function<void(size_t)> walk = [&](size_t i) {
    if (i == v.size()) {
      bool any = false;
      for (int c : v) any = any || c > 0;
      if (any) out.push_back(v);
      return;
    }
    for (int c = 0;; ++c) {
      v[i] = c;
      if (c > 0 && !feasible()) break;
      walk(i + 1);
    }
    v[i] = 0;
  };
  walk(0);
  // Keep the maximal vectors: the model covers demand (>=), so a vector below another adds nothing but symmetry.
  std::vector<std::vector<int>> maximal;
  for (const auto& a : out) {
    bool below = false;
    for (const auto& b : out) {
      bool geq = a != b;
      for (size_t i = 0; i < a.size() && geq; ++i) geq = b[i] >= a[i];
      below = below || geq;
    }
    if (!below) maximal.push_back(a);
  }
  return cache[key] = maximal;
}

struct GlpkAnswer {
  double cost = 0;
  long long unmet = 0;
  bool timed_out = false;  // GLPK's own time limit: the case is counted, not compared
};

/// min Σ cost·x + P·Σ unmet over all feasible multisets (x integer), flows y from profiles to demand items.
GlpkAnswer solveWithGlpk(const PlanInput& in, double penalty) {
  std::vector<std::string> names;  // demand items, labelled as the planner labels them
  std::vector<long long> counts;
  for (const auto& d : in.demand)
    names.push_back(d.model.empty() ? d.profile : d.profile + " (" + findGpu(d.model).value()->key + ")"),
        counts.push_back(d.count);
  for (const auto& w : in.workloads) names.push_back(w.name), counts.push_back(w.count);
  glp_prob* lp = glp_create_prob();
  glp_set_obj_dir(lp, GLP_MIN);
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0.0};
  std::map<std::pair<std::string, std::string>, int> supplyRow;
  auto newRow = [&](int type, double lo, double hi) {
    int r = glp_add_rows(lp, 1);
    glp_set_row_bnds(lp, r, type, lo, hi);
    return r;
  };
  auto newCol = [&](double cost, bool integer) {
    int c = glp_add_cols(lp, 1);
    glp_set_col_bnds(lp, c, GLP_LO, 0.0, 0.0);
    glp_set_obj_coef(lp, c, cost);
    if (integer) glp_set_col_kind(lp, c, GLP_IV);
    return c;
  };
  auto put = [&](int r, int c, double a) { ia.push_back(r), ja.push_back(c), ar.push_back(a); };
  std::map<std::string, std::vector<std::string>> used;  // model -> profiles some item may use
  std::vector<std::vector<std::pair<std::string, std::string>>> options(names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    options[i] = plan_test::optionsOf(in, names[i]);
    for (const auto& [m, p] : options[i]) used[m].push_back(p);
  }
  for (auto& [m, ps] : used) {
    std::sort(ps.begin(), ps.end());
    ps.erase(std::unique(ps.begin(), ps.end()), ps.end());
    for (const auto& p : ps) supplyRow[{m, p}] = newRow(GLP_LO, 0.0, 0.0);
  }
  for (const auto& item : in.gpus) {
    const GpuModel* gpu = findGpu(item.model).value();
    if (!used.count(gpu->key)) continue;
    const auto& ps = used[gpu->key];
    const auto& vectors = feasibleVectors(*gpu, ps);
    int limitRow = item.available ? newRow(GLP_UP, 0.0, static_cast<double>(*item.available)) : 0;
    for (const auto& v : vectors) {
      int c = newCol(item.cost.value_or(1.0), true);
      for (size_t k = 0; k < ps.size(); ++k)
        if (v[k] > 0) put(supplyRow[{gpu->key, ps[k]}], c, v[k]);
      if (limitRow) put(limitRow, c, 1.0);
    }
  }
  std::vector<int> unmetCols;
  for (size_t i = 0; i < names.size(); ++i) {
    int row = newRow(GLP_FX, static_cast<double>(counts[i]), static_cast<double>(counts[i]));
    for (const auto& o : options[i]) {
      int y = newCol(0.0, false);
      put(row, y, 1.0);
      put(supplyRow[o], y, -1.0);
    }
    int u = newCol(penalty, false);
    put(row, u, 1.0);
    unmetCols.push_back(u);
  }
  glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  glp_iocp parm;
  glp_init_iocp(&parm);
  parm.presolve = GLP_ON;
  parm.msg_lev = GLP_MSG_OFF;
  parm.tm_lim = 5000;
  int rc = glp_intopt(lp, &parm);
  GlpkAnswer a;
  if (rc == GLP_ETMLIM) {
    a.timed_out = true;
    glp_delete_prob(lp);
    return a;
  }
  REQUIRE(rc == 0);
  REQUIRE(glp_mip_status(lp) == GLP_OPT);
  for (int u : unmetCols) a.unmet += std::llround(glp_mip_col_val(lp, u));
  a.cost = glp_mip_obj_val(lp) - penalty * static_cast<double>(a.unmet);
  glp_delete_prob(lp);
  return a;
}

const std::vector<std::string> kModels = {"A30-24GB",       "A100-40GB",  "A100-80GB",        "H100-SXM5-80GB",
                                          "H200-SXM-141GB", "B200-180GB", "RTX-PRO-6000-96GB"};

PlanInput randomInput(std::mt19937& rng) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  PlanInput in;
  std::vector<std::string> models = kModels;
  std::shuffle(models.begin(), models.end(), rng);
  models.resize(static_cast<size_t>(pick(1, 3)));
  bool costs = pick(0, 2) == 0, limits = pick(0, 3) == 0;
  const double costChoices[] = {1.0, 1.5, 2.0, 2.5, 3.0, 4.0};
  for (const auto& m : models) {
    InventoryItem item{m, std::nullopt, std::nullopt};
    if (costs && pick(0, 3) > 0) item.cost = costChoices[pick(0, 5)];
    if (limits) item.available = pick(0, 4);
    in.gpus.push_back(item);
  }
  int items = pick(0, 5);
  std::set<std::string> seen;
  for (int i = 0; i < items; ++i) {
    if (pick(0, 2) == 0) {
      WorkloadDemand w;
      w.name = "w" + std::to_string(i);
      w.memory_gib = pick(1, 120);
      w.count = pick(1, 12);
      if (pick(0, 3) == 0) w.min_compute_slices = pick(1, 4);
      if (pick(0, 5) == 0) w.media = true;
      in.workloads.push_back(w);
    } else {
      const GpuModel* gpu = findGpu(models[static_cast<size_t>(pick(0, static_cast<int>(models.size()) - 1))]).value();
      const Profile& p = gpu->profiles[static_cast<size_t>(pick(0, static_cast<int>(gpu->profiles.size()) - 1))];
      std::string model = models.size() == 1 ? "" : gpu->key;
      if (!seen.insert(p.name + "|" + model).second) continue;
      in.demand.push_back({p.name, pick(1, 14), model});
    }
  }
  return in;
}

}  // namespace

TEST_SUITE("plan") {
  TEST_CASE("the planner's optimum equals GLPK's on 1,200 random demands across models") {
    std::mt19937 rng(20261125);
    int compared = 0, withUnmet = 0, withCosts = 0, glpkTimeouts = 0;
    for (int n = 0; n < 1200; ++n) {
      PlanInput in = randomInput(rng);
      CAPTURE(n);
      auto plan = planFleet(in);
      REQUIRE_MESSAGE(plan.ok(), plan.error().message);
      REQUIRE(plan->optimal);
      double ours = plan_test::verifyPlan(in, *plan);
      double spend = 1;
      long long total = 0;
      for (const auto& d : in.demand) total += d.count;
      for (const auto& w : in.workloads) total += w.count;
      for (const auto& g : in.gpus) spend += g.cost.value_or(1.0) * static_cast<double>(g.available.value_or(total));
      GlpkAnswer glpk = solveWithGlpk(in, spend);
      if (glpk.timed_out) {
        ++glpkTimeouts;
        continue;
      }
      long long unmet = 0;
      for (const auto& u : plan->unmet) unmet += u.count;
      CHECK(unmet == glpk.unmet);
      CHECK(ours == doctest::Approx(glpk.cost));
      CHECK(plan->lower_bound == doctest::Approx(glpk.cost));
      ++compared;
      withUnmet += unmet > 0 ? 1 : 0;
      withCosts += plan->costs_given ? 1 : 0;
    }
    CHECK(glpkTimeouts <= 12);  // at most 1% left unproven by GLPK itself
    CHECK(compared + glpkTimeouts == 1200);
    CHECK(withUnmet > 20);   // the random set does exercise limits
    CHECK(withCosts > 100);  // and costs
  }
}

#endif  // MIGCALC_HAVE_GLPK
