// GpuModel and Profile: the placement text format, the profile-name grammar, base and full-GPU profiles.
#include "test_support.hpp"

using migcalc::isValidProfileName;
using migcalc::parsePlacements;

TEST_SUITE("gpu_model") {
  TEST_CASE("Placements in nvidia-smi's {start,...}:size form are parsed") {
    std::vector<int> starts;
    int size = 0;
    REQUIRE(parsePlacements("{0,1,2,3,4,5,6}:1", starts, size));
    CHECK(starts == std::vector<int>{0, 1, 2, 3, 4, 5, 6});
    CHECK(size == 1);
    REQUIRE(parsePlacements("{0,3,6,9}:3", starts, size));
    CHECK(starts == std::vector<int>{0, 3, 6, 9});
    CHECK(size == 3);
    REQUIRE(parsePlacements(" { 0 , 4 } : 4 ", starts, size));
    CHECK(starts == std::vector<int>{0, 4});
    CHECK(size == 4);
  }

  TEST_CASE("Malformed placement text is refused") {
    std::vector<int> starts;
    int size = 0;
    for (const char* bad : {"", "{}", "{0,4}", "{0,4}:", "{0,4}:0", "0,4:4", "{0,4:4", "{0,,4}:4", "{a}:1", "{0}:4x",
                            "{-1}:1", "{0}:99999"}) {
      INFO(bad);
      CHECK_FALSE(parsePlacements(bad, starts, size));
    }
  }

  TEST_CASE("Profile names follow the go-nvlib grammar, with +attributes or one -attribute") {
    for (const char* good : {"1g.5gb", "7g.40gb", "1g.24gb+me.all", "1g.24gb-me", "1g.5gb+me", "2g.48gb+gfx",
                             "1c.3g.20gb", "1g.5gb+me,gfx", "7g.189gb"})
      CHECK_MESSAGE(isValidProfileName(good), good);
    for (const char* bad :
         {"", "3g", "g.5gb", "0g.5gb", "3g.40GB", "3g40gb", "3g.gb", "3g.40gb+", "3g.40gb+1me", "3g.40gb+.me",
          "3g.40gb-me,gfx", "3g.40gb+me-x", "1c3g.20gb", "3g.40gb:2", "3g.40gb@0", "3g.40gb+me."})
      CHECK_MESSAGE(!isValidProfileName(bad), bad);
  }

  TEST_CASE("A profile prints its placements as -lgipp does, and its attribute") {
    const auto& g = testsupport::gpu("RTX-PRO-6000-96GB");
    const auto& p = g.profiles[static_cast<size_t>(g.findProfile("1g.24gb+me.all"))];
    CHECK(p.placementsText() == "{0,3,6,9}:3");
    CHECK(p.attribute() == "+me.all");
    CHECK(g.profiles[static_cast<size_t>(g.findProfile("2g.48gb-me"))].attribute() == "-me");
    CHECK(g.profiles[static_cast<size_t>(g.findProfile("2g.48gb"))].attribute().empty());
    CHECK(g.findProfile("3g.72gb") == -1);
  }

  TEST_CASE("Base profiles are the plain ones, without the double-memory 1g") {
    const auto& a = testsupport::gpu("A100-40GB");
    std::vector<std::string> base;
    for (size_t i = 0; i < a.profiles.size(); ++i)
      if (a.isBaseProfile(static_cast<int>(i))) base.push_back(a.profiles[i].name);
    std::sort(base.begin(), base.end());
    CHECK(base == std::vector<std::string>{"1g.5gb", "2g.10gb", "3g.20gb", "4g.20gb", "7g.40gb"});
    const auto& r = testsupport::gpu("RTX-PRO-6000-96GB");
    base.clear();
    for (size_t i = 0; i < r.profiles.size(); ++i)
      if (r.isBaseProfile(static_cast<int>(i))) base.push_back(r.profiles[i].name);
    std::sort(base.begin(), base.end());
    CHECK(base == std::vector<std::string>{"1g.24gb", "2g.48gb", "4g.96gb"});
  }

  TEST_CASE("The full-GPU profile is the plain profile with the most compute slices") {
    CHECK(testsupport::gpu("A100-40GB").fullProfile()->name == "7g.40gb");
    CHECK(testsupport::gpu("A30-24GB").fullProfile()->name == "4g.24gb");
    CHECK(testsupport::gpu("RTX-PRO-6000-96GB").fullProfile()->name == "4g.96gb");
    CHECK(testsupport::gpu("RTX-PRO-4500-32GB").fullProfile()->name == "2g.32gb");
    CHECK(testsupport::gpu("H100-SXM5-80GB").fullMemoryMib() == 81152);
  }

  TEST_CASE("Models know whether their placements are known") {
    CHECK(testsupport::gpu("H100-SXM5-80GB").placementsKnown());
    CHECK_FALSE(testsupport::gpu("RTX-PRO-5000-48GB").placementsKnown());
    CHECK_FALSE(testsupport::gpu("RTX-PRO-4500-32GB").placementsKnown());
    migcalc::GpuModel empty;
    CHECK_FALSE(empty.placementsKnown());
    CHECK(empty.units() == 0);
  }
}
