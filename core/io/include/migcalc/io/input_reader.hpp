// The one typed reader of JSON requests: every door (CLI files, module bindings, exporters) reads a field the same
// way, so the same input gets the same answer or the same error everywhere.
//
// Strict types, no coercion: a count is a JSON integer in its range ("2", 2.5 and 1e308 are refused), a text is a
// JSON string of bounded length. Every error names the field's JSON path (request[1].count), what was found and what
// is valid.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "migcalc/base/json.hpp"
#include "migcalc/engine/check.hpp"
#include "migcalc/model/gpu_model.hpp"

namespace migcalc {

/// The most items a request, fixed or demand list may hold.
constexpr size_t kMaxListItems = 1000;
/// The highest placement start read from a request (the hardware's are 0 to 7; custom GPUs go to 31).
constexpr long long kMaxStart = 9999;

/// A value as a message shows it: its JSON text, cut to about 60 bytes.
std::string shown(const Json& value);

/// `value` as a whole number from `min` to `max`; anything else (a string, a fraction, a boolean, null) is `code`.
Result<long long> readWhole(const Json& value, const std::string& path, long long min, long long max, Code code);
/// `value` as a string of 1 to `maxLength` bytes.
Result<std::string> readText(const Json& value, const std::string& path, size_t maxLength, Code code);
/// `value` as true or false.
Result<bool> readFlag(const Json& value, const std::string& path, Code code);
/// `object[key]` as a list of at most kMaxListItems items (the list itself, not a copy); null or a missing field
/// is the empty list.
Result<const Json*> readList(const Json& object, const std::string& key, const std::string& path, Code code);
/// A field that is absent or null reads as absent.
bool given(const Json& object, const std::string& key);

/// A driver: null (the newest), a branch number (525) or its text ("R525", "525.85.12", "newest").
Result<int> readDriver(const Json& value, const std::string& path);
/// "3g.40gb:2" or {"profile": "3g.40gb", "count": 2} (count defaults to 1).
Result<ProfileCount> readRequestItem(const Json& value, const std::string& path);
/// "1g.10gb@0" or {"profile": "1g.10gb", "start": 0}.
Result<FixedInstance> readFixedItem(const Json& value, const std::string& path);

/// A single-GPU request: {gpu | gpu_model, request, fixed, driver}. gpu is a catalog key, nvidia-smi name or PCI ID;
/// gpu_model a model in the catalog's format (a custom GPU).
struct GpuRequest {
  const GpuModel* catalog_gpu = nullptr;
  std::optional<GpuModel> custom_gpu;
  CheckRequest request;
  const GpuModel& gpu() const { return custom_gpu ? *custom_gpu : *catalog_gpu; }
};

/// Reads the four fields of a single-GPU request from `object` (other fields are the caller's). `what` names the
/// caller in errors ("check()", "the export request").
Result<GpuRequest> readGpuRequest(const Json& object, const std::string& what);

}  // namespace migcalc
