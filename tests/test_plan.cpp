// The fleet planner: corner cases, real-MiB workload mapping, costs, existing GPUs, bad input, huge demands.
#include <doctest/doctest.h>

#include "migcalc/api/plan_request.hpp"
#include "migcalc/io/plan_json.hpp"
#include "migcalc/plan/plan.hpp"
#include "test_plan_support.hpp"

using namespace migcalc;

namespace {

PlanResult planOk(const PlanInput& in) {
  auto r = planFleet(in);
  REQUIRE_MESSAGE(r.ok(), r.error().code << ": " << r.error().message);
  plan_test::verifyPlan(in, *r);
  return *r;
}

Error planError(const std::string& text) {
  auto in = parsePlanInputText(text);
  if (!in) return in.error();
  auto r = planFleet(*in);
  REQUIRE_FALSE(r.ok());
  return r.error();
}

}  // namespace

TEST_SUITE("plan") {
  TEST_CASE("an empty demand needs no GPU and is proven optimal") {
    PlanInput in;
    in.gpus = {{"A100-80GB", std::nullopt, std::nullopt}};
    PlanResult p = planOk(in);
    CHECK(p.totals.gpus == 0);
    CHECK(p.groups.empty());
    CHECK(p.unmet.empty());
    CHECK(p.optimal);
  }

  TEST_CASE("a demand for full-GPU profiles takes one GPU each") {
    PlanInput in;
    in.gpus = {{"A100-80GB", std::nullopt, std::nullopt}};
    in.demand = {{"7g.80gb", 3, ""}, {"1g.10gb", 7, ""}};
    PlanResult p = planOk(in);
    // 3 GPUs are taken whole; the seven 1g need 7 of 7 compute slices of a fourth.
    CHECK(p.totals.gpus == 4);
    CHECK(p.lower_bound == 4);
    CHECK(p.optimal);
  }

  TEST_CASE("profile counts from the issue pack into the compute-slice bound") {
    PlanInput in;
    in.gpus = {{"A100-80GB", std::nullopt, std::nullopt}};
    in.demand = {{"1g.10gb", 40, ""}, {"2g.20gb", 12, ""}, {"3g.40gb", 6, ""}, {"7g.80gb", 2, ""}};
    PlanResult p = planOk(in);
    // 40 + 24 + 18 + 14 = 96 compute slices, 7 per GPU: at least 14 GPUs.
    CHECK(p.totals.gpus == 14);
    CHECK(p.optimal);
  }

  TEST_CASE("limits that are too small leave the rest unmet with a reason") {
    PlanInput in;
    in.gpus = {{"A100-80GB", 2, std::nullopt}};
    in.demand = {{"1g.10gb", 20, ""}};
    PlanResult p = planOk(in);
    CHECK(p.totals.gpus == 2);
    REQUIRE(p.unmet.size() == 1);
    CHECK(p.unmet[0].count == 6);  // 2 GPUs host 7 each
    CHECK(p.unmet[0].code == Code::INVENTORY_TOO_SMALL);
    CHECK(p.unmet[0].reason.find("at most 2") != std::string::npos);
  }

  TEST_CASE("a need no model offers is unmet, not an error") {
    PlanInput in;
    in.gpus = {{"A100-80GB", std::nullopt, std::nullopt}};
    in.workloads = {{"huge", 150, 2, std::nullopt, std::nullopt, false},
                    {"small", 5, 7, std::nullopt, std::nullopt, false}};
    PlanResult p = planOk(in);
    REQUIRE(p.unmet.size() == 1);
    CHECK(p.unmet[0].demand == "huge");
    CHECK(p.unmet[0].code == Code::NO_PROFILE);
    CHECK(p.totals.gpus == 1);
  }

  TEST_CASE("mixed +me requests respect the one-per-GPU cap of the media profile") {
    PlanInput in;
    in.gpus = {{"A100-80GB", std::nullopt, std::nullopt}};
    in.demand = {{"1g.10gb+me", 3, ""}, {"1g.10gb", 4, ""}};
    PlanResult p = planOk(in);
    // Seven 1g instances would fit one GPU, but 1g.10gb+me may exist once per GPU.
    CHECK(p.totals.gpus == 3);
    for (const auto& g : p.groups) {
      int me = 0;
      for (const auto& i : g.instances) me += i.profile == "1g.10gb+me" ? 1 : 0;
      CHECK(me <= 1);
    }
  }

  TEST_CASE("workloads are matched by the profile's real MiB, not the GB in its name") {
    PlanInput in;
    in.gpus = {{"A100-40GB", std::nullopt, std::nullopt}};
    // 1g.5gb has 4864 MiB = 4.75 GiB: a 4.8 GiB workload needs a 9856-MiB profile (1g.10gb or 2g.10gb).
    in.workloads = {{"just-over", 4.8, 7, std::nullopt, std::nullopt, false}};
    PlanResult over = planOk(in);
    for (const auto& a : over.assignments) CHECK(a.profile != "1g.5gb");
    CHECK(over.totals.gpus == 2);  // at most 4 instances of >= 9856 MiB per GPU (1g.10gb at 0,2,4,6)
    in.workloads = {{"just-under", 4.7, 7, std::nullopt, std::nullopt, false}};
    PlanResult under = planOk(in);
    CHECK(under.totals.gpus == 1);  // seven 1g.5gb
  }

  TEST_CASE("a workload's compute and media needs narrow its profiles") {
    PlanInput in;
    in.gpus = {{"A100-80GB", std::nullopt, std::nullopt}};  // its 1g.10gb has no decoder, 1g.10gb+me has one
    in.workloads = {{"wide", 5, 2, 3, std::nullopt, false}, {"video", 5, 2, std::nullopt, std::nullopt, true}};
    PlanResult p = planOk(in);
    for (const auto& a : p.assignments) {
      bool atLeast3g = a.profile.rfind("3g", 0) == 0 || a.profile.rfind("4g", 0) == 0 || a.profile.rfind("7g", 0) == 0;
      if (a.demand == "wide") CHECK(atLeast3g);
      if (a.demand == "video") CHECK(a.profile != "1g.10gb");
    }
  }

  TEST_CASE("with costs the cheapest mix wins, without costs the fewest GPUs") {
    PlanInput in;
    // 20 GiB = 20480 MiB: A30's 4g.24gb (24000 MiB) once per GPU; A100-80GB's 3g.40gb twice (its 20gb profiles have
    // 19968 MiB).
    in.workloads = {{"svc", 20, 10, std::nullopt, std::nullopt, false}};
    in.gpus = {{"A30-24GB", std::nullopt, 1.0}, {"A100-80GB", std::nullopt, 3.0}};
    PlanResult cheap = planOk(in);
    CHECK(cheap.totals.cost == doctest::Approx(10.0));  // 10 A30s (5 A100s would cost 15)
    in.gpus = {{"A30-24GB", std::nullopt, std::nullopt}, {"A100-80GB", std::nullopt, std::nullopt}};
    PlanResult few = planOk(in);
    CHECK(few.totals.gpus == 5);
    CHECK(few.optimal);
  }

  TEST_CASE("existing GPUs keep their instances and host new ones first") {
    PlanInput in;
    in.gpus = {{"H100-SXM5-80GB", std::nullopt, std::nullopt}};
    in.existing = {{"H100-SXM5-80GB", {{"3g.40gb", 4}}, 2}};
    in.demand = {{"2g.20gb", 4, ""}};
    PlanResult p = planOk(in);
    CHECK(p.totals.gpus == 0);  // 2g.20gb at 0 and 2 on each existing GPU
    for (const auto& g : p.groups) {
      CHECK(g.existing);
      bool kept = false;
      for (const auto& i : g.instances) kept = kept || (i.fixed && i.profile == "3g.40gb" && i.start == 4);
      CHECK(kept);
    }
  }

  TEST_CASE("a profile without a model applies to every inventory model that offers it") {
    PlanInput in;
    in.gpus = {{"A100-40GB", 1, std::nullopt}, {"H100-SXM5-80GB", std::nullopt, std::nullopt}};
    in.demand = {{"3g.40gb", 2, ""}, {"1g.5gb", 7, ""}};  // 3g.40gb exists only on the H100, 1g.5gb only on the A100
    PlanResult p = planOk(in);
    CHECK(p.totals.gpus == 2);
    CHECK(p.unmet.empty());
  }

  TEST_CASE("bad input names the item") {
    Error e = planError(R"({"demand":[{"profile":"1g.10gb","count":1}],"gpus":[{"model":"A100-99GB"}]})");
    CHECK(e.code == Code::UNKNOWN_GPU);
    CHECK(e.message.find("gpus[0]") != std::string::npos);
    e = planError(R"({"demand":[{"profile":"1g.11gb","count":1}],"gpus":[{"model":"A100-80GB"}]})");
    CHECK(e.code == Code::UNKNOWN_PROFILE);
    CHECK(e.message.find("demand[0]") != std::string::npos);
    CHECK(e.message.find("1g.10gb") != std::string::npos);  // a close name
    e = planError(R"({"demand":[{"profile":"1g.10gb","count":-3}],"gpus":[{"model":"A100-80GB"}]})");
    CHECK(e.code == Code::BAD_COUNT);
    e = planError(R"({"demand":[{"profile":"1g.10gb","count":"ten"}],"gpus":[{"model":"A100-80GB"}]})");
    CHECK(e.code == Code::BAD_COUNT);
    CHECK(e.message.find("demand[0]") != std::string::npos);
    e = planError(R"({"demand":[{"profile":"1g.10gb","count":1}],"gpus":[{"model":"A100-80GB"}],)");
    CHECK(e.code == Code::BAD_PLAN_FILE);
    e = planError(R"({"demand":[{"profile":"1g.10gb","count":1,"modle":"x"}],"gpus":[{"model":"A100-80GB"}]})");
    CHECK(e.message.find("modle") != std::string::npos);
    e = planError(
        R"({"demand":[{"profile":"1g.10gb","count":1,"model":"H100-SXM5-80GB"}],"gpus":[{"model":"A100-80GB"}]})");
    CHECK(e.code == Code::UNKNOWN_GPU);
    e = planError(R"({"demand":[],"gpus":[{"model":"A100-80GB","cost":-1}]})");
    CHECK(e.code == Code::BAD_COUNT);
    e = planError(
        R"({"demand":[],"gpus":[{"model":"H100-SXM5-80GB"}],"existing":[{"model":"H100-SXM5-80GB","instances":[{"profile":"3g.40gb","start":2}]}]})");
    CHECK(e.code == Code::BAD_EXISTING);
  }

  TEST_CASE("a profile the plan's driver cannot create names the driver it needs") {
    Error e = planError(
        R"({"demand":[{"profile":"1g.10gb","count":3,"model":"H100-SXM5-80GB"}],"gpus":[{"model":"H100-SXM5-80GB"}],"driver":"R470"})");
    CHECK(e.code == Code::DRIVER_TOO_OLD);
    CHECK(e.message ==
          "demand[0] (1g.10gb): 1g.10gb on H100-SXM5-80GB needs driver R525 or newer; the plan's driver is R470.");
    // The model runs under R510, but its 1g.20gb came with R525.
    e = planError(R"({"demand":[{"profile":"1g.20gb","count":1}],"gpus":[{"model":"A100-80GB"}],"driver":"R510"})");
    CHECK(e.code == Code::DRIVER_TOO_OLD);
    CHECK(e.message.find("1g.20gb on A100-80GB needs driver R525 or newer; the plan's driver is R510.") !=
          std::string::npos);
  }

  TEST_CASE("a huge demand over five models stays fast and proven optimal") {
    PlanInput in;
    in.gpus = {{"A100-80GB", std::nullopt, std::nullopt},
               {"H100-SXM5-80GB", std::nullopt, std::nullopt},
               {"A30-24GB", std::nullopt, std::nullopt},
               {"H200-SXM-141GB", std::nullopt, std::nullopt},
               {"A100-40GB", std::nullopt, std::nullopt}};
    in.demand = {{"1g.10gb", 40000, "A100-80GB"},      {"3g.40gb", 9999, "A100-80GB"},
                 {"2g.20gb", 20001, "H100-SXM5-80GB"}, {"1g.6gb", 10003, "A30-24GB"},
                 {"3g.71gb", 7777, "H200-SXM-141GB"},  {"1g.5gb", 12220, "A100-40GB"}};
    PlanResult p = planOk(in);
    CHECK(p.unmet.empty());
    CHECK(p.optimal);
    CHECK_FALSE(p.time_limit_hit);
    CHECK(p.nodes < 100);  // bounded work, measured in LP solves rather than wall-clock time (sanitizers, wasm)
  }

  TEST_CASE("a time limit returns the best plan so far with its bound") {
    PlanInput in;
    in.gpus = {{"A30-24GB", std::nullopt, 1.0},
               {"A100-40GB", std::nullopt, 1.5},
               {"A100-80GB", std::nullopt, 2.0},
               {"H100-SXM5-80GB", std::nullopt, 3.0},
               {"H200-SXM-141GB", std::nullopt, 4.5}};
    in.demand = {{"1g.6gb", 15, "A30-24GB"},
                 {"3g.20gb", 10, "A100-40GB"},
                 {"1g.10gb", 15, "A100-80GB"},
                 {"2g.20gb", 10, "H100-SXM5-80GB"}};
    in.workloads = {{"llm-8b", 18, 20, std::nullopt, std::nullopt, false},
                    {"llm-70b", 75, 15, std::nullopt, std::nullopt, false},
                    {"embed", 4, 15, std::nullopt, std::nullopt, false}};
    in.time_limit_s = 1e-6;
    PlanResult p = planOk(in);  // a valid, complete plan even so
    CHECK(p.unmet.empty());
    CHECK(p.time_limit_hit != p.optimal);  // either the dive was already optimal, or the limit is reported
    CHECK(p.lower_bound <= p.objective);
    CHECK(p.gap == doctest::Approx(p.objective - p.lower_bound));
  }

  TEST_CASE("a count beyond the limit is refused, not attempted") {
    Error e = planError(R"({"demand":[{"profile":"1g.10gb","count":99999999999}],"gpus":[{"model":"A100-80GB"}]})");
    CHECK(e.code == Code::BAD_COUNT);
  }

  TEST_CASE("compare plans the same demand on each model alone") {
    PlanInput in;
    in.gpus = {{"A100-80GB", std::nullopt, std::nullopt},
               {"H100-SXM5-80GB", std::nullopt, std::nullopt},
               {"A30-24GB", std::nullopt, std::nullopt}};
    in.workloads = {{"svc", 20, 10, std::nullopt, std::nullopt, false}};
    auto rows = compareModels(in);
    REQUIRE(rows.size() == 3);
    REQUIRE(rows[2].plan.ok());
    CHECK(rows[2].plan->totals.gpus == 10);  // A30: one 4g.24gb per GPU
    REQUIRE(rows[0].plan.ok());
    CHECK(rows[0].plan->totals.gpus == 5);  // A100-80GB: two 3g.40gb per GPU
    in.workloads.clear();
    in.demand = {{"1g.10gb", 7, ""}};  // exists on A100-80GB and H100, not on A30
    rows = compareModels(in);
    REQUIRE(rows[2].plan.ok());
    CHECK(rows[2].plan->unmet.size() == 1);
  }

  TEST_CASE("the JSON facade answers a plan and a comparison, or an error") {
    Json out = planFromJsonText(
        R"({"demand":[{"profile":"2g.20gb","count":3}],"gpus":[{"model":"A100-80GB"}],"compare":true})");
    REQUIRE(out.contains("plan"));
    CHECK(out["plan"]["total_gpus"] == 1);
    CHECK(out["plan"]["optimal"] == true);
    CHECK(out["plan"]["groups"][0]["instances"].size() == 3);
    CHECK(out["compare"].size() == 1);
    Json bad = planFromJsonText("{");
    CHECK(bad["error"]["code"] == "BAD_PLAN_FILE");
  }
}
