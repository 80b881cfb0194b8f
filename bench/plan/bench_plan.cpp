// Fleet planner benchmark: migcalc's planner vs GLPK on the same pattern model vs first-fit-decreasing,
// for 10, 100, 1k, 10k and 100k instances. Prints a Markdown table (GPUs used and time).
// Run: build-bench/bench/plan/migcalc_bench_plan [--no-glpk] [--glpk-limit SECONDS]
#include <glpk.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "migcalc/engine/grid.hpp"
#include "migcalc/model/catalog.hpp"
#include "migcalc/plan/plan.hpp"
#include "plan_patterns.hpp"

using namespace migcalc;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

struct Scenario {
  std::string name;
  PlanInput input;
};

/// Split n instances over weights (largest remainder), so every size keeps the same mix.
std::vector<long long> split(long long n, const std::vector<double>& w) {
  double sum = 0;
  for (double x : w) sum += x;
  std::vector<long long> out;
  long long given = 0;
  for (double x : w)
    out.push_back(static_cast<long long>(std::floor(static_cast<double>(n) * x / sum))), given += out.back();
  for (size_t i = 0; given < n; i = (i + 1) % out.size()) ++out[i], ++given;
  return out;
}

std::vector<Scenario> scenarios(long long n) {
  std::vector<Scenario> out;
  {
    Scenario s{"A100-80GB profile mix", {}};
    s.input.gpus = {{"A100-80GB", std::nullopt, std::nullopt}};
    const char* p[] = {"1g.10gb", "1g.10gb+me", "1g.20gb", "2g.20gb", "3g.40gb", "4g.40gb", "7g.80gb"};
    auto c = split(n, {30, 3, 10, 20, 15, 5, 4});
    for (size_t i = 0; i < c.size(); ++i) s.input.demand.push_back({p[i], c[i], ""});
    out.push_back(s);
  }
  {
    Scenario s{"H100 workloads by memory", {}};
    s.input.gpus = {{"H100-SXM5-80GB", std::nullopt, std::nullopt}};
    auto c = split(n, {40, 25, 20, 10, 5});
    double mem[] = {6, 12, 19.6, 30, 70};
    for (size_t i = 0; i < c.size(); ++i)
      s.input.workloads.push_back({"svc" + std::to_string(i), mem[i], c[i], std::nullopt, std::nullopt, i == 1});
    out.push_back(s);
  }
  {
    Scenario s{"5 models, costs, mixed", {}};
    s.input.gpus = {{"A30-24GB", std::nullopt, 1.0},
                    {"A100-40GB", std::nullopt, 1.5},
                    {"A100-80GB", std::nullopt, 2.0},
                    {"H100-SXM5-80GB", std::nullopt, 3.0},
                    {"H200-SXM-141GB", std::nullopt, 4.5}};
    auto c = split(n, {15, 10, 15, 10, 20, 15, 15});
    s.input.demand = {{"1g.6gb", c[0], "A30-24GB"},
                      {"3g.20gb", c[1], "A100-40GB"},
                      {"1g.10gb", c[2], "A100-80GB"},
                      {"2g.20gb", c[3], "H100-SXM5-80GB"}};
    s.input.workloads = {{"llm-8b", 18, c[4], std::nullopt, std::nullopt, false},
                         {"llm-70b", 75, c[5], std::nullopt, std::nullopt, false},
                         {"embed", 4, c[6], std::nullopt, std::nullopt, false}};
    out.push_back(s);
  }
  return out;
}

struct Option {
  int model;
  int profile;
};

/// Which (model, profile) may serve each demand item, as the planner maps them (needs re-derived here).
std::vector<std::pair<long long, std::vector<Option>>> demandOptions(const PlanInput& in,
                                                                     std::vector<const GpuModel*>& models) {
  models.clear();
  for (const auto& g : in.gpus) models.push_back(findGpu(g.model).value());
  std::vector<std::pair<long long, std::vector<Option>>> out;
  for (const auto& d : in.demand) {
    std::vector<Option> o;
    for (size_t m = 0; m < models.size(); ++m)
      if ((d.model.empty() || models[m]->key == d.model) && models[m]->findProfile(d.profile) >= 0)
        o.push_back({static_cast<int>(m), models[m]->findProfile(d.profile)});
    out.emplace_back(d.count, o);
  }
  for (const auto& w : in.workloads) {
    std::vector<Option> o;
    for (size_t m = 0; m < models.size(); ++m)
      for (size_t p = 0; p < models[m]->profiles.size(); ++p) {
        const Profile& pr = models[m]->profiles[p];
        bool ok = pr.memory_mib && *pr.memory_mib >= w.memory_gib * 1024.0 &&
                  (!w.media || (pr.engines.dec && *pr.engines.dec > 0));
        if (ok) o.push_back({static_cast<int>(m), static_cast<int>(p)});
      }
    out.emplace_back(w.count, o);
  }
  return out;
}

