// The planner keeps compiled grids and per-GPU pattern lists between plans. A plan made with the cache full of
// other inputs (other models, profile sets, drivers, existing layouts) must equal the same plan made from an empty
// cache, and a profile a driver lacks must never come back from a pattern list kept for a newer driver.
#include <doctest/doctest.h>

#include <map>
#include <random>

#include "migcalc/model/catalog.hpp"
#include "migcalc/plan/plan.hpp"
#include "plan_patterns.hpp"

using namespace migcalc;

namespace {

std::string layoutText(const PlanResult& r) {
  std::string s = std::to_string(r.objective) + "/" + std::to_string(r.lower_bound) + ":";
  for (const auto& g : r.groups) {
    s += g.model + "x" + std::to_string(g.count) + (g.existing ? "E" : "") + "[";
    for (const auto& i : g.instances) s += i.profile + "@" + std::to_string(i.start) + (i.fixed ? "f" : "") + ",";
    s += "]";
  }
  for (const auto& u : r.unmet) s += " unmet " + u.demand + ":" + std::to_string(u.count);
  return s;
}

std::string planText(const PlanInput& in) {
  auto r = planFleet(in);
  return r ? layoutText(*r) : std::string("error ") + r.error().codeName() + ": " + r.error().message;
}

}  // namespace

TEST_CASE("a plan from the kept grids and patterns equals the plan from an empty cache") {
  // A model with a driver rule (profiles allowed together only from some driver on): the same demanded profiles
  // have other patterns under an older driver, so a list kept for the newer driver must not be reused.
  const GpuModel* gated = nullptr;
  const DriverRule* rule = nullptr;
  for (const auto& m : catalog()) {
    if (!m.placementsKnown()) continue;
    for (const auto& r : m.driver_rules)
      if (r.min_driver > m.min_driver && !rule) gated = &m, rule = &r;
  }
  REQUIRE(rule != nullptr);
  const int oldDriver = rule->min_driver - 1;
  std::mt19937 rng(4242);
  std::vector<PlanInput> inputs;
  const char* models[] = {"A100-80GB", "H100-SXM5-80GB", "A30-24GB"};
  for (int i = 0; i < 24; ++i) {
    PlanInput in;
    in.time_limit_s = 30;
    const GpuModel* g = i % 4 == 3 ? gated : findGpu(models[i % 3]).value();
    in.gpus = {{g->key, std::nullopt, std::nullopt}};
    in.driver = i % 4 == 3 && i % 8 == 7 ? oldDriver : 0;
    for (size_t p = 0; p < g->profiles.size(); ++p)
      if (rng() % 3 == 0) in.demand.push_back({g->profiles[p].name, static_cast<long long>(rng() % 9), ""});
    if (i % 4 == 3) {
      in.demand.clear();
      for (const auto& name : rule->together) in.demand.push_back({name, 3 + static_cast<long long>(rng() % 5), ""});
    }
    if (i % 5 == 1 && g->findProfile("1g.10gb") >= 0) in.existing.push_back({g->key, {{"1g.10gb", 0}}, 2});
    inputs.push_back(in);
  }
  // Warm: every input after all others have filled the cache (twice round).
  std::vector<std::string> warm(inputs.size());
  for (int round = 0; round < 2; ++round)
    for (size_t i = 0; i < inputs.size(); ++i) warm[i] = planText(inputs[i]);
  for (size_t i = 0; i < inputs.size(); ++i) {
    clearPlanCache();
    CAPTURE(i);
    CHECK(planText(inputs[i]) == warm[i]);
  }
  // The rule's demand planned under both drivers (new first, so its patterns are kept), then compared with cold
  // plans: they differ, and each equals its cold plan.
  PlanInput in;
  in.time_limit_s = 30;
  in.gpus = {{gated->key, std::nullopt, std::nullopt}};
  for (const auto& name : rule->together) in.demand.push_back({name, 7, ""});
  in.driver = 0;
  std::string newWarm = planText(in);
  in.driver = oldDriver;
  std::string oldWarm = planText(in);
  clearPlanCache();
  std::string oldCold = planText(in);
  CHECK(oldWarm == oldCold);
  CHECK(oldWarm != newWarm);
}
