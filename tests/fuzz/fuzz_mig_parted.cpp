// mig-parted configs and the ConfigMaps wrapping them: reading, schema rules, and validation against the catalog.
#include "fuzz_common.hpp"
#include "migcalc/interop/mig_parted.hpp"
#include "migcalc/model/catalog.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace migcalc;
  const std::string s = fuzz::text(data, size);
  auto file = parseMigPartedConfig(s);
  if (file && !catalog().empty())
    for (const auto& c : file->configs)
      for (const auto& e : c.entries)
        for (const auto& f : e.device_filter) (void)deviceFilterMatches(f, catalog().front());
  auto report = validateMigParted(s);
  if (report) fuzz::print(validationJson(*report));
  return 0;
}
