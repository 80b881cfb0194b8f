// generate-config: NVIDIA's named configs derived from the rules (mig-parted-format.md §4), compared with the cited
// copy of NVIDIA's config-default.yaml (tests/fixtures/interop/config-default.yaml) GPU by GPU, each checked
// feasible; and the config names of the mig-parted export, quoted and checked (issue 11 item 8).
#include <algorithm>
#include <map>
#include <set>

#include "migcalc/api/export_request.hpp"
#include "migcalc/api/generate_request.hpp"
#include "migcalc/export/export_layout.hpp"
#include "migcalc/export/export_mig_parted.hpp"
#include "migcalc/export/generate_config.hpp"
#include "migcalc/interop/mig_parted.hpp"
#include "migcalc/interop/yaml.hpp"
#include "migcalc/model/driver.hpp"
#include "test_support.hpp"

namespace {

using migcalc::GpuModel;
using migcalc::MigPartedConfig;
using migcalc::MigPartedEntry;
using migcalc::MigPartedFile;

MigPartedFile parsed(const std::string& text) {
  auto f = migcalc::parseMigPartedConfig(text);
  REQUIRE_MESSAGE(f.ok(), f.error().message);
  for (const auto& p : f->problems) FAIL_CHECK("line " << p.line << ": " << p.message);
  return *f;
}

MigPartedFile nvidiaDefault() {
  static const MigPartedFile f =
      parsed(testsupport::readText(std::string(MIGCALC_FIXTURES) + "/interop/config-default.yaml"));
  return f;
}

bool filterNames(const MigPartedEntry& e, const GpuModel& g) {
  return std::any_of(e.device_filter.begin(), e.device_filter.end(),
                     [&](const std::string& f) { return migcalc::deviceFilterMatches(f, g); });
}

bool profilesExist(const MigPartedEntry& e, const GpuModel& g) {
  return std::all_of(e.mig_devices.begin(), e.mig_devices.end(),
                     [&](const auto& d) { return g.findProfile(d.first) >= 0; });
}

/// What GPU `g` gets from each config of a file: the entries whose device filter names it or that have none (any
/// GPU), kept where every profile exists on `g` (elsewhere mig-parted fails at apply time, and NVIDIA's file means
/// each filterless all-<profile> only for the GPUs that have the profile). "off", "on: {}" or "on: 2 x 1g.10gb, ...".
std::map<std::string, std::vector<std::string>> viewOf(const MigPartedFile& f, const GpuModel& g) {
  std::map<std::string, std::vector<std::string>> out;
  for (const MigPartedConfig& c : f.configs)
    for (const MigPartedEntry& e : c.entries) {
      if (!e.device_filter.empty() && !filterNames(e, g)) continue;
      if (!profilesExist(e, g)) continue;
      CHECK(e.all_devices);
      auto devices = e.mig_devices;
      std::sort(devices.begin(), devices.end());
      std::string text = e.mig_enabled ? "on:" : "off";
      for (const auto& [p, n] : devices) text += " " + std::to_string(n) + " x " + p;
      out[c.name].push_back(text);
    }
  return out;
}

/// The models NVIDIA's file lists: a device filter names one of their PCI IDs, and every entry filtered to them
/// names only their profiles (GB200-189GB shares GB200-186GB's 0x2941, whose entries name the production board's
/// 1g.23gb; RTX PRO 5000/4500 are named by no filter).
bool listedByNvidia(const GpuModel& g) {
  bool named = false;
  for (const auto& c : nvidiaDefault().configs)
    for (const auto& e : c.entries)
      if (filterNames(e, g)) {
        named = true;
        if (!profilesExist(e, g)) return false;
      }
  return named;
}

/// The requested instances of a named config, for check().
std::vector<migcalc::ProfileCount> requestOf(const std::vector<std::pair<std::string, long long>>& devices) {
  std::vector<migcalc::ProfileCount> req;
  for (const auto& [p, n] : devices)
    if (n > 0) req.push_back({p, n});
  return req;
}

/// The oldest driver under which every profile of a config exists on `g` (and `g`'s table is the one that driver
/// has: past every older driver variant's max_driver).
int oldestDriver(const GpuModel& g, const std::vector<std::pair<std::string, long long>>& devices) {
  int driver = g.min_driver;
  for (const auto& v : g.driver_variants) driver = std::max(driver, v.max_driver + 1);
  for (const auto& [p, n] : devices) {
    int i = g.findProfile(p);
    REQUIRE(i >= 0);
    driver = std::max(driver, g.profiles[static_cast<size_t>(i)].min_driver.value_or(0));
  }
  return driver;
}

void expectFits(const GpuModel& g, const std::vector<std::pair<std::string, long long>>& devices, int driver) {
  auto r = testsupport::run(g, testsupport::request(requestOf(devices), {}, driver));
  std::string why;
  for (const auto& x : r.reasons) why += std::string(migcalc::codeName(x.code)) + ": " + x.message + "\n";
  if (g.placementsKnown())
    CHECK_MESSAGE(r.verdict == migcalc::Verdict::Feasible, why);
  else
    CHECK_MESSAGE(r.verdict != migcalc::Verdict::NotFeasible, why);
}

}  // namespace

