// The reader of GPU models in the catalog's JSON format: the embedded catalog, a --gpu-file and a request's
// gpu_model all go through it, with the typed reads every other reader uses (base/json_read.hpp).
#pragma once
#include <string>

#include "migcalc/base/json.hpp"
#include "migcalc/model/gpu_model.hpp"

namespace migcalc {

/// A model from a JSON value: one model object, or {"gpus": [model]}. `path` is where the value sits in its input
/// ("gpu_model"; empty for a whole file). Errors (BAD_GPU_FILE) name the field's path, what was found and what is
/// valid. The model is not marked custom: the caller knows where it came from.
Result<GpuModel> readGpuModel(const Json& value, const std::string& path);

}  // namespace migcalc
