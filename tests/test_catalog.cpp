// The GPU catalog: every model of the reference, found by key, nvidia-smi name or PCI ID, with sources,
// confidence and the reference's numbers; and custom GPU files with clear errors.
#include "migcalc/io/json_io.hpp"
#include "test_support.hpp"

using migcalc::Code;
using migcalc::findGpu;

namespace {

const char* const kKeys[] = {
    "A30-24GB",       "A100-40GB",         "A100-80GB",         "H100-SXM5-80GB",   "H100-PCIe-80GB", "H100-NVL-94GB",
    "H100-SXM5-94GB", "H100-SXM5-64GB",    "GH200-96GB",        "H20-96GB",         "H20-141GB",      "H200-SXM-141GB",
    "H200-NVL-141GB", "GH200-144GB",       "B200-180GB",        "GB200-186GB",      "GB200-189GB",    "B300-288GB",
    "GB300-279GB",    "RTX-PRO-6000-96GB", "RTX-PRO-5000-48GB", "RTX-PRO-4500-32GB"};

std::string keyOf(const std::string& query) {
  auto r = findGpu(query);
  return r.ok() ? (*r)->key : std::string("error ") + r.error().codeName();
}

bool mentions(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_SUITE("catalog") {
  TEST_CASE("All 22 models of the issues are in the catalog under their exact keys") {
    // the first 19, then H100 SXM5 94GB / 64GB and H20 141GB (issue 11 item 5)
    CHECK(migcalc::catalog().size() == 22);
    for (const char* k : kKeys) CHECK(keyOf(k) == k);
  }

  TEST_CASE("A model is found by the product name nvidia-smi prints, ignoring case") {
    CHECK(keyOf("NVIDIA H100 80GB HBM3") == "H100-SXM5-80GB");
    CHECK(keyOf("nvidia h100 80gb hbm3") == "H100-SXM5-80GB");
    CHECK(keyOf("NVIDIA A100-SXM4-40GB") == "A100-40GB");
    CHECK(keyOf("NVIDIA A100-PCIE-40GB") == "A100-40GB");
    CHECK(keyOf("NVIDIA A100-SXM4-80GB") == "A100-80GB");
    CHECK(keyOf("NVIDIA H100 NVL") == "H100-NVL-94GB");
    CHECK(keyOf("NVIDIA A30") == "A30-24GB");
    CHECK(keyOf("NVIDIA RTX PRO 6000 Blackwell Server Edition") == "RTX-PRO-6000-96GB");
    CHECK(keyOf("h100-sxm5-80gb") == "H100-SXM5-80GB");  // keys ignore case too
  }

  TEST_CASE("A model is found by PCI device ID in both the 0x2330 and the 0x233010DE forms") {
    CHECK(keyOf("0x2330") == "H100-SXM5-80GB");
    CHECK(keyOf("0x233010DE") == "H100-SXM5-80GB");
    CHECK(keyOf("0x233010de") == "H100-SXM5-80GB");
    CHECK(keyOf("0x20B7") == "A30-24GB");
    CHECK(keyOf("0x20B710DE") == "A30-24GB");
    CHECK(keyOf("0x2bb5") == "RTX-PRO-6000-96GB");
    CHECK(keyOf("0x20F110DE") == "A100-40GB");
    CHECK(keyOf("0x233B10DE") == "H200-NVL-141GB");
    CHECK(keyOf("0x2330FFFF") == "error UNKNOWN_GPU");  // another vendor's ID is not an NVIDIA device
  }

  TEST_CASE("The GB200 PCI ID and name match two board revisions, the error lists both with their total memory") {
    for (const char* q : {"0x2941", "0x294110DE", "NVIDIA GB200"}) {
      INFO(q);
      auto r = findGpu(q);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == Code::AMBIGUOUS_GPU);
      CHECK(mentions(r.error().message, "GB200-186GB"));
      CHECK(mentions(r.error().message, "GB200-189GB"));
      CHECK(mentions(r.error().message, "189471 MiB"));  // production board, nvidia-smi total (reference §2)
      CHECK(mentions(r.error().message, "total memory"));
    }
  }

  TEST_CASE("An unknown GPU is refused with close keys suggested") {
    auto r = findGpu("H100-SXM-80GB");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Code::UNKNOWN_GPU);
    CHECK(mentions(r.error().message, "H100-SXM5-80GB"));
    auto a = findGpu("A100-40G");
    REQUIRE_FALSE(a.ok());
    CHECK(mentions(a.error().message, "A100-40GB"));
    auto empty = findGpu("   ");
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().code == Code::UNKNOWN_GPU);
    CHECK(migcalc::closeGpuKeys("RTX-PRO-6000").front() == "RTX-PRO-6000-96GB");
  }

  TEST_CASE("A GPU written in words suggests the models with those words first") {
    auto close = migcalc::closeGpuKeys("H100 80GB");
    REQUIRE(close.size() >= 2);
    CHECK(close[0] == "H100-SXM5-80GB");
    CHECK(close[1] == "H100-PCIe-80GB");
    CHECK(migcalc::closeGpuKeys("rtx 6000").front() == "RTX-PRO-6000-96GB");
    CHECK(migcalc::closeGpuKeys("80GB HBM3").front() == "H100-SXM5-80GB");  // words of the nvidia-smi name
  }

  TEST_CASE("Every model carries its sources and a confidence for its placements") {
    for (const auto& g : migcalc::catalog()) {
      INFO(g.key);
      CHECK_FALSE(g.sources.empty());
      CHECK_FALSE(g.confidence.empty());
      CHECK(g.confidence.count("placements") == 1);
      CHECK_FALSE(g.family.empty());
      CHECK_FALSE(g.pci_ids.empty());
      CHECK(g.min_driver > 0);
      for (const auto& p : g.profiles) {
        INFO(p.name);
        CHECK_FALSE(p.confidence.empty());
        for (int s : p.sources) CHECK((s >= 0 && s < static_cast<int>(g.sources.size())));
      }
    }
  }

  TEST_CASE("Utilization uses the full-GPU profile's SMs: 98 on A100, not the die's 108") {
    CHECK(testsupport::gpu("A100-40GB").fullSm() == 98);
    CHECK(testsupport::gpu("A100-80GB").fullSm() == 98);
    CHECK(testsupport::gpu("A100-40GB").die_sm == 108);
    CHECK(testsupport::gpu("H100-SXM5-80GB").fullSm() == 132);
    CHECK(testsupport::gpu("H100-PCIe-80GB").fullSm() == 114);
    CHECK(testsupport::gpu("A30-24GB").fullSm() == 56);
    CHECK(testsupport::gpu("RTX-PRO-6000-96GB").fullSm() == 188);      // 4g.96gb, not the +gfx variant
    CHECK_FALSE(testsupport::gpu("B200-180GB").fullSm().has_value());  // 7g row not seen: unknown stays unknown
    CHECK_FALSE(testsupport::gpu("H20-96GB").fullSm().has_value());
  }

  TEST_CASE("Total memory is the nvidia-smi figure of the reference, or unknown") {
    CHECK(testsupport::gpu("A30-24GB").total_memory_mib == 24576);
    CHECK(testsupport::gpu("H100-SXM5-80GB").total_memory_mib == 81559);
    CHECK(testsupport::gpu("H100-NVL-94GB").total_memory_mib == 95830);
    CHECK(testsupport::gpu("H200-SXM-141GB").total_memory_mib == 143771);
    CHECK(testsupport::gpu("H20-141GB").total_memory_mib == 143771);  // H20-3e, the same nvidia-smi total as H200
    CHECK(testsupport::gpu("GH200-144GB").total_memory_mib == 146831);
    CHECK(testsupport::gpu("B200-180GB").total_memory_mib == 183359);
    CHECK(testsupport::gpu("GB200-186GB").total_memory_mib == 189471);
    CHECK(testsupport::gpu("RTX-PRO-6000-96GB").total_memory_mib == 97887);
    for (const char* k : {"GH200-96GB", "H20-96GB", "B300-288GB", "GB300-279GB", "RTX-PRO-5000-48GB",
                          "RTX-PRO-4500-32GB", "H100-SXM5-94GB", "H100-SXM5-64GB"})
      CHECK_MESSAGE(!testsupport::gpu(k).total_memory_mib.has_value(), k);
  }

  TEST_CASE("Slices and placement units follow the reference: 7/8/8, 4/4/4 on A30, 4/4/12 on RTX PRO 6000") {
    for (const auto& g : migcalc::catalog()) {
      INFO(g.key);
      if (g.key == "A30-24GB") {
        CHECK((g.compute_slices == 4 && g.memory_slices == 4 && g.units() == 4));
      } else if (g.key == "RTX-PRO-6000-96GB") {
        CHECK((g.compute_slices == 4 && g.memory_slices == 4 && g.units() == 12));
      } else if (g.key == "RTX-PRO-5000-48GB" || g.key == "RTX-PRO-4500-32GB") {
        CHECK((g.compute_slices == 2 && g.memory_slices == 2));
        CHECK_FALSE(g.placement_units.has_value());
        CHECK_FALSE(g.placementsKnown());
      } else {
        CHECK((g.compute_slices == 7 && g.memory_slices == 8 && g.units() == 8));
        CHECK(g.placementsKnown());
      }
    }
  }

  TEST_CASE("Models whose placements were never seen on hardware say they are inferred") {
    for (const char* k :
         {"H200-SXM-141GB", "H200-NVL-141GB", "GH200-96GB", "GH200-144GB", "H20-96GB", "B200-180GB", "GB200-186GB",
          "GB200-189GB", "B300-288GB", "GB300-279GB", "H100-SXM5-94GB", "H100-SXM5-64GB", "H20-141GB"})
      CHECK_MESSAGE(testsupport::gpu(k).placementsInferred(), k);
    for (const char* k :
         {"A30-24GB", "A100-40GB", "H100-SXM5-80GB", "H100-PCIe-80GB", "H100-NVL-94GB", "RTX-PRO-6000-96GB"})
      CHECK_MESSAGE(!testsupport::gpu(k).placementsInferred(), k);
    auto r = testsupport::run(testsupport::gpu("B200-180GB"), testsupport::request({{"1g.23gb", 1}}));
    REQUIRE_FALSE(r.notes.empty());
    CHECK(mentions(r.notes.front(), "inferred"));
  }

  TEST_CASE("Profiles carry the -lgip IDs, caps and placements of the reference tables") {
    const auto& h = testsupport::gpu("H100-SXM5-80GB");
    struct Row {
      const char* name;
      int id, cap;
      const char* placements;
    };
    for (const Row& row :
         {Row{"1g.10gb", 19, 7, "{0,1,2,3,4,5,6}:1"}, Row{"1g.10gb+me", 20, 1, "{0,1,2,3,4,5,6}:1"},
          Row{"1g.20gb", 15, 4, "{0,2,4,6}:2"}, Row{"2g.20gb", 14, 3, "{0,2,4}:2"}, Row{"3g.40gb", 9, 2, "{0,4}:4"},
          Row{"4g.40gb", 5, 1, "{0}:4"}, Row{"7g.80gb", 0, 1, "{0}:8"}}) {
      INFO(row.name);
      int i = h.findProfile(row.name);
      REQUIRE(i >= 0);
      const auto& p = h.profiles[static_cast<size_t>(i)];
      CHECK(p.id == row.id);
      CHECK(p.instances == row.cap);
      CHECK(p.placementsText() == row.placements);
    }
    const auto& a30 = testsupport::gpu("A30-24GB");
    CHECK(a30.profiles[static_cast<size_t>(a30.findProfile("1g.6gb+me"))].id == 21);
    CHECK(a30.profiles[static_cast<size_t>(a30.findProfile("2g.12gb+me"))].id == 6);
    const auto& rtx = testsupport::gpu("RTX-PRO-6000-96GB");
    CHECK(rtx.profiles[static_cast<size_t>(rtx.findProfile("1g.24gb+me.all"))].id == 65);
    CHECK(rtx.profiles[static_cast<size_t>(rtx.findProfile("1g.24gb-me"))].id == 67);
    CHECK(rtx.profiles[static_cast<size_t>(rtx.findProfile("2g.48gb+me.all"))].id == 64);
    CHECK(rtx.profiles[static_cast<size_t>(rtx.findProfile("4g.96gb"))].placementsText() == "{0}:12");
    // the engine totals are the full-GPU profile's (reference §4.6)
    CHECK(h.engine_totals.dec == 7);
    CHECK(h.engine_totals.ofa == 1);
    CHECK(a30.engine_totals.jpeg == 1);
  }

  TEST_CASE(
      "Every profile row of the reference tables is in the catalog with the same numbers, and '?' stays unknown") {
    // tests/fixtures/reference_tables.json: mig-hardware.md section 2, written by make_reference_tables.py
    migcalc::Json ref = testsupport::fixture("reference_tables.json");
    REQUIRE(ref["gpus"].size() == 16);
    auto same = [](const std::optional<int>& have, const migcalc::Json& want) {
      return want.is_null() ? !have.has_value() : (have.has_value() && *have == want.get<int>());
    };
    for (auto it = ref["gpus"].begin(); it != ref["gpus"].end(); ++it) {
      const auto& g = testsupport::gpu(it.key());
      CHECK_MESSAGE(g.profiles.size() == it.value().size(), it.key());
      for (const auto& row : it.value()) {
        std::string name = row["profile"].get<std::string>();
        INFO(it.key() << " " << name);
        int i = g.findProfile(name);
        REQUIRE(i >= 0);
        const auto& p = g.profiles[static_cast<size_t>(i)];
        CHECK(same(p.id, row["id"]));
        CHECK(p.instances == row["instances"].get<int>());
        CHECK(p.placementsText() == row["placements"].get<std::string>());
        CHECK(same(p.sm, row["sm"]));
        CHECK(same(p.memory_mib, row["memory_mib"]));
        CHECK(same(p.engines.dec, row["dec"]));
        CHECK(same(p.engines.enc, row["enc"]));
        CHECK(same(p.engines.jpeg, row["jpeg"]));
        CHECK(same(p.engines.ofa, row["ofa"]));
        CHECK(same(p.engines.ce, row["ce"]));
        if (row["memory_gib"].is_null())
          CHECK_FALSE(p.memory_gib.has_value());
        else
          CHECK(p.memory_gib == doctest::Approx(row["memory_gib"].get<double>()));
      }
    }
  }

  TEST_CASE("Models without placements are listed with what is known, and their placements say unknown") {
    const auto& g = testsupport::gpu("RTX-PRO-5000-48GB");
    CHECK(g.profiles.size() == 7);  // the 2-slice layout of the latest MIG UG (reference §2)
    for (const auto& p : g.profiles) CHECK(p.placementsText() == "unknown");
    const auto& g45 = testsupport::gpu("RTX-PRO-4500-32GB");
    CHECK(g45.findProfile("1g.16gb+me") == -1);  // no plain +me on RTX PRO 4500
    CHECK(g45.findProfile("1g.16gb+me.all") >= 0);
  }

  TEST_CASE("The catalog version is a date and the embedded JSON is the catalog file") {
    std::string v = migcalc::catalogVersion();
    CHECK(v.size() == 10);
    CHECK(v[4] == '-');
    auto doc = migcalc::parseJson(migcalc::catalogJson(), migcalc::Code::BAD_INPUT);
    REQUIRE(doc.ok());
    CHECK((*doc)["gpus"].size() == 22);
  }
}

