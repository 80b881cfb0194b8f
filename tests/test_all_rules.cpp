// Issue 11 items 3 and 4: check() reports every rule that fails, most fundamental first (unknown profiles, slice
// totals, instance caps, placement windows, media engines, driver), each reason with the units and profiles it
// involves; and a model without a known placement table answers Not feasible or Feasible where the known facts
// prove it, Unknown only for the rest.
#include <algorithm>

#include "test_support.hpp"

using migcalc::Code;
using migcalc::Verdict;
using testsupport::gpu;
using testsupport::request;
using testsupport::run;

namespace {

std::vector<Code> codes(const migcalc::CheckResult& r) {
  std::vector<Code> out;
  for (const auto& x : r.reasons) out.push_back(x.code);
  return out;
}

std::string show(const migcalc::CheckResult& r) {
  std::string out;
  for (const auto& x : r.reasons) out += std::string(migcalc::codeName(x.code)) + ": " + x.message + "\n";
  return out;
}

const migcalc::Reason& nth(const migcalc::CheckResult& r, size_t i) {
  REQUIRE_MESSAGE(i < r.reasons.size(), show(r));
  return r.reasons[i];
}

bool mentions(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

using Units = std::vector<int>;
using Names = std::vector<std::string>;

}  // namespace

TEST_SUITE("all failing rules, in order") {
  TEST_CASE("regression (issue 11): A100-40GB 3g.20gb:2 4g.20gb names 12 memory slices > 8 first, not decoders") {
    auto r = run(gpu("A100-40GB"), request({{"3g.20gb", 2}, {"4g.20gb", 1}}));
    CHECK(r.verdict == Verdict::NotFeasible);
    CHECK_MESSAGE((codes(r) == std::vector<Code>{Code::SLICE_TOTAL, Code::SLICE_TOTAL, Code::MEDIA_ENGINES}), show(r));
    CHECK(mentions(nth(r, 0).message, "12 memory slices > 8"));
    CHECK(mentions(nth(r, 1).message, "10 compute slices > 7"));
    CHECK(mentions(nth(r, 2).message, "6 video decoders"));
    CHECK((nth(r, 0).profiles == Names{"3g.20gb", "4g.20gb"}));
    CHECK((nth(r, 2).profiles == Names{"3g.20gb", "4g.20gb"}));
    // the largest part that fits stays: 4g.20gb and one 3g.20gb fill the GPU
    CHECK((testsupport::placed(r.largest_subset) == std::vector<std::string>{"4g.20gb@0", "3g.20gb@4"}));
  }

  TEST_CASE("an old driver adds the forbidden combination last, after totals and media") {
    auto r = run(gpu("A100-40GB"), request({{"3g.20gb", 2}, {"4g.20gb", 1}}, {}, 500));
    CHECK_MESSAGE((codes(r) ==
                   std::vector<Code>{Code::SLICE_TOTAL, Code::SLICE_TOTAL, Code::MEDIA_ENGINES, Code::DRIVER_TOO_OLD}),
                  show(r));
    CHECK(mentions(nth(r, 3).message, "R510"));
    CHECK((nth(r, 3).profiles == Names{"4g.20gb", "3g.20gb"}));
  }

  TEST_CASE("NO_PLACEMENT is reported although the driver also fails, with the units that block the windows") {
    // A100-40GB under R470: 1g.10gb needs R525; the 3g.20gb windows (0-3, 4-7) are blocked by pins at 3 and 4.
    auto r = run(gpu("A100-40GB"), request({{"3g.20gb", 1}, {"1g.10gb", 1}}, {{"1g.5gb", 3}, {"1g.5gb", 4}}, 470));
    CHECK_MESSAGE((codes(r) == std::vector<Code>{Code::NO_PLACEMENT, Code::DRIVER_TOO_OLD}), show(r));
    CHECK((nth(r, 0).profiles == Names{"3g.20gb"}));
    const Units& u = nth(r, 0).units;
    CHECK(std::find(u.begin(), u.end(), 3) != u.end());
    CHECK(std::find(u.begin(), u.end(), 4) != u.end());
    CHECK(std::is_sorted(u.begin(), u.end()));
    CHECK((nth(r, 1).profiles == Names{"1g.10gb"}));
  }

  TEST_CASE("NO_PLACEMENT is reported although the media engines also fail") {
    // RTX PRO 6000: 2g.48gb has windows 0-5 and 6-11; pins at 3 and 6 block both. Decoders, encoders and JPEG: 7 > 4.
    auto r = run(gpu("RTX-PRO-6000-96GB"), request({{"2g.48gb", 1}}, {{"1g.24gb+me.all", 3}, {"1g.24gb", 6}}));
    CHECK_MESSAGE((codes(r) == std::vector<Code>{Code::NO_PLACEMENT, Code::MEDIA_ENGINES, Code::MEDIA_ENGINES,
                                                 Code::MEDIA_ENGINES}),
                  show(r));
    CHECK((nth(r, 0).units == Units{3, 4, 5, 6, 7, 8}));
    CHECK((nth(r, 0).profiles == Names{"2g.48gb"}));
    CHECK((nth(r, 1).units == Units{3, 4, 5, 6, 7, 8}));
    CHECK((nth(r, 1).profiles == Names{"1g.24gb", "1g.24gb+me.all", "2g.48gb"}));
  }

  TEST_CASE("totals, then a fixed overlap, then media, no NO_PLACEMENT when the totals already prove it") {
    auto r = run(gpu("H100-SXM5-80GB"), request({{"4g.40gb", 1}}, {{"3g.40gb", 0}, {"2g.20gb", 2}}));
    CHECK_MESSAGE((codes(r) == std::vector<Code>{Code::SLICE_TOTAL, Code::SLICE_TOTAL, Code::FIXED_OVERLAP,
                                                 Code::MEDIA_ENGINES, Code::MEDIA_ENGINES}),
                  show(r));
    CHECK(mentions(nth(r, 0).message, "10 memory slices > 8"));
    CHECK((nth(r, 0).units == Units{0, 1, 2, 3}));  // the fixed 3g.40gb placed at 0
    CHECK((nth(r, 2).units == Units{2, 3}));        // the shared units
    CHECK((nth(r, 2).profiles == Names{"2g.20gb", "3g.40gb"}));
  }

  TEST_CASE("an unknown profile, a fixed instance at a wrong start and a blocked window, in that order") {
    auto r = run(gpu("A100-40GB"), request({{"5g.50gb", 1}, {"4g.20gb", 1}}, {{"2g.10gb", 1}, {"1g.5gb", 0}}));
    CHECK_MESSAGE((codes(r) == std::vector<Code>{Code::UNKNOWN_PROFILE, Code::FIXED_BAD_START, Code::NO_PLACEMENT}),
                  show(r));
    CHECK((nth(r, 0).profiles == Names{"5g.50gb"}));
    CHECK((nth(r, 1).units == Units{1, 2}));
    CHECK((nth(r, 1).profiles == Names{"2g.10gb"}));
    CHECK((nth(r, 2).units == Units{0}));
    CHECK((nth(r, 2).profiles == Names{"4g.20gb"}));
  }

  TEST_CASE("unknown profile, cap, fixed start, media and driver all at once, most fundamental first") {
    auto r = run(gpu("A100-40GB"), request({{"1g.5gb+me", 2}, {"5g.50gb", 1}}, {{"3g.20gb", 1}}, 460));
    CHECK_MESSAGE((codes(r) == std::vector<Code>{Code::UNKNOWN_PROFILE, Code::INSTANCE_CAP, Code::FIXED_BAD_START,
                                                 Code::MEDIA_ENGINES, Code::MEDIA_ENGINES, Code::DRIVER_TOO_OLD}),
                  show(r));
    CHECK((nth(r, 1).profiles == Names{"1g.5gb+me"}));
    CHECK((nth(r, 2).units == Units{1, 2, 3, 4}));
    CHECK((nth(r, 5).profiles == Names{"1g.5gb+me"}));
  }

  TEST_CASE("MIG on the model needs a newer driver: said last, after totals and media") {
    auto r = run(gpu("H100-SXM5-80GB"), request({{"7g.80gb", 1}, {"1g.10gb", 1}}, {}, 470));
    CHECK_MESSAGE((codes(r) == std::vector<Code>{Code::SLICE_TOTAL, Code::SLICE_TOTAL, Code::MEDIA_ENGINES,
                                                 Code::MEDIA_ENGINES, Code::DRIVER_TOO_OLD}),
                  show(r));
    CHECK(mentions(nth(r, 4).message, "MIG on H100-SXM5-80GB needs driver R525"));
  }

  TEST_CASE("two profiles too new for the driver, each its own reason in catalog order") {
    auto r = run(gpu("A100-40GB"), request({{"3g.20gb", 1}, {"1g.10gb", 1}, {"1g.5gb+me", 1}}, {}, 460));
    CHECK_MESSAGE((codes(r) == std::vector<Code>{Code::DRIVER_TOO_OLD, Code::DRIVER_TOO_OLD}), show(r));
    CHECK((nth(r, 0).profiles == Names{"1g.5gb+me"}));
    CHECK((nth(r, 1).profiles == Names{"1g.10gb"}));
    CHECK((testsupport::placed(r.largest_subset) == std::vector<std::string>{"3g.20gb@4"}));
  }

  TEST_CASE("a cap with fixed instances of the profile names their units") {
    auto r = run(gpu("H100-SXM5-80GB"), request({{"3g.40gb", 1}}, {{"3g.40gb", 0}, {"3g.40gb", 4}}));
    CHECK_MESSAGE((codes(r) == std::vector<Code>{Code::SLICE_TOTAL, Code::SLICE_TOTAL, Code::INSTANCE_CAP,
                                                 Code::MEDIA_ENGINES, Code::MEDIA_ENGINES}),
                  show(r));
    CHECK((nth(r, 2).units == Units{0, 1, 2, 3, 4, 5, 6, 7}));
    CHECK((nth(r, 2).profiles == Names{"3g.40gb"}));
    CHECK(mentions(nth(r, 2).message, "2 fixed, 1 requested"));
  }

  TEST_CASE("the 12-unit grid says placement units and memory slices") {
    auto r = run(gpu("RTX-PRO-6000-96GB"), request({{"2g.48gb", 1}, {"1g.24gb-me", 3}}));
    CHECK_MESSAGE((codes(r) == std::vector<Code>{Code::SLICE_TOTAL, Code::SLICE_TOTAL}), show(r));
    CHECK(mentions(nth(r, 0).message, "15 placement units > 12 (5 memory slices > 4)"));
    CHECK(mentions(nth(r, 1).message, "5 compute slices > 4"));
  }

  TEST_CASE("a blocked window alone is still one NO_PLACEMENT with the pins' units") {
    auto r = run(gpu("H100-SXM5-80GB"), request({{"3g.40gb", 1}}, {{"1g.10gb", 1}, {"1g.10gb", 5}}));
    CHECK_MESSAGE((codes(r) == std::vector<Code>{Code::NO_PLACEMENT}), show(r));
    CHECK((nth(r, 0).units == Units{1, 5}));
    CHECK((nth(r, 0).profiles == Names{"3g.40gb"}));
  }

  TEST_CASE("a feasible request has no reasons, every reason has a code in the registry and a plain message") {
    auto ok = run(gpu("H100-SXM5-80GB"), request({{"3g.40gb", 1}, {"2g.20gb", 1}, {"1g.10gb", 2}}));
    CHECK(ok.verdict == Verdict::Feasible);
    CHECK(ok.reasons.empty());
    auto no = run(gpu("A100-40GB"), request({{"3g.20gb", 2}, {"4g.20gb", 1}}));
    for (const auto& x : no.reasons) {
      CHECK(std::string(migcalc::codeKind(x.code)) == "reason");
      CHECK(x.message.size() > 20);
      CHECK(std::is_sorted(x.units.begin(), x.units.end()));
    }
  }

  TEST_CASE("reasons carry units and profiles in JSON") {
    auto& g = gpu("H100-SXM5-80GB");
    auto req = request({{"3g.40gb", 1}}, {{"1g.10gb", 1}, {"1g.10gb", 5}});
    auto j = migcalc::checkJson(g, req, run(g, req));
    REQUIRE(j["reasons"].size() == 1);
    CHECK(j["reasons"][0]["code"] == "NO_PLACEMENT");
    CHECK(j["reasons"][0]["units"] == migcalc::Json::array({1, 5}));
    CHECK(j["reasons"][0]["profiles"] == migcalc::Json::array({"3g.40gb"}));
    auto ok = run(g, request({{"1g.10gb", 8}}));
    auto jo = migcalc::checkJson(g, request({{"1g.10gb", 8}}), ok);
    for (const auto& x : jo["reasons"]) {
      CHECK(x["units"].is_array());
      CHECK(x["profiles"].is_array());
    }
  }

  TEST_CASE(
      "every request of 2 to 3 profiles on the 8-unit A100-40GB: not feasible exactly when a reason says so, "
      "and NO_PLACEMENT exactly when the windows fail and totals and caps pass") {
    const auto& g = gpu("A100-40GB");
    std::vector<std::string> names;
    for (const auto& p : g.profiles) names.push_back(p.name);
    int checked = 0;
    for (size_t a = 0; a < names.size(); ++a)
      for (size_t b = a; b < names.size(); ++b)
        for (int n = 1; n <= 3; ++n) {
          auto r = run(g, request({{names[a], n}, {names[b], 1}}));
          bool hasReasons = !r.reasons.empty();
          CHECK(hasReasons == (r.verdict == Verdict::NotFeasible));
          // order: the code sequence never goes back to a more fundamental rule
          auto rank = [](Code c) {
            switch (c) {
              case Code::UNKNOWN_PROFILE:
                return 0;
              case Code::SLICE_TOTAL:
                return 1;
              case Code::INSTANCE_CAP:
                return 2;
              case Code::FIXED_BAD_START:
              case Code::FIXED_OVERLAP:
              case Code::NO_PLACEMENT:
                return 3;
              case Code::MEDIA_ENGINES:
                return 4;
              default:
                return 5;
            }
          };
          std::vector<int> ranks;
          for (const auto& x : r.reasons) ranks.push_back(rank(x.code));
          CHECK_MESSAGE(std::is_sorted(ranks.begin(), ranks.end()), show(r));
          bool totalsOrCaps = testsupport::hasCode(r, Code::SLICE_TOTAL) || testsupport::hasCode(r, Code::INSTANCE_CAP);
          if (totalsOrCaps) CHECK_FALSE(testsupport::hasCode(r, Code::NO_PLACEMENT));
          ++checked;
        }
    CHECK(checked > 50);
  }
}

TEST_SUITE("models without a placement table (issue 11 item 4)") {
  TEST_CASE("Not feasible by cap and compute-slice total on RTX PRO 5000, with no PLACEMENTS_UNKNOWN") {
    auto r = run(gpu("RTX-PRO-5000-48GB"), request({{"1g.24gb", 3}}));
    CHECK(r.verdict == Verdict::NotFeasible);
    CHECK_MESSAGE((codes(r) == std::vector<Code>{Code::SLICE_TOTAL, Code::INSTANCE_CAP}), show(r));
    CHECK(mentions(nth(r, 0).message, "3 compute slices > 2"));
    CHECK(nth(r, 0).units.empty());  // no unit is known
    CHECK(r.largest_subset.empty());
    CHECK(r.instances.empty());
  }

  TEST_CASE("Not feasible by the compute-slice total on RTX PRO 4500: 2g.32gb with 1g.16gb") {
    auto r = run(gpu("RTX-PRO-4500-32GB"), request({{"2g.32gb", 1}, {"1g.16gb", 1}}));
    CHECK(r.verdict == Verdict::NotFeasible);
    REQUIRE_FALSE(r.reasons.empty());
    CHECK(r.reasons.front().code == Code::SLICE_TOTAL);
    CHECK_FALSE(testsupport::hasCode(r, Code::PLACEMENTS_UNKNOWN));
  }

  TEST_CASE("Not feasible by a cap alone on RTX PRO 4500: two 1g.16gb+me.all") {
    auto r = run(gpu("RTX-PRO-4500-32GB"), request({{"1g.16gb+me.all", 2}}));
    CHECK(r.verdict == Verdict::NotFeasible);
    REQUIRE_FALSE(r.reasons.empty());
    CHECK(r.reasons.front().code == Code::INSTANCE_CAP);
    CHECK_FALSE(testsupport::hasCode(r, Code::PLACEMENTS_UNKNOWN));
  }

  TEST_CASE("Not feasible by media engines: the full-GPU profile's decoders stand for the unknown total") {
    auto r = run(gpu("RTX-PRO-5000-48GB"), request({{"1g.24gb+me.all", 1}, {"1g.24gb", 1}}));
    CHECK(r.verdict == Verdict::NotFeasible);
    REQUIRE_FALSE(r.reasons.empty());
    CHECK(r.reasons.front().code == Code::MEDIA_ENGINES);
    CHECK(mentions(r.reasons.front().message, "4 video decoders"));
    CHECK(mentions(r.reasons.front().message, "2g.48gb"));
  }

  TEST_CASE("Not feasible under a driver older than the model's minimum") {
    auto r = run(gpu("RTX-PRO-5000-48GB"), request({{"1g.24gb", 1}}, {}, 570));
    CHECK(r.verdict == Verdict::NotFeasible);
    CHECK_MESSAGE((codes(r) == std::vector<Code>{Code::DRIVER_TOO_OLD}), show(r));
  }

  TEST_CASE("Feasible: one profile up to its cap, with no starts guessed and only what is known counted") {
    for (const char* key : {"RTX-PRO-5000-48GB", "RTX-PRO-4500-32GB"}) {
      const auto& g = gpu(key);
      REQUIRE_FALSE(g.placementsKnown());
      for (const auto& p : g.profiles)
        for (int n = 1; n <= p.instances; ++n) {
          INFO(key << " " << n << " x " << p.name);
          auto r = run(g, request({{p.name, n}}));
          CHECK_MESSAGE(r.verdict == Verdict::Feasible, show(r));
          CHECK(r.reasons.empty());
          CHECK(r.instances.empty());  // starts cannot be known
          REQUIRE(r.utilization.compute_slices.used.has_value());
          CHECK(*r.utilization.compute_slices.used == n * p.compute_slices);
          CHECK_FALSE(r.utilization.placement_units.used.has_value());
          CHECK_FALSE(r.utilization.sms.total.has_value());
          int freeSlices = g.compute_slices - n * p.compute_slices;
          for (const auto& rem : r.remaining) {
            const auto& other = g.profiles[static_cast<size_t>(g.findProfile(rem.profile))];
            if (rem.profile == p.name)
              CHECK(rem.count == p.instances - n);  // more of the one profile: up to its cap, wherever they sit
            else if (other.compute_slices > freeSlices)
              CHECK(rem.count == 0);  // not enough compute slices left
            else
              CHECK_FALSE(rem.count.has_value());  // depends on where the driver put them
          }
          REQUIRE_FALSE(r.notes.empty());
          CHECK(mentions(r.notes.back(), "nvidia-smi mig -lgipp"));
        }
    }
  }

  TEST_CASE("Feasible: nothing requested on a model without placements, what fits is each profile's cap") {
    const auto& g = gpu("RTX-PRO-5000-48GB");
    auto r = run(g, request({}));
    CHECK(r.verdict == Verdict::Feasible);
    for (const auto& p : g.profiles) CHECK(testsupport::remainingOf(r, p.name) == p.instances);
  }

  TEST_CASE("Unknown for a mix of profiles, naming the missing placement table and the profiles") {
    auto r = run(gpu("RTX-PRO-5000-48GB"), request({{"1g.24gb", 1}, {"1g.24gb-me", 1}}));
    CHECK(r.verdict == Verdict::Unknown);
    CHECK_MESSAGE((codes(r) == std::vector<Code>{Code::PLACEMENTS_UNKNOWN}), show(r));
    CHECK(mentions(nth(r, 0).message, "nvidia-smi mig -lgipp"));
    CHECK((nth(r, 0).profiles == Names{"1g.24gb", "1g.24gb-me"}));
    for (const auto& x : r.remaining) CHECK_FALSE(x.count.has_value());
    auto r45 = run(gpu("RTX-PRO-4500-32GB"), request({{"1g.16gb", 1}, {"1g.16gb-me", 1}}));
    CHECK(r45.verdict == Verdict::Unknown);
  }

  TEST_CASE("Unknown for a pinned instance: its start cannot be checked without the table") {
    auto r = run(gpu("RTX-PRO-5000-48GB"), request({}, {{"2g.48gb", 0}}));
    CHECK(r.verdict == Verdict::Unknown);
    CHECK_MESSAGE((codes(r) == std::vector<Code>{Code::PLACEMENTS_UNKNOWN}), show(r));
    CHECK(mentions(nth(r, 0).message, "pinned"));
  }

  TEST_CASE("JSON: not feasible without placements gives no largest part (it is not known), reasons with fields") {
    const auto& g = gpu("RTX-PRO-5000-48GB");
    auto req = request({{"1g.24gb", 3}});
    auto j = migcalc::checkJson(g, req, run(g, req));
    CHECK(j["verdict"] == "not feasible");
    CHECK(j["feasible"] == false);
    CHECK(j["largest_subset"].is_null());
    CHECK(j["reasons"][0]["code"] == "SLICE_TOTAL");
    CHECK(j["reasons"][0]["profiles"] == migcalc::Json::array({"1g.24gb"}));
    CHECK(j["reasons"][0]["units"] == migcalc::Json::array());
  }
}
