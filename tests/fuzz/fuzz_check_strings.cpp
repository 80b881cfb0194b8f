// The strings of a check request, as the CLI and the bindings pass them: "3g.40gb:2" (parseProfileCount),
// "1g.10gb@0" (parseFixed), "R525" (parseDriver) and a GPU name or PCI ID (findGpu). The input is split at the
// first four newlines: GPU, driver, request item, fixed item (missing parts are empty); each reader also gets the
// whole input. When everything reads, the request is checked on the GPU.
#include <vector>

#include "fuzz_common.hpp"
#include "migcalc/engine/check.hpp"
#include "migcalc/io/json_io.hpp"
#include "migcalc/model/catalog.hpp"
#include "migcalc/model/driver.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace migcalc;
  const std::string s = fuzz::text(data, size);
  (void)parseProfileCount(s);
  (void)parseFixed(s);
  (void)parseDriver(s);
  (void)findGpu(s);

  std::vector<std::string> parts;
  size_t from = 0;
  while (parts.size() < 3) {
    size_t nl = s.find('\n', from);
    if (nl == std::string::npos) break;
    parts.push_back(s.substr(from, nl - from));
    from = nl + 1;
  }
  parts.push_back(s.substr(from));
  parts.resize(4);
  auto gpu = findGpu(parts[0]);
  auto driver = parseDriver(parts[1]);
  auto item = parseProfileCount(parts[2]);
  auto fixed = parseFixed(parts[3]);
  if (gpu && driver && item) {
    CheckRequest req;
    req.driver = *driver;
    req.request.push_back(*item);
    if (fixed) req.fixed.push_back(*fixed);
    if (auto r = check(**gpu, req)) fuzz::print(checkJson(**gpu, req, *r));
  }
  return 0;
}
