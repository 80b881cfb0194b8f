// The golden scenarios of tests/fixtures/scenarios.json (shared with the JS tests): expectations taken from the
// reference documents, checked against check().
#include <algorithm>
#include <set>
#include <tuple>

#include "migcalc/model/driver.hpp"
#include "test_support.hpp"

using migcalc::Json;

namespace {

// profile, start, size, fixed, compute instances ("1c.3g.40gb:1,1c.3g.40gb:1"; "" = no split)
using Placed = std::tuple<std::string, int, int, bool, std::string>;

std::multiset<Placed> expectedInstances(const Json& list) {
  std::multiset<Placed> out;
  for (const auto& i : list) {
    std::string cis;
    for (const auto& ci : i.value("compute_instances", Json::array()))
      cis += (cis.empty() ? "" : ",") + ci.at("profile").get<std::string>() + ":" +
             std::to_string(ci.at("compute_slices").get<int>());
    out.insert({i.at("profile").get<std::string>(), i.at("start").get<int>(), i.at("size").get<int>(),
                i.at("fixed").get<bool>(), cis});
  }
  return out;
}

std::multiset<Placed> actualInstances(const std::vector<migcalc::Instance>& list) {
  std::multiset<Placed> out;
  for (const auto& i : list) {
    std::string cis;
    for (const auto& ci : i.compute_instances)
      cis += (cis.empty() ? "" : ",") + ci.profile + ":" + std::to_string(ci.compute_slices);
    out.insert({i.profile, i.start, i.size, i.fixed, cis});
  }
  return out;
}

std::string show(const std::multiset<Placed>& s) {
  std::string out;
  for (const auto& [p, st, sz, f, cis] : s)
    out += p + "@" + std::to_string(st) + ":" + std::to_string(sz) + (f ? "(fixed)" : "") +
           (cis.empty() ? "" : "[" + cis + "]") + " ";
  return out;
}

void runScenario(const Json& s) {
  const std::string name = s.at("name").get<std::string>();
  INFO("scenario: " << name);
  const auto& g = testsupport::gpu(s.at("gpu").get<std::string>());
  migcalc::CheckRequest req;
  for (const auto& r : s.at("request"))
    req.request.push_back({r.at("profile").get<std::string>(), r.at("count").get<long long>()});
  for (const auto& f : s.at("fixed"))
    req.fixed.push_back({f.at("profile").get<std::string>(), f.at("start").get<int>()});
  auto driver = migcalc::parseDriver(s.at("driver").get<std::string>());
  REQUIRE(driver.ok());
  req.driver = *driver;

  const migcalc::CheckResult r = testsupport::run(g, req);
  const Json& e = s.at("expect");
  CHECK(std::string(migcalc::verdictName(r.verdict)) == e.at("verdict").get<std::string>());
  // reasons are non-empty exactly when the verdict is not "feasible"
  CHECK(r.reasons.empty() == (r.verdict == migcalc::Verdict::Feasible));

  if (e.contains("instances")) {
    auto want = expectedInstances(e.at("instances"));
    auto got = actualInstances(r.instances);
    CHECK_MESSAGE(want == got, "want " << show(want) << "| got " << show(got));
  }
  if (e.contains("reason_codes")) {
    std::set<std::string> want, got;
    for (const auto& c : e.at("reason_codes")) want.insert(c.get<std::string>());
    for (const auto& x : r.reasons) got.insert(migcalc::codeName(x.code));
    std::string msgs;
    for (const auto& x : r.reasons) msgs += std::string(migcalc::codeName(x.code)) + ": " + x.message + "\n";
    CHECK_MESSAGE(want == got, "reasons were:\n" << msgs);
  }
  if (e.contains("remaining")) {
    for (auto it = e.at("remaining").begin(); it != e.at("remaining").end(); ++it) {
      INFO("remaining " << it.key());
      CHECK(testsupport::remainingOf(r, it.key()) == it.value().get<int>());
    }
  }
  if (e.contains("largest_subset_count"))
    CHECK(static_cast<int>(r.largest_subset.size()) == e.at("largest_subset_count").get<int>());
}

}  // namespace

TEST_SUITE("scenarios") {
  TEST_CASE("The golden scenarios file lists well-formed scenarios for every catalog model") {
    Json all = testsupport::fixture("scenarios.json");
    REQUIRE(all.is_array());
    CHECK(all.size() >= 60);
    std::set<std::string> names, gpus;
    const std::set<std::string> topKeys = {"name", "source", "gpu", "request", "fixed", "driver", "expect"};
    const std::set<std::string> expectKeys = {"verdict", "instances", "reason_codes", "remaining",
                                              "largest_subset_count"};
    for (const auto& s : all) {
      INFO(s.dump());
      // the exact shape the JS tests rely on (tests/fixtures/README.md)
      REQUIRE(s.is_object());
      for (auto it = s.begin(); it != s.end(); ++it)
        CHECK_MESSAGE(topKeys.count(it.key()), "unexpected key " << it.key());
      for (const auto& k : topKeys) REQUIRE_MESSAGE(s.contains(k), "missing " << k);
      CHECK(s.at("driver").is_string());
      for (const auto& r : s.at("request"))
        CHECK((r.size() == 2 && r.at("profile").is_string() && r.at("count").is_number_integer()));
      for (const auto& f : s.at("fixed"))
        CHECK((f.size() == 2 && f.at("profile").is_string() && f.at("start").is_number_integer()));
      const Json& e = s.at("expect");
      for (auto it = e.begin(); it != e.end(); ++it)
        CHECK_MESSAGE(expectKeys.count(it.key()), "unexpected expect key " << it.key());
      CHECK(std::set<std::string>{"feasible", "not feasible", "unknown"}.count(e.at("verdict").get<std::string>()) ==
            1);
      if (e.contains("instances"))
        for (const auto& i : e.at("instances"))
          CHECK(((i.size() == 4 || (i.size() == 5 && i.at("compute_instances").is_array())) &&
                 i.at("fixed").is_boolean() && i.at("size").is_number_integer()));
      if (e.value("verdict", "") == "feasible") CHECK_FALSE(e.contains("reason_codes"));
      CHECK_MESSAGE(names.insert(s.at("name").get<std::string>()).second, "duplicate scenario name " << s.at("name"));
      gpus.insert(s.at("gpu").get<std::string>());
    }
    for (const auto& m : migcalc::catalog()) CHECK_MESSAGE(gpus.count(m.key), "no scenario for " << m.key);
  }

  TEST_CASE("Every golden scenario gets the verdict, placements, reasons and remaining capacity the reference gives") {
    Json all = testsupport::fixture("scenarios.json");
    for (const auto& s : all) {
      runScenario(s);
    }
  }
}
