// Driver versions as branches, and the minimum drivers of reference §4.7.
#include "migcalc/model/driver.hpp"
#include "test_support.hpp"

using migcalc::Code;

using migcalc::parseDriver;

TEST_SUITE("driver") {
  TEST_CASE("R525, r525, 525 and 525.85.12 all mean branch 525, newest and latest mean no restriction") {
    for (const char* t : {"R525", "r525", "525", "525.85.12", " R525 "}) {
      auto d = parseDriver(t);
      REQUIRE_MESSAGE(d.ok(), t);
      CHECK(*d == 525);
    }
    for (const char* t : {"newest", "latest", "NEWEST", ""}) CHECK(*parseDriver(t) == migcalc::kNewestDriver);
  }

  TEST_CASE("Text that is not a driver version is refused with the valid forms") {
    for (const char* t : {"R", "abc", "R52x", "5", "99", "R1234567", "525-85", "R525a", "-525"}) {
      INFO(t);
      auto d = parseDriver(t);
      REQUIRE_FALSE(d.ok());
      CHECK(d.error().code == Code::BAD_DRIVER);
      CHECK(d.error().message.find("R525") != std::string::npos);
    }
  }

  TEST_CASE("The newest driver satisfies every minimum, a branch satisfies minimums up to itself") {
    CHECK(migcalc::driverAtLeast(migcalc::kNewestDriver, 9999));
    CHECK(migcalc::driverAtLeast(525, 525));
    CHECK(migcalc::driverAtLeast(535, 525));
    CHECK_FALSE(migcalc::driverAtLeast(510, 525));
    CHECK(migcalc::driverName(525) == "R525");
    CHECK(migcalc::driverName(migcalc::kNewestDriver) == "the newest driver");
  }

  TEST_CASE("Each model has the minimum driver of reference section 4 item 7") {
    struct Min {
      const char* key;
      int branch;
    };
    for (const Min& m :
         {Min{"A100-40GB", 450}, Min{"A100-80GB", 450}, Min{"A30-24GB", 460}, Min{"H100-SXM5-80GB", 525},
          Min{"H100-PCIe-80GB", 525}, Min{"H20-96GB", 535}, Min{"H200-SXM-141GB", 550}, Min{"B200-180GB", 570},
          Min{"GB200-186GB", 570}, Min{"RTX-PRO-6000-96GB", 575}, Min{"RTX-PRO-5000-48GB", 575},
          Min{"RTX-PRO-4500-32GB", 575}, Min{"B300-288GB", 580}, Min{"GB300-279GB", 595}}) {
      INFO(m.key);
      const auto& g = testsupport::gpu(m.key);
      CHECK(g.min_driver == m.branch);
      // one branch older refuses the model, the minimum accepts it
      const std::string p = g.profiles.front().name;
      auto old = testsupport::run(g, testsupport::request({{p, 1}}, {}, m.branch - 1));
      CHECK(testsupport::hasCode(old, Code::DRIVER_TOO_OLD));
      auto ok = testsupport::run(g, testsupport::request({{p, 1}}, {}, m.branch));
      CHECK_FALSE(testsupport::hasCode(ok, Code::DRIVER_TOO_OLD));
    }
  }

  TEST_CASE("Profiles and combinations that need a newer driver than their model are marked in the catalog") {
    auto minOf = [](const char* key, const char* profile) {
      const auto& g = testsupport::gpu(key);
      return g.profiles[static_cast<size_t>(g.findProfile(profile))].min_driver.value_or(0);
    };
    CHECK(minOf("A100-40GB", "1g.10gb") == 525);
    CHECK(minOf("A100-80GB", "1g.20gb") == 525);
    CHECK(minOf("A30-24GB", "2g.12gb+me") == 525);
    CHECK(minOf("A30-24GB", "1g.6gb+me") == 470);
    CHECK(minOf("A100-40GB", "1g.5gb+me") == 470);
    const auto& a = testsupport::gpu("A100-40GB");
    REQUIRE(a.driver_rules.size() == 1);
    CHECK(a.driver_rules[0].min_driver == 510);
  }

  TEST_CASE("An old driver makes nothing creatable: remaining capacity is zero everywhere") {
    auto r = testsupport::run(testsupport::gpu("H100-SXM5-80GB"), testsupport::request({}, {}, 510));
    CHECK(r.verdict == migcalc::Verdict::NotFeasible);
    for (const auto& x : r.remaining) CHECK(x.count == 0);
    auto a = testsupport::run(testsupport::gpu("A100-40GB"), testsupport::request({}, {}, 510));
    CHECK(testsupport::remainingOf(a, "1g.10gb") == 0);  // needs R525
    CHECK(testsupport::remainingOf(a, "1g.5gb") == 7);
  }

  TEST_CASE("Before R510 an A100 with a 4g.20gb has no room for a 3g.20gb") {
    const auto& a = testsupport::gpu("A100-40GB");
    auto r = testsupport::run(a, testsupport::request({}, {{"4g.20gb", 0}}, 470));
    CHECK(r.verdict == migcalc::Verdict::Feasible);
    CHECK(testsupport::remainingOf(r, "3g.20gb") == 0);
    auto n = testsupport::run(a, testsupport::request({}, {{"4g.20gb", 0}}, 510));
    CHECK(testsupport::remainingOf(n, "3g.20gb") == 1);
  }
}
