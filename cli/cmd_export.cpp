// migcalc export: a feasible single-GPU layout as an nvidia-smi script, a mig-parted config, Kubernetes resources, DRA
// ResourceSlices or JSON.
#include <iostream>

#include "commands.hpp"
#include "migcalc/api/export_request.hpp"
#include "migcalc/export/export_dra.hpp"
#include "migcalc/export/export_json.hpp"
#include "migcalc/export/export_k8s.hpp"
#include "migcalc/export/export_mig_parted.hpp"
#include "migcalc/export/export_nvidia_smi.hpp"
#include "migcalc/interop/smi_import.hpp"
#include "migcalc/model/driver.hpp"
#include "output.hpp"

namespace migcalc::cli {

namespace {

const char* kHelp =
    "Usage: migcalc export --format FORMAT (--gpu G | --gpu-file FILE) [--fixed PROFILE@START]... [--state LGI.txt]\n"
    "                      [--driver R525] [--device N] [--name CONFIG] [--configmap] PROFILE[:COUNT]...\n"
    "       migcalc export --format FORMAT --plan FILE [--gpus-per-node N]\n\n"
    "Check a layout exactly like `migcalc check` and, when it is feasible, write it out for the tool that applies "
    "it.\n\n"
    "  --format nvidia-smi   a shell script: enable MIG mode, tear down (only when nothing is kept), create each GPU\n"
    "                        instance at its placement (-cgi ID:start), create the compute instances, verify\n"
    "  --format mig-parted   a mig-parted v1 config with the model's PCI IDs as device-filter, and how to apply it\n"
    "                        with nvidia-mig-parted or the GPU Operator (--configmap: the ConfigMap instead)\n"
    "  --format k8s          device-plugin resources under the mixed strategy, whether the single strategy is\n"
    "                        possible, and an example Pod\n"
    "  --format dra          Kubernetes DRA ResourceSlices (resource.k8s.io/v1) as NVIDIA's DRA driver publishes\n"
    "                        partitionable MIG devices: a counter set per GPU (one counter per memory slice, SMs,\n"
    "                        engines, memory) and one device per placement; without PROFILEs every placement of\n"
    "                        the model, with them only the layout's devices (--json: a v1 List as JSON)\n"
    "  --format json         the layout as JSON (placements, profile IDs, compute instances, resources)\n"
    "  PROFILE[:COUNT]       GPU-instance profiles, or compute-instance sub-profiles such as 1c.3g.40gb:6 "
    "(mig-parted's\n"
    "                        meaning: fills 3g.40gb GPU instances in turn, three compute instances each)\n"
    "  --fixed PROFILE@START an instance already on the GPU, kept as it is (nothing is torn down)\n"
    "  --state FILE          take the fixed instances of GPU --device from `nvidia-smi mig -lgi` output\n"
    "  --device N            the GPU index on the host (default 0); for mig-parted it becomes devices: [N]\n"
    "  --name CONFIG         the mig-parted config name (default: made from the layout)\n"
    "  --plan FILE           a fleet plan: `migcalc plan --json` output, or a plan input file (solved first);\n"
    "                        one layout per group of identical GPUs, one mig-parted config per distinct layout\n"
    "  --gpus-per-node N     for k8s with --plan: GPUs per node, in plan order (default 1), to check the single "
    "strategy\n\n"
    "Example: migcalc export --format nvidia-smi --gpu A100-80GB 4g.40gb 2g.20gb 1g.10gb\n"
    "Exit codes: 0 written, 1 not feasible (nothing written), 2 bad input, 3 unknown (no placements known).\n";

/// A DRA export as YAML under `title`, or with --json the List; the exit code (3 when placements are unknown).
int printDra(const Result<DraExport>& dra, const std::string& title, bool asList, bool json) {
  if (!dra) {
    fail(dra.error(), json);
    return dra.error().code == Code::PLACEMENTS_UNKNOWN ? kUnknown : kBadInput;
  }
  if (asList)
    printJson(draList(*dra));
  else
    std::cout << draYaml(*dra, title);
  return kOk;
}

}  // namespace

int runExport(const Argv& argv) {
  auto args = parseArgs(argv,
                        {"--gpu", "--gpu-file", "--fixed", "--driver", "--format", "--device", "--name", "--state",
                         "--plan", "--gpus-per-node"},
                        {"--json", "--help", "--configmap"}, "export");
  if (!args) return fail(args.error(), false);
  std::string format = args->get("--format");
  bool json = args->has("--json") || format == "json";
  if (args->has("--help")) {
    std::cout << kHelp;
    return kOk;
  }
  if (format != "nvidia-smi" && format != "mig-parted" && format != "k8s" && format != "dra" && format != "json")
    return fail({Code::USAGE,
                 format.empty() ? "export needs --format: nvidia-smi, mig-parted, k8s, dra or json."
                                : "Unknown format '" + format + "'. Valid: nvidia-smi, mig-parted, k8s, dra or json."},
                json);
  std::optional<int> device;
  if (!args->get("--device").empty()) {
    const std::string& d = args->get("--device");
    if (d.size() > 3 || d.find_first_not_of("0123456789") != std::string::npos)
      return fail(
          {Code::USAGE, "--device takes a GPU index such as 0 (as nvidia-smi -L numbers them), not '" + d + "'."},
          json);
    device = std::stoi(d);
  }
  if (!args->get("--plan").empty()) {
    if (!args->positional.empty() || !args->get("--gpu").empty() || !args->get("--gpu-file").empty() ||
        !args->all("--fixed").empty())
      return fail(
          {Code::USAGE, "--plan takes the GPUs and instances from the plan; leave out --gpu, --fixed and profiles."},
          json);
    int perNode = 1;
    if (!args->get("--gpus-per-node").empty()) {
      const std::string& n = args->get("--gpus-per-node");
      if (n.size() > 3 || n.find_first_not_of("0123456789") != std::string::npos || n == "0")
        return fail({Code::USAGE, "--gpus-per-node takes a whole number from 1, not '" + n + "'."}, json);
      perNode = std::stoi(n);
    }
    auto text = readFile(args->get("--plan"));
    if (!text) return fail(text.error(), json);
    auto out = exportFleetFromJson(*text, format, perNode);
    if (!out) {
      fail(out.error(), json);
      return out.error().code == Code::NOT_FEASIBLE ? kInfeasible : kBadInput;
    }
    if (format == "dra" && args->has("--json"))
      printJson((*out)["resource_slices"]);
    else if (out->contains("text"))
      std::cout << (*out)["text"].get<std::string>();
    else
      printJson((*out)["layout"]);
    return kOk;
  }
  auto gpu = resolveGpu(*args);
  if (!gpu) return fail(gpu.error(), json);
  auto req = requestFromArgs(*args);
  if (!req) return fail(req.error(), json);
  std::vector<FixedInstance> fixed = req->fixed;
  if (!args->get("--state").empty()) {
    auto text = readFile(args->get("--state"));
    if (!text) return fail(text.error(), json);
    auto state = parseSmiInstances(*text);
    if (!state) return fail(state.error(), json);
    for (const auto& f : fixedInstances(*state, device.value_or(0))) fixed.push_back(f);
  }
  const std::vector<ProfileCount>& request = req->request;
  if (format == "dra" && request.empty() && fixed.empty()) {
    return printDra(draForModel(*gpu, req->driver), "Every MIG placement of " + gpu->key + " as DRA devices.",
                    args->has("--json"), json);
  }
  if (request.empty())
    return fail({Code::USAGE, "export needs at least one PROFILE[:COUNT] to create, e.g. 3g.40gb:2."}, json);
  auto layout = prepareExport(*gpu, request, fixed, req->driver);
  if (!layout) {
    fail(layout.error(), json);
    return layout.error().code == Code::NOT_FEASIBLE         ? kInfeasible
           : layout.error().code == Code::PLACEMENTS_UNKNOWN ? kUnknown
                                                             : kBadInput;
  }
  if (format == "nvidia-smi") {
    std::cout << exportNvidiaSmi(*layout, device.value_or(0));
  } else if (format == "mig-parted") {
    MigPartedExportOptions o;
    o.config_name = args->get("--name");
    if (args->options.count("--name")) {
      if (auto e = configNameError(o.config_name)) return fail({Code::USAGE, "--name: " + e->message}, json);
    }
    o.device = device;
    std::cout << (args->has("--configmap") ? exportMigPartedConfigMap(*layout, o) : exportMigParted(*layout, o));
  } else if (format == "k8s") {
    std::cout << exportK8s(*layout);
  } else if (format == "dra") {
    return printDra(draForLayout(*layout), "The MIG devices of this " + gpu->key + " layout as DRA devices.",
                    args->has("--json"), json);
  } else {
    printJson(exportJson(*layout, device.value_or(0)));
  }
  return kOk;
}

}  // namespace migcalc::cli