TEST_SUITE("generate-config") {
  TEST_CASE("Config names follow builder.go: '+' becomes '.', '-me' stays") {
    CHECK(migcalc::allProfileConfigName("1g.10gb") == "all-1g.10gb");
    CHECK(migcalc::allProfileConfigName("1g.10gb+me") == "all-1g.10gb.me");
    CHECK(migcalc::allProfileConfigName("1g.24gb+me.all") == "all-1g.24gb.me.all");
    CHECK(migcalc::allProfileConfigName("1g.24gb-me") == "all-1g.24gb-me");
    CHECK(migcalc::allProfileConfigName("2g.48gb+gfx") == "all-2g.48gb.gfx");
  }

  TEST_CASE("For every model NVIDIA's default config lists, the generated file gives each GPU the same configs") {
    const std::string text = migcalc::generatedConfigYaml(migcalc::generateConfigs({}, migcalc::kNewestDriver));
    const MigPartedFile ours = parsed(text);
    // The one place where NVIDIA's static file and its rules part: the file's all-1g.35gb names H200 (0x2335) and
    // GB300 by device filter but not H200 NVL (0x233B), which has 1g.35gb x 4 too (the catalog, from NVIDIA's MIG user
    // guide) and gets it from the rule, as mig-parted's generate-config would give it on the card.
    const std::set<std::pair<std::string, std::string>> onlyOurs = {{"H200-NVL-141GB", "all-1g.35gb"}};
    std::set<std::string> listed;
    int compared = 0;
    for (const auto& g : migcalc::catalog()) {
      if (!listedByNvidia(g)) continue;
      listed.insert(g.key);
      INFO(g.key);
      auto theirs = viewOf(nvidiaDefault(), g), mine = viewOf(ours, g);
      for (const auto& kv : theirs) {
        const std::string& name = kv.first;  // (no structured bindings: clang 14 cannot capture them in INFO)
        const auto& what = kv.second;
        INFO(name);
        CHECK(what.size() == 1);
        REQUIRE(mine.count(name) == 1);
        CHECK(mine[name] == what);
        ++compared;
      }
      for (const auto& kv : mine) {
        const std::string& name = kv.first;
        const auto& what = kv.second;
        INFO(name);
        CHECK(what.size() == 1);
        if (onlyOurs.count({g.key, name})) {
          CHECK(theirs.count(name) == 0);
          continue;
        }
        CHECK_MESSAGE(theirs.count(name) == 1, "generated only: " << what.front());
      }
    }
    // Every model of the reference's table: A30, A100 40/80 GB, H100 SXM5/PCIe/NVL, GH200 96/144 GB, H20, H200 SXM/NVL,
    // B200, GB200, B300, GB300, RTX PRO 6000.
    for (const char* key : {"A30-24GB", "A100-40GB", "A100-80GB", "H100-SXM5-80GB", "H100-PCIe-80GB", "H100-NVL-94GB",
                            "GH200-96GB", "H20-96GB", "H200-SXM-141GB", "H200-NVL-141GB", "GH200-144GB", "B200-180GB",
                            "GB200-186GB", "B300-288GB", "GB300-279GB", "RTX-PRO-6000-96GB"}) {
      INFO(key);
      CHECK(listed.count(key) == 1);
    }
    for (const char* key : {"GB200-189GB", "RTX-PRO-5000-48GB", "RTX-PRO-4500-32GB"}) {
      INFO(key);
      CHECK(listed.count(key) == 0);
    }
    CHECK(compared > 150);
  }

  TEST_CASE("A name that means different counts on different GPUs gets one entry per device filter") {
    const MigPartedFile ours = parsed(migcalc::generatedConfigYaml(migcalc::generateConfigs({}, 0)));
    std::map<std::string, const MigPartedConfig*> byName;
    for (const auto& c : ours.configs) byName[c.name] = &c;
    REQUIRE(byName.count("all-1g.10gb") == 1);
    const auto& entries = byName["all-1g.10gb"]->entries;
    REQUIRE(entries.size() == 2);
    std::map<long long, const MigPartedEntry*> byCount;
    for (const auto& e : entries) {
      REQUIRE(e.mig_devices.size() == 1);
      CHECK(e.mig_devices.front().first == "1g.10gb");
      byCount[e.mig_devices.front().second] = &e;
    }
    REQUIRE(byCount.count(4) == 1);
    REQUIRE(byCount.count(7) == 1);
    CHECK(byCount[4]->device_filter ==
          std::vector<std::string>{"0x20B010DE", "0x20B110DE", "0x20F110DE", "0x20F610DE"});
    for (const std::string id : {"0x20B210DE", "0x20B510DE", "0x233010DE", "0x233110DE", "0x232210DE", "0x232410DE"}) {
      INFO(id);
      CHECK(std::count(byCount[7]->device_filter.begin(), byCount[7]->device_filter.end(), id) == 1);
    }
    // A name with one meaning has one entry for any GPU, as in NVIDIA's file; every filter is 0x<device>10DE.
    REQUIRE(byName.count("all-7g.80gb") == 1);
    CHECK(byName["all-7g.80gb"]->entries.size() == 1);
    CHECK(byName["all-7g.80gb"]->entries[0].device_filter.empty());
    std::set<std::string> seen;
    for (const auto& c : ours.configs) {
      CHECK(seen.insert(c.name).second);
      std::set<std::string> ids;
      for (const auto& e : c.entries)
        for (const auto& id : e.device_filter) {
          INFO(c.name << " " << id);
          CHECK(id.size() == 10);
          CHECK(id.substr(0, 2) == "0x");
          CHECK(id.substr(6) == "10DE");
          CHECK(ids.insert(id).second);  // no GPU gets two entries of one config
        }
    }
    CHECK(seen.count("all-disabled") == 1);
    CHECK(seen.count("all-enabled") == 1);
    CHECK(seen.count("all-balanced") == 1);
  }

  TEST_CASE("all-balanced is NVIDIA's per slice count, and 2-slice GPUs get none") {
    auto balanced = [](const char* key) {
      for (const auto& c : migcalc::namedConfigsByRule(testsupport::gpu(key), 0))
        if (c.name == "all-balanced") return c.devices;
      return std::vector<std::pair<std::string, int>>{};
    };
    using D = std::vector<std::pair<std::string, int>>;
    CHECK(balanced("A100-80GB") == D{{"1g.10gb", 2}, {"2g.20gb", 1}, {"3g.40gb", 1}});
    CHECK(balanced("A30-24GB") == D{{"1g.6gb", 2}, {"2g.12gb", 1}});
    CHECK(balanced("RTX-PRO-6000-96GB") == D{{"1g.24gb", 2}, {"2g.48gb", 1}});
    CHECK(balanced("RTX-PRO-5000-48GB").empty());
    CHECK(balanced("RTX-PRO-4500-32GB").empty());
    // The catalog's all-balanced (from NVIDIA's file, test_named_configs.cpp) is what the rule derives, model by model.
    for (const auto& g : migcalc::catalog())
      for (const auto& c : g.named_configs)
        if (c.name == "all-balanced") {
          INFO(g.key);
          auto want = c.devices, have = balanced(g.key.c_str());
          std::sort(want.begin(), want.end());
          std::sort(have.begin(), have.end());
          CHECK(have == want);
        }
  }

  TEST_CASE("The catalog's named configs agree with the rules") {
    // GB200-189GB's catalog all-1g.24gb (4) was read from NVIDIA's filterless entry, which is meant for the 4-slot
    // 1g.24gb of H100 NVL, GH200 96GB and RTX PRO 6000; the board's own 1g.24gb has 7 instances in the catalog.
    const std::set<std::pair<std::string, std::string>> differ = {{"GB200-189GB", "all-1g.24gb"}};
    for (const auto& g : migcalc::catalog()) {
      auto rules = migcalc::namedConfigsByRule(g, 0);
      for (const auto& c : g.named_configs) {
        INFO(g.key << " " << c.name);
        auto r = std::find_if(rules.begin(), rules.end(), [&](const auto& x) { return x.name == c.name; });
        REQUIRE(r != rules.end());
        if (differ.count({g.key, c.name})) {
          CHECK(r->devices != c.devices);
          continue;
        }
        auto a = r->devices, b = c.devices;
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        CHECK(a == b);
      }
    }
  }

  TEST_CASE("Every generated config fits its GPU, under the newest driver and under the oldest each needs") {
    int checked = 0;
    for (const auto& g : migcalc::catalog()) {
      for (const auto& c : migcalc::namedConfigsByRule(g, 0)) {
        INFO(g.key << " " << c.name);
        std::vector<std::pair<std::string, long long>> devices(c.devices.begin(), c.devices.end());
        expectFits(g, devices, migcalc::kNewestDriver);
        expectFits(g, devices, oldestDriver(g, devices));
        ++checked;
      }
    }
    CHECK(checked > 120);
  }

  TEST_CASE("Under --driver, what the driver lacks is left out, and the rest fits under that driver") {
    for (int driver : {450, 470, 525, 535, 550, 570, 575, 580, 595}) {
      INFO("R" << driver);
      auto file = migcalc::generateConfigs({}, driver);
      const MigPartedFile ours = parsed(migcalc::generatedConfigYaml(file));
      for (const auto& model : migcalc::catalog()) {
        const GpuModel& g = model.underDriver(driver);  // the table this driver has (an older layout, where one is)
        INFO(g.key);
        const bool supported = driver >= g.min_driver;
        CHECK(std::count(file.models.begin(), file.models.end(), g.key) == 1);
        if (!supported) {
          // Left out: no entry names it by device filter (a filterless one meant for other models may still apply
          // to it on the node, where the driver has no MIG for it anyway).
          for (const auto& c : ours.configs)
            for (const auto& e : c.entries) CHECK_FALSE(filterNames(e, g));
          continue;
        }
        for (const auto& kv : viewOf(ours, g)) {
          const std::string& name = kv.first;
          INFO(name);
          if (name == "all-disabled" || name == "all-enabled") continue;
          for (const auto& c : ours.configs)
            if (c.name == name)
              for (const auto& e : c.entries)
                if ((e.device_filter.empty() || filterNames(e, g)) && profilesExist(e, g)) {
                  for (const auto& [p, n] : e.mig_devices) {
                    auto pi = g.findProfile(p);
                    CHECK(driver >= g.profiles[static_cast<size_t>(pi)].min_driver.value_or(0));
                  }
                  expectFits(g, e.mig_devices, driver);
                }
        }
        // Every profile the driver supports has its all-<profile> on this GPU (unless another model with the same
        // PCI ID takes the name, as the two GB200 boards do).
        for (const auto& p : g.profiles)
          if (driver >= p.min_driver.value_or(0) && g.key != "GB200-189GB") {
            INFO(p.name);
            CHECK(viewOf(ours, g).count(migcalc::allProfileConfigName(p.name)) == 1);
          }
      }
    }
    // Named cases: R470 has 1g.5gb+me but not 1g.10gb on A100-40GB; R525 adds it; R450 has no +me profile.
    auto names = [](int driver, const char* key) {
      std::set<std::string> out;
      for (const auto& c : migcalc::namedConfigsByRule(testsupport::gpu(key), driver)) out.insert(c.name);
      return out;
    };
    CHECK(names(470, "A100-40GB").count("all-1g.5gb.me") == 1);
    CHECK(names(470, "A100-40GB").count("all-1g.10gb") == 0);
    CHECK(names(525, "A100-40GB").count("all-1g.10gb") == 1);
    CHECK(names(450, "A100-80GB").count("all-1g.10gb.me") == 0);
    CHECK(names(450, "A100-80GB").count("all-balanced") == 1);
    CHECK(names(535, "B200-180GB").empty());
    auto file = migcalc::generateConfigs({&testsupport::gpu("B200-180GB"), &testsupport::gpu("A30-24GB")}, 535);
    REQUIRE_FALSE(file.notes.empty());
    CHECK(file.notes.front().find("B200-180GB is left out") != std::string::npos);
  }

  TEST_CASE("Two models that share a PCI ID never both get an entry for it") {
    auto whole = migcalc::generateConfigs({}, 0);
    bool noted = false;
    for (const auto& n : whole.notes)
      noted = noted || n.find("all-balanced: GB200-189GB shares PCI ID 0x294110DE") == 0;
    CHECK(noted);
    // Alone, the early GB200 board gets its own all-balanced.
    auto alone = migcalc::generateConfigs({&testsupport::gpu("GB200-189GB")}, 0);
    const MigPartedFile f = parsed(migcalc::generatedConfigYaml(alone));
    auto view = viewOf(f, testsupport::gpu("GB200-189GB"));
    REQUIRE(view.count("all-balanced") == 1);
    CHECK(view["all-balanced"].front() == "on: 2 x 1g.24gb 1 x 2g.47gb 1 x 3g.95gb");
  }

  TEST_CASE("The JSON form is the same config") {
    auto file = migcalc::generateConfigs({&testsupport::gpu("A100-40GB"), &testsupport::gpu("A100-80GB")}, 0);
    const MigPartedFile fromYaml = parsed(migcalc::generatedConfigYaml(file));
    const MigPartedFile fromJson = parsed(migcalc::jsonText(migcalc::generatedConfigJson(file), 2));
    REQUIRE(fromYaml.configs.size() == fromJson.configs.size());
    for (size_t i = 0; i < fromYaml.configs.size(); ++i) {
      INFO(fromYaml.configs[i].name);
      CHECK(fromYaml.configs[i].name == fromJson.configs[i].name);
      REQUIRE(fromYaml.configs[i].entries.size() == fromJson.configs[i].entries.size());
      for (size_t k = 0; k < fromYaml.configs[i].entries.size(); ++k) {
        CHECK(fromYaml.configs[i].entries[k].device_filter == fromJson.configs[i].entries[k].device_filter);
        CHECK(fromYaml.configs[i].entries[k].mig_devices == fromJson.configs[i].entries[k].mig_devices);
        CHECK(fromYaml.configs[i].entries[k].mig_enabled == fromJson.configs[i].entries[k].mig_enabled);
      }
    }
  }

  TEST_CASE("generateConfigFromJson reads its arguments strictly") {
    auto ok = migcalc::generateConfigFromJson({{"gpus", {"A30-24GB"}}, {"driver", "R535"}, {"format", "json"}});
    REQUIRE(ok.ok());
    CHECK((*ok)["gpus"] == migcalc::Json{"A30-24GB"});
    CHECK((*ok)["driver"] == "R535");
    CHECK((*ok)["config"]["mig-configs"].contains("all-balanced"));
    CHECK(migcalc::generateConfigFromJson(nullptr).ok());
    CHECK(migcalc::generateConfigFromJson(migcalc::Json::object()).ok());
    auto code = [](const migcalc::Json& args) {
      auto r = migcalc::generateConfigFromJson(args);
      return r.ok() ? std::string("ok") : std::string(migcalc::codeName(r.error().code));
    };
    CHECK(code({{"format", "xml"}}) == "BAD_EXPORT_REQUEST");
    CHECK(code({{"format", 1}}) == "BAD_EXPORT_REQUEST");
    CHECK(code({{"gpus", "A30-24GB"}}) == "BAD_EXPORT_REQUEST");
    CHECK(code({{"gpus", {1}}}) == "BAD_EXPORT_REQUEST");
    CHECK(code({{"gpus", {"no-such-gpu"}}}) == "UNKNOWN_GPU");
    CHECK(code({{"driver", "R9x"}}) == "BAD_DRIVER");
    CHECK(code(migcalc::Json::array()) == "BAD_EXPORT_REQUEST");
  }
}

