// migcalc generate-config: NVIDIA's named mig-parted configs (all-disabled, all-enabled, all-<profile>,
// all-balanced) for every catalog model or the chosen ones, generated offline.
#include <iostream>

#include "commands.hpp"
#include "migcalc/api/generate_request.hpp"
#include "output.hpp"

namespace migcalc::cli {

namespace {

const char* kHelp =
    "Usage: migcalc generate-config [--gpu G]... [--driver R535] [--format yaml|json] [--json]\n\n"
    "Write a mig-parted v1 config with NVIDIA's named configs, as `nvidia-mig-parted generate-config` writes them\n"
    "on the hardware and the GPU Operator's default config holds them, for every model of the catalog (or those\n"
    "named with --gpu), without a GPU:\n\n"
    "  all-disabled, all-enabled  MIG off; MIG on with no instances\n"
    "  all-<profile>              each profile at its maximum instance count ('+' spelled '.': all-1g.24gb.me.all)\n"
    "  all-balanced               2 x 1g + 1 x 2g + 1 x 3g on 7-slice GPUs, 2 x 1g + 1 x 2g on 4-slice GPUs\n\n"
    "A name that means the same on every model gets one entry for any GPU; a name that means different counts on\n"
    "different models (all-1g.10gb: 7 on A100-80GB, 4 on A100-40GB) gets one entry per model's device-filter\n"
    "(PCI IDs as 0x<device><vendor>, e.g. 0x233010DE).\n\n"
    "  --gpu G          a model (catalog key, nvidia-smi name, Kubernetes label or PCI ID); repeatable; default all\n"
    "  --driver R535    leave out the models and profiles this driver does not support (default: the newest)\n"
    "  --format yaml    YAML with comments (default); json: the same config as JSON (notes go to stderr)\n"
    "  --json           migcalc's answer as JSON: {format, gpus, driver, text, config, notes}\n\n"
    "Example: migcalc generate-config --gpu A100-80GB --gpu A100-40GB > config.yaml\n"
    "Exit codes: 0 written, 2 bad input.\n";

}  // namespace

int runGenerateConfig(const Argv& argv) {
  auto args = parseArgs(argv, {"--gpu", "--driver", "--format"}, {"--json", "--help"}, "generate-config");
  bool json = wantsJson(argv);
  if (!args) return fail(args.error(), json);
  if (args->has("--help")) {
    std::cout << kHelp;
    return kOk;
  }
  if (!args->positional.empty())
    return fail({Code::USAGE, "generate-config takes no positional arguments (got '" + args->positional.front() +
                                  "'); name models with --gpu. See `migcalc generate-config --help`."},
                json);
  Json request = Json::object();
  if (!args->all("--gpu").empty()) request["gpus"] = args->all("--gpu");
  if (args->options.count("--driver")) request["driver"] = args->get("--driver");
  if (args->options.count("--format")) request["format"] = args->get("--format");
  auto out = generateConfigFromJson(request);
  if (!out) return fail(out.error(), json);
  if (json) {
    printJson(*out);
    return kOk;
  }
  std::cout << (*out)["text"].get<std::string>();
  if ((*out)["format"] == "json")
    for (const auto& n : (*out)["notes"]) std::cerr << "migcalc: note: " << n.get<std::string>() << "\n";
  return kOk;
}

}  // namespace migcalc::cli
