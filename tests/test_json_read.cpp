// One typed reader for every door: the helpers of base/json_read.hpp, and the readers built on them (a single-GPU
// request, a plan file, a seed input, a GPU model) answering the same wrong value with the same error shape: the
// field's JSON path, what was found and what is valid. The cases where two doors once disagreed are here too.
#include <doctest/doctest.h>

#include <string>

#include "migcalc/base/json_read.hpp"
#include "migcalc/base/text_util.hpp"
#include "migcalc/engine/seed.hpp"
#include "migcalc/io/input_reader.hpp"
#include "migcalc/io/plan_json.hpp"
#include "migcalc/model/catalog.hpp"
#include "migcalc/model/driver.hpp"
#include "migcalc/model/model_reader.hpp"

using migcalc::Code;
using migcalc::Error;
using migcalc::Json;

namespace {

Json parsed(const std::string& text) {
  auto doc = migcalc::parseJson(text, Code::BAD_INPUT);
  REQUIRE(doc.ok());
  return *doc;
}

/// The error of a reader's answer (a failed REQUIRE when it has none).
template <class T>
Error errorOf(const migcalc::Result<T>& r) {
  REQUIRE_FALSE(r.ok());
  return r.error();
}

/// What a message says after its path: " is ...; it must be ...".
std::string afterPath(const std::string& message, const std::string& path) {
  REQUIRE(message.rfind(path, 0) == 0);
  return message.substr(path.size());
}

std::string planWithExisting(const std::string& instance) {
  return R"({"gpus": ["A100-40GB"], "existing": [{"model": "A100-40GB", "instances": [)" + instance + "]}]}";
}

std::string requestWithFixed(const std::string& instance) {
  return R"({"gpu": "A100-40GB", "fixed": [)" + instance + "]}";
}

const char* kSmallModel =
    R"({"key": "MY-GPU", "compute_slices": COUNT, "memory_slices": 2, "profiles": [{"name": "1g.8gb", "compute_slices": 1, "instances": 2}]})";

std::string smallModel(const std::string& computeSlices) {
  std::string text = kSmallModel;
  return text.replace(text.find("COUNT"), 5, computeSlices);
}

}  // namespace

