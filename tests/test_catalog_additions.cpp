// Issue 11 item 5: the models the reference states in prose only (H100 SXM5 94GB and 64GB, H20 141GB), the DGX
// Station's GB300 ID and the RTX PRO 5000's earlier layout as a driver variant. Every name and ID with its source;
// every number a source gives, and unknown (null) where none does.
#include <algorithm>
#include <map>
#include <set>

#include "migcalc/base/text_util.hpp"
#include "migcalc/export/generate_config.hpp"
#include "migcalc/model/driver.hpp"
#include "migcalc/plan/plan.hpp"
#include "test_support.hpp"

using migcalc::Code;
using migcalc::GpuModel;

namespace {

std::string keyOf(const std::string& query) {
  auto r = migcalc::findGpu(query);
  return r.ok() ? (*r)->key : std::string("error ") + r.error().codeName();
}

const migcalc::Profile& profileOf(const GpuModel& g, const std::string& name) {
  int i = g.findProfile(name);
  REQUIRE_MESSAGE(i >= 0, g.key << " has no " << name);
  return g.profiles[static_cast<size_t>(i)];
}

bool anySourceMentions(const GpuModel& g, const std::string& part) {
  return std::any_of(g.sources.begin(), g.sources.end(),
                     [&](const std::string& s) { return s.find(part) != std::string::npos; });
}

}  // namespace

