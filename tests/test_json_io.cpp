// The JSON shapes used by the CLI's --json and the wasm bindings, and the request parsers they share.
#include "migcalc/engine/layouts.hpp"
#include "migcalc/io/json_io.hpp"
#include "test_support.hpp"

using migcalc::Code;

using migcalc::Json;
using testsupport::gpu;

namespace {

Json checkFor(const char* key, std::vector<migcalc::ProfileCount> req, std::vector<migcalc::FixedInstance> fixed = {}) {
  const auto& g = gpu(key);
  auto request = testsupport::request(std::move(req), std::move(fixed));
  return migcalc::checkJson(g, request, testsupport::run(g, request));
}

}  // namespace

TEST_SUITE("json_io") {
  TEST_CASE(
      "A feasible check answer has feasible true, instances with fixed, empty reasons and every profile in remaining") {
    Json j = checkFor("A100-40GB", {{"3g.20gb", 1}}, {{"1g.5gb", 0}});
    CHECK(j["gpu"] == "A100-40GB");
    CHECK(j["verdict"] == "feasible");
    CHECK(j["feasible"] == true);
    REQUIRE(j["instances"].size() == 2);
    CHECK(j["instances"][0]["fixed"] == true);
    CHECK(j["instances"][1]["profile"] == "3g.20gb");
    CHECK(j["instances"][1]["start"] == 4);
    CHECK(j["instances"][1]["size"] == 4);
    CHECK(j["instances"][1]["fixed"] == false);
    CHECK(j["reasons"].is_array());
    CHECK(j["reasons"].empty());
    CHECK(j["largest_subset"].is_null());
    CHECK(j["remaining"].size() == gpu("A100-40GB").profiles.size());
    CHECK(j["remaining"]["4g.20gb"] == 0);  // zeros are included
    CHECK(j["remaining"]["1g.5gb"] == 3);   // units 1-3
    CHECK(j["utilization"]["memory_mib"]["used"] == 4864 + 19968);
    CHECK(j["utilization"]["sms"]["total"] == 98);
    CHECK(j["stranded"].is_object());
  }

  TEST_CASE("An infeasible answer has feasible false, coded reasons and the largest subset") {
    Json j = checkFor("H100-SXM5-80GB", {{"1g.10gb", 8}});
    CHECK(j["feasible"] == false);
    CHECK(j["verdict"] == "not feasible");
    REQUIRE_FALSE(j["reasons"].empty());
    for (const auto& r : j["reasons"]) {
      CHECK(r["code"].is_string());
      CHECK_FALSE(r["message"].get<std::string>().empty());
    }
    CHECK(j["largest_subset"]["count"] == 7);
    CHECK(j["largest_subset"]["compute_slices"] == 7);
    CHECK(j["largest_subset"]["instances"].size() == 7);
  }

  TEST_CASE("An unknown answer has feasible null and null for every unknown number, never omitted") {
    Json j = checkFor("RTX-PRO-4500-32GB", {{"1g.16gb", 1}, {"1g.16gb-me", 1}});  // a mix: unknown (issue 11)
    CHECK(j["verdict"] == "unknown");
    CHECK(j["feasible"].is_null());
    for (auto it = j["remaining"].begin(); it != j["remaining"].end(); ++it) CHECK(it.value().is_null());
    REQUIRE(j["utilization"]["sms"].contains("total"));
    CHECK(j["utilization"]["sms"]["total"].is_null());
    CHECK(j["utilization"]["memory_mib"]["total"].is_null());
    CHECK(j["utilization"]["placement_units"]["total"].is_null());
    CHECK(j["stranded"].is_null());
  }

  TEST_CASE("Unknown utilization values of a known model are null too") {
    Json j = checkFor("H20-96GB", {{"3g.48gb", 1}});
    CHECK(j["feasible"] == true);
    CHECK(j["utilization"]["sms"]["used"].is_null());
    CHECK(j["utilization"]["sms"]["total"].is_null());
    CHECK(j["utilization"]["compute_slices"]["used"] == 3);
  }

  TEST_CASE("Errors are {error: {code, message}}") {
    Json e = migcalc::errorJson({Code::BAD_COUNT, "nope"});
    CHECK(e == Json::parse(R"({"error": {"code": "BAD_COUNT", "message": "nope"}})"));
  }

  TEST_CASE("The GPU list and profile tables carry every model and the placements as -lgipp prints them") {
    Json all = migcalc::gpusJson();
    CHECK(all["gpus"].size() == 22);
    CHECK(all["catalog_version"] == migcalc::catalogVersion());
    Json p = migcalc::profilesJson(gpu("H100-SXM5-80GB"));
    CHECK(p["key"] == "H100-SXM5-80GB");
    CHECK(p["sms"] == 132);
    bool found = false;
    for (const auto& prof : p["profiles"])
      if (prof["name"] == "3g.40gb") {
        found = true;
        CHECK(prof["placements"] == "{0,4}:4");
        CHECK(prof["id"] == 9);
        CHECK(prof["instances"] == 2);
      }
    CHECK(found);
    Json u = migcalc::profilesJson(gpu("RTX-PRO-5000-48GB"));
    CHECK(u["placements_known"] == false);
    CHECK(u["profiles"][0]["placements"].is_null());
    CHECK(u["total_memory_mib"].is_null());
  }

  TEST_CASE("The layouts answer counts and lists the layouts") {
    const auto& g = gpu("A30-24GB");
    auto names = migcalc::profileSet(g, migcalc::ProfileSet::Base);
    auto ls = migcalc::enumerateLayouts(g, names);
    REQUIRE(ls.ok());
    Json j = migcalc::layoutsJson(g, names, *ls);
    CHECK(j["count"] == 5);
    CHECK(j["layouts"].size() == 5);
    CHECK(j["layouts"][0]["instances"][0].contains("start"));
  }

  TEST_CASE("PROFILE[:COUNT] is parsed, a missing count means 1") {
    auto a = migcalc::parseProfileCount("3g.40gb");
    REQUIRE(a.ok());
    CHECK(a->profile == "3g.40gb");
    CHECK(a->count == 1);
    auto b = migcalc::parseProfileCount("1g.10gb:3");
    REQUIRE(b.ok());
    CHECK(b->count == 3);
  }

  TEST_CASE("Bad counts are refused, :0 points to --fixed for nvidia-smi's name:start") {
    auto zero = migcalc::parseProfileCount("1g.10gb:0");
    REQUIRE_FALSE(zero.ok());
    CHECK(zero.error().code == Code::BAD_COUNT);
    CHECK(zero.error().message.find("--fixed 1g.10gb@0") != std::string::npos);
    for (const char* bad : {"1g.10gb:-1", "1g.10gb:abc", "1g.10gb:1000000000000", "1g.10gb:", "1g.10gb:1.5",
                            "1g.10gb:99999999999999999999"}) {
      INFO(bad);
      auto r = migcalc::parseProfileCount(bad);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == Code::BAD_COUNT);
    }
    CHECK_FALSE(migcalc::parseProfileCount(":3").ok());
  }

  TEST_CASE("PROFILE@START is parsed, malformed fixed instances are refused") {
    auto f = migcalc::parseFixed("1g.10gb@6");
    REQUIRE(f.ok());
    CHECK(f->profile == "1g.10gb");
    CHECK(f->start == 6);
    for (const char* bad : {"1g.10gb", "@3", "1g.10gb@", "1g.10gb@x", "1g.10gb@-1", "1g.10gb@1.5", "1g.10gb@123456"}) {
      INFO(bad);
      auto r = migcalc::parseFixed(bad);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == Code::BAD_FIXED);
      CHECK(r.error().message.find("@") != std::string::npos);
    }
  }

  TEST_CASE("Invalid JSON is reported with its line and column") {
    auto r = migcalc::parseJson("{\n  \"a\": 1,\n  oops\n}", Code::BAD_INPUT);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Code::BAD_INPUT);
    CHECK(r.error().message.find("line 3") != std::string::npos);
  }
}
