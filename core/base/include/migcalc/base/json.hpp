// The one JSON value type of the core (nlohmann's, keys in insertion order), the guarded text parser and the
// guarded printer.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "migcalc/base/result.hpp"

namespace migcalc {

using Json = nlohmann::ordered_json;

/// The limits of every JSON text migcalc reads (documented in the README under "Limits").
constexpr size_t kMaxJsonBytes = 16u << 20;  // 16 MiB
constexpr int kMaxJsonDepth = 64;            // arrays and objects inside one another

/// A code in JSON is its stable name ("BAD_COUNT"), never its number.
inline void to_json(Json& j, Code code) { j = codeName(code); }

/// Parse JSON text; the error (with `errorCode`) gives the line and column. Text beyond kMaxJsonBytes or nested
/// deeper than kMaxJsonDepth is TOO_LARGE; a number beyond a double's range is `errorCode`. Never throws.
Result<Json> parseJson(const std::string& text, Code errorCode);

/// JSON text of a value (indent < 0: one line). Bytes that are not UTF-8 (from a YAML file, an argument) print as
/// U+FFFD instead of throwing.
std::string jsonText(const Json& value, int indent = -1);

}  // namespace migcalc
