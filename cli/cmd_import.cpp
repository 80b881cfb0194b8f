// migcalc import-gpu: a GPU model from `nvidia-smi mig -lgip`/`-lgipp` output; migcalc state: instances from `-lgi`.
#include <iostream>
#include <map>
#include <optional>

#include "commands.hpp"
#include "migcalc/engine/check.hpp"
#include "migcalc/interop/smi_import.hpp"
#include "output.hpp"

namespace migcalc::cli {

namespace {

const char* kImportHelp =
    "Usage: migcalc import-gpu FILE [--index N] [--json]\n\n"
    "Read the output of `nvidia-smi mig -lgip` and `nvidia-smi mig -lgipp` (one file may hold both; '-' reads\n"
    "stdin) and turn it into a GPU model: profiles, IDs, memory, SMs, engines and placements. When it matches a\n"
    "catalog GPU, says which and lists the differences (drivers shift memory sizes).\n\n"
    "  --index N   the GPU index to read when the output lists several (default: the lowest)\n"
    "  --json      print the model in the catalog's format: save it and use `migcalc check --gpu-file FILE`\n\n"
    "Example: nvidia-smi mig -lgip > gpu.txt; nvidia-smi mig -lgipp >> gpu.txt; migcalc import-gpu gpu.txt --json > "
    "my-gpu.json\n";

const char* kStateHelp =
    "Usage: migcalc state FILE [--gpu G] [--json]\n\n"
    "Read the output of `nvidia-smi mig -lgi` ('-' reads stdin) and list the GPU instances on each GPU index with\n"
    "their placements, as --fixed arguments for `migcalc check` and `migcalc export`.\n\n"
    "  --gpu G  also check each GPU's instances against this model and show what still fits\n"
    "  --json   machine-readable output\n";

}  // namespace

int runImportGpu(const Argv& argv) {
  auto args = parseArgs(argv, {"--index"}, {"--json", "--help"}, "import-gpu");
  if (!args) return fail(args.error(), false);
  bool json = args->has("--json");
  if (args->has("--help")) {
    std::cout << kImportHelp;
    return kOk;
  }
  if (args->positional.size() != 1)
    return fail({Code::USAGE, "import-gpu needs one file: migcalc import-gpu FILE [--json]"}, json);
  std::optional<int> index;
  if (!args->get("--index").empty()) {
    const std::string& s = args->get("--index");
    if (s.size() > 3 || s.find_first_not_of("0123456789") != std::string::npos)
      return fail({Code::USAGE, "--index takes a GPU index such as 0, not '" + s + "'."}, json);
    index = std::stoi(s);
  }
  auto text = readFile(args->positional[0]);
  if (!text) return fail(text.error(), json);
  auto imported = importGpuFromSmi(*text, index);
  if (!imported) return fail(imported.error(), json);
  GpuModel model = imported->model;
  if (imported->catalog_match)
    model.notes.push_back(std::string(imported->exact_match ? "Matches" : "Closest to") + " catalog GPU " +
                          *imported->catalog_match +
                          (imported->differences.empty() ? " with no differences." : "; differences: " + [&] {
                            std::string s;
                            for (const auto& d : imported->differences) s += (s.empty() ? "" : "; ") + d;
                            return s;
                          }() + "."));
  for (const auto& n : imported->notes) model.notes.push_back(n);
  if (json) {
    printJson(gpuModelJson(model));
    return kOk;
  }
  std::cout << "GPU " << imported->gpu_index << ": " << model.profiles.size() << " profiles";
  if (imported->catalog_match)
    std::cout << "; " << (imported->exact_match ? "matches" : "closest to") << " catalog GPU "
              << *imported->catalog_match;
  std::cout << ".\n\n";
  Table t({"profile", "ID", "instances", "memory GiB", "SM", "DEC/ENC/JPEG/OFA/CE", "placements"});
  for (const auto& p : model.profiles) {
    auto o = [](const std::optional<int>& v) { return v ? std::to_string(*v) : std::string("?"); };
    std::string mem = "?";
    if (p.memory_gib) {
      mem = std::to_string(*p.memory_gib);
      mem.erase(mem.find_last_not_of('0') + 1);
      if (!mem.empty() && mem.back() == '.') mem.pop_back();
    }
    t.row({p.name, o(p.id), std::to_string(p.instances), mem, o(p.sm),
           o(p.engines.dec) + "/" + o(p.engines.enc) + "/" + o(p.engines.jpeg) + "/" + o(p.engines.ofa) + "/" +
               o(p.engines.ce),
           p.placementsText()});
  }
  t.print(std::cout);
  if (!imported->differences.empty()) {
    std::cout << "\nDifferences from the catalog's " << *imported->catalog_match << ":\n";
    for (const auto& d : imported->differences) std::cout << "  - " << d << "\n";
  }
  for (const auto& n : imported->notes) std::cout << "\nNote: " << n << "\n";
  std::cout << "\nSave with --json and use it: migcalc check --gpu-file FILE PROFILE[:COUNT]...\n";
  return kOk;
}

int runState(const Argv& argv) {
  auto args = parseArgs(argv, {"--gpu", "--gpu-file"}, {"--json", "--help"}, "state");
  if (!args) return fail(args.error(), false);
  bool json = args->has("--json");
  if (args->has("--help")) {
    std::cout << kStateHelp;
    return kOk;
  }
  if (args->positional.size() != 1)
    return fail({Code::USAGE, "state needs one file: migcalc state FILE [--json]"}, json);
  auto text = readFile(args->positional[0]);
  if (!text) return fail(text.error(), json);
  auto state = parseSmiInstances(*text);
  if (!state) return fail(state.error(), json);
  std::optional<GpuModel> model;
  if (!args->get("--gpu").empty() || !args->get("--gpu-file").empty()) {
    auto g = resolveGpu(*args);
    if (!g) return fail(g.error(), json);
    model = *g;
  }
  int exit = kOk;
  std::map<int, Json> checks;
  if (model) {
    for (const auto& [index, list] : state->gpus) {
      CheckRequest req;
      req.fixed = fixedInstances(*state, index);
      auto r = check(*model, req);
      if (!r) return fail(r.error(), json);
      checks[index] = checkJson(*model, req, *r);
      checks[index]["mismatches"] = stateMismatches(*state, index, *model);
      if (r->verdict == Verdict::NotFeasible)
        exit = kInfeasible;
      else if (r->verdict == Verdict::Unknown && exit == kOk)
        exit = kUnknown;
    }
  }
  if (json) {
    Json j = smiStateJson(*state);
    if (model)
      for (auto& g : j["gpus"]) g["check"] = checks[g["index"].get<int>()];
    printJson(j);
    return exit;
  }
  if (state->gpus.empty()) {
    std::cout << "No GPU instances.\n";
    return kOk;
  }
  for (const auto& [index, list] : state->gpus) {
    std::cout << "GPU " << index << ": " << list.size() << " GPU instance" << (list.size() == 1 ? "" : "s") << "\n";
    Table t({"profile", "profile ID", "instance ID", "start:size"});
    std::string fixed;
    for (const auto& g : list) {
      t.row({g.profile, std::to_string(g.profile_id), std::to_string(g.instance_id),
             std::to_string(g.start) + ":" + std::to_string(g.size)});
      fixed += " --fixed " + g.profile + "@" + std::to_string(g.start);
    }
    t.print(std::cout);
    std::cout << "  As fixed instances:" << fixed << "\n";
    if (model) {
      const Json& c = checks[index];
      std::cout << "  On " << model->key << ": " << c["verdict"].get<std::string>();
      for (const auto& r : c["reasons"]) std::cout << " - " << r["message"].get<std::string>();
      std::cout << "\n";
      if (!c["mismatches"].empty()) std::cout << "  This state does not look like a " << model->key << ":\n";
      for (const auto& m : c["mismatches"]) std::cout << "    " << m.get<std::string>() << "\n";
      if (c["verdict"] == "feasible") {
        std::string fits;
        for (auto it = c["remaining"].begin(); it != c["remaining"].end(); ++it)
          if (it.value().is_number() && it.value().get<int>() > 0)
            fits += (fits.empty() ? "" : ", ") + it.key() + " x" + it.value().dump();
        std::cout << "  Still fits (each on its own): " << (fits.empty() ? "nothing" : fits) << "\n";
      }
    }
    std::cout << "\n";
  }
  return exit;
}

}  // namespace migcalc::cli
