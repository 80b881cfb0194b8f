// Helpers shared by the doctest suites: fixtures, catalog lookups and small request builders.
#pragma once
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "migcalc/engine/check.hpp"
#include "migcalc/io/json_io.hpp"
#include "migcalc/model/catalog.hpp"

namespace testsupport {

inline std::string readText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

/// A fixture file under tests/fixtures, parsed.
inline migcalc::Json fixture(const std::string& name) {
  auto parsed = migcalc::parseJson(readText(std::string(MIGCALC_FIXTURES) + "/" + name), migcalc::Code::BAD_INPUT);
  REQUIRE_MESSAGE(parsed.ok(), name << ": " << parsed.error().message);
  return *parsed;
}

/// A catalog model by key; fails the test when missing.
inline const migcalc::GpuModel& gpu(const std::string& key) {
  auto found = migcalc::findGpu(key);
  REQUIRE_MESSAGE(found.ok(), key << ": " << found.error().message);
  return **found;
}

inline migcalc::CheckRequest request(std::vector<migcalc::ProfileCount> req,
                                     std::vector<migcalc::FixedInstance> fixed = {}, int driver = 0) {
  return migcalc::CheckRequest{std::move(req), std::move(fixed), driver};
}

/// check() that must not return an input error.
inline migcalc::CheckResult run(const migcalc::GpuModel& g, const migcalc::CheckRequest& req) {
  auto r = migcalc::check(g, req);
  REQUIRE_MESSAGE(r.ok(), g.key << ": " << r.error().code << " " << r.error().message);
  return *r;
}

inline bool hasCode(const migcalc::CheckResult& r, migcalc::Code code) {
  for (const auto& x : r.reasons)
    if (x.code == code) return true;
  return false;
}

inline int remainingOf(const migcalc::CheckResult& r, const std::string& profile) {
  for (const auto& x : r.remaining)
    if (x.profile == profile) return x.count.value_or(-1);
  FAIL("no remaining entry for " << profile);
  return -2;
}

/// "3g.40gb@4" per instance, in the result's order.
inline std::vector<std::string> placed(const std::vector<migcalc::Instance>& list) {
  std::vector<std::string> out;
  for (const auto& i : list) out.push_back(i.profile + "@" + std::to_string(i.start));
  return out;
}

}  // namespace testsupport
