// NVIDIA's named configs (mig-parted config-default.yaml, reference mig-parted-format.md §5): all feasible on
// their GPUs, and the catalog carries the reference's all-balanced entries.
#include "test_support.hpp"

TEST_SUITE("named configs") {
  TEST_CASE("Every named config of every model with known placements is feasible on it") {
    int checked = 0;
    for (const auto& g : migcalc::catalog()) {
      if (!g.placementsKnown()) continue;
      for (const auto& c : g.named_configs) {
        INFO(g.key << " " << c.name);
        std::vector<migcalc::ProfileCount> req;
        for (const auto& [name, count] : c.devices)
          if (count > 0) req.push_back({name, count});
        auto r = testsupport::run(g, testsupport::request(req));
        std::string why;
        for (const auto& x : r.reasons) why += std::string(migcalc::codeName(x.code)) + ": " + x.message + "\n";
        CHECK_MESSAGE(r.verdict == migcalc::Verdict::Feasible, why);
        ++checked;
      }
    }
    CHECK(checked > 100);
  }

  TEST_CASE("all-<profile> configs name a profile of the model and ask for at most its Instances Total") {
    for (const auto& g : migcalc::catalog()) {
      for (const auto& c : g.named_configs) {
        if (c.name == "all-balanced") continue;
        INFO(g.key << " " << c.name);
        REQUIRE(c.devices.size() == 1);
        const std::string& name = c.devices.front().first;
        const int count = c.devices.front().second;
        int p = g.findProfile(name);
        REQUIRE(p >= 0);
        CHECK(count <= g.profiles[static_cast<size_t>(p)].instances);
        // mig-parted spells "+" as "." in config names; "-me" stays
        std::string spelled = name;
        for (auto& ch : spelled)
          if (ch == '+') ch = '.';
        CHECK(c.name == "all-" + spelled);
      }
    }
  }

  TEST_CASE("The catalog's all-balanced configs are NVIDIA's, GPU by GPU") {
    struct Balanced {
      const char* key;
      std::vector<std::pair<std::string, int>> devices;
    };
    // mig-parted-format.md §5 (device-filtered all-balanced entries)
    const std::vector<Balanced> table = {
        {"A30-24GB", {{"1g.6gb", 2}, {"2g.12gb", 1}}},
        {"A100-40GB", {{"1g.5gb", 2}, {"2g.10gb", 1}, {"3g.20gb", 1}}},
        {"A100-80GB", {{"1g.10gb", 2}, {"2g.20gb", 1}, {"3g.40gb", 1}}},
        {"H100-SXM5-80GB", {{"1g.10gb", 2}, {"2g.20gb", 1}, {"3g.40gb", 1}}},
        {"H100-PCIe-80GB", {{"1g.10gb", 2}, {"2g.20gb", 1}, {"3g.40gb", 1}}},
        {"H100-NVL-94GB", {{"1g.12gb", 2}, {"2g.24gb", 1}, {"3g.47gb", 1}}},
        {"H200-SXM-141GB", {{"1g.18gb", 2}, {"2g.35gb", 1}, {"3g.71gb", 1}}},
        {"H200-NVL-141GB", {{"1g.18gb", 2}, {"2g.35gb", 1}, {"3g.71gb", 1}}},
        {"GH200-144GB", {{"1g.18gb", 2}, {"2g.36gb", 1}, {"3g.72gb", 1}}},
        {"B200-180GB", {{"1g.23gb", 2}, {"2g.45gb", 1}, {"3g.90gb", 1}}},
        {"GB200-186GB", {{"1g.23gb", 2}, {"2g.47gb", 1}, {"3g.93gb", 1}}},
        {"B300-288GB", {{"1g.34gb", 2}, {"2g.67gb", 1}, {"3g.135gb", 1}}},
        {"GB300-279GB", {{"1g.35gb", 2}, {"2g.70gb", 1}, {"3g.139gb", 1}}},
        {"RTX-PRO-6000-96GB", {{"1g.24gb", 2}, {"2g.48gb", 1}}},
    };
    for (const auto& b : table) {
      INFO(b.key);
      const auto& g = testsupport::gpu(b.key);
      const migcalc::NamedConfig* found = nullptr;
      for (const auto& c : g.named_configs)
        if (c.name == "all-balanced") found = &c;
      REQUIRE(found != nullptr);
      auto have = found->devices, want = b.devices;
      std::sort(have.begin(), have.end());
      std::sort(want.begin(), want.end());
      CHECK(have == want);
    }
    // 2-slice GPUs get no balanced config (mig-parted-format.md §4)
    for (const char* k : {"RTX-PRO-5000-48GB", "RTX-PRO-4500-32GB"}) CHECK(testsupport::gpu(k).named_configs.empty());
  }

  TEST_CASE("The same config name means different counts on different GPUs") {
    auto countOf = [](const char* key, const char* config) {
      for (const auto& c : testsupport::gpu(key).named_configs)
        if (c.name == config) return c.devices.front().second;
      return -1;
    };
    CHECK(countOf("A100-80GB", "all-1g.10gb") == 7);
    CHECK(countOf("H100-SXM5-80GB", "all-1g.10gb") == 7);
    CHECK(countOf("A100-40GB", "all-1g.10gb") == 4);
    CHECK(countOf("H200-SXM-141GB", "all-1g.35gb") == 4);
    CHECK(countOf("GB300-279GB", "all-1g.35gb") == 7);
  }
}