// Issue 11 item 8: config names of the mig-parted export.
TEST_SUITE("mig-parted config names") {
  // Names that YAML 1.1 (mig-parted's go-yaml v2) or 1.2 reads as something else, or that break the file.
  const std::vector<std::string> kHostile = {"null",
                                             "Null",
                                             "NULL",
                                             "~",
                                             "",
                                             "a: b",
                                             "*a",
                                             "&a",
                                             "!a",
                                             "#x",
                                             "x #y",
                                             "on",
                                             "On",
                                             "OFF",
                                             "yes",
                                             "No",
                                             "y",
                                             "n",
                                             "true",
                                             "False",
                                             "0x10",
                                             "010",
                                             "1.0",
                                             "1e3",
                                             "1_000",
                                             "12345",
                                             "-1",
                                             "+1",
                                             ".inf",
                                             ".nan",
                                             "2024-01-01",
                                             "1:30",
                                             "a\"b",
                                             "a'b",
                                             "'a'",
                                             "\"a\"",
                                             "a\nb",
                                             "a\tb",
                                             " a",
                                             "a ",
                                             "[a]",
                                             "{a}",
                                             "a,b",
                                             "- a",
                                             "? a",
                                             "%a",
                                             "@a",
                                             "`a",
                                             "|",
                                             ">",
                                             "a\\b",
                                             "<<",
                                             "=",
                                             "all-disabled",
                                             "caf\xC3\xA9",
                                             "a\xE2\x80\xA8"
                                             "b",
                                             "\xEF\xBB\xBF"
                                             "a",
                                             "a\xC2\x85",
                                             std::string("a\0b", 3),
                                             "a\x7F",
                                             std::string(64, 'a'),
                                             "-a",
                                             "a-"};

  TEST_CASE("yamlScalar reads back as the same string in migcalc's reader, for every hostile name") {
    REQUIRE(kHostile.size() >= 40);
    for (const auto& name : kHostile) {
      INFO(migcalc::jsonText(migcalc::Json(name)));
      std::string text = migcalc::yamlScalar(name) + ": 1\n";
      auto y = migcalc::parseYaml(text);
      REQUIRE_MESSAGE(y.ok(), y.error().message);
      REQUIRE(y->value.is_object());
      REQUIRE(y->value.size() == 1);
      CHECK(y->value.begin().key() == name);
      CHECK(migcalc::yamlScalar(name).find('\n') == std::string::npos);
    }
    CHECK(migcalc::yamlScalar("inference-7x1g") == "inference-7x1g");
    CHECK(migcalc::yamlScalar("on") == "\"on\"");
    CHECK(migcalc::yamlScalar("0x10") == "\"0x10\"");
    CHECK(migcalc::yamlScalar("a\"b\\c\nd") == "\"a\\\"b\\\\c\\nd\"");
    CHECK(migcalc::yamlScalar("a\xFF") == "\"a\\uFFFD\"");
  }

  TEST_CASE("export --name: each hostile name is refused with a clear error or round-trips") {
    int refused = 0, written = 0;
    for (const auto& name : kHostile) {
      INFO(migcalc::jsonText(migcalc::Json(name)));
      migcalc::Json args = {{"format", "mig-parted"}, {"gpu", "A100-40GB"}, {"request", {"3g.20gb:2"}}, {"name", name}};
      auto out = migcalc::exportFromJson(args);
      if (!out.ok()) {
        // The label rule or the shadowing rule (configNameError), or the reader's bounds (empty, over 63 bytes).
        CHECK((out.error().code == migcalc::Code::BAD_EXPORT_REQUEST || out.error().code == migcalc::Code::TOO_LARGE));
        CHECK(out.error().message.find("name") != std::string::npos);
        ++refused;
        continue;
      }
      const MigPartedFile f = parsed((*out)["text"].get<std::string>());
      REQUIRE(f.configs.size() == 2);
      CHECK(f.configs[0].name == "all-disabled");
      CHECK(f.configs[1].name == name);
      ++written;
    }
    CHECK(refused > 0);
    CHECK(written > 0);
  }

  TEST_CASE("A name of another config in the same file is refused") {
    auto e = migcalc::configNameError("all-disabled");
    REQUIRE(e.has_value());
    CHECK(e->code == migcalc::Code::BAD_EXPORT_REQUEST);
    CHECK(e->message.find("already has a config of that name") != std::string::npos);
    CHECK_FALSE(migcalc::configNameError("all-disabled", {}).has_value());
    CHECK(migcalc::configNameError("x", {"x"}).has_value());
    CHECK_FALSE(migcalc::configNameError("All-Disabled").has_value());  // another key: YAML keys keep their case
  }

  TEST_CASE("Names YAML 1.1 reads as another type are written quoted") {
    for (const char* name : {"null", "on", "yes", "No", "y", "0x10", "010", "1.0", "1e3", "12345", "true", "OFF"}) {
      INFO(name);
      migcalc::Json args = {{"format", "mig-parted"}, {"gpu", "A30-24GB"}, {"request", {"4g.24gb"}}, {"name", name}};
      auto out = migcalc::exportFromJson(args);
      REQUIRE(out.ok());
      CHECK((*out)["text"].get<std::string>().find("\n  \"" + std::string(name) + "\":\n") != std::string::npos);
    }
  }
}
