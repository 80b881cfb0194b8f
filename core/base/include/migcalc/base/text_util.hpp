// Small string helpers shared by the core's sources (internal header).
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace migcalc {

std::string lower(std::string s);
std::string trim(const std::string& s);
size_t editDistance(const std::string& a, const std::string& b);
/// "A, B or C"
std::string joinOr(const std::vector<std::string>& items);
/// "A, B and C"
std::string joinAnd(const std::vector<std::string>& items);
std::string join(const std::vector<std::string>& items, const std::string& sep);
/// "line 3, column 14: <what>" for a byte offset into text.
std::string describeJsonError(const std::string& text, size_t byte, const std::string& what);
/// The whole number spelled by `digits` (ASCII digits only, at most 9 of them), or nullopt: never throws, never
/// overflows. The one way the core turns text into a number.
std::optional<int> smallNumber(const std::string& digits);
/// The first at most `max` bytes of `text`, cut at a UTF-8 character boundary.
std::string utf8Prefix(const std::string& text, size_t max);
/// A user's text for a message: in single quotes, cut to `max` bytes (at a UTF-8 boundary) with "…" after.
std::string quote(const std::string& text, size_t max = 80);
/// The longest name migcalc reads (GPU, profile, config, demand names): longer ones are refused as TOO_LARGE.
constexpr size_t kMaxNameLength = 200;
/// "units 0-3" or "unit 6"
std::string unitRange(int start, int size);

}  // namespace migcalc
