#include "migcalc/base/json.hpp"

#include "migcalc/base/text_util.hpp"

namespace migcalc {

/// How deep arrays and objects nest in JSON text (brackets inside strings do not count); stops at the limit + 1.
static int nestingDepth(const std::string& text) {
  int depth = 0, deepest = 0;
  bool inString = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (inString) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest && (deepest = depth) > kMaxJsonDepth) return deepest;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

Result<Json> parseJson(const std::string& text, Code errorCode) {
  if (text.size() > kMaxJsonBytes)
    return Error{Code::TOO_LARGE, "The JSON text is " + std::to_string(text.size()) + " bytes; migcalc reads at most " +
                                      std::to_string(kMaxJsonBytes) + " bytes (16 MiB)."};
  if (nestingDepth(text) > kMaxJsonDepth)
    return Error{Code::TOO_LARGE, "The JSON text nests arrays and objects more than " + std::to_string(kMaxJsonDepth) +
                                      " deep; migcalc's inputs need at most 6."};
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& e) {
    return Error{errorCode, "Not valid JSON: " + describeJsonError(text, e.byte, e.what())};
  } catch (const Json::out_of_range&) {
    return Error{errorCode,
                 "Not valid JSON here: a number is too large for a double (such as 1e400); numbers must lie "
                 "within ±1.7e308, and counts and starts within their own smaller ranges."};
  } catch (const Json::exception& e) {
    return Error{errorCode, std::string("Not valid JSON: ") + e.what()};
  }
}

std::string jsonText(const Json& value, int indent) {
  return value.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace migcalc
