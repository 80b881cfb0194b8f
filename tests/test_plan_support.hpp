// Helpers for the fleet planner's tests: an independent re-check of a plan with the single-GPU engine, and the
// demand's options (which profiles may serve which demand item), re-derived from the catalog.
#pragma once
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "migcalc/engine/check.hpp"
#include "migcalc/model/catalog.hpp"
#include "migcalc/plan/plan.hpp"

namespace plan_test {

using namespace migcalc;

/// The (model key, profile name) pairs that may serve demand item `name` (profile demand or workload).
inline std::vector<std::pair<std::string, std::string>> optionsOf(const PlanInput& in, const std::string& name) {
  std::vector<std::pair<std::string, std::string>> out;
  std::vector<const GpuModel*> inventory;
  for (const auto& g : in.gpus) inventory.push_back(findGpu(g.model).value());
  for (const auto& d : in.demand) {
    std::string label = d.model.empty() ? d.profile : d.profile + " (" + findGpu(d.model).value()->key + ")";
    if (label != name) continue;
    for (const GpuModel* g : inventory)
      if ((d.model.empty() || g->key == findGpu(d.model).value()->key) && g->findProfile(d.profile) >= 0)
        out.emplace_back(g->key, d.profile);
  }
  for (const auto& w : in.workloads) {
    if (w.name != name) continue;
    for (const GpuModel* g : inventory)
      for (const auto& p : g->profiles) {
        bool ok = p.memory_mib && *p.memory_mib >= w.memory_gib * 1024.0;
        ok = ok && (!w.min_compute_slices || p.compute_slices >= *w.min_compute_slices);
        ok = ok && (!w.min_sms || (p.sm && *p.sm >= *w.min_sms));
        ok = ok && (!w.media || (p.engines.dec && *p.engines.dec > 0));
        if (ok) out.emplace_back(g->key, p.name);
      }
  }
  return out;
}

/// Re-check a plan: every layout with check(), the assignments against the GPUs' instances and the demand,
/// the totals and the bound. Returns the objective recomputed from the groups.
inline double verifyPlan(const PlanInput& in, const PlanResult& plan) {
  std::map<std::pair<std::string, std::string>, long long> supply, assigned;
  long long gpus = 0;
  double cost = 0;
  std::map<std::string, long long> perModel;
  for (const auto& g : plan.groups) {
    const GpuModel* gpu = findGpu(g.model).value();
    CheckRequest placed, counted;
    std::map<std::string, long long> counts;
    for (const auto& i : g.instances) {
      placed.fixed.push_back({i.profile, i.start});
      if (i.fixed)
        counted.fixed.push_back({i.profile, i.start});
      else
        counts[i.profile]++;
    }
    for (const auto& [p, n] : counts) counted.request.push_back({p, n});
    auto a = check(*gpu, placed);
    REQUIRE(a.ok());
    CHECK_MESSAGE(a->verdict == Verdict::Feasible, g.model << " layout rejected by check()");
    auto b = check(*gpu, counted);
    REQUIRE(b.ok());
    CHECK(b->verdict == Verdict::Feasible);
    CHECK(g.count >= 1);
    for (const auto& [p, n] : counts) supply[{gpu->key, p}] += n * g.count;
    if (!g.existing) {
      gpus += g.count;
      perModel[gpu->key] += g.count;
      double c = 1;
      for (const auto& item : in.gpus)
        if (findGpu(item.model).value()->key == gpu->key && item.cost) c = *item.cost;
      cost += c * static_cast<double>(g.count);
    }
  }
  for (const auto& item : in.gpus)
    if (item.available) CHECK(perModel[findGpu(item.model).value()->key] <= *item.available);
  std::map<std::string, long long> served;
  for (const auto& a : plan.assignments) {
    auto opts = optionsOf(in, a.demand);
    bool allowed = false;
    for (const auto& o : opts) allowed = allowed || (o.first == a.model && o.second == a.profile);
    CHECK_MESSAGE(allowed, a.demand << " may not use " << a.model << " " << a.profile);
    assigned[{a.model, a.profile}] += a.count;
    served[a.demand] += a.count;
  }
  for (const auto& entry : assigned) CHECK(entry.second <= supply[entry.first]);
  std::map<std::string, long long> asked;
  for (const auto& d : in.demand)
    asked[d.model.empty() ? d.profile : d.profile + " (" + findGpu(d.model).value()->key + ")"] += d.count;
  for (const auto& w : in.workloads) asked[w.name] += w.count;
  for (const auto& u : plan.unmet) served[u.demand] += u.count;
  for (const auto& entry : asked)
    CHECK_MESSAGE(served[entry.first] == entry.second, entry.first << ": served + unmet != asked");
  CHECK(plan.totals.gpus == gpus);
  CHECK(plan.totals.cost == doctest::Approx(cost));
  CHECK(plan.lower_bound <= plan.objective + 1e-9);
  if (plan.optimal) CHECK(plan.gap == 0);
  return plan.costs_given ? cost : static_cast<double>(gpus);
}

}  // namespace plan_test
