// Exact compute-instance packing: the fewest GPU instances equal a brute force over every assignment of compute
// instances to GPU instances, for every CI multiset of up to 9 compute instances of every GI profile in the catalog
// (so every multiset of up to 7 compute slices), and the packing returned is one the driver accepts.
#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "migcalc/engine/ci_packing.hpp"
#include "migcalc/engine/compute_instances.hpp"
#include "migcalc/model/catalog.hpp"
#include "test_support.hpp"

using migcalc::CiKind;
using migcalc::packComputeInstances;

namespace {

/// Fewest GPU instances by trying every assignment of the compute instances (larger first) to an open GI or a new
/// one; caps per kind and compute slices per GI.
int bruteForceFewest(int g, const std::vector<CiKind>& kinds) {
  std::vector<int> items;
  for (size_t k = 0; k < kinds.size(); ++k)
    for (long long n = 0; n < kinds[k].count; ++n) items.push_back(static_cast<int>(k));
  std::sort(items.begin(), items.end(), [&](int a, int b) { return kinds[a].c > kinds[b].c; });
  std::vector<int> freeSlices;
  std::vector<std::vector<int>> perKind;
  int best = static_cast<int>(items.size()) + 1;
  std::function<void(size_t)> go = [&](size_t i) {
    if (static_cast<int>(freeSlices.size()) >= best) return;
    if (i == items.size()) {
      best = static_cast<int>(freeSlices.size());
      return;
    }
    const CiKind& k = kinds[static_cast<size_t>(items[i])];
    for (size_t b = 0; b < freeSlices.size(); ++b) {
      if (freeSlices[b] < k.c || perKind[b][static_cast<size_t>(items[i])] >= k.per_gi) continue;
      freeSlices[b] -= k.c, ++perKind[b][static_cast<size_t>(items[i])];
      go(i + 1);
      freeSlices[b] += k.c, --perKind[b][static_cast<size_t>(items[i])];
    }
    freeSlices.push_back(g - k.c);
    perKind.emplace_back(kinds.size(), 0);
    ++perKind.back()[static_cast<size_t>(items[i])];
    go(i + 1);
    freeSlices.pop_back(), perKind.pop_back();
  };
  go(0);
  return items.empty() ? 0 : best;
}

/// The packing holds every compute instance once, each GI within its compute slices and per-kind counts, larger
/// compute instances first within a GI.
void checkPackingValid(int g, const std::vector<CiKind>& kinds, const migcalc::CiPacking& p) {
  std::vector<long long> placed(kinds.size(), 0);
  for (const auto& gi : p.gis) {
    int slices = 0;
    std::vector<int> per(kinds.size(), 0);
    for (size_t i = 0; i < gi.size(); ++i) {
      size_t k = static_cast<size_t>(gi[i]);
      REQUIRE(k < kinds.size());
      slices += kinds[k].c, ++per[k], ++placed[k];
      if (i > 0) CHECK(kinds[static_cast<size_t>(gi[i - 1])].c >= kinds[k].c);
    }
    CHECK(slices <= g);
    CHECK(!gi.empty());
    for (size_t k = 0; k < kinds.size(); ++k) CHECK(per[k] <= kinds[k].per_gi);
  }
  for (size_t k = 0; k < kinds.size(); ++k) CHECK(placed[k] == kinds[k].count);
  CHECK(p.lower_bound <= static_cast<long long>(p.gis.size()));
}

/// Every count vector with at most `most` compute instances in all, over kinds.size() kinds.
void eachMultiset(std::vector<CiKind> kinds, int most, const std::function<void(const std::vector<CiKind>&)>& f,
                  size_t i = 0) {
  if (i == kinds.size()) return f(kinds);
  for (int n = 0; n <= most; ++n) {
    kinds[i].count = n;
    eachMultiset(kinds, most - n, f, i + 1);
  }
}

}  // namespace

