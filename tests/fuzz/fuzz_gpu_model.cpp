// Custom GPU files (`--gpu-file`): the model reader, then what the CLI does with an accepted model: print it, and
// check one instance of each of its profiles on it.
#include "fuzz_common.hpp"
#include "migcalc/engine/check.hpp"
#include "migcalc/io/json_io.hpp"
#include "migcalc/model/catalog.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace migcalc;
  auto model = parseGpuModel(fuzz::text(data, size));
  if (!model) return 0;
  fuzz::print(gpuModelJson(*model));
  fuzz::print(profilesJson(*model));
  CheckRequest all;
  for (const auto& p : model->profiles) {
    CheckRequest one;
    one.request.push_back({p.name, 1});
    if (auto r = check(*model, one)) fuzz::print(checkJson(*model, one, *r));
    if (all.request.size() < 8) all.request.push_back({p.name, 1});
  }
  if (auto r = check(*model, all)) fuzz::print(checkJson(*model, all, *r));
  return 0;
}
