// closeNames ("Did you mean …?") skips the edit distance when the length gap alone puts a candidate past the limit.
// It must give exactly what the plain rule gives: every candidate scored by its edit distance (1 when it contains the
// query, 0 when every word of the query is one of its words), closest first, ties in the candidates' order.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "migcalc/base/text_util.hpp"
#include "migcalc/model/catalog.hpp"

namespace {

std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      cur += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!cur.empty()) {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::vector<std::string> plainRule(const std::string& query, const std::vector<std::string>& candidates, size_t max) {
  std::string q = migcalc::lower(query);
  auto qw = words(query);
  std::vector<std::pair<size_t, std::string>> scored;
  for (const auto& c : candidates) {
    std::string lc = migcalc::lower(c);
    size_t d = migcalc::editDistance(q, lc);
    if (!q.empty() && lc.find(q) != std::string::npos) d = std::min<size_t>(d, 1);
    auto cw = words(c);
    bool all = !qw.empty();
    for (const auto& w : qw)
      if (std::find(cw.begin(), cw.end(), w) == cw.end()) all = false;
    if (all) d = 0;
    scored.emplace_back(d, c);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  size_t limit = std::max<size_t>(3, q.size() / 2);
  for (const auto& s : scored)
    if (out.size() < max && s.first <= limit) out.push_back(s.second);
  return out;
}

}  // namespace

TEST_CASE("closeNames gives what the plain rule gives, over 3000 random and mutated queries") {
  std::vector<std::string> names;
  for (const auto& m : migcalc::catalog()) {
    names.push_back(m.key);
    for (const auto& p : m.profiles) names.push_back(p.name);
  }
  std::mt19937 rng(20261202);
  const std::string alphabet = "abcdeghmnprsx0123456789.- ";
  size_t compared = 0, withSuggestions = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string q;
    if (i % 2 == 0) {  // a known name with up to 4 random edits
      q = names[rng() % names.size()];
      for (int e = static_cast<int>(rng() % 5); e > 0 && !q.empty(); --e) {
        size_t at = rng() % q.size();
        switch (rng() % 3) {
          case 0:
            q.erase(at, 1);
            break;
          case 1:
            q.insert(at, 1, alphabet[rng() % alphabet.size()]);
            break;
          default:
            q[at] = alphabet[rng() % alphabet.size()];
        }
      }
    } else {  // random text from 0 to 40 characters
      for (size_t n = rng() % 41; n > 0; --n) q += alphabet[rng() % alphabet.size()];
    }
    auto expected = plainRule(q, names, 3);
    CHECK(migcalc::closeNames(q, names, 3) == expected);
    ++compared;
    if (!expected.empty()) ++withSuggestions;
  }
  CHECK(compared == 3000);
  CHECK(withSuggestions > 500);  // the comparison covers real suggestions, not only empty answers
}
