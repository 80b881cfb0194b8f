#include <doctest/doctest.h>

#include "migcalc/catalog.hpp"
#include "migcalc/check.hpp"

TEST_SUITE("check") {
  TEST_CASE("A lone 3g.40gb on an 80 GB H100 goes to start 4, where a 4g.40gb still fits") {
    auto gpu = migcalc::findGpu("H100-SXM5-80GB");
    REQUIRE(gpu.ok());
    auto r = migcalc::check(**gpu, {{{"3g.40gb", 1}}, {}, 0});
    REQUIRE(r.ok());
    CHECK(r->verdict == migcalc::Verdict::Feasible);
    REQUIRE(r->instances.size() == 1);
    CHECK(r->instances[0].start == 4);
  }
}
