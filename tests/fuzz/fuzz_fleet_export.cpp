// Fleet exports from plan JSON (`migcalc export --plan`, exportPlan()): a `migcalc plan --json` answer or a plan
// input (solved, time limit capped at 0.1 s). The first byte picks the format and gpus_per_node; the rest is the text.
#include "fuzz_common.hpp"
#include "migcalc/api/export_request.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace migcalc;
  if (size < 1) return 0;
  static const char* const kFormats[] = {"nvidia-smi",           "mig-parted", "k8s", "json",
                                         "mig-parted-configmap", "yaml",       "",    "JSON"};
  const std::string format = kFormats[data[0] & 7];
  const int perNode = (data[0] >> 3) == 31 ? 0 : (data[0] >> 3) + 1;  // 1..31, and 0 (refused)
  const std::string s = fuzz::boundPlanText(fuzz::text(data + 1, size - 1), 0.1);
  auto out = exportFleetFromJson(s, format, perNode);
  if (out) fuzz::print(*out);
  auto fleet = fleetFromPlanText(s);
  if (fleet) fuzz::print(exportFleetJson(*fleet, perNode < 1 ? 1 : perNode));
  return 0;
}
