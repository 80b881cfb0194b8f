// Layout enumeration: every maximal layout, checked against the counts of reference §3 and
// mig-catalog.json's supported_configurations (19 base / 78 with the double-memory 1g; 5 on 4-slice GPUs).
#include <map>
#include <set>

#include "migcalc/engine/layouts.hpp"
#include "test_bruteforce.hpp"
#include "test_support.hpp"

using migcalc::Code;

using migcalc::Layout;
using testsupport::gpu;

namespace {

using Multiset = std::map<std::string, int>;

// Base profiles plus the double-memory 1g (the plain 1g with the larger window).
std::vector<std::string> baseWithDoubleMemory(const migcalc::GpuModel& g) {
  auto names = migcalc::profileSet(g, migcalc::ProfileSet::Base);
  for (const auto& p : g.profiles)
    if (p.attribute().empty() && p.compute_slices == 1 && std::find(names.begin(), names.end(), p.name) == names.end())
      names.push_back(p.name);
  return names;
}

std::vector<Layout> layouts(const migcalc::GpuModel& g, const std::vector<std::string>& names, int driver = 0) {
  auto r = migcalc::enumerateLayouts(g, names, driver);
  REQUIRE_MESSAGE(r.ok(), r.error().message);
  return *r;
}

Multiset multisetOf(const Layout& l) {
  Multiset m;
  for (const auto& i : l.instances) m[i.profile]++;
  return m;
}

bool contains(const Multiset& big, const Multiset& small) {
  if (big == small) return false;
  for (const auto& [p, n] : small) {
    auto it = big.find(p);
    if (it == big.end() || it->second < n) return false;
  }
  return true;
}

std::set<Multiset> maximalMultisets(const std::vector<Layout>& ls) {
  std::set<Multiset> all, out;
  for (const auto& l : ls) all.insert(multisetOf(l));
  for (const auto& m : all) {
    bool dominated = false;
    for (const auto& other : all) dominated = dominated || contains(other, m);
    if (!dominated) out.insert(m);
  }
  return out;
}

size_t distinctMultisets(const std::vector<Layout>& ls) {
  std::set<Multiset> all;
  for (const auto& l : ls) all.insert(multisetOf(l));
  return all.size();
}

}  // namespace

