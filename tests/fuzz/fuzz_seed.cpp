// The custom-capacity (seed) input: JSON text read as `migcalc seed` reads it, then seedAllocation.
#include "fuzz_common.hpp"
#include "migcalc/engine/seed.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace migcalc;
  auto input = parseJson(fuzz::text(data, size), Code::BAD_SEED_INPUT);
  if (!input) return 0;
  auto out = seedAllocation(*input);
  if (out) fuzz::print(*out);
  return 0;
}