TEST_SUITE("compute-instance packing") {
  TEST_CASE("the fewest GPU instances equal a brute force for every CI multiset of up to 9 compute instances") {
    std::set<std::string> seen;  // (g, kinds) already covered by another model
    long long compared = 0;
    for (const auto& gpu : migcalc::catalog()) {
      for (const auto& profile : gpu.profiles) {
        auto cis = migcalc::ciProfilesOf(gpu, profile.name);
        if (cis.empty()) continue;
        std::vector<CiKind> kinds;
        std::string signature = std::to_string(profile.compute_slices);
        for (const auto& ci : cis) {
          kinds.push_back({ci.c, ci.per_gi, 0});
          signature += " " + std::to_string(ci.c) + "/" + std::to_string(ci.per_gi);
        }
        if (!seen.insert(signature).second) continue;
        eachMultiset(kinds, 9, [&](const std::vector<CiKind>& asked) {
          auto packed = packComputeInstances(profile.compute_slices, asked);
          INFO(gpu.key << " " << profile.name << " " << signature);
          REQUIRE(packed.exact);
          CHECK(static_cast<int>(packed.gis.size()) == bruteForceFewest(profile.compute_slices, asked));
          checkPackingValid(profile.compute_slices, asked, packed);
          ++compared;
        });
      }
    }
    CHECK(seen.size() >= 4);  // 2g, 3g, 4g and 7g GPU instances at least
    CHECK(compared >= 835);   // 10 (2g) + 55 (3g) + 55 (4g) + 715 (7g) multisets at least
  }

  TEST_CASE("where first-fit decreasing needs 4 GPU instances the exact packing finds 3") {
    // 3 x 3c + 6 x 2c in 7-slice GIs: first fit puts 3c+3c together and strands a slice; 3c+2c+2c three times fits.
    std::vector<CiKind> kinds{{3, 2, 3}, {2, 3, 6}};
    auto packed = packComputeInstances(7, kinds);
    CHECK(packed.exact);
    CHECK(packed.gis.size() == 3);
    checkPackingValid(7, kinds, packed);
  }

  TEST_CASE("thousands of compute instances: first-fit, exact only when it meets the lower bound") {
    std::vector<CiKind> ones{{1, 3, 1000}};  // one kind: 1000 states, still exact
    auto a = packComputeInstances(3, ones);
    CHECK(a.exact);
    CHECK(a.gis.size() == 334);
    std::vector<CiKind> many{{3, 2, 1000}, {2, 3, 1000}, {1, 7, 1000}};  // past the state limit
    auto b = packComputeInstances(7, many);
    checkPackingValid(7, many, b);
    CHECK(b.lower_bound == 858);  // (3000 + 2000 + 1000 slices) / 7, more than 1000 / 2 or 1000 / 3
    CHECK(b.exact == (static_cast<long long>(b.gis.size()) == b.lower_bound));
  }

  TEST_CASE("kinds that cannot be packed give an empty packing with lower bound -1") {
    CHECK(packComputeInstances(3, {{4, 1, 1}}).lower_bound == -1);
    CHECK(packComputeInstances(3, {{0, 1, 1}}).lower_bound == -1);
    CHECK(packComputeInstances(3, {{1, 0, 1}}).lower_bound == -1);
    CHECK(packComputeInstances(3, {{1, 1, -1}}).lower_bound == -1);
    CHECK(packComputeInstances(7, {}).gis.empty());
  }

  TEST_CASE("check: 2 x 1c.3g.20gb + 2 x 2c.3g.20gb on an A100 40GB make two 3g.20gb of 2c+1c (issue #11)") {
    auto r =
        testsupport::run(testsupport::gpu("A100-40GB"), testsupport::request({{"1c.3g.20gb", 2}, {"2c.3g.20gb", 2}}));
    REQUIRE(r.verdict == migcalc::Verdict::Feasible);
    REQUIRE(r.instances.size() == 2);
    for (const auto& inst : r.instances) {
      CHECK(inst.profile == "3g.20gb");
      REQUIRE(inst.compute_instances.size() == 2);
      CHECK(inst.compute_instances[0].profile == "2c.3g.20gb");  // the larger compute instance is created first
      CHECK(inst.compute_instances[1].profile == "1c.3g.20gb");
    }
    for (const auto& note : r.notes) CHECK_FALSE(note.empty());  // an exact profile name adds no (empty) note
  }
}
