// Fleet exports: one layout per group of identical GPUs from a plan, one mig-parted config per distinct layout,
// resources summed over the fleet, and the single strategy checked per node.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <string>

#include "migcalc/api/export_request.hpp"
#include "migcalc/api/plan_request.hpp"
#include "migcalc/export/export_fleet.hpp"
#include "migcalc/interop/mig_parted.hpp"
#include "migcalc/io/plan_json.hpp"
#include "migcalc/model/catalog.hpp"

using namespace migcalc;

namespace {

const std::string kPlanInput =
    R"({"demand": [{"profile": "3g.40gb", "count": 3}, {"profile": "1g.10gb", "count": 5}, {"profile": "2g.20gb", "count": 2}],
        "gpus": [{"model": "H100-SXM5-80GB"}]})";

FleetLayout fleetOf(const std::string& text) {
  auto f = fleetFromPlanText(text);
  REQUIRE_MESSAGE(f.ok(), f.error().message);
  return *f;
}

std::map<std::string, long long> demandServed(const FleetLayout& fleet) {
  std::map<std::string, long long> m;
  for (const auto& g : fleet.groups)
    for (const auto& p : g.layout.created) m[p.instance.profile] += g.count;
  return m;
}

}  // namespace

TEST_SUITE("export_fleet") {
  TEST_CASE("a plan input is solved and every group becomes a layout that serves the whole demand") {
    FleetLayout fleet = fleetOf(kPlanInput);
    REQUIRE_FALSE(fleet.groups.empty());
    auto served = demandServed(fleet);
    CHECK(served["3g.40gb"] >= 3);
    CHECK(served["1g.10gb"] >= 5);
    CHECK(served["2g.20gb"] >= 2);
    for (const auto& g : fleet.groups) CHECK(g.layout.result.verdict == Verdict::Feasible);
  }

  TEST_CASE("the plan's JSON answer gives the same groups as the plan input") {
    auto input = parsePlanInputText(kPlanInput);
    REQUIRE(input.ok());
    auto plan = planFleet(*input);
    REQUIRE(plan.ok());
    FleetLayout fromJson = fleetOf(planJson(*plan).dump());
    FleetLayout direct = *fleetFromPlan(*plan);
    REQUIRE(fromJson.groups.size() == direct.groups.size());
    for (size_t i = 0; i < direct.groups.size(); ++i) {
      CHECK(layoutText(fromJson.groups[i].layout.created) == layoutText(direct.groups[i].layout.created));
      CHECK(fromJson.groups[i].count == direct.groups[i].count);
    }
  }

  TEST_CASE("the fleet mig-parted file has one config per distinct layout and validates feasible") {
    FleetLayout fleet = fleetOf(kPlanInput);
    std::string y = exportFleetMigParted(fleet);
    auto report = validateMigParted(y);
    REQUIRE_MESSAGE(report.ok(), report.error().message);
    CHECK(report->exit_code == 0);
    std::vector<std::string> names;
    for (const auto& g : fleet.groups)
      if (std::find(names.begin(), names.end(), g.config_name) == names.end()) names.push_back(g.config_name);
    CHECK(report->entries.size() == names.size() + 1);  // plus all-disabled
    for (const auto& g : fleet.groups) {
      CAPTURE(g.config_name);
      CHECK(y.find("nvidia.com/mig.config=" + g.config_name) != std::string::npos);
      auto e = std::find_if(report->entries.begin(), report->entries.end(),
                            [&](const EntryReport& r) { return r.config == g.config_name; });
      REQUIRE(e != report->entries.end());
      REQUIRE(e->results.size() == 1);  // the device-filter names the H100 SXM5 model only
      CHECK(e->results[0].status == "feasible");
      CHECK(e->results[0].instances.size() == g.layout.created.size());
    }
  }

  TEST_CASE("the fleet script defines one function per layout with the planned placements") {
    FleetLayout fleet = fleetOf(kPlanInput);
    std::string s = exportFleetNvidiaSmi(fleet);
    for (size_t k = 0; k < fleet.groups.size(); ++k) {
      CHECK(s.find("migcalc_layout_" + std::to_string(k + 1) + "() {\n  gpu=\"$1\"\n") != std::string::npos);
      std::string tuples;
      for (const auto& p : fleet.groups[k].layout.created)
        tuples += (tuples.empty() ? "" : ",") + std::to_string(*p.profile_id) + ":" + std::to_string(p.instance.start);
      CHECK(s.find("sudo nvidia-smi mig -i \"$gpu\" -cgi " + tuples + " -C\n") != std::string::npos);
    }
  }

  TEST_CASE("existing GPUs keep their instances: no teardown in their functions") {
    FleetLayout fleet =
        fleetOf(R"({"demand": [{"profile": "1g.10gb", "count": 3}], "gpus": [{"model": "H100-SXM5-80GB"}],
        "existing": [{"model": "H100-SXM5-80GB", "instances": [{"profile": "4g.40gb", "start": 0}]}]})");
    REQUIRE(fleet.groups.size() == 1);
    CHECK(fleet.groups[0].existing);
    REQUIRE(fleet.groups[0].layout.fixed.size() == 1);
    std::string s = exportFleetNvidiaSmi(fleet);
    CHECK(s.find("-dgi") == std::string::npos);
    CHECK(s.find("-cgi 19:4,19:5,19:6 -C") != std::string::npos);
  }

  TEST_CASE("resources add up over the fleet, the single strategy is checked per node") {
    const std::string uniform = R"({"groups": [{"model": "A100-80GB", "count": 3, "instances": [
        {"profile": "1g.10gb", "start": 0}, {"profile": "1g.10gb", "start": 1}]},
        {"model": "A100-80GB", "count": 1, "instances": [{"profile": "7g.80gb", "start": 0}]}]})";
    FleetLayout fleet = fleetOf(uniform);
    Json one = fleetK8sJson(fleet, 1);
    CHECK(one["mixed"]["resources"]["nvidia.com/mig-1g.10gb"] == 6);
    CHECK(one["mixed"]["resources"]["nvidia.com/mig-7g.80gb"] == 1);
    CHECK(one["single"]["nodes"] == 4);
    CHECK(one["single"]["nodes_possible"] == 4);  // each GPU alone is uniform
    Json two = fleetK8sJson(fleet, 2);
    CHECK(two["single"]["nodes"] == 2);
    CHECK(two["single"]["nodes_possible"] == 1);  // GPUs 3 and 4 mix 1g.10gb and 7g.80gb
    CHECK(two["single"]["possible_on_every_node"] == false);
  }

  TEST_CASE("a fleet of 300,000 GPUs: every node counted, the first 1000 listed, nodes spanning groups") {
    FleetLayout fleet = fleetOf(
        R"({"groups": [{"model": "A100-80GB", "count": 200001, "instances": [{"profile": "1g.10gb", "start": 0}]},
        {"model": "A100-80GB", "count": 99999, "instances": [{"profile": "7g.80gb", "start": 0}]}]})");
    Json k = fleetK8sJson(fleet, 4);
    CHECK(k["single"]["nodes"] == 75000);
    // 50,000 nodes of 1g.10gb only, one node with 1 × 1g.10gb + 3 × 7g.80gb, then 24,999 of 7g.80gb only.
    CHECK(k["single"]["nodes_possible"] == 74999);
    CHECK(k["nodes"].size() == 1000);
    CHECK(k["nodes_listed"] == 1000);
    CHECK(k["mixed"]["resources"]["nvidia.com/mig-7g.80gb"] == 99999);
    Json small = fleetK8sJson(
        fleetOf(
            R"({"groups": [{"model": "A100-80GB", "count": 3, "instances": [{"profile": "1g.10gb", "start": 0}]}]})"),
        2);
    CHECK_FALSE(small.contains("nodes_listed"));
    REQUIRE(small["nodes"].size() == 2);
    CHECK(small["nodes"][1]["gpus"] == 1);
    auto tooMany = fleetFromPlanText(
        R"({"groups": [{"model": "A100-80GB", "count": 1000001, "instances": [{"profile": "1g.10gb", "start": 0}]}]})");
    REQUIRE_FALSE(tooMany);
    CHECK(tooMany.error().message.find("groups[0].count is 1000001; it must be a whole number from 1 to 1000000") !=
          std::string::npos);
  }

  TEST_CASE("a plan group the engine does not accept is refused, naming the group") {
    auto bad = fleetFromPlanText(R"({"groups": [{"model": "A100-80GB", "count": 1, "instances": [
        {"profile": "3g.40gb", "start": 2}]}]})");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == Code::BAD_PLAN);
    CHECK(bad.error().message.find("Group 1") == 0);
    CHECK(fleetFromPlanText("[1, 2]").error().code == Code::BAD_PLAN_FILE);
    CHECK(fleetFromPlanText(R"({"groups": [{"model": "A100-80GB"}]})").error().code == Code::BAD_PLAN_FILE);
  }

  TEST_CASE("the JSON facade exports a fleet plan too") {
    auto plan = parseJson(kPlanInput, migcalc::Code::BAD_INPUT);
    REQUIRE(plan.ok());
    auto r = exportFromJson({{"format", "mig-parted"}, {"plan", *plan}});
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK((*r)["text"] == exportFleetMigParted(fleetOf(kPlanInput)));
    auto j = exportFromJson({{"format", "json"}, {"plan", *plan}, {"gpus_per_node", 2}});
    REQUIRE(j.ok());
    CHECK((*j)["layout"]["kubernetes"]["gpus_per_node"] == 2);
    CHECK(exportFromJson({{"format", "mig-parted-configmap"}, {"plan", *plan}}).error().code ==
          Code::BAD_EXPORT_REQUEST);
  }

  TEST_CASE("exportFleetFromJson, shared by `migcalc export --plan` and the bindings, gives each format's text") {
    FleetLayout fleet = fleetOf(kPlanInput);
    auto smi = exportFleetFromJson(kPlanInput, "nvidia-smi");
    REQUIRE_MESSAGE(smi.ok(), smi.error().message);
    CHECK((*smi)["format"] == "nvidia-smi");
    CHECK((*smi)["fleet"] == true);
    CHECK((*smi)["text"] == exportFleetNvidiaSmi(fleet));
    CHECK((*exportFleetFromJson(kPlanInput, "mig-parted"))["text"] == exportFleetMigParted(fleet));
    CHECK((*exportFleetFromJson(kPlanInput, "k8s", 3))["text"] == exportFleetK8s(fleet, 3));
    auto json = exportFleetFromJson(kPlanInput, "json", 2);
    REQUIRE(json.ok());
    CHECK((*json)["layout"] == exportFleetJson(fleet, 2));
    CHECK_FALSE(json->contains("text"));
    // A `migcalc plan --json` answer, also under "plan" as the page's plan() answers, exports the same.
    auto solved = planFromJsonText(kPlanInput);
    REQUIRE(solved.contains("plan"));
    CHECK((*exportFleetFromJson(solved.dump(), "nvidia-smi"))["text"] == (*smi)["text"]);
    CHECK((*exportFleetFromJson(solved["plan"].dump(), "nvidia-smi"))["text"] == (*smi)["text"]);
    auto badFormat = exportFleetFromJson(kPlanInput, "mig-parted-configmap");
    REQUIRE_FALSE(badFormat.ok());
    CHECK(badFormat.error().code == Code::BAD_EXPORT_REQUEST);
    CHECK(badFormat.error().message.find("not 'mig-parted-configmap'") != std::string::npos);
    for (int bad : {0, -1, 1001}) {
      auto r = exportFleetFromJson(kPlanInput, "k8s", bad);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == Code::BAD_EXPORT_REQUEST);
      CHECK(r.error().message.find("from 1 to 1000, not " + std::to_string(bad)) != std::string::npos);
    }
    CHECK(exportFleetFromJson("{not json", "json").error().code == Code::BAD_PLAN_FILE);
    // Through the JSON facade: a fleet names only the fleet formats; a format that is not text is an error, not a
    // throw.
    auto plan = parseJson(kPlanInput, migcalc::Code::BAD_INPUT);
    REQUIRE(plan.ok());
    auto yaml = exportFromJson({{"format", "yaml"}, {"plan", *plan}});
    REQUIRE_FALSE(yaml.ok());
    CHECK(yaml.error().message == "A fleet plan exports as nvidia-smi, mig-parted, k8s, dra or json, not 'yaml'.");
    CHECK(exportFromJson({{"format", 7}, {"plan", *plan}}).error().code == Code::BAD_EXPORT_REQUEST);
    CHECK(exportFromJson({{"format", 7}, {"gpu", "A100-80GB"}, {"request", {"7g.80gb"}}}).error().code ==
          Code::BAD_EXPORT_REQUEST);
  }
}
