// check(): every rule that can fail, each reported as a reason with a code and a plain-English message naming
// the profiles and slots; input errors (not infeasibility); unknown models; utilization and stranded capacity.
#include "test_support.hpp"

using migcalc::Code;

using migcalc::Verdict;
using testsupport::gpu;
using testsupport::hasCode;
using testsupport::request;
using testsupport::run;

namespace {

std::string messageOf(const migcalc::CheckResult& r, migcalc::Code code) {
  for (const auto& x : r.reasons)
    if (x.code == code) return x.message;
  FAIL("no reason " << code);
  return "";
}

bool mentions(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_SUITE("check rules") {
  TEST_CASE("An unknown profile is named, with close names suggested and the GPU's profiles listed") {
    auto r = run(gpu("H100-SXM5-80GB"), request({{"3g.20gb", 1}}));
    CHECK(r.verdict == Verdict::NotFeasible);
    std::string m = messageOf(r, Code::UNKNOWN_PROFILE);
    CHECK(mentions(m, "3g.20gb"));
    CHECK(mentions(m, "H100-SXM5-80GB"));
    CHECK(mentions(m, "3g.40gb"));  // the close name and the list
    CHECK(mentions(m, "7g.80gb"));
    auto f = run(gpu("H100-SXM5-80GB"), request({}, {{"9g.90gb", 0}}));
    CHECK(mentions(messageOf(f, Code::UNKNOWN_PROFILE), "--fixed"));
  }

  TEST_CASE("The instance cap counts fixed and requested instances together") {
    auto r = run(gpu("H100-SXM5-80GB"), request({{"3g.40gb", 2}}, {{"3g.40gb", 0}}));
    CHECK(r.verdict == Verdict::NotFeasible);
    std::string m = messageOf(r, Code::INSTANCE_CAP);
    CHECK(mentions(m, "3g.40gb"));
    CHECK(mentions(m, "at most 2"));
    CHECK(mentions(m, "1 fixed"));
    CHECK(r.largest_subset.size() == 1);  // one more 3g fits beside the fixed one
  }

  TEST_CASE("The media-engine rule names the profiles and the engine that runs out") {
    auto r = run(gpu("A30-24GB"), request({{"1g.6gb+me", 1}, {"2g.12gb+me", 1}}));
    std::string m = messageOf(r, Code::MEDIA_ENGINES);
    CHECK(mentions(m, "1g.6gb+me"));
    CHECK(mentions(m, "2g.12gb+me"));
    CHECK((mentions(m, "JPEG") || mentions(m, "OFA")));
    CHECK_FALSE(hasCode(r, Code::INSTANCE_CAP));
  }

  TEST_CASE("Engines already used by fixed instances count against the totals") {
    auto r = run(gpu("RTX-PRO-6000-96GB"), request({{"1g.24gb", 1}}, {{"1g.24gb+me.all", 0}}));
    CHECK(r.verdict == Verdict::NotFeasible);
    CHECK(hasCode(r, Code::MEDIA_ENGINES));
    auto ok = run(gpu("RTX-PRO-6000-96GB"), request({{"1g.24gb-me", 3}}, {{"1g.24gb+me.all", 0}}));
    CHECK(ok.verdict == Verdict::Feasible);
  }

  TEST_CASE("A driver too old names the profile or combination and the branch it needs") {
    auto p = run(gpu("A100-40GB"), request({{"1g.10gb", 1}}, {}, 510));
    std::string m = messageOf(p, Code::DRIVER_TOO_OLD);
    CHECK(mentions(m, "1g.10gb"));
    CHECK(mentions(m, "R525"));
    CHECK(mentions(m, "R510"));
    auto c = run(gpu("A100-40GB"), request({{"3g.20gb", 1}}, {{"4g.20gb", 0}}, 470));
    std::string mc = messageOf(c, Code::DRIVER_TOO_OLD);
    CHECK(mentions(mc, "4g.20gb"));
    CHECK(mentions(mc, "3g.20gb"));
    CHECK(mentions(mc, "R510"));
    auto model = run(gpu("RTX-PRO-6000-96GB"), request({{"1g.24gb", 1}}, {}, 570));
    CHECK(mentions(messageOf(model, Code::DRIVER_TOO_OLD), "R575"));
  }

  TEST_CASE("No free placement window: the message names the profile, its starts and what blocks them") {
    auto r = run(gpu("A100-40GB"), request({{"3g.20gb", 1}}, {{"1g.5gb", 0}, {"1g.5gb", 1}, {"1g.5gb", 5}}));
    std::string m = messageOf(r, Code::NO_PLACEMENT);
    CHECK(mentions(m, "3g.20gb"));
    CHECK(mentions(m, "0 or 4"));
    CHECK(mentions(m, "fixed 1g.5gb at 5"));
    CHECK(mentions(m, "fixed 1g.5gb at 0"));
    CHECK(r.reasons.size() == 1);
  }

  TEST_CASE("Too many units in total is said in placement units (a slice total, so no window search is blamed)") {
    auto r = run(gpu("RTX-PRO-6000-96GB"), request({{"2g.48gb", 1}, {"1g.24gb-me", 3}}));
    std::string m = messageOf(r, Code::SLICE_TOTAL);
    CHECK(mentions(m, "15 placement units"));
    CHECK(mentions(m, "12"));
    CHECK_FALSE(hasCode(r, Code::NO_PLACEMENT));
  }

  TEST_CASE("A fixed instance at a start its profile does not allow lists the allowed starts") {
    auto r = run(gpu("H100-SXM5-80GB"), request({}, {{"3g.40gb", 2}}));
    std::string m = messageOf(r, Code::FIXED_BAD_START);
    CHECK(mentions(m, "0 or 4"));
    CHECK(mentions(m, "{0,4}:4"));
  }

  TEST_CASE("Overlapping fixed instances name both instances and their units") {
    auto r = run(gpu("H100-SXM5-80GB"), request({{"1g.10gb", 1}}, {{"3g.40gb", 0}, {"2g.20gb", 2}}));
    std::string m = messageOf(r, Code::FIXED_OVERLAP);
    CHECK(mentions(m, "2g.20gb"));
    CHECK(mentions(m, "3g.40gb"));
    CHECK(mentions(m, "units"));
  }

  TEST_CASE("Every failing rule is reported, not only the first") {
    auto r = run(gpu("A100-40GB"), request({{"1g.5gb+me", 2}, {"5g.50gb", 1}}, {{"3g.20gb", 1}}, 460));
    CHECK(hasCode(r, Code::UNKNOWN_PROFILE));
    CHECK(hasCode(r, Code::INSTANCE_CAP));
    CHECK(hasCode(r, Code::MEDIA_ENGINES));
    CHECK(hasCode(r, Code::DRIVER_TOO_OLD));
    CHECK(hasCode(r, Code::FIXED_BAD_START));
  }

  TEST_CASE("Reasons are non-empty exactly when the request is not feasible") {
    auto ok = run(gpu("A100-40GB"), request({{"1g.5gb", 3}}));
    CHECK(ok.verdict == Verdict::Feasible);
    CHECK(ok.reasons.empty());
    CHECK(ok.largest_subset.empty());
    auto no = run(gpu("A100-40GB"), request({{"7g.40gb", 2}}));
    CHECK(no.verdict == Verdict::NotFeasible);
    CHECK_FALSE(no.reasons.empty());
  }

  TEST_CASE("On a model without placements a mix of profiles is unknown and nothing is guessed") {
    auto r = run(gpu("RTX-PRO-5000-48GB"), request({{"1g.24gb", 1}, {"1g.24gb-me", 1}}));
    CHECK(r.verdict == Verdict::Unknown);
    REQUIRE_FALSE(r.reasons.empty());
    CHECK(r.reasons.front().code == Code::PLACEMENTS_UNKNOWN);
    CHECK(mentions(r.reasons.front().message, "unknown"));
    CHECK(r.instances.empty());
    REQUIRE(r.remaining.size() == gpu("RTX-PRO-5000-48GB").profiles.size());
    for (const auto& x : r.remaining) CHECK_FALSE(x.count.has_value());
    CHECK_FALSE(r.utilization.sms.total.has_value());
    CHECK_FALSE(r.utilization.memory_mib.total.has_value());
    CHECK(std::string(migcalc::verdictName(r.verdict)) == "unknown");
  }

  TEST_CASE("Counts that are zero, negative or absurd are input errors, not verdicts") {
    const auto& h = gpu("H100-SXM5-80GB");
    for (long long n : {0LL, -1LL, migcalc::kMaxCount + 1, 1000000000000LL}) {
      INFO(n);
      auto r = migcalc::check(h, request({{"1g.10gb", n}}));
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == Code::BAD_COUNT);
      CHECK(mentions(r.error().message, "1g.10gb"));
    }
    auto zero = migcalc::check(h, request({{"1g.10gb", 0}}));
    CHECK(mentions(zero.error().message, "--fixed"));
    auto sum = migcalc::check(h, request({{"1g.10gb", migcalc::kMaxCount}, {"1g.10gb", 1}}));
    REQUIRE_FALSE(sum.ok());
    CHECK(sum.error().code == Code::BAD_COUNT);
  }

  TEST_CASE("The largest count accepted still gets a prompt answer") {
    auto r = run(gpu("H100-SXM5-80GB"), request({{"1g.10gb", migcalc::kMaxCount}, {"1g.20gb", migcalc::kMaxCount}}));
    CHECK(r.verdict == Verdict::NotFeasible);
    CHECK(hasCode(r, Code::INSTANCE_CAP));
  }

  TEST_CASE(
      "Every profile at its instance cap at once gets an answer on every catalog GPU, never a search-limit error") {
    for (const auto& g : migcalc::catalog()) {
      INFO(g.key);
      std::vector<migcalc::ProfileCount> req;
      for (const auto& p : g.profiles) req.push_back({p.name, p.instances});
      auto r = migcalc::check(g, request(req));
      REQUIRE_MESSAGE(r.ok(), r.error().message);
      CHECK(r->verdict != Verdict::Feasible);
    }
  }

  TEST_CASE("Text that is not a profile name is an input error listing the GPU's profiles") {
    auto r = migcalc::check(gpu("H100-SXM5-80GB"), request({{"3g40gb", 1}}));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Code::BAD_PROFILE_NAME);
    CHECK(mentions(r.error().message, "3g.40gb"));
    auto f = migcalc::check(gpu("H100-SXM5-80GB"), request({}, {{"", 0}}));
    REQUIRE_FALSE(f.ok());
    CHECK(f.error().code == Code::BAD_PROFILE_NAME);
  }