TEST_SUITE("layouts") {
  TEST_CASE(
      "Every 7-slice GPU has 19 base layouts (14 multisets, 12 maximal) and 78 with the double-memory 1g (38, 28)") {
    // reference mig-hardware.md §3; mig-catalog.json supported_configurations of every 7-slice model
    int seen = 0;
    for (const auto& g : migcalc::catalog()) {
      if (!g.placementsKnown() || g.compute_slices != 7) continue;
      ++seen;
      INFO(g.key);
      auto base = layouts(g, migcalc::profileSet(g, migcalc::ProfileSet::Base));
      CHECK(base.size() == 19);
      CHECK(distinctMultisets(base) == 14);
      CHECK(maximalMultisets(base).size() == 12);
      auto dm = layouts(g, baseWithDoubleMemory(g));
      CHECK(dm.size() == 78);
      CHECK(distinctMultisets(dm) == 38);
      CHECK(maximalMultisets(dm).size() == 28);
    }
    CHECK(seen == 18);  // with H100 SXM5 94GB / 64GB and H20 141GB (issue 11 item 5)
  }

  TEST_CASE("A30 and RTX PRO 6000 have 5 base layouts and 4 multisets") {
    for (const char* k : {"A30-24GB", "RTX-PRO-6000-96GB"}) {
      INFO(k);
      auto ls = layouts(gpu(k), migcalc::profileSet(gpu(k), migcalc::ProfileSet::Base));
      CHECK(ls.size() == 5);
      CHECK(distinctMultisets(ls) == 4);
    }
  }

  TEST_CASE("The A100 base layouts are the twelve maximal multisets of the classic chart") {
    Multiset m;
    std::set<Multiset> want = {
        {{"7g.40gb", 1}},
        {{"4g.20gb", 1}, {"3g.20gb", 1}},
        {{"4g.20gb", 1}, {"2g.10gb", 1}, {"1g.5gb", 1}},
        {{"4g.20gb", 1}, {"1g.5gb", 3}},
        {{"3g.20gb", 2}},
        {{"3g.20gb", 1}, {"2g.10gb", 2}},
        {{"3g.20gb", 1}, {"2g.10gb", 1}, {"1g.5gb", 2}},
        {{"3g.20gb", 1}, {"1g.5gb", 4}},
        {{"2g.10gb", 3}, {"1g.5gb", 1}},
        {{"2g.10gb", 2}, {"1g.5gb", 3}},
        {{"2g.10gb", 1}, {"1g.5gb", 5}},
        {{"1g.5gb", 7}},
    };
    const auto& a = gpu("A100-40GB");
    CHECK(maximalMultisets(layouts(a, migcalc::profileSet(a, migcalc::ProfileSet::Base))) == want);
  }

  TEST_CASE("Before R510 the A100 chart has 18 base layouts: 4g + 3g is excluded") {
    const auto& a = gpu("A100-40GB");
    auto ls = layouts(a, migcalc::profileSet(a, migcalc::ProfileSet::Base), 470);
    CHECK(ls.size() == 18);
    for (const auto& l : ls) CHECK_FALSE((multisetOf(l).count("4g.20gb") && multisetOf(l).count("3g.20gb")));
  }

  TEST_CASE("Every layout is valid, distinct and maximal: nothing from its profile set still fits") {
    for (const auto& g : migcalc::catalog()) {
      if (!g.placementsKnown()) continue;
      INFO(g.key);
      auto names = baseWithDoubleMemory(g);
      auto ls = layouts(g, names);
      std::set<std::vector<std::string>> seen;
      for (const auto& l : ls) {
        std::vector<migcalc::FixedInstance> fixed;
        for (const auto& i : l.instances) fixed.push_back({i.profile, i.start});
        auto r = testsupport::run(g, testsupport::request({}, fixed));
        CHECK(r.verdict == migcalc::Verdict::Feasible);  // no overlap, allowed starts, caps and engines hold
        for (const auto& n : names) CHECK(testsupport::remainingOf(r, n) == 0);
        CHECK(seen.insert(testsupport::placed(l.instances)).second);
        for (size_t k = 1; k < l.instances.size(); ++k) CHECK(l.instances[k - 1].start <= l.instances[k].start);
      }
    }
  }

  TEST_CASE("Layouts over all profiles respect the media-engine rule (one +me per GPU)") {
    const auto& h = gpu("H100-SXM5-80GB");
    auto ls = layouts(h, {});
    CHECK(ls.size() > 78);
    for (const auto& l : ls) CHECK(multisetOf(l)["1g.10gb+me"] <= 1);
    const auto& r = gpu("RTX-PRO-6000-96GB");
    for (const auto& l : layouts(r, {})) {
      Multiset m = multisetOf(l);
      if (m.count("1g.24gb+me.all") || m.count("2g.48gb+me.all"))
        for (const auto& entry : m) {
          const std::string& p =
              entry.first;  // (no structured binding: clang 14 cannot capture it in doctest's lambdas)
          CHECK_MESSAGE((p.find("+me.all") != std::string::npos || p.find("-me") != std::string::npos), p);
        }
    }
  }

  TEST_CASE("Over all profiles, the number of maximal layouts agrees with a brute-force count on every GPU") {
    for (const auto& g : migcalc::catalog()) {
      if (!g.placementsKnown()) continue;
      INFO(g.key);
      std::vector<int> all;
      for (size_t i = 0; i < g.profiles.size(); ++i) all.push_back(static_cast<int>(i));
      testsupport::BruteForce bf(g);
      CHECK(static_cast<long long>(layouts(g, {}).size()) == bf.countMaximal(all));
    }
  }

  TEST_CASE("Models without placements and unknown profiles are refused") {
    auto u = migcalc::enumerateLayouts(gpu("RTX-PRO-5000-48GB"), {});
    REQUIRE_FALSE(u.ok());
    CHECK(u.error().code == Code::PLACEMENTS_UNKNOWN);
    auto p = migcalc::enumerateLayouts(gpu("A100-40GB"), {"3g.40gb"});
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().code == Code::UNKNOWN_PROFILE);
    CHECK(p.error().message.find("3g.40gb") != std::string::npos);
  }

  TEST_CASE("The base profile set is the plain profiles without the double-memory 1g") {
    CHECK(migcalc::profileSet(gpu("H100-SXM5-80GB"), migcalc::ProfileSet::Base) ==
          std::vector<std::string>{"1g.10gb", "2g.20gb", "3g.40gb", "4g.40gb", "7g.80gb"});
    CHECK(migcalc::profileSet(gpu("A30-24GB"), migcalc::ProfileSet::All).size() == 5);
  }
}
