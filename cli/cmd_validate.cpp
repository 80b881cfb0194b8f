// migcalc validate: check a mig-parted config against the catalog; migcalc yaml-to-json: the YAML reader, for tests.
#include <iostream>
#include <map>

#include "commands.hpp"
#include "migcalc/interop/mig_parted.hpp"
#include "migcalc/interop/yaml.hpp"
#include "migcalc/model/catalog.hpp"
#include "output.hpp"

namespace migcalc::cli {

namespace {

const char* kHelp =
    "Usage: migcalc validate CONFIG.yaml [--gpu G | --gpu-file FILE] [--json]\n\n"
    "Check an NVIDIA mig-parted config (or the GPU Operator ConfigMap that wraps one) before you apply it:\n"
    "the file must follow mig-parted's rules, and every named config entry is checked against the catalog GPUs it\n"
    "applies to (its device-filter, or every model). An entry whose profiles a model lacks is 'not applicable'\n"
    "there; otherwise it is feasible (with placements) or not, with the reason. Models whose placements are not\n"
    "known are skipped unless --gpu names them.\n\n"
    "  --gpu G    check against this model only (catalog key, nvidia-smi name or PCI ID)\n"
    "  --gpu-file FILE  check against a GPU of your own (e.g. from `migcalc import-gpu --json`)\n"
    "  --json     machine-readable output\n\n"
    "Exit codes: 0 valid, 1 an entry is not feasible where it applies or applies to no GPU model,\n"
    "2 the file is not readable YAML or breaks mig-parted's schema.\n";

std::string placementText(const std::vector<Instance>& instances) {
  std::string s;
  for (const auto& i : instances) s += (s.empty() ? "" : ", ") + i.profile + "@" + std::to_string(i.start);
  return s;
}

}  // namespace

int runValidate(const Argv& argv) {
  auto args = parseArgs(argv, {"--gpu", "--gpu-file"}, {"--json", "--help"}, "validate");
  if (!args) return fail(args.error(), false);
  bool json = args->has("--json");
  if (args->has("--help")) {
    std::cout << kHelp;
    return kOk;
  }
  if (args->positional.size() != 1)
    return fail({Code::USAGE, "validate needs one config file: migcalc validate CONFIG.yaml [--gpu G] [--json]"}, json);
  const GpuModel* gpu = nullptr;
  GpuModel chosen;
  if (!args->get("--gpu").empty() || !args->get("--gpu-file").empty()) {
    auto found = resolveGpu(*args);
    if (!found) return fail(found.error(), json);
    chosen = *found;
    gpu = &chosen;
  }
  auto text = readFile(args->positional[0]);
  if (!text) return fail(text.error(), json);
  auto report = validateMigParted(*text, gpu);
  if (!report) return fail(report.error(), json);
  if (json) {
    printJson(validationJson(*report));
    return report->exit_code;
  }
  if (!report->unwrapped_from.empty())
    std::cout << "Read the mig-parted config from " << report->unwrapped_from << ".\n";
  if (!report->warnings.empty()) {  // what mig-parted reads without a word, but is likely a mistake
    std::cout << "Warnings (mig-parted accepts these):\n";
    for (const auto& w : report->warnings) std::cout << "  line " << w.line << ": " << w.message << "\n";
  }
  if (!report->schema_errors.empty()) {
    std::cerr << "The file breaks mig-parted's rules:\n";
    for (const auto& p : report->schema_errors) std::cerr << "  line " << p.line << ": " << p.message << "\n";
    return report->exit_code;
  }
  size_t errors = 0, checks = 0;
  std::string lastConfig;
  for (const auto& e : report->entries) {
    if (e.config != lastConfig) std::cout << "\n" << e.config << "\n";
    lastConfig = e.config;
    std::cout << "  entry " << e.index + 1 << " (line " << e.line << "): " << e.summary << "\n";
    if (e.summary == "MIG disabled" || e.summary == "MIG enabled, no instances") {
      std::cout << "    nothing to place: valid on the " << e.results.size() << " model"
                << (e.results.size() == 1 ? "" : "s") << " it applies to\n";
      continue;
    }
    std::map<std::string, std::vector<std::string>> quiet;  // status -> models, for the statuses listed in one line
    for (const auto& r : e.results) {
      if (r.status == "not applicable" && !gpu) {
        quiet[r.status].push_back(r.gpu);
        continue;
      }
      if (r.status == "not validated" && !r.gpu.empty()) {
        quiet[r.status].push_back(r.gpu);
        continue;
      }
      ++checks;
      std::cout << "    " << (r.gpu.empty() ? "(no model)" : r.gpu) << ": " << r.status;
      if (r.status == "feasible" && !r.instances.empty()) std::cout << " - " << placementText(r.instances);
      if (!r.reason.empty()) std::cout << " - " << r.reason;
      std::cout << "\n";
      for (const auto& g : r.gis)
        if (!g.cis.empty()) {
          std::cout << "      " << g.profile << " split into";
          for (const auto& c : g.cis) std::cout << " " << c;
          std::cout << "\n";
        }
    }
    for (const auto& [status, models] : quiet) {
      std::cout << "    " << status << " on " << models.size() << " model" << (models.size() == 1 ? "" : "s");
      if (status == "not validated") {
        std::cout << " (placements unknown):";
        for (const auto& m : models) std::cout << " " << m;
      }
      std::cout << "\n";
    }
    if (e.error) {
      ++errors;
      std::cout << "    ERROR: " << *e.error << "\n";
    }
  }
  std::cout << "\n"
            << report->entries.size() << " entr" << (report->entries.size() == 1 ? "y" : "ies") << ", " << errors
            << " error" << (errors == 1 ? "" : "s") << ".\n";
  (void)checks;
  return report->exit_code;
}

int runYamlToJson(const Argv& argv) {
  auto args = parseArgs(argv, {}, {"--help", "--lines", "--all"}, "yaml-to-json");
  if (!args) return fail(args.error(), false);
  if (args->has("--help") || args->positional.size() != 1) {
    std::cout << "Usage: migcalc yaml-to-json FILE [--lines] [--all]\n\nPrint a YAML file as JSON, read by migcalc's "
                 "own YAML reader (the one\n"
                 "`validate` uses). --lines adds the line of every node; --all prints a list of every document of a\n"
                 "multi-document file. Exit code 2 when the YAML cannot be read.\n";
    return args->has("--help") ? kOk : kBadInput;
  }
  auto text = readFile(args->positional[0]);
  if (!text) return fail(text.error(), true);
  if (args->has("--all")) {
    auto docs = parseYamlDocuments(*text);
    if (!docs) return fail(docs.error(), true);
    Json all = Json::array();
    for (const auto& d : *docs)
      all.push_back(args->has("--lines") ? Json{{"value", d.value}, {"lines", d.lines}} : d.value);
    printJson(all);
    return kOk;
  }
  auto doc = parseYaml(*text);
  if (!doc) return fail(doc.error(), true);
  if (args->has("--lines")) {
    Json j = {{"value", doc->value}, {"lines", doc->lines}};
    printJson(j);
  } else {
    printJson(doc->value);
  }
  return kOk;
}

}  // namespace migcalc::cli