  TEST_CASE("More fixed instances than any GPU holds is an input error") {
    std::vector<migcalc::FixedInstance> many(65, {"1g.10gb", 0});
    auto r = migcalc::check(gpu("H100-SXM5-80GB"), request({}, many));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Code::TOO_MANY_FIXED);
  }

  TEST_CASE("Utilization counts compute slices, units, SMs, memory and engines against the full-GPU profile") {
    // H100 SXM5 3g.40gb: 3 compute slices, 4 units, 60 SMs, 40448 MiB, DEC 3 (reference §2 table)
    auto r = run(gpu("H100-SXM5-80GB"), request({{"3g.40gb", 1}}));
    const auto& u = r.utilization;
    CHECK(u.compute_slices.used == 3);
    CHECK(u.compute_slices.total == 7);
    CHECK(u.placement_units.used == 4);
    CHECK(u.placement_units.total == 8);
    CHECK(u.memory_slices.used == 4);
    CHECK(u.sms.used == 60);
    CHECK(u.sms.total == 132);
    CHECK(u.memory_mib.used == 40448);
    CHECK(u.dec.used == 3);
    CHECK(u.dec.total == 7);
    // RTX PRO 6000: 12 units but 4 memory slices; a 2g uses 6 units = 2 memory slices
    auto x = run(gpu("RTX-PRO-6000-96GB"), request({{"2g.48gb", 1}}));
    CHECK(x.utilization.placement_units.used == 6);
    CHECK(x.utilization.placement_units.total == 12);
    CHECK(x.utilization.memory_slices.used == 2);
    CHECK(x.utilization.memory_slices.total == 4);
    CHECK(x.utilization.sms.total == 188);
  }

  TEST_CASE("Utilization values the catalog does not know are unknown, not zero") {
    auto r = run(gpu("B200-180GB"), request({{"3g.90gb", 1}}));  // 3g.90gb SM and memory unknown (reference §2)
    CHECK(r.verdict == Verdict::Feasible);
    CHECK_FALSE(r.utilization.sms.used.has_value());
    CHECK_FALSE(r.utilization.memory_mib.used.has_value());
    CHECK(r.utilization.compute_slices.used == 3);
  }

  TEST_CASE("Stranded capacity: 3g + 3g leaves one compute slice no profile can use, 7 x 1g strands memory slice 7") {
    auto r = run(gpu("A100-40GB"), request({{"3g.20gb", 2}}));
    CHECK(r.stranded.compute_slices == 1);
    CHECK(r.stranded.units.empty());
    auto s = run(gpu("A100-40GB"), request({{"1g.5gb", 7}}));
    CHECK(s.stranded.units == std::vector<int>{7});
    auto lone = run(gpu("A100-40GB"), request({{"1g.5gb", 1}}));  // at start 6: nothing else reaches unit 7
    CHECK(lone.stranded.units == std::vector<int>{7});
    auto none = run(gpu("A100-40GB"), request({{"3g.20gb", 1}}));
    CHECK(none.stranded.units.empty());
    CHECK(none.stranded.compute_slices == 0);
  }
}
