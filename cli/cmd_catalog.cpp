// migcalc gpus | profiles | layouts
#include <iostream>

#include "commands.hpp"
#include "migcalc/engine/layouts.hpp"
#include "migcalc/io/json_io.hpp"
#include "migcalc/model/catalog.hpp"
#include "migcalc/model/driver.hpp"
#include "output.hpp"

namespace migcalc::cli {

Result<GpuModel> resolveGpu(const Args& args) {
  std::string file = args.get("--gpu-file");
  if (!file.empty()) {
    auto text = readFile(file);
    if (!text) return text.error();
    return parseGpuModel(*text);
  }
  if (args.all("--gpu").empty())
    return Error{Code::USAGE,
                 "Name a GPU with --gpu G (a key such as H100-SXM5-80GB, a name nvidia-smi prints, or a PCI ID) or "
                 "give --gpu-file FILE. Run `migcalc gpus` for the list."};
  auto found = findGpu(args.get("--gpu"));
  if (!found) return found.error();
  return **found;
}

static std::string mib(const Json& v) { return v.is_null() ? "unknown" : v.dump() + " MiB"; }

int runGpus(const Argv& argv) {
  auto args = parseArgs(argv, {}, {"--json", "--help"}, "gpus");
  if (!args) return fail(args.error(), wantsJson(argv));
  if (args->has("--help")) {
    std::cout << "Usage: migcalc gpus [--json]\n\nEvery MIG-capable GPU model in the catalog with its memory, SMs (of "
                 "the full-GPU\n"
                 "profile), slices and placement units. 'inferred' marks models whose placements are inferred;\n"
                 "'unknown' marks models without any known placements.\n";
    return kOk;
  }
  Json all = gpusJson();
  if (args->has("--json")) {
    printJson(all);
    return kOk;
  }
  std::cout << "GPU catalog " << catalogVersion() << "\n\n";
  Table t({"model", "family", "memory", "SMs", "compute/memory slices", "units", "placements", "PCI IDs"});
  for (const auto& g : all["gpus"]) {
    std::string conf = g["confidence"].value("placements", "unknown");
    std::string placements = !g["placements_known"].get<bool>() ? "unknown"
                             : conf == "real-hardware-output"   ? "hardware"
                                                                : conf;
    std::string ids;
    for (const auto& id : g["pci_ids"]) ids += (ids.empty() ? "" : " ") + id.get<std::string>();
    t.row({g["key"], g["family"], mib(g["total_memory_mib"]), orUnknown(g["sms"]),
           std::to_string(g["compute_slices"].get<int>()) + " / " + std::to_string(g["memory_slices"].get<int>()),
           orUnknown(g["placement_units"]), placements, ids});
  }
  t.print(std::cout);
  return kOk;
}

int runProfiles(const Argv& argv) {
  auto args = parseArgs(argv, {"--gpu", "--gpu-file"}, {"--json", "--help"}, "profiles");
  if (!args) return fail(args.error(), wantsJson(argv));
  bool json = args->has("--json");
  if (args->has("--help")) {
    std::cout << "Usage: migcalc profiles (--gpu G | --gpu-file FILE) [--json]\n\nThe GPU's GI profiles: nvidia-smi "
                 "ID, compute slices, memory, SMs, media engines,\n"
                 "instance cap and placements ({starts}:size, as nvidia-smi mig -lgipp prints them).\n";
    return kOk;
  }
  auto gpu = resolveGpu(*args);
  if (!gpu) return fail(gpu.error(), json);
  Json j = profilesJson(*gpu);
  if (json) {
    printJson(j);
    return kOk;
  }
  std::cout << gpu->key << " (" << gpu->family << "): " << mib(j["total_memory_mib"]) << ", " << orUnknown(j["sms"])
            << " SMs in the full-GPU profile, " << gpu->compute_slices << " compute slices, " << gpu->memory_slices
            << " memory slices, " << orUnknown(j["placement_units"]) << " placement units\n"
            << "Minimum driver: R" << gpu->min_driver << ". Placements: "
            << (!gpu->placementsKnown()               ? std::string("unknown")
                : gpu->confidence.count("placements") ? gpu->confidence.at("placements")
                                                      : std::string("unknown"))
            << ".\n\n";
  Table t({"profile", "ID", "compute", "memory", "SMs", "DEC/ENC/JPEG/OFA/CE", "cap", "placements", "driver"});
  for (const auto& p : j["profiles"]) {
    std::string eng;
    for (const char* e : {"dec", "enc", "jpeg", "ofa", "ce"})
      eng += (eng.empty() ? "" : "/") + (p[e].is_null() ? std::string("?") : p[e].dump());
    t.row({p["name"], orUnknown(p["id"]), std::to_string(p["compute_slices"].get<int>()) + "g", mib(p["memory_mib"]),
           orUnknown(p["sm"]), eng, std::to_string(p["instances"].get<int>()), orUnknown(p["placements"]),
           p["min_driver"].is_null() ? "" : "R" + p["min_driver"].dump() + "+"});
  }
  t.print(std::cout);
  if (!gpu->placementsKnown())
    std::cout << "\nExact placement is unknown for this model: `migcalc check` answers 'unknown' (exit 3).\n";
  return kOk;
}

int runLayouts(const Argv& argv) {
  auto args =
      parseArgs(argv, {"--gpu", "--gpu-file", "--driver", "--profiles"}, {"--json", "--help", "--base"}, "layouts");
  if (!args) return fail(args.error(), wantsJson(argv));
  bool json = args->has("--json");
  if (args->has("--help")) {
    std::cout << "Usage: migcalc layouts (--gpu G | --gpu-file FILE) [--base | --profiles P1,P2,...] [--driver R525] "
                 "[--json]\n\n"
                 "Every maximal layout: a set of placed instances to which no further instance of the chosen profiles\n"
                 "fits. --base keeps one plain profile per size (no +me/-me/+gfx, no double-memory 1g).\n";
    return kOk;
  }
  auto gpu = resolveGpu(*args);
  if (!gpu) return fail(gpu.error(), json);
  auto driver = parseDriver(args->get("--driver"));
  if (!driver) return fail(driver.error(), json);
  std::vector<std::string> names;
  if (args->has("--base")) names = profileSet(*gpu, ProfileSet::Base);
  std::string list = args->get("--profiles");
  for (size_t from = 0; !list.empty() && from <= list.size();) {
    size_t comma = list.find(',', from);
    std::string name = list.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
    if (!name.empty()) names.push_back(name);
    if (comma == std::string::npos) break;
    from = comma + 1;
  }
  auto layouts = enumerateLayouts(*gpu, names, *driver);
  if (!layouts) {
    if (layouts.error().code == Code::PLACEMENTS_UNKNOWN) {
      std::cerr << "migcalc: " << layouts.error().message << "\n";
      if (json) printJson(errorJson(layouts.error()));
      return kUnknown;
    }
    return fail(layouts.error(), json);
  }
  if (names.empty()) names = profileSet(*gpu, ProfileSet::All);
  if (json) {
    printJson(layoutsJson(*gpu, names, *layouts));
    return kOk;
  }
  std::cout << layouts->size() << " maximal layouts of " << gpu->key << " over " << names.size() << " profiles\n\n";
  size_t n = 0;
  for (const auto& l : *layouts) {
    std::string line;
    for (const auto& i : l.instances) line += (line.empty() ? "" : ", ") + i.profile + "@" + std::to_string(i.start);
    std::cout << "  " << ++n << ". " << line << "\n";
  }
  return kOk;
}

}  // namespace migcalc::cli
