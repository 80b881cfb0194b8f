#include "migcalc/base/json.hpp"

#include "migcalc/base/text_util.hpp"

namespace migcalc {

Result<Json> parseJson(const std::string& text, Code errorCode) {
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& e) {
    return Error{errorCode, "Not valid JSON: " + describeJsonError(text, e.byte, e.what())};
  }
}

}  // namespace migcalc