TEST_SUITE("catalog additions") {
  TEST_CASE("Each new name and PCI ID finds its model, and the names that were unambiguous stay so") {
    struct Alias {
      const char* name;
      const char* key;
      const char* source;
    };
    const Alias aliases[] = {
        {"H100-SXM5-94GB", "H100-SXM5-94GB", "the catalog key"},
        {"NVIDIA H100 SXM5 94GB", "H100-SXM5-94GB",
         "NVIDIA vGPU Types Reference, Hopper, Table 176 (was a name of H100-NVL-94GB)"},
        {"H100 SXM5 94GB", "H100-SXM5-94GB", "the same without the vendor"},
        {"H100-SXM5 94GB", "H100-SXM5-94GB", "the MIG User Guide's spelling (issue 11 item 2)"},
        {"0x2339", "H100-SXM5-94GB", "pci.ids 2026.08.22: 2339 'GH100 [H100 SXM5 94GB]'"},
        {"0x233910DE", "H100-SXM5-94GB", "the same as mig-parted's device-filter spells it"},
        {"H100-SXM5-64GB", "H100-SXM5-64GB", "the catalog key"},
        {"NVIDIA H100 SXM5 64GB", "H100-SXM5-64GB", "NVIDIA vGPU Types Reference, Hopper, Table 182"},
        {"0x2337", "H100-SXM5-64GB", "pci.ids 2026.08.22: 2337 'GH100 [H100 SXM5 64GB]'"},
        {"NVIDIA GH200 480GB", "GH200-96GB", "nvidia-smi's name on the GH200 480GB superchip (issue 11 item 2)"},
        {"NVIDIA-GH200-480GB", "GH200-96GB", "its GFD label nvidia.com/gpu.product"},
        {"H100 on GH200", "GH200-96GB", "the MIG User Guide's name for the GH200's GPU (issue 11 item 2)"},
        {"H200-SXM5", "H200-SXM-141GB", "the MIG User Guide's name (issue 11 item 2)"},
        {"h200-sxm5", "H200-SXM-141GB", "names are matched in any case"},
        {"H20-141GB", "H20-141GB", "the catalog key"},
        {"NVIDIA H20-3e", "H20-141GB", "NVIDIA open-gpu-kernel-modules README (550.40.82): 'NVIDIA H20-3e | 232C'"},
        {"H20-3e", "H20-141GB", "the same without the vendor (reference mig-hardware.md §2: 'H20-3e')"},
        {"NVIDIA-H20-3e", "H20-141GB", "GFD label nvidia.com/gpu.product of the NVML name"},
        {"NVIDIA-H20-3e-MIG-1g.18gb", "H20-141GB", "GFD label, single strategy"},
        {"NVIDIA H20 SXM5 141GB", "H20-141GB", "NVIDIA vGPU Types Reference, Hopper, Table 184"},
        {"0x232C", "H20-141GB", "driver README and reference §2 (0x232C)"},
        {"0x232c10de", "H20-141GB", "mig-parted's device-filter form, any case"},
        {"GB300 DGX Station", "GB300-279GB", "MIG User Guide v620 minimum-driver table ('GB300 DGX Station')"},
        {"0x31C3", "GB300-279GB", "reference §2 'GB300 | 0x31C2 (DGX Station 0x31C3)'; pci.ids 31c3 'GB110 [GB300]'"},
        {"0x31C310DE", "GB300-279GB", "the same as a device filter"},
        // unchanged by the additions
        {"NVIDIA H20", "H20-96GB", "driver README 'NVIDIA H20 | 2329': the 96GB H20 keeps its name"},
        {"0x2329", "H20-96GB", "mig-parted config-default.yaml (0x232910DE, H20)"},
        {"NVIDIA-H20", "H20-96GB", "GFD label of the 96GB H20"},
        {"NVIDIA H100 NVL", "H100-NVL-94GB", "nvidia-smi name (gpu-operator PR #900)"},
        {"0x2321", "H100-NVL-94GB", "mig-parted config-default.yaml"},
        {"NVIDIA H200", "H200-SXM-141GB", "nvidia-smi name (mig-parted issue #120)"},
        {"NVIDIA H200 NVL", "H200-NVL-141GB", "nvidia-smi name"},
        {"NVIDIA GH200 144G HBM3e", "GH200-144GB", "nvidia-smi name (mig-parted PR #139)"},
        {"H100 96GB", "GH200-96GB", "mig-parted comment for 0x233D"},
        {"0x31C2", "GB300-279GB", "mig-parted config-default.yaml (0x31C210DE, GB300)"},
        {"NVIDIA GB300", "GB300-279GB", "mig-parted comment"},
        {"NVIDIA RTX PRO 5000 Blackwell", "RTX-PRO-5000-48GB", "the driver variant shares the model's name"},
        {"0x2BB3", "RTX-PRO-5000-48GB", "the driver variant shares the model's PCI ID"},
    };
    for (const auto& a : aliases) {
      INFO(a.name << " (" << a.source << ")");
      CHECK(keyOf(a.name) == a.key);
    }
  }

  TEST_CASE("No name or PCI ID is shared by two models except the GB200 board revisions'") {
    std::map<std::string, std::set<std::string>> byName, byId;
    for (const auto& g : migcalc::catalog()) {
      for (const auto& n : g.names) byName[migcalc::lower(n)].insert(g.key);
      for (const auto& id : g.pci_ids) byId[migcalc::lower(id)].insert(g.key);
    }
    const std::set<std::string> gb200 = {"GB200-186GB", "GB200-189GB"};
    for (const auto& kv : byName) {  // (no structured bindings: clang 14 cannot capture them in INFO)
      INFO(kv.first);
      if (kv.second.size() > 1) CHECK(kv.second == gb200);
    }
    for (const auto& kv : byId) {
      INFO(kv.first);
      if (kv.second.size() > 1) CHECK(kv.second == gb200);
    }
    // ... and the ambiguous ones list exactly the two candidates
    for (const char* q : {"NVIDIA GB200", "0x2941", "NVIDIA-GB200"}) {
      INFO(q);
      auto r = migcalc::findGpu(q);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == Code::AMBIGUOUS_GPU);
      CHECK(r.error().message.find("matches 2 models") != std::string::npos);
      for (const auto& g : migcalc::catalog())
        CHECK((r.error().message.find(g.key + " (") != std::string::npos) == (gb200.count(g.key) == 1));
    }
  }

  TEST_CASE("The H100 NVL no longer answers to the SXM5 94GB's name") {
    const auto& nvl = testsupport::gpu("H100-NVL-94GB");
    CHECK(std::find(nvl.names.begin(), nvl.names.end(), "NVIDIA H100 SXM5 94GB") == nvl.names.end());
    CHECK(nvl.pci_ids == std::vector<std::string>{"0x2321", "0x233A"});
  }

  TEST_CASE("The new Hopper boards: the vGPU table's names and counts, the common pattern inferred, no copied SMs") {
    struct Board {
      const char* key;
      const char* pci;
      std::vector<std::string> profiles;  // -lgip order: 1g, 1g+me, double-memory 1g, 2g, 3g, 4g, 7g
      std::optional<int> total_mib;
      const char* pci_confidence;
    };
    const Board boards[] = {
        {"H100-SXM5-94GB",
         "0x2339",
         {"1g.12gb", "1g.12gb+me", "1g.24gb", "2g.24gb", "3g.47gb", "4g.47gb", "7g.94gb"},
         std::nullopt,
         "third-party"},
        {"H100-SXM5-64GB",
         "0x2337",
         {"1g.8gb", "1g.8gb+me", "1g.16gb", "2g.16gb", "3g.32gb", "4g.32gb", "7g.64gb"},
         std::nullopt,
         "third-party"},
        {"H20-141GB",
         "0x232C",
         {"1g.18gb", "1g.18gb+me", "1g.35gb", "2g.35gb", "3g.71gb", "4g.71gb", "7g.141gb"},
         143771,
         "nvidia-code"},
    };
    const int caps[] = {7, 1, 4, 3, 2, 1, 1};
    const int ids[] = {19, 20, 15, 14, 9, 5, 0};
    const char* placements[] = {
        "{0,1,2,3,4,5,6}:1", "{0,1,2,3,4,5,6}:1", "{0,2,4,6}:2", "{0,2,4}:2", "{0,4}:4", "{0}:4", "{0}:8"};
    for (const auto& b : boards) {
      INFO(b.key);
      const auto& g = testsupport::gpu(b.key);
      CHECK(g.family == "Hopper");
      CHECK(g.pci_ids == std::vector<std::string>{b.pci});
      CHECK(g.confidence.at("pci_ids") == b.pci_confidence);
      CHECK(g.total_memory_mib == b.total_mib);
      CHECK_FALSE(g.die_sm.has_value());  // no source: never the H100's 132 (and far fewer on an H20)
      CHECK((g.compute_slices == 7 && g.memory_slices == 8 && g.units() == 8));
      CHECK(g.placementsKnown());
      CHECK(g.placementsInferred());
      CHECK(g.confidence.at("min_driver") == "inferred");
      CHECK(g.engine_totals.ofa == 1);  // the single +me instance takes the only OFA
      CHECK_FALSE(g.engine_totals.dec.has_value());
      CHECK(anySourceMentions(g, "vGPU Types Reference"));
      CHECK(anySourceMentions(g, "pci.ids"));
      REQUIRE(g.profiles.size() == 7);
      for (size_t i = 0; i < 7; ++i) {
        const auto& p = g.profiles[i];
        INFO(p.name);
        CHECK(p.name == b.profiles[i]);
        CHECK(p.instances == caps[i]);
        CHECK(p.id == ids[i]);
        CHECK(p.placementsText() == placements[i]);
        CHECK(p.confidence.at("instances") == "nvidia-doc");
        CHECK(p.confidence.at("id") == "inferred");
        CHECK(p.confidence.at("placements") == "inferred");
        CHECK(p.confidence.at("memory") == "unknown");
        CHECK_FALSE(p.memory_mib.has_value());
        CHECK_FALSE(p.memory_gib.has_value());
        CHECK_FALSE(p.sm.has_value());
        CHECK_FALSE(p.engines.dec.has_value());
        CHECK(p.engines.enc == 0);  // GH100 MIG profiles never expose NVENC (inferred)
        REQUIRE_FALSE(p.sources.empty());
        for (int s : p.sources) CHECK((s >= 0 && s < static_cast<int>(g.sources.size())));
      }
      CHECK_FALSE(g.fullSm().has_value());
      CHECK_FALSE(g.fullMemoryMib().has_value());
      // NVIDIA's all-<profile> for every profile; no all-balanced: no device filter of NVIDIA's names the board
      CHECK(g.named_configs.size() == 7);
      for (const auto& c : g.named_configs) CHECK(c.name != "all-balanced");
    }
    // Minimum drivers: the MIG UG's H100 and H20 branches
    CHECK(testsupport::gpu("H100-SXM5-94GB").min_driver == 525);
    CHECK(testsupport::gpu("H100-SXM5-64GB").min_driver == 525);
    CHECK(testsupport::gpu("H20-141GB").min_driver == 535);
    CHECK(testsupport::gpu("H20-141GB").confidence.at("total_memory_mib") == "real-hardware-output");
  }

  TEST_CASE("Same name, different profile: 1g.35gb on H20 141GB is the double-memory 1g, as on H200, not GB300's") {
    CHECK(profileOf(testsupport::gpu("H20-141GB"), "1g.35gb").instances == 4);
    CHECK(profileOf(testsupport::gpu("H20-141GB"), "1g.35gb").size == 2);
    CHECK(profileOf(testsupport::gpu("H200-SXM-141GB"), "1g.35gb").instances == 4);
    CHECK(profileOf(testsupport::gpu("GB300-279GB"), "1g.35gb").instances == 7);
    CHECK(profileOf(testsupport::gpu("H100-SXM5-64GB"), "1g.16gb").instances == 4);
    CHECK(profileOf(testsupport::gpu("RTX-PRO-4500-32GB"), "1g.16gb").instances == 2);
  }

  TEST_CASE("The new boards answer like any 7-slice GPU: caps, slice totals and windows") {
    using migcalc::Verdict;
    auto run = [](const char* key, std::vector<migcalc::ProfileCount> req) {
      return testsupport::run(testsupport::gpu(key), testsupport::request(std::move(req)));
    };
    CHECK(run("H20-141GB", {{"1g.35gb", 4}}).verdict == Verdict::Feasible);
    auto five = run("H20-141GB", {{"1g.35gb", 5}});
    CHECK(five.verdict == Verdict::NotFeasible);
    CHECK(testsupport::hasCode(five, Code::INSTANCE_CAP));
    CHECK(run("H100-SXM5-94GB", {{"1g.12gb", 2}, {"2g.24gb", 1}, {"3g.47gb", 1}}).verdict == Verdict::Feasible);
    CHECK(run("H100-SXM5-64GB", {{"4g.32gb", 1}, {"3g.32gb", 1}}).verdict == Verdict::Feasible);
    auto over = run("H100-SXM5-64GB", {{"3g.32gb", 2}, {"1g.8gb", 1}});  // 9 memory slices > 8
    CHECK(over.verdict == Verdict::NotFeasible);
    CHECK(testsupport::hasCode(over, Code::SLICE_TOTAL));
    // a +me on top of another: one only
    CHECK(run("H100-SXM5-64GB", {{"1g.8gb+me", 2}}).verdict == Verdict::NotFeasible);
    // the placements are the common pattern, inferred: the answer says so
    auto r = run("H20-141GB", {{"3g.71gb", 1}});
    REQUIRE_FALSE(r.notes.empty());
    CHECK(r.notes.front().find("inferred") != std::string::npos);
  }

  TEST_CASE("GB300: the DGX Station's 0x31C3 is an ID of the one GB300 model, with its source") {
    const auto& g = testsupport::gpu("GB300-279GB");
    CHECK(g.pci_ids == std::vector<std::string>{"0x31C2", "0x31C3"});
    CHECK(g.confidence.at("pci_ids") == "third-party");  // the weakest of its IDs
    CHECK(anySourceMentions(g, "31c3 'GB110 [GB300]'"));
    CHECK(anySourceMentions(g, "DGX Station 0x31C3"));
    CHECK(g.min_driver == 595);  // GB300 DGX Station: R595 (MIG UG v620)
    CHECK_FALSE(g.total_memory_mib.has_value());
  }
}

