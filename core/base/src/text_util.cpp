#include "migcalc/base/text_util.hpp"

#include <algorithm>
#include <cctype>

namespace migcalc {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

std::optional<int> smallNumber(const std::string& digits) {
  if (digits.empty() || digits.size() > 9) return std::nullopt;
  int n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

std::string utf8Prefix(const std::string& text, size_t max) {
  if (text.size() <= max) return text;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

std::string quote(const std::string& text, size_t max) {
  if (text.size() <= max) return "'" + text + "'";
  return "'" + utf8Prefix(text, max) + "…' (" + std::to_string(text.size()) + " bytes)";
}

size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    prev.swap(cur);
  }
  return prev[b.size()];
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

static std::string joinLast(const std::vector<std::string>& items, const std::string& last) {
  if (items.size() <= 1) return items.empty() ? "" : items[0];
  std::vector<std::string> head(items.begin(), items.end() - 1);
  return join(head, ", ") + last + items.back();
}

std::string joinOr(const std::vector<std::string>& items) { return joinLast(items, " or "); }
std::string joinAnd(const std::vector<std::string>& items) { return joinLast(items, " and "); }

std::string describeJsonError(const std::string& text, size_t byte, const std::string& what) {
  size_t line = 1, col = 1;
  for (size_t i = 0; i + 1 < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  std::string detail = what;
  auto pos = detail.find("syntax error");
  if (pos != std::string::npos) detail = detail.substr(pos);
  return "line " + std::to_string(line) + ", column " + std::to_string(col) + ": " + detail;
}

std::string unitRange(int start, int size) {
  if (size == 1) return "unit " + std::to_string(start);
  return "units " + std::to_string(start) + "\u2013" + std::to_string(start + size - 1);
}

}  // namespace migcalc
