// Demands up to the limit of a billion instances: the warm-started LP must stay exact at that scale (a plan
// that covers the demand, re-checked GPU by GPU, proven optimal), and ten times the demand never costs more than
// ten copies of the smaller plan.
#include <doctest/doctest.h>

#include "migcalc/plan/plan.hpp"
#include "test_plan_support.hpp"

using namespace migcalc;

namespace {

PlanInput mixed(long long unit) {
  PlanInput in;
  in.time_limit_s = 60;
  in.gpus = {{"A30-24GB", std::nullopt, 1.0},
             {"A100-40GB", std::nullopt, 1.5},
             {"A100-80GB", std::nullopt, 2.0},
             {"H100-SXM5-80GB", std::nullopt, 3.0},
             {"H200-SXM-141GB", std::nullopt, 4.5}};
  in.demand = {{"1g.6gb", 15 * unit + 1, "A30-24GB"},
               {"3g.20gb", 10 * unit, "A100-40GB"},
               {"1g.10gb", 15 * unit + 3, "A100-80GB"},
               {"2g.20gb", 10 * unit, "H100-SXM5-80GB"}};
  in.workloads = {{"llm-8b", 18, 20 * unit + 1, std::nullopt, std::nullopt, false},
                  {"llm-70b", 75, 15 * unit, std::nullopt, std::nullopt, false},
                  {"embed", 4, 14 * unit - 1, std::nullopt, std::nullopt, false}};
  return in;
}

PlanInput single(long long unit) {
  PlanInput in;
  in.time_limit_s = 60;
  in.gpus = {{"A100-80GB", std::nullopt, std::nullopt}};
  in.demand = {{"1g.10gb", 30 * unit + 1, ""}, {"1g.20gb", 10 * unit, ""}, {"2g.20gb", 20 * unit + 1, ""},
               {"3g.40gb", 15 * unit, ""},     {"4g.40gb", 5 * unit, ""},  {"7g.80gb", 4 * unit + 1, ""}};
  return in;
}

}  // namespace

TEST_CASE("plans of up to a billion instances stay exact") {
  // 5 models with costs up to ~100 million instances (at a billion the search does not finish in seconds: see
  // the next case), one model up to ~840 million.
  for (auto [make, largest] : {std::make_pair(mixed, 1'000'000LL), std::make_pair(single, 10'000'000LL)}) {
    double previous = 0;
    for (long long unit = 10'000; unit <= largest; unit *= 10) {
      PlanInput in = make(unit);
      CAPTURE(unit);
      auto plan = planFleet(in);
      REQUIRE_MESSAGE(plan.ok(), plan.error().message);
      CHECK(plan->unmet.empty());
      CHECK(plan->optimal);
      CHECK(plan->gap == 0);
      CHECK_FALSE(plan->time_limit_hit);
      double objective = plan_test::verifyPlan(in, *plan);
      CHECK(objective == doctest::Approx(plan->objective));
      if (previous > 0) CHECK(objective <= 10 * previous + 1e-6);
      previous = objective;
    }
  }
}

TEST_CASE("a plan stopped by its time limit reports its gap, never a rounded-away one") {
  // 5 models with costs at ~a billion instances: the search needs far more than the limit given here.
  PlanInput in = mixed(10'000'000);
  in.time_limit_s = 0.3;
  auto plan = planFleet(in);
  REQUIRE(plan.ok());
  plan_test::verifyPlan(in, *plan);
  if (plan->time_limit_hit && plan->lower_bound < plan->objective) {
    CHECK_FALSE(plan->optimal);
    CHECK(plan->gap == doctest::Approx(plan->objective - plan->lower_bound));
    CHECK(plan->gap > 0);
  } else {
    CHECK(plan->gap == 0);
  }
}
