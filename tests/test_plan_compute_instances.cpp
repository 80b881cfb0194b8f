// The fleet planner with compute-instance demand (issue #11 item 9): "1c.3g.40gb" in a demand is packed into the
// fewest 3g.40gb GPU instances, those are planned, and the planned GPU instances carry their compute instances.
#include <doctest/doctest.h>

#include <map>
#include <string>

#include "migcalc/api/export_request.hpp"
#include "migcalc/engine/check.hpp"
#include "migcalc/engine/compute_instances.hpp"
#include "migcalc/io/plan_json.hpp"
#include "migcalc/model/catalog.hpp"
#include "migcalc/plan/plan.hpp"

using namespace migcalc;

namespace {

/// Compute instances per CI profile over the whole plan (group counts included); each GPU instance's compute
/// instances fit it (compute slices and per-GI counts) and each GPU's layout passes check().
std::map<std::string, long long> computeInstancesIn(const PlanResult& plan) {
  std::map<std::string, long long> out;
  for (const auto& g : plan.groups) {
    const GpuModel* gpu = findGpu(g.model).value();
    CheckRequest layout;
    for (const auto& i : g.instances) {
      layout.fixed.push_back({i.profile, i.start});
      int slices = 0;
      std::map<std::string, int> perGi;
      for (const auto& ci : i.compute_instances) {
        auto split = splitCiProfile(ci.profile);
        REQUIRE(split);
        CHECK(split->gi == i.profile);
        auto info = ciProfileInfo(*gpu, split->gi, split->c);
        REQUIRE(info.ok());
        CHECK(++perGi[ci.profile] <= info->per_gi);
        slices += ci.compute_slices;
        out[ci.profile] += g.count;
      }
      CHECK(slices <= i.compute_slices);
    }
    auto r = check(*gpu, layout);
    REQUIRE(r.ok());
    CHECK(r->verdict == Verdict::Feasible);
  }
  return out;
}

}  // namespace

TEST_SUITE("plan with compute instances") {
  TEST_CASE("1c and 2c compute instances are planned as the fewest 3g.40gb GPU instances, each carrying its split") {
    PlanInput in;
    in.demand = {{"1c.3g.40gb", 6, ""}, {"2c.3g.40gb", 2, ""}, {"3g.40gb", 1, ""}, {"1g.10gb", 3, ""}};
    in.gpus = {{"H100-SXM5-80GB", std::nullopt, std::nullopt}};
    auto plan = planFleet(in);
    REQUIRE_MESSAGE(plan.ok(), plan.error().message);
    CHECK(plan->unmet.empty());
    CHECK(plan->optimal);
    CHECK(plan->totals.gpus == 3);  // 6 + 4 compute slices in four 3g GIs, the asked 3g: 5 GIs, 2 per GPU
    auto cis = computeInstancesIn(*plan);
    CHECK(cis["1c.3g.40gb"] == 6);
    CHECK(cis["2c.3g.40gb"] == 2);
    long long gis = 0, split = 0;
    for (const auto& g : plan->groups)
      for (const auto& i : g.instances)
        if (i.profile == "3g.40gb") gis += g.count, split += i.compute_instances.empty() ? 0 : g.count;
    CHECK(gis == 5);
    CHECK(split == 4);
    bool noted = false;
    for (const auto& n : plan->notes) noted = noted || n.find("make 5 \u00d7 3g.40gb GPU instances") != n.npos;
    CHECK(noted);
    // The plan's JSON carries the compute instances of each split GPU instance.
    Json j = planJson(*plan);
    long long inJson = 0;
    for (const auto& g : j["groups"])
      for (const auto& i : g["instances"])
        if (i.contains("compute_instances")) inJson += g["count"].get<long long>() * i["compute_instances"].size();
    CHECK(inJson == 8);
  }

  TEST_CASE("many GPUs of one layout: only as many GPUs as the split GPU instances need are told apart") {
    PlanInput in;
    in.demand = {{"1c.7g.80gb", 3, "A100-80GB"}, {"7g.80gb", 40, "A100-80GB"}};
    in.gpus = {{"A100-80GB", std::nullopt, std::nullopt}};
    auto plan = planFleet(in);
    REQUIRE_MESSAGE(plan.ok(), plan.error().message);
    CHECK(plan->totals.gpus == 41);  // the three 1c share one 7g GPU instance
    CHECK(computeInstancesIn(*plan)["1c.7g.80gb"] == 3);
    CHECK(plan->groups.size() == 2);  // 40 undivided, 1 split
  }

  TEST_CASE("compute-instance demand errors name the demand and what is valid") {
    PlanInput in;
    in.gpus = {{"H100-SXM5-80GB", std::nullopt, std::nullopt}};
    in.demand = {{"3c.4g.40gb", 1, ""}};  // a 4g GPU instance has no 3-slice compute instance
    auto bad = planFleet(in);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == Code::BAD_CI_PROFILE);
    CHECK(bad.error().message.find("demand (4g.40gb)") == 0);
    in.demand = {{"1c.3g.40gb", 20000, ""}};
    auto many = planFleet(in);
    REQUIRE_FALSE(many.ok());
    CHECK(many.error().code == Code::BAD_COUNT);
    CHECK(many.error().message.find("10000") != std::string::npos);
    in.demand = {{"1c.3g.40gb", -1, ""}};
    CHECK(planFleet(in).error().code == Code::BAD_COUNT);
    in.demand = {{"1c.9g.40gb", 1, ""}};  // no such GPU instance: the planner names the profile
    CHECK(planFleet(in).error().code == Code::UNKNOWN_PROFILE);
  }

  TEST_CASE("a model-less compute-instance demand packs the same on every model that offers the GPU instance") {
    PlanInput in;
    in.demand = {{"1c.3g.40gb", 4, ""}};
    in.gpus = {{"H100-SXM5-80GB", std::nullopt, 2.0}, {"H100-PCIe-80GB", std::nullopt, 1.0}};
    auto plan = planFleet(in);
    REQUIRE_MESSAGE(plan.ok(), plan.error().message);
    CHECK(plan->totals.gpus == 1);
    CHECK(plan->groups.at(0).model == "H100-PCIe-80GB");  // the cheaper one
    CHECK(computeInstancesIn(*plan)["1c.3g.40gb"] == 4);
    auto rows = compareModels(in);
    REQUIRE(rows.size() == 2);
    for (const auto& row : rows) {
      REQUIRE(row.plan.ok());
      CHECK(computeInstancesIn(*row.plan)["1c.3g.40gb"] == 4);
    }
  }
}

