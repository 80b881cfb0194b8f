// The JSON export request (exportLayout() in the module): {format, gpu | gpu_model, request, fixed, driver, device,
// name} or a fleet {format, plan, gpus_per_node} (its plan's time limit capped at 0.1 s).
#include "fuzz_common.hpp"
#include "migcalc/api/export_request.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace migcalc;
  auto args = parseJson(fuzz::boundPlanText(fuzz::text(data, size), 0.1), Code::BAD_EXPORT_REQUEST);
  if (!args) return 0;
  auto out = exportFromJson(*args);
  if (out) fuzz::print(*out);
  return 0;
}
