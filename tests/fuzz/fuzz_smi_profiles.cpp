// `nvidia-smi mig -lgip` and `-lgipp` transcripts: the rows, then the GPU model built from them (import-gpu).
#include "fuzz_common.hpp"
#include "migcalc/interop/smi_import.hpp"
#include "migcalc/io/json_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace migcalc;
  const std::string s = fuzz::text(data, size);
  auto rows = parseSmiProfiles(s);
  auto imported = importGpuFromSmi(s);
  if (imported) {
    fuzz::print(importedGpuJson(*imported));
    fuzz::print(profilesJson(imported->model));
    for (const auto& p : imported->model.profiles) (void)p.placementsText();
  }
  return 0;
}