TEST_SUITE("plan with compute instances") {
  TEST_CASE("the fleet export creates the planned compute instances, from the plan and from its JSON") {
    PlanInput in;
    in.demand = {{"1c.3g.40gb", 4, ""}, {"2c.3g.40gb", 1, ""}};
    in.gpus = {{"H100-SXM5-80GB", std::nullopt, std::nullopt}};
    auto plan = planFleet(in);
    REQUIRE(plan.ok());
    auto direct = exportFleetFromJson(planJson(*plan).dump(), "nvidia-smi", 1);
    REQUIRE_MESSAGE(direct.ok(), direct.error().message);
    std::string script = (*direct)["text"].get<std::string>();
    CHECK(script.find("-cci 2c.3g.40gb,1c.3g.40gb") != std::string::npos);
    CHECK(script.find("-cci 1c.3g.40gb,1c.3g.40gb,1c.3g.40gb") != std::string::npos);
    // A plan file whose compute instances do not fit or belong elsewhere is refused, naming the place.
    std::string tooMany =
        R"({"groups": [{"model": "H100-SXM5-80GB", "count": 1, "instances": [{"profile": "3g.40gb", "start": 4,)"
        R"( "compute_instances": [{"profile": "2c.3g.40gb"}, {"profile": "2c.3g.40gb"}]}]}]})";
    auto over = exportFleetFromJson(tooMany, "nvidia-smi", 1);
    REQUIRE_FALSE(over.ok());
    CHECK(over.error().message.find("holds at most 1") != std::string::npos);
    std::string elsewhere =
        R"({"groups": [{"model": "H100-SXM5-80GB", "count": 1, "instances": [{"profile": "3g.40gb", "start": 4,)"
        R"( "compute_instances": [{"profile": "1c.4g.40gb"}]}]}]})";
    auto wrong = exportFleetFromJson(elsewhere, "nvidia-smi", 1);
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().message.find("groups[0].instances[0].compute_instances[0].profile") == 0);
  }
}
