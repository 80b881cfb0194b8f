// `nvidia-smi mig -lgi` transcripts: the GPU instances, as fixed instances, and checked against a catalog model
// (what `migcalc state --gpu` does).
#include "fuzz_common.hpp"
#include "migcalc/engine/check.hpp"
#include "migcalc/interop/smi_import.hpp"
#include "migcalc/io/json_io.hpp"
#include "migcalc/model/catalog.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace migcalc;
  const std::string s = fuzz::text(data, size);
  auto state = parseSmiInstances(s);
  if (!state) return 0;
  fuzz::print(smiStateJson(*state));
  const auto& models = catalog();
  for (const auto& [index, list] : state->gpus) {
    const GpuModel& model = models[static_cast<size_t>(index) % models.size()];
    (void)stateMismatches(*state, index, model);
    CheckRequest req;
    req.fixed = fixedInstances(*state, index);
    auto r = check(model, req);
    if (r) fuzz::print(checkJson(model, req, *r));
  }
  return 0;
}
