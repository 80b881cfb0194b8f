// mig-parted configs: the parser's rules with line numbers, ConfigMap unwrapping, validation against the catalog,
// and compute-instance sub-profiles packed into the fewest GPU instances.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "migcalc/engine/compute_instances.hpp"
#include "migcalc/interop/mig_parted.hpp"
#include "migcalc/model/catalog.hpp"

using namespace migcalc;

namespace {

std::string interopFile(const std::string& name) {
  std::ifstream in(std::string(MIGCALC_FIXTURES) + "/interop/" + name, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << name);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<SchemaProblem> problemsOf(const std::string& text) {
  auto file = parseMigPartedConfig(text);
  REQUIRE_MESSAGE(file.ok(), file.error().message);
  return file->problems;
}

bool hasProblem(const std::vector<SchemaProblem>& ps, int line, const std::string& words) {
  return std::any_of(ps.begin(), ps.end(), [&](const SchemaProblem& p) {
    return p.line == line && p.message.find(words) != std::string::npos;
  });
}

const EntryReport& entry(const ValidationReport& r, const std::string& config, size_t index = 0) {
  auto it = std::find_if(r.entries.begin(), r.entries.end(),
                         [&](const EntryReport& e) { return e.config == config && e.index == index; });
  REQUIRE_MESSAGE(it != r.entries.end(), "no entry " << config << "[" << index << "]");
  return *it;
}

const EntryOnGpu& on(const EntryReport& e, const std::string& gpu) {
  auto it = std::find_if(e.results.begin(), e.results.end(), [&](const EntryOnGpu& r) { return r.gpu == gpu; });
  REQUIRE_MESSAGE(it != e.results.end(), "no result for " << gpu << " in " << e.config);
  return *it;
}

const std::string kHead = "version: v1\nmig-configs:\n";

}  // namespace

TEST_SUITE("mig_parted") {
  TEST_CASE("NVIDIA's default config validates clean, with GB200-189GB in the catalog") {
    auto report = validateMigParted(interopFile("config-default.yaml"));
    REQUIRE_MESSAGE(report.ok(), report.error().message);
    CHECK(report->schema_errors.empty());
    for (const auto& e : report->entries) CHECK_MESSAGE(!e.error, e.config << ": " << e.error.value_or(""));
    CHECK(report->exit_code == 0);
    // Per-model configs without a device-filter apply where the profile exists, nowhere else.
    const auto& e = entry(*report, "all-7g.189gb");
    CHECK(on(e, "GB200-189GB").status == "feasible");
    CHECK(on(e, "GB200-186GB").status == "not applicable");
    // all-1g.10gb means 7 on 80GB parts and 4 (the double-memory 1g) on A100-40GB, per device-filter.
    const auto& a = entry(*report, "all-1g.10gb", 0);
    CHECK(on(a, "A100-80GB").instances.size() == 7);
    CHECK(on(a, "H100-SXM5-80GB").status == "feasible");
    const auto& b = entry(*report, "all-1g.10gb", 1);
    CHECK(on(b, "A100-40GB").instances.size() == 4);
    CHECK(std::none_of(b.results.begin(), b.results.end(), [](const EntryOnGpu& r) { return r.gpu == "A100-80GB"; }));
    // The GB200 all-balanced entry names production-board profiles: the early board (same PCI ID) lacks them.
    bool found = false;
    for (const auto& en : report->entries)
      if (en.config == "all-balanced" && std::any_of(en.results.begin(), en.results.end(),
                                                     [](const EntryOnGpu& r) { return r.gpu == "GB200-189GB"; })) {
        found = true;
        CHECK(on(en, "GB200-189GB").status == "not applicable");
        CHECK(on(en, "GB200-186GB").status == "feasible");
      }
    CHECK(found);
  }

  TEST_CASE("the parser's rules are reported in our words with line numbers") {
    auto ps = problemsOf(
        "version: v2\nmig-configs:\n  a:\n    - devices: some\n      mig-enabled: true\n      mig-devices:\n        "
        "\"1g.5gb\": -1\n"
        "        \"bogus\": 1\n  b: []\n  c:\n    - mig-enabled: false\n      mig-devices: {\"1g.5gb\": 1}\n      "
        "colour: red\n");
    CHECK(hasProblem(ps, 1, "unknown version"));
    CHECK(hasProblem(ps, 4, "exactly 'all'"));
    CHECK(hasProblem(ps, 7, "negative"));
    CHECK(hasProblem(ps, 8, "not a MIG profile name"));
    CHECK(hasProblem(ps, 9, "no entries"));
    CHECK(hasProblem(ps, 11, "'devices' is missing"));
    CHECK(hasProblem(ps, 12, "'mig-enabled: false' with instances"));
    CHECK(hasProblem(ps, 13, "unknown field 'colour'"));
  }

  TEST_CASE("enabled without mig-devices, all-zero counts, a numeric device-filter and unknown top fields are errors") {
    auto ps = problemsOf(
        kHead +
        "  a:\n    - devices: all\n      mig-enabled: true\n  b:\n    - devices: [0, 1]\n      mig-enabled: true\n"
        "      mig-devices: {\"1g.5gb\": 0}\n  c:\n    - device-filter: 0x20B010DE\n      devices: all\n"
        "      mig-enabled: false\nextra: 1\n");
    CHECK(hasProblem(ps, 4, "needs 'mig-devices'"));
    CHECK(hasProblem(ps, 9, "every count in mig-devices is 0"));
    CHECK(hasProblem(ps, 11, "in quotes"));
    CHECK(hasProblem(ps, 14, "unknown field 'extra'"));
    CHECK(problemsOf("mig-configs:\n  a:\n    - devices: all\n      mig-enabled: false\n").size() ==
          1);  // version missing
  }

  TEST_CASE("schema problems make validate exit with 2, unreadable YAML is an error") {
    auto bad = validateMigParted(kHead + "  a:\n    - devices: all\n");
    REQUIRE(bad.ok());
    CHECK(bad->exit_code == 2);
    CHECK(validateMigParted("version: v1\nmig-configs: [\n").error().code == Code::BAD_YAML);
  }

  TEST_CASE("a ConfigMap is unwrapped and line numbers point into the original file") {
    std::string cm =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: custom-mig-config\ndata:\n  config.yaml: |\n"
        "    version: v1\n    mig-configs:\n      broken:\n        - devices: all\n          mig-enabled: maybe\n";
    auto file = parseMigPartedConfig(cm);
    REQUIRE(file.ok());
    CHECK(file->unwrapped_from.find("custom-mig-config") != std::string::npos);
    CHECK(hasProblem(file->problems, 11, "mig-enabled must be true or false"));
  }

  TEST_CASE("another Kubernetes object or an unrelated file is refused with what it is") {
    auto dep = parseMigPartedConfig("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec: {}\n");
    REQUIRE_FALSE(dep.ok());
    CHECK(dep.error().code == Code::NOT_MIG_PARTED);
    CHECK(dep.error().message.find("Kubernetes Deployment 'web'") != std::string::npos);
    auto cm = parseMigPartedConfig(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\ndata:\n  app.conf: |\n    x = 1\n");
    REQUIRE_FALSE(cm.ok());
    CHECK(cm.error().message.find("app.conf") != std::string::npos);
    CHECK(parseMigPartedConfig("name: my-app\nreplicas: 3\n").error().code == Code::NOT_MIG_PARTED);
  }

  TEST_CASE("a profile that no model has is an error with a suggestion, infeasible counts are errors") {
    auto r = validateMigParted(
        kHead +
        "  typo:\n    - devices: all\n      mig-enabled: true\n      mig-devices:\n        \"1g.11gb\": 2\n"
        "  too-many:\n    - device-filter: \"0x233010DE\"\n      devices: all\n      mig-enabled: true\n"
        "      mig-devices:\n        \"3g.40gb\": 3\n");
    REQUIRE(r.ok());
    CHECK(r->exit_code == 1);
    const auto& typo = entry(*r, "typo");
    REQUIRE(typo.error);
    CHECK(typo.error->find("applicable to no GPU model") != std::string::npos);
    CHECK(typo.error->find("did you mean") != std::string::npos);  // a suggestion
    const auto& many = entry(*r, "too-many");
    REQUIRE(many.error);
    CHECK(on(many, "H100-SXM5-80GB").status == "not feasible");
    CHECK(many.results.size() == 1);  // the device-filter names only the H100 SXM5 model
  }

  TEST_CASE("--gpu limits validation to one model, a model without placements gives unknown, not a skip") {
    auto a100 = findGpu("A100-40GB");
    REQUIRE(a100.ok());
    auto r = validateMigParted(
        kHead + "  x:\n    - devices: all\n      mig-enabled: true\n      mig-devices: {\"3g.20gb\": 2}\n", *a100);
    REQUIRE(r.ok());
    CHECK(r->exit_code == 0);
    CHECK(entry(*r, "x").results.size() == 1);
    auto pro5000 = findGpu("RTX-PRO-5000-48GB");
    REQUIRE(pro5000.ok());
    REQUIRE_FALSE((*pro5000)->placementsKnown());
    auto u = validateMigParted(kHead +
                                   "  y:\n    - devices: all\n      mig-enabled: true\n      mig-devices: "
                                   "{\"1g.24gb\": 1, \"1g.24gb-me\": 1}\n",
                               *pro5000);
    REQUIRE(u.ok());
    // YAML 1.1, as mig-parted reads it: the config name y is the boolean true, so the config is called "true".
    CHECK(on(entry(*u, "true"), "RTX-PRO-5000-48GB").status == "unknown");
    CHECK(u->exit_code == 0);
  }

  TEST_CASE("device-filter IDs are compared the way mig-parted writes them") {
    auto h100 = findGpu("H100-SXM5-80GB");
    REQUIRE(h100.ok());
    CHECK(migPartedDeviceId("0x2330") == "0x233010DE");
    CHECK(deviceFilterMatches("0x233010DE", **h100));
    CHECK(deviceFilterMatches("0x233010de:0x16C110DE", **h100));
    CHECK_FALSE(deviceFilterMatches("0x233110DE", **h100));
  }

  TEST_CASE("in a kubectl bundle the ConfigMap holding the config is found among the documents") {
    auto r = validateMigParted(interopFile("gpu-operator-bundle.yaml"));
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->unwrapped_from.find("document 2 of 3") == 0);
    CHECK(r->exit_code == 0);
    const auto& e = entry(*r, "h200-balanced");
    CHECK(e.line == 20);  // the line in the bundle file, not in the wrapped text
    CHECK(on(e, "H200-SXM-141GB").status == "feasible");
    auto none = parseMigPartedConfig("kind: Namespace\n---\nkind: Pod\n");
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().code == Code::NOT_MIG_PARTED);
    CHECK(none.error().message.find("Namespace and Pod") != std::string::npos);
  }
}

