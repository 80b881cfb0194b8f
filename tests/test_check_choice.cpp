// check(): which placement is chosen (most capacity left for large profiles, ties to the lowest starts), and
// that the chosen explicit starts work in any creation order.
#include "test_support.hpp"

using migcalc::Verdict;
using testsupport::gpu;
using testsupport::placed;
using testsupport::request;
using testsupport::run;

namespace {

bool isEightUnitGpu(const migcalc::GpuModel& g) { return g.placementsKnown() && g.units() == 8; }

// The plain profile with `cs` compute slices and the smallest size on the model (the base 1g/2g/3g...).
std::string plain(const migcalc::GpuModel& g, int cs, bool doubleMemory = false) {
  std::string best;
  int size = doubleMemory ? 0 : 1 << 30;
  for (const auto& p : g.profiles) {
    if (!p.attribute().empty() || p.compute_slices != cs) continue;
    if (doubleMemory ? p.size > size : p.size < size) size = p.size, best = p.name;
  }
  return best;
}

}  // namespace

TEST_SUITE("check choice") {
  TEST_CASE("On every 8-unit GPU a lone 3g goes to start 4, a lone 2g to start 4, a lone 1g to start 6") {
    int seen = 0;
    for (const auto& g : migcalc::catalog()) {
      if (!isEightUnitGpu(g)) continue;
      ++seen;
      INFO(g.key);
      CHECK(placed(run(g, request({{plain(g, 3), 1}})).instances) == std::vector<std::string>{plain(g, 3) + "@4"});
      CHECK(placed(run(g, request({{plain(g, 2), 1}})).instances) == std::vector<std::string>{plain(g, 2) + "@4"});
      CHECK(placed(run(g, request({{plain(g, 1), 1}})).instances) == std::vector<std::string>{plain(g, 1) + "@6"});
      CHECK(placed(run(g, request({{plain(g, 1, true), 1}})).instances) ==
            std::vector<std::string>{plain(g, 1, true) + "@6"});
    }
    CHECK(seen == 18);  // with H100 SXM5 94GB / 64GB and H20 141GB (issue 11 item 5)
  }

  TEST_CASE("The placement leaving a 4g window wins over one that only leaves more small windows") {
    // 3g at 0 leaves 3g@4, 2g@4, 1g x3; 3g at 4 leaves 4g@0 -- the 4g is compared first
    auto r = run(gpu("A100-40GB"), request({{"3g.20gb", 1}}));
    CHECK(placed(r.instances) == std::vector<std::string>{"3g.20gb@4"});
    CHECK(testsupport::remainingOf(r, "4g.20gb") == 1);
    CHECK(testsupport::remainingOf(r, "1g.5gb") == 4);
  }

  TEST_CASE("Ties go to the lowest starts") {
    CHECK(placed(run(gpu("A30-24GB"), request({{"2g.12gb", 1}})).instances) == std::vector<std::string>{"2g.12gb@0"});
    CHECK(placed(run(gpu("RTX-PRO-6000-96GB"), request({{"1g.24gb", 1}})).instances) ==
          std::vector<std::string>{"1g.24gb@0"});
    CHECK(placed(run(gpu("RTX-PRO-6000-96GB"), request({{"2g.48gb", 1}})).instances) ==
          std::vector<std::string>{"2g.48gb@0"});
  }

  TEST_CASE("Instances are listed fixed first, then the request largest first") {
    auto r = run(gpu("H100-SXM5-80GB"), request({{"1g.10gb", 1}, {"3g.40gb", 1}}, {{"1g.10gb", 6}}));
    REQUIRE(r.verdict == Verdict::Feasible);
    REQUIRE(r.instances.size() == 3);
    CHECK(r.instances[0].fixed);
    CHECK(r.instances[0].start == 6);
    CHECK(r.instances[1].profile == "3g.40gb");
    CHECK(r.instances[2].profile == "1g.10gb");
  }

  TEST_CASE(
      "The chosen explicit starts can be created in any order: replaying them as fixed instances fits and leaves the "
      "same") {
    for (const auto& g : migcalc::catalog()) {
      if (!g.placementsKnown()) continue;
      INFO(g.key);
      std::vector<migcalc::ProfileCount> req;
      for (const auto& c : g.named_configs)
        if (c.name == "all-balanced")
          for (const auto& [name, count] : c.devices) req.push_back({name, count});
      if (req.empty()) req.push_back({g.profiles.front().name, 1});
      auto r = run(g, request(req));
      REQUIRE(r.verdict == Verdict::Feasible);
      std::vector<migcalc::FixedInstance> forward, backward;
      for (const auto& i : r.instances) forward.push_back({i.profile, i.start});
      backward.assign(forward.rbegin(), forward.rend());
      for (const auto* order : {&forward, &backward}) {
        auto replay = run(g, request({}, *order));
        CHECK(replay.verdict == Verdict::Feasible);
        REQUIRE(replay.remaining.size() == r.remaining.size());
        for (size_t k = 0; k < r.remaining.size(); ++k) CHECK(replay.remaining[k].count == r.remaining[k].count);
      }
    }
  }

  TEST_CASE("An empty request shows what still fits beside the fixed instances") {
    auto r = run(gpu("A100-40GB"), request({}, {{"1g.5gb", 0}}));
    CHECK(r.verdict == Verdict::Feasible);
    CHECK(placed(r.instances) == std::vector<std::string>{"1g.5gb@0"});
    CHECK(testsupport::remainingOf(r, "4g.20gb") == 0);
    CHECK(testsupport::remainingOf(r, "3g.20gb") == 1);
    CHECK(testsupport::remainingOf(r, "1g.5gb") == 6);
  }

  TEST_CASE("Repeated profiles in a request add up") {
    auto a = run(gpu("H100-SXM5-80GB"), request({{"1g.10gb", 2}, {"1g.10gb", 3}}));
    auto b = run(gpu("H100-SXM5-80GB"), request({{"1g.10gb", 5}}));
    CHECK(placed(a.instances) == placed(b.instances));
    CHECK(a.instances.size() == 5);
  }
}
