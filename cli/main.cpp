// migcalc: the command-line face of the MIG allocation core.
#include <iostream>
#include <new>
#include <stdexcept>

#include "commands.hpp"
#include "migcalc/model/catalog.hpp"
#include "output.hpp"

namespace migcalc::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> list = {
      {"gpus", "list every GPU model in the catalog", runGpus},
      {"profiles", "list a GPU's profiles: IDs, memory, SMs, engines, caps, placements", runProfiles},
      {"check", "can these instances be created on this GPU, where, and what is left?", runCheck},
      {"layouts", "every maximal layout of a GPU", runLayouts},
      {"seed", "the exercise's simplified custom-capacity model (JSON on stdin)", runSeed},
      {"export", "a feasible layout as an nvidia-smi script, mig-parted config, Kubernetes resources or JSON",
       runExport},
      {"generate-config",
       "NVIDIA's named mig-parted configs (all-<profile>, all-balanced) for every model, offline, with device filters",
       runGenerateConfig},
      {"import-gpu", "a GPU model from `nvidia-smi mig -lgip` / `-lgipp` output", runImportGpu},
      {"state", "the GPU instances in `nvidia-smi mig -lgi` output, as fixed instances", runState},
      {"validate", "check a mig-parted config (or GPU Operator ConfigMap) against the catalog", runValidate},
      {"plan", "the fewest GPUs (or lowest cost) for a whole demand, with layouts and a proof of optimality", runPlan},
      {"yaml-to-json", "print a YAML file as JSON, read by migcalc's YAML reader (for tests)", runYamlToJson},
  };
  return list;
}

static void usage(std::ostream& out) {
  out << "migcalc " MIGCALC_VERSION " - NVIDIA MIG partition calculator (catalog " << catalogVersion() << ")\n\n"
      << "Usage: migcalc COMMAND [OPTIONS]\n\nCommands:\n";
  Table t({"", ""});
  for (const auto& c : commands()) t.row({c.name, c.summary});
  t.print(out);
  out << "\nRun `migcalc COMMAND --help` for a command's options. Exit codes: 0 feasible/success, 1 not feasible,\n"
         "2 bad input, 3 unknown (no placements known for the model), 4 internal error (a fault in migcalc).\n";
}

/// What a command threw, on one line: control characters (a newline in an exception's text) become spaces.
static std::string oneLine(std::string text) {
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  return text;
}

/// The guard every command runs inside: whatever escapes a command (a fault in migcalc, an exhausted allocation)
/// becomes one structured INTERNAL error on one line and exit code 4, never an abort or a stack trace.
static int guarded(const Command& c, const Argv& args) {
  bool json = false;
  for (const auto& a : args) json = json || a == "--json";
  std::string what;
  try {
    return c.run(args);
  } catch (const std::bad_alloc&) {
    what = "out of memory";
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
    what = "unknown exception";
  }
  fail({migcalc::Code::INTERNAL, std::string("migcalc ") + c.name + " failed inside migcalc (" + oneLine(what) +
                                     "); the input was not at fault. Please report it with the input."},
       json);
  return kInternal;
}

/// The guard's proof, not a command for users (`migcalc --help` does not list it): `migcalc _guard-self-test
/// [exception|out-of-memory|other] [--json]` throws inside the guard, so the CLI tests see a fault become one INTERNAL
/// line and exit 4 (the module's twin is call('_guardSelfTest')).
static int guardSelfTest(const Argv& args) {
  std::string kind = args.empty() || args[0] == "--json" ? "exception" : args[0];
  if (kind == "out-of-memory") throw std::bad_alloc();
  if (kind == "other") throw 42;
  throw std::runtime_error("the guard's self-test\nthrew this on two lines");
}

static const Command kGuardSelfTest = {"_guard-self-test", "", guardSelfTest};

}  // namespace migcalc::cli

int main(int argc, char** argv) {
  using namespace migcalc::cli;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    usage(std::cout);
    return args.empty() ? kBadInput : kOk;
  }
  if (args[0] == "--version" || args[0] == "-V") {
    std::cout << "migcalc " MIGCALC_VERSION " (catalog " << migcalc::catalogVersion() << ")\n";
    return kOk;
  }
  for (const auto& c : commands())
    if (args[0] == c.name) return guarded(c, Argv(args.begin() + 1, args.end()));
  if (args[0] == kGuardSelfTest.name) return guarded(kGuardSelfTest, Argv(args.begin() + 1, args.end()));
  std::vector<std::string> names;
  for (const auto& c : commands()) names.push_back(c.name);
  auto close = migcalc::closeNames(args[0], names, 1);
  std::cerr << "migcalc: unknown command '" << args[0] << "'."
            << (close.empty() ? "" : " Did you mean '" + close[0] + "'?") << " Run `migcalc --help` for the list.\n";
  return kBadInput;
}
