// check() with compute-instance (CI) sub-profiles: mig-parted's counting, the split on each placed GPU instance,
// errors for CI sizes a GPU instance has not, and reasons in GPU-instance terms that say what the CIs need.
#include <string>
#include <vector>

#include "migcalc/engine/compute_instances.hpp"
#include "migcalc/export/export_layout.hpp"
#include "test_support.hpp"

using migcalc::Code;

using migcalc::Instance;
using testsupport::gpu;
using testsupport::request;
using testsupport::run;

namespace {

/// "3g.40gb@0[1c.3g.40gb,1c.3g.40gb]" per instance, in result order; fixed ones marked "*".
std::vector<std::string> shapes(const std::vector<Instance>& list) {
  std::vector<std::string> out;
  for (const auto& i : list) {
    std::string s = i.profile + "@" + std::to_string(i.start) + (i.fixed ? "*" : "");
    if (!i.compute_instances.empty()) {
      s += "[";
      for (size_t k = 0; k < i.compute_instances.size(); ++k)
        s += (k ? "," : "") + i.compute_instances[k].profile + ":" +
             std::to_string(i.compute_instances[k].compute_slices);
      s += "]";
    }
    out.push_back(s);
  }
  return out;
}

bool anyContains(const std::vector<std::string>& texts, const std::string& part) {
  for (const auto& t : texts)
    if (t.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_SUITE("check with compute instances") {
  TEST_CASE("6 x 1c.3g.40gb on an H100 80GB: two 3g.40gb GPU instances of three 1c compute instances each") {
    auto r = run(gpu("H100-SXM5-80GB"), request({{"1c.3g.40gb", 6}}));
    REQUIRE(r.verdict == migcalc::Verdict::Feasible);
    CHECK(shapes(r.instances) == std::vector<std::string>{"3g.40gb@0[1c.3g.40gb:1,1c.3g.40gb:1,1c.3g.40gb:1]",
                                                          "3g.40gb@4[1c.3g.40gb:1,1c.3g.40gb:1,1c.3g.40gb:1]"});
    CHECK(testsupport::remainingOf(r, "1g.10gb") == 0);
    CHECK(anyContains(r.notes, "6 \u00d7 1c.3g.40gb make 2 \u00d7 3g.40gb GPU instances"));
    // 4 x 1c fills the first GI and opens a second one with one compute instance.
    auto four = run(gpu("H100-SXM5-80GB"), request({{"1c.3g.40gb", 4}}));
    REQUIRE(four.instances.size() == 2);
    CHECK(four.instances[0].compute_instances.size() + four.instances[1].compute_instances.size() == 4);
  }

  TEST_CASE("2c and 1c share one 3g.40gb GPU instance, in either order of the request") {
    for (auto req :
         {request({{"2c.3g.40gb", 1}, {"1c.3g.40gb", 1}}), request({{"1c.3g.40gb", 1}, {"2c.3g.40gb", 1}})}) {
      auto r = run(gpu("H100-SXM5-80GB"), req);
      REQUIRE(r.verdict == migcalc::Verdict::Feasible);
      REQUIRE(r.instances.size() == 1);
      CHECK(shapes(r.instances) == std::vector<std::string>{"3g.40gb@4[2c.3g.40gb:2,1c.3g.40gb:1]"});
    }
    // 2c + 4 x 1c: the 2c GI takes one 1c, the other three fill a second GI.
    auto r = run(gpu("H100-SXM5-80GB"), request({{"1c.3g.40gb", 4}, {"2c.3g.40gb", 1}}));
    REQUIRE(r.verdict == migcalc::Verdict::Feasible);
    auto s = shapes(r.instances);
    REQUIRE(s.size() == 2);
    CHECK(anyContains(s, "[2c.3g.40gb:2,1c.3g.40gb:1]"));
    CHECK(anyContains(s, "[1c.3g.40gb:1,1c.3g.40gb:1,1c.3g.40gb:1]"));
  }

  TEST_CASE("GPU-instance profiles mixed with CI sub-profiles: only the split GPU instances carry compute instances") {
    auto r = run(gpu("H100-SXM5-80GB"), request({{"3g.40gb", 1}, {"1c.3g.40gb", 3}}));
    REQUIRE(r.verdict == migcalc::Verdict::Feasible);
    REQUIRE(r.instances.size() == 2);
    CHECK(r.instances[0].compute_instances.empty() != r.instances[1].compute_instances.empty());
    // The 4c opens the 7g.80gb GPU instance (larger CIs first); the three 1c fill its other 3 slices.
    auto big = run(gpu("H100-SXM5-80GB"), request({{"1c.7g.80gb", 3}, {"4c.7g.80gb", 1}}));
    REQUIRE(big.verdict == migcalc::Verdict::Feasible);
    CHECK(shapes(big.instances) ==
          std::vector<std::string>{"7g.80gb@0[4c.7g.80gb:4,1c.7g.80gb:1,1c.7g.80gb:1,1c.7g.80gb:1]"});
  }

  TEST_CASE("pinned instances stay GPU instances, the split goes to the new ones") {
    auto r = run(gpu("H100-SXM5-80GB"), request({{"1c.3g.40gb", 3}}, {{"1g.10gb", 0}}));
    REQUIRE(r.verdict == migcalc::Verdict::Feasible);
    CHECK(shapes(r.instances) ==
          std::vector<std::string>{"1g.10gb@0*", "3g.40gb@4[1c.3g.40gb:1,1c.3g.40gb:1,1c.3g.40gb:1]"});
    // A CI sub-profile cannot be pinned: the reason says to pin its GPU instance.
    auto pinnedCi = run(gpu("H100-SXM5-80GB"), request({{"1g.10gb", 1}}, {{"1c.3g.40gb", 0}}));
    REQUIRE(pinnedCi.reasons.size() == 1);
    CHECK(pinnedCi.reasons[0].code == Code::UNKNOWN_PROFILE);
    CHECK(pinnedCi.reasons[0].message.find("pin the 3g.40gb itself") != std::string::npos);
  }

  TEST_CASE("a CI size the GPU instance has not is an error naming the sizes it has") {
    auto bad = migcalc::check(gpu("H100-SXM5-80GB"), request({{"4c.3g.40gb", 1}}));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == Code::BAD_CI_PROFILE);
    CHECK(bad.error().message.find("1c.3g.40gb, 2c.3g.40gb") != std::string::npos);
    auto three =
        migcalc::check(gpu("H100-SXM5-80GB"), request({{"3g.40gb", 1}, {"3c.4g.40gb", 1}}));  // 4g offers 1c, 2c, 4c
    REQUIRE_FALSE(three.ok());
    CHECK(three.error().code == Code::BAD_CI_PROFILE);
    CHECK(three.error().message.find("1c.4g.40gb, 2c.4g.40gb") != std::string::npos);
    auto name = migcalc::check(gpu("H100-SXM5-80GB"), request({{"1c3g.40gb", 1}}));
    REQUIRE_FALSE(name.ok());
    CHECK(name.error().code == Code::BAD_PROFILE_NAME);
  }

  TEST_CASE("a CI sub-profile of a GPU instance the model has not is an unknown profile, like any other") {
    auto r = run(gpu("H100-SXM5-80GB"), request({{"1c.5g.40gb", 2}, {"1g.10gb", 1}}));
    CHECK(r.verdict == migcalc::Verdict::NotFeasible);
    REQUIRE(r.reasons.size() == 1);
    CHECK(r.reasons[0].code == Code::UNKNOWN_PROFILE);
    CHECK(r.reasons[0].message.find("'5g.40gb' (the GPU instance of 1c.5g.40gb)") != std::string::npos);
    CHECK(r.largest_subset.size() == 1);
  }

  TEST_CASE(
      "more compute instances than the GPU holds: not feasible, the reason says how many GPU instances they need") {
    auto r = run(gpu("H100-SXM5-80GB"), request({{"1c.3g.40gb", 9}}));
    REQUIRE(r.verdict == migcalc::Verdict::NotFeasible);
    REQUIRE_FALSE(r.reasons.empty());
    CHECK(r.reasons[0].code == Code::SLICE_TOTAL);  // every failing rule, slice totals first (issue 11 item 3)
    auto cap = std::find_if(r.reasons.begin(), r.reasons.end(),
                            [](const migcalc::Reason& x) { return x.code == Code::INSTANCE_CAP; });
    REQUIRE(cap != r.reasons.end());
    CHECK(cap->message.find("3 \u00d7 3g.40gb exceeds its instance cap") != std::string::npos);
    CHECK(r.reasons[0].message.find("9 \u00d7 1c.3g.40gb make 3 \u00d7 3g.40gb GPU instances") != std::string::npos);
    // The largest part that fits: the first two GPU instances, with their compute instances.
    CHECK(shapes(r.largest_subset).size() == 2);
    for (const auto& i : r.largest_subset) CHECK(i.compute_instances.size() == 3);
    // Mixed: 3g + 6 x 1c + 2c need four 3g.40gb GPU instances.
    auto mixed = run(gpu("H100-SXM5-80GB"), request({{"3g.40gb", 1}, {"1c.3g.40gb", 6}, {"2c.3g.40gb", 1}}));
    REQUIRE(mixed.verdict == migcalc::Verdict::NotFeasible);
    CHECK(testsupport::hasCode(mixed, Code::INSTANCE_CAP));
    CHECK(mixed.reasons[0].message.find("4 \u00d7 3g.40gb") != std::string::npos);
    CHECK(mixed.reasons[0].message.find("3g.40gb, 6 \u00d7 1c.3g.40gb and 2c.3g.40gb make 4 \u00d7 3g.40gb") !=
          std::string::npos);
  }

  TEST_CASE("check and the exports pair the same compute instances with the same GPU instances") {
    const auto& h100 = gpu("H100-SXM5-80GB");
    std::vector<std::vector<migcalc::ProfileCount>> requests = {{{"1c.3g.40gb", 6}},
                                                                {{"2c.3g.40gb", 1}, {"1c.3g.40gb", 4}},
                                                                {{"1c.4g.40gb", 2}, {"2c.2g.20gb", 1}, {"1g.10gb", 1}},
                                                                {{"3g.40gb", 1}, {"1c.3g.40gb", 2}}};
    for (const auto& req : requests) {
      auto r = run(h100, request(req));
      auto e = migcalc::prepareExport(h100, req, {});
      REQUIRE(e.ok());
      REQUIRE(e->created.size() == r.instances.size());
      for (size_t k = 0; k < r.instances.size(); ++k) {
        CHECK(e->created[k].instance.start == r.instances[k].start);
        std::vector<std::string> names;
        for (const auto& ci : r.instances[k].compute_instances) names.push_back(ci.profile);
        CHECK(names == e->created[k].cis);
      }
    }
  }

  TEST_CASE("JSON: compute_instances only on split instances, output without CI profiles has no such key") {
    const auto& h100 = gpu("H100-SXM5-80GB");
    auto plainReq = request({{"3g.40gb", 1}, {"2g.20gb", 1}, {"1g.10gb", 2}});
    std::string plain = migcalc::checkJson(h100, plainReq, run(h100, plainReq)).dump();
    CHECK(plain.find("compute_instances") == std::string::npos);
    auto ciReq = request({{"3g.40gb", 1}, {"1c.3g.40gb", 2}});
    auto j = migcalc::checkJson(h100, ciReq, run(h100, ciReq));
    int split = 0;
    for (const auto& i : j["instances"])
      if (i.contains("compute_instances")) {
        ++split;
        REQUIRE(i["compute_instances"].size() == 2);
        CHECK(i["compute_instances"][0] == migcalc::Json{{"profile", "1c.3g.40gb"}, {"compute_slices", 1}});
      }
    CHECK(split == 1);
    CHECK(j["request"][1]["profile"] == "1c.3g.40gb");
  }

  TEST_CASE("profiles JSON lists each GPU instance's CI sub-profiles") {
    auto p = migcalc::profilesJson(gpu("H100-SXM5-80GB"));
    auto ciNames = [&](const std::string& gi) {
      std::vector<std::string> out;
      for (const auto& prof : p["profiles"])
        if (prof["name"] == gi)
          for (const auto& ci : prof["ci_profiles"]) out.push_back(ci["name"].get<std::string>());
      return out;
    };
    CHECK(ciNames("3g.40gb") == std::vector<std::string>{"1c.3g.40gb", "2c.3g.40gb"});
    CHECK(ciNames("4g.40gb") == std::vector<std::string>{"1c.4g.40gb", "2c.4g.40gb"});
    CHECK(ciNames("7g.80gb") == std::vector<std::string>{"1c.7g.80gb", "2c.7g.80gb", "3c.7g.80gb", "4c.7g.80gb"});
    CHECK(ciNames("1g.10gb").empty());
    auto a = migcalc::profilesJson(gpu("A100-40GB"));
    for (const auto& prof : a["profiles"])
      if (prof["name"] == "3g.20gb") {
        CHECK(prof["ci_profiles"][0] ==
              migcalc::Json{{"name", "1c.3g.20gb"}, {"compute_slices", 1}, {"id", 0}, {"per_gi", 3}});
        CHECK(prof["ci_profiles"][1]["id"] == 1);
      }
  }

  TEST_CASE("models without known placements: CI requests get the same answer as their GPU instances") {
    // issue 11 item 4: one GI profile up to its cap fits under every placement table; a mix stays unknown.
    const auto& rtx = gpu("RTX-PRO-5000-48GB");
    int asked = 0;
    for (const auto& p : rtx.profiles) {
      if (p.compute_slices < 2) continue;
      auto ci = run(rtx, request({{"1c." + p.name, 1}}));
      CHECK(ci.verdict == migcalc::Verdict::Feasible);
      auto mixed = run(rtx, request({{"1c." + p.name, 1}, {"1g.24gb", 1}}));
      CHECK(mixed.verdict == migcalc::Verdict::NotFeasible);  // 3 compute slices > 2
      CHECK_FALSE(testsupport::hasCode(mixed, Code::PLACEMENTS_UNKNOWN));
      ++asked;
    }
    CHECK(asked > 0);
    auto unknown = run(rtx, request({{"1c.1g.24gb", 1}, {"1g.24gb-me", 1}}));
    CHECK(unknown.verdict == migcalc::Verdict::Unknown);
    CHECK(testsupport::hasCode(unknown, Code::PLACEMENTS_UNKNOWN));
  }
}
