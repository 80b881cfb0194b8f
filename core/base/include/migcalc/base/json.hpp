// The one JSON value type of the core (nlohmann's, keys in insertion order) and the guarded text parser.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "migcalc/base/result.hpp"

namespace migcalc {

using Json = nlohmann::ordered_json;

/// A code in JSON is its stable name ("BAD_COUNT"), never its number.
inline void to_json(Json& j, Code code) { j = codeName(code); }

/// Parse JSON text; the error (with `errorCode`) gives the line and column.
Result<Json> parseJson(const std::string& text, Code errorCode);

}  // namespace migcalc
