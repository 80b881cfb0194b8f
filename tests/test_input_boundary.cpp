// The input boundary: every reader refuses what it cannot read with a code and a message, within documented limits,
// and the same input gets the same answer or the same error through every door. Each case here was once a crash,
// a hang or a silent coercion (issue: one input boundary).
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

#include "migcalc/api/export_request.hpp"
#include "migcalc/base/json.hpp"
#include "migcalc/base/text_util.hpp"
#include "migcalc/engine/check.hpp"
#include "migcalc/engine/compute_instances.hpp"
#include "migcalc/export/export_mig_parted.hpp"
#include "migcalc/interop/smi_import.hpp"
#include "migcalc/io/input_reader.hpp"
#include "migcalc/io/json_io.hpp"
#include "migcalc/model/catalog.hpp"

using migcalc::Code;
using migcalc::Json;

namespace {

std::string nestedArrays(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

Json parsed(const std::string& text) { return *migcalc::parseJson(text, Code::BAD_INPUT); }

std::string readFixture(const std::string& name) {
  std::ifstream in(std::string(MIGCALC_FIXTURES) + "/" + name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_SUITE("input boundary") {
  TEST_CASE("JSON text: a number beyond a double, nesting and size are refused as values, never thrown") {
    auto huge = migcalc::parseJson("{\"count\": 1e400}", Code::BAD_PLAN_FILE);
    REQUIRE_FALSE(huge.ok());
    CHECK(huge.error().code == Code::BAD_PLAN_FILE);
    CHECK(huge.error().message.find("too large for a double") != std::string::npos);

    CHECK(migcalc::parseJson(nestedArrays(migcalc::kMaxJsonDepth), Code::BAD_INPUT).ok());
    auto deep = migcalc::parseJson(nestedArrays(migcalc::kMaxJsonDepth + 1), Code::BAD_INPUT);
    REQUIRE_FALSE(deep.ok());
    CHECK(deep.error().code == Code::TOO_LARGE);
    CHECK(migcalc::parseJson(nestedArrays(60000), Code::BAD_INPUT).error().code == Code::TOO_LARGE);
    // brackets inside strings do not nest
    CHECK(migcalc::parseJson("[\"" + std::string(1000, '[') + "\"]", Code::BAD_INPUT).ok());

    std::string big(migcalc::kMaxJsonBytes + 1, ' ');
    CHECK(migcalc::parseJson(big, Code::BAD_INPUT).error().code == Code::TOO_LARGE);
  }

  TEST_CASE("bytes that are not UTF-8 print as U+FFFD instead of aborting the JSON printer") {
    Json j = {{"name", std::string("bad \xff\xfe bytes")}};
    std::string text;
    CHECK_NOTHROW(text = migcalc::jsonText(j, 2));
    CHECK(text.find("\xEF\xBF\xBD") != std::string::npos);
  }

  TEST_CASE("typed reads: strict types, the field's path, what was found and what is valid") {
    CHECK(*migcalc::readWhole(parsed("2"), "request[0].count", 1, 1000, Code::BAD_COUNT) == 2);
    for (const char* wrong :
         {"\"2\"", "2.5", "2.0", "true", "null", "1e308", "-1", "0", "1001", "18446744073709551615", "[2]", "{}"}) {
      INFO(wrong);
      auto r = migcalc::readWhole(parsed(wrong), "request[0].count", 1, 1000, Code::BAD_COUNT);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == Code::BAD_COUNT);
      CHECK(r.error().message.find("request[0].count is ") == 0);
      CHECK(r.error().message.find("a whole number from 1 to 1000") != std::string::npos);
    }
    CHECK(migcalc::readText(parsed("\"x\""), "gpu", 10, Code::UNKNOWN_GPU).ok());
    CHECK(migcalc::readText(parsed("42"), "gpu", 10, Code::UNKNOWN_GPU).error().code == Code::UNKNOWN_GPU);
    CHECK(migcalc::readText(parsed("\"" + std::string(11, 'x') + "\""), "gpu", 10, Code::UNKNOWN_GPU).error().code ==
          Code::TOO_LARGE);
    CHECK(migcalc::readFlag(parsed("\"yes\""), "existing", Code::BAD_PLAN_FILE).error().message ==
          "existing is the text \"yes\"; it must be true or false.");
  }

  TEST_CASE("a driver reads the same as a number and as text, in check and in export") {
    auto asNumber = migcalc::readDriver(parsed("535"), "driver");
    auto asText = migcalc::readDriver(parsed("\"R535\""), "driver");
    REQUIRE(asNumber.ok());
    REQUIRE(asText.ok());
    CHECK(*asNumber == *asText);
    CHECK(migcalc::readDriver(parsed("2.5"), "driver").error().code == Code::BAD_DRIVER);
    CHECK(migcalc::readDriver(parsed("true"), "driver").error().code == Code::BAD_DRIVER);

    // exportLayout once ignored a numeric driver that check honoured: an old driver must refuse the H100 1g.10gb+me.
    Json text = {{"format", "json"}, {"gpu", "H100-SXM5-80GB"}, {"request", {"1g.10gb:2"}}, {"driver", "R470"}};
    Json number = text;
    number["driver"] = 470;
    auto a = migcalc::exportFromJson(text), b = migcalc::exportFromJson(number);
    REQUIRE(a.ok() == b.ok());
    if (a.ok())
      CHECK(migcalc::jsonText(*a) == migcalc::jsonText(*b));
    else
      CHECK(a.error().code == b.error().code);
    CHECK(migcalc::exportFromJson(
              Json{{"format", "json"}, {"gpu", "A100-40GB"}, {"request", {"1g.5gb"}}, {"driver", 470}})
              .ok() == migcalc::exportFromJson(
                           Json{{"format", "json"}, {"gpu", "A100-40GB"}, {"request", {"1g.5gb"}}, {"driver", "R470"}})
                           .ok());
  }

  TEST_CASE("a count of \"2\" or 2.5 is refused by export as by check, not turned into 1") {
    for (const char* count : {"\"2\"", "2.5"}) {
      INFO(count);
      Json request = parsed(
          std::string(
              "{\"format\": \"json\", \"gpu\": \"A100-40GB\", \"request\": [{\"profile\": \"1g.5gb\", \"count\": ") +
          count + "}]}");
      auto exported = migcalc::exportFromJson(request);
      REQUIRE_FALSE(exported.ok());
      CHECK(exported.error().code == Code::BAD_COUNT);
      auto read = migcalc::readGpuRequest(request, "check()");
      REQUIRE_FALSE(read.ok());
      CHECK(read.error().code == Code::BAD_COUNT);
      CHECK(read.error().message == exported.error().message);
    }
  }

  TEST_CASE(
      "a fleet plan's fields are typed: existing \"yes\" and a start of 2^40 are refused, not aborted or truncated") {
    auto yes = migcalc::fleetFromPlanText(
        R"({"groups": [{"model": "A100-40GB", "existing": "yes", "instances": [{"profile": "7g.40gb", "start": 0}]}]})");
    REQUIRE_FALSE(yes.ok());
    CHECK(yes.error().code == Code::BAD_PLAN_FILE);
    CHECK(yes.error().message.find("groups[0].existing") != std::string::npos);

    auto far = migcalc::fleetFromPlanText(
        R"({"groups": [{"model": "A100-40GB", "instances": [{"profile": "1g.5gb", "start": 1099511627776}]}]})");
    REQUIRE_FALSE(far.ok());
    CHECK(far.error().message.find("groups[0].instances[0].start") != std::string::npos);

    auto huge = migcalc::exportFromJson(
        parsed(R"({"format": "nvidia-smi", "plan": {"groups": [{"model": "A100-40GB", "count": 1e400}]}})"));
    CHECK_FALSE(huge.ok());
  }

  TEST_CASE("profile names with many digits are not names: no overflow in any reader") {
    CHECK_FALSE(migcalc::isValidProfileName("99999999999c.3g.40gb"));
    CHECK_FALSE(migcalc::isValidProfileName("3g.99999999999gb"));
    CHECK_FALSE(migcalc::splitCiProfile("99999999999c.3g.40gb").has_value());
    CHECK(migcalc::isValidProfileName("1c.3g.40gb"));
    CHECK(migcalc::isValidProfileName("7g.180gb"));
    auto gpu = migcalc::findGpu("H100-SXM5-80GB");
    REQUIRE(gpu.ok());
    migcalc::CheckRequest request;
    request.request = {{"99999999999c.3g.40gb", 1}};
    auto checked = migcalc::check(**gpu, request);
    CHECK_FALSE(checked.ok());

    std::string smi = readFixture("interop/smi/a100-40gb-lgip-lgipp.txt");
    auto at = smi.find("MIG 1g.5gb  ");
    REQUIRE(at != std::string::npos);
    smi.replace(at + 4, 6, "99999999999c.1g.5gb");
    CHECK_FALSE(migcalc::importGpuFromSmi(smi).ok());
  }

  TEST_CASE("a 1 MiB GPU name is refused at once by its length") {
    std::string name(1 << 20, 'x');
    auto start = std::chrono::steady_clock::now();
    auto found = migcalc::findGpu(name);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    REQUIRE_FALSE(found.ok());
    CHECK(found.error().code == Code::TOO_LARGE);
    CHECK(found.error().message.size() < 400);  // the name is cut in the message
    CHECK(ms < 1000);                           // not a timing target: once 13.6 s, now no edit distance at all
    CHECK(migcalc::closeGpuKeys(name).empty());
  }

  TEST_CASE("texts that reach shell commands and YAML are refused unless safe: config names, model keys, PCI IDs") {
    CHECK_FALSE(migcalc::configNameError("inference-7x1g").has_value());
    CHECK_FALSE(migcalc::configNameError("a.b_c-1").has_value());
    for (const char* bad : {"$(reboot)", "a b", "-lead", "trail-", "", "x\ny", "'quoted'", "ünï"}) {
      INFO(bad);
      auto e = migcalc::configNameError(bad);
      REQUIRE(e.has_value());
      CHECK(e->code == Code::BAD_EXPORT_REQUEST);
    }
    CHECK(migcalc::configNameError(std::string(64, 'a')).has_value());
    auto named = migcalc::exportFromJson(
        Json{{"format", "mig-parted"}, {"gpu", "A100-40GB"}, {"request", {"7g.40gb"}}, {"name", "$(reboot)"}});
    REQUIRE_FALSE(named.ok());
    CHECK(named.error().code == Code::BAD_EXPORT_REQUEST);

    const char* model =
        R"({"key": "KEY", "compute_slices": 7, "memory_slices": 8, "profiles": [{"name": "1g.5gb", "compute_slices": 1, "instances": 7}]})";
    auto withKey = [&](const std::string& key) {
      std::string text = model;
      return migcalc::parseGpuModel(text.replace(text.find("KEY"), 3, key));
    };
    CHECK(withKey("MY-GPU-80GB").ok());
    CHECK(withKey("MY\\nGPU").error().code == Code::BAD_GPU_FILE);
    CHECK(withKey("$(reboot)").error().code == Code::BAD_GPU_FILE);
  }
}
