// Plan files: the reader (parsePlanInputText) on the bytes as they are, then the whole JSON door (planFromJsonText)
// with the solver's time limit capped at 0.1 s so that a run measures the reader, not the branch and bound.
#include "fuzz_common.hpp"
#include "migcalc/api/plan_request.hpp"
#include "migcalc/io/plan_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace migcalc;
  const std::string s = fuzz::text(data, size);
  (void)parsePlanInputText(s);
  fuzz::print(planFromJsonText(fuzz::boundPlanText(s, 0.1)));
  return 0;
}
