// One JSON-in, JSON-out entry point to the fleet planner, for bindings (wasm) and scripts.
#pragma once
#include <string>

#include "migcalc/base/json.hpp"

namespace migcalc {

/// A plan file's JSON text -> {"plan": ...} plus {"compare": [...]} when it asks for one, or {"error": {code,
/// message}}.
Json planFromJsonText(const std::string& text);

}  // namespace migcalc
