// Custom-capacity ("seed") mode: outputs identical to the exercise's Python function, field for field and in type.
#include <cmath>

#include "migcalc/engine/seed.hpp"
#include "test_support.hpp"

using migcalc::Code;

using migcalc::Json;

namespace {

// Python's json: ints stay ints and floats stay floats; compare values and number kinds exactly.
bool sameJson(const Json& a, const Json& b, std::string& where) {
  if (a.is_number() && b.is_number()) {
    if (a.is_number_float() != b.is_number_float()) {
      where += ": " + a.dump() + " vs " + b.dump() + " (int vs float)";
      return false;
    }
    if (a.is_number_float()) {
      double x = a.get<double>(), y = b.get<double>();
      if (x != y || std::signbit(x) != std::signbit(y)) {
        where += ": " + a.dump() + " vs " + b.dump();
        return false;
      }
      return true;
    }
    if (a.get<long long>() != b.get<long long>()) {
      where += ": " + a.dump() + " vs " + b.dump();
      return false;
    }
    return true;
  }
  if (a.type() != b.type()) {
    where += ": " + a.dump() + " vs " + b.dump();
    return false;
  }
  if (a.is_object()) {
    if (a.size() != b.size()) {
      where += ": keys differ";
      return false;
    }
    for (auto it = a.begin(); it != a.end(); ++it) {
      if (!b.contains(it.key())) {
        where += ": missing " + it.key();
        return false;
      }
      std::string w = where + "." + it.key();
      if (!sameJson(it.value(), b.at(it.key()), w)) {
        where = w;
        return false;
      }
    }
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) {
      where += ": length " + std::to_string(a.size()) + " vs " + std::to_string(b.size());
      return false;
    }
    for (size_t i = 0; i < a.size(); ++i) {
      std::string w = where + "[" + std::to_string(i) + "]";
      if (!sameJson(a[i], b[i], w)) {
        where = w;
        return false;
      }
    }
    return true;
  }
  if (a != b) where += ": " + a.dump() + " vs " + b.dump();
  return a == b;
}

}  // namespace

TEST_SUITE("seed") {
  TEST_CASE("Every golden case produced by the exercise's Python function is reproduced field for field") {
    Json cases = testsupport::fixture("seed_cases.json");
    REQUIRE(cases.size() >= 20);
    for (const auto& c : cases) {
      INFO("case: " << c.at("name").get<std::string>());
      auto out = migcalc::seedAllocation(c.at("input"));
      REQUIRE_MESSAGE(out.ok(), out.error().message);
      std::string where = "output";
      CHECK_MESSAGE(sameJson(c.at("output"), *out, where), where);
    }
  }

  TEST_CASE("The field order matches the exercise's dict") {
    auto out = migcalc::seedAllocation(Json::parse(R"({"total_sms": 98, "total_memory_gb": 40, "profiles": []})"));
    REQUIRE(out.ok());
    std::vector<std::string> keys;
    for (auto it = out->begin(); it != out->end(); ++it) keys.push_back(it.key());
    CHECK(keys == std::vector<std::string>{"feasible", "instances", "total_instances", "sm_utilization_pct",
                                           "memory_utilization_pct", "sms_remaining", "memory_remaining_gb"});
  }

  TEST_CASE("Python's round to 2 digits works on the binary value") {
    CHECK(migcalc::pythonRound2(2.675) == 2.67);  // 2.67499999... in binary
    CHECK(migcalc::pythonRound2(1.005) == 1.0);   // 1.00499999...
    CHECK(migcalc::pythonRound2(0.125) == 0.12);  // exact tie: half to even
    CHECK(migcalc::pythonRound2(0.375) == 0.38);  // exact tie: half to even
    CHECK(migcalc::pythonRound2(-0.125) == -0.12);
    CHECK(migcalc::pythonRound2(66.66666666666667) == 66.67);
  }

  TEST_CASE("Malformed seed input is refused with a message naming the field") {
    struct Bad {
      const char* json;
      const char* mentions;
    };
    const Bad cases[] = {
        {R"([1, 2])", "object"},
        {R"({"total_memory_gb": 40, "profiles": []})", "total_sms"},
        {R"({"total_sms": 98, "profiles": []})", "total_memory_gb"},
        {R"({"total_sms": 98, "total_memory_gb": 40})", "profiles"},
        {R"({"total_sms": "98", "total_memory_gb": 40, "profiles": []})", "total_sms"},
        {R"({"total_sms": 98, "total_memory_gb": 40, "profiles": [{"sms": 14, "memory_gb": 5, "count": 1}]})", "name"},
        {R"({"total_sms": 98, "total_memory_gb": 40, "profiles": [{"name": "a", "memory_gb": 5, "count": 1}]})", "sms"},
        {R"({"total_sms": 98, "total_memory_gb": 40, "profiles": [{"name": "a", "sms": 1, "memory_gb": 5, "count": 1.5}]})",
         "count"},
        {R"({"total_sms": 98, "total_memory_gb": 40, "profiles": [{"name": "a", "sms": 1, "memory_gb": 5, "count": -1}]})",
         "count"},
        {R"({"total_sms": 98, "total_memory_gb": 40, "profiles": [{"name": "a", "sms": 1, "memory_gb": 5, "count": 1000000000000}]})",
         "count"},
        {R"({"total_sms": 98, "total_memory_gb": 40, "profiles": [{"name": "a", "sms": 1, "memory_gb": 5, "count": 60000}, {"name": "b", "sms": 1, "memory_gb": 5, "count": 60000}]})",
         "instances"},
        {R"({"total_sms": -98, "total_memory_gb": 40, "profiles": []})",
         "total_sms is -98; it must be a number from 0 to 1000000000"},
        {R"({"total_sms": 98, "total_memory_gb": -0.5, "profiles": []})", "total_memory_gb"},
        // once an int64 overflow (2^52 SMs x 100,000) that answered a negative utilization
        {R"({"total_sms": 98, "total_memory_gb": 40, "profiles": [{"name": "a", "sms": 4503599627370496, "memory_gb": 5, "count": 100000}]})",
         "sms"},
        {R"({"total_sms": 98, "total_memory_gb": 40, "profiles": [{"name": "a", "sms": 1, "memory_gb": 1e300, "count": 1}]})",
         "memory_gb"},
        {R"({"total_sms": 98, "total_memory_gb": 40, "profiles": [7]})", "profiles[0]"},
    };
    for (const auto& b : cases) {
      INFO(b.json);
      auto out = migcalc::seedAllocation(Json::parse(b.json));
      REQUIRE_FALSE(out.ok());
      CHECK(out.error().code == Code::BAD_SEED_INPUT);
      CHECK(out.error().message.find(b.mentions) != std::string::npos);
    }
  }
}
