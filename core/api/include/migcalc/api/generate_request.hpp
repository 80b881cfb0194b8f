// JSON in, JSON out: NVIDIA's named mig-parted configs generated offline (`migcalc generate-config`), for the CLI and
// the module.
#pragma once
#include "migcalc/base/result.hpp"
#include "migcalc/io/json_io.hpp"

namespace migcalc {

/// Arguments: {"gpus": ["H100-SXM5-80GB", "0x20B7", ...] (optional; any name findGpu takes; none or [] = the whole
/// catalog), "driver": "R535" (optional; null = the newest), "format": "yaml" | "json" (optional, default yaml)}.
/// Answer: {"format", "gpus": [catalog keys], "driver": "R535" | "newest", "text": the file, "config": the file as
/// JSON ({"version": "v1", "mig-configs": {...}}), "notes": [...]}.
/// Errors: BAD_EXPORT_REQUEST (a malformed argument, naming it), TOO_LARGE, BAD_DRIVER, and the GPU name errors
/// (UNKNOWN_GPU, AMBIGUOUS_GPU).
Result<Json> generateConfigFromJson(const Json& args);

}  // namespace migcalc