struct Outcome {
  double objective = 0;
  long long gpus = 0;
  double ms = 0;
  bool proven = false;
};

/// GLPK on the pattern model: the same maximal per-GPU multisets the planner uses, integer counts, flows to demand.
Outcome runGlpk(const PlanInput& in, double limitSeconds) {
  auto t0 = Clock::now();
  std::vector<const GpuModel*> models;
  auto items = demandOptions(in, models);
  glp_prob* lp = glp_create_prob();
  glp_set_obj_dir(lp, GLP_MIN);
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0.0};
  std::map<std::pair<int, int>, int> supplyRow;
  std::vector<std::vector<int>> relevant(models.size());
  for (const auto& [count, opts] : items)
    for (const auto& o : opts) relevant[static_cast<size_t>(o.model)].push_back(o.profile);
  std::vector<int> patternCols;
  std::vector<int> patternModel;
  for (size_t m = 0; m < models.size(); ++m) {
    auto& r = relevant[m];
    std::sort(r.begin(), r.end());
    r.erase(std::unique(r.begin(), r.end()), r.end());
    if (r.empty()) continue;
    for (int p : r) {
      int row = glp_add_rows(lp, 1);
      glp_set_row_bnds(lp, row, GLP_LO, 0, 0);
      supplyRow[{static_cast<int>(m), p}] = row;
    }
    Grid grid = compileGrid(*models[m], 0);
    auto pats = planPatterns(*models[m], grid, r, {});
    for (const auto& pat : *pats) {
      int c = glp_add_cols(lp, 1);
      glp_set_col_bnds(lp, c, GLP_LO, 0, 0);
      glp_set_col_kind(lp, c, GLP_IV);
      glp_set_obj_coef(lp, c, in.gpus[m].cost.value_or(1.0));
      patternCols.push_back(c);
      patternModel.push_back(static_cast<int>(m));
      for (size_t k = 0; k < r.size(); ++k)
        if (pat.counts[k] > 0)
          ia.push_back(supplyRow[{static_cast<int>(m), r[k]}]), ja.push_back(c), ar.push_back(pat.counts[k]);
    }
  }
  for (const auto& [count, opts] : items) {
    int row = glp_add_rows(lp, 1);
    glp_set_row_bnds(lp, row, GLP_LO, static_cast<double>(count), 0);
    for (const auto& o : opts) {
      int c = glp_add_cols(lp, 1);
      glp_set_col_bnds(lp, c, GLP_LO, 0, 0);
      ia.push_back(row), ja.push_back(c), ar.push_back(1.0);
      ia.push_back(supplyRow[{o.model, o.profile}]), ja.push_back(c), ar.push_back(-1.0);
    }
  }
  glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  glp_iocp parm;
  glp_init_iocp(&parm);
  parm.presolve = GLP_ON;
  parm.msg_lev = GLP_MSG_OFF;
  parm.tm_lim = static_cast<int>(limitSeconds * 1000);
  int rc = glp_intopt(lp, &parm);
  Outcome o;
  o.proven = rc == 0 && glp_mip_status(lp) == GLP_OPT;
  o.objective = glp_mip_obj_val(lp);
  for (size_t k = 0; k < patternCols.size(); ++k) o.gpus += std::llround(glp_mip_col_val(lp, patternCols[k]));
  glp_delete_prob(lp);
  o.ms = msSince(t0);
  return o;
}