TEST_SUITE("typed reads") {
  TEST_CASE("a missing field, null and a wrong type: the path, what was found and what is valid") {
    Json object = parsed(R"({"count": null, "share": "half", "items": 3, "name": ""})");
    CHECK_FALSE(migcalc::given(object, "count"));
    CHECK_FALSE(migcalc::given(object, "absent"));
    CHECK(migcalc::given(object, "share"));
    CHECK(migcalc::member(object, "absent").is_discarded());
    CHECK(migcalc::member(Json(42), "count").is_discarded());

    CHECK(migcalc::readWhole(migcalc::member(object, "absent"), "absent", 0, 5, Code::BAD_COUNT).error().message ==
          "absent is missing; it must be a whole number from 0 to 5.");
    CHECK(migcalc::readWhole(object["count"], "count", 0, 5, Code::BAD_COUNT).error().message ==
          "count is null; it must be a whole number from 0 to 5.");
    CHECK(migcalc::readNumber(object["share"], "share", 0, 1, Code::BAD_INPUT).error().message ==
          "share is the text \"half\"; it must be a number from 0 to 1.");
    CHECK(migcalc::readNumber(parsed("0.5"), "share", 0, 1, Code::BAD_INPUT).value() == 0.5);
    CHECK(migcalc::readNumber(parsed("7"), "share", 0, 1e9, Code::BAD_INPUT).value() == 7);
    CHECK(migcalc::readNumber(parsed("1e10"), "share", 0, 1e9, Code::BAD_INPUT).error().message ==
          "share is 10000000000.0; it must be a number from 0 to 1000000000.");
    CHECK(migcalc::readPositive(parsed("0"), "time_limit_s", 3600, Code::BAD_PLAN_FILE).error().message ==
          "time_limit_s is 0; it must be a number over 0 and at most 3600.");
    CHECK(migcalc::readPositive(parsed("0.25"), "time_limit_s", 3600, Code::BAD_PLAN_FILE).value() == 0.25);
    CHECK(migcalc::readList(object, "items", "items", Code::BAD_INPUT).error().message ==
          "items is 3; it must be a list.");
    CHECK(migcalc::readList(object, "count", "count", Code::BAD_INPUT).value()->empty());  // null: the empty list
    CHECK(migcalc::readList(parsed(R"({"l": [1, 2, 3]})"), "l", "l", Code::BAD_INPUT, 2).error().code ==
          Code::TOO_LARGE);
    CHECK(migcalc::readText(object["name"], "name", 10, Code::BAD_INPUT).error().message ==
          "name is empty; it must be text of 1 to 10 bytes.");

    auto notObject = migcalc::onlyKeys(Json::array(), "demand[0]", {"profile", "count"}, Code::BAD_PLAN_FILE);
    REQUIRE(notObject.has_value());
    CHECK(notObject->message == "demand[0] is a list; it must be an object with the fields profile and count.");
    auto unknown = migcalc::onlyKeys(parsed(R"({"modle": 1})"), "demand[0]", {"profile", "count"}, Code::BAD_PLAN_FILE);
    REQUIRE(unknown.has_value());
    CHECK(unknown->message == "demand[0] has the unknown field 'modle'; valid: profile and count.");
    CHECK(migcalc::pathTo("", "key") == "key");
    CHECK(migcalc::pathTo("gpu_model", "key") == "gpu_model.key");
    CHECK(migcalc::itemPath("profiles", 3) == "profiles[3]");
  }

  TEST_CASE("the text \"2\" where a whole number belongs: the same error shape from every reader") {
    std::string shape = " is the text \"2\"; it must be a whole number from ";
    Error request = errorOf(migcalc::readGpuRequest(
        parsed(R"({"gpu": "A100-40GB", "request": [{"profile": "1g.5gb", "count": "2"}]})"), "check()"));
    CHECK(request.code == Code::BAD_COUNT);
    CHECK(afterPath(request.message, "request[0].count").rfind(shape, 0) == 0);

    Error plan = errorOf(
        migcalc::parsePlanInput(parsed(R"({"gpus": ["A100-40GB"], "demand": [{"profile": "1g.5gb", "count": "2"}]})")));
    CHECK(plan.code == Code::BAD_COUNT);
    CHECK(afterPath(plan.message, "demand[0].count").rfind(shape, 0) == 0);

    auto seeded = migcalc::seedAllocation(parsed(
        R"({"total_sms": 98, "total_memory_gb": 40, "profiles": [{"name": "a", "sms": 1, "memory_gb": 5, "count": "2"}]})"));
    Error seed = errorOf(seeded);
    CHECK(seed.code == Code::BAD_SEED_INPUT);
    CHECK(afterPath(seed.message, "profiles[0].count").rfind(shape, 0) == 0);

    Error model = errorOf(migcalc::parseGpuModel(smallModel("\"2\"")));
    CHECK(model.code == Code::BAD_GPU_FILE);
    CHECK(afterPath(model.message, "compute_slices").rfind(shape, 0) == 0);
  }

  TEST_CASE("a GPU model in a request is read in place: its errors name the path under gpu_model") {
    Json request = parsed(std::string(R"({"gpu_model": )") + smallModel("\"two\"") + "}");
    Error inRequest = errorOf(migcalc::readGpuRequest(request, "check()"));
    Error inFile = errorOf(migcalc::parseGpuModel(smallModel("\"two\"")));
    CHECK(inRequest.code == Code::BAD_GPU_FILE);
    CHECK(inFile.code == Code::BAD_GPU_FILE);
    CHECK(afterPath(inRequest.message, "gpu_model.compute_slices") == afterPath(inFile.message, "compute_slices"));
    CHECK(errorOf(migcalc::readGpuModel(parsed(R"({"gpus": []})"), "")).message.rfind("gpus has 0 items", 0) == 0);
    CHECK(errorOf(migcalc::readGpuModel(Json("x"), "gpu_model")).message.rfind("gpu_model is the text", 0) == 0);
    auto good = migcalc::readGpuRequest(parsed(std::string(R"({"gpu_model": )") + smallModel("2") + "}"), "check()");
    REQUIRE(good.ok());
    CHECK(good->gpu().custom);
    CHECK(good->gpu().key == "MY-GPU");
  }

  TEST_CASE(
      "an existing GPU's instance in a plan reads as a request's fixed instance (once BAD_PLAN_FILE or BAD_COUNT)") {
    for (const char* instance : {R"({"profile": "3g.20gb", "start": "4"})", R"({"profile": "3g.20gb", "start": 2.5})",
                                 R"({"profile": "3g.20gb"})", R"({"profile": 3, "start": 4})",
                                 R"({"profile": "3g.20gb", "start": 4, "size": 4})", R"("3g.20gb@x")", "42", "[4]"}) {
      INFO(instance);
      Error inPlan = errorOf(migcalc::parsePlanInput(parsed(planWithExisting(instance))));
      Error inRequest = errorOf(migcalc::readGpuRequest(parsed(requestWithFixed(instance)), "check()"));
      CHECK(inPlan.code == Code::BAD_FIXED);
      CHECK(inPlan.code == inRequest.code);
      CHECK(afterPath(inPlan.message, "existing[0].instances[0]") == afterPath(inRequest.message, "fixed[0]"));
    }
    auto read = migcalc::parsePlanInput(parsed(planWithExisting(R"("3g.20gb@4", {"profile": "1g.5gb", "start": 0})")));
    REQUIRE(read.ok());
    REQUIRE(read->existing.size() == 1);
    CHECK(read->existing[0].instances.size() == 2);
    CHECK(read->existing[0].instances[0].start == 4);
  }

  TEST_CASE("a plan's driver reads as a request's: 535, \"R535\" and \"535.104.05\" agree, null is the newest") {
    std::string demand = R"("gpus": ["A100-80GB"], "demand": [{"profile": "1g.10gb", "count": 3}])";
    auto byNumber = migcalc::parsePlanInput(parsed("{" + demand + R"(, "driver": 535})"));
    auto byName = migcalc::parsePlanInput(parsed("{" + demand + R"(, "driver": "R535"})"));
    auto byVersion = migcalc::parsePlanInput(parsed("{" + demand + R"(, "driver": "535.104.05"})"));
    auto byNull = migcalc::parsePlanInput(parsed("{" + demand + R"(, "driver": null})"));
    REQUIRE(byNumber.ok());  // once BAD_PLAN_FILE: "'driver' must be a string"
    REQUIRE(byName.ok());
    REQUIRE(byVersion.ok());
    REQUIRE(byNull.ok());
    CHECK(byNumber->driver == 535);
    CHECK(byName->driver == 535);
    CHECK(byVersion->driver == 535);
    CHECK(byNull->driver == migcalc::kNewestDriver);
    for (const char* wrong : {"true", "2.5", "\"R5x\"", "[535]", "99999"}) {
      INFO(wrong);
      Error inPlan = errorOf(migcalc::parsePlanInput(parsed("{" + demand + ", \"driver\": " + wrong + "}")));
      Error inRequest =
          errorOf(migcalc::readGpuRequest(parsed(std::string(R"({"gpu": "A100-80GB", "driver": )") + wrong + "}"), ""));
      CHECK(inPlan.code == Code::BAD_DRIVER);
      CHECK(inPlan.message == inRequest.message);
    }
  }

  TEST_CASE("null in an optional plan field reads as absent, as in a request (once refused)") {
    auto read = migcalc::parsePlanInput(parsed(
        R"({"gpus": [{"model": "A100-80GB", "available": null, "cost": null}], "time_limit_s": null, "compare": null,
            "demand": [{"profile": "1g.10gb", "count": 2, "model": null}],
            "workloads": [{"name": null, "memory_gib": 9, "count": 1, "min_sms": null, "media": null}],
            "existing": [{"model": "A100-80GB", "count": null, "instances": null}]})"));
    REQUIRE(read.ok());
    CHECK(read->demand[0].model.empty());
    CHECK(read->workloads[0].name == "workload 1");
    CHECK_FALSE(read->workloads[0].min_sms.has_value());
    CHECK(read->existing[0].count == 1);
    CHECK(read->time_limit_s == 2.0);
  }

  TEST_CASE("names in a plan have the limit they have in a request and in the page's link (200 bytes)") {
    std::string longest(migcalc::kMaxNameLength, 'w');
    std::string tooLong(migcalc::kMaxNameLength + 1, 'w');
    auto workload = [](const std::string& name) {
      return migcalc::parsePlanInput(parsed(R"({"gpus": ["A100-80GB"], "workloads": [{"name": ")" + name +
                                            R"(", "memory_gib": 9, "count": 1}]})"));
    };
    CHECK(workload(longest).ok());
    CHECK(errorOf(workload(tooLong)).code == Code::TOO_LARGE);  // once read at any length
    Error profileInPlan = errorOf(migcalc::parsePlanInput(
        parsed(R"({"gpus": ["A100-80GB"], "demand": [{"profile": ")" + tooLong + R"(", "count": 1}]})")));
    Error profileInRequest = errorOf(migcalc::readGpuRequest(
        parsed(R"({"gpu": "A100-80GB", "request": [{"profile": ")" + tooLong + R"(", "count": 1}]})"), "check()"));
    CHECK(profileInPlan.code == Code::TOO_LARGE);  // once UNKNOWN_PROFILE from the planner
    CHECK(profileInPlan.code == profileInRequest.code);
    CHECK(afterPath(profileInPlan.message, "demand[0].profile") ==
          afterPath(profileInRequest.message, "request[0].profile"));
  }

  TEST_CASE("the plan reader keeps its codes: wrong types, ranges and empty names") {
    struct Case {
      const char* json;
      Code code;
      const char* path;
    };
    const Case cases[] = {
        {R"({"gpus": ["A100-80GB"], "demand": [{"profile": "1g.10gb", "count": -3}]})", Code::BAD_COUNT,
         "demand[0].count"},
        {R"({"gpus": ["A100-80GB"], "demand": [{"profile": "", "count": 1}]})", Code::UNKNOWN_PROFILE,
         "demand[0].profile"},
        {R"({"gpus": ["A100-80GB"], "demand": [{"profile": 7, "count": 1}]})", Code::BAD_PLAN_FILE,
         "demand[0].profile"},
        {R"({"gpus": [""]})", Code::UNKNOWN_GPU, "gpus[0]"},
        {R"({"gpus": [{"model": 7}]})", Code::BAD_PLAN_FILE, "gpus[0].model"},
        {R"({"gpus": [{"model": "A100-80GB", "available": "2"}]})", Code::BAD_COUNT, "gpus[0].available"},
        {R"({"gpus": [{"model": "A100-80GB", "cost": 0}]})", Code::BAD_COUNT, "gpus[0].cost"},
        {R"({"gpus": ["A100-80GB"], "workloads": [{"memory_gib": "lots", "count": 1}]})", Code::BAD_PLAN_FILE,
         "workloads[0].memory_gib"},
        {R"({"gpus": ["A100-80GB"], "workloads": [{"memory_gib": -1, "count": 1}]})", Code::BAD_DEMAND,
         "workloads[0].memory_gib"},
        {R"({"gpus": ["A100-80GB"], "workloads": [{"memory_gib": 1, "count": 1, "min_sms": 1.5}]})", Code::BAD_COUNT,
         "workloads[0].min_sms"},
        {R"({"gpus": ["A100-80GB"], "workloads": [{"memory_gib": 1, "count": 1, "min_sms": 100001}]})",
         Code::BAD_PLAN_FILE, "workloads[0].min_sms"},
        {R"({"gpus": ["A100-80GB"], "workloads": [{"memory_gib": 1, "count": 1, "media": "yes"}]})",
         Code::BAD_PLAN_FILE, "workloads[0].media"},
        {R"({"gpus": ["A100-80GB"], "existing": [{"model": "A100-80GB", "count": 0}]})", Code::BAD_COUNT,
         "existing[0].count"},
        {R"({"gpus": ["A100-80GB"], "existing": [{"model": "A100-80GB", "instances": {}}]})", Code::BAD_PLAN_FILE,
         "existing[0].instances"},
        {R"({"gpus": ["A100-80GB"], "time_limit_s": 0})", Code::BAD_PLAN_FILE, "time_limit_s"},
        {R"({"gpus": ["A100-80GB"], "compare": "yes"})", Code::BAD_PLAN_FILE, "compare"},
        {R"({"gpus": "A100-80GB"})", Code::BAD_PLAN_FILE, "gpus"},
        {R"([1])", Code::BAD_PLAN_FILE, "The plan file"},
    };
    for (const Case& c : cases) {
      INFO(c.json);
      Error e = errorOf(migcalc::parsePlanInput(parsed(c.json)));
      CHECK(e.code == c.code);
      CHECK_MESSAGE(e.message.rfind(std::string(c.path) + " is ", 0) == 0, e.message);
      CHECK_MESSAGE(e.message.find("; it must be ") != std::string::npos, e.message);
    }
  }
}
