// The compiled-grid cache: a grid handed out stays valid however many grids are compiled after it.
#include <doctest/doctest.h>

#include "migcalc/engine/grid.hpp"
#include "migcalc/model/catalog.hpp"
#include "migcalc/model/driver.hpp"

TEST_SUITE("grid cache") {
  TEST_CASE("a kept grid is neither moved nor freed by later grids, and the cache stays bounded") {
    const auto& models = migcalc::catalog();
    REQUIRE(models.size() > 3);
    migcalc::Grid scratch;
    const migcalc::Grid& first = migcalc::gridFor(models[3], migcalc::kNewestDriver, scratch);
    const int units = first.units;
    const size_t profiles = first.profiles.size();
    const migcalc::Grid* address = &first;
    // Hundreds of other (model, driver) keys: a vector would have reallocated (and the old code cleared it at 256).
    for (int driver = 400; driver < 1000; ++driver) {
      const auto& model = models[static_cast<size_t>(driver) % models.size()];
      migcalc::Grid other;
      const migcalc::Grid& g = migcalc::gridFor(model, driver, other);
      CHECK(g.profiles.size() == model.profiles.size());
    }
    CHECK(first.units == units);  // under ASan a freed grid fails here
    CHECK(first.profiles.size() == profiles);
    migcalc::Grid again;
    CHECK(&migcalc::gridFor(models[3], migcalc::kNewestDriver, again) == address);
  }
}
