// The code registry: every code has one stable name, a kind and a meaning, and names map back to codes.
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "migcalc/base/codes.hpp"
#include "migcalc/base/json.hpp"
#include "migcalc/base/result.hpp"

using migcalc::Code;

TEST_CASE("every code has a unique stable name, a kind and a meaning, and its name maps back to it") {
  std::set<std::string> names;
  REQUIRE(migcalc::codeCount() > 30);
  for (int i = 0; i < migcalc::codeCount(); ++i) {
    auto code = static_cast<Code>(i);
    std::string name = migcalc::codeName(code);
    CHECK(names.insert(name).second);
    CHECK(name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ_") == std::string::npos);
    std::string kind = migcalc::codeKind(code);
    CHECK((kind == "error" || kind == "reason" || kind == "unmet"));
    CHECK(std::string(migcalc::codeMeaning(code)).size() > 10);
    REQUIRE(migcalc::codeFromName(name).has_value());
    CHECK(*migcalc::codeFromName(name) == code);
  }
  CHECK_FALSE(migcalc::codeFromName("NO_SUCH_CODE").has_value());
  CHECK_FALSE(migcalc::codeFromName("bad_count").has_value());
}

TEST_CASE("a code is its name in JSON and in an error") {
  migcalc::Json j = {{"code", Code::BAD_COUNT}};
  CHECK(j.dump() == R"({"code":"BAD_COUNT"})");
  migcalc::Error e{Code::UNKNOWN_GPU, "x"};
  CHECK(std::string(e.codeName()) == "UNKNOWN_GPU");
}

TEST_CASE("the README's table lists every code with its kind") {
  std::ifstream in(std::string(MIGCALC_FIXTURES) + "/../../README.md");
  REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  const std::string readme = text.str();
  for (int i = 0; i < migcalc::codeCount(); ++i) {
    auto code = static_cast<Code>(i);
    std::string row = std::string("| `") + migcalc::codeName(code) + "` | " + migcalc::codeKind(code) + " |";
    CHECK_MESSAGE(readme.find(row) != std::string::npos, "README has no row " << row);
  }
}