TEST_SUITE("catalog custom GPU file") {
  TEST_CASE("A catalog model written out in the data format reads back as the same custom model") {
    for (const auto& g : migcalc::catalog()) {
      INFO(g.key);
      auto back = migcalc::parseGpuModel(migcalc::gpuModelJson(g).dump());
      REQUIRE_MESSAGE(back.ok(), back.error().message);
      CHECK(back->custom);
      CHECK(back->key == g.key);
      CHECK(back->units() == g.units());
      REQUIRE(back->profiles.size() == g.profiles.size());
      for (size_t i = 0; i < g.profiles.size(); ++i) {
        CHECK(back->profiles[i].name == g.profiles[i].name);
        CHECK(back->profiles[i].starts == g.profiles[i].starts);
        CHECK(back->profiles[i].size == g.profiles[i].size);
        CHECK(back->profiles[i].instances == g.profiles[i].instances);
      }
    }
  }

  TEST_CASE("A small hand-written custom GPU is parsed, also wrapped in {gpus: [...]}, and checked") {
    const std::string model = R"({"key": "MY-GPU", "compute_slices": 2, "memory_slices": 2, "placement_units": 2,
      "profiles": [{"name": "1g.8gb", "compute_slices": 1, "instances": 2, "placements": "{0,1}:1"},
                   {"name": "2g.16gb", "compute_slices": 2, "instances": 1, "placements": "{0}:2"}]})";
    for (const std::string& text : {model, "{\"gpus\": [" + model + "]}"}) {
      auto g = migcalc::parseGpuModel(text);
      REQUIRE_MESSAGE(g.ok(), g.error().message);
      CHECK(g->key == "MY-GPU");
      CHECK(g->placementsKnown());
      auto ok = testsupport::run(*g, testsupport::request({{"1g.8gb", 2}}));
      CHECK(ok.verdict == migcalc::Verdict::Feasible);
      auto no = testsupport::run(*g, testsupport::request({{"1g.8gb", 1}, {"2g.16gb", 1}}));
      CHECK(no.verdict == migcalc::Verdict::NotFeasible);
    }
  }

  TEST_CASE("Malformed custom GPU files are refused with a message naming what is wrong") {
    const std::string p1 = R"({"name": "1g.8gb", "compute_slices": 1, "instances": 2, "placements": "{0,1}:1"})";
    auto model = [&](const std::string& extra, const std::string& profiles) {
      return R"({"key": "MY-GPU", "compute_slices": 2, "memory_slices": 2, "placement_units": 2)" + extra +
             R"(, "profiles": [)" + profiles + "]}";
    };
    struct Bad {
      std::string text;
      const char* mentions;
    };
    const Bad cases[] = {
        {"{\"key\": \"X\",", "line"},                                               // not JSON: says where
        {"[1, 2]", "object"},                                                       // not an object
        {R"({"gpus": []})", "one model"},                                           // empty wrapper
        {R"({"compute_slices": 2, "memory_slices": 2, "profiles": []})", "key"},    // no key
        {R"({"key": "X", "memory_slices": 2, "profiles": []})", "compute_slices"},  // missing field
        {R"({"key": "X", "compute_slices": "two", "memory_slices": 2, "profiles": []})",
         "compute_slices"},                                                        // wrong type
        {R"({"key": "X", "compute_slices": 2, "memory_slices": 2})", "profiles"},  // no profiles
        {model("", R"({"name": "1g8gb", "compute_slices": 1, "instances": 1})"),
         "profiles[0].name is the text \"1g8gb\"; it must be a profile name"},
        {model("", R"({"compute_slices": 1, "instances": 1})"), "name"},
        {model("", R"({"name": "1g.8gb", "compute_slices": 1, "instances": 0, "placements": "{0}:1"})"), "instances"},
        {model("", R"({"name": "1g.8gb", "compute_slices": 1, "instances": 2, "placements": "{0,1:1"})"), "placements"},
        {model("", R"({"name": "1g.8gb", "compute_slices": 1, "instances": 2, "placements": "{0,2}:1"})"), "runs past"},
        {model("", p1 + "," + p1), "listed twice"},
        {model("", p1 + R"(, {"name": "2g.16gb", "compute_slices": 2, "instances": 1})"),
         "for all profiles or for none"},
        {model(R"(, "named_configs": {"all": {"1g.8gb": -1}})", p1), "named_configs"},
        {R"({"key": "X", "compute_slices": 2, "memory_slices": 2, "profiles": [{"name": "1g.8gb", "compute_slices": 1, "instances": 1, "placements": "{0}:1"}]})",
         "placement_units"},
    };
    for (const auto& b : cases) {
      INFO(b.text);
      auto r = migcalc::parseGpuModel(b.text);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == Code::BAD_GPU_FILE);
      CHECK_MESSAGE(mentions(r.error().message, b.mentions), r.error().message);
    }
  }
}
