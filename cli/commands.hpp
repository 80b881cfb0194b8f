// The CLI's commands. Each takes its arguments (after the command name) and returns the exit code.
#pragma once
#include <string>
#include <vector>

#include "args.hpp"
#include "migcalc/base/result.hpp"
#include "migcalc/engine/check.hpp"
#include "migcalc/model/gpu_model.hpp"

namespace migcalc::cli {

using Argv = std::vector<std::string>;

struct Command {
  const char* name;
  const char* summary;
  int (*run)(const Argv& args);
};

/// Every command, in the order `migcalc --help` lists them.
const std::vector<Command>& commands();

/// The request of `check` and `export`: --driver, --fixed PROFILE@START... and PROFILE[:COUNT] positionals.
Result<CheckRequest> requestFromArgs(const Args& args);

/// The GPU named by --gpu (catalog key, nvidia-smi name or PCI ID) or read from --gpu-file.
Result<GpuModel> resolveGpu(const Args& args);

int runGpus(const Argv& args);
int runProfiles(const Argv& args);
int runCheck(const Argv& args);
int runLayouts(const Argv& args);
int runSeed(const Argv& args);
int runValidate(const Argv& args);
int runExport(const Argv& args);
int runGenerateConfig(const Argv& args);
int runImportGpu(const Argv& args);
int runState(const Argv& args);
int runYamlToJson(const Argv& args);
int runPlan(const Argv& args);

}  // namespace migcalc::cli
