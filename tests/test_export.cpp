// Exports of a single-GPU layout: exact syntax of each format, and round trips back through our own readers and
// the placement engine.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <string>

#include "migcalc/api/export_request.hpp"
#include "migcalc/export/export_json.hpp"
#include "migcalc/export/export_k8s.hpp"
#include "migcalc/export/export_mig_parted.hpp"
#include "migcalc/export/export_nvidia_smi.hpp"
#include "migcalc/interop/mig_parted.hpp"
#include "migcalc/interop/yaml.hpp"
#include "migcalc/model/catalog.hpp"

using namespace migcalc;

namespace {

const GpuModel& gpu(const std::string& key) {
  auto g = findGpu(key);
  REQUIRE_MESSAGE(g.ok(), g.error().message);
  return **g;
}

ExportLayout layout(const GpuModel& g, std::vector<ProfileCount> request, std::vector<FixedInstance> fixed = {}) {
  auto l = prepareExport(g, request, fixed);
  REQUIRE_MESSAGE(l.ok(), l.error().message);
  return *l;
}

bool has(const std::string& text, const std::string& piece) { return text.find(piece) != std::string::npos; }

std::vector<std::string> commandLines(const std::string& script) {
  std::vector<std::string> out;
  std::istringstream in(script);
  std::string l;
  while (std::getline(in, l))
    if (!l.empty() && l[0] != '#') out.push_back(l);
  return out;
}

/// The "ID:start" tuples of every -cgi in the script, turned back into instances via the model's profile IDs.
std::vector<FixedInstance> createdByScript(const std::string& script, const GpuModel& g) {
  std::vector<FixedInstance> out;
  for (const auto& l : commandLines(script)) {
    auto at = l.find("-cgi ");
    if (at == std::string::npos) continue;
    std::string list = l.substr(at + 5);
    list = list.substr(0, list.find_first_of(" |"));
    std::istringstream items(list);
    std::string t;
    while (std::getline(items, t, ',')) {
      auto colon = t.find(':');
      std::string what = t.substr(0, colon);
      int start = std::stoi(t.substr(colon + 1));
      std::string name = what;
      if (std::all_of(what.begin(), what.end(), ::isdigit))
        for (const auto& p : g.profiles)
          if (p.id && *p.id == std::stoi(what)) name = p.name;
      out.push_back({name, start});
    }
  }
  return out;
}

std::map<std::string, int> giCounts(const std::vector<Instance>& instances) {
  std::map<std::string, int> m;
  for (const auto& i : instances) ++m[i.profile];
  return m;
}

}  // namespace