/// First-fit-decreasing: each instance takes the smallest profile that serves it on the first model offering one,
/// largest first, into the first open GPU of that model with room (else a new GPU).
Outcome runFfd(const PlanInput& in) {
  auto t0 = Clock::now();
  std::vector<const GpuModel*> models;
  auto items = demandOptions(in, models);
  std::vector<Grid> grids;
  for (const auto* m : models) grids.push_back(compileGrid(*m, 0));
  struct Want {
    int model, profile;
    long long count;
  };
  std::vector<Want> wants;
  for (const auto& [count, opts] : items) {
    if (opts.empty() || count == 0) continue;
    int m = opts.front().model;
    const Option* best = nullptr;
    for (const auto& o : opts) {
      if (o.model != m) continue;
      const Profile& p = models[static_cast<size_t>(m)]->profiles[static_cast<size_t>(o.profile)];
      if (!best ||
          p.compute_slices <
              models[static_cast<size_t>(m)]->profiles[static_cast<size_t>(best->profile)].compute_slices ||
          (p.compute_slices ==
               models[static_cast<size_t>(m)]->profiles[static_cast<size_t>(best->profile)].compute_slices &&
           p.memory_mib.value_or(0) <
               models[static_cast<size_t>(m)]->profiles[static_cast<size_t>(best->profile)].memory_mib.value_or(0)))
        best = &o;
    }
    wants.push_back({m, best->profile, count});
  }
  std::stable_sort(wants.begin(), wants.end(), [&](const Want& a, const Want& b) {
    const Profile& pa = models[static_cast<size_t>(a.model)]->profiles[static_cast<size_t>(a.profile)];
    const Profile& pb = models[static_cast<size_t>(b.model)]->profiles[static_cast<size_t>(b.profile)];
    return std::make_pair(pa.size, pa.compute_slices) > std::make_pair(pb.size, pb.compute_slices);
  });
  std::vector<std::vector<LayoutState>> gpus(models.size());
  std::map<std::pair<int, int>, size_t> firstMaybe;  // GPUs before this index cannot take the profile any more
  Outcome o;
  for (const auto& w : wants) {
    const Grid& g = grids[static_cast<size_t>(w.model)];
    auto& list = gpus[static_cast<size_t>(w.model)];
    size_t& from = firstMaybe[{w.model, w.profile}];
    for (long long k = 0; k < w.count; ++k) {
      bool placed = false;
      for (size_t i = from; i < list.size() && !placed; ++i) {
        for (size_t pl = 0; pl < g.profiles[static_cast<size_t>(w.profile)].masks.size(); ++pl)
          if (canAdd(g, list[i], w.profile, static_cast<int>(pl))) {
            add(g, list[i], w.profile, static_cast<int>(pl));
            placed = true;
            break;
          }
        if (!placed) from = i + 1;
      }
      if (!placed) {
        list.push_back(emptyState(g));
        for (size_t pl = 0; pl < g.profiles[static_cast<size_t>(w.profile)].masks.size(); ++pl)
          if (canAdd(g, list.back(), w.profile, static_cast<int>(pl))) {
            add(g, list.back(), w.profile, static_cast<int>(pl));
            break;
          }
      }
    }
  }
  for (size_t m = 0; m < models.size(); ++m) {
    o.gpus += static_cast<long long>(gpus[m].size());
    o.objective += in.gpus[m].cost.value_or(1.0) * static_cast<double>(gpus[m].size());
  }
  o.ms = msSince(t0);
  return o;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  bool glpk = true;
  double glpkLimit = 60;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--no-glpk")) glpk = false;
    if (!std::strcmp(argv[i], "--glpk-limit") && i + 1 < argc) glpkLimit = std::atof(argv[++i]);
  }
  glp_term_out(GLP_OFF);
  std::printf(
      "| scenario | instances | ours: objective (GPUs) | ours: bound, gap | ours: median ms | ours: first run ms | "
      "GLPK: objective (GPUs) | GLPK ms | speed-up (median, first run) | FFD: objective (GPUs) | FFD ms | FFD extra "
      "GPUs |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (long long n : {10LL, 100LL, 1000LL, 10000LL, 100000LL}) {
    for (const auto& s : scenarios(n)) {
      std::vector<double> times;
      PlanResult last;
      // The first run starts from an empty grid and pattern cache; the 7 timed runs after it reuse them, as the
      // page and --compare do when they plan the same models again.
      clearPlanCache();
      double first = 0;
      for (int rep = -1; rep < 7; ++rep) {
        auto r = planFleet(s.input);
        if (!r) {
          std::fprintf(stderr, "%s: %s\n", s.name.c_str(), r.error().message.c_str());
          return 2;
        }
        if (rep < 0)
          first = r->solve_ms;
        else
          times.push_back(r->solve_ms);
        last = *r;
      }
      Outcome f = runFfd(s.input);
      Outcome g;
      if (glpk) g = runGlpk(s.input, glpkLimit);
      double ours = median(times);
      std::printf("| %s | %lld | %g (%lld) | %g, %g%s | %.2f | %.2f | ", s.name.c_str(), n, last.objective,
                  last.totals.gpus, last.lower_bound, last.gap, last.unmet.empty() ? "" : " UNMET", ours, first);
      if (glpk)
        std::printf("%g (%lld)%s | %.1f | %.0fx, %.0fx | ", g.objective, g.gpus, g.proven ? "" : " not proven", g.ms,
                    g.ms / std::max(ours, 1e-3), g.ms / std::max(first, 1e-3));
      else
        std::printf("- | - | - | ");
      std::printf("%g (%lld) | %.2f | %lld |\n", f.objective, f.gpus, f.ms, f.gpus - last.totals.gpus);
      std::fflush(stdout);
    }
  }
  return 0;
}