TEST_SUITE("compute_instances") {
  TEST_CASE("six 1c.3g.40gb fill two 3g.40gb GPU instances, three compute instances each") {
    auto h100 = findGpu("H100-SXM5-80GB");
    REQUIRE(h100.ok());
    auto e = expandComputeInstances(**h100, {{"1c.3g.40gb", 6}});
    REQUIRE_MESSAGE(e.ok(), e.error().message);
    REQUIRE(e->gi_request.size() == 1);
    CHECK(e->gi_request[0].profile == "3g.40gb");
    CHECK(e->gi_request[0].count == 2);
    REQUIRE(e->gis.size() == 2);
    CHECK(e->gis[0].cis.size() == 3);
    CHECK(e->gis[1].cis.size() == 3);
  }

  TEST_CASE("a 2c and a 1c compute instance share one 3g GPU instance, a whole GI is never shared") {
    auto a100 = findGpu("A100-40GB");
    REQUIRE(a100.ok());
    auto e = expandComputeInstances(**a100, {{"1c.3g.20gb", 1}, {"2c.3g.20gb", 1}, {"3g.20gb", 1}});
    REQUIRE(e.ok());
    REQUIRE(e->gis.size() == 2);
    CHECK(e->gis[0].cis.empty());  // the whole 3g.20gb comes first (largest compute instance first)
    CHECK(e->gis[1].cis == std::vector<std::string>{"2c.3g.20gb", "1c.3g.20gb"});
  }

  TEST_CASE("the catalog's compute-instance facts are used where it has them") {
    auto a100 = findGpu("A100-40GB");
    REQUIRE(a100.ok());
    auto one = ciProfileInfo(**a100, "3g.20gb", 1);  // "1c.3g.20gb (CI id 0, 3 inst, 14 SM)"
    REQUIRE(one.ok());
    CHECK(one->id == 0);
    CHECK(one->per_gi == 3);
    CHECK(one->per_gi_from_catalog);
    auto two = ciProfileInfo(**a100, "3g.20gb", 2);  // "2c.3g.20gb (CI id 1, 1 inst, 28 SM)"
    REQUIRE(two.ok());
    CHECK(two->id == 1);
    CHECK(two->per_gi == 1);
    auto h100 = findGpu("H100-SXM5-80GB");
    auto guess = ciProfileInfo(**h100, "7g.80gb", 2);
    REQUIRE(guess.ok());
    CHECK_FALSE(guess->id.has_value());
    CHECK(guess->per_gi == 3);
    CHECK_FALSE(guess->per_gi_from_catalog);
    CHECK(ciProfileInfo(**h100, "4g.40gb", 3).error().code == Code::BAD_CI_PROFILE);
    CHECK(ciProfileInfo(**h100, "3g.20gb", 1).error().code == Code::UNKNOWN_PROFILE);
  }

  TEST_CASE("validate checks compute-instance entries by the GPU instances they need") {
    // A100-40GB: 3g + 4x1g fits (a maximal layout); 3g + 3g takes all 8 memory slices, so no 1g fits beside it;
    // seven 1c.3g.20gb need three 3g GIs, over the cap of 2.
    std::string filter =
        "    - device-filter: [\"0x20B010DE\"]\n      devices: all\n      mig-enabled: true\n      mig-devices:\n";
    auto r = validateMigParted(kHead + "  fits:\n" + filter + "        \"1c.3g.20gb\": 3\n        \"1g.5gb\": 4\n" +
                               "  full:\n" + filter + "        \"1c.3g.20gb\": 6\n        \"1g.5gb\": 1\n" +
                               "  over:\n" + filter + "        \"1c.3g.20gb\": 7\n");
    REQUIRE(r.ok());
    const auto& fits = on(entry(*r, "fits"), "A100-40GB");
    CHECK(fits.status == "feasible");
    CHECK(fits.instances.size() == 5);
    CHECK(on(entry(*r, "full"), "A100-40GB").status == "not feasible");
    CHECK(on(entry(*r, "over"), "A100-40GB").status == "not feasible");
    CHECK(r->exit_code == 1);
  }
  TEST_CASE("mig-parted parity: an empty or version-only file is valid, with a warning") {
    for (const std::string text : {"", "# nothing\n", "---\n", "version: v1\n"}) {
      auto r = validateMigParted(text);
      REQUIRE_MESSAGE(r.ok(), r.error().message);
      CHECK_MESSAGE(r->exit_code == 0, text);
      CHECK(r->schema_errors.empty());
      CHECK(r->warnings.size() == 1);
      CHECK(validationJson(*r)["warnings"].size() == 1);
    }
  }

  TEST_CASE("mig-parted parity: a key given twice keeps the last value and validate shows a warning") {
    auto r = validateMigParted(kHead +
                               "  c:\n    - devices: all\n      mig-enabled: false\n  c:\n    - devices: all\n"
                               "      mig-enabled: true\n      mig-devices:\n        1g.10gb: 1\n");
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->schema_errors.empty());
    REQUIRE(r->warnings.size() == 1);
    CHECK(r->warnings[0].line == 6);
    CHECK(r->warnings[0].message.find("the key 'c' appears twice") == 0);
    REQUIRE(r->entries.size() == 1);
    CHECK(r->entries[0].summary == "1g.10gb x1");
    CHECK(validationJson(*r)["warnings"][0]["line"] == 6);
  }

  TEST_CASE("mig-parted parity: an empty or null device-filter applies to every GPU") {
    for (const std::string f : {"null", "", "~", "\"\"", "[]"}) {
      auto file = parseMigPartedConfig(kHead + "  c:\n    - device-filter: " + f +
                                       "\n      devices: all\n      mig-enabled: true\n      mig-devices:\n"
                                       "        1g.10gb: 7\n");
      REQUIRE_MESSAGE(file.ok(), file.error().message);
      CHECK_MESSAGE(file->problems.empty(), f);
      REQUIRE(file->configs.size() == 1);
      CHECK(file->configs[0].entries.at(0).device_filter.empty());
    }
  }

  TEST_CASE("mig-parted parity: YAML 1.1 booleans, text is not a boolean, an empty mig-enabled is false") {
    auto entryWith = [](const std::string& v) {
      return kHead + "  c:\n    - devices: all\n      mig-enabled: " + v + "\n      mig-devices: {}\n";
    };
    for (const std::string v : {"yes", "on", "Y", "ON"}) CHECK_MESSAGE(problemsOf(entryWith(v)).empty(), v);
    CHECK(hasProblem(problemsOf(entryWith("\"true\"")), 5, "mig-enabled must be true or false"));
    auto empty = parseMigPartedConfig(kHead + "  c:\n    - devices: all\n      mig-enabled:\n");
    REQUIRE_MESSAGE(empty.ok(), empty.error().message);
    CHECK(empty->problems.empty());
    CHECK(empty->warnings.size() == 1);
    CHECK_FALSE(empty->configs.at(0).entries.at(0).mig_enabled);
  }

  TEST_CASE("mig-parted parity: a plain file is read up to its first document") {
    auto file = parseMigPartedConfig(kHead + "  c:\n    - devices: all\n      mig-enabled: false\n---\nnot: [yaml\n");
    REQUIRE_MESSAGE(file.ok(), file.error().message);
    CHECK(file->problems.empty());
    CHECK(file->configs.size() == 1);
  }
}
