// Small string helpers shared by the core's sources (internal header).
#pragma once
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
/// "units 0-3" or "unit 6"
std::string unitRange(int start, int size);

}  // namespace migcalc