TEST_SUITE("driver variants") {
  TEST_CASE("RTX PRO 5000: the earlier 4-slice layout is a driver variant up to R580, the 2-slice one after") {
    const auto& g = testsupport::gpu("RTX-PRO-5000-48GB");
    REQUIRE(g.driver_variants.size() == 1);
    const GpuModel& early = g.driver_variants.front();
    CHECK(early.key == g.key);
    CHECK(early.names == g.names);
    CHECK(early.pci_ids == g.pci_ids);
    CHECK(early.max_driver == 580);
    CHECK(early.confidence.at("max_driver") == "inferred");
    CHECK(early.min_driver == 575);
    CHECK((early.compute_slices == 4 && early.memory_slices == 4));
    CHECK_FALSE(early.placement_units.has_value());  // no -lgipp, and RTX PRO 6000 shows the grid is not 0..3
    CHECK_FALSE(early.max_instances.has_value());
    CHECK(early.driver_variants.empty());
    CHECK(early.named_configs.empty());  // mig-parted's builder tests: it cannot form all-balanced
    // MIG UG v580 (reference mig-hardware.md §2, RTX PRO 5000)
    const std::vector<std::pair<std::string, int>> v580 = {{"1g.12gb", 1},    {"1g.12gb+me", 1}, {"1g.12gb+gfx", 1},
                                                           {"1g.12gb-me", 3}, {"2g.24gb-me", 1}, {"4g.48gb", 1},
                                                           {"4g.48gb+gfx", 1}};
    REQUIRE(early.profiles.size() == v580.size());
    for (size_t i = 0; i < v580.size(); ++i) {
      const auto& p = early.profiles[i];
      INFO(p.name);
      CHECK(p.name == v580[i].first);
      CHECK(p.instances == v580[i].second);
      CHECK(p.placementsText() == "unknown");
      CHECK_FALSE(p.id.has_value());
      CHECK(p.confidence.at("instances") == "nvidia-doc");
      for (int s : p.sources) CHECK((s >= 0 && s < static_cast<int>(early.sources.size())));
    }
    CHECK(early.sources == g.sources);
    REQUIRE_FALSE(early.notes.empty());
    CHECK(early.notes.front().find("R580") != std::string::npos);

    // which table a driver gets
    CHECK(&g.underDriver(575) == &early);
    CHECK(&g.underDriver(580) == &early);
    CHECK(&g.underDriver(590) == &g);
    CHECK(&g.underDriver(migcalc::kNewestDriver) == &g);
    CHECK(&g.underDriver(550) == &g);  // older than any MIG driver of the GPU: the model, which says R575 is needed
    CHECK(early.offeredUnder(575));
    CHECK(early.offeredUnder(580));
    CHECK_FALSE(early.offeredUnder(590));
    CHECK_FALSE(early.offeredUnder(migcalc::kNewestDriver));
    CHECK_FALSE(early.offeredUnder(570));
    CHECK(g.offeredUnder(migcalc::kNewestDriver));
    // models without variants are their own table under every driver
    const auto& h = testsupport::gpu("H100-SXM5-80GB");
    CHECK(h.driver_variants.empty());
    CHECK(&h.underDriver(525) == &h);
    // the variant stays out of the model list: one model per GPU
    for (const auto& m : migcalc::catalog()) CHECK((m.key != g.key || &m == &g));
  }

  TEST_CASE("check() answers on the variant's own table: its caps and its 4 slices") {
    using migcalc::Verdict;
    const GpuModel& early = testsupport::gpu("RTX-PRO-5000-48GB").underDriver(580);
    REQUIRE(early.max_driver == 580);
    auto cap = testsupport::run(early, testsupport::request({{"1g.12gb", 2}}, {}, 580));
    CHECK(cap.verdict == Verdict::NotFeasible);  // Instances Total 1 for the plain 1g.12gb (MIG UG v580)
    CHECK(testsupport::hasCode(cap, Code::INSTANCE_CAP));
    auto total = testsupport::run(early, testsupport::request({{"4g.48gb", 1}, {"1g.12gb-me", 1}}, {}, 580));
    CHECK(total.verdict == Verdict::NotFeasible);  // 5 compute slices > 4
    CHECK(testsupport::hasCode(total, Code::SLICE_TOTAL));
    // a profile of the other layout is not one of this table's
    auto other = testsupport::run(early, testsupport::request({{"2g.48gb", 1}}, {}, 580));
    CHECK(other.verdict == Verdict::NotFeasible);
    CHECK(testsupport::hasCode(other, Code::UNKNOWN_PROFILE));
  }

  TEST_CASE("The model itself answers on the variant's table under an older driver: check, layouts, config, plan") {
    using migcalc::Verdict;
    const GpuModel& model = testsupport::gpu("RTX-PRO-5000-48GB");
    auto older = testsupport::run(model, testsupport::request({{"1g.12gb", 1}}, {}, 575));
    CHECK(older.verdict == Verdict::Feasible);  // the 4-slice layout's profile, one up to its cap
    REQUIRE_FALSE(older.notes.empty());
    CHECK(older.notes.front().find("Under driver R575, RTX-PRO-5000-48GB answers with its earlier layout") == 0);
    auto newest = testsupport::run(model, testsupport::request({{"1g.12gb", 1}}));
    CHECK(newest.verdict == Verdict::NotFeasible);  // not a profile of the current 2-slice layout
    CHECK(testsupport::hasCode(newest, Code::UNKNOWN_PROFILE));
    auto file = migcalc::generateConfigs({&model}, 575);
    bool hasEarly = false, hasCurrent = false;
    for (const auto& c : file.configs) {
      hasEarly = hasEarly || c.name == "all-1g.12gb";
      hasCurrent = hasCurrent || c.name == "all-1g.24gb";
    }
    CHECK(hasEarly);
    CHECK_FALSE(hasCurrent);
    migcalc::PlanInput in;
    in.demand = {{"1g.12gb", 1, ""}};
    in.gpus = {{"RTX-PRO-5000-48GB", std::nullopt, std::nullopt}};
    in.driver = 575;
    auto plan = migcalc::planFleet(in);
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.error().code == Code::PLACEMENTS_UNKNOWN);  // neither table has placements
  }

  TEST_CASE("A driver variant in a GPU file is read, and a malformed one is refused naming the field") {
    const std::string base =
        R"({"key": "MY-GPU", "compute_slices": 2, "memory_slices": 2, "min_driver": 575,
            "profiles": [{"name": "2g.48gb", "compute_slices": 2, "instances": 1}])";
    auto ok = migcalc::parseGpuModel(base + R"(, "driver_variants": [{"max_driver": 580, "compute_slices": 4,
        "memory_slices": 4, "note": "older", "profiles": [{"name": "4g.48gb", "compute_slices": 4, "instances": 1}]}]})");
    REQUIRE_MESSAGE(ok.ok(), ok.error().message);
    REQUIRE(ok->driver_variants.size() == 1);
    CHECK(ok->driver_variants[0].key == "MY-GPU");
    CHECK(ok->driver_variants[0].findProfile("4g.48gb") == 0);
    CHECK(ok->driver_variants[0].notes.front() == "older");
    CHECK(&ok->underDriver(578) == &ok->driver_variants[0]);

    struct Bad {
      const char* variants;
      const char* says;
    };
    for (const Bad& b : {
             Bad{R"("driver_variants": {})", "driver_variants is an object; it must be a list"},
             Bad{R"("driver_variants": [{"compute_slices": 4, "memory_slices": 4, "profiles": []}])",
                 "driver_variants[0].max_driver is missing"},
             Bad{R"("driver_variants": [{"max_driver": 560, "compute_slices": 4, "memory_slices": 4, "profiles": []}])",
                 "driver_variants[0].max_driver is 560; it must be a whole number from 575"},
             Bad{R"("driver_variants": [{"max_driver": 580, "compute_slices": 4, "memory_slices": 4}])",
                 "driver_variants[0].profiles is missing"},
             Bad{R"("driver_variants": [{"max_driver": 580, "compute_slices": 4, "memory_slices": 4, "profiles": [],
                   "driver_variants": []}])",
                 "a driver variant has none of its own"},
         }) {
      INFO(b.variants);
      auto r = migcalc::parseGpuModel(base + ", " + b.variants + "}");
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == Code::BAD_GPU_FILE);
      CHECK_MESSAGE(r.error().message.find(b.says) != std::string::npos, r.error().message);
    }
  }
}
