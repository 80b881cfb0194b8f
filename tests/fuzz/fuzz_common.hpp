// Shared by the libFuzzer harnesses: the bytes as a string, the answer printed as the doors print it, and a bound on
// the planner's time so that a plan input is a parsing question, not a 2-second solve.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "migcalc/base/json.hpp"

namespace migcalc::fuzz {

inline std::string text(const uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

namespace detail {
// The core's guarded printer (migcalc::jsonText: invalid UTF-8 becomes U+FFFD) when this core has one; found by
// ordinary lookup only if declared, otherwise this overload drops out (SFINAE) and the plain dump() is used.
template <class J>
auto dump(const J& value, int indent, int) -> decltype(jsonText(value, indent)) {
  return jsonText(value, indent);
}
template <class J>
std::string dump(const J& value, int indent, long) {
  return value.dump(indent);  // what the CLI and the bindings did before jsonText: throws on invalid UTF-8
}
}  // namespace detail

/// Print a value the way the doors (CLI --json, the bindings) print it: with jsonText when the core has it, else
/// with a plain dump(). A throw here is a crash of the door, so it is not caught.
inline size_t print(const Json& value) { return detail::dump(value, -1, 0).size() + detail::dump(value, 2, 0).size(); }

/// How deep brackets nest outside strings (the harness only rewrites shallow documents, so that its own recursive
/// dump() is never what overflows the stack: a deep document goes to the core unchanged).
inline int bracketDepth(const std::string& s) {
  int depth = 0, deepest = 0;
  bool inString = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (inString) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

/// Cap "time_limit_s" of a plan input at `seconds` (set it when absent), in the document or under "plan".
inline void boundPlan(Json& doc, double seconds) {
  if (!doc.is_object()) return;
  if (doc.contains("plan") && doc["plan"].is_object()) boundPlan(doc["plan"], seconds);
  auto it = doc.find("time_limit_s");
  if (it == doc.end() || !it->is_number() || !(it->get<double>() <= seconds)) {
    if (it == doc.end() || it->is_number()) doc["time_limit_s"] = seconds;
  }
}

/// The plan text with its time limit bounded; unchanged when it is not a shallow JSON object (the core must refuse
/// those by itself). Parsing here never throws (allow_exceptions = false).
inline std::string boundPlanText(const std::string& s, double seconds) {
  if (bracketDepth(s) > 32) return s;
  Json doc = Json::parse(s, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return s;
  boundPlan(doc, seconds);
  return doc.dump(-1, ' ', false, Json::error_handler_t::replace);  // the harness's own text: never throws
}

}  // namespace migcalc::fuzz