TEST_SUITE("export") {
  TEST_CASE("the nvidia-smi script for the field survey's A100-80GB example uses IDs 5:0,14:4,19:6") {
    std::string s = exportNvidiaSmi(layout(gpu("A100-80GB"), {{"4g.40gb", 1}, {"2g.20gb", 1}, {"1g.10gb", 1}}));
    auto cmds = commandLines(s);
    REQUIRE(cmds.size() >= 6);
    CHECK(cmds[0] == "set -e");
    CHECK(cmds[1] == "sudo nvidia-smi -i 0 -mig 1");
    CHECK(cmds[2] == "sudo nvidia-smi mig -i 0 -dci || true");  // compute instances before GPU instances
    CHECK(cmds[3] == "sudo nvidia-smi mig -i 0 -dgi || true");
    CHECK(cmds[4] == "sudo nvidia-smi mig -i 0 -cgi 5:0,14:4,19:6 -C");
    CHECK(cmds[5] == "nvidia-smi mig -i 0 -lgi");
    CHECK(s.rfind("#!/bin/sh\n", 0) == 0);
    CHECK(has(s, "sudo nvidia-smi -i 0 -r"));  // Ampere needs a reset
  }

  TEST_CASE("the GPU index is the user's, and Hopper gets no reset step") {
    std::string s = exportNvidiaSmi(layout(gpu("H100-SXM5-80GB"), {{"3g.40gb", 2}}), 3);
    CHECK(has(s, "sudo nvidia-smi -i 3 -mig 1\n"));
    CHECK(has(s, "sudo nvidia-smi mig -i 3 -cgi 9:0,9:4 -C\n"));
    CHECK_FALSE(has(s, " -r "));
    CHECK_FALSE(has(s, "-i 0"));
  }

  TEST_CASE("with fixed instances nothing is torn down and only the new instances are created") {
    const GpuModel& a100 = gpu("A100-40GB");
    ExportLayout l = layout(a100, {{"3g.20gb", 1}, {"2g.10gb", 1}}, {{"1g.5gb", 6}});
    std::string s = exportNvidiaSmi(l);
    for (const auto& c : commandLines(s)) {
      CHECK_FALSE(has(c, "-dci"));
      CHECK_FALSE(has(c, "-dgi"));
      CHECK_FALSE(has(c, "-mig 1"));
    }
    CHECK(has(s, "Nothing is torn down"));
    auto created = createdByScript(s, a100);
    REQUIRE(created.size() == 2);
    CHECK(std::none_of(created.begin(), created.end(), [](const FixedInstance& f) { return f.profile == "1g.5gb"; }));
  }

  TEST_CASE("the script's placements are accepted by the engine as fixed instances") {
    struct Case {
      const char* gpu;
      std::vector<ProfileCount> request;
      std::vector<FixedInstance> fixed;
    };
    std::vector<Case> cases = {
        {"A100-80GB", {{"4g.40gb", 1}, {"2g.20gb", 1}, {"1g.10gb", 1}}, {}},
        {"A100-40GB", {{"1g.5gb", 4}, {"3g.20gb", 1}}, {}},
        {"H100-NVL-94GB", {{"2g.24gb", 3}, {"1g.24gb", 1}}, {}},
        {"RTX-PRO-6000-96GB", {{"1g.24gb+me.all", 1}, {"1g.24gb-me", 3}}, {}},
        {"H100-SXM5-80GB", {{"1c.3g.40gb", 6}}, {}},
        {"A100-40GB", {{"3g.20gb", 1}, {"2g.10gb", 1}}, {{"1g.5gb", 6}}},
    };
    for (const auto& c : cases) {
      CAPTURE(c.gpu);
      const GpuModel& g = gpu(c.gpu);
      ExportLayout l = layout(g, c.request, c.fixed);
      auto created = createdByScript(exportNvidiaSmi(l), g);
      CHECK(created.size() == l.created.size());
      CheckRequest asFixed;
      asFixed.fixed = c.fixed;
      asFixed.fixed.insert(asFixed.fixed.end(), created.begin(), created.end());
      auto r = check(g, asFixed);
      REQUIRE(r.ok());
      CHECK(r->verdict == Verdict::Feasible);
      CHECK(giCounts(r->instances) == giCounts(l.result.instances));
    }
  }

  TEST_CASE("compute instances are created with -cci and the CI profile IDs the reference knows") {
    // MIG User Guide: `-cci 0,0,0 -gi 1` gives three 1c.3g.20gb on an A100-40GB.
    std::string s = exportNvidiaSmi(layout(gpu("A100-40GB"), {{"1c.3g.20gb", 3}}));
    CHECK(has(s, "gi=$(sudo nvidia-smi mig -i 0 -cgi 9:"));
    CHECK(has(s, "sudo nvidia-smi mig -i 0 -gi \"$gi\" -cci 0,0,0"));
    // H100: the catalog has no CI profile IDs, so the name is used and the script says so.
    std::string h = exportNvidiaSmi(layout(gpu("H100-SXM5-80GB"), {{"2c.7g.80gb", 3}}));
    CHECK(has(h, "-cci 2c.7g.80gb,2c.7g.80gb,2c.7g.80gb"));
    CHECK(has(h, "does not know the compute-instance profile ID of 2c.7g.80gb"));
  }

  TEST_CASE("an unknown GPU-instance profile ID is replaced by the name and said so") {
    GpuModel custom = gpu("A100-40GB");
    custom.key = "MY-A100";
    custom.profiles[static_cast<size_t>(custom.findProfile("3g.20gb"))].id.reset();
    std::string s = exportNvidiaSmi(layout(custom, {{"3g.20gb", 1}, {"4g.20gb", 1}}));
    CHECK(has(s, "-cgi 5:0,3g.20gb:4 -C"));
    CHECK(has(s, "does not know the -lgip profile ID of 3g.20gb"));
  }

  TEST_CASE("an infeasible or unknown request has nothing to export") {
    CHECK(prepareExport(gpu("A100-40GB"), {{"3g.20gb", 2}, {"1g.5gb", 1}}, {}).error().code == Code::NOT_FEASIBLE);
    CHECK(prepareExport(gpu("RTX-PRO-5000-48GB"), {{"2g.48gb", 1}}, {}).error().code == Code::PLACEMENTS_UNKNOWN);
  }

  TEST_CASE("the mig-parted file has the exact v1 shape, with PCI IDs as mig-parted writes them") {
    MigPartedExportOptions o;
    o.config_name = "my-layout";
    std::string y = exportMigParted(layout(gpu("A100-80GB"), {{"4g.40gb", 1}, {"1g.10gb+me", 1}, {"1g.10gb", 2}}), o);
    CHECK(has(
        y,
        "\nversion: v1\nmig-configs:\n  all-disabled:\n    - devices: all\n      mig-enabled: false\n\n  my-layout:\n"
        "    - device-filter: [\"0x20B210DE\", \"0x20B510DE\", \"0x20F310DE\", \"0x20F510DE\"]\n      devices: all\n"
        "      mig-enabled: true\n      mig-devices:\n        \"4g.40gb\": 1\n"));
    CHECK(has(y, "        \"1g.10gb+me\": 1\n"));
    CHECK(has(y, "        \"1g.10gb\": 2\n"));
    CHECK(has(y, "kubectl label node <node-name> nvidia.com/mig.config=my-layout --overwrite"));
    CHECK(has(y, "nvidia-mig-parted apply -f config.yaml -c my-layout"));
    auto doc = parseYaml(y);
    REQUIRE(doc.ok());
    CHECK(doc->value["mig-configs"]["my-layout"][0]["mig-devices"]["1g.10gb"] == 2);
  }

  TEST_CASE("default config names are valid node-label values: '+' becomes '.'") {
    std::string name =
        defaultMigPartedName(layout(gpu("RTX-PRO-6000-96GB"), {{"1g.24gb+me.all", 1}, {"1g.24gb-me", 3}}));
    CHECK(name == "migcalc-1x1g.24gb.me.all-3x1g.24gb-me");
    CHECK(name.size() <= 63);
  }

  TEST_CASE("round trip: the exported mig-parted config validates feasible with the same counts") {
    struct Case {
      const char* gpu;
      std::vector<ProfileCount> request;
      std::vector<FixedInstance> fixed;
    };
    std::vector<Case> cases = {
        {"A100-80GB", {{"4g.40gb", 1}, {"2g.20gb", 1}, {"1g.10gb", 1}}, {}},
        {"H100-SXM5-80GB", {{"1c.3g.40gb", 6}}, {}},
        {"A100-40GB", {{"1c.3g.20gb", 3}, {"1g.5gb", 4}}, {}},
        {"GB200-189GB", {{"7g.189gb", 1}}, {}},
        {"RTX-PRO-6000-96GB", {{"2g.48gb+me.all", 1}, {"2g.48gb-me", 1}}, {}},
        {"A100-40GB", {{"3g.20gb", 1}, {"2g.10gb", 1}}, {{"1g.5gb", 6}}},
    };
    for (const auto& c : cases) {
      CAPTURE(c.gpu);
      const GpuModel& g = gpu(c.gpu);
      ExportLayout l = layout(g, c.request, c.fixed);
      for (bool configMap : {false, true}) {
        std::string text = configMap ? exportMigPartedConfigMap(l) : exportMigParted(l);
        auto report = validateMigParted(text, &g);
        REQUIRE_MESSAGE(report.ok(), report.error().message);
        CHECK(report->exit_code == 0);
        std::string name = defaultMigPartedName(l);
        auto it = std::find_if(report->entries.begin(), report->entries.end(),
                               [&](const EntryReport& e) { return e.config == name; });
        REQUIRE(it != report->entries.end());
        REQUIRE(it->results.size() == 1);
        CHECK(it->results[0].status == "feasible");
        CHECK(giCounts(it->results[0].instances) == giCounts(l.result.instances));
      }
    }
  }

  TEST_CASE("devices: [N] when a GPU index is given") {
    MigPartedExportOptions o;
    o.device = 2;
    std::string y = exportMigParted(layout(gpu("H100-SXM5-80GB"), {{"7g.80gb", 1}}), o);
    CHECK(has(y, "      devices: [2]\n"));
  }

  TEST_CASE("Kubernetes: mixed-strategy names follow the device plugin's mapping, single only when uniform") {
    CHECK(mixedResourceName("1g.10gb+me") == "nvidia.com/mig-1g.10gb.me");
    CHECK(mixedResourceName("3g.20gb") == "nvidia.com/mig-3g.20gb");
    Json uniform = k8sResourcesJson(layout(gpu("H100-SXM5-80GB"), {{"1g.10gb", 7}}));
    CHECK(uniform["mixed"]["resources"]["nvidia.com/mig-1g.10gb"] == 7);
    CHECK(uniform["single"]["possible"] == true);
    CHECK(uniform["single"]["count"] == 7);
    Json mixed = k8sResourcesJson(layout(gpu("A100-40GB"), {{"3g.20gb", 1}, {"2g.10gb", 1}}, {{"1g.5gb", 6}}));
    CHECK(mixed["mixed"]["resources"] ==
          Json({{"nvidia.com/mig-1g.5gb", 1}, {"nvidia.com/mig-3g.20gb", 1}, {"nvidia.com/mig-2g.10gb", 1}}));
    CHECK(mixed["single"]["possible"] == false);
    Json split = k8sResourcesJson(layout(gpu("A100-40GB"), {{"1c.3g.20gb", 3}, {"3g.20gb", 1}}));
    CHECK(split["mixed"]["resources"] == Json({{"nvidia.com/mig-3g.20gb", 1}}));
    CHECK(split["mixed"]["not_advertised"].size() == 1);
    CHECK(split["single"]["possible"] == false);
  }

  TEST_CASE("the Kubernetes export's example Pod is valid YAML requesting one instance") {
    std::string k = exportK8s(layout(gpu("A100-40GB"), {{"1g.5gb+me", 1}, {"3g.20gb", 1}}));
    auto doc = parseYaml(k);
    REQUIRE_MESSAGE(doc.ok(), doc.error().message);
    CHECK(doc->value["kind"] == "Pod");
    const Json& limits = doc->value["spec"]["containers"][0]["resources"]["limits"];
    REQUIRE(limits.size() == 1);
    std::string name = limits.begin().key();
    CHECK((name == "nvidia.com/mig-3g.20gb" || name == "nvidia.com/mig-1g.5gb.me"));
    CHECK(has(k, "nvidia.com/mig-1g.5gb.me: 1"));
  }

  TEST_CASE("the JSON export carries placements, profile IDs, compute instances and the check") {
    Json j = exportJson(layout(gpu("A100-40GB"), {{"1c.3g.20gb", 3}, {"4g.20gb", 1}}), 1);
    CHECK(j["format"] == "migcalc-layout");
    CHECK(j["device"] == 1);
    CHECK(j["device_filter"][0] == "0x20B010DE");
    REQUIRE(j["instances"].size() == 2);
    CHECK(j["instances"][0]["profile"] == "4g.20gb");
    CHECK(j["instances"][0]["profile_id"] == 5);
    CHECK(j["instances"][0]["start"] == 0);
    CHECK(j["instances"][1]["compute_instances"].size() == 3);
    CHECK(j["mig_parted_devices"] == Json({{"4g.20gb", 1}, {"1c.3g.20gb", 3}}));
    CHECK(j["check"]["verdict"] == "feasible");
  }

  TEST_CASE("the JSON facade gives the same texts as the direct calls, and names bad arguments") {
    Json args = {{"format", "nvidia-smi"},
                 {"gpu", "A100-80GB"},
                 {"request", {"4g.40gb", "2g.20gb:1", {{"profile", "1g.10gb"}, {"count", 1}}}},
                 {"device", 1}};
    auto r = exportFromJson(args);
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK((*r)["text"] ==
          exportNvidiaSmi(layout(gpu("A100-80GB"), {{"4g.40gb", 1}, {"2g.20gb", 1}, {"1g.10gb", 1}}), 1));
    args["format"] = "json";
    args["fixed"] = Json::array();
    auto j = exportFromJson(args);
    REQUIRE(j.ok());
    CHECK((*j)["layout"]["instances"].size() == 3);
    args["format"] = "mig-parted-configmap";
    auto cm = exportFromJson(args);
    REQUIRE(cm.ok());
    CHECK(validateMigParted((*cm)["text"].get<std::string>())->exit_code == 0);
    CHECK(exportFromJson({{"format", "pdf"}}).error().code == Code::BAD_EXPORT_REQUEST);
    CHECK(exportFromJson({{"format", "k8s"}, {"gpu", "A100-80GB"}}).error().code == Code::BAD_EXPORT_REQUEST);
    CHECK(exportFromJson({{"format", "k8s"}, {"gpu", "A100-80GB"}, {"request", {"7g.80gb:2"}}}).error().code ==
          Code::NOT_FEASIBLE);
    CHECK(exportFromJson({{"format", "k8s"}, {"gpu", "A100-80GB"}, {"request", {"9g.80gb"}}}).error().code ==
          Code::UNKNOWN_PROFILE);
  }
}
